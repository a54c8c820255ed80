/* libFuzzer target for the doccano reader and writer (foreign.h): any bytes
 * as a doccano import file. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_doccano -max_total_time=60 tests/fuzz/corpus/doccano */
#include "foreign.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return foreign_fuzz(&format_doccano, data, len);
}
