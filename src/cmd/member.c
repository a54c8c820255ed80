/* scalec member: who works in a project, and with which role there. A
 * membership role overrides the user's global role inside that project
 * (ctx_role). Managers, global or of the project, manage members
 * (ACT_MEMBER_MANAGE), and nobody but an admin gives a role above their
 * own (ctx_require_grant). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "store/gold.h"
#include "store/member.h"
#include "store/near.h"
#include "store/project.h"
#include "store/store.h"
#include "store/user.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/xmalloc.h"

static const char *const member_usage[] = {
	"scalec member add PROJECT USER [--role ROLE] [--json]",
	"scalec member remove PROJECT USER [--json]",
	"scalec member list PROJECT [--limit N] [--offset N] [--json]",
	"scalec member scores PROJECT [--limit N] [--offset N] [--json]",
	"scalec member resume PROJECT USER [--json]",
	"",
	"A member's role holds in that project only, over their global role.",
	"scores lists each person's gold score (gold tasks scored, strict and",
	"lenient means, the mean that gold_min_score holds against, paused);",
	"resume lets a person paused by gold_pause work again (members and",
	"global annotators alike): their mean starts again from then.",
	"Roles: " ROLE_NAMES "; see scalec-member(1).",
	NULL
};

struct member_opts {
	enum role	 role;		/* ROLE_NONE: not given */
	int		 json;
	struct page	 page;		/* list's --limit, --offset */
};

static const struct member_opts member_defaults = { ROLE_NONE, 0,
    PAGE_ALL };

#define JSON_OPT	OPT_FLAG(0, "json", struct member_opts, json, "print JSON")

static const struct opt json_opts[] = {
	JSON_OPT,
	OPT_END
};

static const struct opt list_opts[] = {
	OPT_PAGE(struct member_opts, page),
	JSON_OPT,
	OPT_END
};

static const struct opt add_opts[] = {
	OPT_PARSE('r', "role", struct member_opts, role, enum role, "ROLE",
	    "role in the project (default annotator, or as before)",
	    cmd_parse_role),
	OPT_FLAG(0, "json", struct member_opts, json, "print JSON"),
	OPT_END
};

static int
get_user(struct ctx *c, const char *name, struct user *u)
{
	char	*add;
	int	 rc;

	if ((rc = store_user_get(c->st, name, u)) == -1)
		return -1;
	if (rc == 0 || u->removed) {
		/* A near name is a typo, not a person to add. */
		add = xasprintf("an admin adds one with 'scalec user add %s'",
		    name);
		store_no_user(c->st, "", name, add);
		free(add);
		return -1;
	}
	return 0;
}

static json_t *
member_json(const char *project, const char *user, enum role role)
{
	return json_pack("{s:s, s:s, s:o}", "project", project, "user", user,
	    "role", role != ROLE_NONE ? json_string(role_name(role)) :
	    json_null());
}

static int
member_add(struct ctx *c, void *opts, int argc, char **argv)
{
	struct member_opts	*o = opts;
	const struct project	*p = c->project;
	struct user		 u = USER_INIT;
	enum role		 role = o->role, was;
	struct actor		 actor;
	int			 json = o->json, rc = EXIT_FAILURE_DATA;

	(void)argc;
	if (get_user(c, argv[1], &u) == -1)
		goto out;
	was = store_member_role(c->st, p->id, u.id);
	/* Without --role a member keeps their role; a new one annotates. */
	if (role == ROLE_NONE)
		role = was != ROLE_NONE ? was : ROLE_ANNOTATOR;
	if (was == role) {
		rc = 0;
		if (json)
			json_print(member_json(p->name, u.name, role));
		else
			printf("%s already has the role %s in %s.\n", u.name,
			    role_name(role), p->name);
		goto out;
	}
	actor = ctx_actor(c);
	if (ctx_require_grant(c, role, p->id) == -1 ||
	    store_member_grant(c->st, &actor, p->id, p->name, u.id, u.name,
	    role, was) == -1)
		goto out;
	rc = 0;
	if (json)
		json_print(member_json(p->name, u.name, role));
	else if (was == ROLE_NONE)
		printf("Added %s to %s as %s.\n", u.name, p->name,
		    role_name(role));
	else
		printf("%s is now %s in %s (was %s).\n", u.name,
		    role_name(role), p->name, role_name(was));
out:
	user_release(&u);
	return rc;
}

static int
member_remove(struct ctx *c, void *opts, int argc, char **argv)
{
	struct member_opts	*o = opts;
	const struct project	*p = c->project;
	struct user		 u = USER_INIT;
	struct actor		 actor = ctx_actor(c);
	int			 rc = EXIT_FAILURE_DATA, gone;

	(void)argc;
	if (get_user(c, argv[1], &u) == -1 || (gone =
	    store_member_revoke(c->st, &actor, p->id, p->name, u.id,
	    u.name)) == -1)
		goto out;
	if (gone == 0) {
		error("%s is not a member of %s", u.name, p->name);
		goto out;
	}
	rc = 0;
	if (o->json)
		json_print(member_json(p->name, u.name, ROLE_NONE));
	else
		printf("Removed %s from %s; their global role (%s) holds"
		    " there now.\n", u.name, p->name, role_name(u.role));
out:
	user_release(&u);
	return rc;
}

static int
list_row(const struct member *m, void *arg)
{
	struct listing	*l = arg;

	if (l->t == NULL)
		return listing_object(l, json_pack("{s:s, s:s, s:s, s:s,"
		    " s:s}", "user", m->user, "display_name",
		    m->display_name, "role", role_name(m->role),
		    "global_role", role_name(m->global_role), "created_at",
		    m->created_at));
	return listing_addv(l, m->user, role_name(m->role),
	    role_name(m->global_role), m->display_name, m->created_at);
}

static int
member_list(struct ctx *c, void *opts, int argc, char **argv)
{
	static const char *const headers[] = { "USER", "ROLE",
	    "GLOBAL ROLE", "DISPLAY NAME", "SINCE", NULL };
	struct member_opts	*o = opts;
	struct listing		 l;

	(void)argc;
	(void)argv;
	listing_start(&l, o->json, headers, &o->page);
	return listing_finish(&l, store_member_each(c->st, c->project->id,
	    list_row, &l));
}

static int
member_resume(struct ctx *c, void *opts, int argc, char **argv)
{
	struct member_opts	*o = opts;
	const struct project	*p = c->project;
	struct user		 u = USER_INIT;
	struct actor		 actor = ctx_actor(c);
	int			 rc = EXIT_FAILURE_DATA, done;

	(void)argc;
	if (get_user(c, argv[1], &u) == -1 || (done = store_gold_resume(c->st,
	    &actor, p->id, p->name, u.id, u.name)) == -1)
		goto out;
	if (done == 0) {
		error("%s's work in %s is not paused; nothing was changed",
		    u.name, p->name);
		goto out;
	}
	rc = 0;
	if (o->json)
		json_print(json_pack("{s:s, s:s, s:b}", "project", p->name,
		    "user", u.name, "paused", 0));
	else
		printf("%s may work in %s again; their gold score counts"
		    " from now.\n", u.name, p->name);
out:
	user_release(&u);
	return rc;
}

/* A score as the table shows it. */
static const char *
score_cell(double v, char *buf, size_t len)
{
	snprintf(buf, len, "%.2f", v);
	return buf;
}

static int
scores_row(const struct gold_person *g, void *arg)
{
	struct listing	*l = arg;
	char		 n[24], s[16], le[16], m[16], k[24];

	if (l->t == NULL)
		return listing_object(l, json_pack("{s:s, s:I, s:f, s:f, s:I,"
		    " s:f, s:b, s:s?}", "user", g->user, "gold_tasks",
		    (json_int_t)g->tasks, "strict", g->strict, "lenient",
		    g->lenient, "counted", (json_int_t)g->counted, "score",
		    g->mean, "paused", g->paused, "last", g->last));
	snprintf(n, sizeof n, "%" PRId64, g->tasks);
	snprintf(k, sizeof k, "%" PRId64, g->counted);
	return listing_addv(l, g->user, n, score_cell(g->strict, s, sizeof s),
	    score_cell(g->lenient, le, sizeof le), k, score_cell(g->mean, m,
	    sizeof m), g->paused ? "paused" : "", g->last != NULL ? g->last :
	    "");
}

static int
member_scores(struct ctx *c, void *opts, int argc, char **argv)
{
	static const char *const headers[] = { "USER", "GOLD TASKS",
	    "STRICT", "LENIENT", "COUNTED", "SCORE", "PAUSED", "LAST",
	    NULL };
	struct member_opts	*o = opts;
	const struct project	*p = c->project;
	struct config		*cfg;
	struct listing		 l;
	int			 lenient;

	(void)argc;
	(void)argv;
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) ==
	    NULL)
		return EXIT_FAILURE_DATA;
	lenient = cfg->gold.lenient;
	config_free(cfg);
	listing_start(&l, o->json, headers, &o->page);
	return listing_finish(&l, store_gold_each(c->st, p->id, lenient,
	    scores_row, &l));
}

#define MEMBER_SUB(name, act, opts, fn)					\
	{ name, "PROJECT USER", CMD_PROJECT, act, opts,			\
	    sizeof(struct member_opts), &member_defaults, fn }

static const struct cmd_sub member_cmds[] = {
	MEMBER_SUB("add", ACT_MEMBER_MANAGE, add_opts, member_add),
	{ "list", "PROJECT", CMD_PROJECT, ACT_PROJECT_READ, list_opts,
	    sizeof(struct member_opts), &member_defaults, member_list },
	MEMBER_SUB("remove", ACT_MEMBER_MANAGE, json_opts, member_remove),
	MEMBER_SUB("resume", ACT_MEMBER_MANAGE, json_opts, member_resume),
	{ "scores", "PROJECT", CMD_PROJECT, ACT_MEMBER_MANAGE, list_opts,
	    sizeof(struct member_opts), &member_defaults, member_scores },
};

const struct cmd_entry cmd_member_entry = {
	.name = "member",
	.summary = "add, remove and list the members of a project; their"
	    " gold scores, and resume a paused one",
	.usage = member_usage,
	.subs = member_cmds,
	.nsubs = ARRAY_SIZE(member_cmds),
};
