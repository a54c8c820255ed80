/* Terminal-safe text: one definition of what is shown visibly. The
 * escaping stream is a glibc cookie stream (fopencookie), so that any
 * writer, whatever it calls (fputs, putc, jansson's dumpf), is escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define ESCAPE_STREAM_FLAGS \
	(ESCAPE_KEEP_NEWLINE | ESCAPE_KEEP_TAB | ESCAPE_KEEP_CRLF)

int
escape_cp(uint32_t cp, char out[16])
{
	if (cp < 0x20 || cp == 0x7f) {
		/* Caret notation, as less and cat -v show it: ESC is ^[. */
		out[0] = '^';
		out[1] = (char)(cp == 0x7f ? '?' : cp + 0x40);
		out[2] = '\0';
		return 1;
	}
	if ((cp >= 0x80 && cp <= 0x9f) ||		/* C1 controls, CSI */
	    (cp >= 0x202a && cp <= 0x202e) ||		/* bidi embeddings */
	    (cp >= 0x2066 && cp <= 0x2069) ||		/* bidi isolates */
	    cp == 0x200e || cp == 0x200f || cp == 0x061c ||	/* marks */
	    cp == 0x2028 || cp == 0x2029 ||		/* line separators */
	    cp == 0x200b || cp == 0x2060 || cp == 0xfeff) { /* invisible */
		snprintf(out, 16, "<U+%04X>", (unsigned)cp);
		return 1;
	}
	return 0;
}

void
escape_add(struct buf *out, const char *s, size_t len, int flags)
{
	size_t		i = 0;
	uint32_t	cp;
	char		vis[16];
	int		n;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			buf_printf(out, "\\x%02X", (unsigned char)s[i]);
			i++;
			continue;
		}
		if ((cp == '\n' && (flags & ESCAPE_KEEP_NEWLINE)) ||
		    (cp == '\r' && (flags & ESCAPE_KEEP_CRLF) &&
		    i + 1 < len && s[i + 1] == '\n') ||
		    (cp == '\t' && (flags & ESCAPE_KEEP_TAB)) ||
		    !escape_cp(cp, vis))
			buf_add(out, s + i, (size_t)n);
		else
			buf_addstr(out, vis);
		i += (size_t)n;
	}
}

char *
escape_dup(const char *s, int flags)
{
	struct buf	out = BUF_INIT;

	escape_add(&out, s, strlen(s), flags);
	return buf_detach(&out);
}

struct escaping {
	FILE	*out;
	char	 held[4];	/* an unfinished UTF-8 sequence or a '\r' */
	size_t	 nheld;
};

/* How many bytes at the end of s (len) may start what the next write
 * finishes: an unfinished UTF-8 sequence, or a '\r' before a '\n'. */
static size_t
unfinished(const char *s, size_t len)
{
	size_t		i, need;
	unsigned char	c;

	if (len > 0 && s[len - 1] == '\r')
		return 1;
	for (i = 1; i <= 3 && i <= len; i++) {
		c = (unsigned char)s[len - i];
		if ((c & 0xc0) == 0x80)
			continue;	/* a continuation byte: look further */
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return need > i && c < 0xf8 ? i : 0;
	}
	return 0;
}

static ssize_t
escaping_write(void *cookie, const char *data, size_t size)
{
	struct escaping	*e = cookie;
	struct buf	 in = BUF_INIT, out = BUF_INIT;
	size_t		 keep;
	int		 ok;

	buf_add(&in, e->held, e->nheld);
	buf_add(&in, data, size);
	keep = unfinished(in.data, in.len);
	escape_add(&out, in.data, in.len - keep, ESCAPE_STREAM_FLAGS);
	memcpy(e->held, in.data + in.len - keep, keep);
	e->nheld = keep;
	ok = fwrite(out.data != NULL ? out.data : "", 1, out.len, e->out) ==
	    out.len;
	buf_release(&in);
	buf_release(&out);
	return ok ? (ssize_t)size : -1;
}

static int
escaping_close(void *cookie)
{
	struct escaping	*e = cookie;
	struct buf	 out = BUF_INIT;
	int		 rc = 0;

	escape_add(&out, e->held, e->nheld, ESCAPE_STREAM_FLAGS);
	if (out.len > 0 && fwrite(out.data, 1, out.len, e->out) != out.len)
		rc = EOF;
	buf_release(&out);
	free(e);
	return rc;
}

FILE *
escape_stream(FILE *out)
{
	cookie_io_functions_t	 io = { NULL, escaping_write, NULL,
	    escaping_close };
	struct escaping		*e = xcalloc(1, sizeof *e);
	FILE			*f;

	e->out = out;
	/* It fails only for want of memory, as xmalloc never does. */
	if ((f = fopencookie(e, "w", io)) == NULL) {
		fprintf(stderr, "scalec: out of memory (an escaping stream)\n");
		exit(1);
	}
	return f;
}
