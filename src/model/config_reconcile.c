/* Editing a project's config without losing what its annotations use:
 * what the new config drops and annotations still name is carried into it
 * as retired labels and controls (with --force, or where they were retired
 * already), so that old annotations keep their meaning. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Appends to c a copy of the label from and returns it. */
static struct label *
label_append(struct control *c, const struct label *from)
{
	struct label	*l;

	c->labels = xreallocarray(c->labels, c->nlabels + 1,
	    sizeof *c->labels);
	l = &c->labels[c->nlabels++];
	memset(l, 0, sizeof *l);
	l->name = xstrdup(from->name);
	l->key = xstrdup(from->key);
	l->description = xstrdup(from->description);
	l->colour = xstrdup(from->colour);
	l->retired = from->retired;
	l->has_id = from->has_id;
	l->id = from->id;
	return l;
}

void
control_keep_label(struct control *c, const struct label *from)
{
	struct label	*l = label_append(c, from);

	l->key[0] = '\0';	/* a retired label leaves the palette */
	l->retired = 1;
}

void
config_keep_control(struct config *cfg, const struct control *from)
{
	struct control	*c;
	size_t		 i;

	cfg->controls = xreallocarray(cfg->controls, cfg->ncontrols + 1,
	    sizeof *cfg->controls);
	c = &cfg->controls[cfg->ncontrols++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(from->name);
	c->kind = from->kind;
	c->max = from->max;
	c->allow_empty = from->allow_empty;
	c->multiline = from->multiline;
	c->retired = 1;
	for (i = 0; i < from->nlabels; i++)
		label_append(c, &from->labels[i]);
}

static void
note_retired(json_t *retired, const char *control, const char *label,
    int64_t n)
{
	json_array_append_new(retired, json_pack("{s:s, s:o, s:I}",
	    "control", control, "label", label ? json_string(label) :
	    json_null(), "annotations", (json_int_t)n));
}

static struct control *
find_control(struct config *cfg, const char *name)
{
	size_t	i;

	for (i = 0; i < cfg->ncontrols; i++)
		if (strcmp(cfg->controls[i].name, name) == 0)
			return &cfg->controls[i];
	return NULL;
}

/* The labels of old control i that nc drops and annotations use. */
static int
reconcile_labels(const struct control *oc, const int64_t *uses,
    struct control *nc, int force, json_t *retired)
{
	const struct label	*ol;
	size_t			 j, n = oc->nlabels;
	int			 refused = 0;

	for (j = 0; j < n; j++) {
		ol = &oc->labels[j];
		if (uses[j] == 0 || control_label(nc, ol->name) != NULL)
			continue;
		if (!ol->retired && !force) {
			error("label \"%s\" of control \"%s\" is used by %lld"
			    " annotation%s: it would be retired (kept on them,"
			    " out of the palette); give --force to retire it",
			    ol->name, oc->name, (long long)uses[j],
			    uses[j] == 1 ? "" : "s");
			refused = 1;
			continue;
		}
		control_keep_label(nc, ol);
		if (!ol->retired)
			note_retired(retired, oc->name, ol->name, uses[j]);
	}
	return refused;
}

/* 1 when a label of c other than l takes key. */
static int
key_taken(const struct control *c, const struct label *l, const char *key)
{
	size_t	i;

	for (i = 0; i < c->nlabels; i++)
		if (&c->labels[i] != l && strcmp(c->labels[i].key, key) == 0)
			return 1;
	return 0;
}

/*
 * Stable keys: a label of nc whose key the edit did not write (a digit it
 * took by its place) gets back the key it had in oc, unless a key the
 * edit wrote takes it; the labels still without one then take the free
 * digits. Retiring a label never moves the others.
 */
static void
keep_keys(const struct control *oc, struct control *nc)
{
	const struct label	*ol;
	struct label		*l;
	size_t			 i;

	for (i = 0; i < nc->nlabels; i++)
		if (nc->labels[i].key_line == 0)
			nc->labels[i].key[0] = '\0';
	for (i = 0; i < nc->nlabels; i++) {
		l = &nc->labels[i];
		if (l->retired || l->key_line > 0 ||
		    (ol = control_label(oc, l->name)) == NULL ||
		    ol->retired || ol->key[0] == '\0' ||
		    key_taken(nc, l, ol->key))
			continue;
		free(l->key);
		l->key = xstrdup(ol->key);
	}
	control_assign_keys(nc);
}

/* 1 when a label of c other than l has the id id. */
static int
id_taken(const struct control *c, const struct label *l, int id)
{
	size_t	i;

	for (i = 0; i < c->nlabels; i++)
		if (&c->labels[i] != l && c->labels[i].has_id &&
		    c->labels[i].id == id)
			return 1;
	return 0;
}

/*
 * Stable ids, as keys: a label of nc the edit gave no id: (--labels never
 * does) keeps the id its name had in oc, unless another label of nc took
 * it, so that COCO's category ids survive a relabelling.
 */
static void
keep_ids(const struct control *oc, struct control *nc)
{
	const struct label	*ol;
	struct label		*l;
	size_t			 i;

	for (i = 0; i < nc->nlabels; i++) {
		l = &nc->labels[i];
		if (l->has_id || (ol = control_label(oc, l->name)) == NULL ||
		    !ol->has_id || id_taken(nc, l, ol->id))
			continue;
		l->has_id = 1;
		l->id = ol->id;
	}
}

int
config_reconcile(const struct config *old, struct config *cfg,
    const struct answer_uses *uses, int force, json_t *retired)
{
	const struct control	*oc;
	struct control		*nc;
	int64_t			 n;
	size_t			 i;
	int			 refused = 0;

	for (i = 0; i < old->ncontrols; i++) {
		oc = &old->controls[i];
		nc = find_control(cfg, oc->name);
		if (nc != NULL && nc->kind == oc->kind) {
			keep_keys(oc, nc);
			keep_ids(oc, nc);
			refused |= reconcile_labels(oc, uses->label[i], nc,
			    force, retired);
			continue;
		}
		if ((n = uses->control[i]) == 0)
			continue;
		if (nc != NULL) {
			error("control \"%s\" would change kind from %s to %s,"
			    " but %lld annotation%s use it: give the new"
			    " control another name", oc->name,
			    control_kind_name(oc->kind),
			    control_kind_name(nc->kind), (long long)n,
			    n == 1 ? "" : "s");
			refused = 1;
		} else if (!oc->retired && !force) {
			error("control \"%s\" is used by %lld annotation%s: it"
			    " would be retired (kept on them, off the screens);"
			    " give --force to retire it", oc->name,
			    (long long)n, n == 1 ? "" : "s");
			refused = 1;
		} else {
			config_keep_control(cfg, oc);
			if (!oc->retired)
				note_retired(retired, oc->name, NULL, n);
		}
	}
	return refused ? -1 : 0;
}
