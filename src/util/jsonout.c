/* JSON as scalec writes it (jsonout.h). The escapes are applied to
 * jansson's output, not its input: outside strings jansson writes only
 * ASCII, so each of these characters found in its output is inside a
 * string, where \uXXXX means the same character to any reader. A chunk of
 * jansson's output may end inside one of them; the bytes that may begin
 * one are held for the next chunk. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/jsonout.h"

/* The length of the sequence at s (len bytes) that is escaped, writing
 * its \uXXXX into out; 0 when s does not start one; -1 when s is too short
 * to tell. */
static int
escaped_at(const unsigned char *s, size_t len, char out[8])
{
	if (s[0] == 0x7f) {
		memcpy(out, "\\u007F", 7);
		return 1;
	}
	if (s[0] == 0xc2) {
		if (len < 2)
			return -1;
		if (s[1] < 0x80 || s[1] > 0x9f)
			return 0;
		snprintf(out, 8, "\\u%04X", (unsigned)s[1]);
		return 2;
	}
	if (s[0] == 0xe2) {
		if (len < 2 || ((s[1] == 0x80 || s[1] == 0x81) && len < 3))
			return -1;
		if ((s[1] == 0x80 && s[2] >= 0xaa && s[2] <= 0xae) ||
		    (s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)) {
			snprintf(out, 8, "\\u%04X", 0x2000u | ((s[1] & 0x3fu)
			    << 6) | (s[2] & 0x3fu));
			return 3;
		}
	}
	return 0;
}

/* Escapes s into out; returns how many bytes at the end were left for
 * the next chunk (only when more may come). */
static size_t
escape_chunk(struct buf *out, const char *s, size_t len, int more)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, run = 0;
	char			 seq[8];
	int			 n;

	while (i < len) {
		if (u[i] != 0x7f && u[i] != 0xc2 && u[i] != 0xe2) {
			i++;
			continue;
		}
		n = escaped_at(u + i, len - i, seq);
		if (n == -1 && more)
			break;
		if (n <= 0) {
			i++;
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_addstr(out, seq);
		i += (size_t)n;
		run = i;
	}
	buf_add(out, s + run, i - run);
	return len - i;
}

void
jsonout_escape(struct buf *out, const char *s, size_t len)
{
	escape_chunk(out, s, len, 0);
}

int
jsonout_needs_escape(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	const uint64_t		 ones = 0x0101010101010101ULL,
				 highs = 0x8080808080808080ULL;
	uint64_t		 w, x;
	char			 seq[8];
	size_t			 i = 0, j;

	/* A word at a time: one of ASCII but DEL (0x7f) holds none of the
	 * sequences (each begins with 0x7f, 0xc2 or 0xe2), and is passed;
	 * any other word is looked at a byte at a time. */
	for (; len - i >= 8; i = j) {
		memcpy(&w, u + i, 8);
		x = w ^ 0x7f7f7f7f7f7f7f7fULL;
		if (((w | ((x - ones) & ~x)) & highs) == 0) {
			j = i + 8;
			continue;
		}
		for (j = i; j < i + 8; j++)
			if ((u[j] == 0x7f || u[j] == 0xc2 || u[j] == 0xe2) &&
			    escaped_at(u + j, len - j, seq) > 0)
				return 1;
	}
	for (; i < len; i++)
		if ((u[i] == 0x7f || u[i] == 0xc2 || u[i] == 0xe2) &&
		    escaped_at(u + i, len - i, seq) > 0)
			return 1;
	return 0;
}

static int
dump_raw(const char *buffer, size_t size, void *data)
{
	buf_add(data, buffer, size);
	return 0;
}

int
jsonout_dumpf(const json_t *j, FILE *f, size_t flags)
{
	static struct buf	raw, out;
	int			rc;

	/* jansson's callback gets every token apart: gathered first, then
	 * escaped and written at once (a write per token cost more than
	 * the rest of a JSONL export). Kept between calls: one record's
	 * size, not the file's. */
	buf_reset(&raw);
	buf_reset(&out);
	if ((rc = json_dump_callback(j, dump_raw, &raw, flags)) != 0)
		return -1;
	escape_chunk(&out, raw.data != NULL ? raw.data : "", raw.len, 0);
	if (out.len > 0 && fwrite(out.data, 1, out.len, f) != out.len)
		return -1;
	return 0;
}

char *
jsonout_dumps(const json_t *j, size_t flags)
{
	struct buf	 out = BUF_INIT;
	char		*s;

	if ((s = json_dumps(j, flags)) == NULL)
		return NULL;
	jsonout_escape(&out, s, strlen(s));
	free(s);
	return buf_detach(&out);
}
