/* The reads of scalec stats (store/stats.h). The counters are the ones
 * the units of work keep (project.task_count, done_count, to_review,
 * ...); the walk is one statement, each task's annotations by their
 * (task_id, user_id) index, so that a task's rows come together and
 * nothing is sorted, driven by the project's tasks in id order where a
 * chunk of ids holds others' too (chunk_whole). */
#include <stdint.h>
#include <string.h>

#include "store/internal.h"
#include "store/pipe.h"
#include "store/quality.h"
#include "store/stats.h"
#include "util/buf.h"
#include "util/error.h"

int
store_stats_progress(struct store *st, int64_t project_id,
    struct stats_progress *p)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	memset(p, 0, sizeof *p);
	/* The skips from the skips (annotation_skipped, a partial index:
	 * few rows), not from the project's tasks and each one's
	 * annotations, which walked two million rows at a million tasks. */
	stmt = stmt_get(st, "SELECT task_count, done_count, to_review,"
	    " accepted, rejected, fixed, overlap,"
	    " (SELECT count(*) FROM task t WHERE t.project_id = ?1"
	    "   AND t.submitted < project.overlap" VISIBLE_SQL("t", "?1")
	    NOT_GOLD_SQL("t") ")"
	    /* and those past it that asked for extra annotators: their
	     * own index, not a walk of every task for max(overlap,
	     * wanted) */
	    " + (SELECT count(*) FROM task t INDEXED BY task_wanting"
	    "   WHERE t.project_id = ?1 AND t.wanted > t.submitted"
	    NOT_GOLD_SQL("t") " AND t.submitted >= project.overlap"
	    VISIBLE_SQL("t", "?1") "),"
	    " (SELECT count(*) FROM annotation a INDEXED BY annotation_skipped"
	    "   CROSS JOIN task t ON t.id = a.task_id WHERE a.state = 'skipped'"
	    "   AND t.project_id = ?1" VISIBLE_SQL("t", "?1")
	    NOT_GOLD_SQL("t") ")"
	    " FROM project WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading the progress")) != 1)
		return rc == 0 ? error("no project %lld",
		    (long long)project_id) : -1;
	p->total = sqlite3_column_int64(stmt, 0);
	p->done = sqlite3_column_int64(stmt, 1);
	p->to_review = sqlite3_column_int64(stmt, 2);
	p->accepted = sqlite3_column_int64(stmt, 3);
	p->rejected = sqlite3_column_int64(stmt, 4);
	p->fixed = sqlite3_column_int64(stmt, 5);
	p->overlap = sqlite3_column_int(stmt, 6);
	p->need = sqlite3_column_int64(stmt, 7);
	p->skipped = sqlite3_column_int64(stmt, 8);
	sqlite3_reset(stmt);
	return 0;
}

/*
 * The walk runs in a thread of its own (store/pipe.h), or two, which copy
 * each row into the batch as a struct srow, the result's bytes (or what
 * the caller's encoder made of them there) and a NUL and the time's and
 * a NUL; here each row is handed over with its pointers into the batch,
 * so that SQLite's reading (and the results' parsing) and the caller's
 * sums overlap.
 */
struct srow {
	int64_t		task, user;
	double		lead_time;
	size_t		rlen, alen;
	int		state, removed, has_final;
};

struct swalk {
	struct pipe_walk  pw;		/* first: this producer's */
	int		(*fn)(const struct stats_row *, void *);
	void		 *arg;
};

/* A row's state: its name's first bytes tell, checked whole (the
 * store's CHECK allows only these), where a lookup by name compared up
 * to six names. */
static enum annotation_state
state_of(const char *name)
{
	enum annotation_state	s;

	if (name == NULL)
		return ANN_NONE;
	switch (name[0]) {
	case 'd': s = ANN_DRAFT; break;
	case 's': s = name[1] == 'u' ? ANN_SUBMITTED : ANN_SKIPPED; break;
	case 'a': s = ANN_ACCEPTED; break;
	case 'r': s = ANN_REJECTED; break;
	case 'f': s = ANN_FIXED; break;
	default: return annotation_state_from_name(name);
	}
	return strcmp(annotation_state_name(s), name) == 0 ? s :
	    annotation_state_from_name(name);
}

/* The statements of a chunk (stats_chunk), and the final answers'
 * merge. */
struct chunk_read {
	sqlite3_stmt	*stmt, *fin, *fix;
	int		 frc;
	int64_t		 next_final;
};

/* One annotation's row into the batch, has_final from the final
 * answers' statement merged beside it; a draft is not the walk's. A
 * fixed one's result is the fix (ANSWER_IN_FORCE_SQL), looked up for
 * it alone: in the walk's statement the CASE cost every row. 0, or -1
 * where the lookup failed. */
static int
put_row(struct buf *b, struct chunk_read *cr, int64_t task,
    const struct swalk *w)
{
	sqlite3_stmt	*stmt = cr->stmt;
	struct srow	 r;
	const char	*result, *at;
	size_t		 head = b->len;
	int		 rc = SQLITE_DONE;

	memset(&r, 0, sizeof r);
	r.state = (int)state_of((const char *)sqlite3_column_text(stmt, 2));
	if (r.state == ANN_DRAFT)
		return 0;
	r.task = task;
	r.user = sqlite3_column_int64(stmt, 1);
	if (r.state == ANN_FIXED) {
		sqlite3_bind_int64(cr->fix, 1, r.task);
		sqlite3_bind_int64(cr->fix, 2, r.user);
		if ((rc = sqlite3_step(cr->fix)) != SQLITE_ROW) {
			sqlite3_reset(cr->fix);
			return -1;
		}
		result = (const char *)sqlite3_column_text(cr->fix, 0);
		r.rlen = result != NULL ?
		    (size_t)sqlite3_column_bytes(cr->fix, 0) : 0;
	} else {
		result = (const char *)sqlite3_column_text(stmt, 3);
		r.rlen = result != NULL ?
		    (size_t)sqlite3_column_bytes(stmt, 3) : 0;
	}
	r.lead_time = sqlite3_column_double(stmt, 4);
	at = (const char *)sqlite3_column_text(stmt, 5);
	r.alen = at != NULL ? (size_t)sqlite3_column_bytes(stmt, 5) : 0;
	r.removed = sqlite3_column_int(stmt, 6);
	while (cr->frc == SQLITE_ROW && cr->next_final < r.task) {
		if ((cr->frc = sqlite3_step(cr->fin)) == SQLITE_ROW)
			cr->next_final = sqlite3_column_int64(cr->fin, 0);
	}
	r.has_final = cr->next_final == r.task;
	if (result == NULL) {
		result = "{}";
		r.rlen = 2;
	}
	if (at == NULL)
		at = "";
	buf_add(b, &r, sizeof r);
	if (w->pw.enc != NULL) {
		w->pw.enc->encode(w->pw.estate, result, r.rlen, b);
		r.rlen = b->len - head - sizeof r;
		memcpy(b->data + head, &r, sizeof r);
	} else
		buf_add(b, result, r.rlen);
	buf_addch(b, '\0');
	buf_add(b, at, r.alen);
	buf_addch(b, '\0');
	if (rc == SQLITE_ROW)
		sqlite3_reset(cr->fix);
	return 0;
}

/* Here: each row of a batch to fn. */
static int
stats_consume(const char *p, size_t len, void *arg)
{
	struct swalk		*w = arg;
	const char		*end = p + len;
	struct stats_row	 r;
	struct srow		 s;
	int			 rc;

	while (p < end) {
		memcpy(&s, p, sizeof s);
		p += sizeof s;
		r.task = s.task;
		r.user = s.user;
		r.state = (enum annotation_state)s.state;
		r.result = p;
		r.result_len = s.rlen;
		p += s.rlen + 1;
		r.lead_time = s.lead_time;
		r.at = p;
		p += s.alen + 1;
		r.removed = s.removed;
		r.has_final = s.has_final;
		if ((rc = w->fn(&r, w->arg)) != 0)
			return rc;
	}
	return 0;
}

/*
 * 1 when each annotation over task ids [lo, hi] is of a visible task of
 * the project (no other project's task in the range, none loading; an
 * annotation's task is there: foreign keys cascade), so that the tasks'
 * stream, a step per task, is not needed (it was a tenth of a reading
 * thread's work at a million tasks); gold tasks are the caller's. A
 * seek per other project, up to 64 of them (more: 0, the stream); a
 * count of the project's ids in the range cost as much as the stream.
 * 0 when not, -1 after reporting.
 */
static int
chunk_whole(struct store *st, int64_t project_id, int64_t lo, int64_t hi)
{
	sqlite3_stmt	*stmt;
	int		 rc, whole;

	stmt = stmt_get(st, "SELECT (SELECT coalesce(loading_from,"
	    " 9223372036854775807) FROM project WHERE id = ?1) > ?3"
	    " AND (SELECT count(*) FROM (SELECT 1 FROM project LIMIT 65))"
	    " <= 64 AND NOT EXISTS (SELECT 1 FROM project q"
	    " CROSS JOIN task t INDEXED BY task_project WHERE q.id <> ?1"
	    " AND t.project_id = q.id AND t.id BETWEEN ?2 AND ?3)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, lo);
	sqlite3_bind_int64(stmt, 3, hi);
	if ((rc = stmt_row(st, stmt, "reading the tasks")) != 1)
		return rc == 0 ? 0 : -1;
	whole = sqlite3_column_int(stmt, 0) == 1;
	sqlite3_reset(stmt);
	return whole;
}

/* In the walk's thread: the chunk [lo, hi] of task ids. */
static int
stats_chunk(struct pipe *pp, struct pipe_walk *pw, int64_t lo, int64_t hi)
{
	struct swalk		*w = (struct swalk *)pw;
	struct store		*st = pw->st;
	int64_t			 project_id = pw->project_id;
	struct chunk_read	 cr;
	sqlite3_stmt		*task, *gold, *stmt;
	int64_t			 id;
	int			 rc, trc = SQLITE_DONE, grc;
	int			 at, stop = 0, whole;

	if ((whole = chunk_whole(st, project_id, lo, hi)) == -1)
		return -1;
	memset(&cr, 0, sizeof cr);
	cr.frc = SQLITE_ROW;
	/* The tasks with a final answer, in the same order: merged with
	 * the walk, rather than a lookup per annotation. */
	cr.fin = stmt_get(st, "SELECT DISTINCT f.task_id FROM final_answer f"
	    " CROSS JOIN task t ON t.id = f.task_id WHERE t.project_id = ?1"
	    " AND f.task_id BETWEEN ?2 AND ?3 ORDER BY f.task_id");
	/* The project's tasks merged with the annotations in key order:
	 * a join sought the key once per task (store/quality.c). */
	task = stmt_get(st, "SELECT t.id FROM task t WHERE t.project_id = ?1"
	    " AND t.id BETWEEN ?2 AND ?3" VISIBLE_SQL("t", "?1")
	    " ORDER BY t.id");
	gold = stmt_get(st, "SELECT id FROM task WHERE project_id = ?1"
	    " AND id BETWEEN ?2 AND ?3"
	    GOLD_SQL("task")	/* scored against their answer instead */
	    " ORDER BY id");
	/* Drafts are left out by put_row, which reads the state anyway: a
	 * term here compared every row's once more. */
	cr.stmt = stmt = stmt_get(st, "SELECT a.task_id, a.user_id, a.state,"
	    " a.result, a.lead_time, coalesce(a.submitted_at, a.updated_at),"
	    " a.removed"
	    " FROM annotation a INDEXED BY sqlite_autoindex_annotation_1"
	    " WHERE a.task_id BETWEEN ?1 AND ?2 ORDER BY a.task_id, a.user_id");
	/* By its key: the walk's rows read no rowid. */
	cr.fix = stmt_get(st, "SELECT " ANSWER_IN_FORCE_SQL("a")
	    " FROM annotation a WHERE a.task_id = ?1 AND a.user_id = ?2");
	if (cr.fin == NULL || task == NULL || gold == NULL || stmt == NULL ||
	    cr.fix == NULL)
		return -1;
	sqlite3_bind_int64(cr.fin, 1, project_id);
	sqlite3_bind_int64(cr.fin, 2, lo);
	sqlite3_bind_int64(cr.fin, 3, hi);
	sqlite3_bind_int64(task, 1, project_id);
	sqlite3_bind_int64(task, 2, lo);
	sqlite3_bind_int64(task, 3, hi);
	sqlite3_bind_int64(gold, 1, project_id);
	sqlite3_bind_int64(gold, 2, lo);
	sqlite3_bind_int64(gold, 3, hi);
	sqlite3_bind_int64(stmt, 1, lo);
	sqlite3_bind_int64(stmt, 2, hi);
	grc = sqlite3_step(gold);
	rc = sqlite3_step(stmt);
	if (whole && grc == SQLITE_DONE) {
		/* Every row is the walk's: no task to skip to. */
		for (id = 0; !stop && rc == SQLITE_ROW; ) {
			if (sqlite3_column_int64(stmt, 0) != id) {
				if (pipe_buf(pp)->len >= PIPE_BATCH &&
				    (stop = pipe_send(pp)) != 0)
					break;
				id = sqlite3_column_int64(stmt, 0);
			}
			if (put_row(pipe_buf(pp), &cr, id, w) == -1) {
				rc = SQLITE_ERROR;
				break;
			}
			rc = sqlite3_step(stmt);
		}
	} else while (!stop && (trc = sqlite3_step(task)) == SQLITE_ROW) {
		id = sqlite3_column_int64(task, 0);
		if ((at = store_skip_to(gold, &grc, id)) != 0) {
			if (at == -1)
				break;
			continue;
		}
		if ((at = store_skip_to(stmt, &rc, id)) == -1)
			break;
		for (; at == 1; at = rc == SQLITE_ROW &&
		    sqlite3_column_int64(stmt, 0) == id) {
			if (put_row(pipe_buf(pp), &cr, id, w) == -1) {
				rc = SQLITE_ERROR;
				break;
			}
			rc = sqlite3_step(stmt);
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			break;
		if (pipe_buf(pp)->len >= PIPE_BATCH)
			stop = pipe_send(pp);
	}
	if (!stop && (trc != SQLITE_DONE || (rc != SQLITE_ROW &&
	    rc != SQLITE_DONE) || (grc != SQLITE_ROW && grc != SQLITE_DONE) ||
	    (cr.frc != SQLITE_ROW && cr.frc != SQLITE_DONE)))
		stop = store_error(st, "reading the annotations");
	sqlite3_reset(task);
	sqlite3_reset(gold);
	sqlite3_reset(stmt);
	sqlite3_reset(cr.fin);
	return stop;
}

int
store_stats_walk(struct store *st, int64_t project_id,
    int (*fn)(const struct stats_row *, void *), void *arg)
{
	return store_stats_encoded(st, project_id, NULL, fn, arg);
}

int
store_stats_encoded(struct store *st, int64_t project_id,
    const struct quality_encoder *enc,
    int (*fn)(const struct stats_row *, void *), void *arg)
{
	struct swalk		 w[2];
	struct pipe_walk	*pw[2] = { &w[0].pw, &w[1].pw };
	size_t			 i;

	memset(w, 0, sizeof w);
	for (i = 0; i < 2; i++) {
		w[i].pw.project_id = project_id;
		w[i].pw.enc = enc;
		w[i].fn = fn;
		w[i].arg = arg;
	}
	return pipe_walk_run(st, pw, stats_chunk, stats_consume, &w[0]);
}

int
store_stats_users(struct store *st,
    int (*fn)(int64_t, const char *, const char *, void *), void *arg)
{
	sqlite3_stmt	*stmt;
	int		 rc, stop = 0;

	stmt = stmt_get(st, "SELECT id, name, display_name FROM user"
	    " ORDER BY id");
	if (stmt == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 1),
		    (const char *)sqlite3_column_text(stmt, 2), arg);
	if (!stop && rc != SQLITE_DONE)
		stop = store_error(st, "reading the users");
	sqlite3_reset(stmt);
	return stop;
}
