/* Entity tags per token, as CoNLL files and spaCy's v2 JSON write them:
 * "O" outside, else a prefix letter, '-' and the label ("B-PER"). The
 * schemes differ in their letters and where they put them:
 *
 *   IOB1   I- throughout; B- only on the first token of an entity that
 *          follows one of the same label (CoNLL-2003's own files)
 *   IOB2   B- on every first token, I- after it
 *   BIOES  IOB2 with E- on the last token and S- on a single one
 *   BILUO  spaCy's: BIOES with L- for E- and U- for S-
 *
 * One decoder reads all four: B- starts an entity, I- continues one of its
 * label or (IOB1) starts one, E-/L- ends it, S-/U- is one alone. Given a
 * scheme (--scheme) it is also strict: a letter outside the scheme, an
 * I- that follows no entity of its label (IOB2, BIOES, BILUO), or an
 * entity of BIOES or BILUO not ended by its E-/L- is an error. Without
 * one, a file that mixes BIOES's E-/S- with BILUO's L-/U- is. */
#ifndef SCALEC_TAGS_H
#define SCALEC_TAGS_H

#include <stddef.h>

#include "util/buf.h"

enum tag_scheme {
	SCHEME_DEFAULT,		/* read: any, sniffed; write: IOB2 */
	SCHEME_IOB1,
	SCHEME_IOB2,
	SCHEME_BIOES,
	SCHEME_BILUO,
};

/* "iob1", ...; "default" for SCHEME_DEFAULT. */
const char	*tag_scheme_name(enum tag_scheme);
/* The scheme called name: 0, or -1 with what is wrong in err. */
int		 tag_scheme_parse(const char *name, enum tag_scheme *, char *err,
		    size_t errlen);

/* An entity decoded: tokens first to last (inclusive) and its label,
 * borrowed until the next tags_next or tags_end. */
typedef void	(*tag_emit_fn)(void *arg, size_t first, size_t last,
		    const char *label, size_t label_len);

struct tag_reader {
	enum tag_scheme	 scheme;	/* given; SCHEME_DEFAULT: sniff */
	int		 seen;		/* 'E' or 'L' once a letter of BIOES
					 * or BILUO was seen; 0 */
	int		 open;		/* an entity is open */
	int		 closing;	/* it must end with E-/L- (strict) */
	size_t		 first;		/* its first token */
	struct buf	 label;		/* its label */
	tag_emit_fn	 emit;
	void		*arg;
};

void	tags_init(struct tag_reader *, enum tag_scheme, tag_emit_fn, void *arg);
void	tags_release(struct tag_reader *);
/* Token i's tag (len bytes): 0, or -1 with why (static text, or the
 * reader's own until the next call). */
int	tags_next(struct tag_reader *, size_t i, const char *tag, size_t len,
	    const char **why);
/* The end of a sentence of n tokens: 0, or -1 with why. */
int	tags_end(struct tag_reader *, size_t n, const char **why);

/*
 * The prefix letter of token i in scheme s (SCHEME_DEFAULT: IOB2) for an
 * entity of tokens first..last, where adjacent says that the token before
 * first ends an entity of the same label (IOB1's B-).
 */
char	tags_letter(enum tag_scheme s, size_t i, size_t first, size_t last,
	    int adjacent);

#endif

/*
 * Export of tags: each token's entity from a spans value, and the frame
 * the tagging writers share (CoNLL, spaCy's v2 JSON): everything goes to a
 * temporary file first, so that a task whose spans are not on its tokens
 * fails the whole export before anything is written (or, skipping, is
 * left out and counted), and nothing is widened.
 */
struct tokens;
struct ans_value;
struct writer;

/* ent[i] for each token i: the index of v's span holding it, or
 * TAGS_NONE. 0, or -1 when a span does not start and end on tokens. */
#define TAGS_NONE	((size_t)-1)
int	tags_of_spans(const struct tokens *, const struct ans_value *v,
	    size_t *ent);
/* Token i's tag in scheme s into b: "O", or the letter, '-' and label. */
void	tags_put(struct buf *b, enum tag_scheme s, const struct ans_value *v,
	    const size_t *ent, size_t n, size_t i);

struct tagged_out {
	FILE		*tmp;		/* what is written, until the end */
	int64_t		 bad[5];	/* the first misaligned tasks */
	int64_t		 nbad;
	int64_t		 unlabelled;	/* left out: no annotation */
};

/* 0, or -1 after reporting. */
int	tagged_begin(struct tagged_out *);
void	tagged_misaligned(struct tagged_out *, int64_t task);
/* Says what was left out, or fails naming the misaligned tasks; else
 * copies the temporary to w->f. Frees. 0 or -1. */
int	tagged_end(struct tagged_out *, struct writer *w, const char *what);
