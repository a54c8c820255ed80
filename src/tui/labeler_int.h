/* Between the labeler's files (labeler.c, labeler_text.c, labeler_hints.c,
 * labeler_boxes.c, labeler_polygons.c) and nothing else: the helpers they
 * share. */
#ifndef SCALEC_LABELER_INT_H
#define SCALEC_LABELER_INT_H

#include "tui/keymap.h"
#include "tui/labeler.h"

struct rect;
struct screen;
struct buf;

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

/* labeler_boxes.c: 1 when the current control draws on the image (boxes,
 * polygons). */
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
/* Tab and S-Tab over every shape of the image's drawing controls (boxes
 * and polygons, in the config's order): the shape's control becomes the
 * current one and its kind's walk selects it and says so. One control,
 * or a shape half drawn: the current one's walk alone. */
enum lb_action	 lb_select_shape(struct labeler *, int dir);
/* z and Z: the view zoomed in (in 1) or out around the crosshair, for
 * any control over an image; the stored coordinates stay. */
enum lb_action	 lb_zoom(struct labeler *, int in);
/* The arrows or hjkl zoomed in with no crosshair (a classification's
 * image): the view moved a quarter of itself by dx, dy (-1, 0, 1),
 * inside the image. */
enum lb_action	 lb_pan(struct labeler *, int dx, int dy);
/* Esc: drops the corner, the resize, the selection; 0 with none. */
int		 lb_draw_cancel(struct labeler *);
/* After undo: the selection kept inside the boxes. */
void		 lb_draw_after_undo(struct labeler *);
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

/* Shared by the boxes and the polygons (labeler_boxes.c). */
/* Puts the crosshair at x, y (inside the image), in sight. */
void		 lb_cross_to(struct labeler *, double x, double y);
/* 0, after saying why, when the image could not be shown. */
int		 lb_image_there(struct labeler *);
/* Where the view goes on the screen: the picture's cells. */
struct lb_geom {
	int	x, y, cols, rows;
	double	vx, vy, vw, vh;
};
/* The picture's cells in scr for lb's view. */
void		 lb_geometry(const struct labeler *, const struct screen *,
		    struct lb_geom *);
/* The picture's column of image x, row of image y; outside the picture
 * (below 0, or cols and past) for one out of the view. */
int		 lb_col_of(const struct lb_geom *, double x);
int		 lb_row_of(const struct lb_geom *, double y);
/* Image pixel x, y of the middle of a picture's cell. */
double		 lb_x_of(const struct lb_geom *, int col);
double		 lb_y_of(const struct lb_geom *, int row);
/* One cell over the picture (kept inside it): s in fg, keeping its
 * background. */
void		 lb_over(struct screen *, const struct lb_geom *, int col,
		    int row, const char *s, int attr, int fg);
/* A label's name over the picture from col, a character a cell (an
 * unsafe one as '?'), up to column end. */
void		 lb_tag(struct screen *, const struct lb_geom *, int col,
		    int row, int end, const char *name, int attr, int fg);
/* 1 in a mode whose picture is cells (symbols; none draws cells too). */
int		 lb_symbols(const struct screen *);

/* labeler_polygons.c: a polygons control's keys (LB_PASS for the shared
 * crosshair's and the others), its label key, Esc, after undo. */
int		 lb_poly_mode(const struct labeler *);
enum lb_action	 lb_poly_request(struct labeler *, enum request);
/* The polygons' own walk (Tab within one control). */
enum lb_action	 lb_poly_select(struct labeler *, int dir);
enum lb_action	 lb_label_polygon(struct labeler *, struct lb_control *,
		    int label);
int		 lb_poly_cancel(struct labeler *);
void		 lb_poly_after_undo(struct labeler *);
/* The info line's words while drawing polygons. */
void		 lb_poly_info(const struct labeler *, struct buf *);
/* The polygons of value v (a labeler's own or another's) over the
 * picture: fg 0 draws each in its label's colour. */
void		 lb_poly_compose(struct screen *, const struct labeler *,
		    const struct lb_geom *, const struct ans_value *, int fg);
/* The open polygon, the vertex being moved. */
void		 lb_poly_compose_edit(struct screen *, const struct labeler *,
		    const struct lb_geom *);
/* The closed polygons and masks to tint a pixel mode's picture with
 * (image_tint), before it is composed: the labeler's own and the others'
 * shown beside. */
void		 lb_poly_tint(const struct labeler *, const struct screen *);
/* The polygons' part of the headless record, into j. */
void		 lb_poly_json(const struct labeler *, const struct lb_geom *,
		    json_t *j);

#endif
