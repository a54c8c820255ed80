/* Projects in the store. The counters (task_count, done_count) are kept up
 * to date by whoever changes tasks or annotations, in the same transaction:
 * store_project_recount once per import or removal, or a step of one per
 * submission. */
#ifndef SCALEC_STORE_PROJECT_H
#define SCALEC_STORE_PROJECT_H

#include <stdint.h>

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
	int64_t	 done_count;	/* tasks with at least overlap submissions */
	int64_t	 created_by;	/* user id, 0 when unknown */
	char	*created_at;
	char	*updated_at;
};

#define PROJECT_INIT { 0, NULL, NULL, NULL, NULL, NULL, 1, 0, 0, 0, NULL, \
	NULL }

void	project_release(struct project *);

/* 1 and *p filled when found, 0 when not, -1 on error. */
int	store_project_get(struct store *, const char *name, struct project *p);
int	store_project_get_id(struct store *, int64_t id, struct project *p);
/* Adds p (name, type, description, instructions, config, overlap,
 * created_by); sets p->id. A duplicate name is reported and -1 returned. */
int	store_project_add(struct store *, struct project *p);
/* Writes name, description, instructions, config and overlap of p->id. */
int	store_project_update(struct store *, const struct project *p);
/* Deletes the project and, by cascade, its tasks and annotations. */
int	store_project_delete(struct store *, int64_t id);
/* Calls fn for every project by name; stops when fn returns non-zero. */
int	store_project_each(struct store *,
	    int (*fn)(const struct project *, void *), void *arg);
/* Recomputes task_count and done_count from the tasks. */
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
