/* For tests/fuzz/fuzz_prodigyscan and tests/unit/check_prodigyscan: a
 * Prodigy file read both ways, scanned (prodigyscan.c) and through the
 * tree (prodigy_tree_only), into a transcript of each: every record's
 * fields (meta and annotations as the store dumps them), every error's
 * message, the end; and each record written back both ways (the export's
 * direct lines and write_line's tree). The two transcripts must be the
 * same bytes. */
#ifndef SCALEC_FUZZ_PRODIGYBOTH_H
#define SCALEC_FUZZ_PRODIGYBOTH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "anntext.h"
#include "formats/format.h"
#include "formats/prodigyscan.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonw.h"
#include "util/sink.h"

static struct buf	*both_log;

static void
both_error(int is_warning, const char *msg)
{
	if (both_log != NULL)
		buf_printf(both_log, "%s: %s\n", is_warning ? "warning" :
		    "error", msg);
}

static void
both_json(struct buf *b, const char *what, json_t *j)
{
	char	*s;

	if (j == NULL) {
		buf_printf(b, " %s=none", what);
		return;
	}
	s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	buf_printf(b, " %s=%s", what, s != NULL ? s : "?");
	free(s);
}

/* Record rec written by the writer of cfg: its lines into b. */
static void
both_write(struct buf *b, const struct config *cfg, const struct record *rec,
    json_t *anns, const char *meta)
{
	struct out_annotation	 a[4];
	struct out_prediction	 pr;
	struct out_task		 t;
	struct writer		 w;
	struct sink		*sink;
	json_t			*e;
	char			*s = NULL, *res[5] = { NULL };
	size_t			 len = 0, i, n = 0;
	FILE			*f;

	memset(&t, 0, sizeof t);
	t.id = 1;
	t.kind = "text";
	t.text = rec->text;
	t.ext_id = rec->ext_id;
	t.meta = meta;
	t.tokens = rec->tokens;
	memset(a, 0, sizeof a);
	json_array_foreach(anns, i, e) {
		if (n == 4)
			break;
		a[n].user = json_string_value(json_object_get(e, "user"));
		a[n].state = json_string_value(json_object_get(e, "state"));
		a[n].updated_at = json_string_value(json_object_get(e,
		    "updated_at"));
		res[n] = json_dumps(json_object_get(e, "result"), JSON_COMPACT);
		a[n].result = res[n];
		if (a[n].user == NULL || a[n].state == NULL)
			break;
		n++;
	}
	t.annotations = a;
	t.nannotations = n;
	memset(&pr, 0, sizeof pr);
	if ((e = json_array_get(rec->predictions, 0)) != NULL) {
		pr.model = "prodigy";
		res[4] = json_dumps(json_object_get(e, "result"), JSON_COMPACT);
		pr.result = res[4];
		t.predictions = &pr;
		t.npredictions = 1;
	}
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin(&w, &format_prodigy, cfg, sink) == 0) {
		buf_printf(b, " write=%d", writer_write(&w, &t));
		writer_end(&w, 1);
	}
	sink_commit(sink);
	fclose(f);
	buf_printf(b, " out=%s", s != NULL ? s : "");
	free(s);
	for (i = 0; i < 5; i++)
		free(res[i]);
}

/* The transcript of data (len bytes) read with ro, into b. */
static void
both_read(struct buf *b, const uint8_t *data, size_t len,
    const struct reader_opts *ro, int tree)
{
	struct reader	 r;
	struct record	 rec;
	struct buf	 meta = { 0 };
	json_t		*anns;
	FILE		*f;
	int		 rc, wt;

	buf_reset(b);
	both_log = b;
	error_set_handler(both_error);
	prodigy_tree_only = tree;
	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		abort();
	if (reader_open_opts(&r, &format_prodigy, f, "both", ro) == 0) {
		while ((rc = reader_next(&r, &rec)) == 1) {
			buf_printf(b, "record line=%lu text=%zu:", rec.line,
			    rec.text_len);
			buf_add(b, rec.text, rec.text_len);
			buf_printf(b, " id=%s tokens=%s", rec.ext_id != NULL ?
			    rec.ext_id : "none", rec.tokens != NULL ?
			    rec.tokens : "none");
			buf_reset(&meta);
			if (rec.meta_json != NULL)
				buf_addstr(&meta, rec.meta_json);
			else if (rec.meta != NULL)
				jw_tree_compact(&meta, rec.meta);
			else
				buf_addstr(&meta, "{}");
			buf_printf(b, " meta=%s", buf_str(&meta));
			both_json(b, "predictions", rec.predictions);
			/* A scanned line's annotation comes as text
			 * (record_ann), the tree's as objects: the same. */
			anns = anntext_tree(&rec);
			both_json(b, "annotations", anns);
			both_json(b, "final", rec.final_answer);
			both_json(b, "gold", rec.gold);
			/* The export both ways too, of the same record. */
			for (wt = 0; wt < 2; wt++) {
				prodigy_tree_only = wt;
				both_write(b, ro->cfg, &rec, anns,
				    buf_str(&meta));
			}
			json_decref(anns);
			prodigy_tree_only = tree;
			buf_addch(b, '\n');
		}
		buf_printf(b, "end %d\n", rc);
	} else
		buf_printf(b, "open failed\n");
	reader_close(&r);
	fclose(f);
	buf_release(&meta);
	prodigy_tree_only = 0;
	error_set_handler(NULL);
	both_log = NULL;
}

/* 1 when the two ways agree on data; fast and slow hold the
 * transcripts. */
static int __attribute__((unused))
prodigy_both(const uint8_t *data, size_t len, const struct reader_opts *ro,
    struct buf *fast, struct buf *slow)
{
	both_read(fast, data, len, ro, 0);
	both_read(slow, data, len, ro, 1);
	return fast->len == slow->len && memcmp(fast->data, slow->data,
	    fast->len) == 0;
}

#endif
