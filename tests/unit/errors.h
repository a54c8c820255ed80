/* For the Check programs: what error() and warning() report goes into
 * buffers a test reads, instead of to stderr. errors_keep() in a fixture's
 * setup, errors_drop() in its teardown. */
#ifndef SCALEC_TEST_ERRORS_H
#define SCALEC_TEST_ERRORS_H

#include <stdio.h>
#include <string.h>

#include "util/error.h"

static char	last_error[1024];	/* the last error message */
static char	warnings[4096];		/* every warning, one a line */

static void
keep_error(int is_warning, const char *msg)
{
	size_t	n = strlen(warnings);

	if (!is_warning)
		snprintf(last_error, sizeof last_error, "%s", msg);
	else if (n < sizeof warnings)
		snprintf(warnings + n, sizeof warnings - n, "%s\n", msg);
}

static void __attribute__((unused))
errors_keep(void)
{
	last_error[0] = warnings[0] = '\0';
	error_set_handler(keep_error);
}

static void __attribute__((unused))
errors_drop(void)
{
	error_set_handler(NULL);
}

#endif
