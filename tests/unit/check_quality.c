/* Unit tests for store/quality.c (the quality figures' reader: each
 * task's answers in force, grouped by task and sorted by person, with the
 * result as its JSON text) and model/answer_scan.c (results read
 * without a JSON tree, checked against the answer model's own load). */
#include "fixture.h"

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "store/internal.h"
#include "store/pipe.h"
#include "store/quality.h"
#include "store/stats.h"
#include "util/buf.h"

/* What a walk saw, as one line per task: "TASK: USER=VALUE ...". */
struct seen {
	char	buf[16384];
	size_t	len;
	int	stop_after;	/* tasks, 0: never */
	int	tasks;
};

static int
collect(const struct quality_task *t, void *arg)
{
	struct seen	*s = arg;
	size_t		 i;

	s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len,
	    "%lld%s%s:", (long long)t->task_id, t->text != NULL ? " " : "",
	    t->text != NULL ? t->text : "");
	for (i = 0; i < t->n; i++) {
		ck_assert_uint_eq(strlen(t->v[i].value != NULL ?
		    t->v[i].value : ""), t->v[i].len);
		s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf -
		    s->len, " %lld=%s", (long long)t->v[i].user_id,
		    t->v[i].value != NULL ? t->v[i].value : "-");
	}
	s->len += (size_t)snprintf(s->buf + s->len, sizeof s->buf - s->len,
	    "\n");
	return ++s->tasks == s->stop_after;
}

static void
add_user(const char *name)
{
	struct user	u = USER_INIT;

	u.name = xstrdup(name);
	u.role = ROLE_ANNOTATOR;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	user_release(&u);
}

/* Two projects; users 2, 3, 4 (1 is the admin); tasks 1-4 in project 1
 * and task 5 in project 2. Annotations in every state, written out of
 * task and user order. */
static void
setup_data(void)
{
	fx_add_project("p", 2);
	fx_add_project("q", 2);
	add_user("ann");
	add_user("bob");
	add_user("cat");
	fx_exec("INSERT INTO task (id, project_id, kind, text, created_at)"
	    " VALUES (1, 1, 'text', 'one', 'x'), (2, 1, 'text', 'two', 'x'),"
	    " (3, 1, 'text', 'three', 'x'), (4, 1, 'text', 'four', 'x'),"
	    " (5, 2, 'text', 'five', 'x');"
	    "INSERT INTO annotation (task_id, user_id, state, result,"
	    " created_at, updated_at, removed) VALUES"
	    " (2, 4, 'submitted', '{\"c\": [\"b\"]}', 'x', 'x', 0),"
	    " (1, 3, 'accepted', '{\"c\": [\"a\"], \"d\": 1}', 'x', 'x', 0),"
	    " (1, 2, 'fixed', '{\"c\": [\"\\u00e9\"]}', 'x', 'x', 0),"
	    " (2, 2, 'submitted', '{\"d\": 2}', 'x', 'x', 0),"
	    " (2, 3, 'draft', '{\"c\": [\"x\"]}', 'x', 'x', 0),"
	    " (3, 2, 'skipped', '{}', 'x', 'x', 0),"
	    " (3, 3, 'rejected', '{\"c\": [\"r\"]}', 'x', 'x', 0),"
	    " (3, 4, 'rejected', '{\"c\": [\"r\"]}', 'x', 'x', 1),"
	    " (4, 4, 'submitted', '{\"c\": \"bare\"}', 'x', 'x', 0),"
	    " (5, 2, 'submitted', '{\"c\": [\"q\"]}', 'x', 'x', 0);");
}

START_TEST(test_grouping)
{
	struct seen	s;

	setup_data();
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_quality_each(fx_st, 1, 0, collect, &s), 0);
	/* By task, then by user id; drafts, skips and rejected (removed or
	 * not) left out, task 3 with none at all; each result as stored. */
	ck_assert_str_eq(s.buf,
	    "1: 2={\"c\": [\"\\u00e9\"]} 3={\"c\": [\"a\"], \"d\": 1}\n"
	    "2: 2={\"d\": 2} 4={\"c\": [\"b\"]}\n"
	    "4: 4={\"c\": \"bare\"}\n");
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_quality_each(fx_st, 1, QUALITY_TEXT, collect,
	    &s), 0);
	ck_assert_ptr_nonnull(strstr(s.buf, "1 one: 2="));
	ck_assert_ptr_nonnull(strstr(s.buf, "\n2 two: 2="));
	ck_assert_ptr_nonnull(strstr(s.buf, "\n4 four: 4="));
	/* Another project's tasks are its own. */
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_quality_each(fx_st, 2, 0, collect, &s), 0);
	ck_assert_str_eq(s.buf, "5: 2={\"c\": [\"q\"]}\n");
	/* fn's non-zero stops the walk and is returned. */
	memset(&s, 0, sizeof s);
	s.stop_after = 1;
	ck_assert_int_eq(store_quality_each(fx_st, 1, 0, collect, &s), 1);
	ck_assert_int_eq(s.tasks, 1);
	/* A loading batch's tasks are not seen. */
	fx_exec("UPDATE project SET loading_from = 2 WHERE id = 1");
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_quality_each(fx_st, 1, 0, collect, &s), 0);
	ck_assert_str_eq(s.buf, "1: 2={\"c\": [\"\\u00e9\"]} 3={\"c\":"
	    " [\"a\"], \"d\": 1}\n");
}
END_TEST

/* Many tasks and people: every task once, in order, its people sorted,
 * each value its own (the values' buffer moves as it grows). */
START_TEST(test_many)
{
	struct buf	 sql = BUF_INIT;
	struct seen	 s;
	int		 t, u;

	fx_add_project("p", 3);
	for (u = 0; u < 5; u++) {
		char	name[8];

		snprintf(name, sizeof name, "u%d", u);
		add_user(name);
	}
	buf_addstr(&sql, "INSERT INTO task (id, project_id, kind, text,"
	    " created_at) VALUES ");
	for (t = 1; t <= 20; t++)
		buf_printf(&sql, "%s(%d, 1, 'text', 't', 'x')", t > 1 ? "," :
		    "", t);
	buf_addstr(&sql, "; INSERT INTO annotation (task_id, user_id, state,"
	    " result, created_at, updated_at) VALUES ");
	for (u = 6; u >= 2; u--)
		for (t = 20; t >= 1; t--)
			buf_printf(&sql, "%s(%d, %d, 'submitted',"
			    " '{\"c\": [\"%d-%d-%s\"]}', 'x', 'x')",
			    u == 6 && t == 20 ? "" : ",", t, u, t, u,
			    "long enough to move the buffer more than once");
	fx_exec(buf_str(&sql));
	buf_release(&sql);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_quality_each(fx_st, 1, 0, collect, &s), 0);
	ck_assert_int_eq(s.tasks, 20);
	ck_assert_ptr_nonnull(strstr(s.buf, "\n7: 2={\"c\": [\"7-2-long"));
	ck_assert_ptr_nonnull(strstr(s.buf, " 6={\"c\": [\"20-6-long enough"
	    " to move the buffer more than once\"]}\n"));
}
END_TEST

/* Counts a walk's tasks and checks their order, for the walks of many
 * batches. */
struct order {
	int64_t	last;
	int	tasks, rows, stop_after;
};

static int
in_order(const struct quality_task *t, void *arg)
{
	struct order	*o = arg;
	size_t		 i;

	ck_assert_int_gt(t->task_id, o->last);
	o->last = t->task_id;
	ck_assert_uint_eq(t->n, 2);
	for (i = 0; i < t->n; i++)
		ck_assert_uint_eq(strlen(t->v[i].value), t->v[i].len);
	ck_assert_ptr_nonnull(t->text);
	ck_assert_str_eq(t->text, "some text to read");
	return ++o->tasks == o->stop_after ? 7 : 0;
}

static int
stats_in_order(const struct stats_row *r, void *arg)
{
	struct order	*o = arg;

	ck_assert_int_ge(r->task, o->last);
	o->tasks += r->task != o->last;
	o->last = r->task;
	o->rows++;
	ck_assert_ptr_nonnull(strstr(r->result, "\"c\""));
	ck_assert_str_eq(r->at, "2026-01-02T03:04:05Z");
	return o->rows == o->stop_after ? 9 : 0;
}

static int
count_any(const struct quality_task *t, void *arg)
{
	struct order	*o = arg;

	ck_assert_int_gt(t->task_id, o->last);
	o->last = t->task_id;
	o->tasks++;
	return 0;
}

/* An encoder (store_quality_encoded) runs in the reading threads, one
 * state each, and its bytes are the values handed over, in order. */
static int	enc_opened, enc_closed;

static void *
t_enc_open(void *arg)
{
	ck_assert_ptr_eq(arg, &enc_opened);
	__atomic_add_fetch(&enc_opened, 1, __ATOMIC_SEQ_CST);
	return xstrdup("E");
}

static void
t_enc_close(void *state)
{
	__atomic_add_fetch(&enc_closed, 1, __ATOMIC_SEQ_CST);
	free(state);
}

static void
t_enc(void *state, const char *text, size_t len, struct buf *out)
{
	buf_addstr(out, state);
	buf_printf(out, "%zu", len);
	(void)text;
}

static int
check_encoded(const struct quality_task *t, void *arg)
{
	struct order	*o = arg;
	size_t		 i;

	ck_assert_int_gt(t->task_id, o->last);
	o->last = t->task_id;
	o->tasks++;
	ck_assert_uint_eq(t->n, 2);
	for (i = 0; i < t->n; i++) {
		ck_assert_str_eq(t->v[i].value, t->v[i].user_id == 2 ? "E611" :
		    t->task_id < 10 ? "E12" : t->task_id < 100 ? "E13" :
		    t->task_id < 1000 ? "E14" : "E15");
		ck_assert_uint_eq(t->v[i].len, strlen(t->v[i].value));
	}
	return 0;
}
/* The walks read in a thread of their own hand their rows over in
 * batches (store/pipe.h): a project of many batches, more than the ring
 * holds, comes whole and in order, and a stop in a late batch is
 * returned with nothing after it. */
START_TEST(test_many_batches)
{
	struct buf	 sql = BUF_INIT;
	struct order	 o;
	int		 t, n = 2500;

	fx_add_project("p", 2);
	add_user("a");
	add_user("b");
	/* One statement each (fx_exec opens the file each time). */
	buf_addstr(&sql, "INSERT INTO task (id, project_id, kind, text,"
	    " created_at) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, 1, 'text', 'some text to read', 'x')",
		    t > 1 ? "," : "", t);
	fx_exec(buf_str(&sql));
	buf_reset(&sql);
	buf_addstr(&sql, "INSERT INTO annotation (task_id, user_id, state,"
	    " result, created_at, updated_at, submitted_at) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, 2, 'submitted', '{\"c\": [\"%0600d\"]}',"
		    " 'x', 'x', '2026-01-02T03:04:05Z'), (%d, 3, 'accepted',"
		    " '{\"c\": [\"%d\"]}', 'x', 'x', '2026-01-02T03:04:05Z')",
		    t > 1 ? "," : "", t, t, t, t);
	fx_exec(buf_str(&sql));
	buf_release(&sql);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(store_quality_each(fx_st, 1, QUALITY_TEXT, in_order,
	    &o), 0);
	ck_assert_int_eq(o.tasks, n);
	memset(&o, 0, sizeof o);
	o.stop_after = n - 100;
	ck_assert_int_eq(store_quality_each(fx_st, 1, QUALITY_TEXT, in_order,
	    &o), 7);
	ck_assert_int_eq(o.tasks, n - 100);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(store_stats_walk(fx_st, 1, stats_in_order, &o), 0);
	ck_assert_int_eq(o.tasks, n);
	ck_assert_int_eq(o.rows, 2 * n);
	memset(&o, 0, sizeof o);
	o.stop_after = 2 * n - 201;
	ck_assert_int_eq(store_stats_walk(fx_st, 1, stats_in_order, &o), 9);
	ck_assert_int_eq(o.rows, 2 * n - 201);
	/* The store is the caller's again: a walk after a stopped one. */
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(store_quality_each(fx_st, 1, 0, count_any, &o),
	    0);
	ck_assert_int_eq(o.tasks, n);
}
END_TEST

/* An encoded walk by two readers: 2100 tasks are three chunks of task
 * ids (store/pipe.c), more than pair_worth's two. */
START_TEST(test_encoded)
{
	struct quality_encoder e = { t_enc_open, t_enc, t_enc_close,
	    &enc_opened };
	struct buf	 sql = BUF_INIT;
	struct order	 o;
	int		 t, n = 2100;

	fx_add_project("p", 2);
	add_user("a");
	add_user("b");
	buf_addstr(&sql, "INSERT INTO task (id, project_id, kind, text,"
	    " created_at) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, 1, 'text', 't', 'x')", t > 1 ? "," :
		    "", t);
	fx_exec(buf_str(&sql));
	buf_reset(&sql);
	buf_addstr(&sql, "INSERT INTO annotation (task_id, user_id, state,"
	    " result, created_at, updated_at) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, 2, 'submitted', '{\"c\": [\"%0600d\"]}',"
		    " 'x', 'x'), (%d, 3, 'accepted', '{\"c\": [\"%d\"]}', 'x',"
		    " 'x')", t > 1 ? "," : "", t, t, t, t);
	fx_exec(buf_str(&sql));
	buf_release(&sql);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(store_quality_encoded(fx_st, 1, 0, &e,
	    check_encoded, &o), 0);
	ck_assert_int_eq(o.tasks, n);
	ck_assert_int_eq(enc_opened, 2);
	ck_assert_int_eq(enc_closed, 2);
}
END_TEST

/* What test_stats_chunks' walk saw. */
struct srows {
	int	rows, fixes;
	int64_t	last_task, last_user;
};

static int
stats_rows(const struct stats_row *r, void *arg)
{
	struct srows	*o = arg;

	/* In key order, never a draft, another project's task, the gold
	 * one or one loading. */
	ck_assert(r->task > o->last_task || (r->task == o->last_task &&
	    r->user > o->last_user));
	o->last_task = r->task;
	o->last_user = r->user;
	ck_assert_int_ne(r->state, ANN_DRAFT);
	ck_assert(r->task <= 1024 || r->task > 2048 || r->task % 100 != 0);
	ck_assert_int_ne(r->task, 2500);
	ck_assert_int_lt(r->task, 2900);
	if (r->state == ANN_FIXED) {
		/* The fix, not its person's own; a withdrawn fix is not. */
		ck_assert_str_eq(r->result, r->task == 10 ? "{\"c\": [\"fix\"]}" :
		    "{\"c\": [\"own\"]}");
		o->fixes++;
	}
	o->rows++;
	return 0;
}

/* The stats walk over three chunks of task ids (store/stats.c): the
 * first all the project's (read without the tasks' stream), the second
 * with another project's tasks among them, the third with a gold task
 * and the tasks from 2900 loading; drafts left out everywhere, a fixed
 * annotation's result its fix. */
START_TEST(test_stats_chunks)
{
	struct buf	 sql = BUF_INIT;
	struct srows	 o;
	int		 t, n = 3000, want = 0;

	fx_add_project("p", 2);
	fx_add_project("q", 2);
	add_user("a");
	add_user("b");
	buf_addstr(&sql, "INSERT INTO task (id, project_id, kind, text,"
	    " created_at, is_gold) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, %d, 'text', 't', 'x', %d)", t > 1 ?
		    "," : "", t, t > 1024 && t <= 2048 && t % 100 == 0 ? 2 : 1,
		    t == 2500);
	fx_exec(buf_str(&sql));
	buf_reset(&sql);
	buf_addstr(&sql, "INSERT INTO annotation (task_id, user_id, state,"
	    " result, created_at, updated_at) VALUES ");
	for (t = 1; t <= n; t++)
		buf_printf(&sql, "%s(%d, 2, '%s', '{\"c\": [\"own\"]}', 'x',"
		    " 'x'), (%d, 3, '%s', '{\"c\": [\"b\"]}', 'x', 'x')",
		    t > 1 ? "," : "", t, t % 10 == 0 ? "fixed" : "submitted",
		    t, t % 7 == 0 ? "draft" : "submitted");
	fx_exec(buf_str(&sql));
	buf_release(&sql);
	/* Task 10's fix stands; task 20's was withdrawn. */
	fx_exec("INSERT INTO review (id, annotation_id, reviewer_id, verdict,"
	    " result, from_state, created_at) SELECT 1, id, 3, 'fix',"
	    " '{\"c\": [\"fix\"]}', 'submitted', 'x' FROM annotation"
	    " WHERE task_id = 10 AND user_id = 2");
	fx_exec("INSERT INTO review (id, annotation_id, reviewer_id, verdict,"
	    " result, from_state, created_at) SELECT 2, id, 3, 'fix',"
	    " '{\"c\": [\"fix\"]}', 'submitted', 'x' FROM annotation"
	    " WHERE task_id = 20 AND user_id = 2");
	fx_exec("INSERT INTO review (annotation_id, reviewer_id, verdict,"
	    " from_state, withdraws, created_at) SELECT id, 3, 'withdraw',"
	    " 'fixed', 2, 'x' FROM annotation WHERE task_id = 20"
	    " AND user_id = 2");
	fx_exec("UPDATE project SET loading_from = 2900 WHERE id = 1");
	for (t = 1; t < 2900; t++)
		if (t != 2500 && !(t > 1024 && t <= 2048 && t % 100 == 0))
			want += 1 + (t % 7 != 0);
	memset(&o, 0, sizeof o);
	ck_assert_int_eq(store_stats_walk(fx_st, 1, stats_rows, &o), 0);
	ck_assert_int_eq(o.rows, want);
	/* Tasks 10 to 2890 in tens, less project q's ten and the gold one. */
	ck_assert_int_eq(o.fixes, 289 - 10 - 1);
}
END_TEST

/* A count by the store's own connection. */
static int64_t
count_on(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* The walks' second connection (store/pipe.h): both read one snapshot
 * until pipe_pair_close, whatever another process commits meanwhile;
 * none inside a transaction of the store's (its snapshot's start is not
 * known). */
START_TEST(test_pair)
{
	struct store	*b;

	fx_add_project("p", 2);
	fx_exec("INSERT INTO task (id, project_id, kind, text, created_at)"
	    " VALUES (1, 1, 'text', 'one', 'x')");
	b = pipe_pair_open(fx_st);
	ck_assert_ptr_nonnull(b);
	fx_exec("INSERT INTO task (id, project_id, kind, text, created_at)"
	    " VALUES (2, 1, 'text', 'two', 'x')");
	ck_assert_int_eq(count_on(fx_st, "SELECT count(*) FROM task"), 1);
	ck_assert_int_eq(count_on(b, "SELECT count(*) FROM task"), 1);
	pipe_pair_close(fx_st, b);
	ck_assert_int_eq(count_on(fx_st, "SELECT count(*) FROM task"), 2);
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_ptr_null(pipe_pair_open(fx_st));
	ck_assert_int_eq(store_commit(fx_st), 0);
}
END_TEST

static const char config_text[] =
    "controls:\n"
    "  - name: c\n"
    "    kind: multichoice\n"
    "    labels: [{name: a}, {name: \"b \\\"q\\\"\"}, {name: é}, {name: 😀}]\n"
    "  - name: s\n"
    "    kind: spans\n"
    "    labels: [{name: PER}, {name: ORG}]\n"
    "  - name: k\n"
    "    kind: choice\n"
    "    labels: [{name: yes}, {name: no, retired: true}]\n"
    "  - name: r\n"
    "    kind: rating\n"
    "    max: 4\n"
    "  - name: t\n"
    "    kind: text\n"
    "  - name: b\n"
    "    kind: boxes\n"
    "    labels: [{name: car}]\n";

/* The fast reader (answer_scan) takes a result and makes the answer the
 * general way makes, or declines it. */
START_TEST(test_scan)
{
	static const struct {
		const char	*text;
		int		 taken;
		const char	*chosen;	/* c's labels, '1' chosen */
	} cases[] = {
		{ "{\"c\": [\"a\"]}", 1, "1000" },
		{ " { \"c\" : [ \"a\" , \"\\u00e9\" ] } ", 1, "1010" },
		{ "{\"c\": [\"b \\\"q\\\"\"]}", 1, "0100" },
		{ "{\"c\": [\"\\ud83d\\ude00\"]}", 1, "0001" },
		{ "{\"c\": [\"😀\", \"a\", \"a\"]}", 1, "1001" },
		{ "{\"c\": \"a\"}", 1, "1000" },
		{ "{\"c\": []}", 1, "0000" },
		{ "{}", 1, "0000" },
		{ "{\"c\": [\"nope\"]}", 0, NULL },
		{ "{\"c\": [\"a\"]", 0, NULL },
		{ "{\"c\": [\"a\"]} x", 0, NULL },
		{ "{\"c\": [\"\\ud83d\"]}", 0, NULL },
		{ "{\"c\": [1]}", 0, NULL },
		{ "{\"c\": {}}", 0, NULL },
		{ "[1]", 0, NULL },
		{ "{\"c\": [\"a\"], \"c\": [\"a\"]}", 0, NULL },
		{ "{\"x\": 1}", 0, NULL },
		/* Invalid UTF-8 (an overlong "a"): jansson refuses it. */
		{ "{\"c\": [\"\xc1\xa1\"]}", 0, NULL },
		{ "{\"s\": []}", 1, "0000" },
		{ "{\"s\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"},"
		    " {\"label\": \"ORG\", \"end\": 9, \"start\": 5}]}", 1,
		    "0000" },
		{ "{\"s\": [{\"start\": 0.5, \"end\": 5, \"label\": \"PER\"}]}",
		    0, NULL },
		{ "{\"s\": [{\"start\": 5, \"end\": 5, \"label\": \"PER\"}]}", 0,
		    NULL },
		{ "{\"s\": [{\"start\": 0, \"end\": 5, \"label\": \"LOC\"}]}", 0,
		    NULL },
		{ "{\"s\": [{\"start\": 0, \"end\": 5}]}", 0, NULL },
		{ "{\"s\": [{\"start\": 01, \"end\": 5, \"label\": \"PER\"}]}",
		    0, NULL },
		/* Out of order, overlapping, another key: the general way. */
		{ "{\"s\": [{\"start\": 6, \"end\": 9, \"label\": \"PER\"},"
		    " {\"start\": 0, \"end\": 5, \"label\": \"PER\"}]}", 0, NULL },
		{ "{\"s\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\"},"
		    " {\"start\": 4, \"end\": 9, \"label\": \"PER\"}]}", 0, NULL },
		{ "{\"s\": [{\"start\": 0, \"end\": 5, \"label\": \"PER\","
		    " \"score\": 0.5}]}", 0, NULL },
		{ "{\"k\": [\"no\"], \"r\": 4, \"t\": \"a\\nb \\u00e9\"}", 1,
		    "0000" },
		{ "{\"k\": [\"yes\", \"no\"]}", 0, NULL },
		{ "{\"r\": 5}", 0, NULL },
		{ "{\"r\": 0}", 0, NULL },
		{ "{\"t\": \"a\\u0000b\"}", 0, NULL },
		{ "{\"b\": []}", 0, NULL },
	};
	struct config		*cfg = config_parse(config_text,
				    strlen(config_text), "test");
	const struct control	*c;
	struct answer		*fast, *slow, *one;
	struct ans_value	*v;
	size_t			 i, k, l, len;
	json_t			*res;

	ck_assert_ptr_nonnull(cfg);
	c = config_control(cfg, "c");
	fast = answer_new(cfg, NULL);
	slow = answer_new(cfg, NULL);
	one = answer_new(cfg, NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		len = strlen(cases[i].text);
		ck_assert_msg(answer_scan(fast, cases[i].text, len, NULL) ==
		    cases[i].taken, "%s", cases[i].text);
		if (!cases[i].taken) {
			for (k = 0; k < fast->n; k++)
				ck_assert_int_eq(fast->v[k].present, 0);
			continue;
		}
		v = answer_value(fast, "c");
		for (l = 0; l < 4; l++)
			ck_assert_msg(v->chosen[l] == (cases[i].chosen[l] ==
			    '1'), "%s: label %zu", cases[i].text, l);
		/* The model reads the same. */
		res = json_loads(cases[i].text, 0, NULL);
		ck_assert_ptr_nonnull(res);
		answer_load_lenient(slow, res);
		json_decref(res);
		ck_assert_msg(answer_equal(fast, slow), "%s", cases[i].text);
		for (k = 0; k < fast->n; k++) {
			ck_assert_int_eq(fast->v[k].present,
			    slow->v[k].present);
			/* Each control alone: the same value, the rest
			 * empty. */
			ck_assert_int_eq(answer_scan(one, cases[i].text, len,
			    fast->v[k].control), 1);
			ck_assert_int_eq(one->v[k].present,
			    fast->v[k].present);
			ck_assert(!one->v[k].present ||
			    ans_value_equal(&one->v[k], &fast->v[k]));
			for (l = 0; l < one->n; l++)
				ck_assert(l == k || !one->v[l].present);
		}
	}
	/* One control read, the others stepped over whatever they hold
	 * (a box, a key for no control, a span of another shape). */
	{
		const char	*t = "{\"b\": [{\"x\": 1}], \"zz\": {\"q\": [1,"
				    " \"\\\"\"]}, \"s\": [{\"start\": 2, \"end\":"
				    " 1}], \"c\": [\"a\"] }";

		ck_assert_int_eq(answer_scan(fast, t, strlen(t), NULL), 0);
		ck_assert_int_eq(answer_scan(one, t, strlen(t), c), 1);
		ck_assert_int_eq(answer_value(one, "c")->chosen[0], 1);
		ck_assert_int_eq(answer_value(one, "s")->present, 0);
		ck_assert_int_eq(answer_scan(one, t, strlen(t),
		    config_control(cfg, "s")), 0);
		/* Found by its name's escape too; absent is not present. */
		ck_assert_int_eq(answer_scan(one, "{\"\\u0063\": []}", 14, c),
		    1);
		ck_assert_int_eq(answer_value(one, "c")->present, 1);
		ck_assert_int_eq(answer_scan(one, "{\"s\": []}", 9, c), 1);
		ck_assert_int_eq(answer_value(one, "c")->present, 0);
		ck_assert_int_eq(answer_scan(one, "{\"x\": [}, \"c\": []}", 18,
		    c), 0);
		/* What follows the one asked for is not read. */
		ck_assert_int_eq(answer_scan(one, "{\"c\": [\"a\"], \"s\": [}",
		    20, c), 1);
		ck_assert_int_eq(answer_value(one, "c")->chosen[0], 1);
		ck_assert_int_eq(answer_scan(fast, "{\"c\": [\"a\"], \"s\": [}",
		    20, NULL), 0);
	}
	answer_free(fast);
	answer_free(slow);
	answer_free(one);
	config_free(cfg);
}
END_TEST

/* answer_scan_check, an import's check of a result given as text: where
 * it takes a result, the strict check (answer_check_in, retired labels
 * allowed) takes it and leaves it as it is (the text is stored as
 * given); it declines what the check refuses or rewrites. */
START_TEST(test_scan_check)
{
	static const struct {
		const char	*text;
		int		 image;		/* a 160x120 image, or a text */
		int		 taken;
	} cases[] = {
		{ "{\"c\":[\"a\"]}", 0, 1 },
		{ "{}", 0, 1 },
		{ "{\"k\":[\"no\"]}", 0, 1 },		/* retired: import's */
		{ "{\"k\":\"yes\"}", 0, 0 },		/* rewritten as a list */
		{ "{\"c\":\"a\"}", 0, 0 },		/* refused by the check */
		{ "{\"c\":[\"a\",\"a\"]}", 0, 0 },	/* a label twice */
		{ "{\"k\":[\"yes\",\"no\"]}", 0, 0 },
		{ "{\"s\":[{\"start\":0,\"end\":5,\"label\":\"PER\"}]}", 0, 1 },
		{ "{\"s\":[{\"start\":0,\"end\":12,\"label\":\"PER\"}]}", 0, 1 },
		{ "{\"s\":[{\"start\":0,\"end\":13,\"label\":\"PER\"}]}", 0, 0 },
		{ "{\"s\":[{\"start\":0,\"end\":11,\"label\":\"PER\","
		    "\"token_start\":0}]}", 0, 1 },
		{ "{\"s\":[{\"start\":0,\"end\":5,\"label\":\"PER\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":0,\"y\":0,\"width\":160,\"height\":120,"
		    "\"label\":\"car\"}]}", 1, 1 },
		{ "{\"b\":[{\"x\":3,\"y\":94.000038000000004,\"width\":44,"
		    "\"height\":11.000004000000001,\"label\":\"car\"}]}", 1, 1 },
		{ "{\"b\":[{\"x\":1,\"y\":0,\"width\":160,\"height\":120,"
		    "\"label\":\"car\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":0,\"y\":0,\"width\":160.0000009,\"height\":"
		    "1,\"label\":\"car\"}]}", 1, 1 },
		{ "{\"b\":[{\"x\":0,\"y\":0,\"width\":160.0000011,\"height\":"
		    "1,\"label\":\"car\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":161,\"y\":0,\"width\":1,\"height\":1,"
		    "\"label\":\"car\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":1,\"y\":1,\"width\":1,\"height\":1,"
		    "\"rotation\":30,\"label\":\"car\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":1e1,\"y\":1,\"width\":1,\"height\":1,"
		    "\"label\":\"car\"}]}", 1, 1 },
		{ "{\"b\":[{\"x\":1,\"y\":1,\"width\":0,\"height\":1,"
		    "\"label\":\"car\"}]}", 1, 0 },
		{ "{\"b\":[{\"x\":1,\"y\":1,\"width\":1,\"height\":1,"
		    "\"label\":\"car\"}]}", 0, 0 },
		{ "{\"b\":[{\"x\":1,\"y\":1,\"width\":1,\"height\":1,"
		    "\"label\":\"bus\"}]}", 1, 0 },
		{ "{\"r\":4,\"t\":\"x\"}", 0, 1 },
		{ "{\"r\":5}", 0, 0 },
		{ "{\"zz\":1}", 0, 0 },
	};
	struct config		*cfg = config_parse(config_text,
				    strlen(config_text), "test");
	struct answer		*fast, *slow;
	struct answer_task	 t;
	char			 err[256], *before, *after;
	size_t			 i, k;
	json_t			*res;
	int			 taken;

	ck_assert_ptr_nonnull(cfg);
	fast = answer_new(cfg, NULL);
	slow = answer_new(cfg, NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&t, 0, sizeof t);
		if (cases[i].image) {
			t.width = 160;
			t.height = 120;
		} else {
			t.text = "Ada Lovelace";
			t.text_len = 12;
		}
		taken = answer_scan_check(fast, cases[i].text,
		    strlen(cases[i].text), &t);
		ck_assert_msg(taken == cases[i].taken, "%s", cases[i].text);
		for (k = 0; k < fast->n; k++)
			ck_assert_int_eq(fast->v[k].present, 0);
		if (!taken)
			continue;
		res = json_loads(cases[i].text, 0, NULL);
		ck_assert_ptr_nonnull(res);
		before = json_dumps(res, JSON_COMPACT);
		ck_assert_msg(answer_check_in(slow, res, &t,
		    ANSWER_ALLOW_RETIRED, err, sizeof err) == 0, "%s: %s",
		    cases[i].text, err);
		after = json_dumps(res, JSON_COMPACT);
		ck_assert_str_eq(before, after);
		free(before);
		free(after);
		json_decref(res);
	}
	answer_free(fast);
	answer_free(slow);
	config_free(cfg);
}
END_TEST

static Suite *
quality_suite(void)
{
	Suite	*s = suite_create("quality");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_add_test(tc, test_grouping);
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_many_batches);
	tcase_add_test(tc, test_pair);
	tcase_add_test(tc, test_encoded);
	tcase_add_test(tc, test_stats_chunks);
	tcase_add_test(tc, test_scan);
	tcase_add_test(tc, test_scan_check);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(quality_suite());
}
