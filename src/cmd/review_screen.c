/* The full-screen part of scalec review: the bare `scalec review PROJECT
 * [filters]` (cmd/review.c parses it) runs the review view (tui/review.c)
 * in the driver, on the terminal or, with --keys, a key script, exactly as
 * scalec annotate runs the labeler (cmd/annotate.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "model/keybind.h"
#include "store/project.h"
#include "store/review.h"
#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/review.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/input.h"
#include "util/xmalloc.h"

/* A key script's bytes at most, as annotate's. */
#define SCRIPT_MAX	(1024 * 1024)

static void
print_summary(const struct ctx *c, const struct project *p,
    struct driver *drv, struct view *v, struct key_script *ks)
{
	struct review_summary	 sum;
	json_t			*j = json_object();

	review_view_summary(v, &sum);
	json_object_set_new(j, "project", json_string(p->name));
	json_object_set_new(j, "user", json_string(c->me.name));
	json_object_set_new(j, "keys", json_integer((json_int_t)
	    key_script_done(ks)));
	json_object_set_new(j, "accepted", json_integer(sum.accepted));
	json_object_set_new(j, "rejected", json_integer(sum.rejected));
	json_object_set_new(j, "fixed", json_integer(sum.fixed));
	json_object_set_new(j, "comments", json_integer(sum.comments));
	json_object_set_new(j, "finals", json_integer(sum.finals));
	json_object_set_new(j, "withdrawn", json_integer(sum.withdrawn));
	json_object_set_new(j, "item", sum.item != 0 ?
	    json_integer(sum.item) : json_null());
	json_object_set_new(j, "quit", json_boolean(drv_quit(drv)));
	json_object_set_new(j, "status", json_string(drv_status(drv)));
	json_print(j);
}

int
review_screen_run(struct ctx *c, const struct review_filter *filter,
    const struct review_screen *o)
{
	const struct project	*p = c->project;
	struct config		*cfg = NULL;
	struct review_view_opts	 vo;
	struct driver_opts	 dopts = { 0, NULL, 0 };
	struct display		 d;
	struct driver		*drv = NULL;
	struct view		*v = NULL;
	struct key_script	*ks = NULL;
	struct buf		 script = BUF_INIT;
	struct keybinds		 keys = KEYBINDS_INIT;
	char			*keys_file = NULL;
	const char		*name;
	int			 rc, ret = EXIT_FAILURE_DATA, displayed = 0;

	dopts.started = clock_start();
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
	memset(&vo, 0, sizeof vo);
	vo.st = c->st;
	vo.p = p;
	vo.cfg = cfg;
	vo.user_id = c->me.id;
	vo.user = c->me.name;
	vo.who = ctx_actor(c);
	vo.filter = filter;
	vo.lease = o->lease;
	vo.comment_required = o->comment_required;
	v = review_view_new(&vo);

	dopts.headless = ks != NULL;
	if (ks != NULL)
		display_text_init(&d, ks, o->w, o->h);
	else if (draw_open(&d) == -1)
		goto out;
	displayed = 1;
	drv = driver_new(v, &d, &dopts);
	rc = driver_run(drv);
	if (rc != -1 && ks != NULL) {
		if (o->json)
			print_summary(c, p, drv, v, ks);
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
	review_view_free(v);
	config_free(cfg);
	key_script_free(ks);
	buf_release(&script);
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
