/* The pieces doccano.c's and spacy.c's line scanners read JSON with: a
 * line of their regular shape is read without a jansson tree, and any
 * other (anything these decline) goes to jansson as before, so every
 * message stays the tree's. They decline rather than guess: a number
 * that is not a plain whole number from 0 to 10^18 (a '-', a fraction,
 * an exponent, a leading zero: jansson's error or a real), a key with
 * an escape or a byte that is not printable ASCII. Strings and other
 * values are read by plainscan.h's cursor (jcur_string, jcur_value),
 * by its rule. The primitives here (white space, take, whole numbers,
 * keys) are the cursor's kind, and may become its one day. */
#ifndef SCALEC_TAGSCAN_H
#define SCALEC_TAGSCAN_H

#include <stddef.h>
#include <stdint.h>

struct buf;

struct tagcur {
	const char	*s, *end;
};

/* White space skipped; the next byte then, or -1 at the end. */
int	tag_peek(struct tagcur *);
/* White space skipped, then ch: 0 when taken, -1 when not there. */
int	tag_take(struct tagcur *, int ch);
/* A whole number from 0 (white space skipped first): 0 with *v, or -1. */
int	tag_whole(struct tagcur *, int64_t *v);
/* A key and its ':' (white space skipped first): 0 with *k and *n (its
 * bytes between the quotes, in the line), or -1. */
int	tag_key(struct tagcur *, const char **k, size_t *n);
/* A string (white space skipped first) appended to b unescaped and
 * NUL-terminated: 0 with *at (where it starts in b) and *len, or -1. */
int	tag_string(struct tagcur *, struct buf *b, size_t *at, size_t *len);
/* Any value appended to b as json_dumps writes it (JSON_COMPACT), by
 * plainscan.h's rule: 0, or -1. */
int	tag_value(struct tagcur *, struct buf *b);
/* 1 when only white space is left. */
int	tag_done(struct tagcur *);

/* A member of a stored meta object: its key (no escape in it) and its
 * value, in the stored text. */
struct tag_member {
	const char	*k, *v;
	size_t		 kn, vn;
};

#define TAG_MEMBERS	64

/*
 * For the exports that write meta straight (doccano.c, labelstudio.c):
 * the members of stored meta s (compact JSON, as the store keeps it) in
 * m, their number; or -1 where it is the tree's to write (not an
 * object, a key with an escape, a key twice, more than TAG_MEMBERS, a
 * \u0000, which jansson refuses to load).
 */
int	tag_members(const char *s, struct tag_member *m);

/* For tests (tests/fuzz/fuzz_tagscan, tests/unit): 1 reads every line
 * through jansson, as before the scanners. */
extern int doccano_tree_only, spacy_tree_only;
/* For tests: 1 writes every doccano line (doccano.c) and every Label
 * Studio task (labelstudio.c) through the tree, as before their direct
 * ways. */
extern int doccano_write_tree_only, labelstudio_write_tree_only;
/* For tests: the lines each reader took the scanned way. */
extern unsigned long doccano_fast_reads, spacy_fast_reads;

#endif
