/* Terminal-safe text: one definition of what is shown visibly. */
#include <stdio.h>
#include <string.h>

#include "util/escape.h"
#include "util/utf8.h"

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
