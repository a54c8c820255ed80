/* The program's clock: SCALEC_NOW, looked at by the first reading, or the
 * system's clocks (CLOCK_MONOTONIC for durations). The stored form is
 * written with snprintf, not strftime, whose %Y does not pad the years
 * before 1000 to four digits. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util/clock.h"
#include "util/error.h"
#include "util/when.h"

static enum {
	CLOCK_UNREAD,			/* SCALEC_NOW not looked at yet */
	CLOCK_REAL,
	CLOCK_FIXED,
}		 state;
static time_t	 fixed;			/* the moment, when CLOCK_FIXED */

static int
is_fixed(void)
{
	const char	*s;

	if (state == CLOCK_UNREAD) {
		state = CLOCK_REAL;
		s = getenv("SCALEC_NOW");
		if (s != NULL && *s != '\0') {
			if (when_parse_stored(s, &fixed) == 0)
				state = CLOCK_FIXED;
			else
				warning("SCALEC_NOW: '%s' is not an ISO-8601 UTC"
				    " time like 2026-01-31T12:00:00Z", s);
		}
	}
	return state == CLOCK_FIXED;
}

time_t
clock_now(void)
{
	return is_fixed() ? fixed : time(NULL);
}

double
clock_start(void)
{
	struct timespec	ts;

	if (is_fixed() || clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
clock_since(double start)
{
	double	now;

	if (is_fixed())
		return 0;
	now = clock_start();
	return now > start ? now - start : 0;
}

char *
clock_iso(time_t t, char out[CLOCK_ISO_LEN])
{
	struct tm	tm;

	if (t < WHEN_MIN)
		t = WHEN_MIN;
	if (t > WHEN_MAX)
		t = WHEN_MAX;
	gmtime_r(&t, &tm);
	/* Each % only tells the compiler how wide a field can be. */
	snprintf(out, CLOCK_ISO_LEN, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned int)(tm.tm_year + 1900) % 10000,
	    (unsigned int)(tm.tm_mon + 1) % 100, (unsigned int)tm.tm_mday % 100,
	    (unsigned int)tm.tm_hour % 100, (unsigned int)tm.tm_min % 100,
	    (unsigned int)tm.tm_sec % 100);
	return out;
}

void
clock_reset(void)
{
	state = CLOCK_UNREAD;
}
