/* scalec user: the people who work in a database and their global roles.
 * Only admins manage users (ACT_USER_MANAGE); anyone may list and show them.
 * A removed user keeps their row, so their annotations stay theirs, and
 * adding the name again restores them. The last admin can be neither
 * removed nor demoted, and nobody removes themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/member.h"
#include "store/store.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define USER_NAME_MAX	64

enum {
	OPT_JSON = 1000,
	OPT_ROLE,
	OPT_EMAIL,
	OPT_DISPLAY_NAME,
	OPT_ALL,
};

static const char *const user_usage[] = {
	"scalec user add NAME [--role ROLE] [--email EMAIL]"
	" [--display-name TEXT] [--json]",
	"scalec user list [--all] [--json]",
	"scalec user show NAME [--json]",
	"scalec user edit NAME [--email EMAIL] [--display-name TEXT]"
	" [--role ROLE] [--json]",
	"scalec user remove NAME [--json]",
	"scalec user role NAME ROLE [--json]",
	"",
	"Roles, from most to least: admin, manager, reviewer, annotator.",
	"Only admins manage users; see scalec-user(1).",
	NULL
};

static const struct opt json_opts[] = {
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const struct opt list_opts[] = {
	{ "all", 'a', OPT_NOARG, OPT_ALL, NULL, "include removed users" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const struct opt add_opts[] = {
	{ "role", 'r', OPT_ARG, OPT_ROLE, "ROLE",
	    "global role (default annotator)" },
	{ "email", 0, OPT_ARG, OPT_EMAIL, "EMAIL", "email address" },
	{ "display-name", 0, OPT_ARG, OPT_DISPLAY_NAME, "TEXT",
	    "the name to show" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* The same options, none defaulted: edit changes only what is given. */
static const struct opt edit_opts[] = {
	{ "role", 'r', OPT_ARG, OPT_ROLE, "ROLE", "global role" },
	{ "email", 0, OPT_ARG, OPT_EMAIL, "EMAIL", "email address" },
	{ "display-name", 0, OPT_ARG, OPT_DISPLAY_NAME, "TEXT",
	    "the name to show" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

/* What add and edit were given; NULL or ROLE_NONE when not. */
struct user_args {
	enum role	 role;
	const char	*email;
	const char	*display_name;
	int		 json;
	int		 all;
};

#define USER_ARGS_INIT { ROLE_NONE, NULL, NULL, 0, 0 }

/* Parses options into a and leaves the operands in op; exits 2 on a bad
 * option or role. */
static void
parse(struct optparse *op, int argc, char **argv, const struct opt *opts,
    const char *const *usage, struct user_args *a)
{
	int	o;

	optparse_init(op, argc, argv, opts, usage);
	while ((o = optparse_next(op)) != -1) {
		switch (o) {
		case OPT_JSON:
			a->json = 1;
			break;
		case OPT_ALL:
			a->all = 1;
			break;
		case OPT_ROLE:
			if ((a->role = role_from_name(op->arg)) == ROLE_NONE)
				usage_die(usage, opts, "--role: '%s' is not a"
				    " role (%s)", op->arg, role_names());
			break;
		case OPT_EMAIL:
			a->email = op->arg;
			break;
		case OPT_DISPLAY_NAME:
			a->display_name = op->arg;
			break;
		}
	}
}

/*
 * A login name as hosts have them, local or from a directory service:
 * letters, digits, '.', '_', '-' and '@' ("jdoe@corp.example.com"), not
 * starting with '.', '-' or '@', not all digits (that reads as a uid), at
 * most USER_NAME_MAX bytes.
 */
static int
check_name(const char *s)
{
	size_t	i, n = strlen(s), digits = 0;

	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || s[i] == '_')
			continue;
		if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			continue;
		}
		if (i > 0 && (s[i] == '.' || s[i] == '-' || s[i] == '@'))
			continue;
		break;
	}
	if (n == 0 || n > USER_NAME_MAX || i != n || digits == n)
		return error("'%s' is not a user name: use letters, digits, '.',"
		    " '_', '-' and '@', not only digits, start with a letter,"
		    " digit or '_', at most %d characters", s, USER_NAME_MAX);
	return 0;
}

/* An email, when given, is one word with an '@' inside. */
static int
check_email(const char *s)
{
	const char	*at = strchr(s, '@'), *p;

	if (*s == '\0')
		return 0;	/* clears it */
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			break;
	if (at == NULL || at == s || at[1] == '\0' || *p != '\0' ||
	    utf8_invalid_at(s, strlen(s)) != -1)
		return error("'%s' is not an email address", s);
	return 0;
}

/* Valid UTF-8 and no control characters in a display name: it is shown
 * on every screen. */
static int
check_display_name(const char *s)
{
	const char	*p;

	if (utf8_invalid_at(s, strlen(s)) != -1)
		return error("a display name must be UTF-8 text");
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return error("a display name may not hold control"
			    " characters");
	return 0;
}

static json_t *
user_json(const struct user *u)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "name", u->name, "display_name", u->display_name,
	    "email", u->email, "role", role_name(u->role),
	    "created_at", u->created_at, "updated_at", u->updated_at,
	    "removed_at", json_str_or_null(u->removed_at));
}

/* Reads user id back and prints it as JSON, or "VERB user NAME (ROLE)." */
static int
print_user(struct ctx *c, int64_t id, int json, const char *verb)
{
	struct user	u = USER_INIT;

	if (store_user_get_id(c->st, id, &u) != 1) {
		user_release(&u);
		return EXIT_FAILURE_DATA;
	}
	if (json)
		json_print(user_json(&u));
	else
		printf("%s user %s (%s).\n", verb, u.name, role_name(u.role));
	user_release(&u);
	return 0;
}

static int
user_add(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct user_args a = USER_ARGS_INIT;
	struct user_change ch = USER_CHANGE_INIT;
	struct user	 u = USER_INIT;
	struct actor	 actor;
	const char	*name;
	int		 restored, rc = EXIT_FAILURE_DATA;

	parse(&op, argc, argv, add_opts, user_usage, &a);
	if (optparse_nargs(&op) != 1)
		usage_die(user_usage, add_opts, "user add needs one NAME");
	name = optparse_arg(&op, 0);
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_require(c, ACT_USER_MANAGE, 0) == -1)
		return EXIT_FAILURE_DATA;
	if (check_name(name) == -1 ||
	    (a.email != NULL && check_email(a.email) == -1) ||
	    (a.display_name != NULL && check_display_name(a.display_name)
	    == -1))
		return EXIT_FAILURE_DATA;
	ch.role = a.role;
	ch.email = a.email;
	ch.display_name = a.display_name;
	actor = ctx_actor(c);
	if (store_user_create(c->st, &actor, name, &ch, &u, &restored) == 0)
		rc = print_user(c, u.id, a.json, restored ? "Restored" :
		    "Added");
	user_release(&u);
	return rc;
}

struct list_state {
	struct listing	 l;
	int		 all;	/* with the removed column */
};

static int
list_row(const struct user *u, void *arg)
{
	struct list_state	*ls = arg;

	if (ls->l.arr != NULL)
		json_array_append_new(ls->l.arr, user_json(u));
	else if (ls->all)
		table_addv(ls->l.t, u->name, role_name(u->role), u->display_name,
		    u->email, u->removed_at != NULL ? u->removed_at : "");
	else
		table_addv(ls->l.t, u->name, role_name(u->role),
		    u->display_name, u->email);
	return 0;
}

static int
user_list(struct ctx *c, int argc, char **argv)
{
	static const char *const headers[] = { "NAME", "ROLE",
	    "DISPLAY NAME", "EMAIL", "REMOVED", NULL };
	static const char *const headers_active[] = { "NAME", "ROLE",
	    "DISPLAY NAME", "EMAIL", NULL };
	struct optparse		 op;
	struct user_args	 a = USER_ARGS_INIT;
	struct list_state	 ls = { { NULL, NULL }, 0 };
	int			 rc;

	parse(&op, argc, argv, list_opts, user_usage, &a);
	if (optparse_nargs(&op) != 0)
		usage_die(user_usage, list_opts, "user list takes no"
		    " arguments");
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_require(c, ACT_USER_READ, 0) == -1)
		return EXIT_FAILURE_DATA;
	ls.all = a.all;
	listing_start(&ls.l, a.json, a.all ? headers : headers_active);
	if ((rc = store_user_list(c->st, a.all, list_row, &ls)) == 0)
		listing_print(&ls.l);
	listing_release(&ls.l);
	return rc == 0 ? 0 : EXIT_FAILURE_DATA;
}

static int
membership_row(const struct member *m, void *arg)
{
	json_t	*arr = arg;

	json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "project",
	    m->project, "role", role_name(m->role), "since", m->created_at));
	return 0;
}

static int
user_show(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct user_args	 a = USER_ARGS_INIT;
	struct user		 u = USER_INIT;
	struct state_counts	 n;
	struct buf		 b = BUF_INIT;
	const char		*name;
	json_t			*ms = NULL, *j, *m;
	size_t			 i;
	int			 rc = EXIT_FAILURE_DATA, found;

	parse(&op, argc, argv, json_opts, user_usage, &a);
	if (optparse_nargs(&op) != 1)
		usage_die(user_usage, json_opts, "user show needs one NAME");
	name = optparse_arg(&op, 0);
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_require(c, ACT_USER_READ, 0) == -1)
		return EXIT_FAILURE_DATA;
	/* Removed users can be shown: their annotations are still there. */
	if ((found = store_user_get(c->st, name, &u)) == -1)
		goto out;
	if (found == 0) {
		error("no user '%s'; 'scalec user list' shows them", name);
		goto out;
	}
	ms = json_array();
	if (store_member_each_of_user(c->st, u.id, membership_row, ms) != 0 ||
	    store_user_counts(c->st, u.id, &n) == -1)
		goto out;
	if (a.json) {
		j = user_json(&u);
		json_object_set(j, "memberships", ms);
		json_object_set_new(j, "annotations",
		    state_counts_json(&n, 0));
		json_print(j);
		rc = 0;
		goto out;
	}
	print_field(stdout, "name", u.name);
	print_field(stdout, "display name", u.display_name);
	print_field(stdout, "email", u.email);
	print_field(stdout, "role", role_name(u.role));
	print_field(stdout, "created", u.created_at);
	print_field(stdout, "updated", u.updated_at);
	if (u.removed_at != NULL)
		print_field(stdout, "removed", u.removed_at);
	json_array_foreach(ms, i, m)
		buf_printf(&b, "%s%s (%s)", i > 0 ? ", " : "",
		    json_string_value(json_object_get(m, "project")),
		    json_string_value(json_object_get(m, "role")));
	print_field(stdout, "projects", b.len > 0 ? buf_str(&b) : "none");
	buf_reset(&b);
	state_counts_text(&b, &n);
	print_field(stdout, "annotations", buf_str(&b));
	rc = 0;
out:
	json_decref(ms);
	buf_release(&b);
	user_release(&u);
	return rc;
}

/* Changes the role (and with edit, email and display name) of a user. */
static int
user_change(struct ctx *c, const char *name, const struct user_args *a,
    const char *action)
{
	struct user_change	 ch = USER_CHANGE_INIT;
	struct user		 was = USER_INIT, u = USER_INIT;
	struct actor		 actor;
	int			 rc = EXIT_FAILURE_DATA;

	if (ctx_open(c) == -1 || ctx_require(c, ACT_USER_MANAGE, 0) == -1)
		return EXIT_FAILURE_DATA;
	if ((a->email != NULL && check_email(a->email) == -1) ||
	    (a->display_name != NULL && check_display_name(a->display_name)
	    == -1))
		return EXIT_FAILURE_DATA;
	ch.role = a->role;
	ch.email = a->email;
	ch.display_name = a->display_name;
	actor = ctx_actor(c);
	if (store_user_change(c->st, &actor, name, &ch, action, &was, &u) ==
	    -1)
		goto out;
	if (a->json)
		rc = print_user(c, u.id, 1, NULL);
	else {
		rc = 0;
		if (was.role == u.role && strcmp(was.email, u.email) == 0 &&
		    strcmp(was.display_name, u.display_name) == 0)
			printf("%s: nothing changed.\n", u.name);
		else if (was.role != u.role)
			printf("%s is now %s (was %s).\n", u.name,
			    role_name(u.role), role_name(was.role));
		else
			printf("Updated user %s.\n", u.name);
	}
out:
	user_release(&was);
	user_release(&u);
	return rc;
}

static int
user_edit(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct user_args	 a = USER_ARGS_INIT;
	const char		*name;

	parse(&op, argc, argv, edit_opts, user_usage, &a);
	if (optparse_nargs(&op) != 1)
		usage_die(user_usage, edit_opts, "user edit needs one NAME");
	if (a.role == ROLE_NONE && a.email == NULL && a.display_name == NULL)
		usage_die(user_usage, edit_opts, "user edit: nothing to change"
		    " (give --email, --display-name or --role)");
	name = optparse_arg(&op, 0);
	optparse_release(&op);
	return user_change(c, name, &a, "user edit");
}

static int
user_role(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct user_args	 a = USER_ARGS_INIT;
	const char		*name, *role;

	parse(&op, argc, argv, json_opts, user_usage, &a);
	if (optparse_nargs(&op) != 2)
		usage_die(user_usage, json_opts, "user role needs NAME and"
		    " ROLE");
	name = optparse_arg(&op, 0);
	role = optparse_arg(&op, 1);
	optparse_release(&op);
	if ((a.role = role_from_name(role)) == ROLE_NONE)
		usage_die(user_usage, json_opts, "'%s' is not a role (%s)",
		    role, role_names());
	return user_change(c, name, &a, "user role");
}

static int
user_remove(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct user_args	 a = USER_ARGS_INIT;
	struct user		 u = USER_INIT;
	struct state_counts	 n;
	struct actor		 actor;
	const char		*name;
	long long		 kept;
	int			 rc = EXIT_FAILURE_DATA;

	parse(&op, argc, argv, json_opts, user_usage, &a);
	if (optparse_nargs(&op) != 1)
		usage_die(user_usage, json_opts, "user remove needs one NAME");
	name = optparse_arg(&op, 0);
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_require(c, ACT_USER_MANAGE, 0) == -1)
		return EXIT_FAILURE_DATA;
	actor = ctx_actor(c);
	if (store_user_retire(c->st, &actor, name, &u, &n) == -1)
		goto out;
	kept = n.total;
	if (a.json)
		rc = print_user(c, u.id, 1, NULL);
	else {
		printf("Removed user %s; their %lld annotation%s kept.\n",
		    u.name, kept, kept == 1 ? " is" : "s are");
		rc = 0;
	}
out:
	user_release(&u);
	return rc;
}

static const struct subcmd user_cmds[] = {
	{ "add", user_add },
	{ "edit", user_edit },
	{ "list", user_list },
	{ "remove", user_remove },
	{ "role", user_role },
	{ "show", user_show },
};

static int
cmd_user_exec(struct ctx *c, int argc, char **argv)
{
	return cmd_dispatch(c, argc, argv, user_cmds, ARRAY_SIZE(user_cmds),
	    user_usage);
}

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.summary = "add, list, show, edit and remove users; set roles",
	.exec = cmd_user_exec,
};
