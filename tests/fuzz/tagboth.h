/* For tests/fuzz/fuzz_tagscan and tests/unit/check_tagscan: a doccano or
 * spaCy pairs file read both ways, scanned (formats/tagscan.h) and
 * through the tree (doccano_tree_only, spacy_tree_only), into a
 * transcript of each: every record's fields (meta and annotations as the
 * store dumps them), every error's and warning's message, the end. The
 * two transcripts must be the same bytes. Each record is also written
 * as doccano and as Label Studio both ways (doccano_write_tree_only,
 * labelstudio_write_tree_only); where those differ, the scanned
 * transcript says so, and so differs from the tree's. */
#ifndef SCALEC_FUZZ_TAGBOTH_H
#define SCALEC_FUZZ_TAGBOTH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "anntext.h"
#include "formats/format.h"
#include "formats/tagscan.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonw.h"
#include "util/sink.h"

static struct buf	*tagboth_log;

static void
tagboth_error(int is_warning, const char *msg)
{
	if (tagboth_log != NULL)
		buf_printf(tagboth_log, "%s: %s\n", is_warning ? "warning" :
		    "error", msg);
}

/* j as the store writes it (jw_tree_compact), or "none". */
static void
tagboth_json(struct buf *b, const char *what, json_t *j)
{
	buf_printf(b, " %s=", what);
	if (j == NULL)
		buf_addstr(b, "none");
	else
		jw_tree_compact(b, j);
}

/* Record rec (its meta as stored) written as fmt with ro's config and
 * offsets, tree or not: the bytes and messages into b. */
static void
tagboth_write1(struct buf *b, const struct format *fmt,
    const struct reader_opts *ro, const struct record *rec, const char *meta,
    int tree)
{
	struct out_annotation	 a;
	struct out_task		 t;
	struct writer_opts	 wo;
	struct writer		 w;
	struct sink		*sink;
	char			*s = NULL, *res = NULL;
	size_t			 len = 0;
	json_t			*e, *anns;
	FILE			*f;

	memset(&t, 0, sizeof t);
	t.id = 1;
	t.kind = "text";
	t.text = rec->text;
	t.ext_id = rec->ext_id;
	t.meta = meta;
	memset(&a, 0, sizeof a);
	anns = anntext_tree(rec);
	if ((e = json_array_get(anns, 0)) != NULL) {
		a.user = "ann";
		a.state = "submitted";
		res = json_dumps(json_object_get(e, "result"), JSON_COMPACT);
		a.result = res;
		t.annotations = &a;
		t.nannotations = 1;
	}
	memset(&wo, 0, sizeof wo);
	wo.offsets = ro->offsets;
	doccano_write_tree_only = labelstudio_write_tree_only = tree;
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin_opts(&w, fmt, ro->cfg, sink, &wo) == 0) {
		buf_printf(b, " write=%d", writer_write(&w, &t));
		buf_printf(b, " end=%d", writer_end(&w, 1));
	}
	sink_commit(sink);
	fclose(f);
	buf_printf(b, " out=%s", s != NULL ? s : "");
	free(s);
	free(res);
	json_decref(anns);
	doccano_write_tree_only = labelstudio_write_tree_only = 0;
}

/* Record rec written both ways by each writer: a note in b where the
 * two differ. */
static void
tagboth_write(struct buf *b, const struct reader_opts *ro,
    const struct record *rec, const char *meta)
{
	static const struct format *const fmts[] = { &format_doccano,
	    &format_labelstudio };
	struct buf	direct = { 0 }, tree = { 0 };
	struct buf	*log = tagboth_log;
	size_t		i;

	for (i = 0; i < 2; i++) {
		buf_reset(&direct);
		buf_reset(&tree);
		tagboth_log = &direct;
		tagboth_write1(&direct, fmts[i], ro, rec, meta, 0);
		tagboth_log = &tree;
		tagboth_write1(&tree, fmts[i], ro, rec, meta, 1);
		if (direct.len != tree.len || memcmp(direct.data, tree.data,
		    direct.len) != 0)
			buf_printf(b, "\n%s written two ways:\ndirect:%s\n"
			    "tree:%s\n", fmts[i]->name, buf_str(&direct),
			    buf_str(&tree));
	}
	tagboth_log = log;
	buf_release(&direct);
	buf_release(&tree);
}

/* The transcript of data (len bytes) read as fmt with ro, into b. */
static void
tagboth_read(struct buf *b, const struct format *fmt, const uint8_t *data,
    size_t len, const struct reader_opts *ro, int tree)
{
	struct reader	 r;
	struct record	 rec;
	struct buf	 meta = { 0 };
	json_t		*anns;
	FILE		*f;
	int		 rc;

	buf_reset(b);
	tagboth_log = b;
	error_set_handler(tagboth_error);
	doccano_tree_only = spacy_tree_only = tree;
	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		abort();
	if (reader_open_opts(&r, fmt, f, "both", ro) == 0) {
		while ((rc = reader_next(&r, &rec)) == 1) {
			buf_printf(b, "record line=%lu text=%zu:", rec.line,
			    rec.text_len);
			if (rec.text != NULL) {
				buf_add(b, rec.text, rec.text_len);
				if (strlen(rec.text) != rec.text_len)
					buf_addstr(b, " (NUL inside)");
			}
			buf_printf(b, " id=%s tokens=%s image=%s", rec.ext_id !=
			    NULL ? rec.ext_id : "none", rec.tokens != NULL ?
			    rec.tokens : "none", rec.image != NULL ? rec.image :
			    "none");
			buf_reset(&meta);
			if (rec.meta_json != NULL)
				buf_addstr(&meta, rec.meta_json);
			else if (rec.meta != NULL)
				jw_tree_compact(&meta, rec.meta);
			else
				buf_addstr(&meta, "{}");
			buf_printf(b, " meta=%s", buf_str(&meta));
			if (!tree)
				tagboth_write(b, ro, &rec, buf_str(&meta));
			tagboth_json(b, "predictions", rec.predictions);
			/* A scanned pair's annotation comes as text
			 * (record_ann), the tree's as objects: the same. */
			anns = anntext_tree(&rec);
			tagboth_json(b, "annotations", anns);
			json_decref(anns);
			tagboth_json(b, "final", rec.final_answer);
			tagboth_json(b, "gold", rec.gold);
			buf_printf(b, " priority=%d:%lld\n", rec.has_priority,
			    (long long)rec.priority);
		}
		buf_printf(b, "end %d\n", rc);
	} else
		buf_printf(b, "open failed\n");
	reader_close(&r);
	fclose(f);
	buf_release(&meta);
	doccano_tree_only = spacy_tree_only = 0;
	error_set_handler(NULL);
	tagboth_log = NULL;
}

/* 1 when the two ways agree on data; fast and slow hold the
 * transcripts. */
static int __attribute__((unused))
tag_both(const struct format *fmt, const uint8_t *data, size_t len,
    const struct reader_opts *ro, struct buf *fast, struct buf *slow)
{
	tagboth_read(fast, fmt, data, len, ro, 0);
	tagboth_read(slow, fmt, data, len, ro, 1);
	return fast->len == slow->len && memcmp(fast->data, slow->data,
	    fast->len) == 0;
}

#endif
