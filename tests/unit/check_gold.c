/* Unit tests for gold tasks: the serving rule and the settings
 * (src/model/gold.c), scoring an answer against a gold one by kind
 * (answer_score in src/model/answer.c), and the store (src/store/gold.c
 * and the next-task walk): a queue's share of gold, onboarding, gold
 * exempt from the overlap and out of the counters, each score stored, a
 * low score telling and pausing, resume; and extra annotators (issue 12
 * section 2: store/extra.c and the walk's extra part), which share the
 * fixture. */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/gold.h"
#include "store/annotation.h"
#include "store/gold.h"

static const char kinds_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - name: c\n"
	"    kind: choice\n"
	"    labels: [pos, neg]\n"
	"  - name: m\n"
	"    kind: multichoice\n"
	"    labels: [x, y, z]\n"
	"  - name: s\n"
	"    kind: spans\n"
	"    labels: [PER, ORG]\n"
	"  - name: r\n"
	"    kind: rating\n"
	"    max: 5\n"
	"  - name: t\n"
	"    kind: text\n";

static const char boxes_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - name: b\n"
	"    kind: boxes\n"
	"    labels: [car, dog]\n";

#define TEXT	"Ada Lovelace met Babbage in London."

#define GOLD_ALL "{\"c\": \"pos\", \"m\": [\"x\", \"y\"], \"s\": [{\"start\": 0," \
	" \"end\": 3, \"label\": \"PER\"}, {\"start\": 17, \"end\": 24," \
	" \"label\": \"PER\"}], \"r\": 5, \"t\": \"kitten\"}"
#define GOT_ALL "{\"c\": \"pos\", \"m\": [\"y\", \"z\"], \"s\": [{\"start\": 0," \
	" \"end\": 3, \"label\": \"PER\"}, {\"start\": 17, \"end\": 23," \
	" \"label\": \"PER\"}], \"r\": 3, \"t\": \"sitting\"}"

static struct config *
parse(const char *y)
{
	struct config	*cfg = config_parse(y, strlen(y), "test.yaml");

	ck_assert_ptr_nonnull(cfg);
	return cfg;
}

static struct answer *
load(struct config *cfg, struct answer_task *t, const char *s)
{
	struct answer	*a = answer_new(cfg, t);
	json_t		*j = json_loads(s, 0, NULL);
	char		 err[256];

	ck_assert_ptr_nonnull(j);
	ck_assert_msg(answer_load(a, j, 0, err, sizeof err) == 0, "%s", err);
	json_decref(j);
	return a;
}

#define NEAR(a, b)	ck_assert_msg(fabs((a) - (b)) < 1e-9, "%.12f != %.12f", \
	(double)(a), (double)(b))

START_TEST(test_every)
{
	ck_assert_int_eq(gold_every(0), 0);
	ck_assert_int_eq(gold_every(0.1), 10);
	ck_assert_int_eq(gold_every(0.25), 4);
	ck_assert_int_eq(gold_every(0.3), 4);
	ck_assert_int_eq(gold_every(0.5), 2);
	ck_assert_int_eq(gold_every(1), 1);
	ck_assert_int_eq(gold_every(0.01), 100);
}
END_TEST

START_TEST(test_slot)
{
	int64_t	i;
	int	n = 0;

	/* Every 4th (the 4th, 8th, ...: positions 3, 7, ...). */
	for (i = 0; i < 12; i++)
		ck_assert_int_eq(gold_slot(4, 0, i), i % 4 == 3);
	/* Onboarding first, then the rate's own positions. */
	ck_assert(gold_slot(4, 2, 0));
	ck_assert(gold_slot(4, 2, 1));
	ck_assert(!gold_slot(4, 2, 2));
	ck_assert(gold_slot(4, 2, 3));
	ck_assert(!gold_slot(0, 2, 2));
	ck_assert(!gold_slot(0, 0, 0));
	/* The share holds: 10 of 100 at 0.1. */
	for (i = 0; i < 100; i++)
		n += gold_slot(gold_every(0.1), 0, i);
	ck_assert_int_eq(n, 10);
}
END_TEST

START_TEST(test_below)
{
	struct gold_policy	p = GOLD_POLICY_INIT;

	ck_assert(!gold_below(&p, 10, 0));	/* no minimum */
	p.min_score = 0.6;
	p.min_tasks = 2;
	ck_assert(!gold_below(&p, 1, 0));	/* too few yet */
	ck_assert(gold_below(&p, 2, 0.5));
	ck_assert(!gold_below(&p, 2, 0.6));	/* at it is not below */
	ck_assert(!gold_below(&p, 0, 0));
}
END_TEST

START_TEST(test_fraction)
{
	struct gold_policy	p = GOLD_POLICY_INIT;
	double			v = -1;

	ck_assert_int_eq(gold_fraction_read("0.1", &v), 0);
	NEAR(v, 0.1);
	ck_assert_int_eq(gold_fraction_read("1", &v), 0);
	ck_assert_int_eq(gold_fraction_read(".5", &v), 0);
	NEAR(v, 0.5);
	ck_assert_int_eq(gold_fraction_read("1.5", &v), -1);
	ck_assert_int_eq(gold_fraction_read("-0.1", &v), -1);
	ck_assert_int_eq(gold_fraction_read("1e-1", &v), -1);
	ck_assert_int_eq(gold_fraction_read("0x1", &v), -1);
	ck_assert_int_eq(gold_fraction_read("inf", &v), -1);
	ck_assert_int_eq(gold_fraction_read(".", &v), -1);
	ck_assert_int_eq(gold_fraction_read("", &v), -1);
	ck_assert_int_eq(gold_fraction_read("0.1.2", &v), -1);
	ck_assert_int_eq(gold_match_read("lenient", &p), 0);
	ck_assert(p.lenient);
	ck_assert_int_eq(gold_match_read("strict", &p), 0);
	ck_assert(!p.lenient);
	ck_assert_int_eq(gold_match_read("Strict", &p), -1);
}
END_TEST

/* The settings read back as written (config_to_yaml). */
START_TEST(test_config_round_trip)
{
	static const char y[] = "settings:\n  gold_rate: 0.1\n"
	    "  gold_onboarding: 3\n  gold_min_score: 0.75\n"
	    "  gold_match: lenient\n  gold_min_tasks: 7\n  gold_pause: yes\n"
	    "controls: [{name: c, kind: choice, labels: [a, b]}]\n";
	struct config	*cfg = parse(y), *again;
	char		*out;

	NEAR(cfg->gold.rate, 0.1);
	ck_assert_int_eq(cfg->gold.onboarding, 3);
	NEAR(cfg->gold.min_score, 0.75);
	ck_assert(cfg->gold.lenient);
	ck_assert_int_eq(cfg->gold.min_tasks, 7);
	ck_assert(cfg->gold.pause);
	out = config_to_yaml(cfg);
	ck_assert_ptr_nonnull(strstr(out, "gold_rate: 0.1\n"));
	again = parse(out);
	ck_assert(memcmp(&cfg->gold, &again->gold, sizeof cfg->gold) == 0);
	free(out);
	config_free(again);
	config_free(cfg);
}
END_TEST

START_TEST(test_score_kinds)
{
	struct config		*cfg = parse(kinds_yaml);
	struct answer_task	 t = { TEXT, strlen(TEXT), 0, 0, 0, 0 };
	struct answer		*gold = load(cfg, &t, GOLD_ALL);
	struct answer		*got = load(cfg, &t, GOT_ALL);
	json_t			*detail = json_object();
	double			 s, l, text = 1 - 3.0 / 7;

	/* choice: the same; multichoice: {y} of {x, y, z}; spans: one of
	 * two the same (F1 0.5), both with IoU 6/7 (lenient 1); rating 5
	 * against 3 of 5: 1 - 2/4; text: kitten/sitting, 3 edits of 7. */
	NEAR(ans_value_score(&gold->v[0], &got->v[0], 0), 1);
	NEAR(ans_value_score(&gold->v[1], &got->v[1], 0), 1.0 / 3);
	NEAR(ans_value_score(&gold->v[2], &got->v[2], 0), 0.5);
	NEAR(ans_value_score(&gold->v[2], &got->v[2], 1), 1);
	NEAR(ans_value_score(&gold->v[3], &got->v[3], 0), 0.5);
	NEAR(ans_value_score(&gold->v[4], &got->v[4], 0), text);
	ck_assert_int_eq(answer_score(gold, got, &s, &l, detail), 5);
	NEAR(s, (1 + 1.0 / 3 + 0.5 + 0.5 + text) / 5);
	NEAR(l, (1 + 1.0 / 3 + 1 + 0.5 + text) / 5);
	NEAR(json_real_value(json_object_get(json_object_get(detail, "s"),
	    "lenient")), 1);
	/* Against itself: 1 each way. */
	ck_assert_int_eq(answer_score(gold, gold, &s, &l, NULL), 5);
	NEAR(s, 1);
	NEAR(l, 1);
	json_decref(detail);
	answer_free(gold);
	answer_free(got);
	config_free(cfg);
}
END_TEST

/* What a gold answer leaves out is not scored; what the answer lacks
 * scores 0; the wrong choice 0. */
START_TEST(test_score_partial)
{
	struct config		*cfg = parse(kinds_yaml);
	struct answer_task	 t = { TEXT, strlen(TEXT), 0, 0, 0, 0 };
	struct answer		*gold = load(cfg, &t, "{\"c\": \"pos\", \"r\": 2}");
	struct answer		*got = load(cfg, &t, "{\"c\": \"neg\"}");
	struct answer		*none = load(cfg, &t, "{}");
	double			 s, l;

	ck_assert_int_eq(answer_score(gold, got, &s, &l, NULL), 2);
	NEAR(s, 0);
	ck_assert_int_eq(answer_score(none, got, &s, &l, NULL), 0);
	answer_free(gold);
	answer_free(got);
	answer_free(none);
	config_free(cfg);
}
END_TEST

START_TEST(test_score_boxes)
{
	struct config		*cfg = parse(boxes_yaml);
	struct answer_task	 t = { NULL, 0, 100, 100, 0, 0 };
	struct answer		*gold = load(cfg, &t, "{\"b\": [{\"x\": 0,"
	    " \"y\": 0, \"width\": 10, \"height\": 10, \"label\": \"car\"},"
	    " {\"x\": 50, \"y\": 50, \"width\": 10, \"height\": 10,"
	    " \"label\": \"dog\"}]}");
	/* The car moved by 1 (IoU 90/110 >= 0.5), the dog missed. */
	struct answer		*got = load(cfg, &t, "{\"b\": [{\"x\": 1,"
	    " \"y\": 0, \"width\": 10, \"height\": 10, \"label\": \"car\"}]}");
	double			 s, l;

	ck_assert_int_eq(answer_score(gold, got, &s, &l, NULL), 1);
	NEAR(s, 2.0 * 1 / 3);
	NEAR(l, s);
	answer_free(gold);
	answer_free(got);
	config_free(cfg);
}
END_TEST

/* ---- the store ---- */

static struct actor	 admin;

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
add_project(const char *name, int overlap, const char *yaml)
{
	struct project	p = PROJECT_INIT;
	int64_t		id;

	p.name = xstrdup(name);
	p.type = xstrdup("custom");
	p.config = xstrdup(yaml);
	p.overlap = overlap;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	id = p.id;
	project_release(&p);
	return id;
}

/* n tasks of the project; the last ngold of them gold with answer gold
 * (through store_gold_set). ids[] their ids. */
static void
add_tasks(int64_t project, int n, int ngold, const char *gold, int64_t *ids)
{
	struct task	t = TASK_INIT;
	int		i;

	ck_assert_int_eq(store_begin(fx_st), 0);
	for (i = 0; i < n; i++) {
		t.project_id = project;
		t.kind = (char *)"text";
		t.text = (char *)TEXT;
		ck_assert_int_eq(store_task_add(fx_st, &t), 0);
		ids[i] = t.id;
	}
	ck_assert_int_eq(store_project_recount(fx_st, project), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	for (i = n - ngold; i < n; i++)
		ck_assert_int_eq(store_gold_set(fx_st, &admin, ids[i], gold, 0),
		    0);
}

static int64_t
sql_int(const char *fmt, ...)
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

/* The SQL of fmt, in a buffer of its own until the next call. */
static const char *
sql_fmt(const char *fmt, ...)
{
	static char	buf[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return buf;
}

static void
store_setup(void)
{
	fx_setup();
	admin.user_id = admin.real_id = fx_admin.id;
}

#define CHOICE_YAML(settings)						\
	"type: custom\nsettings:\n" settings				\
	"controls: [{name: c, kind: choice, labels: [pos, neg]}]\n"
#define POS	"{\"c\": \"pos\"}"
#define NEG	"{\"c\": \"neg\"}"

/* Takes user's next task and submits result there; the task's id. */
static int64_t
take(int64_t project, int64_t user, const char *result)
{
	int64_t	id = fx_next(project, user);

	ck_assert_int_gt(id, 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, id, user, 0, result,
	    0, 1), 0);
	return id;
}

/* rate 0.5: every 2nd task served is gold while gold is left; overlap
 * 1, but the second person gets the same gold tasks. */
START_TEST(test_serving_share)
{
	int64_t	p = add_project("p", 1, CHOICE_YAML("  gold_rate: 0.5\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ub = add_user("bob", ROLE_ANNOTATOR);
	int64_t	ids[8], got[6];
	int	i;

	add_tasks(p, 8, 2, POS, ids);
	ck_assert_int_eq(sql_int("SELECT task_count FROM project"), 6);
	for (i = 0; i < 6; i++)
		got[i] = take(p, ua, POS);
	ck_assert_int_eq(got[0], ids[0]);
	ck_assert_int_eq(got[1], ids[6]);	/* gold */
	ck_assert_int_eq(got[2], ids[1]);
	ck_assert_int_eq(got[3], ids[7]);	/* gold */
	ck_assert_int_eq(got[4], ids[2]);
	ck_assert_int_eq(got[5], ids[3]);	/* no gold left */
	/* bob: the gold tasks again, each once. */
	ck_assert_int_eq(take(p, ub, NEG), ids[4]);
	ck_assert_int_eq(take(p, ub, NEG), ids[6]);
	ck_assert_int_eq(take(p, ub, NEG), ids[5]);
	ck_assert_int_eq(take(p, ub, NEG), ids[7]);
	ck_assert_int_eq(fx_next(p, ub), 0);
	ck_assert_int_eq(sql_int("SELECT submitted FROM task WHERE id = %lld",
	    (long long)ids[6]), 2);
	/* Out of the counters: 6 normal tasks, all done. */
	ck_assert_int_eq(sql_int("SELECT done_count FROM project"), 6);
	ck_assert_int_eq(sql_int("SELECT task_count FROM project"), 6);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM gold_score"), 4);
	ck_assert_int_eq(sql_int("SELECT sum(strict) FROM gold_score g"
	    " WHERE user_id = %lld", (long long)ua), 2);
	ck_assert_int_eq(sql_int("SELECT sum(strict) FROM gold_score g"
	    " WHERE user_id = %lld", (long long)ub), 0);
}
END_TEST

START_TEST(test_serving_onboarding)
{
	int64_t	p = add_project("p", 2, CHOICE_YAML("  gold_onboarding: 2\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ids[5];
	struct annotate_progress pr;

	add_tasks(p, 5, 2, POS, ids);
	ck_assert_int_eq(take(p, ua, POS), ids[3]);
	ck_assert_int_eq(take(p, ua, POS), ids[4]);
	ck_assert_int_eq(take(p, ua, POS), ids[0]);
	/* The labeler's count is their work, not their gold. */
	ck_assert_int_eq(store_annotate_progress(fx_st, p, ua, &pr), 0);
	ck_assert_int_eq(pr.mine, 1);
	ck_assert_int_eq(pr.total, 3);
}
END_TEST

/* A task that becomes gold leaves the counters, and comes back. */
START_TEST(test_set_clear_counts)
{
	int64_t	p = add_project("p", 1, CHOICE_YAML("  gold_rate: 0.5\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ids[3];

	add_tasks(p, 3, 0, POS, ids);
	ck_assert_int_eq(take(p, ua, POS), ids[0]);
	ck_assert_int_eq(sql_int("SELECT done_count * 10 + task_count FROM"
	    " project"), 13);
	ck_assert_int_eq(store_gold_set(fx_st, &admin, ids[0], NEG, 0), 0);
	ck_assert_int_eq(sql_int("SELECT done_count * 10 + task_count FROM"
	    " project"), 2);
	ck_assert_int_eq(store_gold_set(fx_st, &admin, ids[0], "{\"c\":"
	    " \"maybe\"}", 0), -1);
	ck_assert_int_eq(store_gold_set(fx_st, &admin, ids[0], "{}", 0), -1);
	ck_assert_int_eq(store_gold_clear(fx_st, &admin, ids[0]), 1);
	ck_assert_int_eq(store_gold_clear(fx_st, &admin, ids[0]), 0);
	ck_assert_int_eq(sql_int("SELECT done_count * 10 + task_count FROM"
	    " project"), 13);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM audit WHERE action ="
	    " 'file.gold'"), 2);
}
END_TEST

/* Each kind's score stored through a submission. */
START_TEST(test_store_scores)
{
	int64_t	p = add_project("p", 1, kinds_yaml);
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ids[1];
	double	text = 1 - 3.0 / 7;

	add_tasks(p, 1, 1, GOLD_ALL, ids);
	ck_assert_int_ge(store_annotation_submit(fx_st, ids[0], ua, 0,
	    GOT_ALL, 0, 1), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM gold_score"), 1);
	ck_assert_int_eq(sql_int("SELECT abs(strict - %.15f) < 1e-9 AND"
	    " abs(lenient - %.15f) < 1e-9 FROM gold_score",
	    (1 + 1.0 / 3 + 0.5 + 0.5 + text) / 5,
	    (1 + 1.0 / 3 + 1 + 0.5 + text) / 5), 1);
	ck_assert_int_eq(sql_int("SELECT json_extract(detail, '$.s.strict')"
	    " * 10 FROM gold_score"), 5);
	ck_assert_int_eq(sql_int("SELECT json_extract(detail, '$.r.strict')"
	    " * 10 FROM gold_score"), 5);
	/* A submission again scores again, in the same row. */
	ck_assert_int_ge(store_annotation_submit(fx_st, ids[0], ua, 0,
	    GOLD_ALL, 0, 1), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM gold_score WHERE"
	    " strict = 1 AND lenient = 1"), 1);
}
END_TEST

/* Below gold_min_score after gold_min_tasks: told (the person and the
 * managers, once), paused; resumed, their mean starts again. */
START_TEST(test_pause_resume)
{
	int64_t	p = add_project("p", 1, CHOICE_YAML("  gold_rate: 1\n"
	    "  gold_min_score: 0.9\n  gold_min_tasks: 2\n  gold_pause: true\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	um = add_user("mgr", ROLE_MANAGER);
	int64_t	ids[6];

	(void)um;
	add_tasks(p, 6, 4, POS, ids);
	ck_assert_int_eq(take(p, ua, NEG), ids[2]);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM notification WHERE"
	    " kind = 'gold_low'"), 0);
	ck_assert_int_eq(store_gold_paused(fx_st, p, ua), 0);
	ck_assert_int_eq(take(p, ua, NEG), ids[3]);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM notification WHERE"
	    " kind = 'gold_low' AND user_id = %lld AND actor_id IS NULL",
	    (long long)ua), 1);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM notification WHERE"
	    " kind = 'gold_low' AND user_id = %lld AND actor_id = %lld",
	    (long long)um, (long long)ua), 1);
	ck_assert_int_eq(store_gold_paused(fx_st, p, ua), 1);
	ck_assert_int_eq(fx_next(p, ua), 0);
	ck_assert_int_eq(store_gold_resume(fx_st, &admin, p, "p", ua,
	    "alice"), 1);
	ck_assert_int_eq(store_gold_resume(fx_st, &admin, p, "p", ua,
	    "alice"), 0);
	ck_assert_int_eq(store_gold_paused(fx_st, p, ua), 0);
	/* One wrong answer after the resume: fewer than gold_min_tasks. */
	ck_assert_int_eq(take(p, ua, NEG), ids[4]);
	ck_assert_int_eq(store_gold_paused(fx_st, p, ua), 0);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM notification WHERE"
	    " kind = 'gold_low'"), 2);
}
END_TEST

/* The query plan of sql, its steps' details run together, into plan. */
static void
plan_of(const char *sql, char *plan, size_t len)
{
	sqlite3_stmt	*stmt;
	char		*q;

	*plan = '\0';
	ck_assert_int_ge(asprintf(&q, "EXPLAIN QUERY PLAN %s", sql), 0);
	ck_assert_int_eq(sqlite3_prepare_v2(fx_st->db, q, -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strncat(plan, (const char *)sqlite3_column_text(stmt, 3),
		    len - strlen(plan) - 1);
	sqlite3_finalize(stmt);
	free(q);
}

/* The walk leaves gold out of task_next's streams reading the index
 * alone: NOT_GOLD_SQL keeps it covering. */
START_TEST(test_walk_covering)
{
	char	plan[512];

	plan_of("SELECT t.priority, t.id FROM task t WHERE t.project_id = 1"
	    " AND t.submitted = 0" NOT_GOLD_SQL("t") " AND t.priority = 0"
	    " AND t.id >= 1 ORDER BY t.id", plan, sizeof plan);
	ck_assert_msg(strstr(plan, "COVERING INDEX task_next") != NULL, "%s",
	    plan);
}
END_TEST

/* Extra annotators (store/extra.c and the walk's extra part): overlap 2,
 * below 0.6, at most 2 more. A split task asks for one more at a time,
 * is served to someone who has not annotated it, stops when agreement
 * reaches the threshold; a gold task asks for nobody; done-ness waits. */
START_TEST(test_extra_annotators)
{
	int64_t	p = add_project("p", 2, CHOICE_YAML(
	    "  extra_annotators_below: 0.6\n  extra_annotators_max: 2\n"
	    "  gold_onboarding: 1\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ub = add_user("bob", ROLE_ANNOTATOR);
	int64_t	uc = add_user("carol", ROLE_ANNOTATOR);
	int64_t	ud = add_user("dave", ROLE_ANNOTATOR);
	int64_t	ids[3];

	add_tasks(p, 3, 1, POS, ids);
	ck_assert_int_eq(sql_int("SELECT extra_max FROM project"), 2);
	/* The gold one first (onboarding), answered both ways. */
	ck_assert_int_eq(take(p, ua, POS), ids[2]);
	ck_assert_int_eq(take(p, ub, NEG), ids[2]);
	ck_assert_int_eq(sql_int("SELECT wanted FROM task WHERE id = %lld",
	    (long long)ids[2]), 0);
	ck_assert_int_eq(take(p, ua, POS), ids[0]);
	ck_assert_int_eq(take(p, ua, POS), ids[1]);
	ck_assert_int_eq(fx_next(p, ua), 0);
	ck_assert_int_eq(take(p, ub, NEG), ids[0]);
	ck_assert_int_eq(sql_int("SELECT wanted FROM task WHERE id = %lld",
	    (long long)ids[0]), 3);
	ck_assert_int_eq(take(p, ub, POS), ids[1]);
	ck_assert_int_eq(sql_int("SELECT wanted FROM task WHERE id = %lld",
	    (long long)ids[1]), 0);
	ck_assert_int_eq(sql_int("SELECT done_count FROM project"), 1);
	/* alice and bob labelled it: not theirs again. */
	ck_assert_int_eq(fx_next(p, ua), 0);
	ck_assert_int_eq(fx_next(p, ub), 0);
	/* carol: gold first, then the task that asked. */
	ck_assert_int_eq(take(p, uc, POS), ids[2]);
	ck_assert_int_eq(take(p, uc, POS), ids[0]);
	/* 2 of 3 agree: 0.67 reaches 0.6, nobody more. */
	ck_assert_int_eq(sql_int("SELECT wanted FROM task WHERE id = %lld",
	    (long long)ids[0]), 3);
	ck_assert_int_eq(sql_int("SELECT done_count FROM project"), 2);
	ck_assert_int_eq(take(p, ud, POS), ids[2]);
	ck_assert_int_eq(fx_next(p, ud), 0);
	ck_assert_int_eq(store_project_recount(fx_st, p), 0);
	ck_assert_int_eq(sql_int("SELECT done_count FROM project"), 2);
}
END_TEST

/* The maximum: three people split three ways ask for at most two more
 * (overlap 3 + 2), and a leased extra slot is room taken. */
START_TEST(test_extra_max)
{
	static const char yaml[] = "type: custom\nsettings:\n"
	    "  extra_annotators_below: 0.9\n  extra_annotators_max: 2\n"
	    "controls: [{name: c, kind: choice, labels: [a, b, c]}]\n";
	static const char *const res[] = { "{\"c\": \"a\"}",
	    "{\"c\": \"b\"}", "{\"c\": \"c\"}" };
	int64_t	p = add_project("p", 3, yaml), u[7], ids[1];
	char	name[8];
	int	i;

	for (i = 0; i < 7; i++) {
		snprintf(name, sizeof name, "u%d", i);
		u[i] = add_user(name, ROLE_ANNOTATOR);
	}
	add_tasks(p, 1, 0, NULL, ids);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(take(p, u[i], res[i]), ids[0]);
	ck_assert_int_eq(sql_int("SELECT wanted FROM task"), 4);
	/* u3 holds the one extra slot by a lease: u4 gets nothing. */
	ck_assert_int_eq(fx_next(p, u[3]), ids[0]);
	ck_assert_int_eq(fx_next(p, u[4]), 0);
	ck_assert_int_ge(store_annotation_submit(fx_st, ids[0], u[3], 0,
	    res[0], 0, 1), 0);
	ck_assert_int_eq(sql_int("SELECT wanted FROM task"), 5);
	ck_assert_int_eq(take(p, u[4], res[1]), ids[0]);
	/* 2 of 5 agree, below 0.9, but the two extra are used. */
	ck_assert_int_eq(sql_int("SELECT wanted FROM task"), 5);
	ck_assert_int_eq(fx_next(p, u[5]), 0);
	ck_assert_int_eq(sql_int("SELECT done_count FROM project"), 1);
}
END_TEST

/* The walk's extra part reads task_wanting alone (the partial index's
 * terms in its WHERE keep it usable and covering). */
START_TEST(test_extra_walk_covering)
{
	char	plan[512];

	plan_of("SELECT t.priority, t.id, t.submitted, t.wanted FROM task t"
	    " INDEXED BY task_wanting WHERE t.project_id = 1"
	    " AND t.wanted > t.submitted" NOT_GOLD_SQL("t")
	    " ORDER BY t.priority DESC, t.id", plan, sizeof plan);
	ck_assert_msg(strstr(plan, "COVERING INDEX task_wanting") != NULL,
	    "%s", plan);
	ck_assert_msg(strstr(plan, "TEMP B-TREE") == NULL, "%s", plan);
}
END_TEST

static int
count_op(void *arg)
{
	++*(long *)arg;
	return 0;
}

/* SQLite's VM steps of user's next task (its id into *id). */
static long
next_cost(int64_t project, int64_t user, int64_t *id)
{
	long	ops = 0;

	sqlite3_progress_handler(fx_st->db, 1, count_op, &ops);
	*id = fx_next(project, user);
	sqlite3_progress_handler(fx_st->db, 0, NULL, NULL);
	return ops;
}

/* The extra part's cursor: the person who annotated the 490 wanting
 * tasks steps over them once, not at every choice; a task that enters
 * task_wanting before someone's cursor moves it back. */
START_TEST(test_extra_cursor)
{
	int64_t	p = add_project("p", 1, CHOICE_YAML("  require_enter: false\n"));
	int64_t	ua = add_user("alice", ROLE_ANNOTATOR);
	int64_t	ub = add_user("bob", ROLE_ANNOTATOR);
	int64_t	ids[600], id;
	long	first, again;
	int	i;

	add_tasks(p, 600, 0, NULL, ids);
	ck_assert_int_eq(store_begin(fx_st), 0);
	for (i = 0; i < 500; i++)
		ck_assert_int_ge(store_annotation_submit(fx_st, ids[i], ua, 0,
		    POS, 0, 1), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	fx_exec(sql_fmt("UPDATE task SET wanted = 3 WHERE id >= %lld"
	    " AND id <= %lld", (long long)ids[10], (long long)ids[499]));
	first = next_cost(p, ua, &id);
	ck_assert_int_eq(id, ids[500]);
	ck_assert_int_ge(store_annotation_submit(fx_st, id, ua, 0, POS, 0,
	    1), 0);
	again = next_cost(p, ua, &id);
	ck_assert_int_eq(id, ids[501]);
	ck_assert_msg(again * 10 < first, "%ld steps again, %ld the first"
	    " time", again, first);
	/* bob: the first wanting task, then the next. */
	ck_assert_int_eq(take(p, ub, POS), ids[10]);
	ck_assert_int_eq(take(p, ub, POS), ids[11]);
	/* Task 5 asks for more behind bob's cursor: he is served it. */
	fx_exec(sql_fmt("UPDATE task SET wanted = 3 WHERE id = %lld",
	    (long long)ids[5]));
	ck_assert_int_eq(take(p, ub, POS), ids[5]);
	ck_assert_int_eq(take(p, ub, POS), ids[12]);
}
END_TEST

/* The settings read and written back, and refused out of range. */
START_TEST(test_extra_settings)
{
	struct config	*cfg = parse(CHOICE_YAML(
	    "  extra_annotators_below: 0.6\n  extra_annotators_max: 2\n"));
	char		*text;
	struct config	*again;

	ck_assert(cfg->extra_below == 0.6);
	ck_assert_int_eq(cfg->extra_max, 2);
	text = config_to_yaml(cfg);
	ck_assert_ptr_nonnull(text);
	again = parse(text);
	ck_assert(again->extra_below == 0.6);
	ck_assert_int_eq(again->extra_max, 2);
	free(text);
	config_free(again);
	config_free(cfg);
	ck_assert_ptr_null(config_parse(CHOICE_YAML(
	    "  extra_annotators_below: -0.1\n"), strlen(CHOICE_YAML(
	    "  extra_annotators_below: -0.1\n")), "t.yaml"));
	ck_assert_ptr_null(config_parse(CHOICE_YAML(
	    "  extra_annotators_max: 1001\n"), strlen(CHOICE_YAML(
	    "  extra_annotators_max: 1001\n")), "t.yaml"));
}
END_TEST

static Suite *
gold_suite(void)
{
	Suite	*s = suite_create("gold");
	TCase	*tc = tcase_create("model");
	TCase	*ts = tcase_create("store");

	tcase_add_test(tc, test_every);
	tcase_add_test(tc, test_slot);
	tcase_add_test(tc, test_below);
	tcase_add_test(tc, test_fraction);
	tcase_add_test(tc, test_config_round_trip);
	tcase_add_test(tc, test_score_kinds);
	tcase_add_test(tc, test_score_partial);
	tcase_add_test(tc, test_score_boxes);
	tcase_add_test(tc, test_extra_settings);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ts, store_setup, fx_teardown);
	tcase_add_test(ts, test_serving_share);
	tcase_add_test(ts, test_serving_onboarding);
	tcase_add_test(ts, test_set_clear_counts);
	tcase_add_test(ts, test_store_scores);
	tcase_add_test(ts, test_pause_resume);
	tcase_add_test(ts, test_walk_covering);
	tcase_add_test(ts, test_extra_annotators);
	tcase_add_test(ts, test_extra_max);
	tcase_add_test(ts, test_extra_walk_covering);
	tcase_add_test(ts, test_extra_cursor);
	suite_add_tcase(s, ts);
	return s;
}

int
main(void)
{
	return run_suite(gold_suite());
}
