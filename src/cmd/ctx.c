/* The context commands run in: finding the database, opening it, knowing
 * who acts, and checking what they may do. The acting user is the real
 * login (getuid), never $USER. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "cmd/cmd.h"
#include "model/state.h"
#include "store/member.h"
#include "store/project.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/xmalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/*
 * Reads "database:" from a config.yaml (a mapping at the top). Returns a
 * string for the caller to free, NULL when the file or the key is absent;
 * *bad is set when the file exists but cannot be read as YAML, or names
 * the database by a path that is empty or relative (to whichever folder
 * scalec runs in: refused) rather than absolute or ~/. Another key at the
 * top is warned about (a misspelt database: would go unnoticed).
 */
static char *
config_database(const char *path, int *bad)
{
	FILE		*f;
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	char		*value = NULL, *abs;
	const char	*home;
	size_t		 line = 0, col = 0;
	int		 depth = 0, want = 0, is_key = 1, done = 0;

	*bad = 0;
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			error("%s:%zu:%zu: %s", path,
			    parser.problem_mark.line + 1,
			    parser.problem_mark.column + 1,
			    parser.problem != NULL ? parser.problem : "bad YAML");
			*bad = 1;
			break;
		}
		switch (ev.type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			depth++;
			is_key = 1;
			want = 0;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			is_key = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (depth != 1)
				break;
			if (is_key) {
				want = strcmp((char *)ev.data.scalar.value,
				    "database") == 0;
				if (!want)
					warning("%s:%zu:%zu: unknown key '%s'"
					    " (scalec reads database: here);"
					    " ignored", path,
					    ev.start_mark.line + 1,
					    ev.start_mark.column + 1,
					    (char *)ev.data.scalar.value);
			} else if (want && value == NULL) {
				value = xstrdup((char *)ev.data.scalar.value);
				line = ev.start_mark.line + 1;
				col = ev.start_mark.column + 1;
			}
			is_key = !is_key;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	if (!*bad && value != NULL && strncmp(value, "~/", 2) == 0 &&
	    (home = getenv("HOME")) != NULL && *home != '\0') {
		abs = xasprintf("%s%s", home, value + 1);
		free(value);
		value = abs;
	} else if (!*bad && value != NULL && value[0] != '/') {
		error("%s:%zu:%zu: database: '%s' is not an absolute path:"
		    " write /path/to/scalec.db or ~/path/to/scalec.db", path,
		    line, col, value);
		*bad = 1;
	}
	if (*bad) {
		free(value);
		return NULL;
	}
	return value;
}

const char *
ctx_db_path(struct ctx *c)
{
	const char	*env, *home;
	char		*cfg, *db;
	int		 bad;

	if (c->db_path != NULL)
		return c->db_path;
	if (c->db_opt != NULL)
		return c->db_path = xstrdup(c->db_opt);
	if ((env = getenv("SCALEC_DB")) != NULL && *env != '\0')
		return c->db_path = xstrdup(env);
	home = getenv("HOME");
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env != '\0')
		cfg = xasprintf("%s/scalec/config.yaml", env);
	else
		cfg = xasprintf("%s/.config/scalec/config.yaml",
		    home ? home : "");
	db = config_database(cfg, &bad);
	free(cfg);
	if (bad)
		return NULL;
	if (db == NULL) {
		db = config_database(SYSCONFDIR "/scalec/config.yaml", &bad);
		if (bad)
			return NULL;
	}
	if (db != NULL)
		return c->db_path = db;
	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env != '\0')
		return c->db_path = xasprintf("%s/scalec/scalec.db", env);
	return c->db_path = xasprintf("%s/.local/share/scalec/scalec.db",
	    home ? home : "");
}

const char *
ctx_login(struct ctx *c)
{
	struct passwd	*pw;

	if (c->login != NULL)
		return c->login;
	errno = 0;
	if ((pw = getpwuid(getuid())) == NULL)
		c->login = xasprintf("uid%lu", (unsigned long)getuid());
	else
		c->login = xstrdup(pw->pw_name);
	return c->login;
}

int
ctx_open(struct ctx *c)
{
	const char	*path, *login;
	int		 rc;

	if ((path = ctx_db_path(c)) == NULL)
		return -1;
	if ((c->st = store_open(path, 0)) == NULL)
		return -1;
	login = ctx_login(c);
	if ((rc = store_user_get(c->st, login, &c->real)) == -1)
		return -1;
	if (rc == 0 || c->real.removed)
		return error("you (login '%s') are not a user of %s: ask an"
		    " admin to run 'scalec user add %s'", login, path, login);
	if (c->as_opt == NULL || strcmp(c->as_opt, login) == 0) {
		rc = store_user_get_id(c->st, c->real.id, &c->me);
		return rc == 1 ? 0 : -1;
	}
	if (!role_allows(c->real.role, ACT_ACT_AS))
		return error("--as: only an admin may act as another user"
		    " (you are %s)", role_name(c->real.role));
	if ((rc = store_user_get(c->st, c->as_opt, &c->me)) == -1)
		return -1;
	if (rc == 0 || c->me.removed)
		return error("--as: no user '%s'", c->as_opt);
	return 0;
}

void
ctx_release(struct ctx *c)
{
	store_close(c->st);
	c->st = NULL;
	user_release(&c->me);
	user_release(&c->real);
	free(c->db_path);
	free(c->login);
	c->db_path = c->login = NULL;
}

enum role
ctx_role(struct ctx *c, int64_t project_id)
{
	enum role	r;

	if (project_id > 0 && c->me.role != ROLE_ADMIN &&
	    (r = store_member_role(c->st, project_id, c->me.id)) != ROLE_NONE)
		return r;
	return c->me.role;
}

int
ctx_require(struct ctx *c, enum act a, int64_t project_id)
{
	enum role	r = ctx_role(c, project_id);

	if (role_allows(r, a))
		return 0;
	/* Nothing is above admin: "needs admin", not "admin or above". */
	return error("permission denied: %s may not %s (needs %s%s)",
	    c->me.name, act_what(a), role_name(act_least(a)),
	    act_least(a) == ROLE_ADMIN ? "" : " or above");
}

int
ctx_require_grant(struct ctx *c, enum role r, int64_t project_id)
{
	enum role	mine = ctx_role(c, project_id);

	if (mine == ROLE_ADMIN || r <= mine)
		return 0;
	return error("permission denied: %s may not give the role %s (above"
	    " their own, %s)", c->me.name, role_name(r), role_name(mine));
}

int
ctx_project(struct ctx *c, const char *name, enum act a, struct project *p)
{
	int	rc;

	if ((rc = store_project_get(c->st, name, p)) == -1)
		return -1;
	if (rc == 0)
		return error("no project '%s' ('scalec project list' shows"
		    " them)", name);
	return ctx_require(c, a, p->id);
}

struct actor
ctx_actor(const struct ctx *c)
{
	struct actor	a = { c->me.id, c->real.id };

	return a;
}

void
listing_start(struct listing *l, int json, const char *const *headers)
{
	l->arr = json ? json_array() : NULL;
	l->t = json ? NULL : table_new(headers);
}

void
listing_print(struct listing *l)
{
	if (l->arr != NULL) {
		json_print(l->arr);
		l->arr = NULL;
	} else if (l->t != NULL)
		table_print(l->t, stdout);
}

void
listing_release(struct listing *l)
{
	json_decref(l->arr);
	if (l->t != NULL)
		table_free(l->t);
	l->arr = NULL;
	l->t = NULL;
}

json_t *
state_counts_json(const struct state_counts *n, int total)
{
	json_t	*j = json_object();
	int	 s;

	if (total)
		json_object_set_new(j, "total", json_integer(n->total));
	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		json_object_set_new(j, annotation_state_name(s),
		    json_integer(n->n[s]));
	return j;
}

void
state_counts_text(struct buf *b, const struct state_counts *n)
{
	int	s;

	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		buf_printf(b, "%s%lld %s", s > ANN_NONE + 1 ? ", " : "",
		    (long long)n->n[s], annotation_state_name(s));
}

void
json_print(json_t *j)
{
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
cmd_dispatch(struct ctx *c, int argc, char **argv, const struct subcmd *table,
    size_t n, const char *const *usage)
{
	size_t	i;

	if (argc < 2)
		usage_die(usage, NULL, "%s needs a subcommand", argv[0]);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage_print(stdout, usage, NULL);
		return 0;
	}
	for (i = 0; i < n; i++)
		if (strcmp(argv[1], table[i].name) == 0)
			return table[i].exec(c, argc - 1, argv + 1);
	usage_die(usage, NULL, "'%s' is not a %s subcommand", argv[1],
	    argv[0]);
}
