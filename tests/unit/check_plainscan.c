/* Unit tests for the plain lines' scanner (formats/plainscan.c): what it
 * takes it reads as jansson would (the text unescaped, the id with its
 * JSON type, meta byte for byte as json_dumps(JSON_COMPACT) writes it:
 * reals, -0.0, big whole numbers, \u escapes, '/', control characters),
 * what it must leave to jansson (duplicate keys, -0, numbers past a long
 * long, lone surrogates, \u0000, invalid UTF-8, other keys), and that an
 * import's reader (parse_ahead, a regular file or a pipe) gives the same
 * records and the same errors as the tree. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "formats/format.h"
#include "formats/plainscan.h"
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
}

/* jansson's meta of line, dumped as the store does; NULL for none. */
static char *
tree_meta(const char *line)
{
	json_t	*o = json_loads(line, JSON_REJECT_DUPLICATES, NULL), *m;
	char	*s;

	ck_assert_ptr_nonnull(o);
	m = json_object_get(o, "meta");
	s = json_is_object(m) ? json_dumps(m, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

/* Scans line, which it must take, and checks meta against want and
 * against jansson's own dump. */
static void
taken(const char *line, const char *want_meta, struct plain *p,
    struct buf *b)
{
	char	*tree;

	ck_assert_msg(plain_scan(line, strlen(line), p, b) == 1, "%s", line);
	tree = tree_meta(line);
	if (want_meta == NULL) {
		ck_assert_int_eq(p->has_meta, 0);
		ck_assert_ptr_null(tree);
	} else {
		ck_assert_int_eq(p->has_meta, 1);
		ck_assert_str_eq(b->data + p->meta, want_meta);
		ck_assert_str_eq(tree, want_meta);
	}
	free(tree);
}

START_TEST(test_taken)
{
	struct buf	b = BUF_INIT;
	struct plain	p;

	taken("{\"id\": \"t1\", \"text\": \"caf\xc3\xa9 \xe6\x9d\xb1\","
	    " \"meta\": {\"source\": \"news\", \"n\": 1}}",
	    "{\"source\":\"news\",\"n\":1}", &p, &b);
	ck_assert_str_eq(b.data + p.text, "caf\xc3\xa9 \xe6\x9d\xb1");
	ck_assert_uint_eq(p.text_len, 9);
	ck_assert_int_eq(p.id_kind, PLAIN_ID_STRING);
	ck_assert_str_eq(b.data + p.id, "t1");
	ck_assert_int_eq(p.has_priority, 0);

	/* Escapes in the text, unescaped; a surrogate pair is one code
	 * point; the id a number, the priority kept. */
	taken(" { \"text\" : \"a\\nb\\\"c\\\\d\\/e\\u00e9\\ud83d\\ude00\\t\" ,"
	    "\"id\":5,\"priority\":-3 } \r", NULL, &p, &b);
	ck_assert_str_eq(b.data + p.text,
	    "a\nb\"c\\d/e\xc3\xa9\xf0\x9f\x98\x80\t");
	ck_assert_int_eq(p.id_kind, PLAIN_ID_INT);
	ck_assert_str_eq(b.data + p.id, "5");
	ck_assert_int_eq(p.has_priority, 1);
	ck_assert_int_eq(p.priority, -3);

	/* "5" stays a string. */
	taken("{\"text\":\"x\",\"id\":\"5\"}", NULL, &p, &b);
	ck_assert_int_eq(p.id_kind, PLAIN_ID_STRING);
	ck_assert_str_eq(b.data + p.id, "5");

	/* Reals as jansson writes them. */
	taken("{\"text\":\"x\",\"meta\":{\"a\":1e5,\"b\":1.0,\"c\":-0.0,"
	    "\"d\":1E-7,\"e\":2.5,\"f\":0.1,\"g\":12e300,\"h\":1e-400,"
	    "\"i\":123456789012345678,\"j\":-12}}",
	    "{\"a\":100000.0,\"b\":1.0,\"c\":-0.0,\"d\":9.9999999999999995e-8,"
	    "\"e\":2.5,\"f\":0.10000000000000001,\"g\":1.2000000000000001e301,\"h\":0.0,"
	    "\"i\":123456789012345678,\"j\":-12}", &p, &b);

	/* Strings in meta: an escaped '/' and non-ASCII raw, '"', '\\'
	 * and control characters escaped, the others as \u%04X; keys
	 * unescaped alike; nesting, literals, empty containers. */
	taken("{\"text\":\"x\",\"meta\":{\"u\":\"\\u00e9\\/\\u2028\\u007f\","
	    "\"k\\u00e9y\":[1,{\"b\":\"\\u0001\\u001f\\b\\f\\n\\r\\t\\\"\\\\\"}],"
	    "\"l\":[true,false,null],\"e\":{},\"a\":[],\"\":0}}",
	    "{\"u\":\"\xc3\xa9/\xe2\x80\xa8\x7f\",\"k\xc3\xa9y\":[1,{\"b\":"
	    "\"\\u0001\\u001F\\b\\f\\n\\r\\t\\\"\\\\\"}],\"l\":[true,false,null],"
	    "\"e\":{},\"a\":[],\"\":0}", &p, &b);

	/* null is none. */
	taken("{\"text\":\"\",\"meta\":null,\"id\":null,\"priority\":null}",
	    NULL, &p, &b);
	ck_assert_int_eq(p.id_kind, PLAIN_ID_NONE);
	ck_assert_int_eq(p.has_priority, 0);
	ck_assert_uint_eq(p.text_len, 0);
	buf_release(&b);
}
END_TEST

START_TEST(test_left)
{
	static const char	*const lines[] = {
		"{\"text\":\"x\",\"text\":\"y\"}",		/* twice */
		"{\"text\":\"x\",\"meta\":{\"a\":1,\"a\":2}}",
		"{\"text\":\"x\",\"meta\":{\"a\":1,\"\\u0061\":2}}",
		"{\"text\":\"x\",\"meta\":{\"a\":-0}}",		/* jansson: 0 */
		"{\"text\":\"x\",\"meta\":{\"a\":1234567890123456789}}",
		"{\"text\":\"x\",\"id\":9999999999999999992}",	/* past a long */
		"{\"text\":\"x\",\"meta\":{\"a\":-99999999999999999999}}",
		"{\"text\":\"x\",\"meta\":{\"a\":01}}",
		"{\"text\":\"x\",\"meta\":{\"a\":1.}}",
		"{\"text\":\"x\",\"meta\":{\"a\":1e999}}",	/* overflow */
		"{\"text\":\"\\ud800\"}",			/* lone half */
		"{\"text\":\"\\udc00\"}",
		"{\"text\":\"\\ud800\\u0041\"}",
		"{\"text\":\"a\\u0000b\"}",			/* NUL */
		"{\"text\":\"\xc3\"}",				/* UTF-8 */
		"{\"text\":\"\xed\xa0\x80\"}",			/* surrogate */
		"{\"text\":\"\xc0\xaf\"}",			/* overlong */
		"{\"text\":\"a\tb\"}",				/* control */
		"{\"text\":\"x\\q\"}",
		"{\"text\":\"x\",\"lang\":\"fr\"}",		/* another key */
		"{\"te\\u0078t\":\"x\"}",			/* escaped key */
		"{\"text\":\"x\"} x",				/* after it */
		"{\"text\":\"x\",}",
		"{\"text\":\"x\",\"id\":\"\"}",			/* empty id */
		"{\"text\":\"x\",\"id\":5.0}",
		"{\"text\":\"x\",\"id\":true}",
		"{\"text\":\"x\",\"priority\":1000000001}",
		"{\"text\":\"x\",\"priority\":1.5}",
		"{\"text\":\"x\",\"meta\":[]}",
		"{\"text\":5}",
		"{\"id\":\"x\"}",				/* no text */
		"[{\"text\":\"x\"}]",
		"\xef\xbb\xbf{\"text\":\"x\"}",
		"{\"text\":\"x\",\"meta\":{\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}}",
		"{\"text\":\"x\",\"meta\":{\"a\":tru}}",
		"{\"text\":\"x\"",
		"",
	};
	struct buf	b = BUF_INIT;
	struct plain	p;
	size_t		i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
		ck_assert_msg(plain_scan(lines[i], strlen(lines[i]), &p, &b) ==
		    0, "taken: %s", lines[i]);
	buf_release(&b);
}
END_TEST

/* Every record of doc read as an import reads it (parse_ahead), from a
 * regular file (the thread) or a pipe (no thread), and without, as
 * "text|id|meta|priority" lines; the error last. */
static void
read_all(const char *doc, int ahead, int pipe_it, struct buf *out)
{
	struct reader_opts	 o;
	struct reader		 r;
	struct record		 rec;
	FILE			*f;
	char			*meta;
	int			 fds[2], rc;

	memset(&o, 0, sizeof o);
	o.parse_ahead = ahead;
	if (pipe_it) {
		ck_assert_int_eq(pipe(fds), 0);
		ck_assert_int_eq(write(fds[1], doc, strlen(doc)),
		    (ssize_t)strlen(doc));
		close(fds[1]);
		f = fdopen(fds[0], "r");
	} else {
		f = tmpfile();
		fputs(doc, f);
		rewind(f);
	}
	ck_assert_ptr_nonnull(f);
	buf_reset(out);
	ck_assert_int_eq(reader_open_opts(&r, &format_jsonl, f, "in.jsonl",
	    &o), 0);
	last_error[0] = '\0';
	while ((rc = reader_next(&r, &rec)) == 1) {
		meta = rec.meta != NULL ? json_dumps(rec.meta, JSON_COMPACT) :
		    NULL;
		buf_printf(out, "%lu:%s|%s|%s|%s%lld\n", rec.line, rec.text,
		    rec.ext_id != NULL ? rec.ext_id : "-", rec.meta_json != NULL ?
		    rec.meta_json : meta != NULL ? meta : "{}",
		    rec.has_priority ? "" : "-", (long long)rec.priority);
		free(meta);
	}
	buf_printf(out, "rc %d: %s\n", rc, last_error);
	reader_close(&r);
	fclose(f);
}

START_TEST(test_reader_same)
{
	static const char	*const docs[] = {
		"{\"id\": \"t1\", \"text\": \"a\", \"meta\": {\"n\": 1.5}}\n"
		"{\"id\": 7, \"text\": \"b\", \"priority\": 3}\n"
		"\n"
		"{\"id\": \"7\", \"text\": \"c\", \"lang\": \"fr\"}\n"
		"{\"id\": \"\\\"q\\\"\", \"text\": \"d\\u00e9\"}\n"
		"{\"text\": \"e\", \"meta\": {}}\n",
		/* The errors: the tree's, at their line. */
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"text\": \"b\"}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"meta\": {\"k\": 1,"
		" \"k\": 2}}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\\ud800\"}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\\u0000\"}\n",
		"{\"text\": \"a\"}\n{\"text\": \"\xff\"}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"id\": \"\"}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"priority\": 2000000000}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"meta\": {\"n\": 1e999}}\n",
		"{\"text\": \"a\"}\n{\"text\": \"a\", \"label\": [[0, 1, \"X\"]]}\n",
	};
	struct buf	tree = BUF_INIT, scanned = BUF_INIT, piped = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		read_all(docs[i], 0, 0, &tree);
		read_all(docs[i], 1, 0, &scanned);
		read_all(docs[i], 1, 1, &piped);
		ck_assert_str_eq(buf_str(&scanned), buf_str(&tree));
		ck_assert_str_eq(buf_str(&piped), buf_str(&tree));
		if (i > 0)	/* the second line's error */
			ck_assert_msg(strstr(buf_str(&tree),
			    "rc -1: in.jsonl:2: ") != NULL, "%s",
			    buf_str(&tree));
	}
	read_all(docs[0], 1, 0, &scanned);
	ck_assert_str_eq(buf_str(&scanned),
	    "1:a|t1|{\"n\":1.5}|-0\n"
	    "2:b|7|{}|3\n"
	    "4:c|\"7\"|{\"lang\":\"fr\"}|-0\n"
	    "5:d\xc3\xa9|\"\\\"q\\\"\"|{}|-0\n"
	    "6:e|-|{}|-0\n"
	    "rc 0: \n");
	buf_release(&tree);
	buf_release(&scanned);
	buf_release(&piped);
}
END_TEST

static Suite *
plainscan_suite(void)
{
	Suite	*s = suite_create("plainscan");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_taken);
	tcase_add_test(tc, test_left);
	tcase_add_test(tc, test_reader_same);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(plainscan_suite());
}
