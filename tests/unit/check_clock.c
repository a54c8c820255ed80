/* Unit tests for util/clock: the real clock, a clock fixed by SCALEC_NOW
 * (read once), a bad SCALEC_NOW warned about once, and the stored form
 * clock_iso writes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "util/when.h"
#include "util/xmalloc.h"

#include "capture.h"
#include "runner.h"

static void
setup(void)
{
	capture_start();
	unsetenv("SCALEC_NOW");
	clock_reset();
}

static void
teardown(void)
{
	capture_stop();
	unsetenv("SCALEC_NOW");
	clock_reset();
}

/* clock_now is the real time: between two readings of time(3). */
static void
check_real(void)
{
	time_t	before = time(NULL), t = clock_now();

	ck_assert_int_ge(t, before);
	ck_assert_int_le(t, time(NULL));
}

START_TEST(test_clock_real)
{
	struct timespec	pause = { 0, 20 * 1000 * 1000 };
	double		start;

	check_real();
	start = clock_start();
	ck_assert(start > 0);
	nanosleep(&pause, NULL);
	ck_assert(clock_since(start) >= 0.02);
	ck_assert(clock_since(start) < 60);
	/* An empty SCALEC_NOW is no SCALEC_NOW. */
	setenv("SCALEC_NOW", "", 1);
	clock_reset();
	check_real();
	ck_assert_int_eq(captured_count, 0);
}
END_TEST

START_TEST(test_clock_fixed)
{
	struct timespec	pause = { 0, 10 * 1000 * 1000 };
	double		start;

	setenv("SCALEC_NOW", "2026-01-31T12:00:00Z", 1);
	ck_assert_int_eq(clock_now(), 1769860800);
	start = clock_start();
	ck_assert(start == 0);
	nanosleep(&pause, NULL);
	ck_assert(clock_since(start) == 0);
	ck_assert_int_eq(clock_now(), 1769860800);
	/* Read once: a change later in the process is not seen. */
	setenv("SCALEC_NOW", "2030-01-01T00:00:00Z", 1);
	ck_assert_int_eq(clock_now(), 1769860800);
	unsetenv("SCALEC_NOW");
	ck_assert_int_eq(clock_now(), 1769860800);
	/* The edges of the stored form fix the clock too. */
	setenv("SCALEC_NOW", "1970-01-01T00:00:00Z", 1);
	clock_reset();
	ck_assert_int_eq(clock_now(), 0);
	setenv("SCALEC_NOW", "9999-12-31T23:59:59Z", 1);
	clock_reset();
	ck_assert_int_eq(clock_now(), WHEN_MAX);
	ck_assert_int_eq(captured_count, 0);
}
END_TEST

START_TEST(test_clock_bad)
{
	static const char *const	bad[] = { "2026-01-31", "tomorrow",
	    "2026-01-31T12:00:00", "2026-02-30T12:00:00Z", "7d",
	    "2026-01-31T12:00:00+01:00", "2026-01-31T12:00:00.5Z" };
	char				*want;
	size_t				 i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		capture_start();
		setenv("SCALEC_NOW", bad[i], 1);
		clock_reset();
		check_real();
		check_real();
		ck_assert(clock_start() > 0);
		/* Reported once, however often the clock is read. */
		want = xasprintf("warning: SCALEC_NOW: '%s' is not an ISO-8601"
		    " UTC time like 2026-01-31T12:00:00Z", bad[i]);
		ck_assert_str_eq(captured, want);
		ck_assert_int_eq(captured_count, 1);
		free(want);
	}
	/* The value reaches the terminal only escaped (by error.c). */
	setenv("SCALEC_NOW", "\033[2J", 1);
	clock_reset();
	check_real();
	ck_assert_str_eq(captured, "warning: SCALEC_NOW: '^[[2J' is not an"
	    " ISO-8601 UTC time like 2026-01-31T12:00:00Z");
}
END_TEST

START_TEST(test_clock_iso)
{
	static const struct {
		time_t		 t;
		const char	*s;
	}		cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ 1769860800, "2026-01-31T12:00:00Z" },
		{ 1709164800 + 86399, "2024-02-29T23:59:59Z" },
		{ 2147483648LL, "2038-01-19T03:14:08Z" },
		{ -62135596800LL, "0001-01-01T00:00:00Z" },
		{ WHEN_MIN, "0000-01-01T00:00:00Z" },
		{ WHEN_MAX, "9999-12-31T23:59:59Z" },
		/* outside the stored form's years: the nearer end */
		{ WHEN_MIN - 1, "0000-01-01T00:00:00Z" },
		{ WHEN_MAX + 1, "9999-12-31T23:59:59Z" },
	};
	char		out[CLOCK_ISO_LEN];
	time_t		back, t;
	size_t		i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ck_assert_ptr_eq(clock_iso(cases[i].t, out), out);
		ck_assert_str_eq(out, cases[i].s);
	}
	/* What it writes the stored form's parser reads back. */
	for (t = WHEN_MIN; t <= WHEN_MAX - 9876543210LL; t += 9876543210LL) {
		clock_iso(t, out);
		ck_assert_uint_eq(strlen(out), CLOCK_ISO_LEN - 1);
		ck_assert_int_eq(when_parse_stored(out, &back), 0);
		ck_assert_int_eq(back, t);
	}
}
END_TEST

static Suite *
clock_suite(void)
{
	Suite	*s = suite_create("clock");
	TCase	*tc = tcase_create("clock");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clock_real);
	tcase_add_test(tc, test_clock_fixed);
	tcase_add_test(tc, test_clock_bad);
	tcase_add_test(tc, test_clock_iso);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(clock_suite());
}
