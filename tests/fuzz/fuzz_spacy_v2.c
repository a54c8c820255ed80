/* libFuzzer target for the reader and writer of spaCy's v2 JSON
 * (tokened.h): any bytes as such a file. Not part of make check; build
 * and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_spacy_v2 -max_total_time=60 tests/fuzz/corpus/spacy_v2 */
#include "tokened.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return tokened_fuzz(&format_spacy_v2, data, len);
}
