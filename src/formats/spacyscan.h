/* A document of spaCy's v2 JSON (one element of its top-level list, as
 * formats/spacy.c splits it off) read without a jansson tree, for the
 * shape most files are made of: {"id", "paragraphs": [{"raw",
 * "sentences": [{"tokens": [{"orth", "ner"}]}]}]}, each key at most once,
 * in any order, "id" a string or a whole number, "raw" and "ner" optional.
 * A jansson tree cost an object per token, and most of an import's time.
 * The rule plainscan.h keeps: when in doubt, 0, and the document goes to
 * jansson as before (another key, a token's other fields, an escape in a
 * key, a duplicate key, invalid JSON or UTF-8, \u0000, an "orth" that is
 * empty or no string, a number out of range), so that every record and
 * every message stays the tree path's. tests/fuzz/fuzz_spacyscan reads
 * the same bytes both ways. */
#ifndef SCALEC_SPACYSCAN_H
#define SCALEC_SPACYSCAN_H

#include <stddef.h>

#include "util/buf.h"

enum v2scan_id {
	V2SCAN_ID_NONE,		/* no "id" */
	V2SCAN_ID_INT,		/* a whole number: its digits */
	V2SCAN_ID_STRING	/* a string, unescaped */
};

/* Strings are offsets into b, each NUL-terminated there. */
struct v2scan_tok {
	size_t	orth, orth_len;
	size_t	ner, ner_len;
	int	has_ner;
};

struct v2scan_para {
	int	has_raw;
	size_t	raw, raw_len;
	size_t	sent, nsent;		/* its sentences in sent[] */
};

struct v2scan {
	enum v2scan_id		 id_kind;
	size_t			 id, id_len;
	struct v2scan_para	*para;
	size_t			 npara, apara;
	size_t			*sent;		/* a sentence's first token in
						 * tok[]; one more at the end
						 * of each paragraph's */
	size_t			 nsent, asent;
	struct v2scan_tok	*tok;
	size_t			 ntok, atok;
	struct buf		 b;
};

/* 1 when the len bytes at s are a document of that shape, scanned into
 * sc (emptied first); 0 when it is jansson's to read. Never reports. */
int	v2scan_doc(struct v2scan *sc, const char *s, size_t len);
/* Sentence i of paragraph pa: its tokens are tok[first..end). */
#define V2SCAN_FIRST(sc, pa, i)	((sc)->sent[(pa)->sent + (i)])
#define V2SCAN_END(sc, pa, i)	((sc)->sent[(pa)->sent + (i) + 1])
void	v2scan_release(struct v2scan *sc);

/* For tests: nonzero sends every document to jansson. */
extern int	v2scan_off;

#endif
