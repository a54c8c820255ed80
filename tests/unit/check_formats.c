/* Unit tests for src/formats: the format table and the lists made from
 * it, the line reader and its limit, the JSONL, CSV, TSV and txt readers
 * (fields, quoting, errors with their line), the writers (what JSONL
 * writes reads back the same; CSV quoting; CSV cells from the typed answer
 * of each control kind, writer_answer), and the interface itself with
 * two formats of the test's own: a whole document (a JSON array: open
 * reads it all, write_end closes it) and a folder of one file per task. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sink.h"
#include "util/xmalloc.h"
#include "formats/imagefmt.h"

#include "errors.h"
#include "runner.h"

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

/* A byte order mark is dropped from line 1 only, for every line format. */
START_TEST(test_linereader_bom)
{
	FILE			*f = MEM("\xef\xbb\xbfone\n\xef\xbb\xbftwo\n");
	struct linereader	 lr;
	char			*line;
	size_t			 len;

	linereader_init(&lr, f, "t");
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "one");
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(linereader_next(&lr, &line, &len), 1);
	ck_assert_str_eq(line, "\xef\xbb\xbftwo");
	ck_assert_uint_eq(len, 6);
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
	ck_assert_ptr_eq(format_guess("a/b.csv", 0), &format_csv);
	ck_assert_ptr_eq(format_guess("x.ndjson", FORMAT_READS), &format_jsonl);
	ck_assert_ptr_eq(format_guess("x.txt", FORMAT_READS), &format_txt);
	ck_assert_ptr_eq(format_guess("eng.conll", FORMAT_READS), &format_conll);
	ck_assert_ptr_eq(format_guess("x.iob", FORMAT_WRITES), &format_conll);
	ck_assert_ptr_null(format_guess("x.txt", FORMAT_WRITES));
	ck_assert_ptr_eq(format_guess("x.tab", FORMAT_WRITES), &format_tsv);
	ck_assert_ptr_null(format_guess("x.js", 0));	/* not ".jsonl" */
	ck_assert_ptr_null(format_guess("dir.csv/file", 0));
	ck_assert_ptr_null(format_guess("noext", 0));
	ck_assert_ptr_eq(format_guess("export.json", FORMAT_READS),
	    &format_labelstudio);
	/* doccano's and Prodigy's files are .jsonl too: only --format says */
	ck_assert_ptr_eq(format_guess("x.jsonl", FORMAT_ANNOTATIONS),
	    &format_jsonl);
	ck_assert(format_csv.flags & FORMAT_WRITES);
	ck_assert(!(format_txt.flags & FORMAT_WRITES));
}
END_TEST

/* The image formats' pixels: a fraction written back with the fewest
 * digits that read back within a hundred-millionth of a pixel, and pixels
 * from fractions kept to a millionth, so both round trips are exact. */
START_TEST(test_pixels)
{
	static const double	px[] = { 0, 1, 7, 33.3, 79.01248, 159.5, 160,
	    0.000001, 639.999999 };
	struct buf		b = BUF_INIT;
	size_t			i;
	int			w;

	for (w = 160; w <= 100000; w *= 25)
		for (i = 0; i < ARRAY_SIZE(px); i++) {
			buf_reset(&b);
			fraction_put(&b, px[i] / w, w);
			ck_assert_double_eq(pixel_snap(strtod(buf_str(&b),
			    NULL) * w), px[i]);
		}
	buf_reset(&b);
	fraction_put(&b, 0.123457, 640);
	ck_assert_str_eq(buf_str(&b), "0.123457");
	buf_reset(&b);
	fraction_put(&b, 0.5, 640);
	ck_assert_str_eq(buf_str(&b), "0.5");
	ck_assert_double_eq(pixel_snap(33.29999999999), 33.3);
	ck_assert_double_eq(pixel_snap(-0.0000001), 0);
	buf_reset(&b);
	number_put(&b, 12);
	buf_addch(&b, ' ');
	number_put(&b, 0.1);
	ck_assert_str_eq(buf_str(&b), "12 0.1");
	buf_release(&b);
}
END_TEST

START_TEST(test_table)
{
	const struct format	*fmt;
	size_t			 i;

	/* A row's flags say what its hooks do. */
	for (i = 0; (fmt = format_at(i)) != NULL; i++) {
		ck_assert_ptr_eq(format_find(fmt->name), fmt);
		ck_assert_int_eq(!!(fmt->flags & FORMAT_READS),
		    fmt->read != NULL);
		ck_assert_int_eq(!!(fmt->flags & FORMAT_WRITES),
		    fmt->write != NULL);
		ck_assert(fmt->flags & (FORMAT_TEXT | FORMAT_IMAGE));
		ck_assert_ptr_nonnull(fmt->extensions);
	}
	ck_assert_uint_eq(i, 15);
	ck_assert_ptr_eq(format_at(0), &format_jsonl);
	ck_assert_ptr_null(format_at(i));
	/* The lists messages show. */
	ck_assert_str_eq(format_names(FORMAT_READS, ", "),
	    "jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results,"
	    " labelstudio, labelstudio-min, conll, spacy, spacy-v2");
	ck_assert_str_eq(format_names(FORMAT_READS, " or "),
	    "jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results,"
	    " labelstudio, labelstudio-min, conll, spacy or spacy-v2");
	ck_assert_str_eq(format_names(FORMAT_WRITES, " or "),
	    "jsonl, csv, tsv, doccano, prodigy, yolo, voc, coco, labelstudio,"
	    " labelstudio-min, conll, spacy or spacy-v2");
	ck_assert_str_eq(format_names(FORMAT_PREDICTIONS, " and "),
	    "jsonl, prodigy, coco-results and labelstudio");
	ck_assert_str_eq(format_names(FORMAT_FOLDER, ", "), "yolo, voc");
	/* Built once: the same string again. */
	ck_assert_ptr_eq(format_names(FORMAT_WRITES, " or "),
	    format_names(FORMAT_WRITES, " or "));
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
	/* Inside quotes the CRLF is the field's (RFC 4180). */
	ck_assert_str_eq(rec.text, "two\r\nlines");
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
	    "in:1: the header row needs a \"text\" or an \"image\" column"
	    " (or --text-column NAME); the header has \"id\", \"body\" (read"
	    " with ',' between columns: --delimiter gives another)");
	ck_assert_str_eq(FIRST_ERROR(&format_csv, "text,Text\nx,y\n"),
	    "in:1: the header names column \"Text\" twice (as \"text\" too:"
	    " names are matched without regard to case)");
	ck_assert_str_eq(FIRST_ERROR(&format_csv,
	    "text,annotations\nx,\"[1,\"\n"),
	    "in:2: the \"annotations\" cell is not JSON: ']' expected near"
	    " end of file");
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

/* What write_tasks asks of the writer (the CSV layout's tests set it). */
static struct writer_opts	test_wopts;

/* n tasks, written by a format's writer into a string, for cfg. */
static char *
write_tasks(const struct format *fmt, const struct out_task *t, size_t n,
    const struct config *cfg)
{
	struct writer	 w;
	struct sink	*sink;
	char		*s = NULL;
	size_t		 len = 0, i;
	FILE		*f = open_memstream(&s, &len);

	ck_assert_ptr_nonnull(f);
	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin_opts(&w, fmt, cfg, sink, &test_wopts),
	    0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(writer_write(&w, &t[i]), 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_uint_eq(w.ntasks, n);
	ck_assert_int_eq(sink_commit(sink), 0);
	fclose(f);
	return s;
}

static char *
write_one(const struct format *fmt, const struct out_task *t,
    const struct config *cfg)
{
	return write_tasks(fmt, t, 1, cfg);
}

static const struct out_prediction	test_preds[] = {
	{ "m1", 0.8, 1, "{\"label\":[\"pos\"]}", "2025-01-01T00:00:00Z" },
};
static const struct out_annotation	test_anns[] = {
	{ "alice", "submitted", "{\"label\":[\"pos\"],\"note\":\"a, \\\"b\\\"\"}",
	    2.5, 1, 0, "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
	{ "bob", "draft", "{}", 0, 0, 1, "2025-01-02T00:00:00Z",
	    "2025-01-02T00:00:00Z", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
};

START_TEST(test_jsonl_write_reads_back)
{
	struct out_task	 t = { .id = 12, .ext_id = "ext-1", .kind = "text",
	    .text = "line\none \"q\" ☃", .meta = "{\"k\":1}",
	    .predictions = test_preds, .npredictions = 1,
	    .annotations = test_anns, .nannotations = 2 };
	struct reader	 r;
	struct record	 rec;
	json_t		*a;
	char		*s = write_one(&format_jsonl, &t, NULL);
	FILE		*f;

	ck_assert_str_eq(s, "{\"task\": 12, \"id\": \"ext-1\", \"text\":"
	    " \"line\\none \\\"q\\\""
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

	/* No ext id: the task number alone, and no "id" (an id is only
	 * ever the imported one); an image with its size; a priority. */
	t.ext_id = NULL;
	t.kind = "image";
	t.text = NULL;
	t.image = "/data/a.png";
	t.width = 640;
	t.height = 480;
	t.priority = -3;
	t.npredictions = t.nannotations = 0;
	s = write_one(&format_jsonl, &t, NULL);
	ck_assert_str_eq(s, "{\"task\": 12, \"image\": \"/data/a.png\","
	    " \"width\": 640, \"height\": 480, \"priority\": -3, \"meta\":"
	    " {\"k\": 1}, \"predictions\": [], \"annotations\": []}\n");
	/* Read back: "task" names nothing here, "priority" is the task's. */
	f = mem(s, strlen(s));
	ck_assert_int_eq(reader_open(&r, &format_jsonl, f, "w"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_ptr_null(rec.ext_id);
	ck_assert_int_eq(rec.has_priority, 1);
	ck_assert_int_eq(rec.priority, -3);
	ck_assert_ptr_null(json_object_get(rec.meta, "task"));
	ck_assert_ptr_null(json_object_get(rec.meta, "priority"));
	reader_close(&r);
	fclose(f);
	free(s);
}
END_TEST

/* "task" and "priority" say what they are: a task number an export wrote
 * (a whole number, or refused), and a whole number in range. */
START_TEST(test_task_and_priority_keys)
{
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl,
	    "{\"text\": \"a\", \"task\": \"x\"}\n"), "in:1: \"task\" is the"
	    " task number an export writes, a whole number; a field of your"
	    " own goes in \"meta\"");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl,
	    "{\"text\": \"a\", \"priority\": 1.5}\n"), "in:1: \"priority\""
	    " must be a whole number from -1000000000 to 1000000000 (higher"
	    " is labelled first); a field of your own goes in \"meta\"");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl,
	    "{\"text\": \"a\", \"priority\": \"high\"}\n"), "in:1:"
	    " \"priority\" must be a whole number from -1000000000 to"
	    " 1000000000 (higher is labelled first); a field of your own"
	    " goes in \"meta\"");
	ck_assert_str_eq(FIRST_ERROR(&format_jsonl,
	    "{\"text\": \"a\", \"priority\": 1000000001}\n"), "in:1:"
	    " \"priority\" must be a whole number from -1000000000 to"
	    " 1000000000 (higher is labelled first); a field of your own"
	    " goes in \"meta\"");
	ck_assert_str_eq(FIRST_ERROR(&format_csv,
	    "text,priority\na, 5\n"), "in:2: \"priority\" must be a whole"
	    " number from -1000000000 to 1000000000 (higher is labelled"
	    " first), not ' 5'");
	ck_assert_str_eq(FIRST_ERROR(&format_csv,
	    "text,task\na,x\n"), "in:2: \"task\" is the task number an"
	    " export writes, a whole number; a column of your own needs"
	    " another name");
}
END_TEST

/* A config from YAML text, for the writers' tests. */
static struct config *
yaml_config(const char *yaml)
{
	struct config	*cfg = config_parse(yaml, strlen(yaml), "test.yaml");

	ck_assert_msg(cfg != NULL, "%s", last_error);
	return cfg;
}

START_TEST(test_csv_write)
{
	struct config	*cfg = yaml_config("type: custom\n"
	    "controls:\n"
	    "  - {name: label, kind: choice, labels: [pos, neg]}\n"
	    "  - {name: note, kind: text}\n");
	struct out_task	 t = { .id = 3, .kind = "text",
	    .text = "Hi, \"you\"\nthere", .meta = "{}",
	    .annotations = test_anns, .nannotations = 2 };
	char		*s;

	test_wopts.csv_layout = CSV_LAYOUT_ANNOTATION;
	s = write_one(&format_csv, &t, cfg);

	ck_assert_str_eq(s, "task,id,text,image,width,height,meta,user,state,"
	    "label,note,created_at,updated_at\r\n"
	    "3,,\"Hi, \"\"you\"\"\nthere\",,,,{},alice,submitted,pos,"
	    "\"a, \"\"b\"\"\",2025-01-01T00:00:00Z,2025-01-01T00:01:00Z\r\n"
	    "3,,\"Hi, \"\"you\"\"\nthere\",,,,{},bob,draft,,,"
	    "2025-01-02T00:00:00Z,2025-01-02T00:00:00Z\r\n");
	free(s);
	t.nannotations = 0;
	s = write_one(&format_tsv, &t, cfg);
	ck_assert_str_eq(s, "task\tid\ttext\timage\twidth\theight\tmeta\tuser\t"
	    "state\tlabel\tnote\tcreated_at\tupdated_at\n"
	    "3\t\t\"Hi, \"\"you\"\"\nthere\"\t\t\t\t{}\t\t\t\t\t\t\n");
	free(s);
	test_wopts.csv_layout = CSV_LAYOUT_TASK;
	config_free(cfg);
}
END_TEST

/*
 * The task layout, the default: a row per task, its annotations a JSON
 * cell, read back as the same record; the formula guard's "'" before a
 * cell that starts with = + - @ TAB CR (after any "'"), taken off again
 * on reading, and neither with csv_raw.
 */
START_TEST(test_csv_task_layout)
{
	struct out_task	 t = { .id = 3, .ext_id = "=x", .kind = "text",
	    .text = "+1", .meta = "{\"k\":\"@v\"}", .annotations = test_anns,
	    .nannotations = 1, .priority = -2 };
	struct reader	 r;
	struct reader_opts ro = { 0 };
	struct record	 rec;
	char		*s = write_one(&format_csv, &t, NULL);
	FILE		*f;

	ck_assert_str_eq(s, "task,id,text,image,width,height,priority,meta,"
	    "tokens,predictions,annotations,final_answer\r\n"
	    "3,'=x,'+1,,,,'-2,\"{\"\"k\"\":\"\"@v\"\"}\",,,"
	    "\"[{\"\"user\"\":\"\"alice\"\",\"\"state\"\":\"\"submitted\"\","
	    "\"\"result\"\":{\"\"label\"\":[\"\"pos\"\"],\"\"note\"\":"
	    "\"\"a, \\\"\"b\\\"\"\"\"},\"\"lead_time\"\":2.5,\"\"late\"\":true,"
	    "\"\"from_prediction\"\":false,\"\"created_at\"\":"
	    "\"\"2025-01-01T00:00:00Z\"\",\"\"updated_at\"\":"
	    "\"\"2025-01-01T00:01:00Z\"\"}]\",\r\n");
	f = mem(s, strlen(s));
	ck_assert_int_eq(reader_open(&r, &format_csv, f, "back.csv"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.ext_id, "=x");
	ck_assert_str_eq(rec.text, "+1");
	ck_assert_int_eq(rec.has_priority, 1);
	ck_assert_int_eq(rec.priority, -2);
	ck_assert_str_eq(json_string_value(json_object_get(rec.meta, "k")),
	    "@v");
	ck_assert_uint_eq(json_array_size(rec.annotations), 1);
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
	/* Raw: the "'" is data. */
	f = mem(s, strlen(s));
	ro.csv_raw = 1;
	ck_assert_int_eq(reader_open_opts(&r, &format_csv, f, "raw.csv", &ro),
	    0);
	ck_assert_int_eq(reader_next(&r, &rec), -1);	/* '-2: no number */
	reader_close(&r);
	fclose(f);
	free(s);
	test_wopts.csv_raw = 1;
	t.priority = 0;
	s = write_one(&format_csv, &t, NULL);
	ck_assert_ptr_nonnull(strstr(s, "\r\n3,=x,+1,,,,,"));
	test_wopts.csv_raw = 0;
	free(s);
}
END_TEST

/* Every kind of control, for the cells of a CSV export. */
static const char	kinds_yaml[] = "type: custom\n"
	"controls:\n"
	"  - {name: label, kind: choice, labels: [pos, neg]}\n"
	"  - {name: tags, kind: multichoice, labels: [a, b, c]}\n"
	"  - {name: none, kind: multichoice, allow_empty: true, labels: [x]}\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n"
	"  - {name: note, kind: text, multiline: true}\n"
	"  - {name: stars, kind: rating, max: 4}\n"
	"  - {name: boxes, kind: boxes, labels: [car]}\n"
	"  - {name: regions, kind: polygons, labels: [sky]}\n";

/* The control cells of each row a task makes, read back from a CSV
 * export as a spreadsheet would: tab between cells, "|" between rows. */
static char *
control_cells(const struct config *cfg, const struct out_task *t)
{
	struct buf	 out = BUF_INIT;
	struct reader	 r;
	struct record	 rec;
	char		*s = write_one(&format_csv, t, cfg);
	FILE		*f = mem(s, strlen(s));
	size_t		 i;
	int		 rc;

	ck_assert_int_eq(reader_open(&r, &format_csv, f, "back.csv"), 0);
	while ((rc = reader_next(&r, &rec)) == 1) {
		if (out.len > 0)
			buf_addch(&out, '|');
		for (i = 0; i < cfg->ncontrols; i++)
			buf_printf(&out, "%s%s", i > 0 ? "\t" : "",
			    json_string_value(json_object_get(rec.meta,
			    cfg->controls[i].name)));
	}
	ck_assert_int_eq(rc, 0);
	reader_close(&r);
	fclose(f);
	free(s);
	return buf_detach(&out);
}

START_TEST(test_csv_cells)
{
	struct config		*cfg = yaml_config(kinds_yaml);
	struct out_annotation	 a[3] = {
		{ "alice", "submitted", "{\"label\": [\"pos\"], \"tags\":"
		    " [\"c\", \"a\"], \"none\": [], \"ents\": [{\"label\":"
		    " \"PER\", \"start\": 4, \"end\": 7, \"score\": 0.5},"
		    " {\"start\": 0, \"end\": 3, \"label\": \"LOC\"}],"
		    " \"note\": \"say \\\"hi\\\"\", \"stars\": 3.0,"
		    " \"gone\": 1}", 0, 0, 0, "c", "u", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
		{ "bob", "draft", "{\"label\": [], \"tags\": [\"b\"], \"ents\":"
		    " [], \"note\": \"\"}", 0, 0, 0, "c", "u", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
		{ "carol", "skipped", "{}", 0, 0, 0, "c", "u", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
	};
	struct out_annotation	 img[1] = {
		{ "alice", "submitted", "{\"boxes\": [{\"label\": \"car\","
		    " \"x\": 1, \"y\": 2.0, \"width\": 3, \"height\": 4,"
		    " \"rotation\": 0}, {\"x\": 4, \"y\": 0, \"width\": 2.5,"
		    " \"height\": 1, \"rotation\": 30, \"label\": \"car\"}],"
		    " \"regions\": [{\"points\": [[0, 0], [4, 0], [2, 2]],"
		    " \"label\": \"sky\"}, {\"label\": \"sky\", \"rle\":"
		    " [1, 2, 253]}], \"tags\": [\"a\", \"b\"]}", 0, 0, 0, "c",
		    "u", NULL, NULL, 0, 0, 0, 0, 0, 0, NULL },
	};
	struct out_task		 t = { .id = 1, .kind = "text",
	    .text = "Ann met Bob", .meta = "{}", .annotations = a,
	    .nannotations = 3 };
	struct out_task		 i = { .id = 2, .kind = "image",
	    .image = "/i.png", .width = 16, .height = 16, .meta = "{}",
	    .annotations = img, .nannotations = 1 };
	char			*s;

	test_wopts.csv_layout = CSV_LAYOUT_ANNOTATION;
	/*
	 * A choice of one label is the label, several are JSON in the
	 * config's order; [] is an answer only where it means one ("none
	 * of these apply", "no entities"); spans by start, in the order of
	 * keys answer_emit writes; a text as it is; a rating as a whole
	 * number; keys that are no control are no column.
	 */
	s = control_cells(cfg, &t);
	ck_assert_str_eq(s, "pos\t[\"a\",\"c\"]\t[]\t[{\"start\":0,\"end\":3,"
	    "\"label\":\"LOC\"},{\"start\":4,\"end\":7,\"label\":\"PER\","
	    "\"score\":0.5}]\tsay \"hi\"\t3\t\t"
	    "|\tb\t\t[]\t\t\t\t"
	    "|\t\t\t\t\t\t\t");
	free(s);
	/* Boxes and polygons (and masks): whole numbers as integers, no
	 * rotation of 0. */
	s = control_cells(cfg, &i);
	ck_assert_str_eq(s, "\t[\"a\",\"b\"]\t\t\t\t\t"
	    "[{\"x\":1,\"y\":2,\"width\":3,\"height\":4,\"label\":\"car\"},"
	    "{\"x\":4,\"y\":0,\"width\":2.5,\"height\":1,\"rotation\":30,"
	    "\"label\":\"car\"}]\t"
	    "[{\"points\":[[0,0],[4,0],[2,2]],\"label\":\"sky\"},"
	    "{\"rle\":[1,2,253],\"label\":\"sky\"}]");
	free(s);
	/* A task without an annotation: its cells are empty, even where an
	 * annotation's empty list would be an answer. */
	t.nannotations = 0;
	s = control_cells(cfg, &t);
	ck_assert_str_eq(s, "\t\t\t\t\t\t\t");
	free(s);
	/* A multi-line text is one quoted cell in CSV. */
	a[0].result = "{\"note\": \"two\\nlines, \\\"q\\\"\"}";
	t.nannotations = 1;
	s = write_one(&format_csv, &t, cfg);
	ck_assert_ptr_nonnull(strstr(s, ",alice,submitted,,,,,\"two\nlines,"
	    " \"\"q\"\"\",,,,c,u\r\n"));
	free(s);
	test_wopts.csv_layout = CSV_LAYOUT_TASK;
	config_free(cfg);
}
END_TEST

START_TEST(test_writer_answer)
{
	struct config		*cfg = yaml_config(kinds_yaml);
	struct out_task		 t = { .id = 1, .kind = "text", .text = "Ann",
	    .meta = "{}" };
	const struct answer	*ans, *again;
	struct writer		 w;
	struct sink		*sink;
	char			*s = NULL;
	size_t			 len = 0;
	FILE			*f = open_memstream(&s, &len);
	json_t			*j;

	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, &format_jsonl, cfg, sink), 0);
	ck_assert_ptr_null(w.answer);		/* made on first use */
	/* Loaded against the task: a span past its end is left out; a key
	 * that is no control is kept aside. */
	ans = writer_answer(&w, &t, "{\"ents\": [{\"start\": 0, \"end\": 3,"
	    " \"label\": \"PER\"}, {\"start\": 3, \"end\": 9, \"label\":"
	    " \"LOC\"}], \"stars\": 2, \"old\": true}");
	ck_assert_ptr_nonnull(ans);
	ck_assert_uint_eq(ans->n, cfg->ncontrols);
	ck_assert_uint_eq(ans->v[3].nspans, 1);
	ck_assert_int_eq(ans->v[5].rating, 2);
	ck_assert(!ans->v[0].present);
	ck_assert(json_is_true(json_object_get(ans->extra, "old")));
	/* One answer, reused: the next result replaces the last. */
	again = writer_answer(&w, &t, "{\"label\": [\"neg\"]}");
	ck_assert_ptr_eq(again, ans);
	ck_assert(again->v[0].present && again->v[0].chosen[1]);
	ck_assert(!again->v[5].present);
	ck_assert_uint_eq(json_object_size(again->extra), 0);
	/* No result, or damaged JSON: an empty answer, against its task. */
	ans = writer_answer(&w, &t, "{not json");
	ck_assert(!ans->v[3].present);
	j = answer_value_emit(&ans->v[3], ans->task);
	ck_assert(json_is_array(j) && json_array_size(j) == 0);
	json_decref(j);
	ck_assert_ptr_nonnull(writer_answer(&w, &t, NULL));
	/* An image task: spans need a text, and are left out. */
	t.kind = "image";
	t.text = NULL;
	t.image = "/i.png";
	ans = writer_answer(&w, &t, "{\"ents\": [{\"start\": 0, \"end\": 1,"
	    " \"label\": \"PER\"}]}");
	ck_assert_uint_eq(ans->v[3].nspans, 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_ptr_null(w.answer);
	ck_assert_int_eq(sink_commit(sink), 0);

	/* No config: no answer. */
	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, &format_jsonl, NULL, sink), 0);
	ck_assert_ptr_null(writer_answer(&w, &t, "{}"));
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_int_eq(sink_commit(sink), 0);
	fclose(f);
	free(s);
	config_free(cfg);
}
END_TEST

/*
 * writer_answer's fast path (model/answer_scan.h, then the spans held
 * against the text) gives the answer the general way does (a jansson
 * tree, answer_load_lenient against the task) on the same results:
 * texts with an emoji ZWJ sequence, CJK and combining marks, spans up to
 * and past their end, unsorted and overlapping, the other kinds, and
 * shapes the scanner declines. Compared as answer_emit's JSON, and by the
 * number of spans kept.
 */
START_TEST(test_writer_answer_fast)
{
	static const char *const texts[] = {
		"Ann met Bo",
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
		    "\xf0\x9f\x91\xa7 in \xe6\x9d\xb1\xe4\xba\xac",
		"Caf\x65\xcc\x81 Zu\xcc\x88rich \xe6\x9d\xb1\xe4\xba\xac",
		"",
	};
	static const char *const results[] = {
		"{\"ents\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}]}",
		"{\"ents\": [{\"start\": 0, \"end\": 10, \"label\": \"LOC\"}]}",
		"{\"ents\": [{\"start\": 0, \"end\": 11, \"label\": \"LOC\"}]}",
		"{\"ents\": [{\"start\": 9, \"end\": 11, \"label\": \"LOC\"},"
		    " {\"start\": 0, \"end\": 5, \"label\": \"PER\"}]}",
		"{\"ents\": [{\"start\": 6, \"end\": 8, \"label\": \"LOC\"},"
		    " {\"start\": 0, \"end\": 2, \"label\": \"PER\"},"
		    " {\"start\": 1, \"end\": 3, \"label\": \"LOC\"}]}",
		"{\"ents\": [{\"start\": 12, \"end\": 14, \"label\": \"LOC\"}]}",
		"{\"ents\": [{\"start\": 0, \"end\": 1, \"label\": \"PER\","
		    " \"score\": 0.5}]}",
		"{\"ents\": [{\"start\": 0, \"end\": 1, \"label\": \"ORG\"}]}",
		"{\"ents\": []}",
		"{\"label\": [\"neg\"], \"tags\": [\"a\", \"c\"], \"stars\": 3,"
		    " \"note\": \"caf\\u00e9 \\ud83d\\ude00 \xe6\x9d\xb1\"}",
		"{\"label\": \"pos\", \"ents\": [{\"start\": 2, \"end\": 4,"
		    " \"label\": \"PER\"}], \"old\": 1}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"car\"}]}",
		"{}",
		"{not json",
	};
	struct config		*cfg = yaml_config(kinds_yaml);
	struct out_task		 t = { .id = 1, .kind = "text", .meta = "{}" };
	struct answer_task	 at;
	struct answer		*slow;
	const struct answer	*fast;
	struct writer		 w;
	struct sink		*sink;
	char			*s = NULL, *a, *b;
	size_t			 len = 0, i, k, kept = 0;
	FILE			*f = open_memstream(&s, &len);
	json_t			*j;

	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, &format_jsonl, cfg, sink), 0);
	for (i = 0; i < ARRAY_SIZE(texts); i++)
		for (k = 0; k < ARRAY_SIZE(results); k++) {
			t.text = texts[i];
			fast = writer_answer(&w, &t, results[k]);
			memset(&at, 0, sizeof at);
			at.text = texts[i];
			at.text_len = strlen(texts[i]);
			slow = answer_new(cfg, &at);
			j = json_loads(results[k], 0, NULL);
			answer_load_lenient(slow, j);
			json_decref(j);
			j = answer_emit(fast);
			a = json_dumps(j, JSON_SORT_KEYS);
			json_decref(j);
			j = answer_emit(slow);
			b = json_dumps(j, JSON_SORT_KEYS);
			json_decref(j);
			ck_assert_msg(strcmp(a, b) == 0, "text %zu, result %zu:"
			    " %s, the general way %s", i, k, a, b);
			ck_assert_uint_eq(fast->v[3].nspans, slow->v[3].nspans);
			kept += fast->v[3].nspans;
			free(a);
			free(b);
			answer_free(slow);
		}
	ck_assert_uint_gt(kept, 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_int_eq(sink_commit(sink), 0);
	fclose(f);
	free(s);
	config_free(cfg);
}
END_TEST

/* The same for image tasks: boxes read by the scanner (with the keys
 * other tools keep, fractions, a rotation) are the boxes the general way
 * loads, on an image of each size (0: unknown), and what it must leave
 * to the general way (off the image, rotated, a bad box, spans on an
 * image) gives the general way's answer too. */
START_TEST(test_writer_answer_fast_boxes)
{
	static const int sizes[][2] = { { 0, 0 }, { 160, 120 }, { 10, 10 } };
	static const char *const results[] = {
		"{\"boxes\": [{\"x\": 3, \"y\": 94.000038000000004,"
		    " \"width\": 44, \"height\": 11.000004, \"label\": \"car\"}]}",
		"{\"boxes\":[{\"x\":3,\"y\":94,\"width\":44,\"height\":11,"
		    "\"label\":\"car\",\"pose\":\"Unspecified\",\"truncated\":0,"
		    "\"difficult\":0},{\"x\":0,\"y\":0,\"width\":1e1,"
		    "\"height\":2.5E0,\"label\":\"car\",\"id\":7,"
		    "\"attr\":{\"a\":[1,\"\\u00e9\"]}}]}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"car\", \"rotation\": null}]}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"car\", \"rotation\": 30}]}",
		"{\"boxes\": [{\"x\": 9, \"y\": 1, \"width\": 1.0000001,"
		    " \"height\": 2, \"label\": \"car\"}]}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 0, \"height\": 2,"
		    " \"label\": \"car\"}, {\"x\": 1, \"y\": 1, \"width\": 2,"
		    " \"height\": 2, \"label\": \"car\"}]}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"bus\"}]}",
		"{\"boxes\": [{\"x\": 1, \"x\": 2, \"y\": 1, \"width\": 2,"
		    " \"height\": 2, \"label\": \"car\"}]}",
		"{\"boxes\": [{\"x\": 1, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"car\", \"k\": 1, \"k\": 2}]}",
		"{\"boxes\": [{\"x\": -0, \"y\": 1, \"width\": 2, \"height\": 2,"
		    " \"label\": \"car\"}], \"label\": \"pos\"}",
		"{\"boxes\": [], \"ents\": [{\"start\": 0, \"end\": 1,"
		    " \"label\": \"PER\"}]}",
		"{\"boxes\": [{\"x\": 1e400, \"y\": 1, \"width\": 2,"
		    " \"height\": 2, \"label\": \"car\"}]}",
		"{\"boxes\": []}",
	};
	struct config		*cfg = yaml_config(kinds_yaml);
	struct out_task		 t = { .id = 1, .kind = "image", .image = "a.png",
	    .meta = "{}" };
	struct answer_task	 at;
	struct answer		*slow;
	const struct answer	*fast;
	struct writer		 w;
	struct sink		*sink;
	char			*s = NULL, *a, *b;
	size_t			 len = 0, i, k, kept = 0;
	FILE			*f = open_memstream(&s, &len);
	json_t			*j;

	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, &format_jsonl, cfg, sink), 0);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		for (k = 0; k < ARRAY_SIZE(results); k++) {
			t.width = sizes[i][0];
			t.height = sizes[i][1];
			fast = writer_answer(&w, &t, results[k]);
			memset(&at, 0, sizeof at);
			at.width = t.width;
			at.height = t.height;
			slow = answer_new(cfg, &at);
			j = json_loads(results[k], 0, NULL);
			answer_load_lenient(slow, j);
			json_decref(j);
			j = answer_emit(fast);
			a = json_dumps(j, JSON_SORT_KEYS);
			json_decref(j);
			j = answer_emit(slow);
			b = json_dumps(j, JSON_SORT_KEYS);
			json_decref(j);
			ck_assert_msg(strcmp(a, b) == 0, "size %zu, result %zu:"
			    " %s, the general way %s", i, k, a, b);
			ck_assert_uint_eq(fast->v[6].nboxes, slow->v[6].nboxes);
			kept += fast->v[6].nboxes;
			free(a);
			free(b);
			answer_free(slow);
		}
	ck_assert_uint_gt(kept, 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_int_eq(sink_commit(sink), 0);
	fclose(f);
	free(s);
	config_free(cfg);
}
END_TEST

/*
 * A whole-document format of the test's own: a JSON array of task objects
 * in the native shape. open reads the whole document into priv; read
 * yields its items (an item's number stands for a line); write_end closes
 * the array.
 */
struct array_doc {
	json_t	*doc;
	size_t	 next;
};

static int
array_open(struct reader *r)
{
	struct array_doc	*a;
	json_error_t		 err;

	r->priv = a = xcalloc(1, sizeof *a);
	if ((a->doc = json_loadf(r->f, JSON_REJECT_DUPLICATES, &err)) == NULL)
		return error("%s:%d: malformed JSON: %s", r->name, err.line,
		    err.text);
	if (!json_is_array(a->doc))
		return error("%s: a JSON array of tasks, please", r->name);
	return 0;
}

static int
array_read(struct reader *r, struct record *rec)
{
	struct array_doc	*a = r->priv;
	json_t			*item;

	if (a->next == json_array_size(a->doc))
		return 0;
	item = json_array_get(a->doc, a->next++);
	rec->line = a->next;
	if (!json_is_object(item))
		return error("%s:%lu: an item must be an object", r->name,
		    rec->line);
	return record_from_object(r, item, rec) == -1 ? -1 : 1;
}

static void
array_close(struct reader *r)
{
	struct array_doc	*a = r->priv;

	if (a != NULL)
		json_decref(a->doc);
	free(a);
	r->priv = NULL;
}

static int
array_write_begin(struct writer *w)
{
	return fputs("[", w->f) == EOF ? -1 : 0;
}

static int
array_write(struct writer *w, const struct out_task *t)
{
	struct buf	b = BUF_INIT;
	int		rc;

	fputs(w->ntasks > 0 ? ",\n  " : "\n  ", w->f);
	out_task_write(&b, t);
	rc = fputs(buf_str(&b), w->f) == EOF ? -1 : 0;
	buf_release(&b);
	return rc;
}

static int
array_write_end(struct writer *w)
{
	if (w->failed)
		return 0;
	return fputs(w->ntasks > 0 ? "\n]\n" : "]\n", w->f) == EOF ? -1 : 0;
}

static const struct format format_array = {
	.name = "array",
	.extensions = ".json",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_PREDICTIONS | FORMAT_ANNOTATIONS,
	.open = array_open,
	.read = array_read,
	.close = array_close,
	.write_begin = array_write_begin,
	.write = array_write,
	.write_end = array_write_end,
};

START_TEST(test_whole_document)
{
	struct out_task	 t[2] = {
		{ .id = 1, .ext_id = "a", .kind = "text", .text = "one",
		    .meta = "{\"k\":1}" },
		{ .id = 2, .kind = "image", .image = "/i/b.png", .width = 4,
		    .height = 3, .annotations = test_anns, .nannotations = 1 },
	};
	struct reader	 r;
	struct record	 rec;
	char		*s = write_tasks(&format_array, t, 2, NULL);
	FILE		*f;

	ck_assert_str_eq(s, "[\n"
	    "  {\"task\": 1, \"id\": \"a\", \"text\": \"one\", \"meta\": "
	    "{\"k\": 1}, \"predictions\": [], \"annotations\": []},\n"
	    "  {\"task\": 2, \"image\": \"/i/b.png\", \"width\": 4, "
	    "\"height\": 3, \"meta\": {}, \"predictions\": [], "
	    "\"annotations\": [{\"user\": \"alice\", \"state\": "
	    "\"submitted\", \"result\": {\"label\": [\"pos\"], \"note\": "
	    "\"a, \\\"b\\\"\"}, \"lead_time\": 2.5, \"late\": true, "
	    "\"from_prediction\": false, \"created_at\": "
	    "\"2025-01-01T00:00:00Z\", \"updated_at\": "
	    "\"2025-01-01T00:01:00Z\"}]}\n"
	    "]\n");
	/* What it wrote reads back, through the same frame as JSONL. */
	f = mem(s, strlen(s));
	ck_assert_int_eq(reader_open(&r, &format_array, f, "a.json"), 0);
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_str_eq(rec.ext_id, "a");
	ck_assert_str_eq(rec.text, "one");
	ck_assert_int_eq(reader_next(&r, &rec), 1);
	ck_assert_uint_eq(rec.line, 2);
	ck_assert_str_eq(rec.image, "/i/b.png");
	ck_assert_int_eq(rec.width, 4);
	ck_assert_uint_eq(json_array_size(rec.annotations), 1);
	ck_assert_int_eq(reader_next(&r, &rec), 0);
	reader_close(&r);
	fclose(f);
	free(s);

	/* No tasks: a closed, empty array, which reads as empty. */
	s = write_tasks(&format_array, t, 0, NULL);
	ck_assert_str_eq(s, "[]\n");
	ck_assert_str_eq(first_error(&format_array, s, strlen(s)),
	    "in: empty: there are no tasks in it");
	free(s);
	ck_assert_str_eq(FIRST_ERROR(&format_array, "[{\"text\": \"a\"}, 3]"),
	    "in:2: an item must be an object");
	ck_assert_str_eq(FIRST_ERROR(&format_array, "{}"),
	    "in: a JSON array of tasks, please");
	ck_assert_str_eq(FIRST_ERROR(&format_array, "[{\"text\": 1}]"),
	    "in:1: \"text\" must be a string, not a number");
}
END_TEST

START_TEST(test_failed_write_end)
{
	struct out_task	 t = { .id = 1, .kind = "text", .text = "x" };
	struct writer	 w;
	struct sink	*sink;
	char		*s = NULL;
	size_t		 len = 0;
	FILE		*f = open_memstream(&s, &len);

	/* An export that fails is not closed: write_end only frees. */
	sink = sink_open_stream(f, "mem");
	ck_assert_int_eq(writer_begin(&w, &format_array, NULL, sink), 0);
	ck_assert_int_eq(writer_write(&w, &t), 0);
	ck_assert_int_eq(writer_end(&w, 0), -1);
	sink_abort(sink);
	fclose(f);
	ck_assert_str_eq(s, "[\n  {\"task\": 1, \"text\": \"x\", \"meta\": "
	    "{}, \"predictions\": [], \"annotations\": []}");
	free(s);
}
END_TEST

/*
 * A folder format of the test's own: one file per task, named by its id,
 * holding its text, and at the end an index of how many there are.
 */
static int
perfile_write(struct writer *w, const struct out_task *t)
{
	char	 name[64];
	FILE	*f;

	snprintf(name, sizeof name, "tasks/%lld.txt", (long long)t->id);
	if ((f = sink_file(w->sink, name)) == NULL)
		return -1;
	fprintf(f, "%s\n", t->text);
	return 0;
}

static int
perfile_write_end(struct writer *w)
{
	FILE	*f;

	if (w->failed || (f = sink_file(w->sink, "index.txt")) == NULL)
		return w->failed ? 0 : -1;
	fprintf(f, "%lu tasks\n", w->ntasks);
	return 0;
}

static const struct format format_perfile = {
	.name = "perfile",
	.extensions = "",
	.flags = FORMAT_WRITES | FORMAT_FOLDER | FORMAT_TEXT,
	.write = perfile_write,
	.write_end = perfile_write_end,
};

/* The contents of a file, in a static buffer. */
static const char *
slurp(const char *path)
{
	static char	 buf[256];
	FILE		*f = fopen(path, "r");
	size_t		 n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_folder_writer)
{
	struct out_task	 t[2] = {
		{ .id = 7, .kind = "text", .text = "seven" },
		{ .id = 9, .kind = "text", .text = "nine" },
	};
	struct writer	 w;
	struct sink	*sink;
	char		 dir[] = "/tmp/scalec-formats.XXXXXX", *out, *path;
	size_t		 i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	out = xasprintf("%s/out", dir);
	sink = sink_open_dir(out, 0);
	ck_assert_ptr_nonnull(sink);
	ck_assert_int_eq(writer_begin(&w, &format_perfile, NULL, sink), 0);
	ck_assert_ptr_null(w.f);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(writer_write(&w, &t[i]), 0);
	ck_assert_int_eq(writer_end(&w, 1), 0);
	ck_assert_int_eq(sink_commit(sink), 0);
	path = xasprintf("%s/tasks/7.txt", out);
	ck_assert_str_eq(slurp(path), "seven\n");
	free(path);
	path = xasprintf("%s/tasks/9.txt", out);
	ck_assert_str_eq(slurp(path), "nine\n");
	free(path);
	path = xasprintf("%s/index.txt", out);
	ck_assert_str_eq(slurp(path), "2 tasks\n");
	free(path);

	/* A folder format needs a folder, a stream format a stream. */
	sink = sink_open_stdout();
	ck_assert_int_eq(writer_begin(&w, &format_perfile, NULL, sink), -1);
	ck_assert_str_eq(last_error, "stdout: perfile writes a folder");
	sink_abort(sink);
	sink = sink_open_dir(out, 0);
	ck_assert_int_eq(writer_begin(&w, &format_jsonl, NULL, sink), -1);
	ck_assert_ptr_nonnull(strstr(last_error, "/out: jsonl writes one"
	    " file"));
	sink_abort(sink);
	/* txt is read only. */
	sink = sink_open_stdout();
	ck_assert_int_eq(writer_begin(&w, &format_txt, NULL, sink), -1);
	ck_assert_str_eq(last_error, "txt is not a format scalec writes");
	sink_abort(sink);

	path = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
	free(path);
	free(out);
}
END_TEST

/* image_strtod is strtod, to the bit and to the end it stops at: the fast
 * way's digits over a power of ten, and what it leaves to strtod. */
START_TEST(test_image_strtod)
{
	static const char *const cases[] = { "0", "1", "-0", "+1.5", "0.5",
	    "0.123457", "0.866667", "1.", ".5", "-.25", "123456789012345678",
	    "1234567890123456789", "12345678901234567890", "9007199254740993",
	    "0.1234567890123456789", "1e-05", "1E3", "0x10", "-0x1p3", "inf",
	    "nan", " 1", "", "-", ".", "+.", "3.14abc", "1.5 2", "2,5",
	    "0.30000000000000004", "4.35", "100.000001", NULL };
	char		*e1, *e2, s[64];
	double		 a, b;
	unsigned	 seed = 7;
	size_t		 i;
	int		 k;

	for (i = 0; cases[i] != NULL; i++) {
		a = strtod(cases[i], &e1);
		b = image_strtod(cases[i], &e2);
		ck_assert_msg(memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b),
		    "%s: %.17g, strtod %.17g", cases[i], b, a);
		ck_assert_msg(e1 == e2, "%s: ends at %td, strtod at %td",
		    cases[i], e2 - cases[i], e1 - cases[i]);
	}
	/* Fractions as another tool writes them, every precision. */
	for (k = 0; k < 200000; k++) {
		seed = seed * 1103515245u + 12345u;
		snprintf(s, sizeof s, "%.*f", (int)(seed >> 28) + 1,
		    (double)(seed >> 8) / (1 << 24) * ((seed & 3) ? 1 : 1000));
		a = strtod(s, &e1);
		b = image_strtod(s, &e2);
		ck_assert_msg(memcmp(&a, &b, sizeof a) == 0 && e1 == e2, "%s", s);
	}
}
END_TEST

static Suite *
formats_suite(void)
{
	Suite	*s = suite_create("formats");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, errors_keep, errors_drop);
	tcase_add_test(tc, test_linereader_lines);
	tcase_add_test(tc, test_linereader_bom);
	tcase_add_test(tc, test_linereader_long_lines);
	tcase_add_test(tc, test_linereader_limit);
	tcase_add_test(tc, test_find_guess);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_pixels);
	tcase_add_test(tc, test_jsonl_read);
	tcase_add_test(tc, test_jsonl_errors);
	tcase_add_test(tc, test_csv_read);
	tcase_add_test(tc, test_tsv_and_images);
	tcase_add_test(tc, test_csv_errors);
	tcase_add_test(tc, test_txt_read);
	tcase_add_test(tc, test_jsonl_write_reads_back);
	tcase_add_test(tc, test_task_and_priority_keys);
	tcase_add_test(tc, test_csv_write);
	tcase_add_test(tc, test_csv_task_layout);
	tcase_add_test(tc, test_csv_cells);
	tcase_add_test(tc, test_writer_answer);
	tcase_add_test(tc, test_writer_answer_fast);
	tcase_add_test(tc, test_writer_answer_fast_boxes);
	tcase_add_test(tc, test_whole_document);
	tcase_add_test(tc, test_failed_write_end);
	tcase_add_test(tc, test_folder_writer);
	tcase_add_test(tc, test_image_strtod);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(formats_suite());
}
