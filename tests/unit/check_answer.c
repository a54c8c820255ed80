/* Unit tests for src/model/result.c: each control kind's checks, the
 * normalising of a bare choice, retired labels, and the messages. */
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
	"    max: 3\n";

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
	    " tags, ents, boxes, regions, note, stars)");
	ck_assert_int_eq(on_text("[]", "x"), -1);
	ck_assert_str_eq(err, "a result must be an object keyed by control"
	    " name");
}
END_TEST

static Suite *
result_suite(void)
{
	Suite	*s = suite_create("result");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_choice);
	tcase_add_test(tc, test_retired);
	tcase_add_test(tc, test_multichoice);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_boxes);
	tcase_add_test(tc, test_polygons);
	tcase_add_test(tc, test_text_rating_unknown);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(result_suite());
}
