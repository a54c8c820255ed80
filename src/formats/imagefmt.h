/* What the image formats (YOLO, Pascal VOC, COCO) share: a folder walked
 * in sorted order one directory at a time, so that memory holds the
 * names of the directories on the way down and not the whole tree;
 * coordinates taken to pixels and written back exactly; a label looked
 * up by name in a control; and the one annotation a file brings, in the
 * name of the person who imports. */
#ifndef SCALEC_IMAGEFMT_H
#define SCALEC_IMAGEFMT_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"

struct control;
struct reader;
struct stat;

/* A name in a directory, and its type as readdir gave it (DT_*). */
struct walk_entry {
	char		*name;
	unsigned char	 type;
};

/* One directory of a walk: its entries, sorted, the next one, and the
 * directory itself, kept open so that its files are opened by name in
 * it (openat), not by a path looked up from the root each time. */
struct walk_level {
	struct walk_entry	*e;
	size_t			 n, next;
	size_t			 pathlen;	/* the path's length here */
	DIR			*dir;
};

struct walk {
	struct buf		 path;	/* the current file's path */
	struct walk_level	*levels;
	size_t			 nlevels, alevels;
	const char *const	*exts;	/* ".jpg", ... (any case); NULL-ended */
	const char		*skip;	/* a directory name not entered, or
					 * NULL */
	int			 opens;	/* walk_next opens each file (fd) */
	/* Of the file walk_next gave: */
	int			 dfd;	/* its directory, borrowed */
	const char		*name;	/* its name there, borrowed */
	int			 fd;	/* with opens, the file open for
					 * reading (the caller's to close),
					 * or -1 when it would not open (the
					 * caller opens it by path and
					 * reports why) */
};

/* Starts walking the folder root for files whose names end in one of exts
 * (a NULL-ended list, compared in any case). 0, or -1 after reporting. */
int	walk_open(struct walk *, const char *root, const char *const *exts,
	    const char *skip);
/* The next file's path (root/sub/name), borrowed until the next call: 1,
 * 0 at the end, or -1 after reporting. Hidden names (".x") are passed
 * over; links are followed. A name readdir says is a file or a folder
 * is taken so without a stat; with w->opens set (after walk_open), a
 * link is opened and its descriptor asked (one lookup, not two). */
int	walk_next(struct walk *, const char **path);
void	walk_close(struct walk *);
/* 1 when name ends in one of exts, in any case. */
int	walk_ext(const char *name, const char *const *exts);

/*
 * The classes an export numbers (YOLO's classes, COCO's categories) for a
 * project's boxes and polygons controls (either may be NULL): the boxes'
 * labels in their order, then the polygons' labels the boxes lack.
 * *names (borrowed strings, the array to free) gets *n of them, and
 * *poly_class (to free; NULL without polygons) each polygons label's
 * class number.
 */
void	image_classes(const struct control *boxes,
	    const struct control *polys, const char ***names, size_t *n,
	    int **poly_class);

/* The extensions of the images the formats find beside their labels. */
extern const char *const image_exts[];

/*
 * A coordinate computed from another unit (a fraction of the image, a
 * 1-based index), as the pixels scalec stores: to a millionth of a pixel,
 * so that pixels that went out as fractions (whole ones, 33.3) come back
 * the same, not 33.29999999.
 */
double	pixel_snap(double);
/*
 * Writes v, a fraction of size pixels, with the fewest significant digits
 * (6 at least) that read back within a hundred-millionth of a pixel:
 * what another tool wrote as "0.123457" is written so again, and pixels
 * come back the same through pixel_snap.
 */
void	fraction_put(struct buf *, double v, double size);
/* A pixel coordinate as JSON: a whole number as an integer, as the answer
 * model writes it. A new reference. */
json_t	*pixel_json(double);
/* A number as the shortest text that reads back as the same double (a
 * whole one without a point). */
void	number_put(struct buf *, double v);

/* The names of the files a folder format has written, as a set of their
 * 64-bit hashes (two images of one name would write one file). */
struct name_set {
	uint64_t	*h;
	size_t		 n, alloc;
};

/* Adds a name: 1, or 0 when it was there. */
int	name_set_add(struct name_set *, const char *name, size_t len);
void	name_set_release(struct name_set *);

/*
 * The size of the image open at fd into rec's width and height, as
 * reader_place_image finds it (its errors, FILE:LINE: a broken image),
 * from the first bytes alone where the format's header is at a fixed
 * place (PNG, GIF, BMP, WebP), else as imagesize_fd reads it. Closes fd.
 * 0, or -1 after reporting.
 */
int	image_probe(struct reader *, struct record *, int fd);

/*
 * The whole file open at fd (path, for messages; its fstat, or NULL to
 * ask) into out, as input_read
 * reads path (max a whole number of MiB; its flags, its messages), with
 * one read for a file of a size fstat knows. Closes fd. 0, or -1 after
 * reporting.
 */
int	image_read_fd(int fd, const struct stat *, const char *path,
	    size_t max, int flags, struct buf *out);

/* strtod(s, end), the same double, without strtod's cost for a plain
 * decimal (at most 19 digits, no exponent, a '.' locale): such a number
 * is its digits over a power of ten, both exact, divided once. */
double	image_strtod(const char *s, char **end);

/* A box {"x", "y", "width", "height", "label"} as the formats' readers
 * yield it (pixel_json's numbers), a new reference: what json_pack built,
 * without its format string's cost. */
json_t	*image_box_json(double x, double y, double w, double h,
	    const char *label);
/* The same box as json_dumps(image_box_json(...), JSON_COMPACT) writes
 * it, appended to b: a result handed over as text (model/record.h's
 * struct record_ann) with no tree. */
void	image_box_put(struct buf *b, double x, double y, double w, double h,
	    const char *label);
/* A pixel as pixel_json's number is written by json_dumps (JSON_COMPACT):
 * whole, or a real as "%.17g". */
void	pixel_put(struct buf *b, double v);

/* For tests (tests/fuzz/fuzz_coco): 1 reads every COCO image's
 * annotations into a tree, as before their results as text. */
extern int coco_tree_only;

/* The index of the label called name in c, or -1. */
int	control_label_index(const struct control *, const char *name);

/*
 * The one annotation of a record: {"user", "state": "submitted",
 * "result": {}} in r->built, the result returned (borrowed) to fill.
 */
json_t	*image_annotation(struct reader *);

#endif
