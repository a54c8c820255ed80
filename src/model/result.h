/* Annotation and prediction results: a JSON object keyed by control name,
 * checked against a project's label config. What each control kind takes:
 *
 *   choice       a list of at most one label: ["positive"] ([] is no
 *                answer). A bare string "positive" is accepted and
 *                normalised to ["positive"] (other tools write it so).
 *   multichoice  a list of distinct labels.
 *   spans        a list of {"start", "end", "label"}: whole code-point
 *                offsets into the task's text, end exclusive, 0 <= start <
 *                end <= its length, spans not overlapping. Other keys of a
 *                span ("text", ...) are kept and not checked.
 *   boxes        a list of {"x", "y", "width", "height", "label"} in pixels
 *                of the original image, width and height above 0, inside
 *                the image when its size is known.
 *   polygons     a list of {"points": [[x, y], ...], "label"}, at least
 *                three points, inside the image when its size is known.
 *   text         a string.
 *   rating       a whole number from 1 to the control's max.
 *
 * A key that is not a control, or a label the control does not have, is
 * an error naming it. A retired label (one annotations used before the
 * config changed) is refused in new work but accepted with
 * RESULT_ALLOW_RETIRED: import takes old annotations as they were. */
#ifndef SCALEC_RESULT_H
#define SCALEC_RESULT_H

#include <stddef.h>

#include <jansson.h>

struct config;

/* The task a result belongs to. */
struct result_task {
	const char	*text;		/* NULL for an image task */
	size_t		 text_len;	/* bytes */
	int		 width;		/* image pixels; 0 when unknown */
	int		 height;
	size_t		 ncp;		/* set by result_check: the text's */
	int		 have_ncp;	/* length in code points, once */
};

#define RESULT_ALLOW_RETIRED	0x1

/*
 * Checks result against cfg for task t, normalising it in place (a bare
 * choice string becomes a one-label list). Returns 0, or -1 with what is
 * wrong in err (errlen bytes, NUL-terminated), without reporting: the
 * caller adds where (FILE:LINE) and reports.
 */
int	result_check(const struct config *cfg, json_t *result,
	    struct result_task *t, int flags, char *err, size_t errlen);

#endif
