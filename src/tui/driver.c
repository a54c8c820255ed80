/* The driver of the full-screen mode (see view.h): the loop, its display,
 * signals, resizes, the status line and the overlays, for whichever view
 * it runs. Each key is handled, then the frame it leads to is composed and
 * shown; --timings measures the two together. On q, SIGINT, SIGTERM and
 * SIGHUP the loop leaves through its one exit, where the view saves. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/overlay.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/xmalloc.h"

#define NSIGNALS	3

struct driver {
	struct view		*view;
	struct display		*d;
	struct driver_opts	 o;
	struct screen		 scr;
	struct view_frame	 frame;		/* the last composed */
	struct overlay		 ov;
	char			 status[512];	/* this key's message */
	int			 status_error;
	char			 failure[512];	/* what ended the run */
	int			 opened;
	int			 quit;		/* the view quit */
	int64_t			 unread;	/* the person's, at the last
						   drv_item_changed */
	double			 status_real;	/* this key's time in the */
	double			 status_cpu;	/* status line's queries */
};

/* The signal that asked the loop to end, or 0. */
static volatile sig_atomic_t	 got_signal;
static const int		 signals[NSIGNALS] = { SIGINT, SIGTERM,
				    SIGHUP };
/* Errors while a driver runs go to its status line. */
static struct driver		*running;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static void
status_handler(int is_warning, const char *msg)
{
	struct driver	*drv = running;

	if (drv == NULL)
		return;
	snprintf(drv->status, sizeof drv->status, "%s%s",
	    is_warning ? "warning: " : "", msg);
	drv->status_error = !is_warning;
	if (!is_warning)
		snprintf(drv->failure, sizeof drv->failure, "%s", msg);
	if (drv->o.headless)
		fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "",
		    msg);
}

struct driver *
driver_new(struct view *v, struct display *d, const struct driver_opts *o)
{
	struct driver	*drv = xcalloc(1, sizeof *drv);

	drv->view = v;
	drv->d = d;
	if (o != NULL)
		drv->o = *o;
	v->drv = drv;
	return drv;
}

void
driver_free(struct driver *drv)
{
	if (drv == NULL)
		return;
	overlay_close(&drv->ov);
	screen_release(&drv->scr);
	free(drv);
}

#define WAITING_MSG	"waiting for the database"

void
driver_wait_hook(void *arg, int waiting, const char *why)
{
	struct driver	*drv = arg;

	if (waiting) {
		snprintf(drv->status, sizeof drv->status, WAITING_MSG " (%s)",
		    why != NULL && strncmp(why, "another program", 15) == 0 ?
		    "another program is writing" : "an import is running");
		drv->status_error = 0;
	} else if (strncmp(drv->status, WAITING_MSG,
	    sizeof WAITING_MSG - 1) == 0)
		drv->status[0] = '\0';
	else
		return;
	if (drv->view->ops->compose != NULL && drv->opened)
		drv->d->show(drv->d, driver_compose(drv));
}

const char *
drv_last_error(const struct driver *drv)
{
	return drv->failure;
}

int
drv_quit(const struct driver *drv)
{
	return drv->quit;
}

static void
vsay(struct driver *drv, int is_error, const char *fmt, va_list ap)
{
	vsnprintf(drv->status, sizeof drv->status, fmt, ap);
	drv->status_error = is_error;
}

void
drv_say(struct driver *drv, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsay(drv, 0, fmt, ap);
	va_end(ap);
}

void
drv_alert(struct driver *drv, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsay(drv, 1, fmt, ap);
	va_end(ap);
}

const char *
drv_status(const struct driver *drv)
{
	if (drv->status[0] != '\0' || drv->view->ops->status == NULL)
		return drv->status;
	return drv->view->ops->status(drv->view);
}

void
drv_item_changed(struct driver *drv)
{
	struct drv_span	sp = { 0, 0 };
	int64_t		n;

	if (drv->o.unread == NULL)
		return;
	drv_status_begin(drv, &sp);
	if (drv->o.unread(drv->o.unread_arg, &n) == 0)
		drv->unread = n;
	drv_status_end(drv, &sp);
}

int64_t
drv_unread(const struct driver *drv)
{
	return drv->unread;
}

void
drv_pick(struct driver *drv, const struct pick *p)
{
	overlay_pick(&drv->ov, p);
}

void
drv_prompt(struct driver *drv, const struct prompt *p)
{
	overlay_prompt(&drv->ov, p);
}

const char *
drv_prompt_text(const struct driver *drv)
{
	return drv->ov.kind == OV_PROMPT ? buf_str(&drv->ov.line) : NULL;
}

void
drv_confirm(struct driver *drv, const char *question,
    enum view_rc (*answer)(void *, int), void *arg)
{
	overlay_confirm(&drv->ov, question, answer, arg);
}

enum overlay_kind
drv_overlay(const struct driver *drv)
{
	return drv->ov.kind;
}

size_t
drv_pick_cursor(const struct driver *drv)
{
	return overlay_pick_item(&drv->ov);
}

static int
view_groups(struct driver *drv)
{
	return drv->view->ops->groups != NULL ?
	    drv->view->ops->groups(drv->view) : KEYS_NOTHING;
}

/* The help: what the control in front takes, then every binding of the
 * view's scopes for it, from the one table. */
static void
open_help(struct driver *drv)
{
	struct buf	b = BUF_INIT;

	if (drv->view->ops->help != NULL)
		drv->view->ops->help(drv->view, &b);
	keymap_help(&b, (drv->view->ops->scopes_now != NULL ?
	    drv->view->ops->scopes_now(drv->view) : drv->view->ops->scopes) |
	    KS_DRIVER, view_groups(drv));
	overlay_text(&drv->ov, OV_HELP, buf_str(&b));
	buf_release(&b);
}

/* i: the project's instructions and, on an image, what the image is. */
static void
open_instructions(struct driver *drv)
{
	struct buf	 b = BUF_INIT;
	const char	*text;

	text = drv->view->ops->instructions != NULL ?
	    drv->view->ops->instructions(drv->view) : NULL;
	if (text != NULL && *text != '\0')
		buf_addstr(&b, text);
	if (drv->scr.image.w > 0 && drv->scr.image_path != NULL) {
		while (b.len > 0 && b.data[b.len - 1] == '\n')
			b.len--;
		if (b.len > 0)
			buf_addstr(&b, "\n\n");
		image_describe(drv->scr.image_path, &b);
	}
	if (b.len == 0)
		drv_say(drv, "This project has no instructions");
	else
		overlay_text(&drv->ov, OV_INSTRUCTIONS, buf_str(&b));
	buf_release(&b);
}

/* Keys no view took: the driver's own, else unknown. */
static enum view_rc
generic_key(struct driver *drv, int key)
{
	char		*name;

	switch (keymap_request(KS_DRIVER, KEYS_ANY, key)) {
	case REQ_HELP:
		open_help(drv);
		return VIEW_DONE;
	case REQ_INSTRUCTIONS:
		open_instructions(drv);
		return VIEW_DONE;
	case REQ_QUIT:
		return VIEW_QUIT;
	case REQ_REDRAW:
	case REQ_CANCEL:
		return VIEW_DONE;
	default:
		break;
	}
	name = escape_dup(keymap_key_name(key), 0);
	drv_say(drv, "Unknown key %s, press %s for help", name,
	    keymap_key_name(keymap_key_of(REQ_HELP)));
	free(name);
	return VIEW_DONE;
}

static void
view_resize(struct driver *drv)
{
	int	w, h;

	drv->d->size(drv->d, &w, &h);
	screen_resize(&drv->scr, w, h);
	if (screen_big_enough(&drv->scr) && drv->view->ops->resize != NULL)
		drv->view->ops->resize(drv->view, w, h);
}

enum view_rc
driver_key(struct driver *drv, int key)
{
	enum view_rc	rc;

	drv->status[0] = '\0';
	drv->status_error = 0;
	key = keymap_normal(key);
	if (key == K_RESIZE) {
		view_resize(drv);
		return VIEW_DONE;
	}
	if (!screen_big_enough(&drv->scr)) {
		/* Nothing can be seen: only q means anything. */
		return keymap_request(KS_DRIVER, KEYS_ANY, key) == REQ_QUIT ?
		    VIEW_QUIT : VIEW_DONE;
	}
	if (drv->ov.kind != OV_NONE)
		return overlay_key(&drv->ov, key, drv->status,
		    sizeof drv->status);
	if ((rc = drv->view->ops->key(drv->view, key)) != VIEW_PASS)
		return rc;
	return generic_key(drv, key);
}

/* On an image, the graphics mode on the status line, ending before
 * column *end, which moves to before it. */
static void
status_graphics(struct screen *scr, int *end)
{
	const char	*m = graphics_name(scr->graphics);
	int		 n = (int)strlen(m);

	if (scr->image.w > 0 && scr->image_path != NULL) {
		*end -= n + 1;
		screen_put(scr, scr->h - 1, *end + 1, *end + 1 + n, m,
		    SA_DIM, 0);
	}
}

const struct screen *
driver_compose(struct driver *drv)
{
	struct screen	*scr = &drv->scr;
	const char	*s = drv->status;
	char		 unread[32];
	int		 w, h, end;

	drv->d->size(drv->d, &w, &h);
	screen_resize(scr, w, h);
	scr->colours = drv->d->colours;
	scr->graphics = drv->d->graphics;
	scr->palette = drv->d->palette;
	if (!screen_big_enough(scr)) {
		screen_too_small(scr);
		return scr;
	}
	screen_clear(scr);
	memset(&drv->frame, 0, sizeof drv->frame);
	drv->view->ops->compose(drv->view, scr, &drv->frame);
	if (*s == '\0' && drv->view->ops->status != NULL)
		s = drv->view->ops->status(drv->view);
	/* The unread count at the right; the message stops before it. */
	end = scr->w - 1;
	if (drv->unread > 0) {
		snprintf(unread, sizeof unread, "%lld unread",
		    (long long)drv->unread);
		end -= (int)strlen(unread) + 1;
		screen_put(scr, scr->h - 1, end + 1, scr->w - 1, unread,
		    SA_BOLD, 0);
	}
	status_graphics(scr, &end);
	if (s != NULL && *s != '\0')
		screen_put(scr, scr->h - 1, 1, end, s,
		    drv->status_error ? SA_BOLD : 0, 0);
	overlay_compose(&drv->ov, scr, &drv->frame);
	return scr;
}

static void
render(struct driver *drv)
{
	drv->d->show(drv->d, driver_compose(drv));
}

static double
now(void)
{
	struct timespec	t;

	/* Timings are real time, whatever clock the data is written with. */
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The CPU time the process has used (user and system), in seconds: a
 * key's share of it is what it cost, whatever else the machine runs. */
static double
cpu_now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void
drv_status_begin(struct driver *drv, struct drv_span *sp)
{
	if (drv == NULL || drv->o.timings == NULL)
		return;
	sp->real = now();
	sp->cpu = cpu_now();
}

void
drv_status_end(struct driver *drv, const struct drv_span *sp)
{
	if (drv == NULL || drv->o.timings == NULL)
		return;
	drv->status_real += now() - sp->real;
	drv->status_cpu += cpu_now() - sp->cpu;
}

/* One line of --timings: the name, the real and the CPU microseconds
 * since and cpu_since, then the part of them the status line's queries
 * took (real, CPU). */
static void
timing(struct driver *drv, const char *name, double since, double cpu_since)
{
	if (drv->o.timings != NULL)
		fprintf(drv->o.timings, "%s\t%.0f\t%.0f\t%.0f\t%.0f\n", name,
		    (now() - since) * 1e6, (cpu_now() - cpu_since) * 1e6,
		    drv->status_real * 1e6, drv->status_cpu * 1e6);
	drv->status_real = drv->status_cpu = 0;
}

static int
loop(struct driver *drv)
{
	enum view_rc	rc;
	double		t, cpu;
	int		key, changed;

	render(drv);
	/* The CPU time from the process's start. */
	timing(drv, "first-frame", drv->o.started, 0);
	while (got_signal == 0) {
		/* K_NONE: a timeout or a signal; nothing changed. */
		if ((key = drv->d->getkey(drv->d)) == -1)
			break;
		if (key == K_NONE && got_signal == 0 &&
		    drv->view->ops->tick != NULL) {
			/* A view that changes by itself (stats --watch). */
			if ((changed = drv->view->ops->tick(drv->view)) == -1)
				return -1;
			if (changed == 1)
				render(drv);
		}
		/* An image by URL came, or its progress moved. */
		if (key == K_NONE && got_signal == 0 && image_fetch_moved())
			render(drv);
		if (key == K_NONE)
			continue;
		t = now();
		cpu = cpu_now();
		rc = driver_key(drv, key);
		if (rc == VIEW_FAIL)
			return -1;
		render(drv);
		timing(drv, keymap_key_name(key), t, cpu);
		if (rc == VIEW_QUIT) {
			drv->quit = 1;
			break;
		}
	}
	if (got_signal != 0)
		render(drv);
	return 0;
}

int
driver_run(struct driver *drv)
{
	struct sigaction	 sa, old[NSIGNALS];
	int			 i, rc;

	got_signal = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaction(signals[i], &sa, &old[i]);
	running = drv;
	error_set_handler(status_handler);
	view_resize(drv);
	rc = drv->view->ops->open(drv->view);
	drv->opened = rc == 0;
	if (rc == 0) {
		drv_item_changed(drv);
		view_resize(drv);
		rc = loop(drv);
	}
	if (drv->opened)
		drv->view->ops->done(drv->view);
	error_set_handler(NULL);
	running = NULL;
	for (i = 0; i < NSIGNALS; i++)
		sigaction(signals[i], &old[i], NULL);
	if (rc == -1)
		return -1;
	return got_signal != 0 ? 128 + got_signal : 0;
}
