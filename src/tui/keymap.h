/* The screens' key bindings: one X-macro list feeds the request enum, the
 * key lookup, the `?` help and the man pages' lists, so the help can never
 * drift from the keys (tig's request.h). A project's label keys come from
 * its config; a config whose label takes a key bound here for its
 * control's kind is refused (keymap_check_config), naming both.
 *
 * Each binding holds in some scopes and for some kinds of control:
 *
 *   scope   KS_DRIVER: every view (help, instructions, redraw, quit);
 *           KS_LABELER: wherever a labeler takes keys (the annotate view,
 *           and a review's fix); KS_TASKS: a view that walks tasks (skip,
 *           back); KS_REVIEW: the review view (scalec review), whose
 *           keys may be letters that are labels elsewhere (a fix is a
 *           labeler's, with KS_LABELER's keys). A view takes the keys of
 *           its scopes, and a label's key may be any key no scope of the
 *           labelling views binds.
 *   groups  the KEYS_ groups of model/kind.h the binding serves: span
 *           movement binds for KEYS_MARK only, so on a choice screen l and
 *           h are free for labels and the help does not list them.
 *
 * The same key may mean different requests for different groups (j moves
 * the cursor a line on a text's spans, and scrolls the text otherwise).
 * No ncurses here: keys are code points, or the K_ values past Unicode
 * that the drawing layer maps ncurses' KEY_ codes to. */
#ifndef SCALEC_KEYMAP_H
#define SCALEC_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "model/kind.h"

enum key {
	K_NONE = 0,
	K_TAB = '\t',
	K_ENTER = '\n',
	K_ESC = 0x1b,
	K_SPACE = ' ',
	K_BASE = 0x110000,	/* past the last code point */
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_BACKSPACE, K_BTAB, K_RESIZE, K_CTRL_L, K_DELETE,
};

/* Where a binding holds. */
#define KS_DRIVER	0x1	/* every view */
#define KS_LABELER	0x2	/* a labeler's keys */
#define KS_TASKS	0x4	/* a view that walks tasks */
#define KS_REVIEW	0x8	/* the review view's own (scalec review) */
/* Not a scope but a flag beside one: the binding's default keys yield to
 * a label's key and to a keys: that takes them (the binding keeps the
 * others), where any other binding's would refuse the config. For the
 * keys that hold on every kind of control over an image (z, Z), which
 * would otherwise take letters from every image project's labels. */
#define KS_YIELDS	0x10
/* The scopes of the views that take label keys. */
#define KS_LABELLING	(KS_DRIVER | KS_LABELER | KS_TASKS)
/* The review view's, apart from a fix (which is a labeler's). */
#define KS_REVIEWING	(KS_DRIVER | KS_REVIEW)
/* 1 when bindings of scopes a and b are ever in force in one view at
 * once, so that they may not share a key. */
#define KS_MEET(a, b)	((((a) & KS_LABELLING) && ((b) & KS_LABELLING)) || \
			    (((a) & KS_REVIEWING) && ((b) & KS_REVIEWING)))

/* The text's scrolling: not where the keys move over a text or an image. */
#define KEYS_SCROLL	(KEYS_ANY & ~(KEYS_MARK | KEYS_DRAW | KEYS_BOXES | \
			    KEYS_POLYGONS | KEYS_IMAGE | KEYS_PAN))

/*
 * REQ_GROUP(title) starts a section of the help; REQ_(scope, groups,
 * name, key, alt, help) binds key and alt (K_NONE for none) to request
 * name.
 */
#define REQ_LIST							\
	REQ_GROUP("Labelling")						\
	REQ_(KS_LABELER, KEYS_ANY, SUBMIT, K_ENTER, K_NONE,		\
	    "submit the annotation and go to the next task")		\
	REQ_(KS_TASKS, KEYS_ANY, SKIP, 's', K_NONE, "skip this task")	\
	REQ_(KS_LABELER, KEYS_ANY, UNDO, 'u', K_NONE,			\
	    "undo the last change")					\
	REQ_(KS_TASKS, KEYS_ANY, PREV_TASK, K_BACKSPACE, K_NONE,	\
	    "go back to the previous task")				\
	REQ_(KS_TASKS, KEYS_ANY, GOTO_TASK, 'g', K_NONE,		\
	    "go to a task: its number, or id:VALUE")			\
	REQ_(KS_TASKS, KEYS_ANY, FIND_TASKS, 'f', K_NONE,		\
	    "find tasks: text or meta.KEY=VALUE (empty: all)")		\
	REQ_(KS_LABELER, KEYS_ANY, NEXT_CONTROL, 'c', K_NONE,		\
	    "label the next control (several controls)")		\
	REQ_(KS_LABELER, KEYS_CHOOSE | KEYS_MARK | KEYS_DRAW, PICKER, 'p',	\
	    K_NONE,							\
	    "pick from all labels (more labels than keys)")		\
	REQ_(KS_LABELER, KEYS_WRITE, EDIT, 'e', K_NONE,		\
	    "write the text (Enter keeps it, Esc cancels)")		\
	REQ_GROUP("Reviewing")						\
	REQ_(KS_REVIEW, KEYS_ANY, ACCEPT, 'a', K_NONE,			\
	    "accept the annotation and go to the next")		\
	REQ_(KS_REVIEW, KEYS_ANY, REJECT, 'r', K_NONE,			\
	    "reject it with a comment (Esc cancels) and go to the next")	\
	REQ_(KS_REVIEW, KEYS_ANY, FIX, 'e', K_NONE,			\
	    "fix it: edit the result, Enter stores the fix, Esc cancels")	\
	REQ_(KS_REVIEW, KEYS_ANY, COMMENT, 'm', K_NONE,		\
	    "comment on it, without a verdict")			\
	REQ_(KS_REVIEW, KEYS_ANY, FINAL, K_ENTER, K_NONE,		\
	    "overlap: the highlighted version is the task's final answer")	\
	REQ_(KS_REVIEW, KEYS_ANY, VERSION_DOWN, 'j', K_DOWN,		\
	    "overlap: highlight the next person's version")		\
	REQ_(KS_REVIEW, KEYS_ANY, VERSION_UP, 'k', K_UP,		\
	    "overlap: highlight the previous person's version")	\
	REQ_(KS_REVIEW, KEYS_ANY, NEXT_ITEM, 'n', K_NONE,		\
	    "next in the queue, no verdict")				\
	REQ_(KS_REVIEW, KEYS_ANY, PREV_ITEM, 'p', K_NONE,		\
	    "previous in the queue")					\
	REQ_(KS_REVIEW, KEYS_ANY, BACK, K_BACKSPACE, K_NONE,		\
	    "back to the one reviewed last")				\
	REQ_(KS_REVIEW, KEYS_ANY, WITHDRAW, 'u', K_NONE,		\
	    "undo this session's last verdict (a withdrawal is recorded)")	\
	REQ_GROUP("Moving (spans)")					\
	REQ_(KS_LABELER, KEYS_MARK, NEXT_TOKEN, 'l', K_RIGHT,		\
	    "next token")						\
	REQ_(KS_LABELER, KEYS_MARK, PREV_TOKEN, 'h', K_LEFT,		\
	    "previous token")						\
	REQ_(KS_LABELER, KEYS_MARK, TOKENS_NEXT, 'w', K_NONE,		\
	    "five tokens on")						\
	REQ_(KS_LABELER, KEYS_MARK, TOKENS_PREV, 'b', K_NONE,		\
	    "five tokens back")						\
	REQ_(KS_LABELER, KEYS_MARK, HINTS, 't', K_NONE,		\
	    "jump: a hint on every token in sight, type one to go there"	\
	    " (in capitals: it and the next selected)")			\
	REQ_(KS_LABELER, KEYS_MARK, LINE_DOWN, 'j', K_DOWN, "next line")	\
	REQ_(KS_LABELER, KEYS_MARK, LINE_UP, 'k', K_UP, "previous line")	\
	REQ_(KS_LABELER, KEYS_MARK, FIRST, K_HOME, K_NONE, "first token")	\
	REQ_(KS_LABELER, KEYS_MARK, LAST, K_END, K_NONE, "last token")	\
	REQ_(KS_LABELER, KEYS_MARK, SEARCH, '/', K_NONE,		\
	    "search: type text, Enter goes to the next match")		\
	REQ_(KS_LABELER, KEYS_MARK, SEARCH_NEXT, 'n', K_NONE,		\
	    "next match")						\
	REQ_(KS_LABELER, KEYS_MARK, ANCHOR, 'v', K_SPACE,		\
	    "anchor a selection; moving extends it")			\
	REQ_(KS_LABELER, KEYS_MARK, SELECT_NEXT, 'L', K_NONE,		\
	    "select from the cursor a token on (again: one more)")	\
	REQ_(KS_LABELER, KEYS_MARK, SELECT_PREV, 'H', K_NONE,		\
	    "select from the cursor a token back (again: one more)")	\
	REQ_(KS_LABELER, KEYS_MARK, DELETE_SPAN, 'x', K_NONE,		\
	    "delete the span")						\
	REQ_(KS_LABELER, KEYS_MARK, NEXT_SPAN, K_TAB, K_NONE,		\
	    "next span")						\
	REQ_(KS_LABELER, KEYS_MARK, PREV_SPAN, K_BTAB, K_NONE,		\
	    "previous span")						\
	REQ_GROUP("Drawing (boxes, polygons)")				\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_LEFT, 'h', K_LEFT,		\
	    "crosshair left a step")					\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_DOWN, 'j', K_DOWN,		\
	    "crosshair down a step")					\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_UP, 'k', K_UP,		\
	    "crosshair up a step")					\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_RIGHT, 'l', K_RIGHT,	\
	    "crosshair right a step")					\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_LEFT_FAR, 'H', K_NONE,	\
	    "crosshair left eight steps")				\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_DOWN_FAR, 'J', K_NONE,	\
	    "crosshair down eight steps")				\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_UP_FAR, 'K', K_NONE,	\
	    "crosshair up eight steps")					\
	REQ_(KS_LABELER, KEYS_DRAW, CROSS_RIGHT_FAR, 'L', K_NONE,	\
	    "crosshair right eight steps")				\
	REQ_(KS_LABELER, KEYS_DRAW, JUMP, 't', K_NONE,		\
	    "jump: a letter grid over the image, two letters go there")	\
	REQ_(KS_LABELER, KEYS_BOXES, CORNER, 'v', K_SPACE,		\
	    "anchor a box's corner at the crosshair; moving stretches"	\
	    " it, a label's key finishes it")				\
	REQ_(KS_LABELER, KEYS_BOXES, NEXT_BOX, K_TAB, K_NONE,		\
	    "select the next box (a label's key relabels it)")		\
	REQ_(KS_LABELER, KEYS_BOXES, PREV_BOX, K_BTAB, K_NONE,		\
	    "select the previous box")					\
	REQ_(KS_LABELER, KEYS_BOXES, DELETE_BOX, 'x', K_NONE,		\
	    "delete the selected box")					\
	REQ_(KS_LABELER, KEYS_BOXES, RESIZE_BOX, 'r', K_NONE,		\
	    "resize the selected box: moving moves a corner, again the"	\
	    " other; Enter or a label's key keeps it")			\
	REQ_(KS_LABELER, KEYS_POLYGONS, VERTEX, '.', K_SPACE,		\
	    "add a vertex at the crosshair: the first opens a polygon,"	\
	    " Enter closes it, a label's key labels it")		\
	REQ_(KS_LABELER, KEYS_POLYGONS, MOVE_VERTEX, 'm', K_NONE,	\
	    "move the vertex nearest the crosshair: moving moves it,"	\
	    " . puts it, Esc puts it back")				\
	REQ_(KS_LABELER, KEYS_POLYGONS, DELETE_VERTEX, 'd', K_NONE,	\
	    "delete the vertex nearest the crosshair")			\
	REQ_(KS_LABELER, KEYS_POLYGONS, NEXT_POLYGON, K_TAB, K_NONE,	\
	    "select the next polygon (a label's key relabels it)")	\
	REQ_(KS_LABELER, KEYS_POLYGONS, PREV_POLYGON, K_BTAB, K_NONE,	\
	    "select the previous polygon")				\
	REQ_(KS_LABELER, KEYS_POLYGONS, DELETE_POLYGON, 'x', K_NONE,	\
	    "delete the selected polygon")				\
	REQ_GROUP("Images")						\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_IMAGE, ZOOM_IN, 'z', '+',	\
	    "zoom in around the crosshair (2x, 4x, 8x)")		\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_IMAGE, ZOOM_OUT, 'Z', '-',	\
	    "zoom back out")						\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_PAN, PAN_LEFT, 'h', K_LEFT,	\
	    "zoomed in with no crosshair: pan left")			\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_PAN, PAN_DOWN, 'j', K_DOWN,	\
	    "pan down")							\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_PAN, PAN_UP, 'k', K_UP,	\
	    "pan up")							\
	REQ_(KS_LABELER | KS_YIELDS, KEYS_PAN, PAN_RIGHT, 'l', K_RIGHT,	\
	    "pan right")						\
	REQ_GROUP("Screen")						\
	REQ_(KS_LABELER, KEYS_SCROLL, SCROLL_DOWN, 'j', K_DOWN,	\
	    "scroll the text down a line")				\
	REQ_(KS_LABELER, KEYS_SCROLL, SCROLL_UP, 'k', K_UP,		\
	    "scroll the text up a line")				\
	REQ_(KS_LABELER, KEYS_SCROLL, TOP, K_HOME, K_NONE,		\
	    "the top of the text")					\
	REQ_(KS_LABELER, KEYS_SCROLL, BOTTOM, K_END, K_NONE,		\
	    "the bottom of the text")					\
	REQ_(KS_LABELER, KEYS_ANY, PAGE_DOWN, K_PGDN, K_NONE,		\
	    "scroll down a page")					\
	REQ_(KS_LABELER, KEYS_ANY, PAGE_UP, K_PGUP, K_NONE,		\
	    "scroll up a page")						\
	REQ_(KS_DRIVER, KEYS_ANY, INSTRUCTIONS, 'i', K_NONE,		\
	    "the instructions; on an image, its path and size")	\
	REQ_(KS_DRIVER, KEYS_ANY, HELP, '?', K_NONE, "show this help")	\
	REQ_(KS_DRIVER, KEYS_ANY, REDRAW, K_CTRL_L, K_NONE,		\
	    "redraw the screen")					\
	REQ_(KS_DRIVER, KEYS_ANY, CANCEL, K_ESC, K_NONE,		\
	    "cancel what is half-typed (a search, a selection)")	\
	REQ_(KS_DRIVER, KEYS_ANY, QUIT, 'q', K_NONE,			\
	    "quit; the draft is saved")

enum request {
	REQ_NONE = 0,
#define REQ_GROUP(title)
#define REQ_(scope, groups, name, key, alt, help) REQ_##name,
	REQ_LIST
#undef REQ_GROUP
#undef REQ_
	REQ__COUNT
};

struct keymap_entry {
	enum request	 req;		/* REQ_NONE for a group title */
	int		 scope;		/* KS_ */
	int		 groups;	/* KEYS_ (model/kind.h) */
	int		 key;
	int		 alt;
	const char	*help;		/* or the group's title */
	const char	*name;		/* "SKIP": keys: names it in any case */
	const char	*file;		/* the keys: that gave key; NULL */
	unsigned	 line, col;	/* for the default */
	/* A KS_YIELDS binding's default key that a label or a keys: took
	 * (K_NONE: none), and what took it: "label \"z\"", "undo". */
	int		 yielded;
	char		 yielded_to[64];
};

/* The table in list order, n entries (group titles included): the
 * defaults, or what keymap_configure made of them. */
const struct keymap_entry	*keymap_table(int *n);

struct config;
struct keybinds;
/*
 * Binds the keys a person's config.yaml (person, in file person_file; may
 * be NULL) and then a project's config (its keys:, in cfg_file) choose
 * for requests, over the defaults: the project's map wins for a request
 * both name. Refused at FILE:LINE:COLUMN, with the table left at its
 * defaults: an unknown request, a key that is not one character or a
 * key's name, a digit (the labels' keys), two requests on one key where
 * they would both hold, and a label's key that a request now takes. 0, or
 * -1 after reporting each. A KS_YIELDS binding is the exception: a
 * label's key or a keys: on one of its default keys wins, and the
 * binding keeps its other key (z yields, + still zooms).
 */
int				 keymap_configure(const struct keybinds *person,
				    const char *person_file,
				    const struct config *cfg,
				    const char *cfg_file);
/* Back to the defaults. */
void				 keymap_reset(void);
/* The request bound to key in one of scopes, for a control whose keys are
 * groups (KEYS_ANY: any binding); REQ_NONE when none is. The other
 * spellings terminals send for Enter and Backspace are the same key. */
enum request			 keymap_request(int scopes, int groups, int key);
/* The first key bound to req, for messages; K_NONE when none is. */
/* (After a yield, the key the binding kept.) */
int				 keymap_key_of(enum request);
/* The name of the first key bound to req, for messages: one of four
 * buffers of its own, so that a message may name four keys. */
const char			*keymap_req_key(enum request);
/* The help of the binding of key in scopes for groups, or NULL: what a
 * label's key would collide with. */
const char			*keymap_reserved(int scopes, int groups,
				    int key);
/* A key's name for help and messages: "Enter", "PgDn", "x"; static. */
const char			*keymap_key_name(int key);
/* The key a name (len bytes, any case) stands for: a special key's name
 * or another spelling of it ("Return", "PageDown"); -1 when none. */
int				 keymap_key_from_name(const char *name,
				    size_t len);
/* "Enter, Esc, Tab, ...": the special keys' names, for messages. */
const char			*keymap_key_names(void);
/* A key as the terminal sends it made one of ours: CR is Enter, DEL and
 * ^H are Backspace. */
int				 keymap_normal(int key);

struct buf;
/* Appends the help for the bindings of scopes and groups to b: each
 * section's title and its keys, sections with none left out. */
void				 keymap_help(struct buf *, int scopes,
				    int groups);

/*
 * Refuses a config whose label takes a key that the labelling views bind
 * for its control's kind: "FILE:LINE:COLUMN: label "x" takes key "q",
 * which the screens reserve for "quit; ..."", reporting each. file names
 * the config in messages. 0, or -1 after reporting.
 */
int				 keymap_check_config(const struct config *,
				    const char *file);

#endif
