/* JSON lines parsed ahead (ahead.h): a ring of parsed lines between the
 * thread, which fills it, and the reader, which empties it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/ahead.h"
#include "formats/format.h"
#include "formats/linereader.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Each side wakes the other only when a batch is ready or there is room
 * for one: a wake-up per line cost more than the lines' parsing saved.
 * The reader takes a batch at a time too. */
#define AHEAD_BATCH	(AHEAD_LINES / 4)

/* Scanned lines' buffers the thread keeps for the next lines: every one
 * in use at once (the ring, the reader's batch, those on their way
 * back) fits. */
#define AHEAD_POOL	(2 * AHEAD_LINES + 2 * AHEAD_BATCH + 1)

/* What the reader is done with: a line's tree or its scanned bytes. */
struct ahead_done {
	json_t		*obj;
	struct buf	*pb;
};

struct ahead {
	pthread_t		 thread;
	pthread_mutex_t		 mu;
	pthread_cond_t		 filled;	/* a line was added */
	pthread_cond_t		 emptied;	/* a line was taken */
	struct linereader	*lr;
	size_t			 flags;
	int			 scan;		/* plain lines without a tree */
	struct ahead_line	 ring[AHEAD_LINES];
	size_t			 head, count;	/* the oldest, how many */
	int			 stop;		/* the reader wants no more */
	int			 reader_waits, thread_waits;
	/* What the reader is done with, for the thread to free: an object
	 * freed by another thread than the one that allocated it takes
	 * the lock of that thread's malloc arena, and the two threads
	 * fought over it for every line. */
	struct ahead_done	 done[AHEAD_LINES];
	size_t			 ndone;
	/* The thread's own: buffers back from the reader, to reuse (a
	 * malloc and a free per line in two threads fought likewise). */
	struct buf		*pool[AHEAD_POOL];
	size_t			 npool;
	/* The reader's own (no lock): the lines it took at once, and what
	 * it released since it last handed over. */
	struct ahead_line	 got[AHEAD_BATCH];
	size_t			 igot, ngot;
	struct ahead_done	 mine[AHEAD_BATCH];
	size_t			 nmine;
};

static void
pb_free(struct buf *pb)
{
	if (pb != NULL) {
		buf_release(pb);
		free(pb);
	}
}

static void
done_free(struct ahead_done *d)
{
	json_decref(d->obj);
	pb_free(d->pb);
}

/* A buffer back with the thread: kept for a next line (not a long
 * line's: the pool would keep the longest lines' size). */
static void
pool_put(struct ahead *a, struct buf *pb)
{
	if (pb == NULL)
		return;
	if (a->npool < AHEAD_POOL && pb->alloc <= 65536)
		a->pool[a->npool++] = pb;
	else
		pb_free(pb);
}


static void
line_free(struct ahead_line *l)
{
	json_decref(l->obj);
	pb_free(l->pb);
	free(l->text);
	free(l->msg);
	memset(l, 0, sizeof *l);
}

/* Hands l to the reader, waiting for room; 0, or -1 when told to stop
 * (l is freed). */
static int
put(struct ahead *a, struct ahead_line *l)
{
	struct ahead_done	done[AHEAD_LINES];
	size_t			i, ndone;

	pthread_mutex_lock(&a->mu);
	while (a->count == AHEAD_LINES && !a->stop) {
		a->thread_waits = 1;
		pthread_cond_wait(&a->emptied, &a->mu);
		a->thread_waits = 0;
	}
	if (a->stop) {
		pthread_mutex_unlock(&a->mu);
		line_free(l);
		return -1;
	}
	a->ring[(a->head + a->count) % AHEAD_LINES] = *l;
	a->count++;
	if (a->reader_waits && (a->count >= AHEAD_BATCH || l->rc != 1))
		pthread_cond_signal(&a->filled);
	ndone = a->ndone;
	memcpy(done, a->done, ndone * sizeof done[0]);
	a->ndone = 0;
	pthread_mutex_unlock(&a->mu);
	for (i = 0; i < ndone; i++) {
		json_decref(done[i].obj);
		pool_put(a, done[i].pb);
	}
	return 0;
}

static void *
run(void *arg)
{
	struct ahead		*a = arg;
	struct ahead_line	 l;
	char			*line;
	size_t			 len;

	for (;;) {
		memset(&l, 0, sizeof l);
		if ((l.rc = linereader_next(a->lr, &line, &len)) != 1) {
			l.msg = a->lr->errmsg;
			a->lr->errmsg = NULL;
			put(a, &l);
			return NULL;
		}
		if (format_blank_line(line, len))
			continue;
		l.lineno = a->lr->lineno;
		if (a->scan) {
			l.pb = a->npool > 0 ? a->pool[--a->npool] :
			    xcalloc(1, sizeof *l.pb);
			if (plain_scan(line, len, &l.plain, l.pb) == 1) {
				if (put(a, &l) == -1)
					return NULL;
				continue;
			}
			pool_put(a, l.pb);
			l.pb = NULL;
		}
		l.obj = format_json_load(line, len, a->flags, &l.err);
		if (l.obj == NULL) {
			l.text = xmalloc(len + 1);
			memcpy(l.text, line, len + 1);
			l.len = len;
		}
		if (put(a, &l) == -1)
			return NULL;
	}
}

struct ahead *
ahead_start(struct linereader *lr, size_t json_flags, int scan)
{
	struct ahead	*a;
	struct stat	 sb;

	if (lr->fd >= 0 || lr->f == NULL || fstat(fileno(lr->f), &sb) == -1 ||
	    !S_ISREG(sb.st_mode))
		return NULL;
	a = xcalloc(1, sizeof *a);
	a->lr = lr;
	a->flags = json_flags;
	a->scan = scan;
	lr->keep_errors = 1;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->filled, NULL);
	pthread_cond_init(&a->emptied, NULL);
	/* jansson seeds its hash once, on first use: before two threads
	 * can both be first. */
	json_object_seed(0);
	if (pthread_create(&a->thread, NULL, run, a) != 0) {
		lr->keep_errors = 0;
		pthread_cond_destroy(&a->emptied);
		pthread_cond_destroy(&a->filled);
		pthread_mutex_destroy(&a->mu);
		free(a);
		return NULL;	/* read in this thread, as for a pipe */
	}
	return a;
}

void
ahead_next(struct ahead *a, struct ahead_line *l)
{
	if (a->igot < a->ngot) {
		*l = a->got[a->igot++];
		return;
	}
	a->igot = a->ngot = 0;
	pthread_mutex_lock(&a->mu);
	while (a->count == 0) {
		a->reader_waits = 1;
		pthread_cond_wait(&a->filled, &a->mu);
		a->reader_waits = 0;
	}
	/* The lines there, up to a batch, up to the end (which stays in
	 * the ring, told once). */
	while (a->count > 0 && a->ngot < AHEAD_BATCH &&
	    a->ring[a->head].rc == 1) {
		a->got[a->ngot++] = a->ring[a->head];
		memset(&a->ring[a->head], 0, sizeof a->ring[a->head]);
		a->head = (a->head + 1) % AHEAD_LINES;
		a->count--;
	}
	if (a->ngot == 0) {
		*l = a->ring[a->head];
		a->ring[a->head].msg = NULL;
	} else
		*l = a->got[a->igot++];
	if (a->thread_waits && a->count <= AHEAD_LINES - AHEAD_BATCH)
		pthread_cond_signal(&a->emptied);
	pthread_mutex_unlock(&a->mu);
}

void
ahead_release(struct ahead *a, json_t *obj, struct buf *pb)
{
	size_t	i, n;

	if (obj == NULL && pb == NULL)
		return;
	a->mine[a->nmine].obj = obj;
	a->mine[a->nmine++].pb = pb;
	if (a->nmine < AHEAD_BATCH)
		return;
	pthread_mutex_lock(&a->mu);
	n = AHEAD_LINES - a->ndone;
	if (n > a->nmine)
		n = a->nmine;
	memcpy(a->done + a->ndone, a->mine, n * sizeof a->mine[0]);
	a->ndone += n;
	pthread_mutex_unlock(&a->mu);
	/* The thread is not taking them (it waits, or it ended). */
	for (i = n; i < a->nmine; i++)
		done_free(&a->mine[i]);
	a->nmine = 0;
}

void
ahead_stop(struct ahead *a)
{
	if (a == NULL)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_signal(&a->emptied);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	while (a->igot < a->ngot)
		line_free(&a->got[a->igot++]);
	while (a->nmine > 0)
		done_free(&a->mine[--a->nmine]);
	while (a->ndone > 0)
		done_free(&a->done[--a->ndone]);
	while (a->npool > 0)
		pb_free(a->pool[--a->npool]);
	while (a->count > 0) {
		line_free(&a->ring[a->head]);
		a->head = (a->head + 1) % AHEAD_LINES;
		a->count--;
	}
	a->lr->keep_errors = 0;
	pthread_cond_destroy(&a->emptied);
	pthread_cond_destroy(&a->filled);
	pthread_mutex_destroy(&a->mu);
	free(a);
}
