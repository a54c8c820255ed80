/* The line reader (linereader.h): lines come from a buffer that is filled
 * in 64 KiB chunks and grows only when one line does not fit. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/linereader.h"
#include "util/buf.h"
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
	lr->fd = -1;
}

void
linereader_stream(struct linereader *lr)
{
	struct stat	sb;

	if (lr->f != NULL && ftell(lr->f) <= 0 && fstat(fileno(lr->f), &sb)
	    == 0 && S_ISFIFO(sb.st_mode))
		lr->fd = fileno(lr->f);
}

void
linereader_preload(struct linereader *lr, const char *bytes, size_t n)
{
	size_t	alloc = 2 * LINE_CHUNK;

	while (alloc < n + LINE_CHUNK + 1)
		alloc *= 2;
	lr->buf = xrealloc(lr->buf, alloc);
	lr->alloc = alloc;
	memcpy(lr->buf, bytes, n);
	lr->start = lr->scan = 0;
	lr->end = n;
}

void
linereader_release(struct linereader *lr)
{
	free(lr->buf);
	lr->buf = NULL;
	free(lr->errmsg);
	lr->errmsg = NULL;
	lr->alloc = lr->start = lr->end = lr->scan = 0;
}

/* Reads more into the buffer, after moving the partial line to its start
 * and growing it if the line fills it. 0, or -1 after reporting. */
/* Reports a failure, or keeps its message (keep_errors); -1. */
static int __attribute__((format(printf, 2, 3)))
fail(struct linereader *lr, const char *fmt, ...)
{
	struct buf	msg = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (!lr->keep_errors) {
		error("%s", buf_str(&msg));
		buf_release(&msg);
	} else {
		free(lr->errmsg);
		lr->errmsg = buf_detach(&msg);
	}
	return -1;
}

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
	if (lr->fd >= 0) {
		/* A pipe: what is there, not a whole chunk, so that a line
		 * is read when it comes (an import commits meanwhile). */
		ssize_t	r;

		while ((r = read(lr->fd, lr->buf + lr->end,
		    lr->alloc - lr->end - 1)) == -1 && errno == EINTR)
			;
		if (r == -1)
			return fail(lr, "%s: %s", lr->name, strerror(errno));
		lr->end += (size_t)r;
		lr->eof = r == 0;
		return 0;
	}
	n = fread(lr->buf + lr->end, 1, lr->alloc - lr->end - 1, lr->f);
	lr->end += n;
	if (n == 0) {
		if (ferror(lr->f))
			return fail(lr, "%s: %s", lr->name, strerror(errno));
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
		return fail(lr, "%s:%lu: the line is longer than the limit"
		    " of %zu MiB", lr->name, lr->lineno, lr->max >> 20);
	return fail(lr, "%s:%lu: the line is longer than the limit of %zu"
	    " bytes", lr->name, lr->lineno, lr->max);
}
