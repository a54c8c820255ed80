/* The kinds of control a label config can hold: the one list of them.
 * Everything that depends on a kind (its name in YAML, whether it has
 * labels, what task it needs, whether Enter needs a value) is a column
 * here; a new kind is a new row. */
#ifndef SCALEC_KIND_H
#define SCALEC_KIND_H

/* What a kind is, as flags. */
#define KIND_LABELS	0x01	/* it has a list of labels */
#define KIND_NEEDS_TEXT	0x02	/* its values point into a text task */
#define KIND_NEEDS_IMAGE 0x04	/* its values are regions of an image */
#define KIND_REGIONS	0x08	/* a list of regions: empty is an answer
				   ("no entities"), stored as [] */
#define KIND_VALUE	0x10	/* one value: submitting needs it set */

/*
 * What a person does with a kind on a screen: the groups of keys it uses.
 * The screens' key table (tui/keymap.h) binds each of its keys for some
 * groups, so a label's key collides only with the keys of its control's
 * kind, and the help lists only those.
 */
#define KEYS_CHOOSE	0x01	/* label keys choose labels */
#define KEYS_MARK	0x02	/* move over the text's tokens, mark spans */
#define KEYS_RATE	0x04	/* digits rate */
#define KEYS_WRITE	0x08	/* an editor writes text */
#define KEYS_DRAW	0x10	/* move a crosshair over the image, zoom */
#define KEYS_NOTHING	0x20	/* nothing to label on this screen */
#define KEYS_BOXES	0x40	/* draw boxes with the crosshair */
#define KEYS_POLYGONS	0x80	/* draw polygons with the crosshair */
#define KEYS_IMAGE	0x100	/* the task is an image: zoom (no kind's own:
				   the labeler adds it on an image task) */
#define KEYS_PAN	0x200	/* a zoomed image with no crosshair: the view
				   pans (the labeler adds it) */
#define KEYS_ANY	0x3ff

/*
 * CONTROL_KINDS(K, SEP): K(ID, name, flags, functions, keys, hint) for
 * each kind, SEP between two, so that one list gives the enum, the table
 * and the names. Its functions (load, emit, compare) are
 * kind_FUNCTIONS_ops, in model/kind_*.c; keys are its KEYS_ groups; its
 * hint says what a person does with it, for the screens' help.
 */
#define CONTROL_KINDS(K, SEP)						\
	K(CHOICE, "choice", KIND_LABELS | KIND_VALUE, choice,		\
	    KEYS_CHOOSE, "choose one label") SEP			\
	K(MULTICHOICE, "multichoice", KIND_LABELS | KIND_VALUE,	\
	    multichoice, KEYS_CHOOSE, "choose any of the labels") SEP	\
	K(SPANS, "spans", KIND_LABELS | KIND_NEEDS_TEXT | KIND_REGIONS,	\
	    spans, KEYS_MARK, "mark spans of the text and label them") SEP \
	K(BOXES, "boxes", KIND_LABELS | KIND_NEEDS_IMAGE | KIND_REGIONS, \
	    boxes, KEYS_DRAW | KEYS_BOXES, "draw labelled boxes on the image") SEP	\
	K(POLYGONS, "polygons", KIND_LABELS | KIND_NEEDS_IMAGE |	\
	    KIND_REGIONS, polygons, KEYS_DRAW | KEYS_POLYGONS,		\
	    "draw labelled regions on the image") SEP			\
	K(TEXT, "text", KIND_VALUE, text, KEYS_WRITE, "write a text") SEP \
	K(RATING, "rating", KIND_VALUE, rating, KEYS_RATE,		\
	    "give a rating")

enum control_kind {
#define KIND_ENUM_(id, name, flags, ops, keys, hint) CONTROL_##id,
	CONTROL_KINDS(KIND_ENUM_, )
#undef KIND_ENUM_
	CONTROL__COUNT
};

/* "choice, multichoice, ...": for messages, a string literal. */
#define KIND_NAME_(id, name, flags, ops, keys, hint) name
#define CONTROL_KIND_NAMES CONTROL_KINDS(KIND_NAME_, ", ")

/* "choice", "spans", ...; "?" for no kind. */
const char	*control_kind_name(enum control_kind);
/* The kind called name, or -1. */
int		 control_kind_from_name(const char *name);
/* The kind's KIND_ flags. */
int		 control_kind_flags(enum control_kind);
/* 1 for the kinds that have labels (all but text and rating). */
int		 control_has_labels(enum control_kind);
/* "choose one label", ...: what a person does with the kind. */
const char	*control_kind_hint(enum control_kind);
/* The kind's KEYS_ groups. */
int		 control_kind_keys(enum control_kind);

#endif
