/* The labeler: the state of one task's answer being labelled, and its
 * keys, in plain C with no ncurses, so that Check tests every key. Views
 * hold one (the annotate view labels tasks with it; a review screen fixes
 * an annotation with the same editing) and compose it with
 * labeler_compose (labeler_draw.c).
 *
 * How a view uses it: it opens a labeler on a task with the project's
 * config and a starting result (the person's own draft or submitted
 * annotation, else a prediction's result, marked as a suggestion), attaches
 * it to its driver (labeler_attach: the search prompt, the picker and a
 * text control's editor are the driver's overlays, and their answers come
 * back through the callback), lays it out (labeler_set_view) and gives it
 * keys:
 *
 *	switch (labeler_key(lb, key)) {
 *	case LB_SAVE_DRAFT:  store the draft; redraw
 *	case LB_SUBMIT:      store labeler_result() as submitted
 *	case LB_PASS:        not the labeler's: the view's, else the driver's
 *	case LB_REDRAW, LB_NONE: ...
 *	}
 *
 * Labels, the status and the search come from configs and data; drawing
 * escapes them like everything else.
 *
 * Decisions: a new span over existing ones replaces them (spans never
 * overlap; the status says how many went). A label key on a span with no
 * selection relabels it. With one labelable control a choice key submits at
 * once unless the config says require_enter; with several, a choice key
 * (or a rating, or a text written) chooses and moves on to the next
 * control still empty, and Enter submits. Enter submits only when every
 * choice, rating and text control has a value, and every multichoice too
 * unless it allows none; a spans control may be empty (a text with no
 * entities is an answer). A rating takes a digit, and 0 for 10; a text
 * control is written in the driver's prompt (e opens it). Boxes and
 * polygons are drawn with a crosshair (labeler_boxes.c,
 * labeler_polygons.c). Controls this screen cannot edit (boxes or
 * polygons on an image of unknown size), retired controls (never offered:
 * c passes over them), and result keys the config does not know pass
 * through unchanged, and so do a span's own other keys (a model's "score")
 * until it is relabelled or replaced. Undo keeps the last
 * LABELER_UNDO_MAX results, the suggestion mark with each. A search is
 * case-blind when it has no capitals (vi's smartcase); Enter on an empty
 * search repeats the last, as n does. Read only (a reviewed annotation),
 * every change is refused with the reason where it would be made. */
#ifndef SCALEC_LABELER_H
#define SCALEC_LABELER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "model/answer.h"
#include "model/config.h"
#include "tui/text.h"
#include "tui/view.h"
#include "util/buf.h"

enum lb_action {
	LB_NONE,		/* nothing to do */
	LB_REDRAW,		/* the view changed: draw it again */
	LB_SAVE_DRAFT,		/* the result changed: save the draft, draw */
	LB_SUBMIT,		/* submit labeler_result() */
	LB_PASS,		/* not the labeler's key */
};

/* The task a labeler labels. */
struct lb_task {
	const char	*text;		/* NULL for an image task */
	size_t		 len;		/* bytes */
	const char	*image;		/* its path or URL, or NULL */
	int		 width;		/* image pixels; 0 when unknown */
	int		 height;
	const char	*tokens;	/* stored tokens (model/tokens.h), or
					 * NULL: the tokenizer's */
};

struct driver;

/* One control of the result, as this screen labels it; its value is the
 * answer's (model/answer.h). */
struct lb_control {
	const struct control	*control;	/* borrowed from the config */
	int			 editable;	/* this screen can label it */
	uint32_t		*keys;		/* per label: its key; 0 for
						   none and for retired ones */
	struct ans_value	*v;		/* in lb->answer */
};

#define LABELER_UNDO_MAX	1000	/* changes undo goes back over */

/* A boxes or polygons control's drawing state (labeler_boxes.c,
 * labeler_polygons.c), in pixels of the oriented image, whatever the
 * zoom. */
struct lb_draw {
	double		 cx, cy;	/* the crosshair */
	int		 zoom;		/* 1, 2, 4 or 8 */
	double		 vx, vy;	/* the view's top left; its size is
					   the image's over zoom */
	int		 anchored;	/* a corner is set at ax, ay */
	double		 ax, ay;
	int		 resizing;	/* box `selected` is being resized */
	long		 selected;	/* a box's index, or -1 */
	int		 hinting;	/* the jump's letter grid is shown */
	int		 hint_row;	/* its first letter typed; -1 */
	unsigned	 gen;		/* bumped when a drawn box goes or
					   changes: a picture under it is
					   sent again */
	/* A polygons control's (labeler_polygons.c): */
	struct ans_point *open;		/* the polygon being drawn */
	size_t		 nopen, aopen;
	int		 closed;	/* it is closed: a label's key
					   labels it */
	int		 moving;	/* a vertex follows the crosshair */
	long		 mv_shape;	/* its polygon (-1: the open one) */
	size_t		 mv_index;	/* and its index there */
	double		 mv_x, mv_y;	/* where it was (Esc puts it back) */
};

/* Another person's answer drawn over the image beside the labeler's own
 * (a review of several people's boxes), in a colour of its own. */
struct lb_other {
	const struct answer	*answer;	/* borrowed */
	int			 colour;	/* a struct scell fg */
};

struct lb_snapshot {
	json_t	*result;
	int	 suggestion;
};

struct labeler {
	const struct config	*config;	/* borrowed: outlives it */
	struct text		*text;		/* NULL for an image task */
	struct text_layout	*layout;	/* NULL for an image task */
	int			 width;		/* of the text area */
	int			 height;
	size_t			 top;		/* first line shown */

	struct answer_task	 task;		/* what the answer is of */
	struct answer		*answer;	/* the values being labelled */
	struct lb_control	*controls;	/* one per config control */
	size_t			 ncontrols;
	size_t			 current;	/* the control keys label */

	size_t			 cursor;	/* spans: token index */
	int			 want_col;	/* column Up/Down aim for */
	int			 anchored;	/* a selection is being made */
	size_t			 anchor;	/* from this token */

	int			 hinting;	/* t's hints are shown */
	char			 hint_prefix;	/* a two-letter hint's first,
						   typed; '\0' for none */
	char			*last_search;	/* for n; NULL before any */
	size_t			 match;		/* byte of the last match */

	int			*picks;		/* the picker's labels */
	size_t			 npicks;
	char			*image;		/* an image task's path */
	struct lb_draw		*draw;		/* an image's boxes; NULL */
	const struct lb_other	*others;	/* drawn too; borrowed */
	size_t			 nothers;
	int			 own_colour;	/* its own regions' fg; 0: by
						   label */
	char			*readonly;	/* why no change may be made;
						   NULL: changes are made */
	struct driver		*drv;		/* for overlays; may be NULL */
	enum view_rc		(*notify)(void *, enum lb_action);
	void			*notify_arg;
	enum lb_action		 last;		/* the last key's or answer's */
	int			 suggestion;	/* still the prediction */
	struct lb_snapshot	*undo;
	size_t			 nundo;
	size_t			 aundo;
	char			 status[256];	/* escaped; "" for none */
};

/*
 * Opens a labeler for one task (its strings are copied); initial
 * (borrowed, may be NULL) is a result to start from, as stored:
 * from_prediction says it is a model's suggestion. Values the config
 * cannot hold (an unknown label, a span outside the text or over another)
 * are dropped and the status says so. The view starts at 80x20.
 */
struct labeler	*labeler_new(const struct config *, const struct lb_task *,
		    const json_t *initial, int from_prediction);
/* Gives it a driver for its overlays; what they lead to goes to fn(arg,
 * action), whose answer is the overlay's (a view's key answer). */
void		 labeler_attach(struct labeler *, struct driver *,
		    enum view_rc (*fn)(void *, enum lb_action), void *arg);
/* Other people's answers to draw over the image too, each in its colour,
 * and the labeler's own in own_colour (0: each label's); borrowed until
 * the next call. */
void		 labeler_set_others(struct labeler *, const struct lb_other *,
		    size_t n, int own_colour);
/* Read only, with why no change may be made (NULL: changes again). */
void		 labeler_set_readonly(struct labeler *, const char *why);
/* The KEYS_ groups (model/kind.h) of the control keys go to now. */
int		 labeler_groups(const struct labeler *);
void		 labeler_free(struct labeler *);
/* Lays the text out again for a text area of width x height. */
void		 labeler_set_view(struct labeler *, int width, int height);
/* Handles one key (a code point or a K_ value); labeler_status() says why
 * when nothing happened. */
enum lb_action	 labeler_key(struct labeler *, int key);

/*
 * The result as stored and exported: an object keyed by control name,
 * {"label": ["positive"]}, {"entities": [{"start": 0, "end": 12, "label":
 * "PER"}]} (by start), {"rating": 4}; a control with nothing chosen is
 * left out, a spans control never is. A new reference for the caller.
 */
json_t		*labeler_result(const struct labeler *);
/* The first control that must have a value for Enter to submit and has
 * none (a choice, multichoice or rating left empty), or NULL. */
const struct lb_control *labeler_missing(const struct labeler *);
/* 1 while the result is still the prediction it opened with. */
int		 labeler_from_prediction(const struct labeler *);
/* The status line's message, "" for none; cleared by the next key. */
const char	*labeler_status(const struct labeler *);
/* The span under the cursor of the current spans control, or NULL. */
const struct ans_span *labeler_span_here(const struct labeler *);
/* The control keys go to; NULL when the config has none to label here. */
const struct lb_control *labeler_control(const struct labeler *);
/*
 * The hint t shows over token (its rest, after a typed first letter) in
 * out, NUL-terminated: 1, or 0 when it has none now.
 */
int		 labeler_hint(const struct labeler *, size_t token, char out[3]);
/* The hint of the i-th of n tokens in sight, reading order: one letter
 * each when n fits the letters, else the first few one letter and the
 * rest two. Returns its length (0 past what can be hinted). */
size_t		 labeler_hint_name(size_t i, size_t n, char out[3]);
/*
 * Text line `line`'s cells into out (see text_layout_cells), with the
 * cursor, the selection and the spans marked.
 */
void		 labeler_line_cells(const struct labeler *, size_t line,
		    struct text_cells *out);

/* Drawing it (labeler_draw.c). */

struct screen;
struct view_frame;
/* The text area it gets out of rows rows of a screen w wide, for
 * labeler_set_view. */
void		 labeler_area(const struct labeler *, int w, int rows,
		    int *tw, int *th);
/* Draws it into rows top .. top + rows - 1; where a prompt goes in *f. */
void		 labeler_compose(struct screen *, const struct labeler *,
		    int top, int rows, struct view_frame *f);
/* The help's part for the control in front of the person: what it is
 * for, its labels' keys. */
void		 labeler_help(const struct labeler *, struct buf *);

#endif
