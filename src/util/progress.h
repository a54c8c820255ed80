/* A progress bar on stderr for long work (adding files, import, export).
 * Silent when stderr is not a terminal, so scripts and logs never see it;
 * redraws at most about ten times a second, and not at all for work that
 * ends within a quarter of a second. One bar at a time. */
#ifndef SCALEC_PROGRESS_H
#define SCALEC_PROGRESS_H

#include <stdint.h>

/* Starts a bar; label is borrowed until progress_done. total 0 means
 * unknown: the bar then shows a count only. */
void	progress_start(const char *label, uint64_t total);
/* Adds n to the count and redraws when due. */
void	progress_step(uint64_t n);
/* Erases the bar so that a message can be printed; the next step redraws
 * it. Call before writing to stderr while a bar is running. */
void	progress_clear(void);
/* Erases the bar and ends it. */
void	progress_done(void);
/* An error handler (util/error.h) that erases the bar before a message:
 * error_set_handler(progress_error_handler) while a bar may run, and
 * error_set_handler(NULL) after. */
void	progress_error_handler(int is_warning, const char *msg);

#endif
