/* The full-screen mode as a grid of cells, the primitives that draw into
 * it, and the small display interface that shows it. Views and the
 * driver's overlays compose a frame here, in plain C; a display then only
 * paints cells. There are two displays: the terminal (draw.c, the only
 * ncurses code) and the headless key-script mode (script.c), so the tests
 * and the benchmark see exactly the cells a person would.
 *
 * Every cell holds safe text: strings are escaped on their way in
 * (screen_put), and the task text arrives as text.c's cells. */
#ifndef SCALEC_SCREEN_H
#define SCALEC_SCREEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>


#define SCREEN_MIN_WIDTH	80
#define SCREEN_MIN_HEIGHT	24

/* Cell attributes. */
#define SA_REVERSE	0x01
#define SA_BOLD		0x02
#define SA_UNDERLINE	0x04
#define SA_DIM		0x08
#define SA_OVER		0x10	/* drawn over a picture (a box's edge):
				   a pixel mode's picture is written
				   under it, and it again on top */

struct scell {
	char	str[32];	/* UTF-8, safe; "" for the right half of a
				   wide character */
	int	attr;		/* SA_* */
	int	colour;		/* 0 default, else 1 + a curses colour
				   number (black 0 .. white 7; an image's
				   cells: 0 .. 255): background */
	int	fg;		/* an image's cells: 0 default, else 1 +
				   a colour number (0 .. 255) */
};

/* A rectangle of the grid, in cells. */
struct rect {
	int	x, y, w, h;
};

struct screen {
	int		 w;
	int		 h;
	struct scell	*c;		/* w * h, by rows */
	int		 colours;	/* colours may be used */
	/* Where an image goes: a rectangle for the display to fill with
	 * the picture (w 0: none). Composing leaves its cells blank. */
	struct rect	 image;
	const char	*image_path;	/* borrowed until the next frame */
	/* The part of the image shown, in its pixels (w 0: all of it). */
	struct {
		double	 x, y, w, h;
	}		 image_view;
	unsigned	 image_gen;	/* changes when what is drawn over the
					   picture lost a cell: a pixel mode
					   sends the picture again */
	int		 graphics;	/* how the display shows it: GRAPHICS_
					   (image.h) */
	int		 palette;	/* colours an image's cells may use:
					   0, 8 or 256 */
};

/* Makes the grid w x h (at least 1 x 1), blank. */
void	screen_resize(struct screen *, int w, int h);
void	screen_release(struct screen *);
/* Blanks every cell. */
void	screen_clear(struct screen *);
/* The cell at row, col (inside the grid). */
struct scell *screen_at(struct screen *, int row, int col);
/* 1 when the grid is big enough for the screens (80x24). */
int	screen_big_enough(const struct screen *);
/* Blanks the grid and says it is too small, in the middle. */
void	screen_too_small(struct screen *);
/*
 * Writes s (UTF-8, any text: unsafe code points become their visible form
 * in reverse video) at row, col, clipped before column end. Returns the
 * column after it, so that calls chain.
 */
int	screen_put(struct screen *, int row, int col, int end, const char *s,
	    int attr, int colour);
/* Sets attributes (and a colour, when not 0) on columns from .. end-1. */
void	screen_paint(struct screen *, int row, int from, int end, int attr,
	    int colour);
/* A box with a border around an inside of ow x oh, centred, with its
 * title on the top border; *top and *left are the inside's corner. */
void	screen_box(struct screen *, int ow, int oh, const char *title,
	    int *top, int *left);
/* The inside of an overlay's box on a screen w x h. */
void	screen_overlay_area(int w, int h, int *ow, int *oh);
/* Text (any: escaped) wrapped into columns left .. right-1 from row on,
 * above row bottom. */
void	screen_text_block(struct screen *, int row, int left, int right,
	    int bottom, const char *text);
/* The grid as plain text, one line per row, trailing blanks dropped. */
void	screen_dump(const struct screen *, FILE *);
/* A label's colour (its config colour, else one by its index) as a
 * struct scell colour. */
int	screen_label_colour(const char *colour, int index);

/*
 * A display: where frames go and keys come from. getkey returns a code
 * point or a K_ value (keymap.h), K_NONE when it was interrupted (a
 * signal: look at the flags) or timed out, and -1 when the input has
 * ended (the end of a key script).
 */
struct display {
	int	(*size)(struct display *, int *w, int *h);
	int	(*getkey)(struct display *);
	void	(*show)(struct display *, const struct screen *);
	void	(*close)(struct display *);
	int	 colours;		/* the screen can show colours */
	int	 graphics;		/* GRAPHICS_ (image.h) */
	int	 palette;		/* 0, 8 or 256 colours for images */
	void	*data;
};

#endif
