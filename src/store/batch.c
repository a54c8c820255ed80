/* Import batches: the rows that make a chunked import invisible until it
 * is published, the removal of one that failed or whose process died,
 * undo, and the busy handler with its "who holds the lock". The design
 * is in HACKING, "Imports that never block". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/batch.h"
#include "store/import.h"
#include "store/internal.h"
#include "store/project.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"

#define BATCH_REMOVE_ROWS	5000	/* tasks removed per transaction */
#define BATCH_FOLD_ROWS		500	/* updated tasks folded per statement */
#define BATCH_STALE_SECONDS	600	/* another host's batch, no heartbeat */
#define BUSY_POLL_NS		2000000	/* 2 ms */
#define BUSY_HOOK_MS		100
#define BUSY_DEFAULT_MS		10000

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A process's start time (field 22 of /proc/PID/stat) into out, "" when
 * unknown: with the pid, it tells a process from a later one that reuses
 * the number. */
static void
proc_start(long pid, char *out, size_t len)
{
	char	 path[64], line[1024], *p;
	FILE	*f;
	int	 field;

	*out = '\0';
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	if (fgets(line, sizeof line, f) != NULL &&
	    (p = strrchr(line, ')')) != NULL) {
		/* Fields after the command's ")": 3 is the state. */
		for (field = 2; field < 22 && p != NULL; field++)
			p = strchr(p + 1, ' ');
		if (p != NULL)
			snprintf(out, len, "%.*s", (int)strcspn(p + 1, " "),
			    p + 1);
	}
	fclose(f);
}

static void
host_name(char *out, size_t len)
{
	if (gethostname(out, len) == -1)
		*out = '\0';
	out[len - 1] = '\0';
}

/* 1 when the process that loads a batch is gone. */
static int
batch_dead(long pid, const char *host, const char *start, int64_t heartbeat)
{
	char	me[256], now_start[64];

	host_name(me, sizeof me);
	if (strcmp(host, me) != 0)
		return store_now() - heartbeat > BATCH_STALE_SECONDS;
	if (pid <= 0)
		return 1;
	if (kill((pid_t)pid, 0) == -1 && errno == ESRCH)
		return 1;
	proc_start(pid, now_start, sizeof now_start);
	return *start != '\0' && *now_start != '\0' &&
	    strcmp(start, now_start) != 0;
}

/* The one id a statement with one key (?1) finds: 1 and *out, 0 when
 * none, -1. */
static int
one_id(struct store *st, sqlite3_stmt *stmt, int64_t key, int64_t *out,
    const char *what)
{
	int	rc;

	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, key);
	if ((rc = stmt_row(st, stmt, what)) == 1) {
		*out = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* A batch that loads into the project, or whose published update is
 * still being folded (doing not empty: batch_fold): the next import waits
 * for either, so that it reads the tasks as they are and no two batches
 * hold a task's update at once. */
int
batch_loading(struct store *st, int64_t project_id, int64_t *batch)
{
	return one_id(st, stmt_get(st, "SELECT id FROM import_batch WHERE"
	    " project_id = ? AND (state = 'loading' OR doing <> '')"),
	    project_id, batch, "reading import batches");
}

int
batch_begin(struct store *st, const struct actor *a, int64_t project_id,
    const char *action, const char *file, int chunked, int64_t *batch,
    int64_t *loading_from)
{
	sqlite3_stmt	*stmt;
	char		 host[256], start[64];
	int64_t		 other;
	int		 rc;

	if ((rc = batch_loading(st, project_id, &other)) != 0)
		return rc == 1 ? 0 : -1;
	host_name(host, sizeof host);
	proc_start((long)getpid(), start, sizeof start);
	stmt = stmt_get(st, "INSERT INTO import_batch (project_id, user_id,"
	    " action, file, state, pid, host, proc_start, heartbeat, doing,"
	    " started_at) VALUES (?, ?, ?, ?, 'loading', ?, ?, ?, ?,"
	    " 'starting', " NOW_SQL ") RETURNING id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if (a != NULL && a->user_id > 0)
		sqlite3_bind_int64(stmt, 2, a->user_id);
	bind_text(stmt, 3, action);
	bind_text(stmt, 4, file != NULL ? file : "");
	sqlite3_bind_int64(stmt, 5, (int64_t)getpid());
	bind_text(stmt, 6, host);
	bind_text(stmt, 7, start);
	sqlite3_bind_int64(stmt, 8, store_now());
	if ((*batch = stmt_int64(st, stmt, "starting an import batch")) == -1)
		return -1;
	*loading_from = 0;
	if (!chunked)
		return 1;
	/* Inside this transaction the next insert gets max(id) + 1. */
	stmt = stmt_get(st, "UPDATE project SET loading_from = (SELECT"
	    " coalesce(max(id), 0) + 1 FROM task) WHERE id = ?"
	    " RETURNING loading_from");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((*loading_from = stmt_int64(st, stmt, "starting an import batch"))
	    == -1)
		return -1;
	return 1;
}

int
batch_progress(struct store *st, int64_t batch, int64_t added,
    int64_t updated, int64_t first, int64_t last, const char *doing)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE import_batch SET tasks = ?, updated = ?,"
	    " first_task = nullif(?, 0), last_task = nullif(?, 0),"
	    " heartbeat = ?, doing = ? WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, added);
	sqlite3_bind_int64(stmt, 2, updated);
	sqlite3_bind_int64(stmt, 3, first);
	sqlite3_bind_int64(stmt, 4, last);
	sqlite3_bind_int64(stmt, 5, store_now());
	bind_text(stmt, 6, doing);
	sqlite3_bind_int64(stmt, 7, batch);
	return stmt_exec(st, stmt, "recording an import's progress");
}

/*
 * The people's cursors (store/assign.c) meet the published tasks here,
 * once, rather than each walk looking at every task added since it last
 * looked (cursor_catch_up: a sort of the whole batch, half a second at a
 * million): a cursor after the batch's first task in next-task order
 * moves back to it, and whoever had looked at every task of the project
 * before the batch has now looked at the batch too.
 */
static int
publish_cursors(struct store *st, int64_t project_id,
    const struct import_stats *s)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE annotator SET cur_priority = ?2,"
	    " cur_task = ?3 WHERE project_id = ?1 AND cur_task IS NOT NULL"
	    " AND (cur_priority < ?2 OR (cur_priority = ?2 AND cur_task > ?3))");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, s->top_priority);
	sqlite3_bind_int64(stmt, 3, s->top_id);
	if (stmt_exec(st, stmt, "moving cursors") == -1)
		return -1;
	stmt = stmt_get(st, "UPDATE annotator SET seen_task = ?3"
	    " WHERE project_id = ?1 AND seen_task >= (SELECT coalesce(max(id),"
	    " 0) FROM task WHERE project_id = ?1 AND id < ?2)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, s->first_id);
	sqlite3_bind_int64(stmt, 3, s->last_id);
	return stmt_exec(st, stmt, "moving cursors");
}

int
batch_publish(struct store *st, int64_t batch, int64_t project_id,
    const struct import_stats *s, int64_t done)
{
	sqlite3_stmt	*stmt;
	int64_t		 added = s != NULL ? s->added : 0;

	stmt = stmt_get(st, "UPDATE project SET loading_from = NULL,"
	    " task_count = task_count + ?, done_count = done_count + ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	/* Gold tasks are no part of the project's work (NOT_GOLD_SQL). */
	sqlite3_bind_int64(stmt, 1, added - (s != NULL ? s->gold : 0));
	sqlite3_bind_int64(stmt, 2, done);
	sqlite3_bind_int64(stmt, 3, project_id);
	if (stmt_exec(st, stmt, "publishing an import") == -1)
		return -1;
	if (added > 0 && publish_cursors(st, project_id, s) == -1)
		return -1;
	/* An update's task_update rows are what readers see from here on;
	 * batch_fold moves them into task after, and doing says so. */
	stmt = stmt_get(st, "UPDATE import_batch SET state = 'published',"
	    " published_at = " NOW_SQL ", doing = CASE WHEN EXISTS (SELECT 1"
	    " FROM task_update WHERE batch_id = ?1) THEN 'applying the update'"
	    " ELSE '' END WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, batch);
	return stmt_exec(st, stmt, "publishing an import");
}

/* One transaction of a removal: up to BATCH_REMOVE_ROWS of the loading
 * batch's tasks (those at or above the project's loading_from), or, when
 * none are left, the batch and loading_from. 1 when more is left, 0 when
 * done, -1. */
static int
remove_step(struct store *st, int64_t batch)
{
	sqlite3_stmt	*stmt;
	int		 n;

	if (store_begin(st) == -1)
		return -1;
	/* Its staged updates first: while it loads, nobody reads them. */
	stmt = stmt_get(st, "DELETE FROM task_update WHERE task_id IN (SELECT"
	    " u.task_id FROM task_update u JOIN import_batch b"
	    " ON b.id = u.batch_id WHERE b.id = ?1 AND b.state = 'loading'"
	    " LIMIT ?2)");
	if (stmt == NULL)
		return tx_leave(st, 1, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	sqlite3_bind_int(stmt, 2, BATCH_REMOVE_ROWS);
	if (stmt_exec(st, stmt, "removing an unfinished import") == -1)
		return tx_leave(st, 1, -1);
	if (stmt_changes(st) > 0)
		return tx_leave(st, 1, 1);
	stmt = stmt_get(st, "DELETE FROM task WHERE id IN (SELECT t.id FROM"
	    " task t JOIN import_batch b ON b.project_id = t.project_id"
	    " JOIN project p ON p.id = b.project_id WHERE b.id = ?1"
	    " AND b.state = 'loading' AND p.loading_from IS NOT NULL"
	    " AND t.id >= p.loading_from LIMIT ?2)");
	if (stmt == NULL)
		return tx_leave(st, 1, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	sqlite3_bind_int(stmt, 2, BATCH_REMOVE_ROWS);
	if (stmt_exec(st, stmt, "removing an unfinished import") == -1)
		return tx_leave(st, 1, -1);
	if ((n = stmt_changes(st)) > 0)
		return tx_leave(st, 1, 1);
	stmt = stmt_get(st, "UPDATE project SET loading_from = NULL WHERE id ="
	    " (SELECT project_id FROM import_batch WHERE id = ?1"
	    " AND state = 'loading')");
	if (stmt == NULL)
		return tx_leave(st, 1, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	if (stmt_exec(st, stmt, "removing an unfinished import") == -1)
		return tx_leave(st, 1, -1);
	stmt = stmt_get(st, "DELETE FROM import_batch WHERE id = ?"
	    " AND state = 'loading'");
	if (stmt == NULL)
		return tx_leave(st, 1, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	if (stmt_exec(st, stmt, "removing an unfinished import") == -1)
		return tx_leave(st, 1, -1);
	return tx_leave(st, 1, 0);
}

int
batch_remove(struct store *st, int64_t batch)
{
	int	rc;

	while ((rc = remove_step(st, batch)) == 1)
		;
	return rc;
}

/* Up to BATCH_FOLD_ROWS of a published batch's task_update rows written
 * into their tasks and removed, in the caller's transaction: 1 when it
 * folded some (*folded grows), 0 when none are left, -1. */
static int
fold_rows(struct store *st, int64_t batch, int64_t *folded)
{
	sqlite3_stmt	*stmt;
	int64_t		 upto;

	stmt = stmt_get(st, "SELECT max(task_id) FROM (SELECT task_id FROM"
	    " task_update WHERE batch_id = ?1 ORDER BY task_id LIMIT ?2)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, batch);
	sqlite3_bind_int(stmt, 2, BATCH_FOLD_ROWS);
	if (stmt_row(st, stmt, "applying an update") == -1)
		return -1;
	upto = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (upto == 0)
		return 0;
	/* By the rows' keys (IN: a seek per task), not content_hash: a
	 * task known by its id has none. */
	stmt = stmt_get(st, "UPDATE task SET (kind, text, image, width,"
	    " height, meta, tokens) = (SELECT kind, text, image, width,"
	    " height, meta, tokens FROM task_update u"
	    " WHERE u.task_id = task.id) WHERE id IN"
	    " (SELECT task_id FROM task_update WHERE batch_id = ?1"
	    " AND task_id <= ?2)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, batch);
	sqlite3_bind_int64(stmt, 2, upto);
	if (stmt_exec(st, stmt, "applying an update") == -1)
		return -1;
	stmt = stmt_get(st, "DELETE FROM task_update WHERE batch_id = ?1"
	    " AND task_id <= ?2");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, batch);
	sqlite3_bind_int64(stmt, 2, upto);
	if (stmt_exec(st, stmt, "applying an update") == -1)
		return -1;
	*folded += stmt_changes(st);
	return 1;
}

/*
 * One transaction of a fold: rows folded (fold_rows) until IMPORT_CHUNK_MS
 * have passed, as an import's chunk, which changes nothing a reader sees
 * (TASK_LIVE read the row's columns before, the task's after); when none
 * are left, the batch's doing is cleared. 1 when more is left, 0 when
 * done, -1.
 */
static int
fold_step(struct store *st, int64_t batch, int64_t *folded)
{
	sqlite3_stmt	*stmt;
	int64_t		 t0 = now_ms();
	char		 doing[64];
	int		 rc, n = 0;

	if (store_begin(st) == -1)
		return -1;
	while ((rc = fold_rows(st, batch, folded)) == 1 && (++n,
	    now_ms() - t0 < IMPORT_CHUNK_MS))
		;
	if (rc == -1)
		return tx_leave(st, 1, -1);
	if (rc == 0 && n == 0) {
		stmt = stmt_get(st, "UPDATE import_batch SET doing = ''"
		    " WHERE id = ?");
		if (stmt == NULL)
			return tx_leave(st, 1, -1);
		sqlite3_bind_int64(stmt, 1, batch);
		return tx_leave(st, 1, stmt_exec(st, stmt,
		    "applying an update"));
	}
	snprintf(doing, sizeof doing, "applying the update (%lld tasks)",
	    (long long)*folded);
	stmt = stmt_get(st, "UPDATE import_batch SET doing = ?2,"
	    " heartbeat = ?3 WHERE id = ?1");
	if (stmt == NULL)
		return tx_leave(st, 1, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	bind_text(stmt, 2, doing);
	sqlite3_bind_int64(stmt, 3, store_now());
	if (stmt_exec(st, stmt, "applying an update") == -1)
		return tx_leave(st, 1, -1);
	return tx_leave(st, 1, 1);
}

int
batch_fold(struct store *st, int64_t batch)
{
	struct timespec	ts = { 0, IMPORT_YIELD_MS * 1000000L };
	int64_t		folded = 0;
	int		rc;

	while ((rc = fold_step(st, batch, &folded)) == 1)
		nanosleep(&ts, NULL);	/* the lock left to those waiting */
	return rc;
}

int
store_batch_reap(struct store *st)
{
	sqlite3_stmt	*stmt;
	int64_t		 dead[16];
	int		 loading[16];
	size_t		 n = 0, i;
	int		 rc;

	/* Loading ones are removed; a published one whose fold stopped
	 * (doing not empty) is folded: its readers see the new state
	 * already, so finishing is all that is left. */
	stmt = stmt_get(st, "SELECT id, pid, host, proc_start, heartbeat,"
	    " state = 'loading' FROM import_batch WHERE state = 'loading'"
	    " OR doing <> '' ORDER BY id");
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && n < 16)
		if (batch_dead((long)sqlite3_column_int64(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2),
		    (const char *)sqlite3_column_text(stmt, 3),
		    sqlite3_column_int64(stmt, 4))) {
			loading[n] = sqlite3_column_int(stmt, 5);
			dead[n++] = sqlite3_column_int64(stmt, 0);
		}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "reading import batches");
	for (i = 0; i < n; i++)
		if ((loading[i] ? batch_remove(st, dead[i]) :
		    batch_fold(st, dead[i])) == -1)
			return -1;
	return 0;
}

int
batch_wait_project(struct store *st, int64_t project_id)
{
	struct buf	why = BUF_INIT;
	int64_t		start = now_ms(), other;
	int		rc, hooked = 0;

	for (;;) {
		if (store_batch_reap(st) == -1)
			return -1;
		if ((rc = batch_loading(st, project_id, &other)) != 1)
			break;
		if (st->wait_ms != STORE_WAIT_FOREVER &&
		    now_ms() - start >= st->wait_ms) {
			store_busy_holder(st, &why);
			error("%s: the project is busy: %s; waited %d s"
			    " (SCALEC_BUSY_TIMEOUT)", st->path, buf_str(&why),
			    st->wait_ms / 1000);
			buf_release(&why);
			return -1;
		}
		if (!hooked && st->wait_hook != NULL) {
			store_busy_holder(st, &why);
			st->wait_hook(st->wait_arg, 1, buf_str(&why));
			hooked = 1;
		}
		usleep(20000);
	}
	if (hooked)
		st->wait_hook(st->wait_arg, 0, NULL);
	buf_release(&why);
	return rc;
}

/* The busy handler: polls every 2 ms up to the store's wait. */
static int
busy_poll(void *arg, int count)
{
	struct store	*st = arg;
	struct timespec	 ts = { 0, BUSY_POLL_NS };
	struct buf	 why = BUF_INIT;
	int64_t		 waited;

	if (count == 0)
		st->busy_since = now_ms();
	waited = now_ms() - st->busy_since;
	if (st->wait_ms != STORE_WAIT_FOREVER && waited >= st->wait_ms)
		return 0;
	if (st->wait_hook != NULL && !st->busy_told &&
	    waited >= BUSY_HOOK_MS) {
		st->busy_told = 1;
		store_busy_holder(st, &why);
		st->wait_hook(st->wait_arg, 1, buf_str(&why));
		buf_release(&why);
	}
	nanosleep(&ts, NULL);
	return 1;
}

void
batch_wait_done(struct store *st)
{
	if (st->busy_told) {
		st->busy_told = 0;
		if (st->wait_hook != NULL)
			st->wait_hook(st->wait_arg, 0, NULL);
	}
}

void
batch_wait_init(struct store *st)
{
	const char	*env = getenv("SCALEC_BUSY_TIMEOUT");
	char		*end;
	long		 s;

	st->wait_ms = BUSY_DEFAULT_MS;
	if (env != NULL && *env >= '0' && *env <= '9') {
		errno = 0;
		s = strtol(env, &end, 10);
		if (*end == '\0' && errno == 0 && s <= 86400)
			st->wait_ms = (int)s * 1000;
	}
	sqlite3_busy_handler(st->db, busy_poll, st);
}

void
store_set_wait(struct store *st, int timeout_ms,
    void (*hook)(void *, int, const char *), void *arg)
{
	st->wait_ms = timeout_ms;
	st->wait_hook = hook;
	st->wait_arg = arg;
}

/* HH:MM of a stored time (its own clock, UTC), or the whole of it. */
static void
short_time(const char *iso, char *out, size_t len)
{
	if (iso != NULL && strlen(iso) >= 16)
		snprintf(out, len, "%.5s", iso + 11);
	else
		snprintf(out, len, "%s", iso != NULL ? iso : "?");
}

void
store_busy_holder(struct store *st, struct buf *out)
{
	sqlite3_stmt	*stmt;
	char		 at[32];
	const char	*doing;
	int		 n = 0;

	sqlite3		*db;

	/* A connection of its own: this runs in the busy handler, where
	 * the waiting connection may not be used, and in the error path of
	 * any statement. A read: in WAL it needs no lock. */
	if (sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		buf_printf(out, "another program holds the write lock");
		return;
	}
	if (sqlite3_prepare_v2(db, "SELECT coalesce(u.name, '?'),"
	    " b.action, b.file, b.id, b.tasks, b.started_at, b.doing"
	    " FROM import_batch b LEFT JOIN user u ON u.id = b.user_id"
	    " WHERE b.state = 'loading' OR b.doing <> '' ORDER BY b.id", -1,
	    &stmt, NULL)
	    != SQLITE_OK) {
		sqlite3_close(db);
		buf_printf(out, "another program holds the write lock");
		return;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		short_time((const char *)sqlite3_column_text(stmt, 5), at,
		    sizeof at);
		doing = (const char *)sqlite3_column_text(stmt, 6);
		buf_printf(out, "%s%s is %s %s (batch %lld, %lld task%s so"
		    " far%s%s, since %s)", n++ > 0 ? "; " : "",
		    (const char *)sqlite3_column_text(stmt, 0),
		    strcmp((const char *)sqlite3_column_text(stmt, 1),
		    "file.add") == 0 ? "adding files to" : "importing",
		    (const char *)sqlite3_column_text(stmt, 2),
		    (long long)sqlite3_column_int64(stmt, 3),
		    (long long)sqlite3_column_int64(stmt, 4),
		    sqlite3_column_int64(stmt, 4) == 1 ? "" : "s",
		    doing != NULL && *doing != '\0' ? ", " : "",
		    doing != NULL ? doing : "", at);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	if (n == 0)
		buf_printf(out, "another program holds the write lock (no"
		    " scalec import says it is running)");
}

int
store_batch_each(struct store *st, int64_t project_id,
    int (*fn)(const struct batch *, void *), void *arg)
{
	sqlite3_stmt	*stmt;
	struct batch	 b;
	int		 rc, stop = 0;

	stmt = stmt_get(st, "SELECT b.id, b.project_id, u.name, b.action,"
	    " b.file, b.state, b.tasks, b.updated, coalesce(b.first_task, 0),"
	    " coalesce(b.last_task, 0), b.started_at, b.published_at, b.doing"
	    " FROM import_batch b LEFT JOIN user u ON u.id = b.user_id"
	    " WHERE b.project_id = ? ORDER BY b.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		b.id = sqlite3_column_int64(stmt, 0);
		b.project_id = sqlite3_column_int64(stmt, 1);
		b.user = (const char *)sqlite3_column_text(stmt, 2);
		b.action = (const char *)sqlite3_column_text(stmt, 3);
		b.file = (const char *)sqlite3_column_text(stmt, 4);
		b.state = (const char *)sqlite3_column_text(stmt, 5);
		b.tasks = sqlite3_column_int64(stmt, 6);
		b.updated = sqlite3_column_int64(stmt, 7);
		b.first_task = sqlite3_column_int64(stmt, 8);
		b.last_task = sqlite3_column_int64(stmt, 9);
		b.started_at = (const char *)sqlite3_column_text(stmt, 10);
		b.published_at = (const char *)sqlite3_column_text(stmt, 11);
		b.doing = (const char *)sqlite3_column_text(stmt, 12);
		stop = fn(&b, arg);
	}
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "listing import batches");
	return stop;
}

int
store_batch_project(struct store *st, int64_t batch, int64_t *project_id)
{
	return one_id(st, stmt_get(st, "SELECT project_id FROM import_batch"
	    " WHERE id = ?"), batch, project_id, "reading an import batch");
}

int
store_batch_undo(struct store *st, const struct actor *a, int64_t batch,
    int64_t *removed)
{
	sqlite3_stmt	*stmt;
	char		*project = NULL, *file = NULL, *state = NULL;
	char		 detail[512];
	int64_t		 pid = 0, first = 0, last = 0, updated = 0, n;
	int		 own, rc;

	*removed = 0;
	if (tx_enter(st, &own) == -1)
		return -1;
	stmt = stmt_get(st, "SELECT b.project_id, p.name, b.file, b.state,"
	    " coalesce(b.first_task, 0), coalesce(b.last_task, 0), b.updated"
	    " FROM import_batch b JOIN project p ON p.id = b.project_id"
	    " WHERE b.id = ?");
	if (stmt == NULL)
		return tx_leave(st, own, -1);
	sqlite3_bind_int64(stmt, 1, batch);
	if ((rc = stmt_row(st, stmt, "reading an import batch")) == 1) {
		pid = sqlite3_column_int64(stmt, 0);
		project = column_dup(stmt, 1);
		file = column_dup(stmt, 2);
		state = column_dup(stmt, 3);
		first = sqlite3_column_int64(stmt, 4);
		last = sqlite3_column_int64(stmt, 5);
		updated = sqlite3_column_int64(stmt, 6);
		sqlite3_reset(stmt);
	}
	if (rc == 0)
		rc = error("there is no import batch %lld (scalec import --list"
		    " PROJECT lists them)", (long long)batch);
	else if (rc == 1 && strcmp(state, "published") != 0)
		rc = error("import batch %lld is still loading: it is not"
		    " there to undo until it is published", (long long)batch);
	else if (rc == 1 && updated > 0)
		rc = error("import batch %lld changed %lld task%s that were"
		    " there before (--update): undo removes only what a batch"
		    " added, so it would not give the old text back; nothing"
		    " was changed", (long long)batch, (long long)updated,
		    updated == 1 ? "" : "s");
	if (rc == -1)
		goto out;
	stmt = stmt_get(st, "SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = ?1"
	    " AND t.id BETWEEN ?2 AND ?3");
	if (stmt == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, pid);
	sqlite3_bind_int64(stmt, 2, first);
	sqlite3_bind_int64(stmt, 3, last);
	if ((n = stmt_int64(st, stmt, "counting annotations")) == -1 ||
	    (n > 0 && (rc = error("import batch %lld: its tasks have %lld"
	    " annotation%s; undo removes only a batch nobody has worked on;"
	    " nothing was changed", (long long)batch, (long long)n,
	    n == 1 ? "" : "s")) == -1)) {
		rc = -1;
		goto out;
	}
	stmt = stmt_get(st, "DELETE FROM task WHERE project_id = ?1"
	    " AND id BETWEEN ?2 AND ?3");
	if (stmt == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, pid);
	sqlite3_bind_int64(stmt, 2, first);
	sqlite3_bind_int64(stmt, 3, last);
	if ((rc = stmt_exec(st, stmt, "undoing an import")) == -1)
		goto out;
	*removed = stmt_changes(st);
	stmt = stmt_get(st, "DELETE FROM import_batch WHERE id = ?");
	if (stmt == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, batch);
	if ((rc = stmt_exec(st, stmt, "undoing an import")) == -1 ||
	    (rc = store_project_recount(st, pid)) == -1)
		goto out;
	snprintf(detail, sizeof detail, "batch %lld: %lld task%s removed"
	    " (from %s)", (long long)batch, (long long)*removed,
	    *removed == 1 ? "" : "s", file);
	rc = audit_write(st, a, "import.undo", project, detail);
out:
	free(project);
	free(file);
	free(state);
	return tx_leave(st, own, rc);
}
