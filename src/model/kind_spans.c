/* Spans: labelled ranges of a text task, in code points, never
 * overlapping (see answer.h for their JSON), and the operations the
 * labeler edits them with. Kept sorted by start. */
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/kind_ops.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static const char *const own_keys[] = { "start", "end", "label", NULL };

static void
spans_clear(struct ans_value *v)
{
	while (v->nspans > 0)
		json_decref(v->spans[--v->nspans].more);
}

static int
spans_empty(const struct ans_value *v)
{
	return v->nspans == 0;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct ans_span	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* The task's length in code points, counted once. */
static size_t
text_length(struct answer_task *t)
{
	if (!t->have_ncp) {
		t->ncp = utf8_count(t->text, t->text_len);
		t->have_ncp = 1;
	}
	return t->ncp;
}

/* Reads item i into *sp (more not yet set); 0, or -1 after ans_fail.
 * Its messages name it "span i + 1: ", written only for a message. */
static int
load_span(struct ans_load *ld, json_t *e, size_t i, struct ans_span *sp)
{
	long long	s, en, len;

	if (!json_is_object(e))
		return ans_fail(ld, "span %zu: must be an object {start, end,"
		    " label}", i + 1);
	if (ans_whole(json_object_get(e, "start"), &s) == -1 ||
	    ans_whole(json_object_get(e, "end"), &en) == -1)
		return ans_fail(ld, "span %zu: \"start\" and \"end\" must be"
		    " whole numbers (code points)", i + 1);
	if (s < 0 || s >= en)
		return ans_fail(ld, "span %zu: needs 0 <= start < end, not"
		    " %lld..%lld", i + 1, s, en);
	if (ld->task != NULL && en > (len = (long long)text_length(ld->task)))
		return ans_fail(ld, "span %zu: %lld..%lld is outside the text"
		    " (%lld code points)", i + 1, s, en, len);
	if ((sp->label = ans_label_at(ld, json_object_get(e, "label"), "span",
	    i + 1)) < 0)
		return -1;
	sp->start = (size_t)s;
	sp->end = (size_t)en;
	return 0;
}

static int
spans_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	struct ans_span	 sp;
	size_t		*item, i, n;
	json_t		*e;
	int		 rc = 0;

	if (!json_is_array(j))
		return BAD(ld, "must be a list of spans") ? -1 : 0;
	if (ld->task != NULL && ld->task->text == NULL)
		return BAD(ld, "spans need a text task, and this is an image") ?
		    -1 : 0;
	json_array_foreach(j, i, e) {
		if (load_span(ld, e, i, &sp) == -1) {
			if (!ld->lenient)
				return -1;
			continue;
		}
		sp.more = ld->flags & ANS_CHECK_ONLY ? NULL :
		    ans_more(e, own_keys);
		ARRAY_GROW(v->spans, v->nspans + 1, v->aspans);
		v->spans[v->nspans++] = sp;
	}
	/* Which item each span was, for messages about overlaps. */
	item = xcalloc(v->nspans + 1, sizeof *item);
	for (i = 0; i < v->nspans; i++)
		item[i] = i + 1;
	if (v->nspans > 1) {
		/* Sorted with their item numbers: a pass of insertion, as
		 * results are short and usually in order already. */
		for (i = 1; i < v->nspans; i++) {
			struct ans_span	 t = v->spans[i];
			size_t		 ti = item[i], k = i;

			while (k > 0 && span_cmp(&v->spans[k - 1], &t) > 0) {
				v->spans[k] = v->spans[k - 1];
				item[k] = item[k - 1];
				k--;
			}
			v->spans[k] = t;
			item[k] = ti;
		}
	}
	/* Overlaps: an error, or (lenient) the first of them stays. */
	for (i = n = 0; i < v->nspans; i++) {
		if (n > 0 && v->spans[i].start < v->spans[n - 1].end) {
			rc = ans_fail(ld, "spans %zu (%zu..%zu) and %zu"
			    " (%zu..%zu) overlap", item[n - 1],
			    v->spans[n - 1].start, v->spans[n - 1].end, item[i],
			    v->spans[i].start, v->spans[i].end);
			json_decref(v->spans[i].more);
			if (!ld->lenient)
				break;
			rc = 0;
			continue;
		}
		item[n] = item[i];
		v->spans[n++] = v->spans[i];
	}
	if (rc == -1) {
		/* The rest after a strict refusal still hold references. */
		for (i++; i < v->nspans; i++)
			json_decref(v->spans[i].more);
	}
	v->nspans = n;
	free(item);
	return rc;
}

static json_t *
spans_emit(const struct ans_value *v)
{
	json_t	*a = json_array(), *o;
	size_t	 i;

	for (i = 0; i < v->nspans; i++) {
		o = json_pack("{s:I, s:I, s:o}", "start",
		    (json_int_t)v->spans[i].start, "end",
		    (json_int_t)v->spans[i].end, "label",
		    ans_label_json(v, v->spans[i].label));
		ans_add_more(o, v->spans[i].more);
		json_array_append_new(a, o);
	}
	return a;
}

static int
spans_equal(const struct ans_value *a, const struct ans_value *b)
{
	size_t	i;

	if (a->nspans != b->nspans)
		return 0;
	for (i = 0; i < a->nspans; i++)
		if (a->spans[i].start != b->spans[i].start ||
		    a->spans[i].end != b->spans[i].end ||
		    a->spans[i].label != b->spans[i].label)
			return 0;
	return 1;
}

static void
spans_labels(const struct ans_value *v, void (*fn)(int, void *), void *arg)
{
	size_t	i;

	for (i = 0; i < v->nspans; i++)
		fn(v->spans[i].label, arg);
}

/* Intersection over union of two code-point ranges. */
static double
range_iou(const struct ans_span *a, const struct ans_span *b)
{
	size_t	lo = a->start > b->start ? a->start : b->start;
	size_t	hi = a->end < b->end ? a->end : b->end;
	size_t	inter = hi > lo ? hi - lo : 0;
	size_t	uni = (a->end - a->start) + (b->end - b->start) - inter;

	return uni == 0 ? 0 : (double)inter / (double)uni;
}

void
ans_spans_match(const struct ans_value *a, const struct ans_value *b,
    double min_iou, struct ans_match *m)
{
	unsigned char	*used = xcalloc(b->nspans + 1, 1);
	size_t		 i, j, best;
	double		 iou, best_iou;

	m->a = a->nspans;
	m->b = b->nspans;
	m->matched = 0;
	/* Each span of a takes the unused span of b it fits best. */
	for (i = 0; i < a->nspans; i++) {
		best = b->nspans;
		best_iou = 0;
		for (j = 0; j < b->nspans; j++) {
			if (used[j] || a->spans[i].label != b->spans[j].label)
				continue;
			if (min_iou <= 0) {
				if (a->spans[i].start == b->spans[j].start &&
				    a->spans[i].end == b->spans[j].end) {
					best = j;
					break;
				}
				continue;
			}
			iou = range_iou(&a->spans[i], &b->spans[j]);
			if (iou >= min_iou && iou > best_iou) {
				best = j;
				best_iou = iou;
			}
		}
		if (best < b->nspans) {
			used[best] = 1;
			m->matched++;
		}
	}
	m->f1 = m->a + m->b == 0 ? 1.0 :
	    2.0 * (double)m->matched / (double)(m->a + m->b);
	free(used);
}

size_t
ans_span_overlapping(const struct ans_value *v, size_t s, size_t e)
{
	size_t	lo = 0, hi = v->nspans, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->spans[mid].end > s)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo < v->nspans && v->spans[lo].start < e)
		return lo;
	return v->nspans;
}

size_t
ans_span_put(struct ans_value *v, size_t s, size_t e, int label)
{
	size_t	i, j;

	i = ans_span_overlapping(v, s, e);
	for (j = i; j < v->nspans && v->spans[j].start < e; j++)
		json_decref(v->spans[j].more);
	if (i == v->nspans) {
		/* None overlaps: insert before the first that starts after. */
		for (i = 0; i < v->nspans && v->spans[i].start < s; i++)
			;
		j = i;
	}
	if (j == i) {
		ARRAY_GROW(v->spans, v->nspans + 1, v->aspans);
		memmove(v->spans + i + 1, v->spans + i,
		    (v->nspans - i) * sizeof *v->spans);
		v->nspans++;
	} else if (j > i + 1) {
		memmove(v->spans + i + 1, v->spans + j,
		    (v->nspans - j) * sizeof *v->spans);
		v->nspans -= j - i - 1;
	}
	v->spans[i].start = s;
	v->spans[i].end = e;
	v->spans[i].label = label;
	v->spans[i].more = NULL;
	return j > i ? j - i : 0;
}

void
ans_span_delete(struct ans_value *v, size_t i)
{
	json_decref(v->spans[i].more);
	memmove(v->spans + i, v->spans + i + 1,
	    (v->nspans - i - 1) * sizeof *v->spans);
	v->nspans--;
}

const struct kind_ops kind_spans_ops = {
	.load = spans_load,
	.emit = spans_emit,
	.equal = spans_equal,
	.empty = spans_empty,
	.clear = spans_clear,
	.labels = spans_labels,
};
