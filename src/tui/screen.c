/* The grid of cells every screen is composed into, and the drawing
 * primitives the views and the driver's overlays share (see screen.h). No
 * ncurses here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/colour.h"
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

void
screen_clear(struct screen *scr)
{
	size_t	i, n = (size_t)scr->w * (size_t)scr->h;

	scr->image.x = scr->image.y = scr->image.w = scr->image.h = 0;
	scr->image_path = NULL;
	scr->image_view.x = scr->image_view.y = 0;
	scr->image_view.w = scr->image_view.h = 0;
	scr->image_gen = 0;
	for (i = 0; i < n; i++) {
		scr->c[i].str[0] = ' ';
		scr->c[i].str[1] = '\0';
		scr->c[i].attr = 0;
		scr->c[i].colour = 0;
	}
}

struct scell *
screen_at(struct screen *scr, int row, int col)
{
	return &scr->c[(size_t)row * (size_t)scr->w + (size_t)col];
}

/* Sets attributes on columns from .. end-1 of a row. */
void
screen_paint(struct screen *scr, int row, int from, int end, int attr,
    int colour)
{
	int	col;

	if (row < 0 || row >= scr->h)
		return;
	for (col = from < 0 ? 0 : from; col < end && col < scr->w; col++) {
		screen_at(scr, row, col)->attr |= attr;
		if (colour != 0)
			screen_at(scr, row, col)->colour = colour;
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
		c = screen_at(scr, row, col - 1);
		if (c->str[0] == '\0' && col >= 2)
			c = screen_at(scr, row, col - 2);
		len = strlen(c->str);
		if (len + n < sizeof c->str)
			memcpy(c->str + len, enc, n + 1), c->str[len + n] = '\0';
		return col;
	}
	if (col + w > end) {
		/* A wide character that does not fit: a blank instead. */
		if (col < end) {
			c = screen_at(scr, row, col);
			strcpy(c->str, " ");
			c->attr = attr;
			c->colour = colour;
		}
		return end;
	}
	c = screen_at(scr, row, col);
	memcpy(c->str, enc, n);
	c->str[n] = '\0';
	c->attr = attr;
	c->colour = colour;
	if (w == 2) {
		c = screen_at(scr, row, col + 1);
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

/* A box with a border (inner ow x oh) centred, and its title. */
void
screen_box(struct screen *scr, int ow, int oh, const char *title, int *top,
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
			strcpy(screen_at(scr, y + r, x + c)->str, s);
			screen_at(scr, y + r, x + c)->attr = 0;
			screen_at(scr, y + r, x + c)->colour = 0;
		}
	screen_put(scr, y, x + 2, x + w - 2, title, SA_BOLD, 0);
	*top = y + 1;
	*left = x + 2;
}

void
screen_text_block(struct screen *scr, int row, int left, int right,
    int bottom, const char *msg)
{
	struct text		*t;
	struct text_layout	*tl;
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 line, i;

	t = text_new(msg, strlen(msg));
	tl = text_layout_new(t, right - left);
	for (line = 0; line < tl->nlines && row < bottom; line++, row++) {
		text_layout_cells(tl, line, &cells);
		for (i = 0; i < cells.n; i++)
			if (!(cells.v[i].str[0] == ' ' && cells.v[i].width > 1))
				screen_put(scr, row, left + cells.v[i].col,
				    right, cells.v[i].str, cells.v[i].attr
				    & TEXT_ESCAPED ? SA_REVERSE : 0, 0);
	}
	text_cells_release(&cells);
	text_layout_free(tl);
	text_free(t);
}

void
screen_too_small(struct screen *scr)
{
	const char	*m = "terminal too small (need 80x24)";
	int		 len = (int)strlen(m);

	screen_clear(scr);
	screen_put(scr, scr->h / 2, len < scr->w ? (scr->w - len) / 2 : 0,
	    scr->w, m, SA_BOLD, 0);
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

