/* Drawing boxes on an image (see labeler.h): the crosshair, moved in
 * pixels of the oriented image by steps of a 64th of what is in sight (so
 * 4 times finer at zoom 4), the jump's letter grid, the corner that `v`
 * sets, the boxes' selection, resizing and deletion, the zoom; and how
 * they are drawn over the picture. Coordinates never depend on the zoom
 * or the screen: a corner is stored exactly where the crosshair was.
 *
 * Drawn, the boxes are cells over the picture's (SA_OVER: a pixel mode
 * writes them again on top of its picture), in their label's colour with
 * the label's name on the top edge; the crosshair and a box being drawn
 * are marks on two rulers, the column right of the picture and the row
 * below it, so that in a pixel mode moving the crosshair sends a few
 * cells and never the picture again; in symbols mode they are over the
 * picture too. The crosshair, the zoom, the jump and the picture's
 * geometry (lb_geom) serve the polygons as well (labeler_polygons.c),
 * and both draw other people's answers beside the labeler's own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"
#include "tui/screen.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define STEPS		64	/* small steps across the view's longer side */
#define FAR		8	/* small steps in a large one */
#define ZOOM_MAX	8
#define GRID_ROWS	8	/* the jump's grid over the view */
#define GRID_COLS	16

/* The jump's letters: a row's, then a column's. */
static const char grid_letters[] = "asdfghjklqwertyuiopzxcvbnm";

int
lb_draw_mode(const struct labeler *lb)
{
	const struct lb_control	*ctl = lb_current(lb);

	return lb->draw != NULL && ctl != NULL && ctl->editable &&
	    (ctl->control->kind == CONTROL_BOXES ||
	    ctl->control->kind == CONTROL_POLYGONS);
}

int
lb_poly_mode(const struct labeler *lb)
{
	return lb_draw_mode(lb) &&
	    lb_current(lb)->control->kind == CONTROL_POLYGONS;
}

static double
img_w(const struct labeler *lb)
{
	return lb->task.width;
}

static double
img_h(const struct labeler *lb)
{
	return lb->task.height;
}

static double
view_w(const struct labeler *lb)
{
	return img_w(lb) / lb->draw->zoom;
}

static double
view_h(const struct labeler *lb)
{
	return img_h(lb) / lb->draw->zoom;
}

static double
step(const struct labeler *lb)
{
	double	s = img_w(lb) > img_h(lb) ? img_w(lb) : img_h(lb);

	return s / lb->draw->zoom / STEPS;
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Scrolls the view so that the crosshair is in sight. */
static void
follow(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;
	double		 vw = view_w(lb), vh = view_h(lb);

	if (d->cx < d->vx)
		d->vx = d->cx;
	if (d->cx > d->vx + vw)
		d->vx = d->cx - vw;
	if (d->cy < d->vy)
		d->vy = d->cy;
	if (d->cy > d->vy + vh)
		d->vy = d->cy - vh;
	d->vx = clamp(d->vx, 0, img_w(lb) - vw);
	d->vy = clamp(d->vy, 0, img_h(lb) - vh);
}

void
lb_cross_to(struct labeler *lb, double x, double y)
{
	lb->draw->cx = clamp(x, 0, img_w(lb));
	lb->draw->cy = clamp(y, 0, img_h(lb));
	follow(lb);
}

/* The view centred on the crosshair, inside the image. */
static void
centre(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	d->vx = clamp(d->cx - view_w(lb) / 2, 0, img_w(lb) - view_w(lb));
	d->vy = clamp(d->cy - view_h(lb) / 2, 0, img_h(lb) - view_h(lb));
}

void
lb_draw_open(struct labeler *lb)
{
	struct lb_draw	*d;
	size_t		 i;
	int		 boxes = 0;

	for (i = 0; i < lb->ncontrols; i++)
		boxes |= lb->controls[i].editable &&
		    (lb->controls[i].control->kind == CONTROL_BOXES ||
		    lb->controls[i].control->kind == CONTROL_POLYGONS);
	/* Any image of a known size zooms (a classification's too). */
	if (!boxes && (lb->image == NULL || img_w(lb) <= 0 || img_h(lb) <= 0))
		return;
	lb->draw = d = xcalloc(1, sizeof *d);
	d->zoom = 1;
	d->cx = img_w(lb) / 2;
	d->cy = img_h(lb) / 2;
	d->selected = -1;
	d->hint_row = -1;
	d->mv_shape = -1;
}

/* The boxes control's value. */
static struct ans_value *
boxes_of(const struct labeler *lb)
{
	return lb_current(lb)->v;
}

void
lb_draw_after_undo(struct labeler *lb)
{
	if (lb->draw == NULL)
		return;
	lb->draw->anchored = lb->draw->resizing = 0;
	lb->draw->selected = -1;
	lb->draw->gen++;
	lb_poly_after_undo(lb);
}

int
lb_draw_cancel(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (d == NULL)
		return 0;
	if (lb_poly_mode(lb))
		return lb_poly_cancel(lb);
	if (d->resizing) {
		d->resizing = d->anchored = 0;
		lb_say(lb, "Resize cancelled: the box is as it was");
		return 1;
	}
	if (d->anchored) {
		d->anchored = 0;
		lb_say(lb, "Corner dropped");
		return 1;
	}
	if (d->selected >= 0) {
		d->selected = -1;
		return 1;
	}
	return 0;
}

static enum lb_action
move(struct labeler *lb, double dx, double dy)
{
	struct lb_draw	*d = lb->draw;

	d->cx = clamp(d->cx + dx * step(lb), 0, img_w(lb));
	d->cy = clamp(d->cy + dy * step(lb), 0, img_h(lb));
	follow(lb);
	return LB_REDRAW;
}

enum lb_action
lb_zoom(struct labeler *lb, int in)
{
	struct lb_draw	*d = lb->draw;

	if (d == NULL) {
		lb_say(lb, "%s", lb->image == NULL ? "There is no image to zoom"
		    " in on" : "This image's size is not known: it cannot be"
		    " zoomed");
		return LB_REDRAW;
	}
	if (in ? d->zoom >= ZOOM_MAX : d->zoom <= 1) {
		lb_say(lb, in ? "Zoomed in as far as it goes (%dx)" :
		    "Not zoomed in", d->zoom);
		return LB_REDRAW;
	}
	d->zoom = in ? d->zoom * 2 : d->zoom / 2;
	centre(lb);
	if (lb_draw_mode(lb))
		lb_say(lb, "Zoom %dx: a step is %g pixels", d->zoom, step(lb));
	else if (d->zoom > 1)
		lb_say(lb, "Zoom %dx around %g, %g: %s %s %s %s pan", d->zoom,
		    d->cx, d->cy, lb_req_key(REQ_PAN_LEFT),
		    lb_req_key(REQ_PAN_DOWN), lb_req_key(REQ_PAN_UP),
		    lb_req_key(REQ_PAN_RIGHT));
	else
		lb_say(lb, "Zoom %dx around %g, %g", d->zoom, d->cx, d->cy);
	return LB_REDRAW;
}

/* Not drawing, the crosshair is the view's centre (z zooms around it):
 * it moves by a quarter of the view, and the view with it. */
enum lb_action
lb_pan(struct labeler *lb, int dx, int dy)
{
	struct lb_draw	*d = lb->draw;
	double		 vw = view_w(lb), vh = view_h(lb);

	d->cx = clamp(d->vx + vw / 2 + dx * vw / 4, vw / 2, img_w(lb) -
	    vw / 2);
	d->cy = clamp(d->vy + vh / 2 + dy * vh / 4, vh / 2, img_h(lb) -
	    vh / 2);
	centre(lb);
	lb_say(lb, "Zoom %dx around %g, %g", d->zoom, d->cx, d->cy);
	return LB_REDRAW;
}

/* The rectangle between the corner and the crosshair, into b. */
static void
rect_of(const struct lb_draw *d, struct ans_box *b)
{
	b->x = d->ax < d->cx ? d->ax : d->cx;
	b->y = d->ay < d->cy ? d->ay : d->cy;
	b->width = fabs(d->cx - d->ax);
	b->height = fabs(d->cy - d->ay);
}

/* 0, after saying why, when the image could not be shown: a box drawn
 * blind is not drawn. */
int
lb_image_there(struct labeler *lb)
{
	const struct image_record	*r = image_last();

	if (lb->image == NULL || strcmp(r->path, lb->image) != 0 ||
	    r->error[0] == '\0')
		return 1;
	lb_say(lb, "Nothing to draw on: %s; %s skips the task", r->error,
	    lb_req_key(REQ_SKIP));
	return 0;
}

static enum lb_action
corner(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (!lb_changeable(lb) || !lb_image_there(lb))
		return LB_REDRAW;
	if (d->resizing) {
		lb_say(lb, "Resizing: Enter or a label's key keeps the box, %s"
		    " cancels", lb_req_key(REQ_CANCEL));
		return LB_REDRAW;
	}
	d->anchored = 1;
	d->ax = d->cx;
	d->ay = d->cy;
	d->selected = -1;
	lb_say(lb, "Corner at %g, %g: move to the other, then a label's key",
	    d->ax, d->ay);
	return LB_REDRAW;
}

static enum lb_action
select_box(struct labeler *lb, int dir)
{
	struct lb_draw		*d = lb->draw;
	const struct ans_value	*v = boxes_of(lb);
	const struct ans_box	*b;
	char			*name;

	if (d->anchored) {
		lb_say(lb, "A box is being drawn: a label's key finishes it, %s"
		    " drops it", lb_req_key(REQ_CANCEL));
		return LB_REDRAW;
	}
	if (v->nboxes == 0) {
		lb_say(lb, "No boxes yet: %s sets a corner",
		    lb_req_key(REQ_CORNER));
		return LB_REDRAW;
	}
	if (d->selected < 0)
		d->selected = dir > 0 ? 0 : (long)v->nboxes - 1;
	else
		d->selected = (d->selected + dir + (long)v->nboxes) %
		    (long)v->nboxes;
	b = &v->boxes[d->selected];
	name = lb_esc(lb_current(lb)->control->labels[b->label].name);
	lb_say(lb, "Box %ld of %zu, %s: a label's key relabels it, %s deletes"
	    " it, %s resizes it", d->selected + 1, v->nboxes, name,
	    lb_req_key(REQ_DELETE_BOX), lb_req_key(REQ_RESIZE_BOX));
	free(name);
	return LB_REDRAW;
}

/* The number of shapes of control k: its boxes, or its polygons and
 * masks; -1 for a control that does not draw. */
static long
shapes_in(const struct labeler *lb, size_t k)
{
	const struct lb_control	*c = &lb->controls[k];

	if (!c->editable || c->control->retired)
		return -1;
	if (c->control->kind == CONTROL_BOXES)
		return (long)c->v->nboxes;
	if (c->control->kind == CONTROL_POLYGONS)
		return (long)c->v->nshapes;
	return -1;
}

static enum lb_action	select_box(struct labeler *, int);

/* The walk of control k's kind. */
static enum lb_action
walk_of(struct labeler *lb, size_t k, int dir)
{
	if (lb->controls[k].control->kind == CONTROL_POLYGONS)
		return lb_poly_select(lb, dir);
	return select_box(lb, dir);
}

enum lb_action
lb_select_shape(struct labeler *lb, int dir)
{
	struct lb_draw	*d = lb->draw;
	size_t		 k;
	long		 n, total = 0, at = -1, before = 0, want;
	int		 controls = 0;

	for (k = 0; k < lb->ncontrols; k++)
		if ((n = shapes_in(lb, k)) >= 0) {
			controls++;
			if (k == lb->current && d->selected >= 0)
				at = total + d->selected;
			total += n;
		}
	/* One control, a shape half drawn, or none at all: the kind's own
	 * walk says what there is. */
	if (controls < 2 || total == 0 || d->anchored || d->nopen > 0 ||
	    d->moving)
		return walk_of(lb, lb->current, dir);
	want = at < 0 ? (dir > 0 ? 0 : total - 1) :
	    (at + dir + total) % total;
	for (k = 0; k < lb->ncontrols; k++) {
		if ((n = shapes_in(lb, k)) < 0)
			continue;
		if (want < before + n)
			break;
		before += n;
	}
	/* The shape's control is the current one: x, r and the label keys
	 * act on it as they would there; its kind's walk says which. */
	lb->current = k;
	d->resizing = 0;
	d->selected = want - before - dir;
	return walk_of(lb, k, dir);
}

static enum lb_action
delete_box(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	struct ans_value	*v = boxes_of(lb);

	if (d->selected < 0 || (size_t)d->selected >= v->nboxes ||
	    d->resizing) {
		lb_say(lb, "No box selected: %s selects one",
		    lb_req_key(REQ_NEXT_BOX));
		return LB_REDRAW;
	}
	if (!lb_changeable(lb))
		return LB_REDRAW;
	lb_change_begin(lb);
	json_decref(v->boxes[d->selected].more);
	memmove(&v->boxes[d->selected], &v->boxes[d->selected + 1],
	    (v->nboxes - (size_t)d->selected - 1) * sizeof *v->boxes);
	v->nboxes--;
	d->selected = -1;
	d->gen++;
	lb_say(lb, "Box deleted: %zu left", v->nboxes);
	return LB_SAVE_DRAFT;
}

static enum lb_action
resize(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	const struct ans_value	*v = boxes_of(lb);
	const struct ans_box	*b;
	double			 t;

	if (d->resizing) {
		/* The other corner moves now. */
		t = d->ax, d->ax = d->cx, d->cx = t;
		t = d->ay, d->ay = d->cy, d->cy = t;
		follow(lb);
		lb_say(lb, "Resizing: now the other corner moves");
		return LB_REDRAW;
	}
	if (d->selected < 0 || (size_t)d->selected >= v->nboxes) {
		lb_say(lb, "No box selected: %s selects one",
		    lb_req_key(REQ_NEXT_BOX));
		return LB_REDRAW;
	}
	if (!lb_changeable(lb) || !lb_image_there(lb))
		return LB_REDRAW;
	b = &v->boxes[d->selected];
	if (b->rotation != 0) {
		lb_say(lb, "A rotated box cannot be resized here: %s deletes it",
		    lb_req_key(REQ_DELETE_BOX));
		return LB_REDRAW;
	}
	d->resizing = d->anchored = 1;
	d->gen++;	/* it is drawn as the box being drawn now */
	d->ax = b->x;
	d->ay = b->y;
	d->cx = b->x + b->width;
	d->cy = b->y + b->height;
	follow(lb);
	lb_say(lb, "Resizing: moving moves this corner, %s the other; Enter or"
	    " a label's key keeps it", lb_req_key(REQ_RESIZE_BOX));
	return LB_REDRAW;
}

enum lb_action
lb_label_box(struct labeler *lb, struct lb_control *ctl, int label)
{
	struct lb_draw		*d = lb->draw;
	struct ans_value	*v = ctl->v;
	struct ans_box		 b;
	char			*name;

	if (!lb_changeable(lb))
		return LB_REDRAW;
	name = lb_esc(ctl->control->labels[label].name);
	if (d->anchored) {
		rect_of(d, &b);
		if (b.width <= 0 || b.height <= 0) {
			lb_say(lb, "A box needs a width and a height: move the"
			    " crosshair away from the corner");
			free(name);
			return LB_REDRAW;
		}
		lb_change_begin(lb);
		if (d->resizing) {
			v->boxes[d->selected].x = b.x;
			v->boxes[d->selected].y = b.y;
			v->boxes[d->selected].width = b.width;
			v->boxes[d->selected].height = b.height;
			v->boxes[d->selected].label = label;
			d->gen++;
			lb_say(lb, "Box resized: %s", name);
		} else {
			b.rotation = 0;
			b.label = label;
			b.more = NULL;
			ARRAY_GROW(v->boxes, v->nboxes + 1, v->aboxes);
			v->boxes[v->nboxes++] = b;
			lb_say(lb, "%s box %g, %g, %g x %g: %s submits", name,
			    b.x, b.y, b.width, b.height,
			    lb_req_key(REQ_SUBMIT));
		}
		d->anchored = d->resizing = 0;
		d->selected = -1;
		free(name);
		return LB_SAVE_DRAFT;
	}
	if (d->selected >= 0 && (size_t)d->selected < v->nboxes) {
		if (v->boxes[d->selected].label != label) {
			lb_change_begin(lb);
			v->boxes[d->selected].label = label;
			lb_say(lb, "Box %ld relabelled %s", d->selected + 1,
			    name);
			free(name);
			return LB_SAVE_DRAFT;
		}
		lb_say(lb, "Box %ld is %s already", d->selected + 1, name);
		free(name);
		return LB_REDRAW;
	}
	lb_say(lb, "%s sets a box's first corner at the crosshair, then a "
	    "label's key finishes it", lb_req_key(REQ_CORNER));
	free(name);
	return LB_REDRAW;
}

/* Enter while resizing keeps the box with its label. */
static enum lb_action
resize_keep(struct labeler *lb)
{
	struct lb_control	*ctl = lb_current(lb);

	return lb_label_box(lb, ctl, ctl->v->boxes[lb->draw->selected].label);
}

enum lb_action
lb_draw_request(struct labeler *lb, enum request req)
{
	struct lb_draw	*d = lb->draw;
	enum lb_action	 a;

	if (lb_poly_mode(lb) && (a = lb_poly_request(lb, req)) != LB_PASS)
		return a;
	switch (req) {
	case REQ_CROSS_LEFT:
		return move(lb, -1, 0);
	case REQ_CROSS_RIGHT:
		return move(lb, 1, 0);
	case REQ_CROSS_UP:
		return move(lb, 0, -1);
	case REQ_CROSS_DOWN:
		return move(lb, 0, 1);
	case REQ_CROSS_LEFT_FAR:
		return move(lb, -FAR, 0);
	case REQ_CROSS_RIGHT_FAR:
		return move(lb, FAR, 0);
	case REQ_CROSS_UP_FAR:
		return move(lb, 0, -FAR);
	case REQ_CROSS_DOWN_FAR:
		return move(lb, 0, FAR);
	case REQ_CORNER:
		return corner(lb);
	case REQ_NEXT_BOX:
		return lb_select_shape(lb, 1);
	case REQ_PREV_BOX:
		return lb_select_shape(lb, -1);
	case REQ_DELETE_BOX:
		return delete_box(lb);
	case REQ_RESIZE_BOX:
		return resize(lb);
	case REQ_JUMP:
		d->hinting = 1;
		d->hint_row = -1;
		lb_say(lb, "Jump: a row's letter, then a column's (%s cancels)",
		    lb_req_key(REQ_CANCEL));
		return LB_REDRAW;
	case REQ_SUBMIT:
		if (d->resizing)
			return resize_keep(lb);
		if (d->anchored) {
			lb_say(lb, "A box is half drawn: a label's key finishes"
			    " it, %s drops it", lb_req_key(REQ_CANCEL));
			return LB_REDRAW;
		}
		return LB_PASS;
	default:
		return LB_PASS;
	}
}

/* The index of key among the first n grid letters, or -1. */
static int
grid_index(int key, int n)
{
	const char	*p;

	if (key <= 0 || key > 0x7f || (p = strchr(grid_letters, key)) == NULL)
		return -1;
	return p - grid_letters < n ? (int)(p - grid_letters) : -1;
}

enum lb_action
lb_draw_hint_key(struct labeler *lb, int key)
{
	struct lb_draw	*d = lb->draw;
	int		 i;

	/* The grid's cells go from over the picture. */
	d->gen++;
	if (d->hint_row < 0) {
		if ((i = grid_index(key, GRID_ROWS)) < 0) {
			d->hinting = 0;
			return LB_PASS;
		}
		d->hint_row = i;
		lb_say(lb, "Jump: row %c, now a column's letter",
		    grid_letters[i]);
		return LB_REDRAW;
	}
	if ((i = grid_index(key, GRID_COLS)) < 0) {
		d->hinting = 0;
		d->hint_row = -1;
		return LB_PASS;
	}
	d->cx = d->vx + (i + 0.5) * view_w(lb) / GRID_COLS;
	d->cy = d->vy + (d->hint_row + 0.5) * view_h(lb) / GRID_ROWS;
	d->hinting = 0;
	d->hint_row = -1;
	lb_say(lb, "Crosshair at %g, %g", d->cx, d->cy);
	return LB_REDRAW;
}

/* Drawing. */

int
lb_col_of(const struct lb_geom *g, double x)
{
	int	c = (int)floor((x - g->vx) / g->vw * g->cols);

	/* x at the view's right edge is in the last column. */
	return c == g->cols && x <= g->vx + g->vw ? c - 1 : c;
}

int
lb_row_of(const struct lb_geom *g, double y)
{
	int	r = (int)floor((y - g->vy) / g->vh * g->rows);

	return r == g->rows && y <= g->vy + g->vh ? r - 1 : r;
}

double
lb_x_of(const struct lb_geom *g, int col)
{
	return g->vx + (col + 0.5) * g->vw / g->cols;
}

double
lb_y_of(const struct lb_geom *g, int row)
{
	return g->vy + (row + 0.5) * g->vh / g->rows;
}

int
lb_symbols(const struct screen *scr)
{
	return scr->graphics == GRAPHICS_SYMBOLS ||
	    scr->graphics == GRAPHICS_NONE;
}

/* The picture's cells: as the image display drew it, else (no picture:
 * graphics off, an error) a fit of the view in w x h cells of 1:2. */
void
lb_geometry(const struct labeler *lb, const struct screen *scr,
    struct lb_geom *g)
{
	const struct image_record	*r = image_last();
	double				 a;

	g->x = scr->image.x;
	g->y = scr->image.y;
	g->vx = lb->draw->vx;
	g->vy = lb->draw->vy;
	g->vw = view_w(lb);
	g->vh = view_h(lb);
	if (r->cols > 0 && r->rows > 0 && r->error[0] == '\0' &&
	    scr->graphics != GRAPHICS_NONE) {
		g->cols = r->cols;
		g->rows = r->rows;
		return;
	}
	a = g->vh / g->vw / 2;
	g->cols = scr->image.w;
	g->rows = (int)(g->cols * a + 0.5);
	if (g->rows > scr->image.h) {
		g->rows = scr->image.h;
		g->cols = (int)(g->rows / a + 0.5);
	}
	if (g->cols < 1)
		g->cols = 1;
	if (g->rows < 1)
		g->rows = 1;
}

void
lb_over(struct screen *scr, const struct lb_geom *g, int col, int row,
    const char *s, int attr, int fg)
{
	struct scell	*c;

	if (col < 0 || row < 0 || col >= g->cols || row >= g->rows ||
	    g->y + row >= scr->h || g->x + col >= scr->w)
		return;
	c = screen_at(scr, g->y + row, g->x + col);
	snprintf(c->str, sizeof c->str, "%s", s);
	c->attr = attr | SA_OVER;
	c->fg = fg;
}

void
lb_tag(struct screen *scr, const struct lb_geom *g, int col, int row,
    int end, const char *name, int attr, int fg)
{
	size_t		 i, len = name != NULL ? strlen(name) : 0;
	uint32_t	 cp;
	char		 ch[8];
	int		 n;

	for (i = 0; i < len && col < end; col++) {
		n = utf8_decode(name + i, len - i, &cp);
		if (n <= 0)
			break;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    utf8_width(name + i, (size_t)n) != 1)
			snprintf(ch, sizeof ch, "?");
		else
			snprintf(ch, sizeof ch, "%.*s", n, name + i);
		lb_over(scr, g, col, row, ch, attr, fg);
		i += (size_t)n;
	}
}

static void
outline(struct screen *scr, const struct lb_geom *g, const struct ans_box *b,
    const char *name, int attr, int fg)
{
	int	c0 = lb_col_of(g, b->x), c1 = lb_col_of(g, b->x + b->width);
	int	r0 = lb_row_of(g, b->y), r1 = lb_row_of(g, b->y + b->height);
	int	c, r;

	for (c = c0 + 1; c < c1; c++) {
		lb_over(scr, g, c, r0, "─", attr, fg);
		lb_over(scr, g, c, r1, "─", attr, fg);
	}
	for (r = r0 + 1; r < r1; r++) {
		lb_over(scr, g, c0, r, "│", attr, fg);
		lb_over(scr, g, c1, r, "│", attr, fg);
	}
	lb_over(scr, g, c0, r0, "┌", attr, fg);
	lb_over(scr, g, c1, r0, c1 > c0 ? "┐" : "│", attr, fg);
	lb_over(scr, g, c0, r1, r1 > r0 ? "└" : "─", attr, fg);
	lb_over(scr, g, c1, r1, c1 > c0 || r1 > r0 ? "┘" : "┼", attr, fg);
	/* The tag: the label's name on the top edge. */
	lb_tag(scr, g, c0 + 1, r0, c1, name, attr | SA_BOLD, fg);
}

/* A mark on a ruler: right of the picture or below it. */
static void
ruler(struct screen *scr, int row, int col, const char *s, int attr)
{
	if (row >= 0 && col >= 0 && row < scr->h && col < scr->w - 1)
		screen_put(scr, row, col, col + 1, s, attr, 0);
}

static void
compose_grid(struct screen *scr, const struct labeler *lb,
    const struct lb_geom *g)
{
	char	tag[3];
	int	i, j, c, r;

	for (i = 0; i < GRID_ROWS; i++) {
		if (lb->draw->hint_row >= 0 && lb->draw->hint_row != i)
			continue;
		r = lb_row_of(g, lb->draw->vy + (i + 0.5) * g->vh / GRID_ROWS);
		for (j = 0; j < GRID_COLS; j++) {
			c = lb_col_of(g, lb->draw->vx + (j + 0.5) * g->vw /
			    GRID_COLS);
			tag[0] = lb->draw->hint_row >= 0 ? ' ' :
			    grid_letters[i];
			tag[1] = grid_letters[j];
			tag[2] = '\0';
			lb_over(scr, g, c, r, tag[0] == ' ' ? tag + 1 : tag,
			    SA_REVERSE | SA_BOLD, 0);
			if (tag[0] != ' ')
				lb_over(scr, g, c + 1, r, tag + 1,
				    SA_REVERSE | SA_BOLD, 0);
		}
	}
}

static json_t *
point(double x, double y)
{
	return json_pack("{s:f, s:f}", "x", x, "y", y);
}

static const struct ans_value *other_value(const struct labeler *,
		    const struct lb_other *);

/* The other people's answers drawn: each one's colour and regions. */
static json_t *
others_json(const struct labeler *lb)
{
	const struct ans_value	*v;
	json_t			*a = json_array();
	size_t			 i;

	for (i = 0; i < lb->nothers; i++) {
		v = other_value(lb, &lb->others[i]);
		json_array_append_new(a, json_pack("{s:i, s:I}", "colour",
		    lb->others[i].colour, "regions", v == NULL ? (json_int_t)0 :
		    (json_int_t)(v->nboxes + v->nshapes)));
	}
	return a;
}

/* The drawing as the headless display records it (labeler.h). */
static json_t *
draw_json(const struct labeler *lb, const struct lb_geom *g)
{
	const struct lb_draw	*d = lb->draw;
	const struct lb_control	*ctl;
	const struct ans_box	*b;
	json_t			*j, *boxes;
	size_t			 i;

	if (!lb_draw_mode(lb))
		return NULL;
	ctl = lb_current(lb);
	boxes = json_array();
	for (i = 0; i < ctl->v->nboxes; i++) {
		b = &ctl->v->boxes[i];
		json_array_append_new(boxes, json_pack("{s:f, s:f, s:f, s:f,"
		    " s:s, s:{s:i, s:i, s:i, s:i}}", "x", b->x, "y", b->y,
		    "width", b->width, "height", b->height, "label",
		    ctl->control->labels[b->label].name, "cells", "col",
		    lb_col_of(g, b->x), "row", lb_row_of(g, b->y), "col_end",
		    lb_col_of(g, b->x + b->width), "row_end",
		    lb_row_of(g, b->y + b->height)));
	}
	j = json_pack("{s:i, s:f, s:{s:f, s:f, s:f, s:f}, s:{s:i, s:i, s:i,"
	    " s:i}, s:f, s:f, s:o, s:o, s:b, s:o, s:o}", "zoom", d->zoom,
	    "step", step(lb), "view", "x", d->vx, "y", d->vy, "w", g->vw, "h",
	    g->vh, "picture", "x", g->x, "y", g->y, "cols", g->cols, "rows",
	    g->rows, "pixels_per_col", g->vw / g->cols, "pixels_per_row",
	    g->vh / g->rows, "crosshair", json_pack("{s:f, s:f, s:i, s:i}",
	    "x", d->cx, "y", d->cy, "col", lb_col_of(g, d->cx), "row",
	    lb_row_of(g, d->cy)), "anchor", d->anchored ? point(d->ax, d->ay) :
	    json_null(), "resizing", d->resizing, "selected", d->selected >= 0 ?
	    json_integer(d->selected) : json_null(), "boxes", boxes);
	if (lb_poly_mode(lb))
		lb_poly_json(lb, g, j);
	json_object_set_new(j, "colour", json_integer(lb->own_colour));
	json_object_set_new(j, "control", json_string(ctl->control->name));
	json_object_set_new(j, "others", others_json(lb));
	return j;
}

void
lb_draw_info(const struct labeler *lb, struct buf *b)
{
	const struct lb_draw	*d = lb->draw;
	const struct ans_value	*v = lb_current(lb)->v;
	const struct control	*c = lb_current(lb)->control;
	const struct ans_box	*x;
	struct ans_box		 cur;
	size_t			 i;

	if (lb_poly_mode(lb)) {
		lb_poly_info(lb, b);
		return;
	}
	if (d->anchored) {
		rect_of(d, &cur);
		buf_printf(b, "%s %g, %g: %g x %g; a label's key %s it, %s",
		    d->resizing ? "Resizing to" : "Drawing from", cur.x, cur.y,
		    cur.width, cur.height, d->resizing ? "keeps" : "finishes",
		    lb_req_key(REQ_CANCEL));
		buf_addstr(b, d->resizing ? " leaves it" : " drops it");
		return;
	}
	if (d->selected >= 0 && (size_t)d->selected < v->nboxes) {
		x = &v->boxes[d->selected];
		buf_printf(b, "Box %ld of %zu: ", d->selected + 1, v->nboxes);
		escape_add(b, c->labels[x->label].name,
		    strlen(c->labels[x->label].name), 0);
		buf_printf(b, " %g, %g, %g x %g", x->x, x->y, x->width,
		    x->height);
		return;
	}
	if (v->nboxes == 0) {
		buf_printf(b, "No boxes yet: %s sets a corner at the crosshair",
		    lb_req_key(REQ_CORNER));
		return;
	}
	buf_printf(b, "%zu box%s:", v->nboxes, v->nboxes == 1 ? "" : "es");
	for (i = 0; i < v->nboxes && b->len < 200; i++) {
		buf_addch(b, ' ');
		escape_add(b, c->labels[v->boxes[i].label].name,
		    strlen(c->labels[v->boxes[i].label].name), 0);
	}
}

/* The rectangle the picture may take when the labeler draws: one column
 * and one row less, for the rulers. */
void
lb_draw_region(const struct labeler *lb, struct rect *r)
{
	if (lb->draw == NULL || !lb_draw_mode(lb))
		return;
	r->w = r->w > 1 ? r->w - 1 : r->w;
	r->h = r->h > 1 ? r->h - 1 : r->h;
}

void
lb_draw_view(const struct labeler *lb, struct screen *scr)
{
	/* Not drawing, the view is the whole image unless zoomed. */
	if (lb->draw == NULL || (!lb_draw_mode(lb) && lb->draw->zoom == 1))
		return;
	scr->image_view.x = lb->draw->vx;
	scr->image_view.y = lb->draw->vy;
	scr->image_view.w = view_w(lb);
	scr->image_view.h = view_h(lb);
	scr->image_gen = lb->draw->gen;
}

/* Value v's boxes (the labeler's own, or another person's): fg 0 draws
 * each in its label's colour. */
static void
compose_boxes(struct screen *scr, const struct labeler *lb,
    const struct lb_geom *g, const struct ans_value *v, int fg, int own)
{
	const struct control	*c = v->control;
	const struct lb_draw	*d = lb->draw;
	const struct ans_box	*b;
	size_t			 i;
	int			 attr;

	for (i = 0; i < v->nboxes; i++) {
		b = &v->boxes[i];
		if (own && d->resizing && (long)i == d->selected)
			continue;
		if (b->x + b->width < g->vx || b->x > g->vx + g->vw ||
		    b->y + b->height < g->vy || b->y > g->vy + g->vh)
			continue;
		attr = own && (long)i == d->selected ? SA_REVERSE | SA_BOLD : 0;
		outline(scr, g, b, c->labels[b->label].name, attr, fg != 0 ? fg :
		    screen_label_colour(c->labels[b->label].colour, b->label));
	}
}

/* The current control's value in another person's answer, or NULL. */
static const struct ans_value *
other_value(const struct labeler *lb, const struct lb_other *o)
{
	if (o->answer == NULL || lb->current >= o->answer->n)
		return NULL;
	return &o->answer->v[lb->current];
}

/* Not drawing: the zoom and the view recorded (a classification's), or
 * nothing without an image of a known size. */
static void
lb_geometry_or_none(const struct labeler *lb, const struct screen *scr)
{
	const struct lb_draw	*d = lb->draw;
	struct lb_geom		 g;

	if (d == NULL) {
		image_note_draw(NULL);
		return;
	}
	lb_geometry(lb, scr, &g);
	image_note_draw(json_pack("{s:i, s:{s:f, s:f, s:f, s:f}, s:{s:i, s:i,"
	    " s:i, s:i}, s:{s:f, s:f}}", "zoom", d->zoom, "view", "x", g.vx,
	    "y", g.vy, "w", g.vw, "h", g.vh, "picture", "x", g.x, "y", g.y,
	    "cols", g.cols, "rows", g.rows, "crosshair", "x", d->cx, "y",
	    d->cy));
}

void
lb_draw_compose(struct screen *scr, const struct labeler *lb)
{
	const struct lb_control	*ctl;
	const struct lb_draw	*d = lb->draw;
	const struct ans_value	*ov;
	struct ans_box		 cur;
	struct lb_geom		 g;
	size_t			 i;
	int			 cc, cr, a0, a1, k, poly;

	if (!lb_draw_mode(lb)) {
		lb_geometry_or_none(lb, scr);
		return;
	}
	ctl = lb_current(lb);
	poly = ctl->control->kind == CONTROL_POLYGONS;
	lb_geometry(lb, scr, &g);
	/* Other people's first, the labeler's own on top. */
	for (i = 0; i < lb->nothers; i++) {
		if ((ov = other_value(lb, &lb->others[i])) == NULL)
			continue;
		if (poly)
			lb_poly_compose(scr, lb, &g, ov, lb->others[i].colour);
		else
			compose_boxes(scr, lb, &g, ov, lb->others[i].colour, 0);
	}
	/* The other drawing controls' shapes (boxes beside polygons), in
	 * their labels' colours, under the current one's. */
	for (i = 0; i < lb->ncontrols; i++) {
		if (i == lb->current || shapes_in(lb, i) <= 0)
			continue;
		if (lb->controls[i].control->kind == CONTROL_POLYGONS)
			lb_poly_compose(scr, lb, &g, lb->controls[i].v, 0);
		else
			compose_boxes(scr, lb, &g, lb->controls[i].v, 0, 0);
	}
	if (poly) {
		lb_poly_compose(scr, lb, &g, ctl->v, lb->own_colour);
		lb_poly_compose_edit(scr, lb, &g);
	} else
		compose_boxes(scr, lb, &g, ctl->v, lb->own_colour, 1);
	cc = lb_col_of(&g, d->cx);
	cr = lb_row_of(&g, d->cy);
	if (d->anchored) {
		rect_of(d, &cur);
		/* In symbols mode the box being drawn is over the picture;
		 * a pixel mode has it on the rulers only. */
		if (lb_symbols(scr))
			outline(scr, &g, &cur, NULL, SA_BOLD, 8);
		a0 = lb_col_of(&g, cur.x);
		a1 = lb_col_of(&g, cur.x + cur.width);
		for (k = a0 > 0 ? a0 : 0; k <= a1 && k < g.cols; k++)
			ruler(scr, g.y + g.rows, g.x + k, "─", SA_BOLD);
		a0 = lb_row_of(&g, cur.y);
		a1 = lb_row_of(&g, cur.y + cur.height);
		for (k = a0 > 0 ? a0 : 0; k <= a1 && k < g.rows; k++)
			ruler(scr, g.y + k, g.x + g.cols, "│", SA_BOLD);
	}
	ruler(scr, g.y + g.rows, g.x + cc, "▲", SA_BOLD);
	ruler(scr, g.y + cr, g.x + g.cols, "◀", SA_BOLD);
	if (lb_symbols(scr))
		lb_over(scr, &g, cc, cr, "┼", SA_BOLD | SA_REVERSE, 0);
	if (d->hinting)
		compose_grid(scr, lb, &g);
	image_note_draw(draw_json(lb, &g));
}
