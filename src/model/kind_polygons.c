/* Polygons and masks: labelled regions of an image (see answer.h for
 * their JSON). A polygon is three or more points in pixels; a mask is its
 * pixels as run lengths, COCO's uncompressed RLE (column-major, starting
 * with a run of zeros), which is how segmentation masks arrive from other
 * tools. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/kind_ops.h"
#include "util/xmalloc.h"

static const char *const polygon_keys[] = { "points", "label", NULL };
static const char *const mask_keys[] = { "rle", "label", NULL };

static void
shape_release(struct ans_shape *s)
{
	free(s->points);
	free(s->rle);
	json_decref(s->more);
}

static void
polygons_clear(struct ans_value *v)
{
	while (v->nshapes > 0)
		shape_release(&v->shapes[--v->nshapes]);
}

static int
polygons_empty(const struct ans_value *v)
{
	return v->nshapes == 0;
}

static int
load_points(struct ans_load *ld, json_t *pts, size_t i, struct ans_shape *s)
{
	const struct answer_task	*t = ld->task;
	json_t				*pt;
	char				 item[64];
	size_t				 j;

	if (!json_is_array(pts) || json_array_size(pts) < 3)
		return ans_fail(ld, "polygon %zu: \"points\" must be a list of"
		    " at least three [x, y]", i + 1);
	s->npoints = json_array_size(pts);
	s->points = xcalloc(s->npoints, sizeof *s->points);
	json_array_foreach(pts, j, pt) {
		if (!json_is_array(pt) || json_array_size(pt) != 2)
			return ans_fail(ld, "polygon %zu: point %zu must be"
			    " [x, y]", i + 1, j + 1);
		snprintf(item, sizeof item, "polygon %zu point %zu: ", i + 1,
		    j + 1);
		if (ans_coord(ld, json_array_get(pt, 0), item, "x",
		    t != NULL ? t->width : 0, &s->points[j].x) == -1 ||
		    ans_coord(ld, json_array_get(pt, 1), item, "y",
		    t != NULL ? t->height : 0, &s->points[j].y) == -1)
			return -1;
	}
	return 0;
}

static int
load_rle(struct ans_load *ld, json_t *rle, size_t i, struct ans_shape *s)
{
	const struct answer_task	*t = ld->task;
	json_t				*e;
	long long			 n;
	uint64_t			 sum = 0, want;
	size_t				 j;

	if (!json_is_array(rle) || json_array_size(rle) == 0)
		return ans_fail(ld, "polygon %zu: \"rle\" must be a list of"
		    " run lengths", i + 1);
	s->nrle = json_array_size(rle);
	s->rle = xcalloc(s->nrle, sizeof *s->rle);
	json_array_foreach(rle, j, e) {
		if (ans_whole(e, &n) == -1 || n < 0 || n > UINT32_MAX)
			return ans_fail(ld, "polygon %zu: run %zu of \"rle\""
			    " must be a whole number of pixels", i + 1, j + 1);
		s->rle[j] = (uint32_t)n;
		sum += (uint64_t)n;
	}
	if (t != NULL && t->width > 0 && t->height > 0 &&
	    sum != (want = (uint64_t)t->width * (uint64_t)t->height))
		return ans_fail(ld, "polygon %zu: the mask's runs cover %llu"
		    " pixels, and the image has %dx%d = %llu", i + 1,
		    (unsigned long long)sum, t->width, t->height,
		    (unsigned long long)want);
	return 0;
}

static int
load_shape(struct ans_load *ld, json_t *e, size_t i, struct ans_shape *s)
{
	json_t	*rle;
	char	 item[32];

	memset(s, 0, sizeof *s);
	snprintf(item, sizeof item, "polygon %zu: ", i + 1);
	if (!json_is_object(e))
		return ans_fail(ld, "%smust be an object {points, label}",
		    item);
	if ((rle = json_object_get(e, "rle")) != NULL) {
		if (json_object_get(e, "points") != NULL)
			return ans_fail(ld, "%shas \"points\" or \"rle\", not"
			    " both", item);
		if (load_rle(ld, rle, i, s) == -1)
			return -1;
	} else if (load_points(ld, json_object_get(e, "points"), i, s) == -1)
		return -1;
	if ((s->label = ans_label(ld, json_object_get(e, "label"), item)) < 0)
		return -1;
	s->more = ld->flags & ANS_CHECK_ONLY ? NULL : ans_more(e,
	    s->rle != NULL ? mask_keys : polygon_keys);
	return 0;
}

static int
polygons_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	struct ans_shape	s;
	json_t			*e;
	size_t			 i;

	if (!json_is_array(j))
		return BAD(ld, "must be a list of polygons") ? -1 : 0;
	if (ld->task != NULL && ld->task->text != NULL)
		return BAD(ld, "polygons need an image task, and this is a"
		    " text") ? -1 : 0;
	json_array_foreach(j, i, e) {
		if (load_shape(ld, e, i, &s) == -1) {
			shape_release(&s);
			if (!ld->lenient)
				return -1;
			continue;
		}
		ARRAY_GROW(v->shapes, v->nshapes + 1, v->ashapes);
		v->shapes[v->nshapes++] = s;
	}
	return 0;
}

static json_t *
polygons_emit(const struct ans_value *v)
{
	const struct ans_shape	*s;
	json_t			*a = json_array(), *o, *l;
	size_t			 i, j;

	for (i = 0; i < v->nshapes; i++) {
		s = &v->shapes[i];
		l = json_array();
		o = json_object();
		if (s->rle != NULL) {
			for (j = 0; j < s->nrle; j++)
				json_array_append_new(l, json_integer(s->rle[j]));
			json_object_set_new(o, "rle", l);
		} else {
			for (j = 0; j < s->npoints; j++)
				json_array_append_new(l, json_pack("[o, o]",
				    ans_number(s->points[j].x),
				    ans_number(s->points[j].y)));
			json_object_set_new(o, "points", l);
		}
		json_object_set_new(o, "label", ans_label_json(v, s->label));
		ans_add_more(o, s->more);
		json_array_append_new(a, o);
	}
	return a;
}

static int
shape_equal(const struct ans_shape *a, const struct ans_shape *b)
{
	if (a->label != b->label || a->npoints != b->npoints ||
	    a->nrle != b->nrle || (a->rle == NULL) != (b->rle == NULL))
		return 0;
	if (a->rle != NULL)
		return memcmp(a->rle, b->rle, a->nrle * sizeof *a->rle) == 0;
	return memcmp(a->points, b->points, a->npoints *
	    sizeof *a->points) == 0;
}

static int
polygons_equal(const struct ans_value *a, const struct ans_value *b)
{
	size_t	i;

	if (a->nshapes != b->nshapes)
		return 0;
	for (i = 0; i < a->nshapes; i++)
		if (!shape_equal(&a->shapes[i], &b->shapes[i]))
			return 0;
	return 1;
}

static void
polygons_labels(const struct ans_value *v, void (*fn)(int, void *),
    void *arg)
{
	size_t	i;

	for (i = 0; i < v->nshapes; i++)
		fn(v->shapes[i].label, arg);
}

/* The pixels of a mask that are set, as [start, end) index ranges. */
struct runs {
	const uint32_t	*rle;
	size_t		 n;
	size_t		 i;	/* the next run of ones is rle[i] */
	uint64_t	 at;	/* where rle[i] starts */
};

static int
next_ones(struct runs *r, uint64_t *s, uint64_t *e)
{
	/* Odd runs (counting from 0) are ones. */
	while (r->i < r->n) {
		uint64_t	start = r->at;

		r->at += r->rle[r->i];
		if (r->i++ % 2 == 1 && r->rle[r->i - 1] > 0) {
			*s = start;
			*e = r->at;
			return 1;
		}
	}
	return 0;
}

static uint64_t
mask_area(const struct ans_shape *m)
{
	uint64_t	a = 0;
	size_t		i;

	for (i = 1; i < m->nrle; i += 2)
		a += m->rle[i];
	return a;
}

double
ans_mask_iou(const struct ans_shape *a, const struct ans_shape *b)
{
	struct runs	ra = { a->rle, a->nrle, 0, 0 };
	struct runs	rb = { b->rle, b->nrle, 0, 0 };
	uint64_t	as, ae, bs, be, inter = 0, uni;
	int		ha, hb;

	ha = next_ones(&ra, &as, &ae);
	hb = next_ones(&rb, &bs, &be);
	while (ha && hb) {
		uint64_t lo = as > bs ? as : bs, hi = ae < be ? ae : be;

		if (hi > lo)
			inter += hi - lo;
		if (ae < be)
			ha = next_ones(&ra, &as, &ae);
		else
			hb = next_ones(&rb, &bs, &be);
	}
	uni = mask_area(a) + mask_area(b) - inter;
	return uni == 0 ? 0 : (double)inter / (double)uni;
}

const struct kind_ops kind_polygons_ops = {
	.load = polygons_load,
	.emit = polygons_emit,
	.equal = polygons_equal,
	.empty = polygons_empty,
	.clear = polygons_clear,
	.labels = polygons_labels,
};
