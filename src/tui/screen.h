/* The labelling screen as a grid of cells, and the small display interface
 * that shows it. Everything `scalec annotate` shows is composed here, in
 * plain C, from one struct frame (fetched before drawing); a display then
 * only paints cells. There are two displays: the terminal (draw.c, the only
 * ncurses code) and a text buffer for the headless key-script mode, so the
 * tests and the benchmark see exactly the cells a person would.
 *
 * Every cell holds safe text: strings are escaped on their way in
 * (screen_put), and the task text arrives as text.c's cells. */
#ifndef SCALEC_SCREEN_H
#define SCALEC_SCREEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct labeler;
struct text_layout;

#define SCREEN_MIN_WIDTH	80
#define SCREEN_MIN_HEIGHT	24

/* Cell attributes. */
#define SA_REVERSE	0x01
#define SA_BOLD		0x02
#define SA_UNDERLINE	0x04
#define SA_DIM		0x08

struct scell {
	char	str[32];	/* UTF-8, safe; "" for the right half of a
				   wide character */
	int	attr;		/* SA_* */
	int	colour;		/* 0 default, else 1 + a curses colour
				   number (black 0 .. white 7): background */
};

struct screen {
	int		 w;
	int		 h;
	struct scell	*c;		/* w * h, by rows */
	int		 colours;	/* colours may be used */
};

/* Overlays drawn over the screen, closed by a key. */
enum overlay {
	OVERLAY_NONE,
	OVERLAY_HELP,
	OVERLAY_INSTRUCTIONS,
};

/* Everything one frame shows, fetched before drawing. Strings are data
 * (escaped on the way in) and borrowed. */
struct frame {
	const char		*project;
	const char		*user;		/* who is labelling */
	const char		*task;		/* its id as imported, or
						   "#N"; NULL when none */
	int64_t			 n;		/* task n of total; 0 to
						   leave it out (an answered
						   task, reached by Backspace) */
	int64_t			 mine;		/* this person's submitted */
	int64_t			 done;		/* the project's done */
	int64_t			 total;		/* the project's tasks */
	const char		*note;		/* "editing your submitted
						   answer"; NULL */
	const struct labeler	*lb;		/* NULL: no task; message */
	const char		*message;	/* shown when lb is NULL */
	const char		*status;	/* overrides lb's status */
	int			 status_error;	/* status is an error */
	int			 unread;	/* unread notifications */
	enum overlay		 overlay;
	const struct text_layout *overlay_text;	/* its lines */
	size_t			 overlay_top;	/* first line shown */
};

/* Makes the grid w x h (at least 1 x 1), blank. */
void	screen_resize(struct screen *, int w, int h);
void	screen_release(struct screen *);
/* Composes the frame into the grid: the labelling screen, or "terminal too
 * small" when the grid is under SCREEN_MIN_WIDTH x SCREEN_MIN_HEIGHT. */
void	screen_compose(struct screen *, const struct frame *);
/* 1 when the grid is big enough to label in. */
int	screen_big_enough(const struct screen *);
/* The size of the text area compose gives the task text (for
 * labeler_set_view) on a screen w x h. */
void	screen_text_area(const struct labeler *, int w, int h, int *tw,
	    int *th);
/* The inner size of an overlay's box on a screen w x h. */
void	screen_overlay_area(int w, int h, int *ow, int *oh);
/*
 * Writes s (UTF-8, any text: unsafe code points become their visible form
 * in reverse video) at row, col, clipped before column end. Returns the
 * column after it, so that calls chain.
 */
int	screen_put(struct screen *, int row, int col, int end, const char *s,
	    int attr, int colour);
/* The grid as plain text, one line per row, trailing blanks dropped. */
void	screen_dump(const struct screen *, FILE *);
/* The `?` help: the keys from keymap_table(), then the current control's
 * label keys; caller frees. */
char	*screen_help_text(const struct labeler *);
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
	void	*data;
};

/* The headless display: keys from a parsed key script, frames kept in a
 * text buffer. */
struct key_script;
/*
 * Parses a key script (see scalec-annotate(1), KEY SCRIPTS): keys
 * separated by white space, names for special keys, `#` to the end of the
 * line a comment, `\` before one character takes it literally, U+XXXX any
 * code point, Resize=WxH a new screen size. NULL after reporting
 * FILE:LINE: what is wrong.
 */
struct key_script	*key_script_parse(const char *s, size_t len,
			    const char *filename);
void			 key_script_free(struct key_script *);
/* The number of keys read so far. */
size_t			 key_script_done(const struct key_script *);
/* A display for the script at w x h; close frees nothing of the script. */
void			 display_text_init(struct display *,
			    struct key_script *, int w, int h);

#endif
