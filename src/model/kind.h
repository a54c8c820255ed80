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
 * CONTROL_KINDS(K, SEP): K(ID, name, flags, functions, hint) for each
 * kind, SEP between two, so that one list gives the enum, the table and
 * the names. Its functions (load, emit, compare) are kind_FUNCTIONS_ops,
 * in model/kind_FUNCTIONS.c; its hint says what a person does with it, in
 * the screens' help and messages.
 */
#define CONTROL_KINDS(K, SEP)						\
	K(CHOICE, "choice", KIND_LABELS | KIND_VALUE, choice,		\
	    "choose one label") SEP					\
	K(MULTICHOICE, "multichoice", KIND_LABELS | KIND_VALUE,	\
	    multichoice, "choose any labels") SEP			\
	K(SPANS, "spans", KIND_LABELS | KIND_NEEDS_TEXT | KIND_REGIONS,	\
	    spans, "label spans of the text") SEP			\
	K(BOXES, "boxes", KIND_LABELS | KIND_NEEDS_IMAGE | KIND_REGIONS, \
	    boxes, "draw labelled boxes on the image") SEP		\
	K(POLYGONS, "polygons", KIND_LABELS | KIND_NEEDS_IMAGE |	\
	    KIND_REGIONS, polygons,					\
	    "draw labelled regions on the image") SEP			\
	K(TEXT, "text", KIND_VALUE, text, "write a text") SEP		\
	K(RATING, "rating", KIND_VALUE, rating, "give a rating")

enum control_kind {
#define KIND_ENUM_(id, name, flags, ops, hint) CONTROL_##id,
	CONTROL_KINDS(KIND_ENUM_, )
#undef KIND_ENUM_
	CONTROL__COUNT
};

/* "choice, multichoice, ...": for messages, a string literal. */
#define KIND_NAME_(id, name, flags, ops, hint) name
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

#endif
