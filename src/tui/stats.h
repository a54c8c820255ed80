/* The stats view (scalec stats --watch): the dashboard's lines full
 * screen, loaded again every STATS_REFRESH seconds through the
 * command's load function, so that a lead can watch a labelling day. It
 * reads nothing itself: the lines come from cmd/stats.c. */
#ifndef SCALEC_TUI_STATS_H
#define SCALEC_TUI_STATS_H

struct buf;
struct view;

#define STATS_REFRESH	3	/* seconds between loads */

struct stats_source {
	/* Writes the dashboard as lines into b (emptied before); 0, or -1
	 * after reporting. */
	int	(*load)(void *arg, struct buf *b);
	void	*arg;
	const char *project;	/* for the title */
};

/* Makes v the stats view over src (borrowed); stats_view_free after the
 * run. */
void	stats_view_init(struct view *, const struct stats_source *);
void	stats_view_free(struct view *);

#endif
