/* scalec log: the audit log, newest first (what happened last is what one
 * looks for, as in git log). A project's log is for its managers; the
 * whole log, with the user acts and init, for admins. Annotators and
 * reviewers read no log: it names other people's acts (who was added,
 * given a role, removed) that their role does not show them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/audit.h"
#include "store/near.h"
#include "store/project.h"
#include "store/store.h"
#include "store/user.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/xmalloc.h"

static const char *const log_usage[] = {
	"scalec log [PROJECT] [--user USER] [--since TIME] [--limit N]",
	"    [--offset N] [--after ID] [--json]",
	"",
	"The audit log, newest first: every write a command made, who made",
	"it and the real login behind --as. A PROJECT's log needs a manager",
	"of it; the whole log (users, init too) an admin.",
	"See scalec-log(1).",
	NULL
};

struct log_opts {
	const char	*user;
	struct opt_time	 since;
	struct page	 page;
	int		 json;
};

#define T	struct log_opts
static const struct opt log_opts[] = {
	OPT_STRING('u', "user", T, user, "USER",
	    "only what USER did, or did as another with --as"),
	OPT_TIME(0, "since", T, since, "TIME",
	    "only records since TIME (2026-01-31, 7d, ...)"),
	OPT_PAGE_AFTER(T, page),
	OPT_FLAG(0, "json", T, json, "print JSON"),
	OPT_END
};
#undef T

/* The columns, one line each: table header, JSON key, trim, value. */
#define RECORD_FIELD(name, make, field)					\
	COLUMN_FIELD(name, struct audit_record, make, field)

RECORD_FIELD(col_id, json_integer, id)
RECORD_FIELD(col_at, json_string, at)
RECORD_FIELD(col_user, json_str_or_null, user)
RECORD_FIELD(col_real, json_str_or_null, real_user)
RECORD_FIELD(col_action, json_string, action)
RECORD_FIELD(col_object, json_string, object)
RECORD_FIELD(col_detail, json_string, detail)

/* The table names the real login only when it is not the user (--as). */
static json_t *
col_real_if_other(const void *row, const void *arg)
{
	const struct audit_record	*r = row;

	(void)arg;
	if (r->real_user == NULL || (r->user != NULL &&
	    strcmp(r->user, r->real_user) == 0))
		return json_string("");
	return json_string(r->real_user);
}

static const struct column log_columns[] = {
	{ "ID",		"id",		0,	col_id },
	{ "AT",		"at",		0,	col_at },
	{ "USER",	"user",		16,	col_user },
	{ "REAL LOGIN",	NULL,		16,	col_real_if_other },
	{ NULL,		"real_user",	0,	col_real },
	{ "ACTION",	"action",	0,	col_action },
	{ "OBJECT",	"object",	30,	col_object },
	{ "DETAIL",	"detail",	0,	col_detail },
};

static int
log_row(const struct audit_record *r, void *arg)
{
	return listing_row(arg, r);
}

static int
log_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct log_opts		*o = opts;
	struct audit_filter	 f;
	struct project		 p = PROJECT_INIT;
	struct user		 u = USER_INIT;
	struct listing		 l;
	char			 since[CLOCK_ISO_LEN];
	int			 rc = EXIT_FAILURE_DATA, n;

	memset(&f, 0, sizeof f);
	if (argc > 0) {
		if (ctx_project(c, argv[0], ACT_LOG_READ, &p) == -1)
			goto out;
		f.project = p.name;
	} else if (ctx_require(c, ACT_LOG_ALL, 0) == -1)
		goto out;
	if (o->user != NULL) {
		/* Removed users too: their acts stay in the log. */
		if ((n = store_user_get(c->st, o->user, &u)) != 1) {
			if (n == 0)
				store_no_user(c->st, "log --user: ", o->user,
				    "'scalec user list --all' shows them");
			goto out;
		}
		f.user_id = u.id;
	}
	if (o->since.given)
		f.since = clock_iso(o->since.t, since);
	/* Newest first: the sample holds the widest ids. The store applies
	 * the window. */
	listing_start_columns(&l, o->json, log_columns,
	    ARRAY_SIZE(log_columns), NULL, NULL);
	rc = listing_finish(&l, store_audit_each(c->st, &f, &o->page, log_row,
	    &l));
out:
	project_release(&p);
	user_release(&u);
	return rc;
}

static const struct cmd_sub log_sub = {
	NULL, "[PROJECT]", CMD_ANYONE, 0, log_opts, sizeof(struct log_opts),
	NULL, log_run
};

const struct cmd_entry cmd_log_entry = {
	.name = "log",
	.summary = "show the audit log: who changed what, and when",
	.usage = log_usage,
	.subs = &log_sub,
	.nsubs = 1,
};
