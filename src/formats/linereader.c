/* The line reader (linereader.h): lines come from a buffer that is filled
 * in 64 KiB chunks and grows only when one line does not fit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "formats/linereader.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define LINE_CHUNK	((size_t)64 << 10)

void
linereader_init(struct linereader *lr, FILE *f, const char *name)
{
	memset(lr, 0, sizeof *lr);
	lr->f = f;
	lr->name = name;
	lr->max = FORMAT_LINE_MAX;
}

void
linereader_release(struct linereader *lr)
{
	free(lr->buf);
	lr->buf = NULL;
	lr->alloc = lr->start = lr->end = lr->scan = 0;
}

/* Reads more into the buffer, after moving the partial line to its start
 * and growing it if the line fills it. 0, or -1 after reporting. */
static int
linereader_fill(struct linereader *lr)
{
	size_t	n, have = lr->end - lr->start;

	if (lr->start > 0) {
		memmove(lr->buf, lr->buf + lr->start, have);
		lr->scan -= lr->start;
		lr->end = have;
		lr->start = 0;
	}
	if (lr->alloc - lr->end < LINE_CHUNK + 1) {
		n = lr->alloc ? lr->alloc * 2 : 2 * LINE_CHUNK;
		while (n - lr->end < LINE_CHUNK + 1)
			n *= 2;
		lr->buf = xrealloc(lr->buf, n);
		lr->alloc = n;
	}
	n = fread(lr->buf + lr->end, 1, lr->alloc - lr->end - 1, lr->f);
	lr->end += n;
	if (n == 0) {
		if (ferror(lr->f))
			return error("%s: %s", lr->name, strerror(errno));
		lr->eof = 1;
	}
	return 0;
}

int
linereader_next(struct linereader *lr, char **line, size_t *len)
{
	char	*nl = NULL;

	for (;;) {
		if (lr->buf != NULL)
			nl = memchr(lr->buf + lr->scan, '\n',
			    lr->end - lr->scan);
		if (nl != NULL || (lr->eof && lr->start < lr->end)) {
			if (nl == NULL)
				nl = lr->buf + lr->end; /* the last */
			*line = lr->buf + lr->start;
			*len = (size_t)(nl - *line);
			lr->start = lr->scan = (size_t)(nl - lr->buf) +
			    (nl < lr->buf + lr->end);
			*nl = '\0';
			lr->lineno++;
			if (*len > lr->max)
				break;
			/* A byte order mark is not data. */
			if (lr->lineno == 1 && *len >= 3 &&
			    memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
				*line += 3;
				*len -= 3;
			}
			return 1;
		}
		if (lr->eof)
			return 0;
		lr->scan = lr->end;
		if (lr->end - lr->start > lr->max) {
			lr->lineno++;
			break;
		}
		if (linereader_fill(lr) == -1)
			return -1;
	}
	/* Too long: refused before the rest of it is read. */
	if (lr->max == FORMAT_LINE_MAX)
		return error("%s:%lu: the line is longer than the limit of"
		    " %zu MiB", lr->name, lr->lineno, lr->max >> 20);
	return error("%s:%lu: the line is longer than the limit of %zu"
	    " bytes", lr->name, lr->lineno, lr->max);
}
