/* libFuzzer target for src/util/when, the parser of every time a user
 * gives (--since and the like): any bytes, as a time. Not part of make
 * check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_when -max_total_time=60
 * A time it takes lies within the years the stored form can write, and
 * written in the stored form it reads back as the same second; a refusal
 * always says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/when.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*s, err[256], iso[CLOCK_ISO_LEN];
	time_t	 t, back;

	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	err[0] = '\0';
	if (when_parse(s, (time_t)1769860800, &t, err, sizeof err) == 0) {
		if (t < WHEN_MIN || t > WHEN_MAX)
			abort();
		if (when_parse_stored(clock_iso(t, iso), &back) != 0 ||
		    back != t)
			abort();
	} else if (err[0] == '\0')
		abort();
	free(s);
	return 0;
}
