/* scalec doctor and scalec migrate: what is wrong with an installation
 * (who may read the database, its journal mode, its integrity, a schema
 * older than the binary), and the migration that any writing command
 * would run anyway, done or, with --dry-run, described. Both open the
 * database without migrating it (STORE_INSPECT). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
#include "util/opt.h"
#include "util/priv.h"
#include "util/xmalloc.h"

#define INTEGRITY_LINES	10	/* of integrity_check's findings shown */

/* What doctor found: printed as it goes, or, with --json, gathered into
 * one object. */
struct doctor {
	json_t	*findings;	/* with --json: the array, else NULL */
	int	 problems;
};

/* One finding about check (a word for scripts: "mode", "wal", ...): "ok"
 * or "problem", then the text (escaped on a terminal: it holds paths; in
 * JSON as jsonout writes it). */
static void
finding(struct doctor *d, const char *check, int ok, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
finding(struct doctor *d, const char *check, int ok, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	char		*vis, *line;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->problems += !ok;
	if (d->findings != NULL) {
		json_array_append_new(d->findings, json_pack("{s:s, s:b, s:s}",
		    "check", check, "ok", ok, "message", buf_str(&b)));
		buf_release(&b);
		return;
	}
	vis = escape_dup(buf_str(&b), ESCAPE_KEEP_NEWLINE);
	printf("%-8s ", ok ? "ok" : "problem");
	/* Lines after the first under the first's text. */
	for (line = strtok(vis, "\n"); line != NULL; line = strtok(NULL, "\n"))
		printf("%s%s\n", line == vis ? "" : "         ", line);
	free(vis);
	buf_release(&b);
}

/* What migrating from schema v would do, appended to out a line each
 * after indent: the backup, then each migration's statements, one a line
 * (the path in it escaped). */
static void
migration_plan(struct store *st, int v, const char *indent, struct buf *out)
{
	const char	*sql, *p, *end;
	char		*bak, *vis;
	int		 to;

	bak = store_migration_backup_name(st, v);
	vis = escape_dup(bak, 0);
	buf_printf(out, "%sback the database up to %s, then, in one"
	    " transaction per step:\n", indent, vis);
	free(vis);
	free(bak);
	for (to = v + 1; to <= store_schema_latest(); to++) {
		buf_printf(out, "%smigration %d (schema %d to %d):\n", indent,
		    to, to - 1, to);
		sql = store_migration_text(to);
		for (p = sql; *p != '\0'; p = end) {
			if ((end = strchr(p, ';')) == NULL)
				end = p + strlen(p);
			else
				end++;
			while (*p == ' ')
				p++;
			if (p < end)
				buf_printf(out, "%s    %.*s\n", indent,
				    (int)(end - p), p);
		}
	}
}

/* Opens the database as it is, without migrating it. */
static int
inspect_open(struct ctx *c, const char **path)
{
	if ((*path = ctx_db_path(c)) == NULL)
		return -1;
	if ((c->st = ctx_store_open(c, *path, STORE_INSPECT)) == NULL)
		return -1;
	return 0;
}

/* Whether everyone may read or write the file; quiet about a file that
 * is fine when quiet_ok. */
static void
mode_check(struct ctx *c, struct doctor *d, const char *path,
    const char *check, const char *what, int quiet_ok)
{
	struct stat	sb;
	int		rc;

	/* The shared database's directory is the group's alone. */
	if (c->st_shared && priv_raise() == -1)
		return;
	rc = stat(path, &sb);
	if (c->st_shared)
		priv_lower();
	if (rc == -1) {
		if (!quiet_ok)
			finding(d, check, 0, "%s: cannot look at its mode: %s",
			    what, strerror(errno));
		return;
	}
	if (sb.st_mode & 0006) {
		finding(d, check, 0, "%s is %s by every local user (mode"
		    " %04o): chmod 600 %s (660 for a group's database)", what,
		    (sb.st_mode & 0002) ? "writable" : "readable",
		    (unsigned)(sb.st_mode & 07777), path);
	} else if (!quiet_ok)
		finding(d, check, 1, "%s is not readable by every local user (mode"
		    " %04o)", what, (unsigned)(sb.st_mode & 07777));
}

static const char *const doctor_usage[] = {
	"scalec [--db FILE] doctor [--json]",
	"",
	"Reports what is wrong with the database and its installation: a file",
	"every local user can read, a database not in WAL mode, a failed",
	"integrity check, a schema older than this scalec (and what 'scalec",
	"migrate' would do about it). Exits 1 when it finds a problem.",
	"--json prints one object: the database, each finding (check, ok,",
	"message), the schema versions and the problems' count.",
	NULL
};

struct doctor_opts {
	int	 json;
};

static const struct opt doctor_opts[] = {
	OPT_FLAG(0, "json", struct doctor_opts, json, "print JSON"),
	OPT_END
};

/* The checks, each a finding (or, on a store error, -1 after
 * reporting). */
static int
doctor_checks(struct ctx *c, struct doctor *d, const char *path,
    struct buf *plan, int *version)
{
	struct buf	 found = BUF_INIT;
	char		*mode, *wal;
	int		 v, latest = store_schema_latest(), rc;

	mode_check(c, d, path, "mode", "the database", 0);
	wal = xasprintf("%s-wal", path);
	mode_check(c, d, wal, "wal_file_mode", "its -wal file", 1);
	free(wal);
	if ((mode = store_journal_mode(c->st)) == NULL)
		return -1;
	if (strcmp(mode, "wal") == 0)
		finding(d, "journal", 1, "in WAL mode");
	else
		finding(d, "journal", 0, "not in WAL mode (journal_mode %s):"
		    " readers and the writer wait for each other; any scalec"
		    " command that writes switches it back", mode);
	free(mode);
	if ((rc = store_integrity(c->st, &found, INTEGRITY_LINES)) == -1)
		return -1;
	if (rc == 0)
		finding(d, "integrity", 1,
		    "the integrity check finds nothing wrong");
	else
		finding(d, "integrity", 0, "the integrity check fails:"
		    " restore a backup ('scalec backup' writes one); it"
		    " says:\n%s", buf_str(&found));
	buf_release(&found);
	if ((v = store_schema_version(c->st)) == -1)
		return -1;
	*version = v;
	if (v == latest)
		finding(d, "schema", 1, "schema %d, this scalec's", v);
	else {
		migration_plan(c->st, v, d->findings != NULL ? "" :
		    "         ", plan);
		finding(d, "schema", 0, "schema %d, older than this scalec's"
		    " (%d): 'scalec migrate' migrates it (so does any command"
		    " that writes); 'scalec migrate --dry-run' says it would:",
		    v, latest);
		if (d->findings == NULL)
			fputs(buf_str(plan), stdout);
	}
	return 0;
}

/* The plan's lines as a JSON array. */
static json_t *
plan_lines(const char *plan)
{
	json_t		*a = json_array();
	const char	*p, *nl;

	for (p = plan; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		json_array_append_new(a, json_stringn(p, nl - p));
	return a;
}

static int
doctor_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct doctor_opts	*o = opts;
	struct doctor		 d = { NULL, 0 };
	struct buf		 plan = BUF_INIT;
	const char		*path;
	char			*vis;
	json_t			*j;
	int			 v = -1, rc;

	(void)argc;
	(void)argv;
	if (inspect_open(c, &path) == -1)
		return EXIT_FAILURE_DATA;
	if (o->json)
		d.findings = json_array();
	else {
		vis = escape_dup(path, 0);
		printf("%-8s %s\n", "database", vis);
		free(vis);
	}
	rc = doctor_checks(c, &d, path, &plan, &v);
	if (rc == 0 && o->json) {
		j = json_pack("{s:s, s:o, s:i, s:i, s:o, s:i}",
		    "database", path, "findings", d.findings, "schema", v,
		    "latest", store_schema_latest(), "migration_plan",
		    plan_lines(buf_str(&plan)), "problems", d.problems);
		d.findings = NULL;
		jsonout_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(j);
	} else if (rc == 0 && d.problems == 0)
		printf("No problems found.\n");
	else if (rc == 0)
		printf("%d problem%s found.\n", d.problems,
		    d.problems == 1 ? "" : "s");
	json_decref(d.findings);
	buf_release(&plan);
	if (rc == -1)
		return EXIT_FAILURE_DATA;
	return d.problems == 0 ? 0 : EXIT_FAILURE_DATA;
}

static const struct cmd_sub doctor_sub = {
	NULL, "", CMD_NO_STORE, 0, doctor_opts, sizeof(struct doctor_opts),
	NULL, doctor_run
};

const struct cmd_entry cmd_doctor_entry = {
	.name = "doctor",
	.summary = "report what is wrong with the database's installation",
	.usage = doctor_usage,
	.subs = &doctor_sub,
	.nsubs = 1,
};

static const char *const migrate_usage[] = {
	"scalec [--db FILE] migrate [--dry-run]",
	"",
	"Migrates the database to this scalec's schema, after backing it up",
	"beside itself (FILE.vN.bak), as any command that writes does by",
	"itself. --dry-run says what it would do and changes nothing.",
	NULL
};

struct migrate_opts {
	int	 dry_run;
};

static const struct opt migrate_opts[] = {
	OPT_FLAG(0, "dry-run", struct migrate_opts, dry_run,
	    "say what would be done; change nothing"),
	OPT_END
};

static int
migrate_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct migrate_opts	*o = opts;
	struct buf		 plan = BUF_INIT;
	const char		*path;
	char			*vis, *name, *bak;
	int			 v, latest = store_schema_latest();

	(void)argc;
	(void)argv;
	if (inspect_open(c, &path) == -1)
		return EXIT_FAILURE_DATA;
	vis = escape_dup(path, 0);
	if ((v = store_schema_version(c->st)) == -1) {
		free(vis);
		return EXIT_FAILURE_DATA;
	}
	if (v == latest) {
		printf("%s is at schema %d, this scalec's: nothing to"
		    " migrate.\n", vis, v);
		free(vis);
		return 0;
	}
	if (o->dry_run) {
		printf("Migrating %s from schema %d to %d would:\n", vis, v,
		    latest);
		migration_plan(c->st, v, "    ", &plan);
		fputs(buf_str(&plan), stdout);
		buf_release(&plan);
		printf("Nothing was changed (--dry-run).\n");
		free(vis);
		return 0;
	}
	name = store_migration_backup_name(c->st, v);
	bak = escape_dup(name, 0);
	free(name);
	ctx_store_close(c);
	if ((c->st = ctx_store_open(c, path, 0)) == NULL) {
		free(vis);
		free(bak);
		return EXIT_FAILURE_DATA;
	}
	printf("Migrated %s from schema %d to %d; the database as it was is"
	    " in %s.\n", vis, v, latest, bak);
	free(vis);
	free(bak);
	return 0;
}

static const struct cmd_sub migrate_sub = {
	NULL, "", CMD_NO_STORE, 0, migrate_opts, sizeof(struct migrate_opts),
	NULL, migrate_run
};

const struct cmd_entry cmd_migrate_entry = {
	.name = "migrate",
	.summary = "migrate the database to this scalec's schema",
	.usage = migrate_usage,
	.subs = &migrate_sub,
	.nsubs = 1,
};
