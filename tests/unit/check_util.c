/* Unit tests for src/util: UTF-8, terminal escaping (and the escaping
 * stream), JSON as scalec writes it, buffers, tables. */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
#include "util/suggest.h"
#include "util/hash.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#include "runner.h"

/* Only white space is blank; a letter, a zero-width joiner or an invalid
 * byte is something. */
START_TEST(test_utf8_blank)
{
	ck_assert_int_eq(utf8_blank("", 0), 1);
	ck_assert_int_eq(utf8_blank(" \t\r\n\v\f", 6), 1);
	ck_assert_int_eq(utf8_blank("\xc2\xa0\xe3\x80\x80\xe2\x80\xa8", 8), 1);
	ck_assert_int_eq(utf8_blank("  a ", 4), 0);
	ck_assert_int_eq(utf8_blank("\xe2\x80\x8d", 3), 0);
	ck_assert_int_eq(utf8_blank(" \xff", 2), 0);
	ck_assert_int_eq(utf8_blank("\xc2", 1), 0);
}
END_TEST

START_TEST(test_utf8_decode)
{
	uint32_t	cp;

	ck_assert_int_eq(utf8_decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_int_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_int_eq(utf8_decode("\xe4\xb8\xad", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x4e2d);
	ck_assert_int_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	/* overlong, surrogate, truncated, stray continuation */
	ck_assert_int_eq(utf8_decode("\xc0\xaf", 2, &cp), -1);
	ck_assert_int_eq(utf8_decode("\xed\xa0\x80", 3, &cp), -1);
	ck_assert_int_eq(utf8_decode("\xe4\xb8", 2, &cp), -1);
	ck_assert_int_eq(utf8_decode("\x80", 1, &cp), -1);
	ck_assert_int_eq(utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1);
}
END_TEST

START_TEST(test_utf8_roundtrip)
{
	uint32_t	cps[] = { 0x24, 0xa2, 0x20ac, 0x10348, 0x10ffff };
	char		out[4];
	uint32_t	back;
	size_t		i;
	int		n;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_encode(cps[i], out);
		ck_assert_int_eq(utf8_decode(out, (size_t)n, &back), n);
		ck_assert_uint_eq(back, cps[i]);
	}
}
END_TEST

START_TEST(test_utf8_offsets)
{
	const char	*s = "h\xc3\xa9llo \xe4\xb8\xad!";	/* héllo 中! */
	size_t		 len = strlen(s);

	ck_assert_uint_eq(utf8_count(s, len), 8);
	ck_assert_uint_eq(utf8_offset(s, len, 2), 3);
	ck_assert_uint_eq(utf8_offset(s, len, 6), 7);
	ck_assert_uint_eq(utf8_offset(s, len, 8), len);
	ck_assert_uint_eq(utf8_offset(s, len, 50), len);
	ck_assert_int_eq(utf8_invalid_at(s, len), -1);
	ck_assert_int_eq(utf8_invalid_at("ab\xff", 3), 2);
}
END_TEST

START_TEST(test_utf8_width)
{
	ck_assert_uint_eq(utf8_width("abc", 3), 3);
	ck_assert_uint_eq(utf8_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4);
	/* e + combining acute is one column */
	ck_assert_uint_eq(utf8_width("e\xcc\x81", 3), 1);
	ck_assert_uint_eq(utf8_width("\xff", 1), 1);
}
END_TEST

START_TEST(test_escape_controls)
{
	char	*s;

	s = escape_dup("a\x1b]0;PWNED\x07z", 0);
	ck_assert_str_eq(s, "a^[]0;PWNED^Gz");
	free(s);
	s = escape_dup("x\ry\nz\t", 0);
	ck_assert_str_eq(s, "x^My^Jz^I");
	free(s);
	s = escape_dup("x\ny\tz", ESCAPE_KEEP_NEWLINE | ESCAPE_KEEP_TAB);
	ck_assert_str_eq(s, "x\ny\tz");
	free(s);
	s = escape_dup("\x7f", 0);
	ck_assert_str_eq(s, "^?");
	free(s);
}
END_TEST

START_TEST(test_escape_c1_bidi_invalid)
{
	char	*s;

	s = escape_dup("a\xc2\x9b" "2Jb", 0);		/* C1 CSI */
	ck_assert_str_eq(s, "a<U+009B>2Jb");
	free(s);
	s = escape_dup("abc\xe2\x80\xae" "def", 0);	/* RLO */
	ck_assert_str_eq(s, "abc<U+202E>def");
	free(s);
	s = escape_dup("a\xe2\x80\x8b" "b\xef\xbb\xbf" "c", 0);	/* ZWSP, BOM */
	ck_assert_str_eq(s, "a<U+200B>b<U+FEFF>c");
	free(s);
	s = escape_dup("ok\xff\xfe", 0);
	ck_assert_str_eq(s, "ok\\xFF\\xFE");
	free(s);
	s = escape_dup("caf\xc3\xa9 \xe4\xb8\xad", 0);	/* text stays */
	ck_assert_str_eq(s, "caf\xc3\xa9 \xe4\xb8\xad");
	free(s);
}
END_TEST

START_TEST(test_buf)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	int		 i;

	ck_assert_str_eq(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_reset(&b);
	buf_addstr(&b, "xy");
	buf_addch(&b, 'z');
	s = buf_detach(&b);
	ck_assert_str_eq(s, "xyz");
	ck_assert_ptr_null(b.data);
	free(s);
	buf_release(&b);
}
END_TEST

START_TEST(test_table)
{
	const char	*h[] = { "ID", "TEXT", NULL };
	char		*out = NULL;
	size_t		 len = 0;
	FILE		*f = open_memstream(&out, &len);
	struct table	*t = table_new(h, f);

	table_set_max(t, 1, 8);
	ck_assert_int_eq(table_addv(t, "1", "short"), 0);
	table_addv(t, "22", "a long text that is trimmed");
	table_addv(t, "3", "esc\x1b[2J");
	/* A short table is held until its end. */
	fflush(f);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(table_end(t), 0);
	fclose(f);
	ck_assert_str_eq(out,
	    "ID  TEXT\n"
	    "1   short\n"
	    "22  a long ~\n"
	    "3   esc^[[2J\n");
	free(out);
	table_free(t);
}
END_TEST


/* What an escaping stream wrote to a memory stream, given pieces written
 * one fflush apart (so a UTF-8 sequence or a CRLF is split between two
 * writes); a string to free. */
static char *
through_escaping(const char *const *pieces)
{
	char	*mem = NULL;
	size_t	 len = 0;
	FILE	*m = open_memstream(&mem, &len);
	FILE	*e = escape_stream(m);

	for (; *pieces != NULL; pieces++) {
		fputs(*pieces, e);
		fflush(e);
	}
	ck_assert_int_eq(fclose(e), 0);
	ck_assert_int_eq(fclose(m), 0);
	return mem;
}

START_TEST(test_escape_stream)
{
	static const char *const whole[] = { "a\x1b]0;PWNED\x07 \x1b[2J"
	    "\xc2\x9b\xe2\x80\xae \xe6\xbc\xa2\tb,\"c\"\r\nnext\rx\n", NULL };
	static const char *const split[] = { "a\x1b]0;PWNED\x07 \x1b[2J\xc2",
	    "\x9b\xe2", "\x80", "\xae \xe6\xbc", "\xa2\tb,\"c\"\r", "\nnext\r",
	    "x\n", NULL };
	static const char *const unfinished[] = { "ok\xe2\x80", NULL };
	static const char *const want = "a^[]0;PWNED^G ^[[2J<U+009B><U+202E>"
	    " \xe6\xbc\xa2\tb,\"c\"\r\nnext^Mx\n";
	char	*s;

	/* Newlines, tabs and CRLF line ends kept; a bare CR, controls and
	 * bidi controls shown; CJK as it is. */
	s = through_escaping(whole);
	ck_assert_str_eq(s, want);
	free(s);
	/* The same when every sequence is cut between two writes. */
	s = through_escaping(split);
	ck_assert_str_eq(s, want);
	free(s);
	/* What is left unfinished at the close is shown as bytes. */
	s = through_escaping(unfinished);
	ck_assert_str_eq(s, "ok\\xE2\\x80");
	free(s);
}
END_TEST

/* jsonout_dumps of a one-string array. */
static char *
json_of(const char *text)
{
	json_t	*j = json_pack("[s]", text);
	char	*s = jsonout_dumps(j, JSON_COMPACT);

	json_decref(j);
	return s;
}

/* jsonout_needs_escape, word at a time, against jsonout_escape itself:
 * each sequence (and each look-alike) at every place in a text of
 * ASCII, of other letters, cut at the end. */
START_TEST(test_jsonout_needs_escape)
{
	static const char *const seqs[] = { "\x7f", "\xc2\x80", "\xc2\x9f",
	    "\xe2\x80\xaa", "\xe2\x81\xa9", "\xc2\xa0", "\xe2\x80\xa9",
	    "\xe2\x82\xac", "\xc3\xa9", "\xe6\xbc\xa2", "~", "\xc2", "\xe2\x80" };
	static const char *const fills[] = { "a", "\xc3\xa9", "\xe2\x82\xac" };
	struct buf	out = BUF_INIT;
	char		t[128];
	size_t		f, q, at, i, n, len;

	for (f = 0; f < sizeof fills / sizeof fills[0]; f++)
		for (q = 0; q < sizeof seqs / sizeof seqs[0]; q++)
			for (at = 0; at < 20; at++)
				for (len = at; len < at + 12; len++) {
					n = 0;
					for (i = 0; n < at; i++) {
						memcpy(t + n, fills[f],
						    strlen(fills[f]));
						n += strlen(fills[f]);
					}
					memcpy(t + n, seqs[q], strlen(seqs[q]));
					n += strlen(seqs[q]);
					while (n < len)
						t[n++] = 'b';
					buf_reset(&out);
					jsonout_escape(&out, t, n);
					ck_assert_int_eq(jsonout_needs_escape(t, n),
					    out.len != n || memcmp(out.data, t,
					    n) != 0);
				}
	buf_release(&out);
}
END_TEST

START_TEST(test_jsonout)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "\x7f", "[\"\\u007F\"]" },
		{ "\xc2\x80\xc2\x85\xc2\x9f", "[\"\\u0080\\u0085\\u009F\"]" },
		{ "\xc2\xa0\xc3\xa9", "[\"\xc2\xa0\xc3\xa9\"]" },	/* NBSP, e acute */
		{ "\xe2\x80\xa9\xe2\x80\xaa\xe2\x80\xae\xe2\x80\xaf",
		    "[\"\xe2\x80\xa9\\u202A\\u202E\xe2\x80\xaf\"]" },
		{ "\xe2\x81\xa5\xe2\x81\xa6\xe2\x81\xa9\xe2\x81\xaa",
		    "[\"\xe2\x81\xa5\\u2066\\u2069\xe2\x81\xaa\"]" },
		{ "\xe6\xbc\xa2\xe5\xad\x97 \xe2\x82\xac", "[\"\xe6\xbc\xa2\xe5\xad\x97 \xe2\x82\xac\"]" },
		{ "\x1b[2J", "[\"\\u001B[2J\"]" },		/* jansson's own */
	};
	json_t	*j, *back;
	char	*s, *mem = NULL, *big;
	size_t	 i, len = 0, n = 20000;
	FILE	*m;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = json_of(cases[i].in);
		ck_assert_str_eq(s, cases[i].want);
		/* Any JSON reader gets the same string back. */
		back = json_loads(s, 0, NULL);
		ck_assert_ptr_nonnull(back);
		ck_assert_str_eq(json_string_value(json_array_get(back, 0)),
		    cases[i].in);
		json_decref(back);
		free(s);
	}

	/* Through jansson's chunks to a stream: long enough that its pieces
	 * fall anywhere, and the same as jsonout_dumps. */
	big = xmalloc(n * 3 + 1);
	for (i = 0; i < n; i++)
		memcpy(big + 3 * i, i % 2 ? "\xe2\x80\xae" : "a\xc2\x9b", 3);
	big[n * 3] = '\0';
	j = json_pack("{s:s, s:s}", "text", big, "b", "\x7f");
	m = open_memstream(&mem, &len);
	ck_assert_int_eq(jsonout_dumpf(j, m, JSON_COMPACT), 0);
	fclose(m);
	s = jsonout_dumps(j, JSON_COMPACT);
	ck_assert_str_eq(mem, s);
	ck_assert_ptr_null(strstr(mem, "\xc2\x9b"));
	ck_assert_ptr_null(strstr(mem, "\xe2\x80\xae"));
	ck_assert_ptr_nonnull(strstr(mem, "\"a\\u009B\\u202Ea\\u009B"));
	back = json_loads(mem, 0, NULL);
	ck_assert_str_eq(json_string_value(json_object_get(back, "text")), big);
	json_decref(back);
	json_decref(j);
	free(s);
	free(mem);
	free(big);
}
END_TEST
START_TEST(test_edit_distance)
{
	char	long_a[201], long_b[201];

	ck_assert_uint_eq(edit_distance("project", "project", 3), 0);
	ck_assert_uint_eq(edit_distance("projct", "project", 3), 1);
	ck_assert_uint_eq(edit_distance("alcie", "alice", 3), 1);
	ck_assert_uint_eq(edit_distance("--stat", "--status", 3), 2);
	ck_assert_uint_eq(edit_distance("", "abc", 3), 3);
	ck_assert_uint_eq(edit_distance("abc", "", 3), 3);
	ck_assert_uint_eq(edit_distance("kitten", "sitting", 5), 3);
	/* above max: max + 1, however far */
	ck_assert_uint_eq(edit_distance("kitten", "sitting", 2), 3);
	ck_assert_uint_eq(edit_distance("a", "abcdefghij", 2), 3);
	ck_assert_uint_eq(edit_distance("abcdef", "uvwxyz", 1), 2);
	/* code points, not bytes: one letter apart */
	ck_assert_uint_eq(edit_distance("caf\xc3\xa9", "cafe", 3), 1);
	ck_assert_uint_eq(edit_distance("\xe4\xb8\xad\xe6\x96\x87",
	    "\xe4\xb8\xad", 3), 1);
	/* an invalid byte counts one */
	ck_assert_uint_eq(edit_distance("ab\xff", "ab", 3), 1);
	/* names longer than the stack's room */
	memset(long_a, 'x', sizeof long_a - 1);
	long_a[sizeof long_a - 1] = '\0';
	memcpy(long_b, long_a, sizeof long_b);
	long_b[150] = 'y';
	ck_assert_uint_eq(edit_distance(long_a, long_b, 3), 1);
	ck_assert_uint_eq(edit_distance(long_a, "xx", 3), 4);
	ck_assert_uint_eq(edit_distance(long_b, long_a, 0), 1);
}
END_TEST

START_TEST(test_suggest)
{
	struct suggest	s;
	struct buf	b = BUF_INIT;

	ck_assert_uint_eq(suggest_limit("ab"), 1);
	ck_assert_uint_eq(suggest_limit("stat"), 2);
	ck_assert_uint_eq(suggest_limit("project"), 3);
	suggest_init(&s, "projct");
	suggest_add(&s, "import");
	suggest_add(&s, "project");
	suggest_add(&s, "export");
	suggest_add(&s, "projct");	/* the word itself */
	ck_assert_int_eq(suggest_text(&s, &b), 1);
	ck_assert_str_eq(buf_str(&b), "did you mean 'project'?");
	suggest_release(&s);
	/* nearest first, at most three, a name once */
	buf_reset(&b);
	suggest_init(&s, "bob");
	suggest_add(&s, "rob");
	suggest_add(&s, "bobby");
	suggest_add(&s, "bo");
	suggest_add(&s, "bob2");
	suggest_add(&s, "bo");
	suggest_add(&s, "bib");
	ck_assert_int_eq(suggest_text(&s, &b), 1);
	ck_assert_str_eq(buf_str(&b), "did you mean 'rob', 'bo' or 'bob2'?");
	suggest_release(&s);
	/* nothing near: nothing said */
	buf_reset(&b);
	suggest_init(&s, "zzz");
	suggest_add(&s, "alice");
	ck_assert_int_eq(suggest_text(&s, &b), 0);
	ck_assert_str_eq(buf_str(&b), "");
	suggest_release(&s);
	buf_release(&b);
}
END_TEST

/* Past the sample, rows are written as they come, with the sample's
 * widths (and a column's least); a wider cell shifts its own row only. */
START_TEST(test_table_streams)
{
	const char	*h[] = { "ID", "NAME", "X", NULL };
	char		*out = NULL, id[16], *line;
	size_t		 len = 0, before;
	FILE		*f = open_memstream(&out, &len);
	struct table	*t = table_new(h, f);
	int		 i;

	table_set_min(t, 0, 4);
	for (i = 1; i <= TABLE_SAMPLE; i++) {
		snprintf(id, sizeof id, "%d", i);
		table_addv(t, id, "bob", "x");
	}
	fflush(f);
	/* The sample is out: the header and TABLE_SAMPLE rows. */
	ck_assert_ptr_nonnull(out);
	ck_assert(strncmp(out, "ID    NAME  X\n1     bob   x\n", 28) == 0);
	before = len;
	table_addv(t, "100000", "alexandra", "y");
	fflush(f);
	ck_assert_uint_gt(len, before);
	line = out + before;
	ck_assert_str_eq(line, "100000  alexandra  y\n");
	ck_assert_int_eq(table_end(t), 0);
	fflush(f);
	ck_assert_str_eq(out + before, "100000  alexandra  y\n");
	table_free(t);
	fclose(f);
	free(out);
}
END_TEST

/* Writing to a stream that fails says so, and nothing more is tried. */
START_TEST(test_table_fails)
{
	const char	*h[] = { "A", NULL };
	FILE		*f = fopen("/dev/null", "r");
	struct table	*t;
	int		 i, rc = 0;

	ck_assert_ptr_nonnull(f);
	t = table_new(h, f);
	for (i = 0; i < TABLE_SAMPLE && rc == 0; i++)
		rc = table_addv(t, "a");
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(table_addv(t, "b"), -1);
	ck_assert_int_eq(table_end(t), -1);
	ck_assert_int_eq(output_reader_gone(), 0);
	table_free(t);
	fclose(f);
}
END_TEST

/* The content hash is XXH3-64 with seed 0 (stored hashes depend on it: the
 * values are the reference implementation's), the same for a buffer and
 * for a file read in chunks, and any changed byte changes it. */
START_TEST(test_content_hash)
{
	char	 path[] = "/tmp/scalec-hash.XXXXXX", *big;
	size_t	 n = 200000, i;
	int64_t	 h;
	int	 fd;

	ck_assert_int_eq((uint64_t)content_hash("", 0), 0x2d06800538d394c2ULL);
	ck_assert_int_eq((uint64_t)content_hash("a", 1),
	    0xe6c632b61e964e1fULL);
	ck_assert_int_ne(content_hash("bob", 3), content_hash("Bob", 3));
	big = xmalloc(n);
	for (i = 0; i < n; i++)
		big[i] = (char)(i * 7 + i / 251);
	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(write(fd, big, n), (ssize_t)n);
	ck_assert_int_eq(content_hash_fd(fd, &h), 0);	/* from offset 0 */
	ck_assert_int_eq(h, content_hash(big, n));
	ck_assert_int_eq(ftruncate(fd, (off_t)n - 1), 0);
	ck_assert_int_eq(content_hash_fd(fd, &h), 0);
	ck_assert_int_ne(h, content_hash(big, n));
	ck_assert_int_eq(h, content_hash(big, n - 1));
	close(fd);
	unlink(path);
	ck_assert_int_eq(content_hash_fd(-1, &h), -1);
	free(big);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite	*s = suite_create("util");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_utf8_decode);
	tcase_add_test(tc, test_utf8_blank);
	tcase_add_test(tc, test_utf8_roundtrip);
	tcase_add_test(tc, test_utf8_offsets);
	tcase_add_test(tc, test_utf8_width);
	tcase_add_test(tc, test_escape_controls);
	tcase_add_test(tc, test_escape_c1_bidi_invalid);
	tcase_add_test(tc, test_escape_stream);
	tcase_add_test(tc, test_jsonout);
	tcase_add_test(tc, test_jsonout_needs_escape);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_edit_distance);
	tcase_add_test(tc, test_suggest);
	tcase_add_test(tc, test_content_hash);
	tcase_add_test(tc, test_table_streams);
	tcase_add_test(tc, test_table_fails);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(util_suite());
}
