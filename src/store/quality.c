/* The quality figures' reader (store/quality.h): one statement over a
 * project's tasks in id order (task_project) and each task's
 * annotations (the (task_id, user_id) key), so the rows come grouped by
 * task and sorted by person without a sort; a task's rows are gathered
 * and handed over, then forgotten. The result goes out as the text it is
 * stored as: cutting the control out in SQL (->, json_extract) parsed
 * every result once more and cost 40% of the query's CPU; the answer
 * model's scan finds the control in the text for less. */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/quality.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * The answers in force. Gold tasks are left out here, the one place the
 * figures choose their tasks (issue 12 section 1: gold tasks stay out of
 * agreement; their answers are scored against the known one instead).
 */
#define QUALITY_FROM							\
	" FROM task t JOIN annotation a ON a.task_id = t.id"		\
	" WHERE t.project_id = ?1" VISIBLE_SQL("t", "?1")		\
	" AND a.state IN ('submitted','accepted','fixed')"		\
	" AND a.removed = 0"						\
	NOT_GOLD_SQL("t")	/* gold answers are scored, not agreed on */ \
	" ORDER BY t.id, a.user_id"

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
take_row(struct gather *g, sqlite3_stmt *stmt, int flags)
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
		s = sqlite3_column_text(stmt, 3);
		buf_reset(&g->text);
		g->has_text = s != NULL;
		if (s != NULL)
			buf_add(&g->text, s, (size_t)sqlite3_column_bytes(stmt,
			    3));
	}
	g->n++;
}

int
store_quality_each(struct store *st, int64_t project_id, int flags,
    int (*fn)(const struct quality_task *, void *), void *arg)
{
	struct gather	 g;
	sqlite3_stmt	*stmt;
	int64_t		 id;
	int		 rc = SQLITE_DONE, stop = 0;

	/* Two literals: without the text the task's row is never read
	 * (task_project covers the join). */
	if (flags & QUALITY_TEXT)
		stmt = stmt_get(st, "SELECT t.id, a.user_id, a.result, t.text"
		    QUALITY_FROM);
	else
		stmt = stmt_get(st, "SELECT t.id, a.user_id, a.result"
		    QUALITY_FROM);
	if (stmt == NULL)
		return -1;
	memset(&g, 0, sizeof g);
	store_walk_mapped(st, 1);
	sqlite3_bind_int64(stmt, 1, project_id);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		if (g.n > 0 && id != g.t.task_id) {
			stop = hand_over(&g, fn, arg);
			g.n = 0;
			buf_reset(&g.bytes);
		}
		g.t.task_id = id;
		take_row(&g, stmt, flags);
	}
	if (!stop && rc == SQLITE_DONE && g.n > 0)
		stop = hand_over(&g, fn, arg);
	sqlite3_reset(stmt);
	store_walk_mapped(st, 0);
	free(g.v);
	free(g.off);
	buf_release(&g.bytes);
	buf_release(&g.text);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "reading the annotations");
	return stop;
}
