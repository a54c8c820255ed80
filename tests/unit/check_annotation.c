/* Unit tests for src/store/annotation.c: the next task (priority order,
 * overlap, leases, resuming, the per-person cursor), drafts, submissions
 * (late, again, reviewed), skips, Backspace, the counters, suggestions;
 * and eight processes labelling one project at once. */
#include <check.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/wait.h>

#include "fixture.h"
#include "model/filter.h"
#include "store/annotation.h"
#include "store/assign.h"
#include "store/prediction.h"
#include "store/project.h"
#include "store/store.h"
#include "store/task.h"

#define RESULT_POS	"{\"label\": [\"positive\"]}"
#define RESULT_NEG	"{\"label\": [\"negative\"]}"

static int64_t	 proj;
static int64_t	 ua, ub, uc, ud;	/* four annotators */

/* One integer read with a second connection; -1 when there is no row. */
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
add_user(const char *name)
{
	struct user	u = USER_INIT;
	int64_t		id;

	u.name = xstrdup(name);
	u.role = ROLE_ANNOTATOR;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	id = u.id;
	user_release(&u);
	return id;
}

/* Adds n tasks with the given priorities (NULL: all 0) in one transaction;
 * ids[] gets their ids when not NULL. */
static void
add_tasks(int64_t project, int n, const int *prio, int64_t *ids)
{
	struct task	t = TASK_INIT;
	char		text[32];
	int		i;

	ck_assert_int_eq(store_begin(fx_st), 0);
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof text, "task text %d", i);
		t.project_id = project;
		t.kind = (char *)"text";
		t.text = text;
		t.priority = prio != NULL ? prio[i] : 0;
		ck_assert_int_eq(store_task_add(fx_st, &t), 0);
		if (ids != NULL)
			ids[i] = t.id;
	}
	ck_assert_int_eq(store_project_recount(fx_st, project), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
}

/* The id of user's next task, 0 when none is left. */
static int64_t
next(int64_t user)
{
	return fx_next(proj, user);
}

static int
submit(int64_t task, int64_t user)
{
	return store_annotation_submit(fx_st, task, user, 0, RESULT_POS, 0,
	    1.5);
}

static void
expire_leases(void)
{
	fx_exec("UPDATE lease SET expires_at = 0");
}

/* task.submitted, project.done_count and the per-person counts agree with
 * a recount from the annotations. */
static void
check_counters(void)
{
	ck_assert_int_eq(raw_int("SELECT count(*) FROM task t WHERE submitted"
	    " <> (SELECT count(*) FROM annotation a WHERE a.task_id = t.id"
	    " AND a.state IN ('submitted','accepted','rejected'))"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM project p WHERE"
	    " done_count <> (SELECT count(*) FROM task t WHERE"
	    " t.project_id = p.id AND t.submitted >= p.overlap)"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM (SELECT t.project_id"
	    " p, a.user_id u, count(*) n FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE a.state IN ('submitted','accepted',"
	    "'rejected') GROUP BY 1, 2) c LEFT JOIN annotator r"
	    " ON r.project_id = c.p AND r.user_id = c.u"
	    " WHERE coalesce(r.submitted, 0) <> c.n"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotator r WHERE"
	    " submitted <> (SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = r.project_id"
	    " AND a.user_id = r.user_id AND a.state IN ('submitted',"
	    "'accepted','rejected'))"), 0);
}

static void
setup(void)
{
	fx_setup();
	ua = add_user("alice");
	ub = add_user("bob");
	uc = add_user("carol");
	ud = add_user("dave");
}

START_TEST(test_priority_order)
{
	static const int prio[] = { 0, 5, 0, 9, 5 };
	int64_t		 ids[5];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 5, prio, ids);
	ck_assert_int_eq(next(ua), ids[3]);
	ck_assert_int_eq(submit(ids[3], ua), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), ids[4]);
	ck_assert_int_eq(submit(ids[4], ua), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(next(ub), 0);	/* overlap 1: all done */
	check_counters();
}
END_TEST

START_TEST(test_overlap_1)
{
	int64_t	ids[3];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 3, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	/* alice's live lease hides the task from bob */
	ck_assert_int_eq(next(ub), ids[1]);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 2);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 1);
	ck_assert_int_eq(submit(ids[1], ub), 0);
	ck_assert_int_eq(next(ub), ids[2]);
	ck_assert_int_eq(next(uc), 0);	/* done or held */
	ck_assert_int_eq(submit(ids[2], ub), 0);
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 3);
	check_counters();
}
END_TEST

START_TEST(test_overlap_2)
{
	int64_t	ids[2];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	/* at overlap 2 one other lease leaves room */
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(next(uc), ids[1]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	/* one submission and bob's lease fill task 0 */
	ck_assert_int_eq(next(ud), ids[1]);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	/* alice has labelled task 0, and carol and dave hold task 1 */
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(submit(ids[1], uc), 0);
	ck_assert_int_eq(submit(ids[1], ud), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 2);
	ck_assert_int_eq(raw_int("SELECT max(submitted) FROM task"), 2);
	ck_assert_int_eq(next(ua), 0);
	check_counters();
}
END_TEST

START_TEST(test_overlap_3)
{
	int64_t	ids[2];

	proj = fx_add_project("p", 3);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(next(uc), ids[0]);
	ck_assert_int_eq(next(ud), ids[1]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	ck_assert_int_eq(submit(ids[0], uc), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	/* alice skips past what she labelled */
	ck_assert_int_eq(next(ua), ids[1]);
	check_counters();
}
END_TEST

START_TEST(test_skips_own_annotations)
{
	int64_t	ids[3];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 3, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[1], ua, 0), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	/* the skipped one comes back at the end; submitted ones never */
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), 0);
	/* bob still gets all three, in order */
	ck_assert_int_eq(next(ub), ids[0]);
	check_counters();
}
END_TEST

START_TEST(test_resume_lease_and_draft)
{
	static const int prio[] = { 9, 0, 0 };
	int64_t		 ids[3];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 3, prio, ids);
	/* the same task again while the lease lives */
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 1);
	ck_assert_int_eq(submit(ids[0], ua), 0);

	/* a draft on task 2 comes back before task 1 */
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[1], ua), 0);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[2], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_lease_release(fx_st, ids[2], ua), 0);
	expire_leases();
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease WHERE task_id ="
	    " %lld AND user_id = %lld AND expires_at > 1000",
	    (long long)ids[2], (long long)ua), 1);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	ck_assert_int_eq(next(ua), ids[1]);
}
END_TEST

START_TEST(test_draft_holds_task)
{
	int64_t	ids[3];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 3, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	/* alice quits: her lease goes, and in time any lease expires */
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	expire_leases();
	/* her draft still holds the task: bob gets the next one */
	ck_assert_int_eq(next(ub), ids[1]);
	ck_assert_int_eq(next(uc), ids[2]);
	/* and she gets her draft back first */
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation WHERE"
	    " state = 'draft'"), 1);
	/* a lease without a draft frees its task when it expires */
	expire_leases();
	ck_assert_int_eq(next(ud), ids[1]);
	check_counters();
}
END_TEST

START_TEST(test_draft_counts_in_overlap)
{
	int64_t	ids[2];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	/* one place left beside alice's draft: bob takes it */
	ck_assert_int_eq(next(ub), ids[0]);
	/* bob's live lease and alice's draft fill the overlap */
	ck_assert_int_eq(next(uc), ids[1]);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	/* one submission and one draft: still full for dave */
	ck_assert_int_eq(next(ud), ids[1]);
	/* a draft save by someone over the overlap says so */
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ud, 0,
	    RESULT_POS, 0, 0), 1);
	check_counters();
}
END_TEST

START_TEST(test_skipped_at_the_end)
{
	struct next_where	 only = { 1, NULL };
	struct task		 t = TASK_INIT;
	int64_t			 ids[4];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 4, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[0], ua, 0), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[1], ua, 0), 0);
	/* --skipped: only them, the one skipped longest ago first, though
	 * open tasks wait */
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &only, &t),
	    1);
	ck_assert_int_eq(t.id, ids[0]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	/* every unskipped open task comes first */
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	ck_assert_int_eq(next(ua), ids[3]);
	ck_assert_int_eq(submit(ids[3], ua), 0);
	/* then the skips, oldest first; a skip again sends it to the back */
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[0], ua, 0), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[1], ua, 0), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	/* a skipped task someone else filled is not given again */
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &only, &t),
	    0);
	task_release(&t);
	check_counters();
}
END_TEST

START_TEST(test_release)
{
	struct actor		 admin = { 0, 0 };
	struct annotation	 a = ANNOTATION_INIT;
	int64_t			 ids[2];
	char			*who = NULL;

	proj = fx_add_project("p", 1);
	add_tasks(proj, 2, NULL, ids);
	admin.user_id = admin.real_id = ud;
	/* nobody holds it: nothing changes, no audit record */
	ck_assert_int_eq(store_task_release(fx_st, &admin, ids[0], 0, &who),
	    0);
	ck_assert_ptr_null(who);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	/* bob holds nothing there */
	ck_assert_int_eq(store_task_release(fx_st, &admin, ids[0], ub, &who),
	    0);
	ck_assert_ptr_null(who);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 1);
	/* alice's hold: her draft becomes a skip with its result, her lease
	 * goes, and the act is audited */
	ck_assert_int_eq(store_task_release(fx_st, &admin, ids[0], ua, &who),
	    0);
	ck_assert_str_eq(who, "alice");
	free(who);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SKIPPED);
	ck_assert_str_eq(a.result, RESULT_NEG);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE action ="
	    " 'file.release' AND user_id = %lld AND detail = 'task %lld:"
	    " alice'", (long long)ud, (long long)ids[0]), 1);
	/* the task goes to bob; alice finds it at the end of her queue */
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ub), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	/* everyone's holds at once */
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_POS, 0, 0), 0);
	ck_assert_int_eq(next(uc), 0);
	ck_assert_int_eq(store_task_release(fx_st, &admin, ids[0], 0, &who),
	    0);
	ck_assert_str_eq(who, "alice");
	free(who);
	ck_assert_int_eq(next(uc), ids[0]);
	check_counters();
}
END_TEST

START_TEST(test_priority_moves_the_order)
{
	struct actor	admin = { 0, 0 };
	int64_t		ids[5], one[1];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 5, NULL, ids);
	admin.user_id = admin.real_id = ud;
	/* alice's cursor moves past the first two */
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[2], ua), 0);
	/* the last task raised: first for everyone, at once */
	one[0] = ids[4];
	ck_assert_int_eq(store_tasks_priority(fx_st, &admin, one, 1, 7), 0);
	ck_assert_int_eq(next(ua), ids[4]);
	ck_assert_int_eq(submit(ids[4], ua), 0);
	ck_assert_int_eq(next(ub), ids[4]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[4], ub), 0);
	/* the head lowered below the rest: it goes last */
	one[0] = ids[2];
	ck_assert_int_eq(store_tasks_priority(fx_st, &admin, one, 1, -1), 0);
	ck_assert_int_eq(next(ua), ids[3]);
	ck_assert_int_eq(submit(ids[3], ua), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[2], ua), 0);
	/* a task she labelled, raised, does not come back to her */
	one[0] = ids[0];
	ck_assert_int_eq(store_tasks_priority(fx_st, &admin, one, 1, 9), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	/* one audit record per task; a missing task refuses all */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit WHERE action ="
	    " 'file.priority'"), 3);
	one[0] = 9999;
	ck_assert_int_eq(store_tasks_priority(fx_st, &admin, one, 1, 1), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit"), 3);
	ck_assert_int_eq(raw_int("SELECT priority FROM task WHERE id = %lld",
	    (long long)ids[0]), 9);
}
END_TEST

START_TEST(test_filter)
{
	struct task_filter	 f = TASK_FILTER_INIT;
	struct next_where	 w = { 0, &f };
	struct task		 t = TASK_INIT;
	char			 err[128];
	int64_t			 ids[4];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 4, NULL, ids);
	fx_exec("UPDATE task SET meta = '{\"lang\": \"fr\", \"n\": 3}'"
	    " WHERE id IN (2, 4)");
	ck_assert_int_eq(task_filter_parse("text 2", &f, err, sizeof err), 0);
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &w, &t),
	    1);
	ck_assert_int_eq(t.id, ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	/* nothing else holds "text 2" */
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &w, &t),
	    0);
	ck_assert_int_eq(task_filter_parse("meta.lang=fr", &f, err,
	    sizeof err), 0);
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &w, &t),
	    1);
	ck_assert_int_eq(t.id, ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	/* a number compares by its text */
	ck_assert_int_eq(task_filter_parse("meta.n=3", &f, err, sizeof err),
	    0);
	ck_assert_int_eq(store_next_task_where(fx_st, proj, ua, 0, &w, &t),
	    1);
	ck_assert_int_eq(t.id, ids[3]);
	ck_assert_int_eq(store_lease_release(fx_st, ids[3], ua), 0);
	/* a filtered walk left the cursor alone: the first task still
	 * comes first without the filter */
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(task_filter_parse("", &f, err, sizeof err), -1);
	ck_assert_int_eq(task_filter_parse("meta.lang", &f, err, sizeof err),
	    -1);
	ck_assert_int_eq(task_filter_parse("meta.=x", &f, err, sizeof err),
	    -1);
	ck_assert_int_eq(task_filter_parse("meta.a\"b=x", &f, err,
	    sizeof err), -1);
	task_filter_release(&f);
	task_release(&t);
	check_counters();
}
END_TEST

START_TEST(test_lease_hides_at_1_not_at_2)
{
	int64_t	ids[2];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(next(ub), ids[1]);
	ck_assert_int_eq(next(uc), 0);
	fx_exec("UPDATE project SET overlap = 2");
	ck_assert_int_eq(next(uc), ids[0]);
	ck_assert_int_eq(next(ud), ids[1]);
}
END_TEST

START_TEST(test_expired_lease_frees)
{
	struct annotation	a = ANNOTATION_INIT;
	int64_t			ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(next(ub), 0);
	expire_leases();
	ck_assert_int_eq(next(ub), ids[0]);
	/* the expired lease was cleaned up */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease WHERE user_id ="
	    " %lld", (long long)ua), 0);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	/* alice's late submission is kept and flagged */
	ck_assert_int_eq(submit(ids[0], ua), 1);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SUBMITTED);
	ck_assert_int_eq(a.late, 1);
	ck_assert_str_eq(a.result, RESULT_POS);
	annotation_release(&a);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ub, &a), 1);
	ck_assert_int_eq(a.late, 0);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task"), 2);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	check_counters();
}
END_TEST

START_TEST(test_late_without_lease)
{
	struct annotation	a = ANNOTATION_INIT;
	int64_t			ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(submit(ids[0], uc), 1);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], uc, &a), 1);
	ck_assert_int_eq(a.late, 1);
	ck_assert_int_eq(a.state, ANN_SUBMITTED);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
}
END_TEST

START_TEST(test_resubmit_counts_once)
{
	struct annotation		a = ANNOTATION_INIT;
	struct annotate_progress	p;
	int64_t				ids[2];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 2.0), 0);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)ids[0]), 1);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	ck_assert_int_eq(store_annotate_progress(fx_st, proj, ua, &p), 0);
	ck_assert_int_eq(p.mine, 1);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_str_eq(a.result, RESULT_NEG);
	ck_assert_int_eq(a.late, 0);
	ck_assert(a.lead_time > 3.4 && a.lead_time < 3.6);
	annotation_release(&a);
	/* a draft save on it edits it in place: still submitted, once */
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_POS, 0, 0), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SUBMITTED);
	ck_assert_str_eq(a.result, RESULT_POS);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 0);
	check_counters();
}
END_TEST

START_TEST(test_reviewed_refused)
{
	struct annotation	a = ANNOTATION_INIT;
	int64_t			ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	fx_exec("UPDATE annotation SET state = 'accepted'");
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), -1);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), -1);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[0], ua, 0), -1);
	fx_exec("UPDATE annotation SET state = 'fixed'");
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), -1);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_FIXED);
	ck_assert_str_eq(a.result, RESULT_POS);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task"), 1);
	/* A rejected one is its person's again: an edit stays rejected, a
	 * submission sends it back to review; it counts once throughout. */
	fx_exec("UPDATE annotation SET state = 'rejected'");
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_REJECTED);
	ck_assert_str_eq(a.result, RESULT_NEG);
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SUBMITTED);
	annotation_release(&a);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task"), 1);
	/* nothing left open: not in a transaction after the refusals */
	ck_assert_int_eq(store_begin(fx_st), 0);
	store_rollback(fx_st);
	check_counters();
}
END_TEST

START_TEST(test_skip)
{
	struct annotation	a = ANNOTATION_INIT;
	int64_t			ids[2];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[0], ua, 0), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SKIPPED);
	annotation_release(&a);
	/* freed for bob; never again for alice */
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 1);
	/* skipping her own submission withdraws it */
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[1], ua, 0), 0);
	ck_assert_int_eq(raw_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)ids[1]), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project"), 0);
	ck_assert_int_eq(submit(ids[0], ub), 0);
	ck_assert_int_eq(next(ub), ids[1]);
	ck_assert_int_eq(next(ua), 0);
	check_counters();
}
END_TEST

START_TEST(test_unskip_comes_back)
{
	int64_t	ids[4];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 4, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_skip(fx_st, ids[0], ua, 0), 0);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	/* Backspace to the skipped task and a change: a draft again, so the
	 * cursor (now past it) goes back and the task is resumed */
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[3]);
	check_counters();
}
END_TEST

START_TEST(test_cursor_new_and_reopened_tasks)
{
	static const int	 hi[] = { 50 };
	int64_t			 ids[6], late[1];
	int			 i;

	proj = fx_add_project("p", 2);
	add_tasks(proj, 6, NULL, ids);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(next(ua), ids[i]);
		ck_assert_int_eq(submit(ids[i], ua), 0);
	}
	ck_assert_int_eq(raw_int("SELECT cur_task FROM annotator WHERE"
	    " user_id = %lld", (long long)ua), ids[4]);
	/* a new task with a higher priority comes first */
	add_tasks(proj, 1, hi, late);
	ck_assert_int_eq(next(ua), late[0]);
	ck_assert_int_eq(submit(late[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[5]);
	ck_assert_int_eq(submit(ids[5], ua), 0);
	ck_assert_int_eq(next(ua), 0);
	/* a task whose annotation goes away is hers again */
	fx_exec("DELETE FROM annotation WHERE task_id = 2");
	fx_exec("UPDATE task SET submitted = 0 WHERE id = 2");
	ck_assert_int_eq(next(ua), 2);
	ck_assert_int_eq(submit(2, ua), 0);
	ck_assert_int_eq(next(ua), 0);
	/* a task that moves up is seen where it now is */
	ck_assert_int_eq(next(ub), late[0]);
	ck_assert_int_eq(store_lease_release(fx_st, late[0], ub), 0);
	fx_exec("UPDATE task SET priority = 99 WHERE id = 4");
	ck_assert_int_eq(next(ub), 4);
	check_counters();
}
END_TEST

START_TEST(test_cursor_keeps_held_tasks)
{
	int64_t	ids[4];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 4, NULL, ids);
	/* carol and dave hold task 0: alice passes it, and labels on */
	ck_assert_int_eq(next(uc), ids[0]);
	ck_assert_int_eq(next(ud), ids[0]);
	ck_assert_int_eq(next(ua), ids[1]);
	ck_assert_int_eq(submit(ids[1], ua), 0);
	ck_assert_int_eq(next(ua), ids[2]);
	ck_assert_int_eq(submit(ids[2], ua), 0);
	/* their sessions die: task 0 is hers before task 3 */
	expire_leases();
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	ck_assert_int_eq(next(ua), ids[3]);
	check_counters();
}
END_TEST

START_TEST(test_overlap_raised)
{
	int64_t	ids[3];
	int	i;

	proj = fx_add_project("p", 1);
	add_tasks(proj, 3, NULL, ids);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(next(ub), ids[i]);
		ck_assert_int_eq(submit(ids[i], ub), 0);
	}
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(next(ub), 0);
	fx_exec("UPDATE project SET overlap = 2");
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(next(ub), 0);
}
END_TEST

START_TEST(test_previous)
{
	int64_t	ids[4], prev = 0;
	int	i;

	proj = fx_add_project("p", 1);
	add_tasks(proj, 4, NULL, ids);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(next(ua), ids[i]);
		ck_assert_int_eq(submit(ids[i], ua), 0);
	}
	ck_assert_int_eq(next(ua), ids[3]);
	/* from the fresh task: the last one, then back in order */
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, ids[3],
	    &prev), 1);
	ck_assert_int_eq(prev, ids[2]);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, ids[2],
	    &prev), 1);
	ck_assert_int_eq(prev, ids[1]);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, ids[1],
	    &prev), 1);
	ck_assert_int_eq(prev, ids[0]);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, ids[0],
	    &prev), 0);
	/* changing one makes it the latest, even within one second */
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua, 0,
	    RESULT_NEG, 0, 0), 0);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, 0, &prev),
	    1);
	ck_assert_int_eq(prev, ids[0]);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ua, ids[0],
	    &prev), 1);
	ck_assert_int_eq(prev, ids[2]);
	/* another project's annotations are not in the walk; nor bob's */
	ck_assert_int_eq(store_annotation_previous(fx_st, proj, ub, 0, &prev),
	    0);
	ck_assert_int_eq(store_annotation_previous(fx_st, proj + 1, ua, 0,
	    &prev), 0);
}
END_TEST

START_TEST(test_progress_and_removal)
{
	struct annotate_progress	p;
	int64_t				ids[4];

	proj = fx_add_project("p", 2);
	add_tasks(proj, 4, NULL, ids);
	ck_assert_int_eq(store_annotate_progress(fx_st, proj, ua, &p), 0);
	ck_assert_int_eq(p.mine, 0);
	ck_assert_int_eq(p.done, 0);
	ck_assert_int_eq(p.total, 4);
	ck_assert_int_eq(submit(ids[0], ua), 1);
	ck_assert_int_eq(submit(ids[1], ua), 1);
	ck_assert_int_eq(submit(ids[0], ub), 1);
	ck_assert_int_eq(store_annotate_progress(fx_st, proj, ua, &p), 0);
	ck_assert_int_eq(p.mine, 2);
	ck_assert_int_eq(p.done, 1);
	ck_assert_int_eq(store_annotate_progress(fx_st, proj, ub, &p), 0);
	ck_assert_int_eq(p.mine, 1);
	/* removing a task counts its annotations out */
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_task_remove(fx_st, ids[0]), 1);
	ck_assert_int_eq(store_project_recount(fx_st, proj), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(store_annotate_progress(fx_st, proj, ua, &p), 0);
	ck_assert_int_eq(p.mine, 1);
	ck_assert_int_eq(p.done, 0);
	ck_assert_int_eq(p.total, 3);
	check_counters();
	ck_assert_int_eq(store_annotate_progress(fx_st, 999, ua, &p), -1);
}
END_TEST

START_TEST(test_get_and_acted_by)
{
	struct annotation	a = ANNOTATION_INIT;
	int64_t			ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(store_annotation_save_draft(fx_st, ids[0], ua,
	    fx_admin.id, RESULT_NEG, 1, 0), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_DRAFT);
	ck_assert_int_eq(a.from_prediction, 1);
	ck_assert_int_eq(a.acted_by, fx_admin.id);
	ck_assert_str_eq(a.result, RESULT_NEG);
	ck_assert_str_eq(annotation_state_name(a.state), "draft");
	annotation_release(&a);
	ck_assert_int_eq(store_annotation_submit(fx_st, ids[0], ua,
	    fx_admin.id, RESULT_POS, 0, 0), 0);
	ck_assert_int_eq(store_annotation_get(fx_st, ids[0], ua, &a), 1);
	ck_assert_int_eq(a.state, ANN_SUBMITTED);
	ck_assert_int_eq(a.from_prediction, 0);
	ck_assert_int_eq(a.late, 0);
	ck_assert_int_eq(a.acted_by, fx_admin.id);
	annotation_release(&a);
	/* and on a task that is not there: an error, not a row */
	ck_assert_int_eq(store_annotation_submit(fx_st, 999, ua, 0,
	    RESULT_POS, 0, 0), -1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"), 1);
}
END_TEST

START_TEST(test_renew_and_release)
{
	int64_t	ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(next(ua), ids[0]);
	fx_exec("UPDATE lease SET expires_at = 5");
	ck_assert_int_eq(store_lease_renew(fx_st, ids[0], ua, 60), 1);
	ck_assert_int_ge(raw_int("SELECT expires_at FROM lease"), 1000);
	/* bob cannot take a task alice holds */
	ck_assert_int_eq(store_lease_renew(fx_st, ids[0], ub, 60), 0);
	ck_assert_int_eq(store_lease_release(fx_st, ids[0], ua), 0);
	ck_assert_int_eq(store_lease_renew(fx_st, ids[0], ub, 60), 1);
	ck_assert_int_eq(next(ub), ids[0]);
	ck_assert_int_eq(next(ua), 0);
	ck_assert_int_eq(store_lease_renew(fx_st, 999, ua, 60), -1);
}
END_TEST

START_TEST(test_suggestion)
{
	struct suggestion	s = SUGGESTION_INIT;
	int64_t			ids[2];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 2, NULL, ids);
	ck_assert_int_eq(store_suggestion_get(fx_st, ids[0], &s), 0);
	ck_assert(ids[0] == 1 && ids[1] == 2);	/* as the SQL below says */
	fx_exec("INSERT INTO prediction (task_id, model, score, result,"
	    " created_at) VALUES (1, 'm1', 0.75, '{\"label\": [\"a\"]}', 'x'),"
	    " (1, 'm2', 0.9, '{\"label\": [\"b\"]}', 'x'),"
	    " (2, '', NULL, '{}', 'x')");
	ck_assert_int_eq(store_suggestion_get(fx_st, ids[0], &s), 1);
	ck_assert_str_eq(s.result, "{\"label\": [\"a\"]}");
	ck_assert_str_eq(s.model, "m1");
	ck_assert_int_eq(s.has_score, 1);
	ck_assert(s.score > 0.74 && s.score < 0.76);
	ck_assert_int_eq(store_suggestion_get(fx_st, ids[1], &s), 1);
	ck_assert_int_eq(s.has_score, 0);
	ck_assert_str_eq(s.model, "");
	suggestion_release(&s);
}
END_TEST

START_TEST(test_inside_callers_transaction)
{
	int64_t	ids[1];

	proj = fx_add_project("p", 1);
	add_tasks(proj, 1, NULL, ids);
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(next(ua), ids[0]);
	ck_assert_int_eq(submit(ids[0], ua), 0);
	store_rollback(fx_st);
	/* the caller's rollback took both back */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 0);
	ck_assert_int_eq(next(ua), ids[0]);
}
END_TEST

/*
 * Eight processes, each its own connection and person, label one project
 * of 300 tasks at overlap 2 until none is left. Each reports what it
 * submitted through a pipe; the database must hold exactly that, no task
 * above the overlap, and counters that match a recount.
 */
#define NPROC	8
#define NTASKS	300

static void
child(int fd, int64_t user)
{
	struct store	*st;
	struct task	 t = TASK_INIT;
	int64_t		 rec[2];
	int		 rc;

	if ((st = store_open(fx_path, 0)) == NULL)
		_exit(2);
	while ((rc = store_next_task(st, proj, user, 0, &t)) == 1) {
		if (store_annotation_submit(st, t.id, user, 0, RESULT_POS, 0,
		    0) != 0)
			_exit(3);	/* late or failed: both wrong here */
		rec[0] = user;
		rec[1] = t.id;
		if (write(fd, rec, sizeof rec) != sizeof rec)
			_exit(4);
	}
	task_release(&t);
	store_close(st);
	_exit(rc == 0 ? 0 : 5);
}

START_TEST(test_concurrent_sessions)
{
	int64_t	 users[NPROC], rec[2];
	pid_t	 pids[NPROC];
	int	 fds[2], i, status, nrec = 0;
	char	 name[32];

	proj = fx_add_project("busy", 2);
	add_tasks(proj, NTASKS, NULL, NULL);
	for (i = 0; i < NPROC; i++) {
		snprintf(name, sizeof name, "worker%d", i);
		users[i] = add_user(name);
	}
	ck_assert_int_eq(pipe(fds), 0);
	for (i = 0; i < NPROC; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			close(fds[0]);
			child(fds[1], users[i]);
		}
	}
	close(fds[1]);
	/* Each record is one write of 16 bytes: atomic on a pipe. */
	while (read(fds[0], rec, sizeof rec) == sizeof rec) {
		nrec++;
		ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"
		    " WHERE user_id = %lld AND task_id = %lld"
		    " AND state = 'submitted' AND late = 0",
		    (long long)rec[0], (long long)rec[1]), 1);
	}
	close(fds[0]);
	for (i = 0; i < NPROC; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "worker %d: status %d", i, status);
	}
	ck_assert_int_eq(nrec, NTASKS * 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM annotation"),
	    NTASKS * 2);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM (SELECT task_id"
	    " FROM annotation GROUP BY task_id HAVING count(*) > 2)"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM task WHERE"
	    " submitted <> 2"), 0);
	ck_assert_int_eq(raw_int("SELECT done_count FROM project WHERE"
	    " id = %lld", (long long)proj), NTASKS);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM lease"), 0);
	check_counters();
}
END_TEST

static Suite *
annotation_suite(void)
{
	Suite	*s = suite_create("annotation");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_priority_order);
	tcase_add_test(tc, test_overlap_1);
	tcase_add_test(tc, test_overlap_2);
	tcase_add_test(tc, test_overlap_3);
	tcase_add_test(tc, test_skips_own_annotations);
	tcase_add_test(tc, test_resume_lease_and_draft);
	tcase_add_test(tc, test_draft_holds_task);
	tcase_add_test(tc, test_draft_counts_in_overlap);
	tcase_add_test(tc, test_skipped_at_the_end);
	tcase_add_test(tc, test_release);
	tcase_add_test(tc, test_priority_moves_the_order);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_lease_hides_at_1_not_at_2);
	tcase_add_test(tc, test_expired_lease_frees);
	tcase_add_test(tc, test_late_without_lease);
	tcase_add_test(tc, test_resubmit_counts_once);
	tcase_add_test(tc, test_reviewed_refused);
	tcase_add_test(tc, test_skip);
	tcase_add_test(tc, test_unskip_comes_back);
	tcase_add_test(tc, test_cursor_new_and_reopened_tasks);
	tcase_add_test(tc, test_cursor_keeps_held_tasks);
	tcase_add_test(tc, test_overlap_raised);
	tcase_add_test(tc, test_previous);
	tcase_add_test(tc, test_progress_and_removal);
	tcase_add_test(tc, test_get_and_acted_by);
	tcase_add_test(tc, test_renew_and_release);
	tcase_add_test(tc, test_suggestion);
	tcase_add_test(tc, test_inside_callers_transaction);
	tcase_add_test(tc, test_concurrent_sessions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(annotation_suite());
}
