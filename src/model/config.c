/* The label config: reading it from YAML, checking it, and the presets of
 * the project types; config_emit.c writes it back, config_reconcile.c
 * keeps what annotations use through an edit. The YAML is read through
 * model/yaml.h, so that every refusal names the position of what it
 * refuses; this file keeps what the fields mean. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "model/colour.h"
#include "model/config.h"
#include "model/yaml.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/input.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define CONFIG_MAX_BYTES	(1024 * 1024)
#define NAME_MAX_BYTES		64	/* a control's name */
#define LABEL_MAX_BYTES		200	/* a label's name */
#define RATING_MIN		2
#define RATING_MAX		10
#define RATING_DEFAULT		5

static void
label_release(struct label *l)
{
	free(l->name);
	free(l->key);
	free(l->description);
	free(l->colour);
}

static void
control_release(struct control *c)
{
	size_t	i;

	for (i = 0; i < c->nlabels; i++)
		label_release(&c->labels[i]);
	free(c->labels);
	free(c->name);
}

void
config_free(struct config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->ncontrols; i++)
		control_release(&cfg->controls[i]);
	free(cfg->controls);
	free(cfg->type);
	free(cfg->instructions);
	keybinds_release(&cfg->keys);
	free(cfg);
}

static struct config *
config_new(void)
{
	struct config	*cfg = xcalloc(1, sizeof *cfg);

	cfg->type = xstrdup("");
	cfg->instructions = xstrdup("");
	cfg->review = (struct review_policy)REVIEW_POLICY_INIT;
	cfg->gold = (struct gold_policy)GOLD_POLICY_INIT;
	return cfg;
}

const struct control *
config_control(const struct config *cfg, const char *name)
{
	size_t	i;

	for (i = 0; i < cfg->ncontrols; i++)
		if (strcmp(cfg->controls[i].name, name) == 0)
			return &cfg->controls[i];
	return NULL;
}

const struct label *
control_label(const struct control *c, const char *name)
{
	size_t	i;

	for (i = 0; i < c->nlabels; i++)
		if (strcmp(c->labels[i].name, name) == 0)
			return &c->labels[i];
	return NULL;
}

/* Whether a label holds id: one given (has[j]) or one numbered (j < upto). */
static int
label_id_taken(const int *ids, const int *has, size_t n, size_t upto, int id)
{
	size_t	j;

	for (j = 0; j < n; j++)
		if ((has[j] || j < upto) && ids[j] == id)
			return 1;
	return 0;
}

void
label_ids(int *ids, const int *has, size_t n)
{
	size_t	i;
	int	next = 0, full = 0, gap = 1;

	for (i = 0; i < n; i++)
		if (has[i] && ids[i] >= next) {
			full = ids[i] == INT_MAX;
			next = full ? INT_MAX : ids[i] + 1;
		}
	if (next == 0)
		next = 1;
	for (i = 0; i < n; i++) {
		if (has[i])
			continue;
		/*
		 * After the highest id while there is room; once INT_MAX is
		 * held, the lowest id no label holds, so no two share one.
		 */
		if (!full) {
			ids[i] = next;
			if (next == INT_MAX)
				full = 1;
			else
				next++;
			continue;
		}
		while (label_id_taken(ids, has, n, i, gap))
			gap++;
		ids[i] = gap;
	}
}

/* Appends an empty label to c and returns it. */
static struct label *
control_new_label(struct control *c)
{
	struct label	*l;

	c->labels = xreallocarray(c->labels, c->nlabels + 1,
	    sizeof *c->labels);
	l = &c->labels[c->nlabels++];
	memset(l, 0, sizeof *l);
	return l;
}

/*
 * Checks: why a string cannot be a control's name, a label's name, a key or
 * a colour; NULL when it can. Shared by the parse and the presets.
 */
static const char *
control_name_problem(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return "is empty";
	if (strlen(s) > NAME_MAX_BYTES)
		return "is longer than 64 characters";
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' ||
		    (p != s && (*p == '-' || *p == '.'))))
			return "must be a word: letters, digits, '_', and '-'"
			    " or '.' after the first character";
	return NULL;
}

static const char *
label_name_problem(const char *s)
{
	size_t		 len = strlen(s), i = 0;
	uint32_t	 cp;
	char		 vis[16];
	int		 n;

	if (len == 0)
		return "is empty";
	if (len > LABEL_MAX_BYTES)
		return "is longer than 200 bytes";
	if (s[0] == ' ' || s[len - 1] == ' ')
		return "starts or ends with a space";
	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0)
			return "is not valid UTF-8";
		if (escape_cp(cp, vis))
			return "holds a control character";
		i += (size_t)n;
	}
	return NULL;
}

/* Fills *cp with the key's one character; a problem or NULL. */
static const char *
key_problem(const char *s, uint32_t *cp)
{
	size_t	len = strlen(s);
	char	vis[16];
	int	n;

	if ((n = utf8_decode(s, len, cp)) < 0)
		return "is not valid UTF-8";
	if ((size_t)n != len)
		return "must be one character";
	if (escape_cp(*cp, vis))
		return "is not a printable character";
	return NULL;
}

/* Normalises a colour in place (lower case); a problem or NULL. */
static const char *
colour_problem(char *s)
{
	size_t	i;

	if (*s == '\0')
		return NULL;
	if (s[0] == '#') {
		if (strlen(s) != 7)
			return "must be a name or #rrggbb";
		for (i = 1; i < 7; i++) {
			if (!((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'f') ||
			    (s[i] >= 'A' && s[i] <= 'F')))
				return "must be a name or #rrggbb";
			if (s[i] >= 'A' && s[i] <= 'F')
				s[i] = (char)(s[i] - 'A' + 'a');
		}
		return NULL;
	}
	if ((i = (size_t)colour_from_name(s)) < COLOUR__COUNT) {
		strcpy(s, colour_name((int)i));
		return NULL;
	}
	return "is not one of " COLOUR_NAMES " or #rrggbb";
}

/*
 * Labels without a key of their own take the digits 1-9 in order, skipping
 * digits that another label names; past nine a label has no key (the screen
 * offers a picker). Retired labels have no key.
 */
void
control_assign_keys(struct control *c)
{
	int	taken[10] = { 0 }, d = 1;
	size_t	i;

	for (i = 0; i < c->nlabels; i++) {
		const char *k = c->labels[i].key;

		if (!c->labels[i].retired && k[0] >= '1' && k[0] <= '9' &&
		    k[1] == '\0')
			taken[k[0] - '0'] = 1;
	}
	for (i = 0; i < c->nlabels; i++) {
		struct label *l = &c->labels[i];

		if (l->retired || l->key[0] != '\0')
			continue;
		while (d <= 9 && taken[d])
			d++;
		if (d > 9)
			break;
		free(l->key);
		l->key = xasprintf("%d", d++);
	}
}

/*
 * The parse, through model/yaml.h: per mapping, a table of its keys and a
 * callback for each field; the nodes of the fields that later checks
 * name are kept for their positions.
 */
struct label_parse {
	struct control		*c;
	struct label		*l;
	const yaml_node_t	*name, *key, *id;
};

enum { LF_NAME, LF_KEY, LF_DESCRIPTION, LF_COLOUR, LF_RETIRED, LF_ID };
static const char *const label_keys[] = {
	[LF_NAME] = "name", [LF_KEY] = "key",
	[LF_DESCRIPTION] = "description", [LF_COLOUR] = "colour",
	[LF_RETIRED] = "retired", [LF_ID] = "id",
};

static int
label_field(struct ydoc *y, int idx, const yaml_node_t *v, void *arg)
{
	struct label_parse	*lp = arg;
	struct label		*l = lp->l;
	const char		*why;

	switch (idx) {
	case LF_NAME:
		lp->name = v;
		return ydoc_scalar_dup(y, v, "a label's name", &l->name);
	case LF_KEY:
		lp->key = v;
		return ydoc_scalar_dup(y, v, "a label's key", &l->key);
	case LF_DESCRIPTION:
		return ydoc_scalar_dup(y, v, "a label's description",
		    &l->description);
	case LF_COLOUR:
		if (ydoc_scalar_dup(y, v, "a label's colour",
		    &l->colour) == -1)
			return -1;
		if ((why = colour_problem(l->colour)) != NULL)
			return ydoc_bad(y, v, "colour \"%s\" %s", l->colour,
			    why);
		return 0;
	case LF_RETIRED:
		return ydoc_boolean(y, v, "retired", &l->retired);
	case LF_ID:
		lp->id = v;
		l->has_id = 1;
		return ydoc_number(y, v, "a label's id", 0, INT_MAX, &l->id);
	}
	return 0;
}

static int
label_item(struct ydoc *y, const yaml_node_t *n, void *arg)
{
	struct control		*c = arg;
	struct label_parse	 lp = { c, NULL, NULL, NULL, NULL };
	struct label		*l;
	const struct label	*other;
	const char		*why;
	uint32_t		 cp;
	size_t			 i;

	lp.l = l = control_new_label(c);
	l->name = xstrdup("");
	l->key = xstrdup("");
	l->description = xstrdup("");
	l->colour = xstrdup("");
	if (n->type == YAML_SCALAR_NODE) {
		/* "- PER" is short for "- {name: PER}". */
		lp.name = n;
		if (ydoc_scalar_dup(y, n, "a label", &l->name) == -1)
			return -1;
	} else if (ydoc_mapping(y, n, "a label", label_keys,
	    ARRAY_SIZE(label_keys), label_field, NULL, &lp) == -1)
		return -1;
	if (lp.name == NULL)
		return ydoc_bad(y, n, "a label of control \"%s\" has no name",
		    c->name);
	if ((why = label_name_problem(l->name)) != NULL)
		return ydoc_bad(y, lp.name, "label name \"%s\" %s", l->name,
		    why);
	for (i = 0; i + 1 < c->nlabels; i++)
		if (strcmp(c->labels[i].name, l->name) == 0)
			return ydoc_bad(y, lp.name, "label \"%s\" is given"
			    " twice in control \"%s\"", l->name, c->name);
	for (i = 0; l->has_id && i + 1 < c->nlabels; i++)
		if (c->labels[i].has_id && c->labels[i].id == l->id)
			return ydoc_bad(y, lp.id, "label \"%s\" takes id %d,"
			    " which label \"%s\" already has", l->name, l->id,
			    c->labels[i].name);
	if (l->retired) {
		/* A retired label leaves the palette, and its key with it. */
		l->key[0] = '\0';
		return 0;
	}
	if (l->key[0] == '\0')
		return 0;
	if ((why = key_problem(l->key, &cp)) != NULL)
		return ydoc_bad(y, lp.key, "key \"%s\" of label \"%s\" %s",
		    l->key, l->name, why);
	/* Whether a screen reserves the key is the screens' to say
	 * (tui/keymap.c keymap_check_config): keep where it was written. */
	l->key_line = (unsigned)lp.key->start_mark.line + 1;
	l->key_col = (unsigned)lp.key->start_mark.column + 1;
	for (i = 0; i + 1 < c->nlabels; i++) {
		other = &c->labels[i];
		if (!other->retired && strcmp(other->key, l->key) == 0)
			return ydoc_bad(y, lp.key, "label \"%s\" takes key"
			    " \"%s\", which label \"%s\" already has", l->name,
			    l->key, other->name);
	}
	return 0;
}

struct control_parse {
	struct config		*cfg;
	struct control		*c;
	const yaml_node_t	*name, *kind, *labels, *max, *allow_empty,
				*multiline;
};

enum { CF_NAME, CF_KIND, CF_LABELS, CF_MAX, CF_RETIRED, CF_ALLOW_EMPTY,
	CF_MULTILINE };
static const char *const control_keys[] = {
	[CF_NAME] = "name", [CF_KIND] = "kind", [CF_LABELS] = "labels",
	[CF_MAX] = "max", [CF_RETIRED] = "retired",
	[CF_ALLOW_EMPTY] = "allow_empty", [CF_MULTILINE] = "multiline",
};

static int
control_field(struct ydoc *y, int idx, const yaml_node_t *v, void *arg)
{
	struct control_parse	*cp = arg;
	const char		*s;

	switch (idx) {
	case CF_NAME:
		cp->name = v;
		return ydoc_scalar_dup(y, v, "a control's name",
		    &cp->c->name);
	case CF_KIND:
		cp->kind = v;
		return ydoc_scalar(y, v, "a control's kind", &s);
	case CF_LABELS:
		cp->labels = v;
		return 0;	/* read once the name and kind are known */
	case CF_MAX:
		cp->max = v;
		return ydoc_number(y, v, "max", RATING_MIN, RATING_MAX,
		    &cp->c->max);
	case CF_RETIRED:
		return ydoc_boolean(y, v, "retired", &cp->c->retired);
	case CF_ALLOW_EMPTY:
		cp->allow_empty = v;
		return ydoc_boolean(y, v, "allow_empty",
		    &cp->c->allow_empty);
	case CF_MULTILINE:
		cp->multiline = v;
		return ydoc_boolean(y, v, "multiline", &cp->c->multiline);
	}
	return 0;
}

static int
control_item(struct ydoc *y, const yaml_node_t *n, void *arg)
{
	struct config		*cfg = arg;
	struct control_parse	 cp = { cfg, NULL, NULL, NULL, NULL, NULL,
				    NULL, NULL };
	struct control		*c;
	const char		*why, *kind;
	size_t			 i;
	int			 k, active = 0;

	cfg->controls = xreallocarray(cfg->controls, cfg->ncontrols + 1,
	    sizeof *cfg->controls);
	cp.c = c = &cfg->controls[cfg->ncontrols++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup("");
	if (ydoc_mapping(y, n, "a control", control_keys,
	    ARRAY_SIZE(control_keys), control_field, NULL, &cp) == -1)
		return -1;
	if (cp.name == NULL)
		return ydoc_bad(y, n, "a control has no name");
	if ((why = control_name_problem(c->name)) != NULL)
		return ydoc_bad(y, cp.name, "control name \"%s\" %s", c->name,
		    why);
	for (i = 0; i + 1 < cfg->ncontrols; i++)
		if (strcmp(cfg->controls[i].name, c->name) == 0)
			return ydoc_bad(y, cp.name, "control \"%s\" is given"
			    " twice", c->name);
	if (cp.kind == NULL)
		return ydoc_bad(y, n, "control \"%s\" has no kind (one of "
		    CONTROL_KIND_NAMES ")", c->name);
	kind = (const char *)cp.kind->data.scalar.value;
	if ((k = control_kind_from_name(kind)) == -1)
		return ydoc_bad(y, cp.kind, "unknown kind \"%s\" (one of "
		    CONTROL_KIND_NAMES ")", kind);
	c->kind = (enum control_kind)k;
	if (cp.max != NULL && c->kind != CONTROL_RATING)
		return ydoc_bad(y, cp.max, "max applies to a rating control"
		    " only");
	if (cp.allow_empty != NULL && c->kind != CONTROL_MULTICHOICE)
		return ydoc_bad(y, cp.allow_empty, "allow_empty applies to a"
		    " multichoice control only");
	if (cp.multiline != NULL && c->kind != CONTROL_TEXT)
		return ydoc_bad(y, cp.multiline, "multiline applies to a text"
		    " control only");
	if (c->kind == CONTROL_RATING && cp.max == NULL)
		c->max = RATING_DEFAULT;
	if (!control_has_labels(c->kind)) {
		if (cp.labels != NULL)
			return ydoc_bad(y, cp.labels, "a %s control takes no"
			    " labels", kind);
		return 0;
	}
	if (cp.labels == NULL)
		return ydoc_bad(y, n, "control \"%s\" has no labels", c->name);
	if (ydoc_sequence(y, cp.labels, "labels", label_item, c) == -1)
		return -1;
	for (i = 0; i < c->nlabels; i++)
		active += !c->labels[i].retired;
	if (c->nlabels == 0)
		return ydoc_bad(y, cp.labels, "control \"%s\" has no labels",
		    c->name);
	if (active == 0 && !c->retired)
		return ydoc_bad(y, cp.labels, "every label of control \"%s\""
		    " is retired: keep one in use, or retire the control",
		    c->name);
	control_assign_keys(c);
	return 0;
}

enum { SF_REQUIRE_ENTER, SF_REVIEW, SF_ON_REJECT, SF_FINAL, SF_COMMENT,
	SF_GOLD_RATE, SF_GOLD_ONBOARDING, SF_GOLD_MIN_SCORE, SF_GOLD_MATCH,
	SF_GOLD_MIN_TASKS, SF_GOLD_PAUSE, SF_CONSENSUS_MIN, SF_EXTRA_BELOW,
	SF_EXTRA_MAX };
static const char *const settings_keys[] = {
	[SF_REQUIRE_ENTER] = "require_enter", [SF_REVIEW] = "review",
	[SF_ON_REJECT] = "on_reject", [SF_FINAL] = "final",
	[SF_COMMENT] = "comment_required", [SF_GOLD_RATE] = "gold_rate",
	[SF_GOLD_ONBOARDING] = "gold_onboarding",
	[SF_GOLD_MIN_SCORE] = "gold_min_score", [SF_GOLD_MATCH] = "gold_match",
	[SF_GOLD_MIN_TASKS] = "gold_min_tasks", [SF_GOLD_PAUSE] = "gold_pause",
	[SF_CONSENSUS_MIN] = "consensus_min",
	[SF_EXTRA_BELOW] = "extra_annotators_below",
	[SF_EXTRA_MAX] = "extra_annotators_max",
};

/* The gold settings (model/gold.h), at their positions. */
static int
gold_field(struct ydoc *y, int idx, const yaml_node_t *v, struct config *cfg)
{
	struct gold_policy	*g = &cfg->gold;
	const char		*s;

	switch (idx) {
	case SF_GOLD_ONBOARDING:
		return ydoc_number(y, v, "gold_onboarding", 0,
		    GOLD_ONBOARDING_MAX, &g->onboarding);
	case SF_GOLD_MIN_TASKS:
		return ydoc_number(y, v, "gold_min_tasks", 1,
		    GOLD_MIN_TASKS_MAX, &g->min_tasks);
	case SF_GOLD_PAUSE:
		return ydoc_boolean(y, v, "gold_pause", &g->pause);
	}
	if (ydoc_scalar(y, v, settings_keys[idx], &s) == -1)
		return -1;
	switch (idx) {
	case SF_GOLD_RATE:
		if (gold_fraction_read(s, &g->rate) == -1)
			return ydoc_bad(y, v, "gold_rate must be a share from"
			    " 0 to 1 (0.1: every 10th task is gold), not"
			    " \"%s\"", s);
		return 0;
	case SF_GOLD_MIN_SCORE:
		if (gold_fraction_read(s, &g->min_score) == -1)
			return ydoc_bad(y, v, "gold_min_score must be a score"
			    " from 0 to 1, not \"%s\"", s);
		return 0;
	case SF_GOLD_MATCH:
		if (gold_match_read(s, g) == -1)
			return ydoc_bad(y, v, "gold_match must be "
			    GOLD_MATCH_STRICT " or " GOLD_MATCH_LENIENT ","
			    " not \"%s\"", s);
		return 0;
	}
	return 0;
}

static int
settings_field(struct ydoc *y, int idx, const yaml_node_t *v, void *arg)
{
	struct config	*cfg = arg;
	const char	*s;

	if (idx >= SF_GOLD_RATE && idx <= SF_GOLD_PAUSE)
		return gold_field(y, idx, v, cfg);
	switch (idx) {
	case SF_REQUIRE_ENTER:
		return ydoc_boolean(y, v, "require_enter", &cfg->require_enter);
	case SF_COMMENT:
		cfg->review_said |= CONFIG_SAID_COMMENT;
		return ydoc_boolean(y, v, "comment_required",
		    &cfg->review.comment_required);
	case SF_CONSENSUS_MIN:
		return ydoc_number(y, v, "consensus_min", 1, OVERLAP_MAX,
		    &cfg->consensus_min);
	case SF_EXTRA_MAX:
		return ydoc_number(y, v, "extra_annotators_max", 1,
		    OVERLAP_MAX, &cfg->extra_max);
	}
	if (ydoc_scalar(y, v, settings_keys[idx], &s) == -1)
		return -1;
	switch (idx) {
	case SF_REVIEW:
		cfg->review_said |= CONFIG_SAID_REVIEW;
		if (review_policy_read(s, &cfg->review) == -1)
			return ydoc_bad(y, v, "review must be none, all or"
			    " sample:N (N from 1 to 100), not \"%s\"", s);
		return 0;
	case SF_EXTRA_BELOW:
		if (gold_fraction_read(s, &cfg->extra_below) == -1)
			return ydoc_bad(y, v, "extra_annotators_below must be"
			    " an agreement score from 0 to 1, not \"%s\"", s);
		return 0;
	case SF_ON_REJECT:
		cfg->review_said |= CONFIG_SAID_ON_REJECT;
		if (review_on_reject_read(s, &cfg->review) == -1)
			return ydoc_bad(y, v, "on_reject must be "
			    ON_REJECT_REQUEUE " or " ON_REJECT_REMOVE ", not"
			    " \"%s\"", s);
		return 0;
	case SF_FINAL:
		cfg->review_said |= CONFIG_SAID_FINAL;
		if (review_final_read(s, &cfg->review) == -1)
			return ydoc_bad(y, v, "final must be " FINAL_OPTIONAL
			    " or " FINAL_REQUIRED ", not \"%s\"", s);
		return 0;
	}
	return 0;
}

struct top_parse {
	struct config		*cfg;
	const yaml_node_t	*controls;
};

enum { TF_TYPE, TF_INSTRUCTIONS, TF_OVERLAP, TF_SETTINGS, TF_CONTROLS,
    TF_KEYS };
static const char *const top_keys[] = {
	[TF_TYPE] = "type", [TF_INSTRUCTIONS] = "instructions",
	[TF_OVERLAP] = "overlap", [TF_SETTINGS] = "settings",
	[TF_CONTROLS] = "controls", [TF_KEYS] = "keys",
};

static int
top_field(struct ydoc *y, int idx, const yaml_node_t *v, void *arg)
{
	struct top_parse	*tp = arg;
	struct config		*cfg = tp->cfg;

	switch (idx) {
	case TF_TYPE:
		if (ydoc_scalar_dup(y, v, "type", &cfg->type) == -1)
			return -1;
		if (!project_type_valid(cfg->type))
			return ydoc_bad(y, v, "unknown project type \"%s\""
			    " (one of " PROJECT_TYPE_NAMES ")", cfg->type);
		return 0;
	case TF_INSTRUCTIONS:
		return ydoc_scalar_dup(y, v, "instructions",
		    &cfg->instructions);
	case TF_OVERLAP:
		return ydoc_number(y, v, "overlap", 1, OVERLAP_MAX,
		    &cfg->overlap);
	case TF_SETTINGS:
		return ydoc_mapping(y, v, "settings", settings_keys,
		    ARRAY_SIZE(settings_keys), settings_field, NULL, cfg);
	case TF_KEYS:
		/* What the names and keys mean is the screens' to say
		 * (tui/keymap.c keymap_configure), at their positions. */
		return keybinds_parse(y, v, &cfg->keys);
	case TF_CONTROLS:
		tp->controls = v;
		if (ydoc_sequence(y, v, "controls", control_item, cfg) == -1)
			return -1;
		if (cfg->ncontrols == 0)
			return ydoc_bad(y, v, "controls is empty: a config"
			    " needs at least one control");
		return 0;
	}
	return 0;
}

struct config *
config_parse(const char *text, size_t len, const char *filename)
{
	struct ydoc		 y = YDOC_INIT;
	struct top_parse	 tp;
	struct config		*cfg = NULL;
	const yaml_node_t	*root;
	const char		*file = filename ? filename : "config";
	int			 ok = 0;

	if (len > CONFIG_MAX_BYTES) {
		error("%s: larger than 1 MiB; a label config is a few lines",
		    file);
		return NULL;
	}
	if (ydoc_load(&y, text, len, file, &root) == -1)
		goto out;
	if (root == NULL) {
		error("%s:1:1: the config is empty (see scalec-config(5))",
		    file);
		goto out;
	}
	cfg = config_new();
	tp.cfg = cfg;
	tp.controls = NULL;
	if (ydoc_mapping(&y, root, "the config", top_keys,
	    ARRAY_SIZE(top_keys), top_field, NULL, &tp) == -1)
		goto out;
	if (tp.controls == NULL) {
		ydoc_bad(&y, root, "the config has no controls: list them"
		    " under \"controls:\" (see scalec-config(5))");
		goto out;
	}
	ok = 1;
out:
	ydoc_release(&y);
	if (!ok) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

struct config *
config_load(const char *path)
{
	struct buf	 text = BUF_INIT;
	struct config	*cfg = NULL;
	const char	*name;

	if (input_read(path, CONFIG_MAX_BYTES, 0, &text, &name) == 0)
		cfg = config_parse(text.data, text.len, name);
	buf_release(&text);
	return cfg;
}

struct config *
config_preset(const char *type, const char *labels, int multi)
{
	const struct project_type	*pt;
	struct config			*cfg;
	struct control			*c;
	struct label			*l;
	const char			*p, *q, *e, *why;
	size_t				 i;

	if ((pt = project_type_find(type)) == NULL) {
		error("unknown project type '%s' (one of %s)", type,
		    PROJECT_TYPE_NAMES);
		return NULL;
	}
	if (project_type_custom(pt)) {
		error("a custom project has no preset: give its config with"
		    " --config FILE (see scalec-config(5))");
		return NULL;
	}
	if (multi && pt->multi_control == NULL) {
		error("--multi applies to %s projects only",
		    project_types_multi());
		return NULL;
	}
	if (labels == NULL)
		labels = pt->labels;
	if (labels == NULL) {
		error("a %s project needs its labels: --labels A,B,C (or"
		    " --config FILE)", type);
		return NULL;
	}
	cfg = config_new();
	free(cfg->type);
	cfg->type = xstrdup(type);
	cfg->controls = xcalloc(1, sizeof *cfg->controls);
	cfg->ncontrols = 1;
	c = &cfg->controls[0];
	c->name = xstrdup(multi ? pt->multi_control : pt->control);
	c->kind = multi ? CONTROL_MULTICHOICE : (enum control_kind)pt->kind;
	for (p = labels; ; p = q + 1) {
		if ((q = strchr(p, ',')) == NULL)
			q = p + strlen(p);
		for (e = q; e > p && e[-1] == ' '; e--)
			;
		while (p < e && *p == ' ')
			p++;
		l = control_new_label(c);
		l->name = xstrndup(p, (size_t)(e - p));
		l->key = xstrdup("");
		l->description = xstrdup("");
		l->colour = xstrdup("");
		if (l->name[0] == '\0') {
			error("--labels: an empty label (two commas, or one at"
			    " an end?)");
			goto fail;
		}
		if ((why = label_name_problem(l->name)) != NULL) {
			error("--labels: label name \"%s\" %s", l->name, why);
			goto fail;
		}
		for (i = 0; i + 1 < c->nlabels; i++)
			if (strcmp(c->labels[i].name, l->name) == 0) {
				error("--labels: \"%s\" is given twice",
				    l->name);
				goto fail;
			}
		if (*q == '\0')
			break;
	}
	control_assign_keys(c);
	return cfg;
fail:
	config_free(cfg);
	return NULL;
}

int
config_takes(const struct config *cfg, const char *type)
{
	const struct project_type	*pt = project_type_find(type);
	size_t				 i;
	int				 takes = 0, flags;

	if (pt != NULL && pt->takes != 0)
		return pt->takes;
	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++) {
		flags = control_kind_flags(cfg->controls[i].kind);
		if (flags & KIND_NEEDS_TEXT)
			takes |= CONFIG_TAKES_TEXT;
		if (flags & KIND_NEEDS_IMAGE)
			takes |= CONFIG_TAKES_IMAGE;
	}
	return takes != 0 ? takes : CONFIG_TAKES_TEXT | CONFIG_TAKES_IMAGE;
}
