/* Boxes: labelled rectangles on an image, in pixels of the original, with
 * an optional rotation in degrees clockwise about the top-left corner (as
 * Label Studio stores them; see answer.h for their JSON), and their
 * intersection over union, rotated ones too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/kind_ops.h"
#include "util/xmalloc.h"

#define EDGE	1e-6	/* how far a corner may be off the image, rounding */

static const char *const own_keys[] = { "x", "y", "width", "height",
	"rotation", "label", NULL };

static void
boxes_clear(struct ans_value *v)
{
	while (v->nboxes > 0)
		json_decref(v->boxes[--v->nboxes].more);
}

static int
boxes_empty(const struct ans_value *v)
{
	return v->nboxes == 0;
}

/* The four corners of b, clockwise on the screen from its top left. */
static void
corners(const struct ans_box *b, struct ans_point p[4])
{
	double	t = b->rotation * M_PI / 180, c = cos(t), s = sin(t);

	p[0].x = b->x;
	p[0].y = b->y;
	p[1].x = b->x + b->width * c;
	p[1].y = b->y + b->width * s;
	p[2].x = b->x + b->width * c - b->height * s;
	p[2].y = b->y + b->width * s + b->height * c;
	p[3].x = b->x - b->height * s;
	p[3].y = b->y + b->height * c;
}

/* 1 when the box lies inside the image (when its size is known). */
static int
inside(const struct ans_box *b, const struct answer_task *t)
{
	struct ans_point	p[4];
	int			i;

	if (t == NULL)
		return 1;
	corners(b, p);
	for (i = 0; i < 4; i++)
		if ((t->width > 0 && (p[i].x < -EDGE ||
		    p[i].x > t->width + EDGE)) || (t->height > 0 &&
		    (p[i].y < -EDGE || p[i].y > t->height + EDGE)))
			return 0;
	return 1;
}

static int
load_box(struct ans_load *ld, json_t *e, size_t i, struct ans_box *b)
{
	const struct answer_task	*t = ld->task;
	json_t				*r;
	char				 item[32];
	int				 w = t != NULL ? t->width : 0;
	int				 h = t != NULL ? t->height : 0;

	snprintf(item, sizeof item, "box %zu: ", i + 1);
	if (!json_is_object(e))
		return ans_fail(ld, "%smust be an object {x, y, width, height,"
		    " label}", item);
	if (ans_coord(ld, json_object_get(e, "x"), item, "x", w, &b->x) ==
	    -1 || ans_coord(ld, json_object_get(e, "y"), item, "y", h,
	    &b->y) == -1 || ans_coord(ld, json_object_get(e, "width"), item,
	    "width", 0, &b->width) == -1 || ans_coord(ld,
	    json_object_get(e, "height"), item, "height", 0, &b->height) == -1)
		return -1;
	if (b->width <= 0 || b->height <= 0)
		return ans_fail(ld, "%swidth and height must be above 0", item);
	b->rotation = 0;
	if ((r = json_object_get(e, "rotation")) != NULL && !json_is_null(r)) {
		if (!json_is_number(r) || !isfinite(json_number_value(r)) ||
		    fabs(json_number_value(r)) > 360)
			return ans_fail(ld, "%s\"rotation\" must be a number of"
			    " degrees from -360 to 360", item);
		b->rotation = json_number_value(r);
	}
	if (!inside(b, t))
		return ans_fail(ld, "%sreaches outside the image (%dx%d)", item,
		    t->width, t->height);
	if ((b->label = ans_label(ld, json_object_get(e, "label"), item)) < 0)
		return -1;
	return 0;
}

static int
boxes_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	struct ans_box	b;
	json_t		*e;
	size_t		 i;

	if (!json_is_array(j))
		return BAD(ld, "must be a list of boxes") ? -1 : 0;
	if (ld->task != NULL && ld->task->text != NULL)
		return BAD(ld, "boxes need an image task, and this is a text") ?
		    -1 : 0;
	json_array_foreach(j, i, e) {
		if (load_box(ld, e, i, &b) == -1) {
			if (!ld->lenient)
				return -1;
			continue;
		}
		b.more = ld->flags & ANS_CHECK_ONLY ? NULL :
		    ans_more(e, own_keys);
		ARRAY_GROW(v->boxes, v->nboxes + 1, v->aboxes);
		v->boxes[v->nboxes++] = b;
	}
	return 0;
}

static json_t *
boxes_emit(const struct ans_value *v)
{
	const struct ans_box	*b;
	json_t			*a = json_array(), *o;
	size_t			 i;

	for (i = 0; i < v->nboxes; i++) {
		b = &v->boxes[i];
		o = json_pack("{s:o, s:o, s:o, s:o}", "x", ans_number(b->x),
		    "y", ans_number(b->y), "width", ans_number(b->width),
		    "height", ans_number(b->height));
		if (b->rotation != 0)
			json_object_set_new(o, "rotation",
			    ans_number(b->rotation));
		json_object_set_new(o, "label", ans_label_json(v, b->label));
		ans_add_more(o, b->more);
		json_array_append_new(a, o);
	}
	return a;
}

static int
boxes_equal(const struct ans_value *a, const struct ans_value *b)
{
	size_t	i;

	if (a->nboxes != b->nboxes)
		return 0;
	for (i = 0; i < a->nboxes; i++)
		if (a->boxes[i].x != b->boxes[i].x ||
		    a->boxes[i].y != b->boxes[i].y ||
		    a->boxes[i].width != b->boxes[i].width ||
		    a->boxes[i].height != b->boxes[i].height ||
		    a->boxes[i].rotation != b->boxes[i].rotation ||
		    a->boxes[i].label != b->boxes[i].label)
			return 0;
	return 1;
}

static void
boxes_labels(const struct ans_value *v, void (*fn)(int, void *), void *arg)
{
	size_t	i;

	for (i = 0; i < v->nboxes; i++)
		fn(v->boxes[i].label, arg);
}

/* Twice the signed area of a polygon (shoelace). */
static double
area2(const struct ans_point *p, size_t n)
{
	double	a = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		a += p[i].x * p[(i + 1) % n].y - p[(i + 1) % n].x * p[i].y;
	return a;
}

/* Which side of the edge a -> b point p is on, times the polygon's
 * orientation: >= 0 inside. */
static double
side(struct ans_point a, struct ans_point b, struct ans_point p, double o)
{
	return o * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
}

static struct ans_point
cross_at(struct ans_point a, struct ans_point b, struct ans_point p,
    struct ans_point q)
{
	double			 d1 = (b.x - a.x) * (q.y - p.y) -
				    (b.y - a.y) * (q.x - p.x);
	double			 t;
	struct ans_point	 r = p;

	if (d1 == 0)
		return r;
	t = ((a.x - p.x) * (q.y - p.y) - (a.y - p.y) * (q.x - p.x)) / -d1;
	r.x = a.x + t * (b.x - a.x);
	r.y = a.y + t * (b.y - a.y);
	return r;
}

double
ans_box_iou(const struct ans_box *a, const struct ans_box *b)
{
	struct ans_point	pa[4], pb[4], in[16], out[16];
	size_t			n = 4, m, i, k;
	double			o, inter, ua, ub;

	corners(a, pa);
	corners(b, pb);
	memcpy(in, pa, sizeof pa);
	o = area2(pb, 4) >= 0 ? 1 : -1;
	/* Clip a by each edge of b (Sutherland and Hodgman: both convex). */
	for (k = 0; k < 4 && n > 0; k++) {
		struct ans_point	e0 = pb[k], e1 = pb[(k + 1) % 4];

		m = 0;
		for (i = 0; i < n; i++) {
			struct ans_point	cur = in[i], prev = in[(i + n - 1) % n];
			int			ci = side(e0, e1, cur, o) >= 0;
			int			pi = side(e0, e1, prev, o) >= 0;

			if (ci != pi && m < 16)
				out[m++] = cross_at(e0, e1, prev, cur);
			if (ci && m < 16)
				out[m++] = cur;
		}
		memcpy(in, out, m * sizeof *out);
		n = m;
	}
	inter = n >= 3 ? fabs(area2(in, n)) / 2 : 0;
	ua = a->width * a->height;
	ub = b->width * b->height;
	return ua + ub - inter <= 0 ? 0 : inter / (ua + ub - inter);
}

void
ans_boxes_match(const struct ans_value *a, const struct ans_value *b,
    double min_iou, struct ans_match *m)
{
	unsigned char	*used = xcalloc(b->nboxes + 1, 1);
	size_t		 i, j, best;
	double		 iou, best_iou;

	m->a = a->nboxes;
	m->b = b->nboxes;
	m->matched = 0;
	for (i = 0; i < a->nboxes; i++) {
		best = b->nboxes;
		best_iou = 0;
		for (j = 0; j < b->nboxes; j++) {
			if (used[j] || a->boxes[i].label != b->boxes[j].label)
				continue;
			iou = ans_box_iou(&a->boxes[i], &b->boxes[j]);
			if (iou >= min_iou && iou > best_iou) {
				best = j;
				best_iou = iou;
			}
		}
		if (best < b->nboxes) {
			used[best] = 1;
			m->matched++;
		}
	}
	m->f1 = m->a + m->b == 0 ? 1.0 :
	    2.0 * (double)m->matched / (double)(m->a + m->b);
	free(used);
}

const struct kind_ops kind_boxes_ops = {
	.load = boxes_load,
	.emit = boxes_emit,
	.equal = boxes_equal,
	.empty = boxes_empty,
	.clear = boxes_clear,
	.labels = boxes_labels,
};
