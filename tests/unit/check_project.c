/* Unit tests for the project store's counting queries: annotations by
 * state, the labels a control's annotations use (every result shape), the
 * annotations that use a control, and that other projects do not count. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/project.h"
#include "util/buf.h"

static int64_t	pid, other;

static int64_t
add_project(const char *name)
{
	struct project	p = PROJECT_INIT;
	int64_t		id;

	p.name = xstrdup(name);
	p.type = xstrdup("custom");
	p.config = xstrdup("controls: [{name: c, kind: text}]\n");
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	id = p.id;
	project_release(&p);
	return id;
}

/* One task in project with one annotation by user 1 in state. */
static void
annotate(int64_t project, const char *state, const char *result)
{
	char	*sql;

	sql = sqlite3_mprintf("INSERT INTO task (project_id, kind, text,"
	    " created_at) VALUES (%lld, 'text', 'x', 'now');"
	    " INSERT INTO annotation (task_id, user_id, state, result,"
	    " created_at, updated_at) VALUES (last_insert_rowid(), 1, %Q, %Q,"
	    " 'now', 'now');", (long long)project, state, result);
	fx_exec(sql);
	sqlite3_free(sql);
}

static void
setup(void)
{
	fx_setup();
	pid = add_project("p");
	other = add_project("q");
	annotate(pid, "submitted", "{\"sentiment\": [\"positive\"]}");
	annotate(pid, "submitted", "{\"sentiment\": \"positive\"}");
	annotate(pid, "draft", "{\"sentiment\": [\"neutral\", \"odd\"]}");
	annotate(pid, "skipped", "{}");
	annotate(pid, "accepted", "{\"entities\": [{\"start\": 0, \"end\": 1,"
	    " \"label\": \"PER\", \"text\": \"positive\"}, {\"start\": 2,"
	    " \"end\": 3, \"label\": \"PER\"}]}");
	annotate(pid, "rejected", "not json at all");
	annotate(pid, "submitted", "{\"rating\": 4, \"comment\": \"positive\"}");
	annotate(other, "submitted", "{\"sentiment\": [\"positive\"]}");
}

/* Collects label=count pairs. */
static int
collect(const char *label, int64_t n, void *arg)
{
	buf_printf(arg, "%s=%lld ", label, (long long)n);
	return 0;
}

START_TEST(test_counts)
{
	struct state_counts	n;

	ck_assert_int_eq(store_project_counts(fx_st, pid, &n), 0);
	ck_assert_int_eq(n.total, 7);
	ck_assert_int_eq(n.n[ANN_SUBMITTED], 3);
	ck_assert_int_eq(n.n[ANN_DRAFT], 1);
	ck_assert_int_eq(n.n[ANN_SKIPPED], 1);
	ck_assert_int_eq(n.n[ANN_ACCEPTED], 1);
	ck_assert_int_eq(n.n[ANN_REJECTED], 1);
	ck_assert_int_eq(store_project_counts(fx_st, other, &n), 0);
	ck_assert_int_eq(n.total, 1);
	ck_assert_int_eq(store_project_counts(fx_st, 999, &n), 0);
	ck_assert_int_eq(n.total, 0);
}
END_TEST

START_TEST(test_label_uses)
{
	struct buf	b = BUF_INIT;

	/* A list, a bare string; other controls' strings do not count. */
	ck_assert_int_eq(store_project_label_uses(fx_st, pid, "sentiment",
	    collect, &b), 0);
	ck_assert_str_eq(buf_str(&b), "neutral=1 odd=1 positive=2 ");
	/* A span's label, counted once per annotation; its text is not. */
	buf_reset(&b);
	ck_assert_int_eq(store_project_label_uses(fx_st, pid, "entities",
	    collect, &b), 0);
	ck_assert_str_eq(buf_str(&b), "PER=1 ");
	/* A text control's string, for completeness. */
	buf_reset(&b);
	ck_assert_int_eq(store_project_label_uses(fx_st, pid, "comment",
	    collect, &b), 0);
	ck_assert_str_eq(buf_str(&b), "positive=1 ");
	buf_reset(&b);
	ck_assert_int_eq(store_project_label_uses(fx_st, pid, "nothing",
	    collect, &b), 0);
	ck_assert_str_eq(buf_str(&b), "");
	buf_release(&b);
}
END_TEST

static int
stop_at_first(const char *label, int64_t n, void *arg)
{
	(void)label;
	(void)n;
	(*(int *)arg)++;
	return 7;
}

START_TEST(test_label_uses_stop)
{
	int	calls = 0;

	ck_assert_int_eq(store_project_label_uses(fx_st, pid, "sentiment",
	    stop_at_first, &calls), 7);
	ck_assert_int_eq(calls, 1);
}
END_TEST

START_TEST(test_control_uses)
{
	ck_assert_int_eq(store_project_control_uses(fx_st, pid, "sentiment"),
	    3);
	ck_assert_int_eq(store_project_control_uses(fx_st, pid, "rating"), 1);
	ck_assert_int_eq(store_project_control_uses(fx_st, pid, "entities"),
	    1);
	ck_assert_int_eq(store_project_control_uses(fx_st, pid, "nothing"),
	    0);
	ck_assert_int_eq(store_project_control_uses(fx_st, other,
	    "sentiment"), 1);
}
END_TEST

START_TEST(test_delete_cascades)
{
	struct state_counts	n;

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_project_delete(fx_st, pid), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	ck_assert_int_eq(store_project_counts(fx_st, pid, &n), 0);
	ck_assert_int_eq(n.total, 0);
	ck_assert_int_eq(store_project_counts(fx_st, other, &n), 0);
	ck_assert_int_eq(n.total, 1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("project");
	TCase	*tc = tcase_create("counts");

	tcase_add_checked_fixture(tc, setup, fx_teardown);
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_label_uses);
	tcase_add_test(tc, test_label_uses_stop);
	tcase_add_test(tc, test_control_uses);
	tcase_add_test(tc, test_delete_cascades);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
