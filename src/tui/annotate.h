/* The annotate view: a person labels a project's tasks, one after another
 * (scalec annotate). A view of the driver (view.h). */
#ifndef SCALEC_ANNOTATE_VIEW_H
#define SCALEC_ANNOTATE_VIEW_H

#include <stdint.h>

struct config;
struct project;
struct store;
struct view;

struct annotate_opts {
	struct store		*st;
	const struct project	*p;
	const struct config	*cfg;	/* the project's, keys checked */
	int64_t			 user_id;	/* who labels */
	const char		*user;		/* their name, for the title */
	int64_t			 acted_by;	/* the real login behind --as;
						   0 when the same */
	int			 lease;		/* seconds */
	int64_t			 task;		/* open this task first; 0 */
	const char		*filter;	/* model/filter.h, checked by
						   the caller; NULL */
	int			 skipped_only;	/* only the tasks they skipped */
};

/* What a session did, for --json. */
struct annotate_summary {
	int64_t	 submitted;
	int64_t	 skipped;
	int64_t	 late;		/* submitted after the lease had expired */
	int64_t	 task;		/* the task open at the end; 0 for none */
};

/* A view for opts (borrowed; they outlive it). */
struct view	*annotate_view_new(const struct annotate_opts *);
void		 annotate_view_free(struct view *);
void		 annotate_view_summary(const struct view *,
		    struct annotate_summary *);

#endif
