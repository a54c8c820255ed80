/* A splitter of a whole JSON document into the pieces a reader loads one at
 * a time (jansson has no streaming reader): each element of a top-level
 * array, or, for a top-level object, each element of every member that is
 * an array (with the member's name and index) and every other member's
 * value whole. Each piece is its bytes, for json_loadb, with its place in
 * the file for messages; only the piece in hand is in memory, so memory
 * does not grow with the file (Label Studio's export, COCO).
 *
 * The splitter knows strings (a bracket or comma inside one is text) and
 * nesting, and checks the document's frame: the separators and brackets
 * between pieces, nothing after the end. What is inside a piece is
 * json_loadb's to check. */
#ifndef SCALEC_JSONSPLIT_H
#define SCALEC_JSONSPLIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

/* Set up by jsonsplit_init, released by jsonsplit_release; callers read
 * top (and tests set max). */
struct jsonsplit {
	FILE		*f;
	const char	*name;		/* for messages */
	size_t		 max;		/* the longest piece: FORMAT_LINE_MAX
					 * unless a test says */
	int		 top;		/* '[' or '{' once the first piece
					 * is asked for; 0 before */
	int		 state;		/* where in the frame */
	char		*buf;
	size_t		 alloc;
	size_t		 start;		/* the next unread byte */
	size_t		 end;		/* bytes in buf */
	int		 eof;
	unsigned long	 line;		/* of buf[start], from 1 */
	unsigned long	 col;		/* of buf[start], in bytes, from 1 */
	uint64_t	 offset;	/* of buf[start] in the file */
	struct buf	 member;	/* the member being read */
	size_t		 index;		/* of the next element in its array */
};

/* One piece: borrowed until the next jsonsplit_next. */
struct jsonsplit_item {
	const char	*member;	/* the top-level object's member it
					 * is in; NULL in a top-level array */
	int		 whole;		/* a member's value that is no array,
					 * given whole (index is 0) */
	size_t		 index;		/* its index in its array */
	const char	*bytes;		/* not NUL terminated */
	size_t		 len;
	unsigned long	 line;		/* where it begins, from 1 */
	unsigned long	 col;		/* in bytes, from 1 */
	uint64_t	 offset;	/* bytes before it in the file */
};

void	jsonsplit_init(struct jsonsplit *, FILE *, const char *name);
/*
 * The next piece: 1, 0 at the end of the document, or -1 after reporting
 * FILE:LINE:COL: what is wrong (no array or object, a missing ',' or ']',
 * a piece over the limit, a file that ends inside one, text after the
 * end, a read error). A byte order mark before the document is skipped.
 */
int	jsonsplit_next(struct jsonsplit *, struct jsonsplit_item *);
/* Bytes of the input consumed so far, for a progress bar. */
uint64_t jsonsplit_pos(const struct jsonsplit *);
/* The line and column in the file of a place that json_loadb reports
 * (its json_error_t line and column, from 1) inside a piece. */
void	jsonsplit_place(const struct jsonsplit_item *, int eline, int ecol,
	    unsigned long *line, unsigned long *col);
void	jsonsplit_release(struct jsonsplit *);

#endif
