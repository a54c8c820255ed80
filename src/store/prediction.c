/* Predictions in the store: a model's suggested results for a task, the
 * first of which the labeler opens as a suggestion. */
#include <stdlib.h>

#include "store/internal.h"
#include "store/prediction.h"

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
