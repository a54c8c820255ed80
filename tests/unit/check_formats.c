/* Unit tests for src/formats: the line reader and its limit, the JSONL,
 * CSV, TSV and txt readers (fields, quoting, errors with their line), and
 * the writers (what JSONL writes reads back the same; CSV quoting). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "util/error.h"
#include "util/xmalloc.h"

#include "runner.h"

/* The last error message, instead of stderr. */
static char	last_error[1024];

static void
keep_error(int is_warning, const char *msg)
{
	(void)is_warning;
	snprintf(last_error, sizeof last_error, "%s", msg);
}

static void
setup(void)
{
	last_error[0] = '\0';
	error_set_handler(keep_error);
}

static void
teardown(void)
{
	error_set_handler(NULL);
}

/* A FILE reading len bytes of s (which may hold NULs). */
static FILE *
mem(const char *s, size_t len)
{
	FILE	*f = fmemopen((void *)s, len, "r");

	ck_assert_ptr_nonnull(f);
	return f;
}

#define MEM(lit)	mem((lit), sizeof(lit) - 1)

START_TEST(test_linereader_lines)
{
	FILE			*f = MEM("one\ntwo\r\n\nlast");
	struct linereader	 lr;
	char			*line;
	size_t			 len;

	linereader_init(&lr, f, "t");
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "one");
	ck_assert_uint_eq(lr.lineno, 1);
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "two\r");	/* '\r' is the format's business */
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "last");		/* no final newline */
	ck_assert_uint_eq(lr.lineno, 4);
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 0);
	linereader_release(&lr);
	fclose(f);
}
END_TEST

START_TEST(test_linereader_long_lines)
{
	/* Lines across many read chunks come back whole. */
	size_t			 n = 300000, i;
	char			*s = xmalloc(2 * n + 3), *line;
	struct linereader	 lr;
	size_t			 len;
	FILE			*f;

	for (i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	s[n] = '\n';
	memset(s + n + 1, 'z', n);
	s[2 * n + 1] = '\n';
	f = mem(s, 2 * n + 2);
	linereader_init(&lr, f, "t");
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_uint_eq(len, n);
	ck_assert_int_eq(memcmp(line, s, n), 0);
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_uint_eq(len, n);
	ck_assert_int_eq(line[n - 1], 'z');
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 0);
	linereader_release(&lr);
	fclose(f);
	free(s);
}
END_TEST

START_TEST(test_linereader_limit)
{
	struct linereader	 lr;
	char			*line;
	size_t			 len;
	FILE			*f = MEM("12345\n123456\n");

	linereader_init(&lr, f, "t.jsonl");
	lr.max = 5;
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "12345");	/* at the limit: fine */
	ck_assert_int_eq(linereader_next(&lr, &line, &len), -1);
	ck_assert_str_eq(last_error, "t.jsonl:2: the line is longer than the"
	    " limit of 5 bytes");
	linereader_release(&lr);
	fclose(f);

	/* The limit is met before the whole line is read. */
	{
		size_t	 n = 1 << 20;
		char	*s = xmalloc(n);

		memset(s, 'x', n);
		f = mem(s, n);
		linereader_init(&lr, f, "big");
		lr.max = 100000;
		ck_assert_int_eq(linereader_next(&lr, &line, &len), -1);
		ck_assert_str_eq(last_error, "big:1: the line is longer than"
		    " the limit of 100000 bytes");
		ck_assert_uint_lt(lr.alloc, n);
		linereader_release(&lr);
		fclose(f);
		free(s);
	}
	ck_assert_uint_eq(FORMAT_LINE_MAX, 256u << 20);
}
END_TEST

START_TEST(test_find_guess)
{
	ck_assert_ptr_eq(format_find("jsonl"), &format_jsonl);
	ck_assert_ptr_eq(format_find("tsv"), &format_tsv);
	ck_assert_ptr_null(format_find("xml"));
	ck_assert_ptr_eq(format_guess("a/b.csv"), &format_csv);
	ck_assert_ptr_eq(format_guess("x.ndjson"), &format_jsonl);
	ck_assert_ptr_eq(format_guess("x.txt"), &format_txt);
	ck_assert_ptr_null(format_guess("x.js"));	/* not ".jsonl" */
	ck_assert_ptr_null(format_guess("dir.csv/file"));
	ck_assert_ptr_null(format_guess("noext"));
	ck_assert(format_can_write(&format_csv));
	ck_assert(!format_can_write(&format_txt));
}
END_TEST

START_TEST(test_jsonl_read)
{
	FILE		*f = MEM("\xef\xbb\xbf{\"text\": \"caf\\u00e9\", \"id\": 7,"
	    " \"lang\": \"fr\", \"meta\": {\"a\": 1, \"lang\": \"kept\"}}\n"
	    "\n"
	    "{\"image\": \"x.png\", \"id\": \"e-1\", \"width\": 3, \"height\": 4,"
	    " \"predictions\": [{\"result\": {}}], \"annotations\": []}\n");
	struct reader	 r;
	struct record	 rec;

	ck_assert_int_eq(reader_open(&r, &format_jsonl, f, "t"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 1);
	ck_assert_str_eq(rec.text, "caf\xc3\xa9");
	ck_assert_uint_eq(rec.text_len, 5);
	ck_assert_str_eq(rec.ext_id, "7");
	ck_assert_ptr_null(rec.image);
	/* Other keys join meta; meta's own value wins a clash. */
	ck_assert_int_eq(json_integer_value(json_object_get(rec.meta, "a")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(rec.meta, "lang")),
	    "kept");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 3);		/* blank line skipped */
	ck_assert_str_eq(rec.image, "x.png");
	ck_assert_str_eq(rec.ext_id, "e-1");
	ck_assert_int_eq(rec.width, 3);
	ck_assert_int_eq(rec.height, 4);
	ck_assert_uint_eq(json_array_size(rec.predictions), 1);
	ck_assert_uint_eq(json_array_size(rec.annotations), 0);
	ck_assert_ptr_null(rec.meta);
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
}
END_TEST

/* Reads input as fmt until an error; returns the message. */
static const char *
first_error(const struct format *fmt, const char *s, size_t len)
{
	FILE		*f = mem(s, len);
	struct reader	 r;
	struct record	 rec;
	int		 rc;

	last_error[0] = '\0';
	if (reader_open(&r, fmt, f, "in") == 0) {
		while ((rc = reader_next(&r, &rec)) == 1)
			;
		ck_assert_int_eq(rc, -1);
	}
	reader_close(&r);
	fclose(f);
	return last_error;
}

#define FIRST_ERROR(fmt, lit)	first_error((fmt), (lit), sizeof(lit) - 1)

/* The first n bytes of s, in a static buffer. */
static const char *
prefix(const char *s, size_t n)
{
	static char	p[256];

	snprintf(p, sizeof p, "%.*s", (int)n, s);
	return p;
}

START_TEST(test_jsonl_errors)
{
	/* jansson's own words follow the position; they vary by version. */
	ck_assert_str_eq(prefix(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\"}\n"
	    "{\"text\": \"b\",}\n"), 34), "in:2: malformed JSON at column 14:");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": 1}\n"),
	    "in:1: \"text\" must be a string, not a number");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\","
	    " \"image\": \"b\"}\n"), "in:1: a task has \"text\" or \"image\","
	    " not both");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\","
	    " \"meta\": []}\n"), "in:1: \"meta\" must be an object, not a list");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\","
	    " \"annotations\": [1]}\n"), "in:1: \"annotations\" item 1 must be"
	    " an object, not a number");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\","
	    " \"width\": -3}\n"), "in:1: \"width\" must be a whole number of"
	    " pixels from 1 to 1000000");
	ck_assert_ptr_nonnull(strstr(FIRST_ERROR(&format_jsonl,
	    "{\"text\": \"a\", \"text\": \"b\"}\n"), "duplicate"));
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"\\u0000\"}\n"),
	    "in:1: a \\u0000 (NUL) in a string at column 17: text may not hold"
	    " NUL");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"a\0\"}\n"),
	    "in:1: a NUL byte at byte 12 (is this a binary file?)");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "{\"text\": \"\xc3\"}\n"),
	    "in:1: invalid UTF-8 at byte 11 (0xc3)");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "\n \n"),
	    "in: empty: there are no tasks in it");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl, "[\"text\"]\n"),
	    "in:1: each line must be a JSON object (one task)");
}
END_TEST

START_TEST(test_csv_read)
{
	FILE		*f = MEM("id,text,lang,note\r\n"
	    "a1,\"Hello, \"\"you\"\"\",en,\r\n"
	    "\r\n"
	    "a2,\"two\r\nlines\",\"\",x\r\n"
	    ",plain,de,\"\"\r\n");
	struct reader	 r;
	struct record	 rec;

	ck_assert_int_eq(reader_open(&r, &format_csv, f, "t.csv"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_str_eq(rec.ext_id, "a1");
	ck_assert_str_eq(rec.text, "Hello, \"you\"");
	ck_assert_uint_eq(rec.text_len, 12);
	ck_assert_str_eq(json_string_value(json_object_get(rec.meta, "lang")),
	    "en");
	ck_assert_str_eq(json_string_value(json_object_get(rec.meta, "note")),
	    "");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 4);		/* a blank line skipped */
	ck_assert_str_eq(rec.text, "two\nlines");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 6);
	ck_assert_ptr_null(rec.ext_id);		/* empty id: none */
	ck_assert_str_eq(rec.text, "plain");
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
}
END_TEST

START_TEST(test_tsv_and_images)
{
	FILE		*f = MEM("image\ttext\tid\n"
	    "a.png\t\t1\n"
	    "\tjust text\t2\n"
	    "\"b\tc.png\"\t\t3\n");
	struct reader	 r;
	struct record	 rec;

	ck_assert_int_eq(reader_open(&r, &format_tsv, f, "t.tsv"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.image, "a.png");
	ck_assert_ptr_null(rec.text);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_ptr_null(rec.image);
	ck_assert_str_eq(rec.text, "just text");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.image, "b\tc.png");
	ck_assert_ptr_null(rec.meta);
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
}
END_TEST

START_TEST(test_csv_errors)
{
	ck_assert_str_eq(FIRST_ERROR(&format_csv, ""),
	    "in: empty: there are no tasks in it");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text\n"),
	    "in: empty: there are no tasks in it");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "id,body\n1,x\n"),
	    "in:1: the header row needs a \"text\" or an \"image\" column");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text,a,a\n"),
	    "in:1: the header names column 'a' twice");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text,a\nx\n"),
	    "in:2: 1 field, but the header has 2 columns");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text\nx,y\n"),
	    "in:2: 2 fields, but the header has 1 column");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text\nok\n\"open\nstill\n"),
	    "in:3: a quoted field is never closed");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text\n\"a\"b\n"),
	    "in:2: text after a closing quote (a quote inside a quoted field is"
	    " written \"\")");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text\nok\n\xff\n"),
	    "in:3: invalid UTF-8 at byte 1 (0xff)");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "image\n\"\"\n"),
	    "in:2: the \"image\" field is empty");
}
END_TEST

START_TEST(test_txt_read)
{
	FILE		*f = MEM("\xef\xbb\xbfone\r\n\n  two  \n");
	struct reader	 r;
	struct record	 rec;

	ck_assert_int_eq(reader_open(&r, &format_txt, f, "t.txt"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.text, "one");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 3);
	ck_assert_str_eq(rec.text, "  two  ");	/* spaces are the text's */
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
	ck_assert_str_eq(FIRST_ERROR(&format_txt, "a\nb\0c\n"),
	    "in:2: a NUL byte at byte 2 (is this a binary file?)");
}
END_TEST

/* A task with everything, written by a writer into a string. */
static char *
write_one(const struct format *fmt, const struct out_task *t,
    const char *const *controls)
{
	char	*s = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&s, &len);

	ck_assert_ptr_nonnull(f);
	if (fmt->write_begin != NULL)
		ck_assert_int_eq(fmt->write_begin(f, controls), 0);
	ck_assert_int_eq(fmt->write(f, t, controls), 0);
	fclose(f);
	return s;
}

static const struct out_prediction	test_preds[] = {
	{ "m1", 0.8, 1, "{\"label\":[\"pos\"]}", "2025-01-01T00:00:00Z" },
};
static const struct out_annotation	test_anns[] = {
	{ "alice", "submitted", "{\"label\":[\"pos\"],\"note\":\"a, \\\"b\\\"\"}",
	    2.5, 1, 0, "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z" },
	{ "bob", "draft", "{}", 0, 0, 1, "2025-01-02T00:00:00Z",
	    "2025-01-02T00:00:00Z" },
};

START_TEST(test_jsonl_write_reads_back)
{
	struct out_task	 t = { 12, "ext-1", "text", "line\none \"q\" ☃", NULL,
	    0, 0, "{\"k\":1}", test_preds, 1, test_anns, 2 };
	struct reader	 r;
	struct record	 rec;
	json_t		*a;
	char		*s = write_one(&format_jsonl, &t, NULL);
	FILE		*f;

	ck_assert_str_eq(s, "{\"id\": \"ext-1\", \"text\": \"line\\none \\\"q\\\""
	    " ☃\", \"meta\": {\"k\": 1}, \"predictions\": [{\"result\":"
	    " {\"label\": [\"pos\"]}, \"score\": 0.8, \"model\": \"m1\","
	    " \"created_at\": \"2025-01-01T00:00:00Z\"}], \"annotations\":"
	    " [{\"user\": \"alice\", \"state\": \"submitted\", \"result\":"
	    " {\"label\": [\"pos\"], \"note\": \"a, \\\"b\\\"\"}, \"lead_time\":"
	    " 2.5, \"late\": true, \"from_prediction\": false,"
	    " \"created_at\": \"2025-01-01T00:00:00Z\", \"updated_at\":"
	    " \"2025-01-01T00:01:00Z\"}, {\"user\": \"bob\", \"state\":"
	    " \"draft\", \"result\": {}, \"lead_time\": 0.0, \"late\": false,"
	    " \"from_prediction\": true, \"created_at\":"
	    " \"2025-01-02T00:00:00Z\", \"updated_at\":"
	    " \"2025-01-02T00:00:00Z\"}]}\n");
	f = mem(s, strlen(s));
	ck_assert_int_eq(reader_open(&r, &format_jsonl, f, "w"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.ext_id, "ext-1");
	ck_assert_str_eq(rec.text, t.text);
	ck_assert_uint_eq(json_array_size(rec.annotations), 2);
	a = json_array_get(rec.annotations, 1);
	ck_assert_str_eq(json_string_value(json_object_get(a, "state")),
	    "draft");
	reader_close(&r);
	fclose(f);
	free(s);

	/* No ext id: the task number, as a number; an image with its size. */
	t.ext_id = NULL;
	t.kind = "image";
	t.text = NULL;
	t.image = "/data/a.png";
	t.width = 640;
	t.height = 480;
	t.npredictions = t.nannotations = 0;
	s = write_one(&format_jsonl, &t, NULL);
	ck_assert_str_eq(s, "{\"id\": 12, \"image\": \"/data/a.png\", \"width\":"
	    " 640, \"height\": 480, \"meta\": {\"k\": 1}, \"predictions\": [],"
	    " \"annotations\": []}\n");
	free(s);
}
END_TEST

START_TEST(test_csv_write)
{
	static const char *const controls[] = { "label", "note", NULL };
	struct out_task	 t = { 3, NULL, "text", "Hi, \"you\"\nthere", NULL,
	    0, 0, "{}", NULL, 0, test_anns, 2 };
	char		*s = write_one(&format_csv, &t, controls);

	ck_assert_str_eq(s, "id,text,image,width,height,meta,user,state,label,"
	    "note,created_at,updated_at\r\n"
	    "3,\"Hi, \"\"you\"\"\nthere\",,,,{},alice,submitted,pos,"
	    "\"a, \"\"b\"\"\",2025-01-01T00:00:00Z,2025-01-01T00:01:00Z\r\n"
	    "3,\"Hi, \"\"you\"\"\nthere\",,,,{},bob,draft,,,"
	    "2025-01-02T00:00:00Z,2025-01-02T00:00:00Z\r\n");
	free(s);
	t.nannotations = 0;
	s = write_one(&format_tsv, &t, controls);
	ck_assert_str_eq(s, "id\ttext\timage\twidth\theight\tmeta\tuser\tstate\t"
	    "label\tnote\tcreated_at\tupdated_at\n"
	    "3\t\"Hi, \"\"you\"\"\nthere\"\t\t\t\t{}\t\t\t\t\t\t\n");
	free(s);
}
END_TEST

static Suite *
formats_suite(void)
{
	Suite	*s = suite_create("formats");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_linereader_lines);
	tcase_add_test(tc, test_linereader_long_lines);
	tcase_add_test(tc, test_linereader_limit);
	tcase_add_test(tc, test_find_guess);
	tcase_add_test(tc, test_jsonl_read);
	tcase_add_test(tc, test_jsonl_errors);
	tcase_add_test(tc, test_csv_read);
	tcase_add_test(tc, test_tsv_and_images);
	tcase_add_test(tc, test_csv_errors);
	tcase_add_test(tc, test_txt_read);
	tcase_add_test(tc, test_jsonl_write_reads_back);
	tcase_add_test(tc, test_csv_write);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(formats_suite());
}
