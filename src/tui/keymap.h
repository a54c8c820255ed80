/* The screens' key bindings: one X-macro list feeds the request enum, the
 * key lookup and the `?` help, so the help can never drift from the keys
 * (tig's request.h). A project's label keys come from its config; a config
 * that binds a key listed here is refused (config.c asks keymap_reserved).
 * No ncurses here: keys are code points, or the K_ values past Unicode that
 * the drawing layer maps ncurses' KEY_ codes to. */
#ifndef SCALEC_KEYMAP_H
#define SCALEC_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

enum key {
	K_NONE = 0,
	K_TAB = '\t',
	K_ENTER = '\n',
	K_ESC = 0x1b,
	K_SPACE = ' ',
	K_BASE = 0x110000,	/* past the last code point */
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_BACKSPACE, K_BTAB, K_RESIZE, K_CTRL_L,
};

/*
 * REQ_GROUP(title) starts a section of the help; REQ_(name, key, alt, help)
 * binds key and alt (K_NONE for none) to request name.
 */
#define REQ_LIST							\
	REQ_GROUP("Labelling")						\
	REQ_(SUBMIT,		K_ENTER,	K_NONE,			\
	    "submit the annotation and go to the next task")		\
	REQ_(SKIP,		's',		K_NONE,	"skip this task")	\
	REQ_(UNDO,		'u',		K_NONE,	"undo the last change")	\
	REQ_(PREV_TASK,		K_BACKSPACE,	K_NONE,			\
	    "go back to the previous task")				\
	REQ_(NEXT_CONTROL,	'c',		K_NONE,			\
	    "label the next control (several controls)")		\
	REQ_(PICKER,		'p',		K_NONE,			\
	    "pick from all labels (more labels than keys)")		\
	REQ_GROUP("Moving (spans)")					\
	REQ_(NEXT_TOKEN,	'l',		K_RIGHT, "next token")		\
	REQ_(PREV_TOKEN,	'h',		K_LEFT,	"previous token")	\
	REQ_(LINE_DOWN,		'j',		K_DOWN,	"next line")		\
	REQ_(LINE_UP,		'k',		K_UP,	"previous line")	\
	REQ_(FIRST,		K_HOME,		K_NONE,			\
	    "first token (spans), else the top of the text")		\
	REQ_(LAST,		K_END,		K_NONE,			\
	    "last token (spans), else the bottom of the text")	\
	REQ_(SEARCH,		'/',		K_NONE,			\
	    "search: type text, Enter goes to the next match")		\
	REQ_(SEARCH_NEXT,	'n',		K_NONE,	"next match")		\
	REQ_(ANCHOR,		'v',		K_SPACE,			\
	    "anchor a selection; moving extends it")			\
	REQ_(DELETE_SPAN,	'x',		K_NONE,	"delete the span")	\
	REQ_(NEXT_SPAN,		K_TAB,		K_NONE,	"next span")		\
	REQ_(PREV_SPAN,		K_BTAB,		K_NONE,	"previous span")	\
	REQ_GROUP("Screen")						\
	REQ_(PAGE_DOWN,		K_PGDN,		K_NONE,	"scroll down a page")	\
	REQ_(PAGE_UP,		K_PGUP,		K_NONE,	"scroll up a page")	\
	REQ_(INSTRUCTIONS,	'i',		K_NONE,			\
	    "show the project's instructions")				\
	REQ_(HELP,		'?',		K_NONE,	"show this help")	\
	REQ_(REDRAW,		K_CTRL_L,	K_NONE,	"redraw the screen")	\
	REQ_(CANCEL,		K_ESC,		K_NONE,			\
	    "cancel what is half-typed (a search, a selection)")	\
	REQ_(QUIT,		'q',		K_NONE,			\
	    "quit; the draft is saved")

enum request {
	REQ_NONE = 0,
#define REQ_GROUP(title)
#define REQ_(name, key, alt, help) REQ_##name,
	REQ_LIST
#undef REQ_GROUP
#undef REQ_
	REQ__COUNT
};

struct keymap_entry {
	enum request	 req;		/* REQ_NONE for a group title */
	int		 key;
	int		 alt;
	const char	*help;		/* or the group's title */
};

/* The table in list order, n entries (group titles included). */
const struct keymap_entry	*keymap_table(int *n);
/* The request bound to key, or REQ_NONE. */
enum request			 keymap_request(int key);
/* The help text of the request that reserves key, or NULL when free. */
const char			*keymap_reserved(int key);
/* A key's name for help and messages: "Enter", "PgDn", "x"; static. */
const char			*keymap_key_name(int key);
/* The key a name (len bytes, any case) stands for: a special key's name
 * or another spelling of it ("Return", "PageDown"); -1 when none. */
int				 keymap_key_from_name(const char *name,
				    size_t len);
/* "Enter, Esc, Tab, ...": the special keys' names, for messages. */
const char			*keymap_key_names(void);

#endif
