/* libFuzzer target for model/answer_scan.c, the stored results' fast
 * reader (scalec agreement, stats, consensus, and the export's
 * writer_answer): any bytes as a stored result. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_answer_scan -max_total_time=60
 * It never reads out of its bytes, and
 *  - where it takes the whole result, the answer must be the one the
 *    general way makes of the bytes (jansson, then answer_load_lenient):
 *    the same values, present in the same controls, nothing kept aside,
 *    and no span or box with other keys (the quality walks' reading
 *    declines them: tests/unit/check_quality.c pins it);
 *  - where it takes one control alone (the agreement's reading), and
 *    jansson takes the bytes with no key twice (as every stored result
 *    is), that control's value is the general way's and every other
 *    control is empty;
 *  - where answer_scan_boxes (the export's reading) takes it, boxes,
 *    and spans and boxes with their other keys kept (Prodigy's and a
 *    CoNLL import's token_start and token_end, a score, VOC's pose),
 *    the answer is the general way's, each span's and box's kept keys
 *    the same in the same order, written back (answer_emit) to the
 *    same bytes; and where it declines, answer_scan does too (it takes
 *    no more than the export's reading);
 *  - where answer_scan_check (an import's check of a result as text)
 *    takes it, for a text task and for an image one, jansson takes the
 *    bytes and the strict check (answer_check_in, retired labels
 *    allowed) passes them, leaving the tree as it was.
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

/* 1 when two items' kept keys are the same, in the same order, with
 * values of the same type (an integer is not a real): what the export
 * writes of them. */
static int
same_more(json_t *a, json_t *b)
{
	void	*ia, *ib;

	if (a == NULL || b == NULL)
		return a == b;
	if (json_object_size(a) != json_object_size(b))
		return 0;
	for (ia = json_object_iter(a), ib = json_object_iter(b); ia != NULL;
	    ia = json_object_iter_next(a, ia), ib = json_object_iter_next(b,
	    ib))
		if (ib == NULL || strcmp(json_object_iter_key(ia),
		    json_object_iter_key(ib)) != 0 ||
		    json_typeof(json_object_iter_value(ia)) !=
		    json_typeof(json_object_iter_value(ib)) ||
		    !json_equal(json_object_iter_value(ia),
		    json_object_iter_value(ib)))
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct answer		*fast, *slow;
	json_t			*j, *once;
	char			*text;
	size_t			 i, k;
	int			 quality;

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
	if ((quality = answer_scan(fast, text, len, NULL))) {
		if (!answer_equal(fast, slow) ||
		    json_object_size(slow->extra) != 0)
			abort();
		for (i = 0; i < fast->n; i++) {
			if (fast->v[i].present != slow->v[i].present)
				abort();
			for (k = 0; k < fast->v[i].nspans; k++)
				if (fast->v[i].spans[k].more != NULL)
					abort();
		}
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
	if (!answer_scan_boxes(fast, text, len)) {
		if (quality)
			abort();
	} else {
		char	*x, *y;
		json_t	*ex = answer_emit(fast), *ey = answer_emit(slow);

		x = json_dumps(ex, 0);
		y = json_dumps(ey, 0);
		if (!answer_equal(fast, slow) ||
		    json_object_size(slow->extra) != 0 || x == NULL ||
		    y == NULL || strcmp(x, y) != 0)
			abort();
		for (i = 0; i < fast->n; i++) {
			if (fast->v[i].present != slow->v[i].present ||
			    fast->v[i].nspans != slow->v[i].nspans)
				abort();
			for (k = 0; k < fast->v[i].nspans; k++)
				if (!same_more(fast->v[i].spans[k].more,
				    slow->v[i].spans[k].more))
					abort();
			for (k = 0; k < fast->v[i].nboxes; k++)
				if (!same_more(fast->v[i].boxes[k].more,
				    slow->v[i].boxes[k].more))
					abort();
		}
		free(x);
		free(y);
		json_decref(ex);
		json_decref(ey);
	}
	for (i = 0; i < 2; i++) {
		struct answer_task	t = { 0 };
		char			err[256], *x, *y;
		json_t			*r;

		if (i == 0) {
			t.text = "Ada Lovelace met Grace";
			t.text_len = strlen(t.text);
		} else {
			t.width = 160;
			t.height = 120;
		}
		if (!answer_scan_check(fast, text, len, &t))
			continue;
		if ((r = json_loadb(text, len, 0, NULL)) == NULL)
			abort();
		x = json_dumps(r, JSON_COMPACT);
		if (answer_check_in(slow, r, &t, ANSWER_ALLOW_RETIRED, err,
		    sizeof err) != 0)
			abort();
		y = json_dumps(r, JSON_COMPACT);
		if (x == NULL || y == NULL || strcmp(x, y) != 0)
			abort();
		free(x);
		free(y);
		json_decref(r);
	}
	json_decref(j);
	json_decref(once);
	answer_free(fast);
	answer_free(slow);
	free(text);
	return 0;
}
