/* UTF-8 decoding and display width. Offsets in scalec are Unicode code
 * points (end exclusive), as in Python and doccano; these helpers convert. */
#ifndef SCALEC_UTF8_H
#define SCALEC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point from s (len bytes available) into *cp. Returns the
 * number of bytes used (1-4), or -1 for an invalid sequence (overlong,
 * surrogate, above U+10FFFF, truncated), in which case one byte should be
 * skipped.
 */
int	utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int	utf8_encode(uint32_t cp, char *out);
/* Returns the byte offset of the first invalid sequence, or -1 if valid. */
long	utf8_invalid_at(const char *s, size_t len);
/* Number of code points in valid UTF-8 s. */
size_t	utf8_count(const char *s, size_t len);
/* Byte offset of code point index cp in s, or len if past the end. */
size_t	utf8_offset(const char *s, size_t len, size_t cp);
/* Terminal columns of one code point: 0 (combining), 1 or 2 (wide). */
int	utf8_cp_width(uint32_t cp);
/* 1 when s (len bytes) is empty or only white space (Unicode's
 * White_Space: spaces, tabs, line ends, no-break and ideographic spaces);
 * an invalid byte is not white space. */
int	utf8_blank(const char *s, size_t len);
/* Terminal columns of a string; invalid bytes count one. */
size_t	utf8_width(const char *s, size_t len);

#endif
