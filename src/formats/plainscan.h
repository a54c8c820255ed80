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
 * For the other scanners of JSON lines (prodigyscan.c): the JSON value at
 * *s (up to end, no white space before it) appended to b as json_dumps
 * writes it with JSON_COMPACT (a string unescaped instead, without its
 * quotes, when raw), and *s moved past it. 0, or -1 where it is the
 * tree's to read, by plain_scan's rule (b then holds part of it).
 */
int	plain_value(const char **s, const char *end, struct buf *b, int raw);

#endif
