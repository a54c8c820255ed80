/* Between the labeler's two files (labeler.c, labeler_text.c) and nothing
 * else: the helpers both use. */
#ifndef SCALEC_LABELER_INT_H
#define SCALEC_LABELER_INT_H

#include "tui/keymap.h"
#include "tui/labeler.h"

/* The status line's message, cut to fit whole characters. */
void		 lb_say(struct labeler *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Data (a label's or a control's name) for a message; caller frees. */
char		*lb_esc(const char *);
/* The name of the first key bound to req, for messages (four at once). */
const char	*lb_req_key(enum request);
/* The current control, or NULL when none can be labelled. */
struct lb_control *lb_current(const struct labeler *);
/* 0, after saying why, when the labeler is read-only. */
int		 lb_changeable(struct labeler *);
/* Keeps the result for undo and ends the suggestion: before every change. */
void		 lb_change_begin(struct labeler *);
/* An overlay's answer, handed to whoever holds the labeler. */
enum view_rc	 lb_notify(struct labeler *, enum lb_action);

/* labeler_text.c: 1 when the current control marks spans in the text. */
int		 lb_spans_mode(const struct labeler *);
/* Gives the token under the cursor (or the selection) the label. */
enum lb_action	 lb_label_span(struct labeler *, struct lb_control *,
		    int label);
/* The keys that move over the text, mark spans, search and scroll. */
enum lb_action	 lb_text_request(struct labeler *, enum request);
/* Puts the cursor on a token (the last for one past it), in sight. */
void		 lb_move_to(struct labeler *, size_t token);
/* The tokens w and b move over at once. */
#define LB_TOKENS_STEP	5

/* labeler_hints.c: t's hints over the tokens on screen. */
enum lb_action	 lb_hints_open(struct labeler *);
/* A key while the hints are shown: LB_PASS for one that is not a hint
 * (the hints go, and the key means what it does elsewhere). */
enum lb_action	 lb_hint_key(struct labeler *, int key);

/* labeler_boxes.c: 1 when the current control draws boxes on the image. */
int		 lb_draw_mode(const struct labeler *);
/* Sets up the drawing state for an image task (when it has a size). */
void		 lb_draw_open(struct labeler *);
/* A label's key on the image: finishes the box being drawn or resized,
 * or relabels the selected one. */
enum lb_action	 lb_label_box(struct labeler *, struct lb_control *,
		    int label);
/* The drawing keys (crosshair, corner, boxes, zoom, jump). */
enum lb_action	 lb_draw_request(struct labeler *, enum request);
/* A key while the jump's grid is shown: LB_PASS for one that is not a
 * letter of it (the grid goes, the key means what it does elsewhere). */
enum lb_action	 lb_draw_hint_key(struct labeler *, int key);
/* Esc: drops the corner, the resize, the selection; 0 with none. */
int		 lb_draw_cancel(struct labeler *);
/* After undo: the selection kept inside the boxes. */
void		 lb_draw_after_undo(struct labeler *);
struct rect;
struct screen;
struct buf;
/* The info line's words while drawing: the box being drawn or the one
 * selected, else the boxes' labels. */
void		 lb_draw_info(const struct labeler *, struct buf *);
/* The image region made room in for the rulers, when drawing. */
void		 lb_draw_region(const struct labeler *, struct rect *);
/* The part of the image in sight, into the screen for the display. */
void		 lb_draw_view(const struct labeler *, struct screen *);
/* The boxes, the crosshair, the rulers and the jump's grid over the
 * picture composed in scr's image region; the drawing's record noted
 * with the image display (image_note_draw) for the headless summary. */
void		 lb_draw_compose(struct screen *, const struct labeler *);

#endif
