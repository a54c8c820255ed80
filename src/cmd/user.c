/* scalec user: the people who work in a database and their global roles.
 * Only admins manage users (ACT_USER_MANAGE); anyone may list and show them.
 * A removed user keeps their row, so their annotations stay theirs, and
 * adding the name again restores them. The last admin can be neither
 * removed nor demoted, and nobody removes themselves. */
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/member.h"
#include "store/near.h"
#include "store/store.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"


static const char *const user_usage[] = {
	"scalec user add NAME [--role ROLE] [--email EMAIL]"
	" [--display-name TEXT] [--json]",
	"scalec user list [--all] [--limit N] [--offset N] [--json]",
	"scalec user show USER [--json]",
	"scalec user edit USER [--email EMAIL] [--display-name TEXT]"
	" [--role ROLE] [--json]",
	"scalec user remove USER [--json]",
	"scalec user role USER ROLE [--json]",
	"",
	"Roles, from most to least: " ROLE_NAMES ".",
	"A name that differs from a user's only in case (Bob beside bob) is",
	"refused unless it is a login on this host, and then added with a",
	"warning. Only admins manage users; see scalec-user(1).",
	NULL
};

/* What the options gave; NULL or ROLE_NONE when not. */
struct user_opts {
	enum role	 role;
	const char	*email;
	const char	*display_name;
	int		 json;
	int		 all;
	struct page	 page;		/* list's --limit, --offset */
};

static const struct user_opts user_defaults = { ROLE_NONE, NULL, NULL, 0,
    0, PAGE_ALL };

#define JSON_OPT	OPT_FLAG(0, "json", struct user_opts, json, "print JSON")
#define EMAIL_OPT	OPT_STRING(0, "email", struct user_opts, email,	\
			    "EMAIL", "email address")
#define DISPLAY_OPT	OPT_STRING(0, "display-name", struct user_opts,	\
			    display_name, "TEXT", "the name to show")

static const struct opt json_opts[] = {
	JSON_OPT,
	OPT_END
};

static const struct opt list_opts[] = {
	OPT_FLAG('a', "all", struct user_opts, all, "include removed users"),
	OPT_PAGE(struct user_opts, page),
	JSON_OPT,
	OPT_END
};

static const struct opt add_opts[] = {
	OPT_PARSE('r', "role", struct user_opts, role, enum role, "ROLE",
	    "global role (default annotator)", cmd_parse_role),
	EMAIL_OPT,
	DISPLAY_OPT,
	JSON_OPT,
	OPT_END
};

/* The same options, none defaulted: edit changes only what is given. */
static const struct opt edit_opts[] = {
	OPT_PARSE('r', "role", struct user_opts, role, enum role, "ROLE",
	    "global role", cmd_parse_role),
	EMAIL_OPT,
	DISPLAY_OPT,
	JSON_OPT,
	OPT_END
};

/* A user name (model/role.h's rule), or an error that states the rule. */
static int
check_name(const char *s)
{
	if (!user_name_valid(s))
		return error("'%s' is not a user name: " USER_NAME_RULE, s);
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

/* Valid UTF-8 and nothing that terminal-safe text would show escaped
 * (C0 and C1 controls, DEL, bidi controls, invisible characters) in a
 * display name: it is shown on every screen. */
static int
check_display_name(const char *s)
{
	size_t		len = strlen(s), i;
	uint32_t	cp;
	char		vis[16];
	int		n;

	if (utf8_invalid_at(s, len) != -1)
		return error("a display name must be UTF-8 text");
	for (i = 0; i < len; i += (size_t)n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (escape_cp(cp, vis))
			return error("a display name may not hold control"
			    " characters (%s)", vis);
	}
	return 0;
}

/*
 * A name that differs from a user's only in case is most often a typo
 * ("Bob" for "bob"), and the two would be told apart by case ever after.
 * It is refused unless it is a login on this host (the acting user comes
 * from the login, so a real one must be addable), and then added with a
 * warning. A name that is already a user (re-adding restores it) is not
 * compared. 0, or -1 after reporting.
 */
static int
check_case_twin(struct ctx *c, const char *name)
{
	struct user	same = USER_INIT, twin = USER_INIT;
	int		rc, login;

	if ((rc = store_user_get(c->st, name, &same)) == 0)
		rc = store_user_case_twin(c->st, name, &twin);
	if (rc != 1 || same.name != NULL)
		goto out;
	rc = 0;
	login = getpwnam(twin.name) != NULL;
	if (getpwnam(name) == NULL)
		rc = error("'%s' differs from user '%s' only in case and is not"
		    " a login on this host: not added (did you mean '%s'?)",
		    name, twin.name, twin.name);
	else if (login)
		warning("'%s' differs from user '%s' only in case; added, as"
		    " both are logins on this host", name, twin.name);
	else
		warning("'%s' differs from user '%s' only in case; added, as it"
		    " is a login on this host ('%s' is not)", name, twin.name,
		    twin.name);
out:
	user_release(&same);
	user_release(&twin);
	return rc == -1 ? -1 : 0;
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
user_add(struct ctx *c, void *opts, int argc, char **argv)
{
	struct user_opts	*a = opts;
	struct user_change	 ch = USER_CHANGE_INIT;
	struct user		 u = USER_INIT;
	struct actor		 actor = ctx_actor(c);
	const char		*name = argv[0];
	int			 restored, rc = EXIT_FAILURE_DATA;

	(void)argc;
	if (check_name(name) == -1 ||
	    (a->email != NULL && check_email(a->email) == -1) ||
	    (a->display_name != NULL && check_display_name(a->display_name)
	    == -1) || check_case_twin(c, name) == -1)
		return EXIT_FAILURE_DATA;
	ch.role = a->role;
	ch.email = a->email;
	ch.display_name = a->display_name;
	if (store_user_create(c->st, &actor, name, &ch, &u, &restored) == 0)
		rc = print_user(c, u.id, a->json, restored ? "Restored" :
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

	if (ls->l.t == NULL)
		return listing_object(&ls->l, user_json(u));
	if (ls->all)
		return listing_addv(&ls->l, u->name, role_name(u->role),
		    u->display_name, u->email, u->removed_at != NULL ?
		    u->removed_at : "");
	return listing_addv(&ls->l, u->name, role_name(u->role),
	    u->display_name, u->email);
}

static int
user_list(struct ctx *c, void *opts, int argc, char **argv)
{
	static const char *const headers[] = { "NAME", "ROLE",
	    "DISPLAY NAME", "EMAIL", "REMOVED", NULL };
	static const char *const headers_active[] = { "NAME", "ROLE",
	    "DISPLAY NAME", "EMAIL", NULL };
	struct user_opts	*a = opts;
	struct list_state	 ls;

	(void)argc;
	(void)argv;
	ls.all = a->all;
	listing_start(&ls.l, a->json, a->all ? headers : headers_active,
	    &a->page);
	return listing_finish(&ls.l, store_user_list(c->st, a->all, list_row,
	    &ls));
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
user_show(struct ctx *c, void *opts, int argc, char **argv)
{
	struct user_opts	*a = opts;
	struct user		 u = USER_INIT;
	struct state_counts	 n;
	struct buf		 b = BUF_INIT;
	const char		*name = argv[0];
	json_t			*ms = NULL, *j, *m;
	size_t			 i;
	int			 rc = EXIT_FAILURE_DATA, found;

	(void)argc;
	/* Removed users can be shown: their annotations are still there. */
	if ((found = store_user_get(c->st, name, &u)) == -1)
		goto out;
	if (found == 0) {
		store_no_user(c->st, "", name, "'scalec user list' shows"
		    " them");
		goto out;
	}
	ms = json_array();
	if (store_member_each_of_user(c->st, u.id, membership_row, ms) != 0 ||
	    store_user_counts(c->st, u.id, &n) == -1)
		goto out;
	if (a->json) {
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
user_change(struct ctx *c, const char *name, const struct user_opts *a,
    const char *action)
{
	struct user_change	 ch = USER_CHANGE_INIT;
	struct user		 was = USER_INIT, u = USER_INIT;
	struct actor		 actor;
	int			 rc = EXIT_FAILURE_DATA;

	if ((a->email != NULL && check_email(a->email) == -1) ||
	    (a->display_name != NULL && check_display_name(a->display_name)
	    == -1) || check_case_twin(c, name) == -1)
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
user_edit(struct ctx *c, void *opts, int argc, char **argv)
{
	struct user_opts	*a = opts;

	(void)argc;
	if (a->role == ROLE_NONE && a->email == NULL &&
	    a->display_name == NULL)
		cmd_usage_die(c, "user edit: nothing to change (give --email,"
		    " --display-name or --role)");
	return user_change(c, argv[0], a, "user edit");
}

static int
user_role(struct ctx *c, void *opts, int argc, char **argv)
{
	struct user_opts	*a = opts;
	char			 err[256];

	(void)argc;
	if (cmd_parse_role(argv[1], &a->role, err, sizeof err) == -1)
		cmd_usage_die(c, "%s", err);
	return user_change(c, argv[0], a, "user role");
}

static int
user_remove(struct ctx *c, void *opts, int argc, char **argv)
{
	struct user_opts	*a = opts;
	struct user		 u = USER_INIT;
	struct state_counts	 n;
	struct actor		 actor = ctx_actor(c);
	long long		 kept;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	if (store_user_retire(c->st, &actor, argv[0], &u, &n) == -1)
		goto out;
	kept = n.total;
	if (a->json)
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

#define USER_SUB(name, operands, act, opts, fn)				\
	{ name, operands, CMD_GLOBAL, act, opts, sizeof(struct user_opts),	\
	    &user_defaults, fn }

static const struct cmd_sub user_cmds[] = {
	USER_SUB("add", "NAME", ACT_USER_MANAGE, add_opts, user_add),
	USER_SUB("edit", "USER", ACT_USER_MANAGE, edit_opts, user_edit),
	USER_SUB("list", "", ACT_USER_READ, list_opts, user_list),
	USER_SUB("remove", "USER", ACT_USER_MANAGE, json_opts, user_remove),
	USER_SUB("role", "USER ROLE", ACT_USER_MANAGE, json_opts, user_role),
	USER_SUB("show", "USER", ACT_USER_READ, json_opts, user_show),
};

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.summary = "add, list, show, edit and remove users; set roles",
	.usage = user_usage,
	.subs = user_cmds,
	.nsubs = ARRAY_SIZE(user_cmds),
};
