/* The driver's overlays, drawn over a view and given keys before it: a
 * text to read (help, instructions), a picker, a prompt, a confirmation.
 * At most one is open. Only driver.c includes this; views open overlays
 * through view.h's drv_ functions. Plain C, no ncurses. */
#ifndef SCALEC_OVERLAY_H
#define SCALEC_OVERLAY_H

#include <stddef.h>

#include "tui/view.h"
#include "util/buf.h"

struct screen;
struct text;
struct text_layout;

struct overlay {
	enum overlay_kind	 kind;
	int			 w, h;		/* the screen's size */

	/* OV_HELP, OV_INSTRUCTIONS */
	struct text		*text;
	struct text_layout	*layout;
	size_t			 top;

	/* OV_PICK: spec with its items copied (texts too) */
	struct pick		 pick;
	struct pick_item	*items;
	size_t			 cursor;	/* in shown */
	size_t			*shown;		/* the items the filter keeps */
	size_t			 nshown;
	struct buf		 filter;	/* typed: a part of their names */

	/* OV_PROMPT: what is typed; cursor is a byte offset in it */
	struct prompt		 prompt;
	char			*label, *hint;
	struct buf		 line;
	size_t			 at;

	/* OV_CONFIRM */
	char			*question;
	enum view_rc		(*answer)(void *, int);
	void			*arg;
};

void		overlay_close(struct overlay *);
/* A text to read, title " Keys " or " Instructions " (kind says which). */
void		overlay_text(struct overlay *, enum overlay_kind,
		    const char *text);
void		overlay_pick(struct overlay *, const struct pick *);
/* The item under the picker's cursor; pick.n when the filter keeps none. */
size_t		overlay_pick_item(const struct overlay *);
void		overlay_prompt(struct overlay *, const struct prompt *);
void		overlay_confirm(struct overlay *, const char *question,
		    enum view_rc (*)(void *, int), void *);
/*
 * A key for the open overlay. Returns what the callback it ran returned,
 * else VIEW_DONE; a message for the status line (a hint) goes to status
 * (statuslen bytes), "" for none.
 */
enum view_rc	overlay_key(struct overlay *, int key, char *status,
		    size_t statuslen);
/* Draws the open overlay; a one-line prompt goes where f says. */
void		overlay_compose(struct overlay *, struct screen *,
		    const struct view_frame *f);

#endif
