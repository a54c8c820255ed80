/* JSON written straight into a buffer, byte for byte what jansson's
 * json_dumps would write with no flags but JSON_REAL_PRECISION(15) (", "
 * and ": " between items, reals as "%.15g" with a ".0" kept): the JSONL
 * export's records, where building a jansson tree per task cost more
 * than the rest of the export. jsonout_escape is still applied to the
 * whole, as for every JSON scalec writes. */
#ifndef SCALEC_JSONW_H
#define SCALEC_JSONW_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct json_t;

/* A string as jansson escapes it ('"', '\\', and below U+0020). Bytes
 * that are not UTF-8 (which jansson refuses) are written as U+FFFD. */
void	jw_string(struct buf *, const char *);
/* The same of len bytes at s (a NUL among them written as \u0000). */
void	jw_stringn(struct buf *, const char *s, size_t len);
/* 1 when s is UTF-8 that jansson takes (jw_string writes it as it is). */
int	jw_utf8(const char *);
/* "key": , the key a literal of ours (no escaping needed). */
void	jw_key(struct buf *, const char *);
void	jw_int(struct buf *, int64_t);
void	jw_real(struct buf *, double);
/* A real as jw_tree_compact writes one ("%.17g", a ".0" kept). */
void	jw_real_compact(struct buf *, double);
/* Stored JSON text (what scalec stored, compact) in that layout: NULL is
 * {}, text that is not JSON a string. The one difference from jansson,
 * which no text jansson wrote can show: a key twice in an object is
 * relayed, where jansson would keep the last. */
void	jw_stored(struct buf *, const char *);
/* The same of len bytes at s (a slice of stored text: no NUL needed). */
void	jw_storedn(struct buf *, const char *s, size_t len);
/* j as json_dumps(j, JSON_COMPACT) writes it ("," and ":" alone, reals
 * as "%.17g"), without the table of the containers on the way that
 * jansson fills for each one; appended to b. What jansson would refuse
 * to write (not an object or an array, a string that is not UTF-8, a
 * NUL inside one) is its own: nothing. */
void	jw_tree_compact(struct buf *, const struct json_t *);
/* The len bytes of JSON at s, written in this layout (by these functions
 * or jansson), in jansson's JSON_COMPACT one: "," and ":" alone. */
void	jw_compact(struct buf *, const char *s, size_t len);
/* The string a JSON string token (len bytes at s, quotes included)
 * stands for, as jansson would read it; -1 when it is not one. */
int	jw_unstring(struct buf *, const char *s, size_t len);
/* The length of the JSON value at s (len bytes) in this layout: a
 * string, a number, a literal, or an object or array to its bracket. */
size_t	jw_value_len(const char *s, size_t len);

#endif
