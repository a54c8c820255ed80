/* The context commands run in: finding the database, opening it, knowing
 * who acts, and checking what they may do. The acting user is the real
 * login (getuid), never $USER. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "model/keybind.h"
#include "model/state.h"
#include "model/yaml.h"
#include "store/member.h"
#include "store/near.h"
#include "store/notify.h"
#include "store/project.h"
#include "store/store.h"
#include "tui/image.h"
#include "tui/view.h"
#include "tui/viewer.h"
#include "util/clock.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fmode.h"
#include "util/input.h"
#include "util/jsonout.h"
#include "util/opt.h"
#include "util/priv.h"
#include "util/table.h"
#include "util/xmalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef SHAREDDB
#define SHAREDDB "/var/lib/scalec/scalec.db"
#endif

#define CONFIG_YAML_MAX	(1024 * 1024)	/* config.yaml is a line or two */

/* What a config.yaml says: database:, keys:, graphics: and viewer:. */
struct config_yaml {
	char		*db;
	struct keybinds	*keys;		/* NULL: keys: is not wanted */
	int		*graphics;	/* NULL: graphics: and viewer: are
					 * not wanted */
	struct buf	 viewer;	/* viewer:'s words, each ending in
					 * a NUL */
	int		 nviewer;
};

enum { CY_DATABASE, CY_KEYS, CY_GRAPHICS, CY_VIEWER };
static const char *const config_yaml_keys[] = {
	[CY_DATABASE] = "database", [CY_KEYS] = "keys",
	[CY_GRAPHICS] = "graphics", [CY_VIEWER] = "viewer",
};

/* graphics: a mode's name, as --graphics takes. */
static int
config_yaml_graphics(struct ydoc *y, const yaml_node_t *v, int *graphics)
{
	const char	*s;
	int		 m;

	if (ydoc_scalar(y, v, "graphics", &s) == -1)
		return -1;
	if ((m = graphics_parse(s)) < GRAPHICS_NONE)
		return ydoc_bad(y, v, "graphics: takes sixel, kitty, iterm,"
		    " symbols or none, not '%s'", s);
	if (m != GRAPHICS_NONE && !graphics_available())
		return ydoc_bad(y, v, "graphics: '%s' needs libchafa, and this"
		    " scalec was built without it: only none", s);
	*graphics = m;
	return 0;
}

/* One word of viewer:'s list, as it is. */
static int
config_yaml_viewer_word(struct ydoc *y, const yaml_node_t *item, void *arg)
{
	struct config_yaml	*cy = arg;
	const char		*s;

	if (ydoc_scalar(y, item, "a word of viewer:", &s) == -1)
		return -1;
	if (*s == '\0')
		return ydoc_bad(y, item, "viewer: a word is empty");
	if (cy->nviewer == VIEWER_ARGS)
		return ydoc_bad(y, item, "viewer: more than %d words",
		    VIEWER_ARGS);
	buf_add(&cy->viewer, s, strlen(s) + 1);
	cy->nviewer++;
	return 0;
}

/* viewer: a string split on white space, or a list: the exact words. */
static int
config_yaml_viewer(struct ydoc *y, const yaml_node_t *v,
    struct config_yaml *cy)
{
	const char	*s, *e;

	if (v->type == YAML_SEQUENCE_NODE) {
		if (ydoc_sequence(y, v, "viewer", config_yaml_viewer_word,
		    cy) == -1)
			return -1;
	} else {
		if (ydoc_scalar(y, v, "viewer", &s) == -1)
			return -1;
		for (;;) {
			s += strspn(s, " \t\n");
			if (*s == '\0')
				break;
			e = s + strcspn(s, " \t\n");
			if (cy->nviewer == VIEWER_ARGS)
				return ydoc_bad(y, v, "viewer: more than %d"
				    " words", VIEWER_ARGS);
			buf_add(&cy->viewer, s, (size_t)(e - s));
			buf_add(&cy->viewer, "", 1);
			cy->nviewer++;
			s = e;
		}
	}
	if (cy->nviewer == 0)
		return ydoc_bad(y, v, "viewer: names no program");
	return 0;
}

/* database: an absolute path, or one under ~/ made absolute; keys: the
 * person's keys, read when wanted. */
static int
config_yaml_field(struct ydoc *y, int idx, const yaml_node_t *v, void *arg)
{
	struct config_yaml	 *cy = arg;
	char			**db = &cy->db, *abs;
	const char		 *home;

	if (idx == CY_KEYS)
		return cy->keys != NULL ? keybinds_parse(y, v, cy->keys) : 0;
	if (idx == CY_GRAPHICS)
		return cy->graphics != NULL ?
		    config_yaml_graphics(y, v, cy->graphics) : 0;
	if (idx == CY_VIEWER)
		return cy->graphics != NULL ? config_yaml_viewer(y, v, cy) : 0;
	if (ydoc_scalar_dup(y, v, "database", db) == -1)
		return -1;
	if (strncmp(*db, "~/", 2) == 0 && (home = getenv("HOME")) != NULL &&
	    *home != '\0') {
		abs = xasprintf("%s%s", home, *db + 1);
		free(*db);
		*db = abs;
	} else if ((*db)[0] != '/')
		return ydoc_bad(y, v, "database: '%s' is not an absolute path:"
		    " write /path/to/scalec.db or ~/path/to/scalec.db", *db);
	return 0;
}

/* Another key is warned about and passed over: a misspelt database: would
 * otherwise go unnoticed. */
static int
config_yaml_unknown(struct ydoc *y, const yaml_node_t *k, const char *name,
    void *arg)
{
	(void)arg;
	ydoc_warn(y, k, "unknown key '%s' (scalec reads database:, keys:,"
	    " graphics: and viewer: here); ignored", name);
	return 0;
}

/*
 * Reads a config.yaml (a mapping at the top) into *cy. 0 when there is no
 * file scalec may read, or it reads; -1 when it cannot be read as that
 * YAML (each problem reported at its position), or names the database by
 * a path that is empty or relative (to whichever folder scalec runs in:
 * refused) rather than absolute or ~/.
 */
static int
config_yaml_read(const char *path, struct config_yaml *cy)
{
	struct buf		 text = BUF_INIT;
	struct ydoc		 y = YDOC_INIT;
	const yaml_node_t	*root;
	int			 bad = 0;

	if (access(path, R_OK) == -1)
		return 0;
	if (input_read(path, CONFIG_YAML_MAX, 0, &text, NULL) == -1 ||
	    ydoc_load(&y, text.data, text.len, path, &root) == -1 ||
	    (root != NULL && ydoc_mapping(&y, root, "config.yaml",
	    config_yaml_keys, ARRAY_SIZE(config_yaml_keys), config_yaml_field,
	    config_yaml_unknown, cy) == -1))
		bad = 1;
	ydoc_release(&y);
	buf_release(&text);
	return bad ? -1 : 0;
}

/* The database a config.yaml names (the caller's to free), or NULL; *bad
 * as config_yaml_read fails. */
static char *
config_database(const char *path, int *bad)
{
	struct config_yaml	cy = { NULL, NULL, NULL, BUF_INIT, 0 };

	*bad = config_yaml_read(path, &cy) == -1;
	buf_release(&cy.viewer);
	if (*bad) {
		free(cy.db);
		return NULL;
	}
	return cy.db;
}

/* The person's own config.yaml ($XDG_CONFIG_HOME or ~/.config). */
static char *
person_config_path(void)
{
	const char	*env = getenv("XDG_CONFIG_HOME"), *home;

	if (env != NULL && *env != '\0')
		return xasprintf("%s/scalec/config.yaml", env);
	home = getenv("HOME");
	return xasprintf("%s/.config/scalec/config.yaml", home ? home : "");
}

char *
ctx_person_keys(struct keybinds *keys, int *graphics)
{
	struct config_yaml	 cy = { NULL, keys, graphics, BUF_INIT, 0 };
	char			*path = person_config_path();
	char			*argv[VIEWER_ARGS];
	const char		*w;
	int			 rc, i;

	rc = config_yaml_read(path, &cy);
	free(cy.db);
	if (rc == 0 && cy.nviewer > 0) {
		for (i = 0, w = cy.viewer.data; i < cy.nviewer; i++,
		    w += strlen(w) + 1)
			argv[i] = (char *)w;
		viewer_configure(argv, cy.nviewer);
	}
	buf_release(&cy.viewer);
	if (rc == -1) {
		free(path);
		return NULL;
	}
	return path;
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
	/* Setgid, the environment is clean and no config is read: the
	 * shared database, unless --db names another (opened with the
	 * person's own rights, see ctx_store_open). */
	if (priv_shared())
		return c->db_path = xstrdup(SHAREDDB);
	if ((env = getenv("SCALEC_DB")) != NULL && *env != '\0')
		return c->db_path = xstrdup(env);
	home = getenv("HOME");
	cfg = person_config_path();
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

/*
 * In the shared-host mode the shared database is opened with the group,
 * and only it: SQLite opens the -wal and -shm files on the first read,
 * which store_open makes (the schema check), so they are open before the
 * group is dropped and stay open while the connection is; the group comes
 * back only to close it (ctx_release), when the last connection removes
 * them from the group's directory. Any other database, and any database
 * outside that mode, is opened with the person's rights. Files created
 * meanwhile (a migration's backup) are the database's group's.
 */
struct store *
ctx_store_open(struct ctx *c, const char *path, int flags)
{
	struct store	*st;
	char		*canon;

	if (!priv_trusted(path, &canon)) {
		if ((st = store_open(path, flags)) != NULL)
			file_create_like(path);
		return st;
	}
	if (priv_raise() == -1) {
		free(canon);
		return NULL;
	}
	if (!(flags & STORE_CREATE))	/* init has said whose */
		file_create_like(canon);
	st = store_open(canon, flags);
	file_create_share((gid_t)-1);	/* exports are the person's */
	priv_lower();
	free(canon);
	c->st_shared = st != NULL;
	return st;
}

int
ctx_open(struct ctx *c)
{
	const char	*path, *login;
	int		 rc;

	if ((path = ctx_db_path(c)) == NULL)
		return -1;
	if ((c->st = ctx_store_open(c, path, 0)) == NULL)
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
		return store_no_user(c->st, "--as: ", c->as_opt,
		    "'scalec user list' shows them");
	return 0;
}

void
ctx_release(struct ctx *c)
{
	ctx_store_close(c);
	user_release(&c->me);
	user_release(&c->real);
	free(c->db_path);
	free(c->login);
	c->db_path = c->login = NULL;
}

char *
ctx_images_dir(struct ctx *c)
{
	char	*db, *dir;

	/* The shared database was opened by its resolved path (which the
	 * person, without the group, could not resolve). */
	if (c->st_shared)
		return xasprintf("%s.images", store_path(c->st));
	if ((db = realpath(ctx_db_path(c), NULL)) == NULL)
		return NULL;
	dir = xasprintf("%s.images", db);
	free(db);
	return dir;
}

void
ctx_store_close(struct ctx *c)
{
	if (c->st_shared && priv_raise() == -1)
		c->st_shared = 0;
	store_close(c->st);
	c->st = NULL;
	if (c->st_shared)
		priv_lower();
	c->st_shared = 0;
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
		return store_no_project(c->st, "", name,
		    "'scalec project list' shows them");
	return ctx_require(c, a, p->id);
}

struct actor
ctx_actor(const struct ctx *c)
{
	struct actor	a = { c->me.id, c->real.id };

	return a;
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
	jsonout_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

json_t *
json_str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
cmd_confirm(const char *question)
{
	char	 line[64];
	ssize_t	 n;
	int	 fd;

	if (!isatty(STDIN_FILENO) || (fd = open("/dev/tty", O_RDWR)) == -1)
		return -1;
	if (write(fd, question, strlen(question)) < 0) {
		close(fd);
		return -1;
	}
	n = read(fd, line, sizeof line - 1);
	close(fd);
	if (n <= 0)
		return 0;
	line[n] = '\0';
	return line[0] == 'y' || line[0] == 'Y';
}

/* drv->o.unread for the acting user: their unread notifications. */
static int
ctx_unread(void *arg, int64_t *n)
{
	struct ctx	*c = arg;
	int64_t		 seq;

	return store_inbox_unread(c->st, c->me.id, n, &seq);
}

void
ctx_driver_opts(struct ctx *c, struct driver_opts *o)
{
	memset(o, 0, sizeof *o);
	o->started = clock_start();
	o->unread = ctx_unread;
	o->unread_arg = c;
}
