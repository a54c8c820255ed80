/* For the fuzz targets of the formats that bring another tool's
 * annotations (doccano, Prodigy, Label Studio): any bytes as an import
 * file, read against a config with a spans and a choice control. A record's text comes back
 * the same through the writer (roundtrip.h); and an annotation or
 * prediction whose result the checks take is written with the task by the
 * same format and read back to an equal answer (offsets converted out and
 * in again, labels, classes). Errors are expected; a crash, a leak, a
 * sanitizer report or a result that changes is the bug. */
#ifndef SCALEC_FUZZ_FOREIGN_H
#define SCALEC_FUZZ_FOREIGN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/error.h"
#include "util/sink.h"

#include "anntext.h"
#include "roundtrip.h"

static const char foreign_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n";

static void
foreign_quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

/* The first result of list that the checks take, dumped; or NULL. */
static char *
foreign_result(const struct config *cfg, json_t *list,
    struct answer_task *t)
{
	char	 err[256];
	json_t	*e, *res;
	size_t	 i;

	json_array_foreach(list, i, e) {
		res = json_object_get(e, "result");
		if (res != NULL && answer_check(cfg, res, t,
		    ANSWER_ALLOW_RETIRED, err, sizeof err) == 0)
			return json_dumps(res, JSON_COMPACT);
	}
	return NULL;
}

/* Writes the task with result as its one annotation, reads it back and
 * compares the answers. */
static void
foreign_back(const struct format *fmt, const struct config *cfg,
    const struct record *rec, const char *result, struct answer_task *t)
{
	struct out_annotation	 a;
	struct out_task		 ot;
	struct reader_opts	 ro;
	struct writer		 w;
	struct reader		 r;
	struct record		 back;
	struct answer		*x, *y;
	struct sink		*sink;
	char			*s = NULL, err[256];
	size_t			 len = 0;
	json_t			*res, *anns;
	FILE			*f;

	memset(&a, 0, sizeof a);
	a.user = "fuzz";
	a.state = "submitted";
	a.result = result;
	a.updated_at = "2026-01-01T00:00:00Z";
	memset(&ot, 0, sizeof ot);
	ot.id = 1;
	ot.kind = "text";
	ot.text = rec->text;
	ot.annotations = &a;
	ot.nannotations = 1;
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin(&w, fmt, cfg, sink) == -1 ||
	    writer_write(&w, &ot) == -1 || writer_end(&w, 1) == -1 ||
	    sink_commit(sink) == -1)
		abort();
	fclose(f);
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	if ((f = fmemopen(s, len, "r")) == NULL)
		abort();
	if (reader_open_opts(&r, fmt, f, "back", &ro) == -1 ||
	    reader_next(&r, &back) != 1)
		abort();
	x = answer_new(cfg, t);
	y = answer_new(cfg, t);
	res = json_loads(result, 0, NULL);
	if (answer_load(x, res, ANSWER_ALLOW_RETIRED, err, sizeof err) == -1)
		abort();
	json_decref(res);
	/* A reader may hand its annotations over as text (anntext.h). */
	anns = anntext_tree(&back);
	res = json_object_get(json_array_get(anns, 0), "result");
	if (res == NULL)
		res = json_object();
	else
		json_incref(res);
	json_decref(anns);
	if (answer_load(y, res, ANSWER_ALLOW_RETIRED, err, sizeof err) == -1 ||
	    !answer_equal(x, y))
		abort();
	json_decref(res);
	answer_free(x);
	answer_free(y);
	reader_close(&r);
	fclose(f);
	free(s);
}

/* Reads data as fmt; a record has a text, or an image where images. */
static int __attribute__((unused))
foreign_fuzz_any(const struct format *fmt, const uint8_t *data, size_t len,
    int images)
{
	static struct config	*cfg;
	struct reader_opts	 ro;
	struct answer_task	 t;
	struct reader		 r;
	struct record		 rec;
	json_t			*anns;
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
	/* A first byte of space: code points; of tab: grapheme clusters
	 * (where this scalec has them); else the format's own. */
	ro.offsets = data[0] == ' ' ? OFFSETS_CODEPOINT : data[0] == '\t' &&
	    offset_graphemes() ? OFFSETS_GRAPHEME : OFFSETS_DEFAULT;
	ro.drop_relations = len > 1 && data[1] == ' ';
	if (reader_open_opts(&r, fmt, f, "fuzz", &ro) == 0) {
		while (reader_next(&r, &rec) == 1) {
			if (rec.text == NULL) {
				if (!images || rec.image == NULL)
					abort();
				continue;
			}
			memset(&t, 0, sizeof t);
			t.text = rec.text;
			t.text_len = rec.text_len;
			anns = anntext_tree(&rec);
			res = foreign_result(cfg, anns, &t);
			json_decref(anns);
			if (res == NULL)
				res = foreign_result(cfg, rec.predictions, &t);
			if (res != NULL && ro.offsets == OFFSETS_DEFAULT)
				foreign_back(fmt, cfg, &rec, res, &t);
			free(res);
			roundtrip(fmt, &rec, 0);
		}
	}
	reader_close(&r);
	fclose(f);
	return 0;
}

static int __attribute__((unused))
foreign_fuzz(const struct format *fmt, const uint8_t *data, size_t len)
{
	return foreign_fuzz_any(fmt, data, len, 0);
}

#endif
