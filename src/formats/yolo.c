/* YOLO (Ultralytics and Darknet): a folder of images with one label file
 * per image, each row "class cx cy w h" (a box) or "class x1 y1 x2 y2 ..."
 * (a polygon of three points or more), every coordinate a fraction of the
 * image's width or height, classes numbered from 0 in the order of a
 * dataset YAML's names (data.yaml: a list, or a map 0: name) or of
 * classes.txt / obj.names (one name a line).
 *
 * Reading: the folder is walked in sorted order for images (a "labels"
 * folder is not entered); an image's label file is Ultralytics' rule, its
 * path with the last "/images/" made "/labels/" and the extension .txt,
 * else Darknet's, the .txt beside it. An image without one has no
 * annotation; an empty one is an annotation with no boxes. The fractions
 * need the image's size, so every image must be there (no
 * --allow-missing-images). Boxes go to the project's first boxes control,
 * polygons to its first polygons control, by class name, in the name of
 * the person who imports.
 *
 * Writing (a folder): classes.txt and data.yaml (names), and for each
 * image with boxes or polygons labels/NAME.txt, NAME the image's path
 * after its last "images/" folder (else its file name) without its
 * extension, so that Ultralytics finds them when the images are in
 * images/ beside labels/. An image with nothing on it gets an empty file
 * only with --empty-files; export says how many there were. YOLO holds
 * one set of boxes per image: a task with more than one annotation is
 * refused (--user, or --annotations final). A rotated box or a mask has
 * no YOLO row: refused, naming the task. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/format.h"
#include "formats/imagefmt.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/kind.h"
#include "model/record.h"
#include "model/yaml.h"
#include "util/error.h"
#include "util/input.h"
#include "util/jsonw.h"
#include "util/sink.h"
#include "util/xmalloc.h"

#define LABELS_MAX	(64u << 20)	/* a label file's bytes, at most */
#define CLASSES_MAX	100000		/* names in a class list */

struct yolo_in {
	struct walk		 walk;
	char			*root;		/* the folder, absolute */
	char			**names;	/* class names by number */
	size_t			 nnames, anames;
	const char		*names_file;	/* where they came from */
	const struct control	*boxes, *polys;
	int			*box_label;	/* per class, the label in */
	int			*poly_label;	/* each control, or -1 */
	struct buf		 label;		/* the label file's path */
	struct buf		 ldir;		/* the folder of the last
						 * Ultralytics label path, */
	int			 ldfd;		/* open (O_PATH), or -1 */
	int			 lfd;		/* the label file, open */
	struct stat		 lsb;		/* and its fstat */
	struct buf		 text;		/* its bytes */
	unsigned long		 n;		/* images so far */
	/* The image's one annotation, its result written as the store
	 * keeps it (record_ann): no jansson tree, which the store had to
	 * walk, dump and free (5,000 images: half the import's CPU). */
	struct buf		 boxtext;	/* its boxes, "," between */
	struct buf		 polytext;	/* its polygons */
	size_t			 nbox, npoly;
	struct buf		 result;	/* the result's JSON */
	struct record_ann	 ann;
};

static void
add_name(struct yolo_in *y, const char *s, size_t len)
{
	ARRAY_GROW(y->names, y->nnames + 1, y->anames);
	y->names[y->nnames++] = xstrndup(s, len);
}

/* classes.txt, obj.names: a name a line, blank lines at the end ignored.
 * 1, or -1 after reporting. */
static int
read_names_txt(struct yolo_in *y, const char *path)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *nl, *end;
	size_t		 len;
	unsigned long	 line = 0;

	if (input_read(path, 16u << 20, INPUT_TEXT | INPUT_STRIP_BOM |
	    INPUT_CRLF, &b, NULL) == -1) {
		buf_release(&b);
		return -1;
	}
	end = b.data + b.len;
	for (p = b.data; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0) {
			/* Only trailing blank lines are allowed. */
			while (nl < end && (*nl == '\n' || *nl == ' ' ||
			    *nl == '\t'))
				nl++;
			if (nl < end) {
				buf_release(&b);
				return error("%s:%lu: a blank line among the"
				    " class names (class %zu has no name)",
				    path, line, y->nnames);
			}
			break;
		}
		if (y->nnames == CLASSES_MAX) {
			buf_release(&b);
			return error("%s:%lu: more than %d classes", path, line,
			    CLASSES_MAX);
		}
		add_name(y, p, len);
	}
	buf_release(&b);
	if (y->nnames == 0)
		return error("%s: no class names in it", path);
	return 1;
}

struct names_walk {
	struct yolo_in	*y;
	int		 found;
};

static int
yaml_name_item(struct ydoc *d, const yaml_node_t *item, void *arg)
{
	struct names_walk	*nw = arg;
	const char		*s;

	if (ydoc_scalar(d, item, "a class name", &s) == -1)
		return -1;
	if (nw->y->nnames == CLASSES_MAX)
		return ydoc_bad(d, item, "more than %d classes", CLASSES_MAX);
	add_name(nw->y, s, strlen(s));
	return 0;
}

static int
yaml_name_pair(struct ydoc *d, const yaml_node_t *key, const char *name,
    const yaml_node_t *value, void *arg)
{
	struct names_walk	*nw = arg;
	const char		*s;
	int			 n;

	if (ydoc_number(d, key, "a class number", 0, CLASSES_MAX - 1, &n) ==
	    -1)
		return -1;
	(void)name;
	if ((size_t)n != nw->y->nnames)
		return ydoc_bad(d, key, "class %d where class %zu comes next:"
		    " the names are numbered 0, 1, 2, ... in order", n,
		    nw->y->nnames);
	if (ydoc_scalar(d, value, "a class name", &s) == -1)
		return -1;
	add_name(nw->y, s, strlen(s));
	return 0;
}

static int
yaml_top_pair(struct ydoc *d, const yaml_node_t *key, const char *name,
    const yaml_node_t *value, void *arg)
{
	struct names_walk	*nw = arg;

	(void)key;
	if (strcmp(name, "names") != 0)
		return 0;
	nw->found = 1;
	if (value->type == YAML_SEQUENCE_NODE)
		return ydoc_sequence(d, value, "names", yaml_name_item, nw);
	if (value->type == YAML_MAPPING_NODE)
		return ydoc_pairs(d, value, "names", yaml_name_pair, nw);
	return ydoc_bad(d, value, "names must be a list of class names or a"
	    " map of class numbers to names");
}

/* A dataset YAML's names. 1 when it has some, 0 when it has none, -1. */
static int
read_names_yaml(struct yolo_in *y, const char *path)
{
	struct ydoc		 d = YDOC_INIT;
	struct names_walk	 nw = { y, 0 };
	struct buf		 b = BUF_INIT;
	const yaml_node_t	*root;
	int			 rc = -1;

	if (input_read(path, 16u << 20, INPUT_TEXT, &b, NULL) == -1)
		goto out;
	if (ydoc_load(&d, b.data, b.len, path, &root) == -1)
		goto out;
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		rc = 0;
		goto out;
	}
	if (ydoc_pairs(&d, root, "a dataset YAML", yaml_top_pair, &nw) == -1)
		goto out;
	if (nw.found && y->nnames == 0) {
		error("%s: names is empty", path);
		goto out;
	}
	rc = nw.found;
out:
	ydoc_release(&d);
	buf_release(&b);
	return rc;
}

static int
exists(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The class names: data.yaml, dataset.yaml or another YAML with names at
 * the top, else classes.txt, obj.names or another .names. */
static int
find_names(struct reader *r, struct yolo_in *y)
{
	static const char *const yamls[] = { ".yaml", ".yml", NULL };
	static const char *const lists[] = { ".names", NULL };
	static const char *const fixed[] = { "data.yaml", "dataset.yaml",
	    "classes.txt", "obj.names" };
	struct walk_level	*l;
	struct walk		 w;
	char			*path;
	size_t			 i, k;
	int			 rc;

	for (i = 0; i < ARRAY_SIZE(fixed); i++) {
		path = xasprintf("%s/%s", r->name, fixed[i]);
		if (!exists(path)) {
			free(path);
			continue;
		}
		rc = i < 2 ? read_names_yaml(y, path) : read_names_txt(y, path);
		y->names_file = fixed[i];
		free(path);
		if (rc != 0)
			return rc == 1 ? 0 : -1;
	}
	/* Any other YAML or .names at the top, in sorted order. */
	if (walk_open(&w, r->name, yamls, NULL) == -1)
		return -1;
	l = &w.levels[0];
	for (k = 0; k < 2; k++)
		for (i = 0; i < l->n; i++) {
			if (!walk_ext(l->e[i].name, k == 0 ? yamls : lists))
				continue;
			path = xasprintf("%s/%s", r->name, l->e[i].name);
			rc = !exists(path) ? 0 : k == 0 ?
			    read_names_yaml(y, path) : read_names_txt(y, path);
			free(path);
			if (rc == -1) {
				walk_close(&w);
				return -1;
			}
			if (rc == 1) {
				walk_close(&w);
				return 0;
			}
		}
	walk_close(&w);
	return error("%s: no class names: YOLO's folder needs a data.yaml"
	    " with names, a classes.txt or an obj.names", r->name);
}

/* Each class's label in the project's boxes and polygons controls. */
static int
map_classes(struct reader *r, struct yolo_in *y)
{
	size_t	i;

	y->boxes = reader_control(r->opts.cfg, CONTROL_BOXES, -1);
	y->polys = reader_control(r->opts.cfg, CONTROL_POLYGONS, -1);
	if (y->boxes == NULL && y->polys == NULL)
		return error("%s: the project has no boxes or polygons control"
		    " for YOLO's labels", r->name);
	y->box_label = xcalloc(y->nnames, sizeof *y->box_label);
	y->poly_label = xcalloc(y->nnames, sizeof *y->poly_label);
	for (i = 0; i < y->nnames; i++) {
		y->box_label[i] = control_label_index(y->boxes, y->names[i]);
		y->poly_label[i] = control_label_index(y->polys,
		    y->names[i]);
		if (y->box_label[i] == -1 && y->poly_label[i] == -1)
			return error("%s/%s: class %zu '%s' is no label of the"
			    " project's %s control", r->name, y->names_file,
			    i, y->names[i], y->boxes != NULL ?
			    y->boxes->name : y->polys->name);
	}
	return 0;
}

static int
yolo_open(struct reader *r)
{
	struct yolo_in	*y;

	if (r->f != NULL)
		return error("%s: YOLO is a folder (of images, labels and"
		    " data.yaml or classes.txt): import the folder", r->name);
	if (r->opts.image_root != NULL)
		return error("--image-root: YOLO finds its images in its own"
		    " folder");
	r->priv = y = xcalloc(1, sizeof *y);
	y->ldfd = y->lfd = -1;
	if ((y->root = realpath(r->name, NULL)) == NULL)
		return error("%s: %s", r->name, strerror(errno));
	if (find_names(r, y) == -1 || map_classes(r, y) == -1)
		return -1;
	if (walk_open(&y->walk, r->name, image_exts, "labels") == -1)
		return -1;
	y->walk.opens = 1;
	return 0;
}

/*
 * The label file y->label names, as exists() and input_read find it: the
 * file name in the folder dfd, opened (y->lfd) relative to it, a lookup
 * of one name. 1 when it is a regular file (open in y->lfd, or -1 for
 * input_read to open and report), 0 when there is none.
 */
static int
label_open(struct yolo_in *y, int dfd, const char *name)
{
	int	fd;

	y->lfd = -1;
	if (dfd == -1)
		return 0;
	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) ==
	    -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		/* Not opened, but maybe there: as before, by its path. */
		return exists(buf_str(&y->label));
	}
	if (fstat(fd, &y->lsb) == -1 || !S_ISREG(y->lsb.st_mode)) {
		close(fd);
		return 0;
	}
	y->lfd = fd;
	return 1;
}

/* The label file of image path (Ultralytics' rule, else Darknet's) into
 * y->label, found as label_open finds it; 1 when there is one. */
static int
label_path(struct yolo_in *y, const char *path)
{
	const char	*dot, *slash, *images = NULL, *p;
	size_t		 d;

	for (p = path; (p = strstr(p, "/images/")) != NULL; p++)
		images = p;
	slash = strrchr(path, '/');
	dot = strrchr(path, '.');
	if (dot == NULL || (slash != NULL && dot < slash))
		dot = path + strlen(path);
	if (images != NULL) {
		buf_reset(&y->label);
		buf_add(&y->label, path, (size_t)(images - path));
		buf_addstr(&y->label, "/labels/");
		buf_add(&y->label, images + 8, (size_t)(dot - images - 8));
		buf_addstr(&y->label, ".txt");
		/* Its folder opened once for the images of one folder. */
		d = (size_t)(strrchr(y->label.data, '/') - y->label.data);
		if (y->ldir.len != d || memcmp(y->ldir.data, y->label.data,
		    d) != 0 || y->ldir.data == NULL) {
			if (y->ldfd != -1)
				close(y->ldfd);
			buf_reset(&y->ldir);
			buf_add(&y->ldir, y->label.data, d);
			y->ldfd = open(buf_str(&y->ldir), O_PATH | O_DIRECTORY |
			    O_CLOEXEC);
		}
		if (label_open(y, y->ldfd, y->label.data + d + 1))
			return 1;
	}
	buf_reset(&y->label);
	buf_add(&y->label, path, (size_t)(dot - path));
	buf_addstr(&y->label, ".txt");
	/* Darknet's: beside the image, in the walk's folder. */
	return label_open(y, y->walk.dfd, strrchr(y->label.data, '/') + 1);
}

/* A fraction of the image, from 0 to 1. */
static int
fraction(const char *file, unsigned long line, const char *tok, double *v)
{
	char	*end;

	errno = 0;
	*v = image_strtod(tok, &end);
	if (*end != '\0' || end == tok || errno == ERANGE || !isfinite(*v))
		return error("%s:%lu: '%s' is not a number", file, line, tok);
	if (*v < 0 || *v > 1)
		return error("%s:%lu: %s is outside the image: YOLO's"
		    " coordinates are fractions of its size, from 0 to 1", file,
		    line, tok);
	return 0;
}

/* A box's start and length in pixels from its centre and length, kept on
 * the image (0 to size). */
static void
edge(double centre, double len, double size, double *start, double *out)
{
	double	s = pixel_snap(centre - len / 2), e = pixel_snap(s + len);

	if (s < 0)
		s = 0;
	if (e > size)
		e = size;
	*start = s;
	*out = pixel_snap(e - s);
}

#define ROW_MAX	(2 * 100000 + 1)	/* a row's numbers, at most */

/* One row: its class and numbers into result's lists. */
static int
read_row(struct yolo_in *y, const struct record *rec, unsigned long line,
    char **tok, size_t ntok)
{
	const char	*file = buf_str(&y->label);
	double		 v[4], b[4];
	char		*end;
	long		 cls;
	size_t		 i;
	struct buf	*o;

	errno = 0;
	cls = strtol(tok[0], &end, 10);
	if (*end != '\0' || tok[0][0] < '0' || tok[0][0] > '9' || errno != 0)
		return error("%s:%lu: '%s' is not a class number", file, line,
		    tok[0]);
	if ((size_t)cls >= y->nnames)
		return error("%s:%lu: class %ld, and %s names %zu (0 to %zu)",
		    file, line, cls, y->names_file, y->nnames, y->nnames - 1);
	if (ntok == 5) {
		for (i = 0; i < 4; i++)
			if (fraction(file, line, tok[i + 1], &v[i]) == -1)
				return -1;
		if (y->box_label[cls] == -1)
			return error("%s:%lu: a box of class '%s', which the"
			    " project's boxes control does not have", file,
			    line, y->names[cls]);
		if (v[2] <= 0 || v[3] <= 0)
			return error("%s:%lu: a box must have a width and a"
			    " height above 0", file, line);
		/* Six digits (what Ultralytics writes) put an edge up to a
		 * millionth or so past the image: within 1e-5, on it. */
		if (v[0] - v[2] / 2 < -1e-5 || v[0] + v[2] / 2 > 1 + 1e-5 ||
		    v[1] - v[3] / 2 < -1e-5 || v[1] + v[3] / 2 > 1 + 1e-5)
			return error("%s:%lu: the box reaches outside the image",
			    file, line);
		edge(v[0] * rec->width, v[2] * rec->width, rec->width, &b[0],
		    &b[2]);
		edge(v[1] * rec->height, v[3] * rec->height, rec->height, &b[1],
		    &b[3]);
		o = &y->boxtext;
		if (y->nbox++ > 0)
			buf_addch(o, ',');
		image_box_put(o, b[0], b[1], b[2], b[3], y->names[cls]);
		return 0;
	}
	if (ntok < 7 || ntok % 2 == 0)
		return error("%s:%lu: %zu numbers after the class: a box has 4"
		    " (cx cy w h), a polygon an even number from 6 (x y for"
		    " each point)", file, line, ntok - 1);
	if (y->poly_label[cls] == -1)
		return error("%s:%lu: a polygon of class '%s', which the"
		    " project has no polygons control with", file, line,
		    y->names[cls]);
	/* {"points": [[x, y], ...], "label"}. */
	o = &y->polytext;
	buf_addstr(o, y->npoly++ > 0 ? ",{\"points\":[" : "{\"points\":[");
	for (i = 1; i + 1 < ntok; i += 2) {
		if (fraction(file, line, tok[i], &v[0]) == -1 ||
		    fraction(file, line, tok[i + 1], &v[1]) == -1)
			return -1;
		buf_addstr(o, i > 1 ? ",[" : "[");
		pixel_put(o, pixel_snap(v[0] * rec->width));
		buf_addstr(o, ",");
		pixel_put(o, pixel_snap(v[1] * rec->height));
		buf_addstr(o, "]");
	}
	buf_addstr(o, "],\"label\":");
	jw_string(o, y->names[cls]);
	buf_addstr(o, "}");
	return 0;
}

/* The label file's rows into the record's one annotation. */
static int
read_labels(struct reader *r, struct yolo_in *y, struct record *rec)
{
	const char	*file = buf_str(&y->label);
	char		*p, *q, *nl, *end, **tok = NULL;
	size_t		 ntok, atok = 0;
	unsigned long	 line = 0;
	struct buf	*res = &y->result;
	int		 rc = -1;

	buf_reset(&y->boxtext);
	buf_reset(&y->polytext);
	y->nbox = y->npoly = 0;

	if ((y->lfd != -1 ? image_read_fd(y->lfd, &y->lsb, file, LABELS_MAX, INPUT_TEXT |
	    INPUT_STRIP_BOM | INPUT_CRLF, &y->text) : input_read(file,
	    LABELS_MAX, INPUT_TEXT | INPUT_STRIP_BOM | INPUT_CRLF, &y->text,
	    NULL)) == -1) {
		y->lfd = -1;
		goto out;
	}
	y->lfd = -1;
	end = y->text.data + y->text.len;
	for (p = y->text.data; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		ntok = 0;
		/* The row's words (strtok_r's, by hand: it was a tenth of
		 * the reading). */
		for (q = p;;) {
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == '\0')
				break;
			if (ntok == ROW_MAX) {
				error("%s:%lu: more than %d numbers in a row",
				    file, line, ROW_MAX);
				goto out;
			}
			ARRAY_GROW(tok, ntok + 1, atok);
			tok[ntok++] = q;
			while (*q != '\0' && *q != ' ' && *q != '\t')
				q++;
			if (*q != '\0')
				*q++ = '\0';
		}
		if (ntok > 0 && read_row(y, rec, line, tok, ntok) == -1)
			goto out;
	}
	/* As image_annotation's tree was: the polygons, then the boxes
	 * (an empty list when there are none of either). */
	buf_reset(res);
	buf_addstr(res, "{");
	if (y->npoly > 0 || y->boxes == NULL) {
		jw_string(res, y->polys->name);
		buf_addstr(res, ":[");
		if (y->polytext.len > 0)
			buf_add(res, y->polytext.data, y->polytext.len);
		buf_addstr(res, "]");
	}
	if (y->nbox > 0 || (y->boxes != NULL && y->npoly == 0)) {
		if (res->len > 1)
			buf_addstr(res, ",");
		jw_string(res, y->boxes->name);
		buf_addstr(res, ":[");
		if (y->boxtext.len > 0)
			buf_add(res, y->boxtext.data, y->boxtext.len);
		buf_addstr(res, "]");
	}
	buf_addstr(res, "}");
	reader_hand_result(r, rec, &y->ann, res);
	rc = 0;
out:
	free(tok);
	return rc;
}

static int
yolo_read(struct reader *r, struct record *rec)
{
	struct yolo_in	*y = r->priv;
	const char	*path;
	int		 rc;

	if ((rc = walk_next(&y->walk, &path)) != 1)
		return rc;
	rec->line = ++y->n;
	/* The image as a path in the folder, placed to learn its size. */
	rec->image = path + strlen(r->name) + 1;
	buf_reset(&r->image);
	buf_printf(&r->image, "%s/%s", y->root, rec->image);
	rec->image = buf_str(&r->image);
	/* The walk opened it (else it is opened by its path, which says
	 * why it would not open). */
	if ((y->walk.fd != -1 ? image_probe(r, rec, y->walk.fd) :
	    reader_place_image(r, rec, NULL, 0)) == -1)
		return -1;
	r->placed = 1;
	if (!label_path(y, path))
		return 1;
	if (rec->width <= 0 || rec->height <= 0) {
		if (y->lfd != -1)
			close(y->lfd);
		y->lfd = -1;
		return error("%s: its size is unknown (not an image scalec"
		    " reads the size of), so its YOLO fractions cannot be"
		    " pixels", path);
	}
	return read_labels(r, y, rec) == -1 ? -1 : 1;
}

static void
yolo_close(struct reader *r)
{
	struct yolo_in	*y = r->priv;

	if (y == NULL)
		return;
	walk_close(&y->walk);
	while (y->nnames > 0)
		free(y->names[--y->nnames]);
	free(y->names);
	free(y->box_label);
	free(y->poly_label);
	free(y->root);
	if (y->ldfd != -1)
		close(y->ldfd);
	if (y->lfd != -1)
		close(y->lfd);
	buf_release(&y->ldir);
	buf_release(&y->label);
	buf_release(&y->text);
	buf_release(&y->boxtext);
	buf_release(&y->polytext);
	buf_release(&y->result);
	free(y);
	r->priv = NULL;
}

/* Writing. */

struct yolo_out {
	const struct control	*boxes, *polys;
	const char		**names;	/* the classes, by number */
	size_t			 nnames;
	int			*poly_class;	/* per polygons label */
	struct name_set		 seen;		/* the label files' names */
	struct buf		 row;
	struct buf		 name;
	unsigned long		 none;		/* images with nothing */
};

/* A YAML double-quoted scalar. */
static void
yaml_quoted(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			putc(*s, f);
	}
	putc('"', f);
}

static int
yolo_write_begin(struct writer *w)
{
	struct yolo_out	*o;
	FILE		*f;
	size_t		 i;

	o = w->priv = xcalloc(1, sizeof *o);
	o->boxes = reader_control(w->cfg, CONTROL_BOXES, -1);
	o->polys = reader_control(w->cfg, CONTROL_POLYGONS, -1);
	if (o->boxes == NULL && o->polys == NULL)
		return error("the project has no boxes or polygons control:"
		    " YOLO holds boxes and polygons");
	image_classes(o->boxes, o->polys, &o->names, &o->nnames, &o->poly_class);
	if ((f = sink_file(w->sink, "classes.txt")) == NULL)
		return -1;
	for (i = 0; i < o->nnames; i++)
		if (strchr(o->names[i], '\n') != NULL)
			return error("label '%s' has a line break, which"
			    " classes.txt cannot hold", o->names[i]);
		else
			fprintf(f, "%s\n", o->names[i]);
	if ((f = sink_file(w->sink, "data.yaml")) == NULL)
		return -1;
	fprintf(f, "# Written by scalec: the images go in images/, beside"
	    " labels/.\npath: .\ntrain: images\nval: images\nnc: %zu\n"
	    "names:\n", o->nnames);
	for (i = 0; i < o->nnames; i++) {
		fprintf(f, "  %zu: ", i);
		yaml_quoted(f, o->names[i]);
		putc('\n', f);
	}
	return 0;
}

/* labels/NAME.txt for the image at path into o->name. */
static void
label_name(struct yolo_out *o, const char *path)
{
	const char	*rest = NULL, *p, *dot;

	for (p = path; (p = strstr(p, "images/")) != NULL; p++)
		if (p == path || p[-1] == '/')
			rest = p + 7;
	if (rest == NULL)
		rest = (p = strrchr(path, '/')) != NULL ? p + 1 : path;
	dot = strrchr(rest, '.');
	if (dot == NULL || strchr(dot, '/') != NULL || dot == rest)
		dot = rest + strlen(rest);
	buf_reset(&o->name);
	buf_addstr(&o->name, "labels/");
	buf_add(&o->name, rest, (size_t)(dot - rest));
	buf_addstr(&o->name, ".txt");
}

/* The rows of one answer into o->row. 0, or -1 after reporting. */
static int
rows(struct writer *w, struct yolo_out *o, const struct out_task *t,
    const struct answer *a)
{
	const struct ans_value	*bv = writer_value(a, o->boxes);
	const struct ans_value	*pv = writer_value(a, o->polys);
	const struct ans_box	*b;
	const struct ans_shape	*s;
	double			 W = t->width, H = t->height;
	size_t			 i, j;

	(void)w;
	buf_reset(&o->row);
	for (i = 0; bv != NULL && i < bv->nboxes; i++) {
		b = &bv->boxes[i];
		if (b->rotation != 0)
			return error("task %lld: box %zu is rotated (%g"
			    " degrees), which a YOLO row cannot hold",
			    (long long)t->id, i + 1, b->rotation);
		buf_printf(&o->row, "%d ", b->label);
		fraction_put(&o->row, (b->x + b->width / 2) / W, W);
		buf_addch(&o->row, ' ');
		fraction_put(&o->row, (b->y + b->height / 2) / H, H);
		buf_addch(&o->row, ' ');
		fraction_put(&o->row, b->width / W, W);
		buf_addch(&o->row, ' ');
		fraction_put(&o->row, b->height / H, H);
		buf_addch(&o->row, '\n');
	}
	for (i = 0; pv != NULL && i < pv->nshapes; i++) {
		s = &pv->shapes[i];
		if (s->rle != NULL)
			return error("task %lld: region %zu is a mask, which a"
			    " YOLO row cannot hold (COCO can)",
			    (long long)t->id, i + 1);
		buf_printf(&o->row, "%d", o->poly_class[s->label]);
		for (j = 0; j < s->npoints; j++) {
			buf_addch(&o->row, ' ');
			fraction_put(&o->row, s->points[j].x / W, W);
			buf_addch(&o->row, ' ');
			fraction_put(&o->row, s->points[j].y / H, H);
		}
		buf_addch(&o->row, '\n');
	}
	return 0;
}

static int
yolo_write(struct writer *w, const struct out_task *t)
{
	struct yolo_out		*o = w->priv;
	const struct answer	*a = NULL;
	FILE			*f;

	if (strcmp(t->kind, "image") != 0 || t->image == NULL)
		return error("task %lld is a text: YOLO holds images",
		    (long long)t->id);
	if (t->nannotations > 1)
		return error("task %lld has %zu annotations (by %s and %s, ...):"
		    " a YOLO label file holds one set of boxes: export one"
		    " person's with --user USER, or --annotations final",
		    (long long)t->id, t->nannotations, t->annotations[0].user,
		    t->annotations[1].user);
	if (t->nannotations == 1)
		a = writer_answer(w, t, t->annotations[0].result);
	if (a != NULL && (t->width <= 0 || t->height <= 0))
		return error("task %lld: the image's size is unknown, and YOLO"
		    " writes fractions of it", (long long)t->id);
	if (a != NULL && rows(w, o, t, a) == -1)
		return -1;
	if (a == NULL)
		buf_reset(&o->row);
	if (o->row.len == 0) {
		o->none++;
		if (!w->opts.empty_files)
			return 0;
	}
	label_name(o, t->image);
	if (!name_set_add(&o->seen, o->name.data, o->name.len))
		return error("task %lld: its label file %s is another image's"
		    " too (two images of one name): YOLO finds labels by the"
		    " image's name", (long long)t->id, buf_str(&o->name));
	if ((f = sink_file(w->sink, buf_str(&o->name))) == NULL)
		return -1;
	if (o->row.len > 0)
		fwrite(o->row.data, 1, o->row.len, f);
	return 0;
}

static int
yolo_write_end(struct writer *w)
{
	struct yolo_out	*o = w->priv;

	if (o == NULL)
		return 0;
	if (!w->failed && o->none > 0)
		snprintf(w->note, sizeof w->note, "%lu image%s had no boxes:"
		    " %s", o->none, o->none == 1 ? "" : "s",
		    w->opts.empty_files ? "each has an empty label file" :
		    "no label file for them (--empty-files writes empty"
		    " ones)");
	free(o->names);
	free(o->poly_class);
	name_set_release(&o->seen);
	buf_release(&o->row);
	buf_release(&o->name);
	free(o);
	w->priv = NULL;
	return 0;
}

const struct format format_yolo = {
	.name = "yolo",
	.extensions = "",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_FOLDER | FORMAT_IMAGE |
	    FORMAT_ANNOTATIONS,
	.open = yolo_open,
	.read = yolo_read,
	.close = yolo_close,
	.write_begin = yolo_write_begin,
	.write = yolo_write,
	.write_end = yolo_write_end,
};
