/* Where an export goes: a stream the caller already has (standard output,
 * a terminal, a memory stream in a test), a file, or a folder of files (one
 * per image, for the formats that write so). A file is written to a
 * temporary beside it and renamed over it at commit, so that a failed or
 * interrupted export never leaves half a file; a folder's files are each
 * written so and all renamed at commit. A device or a FIFO is written
 * directly; what util/outfile.h refuses (a symbolic link unless followed,
 * someone else's file, a block device) is refused. Every temporary the
 * sinks hold is on one list that sink_remove_temporaries empties from a
 * signal handler. A stream that is a terminal gets task text escaped
 * (util/escape.h's escape_stream); anything else gets the exact bytes.
 *
 * The rules for paths are util/outfile.c's; sink.c applies them. */
#ifndef SCALEC_SINK_H
#define SCALEC_SINK_H

#include <stdio.h>

struct sink;

/* A sink that writes to f, which stays the caller's (commit flushes it,
 * never closes it); name is for messages ("stdout"). */
struct sink	*sink_open_stream(FILE *f, const char *name);
/* sink_open_stream(stdout, "stdout"). */
struct sink	*sink_open_stdout(void);

#define SINK_FOLLOW_SYMLINKS	0x1	/* a symbolic link at path is followed
					 * (export --follow-symlinks) */

/*
 * A sink for path, as util/outfile.h's outfile_check judges it: a new file
 * or one of ours is replaced when committed (written to a new temporary
 * path.tmp-XXXXXX beside it with the mode a new file gets, or the old
 * file's mode and group); a character device or a FIFO is written
 * directly. NULL after reporting ("PATH: cannot write there: ...", "PATH:
 * is a symbolic link: ...").
 */
struct sink	*sink_open_path(const char *path, int flags);
/*
 * A sink into the folder path, made when it is not there (and removed
 * again by an abort). It has no stream of its own: sink_file gives one per
 * file. Inside it no link is followed and only regular files are
 * replaced. NULL after reporting.
 */
struct sink	*sink_open_dir(const char *path, int flags);

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
