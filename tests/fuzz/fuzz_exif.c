/* libFuzzer target for src/util/exif.c: any bytes as a JPEG's head. Not
 * part of make check; build and run with
 *	make fuzz CC=clang && tests/fuzz/fuzz_exif -max_total_time=60
 * The orientation is always one of EXIF's eight, and the reader reads
 * only the bytes it is given (ASan sees a copy of exactly len bytes). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/exif.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	uint8_t	*copy = malloc(len > 0 ? len : 1);
	int	 o;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, len);
	o = exif_orientation(copy, len);
	if (o < 1 || o > 8)
		abort();
	free(copy);
	return 0;
}
