/* Unit tests for model/yaml: loading one document (parser problems with
 * their positions, the reader's offset made a line and column, a BOM, a
 * second document), aliases, each typed reader's refusals at the node
 * they refuse, and the mapping and list walks. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/yaml.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#include "capture.h"
#include "runner.h"

static struct ydoc	y = YDOC_INIT;

static void
setup(void)
{
	capture_start();
}

static void
teardown(void)
{
	ydoc_release(&y);
	capture_stop();
}

/* Loads text as t.yaml: its root, NULL for an empty document. */
static const yaml_node_t *
load(const char *text)
{
	const yaml_node_t	*root;

	ydoc_release(&y);
	ck_assert_int_eq(ydoc_load(&y, text, strlen(text), "t.yaml", &root),
	    0);
	return root;
}

/* Asserts text (len bytes) does not load, with exactly msg. */
static void
load_refused(const char *text, size_t len, const char *msg)
{
	const yaml_node_t	*root;

	ydoc_release(&y);
	ck_assert_int_eq(ydoc_load(&y, text, len, "t.yaml", &root), -1);
	ck_assert_ptr_null(root);
	ck_assert_str_eq(captured, msg);
}

#define refused(text, msg)	load_refused(text, strlen(text), msg)

/* The value of key in a loaded mapping (the walk's own lookup aside). */
static const yaml_node_t *
value_of(const yaml_node_t *map, const char *key)
{
	const yaml_node_pair_t	*p;
	const yaml_node_t	*k;

	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&y.doc, p->key);
		if (strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&y.doc, p->value);
	}
	ck_abort_msg("no key %s", key);
	return NULL;
}

START_TEST(test_load)
{
	const yaml_node_t	*root;

	ck_assert_ptr_null(load(""));
	ck_assert_ptr_null(load("# only a comment\n"));
	ck_assert_int_eq(captured_count, 0);
	root = load("a: 1\n");
	ck_assert_int_eq(root->type, YAML_MAPPING_NODE);
	/* the end of a document is not a second one */
	ck_assert_ptr_nonnull(load("a: 1\n...\n"));
	/* released twice, or never loaded: nothing happens */
	ydoc_release(&y);
	ydoc_release(&y);
}
END_TEST

START_TEST(test_load_problems)
{
	/* a parser problem with its context */
	refused("a: [b\n", "t.yaml:2:1: did not find expected ',' or ']'"
	    " while parsing a flow sequence (at 1:4)");
	refused("a: {b: c\n", "t.yaml:2:1: did not find expected ',' or '}'"
	    " while parsing a flow mapping (at 1:4)");
	/* and one without */
	refused("a: b\n  c: d\n", "t.yaml:2:4: mapping values are not allowed"
	    " in this context");
	refused("a: 'b\n", "t.yaml:2:1: found unexpected end of stream while"
	    " scanning a quoted scalar (at 1:4)");
	refused("a: *nowhere\n", "t.yaml:1:4: an alias (*nowhere): anchors"
	    " and aliases are not supported, write the value out");
	ck_assert_int_eq(captured_count, 5);
}
END_TEST

/* The reader gives only a byte offset: it is counted out into a line and a
 * column of characters, as an editor shows them. */
START_TEST(test_load_reader_offset)
{
	refused("\xff\n", "t.yaml:1:1: invalid leading UTF-8 octet (byte"
	    " 0xFF)");
	refused("a: b\nc: d\xfe\n", "t.yaml:2:5: invalid leading UTF-8 octet"
	    " (byte 0xFE)");
	/* é and 語 count one column each, as libyaml counts its marks */
	refused("a: \xc3\xa9\xe8\xaa\x9e\xff\n", "t.yaml:1:6: invalid leading"
	    " UTF-8 octet (byte 0xFF)");
	refused("a: b\x01\n", "t.yaml:1:5: control characters are not allowed"
	    " (byte 0x01)");
	/* a problem without a byte */
	refused("a: \xc3", "t.yaml:1:4: incomplete UTF-8 octet sequence");
	load_refused("a: b\0c\n", 7, "t.yaml:1:5: control characters are not"
	    " allowed (byte 0x00)");
}
END_TEST

/* A byte-order mark is dropped: what follows keeps the columns an editor
 * shows, and the indentation under it reads right. */
START_TEST(test_load_bom)
{
	const yaml_node_t	*root;

	root = load("\xef\xbb\xbf" "a: 1\nb:\n  - x\n");
	ck_assert_int_eq(root->type, YAML_MAPPING_NODE);
	ck_assert_int_eq(value_of(root, "b")->type, YAML_SEQUENCE_NODE);
	ck_assert_int_eq(ydoc_bad(&y, value_of(root, "a"), "here"), -1);
	ck_assert_str_eq(captured, "t.yaml:1:4: here");
	refused("\xef\xbb\xbf\xff", "t.yaml:1:1: invalid leading UTF-8 octet"
	    " (byte 0xFF)");
	refused("\xef\xbb\xbf" "a: [b\n", "t.yaml:2:1: did not find expected"
	    " ',' or ']' while parsing a flow sequence (at 1:4)");
	ck_assert_ptr_null(load("\xef\xbb\xbf"));
}
END_TEST

START_TEST(test_load_two_documents)
{
	refused("a: 1\n---\nb: 2\n", "t.yaml:3:1: a second YAML document"
	    " (---): a config is one document");
	refused("--- a\n--- b\n", "t.yaml:2:5: a second YAML document (---):"
	    " a config is one document");
	/* a problem in the second is reported as such */
	refused("a: 1\n---\n[\n", "t.yaml:4:1: did not find expected node"
	    " content while parsing a flow node (at 4:1)");
	/* "---" with nothing under it is a document all the same */
	refused("a: 1\n---\n", "t.yaml:3:1: a second YAML document (---): a"
	    " config is one document");
	refused("---\n---\nb: 2\n", "t.yaml:3:1: a second YAML document"
	    " (---): a config is one document");
}
END_TEST

static int
read_item(struct ydoc *yd, const yaml_node_t *v, void *arg)
{
	const char	*s;

	++*(int *)arg;
	return ydoc_scalar(yd, v, "an item", &s);
}

#define ANCHORS	"anchors and aliases are not supported, write the" \
			" value out"

/* Anchors, aliases and tags are refused before the loader runs, at their
 * position, whether a reader would reach them or not. */
START_TEST(test_alias)
{
	refused("a: &x 1\nb: *x\n", "t.yaml:1:4: an anchor (&x): "
	    ANCHORS);
	refused("[&x a, *x]\n", "t.yaml:1:2: an anchor (&x): " ANCHORS);
	/* an anchor alone is refused too: the docs say so */
	refused("a: &x 1\nb: 2\n", "t.yaml:1:4: an anchor (&x): " ANCHORS);
	refused("a: [&x {b: c}]\n", "t.yaml:1:5: an anchor (&x): "
	    ANCHORS);
	refused("a: !!python/object:os.system x\n", "t.yaml:1:4: a tag"
	    " (tag:yaml.org,2002:python/object:os.system): every value is"
	    " read as text, write it without one");
	refused("a: !!str x\n", "t.yaml:1:4: a tag (tag:yaml.org,2002:str):"
	    " every value is read as text, write it without one");
	refused("a: !local {b: c}\n", "t.yaml:1:4: a tag (!local): every"
	    " value is read as text, write it without one");
	ck_assert_int_eq(captured_count, 7);
}
END_TEST

/* Nesting is counted from the parse events, before libyaml's loader,
 * whose time grows with the square of the depth: 100,000 brackets are
 * refused at once, at the first bracket too deep. */
START_TEST(test_depth)
{
	struct buf	 b = BUF_INIT;
	const yaml_node_t *root;
	clock_t		 t0;
	int		 i;

	for (i = 0; i < YDOC_MAX_DEPTH; i++)
		buf_addch(&b, '[');
	for (i = 0; i < YDOC_MAX_DEPTH; i++)
		buf_addch(&b, ']');
	ck_assert_int_eq(ydoc_load(&y, b.data, b.len, "t.yaml", &root), 0);
	ck_assert_ptr_nonnull(root);
	ydoc_release(&y);
	buf_reset(&b);
	buf_addstr(&b, "a: ");
	for (i = 0; i < 100000; i++)
		buf_addch(&b, '[');
	for (i = 0; i < 100000; i++)
		buf_addch(&b, ']');
	t0 = clock();
	ck_assert_int_eq(ydoc_load(&y, b.data, b.len, "t.yaml", &root), -1);
	ck_assert_msg(clock() - t0 < CLOCKS_PER_SEC, "took %ld clocks",
	    (long)(clock() - t0));
	ck_assert_str_eq(captured, "t.yaml:1:67: nested more than 64 deep: a"
	    " config is a few levels of mappings and lists");
	ydoc_release(&y);
	buf_release(&b);
}
END_TEST

START_TEST(test_scalar)
{
	const yaml_node_t	*root;
	const char		*s;
	char			*dup = xstrdup("old");

	root = load("a: text\nb: [1]\nc: {d: e}\nd: \"x\\0y\"\ne:\n");
	ck_assert_int_eq(ydoc_scalar(&y, value_of(root, "a"), "a", &s), 0);
	ck_assert_str_eq(s, "text");
	ck_assert_int_eq(ydoc_scalar_dup(&y, value_of(root, "a"), "a", &dup),
	    0);
	ck_assert_str_eq(dup, "text");
	ck_assert_int_eq(ydoc_scalar(&y, value_of(root, "e"), "e", &s), 0);
	ck_assert_str_eq(s, "");
	ck_assert_int_eq(ydoc_scalar(&y, value_of(root, "b"), "b", &s), -1);
	ck_assert_str_eq(captured, "t.yaml:2:4: b must be text, not a list");
	ck_assert_int_eq(ydoc_scalar(&y, value_of(root, "c"), "c", &s), -1);
	ck_assert_str_eq(captured, "t.yaml:3:4: c must be text, not a"
	    " mapping");
	ck_assert_int_eq(ydoc_scalar_dup(&y, value_of(root, "d"), "the d",
	    &dup), -1);
	ck_assert_str_eq(captured, "t.yaml:4:4: the d holds a NUL character");
	ck_assert_str_eq(dup, "text");	/* left as it was */
	free(dup);
}
END_TEST

START_TEST(test_boolean)
{
	static const char *const yes[] = { "true", "yes", "on", "TRUE", "Yes",
	    "oN" };
	static const char *const no[] = { "false", "no", "off", "FALSE", "No",
	    "OFF" };
	const yaml_node_t	*root;
	char			*text;
	size_t			 i;
	int			 v;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		text = xasprintf("[%s, %s]", yes[i], no[i]);
		root = load(text);
		v = 0;
		ck_assert_int_eq(ydoc_boolean(&y, yaml_document_get_node(&y.doc,
		    root->data.sequence.items.start[0]), "b", &v), 0);
		ck_assert_int_eq(v, 1);
		ck_assert_int_eq(ydoc_boolean(&y, yaml_document_get_node(&y.doc,
		    root->data.sequence.items.start[1]), "b", &v), 0);
		ck_assert_int_eq(v, 0);
		free(text);
	}
	root = load("a: maybe\nb: 1\nc: [true]\n");
	v = 7;
	ck_assert_int_eq(ydoc_boolean(&y, value_of(root, "a"), "wrap", &v), -1);
	ck_assert_str_eq(captured, "t.yaml:1:4: wrap must be true or false,"
	    " not \"maybe\"");
	ck_assert_int_eq(ydoc_boolean(&y, value_of(root, "b"), "wrap", &v), -1);
	ck_assert_str_eq(captured, "t.yaml:2:4: wrap must be true or false,"
	    " not \"1\"");
	ck_assert_int_eq(ydoc_boolean(&y, value_of(root, "c"), "wrap", &v), -1);
	ck_assert_str_eq(captured, "t.yaml:3:4: wrap must be text, not a"
	    " list");
	ck_assert_int_eq(v, 7);
}
END_TEST

START_TEST(test_number)
{
	static const struct {
		const char	*text;
		int		 ok, v;
	} t[] = {
		{ "1", 1, 1 }, { "10", 1, 10 }, { "007", 1, 7 },
		{ "0", 0, 0 }, { "11", 0, 0 }, { "", 0, 0 }, { "-1", 0, 0 },
		{ "+1", 0, 0 }, { "1.0", 0, 0 }, { "1e1", 0, 0 },
		{ "0x1", 0, 0 }, { "99999999999999999999", 0, 0 },
	};
	const yaml_node_t	*root;
	char			*text, *msg;
	size_t			 i;
	int			 v;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		text = xasprintf("n: '%s'\n", t[i].text);
		root = load(text);
		v = -5;
		ck_assert_int_eq(ydoc_number(&y, value_of(root, "n"), "max", 1,
		    10, &v), t[i].ok ? 0 : -1);
		if (t[i].ok)
			ck_assert_int_eq(v, t[i].v);
		else {
			ck_assert_int_eq(v, -5);
			msg = xasprintf("t.yaml:1:4: max must be a whole number"
			    " from 1 to 10, not \"%s\"", t[i].text);
			ck_assert_str_eq(captured, msg);
			free(msg);
		}
		free(text);
	}
	root = load("n: {a: 1}\n");
	ck_assert_int_eq(ydoc_number(&y, value_of(root, "n"), "max", 1, 10,
	    &v), -1);
	ck_assert_str_eq(captured, "t.yaml:1:4: max must be text, not a"
	    " mapping");
}
END_TEST

/* The fields a walk saw: their indexes in order, and the unknown keys. */
struct seen {
	int	idx[8];
	int	n;
	char	unknown[64];
	int	stop_at;	/* the field (or unknown key) whose callback
				 * fails; -1 for none */
};

static int
note_field(struct ydoc *yd, int idx, const yaml_node_t *v, void *arg)
{
	struct seen	*s = arg;

	(void)yd;
	(void)v;
	s->idx[s->n] = idx;
	return s->n++ == s->stop_at ? -1 : 0;
}

static int
note_unknown(struct ydoc *yd, const yaml_node_t *k, const char *name,
    void *arg)
{
	struct seen	*s = arg;

	ydoc_warn(yd, k, "passing over '%s'", name);
	strcat(s->unknown, name);
	strcat(s->unknown, ";");
	s->idx[s->n] = -1;
	return s->n++ == s->stop_at ? -1 : 0;
}

static const char *const known[] = { "name", "kind", "colour" };

/* Walks the mapping in text as "a thing" of the known keys, into a fresh
 * s whose callback number stop_at fails (-1: none); unknown as
 * ydoc_mapping takes it. */
static int
walk(const char *text, ydoc_unknown_fn unknown, int stop_at, struct seen *s)
{
	memset(s, 0, sizeof *s);
	s->stop_at = stop_at;
	return ydoc_mapping(&y, load(text), "a thing", known,
	    ARRAY_SIZE(known), note_field, unknown, s);
}

START_TEST(test_mapping)
{
	struct seen	s;

	ck_assert_int_eq(walk("kind: a\nname: b\n", NULL, -1, &s), 0);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.idx[0], 1);
	ck_assert_int_eq(s.idx[1], 0);
	ck_assert_int_eq(captured_count, 0);
	ck_assert_int_eq(walk("{}", NULL, -1, &s), 0);
	ck_assert_int_eq(s.n, 0);
	/* a field's callback stops the walk */
	ck_assert_int_eq(walk("kind: a\nname: b\n", NULL, 0, &s), -1);
	ck_assert_int_eq(s.n, 1);

	ck_assert_int_eq(walk("x", NULL, -1, &s), -1);
	ck_assert_str_eq(captured, "t.yaml:1:1: a thing must be a mapping"
	    " (key: value), not text");
	ck_assert_int_eq(walk("\n- x", NULL, -1, &s), -1);
	ck_assert_str_eq(captured, "t.yaml:2:1: a thing must be a mapping"
	    " (key: value), not a list");
}
END_TEST

START_TEST(test_mapping_keys)
{
	struct seen	s;

	ck_assert_int_eq(walk("name: a\nsize: 2\n", NULL, -1, &s), -1);
	ck_assert_str_eq(captured, "t.yaml:2:1: unknown key \"size\" in a"
	    " thing (known: name, kind, colour)");
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(ydoc_mapping(&y, load("{name: a, color: red}"),
	    "a label", known, ARRAY_SIZE(known), note_field, NULL, &s), -1);
	ck_assert_str_eq(captured, "t.yaml:1:11: unknown key \"color\" in a"
	    " label; it is spelt \"colour\" (known: name, kind, colour)");
	ck_assert_int_eq(walk("name: a\nkind: b\nname: c\n", NULL, -1, &s),
	    -1);
	ck_assert_str_eq(captured, "t.yaml:3:1: \"name\" is given twice in a"
	    " thing");
	ck_assert_int_eq(walk("[a]: 1\n", NULL, -1, &s), -1);
	ck_assert_str_eq(captured, "t.yaml:1:1: a key must be text, not a"
	    " list");
}
END_TEST

/* With a callback for them, unknown keys are its to judge. */
START_TEST(test_mapping_unknown)
{
	struct seen	s;

	ck_assert_int_eq(walk("size: 1\nname: a\n  # x\nwidth: [2]\n",
	    note_unknown, -1, &s), 0);
	ck_assert_int_eq(s.n, 3);
	ck_assert_int_eq(s.idx[0], -1);
	ck_assert_int_eq(s.idx[1], 0);
	ck_assert_int_eq(s.idx[2], -1);
	ck_assert_str_eq(s.unknown, "size;width;");
	ck_assert_int_eq(captured_count, 2);
	ck_assert_str_eq(captured, "warning: t.yaml:4:1: passing over"
	    " 'width'");
	/* a repeated key is refused all the same */
	ck_assert_int_eq(walk("name: a\nname: b\n", note_unknown, -1, &s),
	    -1);
	ck_assert_str_eq(captured, "t.yaml:2:1: \"name\" is given twice in a"
	    " thing");
	/* and the callback may stop the walk */
	ck_assert_int_eq(walk("size: 1\nname: a\n", note_unknown, 0, &s), -1);
	ck_assert_int_eq(s.n, 1);
}
END_TEST

START_TEST(test_sequence)
{
	int	n = 0;

	ck_assert_int_eq(ydoc_sequence(&y, load("[a, b, c]"), "items",
	    read_item, &n), 0);
	ck_assert_int_eq(n, 3);
	n = 0;
	ck_assert_int_eq(ydoc_sequence(&y, load("- a\n- [b]\n- c\n"), "items",
	    read_item, &n), -1);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(captured, "t.yaml:2:3: an item must be text, not a"
	    " list");
	ck_assert_int_eq(ydoc_sequence(&y, load("a"), "items", read_item, &n),
	    -1);
	ck_assert_str_eq(captured, "t.yaml:1:1: items must be a list (- item),"
	    " not text");
	ck_assert_int_eq(ydoc_sequence(&y, load("a: b"), "items", read_item,
	    &n), -1);
	ck_assert_str_eq(captured, "t.yaml:1:1: items must be a list (- item),"
	    " not a mapping");
	n = 0;
	ck_assert_int_eq(ydoc_sequence(&y, load("[]"), "items", read_item,
	    &n), 0);
	ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_report)
{
	const yaml_node_t	*root = load("a:\n  b: c\n");
	const yaml_node_t	*b = value_of(value_of(root, "a"), "b");

	ck_assert_int_eq(ydoc_bad(&y, b, "%s and %d", "text", 2), -1);
	ck_assert_str_eq(captured, "t.yaml:2:6: text and 2");
	ydoc_warn(&y, b, "careful");
	ck_assert_str_eq(captured, "warning: t.yaml:2:6: careful");
}
END_TEST

static Suite *
yaml_suite(void)
{
	Suite	*s = suite_create("yaml");
	TCase	*tc = tcase_create("yaml");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_load_problems);
	tcase_add_test(tc, test_load_reader_offset);
	tcase_add_test(tc, test_load_bom);
	tcase_add_test(tc, test_load_two_documents);
	tcase_add_test(tc, test_alias);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_scalar);
	tcase_add_test(tc, test_boolean);
	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_mapping);
	tcase_add_test(tc, test_mapping_keys);
	tcase_add_test(tc, test_mapping_unknown);
	tcase_add_test(tc, test_sequence);
	tcase_add_test(tc, test_report);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(yaml_suite());
}
