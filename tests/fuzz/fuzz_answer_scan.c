/* libFuzzer target for model/answer_scan.c, the stored results' fast
 * reader (scalec agreement, stats, consensus): any bytes as a stored
 * result. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_answer_scan -max_total_time=60
 * It never reads out of its bytes, and
 *  - where it takes the whole result, the answer must be the one the
 *    general way makes of the bytes (jansson, then answer_load_lenient):
 *    the same values, present in the same controls, nothing kept aside;
 *  - where it takes one control alone (the agreement's reading), and
 *    jansson takes the bytes with no key twice (as every stored result
 *    is), that control's value is the general way's and every other
 *    control is empty;
 *  - where answer_scan_boxes (the export's reading) takes it, boxes
 *    and their kept keys too, the answer is the general way's, written
 *    back (answer_emit) to the same bytes.
 * A difference aborts; a crash, leak or sanitizer report is the bug.
 * The config has the controls of both earlier targets' corpora (stats'
 * label/tags/ents/..., agreement's c/s/r). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/answer_scan.h"
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
	"  - {name: stars, kind: rating, max: 3}\n"
	"  - name: c\n"
	"    kind: multichoice\n"
	"    labels: [{name: a}, {name: \"b \\\"q\\\"\"}, {name: é}]\n"
	"  - {name: s, kind: spans, labels: [PER, ORG]}\n"
	"  - {name: r, kind: rating}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct answer		*fast, *slow;
	json_t			*j, *once;
	char			*text;
	size_t			 i, k;

	if (cfg == NULL && (cfg = config_parse(yaml, strlen(yaml),
	    "fuzz.yaml")) == NULL)
		abort();
	/* Exactly the bytes, nothing after them: a read past the end is
	 * ASan's to see. */
	text = malloc(len + 1);
	memcpy(text, data, len);
	fast = answer_new(cfg, NULL);
	slow = answer_new(cfg, NULL);
	j = json_loadb(text, len, 0, NULL);
	answer_load_lenient(slow, j);
	once = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (answer_scan(fast, text, len, NULL)) {
		if (!answer_equal(fast, slow) ||
		    json_object_size(slow->extra) != 0)
			abort();
		for (i = 0; i < fast->n; i++)
			if (fast->v[i].present != slow->v[i].present)
				abort();
	}
	for (i = 0; i < fast->n; i++) {
		if (!answer_scan(fast, text, len, fast->v[i].control))
			continue;
		for (k = 0; k < fast->n; k++)
			if (k != i && fast->v[k].present)
				abort();
		if (once == NULL || !json_is_object(once))
			continue;
		if (fast->v[i].present != slow->v[i].present ||
		    (fast->v[i].present && !ans_value_equal(&fast->v[i],
		    &slow->v[i])))
			abort();
	}
	/* The export's reading, boxes too: the same answer, their kept
	 * keys in the same order (compared as answer_emit writes them). */
	if (answer_scan_boxes(fast, text, len)) {
		char	*x, *y;
		json_t	*ex = answer_emit(fast), *ey = answer_emit(slow);

		x = json_dumps(ex, 0);
		y = json_dumps(ey, 0);
		if (!answer_equal(fast, slow) ||
		    json_object_size(slow->extra) != 0 || x == NULL ||
		    y == NULL || strcmp(x, y) != 0)
			abort();
		for (i = 0; i < fast->n; i++)
			if (fast->v[i].present != slow->v[i].present)
				abort();
		free(x);
		free(y);
		json_decref(ex);
		json_decref(ey);
	}
	json_decref(j);
	json_decref(once);
	answer_free(fast);
	answer_free(slow);
	free(text);
	return 0;
}
