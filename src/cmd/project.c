/* scalec project: create, list, show, edit and delete projects. A project's
 * label config is stored as YAML, kept in step with its instructions and
 * overlap columns. A label (or a control) that annotations use is never
 * deleted by an edit: with --force it is retired, kept on those annotations
 * and out of the palette; without, the edit is refused naming it.
 *
 * Its size (about 800 lines) is the five subcommands sharing one options
 * struct, one name check, one config reader and one JSON shape for create,
 * show and edit; the edit's rules themselves are in model/config_reconcile.c
 * and its write in the store's unit of work, so splitting the file would
 * only split those shared pieces across two files. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/keybind.h"
#include "store/project.h"
#include "store/gold.h"
#include "store/review.h"
#include "tui/keymap.h"
#include "store/store.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/input.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define PROJECT_NAME_MAX	64
#define INSTRUCTIONS_MAX	(1024 * 1024)

static const char *const project_usage[] = {
	"scalec project create NAME --type TYPE"
	" [--labels A,B,C | --config FILE]",
	"           [--multi] [--description TEXT] [--instructions FILE]"
	" [--overlap N]",
	"           [--review POLICY] [--on-reject requeue|remove]"
	" [--final optional|required]",
	"           [--comment-required yes|no] [--json]",
	"scalec project list [--limit N] [--offset N] [--json]",
	"scalec project show NAME [--json]",
	"scalec project edit NAME [--name NEW] [--description TEXT]"
	" [--instructions FILE]",
	"           [--labels A,B,C | --config FILE] [--overlap N] [--force]",
	"           [--review POLICY] [--on-reject requeue|remove]"
	" [--final optional|required]",
	"           [--comment-required yes|no] [--json]",
	"scalec project delete NAME [--yes] [--json]",
	"",
	"Types: " PROJECT_TYPE_NAMES ".",
	"The label config is described in scalec-config(5); see"
	" scalec-project(1).",
	NULL
};

/* What create, edit and delete were given. */
struct project_opts {
	const char	*type;
	const char	*labels;
	const char	*config;
	const char	*description;
	const char	*instructions;
	const char	*name;
	long		 overlap;	/* 0 when not given */
	const char	*review;	/* none, all or sample:N */
	const char	*on_reject;	/* requeue or remove */
	const char	*final;		/* optional or required */
	const char	*comment_required; /* yes or no */
	int		 multi;
	int		 force;
	int		 json;
	int		 yes;
	struct page	 page;		/* list's --limit, --offset */
};

#define T	struct project_opts
#define JSON_OPT	OPT_FLAG(0, "json", T, json, "print JSON")
#define DESCRIPTION_OPT	OPT_STRING('d', "description", T, description,	\
			    "TEXT", "a line on what the project is")
#define INSTRUCTIONS_OPT OPT_STRING('i', "instructions", T, instructions, \
			    "FILE", "instructions for annotators (- is stdin)")
#define REVIEW_OPT	OPT_PARSE(0, "review", T, review, const char *,	\
			    "POLICY", "review policy: none, all or sample:N"	\
			    " (percent)", parse_review),			\
			OPT_PARSE(0, "on-reject", T, on_reject, const char *,	\
			    "WHAT", "a rejected annotation: requeue (back to"	\
			    " its annotator) or remove (out of the overlap)",	\
			    parse_on_reject),					\
			OPT_PARSE(0, "final", T, final, const char *, "WHEN",	\
			    "a final answer per task with overlap above 1:"	\
			    " optional or required", parse_final),		\
			OPT_PARSE(0, "comment-required", T, comment_required,	\
			    const char *, "YES|NO", "whether a rejection needs"	\
			    " a comment: yes or no", parse_yes_no)

/* The review policy's options, each checked as it is read (the words
 * are model/review.h's) and kept as given for policy_options: arg into
 * dst when ok, else what it takes into err. */
static int
keep_checked(int ok, const char *takes, const char *arg, void *dst,
    char *err, size_t errlen)
{
	if (!ok) {
		snprintf(err, errlen, "takes %s, not '%s'", takes, arg);
		return -1;
	}
	*(const char **)dst = arg;
	return 0;
}

static int
parse_review(const char *arg, void *dst, char *err, size_t errlen)
{
	struct review_policy	p = REVIEW_POLICY_INIT;

	return keep_checked(review_policy_read(arg, &p) == 0, "none, all or"
	    " sample:N (N from 1 to 100, a percentage)", arg, dst, err,
	    errlen);
}

static int
parse_on_reject(const char *arg, void *dst, char *err, size_t errlen)
{
	struct review_policy	p = REVIEW_POLICY_INIT;

	return keep_checked(review_on_reject_read(arg, &p) == 0,
	    ON_REJECT_REQUEUE " or " ON_REJECT_REMOVE, arg, dst, err, errlen);
}

static int
parse_final(const char *arg, void *dst, char *err, size_t errlen)
{
	struct review_policy	p = REVIEW_POLICY_INIT;

	return keep_checked(review_final_read(arg, &p) == 0,
	    FINAL_OPTIONAL " or " FINAL_REQUIRED, arg, dst, err, errlen);
}

static int
parse_yes_no(const char *arg, void *dst, char *err, size_t errlen)
{
	return keep_checked(strcmp(arg, "yes") == 0 || strcmp(arg, "no") == 0,
	    "yes or no", arg, dst, err, errlen);
}

static const struct opt json_opts[] = {
	JSON_OPT,
	OPT_END
};

static const struct opt list_opts[] = {
	OPT_PAGE(T, page),
	JSON_OPT,
	OPT_END
};

static const struct opt create_opts[] = {
	OPT_STRING('t', "type", T, type, "TYPE", "the project type"),
	OPT_STRING('l', "labels", T, labels, "A,B,C",
	    "the labels, for the type's preset"),
	OPT_STRING('c', "config", T, config, "FILE",
	    "the label config (YAML; - is stdin)"),
	OPT_FLAG(0, "multi", T, multi,
	    "classification: any number of labels per task"),
	DESCRIPTION_OPT,
	INSTRUCTIONS_OPT,
	OPT_NUMBER(0, "overlap", T, overlap, "N",
	    "how many people label each task (default 1)", 1, OVERLAP_MAX),
	REVIEW_OPT,
	JSON_OPT,
	OPT_END
};

static const struct opt edit_opts[] = {
	OPT_STRING(0, "name", T, name, "NEW", "rename the project"),
	DESCRIPTION_OPT,
	INSTRUCTIONS_OPT,
	OPT_STRING('l', "labels", T, labels, "A,B,C",
	    "new labels, for the type's preset"),
	OPT_STRING('c', "config", T, config, "FILE",
	    "a new label config (YAML; - is stdin)"),
	OPT_NUMBER(0, "overlap", T, overlap, "N",
	    "how many people label each task", 1, OVERLAP_MAX),
	REVIEW_OPT,
	OPT_FLAG('f', "force", T, force, "retire labels that annotations use"),
	JSON_OPT,
	OPT_END
};

static const struct opt delete_opts[] = {
	OPT_FLAG('y', "yes", T, yes, "do not ask"),
	JSON_OPT,
	OPT_END
};
#undef T

/* The name a config given with --config has in messages. */
static const char *
config_file(const char *path)
{
	if (path == NULL)
		return "--labels";
	return strcmp(path, "-") == 0 ? "stdin" : path;
}

/* A project name is a slug: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
static int
check_name(const char *name)
{
	const char	*p;
	int		 ok;

	ok = *name != '\0' && strlen(name) <= PROJECT_NAME_MAX;
	for (p = name; ok && *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (p != name && (*p == '.' || *p == '_' || *p == '-'))))
			ok = 0;
	if (ok)
		return 0;
	return error("'%s' is not a project name: use lower-case letters,"
	    " digits, '.', '_' and '-', starting with a letter or digit, at"
	    " most %d characters", name, PROJECT_NAME_MAX);
}

/* The whole of a text file ("-" is stdin) for the caller to free: UTF-8,
 * no NUL, at most INSTRUCTIONS_MAX bytes, without a byte-order mark and
 * with CRLF line ends made LF (as a Windows editor saves it, the screen
 * would show the BOM and a ^M on every line). NULL after reporting. */
static char *
read_text(const char *path)
{
	struct buf	b = BUF_INIT;

	if (input_read(path, INSTRUCTIONS_MAX, INPUT_TEXT | INPUT_STRIP_BOM |
	    INPUT_CRLF, &b, NULL) == -1) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
percent_tenths(const struct project *p)
{
	if (p->task_count <= 0)
		return 0;
	return (int)(p->done_count * 1000 / p->task_count);
}

static json_t *
controls_json(const struct config *cfg)
{
	json_t			*a = json_array(), *c, *ls, *l;
	const struct control	*ctl;
	const struct label	*lab;
	size_t			 i, j;

	for (i = 0; i < cfg->ncontrols; i++) {
		ctl = &cfg->controls[i];
		c = json_pack("{s:s, s:s, s:b}", "name", ctl->name, "kind",
		    control_kind_name(ctl->kind), "retired", ctl->retired);
		if (ctl->kind == CONTROL_RATING)
			json_object_set_new(c, "max", json_integer(ctl->max));
		if (control_has_labels(ctl->kind)) {
			ls = json_array();
			for (j = 0; j < ctl->nlabels; j++) {
				lab = &ctl->labels[j];
				l = json_pack("{s:s, s:o, s:s, s:s, s:b}",
				    "name", lab->name, "key",
				    lab->key[0] ? json_string(lab->key) :
				    json_null(), "description",
				    lab->description, "colour", lab->colour,
				    "retired", lab->retired);
				json_array_append_new(ls, l);
			}
			json_object_set_new(c, "labels", ls);
		}
		json_array_append_new(a, c);
	}
	return a;
}

/* Whether any of the review policy's options was given. */
static int
policy_given(const struct project_opts *a)
{
	return a->review != NULL || a->on_reject != NULL || a->final != NULL ||
	    a->comment_required != NULL;
}

/* The review policy's options (checked as they were read) over *pol. */
static void
policy_options(const struct project_opts *a, struct review_policy *pol)
{
	if (a->review != NULL)
		(void)review_policy_read(a->review, pol);
	if (a->on_reject != NULL)
		(void)review_on_reject_read(a->on_reject, pol);
	if (a->final != NULL)
		(void)review_final_read(a->final, pol);
	if (a->comment_required != NULL)
		pol->comment_required = strcmp(a->comment_required, "yes") == 0;
}

/* The counts project list and show both give. */
static json_t *
review_counts_json(const struct review_counts *n)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "to_review",
	    (json_int_t)n->to_review, "accepted", (json_int_t)n->accepted,
	    "rejected", (json_int_t)n->rejected, "fixed",
	    (json_int_t)n->fixed);
}

/* The review policy and counts (store/review.h): into j, or printed as
 * show's fields when j is NULL. 0 or -1. */
static int
review_fields(struct ctx *c, const struct project *p, json_t *j)
{
	struct review_policy	 pol;
	struct review_counts	 n;
	struct buf		 b = BUF_INIT;
	char			 text[96];

	if (store_review_policy_get(c->st, p->id, &pol) == -1 ||
	    store_review_counts(c->st, p->id, &n) == -1)
		return -1;
	if (j != NULL) {
		json_t	*r = review_counts_json(&n);

		json_object_set_new(r, "policy", json_string(
		    review_policy_text(&pol, text, sizeof text)));
		json_object_set_new(r, "on_reject", json_string(
		    review_on_reject_text(&pol)));
		json_object_set_new(r, "final_required",
		    json_boolean(pol.final_required));
		json_object_set_new(r, "comment_required",
		    json_boolean(pol.comment_required));
		json_object_set_new(r, "final", json_integer(n.finals));
		json_object_set_new(j, "review", r);
		return 0;
	}
	print_field(stdout, "review policy", review_policy_describe(&pol, text,
	    sizeof text));
	buf_printf(&b, "%lld to review, %lld accepted, %lld rejected, %lld"
	    " fixed, %lld final", (long long)n.to_review,
	    (long long)n.accepted, (long long)n.rejected, (long long)n.fixed,
	    (long long)n.finals);
	print_field(stdout, "review", buf_str(&b));
	buf_release(&b);
	return 0;
}

/* The gold tasks and settings (model/gold.h): into j, or printed as a
 * show's field when j is NULL, there only where the project has gold
 * tasks or settings. 0 or -1. */
static int
gold_fields(struct ctx *c, const struct project *p, const struct config *cfg,
    json_t *j)
{
	const struct gold_policy *g = &cfg->gold;
	struct buf		 b = BUF_INIT;
	int64_t			 n;

	if ((n = store_gold_count(c->st, p->id)) == -1)
		return -1;
	if (j != NULL) {
		json_object_set_new(j, "gold", json_pack("{s:I, s:f, s:i, s:o,"
		    " s:s, s:i, s:b}", "tasks", (json_int_t)n, "rate",
		    g->rate, "onboarding", g->onboarding, "min_score",
		    g->min_score >= 0 ? json_real(g->min_score) :
		    json_null(), "match", g->lenient ? GOLD_MATCH_LENIENT :
		    GOLD_MATCH_STRICT, "min_tasks", g->min_tasks, "pause",
		    g->pause));
		return 0;
	}
	if (n == 0 && gold_policy_default(g))
		return 0;
	buf_printf(&b, "%lld task%s", (long long)n, n == 1 ? "" : "s");
	if (g->rate > 0)
		buf_printf(&b, ", 1 in %d served", gold_every(g->rate));
	if (g->onboarding > 0)
		buf_printf(&b, ", a newcomer's first %d", g->onboarding);
	if (g->min_score >= 0)
		buf_printf(&b, ", min score %.2f (%s) after %d%s", g->min_score,
		    g->lenient ? GOLD_MATCH_LENIENT : GOLD_MATCH_STRICT,
		    g->min_tasks, g->pause ? ", pause below" : "");
	print_field(stdout, "gold", buf_str(&b));
	buf_release(&b);
	return 0;
}

/* A project as JSON: the list's fields, and with cfg the show's too. */
static json_t *
project_json(struct ctx *c, const struct project *p, const struct config *cfg,
    const struct state_counts *n)
{
	struct user	 u = USER_INIT;
	json_t		*j;

	/* A whole percent, rounded down: 100 only when every task is done
	 * (and no binary fraction in the JSON). */
	j = json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:i}", "name", p->name,
	    "type", p->type, "description", p->description, "overlap",
	    p->overlap, "tasks", (json_int_t)p->task_count, "done",
	    (json_int_t)p->done_count, "progress_percent",
	    percent_tenths(p) / 10);
	if (cfg != NULL) {
		json_object_set_new(j, "instructions",
		    json_string(p->instructions));
		json_object_set_new(j, "annotations",
		    state_counts_json(n, 1));
		if (review_fields(c, p, j) == -1) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "settings", json_pack("{s:b}",
		    "require_enter", cfg->require_enter));
		if (gold_fields(c, p, cfg, j) == -1) {
			json_decref(j);
			return NULL;
		}
		json_object_set_new(j, "controls", controls_json(cfg));
		json_object_set_new(j, "config", json_string(p->config));
		if (p->created_by > 0 &&
		    store_user_get_id(c->st, p->created_by, &u) == 1)
			json_object_set_new(j, "created_by",
			    json_string(u.name));
		else
			json_object_set_new(j, "created_by", json_null());
		user_release(&u);
	}
	json_object_set_new(j, "created_at", json_string(p->created_at));
	json_object_set_new(j, "updated_at", json_string(p->updated_at));
	return j;
}

/* The stored config of p, parsed; NULL after reporting. */
static struct config *
project_config(const struct project *p)
{
	char		*where = xasprintf("project %s's config", p->name);
	struct config	*cfg;

	cfg = config_parse(p->config, strlen(p->config), where);
	free(where);
	return cfg;
}

/* The checks between create's and edit's options. */
static void
check_args(const struct ctx *c, const struct project_opts *a)
{
	if (a->labels != NULL && a->config != NULL)
		cmd_usage_die(c, "give --labels or --config, not both");
	if (a->config != NULL && a->instructions != NULL &&
	    strcmp(a->config, "-") == 0 && strcmp(a->instructions, "-") == 0)
		cmd_usage_die(c, "--config and --instructions cannot both read"
		    " stdin");
	if (a->description != NULL &&
	    utf8_invalid_at(a->description, strlen(a->description)) != -1)
		cmd_usage_die(c, "--description: not UTF-8 text");
}

static int
project_create(struct ctx *c, void *opts, int argc, char **argv)
{
	struct project_opts	*a = opts;
	struct project		 p = PROJECT_INIT;
	struct config		*cfg = NULL;
	const struct project_type *pt = NULL;
	struct actor		 actor;
	const char		*name = argv[0], *type = a->type;
	char			*instructions = NULL;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	check_args(c, a);
	if (type == NULL && a->config == NULL)
		cmd_usage_die(c, "project create needs --type TYPE (one of %s)",
		    PROJECT_TYPE_NAMES);
	if (type != NULL && (pt = project_type_find(type)) == NULL)
		cmd_usage_die(c, "--type: unknown project type '%s' (one of"
		    " %s)", type, PROJECT_TYPE_NAMES);
	if (pt != NULL && project_type_custom(pt) && a->config == NULL)
		cmd_usage_die(c, "a custom project takes its controls from"
		    " --config FILE%s (see scalec-config(5))",
		    a->labels != NULL ? ", not --labels" : "");
	if (a->multi && (pt == NULL || pt->multi_control == NULL ||
	    a->config != NULL))
		cmd_usage_die(c, "--multi applies to --labels of a project of"
		    " type %s", project_types_multi());
	if (pt != NULL && a->labels == NULL && a->config == NULL &&
	    pt->labels == NULL)
		cmd_usage_die(c, "a %s project needs --labels A,B,C or --config"
		    " FILE", type);
	if (check_name(name) == -1)
		return EXIT_FAILURE_DATA;
	if (a->config != NULL)
		cfg = config_load(a->config);
	else
		cfg = config_preset(type, a->labels, a->multi);
	if (cfg == NULL || keymap_configure(NULL, NULL, cfg,
	    config_file(a->config)) == -1)
		goto out;
	if (type == NULL && cfg->type[0] == '\0') {
		error("%s: the config does not say its type: give --type TYPE"
		    " or 'type:' in it", a->config);
		goto out;
	}
	if (type != NULL && cfg->type[0] != '\0' &&
	    strcmp(type, cfg->type) != 0) {
		error("%s: the config is for a %s project, not %s", a->config,
		    cfg->type, type);
		goto out;
	}
	if (type != NULL) {
		free(cfg->type);
		cfg->type = xstrdup(type);
	}
	if (a->instructions != NULL) {
		if ((instructions = read_text(a->instructions)) == NULL)
			goto out;
		free(cfg->instructions);
		cfg->instructions = instructions;
	}
	if (a->overlap > 0)
		cfg->overlap = (int)a->overlap;
	else if (cfg->overlap == 0)
		cfg->overlap = 1;
	/* The config's settings, and the options over them. */
	policy_options(a, &cfg->review);

	p.name = xstrdup(name);
	p.type = xstrdup(cfg->type);
	p.description = xstrdup(a->description != NULL ? a->description : "");
	p.instructions = xstrdup(cfg->instructions);
	p.overlap = cfg->overlap;
	p.review = cfg->review;
	p.created_by = c->me.id;
	if ((p.config = config_to_yaml(cfg)) == NULL)
		goto out;
	actor = ctx_actor(c);
	if (store_project_create(c->st, &actor, &p) == -1)
		goto out;
	if (a->json) {
		struct state_counts n = { { 0 }, 0 };

		project_release(&p);
		if (store_project_get(c->st, name, &p) != 1)
			goto out;
		json_print(project_json(c, &p, cfg, &n));
	} else
		printf("Created project %s (%s); 'scalec project show %s' shows"
		    " its labels.\n", p.name, p.type, p.name);
	rc = 0;
out:
	project_release(&p);
	config_free(cfg);
	return rc;
}

struct list_state {
	struct listing	 l;
	struct ctx	*c;
};

static int
list_one(const struct project *p, void *arg)
{
	struct list_state	*ls = arg;
	struct review_counts	 n;
	json_t			*j;
	char			 tasks[32], done[32], pct[16];
	char			 rv[4][32];

	if (store_review_counts(ls->c->st, p->id, &n) == -1)
		return -1;
	if (ls->l.t == NULL) {
		j = project_json(ls->c, p, NULL, NULL);
		json_object_set_new(j, "review", review_counts_json(&n));
		return listing_object(&ls->l, j);
	}
	snprintf(tasks, sizeof tasks, "%lld", (long long)p->task_count);
	snprintf(done, sizeof done, "%lld", (long long)p->done_count);
	snprintf(pct, sizeof pct, "%d%%", percent_tenths(p) / 10);
	snprintf(rv[0], sizeof rv[0], "%lld", (long long)n.to_review);
	snprintf(rv[1], sizeof rv[1], "%lld", (long long)n.accepted);
	snprintf(rv[2], sizeof rv[2], "%lld", (long long)n.rejected);
	snprintf(rv[3], sizeof rv[3], "%lld", (long long)n.fixed);
	return listing_addv(&ls->l, p->name, p->type, tasks, done, pct,
	    rv[0], rv[1], rv[2], rv[3], p->description);
}

static int
project_list(struct ctx *c, void *opts, int argc, char **argv)
{
	static const char *const headers[] = { "NAME", "TYPE", "TASKS",
	    "DONE", "PROGRESS", "TO REVIEW", "ACCEPTED", "REJECTED", "FIXED",
	    "DESCRIPTION", NULL };
	struct project_opts	*a = opts;
	struct list_state	 ls;

	(void)argc;
	(void)argv;
	ls.c = c;
	listing_start(&ls.l, a->json, headers, &a->page);
	if (ls.l.t != NULL)
		table_set_max(ls.l.t, 9, 40);
	return listing_finish(&ls.l, store_project_each(c->st, list_one,
	    &ls));
}

static void
print_labels(const struct config *cfg)
{
	static const char *const headers[] = { "CONTROL", "KIND", "LABEL",
	    "KEY", "COLOUR", "STATUS", "DESCRIPTION", NULL };
	struct table		*t = table_new(headers, stdout);
	const struct control	*ctl;
	const struct label	*l;
	char			 max[32];
	size_t			 i, j;

	table_set_max(t, 6, 40);
	for (i = 0; i < cfg->ncontrols; i++) {
		ctl = &cfg->controls[i];
		if (!control_has_labels(ctl->kind)) {
			snprintf(max, sizeof max, "1-%d", ctl->max);
			table_addv(t, ctl->name, control_kind_name(ctl->kind),
			    "", ctl->kind == CONTROL_RATING ? max : "", "",
			    ctl->retired ? "retired" : "", "");
			continue;
		}
		for (j = 0; j < ctl->nlabels; j++) {
			l = &ctl->labels[j];
			table_addv(t, ctl->name, control_kind_name(ctl->kind),
			    l->name, l->key, l->colour,
			    l->retired || ctl->retired ? "retired" : "",
			    l->description);
		}
	}
	table_end(t);
	table_free(t);
}

static int
project_show(struct ctx *c, void *opts, int argc, char **argv)
{
	struct project_opts	*a = opts;
	const struct project	 p = *c->project;	/* borrowed */
	struct state_counts	 n;
	struct config		*cfg = NULL;
	struct user		 u = USER_INIT;
	struct buf		 b = BUF_INIT;
	char			*ins;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	if (store_project_counts(c->st, p.id, &n) == -1 ||
	    (cfg = project_config(&p)) == NULL)
		goto out;
	if (a->json) {
		json_print(project_json(c, &p, cfg, &n));
		rc = 0;
		goto out;
	}
	print_field(stdout, "name", p.name);
	print_field(stdout, "type", p.type);
	print_field(stdout, "description", p.description);
	buf_printf(&b, "%d", p.overlap);
	print_field(stdout, "overlap", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%lld", (long long)p.task_count);
	print_field(stdout, "tasks", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%lld (%d.%d%%)", (long long)p.done_count,
	    percent_tenths(&p) / 10, percent_tenths(&p) % 10);
	print_field(stdout, "done", buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "%lld (", (long long)n.total);
	state_counts_text(&b, &n);
	buf_addch(&b, ')');
	print_field(stdout, "annotations", buf_str(&b));
	if (review_fields(c, &p, NULL) == -1)
		goto out;
	print_field(stdout, "require enter", cfg->require_enter ? "yes" : "no");
	if (gold_fields(c, &p, cfg, NULL) == -1)
		goto out;
	if (p.created_by > 0 && store_user_get_id(c->st, p.created_by, &u) == 1)
		print_field(stdout, "created by", u.name);
	print_field(stdout, "created", p.created_at);
	print_field(stdout, "updated", p.updated_at);
	if (p.instructions[0] != '\0') {
		ins = escape_dup(p.instructions, ESCAPE_KEEP_NEWLINE);
		printf("instructions:\n%s%s", ins,
		    ins[strlen(ins) - 1] == '\n' ? "" : "\n");
		free(ins);
	}
	printf("\n");
	print_labels(cfg);
	rc = 0;
out:
	buf_release(&b);
	user_release(&u);
	config_free(cfg);
	return rc;
}

/* An edit's options and what the edit made, for its unit of work. */
struct edit {
	const struct project_opts *a;
	char			*ins;		/* --instructions, read */
	struct config		*cfg;		/* --labels or --config; then
						   the config written */
	json_t			*retired;	/* what was retired */
};

/*
 * The review policy an edit leaves: the project's as it is, what a new
 * config (given: it is not the stored one) says of it, then the options;
 * written into the config and the project's columns alike. 1 when it
 * changed, else 0.
 */
static int
edit_policy(const struct project_opts *a, struct project *p,
    struct config *cfg, int given)
{
	struct review_policy	pol = p->review;
	const struct review_policy *r = &cfg->review;

	if (given) {
		if (cfg->review_said & CONFIG_SAID_REVIEW)
			pol.sample = r->sample;
		if (cfg->review_said & CONFIG_SAID_ON_REJECT)
			pol.on_reject_remove = r->on_reject_remove;
		if (cfg->review_said & CONFIG_SAID_FINAL)
			pol.final_required = r->final_required;
		if (cfg->review_said & CONFIG_SAID_COMMENT)
			pol.comment_required = r->comment_required;
	}
	policy_options(a, &pol);
	cfg->review = pol;
	if (memcmp(&pol, &p->review, sizeof pol) == 0)
		return 0;
	p->review = pol;
	return 1;
}

/*
 * The edit itself, on the project as it is inside the store's unit of
 * work: the new config (or the stored one) with the instructions and
 * overlap beside it, the labels and controls annotations use carried over
 * (model/config.c config_reconcile), and only a config that reads back
 * written.
 */
static int
apply_edit(struct store *st, struct project *p, struct buf *what, void *arg)
{
	struct edit		*e = arg;
	const struct project_opts *a = e->a;
	struct config		*old, *cfg = e->cfg, *check;
	struct answer_uses	 uses;
	char			*yaml;
	int			 rc;

	if ((old = project_config(p)) == NULL)
		return -1;
	if (cfg == NULL) {
		/* The config stays; only what is beside it changes. */
		cfg = e->cfg = old;
		old = NULL;
	} else
		buf_addstr(what, a->labels != NULL ? " labels" : " config");
	free(cfg->type);
	cfg->type = xstrdup(p->type);
	if (e->ins != NULL) {
		free(cfg->instructions);
		cfg->instructions = e->ins;
		e->ins = NULL;
		buf_addstr(what, " instructions");
	} else if (old == NULL || cfg->instructions[0] == '\0') {
		free(cfg->instructions);
		cfg->instructions = xstrdup(p->instructions);
	}
	if (a->overlap > 0) {
		cfg->overlap = (int)a->overlap;
		buf_addstr(what, " overlap");
	} else if (old == NULL || cfg->overlap == 0)
		cfg->overlap = p->overlap;
	if (edit_policy(a, p, cfg, old != NULL) == 1)
		buf_addstr(what, " review");
	if (a->description != NULL) {
		free(p->description);
		p->description = xstrdup(a->description);
		buf_addstr(what, " description");
	}
	if (a->name != NULL) {
		free(p->name);
		p->name = xstrdup(a->name);
		buf_addstr(what, " name");
	}
	if (old != NULL) {
		answer_uses_init(&uses, old);
		rc = store_project_uses(st, p->id, &uses);
		if (rc != -1)
			rc = config_reconcile(old, cfg, &uses, a->force,
			    e->retired);
		answer_uses_release(&uses);
		config_free(old);
		if (rc == -1)
			return -1;
	}
	if ((yaml = config_to_yaml(cfg)) == NULL)
		return -1;
	/* What is stored must read back: never write a config that fails. */
	if ((check = config_parse(yaml, strlen(yaml), "the new config")) ==
	    NULL) {
		free(yaml);
		return -1;
	}
	config_free(check);
	free(p->config);
	p->config = yaml;
	free(p->instructions);
	p->instructions = xstrdup(cfg->instructions);
	p->overlap = cfg->overlap;
	/* The audit's detail: what changed, without the first space. */
	if (what->len > 0)
		memmove(what->data, what->data + 1, what->len--);
	return 0;
}

static void
print_retired(json_t *retired)
{
	json_t		*r, *l;
	json_int_t	 k;
	const char	*ctl;
	size_t		 i;

	json_array_foreach(retired, i, r) {
		l = json_object_get(r, "label");
		k = json_integer_value(json_object_get(r, "annotations"));
		ctl = json_string_value(json_object_get(r, "control"));
		if (json_is_string(l))
			printf("Retired label %s of control %s: %lld"
			    " annotation%s keep%s it.\n", json_string_value(l),
			    ctl, (long long)k, k == 1 ? "" : "s",
			    k == 1 ? "s" : "");
		else
			printf("Retired control %s: %lld annotation%s keep%s"
			    " it.\n", ctl, (long long)k, k == 1 ? "" : "s",
			    k == 1 ? "s" : "");
	}
}

static int
project_edit(struct ctx *c, void *opts, int argc, char **argv)
{
	struct project_opts	*a = opts;
	struct project		 p = PROJECT_INIT;
	struct config		*old = NULL;
	struct edit		 e = { a, NULL, NULL, NULL };
	struct state_counts	 n;
	struct actor		 actor;
	const char		*name = argv[0];
	const struct project_type *pt;
	json_t			*j;
	size_t			 i;
	int			 rc = EXIT_FAILURE_DATA, multi = 0, r;

	(void)argc;
	check_args(c, a);
	if (a->name == NULL && a->description == NULL && a->instructions ==
	    NULL && a->labels == NULL && a->config == NULL && a->overlap == 0 &&
	    !policy_given(a))
		cmd_usage_die(c, "project edit: nothing to change (give --name,"
		    " --description, --instructions, --labels, --config,"
		    " --overlap, --review, --on-reject, --final or"
		    " --comment-required)");
	e.retired = json_array();
	if (a->name != NULL && check_name(a->name) == -1)
		goto out;
	/* Read the files before the write lock is taken: stdin may be slow. */
	pt = project_type_find(c->project->type);
	if (a->labels != NULL && (pt == NULL || project_type_custom(pt))) {
		error("project %s is custom: it takes --config FILE, not"
		    " --labels", c->project->name);
		rc = EXIT_USAGE;
		goto out;
	}
	if (a->instructions != NULL &&
	    (e.ins = read_text(a->instructions)) == NULL)
		goto out;
	if (a->labels != NULL) {
		/* A multichoice classification stays multichoice. */
		if ((old = project_config(c->project)) == NULL)
			goto out;
		for (i = 0; i < old->ncontrols; i++)
			if (old->controls[i].kind == CONTROL_MULTICHOICE &&
			    !old->controls[i].retired)
				multi = pt->multi_control != NULL;
		e.cfg = config_preset(c->project->type, a->labels, multi);
		/* New labels keep the project's keys: */
		for (i = 0; e.cfg != NULL && i < old->keys.n; i++)
			keybinds_add(&e.cfg->keys, &old->keys.v[i]);
	} else if (a->config != NULL)
		e.cfg = config_load(a->config);
	if ((a->labels != NULL || a->config != NULL) && (e.cfg == NULL ||
	    keymap_configure(NULL, NULL, e.cfg, config_file(a->config)) ==
	    -1))
		goto out;
	if (e.cfg != NULL && e.cfg->type[0] != '\0' &&
	    strcmp(e.cfg->type, c->project->type) != 0) {
		error("%s: the config is for a %s project; %s is %s", a->config,
		    e.cfg->type, c->project->name, c->project->type);
		goto out;
	}
	/* Then, as one unit of work, on the project as it is now. */
	actor = ctx_actor(c);
	if ((r = store_project_edit(c->st, &actor, c->project->id, apply_edit,
	    &e)) != 1) {
		if (r == 0)
			error("project %s was deleted meanwhile", name);
		goto out;
	}
	if (store_project_get_id(c->st, c->project->id, &p) != 1)
		goto out;
	if (a->json) {
		if (store_project_counts(c->st, p.id, &n) == -1)
			goto out;
		j = project_json(c, &p, e.cfg, &n);
		json_object_set(j, "retired", e.retired);
		json_print(j);
	} else {
		print_retired(e.retired);
		printf("Updated project %s.\n", p.name);
	}
	rc = 0;
out:
	json_decref(e.retired);
	free(e.ins);
	config_free(old);
	config_free(e.cfg);
	project_release(&p);
	return rc;
}

static int
project_delete(struct ctx *c, void *opts, int argc, char **argv)
{
	struct project_opts	*a = opts;
	const struct project	 p = *c->project;	/* borrowed */
	struct state_counts	 n;
	char			*q = NULL, *detail = NULL;
	struct actor		 actor;
	int			 rc = EXIT_FAILURE_DATA, yes;

	(void)argc;
	(void)argv;
	if (store_project_counts(c->st, p.id, &n) == -1)
		goto out;
	detail = xasprintf("%lld task%s, %lld annotation%s",
	    (long long)p.task_count, p.task_count == 1 ? "" : "s",
	    (long long)n.total, n.total == 1 ? "" : "s");
	if (!a->yes) {
		q = xasprintf("Delete project %s and lose its %s? [y/N] ",
		    p.name, detail);
		yes = cmd_confirm(q);
		if (yes == -1) {
			error("deleting project %s loses %s: give --yes to"
			    " delete it (there is no terminal to ask on)",
			    p.name, detail);
			goto out;
		}
		if (yes == 0) {
			error("project %s was not deleted", p.name);
			goto out;
		}
	}
	actor = ctx_actor(c);
	if ((yes = store_project_remove(c->st, &actor, p.id, p.name,
	    detail)) != 1) {
		if (yes == 0)
			error("project %s was deleted meanwhile", p.name);
		goto out;
	}
	if (a->json)
		json_print(json_pack("{s:s, s:b, s:I, s:I}", "name", p.name,
		    "deleted", 1, "tasks", (json_int_t)p.task_count,
		    "annotations", (json_int_t)n.total));
	else
		printf("Deleted project %s (%s).\n", p.name, detail);
	rc = 0;
out:
	free(q);
	free(detail);
	return rc;
}

#define PROJECT_SUB(name, operands, scope, act, opts, fn)		\
	{ name, operands, scope, act, opts, sizeof(struct project_opts),	\
	    NULL, fn }

static const struct cmd_sub project_cmds[] = {
	PROJECT_SUB("create", "NAME", CMD_GLOBAL, ACT_PROJECT_CREATE,
	    create_opts, project_create),
	PROJECT_SUB("delete", "NAME", CMD_PROJECT, ACT_PROJECT_DELETE,
	    delete_opts, project_delete),
	PROJECT_SUB("edit", "NAME", CMD_PROJECT, ACT_PROJECT_EDIT, edit_opts,
	    project_edit),
	PROJECT_SUB("list", "", CMD_GLOBAL, ACT_PROJECT_READ, list_opts,
	    project_list),
	PROJECT_SUB("show", "NAME", CMD_PROJECT, ACT_PROJECT_READ, json_opts,
	    project_show),
};

const struct cmd_entry cmd_project_entry = {
	.name = "project",
	.summary = "create, list, show, edit and delete projects",
	.usage = project_usage,
	.subs = project_cmds,
	.nsubs = ARRAY_SIZE(project_cmds),
};
