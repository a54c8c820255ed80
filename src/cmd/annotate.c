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
#include "store/batch.h"
#include "store/project.h"
#include "tui/annotate.h"
#include "tui/draw.h"
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

/* A headless screen's size: --size WxH. */
struct screen_size {
	int	 given;
	int	 w, h;
};

struct annotate_cmd_opts {
	long			 lease;		/* minutes */
	const char		*task;		/* 42 or id:VALUE */
	const char		*filter;	/* checked as it is read */
	int			 skipped;
	const char		*keys;
	struct screen_size	 size;
	int			 json;
	const char		*timings;
};

static const struct annotate_cmd_opts annotate_defaults = {
	LEASE_SECONDS_DEFAULT / 60, NULL, NULL, 0, NULL,
	{ 0, SCREEN_MIN_WIDTH, SCREEN_MIN_HEIGHT }, 0, NULL
};

static int
parse_size(const char *arg, void *dst, char *err, size_t errlen)
{
	struct screen_size	*sz = dst;
	const char		*x = strchr(arg, 'x');
	char			 w[16];
	long			 vw, vh;

	/* Two numbers of digits, as every number an option takes. */
	if (x == NULL || (size_t)(x - arg) >= sizeof w)
		goto bad;
	memcpy(w, arg, (size_t)(x - arg));
	w[x - arg] = '\0';
	if (opt_number(w, 1, 1000, &vw) == -1 ||
	    opt_number(x + 1, 1, 1000, &vh) == -1)
		goto bad;
	sz->w = (int)vw;
	sz->h = (int)vh;
	sz->given = 1;
	return 0;
bad:
	snprintf(err, errlen, "takes WIDTHxHEIGHT, e.g. 80x24, not '%s'", arg);
	return -1;
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
	OPT_NUMBER(0, "lease", T, lease, "MINUTES",
	    "hold each task this long without a change (default 15)", 1,
	    24 * 60),
	OPT_STRING(0, "task", T, task, "TASK",
	    "open this task first: its number, or id:VALUE"),
	OPT_PARSE(0, "filter", T, filter, const char *, "EXPR",
	    "only tasks whose text holds EXPR, or with meta.KEY=VALUE",
	    parse_filter),
	OPT_FLAG(0, "skipped", T, skipped,
	    "only the tasks you skipped, the one skipped longest ago first"),
	OPT_STRING(0, "keys", T, keys, "FILE",
	    "headless: run the key script FILE ('-': stdin), print the"
	    " screen"),
	OPT_PARSE(0, "size", T, size, struct screen_size, "WxH",
	    "headless: the screen's size (default 80x24)", parse_size),
	OPT_FLAG(0, "json", T, json,
	    "headless: print a summary as JSON instead of the screen"),
	OPT_STRING(0, "timings", T, timings, "FILE",
	    "headless: write the time to the first screen and each key's"
	    " processing time (microseconds) to FILE"),
	OPT_END
};
#undef T

/* A key script's bytes, from a file or stdin: as a config's, 1 MiB
 * (some 200,000 keys), read no further (--keys /dev/zero is refused). */
#define SCRIPT_MAX	(1024 * 1024)

static const char *const annotate_usage[] = {
	"scalec annotate PROJECT [--lease MINUTES] [--task TASK]",
	"                        [--filter EXPR] [--skipped]",
	"       scalec annotate PROJECT --keys FILE [--size WxH] [--json]",
	"                       [--timings FILE]",
	"",
	"Labels PROJECT's tasks on the full screen: ? shows the keys. With",
	"--keys, runs a key script without a terminal. Skipped tasks come",
	"back after every other open one. See scalec-annotate(1).",
	NULL
};

static void
print_summary(const struct ctx *c, const struct project *p,
    struct driver *drv, struct view *v, struct key_script *ks, int quit)
{
	struct annotate_summary	 sum;
	json_t			*j = json_object();

	annotate_view_summary(v, &sum);
	json_object_set_new(j, "project", json_string(p->name));
	json_object_set_new(j, "user", json_string(c->me.name));
	json_object_set_new(j, "keys", json_integer((json_int_t)
	    key_script_done(ks)));
	json_object_set_new(j, "submitted", json_integer(sum.submitted));
	json_object_set_new(j, "skipped", json_integer(sum.skipped));
	json_object_set_new(j, "late", json_integer(sum.late));
	json_object_set_new(j, "task", sum.task != 0 ?
	    json_integer(sum.task) : json_null());
	json_object_set_new(j, "no_task_left", json_boolean(sum.task == 0));
	json_object_set_new(j, "quit", json_boolean(quit));
	json_object_set_new(j, "status", json_string(drv_status(drv)));
	json_print(j);
}

static int
annotate_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct annotate_cmd_opts *o = opts;
	const struct project	*p = c->project;
	struct config		*cfg = NULL;
	struct annotate_opts	 ao;
	struct driver_opts	 dopts;
	struct display		 d;
	struct driver		*drv = NULL;
	struct view		*v = NULL;
	struct key_script	*ks = NULL;
	struct buf		 script = BUF_INIT;
	struct keybinds		 keys = KEYBINDS_INIT;
	char			*keys_file = NULL;
	const char		*name;
	int64_t			 task = 0, task_project = 0;
	int			 rc, ret = EXIT_FAILURE_DATA, displayed = 0;

	(void)argc;
	(void)argv;
	ctx_driver_opts(c, &dopts);
	if (o->keys == NULL && (o->size.given || o->json ||
	    o->timings != NULL))
		cmd_usage_die(c, "--size, --json and --timings are for a key"
		    " script (--keys FILE)");
	/* A task that is not there, or not this project's, is refused
	 * before anything is changed. */
	if (o->task != NULL && ctx_task_ref(c, o->task, &task, &task_project)
	    == -1)
		goto out;
	/* A bad script is refused before anything is changed. */
	if (o->keys != NULL && (input_read(o->keys, SCRIPT_MAX, 0, &script,
	    &name) == -1 || (ks = key_script_parse(script.data, script.len,
	    name)) == NULL))
		goto out;
	if (o->timings != NULL &&
	    (dopts.timings = fopen(o->timings, "w")) == NULL) {
		error("%s: %s", o->timings, strerror(errno));
		goto out;
	}
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) == NULL)
		goto out;
	/* The person's keys, then the project's; a key two requests would
	 * share, or that the screens took since a label was given it, is
	 * refused here, never changed behind the person's back. */
	if ((keys_file = ctx_person_keys(&keys)) == NULL)
		goto out;
	if (keymap_configure(&keys, keys_file, cfg, p->name) == -1) {
		error("the keys cannot be used as they are: change keys: in"
		    " %s, or a manager changes project %s's config with"
		    " 'scalec project edit %s --config FILE'", keys_file,
		    p->name, p->name);
		goto out;
	}
	if (cfg->instructions[0] == '\0' && p->instructions != NULL &&
	    p->instructions[0] != '\0') {
		free(cfg->instructions);
		cfg->instructions = xstrdup(p->instructions);
	}
	memset(&ao, 0, sizeof ao);
	ao.st = c->st;
	ao.p = p;
	ao.cfg = cfg;
	ao.user_id = c->me.id;
	ao.user = c->me.name;
	ao.acted_by = c->real.id != c->me.id ? c->real.id : 0;
	ao.lease = (int)o->lease * 60;
	ao.task = task;
	ao.filter = o->filter;
	ao.skipped_only = o->skipped;
	v = annotate_view_new(&ao);

	dopts.headless = ks != NULL;
	if (ks != NULL)
		display_text_init(&d, ks, o->size.w, o->size.h);
	else if (draw_open(&d) == -1)
		goto out;
	displayed = 1;
	drv = driver_new(v, &d, &dopts);
	/* A session never gives up on a busy database (an import's chunk,
	 * a backup): it waits, says so, and keeps what the person typed. */
	store_set_wait(c->st, STORE_WAIT_FOREVER, driver_wait_hook, drv);
	rc = driver_run(drv);
	store_set_wait(c->st, STORE_WAIT_FOREVER, NULL, NULL);
	/* The last frame, while the script's display still has its size. */
	if (rc != -1 && ks != NULL) {
		if (o->json)
			print_summary(c, p, drv, v, ks, drv_quit(drv));
		else
			screen_dump(driver_compose(drv), stdout);
	}
	d.close(&d);
	displayed = 0;
	if (rc == -1) {
		if (ks == NULL && drv_last_error(drv)[0] != '\0')
			fprintf(stderr, "scalec: %s\n", drv_last_error(drv));
		goto out;
	}
	ret = rc;
out:
	if (displayed)
		d.close(&d);
	driver_free(drv);
	annotate_view_free(v);
	config_free(cfg);
	key_script_free(ks);
	buf_release(&script);
	/* The table names keys_file for the bindings it gave. */
	keymap_reset();
	keybinds_release(&keys);
	free(keys_file);
	if (dopts.timings != NULL && fclose(dopts.timings) == EOF &&
	    ret == 0) {
		error("%s: %s", o->timings, strerror(errno));
		ret = EXIT_FAILURE_DATA;
	}
	return ret;
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
