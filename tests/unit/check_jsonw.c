/* Unit tests for util/jsonw: what it writes is byte for byte what
 * jansson's json_dumps writes (JSON_REAL_PRECISION(15)) for the same
 * value: stored texts of every shape, hand-picked and random, strings,
 * and reals. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/jsonw.h"

#include "runner.h"

#define FLAGS	(JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))

/* What the export wrote before jsonw: the stored text loaded and dumped
 * by jansson, or the text as a string when it is not JSON. NULL when
 * jansson cannot write it at all (a string that is not UTF-8). */
static char *
jansson_way(const char *s)
{
	json_t	*j;
	char	*out;

	if ((j = json_loads(s, JSON_DECODE_ANY, NULL)) == NULL &&
	    (j = json_string(s)) == NULL)
		return NULL;
	out = json_dumps(j, FLAGS);
	json_decref(j);
	return out;
}

static void
check_stored(const char *s)
{
	struct buf	 b = BUF_INIT;
	char		*want = jansson_way(s);

	buf_addstr(&b, "x");	/* jw_stored appends */
	jw_stored(&b, s);
	if (want != NULL)
		ck_assert_msg(strcmp(buf_str(&b) + 1, want) == 0,
		    "stored %s: wrote %s, jansson %s", s, buf_str(&b) + 1,
		    want);
	else {
		json_t *j = json_loads(buf_str(&b) + 1, JSON_DECODE_ANY, NULL);

		ck_assert_msg(j != NULL, "stored %s: wrote %s, not JSON", s,
		    buf_str(&b) + 1);
		json_decref(j);
	}
	free(want);
	buf_release(&b);
}

START_TEST(test_stored_shapes)
{
	static const char *const cases[] = {
		"{}", "[]", "[{}]", "{\"a\":[]}", "{\"a\":{}}",
		"{\"source\":\"news\",\"n\":1,\"lang\":\"en\"}",
		"[1,2,[3,[4,{\"k\":null}]],true,false]",
		"0.1", "0.10000000000000001", "100.0", "1e20", "1E+20",
		"1.5e-7", "-2.5", "1e308", "123456789.123456789",
		"-0.0", "-0", "0", "-1", "9223372036854775807",
		"99999999999999999999", "1e400",
		"\"a\\\"b\\\\c\\nd\\te\\r\\b\\f\"", "\"\\u0001\\u001F\"",
		"\"\\u001f\"", "\"\\/\"", "\"\\u00e9\"", "\"\\u0000\"",
		"\"\\uD83D\\uDE00\"", "\"東京 café 😀 \xe2\x80\xae\"",
		"\"\xff\xfe\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
		" {}", "{ }", "{\"a\": 1}", "[1, 2]", "{\"a\":1,}",
		"[1,]", "{\"a\"}", "{\"a\":}", "{\"a\":1", "[", "]", "",
		"nul", "true", "null", "tru", "garbage", "01", "1.",
		".5", "1e", "--1", "\"unterminated", "{\"a\":1}x",
		"\"tab\there\"",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
		"[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
		"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_stored(cases[i]);
	/* The one difference, which no text jansson stored can have: a
	 * key twice is relayed as it is (jansson would keep the last). */
	jw_stored(&b, "{\"a\":1,\"a\":2}");
	ck_assert_str_eq(buf_str(&b), "{\"a\": 1, \"a\": 2}");
	buf_release(&b);
}
END_TEST

/* A random value of depth at most d. */
static json_t *
random_value(int d)
{
	static const unsigned cps[] = { 'a', 'Z', ' ', '"', '\\', '/', 0x1,
	    0x1f, '\n', '\t', 0x7f, 0x85, 0xe9, 0x202e, 0x6771, 0x1f600 };
	json_t	*j;
	char	 s[64];
	int	 i, n;
	size_t	 len;

	switch (rand() % (d > 0 ? 7 : 5)) {
	case 0:
		return json_integer((json_int_t)rand() - RAND_MAX / 2);
	case 1:
		return json_real(((double)rand() - RAND_MAX / 2) /
		    ((rand() % 7) + 1) * (rand() % 2 ? 1e-9 : 1e9));
	case 2:
		return rand() % 2 ? json_true() : json_null();
	case 3:
		return json_real((double)(rand() % 1000) / 10);
	case 4:
		len = 0;
		n = rand() % 8;
		for (i = 0; i < n; i++) {
			unsigned cp = cps[rand() % (sizeof cps / sizeof
			    cps[0])];

			if (cp < 0x80)
				s[len++] = (char)cp;
			else if (cp < 0x800) {
				s[len++] = (char)(0xc0 | cp >> 6);
				s[len++] = (char)(0x80 | (cp & 0x3f));
			} else if (cp < 0x10000) {
				s[len++] = (char)(0xe0 | cp >> 12);
				s[len++] = (char)(0x80 | ((cp >> 6) & 0x3f));
				s[len++] = (char)(0x80 | (cp & 0x3f));
			} else {
				s[len++] = (char)(0xf0 | cp >> 18);
				s[len++] = (char)(0x80 | ((cp >> 12) & 0x3f));
				s[len++] = (char)(0x80 | ((cp >> 6) & 0x3f));
				s[len++] = (char)(0x80 | (cp & 0x3f));
			}
		}
		s[len] = '\0';
		return json_string(s);
	case 5:
		j = json_array();
		n = rand() % 4;
		for (i = 0; i < n; i++)
			json_array_append_new(j, random_value(d - 1));
		return j;
	default:
		j = json_object();
		n = rand() % 4;
		for (i = 0; i < n; i++) {
			snprintf(s, sizeof s, "k%d\n\"", rand() % 10);
			json_object_set_new(j, s, random_value(d - 1));
		}
		return j;
	}
}

START_TEST(test_stored_random)
{
	int	 i;
	json_t	*j;
	char	*stored;

	srand(7);
	for (i = 0; i < 5000; i++) {
		j = random_value(4);
		/* As the import stores it. */
		stored = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		check_stored(stored);
		free(stored);
		json_decref(j);
	}
}
END_TEST

START_TEST(test_string_and_real)
{
	static const char *const strings[] = { "", "plain", "q\"b\\s",
	    "\x01\x1f\x7f", "\r\n\t\b\f", "東京 😀 e\xcc\x81",
	    "\xe2\x80\xae" "rtl" };
	static const double reals[] = { 0, 0.1, 1, 100, 1e15, 1e16, 1e21,
	    1e-5, 1e-7, -3.25, 123456.789, 2.5e-300, 1.7976931348623157e308 };
	struct buf	 b = BUF_INIT;
	json_t		*j;
	char		*want;
	size_t		 i;

	for (i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		buf_reset(&b);
		jw_string(&b, strings[i]);
		j = json_string(strings[i]);
		want = json_dumps(j, FLAGS);
		ck_assert_str_eq(buf_str(&b), want);
		free(want);
		json_decref(j);
	}
	for (i = 0; i < sizeof reals / sizeof reals[0]; i++) {
		buf_reset(&b);
		jw_real(&b, reals[i]);
		j = json_real(reals[i]);
		want = json_dumps(j, FLAGS);
		ck_assert_str_eq(buf_str(&b), want);
		free(want);
		json_decref(j);
	}
	/* Not UTF-8 (jansson refuses it): U+FFFD, and JSON still. */
	buf_reset(&b);
	jw_string(&b, "a\xff" "b");
	ck_assert_str_eq(buf_str(&b), "\"a\xef\xbf\xbd" "b\"");
	buf_release(&b);
}
END_TEST

/* jw_compact, jw_value_len and jw_unstring on jansson's own text of
 * random values: its compact layout, the whole length, the string. */
START_TEST(test_compact_random)
{
	struct buf	 b = BUF_INIT;
	json_t		*j;
	char		*text, *want;
	size_t		 len;
	int		 i;

	srand(11);
	for (i = 0; i < 5000; i++) {
		j = random_value(4);
		text = json_dumps(j, FLAGS);
		want = json_dumps(j, FLAGS | JSON_COMPACT);
		len = strlen(text);
		buf_reset(&b);
		jw_compact(&b, text, len);
		ck_assert_str_eq(buf_str(&b), want);
		ck_assert_uint_eq(jw_value_len(text, len), len);
		if (json_is_string(j)) {
			buf_reset(&b);
			ck_assert_int_eq(jw_unstring(&b, text, len), 0);
			ck_assert_str_eq(buf_str(&b), json_string_value(j));
		}
		free(text);
		free(want);
		json_decref(j);
	}
	/* Escapes jansson reads that it would not write. */
	buf_reset(&b);
	ck_assert_int_eq(jw_unstring(&b, "\"\\/\\u00e9\\ud83d\\ude00\"", 22),
	    0);
	ck_assert_str_eq(buf_str(&b), "/\xc3\xa9\xf0\x9f\x98\x80");
	buf_reset(&b);
	ck_assert_int_eq(jw_unstring(&b, "\"\\ud83d\"", 8), -1);
	ck_assert_int_eq(jw_unstring(&b, "\"\\q\"", 4), -1);
	buf_release(&b);
}
END_TEST

/* jw_tree_compact against json_dumps(JSON_COMPACT), the import's stored
 * form: random trees, boxes with reals, deep nesting, what jansson must
 * write itself (a NUL inside a string, a bare value). */
START_TEST(test_tree_compact)
{
	static const double reals[] = { 0.1, 94.000038000000004, 1e-7, 1e21,
	    -3.25, 50.0, 1.7976931348623157e308, 2.5e-300, 123456.789 };
	struct buf	 b = BUF_INIT;
	json_t		*j, *deep;
	char		*want;
	size_t		 i;
	int		 k;

	srand(13);
	for (k = 0; k < 5000; k++) {
		j = random_value(4);
		if (!json_is_object(j) && !json_is_array(j))
			j = json_pack("{s:o}", "v", j);
		want = json_dumps(j, JSON_COMPACT);
		buf_reset(&b);
		jw_tree_compact(&b, j);
		ck_assert_str_eq(buf_str(&b), want);
		free(want);
		json_decref(j);
	}
	j = json_array();
	for (i = 0; i < sizeof reals / sizeof reals[0]; i++)
		json_array_append_new(j, json_pack("{s:f, s:i, s:s}", "x",
		    reals[i], "w", (int)i, "label", "sq\"are\n"));
	json_array_append_new(j, json_stringn("a\0b", 3));
	deep = json_pack("{s:o}", "boxes", j);
	for (k = 0; k < 100; k++)
		deep = json_pack("[o]", deep);
	want = json_dumps(deep, JSON_COMPACT);
	buf_reset(&b);
	buf_addstr(&b, "x");	/* appended to what is there */
	jw_tree_compact(&b, deep);
	ck_assert_str_eq(buf_str(&b) + 1, want);
	free(want);
	json_decref(deep);
	/* Reals of every size around printf's "%.17g" fast path (1e-4 to
	 * 1e15): pixels to a millionth, halves, powers of ten and their
	 * neighbours, random bits. */
	for (k = 0; k < 20000; k++) {
		double	r = (double)rand() / RAND_MAX, v;

		switch (k % 5) {
		case 0:
			v = nearbyint(r * 4e9) / 1e6;
			break;
		case 1:
			v = pow(10, (k / 5) % 24 - 6);
			v = k % 3 == 0 ? nextafter(v, 0) : k % 3 == 1 ? v :
			    nextafter(v, 1e300);
			break;
		case 2:
			v = (double)(rand() % 100000) + 0.5;
			break;
		case 3:
			v = pow(10, r * 24 - 6);
			break;
		default:
			v = (r - 0.5) * pow(10, rand() % 20 - 4);
			break;
		}
		if (k % 7 == 0)
			v = -v;
		j = json_pack("[f]", v);
		want = json_dumps(j, JSON_COMPACT);
		buf_reset(&b);
		jw_tree_compact(&b, j);
		ck_assert_msg(strcmp(buf_str(&b), want) == 0, "%.17g: wrote"
		    " %s, jansson %s", v, buf_str(&b), want);
		free(want);
		json_decref(j);
	}
	/* Not a container: what json_dumps writes without JSON_ENCODE_ANY,
	 * nothing. */
	buf_reset(&b);
	j = json_integer(5);
	jw_tree_compact(&b, j);
	ck_assert_str_eq(buf_str(&b), "");
	json_decref(j);
	buf_release(&b);
}
END_TEST

static Suite *
jsonw_suite(void)
{
	Suite	*s = suite_create("jsonw");
	TCase	*tc = tcase_create("jsonw");

	tcase_add_test(tc, test_stored_shapes);
	tcase_add_test(tc, test_stored_random);
	tcase_add_test(tc, test_string_and_real);
	tcase_add_test(tc, test_compact_random);
	tcase_add_test(tc, test_tree_compact);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(jsonw_suite());
}
