/* libFuzzer target for model/answer_fast.c, the stats walk's fast path
 * of answer_load_lenient: any bytes as a stored result. Where the fast
 * path takes them, the answer must be the one the general way makes of
 * them (jansson, then answer_load_lenient): the same values, present in
 * the same controls. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_answer_fast -max_total_time=60
 * A difference aborts; a crash, leak or sanitizer report is the bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n"
	"  - {name: tags, kind: multichoice, labels: [a, b, {name: old,"
	" retired: true}]}\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: boxes, kind: boxes, labels: [car]}\n"
	"  - {name: note, kind: text}\n"
	"  - {name: stars, kind: rating, max: 3}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct answer		*fast, *slow;
	json_t			*j;
	char			*text;
	size_t			 i;

	if (cfg == NULL && (cfg = config_parse(yaml, strlen(yaml),
	    "fuzz.yaml")) == NULL)
		abort();
	text = malloc(len + 1);
	memcpy(text, data, len);
	text[len] = '\0';
	fast = answer_new(cfg, NULL);
	slow = answer_new(cfg, NULL);
	if (answer_load_fast(fast, text)) {
		/* What the general way reads: up to a NUL, as the store's
		 * text is. */
		j = json_loads(text, 0, NULL);
		answer_load_lenient(slow, j);
		json_decref(j);
		if (!answer_equal(fast, slow) ||
		    json_object_size(slow->extra) != 0)
			abort();
		for (i = 0; i < fast->n; i++)
			if (fast->v[i].present != slow->v[i].present)
				abort();
	}
	answer_free(fast);
	answer_free(slow);
	free(text);
	return 0;
}
