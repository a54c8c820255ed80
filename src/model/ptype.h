/* The project types: the one list of them. A type is a preset of one
 * control (custom: none, its controls come from a config), and says what
 * tasks its projects take. Everything that asks about types (the presets,
 * what file add and import accept, --multi, the messages) reads this
 * table; a new type is a new row. */
#ifndef SCALEC_PTYPE_H
#define SCALEC_PTYPE_H

#include <stddef.h>

#include "model/kind.h"

/* What tasks a project takes. */
#define CONFIG_TAKES_TEXT	0x1
#define CONFIG_TAKES_IMAGE	0x2

#define NO_KIND		(-1)	/* custom: no preset control */

/*
 * PROJECT_TYPES(T, SEP): T(ID, name, preset kind, its control's name,
 * the multichoice control's name under --multi (NULL: --multi does not
 * apply), what it takes, default labels (NULL: --labels is needed)).
 */
#define PROJECT_TYPES(T, SEP)						\
	T(IMAGE_CLASSIFICATION, "image-classification", CONTROL_CHOICE, \
	    "label", "labels", CONFIG_TAKES_IMAGE, NULL) SEP		\
	T(OBJECT_DETECTION, "object-detection", CONTROL_BOXES,		\
	    "boxes", NULL, CONFIG_TAKES_IMAGE, NULL) SEP		\
	T(SEMANTIC_SEGMENTATION, "semantic-segmentation",		\
	    CONTROL_POLYGONS, "regions", NULL, CONFIG_TAKES_IMAGE,	\
	    NULL) SEP							\
	T(TEXT_CLASSIFICATION, "text-classification", CONTROL_CHOICE,	\
	    "label", "labels", CONFIG_TAKES_TEXT, NULL) SEP		\
	T(NER, "ner", CONTROL_SPANS, "entities", NULL,			\
	    CONFIG_TAKES_TEXT, NULL) SEP				\
	T(SENTIMENT, "sentiment", CONTROL_CHOICE, "sentiment", NULL,	\
	    CONFIG_TAKES_TEXT, "positive,neutral,negative") SEP		\
	T(CUSTOM, "custom", NO_KIND, NULL, NULL, 0, NULL)

struct project_type {
	const char	*name;
	int		 kind;		/* enum control_kind, or NO_KIND */
	const char	*control;	/* the preset control's name */
	const char	*multi_control;	/* with --multi; NULL: not allowed */
	int		 takes;		/* CONFIG_TAKES_*; 0: by the controls */
	const char	*labels;	/* default labels; NULL: none */
};

/* "image-classification, object-detection, ...": a string literal. */
#define PTYPE_NAME_(id, name, kind, control, multi, takes, labels) name
#define PROJECT_TYPE_NAMES PROJECT_TYPES(PTYPE_NAME_, ", ")

/* The type called name, or NULL. */
const struct project_type	*project_type_find(const char *name);
/* The table, in order; *n rows. */
const struct project_type	*project_types(size_t *n);
/* 1 when type is the name of a project type. */
int				 project_type_valid(const char *type);
/* "image-classification, text-classification": the types --multi applies
 * to, from the table; static. */
const char			*project_types_multi(void);
/* 1 when the type's projects take their controls from a config only. */
int				 project_type_custom(const struct project_type *);

#endif
