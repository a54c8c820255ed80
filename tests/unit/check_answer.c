/* Unit tests for the answer model (src/model/answer.c and kind_*.c): each
 * control kind's checks and messages, the normalising of a bare choice,
 * retired labels, lenient loads, emitting, rotated boxes and masks, the
 * comparisons the quality measures build on, and counting uses. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/answer.h"

#include "runner.h"

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - name: label\n"
	"    kind: choice\n"
	"    labels: [pos, neg, {name: old, retired: true}]\n"
	"  - name: tags\n"
	"    kind: multichoice\n"
	"    labels: [a, b]\n"
	"  - name: ents\n"
	"    kind: spans\n"
	"    labels: [PER, LOC]\n"
	"  - name: boxes\n"
	"    kind: boxes\n"
	"    labels: [car]\n"
	"  - name: regions\n"
	"    kind: polygons\n"
	"    labels: [sky]\n"
	"  - name: note\n"
	"    kind: text\n"
	"  - name: stars\n"
	"    kind: rating\n"
	"    max: 3\n"
	"  - name: maybe\n"
	"    kind: multichoice\n"
	"    allow_empty: true\n"
	"    labels: [x]\n";

static struct config	*cfg;
static char		 err[256];

static void
setup(void)
{
	cfg = config_parse(yaml, strlen(yaml), "test.yaml");
	ck_assert_ptr_nonnull(cfg);
}

static void
teardown(void)
{
	config_free(cfg);
}

/* Checks JSON text s on task t with flags; returns the rc, err set. */
static int
check_on(const char *s, struct answer_task *t, int flags, json_t **out)
{
	json_error_t	 je;
	json_t		*j = json_loads(s, 0, &je);
	int		 rc;

	ck_assert_msg(j != NULL, "bad test JSON %s: %s", s, je.text);
	rc = answer_check(cfg, j, t, flags, err, sizeof err);
	if (out != NULL)
		*out = j;
	else
		json_decref(j);
	return rc;
}

static int
on_text(const char *s, const char *text)
{
	struct answer_task	t = { text, strlen(text), 0, 0, 0, 0 };

	return check_on(s, &t, 0, NULL);
}

static int
on_image(const char *s, int w, int h)
{
	struct answer_task	t = { NULL, 0, w, h, 0, 0 };

	return check_on(s, &t, 0, NULL);
}

START_TEST(test_choice)
{
	struct answer_task	 t = { "x", 1, 0, 0, 0, 0 };
	json_t			*j;
	char			*dumped;

	ck_assert_int_eq(on_text("{\"label\": [\"pos\"]}", "x"), 0);
	ck_assert_int_eq(on_text("{\"label\": []}", "x"), 0);
	ck_assert_int_eq(on_text("{}", "x"), 0);
	ck_assert_int_eq(on_text("{\"label\": [\"pos\", \"neg\"]}", "x"), -1);
	ck_assert_str_eq(err, "\"label\": takes one label, not 2");
	ck_assert_int_eq(on_text("{\"label\": [\"meh\"]}", "x"), -1);
	ck_assert_str_eq(err, "\"label\": unknown label 'meh'");
	ck_assert_int_eq(on_text("{\"label\": 3}", "x"), -1);
	ck_assert_str_eq(err, "\"label\": must be a list of labels");
	/* A bare string is normalised to a one-label list. */
	ck_assert_int_eq(check_on("{\"label\": \"neg\"}", &t, 0, &j), 0);
	dumped = json_dumps(j, JSON_COMPACT);
	ck_assert_str_eq(dumped, "{\"label\":[\"neg\"]}");
	free(dumped);
	json_decref(j);
}
END_TEST

START_TEST(test_retired)
{
	struct answer_task	t = { "x", 1, 0, 0, 0, 0 };

	ck_assert_int_eq(check_on("{\"label\": [\"old\"]}", &t, 0, NULL), -1);
	ck_assert_str_eq(err, "\"label\": label 'old' is retired");
	ck_assert_int_eq(check_on("{\"label\": [\"old\"]}", &t,
	    ANSWER_ALLOW_RETIRED, NULL), 0);
}
END_TEST

START_TEST(test_multichoice)
{
	ck_assert_int_eq(on_text("{\"tags\": [\"a\", \"b\"]}", "x"), 0);
	ck_assert_int_eq(on_text("{\"tags\": [\"a\", \"a\"]}", "x"), -1);
	ck_assert_str_eq(err, "\"tags\": label 'a' is given twice");
	ck_assert_int_eq(on_text("{\"tags\": [\"a\", 1]}", "x"), -1);
	ck_assert_str_eq(err, "\"tags\": a label must be a string");
}
END_TEST

START_TEST(test_spans)
{
	/* Offsets are code points: "Zoë ☃" is 5 of them in 8 bytes. */
	const char	*text = "Zo\xc3\xab \xe2\x98\x83";

	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 0, \"end\": 3,"
	    " \"label\": \"PER\"}, {\"start\": 4, \"end\": 5, \"label\": \"LOC\","
	    " \"text\": \"\xe2\x98\x83\"}]}", text), 0);
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 4, \"end\": 6,"
	    " \"label\": \"PER\"}]}", text), -1);
	ck_assert_str_eq(err, "\"ents\": span 1: 4..6 is outside the text (5"
	    " code points)");
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 2, \"end\": 2,"
	    " \"label\": \"PER\"}]}", text), -1);
	ck_assert_str_eq(err, "\"ents\": span 1: needs 0 <= start < end, not"
	    " 2..2");
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": -1, \"end\": 2,"
	    " \"label\": \"PER\"}]}", text), -1);
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 0.5, \"end\": 2,"
	    " \"label\": \"PER\"}]}", text), -1);
	ck_assert_str_eq(err, "\"ents\": span 1: \"start\" and \"end\" must be"
	    " whole numbers (code points)");
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 3, \"end\": 5,"
	    " \"label\": \"LOC\"}, {\"start\": 0, \"end\": 4, \"label\":"
	    " \"PER\"}]}", text), -1);
	ck_assert_str_eq(err, "\"ents\": spans 2 (0..4) and 1 (3..5) overlap");
	ck_assert_int_eq(on_text("{\"ents\": [{\"start\": 0, \"end\": 1,"
	    " \"label\": \"ORG\"}]}", text), -1);
	ck_assert_str_eq(err, "\"ents\": span 1: unknown label 'ORG'");
	ck_assert_int_eq(on_image("{\"ents\": []}", 0, 0), -1);
	ck_assert_str_eq(err, "\"ents\": spans need a text task, and this is an"
	    " image");
}
END_TEST

START_TEST(test_boxes)
{
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 0, \"y\": 0, \"width\":"
	    " 10, \"height\": 5.5, \"label\": \"car\"}]}", 10, 10), 0);
	/* Size unknown: only the signs are checked. */
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 900, \"y\": 0,"
	    " \"width\": 10, \"height\": 5, \"label\": \"car\"}]}", 0, 0), 0);
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 5, \"y\": 0, \"width\":"
	    " 10, \"height\": 5, \"label\": \"car\"}]}", 10, 10), -1);
	ck_assert_str_eq(err, "\"boxes\": box 1: reaches outside the image"
	    " (10x10)");
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 0, \"y\": 0, \"width\":"
	    " 0, \"height\": 5, \"label\": \"car\"}]}", 10, 10), -1);
	ck_assert_str_eq(err, "\"boxes\": box 1: width and height must be above"
	    " 0");
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": \"0\", \"y\": 0,"
	    " \"width\": 1, \"height\": 5, \"label\": \"car\"}]}", 10, 10), -1);
	ck_assert_str_eq(err, "\"boxes\": box 1: \"x\" must be a number");
	ck_assert_int_eq(on_text("{\"boxes\": []}", "x"), -1);
	ck_assert_str_eq(err, "\"boxes\": boxes need an image task, and this is"
	    " a text");
}
END_TEST

START_TEST(test_polygons)
{
	ck_assert_int_eq(on_image("{\"regions\": [{\"points\": [[0, 0], [4, 0],"
	    " [2, 3]], \"label\": \"sky\"}]}", 4, 3), 0);
	ck_assert_int_eq(on_image("{\"regions\": [{\"points\": [[0, 0], [4, 0]],"
	    " \"label\": \"sky\"}]}", 4, 3), -1);
	ck_assert_str_eq(err, "\"regions\": polygon 1: \"points\" must be a list"
	    " of at least three [x, y]");
	ck_assert_int_eq(on_image("{\"regions\": [{\"points\": [[0, 0], [5, 0],"
	    " [2, 3]], \"label\": \"sky\"}]}", 4, 3), -1);
	ck_assert_str_eq(err, "\"regions\": polygon 1 point 2: \"x\" is 5,"
	    " outside the image (4)");
	ck_assert_int_eq(on_image("{\"regions\": [{\"points\": [[0, 0], [1, 0],"
	    " [2]], \"label\": \"sky\"}]}", 4, 3), -1);
	ck_assert_str_eq(err, "\"regions\": polygon 1: point 3 must be [x, y]");
}
END_TEST

START_TEST(test_text_rating_unknown)
{
	ck_assert_int_eq(on_text("{\"note\": \"fine\", \"stars\": 3}", "x"), 0);
	ck_assert_int_eq(on_text("{\"note\": 1}", "x"), -1);
	ck_assert_str_eq(err, "\"note\": must be a string");
	ck_assert_int_eq(on_text("{\"stars\": 4}", "x"), -1);
	ck_assert_str_eq(err, "\"stars\": 4 is not from 1 to 3");
	ck_assert_int_eq(on_text("{\"stars\": \"3\"}", "x"), -1);
	ck_assert_str_eq(err, "\"stars\": must be a whole number");
	ck_assert_int_eq(on_text("{\"topic\": []}", "x"), -1);
	ck_assert_str_eq(err, "unknown control 'topic' (the project has: label,"
	    " tags, ents, boxes, regions, note, stars, maybe)");
	ck_assert_int_eq(on_text("[]", "x"), -1);
	ck_assert_str_eq(err, "a result must be an object keyed by control"
	    " name");
}
END_TEST


/* An answer loaded strictly from JSON text on task t. */
static struct answer *
load(const char *s, struct answer_task *t)
{
	struct answer	*a = answer_new(cfg, t);
	json_t		*j = json_loads(s, 0, NULL);

	ck_assert_ptr_nonnull(j);
	ck_assert_msg(answer_load(a, j, 0, err, sizeof err) == 0, "%s: %s", s,
	    err);
	json_decref(j);
	return a;
}

/* The answer emitted, compact, for the caller to free. */
static char *
emitted(const struct answer *a)
{
	json_t	*j = answer_emit(a);
	char	*s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	return s;
}

START_TEST(test_emit)
{
	struct answer_task	 t = { "Paris is big", 12, 0, 0, 0, 0 };
	struct answer_task	 img = { NULL, 0, 10, 10, 0, 0 };
	struct answer		*a;
	char			*s;

	/* A bare choice becomes a list; a span's own keys go first, its
	 * others after; an empty spans control is [] on a text, as is a
	 * multichoice that allows none. */
	a = load("{\"label\": \"pos\", \"ents\": [{\"label\": \"LOC\","
	    " \"score\": 0.5, \"end\": 5, \"start\": 0}], \"stars\": 2.0}",
	    &t);
	s = emitted(a);
	ck_assert_str_eq(s, "{\"label\":[\"pos\"],\"ents\":[{\"start\":0,"
	    "\"end\":5,\"label\":\"LOC\",\"score\":0.5}],\"stars\":2,"
	    "\"maybe\":[]}");
	free(s);
	answer_free(a);
	a = load("{}", &t);
	s = emitted(a);
	ck_assert_str_eq(s, "{\"ents\":[],\"maybe\":[]}");
	ck_assert_ptr_nonnull(answer_missing(a));
	ck_assert_str_eq(answer_missing(a)->control->name, "label");
	free(s);
	answer_free(a);
	/* On an image, boxes and polygons are [] and whole numbers stay
	 * whole. */
	a = load("{\"boxes\": [{\"x\": 1, \"y\": 2.5, \"width\": 3,"
	    " \"height\": 4, \"label\": \"car\"}]}", &img);
	s = emitted(a);
	ck_assert_str_eq(s, "{\"boxes\":[{\"x\":1,\"y\":2.5,\"width\":3,"
	    "\"height\":4,\"label\":\"car\"}],\"regions\":[],"
	    "\"maybe\":[]}");
	free(s);
	answer_free(a);
}
END_TEST

START_TEST(test_lenient)
{
	struct answer_task	 t = { "Paris is big", 12, 0, 0, 0, 0 };
	struct answer		*a = answer_new(cfg, &t);
	json_t			*j;
	char			*s;

	/* An unknown label, a second choice, an overlapping span and a span
	 * outside the text are left out; a key for no control is kept. */
	j = json_loads("{\"label\": [\"pos\", \"neg\"], \"tags\":"
	    " [\"a\", \"zz\"], \"ents\": [{\"start\": 0, \"end\": 5,"
	    " \"label\": \"LOC\"}, {\"start\": 3, \"end\": 8, \"label\":"
	    " \"PER\"}, {\"start\": 9, \"end\": 99, \"label\": \"PER\"}],"
	    " \"other\": 1}", 0, NULL);
	ck_assert_uint_eq(answer_load_lenient(a, j), 4);
	s = emitted(a);
	ck_assert_str_eq(s, "{\"label\":[\"pos\"],\"tags\":[\"a\"],"
	    "\"ents\":[{\"start\":0,\"end\":5,\"label\":\"LOC\"}],"
	    "\"maybe\":[],\"other\":1}");
	free(s);
	json_decref(j);
	answer_free(a);
}
END_TEST

START_TEST(test_rotated_boxes)
{
	struct ans_box	a = { 0, 0, 10, 10, 0, 0, NULL };
	struct ans_box	b = { 5, 0, 10, 10, 0, 0, NULL };
	struct ans_box	r = { 5, 0, 10, 10, 90, 0, NULL };

	ck_assert_double_eq_tol(ans_box_iou(&a, &a), 1.0, 1e-9);
	/* Half of each overlaps: 50 / 150. */
	ck_assert_double_eq_tol(ans_box_iou(&a, &b), 1.0 / 3, 1e-9);
	/* Turned 90 degrees about (5, 0) it covers x -5..5: the same. */
	ck_assert_double_eq_tol(ans_box_iou(&a, &r), 1.0 / 3, 1e-9);
	/* Inside the image only as a whole, corners and all. */
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 5, \"y\": 0,"
	    " \"width\": 4, \"height\": 4, \"rotation\": 90, \"label\":"
	    " \"car\"}]}", 10, 10), 0);
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 2, \"y\": 0,"
	    " \"width\": 4, \"height\": 4, \"rotation\": 90, \"label\":"
	    " \"car\"}]}", 10, 10), -1);
	ck_assert_str_eq(err, "\"boxes\": box 1: reaches outside the image"
	    " (10x10)");
	ck_assert_int_eq(on_image("{\"boxes\": [{\"x\": 1, \"y\": 0,"
	    " \"width\": 4, \"height\": 4, \"rotation\": \"no\","
	    " \"label\": \"car\"}]}", 10, 10), -1);
	ck_assert_str_eq(err, "\"boxes\": box 1: \"rotation\" must be a number"
	    " of degrees from -360 to 360");
}
END_TEST

START_TEST(test_masks)
{
	struct answer_task	 img = { NULL, 0, 2, 3, 0, 0 };
	struct answer		*a;

	/* 2x3 = 6 pixels: 1 off, 3 on, 2 off; and 2 off, 4 on. */
	a = load("{\"regions\": [{\"rle\": [1, 3, 2], \"label\": \"sky\"},"
	    " {\"rle\": [2, 4], \"label\": \"sky\"}]}", &img);
	ck_assert_uint_eq(a->v[4].nshapes, 2);
	/* Both have pixels 2 and 3: 2 of 5. */
	ck_assert_double_eq_tol(ans_mask_iou(&a->v[4].shapes[0],
	    &a->v[4].shapes[1]), 2.0 / 5, 1e-9);
	answer_free(a);
	ck_assert_int_eq(on_image("{\"regions\": [{\"rle\": [1, 3],"
	    " \"label\": \"sky\"}]}", 2, 3), -1);
	ck_assert_str_eq(err, "\"regions\": polygon 1: the mask's runs cover 4"
	    " pixels, and the image has 2x3 = 6");
	ck_assert_int_eq(on_image("{\"regions\": [{\"rle\": [1, -3],"
	    " \"label\": \"sky\"}]}", 2, 3), -1);
	ck_assert_str_eq(err, "\"regions\": polygon 1: run 2 of \"rle\" must"
	    " be a whole number of pixels");
}
END_TEST

START_TEST(test_compare)
{
	struct answer_task	 t = { "Angela Merkel met Macron", 24, 0, 0, 0,
				    0 };
	struct answer		*x, *y;
	struct ans_match	 m;

	x = load("{\"tags\": [\"a\", \"b\"], \"ents\": [{\"start\": 0,"
	    " \"end\": 13, \"label\": \"PER\"}, {\"start\": 18, \"end\": 24,"
	    " \"label\": \"PER\"}]}", &t);
	y = load("{\"tags\": [\"a\"], \"ents\": [{\"start\": 7, \"end\": 13,"
	    " \"label\": \"PER\"}, {\"start\": 18, \"end\": 24, \"label\":"
	    " \"PER\"}]}", &t);
	ck_assert_double_eq_tol(ans_jaccard(&x->v[1], &y->v[1]), 0.5, 1e-9);
	/* Strict: one of two spans each matches. */
	ans_spans_match(&x->v[2], &y->v[2], 0, &m);
	ck_assert_uint_eq(m.matched, 1);
	ck_assert_double_eq_tol(m.f1, 0.5, 1e-9);
	/* Lenient at 0.4: "Merkel" is 6 of "Angela Merkel"'s 13. */
	ans_spans_match(&x->v[2], &y->v[2], 0.4, &m);
	ck_assert_uint_eq(m.matched, 2);
	ans_spans_match(&x->v[2], &y->v[2], 0.5, &m);
	ck_assert_uint_eq(m.matched, 1);
	ck_assert(!answer_equal(x, y));
	ck_assert(ans_value_equal(&x->v[0], &y->v[0]));	/* both empty */
	answer_free(y);
	y = load("{\"ents\": [{\"start\": 0, \"end\": 13, \"label\":"
	    " \"PER\", \"score\": 1}, {\"start\": 18, \"end\": 24, \"label\":"
	    " \"PER\"}], \"tags\": [\"b\", \"a\"]}", &t);
	ck_assert(answer_equal(x, y));		/* a score is not the answer */
	answer_free(x);
	answer_free(y);
	ck_assert_double_eq_tol(ans_text_distance("kitten", "sitting"),
	    3.0 / 7, 1e-9);
	ck_assert_double_eq_tol(ans_text_distance("", ""), 0, 1e-9);
	ck_assert_double_eq_tol(ans_text_distance("\xc3\xa9t\xc3\xa9", "ete"),
	    2.0 / 3, 1e-9);
}
END_TEST

START_TEST(test_span_edits)
{
	struct answer_task	 t = { "a b c d e", 9, 0, 0, 0, 0 };
	struct answer		*a = load("{\"ents\": [{\"start\": 0, \"end\": 1,"
				    " \"label\": \"PER\"}, {\"start\": 4,"
				    " \"end\": 5, \"label\": \"PER\"}]}", &t);
	struct ans_value	*v = &a->v[2];

	/* A new span over both replaces them. */
	ck_assert_uint_eq(ans_span_put(v, 0, 7, 1), 2);
	ck_assert_uint_eq(v->nspans, 1);
	ck_assert_uint_eq(ans_span_overlapping(v, 6, 7), 0);
	ck_assert_uint_eq(ans_span_overlapping(v, 7, 9), 1);
	ck_assert_uint_eq(ans_span_put(v, 8, 9, 0), 0);
	ck_assert_uint_eq(v->spans[1].start, 8);
	ans_span_delete(v, 0);
	ck_assert_uint_eq(v->nspans, 1);
	ck_assert_uint_eq(v->spans[0].start, 8);
	answer_free(a);
}
END_TEST

START_TEST(test_uses)
{
	struct answer_uses	 u;
	json_t			*j;

	answer_uses_init(&u, cfg);
	j = json_loads("{\"label\": \"pos\", \"ents\": [{\"start\": 0,"
	    " \"end\": 1, \"label\": \"PER\"}, {\"start\": 2, \"end\": 3,"
	    " \"label\": \"PER\"}], \"note\": \"pos\"}", 0, NULL);
	answer_uses_add(&u, j);
	answer_uses_add(&u, j);
	json_decref(j);
	ck_assert_int_eq(u.control[0], 2);
	ck_assert_int_eq(u.label[0][0], 2);	/* pos */
	ck_assert_int_eq(u.label[2][0], 2);	/* PER, once a result */
	ck_assert_int_eq(u.control[5], 2);	/* note */
	ck_assert_int_eq(u.control[1], 0);
	answer_uses_release(&u);
}
END_TEST

static Suite *
answer_suite(void)
{
	Suite	*s = suite_create("answer");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_choice);
	tcase_add_test(tc, test_retired);
	tcase_add_test(tc, test_multichoice);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_boxes);
	tcase_add_test(tc, test_polygons);
	tcase_add_test(tc, test_text_rating_unknown);
	tcase_add_test(tc, test_emit);
	tcase_add_test(tc, test_lenient);
	tcase_add_test(tc, test_rotated_boxes);
	tcase_add_test(tc, test_masks);
	tcase_add_test(tc, test_compare);
	tcase_add_test(tc, test_span_edits);
	tcase_add_test(tc, test_uses);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(answer_suite());
}
