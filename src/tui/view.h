/* The full-screen mode's frame: every screen is a view behind one small
 * interface (tig's struct view_ops), and one driver (driver.c) runs them.
 *
 * The driver owns what every screen has: the loop and its display (the
 * terminal, or a key script without one), signals, resizes, the status
 * line at the bottom row, and the overlays drawn over a view: the help
 * (its keys from tui/keymap.h for the view's scopes and the control in
 * front of the person), the instructions, a picker, a prompt (one line or
 * several), a confirmation. A key goes to an open overlay first, then to
 * the view; a key the view does not take (VIEW_PASS) gets the driver's
 * generic handling (help, instructions, redraw, quit), and any other is
 * "Unknown key X, press ? for help".
 *
 * A view composes itself into the screen's grid (no ncurses: screen.h)
 * above the status line, and says where a one-line prompt goes. It talks
 * to the driver through the drv_ functions below; overlays answer through
 * the callbacks the view gives them, which return what a key would.
 *
 * One file per view: tui/annotate.c labels a project's tasks; tui/review.c
 * reviews their annotations, with the same labeler for its fixes and keys
 * of its own scope (KS_REVIEW). */
#ifndef SCALEC_VIEW_H
#define SCALEC_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct buf;
struct display;
struct driver;
struct screen;
struct view;

/* What a view did with a key (or an overlay's answer). */
enum view_rc {
	VIEW_DONE,		/* taken: the screen is drawn again */
	VIEW_PASS,		/* not the view's: the driver's generic keys */
	VIEW_QUIT,		/* leave (the view's done() saves) */
	VIEW_FAIL,		/* the store failed: leave, reporting */
};

/* Where a view leaves room for the driver's one-line prompt: columns 1
 * .. end-1 of row. row 0 is the row above the status line. */
struct view_frame {
	int	prompt_row;
	int	prompt_end;
};

struct view_ops {
	const char	*name;
	int		 scopes;	/* the KS_ bindings it takes */
	/* Loads what it shows first; 0, or -1 after reporting. */
	int		 (*open)(struct view *);
	/* The KEYS_ groups of what is in front of the person now (the
	 * current control's), for the key lookup and the help. */
	int		 (*groups)(struct view *);
	/* One key (normalised: keymap_normal). */
	enum view_rc	 (*key)(struct view *, int key);
	/* The screen changed to w x h (at least 80x24): lay out again. */
	void		 (*resize)(struct view *, int w, int h);
	/* Draws the view on rows 0 .. h-2 of scr and fills *f. */
	void		 (*compose)(struct view *, struct screen *,
			    struct view_frame *f);
	/* The help's first part (what the control in front takes), or
	 * NULL; appended to b. */
	void		 (*help)(struct view *, struct buf *b);
	/* The instructions to show (text), or NULL or "" for none. */
	const char	*(*instructions)(struct view *);
	/* The view's own status message ("" for none); the driver's, when
	 * it has one, is shown instead. */
	const char	*(*status)(struct view *);
	/* The KS_ scopes whose keys hold now, for the help (a review's fix
	 * takes a labeler's keys in place of the review's); NULL: scopes. */
	int		 (*scopes_now)(struct view *);
	/* Leaving, however it ends (q, a signal, the script's end): the last
	 * chance to save. */
	void		 (*done)(struct view *);
	/* No key came for a while (the display's wait timed out): 1 when
	 * the view changed and is drawn again, 0 when not, -1 when the
	 * store failed (leave, reporting). NULL: nothing to do. */
	int		 (*tick)(struct view *);
};

struct view {
	const struct view_ops	*ops;
	struct driver		*drv;	/* set by the driver */
	void			*data;	/* the view's own */
};

/* Running a view. */

struct driver_opts {
	int	 headless;	/* a key script: messages go to stderr too */
	FILE	*timings;	/* --timings: microseconds per key, or NULL */
	double	 started;	/* clock_start() when the command began */
	/* The person's unread notifications (store/notify.h), shown at the
	 * right of the status line: asked once the view has opened and
	 * again each time it calls drv_item_changed. 0 and *n set, or -1
	 * (the count stays as it was). NULL: no count shown. A command
	 * fills both with ctx_driver_opts (cmd/cmd.h). */
	int	(*unread)(void *arg, int64_t *n);
	void	*unread_arg;
};

/* A driver for view on display d (both borrowed); the signal handlers
 * and the status-line error handler are the driver's while it runs. */
struct driver	*driver_new(struct view *, struct display *,
		    const struct driver_opts *);
void		 driver_free(struct driver *);
/*
 * Opens the view and runs the loop until the view quits, the input ends
 * or a signal (SIGINT, SIGTERM, SIGHUP) comes; then calls the view's
 * done(). Returns 0, -1 when the view failed (its message was shown on
 * the status line and is kept for drv_last_error), or 128 + the signal.
 */
int		 driver_run(struct driver *);
/* One key, as the loop handles it (for tests and the loop). */
enum view_rc	 driver_key(struct driver *, int key);
/* Composes the frame the display would show into the driver's grid, and
 * returns it. */
const struct screen *driver_compose(struct driver *);
/* The message of the failure that ended the run, or "". */
const char	*drv_last_error(const struct driver *);
/* 1 when the run ended because the view (or the person) quit. */
int		 drv_quit(const struct driver *);
/*
 * The store's wait hook (store_set_wait, arg the driver): while a write
 * waits for the database, the status line says so at once ("waiting for
 * the database (an import is running)"), the frame as it was, what the
 * person typed kept; when it went through, the message goes.
 */
void		 driver_wait_hook(void *drv, int waiting, const char *why);

/* What views ask of the driver. */

/* A status message for this key (the view's own status is not shown);
 * drv_alert shows it as a refusal (bold). */
void		 drv_say(struct driver *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
void		 drv_alert(struct driver *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* What the status line shows now: the driver's message, else the
 * view's. */
const char	*drv_status(const struct driver *);
/* The view moved to another item (a task, an annotation to review): the
 * driver asks again for what the status line counts for every view (the
 * unread notifications). Cheap: one index range. */
void		 drv_item_changed(struct driver *);
/* The unread count the status line shows now (for tests). */
int64_t		 drv_unread(const struct driver *);
/* A view's own queries for the status line (the labeler's progress)
 * between these are timed apart, with the unread count's, for
 * --timings' fourth and fifth fields (so that a benchmark can tell what
 * the status line adds to a key). Either may have a NULL driver. */
struct drv_span {
	double	real, cpu;
};
void		 drv_status_begin(struct driver *, struct drv_span *);
void		 drv_status_end(struct driver *, const struct drv_span *);

/* A picker: a list to choose one item from, as a box over the view. */
struct pick_item {
	uint32_t	 key;		/* a key that picks it at once; 0 */
	const char	*text;		/* data: escaped when drawn */
	const char	*note;		/* dimmed after it, or NULL */
	int		 mark;		/* -1: none; 0 "[ ]"; 1 "[x]" */
};

struct pick {
	const char		*title;		/* " Labels " */
	const struct pick_item	*items;		/* copied by drv_pick */
	size_t			 n;
	int			 close_key;	/* the key that opened it also
						   closes it; K_NONE */
	enum view_rc		(*picked)(void *arg, size_t i);
	void			*arg;
};

/* Opens the picker (nothing when n is 0). Its keys: an item's key picks
 * it; any other character filters the list as it is typed (the items
 * whose text holds what is typed, case-blind; Backspace takes one back);
 * the arrows move, PgUp/Home and PgDn/End go to the ends, Enter picks,
 * Esc closes it, and so does close_key while nothing is typed. */
void		 drv_pick(struct driver *, const struct pick *);

/* A prompt: text typed into a line (or, multiline, a box). */
#define PROMPT_MULTILINE	0x1	/* Enter is a line break, ^D keeps */
#define PROMPT_BS_CLOSES	0x2	/* Backspace on an empty one closes */

struct prompt {
	const char	*label;		/* "/", "note: " */
	const char	*initial;	/* NULL: empty */
	const char	*hint;		/* dimmed at the right, or NULL */
	int		 flags;
	/* Enter (or ^D): text is what was typed, borrowed for the call. */
	enum view_rc	(*done)(void *arg, const char *text);
	/* Esc; NULL: it just closes. */
	enum view_rc	(*cancel)(void *arg);
	void		*arg;
};

void		 drv_prompt(struct driver *, const struct prompt *);
/* What the open prompt holds, or NULL when none is open. */
const char	*drv_prompt_text(const struct driver *);

/* A question answered y or n (Esc, and any other key, is no). */
void		 drv_confirm(struct driver *, const char *question,
		    enum view_rc (*answer)(void *arg, int yes), void *arg);

/* The open overlay's kind, for tests and views. */
enum overlay_kind {
	OV_NONE, OV_HELP, OV_INSTRUCTIONS, OV_PICK, OV_PROMPT, OV_CONFIRM,
};
enum overlay_kind drv_overlay(const struct driver *);
/* The item under the picker's cursor (for tests). */
size_t		 drv_pick_cursor(const struct driver *);

#endif
