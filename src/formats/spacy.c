/* spaCy's two text forms of NER training data (its binary .spacy DocBin is
 * not read: 'python -m spacy convert' writes it from these).
 *
 * spacy: JSON Lines of (text, annotations) pairs, spaCy's "simple training
 * style": ["Uber blew through", {"entities": [[0, 4, "ORG"]]}], offsets in
 * code points (Python's), end exclusive. The entities are one annotation
 * of the project's first spans control, in the name of the person who
 * imports; the annotation dict's other keys ("cats", "links", ...) are
 * kept in the task's meta under "_spacy" and written back.
 *
 * spacy-v2: spaCy v2's JSON training file, one document:
 * [{"id", "paragraphs": [{"raw", "sentences": [{"tokens": [{"id", "orth",
 * "tag", "head", "dep", "ner"}]}]}]}], NER tags in BILUO. A paragraph is a
 * task: its text "raw" (or its tokens joined by spaces), its tokens kept
 * with it, its entities one annotation. What else it says (the document's
 * id and keys, the sentence lengths, each token's other fields, the
 * paragraph's other keys) is kept under "_spacy" for export, which writes
 * consecutive tasks of one document as its paragraphs. A paragraph without
 * any "ner" has no annotation, and a task without one is written so. The
 * file is read a document at a time (the list split at its top level,
 * each document parsed alone), so memory holds two documents, not the
 * file; errors name a JSON path ([0].paragraphs[1].sentences[0].tokens[3].ner). Export tags the
 * tokens as CoNLL does (formats/tags.h): a span not on tokens fails it. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/linereader.h"
#include "formats/spacyscan.h"
#include "formats/tagscan.h"
#include "formats/tags.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "model/tokens.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The meta key that keeps what spaCy says beyond text, tokens and
 * entities. */
#define KEPT	"_spacy"

/* The project's spans control, or an error at where. */
static const struct control *
spans_control(struct reader *r, const char *where)
{
	const struct control	*c;

	if ((c = reader_control(r->opts.cfg, CONTROL_SPANS, -1)) == NULL)
		error("%s: the entities are spans, and the project has no spans"
		    " control for them", where);
	return c;
}

/* One annotation of spans (a list it takes) in r->built. */
static void
built_annotation(struct reader *r, struct record *rec,
    const struct control *c, json_t *spans)
{
	json_t	*a = json_object(), *res = json_object();

	/* json_pack("[{s:s, s:s, s:{s:o}}]", ...) made the same, slower. */
	json_object_set_new(a, "user", json_string(r->opts.user != NULL ?
	    r->opts.user : ""));
	json_object_set_new_nocheck(a, "state", json_string_nocheck(
	    "submitted"));
	json_object_set_new(res, c->name, spans);
	json_object_set_new_nocheck(a, "result", res);
	r->built = json_array();
	json_array_append_new(r->built, a);
	rec->annotations = r->built;
}

/* The (text, annotations) pairs. */

/* A scanned pair's strings, spans and kept keys. */
#define SPACY_KEYS	32

struct spacy_r {
	struct buf	 b;		/* the text and labels, unescaped */
	struct buf	 meta;		/* the kept keys, as stored */
	size_t		*ent;		/* start, end, label's at and len in
					 * b: four an entity */
	size_t		 nent, aent;
	const char	*key[SPACY_KEYS]; /* the kept keys, for twins */
	size_t		 keylen[SPACY_KEYS];
	struct buf	 result;	/* a scanned pair's one annotation's, */
	struct record_ann ann;		/* handed over as text (record_ann):
					 * no tree for the store to walk,
					 * dump and free */
};

static void
spacy_close(struct reader *r)
{
	struct spacy_r	*p = r->priv;

	if (p != NULL) {
		buf_release(&p->b);
		buf_release(&p->meta);
		buf_release(&p->result);
		free(p->ent);
	}
	free(p);
	r->priv = NULL;
}

/* "entities"' list at c: [[start, end, "LABEL"], ...]. */
static int
scan_entities(struct tagcur *c, struct spacy_r *p)
{
	size_t	at, len;
	int64_t	s, e;

	if (tag_take(c, '[') == -1)
		return -1;
	if (tag_take(c, ']') == 0)
		return 0;
	do {
		if (tag_take(c, '[') == -1 || tag_whole(c, &s) == -1 ||
		    tag_take(c, ',') == -1 || tag_whole(c, &e) == -1 ||
		    tag_take(c, ',') == -1 ||
		    tag_string(c, &p->b, &at, &len) == -1 ||
		    tag_take(c, ']') == -1)
			return -1;
		ARRAY_GROW(p->ent, 4 * (p->nent + 1), p->aent);
		p->ent[4 * p->nent] = (size_t)s;
		p->ent[4 * p->nent + 1] = (size_t)e;
		p->ent[4 * p->nent + 2] = at;
		p->ent[4 * p->nent + 3] = len;
		p->nent++;
	} while (tag_take(c, ',') == 0);
	return tag_take(c, ']');
}

/*
 * The regular pair, [text, {"entities": [[start, end, "LABEL"], ...],
 * <kept keys>}], scanned without a tree into rec: 1, or 0 where it is
 * the tree's to read (anything else, and any line the tree would
 * refuse), so that every message is the tree's. The record is the
 * tree's to the byte (tests/fuzz/fuzz_tagscan).
 */
static int
spacy_scan(struct reader *r, struct spacy_r *p, const char *line,
    size_t len, struct record *rec)
{
	struct tagcur		 c = { line, line + len };
	const struct control	*ctl;
	const char		*k;
	size_t			 n, i, nkeys = 0, text, text_len, ncp;
	int			 ents = 0;

	buf_reset(&p->b);
	buf_reset(&p->meta);
	p->nent = 0;
	if (tag_take(&c, '[') == -1 || tag_string(&c, &p->b, &text,
	    &text_len) == -1 || tag_take(&c, ',') == -1 ||
	    tag_take(&c, '{') == -1)
		return 0;
	if (tag_take(&c, '}') == -1) {
		do {
			if (tag_key(&c, &k, &n) == -1)
				return 0;
			if (n == 8 && memcmp(k, "entities", 8) == 0) {
				if (ents++ || scan_entities(&c, p) == -1)
					return 0;
				continue;
			}
			for (i = 0; i < nkeys; i++)
				if (p->keylen[i] == n && memcmp(p->key[i], k,
				    n) == 0)
					return 0;
			if (nkeys == SPACY_KEYS)
				return 0;
			p->key[nkeys] = k;
			p->keylen[nkeys++] = n;
			buf_addstr(&p->meta, nkeys == 1 ? "{\"" KEPT "\":{\"" :
			    ",\"");
			buf_add(&p->meta, k, n);
			buf_add(&p->meta, "\":", 2);
			if (tag_value(&c, &p->meta) == -1)
				return 0;
		} while (tag_take(&c, ',') == 0);
		if (tag_take(&c, '}') == -1)
			return 0;
	}
	if (tag_take(&c, ']') == -1 || !tag_done(&c) ||
	    (ctl = reader_control(r->opts.cfg, CONTROL_SPANS, -1)) == NULL)
		return 0;
	rec->text = p->b.data + text;
	rec->text_len = text_len;
	ncp = utf8_count(rec->text, text_len);
	for (i = 0; i < p->nent; i++)
		if (p->ent[4 * i + 1] <= p->ent[4 * i] ||
		    p->ent[4 * i + 1] > ncp)
			return 0;
	/* spacy_tree's annotation as json_dumps(result, JSON_COMPACT)
	 * writes it: {"<spans control>":[{"start":S,"end":E,"label":L},
	 * ...]}. */
	buf_reset(&p->result);
	buf_addch(&p->result, '{');
	jw_string(&p->result, ctl->name);
	buf_addstr(&p->result, ":[");
	for (i = 0; i < p->nent; i++) {
		buf_addstr(&p->result, i > 0 ? ",{\"start\":" :
		    "{\"start\":");
		jw_int(&p->result, (int64_t)p->ent[4 * i]);
		buf_addstr(&p->result, ",\"end\":");
		jw_int(&p->result, (int64_t)p->ent[4 * i + 1]);
		buf_addstr(&p->result, ",\"label\":");
		jw_stringn(&p->result, p->b.data + p->ent[4 * i + 2],
		    p->ent[4 * i + 3]);
		buf_addch(&p->result, '}');
	}
	buf_addstr(&p->result, "]}");
	reader_hand_result(r, rec, &p->ann, &p->result);
	if (nkeys > 0) {
		buf_add(&p->meta, "}}", 2);
		rec->meta_json = buf_str(&p->meta);
	}
	spacy_fast_reads++;
	return 1;
}

static int	spacy_tree(struct reader *, struct record *);

static int
spacy_read(struct reader *r, struct record *rec)
{
	struct spacy_r	*p;
	json_error_t	 err;
	char		*line;
	size_t		 len;
	int		 rc;

	if ((p = r->priv) == NULL)
		p = r->priv = xcalloc(1, sizeof *p);
	do
		if ((rc = linereader_next(&r->lr, &line, &len)) != 1)
			return rc;
	while (format_blank_line(line, len));
	rec->line = r->lr.lineno;
	if (!spacy_tree_only && (rc = spacy_scan(r, p, line, len, rec)) != 0)
		return rc;
	/* The tree's way, from a clean record; reader_json_bytes parses a
	 * line that is not JSON again, to say why as the reader does. */
	memset(rec, 0, sizeof *rec);
	rec->line = r->lr.lineno;
	if ((r->obj = format_json_load(line, len, JSON_REJECT_DUPLICATES,
	    &err)) == NULL) {
		reader_json_bytes(r, rec->line, line, len);
		return -1;
	}
	return spacy_tree(r, rec);
}

/* The tree's way: the reader's before the scanner and its reference. */
static int
spacy_tree(struct reader *r, struct record *rec)
{
	const struct control	*c;
	json_t			*text, *ann, *ents, *e, *spans, *rest, *v, *o;
	const char		*k;
	char			 where[64];
	size_t			 i, ncp;
	json_int_t		 s, end;

	snprintf(where, sizeof where, "%s:%lu", r->name, rec->line);
	if (!json_is_array(r->obj) || json_array_size(r->obj) != 2 ||
	    !json_is_string(text = json_array_get(r->obj, 0)) ||
	    !json_is_object(ann = json_array_get(r->obj, 1)))
		return error("%s: a spaCy line is [text, {\"entities\": [[start,"
		    " end, \"LABEL\"], ...]}]", where);
	rec->text = json_string_value(text);
	rec->text_len = json_string_length(text);
	ents = json_object_get(ann, "entities");
	if (ents != NULL && !json_is_array(ents))
		return error("%s: \"entities\" must be a list of [start, end,"
		    " \"LABEL\"]", where);
	if ((c = spans_control(r, where)) == NULL)
		return -1;
	ncp = utf8_count(rec->text, rec->text_len);
	spans = json_array();
	json_array_foreach(ents, i, e) {
		if (!json_is_array(e) || json_array_size(e) != 3 ||
		    !json_is_integer(json_array_get(e, 0)) ||
		    !json_is_integer(json_array_get(e, 1)) ||
		    !json_is_string(json_array_get(e, 2))) {
			json_decref(spans);
			return error("%s: entities %zu must be [start, end,"
			    " \"LABEL\"]", where, i + 1);
		}
		s = json_integer_value(json_array_get(e, 0));
		end = json_integer_value(json_array_get(e, 1));
		if (s < 0 || end <= s || (size_t)end > ncp) {
			json_decref(spans);
			return error("%s: entities %zu: [%lld, %lld] is not a"
			    " span of the text (%zu code points)", where, i + 1,
			    (long long)s, (long long)end, ncp);
		}
		/* As json_pack("{s:I, s:I, s:O}", ...) builds it, without
		 * reading a format string per span. */
		o = json_object();
		json_object_set_new_nocheck(o, "start", json_integer(s));
		json_object_set_new_nocheck(o, "end", json_integer(end));
		json_object_set_nocheck(o, "label", json_array_get(e, 2));
		json_array_append_new(spans, o);
	}
	built_annotation(r, rec, c, spans);
	rest = json_object();
	json_object_foreach(ann, k, v)
		if (strcmp(k, "entities") != 0)
			json_object_set(rest, k, v);
	if (json_object_size(rest) > 0) {
		r->meta = json_object();
		json_object_set_new_nocheck(r->meta, KEPT, rest);
		rec->meta = r->meta;
	} else
		json_decref(rest);
	return 1;
}

/* The pair of a task that kept nothing of spaCy's: written straight
 * (util/jsonw), the bytes the tree below would give. */
static int
write_pair(struct writer *w, const struct out_task *t,
    const struct ans_value *v, const struct control *c)
{
	static struct buf	raw;
	size_t			i;

	buf_reset(&raw);
	buf_addch(&raw, '[');
	jw_string(&raw, t->text != NULL ? t->text : "");
	buf_addstr(&raw, ", {\"entities\": [");
	for (i = 0; v != NULL && i < v->nspans; i++) {
		buf_addstr(&raw, i > 0 ? ", [" : "[");
		jw_int(&raw, v->spans[i].start);
		buf_addstr(&raw, ", ");
		jw_int(&raw, v->spans[i].end);
		buf_addstr(&raw, ", ");
		jw_string(&raw, c->labels[v->spans[i].label].name);
		buf_addch(&raw, ']');
	}
	buf_addstr(&raw, "]}]");
	return writer_jsonw_line(w, &raw);
}

static int
spacy_write(struct writer *w, const struct out_task *t)
{
	const struct ans_value	*v;
	const struct control	*c = reader_control(w->cfg, CONTROL_SPANS, -1);
	json_t			*ents, *ann, *meta;
	size_t			 i;

	if (strcmp(t->kind, "text") != 0)
		return error("task %lld is an image: spaCy's pairs hold text",
		    (long long)t->id);
	if (c == NULL)
		return error("the project has no spans control: spaCy's pairs"
		    " hold the entities of one");
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s,"
		    " ...): a spaCy pair holds one; --user USER or"
		    " --annotations final picks one", (long long)t->id,
		    t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->nannotations == 0) {
		(*(int64_t *)w->priv)++;	/* said at the end */
		return 0;
	}
	v = writer_value(writer_answer(w, t, t->annotations[0].result), c);
	meta = writer_meta(t, KEPT);
	if (meta == NULL && jw_utf8(t->text != NULL ? t->text : ""))
		return write_pair(w, t, v, c);
	ents = json_array();
	for (i = 0; v != NULL && i < v->nspans; i++)
		json_array_append_new(ents, json_pack("[I, I, s]",
		    (json_int_t)v->spans[i].start, (json_int_t)v->spans[i].end,
		    c->labels[v->spans[i].label].name));
	ann = json_object_get(meta, KEPT);
	ann = json_is_object(ann) ? json_deep_copy(ann) : json_object();
	json_object_del(ann, "entities");
	json_object_set_new(ann, "entities", ents);
	json_decref(meta);
	return writer_json_line(w, json_pack("[s, o]", t->text != NULL ?
	    t->text : "", ann));
}

/* The tasks left out for having no annotation, counted. */
static int
spacy_write_begin(struct writer *w)
{
	w->priv = xcalloc(1, sizeof(int64_t));
	return 0;
}

static int
spacy_write_end(struct writer *w)
{
	int64_t	n = w->priv != NULL ? *(int64_t *)w->priv : 0;

	free(w->priv);
	w->priv = NULL;
	if (!w->failed && n > 0)
		warning("left out %lld task%s with no annotation: a spaCy pair"
		    " holds tagged text", (long long)n, n == 1 ? "" : "s");
	return 0;
}

const struct format format_spacy = {
	.name = "spacy",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_META |
	    FORMAT_ANNOTATIONS,
	.read = spacy_read,
	.close = spacy_close,
	.write_begin = spacy_write_begin,
	.write = spacy_write,
	.write_end = spacy_write_end,
};

/* The v2 JSON document. */

struct v2_r {
	json_t		*doc;		/* the document as a tree, or NULL
					 * (none, or scanned) */
	json_t		*id;		/* its "id", or NULL for none */
	json_t		*prev_id;	/* the last before it with paragraphs */
	int		 have;		/* a document is in hand */
	int		 had_prev;	/* one with paragraphs came before */
	int		 fast;		/* it is scanned (formats/spacyscan.h),
					 * not a tree */
	size_t		 npara;		/* its paragraphs */
	size_t		 d, p;		/* its place; the next paragraph */
	int		 state;		/* 0: before '[', 1: in the list,
					 * 2: past its ']' */
	unsigned long	 line;		/* of the file, as read */
	unsigned long	 start;		/* where the document began */
	char		*rb;		/* the file, read a chunk at a time */
	size_t		 rpos, rlen;
	struct buf	 elem;		/* a document's bytes */
	struct v2scan	 scan;
	struct buf	 text, enc;
	struct tag_reader tr;
	struct token	*tok;
	size_t		 ntok, atok;
	json_t		*spans;
};

#define V2_CHUNK	((size_t)64 << 10)

/* The bytes a document's end is found by: quotes, backslashes, brackets,
 * and newlines (counted). */
static const unsigned char v2_special[256] = {
	['"'] = 1, ['\\'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1,
	['\n'] = 1
};

static void
v2_emit(void *arg, size_t first, size_t last, const char *label, size_t len)
{
	struct v2_r	*p = arg;
	json_t		*o, *l;

	/* As json_pack("{s:I, s:I, s:s%}", ...) makes it, or not. */
	if ((l = json_stringn(label, len)) == NULL)
		return;
	o = json_object();
	json_object_set_new_nocheck(o, "start", json_integer((json_int_t)
	    p->tok[first].start));
	json_object_set_new_nocheck(o, "end", json_integer((json_int_t)
	    p->tok[last].end));
	json_object_set_new_nocheck(o, "label", l);
	json_array_append_new(p->spans, o);
}

static int
v2_open(struct reader *r)
{
	struct v2_r	*p = xcalloc(1, sizeof *p);

	r->priv = p;
	p->line = 1;
	tags_init(&p->tr, (enum tag_scheme)r->opts.scheme, v2_emit, p);
	return 0;
}

/* More of the file into p->rb: 1, or 0 at its end (a read error ends it
 * as getc's EOF would). */
static int
v2_fill(struct reader *r, struct v2_r *p)
{
	if (p->rb == NULL)
		p->rb = xmalloc(V2_CHUNK);
	p->rpos = 0;
	p->rlen = fread(p->rb, 1, V2_CHUNK, r->f);
	return p->rlen > 0;
}

/* The next byte that is not white space, or EOF. */
static int
v2_skip(struct reader *r, struct v2_r *p)
{
	int	c;

	for (;;) {
		if (p->rpos == p->rlen && !v2_fill(r, p))
			return EOF;
		c = (unsigned char)p->rb[p->rpos++];
		if (c == '\n')
			p->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return c;
	}
}

/* The document's bytes in p->elem as a tree in p->doc: 0, or -1 after
 * reporting FILE:LINE. */
static int
v2_tree(struct reader *r, struct v2_r *p)
{
	json_error_t	 err;

	p->doc = format_json_load(buf_str(&p->elem), p->elem.len,
	    JSON_REJECT_DUPLICATES, &err);
	if (p->doc == NULL) {
		if (format_check_text(r->name, p->start, buf_str(&p->elem),
		    p->elem.len) == -1)
			return -1;
		return error("%s:%lu: malformed JSON at column %d: %s", r->name,
		    p->start + (unsigned long)err.line - 1, err.column,
		    err.text);
	}
	return 0;
}

/*
 * The next document of the top-level list, read on its own: its bytes up
 * to the brace that closes it (strings and escapes heeded), then scanned
 * (p->fast) or parsed into p->doc, so that the file is never in memory
 * whole. 1, 0 past the list's end, or -1 after reporting FILE:LINE.
 */
static int
v2_document(struct reader *r, struct v2_r *p)
{
	const unsigned char	*s;
	size_t			 i, n;
	int			 c, depth = 1, str = 0, esc = 0;

	c = v2_skip(r, p);
	if (p->state == 0) {
		if (c != '[')
			return error("%s:%lu: spaCy's v2 JSON is a list of"
			    " documents [{\"id\", \"paragraphs\": [...]}]",
			    r->name, p->line);
		p->state = 1;
		if ((c = v2_skip(r, p)) == ']')
			goto end;
	} else if (c == ']')
		goto end;
	else if (c != ',')
		return error("%s:%lu: a ',' or the list's ']' after document"
		    " [%zu]", r->name, p->line, p->d);
	else
		c = v2_skip(r, p);
	if (c != '{')
		return error("%s:%lu: [%zu] must be a document {\"id\","
		    " \"paragraphs\": [...]}", r->name, p->line, p->d);
	p->start = p->line;
	buf_reset(&p->elem);
	buf_addch(&p->elem, '{');
	while (depth > 0) {
		if (p->rpos == p->rlen && !v2_fill(r, p))
			return error("%s:%lu: the file ends inside document"
			    " [%zu]", r->name, p->line, p->d);
		if (p->elem.len > FORMAT_LINE_MAX)
			return error("%s:%lu: document [%zu] is over %zu MiB",
			    r->name, p->start, p->d, FORMAT_LINE_MAX >> 20);
		s = (const unsigned char *)p->rb + p->rpos;
		n = p->rlen - p->rpos;
		if (n > FORMAT_LINE_MAX + 1 - p->elem.len)
			n = FORMAT_LINE_MAX + 1 - p->elem.len;
		i = 0;
		if (esc) {	/* the byte after a backslash */
			p->line += s[0] == '\n';
			esc = 0;
			i = 1;
		}
		for (; i < n && depth > 0; i++) {
			if (!v2_special[c = s[i]])
				continue;
			if (c == '\n')
				p->line++;
			else if (str) {
				if (c == '"')
					str = 0;
				else if (c == '\\' && i + 1 < n)
					p->line += s[++i] == '\n';
				else if (c == '\\')
					esc = 1;
			} else if (c == '"')
				str = 1;
			else if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']')
				depth--;
		}
		buf_add(&p->elem, s, i);
		p->rpos += i;
	}
	p->fast = v2scan_doc(&p->scan, p->elem.data, p->elem.len);
	if (p->fast)
		return 1;
	return v2_tree(r, p) == -1 ? -1 : 1;
end:
	p->state = 2;
	if ((c = v2_skip(r, p)) != EOF)
		return error("%s:%lu: something after the list's ']'", r->name,
		    p->line);
	return 0;
}

static void
v2_close(struct reader *r)
{
	struct v2_r	*p = r->priv;

	if (p == NULL)
		return;
	json_decref(p->doc);
	json_decref(p->id);
	json_decref(p->prev_id);
	free(p->rb);
	buf_release(&p->elem);
	v2scan_release(&p->scan);
	buf_release(&p->text);
	buf_release(&p->enc);
	tags_release(&p->tr);
	free(p->tok);
	json_decref(p->spans);
	free(p);
	r->priv = NULL;
}

/*
 * The next token, orth (n bytes), placed in the paragraph's text at
 * *at_b (bytes) and *cp (code points), both moved past it: in the raw
 * text rs (rlen bytes) after its white space, or, without one (rs NULL),
 * appended to p->text after a space. Its offsets go in p->tok. 0, or -1
 * when orth is not the raw text there (*cp says where; nothing kept).
 * The tree's way (v2_tokens) and the scanned one (v2_fast) share it.
 */
static int
v2_place(struct v2_r *p, const char *rs, size_t rlen, size_t *at_b,
    size_t *cp, const char *orth, size_t n)
{
	if (rs != NULL) {
		while (*at_b < rlen && (rs[*at_b] == ' ' || rs[*at_b] == '\t' ||
		    rs[*at_b] == '\n' || rs[*at_b] == '\r')) {
			(*at_b)++;
			(*cp)++;
		}
		if (n > rlen - *at_b || memcmp(rs + *at_b, orth, n) != 0)
			return -1;
		*at_b += n;
	} else {
		if (p->ntok > 0) {
			buf_addch(&p->text, ' ');
			(*cp)++;
		}
		buf_add(&p->text, orth, n);
	}
	ARRAY_GROW(p->tok, p->ntok + 1, p->atok);
	p->tok[p->ntok].start = *cp;
	*cp += utf8_count(orth, n);
	p->tok[p->ntok].end = *cp;
	p->ntok++;
	return 0;
}

/* The paragraph's tokens in order, as (orth, ner) objects: the text and
 * the tokens' offsets into p. */
static int
v2_tokens(struct reader *r, struct v2_r *p, json_t *para, const char *at,
    json_t *raw, json_t *kept)
{
	json_t		*sents, *s, *toks, *t, *orth, *extra, *lens, *v;
	const char	*k, *rs = json_string_value(raw);
	size_t		 i, j, cp = 0, at_b = 0, rlen = json_string_length(raw);
	size_t		 n;
	int		 extras = 0;

	sents = json_object_get(para, "sentences");
	if (!json_is_array(sents))
		return error("%s: %s.sentences must be a list", r->name, at);
	lens = json_array();
	extra = json_array();
	json_array_foreach(sents, i, s) {
		toks = json_object_get(s, "tokens");
		if (!json_is_array(toks)) {
			json_decref(lens);
			json_decref(extra);
			return error("%s: %s.sentences[%zu].tokens must be a"
			    " list", r->name, at, i);
		}
		json_array_append_new(lens, json_integer((json_int_t)
		    json_array_size(toks)));
		json_array_foreach(toks, j, t) {
			orth = json_object_get(t, "orth");
			if (!json_is_object(t) || !json_is_string(orth) ||
			    json_string_length(orth) == 0) {
				json_decref(lens);
				json_decref(extra);
				return error("%s: %s.sentences[%zu].tokens[%zu]"
				    " needs \"orth\", a string", r->name, at,
				    i, j);
			}
			n = json_string_length(orth);
			if (v2_place(p, rs, rlen, &at_b, &cp,
			    json_string_value(orth), n) == -1) {
				json_decref(lens);
				json_decref(extra);
				return error("%s: %s.sentences[%zu].tokens[%zu]"
				    ".orth is not the raw text at code point"
				    " %zu", r->name, at, i, j, cp);
			}
			v = json_object();
			json_object_foreach(t, k, orth)
				if (strcmp(k, "orth") != 0 &&
				    strcmp(k, "ner") != 0)
					json_object_set(v, k, orth);
			extras |= json_object_size(v) > 0;
			json_array_append_new(extra, v);
		}
	}
	if (rs != NULL)
		buf_add(&p->text, rs, rlen);
	else
		json_object_set_new(kept, "raw", json_false());
	if (json_array_size(lens) != 1)
		json_object_set(kept, "sentences", lens);
	if (extras)
		json_object_set(kept, "tokens", extra);
	json_decref(lens);
	json_decref(extra);
	return 0;
}

/* Tag n of the paragraph, sentence i's token j (s, len bytes), to the
 * tag reader: 0, or -1 after reporting. */
static int
v2_tag(struct reader *r, struct v2_r *p, const char *at, size_t i, size_t j,
    size_t n, const char *s, size_t len)
{
	const char	*why;

	if (strcmp(s, "-") == 0)
		return error("%s: %s.sentences[%zu].tokens[%zu].ner is '-'"
		    " (missing), which scalec does not hold: a paragraph's"
		    " entities are all there or none", r->name, at, i, j);
	if (tags_next(&p->tr, n, s, len, &why) == -1)
		return error("%s: %s.sentences[%zu].tokens[%zu].ner '%s': %s",
		    r->name, at, i, j, s, why);
	return 0;
}

/* The entities of the paragraph's "ner" tags, into p->spans; 0 when no
 * token has one (no annotation), 1, or -1. */
static int
v2_entities(struct reader *r, struct v2_r *p, json_t *para, const char *at)
{
	json_t		*s, *t, *ner;
	const char	*why;
	size_t		 i, j, n = 0;
	int		 any = 0;

	json_array_foreach(json_object_get(para, "sentences"), i, s)
		json_array_foreach(json_object_get(s, "tokens"), j, t)
			any |= json_object_get(t, "ner") != NULL;
	if (!any)
		return 0;
	json_array_foreach(json_object_get(para, "sentences"), i, s) {
		json_array_foreach(json_object_get(s, "tokens"), j, t) {
			ner = json_object_get(t, "ner");
			if (!json_is_string(ner))
				return error("%s: %s.sentences[%zu].tokens[%zu]"
				    ".ner must be a tag (every token has one"
				    " when any has)", r->name, at, i, j);
			if (v2_tag(r, p, at, i, j, n, json_string_value(ner),
			    json_string_length(ner)) == -1)
				return -1;
			n++;
		}
		if (tags_end(&p->tr, n, &why) == -1)
			return error("%s: %s.sentences[%zu]: %s", r->name, at,
			    i, why);
	}
	return 1;
}

/* The next paragraph, with its place: in *para, or (p->fast) the
 * scanned paragraph p->p - 1. 1, 0 at the end, -1. */
static int
v2_next(struct reader *r, struct v2_r *p, char *at, size_t atlen,
    json_t **para, int *firstp)
{
	json_t	*paras;
	int	 rc;

	while (!p->have || p->p >= p->npara) {
		if (p->have) {
			json_decref(p->doc);
			p->doc = NULL;
			/* A document without paragraphs is no task, nothing an
			 * export writes: the one before is the last that had
			 * some (fuzz_spacy_v2's round trip). */
			if (p->npara > 0) {
				json_decref(p->prev_id);
				p->prev_id = p->id;
				p->had_prev = 1;
			} else
				json_decref(p->id);
			p->id = NULL;
			p->have = 0;
			p->d++;
			p->p = 0;
		}
		if (p->state == 2)
			return 0;
		if ((rc = v2_document(r, p)) != 1)
			return rc;
		if (p->fast) {
			p->npara = p->scan.npara;
			if (p->scan.id_kind == V2SCAN_ID_INT)
				p->id = json_integer((json_int_t)strtoll(
				    p->scan.b.data + p->scan.id, NULL, 10));
			else if (p->scan.id_kind == V2SCAN_ID_STRING)
				p->id = json_stringn(p->scan.b.data +
				    p->scan.id, p->scan.id_len);
		} else {
			paras = json_object_get(p->doc, "paragraphs");
			if (!json_is_array(paras))
				return error("%s:%lu: [%zu] must be a document"
				    " {\"id\", \"paragraphs\": [...]}", r->name,
				    p->line, p->d);
			p->npara = json_array_size(paras);
			if ((p->id = json_object_get(p->doc, "id")) != NULL)
				json_incref(p->id);
		}
		p->have = 1;
	}
	snprintf(at, atlen, "[%zu].paragraphs[%zu]", p->d, p->p);
	*firstp = p->p == 0;
	*para = p->fast ? NULL : json_array_get(json_object_get(p->doc,
	    "paragraphs"), p->p);
	p->p++;
	return 1;
}

/* 1 when ids a and b are the same, or both none. */
static int
same_id(json_t *a, json_t *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    json_equal(a, b));
}

/* What both ways of reading do once the text and tokens are made: the
 * text checked, the tokens encoded. 0 or -1. */
static int
v2_text(struct reader *r, struct v2_r *p, struct record *rec)
{
	struct tokens	tok;

	rec->meta = r->meta;
	rec->text = buf_str(&p->text);
	rec->text_len = p->text.len;
	if (format_check_text(r->name, rec->line, rec->text, rec->text_len) ==
	    -1)
		return -1;
	tok.v = p->tok;
	tok.n = p->ntok;
	buf_reset(&p->enc);
	tokens_encode(&tok, &p->enc);
	rec->tokens = buf_str(&p->enc);	/* "[]": none, as the file says */
	return 0;
}

/* The entities in p->spans as the record's annotation, their labels
 * checked here where the path is known. 1 or -1. */
static int
v2_annotation(struct reader *r, struct v2_r *p, struct record *rec,
    const char *at)
{
	const struct control	*c;
	struct answer_task	 t;
	json_t			*res;
	char			 err[256];

	if ((c = spans_control(r, r->name)) == NULL)
		return -1;
	built_annotation(r, rec, c, json_incref(p->spans));
	memset(&t, 0, sizeof t);
	t.text = rec->text;
	t.text_len = rec->text_len;
	res = json_object_get(json_array_get(r->built, 0), "result");
	if (answer_check(r->opts.cfg, res, &t, ANSWER_ALLOW_RETIRED, err,
	    sizeof err) == -1)
		return error("%s: %s: %s", r->name, at, err);
	return 1;
}

/*
 * The scanned paragraph p->p - 1 into rec, as the tree's way below makes
 * it (the same meta, in the same order of keys, the same messages): 1,
 * -1 after reporting, or 2 when an "orth" is not the raw text's, which
 * the tree's way reports (nothing of the record made yet, no tag read).
 */
static int
v2_fast(struct reader *r, struct v2_r *p, struct record *rec,
    const char *at, int first)
{
	const struct v2scan		*v = &p->scan;
	const struct v2scan_para	*pa = &v->para[p->p - 1];
	const struct v2scan_tok		*t;
	const char			*rs, *orth, *why;
	json_t				*kept, *lens;
	size_t				 rlen = pa->raw_len, at_b = 0, cp = 0;
	size_t				 i, j, n, b, e, ntag = 0;
	int				 any = 0;

	rs = pa->has_raw ? v->b.data + pa->raw : NULL;
	for (i = 0; i < pa->nsent; i++) {
		e = V2SCAN_END(v, pa, i);
		for (j = V2SCAN_FIRST(v, pa, i); j < e; j++) {
			t = &v->tok[j];
			orth = v->b.data + t->orth;
			n = t->orth_len;
			if (v2_place(p, rs, rlen, &at_b, &cp, orth, n) == -1)
				return 2;
			any |= t->has_ner;
		}
	}
	if (rs != NULL)
		buf_add(&p->text, rs, rlen);
	r->meta = json_object();
	kept = json_object();
	json_object_set_new(r->meta, KEPT, kept);
	if (p->id != NULL)
		json_object_set(kept, "doc", p->id);
	if (rs == NULL)
		json_object_set_new(kept, "raw", json_false());
	if (pa->nsent != 1) {
		lens = json_array();
		for (i = 0; i < pa->nsent; i++)
			json_array_append_new(lens, json_integer((json_int_t)
			    (V2SCAN_END(v, pa, i) - V2SCAN_FIRST(v, pa, i))));
		json_object_set_new(kept, "sentences", lens);
	}
	/* Its document holds nothing but "id" and "paragraphs". */
	if (first && p->had_prev && same_id(p->prev_id, p->id))
		json_object_set_new(kept, "document", json_object());
	if (v2_text(r, p, rec) == -1)
		return -1;
	if (!any)
		return 1;
	for (i = 0; i < pa->nsent; i++) {
		b = V2SCAN_FIRST(v, pa, i);
		e = V2SCAN_END(v, pa, i);
		for (j = b; j < e; j++) {
			t = &v->tok[j];
			if (!t->has_ner)
				return error("%s: %s.sentences[%zu].tokens[%zu]"
				    ".ner must be a tag (every token has one"
				    " when any has)", r->name, at, i, j - b);
			if (v2_tag(r, p, at, i, j - b, ntag, v->b.data + t->ner,
			    t->ner_len) == -1)
				return -1;
			ntag++;
		}
		if (tags_end(&p->tr, ntag, &why) == -1)
			return error("%s: %s.sentences[%zu]: %s", r->name, at,
			    i, why);
	}
	return v2_annotation(r, p, rec, at);
}

static int
v2_read(struct reader *r, struct record *rec)
{
	struct v2_r		*p = r->priv;
	json_t			*para = NULL, *doc, *kept, *raw, *v;
	const char		*k;
	char			 at[96];
	int			 first = 0, rc;

	buf_reset(&p->text);
	p->ntok = 0;
	json_decref(p->spans);
	p->spans = json_array();
	if ((rc = v2_next(r, p, at, sizeof at, &para, &first)) != 1)
		return rc;
	rec->line = p->line;
	if (p->fast) {
		if ((rc = v2_fast(r, p, rec, at, first)) != 2)
			return rc;
		/* The tree's to say what is wrong: the same bytes, parsed. */
		buf_reset(&p->text);
		p->ntok = 0;
		if (v2_tree(r, p) == -1)
			return -1;
		p->fast = 0;
		para = json_array_get(json_object_get(p->doc, "paragraphs"),
		    p->p - 1);
	}
	doc = p->doc;
	if (!json_is_object(para))
		return error("%s: %s must be an object", r->name, at);
	raw = json_object_get(para, "raw");
	if (raw != NULL && !json_is_string(raw))
		return error("%s: %s.raw must be a string", r->name, at);
	r->meta = json_object();
	kept = json_object();
	json_object_set_new(r->meta, KEPT, kept);
	if (p->id != NULL)
		json_object_set(kept, "doc", p->id);
	if (v2_tokens(r, p, para, at, raw, kept) == -1)
		return -1;
	json_object_foreach(para, k, v)
		if (strcmp(k, "raw") != 0 && strcmp(k, "sentences") != 0) {
			if (json_object_get(kept, "paragraph") == NULL)
				json_object_set_new(kept, "paragraph",
				    json_object());
			json_object_set(json_object_get(kept, "paragraph"), k,
			    v);
		}
	/* The first paragraph of a document carries its other keys, and
	 * an empty "document" where the id alone would not start one (the
	 * document before has the same id, or both none). */
	if (first && (json_object_size(doc) > 2 || (p->had_prev &&
	    same_id(p->prev_id, p->id))))
		json_object_set_new(kept, "document", json_object());
	json_object_foreach(doc, k, v)
		if (first && strcmp(k, "id") != 0 &&
		    strcmp(k, "paragraphs") != 0) {
			if (json_object_get(kept, "document") == NULL)
				json_object_set_new(kept, "document",
				    json_object());
			json_object_set(json_object_get(kept, "document"), k,
			    v);
		}
	if (v2_text(r, p, rec) == -1)
		return -1;
	if ((rc = v2_entities(r, p, para, at)) == -1)
		return -1;
	if (rc == 0)
		return 1;
	return v2_annotation(r, p, rec, at);
}

/* Writing: documents of consecutive paragraphs. */

struct v2_w {
	struct tagged_out	 out;
	struct tokens		 tok;
	struct buf		 tag;
	struct buf		 para;		/* a paragraph written
						 * straight */
	size_t			*ent, aent;
	json_t			*docid;		/* the open document's */
	int			 open;		/* a document is open */
	int			 plain_labels;	/* every label of the spans
						 * control goes into JSON as
						 * it is (v2_plain) */
};

/* 1 when the len bytes at s (UTF-8, checked before) go into JSON as they
 * are: nothing jw_stringn escapes, nothing jsonout_escape does. */
static int
v2_plain(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++)
		if (u[i] < 0x20 || u[i] == '"' || u[i] == '\\')
			return 0;
	return !jsonout_needs_escape(s, len);
}

static int
v2_write_begin(struct writer *w)
{
	const struct control	*c = reader_control(w->cfg, CONTROL_SPANS, -1);
	struct v2_w		*p;
	size_t			 i;

	if (c == NULL)
		return error("the project has no spans control: spaCy's v2"
		    " JSON holds the entities of one");
	p = xcalloc(1, sizeof *p);
	if (tagged_begin(&p->out) == -1) {
		free(p);
		return -1;
	}
	p->plain_labels = 1;
	for (i = 0; i < c->nlabels; i++)
		p->plain_labels &= jw_utf8(c->labels[i].name) &&
		    v2_plain(c->labels[i].name, strlen(c->labels[i].name));
	w->priv = p;
	fputs("[", p->out.tmp);
	return 0;
}

/* The kept lengths of the paragraph's sentences ("sentences": [n, ...])
 * when they are whole numbers that add up to its ntok tokens; else NULL,
 * for one sentence of them all. */
static json_t *
v2_lens(json_t *kept, size_t ntok)
{
	json_t	*lens = json_object_get(kept, "sentences"), *e;
	size_t	 i, sum = 0;

	if (!json_is_array(lens))
		return NULL;
	json_array_foreach(lens, i, e)
		sum += json_is_integer(e) && json_integer_value(e) >= 0 &&
		    (size_t)json_integer_value(e) <= ntok ?
		    (size_t)json_integer_value(e) : ntok + 1;
	return sum == ntok ? lens : NULL;
}

/* The length of sentence i of lens (v2_lens'), or of the one. */
static size_t
v2_len(json_t *lens, size_t i, size_t ntok)
{
	return lens != NULL ? (size_t)json_integer_value(json_array_get(lens,
	    i)) : ntok;
}

/* The paragraph's sentences, of lens (v2_lens'). */
static json_t *
v2_sentences(struct v2_w *p, json_t *kept, json_t *lens, const char *text,
    const struct ans_value *v, int tagged)
{
	json_t	*extra, *sents, *toks, *t, *e;
	size_t	 i, j, k = 0, n, nsent;

	extra = json_object_get(kept, "tokens");
	if (!json_is_array(extra) || json_array_size(extra) != p->tok.n)
		extra = NULL;
	sents = json_array();
	nsent = lens != NULL ? json_array_size(lens) : 1;
	for (i = 0; i < nsent; i++) {
		n = v2_len(lens, i, p->tok.n);
		toks = json_array();
		json_array_append_new(sents, json_pack("{s:o}", "tokens",
		    toks));
		for (j = 0; j < n; j++, k++) {
			e = json_array_get(extra, k);
			t = json_is_object(e) ? json_deep_copy(e) :
			    json_object();
			json_object_set_new(t, "orth", json_stringn(text +
			    p->tok.v[k].bstart, p->tok.v[k].bend -
			    p->tok.v[k].bstart));
			if (tagged) {
				buf_reset(&p->tag);
				tags_put(&p->tag, SCHEME_BILUO, v, p->ent,
				    p->tok.n, k);
				json_object_set_new(t, "ner",
				    json_string(buf_str(&p->tag)));
			}
			json_array_append_new(toks, t);
		}
	}
	return sents;
}

/* buf_add, its room checked here: a paragraph is many short pieces. */
static inline void
v2_put(struct buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->alloc)
		buf_grow(b, len);
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

#define V2_PUT(b, lit)	v2_put((b), (lit), sizeof (lit) - 1)

/* A string into b as jw_stringn writes it; as it is when plain. */
static void
v2_string(struct buf *b, const char *s, size_t len, int plain)
{
	if (!plain) {
		jw_stringn(b, s, len);
		return;
	}
	v2_put(b, "\"", 1);
	v2_put(b, s, len);
	v2_put(b, "\"", 1);
}

/* The paragraph v2_write builds, written straight into b (util/jsonw, in
 * JSON_COMPACT's layout) where the task kept nothing of spaCy's beyond
 * its document's id, the sentences' lengths and "raw": false (no keys
 * of a token's or the paragraph's own): 1, or 0 when the tree is
 * needed. The same bytes (tests/cli/spacy.sh's round trips). *plainp
 * says whether b needs jsonout_escape: 0 when it might. */
static int
v2_para_direct(struct v2_w *p, json_t *kept, json_t *lens, const char *text,
    const struct ans_value *v, int tagged, struct buf *b, int *plainp)
{
	json_t	*extra;
	size_t	 i, j, k = 0, n, nsent;
	int	 plain;

	extra = json_object_get(kept, "tokens");
	if ((json_is_array(extra) && json_array_size(extra) == p->tok.n) ||
	    json_object_size(json_object_get(kept, "paragraph")) > 0 ||
	    !jw_utf8(text))
		return 0;
	/* Plain text: so is every token of it, each on its characters. */
	plain = v2_plain(text, strlen(text));
	*plainp = plain && p->plain_labels;
	buf_reset(b);
	V2_PUT(b, "{");
	if (!json_is_false(json_object_get(kept, "raw"))) {
		V2_PUT(b, "\"raw\":");
		v2_string(b, text, strlen(text), plain);
		V2_PUT(b, ",");
	}
	V2_PUT(b, "\"sentences\":[");
	nsent = lens != NULL ? json_array_size(lens) : 1;
	for (i = 0; i < nsent; i++) {
		n = v2_len(lens, i, p->tok.n);
		if (i > 0)
			V2_PUT(b, ",");
		V2_PUT(b, "{\"tokens\":[");
		for (j = 0; j < n; j++, k++) {
			if (j > 0)
				V2_PUT(b, ",");
			V2_PUT(b, "{\"orth\":");
			v2_string(b, text + p->tok.v[k].bstart,
			    p->tok.v[k].bend - p->tok.v[k].bstart, plain);
			if (tagged) {
				buf_reset(&p->tag);
				tags_put(&p->tag, SCHEME_BILUO, v, p->ent,
				    p->tok.n, k);
				V2_PUT(b, ",\"ner\":");
				v2_string(b, p->tag.data, p->tag.len,
				    p->plain_labels);
			}
			V2_PUT(b, "}");
		}
		V2_PUT(b, "]}");
	}
	V2_PUT(b, "]}");
	return 1;
}

/* "KEY: VALUE, " for each key of o. */
static void
put_keys(FILE *f, json_t *o)
{
	const char	*k;
	json_t		*v, *key;

	json_object_foreach(o, k, v) {
		key = json_string(k);
		jsonout_dumpf(key, f, JSON_ENCODE_ANY);
		fputs(": ", f);
		jsonout_dumpf(v, f, JSON_COMPACT | JSON_ENCODE_ANY);
		fputs(", ", f);
		json_decref(key);
	}
}

/* The document id N of a task whose meta is {"_spacy":{"doc":N}}, as an
 * import of the regular shape stores it, read without jansson: 1, or 0
 * for any other meta (writer_meta's). */
static int
v2_doc_only(const char *meta, json_int_t *id)
{
	static const char	 pre[] = "{\"" KEPT "\":{\"doc\":";
	const char		*s;
	json_int_t		 n = 0;
	int			 digits = 0, neg = 0;

	if (meta == NULL || strncmp(meta, pre, sizeof pre - 1) != 0)
		return 0;
	s = meta + sizeof pre - 1;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 18)
			return 0;
		n = n * 10 + (*s - '0');
	}
	if (digits == 0 || (neg && n == 0) || strcmp(s, "}}") != 0)
		return 0;
	*id = neg ? -n : n;
	return 1;
}

static int
v2_write(struct writer *w, const struct out_task *t)
{
	struct v2_w		*p = w->priv;
	const struct ans_value	*v = NULL;
	const char		*text = t->text != NULL ? t->text : "", *k;
	json_t			*meta = NULL, *kept, *para, *docid, *x, *lens;
	json_int_t		 doc;
	int			 tagged = t->nannotations == 1, plain = 0;

	if (strcmp(t->kind, "text") != 0)
		return error("task %lld is an image: spaCy's v2 JSON holds"
		    " text", (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s,"
		    " ...): a spaCy paragraph holds one tagging; --user USER"
		    " or --annotations final picks one", (long long)t->id,
		    t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (tagged)
		v = writer_value(writer_answer(w, t, t->annotations[0].result),
		    reader_control(w->cfg, CONTROL_SPANS, -1));
	tokens_of(&p->tok, t->tokens, text, strlen(text));
	ARRAY_GROW(p->ent, p->tok.n + 1, p->aent);
	if (tags_of_spans(&p->tok, v, p->ent) == -1) {
		tagged_misaligned(&p->out, t->id);
		return 0;
	}
	if (p->out.nbad > 0)
		return 0;	/* it will fail: nothing more is written */
	/* A task of spaCy's keeps its document's id (or that it had
	 * none); another is a document of its own, its id the task's. */
	if (v2_doc_only(t->meta, &doc)) {
		kept = NULL;	/* what the tree would say of {"doc": N} */
		docid = json_integer(doc);
	} else {
		meta = writer_meta(t, KEPT);
		kept = json_object_get(meta, KEPT);
		docid = json_object_get(kept, "doc");
		if (kept == NULL)
			docid = json_integer((json_int_t)t->id);
		else if (docid != NULL)
			json_incref(docid);
	}
	lens = v2_lens(kept, p->tok.n);
	para = NULL;
	if (!v2_para_direct(p, kept, lens, text, v, tagged, &p->para,
	    &plain)) {
		para = json_object();
		if (!json_is_false(json_object_get(kept, "raw")))
			json_object_set_new(para, "raw", json_string(text));
		json_object_set_new(para, "sentences", v2_sentences(p, kept,
		    lens, text, v, tagged));
		json_object_foreach(json_object_get(kept, "paragraph"), k, x)
			if (json_object_get(para, k) == NULL)
				json_object_set(para, k, x);
	}
	if (!p->open || json_object_get(kept, "document") != NULL ||
	    (docid == NULL) != (p->docid == NULL) || (docid != NULL &&
	    !json_equal(docid, p->docid))) {
		fputs(p->open ? "]},\n{" : "{", p->out.tmp);
		if (json_is_integer(docid))
			fprintf(p->out.tmp, "\"id\": %" JSON_INTEGER_FORMAT
			    ", ", json_integer_value(docid));
		else if (docid != NULL) {
			fputs("\"id\": ", p->out.tmp);
			jsonout_dumpf(docid, p->out.tmp, JSON_COMPACT |
			    JSON_ENCODE_ANY);
			fputs(", ", p->out.tmp);
		}
		put_keys(p->out.tmp, json_object_get(kept, "document"));
		fputs("\"paragraphs\": [", p->out.tmp);
		json_decref(p->docid);
		p->docid = docid != NULL ? json_incref(docid) : NULL;
		p->open = 1;
	} else
		fputs(", ", p->out.tmp);
	if (para != NULL)
		jsonout_dumpf(para, p->out.tmp, JSON_COMPACT);
	else if (plain)
		fwrite(p->para.data, 1, p->para.len, p->out.tmp);
	else
		(void)writer_put_escaped(p->out.tmp, &p->para);
	json_decref(docid);
	json_decref(para);
	json_decref(meta);
	if (ferror(p->out.tmp))
		return error("writing a temporary file: %s", strerror(errno));
	return 0;
}

static int
v2_write_end(struct writer *w)
{
	struct v2_w	*p = w->priv;
	int		 rc;

	if (p == NULL)
		return -1;
	fputs(p->open ? "]}]\n" : "]\n", p->out.tmp);
	rc = tagged_end(&p->out, w, "spaCy's v2 JSON");
	tokens_release(&p->tok);
	buf_release(&p->tag);
	buf_release(&p->para);
	free(p->ent);
	json_decref(p->docid);
	free(p);
	w->priv = NULL;
	return rc;
}

const struct format format_spacy_v2 = {
	.name = "spacy-v2",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_META |
	    FORMAT_ANNOTATIONS,
	.open = v2_open,
	.read = v2_read,
	.close = v2_close,
	.write_begin = v2_write_begin,
	.write = v2_write,
	.write_end = v2_write_end,
};
