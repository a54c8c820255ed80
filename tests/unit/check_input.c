/* Unit tests for util/input: files and standard input (a file and a pipe),
 * the size limit, directories, the text checks with their positions, BOM
 * and CRLF, and input_position beside the columns jansson and libyaml
 * report. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <yaml.h>

#include "util/buf.h"
#include "util/input.h"
#include "util/xmalloc.h"

#include "capture.h"
#include "runner.h"

static char	dir[64];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/scalec-input.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	capture_start();
}

static void
teardown(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	capture_stop();
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* Writes len bytes of s to the file name in the test's directory; returns
 * its path, for the caller to free. */
static char *
write_file(const char *name, const char *s, size_t len)
{
	char	*path = xasprintf("%s/%s", dir, name);
	FILE	*f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

/* Reads the file that holds len bytes of s with flags: 0, or -1 with the
 * message in captured, the path in it made NAME. */
static int
read_as(const char *s, size_t len, size_t max, int flags, struct buf *out)
{
	char		*path = write_file("in", s, len), msg[1024];
	const char	*name = NULL;
	int		 rc;

	rc = input_read(path, max, flags, out, &name);
	ck_assert_str_eq(name, path);
	if (rc == -1) {
		ck_assert_uint_eq(out->len, 0);
		ck_assert_int_eq(strncmp(captured, path, strlen(path)), 0);
		snprintf(msg, sizeof msg, "NAME%s", captured + strlen(path));
		snprintf(captured, sizeof captured, "%s", msg);
	}
	free(path);
	return rc;
}

struct refusal {
	const char	*s;
	size_t		 len;
	size_t		 max;
	int		 flags;
	const char	*msg;		/* NAME for the path */
};

static void
check_refusals(const struct refusal *r, size_t n)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < n; i++) {
		ck_assert_msg(read_as(r[i].s, r[i].len, r[i].max, r[i].flags,
		    &b) == -1, "case %zu taken", i);
		ck_assert_str_eq(captured, r[i].msg);
	}
	buf_release(&b);
}

START_TEST(test_input_file)
{
	struct buf	 b = BUF_INIT;
	char		*path, *want;
	const char	*name;

	ck_assert_int_eq(read_as("a\nb\n", 4, 100, 0, &b), 0);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_str_eq(b.data, "a\nb\n");
	/* Empty is fine, and out->data is still a string. */
	ck_assert_int_eq(read_as("", 0, 100, INPUT_TEXT, &b), 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	/* Without INPUT_TEXT any bytes are read as they are. */
	ck_assert_int_eq(read_as("\0\xff\r\n", 4, 100, 0, &b), 0);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_int_eq(memcmp(b.data, "\0\xff\r\n", 4), 0);
	/* What out held before is replaced. */
	buf_addstr(&b, "old");
	ck_assert_int_eq(read_as("new", 3, 100, 0, &b), 0);
	ck_assert_str_eq(b.data, "new");

	path = xasprintf("%s/missing", dir);
	ck_assert_int_eq(input_read(path, 100, 0, &b, &name), -1);
	ck_assert_str_eq(name, path);
	want = xasprintf("%s: No such file or directory", path);
	ck_assert_str_eq(captured, want);
	ck_assert_uint_eq(b.len, 0);
	free(want);
	free(path);

	ck_assert_int_eq(input_read(dir, 100, 0, &b, NULL), -1);
	want = xasprintf("%s: is a directory", dir);
	ck_assert_str_eq(captured, want);
	free(want);
	buf_release(&b);
}
END_TEST

START_TEST(test_input_limit)
{
	static const char		big[1536 * 1024 + 1];
	static const struct refusal	r[] = {
		{ "0123456789", 10, 9, 0, "NAME: larger than 9 bytes" },
		{ "0123456789", 10, 0, 0, "NAME: larger than 0 bytes" },
		{ big, 4097, 4096, 0, "NAME: larger than 4 KiB" },
		{ big, 1024 * 1024 + 1, 1024 * 1024, 0,
		    "NAME: larger than 1 MiB" },
		{ big, 1536 * 1024 + 1, 1536 * 1024, 0,
		    "NAME: larger than 1536 KiB" },
	};
	struct buf			b = BUF_INIT;

	ck_assert_int_eq(read_as("0123456789", 10, 10, 0, &b), 0);
	ck_assert_int_eq(read_as("", 0, 0, 0, &b), 0);
	ck_assert_int_eq(read_as(big, 1024 * 1024, 1024 * 1024, 0, &b), 0);
	ck_assert_uint_eq(b.len, 1024 * 1024);
	check_refusals(r, ARRAY_SIZE(r));
	buf_release(&b);
}
END_TEST

/* Makes standard input the read end of a pipe holding len bytes of s. */
static void
stdin_pipe(const char *s, size_t len)
{
	int	fd[2];

	ck_assert_int_eq(pipe(fd), 0);
	ck_assert_int_eq(write(fd[1], s, len), (ssize_t)len);
	close(fd[1]);
	ck_assert_int_eq(dup2(fd[0], STDIN_FILENO), STDIN_FILENO);
	close(fd[0]);
	clearerr(stdin);
}

START_TEST(test_input_stdin)
{
	struct buf	 b = BUF_INIT;
	const char	*name = NULL;
	char		*path;

	/* a pipe: the limit is found while reading */
	stdin_pipe("from a pipe\n", 12);
	ck_assert_int_eq(input_read("-", 12, INPUT_TEXT, &b, &name), 0);
	ck_assert_str_eq(name, "stdin");
	ck_assert_str_eq(b.data, "from a pipe\n");
	stdin_pipe("from a pipe\n", 12);
	ck_assert_int_eq(input_read("-", 11, INPUT_TEXT, &b, &name), -1);
	ck_assert_str_eq(captured, "stdin: larger than 11 bytes");
	stdin_pipe("ok\n\xc3", 4);
	ck_assert_int_eq(input_read("-", 100, INPUT_TEXT, &b, NULL), -1);
	ck_assert_str_eq(captured, "stdin:2:1: invalid UTF-8 (byte 0xc3)");

	/* a file; stdin is not closed after */
	path = write_file("in", "from a file", 11);
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_int_eq(input_read("-", 100, 0, &b, NULL), 0);
	ck_assert_str_eq(b.data, "from a file");
	ck_assert_int_ne(fcntl(STDIN_FILENO, F_GETFD), -1);
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	ck_assert_int_eq(input_read("-", 10, 0, &b, NULL), -1);
	ck_assert_str_eq(captured, "stdin: larger than 10 bytes");
	free(path);

	ck_assert_ptr_nonnull(freopen(dir, "r", stdin));
	ck_assert_int_eq(input_read("-", 100, 0, &b, NULL), -1);
	ck_assert_str_eq(captured, "stdin: is a directory");
	buf_release(&b);
}
END_TEST

START_TEST(test_input_text)
{
	static const struct refusal	r[] = {
		/* the column counts characters: c, é, then the bad byte */
		{ "ab\nc\xc3\xa9\xff\n", 8, 100, INPUT_TEXT,
		    "NAME:2:3: invalid UTF-8 (byte 0xff)" },
		{ "\x80", 1, 100, INPUT_TEXT,
		    "NAME:1:1: invalid UTF-8 (byte 0x80)" },
		/* overlong, a surrogate, cut short at the end */
		{ "x\xc0\xaf", 3, 100, INPUT_TEXT,
		    "NAME:1:2: invalid UTF-8 (byte 0xc0)" },
		{ "\n\n\xed\xa0\x80", 5, 100, INPUT_TEXT,
		    "NAME:3:1: invalid UTF-8 (byte 0xed)" },
		{ "abc\xe4\xb8", 5, 100, INPUT_TEXT,
		    "NAME:1:4: invalid UTF-8 (byte 0xe4)" },
		/* a NUL byte, and whichever of the two comes first */
		{ "a\n\t\0b", 5, 100, INPUT_TEXT, "NAME:2:2: a NUL byte" },
		{ "a\0\xff", 3, 100, INPUT_TEXT, "NAME:1:2: a NUL byte" },
		{ "\xff\0", 2, 100, INPUT_TEXT,
		    "NAME:1:1: invalid UTF-8 (byte 0xff)" },
		/* positions count after a dropped BOM, as an editor shows */
		{ "\xef\xbb\xbf\xff", 4, 100, INPUT_TEXT | INPUT_STRIP_BOM,
		    "NAME:1:1: invalid UTF-8 (byte 0xff)" },
		/* the limit is on the bytes read, BOM and CRs included */
		{ "\xef\xbb\xbf\r\n", 5, 4, INPUT_STRIP_BOM | INPUT_CRLF,
		    "NAME: larger than 4 bytes" },
	};
	struct buf			b = BUF_INIT;

	ck_assert_int_eq(read_as("h\xc3\xa9 \xe4\xb8\xad\n", 8, 100, INPUT_TEXT,
	    &b), 0);
	check_refusals(r, ARRAY_SIZE(r));
	buf_release(&b);
}
END_TEST

START_TEST(test_input_bom_crlf)
{
	struct buf	b = BUF_INIT;

	ck_assert_int_eq(read_as("\xef\xbb\xbfhi", 5, 100, INPUT_STRIP_BOM,
	    &b), 0);
	ck_assert_str_eq(b.data, "hi");
	ck_assert_uint_eq(b.len, 2);
	ck_assert_int_eq(read_as("\xef\xbb\xbf", 3, 100, INPUT_STRIP_BOM, &b),
	    0);
	ck_assert_str_eq(b.data, "");
	/* kept without the flag, and anywhere but at the start */
	ck_assert_int_eq(read_as("\xef\xbb\xbfhi", 5, 100, INPUT_TEXT, &b), 0);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_int_eq(read_as("a\xef\xbb\xbf", 4, 100, INPUT_STRIP_BOM, &b),
	    0);
	ck_assert_str_eq(b.data, "a\xef\xbb\xbf");

	ck_assert_int_eq(read_as("a\r\nb\r\n\rc\r", 9, 100, INPUT_CRLF, &b), 0);
	ck_assert_str_eq(b.data, "a\nb\n\rc\r");
	ck_assert_uint_eq(b.len, 7);
	ck_assert_int_eq(read_as("a\r\n", 3, 100, 0, &b), 0);
	ck_assert_str_eq(b.data, "a\r\n");
	ck_assert_int_eq(read_as("\xef\xbb\xbf\r\n\r\r\n", 8, 100,
	    INPUT_TEXT | INPUT_STRIP_BOM | INPUT_CRLF, &b), 0);
	ck_assert_str_eq(b.data, "\n\r\n");
	buf_release(&b);
}
END_TEST

START_TEST(test_input_position)
{
	static const struct {
		const char	*s;
		size_t		 offset;
		unsigned long	 line, column;
	}		cases[] = {
		{ "", 0, 1, 1 },
		{ "", 5, 1, 1 },
		{ "abc", 0, 1, 1 },
		{ "abc", 2, 1, 3 },
		{ "abc", 3, 1, 4 },
		{ "abc", 99, 1, 4 },
		{ "a\nb", 1, 1, 2 },
		{ "a\nb", 2, 2, 1 },
		{ "a\n", 2, 2, 1 },
		{ "\n\n\n", 3, 4, 1 },
		{ "x\r\ny", 3, 2, 1 },
		{ "\tx", 1, 1, 2 },
		/* é is two bytes, 中 three, 😀 four: one column each */
		{ "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80x", 9, 1, 4 },
		{ "a\n\xc3\xa9\xc3\xa9x", 6, 2, 3 },
		/* invalid bytes count one each */
		{ "\xff\xfex", 2, 1, 3 },
		{ "\xe4\xb8x", 2, 1, 3 },
	};
	unsigned long	line, column;
	size_t		i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		input_position(cases[i].s, strlen(cases[i].s), cases[i].offset,
		    &line, &column);
		ck_assert_msg(line == cases[i].line && column == cases[i].column,
		    "case %zu: %lu:%lu, not %lu:%lu", i, line, column,
		    cases[i].line, cases[i].column);
	}
}
END_TEST

/* The same positions as the parsers whose errors name them. */
START_TEST(test_input_position_parsers)
{
	static const char	json[] = "[\"\xc3\xa9\xe4\xb8\xad\",\n \"\xc3\xa9\", x]";
	static const char	yml[] = "\xc3\xa9\xc3\xa9: x\n\xc3\xa9: @\n";
	json_error_t		je;
	yaml_parser_t		yp;
	yaml_document_t		yd;
	unsigned long		line, column;
	size_t			at;

	/* jansson: line and column (1-based) of the last character read,
	 * position the byte offset after it */
	ck_assert_ptr_null(json_loads(json, 0, &je));
	input_position(json, strlen(json), (size_t)je.position - 1, &line,
	    &column);
	ck_assert_int_eq(line, je.line);
	ck_assert_int_eq(column, je.column);
	ck_assert_int_eq(column, 7);

	/* libyaml: a 0-based line and column */
	yaml_parser_initialize(&yp);
	yaml_parser_set_input_string(&yp, (const unsigned char *)yml,
	    strlen(yml));
	ck_assert_int_eq(yaml_parser_load(&yp, &yd), 0);
	at = (size_t)(strchr(yml, '@') - yml);
	input_position(yml, strlen(yml), at, &line, &column);
	ck_assert_uint_eq(line, yp.problem_mark.line + 1);
	ck_assert_uint_eq(column, yp.problem_mark.column + 1);
	ck_assert_uint_eq(column, 4);
	yaml_parser_delete(&yp);
}
END_TEST

static Suite *
input_suite(void)
{
	Suite	*s = suite_create("input");
	TCase	*tc = tcase_create("input");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_input_file);
	tcase_add_test(tc, test_input_limit);
	tcase_add_test(tc, test_input_stdin);
	tcase_add_test(tc, test_input_text);
	tcase_add_test(tc, test_input_bom_crlf);
	tcase_add_test(tc, test_input_position);
	tcase_add_test(tc, test_input_position_parsers);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(input_suite());
}
