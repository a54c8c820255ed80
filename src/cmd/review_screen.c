/* The full-screen part of scalec review: the bare `scalec review PROJECT
 * [filters]` (cmd/review.c parses it) runs the review view (tui/review.c)
 * in the driver on the terminal, as scalec annotate runs the labeler
 * (cmd/screen.c for both). */
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

int
review_screen_run(struct ctx *c, const struct review_query *query)
{
	struct cmd_screen	 cs = CMD_SCREEN_INIT;
	struct review_view_opts	 vo;
	struct view		*v = NULL;
	int			 ret = -1;

	if (cmd_screen_open(c, &cs, NULL, NULL) == -1)
		goto out;
	memset(&vo, 0, sizeof vo);
	vo.st = c->st;
	vo.p = c->project;
	vo.cfg = cs.cfg;
	vo.user_id = c->me.id;
	vo.user = c->me.name;
	vo.who = ctx_actor(c);
	vo.query = query;
	vo.lease = LEASE_SECONDS_DEFAULT;
	vo.comment_required = c->project->review.comment_required;
	v = review_view_new(&vo);
	if ((ret = cmd_screen_run(&cs, v, 0, 0, NULL, NULL)) ==
	    EXIT_FAILURE_DATA)
		ret = -1;
out:
	review_view_free(v);
	return cmd_screen_close(&cs, ret);
}
