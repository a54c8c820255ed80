/* The review view: a reviewer walks a project's submitted annotations and
 * gives each a verdict (scalec review PROJECT). A view of the driver
 * (view.h) beside the annotate view, drawn with the same labeler, read
 * only, and fixing with the same labeler's editing. */
#ifndef SCALEC_REVIEW_VIEW_H
#define SCALEC_REVIEW_VIEW_H

#include <stdint.h>

#include "store/store.h"

struct config;
struct project;
struct review_query;
struct store;
struct view;

struct review_view_opts {
	struct store			*st;
	const struct project		*p;
	const struct config		*cfg;	/* the project's, keys checked */
	int64_t				 user_id;	/* who reviews */
	const char			*user;		/* their name */
	struct actor			 who;		/* who acts, and the real
							   login behind --as */
	const struct review_query	*query;		/* the queue's filters;
							   borrowed; NULL */
	int				 lease;		/* seconds */
	int				 comment_required; /* for a reject */
};

/* What a session did, for --json. */
struct review_summary {
	int64_t	 accepted;
	int64_t	 rejected;
	int64_t	 fixed;
	int64_t	 comments;
	int64_t	 finals;
	int64_t	 withdrawn;
	int64_t	 item;		/* the annotation (or task) open; 0 */
	int	 by_task;	/* items are tasks (overlap above 1) */
};

/* A view for opts (borrowed; they outlive it). */
struct view	*review_view_new(const struct review_view_opts *);
void		 review_view_free(struct view *);
void		 review_view_summary(const struct view *,
		    struct review_summary *);

#endif
