/* The command layer: one entry per command, the context every command runs
 * in (the store, who is acting), and the shared checks. Command files parse
 * options, check inputs and call the modules; they hold no SQL and no
 * drawing. */
#ifndef SCALEC_CMD_H
#define SCALEC_CMD_H

#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "model/keybind.h"
#include "model/role.h"
#include "store/store.h"
#include "store/user.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/opt.h"

struct store;
struct project;
struct table;

struct ctx {
	const char	*db_opt;	/* --db, or NULL */
	const char	*as_opt;	/* --as, or NULL */
	char		*db_path;	/* resolved on first use */
	struct store	*st;		/* opened by ctx_open */
	int		 st_shared;	/* st is the shared database, opened
					 * with the group (util/priv.h) */
	struct user	 me;		/* the acting user */
	struct user	 real;		/* the real login (same as me without --as) */
	char		*login;		/* the login name from getuid() */

	/* Filled by the dispatcher for the subcommand it runs. */
	struct project	*project;	/* CMD_PROJECT's, or CMD_TASKS' --project */
	const char	*project_opt;	/* CMD_TASKS: --project */
	int64_t		*tasks;		/* CMD_TASKS: each task once, in order */
	size_t		 ntasks;
	const char *const *usage;	/* for cmd_usage_die */
	int		 noticed;	/* ctx_notice done: say nothing more */
	struct opt_set	 sets[2];
	size_t		 nsets;
};

/*
 * What the dispatcher opens and checks before a subcommand runs, from
 * what the subcommand declares, so that no command can forget the check
 * (the roles are checked in one place).
 */
enum cmd_scope {
	CMD_NO_STORE,	/* nothing opened (init, demo) */
	CMD_ANYONE,	/* the store opened, any user may (whoami) */
	CMD_GLOBAL,	/* the act checked against the global role */
	CMD_PROJECT,	/* operand 0 names a project, the act checked in it;
			 * c->project */
	CMD_TASKS,	/* every operand names a task (see ctx_task_ref), the
			 * act checked in each one's project; c->tasks */
};

/* A subcommand (project create), or a command's own run (export). */
struct cmd_sub {
	const char	*name;		/* NULL: the command itself */
	/* The operands, for the count and its message: "PROJECT USER";
	 * "[NAME]" may be left out, "PATH..." is one or more. */
	const char	*operands;
	enum cmd_scope	 scope;
	enum act	 act;		/* CMD_GLOBAL, CMD_PROJECT, CMD_TASKS */
	const struct opt *opts;		/* bound into a struct of size bytes */
	size_t		 size;
	const void	*defaults;	/* that struct's values before parsing
					 * (NULL: all zero) */
	/* Runs with the options struct (zeroed, then parsed) and the
	 * operands alone (argv[0] is the first operand). */
	int		(*run)(struct ctx *, void *opts, int argc,
			    char **argv);
};

struct cmd_entry {
	const char	*name;
	const char	*summary;	/* one line for "scalec help" */
	const char *const *usage;	/* synopsis lines, "", free text */
	int		 formats;	/* FORMAT_ flags the summary ends with */
	const struct cmd_sub *subs;	/* the subcommands, or one nameless */
	size_t		 nsubs;
	/* The subcommand that the command alone, or followed by an option,
	 * runs ("scalec inbox" is inbox list); NULL: one must be named. */
	const char	*plain;
	/* What runs when the first operand names no subcommand and is no
	 * option ('review PROJECT'), or NULL. */
	const struct cmd_sub *bare;
};

/* Every command entry; main.c keeps them in one sorted table. */
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_whoami_entry;
extern const struct cmd_entry cmd_agreement_entry;
extern const struct cmd_entry cmd_annotate_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_doctor_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_file_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_inbox_entry;
extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_member_entry;
extern const struct cmd_entry cmd_migrate_entry;
extern const struct cmd_entry cmd_project_entry;
extern const struct cmd_entry cmd_review_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_user_entry;

/*
 * Runs command e with argv (argv[0] is its name): picks the subcommand,
 * parses its options, checks the operand count, opens the store and
 * checks the act its scope declares, then runs it. --help prints the
 * usage; a usage error exits 2.
 */
int		 cmd_run(struct ctx *, const struct cmd_entry *e, int argc,
		    char **argv);
/* Prints e's help ("scalec help COMMAND"): its usage, and a command's own
 * options. */
void		 cmd_help(const struct cmd_entry *e, FILE *);
/* Reports a usage error of the subcommand running (its usage and options
 * on stderr) and exits 2. */
void		 cmd_usage_die(const struct ctx *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3), noreturn));

/* The options every CMD_TASKS subcommand takes besides its own
 * (--project). */
extern const struct opt cmd_task_opts[];
/* The name of the demo's project i, or NULL past the last. */
const char	*cmd_demo_project(size_t i);

/* The command of that exact name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* The parse functions (util/opt.h OPT_PARSE) of values several commands
 * take (cmd/values.c): a role (enum role), a format that reads or writes
 * (const struct format *), an annotation state (const char *, its name);
 * and the --format help, made from the format table. */
int		 cmd_parse_role(const char *, void *, char *, size_t);
int		 cmd_parse_format_read(const char *, void *, char *, size_t);
int		 cmd_parse_format_write(const char *, void *, char *, size_t);
/* A headless screen's size: --size WxH (annotate, review). */
struct screen_size {
	int	 given;
	int	 w, h;
};
int		 cmd_parse_size(const char *arg, void *dst, char *err,
		    size_t errlen);
/*
 * What a full-screen command (annotate, review) takes for a key script:
 * --keys FILE|-, and only with it --size, --json, --timings, --pace (and
 * annotate's --graphics-out), bound by OPT_SCREEN_SCRIPT to a struct
 * screen_script field f of the options struct T; --lease MINUTES, how
 * long the screen holds its item without a change, by OPT_SCREEN_LEASE
 * (a long field, 0: the default, 15).
 */
struct screen_script {
	const char		*keys;		/* NULL: the terminal */
	struct screen_size	 size;		/* not given: 80x24 */
	int			 json;		/* the summary, not the frame */
	const char		*timings;
	const char		*graphics_out;	/* annotate's */
	long			 pace;		/* ms before each key */
};
#define OPT_SCREEN_SCRIPT(T, f)						\
	OPT_STRING(0, "keys", T, f.keys, "FILE",			\
	    "headless: run the key script FILE ('-': stdin), print the"	\
	    " screen"),							\
	OPT_PARSE(0, "size", T, f.size, struct screen_size, "WxH",	\
	    "headless: the screen's size (default 80x24)",		\
	    cmd_parse_size),						\
	OPT_FLAG(0, "json", T, f.json,					\
	    "headless: print a summary as JSON instead of the screen"),	\
	OPT_STRING(0, "timings", T, f.timings, "FILE",			\
	    "headless: write the time to the first screen and each"	\
	    " key's processing time (microseconds) to FILE"),		\
	OPT_NUMBER(0, "pace", T, f.pace, "MS",				\
	    "headless: wait MS milliseconds before each key, as a"	\
	    " person between keys (benchmarks)", 0, 60000)
#define OPT_SCREEN_LEASE(T, f, what)					\
	OPT_NUMBER(0, "lease", T, f, "MINUTES",				\
	    "hold each " what " this long without a change (default"	\
	    " 15)", 1, 24 * 60)
/* Dies with a usage error naming the first of the script's options
 * given without --keys. */
void		 cmd_screen_check(const struct ctx *,
		    const struct screen_script *);
/* The lease --lease asks for, in seconds (minutes 0: the default). */
int		 cmd_screen_lease(long minutes);
/* What the image region showed last, for --json (a new reference, or
 * null): the picture's record and the drawing over it. */
json_t		*cmd_screen_image_json(void);

/* A command's full screen (cmd/screen.c: annotate, review): the key
 * script and --timings (cmd_screen_open reads them, the project's config
 * and the keys, refusing what is wrong before anything changes: the
 * script's options without --keys are a usage error), the run of a view
 * on the terminal or the script's display (its last frame printed, or
 * summary's output), and the release. */
struct cmd_screen {
	struct config		*cfg;		/* the project's */
	const struct ctx	*c;
	struct store		*st;		/* the context's */
	struct key_script	*ks;		/* --keys, or NULL */
	struct buf		 script;
	struct keybinds		 keys;
	char			*keys_file;
	struct driver_opts	 dopts;
	const char		*timings;
	int			 graphics;	/* GRAPHICS_ (image.h) */
	int			 graphics_yaml;	/* config.yaml's graphics: */
	FILE			*graphics_out;	/* --graphics-out, or NULL */
	const char		*graphics_out_name;
	int			 pace_ms;	/* a script's wait before a key */
	int			 w, h;		/* a script's screen */
};
#define CMD_SCREEN_INIT { NULL, NULL, NULL, NULL, BUF_INIT, KEYBINDS_INIT, NULL, \
	{ 0, NULL, 0, NULL, NULL }, NULL, 0, 0, NULL, NULL, 0, 0, 0 }
struct driver;
struct key_script;
struct view;
int		 cmd_screen_open(struct ctx *, struct cmd_screen *,
		    const struct screen_script *);
/* How the screen shows images (GRAPHICS_AUTO: config.yaml's graphics:,
 * else as the terminal answers)
 * and, for a key script, the file that gets the bytes a terminal would
 * (out NULL: none). 0, or -1 after reporting. */
int		 cmd_screen_graphics(struct cmd_screen *, int mode,
		    const char *out);
/* Runs v; with a key script prints its last frame or, given summary
 * (--json), a JSON summary: the project, the user, the keys the script
 * ran, whether it quit and the status line, to which summary adds what
 * the view did. 0, EXIT_FAILURE_DATA, or 128 + a signal. */
int		 cmd_screen_run(struct cmd_screen *, struct view *,
		    void (*summary)(struct view *, json_t *));
/* Releases it; returns ret, or EXIT_FAILURE_DATA when --timings could not
 * be written. */
int		 cmd_screen_close(struct cmd_screen *, int ret);

/* The review screen (cmd/review_screen.c), for scalec review's bare
 * form (cmd/review.c): the queue q asks for, on the terminal or a key
 * script's display, each item held lease_minutes (0: the default). 0,
 * -1 after reporting, or 128 + the signal that ended it. */
#define HAVE_REVIEW_SCREEN	1
struct review_query;
int		 review_screen_run(struct ctx *, const struct review_query *q,
		    const struct screen_script *script, long lease_minutes);

int		 cmd_parse_state(const char *, void *, char *, size_t);
const char	*cmd_format_read_help(void);
const char	*cmd_format_write_help(void);

/*
 * A task on the command line: its scalec number ("42") or its imported id
 * ("id:VALUE"), which needs the project (c->project, from --project).
 * Fills *id; 0, or -1 after reporting.
 */
int		 ctx_task_ref(struct ctx *, const char *ref, int64_t *id,
		    int64_t *project_id);

/* Resolves the database path (--db, SCALEC_DB, configs, XDG); borrowed. */
const char	*ctx_db_path(struct ctx *);
struct keybinds;
/* Reads keys: from the person's config.yaml into keys (nothing when it
 * has none, or there is none), graphics: into *graphics (left as it is
 * without one) and viewer: into the outside viewer (tui/viewer.h); its
 * path for messages (the caller's to free), NULL after reporting a
 * config.yaml that does not read. */
char		*ctx_person_keys(struct keybinds *keys, int *graphics);
/* Fills what every full-screen command gives its driver (tui/view.h):
 * the start time and the unread count of the acting user's
 * notifications, asked of the store whenever the view's item changes.
 * The caller sets headless and timings. */
struct driver_opts;
void		 ctx_driver_opts(struct ctx *, struct driver_opts *);
/*
 * The notice of new unread notifications (cmd/notice.c), which the
 * dispatcher gives after every command that opened the store: with say,
 * one line to stderr when it is a terminal and the acting user (not
 * behind --as) has unread ones newer than the last notice; without, the
 * same recorded as said with nothing printed, when stdout is a terminal
 * (scalec inbox showed them). Remembered outside the database; never an
 * error.
 */
void		 ctx_notice(struct ctx *, int say);
/* The real login's name, from getuid(); borrowed. */
const char	*ctx_login(struct ctx *);
/*
 * Opens the store and identifies the acting user: the real login, or with
 * --as (admins only) another user. Refuses a login that is not a user.
 * Returns 0 or -1 after reporting.
 */
int		 ctx_open(struct ctx *);
void		 ctx_release(struct ctx *);
/* store_open for the context: the shared database with the group in the
 * shared-host mode, any other with the person's rights; the files scalec
 * creates get the database's group when it is a group's (util/fmode.h).
 * ctx_store_close closes c->st (with the group for the shared one). */
struct store	*ctx_store_open(struct ctx *, const char *path, int flags);
void		 ctx_store_close(struct ctx *);
/* The folder beside the open database that keeps the pictures piped into
 * it (DB.images, the database's path resolved; the caller frees), or
 * NULL when the path cannot be resolved. */
char		*ctx_images_dir(struct ctx *);
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

/* import and file add (cmd/import.c): while the store imports, SIGINT,
 * SIGTERM and SIGHUP only set cmd_import_signal (import_opts.stop), so
 * that the store removes what it loaded; the command then exits 128 +
 * the signal. on = 1 catches them, 0 puts back what was there. */
extern volatile sig_atomic_t	 cmd_import_signal;
void		 cmd_import_signals(int on);

/*
 * A list command's output (cmd/listing.c): a table (escaped, aligned,
 * streamed; util/table.h) or, with --json, an array written element by
 * element, valid JSON once listing_end has closed it. A list that can
 * grow with the data declares its columns once (struct column), each one
 * line: its header, its JSON key and its value. The window (--limit,
 * --offset) is applied here for the lists the store walks whole; a list
 * the store windows itself (file list, log) passes no page.
 */
struct column {
	const char	*header;	/* in the table; NULL: JSON only */
	const char	*key;		/* in JSON; NULL: the table only */
	int		 max;		/* trimmed to this width (0: never) */
	/* The row's value (a new reference): a string, number or null;
	 * NULL leaves the key out of this row's JSON. */
	json_t		*(*value)(const void *row, const void *arg);
};

/* A column's value function that is one field of the row's struct:
 * COLUMN_FIELD(col_id, struct task, json_integer, id). */
#define COLUMN_FIELD(name, type, make, field)				\
static json_t *								\
name(const void *row, const void *arg)					\
{									\
	(void)arg;							\
	return make(((const type *)row)->field);			\
}

struct listing {
	struct table		*t;	/* the table, or NULL for JSON */
	const struct column	*cols;	/* or NULL: rows given whole */
	size_t			 ncols;
	const void		*arg;	/* for the columns' value */
	size_t			 n;	/* rows written */
	long			 skip;	/* rows still to skip (--offset) */
	long			 left;	/* rows still to write, -1: all */
	int			 failed; /* writing failed: stop */
};

/* A list's window, bound to a struct page field f of the options struct
 * T: --limit N and --offset N, and for a list of rows with ids in order
 * --after ID (a cursor: the last id a page showed). */
#define OPT_PAGE(T, f)							\
	OPT_NUMBER(0, "limit", T, f.limit, "N", "at most N rows", 1,	\
	    LONG_MAX),							\
	OPT_NUMBER(0, "offset", T, f.offset, "N",			\
	    "leave out the first N rows", 0, LONG_MAX)
#define OPT_PAGE_AFTER(T, f)						\
	OPT_PAGE(T, f),							\
	OPT_NUMBER(0, "after", T, f.after, "ID",			\
	    "only the rows after the one with this id", 0, LONG_MAX)

/* Starts a listing with headers (a table) or an array (json); page is
 * the window to apply here, or NULL when the store applied it. */
void		 listing_start(struct listing *, int json,
		    const char *const *headers, const struct page *);
/* The same from columns: the table's headers and trims are theirs. */
void		 listing_start_columns(struct listing *, int json,
		    const struct column *, size_t ncols, const void *arg,
		    const struct page *);
/* A column's least width in the table (ids grow down the list). */
void		 listing_set_min(struct listing *, int col, int width);
/*
 * One row: as cells for the table (listing_addv: as many as headers), as
 * an object for JSON (taken over), or from the columns (either). Each
 * returns 0 to go on, 1 when the window is full and -1 when the output
 * failed: a store walk stops on anything but 0.
 */
int		 listing_cells(struct listing *, const char *const *cells);
int		 listing_addv(struct listing *, ...);
int		 listing_object(struct listing *, json_t *obj);
int		 listing_row(struct listing *, const void *row);
/* Ends the table or the array; 0, or -1 when the output failed. */
int		 listing_end(struct listing *);
void		 listing_release(struct listing *);
/* A store walk's result and the listing's end as a command's exit:
 * 0, or EXIT_FAILURE_DATA (reported, or an output that failed). */
int		 listing_finish(struct listing *, int walk);

/*
 * A project's tally (quality/tally.h) from one walk of c's project's
 * annotations; since (ISO-8601, or NULL) as tally_init's. 0, or -1 after
 * reporting (t is then released).
 */
struct tally;
struct config;
int		 cmd_tally(struct ctx *, const struct config *,
		    const char *since, struct tally *);
/* Lists c's project's tasks without consensus, worst first (file list
 * and review list --disagreement); the command's exit status. */
int		 cmd_disagreement_list(struct ctx *, int json,
		    const struct page *);

/* Annotation counts by state, in the states' order: as a JSON object
 * ({"total": N, "draft": N, ...}, total only when asked for) and as text
 * appended to b ("N draft, N submitted, ..."). */
struct state_counts;
struct buf;
json_t		*state_counts_json(const struct state_counts *, int total);
void		 state_counts_text(struct buf *, const struct state_counts *);

/*
 * Asks question on the terminal (/dev/tty) before a command loses data:
 * 1 for an answer starting with y or Y, 0 for any other, -1 when there is
 * no terminal to ask on (standard input is not one, or /dev/tty does not
 * open): the command then needs --yes.
 */
int		 cmd_confirm(const char *question);

/* Prints j to stdout as JSON (indented, newline) and frees it. */
void		 json_print(json_t *j);
/* A JSON string or null. */
json_t		*json_str_or_null(const char *);

#endif
