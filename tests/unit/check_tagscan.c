/* Unit tests for the doccano and spaCy pairs readers' scanners
 * (formats/tagscan.h, doccano.c, spacy.c): a file read with them and
 * without them (doccano_tree_only, spacy_tree_only) gives the same
 * records and the same errors (tests/fuzz/tagboth.h, the fuzz target's
 * comparison), for each project and --offsets unit: regular lines, ids
 * of both JSON types, meta keys, class names, UTF-16 offsets over emoji,
 * ZWJ sequences, CJK and combining marks, the relation variant, and each
 * kind of wrong line; and that the regular lines are the scanner's. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/offsets.h"
#include "formats/tagscan.h"
#include "model/config.h"
#include "util/buf.h"

#include "../fuzz/tagboth.h"
#include "runner.h"

static const char *const yamls[] = {
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n",
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n",
	"type: custom\n"
	"controls:\n"
	"  - {name: label, kind: multichoice, labels: [pos, neg]}\n",
};

#define NCFG	(sizeof yamls / sizeof yamls[0])

static struct config	*cfg[NCFG];

static void
setup(void)
{
	size_t	i;

	for (i = 0; i < NCFG; i++) {
		cfg[i] = config_parse(yamls[i], strlen(yamls[i]), "test");
		ck_assert_ptr_nonnull(cfg[i]);
	}
}

static void
teardown(void)
{
	size_t	i;

	for (i = 0; i < NCFG; i++)
		config_free(cfg[i]);
}

/* file read as fmt both ways agrees for every project and unit; the
 * scanned transcript of the first project, default unit, in *out (to
 * free) when out is not NULL. */
static void
agree(const struct format *fmt, const char *file, char **out)
{
	static const enum offset_unit units[] = { OFFSETS_DEFAULT,
	    OFFSETS_CODEPOINT, OFFSETS_UTF16, OFFSETS_GRAPHEME };
	struct reader_opts	ro;
	struct buf		fast = { 0 }, slow = { 0 };
	size_t			i, u;
	int			same;

	for (i = 0; i < NCFG; i++)
		for (u = 0; u < 4; u++) {
			if (units[u] == OFFSETS_GRAPHEME &&
			    !offset_graphemes())
				continue;
			memset(&ro, 0, sizeof ro);
			ro.cfg = cfg[i];
			ro.user = "ann";
			ro.offsets = units[u];
			same = tag_both(fmt, (const uint8_t *)file,
			    strlen(file), &ro, &fast, &slow);
			if (!same)
				fprintf(stderr, "file:\n%s\nscanned:\n%s\n"
				    "tree:\n%s\n", file, buf_str(&fast),
				    buf_str(&slow));
			ck_assert(same);
			if (out != NULL && i == 0 && u == 0)
				*out = buf_detach(&fast);
		}
	buf_release(&fast);
	buf_release(&slow);
}

/* The regular doccano lines: the scanner's, and the tree's records. */
static const char doccano_regular[] =
	"{\"id\": 1, \"text\": \"Anna in Z\\u00fcrich\", \"label\": [[0, 4,"
	" \"PER\"], [8, 14, \"LOC\"]]}\n"
	"{\"id\": \"a1\", \"text\": \"x\", \"label\": []}\n"
	"\n"
	"{\"id\": \"12\", \"text\": \"twelve\", \"label\": [[0, 6, \"PER\"]]}\n"
	"{\"id\": \"\\\"q\", \"text\": \"quote\"}\n"
	"{\"text\": \"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	"\xf0\x9f\x91\xa7 Anna \xe6\x9d\xb1\xe4\xba\xac e\xcc\x81t\xc3\xa9\","
	" \"label\": [[9, 13, \"PER\"], [14, 16, \"LOC\"], [17, 19, \"PER\"]]}\n"
	"{\"text\": \"\xf0\x9f\x98\x80x\", \"label\": [[2, 3, \"LOC\"]],"
	" \"Comments\": [], \"score\": 0.5, \"n\": {\"a\": [1, \"x\\n\"],"
	" \"b\": null}}\n"
	"  {\"label\": [\"pos\", \"neg\"], \"text\": \"good\", \"id\": 7} \r\n";

START_TEST(test_doccano_regular)
{
	char	*out = NULL;

	doccano_fast_reads = 0;
	agree(&format_doccano, doccano_regular, &out);
	ck_assert_ptr_nonnull(strstr(out, "\"start\":0,\"end\":4,"
	    "\"label\":\"PER\"}"));
	ck_assert_ptr_nonnull(strstr(out, "meta={\"Comments\":[],"
	    "\"score\":0.5,\"n\":{\"a\":[1,\"x\\n\"],\"b\":null}}"));
	ck_assert_ptr_nonnull(strstr(out, "id=\"12\""));
	/* The lines before the classes, which this project has no
	 * control for, are the scanner's: 6 in each of the 11 runs that
	 * get as far (the classes' project has no spans control). */
	ck_assert_uint_gt(doccano_fast_reads, 0);
	free(out);
}
END_TEST

/* Lines the scanner leaves to the tree, each a file of its own after a
 * regular line: the same record or the same error both ways. */
static const char *const doccano_odd[] = {
	"{\"id\": null, \"text\": \"x\", \"label\": []}",
	"{\"id\": -3, \"text\": \"x\"}",
	"{\"id\": 1.5, \"text\": \"x\"}",
	"{\"id\": \"\", \"text\": \"x\"}",
	"{\"id\": true, \"text\": \"x\"}",
	"{\"id\": 12345678901234567890, \"text\": \"x\"}",
	"{\"text\": \"x\", \"text\": \"y\"}",
	"{\"text\": \"x\", \"a\": 1, \"a\": 2}",
	"{\"t\\u0065xt\": \"x\"}",
	"{\"text\": \"x\", \"label\": \"pos\"}",
	"{\"text\": \"x\", \"label\": [[0, 1, \"PER\"], \"pos\"]}",
	"{\"text\": \"x\", \"label\": [\"pos\", [0, 1, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[0, 1]]}",
	"{\"text\": \"x\", \"label\": [[-1, 1, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[0, 1.0, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[01, 1, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[1, 1, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[0, 2, \"PER\"]]}",
	"{\"text\": \"\xf0\x9f\x98\x80x\", \"label\": [[1, 3, \"PER\"]]}",
	"{\"text\": \"x\", \"label\": [[0, 1, 5]]}",
	"{\"text\": \"x\", \"cats\": [\"pos\"]}",
	"{\"id\": 4, \"text\": \"Anna met Bo\", \"entities\": [{\"id\": 1,"
	    " \"label\": \"PER\", \"start_offset\": 0, \"end_offset\": 4}],"
	    " \"relations\": []}",
	"{\"id\": 4, \"text\": \"Anna met Bo\", \"entities\": [], \"relations\":"
	    " [{\"id\": 1, \"from_id\": 1, \"to_id\": 2, \"type\": \"x\"}]}",
	"{\"filename\": \"a.jpg\", \"label\": []}",
	"{\"label\": []}",
	"{}",
	"[\"x\"]",
	"{\"text\": \"x\"} x",
	"{\"text\": \"x\",}",
	"{\"text\": \"a\\u0000b\"}",
	"{\"text\": \"\xff\"}",
	"{\"text\": \"x\", \"m\": 1e400}",
	"not json",
};

START_TEST(test_doccano_odd)
{
	struct buf	file = { 0 };
	size_t		i;

	for (i = 0; i < sizeof doccano_odd / sizeof doccano_odd[0]; i++) {
		buf_reset(&file);
		buf_addstr(&file, "{\"id\": 1, \"text\": \"ok\", \"label\":"
		    " []}\n");
		buf_addstr(&file, doccano_odd[i]);
		buf_addstr(&file, "\n{\"text\": \"after\"}\n");
		agree(&format_doccano, buf_str(&file), NULL);
	}
	buf_release(&file);
}
END_TEST

static const char spacy_regular[] =
	"[\"Anna in Z\\u00fcrich\", {\"entities\": [[0, 4, \"PER\"], [8, 14,"
	" \"LOC\"]]}]\n"
	"[\"none\", {}]\n"
	"\n"
	"[\"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9 Anna \xe6\x9d\xb1\", "
	"{\"entities\": [[4, 8, \"PER\"], [9, 10, \"LOC\"]], \"cats\": {\"pos\":"
	" 1.0, \"neg\": 0}, \"links\": {}}]\n"
	" [ \"e\xcc\x81t\xc3\xa9\" , { \"entities\" : [ ] } ] \r\n";

START_TEST(test_spacy_regular)
{
	char	*out = NULL;

	spacy_fast_reads = 0;
	agree(&format_spacy, spacy_regular, &out);
	ck_assert_ptr_nonnull(strstr(out, "meta={\"_spacy\":{\"cats\":"
	    "{\"pos\":1.0,\"neg\":0},\"links\":{}}}"));
	ck_assert_ptr_nonnull(strstr(out, "\"start\":4,\"end\":8,"
	    "\"label\":\"PER\"}"));
	ck_assert_uint_gt(spacy_fast_reads, 0);
	free(out);
}
END_TEST

/* A scanned pair's annotation comes as text (record_ann), the bytes
 * json_dumps writes of the tree's result; the tree's way gives the
 * tree. */
START_TEST(test_spacy_text)
{
	static const char	 file[] = "[\"Anna \\\"\xc3\xa9\\\" in "
				     "Oslo\", {\"entities\": [[0, 4, \"PER\"],"
				     " [12, 16, \"L\\u004fC\"]]}]\n";
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	FILE			*f;
	int			 tree;

	for (tree = 0; tree < 2; tree++) {
		memset(&ro, 0, sizeof ro);
		ro.cfg = cfg[0];
		ro.user = "ann";
		spacy_tree_only = tree;
		f = fmemopen((void *)file, strlen(file), "r");
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(reader_open_opts(&r, &format_spacy, f, "t",
		    &ro), 0);
		ck_assert_int_eq(reader_next(&r, &rec), 1);
		if (tree) {
			ck_assert_ptr_null(rec.anns);
			ck_assert_ptr_nonnull(rec.annotations);
		} else {
			ck_assert_ptr_null(rec.annotations);
			ck_assert_uint_eq(rec.nanns, 1);
			ck_assert_str_eq(rec.anns[0].user, "ann");
			ck_assert_str_eq(rec.anns[0].state, "submitted");
			ck_assert_str_eq(rec.anns[0].result, "{\"ents\":["
			    "{\"start\":0,\"end\":4,\"label\":\"PER\"},"
			    "{\"start\":12,\"end\":16,\"label\":\"LOC\"}]}");
			ck_assert_uint_eq(rec.anns[0].result_len,
			    strlen(rec.anns[0].result));
			ck_assert_ptr_null(rec.anns[0].created_at);
		}
		ck_assert_int_eq(reader_next(&r, &rec), 0);
		reader_close(&r);
		fclose(f);
	}
	spacy_tree_only = 0;
}
END_TEST

static const char *const spacy_odd[] = {
	"[\"x\"]",
	"[\"x\", {}, 1]",
	"[1, {}]",
	"{\"text\": \"x\"}",
	"[\"x\", {\"entities\": null}]",
	"[\"x\", {\"entities\": [[0, 2, \"PER\"]]}]",
	"[\"x\", {\"entities\": [[1, 1, \"PER\"]]}]",
	"[\"x\", {\"entities\": [[-1, 1, \"PER\"]]}]",
	"[\"x\", {\"entities\": [[0, 1, \"PER\", 1]]}]",
	"[\"x\", {\"entities\": [[0, 1, \"PER\"]], \"entities\": []}]",
	"[\"x\", {\"cats\": 1, \"cats\": 2}]",
	"[\"x\", {\"c\\u0061ts\": 1}]",
	"[\"x\", {}] ]",
	"[\"a\\u0000\", {}]",
	"[\"\xc3\", {}]",
	"not json",
};

START_TEST(test_spacy_odd)
{
	struct buf	file = { 0 };
	size_t		i;

	for (i = 0; i < sizeof spacy_odd / sizeof spacy_odd[0]; i++) {
		buf_reset(&file);
		buf_addstr(&file, "[\"ok\", {\"entities\": []}]\n");
		buf_addstr(&file, spacy_odd[i]);
		buf_addstr(&file, "\n[\"after\", {}]\n");
		agree(&format_spacy, buf_str(&file), NULL);
	}
	buf_release(&file);
}
END_TEST

static Suite *
tagscan_suite(void)
{
	Suite	*s = suite_create("tagscan");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_doccano_regular);
	tcase_add_test(tc, test_doccano_odd);
	tcase_add_test(tc, test_spacy_regular);
	tcase_add_test(tc, test_spacy_text);
	tcase_add_test(tc, test_spacy_odd);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(tagscan_suite());
}
