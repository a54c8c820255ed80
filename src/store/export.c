/* Export: tasks are read with one statement, in id order, and beside it
 * three more walk the predictions, annotations and final answers of the
 * project's range of task ids in the same order (a merge in C: no
 * statement is run per task, and no index is probed for a task that has
 * none); only one task's annotations are ever copied into memory. The
 * task's own strings (a text may be megabytes) are borrowed from SQLite,
 * not copied. All in one read transaction. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/record.h"
#include "store/export.h"
#include "store/internal.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/xmalloc.h"

struct walk {
	struct out_prediction	*preds;
	size_t			 npreds, apreds;
	struct out_annotation	*anns;
	size_t			 nanns, aanns;
	struct out_final	 final;
	int			 has_final;
};

static void
walk_clear(struct walk *w)
{
	size_t	i;

	for (i = 0; i < w->npreds; i++) {
		free((char *)w->preds[i].model);
		free((char *)w->preds[i].result);
		free((char *)w->preds[i].created_at);
	}
	for (i = 0; i < w->nanns; i++) {
		free((char *)w->anns[i].user);
		free((char *)w->anns[i].state);
		free((char *)w->anns[i].result);
		free((char *)w->anns[i].created_at);
		free((char *)w->anns[i].updated_at);
		free((char *)w->anns[i].fixed);
		free((char *)w->anns[i].reviews);
	}
	w->npreds = w->nanns = 0;
	if (w->has_final) {
		free((char *)w->final.result);
		free((char *)w->final.settled_by);
		free((char *)w->final.created_at);
		memset(&w->final, 0, sizeof w->final);
		w->has_final = 0;
	}
}

/*
 * A statement walked beside the tasks: its rows are in task order, the
 * task id in column 0. rc is the last step's (SQLITE_ROW while a row is
 * there).
 */
struct beside {
	sqlite3_stmt	*stmt;
	int		 rc;
	const char	*what;
};

static int
beside_step(struct store *st, struct beside *b)
{
	b->rc = sqlite3_step(b->stmt);
	if (b->rc != SQLITE_ROW && b->rc != SQLITE_DONE)
		return store_error(st, b->what);
	return 0;
}

/* 1 when the current row is task's (rows of tasks before it, which the
 * export leaves out, are passed over), 0 when it has none, -1. */
static int
beside_at(struct store *st, struct beside *b, int64_t task)
{
	int64_t	id;

	while (b->rc == SQLITE_ROW) {
		id = sqlite3_column_int64(b->stmt, 0);
		if (id == task)
			return 1;
		if (id > task)
			return 0;
		if (beside_step(st, b) == -1)
			return -1;
	}
	return 0;
}

static int
load_predictions(struct store *st, struct beside *b, int64_t task,
    struct walk *w)
{
	struct out_prediction	*p;
	sqlite3_stmt		*stmt = b->stmt;
	int			 rc;

	while ((rc = beside_at(st, b, task)) == 1) {
		ARRAY_GROW(w->preds, w->npreds + 1, w->apreds);
		p = &w->preds[w->npreds++];
		p->model = column_dup0(stmt, 1);
		p->has_score = sqlite3_column_type(stmt, 2) != SQLITE_NULL;
		p->score = sqlite3_column_double(stmt, 2);
		p->result = column_dup0(stmt, 3);
		p->created_at = column_dup0(stmt, 4);
		if (beside_step(st, b) == -1)
			return -1;
	}
	return rc;
}

/* The filter as parameters 2 to 5; since is its time, stored form. */
static void
bind_filter(sqlite3_stmt *stmt, const struct export_filter *flt,
    const char *since)
{
	bind_text(stmt, 2, flt->state);
	bind_text(stmt, 3, flt->user);
	bind_text(stmt, 4, flt->has_since ? since : NULL);
	sqlite3_bind_int(stmt, 5, (int)flt->annotations);
}

/* The annotations of the tasks from ?1 to ?6 in task order, with the
 * filter as parameters 2 to 5 (bind_filter); a task's own in no order:
 * load_annotations sorts them. ?7 is 0 when the database has no review
 * at all: then no annotation looks for its own. */
static sqlite3_stmt *
annotations_stmt(struct store *st)
{
	/* The user's name by a join (the annotation outermost, a LEFT
	 * JOIN keeps it so): a subquery's program per row cost more. */
	return stmt_get(st, "SELECT a.task_id, u.name, a.state, a.result, a.lead_time,"
	    " a.created_at, a.updated_at, a.late, a.from_prediction, a.id,"
	    " CASE WHEN ?7 AND a.state = 'fixed' THEN (SELECT r.result"
	    "   FROM review r"
	    "   WHERE r.annotation_id = a.id AND r.verdict = 'fix'"
	    "   AND NOT EXISTS (SELECT 1 FROM review x WHERE"
	    "   x.annotation_id = a.id AND x.withdraws = r.id)"
	    "   ORDER BY r.id DESC LIMIT 1) END,"
	    /* The history in order: a fix with its result, a withdrawal
	     * with the place in this list of the row it undoes. */
	    " CASE WHEN ?7 THEN (SELECT json_group_array(json(j)) FROM"
	    "   (SELECT CASE"
	    "   WHEN r.verdict = 'fix' AND r.result IS NOT NULL"
	    "   THEN json_insert(o, '$.result', json(r.result))"
	    "   WHEN r.withdraws IS NOT NULL"
	    "   THEN json_insert(o, '$.withdraws', (SELECT count(*) FROM"
	    "   review y WHERE y.annotation_id = r.annotation_id"
	    "   AND y.id <= r.withdraws)) ELSE o END AS j"
	    "   FROM (SELECT r.*, json_object('reviewer', u.name,"
	    "   'verdict', r.verdict, 'comment', r.comment, 'at', r.created_at,"
	    "   'from_state', r.from_state) AS o"
	    "   FROM review r JOIN user u ON u.id = r.reviewer_id"
	    "   WHERE r.annotation_id = a.id ORDER BY r.id) r ORDER BY r.id)"
	    "   HAVING count(*) > 0) END, a.removed"
	    " FROM annotation a INDEXED BY sqlite_autoindex_annotation_1"
	    " LEFT JOIN user u ON u.id = a.user_id"
	    " WHERE a.task_id BETWEEN ?1 AND ?6"
	    " AND (?2 IS NULL OR a.state = ?2)"
	    " AND (?5 <> 1 OR a.state IN ('accepted', 'fixed'))"
	    " AND (?5 <> 3 OR (a.state IN ('submitted', 'accepted', 'fixed')"
	    " AND a.removed = 0))"
	    " AND (?3 IS NULL OR a.user_id = (SELECT id FROM user"
	    " WHERE name = ?3)) AND (?4 IS NULL OR a.updated_at >= ?4)"
	    " ORDER BY a.task_id");
}

static int
load_annotations(struct store *st, struct beside *b, int64_t task,
    const struct export_filter *flt, struct walk *w)
{
	struct out_annotation	*a, tmp;
	sqlite3_stmt		*stmt = b->stmt;
	size_t			 i, j;
	int			 rc;

	while ((rc = beside_at(st, b, task)) == 1) {
		ARRAY_GROW(w->anns, w->nanns + 1, w->aanns);
		a = &w->anns[w->nanns++];
		memset(a, 0, sizeof *a);
		a->user = column_dup0(stmt, 1);
		a->state = column_dup0(stmt, 2);
		a->result = column_dup0(stmt, 3);
		a->lead_time = sqlite3_column_double(stmt, 4);
		a->created_at = column_dup0(stmt, 5);
		a->updated_at = column_dup0(stmt, 6);
		a->late = sqlite3_column_int(stmt, 7);
		a->from_prediction = sqlite3_column_int(stmt, 8);
		a->id = sqlite3_column_int64(stmt, 9);
		a->fixed = column_dup(stmt, 10);
		a->reviews = column_dup(stmt, 11);
		a->removed = sqlite3_column_int(stmt, 12);
		if (flt->annotations != EXPORT_ALL && a->fixed != NULL) {
			/* Accepted and final exports use the fix. */
			free((char *)a->result);
			a->result = a->fixed;
			a->fixed = NULL;
		}
		if (beside_step(st, b) == -1)
			return -1;
	}
	/* In id order, as they were made (a handful: insertion). */
	for (i = 1; i < w->nanns; i++)
		for (j = i; j > 0 && w->anns[j - 1].id > w->anns[j].id; j--) {
			tmp = w->anns[j];
			w->anns[j] = w->anns[j - 1];
			w->anns[j - 1] = tmp;
		}
	return rc;
}

static const char *
column_str(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

/* The task's final answer in force, the newest (store/review.h): the
 * last of its rows, which come in id order. */
static int
load_final(struct store *st, struct beside *b, int64_t task,
    struct walk *w)
{
	sqlite3_stmt	*stmt = b->stmt;
	int		 rc;

	while ((rc = beside_at(st, b, task)) == 1) {
		if (w->has_final) {
			free((char *)w->final.result);
			free((char *)w->final.settled_by);
			free((char *)w->final.created_at);
		}
		w->final.result = column_dup0(stmt, 1);
		w->final.settled_by = column_dup0(stmt, 2);
		w->final.from_annotation = sqlite3_column_int64(stmt, 3);
		w->final.created_at = column_dup0(stmt, 4);
		w->has_final = 1;
		if (beside_step(st, b) == -1)
			return -1;
	}
	return rc;
}

/* 1 when two stored results are the same JSON (key order aside). */
static int
same_result(const char *x, const char *y)
{
	json_t	*a, *b;
	int	 same;

	if (strcmp(x, y) == 0)
		return 1;
	a = json_loads(x, JSON_DECODE_ANY, NULL);
	b = json_loads(y, JSON_DECODE_ANY, NULL);
	same = a != NULL && b != NULL && json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return same;
}

static int
has_annotation(const struct walk *w, int64_t id)
{
	size_t	i;

	for (i = 0; i < w->nanns; i++)
		if (w->anns[i].id == id)
			return 1;
	return 0;
}

static void
swap_first(struct walk *w, size_t i)
{
	struct out_annotation	tmp;

	tmp = w->anns[0];
	w->anns[0] = w->anns[i];
	w->anns[i] = tmp;
}

/*
 * EXPORT_FINAL: puts the task's one result first and returns 1 (write
 * one annotation), 0 when its accepted results differ and nothing is
 * settled (the task is left out), -1 when it has none. The walk keeps every row it loaded, so
 * walk_clear frees them all.
 */
static int
pick_final(struct walk *w)
{
	struct out_annotation	*a;
	size_t			 i, first = SIZE_MAX;

	if (w->has_final) {
		for (i = 0; i < w->nanns; i++)
			if (w->final.from_annotation > 0 &&
			    w->anns[i].id == w->final.from_annotation)
				break;
		if (i == w->nanns) {
			/* Settled by hand: in the settler's name. */
			ARRAY_GROW(w->anns, w->nanns + 1, w->aanns);
			a = &w->anns[w->nanns++];
			memset(a, 0, sizeof *a);
			a->user = xstrdup(w->final.settled_by);
			a->state = xstrdup("accepted");
			a->created_at = xstrdup(w->final.created_at);
			a->updated_at = xstrdup(w->final.created_at);
		} else {
			a = &w->anns[i];
			free((char *)a->result);
			free((char *)a->fixed);
			a->fixed = NULL;
		}
		a->result = xstrdup(w->final.result);
		swap_first(w, (size_t)(a - w->anns));
		return 1;
	}
	for (i = 0; i < w->nanns; i++) {
		a = &w->anns[i];
		if (strcmp(a->state, "accepted") != 0 &&
		    strcmp(a->state, "fixed") != 0)
			continue;
		if (first == SIZE_MAX)
			first = i;
		else if (!same_result(w->anns[first].result, a->result))
			return 0;
	}
	if (first == SIZE_MAX)
		return -1;
	swap_first(w, first);
	return 1;
}

/* Starts the statements beside the tasks on the project's range of
 * task ids, [lo, hi], which goes in range_out: 0, or -1 with the others
 * reset. */
static int
beside_open(struct store *st, int64_t project_id,
    const struct export_filter *flt, const char *since, struct beside b[3],
    int64_t range_out[2])
{
	sqlite3_stmt	*range, *any;
	int64_t		 lo = 1, hi = 0;
	int		 i, rc, any_review;

	/* Two subqueries: each an end of the index, where one query
	 * asking both would read all of the project's entries. */
	range = stmt_get(st, "SELECT (SELECT min(id) FROM task WHERE"
	    " project_id = ?1), (SELECT max(id) FROM task WHERE"
	    " project_id = ?1)");
	if (range == NULL)
		return -1;
	sqlite3_bind_int64(range, 1, project_id);
	if ((rc = stmt_row(st, range, "exporting tasks")) == -1)
		return -1;
	if (rc == 1 && sqlite3_column_type(range, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(range, 0);
		hi = sqlite3_column_int64(range, 1);
	}
	sqlite3_reset(range);
	range_out[0] = lo;
	range_out[1] = hi;
	any = stmt_get(st, "SELECT EXISTS (SELECT 1 FROM review)");
	if (any == NULL || (rc = stmt_row(st, any, "exporting reviews")) == -1)
		return -1;
	any_review = rc == 1 && sqlite3_column_int(any, 0);
	sqlite3_reset(any);
	/* Each walks its index on task_id, in that order: no sort, whatever
	 * the planner would guess (CROSS JOIN keeps it outermost). */
	b[0].stmt = stmt_get(st, "SELECT task_id, model, score, result,"
	    " created_at FROM prediction INDEXED BY prediction_task"
	    " WHERE task_id BETWEEN ?1 AND ?2"
	    " ORDER BY task_id, id");
	b[0].what = "exporting predictions";
	b[1].stmt = annotations_stmt(st);
	b[1].what = "exporting annotations";
	b[2].stmt = stmt_get(st, "SELECT f.task_id, f.result, u.name,"
	    " coalesce(f.from_annotation, 0), f.created_at FROM final_answer f"
	    " INDEXED BY final_answer_task"
	    " CROSS JOIN user u ON u.id = f.settled_by"
	    " WHERE f.task_id BETWEEN ?1 AND ?2 ORDER BY f.task_id, f.id");
	b[2].what = "exporting a final answer";
	for (i = 0; i < 3; i++)
		if (b[i].stmt == NULL)
			goto fail;
	sqlite3_bind_int64(b[0].stmt, 1, lo);
	sqlite3_bind_int64(b[0].stmt, 2, hi);
	sqlite3_bind_int64(b[1].stmt, 1, lo);
	bind_filter(b[1].stmt, flt, since);
	sqlite3_bind_int64(b[1].stmt, 6, hi);
	sqlite3_bind_int(b[1].stmt, 7, any_review);
	sqlite3_bind_int64(b[2].stmt, 1, lo);
	sqlite3_bind_int64(b[2].stmt, 2, hi);
	for (i = 0; i < 3; i++)
		if (beside_step(st, &b[i]) == -1)
			goto fail;
	return 0;
fail:
	for (i = 0; i < 3; i++)
		if (b[i].stmt != NULL)
			sqlite3_reset(b[i].stmt);
	return -1;
}

/* The tasks to export, COL(name) each column of a task's content: the
 * table's rows from the project's first task to its last (?6, ?7), in
 * rowid order, read in turn with no sort to spill and no seek for each
 * (an index of the project's would need one per task). */
#define EXPORT_TASKS_SQL(COL, JOIN)					\
	"SELECT t.id, t.ext_id, " COL("kind") ", " COL("text") ", "	\
	COL("image") ", " COL("width") ", " COL("height") ", "		\
	COL("meta") ", t.priority, t.gold, " COL("tokens")		\
	" FROM task t NOT INDEXED" JOIN " WHERE t.id BETWEEN ?6 AND ?7"	\
	" AND t.project_id = ?1"					\
	VISIBLE_SQL("t", "?1")						\
	" AND ((?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 = 0)"	\
	" OR EXISTS (SELECT 1 FROM annotation a WHERE a.task_id = t.id"	\
	" AND (?2 IS NULL OR a.state = ?2) AND (?3 IS NULL OR"		\
	" a.user_id = (SELECT id FROM user WHERE name = ?3))"		\
	" AND (?4 IS NULL OR a.updated_at >= ?4)"			\
	" AND (?5 = 0 OR (?5 = 3 AND a.state = 'submitted'"		\
	" AND a.removed = 0) OR a.state IN ('accepted', 'fixed')))"	\
	" OR (?5 >= 2 AND EXISTS (SELECT 1 FROM final_answer f"		\
	" WHERE f.task_id = t.id)))"					\
	" ORDER BY t.id"
#define EXPORT_LIVE(col)	TASK_LIVE("t", col)
#define EXPORT_AS_IS(col)	"t." col

static int
export_walk(struct store *st, int64_t project_id,
    const struct export_filter *flt,
    int (*fn)(const struct out_task *, void *), void *arg)
{
	static const struct export_filter	 none = EXPORT_FILTER_INIT;
	struct walk				 w = { 0 };
	char					 since[CLOCK_ISO_LEN];
	struct out_task				 t;
	struct beside				 b[3] = { { 0 } };
	sqlite3_stmt				*stmt, *live;
	int64_t					 range[2];
	int					 rc = SQLITE_DONE, stop = 0, pick;
	int					 i;

	if (flt == NULL)
		flt = &none;
	if (flt->has_since)
		clock_iso(flt->since, since);
	if (beside_open(st, project_id, flt, since, b, range) == -1)
		return -1;
	live = stmt_get(st, "SELECT EXISTS (SELECT 1 FROM task_update)");
	if (live == NULL || (rc = stmt_row(st, live, "exporting tasks")) == -1)
		goto fail;
	rc = rc == 1 && sqlite3_column_int(live, 0);
	sqlite3_reset(live);
	/* A task's columns as readers see them (TASK_LIVE) only while an
	 * --update is folded in, and else as they are. */
	if (rc)
		stmt = stmt_get(st, EXPORT_TASKS_SQL(EXPORT_LIVE,
		    TASK_LIVE_JOIN("t")));
	else
		stmt = stmt_get(st, EXPORT_TASKS_SQL(EXPORT_AS_IS, ""));
	rc = SQLITE_DONE;
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_int64(stmt, 1, project_id);
	bind_filter(stmt, flt, since);
	sqlite3_bind_int64(stmt, 6, range[0]);
	sqlite3_bind_int64(stmt, 7, range[1]);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		memset(&t, 0, sizeof t);
		t.id = sqlite3_column_int64(stmt, 0);
		t.ext_id = column_str(stmt, 1);
		t.kind = column_str(stmt, 2);
		t.text = column_str(stmt, 3);
		t.image = column_str(stmt, 4);
		t.width = sqlite3_column_int(stmt, 5);
		t.height = sqlite3_column_int(stmt, 6);
		t.meta = column_str(stmt, 7);
		t.priority = sqlite3_column_int64(stmt, 8);
		t.gold = column_str(stmt, 9);
		t.tokens = column_str(stmt, 10);
		if (load_predictions(st, &b[0], t.id, &w) == -1 ||
		    load_annotations(st, &b[1], t.id, flt, &w) == -1 ||
		    load_final(st, &b[2], t.id, &w) == -1) {
			stop = -1;
			break;
		}
		t.predictions = w.preds;
		t.npredictions = w.npreds;
		t.annotations = w.anns;
		t.nannotations = w.nanns;
		t.final = w.has_final ? &w.final : NULL;
		if (flt->annotations == EXPORT_ACCEPTED && w.has_final &&
		    !has_annotation(&w, w.final.from_annotation))
			w.final.from_annotation = 0;	/* not written */
		if (flt->annotations == EXPORT_FINAL) {
			t.nannotations = 1;
			if ((pick = pick_final(&w)) != 1) {
				if (pick == 0 && flt->left_out != NULL)
					flt->left_out(t.id, arg);
				walk_clear(&w);
				continue;
			}
			t.annotations = w.anns;
		}
		stop = fn(&t, arg);
		walk_clear(&w);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = store_error(st, "exporting tasks");
	sqlite3_reset(stmt);
	for (i = 0; i < 3; i++)
		sqlite3_reset(b[i].stmt);
	walk_clear(&w);
	free(w.preds);
	free(w.anns);
	return stop;
fail:
	for (i = 0; i < 3; i++)
		sqlite3_reset(b[i].stmt);
	return -1;
}

int
store_export(struct store *st, int64_t project_id,
    const struct export_filter *flt,
    int (*fn)(const struct out_task *, void *), void *arg)
{
	int	own = sqlite3_get_autocommit(st->db), rc;

	/* One read transaction (unless the caller's): the statements of
	 * the walk, and the test of task_update, read one snapshot. */
	if (own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_error(st, "exporting tasks");
	rc = export_walk(st, project_id, flt, fn, arg);
	if (own && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		if (rc == 0)
			rc = store_error(st, "exporting tasks");
	}
	return rc;
}
