/* Unit tests for src/store/task.c: adding, reading, finding and removing
 * tasks, the status filter of the listing, and the project's counters. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/project.h"
#include "store/task.h"
#include "util/hash.h"

static int64_t	 proj_id;

static int64_t
add_text(int64_t project, const char *text, const char *ext_id)
{
	struct task	t = TASK_INIT;

	t.project_id = project;
	t.kind = (char *)"text";
	t.text = (char *)text;
	t.ext_id = (char *)ext_id;
	ck_assert_int_eq(store_task_add(fx_st, &t), 0);
	return t.id;
}

static void
setup(void)
{
	fx_setup();
	proj_id = fx_add_project("p", 2);
}

START_TEST(test_add_get_text)
{
	struct task	t = TASK_INIT;
	int64_t		id;

	id = add_text(proj_id, "Hello, wörld", "ext-1");
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(store_task_get(fx_st, id, &t), 1);
	ck_assert_int_eq(t.id, id);
	ck_assert_int_eq(t.project_id, proj_id);
	ck_assert_str_eq(t.kind, "text");
	ck_assert_str_eq(t.text, "Hello, wörld");
	ck_assert_str_eq(t.ext_id, "ext-1");
	ck_assert_ptr_null(t.image);
	ck_assert_int_eq(t.width, 0);
	ck_assert_str_eq(t.meta, "{}");
	ck_assert_int_eq(t.submitted, 0);
	ck_assert_int_eq(strlen(t.created_at), 20);	/* ISO-8601 UTC */
	/* a task with an id has no content hash; one without has import's,
	 * by the SQL function */
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE"
	    " content_hash IS NULL"), 1);
	id = add_text(proj_id, "Hello, w\xc3\xb6rld", NULL);
	ck_assert_int_eq(fx_int("SELECT content_hash FROM task WHERE"
	    " ext_id IS NULL"), content_hash("Hello, w\xc3\xb6rld", 13));
	task_release(&t);
	ck_assert_int_eq(store_task_get(fx_st, id + 100, &t), 0);
	task_release(&t);
}
END_TEST

START_TEST(test_add_image)
{
	struct task	t = TASK_INIT, got = TASK_INIT;

	t.project_id = proj_id;
	t.kind = xstrdup("image");
	t.image = xstrdup("/data/cat.png");
	t.source = xstrdup("/data/cat.png");
	t.meta = xstrdup("{\"camera\": \"x\"}");
	t.width = 640;
	t.height = 480;
	ck_assert_int_eq(store_task_add(fx_st, &t), 0);
	ck_assert_int_eq(store_task_get(fx_st, t.id, &got), 1);
	ck_assert_str_eq(got.kind, "image");
	ck_assert_ptr_null(got.text);
	ck_assert_str_eq(got.image, "/data/cat.png");
	ck_assert_str_eq(got.source, "/data/cat.png");
	ck_assert_str_eq(got.meta, "{\"camera\": \"x\"}");
	ck_assert_int_eq(got.width, 640);
	ck_assert_int_eq(got.height, 480);
	task_release(&t);
	task_release(&got);
}
END_TEST

START_TEST(test_ext_id)
{
	int64_t	id, found = 0, other;

	id = add_text(proj_id, "a", "x1");
	add_text(proj_id, "no ext id", NULL);
	add_text(proj_id, "no ext id either", NULL);	/* NULLs may repeat */
	ck_assert_int_eq(store_task_find_ext(fx_st, proj_id, "x1", &found), 1);
	ck_assert_int_eq(found, id);
	ck_assert_int_eq(store_task_find_ext(fx_st, proj_id, "x2", &found), 0);
	{
		struct task t = TASK_INIT;

		t.project_id = proj_id;
		t.kind = (char *)"text";
		t.text = (char *)"b";
		t.ext_id = (char *)"x1";
		ck_assert_int_eq(store_task_add(fx_st, &t), -1);
	}
	/* the same ext_id in another project is another task */
	other = fx_add_project("q", 1);
	add_text(other, "a", "x1");
	ck_assert_int_eq(store_task_find_ext(fx_st, other, "x1", &found), 1);
	ck_assert_int_ne(found, id);
}
END_TEST

/* Removing tasks is one unit of work: one missing task refuses all, and
 * each removal is audited with the project counted again. */
START_TEST(test_remove_unit)
{
	struct actor	me = { fx_admin.id, fx_admin.id };
	int64_t		ids[3], n;

	ids[0] = add_text(proj_id, "a", NULL);
	ids[1] = add_text(proj_id, "b", NULL);
	ids[2] = ids[1] + 1000;
	ck_assert_int_eq(store_project_recount(fx_st, proj_id), 0);
	ck_assert_int_eq(store_tasks_remove(fx_st, &me, ids, 3, &n), -1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 2);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit"), 0);
	ck_assert_int_eq(store_tasks_remove(fx_st, &me, ids, 2, &n), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 0);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'file.remove'"), 2);
}
END_TEST

START_TEST(test_remove_cascades)
{
	int64_t	id, keep;
	char	*sql;

	id = add_text(proj_id, "a", NULL);
	keep = add_text(proj_id, "b", NULL);
	sql = xasprintf("INSERT INTO annotation (task_id, user_id, state,"
	    " created_at, updated_at) VALUES (%lld, %lld, 'draft', 'x', 'x');"
	    "INSERT INTO prediction (task_id, result, created_at) VALUES"
	    " (%lld, '{}', 'x');"
	    "INSERT INTO annotation (task_id, user_id, state, created_at,"
	    " updated_at) VALUES (%lld, %lld, 'submitted', 'x', 'x');",
	    (long long)id, (long long)fx_admin.id, (long long)id,
	    (long long)keep, (long long)fx_admin.id);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(store_task_annotations(fx_st, id), 1);
	ck_assert_int_eq(store_task_remove(fx_st, id), 1);
	ck_assert_int_eq(store_task_annotations(fx_st, id), 0);
	ck_assert_int_eq(store_task_annotations(fx_st, keep), 1);
	ck_assert_int_eq(store_task_remove(fx_st, id), 0);	/* gone */
}
END_TEST

START_TEST(test_status_names)
{
	ck_assert_str_eq(task_status_name(task_status_of(0, 1, 0, 0)), "new");
	ck_assert_str_eq(task_status_name(task_status_of(1, 1, 1, 0)), "done");
	ck_assert_str_eq(task_status_name(task_status_of(1, 3, 0, 0)),
	    "in-progress");
	ck_assert_str_eq(task_status_name(task_status_of(4, 3, 1, 0)), "done");
	/* At the overlap, held back by the review policy. */
	ck_assert_str_eq(task_status_name(task_status_of(3, 3, 0, 0)),
	    "in-review");
	ck_assert_int_eq(task_status_from_name("in-review"),
	    TASK_IN_REVIEW);
	ck_assert_int_eq(task_status_from_name("in-progress"),
	    TASK_IN_PROGRESS);
	ck_assert_int_eq(task_status_from_name("finished"), -1);
	/* A gold task is gold whatever its answers (it has no overlap). */
	ck_assert_str_eq(task_status_name(task_status_of(0, 1, 0, 1)), "gold");
	ck_assert_str_eq(task_status_name(task_status_of(3, 3, 0, 1)), "gold");
	ck_assert_int_eq(task_status_from_name("gold"), TASK_GOLD);
}
END_TEST

struct seen {
	int64_t	ids[16];
	int	n;
	int	stop_after;	/* 0: never */
};

static int
collect(const struct task *t, void *arg)
{
	struct seen	*s = arg;

	ck_assert_int_lt(s->n, 16);
	s->ids[s->n++] = t->id;
	return s->stop_after != 0 && s->n == s->stop_after ? 7 : 0;
}

static struct seen
each(int64_t project, const char *status)
{
	struct seen	s = { { 0 }, 0, 0 };

	ck_assert_int_eq(store_task_each(fx_st, project, status != NULL ?
	    task_status_from_name(status) : -1, NULL, collect, &s), 0);
	return s;
}

START_TEST(test_each_status)
{
	int64_t		id[5];
	struct seen	s;
	char		*sql;
	int		i;

	/* overlap 2: submitted 0 new, 1 in progress, 2 and 3 done */
	for (i = 0; i < 5; i++)
		id[i] = add_text(proj_id, "t", NULL);
	sql = xasprintf("UPDATE task SET submitted = 1 WHERE id = %lld;"
	    "UPDATE task SET submitted = 2 WHERE id = %lld;"
	    "UPDATE task SET submitted = 3 WHERE id = %lld;"
	    "UPDATE task SET submitted = 1 WHERE id = %lld;",
	    (long long)id[1], (long long)id[2], (long long)id[3],
	    (long long)id[4]);
	fx_exec(sql);
	free(sql);
	/* a task of another project is never listed */
	add_text(fx_add_project("q", 1), "other", NULL);

	s = each(proj_id, NULL);
	ck_assert_int_eq(s.n, 5);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(s.ids[i], id[i]);	/* in id order */
	s = each(proj_id, "new");
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.ids[0], id[0]);
	s = each(proj_id, "in-progress");
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.ids[0], id[1]);
	ck_assert_int_eq(s.ids[1], id[4]);
	s = each(proj_id, "done");
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.ids[0], id[2]);
	ck_assert_int_eq(s.ids[1], id[3]);

	/* stopping early returns fn's value */
	s.n = 0;
	s.stop_after = 2;
	ck_assert_int_eq(store_task_each(fx_st, proj_id, -1, NULL, collect, &s),
	    7);
	ck_assert_int_eq(s.n, 2);
	/* an unknown project has no tasks */
	s = each(proj_id + 100, NULL);
	ck_assert_int_eq(s.n, 0);
}
END_TEST

/* The tasks of the project in the window (after, offset, limit) and of
 * status (NULL: any). */
static struct seen
each_page(const char *status, long after, long offset, long limit)
{
	struct page	pg = { after, offset, limit };
	struct seen	s = { { 0 }, 0, 0 };

	ck_assert_int_eq(store_task_each(fx_st, proj_id, status != NULL ?
	    task_status_from_name(status) : -1, &pg, collect, &s), 0);
	return s;
}

/* The window: a cursor, an offset and a limit, with a status too. */
START_TEST(test_each_page)
{
	struct seen	s;
	int64_t		id[6];
	int		i;

	for (i = 0; i < 6; i++)
		id[i] = add_text(proj_id, "t", NULL);
	s = each_page(NULL, 0, 0, 2);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.ids[0], id[0]);
	ck_assert_int_eq(s.ids[1], id[1]);
	s = each_page(NULL, id[3], 0, 2);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.ids[0], id[4]);
	ck_assert_int_eq(s.ids[1], id[5]);
	s = each_page(NULL, 0, 5, 0);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.ids[0], id[5]);
	s = each_page(NULL, id[5], 0, 0);
	ck_assert_int_eq(s.n, 0);
	/* A status first, then the window over what it leaves. */
	fx_exec("UPDATE task SET submitted = 1 WHERE id % 2 = 0");
	s = each_page("new", id[0], 1, 1);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.ids[0] % 2, 1);
	ck_assert_int_gt(s.ids[0], id[1]);
	ck_assert_int_eq(store_task_max_id(fx_st), id[5]);
}
END_TEST

/* With overlap 1 nothing is ever in progress. */
START_TEST(test_each_overlap_one)
{
	int64_t		q = fx_add_project("q", 1), a, b;
	struct seen	s;
	char		*sql;

	a = add_text(q, "a", NULL);
	b = add_text(q, "b", NULL);
	sql = xasprintf("UPDATE task SET submitted = 1 WHERE id = %lld",
	    (long long)b);
	fx_exec(sql);
	free(sql);
	s = each(q, "in-progress");
	ck_assert_int_eq(s.n, 0);
	s = each(q, "done");
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.ids[0], b);
	s = each(q, "new");
	ck_assert_int_eq(s.ids[0], a);
}
END_TEST

static int64_t
add_image(int64_t project, const char *image, int priority)
{
	struct task	t = TASK_INIT;

	t.project_id = project;
	t.kind = (char *)"image";
	t.image = (char *)image;
	t.priority = priority;
	ck_assert_int_eq(store_task_add(fx_st, &t), 0);
	return t.id;
}

/* The guess at the next image by URL: the next by id of the same
 * priority with an http(s) image the person has not annotated, within
 * the next 64 rows. */
START_TEST(test_next_url)
{
	struct task	 t = TASK_INIT;
	int64_t		 a, b, i;
	char		*url, *sql;

	a = add_image(proj_id, "http://x/a.png", 0);
	add_image(proj_id, "http://x/high.png", 5);	/* another priority */
	add_image(proj_id, "/local/b.png", 0);		/* not a URL */
	b = add_image(proj_id, "https://x/b.png", 0);
	add_image(proj_id, "http://x/c.png", 0);
	ck_assert_int_eq(store_task_get(fx_st, a, &t), 1);
	ck_assert_int_eq(store_task_next_url(fx_st, &t, fx_admin.id, &url), 1);
	ck_assert_str_eq(url, "https://x/b.png");
	free(url);
	/* One they annotated is stepped over; someone else's is not. */
	sql = xasprintf("INSERT INTO annotation (task_id, user_id, state,"
	    " created_at, updated_at) VALUES (%lld, %lld, 'skipped', 'x',"
	    " 'x')", (long long)b, (long long)fx_admin.id);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(store_task_next_url(fx_st, &t, fx_admin.id, &url), 1);
	ck_assert_str_eq(url, "http://x/c.png");
	free(url);
	ck_assert_int_eq(store_task_next_url(fx_st, &t, fx_admin.id + 1,
	    &url), 1);
	ck_assert_str_eq(url, "https://x/b.png");
	free(url);
	task_release(&t);
	/* The last has none after it. */
	ck_assert_int_eq(store_task_get(fx_st, b + 1, &t), 1);
	ck_assert_int_eq(store_task_next_url(fx_st, &t, fx_admin.id, &url), 0);
	ck_assert_ptr_null(url);
	/* Past 64 rows of texts, none is looked for. */
	for (i = 0; i < 64; i++)
		add_text(proj_id, "x", NULL);
	add_image(proj_id, "http://x/far.png", 0);
	ck_assert_int_eq(store_task_next_url(fx_st, &t, fx_admin.id, &url), 0);
	task_release(&t);
}
END_TEST

START_TEST(test_counters)
{
	struct project	p = PROJECT_INIT;
	int64_t		a, b;
	char		*sql;

	ck_assert_int_eq(store_begin(fx_st), 0);
	a = add_text(proj_id, "a", NULL);
	b = add_text(proj_id, "b", NULL);
	add_text(proj_id, "c", NULL);
	ck_assert_int_eq(store_project_recount(fx_st, proj_id), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(store_project_get_id(fx_st, proj_id, &p), 1);
	ck_assert_int_eq(p.task_count, 3);
	ck_assert_int_eq(p.done_count, 0);

	sql = xasprintf("UPDATE task SET submitted = 2 WHERE id IN (%lld,"
	    " %lld)", (long long)a, (long long)b);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_task_remove(fx_st, a), 1);
	ck_assert_int_eq(store_project_recount(fx_st, proj_id), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(store_project_get_id(fx_st, proj_id, &p), 1);
	ck_assert_int_eq(p.task_count, 2);
	ck_assert_int_eq(p.done_count, 1);

	/* a rolled-back add leaves the tasks and the counters as they were */
	ck_assert_int_eq(store_begin(fx_st), 0);
	add_text(proj_id, "d", NULL);
	ck_assert_int_eq(store_project_recount(fx_st, proj_id), 0);
	store_rollback(fx_st);
	ck_assert_int_eq(store_project_get_id(fx_st, proj_id, &p), 1);
	ck_assert_int_eq(p.task_count, 2);
	ck_assert_int_eq(each(proj_id, NULL).n, 2);
	project_release(&p);
}
END_TEST

static Suite *
task_suite(void)
{
	Suite	*s = suite_create("task");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, fx_teardown);
	tcase_add_test(tc, test_add_get_text);
	tcase_add_test(tc, test_add_image);
	tcase_add_test(tc, test_ext_id);
	tcase_add_test(tc, test_remove_cascades);
	tcase_add_test(tc, test_remove_unit);
	tcase_add_test(tc, test_status_names);
	tcase_add_test(tc, test_each_status);
	tcase_add_test(tc, test_each_overlap_one);
	tcase_add_test(tc, test_each_page);
	tcase_add_test(tc, test_counters);
	tcase_add_test(tc, test_next_url);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(task_suite());
}
