/* scalec review: the review screen on a project's submitted annotations
 * (review_screen.c runs it). Reviewers and above may; an annotator is
 * refused before anything opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "store/assign.h"
#include "store/near.h"
#include "store/project.h"
#include "store/review.h"
#include "store/user.h"
#include "tui/screen.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/opt.h"

struct review_cmd_opts {
	const char		*user;
	const char		*state;
	struct opt_time		 since;
	long			 lease;		/* minutes */
	const char		*label;
	enum review_order	 order;
	long			 seed;
	const char		*keys;
	struct screen_size	 size;
	int			 json;
	const char		*timings;
};

static const struct review_cmd_opts review_defaults = {
	NULL, NULL, { 0, 0 }, LEASE_SECONDS_DEFAULT / 60, NULL, REVIEW_OLDEST,
	0, NULL,
	{ 0, SCREEN_MIN_WIDTH, SCREEN_MIN_HEIGHT }, 0, NULL
};

static int
parse_order(const char *arg, void *dst, char *err, size_t errlen)
{
	enum review_order	*o = dst;

	if (strcmp(arg, "oldest") == 0)
		*o = REVIEW_OLDEST;
	else if (strcmp(arg, "random") == 0)
		*o = REVIEW_RANDOM;
	else if (strcmp(arg, "by-user") == 0)
		*o = REVIEW_BY_USER;
	else {
		snprintf(err, errlen, "takes oldest, random or by-user, not"
		    " '%s'", arg);
		return -1;
	}
	return 0;
}

#define T	struct review_cmd_opts
static const struct opt review_opts[] = {
	OPT_STRING(0, "user", T, user, "USER",
	    "only this annotator's annotations"),
	OPT_PARSE(0, "state", T, state, const char *, "STATE",
	    "annotations in this state (default submitted)", cmd_parse_state),
	OPT_TIME(0, "since", T, since, "TIME",
	    "only annotations submitted since TIME"),
	OPT_NUMBER(0, "lease", T, lease, "MINUTES",
	    "hold each item this long (default 15)", 1, 24 * 60),
	OPT_STRING(0, "label", T, label, "LABEL",
	    "only annotations that use this label"),
	OPT_PARSE(0, "order", T, order, enum review_order, "ORDER",
	    "oldest (the default), random or by-user", parse_order),
	OPT_NUMBER(0, "seed", T, seed, "N",
	    "the shuffle of --order random (default 0)", 0, 2147483647),
	OPT_STRING(0, "keys", T, keys, "FILE",
	    "headless: run the key script FILE ('-': stdin), print the"
	    " screen"),
	OPT_PARSE(0, "size", T, size, struct screen_size, "WxH",
	    "headless: the screen's size (default 80x24)", cmd_parse_size),
	OPT_FLAG(0, "json", T, json,
	    "headless: print a summary as JSON instead of the screen"),
	OPT_STRING(0, "timings", T, timings, "FILE",
	    "headless: write the time to the first screen and each key's"
	    " processing time (microseconds) to FILE"),
	OPT_END
};
#undef T

static const char *const review_usage[] = {
	"scalec review PROJECT [--user USER] [--label LABEL] [--state STATE]",
	"                      [--since TIME] [--order oldest|random|by-user]",
	"                      [--seed N] [--lease MINUTES]",
	"       scalec review PROJECT --keys FILE [--size WxH] [--json]",
	"                      [--timings FILE]",
	"",
	"Reviews PROJECT's submitted annotations on the full screen, the",
	"oldest submission first: a accepts, r rejects with a comment, e",
	"fixes; ? shows the keys. Nobody reviews their own work. See",
	"scalec-review(1).",
	NULL
};

static int
review_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct review_cmd_opts	*o = opts;
	struct review_query	 q = REVIEW_QUERY_INIT;
	struct review_screen	 rs;
	struct user		 u = USER_INIT;
	char			 since[CLOCK_ISO_LEN];
	int			 rc;

	(void)argc;
	(void)argv;
	if (o->keys == NULL && (o->size.given || o->json ||
	    o->timings != NULL))
		cmd_usage_die(c, "--size, --json and --timings are for a key"
		    " script (--keys FILE)");
	if (o->user != NULL) {
		if ((rc = store_user_get(c->st, o->user, &u)) != 1) {
			if (rc == 0)
				store_no_user(c->st, "--user: ", o->user, NULL);
			return EXIT_FAILURE_DATA;
		}
		q.user_id = u.id;
		user_release(&u);
	}
	if (o->state != NULL)
		q.state = annotation_state_from_name(o->state);
	if (o->since.given)
		q.since = clock_iso(o->since.t, since);
	q.label = o->label;
	q.order = o->order;
	q.seed = (uint64_t)o->seed;
	memset(&rs, 0, sizeof rs);
	rs.keys = o->keys;
	rs.timings = o->timings;
	rs.w = o->size.w;
	rs.h = o->size.h;
	rs.json = o->json;
	rs.lease = (int)o->lease * 60;
	rs.comment_required = 1;
	return review_screen_run(c, &q, &rs);
}

static const struct cmd_sub review_sub = {
	NULL, "PROJECT", CMD_PROJECT, ACT_REVIEW, review_opts,
	sizeof(struct review_cmd_opts), &review_defaults, review_run
};

const struct cmd_entry cmd_review_entry = {
	.name = "review",
	.summary = "review a project's annotations on the full screen",
	.usage = review_usage,
	.subs = &review_sub,
	.nsubs = 1,
};
