/* Agreement figures (see agreement.h). The formulas are the published
 * ones, written as sums over units so that each figure is one pass over
 * the matrix plus a sort of its values:
 *
 * - Krippendorff's alpha: 1 - (n - 1) Do / De, where Do sums, over the
 *   pairable units, the squared differences of each ordered pair of the
 *   unit's values divided by m_u - 1, and De sums them over every pair of
 *   all n pairable values (Krippendorff 2011, "Computing Krippendorff's
 *   Alpha-Reliability", the coincidence matrix written out). Nominal:
 *   a pair differs by 1 or 0, so a unit's sum is m_u^2 - sum of its
 *   category counts squared. Interval: sum (v_i - v_j)^2 over ordered
 *   pairs = 2 m sum v^2 - 2 (sum v)^2.
 * - Fleiss' kappa: (P - Pe) / (1 - Pe) with P the mean over units of
 *   (sum n_ij^2 - n) / (n (n - 1)) and Pe the sum of the squared shares of
 *   each category (Fleiss 1971).
 * - Cohen's kappa: (po - pe) / (1 - pe), pe the sum over categories of
 *   the two coders' shares multiplied.
 */
#include <stdlib.h>
#include <string.h>

#include "quality/agreement.h"
#include "util/xmalloc.h"

static void
undefined(struct agr_result *r, const char *why)
{
	r->value = 0;
	r->defined = 0;
	r->why = why;
}

static void
defined(struct agr_result *r, double v)
{
	r->value = v;
	r->defined = 1;
	r->why = NULL;
}

static int
by_int(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The unit's values (not missing) into out; their number. */
static size_t
unit_values(const struct agr_matrix *m, size_t u, int *out)
{
	const int	*row = m->v + u * m->coders;
	size_t		 i, n = 0;

	for (i = 0; i < m->coders; i++)
		if (row[i] != AGR_MISSING)
			out[n++] = row[i];
	return n;
}

/* The sum of the squared counts of equal values in v[0..n) (sorted
 * here). */
static double
sum_sq_counts(int *v, size_t n)
{
	double	s = 0;
	size_t	i, j;

	qsort(v, n, sizeof *v, by_int);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && v[j] == v[i]; j++)
			;
		s += (double)(j - i) * (double)(j - i);
	}
	return s;
}

void
agr_percent(const struct agr_matrix *m, struct agr_result *r)
{
	int	*v = xcalloc(m->coders + 1, sizeof *v);
	double	 sum = 0, same, all;
	size_t	 u, k;

	memset(r, 0, sizeof *r);
	for (u = 0; u < m->units; u++) {
		if ((k = unit_values(m, u, v)) < 2)
			continue;
		/* Equal pairs: sum over categories of C(n_c, 2). */
		same = (sum_sq_counts(v, k) - (double)k) / 2;
		all = (double)k * (double)(k - 1) / 2;
		sum += same / all;
		r->units++;
		r->pairs += k * (k - 1) / 2;
	}
	free(v);
	if (r->units == 0)
		undefined(r, "no task has two annotators");
	else
		defined(r, sum / (double)r->units);
}

/* The sum over categories of the counts of c in a times those in b
 * (both sorted here). */
static double
sum_cross_counts(int *a, int *b, size_t n)
{
	double	s = 0;
	size_t	i = 0, j = 0, i2, j2;

	qsort(a, n, sizeof *a, by_int);
	qsort(b, n, sizeof *b, by_int);
	while (i < n && j < n) {
		if (a[i] < b[j]) {
			i++;
			continue;
		}
		if (b[j] < a[i]) {
			j++;
			continue;
		}
		for (i2 = i; i2 < n && a[i2] == a[i]; i2++)
			;
		for (j2 = j; j2 < n && b[j2] == b[j]; j2++)
			;
		s += (double)(i2 - i) * (double)(j2 - j);
		i = i2;
		j = j2;
	}
	return s;
}

void
agr_cohen(const struct agr_matrix *m, size_t a, size_t b,
    struct agr_result *r)
{
	int	*va = xcalloc(m->units + 1, sizeof *va);
	int	*vb = xcalloc(m->units + 1, sizeof *vb);
	size_t	 u, n = 0, agree = 0;
	double	 po, pe;

	memset(r, 0, sizeof *r);
	for (u = 0; u < m->units; u++) {
		int	x = m->v[u * m->coders + a];
		int	y = m->v[u * m->coders + b];

		if (x == AGR_MISSING || y == AGR_MISSING)
			continue;
		agree += x == y;
		va[n] = x;
		vb[n++] = y;
	}
	r->units = r->pairs = n;
	if (a == b)
		undefined(r, "one annotator");
	else if (n == 0)
		undefined(r, "no task labelled by both");
	else {
		po = (double)agree / (double)n;
		pe = sum_cross_counts(va, vb, n) / ((double)n * (double)n);
		if (pe >= 1)
			undefined(r, "both gave one and the same label to"
			    " every task");
		else
			defined(r, (po - pe) / (1 - pe));
	}
	free(va);
	free(vb);
}

void
agr_fleiss(const struct agr_matrix *m, struct agr_result *r)
{
	size_t	*per = xcalloc(m->coders + 1, sizeof *per);
	int	*v = xcalloc(m->coders + 1, sizeof *v);
	int	*all;
	size_t	 u, k, raters = 0, nall = 0, i;
	double	 p = 0, pe;

	memset(r, 0, sizeof *r);
	for (u = 0; u < m->units; u++)
		per[unit_values(m, u, v)]++;
	/* The most common number of raters, two or more (the larger on a
	 * tie). */
	for (k = 2; k <= m->coders; k++)
		if (per[k] > 0 && per[k] >= per[raters])
			raters = k;
	if (raters < 2) {
		undefined(r, "no task has two annotators");
		goto out;
	}
	all = xcalloc(per[raters] * raters + 1, sizeof *all);
	for (u = 0; u < m->units; u++) {
		if (unit_values(m, u, v) != raters)
			continue;
		for (i = 0; i < raters; i++)
			all[nall++] = v[i];
		p += (sum_sq_counts(v, raters) - (double)raters) /
		    ((double)raters * (double)(raters - 1));
		r->units++;
		r->pairs += raters * (raters - 1) / 2;
	}
	p /= (double)r->units;
	pe = sum_sq_counts(all, nall) / ((double)nall * (double)nall);
	free(all);
	if (pe >= 1)
		undefined(r, "every annotator gave one and the same label");
	else
		defined(r, (p - pe) / (1 - pe));
out:
	free(per);
	free(v);
}

void
agr_alpha(const struct agr_matrix *m, enum agr_level level,
    struct agr_result *r)
{
	int	*v = xcalloc(m->coders + 1, sizeof *v);
	int	*all = xcalloc(m->units * m->coders + 1, sizeof *all);
	double	 d_o = 0, d_e, s1 = 0, s2 = 0, u1, u2, n;
	size_t	 u, k, i, nall = 0;

	memset(r, 0, sizeof *r);
	for (u = 0; u < m->units; u++) {
		if ((k = unit_values(m, u, v)) < 2)
			continue;
		r->units++;
		r->pairs += k * (k - 1) / 2;
		if (level == AGR_NOMINAL) {
			for (i = 0; i < k; i++)
				all[nall++] = v[i];
			d_o += ((double)k * (double)k - sum_sq_counts(v, k)) /
			    (double)(k - 1);
			continue;
		}
		u1 = u2 = 0;
		for (i = 0; i < k; i++) {
			u1 += v[i];
			u2 += (double)v[i] * v[i];
		}
		s1 += u1;
		s2 += u2;
		nall += k;
		d_o += (2 * (double)k * u2 - 2 * u1 * u1) / (double)(k - 1);
	}
	n = (double)nall;
	if (level == AGR_NOMINAL)
		d_e = n * n - sum_sq_counts(all, nall);
	else
		d_e = 2 * n * s2 - 2 * s1 * s1;
	free(v);
	free(all);
	if (r->units == 0)
		undefined(r, "no task has two annotators");
	else if (d_e <= 0)
		undefined(r, "every value is the same");
	else
		defined(r, 1 - (n - 1) * d_o / d_e);
}

struct cand {
	double	iou;
	size_t	a, b;
};

static int
by_iou(const void *x, const void *y)
{
	const struct cand	*p = x, *q = y;

	if (p->iou != q->iou)
		return p->iou > q->iou ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* The intersection over union of two character ranges; two equal ranges
 * (an empty one too) are 1. */
static double
iou(const struct agr_span *x, const struct agr_span *y)
{
	int	lo = x->start > y->start ? x->start : y->start;
	int	hi = x->end < y->end ? x->end : y->end;
	int	ulo = x->start < y->start ? x->start : y->start;
	int	uhi = x->end > y->end ? x->end : y->end;

	if (x->start == y->start && x->end == y->end)
		return 1;
	if (hi <= lo || uhi <= ulo)
		return 0;
	return (double)(hi - lo) / (double)(uhi - ulo);
}

void
agr_spans(const struct agr_span *a, size_t na, const struct agr_span *b,
    size_t nb, double iou_min, int label, struct agr_counts *c)
{
	struct cand	*cd = NULL;
	size_t		 n = 0, alloc = 0, i, j, ka = 0, kb = 0, tp = 0;
	char		*used_a = xcalloc(na + 1, 1), *used_b = xcalloc(nb + 1, 1);
	double		 x, min = iou_min > 0 ? iou_min : 1;

	for (i = 0; i < na; i++)
		ka += label < 0 || a[i].label == label;
	for (j = 0; j < nb; j++)
		kb += label < 0 || b[j].label == label;
	for (i = 0; i < na; i++) {
		if (label >= 0 && a[i].label != label)
			continue;
		for (j = 0; j < nb; j++) {
			if (b[j].label != a[i].label)
				continue;
			if ((x = iou(&a[i], &b[j])) < min)
				continue;
			ARRAY_GROW(cd, n + 1, alloc);
			cd[n].iou = x;
			cd[n].a = i;
			cd[n++].b = j;
		}
	}
	if (n > 0)
		qsort(cd, n, sizeof *cd, by_iou);
	for (i = 0; i < n; i++) {
		if (used_a[cd[i].a] || used_b[cd[i].b])
			continue;
		used_a[cd[i].a] = used_b[cd[i].b] = 1;
		tp++;
	}
	c->tp += tp;
	c->fn += ka - tp;
	c->fp += kb - tp;
	free(cd);
	free(used_a);
	free(used_b);
}

void
agr_prf(const struct agr_counts *c, struct agr_result *p,
    struct agr_result *r, struct agr_result *f1)
{
	memset(p, 0, sizeof *p);
	memset(r, 0, sizeof *r);
	memset(f1, 0, sizeof *f1);
	p->pairs = r->pairs = f1->pairs = c->tp + c->fp + c->fn;
	if (c->tp + c->fp == 0)
		undefined(p, "the other marked no span");
	else
		defined(p, (double)c->tp / (double)(c->tp + c->fp));
	if (c->tp + c->fn == 0)
		undefined(r, "the reference marked no span");
	else
		defined(r, (double)c->tp / (double)(c->tp + c->fn));
	if (2 * c->tp + c->fp + c->fn == 0)
		undefined(f1, "neither marked a span");
	else
		defined(f1, 2.0 * (double)c->tp /
		    (double)(2 * c->tp + c->fp + c->fn));
}
