/* What scalec stats and the consensus lists read: a project's counters
 * and one walk of its annotations grouped by task. The figures
 * themselves are src/quality/'s, over what these hand it. */
#ifndef SCALEC_STORE_STATS_H
#define SCALEC_STORE_STATS_H

#include <stdint.h>

#include "model/state.h"

struct store;

/* Tasks and annotations by where they are, for the progress bar. */
struct stats_progress {
	int64_t	 total;		/* visible tasks */
	int64_t	 done;		/* store/internal.h TASK_DONE_SQL */
	int64_t	 need;		/* fewer submissions than the overlap */
	int64_t	 to_review;	/* annotations waiting for a verdict */
	int64_t	 accepted;
	int64_t	 rejected;
	int64_t	 fixed;
	int64_t	 skipped;	/* annotations skipped */
	int	 overlap;
};

/* 0, or -1 after reporting. */
int	store_stats_progress(struct store *, int64_t project_id,
	    struct stats_progress *);

/* One annotation (not a draft) of the walk, borrowed for the call. */
struct stats_row {
	int64_t			 task;
	int64_t			 user;
	enum annotation_state	 state;
	const char		*result;	/* JSON; a fixed one's fix (or
						   the encoder's bytes) */
	size_t			 result_len;	/* its bytes; a NUL follows */
	double			 lead_time;	/* seconds spent on it */
	const char		*at;		/* submitted, else changed:
						   ISO-8601 UTC */
	int			 removed;	/* out of the overlap */
	int			 has_final;	/* its task has a final answer */
};

/*
 * Calls fn for each annotation of the project's visible tasks but drafts,
 * a task's annotations one after another, the tasks in id order. fn's
 * non-zero stops the walk and is returned; 0, or -1 after reporting.
 * The store is read in a thread of its own meanwhile (store/pipe.h): fn
 * must not use it.
 */
int	store_stats_walk(struct store *, int64_t project_id,
	    int (*fn)(const struct stats_row *, void *), void *arg);
/* The same, each result made by enc in the reading threads
 * (store/quality.h's struct quality_encoder; NULL: the text). */
struct quality_encoder;
int	store_stats_encoded(struct store *, int64_t project_id,
	    const struct quality_encoder *enc,
	    int (*fn)(const struct stats_row *, void *), void *arg);

/* Calls fn with every user's id, login and display name (borrowed). */
int	store_stats_users(struct store *,
	    int (*fn)(int64_t id, const char *name, const char *display,
	    void *), void *arg);

#endif
