/* The labeler on the screen (see labeler.h): its text with the cursor,
 * the selection and the spans, the info line below it, one palette row
 * per control that can be labelled, and the help's part for the control
 * in front of the person. Views place it (labeler_area, labeler_compose);
 * no ncurses here.
 *
 * Layout, top to bottom, in the rows a view gives it: the task text (its
 * own area, scrolled by the labeler; an image task's path and size, and a
 * rectangle the display may fill with the picture), the info line (the
 * selection or the span under the cursor, or the spans of the text; the
 * driver's prompt goes there), and the palette. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"
#include "tui/screen.h"
#include "tui/text.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define PALETTE_MAX	3	/* controls shown at once */
#define PALETTE_WRAP	4	/* rows the current control's labels take */

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

static int	compose_palette_row(struct screen *, int,
		    const struct labeler *, const struct lb_control *, int,
		    int);

/* The controls shown, up to PALETTE_MAX, and the rows the current one's
 * labels wrap onto at width w. */
static int
palette_rows(const struct labeler *lb, int w, int *cur_rows)
{
	const struct lb_control	*cur;
	int			 n;

	*cur_rows = 1;
	if (lb == NULL)
		return 0;
	n = editable_controls(lb);
	if (n > PALETTE_MAX)
		n = PALETTE_MAX;
	if ((cur = labeler_control(lb)) != NULL && cur->editable)
		*cur_rows = compose_palette_row(NULL, w, lb, cur, 0,
		    PALETTE_WRAP);
	return (n > 0 ? n : 1) + *cur_rows - 1;
}

void
labeler_area(const struct labeler *lb, int w, int rows, int *tw, int *th)
{
	int	cur_rows;

	*tw = w - 2;
	*th = rows - 1 - palette_rows(lb, w, &cur_rows);
	if (*tw < 1)
		*tw = 1;
	if (*th < 1)
		*th = 1;
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

/* Drawing boxes or polygons: the keys, or the zoom and the crosshair. */
static void
compose_draw_hint(struct screen *scr, const struct labeler *lb, int row)
{
	const struct lb_draw	*d = lb->draw;
	char			 s[160];

	if (labeler_control(lb)->control->kind == CONTROL_POLYGONS)
		snprintf(s, sizeof s, "Crosshair %g, %g  zoom %dx  %s jumps,"
		    " %s a vertex, %s closes, %s a polygon", d->cx, d->cy,
		    d->zoom, lb_req_key(REQ_JUMP), lb_req_key(REQ_VERTEX),
		    lb_req_key(REQ_SUBMIT), lb_req_key(REQ_NEXT_POLYGON));
	else
		snprintf(s, sizeof s, "Crosshair %g, %g  zoom %dx  %s jumps, %s a corner,"
	    " %s a box, %s zooms", d->cx, d->cy, d->zoom,
	    lb_req_key(REQ_JUMP), lb_req_key(REQ_CORNER),
	    lb_req_key(REQ_NEXT_BOX), lb_req_key(REQ_ZOOM_IN));
	screen_put(scr, row, 1, scr->w - 1, s, SA_DIM, 0);
}

/* An image task: what it is, and a rectangle for the picture: its cells
 * in symbols mode, blank for a display that draws it in pixels. */
static void
compose_image(struct screen *scr, const struct labeler *lb, int top, int th)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 regions = 0, boxes = 0;

	buf_printf(&b, "Image: %s", lb->image != NULL ? lb->image : "?");
	if (lb->task.width > 0 && lb->task.height > 0)
		buf_printf(&b, " (%d x %d)", lb->task.width, lb->task.height);
	else
		buf_addstr(&b, " (size unknown)");
	screen_put(scr, top, 1, scr->w - 1, buf_str(&b), 0, 0);
	for (i = 0; i < lb->ncontrols; i++) {
		if (lb->controls[i].control->retired ||
		    lb->controls[i].editable)
			continue;
		boxes |= lb->controls[i].control->kind == CONTROL_BOXES;
		regions |= lb->controls[i].control->kind == CONTROL_POLYGONS;
	}
	if (lb_draw_mode(lb))
		compose_draw_hint(scr, lb, top + 1);
	else if (boxes)
		screen_put(scr, top + 1, 1, scr->w - 1, "Boxes are drawn in the"
		    " image's pixels, and its size is not known: Enter stores"
		    " none.", SA_DIM, 0);
	else if (regions)
		screen_put(scr, top + 1, 1, scr->w - 1, "Regions are drawn in"
		    " the image's pixels, and its size is not known: Enter"
		    " stores none.", SA_DIM, 0);
	else if (scr->graphics == GRAPHICS_NONE)
		screen_put(scr, top + 1, 1, scr->w - 1, graphics_available() ?
		    "Graphics are off (--graphics none): the picture is not"
		    " drawn." : "This scalec was built without libchafa: the"
		    " picture is not drawn.", SA_DIM, 0);
	scr->image.x = 1;
	scr->image.y = top + 3;
	scr->image.w = scr->w - 2;
	scr->image.h = th - 3 > 0 ? th - 3 : 0;
	scr->image_path = lb->image;
	lb_draw_region(lb, &scr->image);
	lb_draw_view(lb, scr);
	lb_poly_tint(lb, scr);
	image_compose(scr);
	lb_draw_compose(scr, lb);
	buf_release(&b);
}

/* t's hints over the first cells of line's tokens, in reverse. */
static void
compose_hints(struct screen *scr, const struct labeler *lb, size_t line,
    int row)
{
	const struct text_line	*ln = &lb->layout->lines[line];
	const struct text	*t = lb->text;
	size_t			 k;
	char			 hint[3];
	int			 col;

	for (k = text_token_at(t, ln->cp); k < t->ntokens &&
	    t->tokens[k].start < ln->cpend; k++) {
		if (t->tokens[k].start < ln->cp || !labeler_hint(lb, k, hint))
			continue;
		col = 1 + text_layout_col_of(lb->layout, t->tokens[k].start);
		screen_put(scr, row, col, scr->w - 1, hint,
		    SA_REVERSE | SA_BOLD, 0);
	}
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
		compose_image(scr, lb, top, th);
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
				screen_paint(scr, top + row, 1 + tc->col, end, attr,
				    colour);
		}
		if (lb->hinting)
			compose_hints(scr, lb, line, top + row);
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
compose_info(struct screen *scr, const struct labeler *lb, int row, int th,
    struct view_frame *f)
{
	const struct lb_control	*ctl = labeler_control(lb);
	const struct ans_span	*sp;
	struct buf		 b = BUF_INIT;
	size_t			 i, last;
	int			 end = scr->w - 1;
	char			 pos[64];

	if (lb->layout != NULL && lb->layout->nlines > (size_t)th) {
		last = lb->top + (size_t)th;
		if (last > lb->layout->nlines)
			last = lb->layout->nlines;
		snprintf(pos, sizeof pos, "lines %zu-%zu of %zu", lb->top + 1,
		    last, lb->layout->nlines);
		end -= (int)strlen(pos) + 2;
		screen_put(scr, row, end + 2, scr->w - 1, pos, SA_DIM, 0);
	}
	/* The driver's prompt (a search) goes here, left of the position. */
	f->prompt_row = row;
	f->prompt_end = end;
	if (ctl != NULL && ctl->control->kind == CONTROL_TEXT) {
		if (ctl->v->text != NULL)
			escape_add(&b, ctl->v->text, strlen(ctl->v->text), 0);
		else
			buf_printf(&b, "%s writes the text", keymap_key_name(
			    keymap_key_of(REQ_EDIT)));
		screen_put(scr, row, 1, end, buf_str(&b), ctl->v->text != NULL ?
		    0 : SA_DIM, 0);
		goto out;
	}
	if (ctl != NULL && ctl->control->kind == CONTROL_MULTICHOICE &&
	    ctl->control->allow_empty && ans_value_empty(ctl->v)) {
		/* "None of these" is an answer here: say how to give it. */
		buf_printf(&b, "None chosen: %s records that none apply",
		    keymap_key_name(keymap_key_of(REQ_SUBMIT)));
		screen_put(scr, row, 1, end, buf_str(&b), SA_DIM, 0);
		goto out;
	}
	if (lb_draw_mode(lb)) {
		lb_draw_info(lb, &b);
		screen_put(scr, row, 1, end, buf_str(&b), 0, 0);
		goto out;
	}
	if (ctl != NULL && ctl->control->kind != CONTROL_SPANS &&
	    editable_controls(lb) > 1) {
		/* Choosing moves on to the next empty control only: say
		 * how to reach the others (a text's spans). */
		buf_printf(&b, "%s: the next control", keymap_key_name(
		    keymap_key_of(REQ_NEXT_CONTROL)));
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
		buf_printf(&b, "\": a label's key labels it, %s cancels",
		    keymap_key_name(keymap_key_of(REQ_CANCEL)));
	} else if ((sp = labeler_span_here(lb)) != NULL) {
		buf_addch(&b, '"');
		add_span_text(&b, lb, sp->start, sp->end, 40);
		buf_addstr(&b, "\" is ");
		escape_add(&b, ctl->control->labels[sp->label].name,
		    strlen(ctl->control->labels[sp->label].name), 0);
		/* Read only (a review), nothing is said about changing it. */
		if (lb->readonly == NULL)
			buf_printf(&b, ": %s deletes it, a label's key relabels"
			    " it", keymap_key_name(keymap_key_of(
			    REQ_DELETE_SPAN)));
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
	} else if (lb->readonly != NULL) {
		buf_addstr(&b, "No spans");
	} else {
		/* keymap_key_name's buffer is one: a name at a time. */
		buf_printf(&b, "%s jumps, ", keymap_key_name(
		    keymap_key_of(REQ_HINTS)));
		buf_printf(&b, "%s marks a selection, a label's key labels it;",
		    keymap_key_name(keymap_key_of(REQ_ANCHOR)));
		buf_printf(&b, " %s submits", keymap_key_name(
		    keymap_key_of(REQ_SUBMIT)));
	}
	screen_put(scr, row, 1, end, buf_str(&b), 0, 0);
out:
	buf_release(&b);
}

/* 1 when a control's labels are chosen, and the palette marks them. */
static int
marks(const struct control *c)
{
	return c->kind != CONTROL_SPANS && c->kind != CONTROL_BOXES &&
	    c->kind != CONTROL_POLYGONS;
}

/* The columns "[x] NAME  " takes on a palette row. */
static int
chosen_width(const struct control *c, size_t i)
{
	return (int)utf8_width(c->labels[i].name, strlen(c->labels[i].name)) +
	    6;
}

/*
 * Where the next item of a palette goes: on this row while it fits, else
 * at the indent of the next row while the control has rows left. With no
 * screen (scr NULL) it only counts, for palette_rows.
 */
struct palette_at {
	struct screen	*scr;
	int		 row, col;	/* where the next item goes */
	int		 indent, end;
	int		 rows;		/* the rows the control may take */
	int		 used;		/* the rows it took */
};

/* 1 when an item w columns wide fits, moving to a new row if need be. */
static int
palette_fits(struct palette_at *at, int w)
{
	if (at->col + w <= at->end)
		return 1;
	if (at->used >= at->rows || at->col == at->indent)
		return 0;
	at->row++;
	at->used++;
	at->col = at->indent;
	return at->col + w <= at->end;
}

static void
palette_put(struct palette_at *at, const char *s, int attr, int colour)
{
	if (at->scr != NULL)
		at->col = screen_put(at->scr, at->row, at->col, at->end, s,
		    attr, colour);
	else
		at->col += (int)utf8_width(s, strlen(s));
}

/*
 * One control's palette, wrapped onto as many as rows rows so that every
 * label with a key is in sight, each where it fits; a chosen label is
 * always named, and "p: all labels" ends it when some are not shown.
 * Returns the rows it takes (drawing nothing when scr is NULL).
 */
static int
compose_palette_row(struct screen *scr, int w, const struct labeler *lb,
    const struct lb_control *ctl, int row, int rows)
{
	const struct control	*c = ctl->control;
	int			 cur = ctl == labeler_control(lb);
	struct palette_at	 at = { scr, row, 1, 1, w - 1, rows, 1 };
	int			 colour, iw, pick;
	char			 buf[64];
	const char		*key;
	size_t			 i, shown = 0, offered = 0;
	char			*shown_here;
	int			 full = 0;

	palette_put(&at, cur ? "> " : "  ", SA_BOLD, 0);
	palette_put(&at, c->name, cur ? SA_BOLD : SA_DIM, 0);
	palette_put(&at, ": ", 0, 0);
	at.indent = at.col < w / 3 ? at.col : 4;
	if (c->kind == CONTROL_TEXT) {
		if (ctl->v->text != NULL)
			palette_put(&at, ctl->v->text, SA_BOLD, 0);
		else {
			snprintf(buf, sizeof buf, "[ ] %s writes it",
			    keymap_key_name(keymap_key_of(REQ_EDIT)));
			palette_put(&at, buf, SA_DIM, 0);
		}
		return 1;
	}
	if (c->kind == CONTROL_RATING) {
		snprintf(buf, sizeof buf, "1-%d%s: ", c->max,
		    c->max >= 10 ? " (0 is 10)" : "");
		palette_put(&at, buf, 0, 0);
		if (ctl->v->rating > 0)
			snprintf(buf, sizeof buf, "[%d]", ctl->v->rating);
		else
			snprintf(buf, sizeof buf, "[ ]");
		palette_put(&at, buf, SA_BOLD, 0);
		return 1;
	}
	for (i = 0; i < c->nlabels; i++)
		offered += !c->labels[i].retired;
	/* The picker's hint, when a label has no key, is kept room for on
	 * the last row. */
	snprintf(buf, sizeof buf, "%s: all labels",
	    keymap_key_name(keymap_key_of(REQ_PICKER)));
	pick = (int)strlen(buf);
	shown_here = xcalloc(c->nlabels + 1, 1);
	for (i = 0; i < c->nlabels; i++) {
		if (c->labels[i].retired || ctl->keys[i] == 0 || full)
			continue;
		key = keymap_key_name((int)ctl->keys[i]);
		iw = (int)strlen(key) + 3 + (marks(c) ? 4 : 0) +
		    (int)utf8_width(c->labels[i].name,
		    strlen(c->labels[i].name)) + 2;
		if (!palette_fits(&at, iw) || (at.used == at.rows &&
		    shown + 1 < offered && at.col + iw + pick > at.end)) {
			full = 1;
			continue;
		}
		shown_here[i] = 1;
		colour = at.scr != NULL && at.scr->colours ?
		    screen_label_colour(c->labels[i].colour, (int)i) : 0;
		snprintf(buf, sizeof buf, " %s ", key);
		palette_put(&at, buf, at.scr != NULL && at.scr->colours ? 0 :
		    SA_REVERSE, colour);
		palette_put(&at, " ", 0, 0);
		if (marks(c))
			palette_put(&at, ctl->v->chosen[i] ? "[x] " : "[ ] ",
			    ctl->v->chosen[i] ? SA_BOLD : 0, 0);
		palette_put(&at, c->labels[i].name, ctl->v->chosen[i] ?
		    SA_BOLD : 0, 0);
		palette_put(&at, "  ", 0, 0);
		shown++;
	}
	/* A chosen label with no room, no key or retired is still named:
	 * what is chosen is never hidden. */
	for (i = 0; i < c->nlabels; i++) {
		if (!ctl->v->chosen[i] || shown_here[i])
			continue;
		palette_fits(&at, chosen_width(c, i));
		palette_put(&at, "[x] ", SA_BOLD, 0);
		palette_put(&at, c->labels[i].name, SA_BOLD, 0);
		palette_put(&at, "  ", 0, 0);
	}
	if (shown < offered) {
		snprintf(buf, sizeof buf, "%s: all labels",
		    keymap_key_name(keymap_key_of(REQ_PICKER)));
		palette_fits(&at, pick);
		palette_put(&at, buf, SA_DIM, 0);
	}
	free(shown_here);
	return at.used;
}

static void
compose_palette(struct screen *scr, const struct labeler *lb, int row,
    int rows, int cur_rows)
{
	const struct lb_control	*cur = labeler_control(lb);
	size_t			 i, first = 0, n;
	int			 r = 0, shown = rows - cur_rows + 1;
	char			 none[96];

	if (cur == NULL) {
		snprintf(none, sizeof none, "Nothing here can be labelled on"
		    " this screen: %s skips", keymap_key_name(
		    keymap_key_of(REQ_SKIP)));
		screen_put(scr, row, 1, scr->w - 1, none, SA_DIM, 0);
		return;
	}
	/* The controls around the current one when not all fit. */
	for (i = 0, n = 0; i < lb->ncontrols; i++)
		if (lb->controls[i].editable) {
			if (&lb->controls[i] == cur && n >= (size_t)shown)
				first = n - (size_t)shown + 1;
			n++;
		}
	for (i = 0, n = 0; i < lb->ncontrols && r < rows; i++) {
		if (!lb->controls[i].editable)
			continue;
		if (n++ < first)
			continue;
		r += compose_palette_row(scr, scr->w, lb, &lb->controls[i],
		    row + r, &lb->controls[i] == cur ? cur_rows : 1);
	}
	if (n > (size_t)shown || first > 0) {
		snprintf(none, sizeof none, "%s: next control",
		    keymap_key_name(keymap_key_of(REQ_NEXT_CONTROL)));
		screen_put(scr, row, scr->w - 1 - (int)strlen(none),
		    scr->w - 1, none, SA_DIM, 0);
	}
}

void
labeler_compose(struct screen *scr, const struct labeler *lb, int top,
    int rows, struct view_frame *f)
{
	int	tw, th;

	int	cur_rows, prows;

	labeler_area(lb, scr->w, rows, &tw, &th);
	prows = palette_rows(lb, scr->w, &cur_rows);
	compose_text(scr, lb, top, th);
	compose_info(scr, lb, top + th, th, f);
	compose_palette(scr, lb, top + th + 1, prows, cur_rows);
}

static void
help_key(struct buf *b, int key)
{
	const char	*name = keymap_key_name(key);

	escape_add(b, name, strlen(name), 0);
}

void
labeler_help(const struct labeler *lb, struct buf *b)
{
	const struct lb_control	*ctl = labeler_control(lb);
	const struct control	*c;
	const struct label	*l;
	struct buf		 k = BUF_INIT;
	size_t			 j;
	int			 w;

	if (ctl == NULL)
		return;
	c = ctl->control;
	/* "sentiment: choose one label", as a person would say it. */
	escape_add(b, c->name, strlen(c->name), 0);
	buf_printf(b, ": %s\n", control_kind_hint(c->kind));
	if (c->kind == CONTROL_RATING)
		buf_printf(b, "  1-%d  rate%s\n", c->max < 10 ? c->max : 9,
		    c->max >= 10 ? " (0 is 10)" : "");
	for (j = 0; j < c->nlabels; j++) {
		l = &c->labels[j];
		if (l->retired)
			continue;
		buf_reset(&k);
		if (ctl->keys[j] != 0)
			help_key(&k, (int)ctl->keys[j]);
		else
			buf_printf(&k, "(%s)", keymap_key_name(
			    keymap_key_of(REQ_PICKER)));
		w = (int)utf8_width(buf_str(&k), k.len);
		buf_printf(b, "  %s%*s ", buf_str(&k), w < 16 ? 16 - w : 0, "");
		escape_add(b, l->name, strlen(l->name), 0);
		if (l->description[0] != '\0') {
			buf_addstr(b, ": ");
			escape_add(b, l->description, strlen(l->description),
			    0);
		}
		buf_addch(b, '\n');
	}
	switch (c->kind) {
	case CONTROL_CHOICE:
		buf_addstr(b, "  (a label's key chooses it and, alone,"
		    " submits)\n");
		break;
	case CONTROL_MULTICHOICE:
		buf_addstr(b, c->allow_empty ? "  (a label's key toggles it;"
		    " Enter submits, also with none)\n" : "  (a label's key"
		    " toggles it; Enter submits)\n");
		break;
	case CONTROL_SPANS:
		buf_addstr(b, "  (a label's key labels the selection, or the"
		    " token under the cursor)\n");
		break;
	case CONTROL_BOXES:
		buf_printf(b, "  (%s sets a corner at the crosshair, a label's key",
		    keymap_key_name(keymap_key_of(REQ_CORNER)));
		buf_addstr(b, " finishes the box; on a selected box it relabels"
		    " it)\n");
		break;
	case CONTROL_POLYGONS:
		buf_printf(b, "  (%s adds a vertex at the crosshair, ",
		    keymap_key_name(keymap_key_of(REQ_VERTEX)));
		buf_addstr(b, "Enter closes the polygon, a label's key labels"
		    " it; on a selected polygon it relabels it)\n");
		break;
	case CONTROL_TEXT:
		buf_printf(b, "  (%s opens the editor%s)\n", keymap_key_name(
		    keymap_key_of(REQ_EDIT)), c->multiline ? ": Enter is a"
		    " new line, ^D keeps the text" : "");
		break;
	default:
		break;
	}
	buf_addch(b, '\n');
	buf_release(&k);
}
