/* The review view (see review.h). It takes the next item of the review
 * queue from the store (with its lease: two reviewers never get the same
 * one), shows the task through a read-only labeler with the annotation's
 * labels and spans, who made it, when, its lead time, whether it came from
 * a suggestion or arrived late, and every earlier verdict and comment, and
 * stores each verdict the keys give as one unit of work of the store's.
 *
 * An item is one annotation where the project's overlap is 1, and one
 * task where it is above 1: then every annotator's result is listed, one
 * line per person (the spans under the text, each that not everyone has
 * marked with a *), the most common version first; a and r judge the
 * highlighted person's result, Enter takes it as the task's final answer
 * and e edits it into one. A fix (e) opens the same labeler, editable, on
 * the result: Enter stores it (a fix, or the final answer), Esc leaves it.
 *
 * Decisions: a verdict moves on to the next item (with overlap, to the
 * next person without one; Enter then settles the task and moves on).
 * u withdraws this session's last verdict by appending a withdrawal (the
 * store never overwrites one) and opens that item again. p goes back
 * along the items this session has shown, Backspace to the one judged
 * last. Text from the data (names, comments, results) is escaped where it
 * is drawn, like everything on the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/review.h"
#include "store/project.h"
#include "store/review.h"
#include "store/store.h"
#include "store/task.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/review.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define EM	" \xe2\x80\x94 "	/* " — " */
#define HISTORY_MAX	4096	/* items p goes back over */

/* One person's annotation of the item's task, as the screen shows it. */
struct rv_ann {
	struct review_annotation a;		/* the store's */
	struct review_row	*ev;		/* its history, oldest first */
	size_t			 nev, aev;
	int			 judged;	/* a verdict this session */
	struct answer		*ans;		/* its result, typed */
	int			 version;	/* its version's rank: 0 is
						   the most common */
	int			 same;		/* people with that version */
};

struct rv_item {
	struct task		 t;
	struct answer_task	 at;
	struct rv_ann		*v;		/* in the order shown */
	size_t			 n, alloc;
	struct review_final	 final;		/* settled, when final_set */
	int			 final_set;
	int64_t			 key;		/* the annotation, or with
						   overlap the task */
};

enum rv_mode {
	RV_BROWSE,
	RV_FIX,			/* e: the labeler edits a result */
};

/* A verdict of this session, for u and Backspace. */
struct rv_done {
	int64_t	 key;		/* the item */
	int64_t	 verdict;	/* the store's id of the verdict */
};

struct session {
	struct review_view_opts	 o;
	struct view		 view;
	int			 w, h;
	int			 overlap;	/* items are tasks */

	struct rv_item		 it;
	int			 have;		/* it holds an item */
	size_t			 cur;		/* the person highlighted */
	struct labeler		*lb;		/* it, read only; or the fix */
	struct lb_other		*others;	/* the other people's, drawn
						   on an image beside it */
	enum rv_mode		 mode;
	int			 fix_final;	/* the fix is a final answer */
	char			*message;	/* when the queue is empty */
	char			*instructions;
	int64_t			 waiting;	/* the queue's length */

	int64_t			*seen;		/* items shown, in order */
	size_t			 nseen, aseen, at_seen;
	struct rv_done		*done;		/* this session's verdicts */
	size_t			 ndone, adone;
	struct review_item	 after;		/* the queue is walked past
						   this item (n) */
	struct review_item	 last;		/* the queue's latest item */
	int			 passed;	/* after holds one */
	struct review_summary	 sum;
};

static struct driver *
drv(struct session *s)
{
	return s->view.drv;
}

static struct rv_ann *
current(struct session *s)
{
	return s->have && s->cur < s->it.n ? &s->it.v[s->cur] : NULL;
}

static void
ann_release(struct rv_ann *a)
{
	size_t	i;

	for (i = 0; i < a->nev; i++)
		review_row_release(&a->ev[i]);
	free(a->ev);
	answer_free(a->ans);
	review_annotation_release(&a->a);
}

static void
item_release(struct rv_item *it)
{
	size_t	i;

	for (i = 0; i < it->n; i++)
		ann_release(&it->v[i]);
	free(it->v);
	task_release(&it->t);
	review_final_release(&it->final);
	memset(it, 0, sizeof *it);
	it->t = (struct task)TASK_INIT;
}

/* Versions: annotations whose results are the same are one version; the
 * most common first (ties: the earliest submitted), people in that order,
 * so that the majority leads. */
static int
by_version(const void *a, const void *b)
{
	const struct rv_ann	*x = a, *y = b;

	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	return x->a.id < y->a.id ? -1 : x->a.id > y->a.id;
}

static void
rank_versions(struct session *s)
{
	struct rv_item	 *it = &s->it;
	struct answer	**ans = xcalloc(it->n + 1, sizeof *ans);
	int		 *version = xcalloc(it->n + 1, sizeof *version);
	int		 *same = xcalloc(it->n + 1, sizeof *same);
	size_t		  i;

	for (i = 0; i < it->n; i++)
		ans[i] = it->v[i].ans;
	review_rank_versions(ans, it->n, version, same);
	for (i = 0; i < it->n; i++) {
		it->v[i].version = version[i];
		it->v[i].same = same[i];
	}
	qsort(it->v, it->n, sizeof *it->v, by_version);
	free(ans);
	free(version);
	free(same);
}

/* The result the screen shows for a person: their fix where a reviewer
 * fixed it, else theirs. */
static const char *
shown_result(const struct rv_ann *a)
{
	return a->a.fixed != NULL ? a->a.fixed : a->a.result;
}

static int	info_rows(struct session *);

/* The labeler's rows: what the info block below it leaves. */
static int
labeler_rows(struct session *s, int h)
{
	int	rows = h - 3 - info_rows(s);

	return rows < 5 ? 5 : rows;
}

static void
layout(struct session *s)
{
	int	tw, th;

	if (s->lb == NULL || s->w == 0)
		return;
	labeler_area(s->lb, s->w, labeler_rows(s, s->h), &tw, &th);
	labeler_set_view(s->lb, tw, th);
}

static enum view_rc	fix_said(void *, enum lb_action);

/* Person i's colour, for their regions on an image and their line. */
static int
person_colour(size_t i)
{
	return screen_label_colour(NULL, (int)i);
}

/* With overlap, an image's boxes or polygons of every person, each in
 * their own colour (the labeler draws them; a fix shows only the
 * result being fixed, in its labels' colours). */
static void
show_others(struct session *s, int editable)
{
	size_t	i, n = 0;

	free(s->others);
	s->others = NULL;
	if (!s->overlap || editable || s->it.t.image == NULL || s->it.n < 2)
		return;
	s->others = xcalloc(s->it.n, sizeof *s->others);
	for (i = 0; i < s->it.n; i++) {
		if (i == s->cur)
			continue;
		s->others[n].answer = s->it.v[i].ans;
		s->others[n++].colour = person_colour(i);
	}
	labeler_set_others(s->lb, s->others, n, person_colour(s->cur));
}

/* The labeler on the highlighted person's result: read only, or (e)
 * editable for a fix. */
static void
open_labeler(struct session *s, int editable)
{
	const struct rv_ann	*a = current(s);
	struct lb_task		 lt;
	json_t			*initial = NULL;

	labeler_free(s->lb);
	s->lb = NULL;
	if (!s->have)
		return;
	if (a != NULL)
		initial = json_loads(shown_result(a), 0, NULL);
	lt.text = s->it.t.text;
	lt.len = s->it.t.text != NULL ? strlen(s->it.t.text) : 0;
	lt.image = s->it.t.image;
	lt.tokens = s->it.t.tokens;
	lt.width = s->it.t.width;
	lt.height = s->it.t.height;
	s->lb = labeler_new(s->o.cfg, &lt, initial, a != NULL &&
	    a->a.from_prediction);
	labeler_attach(s->lb, drv(s), fix_said, s);
	if (!editable)
		labeler_set_readonly(s->lb, "Reviewing: e fixes the result");
	json_decref(initial);
	show_others(s, editable);
	layout(s);
}

/* Store callbacks: an annotation of the task, a row of its history. */
static int
got_ann(const struct review_annotation *a, void *arg)
{
	struct rv_item	*it = arg;
	struct rv_ann	*v;

	ARRAY_GROW(it->v, it->n + 1, it->alloc);
	v = &it->v[it->n++];
	memset(v, 0, sizeof *v);
	v->a = *a;
	v->a.user_name = xstrdup(a->user_name != NULL ? a->user_name : "");
	v->a.result = a->result != NULL ? xstrdup(a->result) : NULL;
	v->a.fixed = a->fixed != NULL ? xstrdup(a->fixed) : NULL;
	v->a.created_at = a->created_at != NULL ? xstrdup(a->created_at) :
	    NULL;
	v->a.submitted_at = a->submitted_at != NULL ?
	    xstrdup(a->submitted_at) : NULL;
	return 0;
}

static int
got_row(const struct review_row *r, void *arg)
{
	struct rv_ann		*v = arg;
	struct review_row	*e;

	ARRAY_GROW(v->ev, v->nev + 1, v->aev);
	e = &v->ev[v->nev++];
	*e = *r;
	e->reviewer = xstrdup(r->reviewer != NULL ? r->reviewer : "");
	e->comment = r->comment != NULL ? xstrdup(r->comment) : NULL;
	e->result = r->result != NULL ? xstrdup(r->result) : NULL;
	e->created_at = r->created_at != NULL ? xstrdup(r->created_at) :
	    NULL;
	return 0;
}

/* Loads item key from the store into s->it; 1, 0 when it is no longer
 * there to review, -1. */
static int
load_item(struct session *s, int64_t key)
{
	struct review_annotation a;
	int64_t			 task_id = key;
	size_t			 i;
	int			 rc;

	item_release(&s->it);
	s->have = 0;
	s->cur = 0;
	s->mode = RV_BROWSE;
	if (!s->overlap) {
		memset(&a, 0, sizeof a);
		if ((rc = store_review_annotation(s->o.st, key, &a)) != 1)
			return rc;
		if (!annotation_state_counts(a.state)) {
			review_annotation_release(&a);
			return 0;
		}
		task_id = a.task_id;
		got_ann(&a, &s->it);
		review_annotation_release(&a);
	} else if (store_review_task_each(s->o.st, key, got_ann, &s->it) ==
	    -1)
		return -1;
	if (s->it.n == 0)
		return 0;
	if ((rc = store_task_get(s->o.st, task_id, &s->it.t)) != 1)
		return rc;
	for (i = 0; i < s->it.n; i++)
		if (store_review_history(s->o.st, s->it.v[i].a.id, got_row,
		    &s->it.v[i]) == -1)
			return -1;
	if ((rc = store_review_final_get(s->o.st, task_id, &s->it.final)) ==
	    -1)
		return -1;
	s->it.final_set = rc == 1;
	s->it.key = key;
	s->it.at.text = s->it.t.text;
	s->it.at.text_len = s->it.t.text != NULL ? strlen(s->it.t.text) : 0;
	s->it.at.width = s->it.t.width;
	s->it.at.height = s->it.t.height;
	for (i = 0; i < s->it.n; i++) {
		json_t	*r;

		s->it.v[i].ans = answer_new(s->o.cfg, &s->it.at);
		r = json_loads(shown_result(&s->it.v[i]), 0, NULL);
		answer_load_lenient(s->it.v[i].ans, r);
		json_decref(r);
	}
	rank_versions(s);
	s->have = 1;
	open_labeler(s, 0);
	/* The unread count is asked again when the item changes. */
	drv_item_changed(drv(s));
	return 1;
}

/* The item again from the store (its states and history changed), the
 * same person highlighted and this session's verdicts marked. */
static int
reload(struct session *s)
{
	int64_t	*judged = xcalloc(s->it.n + 1, sizeof *judged);
	int64_t	 cur = current(s) != NULL ? current(s)->a.id : 0;
	size_t	 i, j, n = s->it.n;
	int	 rc;

	for (i = 0; i < n; i++)
		judged[i] = s->it.v[i].judged ? s->it.v[i].a.id : 0;
	if ((rc = load_item(s, s->it.key)) == 1) {
		for (i = 0; i < s->it.n; i++) {
			for (j = 0; j < n; j++)
				if (judged[j] == s->it.v[i].a.id)
					s->it.v[i].judged = 1;
			if (s->it.v[i].a.id == cur)
				s->cur = i;
		}
		open_labeler(s, 0);
	}
	free(judged);
	return rc == -1 ? -1 : 0;
}

static void
remember_seen(struct session *s, int64_t key)
{
	if (s->nseen > 0 && s->seen[s->at_seen] == key)
		return;
	/* Going on from an earlier one forgets what came after it. */
	if (s->nseen > 0 && s->at_seen + 1 < s->nseen)
		s->nseen = s->at_seen + 1;
	if (s->nseen == HISTORY_MAX) {
		memmove(s->seen, s->seen + 1, (s->nseen - 1) * sizeof *s->seen);
		s->nseen--;
	}
	ARRAY_GROW(s->seen, s->nseen + 1, s->aseen);
	s->seen[s->nseen++] = key;
	s->at_seen = s->nseen - 1;
}

static void
release_item(struct session *s)
{
	if (s->have)
		store_review_release(s->o.st, s->o.user_id);
}

/* The queue as the options ask for it. */
static void
query_of(const struct session *s, struct review_query *q)
{
	*q = s->o.query != NULL ? *s->o.query :
	    (struct review_query)REVIEW_QUERY_INIT;
	q->project_id = s->o.p->id;
	q->reviewer_id = s->o.user_id;
	q->by_task = s->overlap;
}

static void
queue_empty(struct session *s)
{
	const char	*name = s->o.p->name;

	free(s->message);
	if (s->waiting > 0)
		s->message = xasprintf("Nothing is left for you to review in"
		    " %s: %lld more are open in other reviewers' sessions, or"
		    " are your own work (nobody reviews their own).\n\n^L"
		    " looks again; Backspace goes back to the last one you"
		    " judged; q quits.", name, (long long)s->waiting);
	else
		s->message = xasprintf("Nothing is waiting for review in %s"
		    "%s.\n\n^L looks again; Backspace goes back to the last"
		    " one you judged; q quits.", name, s->passed ?
		    " after the ones you passed over" : "");
}

static int
refresh_count(struct session *s)
{
	struct review_counts	n;

	if (store_review_counts(s->o.st, s->o.p->id, &n) == -1)
		return -1;
	s->waiting = n.to_review;
	return 0;
}

/* The image by URL of the queue's item after the one shown (a guess:
 * store_review_next_url), for image_prefetch_next. */
static int
next_url(void *arg, char **url)
{
	struct session		*s = arg;
	struct review_query	 q;

	query_of(s, &q);
	return store_review_next_url(s->o.st, &q, &s->last, url);
}

/* The next item of the queue (after the one n passed over, when n did),
 * leased, its task's image by URL fetching the next one's ahead (as the
 * labeler does); or the screen that says nothing is left. */
static int
next_item(struct session *s)
{
	struct review_query	q;
	struct review_item	it = REVIEW_ITEM_INIT;
	int64_t			key = 0;
	int			rc;

	labeler_free(s->lb);
	s->lb = NULL;
	item_release(&s->it);
	s->have = 0;
	query_of(s, &q);
	for (;;) {
		rc = store_review_next(s->o.st, &q, s->passed ? &s->after :
		    NULL, s->o.lease, &it);
		if (rc == -1 || refresh_count(s) == -1)
			goto out;
		if (rc == 0) {
			queue_empty(s);
			goto out;
		}
		key = s->overlap ? it.task_id : it.annotation_id;
		if ((rc = load_item(s, key)) != 0)
			break;
		/* Gone since: on past it. */
		review_item_release(&s->after);
		s->after = it;
		it = (struct review_item)REVIEW_ITEM_INIT;
		s->passed = 1;
	}
	if (rc == 1) {
		remember_seen(s, key);
		review_item_release(&s->last);
		s->last = it;
		it = (struct review_item)REVIEW_ITEM_INIT;
		image_prefetch_next(s->it.t.image, next_url, s);
	}
out:
	review_item_release(&it);
	return rc == -1 ? -1 : 0;
}

static void
crossed(struct session *s)
{
	drv_alert(drv(s), "Another reviewer has this one open now: a verdict"
	    " may cross theirs");
}

/* The task of the item open, to lease it again. */
static int
take_again(struct session *s)
{
	int	rc;

	if ((rc = store_review_take(s->o.st, s->o.user_id, s->it.t.id,
	    s->o.lease)) == 0)
		crossed(s);
	return rc == -1 ? -1 : 0;
}

/* Opens an item this session had (p, Backspace, u), leasing it again. */
static int
reopen(struct session *s, int64_t key)
{
	int	rc;

	labeler_free(s->lb);
	s->lb = NULL;
	if ((rc = load_item(s, key)) == -1)
		return -1;
	if (rc == 0) {
		drv_say(drv(s), "That one is no longer there to review");
		return next_item(s);
	}
	if (take_again(s) == -1)
		return -1;
	return refresh_count(s);
}

/* Verdicts. */

static size_t
next_unjudged(struct session *s, size_t from)
{
	size_t	i;

	for (i = from; i < s->it.n; i++)
		if (!s->it.v[i].judged)
			return i;
	return s->it.n;
}

/* After a verdict: on to the next item, or with overlap to the next person
 * still unjudged (the task stays until it is settled or passed over). */
static enum view_rc
moved_on(struct session *s)
{
	size_t	i;

	if (!s->overlap)
		return next_item(s) == -1 ? VIEW_FAIL : VIEW_DONE;
	if ((i = next_unjudged(s, s->cur + 1)) == s->it.n)
		i = next_unjudged(s, 0);
	if (i < s->it.n) {
		s->cur = i;
		open_labeler(s, 0);
		return VIEW_DONE;
	}
	if (!s->it.final_set) {
		/* Back to the most common version, the likely answer. */
		s->cur = 0;
		open_labeler(s, 0);
		drv_say(drv(s), "All judged: %s settles the highlighted"
		    " version as the final answer, %s goes on",
		    keymap_req_key(REQ_FINAL), keymap_req_key(REQ_NEXT_ITEM));
		return VIEW_DONE;
	}
	return next_item(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

static void
note_done(struct session *s, int64_t verdict)
{
	ARRAY_GROW(s->done, s->ndone + 1, s->adone);
	s->done[s->ndone].key = s->it.key;
	s->done[s->ndone].verdict = verdict;
	s->ndone++;
}

/* Gives the highlighted result verdict v (with comment, or a fixed
 * result), then moves on. */
static enum view_rc
give(struct session *s, enum review_verdict v, const char *comment,
    const char *fixed)
{
	struct rv_ann	*a = current(s);
	struct actor	 who = s->o.who;
	int64_t		 id = 0;
	char		*name;
	int		 rc;

	if (a == NULL)
		return VIEW_DONE;
	/* With overlap the task stays: its lease is kept in the verdict's
	 * unit (a verdict alone gives it up), so nobody takes it between. */
	rc = s->overlap ? store_review_act_keep(s->o.st, &who, a->a.id, v,
	    comment, fixed, s->o.lease, &id) : store_review_act(s->o.st, &who,
	    a->a.id, v, comment, fixed, &id);
	if (rc == -1)
		return VIEW_DONE;	/* shown; the item stays */
	note_done(s, id);
	name = escape_dup(a->a.user_name, 0);
	switch (v) {
	case VERDICT_ACCEPT:
		s->sum.accepted++;
		drv_say(drv(s), "Accepted %s's annotation", name);
		break;
	case VERDICT_REJECT:
		s->sum.rejected++;
		drv_say(drv(s), "Rejected %s's annotation: it goes back to"
		    " them with your comment", name);
		break;
	case VERDICT_FIX:
		s->sum.fixed++;
		drv_say(drv(s), "Fixed %s's annotation: theirs is kept beside"
		    " the fix", name);
		break;
	default:
		break;
	}
	free(name);
	a->judged = 1;
	if (s->overlap && rc == 0)
		crossed(s);
	/* With overlap, its states and history as they are now. */
	if (s->overlap && reload(s) == -1)
		return VIEW_FAIL;
	return moved_on(s);
}

static enum view_rc	reject_open(struct session *);

static enum view_rc
reject_done(void *arg, const char *text)
{
	struct session	*s = arg;

	while (*text == ' ')
		text++;
	if (*text == '\0' && s->o.comment_required) {
		/* The prompt stays open: what is typed next is the comment,
		 * never keys that judge. */
		reject_open(s);
		drv_alert(drv(s), "A rejection needs a comment: say what to"
		    " change (Esc cancels)");
		return VIEW_DONE;
	}
	return give(s, VERDICT_REJECT, *text != '\0' ? text : NULL, NULL);
}

static enum view_rc
reject_cancel(void *arg)
{
	struct session	*s = arg;

	drv_say(drv(s), "Not rejected");
	return VIEW_DONE;
}

static enum view_rc
comment_done(void *arg, const char *text)
{
	struct session	*s = arg;
	struct rv_ann	*a = current(s);
	struct actor	 who = s->o.who;
	int		 rc;

	while (*text == ' ')
		text++;
	if (*text == '\0' || a == NULL) {
		drv_say(drv(s), "No comment made");
		return VIEW_DONE;
	}
	/* The item stays open: its lease kept in the comment's unit. */
	if ((rc = store_review_act_keep(s->o.st, &who, a->a.id,
	    VERDICT_COMMENT, text, NULL, s->o.lease, NULL)) == -1)
		return VIEW_DONE;
	s->sum.comments++;
	drv_say(drv(s), "Commented");
	if (rc == 0)
		crossed(s);
	/* Shown with the rest of its history at once. */
	return reload(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

static enum view_rc
prompt_for(struct session *s, const char *label, const char *hint,
    enum view_rc (*done)(void *, const char *), enum view_rc (*cancel)(void *))
{
	struct prompt	p = { label, NULL, hint, 0, done, cancel, s };

	drv_prompt(drv(s), &p);
	return VIEW_DONE;
}

static enum view_rc
reject_open(struct session *s)
{
	return prompt_for(s, "reject: ", s->o.comment_required ?
	    "why (required); Enter rejects, Esc cancels" :
	    "why; Enter rejects, Esc cancels", reject_done, reject_cancel);
}

/* Enter with overlap: the highlighted result is the final answer. */
static enum view_rc
settle(struct session *s, const char *result)
{
	struct rv_ann	*a = current(s);
	struct actor	 who = s->o.who;
	char		*name;

	if (a == NULL)
		return VIEW_DONE;
	if (store_review_final(s->o.st, &who, s->it.t.id, result == NULL ?
	    a->a.id : 0, result) == -1)
		return VIEW_DONE;
	s->sum.finals++;
	name = escape_dup(a->a.user_name, 0);
	if (result == NULL)
		drv_say(drv(s), "Task %lld settled: %s's version is its final"
		    " answer", (long long)s->it.t.id, name);
	else
		drv_say(drv(s), "Task %lld settled with your edit of %s's"
		    " version", (long long)s->it.t.id, name);
	free(name);
	return next_item(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

static enum view_rc
withdraw(struct session *s)
{
	struct actor	 who = s->o.who;
	struct rv_done	 d;

	if (s->ndone == 0) {
		drv_say(drv(s), "No verdict of this session to undo");
		return VIEW_DONE;
	}
	d = s->done[s->ndone - 1];
	/* Back in the queue and leased to this session in one unit: no
	 * other reviewer takes it before it opens here again. */
	if (store_review_withdraw_keep(s->o.st, &who, d.verdict,
	    s->o.lease) == -1)
		return VIEW_DONE;
	s->ndone--;
	s->sum.withdrawn++;
	if (reopen(s, d.key) == -1)
		return VIEW_FAIL;
	remember_seen(s, d.key);
	drv_say(drv(s), "Verdict withdrawn (the history keeps both)");
	return VIEW_DONE;
}

/* The fix: a labeler on the result, editable. */

static enum view_rc
fix_open(struct session *s)
{
	if (current(s) == NULL)
		return VIEW_DONE;
	s->mode = RV_FIX;
	s->fix_final = s->overlap;
	open_labeler(s, 1);
	drv_say(drv(s), "%s: edit, then %s stores it; %s leaves it as it was",
	    s->fix_final ? "Final answer" : "Fixing",
	    keymap_req_key(REQ_SUBMIT), "Esc");
	return VIEW_DONE;
}

static void
fix_close(struct session *s, const char *why)
{
	s->mode = RV_BROWSE;
	open_labeler(s, 0);
	if (why != NULL)
		drv_say(drv(s), "%s", why);
}

static enum view_rc
fix_store(struct session *s)
{
	json_t	*r = labeler_result(s->lb);
	char	 err[256], *text;
	enum view_rc rc;

	if (answer_check(s->o.cfg, r, &s->it.at, 0, err, sizeof err) == -1) {
		drv_alert(drv(s), "Not stored: %s", err);
		json_decref(r);
		return VIEW_DONE;
	}
	text = json_dumps(r, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(r);
	s->mode = RV_BROWSE;
	rc = s->fix_final ? settle(s, text) : give(s, VERDICT_FIX, NULL, text);
	free(text);
	if (s->mode == RV_BROWSE && s->have && s->lb != NULL &&
	    s->lb->readonly == NULL)
		open_labeler(s, 0);
	return rc;
}

static enum view_rc
fix_handle(struct session *s, enum lb_action a, int key)
{
	switch (a) {
	case LB_SUBMIT:
		return fix_store(s);
	case LB_PASS:
		if (keymap_request(KS_DRIVER, KEYS_ANY, key) == REQ_CANCEL) {
			fix_close(s, "Fix left: nothing stored");
			return VIEW_DONE;
		}
		return VIEW_PASS;
	default:
		return VIEW_DONE;
	}
}

/* An overlay's answer in the fix (the picker, a text's editor). */
static enum view_rc
fix_said(void *arg, enum lb_action a)
{
	struct session	*s = arg;

	if (s->mode != RV_FIX)
		return VIEW_DONE;
	return fix_handle(s, a, K_NONE);
}

/* Keys. */

static enum view_rc
go_back(struct session *s, int seen)
{
	int64_t	key;

	if (seen) {
		if (s->nseen == 0 || (s->have && s->at_seen == 0) ||
		    (!s->have && s->nseen == 0)) {
			drv_say(drv(s), "This is the first one of the session");
			return VIEW_DONE;
		}
		if (s->have)
			s->at_seen--;
		else
			s->at_seen = s->nseen - 1;
		key = s->seen[s->at_seen];
	} else {
		if (s->ndone == 0) {
			drv_say(drv(s), "No verdict yet in this session");
			return VIEW_DONE;
		}
		key = s->done[s->ndone - 1].key;
	}
	if (reopen(s, key) == -1)
		return VIEW_FAIL;
	if (!seen)
		remember_seen(s, key);
	return VIEW_DONE;
}

static enum view_rc
pass_over(struct session *s)
{
	/* n after p: on along the session's items first. */
	if (s->have && s->at_seen + 1 < s->nseen) {
		s->at_seen++;
		return reopen(s, s->seen[s->at_seen]) == -1 ? VIEW_FAIL :
		    VIEW_DONE;
	}
	if (s->have && s->last.annotation_id != 0) {
		review_item_release(&s->after);
		s->after = s->last;
		s->last = (struct review_item)REVIEW_ITEM_INIT;
		s->passed = 1;
	}
	return next_item(s) == -1 ? VIEW_FAIL : VIEW_DONE;
}

static enum view_rc
move_highlight(struct session *s, int by)
{
	if (s->it.n < 2)
		return VIEW_DONE;
	if (by > 0 && s->cur + 1 < s->it.n)
		s->cur++;
	else if (by < 0 && s->cur > 0)
		s->cur--;
	open_labeler(s, 0);
	return VIEW_DONE;
}

static enum view_rc
empty_key(struct session *s, enum request req)
{
	switch (req) {
	case REQ_BACK:
		return go_back(s, 0);
	case REQ_PREV_ITEM:
		return go_back(s, 1);
	case REQ_WITHDRAW:
		return withdraw(s);
	default:
		return VIEW_PASS;
	}
}

static enum view_rc
review_key(struct view *v, int key)
{
	struct session	*s = v->data;
	enum request	 req;
	enum lb_action	 a;

	if (s->mode == RV_FIX)
		return fix_handle(s, labeler_key(s->lb, key), key);
	req = keymap_request(KS_REVIEW, KEYS_ANY, key);
	if (!s->have) {
		if (keymap_request(KS_DRIVER, KEYS_ANY, key) == REQ_REDRAW) {
			s->passed = 0;
			if (next_item(s) == -1)
				return VIEW_FAIL;
			if (!s->have)
				drv_say(drv(s), "Looked again: still nothing to"
				    " review");
			return VIEW_DONE;
		}
		return empty_key(s, req);
	}
	switch (req) {
	case REQ_ACCEPT:
		return give(s, VERDICT_ACCEPT, NULL, NULL);
	case REQ_REJECT:
		return reject_open(s);
	case REQ_FIX:
		return fix_open(s);
	case REQ_COMMENT:
		return prompt_for(s, "comment: ", "Enter keeps it, Esc cancels",
		    comment_done, NULL);
	case REQ_FINAL:
		if (!s->overlap) {
			drv_say(drv(s), "One person labels each task here:"
			    " a accepts, r rejects, e fixes");
			return VIEW_DONE;
		}
		return settle(s, NULL);
	case REQ_VERSION_DOWN:
	case REQ_VERSION_UP:
		if (!s->overlap)
			break;
		return move_highlight(s, req == REQ_VERSION_DOWN ? 1 : -1);
	case REQ_NEXT_ITEM:
		return pass_over(s);
	case REQ_PREV_ITEM:
		return go_back(s, 1);
	case REQ_BACK:
		return go_back(s, 0);
	case REQ_WITHDRAW:
		return withdraw(s);
	default:
		break;
	}
	/* The read-only labeler: moving, scrolling, searching. */
	a = labeler_key(s->lb, key);
	return a == LB_PASS ? VIEW_PASS : VIEW_DONE;
}

/* Drawing. */

/* "3 s", "2 min", "1.5 h". */
static void
add_duration(struct buf *b, double sec)
{
	if (sec < 60)
		buf_printf(b, "%.0f s", sec);
	else if (sec < 3600)
		buf_printf(b, "%.1f min", sec / 60);
	else
		buf_printf(b, "%.1f h", sec / 3600);
}

/* "2026-12-02 03:04" of a stored time. */
static void
add_time(struct buf *b, const char *iso)
{
	char	t[17];

	if (iso == NULL) {
		buf_addstr(b, "?");
		return;
	}
	snprintf(t, sizeof t, "%s", iso);
	if (strlen(t) > 10 && t[10] == 'T')
		t[10] = ' ';
	escape_add(b, t, strlen(t), 0);
}

/* What one person's result says, in a line: the labels of each choice,
 * the spans as "text"=LABEL (a * on each that not every version has). */
static void
add_summary(struct buf *b, struct session *s, const struct rv_ann *a)
{
	const struct ans_value	*v, *o;
	const struct control	*c;
	size_t			 i, j, k, m, n = 0;
	int			 everyone;

	for (i = 0; i < a->ans->n; i++) {
		v = &a->ans->v[i];
		c = v->control;
		if (c->retired || ans_value_empty(v))
			continue;
		if (n++ > 0)
			buf_addstr(b, "; ");
		if (s->o.cfg->ncontrols > 1) {
			escape_add(b, c->name, strlen(c->name), 0);
			buf_addstr(b, ": ");
		}
		switch (c->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
			for (j = 0, m = 0; j < c->nlabels; j++)
				if (v->chosen[j]) {
					if (m++ > 0)
						buf_addstr(b, ", ");
					escape_add(b, c->labels[j].name,
					    strlen(c->labels[j].name), 0);
				}
			break;
		case CONTROL_RATING:
			buf_printf(b, "%d", v->rating);
			break;
		case CONTROL_TEXT:
			buf_addch(b, '"');
			escape_add(b, v->text, strlen(v->text), 0);
			buf_addch(b, '"');
			break;
		case CONTROL_SPANS:
			for (j = 0; j < v->nspans; j++) {
				size_t	bs, be;

				everyone = 1;
				for (k = 0; k < s->it.n && everyone; k++) {
					o = &s->it.v[k].ans->v[i];
					everyone = 0;
					for (m = 0; m < o->nspans; m++)
						if (o->spans[m].start ==
						    v->spans[j].start &&
						    o->spans[m].end ==
						    v->spans[j].end &&
						    o->spans[m].label ==
						    v->spans[j].label)
							everyone = 1;
				}
				if (j > 0)
					buf_addch(b, ' ');
				if (!everyone && s->it.n > 1)
					buf_addch(b, '*');
				bs = utf8_offset(s->it.at.text,
				    s->it.at.text_len, v->spans[j].start);
				be = utf8_offset(s->it.at.text,
				    s->it.at.text_len, v->spans[j].end);
				buf_addch(b, '"');
				escape_add(b, s->it.at.text + bs, be - bs, 0);
				buf_addstr(b, "\"=");
				escape_add(b, c->labels[v->spans[j].label].name,
				    strlen(c->labels[v->spans[j].label].name),
				    0);
			}
			break;
		default:
			buf_printf(b, "(%s)", control_kind_name(c->kind));
			break;
		}
	}
	if (n == 0)
		buf_addstr(b, "(nothing)");
}

/* Who made it, when, the lead time, suggestion, late. */
static void
add_about(struct buf *b, const struct rv_ann *a)
{
	buf_addstr(b, "by ");
	escape_add(b, a->a.user_name, strlen(a->a.user_name), 0);
	buf_addstr(b, ", ");
	add_time(b, a->a.submitted_at);
	buf_addstr(b, ", ");
	add_duration(b, a->a.lead_time);
	if (a->a.from_prediction)
		buf_addstr(b, ", from a suggestion");
	if (a->a.late)
		buf_addstr(b, ", late");
	buf_addstr(b, " [");
	buf_addstr(b, annotation_state_name(a->a.state));
	buf_addch(b, ']');
}

/* What a history row says: "accepted", "withdrew a verdict". */
static const char *
verdict_said(enum review_verdict v)
{
	switch (v) {
	case VERDICT_ACCEPT:	return "accepted";
	case VERDICT_REJECT:	return "rejected";
	case VERDICT_FIX:	return "fixed";
	case VERDICT_COMMENT:	return "commented";
	case VERDICT_REOPEN:	return "reopened";
	case VERDICT_WITHDRAW:	return "withdrew a verdict";
	}
	return "?";
}

static void
add_event(struct buf *b, const struct review_row *e)
{
	add_time(b, e->created_at);
	buf_addch(b, ' ');
	escape_add(b, e->reviewer, strlen(e->reviewer), 0);
	buf_addch(b, ' ');
	buf_addstr(b, verdict_said(e->verdict));
	if (e->withdrawn)
		buf_addstr(b, " (withdrawn)");
	if (e->comment != NULL && e->comment[0] != '\0') {
		buf_addstr(b, ": ");
		escape_add(b, e->comment, strlen(e->comment), 0);
	}
}

/* Rows the info block takes: the person (or one per person), a rule,
 * the history (at least a line saying there is none). */
static int
info_rows(struct session *s)
{
	const struct rv_ann	*a = current(s);
	int			 n, most = s->h > 0 ? s->h / 2 - 2 : 8;

	if (!s->have)
		return 0;
	n = s->overlap ? (int)s->it.n + 1 : 1;
	n += a != NULL && a->nev > 0 ? (int)a->nev : 1;
	if (s->overlap && s->it.final_set)
		n++;
	return n > most ? most : n;
}

static void
compose_info(struct session *s, struct screen *scr, int row, int bottom)
{
	const struct rv_ann	*a = current(s);
	struct buf		 b = BUF_INIT;
	size_t			 i, first = 0;
	int			 col, attr;

	if (a == NULL)
		return;
	if (!s->overlap) {
		add_about(&b, a);
		screen_put(scr, row++, 1, scr->w - 1, buf_str(&b), SA_BOLD, 0);
	} else {
		/* One line per person, the highlighted in reverse. */
		if (s->cur >= (size_t)(bottom - row - 2))
			first = s->cur - (size_t)(bottom - row - 2) + 1;
		for (i = first; i < s->it.n && row < bottom - 1; i++) {
			const struct rv_ann	*p = &s->it.v[i];

			buf_reset(&b);
			buf_printf(&b, "%s%-10s ", i == s->cur ? ">" : " ",
			    "");
			b.len = 1;
			escape_add(&b, p->a.user_name, strlen(p->a.user_name),
			    0);
			buf_printf(&b, " [%s] ", annotation_state_name(
			    p->a.state));
			add_summary(&b, s, p);
			buf_printf(&b, "  (%d of %zu)", p->same, s->it.n);
			attr = i == s->cur ? SA_REVERSE : 0;
			col = screen_put(scr, row, 0, scr->w - 1, buf_str(&b),
			    attr, 0);
			if (i == s->cur)
				screen_paint(scr, row, col, scr->w - 1, attr, 0);
			/* Their colour on the image. */
			if (s->others != NULL)
				screen_put(scr, row, scr->w - 3, scr->w - 1,
				    "  ", 0, person_colour(i));
			row++;
		}
		if (s->it.final_set && row < bottom) {
			buf_reset(&b);
			buf_addstr(&b, "Final answer settled by ");
			escape_add(&b, s->it.final.settled_by_name,
			    strlen(s->it.final.settled_by_name), 0);
			buf_addstr(&b, ", ");
			add_time(&b, s->it.final.created_at);
			screen_put(scr, row++, 1, scr->w - 1, buf_str(&b),
			    SA_BOLD, 0);
		}
		buf_reset(&b);
		add_about(&b, a);
		screen_put(scr, row++, 1, scr->w - 1, buf_str(&b), SA_DIM, 0);
	}
	if (a->nev == 0 && row < bottom)
		screen_put(scr, row++, 1, scr->w - 1, "No verdict or comment"
		    " yet", SA_DIM, 0);
	/* The newest last, as many as fit. */
	i = a->nev > (size_t)(bottom - row) ?
	    a->nev - (size_t)(bottom - row) : 0;
	for (; i < a->nev && row < bottom; i++) {
		buf_reset(&b);
		add_event(&b, &a->ev[i]);
		screen_put(scr, row++, 1, scr->w - 1, buf_str(&b), 0, 0);
	}
	buf_release(&b);
}

static void
compose_title(struct session *s, struct screen *scr)
{
	struct buf	 b = BUF_INIT;
	int		 end = scr->w - 12, col;

	buf_printf(&b, " %s" EM "review", s->o.p->name);
	if (s->have) {
		buf_printf(&b, EM "task %lld", (long long)s->it.t.id);
		if (s->it.t.ext_id != NULL)
			buf_printf(&b, " (%s)", s->it.t.ext_id);
		if (!s->overlap && current(s) != NULL)
			buf_printf(&b, EM "annotation %lld",
			    (long long)current(s)->a.id);
	}
	buf_printf(&b, EM "%lld to review" EM "%s", (long long)s->waiting,
	    s->o.user);
	col = screen_put(scr, 0, 0, end, buf_str(&b), 0, 0);
	if (s->mode == RV_FIX)
		screen_put(scr, 0, col + 1, end, s->fix_final ?
		    "[final answer]" : "[fixing]", SA_BOLD, 0);
	screen_put(scr, 0, scr->w - 11, scr->w, "? for help", 0, 0);
	screen_paint(scr, 0, 0, scr->w, SA_REVERSE, 0);
	buf_release(&b);
}

/* The keys of the moment, on the row above the status line. */
static void
compose_keys(struct session *s, struct screen *scr, int row)
{
	struct buf	 b = BUF_INIT;
	static const enum request browse[] = { REQ_ACCEPT, REQ_REJECT,
			    REQ_FIX, REQ_COMMENT, REQ_NEXT_ITEM, REQ_WITHDRAW };
	static const char *const what[] = { "accept", "reject", "fix",
			    "comment", "next", "undo" };
	size_t		 i;

	if (s->mode == RV_FIX)
		buf_printf(&b, "%s stores %s, Esc leaves it unchanged",
		    keymap_req_key(REQ_SUBMIT), s->fix_final ?
		    "the final answer" : "the fix");
	else if (s->have) {
		for (i = 0; i < sizeof browse / sizeof browse[0]; i++)
			buf_printf(&b, "%s%s %s", i > 0 ? "  " : "",
			    keymap_req_key(browse[i]), what[i]);
		if (s->overlap)
			buf_printf(&b, "  %s final", keymap_req_key(REQ_FINAL));
	}
	screen_put(scr, row, 1, scr->w - 1, buf_str(&b), SA_DIM, 0);
	buf_release(&b);
}

/* Rows: the title; the labeler; the person and the history; the keys. */
static void
review_compose(struct view *v, struct screen *scr, struct view_frame *f)
{
	struct session	*s = v->data;
	int		 rows;

	s->w = scr->w;
	s->h = scr->h;
	compose_title(s, scr);
	if (s->have && s->lb != NULL) {
		rows = labeler_rows(s, scr->h);
		labeler_compose(scr, s->lb, 1, rows, f);
		compose_info(s, scr, 1 + rows, scr->h - 2);
	} else if (s->message != NULL)
		screen_text_block(scr, 3, 2, scr->w - 2, scr->h - 3,
		    s->message);
	if (!s->have || s->lb == NULL) {
		f->prompt_row = scr->h - 2;
		f->prompt_end = scr->w - 1;
	}
	if (s->mode == RV_BROWSE && s->have) {
		/* A comment is typed on the keys' row. */
		f->prompt_row = scr->h - 2;
		f->prompt_end = scr->w - 1;
	}
	compose_keys(s, scr, scr->h - 2);
}

static int
review_open(struct view *v)
{
	struct session	*s = v->data;

	return next_item(s);
}

static int
review_groups(struct view *v)
{
	struct session	*s = v->data;

	return s->lb != NULL ? labeler_groups(s->lb) : KEYS_NOTHING;
}

static int
review_scopes_now(struct view *v)
{
	struct session	*s = v->data;

	return s->mode == RV_FIX ? KS_DRIVER | KS_LABELER : KS_REVIEWING;
}

static void
review_resize(struct view *v, int w, int h)
{
	struct session	*s = v->data;

	s->w = w;
	s->h = h;
	layout(s);
}

static void
review_help(struct view *v, struct buf *b)
{
	struct session	*s = v->data;

	if (s->mode == RV_FIX && s->lb != NULL) {
		buf_addstr(b, s->fix_final ? "The final answer: " : "A fix: ");
		buf_printf(b, "%s stores it, Esc leaves it unchanged\n\n",
		    keymap_req_key(REQ_SUBMIT));
		labeler_help(s->lb, b);
	} else if (s->overlap)
		buf_addstr(b, "Each person's result is a line; the most common"
		    " version first.\na and r judge the highlighted one, Enter"
		    " makes it the final answer.\n\n");
}

static const char *
review_instructions(struct view *v)
{
	struct session	*s = v->data;

	return s->instructions;
}

static const char *
review_status(struct view *v)
{
	struct session	*s = v->data;

	return s->lb != NULL ? labeler_status(s->lb) : "";
}

static void
review_done(struct view *v)
{
	struct session	*s = v->data;

	release_item(s);
}

static const struct view_ops review_ops = {
	.name = "review",
	.scopes = KS_DRIVER | KS_REVIEW,
	.open = review_open,
	.groups = review_groups,
	.key = review_key,
	.resize = review_resize,
	.compose = review_compose,
	.help = review_help,
	.instructions = review_instructions,
	.status = review_status,
	.scopes_now = review_scopes_now,
	.done = review_done,
};

struct view *
review_view_new(const struct review_view_opts *o)
{
	struct session	*s = xcalloc(1, sizeof *s);

	s->o = *o;
	s->it.t = (struct task)TASK_INIT;
	s->after = (struct review_item)REVIEW_ITEM_INIT;
	s->last = (struct review_item)REVIEW_ITEM_INIT;
	s->overlap = o->p->overlap > 1;
	s->view.ops = &review_ops;
	s->view.data = s;
	if (o->cfg->instructions != NULL && o->cfg->instructions[0] != '\0')
		s->instructions = xstrdup(o->cfg->instructions);
	return &s->view;
}

void
review_view_free(struct view *v)
{
	struct session	*s;

	if (v == NULL)
		return;
	s = v->data;
	labeler_free(s->lb);
	free(s->others);
	item_release(&s->it);
	free(s->message);
	free(s->instructions);
	free(s->seen);
	free(s->done);
	review_item_release(&s->after);
	review_item_release(&s->last);
	free(s);
}

void
review_view_summary(const struct view *v, struct review_summary *sum)
{
	const struct session	*s = v->data;

	*sum = s->sum;
	sum->item = s->have ? s->it.key : 0;
	sum->by_task = s->overlap;
}
