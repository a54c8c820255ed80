/* Unit tests for src/model/config: the presets, the parse, every refusal
 * with its FILE:LINE:COLUMN message, keys (defaults, collisions, the keys
 * the screens reserve), the round trip through YAML, and that
 * scalec-config(5) lists every reserved key. */
#include <check.h>
#include <ctype.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/config.h"
#include "tui/keymap.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

#include "runner.h"

/* The last message reported, captured instead of printed. */
static struct buf	last_error = BUF_INIT;

static void
capture(int is_warning, const char *msg)
{
	(void)is_warning;
	buf_reset(&last_error);
	buf_addstr(&last_error, msg);
}

static void
setup(void)
{
	error_set_handler(capture);
	buf_reset(&last_error);
}

static void
teardown(void)
{
	error_set_handler(NULL);
	buf_release(&last_error);
}

static struct config *
parse(const char *text)
{
	return config_parse(text, strlen(text), "cfg.yaml");
}

/* Asserts text is refused with exactly msg: by the parse, or, for a key
 * the labelling screens take, by their check of a config. */
static void
refused(const char *text, const char *msg)
{
	struct config	*cfg = parse(text);
	int		 rc = cfg != NULL ? keymap_check_config(cfg, "cfg.yaml") :
			    -1;

	config_free(cfg);
	if (rc == 0)
		ck_abort_msg("accepted: %s", text);
	ck_assert_str_eq(buf_str(&last_error), msg);
}

START_TEST(test_preset_classification)
{
	struct config	*cfg;

	cfg = config_preset("text-classification", "spam, ham", 0);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->type, "text-classification");
	ck_assert_uint_eq(cfg->ncontrols, 1);
	ck_assert_str_eq(cfg->controls[0].name, "label");
	ck_assert_int_eq(cfg->controls[0].kind, CONTROL_CHOICE);
	ck_assert_uint_eq(cfg->controls[0].nlabels, 2);
	ck_assert_str_eq(cfg->controls[0].labels[0].name, "spam");
	ck_assert_str_eq(cfg->controls[0].labels[1].name, "ham");
	ck_assert_str_eq(cfg->controls[0].labels[0].key, "1");
	ck_assert_str_eq(cfg->controls[0].labels[1].key, "2");
	config_free(cfg);

	cfg = config_preset("image-classification", "cat,dog", 1);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->controls[0].name, "labels");
	ck_assert_int_eq(cfg->controls[0].kind, CONTROL_MULTICHOICE);
	config_free(cfg);
}
END_TEST

START_TEST(test_preset_others)
{
	static const struct {
		const char		*type;
		const char		*control;
		enum control_kind	 kind;
	} t[] = {
		{ "ner", "entities", CONTROL_SPANS },
		{ "object-detection", "boxes", CONTROL_BOXES },
		{ "semantic-segmentation", "regions", CONTROL_POLYGONS },
		{ "sentiment", "sentiment", CONTROL_CHOICE },
	};
	struct config	*cfg;
	size_t		 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		cfg = config_preset(t[i].type, "A,B", 0);
		ck_assert_ptr_nonnull(cfg);
		ck_assert_str_eq(cfg->type, t[i].type);
		ck_assert_str_eq(cfg->controls[0].name, t[i].control);
		ck_assert_int_eq(cfg->controls[0].kind, t[i].kind);
		ck_assert_uint_eq(cfg->controls[0].nlabels, 2);
		config_free(cfg);
	}
	/* sentiment's own labels */
	cfg = config_preset("sentiment", NULL, 0);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(cfg->controls[0].nlabels, 3);
	ck_assert_str_eq(cfg->controls[0].labels[0].name, "positive");
	ck_assert_str_eq(cfg->controls[0].labels[1].name, "neutral");
	ck_assert_str_eq(cfg->controls[0].labels[2].name, "negative");
	ck_assert_str_eq(cfg->controls[0].labels[2].key, "3");
	config_free(cfg);
}
END_TEST

START_TEST(test_preset_refusals)
{
	ck_assert_ptr_null(config_preset("custom", "A", 0));
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error), "--config FILE"));
	ck_assert_ptr_null(config_preset("speech", "A", 0));
	ck_assert_str_eq(buf_str(&last_error), "unknown project type 'speech'"
	    " (one of " PROJECT_TYPE_NAMES ")");
	ck_assert_ptr_null(config_preset("ner", NULL, 0));
	ck_assert_str_eq(buf_str(&last_error), "a ner project needs its"
	    " labels: --labels A,B,C (or --config FILE)");
	ck_assert_ptr_null(config_preset("ner", "A,B", 1));
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error), "--multi"));
	ck_assert_ptr_null(config_preset("ner", "A,,B", 0));
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error), "an empty label"));
	ck_assert_ptr_null(config_preset("ner", "A,B,", 0));
	ck_assert_ptr_null(config_preset("ner", "PER,ORG,PER", 0));
	ck_assert_str_eq(buf_str(&last_error),
	    "--labels: \"PER\" is given twice");
	ck_assert_ptr_null(config_preset("ner", "A,B\x1b[2J", 0));
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error),
	    "holds a control character"));
	ck_assert_ptr_null(config_preset("ner", "A,\xff", 0));
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error), "not valid UTF-8"));
}
END_TEST

START_TEST(test_preset_many_labels)
{
	struct config	*cfg;

	cfg = config_preset("ner", "a,b,c,d,e,f,g,h,i,j,k", 0);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->controls[0].labels[0].key, "1");
	ck_assert_str_eq(cfg->controls[0].labels[8].key, "9");
	/* past nine: no key, the screen offers a picker */
	ck_assert_str_eq(cfg->controls[0].labels[9].key, "");
	ck_assert_str_eq(cfg->controls[0].labels[10].key, "");
	config_free(cfg);
}
END_TEST

static const char full[] =
    "type: custom\n"
    "instructions: |\n"
    "  Read the whole text.\n"
    "  Then label it.\n"
    "overlap: 3\n"
    "settings:\n"
    "  require_enter: yes\n"
    "  consensus_min: 2\n"
    "controls:\n"
    "  - name: topic\n"
    "    kind: multichoice\n"
    "    labels:\n"
    "      - sport\n"
    "      - {name: politics, key: \"1\", colour: RED,"
    " description: elections and laws}\n"
    "      - {name: weather, colour: \"#A0b0C0\"}\n"
    "      - {name: old, key: z, retired: true}\n"
    "  - name: entities\n"
    "    kind: spans\n"
    "    labels: [PER, ORG, {name: LOC, key: g}]\n"
    "  - name: quality\n"
    "    kind: rating\n"
    "  - name: stars\n"
    "    kind: rating\n"
    "    max: 10\n"
    "  - name: comment\n"
    "    kind: text\n"
    "  - {name: car.boxes, kind: boxes, labels: [car]}\n"
    "  - {name: areas, kind: polygons, labels: [road], retired: true}\n"
    "  - {name: pick, kind: choice, labels: [yes, no]}\n";

START_TEST(test_parse_full)
{
	struct config		*cfg = parse(full);
	const struct control	*c;
	const struct label	*l;

	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->type, "custom");
	ck_assert_str_eq(cfg->instructions,
	    "Read the whole text.\nThen label it.\n");
	ck_assert_int_eq(cfg->overlap, 3);
	ck_assert_int_eq(cfg->require_enter, 1);
	ck_assert_int_eq(cfg->consensus_min, 2);
	ck_assert_uint_eq(cfg->ncontrols, 8);

	c = config_control(cfg, "topic");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->kind, CONTROL_MULTICHOICE);
	ck_assert_uint_eq(c->nlabels, 4);
	/* politics names 1, so sport takes 2 and weather 3 */
	ck_assert_str_eq(control_label(c, "sport")->key, "2");
	l = control_label(c, "politics");
	ck_assert_str_eq(l->key, "1");
	ck_assert_str_eq(l->colour, "red");
	ck_assert_str_eq(l->description, "elections and laws");
	l = control_label(c, "weather");
	ck_assert_str_eq(l->key, "3");
	ck_assert_str_eq(l->colour, "#a0b0c0");
	l = control_label(c, "old");
	ck_assert_int_eq(l->retired, 1);
	ck_assert_str_eq(l->key, "");	/* a retired label has no key */
	ck_assert_ptr_null(control_label(c, "nope"));

	c = config_control(cfg, "entities");
	ck_assert_int_eq(c->kind, CONTROL_SPANS);
	ck_assert_str_eq(control_label(c, "PER")->key, "1");
	ck_assert_str_eq(control_label(c, "ORG")->key, "2");
	ck_assert_str_eq(control_label(c, "LOC")->key, "g");

	c = config_control(cfg, "quality");
	ck_assert_int_eq(c->kind, CONTROL_RATING);
	ck_assert_int_eq(c->max, 5);
	ck_assert_int_eq(config_control(cfg, "stars")->max, 10);
	ck_assert_int_eq(config_control(cfg, "comment")->kind, CONTROL_TEXT);
	ck_assert_uint_eq(config_control(cfg, "comment")->nlabels, 0);
	ck_assert_int_eq(config_control(cfg, "car.boxes")->kind,
	    CONTROL_BOXES);
	ck_assert_int_eq(config_control(cfg, "areas")->retired, 1);
	/* scalars are text: "yes" is a label, not a boolean */
	ck_assert_ptr_nonnull(control_label(config_control(cfg, "pick"),
	    "yes"));
	ck_assert_ptr_null(config_control(cfg, "nope"));
	config_free(cfg);
}
END_TEST

START_TEST(test_parse_minimal)
{
	struct config	*cfg;

	cfg = parse("controls: [{name: c, kind: text}]");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->type, "");
	ck_assert_str_eq(cfg->instructions, "");
	ck_assert_int_eq(cfg->overlap, 0);
	ck_assert_int_eq(cfg->require_enter, 0);
	config_free(cfg);
}
END_TEST

/* A byte-order mark and CRLF line ends, as a Windows editor saves the
 * file, read like the plain file; a refusal after a BOM keeps its column. */
START_TEST(test_parse_bom_crlf)
{
	struct config	*cfg;

	cfg = parse("\xef\xbb\xbf" "controls:\r\n- name: c\r\n  kind: choice\r\n"
	    "  labels: [a, b]\r\n");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(cfg->ncontrols, 1);
	ck_assert_str_eq(cfg->controls[0].name, "c");
	ck_assert_uint_eq(cfg->controls[0].nlabels, 2);
	config_free(cfg);
	refused("\xef\xbb\xbf" "controls: [{name: c, kind: span}]\n",
	    "cfg.yaml:1:28: unknown kind \"span\" (one of choice, multichoice,"
	    " spans, boxes, polygons, text, rating)");
}
END_TEST

/* Every refusal, with its position. */
static const struct {
	const char	*text;
	const char	*msg;
} bad[] = {
	{ "", "cfg.yaml:1:1: the config is empty (see scalec-config(5))" },
	{ "# nothing\n", "cfg.yaml:1:1: the config is empty (see"
	    " scalec-config(5))" },
	{ "controls: [\n", "cfg.yaml:2:1: did not find expected node"
	    " content while parsing a flow node (at 2:1)" },
	{ "a: b\n  c: d\n", "cfg.yaml:2:4: mapping values are not allowed"
	    " in this context" },
	{ "\xff\n", "cfg.yaml:1:1: invalid leading UTF-8 octet (byte"
	    " 0xFF)" },
	{ "type: ner\n---\ncontrols: []\n", "cfg.yaml:3:1: a second YAML"
	    " document (---): a config is one document" },
	{ "- a\n- b\n", "cfg.yaml:1:1: the config must be a mapping (key:"
	    " value), not a list" },
	{ "type: ner\n", "cfg.yaml:1:1: the config has no controls: list"
	    " them under \"controls:\" (see scalec-config(5))" },
	{ "type: ner\nlabels: [A]\n", "cfg.yaml:2:1: unknown key \"labels\""
	    " in the config (known: type, instructions, overlap, settings,"
	    " controls, keys)" },
	{ "type: ner\ntype: ner\n", "cfg.yaml:2:1: \"type\" is given twice in"
	    " the config" },
	{ "type: speech\ncontrols: []\n", "cfg.yaml:1:7: unknown project"
	    " type \"speech\" (one of " PROJECT_TYPE_NAMES ")" },
	{ "type: [ner]\n", "cfg.yaml:1:7: type must be text, not a list" },
	{ "overlap: 0\n", "cfg.yaml:1:10: overlap must be a whole number"
	    " from 1 to 1000, not \"0\"" },
	{ "overlap: two\n", "cfg.yaml:1:10: overlap must be a whole number"
	    " from 1 to 1000, not \"two\"" },
	{ "overlap: 99999999999999999999\n", "cfg.yaml:1:10: overlap must"
	    " be a whole number from 1 to 1000, not"
	    " \"99999999999999999999\"" },
	{ "settings: {require_enter: maybe}\n", "cfg.yaml:1:27:"
	    " require_enter must be true or false, not \"maybe\"" },
	{ "settings: {wrap: true}\n", "cfg.yaml:1:12: unknown key \"wrap\" in"
	    " settings (known: require_enter, review, on_reject, final,"
	    " comment_required, gold_rate, gold_onboarding, gold_min_score,"
	    " gold_match, gold_min_tasks, gold_pause, consensus_min, extra_annotators_below, extra_annotators_max)" },
	{ "settings: {consensus_min: 0}\n", "cfg.yaml:1:27: consensus_min"
	    " must be a whole number from 1 to 1000, not \"0\"" },
	{ "settings:\n  review: sample:0\n", "cfg.yaml:2:11: review must be"
	    " none, all or sample:N (N from 1 to 100), not \"sample:0\"" },
	{ "settings: {on_reject: return}\n", "cfg.yaml:1:23: on_reject must"
	    " be requeue or remove, not \"return\"" },
	{ "settings: {final: always}\n", "cfg.yaml:1:19: final must be"
	    " optional or required, not \"always\"" },
	{ "settings: {comment_required: often}\n", "cfg.yaml:1:30:"
	    " comment_required must be true or false, not \"often\"" },
	{ "settings: true\n", "cfg.yaml:1:11: settings must be a mapping"
	    " (key: value), not text" },
	{ "controls: []\n", "cfg.yaml:1:11: controls is empty: a config"
	    " needs at least one control" },
	{ "controls: {name: x}\n", "cfg.yaml:1:11: controls must be a list"
	    " (- item), not a mapping" },
	{ "controls:\n  - text\n", "cfg.yaml:2:5: a control must be a"
	    " mapping (key: value), not text" },
	{ "controls:\n  - kind: text\n", "cfg.yaml:2:5: a control has no"
	    " name" },
	{ "controls:\n  - name: x\n", "cfg.yaml:2:5: control \"x\" has no"
	    " kind (one of choice, multichoice, spans, boxes, polygons, text,"
	    " rating)" },
	{ "controls:\n  - name: x\n    kind: span\n", "cfg.yaml:3:11:"
	    " unknown kind \"span\" (one of choice, multichoice, spans, boxes,"
	    " polygons, text, rating)" },
	{ "controls:\n  - name: x y\n    kind: text\n", "cfg.yaml:2:11:"
	    " control name \"x y\" must be a word: letters, digits, '_', and"
	    " '-' or '.' after the first character" },
	{ "controls:\n  - {name: x, kind: text}\n  - {name: x, kind:"
	    " rating}\n", "cfg.yaml:3:12: control \"x\" is given twice" },
	{ "controls:\n  - {name: x, kind: text, labels: [A]}\n",
	    "cfg.yaml:2:35: a text control takes no labels" },
	{ "controls:\n  - {name: x, kind: choice}\n", "cfg.yaml:2:5: control"
	    " \"x\" has no labels" },
	{ "controls:\n  - {name: x, kind: choice, labels: []}\n",
	    "cfg.yaml:2:37: control \"x\" has no labels" },
	{ "controls:\n  - {name: x, kind: choice, labels: A}\n",
	    "cfg.yaml:2:37: labels must be a list (- item), not text" },
	{ "controls:\n  - {name: x, kind: choice, max: 3, labels: [A]}\n",
	    "cfg.yaml:2:34: max applies to a rating control only" },
	{ "controls:\n  - {name: x, kind: rating, max: 11}\n",
	    "cfg.yaml:2:34: max must be a whole number from 2 to 10, not"
	    " \"11\"" },
	{ "controls:\n  - {name: x, kind: text, colour: red}\n",
	    "cfg.yaml:2:27: unknown key \"colour\" in a control (known: name,"
	    " kind, labels, max, retired, allow_empty, multiline)" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - PER\n      - PER\n", "cfg.yaml:6:9: label \"PER\" is"
	    " given twice in control \"x\"" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {key: a}\n", "cfg.yaml:5:9: a label of control \"x\" has"
	    " no name" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - [PER]\n", "cfg.yaml:5:9: a label must be a mapping (key:"
	    " value), not a list" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, color: red}\n", "cfg.yaml:5:21: unknown key"
	    " \"color\" in a label; it is spelt \"colour\" (known: name, key,"
	    " description, colour, retired, id)" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, colour: pink}\n", "cfg.yaml:5:29: colour"
	    " \"pink\" is not one of black, red, green, yellow, blue, magenta,"
	    " cyan, white or #rrggbb" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, colour: \"#12345\"}\n", "cfg.yaml:5:29:"
	    " colour \"#12345\" must be a name or #rrggbb" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, retired: maybe}\n", "cfg.yaml:5:30: retired"
	    " must be true or false, not \"maybe\"" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, retired: true}\n", "cfg.yaml:5:7: every label"
	    " of control \"x\" is retired: keep one in use, or retire the"
	    " control" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, key: ab}\n", "cfg.yaml:5:26: key \"ab\" of"
	    " label \"PER\" must be one character" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, key: \"\\x01\"}\n", "cfg.yaml:5:26: key \"^A\" of"
	    " label \"PER\" is not a printable character" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, key: s}\n", "cfg.yaml:5:26: label \"PER\""
	    " takes key \"s\", which the screens reserve for \"skip this"
	    " task\"" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, key: a}\n      - {name: ORG, key: a}\n",
	    "cfg.yaml:6:26: label \"ORG\" takes key \"a\", which label \"PER\""
	    " already has" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, key: \"\xc3\xa9\"}\n      - {name: ORG, key:"
	    " \"\xc3\xa9\"}\n", "cfg.yaml:6:26: label \"ORG\" takes key"
	    " \"\xc3\xa9\", which label \"PER\" already has" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - \" PER\"\n", "cfg.yaml:5:9: label name \" PER\" starts or"
	    " ends with a space" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - \"a\\u202eb\"\n", "cfg.yaml:5:9: label name"
	    " \"a<U+202E>b\" holds a control character" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - \"a\\0b\"\n", "cfg.yaml:5:9: a label holds a NUL"
	    " character" },
	{ "controls:\n  - name: x\n    kind: choice\n    labels:\n"
	    "      - {name: PER, description: [a]}\n", "cfg.yaml:5:34: a"
	    " label's description must be text, not a list" },
	{ "controls:\n  - &c {name: a, kind: text}\n  - *c\n",
	    "cfg.yaml:2:5: an anchor (&c): anchors and aliases are not"
	    " supported, write the value out" },
	{ "{[a]: b}\n", "cfg.yaml:1:2: a key must be text, not a list" },
};

START_TEST(test_refusals)
{
	refused(bad[_i].text, bad[_i].msg);
}
END_TEST

/* Every key the screens reserve is refused as a label's key, naming what
 * it does; the table is the one the screens use. */
START_TEST(test_reserved_keys)
{
	const struct keymap_entry	*t;
	struct buf			 text = BUF_INIT, msg = BUF_INIT;
	struct config			*cfg;
	char				 k[8];
	int				 n, i, j, checked = 0;
	size_t				 kind;

	t = keymap_table(&n);
	for (kind = 0; kind < CONTROL__COUNT; kind++) {
		if (!control_has_labels(kind))
			continue;
		for (i = 0; i < n; i++) {
			for (j = 0; j < 2; j++) {
				int key = j == 0 ? t[i].key : t[i].alt;

				/* Keys past Unicode (arrows, PgDn) cannot be
				 * written in a config at all; a binding for
				 * other kinds leaves the key free. */
				if (t[i].req == REQ_NONE || key <= ' ' ||
				    key >= K_BASE || key == 0x7f ||
				    !(t[i].scope & KS_LABELLING))
					continue;
				snprintf(k, sizeof k, "%s",
				    keymap_key_name(key));
				buf_reset(&text);
				buf_printf(&text, "controls:\n- name: x\n"
				    "  kind: %s\n  labels:\n  - {name: A, key:"
				    " \"%s%s\"}\n", control_kind_name(kind),
				    key == '"' || key == '\\' ? "\\" : "", k);
				if (!(t[i].groups &
				    control_kind_keys(kind))) {
					cfg = parse(buf_str(&text));
					ck_assert_ptr_nonnull(cfg);
					/* Another binding of the key may
					 * hold for this kind. */
					if (keymap_reserved(KS_LABELLING,
					    control_kind_keys(kind), key) ==
					    NULL)
						ck_assert_int_eq(
						    keymap_check_config(cfg,
						    "cfg.yaml"), 0);
					config_free(cfg);
					continue;
				}
				buf_reset(&msg);
				buf_printf(&msg, "cfg.yaml:5:20: label \"A\""
				    " takes key \"%s\", which the screens"
				    " reserve for \"%s\"", k, keymap_reserved(
				    KS_LABELLING, control_kind_keys(kind),
				    key));
				refused(buf_str(&text), buf_str(&msg));
				checked++;
			}
		}
	}
	ck_assert_int_ge(checked, 30);
	/* Space is reserved on spans (it anchors a selection), free on a
	 * choice. */
	refused("controls:\n- name: x\n  kind: spans\n  labels:\n"
	    "  - {name: A, key: \" \"}\n", "cfg.yaml:5:20: label \"A\" takes"
	    " key \" \", which the screens reserve for \"anchor a selection;"
	    " moving extends it\"");
	cfg = parse("controls:\n- name: x\n  kind: choice\n  labels:\n"
	    "  - {name: A, key: l}\n");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(keymap_check_config(cfg, "cfg.yaml"), 0);
	config_free(cfg);
	buf_release(&text);
	buf_release(&msg);
}
END_TEST

START_TEST(test_keys)
{
	struct config		*cfg;
	const struct control	*c;

	/* Explicit digits are skipped by the defaults; case matters. */
	cfg = parse("controls:\n- name: x\n  kind: choice\n  labels:\n"
	    "  - A\n  - {name: B, key: \"1\"}\n  - {name: C, key: S}\n"
	    "  - D\n  - {name: E, key: \"3\"}\n  - F\n");
	ck_assert_ptr_nonnull(cfg);
	c = &cfg->controls[0];
	ck_assert_str_eq(control_label(c, "A")->key, "2");
	ck_assert_str_eq(control_label(c, "B")->key, "1");
	ck_assert_str_eq(control_label(c, "C")->key, "S");
	ck_assert_str_eq(control_label(c, "D")->key, "4");
	ck_assert_str_eq(control_label(c, "F")->key, "5");
	config_free(cfg);

	/* The same key in two controls is fine: one control at a time. */
	cfg = parse("controls:\n- {name: x, kind: choice, labels: [{name: A,"
	    " key: a}]}\n- {name: y, kind: spans, labels: [{name: B, key:"
	    " a}]}\n");
	ck_assert_ptr_nonnull(cfg);
	config_free(cfg);

	/* A retired label's key is dropped, so it collides with nothing. */
	cfg = parse("controls:\n- {name: x, kind: choice, labels: [{name: A,"
	    " key: a, retired: true}, {name: B, key: a}]}\n");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_str_eq(cfg->controls[0].labels[0].key, "");
	ck_assert_str_eq(cfg->controls[0].labels[1].key, "a");
	config_free(cfg);
}
END_TEST

/* Two configs hold the same things. */
static void
assert_same(const struct config *a, const struct config *b)
{
	size_t	i, j;

	ck_assert_str_eq(a->type, b->type);
	ck_assert_str_eq(a->instructions, b->instructions);
	ck_assert_int_eq(a->overlap, b->overlap);
	ck_assert_int_eq(a->require_enter, b->require_enter);
	ck_assert_int_eq(a->review.sample, b->review.sample);
	ck_assert_int_eq(a->review.on_reject_remove, b->review.on_reject_remove);
	ck_assert_int_eq(a->review.final_required, b->review.final_required);
	ck_assert_int_eq(a->review.comment_required,
	    b->review.comment_required);
	ck_assert_uint_eq(a->ncontrols, b->ncontrols);
	for (i = 0; i < a->ncontrols; i++) {
		const struct control *x = &a->controls[i], *y = &b->controls[i];

		ck_assert_str_eq(x->name, y->name);
		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_int_eq(x->max, y->max);
		ck_assert_int_eq(x->retired, y->retired);
		ck_assert_uint_eq(x->nlabels, y->nlabels);
		for (j = 0; j < x->nlabels; j++) {
			ck_assert_str_eq(x->labels[j].name, y->labels[j].name);
			ck_assert_str_eq(x->labels[j].key, y->labels[j].key);
			ck_assert_str_eq(x->labels[j].description,
			    y->labels[j].description);
			ck_assert_str_eq(x->labels[j].colour,
			    y->labels[j].colour);
			ck_assert_int_eq(x->labels[j].retired,
			    y->labels[j].retired);
			ck_assert_int_eq(x->labels[j].has_id,
			    y->labels[j].has_id);
			ck_assert_int_eq(x->labels[j].id, y->labels[j].id);
		}
	}
}

/* config -> YAML -> config gives the same config and the same YAML. */
static void
round_trip(const struct config *cfg)
{
	char		*y1, *y2;
	struct config	*back;

	y1 = config_to_yaml(cfg);
	ck_assert_ptr_nonnull(y1);
	back = config_parse(y1, strlen(y1), "round-trip");
	if (back == NULL)
		ck_abort_msg("does not read back: %s\n%s", buf_str(&last_error),
		    y1);
	assert_same(cfg, back);
	y2 = config_to_yaml(back);
	ck_assert_str_eq(y1, y2);
	free(y1);
	free(y2);
	config_free(back);
}

START_TEST(test_round_trip)
{
	static const char *const awkward[] = {
		"yes", "no", "null", "~", "1", "0x1f", "-", "- a", "a: b",
		"#tag", "a #b", "[x]", "{x}", "'q'", "\"dq\"", "*star", "&amp",
		"!bang", "%pct", "@at", "`tick", "|", ">", "?", ":", ",",
		"\xe6\x97\xa5\xe6\x9c\xac", "caf\xc3\xa9", "emoji \xf0\x9f\x98\x80",
		"tab here", "trailing.", "1.5", ".inf", "---", "...",
	};
	struct config	*cfg;
	struct label	*l;
	size_t		 i;

	cfg = parse(full);
	ck_assert_ptr_nonnull(cfg);
	round_trip(cfg);
	config_free(cfg);

	/* Nine labels take the digits, so the rest have no key. */
	cfg = config_preset("ner", "a,b,c,d,e,f,g,h,i", 0);
	ck_assert_ptr_nonnull(cfg);
	free(cfg->instructions);
	cfg->instructions = xstrdup("  leading spaces\n\ttab\n\n"
	    "trailing space \nlast\n\n\n");
	for (i = 0; i < sizeof awkward / sizeof awkward[0]; i++) {
		struct control *c = &cfg->controls[0];

		c->labels = xreallocarray(c->labels, c->nlabels + 1,
		    sizeof *c->labels);
		l = &c->labels[c->nlabels++];
		l->name = xstrdup(awkward[i]);
		l->key = xstrdup("");
		l->description = xstrdup(i == 0 ? " two\nlines\twith a tab " :
		    awkward[(i + 1) % (sizeof awkward / sizeof awkward[0])]);
		l->colour = xstrdup(i % 2 ? "#00ff00" : "");
		l->retired = i % 3 == 0;
		l->has_id = i % 4 == 1;	/* id: on some, unique */
		l->id = l->has_id ? (int)i * 3 : 0;
		l->key_line = l->key_col = 0;
	}
	round_trip(cfg);
	/* instructions on one line, and none at all */
	free(cfg->instructions);
	cfg->instructions = xstrdup("one line: with a colon # and a hash");
	round_trip(cfg);
	free(cfg->instructions);
	cfg->instructions = xstrdup("");
	cfg->require_enter = 1;
	cfg->overlap = 2;
	round_trip(cfg);
	/* The review settings, each apart from its default. */
	cfg->review.sample = 30;
	round_trip(cfg);
	cfg->require_enter = 0;
	cfg->review.sample = 100;
	cfg->review.on_reject_remove = 1;
	cfg->review.final_required = 1;
	cfg->review.comment_required = 0;
	round_trip(cfg);
	config_free(cfg);
}
END_TEST

/* The review settings as read, and which of them a config wrote. */
START_TEST(test_review_settings)
{
	struct config	*cfg;

	cfg = parse("settings:\n  review: sample:25\n  on_reject: remove\n"
	    "  final: required\n  comment_required: false\n"
	    "controls:\n  - {name: c, kind: choice, labels: [a, b]}\n");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(cfg->review.sample, 25);
	ck_assert_int_eq(cfg->review.on_reject_remove, 1);
	ck_assert_int_eq(cfg->review.final_required, 1);
	ck_assert_int_eq(cfg->review.comment_required, 0);
	ck_assert_uint_eq(cfg->review_said, CONFIG_SAID_REVIEW |
	    CONFIG_SAID_ON_REJECT | CONFIG_SAID_FINAL | CONFIG_SAID_COMMENT);
	config_free(cfg);
	cfg = parse("settings:\n  on_reject: requeue\n"
	    "controls:\n  - {name: c, kind: choice, labels: [a, b]}\n");
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(cfg->review.sample, -1);
	ck_assert_int_eq(cfg->review.comment_required, 1);
	ck_assert_uint_eq(cfg->review_said, CONFIG_SAID_ON_REJECT);
	config_free(cfg);
}
END_TEST

START_TEST(test_keep)
{
	struct config	*a = parse(full), *b;
	const struct control *c;

	ck_assert_ptr_nonnull(a);
	b = config_preset("ner", "X", 0);
	control_keep_label(&b->controls[0],
	    control_label(config_control(a, "topic"), "politics"));
	config_keep_control(b, config_control(a, "stars"));
	c = config_control(b, "entities");
	ck_assert_uint_eq(c->nlabels, 2);
	ck_assert_int_eq(c->labels[1].retired, 1);
	ck_assert_str_eq(c->labels[1].key, "");
	ck_assert_str_eq(c->labels[1].description, "elections and laws");
	c = config_control(b, "stars");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->retired, 1);
	ck_assert_int_eq(c->max, 10);
	round_trip(b);
	config_free(a);
	config_free(b);
}
END_TEST

/* Stable keys: an edit that drops a label moves no other label's key; a
 * key the edit writes wins, and new labels take the free digits. */
START_TEST(test_stable_keys)
{
	struct config		*old = config_preset("text-classification",
	    "clean,rude,offensive,other", 0), *cfg;
	struct answer_uses	 uses;
	json_t			*retired = json_array();
	json_t			*used = json_pack("{s:[s]}", "label",
				    "offensive");
	const struct control	*c;

	answer_uses_init(&uses, old);
	answer_uses_add(&uses, used);
	json_decref(used);
	cfg = config_preset("text-classification", "clean,rude,other,spam",
	    0);
	ck_assert_str_eq(cfg->controls[0].labels[2].key, "3");
	ck_assert_int_eq(config_reconcile(old, cfg, &uses, 1, retired), 0);
	c = &cfg->controls[0];
	ck_assert_str_eq(control_label(c, "clean")->key, "1");
	ck_assert_str_eq(control_label(c, "other")->key, "4");
	ck_assert_str_eq(control_label(c, "spam")->key, "3");
	ck_assert_int_eq(control_label(c, "offensive")->retired, 1);
	ck_assert_str_eq(control_label(c, "offensive")->key, "");
	config_free(cfg);
	/* a key the edit writes moves the label; what it took moves on */
	cfg = parse("controls:\n  - name: label\n    kind: choice\n"
	    "    labels: [clean, {name: rude, key: '4'}, other]\n");
	ck_assert_int_eq(config_reconcile(old, cfg, &uses, 1, retired), 0);
	c = &cfg->controls[0];
	ck_assert_str_eq(control_label(c, "clean")->key, "1");
	ck_assert_str_eq(control_label(c, "rude")->key, "4");
	ck_assert_str_eq(control_label(c, "other")->key, "2");
	round_trip(cfg);
	config_free(cfg);
	answer_uses_release(&uses);
	json_decref(retired);
	config_free(old);
}
END_TEST

/* keys: in a label config: the names and keys as written, with where,
 * read back the same; a list, or a name twice, refused. */
START_TEST(test_keys_map)
{
	struct config	*cfg = parse("keys:\n  skip: S\n  next_token: Right\n"
	    "controls:\n  - {name: l, kind: choice, labels: [a]}\n");

	ck_assert_ptr_nonnull(cfg);
	ck_assert_uint_eq(cfg->keys.n, 2);
	ck_assert_str_eq(cfg->keys.v[0].request, "skip");
	ck_assert_str_eq(cfg->keys.v[0].key, "S");
	ck_assert_uint_eq(cfg->keys.v[0].line, 2);
	ck_assert_uint_eq(cfg->keys.v[0].col, 9);
	ck_assert_uint_eq(cfg->keys.v[1].name_line, 3);
	ck_assert_uint_eq(cfg->keys.v[1].name_col, 3);
	ck_assert_str_eq(cfg->keys.v[1].key, "Right");
	round_trip(cfg);
	config_free(cfg);
	refused("keys: [skip]\ncontrols:\n  - {name: l, kind: choice, labels:"
	    " [a]}\n", "cfg.yaml:1:7: keys must be a mapping (key: value), not"
	    " a list");
	refused("keys:\n  skip: S\n  skip: T\ncontrols:\n  - {name: l, kind:"
	    " choice, labels: [a]}\n", "cfg.yaml:3:3: \"skip\" is given twice"
	    " in keys");
}
END_TEST

START_TEST(test_load)
{
	char		 dir[] = "/tmp/scalec-config.XXXXXX";
	char		*path;
	FILE		*f;
	struct config	*cfg;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/c.yaml", dir);
	cfg = config_load(path);
	ck_assert_ptr_null(cfg);
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error),
	    "No such file or directory"));
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("controls:\n  - {name: x, kind: spans, labels: [A]}\n"
	    "  - {name: y, kind: nope}\n", f);
	fclose(f);
	cfg = config_load(path);
	ck_assert_ptr_null(cfg);
	ck_assert_ptr_nonnull(strstr(buf_str(&last_error), "c.yaml:3:21:"
	    " unknown kind \"nope\""));
	f = fopen(path, "w");
	fputs("controls:\n  - {name: x, kind: spans, labels: [A]}\n", f);
	fclose(f);
	cfg = config_load(path);
	ck_assert_ptr_nonnull(cfg);
	config_free(cfg);
	cfg = config_load(dir);		/* a directory */
	ck_assert_ptr_null(cfg);
	remove(path);
	remove(dir);
	free(path);
}
END_TEST

START_TEST(test_names)
{
	ck_assert_int_eq(project_type_valid("ner"), 1);
	ck_assert_int_eq(project_type_valid("custom"), 1);
	ck_assert_int_eq(project_type_valid("NER"), 0);
	ck_assert_int_eq(control_kind_from_name("polygons"), CONTROL_POLYGONS);
	ck_assert_int_eq(control_kind_from_name("polygon"), -1);
	ck_assert_str_eq(control_kind_name(CONTROL_MULTICHOICE),
	    "multichoice");
	ck_assert_int_eq(control_has_labels(CONTROL_RATING), 0);
	ck_assert_int_eq(control_has_labels(CONTROL_BOXES), 1);
}
END_TEST

/* label_ids: given ids kept, the rest after the highest, none shared. */
START_TEST(test_label_ids)
{
	int	 ids[4] = { 0, 7, 0, 3 };
	int	 has[4] = { 0, 1, 0, 1 };
	int	 none[3] = { 0, 0, 0 }, zero[3] = { 0 };
	int	 top[4] = { 0, INT_MAX, 0, 2 };
	int	 edge[3] = { INT_MAX - 1, 0, 0 };
	int	 edgehas[3] = { 1, 0, 0 };

	label_ids(ids, has, 4);
	ck_assert_int_eq(ids[0], 8);
	ck_assert_int_eq(ids[1], 7);
	ck_assert_int_eq(ids[2], 9);
	ck_assert_int_eq(ids[3], 3);

	label_ids(none, zero, 3);
	ck_assert_int_eq(none[0], 1);
	ck_assert_int_eq(none[1], 2);
	ck_assert_int_eq(none[2], 3);

	/* INT_MAX held: the lowest free ids, 1 then 3 (2 is given). */
	label_ids(top, has, 4);
	ck_assert_int_eq(top[0], 1);
	ck_assert_int_eq(top[1], INT_MAX);
	ck_assert_int_eq(top[2], 3);
	ck_assert_int_eq(top[3], 2);

	/* One below INT_MAX: the next takes INT_MAX, the one after 1. */
	label_ids(edge, edgehas, 3);
	ck_assert_int_eq(edge[0], INT_MAX - 1);
	ck_assert_int_eq(edge[1], INT_MAX);
	ck_assert_int_eq(edge[2], 1);
}
END_TEST

/* scalec-config(5) lists every key the screens reserve, with what it does
 * ('make man-keys' writes that list from REQ_LIST). */
START_TEST(test_man_lists_reserved_keys)
{
	const struct keymap_entry	*t;
	const char			*srcdir = getenv("SRCDIR");
	char				*path, *want;
	struct buf			 man = BUF_INIT;
	char				 chunk[4096];
	size_t				 n;
	FILE				*f;
	int				 count, i;

	path = xasprintf("%s/man/scalec-config.5", srcdir ? srcdir : ".");
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&man, chunk, n);
	fclose(f);
	t = keymap_table(&count);
	for (i = 0; i < count; i++) {
		if (t[i].req == REQ_NONE)
			continue;
		want = xasprintf("\n%s\n", t[i].help);
		ck_assert_msg(strstr(buf_str(&man), want) != NULL,
		    "%s does not list \"%s\": run 'make man-keys'", path,
		    t[i].help);
		free(want);
		want = xasprintf(".B%s %s", t[i].alt ? "R" : "",
		    keymap_key_name(t[i].key));
		ck_assert_msg(strstr(buf_str(&man), want) != NULL,
		    "%s does not list key %s: run 'make man-keys'", path,
		    keymap_key_name(t[i].key));
		free(want);
		/* and the name keys: gives it, "(keys: skip)" */
		want = xasprintf("(keys: %s)", t[i].name);
		for (char *p = want + 7; *p != ')'; p++)
			*p = (char)tolower((unsigned char)*p);
		ck_assert_msg(strstr(buf_str(&man), want) != NULL,
		    "%s does not name %s: run 'make man-keys'", path, want);
		free(want);
	}
	buf_release(&man);
	free(path);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc = tcase_create("config");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_preset_classification);
	tcase_add_test(tc, test_preset_others);
	tcase_add_test(tc, test_preset_refusals);
	tcase_add_test(tc, test_preset_many_labels);
	tcase_add_test(tc, test_parse_full);
	tcase_add_test(tc, test_parse_minimal);
	tcase_add_test(tc, test_parse_bom_crlf);
	tcase_add_loop_test(tc, test_refusals, 0,
	    (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_reserved_keys);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_keep);
	tcase_add_test(tc, test_stable_keys);
	tcase_add_test(tc, test_keys_map);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_review_settings);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_man_lists_reserved_keys);
	tcase_add_test(tc, test_label_ids);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
