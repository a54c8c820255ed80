/* Pascal VOC XML: one <annotation> file per image, read through libexpat:
 * <filename>, <size> (width, height, depth), and an <object> per box with
 * <name>, <pose>, <truncated>, <difficult>, <occluded> and <bndbox>
 * (xmin, ymin, xmax, ymax).
 *
 * Coordinates: 0-based, xmax = xmin + width, as CVAT and Label Studio
 * write them; with --voc-one-based, the VOC devkit's 1-based inclusive
 * indices (xmin - 1, xmax - xmin + 1 pixels wide), as detectron2 reads
 * them. Import takes floats; export writes whole pixels (a fraction is
 * rounded to the nearest). A rotated box has no VOC form: refused.
 *
 * Reading: one XML file, or a folder walked in sorted order for .xml
 * files; an image is found beside its file, in ../JPEGImages for a file
 * in Annotations/ (the devkit's layout), or in --image-root; the file
 * gives the size, so --allow-missing-images takes an image that is not
 * there. Boxes go to the project's first boxes control, in the name of
 * the person who imports; a file with no objects is an annotation with
 * none. What the boxes control has no place for is kept: pose,
 * truncated, difficult and occluded with each box, folder, path, depth
 * and segmented in the task's meta ("voc"); <source>, <owner>, parts and
 * actions are left out.
 *
 * Writing (a folder): Annotations/NAME.xml for each image task with an
 * annotation, NAME its file name without the extension. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <expat.h>

#include "formats/format.h"
#include "formats/imagefmt.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "util/error.h"
#include "util/input.h"
#include "util/jsonw.h"
#include "util/sink.h"
#include "util/xmalloc.h"

#define VOC_FILE_MAX	(16u << 20)	/* an annotation file's bytes */
#define VOC_DEPTH	16		/* elements inside each other */

/* The elements scalec reads, by their path from <annotation>. */
enum voc_field {
	F_NONE, F_FOLDER, F_FILENAME, F_PATH, F_WIDTH, F_HEIGHT, F_DEPTH,
	F_SEGMENTED, F_OBJECT, F_NAME, F_POSE, F_TRUNCATED, F_DIFFICULT,
	F_OCCLUDED, F_XMIN, F_YMIN, F_XMAX, F_YMAX
};

/* The elements on the way to them: an element is one of its parent's
 * children below, or N_OTHER (nothing under it is read). */
enum voc_node {
	N_OTHER, N_TOP, N_ANNOTATION, N_SIZE, N_OBJECT, N_BNDBOX, N_LEAF
};

static const struct {
	enum voc_node	 parent;
	const char	*name;
	enum voc_node	 node;
	enum voc_field	 field;
} voc_tree[] = {
	{ N_TOP, "annotation", N_ANNOTATION, F_NONE },
	{ N_ANNOTATION, "folder", N_LEAF, F_FOLDER },
	{ N_ANNOTATION, "filename", N_LEAF, F_FILENAME },
	{ N_ANNOTATION, "path", N_LEAF, F_PATH },
	{ N_ANNOTATION, "size", N_SIZE, F_NONE },
	{ N_ANNOTATION, "segmented", N_LEAF, F_SEGMENTED },
	{ N_ANNOTATION, "object", N_OBJECT, F_OBJECT },
	{ N_SIZE, "width", N_LEAF, F_WIDTH },
	{ N_SIZE, "height", N_LEAF, F_HEIGHT },
	{ N_SIZE, "depth", N_LEAF, F_DEPTH },
	{ N_OBJECT, "name", N_LEAF, F_NAME },
	{ N_OBJECT, "pose", N_LEAF, F_POSE },
	{ N_OBJECT, "truncated", N_LEAF, F_TRUNCATED },
	{ N_OBJECT, "difficult", N_LEAF, F_DIFFICULT },
	{ N_OBJECT, "occluded", N_LEAF, F_OCCLUDED },
	{ N_OBJECT, "bndbox", N_BNDBOX, F_NONE },
	{ N_BNDBOX, "xmin", N_LEAF, F_XMIN },
	{ N_BNDBOX, "ymin", N_LEAF, F_YMIN },
	{ N_BNDBOX, "xmax", N_LEAF, F_XMAX },
	{ N_BNDBOX, "ymax", N_LEAF, F_YMAX },
};

/* An object's flags kept with its box, in the order of F_POSE.. */
static const char *const voc_flags[] = { "pose", "truncated", "difficult",
	"occluded" };
#define VOC_FLAGS	4

/* One <object> as it is read. */
struct voc_object {
	char		*name;
	double		 c[4];		/* xmin ymin xmax ymax */
	int		 have;		/* which of c, bits */
	size_t		 at;		/* its byte in the file */
	json_t		*more[VOC_FLAGS];	/* pose, truncated, ...: */
	unsigned char	 order[VOC_FLAGS];	/* in the order met */
	int		 nmore;
};

struct voc_in {
	struct walk		 walk;
	int			 folder;	/* r->name is a folder */
	int			 done;		/* the one file is read */
	const struct control	*boxes;
	struct buf		 bytes;
	struct buf		 base;		/* where its image is */
	struct buf		 base_of;	/* the folder base is for */
	struct buf		 basefd_of;	/* the base basefd is of */
	int			 basefd;	/* open (O_PATH), or -1 */
	const char		*file;		/* for messages */
	/* The parse. */
	XML_Parser		 p;
	unsigned long		 salt;		/* libexpat's hash salt, one
						 * for the files of a walk */
	size_t			 depth;
	enum voc_node		 node[VOC_DEPTH + 1];	/* on the way */
	int			 root_seen;
	struct buf		 text;		/* the leaf's characters */
	enum voc_field		 field;
	size_t			 field_at;	/* its byte in the file */
	int			 failed;
	struct voc_object	*obj;		/* the objects so far */
	size_t			 nobj, aobj;
	char			*filename;
	json_t			*meta;		/* "voc": folder, ... */
	int			 width, height;
	size_t			 size_at;
	/* The image's one annotation, its result written as the store
	 * keeps it (model/record.h's record_ann): no tree to build, dump
	 * and free. */
	struct buf		 result;
	struct record_ann	 ann;
};

/* The node of the element name whose parent is parent (and its field). */
static enum voc_node
node_of(enum voc_node parent, const char *name, enum voc_field *field)
{
	size_t	i;

	*field = F_NONE;
	if (parent == N_OTHER || parent == N_LEAF)
		return N_OTHER;
	/* The table is in order of parent: from the parent's first row,
	 * while the rows are its. */
	for (i = 0; i < ARRAY_SIZE(voc_tree) && voc_tree[i].parent != parent;
	    i++)
		;
	for (; i < ARRAY_SIZE(voc_tree) && voc_tree[i].parent == parent; i++)
		if (voc_tree[i].name[0] == name[0] &&
		    strcmp(voc_tree[i].name, name) == 0) {
			*field = voc_tree[i].field;
			return voc_tree[i].node;
		}
	return N_OTHER;
}

/* The line of the byte at in the file, as libexpat counts them (LF, CR
 * and CR LF end one each): counted only for a message, where asking
 * libexpat at every element was a tenth of a VOC import. */
static unsigned long
line_at(const struct voc_in *v, size_t at)
{
	const char	*s = v->bytes.data;
	unsigned long	 line = 1;
	size_t		 i;

	if (at > v->bytes.len)
		at = v->bytes.len;
	for (i = 0; i < at; i++)
		if (s[i] == '\n')
			line++;
		else if (s[i] == '\r') {
			line++;
			if (i + 1 < at && s[i + 1] == '\n')
				i++;
		}
	return line;
}

/* Where libexpat is, as a byte of the file. */
static size_t
xml_at(const struct voc_in *v)
{
	XML_Index	i = XML_GetCurrentByteIndex(v->p);

	return i > 0 ? (size_t)i : 0;
}

static unsigned long
xml_line(const struct voc_in *v)
{
	return (unsigned long)XML_GetCurrentLineNumber(v->p);
}

/* Reports at the current line and stops the parser. */
static void
voc_fail(struct voc_in *v, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
voc_fail(struct voc_in *v, unsigned long line, const char *fmt, ...)
{
	struct buf	b = BUF_INIT;
	va_list		ap;

	if (v->failed)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	error("%s:%lu: %s", v->file, line, buf_str(&b));
	buf_release(&b);
	v->failed = 1;
	XML_StopParser(v->p, XML_FALSE);
}

static void XMLCALL	on_text(void *, const XML_Char *, int);

static void XMLCALL
on_start(void *arg, const XML_Char *name, const XML_Char **attrs)
{
	struct voc_in		*v = arg;
	struct voc_object	*o;
	enum voc_node		 n;

	(void)attrs;
	if (v->failed)
		return;
	if (v->depth == 0) {
		if (strcmp(name, "annotation") != 0) {
			voc_fail(v, xml_line(v), "<%s>: a Pascal VOC file's"
			    " root is <annotation>", name);
			return;
		}
		v->root_seen = 1;
	}
	if (v->depth == VOC_DEPTH) {
		voc_fail(v, xml_line(v), "elements nested deeper than %d",
		    VOC_DEPTH);
		return;
	}
	n = node_of(v->depth == 0 ? N_TOP : v->node[v->depth - 1], name,
	    &v->field);
	v->node[v->depth++] = n;
	buf_reset(&v->text);
	/* Only a field's characters are wanted. */
	XML_SetCharacterDataHandler(v->p, v->field != F_NONE &&
	    v->field != F_OBJECT ? on_text : NULL);
	if (v->field == F_NONE)
		return;
	v->field_at = xml_at(v);
	if (v->field == F_OBJECT) {
		ARRAY_GROW(v->obj, v->nobj + 1, v->aobj);
		o = &v->obj[v->nobj++];
		memset(o, 0, sizeof *o);
		o->at = v->field_at;
	}
	if (v->field == F_WIDTH)
		v->size_at = v->field_at;
}

static void XMLCALL
on_text(void *arg, const XML_Char *s, int len)
{
	struct voc_in	*v = arg;

	if (v->field != F_NONE && v->field != F_OBJECT)
		buf_add(&v->text, s, (size_t)len);
}

/* The leaf's text without the white space around it. */
static const char *
trimmed(struct voc_in *v)
{
	char	*s = v->text.data != NULL ? v->text.data : "";
	size_t	 n = v->text.len;

#define SPACE(c)	((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n')
	while (n > 0 && SPACE(s[n - 1]))
		s[--n] = '\0';
	while (*s != '\0' && SPACE(*s))
		s++;
#undef SPACE
	return s;
}

static int
number(struct voc_in *v, const char *s, const char *what, double *out)
{
	char	*end;

	errno = 0;
	*out = image_strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(*out)) {
		voc_fail(v, line_at(v, v->field_at), "<%s> '%s' is not a"
		    " number", what, s);
		return -1;
	}
	return 0;
}

static int
size_value(struct voc_in *v, const char *s, const char *what, int *out)
{
	double	d;

	if (number(v, s, what, &d) == -1)
		return -1;
	if (d != floor(d) || d < 0 || d > 1000000) {
		voc_fail(v, line_at(v, v->field_at), "<%s> must be a whole number of"
		    " pixels up to 1000000", what);
		return -1;
	}
	*out = (int)d;
	return 0;
}

/* A flag of an object (pose, truncated, difficult, occluded: k): kept
 * as a number when it is one (pose always as the text), else as the
 * text; a second one of a kind replaces the first in its place. */
static void
object_more(struct voc_object *o, int k, const char *s)
{
	char	*end;
	long	 n;
	json_t	*j;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && errno == 0 && k != 0)
		j = json_integer(n);
	else
		j = json_string(s);
	if (o->more[k] == NULL)
		o->order[o->nmore++] = (unsigned char)k;
	json_decref(o->more[k]);
	o->more[k] = j;
}

static void XMLCALL
on_end(void *arg, const XML_Char *name)
{
	static const char *const coords[] = { "xmin", "ymin", "xmax", "ymax" };
	struct voc_in		*v = arg;
	struct voc_object	*o = v->nobj > 0 ? &v->obj[v->nobj - 1] : NULL;
	const char		*s = trimmed(v);
	int			 k;

	(void)name;
	if (v->failed || v->depth == 0)
		return;
	switch (v->field) {
	case F_FOLDER:
	case F_PATH:
	case F_SEGMENTED:
		json_object_set_new(v->meta, v->field == F_FOLDER ? "folder" :
		    v->field == F_PATH ? "path" : "segmented", json_string(s));
		break;
	case F_DEPTH:
		json_object_set_new(v->meta, "depth", json_string(s));
		break;
	case F_FILENAME:
		free(v->filename);
		v->filename = xstrdup(s);
		break;
	case F_WIDTH:
		size_value(v, s, "width", &v->width);
		break;
	case F_HEIGHT:
		size_value(v, s, "height", &v->height);
		break;
	case F_NAME:
		free(o->name);
		o->name = xstrdup(s);
		break;
	case F_POSE:
	case F_TRUNCATED:
	case F_DIFFICULT:
	case F_OCCLUDED:
		object_more(o, (int)(v->field - F_POSE), s);
		break;
	case F_XMIN:
	case F_YMIN:
	case F_XMAX:
	case F_YMAX:
		k = (int)(v->field - F_XMIN);
		if (number(v, s, coords[k], &o->c[k]) == 0)
			o->have |= 1 << k;
		break;
	default:
		break;
	}
	buf_reset(&v->text);
	v->depth--;
	/* Back in the element around, whose text (if a leaf) is done. */
	v->field = F_NONE;
	XML_SetCharacterDataHandler(v->p, NULL);
}

static void
objects_free(struct voc_in *v)
{
	int	k;

	while (v->nobj > 0) {
		free(v->obj[--v->nobj].name);
		for (k = 0; k < VOC_FLAGS; k++)
			json_decref(v->obj[v->nobj].more[k]);
	}
}

/* Parses v->bytes. 0, or -1 after reporting FILE:LINE. */
static int
parse(struct voc_in *v)
{
	enum XML_Status	st;

	objects_free(v);
	free(v->filename);
	v->filename = NULL;
	json_decref(v->meta);
	v->meta = json_object();
	v->width = v->height = 0;
	v->depth = 0;
	v->root_seen = v->failed = 0;
	v->field = F_NONE;
	/* One parser for the walk, reset for each file: a new one's
	 * tables were a third of libexpat's time. */
	if (v->p != NULL && !XML_ParserReset(v->p, "UTF-8")) {
		XML_ParserFree(v->p);
		v->p = NULL;
	}
	if (v->p == NULL && (v->p = XML_ParserCreate("UTF-8")) == NULL)
		return error("%s: out of memory", v->file);
	/* One salt for the walk: libexpat asked the system for one at
	 * every file after a reset. */
	if (v->salt != 0)
		XML_SetHashSalt(v->p, v->salt);
	XML_SetUserData(v->p, v);
	XML_SetElementHandler(v->p, on_start, on_end);
	st = XML_Parse(v->p, v->bytes.data != NULL ? v->bytes.data : "",
	    (int)v->bytes.len, XML_TRUE);
	if (st == XML_STATUS_ERROR && !v->failed) {
		error("%s:%lu: malformed XML at column %lu: %s", v->file,
		    (unsigned long)XML_GetCurrentLineNumber(v->p),
		    (unsigned long)XML_GetCurrentColumnNumber(v->p) + 1,
		    XML_ErrorString(XML_GetErrorCode(v->p)));
		v->failed = 1;
	}
	if (v->failed)
		return -1;
	if (!v->root_seen)
		return error("%s: no <annotation> in it", v->file);
	return 0;
}

/* The objects as boxes, checked against the size, written to out as
 * json_dumps(JSON_COMPACT) writes image_box_json's trees with their
 * flags, "," between. */
static int
boxes(struct reader *r, struct voc_in *v, struct buf *out)
{
	static const char *const coords[] = { "xmin", "ymin", "xmax", "ymax" };
	struct voc_object	*o;
	double			 one = r->opts.one_based ? 1 : 0, x, y, w, h;
	size_t			 i;
	int			 k;

#define LINE	line_at(v, o->at)
	for (i = 0; i < v->nobj; i++) {
		o = &v->obj[i];
		if (o->name == NULL || o->name[0] == '\0')
			return error("%s:%lu: an <object> without a <name>",
			    v->file, LINE);
		for (k = 0; k < 4; k++)
			if (!(o->have & (1 << k)))
				return error("%s:%lu: an <object> without"
				    " <bndbox><%s>", v->file, LINE,
				    coords[k]);
		if (v->boxes == NULL)
			return error("%s:%lu: an <object>, and the project has"
			    " no boxes control", v->file, LINE);
		if (control_label_index(v->boxes, o->name) == -1)
			return error("%s:%lu: <name>%s</name> is no label of"
			    " the project's %s control", v->file, LINE,
			    o->name, v->boxes->name);
		x = pixel_snap(o->c[0] - one);
		y = pixel_snap(o->c[1] - one);
		w = pixel_snap(o->c[2] - o->c[0] + one);
		h = pixel_snap(o->c[3] - o->c[1] + one);
		if (w <= 0 || h <= 0)
			return error("%s:%lu: the box's xmax and ymax must be"
			    " past its xmin and ymin%s", v->file, LINE,
			    one == 0 ? "" : " (or the same, 1-based)");
		if (x < 0 || y < 0 || (v->width > 0 && x + w > v->width) ||
		    (v->height > 0 && y + h > v->height))
			return error("%s:%lu: the box (%g, %g)-(%g, %g) reaches"
			    " outside the %dx%d image%s", v->file, LINE,
			    o->c[0], o->c[1], o->c[2], o->c[3], v->width,
			    v->height, one == 0 && x >= 1 && y >= 1 ?
			    " (1-based? --voc-one-based reads the devkit's"
			    " indices)" : one > 0 && x < 0 ? " (with"
			    " --voc-one-based they start at 1)" : "");
		/* The flags after the box's own keys, in the order met. */
		if (i > 0)
			buf_addch(out, ',');
		image_box_put(out, x, y, w, h, o->name);
		out->len--;	/* its '}' */
		for (k = 0; k < o->nmore; k++) {
			buf_addch(out, ',');
			jw_string(out, voc_flags[o->order[k]]);
			buf_addch(out, ':');
			if (json_is_integer(o->more[o->order[k]]))
				jw_int(out, json_integer_value(
				    o->more[o->order[k]]));
			else	/* object_more's text */
				jw_stringn(out, json_string_value(
				    o->more[o->order[k]]), json_string_length(
				    o->more[o->order[k]]));
		}
		buf_addch(out, '}');
	}
#undef LINE
	return 0;
}

/* Where the file's image is: --image-root, ../JPEGImages beside an
 * Annotations folder (the devkit's layout), else the file's own folder;
 * absolute, so that the path placed stays one. Found once per folder of
 * a walk (its stat and realpath were a fifth of a VOC import's system
 * time, file after file of one folder). */
static void
image_base(struct reader *r, struct voc_in *v)
{
	const char	*slash;
	struct stat	 sb;
	char		*abs;
	size_t		 n;

	if (r->opts.image_root != NULL) {
		buf_reset(&v->base);
		buf_addstr(&v->base, r->opts.image_root);
		return;
	}
	if (v->folder) {
		slash = strrchr(v->file, '/');
		n = slash != NULL ? (size_t)(slash - v->file) : 0;
		if (v->base.len > 0 && v->base_of.len == n && (n == 0 ||
		    memcmp(v->base_of.data, v->file, n) == 0))
			return;
		buf_reset(&v->base_of);
		buf_add(&v->base_of, v->file, n);
		buf_reset(&v->base);
		buf_add(&v->base, v->file, n);
	} else {
		buf_reset(&v->base);
		buf_addstr(&v->base, r->opts.base != NULL ? r->opts.base :
		    ".");
	}
	n = v->base.len;
	if (n >= 11 && strcmp(v->base.data + n - 11, "Annotations") == 0 &&
	    (n == 11 || v->base.data[n - 12] == '/')) {
		v->base.len = n - 11;
		buf_addstr(&v->base, "JPEGImages");
		if (stat(buf_str(&v->base), &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			v->base.len = n - 11;
			buf_addstr(&v->base, "Annotations");
		}
	}
	if (v->base.len == 0)
		buf_addstr(&v->base, ".");
	if ((abs = realpath(buf_str(&v->base), NULL)) != NULL) {
		buf_reset(&v->base);
		buf_addstr(&v->base, abs);
		free(abs);
	}
}

/*
 * reader_place_image's work for a plain file name (no '/', no URL) when
 * the image opens: by its name in the base folder, kept open for the
 * files of a walk (one name looked up, not the whole path). 0 when it is
 * placed; 1 when reader_place_image is to try (and say what is wrong).
 */
static int
place(struct reader *r, struct voc_in *v, struct record *rec)
{
	const char	*name = rec->image;
	int		 fd;

	if (strchr(name, '/') != NULL || strstr(name, "://") != NULL ||
	    v->base.len == 0 || v->base.data[0] != '/')
		return 1;
	if (v->basefd_of.len != v->base.len || memcmp(v->basefd_of.data,
	    v->base.data, v->base.len) != 0) {
		if (v->basefd != -1)
			close(v->basefd);
		buf_reset(&v->basefd_of);
		buf_add(&v->basefd_of, v->base.data, v->base.len);
		v->basefd = open(buf_str(&v->base), O_PATH | O_DIRECTORY |
		    O_CLOEXEC);
	}
	if (v->basefd == -1 || (fd = openat(v->basefd, name, O_RDONLY |
	    O_CLOEXEC)) == -1)
		return 1;
	buf_reset(&r->image);
	buf_printf(&r->image, "%s/%s", buf_str(&v->base), name);
	rec->image = buf_str(&r->image);
	r->placed = 1;
	if (rec->width > 0 && rec->height > 0) {
		close(fd);
		return 0;
	}
	return image_probe(r, rec, fd) == -1 ? -1 : 0;
}

static int
voc_open(struct reader *r)
{
	static const char *const xml[] = { ".xml", NULL };
	struct voc_in	*v;

	r->priv = v = xcalloc(1, sizeof *v);
	v->basefd = -1;
	v->folder = r->f == NULL;
	v->boxes = reader_control(r->opts.cfg, CONTROL_BOXES, -1);
	if (v->boxes == NULL)
		return error("%s: the project has no boxes control for Pascal"
		    " VOC's boxes", r->name);
	if (getrandom(&v->salt, sizeof v->salt, 0) != sizeof v->salt)
		v->salt = 0;	/* libexpat's own, file by file */
	if (v->folder) {
		if (walk_open(&v->walk, r->name, xml, NULL) == -1)
			return -1;
		v->walk.opens = 1;
	}
	return 0;
}

/* The one file of a reader given a stream. */
static int
read_stream(struct reader *r, struct voc_in *v)
{
	char	chunk[65536];
	size_t	n;

	buf_reset(&v->bytes);
	while ((n = fread(chunk, 1, sizeof chunk, r->f)) > 0) {
		if (v->bytes.len + n > VOC_FILE_MAX)
			return error("%s: larger than %u MiB", r->name,
			    VOC_FILE_MAX >> 20);
		buf_add(&v->bytes, chunk, n);
	}
	if (ferror(r->f))
		return error("%s: %s", r->name, strerror(errno));
	return 0;
}

static int
voc_read(struct reader *r, struct record *rec)
{
	struct voc_in	*v = r->priv;
	const char	*path;
	int		 rc;

	if (v->folder) {
		if ((rc = walk_next(&v->walk, &path)) != 1)
			return rc;
		v->file = path;
		/* Opened by the walk; else by its path, which says why it
		 * would not open. */
		if ((v->walk.fd != -1 ? image_read_fd(v->walk.fd, NULL, path,
		    VOC_FILE_MAX, 0, &v->bytes) : input_read(path,
		    VOC_FILE_MAX, 0, &v->bytes, NULL)) == -1)
			return -1;
	} else {
		if (v->done)
			return 0;
		v->done = 1;
		v->file = r->name;
		if (read_stream(r, v) == -1)
			return -1;
	}
	rec->line = r->nrecords + 1;
	if (parse(v) == -1)
		return -1;
	if (v->filename == NULL || v->filename[0] == '\0')
		return error("%s: no <filename>: which image is it?", v->file);
	if ((v->width > 0) != (v->height > 0))
		return error("%s:%lu: <size> needs a width and a height above"
		    " 0", v->file, line_at(v, v->size_at));
	/* image_annotation's result as json_dumps writes it. */
	buf_reset(&v->result);
	buf_addch(&v->result, '{');
	jw_string(&v->result, v->boxes->name);
	buf_addstr(&v->result, ":[");
	if (boxes(r, v, &v->result) == -1)
		return -1;
	buf_addstr(&v->result, "]}");
	reader_hand_result(r, rec, &v->ann, &v->result);
	rec->width = v->width;
	rec->height = v->height;
	if (json_object_size(v->meta) > 0) {
		r->meta = json_object();
		json_object_set_nocheck(r->meta, "voc", v->meta);
		rec->meta = r->meta;
	}
	image_base(r, v);
	rec->image = v->filename;
	if ((rc = place(r, v, rec)) != 1)
		return rc == 0 ? 1 : -1;
	if (reader_place_image(r, rec, buf_str(&v->base),
	    r->opts.allow_missing) == -1)
		return -1;
	r->placed = 1;
	return 1;
}

static void
voc_close(struct reader *r)
{
	struct voc_in	*v = r->priv;

	if (v == NULL)
		return;
	walk_close(&v->walk);
	if (v->p != NULL)
		XML_ParserFree(v->p);
	objects_free(v);
	free(v->obj);
	free(v->filename);
	json_decref(v->meta);
	buf_release(&v->bytes);
	buf_release(&v->base);
	buf_release(&v->base_of);
	buf_release(&v->basefd_of);
	if (v->basefd != -1)
		close(v->basefd);
	buf_release(&v->text);
	buf_release(&v->result);
	free(v);
	r->priv = NULL;
}

/* Writing. */

struct voc_out {
	const struct control	*boxes;
	struct name_set		 seen;
	struct buf		 name;
	struct buf		 xml;		/* the file being written */
	unsigned long		 none;		/* images without annotation */
};

/* Text as XML character data. */
static void
xml_text(struct buf *b, const char *s)
{
	const char	*run = s;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x20 && *s != '<' && *s != '>' &&
		    *s != '&')
			continue;
		buf_add(b, run, (size_t)(s - run));
		run = s + 1;
		switch (*s) {
		case '<':	buf_addstr(b, "&lt;"); break;
		case '>':	buf_addstr(b, "&gt;"); break;
		case '&':	buf_addstr(b, "&amp;"); break;
		default:
			if (*s != '\t' && *s != '\n' && *s != '\r')
				buf_addstr(b, "&#xfffd;");	/* XML 1.0
								 * has none */
			else
				buf_addch(b, *s);
		}
	}
	buf_add(b, run, (size_t)(s - run));
}

static void
element(struct buf *b, const char *indent, const char *name,
    const char *text)
{
	buf_addstr(b, indent);
	buf_addch(b, '<');
	buf_addstr(b, name);
	buf_addch(b, '>');
	xml_text(b, text);
	buf_addstr(b, "</");
	buf_addstr(b, name);
	buf_addstr(b, ">\n");
}

/* A meta "voc" key's text, or dflt. */
static const char *
meta_text(json_t *voc, const char *key, const char *dflt)
{
	const char	*s = json_string_value(json_object_get(voc, key));

	return s != NULL ? s : dflt;
}

/* An object's kept flag as text: a number or a string. */
static void
flag(struct buf *b, const struct ans_box *box, const char *key,
    const char *dflt)
{
	json_t	*v = json_object_get(box->more, key);

	if (json_is_integer(v))
		buf_printf(b, "\t\t<%s>%lld</%s>\n", key,
		    (long long)json_integer_value(v), key);
	else if (json_is_string(v))
		element(b, "\t\t", key, json_string_value(v));
	else if (dflt != NULL)
		element(b, "\t\t", key, dflt);
}

static int
voc_write_begin(struct writer *w)
{
	struct voc_out	*o = w->priv = xcalloc(1, sizeof *o);

	if ((o->boxes = reader_control(w->cfg, CONTROL_BOXES, -1)) == NULL)
		return error("the project has no boxes control: Pascal VOC"
		    " holds boxes");
	return 0;
}

static int
voc_write(struct writer *w, const struct out_task *t)
{
	struct voc_out		*o = w->priv;
	const struct ans_value	*bv;
	const struct ans_box	*b;
	const char		*base, *dot;
	struct buf		*x;
	json_t			*meta, *voc;
	double			 one = w->opts.one_based ? 1 : 0;
	size_t			 i;
	FILE			*f;

	if (strcmp(t->kind, "image") != 0 || t->image == NULL)
		return error("task %lld is a text: Pascal VOC holds images",
		    (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s, ...):"
		    " a Pascal VOC file holds one set of boxes: export one"
		    " person's with --user USER, or --annotations final",
		    (long long)t->id, t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->nannotations == 0) {
		o->none++;
		return 0;
	}
	bv = writer_value(writer_answer(w, t, t->annotations[0].result),
	    o->boxes);
	for (i = 0; bv != NULL && i < bv->nboxes; i++)
		if (bv->boxes[i].rotation != 0)
			return error("task %lld: box %zu is rotated (%g"
			    " degrees), which Pascal VOC cannot hold",
			    (long long)t->id, i + 1, bv->boxes[i].rotation);
	base = strrchr(t->image, '/') != NULL ? strrchr(t->image, '/') + 1 :
	    t->image;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		dot = base + strlen(base);
	if (dot == base)
		return error("task %lld: its image '%s' has no file name",
		    (long long)t->id, t->image);
	buf_reset(&o->name);
	buf_addstr(&o->name, "Annotations/");
	buf_add(&o->name, base, (size_t)(dot - base));
	buf_addstr(&o->name, ".xml");
	if (!name_set_add(&o->seen, o->name.data, o->name.len))
		return error("task %lld: %s is another image's too (two images"
		    " of one name)", (long long)t->id, buf_str(&o->name));
	if ((f = sink_file(w->sink, buf_str(&o->name))) == NULL)
		return -1;
	meta = writer_meta(t, "voc");
	voc = json_object_get(meta, "voc");
	/* The file's XML in a buffer, written at once. */
	x = &o->xml;
	buf_reset(x);
	buf_addstr(x, "<annotation>\n");
	if (json_object_get(voc, "folder") != NULL)
		element(x, "\t", "folder", meta_text(voc, "folder", ""));
	element(x, "\t", "filename", base);
	if (json_object_get(voc, "path") != NULL)
		element(x, "\t", "path", meta_text(voc, "path", ""));
	if (t->width > 0 && t->height > 0) {
		buf_printf(x, "\t<size>\n\t\t<width>%d</width>\n\t\t<height>%d"
		    "</height>\n", t->width, t->height);
		element(x, "\t\t", "depth", meta_text(voc, "depth", "3"));
		buf_addstr(x, "\t</size>\n");
	}
	element(x, "\t", "segmented", meta_text(voc, "segmented", "0"));
	for (i = 0; bv != NULL && i < bv->nboxes; i++) {
		b = &bv->boxes[i];
		buf_addstr(x, "\t<object>\n");
		element(x, "\t\t", "name", o->boxes->labels[b->label].name);
		flag(x, b, "pose", "Unspecified");
		flag(x, b, "truncated", "0");
		flag(x, b, "difficult", "0");
		flag(x, b, "occluded", NULL);
		buf_printf(x, "\t\t<bndbox>\n\t\t\t<xmin>%.0f</xmin>\n\t\t\t"
		    "<ymin>%.0f</ymin>\n\t\t\t<xmax>%.0f</xmax>\n\t\t\t<ymax>"
		    "%.0f</ymax>\n\t\t</bndbox>\n\t</object>\n",
		    nearbyint(b->x) + one, nearbyint(b->y) + one,
		    nearbyint(b->x + b->width), nearbyint(b->y + b->height));
	}
	buf_addstr(x, "</annotation>\n");
	json_decref(meta);
	fwrite(x->data, 1, x->len, f);
	return 0;
}

static int
voc_write_end(struct writer *w)
{
	struct voc_out	*o = w->priv;

	if (o == NULL)
		return 0;
	if (!w->failed && o->none > 0)
		snprintf(w->note, sizeof w->note, "%lu image%s had no"
		    " annotation: no file for them", o->none, o->none == 1 ?
		    "" : "s");
	name_set_release(&o->seen);
	buf_release(&o->name);
	buf_release(&o->xml);
	free(o);
	w->priv = NULL;
	return 0;
}

const struct format format_voc = {
	.name = "voc",
	.extensions = ".xml",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_FOLDER | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_ANNOTATIONS,
	.open = voc_open,
	.read = voc_read,
	.close = voc_close,
	.write_begin = voc_write_begin,
	.write = voc_write,
	.write_end = voc_write_end,
};
