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

struct buf;
struct pipe;

/* A batch is handed over once it holds this many bytes. */
#define PIPE_BATCH	(256 * 1024)

/* In produce: the batch being filled. */
struct buf	*pipe_buf(struct pipe *);

/* In produce: hands the batch over (waiting for room) and starts an
 * empty one; 0, or 1 when the consumer stopped: produce should return. */
int		 pipe_send(struct pipe *);

/*
 * Runs produce(pipe, parg) in a thread (or here, where no thread can be
 * made) and consume(batch, len, carg) here for each batch it sends, in
 * order; what is left in the batch when produce returns is sent too.
 * consume's non-zero stops the walk. Returns consume's non-zero, else
 * produce's return value.
 */
int		 pipe_run(int (*produce)(struct pipe *, void *), void *parg,
		    int (*consume)(const char *, size_t, void *), void *carg);

#endif
