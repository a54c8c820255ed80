/* Which format a file is when --format does not say: from its name and
 * the first record of its bytes (formats/sniff.c). sniff_guess is pure, a
 * function of the name and the bytes only, so that tests and the fuzzer
 * call it on any input; sniff_head reads the bytes it needs. */
#ifndef SCALEC_SNIFF_H
#define SCALEC_SNIFF_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

struct format;

/* The most of a file read to decide: a first record longer than this is
 * judged from the keys seen in it (a native line's "text" before the rest
 * of a 10 MB text). */
#define SNIFF_MAX	((size_t)1 << 20)

enum sniff_rc {
	SNIFF_SURE,	/* fmt is the format */
	SNIFF_UNSURE,	/* cand[0..ncand) could each be it */
	SNIFF_UNKNOWN,	/* neither the name nor the bytes say; cand: the
			 * formats its family could be (none: any) */
	SNIFF_MORE,	/* the first record goes on past the bytes: give
			 * more of them (at most SNIFF_MAX) */
};

#define SNIFF_CANDS	6

struct sniff {
	const struct format	*fmt;		/* SNIFF_SURE's */
	const struct format	*cand[SNIFF_CANDS];
	size_t			 ncand;
	int			 by_name;	/* the extension alone said */
};

/*
 * The format of a file named name (NULL or "-": standard input, which has
 * no name to go by) whose first len bytes are head; eof: they are all of
 * it. A name with an extension of a format that is not JSON (.csv, .tsv,
 * .txt, .conll, .xml) is that format whatever the bytes; .jsonl and
 * .ndjson are jsonl, doccano, prodigy or spacy, and .json labelstudio,
 * labelstudio-min, coco, coco-results or spacy-v2, told apart by the first
 * record's keys and their shapes; any other name (or none) goes by the
 * bytes alone, and bytes that are no JSON are SNIFF_UNKNOWN. head may
 * start with a byte order mark and white space. SNIFF_MORE only while
 * !eof and len < SNIFF_MAX.
 */
enum sniff_rc	sniff_guess(const char *name, const char *head, size_t len,
		    int eof, struct sniff *out);

/*
 * Reads from fd into head (appending) what sniff_guess needs and fills
 * out with its answer: 0, or -1 on a read error (errno set). The bytes are
 * read(2) from fd, stdio not touched: the caller seeks back (a regular
 * file) or hands them to the reader (reader_opts.head).
 */
int		sniff_head(int fd, const char *name, struct buf *head,
		    struct sniff *out, enum sniff_rc *rc);

/* "jsonl, doccano or prodigy": the candidates of s, joined for a message,
 * into b. */
void		sniff_names(const struct sniff *s, struct buf *b);

#endif
