/* The quality figures' reader (store/quality.h): the project's tasks in
 * id order (task_project) merged with the annotations in (task_id,
 * user_id) order, so the rows come grouped by task and sorted by person
 * without a sort; a task's rows are gathered and handed over, then
 * forgotten. The result goes out as the text it is stored as: cutting
 * the control out in SQL (->, json_extract) parsed every result once
 * more and cost 40% of the query's CPU; the answer model's scan finds
 * the control in the text for less. */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/quality.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * The answers in force, read as three streams merged in C: the
 * project's task ids (task_project, covering), its gold task ids
 * (task_gold, covering) and the annotations over the project's range of
 * task ids in (task_id, user_id) order. One joined statement sought the
 * annotation key once per task and cost 0.6 s more on a million tasks.
 * Gold tasks are left out here, the one place the figures choose their
 * tasks (issue 12 section 1: gold tasks stay out of agreement; their
 * answers are scored against the known one instead).
 */
#define QUALITY_TASKS							\
	" FROM task t WHERE t.project_id = ?1" VISIBLE_SQL("t", "?1")	\
	" ORDER BY t.id"

/* With the text the task's row is read anyway: is_gold is beside it. */
#define QUALITY_TASKS_TEXT						\
	"SELECT t.id, t.text FROM task t WHERE t.project_id = ?1"	\
	VISIBLE_SQL("t", "?1") NOT_GOLD_SQL("t") " ORDER BY t.id"

/* One task's rows as they are gathered: the values' bytes in one buffer
 * (pointers fixed once the task is whole, as the buffer moves). */
struct gather {
	struct quality_task	 t;
	struct quality_answer	*v;
	size_t			*off;		/* each value's offset, or -1 */
	size_t			 n, alloc, aoff;
	struct buf		 bytes;
	struct buf		 text;
	int			 has_text;
};

static int
hand_over(struct gather *g, int (*fn)(const struct quality_task *, void *),
    void *arg)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		g->v[i].value = g->off[i] == (size_t)-1 ? NULL :
		    g->bytes.data + g->off[i];
	g->t.v = g->v;
	g->t.n = g->n;
	g->t.text = g->has_text ? buf_str(&g->text) : NULL;
	g->t.text_len = g->has_text ? g->text.len : 0;
	return fn(&g->t, arg);
}

static void
take_row(struct gather *g, sqlite3_stmt *stmt, sqlite3_stmt *task, int flags)
{
	const unsigned char	*s = sqlite3_column_text(stmt, 2);
	size_t			 len = (size_t)sqlite3_column_bytes(stmt, 2);

	ARRAY_GROW(g->v, g->n + 1, g->alloc);
	ARRAY_GROW(g->off, g->n + 1, g->aoff);
	g->v[g->n].user_id = sqlite3_column_int64(stmt, 1);
	g->v[g->n].len = s != NULL ? len : 0;
	g->off[g->n] = (size_t)-1;
	if (s != NULL) {
		g->off[g->n] = g->bytes.len;
		buf_add(&g->bytes, s, len);
		buf_addch(&g->bytes, '\0');
	}
	if (g->n == 0 && (flags & QUALITY_TEXT)) {
		s = sqlite3_column_text(task, 1);
		buf_reset(&g->text);
		g->has_text = s != NULL;
		if (s != NULL)
			buf_add(&g->text, s, (size_t)sqlite3_column_bytes(task,
			    1));
	}
	g->n++;
}

int
store_skip_to(sqlite3_stmt *stmt, int *rc, int64_t id)
{
	int64_t	at;

	while (*rc == SQLITE_ROW) {
		at = sqlite3_column_int64(stmt, 0);
		if (at == id)
			return 1;
		if (at > id)
			return 0;
		*rc = sqlite3_step(stmt);
	}
	return *rc == SQLITE_DONE ? 0 : -1;
}

int
store_task_range(struct store *st, int64_t project_id, int64_t range[2])
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* Two subqueries: each an end of the index, where one query
	 * asking both would read all of the project's entries. */
	stmt = stmt_get(st, "SELECT (SELECT min(id) FROM task WHERE"
	    " project_id = ?1), (SELECT max(id) FROM task WHERE"
	    " project_id = ?1)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	range[0] = 1;
	range[1] = 0;
	if ((rc = stmt_row(st, stmt, "reading the annotations")) == -1)
		return -1;
	if (rc == 1 && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		range[0] = sqlite3_column_int64(stmt, 0);
		range[1] = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_reset(stmt);
	return 0;
}

int
store_quality_each(struct store *st, int64_t project_id, int flags,
    int (*fn)(const struct quality_task *, void *), void *arg)
{
	struct gather	 g;
	sqlite3_stmt	*task, *gold = NULL, *ann;
	int64_t		 id, range[2];
	int		 rc = SQLITE_DONE, grc = SQLITE_DONE, arc, stop = 0, at;

	if (store_task_range(st, project_id, range) == -1)
		return -1;
	if (flags & QUALITY_TEXT)
		task = stmt_get(st, QUALITY_TASKS_TEXT);
	else {
		task = stmt_get(st, "SELECT t.id" QUALITY_TASKS);
		gold = stmt_get(st, "SELECT id FROM task WHERE"
		    " project_id = ?1" GOLD_SQL("task") " ORDER BY id");
	}
	/* The key's order is the figures' (grouped by task, sorted by
	 * person): no sort. annotation_force (migration 14) holds exactly
	 * the answers in force with their results: with its WHERE terms
	 * named here SQLite reads the index alone, no row of the table. */
	ann = stmt_get(st, "SELECT task_id, user_id, result FROM annotation"
	    " INDEXED BY annotation_force"
	    " WHERE task_id BETWEEN ?1 AND ?2"
	    " AND state IN ('submitted','accepted','fixed') AND removed = 0"
	    " ORDER BY task_id, user_id");
	if (task == NULL || ann == NULL || (!(flags & QUALITY_TEXT) &&
	    gold == NULL))
		return -1;
	memset(&g, 0, sizeof g);
	store_walk_mapped(st, 1);
	sqlite3_bind_int64(task, 1, project_id);
	sqlite3_bind_int64(ann, 1, range[0]);
	sqlite3_bind_int64(ann, 2, range[1]);
	arc = sqlite3_step(ann);
	if (gold != NULL) {
		sqlite3_bind_int64(gold, 1, project_id);
		grc = sqlite3_step(gold);
	}
	while (!stop && (rc = sqlite3_step(task)) == SQLITE_ROW) {
		id = sqlite3_column_int64(task, 0);
		if (gold != NULL && (at = store_skip_to(gold, &grc, id)) != 0) {
			if (at == -1)
				break;
			continue;	/* gold answers are scored */
		}
		if ((at = store_skip_to(ann, &arc, id)) == -1)
			break;
		g.t.task_id = id;
		for (; at == 1; at = arc == SQLITE_ROW &&
		    sqlite3_column_int64(ann, 0) == id) {
			take_row(&g, ann, task, flags);
			arc = sqlite3_step(ann);
		}
		if (arc != SQLITE_ROW && arc != SQLITE_DONE)
			break;
		if (g.n > 0) {
			stop = hand_over(&g, fn, arg);
			g.n = 0;
			buf_reset(&g.bytes);
		}
	}
	sqlite3_reset(task);
	sqlite3_reset(ann);
	if (gold != NULL)
		sqlite3_reset(gold);
	store_walk_mapped(st, 0);
	free(g.v);
	free(g.off);
	buf_release(&g.bytes);
	buf_release(&g.text);
	if (!stop && (rc != SQLITE_DONE || (arc != SQLITE_ROW &&
	    arc != SQLITE_DONE) || (grc != SQLITE_ROW && grc != SQLITE_DONE)))
		return store_error(st, "reading the annotations");
	return stop;
}
