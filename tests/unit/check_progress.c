/* Unit tests for src/util/progress: silent when stderr is not a terminal;
 * on a terminal (a pseudo-terminal here) it draws the count and erases
 * itself when done. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/progress.h"

#include "runner.h"

static void
nap(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Everything readable from fd now, as a string. */
static void
drain(int fd, char *out, size_t size)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	size_t		len = 0;
	ssize_t		n;

	while (len + 1 < size && poll(&pfd, 1, 100) == 1) {
		if ((n = read(fd, out + len, size - 1 - len)) <= 0)
			break;
		len += (size_t)n;
	}
	out[len] = '\0';
}

/* Runs a bar with stderr on fd: a pause past the first-draw delay, then a
 * thousand quick steps, which must not mean a thousand draws. */
static void
run_bar(int fd)
{
	int	saved = dup(STDERR_FILENO), i;

	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(dup2(fd, STDERR_FILENO), 0);
	progress_start("adding files", 1000);
	nap(300);
	for (i = 0; i < 1000; i++)
		progress_step(1);
	progress_done();
	dup2(saved, STDERR_FILENO);
	close(saved);
}

START_TEST(test_silent_without_a_terminal)
{
	int	p[2];
	char	out[256];

	ck_assert_int_eq(pipe(p), 0);
	run_bar(p[1]);
	close(p[1]);
	drain(p[0], out, sizeof out);
	close(p[0]);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_draws_on_a_terminal)
{
	char	out[8192], *name;
	int	master, slave;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	ck_assert_ptr_nonnull(name = ptsname(master));
	slave = open(name, O_RDWR | O_NOCTTY);
	ck_assert_int_ge(slave, 0);
	run_bar(slave);
	drain(master, out, sizeof out);
	close(slave);
	close(master);
	ck_assert_msg(strstr(out, "adding files [") != NULL, "no bar: %s",
	    out);
	ck_assert_msg(strstr(out, "/1000") != NULL, "no count: %s", out);
	/* no escape sequences, and the last thing written erases the line */
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_int_gt(strlen(out), 2);
	ck_assert_int_eq(out[strlen(out) - 1], '\r');
	/* at most about ten draws a second, not one per step */
	{
		size_t	draws = 0;
		char	*p;

		for (p = out; (p = strstr(p, "adding files")) != NULL; p++)
			draws++;
		ck_assert_uint_ge(draws, 1);
		ck_assert_uint_le(draws, 3);
	}
}
END_TEST

static Suite *
progress_suite(void)
{
	Suite	*s = suite_create("progress");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_silent_without_a_terminal);
	tcase_add_test(tc, test_draws_on_a_terminal);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(progress_suite());
}
