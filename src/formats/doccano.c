/* doccano's JSON Lines (its export, and what its import takes): one
 * example a line, {"id", "text", "label", "Comments", <meta keys>}, where
 * "label" is [[start, end, "TAG"], ...] in a sequence-labelling project
 * and ["class", ...] in a classification one; the relation variant has
 * "entities": [{"id", "label", "start_offset", "end_offset"}] and
 * "relations": [{"id", "from_id", "to_id", "type"}], which scalec has no
 * control for: refused unless --drop-relations. Intent detection's
 * "cats" are classes beside span "label"s.
 *
 * doccano's offsets are UTF-16 code units (JavaScript string indices) by
 * default: they are converted to code points here, at the edge, unless
 * --offsets says the file's unit; export writes UTF-16, or --offsets'
 * unit (grapheme: a span whose edge is inside a cluster is refused).
 * Spans go to the
 * project's first spans control, classes to its first choice or
 * multichoice control; the labels are one annotation, in the name of the
 * person who imports (doccano writes one file per member: import each
 * with 'scalec --as NAME'). "label": [] is no annotation. Every other key
 * is the task's meta, written back at the top level, as doccano does. */
#include <string.h>

#include "formats/format.h"
#include "formats/linereader.h"
#include "formats/tagscan.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The keys doccano's lines have that are not meta. */
static const char *const own_keys[] = { "id", "text", "label", "entities",
    "relations", "cats" };

/* One offset of span n, as a code point index of the text. */
static int
offset(struct reader *r, const struct record *rec, const char *field,
    size_t n, const char *which, json_t *v, size_t *cp)
{
	const char	*why;

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return error("%s:%lu: %s %zu: the %s offset must be a whole"
		    " number from 0", r->name, rec->line, field, n, which);
	if (offset_to_cp(rec->text, rec->text_len, reader_unit(r, OFFSETS_UTF16),
	    (size_t)json_integer_value(v), cp, &why) == -1)
		return error("%s:%lu: %s %zu: %s offset %lld is %s (the text"
		    " is %zu %s units long%s)", r->name, rec->line, field, n,
		    which, (long long)json_integer_value(v), why,
		    offset_length(rec->text, rec->text_len, reader_unit(r, OFFSETS_UTF16)),
		    offset_unit_name(reader_unit(r, OFFSETS_UTF16)),
		    r->opts.offsets == OFFSETS_DEFAULT ? "; doccano counts"
		    " UTF-16 units, --offsets codepoint reads code points" :
		    "");
	return 0;
}

/* A span of field's item n into list: {"start", "end", "label"} in code
 * points, with the entity's id kept when it has one. */
static int
add_span(struct reader *r, const struct record *rec, const char *field,
    size_t n, json_t *start, json_t *end, json_t *label, json_t *id,
    json_t *list)
{
	size_t	 s, e;
	json_t	*span;

	if (!json_is_string(label))
		return error("%s:%lu: %s %zu: the label must be a string",
		    r->name, rec->line, field, n);
	if (offset(r, rec, field, n, "start", start, &s) == -1 ||
	    offset(r, rec, field, n, "end", end, &e) == -1)
		return -1;
	if (e <= s)
		return error("%s:%lu: %s %zu: the span ends at or before its"
		    " start", r->name, rec->line, field, n);
	/* As json_pack("{s:I, s:I, s:O}") builds it, without reading a
	 * format at each span. */
	span = json_object();
	json_object_set_new_nocheck(span, "start", json_integer((json_int_t)s));
	json_object_set_new_nocheck(span, "end", json_integer((json_int_t)e));
	json_object_set_nocheck(span, "label", label);
	if (id != NULL)
		json_object_set(span, "id", id);
	json_array_append_new(list, span);
	return 0;
}

/* The project's control for field's values, or an error. */
static const struct control *
control_for(struct reader *r, const struct record *rec, const char *field,
    int spans)
{
	const struct control	*c;

	c = spans ? reader_control(r->opts.cfg, CONTROL_SPANS, -1) :
	    reader_control(r->opts.cfg, CONTROL_CHOICE, CONTROL_MULTICHOICE);
	if (c == NULL)
		error("%s:%lu: \"%s\" holds %s, and the project has no %s"
		    " control for them", r->name, rec->line, field,
		    spans ? "spans" : "classes",
		    spans ? "spans" : "choice or multichoice");
	return c;
}

/* "label" (or "cats"): spans or classes into result. */
static int
read_label(struct reader *r, const struct record *rec, const char *field,
    json_t *v, json_t *result)
{
	const struct control	*c;
	json_t			*e, *list;
	size_t			 i;
	int			 spans;

	if (json_is_string(v)) {
		if ((c = control_for(r, rec, field, 0)) == NULL)
			return -1;
		json_object_set_new(result, c->name, json_pack("[O]", v));
		return 0;
	}
	if (!json_is_array(v))
		return error("%s:%lu: \"%s\" must be a list of [start, end,"
		    " \"TAG\"] or of class names", r->name, rec->line, field);
	if (json_array_size(v) == 0)
		return 0;
	spans = json_is_array(json_array_get(v, 0));
	if ((c = control_for(r, rec, field, spans)) == NULL)
		return -1;
	list = json_array();
	json_object_set_new(result, c->name, list);
	json_array_foreach(v, i, e) {
		if (spans && (!json_is_array(e) || json_array_size(e) != 3))
			return error("%s:%lu: %s %zu must be [start, end,"
			    " \"TAG\"]", r->name, rec->line, field, i + 1);
		if (spans) {
			if (add_span(r, rec, field, i + 1,
			    json_array_get(e, 0), json_array_get(e, 1),
			    json_array_get(e, 2), NULL, list) == -1)
				return -1;
		} else if (!json_is_string(e))
			return error("%s:%lu: %s %zu must be a class name (the"
			    " list has classes, or spans, not both)", r->name,
			    rec->line, field, i + 1);
		else
			json_array_append(list, e);
	}
	return 0;
}

/* The relation variant's "entities". */
static int
read_entities(struct reader *r, const struct record *rec, json_t *v,
    json_t *result)
{
	const struct control	*c;
	json_t			*e, *list;
	size_t			 i;

	if (!json_is_array(v))
		return error("%s:%lu: \"entities\" must be a list of {\"id\","
		    " \"label\", \"start_offset\", \"end_offset\"}", r->name,
		    rec->line);
	if (json_array_size(v) == 0)
		return 0;
	if ((c = control_for(r, rec, "entities", 1)) == NULL)
		return -1;
	if ((list = json_object_get(result, c->name)) == NULL) {
		list = json_array();
		json_object_set_new(result, c->name, list);
	}
	json_array_foreach(v, i, e) {
		if (!json_is_object(e))
			return error("%s:%lu: entities %zu must be an object",
			    r->name, rec->line, i + 1);
		if (add_span(r, rec, "entities", i + 1,
		    json_object_get(e, "start_offset"),
		    json_object_get(e, "end_offset"), json_object_get(e,
		    "label"), json_object_get(e, "id"), list) == -1)
			return -1;
	}
	return 0;
}

/* The spans or classes of a scanned line, and its meta keys. */
#define DOCCANO_KEYS	32

struct doccano_r {
	struct buf	 b;		/* the line's strings, unescaped */
	struct buf	 meta;		/* its meta, as the store keeps it */
	size_t		*lab;		/* a label's (at, len) in b, and for
					 * a span its start and end (as
					 * written), four a label */
	size_t		 nlab, alab;
	int		 spans;		/* lab holds spans, not classes */
	const char	*key[DOCCANO_KEYS]; /* the meta keys, for twins */
	size_t		 keylen[DOCCANO_KEYS];
};

static void
doccano_close(struct reader *r)
{
	struct doccano_r	*p = r->priv;

	if (p != NULL) {
		buf_release(&p->b);
		buf_release(&p->meta);
		free(p->lab);
	}
	free(p);
	r->priv = NULL;
}

/* Label n of the line: (at, len) in b, then start and end. */
static void
lab_add(struct doccano_r *p, size_t at, size_t len, size_t s, size_t e)
{
	ARRAY_GROW(p->lab, 4 * (p->nlab + 1), p->alab);
	p->lab[4 * p->nlab] = at;
	p->lab[4 * p->nlab + 1] = len;
	p->lab[4 * p->nlab + 2] = s;
	p->lab[4 * p->nlab + 3] = e;
	p->nlab++;
}

/* "label"'s list at c: spans [[start, end, "TAG"], ...] or classes. */
static int
scan_label(struct tagcur *c, struct doccano_r *p)
{
	size_t	at, len;
	int64_t	s, e;

	if (tag_take(c, '[') == -1)
		return -1;
	if (tag_take(c, ']') == 0)
		return 0;
	p->spans = tag_peek(c) == '[';
	do {
		if (!p->spans) {
			if (tag_string(c, &p->b, &at, &len) == -1)
				return -1;
			lab_add(p, at, len, 0, 0);
			continue;
		}
		if (tag_take(c, '[') == -1 || tag_whole(c, &s) == -1 ||
		    tag_take(c, ',') == -1 || tag_whole(c, &e) == -1 ||
		    tag_take(c, ',') == -1 ||
		    tag_string(c, &p->b, &at, &len) == -1 ||
		    tag_take(c, ']') == -1)
			return -1;
		lab_add(p, at, len, (size_t)s, (size_t)e);
	} while (tag_take(c, ',') == 0);
	return tag_take(c, ']');
}

/* Where a walk of the text (s, len bytes) has come to: byte i, unit
 * offset at, code point n. */
struct cpwalk {
	size_t	i, at, n;
};

/*
 * Offset off in unit u as a code point in *cp, as offset_to_cp gives it,
 * walking on from where w is when off is not behind it (a line's spans
 * in order walk the text once): 0, or -1 where offset_to_cp fails (the
 * tree then says why). The text is valid UTF-8. Grapheme offsets are
 * offset_to_cp's own.
 */
static int
to_cp(const char *s, size_t len, enum offset_unit u, struct cpwalk *w,
    size_t off, size_t *cp)
{
	const char	*why;
	unsigned char	 c;
	size_t		 k;

	if (u != OFFSETS_UTF16 && u != OFFSETS_CODEPOINT)
		return offset_to_cp(s, len, u, off, cp, &why);
	if (off < w->at)
		memset(w, 0, sizeof *w);
	while (w->at < off) {
		if (w->i >= len)
			return -1;
		c = (unsigned char)s[w->i];
		k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		w->i += k;
		w->at += u == OFFSETS_UTF16 && k == 4 ? 2 : 1;
		w->n++;
	}
	if (w->at > off)
		return -1;
	*cp = w->n;
	return 0;
}

/*
 * The regular line, {"id", "text", "label", <meta keys>} with spans or
 * classes, scanned without a tree into rec: 1, or 0 where it is the
 * tree's to read (anything else, and any line the tree would refuse), so
 * that every message is the tree's. The record is the tree's to the
 * byte (tests/fuzz/fuzz_tagscan).
 */
static int
doccano_scan(struct reader *r, struct doccano_r *p, const char *line,
    size_t len, struct record *rec)
{
	struct tagcur		 c = { line, line + len };
	const struct control	*ctl = NULL;
	const char		*k;
	size_t			 n, i, j, nkeys = 0, text = 0, text_len = 0;
	size_t			 idat = 0, idlen = 0, cs, ce;
	int64_t			 idnum = 0;
	int			 has_text = 0, id = 0, has_label = 0;
	enum offset_unit	 u = reader_unit(r, OFFSETS_UTF16);
	struct cpwalk		 w;
	json_t			*list, *span, *result, *ann;

	buf_reset(&p->b);
	buf_reset(&p->meta);
	p->nlab = 0;
	p->spans = 0;
	if (tag_take(&c, '{') == -1 || tag_peek(&c) == '}')
		return 0;
	do {
		if (tag_key(&c, &k, &n) == -1)
			return 0;
		if (n == 4 && memcmp(k, "text", 4) == 0) {
			if (has_text++ || tag_string(&c, &p->b, &text,
			    &text_len) == -1)
				return 0;
		} else if (n == 2 && memcmp(k, "id", 2) == 0) {
			if (id != 0)
				return 0;
			if (tag_peek(&c) == '"') {
				if (tag_string(&c, &p->b, &idat, &idlen) == -1 ||
				    idlen == 0)
					return 0;
				id = 1;
			} else if (tag_whole(&c, &idnum) == 0)
				id = 2;
			else
				return 0;
		} else if (n == 5 && memcmp(k, "label", 5) == 0) {
			if (has_label++ || scan_label(&c, p) == -1)
				return 0;
		} else {
			for (i = 0; i < ARRAY_SIZE(own_keys); i++)
				if (strlen(own_keys[i]) == n &&
				    memcmp(own_keys[i], k, n) == 0)
					return 0;
			for (i = 0; i < nkeys; i++)
				if (p->keylen[i] == n && memcmp(p->key[i], k,
				    n) == 0)
					return 0;
			if (nkeys == DOCCANO_KEYS)
				return 0;
			p->key[nkeys] = k;
			p->keylen[nkeys++] = n;
			buf_addstr(&p->meta, nkeys == 1 ? "{\"" : ",\"");
			buf_add(&p->meta, k, n);
			buf_add(&p->meta, "\":", 2);
			if (tag_value(&c, &p->meta) == -1)
				return 0;
		}
	} while (tag_take(&c, ',') == 0);
	if (tag_take(&c, '}') == -1 || !tag_done(&c) || !has_text)
		return 0;
	rec->text = p->b.data + text;
	rec->text_len = text_len;
	if (p->nlab > 0 && (ctl = p->spans ? reader_control(r->opts.cfg,
	    CONTROL_SPANS, -1) : reader_control(r->opts.cfg, CONTROL_CHOICE,
	    CONTROL_MULTICHOICE)) == NULL)
		return 0;
	/* The offsets first: a span the tree refuses is left to it. */
	memset(&w, 0, sizeof w);
	for (i = 0; p->spans && i < p->nlab; i++) {
		if (to_cp(rec->text, text_len, u, &w, p->lab[4 * i + 2],
		    &cs) == -1 || to_cp(rec->text, text_len, u, &w,
		    p->lab[4 * i + 3], &ce) == -1 || ce <= cs)
			return 0;
		p->lab[4 * i + 2] = cs;
		p->lab[4 * i + 3] = ce;
	}
	/* The id as reader_id keeps it, its value held as r->obj. */
	if (id == 1)
		r->obj = json_stringn_nocheck(p->b.data + idat, idlen);
	else if (id == 2)
		r->obj = json_integer((json_int_t)idnum);
	if (r->obj != NULL && reader_id(r, rec, r->obj) == -1)
		return -1;	/* not reached: the id is one it takes */
	if (p->nlab > 0) {
		result = json_object();
		list = json_array();
		json_object_set_new(result, ctl->name, list);
		for (j = 0; j < p->nlab; j++) {
			k = p->b.data + p->lab[4 * j];
			n = p->lab[4 * j + 1];
			if (!p->spans) {
				json_array_append_new(list,
				    json_stringn_nocheck(k, n));
				continue;
			}
			/* add_span's object. */
			span = json_object();
			json_object_set_new_nocheck(span, "start", json_integer(
			    (json_int_t)p->lab[4 * j + 2]));
			json_object_set_new_nocheck(span, "end", json_integer(
			    (json_int_t)p->lab[4 * j + 3]));
			json_object_set_new_nocheck(span, "label",
			    json_stringn_nocheck(k, n));
			json_array_append_new(list, span);
		}
		/* doccano_read's annotation. */
		ann = json_object();
		json_object_set_new_nocheck(ann, "user", json_string(
		    r->opts.user != NULL ? r->opts.user : ""));
		json_object_set_new_nocheck(ann, "state",
		    json_string_nocheck("submitted"));
		json_object_set_new_nocheck(ann, "result", result);
		r->built = json_array();
		json_array_append_new(r->built, ann);
		rec->annotations = r->built;
	}
	if (nkeys > 0) {
		buf_addch(&p->meta, '}');
		rec->meta_json = buf_str(&p->meta);
	}
	doccano_fast_reads++;
	return 1;
}

static int	doccano_tree(struct reader *, struct record *);

static int
doccano_read(struct reader *r, struct record *rec)
{
	struct doccano_r	*p;
	char			*line;
	size_t			 len;
	int			 rc;

	if ((p = r->priv) == NULL)
		p = r->priv = xcalloc(1, sizeof *p);
	do
		if ((rc = linereader_next(&r->lr, &line, &len)) != 1)
			return rc;
	while (format_blank_line(line, len));
	rec->line = r->lr.lineno;
	if (!doccano_tree_only && (rc = doccano_scan(r, p, line, len,
	    rec)) != 0)
		return rc;
	/* The tree's way, from a clean record. */
	json_decref(r->obj);
	r->obj = NULL;
	memset(rec, 0, sizeof *rec);
	rec->line = r->lr.lineno;
	if ((r->obj = reader_json_bytes(r, rec->line, line, len)) == NULL)
		return -1;
	return doccano_tree(r, rec);
}

/* The tree's way: the reader's before the scanner and its reference. */
static int
doccano_tree(struct reader *r, struct record *rec)
{
	json_t		*obj, *v, *result, *ann;
	const char	*k;

	obj = r->obj;
	v = json_object_get(obj, "text");
	if (!json_is_string(v)) {
		if (json_object_get(obj, "filename") != NULL)
			return error("%s:%lu: doccano's image projects"
			    " (\"filename\") are not read yet: only text",
			    r->name, rec->line);
		return error("%s:%lu: a doccano line needs \"text\", a string",
		    r->name, rec->line);
	}
	rec->text = json_string_value(v);
	rec->text_len = json_string_length(v);
	if (reader_id(r, rec, json_object_get(obj, "id")) == -1)
		return -1;
	v = json_object_get(obj, "relations");
	if (v != NULL && !json_is_array(v))
		return error("%s:%lu: \"relations\" must be a list", r->name,
		    rec->line);
	if (json_array_size(v) > 0 && !r->opts.drop_relations)
		return error("%s:%lu: %zu relation%s, which scalec has no"
		    " control for: --drop-relations imports the line without"
		    " them", r->name, rec->line, json_array_size(v),
		    json_array_size(v) == 1 ? "" : "s");
	result = json_object();
	/* As json_pack("[{s:s, s:s, s:o}]") builds it, without reading a
	 * format at each line. */
	ann = json_object();
	json_object_set_new_nocheck(ann, "user", json_string(r->opts.user !=
	    NULL ? r->opts.user : ""));
	json_object_set_new_nocheck(ann, "state",
	    json_string_nocheck("submitted"));
	json_object_set_new_nocheck(ann, "result", result);
	r->built = json_array();
	json_array_append_new(r->built, ann);
	if (((v = json_object_get(obj, "label")) != NULL &&
	    read_label(r, rec, "label", v, result) == -1) ||
	    ((v = json_object_get(obj, "cats")) != NULL &&
	    read_label(r, rec, "cats", v, result) == -1) ||
	    ((v = json_object_get(obj, "entities")) != NULL &&
	    read_entities(r, rec, v, result) == -1))
		return -1;
	if (json_object_size(result) > 0)
		rec->annotations = r->built;
	r->meta = json_object();
	json_object_foreach(obj, k, v)
		if (!format_key_in(k, own_keys, ARRAY_SIZE(own_keys)))
			json_object_set(r->meta, k, v);
	rec->meta = r->meta;
	return 1;
}

/* 1 when every span carries an entity id (it came from "entities"). */
static int
entity_ids(const struct ans_value *v)
{
	size_t	i;

	for (i = 0; i < v->nspans; i++)
		if (!json_is_integer(json_object_get(v->spans[i].more, "id")))
			return 0;
	return v->nspans > 0;
}

/* The spans in unit u (--offsets; UTF-16 by default). 0, or -1 after
 * reporting a span whose edge is inside a grapheme cluster. */
static int
put_spans(json_t *j, const struct out_task *t, const struct ans_value *v,
    enum offset_unit u)
{
	const char	*text = t->text != NULL ? t->text : "";
	size_t		 i, len = strlen(text), s, e;
	json_t		*list = json_array(), *ent;
	int		 ents = entity_ids(v);

	for (i = 0; i < v->nspans; i++) {
		s = offset_from_cp(text, len, u, v->spans[i].start);
		e = offset_from_cp(text, len, u, v->spans[i].end);
		if (s == OFFSET_NONE || e == OFFSET_NONE) {
			json_decref(list);
			return error("task %lld: span %zu (code points %zu to"
			    " %zu) %s inside a grapheme cluster, which"
			    " --offsets grapheme cannot say", (long long)t->id,
			    i + 1, v->spans[i].start, v->spans[i].end,
			    s == OFFSET_NONE ? "starts" : "ends");
		}
		if (ents) {
			ent = json_pack("{s:O, s:s, s:I, s:I}", "id",
			    json_object_get(v->spans[i].more, "id"), "label",
			    v->control->labels[v->spans[i].label].name,
			    "start_offset", (json_int_t)s, "end_offset",
			    (json_int_t)e);
			json_array_append_new(list, ent);
		} else
			json_array_append_new(list, json_pack("[I, I, s]",
			    (json_int_t)s, (json_int_t)e,
			    v->control->labels[v->spans[i].label].name));
	}
	json_object_set_new(j, ents ? "entities" : "label", list);
	if (ents)
		json_object_set_new(j, "relations", json_array());
	return 0;
}

static json_t *
classes(const struct ans_value *v)
{
	json_t	*list = json_array();
	size_t	 i;

	for (i = 0; v != NULL && v->chosen != NULL &&
	    i < v->control->nlabels; i++)
		if (v->chosen[i])
			json_array_append_new(list,
			    json_string(v->control->labels[i].name));
	return list;
}

/* The list of classes chosen, as classes() makes it, into b. */
static void
put_classes(struct buf *b, const struct ans_value *v)
{
	size_t	i;
	int	first = 1;

	buf_addch(b, '[');
	for (i = 0; v != NULL && v->chosen != NULL &&
	    i < v->control->nlabels; i++)
		if (v->chosen[i]) {
			if (!first)
				buf_add(b, ", ", 2);
			first = 0;
			jw_string(b, v->control->labels[i].name);
		}
	buf_addch(b, ']');
}

/*
 * The line of doccano_write's tree written straight (util/jsonw), the
 * same bytes: 1 when written (0 or -1 in *rc), 0 where it is the tree's
 * to write (a text that is not UTF-8 jansson takes, meta the members of
 * which are not plain, grapheme offsets, an entity id not a whole
 * number), having reported nothing.
 */
static int
write_direct(struct writer *w, const struct out_task *t,
    const struct ans_value *sv, const struct ans_value *cv, int *rc)
{
	static struct buf	 raw, key;
	struct tag_member	 m[TAG_MEMBERS];
	const char		*text = t->text != NULL ? t->text : "";
	size_t			 i, len, s, e;
	int			 n, ents;
	enum offset_unit	 u = w->opts.offsets != OFFSETS_DEFAULT ?
				    w->opts.offsets : OFFSETS_UTF16;

	if (u == OFFSETS_GRAPHEME || !jw_utf8(text) || (n = t->meta != NULL ?
	    tag_members(t->meta, m) : 0) == -1)
		return 0;
	buf_reset(&raw);
	buf_addch(&raw, '{');
	if (t->ext_id != NULL) {
		jw_key(&raw, "id");
		writer_put_id(&raw, t->ext_id);
		buf_add(&raw, ", ", 2);
	}
	jw_key(&raw, "text");
	jw_string(&raw, text);
	if (sv != NULL) {
		ents = entity_ids(sv);
		buf_addstr(&raw, ents ? ", \"entities\": [" : ", \"label\": [");
		len = strlen(text);
		for (i = 0; i < sv->nspans; i++) {
			s = offset_from_cp(text, len, u, sv->spans[i].start);
			e = offset_from_cp(text, len, u, sv->spans[i].end);
			if (i > 0)
				buf_add(&raw, ", ", 2);
			if (ents) {
				buf_addch(&raw, '{');
				jw_key(&raw, "id");
				jw_int(&raw, json_integer_value(json_object_get(
				    sv->spans[i].more, "id")));
				buf_add(&raw, ", ", 2);
				jw_key(&raw, "label");
			} else
				buf_addch(&raw, '[');
			if (!ents) {
				jw_int(&raw, (int64_t)s);
				buf_add(&raw, ", ", 2);
				jw_int(&raw, (int64_t)e);
				buf_add(&raw, ", ", 2);
			}
			jw_string(&raw, sv->control->labels[
			    sv->spans[i].label].name);
			if (ents) {
				buf_add(&raw, ", ", 2);
				jw_key(&raw, "start_offset");
				jw_int(&raw, (int64_t)s);
				buf_add(&raw, ", ", 2);
				jw_key(&raw, "end_offset");
				jw_int(&raw, (int64_t)e);
			}
			buf_addch(&raw, ents ? '}' : ']');
		}
		buf_addch(&raw, ']');
		if (ents)
			buf_addstr(&raw, ", \"relations\": []");
		if (cv != NULL && cv->present) {
			buf_addstr(&raw, ", \"cats\": ");
			put_classes(&raw, cv);
		}
	} else {
		buf_addstr(&raw, ", \"label\": ");
		put_classes(&raw, cv);
	}
	for (i = 0; i < (size_t)n; i++) {
		buf_reset(&key);
		buf_add(&key, m[i].k, m[i].kn);
		if (format_key_in(buf_str(&key), own_keys,
		    ARRAY_SIZE(own_keys))) {
			*rc = error("task %lld: its meta key '%s' is one of"
			    " doccano's own fields", (long long)t->id,
			    buf_str(&key));
			return 1;
		}
		buf_add(&raw, ", ", 2);
		jw_stringn(&raw, m[i].k, m[i].kn);
		buf_add(&raw, ": ", 2);
		jw_storedn(&raw, m[i].v, m[i].vn);
	}
	buf_addch(&raw, '}');
	*rc = writer_jsonw_line(w, &raw);
	return 1;
}


static int
doccano_write(struct writer *w, const struct out_task *t)
{
	const struct control	*spans, *cls;
	const struct answer	*a = NULL;
	const struct ans_value	*sv, *cv;
	json_t			*j, *meta, *v;
	const char		*k;
	int			 rc;

	if (strcmp(t->kind, "text") != 0)
		return error("task %lld is an image: doccano's JSONL export"
		    " writes text tasks", (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s, ...):"
		    " a doccano line holds one person's labels, as doccano"
		    " writes a file per member: export each with --user USER",
		    (long long)t->id, t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->nannotations == 1)
		a = writer_answer(w, t, t->annotations[0].result);
	spans = reader_control(w->cfg, CONTROL_SPANS, -1);
	cls = reader_control(w->cfg, CONTROL_CHOICE, CONTROL_MULTICHOICE);
	sv = writer_value(a, spans);
	cv = writer_value(a, cls);
	if (!doccano_write_tree_only && write_direct(w, t, sv, cv, &rc))
		return rc;
	j = json_object();
	if (t->ext_id != NULL)
		json_object_set_new(j, "id", writer_id(t->ext_id));
	json_object_set_new(j, "text", json_string(t->text != NULL ? t->text :
	    ""));
	if (sv != NULL) {
		if (put_spans(j, t, sv, w->opts.offsets != OFFSETS_DEFAULT ?
		    w->opts.offsets : OFFSETS_UTF16) == -1) {
			json_decref(j);
			return -1;
		}
		if (cv != NULL && cv->present)
			json_object_set_new(j, "cats", classes(cv));
	} else
		json_object_set_new(j, "label", classes(cv));
	meta = t->meta != NULL ? json_loads(t->meta, 0, NULL) : NULL;
	json_object_foreach(meta, k, v) {
		if (format_key_in(k, own_keys, ARRAY_SIZE(own_keys)) ||
		    json_object_get(j, k) != NULL) {
			json_decref(meta);
			json_decref(j);
			return error("task %lld: its meta key '%s' is one of"
			    " doccano's own fields", (long long)t->id, k);
		}
		json_object_set(j, k, v);
	}
	json_decref(meta);
	return writer_json_line(w, j);
}

const struct format format_doccano = {
	.name = "doccano",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_META |
	    FORMAT_ANNOTATIONS,
	.read = doccano_read,
	.close = doccano_close,
	.write = doccano_write,
};
