/* Unit tests for src/quality/consensus: every rule on small cases worked
 * by hand (majority and ties, multichoice per label, spans by k of n,
 * the lower median, text without one) and the agreement scores. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "quality/consensus.h"

#include "runner.h"

#define EPS	1e-9

static const char yaml[] =
    "controls:\n"
    "  - {name: c, kind: choice, labels: [a, b, x]}\n"
    "  - {name: m, kind: multichoice, labels: [p, q, r], allow_empty: true}\n"
    "  - {name: s, kind: spans, labels: [PER, ORG]}\n"
    "  - {name: r, kind: rating, max: 5}\n"
    "  - {name: t, kind: text}\n";

static struct config		*cfg;
static struct answer_task	 task = { "Alice met Bob in Paris today.", 29,
    0, 0, 0, 0 };
static struct answer		*ans[8];
static size_t			 nans;
static struct consensus		 cons = CONSENSUS_INIT;

static void
setup(void)
{
	cfg = config_parse(yaml, strlen(yaml), "test.yaml");
	ck_assert_ptr_nonnull(cfg);
	nans = 0;
}

static void
teardown(void)
{
	size_t	i;

	for (i = 0; i < nans; i++)
		answer_free(ans[i]);
	consensus_release(&cons);
	config_free(cfg);
}

/* Adds an answer from its JSON. */
static void
add(const char *json)
{
	json_t	*j = json_loads(json, 0, NULL);
	char	 err[256];

	ck_assert_ptr_nonnull(j);
	ans[nans] = answer_new(cfg, &task);
	ck_assert_msg(answer_load(ans[nans], j, 0, err, sizeof err) == 0,
	    "%s: %s", json, err);
	json_decref(j);
	nans++;
}

static void
compute(int k)
{
	consensus_compute(cfg, ans, nans, k, &cons);
}

/* The consensus result as JSON text, for comparing. */
static char *
result(void)
{
	json_t	*j = consensus_emit(&cons);
	char	*s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);

	json_decref(j);
	return s;
}

static void
expect_result(const char *want)
{
	char	*got = result();

	ck_assert_str_eq(got, want);
	free(got);
}

#define NEAR(got, want)	ck_assert_msg(fabs((got) - (want)) < EPS, \
	"%s: %.12f, not %.12f", #got, (double)(got), (double)(want))

START_TEST(test_choice_majority)
{
	add("{\"c\": [\"a\"]}");
	add("{\"c\": [\"a\"]}");
	add("{\"c\": [\"b\"]}");
	compute(0);
	ck_assert_int_eq(cons.c[0].outcome, CONS_AGREED);
	ck_assert_uint_eq(cons.c[0].voters, 3);
	NEAR(cons.c[0].agreement, 2.0 / 3);
	ck_assert_int_eq(cons.c[1].outcome, CONS_EMPTY);
	ck_assert_int_eq(cons.c[4].outcome, CONS_EMPTY);
	ck_assert(cons.agreed);
	ck_assert(cons.has_agreement);
	NEAR(cons.agreement, 2.0 / 3);
	ck_assert_uint_eq(cons.annotators, 3);
	expect_result("{\"c\":[\"a\"]}");
}
END_TEST

/* A plurality wins; a tie for the most is a disagreement. */
START_TEST(test_choice_tie)
{
	add("{\"c\": [\"a\"]}");
	add("{\"c\": [\"a\"]}");
	add("{\"c\": [\"b\"]}");
	add("{\"c\": [\"x\"]}");
	compute(0);
	ck_assert_int_eq(cons.c[0].outcome, CONS_AGREED);
	NEAR(cons.c[0].agreement, 0.5);
	add("{\"c\": [\"b\"]}");
	compute(0);
	ck_assert_int_eq(cons.c[0].outcome, CONS_SPLIT);
	ck_assert(!cons.agreed);
	NEAR(cons.c[0].agreement, 2.0 / 5);
	expect_result("{}");
}
END_TEST

/* Per label: 3 of 4 chose p, 2 of 4 q (a tie), 1 of 4 r; nobody's s. */
START_TEST(test_multichoice)
{
	add("{\"m\": [\"p\", \"q\"]}");
	add("{\"m\": [\"p\"]}");
	add("{\"m\": [\"p\", \"q\", \"r\"]}");
	add("{\"m\": []}");
	compute(0);
	ck_assert_uint_eq(cons.c[1].voters, 4);
	ck_assert_int_eq(cons.c[1].outcome, CONS_SPLIT);
	NEAR(cons.c[1].agreement, (0.75 + 0.5 + 0.75) / 3);
	answer_free(ans[--nans]);
	compute(0);
	/* p 3/3, q 2/3, r 1/3 (not chosen). */
	ck_assert_int_eq(cons.c[1].outcome, CONS_AGREED);
	NEAR(cons.c[1].agreement, (1.0 + 2.0 / 3 + 2.0 / 3) / 3);
	expect_result("{\"m\":[\"p\",\"q\"]}");
}
END_TEST

#define PER(s, e)	"{\"start\": " #s ", \"end\": " #e ", \"label\": \"PER\"}"
#define ORG(s, e)	"{\"start\": " #s ", \"end\": " #e ", \"label\": \"ORG\"}"

/* Alice [0,5) by all three, Bob [10,13) by two, Paris [17,22) as ORG by
 * one: with the default k (2 of 3) Paris is a disagreement; with k = 1
 * every span is in. */
START_TEST(test_spans_k_of_n)
{
	add("{\"s\": [" PER(0, 5) ", " PER(10, 13) "]}");
	add("{\"s\": [" PER(0, 5) ", " PER(10, 13) ", " ORG(17, 22) "]}");
	add("{\"s\": [" PER(0, 5) "]}");
	compute(0);
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
	/* Pairs: F1 (2 and 3 spans, 2 match) 0.8, (2 and 1) 2/3,
	 * (3 and 1) 0.5. */
	NEAR(cons.c[2].agreement, (0.8 + 2.0 / 3 + 0.5) / 3);
	expect_result("{}");
	compute(1);
	ck_assert_int_eq(cons.c[2].outcome, CONS_AGREED);
	expect_result("{\"s\":[{\"end\":5,\"label\":\"PER\",\"start\":0},"
	    "{\"end\":13,\"label\":\"PER\",\"start\":10},"
	    "{\"end\":22,\"label\":\"ORG\",\"start\":17}]}");
	answer_free(ans[1]);
	ans[1] = ans[--nans];
	compute(0);
	/* Two annotators, k = 2: Bob by one only. */
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
	compute(3);
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
}
END_TEST

/* A span with the same place but another label is another span; "no
 * entities" from everyone is a consensus of none. */
START_TEST(test_spans_exact)
{
	add("{\"s\": [" PER(0, 5) "]}");
	add("{\"s\": [" PER(0, 5) "]}");
	add("{\"s\": [" ORG(0, 5) "]}");
	compute(0);
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
	compute(2);
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
	answer_free(ans[2]);
	ans[2] = NULL;
	nans = 2;
	add("{\"s\": [" PER(0, 5) "]}");
	compute(0);
	ck_assert_int_eq(cons.c[2].outcome, CONS_AGREED);
	NEAR(cons.c[2].agreement, 1.0);
	expect_result("{\"s\":[{\"end\":5,\"label\":\"PER\",\"start\":0}]}");
	teardown();
	setup();
	add("{\"s\": []}");
	add("{\"s\": []}");
	compute(0);
	ck_assert_int_eq(cons.c[2].outcome, CONS_AGREED);
	ck_assert_uint_eq(cons.c[2].voters, 2);
	NEAR(cons.c[2].agreement, 1.0);
	expect_result("{\"s\":[]}");
}
END_TEST

/* With k at half, two overlapping spans both reach it: the one first by
 * place stays (equal votes), the other is a disagreement. */
START_TEST(test_spans_overlap)
{
	add("{\"s\": [" PER(0, 5) "]}");
	add("{\"s\": [" PER(0, 9) "]}");
	compute(1);
	ck_assert_int_eq(cons.c[2].outcome, CONS_SPLIT);
	NEAR(cons.c[2].agreement, 0.0);
}
END_TEST

/* The lower median; 1 - mean absolute deviation / (max - 1). */
START_TEST(test_rating)
{
	add("{\"r\": 2}");
	add("{\"r\": 4}");
	compute(0);
	ck_assert_int_eq(cons.c[3].outcome, CONS_AGREED);
	expect_result("{\"r\":2}");
	NEAR(cons.c[3].agreement, 1.0 - 1.0 / 4);
	add("{\"r\": 5}");
	compute(0);
	expect_result("{\"r\":4}");
	/* mean 11/3: deviations 5/3, 1/3, 4/3, mean 10/9. */
	NEAR(cons.c[3].agreement, 1.0 - (10.0 / 9) / 4);
	add("{\"r\": 1}");
	compute(0);
	expect_result("{\"r\":2}");
}
END_TEST

/* Text has no consensus: the task is not agreed and its score leaves
 * the text out. */
START_TEST(test_text)
{
	add("{\"c\": [\"a\"], \"t\": \"same\"}");
	add("{\"c\": [\"a\"], \"t\": \"same\"}");
	compute(0);
	ck_assert_int_eq(cons.c[4].outcome, CONS_NO_RULE);
	ck_assert_int_eq(cons.c[0].outcome, CONS_AGREED);
	ck_assert(!cons.agreed);
	NEAR(cons.agreement, 1.0);
	expect_result("{\"c\":[\"a\"]}");
	teardown();
	setup();
	add("{\"t\": \"one\"}");
	add("{\"t\": \"two\"}");
	compute(0);
	ck_assert(!cons.has_agreement);
}
END_TEST

/* The task's score is the mean over its controls; no annotation is an
 * empty consensus without a score. */
START_TEST(test_task_score)
{
	add("{\"c\": [\"a\"], \"r\": 1}");
	add("{\"c\": [\"b\"], \"r\": 5}");
	compute(0);
	ck_assert(!cons.agreed);
	NEAR(cons.c[0].agreement, 0.5);
	NEAR(cons.c[3].agreement, 0.5);
	NEAR(cons.agreement, 0.5);
	teardown();
	setup();
	compute(0);
	ck_assert_uint_eq(cons.annotators, 0);
	ck_assert(cons.agreed);
	ck_assert(!cons.has_agreement);
}
END_TEST

START_TEST(test_pair)
{
	add("{\"c\": [\"a\"], \"m\": [\"p\", \"q\"], \"r\": 3, \"t\": \"x\"}");
	add("{\"c\": [\"b\"], \"m\": [\"p\"], \"r\": 5, \"t\": \"x\"}");
	/* 0, 1/2, 1 - 2/4: the text counts nowhere. */
	NEAR(consensus_pair(ans[0], ans[1]), (0 + 0.5 + 0.5) / 3);
	NEAR(consensus_pair(ans[0], ans[0]), 1.0);
	add("{\"t\": \"y\"}");
	NEAR(consensus_pair(ans[0], ans[2]), -1);
}
END_TEST

START_TEST(test_k)
{
	ck_assert_uint_eq(consensus_k(0, 1), 1);
	ck_assert_uint_eq(consensus_k(0, 2), 2);
	ck_assert_uint_eq(consensus_k(0, 3), 2);
	ck_assert_uint_eq(consensus_k(0, 4), 3);
	ck_assert_uint_eq(consensus_k(2, 4), 2);
}
END_TEST

static Suite *
consensus_suite(void)
{
	Suite	*s = suite_create("consensus");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_choice_majority);
	tcase_add_test(tc, test_choice_tie);
	tcase_add_test(tc, test_multichoice);
	tcase_add_test(tc, test_spans_k_of_n);
	tcase_add_test(tc, test_spans_exact);
	tcase_add_test(tc, test_spans_overlap);
	tcase_add_test(tc, test_rating);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_task_score);
	tcase_add_test(tc, test_pair);
	tcase_add_test(tc, test_k);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(consensus_suite());
}
