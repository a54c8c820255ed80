/* A person's annotations in the store, for `scalec annotate`: reading
 * them, and drafts, submissions and skips, each one unit of work of its
 * own. Results are JSON text the caller has validated; they are stored as
 * given (NULL keeps the stored result, "{}" for a new annotation). Which
 * task is next, and leases: store/assign.h. */
#ifndef SCALEC_STORE_ANNOTATION_H
#define SCALEC_STORE_ANNOTATION_H

#include <stdint.h>

#include "model/state.h"

struct store;
struct task;

struct annotation {
	int64_t			 id;
	int64_t			 task_id;
	int64_t			 user_id;
	enum annotation_state	 state;
	char			*result;	/* JSON object as text */
	int			 from_prediction; /* still the suggestion */
	double			 lead_time;	/* seconds spent */
	int			 late;		/* submitted without a live lease */
	int64_t			 acted_by;	/* real login behind --as; 0 */
	char			*created_at;	/* ISO-8601 UTC */
	char			*updated_at;
	int			 removed;	/* rejected and out of its
						 * task's overlap (on_reject:
						 * remove): read only */
};

#define ANNOTATION_INIT { 0, 0, 0, ANN_NONE, NULL, 0, 0, 0, 0, NULL, NULL, 0 }

/* The numbers of the labeler's progress bars. */
struct annotate_progress {
	int64_t	 mine;		/* this person's submitted annotations */
	int64_t	 done;		/* the project's tasks at overlap */
	int64_t	 total;		/* the project's tasks */
	int64_t	 skipped;	/* this person's skipped tasks there */
};

void		 annotation_release(struct annotation *);

/* user_id's annotation of the task: 1 and *a filled (annotation_release),
 * 0 when they have none, -1 on error. */
int	store_annotation_get(struct store *, int64_t task_id, int64_t user_id,
	    struct annotation *a);

/*
 * Saves result as user_id's draft of the task and renews their lease, in
 * one small transaction: it runs on every change. A skipped task becomes
 * a draft again. An edit of their own submitted annotation that is not
 * yet reviewed is saved in place and stays submitted (it already counts;
 * no lease is taken). A reviewed one is refused. acted_by is the real
 * login behind --as (0 when the same). Returns 0 when saved with the lease
 * held (or not needed), 1 when saved but the lease could not be held (the
 * task is full with other sessions: a submission will be flagged late),
 * -1 on error.
 */
int	store_annotation_save_draft(struct store *, int64_t task_id,
	    int64_t user_id, int64_t acted_by, const char *result,
	    int from_prediction, int lease_seconds);

/*
 * Submits result as user_id's annotation of the task, releasing their
 * lease. The task's submitted count and the project's done count change
 * in the same transaction. A submission without a live lease is stored all
 * the same and flagged late. Submitting again one's own submitted
 * annotation that is not yet reviewed updates it (it counts once); a
 * reviewed one (accepted or rejected) is refused with an error.
 * lead_time (seconds) is added to the time spent. Returns 0, 1 when the
 * submission was stored late, -1 on error (nothing changed). A task the
 * person did not get from store_next_task (one Backspace reached that
 * they had skipped) needs store_lease_renew first, or it counts as late.
 */
int	store_annotation_submit(struct store *, int64_t task_id,
	    int64_t user_id, int64_t acted_by, const char *result,
	    int from_prediction, double lead_time);

/*
 * Marks the task skipped by user_id and releases their lease, so that it
 * goes to others; they are not given it again. Skipping one's own
 * submitted annotation withdraws it (the counts go down); a reviewed one
 * is refused. 0 or -1.
 */
int	store_annotation_skip(struct store *, int64_t task_id, int64_t user_id,
	    int64_t acted_by);

/*
 * For Backspace: the task of user_id's annotation in the project changed
 * last before their annotation of task_id (any state), or their last one
 * when they have none of task_id (task_id 0: from the newest). 1 and *prev
 * set, 0 when there is none, -1 on error.
 */
int	store_annotation_previous(struct store *, int64_t project_id,
	    int64_t user_id, int64_t task_id, int64_t *prev);

/* Fills *p for user_id in the project; 0, or -1 (and for no project). */
int	store_annotate_progress(struct store *, int64_t project_id,
	    int64_t user_id, struct annotate_progress *p);

#endif
