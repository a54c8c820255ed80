/* A project's tally (quality/tally.h) from one walk of the store, for
 * scalec stats, and the tasks without consensus that 'file list
 * --disagreement' and 'review list --disagreement' print, worst first
 * (the lowest agreement). Sorting needs every task's score, so the walk
 * is whole before the first row; the rows then stream as every list's
 * do (cmd/listing.c), with the page applied there. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "quality/tally.h"
#include "store/project.h"
#include "store/quality.h"
#include "store/stats.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/xmalloc.h"

static int
tally_row(const struct stats_row *r, void *arg)
{
	tally_add_enc(arg, r->task, r->user, r->state, r->result,
	    r->lead_time, r->at, r->removed, r->has_final);
	return 0;
}

/* The reading threads' part: each result parsed there (tally_enc). */
static void *
enc_open(void *arg)
{
	return tally_enc_open(arg);
}

int
cmd_tally(struct ctx *c, const struct config *cfg, const char *since,
    struct tally *t)
{
	struct quality_encoder	enc = { enc_open, tally_enc, tally_enc_close,
				    (void *)cfg };

	tally_init(t, cfg, cfg->consensus_min, since, clock_now());
	if (store_stats_encoded(c->st, c->project->id, &enc, tally_row,
	    t) != 0) {
		tally_release(t);
		return -1;
	}
	tally_end(t);
	return 0;
}

struct split_arg {
	const struct config	*cfg;
};

static json_t *
col_task(const void *row, const void *arg)
{
	(void)arg;
	return json_integer(((const struct tally_split *)row)->task);
}

static json_t *
col_agreement(const void *row, const void *arg)
{
	const struct tally_split *s = row;

	(void)arg;
	return s->has_agreement ? json_real(s->agreement) : json_null();
}

static json_t *
col_agreement_text(const void *row, const void *arg)
{
	const struct tally_split *s = row;
	char	 num[16];

	(void)arg;
	if (!s->has_agreement)
		return json_string("-");
	snprintf(num, sizeof num, "%.2f", s->agreement);
	return json_string(num);
}

static json_t *
col_annotators(const void *row, const void *arg)
{
	(void)arg;
	return json_integer((json_int_t)((const struct tally_split *)row)->
	    annotators);
}

/* The controls without consensus, as names. */
static json_t *
col_controls(const void *row, const void *arg)
{
	const struct tally_split	*s = row;
	const struct split_arg		*a = arg;
	json_t				*list = json_array();
	size_t				 i;

	for (i = 0; i < a->cfg->ncontrols && i < 64; i++)
		if (s->controls & ((uint64_t)1 << i))
			json_array_append_new(list,
			    json_string(a->cfg->controls[i].name));
	return list;
}

static json_t *
col_controls_text(const void *row, const void *arg)
{
	json_t		*list = col_controls(row, arg), *e;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	json_array_foreach(list, i, e)
		buf_printf(&b, "%s%s", i > 0 ? "," : "",
		    json_string_value(e));
	json_decref(list);
	list = json_string(buf_str(&b));
	buf_release(&b);
	return list;
}

static const struct column split_columns[] = {
	{ "TASK",		"task",		0,	col_task },
	{ "AGREEMENT",		NULL,		0,	col_agreement_text },
	{ NULL,			"agreement",	0,	col_agreement },
	{ "ANNOTATORS",		"annotators",	0,	col_annotators },
	{ "NO CONSENSUS",	NULL,		40,	col_controls_text },
	{ NULL,			"no_consensus",	0,	col_controls },
};

int
cmd_disagreement_list(struct ctx *c, int json, const struct page *page)
{
	const struct project	*p = c->project;
	struct config		*cfg;
	struct tally		 t;
	struct split_arg	 a;
	struct listing		 l;
	size_t			 i;
	int			 rc = 0;

	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) ==
	    NULL)
		return EXIT_FAILURE_DATA;
	if (cmd_tally(c, cfg, NULL, &t) == -1) {
		config_free(cfg);
		return EXIT_FAILURE_DATA;
	}
	a.cfg = cfg;
	tally_sort_splits(&t);
	listing_start_columns(&l, json, split_columns,
	    ARRAY_SIZE(split_columns), &a, page);
	for (i = 0; rc == 0 && i < t.nsplits; i++)
		rc = listing_row(&l, &t.splits[i]);
	rc = listing_finish(&l, 0);
	tally_release(&t);
	config_free(cfg);
	return rc;
}
