/* libFuzzer target for the Label Studio readers and writers through
 * foreign.h: any bytes as an import file (JSON-MIN when the first byte is
 * a space, else the full JSON; a second space drops relations), against a
 * config with a spans and a choice control. A task has a text or an image;
 * a text task's text comes back the same through the writer (roundtrip.h),
 * and a result the checks take is written with its task and read back to
 * an equal answer. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_labelstudio -max_total_time=60 tests/fuzz/corpus/labelstudio */
#include "foreign.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	const struct format	*fmt = len > 0 && data[0] == ' ' ?
				    &format_labelstudio_min :
				    &format_labelstudio;
	struct reader_opts	 ro;
	struct answer_task	 t;
	struct reader		 r;
	struct record		 rec;
	char			*res;
	FILE			*f;

	error_set_handler(foreign_quiet);
	if (cfg == NULL && (cfg = config_parse(foreign_yaml,
	    strlen(foreign_yaml), "fuzz")) == NULL)
		abort();
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	ro.drop_relations = len > 1 && data[1] == ' ';
	if (reader_open_opts(&r, fmt, f, "fuzz", &ro) == 0) {
		while (reader_next(&r, &rec) == 1) {
			if ((rec.text == NULL) == (rec.image == NULL))
				abort();
			if (rec.text == NULL)
				continue;
			memset(&t, 0, sizeof t);
			t.text = rec.text;
			t.text_len = rec.text_len;
			res = foreign_result(cfg, rec.annotations, &t);
			if (res == NULL)
				res = foreign_result(cfg, rec.predictions, &t);
			if (res != NULL)
				foreign_back(fmt, cfg, &rec, res, &t);
			free(res);
			roundtrip(fmt, &rec, 0);
		}
	}
	reader_close(&r);
	fclose(f);
	return 0;
}
