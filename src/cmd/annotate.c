/* scalec annotate: its options and the wiring of the full-screen labeler,
 * the annotate view (tui/annotate.c) run by the driver (tui/driver.c). The
 * display is either the terminal (draw.c) or, with --keys, a key script:
 * both run the same loop, so what the tests and the benchmark replay is
 * what a person's keys do. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "model/filter.h"
#include "model/keybind.h"
#include "store/annotation.h"
#include "store/assign.h"
#include "store/project.h"
#include "tui/annotate.h"
#include "tui/draw.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/input.h"
#include "util/opt.h"
#include "util/xmalloc.h"

struct annotate_cmd_opts {
	long			 lease;		/* minutes */
	const char		*task;		/* 42 or id:VALUE */
	const char		*filter;	/* checked as it is read */
	int			 skipped;
	struct screen_script	 script;
	int			 graphics;
};

static const struct annotate_cmd_opts annotate_defaults = {
	0, NULL, NULL, 0, { NULL, { 0, 0, 0 }, 0, NULL, NULL, 0 },
	GRAPHICS_AUTO
};

/* --graphics: a mode's name. */
static int
parse_graphics(const char *arg, void *dst, char *err, size_t errlen)
{
	int	m = graphics_parse(arg);

	if (m < GRAPHICS_NONE) {
		snprintf(err, errlen, "takes sixel, kitty, iterm, symbols or"
		    " none, not '%s'", arg);
		return -1;
	}
	if (m != GRAPHICS_NONE && !graphics_available()) {
		snprintf(err, errlen, "'%s' needs libchafa, and this scalec was"
		    " built without it (configure --without-chafa): only"
		    " none", arg);
		return -1;
	}
	*(int *)dst = m;
	return 0;
}

/* --filter: refused as it is read when it means nothing. */
static int
parse_filter(const char *arg, void *dst, char *err, size_t errlen)
{
	struct task_filter	f = TASK_FILTER_INIT;
	int			rc;

	rc = task_filter_parse(arg, &f, err, errlen);
	task_filter_release(&f);
	if (rc == 0)
		*(const char **)dst = arg;
	return rc;
}

#define T	struct annotate_cmd_opts
static const struct opt annotate_opts[] = {
	OPT_SCREEN_LEASE(T, lease, "task"),
	OPT_STRING(0, "task", T, task, "TASK",
	    "open this task first: its number, or id:VALUE"),
	OPT_PARSE(0, "filter", T, filter, const char *, "EXPR",
	    "only tasks whose text holds EXPR, or with meta.KEY=VALUE",
	    parse_filter),
	OPT_FLAG(0, "skipped", T, skipped,
	    "only the tasks you skipped, the one skipped longest ago first"),
	OPT_SCREEN_SCRIPT(T, script),
	OPT_PARSE(0, "graphics", T, graphics, int, "MODE",
	    "show images as sixel, kitty, iterm, symbols or none (default:"
	    " what the terminal answers)", parse_graphics),
	OPT_STRING(0, "graphics-out", T, script.graphics_out, "FILE",
	    "headless: write the bytes a sixel, kitty or iTerm2 picture"
	    " sends to the terminal to FILE"),
	OPT_END
};
#undef T

static const char *const annotate_usage[] = {
	"scalec annotate PROJECT [--lease MINUTES] [--task TASK]",
	"                        [--filter EXPR] [--skipped] [--graphics MODE]",
	"       scalec annotate PROJECT --keys FILE [--size WxH] [--json]",
	"                       [--timings FILE] [--graphics MODE]",
	"                       [--graphics-out FILE] [--pace MS]",
	"",
	"Labels PROJECT's tasks on the full screen: ? shows the keys. With",
	"--keys, runs a key script without a terminal. Skipped tasks come",
	"back after every other open one. See scalec-annotate(1).",
	NULL
};

/* --json: what the session did, and the task open at the end. */
static void
summary(struct view *v, json_t *j)
{
	struct annotate_summary	 sum;

	annotate_view_summary(v, &sum);
	json_object_set_new(j, "submitted", json_integer(sum.submitted));
	json_object_set_new(j, "skipped", json_integer(sum.skipped));
	json_object_set_new(j, "late", json_integer(sum.late));
	json_object_set_new(j, "task", sum.task != 0 ?
	    json_integer(sum.task) : json_null());
	json_object_set_new(j, "no_task_left", json_boolean(sum.task == 0));
	json_object_set_new(j, "image", cmd_screen_image_json());
}

static int
annotate_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct annotate_cmd_opts *o = opts;
	struct cmd_screen	 cs = CMD_SCREEN_INIT;
	struct annotate_opts	 ao;
	struct view		*v = NULL;
	int64_t			 task = 0, task_project = 0;
	int			 ret = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	cmd_screen_check(c, &o->script);
	/* A task that is not there, or not this project's, is refused
	 * before anything is changed. */
	if (o->task != NULL && ctx_task_ref(c, o->task, &task, &task_project)
	    == -1)
		goto out;
	if (cmd_screen_open(c, &cs, &o->script) == -1)
		goto out;
	if (cmd_screen_graphics(&cs, o->graphics, o->script.graphics_out) ==
	    -1)
		goto out;
	memset(&ao, 0, sizeof ao);
	ao.st = c->st;
	ao.p = c->project;
	ao.cfg = cs.cfg;
	ao.user_id = c->me.id;
	ao.user = c->me.name;
	ao.acted_by = c->real.id != c->me.id ? c->real.id : 0;
	ao.lease = cmd_screen_lease(o->lease);
	ao.task = task;
	ao.filter = o->filter;
	ao.skipped_only = o->skipped;
	v = annotate_view_new(&ao);
	ret = cmd_screen_run(&cs, v, o->script.json ? summary : NULL);
out:
	annotate_view_free(v);
	return cmd_screen_close(&cs, ret);
}

static const struct cmd_sub annotate_sub = {
	NULL, "PROJECT", CMD_PROJECT, ACT_ANNOTATE, annotate_opts,
	sizeof(struct annotate_cmd_opts), &annotate_defaults, annotate_run
};

const struct cmd_entry cmd_annotate_entry = {
	.name = "annotate",
	.summary = "label a project's tasks on the full screen",
	.usage = annotate_usage,
	.subs = &annotate_sub,
	.nsubs = 1,
};
