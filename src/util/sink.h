/* Where an export goes: a stream the caller already has (standard output,
 * a terminal, a memory stream in a test), a file, or a folder of files (one
 * per image, for the formats that write so). A file is written to a
 * temporary beside it and renamed over it at commit, so that a failed or
 * interrupted export never leaves half a file; a folder's files are each
 * written so and all renamed at commit. Every temporary the sinks hold is
 * on one list that sink_remove_temporaries empties from a signal handler.
 *
 * All use of the file system (where temporaries go, their mode, the
 * rename) is in sink.c, in one place each, so that it can be hardened
 * there. */
#ifndef SCALEC_SINK_H
#define SCALEC_SINK_H

#include <stdio.h>

struct sink;

/* A sink that writes to f, which stays the caller's (commit flushes it,
 * never closes it); name is for messages ("stdout"). */
struct sink	*sink_open_stream(FILE *f, const char *name);
/* sink_open_stream(stdout, "stdout"). */
struct sink	*sink_open_stdout(void);
/*
 * A sink that replaces the file at path when committed: it writes to a new
 * temporary path.tmp-XXXXXX beside it, with the mode a new file gets.
 * NULL after reporting ("PATH: cannot write there: ...").
 */
struct sink	*sink_open_path(const char *path);
/*
 * A sink into the folder path, made when it is not there (and removed
 * again by an abort). It has no stream of its own: sink_file gives one per
 * file. NULL after reporting.
 */
struct sink	*sink_open_dir(const char *path);

/* The sink's stream; NULL for a folder. Borrowed. */
FILE		*sink_stream(struct sink *);
/* The name for messages: the stream's name, the file or the folder. */
const char	*sink_name(const struct sink *);
/* 1 when the folder sink needs sink_file (no stream of its own). */
int		 sink_is_dir(const struct sink *);
/*
 * A stream for the file name inside a folder sink: name is relative, its
 * folders are made as needed, and it may not leave the folder (no "..", no
 * leading '/'). The file is written to a temporary, renamed at commit. The
 * stream is valid until the next sink_file, sink_commit or sink_abort,
 * which close it; each name is to be given once. NULL after reporting
 * (also for a sink that is not a folder).
 */
FILE		*sink_file(struct sink *, const char *name);
/* 1 when the stream being written (the sink's, or a folder's current
 * file) has had a write error. */
int		 sink_error(struct sink *);

/*
 * Finishes: flushes (and for files syncs) what was written and renames
 * each temporary over its file. Frees the sink, also when it fails: then
 * it reports ("PATH: writing failed: ...") and removes the temporaries
 * not yet renamed. 0 or -1.
 */
int		 sink_commit(struct sink *);
/* Drops what was written: removes the temporaries and the folders the sink
 * made, and frees it. NULL is allowed. */
void		 sink_abort(struct sink *);

/*
 * Removes every sink's temporaries and the folders they made, and nothing
 * else: async-signal-safe (unlink and rmdir only), for the handlers of the
 * signals that end an export. The sinks are not freed.
 */
void		 sink_remove_temporaries(void);

#endif
