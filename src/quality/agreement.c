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
	struct cand	 few[16], *cd = few;
	size_t		 n = 0, alloc = 16, i, j, ka = 0, kb = 0, tp = 0;
	char		 fa[64], fb[64];
	/* A task's spans are few: no allocation for them (this runs for
	 * every pair of every task). */
	char		*used_a = na < sizeof fa ? fa : xmalloc(na + 1);
	char		*used_b = nb < sizeof fb ? fb : xmalloc(nb + 1);
	double		 x, min = iou_min > 0 ? iou_min : 1;

	memset(used_a, 0, na + 1);
	memset(used_b, 0, nb + 1);

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
			if (n == alloc) {
				alloc *= 2;
				cd = cd == few ? memcpy(xcalloc(alloc,
				    sizeof *cd), few, sizeof few) :
				    xreallocarray(cd, alloc, sizeof *cd);
			}
			cd[n].iou = x;
			cd[n].a = i;
			cd[n++].b = j;
		}
	}
	/* by_iou is a total order (the pairs are distinct): a task's few
	 * candidates sorted in place come out as qsort puts them. */
	if (n > 16)
		qsort(cd, n, sizeof *cd, by_iou);
	else
		for (i = 1; i < n; i++) {
			struct cand	t = cd[i];

			for (j = i; j > 0 && by_iou(&cd[j - 1], &t) > 0; j--)
				cd[j] = cd[j - 1];
			cd[j] = t;
		}
	for (i = 0; i < n; i++) {
		if (used_a[cd[i].a] || used_b[cd[i].b])
			continue;
		used_a[cd[i].a] = used_b[cd[i].b] = 1;
		tp++;
	}
	c->tp += tp;
	c->fn += ka - tp;
	c->fp += kb - tp;
	if (cd != few)
		free(cd);
	if (used_a != fa)
		free(used_a);
	if (used_b != fb)
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

/* The streamed figures (agreement.h, struct agr_acc): the matrix
 * functions' sums, gathered unit by unit. */
struct agr_fk {
	size_t	 units;
	double	 p;		/* the sum of the units' shares */
	size_t	*cat;		/* values per category */
};

void
agr_acc_init(struct agr_acc *a, enum agr_level level, int ncat)
{
	memset(a, 0, sizeof *a);
	a->level = level;
	a->ncat = level == AGR_NOMINAL ? ncat : 0;
	if (a->ncat > 0)
		a->cat = xcalloc((size_t)a->ncat, sizeof *a->cat);
}

void
agr_acc_release(struct agr_acc *a)
{
	size_t	i;

	for (i = 0; i < a->nfk; i++)
		free(a->fk[i].cat);
	for (i = 0; i < a->npair; i++)
		free(a->pair[i]);
	free(a->fk);
	free(a->pair);
	free(a->per);
	free(a->cat);
	free(a->tmp);
	memset(a, 0, sizeof *a);
}

/* Pair (i, j) of coders, i < j, keeps its place as coders are added. */
static size_t
pair_at(size_t i, size_t j)
{
	return j * (j - 1) / 2 + i;
}

/* Grows the per-coder tables to hold coder c. */
static void
acc_coder(struct agr_acc *a, size_t c)
{
	size_t	n;

	if (c < a->coders)
		return;
	a->coders = c + 1;
	if (a->coders > a->nper) {
		n = a->nper;
		ARRAY_GROW(a->per, a->coders, a->nper);
		memset(a->per + n, 0, (a->nper - n) * sizeof *a->per);
	}
	if (a->ncat > 0 && pair_at(0, a->coders) > a->npair) {
		n = a->npair;
		ARRAY_GROW(a->pair, pair_at(0, a->coders), a->npair);
		memset(a->pair + n, 0, (a->npair - n) * sizeof *a->pair);
	}
	if (a->coders + 1 > a->nfk) {
		n = a->nfk;
		ARRAY_GROW(a->fk, a->coders + 1, a->nfk);
		memset(a->fk + n, 0, (a->nfk - n) * sizeof *a->fk);
	}
}

/* The unit's values sorted (few: an insertion sort). */
static int *
sorted(struct agr_acc *a, const int *value, size_t k)
{
	size_t	i, j;
	int	x;

	ARRAY_GROW(a->tmp, k, a->ntmp);
	for (i = 0; i < k; i++) {
		x = value[i];
		for (j = i; j > 0 && a->tmp[j - 1] > x; j--)
			a->tmp[j] = a->tmp[j - 1];
		a->tmp[j] = x;
	}
	return a->tmp;
}

/* The sum of the squared counts of the equal values of v (sorted). */
static double
runs_sq(const int *v, size_t k)
{
	double	s = 0;
	size_t	i, j;

	for (i = 0; i < k; i = j) {
		for (j = i; j < k && v[j] == v[i]; j++)
			;
		s += (double)(j - i) * (double)(j - i);
	}
	return s;
}

static void
acc_pairs(struct agr_acc *a, const int *coder, const int *value, size_t k)
{
	size_t	 i, j, x, y, *t;
	int	 vx, vy;

	for (i = 0; i < k; i++) {
		struct agr_coder	*p = &a->per[coder[i]];

		p->units++;
		p->pairs += k - 1;
		for (j = 0; j < k; j++)
			p->agree += j != i && value[j] == value[i];
	}
	if (a->ncat == 0)
		return;
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++) {
			x = (size_t)coder[i];
			y = (size_t)coder[j];
			vx = value[i];
			vy = value[j];
			if (x > y) {
				x = (size_t)coder[j];
				y = (size_t)coder[i];
				vx = value[j];
				vy = value[i];
			}
			if ((t = a->pair[pair_at(x, y)]) == NULL)
				t = a->pair[pair_at(x, y)] = xcalloc(
				    (size_t)a->ncat * (size_t)a->ncat,
				    sizeof *t);
			t[(size_t)vx * (size_t)a->ncat + (size_t)vy]++;
		}
}

void
agr_acc_unit(struct agr_acc *a, const int *coder, const int *value, size_t k)
{
	struct agr_fk	*f;
	double		 sq, u1 = 0, u2 = 0;
	int		*v;
	size_t		 i;

	if (k < 2)
		return;
	for (i = 0; i < k && !a->alpha_only; i++)
		acc_coder(a, (size_t)coder[i]);
	v = sorted(a, value, k);
	sq = runs_sq(v, k);
	a->pct += ((sq - (double)k) / 2) / ((double)k * (double)(k - 1) / 2);
	a->pct_units++;
	a->pct_pairs += k * (k - 1) / 2;
	a->a_units++;
	a->a_pairs += k * (k - 1) / 2;
	a->nall += k;
	if (!a->alpha_only)
		acc_pairs(a, coder, value, k);
	if (a->level == AGR_INTERVAL) {
		for (i = 0; i < k; i++) {
			u1 += v[i];
			u2 += (double)v[i] * v[i];
		}
		a->s1 += u1;
		a->s2 += u2;
		a->d_o += (2 * (double)k * u2 - 2 * u1 * u1) / (double)(k - 1);
		return;
	}
	a->d_o += ((double)k * (double)k - sq) / (double)(k - 1);
	if (a->alpha_only) {
		for (i = 0; i < k; i++)
			a->cat[value[i]]++;
		return;
	}
	f = &a->fk[k];
	if (f->cat == NULL)
		f->cat = xcalloc((size_t)a->ncat, sizeof *f->cat);
	f->units++;
	f->p += (sq - (double)k) / ((double)k * (double)(k - 1));
	for (i = 0; i < k; i++) {
		a->cat[value[i]]++;
		f->cat[value[i]]++;
	}
}

void
agr_acc_alpha_only(struct agr_acc *a)
{
	a->alpha_only = 1;
}

void
agr_acc_same(struct agr_acc *a, int value, size_t k, size_t n)
{
	double	pairs = (double)k * (double)(k - 1) / 2;

	if (k < 2 || n == 0)
		return;
	/* Each unit: every pair equal (share 1), nothing observed to
	 * differ (d_o adds 0), k values of the one category. All sums are
	 * of whole numbers, exact in a double: the same as n units. */
	a->pct += (double)n;
	a->pct_units += n;
	a->pct_pairs += n * (size_t)pairs;
	a->a_units += n;
	a->a_pairs += n * (size_t)pairs;
	a->nall += n * k;
	if (a->level == AGR_INTERVAL) {
		a->s1 += (double)(n * k) * value;
		a->s2 += (double)(n * k) * value * value;
	} else
		a->cat[value] += n * k;
}

void
agr_acc_percent(const struct agr_acc *a, struct agr_result *r)
{
	memset(r, 0, sizeof *r);
	r->units = a->pct_units;
	r->pairs = a->pct_pairs;
	if (r->units == 0)
		undefined(r, "no task has two annotators");
	else
		defined(r, a->pct / (double)r->units);
}

void
agr_acc_cohen(const struct agr_acc *a, size_t x, size_t y,
    struct agr_result *r)
{
	const size_t	*t = NULL;
	size_t		 n = 0, agree = 0, c, d, nc = (size_t)a->ncat;
	double		 pe = 0, row, col;

	memset(r, 0, sizeof *r);
	if (x > y) {
		c = x;
		x = y;
		y = c;
	}
	if (x != y && y < a->coders && nc > 0)
		t = a->pair[pair_at(x, y)];
	for (c = 0; t != NULL && c < nc; c++) {
		row = col = 0;
		for (d = 0; d < nc; d++) {
			n += t[c * nc + d];
			row += (double)t[c * nc + d];
			col += (double)t[d * nc + c];
		}
		agree += t[c * nc + c];
		pe += row * col;
	}
	r->units = r->pairs = n;
	if (x == y)
		undefined(r, "one annotator");
	else if (n == 0)
		undefined(r, "no task labelled by both");
	else if ((pe /= (double)n * (double)n) >= 1)
		undefined(r, "both gave one and the same label to every task");
	else
		defined(r, ((double)agree / (double)n - pe) / (1 - pe));
}

void
agr_acc_fleiss(const struct agr_acc *a, struct agr_result *r, size_t *raters)
{
	const struct agr_fk	*f;
	size_t			 k, best = 0, c;
	double			 pe = 0, n;

	memset(r, 0, sizeof *r);
	for (k = 2; k < a->nfk; k++)
		if (a->fk[k].units > 0 && (best == 0 ||
		    a->fk[k].units >= a->fk[best].units))
			best = k;
	*raters = best;
	if (best == 0 || a->ncat == 0) {
		undefined(r, "no task has two annotators");
		return;
	}
	f = &a->fk[best];
	r->units = f->units;
	r->pairs = f->units * best * (best - 1) / 2;
	n = (double)f->units * (double)best;
	for (c = 0; c < (size_t)a->ncat; c++)
		pe += (double)f->cat[c] * (double)f->cat[c];
	pe /= n * n;
	if (pe >= 1)
		undefined(r, "every annotator gave one and the same label");
	else
		defined(r, (f->p / (double)f->units - pe) / (1 - pe));
}

void
agr_acc_alpha(const struct agr_acc *a, struct agr_result *r)
{
	double	n = (double)a->nall, d_e = 0;
	size_t	c;

	memset(r, 0, sizeof *r);
	r->units = a->a_units;
	r->pairs = a->a_pairs;
	if (a->level == AGR_NOMINAL) {
		d_e = n * n;
		for (c = 0; c < (size_t)a->ncat; c++)
			d_e -= (double)a->cat[c] * (double)a->cat[c];
	} else
		d_e = 2 * n * a->s2 - 2 * a->s1 * a->s1;
	if (r->units == 0)
		undefined(r, "no task has two annotators");
	else if (d_e <= 0)
		undefined(r, "every value is the same");
	else
		defined(r, 1 - (n - 1) * a->d_o / d_e);
}

void
agr_acc_coder(const struct agr_acc *a, size_t c, struct agr_result *r)
{
	memset(r, 0, sizeof *r);
	if (c < a->coders) {
		r->units = a->per[c].units;
		r->pairs = a->per[c].pairs;
	}
	if (r->pairs == 0)
		undefined(r, "shares no task with another annotator");
	else
		defined(r, (double)a->per[c].agree / (double)r->pairs);
}
