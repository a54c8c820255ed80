/* Which tasks a labelling session walks (annotate --filter, and the
 * labeler's search across tasks): a substring of a task's text, or
 * meta.KEY=VALUE, a value in its metadata. The store runs it
 * (store/assign.h); this is what an expression means. */
#ifndef SCALEC_FILTER_H
#define SCALEC_FILTER_H

#include <stddef.h>

struct task_filter {
	char	*text;		/* a substring of the text (case matters); NULL */
	char	*meta_key;	/* meta.KEY=VALUE: KEY; NULL */
	char	*meta_value;	/* ... and VALUE, compared as text */
	char	*expr;		/* what was given, for titles and messages */
};

#define TASK_FILTER_INIT { NULL, NULL, NULL, NULL }

/*
 * Reads expr into *f: "meta.KEY=VALUE" tests the top-level metadata key
 * KEY (a number or true/false compares by its text: 3, 1 for true), any
 * other text is a substring of the task's text. An empty expression, a
 * meta test without '=' or KEY, or a KEY with '"' is refused with err
 * set: -1. 0 on success (task_filter_release frees f).
 */
int	task_filter_parse(const char *expr, struct task_filter *f, char *err,
	    size_t errlen);
void	task_filter_release(struct task_filter *);

#endif
