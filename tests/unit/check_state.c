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

/* The names of the "ROW.state = 'name'" terms in sql's WHEN clause (up to
 * its BEGIN), as "a, b, c" in b: the shape of migration 13's triggers,
 * which test the counted states as OR terms, not as an IN list. */
static void
or_list(const char *sql, const char *row, struct buf *b)
{
	char		 pat[64];
	const char	*p, *end, *q;
	size_t		 n;

	n = (size_t)snprintf(pat, sizeof pat, "%s.state = '", row);
	p = strstr(sql, " WHEN ");
	ck_assert_msg(p != NULL, "no WHEN in %s", sql);
	end = strstr(p, " BEGIN");
	ck_assert_msg(end != NULL, "no BEGIN in %s", sql);
	buf_reset(b);
	while ((p = strstr(p, pat)) != NULL && p < end) {
		p += n;
		q = strchr(p, '\'');
		if (b->len > 0)
			buf_addstr(b, ", ");
		buf_add(b, p, (size_t)(q - p));
		p = q + 1;
	}
	/* Nothing but those terms and "AND ROW.removed = 0" may decide. */
	ck_assert_msg(strstr(sql, "state IN") == NULL, "an IN list left in %s",
	    sql);
}

START_TEST(test_counted_states)
{
	static const char *const triggers[] = { "annotator_count_task" };
	static const struct {
		const char	*name, *row;
	} ors[] = {
		{ "annotator_count_insert", "NEW" },
		{ "annotator_count_delete", "OLD" },
		{ "annotator_count_update", "OLD" },	/* migration 16 */
		{ "annotator_count_update", "NEW" },
		{ "review_count_insert", "NEW" },
		{ "review_count_delete", "OLD" },
	};
	struct buf	 b = BUF_INIT, want = BUF_INIT;
	char		*sql;
	size_t		 i;

	counted(&want);
	for (i = 0; i < ARRAY_SIZE(ors); i++) {
		sql = schema_sql(ors[i].name);
		or_list(sql, ors[i].row, &b);
		ck_assert_msg(strcmp(buf_str(&b), buf_str(&want)) == 0,
		    "%s counts %s, the code %s", ors[i].name, buf_str(&b),
		    buf_str(&want));
		free(sql);
	}
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

/* The review counts and the per-person counts the triggers keep agree
 * with a count of the annotations, through inserts and deletes of every
 * state, removed or not, sampled or not (migration 13's triggers). */
static void
counts_agree(void)
{
	ck_assert_int_eq(fx_int("SELECT count(*) FROM project p WHERE"
	    " to_review <> (SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = p.id"
	    " AND a.state = 'submitted' AND a.sampled)"
	    " OR accepted <> (SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = p.id"
	    " AND a.state = 'accepted')"
	    " OR rejected <> (SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = p.id"
	    " AND a.state = 'rejected')"
	    " OR fixed <> (SELECT count(*) FROM annotation a JOIN task t"
	    " ON t.id = a.task_id WHERE t.project_id = p.id"
	    " AND a.state = 'fixed')"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM user u WHERE"
	    " coalesce((SELECT submitted FROM annotator r WHERE r.user_id ="
	    " u.id), 0) <> (SELECT count(*) FROM annotation a WHERE"
	    " a.user_id = u.id AND a.removed = 0 AND a.state IN"
	    " ('submitted','accepted','rejected','fixed'))"), 0);
}

START_TEST(test_counted_triggers)
{
	int64_t	proj = fx_add_project("p", 1);
	char	sql[512];
	int	s, removed, sampled, user;

	fx_exec("INSERT INTO user (name, role, created_at, updated_at) VALUES"
	    " ('a', 'annotator', '', ''), ('b', 'annotator', '', '')");
	for (s = ANN_NONE + 1; s < ANN__COUNT; s++)
		for (removed = 0; removed < 2; removed++)
			for (sampled = 0; sampled < 2; sampled++) {
				snprintf(sql, sizeof sql, "INSERT INTO task"
				    " (project_id, kind, text, created_at)"
				    " VALUES (%lld, 'text', 'x', '');"
				    "INSERT INTO annotation (task_id, user_id,"
				    " state, removed, sampled, created_at,"
				    " updated_at) SELECT last_insert_rowid(),"
				    " u.id, '%s', %d, %d, '', '' FROM user u",
				    (long long)proj, annotation_state_name(s),
				    removed, sampled);
				fx_exec(sql);
			}
	ck_assert_int_gt(fx_int("SELECT accepted + rejected + fixed +"
	    " to_review FROM project"), 0);
	ck_assert_int_gt(fx_int("SELECT sum(submitted) FROM annotator"), 0);
	counts_agree();
	store_project_recount(fx_st, proj);
	counts_agree();
	for (user = 1; user <= 2; user++) {
		snprintf(sql, sizeof sql, "DELETE FROM annotation WHERE"
		    " user_id = (SELECT id FROM user WHERE name = '%s')"
		    " AND task_id %% 2 = 0", user == 1 ? "a" : "b");
		fx_exec(sql);
		counts_agree();
	}
	fx_exec("DELETE FROM annotation");
	counts_agree();
	ck_assert_int_eq(fx_int("SELECT accepted + rejected + fixed +"
	    " to_review FROM project"), 0);
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
	tcase_add_test(tc, test_counted_triggers);
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
