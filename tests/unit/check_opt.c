/* Unit tests for util/opt: options bound to the fields of a struct by
 * their offsets (flags, strings, numbers in a range, times through
 * util/when, values through a parse function), two tables into two
 * structs, operands moved to the front in order, and every refusal with
 * its exit status and message (run in a child, as they exit). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/opt.h"

#include "runner.h"

struct opts {
	int			 flag;
	const char		*name;
	long			 count;
	struct opt_time		 since;
	int			 colour;	/* through parse_colour */
};

struct more {
	const char		*project;
};

static int
parse_colour(const char *arg, void *dst, char *err, size_t errlen)
{
	if (strcmp(arg, "red") == 0 || strcmp(arg, "blue") == 0) {
		*(int *)dst = arg[0];
		return 0;
	}
	snprintf(err, errlen, "'%s' is not red or blue", arg);
	return -1;
}

static const char *
colour_help(void)
{
	return "red or blue (made by a function)";
}

static const struct opt table[] = {
	OPT_FLAG('f', "flag", struct opts, flag, "a flag"),
	OPT_STRING('n', "name", struct opts, name, "NAME", "a name"),
	OPT_NUMBER(0, "count", struct opts, count, "N", "a count", 1, 10),
	OPT_TIME(0, "since", struct opts, since, "TIME", "a time"),
	OPT_PARSE_FN('c', "colour", struct opts, colour, int, "COLOUR",
	    colour_help, parse_colour),
	OPT_END
};

static const struct opt more_table[] = {
	OPT_STRING('p', "project", struct more, project, "PROJECT",
	    "a project"),
	OPT_END
};

static const char *const usage[] = {
	"scalec thing [--flag] [--name NAME] OPERAND...",
	NULL
};

/* Parses a NULL-ended argument list (copied: opt_parse moves operands). */
static int
parse(char **args, struct opts *o, struct more *m)
{
	struct opt_set	sets[2] = { { table, o }, { more_table, m } };
	int		n = 0;

	while (args[n] != NULL)
		n++;
	return opt_parse(n, args, sets, m != NULL ? 2 : 1, usage);
}

START_TEST(test_fields)
{
	char		*args[] = { "thing", "one", "-f", "--name", "x",
			    "--count=3", "two", "-c", "red", NULL };
	struct opts	 o = { 0, NULL, 0, { 0, 0 }, 0 };
	int		 n;

	n = parse(args, &o, NULL);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(args[0], "one");
	ck_assert_str_eq(args[1], "two");
	ck_assert_int_eq(o.flag, 1);
	ck_assert_str_eq(o.name, "x");
	ck_assert_int_eq(o.count, 3);
	ck_assert_int_eq(o.colour, 'r');
	ck_assert_int_eq(o.since.given, 0);
}
END_TEST

/* What is not given keeps the value it had (a command's defaults). */
START_TEST(test_defaults_kept)
{
	char		*args[] = { "thing", "op", NULL };
	struct opts	 o = { 0, "default", 7, { 0, 0 }, 'b' };

	ck_assert_int_eq(parse(args, &o, NULL), 1);
	ck_assert_str_eq(o.name, "default");
	ck_assert_int_eq(o.count, 7);
	ck_assert_int_eq(o.colour, 'b');
}
END_TEST

/* Each table fills its own struct; a cluster of short letters and "--"
 * work as getopt's do. */
START_TEST(test_two_tables)
{
	char		*args[] = { "thing", "-fp", "news", "--", "-n", NULL };
	struct opts	 o = { 0, NULL, 0, { 0, 0 }, 0 };
	struct more	 m = { NULL };

	ck_assert_int_eq(parse(args, &o, &m), 1);
	ck_assert_int_eq(o.flag, 1);
	ck_assert_str_eq(m.project, "news");
	ck_assert_ptr_null(o.name);
	ck_assert_str_eq(args[0], "-n");
}
END_TEST

/* A time goes through util/when: a span is back from the clock. */
START_TEST(test_time)
{
	char		*a1[] = { "thing", "--since", "7d", NULL };
	char		*a2[] = { "thing", "--since", "2026-01-31T14:00+02:00",
			    NULL };
	struct opts	 o = { 0, NULL, 0, { 0, 0 }, 0 };

	setenv("SCALEC_NOW", "2026-01-31T12:00:00Z", 1);
	clock_reset();
	ck_assert_int_eq(parse(a1, &o, NULL), 0);
	ck_assert_int_eq(o.since.given, 1);
	ck_assert_int_eq(o.since.t, clock_now() - 7 * 86400);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(parse(a2, &o, NULL), 0);
	ck_assert_int_eq(o.since.t, clock_now());
	unsetenv("SCALEC_NOW");
	clock_reset();
}
END_TEST

/*
 * Runs parse in a child with stderr (or, for want_rc 0, stdout) to a
 * pipe; checks the exit status and that the output holds want.
 */
static void
exits(char **args, int want_rc, const char *want)
{
	struct opts	 o = { 0, NULL, 0, { 0, 0 }, 0 };
	struct more	 m = { NULL };
	char		 out[8192];
	size_t		 len = 0;
	ssize_t		 r;
	pid_t		 pid;
	int		 fds[2], status;

	ck_assert_int_eq(pipe(fds), 0);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		dup2(fds[1], want_rc == 0 ? 1 : 2);
		parse(args, &o, &m);
		_exit(99);	/* it did not exit */
	}
	ck_assert_int_gt(pid, 0);
	close(fds[1]);
	while ((r = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
		len += (size_t)r;
	close(fds[0]);
	out[len] = '\0';
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), want_rc);
	ck_assert_msg(strstr(out, want) != NULL, "'%s' not in:\n%s", want,
	    out);
}

START_TEST(test_refusals)
{
	char	*range[] = { "thing", "--count", "11", NULL };
	char	*notnum[] = { "thing", "--count", "3x", NULL };
	char	*unknown[] = { "thing", "--nope", NULL };
	char	*prefix[] = { "thing", "--na", "x", NULL };
	char	*letter[] = { "thing", "-z", NULL };
	char	*novalue[] = { "thing", "--name", NULL };
	char	*value[] = { "thing", "--flag=1", NULL };
	char	*parsefn[] = { "thing", "-c", "green", NULL };
	char	*when[] = { "thing", "--since", "soon", NULL };

	char	*space[] = { "thing", "--count", " 5", NULL };
	char	*plus[] = { "thing", "--count", "+5", NULL };
	char	*trail[] = { "thing", "--count", "5 ", NULL };
	char	*hex[] = { "thing", "--count", "0x5", NULL };
	char	*minus[] = { "thing", "--count", "-5", NULL };

	exits(space, 2, "--count: ' 5' is not a number from 1 to 10");
	exits(plus, 2, "--count: '+5' is not a number from 1 to 10");
	exits(trail, 2, "--count: '5 ' is not a number from 1 to 10");
	exits(hex, 2, "--count: '0x5' is not a number from 1 to 10");
	exits(minus, 2, "--count: '-5' is not a number from 1 to 10");
	exits(range, 2, "scalec: --count: '11' is not a number from 1 to 10");
	exits(notnum, 2, "--count: '3x' is not a number from 1 to 10");
	exits(unknown, 2, "unknown option '--nope'");
	exits(prefix, 2, "unknown option '--na'");
	exits(letter, 2, "unknown option '-z'");
	exits(novalue, 2, "option '--name' needs a value");
	exits(value, 2, "option '--flag' takes no value");
	exits(parsefn, 2, "--colour: 'green' is not red or blue");
	exits(when, 2, "--since: 'soon'");
	/* and each shows the usage after the message */
	exits(unknown, 2, "usage: scalec thing");
}
END_TEST

/* --help: the usage and every option of both tables, with a help made by
 * a function, on stdout, exit 0. */
/* Numbers are digits: a sign only '-' and only where negatives are in
 * range; no space, no '+', no base; overflow is out of range. */
START_TEST(test_number)
{
	long	v = 7;

	ck_assert_int_eq(opt_number("42", 0, 100, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(opt_number("-3", -10, 10, &v), 0);
	ck_assert_int_eq(v, -3);
	ck_assert_int_eq(opt_number("007", 0, 10, &v), 0);
	ck_assert_int_eq(v, 7);
	v = 99;
	ck_assert_int_eq(opt_number("-3", 0, 10, &v), -1);
	ck_assert_int_eq(opt_number("+3", -10, 10, &v), -1);
	ck_assert_int_eq(opt_number(" 3", 0, 10, &v), -1);
	ck_assert_int_eq(opt_number("3 ", 0, 10, &v), -1);
	ck_assert_int_eq(opt_number("", 0, 10, &v), -1);
	ck_assert_int_eq(opt_number("-", -10, 10, &v), -1);
	ck_assert_int_eq(opt_number("1e3", 0, 10000, &v), -1);
	ck_assert_int_eq(opt_number("99999999999999999999999", 0, 10, &v),
	    -1);
	ck_assert_int_eq(v, 99);
}
END_TEST

START_TEST(test_help)
{
	char	*help[] = { "thing", "x", "--help", NULL };

	exits(help, 0, "usage: scalec thing [--flag]");
	exits(help, 0, "-c, --colour COLOUR        red or blue (made by a"
	    " function)");
	exits(help, 0, "-p, --project PROJECT      a project");
	exits(help, 0, "--help                 show this help");
}
END_TEST

static Suite *
opt_suite(void)
{
	Suite	*s = suite_create("opt");
	TCase	*tc = tcase_create("parse");

	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_defaults_kept);
	tcase_add_test(tc, test_two_tables);
	tcase_add_test(tc, test_time);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_help);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(opt_suite());
}
