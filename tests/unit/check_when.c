/* Unit tests for util/when: every form a time option takes, every refusal
 * with its message, leap years, offsets across a day, and the edges of the
 * range (the epoch, the years 0000 and 9999). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/when.h"
#include "util/xmalloc.h"

#include "runner.h"

#define NOW	((time_t)1769860800)	/* 2026-01-31T12:00:00Z */

struct good {
	const char	*s;
	time_t		 t;
};

struct bad {
	const char	*s;
	const char	*why;		/* err after the quoted input */
};

static void
check_good(const struct good *g, size_t n, time_t now)
{
	char	err[256];
	time_t	t;
	size_t	i;

	for (i = 0; i < n; i++) {
		err[0] = '\0';
		t = 12345;
		ck_assert_msg(when_parse(g[i].s, now, &t, err, sizeof err) == 0,
		    "'%s' refused: %s", g[i].s, err);
		ck_assert_msg(t == g[i].t, "'%s' is %lld, not %lld", g[i].s,
		    (long long)t, (long long)g[i].t);
	}
}

static void
check_bad(const struct bad *b, size_t n, time_t now)
{
	char	err[256], want[256];
	time_t	t;
	size_t	i;

	for (i = 0; i < n; i++) {
		t = 12345;
		snprintf(want, sizeof want, "'%s': %s", b[i].s, b[i].why);
		ck_assert_msg(when_parse(b[i].s, now, &t, err, sizeof err) == -1,
		    "'%s' taken", b[i].s);
		ck_assert_str_eq(err, want);
		ck_assert_msg(t == 12345, "'%s' changed the output", b[i].s);
	}
}

START_TEST(test_when_dates_and_times)
{
	static const struct good	g[] = {
		{ "2026-01-31", 1769817600 },
		{ "2026-01-31T12:00", NOW },
		{ "2026-01-31 12:00", NOW },
		{ "2026-01-31T12:00:00", NOW },
		{ "2026-01-31T12:00Z", NOW },
		{ "2026-01-31 12:00:00Z", NOW },
		{ "2026-01-31T12:00:07", NOW + 7 },
		/* a fraction is dropped, never rounded up */
		{ "2026-01-31T12:00:00.999Z", NOW },
		{ "2026-01-31T12:00:59,5", NOW + 59 },
		{ "2026-01-31T12:00:00.123456789+00:00", NOW },
		{ "2026-01-31T23:59:59", NOW + 43199 },
	};

	check_good(g, ARRAY_SIZE(g), NOW);
}
END_TEST

START_TEST(test_when_offsets)
{
	static const struct good	g[] = {
		{ "2026-01-31T12:00+02:00", 1769853600 },
		{ "2026-01-31T12:00:00+0200", 1769853600 },
		{ "2026-01-31T12:00+02", 1769853600 },
		{ "2026-01-31T05:00-07", NOW },
		{ "2026-01-31T07:00:00-05", NOW },
		{ "2026-01-31T17:30+05:30", NOW },
		{ "2026-01-31T12:00-00:00", NOW },
		{ "2026-01-31T12:00+00", NOW },
		/* across a day, a month and a year */
		{ "2026-01-31T23:30-01:00", 1769905800 },
		{ "2026-01-01T00:30+01:00", 1767223800 },
		{ "2026-02-01T01:59:59+14:00", NOW - 1 },
		{ "2026-01-30T22:00-14:00", NOW },
	};

	check_good(g, ARRAY_SIZE(g), NOW);
}
END_TEST

START_TEST(test_when_leap_years)
{
	static const struct good	g[] = {
		{ "2024-02-29", 1709164800 },
		{ "2000-02-29", 951782400 },
		{ "2024-03-01", 1709164800 + 86400 },
	};
	static const struct bad		b[] = {
		{ "2026-02-29", "February 2026 has 28 days" },
		{ "2026-02-30", "February 2026 has 28 days" },
		{ "2024-02-30", "February 2024 has 29 days" },
		{ "1900-02-29", "February 1900 has 28 days" },
		{ "2100-02-29T00:00Z", "February 2100 has 28 days" },
		{ "2026-04-31", "April 2026 has 30 days" },
		{ "2026-12-32", "December 2026 has 31 days" },
	};

	check_good(g, ARRAY_SIZE(g), NOW);
	check_bad(b, ARRAY_SIZE(b), NOW);
}
END_TEST

START_TEST(test_when_edges)
{
	static const struct good	g[] = {
		{ "1970-01-01", 0 },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "1970-01-01T00:00+01:00", -3600 },
		{ "1969-12-31T19:00-05", 0 },
		{ "2038-01-19T03:14:08Z", 2147483648LL },
		{ "0000-01-01", WHEN_MIN },
		{ "0000-01-01T00:00+00:00", WHEN_MIN },
		{ "9999-12-31T23:59:59Z", WHEN_MAX },
		{ "9999-12-31T23:59:59.999", WHEN_MAX },
		{ "0s", 0 },
		{ "719528d", WHEN_MIN },
	};
	static const struct bad		b[] = {
		{ "0000-01-01T00:00+00:01",
		    "in UTC, not within the years 0000 to 9999" },
		{ "9999-12-31T23:59:59-00:01",
		    "in UTC, not within the years 0000 to 9999" },
		{ "719529d", "reaches back before the year 0000" },
		{ "99999999999999999999s", "reaches back before the year 0000" },
	};

	check_good(g, ARRAY_SIZE(g), 0);
	check_bad(b, ARRAY_SIZE(b), 0);
}
END_TEST

START_TEST(test_when_spans)
{
	static const struct good	g[] = {
		{ "90s", NOW - 90 },
		{ "30m", NOW - 1800 },
		{ "12h", NOW - 43200 },
		{ "7d", NOW - 7 * 86400 },
		{ "2w", NOW - 14 * 86400 },
		{ "0d", NOW },
		{ "007d", NOW - 7 * 86400 },
		{ "105716w", NOW - (time_t)105716 * 604800 },
	};
	static const struct bad		b[] = {
		{ "7x", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "7", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "7dd", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "7D", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "1mo", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "7 d", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "1.5h", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "2026", "a span is a number and one of s, m, h, d, w, like 7d" },
		{ "105717w", "reaches back before the year 0000" },
	};

	check_good(g, ARRAY_SIZE(g), NOW);
	check_bad(b, ARRAY_SIZE(b), NOW);
}
END_TEST

START_TEST(test_when_refusals)
{
	static const char	what[] = "not a date (2026-01-31), a time"
	    " (2026-01-31T12:00:00Z) or a span (7d)";
	static const char	date[] = "a date is YYYY-MM-DD, like 2026-01-31";
	static const char	tm[] = "a time is HH:MM or HH:MM:SS, like 12:00";
	static const char	off[] = "an offset is Z, +HH, +HHMM or +HH:MM,"
	    " like +02:00";
	static const char	after[] = "after the time comes an offset (Z,"
	    " +02:00, +0200, -05) or nothing";
	static const struct bad	b[] = {
		{ "", what },
		{ "yesterday", what },
		{ "-7d", what },
		{ "+7d", what },
		{ " 7d", what },
		{ "T12:00", what },
		{ "2026-1-31", date },
		{ "26-01-31", date },
		{ "02026-01-31", date },
		{ "2026-01", date },
		{ "2026-01-3", date },
		{ "2026-01-311", date },
		{ "2026/01/31", "a span is a number and one of s, m, h, d, w,"
		    " like 7d" },
		{ "2026-01-31x", "after the date comes T or a space and a time,"
		    " like 2026-01-31T12:00" },
		{ "2026-01-31Z", "after the date comes T or a space and a time,"
		    " like 2026-01-31T12:00" },
		{ "2026-01-31 ", tm },
		{ "2026-01-31T", tm },
		{ "2026-01-31T12", tm },
		{ "2026-01-31T1:00", tm },
		{ "2026-01-31T12:0", tm },
		{ "2026-01-31T12:000", tm },
		{ "2026-01-31T12:00:0", tm },
		{ "2026-01-31T12:00:", tm },
		{ "2026-01-31T12:00:00.", "no digits after the '.' of the"
		    " seconds" },
		{ "2026-01-31T12:00:00,Z", "no digits after the ',' of the"
		    " seconds" },
		{ "2026-01-31T12:00.5", after },
		{ "2026-01-31T12:00 ", after },
		{ "2026-01-31T12:00UTC", after },
		{ "2026-01-31T12:00Zx", "nothing may follow the offset" },
		{ "2026-01-31T12:00+02:00:00", "nothing may follow the offset" },
		{ "2026-01-31T12:00+2", off },
		{ "2026-01-31T12:00+020", off },
		{ "2026-01-31T12:00+02:0", off },
		{ "2026-01-31T12:00+", off },
		{ "2026-01-31T12:00-", off },
		{ "2026-13-01", "there is no month 13" },
		{ "2026-00-10", "there is no month 0" },
		{ "2026-01-00", "there is no day 0" },
		{ "2026-01-31T24:00", "hour 24 is not 0 to 23" },
		{ "2026-01-31T12:60", "minute 60 is not 0 to 59" },
		{ "2026-01-31T12:00:60", "second 60 is not 0 to 59" },
		{ "2026-01-31T12:00+05:60", "offset minute 60 is not 0 to 59" },
		{ "2026-01-31T12:00+14:01", "offset +14:01 is more than 14:00"
		    " from UTC" },
		{ "2026-01-31T12:00-15", "offset -15:00 is more than 14:00 from"
		    " UTC" },
		{ "2026-01-31T12:00+2400", "offset +24:00 is more than 14:00"
		    " from UTC" },
	};

	check_bad(b, ARRAY_SIZE(b), NOW);
}
END_TEST

START_TEST(test_when_err_space)
{
	char	err[8];
	time_t	t;

	/* The message is cut to fit, and no buffer at all is fine. */
	ck_assert_int_eq(when_parse("7x", NOW, &t, err, sizeof err), -1);
	ck_assert_str_eq(err, "'7x': a");
	ck_assert_int_eq(when_parse("7x", NOW, &t, NULL, 0), -1);
}
END_TEST

START_TEST(test_when_stored)
{
	static const char *const	bad[] = {
		"", "2026-01-31", "2026-01-31T12:00:00", "2026-01-31T12:00Z",
		"2026-01-31 12:00:00Z", "2026-01-31T12:00:00.5Z",
		"2026-01-31T12:00:00+00:00", "2026-01-31T12:00:00z",
		"2026-01-31T12:00:00Zx", "2026-01-31T12:00:00Z ",
		" 2026-01-31T12:00:00Z", "2026-1-31T12:00:00Z", "7d",
		"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
		"2026-01-31T24:00:00Z", "2026-01-31T12:60:00Z",
		"2026-01-31T12:00:60Z", "+026-01-31T12:00:00Z",
	};
	time_t				t;
	size_t				i;

	ck_assert_int_eq(when_parse_stored("2026-01-31T12:00:00Z", &t), 0);
	ck_assert_int_eq(t, NOW);
	ck_assert_int_eq(when_parse_stored("2024-02-29T23:59:59Z", &t), 0);
	ck_assert_int_eq(t, 1709164800 + 86399);
	ck_assert_int_eq(when_parse_stored("1970-01-01T00:00:00Z", &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(when_parse_stored("1969-12-31T23:59:59Z", &t), 0);
	ck_assert_int_eq(t, -1);
	ck_assert_int_eq(when_parse_stored("0000-01-01T00:00:00Z", &t), 0);
	ck_assert_int_eq(t, WHEN_MIN);
	ck_assert_int_eq(when_parse_stored("9999-12-31T23:59:59Z", &t), 0);
	ck_assert_int_eq(t, WHEN_MAX);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		t = 12345;
		ck_assert_msg(when_parse_stored(bad[i], &t) == -1, "'%s' taken",
		    bad[i]);
		ck_assert_int_eq(t, 12345);
	}
}
END_TEST

static Suite *
when_suite(void)
{
	Suite	*s = suite_create("when");
	TCase	*tc = tcase_create("when");

	tcase_add_test(tc, test_when_dates_and_times);
	tcase_add_test(tc, test_when_offsets);
	tcase_add_test(tc, test_when_leap_years);
	tcase_add_test(tc, test_when_edges);
	tcase_add_test(tc, test_when_spans);
	tcase_add_test(tc, test_when_refusals);
	tcase_add_test(tc, test_when_err_space);
	tcase_add_test(tc, test_when_stored);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(when_suite());
}
