/* A line reader with a limit, for the line-based formats (JSONL, CSV and
 * TSV, txt): like getline(3), but a line longer than the limit is refused
 * with FILE:LINE before it is all in memory, and the buffer grows to the
 * longest line, never with the file. */
#ifndef SCALEC_LINEREADER_H
#define SCALEC_LINEREADER_H

#include <stddef.h>
#include <stdio.h>

/* The longest line (or CSV record) a reader accepts: far above any real
 * document (a 10 MB text imports intact), refused with FILE:LINE above. */
#define FORMAT_LINE_MAX	((size_t)256 << 20)

/* Set up by linereader_init, released by linereader_release; callers read
 * lineno (and tests set max). */
struct linereader {
	FILE		*f;
	const char	*name;		/* for messages */
	size_t		 max;		/* FORMAT_LINE_MAX unless a test says */
	char		*buf;
	size_t		 alloc;
	size_t		 start;		/* the next line begins here */
	size_t		 end;		/* bytes in buf */
	size_t		 scan;		/* no '\n' in buf[start, scan) */
	unsigned long	 lineno;	/* of the line last returned */
	int		 eof;
	int		 fd;		/* a pipe read as it comes; -1 */
	int		 keep_errors;	/* set: a failure's message goes in
					 * errmsg, not out (formats/ahead.c's
					 * thread reports nothing itself) */
	char		*errmsg;	/* owned; released with the rest */
};

void	linereader_init(struct linereader *, FILE *, const char *name);
/* When the stream is a pipe or FIFO not read yet: read it with read(2),
 * each line as soon as it is there, not a whole chunk first. */
void	linereader_stream(struct linereader *);
/*
 * The next line, without its '\n' (a '\r' before it is kept) and, on
 * line 1, without a UTF-8 byte order mark, NUL terminated, valid until the
 * next call. Returns 1, 0 at the end, or -1
 * after reporting (a read error, a line over the limit).
 */
int	linereader_next(struct linereader *, char **line, size_t *len);
/* Puts n bytes already taken from the stream (a sniffed head) before
 * what is still to read, as if the reader had read them itself; before
 * the first linereader_next. */
void	linereader_preload(struct linereader *, const char *bytes, size_t n);
void	linereader_release(struct linereader *);

#endif
