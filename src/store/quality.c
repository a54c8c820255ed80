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
#include "store/pipe.h"
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
	" FROM task t WHERE t.project_id = ?1 AND t.id BETWEEN ?2 AND ?3" \
	VISIBLE_SQL("t", "?1") " ORDER BY t.id"

/* With the text the task's row is read anyway: is_gold is beside it. */
#define QUALITY_TASKS_TEXT						\
	"SELECT t.id, t.text FROM task t WHERE t.project_id = ?1"	\
	" AND t.id BETWEEN ?2 AND ?3"					\
	VISIBLE_SQL("t", "?1") NOT_GOLD_SQL("t") " ORDER BY t.id"

/*
 * The walk runs in a thread of its own (store/pipe.h): there it copies
 * each task's rows into the batch as one record, a struct qtask, the
 * text's bytes and a NUL where it has one, then for each answer a
 * struct qanswer and the value's bytes and a NUL where it has one; here
 * each record is handed over with its pointers into the batch. The
 * caller's figures and SQLite's reading overlap: at a million tasks
 * agreement's wall time is about the longer of the two, not their sum.
 */
struct qtask {
	int64_t	 task_id;
	size_t	 n;
	size_t	 text_len;
	int	 has_text;
};

struct qanswer {
	int64_t	 user_id;
	size_t	 len;
	int	 has_value;
};

struct qwalk {
	struct pipe_walk  pw;		/* first: this producer's */
	int		  flags;
	int		(*fn)(const struct quality_task *, void *);
	void		 *arg;
	struct quality_answer *v;	/* the consumer's */
	size_t		  av;
};

/* The task's record's start: its header, and its text. */
static void
put_task(struct buf *b, int64_t id, sqlite3_stmt *task, int flags)
{
	struct qtask		 q;
	const unsigned char	*s = NULL;

	memset(&q, 0, sizeof q);
	q.task_id = id;
	if (flags & QUALITY_TEXT)
		s = sqlite3_column_text(task, 1);
	q.has_text = s != NULL;
	q.text_len = s != NULL ? (size_t)sqlite3_column_bytes(task, 1) : 0;
	buf_add(b, &q, sizeof q);
	if (s != NULL) {
		buf_add(b, s, q.text_len);
		buf_addch(b, '\0');
	}
}

static void
put_answer(struct buf *b, sqlite3_stmt *stmt, const struct qwalk *w)
{
	struct qanswer		 a;
	const unsigned char	*s = sqlite3_column_text(stmt, 2);
	size_t			 head = b->len;

	memset(&a, 0, sizeof a);
	a.user_id = sqlite3_column_int64(stmt, 1);
	a.has_value = s != NULL;
	a.len = s != NULL ? (size_t)sqlite3_column_bytes(stmt, 2) : 0;
	buf_add(b, &a, sizeof a);
	if (s == NULL)
		return;
	if (w->pw.enc != NULL) {
		w->pw.enc->encode(w->pw.estate, (const char *)s, a.len, b);
		a.len = b->len - head - sizeof a;
		memcpy(b->data + head, &a, sizeof a);
	} else
		buf_add(b, s, a.len);
	buf_addch(b, '\0');
}

/* Here: each task of a batch to fn. */
static int
quality_consume(const char *p, size_t len, void *arg)
{
	struct qwalk		*w = arg;
	const char		*end = p + len;
	struct quality_task	 t;
	struct qtask		 q;
	struct qanswer		 a;
	size_t			 i;
	int			 rc;

	while (p < end) {
		memcpy(&q, p, sizeof q);
		p += sizeof q;
		memset(&t, 0, sizeof t);
		t.task_id = q.task_id;
		if (q.has_text) {
			t.text = p;
			t.text_len = q.text_len;
			p += q.text_len + 1;
		}
		ARRAY_GROW(w->v, q.n + 1, w->av);
		for (i = 0; i < q.n; i++) {
			memcpy(&a, p, sizeof a);
			p += sizeof a;
			w->v[i].user_id = a.user_id;
			w->v[i].len = a.len;
			w->v[i].value = NULL;
			if (a.has_value) {
				w->v[i].value = p;
				p += a.len + 1;
			}
		}
		t.v = w->v;
		t.n = q.n;
		if ((rc = w->fn(&t, w->arg)) != 0)
			return rc;
	}
	return 0;
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

/* In the walk's thread: the three streams merged over task ids [lo, hi],
 * each task with an answer in force a record. */
static int
quality_chunk(struct pipe *pp, struct pipe_walk *pw, int64_t lo, int64_t hi)
{
	struct qwalk	*w = (struct qwalk *)pw;
	struct store	*st = pw->st;
	struct buf	*b;
	struct qtask	 q;
	sqlite3_stmt	*task, *gold = NULL, *ann;
	int64_t		 id;
	int		 rc = SQLITE_DONE, grc = SQLITE_DONE, arc, stop = 0, at;
	int		 flags = w->flags;
	size_t		 head, n;

	if (flags & QUALITY_TEXT)
		task = stmt_get(st, QUALITY_TASKS_TEXT);
	else {
		task = stmt_get(st, "SELECT t.id" QUALITY_TASKS);
		gold = stmt_get(st, "SELECT id FROM task WHERE"
		    " project_id = ?1 AND id BETWEEN ?2 AND ?3"
		    GOLD_SQL("task") " ORDER BY id");
	}
	/* The key's order is the figures' (grouped by task, sorted by
	 * person): no sort. annotation_force (migrations 14, 15) holds
	 * exactly the answers in force with their results: with its WHERE
	 * terms named here as migration 15 writes them, SQLite reads the
	 * index alone, no row of the table. */
	ann = stmt_get(st, "SELECT task_id, user_id, result FROM annotation"
	    " INDEXED BY annotation_force"
	    " WHERE task_id BETWEEN ?1 AND ?2"
	    " AND (state = 'submitted' OR state = 'accepted'"
	    " OR state = 'fixed') AND removed = 0"
	    " ORDER BY task_id, user_id");
	if (task == NULL || ann == NULL || (!(flags & QUALITY_TEXT) &&
	    gold == NULL))
		return -1;
	sqlite3_bind_int64(task, 1, pw->project_id);
	sqlite3_bind_int64(task, 2, lo);
	sqlite3_bind_int64(task, 3, hi);
	sqlite3_bind_int64(ann, 1, lo);
	sqlite3_bind_int64(ann, 2, hi);
	arc = sqlite3_step(ann);
	if (gold != NULL) {
		sqlite3_bind_int64(gold, 1, pw->project_id);
		sqlite3_bind_int64(gold, 2, lo);
		sqlite3_bind_int64(gold, 3, hi);
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
		if (at == 0)
			continue;
		b = pipe_buf(pp);
		head = b->len;
		put_task(b, id, task, flags);
		for (n = 0; at == 1; at = arc == SQLITE_ROW &&
		    sqlite3_column_int64(ann, 0) == id) {
			put_answer(b, ann, w);
			n++;
			arc = sqlite3_step(ann);
		}
		memcpy(&q, b->data + head, sizeof q);
		q.n = n;
		memcpy(b->data + head, &q, sizeof q);
		if (arc != SQLITE_ROW && arc != SQLITE_DONE)
			break;
		if (b->len >= PIPE_BATCH)
			stop = pipe_send(pp);
	}
	sqlite3_reset(task);
	sqlite3_reset(ann);
	if (gold != NULL)
		sqlite3_reset(gold);
	if (stop)
		return 1;
	if (rc != SQLITE_DONE || (arc != SQLITE_ROW && arc != SQLITE_DONE) ||
	    (grc != SQLITE_ROW && grc != SQLITE_DONE))
		return store_error(st, "reading the annotations");
	return 0;
}

int
store_quality_each(struct store *st, int64_t project_id, int flags,
    int (*fn)(const struct quality_task *, void *), void *arg)
{
	return store_quality_encoded(st, project_id, flags, NULL, fn, arg);
}

int
store_quality_encoded(struct store *st, int64_t project_id, int flags,
    const struct quality_encoder *enc,
    int (*fn)(const struct quality_task *, void *), void *arg)
{
	struct qwalk		 w[2];
	struct pipe_walk	*pw[2] = { &w[0].pw, &w[1].pw };
	int			 rc;
	size_t			 i;

	memset(w, 0, sizeof w);
	for (i = 0; i < 2; i++) {
		w[i].pw.project_id = project_id;
		w[i].flags = flags;
		w[i].pw.enc = enc;
		w[i].fn = fn;
		w[i].arg = arg;
	}
	/* The consumer's scratch is w[0]'s. */
	rc = pipe_walk_run(st, pw, quality_chunk, quality_consume, &w[0]);
	free(w[0].v);
	return rc;
}
