/* Unit tests for the text offsets at a format's edge (formats/offsets.c:
 * code points, UTF-16 code units and grapheme clusters over emoji, ZWJ
 * sequences, flags, skin tones, CJK, Hangul jamo, combining marks,
 * right-to-left text and CRLF; what has no code point)
 * and for the formats that convert with them: the doccano and Prodigy
 * readers (spans to code points, their refusals at FILE:LINE), their
 * writers (back to each format's unit), and the native reader's refusal
 * of a doccano or Prodigy line. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/offsets.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/error.h"
#include "util/sink.h"

#include "../fuzz/anntext.h"
#include "errors.h"
#include "runner.h"

/* Text, its code points, UTF-16 units and grapheme clusters (extended,
 * UAX #29, as libutf8proc counts them), and the code points where its
 * clusters start (the end too is one). */
static const struct sample {
	const char	*what;
	const char	*text;
	size_t		 cps, units, graphemes;
	size_t		 starts[8];
} samples[] = {
	{ "ASCII",	"Anna",				4, 4, 4,
	    { 0, 1, 2, 3 } },
	{ "emoji",	"a\xf0\x9f\x98\x80" "b",	3, 4, 3, { 0, 1, 2 } },
	/* woman ZWJ woman ZWJ girl: 5 code points, 8 UTF-16 units, one
	 * cluster */
	{ "ZWJ",	"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9"
			"\xe2\x80\x8d\xf0\x9f\x91\xa7", 5, 8, 1, { 0 } },
	{ "CJK",	"\xe6\x9d\xb1\xe4\xba\xac",	2, 2, 2, { 0, 1 } },
	/* e + COMBINING ACUTE, and a flag (two regional indicators) */
	{ "combining",	"e\xcc\x81 \xf0\x9f\x87\xa9\xf0\x9f\x87\xaa", 5, 7, 3,
	    { 0, 2, 3 } },
	/* two flags in a row: the indicators pair from the left */
	{ "flags",	"\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa"
			"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 4, 8, 2, { 0, 2 } },
	/* thumbs up with a skin tone, then x */
	{ "tone",	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" "x", 3, 5, 2,
	    { 0, 2 } },
	/* a Hangul syllable written as three jamo */
	{ "jamo",	"\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", 3, 3, 1,
	    { 0 } },
	/* shalom with a right-to-left mark (a control of its own) */
	{ "RTL",	"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\xe2\x80\x8f", 5, 5, 5,
	    { 0, 1, 2, 3, 4 } },
	/* CR LF is one cluster */
	{ "CRLF",	"a\r\nb\r\n",			6, 6, 4,
	    { 0, 1, 3, 4 } },
};

START_TEST(test_lengths)
{
	const struct sample	*s = &samples[_i];
	size_t			 len = strlen(s->text);

	ck_assert_msg(offset_length(s->text, len, OFFSETS_CODEPOINT) ==
	    s->cps, "%s: code points", s->what);
	ck_assert_msg(offset_length(s->text, len, OFFSETS_UTF16) == s->units,
	    "%s: UTF-16 units", s->what);
}
END_TEST

/* Every code point boundary goes out and back to itself, and every UTF-16
 * offset either is one of them or splits a pair. */
START_TEST(test_every_offset)
{
	const struct sample	*s = &samples[_i];
	size_t			 len = strlen(s->text), cp, u, back, hits = 0;
	const char		*why;

	for (cp = 0; cp <= s->cps; cp++) {
		u = offset_from_cp(s->text, len, OFFSETS_UTF16, cp);
		ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_UTF16, u,
		    &back, &why), 0);
		ck_assert_msg(back == cp, "%s: %zu -> %zu -> %zu", s->what, cp,
		    u, back);
		ck_assert_int_eq(offset_from_cp(s->text, len,
		    OFFSETS_CODEPOINT, cp), cp);
	}
	for (u = 0; u <= s->units; u++)
		if (offset_to_cp(s->text, len, OFFSETS_UTF16, u, &back, &why)
		    == 0)
			hits++;
		else
			ck_assert_ptr_nonnull(strstr(why, "surrogate pair"));
	ck_assert_int_eq(hits, s->cps + 1);
	ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_UTF16,
	    s->units + 1, &back, &why), -1);
	ck_assert_str_eq(why, "past the end of the text");
	ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_CODEPOINT,
	    s->cps + 1, &back, &why), -1);
	ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_CODEPOINT, s->cps,
	    &back, &why), 0);
	ck_assert_int_eq(back, s->cps);
}
END_TEST

START_TEST(test_known_offsets)
{
	const char	*t = samples[1].text, *why;	/* a, emoji, b */
	size_t		 cp;

	ck_assert_int_eq(offset_to_cp(t, strlen(t), OFFSETS_UTF16, 3, &cp,
	    &why), 0);
	ck_assert_int_eq(cp, 2);
	ck_assert_int_eq(offset_to_cp(t, strlen(t), OFFSETS_UTF16, 2, &cp,
	    &why), -1);
	ck_assert_int_eq(offset_from_cp(t, strlen(t), OFFSETS_UTF16, 2), 3);
	t = samples[2].text;	/* the family: each woman and girl two units */
	ck_assert_int_eq(offset_from_cp(t, strlen(t), OFFSETS_UTF16, 3), 5);
	ck_assert_int_eq(offset_to_cp(t, strlen(t), OFFSETS_UTF16, 4, &cp,
	    &why), -1);
}
END_TEST

#ifdef HAVE_UTF8PROC
/* Each cluster start (and the end) is a grapheme offset and comes back
 * to itself; every other code point has none; past the last cluster is
 * past the end. */
START_TEST(test_graphemes)
{
	const struct sample	*s = &samples[_i];
	size_t			 len = strlen(s->text), g, cp, k = 0;
	const char		*why;

	ck_assert_msg(offset_length(s->text, len, OFFSETS_GRAPHEME) ==
	    s->graphemes, "%s: %zu clusters, not %zu", s->what,
	    offset_length(s->text, len, OFFSETS_GRAPHEME), s->graphemes);
	for (g = 0; g <= s->graphemes; g++) {
		ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_GRAPHEME,
		    g, &cp, &why), 0);
		ck_assert_msg(cp == (g < s->graphemes ? s->starts[g] : s->cps),
		    "%s: cluster %zu at code point %zu", s->what, g, cp);
	}
	for (cp = 0; cp <= s->cps; cp++) {
		if (k < s->graphemes && s->starts[k] == cp)
			ck_assert_msg(offset_from_cp(s->text, len,
			    OFFSETS_GRAPHEME, cp) == k++, "%s: %zu", s->what, cp);
		else if (cp == s->cps)
			ck_assert_int_eq(offset_from_cp(s->text, len,
			    OFFSETS_GRAPHEME, cp), s->graphemes);
		else
			ck_assert_msg(offset_from_cp(s->text, len,
			    OFFSETS_GRAPHEME, cp) == OFFSET_NONE,
			    "%s: code point %zu is inside a cluster", s->what,
			    cp);
	}
	ck_assert_int_eq(offset_to_cp(s->text, len, OFFSETS_GRAPHEME,
	    s->graphemes + 1, &cp, &why), -1);
	ck_assert_str_eq(why, "past the end of the text");
}
END_TEST
#endif

START_TEST(test_unit_names)
{
	enum offset_unit	u = OFFSETS_DEFAULT;
	char			err[256];

	ck_assert_int_eq(offset_unit_parse("utf16", &u, err, sizeof err), 0);
	ck_assert_int_eq(u, OFFSETS_UTF16);
	ck_assert_int_eq(offset_unit_parse("codepoint", &u, err, sizeof err),
	    0);
	ck_assert_int_eq(u, OFFSETS_CODEPOINT);
	ck_assert_str_eq(offset_unit_name(u), "codepoint");
#ifdef HAVE_UTF8PROC
	ck_assert_int_eq(offset_graphemes(), 1);
	ck_assert_int_eq(offset_unit_parse("grapheme", &u, err, sizeof err),
	    0);
	ck_assert_int_eq(u, OFFSETS_GRAPHEME);
	ck_assert_str_eq(offset_unit_name(u), "grapheme");
#else
	ck_assert_int_eq(offset_graphemes(), 0);
	ck_assert_int_eq(offset_unit_parse("grapheme", &u, err, sizeof err),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "built without it"));
#endif
	ck_assert_int_eq(offset_unit_parse("bytes", &u, err, sizeof err), -1);
	ck_assert_str_eq(err, "unknown offset unit 'bytes' (codepoint, utf16"
	    " or grapheme)");
}
END_TEST

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n";

static struct config	*cfg;

static void
setup(void)
{
	errors_keep();
	cfg = config_parse(yaml, strlen(yaml), "t");
	ck_assert_ptr_nonnull(cfg);
}

static void
teardown(void)
{
	config_free(cfg);
	errors_drop();
}

/* Reads s as fmt with offsets u; the first record's first annotation's
 * (or prediction's) result, dumped, into out; or the error in out. */
static int
read_one(const struct format *fmt, const char *s, enum offset_unit u,
    int drop, char *out, size_t outlen)
{
	struct reader_opts	 ro = { .cfg = cfg, .user = "me", .offsets = u,
				    .drop_relations = drop };
	struct reader		 r;
	struct record		 rec;
	FILE			*f = fmemopen((void *)s, strlen(s), "r");
	json_t			*list, *anns;
	char			*d;
	int			 rc;

	ck_assert_ptr_nonnull(f);
	rc = reader_open_opts(&r, fmt, f, "in", &ro);
	if (rc == 0 && (rc = reader_next(&r, &rec)) == 1) {
		/* Annotations as a tree or as text (anntext.h). */
		anns = anntext_tree(&rec);
		list = anns != NULL ? anns : rec.predictions;
		d = json_dumps(json_object_get(json_array_get(list, 0),
		    "result"), JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		snprintf(out, outlen, "%s", d != NULL ? d : "none");
		free(d);
		json_decref(anns);
	} else
		snprintf(out, outlen, "%s", last_error);
	reader_close(&r);
	fclose(f);
	return rc;
}

#define RESULT(fmt, s, u)	(read_one((fmt), (s), (u), 0, buf, sizeof buf), buf)

START_TEST(test_doccano_read)
{
	char	buf[1024];

	/* UTF-16 by default: "😀 Anna" has Anna at 3..7 */
	ck_assert_str_eq(RESULT(&format_doccano, "{\"text\": \"\xf0\x9f\x98\x80"
	    " Anna\", \"label\": [[3, 7, \"PER\"]]}\n", OFFSETS_DEFAULT),
	    "{\"ents\":[{\"end\":6,\"label\":\"PER\",\"start\":2}]}");
	ck_assert_str_eq(RESULT(&format_doccano, "{\"text\": \"\xf0\x9f\x98\x80"
	    " Anna\", \"label\": [[2, 6, \"PER\"]]}\n", OFFSETS_CODEPOINT),
	    "{\"ents\":[{\"end\":6,\"label\":\"PER\",\"start\":2}]}");
	ck_assert_str_eq(RESULT(&format_doccano, "{\"text\": \"good\","
	    " \"label\": [\"pos\"]}\n", OFFSETS_DEFAULT),
	    "{\"label\":[\"pos\"]}");
	ck_assert_str_eq(RESULT(&format_doccano, "\n{\"text\": \"a\xf0\x9f\x98"
	    "\x80\", \"label\": [[0, 2, \"PER\"]]}\n", OFFSETS_DEFAULT),
	    "in:2: label 1: end offset 2 is inside a character written as a"
	    " UTF-16 surrogate pair (an emoji or another character above"
	    " U+FFFF) (the text is 3 utf16 units long; doccano counts UTF-16"
	    " units, --offsets codepoint reads code points)");
	ck_assert_str_eq(RESULT(&format_doccano, "{\"text\": \"ab\", \"label\":"
	    " [[0, 9, \"PER\"]]}\n", OFFSETS_CODEPOINT), "in:1: label 1: end"
	    " offset 9 is past the end of the text (the text is 2 codepoint"
	    " units long)");
	ck_assert_str_eq(RESULT(&format_doccano, "{\"text\": \"ab\","
	    " \"entities\": [{\"id\": 1, \"label\": \"PER\", \"start_offset\": 0,"
	    " \"end_offset\": 1}], \"relations\": [{\"id\": 1, \"from_id\": 1,"
	    " \"to_id\": 1, \"type\": \"x\"}]}\n", OFFSETS_DEFAULT),
	    "in:1: 1 relation, which scalec has no control for:"
	    " --drop-relations imports the line without them");
	read_one(&format_doccano, "{\"text\": \"ab\", \"entities\": [{\"id\": 1,"
	    " \"label\": \"PER\", \"start_offset\": 0, \"end_offset\": 1}],"
	    " \"relations\": [{\"id\": 1}]}\n", OFFSETS_DEFAULT, 1, buf,
	    sizeof buf);
	ck_assert_str_eq(buf, "{\"ents\":[{\"end\":1,\"id\":1,\"label\":\"PER\","
	    "\"start\":0}]}");
}
END_TEST

START_TEST(test_prodigy_read)
{
	char	buf[1024];

	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"\xf0\x9f\x98\x80"
	    " Anna\", \"spans\": [{\"start\": 2, \"end\": 6, \"label\": \"PER\","
	    " \"text\": \"Anna\"}], \"answer\": \"accept\"}\n", OFFSETS_DEFAULT),
	    "{\"ents\":[{\"end\":6,\"label\":\"PER\",\"start\":2,\"text\":"
	    "\"Anna\"}]}");
	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"\xf0\x9f\x98\x80"
	    " Anna\", \"spans\": [{\"start\": 1, \"end\": 5, \"label\": \"PER\","
	    " \"text\": \"Anna\"}], \"answer\": \"accept\"}\n", OFFSETS_DEFAULT),
	    "in:1: spans 1: its \"text\" is 'Anna', but the text from 1 to 5 is"
	    " ' Ann'");
	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"a b\", \"tokens\":"
	    " [{\"start\": 0, \"end\": 1}, {\"start\": 2, \"end\": 3}], \"spans\":"
	    " [{\"start\": 0, \"end\": 3, \"token_start\": 0, \"token_end\": 0,"
	    " \"label\": \"PER\"}], \"answer\": \"reject\"}\n", OFFSETS_DEFAULT),
	    "in:1: spans 1: ends at 3, but its token_end 0 (inclusive) ends at"
	    " 1");
	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"a b\", \"tokens\":"
	    " [{\"start\": 0, \"end\": 1}, {\"start\": 2, \"end\": 3}], \"spans\":"
	    " [{\"start\": 0, \"end\": 3, \"token_start\": 0, \"token_end\": 1,"
	    " \"label\": \"PER\"}], \"answer\": \"reject\"}\n", OFFSETS_DEFAULT),
	    "{\"ents\":[{\"end\":3,\"label\":\"PER\",\"start\":0,\"token_end\":1,"
	    "\"token_start\":0}]}");
	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"great\","
	    " \"label\": \"pos\"}\n", OFFSETS_DEFAULT), "{\"label\":[\"pos\"]}");
	ck_assert_str_eq(RESULT(&format_prodigy, "{\"text\": \"x\", \"answer\":"
	    " \"maybe\"}\n", OFFSETS_DEFAULT), "in:1: \"answer\" must be accept,"
	    " reject or ignore");
}
END_TEST

/* The native reader names the format a line is in. */
START_TEST(test_native_refuses_foreign)
{
	char	buf[1024];

	ck_assert_str_eq(RESULT(&format_jsonl, "{\"text\": \"Anna\", \"label\":"
	    " [[0, 4, \"PER\"]]}\n", OFFSETS_DEFAULT), "in:1: \"label\" is"
	    " doccano's spans ([start, end, \"TAG\"]), which a native line would"
	    " keep as meta: import it with --format doccano");
	ck_assert_str_eq(RESULT(&format_jsonl, "{\"text\": \"Anna\", \"spans\":"
	    " [{\"start\": 0, \"end\": 4, \"token_start\": 0, \"token_end\": 0,"
	    " \"label\": \"PER\"}]}\n", OFFSETS_DEFAULT), "in:1: \"spans\" is"
	    " Prodigy's annotation, which a native line would keep as meta:"
	    " import it with --format prodigy");
	ck_assert_str_eq(RESULT(&format_jsonl, "{\"text\": \"x\", \"label\":"
	    " \"pos\", \"answer\": \"reject\"}\n", OFFSETS_DEFAULT), "in:1:"
	    " \"label\" with an \"answer\" is Prodigy's annotation, which a"
	    " native line would keep as meta: import it with --format prodigy");
	/* a label of another shape is meta as before */
	ck_assert_int_eq(read_one(&format_jsonl, "{\"text\": \"x\", \"label\":"
	    " \"pos\"}\n", OFFSETS_DEFAULT, 0, buf, sizeof buf), 1);
}
END_TEST

/* What a writer makes of one annotation with result on text. */
static char *
write_one(const struct format *fmt, const char *text, const char *result)
{
	struct out_annotation	 a = { 0 };
	struct out_task		 t = { 0 };
	struct writer		 w;
	struct sink		*sink;
	char			*s = NULL;
	size_t			 len = 0;
	FILE			*f = open_memstream(&s, &len);

	a.user = "me";
	a.state = "submitted";
	a.result = result;
	a.updated_at = "2023-11-14T22:13:20Z";
	t.id = 1;
	t.ext_id = "5";
	t.kind = "text";
	t.text = text;
	t.annotations = &a;
	t.nannotations = 1;
	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, fmt, cfg, sink), 0);
	ck_assert_int_eq(writer_write(&w, &t), 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_int_eq(sink_commit(sink), 0);
	fclose(f);
	return s;
}

START_TEST(test_writers)
{
	char	*s;

	s = write_one(&format_doccano, "\xf0\x9f\x98\x80 Anna",
	    "{\"ents\": [{\"start\": 2, \"end\": 6, \"label\": \"PER\"}]}");
	ck_assert_str_eq(s, "{\"id\": 5, \"text\": \"\xf0\x9f\x98\x80 Anna\","
	    " \"label\": [[3, 7, \"PER\"]]}\n");
	free(s);
	s = write_one(&format_prodigy, "\xf0\x9f\x98\x80 Anna",
	    "{\"ents\": [{\"start\": 2, \"end\": 6, \"label\": \"PER\"}],"
	    " \"label\": [\"neg\"]}");
	ck_assert_str_eq(s, "{\"text\": \"\xf0\x9f\x98\x80 Anna\", \"id\": 5,"
	    " \"spans\": [{\"start\": 2, \"end\": 6, \"label\": \"PER\"}],"
	    " \"label\": \"neg\", \"answer\": \"accept\", \"_annotator_id\":"
	    " \"me\", \"_timestamp\": 1700000000}\n");
	free(s);
}
END_TEST

static Suite *
offsets_suite(void)
{
	Suite	*s = suite_create("offsets");
	TCase	*tc = tcase_create("units");
	TCase	*fc = tcase_create("formats");

	tcase_add_loop_test(tc, test_lengths, 0,
	    (int)(sizeof samples / sizeof samples[0]));
	tcase_add_loop_test(tc, test_every_offset, 0,
	    (int)(sizeof samples / sizeof samples[0]));
	tcase_add_test(tc, test_known_offsets);
	tcase_add_test(tc, test_unit_names);
#ifdef HAVE_UTF8PROC
	tcase_add_loop_test(tc, test_graphemes, 0,
	    (int)(sizeof samples / sizeof samples[0]));
#endif
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(fc, setup, teardown);
	tcase_add_test(fc, test_doccano_read);
	tcase_add_test(fc, test_prodigy_read);
	tcase_add_test(fc, test_native_refuses_foreign);
	tcase_add_test(fc, test_writers);
	suite_add_tcase(s, fc);
	return s;
}

int
main(void)
{
	return run_suite(offsets_suite());
}
