/* libFuzzer target for the JSONL reader and result checks: any bytes as an
 * import file; every record's predictions and annotations (their review
 * rows' fixes too), its final answer and its gold answer are checked
 * against a config with a control of each kind, as import does, and what
 * the writer makes of a record must read back the same (roundtrip.h); a
 * gold answer scores 1 against itself and 0 to 1 against each
 * annotation (answer_score). Not
 * part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_jsonl -max_total_time=60
 * Errors are expected; a crash, leak or sanitizer report is the bug. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "model/config.h"
#include "model/answer.h"
#include "util/error.h"

#include "roundtrip.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n"
	"  - {name: tags, kind: multichoice, labels: [a, b]}\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: boxes, kind: boxes, labels: [car]}\n"
	"  - {name: regions, kind: polygons, labels: [sky]}\n"
	"  - {name: note, kind: text}\n"
	"  - {name: stars, kind: rating, max: 3}\n";

static void
quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

static void
check_list(const struct config *cfg, json_t *list, struct answer_task *t)
{
	char	 err[256];
	json_t	*e;
	size_t	 i;

	json_array_foreach(list, i, e)
		answer_check(cfg, json_object_get(e, "result"), t,
		    ANSWER_ALLOW_RETIRED, err, sizeof err);
}

/* A gold answer that checks is scored against itself (1, both ways) and
 * against each annotation that checks (from 0 to 1). */
static void
score_gold(const struct config *cfg, const struct record *rec,
    struct answer_task *t)
{
	struct answer	*gold, *got;
	char		 err[256];
	double		 s, l;
	json_t		*e;
	size_t		 i;

	if (!json_is_object(rec->gold))
		abort();
	if (answer_check(cfg, rec->gold, t, 0, err, sizeof err) == -1)
		return;
	gold = answer_new(cfg, t);
	got = answer_new(cfg, t);
	if (answer_load(gold, rec->gold, 0, err, sizeof err) == -1)
		abort();
	if (answer_score(gold, gold, &s, &l, NULL) > 0 &&
	    (s < 1 - 1e-9 || l < 1 - 1e-9))
		abort();
	json_array_foreach(rec->annotations, i, e) {
		if (answer_load(got, json_object_get(e, "result"),
		    ANSWER_ALLOW_RETIRED, err, sizeof err) == -1)
			continue;
		(void)answer_score(gold, got, &s, &l, NULL);
		if (!(s >= 0 && s <= 1 && l >= 0 && l <= 1))
			abort();
	}
	answer_free(gold);
	answer_free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct answer_task	 t;
	struct reader		 r;
	struct record		 rec;
	FILE			*f;
	json_t			*e;
	size_t			 i;
	char			 err[256];

	error_set_handler(quiet);
	if (cfg == NULL && (cfg = config_parse(yaml, strlen(yaml), "fuzz"))
	    == NULL)
		abort();
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open(&r, &format_jsonl, f, "fuzz") == 0) {
		while (reader_next(&r, &rec) == 1) {
			if ((rec.text == NULL) == (rec.image == NULL))
				abort();
			memset(&t, 0, sizeof t);
			t.text = rec.text;
			t.text_len = rec.text_len;
			t.width = rec.width;
			t.height = rec.height;
			check_list(cfg, rec.predictions, &t);
			check_list(cfg, rec.annotations, &t);
			json_array_foreach(rec.annotations, i, e)
				check_list(cfg, json_object_get(e, "reviews"),
				    &t);
			if (rec.final_answer != NULL) {
				if (!json_is_object(rec.final_answer))
					abort();
				answer_check(cfg, json_object_get(
				    rec.final_answer, "result"), &t,
				    ANSWER_ALLOW_RETIRED, err, sizeof err);
			}
			if (rec.gold != NULL)
				score_gold(cfg, &rec, &t);
			roundtrip(&format_jsonl, &rec, 0);
		}
	}
	reader_close(&r);
	fclose(f);
	return 0;
}
