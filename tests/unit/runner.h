/* Runs a test program's suite, under the UTF-8 locale that scalec's main
 * makes sure of (display widths and letters depend on it), and gives the
 * exit status for main. */
#ifndef SCALEC_TEST_RUNNER_H
#define SCALEC_TEST_RUNNER_H

#include <check.h>
#include <locale.h>

static int __attribute__((unused))
run_suite(Suite *s)
{
	SRunner	*sr;
	int	 failed;

	setlocale(LC_ALL, "C.UTF-8");
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

#endif
