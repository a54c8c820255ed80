/* libFuzzer target for formats/prodigyscan.c, the Prodigy import's
 * scanner, and the Prodigy export's direct lines: any bytes as a Prodigy
 * file, read both ways and each record written back both ways
 * (prodigyboth.h). Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_prodigyscan -max_total_time=600 \
 *	    tests/fuzz/corpus/prodigyscan
 * The first byte picks the project: ' ' a spans control only, '\t' with
 * --offsets utf16, else spans and a choice. Any difference between the
 * transcripts (a record, an error's message, a line written) aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prodigyboth.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char spans_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n";
static const char both_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*spans, *two;
	static struct buf	 fast, slow;
	struct reader_opts	 ro;

	if (spans == NULL) {
		spans = config_parse(spans_yaml, strlen(spans_yaml), "fuzz");
		two = config_parse(both_yaml, strlen(both_yaml), "fuzz");
		if (spans == NULL || two == NULL)
			abort();
	}
	if (len == 0)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.cfg = data[0] == ' ' || data[0] == '\t' ? spans : two;
	ro.user = "fuzz";
	ro.offsets = data[0] == '\t' ? OFFSETS_UTF16 : OFFSETS_DEFAULT;
	if (!prodigy_both(data, len, &ro, &fast, &slow)) {
		fprintf(stderr, "scanned:\n%s\ntree:\n%s\n", buf_str(&fast),
		    buf_str(&slow));
		abort();
	}
	return 0;
}
