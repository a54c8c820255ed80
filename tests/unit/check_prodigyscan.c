/* Unit tests for the Prodigy import's scanner (formats/prodigyscan.c)
 * and the Prodigy export's direct lines (prodigy.c): what the scanner
 * takes and what it leaves to jansson, and that a file read with it and
 * without it (prodigy_tree_only) gives the same records, the same
 * errors and the same lines written back (tests/fuzz/prodigyboth.h, the
 * fuzz target's comparison): regular db-out lines, two people's answers
 * to one question, a reject, meta, ids, escapes, UTF-16 offsets, and
 * each kind of wrong line. Also the scanner's dates against clock_iso. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/prodigyscan.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/sink.h"

#include "../fuzz/prodigyboth.h"
#include "runner.h"

/* A db-out line as Prodigy's ner_manual writes it. */
#define LINE	"{\"text\": \"Anna met Bo in Zürich\", \"_input_hash\": 1," \
		" \"_task_hash\": -1, \"tokens\": [{\"text\": \"Anna\"," \
		" \"start\": 0, \"end\": 4, \"id\": 0, \"ws\": true}, {\"text\":" \
		" \"met\", \"start\": 5, \"end\": 8, \"id\": 1, \"ws\": true}," \
		" {\"text\": \"Bo\", \"start\": 9, \"end\": 11, \"id\": 2," \
		" \"ws\": true}, {\"text\": \"in\", \"start\": 12, \"end\": 14," \
		" \"id\": 3, \"ws\": true}, {\"text\": \"Zürich\", \"start\": 15," \
		" \"end\": 21, \"id\": 4, \"ws\": false}], \"spans\": [{\"start\":" \
		" 0, \"end\": 4, \"token_start\": 0, \"token_end\": 0, \"label\":" \
		" \"PER\"}, {\"start\": 15, \"end\": 21, \"token_start\": 4," \
		" \"token_end\": 4, \"label\": \"LOC\"}], \"_view_id\":" \
		" \"ner_manual\", \"answer\": \"accept\", \"_timestamp\":" \
		" 1700000001, \"_annotator_id\": \"ann\", \"_session_id\":" \
		" \"news-ann\"}"

/* The start of LINE's kept keys. */
/* Tokens for the scanner's index: keys in another order, one escaped,
 * one without a text. */
#define TOKS "{\"text\": \"ab \xc3\xa4 c\", \"tokens\": [{\"text\": \"ab\"," \
	" \"start\": 0, \"end\": 2}, {\"end\": 4, \"st\\u0061rt\": 2, \"text\":" \
	" \"\\u00e4\"}, {\"start\": 5, \"end\": 10, \"ws\": false}]}"
#define T1	"{\"text\": \"a\", \"tokens\": [{}, 1]}"
#define T2	"{\"text\": \"a\", \"tokens\": {}}"
#define T3	"{\"text\": \"a\", \"tokens\": []}"
#define KEPT_HEAD	"\"_input_hash\":1,\"_task_hash\":-1,\"tokens\":" \
			"[{\"text\":\"Anna\",\"start\":0,"

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n";

static struct config	*cfg;

static void
setup(void)
{
	cfg = config_parse(yaml, strlen(yaml), "test");
	ck_assert_ptr_nonnull(cfg);
}

static void
teardown(void)
{
	config_free(cfg);
}

/* Reads file both ways (with unit, and "ann" the importer) and checks
 * that they agree; returns the scanned transcript (to free). */
static char *
agree(const char *file, enum offset_unit unit)
{
	struct reader_opts	ro;
	struct buf		fast = { 0 }, slow = { 0 };
	int			same;

	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "ann";
	ro.offsets = unit;
	same = prodigy_both((const uint8_t *)file, strlen(file), &ro, &fast,
	    &slow);
	if (!same)
		fprintf(stderr, "scanned:\n%s\ntree:\n%s\n", buf_str(&fast),
		    buf_str(&slow));
	ck_assert_msg(same, "the two ways differ on %s", file);
	buf_release(&slow);
	return buf_detach(&fast);
}

/* 1 when prodigy_scan takes line. */
static int
takes(const char *line)
{
	struct pscan	ps = { 0 };
	struct buf	b = { 0 }, kb = { 0 };
	int		rc = prodigy_scan(line, strlen(line), &ps, &b, &kb);

	buf_release(&b);
	buf_release(&kb);
	prodigy_scan_release(&ps);
	return rc;
}

START_TEST(test_scan_keys)
{
	struct pscan	ps = { 0 };
	struct buf	b = { 0 }, kb = { 0 };

	ck_assert_int_eq(prodigy_scan(LINE, strlen(LINE), &ps, &b, &kb), 1);
	ck_assert_str_eq(b.data + ps.text.at, "Anna met Bo in Zürich");
	ck_assert_int_eq(ps.answer.has, 1);
	ck_assert_str_eq(b.data + ps.answer.at, "\"accept\"");
	ck_assert_str_eq(b.data + ps.timestamp.at, "1700000001");
	ck_assert_int_eq(ps.tokens.has, 1);
	ck_assert_int_eq(kb.data[ps.tokens.at], '[');
	/* The kept keys, compact, in the line's order. */
	ck_assert_int_eq(strncmp(kb.data, KEPT_HEAD, strlen(KEPT_HEAD)), 0);
	ck_assert_ptr_nonnull(strstr(kb.data, "],\"_view_id\":\"ner_manual\""));
	/* Where each token's start, end and text are (as written), its
	 * keys in any order, escaped too; another list's not. */
	ck_assert_int_eq(prodigy_scan(TOKS, strlen(TOKS), &ps, &b, &kb), 1);
	ck_assert_int_eq(ps.toks_ok, 1);
	ck_assert_uint_eq(ps.ntok, 3);
	ck_assert_int_eq(strncmp(kb.data + ps.tok[0].start.at, "0", 1), 0);
	ck_assert_uint_eq(ps.tok[0].end.len, 1);
	ck_assert_int_eq(strncmp(kb.data + ps.tok[1].start.at, "2", 1), 0);
	ck_assert_int_eq(strncmp(kb.data + ps.tok[1].text.at, "\"\xc3\xa4\"",
	    ps.tok[1].text.len), 0);
	ck_assert_uint_eq(ps.tok[2].text.len, 0);
	ck_assert_int_eq(strncmp(kb.data + ps.tok[2].end.at, "10",
	    ps.tok[2].end.len), 0);
	ck_assert_int_eq(prodigy_scan(T1, strlen(T1), &ps, &b, &kb), 1);
	ck_assert_int_eq(ps.toks_ok, 0);
	ck_assert_int_eq(prodigy_scan(T2, strlen(T2), &ps, &b, &kb), 1);
	ck_assert_int_eq(ps.toks_ok, 0);
	ck_assert_int_eq(prodigy_scan(T3, strlen(T3), &ps, &b, &kb), 1);
	ck_assert_int_eq(ps.toks_ok, 1);
	ck_assert_uint_eq(ps.ntok, 0);
	buf_release(&b);
	buf_release(&kb);
	prodigy_scan_release(&ps);
	/* What it leaves to the tree. */
	ck_assert_int_eq(takes("{\"text\": \"a\", \"label\": \"x\"}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"accept\": []}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"annotators\": {}}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"x\": 1, \"x\": 2}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"text\": \"b\"}"), 0);
	ck_assert_int_eq(takes("{\"text\": 5}"), 0);
	ck_assert_int_eq(takes("{\"meta\": {}}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"meta\": 3}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\\u0000\"}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"n\": -0}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\", \"n\": 12345678901234567890}"),
	    0);
	ck_assert_int_eq(takes("{\"text\": \"\xff\"}"), 0);
	ck_assert_int_eq(takes("{\"text\": \"a\"} x"), 0);
	ck_assert_int_eq(takes("[\"text\"]"), 0);
	ck_assert_int_eq(takes(" {\"text\": \"a\", \"meta\": null, \"id\": null}\r"),
	    1);
}
END_TEST

START_TEST(test_same_records)
{
	char	*t;

	/* The regular line: read by the scanner, the same record. */
	prodigy_fast_reads = prodigy_fast_writes = 0;
	t = agree(LINE "\n{\"text\": \"Bo\", \"answer\": \"accept\","
	    " \"_annotator_id\": \"ann\"}\n", OFFSETS_DEFAULT);
	ck_assert_int_eq(prodigy_fast_reads, 2);
	ck_assert_int_eq(prodigy_fast_writes, 4);
	prodigy_fast_reads = prodigy_fast_writes = 0;
	ck_assert_ptr_nonnull(strstr(t, "\"annotators\":{\"ann\":{\"_session_id\""
	    ":\"news-ann\"}}"));
	ck_assert_ptr_nonnull(strstr(t, "tokens=[0,4,5,8,9,11,12,14,15,21]"));
	free(t);
	/* Two people's answers to one question (the tree's), a reject
	 * with meta and an id, an unanswered question (a prediction), an
	 * ignore by the importer, blank lines. */
	free(agree("{\"text\": \"a b\", \"_input_hash\": 3, \"spans\": [{\"start\":"
	    " 0, \"end\": 1, \"label\": \"PER\"}], \"answer\": \"accept\","
	    " \"_annotator_id\": \"ann\"}\n"
	    "{\"text\": \"a b\", \"_input_hash\": 3, \"spans\": [], \"answer\":"
	    " \"reject\", \"_annotator_id\": \"bob\", \"_session_id\": \"s\"}\n"
	    "\n{\"text\": \"a b\", \"meta\": {\"k\": [1.5, 1e300, -0.0, \"\\u00e9\"]},"
	    " \"id\": \"5\", \"answer\": \"reject\", \"_annotator_id\": \"x\"}\n"
	    "  \n{\"text\": \"c d\", \"id\": 12, \"spans\": [{\"start\": 2,"
	    " \"end\": 3, \"label\": \"LOC\", \"text\": \"d\", \"score\": 0.5}]}\n"
	    "{\"text\": \"e\\/\\\"f\\\"\", \"answer\": \"ignore\", \"_timestamp\":"
	    " 951782400}\n", OFFSETS_DEFAULT));
	/* The pair is the tree's; the others are read the direct way,
	 * and all four written so, once for each read. */
	ck_assert_int_eq(prodigy_fast_reads, 3);
	ck_assert_int_eq(prodigy_fast_writes, 8);
	/* UTF-16 offsets past an emoji. */
	free(agree("{\"text\": \"\\ud83d\\ude00 Bo\", \"tokens\": [{\"start\": 0,"
	    " \"end\": 2}, {\"start\": 3, \"end\": 5, \"text\": \"Bo\"}],"
	    " \"spans\": [{\"start\": 3, \"end\": 5, \"token_start\": 1,"
	    " \"token_end\": 1, \"label\": \"PER\"}], \"answer\": \"accept\"}\n",
	    OFFSETS_UTF16));
}
END_TEST

/* A scanned line's annotation comes as text (record_ann): the bytes
 * json_dumps writes of the tree's result, its time from _timestamp;
 * the tree's way gives the tree. */
START_TEST(test_result_text)
{
	static const char	 file[] = LINE "\n";
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	FILE			*f;
	int			 tree;

	for (tree = 0; tree < 2; tree++) {
		memset(&ro, 0, sizeof ro);
		ro.cfg = cfg;
		ro.user = "me";
		prodigy_tree_only = tree;
		f = fmemopen((void *)file, strlen(file), "r");
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(reader_open_opts(&r, &format_prodigy, f, "t",
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
			    "{\"start\":0,\"end\":4,\"token_start\":0,"
			    "\"token_end\":0,\"label\":\"PER\"},"
			    "{\"start\":15,\"end\":21,\"token_start\":4,"
			    "\"token_end\":4,\"label\":\"LOC\"}]}");
			ck_assert_uint_eq(rec.anns[0].result_len,
			    strlen(rec.anns[0].result));
			ck_assert_str_eq(rec.anns[0].created_at,
			    "2023-11-14T22:13:21Z");
			ck_assert_str_eq(rec.anns[0].updated_at,
			    "2023-11-14T22:13:21Z");
		}
		ck_assert_int_eq(reader_next(&r, &rec), 0);
		reader_close(&r);
		fclose(f);
	}
	prodigy_tree_only = 0;
}
END_TEST

START_TEST(test_same_errors)
{
	static const char *const bad[] = {
		"{\"text\": \"ab\", \"spans\": [{\"start\": 0, \"end\": 1,"
		    " \"label\": \"PER\", \"text\": \"b\"}]}\n",
		"{\"text\": \"ab\", \"spans\": [{\"start\": 1, \"end\": 1,"
		    " \"label\": \"PER\"}]}\n",
		"{\"text\": \"ab\", \"spans\": [{\"start\": 0, \"end\": 9,"
		    " \"label\": \"PER\"}]}\n",
		"{\"text\": \"ab\", \"spans\": [{\"start\": 0, \"end\": 1}]}\n",
		"{\"text\": \"ab\", \"spans\": {}}\n",
		"{\"text\": \"a b\", \"tokens\": [{\"start\": 0, \"end\": 1}],"
		    " \"spans\": [{\"start\": 2, \"end\": 3, \"token_start\": 1,"
		    " \"token_end\": 1, \"label\": \"PER\"}]}\n",
		"{\"text\": \"a b\", \"tokens\": [{\"start\": 2, \"end\": 3},"
		    " {\"start\": 0, \"end\": 1}]}\n",
		"{\"text\": \"a b\", \"tokens\": [{\"start\": 0, \"end\": 1,"
		    " \"text\": \"b\"}]}\n",
		"{\"text\": \"a\", \"tokens\": null}\n",
		"{\"text\": \"a\", \"answer\": \"maybe\"}\n",
		"{\"text\": \"a\", \"answer\": \"accept\", \"_annotator_id\": 3}\n",
		"{\"text\": \"a\", \"answer\": \"accept\", \"_timestamp\": -1}\n",
		"{\"text\": \"a\", \"answer\": \"accept\", \"_timestamp\": 1.5}\n",
		"{\"text\": \"a\", \"meta\": {\"_prodigy\": 1}}\n",
		"{\"text\": \"a\", \"id\": \"\"}\n",
		"{\"text\": \"a\", \"id\": 1.5}\n",
		"{\"image\": \"a.jpg\"}\n",
		"{\"text\": \"a\", \"answer\": \"accept\"}\n{\"text\": \"a\", "
		    "\"answer\": \"accept\", \"x\": }\n",
		"{\"text\": \"a\", \"answer\": \"accept\"}\n[1]\n",
		"{\"text\": \"a\\u0000\"}\n",
		"{\"text\": \"\xc3\"}\n",
		"\n\n",
	};
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		free(agree(bad[i], OFFSETS_DEFAULT));
		free(agree(bad[i], OFFSETS_UTF16));
	}
}
END_TEST

/* t written by the export both ways: the same bytes, and 1 when the
 * direct way wrote it. */
static int
export_both(const struct out_task *t)
{
	struct writer	 w;
	struct sink	*sink;
	char		*s[2] = { NULL, NULL };
	size_t		 len[2] = { 0, 0 };
	unsigned long	 before = prodigy_fast_writes;
	FILE		*f;
	int		 i;

	for (i = 0; i < 2; i++) {
		prodigy_tree_only = i;
		f = open_memstream(&s[i], &len[i]);
		ck_assert_ptr_nonnull(f);
		sink = sink_open_stream(f, "mem");
		ck_assert_int_eq(writer_begin(&w, &format_prodigy, cfg, sink), 0);
		ck_assert_int_eq(writer_write(&w, t), 0);
		ck_assert_int_eq(writer_end(&w, 1), 0);
		ck_assert_int_eq(sink_commit(sink), 0);
		fclose(f);
	}
	prodigy_tree_only = 0;
	ck_assert_str_eq(s[0], s[1]);
	free(s[0]);
	free(s[1]);
	return prodigy_fast_writes > before;
}

START_TEST(test_export)
{
	struct out_annotation	a[2];
	struct out_prediction	pr;
	struct out_task		t;

	memset(&t, 0, sizeof t);
	memset(a, 0, sizeof a);
	memset(&pr, 0, sizeof pr);
	t.id = 1;
	t.kind = "text";
	t.text = "Anna met Bo";
	/* Tokens of the task's own (from CoNLL): written, and the spans'
	 * token_start and token_end from them. */
	t.tokens = "[0,4,5,8,9,11]";
	t.meta = "{\"source\":\"x\",\"n\":1.5,\"deep\":{\"a\":[1,-0.25,null]}}";
	a[0].user = "ann";
	a[0].state = "submitted";
	a[0].result = "{\"ents\":[{\"start\":0,\"end\":4,\"label\":\"PER\","
	    "\"score\":0.5},{\"start\":9,\"end\":11,\"label\":\"LOC\"}]}";
	a[0].updated_at = "2026-01-02T03:04:05Z";
	a[1].user = "bob";
	a[1].state = "skipped";
	t.annotations = a;
	t.nannotations = 2;
	ck_assert_int_eq(export_both(&t), 1);
	/* Prodigy's own fields kept: the tokens, the hashes, a reject and
	 * a session by user. */
	t.tokens = NULL;
	t.meta = "{\"_prodigy\":{\"_input_hash\":1,\"tokens\":[{\"text\":"
	    "\"Anna\",\"start\":0,\"end\":4}],\"annotators\":{\"bob\":"
	    "{\"answer\":\"reject\",\"_session_id\":\"s-bob\"}}}}";
	a[1].state = "submitted";
	ck_assert_int_eq(export_both(&t), 1);
	/* Ids of each JSON type; a question with its prediction. */
	t.nannotations = 0;
	pr.model = "prodigy";
	pr.result = a[0].result;
	t.predictions = &pr;
	t.npredictions = 1;
	t.ext_id = "5";
	ck_assert_int_eq(export_both(&t), 1);
	t.ext_id = "\"5\"";
	ck_assert_int_eq(export_both(&t), 1);
	t.ext_id = "abc";
	t.meta = NULL;
	ck_assert_int_eq(export_both(&t), 1);
	/* The tree's: a kept key the line sets itself, meta not JSON, a
	 * key with an escape. */
	t.meta = "{\"_prodigy\":{\"answer\":\"x\",\"text\":\"y\"}}";
	ck_assert_int_eq(export_both(&t), 0);
	t.meta = "not json";
	ck_assert_int_eq(export_both(&t), 0);
	t.meta = "{\"a\\\"b\":1}";
	ck_assert_int_eq(export_both(&t), 0);
}
END_TEST

START_TEST(test_iso)
{
	static const int64_t	fixed[] = { 0, 1, 59, 86399, 86400,
	    951782399, 951782400, 951868800, 1700000000, 4107542400LL,
	    253402300799LL };
	char			a[CLOCK_ISO_LEN], b[CLOCK_ISO_LEN];
	int64_t			t;
	size_t			i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		prodigy_iso(fixed[i], a);
		ck_assert_str_eq(a, clock_iso((time_t)fixed[i], b));
	}
	srand(1);
	for (i = 0; i < 200000; i++) {
		t = ((int64_t)rand() << 31 | rand()) % 253402300800LL;
		prodigy_iso(t, a);
		ck_assert_str_eq(a, clock_iso((time_t)t, b));
	}
}
END_TEST

static Suite *
prodigyscan_suite(void)
{
	Suite	*s = suite_create("prodigyscan");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_scan_keys);
	tcase_add_test(tc, test_same_records);
	tcase_add_test(tc, test_result_text);
	tcase_add_test(tc, test_same_errors);
	tcase_add_test(tc, test_export);
	tcase_add_test(tc, test_iso);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(prodigyscan_suite());
}
