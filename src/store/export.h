/* Export: a project's tasks streamed one at a time with their predictions
 * and annotations, never the whole project in memory. */
#ifndef SCALEC_STORE_EXPORT_H
#define SCALEC_STORE_EXPORT_H

#include <stdint.h>
#include <time.h>

struct store;
struct out_task;

/* Which annotations: every one, the accepted ones, or one result per
 * task (export --annotations). */
enum export_annotations {
	EXPORT_ALL,
	EXPORT_ACCEPTED,	/* accepted or fixed (its fix as its result) */
	EXPORT_FINAL,		/* the task's final answer, else its one
				 * accepted result */
	EXPORT_CONSENSUS,	/* the answers in force (submitted, accepted,
				 * fixed with its fix; not removed) and the
				 * final answer, for the command to make one
				 * result of (quality/consensus.h) */
};

/* Which annotations to export; NULL fields do not filter. With a filter,
 * only the matching annotations are written, and tasks without one are
 * left out. Predictions are always written.
 *
 * EXPORT_ACCEPTED writes the annotations in state accepted or fixed, a
 * fixed one with its fix as its result. EXPORT_FINAL writes one annotation
 * per task: the final answer in force (the annotation it came from with
 * the final result, or, settled by hand, one in the settler's name), else
 * the accepted annotation (several that agree: the first); a task whose
 * accepted results differ with no final answer is left out, and
 * left_out (when set) is told of it with fn's arg. */
struct export_filter {
	const char	*state;		/* draft, submitted, ... */
	const char	*user;		/* a user name */
	int		 has_since;	/* only annotations changed at or */
	time_t		 since;		/* after since */
	enum export_annotations annotations;
	void		(*left_out)(int64_t task, void *arg);
};

#define EXPORT_FILTER_INIT	{ NULL, NULL, 0, 0, EXPORT_ALL, NULL }

/*
 * Calls fn for each task of the project, in id order, with its predictions
 * and annotations (drafts too). The task is borrowed for the call. fn
 * returning non-zero stops the walk and that value is returned; 0 when all
 * were seen, -1 after reporting an error.
 */
int	store_export(struct store *, int64_t project_id,
	    const struct export_filter *,
	    int (*fn)(const struct out_task *, void *), void *arg);

#endif
