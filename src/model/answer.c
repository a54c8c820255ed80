/* The typed answer (see answer.h): the container of values, loading and
 * emitting a whole result, the checks that need all controls, and the
 * helpers each kind's file shares. What a kind does with its own value is
 * in model/kind_<name>.c, reached through its row in model/kind.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/kind_ops.h"
#include "util/xmalloc.h"

static const struct kind_ops *
ops_of(const struct ans_value *v)
{
	return control_kind_ops(v->control->kind);
}

struct answer *
answer_new(const struct config *cfg, struct answer_task *task)
{
	struct answer	*a = xcalloc(1, sizeof *a);
	size_t		 i;

	a->cfg = cfg;
	a->task = task;
	a->n = cfg->ncontrols;
	a->v = xcalloc(a->n ? a->n : 1, sizeof *a->v);
	for (i = 0; i < a->n; i++) {
		a->v[i].control = &cfg->controls[i];
		a->v[i].chosen = xcalloc(cfg->controls[i].nlabels + 1, 1);
	}
	a->extra = json_object();
	return a;
}

static void
value_clear(struct ans_value *v)
{
	ops_of(v)->clear(v);
	v->present = 0;
}

void
answer_clear(struct answer *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		value_clear(&a->v[i]);
	json_object_clear(a->extra);
}

void
answer_free(struct answer *a)
{
	size_t	i;

	if (a == NULL)
		return;
	answer_clear(a);
	for (i = 0; i < a->n; i++) {
		free(a->v[i].chosen);
		free(a->v[i].text);
		free(a->v[i].spans);
		free(a->v[i].boxes);
		free(a->v[i].shapes);
	}
	free(a->v);
	json_decref(a->extra);
	free(a);
}

struct ans_value *
answer_value(struct answer *a, const char *name)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i].control->name, name) == 0)
			return &a->v[i];
	return NULL;
}

/* "unknown control 'x' (the project has: a, b)". */
static void
unknown_control(const struct config *cfg, const char *key, char *err,
    size_t errlen)
{
	size_t	i, n;

	snprintf(err, errlen, "unknown control '%s' (the project has: ", key);
	for (i = 0; i < cfg->ncontrols; i++) {
		n = strlen(err);
		snprintf(err + n, errlen - n, "%s%s", i ? ", " : "",
		    cfg->controls[i].name);
	}
	n = strlen(err);
	snprintf(err + n, errlen - n, ")");
}

/* Loads result into a; strict unless ld->lenient. 0 or -1. */
static int
load(struct answer *a, const json_t *result, struct ans_load *ld)
{
	struct ans_value	*v;
	const char		*key;
	json_t			*value;

	answer_clear(a);
	if (!json_is_object(result)) {
		if (ld->lenient) {
			ld->dropped += result != NULL && !json_is_null(result);
			return 0;
		}
		snprintf(ld->err, ld->errlen, "a result must be an object keyed"
		    " by control name");
		return -1;
	}
	json_object_foreach((json_t *)result, key, value) {
		if ((v = answer_value(a, key)) == NULL) {
			if (ld->lenient) {
				json_object_set(a->extra, key, value);
				continue;
			}
			unknown_control(a->cfg, key, ld->err, ld->errlen);
			return -1;
		}
		ld->control = v->control;
		ld->task = a->task;
		if (ops_of(v)->load(ld, v, value) == -1)
			return -1;
		v->present = 1;
	}
	return 0;
}

int
answer_load(struct answer *a, const json_t *result, int flags, char *err,
    size_t errlen)
{
	struct ans_load	ld = { NULL, NULL, flags, 0, 0, err, errlen };

	err[0] = '\0';
	return load(a, result, &ld);
}

size_t
answer_load_lenient(struct answer *a, const json_t *result)
{
	char		err[8];
	struct ans_load	ld = { NULL, NULL, ANSWER_ALLOW_RETIRED, 1, 0, err,
			    sizeof err };

	load(a, result, &ld);
	return ld.dropped;
}

int
answer_check_in(struct answer *a, json_t *result, struct answer_task *t,
    int flags, char *err, size_t errlen)
{
	json_t	*v;
	size_t	 i;
	int	 rc;

	a->task = t;
	rc = answer_load(a, result, flags | ANS_CHECK_ONLY, err, errlen);
	/* A bare choice string is kept as a one-label list. */
	for (i = 0; rc == 0 && i < a->n; i++)
		if (a->v[i].control->kind == CONTROL_CHOICE &&
		    json_is_string(v = json_object_get(result,
		    a->v[i].control->name)))
			json_object_set_new(result, a->v[i].control->name,
			    json_pack("[O]", v));
	/* Nothing of result held past the check. */
	answer_clear(a);
	return rc;
}

int
answer_check(const struct config *cfg, json_t *result, struct answer_task *t,
    int flags, char *err, size_t errlen)
{
	struct answer	*a = answer_new(cfg, t);
	int		 rc;

	rc = answer_check_in(a, result, t, flags, err, errlen);
	answer_free(a);
	return rc;
}

int
ans_value_empty(const struct ans_value *v)
{
	return ops_of(v)->empty(v);
}

/* 1 when a value of this control is written as [] when empty: regions the
 * task can hold, and a multichoice that allows none. */
static int
empty_is_answer(const struct ans_value *v, const struct answer_task *t)
{
	const struct control	*c = v->control;
	int			 flags = control_kind_flags(c->kind);

	if (c->retired || t == NULL)
		return 0;
	if (c->kind == CONTROL_MULTICHOICE)
		return c->allow_empty;
	if (flags & KIND_NEEDS_TEXT)
		return t->text != NULL;
	if (flags & KIND_NEEDS_IMAGE)
		return t->text == NULL;
	return 0;
}

json_t *
answer_value_emit(const struct ans_value *v, const struct answer_task *t)
{
	if (!ops_of(v)->empty(v))
		return ops_of(v)->emit(v);
	if (empty_is_answer(v, t) || (v->present &&
	    (control_kind_flags(v->control->kind) & KIND_REGIONS)))
		return json_array();
	return NULL;
}

json_t *
answer_emit(const struct answer *a)
{
	json_t		*result = json_object(), *v;
	const char	*key;
	size_t		 i;

	for (i = 0; i < a->n; i++)
		if ((v = answer_value_emit(&a->v[i], a->task)) != NULL)
			json_object_set_new(result, a->v[i].control->name, v);
	json_object_foreach(a->extra, key, v)
		json_object_set(result, key, v);
	return result;
}

const struct ans_value *
answer_missing(const struct answer *a)
{
	const struct control	*c;
	size_t			 i;

	for (i = 0; i < a->n; i++) {
		c = a->v[i].control;
		if (c->retired || !(control_kind_flags(c->kind) & KIND_VALUE))
			continue;
		if (c->kind == CONTROL_MULTICHOICE && c->allow_empty)
			continue;
		if (ans_value_empty(&a->v[i]))
			return &a->v[i];
	}
	return NULL;
}

int
ans_value_equal(const struct ans_value *x, const struct ans_value *y)
{
	if (x->control->kind != y->control->kind)
		return 0;
	if (ops_of(x)->empty(x) || ops_of(y)->empty(y))
		return ops_of(x)->empty(x) && ops_of(y)->empty(y);
	return ops_of(x)->equal(x, y);
}

int
answer_equal(const struct answer *x, const struct answer *y)
{
	size_t	i;

	if (x->n != y->n)
		return 0;
	for (i = 0; i < x->n; i++)
		if (!ans_value_equal(&x->v[i], &y->v[i]))
			return 0;
	return json_equal(x->extra, y->extra);
}

/* Scoring against a gold answer. */

double
ans_value_score(const struct ans_value *gold, const struct ans_value *got,
    int lenient)
{
	struct ans_match	m;
	double			d;

	if (gold->control->kind != got->control->kind)
		return 0;
	if (!got->present && !ans_value_empty(gold))
		return 0;
	switch (gold->control->kind) {
	case CONTROL_MULTICHOICE:
		return ans_jaccard(gold, got);
	case CONTROL_SPANS:
		ans_spans_match(gold, got, lenient ? ANSWER_LENIENT_IOU : 0,
		    &m);
		return m.f1;
	case CONTROL_BOXES:
		ans_boxes_match(gold, got, ANSWER_LENIENT_IOU, &m);
		return m.f1;
	case CONTROL_RATING:
		if (got->rating <= 0 || gold->rating <= 0)
			return gold->rating == got->rating;
		d = gold->rating > got->rating ? gold->rating - got->rating :
		    got->rating - gold->rating;
		return gold->control->max > 1 ?
		    1 - d / (double)(gold->control->max - 1) : d == 0;
	case CONTROL_TEXT:
		if (gold->text == NULL || got->text == NULL)
			return gold->text == got->text;
		return 1 - ans_text_distance(gold->text, got->text);
	default:
		return ans_value_equal(gold, got);
	}
}

size_t
answer_score(const struct answer *gold, const struct answer *got,
    double *strict, double *lenient, json_t *detail)
{
	double	s = 0, l = 0, vs, vl;
	size_t	i, n = 0;
	json_t	*o;

	for (i = 0; i < gold->n && i < got->n; i++) {
		if (!gold->v[i].present)
			continue;
		vs = ans_value_score(&gold->v[i], &got->v[i], 0);
		vl = ans_value_score(&gold->v[i], &got->v[i], 1);
		s += vs;
		l += vl;
		n++;
		if (detail != NULL) {
			o = json_object();
			json_object_set_new(o, "strict", json_real(vs));
			json_object_set_new(o, "lenient", json_real(vl));
			json_object_set_new(detail, gold->v[i].control->name,
			    o);
		}
	}
	*strict = n > 0 ? s / (double)n : 0;
	*lenient = n > 0 ? l / (double)n : 0;
	return n;
}

/* Uses of a config. */

void
answer_uses_init(struct answer_uses *u, const struct config *cfg)
{
	size_t	i;

	u->cfg = cfg;
	u->control = xcalloc(cfg->ncontrols + 1, sizeof *u->control);
	u->label = xcalloc(cfg->ncontrols + 1, sizeof *u->label);
	for (i = 0; i < cfg->ncontrols; i++)
		u->label[i] = xcalloc(cfg->controls[i].nlabels + 1,
		    sizeof *u->label[i]);
}

struct seen_labels {
	unsigned char	*seen;
	int64_t		*count;
};

static void
count_label(int label, void *arg)
{
	struct seen_labels	*s = arg;

	/* Once per result, however often the result uses it. */
	if (!s->seen[label]) {
		s->seen[label] = 1;
		s->count[label]++;
	}
}

void
answer_uses_add(struct answer_uses *u, const json_t *result)
{
	struct answer		*a = answer_new(u->cfg, NULL);
	struct seen_labels	 s;
	size_t			 i;

	answer_load_lenient(a, result);
	for (i = 0; i < a->n; i++) {
		if (!a->v[i].present)
			continue;
		u->control[i]++;
		s.seen = xcalloc(a->v[i].control->nlabels + 1, 1);
		s.count = u->label[i];
		ops_of(&a->v[i])->labels(&a->v[i], count_label, &s);
		free(s.seen);
	}
	answer_free(a);
}

void
answer_uses_release(struct answer_uses *u)
{
	size_t	i;

	for (i = 0; u->cfg != NULL && i < u->cfg->ncontrols; i++)
		free(u->label[i]);
	free(u->label);
	free(u->control);
	memset(u, 0, sizeof *u);
}

/* What the kinds' files share. */

int
ans_fail(struct ans_load *ld, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (ld->lenient) {
		ld->dropped++;
		return -1;
	}
	n = snprintf(ld->err, ld->errlen, "\"%s\": ", ld->control->name);
	if (n < 0 || (size_t)n >= ld->errlen)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The label v names, when it is one the load takes; else NULL. */
static const struct label *
label_taken(const struct ans_load *ld, const json_t *v)
{
	const struct label	*l;

	if (!json_is_string(v) ||
	    (l = control_label(ld->control, json_string_value(v))) == NULL ||
	    (l->retired && !(ld->flags & ANSWER_ALLOW_RETIRED)))
		return NULL;
	return l;
}

int
ans_label_at(struct ans_load *ld, const json_t *v, const char *what,
    size_t n)
{
	const struct label	*l;
	char			 item[48];

	if ((l = label_taken(ld, v)) != NULL)
		return (int)(l - ld->control->labels);
	snprintf(item, sizeof item, "%s %zu: ", what, n);
	return ans_label(ld, v, item);
}

int
ans_label(struct ans_load *ld, const json_t *v, const char *item)
{
	const struct label	*l;
	const char		*name;

	if (!json_is_string(v))
		return ans_fail(ld, "%sa label must be a string", item);
	name = json_string_value(v);
	if ((l = control_label(ld->control, name)) == NULL)
		return ans_fail(ld, "%sunknown label '%s'", item, name);
	if (l->retired && !(ld->flags & ANSWER_ALLOW_RETIRED))
		return ans_fail(ld, "%slabel '%s' is retired", item, name);
	return (int)(l - ld->control->labels);
}

int
ans_whole(const json_t *v, long long *out)
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

json_t *
ans_more(json_t *item, const char *const *own)
{
	const char	*k;
	json_t		*v, *more = NULL;
	size_t		 i;

	json_object_foreach(item, k, v) {
		for (i = 0; own[i] != NULL && strcmp(own[i], k) != 0; i++)
			;
		if (own[i] != NULL)
			continue;
		if (more == NULL)
			more = json_object();
		json_object_set(more, k, v);
	}
	return more;
}

json_t *
ans_number(double d)
{
	if (d > -9e15 && d < 9e15 && d == floor(d))
		return json_integer((json_int_t)d);
	return json_real(d);
}

void
ans_add_more(json_t *o, const json_t *more)
{
	if (more != NULL)
		json_object_update_missing(o, (json_t *)more);
}

int
ans_more_equal(const json_t *a, const json_t *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return json_equal((json_t *)a, (json_t *)b);
}

int
ans_coord(struct ans_load *ld, const json_t *v, const char *item,
    const char *what, int limit, double *out)
{
	if (!json_is_number(v))
		return ans_fail(ld, "%s\"%s\" must be a number", item, what);
	*out = json_number_value(v);
	if (!isfinite(*out) || *out < 0)
		return ans_fail(ld, "%s\"%s\" is %g, below 0", item, what,
		    *out);
	if (limit > 0 && *out > limit)
		return ans_fail(ld, "%s\"%s\" is %g, outside the image (%d)",
		    item, what, *out, limit);
	return 0;
}

json_t *
ans_label_json(const struct ans_value *v, int label)
{
	return json_string(v->control->labels[label].name);
}
