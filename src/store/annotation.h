/* Labelling in the store: the next task for a person (with its lease), and
 * their annotations of it, for `scalec annotate`. Every writing
 * function here is one transaction of its own (BEGIN IMMEDIATE), or joins
 * the caller's when one is open (store_begin). Results are JSON text the
 * caller has validated; they are stored as given (NULL keeps the stored
 * result, "{}" for a new annotation). */
#ifndef SCALEC_STORE_ANNOTATION_H
#define SCALEC_STORE_ANNOTATION_H

#include <stdint.h>

#include "model/state.h"

struct store;
struct task;

/* A lease lasts this long unless the caller says otherwise (0 or less). */
#define LEASE_SECONDS_DEFAULT	(15 * 60)

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
};

#define ANNOTATION_INIT { 0, 0, 0, ANN_NONE, NULL, 0, 0, 0, 0, NULL, NULL }

/* A model's suggestion for a task (the first prediction imported). */
struct suggestion {
	char	*result;	/* JSON object as text */
	char	*model;		/* "" when none was given */
	double	 score;
	int	 has_score;	/* 0 when the prediction had no score */
};

#define SUGGESTION_INIT { NULL, NULL, 0, 0 }

/* The numbers of the labeler's progress bars. */
struct annotate_progress {
	int64_t	 mine;		/* this person's submitted annotations */
	int64_t	 done;		/* the project's tasks at overlap */
	int64_t	 total;		/* the project's tasks */
};

void		 annotation_release(struct annotation *);
void		 suggestion_release(struct suggestion *);

/*
 * The next task for user_id in the project, leased to them for
 * lease_seconds. Their own live lease or draft there comes first (where
 * the task still has room for them); else the highest-priority task
 * (priority DESC, then id) they have not annotated (submitted, skipped or
 * reviewed) whose submissions plus other people's live leases are below
 * the project's overlap. Returns 1 with *t filled (release it with
 * task_release), 0 when no task is left for them, -1 on error. Its cost
 * does not grow with the person's history (see annotation.c).
 */
int	store_next_task(struct store *, int64_t project_id, int64_t user_id,
	    int lease_seconds, struct task *t);

/*
 * Renews user_id's lease on a task, or takes it again when it expired or
 * was never taken (a task Backspace reached) while the task has room.
 * Returns 1 when the lease is held, 0 when it is not (the task is full
 * with other people's sessions, or the person's annotation already counts:
 * no lease is needed then), -1 on error.
 */
int	store_lease_renew(struct store *, int64_t task_id, int64_t user_id,
	    int lease_seconds);
/* Gives the lease up (quit, skip, submit); 0 (also when there was none)
 * or -1. */
int	store_lease_release(struct store *, int64_t task_id, int64_t user_id);

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

/* The task's first prediction: 1 and *s filled (suggestion_release), 0
 * when it has none, -1 on error. */
int	store_suggestion_get(struct store *, int64_t task_id,
	    struct suggestion *s);

#endif
