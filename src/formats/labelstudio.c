/* Label Studio's JSON export (and import), and its JSON-MIN.
 *
 * JSON: one array of tasks, {"id", "data": {"text" | "image", ...},
 * "annotations": [{"completed_by", "result": [...], "was_cancelled",
 * "ground_truth", "lead_time", "created_at", "updated_at", "reviews"}],
 * "predictions": [{"model_version", "score", "result"}], ...}, where a
 * result is a list of items {"id", "from_name", "to_name", "type",
 * "value"}. JSON-MIN: one record per annotation, the data's fields at the
 * top with the task's "id", each control's values under its name (a
 * single choice or text flattened to the string), "annotator",
 * "annotation_id", "created_at", "updated_at", "lead_time".
 *
 * The file is read a task at a time through the splitter (jsonsplit.h),
 * never whole. Result types map onto the project's controls: labels to
 * spans, choices to choice or multichoice, textarea to text, rating to
 * rating, rectanglelabels to boxes and polygonlabels to polygons, by name
 * (a control named as the result's from_name), else the project's one
 * control of the kind; --ls-config FILE (Label Studio's XML label config)
 * names the data field and pairs Label Studio's controls with the
 * project's, the n-th of a kind with the n-th. Offsets are code points,
 * as Label Studio counts them; a span's own "text" must be the text it
 * points at. Boxes and polygons are percentages of original_width and
 * original_height, converted to pixels here. Relations are refused
 * unless --drop-relations; ground truth until gold tasks exist. A mistake
 * is reported at its JSON path: FILE:LINE: [3].annotations[0].result[2].
 * value.start: what is wrong.
 *
 * The data's other fields are the task's meta; the task's other keys
 * (meta, project, inner_id, created_at, ...) are kept in its meta under
 * "_labelstudio" and written back as they came. Annotation and prediction
 * ids are Label Studio's database ids, not kept: export writes scalec's.
 * An annotation's person is completed_by's "email" (an object), else the
 * person who imports (or --annotator); a scalec login is written back as
 * {"email": LOGIN}. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/tagscan.h"
#include "formats/jsonsplit.h"
#include "formats/lsconfig.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Label Studio's result types and the control kinds they map to. */
static const struct ls_type {
	const char	*type;		/* a result's "type" */
	const char	*tag;		/* its control tag in the XML */
	int		 kind, kind2;	/* enum control_kind; -1 */
} ls_types[] = {
	{ "labels",		"Labels",	   CONTROL_SPANS, -1 },
	{ "choices",		"Choices",	   CONTROL_CHOICE,
	    CONTROL_MULTICHOICE },
	{ "textarea",		"TextArea",	   CONTROL_TEXT, -1 },
	{ "rating",		"Rating",	   CONTROL_RATING, -1 },
	{ "rectanglelabels",	"RectangleLabels", CONTROL_BOXES, -1 },
	{ "polygonlabels",	"PolygonLabels",   CONTROL_POLYGONS, -1 },
};

/* The keys of a task that are not kept under _labelstudio. */
static const char *const task_keys[] = { "id", "data", "annotations",
    "predictions", "drafts" };
#define LS_KEPT	"_labelstudio"
/* The id export gives a region that came without one (Label Studio wants
 * one each), not kept on import: a ':' is in none of Label Studio's. */
#define MADE_ID	"scalec:"

static const struct ls_type *
type_named(const char *type)
{
	size_t	i;

	for (i = 0; type != NULL && i < ARRAY_SIZE(ls_types); i++)
		if (strcmp(ls_types[i].type, type) == 0)
			return &ls_types[i];
	return NULL;
}

static const struct ls_type *
type_of_kind(int kind)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(ls_types); i++)
		if (ls_types[i].kind == kind || ls_types[i].kind2 == kind)
			return &ls_types[i];
	return NULL;
}

static int
kind_fits(const struct ls_type *t, const struct control *c)
{
	return (int)c->kind == t->kind || (int)c->kind == t->kind2;
}

/* The project's n-th control (from 0) of type t, or NULL. */
static const struct control *
nth_control(const struct config *cfg, const struct ls_type *t, size_t n)
{
	size_t	i;

	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++)
		if (kind_fits(t, &cfg->controls[i]) && n-- == 0)
			return &cfg->controls[i];
	return NULL;
}

/* The project's control for a Label Studio control named name of type t:
 * the one of that name, else the n-th of the kind when the --ls-config
 * says n (n < 0: the only one). */
static const struct control *
map_control(const struct config *cfg, const struct ls_type *t,
    const char *name, long n)
{
	const struct control	*c;
	size_t			 i;

	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++)
		if (strcmp(cfg->controls[i].name, name) == 0 &&
		    kind_fits(t, &cfg->controls[i]))
			return &cfg->controls[i];
	if (n >= 0)
		return nth_control(cfg, t, (size_t)n);
	if ((c = nth_control(cfg, t, 0)) != NULL &&
	    nth_control(cfg, t, 1) == NULL)
		return c;
	return NULL;
}

/* What a reader and a writer know beyond the project's config. */
struct ls_state {
	struct jsonsplit	 js;
	struct ls_config	*lscfg;		/* --ls-config, or NULL */
	const char		*text_field;	/* data's key of the text */
	const char		*image_field;
	json_t			*ahead;		/* JSON-MIN: the next record,
						 * read to see its id */
	unsigned long		 ahead_line, ahead_index;
	int			 ahead_end;	/* no record after */
	json_t			*preds;		/* the record's predictions */
	unsigned long		 written;	/* records written */
	unsigned long		 line;		/* of the task in hand */
	unsigned long		 index;		/* its place in the list */
	struct answer_task	 at;		/* for the checks */
	const struct ls_tag	**names;	/* export with --ls-config:
						 * the Label Studio control of
						 * each of the project's, or
						 * NULL */
};

/* The index of the task in hand in the file's list (JSON-MIN: of its first
 * record), for its JSON path. */
static unsigned long
ls_index(const struct reader *r)
{
	const struct ls_state *ls = r->priv;

	return ls->index;
}

/* FILE:LINE: PATH: what is wrong, for a task at line. */
static int __attribute__((format(printf, 3, 4)))
ls_error(struct reader *r, const char *at, const char *fmt, ...)
{
	struct ls_state	*ls = r->priv;
	char		 msg[512];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return error("%s:%lu: %s: %s", r->name, ls->line, at, msg);
}

/* A Label Studio control of --ls-config for a result: its tag's type and
 * the project's control it pairs with. NULL after reporting. */
static const struct control *
lscfg_control(struct reader *r, const char *at, const char *from,
    const struct ls_type *t)
{
	struct ls_state		*ls = r->priv;
	const struct ls_tag	*tag = ls_config_control(ls->lscfg, from);
	const struct control	*c;
	size_t			 i, n = 0;

	if (tag == NULL) {
		ls_error(r, at, "from_name '%s' is no control of the"
		    " --ls-config", from);
		return NULL;
	}
	if (strcmp(tag->tag, t->tag) != 0) {
		ls_error(r, at, "'%s' is a <%s> in the --ls-config, not a %s"
		    " result's <%s>", from, tag->tag, t->type, t->tag);
		return NULL;
	}
	for (i = 0; &ls->lscfg->controls[i] != tag; i++)
		n += strcmp(ls->lscfg->controls[i].tag, t->tag) == 0;
	if ((c = map_control(r->opts.cfg, t, from, (long)n)) == NULL)
		ls_error(r, at, "the project has no %s control for the"
		    " --ls-config's <%s name=\"%s\">", control_kind_name((enum control_kind)t->kind),
		    t->tag, from);
	return c;
}

/* The project's control for result item's from_name and type. */
static const struct control *
item_control(struct reader *r, const char *at, const char *from,
    const struct ls_type *t)
{
	struct ls_state		*ls = r->priv;
	const struct control	*c;

	if (ls->lscfg != NULL)
		return lscfg_control(r, at, from, t);
	if ((c = map_control(r->opts.cfg, t, from, -1)) == NULL)
		ls_error(r, at, "the project has no %s control named '%s'%s:"
		    " --ls-config FILE maps Label Studio's controls onto the"
		    " project's", control_kind_name((enum control_kind)t->kind), from,
		    nth_control(r->opts.cfg, t, 1) != NULL ? " and more than"
		    " one of the kind" : "");
	return c;
}

/* The index of label name in c, or -1 after reporting. */
static int
label_index(struct reader *r, const char *at, const struct control *c,
    json_t *name)
{
	size_t	i;

	if (!json_is_string(name))
		return ls_error(r, at, "a label must be a string");
	for (i = 0; i < c->nlabels; i++)
		if (strcmp(c->labels[i].name, json_string_value(name)) == 0)
			return (int)i;
	return ls_error(r, at, "control '%s' has no label '%s'", c->name,
	    json_string_value(name));
}

/* value[key]: a list of exactly one label, as scalec's regions hold one. */
static json_t *
one_label(struct reader *r, const char *at, json_t *value, const char *key,
    const struct control *c)
{
	json_t	*l = json_object_get(value, key);
	char	 sub[256];

	snprintf(sub, sizeof sub, "%s.value.%s", at, key);
	if (!json_is_array(l) || json_array_size(l) != 1) {
		ls_error(r, sub, "must be a list of one label (a region has"
		    " one label in scalec)");
		return NULL;
	}
	snprintf(sub, sizeof sub, "%s.value.%s[0]", at, key);
	if (label_index(r, sub, c, json_array_get(l, 0)) == -1)
		return NULL;
	return json_array_get(l, 0);
}

/* A list under c's name in result, made on first use. */
static json_t *
region_list(json_t *result, const struct control *c)
{
	json_t	*list = json_object_get(result, c->name);

	if (list == NULL) {
		list = json_array();
		json_object_set_new(result, c->name, list);
	}
	return list;
}

/* The item's id and score, kept with a region so that they go back. */
static json_t *
region_more(json_t *region, json_t *item)
{
	json_t	*v;

	if (json_is_string(v = json_object_get(item, "id")) &&
	    strncmp(json_string_value(v), MADE_ID, strlen(MADE_ID)) != 0)
		json_object_set(region, "id", v);
	if (json_is_number(v = json_object_get(item, "score")))
		json_object_set(region, "score", v);
	return region;
}

/* A whole number from 0 at at.value.key. */
static int
offset_at(struct reader *r, const struct record *rec, const char *at,
    json_t *value, const char *key, size_t *cp)
{
	json_t		*v = json_object_get(value, key);
	const char	*why;
	char		 sub[256];
	enum offset_unit u = reader_unit(r, OFFSETS_CODEPOINT);

	snprintf(sub, sizeof sub, "%s.value.%s", at, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return ls_error(r, sub, "must be a whole number from 0");
	if (offset_to_cp(rec->text, rec->text_len, u,
	    (size_t)json_integer_value(v), cp, &why) == -1)
		return ls_error(r, sub, "%lld is %s (the text is %zu %s units"
		    " long)", (long long)json_integer_value(v), why,
		    offset_length(rec->text, rec->text_len, u),
		    offset_unit_name(u));
	return 0;
}

static int
read_span(struct reader *r, const struct record *rec, const char *at,
    json_t *item, json_t *value, const struct control *c, json_t *result)
{
	size_t		 s, e, bs, be;
	json_t		*label, *t;
	char		 sub[256];

	if (rec->text == NULL)
		return ls_error(r, at, "a labels result on a task with no"
		    " text");
	if (offset_at(r, rec, at, value, "start", &s) == -1 ||
	    offset_at(r, rec, at, value, "end", &e) == -1)
		return -1;
	if (e <= s) {
		snprintf(sub, sizeof sub, "%s.value.end", at);
		return ls_error(r, sub, "the span ends at or before its"
		    " start");
	}
	/* The span's own text must be what its offsets point at. */
	t = json_object_get(value, "text");
	bs = utf8_offset(rec->text, rec->text_len, s);
	be = utf8_offset(rec->text, rec->text_len, e);
	if (t != NULL && (!json_is_string(t) || json_string_length(t) !=
	    be - bs || memcmp(json_string_value(t), rec->text + bs, be - bs)
	    != 0)) {
		snprintf(sub, sizeof sub, "%s.value.start", at);
		return ls_error(r, sub, "the span %zu..%zu is \"%.*s\", not"
		    " its \"text\" \"%s\" (offsets are code points)", s, e,
		    (int)(be - bs > 200 ? 200 : be - bs), rec->text + bs,
		    json_is_string(t) ? json_string_value(t) : "");
	}
	if ((label = one_label(r, at, value, "labels", c)) == NULL)
		return -1;
	json_array_append_new(region_list(result, c), region_more(json_pack(
	    "{s:I, s:I, s:O}", "start", (json_int_t)s, "end", (json_int_t)e,
	    "label", label), item));
	return 0;
}

/* Percent of the original size, as pixels; 1e-6 pixel is kept, so that
 * the round trip through a percentage gives the pixel back. */
static double
pixels(double pct, int size)
{
	return round(pct * size / 100.0 * 1e6) / 1e6;
}

/* original_width and original_height of an image item, which the task
 * keeps as its size. */
static int
item_size(struct reader *r, struct record *rec, const char *at,
    json_t *item)
{
	json_t	*w = json_object_get(item, "original_width");
	json_t	*h = json_object_get(item, "original_height");
	char	 sub[256];

	if (!json_is_integer(w) || json_integer_value(w) < 1 ||
	    json_integer_value(w) > 1 << 20 || !json_is_integer(h) ||
	    json_integer_value(h) < 1 || json_integer_value(h) > 1 << 20) {
		snprintf(sub, sizeof sub, "%s.original_width", at);
		return ls_error(r, sub, "an image result needs"
		    " original_width and original_height, whole numbers of"
		    " pixels, to turn its percentages into pixels");
	}
	if (rec->width == 0) {
		rec->width = (int)json_integer_value(w);
		rec->height = (int)json_integer_value(h);
	} else if (rec->width != json_integer_value(w) ||
	    rec->height != json_integer_value(h)) {
		snprintf(sub, sizeof sub, "%s.original_width", at);
		return ls_error(r, sub, "%lldx%lld, where the task's other"
		    " results say %dx%d", (long long)json_integer_value(w),
		    (long long)json_integer_value(h), rec->width, rec->height);
	}
	return 0;
}

static int
number_at(struct reader *r, const char *at, json_t *value, const char *key,
    double *d)
{
	json_t	*v = json_object_get(value, key);
	char	 sub[256];

	snprintf(sub, sizeof sub, "%s.value.%s", at, key);
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return ls_error(r, sub, "must be a number");
	*d = json_number_value(v);
	return 0;
}

static json_t *
px(double d)
{
	return d == floor(d) && fabs(d) < 1e15 ? json_integer((json_int_t)d) :
	    json_real(d);
}

static int
read_box(struct reader *r, struct record *rec, const char *at, json_t *item,
    json_t *value, const struct control *c, json_t *result)
{
	double	 x, y, w, h, rot = 0;
	json_t	*label, *box;

	if (item_size(r, rec, at, item) == -1 ||
	    number_at(r, at, value, "x", &x) == -1 ||
	    number_at(r, at, value, "y", &y) == -1 ||
	    number_at(r, at, value, "width", &w) == -1 ||
	    number_at(r, at, value, "height", &h) == -1 ||
	    (json_object_get(value, "rotation") != NULL &&
	    number_at(r, at, value, "rotation", &rot) == -1) ||
	    (label = one_label(r, at, value, "rectanglelabels", c)) == NULL)
		return -1;
	box = json_pack("{s:o, s:o, s:o, s:o}", "x", px(pixels(x, rec->width)),
	    "y", px(pixels(y, rec->height)), "width", px(pixels(w,
	    rec->width)), "height", px(pixels(h, rec->height)));
	if (rot != 0)
		json_object_set_new(box, "rotation", px(rot));
	json_object_set(box, "label", label);
	json_array_append_new(region_list(result, c), region_more(box, item));
	return 0;
}

static int
read_polygon(struct reader *r, struct record *rec, const char *at,
    json_t *item, json_t *value, const struct control *c, json_t *result)
{
	json_t	*pts = json_object_get(value, "points"), *p, *out, *label;
	size_t	 i;
	char	 sub[256];

	if (item_size(r, rec, at, item) == -1)
		return -1;
	snprintf(sub, sizeof sub, "%s.value.points", at);
	if (!json_is_array(pts) || json_array_size(pts) < 3)
		return ls_error(r, sub, "must be a list of at least three"
		    " [x, y] points");
	out = json_array();
	json_array_foreach(pts, i, p) {
		json_t	*px_ = json_array_get(p, 0), *py = json_array_get(p, 1);

		if (!json_is_array(p) || json_array_size(p) != 2 ||
		    !json_is_number(px_) || !json_is_number(py) ||
		    !isfinite(json_number_value(px_)) ||
		    !isfinite(json_number_value(py))) {
			json_decref(out);
			snprintf(sub, sizeof sub, "%s.value.points[%zu]", at, i);
			return ls_error(r, sub, "must be [x, y], two numbers");
		}
		json_array_append_new(out, json_pack("[o, o]",
		    px(pixels(json_number_value(px_), rec->width)),
		    px(pixels(json_number_value(py), rec->height))));
	}
	if ((label = one_label(r, at, value, "polygonlabels", c)) == NULL) {
		json_decref(out);
		return -1;
	}
	json_array_append_new(region_list(result, c), region_more(json_pack(
	    "{s:o, s:O}", "points", out, "label", label), item));
	return 0;
}

/* A choices, textarea or rating item: one per control and result. */
static int
read_value(struct reader *r, const char *at, json_t *value,
    const struct control *c, const struct ls_type *t, json_t *result)
{
	json_t	*v, *e;
	size_t	 i;
	char	 sub[256];
	struct buf b = BUF_INIT;

	if (json_object_get(result, c->name) != NULL)
		return ls_error(r, at, "a second %s result for control '%s'",
		    t->type, c->name);
	if (t->kind == CONTROL_CHOICE) {
		v = json_object_get(value, "choices");
		snprintf(sub, sizeof sub, "%s.value.choices", at);
		if (!json_is_array(v))
			return ls_error(r, sub, "must be a list of choices");
		if (c->kind == CONTROL_CHOICE && json_array_size(v) > 1)
			return ls_error(r, sub, "%zu choices, and control '%s'"
			    " is a choice, not a multichoice",
			    json_array_size(v), c->name);
		json_array_foreach(v, i, e) {
			snprintf(sub, sizeof sub, "%s.value.choices[%zu]", at,
			    i);
			if (label_index(r, sub, c, e) == -1)
				return -1;
		}
		json_object_set(result, c->name, v);
		return 0;
	}
	if (t->kind == CONTROL_RATING) {
		v = json_object_get(value, "rating");
		snprintf(sub, sizeof sub, "%s.value.rating", at);
		if (!json_is_integer(v))
			return ls_error(r, sub, "must be a whole number");
		json_object_set(result, c->name, v);
		return 0;
	}
	v = json_object_get(value, "text");
	snprintf(sub, sizeof sub, "%s.value.text", at);
	if (json_is_string(v)) {
		json_object_set(result, c->name, v);
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) == 0 ||
	    (json_array_size(v) > 1 && !c->multiline))
		return ls_error(r, sub, "must be a list of one text (or more,"
		    " joined by line breaks, for a multiline control)");
	json_array_foreach(v, i, e) {
		if (!json_is_string(e)) {
			buf_release(&b);
			snprintf(sub, sizeof sub, "%s.value.text[%zu]", at, i);
			return ls_error(r, sub, "must be a string");
		}
		if (i > 0)
			buf_addch(&b, '\n');
		buf_add(&b, json_string_value(e), json_string_length(e));
	}
	json_object_set_new(result, c->name, json_stringn(buf_str(&b),
	    b.len));
	buf_release(&b);
	return 0;
}

/* One result item into result (at is its path). */
static int
read_item(struct reader *r, struct record *rec, const char *at, json_t *item,
    json_t *result)
{
	const struct ls_type	*t;
	const struct control	*c;
	json_t			*type, *from, *value;
	char			 sub[256];

	if (!json_is_object(item))
		return ls_error(r, at, "a result item must be an object");
	type = json_object_get(item, "type");
	snprintf(sub, sizeof sub, "%s.type", at);
	if (!json_is_string(type))
		return ls_error(r, sub, "must be a string");
	if (strcmp(json_string_value(type), "relation") == 0) {
		if (r->opts.drop_relations)
			return 0;
		return ls_error(r, sub, "a relation, which scalec has no"
		    " control for: --drop-relations imports the file without"
		    " them");
	}
	if ((t = type_named(json_string_value(type))) == NULL)
		return ls_error(r, sub, "'%s' results have no control kind in"
		    " scalec (it reads labels, choices, textarea, rating,"
		    " rectanglelabels and polygonlabels)",
		    json_string_value(type));
	from = json_object_get(item, "from_name");
	snprintf(sub, sizeof sub, "%s.from_name", at);
	if (!json_is_string(from))
		return ls_error(r, sub, "must be a string, the control's"
		    " name");
	if ((c = item_control(r, at, json_string_value(from), t)) == NULL)
		return -1;
	value = json_object_get(item, "value");
	snprintf(sub, sizeof sub, "%s.value", at);
	if (!json_is_object(value))
		return ls_error(r, sub, "must be an object");
	switch (t->kind) {
	case CONTROL_SPANS:
		return read_span(r, rec, at, item, value, c, result);
	case CONTROL_BOXES:
		return read_box(r, rec, at, item, value, c, result);
	case CONTROL_POLYGONS:
		return read_polygon(r, rec, at, item, value, c, result);
	default:
		return read_value(r, at, value, c, t, result);
	}
}

/* A result as the answer model writes it (a list of regions the task can
 * hold is [] when it has none, as the labeler stores it); as it is when it
 * does not load, for the import to report. */
static json_t *
normalised(struct reader *r, const struct record *rec, json_t *result)
{
	struct ls_state	*ls = r->priv;
	struct answer	*a;
	json_t		*out = result;
	char		 err[256];

	if (r->opts.cfg == NULL)
		return result;
	memset(&ls->at, 0, sizeof ls->at);
	ls->at.text = rec->text;
	ls->at.text_len = rec->text_len;
	ls->at.width = rec->width;
	ls->at.height = rec->height;
	a = answer_new(r->opts.cfg, &ls->at);
	if (answer_load(a, result, ANSWER_ALLOW_RETIRED, err, sizeof err)
	    == 0) {
		out = answer_emit(a);
		json_decref(result);
	}
	answer_free(a);
	return out;
}

/* A result list (at.key) as a scalec result object, new; NULL after
 * reporting. */
static json_t *
read_result(struct reader *r, struct record *rec, const char *at,
    json_t *list)
{
	json_t	*result, *item;
	size_t	 i;
	char	 sub[128];

	if (list == NULL || json_is_null(list))
		return normalised(r, rec, json_object());
	if (!json_is_array(list)) {
		ls_error(r, at, "\"result\" must be a list");
		return NULL;
	}
	result = json_object();
	json_array_foreach(list, i, item) {
		snprintf(sub, sizeof sub, "%s.result[%zu]", at, i);
		if (read_item(r, rec, sub, item, result) == -1) {
			json_decref(result);
			return NULL;
		}
	}
	return normalised(r, rec, result);
}

/* A person as Label Studio names one: {"email"} or an email string; a
 * number (its own user id) is nobody scalec knows. */
static const char *
person(json_t *v)
{
	if (json_is_object(v))
		v = json_object_get(v, "email");
	return json_is_string(v) && json_string_length(v) > 0 ?
	    json_string_value(v) : NULL;
}

/* Copies key from src to dst when it is there and not null. */
static void
copy_key(json_t *dst, const char *to, json_t *src, const char *key)
{
	json_t	*v = json_object_get(src, key);

	if (v != NULL && !json_is_null(v))
		json_object_set(dst, to, v);
}

/* An annotation's reviews (Label Studio Enterprise's) as scalec's. */
static int
read_reviews(struct reader *r, const char *at, json_t *list, json_t *ann)
{
	json_t	*out, *e, *acc;
	size_t	 i;
	char	 sub[256];

	if (list == NULL || json_is_null(list))
		return 0;
	snprintf(sub, sizeof sub, "%s.reviews", at);
	if (!json_is_array(list))
		return ls_error(r, sub, "must be a list");
	out = json_array();
	json_object_set_new(ann, "reviews", out);
	json_array_foreach(list, i, e) {
		json_t	*rv;

		snprintf(sub, sizeof sub, "%s.reviews[%zu]", at, i);
		acc = json_object_get(e, "accepted");
		if (!json_is_object(e) || !json_is_boolean(acc))
			return ls_error(r, sub, "a review must be an object"
			    " with \"accepted\", true or false");
		if (person(json_object_get(e, "created_by")) == NULL)
			return ls_error(r, sub, "\"created_by\" must name the"
			    " reviewer by {\"email\"}");
		rv = json_pack("{s:s, s:s}", "reviewer",
		    person(json_object_get(e, "created_by")), "verdict",
		    json_is_true(acc) ? "accept" : "reject");
		copy_key(rv, "at", e, "created_at");
		json_array_append_new(out, rv);
	}
	return 0;
}

/* The state Label Studio's annotation says: was_cancelled is a skip, and
 * Enterprise's last_action a review's outcome. */
static const char *
ls_state(json_t *a)
{
	const char	*last = json_string_value(json_object_get(a,
			    "last_action"));

	if (json_is_true(json_object_get(a, "was_cancelled")))
		return "skipped";
	if (last != NULL && strcmp(last, "accepted") == 0)
		return "accepted";
	if (last != NULL && strcmp(last, "rejected") == 0)
		return "rejected";
	if (last != NULL && strcmp(last, "fixed_and_accepted") == 0)
		return "fixed";
	return "submitted";
}

/* One annotation (or draft) of the task, at its path, into r->built. */
static int
read_annotation(struct reader *r, struct record *rec, const char *at,
    json_t *a, int draft)
{
	json_t		*ann, *result;
	const char	*user;
	char		 sub[256];

	if (!json_is_object(a))
		return ls_error(r, at, "an annotation must be an object");
	if (json_is_true(json_object_get(a, "ground_truth"))) {
		/* Gold tasks: once a record carries its gold answer (the
		 * gold branch's field of model/record.h), a ground-truth
		 * annotation becomes the task's gold here. */
		snprintf(sub, sizeof sub, "%s.ground_truth", at);
		return ls_error(r, sub, "ground truth is not imported yet:"
		    " scalec has no gold tasks to hold it (set it to false"
		    " to import it as an annotation)");
	}
	if ((result = read_result(r, rec, at, json_object_get(a, "result")))
	    == NULL)
		return -1;
	user = person(json_object_get(a, draft ? "user" : "completed_by"));
	if (user == NULL)
		user = r->opts.user != NULL ? r->opts.user : "";
	ann = json_pack("{s:s, s:s, s:o}", "user", user, "state", draft ?
	    "draft" : ls_state(a), "result", result);
	json_array_append_new(r->built, ann);
	copy_key(ann, "lead_time", a, "lead_time");
	copy_key(ann, "created_at", a, "created_at");
	copy_key(ann, "updated_at", a, "updated_at");
	return draft ? 0 : read_reviews(r, at, json_object_get(a, "reviews"),
	    ann);
}

static int
read_predictions(struct reader *r, struct record *rec, json_t *list,
    json_t *out)
{
	json_t	*p, *result, *e, *m;
	size_t	 i;
	char	 at[64];

	json_array_foreach(list, i, p) {
		snprintf(at, sizeof at, "[%lu].predictions[%zu]",
		    ls_index(r), i);
		if (!json_is_object(p))
			return ls_error(r, at, "a prediction must be an"
			    " object");
		if ((result = read_result(r, rec, at, json_object_get(p,
		    "result"))) == NULL)
			return -1;
		e = json_pack("{s:o}", "result", result);
		m = json_object_get(p, "model_version");
		json_object_set_new(e, "model", json_is_string(m) ?
		    json_incref(m) : json_string("labelstudio"));
		copy_key(e, "score", p, "score");
		copy_key(e, "created_at", p, "created_at");
		json_array_append_new(out, e);
	}
	return 0;
}

/* A list at [N].key, or NULL for none; -1 after reporting. */
static int
list_at(struct reader *r, json_t *task, const char *key, json_t **out)
{
	char	at[64];

	*out = json_object_get(task, key);
	if (*out == NULL || json_is_null(*out)) {
		*out = NULL;
		return 0;
	}
	snprintf(at, sizeof at, "[%lu].%s", ls_index(r), key);
	if (!json_is_array(*out))
		return ls_error(r, at, "must be a list");
	return 0;
}

/* The task's text or image from its data; the rest is meta. */
static int
read_data(struct reader *r, struct record *rec, json_t *task, json_t *data)
{
	struct ls_state	*ls = r->priv;
	json_t		*v, *kept = NULL;
	const char	*k, *used = NULL;
	char		 at[64];

	snprintf(at, sizeof at, "[%lu].data", ls_index(r));
	if (!json_is_object(data))
		return ls_error(r, at, "a task needs \"data\", an object");
	if ((v = json_object_get(data, ls->text_field)) != NULL) {
		snprintf(at, sizeof at, "[%lu].data.%s", ls_index(r),
		    ls->text_field);
		if (!json_is_string(v))
			return ls_error(r, at, "must be a string");
		if (format_check_text(r->name, ls->line, json_string_value(v),
		    json_string_length(v)) == -1)
			return -1;
		rec->text = json_string_value(v);
		rec->text_len = json_string_length(v);
		used = ls->text_field;
	} else if ((v = json_object_get(data, ls->image_field)) != NULL) {
		snprintf(at, sizeof at, "[%lu].data.%s", ls_index(r),
		    ls->image_field);
		if (!json_is_string(v) || json_string_length(v) == 0)
			return ls_error(r, at, "must be a string, the image's"
			    " path or URL");
		rec->image = json_string_value(v);
		used = ls->image_field;
	} else
		return ls_error(r, at, "has neither \"%s\" nor \"%s\"%s",
		    ls->text_field, ls->image_field, ls->lscfg == NULL ?
		    " (--ls-config FILE names another field)" : "");
	r->meta = json_object();
	json_object_foreach(data, k, v)
		if (strcmp(k, used) != 0)
			json_object_set(r->meta, k, v);
	json_object_foreach(task, k, v) {
		if (format_key_in(k, task_keys, ARRAY_SIZE(task_keys)))
			continue;
		if (kept == NULL) {
			kept = json_object();
			json_object_set_new(r->meta, LS_KEPT, kept);
		}
		json_object_set(kept, k, v);
	}
	rec->meta = r->meta;
	return 0;
}

/* A task object of the full export into rec. */
static int
read_task(struct reader *r, struct record *rec, json_t *task)
{
	json_t	*anns, *drafts, *preds, *a;
	size_t	 i;
	char	 at[64];

	snprintf(at, sizeof at, "[%lu]", ls_index(r));
	if (!json_is_object(task))
		return ls_error(r, at, "a task must be an object");
	if (read_data(r, rec, task, json_object_get(task, "data")) == -1 ||
	    reader_id(r, rec, json_object_get(task, "id")) == -1 ||
	    list_at(r, task, "annotations", &anns) == -1 ||
	    list_at(r, task, "drafts", &drafts) == -1 ||
	    list_at(r, task, "predictions", &preds) == -1)
		return -1;
	r->built = json_array();
	json_array_foreach(anns, i, a) {
		snprintf(at, sizeof at, "[%lu].annotations[%zu]",
		    ls_index(r), i);
		if (read_annotation(r, rec, at, a, 0) == -1)
			return -1;
	}
	json_array_foreach(drafts, i, a) {
		snprintf(at, sizeof at, "[%lu].drafts[%zu]", ls_index(r), i);
		if (read_annotation(r, rec, at, a, 1) == -1)
			return -1;
	}
	if (json_array_size(r->built) > 0)
		rec->annotations = r->built;
	if (preds != NULL) {
		struct ls_state	*ls = r->priv;

		/* The record borrows them until the next read. */
		json_decref(ls->preds);
		ls->preds = json_array();
		if (read_predictions(r, rec, preds, ls->preds) == -1)
			return -1;
		if (json_array_size(ls->preds) > 0)
			rec->predictions = ls->preds;
	}
	return 1;
}

/* The next piece of the file, loaded; 1, 0 at the end, -1. */
static int
next_piece(struct reader *r, json_t **out, unsigned long *line,
    unsigned long *index)
{
	struct ls_state		*ls = r->priv;
	struct jsonsplit_item	 it;
	json_error_t		 err;
	unsigned long		 l, col;
	int			 rc;

	if ((rc = jsonsplit_next(&ls->js, &it)) != 1)
		return rc;
	if (it.member != NULL)
		return error("%s:%lu: a Label Studio export is a list of tasks"
		    ", not an object%s", r->name, it.line,
		    strcmp(it.member, "images") == 0 || strcmp(it.member,
		    "annotations") == 0 ? " (a COCO file?)" : "");
	*line = it.line;
	*index = (unsigned long)it.index;
	*out = format_json_load(it.bytes, it.len, JSON_REJECT_DUPLICATES,
	    &err);
	if (*out == NULL) {
		jsonsplit_place(&it, err.line, err.column, &l, &col);
		if (format_check_text(r->name, l, it.bytes, it.len) == -1)
			return -1;
		return error("%s:%lu: [%zu]: malformed JSON at column %lu: %s",
		    r->name, l, it.index, col, err.text);
	}
	return 1;
}

/* The data fields the --ls-config's objects show: the first Text's (or
 * other object's) and the first Image's; "text" and "image" else. */
static void
data_fields(struct ls_state *ls)
{
	size_t	i;

	ls->text_field = "text";
	ls->image_field = "image";
	for (i = 0; i < ls->lscfg->nobjects; i++) {
		const struct ls_tag *o = &ls->lscfg->objects[i];

		if (strcmp(o->tag, "Image") == 0 &&
		    strcmp(ls->image_field, "image") == 0)
			ls->image_field = o->field;
		else if (strcmp(o->tag, "Image") != 0 &&
		    strcmp(ls->text_field, "text") == 0)
			ls->text_field = o->field;
	}
}

static int
ls_open(struct reader *r)
{
	struct ls_state	*ls = xcalloc(1, sizeof *ls);

	r->priv = ls;
	jsonsplit_init(&ls->js, r->f, r->name);
	ls->text_field = "text";
	ls->image_field = "image";
	if (r->opts.ls_config != NULL) {
		if ((ls->lscfg = ls_config_load(r->opts.ls_config)) == NULL)
			return -1;
		data_fields(ls);
	}
	return 0;
}

static void
ls_close(struct reader *r)
{
	struct ls_state	*ls = r->priv;

	if (ls == NULL)
		return;
	jsonsplit_release(&ls->js);
	ls_config_free(ls->lscfg);
	json_decref(ls->ahead);
	json_decref(ls->preds);
	free(ls);
	r->priv = NULL;
}

static int
ls_read(struct reader *r, struct record *rec)
{
	struct ls_state	*ls = r->priv;
	int		 rc;

	if ((rc = next_piece(r, &r->obj, &ls->line, &ls->index)) != 1) {
		if (rc == 0 && ls->js.top == '{')
			return error("%s: a Label Studio export is a list of"
			    " tasks, not an object", r->name);
		return rc;
	}
	rec->line = ls->line;
	return read_task(r, rec, r->obj);
}

/* JSON-MIN */

/* The keys of a JSON-MIN record that are not data or a control. */
static const char *const min_keys[] = { "id", "annotator", "annotation_id",
    "created_at", "updated_at", "lead_time", "agreement" };

/* A JSON-MIN record's control values, as a full export's result items. */
static json_t *
min_items(struct reader *r, json_t *rec)
{
	const struct config	*cfg = r->opts.cfg;
	json_t			*items = json_array(), *v, *e;
	size_t			 i, j;

	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++) {
		const struct control	*c = &cfg->controls[i];
		const struct ls_type	*t = type_of_kind((int)c->kind);

		if ((v = json_object_get(rec, c->name)) == NULL || t == NULL)
			continue;
		if (t->kind == CONTROL_CHOICE || t->kind == CONTROL_TEXT ||
		    t->kind == CONTROL_RATING) {
			/* A single choice or text comes flattened. */
			if (json_is_string(v))
				e = json_pack("{s:[O]}", t->kind ==
				    CONTROL_CHOICE ? "choices" : "text", v);
			else if (json_is_object(v))
				e = json_incref(v);
			else if (t->kind == CONTROL_CHOICE &&
			    json_is_object(json_array_get(v, 0)))
				e = json_incref(json_array_get(v, 0));
			else
				e = json_pack("{s:O}", t->kind ==
				    CONTROL_CHOICE ? "choices" : t->kind ==
				    CONTROL_TEXT ? "text" : "rating", v);
			json_array_append_new(items, json_pack("{s:s, s:s,"
			    " s:o}", "from_name", c->name, "type", t->type,
			    "value", e));
			continue;
		}
		if (!json_is_array(v)) {
			/* Refused by the reader as a value that is not one. */
			json_array_append_new(items, json_pack("{s:s, s:s,"
			    " s:O}", "from_name", c->name, "type", t->type,
			    "value", v));
			continue;
		}
		json_array_foreach(v, j, e) {
			json_t	*item, *val, *x;
			const char *vk;

			item = json_pack("{s:s, s:s}", "from_name", c->name,
			    "type", t->type);
			val = json_object();
			json_object_foreach(e, vk, x) {
				if (strcmp(vk, "original_width") == 0 ||
				    strcmp(vk, "original_height") == 0)
					json_object_set(item, vk, x);
				else
					json_object_set(val, vk, x);
			}
			json_object_set_new(item, "value", val);
			json_array_append_new(items, item);
		}
	}
	return items;
}

/* A JSON-MIN record as a full export's task with one annotation. */
static json_t *
min_task(struct reader *r, json_t *rec)
{
	const struct config	*cfg = r->opts.cfg;
	json_t			*task = json_object(), *data = json_object();
	json_t			*ann, *v, *items;
	const char		*k;
	size_t			 i;

	json_object_set_new(task, "data", data);
	copy_key(task, "id", rec, "id");
	json_object_foreach(rec, k, v) {
		int	ctl = 0;

		for (i = 0; cfg != NULL && i < cfg->ncontrols; i++)
			ctl |= strcmp(cfg->controls[i].name, k) == 0;
		if (!ctl && !format_key_in(k, min_keys, ARRAY_SIZE(min_keys)))
			json_object_set(data, k, v);
	}
	items = min_items(r, rec);
	json_object_set_new(task, "annotations", json_array());
	/* A task without annotations is its data alone. */
	if (json_array_size(items) == 0 && json_object_get(rec, "annotator")
	    == NULL && json_object_get(rec, "annotation_id") == NULL) {
		json_decref(items);
		return task;
	}
	ann = json_pack("{s:o}", "result", items);
	copy_key(ann, "completed_by", rec, "annotator");
	copy_key(ann, "created_at", rec, "created_at");
	copy_key(ann, "updated_at", rec, "updated_at");
	copy_key(ann, "lead_time", rec, "lead_time");
	json_array_append_new(json_object_get(task, "annotations"), ann);
	return task;
}

static int
same_id(json_t *a, json_t *b)
{
	json_t	*x = json_object_get(a, "id"), *y = json_object_get(b, "id");

	return x != NULL && y != NULL && !json_is_null(x) && json_equal(x, y);
}

/* The next JSON-MIN record, loaded, from what was read ahead or the
 * file. */
static int
min_next(struct reader *r, json_t **out)
{
	struct ls_state	*ls = r->priv;

	if (ls->ahead != NULL) {
		*out = ls->ahead;
		ls->line = ls->ahead_line;
		ls->index = ls->ahead_index;
		ls->ahead = NULL;
		return 1;
	}
	if (ls->ahead_end)
		return 0;
	return next_piece(r, out, &ls->line, &ls->index);
}

static int
min_read(struct reader *r, struct record *rec)
{
	struct ls_state	*ls = r->priv;
	json_t		*first, *task, *more;
	char		 at[64];
	int		 rc;

	if ((rc = min_next(r, &first)) != 1)
		return rc;
	rec->line = ls->line;
	snprintf(at, sizeof at, "[%lu]", ls_index(r));
	if (!json_is_object(first)) {
		json_decref(first);
		return ls_error(r, at, "a record must be an object");
	}
	task = min_task(r, first);
	/* A record per annotation: the next ones with the same id are
	 * the same task's. */
	for (;;) {
		unsigned long	line, index;

		if ((rc = next_piece(r, &more, &line, &index)) == -1) {
			json_decref(first);
			json_decref(task);
			return -1;
		}
		if (rc == 0) {
			ls->ahead_end = 1;
			break;
		}
		if (!json_is_object(more) || !same_id(first, more)) {
			ls->ahead = more;
			ls->ahead_line = line;
			ls->ahead_index = index;
			break;
		}
		json_t *t2 = min_task(r, more);
		json_array_extend(json_object_get(task, "annotations"),
		    json_object_get(t2, "annotations"));
		json_decref(t2);
		json_decref(more);
	}
	json_decref(first);
	r->obj = task;
	return read_task(r, rec, task);
}

/* Writing */

/* Both write one JSON array, a record a line. A control's items are
 * named by the control (from_name) and "text" or "image" (to_name), and
 * the data's field is "text" or "image", which a project made from the
 * export in Label Studio names so in its label config; with --ls-config
 * FILE, by the XML's control that import pairs with it and that control's
 * toName, and the data's field is the one its Text or Image shows. */
/*
 * With --ls-config, the Label Studio control each of the project's
 * controls goes out as: one that import pairs with it (lscfg_control's
 * rule, so that the file comes back the same), the one of its name first.
 * A control Label Studio has a type for and the XML none to pair with is
 * an error that names both; nothing is written.
 */
static int
pair_controls(struct writer *w, struct ls_state *ls, const char *path)
{
	const struct config	*cfg = w->cfg;
	const struct ls_type	*ty;
	const struct ls_tag	*tag;
	const struct control	*c;
	size_t			 i, k, n;

	ls->names = xcalloc(cfg != NULL && cfg->ncontrols > 0 ?
	    cfg->ncontrols : 1, sizeof *ls->names);
	for (i = 0; cfg != NULL && i < cfg->ncontrols; i++) {
		c = &cfg->controls[i];
		if ((ty = type_of_kind((int)c->kind)) == NULL)
			continue;
		for (k = n = 0; k < ls->lscfg->ncontrols; k++) {
			tag = &ls->lscfg->controls[k];
			if (strcmp(tag->tag, ty->tag) != 0)
				continue;
			if (map_control(cfg, ty, tag->name, (long)n++) == c &&
			    (ls->names[i] == NULL ||
			    strcmp(tag->name, c->name) == 0))
				ls->names[i] = tag;
		}
		if (ls->names[i] == NULL)
			return error("%s: the project's %s control '%s' has no"
			    " <%s> in it to go out as (%zu <%s> tag%s there,"
			    " none pairing with '%s')", path,
			    control_kind_name(c->kind), c->name, ty->tag, n,
			    ty->tag, n == 1 ? "" : "s", c->name);
	}
	data_fields(ls);
	return 0;
}

static int
ls_write_begin(struct writer *w)
{
	struct ls_state	*ls = xcalloc(1, sizeof *ls);

	w->priv = ls;
	ls->text_field = "text";
	ls->image_field = "image";
	if (w->opts.ls_config != NULL && ((ls->lscfg =
	    ls_config_load(w->opts.ls_config)) == NULL ||
	    pair_controls(w, ls, w->opts.ls_config) == -1))
		return -1;
	return fputs("[", w->f) == EOF ? -1 : 0;
}

static int
ls_write_end(struct writer *w)
{
	struct ls_state	*ls = w->priv;
	int		 rc = 0;

	if (!w->failed && fputs(ls->written > 0 ? "\n]\n" : "]\n", w->f)
	    == EOF)
		rc = -1;
	ls_config_free(ls->lscfg);
	free(ls->names);
	free(ls);
	w->priv = NULL;
	return w->failed ? -1 : rc;
}

/* A result item's id: the one it came with, else one made from where it
 * is, as Label Studio wants one per region. */
static json_t *
item_id(const json_t *more, const struct out_task *t, size_t n)
{
	json_t	*v = json_object_get(more, "id");
	char	 id[48];

	if (json_is_string(v))
		return json_incref(v);
	(void)t;
	snprintf(id, sizeof id, MADE_ID "%zu", n);
	return json_string(id);
}

static json_t *
pct(double v, int size)
{
	return json_real(v * 100.0 / size);
}

/* An item of result list out. */
static json_t *
new_item(json_t *out, const struct control *c, const struct out_task *t,
    const char *type, json_t *id, json_t *value)
{
	json_t	*item = json_pack("{s:o, s:s, s:s, s:s, s:o}", "id", id,
		    "from_name", c->name, "to_name", strcmp(t->kind, "image")
		    == 0 ? "image" : "text", "type", type, "value", value);

	json_array_append_new(out, item);
	return item;
}

static void
sized(json_t *item, const struct out_task *t)
{
	json_object_set_new(item, "original_width", json_integer(t->width));
	json_object_set_new(item, "original_height", json_integer(t->height));
	json_object_set_new(item, "image_rotation", json_integer(0));
}

static json_t *
score_of(const json_t *more, json_t *item)
{
	json_t	*s = json_object_get(more, "score");

	if (s != NULL)
		json_object_set(item, "score", s);
	return item;
}

/* One control's value as result items appended to out. 0 or -1. */
static int
write_value(json_t *out, const struct out_task *t, const struct ans_value *v)
{
	const struct control	*c = v->control;
	const struct ls_type	*ty = type_of_kind((int)c->kind);
	size_t			 i, n = json_array_size(out), bs, be, len;
	json_t			*val, *l;

	if (ty == NULL || !v->present)
		return 0;
	switch (c->kind) {
	case CONTROL_SPANS:
		len = t->text != NULL ? strlen(t->text) : 0;
		for (i = 0; i < v->nspans; i++) {
			const struct ans_span *s = &v->spans[i];

			bs = utf8_offset(t->text, len, s->start);
			be = utf8_offset(t->text, len, s->end);
			val = json_pack("{s:I, s:I, s:s%, s:[s]}", "start",
			    (json_int_t)s->start, "end", (json_int_t)s->end,
			    "text", t->text + bs, be - bs, "labels",
			    c->labels[s->label].name);
			score_of(s->more, new_item(out, c, t, ty->type,
			    item_id(s->more, t, n + i), val));
		}
		return 0;
	case CONTROL_BOXES:
	case CONTROL_POLYGONS:
		if ((v->nboxes > 0 || v->nshapes > 0) && (t->width <= 0 ||
		    t->height <= 0))
			return error("task %lld: its image's size is not"
			    " known, and Label Studio's regions are"
			    " percentages of it", (long long)t->id);
		for (i = 0; i < v->nboxes; i++) {
			const struct ans_box *b = &v->boxes[i];
			json_t	*item;

			val = json_pack("{s:o, s:o, s:o, s:o, s:f, s:[s]}",
			    "x", pct(b->x, t->width), "y", pct(b->y,
			    t->height), "width", pct(b->width, t->width),
			    "height", pct(b->height, t->height), "rotation",
			    b->rotation, "rectanglelabels",
			    c->labels[b->label].name);
			item = new_item(out, c, t, ty->type, item_id(b->more,
			    t, n + i), val);
			sized(score_of(b->more, item), t);
		}
		for (i = 0; i < v->nshapes; i++) {
			const struct ans_shape *s = &v->shapes[i];
			json_t	*pts, *item;
			size_t	 k;

			if (s->rle != NULL)
				return error("task %lld: control '%s' holds a"
				    " mask, which Label Studio's JSON holds"
				    " only as its own brush RLE: export"
				    " masks as COCO", (long long)t->id,
				    c->name);
			pts = json_array();
			for (k = 0; k < s->npoints; k++)
				json_array_append_new(pts, json_pack("[o, o]",
				    pct(s->points[k].x, t->width),
				    pct(s->points[k].y, t->height)));
			val = json_pack("{s:o, s:b, s:[s]}", "points", pts,
			    "closed", 1, "polygonlabels",
			    c->labels[s->label].name);
			item = new_item(out, c, t, ty->type, item_id(s->more,
			    t, n + i), val);
			sized(score_of(s->more, item), t);
		}
		return 0;
	case CONTROL_CHOICE:
	case CONTROL_MULTICHOICE:
		l = json_array();
		for (i = 0; i < c->nlabels; i++)
			if (v->chosen != NULL && v->chosen[i])
				json_array_append_new(l,
				    json_string(c->labels[i].name));
		new_item(out, c, t, ty->type, item_id(NULL, t, n),
		    json_pack("{s:o}", "choices", l));
		return 0;
	case CONTROL_TEXT:
		if (v->text != NULL)
			new_item(out, c, t, ty->type, item_id(NULL, t, n),
			    json_pack("{s:[s]}", "text", v->text));
		return 0;
	case CONTROL_RATING:
		if (v->rating > 0)
			new_item(out, c, t, ty->type, item_id(NULL, t, n),
			    json_pack("{s:i}", "rating", v->rating));
		return 0;
	default:
		return 0;
	}
}

/* The items' from_name and to_name as the --ls-config's control (and
 * the object it names) that pair_controls found for each control. */
static void
rename_items(struct writer *w, json_t *out)
{
	struct ls_state		*ls = w->priv;
	const struct ls_tag	*tag;
	const char		*from;
	json_t			*item;
	size_t			 i, k;

	json_array_foreach(out, i, item) {
		from = json_string_value(json_object_get(item, "from_name"));
		for (k = 0; from != NULL && w->cfg != NULL &&
		    k < w->cfg->ncontrols; k++) {
			if ((tag = ls->names[k]) == NULL ||
			    strcmp(w->cfg->controls[k].name, from) != 0)
				continue;
			json_object_set_new(item, "to_name",
			    json_string(tag->to_name));
			json_object_set_new(item, "from_name",
			    json_string(tag->name));
			break;
		}
	}
}

/* A stored result as Label Studio's list of items; NULL after
 * reporting. */
static json_t *
write_result(struct writer *w, const struct out_task *t, const char *result)
{
	const struct answer	*a = writer_answer(w, t, result);
	json_t			*out = json_array();
	size_t			 i;

	for (i = 0; a != NULL && i < a->n; i++)
		if (write_value(out, t, &a->v[i]) == -1) {
			json_decref(out);
			return NULL;
		}
	if (((struct ls_state *)w->priv)->names != NULL)
		rename_items(w, out);
	return out;
}

/* scalec's reviews as Label Studio Enterprise's: accepts and rejects. */
static json_t *
write_reviews(const char *reviews)
{
	json_t	*in = reviews != NULL ? json_loads(reviews, 0, NULL) : NULL;
	json_t	*out = json_array(), *e, *rv;
	size_t	 i;

	json_array_foreach(in, i, e) {
		const char *verdict = json_string_value(json_object_get(e,
		    "verdict"));

		if (verdict == NULL || (strcmp(verdict, "accept") != 0 &&
		    strcmp(verdict, "reject") != 0))
			continue;
		rv = json_pack("{s:{s:O}, s:b}", "created_by", "email",
		    json_object_get(e, "reviewer"), "accepted",
		    strcmp(verdict, "accept") == 0);
		copy_key(rv, "created_at", e, "at");
		json_array_append_new(out, rv);
	}
	json_decref(in);
	return out;
}

static int
put_annotation(struct writer *w, const struct out_task *t,
    const struct out_annotation *a, json_t *anns, json_t *drafts)
{
	json_t		*e, *result;
	const char	*last = NULL;
	int		 draft = strcmp(a->state, "draft") == 0;

	if ((result = write_result(w, t, a->result)) == NULL)
		return -1;
	e = json_pack("{s:o}", "result", result);
	if (a->id > 0)
		json_object_set_new(e, "id", json_integer(a->id));
	json_object_set_new(e, draft ? "user" : "completed_by",
	    json_pack("{s:s}", "email", a->user));
	if (!draft) {
		json_object_set_new(e, "was_cancelled",
		    json_boolean(strcmp(a->state, "skipped") == 0));
		json_object_set_new(e, "ground_truth", json_false());
	}
	json_object_set_new(e, "lead_time", json_real(a->lead_time));
	if (a->created_at != NULL)
		json_object_set_new(e, "created_at",
		    json_string(a->created_at));
	if (a->updated_at != NULL)
		json_object_set_new(e, "updated_at",
		    json_string(a->updated_at));
	if (strcmp(a->state, "accepted") == 0)
		last = "accepted";
	else if (strcmp(a->state, "rejected") == 0)
		last = "rejected";
	else if (strcmp(a->state, "fixed") == 0)
		last = "fixed_and_accepted";
	if (last != NULL)
		json_object_set_new(e, "last_action", json_string(last));
	if (!draft && a->reviews != NULL)
		json_object_set_new(e, "reviews", write_reviews(a->reviews));
	json_array_append_new(draft ? drafts : anns, e);
	return 0;
}

/* The task's data: its text or image and its meta, but what it kept of
 * Label Studio's own keys, which go back beside data into top. */
static json_t *
write_data(const struct ls_state *ls, const struct out_task *t, json_t *top)
{
	json_t		*data = json_object(), *meta, *v;
	const char	*k;

	if (strcmp(t->kind, "image") == 0)
		json_object_set_new(data, ls->image_field, json_string(
		    t->image != NULL ? t->image : ""));
	else
		json_object_set_new(data, ls->text_field, json_string(
		    t->text != NULL ? t->text : ""));
	meta = writer_meta(t, NULL);
	json_object_foreach(meta, k, v) {
		if (strcmp(k, LS_KEPT) == 0 && json_is_object(v))
			json_object_update_missing(top, v);
		else if (json_object_get(data, k) == NULL)
			json_object_set(data, k, v);
	}
	json_decref(meta);
	return data;
}

static int
put_json(struct writer *w, json_t *j)
{
	struct ls_state	*ls = w->priv;
	int		 rc;

	if (fputs(ls->written++ > 0 ? ",\n" : "\n", w->f) == EOF) {
		json_decref(j);
		return -1;
	}
	rc = jsonout_dumpf(j, w->f, JSON_REAL_PRECISION(15) |
	    JSON_PRESERVE_ORDER);
	json_decref(j);
	return rc;
}

/* full_task's keys after "data" into j: 0, or -1 after reporting. */
static int
task_rest(struct writer *w, const struct out_task *t, json_t *j);

static json_t *
full_task(struct writer *w, const struct out_task *t)
{
	json_t	*j = json_object();

	if (t->ext_id != NULL)
		json_object_set_new(j, "id", writer_id(t->ext_id));
	json_object_set_new(j, "data", write_data(w->priv, t, j));
	if (task_rest(w, t, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static int
task_rest(struct writer *w, const struct out_task *t, json_t *j)
{
	json_t	*anns = json_array(), *drafts = json_array();
	json_t	*preds = json_array(), *e, *result;
	size_t	 i;

	json_object_set_new(j, "annotations", anns);
	json_object_set_new(j, "predictions", preds);
	for (i = 0; i < t->nannotations; i++)
		if (put_annotation(w, t, &t->annotations[i], anns, drafts)
		    == -1)
			goto fail;
	if (json_array_size(drafts) > 0)
		json_object_set(j, "drafts", drafts);
	for (i = 0; i < t->npredictions; i++) {
		const struct out_prediction *p = &t->predictions[i];

		if ((result = write_result(w, t, p->result)) == NULL)
			goto fail;
		e = json_pack("{s:s, s:o}", "model_version", p->model != NULL ?
		    p->model : "", "result", result);
		if (p->has_score)
			json_object_set_new(e, "score", json_real(p->score));
		if (p->created_at != NULL)
			json_object_set_new(e, "created_at",
			    json_string(p->created_at));
		json_array_append_new(preds, e);
	}
	json_decref(drafts);
	return 0;
fail:
	json_decref(drafts);
	return -1;
}

/* 1 when member m is named key. */
static int
member_is(const struct tag_member *m, const char *key)
{
	return m->kn == strlen(key) && memcmp(m->k, key, m->kn) == 0;
}

/*
 * A task whose meta keeps nothing of Label Studio's, its id and data
 * written straight (util/jsonw) and the rest (annotations, predictions,
 * drafts) dumped from full_task's tree: the bytes full_task's whole tree
 * would give, without loading the meta into it. 0, -1, or 1 when the
 * task is not such a one.
 */
static int
put_spliced(struct writer *w, const struct out_task *t)
{
	static struct buf	 raw;
	struct ls_state		*ls = w->priv;
	struct tag_member	 m[TAG_MEMBERS];
	const char		*field = strcmp(t->kind, "image") == 0 ?
				    ls->image_field : ls->text_field;
	const char		*s = strcmp(t->kind, "image") == 0 ? t->image :
				    t->text;
	json_t			*rest;
	char			*dump;
	int			 n, i;

	if (labelstudio_write_tree_only || !jw_utf8(s != NULL ? s : "") ||
	    !jw_utf8(field) || (n = t->meta != NULL ? tag_members(t->meta,
	    m) : 0) == -1)
		return 1;
	/* the field itself and what meta kept of Label Studio's own keys
	 * are the tree's to place */
	for (i = 0; i < n; i++)
		if (member_is(&m[i], field) || member_is(&m[i], LS_KEPT))
			return 1;
	rest = json_object();
	if (task_rest(w, t, rest) == -1) {
		json_decref(rest);
		return -1;
	}
	dump = json_dumps(rest, JSON_REAL_PRECISION(15) | JSON_PRESERVE_ORDER);
	json_decref(rest);
	if (dump == NULL || dump[0] != '{' || dump[1] == '}') {
		free(dump);
		return 1;	/* not reached: the rest has its lists */
	}
	buf_reset(&raw);
	buf_addch(&raw, '{');
	if (t->ext_id != NULL) {
		jw_key(&raw, "id");
		writer_put_id(&raw, t->ext_id);
		buf_addstr(&raw, ", ");
	}
	jw_key(&raw, "data");
	buf_addch(&raw, '{');
	jw_string(&raw, field);
	buf_addstr(&raw, ": ");
	jw_string(&raw, s != NULL ? s : "");
	for (i = 0; i < n; i++) {
		buf_addstr(&raw, ", ");
		jw_stringn(&raw, m[i].k, m[i].kn);
		buf_addstr(&raw, ": ");
		jw_storedn(&raw, m[i].v, m[i].vn);
	}
	buf_addstr(&raw, "}, ");
	buf_addstr(&raw, dump + 1);
	free(dump);
	if (fputs(ls->written++ > 0 ? ",\n" : "\n", w->f) == EOF)
		return -1;
	return writer_put_escaped(w->f, &raw);
}

/*
 * A task with no annotation or prediction whose meta keeps nothing of
 * Label Studio's, written straight (util/jsonw) as full_task's tree would
 * be dumped: {"id": ID, "data": {"text": T, meta's keys}, "annotations":
 * [], "predictions": []}. 0, -1, or 1 when the task is not such a one.
 */
static int
put_plain(struct writer *w, const struct out_task *t)
{
	static struct buf	 raw, meta;
	struct ls_state		*ls = w->priv;
	const char		*own = strcmp(t->kind, "image") == 0 ? "image" :
				    "text";
	const char		*s = strcmp(own, "image") == 0 ? t->image :
				    t->text;

	/* a --ls-config's data field names take the tree's way */
	if (strcmp(ls->text_field, "text") != 0 ||
	    strcmp(ls->image_field, "image") != 0)
		return 1;
	if (t->nannotations > 0 || t->npredictions > 0 || !jw_utf8(s != NULL
	    ? s : "") || (t->meta != NULL && (strchr(t->meta, '\\') != NULL ||
	    strstr(t->meta, "\"" LS_KEPT "\"") != NULL ||
	    strstr(t->meta, strcmp(own, "image") == 0 ? "\"image\"" :
	    "\"text\"") != NULL)))
		return 1;
	buf_reset(&meta);
	jw_stored(&meta, t->meta);
	if (meta.len < 2 || meta.data[0] != '{')
		return 1;
	buf_reset(&raw);
	buf_addch(&raw, '{');
	if (t->ext_id != NULL) {
		jw_key(&raw, "id");	/* the id it was, not its kept form */
		writer_put_id(&raw, t->ext_id);
		buf_addstr(&raw, ", ");
	}
	jw_key(&raw, "data");
	buf_addch(&raw, '{');
	jw_key(&raw, own);
	jw_string(&raw, s != NULL ? s : "");
	if (meta.len > 2) {
		buf_addstr(&raw, ", ");
		buf_add(&raw, meta.data + 1, meta.len - 1);
	} else
		buf_addch(&raw, '}');
	buf_addstr(&raw, ", \"annotations\": [], \"predictions\": []}");
	if (fputs(ls->written++ > 0 ? ",\n" : "\n", w->f) == EOF)
		return -1;
	return writer_put_escaped(w->f, &raw);
}

static int
ls_write(struct writer *w, const struct out_task *t)
{
	json_t	*j;
	int	 rc;

	if ((rc = put_plain(w, t)) != 1 || (rc = put_spliced(w, t)) != 1)
		return rc;
	j = full_task(w, t);
	return j == NULL ? -1 : put_json(w, j);
}

/* JSON-MIN: a record per annotation that is not a draft or a skip (none:
 * the task's data alone, as Label Studio writes a task without
 * annotations). */
static int
min_write(struct writer *w, const struct out_task *t)
{
	json_t		*full = full_task(w, t), *anns, *a, *rec, *item, *v;
	const char	*k;
	size_t		 i, j, n = 0;

	if (full == NULL)
		return -1;
	anns = json_object_get(full, "annotations");
	for (i = 0; i <= json_array_size(anns); i++) {
		a = json_array_get(anns, i);
		if (json_is_true(json_object_get(a, "was_cancelled")))
			continue;	/* as Label Studio leaves skips out */
		if (a == NULL && n > 0)
			break;
		n++;
		rec = json_object();
		json_object_foreach(json_object_get(full, "data"), k, v)
			json_object_set(rec, k, v);
		copy_key(rec, "id", full, "id");
		json_array_foreach(json_object_get(a, "result"), j, item) {
			const char *from = json_string_value(json_object_get(
			    item, "from_name"));
			const char *type = json_string_value(json_object_get(
			    item, "type"));
			json_t	*val = json_deep_copy(json_object_get(item,
			    "value")), *list;

			copy_key(val, "original_width", item, "original_width");
			copy_key(val, "original_height", item,
			    "original_height");
			if ((strcmp(type, "choices") == 0 &&
			    json_array_size(json_object_get(val, "choices"))
			    == 1) || (strcmp(type, "textarea") == 0 &&
			    json_array_size(json_object_get(val, "text")) ==
			    1)) {
				json_object_set(rec, from, json_array_get(
				    json_object_get(val, strcmp(type,
				    "choices") == 0 ? "choices" : "text"), 0));
				json_decref(val);
				continue;
			}
			if (strcmp(type, "rating") == 0) {
				json_object_set(rec, from, json_object_get(val,
				    "rating"));
				json_decref(val);
				continue;
			}
			if ((list = json_object_get(rec, from)) == NULL) {
				list = json_array();
				json_object_set_new(rec, from, list);
			}
			json_array_append_new(list, val);
		}
		if (a != NULL) {
			json_object_set(rec, "annotator", json_object_get(
			    json_object_get(a, "completed_by"), "email"));
			copy_key(rec, "annotation_id", a, "id");
			copy_key(rec, "created_at", a, "created_at");
			copy_key(rec, "updated_at", a, "updated_at");
			copy_key(rec, "lead_time", a, "lead_time");
		}
		if (put_json(w, rec) == -1) {
			json_decref(full);
			return -1;
		}
	}
	json_decref(full);
	return 0;
}

const struct format format_labelstudio = {
	.name = "labelstudio",
	.extensions = ".json",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_PREDICTIONS | FORMAT_ANNOTATIONS,
	.open = ls_open,
	.read = ls_read,
	.close = ls_close,
	.write_begin = ls_write_begin,
	.write = ls_write,
	.write_end = ls_write_end,
};

const struct format format_labelstudio_min = {
	.name = "labelstudio-min",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_ANNOTATIONS,
	.open = ls_open,
	.read = min_read,
	.close = ls_close,
	.write_begin = ls_write_begin,
	.write = min_write,
	.write_end = ls_write_end,
};
