/* For tests/fuzz/fuzz_tagscan and tests/unit/check_tagscan: a doccano or
 * spaCy pairs file read both ways, scanned (formats/tagscan.h) and
 * through the tree (doccano_tree_only, spacy_tree_only), into a
 * transcript of each: every record's fields (meta and annotations as the
 * store dumps them), every error's and warning's message, the end. The
 * two transcripts must be the same bytes. */
#ifndef SCALEC_FUZZ_TAGBOTH_H
#define SCALEC_FUZZ_TAGBOTH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/format.h"
#include "formats/tagscan.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonw.h"

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

/* The transcript of data (len bytes) read as fmt with ro, into b. */
static void
tagboth_read(struct buf *b, const struct format *fmt, const uint8_t *data,
    size_t len, const struct reader_opts *ro, int tree)
{
	struct reader	 r;
	struct record	 rec;
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
			buf_addstr(b, " meta=");
			if (rec.meta_json != NULL)
				buf_addstr(b, rec.meta_json);
			else if (rec.meta != NULL)
				jw_tree_compact(b, rec.meta);
			else
				buf_addstr(b, "{}");
			tagboth_json(b, "predictions", rec.predictions);
			tagboth_json(b, "annotations", rec.annotations);
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
