/* Opening the store: pragmas, schema migrations, transactions and the
 * statement cache that every src/store/ file shares. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/state.h"
#include "store/batch.h"
#include "store/internal.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/fmode.h"
#include "util/hash.h"
#include "util/outfile.h"
#include "util/xmalloc.h"

int
store_error(struct store *st, const char *what)
{
	struct buf	why = BUF_INIT;
	int		code = sqlite3_extended_errcode(st->db) & 0xff;

	if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
		return error("%s: %s: %s", st->path, what,
		    sqlite3_errmsg(st->db));
	store_busy_holder(st, &why);
	error("%s: %s: the database is busy: %s; waited %d s"
	    " (SCALEC_BUSY_TIMEOUT)", st->path, what, buf_str(&why),
	    st->wait_ms / 1000);
	buf_release(&why);
	return -1;
}

void
store_walk_mapped(struct store *st, int on)
{
	/* SQLite holds it to its own most (2 GiB as built by Debian). */
	sqlite3_exec(st->db, on ? "PRAGMA mmap_size = 17179869184" :
	    "PRAGMA mmap_size = 0", NULL, NULL, NULL);
}

sqlite3_stmt *
stmt_get(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	int		 i;

	for (i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL) != SQLITE_OK) {
		store_error(st, "preparing a statement");
		return NULL;
	}
	if (st->ncache == STORE_STMT_CACHE) {
		/* Full: drop the oldest statement that is not running (one a
		 * caller is stepping through must stay). */
		for (i = 0; i < st->ncache; i++)
			if (!sqlite3_stmt_busy(st->cache[i].stmt))
				break;
		if (i == st->ncache) {
			sqlite3_finalize(stmt);
			error("%s: too many statements in use at once",
			    st->path);
			return NULL;
		}
		sqlite3_finalize(st->cache[i].stmt);
		memmove(st->cache + i, st->cache + i + 1,
		    (size_t)(STORE_STMT_CACHE - 1 - i) * sizeof st->cache[0]);
		st->ncache--;
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = stmt;
	st->ncache++;
	return stmt;
}

int
stmt_row(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int	rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return 0;
	return store_error(st, what);
}

int64_t
stmt_int64(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int64_t	n;

	if (stmt_row(st, stmt, what) != 1)
		return -1;
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return n;
}

int
stmt_exec(struct store *st, sqlite3_stmt *stmt, const char *what)
{
	int	rc;

	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_error(st, what);
	return 0;
}

char *
column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char	*s;

	if (sqlite3_column_type(stmt, col) == SQLITE_NULL)
		return NULL;
	s = sqlite3_column_text(stmt, col);
	return xstrndup((const char *)s, (size_t)sqlite3_column_bytes(stmt, col));
}

char *
column_dup0(sqlite3_stmt *stmt, int col)
{
	char	*s = column_dup(stmt, col);

	return s != NULL ? s : xstrdup("");
}

void
bind_positive(sqlite3_stmt *stmt, int i, int64_t v)
{
	if (v > 0)
		sqlite3_bind_int64(stmt, i, v);
	else
		sqlite3_bind_null(stmt, i);
}

int
bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT);
}

int
stmt_state_counts(struct store *st, sqlite3_stmt *stmt, struct state_counts *n,
    const char *what)
{
	enum annotation_state	 s;
	int64_t			 k;
	int			 rc;

	memset(n, 0, sizeof *n);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		s = annotation_state_from_name((const char *)
		    sqlite3_column_text(stmt, 0));
		k = sqlite3_column_int64(stmt, 1);
		n->n[s] += k;
		n->total += k;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, what);
	return 0;
}

static int
exec_sql(struct store *st, const char *sql, const char *what)
{
	char	*msg = NULL;
	int	 rc;

	if ((rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg)) != SQLITE_OK) {
		/* The first statement on a file that is some other file. */
		if ((rc & 0xff) == SQLITE_NOTADB)
			error("%s: not a scalec database (the file is not an"
			    " SQLite database)", st->path);
		else if ((rc & 0xff) == SQLITE_READONLY)
			error("%s: %s: the database is read-only for you:"
			    " SQLite needs to write the file and, beside it,"
			    " its -wal and -shm files; ask whoever set it up"
			    " for write access", st->path, what);
		else if ((rc & 0xff) == SQLITE_BUSY)
			store_error(st, what);
		else
			error("%s: %s: %s", st->path, what,
			    msg != NULL ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt	*stmt;
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt,
	    NULL) != SQLITE_OK)
		return store_error(st, "reading the schema version");
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (v < 0)
		return store_error(st, "reading the schema version");
	return v;
}

int
store_schema_latest(void)
{
	return (int)schema_migration_count();
}

/* Where the file is backed up before a migration: PATH.vN.bak, or with a
 * time when that exists. */
char *
store_migration_backup_name(const struct store *st, int from)
{
	char		*dst;
	struct stat	 sb;

	dst = xasprintf("%s.v%d.bak", st->path, from);
	if (stat(dst, &sb) == 0) {
		free(dst);
		dst = xasprintf("%s.v%d.%lld.bak", st->path, from,
		    (long long)time(NULL));
	}
	return dst;
}

const char *
store_migration_text(int version)
{
	if (version < 1)
		return NULL;
	return schema_migration((size_t)version - 1);
}

static int
backup_before_migration(struct store *st, int from)
{
	char	*dst = store_migration_backup_name(st, from);
	int	 rc;

	rc = store_backup(st, dst);
	free(dst);
	return rc;
}

char *
store_journal_mode(struct store *st)
{
	sqlite3_stmt	*stmt;
	char		*mode = NULL;

	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &stmt,
	    NULL) != SQLITE_OK) {
		store_error(st, "reading the journal mode");
		return NULL;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW)
		mode = column_dup(stmt, 0);
	else
		store_error(st, "reading the journal mode");
	sqlite3_finalize(stmt);
	return mode;
}

int
store_integrity(struct store *st, struct buf *out, int max)
{
	sqlite3_stmt	*stmt;
	const char	*row;
	int		 rc, n = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt,
	    NULL) != SQLITE_OK)
		return store_error(st, "checking integrity");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row = (const char *)sqlite3_column_text(stmt, 0);
		if (row == NULL || strcmp(row, "ok") == 0)
			continue;
		if (n++ < max)
			buf_printf(out, "%s\n", row);
	}
	sqlite3_finalize(stmt);
	/* A damaged file may fail the check itself: that is its finding. */
	if (rc != SQLITE_DONE) {
		buf_printf(out, "%s\n", sqlite3_errmsg(st->db));
		n++;
	}
	return n > 0;
}

static int
migrate(struct store *st, int flags)
{
	int	v, latest = store_schema_latest();
	char	 pragma[64];

	if ((v = store_schema_version(st)) < 0)
		return -1;
	if (v > latest)
		return error("%s: the database has schema version %d, newer than"
		    " this scalec knows (%d): upgrade scalec", st->path, v,
		    latest);
	if (v == latest)
		return 0;
	if (v == 0 && !(flags & STORE_CREATE))
		return error("%s: not a scalec database (run 'scalec init' to"
		    " create one)", st->path);
	if (flags & STORE_READONLY)
		return error("%s: schema version %d needs migrating to %d; run"
		    " any command that writes", st->path, v, latest);
	if (v > 0 && backup_before_migration(st, v) == -1)
		return -1;
	while (v < latest) {
		if (store_begin(st) == -1)
			return -1;
		/* Someone else may have migrated while we waited. */
		if ((v = store_schema_version(st)) < 0 || v >= latest) {
			store_rollback(st);
			return v < 0 ? -1 : 0;
		}
		if (exec_sql(st, schema_migration((size_t)v),
		    "migrating the schema") == -1) {
			store_rollback(st);
			return -1;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    v + 1);
		if (exec_sql(st, pragma, "migrating the schema") == -1) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st) == -1)
			return -1;
		v++;
	}
	return 0;
}

/* scalec_now(): the clock's time, so that a fixed clock fixes every time
 * the store writes. */
static void
sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	iso[CLOCK_ISO_LEN];

	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, clock_iso(clock_now(), iso), -1,
	    SQLITE_TRANSIENT);
}

/* scalec_hash(TEXT): util/hash.h's content hash of the text's bytes, NULL
 * for NULL. The SQL face of the hash that import writes, so that a
 * migration can fill task.content_hash for rows written before it. */
static void
sql_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char	*s;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;		/* the result is NULL */
	s = sqlite3_value_text(argv[0]);
	sqlite3_result_int64(ctx, content_hash(s != NULL ? (const char *)s :
	    "", (size_t)sqlite3_value_bytes(argv[0])));
}

/* A new database file, made before SQLite opens it so that it has
 * file_create_mode()'s mode (SQLite's own would be 0644 less umask); an
 * empty file that is there already is used as it is. */
static int
create_file(const char *path)
{
	struct stat	sb;
	int		fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_NOCTTY | O_CLOEXEC, 0600)) == -1)
		return errno == EEXIST ? 0 : error("%s: %s", path,
		    strerror(errno));
	/* A database its owner cannot write is none, whatever the umask. */
	if (file_create_fix(fd, path) == -1 || fstat(fd, &sb) == -1 ||
	    fchmod(fd, (sb.st_mode & 0777) | 0600) == -1) {
		error("%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

/* The file opened is still the one store_identify looked at (it was not
 * replaced in between): scalec's id, or none at an earlier version, and
 * a version no older (another scalec may have migrated it since). */
static int
still_ours(struct store *st, int version)
{
	sqlite3_stmt	*stmt;
	int64_t		 appid = -1;
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT (SELECT application_id FROM"
	    " pragma_application_id), (SELECT user_version FROM"
	    " pragma_user_version)", -1, &stmt, NULL) != SQLITE_OK)
		return store_error(st, "reading the application id");
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		appid = sqlite3_column_int64(stmt, 0);
		v = sqlite3_column_int(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (v < version || v > store_schema_latest() ||
	    (appid != (int64_t)SCALEC_APPLICATION_ID &&
	    (appid != 0 || v >= SCHEMA_APPID_VERSION)))
		return error("%s: the file changed while it was being opened;"
		    " nothing was changed", st->path);
	return 0;
}

/*
 * Nothing is written before store_identify has said the file is a scalec
 * database this binary may open (or init's new one): the journal_mode
 * pragma would convert another program's database to WAL, and migrating
 * a newer schema is refused before anything happens to it.
 */
struct store *
store_open(const char *path, int flags)
{
	static int	 configured;
	struct store	*st;
	int		 oflags, id, version;

	/* No counts of SQLite's allocations (sqlite3_memory_used, which
	 * scalec never asks): keeping them took a mutex at every one, 4% of
	 * a JSONL import's CPU (perf). Only before SQLite's first use. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if ((id = store_identify(path, flags, &version)) == -1)
		return NULL;
	if (id == STORE_ID_NEW && create_file(path) == -1)
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	/* Inspecting reads, but with a writable connection where it may, so
	 * that closing removes the -wal and -shm files as they were found. */
	if ((flags & STORE_READONLY) || ((flags & STORE_INSPECT) &&
	    faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == -1))
		oflags = SQLITE_OPEN_READONLY;
	else
		oflags = SQLITE_OPEN_READWRITE;
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		if (st->db == NULL)
			error("%s: cannot open the database", path);
		else
			store_error(st, "cannot open the database");
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_create_function(st->db, "scalec_now", 0, SQLITE_UTF8, NULL,
	    sql_now, NULL, NULL);
	sqlite3_create_function(st->db, "scalec_hash", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_hash, NULL, NULL);
	batch_wait_init(st);
	if (exec_sql(st, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;", "setting pragmas") == -1)
		goto fail;
	if (id == STORE_ID_OURS && still_ours(st, version) == -1)
		goto fail;
	if (flags & STORE_INSPECT)
		return st;
	if (!(flags & STORE_READONLY) &&
	    exec_sql(st, "PRAGMA journal_mode = WAL;", "enabling WAL") == -1)
		goto fail;
	if (migrate(st, flags) == -1)
		goto fail;
	/* What a crashed import left loading goes (HACKING "Imports that
	 * never block"). */
	if (!(flags & STORE_READONLY) && store_batch_reap(st) == -1)
		goto fail;
	return st;

fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	int	i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	if (st->db != NULL)
		sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_begin(struct store *st)
{
	if (exec_sql(st, "BEGIN IMMEDIATE", "starting a transaction") == -1)
		return -1;
	batch_wait_done(st);
	st->in_tx = 1;
	return 0;
}

int
store_commit(struct store *st)
{
	if (exec_sql(st, "COMMIT", "committing") == -1) {
		store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
}

/*
 * VACUUM INTO makes its file itself, by name, following links and leaving
 * a partial file and its journal behind when it fails (a full disk). So it
 * writes into a private folder beside path (outfile_private_dir), and only
 * the whole copy, synced, with the mode a new file gets, is put at path,
 * which must still not exist; whatever fails, the folder goes.
 */
int
store_backup(struct store *st, const char *path)
{
	static const char *const names[] = { "copy.db", "copy.db-journal",
	    "copy.db-wal", "copy.db-shm", NULL };
	struct outfile	 o = OUTFILE_INIT;
	sqlite3_stmt	*stmt;
	char		*dir = NULL, *tmp = NULL;
	int		 fd, rc = -1;

	if (outfile_check(path, OUTFILE_NEW_ONLY, &o) == -1 ||
	    (dir = outfile_private_dir(path, names)) == NULL)
		goto out;
	tmp = xasprintf("%s/%s", dir, names[0]);
	if (sqlite3_prepare_v2(st->db, "VACUUM INTO ?", -1, &stmt, NULL)
	    != SQLITE_OK) {
		store_error(st, "backing up");
		goto out;
	}
	sqlite3_bind_text(stmt, 1, tmp, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		rc = error("%s: backup failed: %s", path,
		    sqlite3_errmsg(st->db));
		goto out;
	}
	rc = -1;
	if ((fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		error("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (outfile_prepare(&o, fd, tmp) == -1) {
		close(fd);
		goto out;
	}
	if (fsync(fd) == -1) {
		error("%s: backup failed: %s", path, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	if (outfile_sync_dir(dir, 1) == -1 || outfile_place_new(tmp, path)
	    == -1)
		goto out;
	rc = 0;
out:
	if (dir != NULL)
		outfile_private_remove();
	free(dir);
	free(tmp);
	outfile_release(&o);
	return rc;
}

int
stmt_changes(struct store *st)
{
	return sqlite3_changes(st->db);
}

int64_t
store_now(void)
{
	return (int64_t)clock_now();
}

int
tx_enter(struct store *st, int *own)
{
	*own = !st->in_tx;
	return *own ? store_begin(st) : 0;
}

int
tx_leave(struct store *st, int own, int rc)
{
	if (!own)
		return rc;
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st) == -1 ? -1 : rc;
}


