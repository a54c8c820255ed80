/* A walk read ahead (pipe.h): a ring of batches between the thread that
 * reads and the caller that works them out. Each side wakes the other
 * only for a whole batch. */
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "store/pipe.h"
#include "util/buf.h"

#define PIPE_SLOTS	4

struct pipe {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct buf	 slot[PIPE_SLOTS];	/* full ones from head; the
						 * rest spent, for reuse */
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

int
pipe_send(struct pipe *p)
{
	struct buf	t;
	size_t		at;

	if (p->cur.len == 0)
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
	p->cur = t;
	if (p->count++ == 0)
		pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	buf_reset(&p->cur);
	return 0;
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
