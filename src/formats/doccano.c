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
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "util/error.h"
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

static int
doccano_read(struct reader *r, struct record *rec)
{
	json_t		*obj, *v, *result, *ann;
	const char	*k;
	int		 rc;

	if ((rc = reader_json_line(r, rec)) != 1)
		return rc;
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

static int
doccano_write(struct writer *w, const struct out_task *t)
{
	const struct control	*spans, *cls;
	const struct answer	*a = NULL;
	const struct ans_value	*sv, *cv;
	json_t			*j, *meta, *v;
	const char		*k;

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
	j = json_object();
	if (t->ext_id != NULL)
		json_object_set_new(j, "id", writer_id(t->ext_id));
	json_object_set_new(j, "text", json_string(t->text != NULL ? t->text :
	    ""));
	spans = reader_control(w->cfg, CONTROL_SPANS, -1);
	cls = reader_control(w->cfg, CONTROL_CHOICE, CONTROL_MULTICHOICE);
	sv = writer_value(a, spans);
	cv = writer_value(a, cls);
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
	.write = doccano_write,
};
