/* Export: tasks are read with one statement, in id order, and each task's
 * predictions and annotations with two more while it is current; only one
 * task's annotations are ever copied into memory. The task's own strings
 * (a text may be megabytes) are borrowed from SQLite, not copied. */
#include <stdlib.h>
#include <string.h>

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
}

static int
load_predictions(struct store *st, int64_t task, struct walk *w)
{
	struct out_prediction	*p;
	sqlite3_stmt		*stmt;
	int			 rc;

	stmt = stmt_get(st, "SELECT model, score, result, created_at FROM"
	    " prediction WHERE task_id = ? ORDER BY id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ARRAY_GROW(w->preds, w->npreds + 1, w->apreds);
		p = &w->preds[w->npreds++];
		p->model = column_dup0(stmt, 0);
		p->has_score = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		p->score = sqlite3_column_double(stmt, 1);
		p->result = column_dup0(stmt, 2);
		p->created_at = column_dup0(stmt, 3);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "exporting predictions");
	return 0;
}

/* The filter as parameters 2 to 4; since is its time, stored form. */
static void
bind_filter(sqlite3_stmt *stmt, const struct export_filter *flt,
    const char *since)
{
	bind_text(stmt, 2, flt->state);
	bind_text(stmt, 3, flt->user);
	bind_text(stmt, 4, flt->has_since ? since : NULL);
}

static int
load_annotations(struct store *st, int64_t task,
    const struct export_filter *flt, const char *since, struct walk *w)
{
	struct out_annotation	*a;
	sqlite3_stmt		*stmt;
	int			 rc;

	/* Driven by the task's annotations, whatever the planner's stats. */
	stmt = stmt_get(st, "SELECT (SELECT name FROM user"
	    " WHERE id = a.user_id), a.state, a.result, a.lead_time,"
	    " a.created_at, a.updated_at, a.late, a.from_prediction, a.id,"
	    " CASE WHEN a.state = 'fixed' THEN (SELECT r.result FROM review r"
	    "   WHERE r.annotation_id = a.id AND r.verdict = 'fix'"
	    "   AND NOT EXISTS (SELECT 1 FROM review x WHERE"
	    "   x.annotation_id = a.id AND x.withdraws = r.id)"
	    "   ORDER BY r.id DESC LIMIT 1) END,"
	    " (SELECT json_group_array(json_object('reviewer', u.name,"
	    "   'verdict', r.verdict, 'comment', r.comment, 'at', r.created_at))"
	    "   FROM review r JOIN user u ON u.id = r.reviewer_id"
	    "   WHERE r.annotation_id = a.id HAVING count(*) > 0)"
	    " FROM annotation a"
	    " WHERE a.task_id = ?1 AND (?2 IS NULL OR a.state = ?2)"
	    " AND (?3 IS NULL OR a.user_id = (SELECT id FROM user"
	    " WHERE name = ?3)) AND (?4 IS NULL OR a.updated_at >= ?4)"
	    " ORDER BY a.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task);
	bind_filter(stmt, flt, since);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ARRAY_GROW(w->anns, w->nanns + 1, w->aanns);
		a = &w->anns[w->nanns++];
		a->user = column_dup0(stmt, 0);
		a->state = column_dup0(stmt, 1);
		a->result = column_dup0(stmt, 2);
		a->lead_time = sqlite3_column_double(stmt, 3);
		a->created_at = column_dup0(stmt, 4);
		a->updated_at = column_dup0(stmt, 5);
		a->late = sqlite3_column_int(stmt, 6);
		a->from_prediction = sqlite3_column_int(stmt, 7);
		a->id = sqlite3_column_int64(stmt, 8);
		a->fixed = column_dup(stmt, 9);
		a->reviews = column_dup(stmt, 10);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "exporting annotations");
	return 0;
}

static const char *
column_str(sqlite3_stmt *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

int
store_export(struct store *st, int64_t project_id,
    const struct export_filter *flt,
    int (*fn)(const struct out_task *, void *), void *arg)
{
	static const struct export_filter	 none = EXPORT_FILTER_INIT;
	struct walk				 w = { 0 };
	char					 since[CLOCK_ISO_LEN];
	struct out_task				 t;
	sqlite3_stmt				*stmt;
	int					 rc = SQLITE_DONE, stop = 0;

	if (flt == NULL)
		flt = &none;
	if (flt->has_since)
		clock_iso(flt->since, since);
	/* In rowid order: a walk of the table, with no sort to spill. */
	stmt = stmt_get(st, "SELECT t.id, t.ext_id, t.kind, t.text, t.image,"
	    " t.width, t.height, t.meta, t.priority FROM task t"
	    " WHERE t.project_id = ?1" VISIBLE_SQL("t", "?1")
	    " AND ((?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL) OR EXISTS"
	    " (SELECT 1 FROM annotation a WHERE a.task_id = t.id"
	    " AND (?2 IS NULL OR a.state = ?2) AND (?3 IS NULL OR"
	    " a.user_id = (SELECT id FROM user WHERE name = ?3))"
	    " AND (?4 IS NULL OR a.updated_at >= ?4)))"
	    " ORDER BY t.id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	bind_filter(stmt, flt, since);
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
		if (load_predictions(st, t.id, &w) == -1 ||
		    load_annotations(st, t.id, flt, since, &w) == -1) {
			stop = -1;
			break;
		}
		t.predictions = w.preds;
		t.npredictions = w.npreds;
		t.annotations = w.anns;
		t.nannotations = w.nanns;
		stop = fn(&t, arg);
		walk_clear(&w);
	}
	if (!stop && rc != SQLITE_DONE)
		stop = store_error(st, "exporting tasks");
	sqlite3_reset(stmt);
	walk_clear(&w);
	free(w.preds);
	free(w.anns);
	return stop;
}
