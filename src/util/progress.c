/* The progress bar on stderr. It draws with a carriage return and spaces
 * only (no escape sequences), so it works on any terminal, TERM=dumb too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "util/error.h"
#include "util/escape.h"
#include "util/progress.h"

#define PROGRESS_DELAY_NS	250000000LL	/* first draw after 0.25 s */
#define PROGRESS_EVERY_NS	100000000LL	/* then at most 10 a second */

static struct {
	int		 on;		/* started, and stderr is a terminal */
	char		*label;		/* escaped copy */
	uint64_t	 total;
	uint64_t	 done;
	long long	 start;		/* monotonic ns */
	long long	 last;		/* last draw, 0 for never */
	int		 drawn;		/* columns on screen now */
} bar;

static long long
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
term_width(void)
{
	struct winsize	ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static void
draw(void)
{
	char	 count[64], line[512];
	int	 width = term_width() - 1, room, fill, i, n;

	if (width > (int)sizeof line - 1)
		width = (int)sizeof line - 1;
	if (bar.total > 0)
		snprintf(count, sizeof count, " %llu/%llu %3d%%",
		    (unsigned long long)bar.done,
		    (unsigned long long)bar.total,
		    (int)(bar.done >= bar.total ? 100 :
		    bar.done * 100 / bar.total));
	else
		snprintf(count, sizeof count, " %llu",
		    (unsigned long long)bar.done);
	n = snprintf(line, sizeof line, "%.40s", bar.label);
	room = width - n - (int)strlen(count) - 3;
	if (bar.total > 0 && room >= 10) {
		fill = (int)(bar.done >= bar.total ? (uint64_t)room :
		    bar.done * (uint64_t)room / bar.total);
		line[n++] = ' ';
		line[n++] = '[';
		for (i = 0; i < room; i++)
			line[n++] = i < fill ? '#' : '.';
		line[n++] = ']';
		line[n] = '\0';
	}
	n += snprintf(line + n, sizeof line - (size_t)n, "%s", count);
	if (n > width)
		n = width;
	fprintf(stderr, "\r%.*s", n, line);
	for (i = n; i < bar.drawn; i++)
		fputc(' ', stderr);
	fflush(stderr);
	bar.drawn = n;
}

void
progress_start(const char *label, uint64_t total)
{
	progress_done();
	if (!isatty(STDERR_FILENO))
		return;
	bar.on = 1;
	bar.label = escape_dup(label, 0);
	bar.total = total;
	bar.done = 0;
	bar.start = now_ns();
	bar.last = 0;
	bar.drawn = 0;
}

void
progress_step(uint64_t n)
{
	long long	t;

	if (!bar.on)
		return;
	bar.done += n;
	t = now_ns();
	if (t - bar.start < PROGRESS_DELAY_NS ||
	    (bar.last != 0 && t - bar.last < PROGRESS_EVERY_NS))
		return;
	bar.last = t;
	draw();
}

void
progress_clear(void)
{
	int	i;

	if (!bar.on || bar.drawn == 0)
		return;
	fputc('\r', stderr);
	for (i = 0; i < bar.drawn; i++)
		fputc(' ', stderr);
	fputc('\r', stderr);
	fflush(stderr);
	bar.drawn = 0;	/* the next due step redraws it */
}

void
progress_done(void)
{
	if (!bar.on)
		return;
	progress_clear();
	free(bar.label);
	memset(&bar, 0, sizeof bar);
}

void
progress_error_handler(int is_warning, const char *msg)
{
	progress_clear();
	fflush(stdout);
	fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "", msg);
}
