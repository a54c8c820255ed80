/* libFuzzer target for the Label Studio readers and writers through
 * foreign.h: any bytes as an import file (JSON-MIN when the third byte is
 * a space, else the full JSON; the first and second as foreign.h says),
 * against a config with a spans and a choice control. A task has a text or
 * an image; a text task's text comes back the same through the writer
 * (roundtrip.h), and a result the checks take is written with its task and
 * read back to an equal answer. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_labelstudio -max_total_time=60 tests/fuzz/corpus/labelstudio */
#include "foreign.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return foreign_fuzz_any(len > 2 && data[2] == ' ' ?
	    &format_labelstudio_min : &format_labelstudio, data, len, 1);
}
