/* The annotate view (see annotate.h): it takes the next task from the
 * store (with its lease), opens a labeler on it (the person's own draft,
 * else the first prediction as a suggestion), and stores what the keys
 * decide: every change as a draft at once (which renews the lease), a
 * submission checked by the answer model, a skip. Submissions are
 * committed as they happen, so a crash loses none; when the view is done
 * (q, a signal, the end of a key script) the draft is saved and the lease
 * given up. A reviewed annotation opens read only. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/filter.h"
#include "store/annotation.h"
#include "store/assign.h"
#include "store/gold.h"
#include "store/prediction.h"
#include "store/project.h"
#include "store/review.h"
#include "store/task.h"
#include "tui/annotate.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/xmalloc.h"

struct session {
	struct annotate_opts	 o;
	struct view		 view;
	int			 w, h;		/* the screen's */

	struct task		 t;		/* the task open, when lb */
	struct labeler		*lb;		/* NULL: no task left */
	const char		*note;		/* "your draft", ... */
	char			 reviewed[256];	/* the note of a reviewed one */
	double			 opened;	/* for the lead time */
	int			 unsaved;	/* a draft save failed */
	struct annotate_progress prog;
	struct task_filter	 filter;	/* the tasks walked (f) */
	struct next_where	 where;		/* filter and --skipped */
	char			*message;	/* when no task is left */
	char			*instructions;	/* reflowed */

	struct annotate_summary	 sum;
};

static const char	note_draft[] = "your draft";
static const char	note_submitted[] = "submitted";
static const char	note_skipped[] = "skipped earlier";
static const char	note_rejected[] = "rejected: change, resubmit";
static const char	readonly_why[] = "This annotation is reviewed: it"
			    " cannot change (Enter goes on)";

static struct driver *
drv(struct session *s)
{
	return s->view.drv;
}

static int
refresh_progress(struct session *s)
{
	struct drv_span	sp = { 0, 0 };
	int		rc;

	drv_status_begin(drv(s), &sp);
	rc = store_annotate_progress(s->o.st, s->o.p->id, s->o.user_id,
	    &s->prog);
	drv_status_end(drv(s), &sp);
	return rc;
}

static void
close_task(struct session *s)
{
	labeler_free(s->lb);
	s->lb = NULL;
	task_release(&s->t);
	s->t = (struct task)TASK_INIT;
	s->note = NULL;
	s->unsaved = 0;
}

static void
set_view(struct session *s)
{
	int	tw, th;

	if (s->lb == NULL || s->w == 0)
		return;
	labeler_area(s->lb, s->w, s->h - 3, &tw, &th);
	labeler_set_view(s->lb, tw, th);
}

static enum view_rc	handle(struct session *, enum lb_action);

static enum view_rc
labeler_said(void *arg, enum lb_action a)
{
	return handle(arg, a);
}

/* A reviewed (or rejected) annotation opens with its verdict, its
 * reviewer and their comment on the status line. 0 or -1. */
static int
say_verdict(struct session *s, int64_t annotation)
{
	struct review_row	r;
	int			rc;

	memset(&r, 0, sizeof r);
	if ((rc = store_review_last(s->o.st, annotation, &r)) != 1)
		return rc;
	if (r.comment != NULL && r.comment[0] != '\0')
		drv_say(drv(s), "%s %sed: %s", r.reviewer,
		    review_verdict_name(r.verdict), r.comment);
	else
		drv_say(drv(s), "%s %sed it", r.reviewer,
		    review_verdict_name(r.verdict));
	review_row_release(&r);
	return 0;
}

/* The image by URL of the task likely next (a guess:
 * store_task_next_url), for image_prefetch_next. */
static int
next_url(void *arg, char **url)
{
	struct session	*s = arg;

	return store_task_next_url(s->o.st, &s->t, s->o.user_id, url);
}

/* On a task with an image by URL, the next one's is fetched while this
 * one is shown. */
static void
prefetch(struct session *s)
{
	image_prefetch_next(s->t.image, next_url, s);
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
	struct lb_task		 lt;
	json_t			*initial = NULL;
	int			 rc, from_prediction = 0, readonly = 0;

	if ((rc = store_annotation_get(s->o.st, s->t.id, s->o.user_id, &a))
	    == -1)
		goto out;
	if (rc == 1) {
		initial = json_loads(a.result != NULL ? a.result : "{}", 0,
		    NULL);
		from_prediction = a.from_prediction;
		if (annotation_state_reviewed(a.state) || a.removed) {
			snprintf(s->reviewed, sizeof s->reviewed,
			    "reviewed (%s%s): read only",
			    annotation_state_name(a.state), a.removed ?
			    ", removed from the task" : "");
			s->note = s->reviewed;
			readonly = 1;
			if (say_verdict(s, a.id) == -1) {
				rc = -1;
				goto out;
			}
		} else if (a.state == ANN_REJECTED) {
			/* Theirs again, with the reviewer's reason. */
			s->note = note_rejected;
			if (say_verdict(s, a.id) == -1) {
				rc = -1;
				goto out;
			}
		} else if (a.state == ANN_SUBMITTED)
			s->note = note_submitted;
		else if (a.state == ANN_SKIPPED)
			s->note = note_skipped;
		else if (a.state == ANN_DRAFT)
			s->note = note_draft;
		if (via_prev && (a.state == ANN_DRAFT ||
		    a.state == ANN_SKIPPED) && store_lease_renew(s->o.st,
		    s->t.id, s->o.user_id, s->o.lease) == -1) {
			rc = -1;
			goto out;
		}
	} else {
		if ((rc = store_suggestion_get(s->o.st, s->t.id, &sg)) == -1)
			goto out;
		if (rc == 1) {
			initial = json_loads(sg.result, 0, NULL);
			from_prediction = 1;
		}
		if (via_prev && store_lease_renew(s->o.st, s->t.id,
		    s->o.user_id, s->o.lease) == -1) {
			rc = -1;
			goto out;
		}
	}
	lt.text = s->t.text;
	lt.len = s->t.text != NULL ? strlen(s->t.text) : 0;
	lt.image = s->t.image;
	lt.width = s->t.width;
	lt.height = s->t.height;
	lt.tokens = s->t.tokens;
	s->lb = labeler_new(s->o.cfg, &lt, initial, from_prediction);
	labeler_attach(s->lb, drv(s), labeler_said, s);
	if (readonly)
		labeler_set_readonly(s->lb, readonly_why);
	s->opened = clock_start();
	set_view(s);
	drv_item_changed(drv(s));
	prefetch(s);
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
	const char	*name = s->o.p->name;

	free(s->message);
	if (store_gold_paused(s->o.st, s->o.p->id, s->o.user_id) == 1)
		s->message = xasprintf("Your work in %s is paused: your score"
		    " on the project's check tasks (gold_min_score) fell"
		    " below its minimum, and the project pauses new work"
		    " then (gold_pause). Its managers have been told.\n\nA"
		    " manager lets you go on with 'scalec member resume %s"
		    " %s'. q quits; ^L looks again.", name, name,
		    s->o.user != NULL ? s->o.user : "USER");
	else if (s->where.filter != NULL || s->where.skipped_only)
		s->message = xasprintf("No task is left for you in %s%s%s%s."
		    "\n\nf finds other tasks (Enter on an empty line: all of"
		    " them), g goes to a task by its number, q quits.", name,
		    s->where.skipped_only ? " among those you skipped" : "",
		    s->where.filter != NULL ? " that matches " : "",
		    s->where.filter != NULL ? s->filter.expr : "");
	else if (s->prog.total == 0)
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
		    " answer.", name);	drv_item_changed(drv(s));
}

/* Moves on to the next task, or to the no-task-left screen. */
static int
next_task(struct session *s)
{
	int	rc;

	close_task(s);
	rc = store_next_task_where(s->o.st, s->o.p->id, s->o.user_id,
	    s->o.lease, &s->where, &s->t);
	if (rc == -1 || refresh_progress(s) == -1)
		return -1;
	if (rc == 0) {
		no_task_left(s);
		return 0;
	}
	return open_task(s, 0);
}

static int	jump_to(struct session *, int64_t);

static int
prev_task(struct session *s)
{
	int64_t	prev = 0, from = s->lb != NULL ? s->t.id : 0;
	int	rc;

	rc = store_annotation_previous(s->o.st, s->o.p->id, s->o.user_id,
	    from, &prev);
	if (rc == -1)
		return -1;
	if (rc == 0) {
		drv_say(drv(s), "There is no earlier task of yours in %s",
		    s->o.p->name);
		return 0;
	}
	return jump_to(s, prev);
}

/* Opens task id (of this project, checked by the caller) in place of the
 * one open, taking its lease where it has room. */
static int
jump_to(struct session *s, int64_t id)
{
	int	rc;

	if (s->lb != NULL && store_lease_release(s->o.st, s->t.id,
	    s->o.user_id) == -1)
		return -1;
	close_task(s);
	if ((rc = store_task_get(s->o.st, id, &s->t)) != 1)
		return rc == 0 ? error("task %lld is gone", (long long)id) :
		    -1;
	if (refresh_progress(s) == -1)
		return -1;
	return open_task(s, 1);
}

static struct answer_task
answer_task_of(const struct task *t)
{
	struct answer_task	at = { 0 };

	at.text = t->text;
	at.text_len = t->text != NULL ? strlen(t->text) : 0;
	at.width = t->width;
	at.height = t->height;
	return at;
}

/* Checks result r as a submission of the task open; -1 with err set. */
static int
check_result(const struct session *s, json_t *r, char *err, size_t errsize)
{
	struct answer_task	at = answer_task_of(&s->t);

	return answer_check(s->o.cfg, r, &at, 0, err, errsize);
}

/*
 * Saves the change. A submitted answer is edited in place, so it is
 * written only while it is still a whole answer: half-way through an edit
 * (a multichoice emptied) the stored one stands.
 */
static void
save_draft(struct session *s)
{
	const struct lb_control	*missing;
	json_t			*r = labeler_result(s->lb);
	char			*text, *name, err[256];
	int			 rc;

	if (s->note == note_submitted) {
		if ((missing = labeler_missing(s->lb)) != NULL) {
			name = escape_dup(missing->control->name, 0);
			drv_say(drv(s), "Not saved until %s has a value: your"
			    " submitted answer stands", name);
			free(name);
			goto out;
		}
		if (check_result(s, r, err, sizeof err) == -1) {
			drv_say(drv(s), "Not saved: %s (your submitted answer"
			    " stands)", err);
			goto out;
		}
	}
	text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = store_annotation_save_draft(s->o.st, s->t.id, s->o.user_id,
	    s->o.acted_by, text, labeler_from_prediction(s->lb), s->o.lease);
	free(text);
	/* A failure is on the status line; the next change tries again. */
	s->unsaved = rc == -1;
	if (rc == -1)
		goto out;
	/* A skipped task that is changed is a draft now. */
	if (s->note == note_skipped)
		s->note = note_draft;
	if (rc == 1)
		drv_say(drv(s), "Saved, but other sessions hold this task: a"
		    " submission will be stored and flagged late");
out:
	json_decref(r);
}

static enum view_rc
submit(struct session *s)
{
	json_t	*r = labeler_result(s->lb);
	char	 err[256], *text = NULL;
	int	 rc;

	if (check_result(s, r, err, sizeof err) == -1) {
		drv_alert(drv(s), "Not submitted: %s", err);
		json_decref(r);
		return VIEW_DONE;
	}
	text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(r);
	rc = store_annotation_submit(s->o.st, s->t.id, s->o.user_id,
	    s->o.acted_by, text, labeler_from_prediction(s->lb),
	    clock_since(s->opened));
	free(text);
	if (rc == -1)
		return VIEW_DONE;	/* shown; the task stays open */
	s->sum.submitted++;
	if (rc == 1) {
		s->sum.late++;
		drv_say(drv(s), "Submitted after the lease had expired: stored,"
		    " and flagged late");
	}
	return next_task(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

static enum view_rc
skip(struct session *s)
{
	if (s->lb->readonly != NULL) {
		drv_say(drv(s), "%s", readonly_why);
		return VIEW_DONE;
	}
	if (store_annotation_skip(s->o.st, s->t.id, s->o.user_id,
	    s->o.acted_by) == -1)
		return VIEW_DONE;	/* shown; the task stays open */
	s->sum.skipped++;
	return next_task(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

/*
 * A task this session may open, as the commands name one: its number or
 * id:VALUE (cmd/ctx_task_ref's forms), in this project. 1 and *id, 0 with
 * the reason on the status line, -1.
 */
static int
task_ref(struct session *s, const char *ref, int64_t *id)
{
	struct task	 t = TASK_INIT;
	char		*end;
	long long	 v;
	int		 rc;

	while (*ref == ' ')
		ref++;
	if (strncmp(ref, "id:", 3) == 0 && ref[3] != '\0') {
		if ((rc = store_task_find_ext(s->o.st, s->o.p->id, ref + 3,
		    id)) == 0)
			drv_alert(drv(s), "No task with the imported id '%s'"
			    " in %s", ref + 3, s->o.p->name);
		return rc;
	}
	v = strtoll(ref, &end, 10);
	if (*ref < '0' || *ref > '9' || *end != '\0' || v <= 0) {
		drv_alert(drv(s), "'%s' is not a task: give its number or"
		    " id:VALUE", ref);
		return 0;
	}
	if ((rc = store_task_get(s->o.st, (int64_t)v, &t)) == 1 &&
	    t.project_id != s->o.p->id)
		rc = 0;
	task_release(&t);
	if (rc == 0)
		drv_alert(drv(s), "No task %lld in %s", v, s->o.p->name);
	*id = (int64_t)v;
	return rc;
}

/* A task opened out of the queue's order says so when others hold it
 * (its lease was taken, where there was room, as it opened). */
static void
say_if_full(struct session *s)
{
	if (s->lb == NULL || s->lb->readonly != NULL ||
	    s->note == note_submitted || s->note == note_rejected)
		return;
	if (store_lease_renew(s->o.st, s->t.id, s->o.user_id, s->o.lease)
	    == 0)
		drv_say(drv(s), "Other people hold this task (their drafts or"
		    " sessions): a submission will be stored and flagged"
		    " late");
}

static enum view_rc
goto_done(void *arg, const char *text)
{
	struct session	*s = arg;
	int64_t		 id = 0;
	int		 rc;

	if (text[0] == '\0')
		return VIEW_DONE;
	if ((rc = task_ref(s, text, &id)) != 1)
		return rc == -1 ? VIEW_FAIL : VIEW_DONE;
	if (jump_to(s, id) == -1)
		return VIEW_FAIL;
	say_if_full(s);
	return VIEW_DONE;
}

static enum view_rc
goto_open(struct session *s)
{
	struct prompt	p = { "task: ", NULL, "a number or id:VALUE; Enter"
			    " goes, Esc cancels", PROMPT_BS_CLOSES, goto_done,
			    NULL, s };

	drv_prompt(drv(s), &p);
	return VIEW_DONE;
}

/* A new filter for the session's walk (empty: none), then the first task
 * it gives. The task open keeps its draft and gives its lease up. */
static enum view_rc
find_done(void *arg, const char *text)
{
	struct session		*s = arg;
	struct task_filter	 f = TASK_FILTER_INIT;
	char			 err[256];

	if (text[0] != '\0' && task_filter_parse(text, &f, err, sizeof err)
	    == -1) {
		drv_alert(drv(s), "%s", err);
		return VIEW_DONE;
	}
	if (s->lb != NULL && store_lease_release(s->o.st, s->t.id,
	    s->o.user_id) == -1)
		return VIEW_FAIL;
	task_filter_release(&s->filter);
	s->filter = f;
	s->where.filter = text[0] != '\0' ? &s->filter : NULL;
	if (next_task(s) == -1)
		return VIEW_FAIL;
	if (s->where.filter == NULL)
		drv_say(drv(s), "Every task again");
	else if (s->lb != NULL)
		drv_say(drv(s), "Tasks that match %s; f and Enter on an empty"
		    " line shows all again", s->filter.expr);
	return VIEW_DONE;
}

static enum view_rc
find_open(struct session *s)
{
	struct prompt	p = { "find tasks: ", NULL, "text or meta.KEY=VALUE;"
			    " empty: all", PROMPT_BS_CLOSES, find_done, NULL,
			    s };

	p.initial = s->where.filter != NULL ? s->filter.expr : NULL;
	drv_prompt(drv(s), &p);
	return VIEW_DONE;
}

/* What the labeler decided, from a key or from an overlay's answer. */
static enum view_rc
handle(struct session *s, enum lb_action a)
{
	switch (a) {
	case LB_SAVE_DRAFT:
		save_draft(s);
		return VIEW_DONE;
	case LB_SUBMIT:
		/* Read only, Enter goes on. */
		if (s->lb->readonly != NULL)
			return next_task(s) == -1 ? VIEW_FAIL : VIEW_DONE;
		return submit(s);
	case LB_PASS:
		return VIEW_PASS;
	case LB_NONE:
	case LB_REDRAW:
		break;
	}
	return VIEW_DONE;
}

/* Keys on the screen that says no task is left. */
static enum view_rc
idle_key(struct session *s, int key)
{
	switch (keymap_request(KS_TASKS | KS_DRIVER, KEYS_NOTHING, key)) {
	case REQ_QUIT:
	case REQ_HELP:
	case REQ_INSTRUCTIONS:
		return VIEW_PASS;
	case REQ_PREV_TASK:
		return prev_task(s) == -1 ? VIEW_FAIL : VIEW_DONE;
	case REQ_GOTO_TASK:
		return goto_open(s);
	case REQ_FIND_TASKS:
		return find_open(s);
	case REQ_REDRAW:
		/* Look again: other sessions may have left tasks since. */
		if (next_task(s) == -1)
			return VIEW_FAIL;
		if (s->lb == NULL)
			drv_say(drv(s), "Looked again: still no task for you");
		return VIEW_DONE;
	default:
		drv_say(drv(s), "No task is left here: q quits, ^L looks"
		    " again, g goes to a task, Backspace to your last answer");
		return VIEW_DONE;
	}
}

static enum view_rc
annotate_key(struct view *v, int key)
{
	struct session	*s = v->data;

	if (s->lb == NULL)
		return idle_key(s, key);
	/* While t's hints (or the jump's grid over an image) are shown a
	 * letter is a hint (f, g and s too). */
	if ((s->lb->hinting || (s->lb->draw != NULL &&
	    s->lb->draw->hinting)) && key < 0x80 && isalpha(key))
		return handle(s, labeler_key(s->lb, key));
	switch (keymap_request(KS_TASKS, labeler_groups(s->lb), key)) {
	case REQ_SKIP:
		return skip(s);
	case REQ_PREV_TASK:
		return prev_task(s) == -1 ? VIEW_FAIL : VIEW_DONE;
	case REQ_GOTO_TASK:
		return goto_open(s);
	case REQ_FIND_TASKS:
		return find_open(s);
	default:
		return handle(s, labeler_key(s->lb, key));
	}
}

static int
annotate_open(struct view *v)
{
	struct session	*s = v->data;

	if (s->o.task == 0)
		return next_task(s);
	if (jump_to(s, s->o.task) == -1)
		return -1;
	say_if_full(s);
	return 0;
}

static int
annotate_groups(struct view *v)
{
	struct session	*s = v->data;

	return s->lb != NULL ? labeler_groups(s->lb) : KEYS_NOTHING;
}

static void
annotate_resize(struct view *v, int w, int h)
{
	struct session	*s = v->data;

	s->w = w;
	s->h = h;
	set_view(s);
}

/* " news — task 42 (doc-7) — done 12/128 — 3 skipped — alice": the
 * task's number and imported id, the person's submissions of all the
 * project's tasks (both counters), their skips (the end of their queue)
 * and the filter the queue keeps to. */
static void
compose_title(struct session *s, struct screen *scr)
{
	struct buf	 b = BUF_INIT;
	int		 col, end = scr->w - 12;

	buf_printf(&b, " %s", s->o.p->name);
	if (s->lb != NULL) {
		buf_printf(&b, " \xe2\x80\x94 task %lld", (long long)s->t.id);
		if (s->t.ext_id != NULL)
			buf_printf(&b, " (%s)", s->t.ext_id);
	}
	buf_printf(&b, " \xe2\x80\x94 done %lld/%lld", (long long)s->prog.mine,
	    (long long)s->prog.total);
	if (s->where.skipped_only)
		buf_printf(&b, " \xe2\x80\x94 skipped only (%lld)",
		    (long long)s->prog.skipped);
	else if (s->prog.skipped > 0)
		buf_printf(&b, " \xe2\x80\x94 %lld skipped",
		    (long long)s->prog.skipped);
	if (s->where.filter != NULL)
		buf_printf(&b, " \xe2\x80\x94 find: %s", s->filter.expr);
	buf_printf(&b, " \xe2\x80\x94 %s", s->o.user);
	col = screen_put(scr, 0, 0, end, buf_str(&b), 0, 0);
	if (s->lb != NULL && labeler_from_prediction(s->lb))
		col = screen_put(scr, 0, col + 1, end, "(suggestion)", SA_BOLD,
		    0);
	if (s->note != NULL) {
		buf_reset(&b);
		buf_printf(&b, "[%s]", s->note);
		screen_put(scr, 0, col + 1, end, buf_str(&b), SA_BOLD, 0);
	}
	screen_put(scr, 0, scr->w - 11, scr->w, "? for help", 0, 0);
	screen_paint(scr, 0, 0, scr->w, SA_REVERSE, 0);
	buf_release(&b);
}

static void
compose_progress(struct session *s, struct screen *scr, int row)
{
	const struct annotate_progress	*p = &s->prog;
	char				 buf[160];
	int				 col, bar = 30, fill, i;

	snprintf(buf, sizeof buf, "You: %lld submitted", (long long)p->mine);
	col = screen_put(scr, row, 1, scr->w - 1, buf, 0, 0);
	col = screen_put(scr, row, col + 3, scr->w - 1, "Project: ", 0, 0);
	fill = p->total > 0 ? (int)(p->done * bar / p->total) : 0;
	for (i = 0; i < bar; i++)
		buf[i] = i < fill ? '#' : '.';
	buf[bar] = '\0';
	col = screen_put(scr, row, col, scr->w - 1, "[", 0, 0);
	col = screen_put(scr, row, col, scr->w - 1, buf, SA_BOLD, 0);
	col = screen_put(scr, row, col, scr->w - 1, "]", 0, 0);
	snprintf(buf, sizeof buf, " %lld/%lld done (%lld%%)",
	    (long long)p->done, (long long)p->total, p->total > 0 ?
	    (long long)(p->done * 100 / p->total) : 0LL);
	screen_put(scr, row, col, scr->w - 1, buf, 0, 0);
}

/* Rows: the title; the labeler (or the message); the progress line. */
static void
annotate_compose(struct view *v, struct screen *scr, struct view_frame *f)
{
	struct session	*s = v->data;

	compose_title(s, scr);
	if (s->lb != NULL)
		labeler_compose(scr, s->lb, 1, scr->h - 3, f);
	else if (s->message != NULL)
		screen_text_block(scr, 3, 2, scr->w - 2, scr->h - 3,
		    s->message);
	compose_progress(s, scr, scr->h - 2);
}

static void
annotate_help(struct view *v, struct buf *b)
{
	struct session	*s = v->data;

	if (s->lb != NULL)
		labeler_help(s->lb, b);
}

static const char *
annotate_instructions(struct view *v)
{
	struct session	*s = v->data;

	return s->instructions;
}

static const char *
annotate_status(struct view *v)
{
	struct session	*s = v->data;

	return s->lb != NULL ? labeler_status(s->lb) : "";
}

/* The one way out: the draft kept, the lease given up. */
static void
annotate_done(struct view *v)
{
	struct session	*s = v->data;

	if (s->lb == NULL)
		return;
	if (s->unsaved)
		save_draft(s);
	store_lease_release(s->o.st, s->t.id, s->o.user_id);
}

static const struct view_ops annotate_ops = {
	.name = "annotate",
	.scopes = KS_DRIVER | KS_LABELER | KS_TASKS,
	.open = annotate_open,
	.groups = annotate_groups,
	.key = annotate_key,
	.resize = annotate_resize,
	.compose = annotate_compose,
	.help = annotate_help,
	.instructions = annotate_instructions,
	.status = annotate_status,
	.done = annotate_done,
};

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

struct view *
annotate_view_new(const struct annotate_opts *o)
{
	struct session	*s = xcalloc(1, sizeof *s);
	char		 err[256];

	s->o = *o;
	s->t = (struct task)TASK_INIT;
	s->view.ops = &annotate_ops;
	s->view.data = s;
	s->filter = (struct task_filter)TASK_FILTER_INIT;
	s->where.skipped_only = o->skipped_only;
	/* The caller checked it: a filter that does not parse is none. */
	if (o->filter != NULL && task_filter_parse(o->filter, &s->filter,
	    err, sizeof err) == 0)
		s->where.filter = &s->filter;
	if (o->cfg->instructions != NULL && o->cfg->instructions[0] != '\0')
		s->instructions = reflow(o->cfg->instructions);
	return &s->view;
}

void
annotate_view_free(struct view *v)
{
	struct session	*s;

	if (v == NULL)
		return;
	s = v->data;
	close_task(s);
	task_filter_release(&s->filter);
	free(s->message);
	free(s->instructions);
	free(s);
}

void
annotate_view_summary(const struct view *v, struct annotate_summary *sum)
{
	const struct session	*s = v->data;

	*sum = s->sum;
	sum->task = s->lb != NULL ? s->t.id : 0;
}
