/* Checking a result against a label config (see result.h for what each
 * control kind takes). Messages name the control, the item and the value,
 * and leave the position (FILE:LINE) to the caller. */
#include <math.h>	/* isfinite */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/result.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

struct check {
	const struct config	*cfg;
	const struct control	*ctl;
	struct result_task	*t;
	int			 flags;
	char			*err;
	size_t			 errlen;
};

static int
fail(struct check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
fail(struct check *c, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	n = snprintf(c->err, c->errlen, "\"%s\": ", c->ctl->name);
	if (n < 0 || (size_t)n >= c->errlen)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* A label of the current control; item is "" or "span 3: " for messages. */
static int
check_label(struct check *c, const json_t *v, const char *item)
{
	const struct label	*l;
	const char		*name;

	if (!json_is_string(v))
		return fail(c, "%sa label must be a string", item);
	name = json_string_value(v);
	if ((l = control_label(c->ctl, name)) == NULL)
		return fail(c, "%sunknown label '%s'", item, name);
	if (l->retired && !(c->flags & RESULT_ALLOW_RETIRED))
		return fail(c, "%slabel '%s' is retired", item, name);
	return 0;
}

static int
check_labels(struct check *c, json_t *v, int multi)
{
	size_t	 i, j;
	json_t	*e;

	if (!json_is_array(v))
		return fail(c, "must be a list of labels");
	if (!multi && json_array_size(v) > 1)
		return fail(c, "takes one label, not %zu",
		    json_array_size(v));
	json_array_foreach(v, i, e) {
		if (check_label(c, e, "") == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (json_equal(json_array_get(v, j), e))
				return fail(c, "label '%s' is given twice",
				    json_string_value(e));
	}
	return 0;
}

/* A whole number that fits, from a JSON integer (or a real like 3.0). */
static int
whole(const json_t *v, long long *out)
{
	double	d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (d > -9e15 && d < 9e15 && d == (double)(long long)d) {
			*out = (long long)d;
			return 0;
		}
	}
	return -1;
}

struct span {
	long long	start, end;
	size_t		item;
};

static int
span_cmp(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static int
check_spans(struct check *c, json_t *v)
{
	struct span	*spans;
	json_t		*e;
	size_t		 i, n;
	char		 item[32];
	long long	 len;
	int		 rc = -1;

	if (!json_is_array(v))
		return fail(c, "must be a list of spans");
	if (c->t->text == NULL)
		return fail(c, "spans need a text task, and this is an image");
	if (!c->t->have_ncp) {
		c->t->ncp = utf8_count(c->t->text, c->t->text_len);
		c->t->have_ncp = 1;
	}
	len = (long long)c->t->ncp;
	n = json_array_size(v);
	spans = xcalloc(n ? n : 1, sizeof *spans);
	json_array_foreach(v, i, e) {
		snprintf(item, sizeof item, "span %zu: ", i + 1);
		if (!json_is_object(e)) {
			fail(c, "%smust be an object {start, end, label}",
			    item);
			goto out;
		}
		if (whole(json_object_get(e, "start"), &spans[i].start) == -1 ||
		    whole(json_object_get(e, "end"), &spans[i].end) == -1) {
			fail(c, "%s\"start\" and \"end\" must be whole numbers"
			    " (code points)", item);
			goto out;
		}
		spans[i].item = i + 1;
		if (spans[i].start < 0 || spans[i].start >= spans[i].end) {
			fail(c, "%sneeds 0 <= start < end, not %lld..%lld",
			    item, spans[i].start, spans[i].end);
			goto out;
		}
		if (spans[i].end > len) {
			fail(c, "%s%lld..%lld is outside the text (%lld code"
			    " points)", item, spans[i].start, spans[i].end,
			    len);
			goto out;
		}
		if (check_label(c, json_object_get(e, "label"), item) == -1)
			goto out;
	}
	qsort(spans, n, sizeof *spans, span_cmp);
	for (i = 1; i < n; i++) {
		if (spans[i].start < spans[i - 1].end) {
			fail(c, "spans %zu (%lld..%lld) and %zu (%lld..%lld)"
			    " overlap", spans[i - 1].item, spans[i - 1].start,
			    spans[i - 1].end, spans[i].item, spans[i].start,
			    spans[i].end);
			goto out;
		}
	}
	rc = 0;
out:
	free(spans);
	return rc;
}

/* A coordinate: any number; inside [0, limit] when limit is known. */
static int
coord(struct check *c, json_t *v, const char *item, const char *what,
    int limit, double *out)
{
	if (!json_is_number(v))
		return fail(c, "%s\"%s\" must be a number", item, what);
	*out = json_number_value(v);
	if (!isfinite(*out) || *out < 0)
		return fail(c, "%s\"%s\" is %g, below 0", item, what, *out);
	if (limit > 0 && *out > limit)
		return fail(c, "%s\"%s\" is %g, outside the image (%d)", item,
		    what, *out, limit);
	return 0;
}

static int
check_boxes(struct check *c, json_t *v)
{
	json_t	*e;
	size_t	 i;
	char	 item[32];
	double	 x, y, w, h;

	if (!json_is_array(v))
		return fail(c, "must be a list of boxes");
	if (c->t->text != NULL)
		return fail(c, "boxes need an image task, and this is a text");
	json_array_foreach(v, i, e) {
		snprintf(item, sizeof item, "box %zu: ", i + 1);
		if (!json_is_object(e))
			return fail(c, "%smust be an object {x, y, width,"
			    " height, label}", item);
		if (coord(c, json_object_get(e, "x"), item, "x", c->t->width,
		    &x) == -1 ||
		    coord(c, json_object_get(e, "y"), item, "y", c->t->height,
		    &y) == -1 ||
		    coord(c, json_object_get(e, "width"), item, "width", 0,
		    &w) == -1 ||
		    coord(c, json_object_get(e, "height"), item, "height", 0,
		    &h) == -1)
			return -1;
		if (w <= 0 || h <= 0)
			return fail(c, "%swidth and height must be above 0",
			    item);
		if ((c->t->width > 0 && x + w > c->t->width) ||
		    (c->t->height > 0 && y + h > c->t->height))
			return fail(c, "%sreaches outside the image (%dx%d)",
			    item, c->t->width, c->t->height);
		if (check_label(c, json_object_get(e, "label"), item) == -1)
			return -1;
	}
	return 0;
}

static int
check_polygons(struct check *c, json_t *v)
{
	json_t	*e, *pts, *pt;
	size_t	 i, j;
	char	 item[32], pitem[64];
	double	 x, y;

	if (!json_is_array(v))
		return fail(c, "must be a list of polygons");
	if (c->t->text != NULL)
		return fail(c, "polygons need an image task, and this is a"
		    " text");
	json_array_foreach(v, i, e) {
		snprintf(item, sizeof item, "polygon %zu: ", i + 1);
		if (!json_is_object(e))
			return fail(c, "%smust be an object {points, label}",
			    item);
		pts = json_object_get(e, "points");
		if (!json_is_array(pts) || json_array_size(pts) < 3)
			return fail(c, "%s\"points\" must be a list of at least"
			    " three [x, y]", item);
		json_array_foreach(pts, j, pt) {
			if (!json_is_array(pt) || json_array_size(pt) != 2)
				return fail(c, "%spoint %zu must be [x, y]",
				    item, j + 1);
			snprintf(pitem, sizeof pitem, "polygon %zu point %zu: ",
			    i + 1, j + 1);
			if (coord(c, json_array_get(pt, 0), pitem, "x",
			    c->t->width, &x) == -1 ||
			    coord(c, json_array_get(pt, 1), pitem, "y",
			    c->t->height, &y) == -1)
				return -1;
		}
		if (check_label(c, json_object_get(e, "label"), item) == -1)
			return -1;
	}
	return 0;
}

static int
check_control(struct check *c, const char *key, json_t *result, json_t *v)
{
	long long	n;

	switch (c->ctl->kind) {
	case CONTROL_CHOICE:
		if (json_is_string(v)) {
			if (check_label(c, v, "") == -1)
				return -1;
			/* Normalised: a choice is always a list. */
			json_object_set_new(result, key, json_pack("[O]", v));
			return 0;
		}
		return check_labels(c, v, 0);
	case CONTROL_MULTICHOICE:
		return check_labels(c, v, 1);
	case CONTROL_SPANS:
		return check_spans(c, v);
	case CONTROL_BOXES:
		return check_boxes(c, v);
	case CONTROL_POLYGONS:
		return check_polygons(c, v);
	case CONTROL_TEXT:
		if (!json_is_string(v))
			return fail(c, "must be a string");
		return 0;
	case CONTROL_RATING:
		if (whole(v, &n) == -1)
			return fail(c, "must be a whole number");
		if (n < 1 || n > (c->ctl->max > 0 ? c->ctl->max : 5))
			return fail(c, "%lld is not from 1 to %d", n,
			    c->ctl->max > 0 ? c->ctl->max : 5);
		return 0;
	case CONTROL__COUNT:
		break;
	}
	return fail(c, "unknown control kind");
}

int
result_check(const struct config *cfg, json_t *result, struct result_task *t,
    int flags, char *err, size_t errlen)
{
	struct check	 c = { cfg, NULL, t, flags, err, errlen };
	const char	*key;
	json_t		*v;
	void		*tmp;

	err[0] = '\0';
	if (!json_is_object(result)) {
		snprintf(err, errlen, "a result must be an object keyed by"
		    " control name");
		return -1;
	}
	json_object_foreach_safe(result, tmp, key, v) {
		if ((c.ctl = config_control(cfg, key)) == NULL) {
			snprintf(err, errlen, "unknown control '%s' (the"
			    " project has: ", key);
			for (size_t i = 0; i < cfg->ncontrols; i++) {
				size_t n = strlen(err);
				snprintf(err + n, errlen - n, "%s%s", i ? ", " :
				    "", cfg->controls[i].name);
			}
			if (strlen(err) + 2 < errlen)
				strcat(err, ")");
			return -1;
		}
		if (check_control(&c, key, result, v) == -1)
			return -1;
	}
	return 0;
}
