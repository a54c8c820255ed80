/* The labelling screen composed into a grid of cells, and the headless
 * display with its key scripts (see screen.h). No ncurses here.
 *
 * Layout, top to bottom: the title bar; the task text (its own area,
 * scrolled by the labeler); an info line (the search being typed, the
 * selection or the span under the cursor, or the spans of the text); one
 * palette row per control that can be labelled (the current one marked);
 * the progress line; the status line. Overlays (help, instructions, the
 * picker) are boxes drawn over it, ncdu's dialogs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/colour.h"
#include "model/config.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/screen.h"
#include "tui/text.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define PALETTE_MAX	3	/* control rows shown at once */

/* Colours given to labels without one, in order. */
static const int colour_cycle[] = { COLOUR_CYAN, COLOUR_YELLOW, COLOUR_GREEN,
	COLOUR_MAGENTA, COLOUR_BLUE, COLOUR_RED, COLOUR_WHITE };

void
screen_resize(struct screen *scr, int w, int h)
{
	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	if (scr->w != w || scr->h != h || scr->c == NULL) {
		free(scr->c);
		scr->c = xcalloc((size_t)w * (size_t)h, sizeof *scr->c);
		scr->w = w;
		scr->h = h;
	}
}

void
screen_release(struct screen *scr)
{
	free(scr->c);
	scr->c = NULL;
	scr->w = scr->h = 0;
}

int
screen_big_enough(const struct screen *scr)
{
	return scr->w >= SCREEN_MIN_WIDTH && scr->h >= SCREEN_MIN_HEIGHT;
}

static void
clear(struct screen *scr)
{
	size_t	i, n = (size_t)scr->w * (size_t)scr->h;

	for (i = 0; i < n; i++) {
		scr->c[i].str[0] = ' ';
		scr->c[i].str[1] = '\0';
		scr->c[i].attr = 0;
		scr->c[i].colour = 0;
	}
}

static struct scell *
at(struct screen *scr, int row, int col)
{
	return &scr->c[(size_t)row * (size_t)scr->w + (size_t)col];
}

/* Sets attributes on columns from .. end-1 of a row. */
static void
paint(struct screen *scr, int row, int from, int end, int attr, int colour)
{
	int	col;

	if (row < 0 || row >= scr->h)
		return;
	for (col = from < 0 ? 0 : from; col < end && col < scr->w; col++) {
		at(scr, row, col)->attr |= attr;
		if (colour != 0)
			at(scr, row, col)->colour = colour;
	}
}

/*
 * Puts one code point of width w (0: appended to the cell before) at
 * row, col; the caller has made it safe. Returns the next column.
 */
static int
put_cp(struct screen *scr, int row, int col, int end, uint32_t cp, int w,
    int attr, int colour)
{
	struct scell	*c;
	char		 enc[4];
	size_t		 len, n;

	n = (size_t)utf8_encode(cp, enc);
	if (w == 0) {
		if (col == 0)
			return col;
		c = at(scr, row, col - 1);
		if (c->str[0] == '\0' && col >= 2)
			c = at(scr, row, col - 2);
		len = strlen(c->str);
		if (len + n < sizeof c->str)
			memcpy(c->str + len, enc, n + 1), c->str[len + n] = '\0';
		return col;
	}
	if (col + w > end) {
		/* A wide character that does not fit: a blank instead. */
		if (col < end) {
			c = at(scr, row, col);
			strcpy(c->str, " ");
			c->attr = attr;
			c->colour = colour;
		}
		return end;
	}
	c = at(scr, row, col);
	memcpy(c->str, enc, n);
	c->str[n] = '\0';
	c->attr = attr;
	c->colour = colour;
	if (w == 2) {
		c = at(scr, row, col + 1);
		c->str[0] = '\0';
		c->attr = attr;
		c->colour = colour;
	}
	return col + w;
}

int
screen_put(struct screen *scr, int row, int col, int end, const char *s,
    int attr, int colour)
{
	size_t		 i = 0, len = strlen(s);
	uint32_t	 cp;
	char		 vis[16], hex[8];
	const char	*v;
	int		 n, placed = 0;

	if (row < 0 || row >= scr->h)
		return col;
	if (end > scr->w)
		end = scr->w;
	for (; i < len; placed = 1) {
		n = utf8_decode(s + i, len - i, &cp);
		/* At the end only marks that join the last cell put here
		 * still go. */
		if (col >= end && (!placed || n < 0 || cp < 0x80 ||
		    utf8_cp_width(cp) != 0 || escape_cp(cp, vis)))
			break;
		if (n < 0) {
			snprintf(hex, sizeof hex, "\\x%02X",
			    (unsigned char)s[i]);
			for (v = hex; *v != '\0' && col < end; v++)
				col = put_cp(scr, row, col, end,
				    (uint32_t)*v, 1, attr ^ SA_REVERSE, colour);
			i++;
			continue;
		}
		i += (size_t)n;
		/* Not drawn, as in text.c: what it joins has no width
		 * that ncurses and every terminal agree on. */
		if (cp == 0x200d)
			continue;
		if (escape_cp(cp, vis)) {
			for (v = vis; *v != '\0' && col < end; v++)
				col = put_cp(scr, row, col, end,
				    (uint32_t)*v, 1, attr ^ SA_REVERSE, colour);
			continue;
		}
		col = put_cp(scr, row, col, end, cp, utf8_cp_width(cp), attr,
		    colour);
	}
	return col;
}

int
screen_label_colour(const char *colour, int index)
{
	unsigned	r, g, b;
	int		c;

	/* #rrggbb: the nearest of the eight, by each channel's half. */
	if (colour != NULL && colour[0] == '#' &&
	    sscanf(colour + 1, "%2x%2x%2x", &r, &g, &b) == 3)
		return 1 + ((r >= 128) | (g >= 128) << 1 | (b >= 128) << 2);
	if (colour != NULL && (c = colour_from_name(colour)) >= 0)
		return 1 + c;
	return 1 + colour_cycle[(size_t)index % ARRAY_SIZE(colour_cycle)];
}

/* The layout's parts. */

/* The controls this screen labels. */
static int
editable_controls(const struct labeler *lb)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < lb->ncontrols; i++)
		n += lb->controls[i].editable != 0;
	return n;
}

static int
palette_rows(const struct labeler *lb)
{
	int	n;

	if (lb == NULL)
		return 0;
	n = editable_controls(lb);
	if (n > PALETTE_MAX)
		n = PALETTE_MAX;
	return n > 0 ? n : 1;
}

void
screen_text_area(const struct labeler *lb, int w, int h, int *tw, int *th)
{
	*tw = w - 2;
	*th = h - 4 - palette_rows(lb);
	if (*tw < 1)
		*tw = 1;
	if (*th < 1)
		*th = 1;
}

void
screen_overlay_area(int w, int h, int *ow, int *oh)
{
	*ow = (w > 80 ? 76 : w - 4) - 4;
	*oh = h - 4 - 3;
	if (*ow < 1)
		*ow = 1;
	if (*oh < 1)
		*oh = 1;
}

static void
compose_title(struct screen *scr, const struct frame *f)
{
	struct buf	 b = BUF_INIT;
	int		 col, end = scr->w - 12;

	buf_printf(&b, " %s", f->project);
	if (f->task != NULL && f->n > 0)
		buf_printf(&b, " \xe2\x80\x94 task %lld of %lld (%s)",
		    (long long)f->n, (long long)f->total, f->task);
	else if (f->task != NULL)
		buf_printf(&b, " \xe2\x80\x94 task %s", f->task);
	buf_printf(&b, " \xe2\x80\x94 %s", f->user);
	col = screen_put(scr, 0, 0, end, buf_str(&b), 0, 0);
	if (f->lb != NULL && labeler_from_prediction(f->lb))
		col = screen_put(scr, 0, col + 1, end, "(suggestion)", SA_BOLD,
		    0);
	if (f->note != NULL) {
		buf_reset(&b);
		buf_printf(&b, "[%s]", f->note);
		screen_put(scr, 0, col + 1, end, buf_str(&b), SA_BOLD, 0);
	}
	screen_put(scr, 0, scr->w - 11, scr->w, "? for help", 0, 0);
	paint(scr, 0, 0, scr->w, SA_REVERSE, 0);
	buf_release(&b);
}

/* A text cell's attributes on the screen. */
static void
cell_style(const struct screen *scr, const struct text_cell *tc,
    const struct lb_control *ctl, int *attr, int *colour)
{
	*attr = 0;
	*colour = 0;
	if (tc->attr & TEXT_ESCAPED)
		*attr |= SA_REVERSE;
	if ((tc->attr & TEXT_SPAN) && ctl != NULL && tc->label >= 0 &&
	    (size_t)tc->label < ctl->control->nlabels) {
		if (scr->colours)
			*colour = screen_label_colour(
			    ctl->control->labels[tc->label].colour, tc->label);
		else
			*attr |= SA_UNDERLINE;
		if (tc->attr & TEXT_SPAN_START)
			*attr |= SA_BOLD;
	}
	if (tc->attr & TEXT_SELECTED)
		*attr = (*attr & ~SA_REVERSE) | SA_REVERSE | SA_BOLD;
	if (tc->attr & TEXT_CURSOR)
		*attr = (*attr ^ SA_REVERSE) | SA_BOLD | SA_UNDERLINE;
}

/* The control whose spans the text shows (as labeler_line_cells). */
static const struct lb_control *
spans_control(const struct labeler *lb)
{
	const struct lb_control	*ctl = labeler_control(lb);
	size_t			 i;

	if (ctl != NULL && ctl->control->kind == CONTROL_SPANS)
		return ctl;
	for (i = 0; i < lb->ncontrols; i++)
		if (lb->controls[i].editable &&
		    lb->controls[i].control->kind == CONTROL_SPANS)
			return &lb->controls[i];
	return NULL;
}

static void
compose_text(struct screen *scr, const struct labeler *lb, int top, int th)
{
	struct text_cells	 cells = TEXT_CELLS_INIT;
	const struct lb_control	*ctl = spans_control(lb);
	struct text_cell	*tc;
	size_t			 line, i;
	int			 row, col, attr, colour, end;

	if (lb->layout == NULL) {
		screen_put(scr, top, 1, scr->w - 1, "(an image task: this "
		    "screen labels its other controls)", SA_DIM, 0);
		return;
	}
	for (row = 0; row < th; row++) {
		line = lb->top + (size_t)row;
		if (line >= lb->layout->nlines)
			break;
		labeler_line_cells(lb, line, &cells);
		for (i = 0; i < cells.n; i++) {
			tc = &cells.v[i];
			cell_style(scr, tc, ctl, &attr, &colour);
			col = 1 + tc->col;
			end = col + tc->width;
			if (end > scr->w - 1)
				end = scr->w - 1;
			/* A tab's blanks, a visible form, a character. */
			while (col < end) {
				int next = screen_put(scr, top + row, col, end,
				    tc->str, attr, colour);
				if (next == col || tc->str[0] != ' ')
					break;
				col = next;
			}
			if (tc->attr & (TEXT_ESCAPED | TEXT_CURSOR |
			    TEXT_SELECTED | TEXT_SPAN))
				paint(scr, top + row, 1 + tc->col, end, attr,
				    colour);
		}
	}
	text_cells_release(&cells);
}

/* The text of a span, escaped, cut at max bytes. */
static void
add_span_text(struct buf *b, const struct labeler *lb, size_t start,
    size_t end, size_t max)
{
	size_t	bs, be;

	bs = utf8_offset(lb->text->s, lb->text->len, start);
	be = utf8_offset(lb->text->s, lb->text->len, end);
	if (be - bs > max) {
		be = bs + max;
		while (be > bs && ((unsigned char)lb->text->s[be] & 0xc0) ==
		    0x80)
			be--;
		escape_add(b, lb->text->s + bs, be - bs, 0);
		buf_addstr(b, "...");
	} else
		escape_add(b, lb->text->s + bs, be - bs, 0);
}

/*
 * The info line, below the text: the search being typed, else what the
 * cursor is on. A text longer than its area (th rows) has its position at
 * the right end, here rather than over the text's last row, where it would
 * hide the text and the cursor.
 */
static void
compose_info(struct screen *scr, const struct labeler *lb, int row, int th)
{
	const struct lb_control	*ctl = labeler_control(lb);
	const struct ans_span	*sp;
	const char		*prompt = labeler_prompt(lb);
	struct buf		 b = BUF_INIT;
	size_t			 i, last;
	int			 end = scr->w - 1, col;
	char			 pos[64];
	static const char	 hint[] = "Enter finds, Esc cancels";

	if (lb->layout != NULL && lb->layout->nlines > (size_t)th) {
		last = lb->top + (size_t)th;
		if (last > lb->layout->nlines)
			last = lb->layout->nlines;
		snprintf(pos, sizeof pos, "lines %zu-%zu of %zu", lb->top + 1,
		    last, lb->layout->nlines);
		end -= (int)strlen(pos) + 2;
		screen_put(scr, row, end + 2, scr->w - 1, pos, SA_DIM, 0);
	}
	if (prompt != NULL) {
		buf_printf(&b, "/%s", prompt);
		col = screen_put(scr, row, 1, end, buf_str(&b), SA_BOLD, 0);
		/* Where the next character goes: the cursor is hidden. */
		col = screen_put(scr, row, col, end, " ", SA_REVERSE, 0);
		if (col + 2 + (int)strlen(hint) <= end)
			screen_put(scr, row, end - (int)strlen(hint), end, hint,
			    SA_DIM, 0);
		goto out;
	}
	if (ctl != NULL && ctl->control->kind != CONTROL_SPANS &&
	    editable_controls(lb) > 1) {
		/* Choosing moves on to the next empty control only: say
		 * how to reach the others (a text's spans). */
		buf_addstr(&b, "c: the next control");
		screen_put(scr, row, 1, end, buf_str(&b), SA_DIM, 0);
		goto out;
	}
	if (ctl == NULL || ctl->control->kind != CONTROL_SPANS ||
	    lb->text == NULL)
		goto out;
	if (lb->anchored && lb->anchor < lb->text->ntokens &&
	    lb->cursor < lb->text->ntokens) {
		size_t	a = lb->anchor, c = lb->cursor;

		buf_addstr(&b, "Selecting \"");
		add_span_text(&b, lb, lb->text->tokens[a < c ? a : c].start,
		    lb->text->tokens[a < c ? c : a].end, 40);
		buf_addstr(&b, "\": a label's key labels it, Esc cancels");
	} else if ((sp = labeler_span_here(lb)) != NULL) {
		buf_addch(&b, '"');
		add_span_text(&b, lb, sp->start, sp->end, 40);
		buf_addstr(&b, "\" is ");
		escape_add(&b, ctl->control->labels[sp->label].name,
		    strlen(ctl->control->labels[sp->label].name), 0);
		buf_addstr(&b, ": x deletes it, a label's key relabels it");
	} else if (ctl->v->nspans > 0) {
		buf_printf(&b, "%zu span%s:", ctl->v->nspans,
		    ctl->v->nspans == 1 ? "" : "s");
		for (i = 0; i < ctl->v->nspans && b.len < (size_t)scr->w * 2;
		    i++) {
			buf_addstr(&b, " ");
			add_span_text(&b, lb, ctl->v->spans[i].start,
			    ctl->v->spans[i].end, 24);
			buf_addch(&b, '=');
			escape_add(&b,
			    ctl->control->labels[ctl->v->spans[i].label].name,
			    strlen(ctl->control->labels[ctl->v->spans[i].label].
			    name), 0);
		}
	} else
		buf_addstr(&b, "v marks a selection, a label's key labels it;"
		    " Enter submits");
	screen_put(scr, row, 1, end, buf_str(&b), 0, 0);
out:
	buf_release(&b);
}

/* The columns "[x] NAME  " takes on a palette row. */
static int
chosen_width(const struct control *c, size_t i)
{
	return (int)utf8_width(c->labels[i].name, strlen(c->labels[i].name)) +
	    6;
}

/* One control's palette row. */
static void
compose_palette_row(struct screen *scr, const struct labeler *lb,
    const struct lb_control *ctl, int row)
{
	const struct control	*c = ctl->control;
	int			 cur = ctl == labeler_control(lb);
	int			 col = 1, colour, end = scr->w - 1;
	char			 buf[64];
	const char		*key;
	size_t			 i, shown = 0, offered = 0;
	char			*shown_here;
	int			 full = 0, pending = 0;

	col = screen_put(scr, row, col, end, cur ? "> " : "  ", SA_BOLD, 0);
	col = screen_put(scr, row, col, end, c->name, cur ? SA_BOLD : SA_DIM,
	    0);
	col = screen_put(scr, row, col, end, ": ", 0, 0);
	if (c->kind == CONTROL_RATING) {
		snprintf(buf, sizeof buf, "1-%d%s: ", c->max,
		    c->max >= 10 ? " (0 is 10)" : "");
		col = screen_put(scr, row, col, end, buf, 0, 0);
		if (ctl->v->rating > 0)
			snprintf(buf, sizeof buf, "[%d]", ctl->v->rating);
		else
			snprintf(buf, sizeof buf, "[ ]");
		screen_put(scr, row, col, end, buf, SA_BOLD, 0);
		return;
	}
	shown_here = xcalloc(c->nlabels + 1, 1);
	/* Room kept for the chosen labels still to come, in case they do
	 * not fit in their place: they are named after the others. */
	for (i = 0; i < c->nlabels; i++)
		if (ctl->v->chosen[i])
			pending += chosen_width(c, i);
	for (i = 0; i < c->nlabels; i++) {
		if (ctl->v->chosen[i])
			pending -= chosen_width(c, i);
		if (c->labels[i].retired)
			continue;
		offered++;
		if (ctl->keys[i] == 0 || full)
			continue;
		key = keymap_key_name((int)ctl->keys[i]);
		/* Leave room for the picker's hint. */
		if (col + (int)strlen(key) + (int)utf8_width(c->labels[i].name,
		    strlen(c->labels[i].name)) + 8 > end - 10 - pending) {
			full = 1;
			continue;
		}
		shown_here[i] = 1;
		colour = scr->colours ? screen_label_colour(c->labels[i].colour,
		    (int)i) : 0;
		snprintf(buf, sizeof buf, " %s ", key);
		col = screen_put(scr, row, col, end, buf, scr->colours ? 0 :
		    SA_REVERSE, colour);
		col = screen_put(scr, row, col, end, " ", 0, 0);
		if (c->kind != CONTROL_SPANS)
			col = screen_put(scr, row, col, end, ctl->v->chosen[i] ?
			    "[x] " : "[ ] ", ctl->v->chosen[i] ? SA_BOLD : 0, 0);
		col = screen_put(scr, row, col, end, c->labels[i].name,
		    ctl->v->chosen[i] ? SA_BOLD : 0, 0);
		col = screen_put(scr, row, col, end, "  ", 0, 0);
		shown++;
	}
	/* A chosen label with no room, no key or retired is still named:
	 * what is chosen is never hidden. */
	for (i = 0; i < c->nlabels; i++) {
		if (!ctl->v->chosen[i] || shown_here[i])
			continue;
		col = screen_put(scr, row, col, end, "[x] ", SA_BOLD, 0);
		col = screen_put(scr, row, col, end, c->labels[i].name, SA_BOLD,
		    0);
		col = screen_put(scr, row, col, end, "  ", 0, 0);
	}
	if (shown < offered)
		screen_put(scr, row, col, end, "p: all labels", SA_DIM, 0);
	free(shown_here);
}

static void
compose_palette(struct screen *scr, const struct labeler *lb, int row,
    int rows)
{
	const struct lb_control	*cur = labeler_control(lb);
	size_t			 i, first = 0, n;
	int			 r = 0;

	if (cur == NULL) {
		screen_put(scr, row, 1, scr->w - 1, "Nothing here can be "
		    "labelled on this screen: s skips", SA_DIM, 0);
		return;
	}
	/* The rows around the current control when not all fit. */
	for (i = 0, n = 0; i < lb->ncontrols; i++)
		if (lb->controls[i].editable) {
			if (&lb->controls[i] == cur && n >= (size_t)rows)
				first = n - (size_t)rows + 1;
			n++;
		}
	for (i = 0, n = 0; i < lb->ncontrols && r < rows; i++) {
		if (!lb->controls[i].editable)
			continue;
		if (n++ < first)
			continue;
		compose_palette_row(scr, lb, &lb->controls[i], row + r++);
	}
	if (n > (size_t)rows || first > 0)
		screen_put(scr, row, scr->w - 15, scr->w - 1, "c: next control",
		    SA_DIM, 0);
}

static void
compose_progress(struct screen *scr, const struct frame *f, int row)
{
	char	buf[160];
	int	col, bar = 30, fill, i;

	snprintf(buf, sizeof buf, "You: %lld submitted", (long long)f->mine);
	col = screen_put(scr, row, 1, scr->w - 1, buf, 0, 0);
	col = screen_put(scr, row, col + 3, scr->w - 1, "Project: ", 0, 0);
	fill = f->total > 0 ? (int)(f->done * bar / f->total) : 0;
	for (i = 0; i < bar; i++)
		buf[i] = i < fill ? '#' : '.';
	buf[bar] = '\0';
	col = screen_put(scr, row, col, scr->w - 1, "[", 0, 0);
	col = screen_put(scr, row, col, scr->w - 1, buf, SA_BOLD, 0);
	col = screen_put(scr, row, col, scr->w - 1, "]", 0, 0);
	snprintf(buf, sizeof buf, " %lld/%lld done (%lld%%)",
	    (long long)f->done, (long long)f->total, f->total > 0 ?
	    (long long)(f->done * 100 / f->total) : 0LL);
	screen_put(scr, row, col, scr->w - 1, buf, 0, 0);
}

static void
compose_status(struct screen *scr, const struct frame *f, int row)
{
	const char	*s = f->status;
	char		 buf[48];
	int		 end = scr->w - 1;

	/* The notifications hook: shown when there are any. */
	if (f->unread > 0) {
		snprintf(buf, sizeof buf, "%d unread", f->unread);
		end -= (int)strlen(buf) + 1;
		screen_put(scr, row, end + 1, scr->w, buf, SA_BOLD, 0);
	}
	if ((s == NULL || *s == '\0') && f->lb != NULL)
		s = labeler_status(f->lb);
	if (s != NULL)
		screen_put(scr, row, 1, end, s, f->status_error ? SA_BOLD : 0,
		    0);
}

/* A box with a border (inner ow x oh) centred, and its title. */
static void
box(struct screen *scr, int ow, int oh, const char *title, int *top,
    int *left)
{
	int	r, c, w = ow + 4, h = oh + 2;
	int	y = (scr->h - h) / 2, x = (scr->w - w) / 2;

	for (r = 0; r < h; r++)
		for (c = 0; c < w; c++) {
			const char *s = " ";

			if (r == 0 || r == h - 1)
				s = c == 0 ? (r == 0 ? "\xe2\x94\x8c" :
				    "\xe2\x94\x94") : c == w - 1 ? (r == 0 ?
				    "\xe2\x94\x90" : "\xe2\x94\x98") :
				    "\xe2\x94\x80";
			else if (c == 0 || c == w - 1)
				s = "\xe2\x94\x82";
			strcpy(at(scr, y + r, x + c)->str, s);
			at(scr, y + r, x + c)->attr = 0;
			at(scr, y + r, x + c)->colour = 0;
		}
	screen_put(scr, y, x + 2, x + w - 2, title, SA_BOLD, 0);
	*top = y + 1;
	*left = x + 2;
}

static void
compose_overlay(struct screen *scr, const struct frame *f)
{
	struct text_cells	 cells = TEXT_CELLS_INIT;
	const struct text_layout *tl = f->overlay_text;
	int			 ow, oh, top, left, row, attr;
	size_t			 i, line;
	char			 pos[128];

	screen_overlay_area(scr->w, scr->h, &ow, &oh);
	box(scr, ow, oh + 1, f->overlay == OVERLAY_HELP ? " Keys " :
	    " Instructions ", &top, &left);
	for (row = 0; tl != NULL && row < oh; row++) {
		line = f->overlay_top + (size_t)row;
		if (line >= tl->nlines)
			break;
		text_layout_cells(tl, line, &cells);
		for (i = 0; i < cells.n; i++) {
			attr = cells.v[i].attr & TEXT_ESCAPED ? SA_REVERSE : 0;
			if (cells.v[i].str[0] == ' ' && cells.v[i].width > 1)
				continue;
			screen_put(scr, top + row, left + cells.v[i].col,
			    left + ow, cells.v[i].str, attr, 0);
			if (attr)
				paint(scr, top + row, left + cells.v[i].col,
				    left + cells.v[i].col + cells.v[i].width,
				    attr, 0);
		}
	}
	text_cells_release(&cells);
	if (tl != NULL && tl->nlines > (size_t)oh)
		snprintf(pos, sizeof pos, "j/k/PgUp/PgDn scroll (%zu-%zu of "
		    "%zu), any other key closes", f->overlay_top + 1,
		    f->overlay_top + (size_t)row, tl->nlines);
	else
		snprintf(pos, sizeof pos, "Any key closes");
	screen_put(scr, top + oh, left, left + ow, pos, SA_DIM, 0);
}

static void
compose_picker(struct screen *scr, const struct labeler *lb)
{
	const struct lb_control	*ctl = labeler_control(lb);
	const struct lb_picker	*p = &lb->picker;
	const struct label	*l;
	int			 ow = 50, oh, top, left, row, col, attr;
	size_t			 first = 0, i;

	if (ctl == NULL || p->n == 0)
		return;
	oh = scr->h - 8;
	if ((size_t)oh > p->n + 1)
		oh = (int)p->n + 1;
	if (p->cursor >= (size_t)oh - 1)
		first = p->cursor - (size_t)oh + 2;
	box(scr, ow, oh, " Labels ", &top, &left);
	for (row = 0; row < oh - 1 && first + (size_t)row < p->n; row++) {
		i = first + (size_t)row;
		l = &ctl->control->labels[p->labels[i]];
		attr = i == p->cursor ? SA_REVERSE : 0;
		col = screen_put(scr, top + row, left, left + ow,
		    i == p->cursor ? "> " : "  ", attr, 0);
		if (l->key[0] != '\0') {
			col = screen_put(scr, top + row, col, left + ow, l->key,
			    attr | SA_BOLD, 0);
			col = screen_put(scr, top + row, col, left + ow, " ",
			    attr, 0);
		} else
			col = screen_put(scr, top + row, col, left + ow, "  ",
			    attr, 0);
		if (ctl->control->kind != CONTROL_SPANS)
			col = screen_put(scr, top + row, col, left + ow,
			    ctl->v->chosen[p->labels[i]] ? "[x] " : "[ ] ",
			    attr, 0);
		col = screen_put(scr, top + row, col, left + ow, l->name, attr,
		    0);
		if (l->description[0] != '\0') {
			col = screen_put(scr, top + row, col, left + ow, "  ",
			    attr, 0);
			screen_put(scr, top + row, col, left + ow,
			    l->description, attr | SA_DIM, 0);
		}
		paint(scr, top + row, left, left + ow, attr, 0);
	}
	screen_put(scr, top + oh - 1, left, left + ow,
	    "j/k move, Enter picks, Esc closes", SA_DIM, 0);
}

static void
compose_message(struct screen *scr, const char *msg)
{
	struct text		*t;
	struct text_layout	*tl;
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 line, i;
	int			 row = 3;

	t = text_new(msg, strlen(msg));
	tl = text_layout_new(t, scr->w - 4);
	for (line = 0; line < tl->nlines && row < scr->h - 3; line++, row++) {
		text_layout_cells(tl, line, &cells);
		for (i = 0; i < cells.n; i++)
			if (!(cells.v[i].str[0] == ' ' && cells.v[i].width > 1))
				screen_put(scr, row, 2 + cells.v[i].col,
				    scr->w - 2, cells.v[i].str, cells.v[i].attr
				    & TEXT_ESCAPED ? SA_REVERSE : 0, 0);
	}
	text_cells_release(&cells);
	text_layout_free(tl);
	text_free(t);
}

void
screen_compose(struct screen *scr, const struct frame *f)
{
	const struct labeler	*lb = f->lb;
	int			 tw, th, prows;

	clear(scr);
	if (!screen_big_enough(scr)) {
		const char	*m = "terminal too small (need 80x24)";
		int		 len = (int)strlen(m);

		screen_put(scr, scr->h / 2, len < scr->w ? (scr->w - len) / 2 :
		    0, scr->w, m, SA_BOLD, 0);
		return;
	}
	compose_title(scr, f);
	if (lb != NULL) {
		screen_text_area(lb, scr->w, scr->h, &tw, &th);
		prows = palette_rows(lb);
		compose_text(scr, lb, 1, th);
		compose_info(scr, lb, 1 + th, th);
		compose_palette(scr, lb, 2 + th, prows);
	} else if (f->message != NULL)
		compose_message(scr, f->message);
	compose_progress(scr, f, scr->h - 2);
	compose_status(scr, f, scr->h - 1);
	if (f->overlay != OVERLAY_NONE)
		compose_overlay(scr, f);
	else if (lb != NULL && lb->picker.open)
		compose_picker(scr, lb);
}

void
screen_dump(const struct screen *scr, FILE *out)
{
	struct buf	line = BUF_INIT;
	int		r, c;
	size_t		keep;

	for (r = 0; r < scr->h; r++) {
		buf_reset(&line);
		keep = 0;
		for (c = 0; c < scr->w; c++) {
			const char *s = scr->c[(size_t)r * (size_t)scr->w +
			    (size_t)c].str;

			buf_addstr(&line, s);
			if (*s != '\0' && strcmp(s, " ") != 0)
				keep = line.len;
		}
		fwrite(buf_str(&line), 1, keep, out);
		fputc('\n', out);
	}
	buf_release(&line);
}

static void
help_key(struct buf *b, int key)
{
	const char	*name = keymap_key_name(key);

	escape_add(b, name, strlen(name), 0);
}

char *
screen_help_text(const struct labeler *lb)
{
	const struct keymap_entry	*t;
	const struct lb_control		*ctl = lb != NULL ?
					    labeler_control(lb) : NULL;
	struct buf			 b = BUF_INIT, k = BUF_INIT;
	int				 i, n, w;
	size_t				 j;

	if (ctl != NULL) {
		buf_addstr(&b, "Labels of ");
		escape_add(&b, ctl->control->name, strlen(ctl->control->name),
		    0);
		buf_printf(&b, " (%s)\n", control_kind_name(
		    ctl->control->kind));
		if (ctl->control->kind == CONTROL_RATING)
			buf_printf(&b, "  1-%d  rate%s\n", ctl->control->max <
			    10 ? ctl->control->max : 9, ctl->control->max >=
			    10 ? " (0 is 10)" : "");
		for (j = 0; j < ctl->control->nlabels; j++) {
			const struct label *l = &ctl->control->labels[j];

			if (l->retired)
				continue;
			buf_reset(&k);
			if (ctl->keys[j] != 0)
				help_key(&k, (int)ctl->keys[j]);
			else
				buf_addstr(&k, "(p)");
			w = (int)utf8_width(buf_str(&k), k.len);
			buf_printf(&b, "  %s%*s ", buf_str(&k), w < 16 ?
			    16 - w : 0, "");
			escape_add(&b, l->name, strlen(l->name), 0);
			if (l->description[0] != '\0') {
				buf_addstr(&b, ": ");
				escape_add(&b, l->description,
				    strlen(l->description), 0);
			}
			buf_addch(&b, '\n');
		}
		if (ctl->control->kind == CONTROL_CHOICE)
			buf_addstr(&b, "  (a label's key chooses it"
			    " and, alone, submits)\n");
		else if (ctl->control->kind == CONTROL_MULTICHOICE)
			buf_addstr(&b, "  (a label's key toggles it;"
			    " Enter submits)\n");
		else if (ctl->control->kind == CONTROL_SPANS)
			buf_addstr(&b, "  (a label's key labels the selection,"
			    " or the token under the cursor)\n");
		buf_addch(&b, '\n');
	}
	t = keymap_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].req == REQ_NONE) {
			if (i > 0)
				buf_addch(&b, '\n');
			buf_printf(&b, "%s\n", t[i].help);
			continue;
		}
		buf_reset(&k);
		help_key(&k, t[i].key);
		if (t[i].alt != K_NONE) {
			buf_addstr(&k, ", ");
			help_key(&k, t[i].alt);
		}
		w = (int)utf8_width(buf_str(&k), k.len);
		buf_printf(&b, "  %s%*s %s\n", buf_str(&k), w < 16 ? 16 - w :
		    0, "", t[i].help);
	}
	buf_release(&k);
	return buf_detach(&b);
}

/* Key scripts: the headless display. */

struct key_script {
	int	*keys;		/* K_RESIZE entries take their size from */
	int	*ws;		/* ws/hs at the same index */
	int	*hs;
	size_t	 n;
	size_t	 alloc;
	size_t	 next;
};

static void
script_add(struct key_script *ks, int key, int w, int h)
{
	ARRAY_GROW(ks->keys, ks->n + 1, ks->alloc);
	/* The three arrays grow together: alloc moved for keys. */
	ks->ws = xreallocarray(ks->ws, ks->alloc, sizeof *ks->ws);
	ks->hs = xreallocarray(ks->hs, ks->alloc, sizeof *ks->hs);
	ks->keys[ks->n] = key;
	ks->ws[ks->n] = w;
	ks->hs[ks->n] = h;
	ks->n++;
}

/* One token's key, or -1 (then *w, *h set for Resize=WxH: K_RESIZE). */
static int
script_token(const char *tok, size_t len, int *w, int *h)
{
	uint32_t	cp;
	char		x, size[32];
	int		n;
	unsigned long	v;
	char		*end;

	if (len > 0 && (n = utf8_decode(tok, len, &cp)) == (int)len)
		return (int)cp;
	if (len >= 2 && tok[0] == '\\' &&
	    (n = utf8_decode(tok + 1, len - 1, &cp)) == (int)len - 1)
		return (int)cp;
	if (len == 2 && tok[0] == '^' && tok[1] >= '@' && tok[1] <= '_')
		return tok[1] == 'L' ? K_CTRL_L : tok[1] - '@';
	if (len > 2 && (tok[0] == 'U' || tok[0] == 'u') && tok[1] == '+') {
		v = strtoul(tok + 2, &end, 16);
		if (end == tok + len && v > 0 && v < 0x110000 &&
		    !(v >= 0xd800 && v <= 0xdfff))
			return (int)v;
		return -1;
	}
	if (len > 7 && len < sizeof size + 7 &&
	    strncmp(tok, "Resize=", 7) == 0) {
		memcpy(size, tok + 7, len - 7);
		size[len - 7] = '\0';
		if (sscanf(size, "%dx%d%c", w, h, &x) == 2 && *w > 0 &&
		    *h > 0 && *w <= 1000 && *h <= 1000)
			return K_RESIZE;
		return -1;
	}
	return keymap_key_from_name(tok, len);
}

struct key_script *
key_script_parse(const char *s, size_t len, const char *filename)
{
	struct key_script	*ks = xcalloc(1, sizeof *ks);
	size_t			 i = 0, start;
	unsigned long		 line = 1;
	int			 key, w = 0, h = 0;
	char			*raw, *tok;

	while (i < len) {
		if (s[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '#') {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			i++;
		if ((key = script_token(s + start, i - start, &w, &h)) < 0) {
			raw = xstrndup(s + start, i - start);
			tok = escape_dup(raw, 0);
			free(raw);
			error("%s:%lu: unknown key '%s' (one key per token,"
			    " e.g. P a r i s; names: %s, ^X, U+XXXX, \\#,"
			    " Resize=WxH)", filename, line, tok,
			    keymap_key_names());
			free(tok);
			key_script_free(ks);
			return NULL;
		}
		script_add(ks, key, w, h);
	}
	return ks;
}

void
key_script_free(struct key_script *ks)
{
	if (ks == NULL)
		return;
	free(ks->keys);
	free(ks->ws);
	free(ks->hs);
	free(ks);
}

size_t
key_script_done(const struct key_script *ks)
{
	return ks->next;
}

struct text_display {
	struct key_script	*ks;
	int			 w;
	int			 h;
};

static int
text_size(struct display *d, int *w, int *h)
{
	struct text_display	*td = d->data;

	*w = td->w;
	*h = td->h;
	return 0;
}

static int
text_getkey(struct display *d)
{
	struct text_display	*td = d->data;
	struct key_script	*ks = td->ks;
	size_t			 i;

	if (ks->next >= ks->n)
		return -1;
	i = ks->next++;
	if (ks->keys[i] == K_RESIZE) {
		td->w = ks->ws[i];
		td->h = ks->hs[i];
	}
	return ks->keys[i];
}

static void
text_show(struct display *d, const struct screen *scr)
{
	(void)d;
	(void)scr;
}

static void
text_close(struct display *d)
{
	free(d->data);
	d->data = NULL;
}

void
display_text_init(struct display *d, struct key_script *ks, int w, int h)
{
	struct text_display	*td = xcalloc(1, sizeof *td);

	td->ks = ks;
	td->w = w;
	td->h = h;
	d->size = text_size;
	d->getkey = text_getkey;
	d->show = text_show;
	d->close = text_close;
	d->colours = 0;
	d->data = td;
}
