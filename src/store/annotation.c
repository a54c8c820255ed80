/* Labelling in the store: who gets which task next, leases, and a person's
 * annotations (drafts, submissions, skips) with the counters they move.
 *
 * Choosing the next task, and why it stays cheap.
 *
 * A task is open while task.submitted < project.overlap (k). The order is
 * priority DESC, then id. The index task_next (project_id, submitted,
 * priority DESC, id) holds the open tasks as k streams, one per submitted
 * value 0 .. k-1, each already in that order; the next task is the first
 * eligible row of any stream, so we walk each stream and keep the best
 * (k small index walks instead of one walk over all open tasks plus a
 * sort). A row is eligible when this person has no annotation of it
 * beyond a draft (anti-join on annotation's UNIQUE (task_id, user_id))
 * and its submissions plus other people's live leases are below k (lease's
 * primary key). Both are one seek per row.
 *
 * What would make the walk long is the person's own history: with k >= 2
 * the tasks they labelled stay open until others catch up, so someone who
 * labelled the first 500,000 of 1,000,000 tasks would step over 500,000
 * rows of their own every time. Hence a per-person cursor (table
 * annotator, one row per person and project): a key in that order before
 * which every open task is one they have annotated. Each walk starts at
 * the cursor and moves it to the first open task they have not annotated,
 * so over a person's whole history each of their tasks is stepped over
 * about once. What can put an open, not-annotated-by-them task before the
 * cursor moves it back: triggers in the schema cover a task reopening or
 * changing priority, their annotation going back to a draft or away, and
 * the overlap growing; tasks added since the last walk (annotator.
 * seen_task, a trigger on every insert would slow imports by a third) are
 * looked at once here. The cursor never passes a task it could not give
 * (one full with other people's leases), so a lease that expires needs no
 * bookkeeping; the walk steps over such tasks and, past them, over any the
 * person labelled since: at most what one person labels while another
 * holds a task, bounded by the lease time.
 *
 * Known costs: the first choice for a person who has a history but no
 * cursor yet (their annotations were imported) walks that history once
 * (about half a second for 500,000 tasks). The choice is k stream walks,
 * so it grows with the overlap, not with the project. A task added with
 * the id of the project's newest task after that one was removed (SQLite
 * reuses the highest rowid) is not noticed as new; at worst such a task
 * waits until the person's cursor is moved back for another reason.
 *
 * The other costs are bounded the same way: their drafts and live leases
 * (resumed first) come from small indexes (annotation_draft, lease_user);
 * their progress count is a counter the schema's triggers keep; Backspace
 * seeks annotation_recent. Leases are unix seconds; expired ones are
 * ignored and deleted lazily by the next choice. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/annotation.h"
#include "store/internal.h"
#include "store/task.h"
#include "util/error.h"

/* Cursor keys at the two ends of the order (priority DESC, id). */
#define KEY_START_P	INT64_MAX
#define KEY_START_ID	INT64_MIN
#define KEY_END_P	INT64_MIN
#define KEY_END_ID	INT64_MAX

/* What one person's next move on one task depends on, read at once. */
struct task_view {
	int64_t			 project_id;
	int			 overlap;
	int64_t			 submitted;
	int64_t			 others;	/* other people's live leases */
	int			 leased;	/* this person's lease is live */
	enum annotation_state	 state;		/* this person's annotation */
};

void
annotation_release(struct annotation *a)
{
	free(a->result);
	free(a->created_at);
	free(a->updated_at);
	*a = (struct annotation)ANNOTATION_INIT;
}

void
suggestion_release(struct suggestion *s)
{
	free(s->result);
	free(s->model);
	*s = (struct suggestion)SUGGESTION_INIT;
}

static int64_t
now_seconds(void)
{
	return (int64_t)time(NULL);
}

static int
lease_length(int lease_seconds)
{
	return lease_seconds > 0 ? lease_seconds : LEASE_SECONDS_DEFAULT;
}

/* Opens a transaction unless the caller has one; *own says which. */
static int
tx_enter(struct store *st, int *own)
{
	*own = !st->in_tx;
	return *own ? store_begin(st) : 0;
}

/* Ends what tx_enter opened: commits when rc is not -1, else rolls back.
 * Returns rc, or -1 when the commit fails. Inside a caller's transaction
 * it only passes rc on: the caller rolls back. */
static int
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

/* Reads *v for the task and user; 1, 0 when there is no such task, -1. */
static int
task_view_get(struct store *st, int64_t task_id, int64_t user_id,
    int64_t now, struct task_view *v)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT t.project_id, p.overlap, t.submitted,"
	    " (SELECT count(*) FROM lease l WHERE l.task_id = t.id"
	    "   AND l.user_id <> ?2 AND l.expires_at > ?3),"
	    " (SELECT count(*) FROM lease l WHERE l.task_id = t.id"
	    "   AND l.user_id = ?2 AND l.expires_at > ?3),"
	    " (SELECT state FROM annotation a WHERE a.task_id = t.id"
	    "   AND a.user_id = ?2)"
	    " FROM task t JOIN project p ON p.id = t.project_id"
	    " WHERE t.id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, now);
	if ((rc = stmt_row(st, stmt, "reading a task's annotations")) == 1) {
		v->project_id = sqlite3_column_int64(stmt, 0);
		v->overlap = sqlite3_column_int(stmt, 1);
		v->submitted = sqlite3_column_int64(stmt, 2);
		v->others = sqlite3_column_int64(stmt, 3);
		v->leased = sqlite3_column_int(stmt, 4) > 0;
		v->state = annotation_state_from_name((const char *)
		    sqlite3_column_text(stmt, 5));
		sqlite3_reset(stmt);
	}
	return rc;
}

/* task_view_get, reporting a missing task. */
static int
task_view_need(struct store *st, int64_t task_id, int64_t user_id,
    int64_t now, struct task_view *v)
{
	int	rc = task_view_get(st, task_id, user_id, now, v);

	if (rc == 0)
		return error("there is no task %lld", (long long)task_id);
	return rc;
}

static int
refuse_reviewed(int64_t task_id, enum annotation_state s)
{
	return error("your annotation of task %lld was already reviewed (%s):"
	    " it can no longer be changed", (long long)task_id,
	    annotation_state_name(s));
}

static int
lease_write(struct store *st, int64_t task_id, int64_t user_id,
    int64_t expires)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO lease (task_id, user_id, expires_at)"
	    " VALUES (?, ?, ?) ON CONFLICT (task_id, user_id) DO UPDATE"
	    " SET expires_at = excluded.expires_at");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int64(stmt, 3, expires);
	return stmt_exec(st, stmt, "writing a lease");
}

static int
lease_delete(struct store *st, int64_t task_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM lease WHERE task_id = ?"
	    " AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	return stmt_exec(st, stmt, "releasing a lease");
}

/* Renews or retakes the lease as store_lease_renew says: 1 held, 0 not. */
static int
lease_hold(struct store *st, const struct task_view *v, int64_t task_id,
    int64_t user_id, int64_t now, int lease_seconds)
{
	if (annotation_state_counts(v->state))
		return 0;
	if (!v->leased && v->submitted + v->others >= v->overlap)
		return 0;
	if (lease_write(st, task_id, user_id, now + lease_length(lease_seconds))
	    == -1)
		return -1;
	return 1;
}

int
store_lease_renew(struct store *st, int64_t task_id, int64_t user_id,
    int lease_seconds)
{
	struct task_view	 v;
	int64_t			 now = now_seconds();
	int			 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	rc = task_view_need(st, task_id, user_id, now, &v);
	if (rc == 1)
		rc = lease_hold(st, &v, task_id, user_id, now, lease_seconds);
	return tx_leave(st, own, rc);
}

int
store_lease_release(struct store *st, int64_t task_id, int64_t user_id)
{
	int	own;

	if (tx_enter(st, &own) == -1)
		return -1;
	return tx_leave(st, own, lease_delete(st, task_id, user_id));
}

/*
 * Writes user_id's annotation of the task in state. result NULL keeps the
 * stored one ('{}' for a new row); from_prediction and late -1 keep theirs
 * (0 for a new row). lead_time is added. Every write takes the person's
 * next seq, so Backspace sees it as their latest change.
 */
static int
annotation_write(struct store *st, int64_t task_id, int64_t user_id,
    int64_t acted_by, enum annotation_state state, const char *result,
    int from_prediction, int late, double lead_time)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO annotation (task_id, user_id, state,"
	    " result, from_prediction, lead_time, late, acted_by, created_at,"
	    " updated_at, seq) VALUES (?1, ?2, ?3, coalesce(?4, '{}'),"
	    " coalesce(?5, 0), ?6, coalesce(?7, 0), ?8, " NOW_SQL ", " NOW_SQL
	    ", (SELECT coalesce(max(seq), 0) + 1 FROM annotation"
	    "   WHERE user_id = ?2))"
	    " ON CONFLICT (task_id, user_id) DO UPDATE SET"
	    " state = excluded.state, result = coalesce(?4, result),"
	    " from_prediction = coalesce(?5, from_prediction),"
	    " lead_time = lead_time + excluded.lead_time,"
	    " late = coalesce(?7, late), acted_by = excluded.acted_by,"
	    " updated_at = excluded.updated_at, seq = excluded.seq");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	bind_text(stmt, 3, annotation_state_name(state));
	bind_text(stmt, 4, result);
	if (from_prediction >= 0)
		sqlite3_bind_int(stmt, 5, from_prediction != 0);
	sqlite3_bind_double(stmt, 6, lead_time > 0 ? lead_time : 0);
	if (late >= 0)
		sqlite3_bind_int(stmt, 7, late != 0);
	if (acted_by > 0)
		sqlite3_bind_int64(stmt, 8, acted_by);
	return stmt_exec(st, stmt, "saving an annotation");
}

/* Moves the task's submitted count by delta (+1 or -1) and the project's
 * done count where the task crosses the overlap. */
static int
count_submission(struct store *st, int64_t task_id,
    const struct task_view *v, int delta)
{
	sqlite3_stmt	*stmt;
	int64_t		 after = v->submitted + delta;

	stmt = stmt_get(st, "UPDATE task SET submitted = submitted + ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, delta);
	sqlite3_bind_int64(stmt, 2, task_id);
	if (stmt_exec(st, stmt, "counting a submission") == -1)
		return -1;
	if ((v->submitted >= v->overlap) == (after >= v->overlap))
		return 0;
	stmt = stmt_get(st, "UPDATE project SET done_count = done_count + ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, after >= v->overlap ? 1 : -1);
	sqlite3_bind_int64(stmt, 2, v->project_id);
	return stmt_exec(st, stmt, "counting a project's done tasks");
}

int
store_annotation_get(struct store *st, int64_t task_id, int64_t user_id,
    struct annotation *a)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT id, task_id, user_id, state, result,"
	    " from_prediction, lead_time, late, acted_by, created_at,"
	    " updated_at FROM annotation WHERE task_id = ? AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if ((rc = stmt_row(st, stmt, "reading an annotation")) == 1) {
		annotation_release(a);
		a->id = sqlite3_column_int64(stmt, 0);
		a->task_id = sqlite3_column_int64(stmt, 1);
		a->user_id = sqlite3_column_int64(stmt, 2);
		a->state = annotation_state_from_name((const char *)
		    sqlite3_column_text(stmt, 3));
		a->result = column_dup0(stmt, 4);
		a->from_prediction = sqlite3_column_int(stmt, 5);
		a->lead_time = sqlite3_column_double(stmt, 6);
		a->late = sqlite3_column_int(stmt, 7);
		a->acted_by = sqlite3_column_int64(stmt, 8);
		a->created_at = column_dup0(stmt, 9);
		a->updated_at = column_dup0(stmt, 10);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_annotation_save_draft(struct store *st, int64_t task_id,
    int64_t user_id, int64_t acted_by, const char *result,
    int from_prediction, int lease_seconds)
{
	struct task_view	 v;
	int64_t			 now = now_seconds();
	int			 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = task_view_need(st, task_id, user_id, now, &v)) != 1)
		goto out;
	if (annotation_state_reviewed(v.state)) {
		rc = refuse_reviewed(task_id, v.state);
		goto out;
	}
	if (v.state == ANN_SUBMITTED) {
		/* An edit of a counted submission: in place, no lease. */
		rc = annotation_write(st, task_id, user_id, acted_by,
		    ANN_SUBMITTED, result, from_prediction, -1, 0);
		goto out;
	}
	if (annotation_write(st, task_id, user_id, acted_by, ANN_DRAFT,
	    result, from_prediction, -1, 0) == -1) {
		rc = -1;
		goto out;
	}
	rc = lease_hold(st, &v, task_id, user_id, now, lease_seconds);
	if (rc != -1)
		rc = rc == 1 ? 0 : 1;
out:
	return tx_leave(st, own, rc);
}

int
store_annotation_submit(struct store *st, int64_t task_id, int64_t user_id,
    int64_t acted_by, const char *result, int from_prediction,
    double lead_time)
{
	struct task_view	 v;
	int64_t			 now = now_seconds();
	int			 own, rc, late;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = task_view_need(st, task_id, user_id, now, &v)) != 1)
		goto out;
	rc = -1;
	if (annotation_state_reviewed(v.state)) {
		refuse_reviewed(task_id, v.state);
		goto out;
	}
	if (v.state == ANN_SUBMITTED) {
		/* Again: the new result, counted once, its late flag kept. */
		if (annotation_write(st, task_id, user_id, acted_by,
		    ANN_SUBMITTED, result, from_prediction, -1, lead_time)
		    == -1 || lease_delete(st, task_id, user_id) == -1)
			goto out;
		rc = 0;
		goto out;
	}
	late = !v.leased;
	if (annotation_write(st, task_id, user_id, acted_by, ANN_SUBMITTED,
	    result, from_prediction, late, lead_time) == -1 ||
	    count_submission(st, task_id, &v, 1) == -1 ||
	    lease_delete(st, task_id, user_id) == -1)
		goto out;
	rc = late;
out:
	return tx_leave(st, own, rc);
}

int
store_annotation_skip(struct store *st, int64_t task_id, int64_t user_id,
    int64_t acted_by)
{
	struct task_view	 v;
	int64_t			 now = now_seconds();
	int			 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = task_view_need(st, task_id, user_id, now, &v)) != 1)
		goto out;
	rc = -1;
	if (annotation_state_reviewed(v.state)) {
		refuse_reviewed(task_id, v.state);
		goto out;
	}
	if (v.state == ANN_SUBMITTED &&
	    count_submission(st, task_id, &v, -1) == -1)
		goto out;
	if (annotation_write(st, task_id, user_id, acted_by, ANN_SKIPPED,
	    NULL, -1, -1, 0) == -1 ||
	    lease_delete(st, task_id, user_id) == -1)
		goto out;
	rc = 0;
out:
	return tx_leave(st, own, rc);
}

/* 1 when key (p1, id1) comes before (p2, id2) in next-task order. */
static int
key_before(int64_t p1, int64_t id1, int64_t p2, int64_t id2)
{
	return p1 > p2 || (p1 == p2 && id1 < id2);
}

/* One walk of the next-task choice. */
struct walk {
	int64_t	 project_id;
	int64_t	 user_id;
	int64_t	 now;
	int	 overlap;
	int64_t	 from_p;	/* the cursor: start here (inclusive) */
	int64_t	 from_id;
	int	 found_first;	/* first open task they have not annotated */
	int64_t	 first_p;
	int64_t	 first_id;
	int	 found;		/* the task to give */
	int64_t	 take_p;
	int64_t	 take_id;
};

/*
 * Walks one stream (submitted = s) from the cursor: its first row is a
 * cursor candidate, its first row with room a task candidate. Stops at the
 * first row after the best task found so far. 1 when the walk should stop
 * (nothing later can be better), 0 to go on to the next band, -1.
 */
static int
walk_band(struct store *st, struct walk *w, int s, int band_b)
{
	sqlite3_stmt	*stmt;
	int64_t		 p, id, held;
	int		 rc, stop = 0;

	/* Band A: the cursor's own priority, from its id on; band B: every
	 * lower priority. Two range scans of task_next in its own order (a
	 * row value cannot say "priority DESC, id ASC" to an index). */
	if (!band_b)
		stmt = stmt_get(st, "SELECT t.priority, t.id, t.submitted +"
		    " (SELECT count(*) FROM lease l WHERE l.task_id = t.id"
		    "   AND l.user_id <> ?2 AND l.expires_at > ?3)"
		    " FROM task t WHERE t.project_id = ?1 AND t.submitted = ?4"
		    " AND t.priority = ?5 AND t.id >= ?6"
		    " AND NOT EXISTS (SELECT 1 FROM annotation a"
		    "   WHERE a.task_id = t.id AND a.user_id = ?2"
		    "   AND a.state <> 'draft')"
		    " ORDER BY t.id");
	else
		stmt = stmt_get(st, "SELECT t.priority, t.id, t.submitted +"
		    " (SELECT count(*) FROM lease l WHERE l.task_id = t.id"
		    "   AND l.user_id <> ?2 AND l.expires_at > ?3)"
		    " FROM task t WHERE t.project_id = ?1 AND t.submitted = ?4"
		    " AND t.priority < ?5"
		    " AND NOT EXISTS (SELECT 1 FROM annotation a"
		    "   WHERE a.task_id = t.id AND a.user_id = ?2"
		    "   AND a.state <> 'draft')"
		    " ORDER BY t.priority DESC, t.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, w->now);
	sqlite3_bind_int(stmt, 4, s);
	sqlite3_bind_int64(stmt, 5, w->from_p);
	if (!band_b)
		sqlite3_bind_int64(stmt, 6, w->from_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		p = sqlite3_column_int64(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		held = sqlite3_column_int64(stmt, 2);
		if (!w->found_first ||
		    key_before(p, id, w->first_p, w->first_id)) {
			w->found_first = 1;
			w->first_p = p;
			w->first_id = id;
		}
		if (w->found && !key_before(p, id, w->take_p, w->take_id)) {
			stop = 1;
			break;
		}
		if (held < w->overlap) {
			w->found = 1;
			w->take_p = p;
			w->take_id = id;
			stop = 1;
			break;
		}
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "choosing the next task");
	return stop;
}

/* Resume first: the person's live lease, or their draft where the task
 * has room. 1 and *task_id, 0 when none, -1. */
static int
find_resume(struct store *st, const struct walk *w, int64_t *task_id)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* CROSS JOIN keeps the person's few rows first: the planner would
	 * otherwise walk the project's tasks and probe for theirs. */
	stmt = stmt_get(st, "SELECT t.priority, t.id FROM lease l"
	    " CROSS JOIN task t ON t.id = l.task_id"
	    " WHERE l.user_id = ?2 AND l.expires_at > ?3 AND t.project_id = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM annotation a"
	    "   WHERE a.task_id = t.id AND a.user_id = ?2"
	    "   AND a.state <> 'draft')"
	    " UNION "
	    "SELECT t.priority, t.id FROM annotation a"
	    " CROSS JOIN task t ON t.id = a.task_id"
	    " WHERE a.user_id = ?2 AND a.state = 'draft' AND t.project_id = ?1"
	    " AND t.submitted + (SELECT count(*) FROM lease l"
	    "   WHERE l.task_id = t.id AND l.user_id <> ?2"
	    "   AND l.expires_at > ?3) < ?4"
	    " ORDER BY 1 DESC, 2 LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, w->now);
	sqlite3_bind_int(stmt, 4, w->overlap);
	if ((rc = stmt_row(st, stmt, "finding a task to resume")) == 1) {
		*task_id = sqlite3_column_int64(stmt, 1);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* Reads the project's overlap and highest task id; 1, 0 for no project,
 * -1. */
static int
project_facts(struct store *st, int64_t project_id, int *overlap,
    int64_t *max_task)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT overlap, (SELECT coalesce(max(id), 0)"
	    " FROM task WHERE project_id = ?1) FROM project WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading a project")) == 1) {
		*overlap = sqlite3_column_int(stmt, 0);
		*max_task = sqlite3_column_int64(stmt, 1);
		sqlite3_reset(stmt);
	} else if (rc == 0)
		return error("there is no project %lld", (long long)project_id);
	return rc;
}

/* Loads the cursor into w (the start when there is none); *seen is the
 * highest task id it has looked at. */
static int
cursor_load(struct store *st, struct walk *w, int64_t *seen)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	w->from_p = KEY_START_P;
	w->from_id = KEY_START_ID;
	*seen = 0;
	stmt = stmt_get(st, "SELECT cur_priority, cur_task, seen_task"
	    " FROM annotator WHERE project_id = ? AND user_id = ?"
	    " AND cur_task IS NOT NULL");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	if ((rc = stmt_row(st, stmt, "reading a cursor")) == 1) {
		w->from_p = sqlite3_column_int64(stmt, 0);
		w->from_id = sqlite3_column_int64(stmt, 1);
		*seen = sqlite3_column_int64(stmt, 2);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

/* Moves the cursor back to the first open task added after seen, if it
 * comes before it. Each task added is looked at once per person. */
static int
cursor_catch_up(struct store *st, struct walk *w, int64_t seen)
{
	sqlite3_stmt	*stmt;
	int64_t		 p, id;
	int		 rc;

	/* "+submitted": walk the new rows by id (task_project), not every
	 * open task of the project. */
	stmt = stmt_get(st, "SELECT priority, id FROM task"
	    " WHERE project_id = ? AND id > ? AND +submitted < ?"
	    " ORDER BY priority DESC, id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, seen);
	sqlite3_bind_int(stmt, 3, w->overlap);
	if ((rc = stmt_row(st, stmt, "looking at new tasks")) == 1) {
		p = sqlite3_column_int64(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		if (key_before(p, id, w->from_p, w->from_id)) {
			w->from_p = p;
			w->from_id = id;
		}
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

static int
cursor_save(struct store *st, const struct walk *w, int64_t p, int64_t id,
    int64_t seen)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO annotator (project_id, user_id,"
	    " cur_priority, cur_task, seen_task) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (project_id, user_id) DO UPDATE SET"
	    " cur_priority = excluded.cur_priority,"
	    " cur_task = excluded.cur_task, seen_task = excluded.seen_task");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, w->project_id);
	sqlite3_bind_int64(stmt, 2, w->user_id);
	sqlite3_bind_int64(stmt, 3, p);
	sqlite3_bind_int64(stmt, 4, id);
	sqlite3_bind_int64(stmt, 5, seen);
	return stmt_exec(st, stmt, "saving a cursor");
}

static int
leases_expire(struct store *st, int64_t now)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM lease WHERE expires_at <= ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, now);
	return stmt_exec(st, stmt, "removing expired leases");
}

/* The choice itself, inside the transaction: 1 and *task_id, 0, -1. */
static int
next_task_id(struct store *st, struct walk *w, int lease_seconds,
    int64_t *task_id)
{
	int64_t	 seen, max_task = 0, cur_p, cur_id, old_p, old_id;
	int	 s, rc;

	if (project_facts(st, w->project_id, &w->overlap, &max_task) == -1 ||
	    leases_expire(st, w->now) == -1)
		return -1;
	if ((rc = find_resume(st, w, task_id)) != 0)
		goto lease;

	if (cursor_load(st, w, &seen) == -1)
		return -1;
	old_p = w->from_p;
	old_id = w->from_id;
	if (seen < max_task && (old_p != KEY_START_P ||
	    old_id != KEY_START_ID) && cursor_catch_up(st, w, seen) == -1)
		return -1;
	for (s = 0; s < w->overlap; s++) {
		if ((rc = walk_band(st, w, s, 0)) == 0)
			rc = walk_band(st, w, s, 1);
		if (rc == -1)
			return -1;
	}
	if (w->found_first) {
		cur_p = w->first_p;
		cur_id = w->first_id;
	} else {
		cur_p = KEY_END_P;
		cur_id = KEY_END_ID;
	}
	if ((cur_p != old_p || cur_id != old_id || seen != max_task) &&
	    cursor_save(st, w, cur_p, cur_id, max_task) == -1)
		return -1;
	if (!w->found)
		return 0;
	*task_id = w->take_id;
	rc = 1;
lease:
	if (rc == 1 && lease_write(st, *task_id, w->user_id,
	    w->now + lease_length(lease_seconds)) == -1)
		return -1;
	return rc;
}

int
store_next_task(struct store *st, int64_t project_id, int64_t user_id,
    int lease_seconds, struct task *t)
{
	struct walk	 w;
	int64_t		 task_id = 0;
	int		 own, rc;

	memset(&w, 0, sizeof w);
	w.project_id = project_id;
	w.user_id = user_id;
	w.now = now_seconds();
	if (tx_enter(st, &own) == -1)
		return -1;
	rc = next_task_id(st, &w, lease_seconds, &task_id);
	if (rc == 1 && (rc = store_task_get(st, task_id, t)) == 0)
		rc = error("task %lld vanished", (long long)task_id);
	return tx_leave(st, own, rc);
}

int
store_annotation_previous(struct store *st, int64_t project_id,
    int64_t user_id, int64_t task_id, int64_t *prev)
{
	sqlite3_stmt	*stmt;
	int64_t		 seq = INT64_MAX, id = INT64_MAX;
	int		 rc;

	if (task_id > 0) {
		stmt = stmt_get(st, "SELECT seq, id FROM annotation"
		    " WHERE task_id = ? AND user_id = ?");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, task_id);
		sqlite3_bind_int64(stmt, 2, user_id);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			seq = sqlite3_column_int64(stmt, 0);
			id = sqlite3_column_int64(stmt, 1);
		}
		sqlite3_reset(stmt);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_error(st, "reading an annotation");
	}
	/* annotation_recent is (user_id, seq) and ends in id: one seek, then
	 * a step per annotation of theirs in other projects. */
	stmt = stmt_get(st, "SELECT a.task_id FROM annotation a"
	    " JOIN task t ON t.id = a.task_id"
	    " WHERE a.user_id = ?1 AND (a.seq, a.id) < (?2, ?3)"
	    " AND t.project_id = ?4 ORDER BY a.seq DESC, a.id DESC LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, seq);
	sqlite3_bind_int64(stmt, 3, id);
	sqlite3_bind_int64(stmt, 4, project_id);
	if ((rc = stmt_row(st, stmt, "finding the previous task")) == 1) {
		*prev = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_annotate_progress(struct store *st, int64_t project_id,
    int64_t user_id, struct annotate_progress *p)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT coalesce((SELECT submitted FROM annotator"
	    "   WHERE project_id = ?1 AND user_id = ?2), 0),"
	    " done_count, task_count FROM project WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if ((rc = stmt_row(st, stmt, "reading progress")) == 0)
		return error("there is no project %lld", (long long)project_id);
	if (rc == -1)
		return -1;
	p->mine = sqlite3_column_int64(stmt, 0);
	p->done = sqlite3_column_int64(stmt, 1);
	p->total = sqlite3_column_int64(stmt, 2);
	sqlite3_reset(stmt);
	return 0;
}

int
store_suggestion_get(struct store *st, int64_t task_id, struct suggestion *s)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT result, model, score FROM prediction"
	    " WHERE task_id = ? ORDER BY id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "reading a prediction")) == 1) {
		suggestion_release(s);
		s->result = column_dup0(stmt, 0);
		s->model = column_dup0(stmt, 1);
		s->has_score = sqlite3_column_type(stmt, 2) != SQLITE_NULL;
		s->score = sqlite3_column_double(stmt, 2);
		sqlite3_reset(stmt);
	}
	return rc;
}
