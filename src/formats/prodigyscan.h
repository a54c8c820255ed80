/* A Prodigy line (prodigy.c) read without a jansson tree: the import's
 * fast way for the lines Prodigy's db-out is made of. Its rule is
 * plainscan's: it takes a line only when every value in it is one it
 * can write back exactly as json_dumps would (JSON_COMPACT), and leaves
 * anything else (invalid JSON or UTF-8, a duplicate key, an escape in a
 * key, a number out of range, deep nesting, "label", "accept" or
 * "annotators" at the top) to jansson, which reads the line as before.
 * It checks nothing of what the line means: prodigy.c does, and leaves
 * the line to jansson too where it finds anything wrong, so that every
 * message is the tree path's. tests/fuzz/fuzz_prodigyscan reads files
 * both ways. */
#ifndef SCALEC_PRODIGYSCAN_H
#define SCALEC_PRODIGYSCAN_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Where a value is: at and len bytes into a buffer (has: it is there). */
struct pslice {
	size_t	at, len;
	int	has;
};

/* What prodigy_scan found. text is unescaped and NUL-terminated in b;
 * the others are each value as json_dumps writes it (JSON_COMPACT): in
 * b, but for tokens, which is kept (below) and so is in kb. */
struct pscan {
	struct pslice	text;
	struct pslice	meta;		/* an object, or null (has 0) */
	struct pslice	id;		/* not null */
	struct pslice	spans;
	struct pslice	answer;		/* null too */
	struct pslice	annotator;	/* _annotator_id */
	struct pslice	session;	/* _session_id */
	struct pslice	timestamp;	/* _timestamp */
	struct pslice	tokens;		/* in kb */
	/* tokens' elements when each is an object (toks_ok), where each
	 * one's "start", "end" and "text" are in kb (len 0: none). Kept
	 * from scan to scan: a pscan starts zeroed and ends with
	 * prodigy_scan_release. */
	int		toks_ok;
	struct ptok {
		struct pslice	start, end, text;
	}		*tok;
	size_t		ntok, atok;
};

/*
 * 1 when line (len bytes) is a JSON object scanned into ps, b and kb
 * (both reset first): kb holds the keys the line's annotation is not
 * read from (Prodigy's "_prodigy" meta, prodigy.c's read_keys) as
 * "key":value pairs joined by ',', in the line's order, without braces.
 * 0 when the line is the tree's to read. Never reports.
 */
int	prodigy_scan(const char *line, size_t len, struct pscan *ps,
	    struct buf *b, struct buf *kb);

void	prodigy_scan_release(struct pscan *ps);

/* t (seconds since 1970, at most WHEN_MAX) as clock_iso writes it (into
 * CLOCK_ISO_LEN bytes), without gmtime and printf: prodigy.c's. */
void	prodigy_iso(int64_t t, char *out);

/* For tests (tests/fuzz/fuzz_prodigyscan, tests/unit): 1 reads every
 * line through jansson, as before the scanner. */
extern int prodigy_tree_only;
/* For tests: the tasks read and written the direct way. */
extern unsigned long prodigy_fast_reads, prodigy_fast_writes;

#endif
