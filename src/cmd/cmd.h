/* The command layer: one entry per command, the context every command runs
 * in (the store, who is acting), and the shared checks. Command files parse
 * options, check inputs and call the modules; they hold no SQL and no
 * drawing. */
#ifndef SCALEC_CMD_H
#define SCALEC_CMD_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "model/role.h"
#include "store/store.h"
#include "store/user.h"

struct store;
struct project;
struct table;

struct ctx {
	const char	*db_opt;	/* --db, or NULL */
	const char	*as_opt;	/* --as, or NULL */
	char		*db_path;	/* resolved on first use */
	struct store	*st;		/* opened by ctx_open */
	struct user	 me;		/* the acting user */
	struct user	 real;		/* the real login (same as me without --as) */
	char		*login;		/* the login name from getuid() */
};

struct cmd_entry {
	const char	*name;
	const char	*summary;	/* one line for "scalec help" */
	int		 formats;	/* FORMAT_ flags (formats/format.h):
					 * the summary goes on with the names
					 * of the formats that have them */
	int		(*exec)(struct ctx *, int argc, char **argv);
};

/* Every command entry; main.c keeps them in one sorted table. */
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_whoami_entry;
extern const struct cmd_entry cmd_annotate_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_file_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_member_entry;
extern const struct cmd_entry cmd_project_entry;
extern const struct cmd_entry cmd_user_entry;

/* A subcommand of a command group (project create, user add, ...). */
struct subcmd {
	const char	*name;
	int		(*exec)(struct ctx *, int argc, char **argv);
};

/*
 * Runs the subcommand argv[1] of group from table (n entries), or prints
 * usage (--help: exit 0; a missing or unknown subcommand: exit 2).
 */
int		 cmd_dispatch(struct ctx *, int argc, char **argv,
		    const struct subcmd *table, size_t n,
		    const char *const *usage);

/* The command of that exact name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* Resolves the database path (--db, SCALEC_DB, configs, XDG); borrowed. */
const char	*ctx_db_path(struct ctx *);
/* The real login's name, from getuid(); borrowed. */
const char	*ctx_login(struct ctx *);
/*
 * Opens the store and identifies the acting user: the real login, or with
 * --as (admins only) another user. Refuses a login that is not a user.
 * Returns 0 or -1 after reporting.
 */
int		 ctx_open(struct ctx *);
void		 ctx_release(struct ctx *);
/* The role of the acting user in a project (0: the global role). */
enum role	 ctx_role(struct ctx *, int64_t project_id);
/* Refuses, with -1 and a message naming the act and the role needed, when
 * the acting user may not do act (in project_id, or globally for 0). */
int		 ctx_require(struct ctx *, enum act, int64_t project_id);
/* Refuses, like ctx_require, when the acting user would give a role above
 * their own (in project_id, or globally for 0); admins may give any. */
int		 ctx_require_grant(struct ctx *, enum role, int64_t project_id);
/*
 * Finds the project called name and checks that the acting user may do act
 * in it; 0 with *p filled, or -1 after reporting ("no project ...",
 * "permission denied ...").
 */
int		 ctx_project(struct ctx *, const char *name, enum act,
		    struct project *p);
/* Who acts, for the store's units of work (and their audit records). */
struct actor	 ctx_actor(const struct ctx *);

/*
 * A list command's output: a table (escaped, aligned) or, with --json, an
 * array. Rows go to whichever is set; listing_print prints it.
 */
struct listing {
	struct table	*t;	/* or */
	json_t		*arr;
};

void		 listing_start(struct listing *, int json,
		    const char *const *headers);
void		 listing_print(struct listing *);
void		 listing_release(struct listing *);

/* Annotation counts by state, in the states' order: as a JSON object
 * ({"total": N, "draft": N, ...}, total only when asked for) and as text
 * appended to b ("N draft, N submitted, ..."). */
struct state_counts;
struct buf;
json_t		*state_counts_json(const struct state_counts *, int total);
void		 state_counts_text(struct buf *, const struct state_counts *);

/* Prints j to stdout as JSON (indented, newline) and frees it. */
void		 json_print(json_t *j);
/* A JSON string or null. */
json_t		*json_str_or_null(const char *);

#endif
