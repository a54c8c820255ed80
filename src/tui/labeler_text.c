/* The labeler's text: the token cursor and the selection, marking and
 * deleting spans, search, scrolling and paging, and the cells of a line
 * with their marks for labeler_draw.c. A span control's keys (KEYS_MARK)
 * end here; the labeler's own state and the other controls are
 * labeler.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"
#include "tui/view.h"
#include "util/xmalloc.h"

/* Spans: the cursor, the selection and the spans themselves. */

int
lb_spans_mode(const struct labeler *lb)
{
	const struct lb_control	*ctl = lb_current(lb);

	return ctl != NULL && ctl->editable &&
	    ctl->control->kind == CONTROL_SPANS;
}

static const struct token *
cursor_token(const struct labeler *lb)
{
	if (lb->text == NULL || lb->text->ntokens == 0)
		return NULL;
	return &lb->text->tokens[lb->cursor];
}

const struct ans_span *
labeler_span_here(const struct labeler *lb)
{
	const struct lb_control	*ctl = lb_current(lb);
	const struct token	*t = cursor_token(lb);
	size_t			 i;

	if (!lb_spans_mode(lb) || t == NULL)
		return NULL;
	i = ans_span_overlapping(ctl->v, t->start, t->end);
	return i < ctl->v->nspans ? &ctl->v->spans[i] : NULL;
}

static void
keep_visible(struct labeler *lb)
{
	const struct token	*t = cursor_token(lb);
	size_t			 line;

	if (t == NULL || lb->layout == NULL)
		return;
	line = text_layout_line_of(lb->layout, t->start);
	if (line < lb->top)
		lb->top = line;
	else if (line >= lb->top + (size_t)lb->height)
		lb->top = line - (size_t)lb->height + 1;
}

void
lb_move_to(struct labeler *lb, size_t token)
{
	if (token >= lb->text->ntokens)
		token = lb->text->ntokens - 1;
	lb->cursor = token;
	lb->want_col = text_layout_col_of(lb->layout,
	    lb->text->tokens[token].start);
	keep_visible(lb);
}

/*
 * The token on line that is nearest to column want: one that covers it,
 * else the closest; -1 when no token is on the line.
 */
static long
nearest_on_line(const struct labeler *lb, size_t line, int want)
{
	const struct text_line	*ln = &lb->layout->lines[line];
	const struct text	*t = lb->text;
	size_t			 k;
	long			 best = -1;
	int			 c0, c1, d, bestd = 0;

	for (k = text_token_at(t, ln->cp);
	    k < t->ntokens && t->tokens[k].start < ln->cpend; k++) {
		c0 = t->tokens[k].start >= ln->cp ?
		    text_layout_col_of(lb->layout, t->tokens[k].start) : 0;
		c1 = t->tokens[k].end < ln->cpend ?
		    text_layout_col_of(lb->layout, t->tokens[k].end) :
		    lb->layout->width;
		if (c1 <= c0)
			c1 = c0 + 1;
		d = want < c0 ? c0 - want : want >= c1 ? want - c1 + 1 : 0;
		if (best < 0 || d < bestd) {
			best = (long)k;
			bestd = d;
		}
		if (d == 0 || c0 > want)
			break;
	}
	return best;
}

static enum lb_action
move_line(struct labeler *lb, int down)
{
	const struct token	*t = cursor_token(lb);
	size_t			 line;
	long			 k;
	int			 want = lb->want_col;

	line = text_layout_line_of(lb->layout, down ? t->end - 1 : t->start);
	for (;;) {
		if (down ? line + 1 >= lb->layout->nlines : line == 0)
			return LB_NONE;
		line = down ? line + 1 : line - 1;
		if ((k = nearest_on_line(lb, line, want)) >= 0)
			break;
	}
	lb->cursor = (size_t)k;
	keep_visible(lb);
	lb->want_col = want;	/* kept across short lines, as in vi */
	return LB_REDRAW;
}

enum lb_action
lb_label_span(struct labeler *lb, struct lb_control *ctl, int label)
{
	const struct token	*t = cursor_token(lb), *a;
	const char		*lname = ctl->control->labels[label].name;
	char			*name = lb_esc(lname);
	size_t			 s, e, i, gone;

	if (t == NULL || !lb_changeable(lb)) {
		if (t == NULL)
			lb_say(lb, "This text has nothing to label");
		free(name);
		return LB_REDRAW;
	}
	if (!lb->anchored) {
		i = ans_span_overlapping(ctl->v, t->start, t->end);
		if (i < ctl->v->nspans) {
			if (ctl->v->spans[i].label == label) {
				lb_say(lb, "Already %s", name);
				free(name);
				return LB_REDRAW;
			}
			lb_change_begin(lb);
			ctl->v->spans[i].label = label;
			json_decref(ctl->v->spans[i].more);
			ctl->v->spans[i].more = NULL;
			lb_say(lb, "Now %s", name);
			free(name);
			return LB_SAVE_DRAFT;
		}
		s = t->start;
		e = t->end;
	} else {
		a = &lb->text->tokens[lb->anchor];
		s = a->start < t->start ? a->start : t->start;
		e = a->end > t->end ? a->end : t->end;
		lb->anchored = 0;
	}
	lb_change_begin(lb);
	gone = ans_span_put(ctl->v, s, e, label);
	if (gone == 1)
		lb_say(lb, "%s (it replaces the span that was there)", name);
	else if (gone > 1)
		lb_say(lb, "%s (it replaces the %zu spans that were there)", name,
		    gone);
	else
		lb_say(lb, "%s", name);
	free(name);
	return LB_SAVE_DRAFT;
}

static enum lb_action
delete_span(struct labeler *lb)
{
	struct lb_control	*ctl = lb_current(lb);
	const struct ans_span	*sp = labeler_span_here(lb);
	size_t			 i;

	if (sp == NULL) {
		lb_say(lb, "No span under the cursor");
		return LB_REDRAW;
	}
	if (!lb_changeable(lb))
		return LB_REDRAW;
	i = (size_t)(sp - ctl->v->spans);
	lb_change_begin(lb);
	ans_span_delete(ctl->v, i);
	lb_say(lb, "Span deleted");
	return LB_SAVE_DRAFT;
}

static enum lb_action
next_span(struct labeler *lb, int forward)
{
	const struct lb_control	*ctl = lb_current(lb);
	size_t			 at = cursor_token(lb)->start, i;

	if (ctl->v->nspans == 0) {
		lb_say(lb, "No spans yet");
		return LB_REDRAW;
	}
	if (forward) {
		for (i = 0; i < ctl->v->nspans && ctl->v->spans[i].start <= at; i++)
			;
		if (i == ctl->v->nspans) {
			i = 0;
			lb_say(lb, "Back to the first span");
		}
	} else {
		for (i = ctl->v->nspans; i > 0 && ctl->v->spans[i - 1].start >= at;
		    i--)
			;
		if (i == 0) {
			i = ctl->v->nspans;
			lb_say(lb, "On to the last span");
		}
		i--;
	}
	lb_move_to(lb, text_token_at(lb->text, ctl->v->spans[i].start));
	return LB_REDRAW;
}

/* Search. */

/* The byte offset of q in s at or after from, or -1. Lower-case queries
 * match either case (ASCII), as vi's smartcase does. */
static long
find(const char *s, size_t len, const char *q, size_t from)
{
	size_t		 qlen = strlen(q), i, j;
	const char	*p;
	int		 icase = 1;

	if (qlen == 0 || from > len || qlen > len - from)
		return -1;
	for (i = 0; i < qlen; i++)
		if (q[i] >= 'A' && q[i] <= 'Z')
			icase = 0;
	if (!icase) {
		p = memmem(s + from, len - from, q, qlen);
		return p == NULL ? -1 : (long)(p - s);
	}
	for (i = from; i + qlen <= len; i++) {
		for (j = 0; j < qlen; j++) {
			char	a = s[i + j], b = q[j];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		if (j == qlen)
			return (long)i;
	}
	return -1;
}

static enum lb_action
search_from(struct labeler *lb, size_t from)
{
	const struct text	*t = lb->text;
	long			 pos;
	int			 wrapped = 0;
	char			*q;

	if ((pos = find(t->s, t->len, lb->last_search, from)) < 0) {
		pos = find(t->s, t->len, lb->last_search, 0);
		wrapped = 1;
	}
	if (pos < 0) {
		q = lb_esc(lb->last_search);
		lb_say(lb, "Not found: %s", q);
		free(q);
		return LB_REDRAW;
	}
	lb->match = (size_t)pos;
	lb_move_to(lb, text_token_at_byte(t, (size_t)pos));
	if (wrapped)
		lb_say(lb, "Search wrapped to the top");
	return LB_REDRAW;
}

static enum lb_action	search_next(struct labeler *);

static enum view_rc
search_done(void *arg, const char *q)
{
	struct labeler	*lb = arg;

	lb->status[0] = '\0';
	if (*q != '\0') {
		free(lb->last_search);
		lb->last_search = xstrdup(q);
	}
	if (lb->last_search == NULL)
		return lb_notify(lb, LB_REDRAW);
	/* An empty search repeats the last one, as n does. */
	if (*q == '\0')
		return lb_notify(lb, search_next(lb));
	return lb_notify(lb, search_from(lb, cursor_token(lb)->bstart));
}

static enum view_rc
search_cancel(void *arg)
{
	struct labeler	*lb = arg;

	lb_say(lb, "Search cancelled");
	return lb_notify(lb, LB_REDRAW);
}

static enum lb_action
search_open(struct labeler *lb)
{
	struct prompt	p = { "/", NULL, "Enter finds, Esc cancels",
			    PROMPT_BS_CLOSES, search_done, search_cancel, lb };

	if (lb->drv == NULL) {
		lb_say(lb, "No search here");
		return LB_REDRAW;
	}
	drv_prompt(lb->drv, &p);
	return LB_REDRAW;
}

static enum lb_action
search_next(struct labeler *lb)
{
	const struct token	*t = cursor_token(lb);

	if (lb->last_search == NULL) {
		lb_say(lb, "No search yet: press %s to search",
		    lb_req_key(REQ_SEARCH));
		return LB_REDRAW;
	}
	if (lb->match >= t->bstart && lb->match < t->bend)
		return search_from(lb, lb->match + 1);
	return search_from(lb, t->bstart + 1);
}

static enum lb_action
page(struct labeler *lb, int down)
{
	size_t	step, last, line;

	if (lb->layout == NULL)
		return LB_NONE;
	step = lb->height > 1 ? (size_t)lb->height - 1 : 1;
	last = lb->layout->nlines > (size_t)lb->height ?
	    lb->layout->nlines - (size_t)lb->height : 0;
	if (down)
		lb->top = lb->top + step > last ? last : lb->top + step;
	else
		lb->top = lb->top > step ? lb->top - step : 0;
	if (lb_spans_mode(lb) && cursor_token(lb) != NULL) {
		line = text_layout_line_of(lb->layout,
		    cursor_token(lb)->start);
		if (line < lb->top || line >= lb->top + (size_t)lb->height)
			lb_move_to(lb, text_token_at(lb->text,
			    lb->layout->lines[lb->top].cp));
	}
	return LB_REDRAW;
}

/* The text scrolled by a line, or to its top or bottom (not on spans:
 * there the cursor moves and the text follows). */
static enum lb_action
scroll(struct labeler *lb, enum request req)
{
	if (lb->layout == NULL)
		return LB_NONE;
	switch (req) {
	case REQ_SCROLL_UP:
		if (lb->top > 0)
			lb->top--;
		break;
	case REQ_SCROLL_DOWN:
		if (lb->top + 1 < lb->layout->nlines)
			lb->top++;
		break;
	case REQ_TOP:
	case REQ_BOTTOM:
		/* The top, or the last page of the text. */
		lb->top = 0;
		if (req == REQ_BOTTOM && lb->layout->nlines > (size_t)lb->height)
			lb->top = lb->layout->nlines - (size_t)lb->height;
		break;
	default:
		return LB_NONE;
	}
	return LB_REDRAW;
}

/* Keys that move over a text's tokens and mark its spans. */
static enum lb_action
spans_request(struct labeler *lb, enum request req)
{
	const struct token	*t = cursor_token(lb);

	if (t == NULL) {
		lb_say(lb, "This text has nothing to label");
		return LB_REDRAW;
	}
	switch (req) {
	case REQ_NEXT_TOKEN:
		if (lb->cursor + 1 >= lb->text->ntokens)
			return LB_NONE;
		lb_move_to(lb, lb->cursor + 1);
		return LB_REDRAW;
	case REQ_PREV_TOKEN:
		if (lb->cursor == 0)
			return LB_NONE;
		lb_move_to(lb, lb->cursor - 1);
		return LB_REDRAW;
	case REQ_LINE_DOWN:
		return move_line(lb, 1);
	case REQ_LINE_UP:
		return move_line(lb, 0);
	case REQ_SELECT_NEXT:
	case REQ_SELECT_PREV:
		/* A selection from the cursor, or the one made extended. */
		if (!lb->anchored) {
			lb->anchored = 1;
			lb->anchor = lb->cursor;
		}
		if (req == REQ_SELECT_NEXT ? lb->cursor + 1 >=
		    lb->text->ntokens : lb->cursor == 0)
			return LB_REDRAW;
		lb_move_to(lb, req == REQ_SELECT_NEXT ? lb->cursor + 1 :
		    lb->cursor - 1);
		return LB_REDRAW;
	case REQ_TOKENS_NEXT:
		if (lb->cursor + 1 >= lb->text->ntokens)
			return LB_NONE;
		lb_move_to(lb, lb->cursor + LB_TOKENS_STEP);
		return LB_REDRAW;
	case REQ_TOKENS_PREV:
		if (lb->cursor == 0)
			return LB_NONE;
		lb_move_to(lb, lb->cursor > LB_TOKENS_STEP ?
		    lb->cursor - LB_TOKENS_STEP : 0);
		return LB_REDRAW;
	case REQ_HINTS:
		return lb_hints_open(lb);
	case REQ_FIRST:
		lb_move_to(lb, 0);
		return LB_REDRAW;
	case REQ_LAST:
		lb_move_to(lb, lb->text->ntokens - 1);
		return LB_REDRAW;
	case REQ_SEARCH:
		return search_open(lb);
	case REQ_SEARCH_NEXT:
		return search_next(lb);
	case REQ_ANCHOR:
		lb->anchored = !lb->anchored;
		lb->anchor = lb->cursor;
		return LB_REDRAW;
	case REQ_DELETE_SPAN:
		return delete_span(lb);
	case REQ_NEXT_SPAN:
		return next_span(lb, 1);
	case REQ_PREV_SPAN:
		return next_span(lb, 0);
	default:
		return LB_NONE;
	}
}

enum lb_action
lb_text_request(struct labeler *lb, enum request req)
{
	switch (req) {
	case REQ_SCROLL_DOWN:
	case REQ_SCROLL_UP:
	case REQ_TOP:
	case REQ_BOTTOM:
		return scroll(lb, req);
	case REQ_PAGE_DOWN:
		return page(lb, 1);
	case REQ_PAGE_UP:
		return page(lb, 0);
	default:
		return spans_request(lb, req);
	}
}

void
labeler_set_view(struct labeler *lb, int width, int height)
{
	size_t	last;

	if (width < 1)
		width = 1;
	if (height < 1)
		height = 1;
	lb->height = height;
	if (lb->text == NULL) {
		lb->width = width;
		return;
	}
	if (width != lb->width) {
		lb->width = width;
		text_layout_free(lb->layout);
		lb->layout = text_layout_new(lb->text, width);
		if (cursor_token(lb) != NULL)
			lb->want_col = text_layout_col_of(lb->layout,
			    cursor_token(lb)->start);
	}
	last = lb->layout->nlines > (size_t)height ?
	    lb->layout->nlines - (size_t)height : 0;
	if (lb->top > last)
		lb->top = last;
	if (lb_spans_mode(lb))
		keep_visible(lb);
}

void
labeler_line_cells(const struct labeler *lb, size_t line,
    struct text_cells *out)
{
	const struct lb_control	*ctl = NULL;
	const struct token	*t = NULL, *a;
	struct text_cell	*c;
	size_t			 i, k = 0, ss = 0, se = 0, ce;

	out->n = 0;
	if (lb->layout == NULL)
		return;
	text_layout_cells(lb->layout, line, out);
	if (out->n == 0)
		return;
	/* The spans shown: the current control's, else the first's. */
	if (lb_spans_mode(lb)) {
		ctl = lb_current(lb);
		t = cursor_token(lb);
	} else
		for (i = 0; i < lb->ncontrols && ctl == NULL; i++)
			if (lb->controls[i].editable &&
			    lb->controls[i].control->kind == CONTROL_SPANS)
				ctl = &lb->controls[i];
	if (t != NULL && lb->anchored) {
		a = &lb->text->tokens[lb->anchor];
		ss = a->start < t->start ? a->start : t->start;
		se = a->end > t->end ? a->end : t->end;
	}
	if (ctl != NULL)
		k = ans_span_overlapping(ctl->v, out->v[0].cp, (size_t)-1);
	for (i = 0; i < out->n; i++) {
		c = &out->v[i];
		ce = c->cp + c->ncp;
		if (t != NULL && c->cp < t->end && ce > t->start)
			c->attr |= TEXT_CURSOR;
		if (se > ss && c->cp < se && ce > ss)
			c->attr |= TEXT_SELECTED;
		if (ctl == NULL)
			continue;
		while (k < ctl->v->nspans && ctl->v->spans[k].end <= c->cp)
			k++;
		if (k < ctl->v->nspans && ctl->v->spans[k].start < ce) {
			c->attr |= TEXT_SPAN;
			c->label = ctl->v->spans[k].label;
			if (ctl->v->spans[k].start >= c->cp)
				c->attr |= TEXT_SPAN_START;
		}
	}
}
