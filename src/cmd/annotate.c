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
#include "store/annotation.h"
#include "store/assign.h"
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
#include "util/opt.h"
#include "util/xmalloc.h"

enum { OPT_LEASE = 1000, OPT_KEYS, OPT_SIZE, OPT_JSON, OPT_TIMINGS };

static const struct opt annotate_opts[] = {
	{ "lease", 0, OPT_ARG, OPT_LEASE, "MINUTES",
	    "hold each task this long without a change (default 15)" },
	{ "keys", 0, OPT_ARG, OPT_KEYS, "FILE",
	    "headless: run the key script FILE ('-': stdin), print the"
	    " screen" },
	{ "size", 0, OPT_ARG, OPT_SIZE, "WxH",
	    "headless: the screen's size (default 80x24)" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL,
	    "headless: print a summary as JSON instead of the screen" },
	{ "timings", 0, OPT_ARG, OPT_TIMINGS, "FILE",
	    "headless: write the time to the first screen and each key's"
	    " processing time (microseconds) to FILE" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char *const annotate_usage[] = {
	"scalec annotate PROJECT [--lease MINUTES]",
	"       scalec annotate PROJECT --keys FILE [--size WxH] [--json]",
	"                       [--timings FILE]",
	"",
	"Labels PROJECT's tasks on the full screen: ? shows the keys. With",
	"--keys, runs a key script without a terminal. See scalec-annotate(1).",
	NULL
};

static char *
read_script(const char *path, size_t *len)
{
	struct buf	 b = BUF_INIT;
	FILE		*f = stdin;
	char		 chunk[8192];
	size_t		 n;

	if (strcmp(path, "-") != 0 && (f = fopen(path, "r")) == NULL) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		error("%s: %s", path, strerror(errno));
		if (f != stdin)
			fclose(f);
		buf_release(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

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
cmd_annotate_exec(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct project		 p = PROJECT_INIT;
	struct config		*cfg = NULL;
	struct annotate_opts	 ao;
	struct driver_opts	 dopts = { 0, NULL, 0 };
	struct display		 d;
	struct driver		*drv = NULL;
	struct view		*v = NULL;
	struct key_script	*ks = NULL;
	const char		*name, *keys = NULL, *timings = NULL;
	char			*script = NULL, x;
	size_t			 len = 0;
	int			 o, rc, ret = EXIT_FAILURE_DATA, json = 0;
	int			 w = SCREEN_MIN_WIDTH, h = SCREEN_MIN_HEIGHT;
	int			 sized = 0, displayed = 0;
	int			 lease = LEASE_SECONDS_DEFAULT;

	dopts.started = clock_start();
	optparse_init(&op, argc, argv, annotate_opts, annotate_usage);
	while ((o = optparse_next(&op)) != -1) {
		switch (o) {
		case OPT_LEASE:
			lease = (int)opt_number(&op, "lease", op.arg, 1,
			    24 * 60) * 60;
			break;
		case OPT_KEYS:
			keys = op.arg;
			break;
		case OPT_SIZE:
			if (sscanf(op.arg, "%dx%d%c", &w, &h, &x) != 2 ||
			    w < 1 || h < 1 || w > 1000 || h > 1000)
				usage_die(annotate_usage, annotate_opts,
				    "--size takes WIDTHxHEIGHT, e.g. 80x24,"
				    " not '%s'", op.arg);
			sized = 1;
			break;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_TIMINGS:
			timings = op.arg;
			break;
		}
	}
	if (optparse_nargs(&op) != 1)
		usage_die(annotate_usage, annotate_opts, "annotate needs a"
		    " PROJECT");
	if (keys == NULL && (sized || json || timings != NULL))
		usage_die(annotate_usage, annotate_opts, "--size, --json and"
		    " --timings are for a key script (--keys FILE)");
	name = optparse_arg(&op, 0);
	optparse_release(&op);

	/* A bad script is refused before anything is touched. */
	if (keys != NULL) {
		if ((script = read_script(keys, &len)) == NULL ||
		    (ks = key_script_parse(script, len, strcmp(keys, "-") == 0 ?
		    "stdin" : keys)) == NULL)
			goto out;
	}
	if (timings != NULL && (dopts.timings = fopen(timings, "w")) == NULL) {
		error("%s: %s", timings, strerror(errno));
		goto out;
	}
	if (ctx_open(c) == -1 || ctx_project(c, name, ACT_ANNOTATE, &p) == -1)
		goto out;
	if ((cfg = config_parse(p.config, strlen(p.config), p.name)) == NULL)
		goto out;
	/* A key the screens took for themselves since the config was
	 * written: refused here, never changed behind the person's back. */
	if (keymap_check_config(cfg, p.name) == -1) {
		error("project %s's config gives a label a key the screens"
		    " need: a manager changes it with 'scalec project edit %s"
		    " --config FILE'", p.name, p.name);
		goto out;
	}
	if (cfg->instructions[0] == '\0' && p.instructions != NULL &&
	    p.instructions[0] != '\0') {
		free(cfg->instructions);
		cfg->instructions = xstrdup(p.instructions);
	}
	memset(&ao, 0, sizeof ao);
	ao.st = c->st;
	ao.p = &p;
	ao.cfg = cfg;
	ao.user_id = c->me.id;
	ao.user = c->me.name;
	ao.acted_by = c->real.id != c->me.id ? c->real.id : 0;
	ao.lease = lease;
	v = annotate_view_new(&ao);

	dopts.headless = ks != NULL;
	if (ks != NULL)
		display_text_init(&d, ks, w, h);
	else if (draw_open(&d) == -1)
		goto out;
	displayed = 1;
	drv = driver_new(v, &d, &dopts);
	rc = driver_run(drv);
	/* The last frame, while the script's display still has its size. */
	if (rc != -1 && ks != NULL) {
		if (json)
			print_summary(c, &p, drv, v, ks, drv_quit(drv));
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
	project_release(&p);
	key_script_free(ks);
	free(script);
	if (dopts.timings != NULL && fclose(dopts.timings) == EOF &&
	    ret == 0) {
		error("%s: %s", timings, strerror(errno));
		ret = EXIT_FAILURE_DATA;
	}
	return ret;
}

const struct cmd_entry cmd_annotate_entry = {
	.name = "annotate",
	.summary = "label a project's tasks on the full screen",
	.exec = cmd_annotate_exec,
};
