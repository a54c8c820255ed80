/* A task's text for the screens: its tokens (model/tokens.h says what a
 * token is), and its layout on a terminal of a given width. No ncurses
 * here: the layout hands the drawing layer cells that are always safe to
 * write (unsafe code points arrive as their visible form, marked
 * TEXT_ESCAPED, never raw); an invalid byte shows as \xNN.
 *
 * Layout: lines wrap at spaces (a word longer than the width is cut), tabs
 * go to the next multiple of 8, a newline ends its line (and so does a
 * CRLF: a CR just before a newline is neither a token nor shown), and
 * widths are the terminal's (wide CJK and emoji 2, combining marks 0). A
 * zero-width joiner is never drawn: terminals disagree on the width of
 * what it joins (tmux draws a ZWJ emoji sequence in 2 columns where
 * wcwidth counts each part), so its parts are drawn side by side. Spaces
 * never wrap: those past the width stay at the end of their line,
 * clipped. Only the line starts are stored; cells are made on demand per
 * line, so a 10 MB text costs one linear pass to tokenise and one to lay
 * out. */
#ifndef SCALEC_TEXT_H
#define SCALEC_TEXT_H

#include <stddef.h>

#include "model/tokens.h"

struct text {
	char			*s;	/* a NUL-terminated copy of the text */
	size_t			 len;	/* bytes */
	size_t			 ncp;	/* code points */
	struct token		*tokens;	/* in order, disjoint */
	size_t			 ntokens;
};

/* Copies and tokenises s (len bytes). */
struct text	*text_new(const char *s, size_t len);
/* The same with a task's stored tokens (model/tokens.h) in place of the
 * tokenizer's, when tokens is not NULL and fits the text. */
struct text	*text_new_tokens(const char *s, size_t len, const char *tokens);
void		 text_free(struct text *);
/*
 * The index of the token that holds code point cp, or else of the first
 * token after it; ntokens when there is none.
 */
size_t		 text_token_at(const struct text *, size_t cp);
/* The same for a byte offset. */
size_t		 text_token_at_byte(const struct text *, size_t byte);

/* Cell attributes; TEXT_ESCAPED is the layout's, the rest the labeler's. */
#define TEXT_ESCAPED	0x01	/* a visible form (^[, <U+202E>): reverse */
#define TEXT_CURSOR	0x02	/* in the token under the cursor */
#define TEXT_SELECTED	0x04	/* in the selection being made */
#define TEXT_SPAN	0x08	/* in a labelled span: see label */
#define TEXT_SPAN_START	0x10	/* the first cell of a span */

/*
 * One thing to draw: a character with its combining marks (at most four of
 * them are kept for drawing, as ncurses' cchar_t holds five; the rest keep
 * their offsets but are not drawn), a tab's blanks, or a visible form.
 */
struct text_cell {
	char	 str[32];	/* UTF-8, NUL-terminated, safe to draw */
	int	 col;		/* first column */
	int	 width;		/* columns (clipped at the layout's width) */
	int	 attr;		/* TEXT_* flags */
	int	 label;		/* TEXT_SPAN: the label's index; else -1 */
	size_t	 cp;		/* the first code point it shows */
	size_t	 ncp;		/* how many code points it covers */
};

/* A line's cells: TEXT_CELLS_INIT, text_cells_release. */
struct text_cells {
	struct text_cell	*v;
	size_t			 n;
	size_t			 alloc;
};
#define TEXT_CELLS_INIT { NULL, 0, 0 }
void	text_cells_release(struct text_cells *);

struct text_line {
	size_t	cp;		/* first code point */
	size_t	byte;		/* and its byte offset */
	size_t	cpend;		/* past the last one (a newline ending the
				   line belongs to it) */
	size_t	byteend;
};

struct text_layout {
	const struct text	*text;	/* borrowed: outlives the layout */
	int			 width;
	struct text_line	*lines;	/* at least one, even for "" */
	size_t			 nlines;
};

/* Lays text out at width columns (at least 1). */
struct text_layout	*text_layout_new(const struct text *, int width);
void			 text_layout_free(struct text_layout *);
/*
 * Replaces out's contents with line's cells, in order, each with label -1
 * and only TEXT_ESCAPED set where it applies. Cells past the width are left
 * out, and a tab is cut at the width.
 */
void	 text_layout_cells(const struct text_layout *, size_t line,
	    struct text_cells *out);
/* The line that holds code point cp (the last line when cp is past the
 * end). */
size_t	 text_layout_line_of(const struct text_layout *, size_t cp);
/* The column where code point cp starts on its line. */
int	 text_layout_col_of(const struct text_layout *, size_t cp);

#endif
