/* The stats view (see stats.h): lines composed top down, the title and
 * the time of the last load on the first row. It takes no key of its
 * own: q, ? and the rest are the driver's. The driver calls tick when no
 * key came for a while; a load is due every STATS_REFRESH seconds of the
 * clock, so a busy screen and an idle one refresh alike. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/stats.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xmalloc.h"

struct stats_session {
	const struct stats_source	*src;
	struct buf			 text;
	time_t				 loaded;	/* monotonic seconds */
	char				 when[16];	/* HH:MM:SS */
	int				 top;		/* first line shown */
};

static time_t
mono(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

static int
reload(struct stats_session *s)
{
	time_t		 now = clock_now();
	struct tm	 tm;

	buf_reset(&s->text);
	if (s->src->load(s->src->arg, &s->text) == -1)
		return -1;
	s->loaded = mono();
	localtime_r(&now, &tm);
	strftime(s->when, sizeof s->when, "%H:%M:%S", &tm);
	return 0;
}

static int
stats_open(struct view *v)
{
	return reload(v->data);
}

static int
stats_groups(struct view *v)
{
	(void)v;
	return KEYS_NOTHING;
}

static enum view_rc
stats_key(struct view *v, int key)
{
	(void)v;
	(void)key;
	return VIEW_PASS;
}

static void
stats_resize(struct view *v, int w, int h)
{
	(void)v;
	(void)w;
	(void)h;
}

static void
stats_compose(struct view *v, struct screen *scr, struct view_frame *f)
{
	struct stats_session	*s = v->data;
	struct buf		 title = BUF_INIT;
	const char		*p = buf_str(&s->text), *nl;
	char			*line;
	int			 row = 1;

	buf_printf(&title, " %s \xe2\x80\x94 stats, refreshed %s", s->src->project,
	    s->when);
	screen_put(scr, 0, 0, scr->w - 12, buf_str(&title), 0, 0);
	screen_put(scr, 0, scr->w - 11, scr->w, "? for help", 0, 0);
	screen_paint(scr, 0, 0, scr->w, SA_REVERSE, 0);
	buf_release(&title);
	while (*p != '\0' && row < scr->h - 1) {
		nl = strchr(p, '\n');
		line = xstrndup(p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		screen_put(scr, row++, 0, scr->w, line, 0, 0);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	f->prompt_row = scr->h - 2;
	f->prompt_end = scr->w - 1;
}

static const char *
stats_status(struct view *v)
{
	(void)v;
	return "refreshes every few seconds; q quits";
}

/* No key for a while: loads again when one is due. */
static int
stats_tick(struct view *v)
{
	struct stats_session	*s = v->data;

	if (mono() - s->loaded < STATS_REFRESH)
		return 0;
	return reload(s) == 0 ? 1 : -1;
}

static void
stats_done(struct view *v)
{
	(void)v;
}

static const struct view_ops stats_ops = {
	.name = "stats",
	.scopes = KS_DRIVER,
	.open = stats_open,
	.groups = stats_groups,
	.key = stats_key,
	.resize = stats_resize,
	.compose = stats_compose,
	.status = stats_status,
	.tick = stats_tick,
	.done = stats_done,
};

void
stats_view_init(struct view *v, const struct stats_source *src)
{
	struct stats_session	*s = xcalloc(1, sizeof *s);

	s->src = src;
	v->ops = &stats_ops;
	v->drv = NULL;
	v->data = s;
}

void
stats_view_free(struct view *v)
{
	struct stats_session	*s = v->data;

	if (s == NULL)
		return;
	buf_release(&s->text);
	free(s);
	v->data = NULL;
}
