/* Unit tests for the project store's counting queries: annotations by
 * state, what the annotations use of the config (labels in every result
 * shape, and controls), and that other projects do not count. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "model/answer.h"
#include "model/config.h"
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

/* The config the uses are counted against: one control of each shape. */
static struct config *
uses_config(void)
{
	static const char yaml[] = "controls:\n"
	    "  - {name: sentiment, kind: choice, labels: [positive, neutral]}\n"
	    "  - {name: entities, kind: spans, labels: [PER, LOC]}\n"
	    "  - {name: rating, kind: rating}\n"
	    "  - {name: comment, kind: text}\n"
	    "  - {name: nothing, kind: multichoice, labels: [a]}\n";
	struct config	*cfg = config_parse(yaml, sizeof yaml - 1, "uses");

	ck_assert_ptr_nonnull(cfg);
	return cfg;
}

START_TEST(test_label_uses)
{
	struct config		*cfg = uses_config();
	struct answer_uses	 u;

	answer_uses_init(&u, cfg);
	ck_assert_int_eq(store_project_uses(fx_st, pid, &u), 0);
	/* A list and a bare string count; "odd" is not a label; the text
	 * of another control is not a label either. */
	ck_assert_int_eq(u.label[0][0], 2);	/* positive */
	ck_assert_int_eq(u.label[0][1], 1);	/* neutral */
	/* A span's label, once per annotation; its text is not one. */
	ck_assert_int_eq(u.label[1][0], 1);	/* PER */
	ck_assert_int_eq(u.label[1][1], 0);	/* LOC */
	ck_assert_int_eq(u.label[4][0], 0);
	answer_uses_release(&u);
	config_free(cfg);
}
END_TEST

START_TEST(test_control_uses)
{
	struct config		*cfg = uses_config();
	struct answer_uses	 u;

	answer_uses_init(&u, cfg);
	ck_assert_int_eq(store_project_uses(fx_st, pid, &u), 0);
	/* Results that are not JSON are passed over. */
	ck_assert_int_eq(u.control[0], 3);	/* sentiment */
	ck_assert_int_eq(u.control[1], 1);	/* entities */
	ck_assert_int_eq(u.control[2], 1);	/* rating */
	ck_assert_int_eq(u.control[3], 1);	/* comment */
	ck_assert_int_eq(u.control[4], 0);	/* nothing */
	answer_uses_release(&u);
	/* Another project's annotations are its own. */
	answer_uses_init(&u, cfg);
	ck_assert_int_eq(store_project_uses(fx_st, other, &u), 0);
	ck_assert_int_eq(u.control[0], 1);
	ck_assert_int_eq(u.control[1], 0);
	answer_uses_release(&u);
	config_free(cfg);
}
END_TEST

START_TEST(test_delete_cascades)
{
	struct actor	actor = { 1, 1 };
	struct state_counts	n;

	ck_assert_int_eq(store_project_remove(fx_st, &actor, pid, "p", "7"),
	    1);
	/* Once: it is gone, and nothing more is written. */
	ck_assert_int_eq(store_project_remove(fx_st, &actor, pid, "p", "7"),
	    0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'project.delete' AND object = 'p' AND detail = '7' AND user_id ="
	    " 1 AND real_user_id = 1"), 1);
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
	tcase_add_test(tc, test_control_uses);
	tcase_add_test(tc, test_delete_cascades);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
