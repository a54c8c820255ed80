/* Reporting errors. Library code never exits: `return error("...")` reports
 * and returns -1 (git's usage.c). Only main and the command layer die.
 * Every message is escaped, newlines too, so text from the data cannot
 * reach the terminal raw through an error nor start a line of its own. */
#ifndef SCALEC_ERROR_H
#define SCALEC_ERROR_H

#include <stdarg.h>

#define EXIT_FAILURE_DATA	1	/* bad data or state */
#define EXIT_USAGE		2	/* unknown command, option or value */

int	 error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 warning(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 die(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * Where messages go. The default writes "scalec: MESSAGE" to stderr; the
 * full-screen mode routes them to its status line instead. The message is
 * already escaped.
 */
typedef void (*error_handler)(int is_warning, const char *msg);
void	 error_set_handler(error_handler);
/* Runs before die() exits (the screen restores the terminal). */
void	 error_set_die_hook(void (*)(void));

#endif
