/* Offsets between a format's unit and code points (formats/offsets.h).
 * Each call walks the text from its start: a task's text is short beside
 * the file, and a span's conversion stays one pass over what precedes it.
 * A walk counts the units each code point begins: UTF-16 units (two above
 * U+FFFF), one for a code point, and for grapheme clusters one for the
 * code point that starts a cluster and none for the rest of it, which is
 * where libutf8proc's rules (utf8proc_grapheme_break_stateful, UAX #29's
 * extended clusters) come in. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef HAVE_UTF8PROC
#include <utf8proc.h>
#endif

#include "formats/offsets.h"
#include "util/utf8.h"

const char *
offset_unit_name(enum offset_unit u)
{
	switch (u) {
	case OFFSETS_CODEPOINT:	return "codepoint";
	case OFFSETS_UTF16:	return "utf16";
	case OFFSETS_GRAPHEME:	return "grapheme";
	default:		return "default";
	}
}

int
offset_graphemes(void)
{
#ifdef HAVE_UTF8PROC
	return 1;
#else
	return 0;
#endif
}

int
offset_unit_parse(const char *name, enum offset_unit *u, char *err,
    size_t errlen)
{
	if (strcmp(name, "codepoint") == 0)
		*u = OFFSETS_CODEPOINT;
	else if (strcmp(name, "utf16") == 0)
		*u = OFFSETS_UTF16;
	else if (strcmp(name, "grapheme") == 0 && offset_graphemes())
		*u = OFFSETS_GRAPHEME;
	else if (strcmp(name, "grapheme") == 0) {
		snprintf(err, errlen, "grapheme offsets need Unicode's"
		    " grapheme cluster rules from libutf8proc, and this scalec"
		    " was built without it (configure --without-utf8proc, or"
		    " libutf8proc-dev missing); codepoint or utf16");
		return -1;
	} else {
		snprintf(err, errlen, "unknown offset unit '%s' (codepoint,"
		    " utf16 or grapheme)", name);
		return -1;
	}
	return 0;
}

/* A walk over a text a code point at a time. */
struct walk {
	const char	*s;
	size_t		 len, i;	/* bytes; i: the next code point's */
	enum offset_unit u;
	uint32_t	 prev;
	int32_t		 state;		/* utf8proc's, for GB11-13 */
};

static void
walk_init(struct walk *w, const char *s, size_t len, enum offset_unit u)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->len = len;
	w->u = u;
}

/* The units the next code point begins (the walk not at its end), and
 * *k its bytes. */
static size_t
walk_peek(struct walk *w, uint32_t *c, int *k)
{
	if ((*k = utf8_decode(w->s + w->i, w->len - w->i, c)) < 1)
		*k = 1, *c = 0xfffd;
	switch (w->u) {
	case OFFSETS_UTF16:
		return *c > 0xffff ? 2 : 1;
#ifdef HAVE_UTF8PROC
	case OFFSETS_GRAPHEME:
		if (w->i == 0)
			return 1;
		return utf8proc_grapheme_break_stateful((utf8proc_int32_t)w->prev,
		    (utf8proc_int32_t)*c, &w->state) ? 1 : 0;
#endif
	default:
		return 1;
	}
}

/* Moves past the code point walk_peek saw. */
static void
walk_take(struct walk *w, uint32_t c, int k)
{
	w->i += (size_t)k;
	w->prev = c;
}

int
offset_to_cp(const char *s, size_t len, enum offset_unit u, size_t off,
    size_t *cp, const char **why)
{
	struct walk	w;
	size_t		at = 0, n = 0, units;
	uint32_t	c;
	int		k;

	walk_init(&w, s, len, u);
	for (;;) {
		if (w.i >= len) {
			if (at == off)
				break;
			*why = "past the end of the text";
			return -1;
		}
		/* A grapheme offset is where a cluster starts: past the
		 * code points that go on the one before. */
		units = walk_peek(&w, &c, &k);
		if (at == off && units > 0)
			break;
		walk_take(&w, c, k);
		at += units;
		n++;
		if (at > off) {
			*why = "inside a character written as a UTF-16"
			    " surrogate pair (an emoji or another character"
			    " above U+FFFF)";
			return -1;
		}
	}
	*cp = n;
	return 0;
}

size_t
offset_from_cp(const char *s, size_t len, enum offset_unit u, size_t cp)
{
	struct walk	w;
	size_t		at = 0, n, units;
	uint32_t	c;
	int		k;

	if (u != OFFSETS_UTF16 && u != OFFSETS_GRAPHEME)
		return cp;
	walk_init(&w, s, len, u);
	for (n = 0; n < cp && w.i < len; n++) {
		at += walk_peek(&w, &c, &k);
		walk_take(&w, c, k);
	}
	/* The next code point goes on the cluster: no grapheme offset. */
	if (w.i < len && (units = walk_peek(&w, &c, &k)) == 0)
		return OFFSET_NONE;
	return at;
}

size_t
offset_length(const char *s, size_t len, enum offset_unit u)
{
	if (u != OFFSETS_UTF16 && u != OFFSETS_GRAPHEME)
		return utf8_count(s, len);
	return offset_from_cp(s, len, u, SIZE_MAX);
}
