/* The outside viewer: $SCALEC_VIEWER (split on white space), else
 * config.yaml's viewer: (viewer_configure), the image's path appended as
 * the last argument, opens each task's image in another
 * program as well, started without a shell, with a cleaned environment
 * and no terminal, in a process group of its own that is ended (SIGTERM
 * to the group) when the task's image changes and when the screen ends.
 * A viewer that hands the image to another process and exits cannot be
 * closed so: that process is no longer in the group scalec knows. */
#ifndef SCALEC_VIEWER_H
#define SCALEC_VIEWER_H

#define VIEWER_ARGS	32	/* words of a viewer, at most */

/* The viewer when $SCALEC_VIEWER is not set: argv's n words (copied). */
void	viewer_configure(char *const *argv, int n);
/* Shows path (NULL: none) in the viewer when it is not the one shown:
 * ends the one before. Nothing without $SCALEC_VIEWER or viewer:. */
void	viewer_show(const char *path);
/* Ends the viewer, if one runs. */
void	viewer_close(void);

#endif
