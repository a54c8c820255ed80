/* Consensus of one task's answers (see consensus.h). Each kind's vote is
 * a function of its own over the voters' values; the result is built in
 * an answer of the same config, so that the answer model writes it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/config.h"
#include "quality/consensus.h"
#include "util/xmalloc.h"

size_t
consensus_k(int consensus_min, size_t n)
{
	if (consensus_min > 0)
		return (size_t)consensus_min;
	return n / 2 + 1;
}

/* The values of control i that have something to say. */
static size_t
voters_of(struct answer *const *ans, size_t n, size_t i,
    const struct ans_value **out)
{
	const struct ans_value	*v;
	size_t			 j, m = 0;

	for (j = 0; j < n; j++) {
		v = &ans[j]->v[i];
		if (v->present || !ans_value_empty(v))
			out[m++] = v;
	}
	return m;
}

static void
vote_choice(const struct ans_value **v, size_t m, struct ans_value *res,
    struct cons_control *cc)
{
	size_t	nl = res->control->nlabels, l, j, best = 0, top = 0, ties = 0;
	size_t	count;

	for (l = 0; l < nl; l++) {
		for (count = 0, j = 0; j < m; j++)
			count += v[j]->chosen[l] != 0;
		if (count > top) {
			top = count;
			best = l;
			ties = 0;
		} else if (count == top && count > 0)
			ties++;
	}
	cc->has_agreement = 1;
	cc->agreement = (double)top / (double)m;
	if (top == 0 || ties > 0) {
		cc->outcome = CONS_SPLIT;
		return;
	}
	res->chosen[best] = 1;
	res->present = 1;
	cc->outcome = CONS_AGREED;
}

static void
vote_multichoice(const struct ans_value **v, size_t m,
    struct ans_value *res, struct cons_control *cc)
{
	size_t	nl = res->control->nlabels, l, j, count, used = 0;
	double	sum = 0;

	cc->outcome = CONS_AGREED;
	for (l = 0; l < nl; l++) {
		for (count = 0, j = 0; j < m; j++)
			count += v[j]->chosen[l] != 0;
		if (count == 0)
			continue;
		used++;
		sum += (double)(count * 2 > m ? count : m - count) /
		    (double)m;
		if (count * 2 == m)
			cc->outcome = CONS_SPLIT;
		else if (count * 2 > m)
			res->chosen[l] = 1;
	}
	cc->has_agreement = 1;
	cc->agreement = used > 0 ? sum / (double)used : 1.0;
	if (cc->outcome == CONS_AGREED)
		res->present = 1;
	else
		memset(res->chosen, 0, nl);
}

struct voted_span {
	size_t	start, end;
	int	label;
	size_t	votes;
};

static int
by_place(const void *x, const void *y)
{
	const struct voted_span *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return (a->label > b->label) - (a->label < b->label);
}

/* More votes first; then by place, so that the result is the same
 * whatever order the annotations came in. */
static int
by_votes(const void *x, const void *y)
{
	const struct voted_span *a = x, *b = y;

	if (a->votes != b->votes)
		return a->votes > b->votes ? -1 : 1;
	return by_place(x, y);
}

/* Insertion: a task's spans are a handful, and qsort's setup cost more
 * than the sort in a walk of a million tasks. */
static void
sort_spans(struct voted_span *s, size_t n,
    int (*cmp)(const void *, const void *))
{
	struct voted_span	t;
	size_t			i, k;

	for (i = 1; i < n; i++) {
		t = s[i];
		for (k = i; k > 0 && cmp(&s[k - 1], &t) > 0; k--)
			s[k] = s[k - 1];
		s[k] = t;
	}
}

/* The strict F1 of two annotators' spans, as model/answer.h's
 * ans_spans_match with min_iou 0 counts it (each span of x takes the
 * first unused span of y with its start, end and label), with the marks
 * on the stack: that one allocates per call, twice per task of a walk. */
static double
strict_f1(const struct ans_value *x, const struct ans_value *y)
{
	unsigned char		used[64];
	struct ans_match	match;
	size_t			i, j, matched = 0;

	if (y->nspans > sizeof used) {
		ans_spans_match(x, y, 0, &match);
		return match.f1;
	}
	memset(used, 0, y->nspans);
	for (i = 0; i < x->nspans; i++)
		for (j = 0; j < y->nspans; j++)
			if (!used[j] && x->spans[i].label == y->spans[j].label &&
			    x->spans[i].start == y->spans[j].start &&
			    x->spans[i].end == y->spans[j].end) {
				used[j] = 1;
				matched++;
				break;
			}
	return x->nspans + y->nspans == 0 ? 1.0 :
	    2.0 * (double)matched / (double)(x->nspans + y->nspans);
}

static void
vote_spans(const struct ans_value **v, size_t m, int consensus_min,
    struct ans_value *res, struct cons_control *cc)
{
	struct voted_span	 few[32], *s = few;
	size_t			 ns = 0, all = 0, i, j, u = 0, pairs = 0;
	size_t			 k = consensus_k(consensus_min, m);
	double			 f1 = 0;

	for (j = 0; j < m; j++)
		all += v[j]->nspans;
	if (all > ARRAY_SIZE(few))
		s = xcalloc(all, sizeof *s);
	for (j = 0; j < m; j++)
		for (i = 0; i < v[j]->nspans; i++) {
			s[ns].start = v[j]->spans[i].start;
			s[ns].end = v[j]->spans[i].end;
			s[ns].label = v[j]->spans[i].label;
			s[ns++].votes = 1;
		}
	sort_spans(s, ns, by_place);
	/* An annotator's spans never overlap, so the same span twice is
	 * two annotators. */
	for (i = 0; i < ns; i++) {
		if (u > 0 && by_place(&s[u - 1], &s[i]) == 0) {
			s[u - 1].votes++;
			continue;
		}
		s[u++] = s[i];
	}
	sort_spans(s, u, by_votes);
	cc->outcome = CONS_AGREED;
	for (i = 0; i < u; i++) {
		if (s[i].votes < k) {
			cc->outcome = CONS_SPLIT;
			continue;
		}
		/* With k at half or below two agreed spans may overlap:
		 * the one with more votes stays, and the other is a
		 * disagreement. */
		if (ans_span_overlapping(res, s[i].start, s[i].end) <
		    res->nspans) {
			cc->outcome = CONS_SPLIT;
			continue;
		}
		ans_span_put(res, s[i].start, s[i].end, s[i].label);
	}
	if (s != few)
		free(s);
	if (cc->outcome == CONS_AGREED)
		res->present = 1;
	else
		res->nspans = 0;
	for (i = 0; i < m; i++)
		for (j = i + 1; j < m; j++) {
			f1 += strict_f1(v[i], v[j]);
			pairs++;
		}
	cc->has_agreement = 1;
	cc->agreement = pairs > 0 ? f1 / (double)pairs : 1.0;
}

static int
by_int(const void *x, const void *y)
{
	int	a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

static void
vote_rating(const struct ans_value **v, size_t m, struct ans_value *res,
    struct cons_control *cc)
{
	int	 few[16], *r = m > ARRAY_SIZE(few) ? xcalloc(m, sizeof *r) : few;
	double	 mean = 0, dev = 0;
	size_t	 j;
	int	 max = res->control->max;

	for (j = 0; j < m; j++) {
		r[j] = v[j]->rating;
		mean += r[j];
	}
	mean /= (double)m;
	for (j = 0; j < m; j++)
		dev += fabs(r[j] - mean);
	dev /= (double)m;
	qsort(r, m, sizeof *r, by_int);
	res->rating = r[(m - 1) / 2];
	res->present = 1;
	if (r != few)
		free(r);
	cc->outcome = CONS_AGREED;
	cc->has_agreement = 1;
	cc->agreement = max > 1 ? 1.0 - dev / (double)(max - 1) : 1.0;
}

void
consensus_compute(const struct config *cfg, struct answer *const *ans,
    size_t n, int consensus_min, struct consensus *out)
{
	const struct ans_value	 *few[16], **v = few;
	struct answer_task	 *task = n > 0 ? ans[0]->task : NULL;
	struct cons_control	 *cc;
	struct ans_value	 *res;
	size_t			  i, m, scored = 0;
	double			  sum = 0;

	/* The last task's result is reused: a walk over a million tasks
	 * allocates nothing per task. */
	if (out->result != NULL && out->result->cfg == cfg) {
		answer_clear(out->result);
		out->result->task = task;
		memset(out->c, 0, (out->n ? out->n : 1) * sizeof *out->c);
	} else {
		consensus_release(out);
		out->result = answer_new(cfg, task);
		out->n = cfg->ncontrols;
		out->c = xcalloc(out->n ? out->n : 1, sizeof *out->c);
	}
	out->annotators = n;
	out->agreed = 1;
	if (n > ARRAY_SIZE(few))
		v = xcalloc(n, sizeof *v);
	for (i = 0; i < out->n; i++) {
		cc = &out->c[i];
		res = &out->result->v[i];
		cc->voters = m = voters_of(ans, n, i, v);
		if (m == 0) {
			cc->outcome = CONS_EMPTY;
			continue;
		}
		switch (cfg->controls[i].kind) {
		case CONTROL_CHOICE:
			vote_choice(v, m, res, cc);
			break;
		case CONTROL_MULTICHOICE:
			vote_multichoice(v, m, res, cc);
			break;
		case CONTROL_SPANS:
			vote_spans(v, m, consensus_min, res, cc);
			break;
		case CONTROL_RATING:
			vote_rating(v, m, res, cc);
			break;
		default:
			cc->outcome = CONS_NO_RULE;
			break;
		}
		if (cc->outcome == CONS_SPLIT || cc->outcome == CONS_NO_RULE)
			out->agreed = 0;
		if (cc->has_agreement) {
			sum += cc->agreement;
			scored++;
		}
	}
	if (v != few)
		free(v);
	out->has_agreement = scored > 0;
	out->agreement = scored > 0 ? sum / (double)scored : 0;
}

void
consensus_release(struct consensus *c)
{
	answer_free(c->result);
	free(c->c);
	memset(c, 0, sizeof *c);
}

json_t *
consensus_emit(const struct consensus *c)
{
	json_t	*result = json_object(), *v;
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (c->c[i].outcome == CONS_AGREED && (v =
		    answer_value_emit(&c->result->v[i], c->result->task)) !=
		    NULL)
			json_object_set_new(result,
			    c->result->v[i].control->name, v);
	return result;
}

double
consensus_pair(const struct answer *a, const struct answer *b)
{
	const struct ans_value	*x, *y;
	double			 sum = 0;
	size_t			 i, n = 0;
	int			 max;

	for (i = 0; i < a->n && i < b->n; i++) {
		x = &a->v[i];
		y = &b->v[i];
		if ((!x->present && ans_value_empty(x)) ||
		    (!y->present && ans_value_empty(y)))
			continue;
		switch (x->control->kind) {
		case CONTROL_CHOICE:
			sum += ans_value_equal(x, y);
			break;
		case CONTROL_MULTICHOICE:
			sum += ans_jaccard(x, y);
			break;
		case CONTROL_SPANS:
			sum += strict_f1(x, y);
			break;
		case CONTROL_RATING:
			max = x->control->max;
			sum += max > 1 ? 1.0 - fabs((double)(x->rating -
			    y->rating)) / (double)(max - 1) : 1.0;
			break;
		default:
			continue;
		}
		n++;
	}
	return n > 0 ? sum / (double)n : -1;
}
