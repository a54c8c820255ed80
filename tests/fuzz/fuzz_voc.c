/* libFuzzer target for the Pascal VOC reader (imagefuzz.h): any bytes as
 * one VOC XML file, its image missing but allowed (the file's size is
 * the image's), 0-based or, when the input starts with a space, 1-based.
 * Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_voc -max_total_time=60 tests/fuzz/corpus/voc */
#include "imagefuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct reader_opts	 ro;
	struct reader		 r;
	FILE			*f;

	memset(&ro, 0, sizeof ro);
	ro.cfg = imagefuzz_config();
	ro.user = "fuzz";
	ro.base = "/nonexistent";
	ro.allow_missing = 1;
	ro.one_based = len > 0 && data[0] == ' ';
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open_opts(&r, &format_voc, f, "fuzz", &ro) == 0)
		imagefuzz_read(&r);
	reader_close(&r);
	fclose(f);
	return 0;
}
