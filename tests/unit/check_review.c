/* Unit tests for review: the state machine's review acts
 * (model/state.c), the policy's sampling (model/review.c, and its SQL
 * twin), the versions' ranking with overlap (model/review.c), and
 * src/store/review.c: the queue's order and filters, one's own left out,
 * leases (two reviewers never get one item, kept across a verdict where
 * the screen stays), verdicts as history in order, withdrawal, reopen,
 * final answers and the counts. */
#include <check.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>

#include "fixture.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/review.h"
#include "model/state.h"
#include "store/annotation.h"
#include "store/assign.h"
#include "store/project.h"
#include "store/review.h"
#include "store/store.h"
#include "store/task.h"

#define RESULT_POS	"{\"label\": [\"positive\"]}"
#define RESULT_NEG	"{\"label\": [\"negative\"]}"

static int64_t	 proj, ua, ub, rv, rw;

static int64_t
raw_int(const char *fmt, ...)
{
	va_list	 ap;
	char	*sql;
	int64_t	 v;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&sql, fmt, ap), 0);
	va_end(ap);
	v = fx_int(sql);
	free(sql);
	return v;
}

static int64_t
add_user(const char *name, enum role role)
{
	struct user	u = USER_INIT;
	int64_t		id;

	u.name = xstrdup(name);
	u.role = role;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	id = u.id;
	user_release(&u);
	return id;
}

static int64_t
add_task(int64_t project, const char *text)
{
	struct task	t = TASK_INIT;

	t.project_id = project;
	t.kind = (char *)"text";
	t.text = (char *)text;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_task_add(fx_st, &t), 0);
	ck_assert_int_eq(store_project_recount(fx_st, project), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	return t.id;
}

/* user's submitted annotation of a new task, submitted at time; its id. */
static int64_t
submitted(int64_t user, const char *result, const char *at)
{
	int64_t	 task = add_task(proj, at);
	char	*sql;

	ck_assert_int_ge(store_annotation_submit(fx_st, task, user, 0, result,
	    0, 1), 0);
	sql = xasprintf("UPDATE annotation SET submitted_at = '%s'"
	    " WHERE task_id = %lld", at, (long long)task);
	fx_exec(sql);
	free(sql);
	return raw_int("SELECT id FROM annotation WHERE task_id = %lld",
	    (long long)task);
}

/* The id of user's next task, 0 when none is left. */
static int64_t
next(int64_t user)
{
	return fx_next(proj, user);
}

static struct actor
as(int64_t user)
{
	struct actor	a = { user, user };

	return a;
}

static void
setup(void)
{
	fx_setup();
	proj = fx_add_project("p", 1);
	ua = add_user("ua", ROLE_ANNOTATOR);
	ub = add_user("ub", ROLE_ANNOTATOR);
	rv = add_user("rv", ROLE_REVIEWER);
	rw = add_user("rw", ROLE_REVIEWER);
}

/* The project's counters agree with a count of the rows. */
static void
check_counts(void)
{
	struct review_counts	n;

	ck_assert_int_eq(store_review_counts(fx_st, proj, &n), 0);
	ck_assert_int_eq(n.to_review, raw_int("SELECT count(*) FROM"
	    " annotation WHERE state = 'submitted' AND sampled"));
	ck_assert_int_eq(n.accepted, raw_int("SELECT count(*) FROM annotation"
	    " WHERE state = 'accepted'"));
	ck_assert_int_eq(n.rejected, raw_int("SELECT count(*) FROM annotation"
	    " WHERE state = 'rejected'"));
	ck_assert_int_eq(n.fixed, raw_int("SELECT count(*) FROM annotation"
	    " WHERE state = 'fixed'"));
}

START_TEST(test_machine)
{
	/* Verdicts only on submitted work; reopen only on reviewed. */
	ck_assert_int_eq(annotation_next(ANN_SUBMITTED, ANN_ACCEPT),
	    ANN_ACCEPTED);
	ck_assert_int_eq(annotation_next(ANN_SUBMITTED, ANN_REJECT),
	    ANN_REJECTED);
	ck_assert_int_eq(annotation_next(ANN_SUBMITTED, ANN_FIX), ANN_FIXED);
	ck_assert_int_eq(annotation_next(ANN_ACCEPTED, ANN_ACCEPT), ANN_NONE);
	ck_assert_int_eq(annotation_next(ANN_DRAFT, ANN_ACCEPT), ANN_NONE);
	ck_assert_int_eq(annotation_next(ANN_SKIPPED, ANN_REJECT), ANN_NONE);
	ck_assert_int_eq(annotation_next(ANN_REJECTED, ANN_FIX), ANN_NONE);
	ck_assert_int_eq(annotation_next(ANN_FIXED, ANN_REOPEN),
	    ANN_SUBMITTED);
	ck_assert_int_eq(annotation_next(ANN_REJECTED, ANN_REOPEN),
	    ANN_SUBMITTED);
	ck_assert_int_eq(annotation_next(ANN_SUBMITTED, ANN_REOPEN), ANN_NONE);
	/* The annotator: a rejected one is theirs again, accepted and fixed
	 * are not. */
	ck_assert_int_eq(annotation_next(ANN_REJECTED, ANN_SAVE),
	    ANN_REJECTED);
	ck_assert_int_eq(annotation_next(ANN_REJECTED, ANN_SUBMIT),
	    ANN_SUBMITTED);
	ck_assert_int_eq(annotation_next(ANN_FIXED, ANN_SAVE), ANN_NONE);
	ck_assert_int_eq(annotation_next(ANN_ACCEPTED, ANN_SUBMIT), ANN_NONE);
	ck_assert(annotation_state_counts(ANN_FIXED));
	ck_assert(annotation_state_reviewed(ANN_FIXED));
	ck_assert(!annotation_state_reviewed(ANN_REJECTED));
	ck_assert(annotation_act_is_review(ANN_FIX));
	ck_assert(!annotation_act_is_review(ANN_SUBMIT));
}
END_TEST

START_TEST(test_policy)
{
	struct review_policy	p = REVIEW_POLICY_INIT;
	char			buf[32];
	int			i, n = 0, again = 0;

	ck_assert_int_eq(review_policy_parse("sample:10", &p), 0);
	ck_assert_int_eq(p.sample, 10);
	ck_assert_str_eq(review_policy_text(&p, buf, sizeof buf),
	    "sample:10");
	ck_assert_int_eq(review_policy_parse("sample:0", &p), -1);
	ck_assert_int_eq(review_policy_parse("sample:101", &p), -1);
	ck_assert_int_eq(review_policy_parse("sample:5x", &p), -1);
	ck_assert_int_eq(review_policy_parse("most", &p), -1);
	ck_assert_int_eq(review_policy_parse("all", &p), 0);
	ck_assert(review_sampled(&p, 12345));
	ck_assert_int_eq(review_policy_parse("sample:10", &p), 0);
	for (i = 1; i <= 10000; i++) {
		n += review_sampled(&p, i);
		again += review_sampled(&p, i);
	}
	/* About a tenth, and the same each time. */
	ck_assert_int_gt(n, 800);
	ck_assert_int_lt(n, 1200);
	ck_assert_int_eq(again, n);
}
END_TEST

/* The store samples at submission as the model says. */
START_TEST(test_sampled_at_submission)
{
	struct review_policy	p = REVIEW_POLICY_INIT;
	struct actor		a = as(1);
	int64_t			id;
	int			i;

	ck_assert_int_eq(review_policy_parse("sample:30", &p), 0);
	ck_assert_int_eq(store_review_policy_set(fx_st, &a, proj, &p), 1);
	ck_assert_int_eq(store_review_policy_set(fx_st, &a, proj, &p), 0);
	for (i = 0; i < 40; i++) {
		id = submitted(i % 2 ? ua : ub, RESULT_POS, "2026-06-01T00:00:00Z");
		ck_assert_int_eq(raw_int("SELECT sampled FROM annotation"
		    " WHERE id = %lld", (long long)id), review_sampled(&p, id));
	}
	check_counts();
}
END_TEST

struct ids {
	int64_t	 id[16];
	int	 n;
};

static int
collect(const struct review_item *it, void *arg)
{
	struct ids	*k = arg;

	if (k->n < 16)
		k->id[k->n++] = it->annotation_id;
	return 0;
}

START_TEST(test_queue_order)
{
	struct review_query	q = REVIEW_QUERY_INIT;
	struct ids		k = { { 0 }, 0 }, r1 = { { 0 }, 0 },
				r2 = { { 0 }, 0 };
	int64_t			a1, a2, a3, a4;

	a1 = submitted(ua, RESULT_POS, "2026-06-01T03:00:00Z");
	a2 = submitted(ub, RESULT_NEG, "2026-06-01T01:00:00Z");
	a3 = submitted(rv, RESULT_POS, "2026-06-01T02:00:00Z");
	a4 = submitted(ua, RESULT_NEG, "2026-06-01T00:00:00Z");
	q.project_id = proj;
	q.reviewer_id = rv;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	/* Oldest first, rv's own left out. */
	ck_assert_int_eq(k.n, 3);
	ck_assert_int_eq(k.id[0], a4);
	ck_assert_int_eq(k.id[1], a2);
	ck_assert_int_eq(k.id[2], a1);
	k.n = 0;
	q.order = REVIEW_BY_USER;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 3);
	ck_assert_int_eq(k.id[0], ua < ub ? a4 : a2);
	k.n = 0;
	q.order = REVIEW_OLDEST;
	q.user_id = ua;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 2);
	ck_assert_int_eq(k.id[0], a4);
	ck_assert_int_eq(k.id[1], a1);
	k.n = 0;
	q.user_id = 0;
	q.since = "2026-06-01T02:00:00Z";
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 1);
	ck_assert_int_eq(k.id[0], a1);
	k.n = 0;
	q.since = NULL;
	q.label = "negative";
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 2);
	q.label = NULL;
	/* Random: a seed's order is the same each time. */
	q.order = REVIEW_RANDOM;
	q.seed = 42;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &r1), 0);
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &r2), 0);
	ck_assert_int_eq(r1.n, 3);
	ck_assert_mem_eq(r1.id, r2.id, sizeof r1.id);
	(void)a3;
}
END_TEST

/* Two reviewers asking at once get different items; next goes on after
 * the item given. */
START_TEST(test_leases)
{
	struct review_query	q = REVIEW_QUERY_INIT, q2;
	struct review_item	it = REVIEW_ITEM_INIT, it2 = REVIEW_ITEM_INIT,
				it3 = REVIEW_ITEM_INIT;

	submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	submitted(ub, RESULT_POS, "2026-06-01T01:00:00Z");
	q.project_id = proj;
	q.reviewer_id = rv;
	q2 = q;
	q2.reviewer_id = rw;
	ck_assert_int_eq(store_review_next(fx_st, &q, NULL, 60, &it), 1);
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 1);
	ck_assert_int_ne(it.task_id, it2.task_id);
	/* rw holds the second: rv has nothing after the first. */
	ck_assert_int_eq(store_review_next(fx_st, &q, &it, 60, &it3), 0);
	/* rw quits: the second is free for rv. */
	ck_assert_int_eq(store_review_release(fx_st, rw), 0);
	ck_assert_int_eq(store_review_next(fx_st, &q, &it, 60, &it3), 1);
	ck_assert_int_eq(it3.task_id, it2.task_id);
	/* An expired lease is no hold. */
	fx_exec("UPDATE review_lease SET expires_at = 0");
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 1);
	ck_assert_int_eq(it2.task_id, it.task_id);
	review_item_release(&it);
	review_item_release(&it2);
	review_item_release(&it3);
}
END_TEST

static int
count_rows(const struct review_row *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

START_TEST(test_verdicts)
{
	struct actor		 a = as(rv), own = as(ua);
	struct review_annotation ra;
	struct review_row	 r;
	int64_t			 id, id2, rid;
	int			 n = 0;

	memset(&ra, 0, sizeof ra);
	memset(&r, 0, sizeof r);
	id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	id2 = submitted(ub, RESULT_POS, "2026-06-01T00:00:00Z");
	check_counts();
	/* Refusals change nothing. */
	ck_assert_int_eq(store_review_act(fx_st, &own, id, VERDICT_ACCEPT,
	    NULL, NULL, NULL), -1);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT,
	    "", NULL, NULL), -1);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_FIX, NULL,
	    NULL, NULL), -1);
	ck_assert_int_eq(store_review_act(fx_st, &a, 999, VERDICT_ACCEPT,
	    NULL, NULL, NULL), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM review"), 0);
	/* All or none. */
	ck_assert_int_eq(store_review_act_all(fx_st, &a, (int64_t[]){ id2,
	    999 }, 2, VERDICT_ACCEPT, NULL), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"
	    " WHERE state = 'submitted'"), 2);
	/* Reject, then undo: back to submitted, both rows kept. */
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT,
	    "wrong", NULL, &rid), 0);
	check_counts();
	ck_assert_int_eq(store_review_withdraw(fx_st, &own, rid), -1);
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, rid), 0);
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, rid), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"
	    " WHERE id = %lld AND state = 'submitted'", (long long)id), 1);
	check_counts();
	/* Fix: the fix in force is the result beside the original. */
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_FIX, "neg",
	    RESULT_NEG, NULL), 0);
	ck_assert_int_eq(store_review_annotation(fx_st, id, &ra), 1);
	ck_assert_int_eq(ra.state, ANN_FIXED);
	ck_assert_str_eq(ra.result, RESULT_POS);
	ck_assert_str_eq(ra.fixed, RESULT_NEG);
	ck_assert_int_eq(store_review_last(fx_st, id, &r), 1);
	ck_assert_int_eq(r.verdict, VERDICT_FIX);
	/* The annotator may no longer change it. */
	ck_assert_int_eq(store_annotation_submit(fx_st, ra.task_id, ua, 0,
	    RESULT_POS, 0, 0), -1);
	/* A second verdict needs reopening first. */
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_ACCEPT, NULL,
	    NULL, NULL), -1);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REOPEN, NULL,
	    NULL, NULL), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_COMMENT,
	    "fine", NULL, NULL), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_ACCEPT, NULL,
	    NULL, NULL), 0);
	check_counts();
	ck_assert_int_eq(store_review_history(fx_st, id, count_rows, &n), 0);
	ck_assert_int_eq(n, 6);
	/* Each verdict was audited with the project's name. */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE action"
	    " LIKE 'review %%' AND object = 'p'"), 6);
	review_annotation_release(&ra);
	review_row_release(&r);
}
END_TEST

/* A rejected annotation goes back to its person: resubmitting it sends it
 * back to the queue. */
START_TEST(test_reject_loop)
{
	struct actor		a = as(rv);
	struct review_query	q = REVIEW_QUERY_INIT;
	struct ids		k = { { 0 }, 0 };
	int64_t			id, task;

	id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	task = raw_int("SELECT task_id FROM annotation WHERE id = %lld",
	    (long long)id);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT,
	    "again", NULL, NULL), 0);
	q.project_id = proj;
	q.reviewer_id = rv;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 0);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, task, ua, 0,
	    RESULT_NEG, 0, 60), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"
	    " WHERE state = 'rejected'"), 1);
	ck_assert_int_eq(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_NEG, 0, 1), 0);
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 1);
	ck_assert_int_eq(k.id[0], id);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)task), 1);
	check_counts();
}
END_TEST

START_TEST(test_final)
{
	struct actor		a = as(rv);
	struct review_final	f;
	int64_t			id, other, task;

	memset(&f, 0, sizeof f);
	id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	other = submitted(ub, RESULT_POS, "2026-06-01T00:00:00Z");
	task = raw_int("SELECT task_id FROM annotation WHERE id = %lld",
	    (long long)id);
	ck_assert_int_eq(store_review_final_get(fx_st, task, &f), 0);
	ck_assert_int_eq(store_review_final(fx_st, &a, task, other, NULL), -1);
	ck_assert_int_eq(store_review_final(fx_st, &a, 999, 0, RESULT_POS),
	    -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM final_answer"), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_FIX, NULL,
	    RESULT_NEG, NULL), 0);
	ck_assert_int_eq(store_review_final(fx_st, &a, task, id, NULL), 0);
	ck_assert_int_eq(store_review_final_get(fx_st, task, &f), 1);
	ck_assert_str_eq(f.result, RESULT_NEG);
	ck_assert_int_eq(f.from_annotation, id);
	ck_assert_int_eq(f.settled_by, rv);
	/* A later one holds; the earlier stays as history. */
	ck_assert_int_eq(store_review_final(fx_st, &a, task, 0, RESULT_POS),
	    0);
	ck_assert_int_eq(store_review_final_get(fx_st, task, &f), 1);
	ck_assert_str_eq(f.result, RESULT_POS);
	ck_assert_int_eq(f.from_annotation, 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM final_answer"), 2);
	review_final_release(&f);
}
END_TEST

/* Overlap above 1: one item per task. */
START_TEST(test_by_task)
{
	struct review_query	q = REVIEW_QUERY_INIT;
	struct ids		k = { { 0 }, 0 };
	int64_t			task = add_task(proj, "shared");

	ck_assert_int_ge(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_POS, 0, 1), 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ub, 0,
	    RESULT_NEG, 0, 1), 0);
	submitted(ua, RESULT_POS, "2026-06-02T00:00:00Z");
	q.project_id = proj;
	q.reviewer_id = rv;
	q.by_task = 1;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 2);
}
END_TEST

/* Under a policy, each submission adds one to the project's reviewers'
 * one waiting notification; none is written where review is optional. */
START_TEST(test_waiting_batched)
{
	struct review_policy	p = REVIEW_POLICY_INIT;
	struct actor		a = as(1);

	submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM notification"), 0);
	ck_assert_int_eq(review_policy_parse("all", &p), 0);
	ck_assert_int_eq(store_review_policy_set(fx_st, &a, proj, &p), 1);
	submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	submitted(ub, RESULT_POS, "2026-06-01T00:00:00Z");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM notification"
	    " WHERE user_id = %lld AND kind = 'review_waiting'",
	    (long long)rv), 1);
	ck_assert_int_eq(raw_int("SELECT count FROM notification"
	    " WHERE user_id = %lld AND kind = 'review_waiting'",
	    (long long)rv), 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM notification"
	    " WHERE user_id IN (%lld, %lld)", (long long)ua, (long long)ub),
	    0);
}
END_TEST


/* The done rule (model/review.c): the overlap, then the policy's
 * verdicts, then a required final answer above overlap 1. */
START_TEST(test_done_rule)
{
	struct review_policy	p = REVIEW_POLICY_INIT;

	ck_assert(!review_task_done(&p, 2, 0, 1, 0, 0));
	ck_assert(review_task_done(&p, 2, 0, 2, 0, 0));
	/* No policy: a verdict waiting does not hold the task. */
	ck_assert(review_task_done(&p, 2, 0, 2, 1, 0));
	p.sample = 100;
	ck_assert(!review_task_done(&p, 2, 0, 2, 1, 0));
	ck_assert(review_task_done(&p, 2, 0, 3, 0, 0));
	p.sample = 20;
	ck_assert(!review_task_done(&p, 1, 0, 1, 1, 0));
	p.final_required = 1;
	ck_assert(!review_task_done(&p, 2, 0, 2, 0, 0));
	ck_assert(review_task_done(&p, 2, 0, 2, 0, 1));
	/* Overlap 1 needs no final answer. */
	ck_assert(review_task_done(&p, 1, 0, 1, 0, 0));
	/* A task that asked for more annotators waits for them. */
	ck_assert(!review_task_done(&p, 2, 3, 2, 0, 1));
	ck_assert(review_task_done(&p, 2, 3, 3, 0, 1));
	ck_assert_int_eq(review_on_reject_read("remove", &p), 0);
	ck_assert(p.on_reject_remove);
	ck_assert_str_eq(review_on_reject_text(&p), "remove");
	ck_assert_int_eq(review_on_reject_read("return", &p), -1);
	ck_assert_int_eq(review_final_read("optional", &p), 0);
	ck_assert(!p.final_required);
	ck_assert_int_eq(review_final_read("yes", &p), -1);
}
END_TEST

/* Each task's done-ness by the model's rule over the rows, summed, is
 * the project's done_count, and each task's submitted the count of its
 * annotations that count (not removed). */
static void
check_done(void)
{
	struct review_policy	 pol;
	sqlite3_stmt		*stmt;
	int64_t			 done = 0;
	int			 overlap;

	ck_assert_int_eq(store_review_policy_get(fx_st, proj, &pol), 0);
	overlap = (int)raw_int("SELECT overlap FROM project WHERE id = %lld",
	    (long long)proj);
	ck_assert_int_eq(sqlite3_prepare_v2(fx_st->db, "SELECT t.submitted,"
	    " (SELECT count(*) FROM annotation a WHERE a.task_id = t.id"
	    "   AND a.removed = 0 AND a.state IN ('submitted','accepted',"
	    "   'rejected','fixed')),"
	    " (SELECT count(*) FROM annotation a WHERE a.task_id = t.id"
	    "   AND a.removed = 0 AND a.sampled AND a.state IN ('submitted',"
	    "   'rejected')),"
	    " EXISTS (SELECT 1 FROM final_answer f WHERE f.task_id = t.id),"
	    " t.wanted FROM task t WHERE t.project_id = ?", -1, &stmt, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(stmt, 1, proj);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ck_assert_int_eq(sqlite3_column_int64(stmt, 0),
		    sqlite3_column_int64(stmt, 1));
		done += review_task_done(&pol, overlap,
		    sqlite3_column_int(stmt, 4), sqlite3_column_int64(stmt, 0),
		    sqlite3_column_int64(stmt, 2), sqlite3_column_int(stmt, 3));
	}
	sqlite3_finalize(stmt);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project WHERE"
	    " id = %lld", (long long)proj), done);
	check_counts();
}

static void
set_policy(const char *review, int remove, int final, int comment)
{
	struct review_policy	p = REVIEW_POLICY_INIT;
	struct actor		a = as(1);

	ck_assert_int_eq(review_policy_parse(review, &p), 0);
	p.on_reject_remove = remove;
	p.final_required = final;
	p.comment_required = comment;
	ck_assert_int_ge(store_review_policy_set(fx_st, &a, proj, &p), 0);
}

/* Under a policy a task is done when its sampled annotations are
 * accepted or fixed; a reopen or a rejection undoes it; a withdrawal
 * puts back what the verdict found. */
START_TEST(test_done_under_policy)
{
	struct actor	a = as(rv);
	int64_t		id, rev;

	set_policy("all", 0, 0, 1);
	id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	check_done();
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_ACCEPT, NULL,
	    NULL, &rev), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	check_done();
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, rev), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	check_done();
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, "no",
	    NULL, NULL), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	check_done();
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REOPEN, NULL,
	    NULL, NULL), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_FIX, NULL,
	    RESULT_NEG, NULL), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	check_done();
	/* Back to no policy: done by the overlap alone, counted again in
	 * the policy's transaction. */
	submitted(ub, RESULT_POS, "2026-06-02T00:00:00Z");
	check_done();
	set_policy("none", 0, 0, 1);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 2);
	check_done();
	set_policy("sample:50", 0, 0, 1);
	check_done();
}
END_TEST

/* final: required: a task with overlap 2 is done once its final answer
 * is settled, not before. */
START_TEST(test_done_final_required)
{
	struct actor	a = as(rv);
	int64_t		task = add_task(proj, "two");

	fx_exec("UPDATE project SET overlap = 2");
	set_policy("none", 0, 1, 1);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_POS, 0, 1), 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ub, 0,
	    RESULT_NEG, 0, 1), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	check_done();
	ck_assert_int_eq(store_review_final(fx_st, &a, task, 0, RESULT_POS),
	    0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	check_done();
	set_policy("none", 0, 0, 1);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	check_done();
}
END_TEST

/* on_reject: remove: the rejected annotation stays rejected but counts
 * toward no overlap (its person's count too) and leaves its person's
 * queue, so the task goes to a third person; a withdrawal puts it back. */
START_TEST(test_on_reject_remove)
{
	struct actor	a = as(rv);
	int64_t		task = add_task(proj, "two"), uc, id, rev;

	uc = add_user("uc", ROLE_ANNOTATOR);
	fx_exec("UPDATE project SET overlap = 2");
	set_policy("all", 1, 0, 1);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_POS, 0, 1), 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ub, 0,
	    RESULT_NEG, 0, 1), 0);
	ck_assert_int_eq(next(uc), 0);
	id = raw_int("SELECT id FROM annotation WHERE user_id = %lld",
	    (long long)ua);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, "no",
	    NULL, &rev), 0);
	ck_assert_int_eq(raw_int("SELECT state = 'rejected' AND removed FROM"
	    " annotation WHERE id = %lld", (long long)id), 1);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)task), 1);
	ck_assert_int_eq(raw_int("SELECT submitted FROM annotator WHERE"
	    " user_id = %lld", (long long)ua), 0);
	check_done();
	/* Not back to its person; to a third. */
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(next(uc), task);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, task, ua, 0,
	    RESULT_NEG, 0, 60), -1);
	ck_assert_int_eq(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_NEG, 0, 1), -1);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)task), 1);
	/* The withdrawal counts it again. */
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, rev), 0);
	ck_assert_int_eq(raw_int("SELECT removed FROM annotation WHERE"
	    " id = %lld", (long long)id), 0);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)task), 2);
	check_done();
	/* Under requeue a rejection counts and goes back to its person. */
	set_policy("all", 0, 0, 1);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, "no",
	    NULL, NULL), 0);
	ck_assert_int_eq(raw_int("SELECT removed FROM annotation WHERE"
	    " id = %lld", (long long)id), 0);
	ck_assert_int_eq(next(ua), task);
	check_done();
}
END_TEST

/* A project may let a rejection go without a comment. */
START_TEST(test_comment_optional)
{
	struct actor	a = as(rv);
	int64_t		id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");

	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, NULL,
	    NULL, NULL), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM review"), 0);
	set_policy("none", 0, 0, 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, NULL,
	    NULL, NULL), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM review WHERE"
	    " verdict = 'reject'"), 1);
	/* A comment without a verdict still needs its text. */
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_COMMENT, NULL,
	    NULL, NULL), -1);
}
END_TEST

/* The verdicts' history in the order given, a withdrawal naming what it
 * undoes; what may not be withdrawn is refused with nothing changed. */
struct verdicts {
	enum review_verdict	 v[16];
	int64_t			 id[16], withdraws[16];
	int			 withdrawn[16];
	int			 n;
};

static int
collect_verdict(const struct review_row *r, void *arg)
{
	struct verdicts	*k = arg;

	if (k->n < 16) {
		k->v[k->n] = r->verdict;
		k->id[k->n] = r->id;
		k->withdraws[k->n] = r->withdraws;
		k->withdrawn[k->n] = r->withdrawn;
		k->n++;
	}
	return 0;
}

START_TEST(test_history_order)
{
	struct actor		a = as(rv), other = as(rw);
	struct verdicts		k;
	struct review_row	r;
	int64_t			id, task, r1, r3, r4, rows;

	memset(&k, 0, sizeof k);
	memset(&r, 0, sizeof r);
	id = submitted(ua, RESULT_POS, "2026-06-01T00:00:00Z");
	task = raw_int("SELECT task_id FROM annotation WHERE id = %lld",
	    (long long)id);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_ACCEPT, NULL,
	    NULL, &r1), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REOPEN, NULL,
	    NULL, NULL), 0);
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT, "no",
	    NULL, &r3), 0);
	/* u: the rejection withdrawn, the state it found put back. */
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, r3), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation WHERE"
	    " id = %lld AND state = 'submitted'", (long long)id), 1);
	r4 = raw_int("SELECT max(id) FROM review");
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_COMMENT,
	    "look", NULL, NULL), 0);
	ck_assert_int_eq(store_review_history(fx_st, id, collect_verdict, &k),
	    0);
	ck_assert_int_eq(k.n, 5);
	ck_assert_int_eq(k.v[0], VERDICT_ACCEPT);
	ck_assert_int_eq(k.v[1], VERDICT_REOPEN);
	ck_assert_int_eq(k.v[2], VERDICT_REJECT);
	ck_assert_int_eq(k.v[3], VERDICT_WITHDRAW);
	ck_assert_int_eq(k.v[4], VERDICT_COMMENT);
	ck_assert(k.id[0] < k.id[1] && k.id[1] < k.id[2] &&
	    k.id[2] < k.id[3] && k.id[3] < k.id[4]);
	ck_assert_int_eq(k.withdraws[3], r3);
	ck_assert(k.withdrawn[2]);
	ck_assert(!k.withdrawn[0] && !k.withdrawn[1] && !k.withdrawn[3]);
	/* The verdict in force: the reopen (the rejection withdrawn, a
	 * comment no verdict). */
	ck_assert_int_eq(store_review_last(fx_st, id, &r), 1);
	ck_assert_int_eq(r.verdict, VERDICT_REOPEN);
	rows = raw_int("SELECT count(*) FROM review");
	/* Refused: a withdrawal withdrawn, one withdrawn twice, another
	 * reviewer's, and one the annotation has moved on from (accepted,
	 * then reopened: it is not the state the accept left). */
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, r4), -1);
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, r3), -1);
	ck_assert_int_eq(store_review_withdraw(fx_st, &other, r1), -1);
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, r1), -1);
	/* Rejected, then resubmitted by its annotator: too late to undo. */
	ck_assert_int_eq(store_review_act(fx_st, &a, id, VERDICT_REJECT,
	    "again", NULL, &r3), 0);
	ck_assert_int_eq(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_NEG, 0, 1), 0);
	rows += 1;
	ck_assert_int_eq(store_review_withdraw(fx_st, &a, r3), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM review"), rows);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation WHERE"
	    " id = %lld AND state = 'submitted'", (long long)id), 1);
	check_counts();
	review_row_release(&r);
}
END_TEST

/* The screen's verdict where it stays on the item keeps the lease in the
 * verdict's unit; a verdict alone gives it up, the gap a second reviewer
 * could take the item in. */
START_TEST(test_lease_kept)
{
	struct actor		a = as(rv);
	struct review_query	q = REVIEW_QUERY_INIT, q2;
	struct review_item	it = REVIEW_ITEM_INIT, it2 = REVIEW_ITEM_INIT;
	int64_t			task = add_task(proj, "both"), x, y, rid;

	ck_assert_int_ge(store_annotation_submit(fx_st, task, ua, 0,
	    RESULT_POS, 0, 1), 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, task, ub, 0,
	    RESULT_NEG, 0, 1), 0);
	x = raw_int("SELECT id FROM annotation WHERE user_id = %lld",
	    (long long)ua);
	y = raw_int("SELECT id FROM annotation WHERE user_id = %lld",
	    (long long)ub);
	q.project_id = proj;
	q.reviewer_id = rv;
	q.by_task = 1;
	q2 = q;
	q2.reviewer_id = rw;
	ck_assert_int_eq(store_review_next(fx_st, &q, NULL, 60, &it), 1);
	ck_assert_int_eq(it.task_id, task);
	/* A verdict on one person's result, the task kept: rw gets none. */
	ck_assert_int_eq(store_review_act_keep(fx_st, &a, x, VERDICT_ACCEPT,
	    NULL, NULL, 60, &rid), 1);
	ck_assert_int_eq(raw_int("SELECT user_id FROM review_lease WHERE"
	    " task_id = %lld", (long long)task), rv);
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 0);
	/* A comment, kept too. */
	ck_assert_int_eq(store_review_act_keep(fx_st, &a, y, VERDICT_COMMENT,
	    "hm", NULL, 60, NULL), 1);
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 0);
	/* u: withdrawn and kept. */
	ck_assert_int_eq(store_review_withdraw_keep(fx_st, &a, rid, 60), 1);
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 0);
	/* A verdict alone gives the lease up: then rw takes the task. */
	ck_assert_int_eq(store_review_act(fx_st, &a, x, VERDICT_ACCEPT, NULL,
	    NULL, &rid), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM review_lease WHERE"
	    " user_id = %lld", (long long)rv), 0);
	ck_assert_int_eq(store_review_next(fx_st, &q2, NULL, 60, &it2), 1);
	ck_assert_int_eq(it2.task_id, task);
	/* Now rw holds it: rv's verdict is stored, the lease is rw's (0). */
	ck_assert_int_eq(store_review_withdraw_keep(fx_st, &a, rid, 60), 0);
	ck_assert_int_eq(raw_int("SELECT user_id FROM review_lease WHERE"
	    " task_id = %lld", (long long)task), rw);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation WHERE"
	    " id = %lld AND state = 'submitted'", (long long)x), 1);
	/* A refused verdict keeps nothing and changes nothing. */
	ck_assert_int_eq(store_review_act_keep(fx_st, &a, 999, VERDICT_ACCEPT,
	    NULL, NULL, 60, NULL), -1);
	ck_assert_int_eq(raw_int("SELECT user_id FROM review_lease WHERE"
	    " task_id = %lld", (long long)task), rw);
	check_counts();
	review_item_release(&it);
	review_item_release(&it2);
}
END_TEST

/* The queue's orders over more items: by-user is by annotator, then
 * oldest first; random is a permutation a seed fixes, another seed
 * another, and an item added later leaves the others' order as it was;
 * the screen's walk (store_review_next after each) is the list's order. */
START_TEST(test_queue_orders)
{
	struct review_query	q = REVIEW_QUERY_INIT;
	struct review_item	it = REVIEW_ITEM_INIT, after = REVIEW_ITEM_INIT;
	struct ids		k = { { 0 }, 0 }, r1 = { { 0 }, 0 },
				r2 = { { 0 }, 0 }, r3 = { { 0 }, 0 };
	char			at[32];
	int64_t			prev_user = 0, uid;
	int			i, j, differ = 0, pos;

	for (i = 0; i < 12; i++) {
		snprintf(at, sizeof at, "2026-06-01T%02d:00:00Z", 23 - i);
		submitted(i % 3 == 0 ? ua : ub, RESULT_POS, at);
	}
	q.project_id = proj;
	q.reviewer_id = rv;
	q.order = REVIEW_BY_USER;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	ck_assert_int_eq(k.n, 12);
	for (i = 0; i < k.n; i++) {
		uid = raw_int("SELECT user_id FROM annotation WHERE id = %lld",
		    (long long)k.id[i]);
		ck_assert_int_ge(uid, prev_user);
		if (i > 0 && uid == prev_user)
			ck_assert_int_le(raw_int("SELECT (SELECT submitted_at"
			    " FROM annotation WHERE id = %lld) <= (SELECT"
			    " submitted_at FROM annotation WHERE id = %lld)",
			    (long long)k.id[i - 1], (long long)k.id[i]), 1);
		prev_user = uid;
	}
	/* The walk of the oldest-first queue, each next after the last. */
	q.order = REVIEW_OLDEST;
	k.n = 0;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &k), 0);
	for (i = 0; i < 12; i++) {
		ck_assert_int_eq(store_review_next(fx_st, &q, i > 0 ? &after :
		    NULL, 60, &it), 1);
		ck_assert_int_eq(it.annotation_id, k.id[i]);
		review_item_release(&after);
		after = it;
		it = (struct review_item)REVIEW_ITEM_INIT;
	}
	ck_assert_int_eq(store_review_next(fx_st, &q, &after, 60, &it), 0);
	ck_assert_int_eq(store_review_release(fx_st, rv), 0);
	/* Random: every item once; seeds 1 and 2 differ. */
	q.order = REVIEW_RANDOM;
	q.seed = 1;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &r1), 0);
	q.seed = 2;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &r2), 0);
	ck_assert_int_eq(r1.n, 12);
	ck_assert_int_eq(r2.n, 12);
	for (i = 0; i < 12; i++) {
		differ += r1.id[i] != r2.id[i];
		for (j = 0; j < 12 && r2.id[j] != r1.id[i]; j++)
			;
		ck_assert_int_lt(j, 12);
	}
	ck_assert_int_gt(differ, 0);
	/* Seed 1 again after one more item: the others in the same order. */
	submitted(ua, RESULT_POS, "2026-06-02T00:00:00Z");
	q.seed = 1;
	ck_assert_int_eq(store_review_each(fx_st, &q, NULL, collect, &r3), 0);
	ck_assert_int_eq(r3.n, 13);
	for (i = 0, pos = 0; i < 13; i++)
		if (pos < 12 && r3.id[i] == r1.id[pos])
			pos++;
	ck_assert_int_eq(pos, 12);
	review_item_release(&it);
	review_item_release(&after);
}
END_TEST

/* Sampling is a function of the id alone: a smaller sample is part of a
 * bigger one (a threshold on one hash of the id), each near its share;
 * "none" leaves every one in the (optional) queue. */
START_TEST(test_sampling_by_id)
{
	struct review_policy	p10 = REVIEW_POLICY_INIT,
				p50 = REVIEW_POLICY_INIT,
				none = REVIEW_POLICY_INIT;
	int64_t			id;
	int			n10 = 0, n50 = 0, s10, s50;
	static char		first[4001];

	ck_assert_int_eq(review_policy_parse("sample:10", &p10), 0);
	ck_assert_int_eq(review_policy_parse("sample:50", &p50), 0);
	for (id = 1; id <= 4000; id++) {
		s10 = review_sampled(&p10, id);
		s50 = review_sampled(&p50, id);
		ck_assert(!s10 || s50);
		n10 += s10;
		n50 += s50;
		ck_assert(review_sampled(&none, id));
		first[id] = (char)s50;
	}
	/* The id alone: asked again, backwards, the same answers. */
	for (id = 4000; id >= 1; id--)
		ck_assert_int_eq(review_sampled(&p50, id), first[id]);
	ck_assert_int_gt(n10, 300);
	ck_assert_int_lt(n10, 500);
	ck_assert_int_gt(n50, 1800);
	ck_assert_int_lt(n50, 2200);
}
END_TEST

/* With overlap: the most common version first, then by size, a tie to
 * the version met first. */
START_TEST(test_rank_versions)
{
	static const char yaml[] = "type: custom\ncontrols:\n"
	    "  - name: label\n    kind: choice\n    labels: [pos, neg, mid]\n";
	static const char *const res[] = { "neg", "pos", "pos", "mid", "neg",
	    "pos" };
	struct config		*cfg = config_parse(yaml, strlen(yaml), "t");
	struct answer_task	 t = { "x", 1, 0, 0, 0, 0 };
	struct answer		*ans[6];
	int			 version[6], same[6], i;
	char			 text[64];
	json_t			*j;

	ck_assert_ptr_nonnull(cfg);
	for (i = 0; i < 6; i++) {
		snprintf(text, sizeof text, "{\"label\": [\"%s\"]}", res[i]);
		ck_assert_ptr_nonnull(j = json_loads(text, 0, NULL));
		ans[i] = answer_new(cfg, &t);
		answer_load_lenient(ans[i], j);
		json_decref(j);
	}
	review_rank_versions(ans, 6, version, same);
	/* pos (3) leads, neg (2) next, mid (1) last. */
	ck_assert_int_eq(version[1], 0);
	ck_assert_int_eq(version[2], 0);
	ck_assert_int_eq(version[5], 0);
	ck_assert_int_eq(version[0], 1);
	ck_assert_int_eq(version[4], 1);
	ck_assert_int_eq(version[3], 2);
	ck_assert_int_eq(same[1], 3);
	ck_assert_int_eq(same[0], 2);
	ck_assert_int_eq(same[3], 1);
	/* A tie: the first met leads. */
	review_rank_versions(ans, 2, version, same);
	ck_assert_int_eq(version[0], 0);
	ck_assert_int_eq(version[1], 1);
	ck_assert_int_eq(same[0], 1);
	review_rank_versions(ans + 3, 2, version, same);
	ck_assert_int_eq(version[0], 0);
	ck_assert_int_eq(version[1], 1);
	/* All the same: one version. */
	review_rank_versions(ans + 1, 2, version, same);
	ck_assert_int_eq(version[0], 0);
	ck_assert_int_eq(version[1], 0);
	ck_assert_int_eq(same[1], 2);
	review_rank_versions(ans, 0, version, same);
	for (i = 0; i < 6; i++)
		answer_free(ans[i]);
	config_free(cfg);
}
END_TEST

static Suite *
review_suite(void)
{
	Suite	*s = suite_create("review");
	TCase	*tc = tcase_create("review");

	tcase_add_checked_fixture(tc, setup, fx_teardown);
	tcase_add_test(tc, test_machine);
	tcase_add_test(tc, test_policy);
	tcase_add_test(tc, test_sampled_at_submission);
	tcase_add_test(tc, test_queue_order);
	tcase_add_test(tc, test_leases);
	tcase_add_test(tc, test_verdicts);
	tcase_add_test(tc, test_reject_loop);
	tcase_add_test(tc, test_final);
	tcase_add_test(tc, test_by_task);
	tcase_add_test(tc, test_waiting_batched);
	tcase_add_test(tc, test_done_rule);
	tcase_add_test(tc, test_done_under_policy);
	tcase_add_test(tc, test_done_final_required);
	tcase_add_test(tc, test_on_reject_remove);
	tcase_add_test(tc, test_comment_optional);
	tcase_add_test(tc, test_history_order);
	tcase_add_test(tc, test_lease_kept);
	tcase_add_test(tc, test_queue_orders);
	tcase_add_test(tc, test_sampling_by_id);
	tcase_add_test(tc, test_rank_versions);
	suite_add_tcase(s, tc);
	return s;
}

#include "runner.h"

int
main(void)
{
	return run_suite(review_suite());
}
