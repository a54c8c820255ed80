/* Label Studio's label config (lsconfig.h), through libexpat: a tag with
 * toName is a control, one with a name and a "$field" value an object, a
 * Label or Choice inside a control one of its labels. Expat reads no
 * external entity, and its amplification limits stop an entity bomb. */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "formats/lsconfig.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/input.h"
#include "util/xmalloc.h"

#define LS_CONFIG_MAX	((size_t)1 << 20)

struct ls_parse {
	XML_Parser	 p;
	const char	*name;
	struct ls_config *cfg;
	long		 control;	/* the control we are inside, or -1 */
	unsigned	 depth;		/* of the control's element */
	unsigned	 level;		/* of the element being read */
	int		 failed;
};

static const char *
attr(const XML_Char **a, const char *key)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(a[0], key) == 0)
			return a[1];
	return NULL;
}

static void
tag_free(struct ls_tag *t)
{
	size_t	i;

	free(t->tag);
	free(t->name);
	free(t->to_name);
	free(t->field);
	for (i = 0; i < t->nlabels; i++)
		free(t->labels[i]);
	free(t->labels);
}

/* Stops the parse with FILE:LINE: what. */
static void
ls_fail(struct ls_parse *ps, const char *what, const char *tag)
{
	if (ps->failed)
		return;
	error("%s:%lu: %s <%s>", ps->name,
	    (unsigned long)XML_GetCurrentLineNumber(ps->p), what, tag);
	ps->failed = 1;
	XML_StopParser(ps->p, XML_FALSE);
}

static void XMLCALL
ls_start(void *data, const XML_Char *el, const XML_Char **a)
{
	struct ls_parse	*ps = data;
	struct ls_config *cfg = ps->cfg;
	struct ls_tag	*t;
	const char	*name = attr(a, "name"), *to = attr(a, "toName");
	const char	*value = attr(a, "value"), *v;

	ps->level++;
	if (ps->control >= 0 && (strcmp(el, "Label") == 0 ||
	    strcmp(el, "Choice") == 0)) {
		t = &cfg->controls[ps->control];
		if (value == NULL || value[0] == '\0') {
			ls_fail(ps, "a label without a value in", el);
			return;
		}
		ARRAY_GROW(t->labels, t->nlabels + 1, t->alabels);
		t->labels[t->nlabels++] = xstrdup(value);
		return;
	}
	if (to != NULL) {
		if (name == NULL || name[0] == '\0' || to[0] == '\0') {
			ls_fail(ps, "a control needs a name and a toName:", el);
			return;
		}
		if (ps->control >= 0) {
			ls_fail(ps, "a control inside a control:", el);
			return;
		}
		ARRAY_GROW(cfg->controls, cfg->ncontrols + 1, cfg->acontrols);
		t = &cfg->controls[cfg->ncontrols];
		memset(t, 0, sizeof *t);
		t->tag = xstrdup(el);
		t->name = xstrdup(name);
		/* toName may list several objects: the first is the one. */
		t->to_name = xstrdup(to);
		t->to_name[strcspn(t->to_name, ",")] = '\0';
		v = attr(a, "choice");
		t->multiple = v != NULL && strcmp(v, "multiple") == 0;
		if ((v = attr(a, "maxRating")) != NULL)
			t->max = atoi(v);
		t->line = (unsigned long)XML_GetCurrentLineNumber(ps->p);
		ps->control = (long)cfg->ncontrols++;
		ps->depth = ps->level;
		return;
	}
	if (name != NULL && value != NULL && value[0] == '$') {
		ARRAY_GROW(cfg->objects, cfg->nobjects + 1, cfg->aobjects);
		t = &cfg->objects[cfg->nobjects++];
		memset(t, 0, sizeof *t);
		t->tag = xstrdup(el);
		t->name = xstrdup(name);
		t->field = xstrdup(value + 1);
		t->line = (unsigned long)XML_GetCurrentLineNumber(ps->p);
	}
}

static void XMLCALL
ls_end(void *data, const XML_Char *el)
{
	struct ls_parse	*ps = data;

	(void)el;
	if (ps->control >= 0 && ps->level == ps->depth)
		ps->control = -1;
	ps->level--;
}

/* What the tags say together: unique names, every toName an object. */
static int
ls_check(const struct ls_config *cfg, const char *name)
{
	size_t	i, j;

	if (cfg->ncontrols == 0)
		return error("%s: no control tag (one with a toName)", name);
	for (i = 0; i < cfg->ncontrols; i++) {
		const struct ls_tag *t = &cfg->controls[i];

		for (j = 0; j < i; j++)
			if (strcmp(cfg->controls[j].name, t->name) == 0)
				return error("%s:%lu: a second control named"
				    " '%s'", name, t->line, t->name);
		if (ls_config_object(cfg, t->to_name) == NULL)
			return error("%s:%lu: <%s name=\"%s\">: its toName"
			    " '%s' names no object tag (one with a"
			    " value=\"$field\")", name, t->line, t->tag,
			    t->name, t->to_name);
	}
	return 0;
}

struct ls_config *
ls_config_parse(const char *xml, size_t len, const char *name)
{
	struct ls_parse	 ps;
	struct ls_config *cfg = xcalloc(1, sizeof *cfg);

	memset(&ps, 0, sizeof ps);
	ps.name = name;
	ps.cfg = cfg;
	ps.control = -1;
	if ((ps.p = XML_ParserCreate("UTF-8")) == NULL)
		die("out of memory");
	XML_SetUserData(ps.p, &ps);
	XML_SetElementHandler(ps.p, ls_start, ls_end);
	if (XML_Parse(ps.p, xml, (int)len, XML_TRUE) == XML_STATUS_ERROR &&
	    !ps.failed) {
		error("%s:%lu: not a label config's XML at column %lu: %s", name,
		    (unsigned long)XML_GetCurrentLineNumber(ps.p),
		    (unsigned long)XML_GetCurrentColumnNumber(ps.p) + 1,
		    XML_ErrorString(XML_GetErrorCode(ps.p)));
		ps.failed = 1;
	}
	XML_ParserFree(ps.p);
	if (ps.failed || ls_check(cfg, name) == -1) {
		ls_config_free(cfg);
		return NULL;
	}
	return cfg;
}

struct ls_config *
ls_config_load(const char *path)
{
	struct buf	 b = BUF_INIT;
	struct ls_config *cfg = NULL;
	const char	*name;

	if (input_read(path, LS_CONFIG_MAX, INPUT_TEXT | INPUT_STRIP_BOM, &b,
	    &name) == 0)
		cfg = ls_config_parse(b.data, b.len, name);
	buf_release(&b);
	return cfg;
}

static const struct ls_tag *
find(const struct ls_tag *v, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

const struct ls_tag *
ls_config_control(const struct ls_config *cfg, const char *name)
{
	return find(cfg->controls, cfg->ncontrols, name);
}

const struct ls_tag *
ls_config_object(const struct ls_config *cfg, const char *name)
{
	return find(cfg->objects, cfg->nobjects, name);
}

void
ls_config_free(struct ls_config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->ncontrols; i++)
		tag_free(&cfg->controls[i]);
	for (i = 0; i < cfg->nobjects; i++)
		tag_free(&cfg->objects[i]);
	free(cfg->controls);
	free(cfg->objects);
	free(cfg);
}
