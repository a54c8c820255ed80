/* Predictions in the store: a model's suggested results for a task, the
 * first of which the labeler opens as a suggestion; and a results file's
 * predictions added to the tasks a project has (store_predictions_attach:
 * checked and staged in a TEMP table first, so that the write lock is
 * held for the one statement that copies them, as an import's publish
 * holds it for its staged predictions). */
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/record.h"
#include "store/import.h"
#include "store/internal.h"
#include "store/prediction.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/jsonout.h"

void
suggestion_release(struct suggestion *s)
{
	free(s->result);
	free(s->model);
	*s = (struct suggestion)SUGGESTION_INIT;
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

int
store_prediction_task(struct store *st, int64_t project_id,
    const char *ext_id, int64_t *id, int *width, int *height)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT t.id, " TASK_LIVE("t", "kind") ", "
	    TASK_LIVE("t", "width") ", " TASK_LIVE("t", "height")
	    " FROM task t" TASK_LIVE_JOIN("t") " WHERE t.project_id = ?1"
	    " AND t.ext_id = ?2" VISIBLE_SQL("t", "?1"));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_text(stmt, 2, ext_id, -1, SQLITE_STATIC);
	if ((rc = stmt_row(st, stmt, "looking up a task id")) == 1) {
		*id = sqlite3_column_int64(stmt, 0);
		*width = *height = 0;
		if (strcmp((const char *)sqlite3_column_text(stmt, 1),
		    "image") == 0) {
			*width = sqlite3_column_int(stmt, 2);
			*height = sqlite3_column_int(stmt, 3);
		}
		sqlite3_reset(stmt);
	}
	return rc;
}

static const char attach_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS attach_stage ("
	"  seq INTEGER PRIMARY KEY, task_id INTEGER NOT NULL,"
	"  model TEXT NOT NULL, score REAL, result TEXT NOT NULL);"
	"DELETE FROM temp.attach_stage;";

/* One record's predictions, checked and staged. */
static int
attach_stage(struct store *st, const struct import_opts *o,
    const struct record *rec, struct import_stats *stats)
{
	struct answer_task	 rt;
	sqlite3_stmt		*stmt;
	json_t			*e, *v;
	char			*text, err[512];
	int64_t			 task;
	size_t			 i;
	int			 rc;

	if (rec->ext_id == NULL || rec->predictions == NULL)
		return error("%s:%lu: a prediction needs the id of its task",
		    o->name, rec->line);
	memset(&rt, 0, sizeof rt);
	if ((rc = store_prediction_task(st, o->project_id, rec->ext_id, &task,
	    &rt.width, &rt.height)) != 1)
		return rc == 0 ? error("%s:%lu: id '%s' is no task of project"
		    " '%s'", o->name, rec->line, rec->ext_id, o->project) : -1;
	json_array_foreach(rec->predictions, i, e) {
		v = json_object_get(e, "result");
		if (answer_check(o->cfg, v, &rt, ANSWER_ALLOW_RETIRED, err,
		    sizeof err) == -1)
			return error("%s:%lu: prediction %zu: %s", o->name,
			    rec->line, i + 1, err);
		stmt = stmt_get(st, "INSERT INTO temp.attach_stage (task_id,"
		    " model, score, result) VALUES (?, ?, ?, ?)");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, task);
		sqlite3_bind_text(stmt, 2, json_is_string(json_object_get(e,
		    "model")) ? json_string_value(json_object_get(e, "model")) :
		    "", -1, SQLITE_TRANSIENT);
		if (json_is_number(json_object_get(e, "score")))
			sqlite3_bind_double(stmt, 3, json_number_value(
			    json_object_get(e, "score")));
		text = jsonout_dumps(v, JSON_COMPACT);
		sqlite3_bind_text(stmt, 4, text, -1, free);
		if (stmt_exec(st, stmt, "staging a prediction") == -1)
			return -1;
		stats->predictions++;
	}
	stats->updated++;
	return 0;
}

int
store_predictions_attach(struct store *st, const struct actor *a,
    const struct import_opts *o, struct import_stats *stats,
    int64_t *replaced)
{
	struct record	 rec;
	struct buf	 detail = BUF_INIT;
	sqlite3_stmt	*stmt;
	char		 now[CLOCK_ISO_LEN];
	int		 rc, own = !st->in_tx;

	memset(stats, 0, sizeof *stats);
	*replaced = 0;
	if (sqlite3_exec(st->db, attach_sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(st, "staging predictions");
	while ((o->stop == NULL || !*o->stop) &&
	    (rc = o->next(o->arg, &rec)) == 1)
		if (attach_stage(st, o, &rec, stats) == -1)
			return -1;
	if (o->stop != NULL && *o->stop)
		return error("%s: interrupted: nothing was imported", o->name);
	if (rc == -1 || o->dry_run)
		return rc;
	if (own && store_begin(st) == -1)
		return -1;
	stmt = stmt_get(st, "DELETE FROM prediction WHERE task_id IN (SELECT"
	    " task_id FROM temp.attach_stage) AND model IN (SELECT model FROM"
	    " temp.attach_stage s WHERE s.task_id = prediction.task_id)");
	if (stmt == NULL || stmt_exec(st, stmt, "replacing predictions") == -1)
		goto fail;
	*replaced = sqlite3_changes(st->db);
	stmt = stmt_get(st, "INSERT INTO prediction (task_id, model, score,"
	    " result, created_at) SELECT s.task_id, s.model, s.score, s.result,"
	    " ? FROM temp.attach_stage s JOIN task t ON t.id = s.task_id"
	    " ORDER BY s.seq");
	if (stmt == NULL)
		goto fail;
	sqlite3_bind_text(stmt, 1, clock_iso(clock_now(), now), -1,
	    SQLITE_STATIC);
	if (stmt_exec(st, stmt, "importing predictions") == -1)
		goto fail;
	if (sqlite3_changes(st->db) != stats->predictions) {
		error("%s: some of its tasks were removed while it was read;"
		    " nothing was imported", o->name);
		goto fail;
	}
	buf_printf(&detail, "%lld prediction%s for %lld task%s (%lld"
	    " replaced) from %s", (long long)stats->predictions,
	    stats->predictions == 1 ? "" : "s", (long long)stats->updated,
	    stats->updated == 1 ? "" : "s", (long long)*replaced,
	    o->source != NULL ? o->source : o->name);
	if (audit_write(st, a, o->action, o->project, buf_str(&detail)) == -1)
		goto fail;
	buf_release(&detail);
	sqlite3_exec(st->db, "DELETE FROM temp.attach_stage", NULL, NULL, NULL);
	return own ? store_commit(st) : 0;
fail:
	buf_release(&detail);
	if (own)
		store_rollback(st);
	return -1;
}
