/* A typed answer: what one result says (an annotation, a prediction, a
 * gold answer, a reviewer's fix), as one value per control of a label
 * config. This is the one place that knows the JSON shape of a result, an
 * object keyed by control name:
 *
 *   choice       ["positive"]: a list of at most one label ([] is no
 *                answer). A bare string "positive" is taken on load and
 *                normalised to ["positive"] (other tools write it so).
 *   multichoice  ["a", "b"]: distinct labels; [] is an answer only where
 *                the control says allow_empty ("none of these apply").
 *   spans        [{"start", "end", "label"}, ...]: whole code-point
 *                offsets into the task's text, end exclusive, 0 <= start
 *                < end <= its length, not overlapping.
 *   boxes        [{"x", "y", "width", "height", "label"}, ...]: pixels of
 *                the original image, width and height above 0, and an
 *                optional "rotation" in degrees, clockwise (y down) about
 *                (x, y), as Label Studio has it; the corners must be
 *                inside the image when its size is known.
 *   polygons     [{"points": [[x, y], ...], "label"}, ...] with at least
 *                three points, or masks {"rle": [n, ...], "label"}: the
 *                mask's pixels as COCO's uncompressed run lengths, over
 *                the image in column-major order starting with a run of
 *                zeros, summing to width * height when the size is known.
 *   text         "a string" (with multiline: true it may hold newlines).
 *   rating       a whole number from 1 to the control's max.
 *
 * An item's other keys ("score", "text", a model's "id") are kept with it
 * and written after its own, until it is changed. Whole numbers are
 * written as integers.
 *
 * Loading is strict (answer_load: the first problem is an error with what
 * is wrong, for import and submission) or lenient (answer_load_lenient:
 * what does not fit is left out and counted, for the labeler opening a
 * draft or a suggestion written against an older config). A key that is
 * not a control is an error, or kept aside when lenient. A retired label
 * (one annotations used before the config changed) is refused in new work
 * and taken with ANSWER_ALLOW_RETIRED: import brings old annotations back
 * as they were.
 *
 * What each kind does (load, emit, compare) is a row of its own in
 * model/kind.c, with its functions in model/kind_<name>.c. */
#ifndef SCALEC_ANSWER_H
#define SCALEC_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct config;
struct control;

/* The task a result belongs to. NULL where there is none to check
 * against (then offsets and coordinates are not bounded). */
struct answer_task {
	const char	*text;		/* NULL for an image task */
	size_t		 text_len;	/* bytes */
	int		 width;		/* image pixels; 0 when unknown */
	int		 height;
	size_t		 ncp;		/* the text's code points, counted */
	int		 have_ncp;	/* once, when first needed */
};

struct ans_span {
	size_t	 start;		/* code points, end exclusive */
	size_t	 end;
	int	 label;		/* index into the control's labels */
	json_t	*more;		/* its other keys, or NULL */
};

struct ans_box {
	double	 x, y, width, height;	/* pixels */
	double	 rotation;		/* degrees, clockwise about (x, y) */
	int	 label;
	json_t	*more;
};

struct ans_point {
	double	 x, y;
};

/* A polygon, or a mask (rle != NULL). */
struct ans_shape {
	struct ans_point	*points;
	size_t			 npoints;
	uint32_t		*rle;		/* a mask's run lengths */
	size_t			 nrle;
	int			 label;
	json_t			*more;
};

/* One control's value; which fields it uses follows its kind. */
struct ans_value {
	const struct control	*control;	/* borrowed from the config */
	int			 present;	/* the result has it */
	unsigned char		*chosen;	/* choice, multichoice: per
						   label, 1 when chosen */
	int			 rating;	/* rating: 0 for none */
	char			*text;		/* text: NULL for none */
	struct ans_span		*spans;		/* spans: by start, disjoint */
	size_t			 nspans, aspans;
	struct ans_box		*boxes;
	size_t			 nboxes, aboxes;
	struct ans_shape	*shapes;	/* polygons and masks */
	size_t			 nshapes, ashapes;
};

struct answer {
	const struct config	*cfg;		/* borrowed: outlives it */
	struct answer_task	*task;		/* borrowed; may be NULL */
	struct ans_value	*v;		/* one per control, in order */
	size_t			 n;
	json_t			*extra;		/* lenient: keys for no
						   control, as they came */
};

#define ANSWER_ALLOW_RETIRED	0x1	/* take retired labels (import) */

/* An empty answer for cfg and the task (both borrowed; task may be
 * NULL). */
struct answer	*answer_new(const struct config *, struct answer_task *);
void		 answer_free(struct answer *);
/* Empties every value (and what was kept aside). */
void		 answer_clear(struct answer *);

/*
 * Replaces the answer's values with result's, checking everything. 0, or
 * -1 with what is wrong in err (errlen bytes, NUL-terminated, naming the
 * control and the item), without reporting: the caller adds where
 * (FILE:LINE) and reports. On -1 the values are unspecified.
 */
int		 answer_load(struct answer *, const json_t *result, int flags,
		    char *err, size_t errlen);
/* The same, leaving out what does not fit; returns how many parts were
 * left out. Keys that are no control are kept aside and written back. */
size_t		 answer_load_lenient(struct answer *, const json_t *result);
/* model/answer_scan.h reads the shapes scalec stores without jansson,
 * to the same answer. */
/*
 * Checks result against cfg for task t, normalising it in place (a bare
 * choice string becomes a one-label list): answer_load's checks, for
 * those that keep the JSON they were given. 0, or -1 with err.
 */
int		 answer_check(const struct config *, json_t *result,
		    struct answer_task *t, int flags, char *err,
		    size_t errlen);
/* answer_check by a, an answer of the config kept by a caller that
 * checks many results (emptied before and after; no allocation per
 * result once its arrays have grown). */
int		 answer_check_in(struct answer *a, json_t *result,
		    struct answer_task *t, int flags, char *err,
		    size_t errlen);

/*
 * The result as stored and exported, a new reference: each control with a
 * value, in the config's order, then what was kept aside. A control with
 * nothing is left out, except that a list of regions the task can hold
 * (spans on a text, boxes and polygons on an image) is written as []
 * ("no entities" is an answer), and so is a multichoice that allows none.
 */
json_t		*answer_emit(const struct answer *);
/* One value as the result writes it; NULL when it would be left out. */
json_t		*answer_value_emit(const struct ans_value *,
		    const struct answer_task *);
/* The first control that submitting needs a value for and has none (a
 * choice, rating or text left empty, a multichoice unless it allows
 * none); NULL when none is missing. Retired controls need nothing. */
const struct ans_value *answer_missing(const struct answer *);
/* The value of the control called name, or NULL. */
struct ans_value *answer_value(struct answer *, const char *name);

/* 1 when the value has nothing in it (no label, span, text, rating). */
int		 ans_value_empty(const struct ans_value *);

/* Comparing (the quality measures' building blocks). */

/* 1 when two values of the same control say the same. */
int		 ans_value_equal(const struct ans_value *,
		    const struct ans_value *);
/* 1 when every control's value is the same in both. */
int		 answer_equal(const struct answer *, const struct answer *);
/* Choices: |A and B| / |A or B| of the labels chosen; 1 for two empty. */
double		 ans_jaccard(const struct ans_value *, const struct ans_value *);

/* How two lists of regions match, one to one: a and b items, matched
 * pairs, and F1 = 2 * matched / (a + b) (1 for two empty lists). */
struct ans_match {
	size_t	 a, b, matched;
	double	 f1;
};

/*
 * Spans: strict (min_iou 0: the same start, end and label) or lenient (the
 * same label, overlapping with the intersection over union of the two
 * code-point ranges at or above min_iou).
 */
void		 ans_spans_match(const struct ans_value *,
		    const struct ans_value *, double min_iou,
		    struct ans_match *);
/* Boxes: the same label and IoU at or above min_iou (rotation counts). */
void		 ans_boxes_match(const struct ans_value *,
		    const struct ans_value *, double min_iou,
		    struct ans_match *);
/* Intersection over union of two boxes, rotated ones too. */
double		 ans_box_iou(const struct ans_box *, const struct ans_box *);
/* Of two masks over the same image. */
double		 ans_mask_iou(const struct ans_shape *, const struct ans_shape *);
/* The edit distance of two texts over code points, divided by the longer
 * one's length: 0 for the same, 1 for nothing in common. */
double		 ans_text_distance(const char *, const char *);

/*
 * How well got matches gold, from 0 (nothing) to 1 (the same), by
 * kind: a choice by exact match, a multichoice by Jaccard, spans and
 * boxes by F1 of a one-to-one match (spans strict: the same start, end
 * and label; lenient: the same label and the IoU of the two code-point
 * ranges at or above ANSWER_LENIENT_IOU; boxes by IoU at or above it
 * both ways), a rating by 1 - |difference| / (max - 1), a text by 1 -
 * its normalised edit distance, polygons by exact match. A value got
 * lacks scores 0.
 */
#define ANSWER_LENIENT_IOU	0.5
double		 ans_value_score(const struct ans_value *gold,
		    const struct ans_value *got, int lenient);
/*
 * The score of got against gold (the same config): the mean of
 * ans_value_score over the controls gold has a value for, strict into
 * *strict and lenient into *lenient; detail, when not NULL, gets each
 * such control's {"strict", "lenient"} under its name. The number of
 * controls scored; 0 when gold has no value (nothing to score).
 */
size_t		 answer_score(const struct answer *gold,
		    const struct answer *got, double *strict, double *lenient,
		    json_t *detail);

/* Spans as the labeler edits them (they never overlap). */

/* The index of the first span that overlaps [s, e), or nspans. */
size_t		 ans_span_overlapping(const struct ans_value *, size_t s,
		    size_t e);
/* Puts span [s, e) with label over those it overlaps; returns how many it
 * replaced. */
size_t		 ans_span_put(struct ans_value *, size_t s, size_t e,
		    int label);
/* Removes span i. */
void		 ans_span_delete(struct ans_value *, size_t i);

/*
 * What a project's annotations use of its config, for an edit that would
 * drop a label or a control: per control, how many results have it, and
 * per label how many results use it. answer_uses_add counts one result
 * (labels a control does not have are not counted).
 */
struct answer_uses {
	const struct config	*cfg;
	int64_t			*control;	/* per control */
	int64_t			**label;	/* per control, per label */
};

void		 answer_uses_init(struct answer_uses *, const struct config *);
void		 answer_uses_add(struct answer_uses *, const json_t *result);
void		 answer_uses_release(struct answer_uses *);

#endif
