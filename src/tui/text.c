/* A task's text on the screen: its tokens (from model/tokens.c) and its
 * layout, one linear pass each. The layout keeps only where each line
 * starts; a line's cells are made when asked for, by the same walk
 * (next_item) that laid the line out, so the two agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "model/tokens.h"
#include "tui/text.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define TAB_STOP	8
#define MAX_MARKS	4	/* combining marks drawn per cell */
#define ZWJ		0x200d	/* zero-width joiner: never drawn */

struct text *
text_new(const char *s, size_t len)
{
	return text_new_tokens(s, len, NULL);
}

struct text *
text_new_tokens(const char *s, size_t len, const char *tokens)
{
	struct text	*t = xcalloc(1, sizeof *t);
	struct tokens	 tok = TOKENS_INIT;

	t->s = xmalloc(len + 1);
	memcpy(t->s, s, len);
	t->s[len] = '\0';
	t->len = len;
	tokens_of(&tok, tokens, s, len);
	t->tokens = tok.v;
	t->ntokens = tok.n;
	t->ncp = tok.ncp;
	return t;
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	free(t->tokens);
	free(t->s);
	free(t);
}

size_t
text_token_at(const struct text *t, size_t cp)
{
	struct tokens	tok = { t->tokens, t->ntokens, t->ncp };

	return tokens_at(&tok, cp);
}

size_t
text_token_at_byte(const struct text *t, size_t byte)
{
	struct tokens	tok = { t->tokens, t->ntokens, t->ncp };

	return tokens_at_byte(&tok, byte);
}

void
text_cells_release(struct text_cells *cells)
{
	free(cells->v);
	cells->v = NULL;
	cells->n = cells->alloc = 0;
}

/* What the layout walks over: one cell's worth of text. */
enum item_kind {
	IT_NEWLINE,
	IT_SPACE,		/* blanks that never wrap, a tab too */
	IT_CHAR,		/* a character and its marks */
	IT_ESCAPED,		/* a visible form */
};

struct item {
	enum item_kind	 kind;
	size_t		 nbytes;
	size_t		 ncp;
	int		 width;
	char		 str[32];
};

static void
blanks(struct item *it, int width)
{
	int	i;

	for (i = 0; i < width && i < (int)sizeof it->str - 1; i++)
		it->str[i] = ' ';
	it->str[i] = '\0';
}

/* Reads the item at byte i of s, which starts at column col. */
static void
next_item(const char *s, size_t len, size_t i, int col, struct item *it)
{
	uint32_t	cp, mark;
	size_t		used;
	int		n, m, nmarks = 0;

	it->ncp = 1;
	if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
		it->kind = IT_ESCAPED;
		it->nbytes = 1;
		snprintf(it->str, sizeof it->str, "\\x%02X",
		    (unsigned char)s[i]);
		it->width = 4;
		return;
	}
	it->nbytes = (size_t)n;
	if (cp == '\n' || (cp == '\r' && i + 1 < len && s[i + 1] == '\n')) {
		/* A CRLF is one line break: only a bare CR is shown. */
		it->kind = IT_NEWLINE;
		it->nbytes = cp == '\r' ? 2 : 1;
		it->ncp = it->nbytes;
		it->width = 0;
		it->str[0] = '\0';
		return;
	}
	if (cp == '\t') {
		it->kind = IT_SPACE;
		it->width = TAB_STOP - col % TAB_STOP;
		blanks(it, it->width);
		return;
	}
	if (escape_cp(cp, it->str)) {
		it->kind = IT_ESCAPED;
		it->width = (int)strlen(it->str);
		return;
	}
	if (tokens_is_space(cp)) {
		it->kind = IT_SPACE;
		it->width = utf8_cp_width(cp) > 1 ? 2 : 1;
		blanks(it, it->width);
		return;
	}
	it->kind = IT_CHAR;
	it->width = utf8_cp_width(cp);
	used = 0;
	if (it->width == 0) {
		/* A mark with nothing to sit on: on a dotted circle. */
		used = (size_t)utf8_encode(0x25cc, it->str);
		it->width = 1;
	}
	if (cp != ZWJ)
		used += (size_t)utf8_encode(cp, it->str + used);
	/* Marks that follow stay in this cell. */
	while (i + it->nbytes < len) {
		m = utf8_decode(s + i + it->nbytes, len - i - it->nbytes,
		    &mark);
		if (m < 0 || mark < 0x80 || utf8_cp_width(mark) != 0 ||
		    tokens_class(mark) == CL_SPACE || tokens_class(mark) == CL_SINGLE)
			break;
		/* A joiner is not drawn: terminals disagree on the width
		 * of what it joins (tmux draws woman + ZWJ + laptop in 2
		 * columns, ncurses counts 4), and the rest of the line
		 * would be drawn out of place. The parts show side by
		 * side instead. */
		if (mark != ZWJ && nmarks++ < MAX_MARKS)
			used += (size_t)utf8_encode(mark, it->str + used);
		it->nbytes += (size_t)m;
		it->ncp++;
	}
	it->str[used] = '\0';
}

static void
add_line(struct text_layout *l, size_t *alloc, size_t cp, size_t byte,
    size_t cpend, size_t byteend)
{
	struct text_line	*line;

	ARRAY_GROW(l->lines, l->nlines + 1, *alloc);
	line = &l->lines[l->nlines++];
	line->cp = cp;
	line->byte = byte;
	line->cpend = cpend;
	line->byteend = byteend;
}

struct text_layout *
text_layout_new(const struct text *t, int width)
{
	struct text_layout	*l = xcalloc(1, sizeof *l);
	struct item		 it;
	size_t			 alloc = 0, i = 0, cp = 0, lb = 0, lcp = 0;
	size_t			 brk = 0, brkcp = 0;
	int			 col = 0, after_space = 0;

	if (width < 1)
		width = 1;
	l->text = t;
	l->width = width;
	while (i < t->len) {
		next_item(t->s, t->len, i, col, &it);
		if (it.kind == IT_NEWLINE) {
			add_line(l, &alloc, lcp, lb, cp + it.ncp, i + it.nbytes);
			i += it.nbytes;
			cp += it.ncp;
			lb = i;
			lcp = cp;
			col = 0;
			brk = 0;
			after_space = 0;
			continue;
		}
		if (it.kind == IT_SPACE) {
			col += it.width;
			after_space = 1;
			i += it.nbytes;
			cp += it.ncp;
			continue;
		}
		if (after_space && col > 0) {
			brk = i;	/* a line may start here */
			brkcp = cp;
		}
		after_space = 0;
		if (col > 0 && col + it.width > width) {
			if (brk > lb) {
				/* Back to the word's start: at most one
				 * line is walked twice. */
				i = brk;
				cp = brkcp;
			}
			add_line(l, &alloc, lcp, lb, cp, i);
			lb = i;
			lcp = cp;
			col = 0;
			brk = 0;
			continue;
		}
		col += it.width;
		i += it.nbytes;
		cp += it.ncp;
	}
	if (lb < t->len || l->nlines == 0)
		add_line(l, &alloc, lcp, lb, cp, t->len);
	return l;
}

void
text_layout_free(struct text_layout *l)
{
	if (l == NULL)
		return;
	free(l->lines);
	free(l);
}

void
text_layout_cells(const struct text_layout *l, size_t line,
    struct text_cells *out)
{
	const struct text	*t = l->text;
	const struct text_line	*ln;
	struct text_cell	*c;
	struct item		 it;
	size_t			 i, cp;
	int			 col = 0;

	out->n = 0;
	if (line >= l->nlines)
		return;
	ln = &l->lines[line];
	i = ln->byte;
	cp = ln->cp;
	while (i < ln->byteend && col < l->width) {
		next_item(t->s, t->len, i, col, &it);
		if (it.kind != IT_NEWLINE) {
			ARRAY_GROW(out->v, out->n + 1, out->alloc);
			c = &out->v[out->n++];
			memcpy(c->str, it.str, sizeof c->str);
			c->col = col;
			c->width = it.width;
			if (col + it.width > l->width) {
				/* Only at the edge: cut blanks and visible
				 * forms to fit (all ASCII). */
				c->width = l->width - col;
				if (it.kind != IT_CHAR)
					c->str[c->width] = '\0';
			}
			c->attr = it.kind == IT_ESCAPED ? TEXT_ESCAPED : 0;
			c->label = -1;
			c->cp = cp;
			c->ncp = it.ncp;
		}
		col += it.width;
		i += it.nbytes;
		cp += it.ncp;
	}
}

size_t
text_layout_line_of(const struct text_layout *l, size_t cp)
{
	size_t	lo = 0, hi = l->nlines, mid;

	/* The last line that starts at or before cp. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (l->lines[mid].cp <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int
text_layout_col_of(const struct text_layout *l, size_t cp)
{
	const struct text	*t = l->text;
	const struct text_line	*ln = &l->lines[text_layout_line_of(l, cp)];
	struct item		 it;
	size_t			 i = ln->byte, at = ln->cp;
	int			 col = 0;

	while (i < ln->byteend) {
		next_item(t->s, t->len, i, col, &it);
		if (at + it.ncp > cp)
			break;
		col += it.width;
		i += it.nbytes;
		at += it.ncp;
	}
	return col;
}
