/* Offsets between a format's unit and code points (formats/offsets.h).
 * Each call walks the text from its start: a task's text is short beside
 * the file, and a span's conversion stays one pass over what precedes it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
offset_unit_parse(const char *name, enum offset_unit *u, char *err,
    size_t errlen)
{
	if (strcmp(name, "codepoint") == 0)
		*u = OFFSETS_CODEPOINT;
	else if (strcmp(name, "utf16") == 0)
		*u = OFFSETS_UTF16;
	else if (strcmp(name, "grapheme") == 0) {
		snprintf(err, errlen, "grapheme offsets need Unicode's"
		    " grapheme cluster rules (a library such as libutf8proc),"
		    " which this scalec does not have; codepoint or utf16");
		return -1;
	} else {
		snprintf(err, errlen, "unknown offset unit '%s' (codepoint or"
		    " utf16)", name);
		return -1;
	}
	return 0;
}

/* The units one code point takes. */
static size_t
units(enum offset_unit u, uint32_t c)
{
	return u == OFFSETS_UTF16 && c > 0xffff ? 2 : 1;
}

int
offset_to_cp(const char *s, size_t len, enum offset_unit u, size_t off,
    size_t *cp, const char **why)
{
	size_t		i = 0, at = 0, n = 0;
	uint32_t	c;
	int		k;

	while (at < off) {
		if (i >= len) {
			*why = "past the end of the text";
			return -1;
		}
		if ((k = utf8_decode(s + i, len - i, &c)) < 1)
			k = 1, c = 0xfffd;
		i += (size_t)k;
		at += units(u, c);
		n++;
	}
	if (at > off) {
		*why = "inside a character written as a UTF-16 surrogate"
		    " pair (an emoji or another character above U+FFFF)";
		return -1;
	}
	*cp = n;
	return 0;
}

size_t
offset_from_cp(const char *s, size_t len, enum offset_unit u, size_t cp)
{
	size_t		i = 0, at = 0, n;
	uint32_t	c;
	int		k;

	if (u != OFFSETS_UTF16)
		return cp;
	for (n = 0; n < cp && i < len; n++) {
		if ((k = utf8_decode(s + i, len - i, &c)) < 1)
			k = 1, c = 0xfffd;
		i += (size_t)k;
		at += units(u, c);
	}
	return at;
}

size_t
offset_length(const char *s, size_t len, enum offset_unit u)
{
	if (u != OFFSETS_UTF16)
		return utf8_count(s, len);
	return offset_from_cp(s, len, u, SIZE_MAX);
}
