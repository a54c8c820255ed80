/* Reading whole files and standard input. Standard input is read through
 * stdio, not its descriptor, so that nothing stdin has buffered is lost;
 * fstat tells a directory (which fopen opens) and a regular file's size. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/error.h"
#include "util/input.h"
#include "util/utf8.h"

#define MIB	(1024 * 1024)

static int
too_large(const char *name, size_t max)
{
	if (max >= MIB && max % MIB == 0)
		return error("%s: larger than %zu MiB", name, max / MIB);
	if (max >= 1024 && max % 1024 == 0)
		return error("%s: larger than %zu KiB", name, max / 1024);
	return error("%s: larger than %zu bytes", name, max);
}

int
input_text(struct buf *b, const char *name, int flags)
{
	const char	*nul;
	size_t		 i, j, end;
	unsigned long	 line, column;
	long		 bad;

	if ((flags & INPUT_STRIP_BOM) && b->len >= 3 &&
	    memcmp(b->data, "\xef\xbb\xbf", 3) == 0) {
		memmove(b->data, b->data + 3, b->len - 2);
		b->len -= 3;
	}
	if (flags & INPUT_TEXT) {
		nul = memchr(b->data, '\0', b->len);
		end = nul != NULL ? (size_t)(nul - b->data) : b->len;
		if ((bad = utf8_invalid_at(b->data, end)) != -1) {
			input_position(b->data, b->len, (size_t)bad, &line,
			    &column);
			return error("%s:%lu:%lu: invalid UTF-8 (byte 0x%02x)",
			    name, line, column, (unsigned char)b->data[bad]);
		}
		if (nul != NULL) {
			input_position(b->data, b->len, end, &line, &column);
			return error("%s:%lu:%lu: a NUL byte", name, line,
			    column);
		}
	}
	if (flags & INPUT_CRLF) {
		for (i = j = 0; i < b->len; i++) {
			if (b->data[i] != '\r' || b->data[i + 1] != '\n')
				b->data[j++] = b->data[i];
		}
		b->len = j;
		b->data[j] = '\0';
	}
	return 0;
}

int
input_read(const char *path, size_t max, int flags, struct buf *out,
    const char **name)
{
	const char	*nm = strcmp(path, "-") == 0 ? "stdin" : path;
	FILE		*f = stdin;
	struct stat	 sb;
	char		 chunk[65536];
	size_t		 n;
	int		 rc = -1;

	buf_reset(out);
	buf_grow(out, 0);
	if (name != NULL)
		*name = nm;
	if (nm == path && (f = fopen(path, "rb")) == NULL)
		return error("%s: %s", nm, strerror(errno));
	if (fstat(fileno(f), &sb) == -1) {
		error("%s: %s", nm, strerror(errno));
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		error("%s: is a directory", nm);
		goto out;
	}
	if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > max) {
		too_large(nm, max);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (n > max - out->len) {
			too_large(nm, max);
			goto out;
		}
		buf_add(out, chunk, n);
	}
	if (ferror(f)) {
		error("%s: %s", nm, strerror(errno));
		goto out;
	}
	rc = input_text(out, nm, flags);
out:
	if (f != stdin)
		fclose(f);
	if (rc == -1)
		buf_reset(out);
	return rc;
}

void
input_position(const char *s, size_t len, size_t offset, unsigned long *line,
    unsigned long *column)
{
	const char	*nl;
	size_t		 i, start = 0;
	uint32_t	 cp;
	int		 n;

	if (offset > len)
		offset = len;
	*line = 1;
	while ((nl = memchr(s + start, '\n', offset - start)) != NULL) {
		(*line)++;
		start = (size_t)(nl - s) + 1;
	}
	*column = 1;
	for (i = start; i < offset; i += n > 0 ? (size_t)n : 1) {
		n = utf8_decode(s + i, len - i, &cp);
		(*column)++;
	}
}
