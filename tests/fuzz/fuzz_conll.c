/* libFuzzer target for the CoNLL reader and writer (tokened.h): any bytes
 * as a CoNLL import file. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_conll -max_total_time=60 tests/fuzz/corpus/conll */
#include "tokened.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return tokened_fuzz(&format_conll, data, len);
}
