/* Projects in the store. The counters (task_count, done_count) are kept up
 * to date by whoever changes tasks or annotations, in the same transaction:
 * store_project_recount once per import or removal, or a step of one per
 * submission. */
#ifndef SCALEC_STORE_PROJECT_H
#define SCALEC_STORE_PROJECT_H

#include <stdint.h>

#include "model/review.h"
#include "model/state.h"

struct store;

struct project {
	int64_t	 id;
	char	*name;
	char	*type;
	char	*description;
	char	*instructions;
	char	*config;	/* the label config as YAML */
	int	 overlap;
	int64_t	 task_count;
	int64_t	 done_count;	/* tasks done (store/internal.h
				 * TASK_DONE_SQL: the overlap met, and
				 * the review policy's verdicts) */
	int64_t	 created_by;	/* user id, 0 when unknown */
	char	*created_at;
	char	*updated_at;
	struct review_policy review; /* in step with the config's settings */
};

#define PROJECT_INIT { 0, NULL, NULL, NULL, NULL, NULL, 1, 0, 0, 0, NULL, \
	NULL, REVIEW_POLICY_INIT }

void	project_release(struct project *);

/* 1 and *p filled when found, 0 when not, -1 on error. */
int	store_project_get(struct store *, const char *name, struct project *p);
int	store_project_get_id(struct store *, int64_t id, struct project *p);
struct actor;
struct buf;
/* Adds p (name, type, description, instructions, config, overlap,
 * review, created_by) as one audited unit of work; sets p->id. A name taken is
 * refused. 0 or -1. */
int	store_project_create(struct store *, const struct actor *,
	    struct project *p);
/*
 * Edits project id as one unit of work: fn gets the project as it is
 * inside it (it may read the store, store_project_uses) and changes its
 * name, description, instructions, config, overlap and review policy
 * (done_count is counted again by it); what it writes
 * into detail is the audit record's. Then the project is written. 1, 0
 * when the project was gone (fn is not called), -1 (fn's -1 changes
 * nothing).
 */
int	store_project_edit(struct store *, const struct actor *, int64_t id,
	    int (*fn)(struct store *, struct project *, struct buf *detail,
	    void *), void *arg);
/* Deletes the project with its tasks and annotations, audited with
 * detail: 1, 0 when it was gone already, -1. */
int	store_project_remove(struct store *, const struct actor *,
	    int64_t id, const char *name, const char *detail);
/* Calls fn for every project by name; stops when fn returns non-zero. */
int	store_project_each(struct store *,
	    int (*fn)(const struct project *, void *), void *arg);
/* Recomputes task_count and done_count from the tasks (done: store/
 * internal.h's TASK_DONE_SQL, a look at each task's annotations). */
int	store_project_recount(struct store *, int64_t id);

/* Fills *n with the project's annotations by state; 0 or -1. */
int	store_project_counts(struct store *, int64_t id,
	    struct state_counts *n);
/*
 * Counts what the project's annotations use of its config: answer_uses_add
 * (model/answer.h) for each annotation's result, drafts too. Results that
 * are not JSON are passed over. 0 or -1.
 */
struct answer_uses;
int	store_project_uses(struct store *, int64_t id, struct answer_uses *);

#endif
