/* One clock for the whole program, so that tests can fix it. When
 * SCALEC_NOW holds a time in the stored form (2026-01-31T12:00:00Z), read
 * once, the clock stands at that moment for the whole process and every
 * duration is 0, so the exports of a test run are the same byte for byte
 * from run to run. An empty SCALEC_NOW is as good as none. A bad one is
 * reported once, as a warning, and ignored: the real clock runs. It is not
 * fatal because clock_now cannot fail: it stands where time(3) stood, deep
 * in the store and mid-transaction, with no way to refuse; and a test that
 * sets a bad value still sees the warning and real times in its output. */
#ifndef SCALEC_CLOCK_H
#define SCALEC_CLOCK_H

#include <time.h>

#define CLOCK_ISO_LEN	21	/* "2026-01-31T12:00:00Z" and the NUL */

/* Seconds since the epoch: the fixed moment, or time(3). */
time_t	 clock_now(void);
/* A monotonic reading in seconds, to measure durations with clock_since;
 * 0 under a fixed clock. */
double	 clock_start(void);
/* Seconds since start, a clock_start reading; 0 under a fixed clock. */
double	 clock_since(double start);
/* Writes t in the stored form, the only one the database holds, and
 * returns out. A t outside the years 0000 to 9999 (WHEN_MIN, WHEN_MAX in
 * util/when.h) is written as the nearer end of them. */
char	*clock_iso(time_t t, char out[CLOCK_ISO_LEN]);
/* Forgets what SCALEC_NOW said, so that the next reading looks again: for
 * tests. */
void	 clock_reset(void);

#endif
