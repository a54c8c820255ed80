/* Reading a whole file, or standard input for "-", the one way: with a
 * size limit, and messages that name it NAME, the path or "stdin" (the one
 * spelling, as import's messages have it). A position in it reads
 * NAME:LINE:COLUMN, the column counted in characters as libyaml and jansson
 * count it. A regular file over the limit is refused before it is read;
 * a pipe, as soon as it passes it. */
#ifndef SCALEC_INPUT_H
#define SCALEC_INPUT_H

#include <stddef.h>

#include "util/buf.h"

#define INPUT_TEXT	0x1	/* valid UTF-8 without a NUL byte */
#define INPUT_STRIP_BOM	0x2	/* drop a UTF-8 byte order mark at the start */
#define INPUT_CRLF	0x4	/* CRLF line ends become LF */

/*
 * Reads all of path ("-": standard input) into out, replacing what it held
 * (out->data is then never NULL), and sets *name, if name is not NULL, to
 * the name messages use: "stdin" or path itself. Returns 0; or -1 after
 * error(), with out empty: "NAME: is a directory", "NAME: larger than 1
 * MiB", "NAME:LINE:COLUMN: invalid UTF-8 (byte 0xff)", "NAME:LINE:COLUMN:
 * a NUL byte", or "NAME: " and the system's reason. A BOM is dropped before
 * the text is checked, so that positions count as an editor shows them;
 * CRLF is made LF after, which moves no line and no column.
 */
int	input_read(const char *path, size_t max, int flags, struct buf *out,
	    const char **name);
/* What input_read does with the bytes it read, on b's (NUL-ended): drops
 * a BOM, checks the text and ends lines with LF, as flags ask. 0, or -1
 * after error() with its messages, name in them. */
int	input_text(struct buf *b, const char *name, int flags);
/*
 * The 1-based line and column of the character at byte offset in s (len
 * bytes; an offset past them is taken as len). Lines end at LF; the column
 * counts characters, an invalid byte as one.
 */
void	input_position(const char *s, size_t len, size_t offset,
	    unsigned long *line, unsigned long *column);

#endif
