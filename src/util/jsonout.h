/* Every JSON scalec writes (--json output, JSONL export, a CSV cell's
 * JSON) goes through these, so that it is the same to any JSON reader and
 * safe on a terminal: jansson escapes only what JSON requires (below
 * U+0020); these also write DEL, the C1 controls (U+0080-U+009F) and the
 * bidi controls (U+202A-U+202E, U+2066-U+2069) as \uXXXX. Every other
 * character stays as it is (CJK stays readable). */
#ifndef SCALEC_JSONOUT_H
#define SCALEC_JSONOUT_H

#include <stdio.h>

#include <jansson.h>

/* json_dumpf with those escapes: 0, or -1 on a write error. */
int	 jsonout_dumpf(const json_t *, FILE *, size_t flags);
/* json_dumps with those escapes: a string to free, or NULL (as jansson:
 * flags that cannot encode j). */
char	*jsonout_dumps(const json_t *, size_t flags);
/* The escaping alone, on JSON text s (len bytes) appended to out: what the
 * two above do to jansson's output. */
struct buf;
void	 jsonout_escape(struct buf *out, const char *s, size_t len);
/* 1 when jsonout_escape would change s (len bytes), else 0: then s may
 * go out as it is. */
int	 jsonout_needs_escape(const char *s, size_t len);

#endif
