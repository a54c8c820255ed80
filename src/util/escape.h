/* Terminal-safe text. Task text is untrusted: control characters (C0 and
 * C1), escape sequences, bidi overrides, invisible spaces (zero-width space,
 * word joiner, a BOM inside text) and invalid bytes are made visible
 * and never reach a terminal raw. Tables, messages and the full screen all
 * use this one definition. */
#ifndef SCALEC_ESCAPE_H
#define SCALEC_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

#define ESCAPE_KEEP_NEWLINE	0x1	/* pass '\n' through (multi-line messages) */
#define ESCAPE_KEEP_TAB		0x2	/* pass '\t' through */
#define ESCAPE_KEEP_CRLF	0x4	/* pass a '\r' that a '\n' follows */

/*
 * If code point cp must not be written raw, writes its visible form into out
 * (at most 16 bytes with the NUL: "^[", "<U+202E>") and returns 1; else 0.
 */
int	 escape_cp(uint32_t cp, char out[16]);
/* Appends s, escaped, to out. Invalid UTF-8 bytes appear as \xNN. */
void	 escape_add(struct buf *out, const char *s, size_t len, int flags);
/* Returns an escaped copy of s for the caller to free. */
char	*escape_dup(const char *s, int flags);
/*
 * A stream that writes what it is given to out, escaped as escape_add does
 * with newlines, tabs and CRLF line ends kept: for output that is a
 * terminal (an export's formats are written through it there). A UTF-8
 * sequence split between two writes is held until it is whole. Closing it
 * writes what it holds and leaves out open (not flushed). Never NULL (out
 * of memory exits, as xmalloc does).
 */
FILE	*escape_stream(FILE *out);

#endif
