/* scalec init, whoami and backup: creating the database, saying who acts,
 * and writing a consistent copy while others work. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "store/store.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/fmode.h"
#include "util/opt.h"
#include "util/outfile.h"
#include "util/priv.h"
#include "util/table.h"
#include "util/xmalloc.h"

#ifndef SHAREDGROUP
#define SHAREDGROUP "scalec"
#endif

struct json_opts {
	int	 json;
};

static const struct opt json_opts[] = {
	OPT_FLAG(0, "json", struct json_opts, json, "print JSON"),
	OPT_END
};

/* mkdir -p of path's parent directory. */
static int
make_parent(const char *path)
{
	char	*dir = xstrdup(path), *p;
	int	 rc = 0;

	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
				rc = error("%s: %s", dir, strerror(errno));
				break;
			}
			if ((*p = c) == '\0')
				break;
		}
	}
	free(dir);
	return rc;
}

static json_t *
user_json(const struct user *u)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", u->name,
	    "display_name", u->display_name, "email", u->email, "role",
	    role_name(u->role), "created_at", u->created_at, "updated_at",
	    u->updated_at);
}

static const char *const init_usage[] = {
	"scalec [--db FILE] init [--group GROUP] [--json]",
	"scalec [--db FILE] init --shared --admin LOGIN [--group GROUP] [--json]",
	"",
	"Creates the database; whoever runs it becomes its admin. The database",
	"is 0600, or 0660 in GROUP with --group. --shared (run by root) sets up",
	"the shared-host mode: the database's directory root:GROUP 2770, the",
	"database 0660, LOGIN its admin; GROUP is " SHAREDGROUP " unless given.",
	NULL
};

struct init_opts {
	int		 json;
	int		 shared;
	const char	*admin;
	const char	*group;
};

static const struct opt init_opts[] = {
	OPT_FLAG(0, "json", struct init_opts, json, "print JSON"),
	OPT_FLAG(0, "shared", struct init_opts, shared,
	    "set up the shared-host mode (root only)"),
	OPT_STRING(0, "admin", struct init_opts, admin, "LOGIN",
	    "--shared: the login who becomes admin"),
	OPT_STRING(0, "group", struct init_opts, group, "GROUP",
	    "the group the database is shared with"),
	OPT_END
};

/* The group's id, or -1 after reporting. */
static int
group_id(const char *name, gid_t *gid)
{
	struct group	*gr;

	if ((gr = getgrnam(name)) == NULL)
		return error("init: no group '%s' (create it with 'groupadd"
		    " %s')", name, name);
	*gid = gr->gr_gid;
	return 0;
}

/* Whether the person may give a file to gid: root, or in the group. */
static int
in_group(gid_t gid)
{
	gid_t	groups[256];
	int	i, n;

	if (getuid() == 0 || getgid() == gid)
		return 1;
	if ((n = getgroups(ARRAY_SIZE(groups), groups)) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return 1;
	return 0;
}

/* Says what init --shared did, one line each (escaped). */
static void
did(int json, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
did(int json, const char *fmt, ...)
{
	va_list	 ap;
	char	*line, *vis;

	if (json)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) == -1)
		line = NULL;
	va_end(ap);
	if (line == NULL)
		return;
	vis = escape_dup(line, 0);
	printf("%s\n", vis);
	free(vis);
	free(line);
}

/*
 * The shared database's directory: made (its parents 0755) or set to
 * root:gid, mode 2770, so that only root and the group (scalec, setgid)
 * reach what is in it, and what is made in it is the group's.
 */
static int
shared_dir(const char *path, gid_t gid, const char *group, int json)
{
	char		*dir = xstrdup(path), *p;
	struct stat	 sb;
	int		 made = 0, rc = -1;

	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		error("init --shared: %s: give the database a directory of its"
		    " own (--db /var/lib/scalec/scalec.db)", path);
		goto out;
	}
	*p = '\0';
	if (stat(dir, &sb) == -1) {
		if (make_parent(path) == -1)
			goto out;
		made = 1;
	} else if (!S_ISDIR(sb.st_mode)) {
		error("%s: not a directory", dir);
		goto out;
	}
	if (chown(dir, 0, gid) == -1 || chmod(dir, 02770) == -1) {
		error("%s: %s", dir, strerror(errno));
		goto out;
	}
	did(json, "%s %s: owner root, group %s, mode 2770 (setgid: what is"
	    " made in it is the group's)", made ? "Made" : "Set", dir, group);
	rc = 0;
out:
	free(dir);
	return rc;
}

/* Whether the binary running is setgid to gid; says how to make it so. */
static void
shared_binary(gid_t gid, const char *group, int json)
{
	char		 exe[4096];
	struct stat	 sb;
	ssize_t		 n;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) == -1)
		return;
	exe[n] = '\0';
	if (stat(exe, &sb) == 0 && (sb.st_mode & S_ISGID) && sb.st_gid == gid)
		did(json, "%s is setgid to %s: people use it as they are,"
		    " and are not in the group", exe, group);
	else
		did(json, "%s is not setgid to %s yet: 'chgrp %s %s && chmod"
		    " 2755 %s' (make install does it after ./configure"
		    " --enable-shared-host)", exe, group, group, exe, exe);
}

/* What init may not do: --shared but by root, the shared database but
 * by root, a group the person is not in. The database's path, or NULL
 * after reporting. */
static const char *
init_check(struct ctx *c, const struct init_opts *o, const char *group,
    gid_t *gid)
{
	const char	*path;
	char		*canon;
	int		 shared_db;

	if (o->shared && getuid() != 0) {
		error("init --shared: run by root, who sets up the shared"
		    " database's directory and group");
		return NULL;
	}
	if (o->shared && getpwnam(o->admin) == NULL) {
		error("init --shared: --admin %s: no such login", o->admin);
		return NULL;
	}
	if (group != NULL && group_id(group, gid) == -1)
		return NULL;
	if (*gid != (gid_t)-1 && !in_group(*gid)) {
		error("init --group %s: you are not in the group, so you"
		    " cannot give the database to it", group);
		return NULL;
	}
	if ((path = ctx_db_path(c)) == NULL)
		return NULL;
	shared_db = priv_trusted(path, &canon);
	free(canon);
	if (shared_db && getuid() != 0) {
		error("init: %s is the shared database, which root sets up"
		    " ('scalec init --shared'); --db FILE makes one of your"
		    " own", path);
		return NULL;
	}
	return path;
}

/* The store is created here, not opened by the dispatcher. */
static int
init_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct init_opts	*o = opts;
	const char		*path, *login, *group;
	char			*vis;
	gid_t			 gid = (gid_t)-1;

	(void)argc;
	(void)argv;
	if (c->as_opt != NULL) {
		error("init: --as does not apply; the login who runs init"
		    " becomes admin");
		return EXIT_USAGE;
	}
	if (o->admin != NULL && !o->shared)
		cmd_usage_die(c, "--admin is for init --shared (otherwise you"
		    " become the admin)");
	if (o->shared && o->admin == NULL)
		cmd_usage_die(c, "init --shared needs --admin LOGIN");
	group = o->group != NULL ? o->group : o->shared ? SHAREDGROUP : NULL;
	if ((path = init_check(c, o, group, &gid)) == NULL)
		return EXIT_FAILURE_DATA;
	if (o->shared) {
		if (shared_dir(path, gid, group, o->json) == -1)
			return EXIT_FAILURE_DATA;
	} else if (make_parent(path) == -1)
		return EXIT_FAILURE_DATA;
	file_create_share(gid);
	c->st = ctx_store_open(c, path, STORE_CREATE);
	file_create_share((gid_t)-1);
	if (c->st == NULL)
		return EXIT_FAILURE_DATA;
	login = o->shared ? o->admin : ctx_login(c);
	if (store_init(c->st, login) == -1)
		return EXIT_FAILURE_DATA;
	if (o->shared) {
		did(o->json, "Created %s: owner root, group %s, mode 0660, in"
		    " WAL mode, schema %d", path, group, store_schema_latest());
		did(o->json, "%s is its admin: 'scalec user add' and 'scalec"
		    " member grant' give others their roles", login);
		shared_binary(gid, group, o->json);
		if (o->json)
			json_print(json_pack("{s:s, s:s, s:s, s:b}",
			    "database", path, "admin", login, "group", group,
			    "shared", 1));
		return 0;
	}
	/* Identify through the same path every command takes. */
	ctx_store_close(c);
	if (ctx_open(c) == -1)
		return EXIT_FAILURE_DATA;
	if (o->json)
		json_print(json_pack("{s:s, s:o}", "database", path, "admin",
		    user_json(&c->me)));
	else {
		vis = escape_dup(path, 0);	/* a file name is any bytes */
		printf("Initialised %s; you (%s) are its admin.\n", vis,
		    c->me.name);
		free(vis);
	}
	return 0;
}

static const struct cmd_sub init_sub = {
	NULL, "", CMD_NO_STORE, 0, init_opts, sizeof(struct init_opts), NULL,
	init_run
};

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.summary = "create the database; you become its admin",
	.usage = init_usage,
	.subs = &init_sub,
	.nsubs = 1,
};

static const char *const whoami_usage[] = {
	"scalec whoami [--json]",
	NULL
};

static int
whoami_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct json_opts	*o = opts;
	json_t			*j;

	(void)argc;
	(void)argv;
	if (o->json) {
		j = user_json(&c->me);
		json_object_set_new(j, "login", json_string(c->real.name));
		json_object_set_new(j, "database", json_string(c->db_path));
		json_print(j);
		return 0;
	}
	print_field(stdout, "name", c->me.name);
	print_field(stdout, "display name", c->me.display_name);
	print_field(stdout, "email", c->me.email);
	print_field(stdout, "role", role_name(c->me.role));
	if (c->me.id != c->real.id)
		print_field(stdout, "acting for", c->real.name);
	print_field(stdout, "database", c->db_path);
	return 0;
}

static const struct cmd_sub whoami_sub = {
	NULL, "", CMD_ANYONE, 0, json_opts, sizeof(struct json_opts), NULL,
	whoami_run
};

const struct cmd_entry cmd_whoami_entry = {
	.name = "whoami",
	.summary = "show who you are acting as, and in which database",
	.usage = whoami_usage,
	.subs = &whoami_sub,
	.nsubs = 1,
};

static const char *const backup_usage[] = {
	"scalec backup FILE",
	"",
	"Writes a consistent copy of the database to FILE (which must not"
	" exist),",
	"while others go on working: in a private folder beside it, put at"
	" FILE",
	"(mode 0600) only when whole. No symbolic link is followed.",
	NULL
};

/* A signal that ends a backup removes its private folder first. */
static void
remove_private(int sig)
{
	outfile_private_remove_signal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
backup_run(struct ctx *c, void *opts, int argc, char **argv)
{
	const char	*dst = argv[0];
	char		*vis, *vis_dst;

	(void)opts;
	(void)argc;
	/* Elsewhere - is standard input or output: never a file named "-". */
	if (strcmp(dst, "-") == 0)
		cmd_usage_die(c, "backup writes a database file, not standard"
		    " output: give a FILE name");
	signal(SIGINT, remove_private);
	signal(SIGTERM, remove_private);
	signal(SIGHUP, remove_private);
	if (store_backup(c->st, dst) == -1)
		return EXIT_FAILURE_DATA;
	vis = escape_dup(c->db_path, 0);
	vis_dst = escape_dup(dst, 0);
	printf("Backed up %s to %s.\n", vis, vis_dst);
	free(vis);
	free(vis_dst);
	return 0;
}

static const struct cmd_sub backup_sub = {
	NULL, "FILE", CMD_GLOBAL, ACT_BACKUP, NULL, 0, NULL, backup_run
};

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.summary = "write a consistent copy of the database",
	.usage = backup_usage,
	.subs = &backup_sub,
	.nsubs = 1,
};
