/* Unit tests for src/quality/tally: the sums of scalec stats over rows
 * given by hand: per person, the quantiles against a sort, labels and
 * their distance, days, --since, and the tasks without consensus worst
 * first. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "quality/tally.h"

#include "runner.h"

#define EPS	1e-9
#define NEAR(got, want)	ck_assert_msg(fabs((got) - (want)) < EPS, \
	"%s: %.12f, not %.12f", #got, (double)(got), (double)(want))

static const char yaml[] =
    "controls:\n"
    "  - {name: c, kind: choice, labels: [a, b]}\n"
    "  - {name: r, kind: rating, max: 3}\n";

static struct config	*cfg;
static struct tally	 t;
/* 2026-06-03T12:00:00Z */
#define NOW	((time_t)1780488000)

static void
setup(void)
{
	cfg = config_parse(yaml, strlen(yaml), "test.yaml");
	ck_assert_ptr_nonnull(cfg);
}

static void
teardown(void)
{
	tally_release(&t);
	config_free(cfg);
}

#define A	"{\"c\": [\"a\"]}"
#define B	"{\"c\": [\"b\"]}"

START_TEST(test_people)
{
	const struct tally_user	*u;

	tally_init(&t, cfg, 0, NULL, NOW);
	tally_add(&t, 1, 7, ANN_SUBMITTED, A, 4, "2026-06-03T10:00:00Z", 0, 0);
	tally_add(&t, 1, 8, ANN_ACCEPTED, A, 6, "2026-06-01T10:00:00Z", 0, 0);
	tally_add(&t, 2, 7, ANN_REJECTED, B, 8, "2026-06-02T10:00:00Z", 0, 0);
	tally_add(&t, 2, 8, ANN_FIXED, A, 2, "2026-06-03T11:00:00Z", 0, 0);
	tally_add(&t, 3, 8, ANN_SKIPPED, "{}", 1, "2026-06-03T11:30:00Z", 0,
	    0);
	tally_add(&t, 4, 7, ANN_SUBMITTED, A, 1, "2026-04-01T10:00:00Z", 0, 0);
	tally_add(&t, 4, 8, ANN_SUBMITTED, B, 1, "2026-04-01T10:00:00Z", 0, 0);
	tally_end(&t);
	ck_assert_ptr_null(tally_user(&t, 9));
	u = tally_user(&t, 7);
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(u->submitted, 3);
	ck_assert_int_eq(u->rejected, 1);
	ck_assert_int_eq(u->skipped, 0);
	ck_assert_str_eq(u->last, "2026-06-03T10:00:00Z");
	/* Task 1 agrees, task 2's rejected answer is not in force, task 4
	 * does not. */
	ck_assert_int_eq(u->agree_n, 2);
	NEAR(u->agree_sum, 1.0);
	u = tally_user(&t, 8);
	ck_assert_int_eq(u->submitted, 3);
	ck_assert_int_eq(u->skipped, 1);
	ck_assert_int_eq(u->accepted, 1);
	ck_assert_int_eq(u->fixed, 1);
	ck_assert_str_eq(u->last, "2026-06-03T11:30:00Z");
	/* Labels in force: 7 a (1), a (4); 8 a, a, b. */
	ck_assert_int_eq(t.labels[0], 4);
	ck_assert_int_eq(t.labels[1], 1);
	/* Days: today 2 (7's, 8's fix), two days ago 1; April is out. */
	ck_assert_int_eq(t.day[0], 2);
	ck_assert_int_eq(t.day[1], 1);
	ck_assert_int_eq(t.day[2], 1);
	/* Tasks with answers in force: 1 agreed, 2 (one answer) agreed, 4
	 * split. */
	ck_assert_int_eq(t.tasks, 3);
	ck_assert_int_eq(t.tasks_agreed, 2);
	ck_assert_uint_eq(t.nsplits, 1);
	ck_assert_int_eq(t.splits[0].task, 4);
	ck_assert_uint_eq(t.splits[0].controls, 1);
}
END_TEST

/* Nearest rank against a sort, on many sizes. */
static int
by_double(const void *x, const void *y)
{
	double	a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

START_TEST(test_quantiles)
{
	struct tally_user	 u;
	double			*sorted;
	double			 ps[] = { 0.0, 0.1, 0.5, 0.9, 1.0 };
	size_t			 n, i, k, want;

	srand(12);
	for (n = 1; n < 200; n += 7) {
		memset(&u, 0, sizeof u);
		u.nsecs = n;
		u.secs = calloc(n, sizeof *u.secs);
		sorted = calloc(n, sizeof *sorted);
		for (i = 0; i < n; i++)
			u.secs[i] = sorted[i] = (double)(rand() % 20);
		qsort(sorted, n, sizeof *sorted, by_double);
		for (k = 0; k < sizeof ps / sizeof ps[0]; k++) {
			want = (size_t)ceil(ps[k] * (double)n);
			want = want > 0 ? want - 1 : 0;
			NEAR(tally_seconds(&u, ps[k]), sorted[want]);
		}
		free(u.secs);
		free(sorted);
	}
	memset(&u, 0, sizeof u);
	NEAR(tally_seconds(&u, 0.5), -1);
}
END_TEST

/* --since: older rows are compared, not counted. */
START_TEST(test_since)
{
	const struct tally_user	*u;

	tally_init(&t, cfg, 0, "2026-06-02T00:00:00Z", NOW);
	tally_add(&t, 1, 7, ANN_SUBMITTED, A, 4, "2026-06-01T10:00:00Z", 0, 0);
	tally_add(&t, 1, 8, ANN_SUBMITTED, A, 6, "2026-06-03T10:00:00Z", 0, 0);
	tally_end(&t);
	u = tally_user(&t, 7);
	ck_assert_int_eq(u->submitted, 0);
	ck_assert_int_eq(u->agree_n, 0);
	u = tally_user(&t, 8);
	ck_assert_int_eq(u->submitted, 1);
	ck_assert_int_eq(u->agree_n, 1);
	ck_assert_int_eq(t.labels[0], 1);
	ck_assert_int_eq(t.tasks_agreed, 1);
}
END_TEST

/* The distance of one person's labels from the others', and the splits
 * worst first; a rating's values are slots too; a final answer settles
 * a split task. */
START_TEST(test_distance_and_order)
{
	const struct tally_user	*u;
	int64_t			 task;

	tally_init(&t, cfg, 0, NULL, NOW);
	for (task = 1; task <= 12; task++) {
		tally_add(&t, task, 1, ANN_SUBMITTED, A, 1, "", 0, 0);
		tally_add(&t, task, 2, ANN_SUBMITTED, task <= 6 ? A : B, 1, "",
		    0, 0);
		tally_add(&t, task, 3, ANN_SUBMITTED, task == 12 ?
		    "{\"c\": [\"b\"], \"r\": 3}" : "{\"c\": [\"b\"], \"r\": 1}",
		    1, "", 0, task == 11);
	}
	tally_end(&t);
	u = tally_user(&t, 3);
	/* 3 chose b 12 times; the others a 18, b 6: |0 - .75| + |1 - .25|. */
	NEAR(tally_distance(&t, u, 0), 0.75);
	/* A rating only 3 gave: nobody to compare with. */
	NEAR(tally_distance(&t, u, 1), -1);
	ck_assert_int_eq(t.labels[t.slot[1]], 11);
	ck_assert_int_eq(t.labels[t.slot[1] + 2], 1);
	/* 7..12 are 1:2 (b wins); 1..6 2:1 (a wins): all agreed. */
	ck_assert_uint_eq(t.nsplits, 0);
	tally_release(&t);
	tally_init(&t, cfg, 0, NULL, NOW);
	tally_add(&t, 5, 1, ANN_SUBMITTED, A, 1, "", 0, 0);
	tally_add(&t, 5, 2, ANN_SUBMITTED, B, 1, "", 0, 0);
	tally_add(&t, 6, 1, ANN_SUBMITTED, "{\"c\": [\"a\"], \"r\": 1}", 1, "",
	    0, 0);
	tally_add(&t, 6, 2, ANN_SUBMITTED, "{\"c\": [\"b\"], \"r\": 1}", 1, "",
	    0, 0);
	tally_add(&t, 7, 1, ANN_SUBMITTED, A, 1, "", 0, 1);
	tally_add(&t, 7, 2, ANN_SUBMITTED, B, 1, "", 0, 1);
	tally_end(&t);
	tally_sort_splits(&t);
	ck_assert_uint_eq(t.nsplits, 2);
	/* 5: 0.5; 6: (0.5 + 1) / 2. 7 is settled. */
	ck_assert_int_eq(t.splits[0].task, 5);
	NEAR(t.splits[0].agreement, 0.5);
	ck_assert_int_eq(t.splits[1].task, 6);
	NEAR(t.splits[1].agreement, 0.75);
	ck_assert_int_eq(t.tasks_agreed, 1);
}
END_TEST

static Suite *
tally_suite(void)
{
	Suite	*s = suite_create("tally");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_people);
	tcase_add_test(tc, test_quantiles);
	tcase_add_test(tc, test_since);
	tcase_add_test(tc, test_distance_and_order);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(tally_suite());
}
