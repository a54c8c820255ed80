/* A person's annotations in the store: their drafts, submissions and
 * skips, moved from state to state as the model's state machine says
 * (model/state.h), with the counters they move, and Backspace's walk back
 * through them. Who gets which task is store/assign.c's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/annotation.h"
#include "store/assign.h"
#include "store/internal.h"
#include "store/notify.h"
#include "store/task.h"
#include "util/clock.h"
#include "util/error.h"

void
annotation_release(struct annotation *a)
{
	free(a->result);
	free(a->created_at);
	free(a->updated_at);
	*a = (struct annotation)ANNOTATION_INIT;
}


/* Reads *v for the task and user; 1, 0 when there is no such task, -1. */
int
task_view_get(struct store *st, int64_t task_id, int64_t user_id,
    int64_t now, struct task_view *v)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT t.project_id, max(p.overlap, t.wanted),"
	    " t.submitted, "
	    OTHERS_HOLDING_SQL ","
	    " (SELECT count(*) FROM lease l WHERE l.task_id = t.id"
	    "   AND l.user_id = ?2 AND l.expires_at > ?3),"
	    " (SELECT state FROM annotation a WHERE a.task_id = t.id"
	    "   AND a.user_id = ?2),"
	    " (SELECT removed FROM annotation a WHERE a.task_id = t.id"
	    "   AND a.user_id = ?2), " TASK_DONE_SQL("t", "p") ", t.is_gold"
	    " FROM task t JOIN project p ON p.id = t.project_id"
	    " WHERE t.id = ?1 AND t.id < coalesce(p.loading_from,"
	    " 9223372036854775807)");
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
		v->removed = sqlite3_column_int(stmt, 6);
		v->done = sqlite3_column_int(stmt, 7);
		v->gold = sqlite3_column_int(stmt, 8);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* task_view_get, reporting a missing task. */
int
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

/* Marks user_id's annotation of the task submitted now, and sampled for
 * review as the project's policy says (model/review.h's review_sampled,
 * the same hash in SQL). */
static int
mark_submitted(struct store *st, int64_t task_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;
	int64_t		 project;
	int		 rc;

	/* A gold task's answer is scored against its known one, never
	 * reviewed: not sampled, so it waits in no queue and counts in no
	 * to_review. */
	stmt = stmt_get(st, "UPDATE annotation SET submitted_at = " NOW_SQL
	    ", sampled = (SELECT CASE WHEN t.is_gold THEN 0"
	    " WHEN p.review IN ('none', 'all') THEN 1"
	    " ELSE (scalec_hash(annotation.id || '') % 100 + 100) % 100 <"
	    " CAST(substr(p.review, 8) AS INTEGER) END FROM task t"
	    " JOIN project p ON p.id = t.project_id"
	    " WHERE t.id = annotation.task_id)"
	    " WHERE task_id = ? AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if (stmt_exec(st, stmt, "marking a submission") == -1)
		return -1;
	/* The project's reviewers hear that it waits, one notification per
	 * project whose count grows (store/notify.h), when the policy asks
	 * for review; none where review is optional. */
	stmt = stmt_get(st, "SELECT t.project_id FROM annotation a"
	    " JOIN task t ON t.id = a.task_id JOIN project p"
	    " ON p.id = t.project_id WHERE a.task_id = ? AND a.user_id = ?"
	    " AND a.sampled AND p.review <> 'none'");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if ((rc = stmt_row(st, stmt, "reading a submission")) != 1)
		return rc;
	project = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return notify_reviewers(st, project, NOTIFY_REVIEW_WAITING, 1,
	    user_id);
}

int
task_count_submission(struct store *st, int64_t task_id, int delta)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE task SET submitted = submitted + ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, delta);
	sqlite3_bind_int64(stmt, 2, task_id);
	return stmt_exec(st, stmt, "counting a submission");
}

int
task_done_get(struct store *st, int64_t task_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT " TASK_DONE_SQL("t", "p") " FROM task t"
	    " JOIN project p ON p.id = t.project_id WHERE t.id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	return (int)stmt_int64(st, stmt, "reading whether a task is done");
}

int
task_done_moved(struct store *st, int64_t task_id, int before,
    int64_t user_id)
{
	sqlite3_stmt	*stmt;
	int64_t		 project;
	int		 after, rc;

	if ((after = task_done_get(st, task_id)) == -1)
		return -1;
	if (after == before)
		return 0;
	stmt = stmt_get(st, "UPDATE project SET done_count = done_count + ?"
	    " WHERE id = (SELECT project_id FROM task WHERE id = ?)"
	    " RETURNING id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, after ? 1 : -1);
	sqlite3_bind_int64(stmt, 2, task_id);
	if ((rc = stmt_row(st, stmt, "counting a project's done tasks")) != 1)
		return rc == 0 ? 0 : -1;
	project = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (!after)
		return 0;
	return notify_project_done(st, project, user_id);
}

int
store_annotation_get(struct store *st, int64_t task_id, int64_t user_id,
    struct annotation *a)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT id, task_id, user_id, state, result,"
	    " from_prediction, lead_time, late, acted_by, created_at,"
	    " updated_at, removed FROM annotation WHERE task_id = ?"
	    " AND user_id = ?");
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
		a->removed = sqlite3_column_int(stmt, 11);
		sqlite3_reset(stmt);
	}
	return rc;
}

/*
 * One act of a person on their annotation of a task, as the model's state
 * machine (model/state.h) says: the annotation written in its new state,
 * the task's count of submissions moved, the lease held (a draft) or
 * given up. A reviewed annotation is refused. Returns 0, 1 for "stored,
 * but late" (a submission without a live lease; a draft whose task is
 * full with other sessions), or -1.
 */
static int
act(struct store *st, int64_t task_id, int64_t user_id, int64_t acted_by,
    enum annotation_act what, const char *result, int from_prediction,
    double lead_time, int lease_seconds)
{
	struct task_view	 v;
	enum annotation_state	 to;
	int64_t			 now = store_now();
	int			 own, rc, late = -1, delta;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = task_view_need(st, task_id, user_id, now, &v)) != 1)
		goto out;
	rc = -1;
	if (v.removed) {
		error("your annotation of task %lld was rejected and removed"
		    " from the task (on_reject: remove): it can no longer be"
		    " changed", (long long)task_id);
		goto out;
	}
	if ((to = annotation_next(v.state, what)) == ANN_NONE) {
		refuse_reviewed(task_id, v.state);
		goto out;
	}
	delta = annotation_count_delta(v.state, to);
	/* A new submission is late without a live lease; one again keeps
	 * its flag. */
	if (what == ANN_SUBMIT && delta > 0)
		late = !v.leased;
	if (annotation_write(st, task_id, user_id, acted_by, to,
	    what == ANN_SKIP ? NULL : result, what == ANN_SKIP ? -1 :
	    from_prediction, late, lead_time) == -1 ||
	    (delta != 0 && task_count_submission(st, task_id, delta) == -1) ||
	    (what == ANN_SUBMIT && mark_submitted(st, task_id, user_id) == -1) ||
	    (what == ANN_SUBMIT && v.gold && gold_score_submission(st, task_id,
	    user_id) == -1) ||
	    (what == ANN_SUBMIT && !v.gold && extra_after_submission(st,
	    task_id) == -1) ||
	    ((delta != 0 || what == ANN_SUBMIT) && task_done_moved(st, task_id,
	    v.done, user_id) == -1))
		goto out;
	if (to == ANN_DRAFT) {
		/* A draft holds the task; 0 when it could not be held. */
		if ((rc = lease_hold(st, &v, task_id, user_id, now,
		    lease_seconds)) != -1)
			rc = rc == 1 ? 0 : 1;
		goto out;
	}
	/* An edit of a counted submission holds nothing; the rest give
	 * the task up. */
	if (what != ANN_SAVE && lease_delete(st, task_id, user_id) == -1)
		goto out;
	rc = late == 1;
out:
	return tx_leave(st, own, rc);
}

int
store_annotation_save_draft(struct store *st, int64_t task_id,
    int64_t user_id, int64_t acted_by, const char *result,
    int from_prediction, int lease_seconds)
{
	return act(st, task_id, user_id, acted_by, ANN_SAVE, result,
	    from_prediction, 0, lease_seconds);
}

int
store_annotation_submit(struct store *st, int64_t task_id, int64_t user_id,
    int64_t acted_by, const char *result, int from_prediction,
    double lead_time)
{
	return act(st, task_id, user_id, acted_by, ANN_SUBMIT, result,
	    from_prediction, lead_time, 0);
}

int
store_annotation_skip(struct store *st, int64_t task_id, int64_t user_id,
    int64_t acted_by)
{
	return act(st, task_id, user_id, acted_by, ANN_SKIP, NULL, -1, 0, 0);
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
	    " AND t.project_id = ?4" VISIBLE_SQL("t", "?4")
	    " ORDER BY a.seq DESC, a.id DESC LIMIT 1");
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

	/* Counters, and their skips over annotation_skipped (their own
	 * skips alone); read once per task, never per key. */
	/* Their gold answers are no part of the project's work: the
	 * project's gold tasks (task_gold), a seek each. Named: SQLite took
	 * task_next, covering too, and walked every task of the project in
	 * it (1.3 ms a task opened at 20,000 tasks, bench/stats.sh). */
	stmt = stmt_get(st, "SELECT coalesce((SELECT submitted FROM annotator"
	    "   WHERE project_id = ?1 AND user_id = ?2), 0)"
	    " - (SELECT count(*) FROM task g INDEXED BY task_gold"
	    "   CROSS JOIN annotation a"
	    "   ON a.task_id = g.id AND a.user_id = ?2 WHERE g.project_id = ?1"
	    GOLD_SQL("g") " AND a.removed = 0 AND a.state IN"
	    "   ('submitted','accepted','rejected','fixed')),"
	    " done_count, task_count, (SELECT count(*) FROM annotation a"
	    "   CROSS JOIN task t ON t.id = +a.task_id WHERE a.user_id = ?2"
	    "   AND a.state = 'skipped' AND t.project_id = ?1"
	    VISIBLE_SQL("t", "?1") NOT_GOLD_SQL("t") ")"
	    " FROM project WHERE id = ?1");
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
	p->skipped = sqlite3_column_int64(stmt, 3);
	sqlite3_reset(stmt);
	return 0;
}

