/* A walk read ahead (pipe.h): a ring of batches between the thread that
 * reads and the caller that works them out. Each side wakes the other
 * only for a whole batch. */
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "store/internal.h"
#include "store/pipe.h"
#include "store/quality.h"
#include "util/buf.h"

#define PIPE_SLOTS	4

struct pipe {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct buf	 slot[PIPE_SLOTS];	/* full ones from head; the
						 * rest spent, for reuse */
	int		 end[PIPE_SLOTS];	/* the slot's batch ends a
						 * chunk */
	int		 two;			/* one of pipe_run2's */
	size_t		 head, count;
	struct buf	 cur;			/* the thread's */
	int		 stop;			/* the consumer is done */
	int		 done;			/* the thread is */
	int		 here;			/* no thread: consume in send */
	int		 crc, prc;
	int		(*produce)(struct pipe *, void *);
	void		*parg;
	int		(*consume)(const char *, size_t, void *);
	void		*carg;
};

struct buf *
pipe_buf(struct pipe *p)
{
	return &p->cur;
}

static int
send_batch(struct pipe *p, int end)
{
	struct buf	t;
	size_t		at;

	if (p->cur.len == 0 && !end)
		return p->stop;
	if (p->here) {
		if (!p->stop && (p->crc = p->consume(p->cur.data, p->cur.len,
		    p->carg)) != 0)
			p->stop = 1;
		buf_reset(&p->cur);
		return p->stop;
	}
	pthread_mutex_lock(&p->mu);
	while (p->count == PIPE_SLOTS && !p->stop)
		pthread_cond_wait(&p->cv, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		buf_reset(&p->cur);
		return 1;
	}
	at = (p->head + p->count) % PIPE_SLOTS;
	t = p->slot[at];
	p->slot[at] = p->cur;
	p->end[at] = end;
	p->cur = t;
	if (p->count++ == 0)
		pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	buf_reset(&p->cur);
	return 0;
}

int
pipe_send(struct pipe *p)
{
	return send_batch(p, 0);
}

int
pipe_chunk_end(struct pipe *p)
{
	return p->two ? send_batch(p, 1) : p->stop;
}

static void *
run(void *arg)
{
	struct pipe	*p = arg;
	int		 rc;

	rc = p->produce(p, p->parg);
	if (rc == 0)
		pipe_send(p);
	pthread_mutex_lock(&p->mu);
	p->prc = rc;
	p->done = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int
pipe_run(int (*produce)(struct pipe *, void *), void *parg,
    int (*consume)(const char *, size_t, void *), void *carg)
{
	struct pipe	p;
	struct buf	mine = BUF_INIT, t;
	pthread_t	th;
	sigset_t	all, old;
	size_t		i;
	int		rc, made;

	memset(&p, 0, sizeof p);
	p.produce = produce;
	p.parg = parg;
	p.consume = consume;
	p.carg = carg;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	/* The thread takes no signal: they stay the caller's (the
	 * full-screen views' handlers, SIGPIPE). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	made = pthread_create(&th, NULL, run, &p) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!made) {
		p.here = 1;
		rc = produce(&p, parg);
		if (rc == 0)
			pipe_send(&p);
		p.prc = rc;
	} else {
		pthread_mutex_lock(&p.mu);
		for (;;) {
			while (p.count == 0 && !p.done)
				pthread_cond_wait(&p.cv, &p.mu);
			if (p.count == 0)
				break;
			t = p.slot[p.head];
			p.slot[p.head] = mine;
			mine = t;
			p.head = (p.head + 1) % PIPE_SLOTS;
			if (p.count-- == PIPE_SLOTS)
				pthread_cond_signal(&p.cv);
			pthread_mutex_unlock(&p.mu);
			p.crc = consume(mine.data, mine.len, carg);
			buf_reset(&mine);
			pthread_mutex_lock(&p.mu);
			if (p.crc != 0) {
				p.stop = 1;
				pthread_cond_signal(&p.cv);
				break;
			}
		}
		pthread_mutex_unlock(&p.mu);
		pthread_join(th, NULL);
	}
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	for (i = 0; i < PIPE_SLOTS; i++)
		buf_release(&p.slot[i]);
	buf_release(&p.cur);
	buf_release(&mine);
	return p.crc != 0 ? p.crc : p.prc;
}

static void
pipe_init(struct pipe *p, int (*produce)(struct pipe *, void *), void *parg)
{
	memset(p, 0, sizeof *p);
	p->produce = produce;
	p->parg = parg;
	p->two = 1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
}

static void
pipe_stop(struct pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

static void
pipe_free(struct pipe *p)
{
	size_t	i;

	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	for (i = 0; i < PIPE_SLOTS; i++)
		buf_release(&p->slot[i]);
	buf_release(&p->cur);
}

int
pipe_run2(int (*produce)(struct pipe *, void *), void *parg[2],
    int (*consume)(const char *, size_t, void *), void *carg)
{
	struct pipe	p[2];
	struct buf	mine = BUF_INIT, t;
	pthread_t	th[2];
	sigset_t	all, old;
	size_t		k = 0;
	int		made[2], crc = 0, end, rc;

	pipe_init(&p[0], produce, parg[0]);
	pipe_init(&p[1], produce, parg[1]);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	made[0] = pthread_create(&th[0], NULL, run, &p[0]) == 0;
	made[1] = made[0] && pthread_create(&th[1], NULL, run, &p[1]) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!made[1]) {
		if (made[0]) {
			pipe_stop(&p[0]);
			pthread_join(th[0], NULL);
		}
		pipe_free(&p[0]);
		pipe_free(&p[1]);
		return PIPE_NOT_RUN;
	}
	/* The chunks in turn: producer k's until one ends, then the
	 * other's. A producer done with nothing left has no chunk more,
	 * and so has the other (its next would follow). */
	for (;;) {
		pthread_mutex_lock(&p[k].mu);
		while (p[k].count == 0 && !p[k].done)
			pthread_cond_wait(&p[k].cv, &p[k].mu);
		if (p[k].count == 0) {
			pthread_mutex_unlock(&p[k].mu);
			break;
		}
		t = p[k].slot[p[k].head];
		p[k].slot[p[k].head] = mine;
		mine = t;
		end = p[k].end[p[k].head];
		p[k].head = (p[k].head + 1) % PIPE_SLOTS;
		if (p[k].count-- == PIPE_SLOTS)
			pthread_cond_signal(&p[k].cv);
		pthread_mutex_unlock(&p[k].mu);
		if (mine.len > 0 && (crc = consume(mine.data, mine.len,
		    carg)) != 0)
			break;
		buf_reset(&mine);
		if (end)
			k ^= 1;
	}
	/* Stopped, or one failed: the other is told; at the end both are
	 * done by themselves. */
	if (crc != 0 || p[0].prc != 0 || p[1].prc != 0) {
		pipe_stop(&p[0]);
		pipe_stop(&p[1]);
	}
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
	rc = crc != 0 ? crc : p[0].prc == -1 || p[1].prc == -1 ? -1 : 0;
	pipe_free(&p[0]);
	pipe_free(&p[1]);
	buf_release(&mine);
	return rc;
}

/*
 * A second connection reading the same snapshot as st's: data_version
 * read on st (outside a transaction), then b's read transaction started,
 * then st's, and data_version read again: unchanged, no other
 * connection committed between the first and the last, so b's snapshot
 * (taken between) is st's. Changed: both ended and tried again, a few
 * times.
 */
static int64_t
data_version(struct store *st)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	if ((stmt = stmt_get(st, "PRAGMA data_version")) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return v;
}

static int
begin_read(struct store *st)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	/* A read transaction starts at its first read. */
	if ((stmt = stmt_get(st, "SELECT count(*) FROM project")) == NULL) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

struct store *
pipe_pair_open(struct store *st)
{
	struct store	*b;
	const char	*file = sqlite3_db_filename(st->db, "main");
	int64_t		 v0;
	int		 tries;

	/* No second connection to a database in memory (another one). */
	if (st->in_tx || !sqlite3_get_autocommit(st->db) || file == NULL ||
	    file[0] == '\0')
		return NULL;
	if ((b = store_open(file, STORE_READONLY)) == NULL)
		return NULL;
	for (tries = 0; tries < 3; tries++) {
		if ((v0 = data_version(st)) == -1 || begin_read(b) == -1)
			break;
		if (begin_read(st) == -1) {
			sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
			break;
		}
		if (data_version(st) == v0)
			return b;
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
		sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
	}
	store_close(b);
	return NULL;
}

void
pipe_pair_close(struct store *st, struct store *b)
{
	sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
	store_close(b);
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}

/* One chunk or two: the second connection's opening (its schema read)
 * would cost more than it reads. The range read here, outside the
 * walk's snapshot, only chooses. */
static int
pair_worth(struct store *st, int64_t project_id)
{
	int64_t	range[2];

	return store_task_range(st, project_id, range) == 0 &&
	    range[1] - range[0] >= 2 * PIPE_CHUNK_TASKS;
}

/* In the walk's thread: this producer's chunks, each ended, or alone
 * the whole range as one. */
static int
walk_produce(struct pipe *pp, void *arg)
{
	struct pipe_walk	*w = arg;
	int64_t			 range[2], lo, hi;
	int			 stop = 0;

	if (store_task_range(w->st, w->project_id, range) == -1)
		return -1;
	if (w->enc != NULL)
		w->estate = w->enc->open(w->enc->arg);
	store_walk_mapped(w->st, 1);
	if (w->n == 1)
		stop = w->chunk(pp, w, range[0], range[1]);
	else
		for (lo = range[0] + (int64_t)w->k * PIPE_CHUNK_TASKS;
		    !stop && lo <= range[1];
		    lo += (int64_t)w->n * PIPE_CHUNK_TASKS) {
			hi = lo + PIPE_CHUNK_TASKS - 1 < range[1] ?
			    lo + PIPE_CHUNK_TASKS - 1 : range[1];
			if ((stop = w->chunk(pp, w, lo, hi)) == 0)
				stop = pipe_chunk_end(pp);
		}
	store_walk_mapped(w->st, 0);
	if (w->enc != NULL)
		w->enc->close(w->estate);
	w->estate = NULL;
	return stop;
}

int
pipe_walk_run(struct store *st, struct pipe_walk *w[2],
    int (*chunk)(struct pipe *, struct pipe_walk *, int64_t, int64_t),
    int (*consume)(const char *, size_t, void *), void *carg)
{
	struct store	*b;
	void		*args[2] = { w[0], w[1] };
	int		 rc;

	w[0]->chunk = w[1]->chunk = chunk;
	w[0]->st = w[1]->st = st;
	w[0]->k = 0;
	w[1]->k = 1;
	if (pair_worth(st, w[0]->project_id) &&
	    (b = pipe_pair_open(st)) != NULL) {
		w[0]->n = w[1]->n = 2;
		w[1]->st = b;
		rc = pipe_run2(walk_produce, args, consume, carg);
		pipe_pair_close(st, b);
		w[1]->st = st;
		if (rc != PIPE_NOT_RUN)
			return rc;
	}
	w[0]->n = w[1]->n = 1;
	return pipe_run(walk_produce, w[0], consume, carg);
}
