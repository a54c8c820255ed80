/* A labeler as a view holds it, for the tests: in a driver of its own
 * (view.h) on an 80x24 display that shows nothing, so that keys go
 * through the driver as they would on a screen: its prompt (the search, a
 * text's editor), its picker, its help and its messages. press() gives a
 * key and returns the labeler's action (LB_REDRAW for a key the driver's
 * overlay took without an answer yet). Include once per test program. */
#ifndef SCALEC_TEST_LBTEST_H
#define SCALEC_TEST_LBTEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/labeler.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "util/xmalloc.h"

struct lbtest {
	struct labeler	*lb;
	struct view	 view;
	struct display	 d;
	struct driver	*drv;
	int		 w, h;
};

static int
lbt_size(struct display *d, int *w, int *h)
{
	struct lbtest	*t = d->data;

	*w = t->w;
	*h = t->h;
	return 0;
}

static int
lbt_getkey(struct display *d)
{
	(void)d;
	return -1;
}

static void
lbt_show(struct display *d, const struct screen *scr)
{
	(void)d;
	(void)scr;
}

static void
lbt_close(struct display *d)
{
	(void)d;
}

static enum view_rc
lbt_said(void *arg, enum lb_action a)
{
	(void)arg;
	return a == LB_PASS ? VIEW_PASS : VIEW_DONE;
}

static enum view_rc
lbt_key(struct view *v, int key)
{
	struct lbtest	*t = v->data;

	return labeler_key(t->lb, key) == LB_PASS ? VIEW_PASS : VIEW_DONE;
}

static int
lbt_groups(struct view *v)
{
	struct lbtest	*t = v->data;

	return labeler_groups(t->lb);
}

static void
lbt_compose(struct view *v, struct screen *scr, struct view_frame *f)
{
	struct lbtest	*t = v->data;

	labeler_compose(scr, t->lb, 1, scr->h - 3, f);
}

static void
lbt_help(struct view *v, struct buf *b)
{
	struct lbtest	*t = v->data;

	labeler_help(t->lb, b);
}

static const char *
lbt_instructions(struct view *v)
{
	struct lbtest	*t = v->data;

	return t->lb->config->instructions;
}

static const char *
lbt_status(struct view *v)
{
	struct lbtest	*t = v->data;

	return labeler_status(t->lb);
}

static const struct view_ops lbt_ops = {
	.name = "test",
	.scopes = KS_DRIVER | KS_LABELER,
	.groups = lbt_groups,
	.key = lbt_key,
	.compose = lbt_compose,
	.help = lbt_help,
	.instructions = lbt_instructions,
	.status = lbt_status,
};

/* A labeler on task, in a driver. labeler_set_view is left to the test. */
static struct labeler *
lbt_open_task(const struct config *cfg, const struct lb_task *task,
    const json_t *initial, int from_prediction)
{
	struct lbtest	*t = xcalloc(1, sizeof *t);

	t->lb = labeler_new(cfg, task, initial, from_prediction);
	t->w = 80;
	t->h = 24;
	t->d.size = lbt_size;
	t->d.getkey = lbt_getkey;
	t->d.show = lbt_show;
	t->d.close = lbt_close;
	t->d.data = t;
	t->view.ops = &lbt_ops;
	t->view.data = t;
	t->drv = driver_new(&t->view, &t->d, NULL);
	labeler_attach(t->lb, t->drv, lbt_said, t);
	/* The driver's grid has its size before the first key. */
	driver_compose(t->drv);
	return t->lb;
}

/* A labeler on a text, or an image of unknown size when text is NULL. */
static __attribute__((unused)) struct labeler *
lbt_open(const struct config *cfg, const char *text, const json_t *initial,
    int from_prediction)
{
	struct lb_task	 task = { .text = text,
			    .len = text != NULL ? strlen(text) : 0,
			    .image = text == NULL ? "/img/x.png" : NULL };

	return lbt_open_task(cfg, &task, initial, from_prediction);
}

static struct lbtest *
lbt_of(const struct labeler *lb)
{
	return lb->notify_arg;
}

static void
lbt_close_lb(struct labeler *lb)
{
	struct lbtest	*t = lbt_of(lb);

	driver_free(t->drv);
	labeler_free(lb);
	free(t);
}

/* One key through the driver; the labeler's action it led to. */
static enum lb_action
press(struct labeler *lb, int key)
{
	lb->last = (enum lb_action)-1;
	if (driver_key(lbt_of(lb)->drv, key) == VIEW_QUIT)
		return LB_PASS;
	return (int)lb->last == -1 ? LB_REDRAW : lb->last;
}

/* What the status line shows. */
static __attribute__((unused)) const char *
shown_status(const struct labeler *lb)
{
	return drv_status(lbt_of(lb)->drv);
}

/* The driver's frame as text, rows ending in newlines; caller frees. */
static __attribute__((unused)) char *
lbt_dump(const struct labeler *lb)
{
	char	*d = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&d, &n);

	ck_assert_ptr_nonnull(f);
	screen_dump(driver_compose(lbt_of(lb)->drv), f);
	fclose(f);
	return d;
}

/* Asserts the frame shows part somewhere. */
static void __attribute__((unused))
check_screen_has(const struct labeler *lb, const char *part)
{
	char	*d = lbt_dump(lb);

	ck_assert_msg(strstr(d, part) != NULL, "the screen lacks \"%s\":\n%s",
	    part, d);
	free(d);
}

#endif
