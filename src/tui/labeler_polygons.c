/* Drawing polygons on an image (see labeler.h): the boxes' crosshair
 * (labeler_boxes.c) adds vertices to an open polygon, Enter closes it and
 * a label's key keeps it; the vertex nearest the crosshair is moved (m)
 * or deleted (d); Tab selects a polygon, or an imported mask, to relabel
 * or delete. The open polygon is not in the result until it is labelled
 * (a region needs a label), so u takes its vertices back one by one, and
 * undo proper starts once it is kept. Coordinates are the crosshair's, in
 * pixels of the oriented image, whatever the zoom.
 *
 * Drawn: edges and vertices are cells over the picture in the label's
 * colour, the name beside the topmost vertex. A closed polygon or a mask
 * is filled in symbols mode by giving the cells whose middle is inside it
 * the label's colour as background, under the picture's own symbol (a
 * translucent overlay at the grain of a cell). A pixel mode has them
 * blended into the picture's pixels instead (lb_poly_tint, tui/tint.c),
 * which sends the picture again when one is kept, changed or deleted;
 * the outlines and the open polygon are cells over it, and the vertex
 * being moved and the line to the crosshair are on the rulers only, so
 * that moving the crosshair and adding a vertex send no picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"
#include "tui/image.h"
#include "tui/screen.h"
#include "tui/tint.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/xmalloc.h"

/* The polygons control's value. */
static struct ans_value *
shapes_of(const struct labeler *lb)
{
	return lb_current(lb)->v;
}

/* Vertex i of polygon shape (-1: the open one). */
static struct ans_point *
vertex(const struct labeler *lb, long shape, size_t i)
{
	if (shape < 0)
		return &lb->draw->open[i];
	return &shapes_of(lb)->shapes[shape].points[i];
}

/*
 * The vertex nearest the crosshair: of the selected polygon, else of the
 * open one and every polygon. 1 with *shape (-1: the open one) and
 * *index, 0 when there is none.
 */
static int
nearest(const struct labeler *lb, long *shape, size_t *index)
{
	const struct lb_draw	*d = lb->draw;
	const struct ans_value	*v = shapes_of(lb);
	const struct ans_point	*p;
	double			 best = INFINITY, dist;
	size_t			 i, n;
	long			 s;

	for (s = -1; s < (long)v->nshapes; s++) {
		if (d->selected >= 0 && s != d->selected)
			continue;
		n = s < 0 ? d->nopen : v->shapes[s].rle != NULL ? 0 :
		    v->shapes[s].npoints;
		for (i = 0; i < n; i++) {
			p = vertex(lb, s, i);
			dist = (p->x - d->cx) * (p->x - d->cx) +
			    (p->y - d->cy) * (p->y - d->cy);
			if (dist < best) {
				best = dist;
				*shape = s;
				*index = i;
			}
		}
	}
	return best < INFINITY;
}

static enum lb_action
put_vertex(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	struct ans_point	*p;

	if (d->mv_shape >= 0 && !lb_changeable(lb))
		return LB_REDRAW;
	d->moving = 0;
	/* The vertex leaves its old cells: a picture is sent again. */
	d->gen++;
	if (d->cx == d->mv_x && d->cy == d->mv_y) {
		lb_say(lb, "The vertex is where it was");
		return LB_REDRAW;
	}
	if (d->mv_shape >= 0)
		lb_change_begin(lb);
	p = vertex(lb, d->mv_shape, d->mv_index);
	p->x = d->cx;
	p->y = d->cy;
	lb_say(lb, "Vertex %zu moved to %g, %g", d->mv_index + 1, d->cx,
	    d->cy);
	return d->mv_shape >= 0 ? LB_SAVE_DRAFT : LB_REDRAW;
}

static enum lb_action
add_vertex(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (d->moving)
		return put_vertex(lb);
	if (!lb_changeable(lb) || !lb_image_there(lb))
		return LB_REDRAW;
	if (d->closed) {
		lb_say(lb, "The polygon is closed: a label's key labels it, %s"
		    " opens it again", lb_req_key(REQ_UNDO));
		return LB_REDRAW;
	}
	if (d->nopen > 0 && d->open[d->nopen - 1].x == d->cx &&
	    d->open[d->nopen - 1].y == d->cy) {
		lb_say(lb, "A vertex is there already: move the crosshair");
		return LB_REDRAW;
	}
	ARRAY_GROW(d->open, d->nopen + 1, d->aopen);
	d->open[d->nopen].x = d->cx;
	d->open[d->nopen].y = d->cy;
	d->nopen++;
	d->selected = -1;
	if (d->nopen < 3)
		lb_say(lb, "Vertex %zu at %g, %g: %zu more make a polygon",
		    d->nopen, d->cx, d->cy, 3 - d->nopen);
	else
		lb_say(lb, "Vertex %zu at %g, %g: %s closes the polygon",
		    d->nopen, d->cx, d->cy, lb_req_key(REQ_SUBMIT));
	return LB_REDRAW;
}

static void
say_too_few(struct labeler *lb)
{
	lb_say(lb, "A polygon needs three vertices, it has %zu: %s adds one,"
	    " %s drops it", lb->draw->nopen, lb_req_key(REQ_VERTEX),
	    lb_req_key(REQ_CANCEL));
}

/* Enter: puts a vertex being moved, closes the open polygon; else it
 * submits. */
static enum lb_action
enter(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (d->moving)
		return put_vertex(lb);
	if (d->nopen == 0)
		return LB_PASS;
	if (d->nopen < 3)
		say_too_few(lb);
	else if (!d->closed) {
		d->closed = 1;
		lb_say(lb, "Closed, %zu vertices: a label's key labels it (%s:"
		    " all labels)", d->nopen, lb_req_key(REQ_PICKER));
	} else
		lb_say(lb, "The polygon is closed: a label's key labels it, %s"
		    " opens it again", lb_req_key(REQ_UNDO));
	return LB_REDRAW;
}

static enum lb_action
move_vertex(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	const struct ans_value	*v = shapes_of(lb);
	const struct ans_point	*p;
	long			 shape = -1;
	size_t			 i = 0;

	if (d->moving) {
		lb_say(lb, "Moving a vertex: %s puts it, %s puts it back",
		    lb_req_key(REQ_VERTEX), lb_req_key(REQ_CANCEL));
		return LB_REDRAW;
	}
	if (d->selected >= 0 && (size_t)d->selected < v->nshapes &&
	    v->shapes[d->selected].rle != NULL) {
		lb_say(lb, "A mask has no vertices: %s deletes it",
		    lb_req_key(REQ_DELETE_POLYGON));
		return LB_REDRAW;
	}
	if (!nearest(lb, &shape, &i)) {
		lb_say(lb, "No vertex to move: %s adds one at the crosshair",
		    lb_req_key(REQ_VERTEX));
		return LB_REDRAW;
	}
	if (shape >= 0 && !lb_changeable(lb))
		return LB_REDRAW;
	p = vertex(lb, shape, i);
	d->moving = 1;
	d->mv_shape = shape;
	d->mv_index = i;
	d->mv_x = p->x;
	d->mv_y = p->y;
	lb_cross_to(lb, p->x, p->y);
	lb_say(lb, "Moving vertex %zu (%g, %g): move it, %s puts it, %s puts"
	    " it back", i + 1, p->x, p->y, lb_req_key(REQ_VERTEX),
	    lb_req_key(REQ_CANCEL));
	return LB_REDRAW;
}

static enum lb_action
delete_vertex(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	struct ans_shape	*s;
	long			 shape = -1;
	size_t			 i = 0;

	if (d->moving) {
		lb_say(lb, "Moving a vertex: %s puts it first",
		    lb_req_key(REQ_VERTEX));
		return LB_REDRAW;
	}
	if (!nearest(lb, &shape, &i)) {
		lb_say(lb, "No vertex to delete");
		return LB_REDRAW;
	}
	d->gen++;
	if (shape < 0) {
		memmove(&d->open[i], &d->open[i + 1], (d->nopen - i - 1) *
		    sizeof *d->open);
		if (--d->nopen < 3)
			d->closed = 0;
		lb_say(lb, "Vertex deleted: %zu left", d->nopen);
		return LB_REDRAW;
	}
	if (!lb_changeable(lb))
		return LB_REDRAW;
	s = &shapes_of(lb)->shapes[shape];
	if (s->npoints <= 3) {
		lb_say(lb, "A polygon keeps three vertices: %s selects it, %s"
		    " deletes it", lb_req_key(REQ_NEXT_POLYGON),
		    lb_req_key(REQ_DELETE_POLYGON));
		return LB_REDRAW;
	}
	lb_change_begin(lb);
	memmove(&s->points[i], &s->points[i + 1], (s->npoints - i - 1) *
	    sizeof *s->points);
	s->npoints--;
	lb_say(lb, "Vertex %zu of polygon %ld deleted: %zu left", i + 1,
	    shape + 1, s->npoints);
	return LB_SAVE_DRAFT;
}

enum lb_action
lb_poly_select(struct labeler *lb, int dir)
{
	struct lb_draw		*d = lb->draw;
	const struct ans_value	*v = shapes_of(lb);
	const struct ans_shape	*s;
	char			*name;

	if (d->nopen > 0 || d->moving) {
		lb_say(lb, "A polygon is being drawn: a label's key keeps it,"
		    " %s drops it", lb_req_key(REQ_CANCEL));
		return LB_REDRAW;
	}
	if (v->nshapes == 0) {
		lb_say(lb, "No polygons yet: %s adds a vertex",
		    lb_req_key(REQ_VERTEX));
		return LB_REDRAW;
	}
	if (d->selected < 0)
		d->selected = dir > 0 ? 0 : (long)v->nshapes - 1;
	else
		d->selected = (d->selected + dir + (long)v->nshapes) %
		    (long)v->nshapes;
	s = &v->shapes[d->selected];
	name = lb_esc(lb_current(lb)->control->labels[s->label].name);
	lb_say(lb, "%s %ld of %zu, %s: a label's key relabels it, %s deletes"
	    " it", s->rle != NULL ? "Mask" : "Polygon", d->selected + 1,
	    v->nshapes, name, lb_req_key(REQ_DELETE_POLYGON));
	free(name);
	return LB_REDRAW;
}

static enum lb_action
delete_polygon(struct labeler *lb)
{
	struct lb_draw		*d = lb->draw;
	struct ans_value	*v = shapes_of(lb);
	struct ans_shape	*s;

	if (d->selected < 0 || (size_t)d->selected >= v->nshapes) {
		lb_say(lb, "No polygon selected: %s selects one",
		    lb_req_key(REQ_NEXT_POLYGON));
		return LB_REDRAW;
	}
	if (!lb_changeable(lb))
		return LB_REDRAW;
	lb_change_begin(lb);
	s = &v->shapes[d->selected];
	free(s->points);
	free(s->rle);
	json_decref(s->more);
	memmove(s, s + 1, (v->nshapes - (size_t)d->selected - 1) * sizeof *s);
	v->nshapes--;
	d->selected = -1;
	d->gen++;
	lb_say(lb, "Deleted: %zu left", v->nshapes);
	return LB_SAVE_DRAFT;
}

/* u: a vertex being moved stays, the open polygon opens again or loses
 * its last vertex; else undo proper (LB_PASS). */
static enum lb_action
undo_vertex(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (d->moving) {
		lb_poly_cancel(lb);
		return LB_REDRAW;
	}
	if (d->nopen == 0)
		return LB_PASS;
	d->gen++;
	if (d->closed) {
		d->closed = 0;
		lb_say(lb, "Open again, %zu vertices: %s adds one", d->nopen,
		    lb_req_key(REQ_VERTEX));
	} else if (--d->nopen > 0)
		lb_say(lb, "Vertex taken back: %zu left", d->nopen);
	else
		lb_say(lb, "Polygon dropped");
	return LB_REDRAW;
}

enum lb_action
lb_poly_request(struct labeler *lb, enum request req)
{
	switch (req) {
	case REQ_VERTEX:
		return add_vertex(lb);
	case REQ_SUBMIT:
		return enter(lb);
	case REQ_MOVE_VERTEX:
		return move_vertex(lb);
	case REQ_DELETE_VERTEX:
		return delete_vertex(lb);
	case REQ_NEXT_POLYGON:
		return lb_select_shape(lb, 1);
	case REQ_PREV_POLYGON:
		return lb_select_shape(lb, -1);
	case REQ_DELETE_POLYGON:
		return delete_polygon(lb);
	case REQ_UNDO:
		return undo_vertex(lb);
	default:
		return LB_PASS;
	}
}

enum lb_action
lb_label_polygon(struct labeler *lb, struct lb_control *ctl, int label)
{
	struct lb_draw		*d = lb->draw;
	struct ans_value	*v = ctl->v;
	struct ans_shape	*s;
	char			*name;

	if (!lb_changeable(lb))
		return LB_REDRAW;
	if (d->moving) {
		lb_say(lb, "Moving a vertex: %s puts it first",
		    lb_req_key(REQ_VERTEX));
		return LB_REDRAW;
	}
	name = lb_esc(ctl->control->labels[label].name);
	if (d->nopen > 0) {
		if (d->nopen < 3) {
			say_too_few(lb);
			free(name);
			return LB_REDRAW;
		}
		lb_change_begin(lb);
		ARRAY_GROW(v->shapes, v->nshapes + 1, v->ashapes);
		s = &v->shapes[v->nshapes++];
		memset(s, 0, sizeof *s);
		s->points = xreallocarray(NULL, d->nopen, sizeof *s->points);
		memcpy(s->points, d->open, d->nopen * sizeof *s->points);
		s->npoints = d->nopen;
		s->label = label;
		lb_say(lb, "%s polygon, %zu vertices: %s submits", name,
		    d->nopen, lb_req_key(REQ_SUBMIT));
		d->nopen = 0;
		d->closed = 0;
		d->selected = -1;
		free(name);
		return LB_SAVE_DRAFT;
	}
	if (d->selected >= 0 && (size_t)d->selected < v->nshapes) {
		s = &v->shapes[d->selected];
		if (s->label != label) {
			lb_change_begin(lb);
			s->label = label;
			lb_say(lb, "%ld relabelled %s", d->selected + 1, name);
			free(name);
			return LB_SAVE_DRAFT;
		}
		lb_say(lb, "%ld is %s already", d->selected + 1, name);
		free(name);
		return LB_REDRAW;
	}
	lb_say(lb, "%s adds a polygon's vertex at the crosshair; %s closes it,"
	    " then a label's key", lb_req_key(REQ_VERTEX),
	    lb_req_key(REQ_SUBMIT));
	free(name);
	return LB_REDRAW;
}

int
lb_poly_cancel(struct labeler *lb)
{
	struct lb_draw	*d = lb->draw;

	if (d->moving) {
		d->moving = 0;
		lb_cross_to(lb, d->mv_x, d->mv_y);
		lb_say(lb, "The vertex is back where it was");
		return 1;
	}
	if (d->nopen > 0) {
		d->nopen = 0;
		d->closed = 0;
		d->gen++;
		lb_say(lb, "Polygon dropped");
		return 1;
	}
	if (d->selected >= 0) {
		d->selected = -1;
		return 1;
	}
	return 0;
}

void
lb_poly_after_undo(struct labeler *lb)
{
	lb->draw->moving = 0;
	lb->draw->nopen = 0;
	lb->draw->closed = 0;
}

void
lb_poly_info(const struct labeler *lb, struct buf *b)
{
	const struct lb_draw	*d = lb->draw;
	const struct ans_value	*v = shapes_of(lb);
	const struct control	*c = lb_current(lb)->control;
	const struct ans_shape	*s;
	size_t			 i;

	if (d->moving) {
		buf_printf(b, "Moving vertex %zu from %g, %g to %g, %g; %s puts"
		    " it, %s puts it back", d->mv_index + 1, d->mv_x, d->mv_y,
		    d->cx, d->cy, lb_req_key(REQ_VERTEX),
		    lb_req_key(REQ_CANCEL));
		return;
	}
	if (d->nopen > 0) {
		buf_printf(b, "Polygon of %zu vert%s%s, last at %g, %g",
		    d->nopen, d->nopen == 1 ? "ex" : "ices",
		    d->closed ? ", closed" : "",
		    d->open[d->nopen - 1].x, d->open[d->nopen - 1].y);
		return;
	}
	if (d->selected >= 0 && (size_t)d->selected < v->nshapes) {
		s = &v->shapes[d->selected];
		buf_printf(b, "%s %ld of %zu: ", s->rle != NULL ? "Mask" :
		    "Polygon", d->selected + 1, v->nshapes);
		escape_add(b, c->labels[s->label].name,
		    strlen(c->labels[s->label].name), 0);
		if (s->rle == NULL)
			buf_printf(b, ", %zu vertices", s->npoints);
		return;
	}
	if (v->nshapes == 0) {
		buf_printf(b, "No polygons yet: %s adds a vertex at the"
		    " crosshair", lb_req_key(REQ_VERTEX));
		return;
	}
	buf_printf(b, "%zu region%s:", v->nshapes, v->nshapes == 1 ? "" : "s");
	for (i = 0; i < v->nshapes && b->len < 200; i++) {
		buf_addch(b, ' ');
		escape_add(b, c->labels[v->shapes[i].label].name,
		    strlen(c->labels[v->shapes[i].label].name), 0);
	}
}

/* Drawing. */

/*
 * Which of the picture's cells have their middle inside shape s (pts, n:
 * its points, for a polygon being edited), into in (cols * rows, by
 * rows); returns how many.
 */
static size_t
inside_cells(const struct labeler *lb, const struct lb_geom *g,
    const struct ans_shape *s, const struct ans_point *pts, size_t n,
    unsigned char *in)
{
	uint64_t	*start = NULL;
	size_t		 count = 0;
	double		 x, y;
	int		 c, r, h = lb->task.height;

	if (s->rle != NULL)
		start = tint_run_starts(s->rle, s->nrle);
	for (r = 0; r < g->rows; r++)
		for (c = 0; c < g->cols; c++) {
			x = lb_x_of(g, c);
			y = lb_y_of(g, r);
			if (s->rle != NULL)
				in[r * g->cols + c] = tint_in_mask(start,
				    s->nrle, (uint64_t)floor(x) * (uint64_t)h +
				    (uint64_t)floor(y));
			else
				in[r * g->cols + c] = n >= 3 &&
				    tint_inside(pts, n, x, y);
			count += in[r * g->cols + c];
		}
	free(start);
	return count;
}

/* The cells of the line from a to b, each marked s. */
static void
edge(struct screen *scr, const struct lb_geom *g, const struct ans_point *a,
    const struct ans_point *b, const char *s, int attr, int fg)
{
	int	c0 = lb_col_of(g, a->x), r0 = lb_row_of(g, a->y);
	int	c1 = lb_col_of(g, b->x), r1 = lb_row_of(g, b->y);
	int	n = abs(c1 - c0) > abs(r1 - r0) ? abs(c1 - c0) : abs(r1 - r0);
	int	k;

	/* The ends are the vertices' own cells. */
	for (k = 1; k < n; k++)
		lb_over(scr, g, c0 + (int)lround((double)(c1 - c0) * k / n),
		    r0 + (int)lround((double)(r1 - r0) * k / n), s, attr, fg);
}

/* A polygon's outline: its edges (closed: the last back to the first),
 * its vertices. */
static void
outline(struct screen *scr, const struct lb_geom *g,
    const struct ans_point *p, size_t n, int closed, int attr, int fg)
{
	size_t	i;

	for (i = 0; i + 1 < n; i++)
		edge(scr, g, &p[i], &p[i + 1], "·", attr, fg);
	if (closed && n >= 3)
		edge(scr, g, &p[n - 1], &p[0], "·", attr, fg);
	for (i = 0; i < n; i++)
		lb_over(scr, g, lb_col_of(g, p[i].x), lb_row_of(g, p[i].y),
		    "•", attr | SA_BOLD, fg);
}

/* The points of shape i as drawn now: with the vertex being moved at the
 * crosshair in symbols mode (a pixel mode draws it on the rulers). The
 * copy is the caller's to free, or NULL when the shape's own serve. */
static struct ans_point *
drawn_points(const struct labeler *lb, const struct screen *scr, long i,
    const struct ans_point *p, size_t n)
{
	const struct lb_draw	*d = lb->draw;
	struct ans_point	*q;

	if (!d->moving || d->mv_shape != i || !lb_symbols(scr) ||
	    d->mv_index >= n)
		return NULL;
	q = xreallocarray(NULL, n, sizeof *q);
	memcpy(q, p, n * sizeof *q);
	q[d->mv_index].x = d->cx;
	q[d->mv_index].y = d->cy;
	return q;
}

/* Its top vertex, where its name goes. */
static size_t
top_vertex(const struct ans_point *p, size_t n)
{
	size_t	i, t = 0;

	for (i = 1; i < n; i++)
		if (p[i].y < p[t].y || (p[i].y == p[t].y && p[i].x < p[t].x))
			t = i;
	return t;
}

/* Fills the cells in with colour (symbols mode), or marks those at the
 * edge of them (a pixel mode's outline of a mask). */
static void
fill(struct screen *scr, const struct lb_geom *g, const unsigned char *in,
    int symbols, int edge_only, int attr, int fg)
{
	struct scell	*cell;
	int		 c, r, inner;

	for (r = 0; r < g->rows; r++)
		for (c = 0; c < g->cols; c++) {
			if (!in[r * g->cols + c])
				continue;
			if (symbols) {
				if (g->y + r >= scr->h || g->x + c >= scr->w)
					continue;
				cell = screen_at(scr, g->y + r, g->x + c);
				cell->colour = fg;
				if (cell->str[0] == '\0')
					snprintf(cell->str, sizeof cell->str,
					    " ");
				continue;
			}
			if (!edge_only)
				continue;
			inner = r > 0 && c > 0 && r + 1 < g->rows &&
			    c + 1 < g->cols && in[(r - 1) * g->cols + c] &&
			    in[(r + 1) * g->cols + c] &&
			    in[r * g->cols + c - 1] && in[r * g->cols + c + 1];
			if (!inner)
				lb_over(scr, g, c, r, "·", attr, fg);
		}
}

void
lb_poly_compose(struct screen *scr, const struct labeler *lb,
    const struct lb_geom *g, const struct ans_value *v, int fg)
{
	const struct control	*ctl = v->control;
	const struct ans_shape	*s;
	const struct ans_point	*p;
	struct ans_point	*q;
	unsigned char		*in;
	int			 own = v == shapes_of(lb), colour, attr;
	int			 symbols = lb_symbols(scr);
	size_t			 i, t;

	in = xcalloc((size_t)g->cols * (size_t)g->rows, 1);
	for (i = 0; i < v->nshapes; i++) {
		s = &v->shapes[i];
		colour = fg != 0 ? fg : screen_label_colour(
		    ctl->labels[s->label].colour, s->label);
		attr = own && (long)i == lb->draw->selected ?
		    SA_REVERSE | SA_BOLD : 0;
		q = own ? drawn_points(lb, scr, (long)i, s->points,
		    s->npoints) : NULL;
		p = q != NULL ? q : s->points;
		if (symbols || s->rle != NULL) {
			inside_cells(lb, g, s, p, s->npoints, in);
			fill(scr, g, in, symbols, 1, attr, colour);
		}
		if (s->rle == NULL && s->npoints > 0) {
			outline(scr, g, p, s->npoints, 1, attr, colour);
			t = top_vertex(p, s->npoints);
			lb_tag(scr, g, lb_col_of(g, p[t].x) + 1,
			    lb_row_of(g, p[t].y), g->cols,
			    ctl->labels[s->label].name, attr | SA_BOLD, colour);
		}
		free(q);
	}
	free(in);
}

void
lb_poly_compose_edit(struct screen *scr, const struct labeler *lb,
    const struct lb_geom *g)
{
	const struct lb_draw	*d = lb->draw;
	struct ans_point	*q, cross = { d->cx, d->cy };
	const struct ans_point	*p;

	if (d->nopen == 0)
		return;
	q = drawn_points(lb, scr, -1, d->open, d->nopen);
	p = q != NULL ? q : d->open;
	outline(scr, g, p, d->nopen, d->closed, SA_BOLD, 0);
	/* In symbols mode the next edge runs to the crosshair. */
	if (!d->closed && !d->moving && lb_symbols(scr))
		edge(scr, g, &p[d->nopen - 1], &cross, "·", SA_DIM, 0);
	free(q);
}

/* Value v's regions onto the list, in fg or each label's colour. */
static void
tint_add(struct image_region **r, size_t *n, size_t *alloc,
    const struct ans_value *v, int fg)
{
	const struct label	*l;
	const struct ans_shape	*s;
	size_t			 i;

	for (i = 0; i < v->nshapes; i++) {
		s = &v->shapes[i];
		l = &v->control->labels[s->label];
		ARRAY_GROW(*r, *n + 1, *alloc);
		(*r)[*n].points = s->rle != NULL ? NULL : s->points;
		(*r)[*n].npoints = s->rle != NULL ? 0 : s->npoints;
		(*r)[*n].rle = s->rle;
		(*r)[*n].nrle = s->nrle;
		(*r)[*n].rgb = fg != 0 ? tint_rgb(NULL, fg) : tint_rgb(l->colour,
		    screen_label_colour(l->colour, s->label));
		(*n)++;
	}
}

void
lb_poly_tint(const struct labeler *lb, const struct screen *scr)
{
	struct image_region	*r = NULL;
	size_t			 n = 0, alloc = 0, i;

	if (lb_poly_mode(lb) && !lb_symbols(scr)) {
		for (i = 0; i < lb->nothers; i++)
			if (lb->others[i].answer != NULL &&
			    lb->current < lb->others[i].answer->n)
				tint_add(&r, &n, &alloc,
				    &lb->others[i].answer->v[lb->current],
				    lb->others[i].colour);
		tint_add(&r, &n, &alloc, shapes_of(lb), lb->own_colour);
	}
	/* Drawing boxes beside a polygons control: its regions stay in
	 * the picture, so that walking between them sends nothing. */
	for (i = 0; lb_draw_mode(lb) && !lb_symbols(scr) && i < lb->ncontrols;
	    i++)
		if (i != lb->current && lb->controls[i].editable &&
		    lb->controls[i].control->kind == CONTROL_POLYGONS)
			tint_add(&r, &n, &alloc, lb->controls[i].v, 0);
	image_tint(r, n);
	free(r);
}

static json_t *
points_json(const struct ans_point *p, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("[f, f]", p[i].x, p[i].y));
	return a;
}

void
lb_poly_json(const struct labeler *lb, const struct lb_geom *g, json_t *j)
{
	const struct lb_draw	*d = lb->draw;
	const struct lb_control	*ctl = lb_current(lb);
	const struct ans_shape	*s;
	unsigned char		*in;
	json_t			*a = json_array(), *o, *cells;
	size_t			 i, k;

	in = xcalloc((size_t)g->cols * (size_t)g->rows, 1);
	for (i = 0; i < ctl->v->nshapes; i++) {
		s = &ctl->v->shapes[i];
		o = json_pack("{s:s, s:I}", "label",
		    ctl->control->labels[s->label].name, "filled", (json_int_t)
		    inside_cells(lb, g, s, s->points, s->npoints, in));
		if (s->rle != NULL)
			json_object_set_new(o, "runs",
			    json_integer((json_int_t)s->nrle));
		else {
			json_object_set_new(o, "points",
			    points_json(s->points, s->npoints));
			cells = json_array();
			for (k = 0; k < s->npoints; k++)
				json_array_append_new(cells, json_pack("[i, i]",
				    lb_col_of(g, s->points[k].x),
				    lb_row_of(g, s->points[k].y)));
			json_object_set_new(o, "cells", cells);
		}
		json_array_append_new(a, o);
	}
	free(in);
	json_object_set_new(j, "polygons", a);
	json_object_set_new(j, "open", points_json(d->open, d->nopen));
	json_object_set_new(j, "closed", json_boolean(d->closed));
	json_object_set_new(j, "moving", !d->moving ? json_null() :
	    json_pack("{s:o, s:I}", "polygon", d->mv_shape >= 0 ?
	    json_integer(d->mv_shape) : json_null(), "vertex",
	    (json_int_t)d->mv_index));
}
