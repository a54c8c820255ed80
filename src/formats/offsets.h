/* Text offsets at a format's edge: scalec keeps Unicode code points (end
 * exclusive); doccano's are UTF-16 code units (JavaScript string indices)
 * by default, Prodigy's code points. These convert one offset at a time
 * between a unit and code points of a UTF-8 text, and say why an offset
 * has no code point (past the end, inside a surrogate pair). Grapheme
 * clusters (what a person sees as one character: an emoji with its ZWJ
 * sequence, a flag, a letter with its combining marks, CRLF) follow
 * Unicode's extended cluster rules (UAX #29) through libutf8proc, an
 * optional dependency: a scalec built without it refuses the unit. */
#ifndef SCALEC_OFFSETS_H
#define SCALEC_OFFSETS_H

#include <stddef.h>

enum offset_unit {
	OFFSETS_DEFAULT,	/* the format's own */
	OFFSETS_CODEPOINT,
	OFFSETS_UTF16,
	OFFSETS_GRAPHEME,	/* extended grapheme clusters */
};

/* "codepoint", "utf16", "grapheme"; "default" for OFFSETS_DEFAULT. */
const char	*offset_unit_name(enum offset_unit);
/* 1 when this scalec counts grapheme clusters (built with libutf8proc). */
int		 offset_graphemes(void);
/* The unit called name: 0, or -1 with what is wrong in err. grapheme is
 * refused, saying what it needs, without offset_graphemes(). */
int		 offset_unit_parse(const char *name, enum offset_unit *,
		    char *err, size_t errlen);

/*
 * Offset off in unit u of the UTF-8 text s (len bytes, valid) as a code
 * point index in *cp: 0, or -1 with why (static text): past the end of
 * the text, or between the two halves of a surrogate pair.
 */
int		 offset_to_cp(const char *s, size_t len, enum offset_unit u,
		    size_t off, size_t *cp, const char **why);
/* What offset_from_cp gives for a code point inside a grapheme cluster. */
#define OFFSET_NONE	((size_t)-1)
/* Code point index cp of s (at most its length) in unit u; OFFSET_NONE
 * when u is grapheme and cp is not where a cluster starts or ends. */
size_t		 offset_from_cp(const char *s, size_t len, enum offset_unit u,
		    size_t cp);
/* The length of s in unit u. */
size_t		 offset_length(const char *s, size_t len, enum offset_unit u);

#endif
