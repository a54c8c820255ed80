/* The one parser of the times users give (--since and every other time
 * option) and of the stored form. Times are UTC unless an offset says
 * otherwise. A fraction of a second is accepted and dropped (truncated),
 * because other tools' exports (2026-01-31T12:00:00.123Z) are pasted as
 * they are and the database keeps whole seconds. Every time lies within
 * what the stored form can write, the years 0000 to 9999. */
#ifndef SCALEC_WHEN_H
#define SCALEC_WHEN_H

#include <stddef.h>
#include <time.h>

#define WHEN_MIN	((time_t)-62167219200LL)	/* 0000-01-01T00:00:00Z */
#define WHEN_MAX	((time_t)253402300799LL)	/* 9999-12-31T23:59:59Z */

/*
 * Parses s into *out and returns 0; or writes what is wrong, quoting s,
 * into err (errlen bytes; none if 0) and returns -1. s is one of:
 *   2026-01-31                 midnight UTC
 *   2026-01-31T12:00           T or a space before the time; :SS and a
 *   2026-01-31 12:00:00.5      fraction (dropped) are optional
 *   ...Z, +02:00, +0200, -05   an offset, within 14:00 of UTC
 *   90s, 30m, 12h, 7d, 2w      a span back from now
 */
int	when_parse(const char *s, time_t now, time_t *out, char *err,
	    size_t errlen);
/* The same without the spans: a date or a time, as a file gives it (a
 * file's times do not move with the clock). */
int	when_parse_time(const char *s, time_t *out, char *err, size_t errlen);
/* Parses exactly the stored form 2026-01-31T12:00:00Z into *out; 0, or -1
 * for anything else (no message: the caller knows what the field is). */
int	when_parse_stored(const char *s, time_t *out);

#endif
