/* scalec review: a reviewer's script commands over store/review.h (the
 * queue, verdicts, final answers). Reviewers and above review
 * (ACT_REVIEW) in the annotation's project; nobody reviews their own
 * work (the store refuses it). 'scalec review PROJECT', with no
 * subcommand, opens the review screen: review_screen_run, the one call
 * the screen's code answers (src/tui/review.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "model/answer.h"
#include "model/config.h"
#include "store/near.h"
#include "store/project.h"
#include "store/review.h"
#include "store/store.h"
#include "store/task.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/input.h"
#include "util/opt.h"
#include "util/xmalloc.h"

static const char *const review_usage[] = {
	"scalec review PROJECT [--user U] [--label L] [--state STATE]"
	" [--since TIME]",
	"    [--order oldest|random|by-user] [--seed N] [--lease MINUTES]",
	"scalec review PROJECT --keys FILE [--size WxH] [--json]"
	" [--timings FILE] [--pace MS]",
	"scalec review list PROJECT [--user U] [--label L] [--state STATE]"
	" [--since TIME]",
	"    [--order oldest|random|by-user] [--seed N] [--limit N]"
	" [--offset N] [--json]",
	"scalec review [list] PROJECT --disagreement [--limit N] [--offset N]"
	" [--json]",
	"scalec review show ID [--json]",
	"scalec review accept ID... [--comment TEXT]",
	"scalec review accept --project PROJECT --user U [--since TIME] --yes",
	"scalec review reject ID... [--comment TEXT]",
	"scalec review comment ID --comment TEXT",
	"scalec review fix ID --result JSON|-",
	"scalec review final TASK --from ANNOTATION | --result JSON|-",
	"scalec review reopen ID",
	"",
	"IDs are annotation ids (review list, export). Verdicts and comments",
	"are kept as history; nobody reviews their own work. See",
	"scalec-review(1).",
	NULL
};

struct review_opts {
	const char	*user;
	const char	*label;
	const char	*state;
	struct opt_time	 since;
	const char	*order;
	long		 seed;
	const char	*comment;
	const char	*result;
	const char	*project;
	long		 from;
	int		 yes;
	int		 json;
	int		 disagreement;
	struct page	 page;
	long		 lease;		/* the screen's, minutes */
	struct screen_script script;	/* the screen's --keys and the rest */
};

#define R_OPTS struct review_opts
#define JSON_OPT OPT_FLAG(0, "json", R_OPTS, json, "print JSON")
#define FILTER_OPTS							\
	OPT_STRING('u', "user", R_OPTS, user, "USER",			\
	    "only this annotator's annotations"),			\
	OPT_STRING('l', "label", R_OPTS, label, "LABEL",		\
	    "only annotations that use this label"),			\
	OPT_PARSE(0, "state", R_OPTS, state, const char *, "STATE",	\
	    "annotations in this state (default submitted)",		\
	    cmd_parse_state),						\
	OPT_TIME(0, "since", R_OPTS, since, "TIME",			\
	    "only those submitted since TIME")

static const struct opt screen_opts[] = {
	FILTER_OPTS,
	OPT_STRING(0, "order", R_OPTS, order, "ORDER",
	    "oldest (default), random or by-user"),
	OPT_NUMBER(0, "seed", R_OPTS, seed, "N", "the random order's seed",
	    0, LONG_MAX),
	OPT_FLAG(0, "disagreement", R_OPTS, disagreement,
	    "print the tasks without consensus, worst first, instead of"
	    " the screen (--json: as JSON)"),
	OPT_SCREEN_LEASE(R_OPTS, lease, "item"),
	OPT_SCREEN_SCRIPT(R_OPTS, script),
	OPT_END
};

static const struct opt list_opts[] = {
	FILTER_OPTS,
	OPT_STRING(0, "order", R_OPTS, order, "ORDER",
	    "oldest (default), random or by-user"),
	OPT_NUMBER(0, "seed", R_OPTS, seed, "N", "the random order's seed",
	    0, LONG_MAX),
	OPT_FLAG(0, "disagreement", R_OPTS, disagreement,
	    "the tasks without consensus, worst first, instead"),
	OPT_PAGE(R_OPTS, page),
	JSON_OPT,
	OPT_END
};

static const struct opt show_opts[] = {
	JSON_OPT,
	OPT_END
};

static const struct opt accept_opts[] = {
	OPT_STRING('m', "comment", R_OPTS, comment, "TEXT",
	    "a comment with the verdict"),
	OPT_STRING(0, "project", R_OPTS, project, "PROJECT",
	    "with --user: the project whose annotations to accept"),
	OPT_STRING('u', "user", R_OPTS, user, "USER",
	    "accept every submitted annotation of this annotator's"),
	OPT_TIME(0, "since", R_OPTS, since, "TIME",
	    "with --user: only those submitted since TIME"),
	OPT_FLAG('y', "yes", R_OPTS, yes, "accept without asking"),
	OPT_END
};

static const struct opt reject_opts[] = {
	OPT_STRING('m', "comment", R_OPTS, comment, "TEXT",
	    "the reason, for the annotator (required unless the project"
	    " says comment_required: false)"),
	OPT_END
};

static const struct opt comment_opts[] = {
	OPT_STRING('m', "comment", R_OPTS, comment, "TEXT",
	    "the comment (required)"),
	OPT_END
};

static const struct opt fix_opts[] = {
	OPT_STRING(0, "result", R_OPTS, result, "JSON",
	    "the fixed result, a JSON object; - reads it from stdin"),
	OPT_STRING('m', "comment", R_OPTS, comment, "TEXT",
	    "a comment with the fix"),
	OPT_END
};

static const struct opt final_opts[] = {
	OPT_NUMBER(0, "from", R_OPTS, from, "ANNOTATION",
	    "take this annotation's result (its fix, where fixed)", 1,
	    LONG_MAX),
	OPT_STRING(0, "result", R_OPTS, result, "JSON",
	    "the final answer, a JSON object; - reads it from stdin"),
	OPT_END
};

static const struct opt reopen_opts[] = {
	OPT_STRING('m', "comment", R_OPTS, comment, "TEXT",
	    "a comment with the reopening"),
	OPT_END
};

/* An annotation id operand: > 0, else a usage error. */
static int64_t
annotation_id(struct ctx *c, const char *s)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || n <= 0 || errno != 0)
		cmd_usage_die(c, "'%s' is not an annotation id (a number, as"
		    " 'review list' and export show)", s);
	return (int64_t)n;
}

/* Reads annotation id and checks that the acting user may review in its
 * project; 0 with *a and *p filled, or -1 after reporting. */
static int
load_annotation(struct ctx *c, int64_t id, struct review_annotation *a,
    struct project *p)
{
	int	rc;

	if ((rc = store_review_annotation(c->st, id, a)) == 0)
		error("there is no annotation %lld", (long long)id);
	if (rc != 1)
		return -1;
	if ((rc = store_project_get_id(c->st, a->project_id, p)) != 1) {
		if (rc == 0)
			error("there is no project %lld",
			    (long long)a->project_id);
		return -1;
	}
	return ctx_require(c, ACT_REVIEW, p->id);
}

/* A result given as --result: JSON text, or - for stdin; checked against
 * the project's config for the task. A new JSON object, or NULL after
 * reporting. */
static json_t *
read_result(const char *arg, const struct project *p, int64_t task_id,
    struct store *st)
{
	struct buf		 b = BUF_INIT;
	struct answer_task	 at;
	struct config		*cfg = NULL;
	struct task		 t = TASK_INIT;
	json_error_t		 je;
	json_t			*j = NULL;
	const char		*name = "--result", *text = arg;
	char			 err[256];

	if (strcmp(arg, "-") == 0) {
		if (input_read("-", 16u << 20, INPUT_STRIP_BOM, &b, &name) ==
		    -1)
			goto out;
		text = buf_str(&b);
	}
	if ((j = json_loads(text, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		error("%s:%d:%d: %s", name, je.line, je.column, je.text);
		goto out;
	}
	if (!json_is_object(j)) {
		error("%s: a result is a JSON object keyed by control", name);
		goto fail;
	}
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) ==
	    NULL || store_task_get(st, task_id, &t) != 1)
		goto fail;
	task_answer_task(&t, &at);
	if (answer_check(cfg, j, &at, 0, err, sizeof err) == -1) {
		error("%s: %s", name, err);
		goto fail;
	}
	goto out;
fail:
	json_decref(j);
	j = NULL;
out:
	config_free(cfg);
	task_release(&t);
	buf_release(&b);
	return j;
}

static int
parse_order(struct ctx *c, const char *s, enum review_order *o)
{
	if (s == NULL || strcmp(s, "oldest") == 0)
		*o = REVIEW_OLDEST;
	else if (strcmp(s, "random") == 0)
		*o = REVIEW_RANDOM;
	else if (strcmp(s, "by-user") == 0)
		*o = REVIEW_BY_USER;
	else
		cmd_usage_die(c, "--order: '%s' is no order (oldest, random,"
		    " by-user)", s);
	return 0;
}

/* The user called name (active), for a filter; its id, or -1. */
static int64_t
user_id_of(struct ctx *c, const char *name)
{
	struct user	u = USER_INIT;
	int64_t		id = -1;
	int		rc;

	if ((rc = store_user_get(c->st, name, &u)) == 1)
		id = u.id;
	else if (rc == 0)
		store_no_user(c->st, "", name, NULL);
	user_release(&u);
	return id;
}

/* Fills q from the filter options; 0 or -1 after reporting. */
static int
make_query(struct ctx *c, const struct review_opts *o, int64_t project_id,
    struct review_query *q, char *since, size_t len)
{
	*q = (struct review_query)REVIEW_QUERY_INIT;
	q->project_id = project_id;
	q->reviewer_id = c->me.id;
	q->label = o->label;
	q->state = o->state != NULL ? annotation_state_from_name(o->state) :
	    ANN_SUBMITTED;
	q->seed = (uint64_t)o->seed;
	parse_order(c, o->order, &q->order);
	if (o->since.given) {
		clock_iso(o->since.t, since);
		(void)len;
		q->since = since;
	}
	if (o->user != NULL && (q->user_id = user_id_of(c, o->user)) == -1)
		return -1;
	return 0;
}

/* ---- the screen ---- */

#ifndef HAVE_REVIEW_SCREEN
/* The review screen is another branch's (src/tui/review.c); until it is
 * here, the bare command says so. */
static int
review_screen_run(struct ctx *c, const struct review_query *q,
    const struct screen_script *script, long lease)
{
	(void)c;
	(void)q;
	(void)script;
	(void)lease;
	return error("the review screen is not built in this branch; 'scalec"
	    " review list' and the other subcommands are");
}
#endif

static int
review_screen(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;
	struct review_query	 q;
	char			 since[CLOCK_ISO_LEN];
	int			 rc;

	(void)argc;
	(void)argv;
	if (o->disagreement) {
		/* review list --disagreement's list, under the name the
		 * screen has. */
		if (o->user != NULL || o->label != NULL || o->state != NULL ||
		    o->since.given || o->order != NULL ||
		    o->script.keys != NULL || o->script.size.given ||
		    o->script.timings != NULL || o->script.pace != 0 ||
		    o->lease != 0)
			cmd_usage_die(c, "--disagreement lists tasks by"
			    " agreement: it takes only --json");
		return cmd_disagreement_list(c, o->script.json, NULL);
	}
	cmd_screen_check(c, &o->script);
	if (make_query(c, o, c->project->id, &q, since, sizeof since) == -1)
		return EXIT_FAILURE_DATA;
	q.by_task = c->project->overlap > 1;
	/* 128 + a signal that ended the screen passes through. */
	rc = review_screen_run(c, &q, &o->script, o->lease);
	return rc == -1 ? EXIT_FAILURE_DATA : rc;
}

/* ---- list ---- */

static int
list_row(const struct review_item *it, void *arg)
{
	struct listing	*l = arg;
	char		 id[24], task[24], lead[32];

	if (l->t == NULL)
		return listing_object(l, json_pack("{s:I, s:I, s:s, s:s, s:s,"
		    " s:f, s:b, s:b}", "id", (json_int_t)it->annotation_id,
		    "task", (json_int_t)it->task_id, "user", it->user_name,
		    "state", annotation_state_name(it->state),
		    "submitted_at", it->submitted_at, "lead_time",
		    it->lead_time, "from_prediction", it->from_prediction,
		    "late", it->late));
	snprintf(id, sizeof id, "%lld", (long long)it->annotation_id);
	snprintf(task, sizeof task, "%lld", (long long)it->task_id);
	snprintf(lead, sizeof lead, "%.0fs", it->lead_time);
	return listing_addv(l, id, task, it->user_name,
	    annotation_state_name(it->state), it->submitted_at, lead);
}

static int
review_list(struct ctx *c, void *opts, int argc, char **argv)
{
	static const char *const headers[] = { "ID", "TASK", "USER", "STATE",
	    "SUBMITTED", "LEAD", NULL };
	struct review_opts	*o = opts;
	struct review_query	 q;
	struct listing		 l;
	char			 since[CLOCK_ISO_LEN];

	(void)argc;
	(void)argv;
	if (o->disagreement) {
		if (o->user != NULL || o->label != NULL || o->state != NULL ||
		    o->since.given || o->order != NULL)
			cmd_usage_die(c, "--disagreement lists tasks by"
			    " agreement: it takes no filter or order");
		return cmd_disagreement_list(c, o->json, &o->page);
	}
	if (make_query(c, o, c->project->id, &q, since, sizeof since) == -1)
		return EXIT_FAILURE_DATA;
	/* A list leaves out nothing of the reviewer's but their own, and
	 * holds no lease. */
	listing_start(&l, o->json, headers, NULL);
	return listing_finish(&l, store_review_each(c->st, &q, &o->page,
	    list_row, &l));
}

/* ---- show ---- */

struct show {
	json_t	*rows;		/* --json, or NULL */
};

static int
show_row(const struct review_row *r, void *arg)
{
	struct show	*s = arg;

	if (s->rows != NULL) {
		json_array_append_new(s->rows, json_pack("{s:I, s:s, s:s,"
		    " s:s, s:s, s:o, s:o, s:b}", "id", (json_int_t)r->id,
		    "reviewer", r->reviewer, "verdict",
		    review_verdict_name(r->verdict), "comment", r->comment,
		    "at", r->created_at, "result", r->result != NULL ?
		    json_loads(r->result, 0, NULL) : json_null(), "withdraws",
		    r->withdraws > 0 ? json_integer(r->withdraws) :
		    json_null(), "withdrawn", r->withdrawn));
		return 0;
	}
	printf("  %s  %s  %s", r->created_at, r->reviewer,
	    review_verdict_name(r->verdict));
	if (r->withdraws > 0)
		printf(" of review %lld", (long long)r->withdraws);
	if (r->withdrawn)
		printf(" (withdrawn)");
	if (r->comment[0] != '\0')
		printf(": %s", r->comment);
	printf("  [review %lld]\n", (long long)r->id);
	if (r->result != NULL)
		printf("    fixed: %s\n", r->result);
	return 0;
}

static int
review_show(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;
	struct review_annotation a;
	struct project		 p = PROJECT_INIT;
	struct show		 s = { NULL };
	int64_t			 id = annotation_id(c, argv[0]);
	int			 rc = EXIT_FAILURE_DATA;
	json_t			*j;

	(void)argc;
	memset(&a, 0, sizeof a);
	if (load_annotation(c, id, &a, &p) == -1)
		goto out;
	if (o->json) {
		s.rows = json_array();
		if (store_review_history(c->st, id, show_row, &s) == -1) {
			json_decref(s.rows);
			goto out;
		}
		j = json_pack("{s:I, s:s, s:I, s:s, s:s, s:o, s:o, s:f, s:b,"
		    " s:b, s:s, s:o, s:o}", "id", (json_int_t)a.id,
		    "project", p.name, "task", (json_int_t)a.task_id, "user",
		    a.user_name, "state", annotation_state_name(a.state),
		    "result", json_loads(a.result, 0, NULL), "fixed",
		    a.fixed != NULL ? json_loads(a.fixed, 0, NULL) :
		    json_null(), "lead_time", a.lead_time, "from_prediction",
		    a.from_prediction, "late", a.late, "created_at",
		    a.created_at, "submitted_at",
		    json_str_or_null(a.submitted_at), "reviews", s.rows);
		json_print(j);
		rc = 0;
		goto out;
	}
	printf("annotation %lld of task %lld in %s\n", (long long)a.id,
	    (long long)a.task_id, p.name);
	printf("by         %s\n", a.user_name);
	printf("state      %s\n", annotation_state_name(a.state));
	printf("submitted  %s\n", a.submitted_at != NULL ? a.submitted_at :
	    "never");
	printf("lead time  %.0fs%s%s\n", a.lead_time, a.from_prediction ?
	    ", from a suggestion" : "", a.late ? ", late" : "");
	printf("result     %s\n", a.result);
	if (a.fixed != NULL)
		printf("fixed      %s\n", a.fixed);
	printf("history\n");
	if (store_review_history(c->st, id, show_row, &s) == -1)
		goto out;
	rc = 0;
out:
	review_annotation_release(&a);
	project_release(&p);
	return rc;
}

/* ---- verdicts ---- */

struct collect {
	int64_t	*ids;
	size_t	 n, cap;
};

static int
collect_row(const struct review_item *it, void *arg)
{
	struct collect	*k = arg;

	if (k->n == k->cap) {
		k->cap = k->cap > 0 ? k->cap * 2 : 64;
		k->ids = xreallocarray(k->ids, k->cap, sizeof *k->ids);
	}
	k->ids[k->n++] = it->annotation_id;
	return 0;
}

/* Bulk accept: every submitted annotation of --user in --project. */
static int
accept_user(struct ctx *c, struct review_opts *o)
{
	struct project		 p = PROJECT_INIT;
	struct review_query	 q;
	struct collect		 k = { NULL, 0, 0 };
	struct actor		 actor = ctx_actor(c);
	char			 since[CLOCK_ISO_LEN];
	int			 rc = EXIT_FAILURE_DATA;

	if (o->project == NULL)
		cmd_usage_die(c, "accept --user needs --project PROJECT");
	if (!o->yes)
		cmd_usage_die(c, "accept --user accepts many at once: add"
		    " --yes");
	if (ctx_project(c, o->project, ACT_REVIEW, &p) == -1 ||
	    make_query(c, o, p.id, &q, since, sizeof since) == -1 ||
	    store_review_each(c->st, &q, NULL, collect_row, &k) == -1)
		goto out;
	if (store_review_act_all(c->st, &actor, k.ids, k.n, VERDICT_ACCEPT,
	    o->comment) == -1)
		goto out;
	printf("Accepted %zu annotation%s of %s in %s.\n", k.n,
	    k.n == 1 ? "" : "s", o->user, p.name);
	rc = 0;
out:
	free(k.ids);
	project_release(&p);
	return rc;
}

/* Checks each operand's project, then acts on all at once. */
static int
verdict_all(struct ctx *c, struct review_opts *o, int argc, char **argv,
    enum review_verdict v, const char *done)
{
	struct review_annotation a;
	struct project		 p = PROJECT_INIT;
	struct actor		 actor = ctx_actor(c);
	int64_t			*ids = xreallocarray(NULL, (size_t)argc,
				    sizeof *ids);
	int			 i, rc = EXIT_FAILURE_DATA;

	memset(&a, 0, sizeof a);
	for (i = 0; i < argc; i++)
		ids[i] = annotation_id(c, argv[i]);
	for (i = 0; i < argc; i++) {
		if (load_annotation(c, ids[i], &a, &p) == -1)
			goto out;
		review_annotation_release(&a);
		project_release(&p);
	}
	if (store_review_act_all(c->st, &actor, ids, (size_t)argc, v,
	    o->comment) == -1)
		goto out;
	for (i = 0; i < argc; i++)
		printf("%s annotation %lld.\n", done, (long long)ids[i]);
	rc = 0;
out:
	review_annotation_release(&a);
	project_release(&p);
	free(ids);
	return rc;
}

static int
review_accept(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;

	if (o->user != NULL) {
		if (argc > 0)
			cmd_usage_die(c, "accept takes IDs or --user, not both");
		return accept_user(c, o);
	}
	if (argc == 0)
		cmd_usage_die(c, "accept needs ID... or --user USER");
	if (o->project != NULL || o->since.given || o->yes)
		cmd_usage_die(c, "--project, --since and --yes go with --user");
	return verdict_all(c, o, argc, argv, VERDICT_ACCEPT, "Accepted");
}

static int
review_reject(struct ctx *c, void *opts, int argc, char **argv)
{
	/* Whether it needs a comment is the project's (comment_required:
	 * the store checks it for each annotation). */
	return verdict_all(c, opts, argc, argv, VERDICT_REJECT, "Rejected");
}

static int
review_comment(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;

	if (o->comment == NULL || o->comment[0] == '\0') {
		error("comment needs --comment TEXT");
		return EXIT_FAILURE_DATA;
	}
	return verdict_all(c, o, argc, argv, VERDICT_COMMENT, "Commented on");
}

static int
review_reopen(struct ctx *c, void *opts, int argc, char **argv)
{
	return verdict_all(c, opts, argc, argv, VERDICT_REOPEN, "Reopened");
}

static int
review_fix(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;
	struct review_annotation a;
	struct project		 p = PROJECT_INIT;
	struct actor		 actor = ctx_actor(c);
	int64_t			 id = annotation_id(c, argv[0]);
	json_t			*j = NULL;
	char			*text = NULL;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	memset(&a, 0, sizeof a);
	if (o->result == NULL)
		cmd_usage_die(c, "fix needs --result JSON (or - for stdin)");
	if (load_annotation(c, id, &a, &p) == -1 ||
	    (j = read_result(o->result, &p, a.task_id, c->st)) == NULL)
		goto out;
	text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	if (store_review_act(c->st, &actor, id, VERDICT_FIX, o->comment, text,
	    NULL) == -1)
		goto out;
	printf("Fixed annotation %lld.\n", (long long)id);
	rc = 0;
out:
	free(text);
	json_decref(j);
	review_annotation_release(&a);
	project_release(&p);
	return rc;
}

static int
review_final(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_opts	*o = opts;
	struct project		 p = PROJECT_INIT;
	struct actor		 actor = ctx_actor(c);
	int64_t			 task, project_id;
	json_t			*j = NULL;
	char			*text = NULL;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	if ((o->from > 0) == (o->result != NULL))
		cmd_usage_die(c, "final needs --from ANNOTATION or --result"
		    " JSON, one of them");
	if (ctx_task_ref(c, argv[0], &task, &project_id) == -1)
		goto out;
	if (store_project_get_id(c->st, project_id, &p) != 1 ||
	    ctx_require(c, ACT_REVIEW, p.id) == -1)
		goto out;
	if (o->result != NULL) {
		if ((j = read_result(o->result, &p, task, c->st)) == NULL)
			goto out;
		text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	}
	if (store_review_final(c->st, &actor, task, o->from, text) == -1)
		goto out;
	printf("Settled the final answer of task %lld.\n", (long long)task);
	rc = 0;
out:
	free(text);
	json_decref(j);
	project_release(&p);
	return rc;
}

#define REVIEW_SUB(name, operands, opts, fn)				\
	{ name, operands, CMD_ANYONE, ACT_REVIEW, opts,			\
	    sizeof(struct review_opts), NULL, fn }

static const struct cmd_sub review_cmds[] = {
	REVIEW_SUB("accept", "[ID...]", accept_opts, review_accept),
	REVIEW_SUB("comment", "ID...", comment_opts, review_comment),
	REVIEW_SUB("final", "TASK", final_opts, review_final),
	REVIEW_SUB("fix", "ID", fix_opts, review_fix),
	{ "list", "PROJECT", CMD_PROJECT, ACT_REVIEW, list_opts,
	    sizeof(struct review_opts), NULL, review_list },
	REVIEW_SUB("reject", "ID...", reject_opts, review_reject),
	REVIEW_SUB("reopen", "ID...", reopen_opts, review_reopen),
	REVIEW_SUB("show", "ID", show_opts, review_show),
};

static const struct cmd_sub review_bare = {
	NULL, "PROJECT", CMD_PROJECT, ACT_REVIEW, screen_opts,
	sizeof(struct review_opts), NULL, review_screen
};

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.summary = "review annotations: accept, reject, fix, settle final"
	    " answers",
	.usage = review_usage,
	.subs = review_cmds,
	.nsubs = ARRAY_SIZE(review_cmds),
	.bare = &review_bare,
};
