/* The full-screen part of scalec review: the bare `scalec review PROJECT
 * [filters]` (cmd/review.c parses it) runs the review view (tui/review.c)
 * in the driver on the terminal, or headless on a key script (--keys,
 * with --size, --json, --timings and --pace), as scalec annotate runs the
 * labeler (cmd/screen.c for both). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "model/keybind.h"
#include "store/assign.h"
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

/* --json: what the session did, and the item open at the end (an
 * annotation's id, or with overlap a task's). */
static void
summary(struct view *v, json_t *j)
{
	static const struct {
		const char	*name;
		size_t		 at;
	} counts[] = {
		{ "accepted", offsetof(struct review_summary, accepted) },
		{ "rejected", offsetof(struct review_summary, rejected) },
		{ "fixed", offsetof(struct review_summary, fixed) },
		{ "comments", offsetof(struct review_summary, comments) },
		{ "finals", offsetof(struct review_summary, finals) },
		{ "withdrawn", offsetof(struct review_summary, withdrawn) },
	};
	struct review_summary	 sum;
	size_t			 i;

	review_view_summary(v, &sum);
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		json_object_set_new(j, counts[i].name, json_integer(
		    *(const int64_t *)(const void *)((const char *)&sum +
		    counts[i].at)));
	json_object_set_new(j, sum.by_task ? "task" : "annotation",
	    sum.item != 0 ? json_integer(sum.item) : json_null());
	json_object_set_new(j, "nothing_left", json_boolean(sum.item == 0));
	json_object_set_new(j, "image", cmd_screen_image_json());
}

int
review_screen_run(struct ctx *c, const struct review_query *query,
    const struct screen_script *script, long lease)
{
	struct cmd_screen	 cs = CMD_SCREEN_INIT;
	struct review_view_opts	 vo;
	struct view		*v = NULL;
	int			 ret = -1;

	if (cmd_screen_open(c, &cs, script) == -1)
		goto out;
	memset(&vo, 0, sizeof vo);
	vo.st = c->st;
	vo.p = c->project;
	vo.cfg = cs.cfg;
	vo.user_id = c->me.id;
	vo.user = c->me.name;
	vo.who = ctx_actor(c);
	vo.query = query;
	vo.lease = cmd_screen_lease(lease);
	vo.comment_required = c->project->review.comment_required;
	v = review_view_new(&vo);
	if ((ret = cmd_screen_run(&cs, v, script->json ? summary : NULL)) ==
	    EXIT_FAILURE_DATA)
		ret = -1;
out:
	review_view_free(v);
	return cmd_screen_close(&cs, ret);
}
