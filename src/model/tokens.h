/* The tokens of a task's text, as a person moves over them on the screen
 * and as formats and quality measures count them: one tokenizer for all,
 * so a CoNLL export or a span F1 sees the tokens the annotator saw.
 *
 * A token is a run of letters and digits, or one punctuation mark or
 * symbol, or one CJK character; whitespace (space, tab, newline and the
 * Unicode spaces) is not a token. Combining marks, variation selectors and
 * emoji modifiers stay with the token before them, and a zero-width joiner
 * joins the next code point too. Control characters other than tab and
 * newline (a bare CR included) are one token each, as they are shown; a CR
 * just before a newline is a line break, not a token. Letters are
 * iswalnum(3), so the locale's LC_CTYPE must be UTF-8 (main sees to it).
 *
 * Offsets are code points, end exclusive. Texts are valid UTF-8 after
 * import; an invalid byte nevertheless counts as one code point and one
 * token. One linear pass. */
#ifndef SCALEC_TOKENS_H
#define SCALEC_TOKENS_H

#include <stddef.h>
#include <stdint.h>

struct token {
	size_t	start;		/* code points, end exclusive */
	size_t	end;
	size_t	bstart;		/* bytes, end exclusive */
	size_t	bend;
};

struct tokens {
	struct token	*v;	/* in order, disjoint */
	size_t		 n;
	size_t		 ncp;	/* the text's length in code points */
};

#define TOKENS_INIT { NULL, 0, 0 }

/* Tokenises s (len bytes) into *t, replacing what it held. */
void	tokens_split(struct tokens *t, const char *s, size_t len);
/*
 * The same split, keeping only the tokens that start before code point
 * keep, in t->v grown as *alloc says (kept from call to call, so a walk
 * of many texts allocates once): how many tokens the whole text has.
 * t->ncp is the whole text's length.
 */
size_t	tokens_split_kept(struct tokens *t, size_t *alloc, const char *s,
	    size_t len, size_t keep);
void	tokens_release(struct tokens *);
/*
 * The index of the token that holds code point cp, or else of the first
 * token after it; n when there is none.
 */
size_t	tokens_at(const struct tokens *, size_t cp);
/* The same for a byte offset. */
size_t	tokens_at_byte(const struct tokens *, size_t byte);

/*
 * Tokens kept with a task (imported from CoNLL, spaCy or Prodigy, whose
 * files say what the tokens are) are stored as a JSON array of code point
 * offsets, each token's start and end in turn: "[0,5,6,11]". They replace
 * the tokenizer's for that task, on the screen and on export.
 */
/* Appends t's tokens in that form to b. */
struct buf;
void	tokens_encode(const struct tokens *, struct buf *b);
/*
 * Reads stored tokens enc for the text s (len bytes) into *t, with their
 * byte offsets: 0, or -1 when enc is not such an array of tokens in order,
 * disjoint, not empty and inside the text (t is then empty).
 */
int	tokens_decode(struct tokens *t, const char *enc, const char *s,
	    size_t len);
/* The stored tokens enc when there are (non-NULL and valid), else the
 * tokenizer's: the tokens a task has. */
void	tokens_of(struct tokens *t, const char *enc, const char *s,
	    size_t len);
/* The token that starts at code point cp, or n when none does; the same
 * for the one that ends at cp (end exclusive). */
size_t	tokens_starting(const struct tokens *, size_t cp);
size_t	tokens_ending(const struct tokens *, size_t cp);

/* How the tokenizer sees a code point (the layout of tui/text.c asks too,
 * so that what it keeps together is what a token keeps together). */
enum cp_class {
	CL_SPACE,		/* not part of any token */
	CL_WORD,		/* letters and digits: runs */
	CL_MARK,		/* zero width: stays with the token before */
	CL_JOINER,		/* ZWJ: as a mark, and joins the next one */
	CL_MODIFIER,		/* emoji skin tones: stay with the token */
	CL_SINGLE,		/* CJK, punctuation, symbols, controls: alone */
};

enum cp_class	tokens_class(uint32_t cp);
/* 1 for the code points that separate tokens (tokens_class CL_SPACE). */
int		tokens_is_space(uint32_t cp);

#endif
