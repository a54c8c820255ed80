/* Reviews (see review.h): the queue and its leases (review_lease, one row
 * per item held), the history of verdicts and comments (review, rows
 * appended, never changed) and final answers (final_answer, one per
 * task). An annotation's state follows its latest verdict still standing,
 * in the same transaction as the row that changes it; accepted and
 * rejected count toward the overlap as submitted does, so no counter
 * moves. */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store/internal.h"
#include "store/review.h"
#include "store/store.h"
#include "store/task.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* The kinds of review rows, as stored, and what the history says. */
static const struct {
	const char	*kind;
	const char	*what;
} kinds[] = {
	{ "accept", "accepted" }, { "reject", "rejected" },
	{ "fix", "fixed" }, { "comment", "commented" },
	{ "withdraw", "withdrew a verdict" },
};

/* A verdict still standing: no withdrawal names it. */
#define STANDING_SQL							\
	" AND r.kind IN ('accept','reject','fix') AND NOT EXISTS"	\
	" (SELECT 1 FROM review w WHERE w.withdraws = r.id)"

void
review_ann_release(struct review_ann *a)
{
	size_t	i;

	free(a->user);
	free(a->result);
	free(a->fixed);
	free(a->submitted_at);
	for (i = 0; i < a->nevents; i++)
		review_event_release(&a->events[i]);
	free(a->events);
	memset(a, 0, sizeof *a);
}

void
review_event_release(struct review_event *e)
{
	free(e->at);
	free(e->by);
	free(e->what);
	free(e->comment);
	memset(e, 0, sizeof *e);
}

void
review_final_release(struct review_final *f)
{
	free(f->result);
	free(f->by);
	free(f->at);
	memset(f, 0, sizeof *f);
}

static const char *
state_of(const struct review_filter *f)
{
	return annotation_state_name(f == NULL || f->state == ANN_NONE ?
	    ANN_SUBMITTED : f->state);
}

static void
bind_filter(sqlite3_stmt *stmt, const struct review_filter *f)
{
	bind_text(stmt, 4, state_of(f));
	sqlite3_bind_int64(stmt, 5, f != NULL ? f->user_id : 0);
	bind_text(stmt, 6, f != NULL ? f->since : NULL);
}

/* Holds item key for the reviewer, in the caller's transaction. */
static int
lease_put(struct store *st, int64_t key, int overlap, int64_t reviewer,
    int64_t now, int lease_seconds)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT OR REPLACE INTO review_lease"
	    " (kind, item, user_id, expires_at) VALUES (?, ?, ?, ?)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, overlap != 0);
	sqlite3_bind_int64(stmt, 2, key);
	sqlite3_bind_int64(stmt, 3, reviewer);
	sqlite3_bind_int64(stmt, 4, now + lease_seconds);
	return stmt_exec(st, stmt, "leasing a review item");
}

static int
find_next(struct store *st, int64_t project_id, int64_t reviewer,
    const struct review_filter *f, int overlap, int64_t after, int64_t now,
    int64_t *key)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (!overlap)
		stmt = stmt_get(st, "SELECT a.id FROM annotation a"
		    " JOIN task t ON t.id = a.task_id"
		    " WHERE t.project_id = ?1 AND a.state = ?4"
		    " AND a.user_id <> ?2 AND (?5 = 0 OR a.user_id = ?5)"
		    " AND (?6 IS NULL OR a.updated_at >= ?6)"
		    " AND (?7 = 0 OR (a.updated_at, a.id) >"
		    "   (SELECT updated_at, id FROM annotation WHERE id = ?7))"
		    " AND NOT EXISTS (SELECT 1 FROM review_lease l"
		    "   WHERE l.kind = 0 AND l.item = a.id AND l.user_id <> ?2"
		    "   AND l.expires_at > ?3)"
		    " ORDER BY a.updated_at, a.id LIMIT 1");
	else
		stmt = stmt_get(st, "SELECT t.id FROM task t"
		    " JOIN project p ON p.id = t.project_id"
		    " WHERE t.project_id = ?1 AND t.id > ?7"
		    " AND (EXISTS (SELECT 1 FROM annotation a"
		    "   WHERE a.task_id = t.id AND a.state = ?4"
		    "   AND (?5 = 0 OR a.user_id = ?5)"
		    "   AND (?6 IS NULL OR a.updated_at >= ?6))"
		    "  OR (?4 = 'submitted' AND ?5 = 0 AND ?6 IS NULL"
		    "   AND t.submitted >= p.overlap AND NOT EXISTS"
		    "   (SELECT 1 FROM final_answer f WHERE f.task_id = t.id)))"
		    " AND NOT EXISTS (SELECT 1 FROM annotation m"
		    "   WHERE m.task_id = t.id AND m.user_id = ?2"
		    "   AND m.state <> 'skipped')"
		    " AND NOT EXISTS (SELECT 1 FROM review_lease l"
		    "   WHERE l.kind = 1 AND l.item = t.id AND l.user_id <> ?2"
		    "   AND l.expires_at > ?3)"
		    " ORDER BY t.id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, reviewer);
	sqlite3_bind_int64(stmt, 3, now);
	bind_filter(stmt, f);
	sqlite3_bind_int64(stmt, 7, after);
	if ((rc = stmt_row(st, stmt, "finding the next item to review")) == 1) {
		*key = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_review_next(struct store *st, int64_t project_id, int64_t reviewer,
    const struct review_filter *f, int overlap, int64_t after,
    int lease_seconds, int64_t *key)
{
	int64_t	now = store_now();
	int	rc;

	if (store_begin(st) == -1)
		return -1;
	rc = find_next(st, project_id, reviewer, f, overlap, after, now, key);
	if (rc == 1 && lease_put(st, *key, overlap, reviewer, now,
	    lease_seconds) == -1)
		rc = -1;
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st) == -1 ? -1 : rc;
}

int
store_review_take(struct store *st, int64_t key, int overlap,
    int64_t reviewer, int lease_seconds)
{
	sqlite3_stmt	*stmt;
	int64_t		 now = store_now(), held;
	int		 rc = -1;

	if (store_begin(st) == -1)
		return -1;
	stmt = stmt_get(st, "SELECT count(*) FROM review_lease WHERE kind = ?"
	    " AND item = ? AND user_id <> ? AND expires_at > ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int(stmt, 1, overlap != 0);
	sqlite3_bind_int64(stmt, 2, key);
	sqlite3_bind_int64(stmt, 3, reviewer);
	sqlite3_bind_int64(stmt, 4, now);
	if ((held = stmt_int64(st, stmt, "reading a review lease")) == -1)
		goto out;
	rc = held > 0 ? 0 : lease_put(st, key, overlap, reviewer, now,
	    lease_seconds) == -1 ? -1 : 1;
out:
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st) == -1 ? -1 : rc;
}

int
store_review_release(struct store *st, int64_t key, int overlap,
    int64_t reviewer)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM review_lease WHERE kind = ?"
	    " AND item = ? AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, overlap != 0);
	sqlite3_bind_int64(stmt, 2, key);
	sqlite3_bind_int64(stmt, 3, reviewer);
	return stmt_exec(st, stmt, "giving a review lease up");
}

int
store_review_waiting(struct store *st, int64_t project_id,
    const struct review_filter *f, int64_t *n)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*) FROM annotation a"
	    " JOIN task t ON t.id = a.task_id WHERE t.project_id = ?1"
	    " AND ?2 = ?2 AND ?3 = ?3 AND a.state = ?4"
	    " AND (?5 = 0 OR a.user_id = ?5)"
	    " AND (?6 IS NULL OR a.updated_at >= ?6)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, 0);
	sqlite3_bind_int64(stmt, 3, 0);
	bind_filter(stmt, f);
	return (*n = stmt_int64(st, stmt, "counting what waits for review"))
	    == -1 ? -1 : 0;
}

static const char *
what_of(const char *kind)
{
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].what;
	return kind;
}

/* The annotation's history, in order, and the fix in force. */
static int
read_events(struct store *st, struct review_ann *a)
{
	sqlite3_stmt	*stmt;
	struct review_event *e;
	size_t		 alloc = 0;
	int		 rc;

	stmt = stmt_get(st, "SELECT r.id, r.created_at, u.name, r.kind,"
	    " r.comment, r.result, r.withdraws IS NULL AND NOT EXISTS"
	    " (SELECT 1 FROM review w WHERE w.withdraws = r.id)"
	    " FROM review r JOIN user u ON u.id = r.reviewer_id"
	    " WHERE r.annotation_id = ? ORDER BY r.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, a->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(stmt, 3);

		ARRAY_GROW(a->events, a->nevents + 1, alloc);
		e = &a->events[a->nevents++];
		e->id = sqlite3_column_int64(stmt, 0);
		e->at = column_dup(stmt, 1);
		e->by = column_dup0(stmt, 2);
		e->what = xstrdup(what_of(kind));
		e->comment = column_dup(stmt, 4);
		if (strcmp(kind, "fix") == 0 && sqlite3_column_int(stmt, 6)) {
			free(a->fixed);
			a->fixed = column_dup(stmt, 5);
		}
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? 0 : store_error(st, "reading a review");
}

/* The state shown: the stored one, "fixed" where the verdict standing is a
 * fix. */
static int
latest_kind(struct store *st, int64_t annotation, char *out, size_t size)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	out[0] = '\0';
	stmt = stmt_get(st, "SELECT r.kind FROM review r"
	    " WHERE r.annotation_id = ?" STANDING_SQL
	    " ORDER BY r.id DESC LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation);
	if ((rc = stmt_row(st, stmt, "reading a verdict")) == 1) {
		snprintf(out, size, "%s", sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_review_item(struct store *st, int64_t key, int overlap,
    struct task *t, struct review_ann **anns, size_t *n,
    struct review_final *final)
{
	sqlite3_stmt		*stmt;
	struct review_ann	*a;
	size_t			 alloc = 0, i;
	int64_t			 task_id = key;
	char			 kind[16];
	int			 rc;

	*anns = NULL;
	*n = 0;
	if (!overlap) {
		stmt = stmt_get(st, "SELECT task_id FROM annotation WHERE id = ?"
		    " AND state NOT IN ('draft','skipped')");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, key);
		if ((rc = stmt_row(st, stmt, "reading an annotation")) != 1)
			return rc;
		task_id = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	if ((rc = store_task_get(st, task_id, t)) != 1)
		return rc;
	stmt = stmt_get(st, "SELECT a.id, a.user_id, u.name, a.state,"
	    " a.result, a.from_prediction, a.late, a.lead_time, a.updated_at"
	    " FROM annotation a JOIN user u ON u.id = a.user_id"
	    " WHERE a.task_id = ?1 AND (?2 = 0 OR a.id = ?2)"
	    " AND a.state NOT IN ('draft','skipped') ORDER BY a.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, overlap ? 0 : key);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ARRAY_GROW(*anns, *n + 1, alloc);
		a = &(*anns)[(*n)++];
		memset(a, 0, sizeof *a);
		a->id = sqlite3_column_int64(stmt, 0);
		a->user_id = sqlite3_column_int64(stmt, 1);
		a->user = column_dup0(stmt, 2);
		a->state = annotation_state_name(annotation_state_from_name(
		    (const char *)sqlite3_column_text(stmt, 3)));
		a->result = column_dup0(stmt, 4);
		a->from_prediction = sqlite3_column_int(stmt, 5);
		a->late = sqlite3_column_int(stmt, 6);
		a->lead_time = sqlite3_column_double(stmt, 7);
		a->submitted_at = column_dup(stmt, 8);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "reading annotations to review");
	for (i = 0; i < *n; i++) {
		a = &(*anns)[i];
		if (read_events(st, a) == -1 ||
		    latest_kind(st, a->id, kind, sizeof kind) == -1)
			return -1;
		if (strcmp(kind, "fix") == 0)
			a->state = "fixed";
	}
	memset(final, 0, sizeof *final);
	stmt = stmt_get(st, "SELECT f.result, u.name, f.created_at,"
	    " coalesce(f.from_annotation, 0) FROM final_answer f"
	    " JOIN user u ON u.id = f.settled_by WHERE f.task_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "reading a final answer")) == 1) {
		final->set = 1;
		final->result = column_dup0(stmt, 0);
		final->by = column_dup0(stmt, 1);
		final->at = column_dup(stmt, 2);
		final->from = sqlite3_column_int64(stmt, 3);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 1;
}

/* What a review act needs of its annotation, checked: the project's name
 * for the audit record. Refuses one's own, a draft or skip, none. */
static int
reviewable(struct store *st, const struct actor *who, int64_t annotation,
    char **project, int64_t *task)
{
	sqlite3_stmt	*stmt;
	const char	*state;
	int64_t		 owner;
	int		 rc;

	stmt = stmt_get(st, "SELECT a.user_id, a.state, p.name, a.task_id"
	    " FROM annotation a JOIN task t ON t.id = a.task_id"
	    " JOIN project p ON p.id = t.project_id WHERE a.id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation);
	if ((rc = stmt_row(st, stmt, "reading an annotation")) != 1)
		return rc == 0 ? error("no annotation %lld", (long long)
		    annotation) : -1;
	owner = sqlite3_column_int64(stmt, 0);
	state = (const char *)sqlite3_column_text(stmt, 1);
	rc = 0;
	if (owner == who->user_id)
		rc = error("annotation %lld is your own: nobody reviews their"
		    " own work", (long long)annotation);
	else if (strcmp(state, "draft") == 0 || strcmp(state, "skipped") == 0)
		rc = error("annotation %lld is %s %s: only submitted work is"
		    " reviewed", (long long)annotation, state[0] == 'd' ? "a" :
		    "", state[0] == 'd' ? "draft" : "skipped");
	else {
		*project = column_dup0(stmt, 2);
		*task = sqlite3_column_int64(stmt, 3);
	}
	sqlite3_reset(stmt);
	return rc;
}

static int
insert_row(struct store *st, const struct actor *who, int64_t annotation,
    const char *kind, const char *comment, const char *result,
    int64_t withdraws, int64_t *id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO review (annotation_id, reviewer_id,"
	    " acted_by, kind, comment, result, withdraws, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, " NOW_SQL ")");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation);
	sqlite3_bind_int64(stmt, 2, who->user_id);
	if (who->real_id != 0 && who->real_id != who->user_id)
		sqlite3_bind_int64(stmt, 3, who->real_id);
	else
		sqlite3_bind_null(stmt, 3);
	bind_text(stmt, 4, kind);
	bind_text(stmt, 5, comment);
	bind_text(stmt, 6, result);
	if (withdraws != 0)
		sqlite3_bind_int64(stmt, 7, withdraws);
	else
		sqlite3_bind_null(stmt, 7);
	if (stmt_exec(st, stmt, "recording a review") == -1)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* The annotation's state from its latest verdict standing. */
static int
restate(struct store *st, int64_t annotation)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE annotation SET state = coalesce((SELECT"
	    " CASE r.kind WHEN 'reject' THEN 'rejected' ELSE 'accepted' END"
	    " FROM review r WHERE r.annotation_id = ?1" STANDING_SQL
	    " ORDER BY r.id DESC LIMIT 1), 'submitted'),"
	    " updated_at = updated_at WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation);
	return stmt_exec(st, stmt, "changing an annotation's state");
}

/* One act on an annotation as a unit of work. */
static int
act(struct store *st, const struct actor *who, int64_t annotation,
    const char *kind, const char *comment, const char *result, int64_t *id)
{
	char	*project = NULL, *detail = NULL, action[32];
	int64_t	 task = 0;
	int	 rc = -1;

	if (store_begin(st) == -1)
		return -1;
	if (reviewable(st, who, annotation, &project, &task) == -1)
		goto out;
	if (insert_row(st, who, annotation, kind, comment, result, 0, id) ==
	    -1 || (strcmp(kind, "comment") != 0 && restate(st, annotation) ==
	    -1))
		goto out;
	snprintf(action, sizeof action, "review.%s", kind);
	detail = xasprintf("annotation %lld of task %lld",
	    (long long)annotation, (long long)task);
	rc = audit_write(st, who, action, project, detail);
out:
	free(project);
	free(detail);
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int
store_review_verdict(struct store *st, const struct actor *who,
    int64_t annotation, enum review_verdict v, const char *comment,
    const char *fixed, int64_t *id)
{
	static const char *const names[] = { "accept", "reject", "fix" };

	return act(st, who, annotation, names[v], comment, v == REVIEW_FIX ?
	    fixed : NULL, id);
}

int
store_review_comment(struct store *st, const struct actor *who,
    int64_t annotation, const char *text)
{
	return act(st, who, annotation, "comment", text, NULL, NULL);
}

int
store_review_withdraw(struct store *st, const struct actor *who,
    int64_t verdict)
{
	sqlite3_stmt	*stmt;
	char		*project = NULL, *detail = NULL;
	int64_t		 annotation = 0, task = 0;
	int		 rc = -1;

	if (store_begin(st) == -1)
		return -1;
	stmt = stmt_get(st, "SELECT r.annotation_id FROM review r"
	    " WHERE r.id = ?2 AND r.reviewer_id = ?1" STANDING_SQL);
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, who->user_id);
	sqlite3_bind_int64(stmt, 2, verdict);
	if ((rc = stmt_row(st, stmt, "reading a verdict")) != 1) {
		if (rc == 0)
			error("no verdict %lld of yours stands to withdraw",
			    (long long)verdict);
		rc = -1;
		goto out;
	}
	annotation = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	rc = -1;
	if (reviewable(st, who, annotation, &project, &task) == -1 ||
	    insert_row(st, who, annotation, "withdraw", NULL, NULL, verdict,
	    NULL) == -1 || restate(st, annotation) == -1)
		goto out;
	detail = xasprintf("verdict %lld on annotation %lld",
	    (long long)verdict, (long long)annotation);
	rc = audit_write(st, who, "review.withdraw", project, detail);
out:
	free(project);
	free(detail);
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int
store_review_final(struct store *st, const struct actor *who,
    int64_t task_id, int64_t from, const char *result)
{
	sqlite3_stmt	*stmt;
	char		*project = NULL, *detail = NULL, *text = NULL;
	int64_t		 task = 0;
	int		 rc = -1;

	if (store_begin(st) == -1)
		return -1;
	if (from != 0) {
		if (reviewable(st, who, from, &project, &task) == -1)
			goto out;
		if (task != task_id) {
			error("annotation %lld is not of task %lld",
			    (long long)from, (long long)task_id);
			goto out;
		}
		/* Its fix where it has one standing. */
		stmt = stmt_get(st, "SELECT coalesce((SELECT r.result FROM"
		    " review r WHERE r.annotation_id = ?1 AND r.kind = 'fix'"
		    " AND NOT EXISTS (SELECT 1 FROM review w"
		    "   WHERE w.withdraws = r.id) ORDER BY r.id DESC LIMIT 1),"
		    " (SELECT result FROM annotation WHERE id = ?1))");
		if (stmt == NULL)
			goto out;
		sqlite3_bind_int64(stmt, 1, from);
		if (stmt_row(st, stmt, "reading a result") != 1)
			goto out;
		text = column_dup0(stmt, 0);
		sqlite3_reset(stmt);
	} else {
		stmt = stmt_get(st, "SELECT p.name FROM task t JOIN project p"
		    " ON p.id = t.project_id WHERE t.id = ?");
		if (stmt == NULL)
			goto out;
		sqlite3_bind_int64(stmt, 1, task_id);
		if ((rc = stmt_row(st, stmt, "reading a task")) != 1) {
			if (rc == 0)
				error("no task %lld", (long long)task_id);
			rc = -1;
			goto out;
		}
		project = column_dup0(stmt, 0);
		sqlite3_reset(stmt);
		rc = -1;
		text = xstrdup(result);
	}
	stmt = stmt_get(st, "INSERT OR REPLACE INTO final_answer (task_id,"
	    " result, from_annotation, settled_by, acted_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, " NOW_SQL ")");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	bind_text(stmt, 2, text);
	if (from != 0)
		sqlite3_bind_int64(stmt, 3, from);
	else
		sqlite3_bind_null(stmt, 3);
	sqlite3_bind_int64(stmt, 4, who->user_id);
	if (who->real_id != 0 && who->real_id != who->user_id)
		sqlite3_bind_int64(stmt, 5, who->real_id);
	else
		sqlite3_bind_null(stmt, 5);
	if (stmt_exec(st, stmt, "settling a final answer") == -1)
		goto out;
	detail = from != 0 ? xasprintf("task %lld from annotation %lld",
	    (long long)task_id, (long long)from) : xasprintf("task %lld",
	    (long long)task_id);
	rc = audit_write(st, who, "review.final", project, detail);
out:
	free(project);
	free(detail);
	free(text);
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int
store_review_latest(struct store *st, int64_t annotation,
    struct review_event *e)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(e, 0, sizeof *e);
	stmt = stmt_get(st, "SELECT r.id, r.created_at, u.name, r.kind,"
	    " r.comment FROM review r JOIN user u ON u.id = r.reviewer_id"
	    " WHERE r.annotation_id = ?" STANDING_SQL
	    " ORDER BY r.id DESC LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation);
	if ((rc = stmt_row(st, stmt, "reading a verdict")) == 1) {
		e->id = sqlite3_column_int64(stmt, 0);
		e->at = column_dup(stmt, 1);
		e->by = column_dup0(stmt, 2);
		e->what = xstrdup(what_of((const char *)
		    sqlite3_column_text(stmt, 3)));
		e->comment = column_dup(stmt, 4);
		sqlite3_reset(stmt);
	}
	return rc;
}
