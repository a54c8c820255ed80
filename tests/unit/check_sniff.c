/* Unit tests for the format guess (formats/sniff.c): each format's first
 * record with and without its extension, the extensions that decide alone,
 * the unsure and unknown cases with their candidates, heads cut off
 * (asking for more, then judged at the end or at the limit), a byte order
 * mark, leading white space and CRLF. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/sniff.h"

#include "runner.h"

/* The guess for name and all of s (the end of the input). */
static enum sniff_rc
guess(const char *name, const char *s, struct sniff *out)
{
	return sniff_guess(name, s, strlen(s), 1, out);
}

/* The name of the format the guess is sure of, or "?". */
static const char *
sure_of(const char *name, const char *s)
{
	struct sniff	out;

	return guess(name, s, &out) == SNIFF_SURE ? out.fmt->name : "?";
}

/* The candidates joined, for comparison. */
static const char *
cands(const struct sniff *s)
{
	static struct buf	b;

	buf_reset(&b);
	sniff_names(s, &b);
	return buf_str(&b);
}

static const char *const native = "{\"text\": \"hi\", \"id\": 1}\n";
static const char *const doccano_spans =
    "{\"id\": 1, \"text\": \"EU rejects\", \"label\": [[0, 2, \"ORG\"]]}\n";
static const char *const doccano_cats =
    "{\"text\": \"good\", \"label\": [\"positive\"]}\n";
static const char *const doccano_rel = "{\"text\": \"a b\", \"entities\":"
    " [{\"id\": 1, \"label\": \"X\", \"start_offset\": 0, \"end_offset\": 1}],"
    " \"relations\": []}\n";
static const char *const prodigy = "{\"text\": \"a\", \"_input_hash\": 1,"
    " \"_task_hash\": 2, \"answer\": \"accept\"}\n";
static const char *const prodigy_spans = "{\"text\": \"a b\", \"spans\":"
    " [{\"start\": 0, \"end\": 1, \"token_start\": 0, \"token_end\": 0,"
    " \"label\": \"X\"}]}\n";
static const char *const spacy = "[\"Apple buys\", {\"entities\": [[0, 5,"
    " \"ORG\"]]}]\n";
static const char *const ls_full = "[{\"id\": 1, \"data\": {\"text\": \"hi\"},"
    " \"annotations\": [{\"result\": []}], \"predictions\": []}]";
static const char *const ls_min = "[{\"id\": 1, \"text\": \"hi\", \"annotator\":"
    " 1, \"annotation_id\": 2, \"sentiment\": \"pos\"}]";
static const char *const ls_flat = "[{\"text\": \"hi\"}, {\"text\": \"yo\"}]";
static const char *const coco = "{\"info\": {}, \"images\": [{\"id\": 1,"
    " \"file_name\": \"a.jpg\"}], \"annotations\": [], \"categories\": []}";
static const char *const coco_results = "[{\"image_id\": 1, \"category_id\":"
    " 2, \"bbox\": [1, 2, 3, 4], \"score\": 0.9}]";
static const char *const spacy_v2 = "[{\"id\": 0, \"paragraphs\": [{\"raw\":"
    " \"a\", \"sentences\": [{\"tokens\": []}]}]}]";

START_TEST(each_format_by_content)
{
	static const struct {
		const char	*name, *text, *want;
	} t[] = {
		{ "a.jsonl", NULL, "jsonl" },
		{ "a.jsonl", NULL, "doccano" },
		{ "a.jsonl", NULL, "doccano" },
		{ "a.jsonl", NULL, "doccano" },
		{ "a.jsonl", NULL, "prodigy" },
		{ "a.jsonl", NULL, "prodigy" },
		{ "a.jsonl", NULL, "spacy" },
		{ "a.json", NULL, "labelstudio" },
		{ "a.json", NULL, "labelstudio-min" },
		{ "a.json", NULL, "labelstudio-min" },
		{ "a.json", NULL, "coco" },
		{ "a.json", NULL, "coco-results" },
		{ "a.json", NULL, "spacy-v2" },
	};
	const char *texts[] = { native, doccano_spans, doccano_cats,
	    doccano_rel, prodigy, prodigy_spans, spacy, ls_full, ls_min,
	    ls_flat, coco, coco_results, spacy_v2 };
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		/* With its usual extension, with none, from stdin and with
		 * a name that says nothing. */
		ck_assert_str_eq(sure_of(t[i].name, texts[i]), t[i].want);
		ck_assert_str_eq(sure_of("data", texts[i]), t[i].want);
		ck_assert_str_eq(sure_of("-", texts[i]), t[i].want);
		ck_assert_str_eq(sure_of(NULL, texts[i]), t[i].want);
		ck_assert_str_eq(sure_of("data.txt2", texts[i]), t[i].want);
	}
}
END_TEST

START_TEST(extension_decides)
{
	struct sniff	s;

	ck_assert_int_eq(guess("a.csv", "{\"text\": 1}", &s), SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "csv");
	ck_assert(s.by_name);
	/* Not even a byte is needed. */
	ck_assert_int_eq(sniff_guess("x/a.tsv", NULL, 0, 0, &s), SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "tsv");
	ck_assert_str_eq(sure_of("a.txt", "[1, 2]"), "txt");
	ck_assert_str_eq(sure_of("a.conll", "EU B-ORG\n"), "conll");
	ck_assert_str_eq(sure_of("a.xml", "<annotation/>"), "voc");
	/* A dot in a folder's name is no extension. */
	ck_assert_int_eq(guess("d.csv/file", "a,b\n", &s), SNIFF_UNKNOWN);
}
END_TEST

START_TEST(jsonl_extension_defaults_native)
{
	/* What no format's keys tell is native JSONL, whose reader says
	 * what is wrong with the line. */
	ck_assert_str_eq(sure_of("a.jsonl", "not json\n"), "jsonl");
	ck_assert_str_eq(sure_of("a.jsonl", "{\"foo\": 1}\n"), "jsonl");
	ck_assert_str_eq(sure_of("a.ndjson", "[{\"text\": 1}]\n"), "jsonl");
	ck_assert_str_eq(sure_of("a.jsonl", ""), "jsonl");
	ck_assert_str_eq(sure_of("a.jsonl", coco), "jsonl");
	/* A string "label" is a meta field, not doccano's. */
	ck_assert_str_eq(sure_of("a.jsonl", "{\"text\": \"a\", \"label\":"
	    " \"x\"}"), "jsonl");
	/* Prodigy's "answer" must be a string; "spans" without tokens is
	 * native meta. */
	ck_assert_str_eq(sure_of("a.jsonl", "{\"text\": \"a\", \"answer\":"
	    " 1}"), "jsonl");
	ck_assert_str_eq(sure_of("a.jsonl", "{\"text\": \"a\", \"spans\":"
	    " [{\"start\": 0}]}"), "jsonl");
}
END_TEST

START_TEST(unsure_and_unknown)
{
	struct sniff	s;

	/* doccano's label list beside Prodigy's answer. */
	ck_assert_int_eq(guess("a.jsonl", "{\"text\": \"a\", \"label\": [\"x\"],"
	    " \"answer\": \"accept\"}", &s), SNIFF_UNSURE);
	ck_assert_str_eq(cands(&s), "prodigy or doccano");
	/* A Label Studio task with a results file's keys. */
	ck_assert_int_eq(guess("a.json", "[{\"data\": {}, \"image_id\": 1,"
	    " \"bbox\": [1, 2, 3, 4]}]", &s), SNIFF_UNSURE);
	ck_assert_str_eq(cands(&s), "coco-results or labelstudio");
	/* No extension and no JSON. */
	ck_assert_int_eq(guess("data.txt2", "hello world\n", &s),
	    SNIFF_UNKNOWN);
	ck_assert_uint_eq(s.ncand, 0);
	ck_assert_int_eq(guess("-", "a,b\n1,2\n", &s), SNIFF_UNKNOWN);
	ck_assert_int_eq(guess("data", "{\"foo\": 1}\n", &s), SNIFF_UNKNOWN);
	ck_assert_int_eq(guess("data", "[[1, 2]]", &s), SNIFF_UNKNOWN);
	/* .json that is no JSON format: its family's candidates. */
	ck_assert_int_eq(guess("a.json", "nope", &s), SNIFF_UNKNOWN);
	ck_assert_str_eq(cands(&s), "labelstudio, labelstudio-min, coco,"
	    " coco-results or spacy-v2");
	ck_assert_int_eq(guess("a.json", "{\"foo\": 1}", &s), SNIFF_UNKNOWN);
	ck_assert_int_eq(guess("a.json", spacy, &s), SNIFF_UNKNOWN);
	/* A JSON Lines file named .json is what its line is. */
	ck_assert_str_eq(sure_of("a.json", native), "jsonl");
	ck_assert_str_eq(sure_of("a.json", prodigy), "prodigy");
	/* An empty list is no task in any format: the reader says so. */
	ck_assert_str_eq(sure_of("a.json", "[ ]"), "labelstudio");
	ck_assert_str_eq(sure_of("-", "  \n"), "jsonl");
}
END_TEST

START_TEST(cut_off)
{
	struct sniff	s;
	char		*big;
	size_t		 n;

	/* A first record not whole yet: more, until the end says. */
	n = strlen(doccano_spans) - 5;
	ck_assert_int_eq(sniff_guess("a.jsonl", doccano_spans, n, 0, &s),
	    SNIFF_MORE);
	ck_assert_int_eq(sniff_guess("-", "", 0, 0, &s), SNIFF_MORE);
	ck_assert_int_eq(sniff_guess("-", "\xef\xbb", 2, 0, &s), SNIFF_MORE);
	ck_assert_int_eq(sniff_guess("a.json", "[", 1, 0, &s), SNIFF_MORE);
	/* No JSON: no more needed. */
	ck_assert_int_eq(sniff_guess("-", "x", 1, 0, &s), SNIFF_UNKNOWN);
	/* Cut off at the end of the file: what was seen. */
	ck_assert_int_eq(sniff_guess("a.jsonl", doccano_spans, n, 1, &s),
	    SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "doccano");
	ck_assert_int_eq(sniff_guess("a.json", "[{\"id\": 1", 9, 1, &s),
	    SNIFF_UNSURE);
	ck_assert_int_eq(sniff_guess("-", "{\"text\": \"ab", 12, 1, &s),
	    SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "jsonl");

	/* A line longer than the head: judged at SNIFF_MAX by its keys, a
	 * native text first. */
	big = malloc(SNIFF_MAX + 16);
	memset(big, 'a', SNIFF_MAX + 16);
	memcpy(big, "{\"text\": \"", 10);
	ck_assert_int_eq(sniff_guess("-", big, SNIFF_MAX - 1, 0, &s),
	    SNIFF_MORE);
	ck_assert_int_eq(sniff_guess("-", big, SNIFF_MAX, 0, &s), SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "jsonl");
	ck_assert_int_eq(sniff_guess("x.jsonl", big, SNIFF_MAX + 16, 0, &s),
	    SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "jsonl");
	/* Label Studio's "data" before a long text. */
	memcpy(big, "[{\"id\": 1, \"data\": {\"text\": \"", 29);
	ck_assert_int_eq(sniff_guess("a.json", big, SNIFF_MAX, 0, &s),
	    SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "labelstudio");
	/* COCO's images list, longer than the head. */
	memcpy(big, "{\"images\": [{\"id\": 1}, ", 23);
	ck_assert_int_eq(sniff_guess("a.json", big, SNIFF_MAX, 0, &s),
	    SNIFF_SURE);
	ck_assert_str_eq(s.fmt->name, "coco");
	free(big);
}
END_TEST

START_TEST(bom_space_crlf)
{
	ck_assert_str_eq(sure_of("-", "\xef\xbb\xbf{\"text\": \"a\"}\r\n"),
	    "jsonl");
	ck_assert_str_eq(sure_of("-", "\r\n\t  \xef\xbb\xbf"), "?");
	ck_assert_str_eq(sure_of("-", " \r\n\t{\"text\": \"a\", \"label\":"
	    "\r\n [[0, 1, \"X\"]]}\r\n"), "doccano");
	ck_assert_str_eq(sure_of("a.json", "\xef\xbb\xbf\r\n[\r\n  {\r\n"
	    "    \"image_id\": 1,\r\n    \"score\": 0.5\r\n  }\r\n]\r\n"),
	    "coco-results");
	/* Keys inside strings and escaped quotes are not keys. */
	ck_assert_str_eq(sure_of("-", "{\"text\": \"\\\"label\\\": [\","
	    " \"id\": 1}"), "jsonl");
	ck_assert_str_eq(sure_of("-", "{\"meta\": {\"label\": [1]},"
	    " \"text\": \"a\"}"), "jsonl");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sniff");
	TCase	*tc = tcase_create("sniff");

	tcase_add_test(tc, each_format_by_content);
	tcase_add_test(tc, extension_decides);
	tcase_add_test(tc, jsonl_extension_defaults_native);
	tcase_add_test(tc, unsure_and_unknown);
	tcase_add_test(tc, cut_off);
	tcase_add_test(tc, bom_space_crlf);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
