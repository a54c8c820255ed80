/* Unit tests for the JSON splitter (formats/jsonsplit.c): the pieces of a
 * top-level array and of a top-level object's members, brackets and
 * commas inside strings, escapes, pieces that cross the reader's chunks,
 * the places it gives (line, column, offset, and a json_loadb error's
 * place in the file), and every refusal of the frame at FILE:LINE. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/jsonsplit.h"

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
}

/* Splits doc and writes each piece as "member#index=bytes\n" (a whole
 * member's value "member=bytes", an array element "#index=bytes") into
 * out. The last jsonsplit_next's result. */
static int
split_all(const char *doc, size_t len, size_t max, char *out, size_t outlen)
{
	struct jsonsplit	js;
	struct jsonsplit_item	it;
	FILE			*f = fmemopen((void *)doc, len, "r");
	size_t			 n = 0;
	int			 rc;

	ck_assert_ptr_nonnull(f);
	jsonsplit_init(&js, f, "in.json");
	if (max)
		js.max = max;
	out[0] = '\0';
	while ((rc = jsonsplit_next(&js, &it)) == 1) {
		if (it.whole)
			n += (size_t)snprintf(out + n, outlen - n, "%s=",
			    it.member);
		else
			n += (size_t)snprintf(out + n, outlen - n, "%s#%zu=",
			    it.member ? it.member : "", it.index);
		n += (size_t)snprintf(out + n, outlen - n, "%.*s\n",
		    (int)it.len, it.bytes);
		ck_assert_uint_lt(n, outlen);
	}
	jsonsplit_release(&js);
	fclose(f);
	return rc;
}

static int
split_str(const char *doc, char *out, size_t outlen)
{
	return split_all(doc, strlen(doc), 0, out, outlen);
}

START_TEST(test_array)
{
	char	out[512];

	ck_assert_int_eq(split_str(" [ {\"a\": [1, 2]} ,\n\"x]\" , 3.5e2,"
	    "true ,null,[[]], {\"s\": \"}\\\"{,\"} ]\n", out, sizeof out), 0);
	ck_assert_str_eq(out, "#0={\"a\": [1, 2]}\n#1=\"x]\"\n#2=3.5e2\n"
	    "#3=true\n#4=null\n#5=[[]]\n#6={\"s\": \"}\\\"{,\"}\n");
	ck_assert_int_eq(split_str("[]", out, sizeof out), 0);
	ck_assert_str_eq(out, "");
	/* A byte order mark is not data. */
	ck_assert_int_eq(split_str("\xef\xbb\xbf[1]", out, sizeof out), 0);
	ck_assert_str_eq(out, "#0=1\n");
	/* An escaped backslash ends before the quote. */
	ck_assert_int_eq(split_str("[\"a\\\\\", \"b\"]", out, sizeof out), 0);
	ck_assert_str_eq(out, "#0=\"a\\\\\"\n#1=\"b\"\n");
}
END_TEST

START_TEST(test_object)
{
	char	out[512];

	ck_assert_int_eq(split_str("{\"info\": {\"v\": [1]}, \"images\": "
	    "[{\"id\": 1}, {\"id\": 2}], \"e\": [], \"n\": 5, "
	    "\"a\\u00e9\": [\"]\"]}", out, sizeof out), 0);
	ck_assert_str_eq(out, "info={\"v\": [1]}\nimages#0={\"id\": 1}\n"
	    "images#1={\"id\": 2}\nn=5\na\xc3\xa9#0=\"]\"\n");
	ck_assert_int_eq(split_str("{}", out, sizeof out), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

/* Pieces that cross the 64 KiB chunks and make the buffer grow. */
START_TEST(test_chunks)
{
	struct jsonsplit	js;
	struct jsonsplit_item	it;
	size_t			 big = 300000, n = 0, i, len;
	char			*doc = malloc(big + 64), *p = doc;
	FILE			*f;

	ck_assert_ptr_nonnull(doc);
	p += sprintf(p, "[");
	for (i = 0; i < 1000; i++)
		p += sprintf(p, "%s{\"i\": %zu}", i ? "," : "", i);
	p += sprintf(p, ",\"");
	memset(p, 'x', big - (size_t)(p - doc));
	p = doc + big;
	p += sprintf(p, "\"]");
	len = (size_t)(p - doc);
	f = fmemopen(doc, len, "r");
	jsonsplit_init(&js, f, "big.json");
	while (jsonsplit_next(&js, &it) == 1) {
		if (n < 1000) {
			json_t	*j = json_loadb(it.bytes, it.len, 0, NULL);

			ck_assert_ptr_nonnull(j);
			ck_assert_int_eq(json_integer_value(json_object_get(j,
			    "i")), (json_int_t)n);
			json_decref(j);
		} else
			ck_assert_uint_eq(it.len, big - (it.offset - 0) + 1);
		n++;
	}
	ck_assert_uint_eq(n, 1001);
	ck_assert_uint_eq(jsonsplit_pos(&js), len);
	jsonsplit_release(&js);
	fclose(f);
	free(doc);
}
END_TEST

START_TEST(test_places)
{
	const char		*doc = "[\n  {\"a\": 1},\r\n\t{\"b\":\n   x}]";
	struct jsonsplit	 js;
	struct jsonsplit_item	 it;
	json_error_t		 err;
	unsigned long		 line, col;
	FILE			*f = fmemopen((void *)doc, strlen(doc), "r");

	jsonsplit_init(&js, f, "p.json");
	ck_assert_int_eq(jsonsplit_next(&js, &it), 1);
	ck_assert_uint_eq(it.line, 2);
	ck_assert_uint_eq(it.col, 3);
	ck_assert_uint_eq(it.offset, 4);
	ck_assert_int_eq(jsonsplit_next(&js, &it), 1);
	ck_assert_uint_eq(it.line, 3);
	ck_assert_uint_eq(it.col, 2);
	ck_assert_ptr_null(json_loadb(it.bytes, it.len, 0, &err));
	jsonsplit_place(&it, err.line, err.column, &line, &col);
	ck_assert_uint_eq(line, 4);
	ck_assert_uint_eq(col, 4);
	ck_assert_int_eq(jsonsplit_next(&js, &it), 0);
	ck_assert_int_eq(jsonsplit_next(&js, &it), 0);
	jsonsplit_release(&js);
	fclose(f);
}
END_TEST

static const struct refusal {
	const char	*doc;
	const char	*msg;
} refusals[] = {
	{ "", "in.json: the file is empty, not a JSON array or object" },
	{ "  \n", "in.json: the file is empty, not a JSON array or object" },
	{ "5", "in.json:1: the file is not a JSON array or object: it"
	    " begins at column 1" },
	{ "\"[\"", "in.json:1: the file is not a JSON array or object: it"
	    " begins at column 1" },
	{ "[1 2]", "in.json:1: '2' where ',' or ']' should come at column 4" },
	{ "[1,]", "in.json:1: ']' where a value should come at column 4" },
	{ "[1,,2]", "in.json:1: ',' where a value should come at column 4" },
	{ "[,1]", "in.json:1: ',' where a value should come at column 2" },
	{ "[1", "in.json:1: the file ends where ',' or ']' should come at"
	    " column 3" },
	{ "[", "in.json:1: the file ends where a value or ']' should come at"
	    " column 2" },
	{ "[\n{\"a\": \"]}", "in.json:2: the file ends inside the value that"
	    " begins here at column 1" },
	{ "[{\"a\": [1}", "in.json:1: the file ends inside the value that"
	    " begins here at column 2" },
	{ "[1]]", "in.json:1: text after the end of the document at"
	    " column 4" },
	{ "[1] x", "in.json:1: text after the end of the document at"
	    " column 5" },
	{ "{\"a\" 1}", "in.json:1: '1' where ':' should come at column 6" },
	{ "{1: 2}", "in.json:1: '1' where a member name or '}' should come"
	    " at column 2" },
	{ "{\"a\": 1 \"b\": 2}", "in.json:1: '\"' where ',' or '}' should"
	    " come at column 9" },
	{ "{\"a\": 1,}", "in.json:1: '}' where a member name should come at"
	    " column 9" },
	{ "{\"a\":", "in.json:1: the file ends where a value should come at"
	    " column 6" },
	{ "{\"a\\x\": 1}", "in.json:1: a member name that is not a valid JSON"
	    " string at column 2" },
	{ "{\"a\": [1] ", "in.json:1: the file ends where ',' or '}' should"
	    " come at column 11" },
	{ "\x01", "in.json:1: the file is not a JSON array or object: it"
	    " begins at column 1" },
	{ "[1 \x01]", "in.json:1: byte 0x01 where ',' or ']' should come"
	    " at column 4" },
};

START_TEST(test_refusals)
{
	const struct refusal	*t = &refusals[_i];
	char			 out[512];

	last_error[0] = '\0';
	ck_assert_int_eq(split_str(t->doc, out, sizeof out), -1);
	ck_assert_str_eq(last_error, t->msg);
}
END_TEST

/* A piece over the limit is refused before it is all read. */
START_TEST(test_limit)
{
	char	out[512];

	ck_assert_int_eq(split_all("[\"abcdefgh\", 1]", 15, 10, out,
	    sizeof out), 0);
	ck_assert_int_eq(split_all("[\"abcdefghi\", 1]", 16, 10, out,
	    sizeof out), -1);
	ck_assert_str_eq(last_error, "in.json:1: the value that begins at"
	    " column 2 is longer than the limit of 10 bytes");
	ck_assert_int_eq(split_all("[123456789012]", 14, 10, out,
	    sizeof out), -1);
	ck_assert_str_eq(last_error, "in.json:1: the value that begins at"
	    " column 2 is longer than the limit of 10 bytes");
}
END_TEST

static Suite *
jsonsplit_suite(void)
{
	Suite	*s = suite_create("jsonsplit");
	TCase	*tc = tcase_create("split");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_array);
	tcase_add_test(tc, test_object);
	tcase_add_test(tc, test_chunks);
	tcase_add_test(tc, test_places);
	tcase_add_loop_test(tc, test_refusals, 0,
	    (int)(sizeof refusals / sizeof refusals[0]));
	tcase_add_test(tc, test_limit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(jsonsplit_suite());
}
