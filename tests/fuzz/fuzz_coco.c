/* libFuzzer target for the COCO reader (imagefuzz.h): any bytes as a COCO
 * file, its images missing but allowed (the file gives their sizes), its
 * pieces kept in a scratch table of the harness's own (memstage.h). Not
 * part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_coco -max_total_time=60 tests/fuzz/corpus/coco */
#include "imagefuzz.h"
#include "memstage.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mem_stage	 ms = { NULL, 0, 0, -1 };
	struct reader_stage	 hooks = { &ms, mem_put, mem_filled, mem_next,
				    mem_each };
	struct reader_opts	 ro;
	struct reader		 r;
	FILE			*f;

	memset(&ro, 0, sizeof ro);
	ro.cfg = imagefuzz_config();
	ro.user = "fuzz";
	ro.base = "/nonexistent";
	ro.allow_missing = 1;
	ro.stage = &hooks;
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open_opts(&r, &format_coco, f, "fuzz", &ro) == 0)
		imagefuzz_read(&r);
	reader_close(&r);
	fclose(f);
	mem_release(&ms);
	return 0;
}
