/* Unit tests for store/quality.c (the quality figures' reader: each
 * task's answers in force, grouped by task and sorted by person, with the
 * control's value as JSON text) and model/answer_scan.c (values read
 * without a JSON tree, checked against the answer model's own load). */
#include "fixture.h"

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "store/quality.h"
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

static const char config_text[] =
    "controls:\n"
    "  - name: c\n"
    "    kind: multichoice\n"
    "    labels: [{name: a}, {name: \"b \\\"q\\\"\"}, {name: é}, {name: 😀}]\n"
    "  - name: s\n"
    "    kind: spans\n"
    "    labels: [{name: PER}, {name: ORG}]\n";

/* The scan agrees with the answer model's load, or declines. */
START_TEST(test_scan)
{
	static const struct {
		const char	*text;
		int		 n;		/* -1: declined */
		const char	*chosen;	/* per label, '1' chosen */
	} labels[] = {
		{ "[\"a\"]", 1, "1000" },
		{ " [ \"a\" , \"\\u00e9\" ] ", 2, "1010" },
		{ "[\"b \\\"q\\\"\"]", 1, "0100" },
		{ "[\"\\ud83d\\ude00\"]", 1, "0001" },
		{ "[\"😀\", \"a\", \"a\"]", 2, "1001" },
		{ "\"a\"", 1, "1000" },
		{ "[]", 0, "0000" },
		{ "[\"nope\"]", -1, NULL },
		{ "[\"a\"", -1, NULL },
		{ "[\"a\"] x", -1, NULL },
		{ "[\"\\ud83d\"]", -1, NULL },
		{ "[1]", -1, NULL },
		{ "{}", -1, NULL },
	};
	static const struct {
		const char	*text;
		int		 ok;
		size_t		 n, start, end;
		int		 label;
	} spans[] = {
		{ "[]", 1, 0, 0, 0, 0 },
		{ "[{\"start\": 0, \"end\": 5, \"label\": \"PER\"}]", 1, 1, 0, 5,
		    0 },
		{ "[{\"label\":\"ORG\",\"score\":0.5,\"x\":{\"y\":[1,{}]},"
		    "\"end\":9,\"start\":3,\"text\":\"a\\\"b\"},"
		    "{\"start\":10,\"end\":12,\"label\":\"PER\"}]", 1, 2, 3, 9,
		    1 },
		{ "[{\"start\": 0.5, \"end\": 5, \"label\": \"PER\"}]", 0, 0, 0,
		    0, 0 },
		{ "[{\"start\": 5, \"end\": 5, \"label\": \"PER\"}]", 0, 0, 0, 0,
		    0 },
		{ "[{\"start\": 0, \"end\": 5, \"label\": \"LOC\"}]", 0, 0, 0, 0,
		    0 },
		{ "[{\"start\": 0, \"end\": 5}]", 0, 0, 0, 0, 0 },
		{ "[{\"start\": -1, \"end\": 5, \"label\": \"PER\"}]", 0, 0, 0,
		    0, 0 },
	};
	struct config		*cfg = config_parse(config_text,
				    strlen(config_text), "test");
	const struct control	*c, *sc;
	struct answer		*a;
	struct ans_value	*v;
	struct ans_span		*sp = NULL;
	unsigned char		 chosen[4];
	size_t			 i, l, nsp = 0, asp = 0;
	int			 n, r;
	json_t			*res;
	char			*js;

	ck_assert_ptr_nonnull(cfg);
	c = config_control(cfg, "c");
	sc = config_control(cfg, "s");
	a = answer_new(cfg, NULL);
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		n = ans_scan_labels(c, labels[i].text, strlen(labels[i].text),
		    chosen);
		ck_assert_msg(n == labels[i].n, "%s: %d", labels[i].text, n);
		if (n < 0)
			continue;
		for (l = 0; l < 4; l++)
			ck_assert_msg(chosen[l] == (labels[i].chosen[l] == '1'),
			    "%s: label %zu", labels[i].text, l);
		/* The model reads the same. */
		js = xasprintf("{\"c\": %s}", labels[i].text);
		res = json_loads(js, 0, NULL);
		ck_assert_ptr_nonnull(res);
		answer_load_lenient(a, res);
		v = answer_value(a, "c");
		for (l = 0; l < 4; l++)
			ck_assert_int_eq(chosen[l], v->chosen[l] != 0);
		json_decref(res);
		free(js);
	}
	for (i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		r = ans_scan_spans(sc, spans[i].text, strlen(spans[i].text),
		    &sp, &nsp, &asp);
		ck_assert_msg((r == 0) == spans[i].ok, "%s", spans[i].text);
		if (r != 0)
			continue;
		ck_assert_uint_eq(nsp, spans[i].n);
		if (nsp > 0) {
			ck_assert_uint_eq(sp[0].start, spans[i].start);
			ck_assert_uint_eq(sp[0].end, spans[i].end);
			ck_assert_int_eq(sp[0].label, spans[i].label);
		}
	}
	/* A control in a result: found, absent, or for the slow path. */
	{
		const char	*mv, *t1 = "{\"s\": [], \"c\": [\"a\"] }";
		size_t		 ml;

		ck_assert_int_eq(ans_scan_member(t1, strlen(t1), "c", &mv,
		    &ml), 1);
		ck_assert_int_eq((int)ml, 7);
		ck_assert_int_eq(memcmp(mv, "[\"a\"] }", 7), 0);
		ck_assert_int_eq(ans_scan_labels(c, mv, ml, chosen), 1);
		ck_assert_int_eq(chosen[0], 1);
		ck_assert_int_eq(ans_scan_member(t1, strlen(t1), "d", &mv,
		    &ml), 0);
		ck_assert_int_eq(ans_scan_member("{}", 2, "c", &mv, &ml), 0);
		ck_assert_int_eq(ans_scan_member("[1]", 3, "c", &mv, &ml),
		    -1);
		/* A bad value is found, and its reader declines it. */
		ck_assert_int_eq(ans_scan_member("{\"c\": [}", 8, "c", &mv,
		    &ml), 1);
		ck_assert_int_eq(ans_scan_labels(c, mv, ml, chosen), -1);
		ck_assert_int_eq(ans_scan_member("{\"x\": [}, \"c\": []}", 18,
		    "c", &mv, &ml), -1);
		ck_assert_int_eq(ans_scan_member("{\"\\u0063\": 7}", 13, "c",
		    &mv, &ml), 1);
	}
	ck_assert_int_eq(ans_scan_rating("4", 1, &r), 0);
	ck_assert_int_eq(r, 4);
	ck_assert_int_eq(ans_scan_rating(" 12 ", 4, &r), 0);
	ck_assert_int_eq(r, 12);
	ck_assert_int_eq(ans_scan_rating("0", 1, &r), -1);
	ck_assert_int_eq(ans_scan_rating("2.5", 3, &r), -1);
	ck_assert_int_eq(ans_scan_rating("\"3\"", 3, &r), -1);
	ck_assert_int_eq(ans_scan_rating("99999999999", 11, &r), -1);
	free(sp);
	answer_free(a);
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
	tcase_add_test(tc, test_scan);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(quality_suite());
}
