/* The labelling screen's state for one task and its key handling, in plain C
 * with no ncurses, so that Check tests every key.
 *
 * How the rest of `scalec annotate` uses it:
 *
 *   The annotate command (src/cmd/annotate.c) takes the next task from the
 *   store (its lease), and opens a labeler on it with the project's config,
 *   the task's text (NULL for an image) and a starting result: the person's
 *   own draft or submitted annotation (from_prediction 0), else a
 *   prediction's result (from_prediction 1: the screen marks it as a
 *   suggestion), else NULL. It calls labeler_set_view() with the size of
 *   the text area at start and on every K_RESIZE, then loops:
 *
 *	key = draw_getkey();		(draw.c maps ncurses' KEY_* to K_*)
 *	switch (labeler_key(lb, key)) {
 *	case LB_SAVE_DRAFT:  store the draft (renews the lease); redraw
 *	case LB_SUBMIT:      store labeler_result() as submitted, with
 *	                     labeler_from_prediction(); open the next task
 *	case LB_SKIP, LB_PREV_TASK, LB_QUIT, LB_HELP, LB_INSTRUCTIONS: ...
 *	case LB_REDRAW:      redraw;  LB_NONE: nothing
 *	}
 *
 *   The headless mode feeds the same function from a key script, so what
 *   the tests and the benchmark replay is what a person's keys do.
 *
 *   The drawing layer (src/tui/draw.c) reads the struct below and never
 *   writes it: the text lines top .. top+height-1, each from
 *   labeler_line_cells() (every cell is safe to draw; TEXT_ESCAPED in
 *   reverse video; TEXT_SPAN in the colour of cell.label, or underlined
 *   when there are no colours, with labeler_span_here() naming the label
 *   under the cursor on the status line, so no-colour screens still say
 *   it in text); the current control's labels with their keys, chosen ones
 *   marked ("[x]") from ctl->chosen / ctl->rating; "suggestion" in the
 *   title while suggestion is set; the prompt line from labeler_prompt();
 *   the picker dialog while picker.open; and labeler_status() on the status
 *   line. Label names and the status come from configs and data: draw them
 *   through escape_add() like everything else (the status is escaped
 *   already; the search prompt holds only safe code points).
 *
 * Decisions: a new span over existing ones replaces them (spans never
 * overlap; the status says how many went). A label key on a span with no
 * selection relabels it. With one labelable control a choice key submits at
 * once unless the config says require_enter; with several, a choice key
 * (or a rating) chooses and moves on to the next control still empty, and
 * Enter submits.
 * Enter submits only when every choice, multichoice and rating control has
 * a value; a spans control may be empty (a text with no entities is an
 * answer). A rating takes a digit, and 0 for 10. Controls this screen
 * cannot edit (boxes, polygons, text), retired controls (never offered:
 * c passes over them), and result keys the config does not
 * know are passed through unchanged, and so are a span's own other keys (a
 * model's "score") until it is relabelled or replaced. Undo keeps the
 * last LABELER_UNDO_MAX results, the suggestion mark with each. In the
 * picker the table's keys mean what they would in a list: j/k move,
 * PgDn/PgUp and End/Home go to the ends, Enter picks, Esc, q or p close
 * it, and a label's key picks that label. A search is case-blind when it
 * has no capitals (vi's smartcase); Enter on an empty search repeats the
 * last, as n does, and Backspace on an empty search closes it. */
#ifndef SCALEC_LABELER_H
#define SCALEC_LABELER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "model/answer.h"
#include "model/config.h"
#include "tui/text.h"
#include "util/buf.h"

enum lb_action {
	LB_NONE,		/* nothing to do */
	LB_REDRAW,		/* the view changed: draw it again */
	LB_SAVE_DRAFT,		/* the result changed: save the draft, draw */
	LB_SUBMIT,		/* submit labeler_result(); next task */
	LB_SKIP,		/* skip this task */
	LB_PREV_TASK,		/* go back to the previous task */
	LB_QUIT,		/* save the draft and leave */
	LB_HELP,		/* show the key help (keymap_table) */
	LB_INSTRUCTIONS,	/* show config->instructions */
};

/* One control of the result, as this screen labels it; its value is the
 * answer's (model/answer.h). */
struct lb_control {
	const struct control	*control;	/* borrowed from the config */
	int			 editable;	/* this screen can label it */
	uint32_t		*keys;		/* per label: its key; 0 for
						   none and for retired ones */
	struct ans_value	*v;		/* in lb->answer */
};

struct lb_picker {
	int	 open;
	int	*labels;	/* the palette's label indexes */
	size_t	 n;
	size_t	 cursor;
};

#define LABELER_UNDO_MAX	1000	/* changes undo goes back over */

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

	int			 searching;	/* the prompt is open */
	struct buf		 query;		/* what is typed after / */
	char			*last_search;	/* for n; NULL before any */
	size_t			 match;		/* byte of the last match */

	struct lb_picker	 picker;
	int			 suggestion;	/* still the prediction */
	struct lb_snapshot	*undo;
	size_t			 nundo;
	size_t			 aundo;
	char			 status[256];	/* escaped; "" for none */
};

/*
 * Opens a labeler for one task. text (len bytes) may be NULL for an image
 * task; initial (borrowed, may be NULL) is a result to start from, as
 * stored: from_prediction says it is a model's suggestion. Values the
 * config cannot hold (an unknown label, a span outside the text or over
 * another) are dropped and the status says so. The view starts at 80x20.
 */
struct labeler	*labeler_new(const struct config *, const char *text,
		    size_t len, const json_t *initial, int from_prediction);
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
/* The search being typed (after the "/"), or NULL when none is. */
const char	*labeler_prompt(const struct labeler *);
/* The span under the cursor of the current spans control, or NULL. */
const struct ans_span *labeler_span_here(const struct labeler *);
/* The control keys go to; NULL when the config has none to label here. */
const struct lb_control *labeler_control(const struct labeler *);
/*
 * Text line `line`'s cells into out (see text_layout_cells), with the
 * cursor, the selection and the spans marked.
 */
void		 labeler_line_cells(const struct labeler *, size_t line,
		    struct text_cells *out);

#endif
