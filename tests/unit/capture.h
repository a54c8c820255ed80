/* Messages captured instead of printed, for tests that check what error()
 * and warning() say: capture_start routes them here, capture_stop back to
 * stderr. Include once per test program. */
#ifndef SCALEC_TEST_CAPTURE_H
#define SCALEC_TEST_CAPTURE_H

#include <stdio.h>

#include "util/error.h"

static char	captured[1024];	/* the last message as printed, escaped;
				   "warning: " first for a warning */
static int	captured_count;	/* messages since capture_start */

static void
capture_keep(int is_warning, const char *msg)
{
	snprintf(captured, sizeof captured, "%s%s",
	    is_warning ? "warning: " : "", msg);
	captured_count++;
}

static void __attribute__((unused))
capture_start(void)
{
	captured[0] = '\0';
	captured_count = 0;
	error_set_handler(capture_keep);
}

static void __attribute__((unused))
capture_stop(void)
{
	error_set_handler(NULL);
}

#endif
