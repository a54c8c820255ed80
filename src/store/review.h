/* Review in the store: the queue of annotations to review, a reviewer's
 * verdicts and comments, final answers, and the project's review policy
 * and counts. `scalec review` (src/cmd/review.c) and the review screen
 * (src/tui/review.c) call these; each write is one unit of work with its
 * audit record, and changes nothing when it fails.
 *
 * Verdicts and comments are rows, never overwritten: an annotation's
 * history is every row in order (store_review_history). Undo appends a
 * withdrawal that names the verdict it undoes and puts back the state
 * that verdict found. The state changes themselves are the model's
 * machine (model/state.h: ANN_ACCEPT, ANN_REJECT, ANN_FIX, ANN_REOPEN).
 * Nobody reviews their own annotation, admins included; the caller
 * checks the role (ACT_REVIEW), the store checks the person.
 *
 * A fix stores the reviewer's result on the verdict: it is no annotation
 * of theirs (it counts in no overlap), and the annotation's own result
 * stays as its person made it. */
#ifndef SCALEC_STORE_REVIEW_H
#define SCALEC_STORE_REVIEW_H

#include <stdint.h>

#include "model/review.h"
#include "model/state.h"

struct actor;
struct page;
struct store;

/* Reads and writes a project's policy: 0 (1 for set: changed) or -1.
 * set counts the project's done tasks again (TASK_DONE_SQL). */
int	store_review_policy_get(struct store *, int64_t project_id,
	    struct review_policy *p);
int	store_review_policy_set(struct store *, const struct actor *,
	    int64_t project_id, const struct review_policy *p);

/* A project's review counts, kept in the same transaction as every state
 * change (triggers: whoever writes). to_review: submitted annotations the
 * policy sampled. */
struct review_counts {
	int64_t	 to_review;
	int64_t	 accepted;
	int64_t	 rejected;
	int64_t	 fixed;
	int64_t	 finals;	/* tasks with a final answer */
};

int	store_review_counts(struct store *, int64_t project_id,
	    struct review_counts *n);

/* The queue's order. */
enum review_order {
	REVIEW_OLDEST,		/* oldest submission first */
	REVIEW_RANDOM,		/* a shuffle fixed by the seed */
	REVIEW_BY_USER,		/* by annotator, oldest first within */
};

/* Which annotations a queue holds. */
struct review_query {
	int64_t			 project_id;
	int64_t			 reviewer_id;	/* their own are left out; 0:
						 * none left out (a list) */
	int64_t			 user_id;	/* 0: everyone's */
	const char		*label;		/* NULL: any */
	enum annotation_state	 state;		/* ANN_NONE: submitted */
	const char		*since;		/* ISO-8601 UTC, or NULL */
	enum review_order	 order;
	uint64_t		 seed;		/* for REVIEW_RANDOM */
	int			 by_task;	/* one item per task */
};

#define REVIEW_QUERY_INIT { 0, 0, 0, NULL, ANN_NONE, NULL, REVIEW_OLDEST, \
	0, 0 }

/* One item of the queue: an annotation (by_task: the task's first in the
 * queue's order). Its key orders the queue; store_review_next goes on
 * after it. */
struct review_item {
	int64_t			 annotation_id;
	int64_t			 task_id;
	int64_t			 user_id;
	char			*user_name;
	enum annotation_state	 state;
	char			*submitted_at;	/* ISO-8601 UTC */
	double			 lead_time;
	int			 from_prediction;
	int			 late;
	int64_t			 key;		/* the random order's key */
};

#define REVIEW_ITEM_INIT { 0, 0, 0, NULL, ANN_NONE, NULL, 0, 0, 0, 0 }

void	review_item_release(struct review_item *);

/*
 * Calls fn for each item of the queue in its order, within the page (its
 * after is an annotation id in the oldest order's cursor); stops when fn
 * returns non-zero. The walk streams over an index (annotation_review,
 * or annotation_review_user for one person): the first row costs no
 * scan, except REVIEW_RANDOM, which sorts. 0 or -1.
 */
int	store_review_each(struct store *, const struct review_query *q,
	    const struct page *page, int (*fn)(const struct review_item *,
	    void *), void *arg);

/*
 * The review screen's next item: the first in q's order after `after`
 * (NULL: from the start) that no other reviewer holds, leased to
 * q->reviewer_id for lease_seconds in the same transaction (a lease is on
 * the task, so two reviewers never get the same item; the reviewer's
 * earlier lease is given up). 1 and *it filled, 0 when the queue has
 * nothing more, -1.
 */
int	store_review_next(struct store *, const struct review_query *q,
	    const struct review_item *after, int lease_seconds,
	    struct review_item *it);
/*
 * The image by URL of the item after `after` in q's order (no lease
 * taken: a guess at the review screen's next, for it to fetch ahead).
 * 1 with *url (the caller frees), 0 when that item has none or there is
 * no item, -1 on error.
 */
int	store_review_next_url(struct store *, const struct review_query *q,
	    const struct review_item *after, char **url);
/* Gives up reviewer_id's lease (the screen's quit); 0 or -1. */
int	store_review_release(struct store *, int64_t reviewer_id);

/* The verdicts: rows of the history. */
enum review_verdict {
	VERDICT_ACCEPT,
	VERDICT_REJECT,
	VERDICT_FIX,
	VERDICT_COMMENT,
	VERDICT_REOPEN,
	VERDICT_WITHDRAW,
};

/* "accept", ...; and back (-1 for none). */
const char	*review_verdict_name(enum review_verdict);
int		 review_verdict_from_name(const char *);

/*
 * A reviewer's verdict on an annotation, one unit of work: the history row
 * (comment may be NULL: ""; result is a fix's JSON, checked by the caller
 * against the project's config), the annotation's new state by the
 * model's machine, the counts (triggers), the audit record, and the
 * reviewer's lease on the task released. Refused, with nothing changed:
 * an unknown annotation, one of the actor's own, a draft or skip, a
 * verdict the machine refuses (one already reviewed: reopen it first), a
 * reject without a comment (unless the project's comment_required is
 * off), a fix without a result. Under on_reject: remove a rejection takes
 * the annotation out of its task's overlap (the task gets one more
 * annotator); a reopen or a withdrawal puts it back. done_count follows
 * every verdict, withdrawal and final answer in the same transaction. VERDICT_COMMENT needs a comment and changes no
 * state. 0 and *review_id (may be NULL) set, or -1 after reporting.
 */
int	store_review_act(struct store *, const struct actor *,
	    int64_t annotation_id, enum review_verdict verdict,
	    const char *comment, const char *result, int64_t *review_id);

/* store_review_act on each of n annotations, in one unit of work: all
 * or, when one is refused, none. 0 or -1. */
int	store_review_act_all(struct store *, const struct actor *,
	    const int64_t *ids, size_t n, enum review_verdict verdict,
	    const char *comment);

/*
 * Undo: appends a withdrawal of review_id (one of the actor's own, not
 * withdrawn already, and the annotation still in the state it left) and
 * puts back the state it found. 0 or -1 (refused: nothing changed).
 */
int	store_review_withdraw(struct store *, const struct actor *,
	    int64_t review_id);

/* One row of an annotation's history. */
struct review_row {
	int64_t			 id;
	int64_t			 reviewer_id;
	char			*reviewer;	/* their login */
	enum review_verdict	 verdict;
	char			*comment;	/* "" for none */
	char			*result;	/* a fix's JSON, else NULL */
	enum annotation_state	 from_state;
	int64_t			 withdraws;	/* the row undone, or 0 */
	int			 withdrawn;	/* a later row undid this */
	char			*created_at;
};

void	review_row_release(struct review_row *);

/* Calls fn for each row of the annotation's history, oldest first; 0 or
 * -1. */
int	store_review_history(struct store *, int64_t annotation_id,
	    int (*fn)(const struct review_row *, void *), void *arg);

/* The newest verdict row in force of the annotation (not withdrawn, not a
 * comment): 1 and *r filled, 0 for none, -1. A fixed annotation's fixed
 * result is its newest fix's. */
int	store_review_last(struct store *, int64_t annotation_id,
	    struct review_row *r);

/* An annotation as review shows it: who made it, in which project. */
struct review_annotation {
	int64_t			 id;
	int64_t			 task_id;
	int64_t			 project_id;
	int64_t			 user_id;
	char			*user_name;
	enum annotation_state	 state;
	char			*result;
	char			*fixed;		/* the fix in force, or NULL */
	double			 lead_time;
	int			 from_prediction;
	int			 late;
	char			*created_at;
	char			*submitted_at;	/* NULL: never submitted */
};

void	review_annotation_release(struct review_annotation *);

/* 1 and *a filled, 0 when there is no annotation id, -1. */
int	store_review_annotation(struct store *, int64_t id,
	    struct review_annotation *a);

/* Calls fn for each counted annotation of the task (submitted, accepted,
 * rejected, fixed), the most common result first, then by id: the screen's
 * list of versions with overlap above 1. 0 or -1. */
int	store_review_task_each(struct store *, int64_t task_id,
	    int (*fn)(const struct review_annotation *, void *), void *arg);

/* A task's final answer. */
struct review_final {
	int64_t	 id;
	int64_t	 task_id;
	char	*result;
	int64_t	 from_annotation;	/* 0: written by hand (--result) */
	int64_t	 settled_by;
	char	*settled_by_name;
	char	*created_at;
};

void	review_final_release(struct review_final *);

/*
 * Settles the task's final answer, one unit of work: from_annotation's
 * result (its fix where it was fixed; the annotation must be the task's
 * and counted) or, with from_annotation 0, result (checked by the
 * caller). A task has one final answer in force, the newest; an earlier
 * one stays as history. 0 or -1 (an unknown task or annotation: nothing
 * changed).
 */
int	store_review_final(struct store *, const struct actor *,
	    int64_t task_id, int64_t from_annotation, const char *result);
/* The task's final answer in force: 1 and *f filled, 0 for none, -1. */
int	store_review_final_get(struct store *, int64_t task_id,
	    struct review_final *f);

/* Added for the review screen: takes reviewer_id's lease on the task
 * again (giving up their others), unless another reviewer's live lease
 * holds it. 1 taken, 0 held by another, -1. */
int	store_review_take(struct store *, int64_t reviewer_id,
	    int64_t task_id, int lease_seconds);

/*
 * The screen's verdict where it stays on the item (with overlap the task
 * stays until settled; a comment leaves it open; u opens the undone one
 * again): store_review_act, or store_review_withdraw, and the reviewer's
 * lease on the annotation's task taken again, in one unit of work, so no
 * other reviewer can take the task between the verdict and the lease.
 * 1 (the lease held), 0 (stored, but another reviewer's live lease holds
 * the task: a verdict may cross theirs), or -1 (refused: nothing changed).
 */
int	store_review_act_keep(struct store *, const struct actor *,
	    int64_t annotation_id, enum review_verdict verdict,
	    const char *comment, const char *result, int lease_seconds,
	    int64_t *review_id);
int	store_review_withdraw_keep(struct store *, const struct actor *,
	    int64_t review_id, int lease_seconds);

#endif
