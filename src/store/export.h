/* Export: a project's tasks streamed one at a time with their predictions
 * and annotations, never the whole project in memory. */
#ifndef SCALEC_STORE_EXPORT_H
#define SCALEC_STORE_EXPORT_H

#include <stdint.h>
#include <time.h>

struct store;
struct out_task;

/* Which annotations to export; NULL fields do not filter. With a filter,
 * only the matching annotations are written, and tasks without one are
 * left out. Predictions are always written. */
struct export_filter {
	const char	*state;		/* draft, submitted, ... */
	const char	*user;		/* a user name */
	int		 has_since;	/* only annotations changed at or */
	time_t		 since;		/* after since */
};

#define EXPORT_FILTER_INIT	{ NULL, NULL, 0, 0 }

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
