/* Unit tests for model/state.c and model/role.c against the schema: the
 * shipped migrations are never edited, so the lists the schema holds in
 * its CHECK constraints and triggers must be the lists the code holds. A
 * new state or role needs a migration that changes the schema too, and
 * this test says so. */
#include <check.h>
#include <string.h>

#include "fixture.h"
#include "model/role.h"
#include "model/state.h"
#include "util/buf.h"

/* The SQL of a table or trigger in a fresh database, for the caller to
 * free. */
static char *
schema_sql(const char *name)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	char		*sql = NULL;

	ck_assert_int_eq(sqlite3_open(fx_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master"
	    " WHERE name = ?", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		sql = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	ck_assert_msg(sql != NULL, "no %s in the schema", name);
	return sql;
}

/* The quoted names after the first "COLUMN IN (" in sql, as "a, b, c" in
 * b. */
static void
in_list(const char *sql, const char *column, struct buf *b)
{
	char		 pat[64];
	const char	*p, *end, *q;

	snprintf(pat, sizeof pat, "%s IN", column);
	p = strstr(sql, pat);
	ck_assert_msg(p != NULL, "no \"%s\" in %s", pat, sql);
	p = strchr(p, '(');
	end = strchr(p, ')');
	buf_reset(b);
	while ((p = memchr(p, '\'', (size_t)(end - p))) != NULL) {
		q = strchr(p + 1, '\'');
		/* '' (the store's end of a list) is no name. */
		if (q > p + 1) {
			if (b->len > 0)
				buf_addstr(b, ", ");
			buf_add(b, p + 1, (size_t)(q - p - 1));
		}
		p = q + 1;
	}
}

START_TEST(test_state_check)
{
	struct buf	 b = BUF_INIT;
	char		*sql = schema_sql("annotation");

	in_list(sql, "state", &b);
	ck_assert_str_eq(buf_str(&b), ANNOTATION_STATE_NAMES);
	free(sql);
	buf_release(&b);
}
END_TEST

/* The states that count toward the overlap, as a list. */
static void
counted(struct buf *b)
{
	int	s;

	buf_reset(b);
	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		if (annotation_state_counts(s))
			buf_printf(b, "%s%s", b->len > 0 ? ", " : "",
			    annotation_state_name(s));
}

START_TEST(test_counted_states)
{
	static const char *const triggers[] = { "annotator_count_insert",
	    "annotator_count_update", "annotator_count_delete",
	    "annotator_count_task" };
	struct buf	 b = BUF_INIT, want = BUF_INIT;
	char		*sql;
	size_t		 i;

	counted(&want);
	for (i = 0; i < ARRAY_SIZE(triggers); i++) {
		sql = schema_sql(triggers[i]);
		in_list(sql, "state", &b);
		ck_assert_msg(strcmp(buf_str(&b), buf_str(&want)) == 0,
		    "%s counts %s, the code %s", triggers[i], buf_str(&b),
		    buf_str(&want));
		free(sql);
	}
	/* The list the store's own statements use. */
	in_list("state IN " STATES_COUNTED_SQL, "state", &b);
	ck_assert_str_eq(buf_str(&b), buf_str(&want));
	buf_release(&b);
	buf_release(&want);
}
END_TEST

START_TEST(test_role_check)
{
	static const char *const tables[] = { "user", "member" };
	struct buf	 b = BUF_INIT;
	char		*sql;
	size_t		 i;

	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		sql = schema_sql(tables[i]);
		in_list(sql, "role", &b);
		ck_assert_str_eq(buf_str(&b), ROLE_NAMES);
		free(sql);
	}
	buf_release(&b);
}
END_TEST

START_TEST(test_state_names)
{
	int	s;

	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		ck_assert_int_eq(annotation_state_from_name(
		    annotation_state_name(s)), s);
	ck_assert_int_eq(annotation_state_from_name("done"), ANN_NONE);
	ck_assert_int_eq(annotation_state_from_name(NULL), ANN_NONE);
	ck_assert_str_eq(annotation_state_name(ANN_NONE), "none");
	ck_assert(annotation_state_reviewed(ANN_ACCEPTED));
	ck_assert(!annotation_state_reviewed(ANN_SUBMITTED));
	ck_assert(!annotation_state_counts(ANN_SKIPPED));
}
END_TEST

static Suite *
state_suite(void)
{
	Suite	*s = suite_create("state");
	TCase	*tc = tcase_create("state");

	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_add_test(tc, test_state_check);
	tcase_add_test(tc, test_counted_states);
	tcase_add_test(tc, test_role_check);
	tcase_add_test(tc, test_state_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(state_suite());
}
