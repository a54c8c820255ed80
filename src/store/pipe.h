/* A walk read ahead (store/ and its tests only): the SQLite side of a
 * long read (its statements, the rows' columns) runs in a thread of its
 * own, which copies the rows into batches of bytes, while the caller's
 * figures are worked out from the batches before in the caller's thread.
 * The connection is the thread's alone until the walk ends (the caller
 * touches no store meanwhile), so each walk is one read transaction as
 * before. */
#ifndef SCALEC_STORE_PIPE_H
#define SCALEC_STORE_PIPE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct pipe;

/* A batch is handed over once it holds this many bytes. */
#define PIPE_BATCH	(256 * 1024)

/* In produce: the batch being filled. */
struct buf	*pipe_buf(struct pipe *);

/* In produce: hands the batch over (waiting for room) and starts an
 * empty one; 0, or 1 when the consumer stopped: produce should return. */
int		 pipe_send(struct pipe *);

/* In produce under pipe_run2: the chunk is whole (what the batch holds
 * goes with it); the consumer turns to the other producer's next. Under
 * pipe_run nothing. 0, or 1 when the consumer stopped. */
int		 pipe_chunk_end(struct pipe *);

/*
 * Runs produce(pipe, parg) in a thread (or here, where no thread can be
 * made) and consume(batch, len, carg) here for each batch it sends, in
 * order; what is left in the batch when produce returns is sent too.
 * consume's non-zero stops the walk. Returns consume's non-zero, else
 * produce's return value.
 */
int		 pipe_run(int (*produce)(struct pipe *, void *), void *parg,
		    int (*consume)(const char *, size_t, void *), void *carg);

/*
 * Two producers, each in a thread of its own with its own connection
 * (parg[0], parg[1]), the walk cut into chunks that they take in turn
 * (producer 0 the even ones, 1 the odd ones, each ending every chunk
 * with pipe_chunk_end): consume sees the batches in the chunks' order,
 * one producer reading ahead while the other's chunk is consumed.
 * Returns as pipe_run (-1 where a producer failed), or PIPE_NOT_RUN,
 * nothing consumed, when no threads could be made.
 */
#define PIPE_NOT_RUN	(-2)
int		 pipe_run2(int (*produce)(struct pipe *, void *), void *parg[2],
		    int (*consume)(const char *, size_t, void *), void *carg);

/*
 * For pipe_run2's second producer: a read-only connection to st's file,
 * both in a read transaction of one snapshot (data_version unchanged on
 * st across the second's start). NULL where st is in a transaction or
 * none could be had: read with st alone. pipe_pair_close ends both.
 */
struct store	*pipe_pair_open(struct store *st);
void		 pipe_pair_close(struct store *st, struct store *b);

/*
 * A walk of a project's tasks in id order, cut into chunks of
 * PIPE_CHUNK_TASKS task ids (store/quality.c, store/stats.c): each
 * producer's argument starts with a struct pipe_walk.
 */
#define PIPE_CHUNK_TASKS	1024

struct quality_encoder;

struct pipe_walk {
	struct store	*st;		/* this producer's connection */
	int64_t		 project_id;
	const struct quality_encoder *enc;	/* or NULL (store/quality.h) */
	void		*estate;	/* enc's, this producer's, while it
					   reads */
	int		 k, n;		/* producer k of n: chunks k, k + n,
					   ... */
	int		(*chunk)(struct pipe *, struct pipe_walk *,
			    int64_t lo, int64_t hi);
};

/*
 * Runs the walk: chunk(pp, w, lo, hi) in the reading threads for each
 * chunk [lo, hi] of the project's task ids (their rows read with the
 * store's walk mapping on, store_walk_mapped, and w's encoder open),
 * with two producers (pipe_run2) on two connections of st's snapshot
 * where the project's range of ids is long enough and a second
 * connection can be had (w[1] on it, w[0] on st), else with w[0] alone
 * (pipe_run) over the whole range as one chunk. Sets each one's st, k,
 * n and chunk; chunk returns 0, or non-zero to stop (-1 reported).
 * Returns as pipe_run.
 */
int		 pipe_walk_run(struct store *st, struct pipe_walk *w[2],
		    int (*chunk)(struct pipe *, struct pipe_walk *,
		    int64_t lo, int64_t hi),
		    int (*consume)(const char *, size_t, void *), void *carg);

#endif
