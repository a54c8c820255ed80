/* scalec annotate: the full-screen labeler's loop. It takes the next task
 * from the store (with its lease), opens a labeler on it (the person's own
 * draft, else the first prediction as a suggestion), feeds it keys from a
 * display, and stores what the keys decide: every change as a draft at once
 * (which renews the lease), a submission checked by result.h, a skip.
 *
 * The display is either the terminal (draw.c) or, with --keys, a key
 * script and a text buffer: both run this same loop, so what the tests and
 * the benchmark replay is what a person's keys do. Submissions are
 * committed as they happen, so a crash loses none; on q, SIGINT, SIGTERM
 * and SIGHUP the loop leaves through its one exit (the draft saved, the
 * lease given up, the terminal restored). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "model/answer.h"
#include "store/annotation.h"
#include "store/project.h"
#include "store/task.h"
#include "tui/draw.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/screen.h"
#include "tui/text.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
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

/* The signal that asked the loop to end, or 0. */
static volatile sig_atomic_t	 got_signal;

struct session {
	struct ctx		*c;
	struct project		 p;
	struct config		*cfg;
	int			 lease;		/* seconds */
	int64_t			 acted_by;	/* the real login behind --as */
	struct display		 d;
	int			 headless;
	struct screen		 scr;

	struct task		 t;		/* the task open, when lb */
	struct labeler		*lb;		/* NULL: no task left */
	int			 readonly;	/* reviewed: it cannot change */
	const char		*note;
	char			 reviewed[64];
	struct timespec		 opened;	/* for lead_time */
	int			 unsaved;	/* a draft save failed */
	struct annotate_progress prog;
	char			*message;	/* when no task is left */

	enum overlay		 overlay;
	struct text		*otext;
	struct text_layout	*olayout;
	size_t			 otop;

	char			 status[512];	/* ours; over the labeler's */
	int			 status_error;
	int			 quit;

	int64_t			 submitted;	/* in this session */
	int64_t			 skipped;
	int64_t			 late;

	FILE			*timings;	/* --timings, or NULL */
	struct timespec		 started;	/* the command's start */
};

static const char	note_draft[] = "your draft";
static const char	note_submitted[] = "submitted";
static const char	note_skipped[] = "skipped earlier";

/* Errors during the loop go to the status line (and stderr, headless). */
static struct session	*current;

static void
status_handler(int is_warning, const char *msg)
{
	if (current == NULL)
		return;
	snprintf(current->status, sizeof current->status, "%s%s",
	    is_warning ? "warning: " : "", msg);
	current->status_error = !is_warning;
	if (current->headless)
		fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "",
		    msg);
}

static void
say(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct session *s, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(s->status, sizeof s->status, fmt, ap);
	va_end(ap);
	s->status_error = 0;
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

/*
 * The notifications hook: the status line shows this count when it is not
 * 0. Notifications do not exist yet (a later issue); until then there are
 * none.
 */
static int
unread_notifications(struct session *s)
{
	(void)s;
	return 0;
}

static double
seconds_since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* --timings: one line, NAME and the microseconds since t. */
static void
timing(struct session *s, const char *name, const struct timespec *t)
{
	if (s->timings != NULL)
		fprintf(s->timings, "%s\t%.0f\n", name,
		    seconds_since(t) * 1e6);
}

/* The key bound to a request, for the loop's own use of the labeler. */
static int
request_key(enum request req)
{
	const struct keymap_entry	*t;
	int				 i, n;

	t = keymap_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].req == req)
			return t[i].key;
	return K_NONE;
}

static int
refresh_progress(struct session *s)
{
	return store_annotate_progress(s->c->st, s->p.id, s->c->me.id,
	    &s->prog);
}

static void
close_task(struct session *s)
{
	labeler_free(s->lb);
	s->lb = NULL;
	task_release(&s->t);
	s->t = (struct task)TASK_INIT;
	s->readonly = 0;
	s->note = NULL;
	s->unsaved = 0;
}

static void
set_view(struct session *s)
{
	int	w, h, tw, th;

	if (s->lb == NULL)
		return;
	s->d.size(&s->d, &w, &h);
	screen_text_area(s->lb, w, h, &tw, &th);
	labeler_set_view(s->lb, tw, th);
}

/*
 * Opens the task in s->t: the person's own annotation of it, else its
 * first prediction as a suggestion, else nothing. via_prev: reached with
 * Backspace, so the lease is taken again where it is needed.
 */
static int
open_task(struct session *s, int via_prev)
{
	struct annotation	 a = ANNOTATION_INIT;
	struct suggestion	 sg = SUGGESTION_INIT;
	json_t			*initial = NULL;
	json_error_t		 jerr;
	int			 rc, from_prediction = 0;

	if ((rc = store_annotation_get(s->c->st, s->t.id, s->c->me.id, &a))
	    == -1)
		goto out;
	if (rc == 1) {
		initial = json_loads(a.result != NULL ? a.result : "{}", 0,
		    &jerr);
		from_prediction = a.from_prediction;
		switch (a.state) {
		case ANN_SUBMITTED:
			s->note = note_submitted;
			break;
		case ANN_SKIPPED:
			s->note = note_skipped;
			break;
		case ANN_DRAFT:
			s->note = note_draft;
			break;
		case ANN_ACCEPTED:
		case ANN_REJECTED:
			snprintf(s->reviewed, sizeof s->reviewed,
			    "reviewed (%s): read only",
			    annotation_state_name(a.state));
			s->note = s->reviewed;
			s->readonly = 1;
			break;
		case ANN_NONE:
		case ANN__COUNT:
			break;
		}
		if (via_prev && (a.state == ANN_DRAFT ||
		    a.state == ANN_SKIPPED) && store_lease_renew(s->c->st,
		    s->t.id, s->c->me.id, s->lease) == -1) {
			rc = -1;
			goto out;
		}
	} else {
		if ((rc = store_suggestion_get(s->c->st, s->t.id, &sg)) == -1)
			goto out;
		if (rc == 1) {
			initial = json_loads(sg.result, 0, &jerr);
			from_prediction = 1;
		}
		if (via_prev && store_lease_renew(s->c->st, s->t.id,
		    s->c->me.id, s->lease) == -1) {
			rc = -1;
			goto out;
		}
	}
	s->lb = labeler_new(s->cfg, s->t.text, s->t.text != NULL ?
	    strlen(s->t.text) : 0, initial, from_prediction);
	clock_gettime(CLOCK_MONOTONIC, &s->opened);
	set_view(s);
	rc = 0;
out:
	json_decref(initial);
	annotation_release(&a);
	suggestion_release(&sg);
	return rc == -1 ? -1 : 0;
}

static void
no_task_left(struct session *s)
{
	const char	*name = s->p.name;

	free(s->message);
	if (s->prog.total == 0)
		s->message = xasprintf("%s has no tasks yet. A manager adds"
		    " them with 'scalec import %s FILE' or 'scalec file add"
		    " %s PATH'.\n\nq quits.", name, name, name);
	else if (s->prog.done >= s->prog.total)
		s->message = xasprintf("All tasks in %s are labelled.\n\nq"
		    " quits; 'scalec export %s' writes the results. Backspace"
		    " goes back to your last answer.", name, name);
	else
		s->message = xasprintf("No task is left for you in %s: the"
		    " rest are labelled or skipped by you, or open in other"
		    " people's sessions (their leases expire after a while)."
		    "\n\nq quits; ^L looks again (or come back later) for the"
		    " tasks others leave. Backspace goes back to your last"
		    " answer.", name);
}

/* Moves on to the next task, or to the no-task-left screen. */
static int
next_task(struct session *s)
{
	int	rc;

	close_task(s);
	rc = store_next_task(s->c->st, s->p.id, s->c->me.id, s->lease,
	    &s->t);
	if (rc == -1 || refresh_progress(s) == -1)
		return -1;
	if (rc == 0) {
		no_task_left(s);
		return 0;
	}
	return open_task(s, 0);
}

static int
prev_task(struct session *s)
{
	int64_t	prev = 0, from = s->lb != NULL ? s->t.id : 0;
	int	rc;

	rc = store_annotation_previous(s->c->st, s->p.id, s->c->me.id, from,
	    &prev);
	if (rc == -1)
		return -1;
	if (rc == 0) {
		say(s, "There is no earlier task of yours in %s", s->p.name);
		return 0;
	}
	if (s->lb != NULL && store_lease_release(s->c->st, s->t.id,
	    s->c->me.id) == -1)
		return -1;
	close_task(s);
	if ((rc = store_task_get(s->c->st, prev, &s->t)) != 1)
		return rc == 0 ? error("task %lld is gone", (long long)prev) :
		    -1;
	if (refresh_progress(s) == -1)
		return -1;
	return open_task(s, 1);
}

/* The result as JSON text for the store; caller frees. */
static char *
result_text(const struct session *s)
{
	json_t	*r = labeler_result(s->lb);
	char	*text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(r);
	return text;
}

/* Checks result r as a submission of the task open; -1 with err set. */
static int
check_result(const struct session *s, json_t *r, char *err, size_t errsize)
{
	struct answer_task	rt = { 0 };

	rt.text = s->t.text;
	rt.text_len = s->t.text != NULL ? strlen(s->t.text) : 0;
	rt.width = s->t.width;
	rt.height = s->t.height;
	return answer_check(s->cfg, r, &rt, 0, err, errsize);
}

/*
 * Saves the change. A submitted answer is edited in place, so it is
 * written only while it is still a whole answer: half-way through an edit
 * (a multichoice emptied) the stored one stands.
 */
static int
save_draft(struct session *s)
{
	const struct lb_control	*missing;
	json_t			*r;
	char			*text, *name, err[256];
	int			 rc;

	if (s->note == note_submitted) {
		if ((missing = labeler_missing(s->lb)) != NULL) {
			name = escape_dup(missing->control->name, 0);
			say(s, "Not saved until %s has a value: your submitted"
			    " answer stands", name);
			free(name);
			return 0;
		}
		r = labeler_result(s->lb);
		rc = check_result(s, r, err, sizeof err);
		json_decref(r);
		if (rc == -1) {
			say(s, "Not saved: %s (your submitted answer stands)",
			    err);
			return 0;
		}
	}
	text = result_text(s);
	rc = store_annotation_save_draft(s->c->st, s->t.id, s->c->me.id,
	    s->acted_by, text, labeler_from_prediction(s->lb), s->lease);
	free(text);
	s->unsaved = rc == -1;
	if (rc == -1)
		return -1;
	/* A skipped task that is changed is a draft now. */
	if (s->note == note_skipped)
		s->note = note_draft;
	if (rc == 1)
		say(s, "Saved, but other sessions hold this task: a submission"
		    " will be stored and flagged late");
	return 0;
}

static int
submit(struct session *s)
{
	json_t			*r = labeler_result(s->lb);
	char			 err[256], *text = NULL;
	int			 rc = 0;

	if (check_result(s, r, err, sizeof err) == -1) {
		say(s, "Not submitted: %s", err);
		s->status_error = 1;
		goto out;
	}
	text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = store_annotation_submit(s->c->st, s->t.id, s->c->me.id,
	    s->acted_by, text, labeler_from_prediction(s->lb),
	    seconds_since(&s->opened));
	if (rc == -1) {
		/* Shown on the status line; the task stays open. */
		rc = 0;
		goto out;
	}
	s->submitted++;
	if (rc == 1) {
		s->late++;
		say(s, "Submitted after the lease had expired: stored, and"
		    " flagged late");
	}
	rc = next_task(s);
out:
	free(text);
	json_decref(r);
	return rc;
}

static int
skip(struct session *s)
{
	if (store_annotation_skip(s->c->st, s->t.id, s->c->me.id,
	    s->acted_by) == -1)
		return 0;	/* shown; the task stays open */
	s->skipped++;
	return next_task(s);
}

/* 1 when a line starts a block of its own in Markdown-ish text: blank, a
 * list item, a heading, a quote, or indented. */
static int
starts_block(const char *l)
{
	const char	*p = l;

	if (*l == '\n' || *l == '\0' || *l == ' ' || *l == '\t' ||
	    *l == '#' || *l == '>' || *l == '|')
		return 1;
	if ((*l == '-' || *l == '*' || *l == '+') && l[1] == ' ')
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	return p > l && (*p == '.' || *p == ')') && p[1] == ' ';
}

/*
 * Instructions are written wrapped at some width; rewrap them at the
 * box's: a line break inside a paragraph becomes a space, as in Markdown.
 * Caller frees.
 */
static char *
reflow(const char *in)
{
	struct buf	 b = BUF_INIT;
	const char	*line = in, *nl;

	while ((nl = strchr(line, '\n')) != NULL) {
		buf_add(&b, line, (size_t)(nl - line));
		/* Join when this line has text, is not a heading, and the
		 * next one goes on the same paragraph. */
		if (nl > line && *line != '#' && nl[1] != '\0' &&
		    !starts_block(nl + 1))
			buf_addch(&b, ' ');
		else
			buf_addch(&b, '\n');
		line = nl + 1;
	}
	buf_addstr(&b, line);
	return buf_detach(&b);
}

static void
open_overlay(struct session *s, enum overlay o)
{
	char	*text;

	text_layout_free(s->olayout);
	text_free(s->otext);
	s->olayout = NULL;
	if (o == OVERLAY_HELP) {
		text = screen_help_text(s->lb);
		s->otext = text_new(text, strlen(text));
		free(text);
	} else {
		text = reflow(s->cfg->instructions);
		s->otext = text_new(text, strlen(text));
		free(text);
	}
	s->overlay = o;
	s->otop = 0;
}

static void
close_overlay(struct session *s)
{
	text_layout_free(s->olayout);
	text_free(s->otext);
	s->olayout = NULL;
	s->otext = NULL;
	s->overlay = OVERLAY_NONE;
}

/* Keys while an overlay is open: scrolling, or anything else closes it. */
static void
overlay_key(struct session *s, int key)
{
	int	ow, oh;
	size_t	last = 0, step;

	screen_overlay_area(s->scr.w, s->scr.h, &ow, &oh);
	if (s->olayout != NULL && s->olayout->nlines > (size_t)oh)
		last = s->olayout->nlines - (size_t)oh;
	step = oh > 1 ? (size_t)oh - 1 : 1;
	switch (keymap_request(key)) {
	case REQ_FIRST:
		s->otop = 0;
		return;
	case REQ_LAST:
		s->otop = last;
		return;
	case REQ_LINE_DOWN:
		if (s->otop < last)
			s->otop++;
		return;
	case REQ_LINE_UP:
		if (s->otop > 0)
			s->otop--;
		return;
	case REQ_PAGE_DOWN:
		s->otop = s->otop + step > last ? last : s->otop + step;
		return;
	case REQ_PAGE_UP:
		s->otop = s->otop > step ? s->otop - step : 0;
		return;
	default:
		close_overlay(s);
	}
}

/* Keys on the screen that says no task is left. */
static int
idle_key(struct session *s, int key)
{
	switch (keymap_request(key)) {
	case REQ_QUIT:
		s->quit = 1;
		return 0;
	case REQ_PREV_TASK:
		return prev_task(s);
	case REQ_HELP:
		open_overlay(s, OVERLAY_HELP);
		return 0;
	case REQ_REDRAW:
		/* Look again: other sessions may have left tasks since. */
		if (next_task(s) == -1)
			return -1;
		if (s->lb == NULL)
			say(s, "Looked again: still no task for you");
		return 0;
	default:
		say(s, "No task is left here: q quits, ^L looks again,"
		    " Backspace goes back to your last answer");
		return 0;
	}
}

/* One key; -1 for a store failure the loop cannot go on after. */
static int
handle_key(struct session *s, int key)
{
	size_t		nundo;
	enum lb_action	action;

	s->status[0] = '\0';
	s->status_error = 0;
	if (key == K_RESIZE) {
		set_view(s);
		return 0;
	}
	if (!screen_big_enough(&s->scr)) {
		/* Nothing can be seen: only q means anything. */
		if (keymap_request(key) == REQ_QUIT)
			s->quit = 1;
		return 0;
	}
	if (s->overlay != OVERLAY_NONE) {
		overlay_key(s, key);
		return 0;
	}
	if (s->lb == NULL)
		return idle_key(s, key);
	nundo = s->lb->nundo;
	action = labeler_key(s->lb, key);
	if (s->readonly && (action == LB_SAVE_DRAFT || action == LB_SUBMIT ||
	    action == LB_SKIP)) {
		/* Enter alone goes on; any change is taken back. */
		if (action == LB_SUBMIT && s->lb->nundo == nundo)
			return next_task(s);
		if (s->lb->nundo != nundo)
			labeler_key(s->lb, request_key(REQ_UNDO));
		say(s, "This annotation is reviewed: it cannot change (Enter"
		    " goes on)");
		return 0;
	}
	switch (action) {
	case LB_SAVE_DRAFT:
		save_draft(s);	/* a failure is on the status line */
		return 0;
	case LB_SUBMIT:
		return submit(s);
	case LB_SKIP:
		return skip(s);
	case LB_PREV_TASK:
		return prev_task(s);
	case LB_QUIT:
		s->quit = 1;
		return 0;
	case LB_HELP:
		open_overlay(s, OVERLAY_HELP);
		return 0;
	case LB_INSTRUCTIONS:
		open_overlay(s, OVERLAY_INSTRUCTIONS);
		return 0;
	case LB_REDRAW:
	case LB_NONE:
		return 0;
	}
	return 0;
}

static void
render(struct session *s)
{
	struct frame	 f;
	char		 task[48];
	int		 w, h, ow, oh;

	s->d.size(&s->d, &w, &h);
	screen_resize(&s->scr, w, h);
	s->scr.colours = s->d.colours;
	if (s->otext != NULL) {
		screen_overlay_area(w, h, &ow, &oh);
		if (s->olayout == NULL || s->olayout->width != ow) {
			text_layout_free(s->olayout);
			s->olayout = text_layout_new(s->otext, ow);
		}
		if (s->olayout->nlines <= (size_t)oh)
			s->otop = 0;
		else if (s->otop > s->olayout->nlines - (size_t)oh)
			s->otop = s->olayout->nlines - (size_t)oh;
	}
	memset(&f, 0, sizeof f);
	f.project = s->p.name;
	f.user = s->c->me.name;
	if (s->lb != NULL) {
		if (s->t.ext_id != NULL)
			f.task = s->t.ext_id;
		else {
			snprintf(task, sizeof task, "#%lld",
			    (long long)s->t.id);
			f.task = task;
		}
	}
	f.total = s->prog.total;
	/* This person's n-th task; an answered one has no place. */
	if (s->note == NULL || s->note == note_draft)
		f.n = s->prog.mine + 1 > f.total ? f.total : s->prog.mine + 1;
	f.mine = s->prog.mine;
	f.done = s->prog.done;
	f.note = s->note;
	f.lb = s->lb;
	f.message = s->message;
	f.status = s->status;
	f.status_error = s->status_error;
	f.unread = unread_notifications(s);
	f.overlay = s->overlay;
	f.overlay_text = s->olayout;
	f.overlay_top = s->otop;
	screen_compose(&s->scr, &f);
	s->d.show(&s->d, &s->scr);
}

/* The one way out: the draft kept, the lease given up. */
static void
finish(struct session *s)
{
	if (s->lb == NULL)
		return;
	if (s->unsaved)
		save_draft(s);
	store_lease_release(s->c->st, s->t.id, s->c->me.id);
}

/* Each key is handled, then the frame it leads to is composed and shown;
 * --timings measures the two together. */
static int
loop(struct session *s)
{
	struct timespec	t;
	int		key;

	if (next_task(s) == -1)
		return -1;
	render(s);
	timing(s, "first-frame", &s->started);
	while (!s->quit && got_signal == 0) {
		/* K_NONE: a timeout or a signal; nothing changed. */
		if ((key = s->d.getkey(&s->d)) == -1)
			break;
		if (key == K_NONE)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (handle_key(s, key) == -1)
			return -1;
		render(s);
		timing(s, keymap_key_name(key), &t);
	}
	if (got_signal != 0)
		render(s);
	return 0;
}

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
print_summary(struct session *s, struct key_script *ks)
{
	json_t	*j = json_object();

	json_object_set_new(j, "project", json_string(s->p.name));
	json_object_set_new(j, "user", json_string(s->c->me.name));
	json_object_set_new(j, "keys", json_integer((json_int_t)
	    key_script_done(ks)));
	json_object_set_new(j, "submitted", json_integer(s->submitted));
	json_object_set_new(j, "skipped", json_integer(s->skipped));
	json_object_set_new(j, "late", json_integer(s->late));
	json_object_set_new(j, "task", s->lb != NULL ?
	    json_integer(s->t.id) : json_null());
	json_object_set_new(j, "no_task_left", json_boolean(s->lb == NULL));
	json_object_set_new(j, "quit", json_boolean(s->quit));
	json_object_set_new(j, "status", json_string(s->status[0] != '\0' ||
	    s->lb == NULL ? s->status : labeler_status(s->lb)));
	json_print(j);
}

static int
cmd_annotate_exec(struct ctx *c, int argc, char **argv)
{
	struct optparse		 op;
	struct session		 s;
	struct key_script	*ks = NULL;
	struct sigaction	 sa, old[3];
	static const int	 sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	const char		*name, *keys = NULL, *timings = NULL;
	char			*script = NULL, x;
	size_t			 len = 0;
	int			 o, i, rc, ret = EXIT_FAILURE_DATA, json = 0;
	int			 w = SCREEN_MIN_WIDTH, h = SCREEN_MIN_HEIGHT;
	int			 sized = 0, displayed = 0, handlers = 0;

	memset(&s, 0, sizeof s);
	clock_gettime(CLOCK_MONOTONIC, &s.started);
	s.p = (struct project)PROJECT_INIT;
	s.t = (struct task)TASK_INIT;
	s.lease = LEASE_SECONDS_DEFAULT;
	optparse_init(&op, argc, argv, annotate_opts, annotate_usage);
	while ((o = optparse_next(&op)) != -1) {
		switch (o) {
		case OPT_LEASE:
			s.lease = (int)opt_number(&op, "lease", op.arg, 1,
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
	if (timings != NULL && (s.timings = fopen(timings, "w")) == NULL) {
		error("%s: %s", timings, strerror(errno));
		goto out;
	}
	s.c = c;
	if (ctx_open(c) == -1)
		goto out;
	if ((rc = store_project_get(c->st, name, &s.p)) != 1) {
		if (rc == 0)
			error("no project '%s' ('scalec project list' shows"
			    " them)", name);
		goto out;
	}
	if (ctx_require(c, ACT_ANNOTATE, s.p.id) == -1)
		goto out;
	if ((s.cfg = config_parse(s.p.config, strlen(s.p.config), s.p.name))
	    == NULL)
		goto out;
	if (s.cfg->instructions[0] == '\0' && s.p.instructions != NULL &&
	    s.p.instructions[0] != '\0') {
		free(s.cfg->instructions);
		s.cfg->instructions = xstrdup(s.p.instructions);
	}
	s.acted_by = c->real.id != c->me.id ? c->real.id : 0;

	got_signal = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	handlers = 1;

	if (ks != NULL) {
		s.headless = 1;
		display_text_init(&s.d, ks, w, h);
	} else if (draw_open(&s.d) == -1)
		goto out;
	displayed = 1;
	current = &s;
	error_set_handler(status_handler);
	rc = loop(&s);
	finish(&s);
	error_set_handler(NULL);
	current = NULL;
	s.d.close(&s.d);
	displayed = 0;
	if (rc == -1) {
		if (s.status[0] != '\0' && !s.headless)
			fprintf(stderr, "scalec: %s\n", s.status);
		goto out;
	}
	if (s.headless) {
		if (json)
			print_summary(&s, ks);
		else
			screen_dump(&s.scr, stdout);
	}
	ret = got_signal != 0 ? 128 + got_signal : 0;
out:
	if (displayed) {
		error_set_handler(NULL);
		current = NULL;
		s.d.close(&s.d);
	}
	if (handlers)
		for (i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
	close_task(&s);
	close_overlay(&s);
	screen_release(&s.scr);
	free(s.message);
	config_free(s.cfg);
	project_release(&s.p);
	key_script_free(ks);
	free(script);
	if (s.timings != NULL && fclose(s.timings) == EOF && ret == 0) {
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
