/* For the fuzz targets of the formats that tag tokens (CoNLL, spaCy): any
 * bytes as an import file, read against a config with a spans and a choice
 * control. Every record's stored tokens fit its text; a file read whole,
 * every record's annotation one the checks take, is written (each with
 * its tokens and meta) by the same format and read back to the same
 * records: text, tokens, meta and answer.
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

/* A record as it was read, kept for the trip back. */
struct tokened_rec {
	char	*text, *tokens, *meta, *result;	/* result: NULL for none */
};

static char *
tokened_dup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static int
tokened_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

static int
tokened_keep(struct tokened_rec *k, const struct config *cfg,
    const struct record *rec)
{
	struct answer_task	 t;
	json_t			*res, *own = NULL, *meta, *ownmeta = NULL;
	char			 err[256], *back;
	int			 rc;

	memset(&t, 0, sizeof t);
	t.text = rec->text;
	t.text_len = rec->text_len;
	res = json_object_get(json_array_get(rec->annotations, 0), "result");
	/* A result as text (CoNLL's): JSON whose JSON_COMPACT dump is the
	 * same bytes, which the store keeps as given. */
	if (rec->nanns > 0 && rec->anns[0].result != NULL) {
		res = own = json_loadb(rec->anns[0].result,
		    rec->anns[0].result_len, 0, NULL);
		back = res != NULL ? json_dumps(res, JSON_COMPACT) : NULL;
		if (back == NULL || strlen(back) != rec->anns[0].result_len ||
		    memcmp(back, rec->anns[0].result, rec->anns[0].result_len)
		    != 0)
			abort();
		free(back);
	}
	rc = res != NULL ? answer_check(cfg, res, &t, ANSWER_ALLOW_RETIRED,
	    err, sizeof err) : 0;
	if (rc == -1) {
		json_decref(own);
		return -1;	/* not a result the store would take */
	}
	k->text = strdup(rec->text);
	k->tokens = tokened_dup(rec->tokens);
	/* At the precision the JSON writers use (format.c's); a scanned
	 * record's meta comes as text (meta_json), the tree's as an object:
	 * the same either way. */
	meta = rec->meta;
	if (meta == NULL && rec->meta_json != NULL &&
	    (meta = ownmeta = json_loads(rec->meta_json, 0, NULL)) == NULL)
		abort();
	k->meta = meta != NULL ? json_dumps(meta, JSON_COMPACT |
	    JSON_SORT_KEYS | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(ownmeta);
	k->result = res != NULL ? json_dumps(res, JSON_COMPACT) : NULL;
	json_decref(own);
	return 0;
}

/* 1 when the two results are the same answer. */
static int
tokened_equal(const struct config *cfg, const char *a, const char *b,
    const char *text)
{
	struct answer_task	 t;
	struct answer		*x, *y;
	json_t			*ja, *jb;
	char			 err[256];
	int			 same;

	if (a == NULL || b == NULL)
		return a == NULL && b == NULL;
	memset(&t, 0, sizeof t);
	t.text = text;
	t.text_len = strlen(text);
	x = answer_new(cfg, &t);
	y = answer_new(cfg, &t);
	ja = json_loads(a, 0, NULL);
	jb = json_loads(b, 0, NULL);
	if (answer_load(x, ja, ANSWER_ALLOW_RETIRED, err, sizeof err) == -1 ||
	    answer_load(y, jb, ANSWER_ALLOW_RETIRED, err, sizeof err) == -1)
		abort();
	same = answer_equal(x, y);
	json_decref(ja);
	json_decref(jb);
	answer_free(x);
	answer_free(y);
	return same;
}

/* Writes the n records with the same format, one export, reads them back
 * and compares them one by one. */
static void
tokened_back(const struct format *fmt, const struct config *cfg,
    const struct tokened_rec *k, size_t n, int scheme)
{
	struct out_annotation	 a;
	struct out_task		 ot;
	struct reader_opts	 ro;
	struct writer_opts	 wo;
	struct writer		 w;
	struct reader		 r;
	struct record		 back;
	struct sink		*sink;
	struct tokened_rec	 got;
	char			*s = NULL;
	size_t			 len = 0, i;
	FILE			*f;

	memset(&wo, 0, sizeof wo);
	wo.scheme = scheme;
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin_opts(&w, fmt, cfg, sink, &wo) == -1)
		abort();
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof a);
		a.user = "fuzz";
		a.state = "submitted";
		a.result = k[i].result;
		memset(&ot, 0, sizeof ot);
		ot.id = (int64_t)i + 1;
		ot.kind = "text";
		ot.text = k[i].text;
		ot.tokens = k[i].tokens;
		ot.meta = k[i].meta;
		ot.annotations = &a;
		ot.nannotations = k[i].result != NULL;
		if (writer_write(&w, &ot) == -1)
			abort();
	}
	if (writer_end(&w, 1) == -1 || sink_commit(sink) == -1)
		abort();
	fclose(f);
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	ro.scheme = scheme;
	if ((f = fmemopen(s, len, "r")) == NULL ||
	    reader_open_opts(&r, fmt, f, "back", &ro) == -1)
		abort();
	for (i = 0; i < n; i++) {
		if (reader_next(&r, &back) != 1 || tokened_keep(&got, cfg,
		    &back) == -1)
			abort();
		if (strcmp(got.text, k[i].text) != 0 ||
		    !tokened_same(got.tokens, k[i].tokens) ||
		    !tokened_same(got.meta, k[i].meta) ||
		    !tokened_equal(cfg, got.result, k[i].result, got.text))
			abort();
		free(got.text);
		free(got.tokens);
		free(got.meta);
		free(got.result);
	}
	if (reader_next(&r, &back) != 0)
		abort();
	reader_close(&r);
	fclose(f);
	free(s);
}

static int
tokened_fuzz(const struct format *fmt, const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct reader_opts	 ro;
	struct tokens		 tok = TOKENS_INIT;
	struct tokened_rec	*k = NULL;
	struct reader		 r;
	struct record		 rec;
	size_t			 n = 0, i;
	int			 rc, all = 1;
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
	rc = reader_open_opts(&r, fmt, f, "fuzz", &ro);
	while (rc == 0 && (rc = reader_next(&r, &rec)) == 1) {
		rc = 0;
		if (rec.text == NULL)
			abort();
		if (rec.tokens != NULL && tokens_decode(&tok, rec.tokens,
		    rec.text, rec.text_len) == -1)
			abort();
		if ((k = realloc(k, (n + 1) * sizeof *k)) == NULL)
			abort();
		if (tokened_keep(&k[n], cfg, &rec) == -1)
			all = 0;
		else
			n++;
	}
	/* A whole file read, every record one the store would take: the
	 * same records come back through the writer. */
	if (rc == 0 && all && n > 0)
		tokened_back(fmt, cfg, k, n, ro.scheme);
	for (i = 0; i < n; i++) {
		free(k[i].text);
		free(k[i].tokens);
		free(k[i].meta);
		free(k[i].result);
	}
	free(k);
	tokens_release(&tok);
	reader_close(&r);
	fclose(f);
	return 0;
}

#endif
