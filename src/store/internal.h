/* Shared by the files in src/store/ only: the connection, cached
 * statements, transactions, the audit record and error reporting. Nothing
 * outside src/store/ includes this (its unit tests do, to set data up). */
#ifndef SCALEC_STORE_INTERNAL_H
#define SCALEC_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_STMT_CACHE	256	/* more than src/store/ has statements */

struct store {
	sqlite3		*db;
	char		*path;
	int		 in_tx;		/* inside store_begin .. commit */
	struct {
		const char	*sql;	/* a string literal: compared by address */
		sqlite3_stmt	*stmt;
	} cache[STORE_STMT_CACHE];
	int		 ncache;
	int		 wait_ms;	/* the busy wait (store_set_wait) */
	void		(*wait_hook)(void *, int, const char *);
	void		*wait_arg;
	int64_t		 busy_since;	/* ms, of the wait going on */
	int		 busy_told;	/* wait_hook heard waiting = 1 */
};

/*
 * What the file at path is, found without changing it (store/identify.c):
 * STORE_ID_OURS for a scalec database of a version this binary may open
 * (*version set), STORE_ID_NEW for no file or an empty one when flags has
 * STORE_CREATE, else -1 after reporting what it is (another program's
 * database, not a regular file, a newer schema, ...).
 */
#define STORE_ID_OURS	0
#define STORE_ID_NEW	1
int		 store_identify(const char *path, int flags, int *version);

/*
 * Returns a prepared, reset statement for sql, which must be a string literal
 * (the cache compares addresses). NULL after reporting an error. The
 * statement belongs to the store; do not finalize it.
 */
sqlite3_stmt	*stmt_get(struct store *, const char *sql);
/*
 * A walk over a whole project's rows (the quality figures, the stats):
 * the database file mapped into memory while it runs (on), not after
 * (off), so that SQLite reads its pages in place rather than each
 * copied by a read(2) (8% of scalec agreement's CPU at a million
 * tasks). Best effort: a failure changes nothing but the speed.
 */
void		 store_walk_mapped(struct store *, int on);
/* Reports the connection's last error with what was being done; returns -1. */
int		 store_error(struct store *, const char *what);
/*
 * Steps a statement for one row: 1 with the statement on that row (read it,
 * then sqlite3_reset), 0 for none and -1 after reporting what failed; both
 * leave it reset.
 */
int		 stmt_row(struct store *, sqlite3_stmt *, const char *what);
/* Steps a statement whose one row is one number (a count, a max): that
 * number, or -1 after reporting what failed; leaves it reset. */
int64_t		 stmt_int64(struct store *, sqlite3_stmt *, const char *what);
/* Steps a statement that returns no rows; 0 or -1. */
int		 stmt_exec(struct store *, sqlite3_stmt *, const char *what);
/* A column as a freshly allocated string (NULL for SQL NULL). */
char		*column_dup(sqlite3_stmt *, int);
/* A column as a freshly allocated string, "" for SQL NULL. */
char		*column_dup0(sqlite3_stmt *, int);
/* Binds a C string, or NULL, as text. */
int		 bind_text(sqlite3_stmt *, int, const char *);
/* Binds v, or NULL when v is 0 or less (an optional id or size). */
void		 bind_positive(sqlite3_stmt *, int, int64_t v);
/* Steps a bound statement whose rows are (state, count) into *n; 0 or -1
 * after reporting what. */
struct state_counts;
int		 stmt_state_counts(struct store *, sqlite3_stmt *,
		    struct state_counts *n, const char *what);

/* The time now, ISO-8601 UTC, from the one clock (util/clock.h: tests fix
 * it with SCALEC_NOW): an SQL function the store registers. */
#define NOW_SQL	"scalec_now()"

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; begin and commit return 0 or -1. */
int		 store_begin(struct store *);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);
/* A unit of work: opens a transaction unless one is open (*own says
 * which), and ends what it opened: commits when rc is not -1 (returning
 * rc, or -1 when the commit fails), else rolls back. Inside a caller's
 * transaction it only passes rc on. */
int		 tx_enter(struct store *, int *own);
int		 tx_leave(struct store *, int own, int rc);
/* Rows the last statement changed. */
int		 stmt_changes(struct store *);

/* The clock's time now, in unix seconds (leases are kept so). */
int64_t		 store_now(void);

/*
 * Labelling, shared by annotation.c (a person's annotations) and assign.c
 * (next tasks, leases): what one person's next move on one task depends
 * on, read at once.
 */
#include "model/state.h"
struct task_view {
	int64_t			 project_id;
	int			 overlap;	/* the task's: the project's,
						 * or its wanted above it */
	int64_t			 submitted;
	int64_t			 others;	/* other people holding it */
	int			 leased;	/* this person's lease is live */
	enum annotation_state	 state;		/* this person's annotation */
	int			 removed;	/* it: rejected, out of the
						 * overlap (on_reject: remove) */
	int			 done;		/* the task, by TASK_DONE_SQL */
	int			 gold;		/* a gold task: no overlap */
};

/*
 * Whether task t (an alias) of project p (an alias) is done: 1 or 0, the
 * rule of model/review.h's review_task_done in SQL (issue 9 section 3);
 * task.wanted is the task's own overlap when its agreement asked for
 * more annotators (store/extra.c).
 * A CASE, so that a task short of its overlap costs no more than its
 * row; the annotations of a task are one seek (the (task_id, user_id)
 * key), its final answers one (final_answer_task).
 */
#define TASK_DONE_SQL(t, p)						\
	"(CASE WHEN " t ".submitted < " p ".overlap THEN 0"		\
	" WHEN " t ".submitted < " t ".wanted THEN 0"			\
	" WHEN " t ".is_gold THEN 0"					\
	" WHEN " p ".review <> 'none' AND EXISTS (SELECT 1"		\
	"   FROM annotation dn WHERE dn.task_id = " t ".id"		\
	"   AND dn.state IN ('submitted','rejected') AND dn.sampled"	\
	"   AND dn.removed = 0) THEN 0"					\
	" WHEN " p ".final_required AND " p ".overlap > 1"		\
	"   AND NOT EXISTS (SELECT 1 FROM final_answer fn"		\
	"   WHERE fn.task_id = " t ".id) THEN 0 ELSE 1 END)"

/*
 * Gold tasks (issue 12 section 1, store/gold.c) are tasks with a known
 * answer, served among a person's tasks to score them: they are no part
 * of the project's work. Every reader that counts or compares the
 * project's work (progress, agreement, consensus, stats, done) leaves
 * them out with NOT_GOLD_SQL(alias), a condition on task's own column
 * (no join; in task_next, so an index walk stays covering):
 *
 *	"... FROM task t WHERE t.project_id = ?1" NOT_GOLD_SQL("t") ...
 *
 * GOLD_SQL(alias) is the opposite, the gold tasks alone (task_gold).
 * A gold task is never done (TASK_DONE_SQL), and counts in neither
 * project.task_count nor done_count.
 */
/* Inside a submission's transaction (store/gold.c): scores user_id's
 * annotation of task_id, a gold task, against its answer, and tells and
 * pauses them where the project's gold_min_score says so. 0 or -1. */
int		 gold_score_submission(struct store *, int64_t task_id,
		    int64_t user_id);

/* The result in force of annotation alias: a fixed one's fix (the newest
 * fix verdict not withdrawn), else its own. */
#define ANSWER_IN_FORCE_SQL(a)						\
	"CASE WHEN " a ".state = 'fixed' THEN coalesce((SELECT r.result"	\
	"   FROM review r WHERE r.annotation_id = " a ".id"		\
	"   AND r.verdict = 'fix' AND NOT EXISTS (SELECT 1 FROM review x" \
	"   WHERE x.annotation_id = " a ".id AND x.withdraws = r.id)"	\
	"   ORDER BY r.id DESC LIMIT 1), " a ".result) ELSE " a ".result END"

/* Inside a submission's transaction (store/extra.c): where the submission
 * brought the task to its overlap (the project's, or its own wanted) and
 * the project asks for extra annotators below an agreement, computes the
 * task's agreement from its answers in force and, below the threshold
 * and short of extra_max, asks for one more (task.wanted). 0 or -1. */
int		 extra_after_submission(struct store *, int64_t task_id);

/*
 * A walk of a project's tasks merged in C with another table's rows in
 * task order (store/quality.c): store_task_range gives the project's
 * range of task ids, [lo, hi] (empty: lo > hi), 0 or -1; store_skip_to
 * steps stmt (*rc its last step's code) past the rows whose column 0 is
 * below id: 1 when its current row is id's, 0 when not, -1 on an error.
 */
int	store_task_range(struct store *, int64_t project_id,
	    int64_t range[2]);
int	store_skip_to(sqlite3_stmt *, int *rc, int64_t id);

#define NOT_GOLD_SQL(alias)	" AND " alias ".is_gold = 0"
#define GOLD_SQL(alias)		" AND " alias ".is_gold = 1"

/*
 * Done-ness across a unit of work: task_done_get reads the task's (1, 0,
 * -1) before a change; task_done_moved, after it, reads it again and
 * moves the project's done_count where it changed, and where the change
 * made the project 100% tells its managers (user_id is whose act it was),
 * in the same transaction. 0 or -1.
 */
int		 task_done_get(struct store *, int64_t task_id);
int		 task_done_moved(struct store *, int64_t task_id, int before,
		    int64_t user_id);
/* A project's review policy: its four columns (review, on_reject,
 * final_required, comment_required) from col on, and bound from ?first
 * on (store/project.c). */
struct review_policy;
void		 policy_from_row(sqlite3_stmt *, int col,
		    struct review_policy *);
void		 policy_bind(sqlite3_stmt *, int first,
		    const struct review_policy *);
/* Moves task_id's count of submissions by delta, no more (the done count
 * is task_done_moved's). 0 or -1. */
int		 task_count_submission(struct store *, int64_t task_id,
		    int delta);

/*
 * How many other people hold task t (an alias in the statement) at now: a
 * live lease or a draft, each person once. A draft holds its task until
 * its person submits or skips it or a manager releases it; a lease alone
 * (a session that crashed before its first change) frees it on expiry.
 * Parameters: ?2 the person, ?3 now. Two seeks: lease's primary key and
 * annotation's UNIQUE (task_id, user_id).
 */
#define OTHERS_HOLDING_SQL						\
	"((SELECT count(*) FROM lease l WHERE l.task_id = t.id"		\
	"   AND l.user_id <> ?2 AND l.expires_at > ?3) +"		\
	" (SELECT count(*) FROM annotation d WHERE d.task_id = t.id"	\
	"   AND d.user_id <> ?2 AND d.state = 'draft'"			\
	"   AND NOT EXISTS (SELECT 1 FROM lease l WHERE l.task_id = t.id" \
	"     AND l.user_id = d.user_id AND l.expires_at > ?3)))"

/*
 * A task of a project is visible when no batch is loading into the project
 * or its id is below the loading batch's first (HACKING "Imports that
 * never block"). alias is the task's alias, project the SQL of its
 * project's id (a parameter or a column). Uncorrelated with a parameter,
 * the subquery is evaluated once and is a range on the index's rowid.
 */
#define VISIBLE_SQL(alias, project)					\
	" AND " alias ".id < (SELECT coalesce(loading_from,"		\
	" 9223372036854775807) FROM project WHERE id = " project ")"

/*
 * A task's content as readers see it: while a published --update is
 * folded into task (HACKING "Imports that never block"), its new columns
 * are in task_update, and they win once their batch no longer loads.
 * TASK_LIVE_JOIN(t) goes after task t in FROM, and TASK_LIVE(t, col) is
 * then the column (a NULL there is the new value, not "unchanged"): one
 * seek of task_update's key per task, and the batches that load (at most
 * one per project) are read once per statement. TASK_LIVE_ONE(t, col) is
 * the same as one expression, for a clause that cannot add a join.
 */
#define LIVE_BATCH_SQL(u)						\
	" AND " u ".batch_id NOT IN (SELECT id FROM import_batch"	\
	" WHERE state = 'loading')"
#define TASK_LIVE_JOIN(t)						\
	" LEFT JOIN task_update " t "_u ON " t "_u.task_id = " t ".id"	\
	LIVE_BATCH_SQL(t "_u")
#define TASK_LIVE(t, col)						\
	"(CASE WHEN " t "_u.task_id IS NULL THEN " t "." col		\
	" ELSE " t "_u." col " END)"
#define TASK_LIVE_ONE(t, col)						\
	"(CASE WHEN EXISTS (SELECT 1 FROM task_update lu"		\
	" WHERE lu.task_id = " t ".id" LIVE_BATCH_SQL("lu") ")"		\
	" THEN (SELECT lu." col " FROM task_update lu"			\
	" WHERE lu.task_id = " t ".id) ELSE " t "." col " END)"

/*
 * The batch of a chunked import (store/batch.c), for store/import.c.
 * batch_begin, inside the caller's transaction: 0 when another batch
 * loads into the project (wait with batch_wait_project), else 1 with
 * *batch, and for a chunked one *loading_from, the first task id it will
 * add (the project's tasks from there on are hidden). batch_progress
 * records its counts and what it is doing; batch_publish makes it
 * visible with the project's counters moved; batch_remove takes a
 * loading batch away in short transactions of its own.
 */
int	batch_loading(struct store *, int64_t project_id, int64_t *batch);
int	batch_begin(struct store *, const struct actor *, int64_t project_id,
	    const char *action, const char *file, int chunked, int64_t *batch,
	    int64_t *loading_from);
int	batch_progress(struct store *, int64_t batch, int64_t added,
	    int64_t updated, int64_t first, int64_t last, const char *doing);
struct import_stats;
int	batch_publish(struct store *, int64_t batch, int64_t project_id,
	    const struct import_stats *, int64_t done);
int	batch_remove(struct store *, int64_t batch);
/* Folds a published batch's task_update rows into task, in short
 * transactions of its own, each changing nothing a reader sees; its row's
 * doing says how far it is until the last. 0 or -1. */
int	batch_fold(struct store *, int64_t batch);
/* Waits (polling, up to the busy wait) until no batch loads into the
 * project: 0, or -1 after saying who holds it. */
int	batch_wait_project(struct store *, int64_t project_id);
/* The busy handler set up (store_open), and a wait's end told. */
void	batch_wait_init(struct store *);
void	batch_wait_done(struct store *);

/* Reads *v for the task and user at now: 1, 0 when there is no such task
 * (task_view_need reports it as an error), -1. */
int		 task_view_get(struct store *, int64_t task_id,
		    int64_t user_id, int64_t now, struct task_view *v);
int		 task_view_need(struct store *, int64_t task_id,
		    int64_t user_id, int64_t now, struct task_view *v);
/* Renews or retakes user_id's lease on the task while it has room: 1
 * held, 0 not (full, or the annotation counts already), -1. */
int		 lease_hold(struct store *, const struct task_view *,
		    int64_t task_id, int64_t user_id, int64_t now,
		    int lease_seconds);
/* Gives the lease up; 0 (also when there was none) or -1. */
int		 lease_delete(struct store *, int64_t task_id, int64_t user_id);

/* Records an act in the audit log, in the current transaction: who did
 * it (and the real login behind --as), what, on which object. */
int		 audit_write(struct store *, const struct actor *,
		    const char *action, const char *object, const char *detail);

#endif
