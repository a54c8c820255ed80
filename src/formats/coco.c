/* COCO (detection and segmentation): one JSON document, {"images": [{"id",
 * "file_name", "width", "height", ...}], "annotations": [{"id", "image_id",
 * "category_id", "bbox": [x, y, w, h], "segmentation", "area",
 * "iscrowd"}], "categories": [{"id", "name", "supercategory"}]}, pixels
 * from 0 at the top-left corner.
 *
 * Reading: the document is split (jsonsplit) into its list elements and
 * never held whole; the images and the annotations go into the import's
 * scratch table (opts.stage: COCO's annotations are in any order, not
 * grouped by image), the categories (small) stay in memory. Then each
 * image is a task (its id the task's id, its file name found as any
 * image's, its other keys in meta "coco") with one annotation, the
 * importer's, of its annotations: a bbox to the project's first boxes
 * control; a segmentation, when the project has a polygons control, to it
 * instead (each polygon of the list an item; an RLE, uncompressed or
 * compressed, a mask), else its bbox. Categories map to labels by name,
 * their ids kept as the labels' id: (opts.keep_ids). A mistake is
 * reported at its JSON path (annotations[12].bbox). A bare list is a
 * results file: format_coco_results, below.
 *
 * Writing: the images as tasks come, their annotations to a temporary file
 * that follows them, then the categories: the boxes control's labels then
 * the polygons control's it lacks, each its label's id: or numbered from
 * 1 in the project's order after the highest (struct classes). One
 * image entry per image. A box is its bbox with segmentation [] and area
 * w * h; a polygon its points, bbox and area; a
 * mask an uncompressed RLE with iscrowd 1 (as CVAT writes them). An image
 * id is the task's imported id when it is a whole number, else the task
 * number. */
#include <errno.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/imagefmt.h"
#include "formats/jsonsplit.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/jsonw.h"
#include "util/xmalloc.h"

enum { PIECE_IMAGE = 1, PIECE_ANNOTATION = 2 };

#define EDGE	0.01	/* how far past the image an edge may be: on it */
#define RLE_MAX	(1u << 26)	/* runs in a mask, at most */

struct category {
	int64_t	 id;
	char	*name;
	int	 box, poly;	/* its label in each control, or -1 */
};

/*
 * The categories of a project: image_classes' (the boxes' labels, then
 * the polygons' the boxes lack), each with its id: the label's id: where
 * the config gives one (the boxes label's, or the polygons label's of the
 * same name), the others from 1 in order after the highest (label_ids).
 */
struct classes {
	const char	**names;
	size_t		  n;
	int		 *poly_class;	/* per polygons label */
	int		 *ids, *has;	/* per class */
	int		 *from_file;	/* per class: a file's category set
					 * its id */
};

static void
classes_release(struct classes *k)
{
	free(k->names);
	free(k->poly_class);
	free(k->ids);
	free(k->has);
	free(k->from_file);
	memset(k, 0, sizeof *k);
}

/* The classes and the ids the config gives: 0, or -1 after reporting two
 * labels of one category with two ids, or two categories of one id. */
static int
classes_init(struct classes *k, const struct control *boxes,
    const struct control *polys)
{
	const struct label	*l;
	size_t			 i, j;
	int			 cls;

	memset(k, 0, sizeof *k);
	image_classes(boxes, polys, &k->names, &k->n, &k->poly_class);
	k->ids = xcalloc(k->n + 1, sizeof *k->ids);
	k->has = xcalloc(k->n + 1, sizeof *k->has);
	k->from_file = xcalloc(k->n + 1, sizeof *k->from_file);
	for (i = 0; boxes != NULL && i < boxes->nlabels; i++)
		if (boxes->labels[i].has_id) {
			k->has[i] = 1;
			k->ids[i] = boxes->labels[i].id;
		}
	for (i = 0; polys != NULL && i < polys->nlabels; i++) {
		l = &polys->labels[i];
		cls = k->poly_class[i];
		if (!l->has_id)
			continue;
		if (k->has[cls] && k->ids[cls] != l->id)
			return error("label '%s' has id %d in control %s and"
			    " id %d in control %s: one category has one id",
			    l->name, k->ids[cls], boxes->name, l->id,
			    polys->name);
		k->has[cls] = 1;
		k->ids[cls] = l->id;
	}
	for (i = 0; i < k->n; i++)
		for (j = i + 1; k->has[i] && j < k->n; j++)
			if (k->has[j] && k->ids[j] == k->ids[i])
				return error("labels '%s' and '%s' have one"
				    " id, %d: a category id names one label",
				    k->names[i], k->names[j], k->ids[i]);
	return 0;
}

/* The class whose id is id, after classes_number; -1 for none. */
static int
class_of(const struct classes *k, int64_t id)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		if (k->ids[i] == id)
			return (int)i;
	return -1;
}

int	coco_tree_only;

struct coco_in {
	struct jsonsplit	 js;
	struct reader_stage	*stage;
	const struct control	*boxes, *polys;
	struct category		*cats;
	size_t			 ncats, acats;
	struct classes		 cls;	/* the project's categories */
	const char		*member;	/* of the annotations:
						 * "annotations", or "" for a
						 * results file's list */
	char			*model;		/* a results file's */
	/* The image being read. */
	struct record		*rec;
	struct reader		*r;
	json_t			*boxlist, *polylist;
	struct buf		 name, meta;	/* a plain image's file name
						 * and meta (image_plain) */
	struct buf		 staged;	/* an annotation as staged */
	/* An image whose annotations are all plain boxes (plain_box) has
	 * its result handed over as text (model/record.h's record_ann):
	 * no tree to build, dump and free. The first other one turns the
	 * boxes so far into boxlist's items (tree), and the tree's way
	 * goes on. */
	struct buf		 boxtext;	/* the boxes, "," between */
	size_t			 nbox;
	int			 tree;		/* boxlist holds them */
	struct buf		 result;
	struct record_ann	 ann;
};

/* FILE:LINE: member[index]: and the message; -1. */
static int
at(struct reader *r, const struct stage_piece *p, const char *member,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
at(struct reader *r, const struct stage_piece *p, const char *member,
    const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	error("%s:%lu: %s[%lld]%s", r->name, p->line, member,
	    (long long)p->index, buf_str(&b));
	buf_release(&b);
	return -1;
}

/* A piece's JSON, an object. NULL after reporting. */
static json_t *
piece_json(struct reader *r, const struct stage_piece *p, const char *member)
{
	json_error_t	 err;
	json_t		*j;

	j = format_json_load(p->bytes, p->len, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL) {
		at(r, p, member, ": malformed JSON: %s", err.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		at(r, p, member, " must be an object");
		return NULL;
	}
	return j;
}

static int
whole(json_t *v, int64_t *out)
{
	if (!json_is_integer(v))
		return -1;
	*out = json_integer_value(v);
	return 0;
}

static const struct category *
category(const struct coco_in *c, int64_t id)
{
	size_t	i;

	for (i = 0; i < c->ncats; i++)
		if (c->cats[i].id == id)
			return &c->cats[i];
	return NULL;
}

/* The file's id for the category's label: the project's id for it when
 * the config gives one (they must agree), else kept (keep_ids). */
static int
keep_category(struct reader *r, struct coco_in *c, const struct stage_piece *p,
    const struct category *k)
{
	struct classes	*cl = &c->cls;
	size_t		 j;
	int		 i = k->box != -1 ? k->box : cl->poly_class[k->poly];

	if (k->id < 0 || k->id > INT_MAX)
		return at(r, p, "categories", ".id: %lld is no id a label can"
		    " keep (0 to %d)", (long long)k->id, INT_MAX);
	if (cl->has[i] && cl->ids[i] != k->id) {
		if (cl->from_file[i])
			return at(r, p, "categories", ".name: '%s' is"
			    " category %d's name too", k->name, cl->ids[i]);
		return at(r, p, "categories", ".id: %lld, and label '%s' has"
		    " id %d in the project's config", (long long)k->id,
		    k->name, cl->ids[i]);
	}
	for (j = 0; j < cl->n; j++)
		if ((int)j != i && cl->has[j] && cl->ids[j] == k->id)
			return at(r, p, "categories", ".id: %lld is label"
			    " '%s''s id in the project's config",
			    (long long)k->id, cl->names[j]);
	cl->has[i] = 1;
	cl->ids[i] = (int)k->id;
	cl->from_file[i] = 1;
	return 0;
}

/* Sets the ids the file gave on the labels of opts.keep_ids (the config
 * the reader reads with), counting those it changed in r->ids_kept. */
static void
keep_ids(struct reader *r, struct coco_in *c)
{
	struct config	*cfg = r->opts.keep_ids;
	const struct control *ctl[2] = { c->boxes, c->polys };
	struct label	*l;
	size_t		 i, n;
	int		 cls;

	if (cfg == NULL || cfg != r->opts.cfg)
		return;
	for (n = 0; n < 2; n++) {
		if (ctl[n] == NULL)
			continue;
		for (i = 0; i < ctl[n]->nlabels; i++) {
			cls = n == 0 ? (int)i : c->cls.poly_class[i];
			l = &cfg->controls[ctl[n] - cfg->controls].labels[i];
			if (!c->cls.from_file[cls] || (l->has_id &&
			    l->id == c->cls.ids[cls]))
				continue;
			l->has_id = 1;
			l->id = c->cls.ids[cls];
			r->ids_kept++;
		}
	}
}

static int
add_category(struct reader *r, struct coco_in *c, const struct stage_piece *p)
{
	struct category	*k;
	json_t		*j, *name;
	int64_t		 id;

	if ((j = piece_json(r, p, "categories")) == NULL)
		return -1;
	name = json_object_get(j, "name");
	if (whole(json_object_get(j, "id"), &id) == -1 ||
	    !json_is_string(name)) {
		json_decref(j);
		return at(r, p, "categories", ": needs an \"id\" (a whole"
		    " number) and a \"name\"");
	}
	if (category(c, id) != NULL) {
		json_decref(j);
		return at(r, p, "categories", ".id: %lld is another"
		    " category's too", (long long)id);
	}
	ARRAY_GROW(c->cats, c->ncats + 1, c->acats);
	k = &c->cats[c->ncats++];
	k->id = id;
	k->name = xstrdup(json_string_value(name));
	k->box = control_label_index(c->boxes, k->name);
	k->poly = control_label_index(c->polys, k->name);
	json_decref(j);
	if (k->box == -1 && k->poly == -1)
		return at(r, p, "categories", ".name: '%s' is no label of the"
		    " project's %s control", k->name, c->boxes != NULL ?
		    c->boxes->name : c->polys->name);
	return keep_category(r, c, p, k);
}

/*
 * A piece read without jansson when it is plainly valid: an object of
 * ASCII strings without \u escapes, numbers without exponents of at most
 * 18 digits, no key twice in an object, nesting at most SCAN_DEPTH. Such
 * a piece is one jansson takes (JSON_REJECT_DUPLICATES) with the same
 * values; anything else is "unsure" and goes to jansson, whose messages
 * are the errors'. A piece's tree was most of COCO's import: each is
 * parsed when staged (for its key) and again when its image is read.
 */
#define SCAN_DEPTH	16
#define SCAN_KEYS	32	/* members of an object, at most */

/* A member of the top-level object that the import reads. */
enum { M_ID, M_IMAGE_ID, M_CATEGORY_ID, M_BBOX, M_SEGMENTATION, M_SCORE,
	M_N };

static const char *const scan_members[M_N] = { "id", "image_id",
	"category_id", "bbox", "segmentation", "score" };
static const size_t scan_lens[M_N] = { 2, 8, 11, 4, 12, 5 };

struct scan {
	const char	*v[M_N];	/* each member's value, or NULL */
	size_t		 vlen[M_N];
	/* Every member of the top-level object, in order. */
	size_t		 n;
	const char	*key[SCAN_KEYS], *val[SCAN_KEYS];
	size_t		 klen[SCAN_KEYS], vallen[SCAN_KEYS];
};

static const char *
scan_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Past the string at p ('"'), or NULL. */
static const char *
scan_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x80)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			if (++p == end || strchr("\"\\/bfnrt", *p) == NULL)
				return NULL;
		}
	}
	return NULL;
}

/* Past the number at p, or NULL; *real when it has a fraction. */
static const char *
scan_number(const char *p, const char *end, int *real)
{
	const char	*q = p;
	int		 digits = 0;

	*real = 0;
	if (q < end && *q == '-')
		q++;
	if (q < end && *q == '0')
		q++, digits++;
	else
		for (; q < end && *q >= '0' && *q <= '9'; q++)
			digits++;
	if (digits == 0)
		return NULL;
	if (q < end && *q == '.') {
		*real = 1;
		if (++q == end || *q < '0' || *q > '9')
			return NULL;
		for (; q < end && *q >= '0' && *q <= '9'; q++)
			digits++;
	}
	if (digits > 18 || (q < end && (*q == 'e' || *q == 'E' ||
	    (*q >= '0' && *q <= '9'))))
		return NULL;
	return q;
}

static const char *scan_value(const char *, const char *, int, struct scan *);

/* Past the object at p ('{'), or NULL; with top, its members the import
 * reads into sc. */
static const char *
scan_object(const char *p, const char *end, int depth, struct scan *sc)
{
	const char	*key[SCAN_KEYS], *k, *v;
	size_t		 klen[SCAN_KEYS], n = 0, i, m;

	p = scan_ws(p + 1, end);
	if (p < end && *p == '}')
		return p + 1;
	for (;;) {
		if (p == end || *p != '"' || n == SCAN_KEYS)
			return NULL;
		k = p + 1;
		if ((p = scan_string(p, end)) == NULL)
			return NULL;
		key[n] = k;
		klen[n] = (size_t)(p - 1 - k);
		if (memchr(k, '\\', klen[n]) != NULL)
			return NULL;
		for (i = 0; i < n; i++)
			if (klen[i] == klen[n] && memcmp(key[i], k, klen[n]) ==
			    0)
				return NULL;
		p = scan_ws(p, end);
		if (p == end || *p != ':')
			return NULL;
		v = p = scan_ws(p + 1, end);
		if ((p = scan_value(p, end, depth + 1, NULL)) == NULL)
			return NULL;
		if (sc != NULL) {
			sc->key[n] = k;
			sc->klen[n] = klen[n];
			sc->val[n] = v;
			sc->vallen[n] = (size_t)(p - v);
			sc->n = n + 1;
		}
		for (m = 0; sc != NULL && m < M_N; m++)
			if (scan_lens[m] == klen[n] && *scan_members[m] == *k &&
			    memcmp(scan_members[m], k, klen[n]) == 0) {
				sc->v[m] = v;
				sc->vlen[m] = (size_t)(p - v);
				break;
			}
		n++;
		p = scan_ws(p, end);
		if (p < end && *p == '}')
			return p + 1;
		if (p == end || *p != ',')
			return NULL;
		p = scan_ws(p + 1, end);
	}
}

static const char *
scan_value(const char *p, const char *end, int depth, struct scan *sc)
{
	int	real;

	if (p == end || depth > SCAN_DEPTH)
		return NULL;
	switch (*p) {
	case '{':
		return scan_object(p, end, depth, sc);
	case '[':
		p = scan_ws(p + 1, end);
		if (p < end && *p == ']')
			return p + 1;
		for (;;) {
			if ((p = scan_value(p, end, depth + 1, NULL)) == NULL)
				return NULL;
			p = scan_ws(p, end);
			if (p < end && *p == ']')
				return p + 1;
			if (p == end || *p != ',')
				return NULL;
			p = scan_ws(p + 1, end);
		}
	case '"':
		return scan_string(p, end);
	case 't':
		return end - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return end - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 :
		    NULL;
	case 'n':
		return end - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		return scan_number(p, end, &real);
	}
}

/* 0 when p's bytes are one such object (its members in sc), -1 unsure.
 * Only where reals read as they are written (a '.' locale). */
static int
scan_piece(const struct stage_piece *p, struct scan *sc)
{
	const char	*s = p->bytes, *end = s + p->len;
	const char	*dp = nl_langinfo(RADIXCHAR);

	memset(sc->v, 0, sizeof sc->v);
	sc->n = 0;
	if (dp == NULL || strcmp(dp, ".") != 0)
		return -1;
	s = scan_ws(s, end);
	if (s == end || *s != '{' || (s = scan_object(s, end, 0, sc)) == NULL)
		return -1;
	return scan_ws(s, end) == end ? 0 : -1;
}

/* A member's value as a whole number (as whole() takes it): 0, or -1. */
static int
scan_whole(const struct scan *sc, int m, int64_t *out)
{
	const char	*q;
	int		 real;

	if (sc->v[m] == NULL || (q = scan_number(sc->v[m], sc->v[m] +
	    sc->vlen[m], &real)) == NULL || real || q != sc->v[m] +
	    sc->vlen[m])
		return -1;
	*out = strtoll(sc->v[m], NULL, 10);
	return 0;
}

/* A member's value as a number, a new jansson value as jansson reads it
 * (an integer, or a real); NULL when it is no number. */
static json_t *
scan_json_number(const struct scan *sc, int m)
{
	const char	*q;
	int		 real;

	if (sc->v[m] == NULL || (q = scan_number(sc->v[m], sc->v[m] +
	    sc->vlen[m], &real)) == NULL || q != sc->v[m] + sc->vlen[m])
		return NULL;
	return real ? json_real(strtod(sc->v[m], NULL)) :
	    json_integer(strtoll(sc->v[m], NULL, 10));
}

/*
 * A staged annotation is a header, then its bytes: whether the scan was
 * sure of it and, where it was, each member's value in the bytes (its
 * offset + 1, 0 for none, and its length), so that the annotation is not
 * scanned a second time when its image is read.
 */
#define STAGED_HDR	(1 + 2 * M_N * sizeof(uint32_t))

static void
staged_put(struct buf *b, const struct stage_piece *p, const struct scan *sc)
{
	uint32_t	v[2 * M_N];
	char		sure = sc != NULL;
	int		m;

	memset(v, 0, sizeof v);
	for (m = 0; sc != NULL && m < M_N; m++)
		if (sc->v[m] != NULL) {
			v[2 * m] = (uint32_t)(sc->v[m] - p->bytes) + 1;
			v[2 * m + 1] = (uint32_t)sc->vlen[m];
		}
	buf_reset(b);
	buf_add(b, &sure, 1);
	buf_add(b, (const char *)v, sizeof v);
	buf_add(b, p->bytes, p->len);
}

/* A staged annotation's own bytes into q, and its scan into sc where the
 * scan was sure of it: 1, else 0. */
static int
staged_get(const struct stage_piece *p, struct stage_piece *q,
    struct scan *sc)
{
	uint32_t	v[2 * M_N];
	int		m;

	*q = *p;
	if (p->len < STAGED_HDR)
		return 0;
	q->bytes = p->bytes + STAGED_HDR;
	q->len = p->len - STAGED_HDR;
	if (p->bytes[0] == 0)
		return 0;
	memcpy(v, p->bytes + 1, sizeof v);
	memset(sc->v, 0, sizeof sc->v);
	sc->n = 0;
	for (m = 0; m < M_N; m++)
		if (v[2 * m] != 0) {
			sc->v[m] = q->bytes + v[2 * m] - 1;
			sc->vlen[m] = v[2 * m + 1];
		}
	return 1;
}

/* Stages one element of "images" or "annotations" by its key. */
static int
stage_piece(struct reader *r, struct coco_in *c,
    const struct jsonsplit_item *it, int kind)
{
	const char		*member = kind == PIECE_IMAGE ? "images" :
				    "annotations";
	struct stage_piece	 p;
	struct scan		 sc;
	json_t			*j;
	int64_t			 key;
	int			 rc, sure;

	memset(&p, 0, sizeof p);
	p.index = (int64_t)it->index;
	p.line = it->line;
	p.bytes = it->bytes;
	p.len = it->len;
	/* Its key from the scan, when that is sure; else from its tree. */
	sure = scan_piece(&p, &sc) == 0;
	if (!sure || scan_whole(&sc, kind == PIECE_IMAGE ? M_ID : M_IMAGE_ID,
	    &key) == -1) {
		if ((j = piece_json(r, &p, member)) == NULL)
			return -1;
		rc = whole(json_object_get(j, kind == PIECE_IMAGE ? "id" :
		    "image_id"), &key);
		json_decref(j);
		if (rc == -1)
			return at(r, &p, member, ".%s must be a whole number",
			    kind == PIECE_IMAGE ? "id" : "image_id");
	}
	p.key = key;
	if (kind == PIECE_ANNOTATION) {
		staged_put(&c->staged, &p, sure ? &sc : NULL);
		p.bytes = c->staged.data;
		p.len = c->staged.len;
	}
	if ((rc = c->stage->put(c->stage->arg, kind, kind == PIECE_IMAGE, &p))
	    == 1)
		return at(r, &p, member, ".id: %lld is another image's too",
		    (long long)key);
	return rc;
}

/* The reading state of a COCO file (member: of its annotations, "" for a
 * results file's list): its scratch table, controls and categories. NULL
 * after reporting. */
static struct coco_in *
coco_in_open(struct reader *r, const char *member)
{
	struct coco_in	*c;

	r->priv = c = xcalloc(1, sizeof *c);
	c->member = member;
	jsonsplit_init(&c->js, r->f, r->name);
	if ((c->stage = r->opts.stage) == NULL) {
		error("%s: COCO is read through the import's scratch table,"
		    " which this reader was not given", r->name);
		return NULL;
	}
	c->boxes = reader_control(r->opts.cfg, CONTROL_BOXES, -1);
	c->polys = reader_control(r->opts.cfg, CONTROL_POLYGONS, -1);
	if (c->boxes == NULL && c->polys == NULL) {
		error("%s: the project has no boxes or polygons control for"
		    " COCO's %s", r->name, *member != '\0' ? member :
		    "detections");
		return NULL;
	}
	return classes_init(&c->cls, c->boxes, c->polys) == -1 ? NULL : c;
}

static int
coco_open(struct reader *r)
{
	struct jsonsplit_item	 it;
	struct coco_in		*c;
	int			 rc, images = 0;

	if ((c = coco_in_open(r, "annotations")) == NULL)
		return -1;
	while ((rc = jsonsplit_next(&c->js, &it)) == 1) {
		if (c->js.top == '[')
			return error("%s:%lu: a bare list is COCO's results file"
			    " (detections with scores): --format coco-results"
			    " adds them as predictions to the project's tasks",
			    r->name, it.line);
		if (strcmp(it.member, "images") == 0 ||
		    strcmp(it.member, "annotations") == 0 ||
		    strcmp(it.member, "categories") == 0) {
			if (it.whole)
				return error("%s:%lu: \"%s\" must be a list",
				    r->name, it.line, it.member);
			images |= it.member[0] == 'i';
			rc = it.member[0] == 'c' ? add_category(r, c,
			    &(struct stage_piece){ 0, (int64_t)it.index,
			    it.line, it.bytes, it.len }) : stage_piece(r, c,
			    &it, it.member[0] == 'i' ? PIECE_IMAGE :
			    PIECE_ANNOTATION);
			if (rc == -1)
				return -1;
		}
		/* info, licenses and the rest: not kept. */
	}
	if (rc == -1 || c->stage->filled(c->stage->arg) == -1)
		return -1;
	if (!images)
		return error("%s: no \"images\": a COCO file lists its images",
		    r->name);
	keep_ids(r, c);
	return 0;
}

/* A coordinate list's number, on the image (within EDGE). */
static int
coord(json_t *v, double size, double *out)
{
	double	d;

	if (!json_is_number(v))
		return -1;
	d = json_number_value(v);
	if (!isfinite(d) || d < -EDGE || (size > 0 && d > size + EDGE))
		return -1;
	*out = d < 0 ? 0 : size > 0 && d > size ? size : d;
	return 0;
}

/* The compressed RLE of pycocotools (rleFrString) as counts. */
static int
rle_string(const char *s, json_t *counts)
{
	int64_t	 x, prev2 = 0, prev1 = 0;
	size_t	 m = 0;
	int	 k, more, c;

	while (*s != '\0') {
		x = 0;
		k = 0;
		more = 1;
		while (more) {
			c = *s - 48;
			/* Seven groups of five bits hold any count (they
			 * are 32-bit); more is no count of a real mask, and
			 * would shift past 64 bits. */
			if (c < 0 || c > 63 || k > 6)
				return -1;
			x |= (int64_t)(c & 0x1f) << (5 * k);
			more = c & 0x20;
			s++;
			k++;
			if (!more && (c & 0x10))
				x |= -((int64_t)1 << (5 * k));
			if (more && *s == '\0')
				return -1;
		}
		if (m > 2)
			x += prev2;
		if (x < 0 || x > UINT32_MAX || ++m > RLE_MAX)
			return -1;
		json_array_append_new(counts, json_integer(x));
		prev2 = prev1;
		prev1 = x;
	}
	return 0;
}

/* A segmentation that is an RLE: a mask item. */
static int
read_rle(struct coco_in *c, const struct stage_piece *p, json_t *seg,
    const struct category *k, json_t *more)
{
	struct reader	*r = c->r;
	json_t		*counts = json_object_get(seg, "counts"), *size, *list;
	json_t		*v, *item;
	int64_t		 h, w, sum = 0;
	size_t		 i;

	size = json_object_get(seg, "size");
	if (!json_is_array(size) || json_array_size(size) != 2 ||
	    whole(json_array_get(size, 0), &h) == -1 ||
	    whole(json_array_get(size, 1), &w) == -1)
		return at(r, p, c->member, ".segmentation.size must be"
		    " [height, width]");
	if (h != c->rec->height || w != c->rec->width)
		return at(r, p, c->member, ".segmentation.size is [%lld,"
		    " %lld], and the image is %dx%d", (long long)h,
		    (long long)w, c->rec->width, c->rec->height);
	if (json_is_string(counts)) {
		list = json_array();
		if (rle_string(json_string_value(counts), list) == -1) {
			json_decref(list);
			return at(r, p, c->member, ".segmentation.counts"
			    " is no compressed RLE");
		}
	} else if (json_is_array(counts))
		list = json_incref(counts);
	else
		return at(r, p, c->member, ".segmentation.counts must be"
		    " a list of run lengths or a compressed RLE string");
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > UINT32_MAX)
			break;
		sum += json_integer_value(v);
	}
	if (i < json_array_size(list) || sum != h * w) {
		json_decref(list);
		return at(r, p, c->member, ".segmentation.counts must be"
		    " run lengths from 0 that sum to height x width (%lld)",
		    (long long)(h * w));
	}
	item = json_pack("{s:o, s:s}", "rle", list, "label",
	    c->polys->labels[k->poly].name);
	json_object_update_missing(item, more);
	json_array_append_new(c->polylist, item);
	return 0;
}

/* A segmentation that is polygons: an item each. */
static int
read_polygons(struct coco_in *c, const struct stage_piece *p, json_t *seg,
    const struct category *k, json_t *more)
{
	json_t	*part, *pts, *item;
	size_t	 i, j;
	double	 x, y;

	json_array_foreach(seg, i, part) {
		if (!json_is_array(part) || json_array_size(part) < 6 ||
		    json_array_size(part) % 2 != 0)
			return at(c->r, p, c->member, ".segmentation[%zu]"
			    " must be x, y of three points or more", i);
		pts = json_array();
		for (j = 0; j < json_array_size(part); j += 2) {
			if (coord(json_array_get(part, j), c->rec->width, &x) ==
			    -1 || coord(json_array_get(part, j + 1),
			    c->rec->height, &y) == -1) {
				json_decref(pts);
				return at(c->r, p, c->member,
				    ".segmentation[%zu][%zu] must be a number"
				    " on the %dx%d image", i, j,
				    c->rec->width, c->rec->height);
			}
			json_array_append_new(pts, json_pack("[o, o]",
			    pixel_json(x), pixel_json(y)));
		}
		item = json_pack("{s:o, s:s}", "points", pts, "label",
		    c->polys->labels[k->poly].name);
		json_object_update_missing(item, more);
		json_array_append_new(c->polylist, item);
	}
	return 0;
}

static int
read_bbox(struct coco_in *c, const struct stage_piece *p, json_t *bbox,
    const struct category *k, json_t *more)
{
	double	v[4];
	json_t	*item;
	int	i;

	if (!json_is_array(bbox) || json_array_size(bbox) != 4)
		return at(c->r, p, c->member, ".bbox must be [x, y, width,"
		    " height]");
	for (i = 0; i < 4; i++)
		if (coord(json_array_get(bbox, (size_t)i), 0, &v[i]) == -1)
			return at(c->r, p, c->member, ".bbox[%d] must be a"
			    " number from 0", i);
	if (v[2] <= 0 || v[3] <= 0)
		return at(c->r, p, c->member, ".bbox must have a width and"
		    " a height above 0");
	if (v[0] + v[2] > c->rec->width + EDGE ||
	    v[1] + v[3] > c->rec->height + EDGE)
		return at(c->r, p, c->member, ".bbox reaches outside the"
		    " %dx%d image", c->rec->width, c->rec->height);
	if (v[0] + v[2] > c->rec->width)
		v[2] = c->rec->width - v[0];
	if (v[1] + v[3] > c->rec->height)
		v[3] = c->rec->height - v[1];
	if (k->box == -1)
		return at(c->r, p, c->member, ".category_id: '%s' is no"
		    " label of the project's boxes control", k->name);
	item = image_box_json(v[0], v[1], v[2], v[3],
	    c->boxes->labels[k->box].name);
	json_object_update_missing(item, more);
	json_array_append_new(c->boxlist, item);
	return 0;
}

/* An annotation's (or detection's) shape, a, of category k: an item of
 * the image's. */
static int
read_shape(struct coco_in *c, const struct stage_piece *p, json_t *a,
    const struct category *k)
{
	json_t	*seg, *more, *v;
	int	 rc;

	/* What each item keeps: the annotation's id and a score. */
	more = json_object();
	if (json_is_integer(v = json_object_get(a, "id")))
		json_object_set(more, "id", v);
	if (json_is_number(v = json_object_get(a, "score")))
		json_object_set(more, "score", v);
	seg = json_object_get(a, "segmentation");
	if (c->polys != NULL && k->poly != -1 && json_is_object(seg))
		rc = read_rle(c, p, seg, k, more);
	else if (c->polys != NULL && k->poly != -1 && json_is_array(seg) &&
	    json_array_size(seg) > 0)
		rc = read_polygons(c, p, seg, k, more);
	else if (seg != NULL && !json_is_array(seg) && !json_is_object(seg)) {
		rc = at(c->r, p, c->member, ".segmentation must be a list"
		    " of polygons or an RLE");
	} else
		rc = read_bbox(c, p, json_object_get(a, "bbox"), k, more);
	json_decref(more);
	return rc;
}

/* The bbox at s (len bytes, a scanned value) as four numbers: 0, or -1
 * when it is not a list of four. */
static int
scan_bbox(const char *s, size_t len, double v[4])
{
	const char	*end = s + len, *q;
	int		 i, real;

	if (len == 0 || *s != '[')
		return -1;
	s = scan_ws(s + 1, end);
	for (i = 0; i < 4; i++) {
		if ((q = scan_number(s, end, &real)) == NULL)
			return -1;
		v[i] = image_strtod(s, NULL);
		s = scan_ws(q, end);
		if (s == end || *s != (i < 3 ? ',' : ']'))
			return -1;
		s = scan_ws(s + 1, end);
	}
	return s == end ? 0 : -1;
}

/*
 * An annotation that is a plain box (a whole category_id of a boxes
 * label, no segmentation or [], a bbox of four numbers on the image)
 * read from the scan, as read_shape and read_bbox would: 0, or 1 when it
 * is not one (read_shape reads it, or says what is wrong).
 */
static int
plain_box(struct coco_in *c, const struct scan *sc)
{
	const struct category	*k;
	const char		*seg;
	int64_t			 cat, id;
	double			 v[4];
	json_t			*item, *score;
	struct buf		*o;
	const char		*s, *q;
	int			 i, real;

	if (scan_whole(sc, M_CATEGORY_ID, &cat) == -1 ||
	    (k = category(c, cat)) == NULL || k->box == -1)
		return 1;
	if ((seg = sc->v[M_SEGMENTATION]) != NULL && (*seg != '[' ||
	    *scan_ws(seg + 1, seg + sc->vlen[M_SEGMENTATION]) != ']'))
		return 1;
	if (sc->v[M_BBOX] == NULL || scan_bbox(sc->v[M_BBOX],
	    sc->vlen[M_BBOX], v) == -1)
		return 1;
	/* coord's with no size, then read_bbox's checks. */
	for (i = 0; i < 4; i++) {
		if (v[i] < -EDGE)
			return 1;
		if (v[i] < 0)
			v[i] = 0;
	}
	if (v[2] <= 0 || v[3] <= 0 || v[0] + v[2] > c->rec->width + EDGE ||
	    v[1] + v[3] > c->rec->height + EDGE)
		return 1;
	if (v[0] + v[2] > c->rec->width)
		v[2] = c->rec->width - v[0];
	if (v[1] + v[3] > c->rec->height)
		v[3] = c->rec->height - v[1];
	if (c->tree) {
		item = image_box_json(v[0], v[1], v[2], v[3],
		    c->boxes->labels[k->box].name);
		/* What read_shape keeps with it: the id, a score. */
		if (scan_whole(sc, M_ID, &id) == 0)
			json_object_set_new(item, "id", json_integer(id));
		if ((score = scan_json_number(sc, M_SCORE)) != NULL)
			json_object_set_new(item, "score", score);
		json_array_append_new(c->boxlist, item);
		return 0;
	}
	/* The same item as text: image_box_json's keys, then the id and
	 * the score as jansson writes them. */
	o = &c->boxtext;
	if (c->nbox++ > 0)
		buf_addch(o, ',');
	image_box_put(o, v[0], v[1], v[2], v[3],
	    c->boxes->labels[k->box].name);
	o->len--;	/* its '}' */
	if (scan_whole(sc, M_ID, &id) == 0) {
		buf_addstr(o, ",\"id\":");
		jw_int(o, id);
	}
	if ((s = sc->v[M_SCORE]) != NULL && (q = scan_number(s, s +
	    sc->vlen[M_SCORE], &real)) == s + sc->vlen[M_SCORE]) {
		buf_addstr(o, ",\"score\":");
		if (real)
			jw_real_compact(o, strtod(s, NULL));
		else
			jw_int(o, strtoll(s, NULL, 10));
	}
	buf_addch(o, '}');
	return 0;
}

/* The image's boxes so far as text, into boxlist's items: the tree's
 * way from here on (an annotation that is not a plain box). */
static void
boxes_to_tree(struct coco_in *c)
{
	json_t	*list;

	if (c->tree)
		return;
	c->tree = 1;
	if (c->nbox == 0)
		return;
	buf_reset(&c->result);
	buf_addch(&c->result, '[');
	buf_add(&c->result, c->boxtext.data, c->boxtext.len);
	buf_addch(&c->result, ']');
	list = json_loadb(c->result.data, c->result.len, 0, NULL);
	if (list == NULL)
		abort();	/* not reached: the text is jw's own */
	json_array_extend(c->boxlist, list);
	json_decref(list);
}

static int
read_annotation(const struct stage_piece *staged, void *arg)
{
	struct coco_in		*c = arg;
	const struct category	*k;
	const struct stage_piece *p;
	struct stage_piece	 q;
	struct scan		 sc;
	json_t			*a;
	int64_t			 cat;
	int			 rc;

	if (staged_get(staged, &q, &sc) == 1 && plain_box(c, &sc) == 0)
		return 0;
	boxes_to_tree(c);
	p = &q;
	if ((a = piece_json(c->r, p, "annotations")) == NULL)
		return -1;
	if (whole(json_object_get(a, "category_id"), &cat) == -1 ||
	    (k = category(c, cat)) == NULL) {
		json_decref(a);
		return at(c->r, p, "annotations", ".category_id must be the id"
		    " of one of \"categories\"");
	}
	rc = read_shape(c, p, a, k);
	json_decref(a);
	return rc;
}

/* The image's keys scalec does not hold itself, for meta "coco". */
static json_t *
image_meta(json_t *img)
{
	json_t		*m = json_object(), *v;
	const char	*k;

	json_object_foreach(img, k, v)
		if (strcmp(k, "id") != 0 && strcmp(k, "width") != 0 &&
		    strcmp(k, "height") != 0)
			json_object_set(m, k, v);
	return json_pack("{s:o}", "coco", m);
}

static int
image_size(json_t *v, int *out)
{
	int64_t	n;

	if (whole(v, &n) == -1 || n < 1 || n > 1000000)
		return -1;
	*out = (int)n;
	return 0;
}

/* 1 when the scanned member i is named name. */
static int
scan_is(const struct scan *sc, size_t i, const char *name)
{
	return strlen(name) == sc->klen[i] && memcmp(sc->key[i], name,
	    sc->klen[i]) == 0;
}

/* A scanned value that jansson's compact text writes as it is: a string
 * without escapes, a whole number (not -0), true, false or null. */
static int
scan_verbatim(const char *v, size_t len)
{
	const char	*q;
	int		 real;

	if (*v == '"')
		return memchr(v, '\\', len) == NULL;
	if (*v == 't' || *v == 'f' || *v == 'n')
		return 1;
	q = scan_number(v, v + len, &real);
	return q == v + len && !real && !(len == 2 && memcmp(v, "-0", 2) ==
	    0);
}

/*
 * An image read from the scan, as coco_read reads its tree, when it is
 * plainly one: a file name that is a string without escapes, a whole
 * width and height of 1 to 1000000, and other members each one
 * scan_verbatim takes, so that the meta's text (json_dumps' compact
 * bytes of image_meta's tree) is their bytes as the file has them.
 * 0, or 1 when it is not one (its tree reads it, or says what is
 * wrong).
 */
static int
image_plain(struct coco_in *c, const struct stage_piece *p,
    struct record *rec)
{
	struct scan	 sc;
	const char	*name = NULL;
	size_t		 i, namelen = 0;
	int64_t		 n;
	int		 first = 1, *size;

	if (scan_piece(p, &sc) == -1)
		return 1;
	rec->width = rec->height = 0;
	buf_reset(&c->meta);
	buf_addstr(&c->meta, "{\"coco\":{");
	for (i = 0; i < sc.n; i++) {
		if (scan_is(&sc, i, "id"))
			continue;
		if ((size = scan_is(&sc, i, "width") ? &rec->width :
		    scan_is(&sc, i, "height") ? &rec->height : NULL) != NULL) {
			if (!scan_verbatim(sc.val[i], sc.vallen[i]) ||
			    *sc.val[i] < '1' || *sc.val[i] > '9' ||
			    sc.vallen[i] > 7 || (n = strtoll(sc.val[i], NULL,
			    10)) > 1000000)
				return 1;
			*size = (int)n;
			continue;
		}
		if (!scan_verbatim(sc.val[i], sc.vallen[i]))
			return 1;
		if (scan_is(&sc, i, "file_name")) {
			if (*sc.val[i] != '"' || sc.vallen[i] < 3)
				return 1;
			name = sc.val[i] + 1;
			namelen = sc.vallen[i] - 2;
		}
		if (!first)
			buf_addch(&c->meta, ',');
		first = 0;
		buf_addch(&c->meta, '"');
		buf_add(&c->meta, sc.key[i], sc.klen[i]);
		buf_addstr(&c->meta, "\":");
		buf_add(&c->meta, sc.val[i], sc.vallen[i]);
	}
	if (name == NULL || rec->width == 0 || rec->height == 0)
		return 1;
	buf_addstr(&c->meta, "}}");
	buf_reset(&c->name);
	buf_add(&c->name, name, namelen);
	rec->image = buf_str(&c->name);
	rec->meta_json = buf_str(&c->meta);
	return 0;
}

static int
coco_read(struct reader *r, struct record *rec)
{
	struct coco_in		*c = r->priv;
	struct stage_piece	 p;
	json_t			*img, *result, *name;
	int			 rc;

	if ((rc = c->stage->next(c->stage->arg, PIECE_IMAGE, &p)) != 1)
		return rc;
	rec->line = p.line;
	if (image_plain(c, &p, rec) == 0)
		goto image;
	if ((r->obj = img = piece_json(r, &p, "images")) == NULL)
		return -1;
	name = json_object_get(img, "file_name");
	if (!json_is_string(name) || json_string_length(name) == 0)
		return at(r, &p, "images", ".file_name must be the image's"
		    " file name");
	if (image_size(json_object_get(img, "width"), &rec->width) == -1 ||
	    image_size(json_object_get(img, "height"), &rec->height) == -1)
		return at(r, &p, "images", ": \"width\" and \"height\" must be"
		    " whole numbers of pixels from 1 to 1000000");
	rec->image = json_string_value(name);
	rec->meta = r->meta = image_meta(img);
image:
	snprintf(r->idbuf, sizeof r->idbuf, "%lld", (long long)p.key);
	rec->ext_id = r->idbuf;
	c->rec = rec;
	c->r = r;
	c->boxlist = json_array();
	c->polylist = json_array();
	buf_reset(&c->boxtext);
	c->nbox = 0;
	c->tree = coco_tree_only;
	rc = c->stage->each(c->stage->arg, PIECE_ANNOTATION, p.key,
	    read_annotation, c);
	if (rc == 0 && !c->tree && c->nbox > 0) {
		/* image_annotation's result as json_dumps writes it. */
		buf_reset(&c->result);
		buf_addch(&c->result, '{');
		jw_string(&c->result, c->boxes->name);
		buf_addstr(&c->result, ":[");
		buf_add(&c->result, c->boxtext.data, c->boxtext.len);
		buf_addch(&c->result, ']');
		if (c->polys != NULL) {
			buf_addch(&c->result, ',');
			jw_string(&c->result, c->polys->name);
			buf_addstr(&c->result, ":[]");
		}
		buf_addch(&c->result, '}');
		reader_hand_result(r, rec, &c->ann, &c->result);
	} else if (rc == 0 && (json_array_size(c->boxlist) > 0 ||
	    json_array_size(c->polylist) > 0)) {
		result = image_annotation(r);
		if (c->boxes != NULL)
			json_object_set(result, c->boxes->name, c->boxlist);
		if (c->polys != NULL)
			json_object_set(result, c->polys->name, c->polylist);
		rec->annotations = r->built;
	}
	json_decref(c->boxlist);
	json_decref(c->polylist);
	c->boxlist = c->polylist = NULL;
	return rc == -1 ? -1 : 1;
}

static void
coco_close(struct reader *r)
{
	struct coco_in	*c = r->priv;

	if (c == NULL)
		return;
	jsonsplit_release(&c->js);
	buf_release(&c->name);
	buf_release(&c->meta);
	buf_release(&c->staged);
	buf_release(&c->boxtext);
	buf_release(&c->result);
	while (c->ncats > 0)
		free(c->cats[--c->ncats].name);
	free(c->cats);
	classes_release(&c->cls);
	free(c->model);
	free(c);
	r->priv = NULL;
}

/*
 * A results file: [{"image_id", "category_id", "bbox", "score"[,
 * "segmentation"]}, ...], as pycocotools' loadRes reads it, each
 * detection a prediction's item (its score kept) on the task of the
 * image whose id the task was imported with (opts.tasks), an image's
 * detections one prediction of the model named as the file is. The
 * categories are the project's (struct classes). The detections go into
 * the scratch table, an image's first one also as the image's piece, so
 * that each image is read once, in the file's order.
 */

/* The model of a results file's predictions: its name without its
 * folder and ".json". */
static char *
results_model(const char *name)
{
	const char	*base = strrchr(name, '/');
	size_t		 n;

	base = base != NULL ? base + 1 : name;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return xstrndup(base, n);
}

/* The task of image id key, its id as the store keeps it in r->idbuf and
 * its size: 1, or -1 after reporting one there is none of (at p). */
static int
results_task(struct reader *r, const struct stage_piece *p, int64_t key,
    int *w, int *h)
{
	char	*id = r->idbuf;
	size_t	 idlen = sizeof r->idbuf;
	int	 rc;

	/* The number the task was imported with, else a string of its
	 * digits (reader_id keeps "42" so). */
	snprintf(id, idlen, "%lld", (long long)key);
	if ((rc = r->opts.tasks->find(r->opts.tasks->arg, id, w, h)) == 0) {
		snprintf(id, idlen, "\"%lld\"", (long long)key);
		rc = r->opts.tasks->find(r->opts.tasks->arg, id, w, h);
	}
	if (rc != 1)
		return rc == 0 ? at(r, p, "", ".image_id: %lld is the id of no"
		    " task of the project's (the ids its tasks were imported"
		    " with)", (long long)key) : -1;
	if (*w <= 0 || *h <= 0)
		return at(r, p, "", ".image_id: %lld is a task without an image"
		    " of known size", (long long)key);
	return 1;
}

static int
results_open(struct reader *r)
{
	struct jsonsplit_item	 it;
	struct stage_piece	 p;
	struct coco_in		*c;
	json_t			*j;
	int64_t			 key;
	int			 rc, w, h;

	if ((c = coco_in_open(r, "")) == NULL)
		return -1;
	if (r->opts.tasks == NULL)
		return error("%s: a COCO results file names the project's tasks,"
		    " which this reader was not given", r->name);
	label_ids(c->cls.ids, c->cls.has, c->cls.n);
	c->model = results_model(r->name);
	while ((rc = jsonsplit_next(&c->js, &it)) == 1) {
		if (c->js.top != '[')
			break;
		memset(&p, 0, sizeof p);
		p.index = (int64_t)it.index;
		p.line = it.line;
		p.bytes = it.bytes;
		p.len = it.len;
		if ((j = piece_json(r, &p, "")) == NULL)
			return -1;
		rc = whole(json_object_get(j, "image_id"), &key);
		json_decref(j);
		if (rc == -1)
			return at(r, &p, "", ".image_id must be a whole number");
		p.key = key;
		if ((rc = c->stage->put(c->stage->arg, PIECE_IMAGE, 1, &p))
		    == -1)
			return -1;
		if (rc == 0 && results_task(r, &p, key, &w, &h) != 1)
			return -1;
		if (c->stage->put(c->stage->arg, PIECE_ANNOTATION, 0, &p) == -1)
			return -1;
	}
	if (rc == -1)
		return -1;
	if (c->js.top == '{')
		return error("%s:%lu: a COCO results file is a bare list of"
		    " detections ([{\"image_id\", \"category_id\", \"bbox\","
		    " \"score\"}, ...]); a dataset's file (with \"images\") is"
		    " --format coco", r->name, it.line);
	return c->stage->filled(c->stage->arg);
}

/* The categories' ids and names, for a message: "3 circle, 7 square". */
static void
classes_list(const struct classes *k, struct buf *b)
{
	size_t	i;

	for (i = 0; i < k->n && i < 8; i++)
		buf_printf(b, "%s%d %s", i > 0 ? ", " : "", k->ids[i],
		    k->names[i]);
	if (i < k->n)
		buf_addstr(b, ", ...");
}

static int
read_detection(const struct stage_piece *p, void *arg)
{
	struct coco_in	*c = arg;
	struct category	 k;
	struct buf	 b = BUF_INIT;
	json_t		*a;
	int64_t		 cat;
	int		 cls, rc;

	if ((a = piece_json(c->r, p, "")) == NULL)
		return -1;
	if (whole(json_object_get(a, "category_id"), &cat) == -1 ||
	    (cls = class_of(&c->cls, cat)) == -1) {
		json_decref(a);
		classes_list(&c->cls, &b);
		rc = at(c->r, p, "", ".category_id must be the id of one of the"
		    " project's categories (%s)", buf_str(&b));
		buf_release(&b);
		return rc;
	}
	if (!json_is_number(json_object_get(a, "score"))) {
		json_decref(a);
		return at(c->r, p, "", ".score must be a number");
	}
	k.id = cat;
	k.name = (char *)c->cls.names[cls];
	k.box = c->boxes != NULL && (size_t)cls < c->boxes->nlabels ? cls : -1;
	k.poly = control_label_index(c->polys, k.name);
	rc = read_shape(c, p, a, &k);
	json_decref(a);
	return rc;
}

static int
results_read(struct reader *r, struct record *rec)
{
	struct coco_in		*c = r->priv;
	struct stage_piece	 p;
	json_t			*result;
	int			 rc;

	if ((rc = c->stage->next(c->stage->arg, PIECE_IMAGE, &p)) != 1)
		return rc;
	rec->line = p.line;
	if (results_task(r, &p, p.key, &rec->width, &rec->height) != 1)
		return -1;
	rec->ext_id = r->idbuf;
	c->rec = rec;
	c->r = r;
	c->boxlist = json_array();
	c->polylist = json_array();
	rc = c->stage->each(c->stage->arg, PIECE_ANNOTATION, p.key,
	    read_detection, c);
	if (rc == 0) {
		result = json_object();
		if (c->boxes != NULL && json_array_size(c->boxlist) > 0)
			json_object_set(result, c->boxes->name, c->boxlist);
		if (c->polys != NULL && json_array_size(c->polylist) > 0)
			json_object_set(result, c->polys->name, c->polylist);
		r->built = json_pack("[{s:s, s:o}]", "model", c->model,
		    "result", result);
		rec->predictions = r->built;
	}
	json_decref(c->boxlist);
	json_decref(c->polylist);
	c->boxlist = c->polylist = NULL;
	return rc == -1 ? -1 : 1;
}

const struct format format_coco_results = {
	.name = "coco-results",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_STAGES | FORMAT_ATTACHES |
	    FORMAT_IMAGE | FORMAT_PREDICTIONS,
	.open = results_open,
	.read = results_read,
	.close = coco_close,
};

/* Writing. */

struct coco_out {
	const struct control	*boxes, *polys;
	struct classes		 cls;		/* the categories */
	FILE			*anns;		/* the annotations, a line
						 * each, until write_end */
	unsigned long		 nanns;
	int64_t			 next_id;	/* for items without one */
	struct buf		 line;		/* a line written straight */
	struct buf		 name;		/* a stored file name */
};

static int
coco_write_begin(struct writer *w)
{
	struct coco_out	*o;

	o = w->priv = xcalloc(1, sizeof *o);
	o->boxes = reader_control(w->cfg, CONTROL_BOXES, -1);
	o->polys = reader_control(w->cfg, CONTROL_POLYGONS, -1);
	if (o->boxes == NULL && o->polys == NULL)
		return error("the project has no boxes or polygons control:"
		    " COCO holds boxes and segmentations");
	if (classes_init(&o->cls, o->boxes, o->polys) == -1)
		return -1;
	label_ids(o->cls.ids, o->cls.has, o->cls.n);
	if ((o->anns = tmpfile()) == NULL)
		return error("a temporary file for COCO's annotations: %s",
		    strerror(errno));
	o->next_id = 1;
	fputs("{\"info\": {\"description\": \"written by scalec\"},"
	    " \"licenses\": [],\n\"images\": [", w->f);
	return 0;
}

/* An item's id: its own when it kept one, else the next. */
static int64_t
item_id(struct coco_out *o, json_t *more)
{
	json_t	*v = json_object_get(more, "id");

	if (json_is_integer(v)) {
		if (json_integer_value(v) >= o->next_id)
			o->next_id = json_integer_value(v) + 1;
		return json_integer_value(v);
	}
	return o->next_id++;
}

static int
put_annotation(struct coco_out *o, json_t *a)
{
	int	rc = jsonout_dumpf(a, o->anns, JSON_REAL_PRECISION(15));

	json_decref(a);
	o->nanns++;
	return rc == -1 || putc('\n', o->anns) == EOF ? -1 : 0;
}

/* A pixel_json value written straight (util/jsonw). */
static void
jw_pixel(struct buf *b, double v)
{
	if (v == nearbyint(v) && fabs(v) < 1e15)
		jw_int(b, (int64_t)v);
	else
		jw_real(b, v);
}

/* A box's annotation, the bytes annotation() and put_annotation give
 * with its "segmentation": [] and "iscrowd": 0, written straight: the
 * tree and its dump were a third of a COCO export. */
static int
put_box(struct coco_out *o, json_t *more, int64_t image, int cat,
    const double box[4], double area)
{
	struct buf	*b = &o->line;
	json_t		*score = json_object_get(more, "score");
	int		 i;

	buf_reset(b);
	buf_addstr(b, "{\"id\": ");
	jw_int(b, item_id(o, more));
	buf_addstr(b, ", \"image_id\": ");
	jw_int(b, image);
	buf_addstr(b, ", \"category_id\": ");
	jw_int(b, o->cls.ids[cat]);
	buf_addstr(b, ", \"bbox\": [");
	for (i = 0; i < 4; i++) {
		if (i > 0)
			buf_addstr(b, ", ");
		jw_pixel(b, box[i]);
	}
	buf_addstr(b, "], \"area\": ");
	jw_pixel(b, area);
	if (json_is_integer(score)) {
		buf_addstr(b, ", \"score\": ");
		jw_int(b, json_integer_value(score));
	} else if (json_is_real(score)) {
		buf_addstr(b, ", \"score\": ");
		jw_real(b, json_real_value(score));
	}
	buf_addstr(b, ", \"segmentation\": [], \"iscrowd\": 0}\n");
	o->nanns++;
	/* Numbers alone: nothing for jsonout_escape to change. */
	return fwrite(b->data, 1, b->len, o->anns) == b->len ? 0 : -1;
}

/* A mask's bbox and area from its column-major runs over an h-high
 * image. */
static void
mask_extent(const struct ans_shape *s, int h, double box[4], double *area)
{
	uint64_t	pos = 0, e, x0 = UINT64_MAX, x1 = 0, y0 = UINT64_MAX;
	uint64_t	y1 = 0, cs, ce;
	size_t		i;

	*area = 0;
	for (i = 0; i < s->nrle; pos += s->rle[i++]) {
		if (i % 2 == 0 || s->rle[i] == 0)
			continue;
		e = pos + s->rle[i];
		*area += s->rle[i];
		cs = pos / (uint64_t)h;
		ce = (e - 1) / (uint64_t)h;
		x0 = cs < x0 ? cs : x0;
		x1 = ce > x1 ? ce : x1;
		if (cs == ce) {
			y0 = pos % (uint64_t)h < y0 ? pos % (uint64_t)h : y0;
			y1 = (e - 1) % (uint64_t)h > y1 ? (e - 1) % (uint64_t)h :
			    y1;
		} else {
			y0 = 0;
			y1 = (uint64_t)h - 1;
		}
	}
	if (*area == 0) {
		box[0] = box[1] = box[2] = box[3] = 0;
		return;
	}
	box[0] = (double)x0;
	box[1] = (double)y0;
	box[2] = (double)(x1 - x0 + 1);
	box[3] = (double)(y1 - y0 + 1);
}

static json_t *
annotation(struct coco_out *o, json_t *more, int64_t image, int cat,
    const double box[4], double area)
{
	json_t	*a = json_object();

	json_object_set_new(a, "id", json_integer(item_id(o, more)));
	json_object_set_new(a, "image_id", json_integer(image));
	json_object_set_new(a, "category_id", json_integer(o->cls.ids[cat]));
	json_object_set_new(a, "bbox", json_pack("[o, o, o, o]",
	    pixel_json(box[0]), pixel_json(box[1]), pixel_json(box[2]),
	    pixel_json(box[3])));
	json_object_set_new(a, "area", pixel_json(area));
	if (json_is_number(json_object_get(more, "score")))
		json_object_set(a, "score", json_object_get(more, "score"));
	return a;
}

static int
write_shapes(struct coco_out *o, const struct out_task *t, int64_t image,
    const struct ans_value *pv)
{
	const struct ans_shape	*s;
	double			 box[4], area, x0, y0, x1, y1;
	json_t			*a, *seg, *pts, *counts;
	size_t			 i, j, k;

	for (i = 0; pv != NULL && i < pv->nshapes; i++) {
		s = &pv->shapes[i];
		if (s->rle != NULL) {
			mask_extent(s, t->height, box, &area);
			a = annotation(o, s->more, image,
			    o->cls.poly_class[s->label], box, area);
			counts = json_array();
			for (k = 0; k < s->nrle; k++)
				json_array_append_new(counts,
				    json_integer(s->rle[k]));
			json_object_set_new(a, "segmentation", json_pack("{s:o,"
			    " s:[i, i]}", "counts", counts, "size", t->height,
			    t->width));
			json_object_set_new(a, "iscrowd", json_integer(1));
		} else {
			x0 = x1 = s->points[0].x;
			y0 = y1 = s->points[0].y;
			pts = json_array();
			area = 0;
			for (j = 0; j < s->npoints; j++) {
				k = (j + 1) % s->npoints;
				area += s->points[j].x * s->points[k].y -
				    s->points[k].x * s->points[j].y;
				x0 = fmin(x0, s->points[j].x);
				x1 = fmax(x1, s->points[j].x);
				y0 = fmin(y0, s->points[j].y);
				y1 = fmax(y1, s->points[j].y);
				json_array_append_new(pts,
				    pixel_json(s->points[j].x));
				json_array_append_new(pts,
				    pixel_json(s->points[j].y));
			}
			box[0] = x0;
			box[1] = y0;
			box[2] = x1 - x0;
			box[3] = y1 - y0;
			a = annotation(o, s->more, image,
			    o->cls.poly_class[s->label], box, fabs(area) / 2);
			seg = json_array();
			json_array_append_new(seg, pts);
			json_object_set_new(a, "segmentation", seg);
			json_object_set_new(a, "iscrowd", json_integer(0));
		}
		if (put_annotation(o, a) == -1)
			return -1;
	}
	return 0;
}

/* 1 when an image's kept COCO keys add nothing to its entry but a
 * file_name that jw_string writes as jansson would: the entry can be
 * written straight. */
static int
plain_image(json_t *coco, const char *image)
{
	const char	*k, *fn;
	json_t		*v;

	json_object_foreach(coco, k, v)
		if (strcmp(k, "id") != 0 && strcmp(k, "width") != 0 &&
		    strcmp(k, "height") != 0 && strcmp(k, "file_name") != 0)
			return 0;
	fn = json_string_value(json_object_get(coco, "file_name"));
	return jw_utf8(fn != NULL ? fn : image);
}

/*
 * The file name of meta as the store keeps an imported image's, exactly
 * {"coco":{"file_name":"NAME"}} with no escape in NAME (what jansson
 * would read back as it is, so that plain_image holds): NAME into b, 1;
 * else 0 (the meta is read as JSON). One json_loads a task was an eighth
 * of a COCO export.
 */
static int
stored_file_name(const char *meta, struct buf *b)
{
	static const char	 head[] = "{\"coco\":{\"file_name\":\"";
	const char		*s, *e;
	size_t			 n;

	if (meta == NULL || strncmp(meta, head, sizeof head - 1) != 0)
		return 0;
	s = meta + sizeof head - 1;
	n = strlen(s);
	if (n < 3 || strcmp(s + n - 3, "\"}}") != 0)
		return 0;
	e = s + n - 3;
	if (e == s || memchr(s, '"', (size_t)(e - s)) != NULL ||
	    memchr(s, '\\', (size_t)(e - s)) != NULL)
		return 0;
	buf_reset(b);
	buf_add(b, s, (size_t)(e - s));
	return jw_utf8(buf_str(b));
}

static int
coco_write(struct writer *w, const struct out_task *t)
{
	struct coco_out		*o = w->priv;
	const struct answer	*ans;
	const struct ans_value	*bv, *pv;
	const struct ans_box	*b;
	json_t			*img, *meta, *coco, *v;
	const char		*k, *fn;
	char			*end;
	int64_t			 image = t->id;
	double			 box[4];
	size_t			 i;
	int			 rc;

	if (strcmp(t->kind, "image") != 0 || t->image == NULL)
		return error("task %lld is a text: COCO holds images",
		    (long long)t->id);
	if (t->width <= 0 || t->height <= 0)
		return error("task %lld: the image's size is unknown, and COCO"
		    " gives every image's", (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s, ...):"
		    " COCO holds one set per image: export one person's with"
		    " --user USER, or --annotations final", (long long)t->id,
		    t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->ext_id != NULL) {
		errno = 0;
		image = strtoll(t->ext_id, &end, 10);
		if (*end != '\0' || errno != 0 || end == t->ext_id)
			image = t->id;
	}
	if (w->ntasks > 0)
		putc(',', w->f);
	putc('\n', w->f);
	meta = coco = NULL;
	fn = NULL;
	if (stored_file_name(t->meta, &o->name))
		fn = buf_str(&o->name);
	else {
		meta = writer_meta(t, "coco");
		coco = json_object_get(meta, "coco");
	}
	if (fn != NULL || plain_image(coco, t->image)) {
		/* The usual entry written straight (util/jsonw). */
		if (fn == NULL)
			fn = json_string_value(json_object_get(coco,
			    "file_name"));
		buf_reset(&o->line);
		buf_addstr(&o->line, "{\"id\": ");
		jw_int(&o->line, image);
		buf_addstr(&o->line, ", \"file_name\": ");
		jw_string(&o->line, fn != NULL ? fn : t->image);
		buf_addstr(&o->line, ", \"width\": ");
		jw_int(&o->line, t->width);
		buf_addstr(&o->line, ", \"height\": ");
		jw_int(&o->line, t->height);
		buf_addch(&o->line, '}');
		json_decref(meta);
		rc = writer_put_escaped(w->f, &o->line);
		goto anns;
	}
	img = json_pack("{s:I, s:s, s:i, s:i}", "id", (json_int_t)image,
	    "file_name", json_is_string(json_object_get(coco, "file_name")) ?
	    json_string_value(json_object_get(coco, "file_name")) : t->image,
	    "width", t->width, "height", t->height);
	json_object_foreach(coco, k, v)
		if (json_object_get(img, k) == NULL)
			json_object_set(img, k, v);
	json_decref(meta);
	rc = jsonout_dumpf(img, w->f, JSON_REAL_PRECISION(15));
	json_decref(img);
anns:
	if (rc == -1 || t->nannotations == 0)
		return rc;
	ans = writer_answer(w, t, t->annotations[0].result);
	bv = writer_value(ans, o->boxes);
	pv = writer_value(ans, o->polys);
	for (i = 0; bv != NULL && i < bv->nboxes; i++) {
		b = &bv->boxes[i];
		if (b->rotation != 0)
			return error("task %lld: box %zu is rotated (%g"
			    " degrees), which a COCO bbox cannot hold",
			    (long long)t->id, i + 1, b->rotation);
		box[0] = b->x;
		box[1] = b->y;
		box[2] = b->width;
		box[3] = b->height;
		if (put_box(o, b->more, image, b->label, box, b->width *
		    b->height) == -1)
			return -1;
	}
	return write_shapes(o, t, image, pv);
}

static int
coco_write_end(struct writer *w)
{
	struct coco_out	*o = w->priv;
	char		*ln = NULL;
	size_t		 cap = 0, i;
	ssize_t		 len;
	unsigned long	 line = 0;
	int		 rc = 0;

	if (o == NULL)
		return 0;
	if (!w->failed && o->anns != NULL) {
		fputs("\n],\n\"annotations\": [", w->f);
		rewind(o->anns);
		/* Our own temporary: a line is one annotation. */
		while ((len = getline(&ln, &cap, o->anns)) > 0) {
			fputs(line++ > 0 ? ",\n" : "\n", w->f);
			fwrite(ln, 1, (size_t)len - 1, w->f);
		}
		free(ln);
		if (ferror(o->anns))
			rc = error("the temporary file of COCO's annotations:"
			    " %s", strerror(errno));
		fputs("\n],\n\"categories\": [", w->f);
		for (i = 0; i < o->cls.n; i++) {
			json_t *c = json_pack("{s:I, s:s, s:s}", "id",
			    (json_int_t)o->cls.ids[i], "name", o->cls.names[i],
			    "supercategory", "");

			fputs(i > 0 ? ",\n" : "\n", w->f);
			jsonout_dumpf(c, w->f, 0);
			json_decref(c);
		}
		fputs("\n]}\n", w->f);
	}
	if (o->anns != NULL)
		fclose(o->anns);
	classes_release(&o->cls);
	buf_release(&o->line);
	buf_release(&o->name);
	free(o);
	w->priv = NULL;
	return rc;
}

const struct format format_coco = {
	.name = "coco",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_STAGES | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_ANNOTATIONS,
	.open = coco_open,
	.read = coco_read,
	.close = coco_close,
	.write_begin = coco_write_begin,
	.write = coco_write,
	.write_end = coco_write_end,
};
