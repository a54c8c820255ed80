/* Positioned YAML: loading one document with libyaml's document API and
 * reading its nodes with their positions. libyaml's marks are 0-based;
 * messages give them 1-based as FILE:LINE:COLUMN. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/yaml.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/input.h"
#include "util/xmalloc.h"

/* Reports a libyaml parser error with its position. */
static int
parser_problem(const yaml_parser_t *yp, const char *text, size_t len,
    const char *file)
{
	yaml_mark_t	 m = yp->problem_mark;
	const char	*problem = yp->problem ? yp->problem : "bad YAML";
	unsigned long	 line, column;

	if (yp->error == YAML_READER_ERROR) {
		/* Only an offset: count lines and characters up to it. */
		input_position(text, len, yp->problem_offset, &line, &column);
		m.line = line - 1;
		m.column = column - 1;
		if (yp->problem_value != -1)
			return error("%s:%zu:%zu: %s (byte 0x%02X)", file,
			    m.line + 1, m.column + 1, problem,
			    (unsigned)yp->problem_value & 0xff);
	}
	if (yp->context != NULL)
		return error("%s:%zu:%zu: %s %s (at %zu:%zu)", file,
		    m.line + 1, m.column + 1, problem, yp->context,
		    yp->context_mark.line + 1, yp->context_mark.column + 1);
	return error("%s:%zu:%zu: %s", file, m.line + 1, m.column + 1,
	    problem);
}

/* Reports at an event's position, as ydoc_bad does at a node's. */
static int
event_bad(const char *file, const yaml_event_t *ev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
event_bad(const char *file, const yaml_event_t *ev, const char *fmt, ...)
{
	struct buf	msg = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	error("%s:%zu:%zu: %s", file, ev->start_mark.line + 1,
	    ev->start_mark.column + 1, buf_str(&msg));
	buf_release(&msg);
	return -1;
}

/* The anchor and the tag an event's node was written with, if any. */
static void
event_props(const yaml_event_t *ev, const char **anchor, const char **tag)
{
	*anchor = *tag = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*anchor = (const char *)ev->data.scalar.anchor;
		*tag = (const char *)ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		*anchor = (const char *)ev->data.sequence_start.anchor;
		*tag = (const char *)ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		*anchor = (const char *)ev->data.mapping_start.anchor;
		*tag = (const char *)ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
}

/*
 * Reads the text's parse events before anything is built from them:
 * libyaml's loader takes time that grows with the square of the nesting
 * (100,000 brackets: half a minute), and builds what the readers would
 * refuse anyway. So nesting deeper than YDOC_MAX_DEPTH, an anchor, an
 * alias and a tag are refused here, at their position, in time linear in
 * the text; a parser problem is left for the loader to report.
 */
static int
prescan(const char *text, size_t len, const char *file)
{
	yaml_parser_t	 yp;
	yaml_event_t	 ev;
	const char	*anchor, *tag;
	int		 depth = 0, rc = 0, done = 0;

	yaml_parser_initialize(&yp);
	yaml_parser_set_input_string(&yp, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&yp, &ev))
			break;
		event_props(&ev, &anchor, &tag);
		if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		else if (ev.type == YAML_ALIAS_EVENT)
			rc = event_bad(file, &ev, "an alias (*%s): anchors and"
			    " aliases are not supported, write the value out",
			    (const char *)ev.data.alias.anchor);
		else if (anchor != NULL)
			rc = event_bad(file, &ev, "an anchor (&%s): anchors and"
			    " aliases are not supported, write the value out",
			    anchor);
		else if (tag != NULL)
			rc = event_bad(file, &ev, "a tag (%s): every value is"
			    " read as text, write it without one", tag);
		else if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YDOC_MAX_DEPTH)
				rc = event_bad(file, &ev, "nested more than %d"
				    " deep: a config is a few levels of"
				    " mappings and lists", YDOC_MAX_DEPTH);
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	return rc;
}

int
ydoc_load(struct ydoc *y, const char *text, size_t len, const char *file,
    const yaml_node_t **root)
{
	yaml_parser_t	 yp;
	yaml_document_t	 more;
	yaml_node_t	*top, *extra;
	int		 rc = -1;

	y->file = file;
	*root = NULL;
	/* A byte-order mark (Windows editors write one) is dropped: with the
	 * encoding set, libyaml would count it as a column of line 1 and
	 * misread the indentation under it. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (prescan(text, len, file) == -1)
		return -1;
	yaml_parser_initialize(&yp);
	yaml_parser_set_input_string(&yp, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&yp, &y->doc)) {
		parser_problem(&yp, text, len, file);
		goto out;
	}
	y->loaded = 1;
	if ((top = yaml_document_get_root_node(&y->doc)) == NULL) {
		rc = 0;
		goto out;
	}
	/* One document only: a second one is more likely a mistake. */
	if (!yaml_parser_load(&yp, &more)) {
		parser_problem(&yp, text, len, file);
		goto out;
	}
	extra = yaml_document_get_root_node(&more);
	if (extra != NULL)
		ydoc_bad(y, extra, "a second YAML document (---): a config is"
		    " one document");
	yaml_document_delete(&more);
	if (extra != NULL)
		goto out;
	*root = top;
	rc = 0;
out:
	yaml_parser_delete(&yp);
	return rc;
}

void
ydoc_release(struct ydoc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

static void
vreport(const struct ydoc *y, const yaml_node_t *n, int is_warning,
    const char *fmt, va_list ap)
{
	struct buf	msg = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	if (is_warning)
		warning("%s:%zu:%zu: %s", y->file, n->start_mark.line + 1,
		    n->start_mark.column + 1, buf_str(&msg));
	else
		error("%s:%zu:%zu: %s", y->file, n->start_mark.line + 1,
		    n->start_mark.column + 1, buf_str(&msg));
	buf_release(&msg);
}

int
ydoc_bad(const struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vreport(y, n, 0, fmt, ap);
	va_end(ap);
	return -1;
}

void
ydoc_warn(const struct ydoc *y, const yaml_node_t *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vreport(y, n, 1, fmt, ap);
	va_end(ap);
}

/* The node id refers to (never one reached twice: prescan refused
 * aliases). */
static const yaml_node_t *
node_get(struct ydoc *y, int id)
{
	return yaml_document_get_node(&y->doc, id);
}

int
ydoc_scalar(const struct ydoc *y, const yaml_node_t *n, const char *what,
    const char **s)
{
	if (n->type != YAML_SCALAR_NODE)
		return ydoc_bad(y, n, "%s must be text, not a %s", what,
		    n->type == YAML_MAPPING_NODE ? "mapping" : "list");
	*s = (const char *)n->data.scalar.value;
	if (strlen(*s) != n->data.scalar.length)
		return ydoc_bad(y, n, "%s holds a NUL character", what);
	return 0;
}

int
ydoc_scalar_dup(const struct ydoc *y, const yaml_node_t *n, const char *what,
    char **out)
{
	const char	*s;

	if (ydoc_scalar(y, n, what, &s) == -1)
		return -1;
	free(*out);
	*out = xstrdup(s);
	return 0;
}

int
ydoc_boolean(const struct ydoc *y, const yaml_node_t *n, const char *what,
    int *v)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	const char	*s;
	size_t		 i;

	if (ydoc_scalar(y, n, what, &s) == -1)
		return -1;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*v = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*v = 0;
			return 0;
		}
	}
	return ydoc_bad(y, n, "%s must be true or false, not \"%s\"", what, s);
}

int
ydoc_number(const struct ydoc *y, const yaml_node_t *n, const char *what,
    int min, int max, int *v)
{
	const char	*s, *q;
	long		 x = 0;

	if (ydoc_scalar(y, n, what, &s) == -1)
		return -1;
	for (q = s; *q >= '0' && *q <= '9' && x <= max; q++)
		x = x * 10 + (*q - '0');
	if (*s == '\0' || *q != '\0' || x < min || x > max)
		return ydoc_bad(y, n, "%s must be a whole number from %d to %d,"
		    " not \"%s\"", what, min, max, s);
	*v = (int)x;
	return 0;
}

/* Refuses a key that is not among keys[], naming them. */
static int
unknown_key(const struct ydoc *y, const yaml_node_t *k, const char *name,
    const char *what, const char *const *keys, size_t nkeys)
{
	struct buf	known = BUF_INIT;
	size_t		i;

	for (i = 0; i < nkeys; i++)
		buf_printf(&known, "%s%s", i ? ", " : "", keys[i]);
	/* scalec spells colour one way throughout; the other spelling is
	 * the one slip common enough to name. */
	ydoc_bad(y, k, "unknown key \"%s\" in %s%s (known: %s)", name, what,
	    strcmp(name, "color") == 0 ? "; it is spelt \"colour\"" : "",
	    buf_str(&known));
	buf_release(&known);
	return -1;
}

int
ydoc_mapping(struct ydoc *y, const yaml_node_t *n, const char *what,
    const char *const *keys, size_t nkeys, ydoc_field_fn fn,
    ydoc_unknown_fn unknown, void *arg)
{
	const yaml_node_pair_t	*pair;
	const yaml_node_t	*k, *v;
	unsigned char		*given;
	const char		*name;
	size_t			 i;
	int			 rc = -1;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_bad(y, n, "%s must be a mapping (key: value), not"
		    " %s", what, n->type == YAML_SCALAR_NODE ? "text" :
		    "a list");
	given = xcalloc(nkeys + 1, 1);
	for (pair = n->data.mapping.pairs.start;
	    pair < n->data.mapping.pairs.top; pair++) {
		if ((k = node_get(y, pair->key)) == NULL ||
		    ydoc_scalar(y, k, "a key", &name) == -1)
			goto out;
		for (i = 0; i < nkeys; i++)
			if (strcmp(keys[i], name) == 0)
				break;
		if (i == nkeys) {
			if (unknown == NULL) {
				unknown_key(y, k, name, what, keys, nkeys);
				goto out;
			}
			if (unknown(y, k, name, arg) == -1)
				goto out;
			continue;
		}
		if (given[i]) {
			ydoc_bad(y, k, "\"%s\" is given twice in %s", name,
			    what);
			goto out;
		}
		given[i] = 1;
		if ((v = node_get(y, pair->value)) == NULL ||
		    fn(y, (int)i, v, arg) == -1)
			goto out;
	}
	rc = 0;
out:
	free(given);
	return rc;
}

int
ydoc_pairs(struct ydoc *y, const yaml_node_t *n, const char *what,
    ydoc_pair_fn fn, void *arg)
{
	const yaml_node_pair_t	*pair, *p;
	const yaml_node_t	*k, *v, *pk;
	const char		*name, *pname;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_bad(y, n, "%s must be a mapping (key: value), not"
		    " %s", what, n->type == YAML_SCALAR_NODE ? "text" :
		    "a list");
	for (pair = n->data.mapping.pairs.start;
	    pair < n->data.mapping.pairs.top; pair++) {
		if ((k = node_get(y, pair->key)) == NULL ||
		    ydoc_scalar(y, k, "a key", &name) == -1)
			return -1;
		/* The keys before were read already: compare their text. */
		for (p = n->data.mapping.pairs.start; p < pair; p++) {
			pk = yaml_document_get_node(&y->doc, p->key);
			pname = (const char *)pk->data.scalar.value;
			if (strcmp(pname, name) == 0)
				return ydoc_bad(y, k, "\"%s\" is given twice in"
				    " %s", name, what);
		}
		if ((v = node_get(y, pair->value)) == NULL ||
		    fn(y, k, name, v, arg) == -1)
			return -1;
	}
	return 0;
}

int
ydoc_sequence(struct ydoc *y, const yaml_node_t *n, const char *what,
    ydoc_item_fn fn, void *arg)
{
	const yaml_node_item_t	*it;
	const yaml_node_t	*v;

	if (n->type != YAML_SEQUENCE_NODE)
		return ydoc_bad(y, n, "%s must be a list (- item), not %s",
		    what, n->type == YAML_SCALAR_NODE ? "text" : "a mapping");
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		if ((v = node_get(y, *it)) == NULL || fn(y, v, arg) == -1)
			return -1;
	return 0;
}
