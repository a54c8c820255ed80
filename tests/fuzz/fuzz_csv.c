/* libFuzzer target for the CSV and TSV readers: any bytes as an import
 * file, read as CSV and then as TSV. Not part of make check; build and run
 * with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_csv -max_total_time=60
 * A record must be a text or an image, its text as long as it says, and
 * what the writer makes of it must read back the same (roundtrip.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "util/error.h"

#include "roundtrip.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

static void
read_all(const struct format *fmt, const uint8_t *data, size_t len)
{
	struct reader	 r;
	struct record	 rec;
	FILE		*f;

	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		return;
	if (reader_open(&r, fmt, f, "fuzz") == 0) {
		while (reader_next(&r, &rec) == 1) {
			if ((rec.text == NULL) == (rec.image == NULL))
				abort();
			if (rec.text != NULL &&
			    strlen(rec.text) != rec.text_len)
				abort();
			roundtrip(fmt, &rec, 0);
		}
	}
	reader_close(&r);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	error_set_handler(quiet);
	if (len == 0)
		return 0;
	read_all(&format_csv, data, len);
	read_all(&format_tsv, data, len);
	return 0;
}
