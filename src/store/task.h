/* Tasks in the store: one unit of work each, a text or an image. Callers
 * keep the project's counters right with store_project_recount. */
#ifndef SCALEC_STORE_TASK_H
#define SCALEC_STORE_TASK_H

#include <stdint.h>

#include "model/state.h"

struct store;

struct task {
	int64_t	 id;
	int64_t	 project_id;
	char	*ext_id;	/* the id as imported; NULL when none */
	char	*kind;		/* "text" or "image" */
	char	*text;		/* NULL for an image */
	char	*image;		/* path or URL; NULL for a text */
	int	 width;		/* image pixels; 0 when unknown */
	int	 height;
	char	*source;	/* the file it came from; NULL */
	char	*meta;		/* a JSON object as text; NULL is "{}" */
	char	*gold;		/* a gold result as JSON text; NULL */
	int	 priority;
	int	 submitted;	/* submitted annotations */
	int	 done;		/* at the overlap and through review */
	char	*created_at;
	char	*holders;	/* store_task_each: who holds it (a live lease
				   or a draft), "alice,bob"; NULL: nobody */
	char	*tokens;	/* stored tokens (model/tokens.h); NULL: the
				   tokenizer's */
	int	 wanted;	/* its own overlap where its agreement asked
				   for more annotators; 0: the project's */
	int	 is_gold;	/* a gold task (gold may be hidden) */
};

#define TASK_INIT { 0, 0, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, \
	0, 0, 0, NULL, NULL, NULL, 0, 0 }

/* The number of annotators task t needs: the project's overlap, or its
 * own wanted above it. */
#define TASK_OVERLAP(t, overlap)					\
	((t)->wanted > (overlap) ? (t)->wanted : (overlap))

void	task_release(struct task *);
struct answer_task;
/* What the answer model needs of t (model/answer.h): its text or its
 * image's size, borrowed from t. */
void	task_answer_task(const struct task *t, struct answer_task *at);

/* 1 and *t filled, 0 when there is no such task, -1 on error. */
int	store_task_get(struct store *, int64_t id, struct task *t);
struct actor;
/*
 * Removes the tasks (n ids) with their annotations, predictions and
 * leases, as one audited unit of work, and counts their projects again. A
 * task that is not there refuses all ("no task N; nothing was removed").
 * *annotations: how many annotations went. 0 or -1.
 */
int	store_tasks_remove(struct store *, const struct actor *,
	    const int64_t *ids, size_t n, int64_t *annotations);
/* 1 when the project has a task with this ext_id (its id in *id). */
int	store_task_find_ext(struct store *, int64_t project_id,
	    const char *ext_id, int64_t *id);
/*
 * Sets the priority of the tasks (n ids), as one audited unit of work; the
 * labeler's order (priority DESC, then id) follows at once. A task that is
 * not there refuses all. 0 or -1.
 */
int	store_tasks_priority(struct store *, const struct actor *,
	    const int64_t *ids, size_t n, int priority);
/* Annotations of a task in any state (drafts too); -1 on error. */
int64_t	store_task_annotations(struct store *, int64_t id);

/*
 * Calls fn for each task of the project in id order, one row at a time
 * (never all tasks in memory), with only those of status (an enum
 * task_status of model/state.h; -1 for all), in the window page (NULL:
 * all; its after and limit cost nothing per row left out, its offset
 * steps over the rows it leaves out). The task passed to fn is
 * borrowed for the call; fn returning non-zero stops the walk, and that
 * value is returned. Returns 0 when all were seen, -1 on error. fn may
 * call other store functions, but not store_task_each itself.
 */
struct page;
int	store_task_each(struct store *, int64_t project_id, int status,
	    const struct page *page, int (*fn)(const struct task *, void *),
	    void *arg);
/*
 * A guess at the image by URL user_id's walk shows after task t (its
 * project, priority and id): the first of the next 64 tasks by id with
 * the same priority, an http(s) image and no annotation of theirs, for
 * the labeler to fetch ahead (never the walk itself: a wrong guess costs
 * a transfer). 1 with *url (the caller frees), 0 for none, -1 on error.
 */
int	store_task_next_url(struct store *, const struct task *t,
	    int64_t user_id, char **url);
/* The highest task id in the store (0 for none): the widest id a list can
 * show. -1 on error. */
int64_t	store_task_max_id(struct store *);

#endif
