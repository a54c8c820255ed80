/* Review in the store (store/review.h): the queue, verdicts as rows of a
 * history, final answers, the policy and the counts. The queue walks
 * annotation_review (state, submitted_at) or, for one person,
 * annotation_review_user, so its first row is a seek; the counts are the
 * project's columns that migration 6's triggers keep. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/notify.h"
#include "store/project.h"
#include "store/review.h"
#include "util/error.h"
#include "util/xmalloc.h"

static const char *const verdicts[] = {
	[VERDICT_ACCEPT] = "accept",
	[VERDICT_REJECT] = "reject",
	[VERDICT_FIX] = "fix",
	[VERDICT_COMMENT] = "comment",
	[VERDICT_REOPEN] = "reopen",
	[VERDICT_WITHDRAW] = "withdraw",
};

const char *
review_verdict_name(enum review_verdict v)
{
	if ((size_t)v >= sizeof verdicts / sizeof verdicts[0])
		return "?";
	return verdicts[v];
}

int
review_verdict_from_name(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < sizeof verdicts / sizeof verdicts[0];
	    i++)
		if (strcmp(verdicts[i], name) == 0)
			return (int)i;
	return -1;
}

/* The machine's act for a verdict; -1 for those that change no state. */
static int
verdict_act(enum review_verdict v)
{
	switch (v) {
	case VERDICT_ACCEPT:
		return ANN_ACCEPT;
	case VERDICT_REJECT:
		return ANN_REJECT;
	case VERDICT_FIX:
		return ANN_FIX;
	case VERDICT_REOPEN:
		return ANN_REOPEN;
	default:
		return -1;
	}
}

void
review_item_release(struct review_item *it)
{
	free(it->user_name);
	free(it->submitted_at);
	*it = (struct review_item)REVIEW_ITEM_INIT;
}

void
review_row_release(struct review_row *r)
{
	free(r->reviewer);
	free(r->comment);
	free(r->result);
	free(r->created_at);
	memset(r, 0, sizeof *r);
}

void
review_annotation_release(struct review_annotation *a)
{
	free(a->user_name);
	free(a->result);
	free(a->fixed);
	free(a->created_at);
	free(a->submitted_at);
	memset(a, 0, sizeof *a);
}

void
review_final_release(struct review_final *f)
{
	free(f->result);
	free(f->settled_by_name);
	free(f->created_at);
	memset(f, 0, sizeof *f);
}

/* ---- the policy and the counts ---- */

int
store_review_policy_get(struct store *st, int64_t project_id,
    struct review_policy *p)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT review, on_reject, final_required,"
	    " comment_required FROM project WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading a review policy")) == 0)
		return error("there is no project %lld", (long long)project_id);
	if (rc == -1)
		return -1;
	policy_from_row(stmt, 0, p);
	sqlite3_reset(stmt);
	return 0;
}

int
store_review_policy_set(struct store *st, const struct actor *a,
    int64_t project_id, const struct review_policy *p)
{
	sqlite3_stmt	*stmt;
	char		 detail[128], words[96];
	int		 own, rc = -1, changed;

	if (tx_enter(st, &own) == -1)
		return -1;
	stmt = stmt_get(st, "UPDATE project SET review = ?1, on_reject = ?2,"
	    " final_required = ?3, comment_required = ?4, updated_at = "
	    NOW_SQL " WHERE id = ?5 AND (review, on_reject, final_required,"
	    " comment_required) IS NOT (?1, ?2, ?3, ?4)");
	if (stmt == NULL)
		goto out;
	policy_bind(stmt, 1, p);
	sqlite3_bind_int64(stmt, 5, project_id);
	if (stmt_exec(st, stmt, "setting a review policy") == -1)
		goto out;
	if ((changed = stmt_changes(st)) > 0) {
		/* What is done follows the policy, in this transaction. */
		if (store_project_recount(st, project_id) == -1)
			goto out;
		snprintf(detail, sizeof detail, "review %s",
		    review_policy_describe(p, words, sizeof words));
		stmt = stmt_get(st, "SELECT name FROM project WHERE id = ?");
		if (stmt == NULL)
			goto out;
		sqlite3_bind_int64(stmt, 1, project_id);
		if (stmt_row(st, stmt, "reading a project") != 1)
			goto out;
		rc = audit_write(st, a, "project review",
		    (const char *)sqlite3_column_text(stmt, 0), detail);
		sqlite3_reset(stmt);
		if (rc == -1)
			goto out;
	}
	rc = changed > 0;
out:
	return tx_leave(st, own, rc);
}

int
store_review_counts(struct store *st, int64_t project_id,
    struct review_counts *n)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* The final answers drive (CROSS JOIN keeps them outer): driven by
	 * the project's tasks, the count stepped over every task, 1,000,000
	 * index rows for each first screen and each item the review screen
	 * opened (bench/review.sh). */
	stmt = stmt_get(st, "SELECT to_review, accepted, rejected, fixed,"
	    " (SELECT count(DISTINCT f.task_id) FROM final_answer f"
	    "   CROSS JOIN task t ON t.id = f.task_id WHERE t.project_id = ?1)"
	    " FROM project WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading review counts")) == 0)
		return error("there is no project %lld", (long long)project_id);
	if (rc == -1)
		return -1;
	n->to_review = sqlite3_column_int64(stmt, 0);
	n->accepted = sqlite3_column_int64(stmt, 1);
	n->rejected = sqlite3_column_int64(stmt, 2);
	n->fixed = sqlite3_column_int64(stmt, 3);
	n->finals = sqlite3_column_int64(stmt, 4);
	sqlite3_reset(stmt);
	return 0;
}

/* ---- the queue ---- */

/*
 * Parameters: ?1 project, ?2 state, ?3 the reviewer (0: nobody left out),
 * ?4 the annotator (0: anyone), ?5 since, ?6 label, ?7 by task, ?8 now,
 * ?9 after's submitted_at, ?10 after's id, ?11 after's user, ?12 after's
 * key, ?13 seed, ?14 limit (-1: all), ?15 offset.
 */
#define QUEUE_KEY "scalec_hash(a.id || ':' || ?13)"
#define QUEUE_SELECT							\
	"SELECT a.id, a.task_id, a.user_id, u.name, a.state,"		\
	" a.submitted_at, a.lead_time, a.from_prediction, a.late, "	\
	QUEUE_KEY " FROM annotation a"					\
	" JOIN task t ON t.id = a.task_id"				\
	" JOIN user u ON u.id = a.user_id"				\
	" WHERE a.state = ?2 AND a.submitted_at IS NOT NULL"		\
	" AND t.project_id = ?1 AND a.user_id <> ?3" NOT_GOLD_SQL("t")
#define QUEUE_WHERE							\
	" AND (?5 IS NULL OR a.submitted_at >= ?5)"			\
	" AND (?2 <> 'submitted' OR a.sampled)"				\
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_tree(a.result) j" \
	"   WHERE j.type = 'text' AND j.value = ?6))"			\
	" AND (?7 = 0 OR NOT EXISTS (SELECT 1 FROM annotation b"	\
	"   WHERE b.task_id = a.task_id AND b.state = a.state"		\
	"   AND b.submitted_at IS NOT NULL AND b.user_id <> ?3"		\
	"   AND (?2 <> 'submitted' OR b.sampled)"			\
	"   AND (b.submitted_at, b.id) < (a.submitted_at, a.id)))"	\
	" AND NOT EXISTS (SELECT 1 FROM review_lease l"			\
	"   WHERE l.task_id = a.task_id AND l.user_id <> ?3"		\
	"   AND l.expires_at > ?8)"

static const char *const queue_sql[] = {
	[REVIEW_OLDEST] = QUEUE_SELECT " AND (?4 = 0 OR a.user_id = ?4)"
	    QUEUE_WHERE " AND (a.submitted_at, a.id) > (?9, ?10)"
	    " ORDER BY a.submitted_at, a.id LIMIT ?14 OFFSET ?15",
	[REVIEW_RANDOM] = QUEUE_SELECT " AND (?4 = 0 OR a.user_id = ?4)"
	    QUEUE_WHERE " AND (" QUEUE_KEY ", a.id) > (?12, ?10)"
	    " ORDER BY " QUEUE_KEY ", a.id LIMIT ?14 OFFSET ?15",
	[REVIEW_BY_USER] = QUEUE_SELECT " AND (?4 = 0 OR a.user_id = ?4)"
	    QUEUE_WHERE " AND (a.user_id, a.submitted_at, a.id) >"
	    " (?11, ?9, ?10)"
	    " ORDER BY a.user_id, a.submitted_at, a.id LIMIT ?14 OFFSET ?15",
};

/* One person's queue in submission order: annotation_review_user. */
static const char user_sql[] = QUEUE_SELECT " AND a.user_id = ?4"
    QUEUE_WHERE " AND (a.submitted_at, a.id) > (?9, ?10)"
    " ORDER BY a.submitted_at, a.id LIMIT ?14 OFFSET ?15";

static sqlite3_stmt *
queue_stmt(struct store *st, const struct review_query *q,
    const struct review_item *after, long limit, long offset)
{
	sqlite3_stmt	*stmt;
	const char	*sql;
	enum annotation_state s = q->state == ANN_NONE ? ANN_SUBMITTED :
	    q->state;

	if (q->order == REVIEW_OLDEST && q->user_id > 0)
		sql = user_sql;
	else
		sql = queue_sql[q->order];
	if ((stmt = stmt_get(st, sql)) == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, q->project_id);
	bind_text(stmt, 2, annotation_state_name(s));
	sqlite3_bind_int64(stmt, 3, q->reviewer_id);
	sqlite3_bind_int64(stmt, 4, q->user_id);
	bind_text(stmt, 5, q->since);
	bind_text(stmt, 6, q->label);
	sqlite3_bind_int(stmt, 7, q->by_task != 0);
	sqlite3_bind_int64(stmt, 8, store_now());
	bind_text(stmt, 9, after != NULL && after->submitted_at != NULL ?
	    after->submitted_at : "");
	sqlite3_bind_int64(stmt, 10, after != NULL ? after->annotation_id :
	    INT64_MIN);
	sqlite3_bind_int64(stmt, 11, after != NULL ? after->user_id :
	    INT64_MIN);
	sqlite3_bind_int64(stmt, 12, after != NULL ? after->key : INT64_MIN);
	sqlite3_bind_int64(stmt, 13, (sqlite3_int64)q->seed);
	sqlite3_bind_int64(stmt, 14, limit > 0 ? limit : -1);
	sqlite3_bind_int64(stmt, 15, offset > 0 ? offset : 0);
	return stmt;
}

static void
item_read(sqlite3_stmt *stmt, struct review_item *it)
{
	review_item_release(it);
	it->annotation_id = sqlite3_column_int64(stmt, 0);
	it->task_id = sqlite3_column_int64(stmt, 1);
	it->user_id = sqlite3_column_int64(stmt, 2);
	it->user_name = column_dup0(stmt, 3);
	it->state = annotation_state_from_name((const char *)
	    sqlite3_column_text(stmt, 4));
	it->submitted_at = column_dup0(stmt, 5);
	it->lead_time = sqlite3_column_double(stmt, 6);
	it->from_prediction = sqlite3_column_int(stmt, 7);
	it->late = sqlite3_column_int(stmt, 8);
	it->key = sqlite3_column_int64(stmt, 9);
}

/* The queue position of annotation id (a --after cursor): 1, 0 when it is
 * no annotation, -1. */
static int
item_at(struct store *st, const struct review_query *q, int64_t id,
    struct review_item *it)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT a.id, a.task_id, a.user_id, '', a.state,"
	    " a.submitted_at, 0, 0, 0, scalec_hash(a.id || ':' || ?2)"
	    " FROM annotation a WHERE a.id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)q->seed);
	if ((rc = stmt_row(st, stmt, "reading an annotation")) == 1) {
		item_read(stmt, it);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_review_each(struct store *st, const struct review_query *q,
    const struct page *page, int (*fn)(const struct review_item *, void *),
    void *arg)
{
	struct review_item	 it = REVIEW_ITEM_INIT, after = REVIEW_ITEM_INIT;
	sqlite3_stmt		*stmt;
	int			 rc;

	if (page != NULL && page->after > 0) {
		if ((rc = item_at(st, q, page->after, &after)) != 1) {
			if (rc == 0)
				error("there is no annotation %ld",
				    page->after);
			return -1;
		}
	}
	stmt = queue_stmt(st, q, page != NULL && page->after > 0 ? &after :
	    NULL, page != NULL ? page->limit : 0, page != NULL ?
	    page->offset : 0);
	review_item_release(&after);
	if (stmt == NULL)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		item_read(stmt, &it);
		if (fn(&it, arg) != 0)
			break;
	}
	review_item_release(&it);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "reading the review queue");
	return 0;
}

int
store_review_next(struct store *st, const struct review_query *q,
    const struct review_item *after, int lease_seconds,
    struct review_item *it)
{
	sqlite3_stmt	*stmt;
	int64_t		 now = store_now();
	int		 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((stmt = queue_stmt(st, q, after, 1, 0)) == NULL) {
		rc = -1;
		goto out;
	}
	if ((rc = stmt_row(st, stmt, "reading the review queue")) == 1) {
		item_read(stmt, it);
		sqlite3_reset(stmt);
	}
	if (rc == -1 || q->reviewer_id <= 0)
		goto out;
	stmt = stmt_get(st, "DELETE FROM review_lease WHERE user_id = ?");
	if (stmt == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, q->reviewer_id);
	if (stmt_exec(st, stmt, "giving a review lease up") == -1) {
		rc = -1;
		goto out;
	}
	if (rc == 0)
		goto out;
	/* The queue left out tasks others hold; one that expired is
	 * taken over. */
	stmt = stmt_get(st, "INSERT INTO review_lease (task_id, user_id,"
	    " expires_at) VALUES (?, ?, ?) ON CONFLICT (task_id) DO UPDATE"
	    " SET user_id = excluded.user_id, expires_at = excluded.expires_at");
	if (stmt == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, it->task_id);
	sqlite3_bind_int64(stmt, 2, q->reviewer_id);
	sqlite3_bind_int64(stmt, 3, now + (lease_seconds > 0 ? lease_seconds :
	    1800));
	if (stmt_exec(st, stmt, "taking a review lease") == -1)
		rc = -1;
out:
	return tx_leave(st, own, rc);
}

int
store_review_next_url(struct store *st, const struct review_query *q,
    const struct review_item *after, char **url)
{
	sqlite3_stmt	*stmt;
	int64_t		 task_id;
	int		 rc;

	*url = NULL;
	if ((stmt = queue_stmt(st, q, after, 1, 0)) == NULL)
		return -1;
	if ((rc = stmt_row(st, stmt, "reading the review queue")) != 1)
		return rc;
	task_id = sqlite3_column_int64(stmt, 1);
	sqlite3_reset(stmt);
	stmt = stmt_get(st, "SELECT image FROM task WHERE id = ? AND"
	    " (image LIKE 'http://%' OR image LIKE 'https://%')");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "looking at the next item's image")) ==
	    1) {
		*url = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_review_release(struct store *st, int64_t reviewer_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM review_lease WHERE user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, reviewer_id);
	return stmt_exec(st, stmt, "giving a review lease up");
}

/* ---- reads ---- */

#define ANNOTATION_SELECT						\
	"SELECT a.id, a.task_id, t.project_id, a.user_id, u.name, a.state," \
	" a.result, CASE WHEN a.state = 'fixed' THEN (SELECT r.result"	\
	"   FROM review r WHERE r.annotation_id = a.id"			\
	"   AND r.verdict = 'fix' AND NOT EXISTS (SELECT 1 FROM review w" \
	"   WHERE w.annotation_id = a.id AND w.withdraws = r.id)"	\
	"   ORDER BY r.id DESC LIMIT 1) END,"				\
	" a.lead_time, a.from_prediction, a.late, a.created_at,"	\
	" a.submitted_at FROM annotation a JOIN task t ON t.id = a.task_id" \
	" JOIN user u ON u.id = a.user_id"

static void
annotation_read(sqlite3_stmt *stmt, struct review_annotation *a)
{
	review_annotation_release(a);
	a->id = sqlite3_column_int64(stmt, 0);
	a->task_id = sqlite3_column_int64(stmt, 1);
	a->project_id = sqlite3_column_int64(stmt, 2);
	a->user_id = sqlite3_column_int64(stmt, 3);
	a->user_name = column_dup0(stmt, 4);
	a->state = annotation_state_from_name((const char *)
	    sqlite3_column_text(stmt, 5));
	a->result = column_dup0(stmt, 6);
	a->fixed = column_dup(stmt, 7);
	a->lead_time = sqlite3_column_double(stmt, 8);
	a->from_prediction = sqlite3_column_int(stmt, 9);
	a->late = sqlite3_column_int(stmt, 10);
	a->created_at = column_dup0(stmt, 11);
	a->submitted_at = column_dup(stmt, 12);
}

int
store_review_annotation(struct store *st, int64_t id,
    struct review_annotation *a)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((stmt = stmt_get(st, ANNOTATION_SELECT " WHERE a.id = ?")) == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = stmt_row(st, stmt, "reading an annotation")) == 1) {
		annotation_read(stmt, a);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_review_task_each(struct store *st, int64_t task_id,
    int (*fn)(const struct review_annotation *, void *), void *arg)
{
	struct review_annotation	 a;
	sqlite3_stmt			*stmt;
	int				 rc;

	stmt = stmt_get(st, ANNOTATION_SELECT " WHERE a.task_id = ?1"
	    " AND a.state IN " STATES_COUNTED_SQL " AND a.removed = 0"
	    " ORDER BY (SELECT count(*) FROM annotation b WHERE b.task_id = ?1"
	    "   AND b.result = a.result AND b.state IN " STATES_COUNTED_SQL
	    ") DESC, a.id");
	if (stmt == NULL)
		return -1;
	memset(&a, 0, sizeof a);
	sqlite3_bind_int64(stmt, 1, task_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		annotation_read(stmt, &a);
		if (fn(&a, arg) != 0)
			break;
	}
	review_annotation_release(&a);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "reading a task's annotations");
	return 0;
}

#define ROW_SELECT							\
	"SELECT r.id, r.reviewer_id, u.name, r.verdict, r.comment,"	\
	" r.result, r.from_state, coalesce(r.withdraws, 0),"		\
	" EXISTS (SELECT 1 FROM review w WHERE w.annotation_id ="	\
	"   r.annotation_id AND w.withdraws = r.id), r.created_at"	\
	" FROM review r JOIN user u ON u.id = r.reviewer_id"

static void
row_read(sqlite3_stmt *stmt, struct review_row *r)
{
	review_row_release(r);
	r->id = sqlite3_column_int64(stmt, 0);
	r->reviewer_id = sqlite3_column_int64(stmt, 1);
	r->reviewer = column_dup0(stmt, 2);
	r->verdict = (enum review_verdict)review_verdict_from_name(
	    (const char *)sqlite3_column_text(stmt, 3));
	r->comment = column_dup0(stmt, 4);
	r->result = column_dup(stmt, 5);
	r->from_state = annotation_state_from_name((const char *)
	    sqlite3_column_text(stmt, 6));
	r->withdraws = sqlite3_column_int64(stmt, 7);
	r->withdrawn = sqlite3_column_int(stmt, 8);
	r->created_at = column_dup0(stmt, 9);
}

int
store_review_history(struct store *st, int64_t annotation_id,
    int (*fn)(const struct review_row *, void *), void *arg)
{
	struct review_row	 r;
	sqlite3_stmt		*stmt;
	int			 rc;

	stmt = stmt_get(st, ROW_SELECT " WHERE r.annotation_id = ?"
	    " ORDER BY r.id");
	if (stmt == NULL)
		return -1;
	memset(&r, 0, sizeof r);
	sqlite3_bind_int64(stmt, 1, annotation_id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row_read(stmt, &r);
		if (fn(&r, arg) != 0)
			break;
	}
	review_row_release(&r);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "reading a review history");
	return 0;
}

int
store_review_last(struct store *st, int64_t annotation_id,
    struct review_row *r)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, ROW_SELECT " WHERE r.annotation_id = ?"
	    " AND r.verdict IN ('accept','reject','fix','reopen')"
	    " AND NOT EXISTS (SELECT 1 FROM review w WHERE w.annotation_id ="
	    "   r.annotation_id AND w.withdraws = r.id)"
	    " ORDER BY r.id DESC LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation_id);
	if ((rc = stmt_row(st, stmt, "reading a review")) == 1) {
		row_read(stmt, r);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* ---- the acts ---- */

/* The annotation a verdict is about, with its project's name for the
 * audit record: 1, or -1 after reporting (0 is reported as unknown). */
static int
act_target(struct store *st, int64_t id, struct review_annotation *a,
    char *project, size_t len)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if ((rc = store_review_annotation(st, id, a)) == 0)
		return error("there is no annotation %lld", (long long)id);
	if (rc == -1)
		return -1;
	if ((stmt = stmt_get(st, "SELECT name FROM project WHERE id = ?")) ==
	    NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, a->project_id);
	if ((rc = stmt_row(st, stmt, "reading a project")) == 1) {
		snprintf(project, len, "%s", sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	return rc == 1 ? 1 : -1;
}

/*
 * Puts annotation id in state s. An annotation that becomes rejected
 * where the project says on_reject: remove is removed (it counts toward
 * no overlap and leaves its person's queue); any other state, or a
 * rejection under requeue, is not. The task's count of submissions
 * follows whether the annotation counts; done_count is the caller's
 * (task_done_moved).
 */
static int
set_state(struct store *st, int64_t id, enum annotation_state s)
{
	sqlite3_stmt	*stmt;
	int64_t		 task;
	int		 before, after, rc;

	stmt = stmt_get(st, "SELECT a.task_id, a.state IN " STATES_COUNTED_SQL
	    " AND a.removed = 0, ?2 IN " STATES_COUNTED_SQL " AND NOT (?2 ="
	    " 'rejected' AND p.on_reject = 'remove') FROM annotation a"
	    " JOIN task t ON t.id = a.task_id JOIN project p"
	    " ON p.id = t.project_id WHERE a.id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, annotation_state_name(s));
	if ((rc = stmt_row(st, stmt, "reading an annotation")) != 1)
		return rc == 0 ? error("there is no annotation %lld",
		    (long long)id) : -1;
	task = sqlite3_column_int64(stmt, 0);
	before = sqlite3_column_int(stmt, 1);
	after = sqlite3_column_int(stmt, 2);
	sqlite3_reset(stmt);
	stmt = stmt_get(st, "UPDATE annotation SET state = ?,"
	    " removed = ?, updated_at = " NOW_SQL " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, annotation_state_name(s));
	sqlite3_bind_int(stmt, 2, annotation_state_counts(s) && !after);
	sqlite3_bind_int64(stmt, 3, id);
	if (stmt_exec(st, stmt, "changing an annotation's state") == -1)
		return -1;
	if (before == after)
		return 0;
	return task_count_submission(st, task, after - before);
}

static int
write_row(struct store *st, const struct actor *who, int64_t annotation_id,
    enum review_verdict v, const char *comment, const char *result,
    enum annotation_state from, int64_t withdraws, int64_t *id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO review (annotation_id, reviewer_id,"
	    " acted_by, verdict, comment, result, from_state, withdraws,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " NOW_SQL ")");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation_id);
	sqlite3_bind_int64(stmt, 2, who->user_id);
	if (who->real_id > 0 && who->real_id != who->user_id)
		sqlite3_bind_int64(stmt, 3, who->real_id);
	bind_text(stmt, 4, review_verdict_name(v));
	bind_text(stmt, 5, comment != NULL ? comment : "");
	bind_text(stmt, 6, result);
	bind_text(stmt, 7, annotation_state_name(from));
	if (withdraws > 0)
		sqlite3_bind_int64(stmt, 8, withdraws);
	if (stmt_exec(st, stmt, "writing a review") == -1)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static int
audit_review(struct store *st, const struct actor *who, const char *verb,
    const char *project, int64_t annotation_id)
{
	char	action[32], detail[48];

	snprintf(action, sizeof action, "review %s", verb);
	snprintf(detail, sizeof detail, "annotation %lld",
	    (long long)annotation_id);
	return audit_write(st, who, action, project, detail);
}

/* The annotator hears of a rejection, a fix or a comment on their work,
 * in the verdict's transaction (store/notify.h). */
static int
tell_annotator(struct store *st, const struct actor *who,
    const struct review_annotation *a, enum review_verdict v,
    const char *comment)
{
	struct notify_new	n = {
		.user_id = a->user_id,
		.project_id = a->project_id,
		.actor_id = who->user_id,
		.task_id = a->task_id,
		.annotation_id = a->id,
		.body = comment != NULL ? comment : "",
	};

	switch (v) {
	case VERDICT_REJECT:
		n.kind = NOTIFY_REJECTED;
		break;
	case VERDICT_FIX:
		n.kind = NOTIFY_FIXED;
		break;
	case VERDICT_COMMENT:
		n.kind = NOTIFY_COMMENT;
		break;
	default:
		return 0;
	}
	return notify_add(st, &n);
}

int
store_review_act(struct store *st, const struct actor *who,
    int64_t annotation_id, enum review_verdict v, const char *comment,
    const char *result, int64_t *review_id)
{
	struct review_annotation a;
	enum annotation_state	 to = ANN_NONE;
	sqlite3_stmt		*stmt;
	char			 project[256];
	struct review_policy	 pol;
	int			 own, rc = -1, act = verdict_act(v), done;
	long long		 id = (long long)annotation_id;

	memset(&a, 0, sizeof a);
	if (v == VERDICT_WITHDRAW)
		return error("a withdrawal names the verdict it undoes");
	if (tx_enter(st, &own) == -1)
		return -1;
	if (act_target(st, annotation_id, &a, project, sizeof project) != 1)
		goto out;
	if (a.user_id == who->user_id) {
		error("annotation %lld is your own: nobody reviews their own"
		    " work", id);
		goto out;
	}
	if (a.state == ANN_DRAFT || a.state == ANN_SKIPPED) {
		error("annotation %lld is %s: only submitted work is reviewed",
		    id, a.state == ANN_DRAFT ? "a draft" : "skipped");
		goto out;
	}
	if (store_review_policy_get(st, a.project_id, &pol) == -1)
		goto out;
	if ((v == VERDICT_COMMENT || (v == VERDICT_REJECT &&
	    pol.comment_required)) && (comment == NULL || comment[0] == '\0')) {
		if (v == VERDICT_REJECT)
			error("rejecting annotation %lld needs a comment for"
			    " its annotator (--comment TEXT): project %s has"
			    " comment_required", id, project);
		else
			error("commenting on annotation %lld needs a comment"
			    " (--comment TEXT)", id);
		goto out;
	}
	if (v == VERDICT_FIX && (result == NULL || result[0] == '\0')) {
		error("fixing annotation %lld needs a result", id);
		goto out;
	}
	if (act >= 0 && (to = annotation_next(a.state,
	    (enum annotation_act)act)) == ANN_NONE) {
		if (v == VERDICT_REOPEN)
			error("annotation %lld is %s: only a reviewed one is"
			    " reopened", id, annotation_state_name(a.state));
		else
			error("annotation %lld is %s already: reopen it"
			    " first ('scalec review reopen %lld')", id,
			    annotation_state_name(a.state), id);
		goto out;
	}
	if ((done = task_done_get(st, a.task_id)) == -1 ||
	    write_row(st, who, annotation_id, v, comment,
	    v == VERDICT_FIX ? result : NULL, a.state, 0, review_id) == -1 ||
	    (to != ANN_NONE && (set_state(st, annotation_id, to) == -1 ||
	    task_done_moved(st, a.task_id, done, who->user_id) == -1)))
		goto out;
	stmt = stmt_get(st, "DELETE FROM review_lease WHERE task_id = ?"
	    " AND user_id = ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, a.task_id);
	sqlite3_bind_int64(stmt, 2, who->user_id);
	if (stmt_exec(st, stmt, "giving a review lease up") == -1 ||
	    tell_annotator(st, who, &a, v, comment) == -1)
		goto out;
	rc = audit_review(st, who, review_verdict_name(v), project,
	    annotation_id);
out:
	review_annotation_release(&a);
	return tx_leave(st, own, rc);
}

int
store_review_act_all(struct store *st, const struct actor *who,
    const int64_t *ids, size_t n, enum review_verdict v, const char *comment)
{
	size_t	i;
	int	own, rc = 0;

	if (tx_enter(st, &own) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = store_review_act(st, who, ids[i], v, comment, NULL, NULL);
	return tx_leave(st, own, rc);
}

int
store_review_withdraw(struct store *st, const struct actor *who,
    int64_t review_id)
{
	struct review_annotation a;
	struct review_row	 r;
	sqlite3_stmt		*stmt;
	char			 project[256];
	int64_t			 annotation_id = 0;
	int			 own, rc = -1, act, done;
	long long		 id = (long long)review_id;

	memset(&a, 0, sizeof a);
	memset(&r, 0, sizeof r);
	if (tx_enter(st, &own) == -1)
		return -1;
	if ((stmt = stmt_get(st, ROW_SELECT " WHERE r.id = ?")) == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, review_id);
	if ((rc = stmt_row(st, stmt, "reading a review")) != 1) {
		if (rc == 0)
			error("there is no review %lld", id);
		rc = -1;
		goto out;
	}
	row_read(stmt, &r);
	sqlite3_reset(stmt);
	rc = -1;
	stmt = stmt_get(st, "SELECT annotation_id FROM review WHERE id = ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, review_id);
	if ((annotation_id = stmt_int64(st, stmt, "reading a review")) == -1)
		goto out;
	if (r.reviewer_id != who->user_id) {
		error("review %lld is %s's: only its reviewer withdraws it", id,
		    r.reviewer);
		goto out;
	}
	if (r.verdict == VERDICT_WITHDRAW || r.withdrawn) {
		error("review %lld is withdrawn already", id);
		goto out;
	}
	if (act_target(st, annotation_id, &a, project, sizeof project) != 1)
		goto out;
	act = verdict_act(r.verdict);
	if (act >= 0 && annotation_next(r.from_state,
	    (enum annotation_act)act) != a.state) {
		error("annotation %lld has changed since review %lld (it is %s"
		    " now)", (long long)annotation_id, id,
		    annotation_state_name(a.state));
		goto out;
	}
	if ((done = task_done_get(st, a.task_id)) == -1 ||
	    write_row(st, who, annotation_id, VERDICT_WITHDRAW, NULL, NULL,
	    a.state, review_id, NULL) == -1 ||
	    (act >= 0 && (set_state(st, annotation_id, r.from_state) == -1 ||
	    task_done_moved(st, a.task_id, done, who->user_id) == -1)))
		goto out;
	rc = audit_review(st, who, "withdraw", project, annotation_id);
out:
	review_row_release(&r);
	review_annotation_release(&a);
	return tx_leave(st, own, rc);
}

/* ---- final answers ---- */

int
store_review_final(struct store *st, const struct actor *who,
    int64_t task_id, int64_t from_annotation, const char *result)
{
	struct review_annotation a;
	sqlite3_stmt		*stmt;
	char			 project[256], detail[64];
	int			 own, rc = -1, done;

	memset(&a, 0, sizeof a);
	if (tx_enter(st, &own) == -1)
		return -1;
	stmt = stmt_get(st, "SELECT p.name FROM task t JOIN project p"
	    " ON p.id = t.project_id WHERE t.id = ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "reading a task")) != 1) {
		if (rc == 0)
			error("there is no task %lld", (long long)task_id);
		rc = -1;
		goto out;
	}
	snprintf(project, sizeof project, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	rc = -1;
	if (from_annotation > 0) {
		if ((rc = store_review_annotation(st, from_annotation, &a)) !=
		    1 || a.task_id != task_id) {
			if (rc != -1)
				error("task %lld has no annotation %lld",
				    (long long)task_id,
				    (long long)from_annotation);
			rc = -1;
			goto out;
		}
		rc = -1;
		if (!annotation_state_counts(a.state)) {
			error("annotation %lld is %s: a final answer is taken"
			    " from submitted work", (long long)a.id,
			    a.state == ANN_DRAFT ? "a draft" : "skipped");
			goto out;
		}
		result = a.fixed != NULL ? a.fixed : a.result;
	} else if (result == NULL) {
		error("a final answer needs an annotation or a result");
		goto out;
	}
	if ((done = task_done_get(st, task_id)) == -1)
		goto out;
	stmt = stmt_get(st, "INSERT INTO final_answer (task_id, result,"
	    " from_annotation, settled_by, acted_by, created_at)"
	    " VALUES (?, ?, ?, ?, ?, " NOW_SQL ")");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	bind_text(stmt, 2, result);
	if (from_annotation > 0)
		sqlite3_bind_int64(stmt, 3, from_annotation);
	sqlite3_bind_int64(stmt, 4, who->user_id);
	if (who->real_id > 0 && who->real_id != who->user_id)
		sqlite3_bind_int64(stmt, 5, who->real_id);
	if (stmt_exec(st, stmt, "settling a final answer") == -1 ||
	    task_done_moved(st, task_id, done, who->user_id) == -1)
		goto out;
	if (from_annotation > 0)
		snprintf(detail, sizeof detail, "task %lld from annotation"
		    " %lld", (long long)task_id, (long long)from_annotation);
	else
		snprintf(detail, sizeof detail, "task %lld",
		    (long long)task_id);
	rc = audit_write(st, who, "review final", project, detail);
out:
	review_annotation_release(&a);
	return tx_leave(st, own, rc);
}

int
store_review_final_get(struct store *st, int64_t task_id,
    struct review_final *f)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT f.id, f.task_id, f.result,"
	    " coalesce(f.from_annotation, 0), f.settled_by, u.name,"
	    " f.created_at FROM final_answer f JOIN user u"
	    " ON u.id = f.settled_by WHERE f.task_id = ?"
	    " ORDER BY f.id DESC LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "reading a final answer")) == 1) {
		review_final_release(f);
		f->id = sqlite3_column_int64(stmt, 0);
		f->task_id = sqlite3_column_int64(stmt, 1);
		f->result = column_dup0(stmt, 2);
		f->from_annotation = sqlite3_column_int64(stmt, 3);
		f->settled_by = sqlite3_column_int64(stmt, 4);
		f->settled_by_name = column_dup0(stmt, 5);
		f->created_at = column_dup0(stmt, 6);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* Added for the review screen (p, Backspace and u open an item again):
 * the reviewer's lease on the task again, unless another reviewer's live
 * lease holds it. */
int
store_review_take(struct store *st, int64_t reviewer_id, int64_t task_id,
    int lease_seconds)
{
	sqlite3_stmt	*stmt;
	int64_t		 now = store_now(), held;
	int		 own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	stmt = stmt_get(st, "SELECT count(*) FROM review_lease WHERE"
	    " task_id = ? AND user_id <> ? AND expires_at > ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, reviewer_id);
	sqlite3_bind_int64(stmt, 3, now);
	if ((held = stmt_int64(st, stmt, "reading a review lease")) == -1)
		goto out;
	if (held > 0) {
		rc = 0;
		goto out;
	}
	if (store_review_release(st, reviewer_id) == -1)
		goto out;
	stmt = stmt_get(st, "INSERT INTO review_lease (task_id, user_id,"
	    " expires_at) VALUES (?, ?, ?) ON CONFLICT (task_id) DO UPDATE"
	    " SET user_id = excluded.user_id, expires_at = excluded.expires_at");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	sqlite3_bind_int64(stmt, 2, reviewer_id);
	sqlite3_bind_int64(stmt, 3, now + (lease_seconds > 0 ? lease_seconds :
	    1800));
	rc = stmt_exec(st, stmt, "taking a review lease") == -1 ? -1 : 1;
out:
	return tx_leave(st, own, rc);
}

/* The lease on annotation id's task taken again in the caller's unit:
 * store_review_take's answer. */
static int
keep_task(struct store *st, int64_t reviewer_id, int64_t annotation_id,
    int lease_seconds)
{
	sqlite3_stmt	*stmt;
	int64_t		 task;

	stmt = stmt_get(st, "SELECT task_id FROM annotation WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, annotation_id);
	if ((task = stmt_int64(st, stmt, "reading an annotation")) == -1)
		return -1;
	return store_review_take(st, reviewer_id, task, lease_seconds);
}

int
store_review_act_keep(struct store *st, const struct actor *who,
    int64_t annotation_id, enum review_verdict v, const char *comment,
    const char *result, int lease_seconds, int64_t *review_id)
{
	int	own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = store_review_act(st, who, annotation_id, v, comment, result,
	    review_id)) == 0)
		rc = keep_task(st, who->user_id, annotation_id, lease_seconds);
	return tx_leave(st, own, rc);
}

int
store_review_withdraw_keep(struct store *st, const struct actor *who,
    int64_t review_id, int lease_seconds)
{
	sqlite3_stmt	*stmt;
	int64_t		 annotation_id;
	int		 own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (store_review_withdraw(st, who, review_id) == -1)
		goto out;
	stmt = stmt_get(st, "SELECT annotation_id FROM review WHERE id = ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, review_id);
	if ((annotation_id = stmt_int64(st, stmt, "reading a review")) != -1)
		rc = keep_task(st, who->user_id, annotation_id, lease_seconds);
out:
	return tx_leave(st, own, rc);
}
