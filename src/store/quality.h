/* What the quality figures read (scalec agreement): per task, each
 * person's answer in force, streamed in task order so that no caller
 * holds a project's annotations at once. The store gives each result as
 * the JSON text it is stored as, never a parsed tree: the answer model
 * reads it (model/answer_scan.h), and a million tasks cost no million
 * trees. */
#ifndef SCALEC_STORE_QUALITY_H
#define SCALEC_STORE_QUALITY_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* One person's answer to the task. */
struct quality_answer {
	int64_t		 user_id;
	const char	*value;		/* the result, JSON text */
	size_t		 len;		/* bytes */
};

/* A task with the answers in force: submitted, accepted and fixed
 * annotations (a fixed one with its person's own result, not the
 * reviewer's fix: the figures are about the annotators), never drafts,
 * skips, rejected or removed ones. Borrowed until fn returns. */
struct quality_task {
	int64_t				 task_id;
	const char			*text;	/* QUALITY_TEXT: the task's
						 * text (NULL: an image) */
	size_t				 text_len;
	const struct quality_answer	*v;	/* by user id, each once */
	size_t				 n;	/* 1 or more */
};

#define QUALITY_TEXT	0x1	/* read each task's text too (spans) */

struct buf;

/*
 * What the reading threads make of each answer's text before it is
 * handed over (the answer's value and len are then those bytes): the
 * caller's parsing done beside SQLite's reading instead of after it.
 * open makes one state per reading thread (from arg), encode appends
 * the bytes for one text to out, close frees the state; all three run
 * in the reading threads, beside fn, so they share nothing writable
 * with it or with each other.
 */
struct quality_encoder {
	void	*(*open)(void *arg);
	void	 (*encode)(void *state, const char *text, size_t len,
		    struct buf *out);
	void	 (*close)(void *state);
	void	  *arg;
};

/*
 * Calls fn for each visible task of the project that has an answer in
 * force, in task order. fn returns non-zero to stop. Returns 0, fn's
 * non-zero, or -1 after reporting. The store is read in a thread of its
 * own meanwhile (store/pipe.h): fn must not use it.
 */
int	store_quality_each(struct store *, int64_t project_id, int flags,
	    int (*fn)(const struct quality_task *, void *), void *arg);
/* The same, each answer's value made by enc (NULL: the text). */
int	store_quality_encoded(struct store *, int64_t project_id, int flags,
	    const struct quality_encoder *enc,
	    int (*fn)(const struct quality_task *, void *), void *arg);

#endif
