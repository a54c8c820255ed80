/* Reporting errors: escaped, prefixed, routed to stderr or the screen. A
 * message is one line: a newline in it (which only data can bring, no
 * message of scalec's has one) is shown as ^J, so that data cannot fake a
 * line of scalec's own output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"

static error_handler	 handler;
static void		(*die_hook)(void);
static int		 reader_gone;

static void
report(int is_warning, const char *fmt, va_list ap)
{
	struct buf	raw = BUF_INIT, msg = BUF_INIT;

	buf_vprintf(&raw, fmt, ap);
	escape_add(&msg, raw.data ? raw.data : "", raw.len, ESCAPE_KEEP_TAB);
	if (handler != NULL)
		handler(is_warning, buf_str(&msg));
	else {
		fflush(stdout);
		fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "",
		    buf_str(&msg));
	}
	buf_release(&raw);
	buf_release(&msg);
}

int
error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report(0, fmt, ap);
	va_end(ap);
	return -1;
}

void
warning(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report(1, fmt, ap);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list	ap;

	if (die_hook != NULL)
		die_hook();
	error_set_handler(NULL);
	va_start(ap, fmt);
	report(0, fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE_DATA);
}

void
error_set_handler(error_handler h)
{
	handler = h;
}

void
error_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

int
output_failed(FILE *f)
{
	if (!ferror(f))
		return 0;
	if (errno == EPIPE)
		reader_gone = 1;
	return 1;
}

int
output_reader_gone(void)
{
	return reader_gone;
}
