/* The full-screen part of scalec review: the bare `scalec review PROJECT
 * [filters]` (cmd/review.c parses it) runs the review view (tui/review.c)
 * in the driver, on the terminal or, with --keys, a key script, exactly as
 * scalec annotate runs the labeler (cmd/annotate.c). */
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

struct summary_arg {
	const struct ctx	*c;
	struct view		*v;
};

static void
print_summary(void *arg, struct driver *drv, struct key_script *ks)
{
	struct summary_arg	*a = arg;
	struct review_summary	 sum;
	json_t			*j = json_object();

	review_view_summary(a->v, &sum);
	json_object_set_new(j, "project", json_string(a->c->project->name));
	json_object_set_new(j, "user", json_string(a->c->me.name));
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
review_screen_run(struct ctx *c, const struct review_query *query,
    const struct review_screen *o)
{
	struct cmd_screen	 cs = CMD_SCREEN_INIT;
	struct review_view_opts	 vo;
	struct summary_arg	 sa = { c, NULL };
	struct view		*v = NULL;
	int			 ret = EXIT_FAILURE_DATA;

	if (cmd_screen_open(c, &cs, o->keys, o->timings) == -1)
		goto out;
	memset(&vo, 0, sizeof vo);
	vo.st = c->st;
	vo.p = c->project;
	vo.cfg = cs.cfg;
	vo.user_id = c->me.id;
	vo.user = c->me.name;
	vo.who = ctx_actor(c);
	vo.query = query;
	vo.lease = o->lease;
	vo.comment_required = o->comment_required;
	sa.v = v = review_view_new(&vo);
	ret = cmd_screen_run(&cs, v, o->w, o->h, o->json ? print_summary :
	    NULL, &sa);
out:
	review_view_free(v);
	return cmd_screen_close(&cs, ret);
}
