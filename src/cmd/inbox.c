/* scalec inbox: what others' acts told you (store/notify.h): a review of
 * your work, annotations waiting for your review, a project of yours at
 * 100%, a membership. Everyone has an inbox of their own and sees only
 * it (--as shows the acting user's). The words of each kind are here;
 * the store keeps the facts (who, which annotation, the comment). */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/notify.h"
#include "store/store.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/xmalloc.h"

static const char *const inbox_usage[] = {
	"scalec inbox [list] [--all] [--limit N] [--offset N] [--after ID]",
	"    [--json]",
	"scalec inbox read ID...|--all",
	"",
	"Your notifications, newest first: the unread ones, marked *, or all",
	"with --all. 'inbox read' marks them read. See scalec-inbox(1).",
	NULL
};

struct inbox_opts {
	int		 all;
	int		 json;
	struct page	 page;
};

#define T	struct inbox_opts
static const struct opt list_opts[] = {
	OPT_FLAG('a', "all", T, all, "the read ones too"),
	OPT_PAGE_AFTER(T, page),
	OPT_FLAG(0, "json", T, json, "print JSON"),
	OPT_END
};

static const struct opt read_opts[] = {
	OPT_FLAG('a', "all", T, all, "every unread one"),
	OPT_END
};
#undef T

/* What the notification says, in words: "bob rejected your annotation 12
 * (task 3): wrong label". The caller frees it. */
static char *
inbox_text(const struct notification *n)
{
	const char	*who = n->actor != NULL ? n->actor : "someone";
	const char	*body = n->body != NULL ? n->body : "";
	const char	*sep = *body != '\0' ? ": " : "";
	const char	*verb = NULL;

	switch (notify_kind_from_name(n->kind)) {
	case NOTIFY_REJECTED:
		verb = "rejected";
		break;
	case NOTIFY_FIXED:
		verb = "fixed";
		break;
	case NOTIFY_COMMENT:
		verb = "commented on";
		break;
	case NOTIFY_REVIEW_WAITING:
		return xasprintf("%" PRId64 " annotation%s waiting for review",
		    n->count, n->count == 1 ? " is" : "s are");
	case NOTIFY_PROJECT_DONE:
		return xasprintf("the project reached 100%% (%s)", body);
	case NOTIFY_MEMBER_ADDED:
		return xasprintf("%s added you as %s", who, body);
	case NOTIFY_MEMBER_ROLE:
		return xasprintf("%s changed your role: %s", who, body);
	case NOTIFY_GOLD_LOW:
		if (n->actor == NULL)
			return xasprintf("your gold score is low: %s", body);
		return xasprintf("%s's gold score is low: %s", who, body);
	default:
		break;
	}
	if (verb != NULL)
		return xasprintf("%s %s your annotation %" PRId64 " (task %"
		    PRId64 ")%s%s", who, verb, n->annotation_id, n->task_id,
		    sep, body);
	/* A kind of a newer scalec: its name and body as they are. */
	return xasprintf("%s%s%s", n->kind, sep, body);
}

#define NOTE_FIELD(name, make, field)					\
	COLUMN_FIELD(name, struct notification, make, field)

NOTE_FIELD(col_id, json_integer, id)
NOTE_FIELD(col_kind, json_string, kind)
NOTE_FIELD(col_project, json_string, project)
NOTE_FIELD(col_actor, json_str_or_null, actor)
NOTE_FIELD(col_body, json_string, body)
NOTE_FIELD(col_count, json_integer, count)
NOTE_FIELD(col_created, json_string, created_at)
NOTE_FIELD(col_updated, json_string, updated_at)
NOTE_FIELD(col_read, json_str_or_null, read_at)

/* An id that is 0 is none: null in JSON. */
#define NOTE_ID(name, field)						\
static json_t *								\
name(const void *row, const void *arg)					\
{									\
	const struct notification	*n = row;			\
									\
	(void)arg;							\
	return n->field > 0 ? json_integer(n->field) : json_null();	\
}
NOTE_ID(col_task, task_id)
NOTE_ID(col_annotation, annotation_id)

static json_t *
col_mark(const void *row, const void *arg)
{
	(void)arg;
	return json_string(((const struct notification *)row)->read_at ==
	    NULL ? "*" : "");
}

static json_t *
col_unread(const void *row, const void *arg)
{
	(void)arg;
	return json_boolean(((const struct notification *)row)->read_at ==
	    NULL);
}

static json_t *
col_text(const void *row, const void *arg)
{
	char	*s = inbox_text(row);
	json_t	*j = json_string(s);

	(void)arg;
	free(s);
	return j;
}

static const struct column inbox_columns[] = {
	{ "ID",		"id",		0,	col_id },
	{ "",		NULL,		0,	col_mark },
	{ NULL,		"unread",	0,	col_unread },
	{ "WHEN",	"updated_at",	0,	col_updated },
	{ "PROJECT",	"project",	24,	col_project },
	{ "WHAT",	"text",		0,	col_text },
	{ NULL,		"kind",		0,	col_kind },
	{ NULL,		"actor",	0,	col_actor },
	{ NULL,		"task",		0,	col_task },
	{ NULL,		"annotation",	0,	col_annotation },
	{ NULL,		"body",		0,	col_body },
	{ NULL,		"count",	0,	col_count },
	{ NULL,		"created_at",	0,	col_created },
	{ NULL,		"read_at",	0,	col_read },
};

static int
inbox_row(const struct notification *n, void *arg)
{
	return listing_row(arg, n);
}

static int
inbox_list(struct ctx *c, void *opts, int argc, char **argv)
{
	struct inbox_opts	*o = opts;
	struct listing		 l;
	int			 rc;

	(void)argc;
	(void)argv;
	/* Newest first; the store applies the window. */
	listing_start_columns(&l, o->json, inbox_columns,
	    ARRAY_SIZE(inbox_columns), NULL, NULL);
	rc = listing_finish(&l, store_inbox_each(c->st, c->me.id, o->all,
	    &o->page, inbox_row, &l));
	/* Shown on a terminal: the notice has nothing new to say. */
	if (rc == 0)
		ctx_notice(c, 0);
	c->noticed = 1;
	return rc;
}

static int
inbox_read(struct ctx *c, void *opts, int argc, char **argv)
{
	struct inbox_opts	*o = opts;
	struct actor		 a = ctx_actor(c);
	int64_t			*ids = NULL;
	char			*end;
	long long		 v;
	int			 i, n, rc = EXIT_FAILURE_DATA;

	if (o->all && argc > 0)
		cmd_usage_die(c, "inbox read takes ID... or --all, not both");
	if (!o->all && argc == 0)
		cmd_usage_die(c, "inbox read needs ID... or --all");
	if (argc > 0)
		ids = xcalloc((size_t)argc, sizeof *ids);
	for (i = 0; i < argc; i++) {
		v = strtoll(argv[i], &end, 10);
		if (*argv[i] < '0' || *argv[i] > '9' || *end != '\0' ||
		    v <= 0 || v == LLONG_MAX)
			cmd_usage_die(c, "'%s' is not a notification id (a"
			    " number 'scalec inbox' shows)", argv[i]);
		ids[i] = v;
	}
	if ((n = store_inbox_mark(c->st, &a, ids, argc)) != -1) {
		printf("Marked %d notification%s read.\n", n,
		    n == 1 ? "" : "s");
		rc = 0;
	}
	free(ids);
	return rc;
}

static const struct cmd_sub inbox_cmds[] = {
	{ "list", "", CMD_ANYONE, 0, list_opts, sizeof(struct inbox_opts),
	    NULL, inbox_list },
	{ "read", "[ID...]", CMD_ANYONE, 0, read_opts,
	    sizeof(struct inbox_opts), NULL, inbox_read },
};

const struct cmd_entry cmd_inbox_entry = {
	.name = "inbox",
	.summary = "your notifications: reviews of your work, work to review",
	.usage = inbox_usage,
	.subs = inbox_cmds,
	.nsubs = ARRAY_SIZE(inbox_cmds),
	.plain = "list",
};
