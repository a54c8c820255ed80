/* scalec member: who works in a project, and with which role there. A
 * membership role overrides the user's global role inside that project
 * (ctx_role). Managers, global or of the project, manage members
 * (ACT_MEMBER_MANAGE), and nobody but an admin gives a role above their
 * own (ctx_require_grant). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/member.h"
#include "store/project.h"
#include "store/store.h"
#include "store/user.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/xmalloc.h"

enum {
	OPT_JSON = 1000,
	OPT_ROLE,
};

static const char *const member_usage[] = {
	"scalec member add PROJECT USER [--role ROLE] [--json]",
	"scalec member remove PROJECT USER [--json]",
	"scalec member list PROJECT [--json]",
	"",
	"A member's role holds in that project only, over their global role.",
	"Roles: admin, manager, reviewer, annotator; see scalec-member(1).",
	NULL
};

static const struct opt json_opts[] = {
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const struct opt add_opts[] = {
	{ "role", 'r', OPT_ARG, OPT_ROLE, "ROLE",
	    "role in the project (default annotator, or as before)" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* Parses options; returns the role given (ROLE_NONE if none), exits 2 on
 * a bad option or role. */
static enum role
parse(struct optparse *op, int argc, char **argv, const struct opt *opts,
    int *json)
{
	enum role	r = ROLE_NONE;
	int		o;

	optparse_init(op, argc, argv, opts, member_usage);
	while ((o = optparse_next(op)) != -1) {
		if (o == OPT_JSON)
			*json = 1;
		else if (o == OPT_ROLE &&
		    (r = role_from_name(op->arg)) == ROLE_NONE)
			usage_die(member_usage, opts, "--role: '%s' is not a"
			    " role (%s)", op->arg, role_names());
	}
	return r;
}

static int
get_user(struct ctx *c, const char *name, struct user *u)
{
	int	rc;

	if ((rc = store_user_get(c->st, name, u)) == -1)
		return -1;
	if (rc == 0 || u->removed)
		return error("no user '%s'; an admin adds one with 'scalec"
		    " user add %s'", name, name);
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
member_add(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct project	 p = PROJECT_INIT;
	struct user	 u = USER_INIT;
	enum role	 role, was;
	struct actor	 actor;
	const char	*pname, *uname;
	int		 json = 0, rc = EXIT_FAILURE_DATA;

	role = parse(&op, argc, argv, add_opts, &json);
	if (optparse_nargs(&op) != 2)
		usage_die(member_usage, add_opts, "member add needs PROJECT"
		    " and USER");
	pname = optparse_arg(&op, 0);
	uname = optparse_arg(&op, 1);
	optparse_release(&op);
	if (ctx_open(c) == -1)
		return EXIT_FAILURE_DATA;
	if (ctx_project(c, pname, ACT_MEMBER_MANAGE, &p) == -1 ||
	    get_user(c, uname, &u) == -1)
		goto out;
	was = store_member_role(c->st, p.id, u.id);
	/* Without --role a member keeps their role; a new one annotates. */
	if (role == ROLE_NONE)
		role = was != ROLE_NONE ? was : ROLE_ANNOTATOR;
	if (was == role) {
		rc = 0;
		if (json)
			json_print(member_json(p.name, u.name, role));
		else
			printf("%s already has the role %s in %s.\n", u.name,
			    role_name(role), p.name);
		goto out;
	}
	actor = ctx_actor(c);
	if (ctx_require_grant(c, role, p.id) == -1 ||
	    store_member_grant(c->st, &actor, p.id, p.name, u.id, u.name, role,
	    was) == -1)
		goto out;
	rc = 0;
	if (json)
		json_print(member_json(p.name, u.name, role));
	else if (was == ROLE_NONE)
		printf("Added %s to %s as %s.\n", u.name, p.name,
		    role_name(role));
	else
		printf("%s is now %s in %s (was %s).\n", u.name,
		    role_name(role), p.name, role_name(was));
out:
	project_release(&p);
	user_release(&u);
	return rc;
}

static int
member_remove(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct project	 p = PROJECT_INIT;
	struct user	 u = USER_INIT;
	struct actor	 actor;
	const char	*pname, *uname;
	int		 json = 0, rc = EXIT_FAILURE_DATA, gone;

	parse(&op, argc, argv, json_opts, &json);
	if (optparse_nargs(&op) != 2)
		usage_die(member_usage, json_opts, "member remove needs"
		    " PROJECT and USER");
	pname = optparse_arg(&op, 0);
	uname = optparse_arg(&op, 1);
	optparse_release(&op);
	if (ctx_open(c) == -1)
		return EXIT_FAILURE_DATA;
	actor = ctx_actor(c);
	if (ctx_project(c, pname, ACT_MEMBER_MANAGE, &p) == -1 ||
	    get_user(c, uname, &u) == -1 || (gone = store_member_revoke(c->st,
	    &actor, p.id, p.name, u.id, u.name)) == -1)
		goto out;
	if (gone == 0) {
		error("%s is not a member of %s", u.name, p.name);
		goto out;
	}
	rc = 0;
	if (json)
		json_print(member_json(p.name, u.name, ROLE_NONE));
	else
		printf("Removed %s from %s; their global role (%s) holds"
		    " there now.\n", u.name, p.name, role_name(u.role));
out:
	project_release(&p);
	user_release(&u);
	return rc;
}

static int
list_row(const struct member *m, void *arg)
{
	struct listing	*ls = arg;

	if (ls->arr != NULL)
		json_array_append_new(ls->arr, json_pack("{s:s, s:s, s:s,"
		    " s:s, s:s}", "user", m->user, "display_name",
		    m->display_name, "role", role_name(m->role),
		    "global_role", role_name(m->global_role), "created_at",
		    m->created_at));
	else
		table_addv(ls->t, m->user, role_name(m->role),
		    role_name(m->global_role), m->display_name, m->created_at);
	return 0;
}

static int
member_list(struct ctx *c, int argc, char **argv)
{
	static const char *const headers[] = { "USER", "ROLE",
	    "GLOBAL ROLE", "DISPLAY NAME", "SINCE", NULL };
	struct optparse		 op;
	struct project		 p = PROJECT_INIT;
	struct listing		 ls = { NULL, NULL };
	const char		*pname;
	int			 json = 0, rc = EXIT_FAILURE_DATA;

	parse(&op, argc, argv, json_opts, &json);
	if (optparse_nargs(&op) != 1)
		usage_die(member_usage, json_opts, "member list needs one"
		    " PROJECT");
	pname = optparse_arg(&op, 0);
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_project(c, pname, ACT_PROJECT_READ, &p) == -1)
		goto out;
	listing_start(&ls, json, headers);
	if (store_member_each(c->st, p.id, list_row, &ls) != 0)
		goto out;
	listing_print(&ls);
	rc = 0;
out:
	listing_release(&ls);
	project_release(&p);
	return rc;
}

static const struct subcmd member_cmds[] = {
	{ "add", member_add },
	{ "list", member_list },
	{ "remove", member_remove },
};

static int
cmd_member_exec(struct ctx *c, int argc, char **argv)
{
	return cmd_dispatch(c, argc, argv, member_cmds, ARRAY_SIZE(member_cmds),
	    member_usage);
}

const struct cmd_entry cmd_member_entry = {
	.name = "member",
	.summary = "add, remove and list the members of a project",
	.exec = cmd_member_exec,
};
