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
#include "util/opt.h"
#include "util/priv.h"
#include "util/xmalloc.h"

#define INTEGRITY_LINES	10	/* of integrity_check's findings shown */

/* One finding: "ok" or "problem", then the text (escaped: it holds
 * paths). */
static void
finding(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
finding(int ok, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	char		*vis, *line;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	vis = escape_dup(buf_str(&b), ESCAPE_KEEP_NEWLINE);
	printf("%-8s ", ok ? "ok" : "problem");
	/* Lines after the first under the first's text. */
	for (line = strtok(vis, "\n"); line != NULL; line = strtok(NULL, "\n"))
		printf("%s%s\n", line == vis ? "" : "         ", line);
	free(vis);
	buf_release(&b);
}

/* What migrating from schema v would do, each line after indent: the
 * backup, then each migration's statements, one a line. */
static void
migration_plan(struct store *st, int v, const char *indent)
{
	const char	*sql, *p, *end;
	char		*bak, *vis;
	int		 to;

	bak = store_migration_backup_name(st, v);
	vis = escape_dup(bak, 0);
	printf("%sback the database up to %s, then, in one transaction per"
	    " step:\n", indent, vis);
	free(vis);
	free(bak);
	for (to = v + 1; to <= store_schema_latest(); to++) {
		printf("%smigration %d (schema %d to %d):\n", indent, to,
		    to - 1, to);
		sql = store_migration_text(to);
		for (p = sql; *p != '\0'; p = end) {
			if ((end = strchr(p, ';')) == NULL)
				end = p + strlen(p);
			else
				end++;
			while (*p == ' ')
				p++;
			if (p < end)
				printf("%s    %.*s\n", indent, (int)(end - p),
				    p);
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
mode_check(struct ctx *c, const char *path, const char *what, int quiet_ok,
    int *problems)
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
			finding(0, "%s: cannot look at its mode: %s", what,
			    strerror(errno));
		*problems += !quiet_ok;
		return;
	}
	if (sb.st_mode & 0006) {
		finding(0, "%s is %s by every local user (mode %04o): chmod"
		    " 600 %s (660 for a group's database)", what,
		    (sb.st_mode & 0002) ? "writable" : "readable",
		    (unsigned)(sb.st_mode & 07777), path);
		(*problems)++;
	} else if (!quiet_ok)
		finding(1, "%s is not readable by every local user (mode"
		    " %04o)", what, (unsigned)(sb.st_mode & 07777));
}

static const char *const doctor_usage[] = {
	"scalec [--db FILE] doctor",
	"",
	"Reports what is wrong with the database and its installation: a file",
	"every local user can read, a database not in WAL mode, a failed",
	"integrity check, a schema older than this scalec (and what 'scalec",
	"migrate' would do about it). Exits 1 when it finds a problem.",
	NULL
};

static int
doctor_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct buf	 found = BUF_INIT;
	const char	*path;
	char		*mode, *wal, *vis;
	int		 v, latest = store_schema_latest(), problems = 0, rc;

	(void)opts;
	(void)argc;
	(void)argv;
	if (inspect_open(c, &path) == -1)
		return EXIT_FAILURE_DATA;
	vis = escape_dup(path, 0);
	printf("%-8s %s\n", "database", vis);
	free(vis);
	mode_check(c, path, "the database", 0, &problems);
	wal = xasprintf("%s-wal", path);
	mode_check(c, wal, "its -wal file", 1, &problems);
	free(wal);
	if ((mode = store_journal_mode(c->st)) == NULL)
		return EXIT_FAILURE_DATA;
	if (strcmp(mode, "wal") == 0)
		finding(1, "in WAL mode");
	else {
		finding(0, "not in WAL mode (journal_mode %s): readers and"
		    " the writer wait for each other; any scalec command that"
		    " writes switches it back", mode);
		problems++;
	}
	free(mode);
	if ((rc = store_integrity(c->st, &found, INTEGRITY_LINES)) == -1)
		return EXIT_FAILURE_DATA;
	if (rc == 0)
		finding(1, "the integrity check finds nothing wrong");
	else {
		finding(0, "the integrity check fails: restore a backup"
		    " ('scalec backup' writes one); it says:\n%s",
		    buf_str(&found));
		problems++;
	}
	buf_release(&found);
	if ((v = store_schema_version(c->st)) == -1)
		return EXIT_FAILURE_DATA;
	if (v == latest)
		finding(1, "schema %d, this scalec's", v);
	else {
		finding(0, "schema %d, older than this scalec's (%d): 'scalec"
		    " migrate' migrates it (so does any command that writes);"
		    " 'scalec migrate --dry-run' says it would:", v, latest);
		migration_plan(c->st, v, "         ");
		problems++;
	}
	if (problems == 0)
		printf("No problems found.\n");
	else
		printf("%d problem%s found.\n", problems, problems == 1 ? "" :
		    "s");
	return problems == 0 ? 0 : EXIT_FAILURE_DATA;
}

static const struct cmd_sub doctor_sub = {
	NULL, "", CMD_NO_STORE, 0, NULL, 0, NULL, doctor_run
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
		migration_plan(c->st, v, "    ");
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
