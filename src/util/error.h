/* Reporting errors. Library code never exits: `return error("...")` reports
 * and returns -1 (git's usage.c). Only main and the command layer die.
 * Every message is escaped, newlines too, so text from the data cannot
 * reach the terminal raw through an error nor start a line of its own. */
#ifndef SCALEC_ERROR_H
#define SCALEC_ERROR_H

#include <stdarg.h>
#include <stdio.h>

#define EXIT_FAILURE_DATA	1	/* bad data or state */
#define EXIT_USAGE		2	/* unknown command, option or value */

int	 error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 warning(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 die(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/*
 * 1 when writing to f has failed (after each row of a list: stop then).
 * A reader that went away (EPIPE: head read what it wanted, SIGPIPE
 * ignored) is remembered, and output_reader_gone() says so, so that main
 * exits non-zero without a message, as a writer killed by SIGPIPE would.
 */
int	 output_failed(FILE *f);
int	 output_reader_gone(void);

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
