/* JSON lines parsed ahead, in a thread of their own: while the import
 * writes one task, the next lines are read and parsed (two cores do the
 * two halves of a JSONL import at once). Only for a regular file, whose
 * reads never wait, so that stopping early is a join, never a cancel;
 * a pipe keeps the one thread, and each line as it comes. The thread
 * owns the line reader and reports nothing: every message it would give
 * is handed over with its line and given by the reader, in order. At
 * most AHEAD_LINES parsed lines wait, so memory stays one batch's. */
#ifndef SCALEC_AHEAD_H
#define SCALEC_AHEAD_H

#include <stddef.h>

#include <jansson.h>

#include "formats/plainscan.h"

#define AHEAD_LINES	256

struct linereader;
struct ahead;
struct buf;

/* One line, as the thread handed it over. */
struct ahead_line {
	int		 rc;		/* 1 a line, 0 the end, -1 a failure
					 * of the line reader (msg) */
	unsigned long	 lineno;
	json_t		*obj;		/* owned by the caller; NULL when the
					 * line is not JSON (err, text) or
					 * was scanned (pb) */
	struct buf	*pb;		/* a plain line scanned (plainscan.h)
					 * into these bytes, or NULL; the
					 * caller's until ahead_release */
	struct plain	 plain;		/* what is where in pb */
	json_error_t	 err;
	char		*text;		/* the line when obj is NULL, to
					 * free */
	size_t		 len;
	char		*msg;		/* rc -1: the message, to free */
};

/* Starts the thread on lr when lr reads a regular file: NULL otherwise
 * (read lr as before). lr is the thread's until ahead_stop. With scan,
 * a native line of the plain keys is scanned (plain_scan), not parsed. */
struct ahead	*ahead_start(struct linereader *lr, size_t json_flags,
		    int scan);
/* The next line, in order (blank lines are left out). */
void		 ahead_next(struct ahead *, struct ahead_line *);
/* The reader is done with a line's obj and pb (either may be NULL): the
 * thread frees or reuses them, in a batch. */
void		 ahead_release(struct ahead *, json_t *obj, struct buf *pb);
/* Stops and joins the thread, dropping what it parsed and no one took. */
void		 ahead_stop(struct ahead *);

#endif
