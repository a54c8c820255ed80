/* libFuzzer target for the doccano and spaCy pairs readers' scanners
 * (formats/tagscan.h): any bytes as a doccano or spaCy file, read both
 * ways (tagboth.h). Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_tagscan -max_total_time=600 tests/fuzz/corpus/tagscan
 * The first byte picks the format (its low bit: doccano, spacy), the
 * project (bits 1-2: spans only, spans and a choice, a choice only, no
 * control) and --offsets (bits 3-4: default, codepoint, utf16,
 * grapheme). Any difference between the transcripts (a record, an
 * error's message) aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tagboth.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const yamls[] = {
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n",
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n",
	"type: custom\n"
	"controls:\n"
	"  - {name: label, kind: multichoice, labels: [pos, neg]}\n",
	"type: custom\n"
	"controls:\n"
	"  - {name: note, kind: text}\n",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg[4];
	static struct buf	 fast, slow;
	static const enum offset_unit units[] = { OFFSETS_DEFAULT,
	    OFFSETS_CODEPOINT, OFFSETS_UTF16, OFFSETS_GRAPHEME };
	struct reader_opts	 ro;
	size_t			 i;

	if (cfg[0] == NULL)
		for (i = 0; i < 4; i++)
			if ((cfg[i] = config_parse(yamls[i], strlen(yamls[i]),
			    "fuzz")) == NULL)
				abort();
	if (len == 0)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg[(data[0] >> 1) & 3];
	ro.user = "fuzz";
	ro.offsets = units[(data[0] >> 3) & 3];
	if (ro.offsets == OFFSETS_GRAPHEME && !offset_graphemes())
		ro.offsets = OFFSETS_UTF16;
	if (!tag_both(data[0] & 1 ? &format_spacy : &format_doccano,
	    data + 1, len - 1, &ro, &fast, &slow)) {
		fprintf(stderr, "scanned:\n%s\ntree:\n%s\n", buf_str(&fast),
		    buf_str(&slow));
		abort();
	}
	return 0;
}
