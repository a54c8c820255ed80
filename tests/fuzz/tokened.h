/* For the fuzz targets of the formats that tag tokens (CoNLL, spaCy): any
 * bytes as an import file, read against a config with a spans and a choice
 * control. Every record's stored tokens fit its text; a record whose
 * annotation the checks take is written (with its tokens and meta) by the
 * same format and read back to the same text, tokens, meta and answer.
 * Errors are expected; a crash, a leak, a sanitizer report or a record
 * that changes is the bug. */
#ifndef SCALEC_FUZZ_TOKENED_H
#define SCALEC_FUZZ_TOKENED_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/tokens.h"
#include "util/error.h"
#include "util/sink.h"

static const char tokened_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n";

static void
tokened_quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

static int
tokened_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

/* Writes rec with result as its one annotation, reads it back, compares. */
static void
tokened_back(const struct format *fmt, const struct config *cfg,
    const struct record *rec, json_t *result, struct answer_task *t,
    int scheme)
{
	struct out_annotation	 a;
	struct out_task		 ot;
	struct reader_opts	 ro;
	struct writer_opts	 wo;
	struct writer		 w;
	struct reader		 r;
	struct record		 back;
	struct answer		*x, *y;
	struct sink		*sink;
	char			*s = NULL, *res, *meta, *meta2, err[256];
	size_t			 len = 0;
	json_t			*r2;
	FILE			*f;

	res = json_dumps(result, JSON_COMPACT);
	meta = rec->meta != NULL ? json_dumps(rec->meta, JSON_COMPACT |
	    JSON_SORT_KEYS) : NULL;
	memset(&a, 0, sizeof a);
	a.user = "fuzz";
	a.state = "submitted";
	a.result = res;
	memset(&ot, 0, sizeof ot);
	ot.id = 1;
	ot.kind = "text";
	ot.text = rec->text;
	ot.tokens = rec->tokens;
	ot.meta = meta;
	ot.annotations = &a;
	ot.nannotations = 1;
	memset(&wo, 0, sizeof wo);
	wo.scheme = scheme;
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin_opts(&w, fmt, cfg, sink, &wo) == -1 ||
	    writer_write(&w, &ot) == -1 || writer_end(&w, 1) == -1 ||
	    sink_commit(sink) == -1)
		abort();
	fclose(f);
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	ro.scheme = scheme;
	if ((f = fmemopen(s, len, "r")) == NULL)
		abort();
	if (reader_open_opts(&r, fmt, f, "back", &ro) == -1 ||
	    reader_next(&r, &back) != 1)
		abort();
	if (strcmp(rec->text, back.text) != 0 ||
	    !tokened_same(rec->tokens, back.tokens))
		abort();
	meta2 = back.meta != NULL ? json_dumps(back.meta, JSON_COMPACT |
	    JSON_SORT_KEYS) : NULL;
	if (!tokened_same(meta, meta2))
		abort();
	x = answer_new(cfg, t);
	y = answer_new(cfg, t);
	if (answer_load(x, result, ANSWER_ALLOW_RETIRED, err, sizeof err) ==
	    -1)
		abort();
	r2 = json_object_get(json_array_get(back.annotations, 0), "result");
	if (r2 == NULL || answer_load(y, r2, ANSWER_ALLOW_RETIRED, err,
	    sizeof err) == -1 || !answer_equal(x, y))
		abort();
	answer_free(x);
	answer_free(y);
	reader_close(&r);
	fclose(f);
	free(s);
	free(res);
	free(meta);
	free(meta2);
}

static int
tokened_fuzz(const struct format *fmt, const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct reader_opts	 ro;
	struct answer_task	 t;
	struct tokens		 tok = TOKENS_INIT;
	struct reader		 r;
	struct record		 rec;
	char			 err[256];
	json_t			*res;
	FILE			*f;

	error_set_handler(tokened_quiet);
	if (cfg == NULL && (cfg = config_parse(tokened_yaml,
	    strlen(tokened_yaml), "fuzz")) == NULL)
		abort();
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	/* A first byte of 1 to 4 is a --scheme. */
	ro.scheme = data[0] >= 1 && data[0] <= 4 ? data[0] : 0;
	if (reader_open_opts(&r, fmt, f, "fuzz", &ro) == 0) {
		while (reader_next(&r, &rec) == 1) {
			if (rec.text == NULL)
				abort();
			if (rec.tokens != NULL && tokens_decode(&tok,
			    rec.tokens, rec.text, rec.text_len) == -1)
				abort();
			memset(&t, 0, sizeof t);
			t.text = rec.text;
			t.text_len = rec.text_len;
			res = json_object_get(json_array_get(rec.annotations,
			    0), "result");
			if (res != NULL && answer_check(cfg, res, &t,
			    ANSWER_ALLOW_RETIRED, err, sizeof err) == 0)
				tokened_back(fmt, cfg, &rec, res, &t,
				    ro.scheme);
		}
	}
	tokens_release(&tok);
	reader_close(&r);
	fclose(f);
	return 0;
}

#endif
