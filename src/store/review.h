/* Reviews in the store: the queue a reviewer walks (with leases of its
 * own, so two reviewers never get the same item), verdicts and comments on
 * one annotation (each a row, never overwritten: a verdict is undone by a
 * withdrawal appended after it), and a task's final answer. An item is an
 * annotation id where the project's overlap is 1, and a task id where it
 * is above 1. Nobody reviews their own annotation; a draft or a skip is
 * not there to review. Each write is one unit of work with its audit
 * record. */
#ifndef SCALEC_STORE_REVIEW_H
#define SCALEC_STORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "model/state.h"

struct actor;
struct store;
struct task;

enum review_verdict {
	REVIEW_ACCEPT,		/* the annotation is accepted */
	REVIEW_REJECT,		/* rejected: it goes back to its person */
	REVIEW_FIX,		/* accepted with a reviewer's fixed result */
};

/* Which annotations the queue holds. */
struct review_filter {
	int64_t			 user_id;	/* only this annotator's; 0 */
	enum annotation_state	 state;		/* ANN_NONE: submitted */
	const char		*since;		/* submitted at or after (ISO
						   UTC); NULL */
};

/* A verdict, comment or withdrawal, as the history lists it. */
struct review_event {
	int64_t	 id;
	char	*at;		/* ISO-8601 UTC */
	char	*by;		/* the reviewer's name */
	char	*what;		/* "accepted", "rejected", "fixed",
				   "commented", "withdrew a verdict" */
	char	*comment;	/* or NULL */
};

/* One annotation under review. */
struct review_ann {
	int64_t			 id;
	int64_t			 user_id;
	char			*user;		/* its person's name */
	const char		*state;		/* "submitted", ..., "fixed" */
	char			*result;	/* theirs, as stored */
	char			*fixed;		/* the fix in force, or NULL */
	int			 from_prediction;
	int			 late;
	double			 lead_time;	/* seconds */
	char			*submitted_at;
	struct review_event	*events;	/* in order */
	size_t			 nevents;
	int			 judged;	/* for the caller: a verdict
						   this session */
};

/* A task's final answer. */
struct review_final {
	int	 set;
	char	*result;
	char	*by;
	char	*at;
	int64_t	 from;		/* the annotation it came from; 0 */
};

void	review_ann_release(struct review_ann *);
void	review_event_release(struct review_event *);
void	review_final_release(struct review_final *);

/*
 * The first item of the project's queue for the reviewer that no other
 * reviewer's live lease holds, past item after (0: from the start): the
 * oldest submission first (overlap: the lowest task number), leased to
 * the reviewer for lease seconds. overlap: items are tasks (one of whose
 * annotations is in the filter's state, or whose overlap is met with no
 * final answer; never a task the reviewer labelled). 1 and *key, 0 when
 * none is left, -1.
 */
int	store_review_next(struct store *, int64_t project_id,
	    int64_t reviewer, const struct review_filter *, int overlap,
	    int64_t after, int lease_seconds, int64_t *key);
/* Takes the lease on item key again: 1, 0 when another reviewer's live
 * lease holds it, -1. */
int	store_review_take(struct store *, int64_t key, int overlap,
	    int64_t reviewer, int lease_seconds);
/* Gives the reviewer's lease on key up; 0 or -1. */
int	store_review_release(struct store *, int64_t key, int overlap,
	    int64_t reviewer);
/* How many annotations of the project the filter holds: *n. 0 or -1. */
int	store_review_waiting(struct store *, int64_t project_id,
	    const struct review_filter *, int64_t *n);
/*
 * Item key: its task (*t, task_release), its annotations that are there to
 * review (*anns, n of them, in order of id; the caller frees the array
 * after review_ann_release of each) and the task's final answer. 1, 0
 * when it is no longer there, -1.
 */
int	store_review_item(struct store *, int64_t key, int overlap,
	    struct task *t, struct review_ann **anns, size_t *n,
	    struct review_final *final);

/*
 * Gives the annotation a verdict (a fix with its fixed result, checked by
 * the caller) and a comment (NULL for none); its state follows (accepted,
 * rejected; a fix is accepted). Refused with an error: one's own
 * annotation, a draft or a skip, no such annotation. *id: the verdict's.
 * 0 or -1.
 */
int	store_review_verdict(struct store *, const struct actor *,
	    int64_t annotation, enum review_verdict, const char *comment,
	    const char *fixed, int64_t *id);
/* A comment without a verdict; 0 or -1 (refused as a verdict is). */
int	store_review_comment(struct store *, const struct actor *,
	    int64_t annotation, const char *text);
/* Withdraws verdict id by appending a withdrawal: the annotation's state
 * is its latest verdict still standing, else submitted. 0 or -1. */
int	store_review_withdraw(struct store *, const struct actor *,
	    int64_t verdict);
/* Settles the task's final answer: annotation from's result (its fix
 * where it has one), or result (from 0). Replaces an earlier one. 0 or
 * -1. */
int	store_review_final(struct store *, const struct actor *,
	    int64_t task_id, int64_t from, const char *result);
/* The latest verdict of the annotation with its reviewer and comment
 * (*e, fields the caller frees): 1, 0 for none, -1. */
int	store_review_latest(struct store *, int64_t annotation,
	    struct review_event *e);

#endif
