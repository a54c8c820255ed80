/* scalec init, whoami and backup: creating the database, saying who acts,
 * and writing a consistent copy while others work. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "store/store.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/opt.h"
#include "util/outfile.h"
#include "util/table.h"
#include "util/xmalloc.h"

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
	"scalec [--db FILE] init [--json]",
	"",
	"Creates the database; whoever runs it becomes its admin.",
	NULL
};

/* The store is created here, not opened by the dispatcher. */
static int
init_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct json_opts	*o = opts;
	const char		*path;
	char			*vis;

	(void)argc;
	(void)argv;
	if (c->as_opt != NULL) {
		error("init: --as does not apply; the login who runs init"
		    " becomes admin");
		return EXIT_USAGE;
	}
	if ((path = ctx_db_path(c)) == NULL || make_parent(path) == -1)
		return EXIT_FAILURE_DATA;
	if ((c->st = store_open(path, STORE_CREATE)) == NULL)
		return EXIT_FAILURE_DATA;
	if (store_init(c->st, ctx_login(c)) == -1)
		return EXIT_FAILURE_DATA;
	/* Identify through the same path every command takes. */
	store_close(c->st);
	c->st = NULL;
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
	NULL, "", CMD_NO_STORE, 0, json_opts, sizeof(struct json_opts), NULL,
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
