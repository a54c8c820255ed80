/* A native JSONL line of the plain keys ("text", "id", "meta", "priority")
 * read without a jansson tree: the parse-ahead thread's fast way for the
 * lines most files are made of. It takes a line only when it is sure the
 * tree would give the same record (the text, the id and its JSON type,
 * meta exactly as json_dumps writes it with JSON_COMPACT, the priority);
 * anything else (another key, an escape in a key, a duplicate key,
 * invalid JSON or UTF-8, a number out of range, deep nesting) it leaves
 * to jansson, so every message stays the tree path's.
 * tests/fuzz/fuzz_plainscan runs both on the same bytes. */
#ifndef SCALEC_PLAINSCAN_H
#define SCALEC_PLAINSCAN_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum plain_id {
	PLAIN_ID_NONE,		/* no "id", or null */
	PLAIN_ID_STRING,	/* a string (not empty) */
	PLAIN_ID_INT		/* a whole number, as "%lld" writes it */
};

/* What plain_scan found; offsets into its buffer, each value
 * NUL-terminated there. */
struct plain {
	size_t		text, text_len;	/* unescaped */
	enum plain_id	id_kind;
	size_t		id;		/* the string unescaped, or the
					 * number's digits */
	int		has_meta;	/* an object (null or none: 0) */
	size_t		meta;		/* json_dumps(meta, JSON_COMPACT) */
	int		has_priority;	/* a whole number (null: 0) */
	int64_t		priority;
};

/* 1 when line (len bytes) is a plain line, scanned into p and b (b reset
 * first); 0 when it is the tree's to read (b then holds nothing of
 * use). Never reports. Thread-safe. */
int	plain_scan(const char *line, size_t len, struct plain *p,
	    struct buf *b);
/*
 * A cursor over JSON bytes: the scanners' one reader of JSON's pieces
 * (plainscan.c, spacyscan.c, prodigyscan.c), at s up to end, writing what
 * it takes into b. Each piece gives 0 with s past it, or -1 where the
 * bytes are jansson's to read (by plain_scan's rule above; s and b then
 * hold part of it). What it writes is what json_dumps writes with
 * JSON_COMPACT.
 */
struct jcur {
	const unsigned char	*s, *end;
	struct buf		*b;
};

/* White space skipped. */
static inline void
jcur_ws(struct jcur *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
	    *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

/* After white space, the byte ch: taken. */
int	jcur_take(struct jcur *c, int ch);
/* After white space, a ',' (1) or close (0): taken. */
int	jcur_next(struct jcur *c, int close);
/* After white space, a key with nothing to unescape and its ':': its
 * index in names (n of them); -1 for another key too. */
int	jcur_key(struct jcur *c, const char *const *names, int n);
/* The string at s (its quote) into b: unescaped (dumped 0), or as
 * json_dumps writes it, quotes and all. \u0000 is jansson's. */
int	jcur_string(struct jcur *c, int dumped);
/* The number at s into b as json_dumps writes it; *whole says whether
 * it is a whole number (of at most 18 digits, not -0), *v its value
 * then. */
int	jcur_number(struct jcur *c, int *whole, int64_t *v);
/* The value at s (no white space before it) into b, as json_dumps writes
 * it; depth: how deep it is (nested past 16: jansson's). */
int	jcur_value(struct jcur *c, int depth);

/* What jcur_object notes of an object: where the values of the keys in
 * names (n of them, each as json_dumps writes it, quotes and all, nlen
 * bytes long) are in b: at[i], len[i] bytes (0: the object has none). */
struct jwant {
	const char *const	*names;
	const size_t		*nlen;
	size_t			 n;
	size_t			 at[4], len[4];
};

/* The object at s (its '{') as jcur_value writes it, noting want's keys
 * (want may be NULL). */
int	jcur_object(struct jcur *c, int depth, struct jwant *want);
/* The list at s (its '['), each element (at s, after white space) written
 * by elem (called with depth + 1 and arg) instead of jcur_value. */
int	jcur_array(struct jcur *c, int depth, int (*elem)(struct jcur *, int,
	    void *), void *arg);

#endif
