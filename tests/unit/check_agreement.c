/* Unit tests for src/quality/agreement: every figure against the
 * reference implementations' values in tests/unit/agreement.ref (made by
 * tests/unit/agreement-reference.py with sklearn, statsmodels and nltk,
 * and two published examples), and small cases worked by hand: the
 * undefined figures, percent agreement, span matching strict and
 * lenient. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quality/agreement.h"
#include "util/xmalloc.h"

#include "runner.h"

#define EPS	1e-9

static void
near(double got, double want, const char *what)
{
	ck_assert_msg(fabs(got - want) < EPS, "%s: %.12f, not %.12f", what,
	    got, want);
}

/* Reads agreement.ref and checks each case's figures. */
START_TEST(test_reference)
{
	const char		*srcdir = getenv("SRCDIR");
	char			*path, line[4096], name[128] = "", what[64];
	struct agr_matrix	 m = { NULL, 0, 0 };
	struct agr_result	 r;
	int			*v = NULL;
	size_t			 row = 0, a, b, c, checked = 0;
	double			 want;
	FILE			*f;

	path = xasprintf("%s/tests/unit/agreement.ref", srcdir != NULL ?
	    srcdir : ".");
	ck_assert_msg((f = fopen(path, "r")) != NULL, "%s", path);
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "case %127s", name) == 1)
			continue;
		if (sscanf(line, "matrix %zu %zu", &m.units, &m.coders) == 2) {
			free(v);
			v = xcalloc(m.units * m.coders, sizeof *v);
			m.v = v;
			row = 0;
			continue;
		}
		if (line[0] == '.' || (line[0] >= '0' && line[0] <= '9')) {
			char	*p = line, *end;

			ck_assert_uint_lt(row, m.units);
			for (c = 0; c < m.coders; c++) {
				while (*p == ' ')
					p++;
				if (*p == '.') {
					v[row * m.coders + c] = AGR_MISSING;
					p++;
				} else {
					v[row * m.coders + c] =
					    (int)strtol(p, &end, 10);
					ck_assert_ptr_ne(end, p);
					p = end;
				}
			}
			row++;
			continue;
		}
		snprintf(what, sizeof what, "%s: %.40s", name, line);
		if (sscanf(line, "cohen %zu %zu", &a, &b) == 2) {
			agr_cohen(&m, a, b, &r);
			if (strstr(line, "undefined") != NULL)
				ck_assert_msg(!r.defined, "%s", what);
			else {
				ck_assert_msg(r.defined, "%s: %s", what,
				    r.why);
				want = strtod(strrchr(line, ' ') + 1, NULL);
				near(r.value, want, what);
			}
		} else if (sscanf(line, "fleiss %lf", &want) == 1) {
			agr_fleiss(&m, &r);
			ck_assert_msg(r.defined, "%s: %s", what, r.why);
			near(r.value, want, what);
		} else if (sscanf(line, "alpha nominal %lf", &want) == 1) {
			agr_alpha(&m, AGR_NOMINAL, &r);
			ck_assert_msg(r.defined, "%s: %s", what, r.why);
			near(r.value, want, what);
		} else if (sscanf(line, "alpha interval %lf", &want) == 1) {
			agr_alpha(&m, AGR_INTERVAL, &r);
			ck_assert_msg(r.defined, "%s: %s", what, r.why);
			near(r.value, want, what);
		} else
			continue;
		checked++;
	}
	fclose(f);
	free(v);
	free(path);
	/* Every case of the file was read, not an empty one. */
	ck_assert_uint_ge(checked, 120);
}
END_TEST

/* The published figures themselves, to three places. */
START_TEST(test_published)
{
	static const int	k2011[] = {
		1, 1, -1, 1,	2, 2, 3, 2,	3, 3, 3, 3,	3, 3, 3, 3,
		2, 2, 2, 2,	1, 2, 3, 4,	4, 4, 4, 4,	1, 1, 2, 1,
		2, 2, 2, 2,	-1, 5, 5, 5,	-1, -1, 1, 1,	-1, -1, 3, -1,
	};
	struct agr_matrix	m = { k2011, 12, 4 };
	struct agr_result	r;

	agr_alpha(&m, AGR_NOMINAL, &r);
	ck_assert(r.defined);
	ck_assert_int_eq((int)lround(r.value * 1000), 743);
	/* The last unit has one value: not pairable. */
	ck_assert_uint_eq(r.units, 11);
	agr_alpha(&m, AGR_INTERVAL, &r);
	ck_assert_int_eq((int)lround(r.value * 1000), 849);
}
END_TEST

START_TEST(test_undefined)
{
	static const int	same[] = { 2, 2, 2, 2, 2, 2 };
	static const int	lone[] = { 1, -1, 2, -1, 0, -1 };
	struct agr_matrix	m = { same, 3, 2 };
	struct agr_result	r;

	/* One category only: kappa and alpha have no chance term. */
	agr_cohen(&m, 0, 1, &r);
	ck_assert(!r.defined);
	ck_assert_str_eq(r.why, "both gave one and the same label to every"
	    " task");
	agr_fleiss(&m, &r);
	ck_assert(!r.defined);
	agr_alpha(&m, AGR_NOMINAL, &r);
	ck_assert(!r.defined);
	ck_assert_str_eq(r.why, "every value is the same");
	/* Percent agreement is defined: all agree. */
	agr_percent(&m, &r);
	ck_assert(r.defined);
	near(r.value, 1, "percent, all the same");
	/* One annotator per task: nothing to compare. */
	m.v = lone;
	agr_cohen(&m, 0, 1, &r);
	ck_assert(!r.defined);
	ck_assert_str_eq(r.why, "no task labelled by both");
	agr_alpha(&m, AGR_NOMINAL, &r);
	ck_assert(!r.defined);
	ck_assert_str_eq(r.why, "no task has two annotators");
	agr_fleiss(&m, &r);
	ck_assert(!r.defined);
	agr_percent(&m, &r);
	ck_assert(!r.defined);
	agr_cohen(&m, 1, 1, &r);
	ck_assert(!r.defined);
}
END_TEST

START_TEST(test_percent)
{
	/* Three coders: unit 1 all agree (3 of 3 pairs), unit 2 two of
	 * three (1 of 3 pairs), unit 3 two values that differ (0 of 1),
	 * unit 4 one value (left out). Mean (1 + 1/3 + 0) / 3. */
	static const int	v[] = { 1, 1, 1,  1, 1, 2,  0, -1, 3,
		-1, 2, -1 };
	struct agr_matrix	m = { v, 4, 3 };
	struct agr_result	r;

	agr_percent(&m, &r);
	ck_assert(r.defined);
	near(r.value, (1 + 1.0 / 3) / 3, "percent");
	ck_assert_uint_eq(r.units, 3);
	ck_assert_uint_eq(r.pairs, 7);
}
END_TEST

START_TEST(test_fleiss_modal)
{
	/* Two units with three raters, one with two: Fleiss' kappa rests on
	 * the three-rater units alone. */
	static const int	v[] = { 0, 0, 0,  0, 1, 1,  1, 1, -1 };
	struct agr_matrix	m = { v, 3, 3 };
	struct agr_result	r;
	double			p, pe;

	agr_fleiss(&m, &r);
	ck_assert(r.defined);
	ck_assert_uint_eq(r.units, 2);
	/* P = (1 + 1/3) / 2; shares 4/6 and 2/6. */
	p = (1 + 1.0 / 3) / 2;
	pe = (4.0 / 6) * (4.0 / 6) + (2.0 / 6) * (2.0 / 6);
	near(r.value, (p - pe) / (1 - pe), "fleiss");
}
END_TEST

START_TEST(test_spans)
{
	/* Reference: PER 0-5, ORG 10-20, LOC 30-35. Other: PER 0-5
	 * (exact), ORG 12-20 (IoU 0.8), LOC 31-40 (IoU 4/10), PER 50-55
	 * (extra). */
	static const struct agr_span	a[] = { { 0, 5, 0 }, { 10, 20, 1 },
		{ 30, 35, 2 } };
	static const struct agr_span	b[] = { { 0, 5, 0 }, { 12, 20, 1 },
		{ 31, 40, 2 }, { 50, 55, 0 } };
	struct agr_counts		c = { 0, 0, 0 };
	struct agr_result		p, r, f;

	agr_spans(a, 3, b, 4, 0, -1, &c);
	ck_assert_uint_eq(c.tp, 1);
	ck_assert_uint_eq(c.fp, 3);
	ck_assert_uint_eq(c.fn, 2);
	agr_prf(&c, &p, &r, &f);
	near(p.value, 0.25, "strict precision");
	near(r.value, 1.0 / 3, "strict recall");
	near(f.value, 2.0 / 7, "strict F1");
	memset(&c, 0, sizeof c);
	agr_spans(a, 3, b, 4, 0.5, -1, &c);
	ck_assert_uint_eq(c.tp, 2);	/* ORG at 0.8; LOC at 0.4 is not */
	ck_assert_uint_eq(c.fp, 2);
	ck_assert_uint_eq(c.fn, 1);
	/* Per label: PER has one match and one extra. */
	memset(&c, 0, sizeof c);
	agr_spans(a, 3, b, 4, 0, 0, &c);
	ck_assert_uint_eq(c.tp, 1);
	ck_assert_uint_eq(c.fp, 1);
	ck_assert_uint_eq(c.fn, 0);
	/* A label never marked: undefined, not NaN. */
	memset(&c, 0, sizeof c);
	agr_spans(a, 3, b, 4, 0, 7, &c);
	agr_prf(&c, &p, &r, &f);
	ck_assert(!p.defined && !r.defined && !f.defined);
	ck_assert_str_eq(f.why, "neither marked a span");
}
END_TEST

START_TEST(test_spans_one_to_one)
{
	/* Two spans of the other overlap one reference span: one match,
	 * the better one; the label must agree. */
	static const struct agr_span	a[] = { { 0, 10, 0 } };
	static const struct agr_span	b[] = { { 0, 6, 0 }, { 0, 9, 0 },
		{ 0, 10, 1 } };
	struct agr_counts		c = { 0, 0, 0 };

	agr_spans(a, 1, b, 3, 0.5, -1, &c);
	ck_assert_uint_eq(c.tp, 1);
	ck_assert_uint_eq(c.fp, 2);
	ck_assert_uint_eq(c.fn, 0);
}
END_TEST

/* Feeds matrix m unit by unit to a streamed accumulator. */
static void
stream(const struct agr_matrix *m, enum agr_level level, int ncat,
    struct agr_acc *a)
{
	int	coder[64], value[64];
	size_t	u, c, k;

	agr_acc_init(a, level, ncat);
	for (u = 0; u < m->units; u++) {
		for (c = k = 0; c < m->coders; c++)
			if (m->v[u * m->coders + c] != AGR_MISSING) {
				coder[k] = (int)c;
				value[k++] = m->v[u * m->coders + c];
			}
		agr_acc_unit(a, coder, value, k);
	}
}

static void
same(const struct agr_result *x, const struct agr_result *y,
    const char *what)
{
	ck_assert_msg(x->defined == y->defined, "%s: defined %d, not %d",
	    what, x->defined, y->defined);
	if (x->defined)
		near(x->value, y->value, what);
	else
		ck_assert_str_eq(x->why, y->why);
	ck_assert_msg(x->units == y->units, "%s: %zu units, not %zu", what,
	    x->units, y->units);
	ck_assert_msg(x->pairs == y->pairs, "%s: %zu pairs, not %zu", what,
	    x->pairs, y->pairs);
}

/* The streamed figures equal the matrix functions' (which equal the
 * references): on the published examples and on random matrices with
 * missing values, few and many categories, one category. */
START_TEST(test_streamed)
{
	static const int	k2011[] = {
		1, 1, -1, 1,	2, 2, 3, 2,	3, 3, 3, 3,	3, 3, 3, 3,
		2, 2, 2, 2,	1, 2, 3, 4,	4, 4, 4, 4,	1, 1, 2, 1,
		2, 2, 2, 2,	-1, 5, 5, 5,	-1, -1, 1, 1,	-1, -1, 3, -1,
	};
	struct agr_matrix	m = { k2011, 12, 4 };
	struct agr_acc		a;
	struct agr_result	x, y;
	int			*v;
	size_t			 i, j, trial, raters, units, coders;
	int			 ncat;
	char			 what[64];

	srand(12);
	for (trial = 0; trial < 200; trial++) {
		v = NULL;
		ncat = 6;
		if (trial > 0) {
			units = 1 + (size_t)rand() % 40;
			coders = 2 + (size_t)rand() % 6;
			ncat = trial % 17 == 0 ? 1 : 2 + rand() % 5;
			v = xcalloc(units * coders, sizeof *v);
			for (i = 0; i < units * coders; i++)
				v[i] = rand() % 3 == 0 ? AGR_MISSING :
				    rand() % ncat;
			m.v = v;
			m.units = units;
			m.coders = coders;
		}
		stream(&m, AGR_NOMINAL, ncat, &a);
		snprintf(what, sizeof what, "trial %zu percent", trial);
		agr_percent(&m, &x);
		agr_acc_percent(&a, &y);
		same(&x, &y, what);
		snprintf(what, sizeof what, "trial %zu alpha", trial);
		agr_alpha(&m, AGR_NOMINAL, &x);
		agr_acc_alpha(&a, &y);
		same(&x, &y, what);
		snprintf(what, sizeof what, "trial %zu fleiss", trial);
		agr_fleiss(&m, &x);
		agr_acc_fleiss(&a, &y, &raters);
		same(&x, &y, what);
		for (i = 0; i < m.coders; i++)
			for (j = i + 1; j < m.coders; j++) {
				snprintf(what, sizeof what, "trial %zu cohen"
				    " %zu %zu", trial, i, j);
				agr_cohen(&m, i, j, &x);
				agr_acc_cohen(&a, j, i, &y);
				/* A pair that shares no unit is never
				 * seen: the same words. */
				same(&x, &y, what);
			}
		agr_acc_release(&a);
		stream(&m, AGR_INTERVAL, 0, &a);
		snprintf(what, sizeof what, "trial %zu interval", trial);
		agr_alpha(&m, AGR_INTERVAL, &x);
		agr_acc_alpha(&a, &y);
		same(&x, &y, what);
		agr_acc_release(&a);
		free(v);
	}
}
END_TEST

/* Each coder against the others: the share of their pairs that agree. */
START_TEST(test_streamed_coder)
{
	static const int	c1[] = { 0, 1, 2 }, v1[] = { 1, 1, 2 };
	static const int	c2[] = { 0, 2 }, v2[] = { 0, 0 };
	static const int	c3[] = { 1 }, v3[] = { 3 };
	struct agr_acc		a;
	struct agr_result	r;
	size_t			raters;

	agr_acc_init(&a, AGR_NOMINAL, 4);
	agr_acc_unit(&a, c1, v1, 3);
	agr_acc_unit(&a, c2, v2, 2);
	agr_acc_unit(&a, c3, v3, 1);
	/* Coder 0: (1 with 1, 1 with 2), (0 with 0): 2 of 3. */
	agr_acc_coder(&a, 0, &r);
	ck_assert(r.defined);
	near(r.value, 2.0 / 3, "coder 0");
	ck_assert_uint_eq(r.units, 2);
	ck_assert_uint_eq(r.pairs, 3);
	/* Coder 1's lone unit counts nowhere. */
	agr_acc_coder(&a, 1, &r);
	ck_assert_uint_eq(r.units, 1);
	near(r.value, 0.5, "coder 1");
	agr_acc_coder(&a, 7, &r);
	ck_assert(!r.defined);
	/* Two units of three and of two raters: the larger on a tie. */
	agr_acc_fleiss(&a, &r, &raters);
	ck_assert_uint_eq(raters, 3);
	ck_assert_uint_eq(r.units, 1);
	agr_acc_release(&a);
}
END_TEST

/* An alpha-only accumulator, and units of one value added at once, give
 * the figures of the units one by one. */
START_TEST(test_streamed_same)
{
	static const int	c[] = { 0, 1, 2 };
	int			v[3];
	struct agr_acc		a, b;
	struct agr_result	x, y;
	size_t			i, n;

	for (n = 0; n < 2; n++) {
		agr_acc_init(&a, n == 0 ? AGR_NOMINAL : AGR_INTERVAL, 4);
		agr_acc_init(&b, n == 0 ? AGR_NOMINAL : AGR_INTERVAL, 4);
		agr_acc_alpha_only(&b);
		for (i = 0; i < 30; i++) {
			v[0] = (int)(i % 4);
			v[1] = (int)((i * 7) % 4);
			v[2] = (int)((i * 3) % 4);
			agr_acc_unit(&a, c, v, 3);
			agr_acc_unit(&b, c, v, 3);
		}
		v[0] = v[1] = v[2] = 0;
		for (i = 0; i < 500; i++)
			agr_acc_unit(&a, c, v, 3);
		v[0] = v[1] = v[2] = 3;
		for (i = 0; i < 7; i++)
			agr_acc_unit(&a, c, v, 3);
		agr_acc_same(&b, 0, 3, 500);
		agr_acc_same(&b, 3, 3, 7);
		agr_acc_same(&b, 2, 1, 9);	/* one value: nowhere */
		agr_acc_alpha(&a, &x);
		agr_acc_alpha(&b, &y);
		same(&x, &y, "alpha");
		agr_acc_percent(&a, &x);
		agr_acc_percent(&b, &y);
		same(&x, &y, "percent");
		agr_acc_release(&a);
		agr_acc_release(&b);
	}
}
END_TEST

static Suite *
agreement_suite(void)
{
	Suite	*s = suite_create("agreement");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_reference);
	tcase_add_test(tc, test_published);
	tcase_add_test(tc, test_undefined);
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_fleiss_modal);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_spans_one_to_one);
	tcase_add_test(tc, test_streamed);
	tcase_add_test(tc, test_streamed_coder);
	tcase_add_test(tc, test_streamed_same);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(agreement_suite());
}
