/* scalec stats: a project's dashboard for its leads: progress, each
 * person's work (submissions, skips, seconds per task, verdicts,
 * agreement with the others, last active), the labels each control got
 * and submissions per day for the last 30 days. The figures are
 * quality/tally.c's over one walk of the store; this file only prints
 * them: on a terminal with Unicode bars and sparklines in colour, as
 * plain text when piped or under NO_COLOR, or as JSON. --watch shows the
 * same lines full screen (tui/stats.c), refreshed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "quality/tally.h"
#include "store/gold.h"
#include "store/project.h"
#include "store/stats.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
#include "util/opt.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"
#include "tui/stats.h"
#include "tui/view.h"

static const char *const stats_usage[] = {
	"scalec stats PROJECT [--by-user] [--by-label] [--since TIME]"
	" [--json]",
	"scalec stats PROJECT --watch [--since TIME] [--by-user] [--by-label]",
	"",
	"Progress, each person's work and agreement, the labels given and",
	"submissions per day. See scalec-stats(1).",
	NULL
};

struct stats_opts {
	int		 by_user;
	int		 by_label;
	struct opt_time	 since;
	int		 json;
	int		 watch;
	struct screen_script script;	/* --watch --keys, --size */
};

#define T	struct stats_opts
static const struct opt stats_opts[] = {
	OPT_FLAG(0, "by-user", T, by_user,
	    "each person's labels too, an unusual distribution marked"),
	OPT_FLAG(0, "by-label", T, by_label, "the labels of each control"),
	OPT_TIME(0, "since", T, since,
	    "TIME", "only annotations since TIME count per person"),
	OPT_FLAG(0, "json", T, json, "print JSON with every figure"),
	OPT_FLAG(0, "watch", T, watch,
	    "full screen, refreshed every few seconds (q quits)"),
	/* A key script's, as annotate's (its --json is the command's). */
	OPT_STRING(0, "keys", T, script.keys, "FILE",
	    "with --watch, headless: run the key script FILE ('-': stdin),"
	    " print the screen"),
	OPT_PARSE(0, "size", T, script.size, struct screen_size, "WxH",
	    "with --watch, headless: the screen's size (default 80x24)",
	    cmd_parse_size),
	OPT_END
};
#undef T

/* A distribution this far from the others' (total variation) is
 * marked. */
#define UNUSUAL		0.3

struct names {
	char	**name;		/* by user id; NULL: none */
	char	**display;
	size_t	  n;
};

static int
name_row(int64_t id, const char *name, const char *display, void *arg)
{
	struct names	*n = arg;
	size_t		 old = n->n;

	if (id < 0)
		return 0;
	if ((size_t)id >= n->n) {
		n->n = (size_t)id + 1;
		n->name = xreallocarray(n->name, n->n, sizeof *n->name);
		n->display = xreallocarray(n->display, n->n,
		    sizeof *n->display);
		memset(n->name + old, 0, (n->n - old) * sizeof *n->name);
		memset(n->display + old, 0, (n->n - old) *
		    sizeof *n->display);
	}
	n->name[id] = xstrdup(name != NULL ? name : "");
	n->display[id] = xstrdup(display != NULL ? display : "");
	return 0;
}

static void
names_release(struct names *n)
{
	size_t	i;

	for (i = 0; i < n->n; i++) {
		free(n->name[i]);
		free(n->display[i]);
	}
	free(n->name);
	free(n->display);
}

static const char *
name_of(const struct names *n, int64_t id)
{
	return id >= 0 && (size_t)id < n->n && n->name[id] != NULL ?
	    n->name[id] : "?";
}

static const char *
display_of(const struct names *n, int64_t id)
{
	return id >= 0 && (size_t)id < n->n && n->display[id] != NULL ?
	    n->display[id] : "";
}

/* "login" or "login (display name)" for the table. */
static void
who(struct buf *b, const struct names *n, int64_t id)
{
	const char	*d = display_of(n, id);

	buf_reset(b);
	buf_addstr(b, name_of(n, id));
	if (d[0] != '\0')
		buf_printf(b, " (%s)", d);
}

/* What one run of the command shows. */
struct stats_view {
	const struct project	*p;
	struct config		*cfg;
	struct stats_progress	 pr;
	struct tally		 t;
	struct names		 names;
	double			*gold;		/* mean gold score by user id;
						 * < 0: none */
	size_t			 ngold;
	int			 fancy;		/* Unicode bars */
	int			 colour;	/* in colour (ANSI) */
	int			 by_user, by_label;
};

/* A person's mean gold score (by the project's gold_match), by id. */
static int
gold_row(const struct gold_person *g, void *arg)
{
	struct stats_view	*v = arg;
	size_t			 old = v->ngold, i;

	if (g->user_id < 0 || g->tasks == 0)
		return 0;
	if ((size_t)g->user_id >= v->ngold) {
		v->ngold = (size_t)g->user_id + 1;
		v->gold = xreallocarray(v->gold, v->ngold, sizeof *v->gold);
		for (i = old; i < v->ngold; i++)
			v->gold[i] = -1;
	}
	v->gold[g->user_id] = g->mean;
	return 0;
}

static double
gold_of(const struct stats_view *v, int64_t id)
{
	return id >= 0 && (size_t)id < v->ngold ? v->gold[id] : -1;
}

static int
stats_load(struct ctx *c, struct stats_view *v, const char *since)
{
	memset(&v->t, 0, sizeof v->t);
	memset(&v->names, 0, sizeof v->names);
	v->gold = NULL;
	v->ngold = 0;
	if (store_stats_progress(c->st, v->p->id, &v->pr) == -1 ||
	    store_stats_users(c->st, name_row, &v->names) != 0 ||
	    store_gold_each(c->st, v->p->id, v->cfg->gold.lenient, gold_row,
	    v) != 0)
		return -1;
	/* Without a review policy nothing waits for a verdict. */
	if (v->p->review.sample < 0)
		v->pr.to_review = 0;
	return cmd_tally(c, v->cfg, since, &v->t);
}

static void
stats_unload(struct stats_view *v)
{
	tally_release(&v->t);
	names_release(&v->names);
	free(v->gold);
	v->gold = NULL;
}

static double
share(int64_t part, int64_t whole)
{
	return whole > 0 ? (double)part / (double)whole : 0;
}

/* ---- JSON ---- */

static json_t *
number_or_null(int defined, double v)
{
	return defined ? json_real(v) : json_null();
}

static json_t *
labels_json(const struct stats_view *v, const int64_t *counts)
{
	const struct control	*c;
	json_t			*all = json_object(), *one;
	char			 num[24];
	size_t			 i, l;

	for (i = 0; i < v->cfg->ncontrols; i++) {
		c = &v->cfg->controls[i];
		if (v->t.slot[i] == v->t.slot[i + 1])
			continue;
		one = json_object();
		for (l = 0; l < v->t.slot[i + 1] - v->t.slot[i]; l++) {
			if (control_has_labels(c->kind))
				json_object_set_new(one, c->labels[l].name,
				    json_integer(counts[v->t.slot[i] + l]));
			else {
				snprintf(num, sizeof num, "%zu", l + 1);
				json_object_set_new(one, num,
				    json_integer(counts[v->t.slot[i] + l]));
			}
		}
		json_object_set_new(all, c->name, one);
	}
	return all;
}

static void
day_name(int64_t days_ago, char out[16])
{
	char	iso[CLOCK_ISO_LEN];

	clock_iso(clock_now() - (time_t)days_ago * 86400, iso);
	snprintf(out, 16, "%.10s", iso);
}

static json_t *
user_json(struct stats_view *v, struct tally_user *u)
{
	int64_t	 reviewed = u->accepted + u->rejected + u->fixed;
	double	 med = tally_seconds(u, 0.5), p90 = tally_seconds(u, 0.9);
	json_t	*o, *unusual, *dist;
	size_t	 i;
	double	 d;

	o = json_object();
	json_object_set_new(o, "user", json_string(name_of(&v->names,
	    u->id)));
	json_object_set_new(o, "display_name",
	    json_string(display_of(&v->names, u->id)));
	json_object_set_new(o, "submitted", json_integer(u->submitted));
	json_object_set_new(o, "skipped", json_integer(u->skipped));
	json_object_set_new(o, "median_seconds", number_or_null(med >= 0,
	    med));
	json_object_set_new(o, "p90_seconds", number_or_null(p90 >= 0, p90));
	json_object_set_new(o, "reviewed", json_integer(reviewed));
	json_object_set_new(o, "accept_rate", number_or_null(reviewed > 0,
	    share(u->accepted, reviewed)));
	json_object_set_new(o, "reject_rate", number_or_null(reviewed > 0,
	    share(u->rejected, reviewed)));
	json_object_set_new(o, "gold_score", number_or_null(gold_of(v, u->id)
	    >= 0, gold_of(v, u->id)));
	json_object_set_new(o, "agreement", number_or_null(u->agree_n > 0,
	    u->agree_n > 0 ? u->agree_sum / (double)u->agree_n : 0));
	json_object_set_new(o, "agreement_pairs", json_integer(u->agree_n));
	json_object_set_new(o, "last_active", u->last[0] != '\0' ?
	    json_string(u->last) : json_null());
	if (v->by_user) {
		json_object_set_new(o, "labels", labels_json(v, u->labels));
		unusual = json_array();
		dist = json_object();
		for (i = 0; i < v->cfg->ncontrols; i++) {
			if (v->t.slot[i] == v->t.slot[i + 1])
				continue;
			d = tally_distance(&v->t, u, i);
			json_object_set_new(dist, v->cfg->controls[i].name,
			    number_or_null(d >= 0, d));
			if (d >= UNUSUAL)
				json_array_append_new(unusual,
				    json_string(v->cfg->controls[i].name));
		}
		json_object_set_new(o, "label_distance", dist);
		json_object_set_new(o, "unusual_labels", unusual);
	}
	return o;
}

static int
print_json(struct stats_view *v)
{
	const struct stats_progress *pr = &v->pr;
	json_t	*o, *e, *list;
	char	 day[16];
	size_t	 i;
	int	 rc;

	o = json_object();
	json_object_set_new(o, "project", json_string(v->p->name));
	json_object_set_new(o, "overlap", json_integer(pr->overlap));
	e = json_object();
	json_object_set_new(e, "total", json_integer(pr->total));
	json_object_set_new(e, "done", json_integer(pr->done));
	json_object_set_new(e, "needing_labels", json_integer(pr->need));
	json_object_set_new(e, "in_review", json_integer(pr->to_review));
	json_object_set_new(e, "accepted", json_integer(pr->accepted));
	json_object_set_new(e, "rejected", json_integer(pr->rejected));
	json_object_set_new(e, "fixed", json_integer(pr->fixed));
	json_object_set_new(e, "skipped", json_integer(pr->skipped));
	json_object_set_new(e, "done_share", json_real(share(pr->done,
	    pr->total)));
	json_object_set_new(o, "progress", e);
	e = json_object();
	json_object_set_new(e, "tasks", json_integer(v->t.tasks));
	json_object_set_new(e, "scored", json_integer(v->t.tasks_scored));
	json_object_set_new(e, "mean", number_or_null(v->t.tasks_scored > 0,
	    v->t.tasks_scored > 0 ? v->t.agreement_sum /
	    (double)v->t.tasks_scored : 0));
	json_object_set_new(e, "with_consensus",
	    json_integer(v->t.tasks_agreed));
	json_object_set_new(e, "without_consensus",
	    json_integer((json_int_t)v->t.nsplits));
	json_object_set_new(o, "agreement", e);
	list = json_array();
	for (i = 0; i < v->t.nusers; i++)
		json_array_append_new(list, user_json(v, &v->t.users[i]));
	json_object_set_new(o, "users", list);
	json_object_set_new(o, "labels", labels_json(v, v->t.labels));
	list = json_array();
	for (i = TALLY_DAYS; i-- > 0;) {
		day_name((int64_t)i, day);
		json_array_append_new(list, json_pack("{s:s, s:I}", "day",
		    day, "submitted", (json_int_t)v->t.day[i]));
	}
	json_object_set_new(o, "throughput", list);
	rc = jsonout_dumpf(o, stdout, JSON_INDENT(2));
	json_decref(o);
	if (rc == -1 || putchar('\n') == EOF || fflush(stdout) == EOF)
		return output_failed(stdout);
	return 0;
}

/* ---- text ---- */

#define COLOUR_BAR	"\033[38;2;80;160;255m"
#define COLOUR_MARK	"\033[38;2;255;120;80m"
#define COLOUR_DIM	"\033[2m"
#define COLOUR_OFF	"\033[0m"

/* A bar of width columns, filled to frac (0..1): eighths of a block on
 * a terminal, # and . when plain. */
static void
bar(struct buf *b, const struct stats_view *v, double frac, int width)
{
	static const char *const part[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	int	eighths, i;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	eighths = (int)lround(frac * width * 8);
	if (!v->fancy) {
		buf_addch(b, '[');
		for (i = 0; i < width; i++)
			buf_addch(b, i < (eighths + 4) / 8 ? '#' : '.');
		buf_addch(b, ']');
		return;
	}
	if (v->colour)
		buf_addstr(b, COLOUR_BAR);
	for (i = 0; i < eighths / 8; i++)
		buf_addstr(b, "\u2588");
	buf_addstr(b, part[eighths % 8]);
	if (v->colour)
		buf_addstr(b, COLOUR_DIM);
	for (i = eighths / 8 + (eighths % 8 > 0); i < width; i++)
		buf_addstr(b, "\u2591");
	if (v->colour)
		buf_addstr(b, COLOUR_OFF);
}

/* Submissions per day, oldest first: block heights on a terminal,
 * digits 0-9 of the busiest day when plain. */
static void
sparkline(struct buf *b, const struct stats_view *v, const int64_t *day)
{
	static const char *const level[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	int64_t	max = 0;
	size_t	i;
	int	l;

	for (i = 0; i < TALLY_DAYS; i++)
		if (day[i] > max)
			max = day[i];
	if (v->colour)
		buf_addstr(b, COLOUR_BAR);
	for (i = TALLY_DAYS; i-- > 0;) {
		if (!v->fancy) {
			buf_addch(b, day[i] == 0 ? '.' : (char)('0' +
			    (int)lround(9.0 * (double)day[i] /
			    (double)max)));
			continue;
		}
		l = max > 0 ? (int)lround(7.0 * (double)day[i] /
		    (double)max) : 0;
		buf_addstr(b, day[i] == 0 ? " " : level[l]);
	}
	if (v->colour)
		buf_addstr(b, COLOUR_OFF);
}

/* name escaped and padded to width columns (wide characters count
 * two). */
static void
padded(struct buf *b, const char *name, int width)
{
	char	*vis = escape_dup(name, 0);
	int	 w = (int)utf8_width(vis, strlen(vis));

	buf_addstr(b, vis);
	for (; w < width; w++)
		buf_addch(b, ' ');
	free(vis);
}

static int
name_width(const char *name)
{
	char	*vis = escape_dup(name, 0);
	int	 w = (int)utf8_width(vis, strlen(vis));

	free(vis);
	return w;
}

static void
fmt_seconds(char *out, size_t len, double s)
{
	if (s < 0)
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.1f", s);
}

static void
fmt_share(char *out, size_t len, int defined, double s)
{
	if (!defined)
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.0f%%", 100 * s);
}

/* One control's labels: a bar per label, shares of the control's. */
static void
labels_text(struct buf *b, const struct stats_view *v, size_t i,
    const int64_t *counts, const char *indent)
{
	const struct control	*c = &v->cfg->controls[i];
	size_t			 l, n = v->t.slot[i + 1] - v->t.slot[i];
	int64_t			 all = 0, k;
	char			 num[24];
	int			 w = 0;

	for (l = 0; l < n; l++) {
		all += counts[v->t.slot[i] + l];
		if (control_has_labels(c->kind) &&
		    name_width(c->labels[l].name) > w)
			w = name_width(c->labels[l].name);
	}
	if (w < 3)
		w = 3;
	for (l = 0; l < n; l++) {
		k = counts[v->t.slot[i] + l];
		buf_addstr(b, indent);
		if (control_has_labels(c->kind))
			padded(b, c->labels[l].name, w);
		else {
			snprintf(num, sizeof num, "%zu", l + 1);
			padded(b, num, w);
		}
		buf_addch(b, ' ');
		bar(b, v, share(k, all), 20);
		buf_printf(b, " %6lld %3.0f%%\n", (long long)k,
		    100 * share(k, all));
	}
}

static void
stats_text(struct stats_view *v, struct buf *b)
{
	const struct stats_progress *pr = &v->pr;
	static const char *const headers[] = { "USER", "SUBMITTED",
	    "SKIPPED", "MEDIAN S", "P90 S", "ACCEPT", "REJECT", "GOLD",
	    "AGREE", "LAST ACTIVE", NULL };
	struct tally_user	*u;
	struct buf		 name = BUF_INIT;
	char			*vis, cells[10][48];
	const char		*row[11];
	FILE			*f;
	char			*mem = NULL;
	size_t			 memlen = 0, i, k;
	int64_t			 reviewed, sum = 0;
	double			 d;

	vis = escape_dup(v->p->name, 0);
	buf_printf(b, "%s: %lld tasks, overlap %d\n\n", vis,
	    (long long)pr->total, pr->overlap);
	free(vis);
	buf_addstr(b, "Progress ");
	bar(b, v, share(pr->done, pr->total), 40);
	buf_printf(b, " %.0f%% done\n", 100 * share(pr->done, pr->total));
	buf_printf(b, "  total %lld  done %lld  needing labels %lld  in review"
	    " %lld\n  accepted %lld  rejected %lld  fixed %lld  skipped"
	    " %lld\n", (long long)pr->total, (long long)pr->done,
	    (long long)pr->need, (long long)pr->to_review,
	    (long long)pr->accepted, (long long)pr->rejected,
	    (long long)pr->fixed, (long long)pr->skipped);
	if (v->t.tasks_scored > 0)
		buf_printf(b, "Agreement %.2f over %lld tasks; %zu without"
		    " consensus\n", v->t.agreement_sum /
		    (double)v->t.tasks_scored, (long long)v->t.tasks_scored,
		    v->t.nsplits);
	else
		buf_printf(b, "Agreement -; %zu tasks without consensus\n",
		    v->t.nsplits);
	buf_addstr(b, "\nPeople\n");
	/* The table aligns by display width and escapes every cell. */
	if ((f = open_memstream(&mem, &memlen)) != NULL) {
		struct table *t = table_new(headers, f);

		for (i = 0; i < v->t.nusers; i++) {
			u = &v->t.users[i];
			reviewed = u->accepted + u->rejected + u->fixed;
			snprintf(cells[0], 48, "%lld", (long long)u->submitted);
			snprintf(cells[1], 48, "%lld", (long long)u->skipped);
			fmt_seconds(cells[2], 48, tally_seconds(u, 0.5));
			fmt_seconds(cells[3], 48, tally_seconds(u, 0.9));
			fmt_share(cells[4], 48, reviewed > 0,
			    share(u->accepted, reviewed));
			fmt_share(cells[5], 48, reviewed > 0,
			    share(u->rejected, reviewed));
			fmt_share(cells[6], 48, gold_of(v, u->id) >= 0,
			    gold_of(v, u->id));
			fmt_share(cells[7], 48, u->agree_n > 0, u->agree_n > 0 ?
			    u->agree_sum / (double)u->agree_n : 0);
			snprintf(cells[8], 48, "%s", u->last[0] != '\0' ?
			    u->last : "-");
			who(&name, &v->names, u->id);
			row[0] = buf_str(&name);
			for (k = 0; k < 9; k++)
				row[k + 1] = cells[k];
			table_add(t, row);
		}
		table_end(t);
		table_free(t);
		fclose(f);
		buf_add(b, mem, memlen);
		free(mem);
	}
	for (i = 0; i < TALLY_DAYS; i++)
		sum += v->t.day[i];
	buf_addstr(b, "\nSubmitted per day, last 30 days ");
	sparkline(b, v, v->t.day);
	buf_printf(b, " %lld, today %lld\n", (long long)sum,
	    (long long)v->t.day[0]);
	for (i = 0; (v->by_label || v->by_user) && i < v->cfg->ncontrols;
	    i++) {
		if (v->t.slot[i] == v->t.slot[i + 1])
			continue;
		vis = escape_dup(v->cfg->controls[i].name, 0);
		buf_printf(b, "\nLabels of %s\n", vis);
		free(vis);
		labels_text(b, v, i, v->t.labels, "  ");
		if (!v->by_user)
			continue;
		for (k = 0; k < v->t.nusers; k++) {
			u = &v->t.users[k];
			d = tally_distance(&v->t, u, i);
			buf_addstr(b, "  ");
			who(&name, &v->names, u->id);
			padded(b, buf_str(&name), 0);
			if (d >= UNUSUAL)
				buf_printf(b, " %s! unlike the others (%.2f)%s",
				    v->colour ? COLOUR_MARK : "", d,
				    v->colour ? COLOUR_OFF : "");
			buf_addch(b, '\n');
			labels_text(b, v, i, u->labels, "    ");
		}
	}
	buf_release(&name);
}

/* ---- --watch ---- */

struct watch {
	struct ctx		*c;
	struct stats_view	*v;
	const char		*since;
};

static int
watch_load(void *arg, struct buf *b)
{
	struct watch	*w = arg;

	if (stats_load(w->c, w->v, w->since) == -1)
		return -1;
	stats_text(w->v, b);
	stats_unload(w->v);
	return 0;
}

/* The same lines in the driver's screen (tui/stats.c), as annotate and
 * review run theirs: Unicode bars, the screen's own attributes. */
static int
stats_watch(struct ctx *c, struct stats_view *v, const char *since,
    const struct screen_script *script)
{
	struct cmd_screen	 cs = CMD_SCREEN_INIT;
	struct stats_source	 src;
	struct watch		 w = { c, v, since };
	struct view		 view;
	int			 rc = EXIT_FAILURE_DATA;

	v->fancy = 1;
	v->colour = 0;
	src.load = watch_load;
	src.arg = &w;
	src.project = v->p->name;
	if (cmd_screen_open(c, &cs, script) == 0) {
		stats_view_init(&view, &src);
		rc = cmd_screen_run(&cs, &view, NULL);
		stats_view_free(&view);
	}
	return cmd_screen_close(&cs, rc);
}

static int
stats_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct stats_opts	*o = opts;
	struct stats_view	 v;
	struct buf		 b = BUF_INIT;
	char			 since[CLOCK_ISO_LEN];
	const char		*no_colour = getenv("NO_COLOR");
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	if (o->watch && o->json)
		cmd_usage_die(c, "--watch is a screen: it takes no --json");
	memset(&v, 0, sizeof v);
	v.p = c->project;
	v.by_user = o->by_user;
	v.by_label = o->by_label;
	v.fancy = v.colour = isatty(STDOUT_FILENO) && (no_colour == NULL ||
	    no_colour[0] == '\0');
	if (!o->watch && (o->script.keys != NULL || o->script.size.given))
		cmd_usage_die(c, "--%s is for --watch", o->script.keys !=
		    NULL ? "keys" : "size");
	if (o->since.given)
		clock_iso(o->since.t, since);
	if ((v.cfg = config_parse(v.p->config, strlen(v.p->config),
	    v.p->name)) == NULL)
		return EXIT_FAILURE_DATA;
	if (o->watch) {
		rc = stats_watch(c, &v, o->since.given ? since : NULL,
		    &o->script);
		config_free(v.cfg);
		return rc;
	}
	if (stats_load(c, &v, o->since.given ? since : NULL) == -1)
		goto out;
	if (o->json)
		rc = print_json(&v) == 0 ? 0 : EXIT_FAILURE_DATA;
	else {
		stats_text(&v, &b);
		if (fwrite(b.data, 1, b.len, stdout) != b.len ||
		    fflush(stdout) == EOF)
			output_failed(stdout);
		else
			rc = 0;
	}
	stats_unload(&v);
out:
	buf_release(&b);
	config_free(v.cfg);
	return rc;
}

static const struct cmd_sub stats_sub = {
	NULL, "PROJECT", CMD_PROJECT, ACT_STATS, stats_opts,
	sizeof(struct stats_opts), NULL, stats_run
};

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.summary = "a project's progress, people, labels and throughput",
	.usage = stats_usage,
	.subs = &stats_sub,
	.nsubs = 1,
};
