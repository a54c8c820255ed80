/* The label config: a project's controls and their labels, written in YAML
 * (scalec-config(5)). Every project type is a preset of the same controls.
 * Parsing never exits: a bad config is reported as FILE:LINE:COLUMN: what is
 * wrong, and NULL is returned. */
#ifndef SCALEC_CONFIG_H
#define SCALEC_CONFIG_H

#include <stddef.h>

#include <jansson.h>

#include "model/gold.h"
#include "model/keybind.h"
#include "model/kind.h"
#include "model/ptype.h"
#include "model/review.h"

#define OVERLAP_MAX	1000	/* people per task, at most */

struct label {
	char	*name;
	char	*key;		/* one character as UTF-8; "" for none (a
				 * label past the ninth, or retired) */
	char	*description;	/* "" when absent */
	char	*colour;	/* a colour name or #rrggbb; "" when absent */
	int	 retired;	/* kept for old annotations, not in the palette */
	int	 has_id;	/* id: was given */
	int	 id;		/* id: the number formats that number labels
				 * write (COCO's category_id), 0 or more;
				 * labels without one are numbered after the
				 * highest (label_ids) */
	unsigned key_line;	/* where its key was written (1-based), for */
	unsigned key_col;	/* messages; 0 when it was not (a digit
				 * given by position, which project edit
				 * may change back to the label's own) */
};

struct control {
	char			*name;
	enum control_kind	 kind;
	struct label		*labels;
	size_t			 nlabels;
	int			 max;	/* rating: the highest value (default 5) */
	int			 allow_empty; /* multichoice: none is an answer */
	int			 multiline; /* text: may hold line breaks */
	int			 retired; /* kept for old annotations:
					   * not offered on the screens */
};

struct config {
	char		*type;		/* the project type; "" when not said */
	char		*instructions;	/* "" when absent */
	int		 overlap;	/* 0 when the config does not say */
	int		 require_enter;	/* settings: a choice key does not submit */
	int		 consensus_min;	/* settings: the annotators a span
					   needs for consensus; 0: a strict
					   majority (quality/consensus.h) */
	double		 extra_below;	/* settings: agreement below this at
					   the overlap asks for more
					   annotators; 0: never */
	int		 extra_max;	/* settings: at most this many more
					   (0: 1 when extra_below is set) */
	struct review_policy review;	/* settings: review:, on_reject:,
					   final:, comment_required: */
	unsigned	 review_said;	/* CONFIG_SAID_*: which of them the
					   config wrote */
	struct gold_policy gold;	/* settings: gold_rate:, ... */
	struct control	*controls;
	size_t		 ncontrols;
	struct keybinds	 keys;		/* keys: the project's own keys for
					   the screens' requests */
};

/* The review settings a config wrote (struct config's review_said); the
 * others are the project's as they are (an edit keeps them). */
#define CONFIG_SAID_REVIEW	0x1
#define CONFIG_SAID_ON_REJECT	0x2
#define CONFIG_SAID_FINAL	0x4
#define CONFIG_SAID_COMMENT	0x8

/*
 * Parses a config from text (len bytes); filename is only for messages.
 * Checks everything it can know: kinds, duplicate names, labels, keys (one
 * character, unique within a control). Whether a screen reserves a key is
 * the screens' to say: keymap_check_config (tui/keymap.h) refuses a config
 * whose label takes one, with the position kept in the label. Labels
 * without a key take the digits 1-9 in order (skipping digits another
 * label names). Anchors and aliases are refused. Returns NULL after
 * reporting.
 */
struct config	*config_parse(const char *text, size_t len,
		    const char *filename);
/* Reads and parses a file ("-" is stdin, "stdin" in messages), through
 * util/input.h. */
struct config	*config_load(const char *path);
/*
 * The preset for a project type: labels is a comma-separated list or NULL
 * for the type's default (sentiment: positive,neutral,negative); multi makes
 * a classification multichoice. NULL after reporting (unknown type, custom
 * without a config, no labels where some are needed).
 */
struct config	*config_preset(const char *type, const char *labels, int multi);
/* The config as YAML that config_parse reads back the same; caller frees. */
char		*config_to_yaml(const struct config *);
void		 config_free(struct config *);

/* Gives the labels of c that have no key the digits 1-9 in order, skipping
 * digits other labels take; past nine a label has none. */
void		 control_assign_keys(struct control *);

/* For project edit, keeping what old annotations use: appends a retired
 * copy of a label to c (no key), or a retired copy of a control to cfg. */
void		 control_keep_label(struct control *, const struct label *);
void		 config_keep_control(struct config *, const struct control *);

/*
 * For project edit: carries into cfg what the annotations use of old (the
 * project's config when they were counted: uses, from answer_uses_add)
 * and cfg drops, as retired labels and controls: with force, or where
 * they were retired already. Without force it refuses, reporting each;
 * and always for a control whose kind would change under its
 * annotations. What it retires is appended to retired as {"control",
 * "label" (null for a control), "annotations"}. Keys stay: a label whose
 * key cfg does not write keeps the one it had in old, where no written
 * key takes it (new labels take the free digits). 0, or -1 after
 * reporting.
 */
struct answer_uses;
int		 config_reconcile(const struct config *old, struct config *cfg,
		    const struct answer_uses *uses, int force,
		    json_t *retired);

/*
 * The numbers of n labels in order (a format's classes, each the label of
 * one or two controls: ids[i] set where the config gives one): those
 * given kept, the others numbered from 1 in order after the highest
 * given; once INT_MAX is held, the lowest ids no label holds. ids has n
 * entries, has[i] 1 where ids[i] was given.
 */
void		 label_ids(int *ids, const int *has, size_t n);

/* Lookups; NULL when absent. */
const struct control	*config_control(const struct config *,
			    const char *name);
const struct label	*control_label(const struct control *,
			    const char *name);
/* What kinds of task a project takes, CONFIG_TAKES_TEXT and/or _IMAGE: by
 * its type, and for a custom project by its controls (spans need text,
 * boxes and polygons images; either when the controls say neither). One
 * rule for file add and import. */
int			 config_takes(const struct config *, const char *type);

#endif
