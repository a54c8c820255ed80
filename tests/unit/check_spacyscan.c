/* Unit tests for the scanner of spaCy's v2 documents
 * (formats/spacyscan.c): what it takes it reads as jansson would (the
 * id and its type, raw text and orths unescaped, a missing raw or ner,
 * sentences in order), what it must leave to jansson (another key, a
 * token's other fields, a duplicate key, an escape in a key, -0, a real
 * or a 19-digit id, \u0000, a lone surrogate, invalid UTF-8, an empty
 * orth, a document cut short), and that the spacy-v2 reader gives the
 * same records and the same errors with it and without it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/format.h"
#include "formats/spacyscan.h"
#include "model/config.h"
#include "util/buf.h"

#include "errors.h"
#include "runner.h"

static void
setup(void)
{
	errors_keep();
}

static void
teardown(void)
{
	errors_drop();
	v2scan_off = 0;
}

static int
scan(struct v2scan *v, const char *s)
{
	return v2scan_doc(v, s, strlen(s));
}

static const char *
str(const struct v2scan *v, size_t at)
{
	return v->b.data + at;
}

START_TEST(takes_the_regular_shape)
{
	struct v2scan			 v;
	const struct v2scan_para	*pa;

	memset(&v, 0, sizeof v);
	ck_assert_int_eq(scan(&v, "{\"id\": 7, \"paragraphs\": [{\"raw\":"
	    " \"Ann \\u00e9\\n\", \"sentences\": [{\"tokens\": [{\"orth\":"
	    " \"Ann\", \"ner\": \"U-PER\"}]}, {\"tokens\": [{\"ner\": \"O\","
	    " \"orth\": \"\\u00e9\"}]}]}, {\"sentences\": [{\"tokens\":"
	    " [{\"orth\": \"x\\\"y\"}]}]}]}"), 1);
	ck_assert_int_eq(v.id_kind, V2SCAN_ID_INT);
	ck_assert_str_eq(str(&v, v.id), "7");
	ck_assert_uint_eq(v.npara, 2);
	pa = &v.para[0];
	ck_assert(pa->has_raw);
	ck_assert_str_eq(str(&v, pa->raw), "Ann \xc3\xa9\n");
	ck_assert_uint_eq(pa->nsent, 2);
	ck_assert_uint_eq(V2SCAN_FIRST(&v, pa, 0), 0);
	ck_assert_uint_eq(V2SCAN_END(&v, pa, 0), 1);
	ck_assert_uint_eq(V2SCAN_END(&v, pa, 1), 2);
	ck_assert_str_eq(str(&v, v.tok[1].orth), "\xc3\xa9");
	ck_assert_str_eq(str(&v, v.tok[1].ner), "O");
	pa = &v.para[1];
	ck_assert(!pa->has_raw);
	ck_assert_uint_eq(pa->nsent, 1);
	ck_assert_str_eq(str(&v, v.tok[2].orth), "x\"y");
	ck_assert(!v.tok[2].has_ner);
	/* A string id, none, no paragraphs, an empty sentence list. */
	ck_assert_int_eq(scan(&v, "{\"paragraphs\": [], \"id\": \"d\\u00e9\"}"),
	    1);
	ck_assert_int_eq(v.id_kind, V2SCAN_ID_STRING);
	ck_assert_str_eq(str(&v, v.id), "d\xc3\xa9");
	ck_assert_uint_eq(v.npara, 0);
	ck_assert_int_eq(scan(&v, "{\"paragraphs\": [{\"raw\": \"\","
	    " \"sentences\": []}]}"), 1);
	ck_assert_int_eq(v.id_kind, V2SCAN_ID_NONE);
	ck_assert_uint_eq(v.para[0].nsent, 0);
	ck_assert_int_eq(scan(&v, "{\"id\": -12, \"paragraphs\": []}"), 1);
	ck_assert_str_eq(str(&v, v.id), "-12");
	v2scan_release(&v);
}
END_TEST

START_TEST(leaves_the_rest_to_jansson)
{
	static const char *const docs[] = {
		"{\"id\": 1, \"paragraphs\": [], \"cats\": {}}",
		"{\"id\": 1, \"id\": 2, \"paragraphs\": []}",
		"{\"i\\u0064\": 1, \"paragraphs\": []}",
		"{\"id\": -0, \"paragraphs\": []}",
		"{\"id\": 01, \"paragraphs\": []}",
		"{\"id\": 1.0, \"paragraphs\": []}",
		"{\"id\": 1e3, \"paragraphs\": []}",
		"{\"id\": null, \"paragraphs\": []}",
		"{\"id\": 1234567890123456789, \"paragraphs\": []}",
		"{\"id\": 1}",
		"{\"id\": 1, \"paragraphs\": {}}",
		"{\"paragraphs\": [{\"raw\": \"a\"}]}",
		"{\"paragraphs\": [{\"raw\": 5, \"sentences\": []}]}",
		"{\"paragraphs\": [{\"raw\": \"a\", \"sentences\": [],"
		    " \"cats\": {}}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [],"
		    " \"brackets\": []}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\", \"tag\": \"DT\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"ner\":"
		    " \"O\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\", \"ner\": null}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\\u0000\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"\\ud800\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"\xc3\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\tb\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\", \"orth\": \"b\"}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\",}]}]}]}",
		"{\"paragraphs\": [{\"sentences\": [{\"tokens\": [{\"orth\":"
		    " \"a\"}]}]}",
		"{\"paragraphs\": []} x",
		"[]",
	};
	struct v2scan	v;
	size_t		i;

	memset(&v, 0, sizeof v);
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
		ck_assert_msg(scan(&v, docs[i]) == 0, "%s", docs[i]);
	v2scan_off = 1;
	ck_assert_int_eq(scan(&v, "{\"paragraphs\": []}"), 0);
	v2scan_release(&v);
}
END_TEST

/* Everything the spacy-v2 reader gives for file, with the scanner or
 * without it: records, their return and the message. */
static void
read_file(const char *file, int off, struct buf *out)
{
	static const char	 yaml[] = "type: custom\ncontrols:\n"
				    "  - {name: ents, kind: spans, labels: [PER,"
				    " LOC]}\n";
	struct config		*cfg = config_parse(yaml, strlen(yaml), "t");
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	char			*s;
	FILE			*f;
	int			 rc;

	ck_assert_ptr_nonnull(cfg);
	v2scan_off = off;
	last_error[0] = '\0';
	f = fmemopen((void *)file, strlen(file), "r");
	ck_assert_ptr_nonnull(f);
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "ann";
	rc = reader_open_opts(&r, &format_spacy_v2, f, "f.json", &ro);
	while (rc == 0 && (rc = reader_next(&r, &rec)) == 1) {
		rc = 0;
		buf_printf(out, "%lu %s %s ", rec.line, rec.text, rec.tokens);
		s = json_dumps(rec.meta, JSON_COMPACT);
		buf_addstr(out, s != NULL ? s : "-");
		free(s);
		s = json_dumps(rec.annotations, JSON_COMPACT);
		buf_addstr(out, s != NULL ? s : "-");
		free(s);
		buf_addch(out, '\n');
	}
	buf_printf(out, "rc %d: %s\n", rc, last_error);
	reader_close(&r);
	fclose(f);
	config_free(cfg);
	v2scan_off = 0;
}

/* The reader's output for file both ways: the same, and want's (a
 * substring of it). */
static void
both_ways(const char *file, const char *want)
{
	struct buf	fast = BUF_INIT, slow = BUF_INIT;

	read_file(file, 0, &fast);
	read_file(file, 1, &slow);
	ck_assert_str_eq(buf_str(&fast), buf_str(&slow));
	ck_assert_msg(strstr(buf_str(&fast), want) != NULL, "%s not in %s",
	    want, buf_str(&fast));
	buf_release(&fast);
	buf_release(&slow);
}

START_TEST(reader_the_same_both_ways)
{
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann  Lee is\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"B-PER\"}, {\"orth\": \"Lee\", \"ner\": \"L-PER\"}]},"
	    " {\"tokens\": [{\"orth\": \"is\", \"ner\": \"O\"}]}]}]},\n"
	    "{\"id\": 1, \"paragraphs\": [{\"sentences\": [{\"tokens\":"
	    " [{\"orth\": \"Oslo\", \"ner\": \"U-LOC\"}]}]}]},\n"
	    "{\"paragraphs\": [{\"raw\": \"x\", \"sentences\": [{\"tokens\":"
	    " [{\"orth\": \"x\"}]}]}]}]\n",
	    "{\"_spacy\":{\"doc\":1,\"raw\":false,\"document\":{}}}");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"Q-PER\"}]}]}]}]", ".ner 'Q-PER': ");
	/* A document without paragraphs writes nothing: the next one's
	 * "document" mark is of the one before it, which has none. */
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"a\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"a\"}]}]}]},"
	    " {\"paragraphs\": []}, {\"paragraphs\": [{\"raw\": \"b\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"b\"}]}]}]}]",
	    "b [0,1] {\"_spacy\":{}}-\n");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Anne\", \"ner\":"
	    " \"U-PER\"}]}]}]}]", "is not the raw text");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann is\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"U-PER\"}, {\"orth\": \"is\"}]}]}]}]", "every token has one");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann is\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"U-PER\"}, {\"orth\": \"is\", \"ner\": \"-\"}]}]}]}]",
	    "'-' (missing)");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"U-ORG\"}]}]}]}]", "rc -1");
	both_ways("[{\"id\": 1, \"paragraphs\": [{\"raw\": \"Ann\","
	    " \"sentences\": [{\"tokens\": [{\"orth\": \"Ann\", \"ner\":"
	    " \"U-PER\"}]}]}", "ends inside document [0]");
}
END_TEST

static Suite *
spacyscan_suite(void)
{
	Suite	*s = suite_create("spacyscan");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, takes_the_regular_shape);
	tcase_add_test(tc, leaves_the_rest_to_jansson);
	tcase_add_test(tc, reader_the_same_both_ways);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(spacyscan_suite());
}
