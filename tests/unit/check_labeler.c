/* Unit tests for src/tui/labeler: the labelling screen's keys, with no
 * terminal. Configs come from config_preset and config_parse, as a project
 * would have them. */
#include <check.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/answer.h"
#include "model/keybind.h"
#include "model/yaml.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "errors.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#include "lbtest.h"
#include "runner.h"

static const char	*barack = "Barack Obama visited Paris .";

static struct config *
preset(const char *type, const char *labels, int multi)
{
	struct config	*cfg = config_preset(type, labels, multi);

	ck_assert_ptr_nonnull(cfg);
	return cfg;
}

static struct config *
parse(const char *yaml)
{
	struct config	*cfg = config_parse(yaml, strlen(yaml), "test.yaml");

	ck_assert_ptr_nonnull(cfg);
	return cfg;
}

static struct labeler *
open_text(const struct config *cfg, const char *text, const char *initial,
    int from_prediction)
{
	json_error_t	 err;
	json_t		*j = NULL;
	struct labeler	*lb;

	if (initial != NULL) {
		j = json_loads(initial, 0, &err);
		ck_assert_msg(j != NULL, "bad test JSON: %s", err.text);
	}
	lb = lbt_open(cfg, text, j, from_prediction);
	json_decref(j);
	return lb;
}

/* Sends each key of a string as one key press; returns the last action. */
static enum lb_action
keys(struct labeler *lb, const char *s)
{
	enum lb_action	a = LB_NONE;

	for (; *s != '\0'; s++)
		a = press(lb, (unsigned char)*s);
	return a;
}

static void
check_result(const struct labeler *lb, const char *want)
{
	json_t		*got = labeler_result(lb), *exp;
	json_error_t	 err;
	char		*s;

	exp = json_loads(want, 0, &err);
	ck_assert_msg(exp != NULL, "bad test JSON: %s", err.text);
	s = json_dumps(got, JSON_COMPACT);
	ck_assert_msg(json_equal(got, exp), "result %s, want %s", s, want);
	free(s);
	json_decref(got);
	json_decref(exp);
}

static void
check_status(const struct labeler *lb, const char *part)
{
	ck_assert_msg(strstr(shown_status(lb), part) != NULL,
	    "status \"%s\" lacks \"%s\"", shown_status(lb), part);
}

START_TEST(test_issue_example)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);
	json_t		*r;
	char		*s;

	ck_assert_uint_eq(lb->cursor, 0);
	ck_assert_int_eq(press(lb, 'v'), LB_REDRAW);
	ck_assert_int_eq(press(lb, 'l'), LB_REDRAW);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, '/'), LB_REDRAW);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "");
	ck_assert_int_eq(keys(lb, "Paris"), LB_REDRAW);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "Paris");
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	ck_assert_ptr_null(drv_prompt_text(lbt_of(lb)->drv));
	ck_assert_uint_eq(lb->cursor, 3);
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	/* exactly the stored shape, spans by start */
	r = labeler_result(lb);
	s = json_dumps(r, JSON_COMPACT);
	ck_assert_str_eq(s, "{\"entities\":["
	    "{\"start\":0,\"end\":12,\"label\":\"PER\"},"
	    "{\"start\":21,\"end\":26,\"label\":\"LOC\"}]}");
	free(s);
	json_decref(r);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_choice_one_key)
{
	struct config	*cfg = preset("sentiment", NULL, 0);
	struct labeler	*lb = open_text(cfg, "I loved it", NULL, 0);

	ck_assert_int_eq(press(lb, '3'), LB_SUBMIT);
	check_result(lb, "{\"sentiment\": [\"negative\"]}");
	lbt_close_lb(lb);

	/* the same on an image task, which has no text */
	lb = open_text(cfg, NULL, NULL, 0);
	ck_assert_int_eq(press(lb, '1'), LB_SUBMIT);
	check_result(lb, "{\"sentiment\": [\"positive\"]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_require_enter)
{
	struct config	*cfg = preset("sentiment", NULL, 0);
	struct labeler	*lb;

	cfg->require_enter = 1;
	lb = open_text(cfg, "I loved it", NULL, 0);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	check_status(lb, "positive chosen: Enter submits");
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	/* the same label again changes nothing */
	ck_assert_int_eq(press(lb, '2'), LB_REDRAW);
	ck_assert_uint_eq(lb->nundo, 2);
	check_result(lb, "{\"sentiment\": [\"neutral\"]}");
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{\"sentiment\": [\"positive\"]}");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_enter_with_nothing)
{
	struct config	*cfg = preset("sentiment", NULL, 0);
	struct labeler	*lb = open_text(cfg, "meh", NULL, 0);

	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing chosen for sentiment");
	check_status(lb, "press 1/2/3 (p: all labels)");
	check_status(lb, "or s to skip");
	/* the whole of it fits an 80-column status line */
	ck_assert_uint_le(strlen(labeler_status(lb)), 78);
	check_result(lb, "{}");
	/* s is the annotate view's: the labeler passes it on */
	ck_assert_int_eq(labeler_key(lb, 's'), LB_PASS);
	ck_assert_str_eq(labeler_status(lb), "");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Many keys: not listed, so that the message still fits the line. */
START_TEST(test_enter_with_nothing_many)
{
	struct config	*cfg = parse("controls:\n"
	    "  - name: article\n"
	    "    kind: choice\n"
	    "    labels: [a, b, c, d, e, f, g, h, i, j, k, l]\n");
	struct labeler	*lb = open_text(cfg, "meh", NULL, 0);

	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing chosen for article: press a"
	    " label's key (p: all labels) or s to skip");
	ck_assert_uint_le(strlen(labeler_status(lb)), 78);
	ck_assert_ptr_eq(labeler_missing(lb), &lb->controls[0]);
	press(lb, '1');
	ck_assert_ptr_null(labeler_missing(lb));
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_multichoice)
{
	struct config	*cfg = preset("text-classification", "sport,politics,"
	    "tech", 1);
	struct labeler	*lb = open_text(cfg, "Chips and votes", NULL, 0);

	ck_assert_int_eq(cfg->controls[0].kind, CONTROL_MULTICHOICE);
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing chosen");
	ck_assert_int_eq(press(lb, '3'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);	/* off */
	check_status(lb, "sport taken off");
	/* in the config's order, whatever the order of the keys */
	check_result(lb, "{\"labels\": [\"politics\", \"tech\"]}");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_rating)
{
	struct config	*cfg = parse("controls:\n"
	    "  - {name: stars, kind: rating, max: 5}\n");
	struct labeler	*lb = open_text(cfg, "a review", NULL, 0);

	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "press 1-5 to rate, or s to skip");
	ck_assert_int_eq(press(lb, '7'), LB_REDRAW);
	check_status(lb, "Ratings go from 1 to 5");
	ck_assert_int_eq(press(lb, '4'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, '4'), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"stars\": 4}");
	ck_assert_int_eq(press(lb, '0'), LB_REDRAW);
	check_status(lb, "Ratings go from 1 to 5");
	lbt_close_lb(lb);
	config_free(cfg);

	/* up to 10: 0 is 10 */
	cfg = parse("controls:\n  - {name: score, kind: rating, max: 10}\n");
	lb = open_text(cfg, NULL, NULL, 0);
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "press 1-9 or 0 (10) to rate");
	ck_assert_int_eq(press(lb, '0'), LB_SAVE_DRAFT);
	check_result(lb, "{\"score\": 10}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_undo)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);
	int		 i;

	keys(lb, "1l2");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"PER\"}, {\"start\": 7, \"end\": 12, "
	    "\"label\": \"LOC\"}]}");
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"PER\"}]}");
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{\"entities\": []}");
	ck_assert_int_eq(press(lb, 'u'), LB_REDRAW);
	check_status(lb, "Nothing to undo on this task: Backspace goes back"
	    " to the previous one");
	/* movement is not a change */
	keys(lb, "llhh");
	ck_assert_uint_eq(lb->nundo, 0);
	/* undo goes back LABELER_UNDO_MAX changes, then stops */
	for (i = 0; i < LABELER_UNDO_MAX + 10; i++)
		keys(lb, i % 2 ? "1" : "2");
	ck_assert_uint_eq(lb->nundo, LABELER_UNDO_MAX);
	for (i = 0; i < LABELER_UNDO_MAX; i++)
		ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, 'u'), LB_REDRAW);
	/* the oldest kept: ten changes in, Obama was PER */
	check_result(lb, "{\"entities\": [{\"start\": 7, \"end\": 12, "
	    "\"label\": \"PER\"}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_relabel_delete)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_ptr_nonnull(labeler_span_here(lb));
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	check_status(lb, "Now LOC");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"LOC\"}]}");
	ck_assert_int_eq(press(lb, '2'), LB_REDRAW);
	check_status(lb, "Already LOC");
	/* relabelling a longer span from any of its tokens keeps its extent */
	keys(lb, "lvl1");
	keys(lb, "h2");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"LOC\"}, {\"start\": 7, \"end\": 20, "
	    "\"label\": \"LOC\"}]}");
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"LOC\"}]}");
	ck_assert_int_eq(press(lb, 'x'), LB_REDRAW);
	check_status(lb, "No span under the cursor");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_overlap_replaces)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	keys(lb, "1ll2");	/* Barack PER, visited LOC */
	keys(lb, "hhvlll1");	/* Barack .. Paris as one PER */
	check_status(lb, "replaces the 2 spans");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 26, "
	    "\"label\": \"PER\"}]}");
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	ck_assert_uint_eq(lb->controls[0].v->nspans, 2);
	/* a selection over part of a span replaces it too */
	keys(lb, "hhhhlvl2");	/* Obama .. visited */
	check_status(lb, "replaces the span");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"PER\"}, {\"start\": 7, \"end\": 20, "
	    "\"label\": \"LOC\"}]}");
	/* a selection backwards works the same */
	keys(lb, "lvhhh1");	/* Paris back to Barack */
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 26, "
	    "\"label\": \"PER\"}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_next_span)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "No spans yet");
	keys(lb, "l1ll2hhh");
	ck_assert_uint_eq(lb->cursor, 0);
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 1);
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 3);
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 1);
	check_status(lb, "Back to the first span");
	ck_assert_int_eq(press(lb, K_BTAB), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 3);
	check_status(lb, "On to the last span");
	ck_assert_int_eq(press(lb, K_BTAB), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 1);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_cancel)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	keys(lb, "vl");
	ck_assert_int_eq(lb->anchored, 1);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	check_status(lb, "Selection cancelled");
	ck_assert_int_eq(lb->anchored, 0);
	/* with nothing half-made Esc does nothing */
	ck_assert_int_eq(press(lb, K_ESC), LB_PASS);
	/* the label now goes to the token under the cursor only */
	keys(lb, "1");
	check_result(lb, "{\"entities\": [{\"start\": 7, \"end\": 12, "
	    "\"label\": \"PER\"}]}");
	/* v twice is no selection */
	keys(lb, "vvl2");
	check_result(lb, "{\"entities\": [{\"start\": 7, \"end\": 12, "
	    "\"label\": \"PER\"}, {\"start\": 13, \"end\": 20, "
	    "\"label\": \"LOC\"}]}");
	/* Space anchors too */
	keys(lb, "l l1");
	check_result(lb, "{\"entities\": [{\"start\": 7, \"end\": 12, "
	    "\"label\": \"PER\"}, {\"start\": 13, \"end\": 20, "
	    "\"label\": \"LOC\"}, {\"start\": 21, \"end\": 28, "
	    "\"label\": \"PER\"}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_search)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, "Paris is not paris. Go to Paris!",
	    NULL, 0);

	ck_assert_int_eq(press(lb, 'n'), LB_REDRAW);
	check_status(lb, "No search yet: press / to search");
	/* at or after the cursor: the token under it matches */
	keys(lb, "/Paris\n");
	ck_assert_uint_eq(lb->cursor, 0);
	ck_assert_str_eq(labeler_status(lb), "");
	/* n goes on, case-sensitively as the query has a capital */
	ck_assert_int_eq(press(lb, 'n'), LB_REDRAW);
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 26);
	ck_assert_int_eq(press(lb, 'n'), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 0);
	check_status(lb, "Search wrapped to the top");
	/* a lower-case query matches either case */
	keys(lb, "/paris\n");
	ck_assert_uint_eq(lb->cursor, 0);
	keys(lb, "n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 13);
	/* a match inside a token: n still moves on */
	keys(lb, "/ari\n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 13);
	keys(lb, "n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 26);
	keys(lb, "n");
	ck_assert_uint_eq(lb->cursor, 0);
	keys(lb, "n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 13);
	/* Esc cancels, and keys in the prompt are text, not commands */
	ck_assert_int_eq(keys(lb, "/qux"), LB_REDRAW);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "qux");
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	ck_assert_ptr_null(drv_prompt_text(lbt_of(lb)->drv));
	check_status(lb, "Search cancelled");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 13);
	/* Backspace edits, by character */
	keys(lb, "/Gx");
	ck_assert_int_eq(press(lb, 0xe9), LB_REDRAW);	/* é */
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "Gx\xc3\xa9");
	press(lb, K_BACKSPACE);
	press(lb, K_BACKSPACE);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "G");
	keys(lb, "o\n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 20);
	/* Enter on an empty prompt repeats the last search */
	keys(lb, "gg");		/* unknown keys do not move */
	keys(lb, "/\n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 20);
	/* control characters are not typed into the prompt */
	keys(lb, "/\x1b");
	ck_assert_ptr_null(drv_prompt_text(lbt_of(lb)->drv));
	keys(lb, "/zz");
	press(lb, 0x202e);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "zz");
	press(lb, K_ENTER);
	check_status(lb, "Not found: zz");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 20);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Enter on an empty search goes on to the next match, as n does, also
 * when the cursor is on a match already. */
START_TEST(test_search_repeat)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, "Paris is not paris. Go to Paris!",
	    NULL, 0);

	keys(lb, "/Paris\n");
	ck_assert_uint_eq(lb->cursor, 0);
	keys(lb, "/\n");
	ck_assert_uint_eq(lb->text->tokens[lb->cursor].start, 26);
	keys(lb, "/\n");
	ck_assert_uint_eq(lb->cursor, 0);
	check_status(lb, "Search wrapped to the top");
	/* Backspace on an empty prompt closes it, as in vi */
	keys(lb, "/x");
	press(lb, K_BACKSPACE);
	ck_assert_str_eq(drv_prompt_text(lbt_of(lb)->drv), "");
	ck_assert_int_eq(press(lb, K_BACKSPACE), LB_REDRAW);
	ck_assert_ptr_null(drv_prompt_text(lbt_of(lb)->drv));
	ck_assert_uint_eq(lb->cursor, 0);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_search_extends_selection)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	keys(lb, "v/Paris\n2\n");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 26, "
	    "\"label\": \"LOC\"}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_line_movement)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg,
	    "alpha beta\ngamma delta epsilon\n\nz\n  omega", NULL, 0);
	const struct text	*t = lb->text;

	ck_assert_int_eq(press(lb, 'k'), LB_NONE);	/* top */
	keys(lb, "l");					/* beta, col 6 */
	ck_assert_int_eq(press(lb, 'j'), LB_REDRAW);
	ck_assert_uint_eq(t->tokens[lb->cursor].start, 17);	/* delta */
	ck_assert_int_eq(press(lb, K_DOWN), LB_REDRAW);
	/* the empty line is passed over */
	ck_assert_uint_eq(t->tokens[lb->cursor].start, 32);	/* z */
	keys(lb, "j");
	ck_assert_uint_eq(t->tokens[lb->cursor].start, 36);	/* omega */
	ck_assert_int_eq(press(lb, 'j'), LB_NONE);	/* bottom */
	/* Up aims for the column we came from */
	keys(lb, "kk");
	ck_assert_uint_eq(t->tokens[lb->cursor].start, 17);
	ck_assert_int_eq(press(lb, K_UP), LB_REDRAW);
	ck_assert_uint_eq(t->tokens[lb->cursor].start, 6);	/* beta */
	lbt_close_lb(lb);

	/* on wrapped lines too, after a resize */
	lb = open_text(cfg, "one two three four", NULL, 0);
	labeler_set_view(lb, 9, 5);
	ck_assert_uint_eq(lb->layout->nlines, 3);	/* one two|three|four */
	keys(lb, "l");
	ck_assert_int_eq(lb->want_col, 4);
	keys(lb, "j");
	ck_assert_uint_eq(lb->cursor, 2);		/* three */
	keys(lb, "j");
	ck_assert_uint_eq(lb->cursor, 3);		/* four */
	keys(lb, "k");
	ck_assert_uint_eq(lb->cursor, 2);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_scrolling)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct buf	 b = BUF_INIT;
	struct labeler	*lb;
	int		 i;

	for (i = 0; i < 100; i++)
		buf_printf(&b, "w%d\n", i);
	lb = open_text(cfg, b.data, NULL, 0);
	labeler_set_view(lb, 80, 10);
	ck_assert_uint_eq(lb->top, 0);
	for (i = 0; i < 10; i++)
		keys(lb, "j");
	ck_assert_uint_eq(lb->cursor, 10);
	ck_assert_uint_eq(lb->top, 1);			/* kept in view */
	ck_assert_int_eq(press(lb, K_PGDN), LB_REDRAW);
	ck_assert_uint_eq(lb->top, 10);
	ck_assert_uint_eq(lb->cursor, 10);		/* still in view */
	press(lb, K_PGDN);
	ck_assert_uint_eq(lb->top, 19);
	ck_assert_uint_eq(lb->cursor, 19);		/* brought into view */
	for (i = 0; i < 20; i++)
		press(lb, K_PGDN);
	ck_assert_uint_eq(lb->top, 90);			/* the last page */
	press(lb, K_PGUP);
	ck_assert_uint_eq(lb->top, 81);
	ck_assert_uint_eq(lb->cursor, 90);
	/* a narrower view wraps nothing here: the top stays in range */
	labeler_set_view(lb, 40, 50);
	ck_assert_uint_eq(lb->top, 50);
	lbt_close_lb(lb);
	buf_release(&b);
	config_free(cfg);
}
END_TEST

/* Home and End: the first and last token in spans, else the top and the
 * bottom of the text. */
START_TEST(test_home_end)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct config	*cls = preset("text-classification", "a,b", 0);
	struct buf	 b = BUF_INIT;
	struct labeler	*lb;
	int		 i;

	lb = open_text(cfg, barack, NULL, 0);
	ck_assert_int_eq(press(lb, K_END), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 4);		/* "." */
	ck_assert_int_eq(press(lb, K_HOME), LB_REDRAW);
	ck_assert_uint_eq(lb->cursor, 0);
	/* a selection extends with them */
	keys(lb, "v");
	press(lb, K_END);
	keys(lb, "2");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 28,"
	    " \"label\": \"LOC\"}]}");
	lbt_close_lb(lb);

	for (i = 0; i < 100; i++)
		buf_printf(&b, "w%d\n", i);
	lb = open_text(cfg, b.data, NULL, 0);
	labeler_set_view(lb, 80, 10);
	press(lb, K_END);
	ck_assert_uint_eq(lb->cursor, 99);
	ck_assert_uint_eq(lb->top, 90);			/* kept in view */
	press(lb, K_HOME);
	ck_assert_uint_eq(lb->cursor, 0);
	ck_assert_uint_eq(lb->top, 0);
	lbt_close_lb(lb);

	/* no spans: the text scrolls to its ends */
	lb = open_text(cls, b.data, NULL, 0);
	labeler_set_view(lb, 80, 10);
	ck_assert_int_eq(press(lb, K_END), LB_REDRAW);
	ck_assert_uint_eq(lb->top, 90);
	ck_assert_int_eq(press(lb, K_HOME), LB_REDRAW);
	ck_assert_uint_eq(lb->top, 0);
	lbt_close_lb(lb);
	buf_release(&b);
	config_free(cls);
	config_free(cfg);
}
END_TEST

/* A retired control is not offered (c passes over it, Enter does not ask
 * for it) and its values stay in the result. */
START_TEST(test_retired_control)
{
	struct config	*cfg = parse("controls:\n"
	    "  - name: sentiment\n"
	    "    kind: choice\n"
	    "    labels: [{name: pos}, {name: neg}]\n"
	    "  - name: old\n"
	    "    kind: choice\n"
	    "    retired: true\n"
	    "    labels: [{name: x}, {name: y}]\n"
	    "  - name: topic\n"
	    "    kind: multichoice\n"
	    "    labels: [{name: sport}, {name: news}]\n");
	struct labeler	*lb;

	ck_assert(cfg->controls[1].retired);
	lb = open_text(cfg, barack, "{\"old\": [\"y\"]}", 0);
	ck_assert_str_eq(labeler_control(lb)->control->name, "sentiment");
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	ck_assert_str_eq(labeler_control(lb)->control->name, "topic");
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	ck_assert_str_eq(labeler_control(lb)->control->name, "sentiment");
	/* a choice moves on past it too */
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_str_eq(labeler_control(lb)->control->name, "topic");
	keys(lb, "2");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"sentiment\": [\"pos\"], \"topic\": [\"news\"],"
	    " \"old\": [\"y\"]}");
	lbt_close_lb(lb);

	/* with one control left to offer, c says so */
	cfg->controls[2].retired = 1;
	lb = open_text(cfg, barack, NULL, 0);
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	check_status(lb, "one control");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_picker)
{
	struct config	*cfg = preset("text-classification",
	    "a,b,c,d,e,f,g,h,i,j,k,l", 0);
	struct labeler	*lb;

	/* the tenth label on has no key; a retired one is not offered */
	ck_assert_str_eq(cfg->controls[0].labels[9].key, "");
	cfg->controls[0].labels[4].retired = 1;
	lb = open_text(cfg, "text", NULL, 0);
	ck_assert_int_eq(press(lb, '5'), LB_PASS);
	check_status(lb, "Unknown key 5");
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "1/2/3/4/6/7/8/9");
	check_status(lb, "(p: all labels)");
	ck_assert_int_eq(press(lb, 'p'), LB_REDRAW);
	ck_assert_int_eq((drv_overlay(lbt_of(lb)->drv) == OV_PICK), 1);
	ck_assert_uint_eq(lb->npicks, 11);
	/* in the picker, the arrows move it; p and Esc close it */
	for (int i = 0; i < 14; i++)
		press(lb, K_DOWN);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 10);
	press(lb, K_UP);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 9);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	ck_assert_int_eq((drv_overlay(lbt_of(lb)->drv) == OV_PICK), 0);
	/* typing filters: "l" keeps only label l, Enter picks it */
	keys(lb, "pl");
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 10);
	check_screen_has(lb, "filter: l  (1 of 11)");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"label\": [\"l\"]}");
	lbt_close_lb(lb);
	lb = open_text(cfg, "text", NULL, 0);
	keys(lb, "pp");
	ck_assert_int_eq((drv_overlay(lbt_of(lb)->drv) == OV_PICK), 0);
	check_result(lb, "{}");
	ck_assert_int_eq(press(lb, 'p'), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "type to filter, Up/Down move, Enter picks");
	ck_assert_int_eq(press(lb, K_PGDN), LB_REDRAW);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 10);
	ck_assert_int_eq(press(lb, K_PGUP), LB_REDRAW);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 0);
	/* Home and End as well, as in the overlays */
	ck_assert_int_eq(press(lb, K_END), LB_REDRAW);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 10);
	ck_assert_int_eq(press(lb, K_HOME), LB_REDRAW);
	ck_assert_uint_eq(drv_pick_cursor(lbt_of(lb)->drv), 0);
	ck_assert_int_eq(press(lb, K_PGDN), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_UP), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	ck_assert_int_eq((drv_overlay(lbt_of(lb)->drv) == OV_PICK), 0);
	check_result(lb, "{\"label\": [\"k\"]}");
	lbt_close_lb(lb);

	/* on spans the picked label marks the selection */
	config_free(cfg);
	cfg = preset("ner", "A,B,C,D,E,F,G,H,I,J,K", 0);
	lb = open_text(cfg, barack, NULL, 0);
	keys(lb, "vlp");
	ck_assert_int_eq(press(lb, K_PGDN), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SAVE_DRAFT);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 12, "
	    "\"label\": \"K\"}]}");
	/* a label key in the picker picks that label */
	keys(lb, "llp2");
	ck_assert_int_eq((drv_overlay(lbt_of(lb)->drv) == OV_PICK), 0);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 12, "
	    "\"label\": \"K\"}, {\"start\": 21, \"end\": 26, "
	    "\"label\": \"B\"}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_suggestion_accept)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	const char	*pred = "{\"entities\": [{\"start\": 21, \"end\": 26, "
	    "\"label\": \"LOC\"}]}";
	struct labeler	*lb = open_text(cfg, barack, pred, 1);

	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	check_result(lb, pred);
	/* moving about is not a change */
	keys(lb, "lllvhh");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	check_result(lb, pred);
	lbt_close_lb(lb);

	/* a span's other keys stay while it is unchanged; Enter as CR */
	lb = open_text(cfg, barack, "{\"entities\": [{\"start\": 0, \"end\": 6,"
	    " \"label\": \"PER\", \"score\": 0.5}, {\"start\": 21, \"end\": 26,"
	    " \"label\": \"LOC\", \"score\": 0.25}]}", 1);
	keys(lb, "l1");		/* Obama: a new span */
	keys(lb, "\t2");		/* Paris: already LOC, unchanged */
	check_status(lb, "Already LOC");
	keys(lb, "\t2");		/* Barack, at the wrap: its score goes */
	check_status(lb, "Now LOC");
	ck_assert_int_eq(press(lb, '\r'), LB_SUBMIT);
	check_result(lb, "{\"entities\": ["
	    "{\"start\": 0, \"end\": 6, \"label\": \"LOC\"},"
	    "{\"start\": 7, \"end\": 12, \"label\": \"PER\"},"
	    "{\"start\": 21, \"end\": 26, \"label\": \"LOC\","
	    " \"score\": 0.25}]}");
	lbt_close_lb(lb);

	/* a draft of one's own is not a suggestion */
	lb = open_text(cfg, barack, pred, 0);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	lbt_close_lb(lb);
	config_free(cfg);

	/* choice: the suggested label's key accepts it as is */
	cfg = preset("sentiment", NULL, 0);
	lb = open_text(cfg, "fine", "{\"sentiment\": [\"neutral\"]}", 1);
	ck_assert_int_eq(press(lb, '2'), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_suggestion_modify)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	const char	*pred = "{\"entities\": [{\"start\": 21, \"end\": 26, "
	    "\"label\": \"LOC\"}]}";
	struct labeler	*lb = open_text(cfg, barack, pred, 1);

	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6, "
	    "\"label\": \"PER\"}, {\"start\": 21, \"end\": 26, "
	    "\"label\": \"LOC\"}]}");
	/* undo brings the suggestion back, mark and all */
	keys(lb, "u");
	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	check_result(lb, pred);
	/* deleting the suggested span makes it one's own too */
	keys(lb, "\t");
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"entities\": []}");
	lbt_close_lb(lb);
	config_free(cfg);

	cfg = preset("sentiment", NULL, 0);
	lb = open_text(cfg, "fine", "{\"sentiment\": [\"neutral\"]}", 1);
	ck_assert_int_eq(press(lb, '1'), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	check_result(lb, "{\"sentiment\": [\"positive\"]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_initial_checked)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb;

	/* out of the text, an unknown label, an overlap, not a span */
	lb = open_text(cfg, barack, "{\"entities\": ["
	    "{\"start\": 7, \"end\": 12, \"label\": \"PER\"},"
	    "{\"start\": 20, \"end\": 29, \"label\": \"LOC\"},"
	    "{\"start\": 0, \"end\": 6, \"label\": \"ORG\"},"
	    "{\"start\": 10, \"end\": 15, \"label\": \"LOC\"},"
	    "{\"start\": 0, \"end\": 6, \"label\": \"LOC\"}, 3],"
	    "\"note\": {\"kept\": true}}", 1);
	check_status(lb, "4 values of the suggestion did not fit");
	/* kept, in order; what no control knows passes through */
	check_result(lb, "{\"entities\": ["
	    "{\"start\": 0, \"end\": 6, \"label\": \"LOC\"},"
	    "{\"start\": 7, \"end\": 12, \"label\": \"PER\"}],"
	    "\"note\": {\"kept\": true}}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_several_controls)
{
	struct config	*cfg = parse("controls:\n"
	    "  - name: sentiment\n"
	    "    kind: choice\n"
	    "    labels: [{name: pos}, {name: neg}]\n"
	    "  - name: entities\n"
	    "    kind: spans\n"
	    "    labels: [{name: PER}, {name: LOC}]\n"
	    "  - name: topic\n"
	    "    kind: multichoice\n"
	    "    labels: [{name: sport}, {name: news}]\n");
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	ck_assert_str_eq(labeler_control(lb)->control->name, "sentiment");
	/* Enter names what is missing */
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing chosen for sentiment");
	/* a choice moves on to the next control still empty */
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	ck_assert_str_eq(labeler_control(lb)->control->name, "topic");
	check_status(lb, "Now topic");
	ck_assert_int_eq(press(lb, 'l'), LB_REDRAW);
	check_status(lb, "That key is for marking spans");
	keys(lb, "2");
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	ck_assert_str_eq(labeler_control(lb)->control->name, "sentiment");
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	ck_assert_str_eq(labeler_control(lb)->control->name, "entities");
	check_status(lb, "Now entities");
	keys(lb, "l1");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"sentiment\": [\"neg\"], \"entities\": "
	    "[{\"start\": 7, \"end\": 12, \"label\": \"PER\"}], "
	    "\"topic\": [\"news\"]}");
	/* undo takes back the span, the control stays */
	keys(lb, "u");
	ck_assert_str_eq(labeler_control(lb)->control->name, "entities");
	lbt_close_lb(lb);
	config_free(cfg);

	/* a rating moves on as a choice does */
	cfg = parse("controls:\n"
	    "  - {name: stars, kind: rating, max: 5}\n"
	    "  - {name: topic, kind: choice, labels: [food, tech]}\n");
	lb = open_text(cfg, "x", NULL, 0);
	ck_assert_str_eq(labeler_control(lb)->control->name, "stars");
	ck_assert_int_eq(press(lb, '4'), LB_SAVE_DRAFT);
	ck_assert_str_eq(labeler_control(lb)->control->name, "topic");
	check_status(lb, "Rated 4; now topic");
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	check_status(lb, "food chosen: Enter submits");
	keys(lb, "c");
	ck_assert_int_eq(press(lb, '5'), LB_SAVE_DRAFT);
	check_status(lb, "Rated 5: Enter submits");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"stars\": 5, \"topic\": [\"food\"]}");
	lbt_close_lb(lb);
	config_free(cfg);

	/* one control alone says so */
	cfg = preset("sentiment", NULL, 0);
	lb = open_text(cfg, "x", NULL, 0);
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	check_status(lb, "one control");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_other_keys)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);
	struct driver	*drv = lbt_of(lb)->drv;

	/* Skipping and going back are the annotate view's, quitting, help
	 * and instructions the driver's: the labeler passes them on. */
	ck_assert_int_eq(labeler_key(lb, 's'), LB_PASS);
	ck_assert_int_eq(labeler_key(lb, K_BACKSPACE), LB_PASS);
	ck_assert_int_eq(labeler_key(lb, 'q'), LB_PASS);
	ck_assert_int_eq(driver_key(drv, 'q'), VIEW_QUIT);
	ck_assert_int_eq(press(lb, '?'), LB_PASS);
	ck_assert_int_eq(drv_overlay(drv), OV_HELP);
	press(lb, 'q');			/* closes the help, and only that */
	ck_assert_int_eq(drv_overlay(drv), OV_NONE);
	ck_assert_int_eq(press(lb, K_RESIZE), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_CTRL_L), LB_PASS);
	ck_assert_int_eq(press(lb, 'i'), LB_PASS);
	check_status(lb, "no instructions");
	ck_assert_int_eq(press(lb, 'Z'), LB_PASS);
	check_status(lb, "Unknown key Z, press ? for help");
	/* a key's name in a message is escaped */
	ck_assert_int_eq(press(lb, 0x202e), LB_PASS);
	check_status(lb, "Unknown key <U+202E>");
	ck_assert_ptr_null(strstr(shown_status(lb), "\xe2\x80\xae"));
	ck_assert_int_eq(press(lb, 0x9b), LB_PASS);
	ck_assert_ptr_null(strstr(shown_status(lb), "\xc2\x9b"));
	lbt_close_lb(lb);
	config_free(cfg);

	cfg = preset("ner", "PER,LOC", 0);
	free(cfg->instructions);
	cfg->instructions = xstrdup("Mark people and places.");
	lb = open_text(cfg, "", NULL, 0);
	ck_assert_int_eq(press(lb, 'i'), LB_PASS);
	ck_assert_int_eq(drv_overlay(lbt_of(lb)->drv), OV_INSTRUCTIONS);
	press(lb, K_ESC);
	/* a text with nothing to label */
	ck_assert_int_eq(press(lb, '1'), LB_REDRAW);
	check_status(lb, "nothing to label");
	ck_assert_int_eq(press(lb, 'l'), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* On a choice, the keys of spans are free: a label may take l. */
START_TEST(test_keys_per_kind)
{
	static const char yaml[] = "controls:\n"
	    "  - {name: topic, kind: choice, labels: [{name: left, key: l},"
	    " right]}\n";
	struct config	*cfg = parse(yaml);
	struct labeler	*lb;

	ck_assert_int_eq(keymap_check_config(cfg, "test.yaml"), 0);
	lb = open_text(cfg, "a text", NULL, 0);
	ck_assert_int_eq(press(lb, 'l'), LB_SUBMIT);
	check_result(lb, "{\"topic\": [\"left\"]}");
	/* the spans' other keys say what they are for */
	ck_assert_int_eq(press(lb, 'v'), LB_REDRAW);
	check_status(lb, "That key is for marking spans in a text");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_line_cells)
{
	struct config		*cfg = preset("ner", "PER,LOC", 0);
	struct labeler		*lb = open_text(cfg, barack, NULL, 0);
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 i;

	keys(lb, "vl1lv");	/* Barack Obama PER; select from visited */
	keys(lb, "l");
	labeler_line_cells(lb, 0, &cells);
	ck_assert_uint_eq(cells.n, 28);
	for (i = 0; i < cells.n; i++) {
		const struct text_cell	*c = &cells.v[i];

		ck_assert_uint_eq(c->cp, i);
		ck_assert_int_eq(!!(c->attr & TEXT_SPAN), i < 12);
		ck_assert_int_eq(c->label, i < 12 ? 0 : -1);
		ck_assert_int_eq(!!(c->attr & TEXT_SPAN_START), i == 0);
		ck_assert_int_eq(!!(c->attr & TEXT_SELECTED),
		    i >= 13 && i < 26);
		ck_assert_int_eq(!!(c->attr & TEXT_CURSOR),
		    i >= 21 && i < 26);
	}
	text_cells_release(&cells);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_injection_cells)
{
	struct config		*cfg = preset("ner", "PER,LOC", 0);
	const char		*s = "a\x1b]0;PWNED\x07" "b\x1b[2Jc\rd";
	struct labeler		*lb = open_text(cfg, s, NULL, 0);
	struct text_cells	 cells = TEXT_CELLS_INIT;
	struct buf		 line = BUF_INIT;
	size_t			 i;

	labeler_line_cells(lb, 0, &cells);
	for (i = 0; i < cells.n; i++)
		buf_addstr(&line, cells.v[i].str);
	ck_assert_str_eq(buf_str(&line), "a^[]0;PWNED^Gb^[[2Jc^Md");
	ck_assert_ptr_null(strpbrk(buf_str(&line), "\x1b\x07\r"));
	/* the ESC is a token of its own, and labels count it */
	keys(lb, "l1");
	check_result(lb, "{\"entities\": [{\"start\": 1, \"end\": 2, "
	    "\"label\": \"PER\"}]}");
	buf_release(&line);
	text_cells_release(&cells);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* What the labeler submits, the store's own check accepts. */
static void
check_valid(const struct labeler *lb, const struct config *cfg,
    const char *text)
{
	struct answer_task	 task = { text, text ? strlen(text) : 0, 0, 0,
				     0, 0 };
	json_t			*r = labeler_result(lb);
	char			 err[256] = "";

	ck_assert_msg(answer_check(cfg, r, &task, 0, err, sizeof err) == 0,
	    "result refused: %s", err);
	json_decref(r);
}

START_TEST(test_results_valid)
{
	struct config	*cfg = parse("controls:\n"
	    "  - {name: sentiment, kind: choice, labels: [{name: pos}, "
	    "{name: neg}]}\n"
	    "  - {name: entities, kind: spans, labels: [{name: PER}, "
	    "{name: LOC}]}\n"
	    "  - {name: topic, kind: multichoice, labels: [{name: a}, "
	    "{name: b}]}\n"
	    "  - {name: stars, kind: rating, max: 3}\n");
	const char	*cjk = "\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xab "
	    "Caf\xc3\xa9 \xf0\x9f\x98\x80 ok";
	struct labeler	*lb = open_text(cfg, cjk, NULL, 0);

	check_valid(lb, cfg, cjk);		/* nothing yet */
	keys(lb, "1");				/* sentiment, on to topic */
	keys(lb, "12");				/* both topics, then stars */
	keys(lb, "c3cc");			/* 3 stars; entities */
	ck_assert_str_eq(labeler_control(lb)->control->name, "entities");
	keys(lb, "vl1lll2");			/* 東京 PER, 😀 LOC */
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"sentiment\": [\"pos\"], \"entities\": ["
	    "{\"start\": 0, \"end\": 2, \"label\": \"PER\"},"
	    "{\"start\": 9, \"end\": 10, \"label\": \"LOC\"}],"
	    " \"topic\": [\"a\", \"b\"], \"stars\": 3}");
	check_valid(lb, cfg, cjk);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* A text control is written in the driver's prompt: e opens it with the
 * text so far, Enter keeps it, Esc leaves it as it was; Enter submits only
 * when it has a value. */
START_TEST(test_text_control)
{
	struct config	*cfg = parse("controls:\n"
	    "  - {name: note, kind: text}\n");
	struct labeler	*lb = open_text(cfg, "Some text", NULL, 0);
	struct driver	*drv = lbt_of(lb)->drv;

	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing written for note: press e to write it");
	ck_assert_int_eq(press(lb, 'e'), LB_REDRAW);
	ck_assert_str_eq(drv_prompt_text(drv), "");
	keys(lb, "fine q");		/* q is text here */
	ck_assert_int_eq(press(lb, K_ENTER), LB_SAVE_DRAFT);
	check_result(lb, "{\"note\": \"fine q\"}");
	check_status(lb, "Written: Enter submits");
	/* Esc keeps what was written; e shows it again to edit. */
	press(lb, 'e');
	ck_assert_str_eq(drv_prompt_text(drv), "fine q");
	keys(lb, "xx");
	press(lb, K_ESC);
	check_result(lb, "{\"note\": \"fine q\"}");
	/* Undo takes it back. */
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{}");
	keys(lb, "eok\n");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
	/* multiline: Enter is a line break, ^D keeps it */
	cfg = parse("controls:\n  - {name: note, kind: text, multiline:"
	    " true}\n");
	lb = open_text(cfg, "Some text", NULL, 0);
	keys(lb, "ea\nb\x04");
	check_result(lb, "{\"note\": \"a\\nb\"}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* t's hints: one letter each while the tokens in sight fit the letters,
 * else the first ones one letter and the rest two, every hint distinct and
 * none a prefix of another. */
START_TEST(test_hint_names)
{
	static const size_t	 ns[] = { 1, 5, 26, 27, 40, 300, 676 };
	char			 a[3], b[3];
	size_t			 i, j, k, n, len;

	ck_assert_uint_eq(labeler_hint_name(0, 5, a), 1);
	ck_assert_str_eq(a, "a");
	labeler_hint_name(4, 5, a);
	ck_assert_str_eq(a, "g");
	labeler_hint_name(25, 26, a);
	ck_assert_str_eq(a, "m");
	for (k = 0; k < sizeof ns / sizeof ns[0]; k++) {
		n = ns[k];
		for (i = 0; i < n; i++) {
			len = labeler_hint_name(i, n, a);
			ck_assert_msg(len == (n <= 26 ? 1u : len) && len >= 1 &&
			    len <= 2, "hint %zu of %zu: %s", i, n, a);
			for (j = 0; j < i; j++) {
				labeler_hint_name(j, n, b);
				ck_assert_msg(strncmp(a, b, strlen(b)) != 0 &&
				    strncmp(a, b, strlen(a)) != 0,
				    "%zu of %zu: %s and %s", i, n, a, b);
			}
		}
	}
	/* 40 tokens: as many single letters as leave room for the rest */
	ck_assert_uint_eq(labeler_hint_name(0, 40, a), 1);
	ck_assert_uint_eq(labeler_hint_name(39, 40, a), 2);
	ck_assert_uint_eq(labeler_hint_name(676, 676, a), 0);
}
END_TEST

/* Jumps: t then a hint goes to any token in sight; in capitals it selects
 * that token and the next; with a selection, a jump extends it; L and H
 * select from the cursor; w and b move five tokens. */
START_TEST(test_hint_jumps)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, NULL, 0);

	labeler_set_view(lb, 78, 18);
	/* Barack Obama visited Paris . : hints a s d f g */
	ck_assert_int_eq(press(lb, 't'), LB_REDRAW);
	ck_assert_int_eq(lb->hinting, 1);
	check_status(lb, "Jump: type a token's hint");
	check_screen_has(lb, " aarack sbama disited faris g");
	keys(lb, "f");
	ck_assert_uint_eq(lb->cursor, 3);
	ck_assert_int_eq(lb->hinting, 0);
	check_screen_has(lb, " Barack Obama visited Paris .");
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	check_result(lb, "{\"entities\": [{\"start\": 21, \"end\": 26, "
	    "\"label\": \"LOC\"}]}");
	/* a capital selects two: t A 1 is Barack Obama */
	keys(lb, "tA1");
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 12, "
	    "\"label\": \"PER\"}, {\"start\": 21, \"end\": 26, "
	    "\"label\": \"LOC\"}]}");
	/* a second jump extends the selection: v at Obama, t d */
	keys(lb, "u");
	keys(lb, "tsvtd");
	ck_assert_int_eq(lb->anchored, 1);
	ck_assert_uint_eq(lb->anchor, 1);
	ck_assert_uint_eq(lb->cursor, 2);
	check_screen_has(lb, "Selecting \"Obama visited\"");
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	/* no such hint: said, still jumping; Esc cancels */
	keys(lb, "t");
	ck_assert_int_eq(press(lb, 'z'), LB_REDRAW);
	check_status(lb, "No token has the hint z");
	ck_assert_int_eq(lb->hinting, 1);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	ck_assert_int_eq(lb->hinting, 0);
	/* a key that is no hint ends the jump and does what it does */
	keys(lb, "ta");
	keys(lb, "t");
	ck_assert_int_eq(press(lb, K_RIGHT), LB_REDRAW);
	ck_assert_int_eq(lb->hinting, 0);
	ck_assert_uint_eq(lb->cursor, 1);
	/* L selects from the cursor and extends; H the other way */
	keys(lb, "hLL");
	ck_assert_int_eq(lb->anchored, 1);
	ck_assert_uint_eq(lb->anchor, 0);
	ck_assert_uint_eq(lb->cursor, 2);
	keys(lb, "H");
	ck_assert_uint_eq(lb->cursor, 1);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	/* w and b: five tokens at once, stopping at the ends */
	keys(lb, "w");
	ck_assert_uint_eq(lb->cursor, 4);
	keys(lb, "b");
	ck_assert_uint_eq(lb->cursor, 0);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Only the tokens in sight have hints; more than the letters take two,
 * the first typed narrowing the hints to those it starts. */
START_TEST(test_hint_two_letters)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct buf	 text = BUF_INIT;
	struct labeler	*lb;
	char		 h[3];
	int		 i;

	for (i = 0; i < 60; i++)
		buf_printf(&text, "w%d ", i);
	lb = open_text(cfg, buf_str(&text), NULL, 0);
	labeler_set_view(lb, 20, 3);
	/* 20 columns, 3 rows: "w0 w1 w2 w3 w4 w5 " holds six a line */
	keys(lb, "t");
	ck_assert_int_eq(labeler_hint(lb, 0, h), 1);
	ck_assert_str_eq(h, "a");
	ck_assert_int_eq(labeler_hint(lb, 17, h), 1);
	ck_assert_int_eq(labeler_hint(lb, 18, h), 0);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	lb->top = 0;
	labeler_set_view(lb, 200, 3);
	keys(lb, "t");
	/* 60 tokens in sight: 26 letters cannot hold them */
	ck_assert_int_eq(labeler_hint(lb, 59, h), 1);
	ck_assert_uint_eq(strlen(h), 2);
	keys(lb, (char[2]){ h[0], '\0' });
	ck_assert_int_eq(lb->hinting, 1);
	ck_assert_int_eq(labeler_hint(lb, 0, h), 0);
	ck_assert_int_eq(labeler_hint(lb, 59, h), 1);
	ck_assert_uint_eq(strlen(h), 1);
	keys(lb, h);
	ck_assert_int_eq(lb->hinting, 0);
	ck_assert_uint_eq(lb->cursor, 59);
	lbt_close_lb(lb);
	buf_release(&text);
	config_free(cfg);
}
END_TEST

/* keymap_configure over a person's keys (person: the mapping, as YAML)
 * and a project's config. */
static int
configure(const char *person, const char *project_yaml)
{
	struct config	*cfg = parse(project_yaml);
	struct keybinds	 keys = KEYBINDS_INIT;
	struct ydoc	 y = YDOC_INIT;
	const yaml_node_t *root;
	int		 rc;

	if (person != NULL) {
		/* person is the keys: mapping itself */
		ck_assert_int_eq(ydoc_load(&y, person, strlen(person),
		    "me.yaml", &root), 0);
		ck_assert_int_eq(keybinds_parse(&y, root, &keys), 0);
	}
	rc = keymap_configure(&keys, "me.yaml", cfg, "p.yaml");
	ydoc_release(&y);
	keybinds_release(&keys);
	config_free(cfg);
	return rc;
}

#define PLAIN_NER	"controls:\n  - {name: e, kind: spans, labels: [A]}\n"

/* Keys a person and a project choose: the project's wins for a request
 * both name; the labeler, the help and the key names follow; what
 * cannot be bound is refused at FILE:LINE:COLUMN and the table is left
 * at its defaults. */
START_TEST(test_remap)
{
	struct config	*cfg;
	struct labeler	*lb;
	struct buf	 b = BUF_INIT;

	errors_keep();
	ck_assert_int_eq(configure("undo: U\nskip: z\n",
	    "keys:\n  skip: S\n  next_token: Delete\n" PLAIN_NER), 0);
	ck_assert_int_eq(keymap_key_of(REQ_SKIP), 'S');
	ck_assert_int_eq(keymap_key_of(REQ_UNDO), 'U');
	ck_assert_int_eq(keymap_request(KS_TASKS, KEYS_ANY, 's'), REQ_NONE);
	ck_assert_int_eq(keymap_request(KS_TASKS, KEYS_ANY, 'z'), REQ_NONE);
	/* the alternative key stays */
	ck_assert_int_eq(keymap_request(KS_LABELER, KEYS_MARK, K_RIGHT),
	    REQ_NEXT_TOKEN);
	keymap_help(&b, KS_LABELLING, KEYS_MARK);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "  S                skip"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b),
	    "  Delete, Right    next token"));
	ck_assert_ptr_null(strstr(buf_str(&b), "  l, Right"));
	/* the labeler takes the new keys and says them */
	cfg = preset("ner", "PER,LOC", 0);
	lb = open_text(cfg, barack, NULL, 0);
	ck_assert_int_eq(press(lb, 'l'), LB_PASS);
	ck_assert_uint_eq(lb->cursor, 0);
	press(lb, K_DELETE);
	ck_assert_uint_eq(lb->cursor, 1);
	keys(lb, "1U");
	check_status(lb, "Undone");
	ck_assert_int_eq(press(lb, 'u'), LB_PASS);
	keys(lb, "1");
	check_screen_has(lb, "\"Obama\" is PER: x deletes it");
	lbt_close_lb(lb);
	config_free(cfg);
	keymap_reset();
	ck_assert_int_eq(keymap_key_of(REQ_SKIP), 's');

	/* refusals, each at its place */
	ck_assert_int_eq(configure("skipp: S\n", PLAIN_NER), -1);
	ck_assert_str_eq(last_error, "me.yaml:1:1: keys: no request is named"
	    " \"skipp\" (scalec-config(5) lists them: skip, undo, next_token,"
	    " ...)");
	ck_assert_int_eq(keymap_key_of(REQ_SKIP), 's');
	ck_assert_int_eq(configure("skip: ab\n", PLAIN_NER), -1);
	ck_assert_ptr_nonnull(strstr(last_error, "me.yaml:1:7: keys: \"ab\" for"
	    " skip is not a key: write one character or one of Enter, Esc"));
	ck_assert_int_eq(configure(NULL, "keys:\n  skip: '4'\n" PLAIN_NER),
	    -1);
	ck_assert_str_eq(last_error, "p.yaml:2:9: keys: skip cannot take 4:"
	    " the digits are the labels' keys");
	/* two requests on one key: a default, or the other map's */
	ck_assert_int_eq(configure("skip: u\n", PLAIN_NER), -1);
	ck_assert_str_eq(last_error, "me.yaml:1:7: keys: skip and undo would"
	    " both take key \"u\" (by default); give one another key");
	ck_assert_int_eq(keymap_key_of(REQ_SKIP), 's');
	ck_assert_int_eq(configure("skip: z\n",
	    "keys:\n  undo: z\n" PLAIN_NER), -1);
	/* at the person's: theirs is the one to change */
	ck_assert_str_eq(last_error, "me.yaml:1:7: keys: skip and undo would"
	    " both take key \"z\" (keys: at p.yaml:2:9); give one another"
	    " key");
	/* spans movement and a choice's scrolling may share a key: they
	 * never hold at once; two spans requests may not */
	ck_assert_int_eq(configure("next_token: J\nscroll_down: J\n",
	    PLAIN_NER), 0);
	ck_assert_int_eq(configure("next_token: w\n", PLAIN_NER),
	    -1);
	ck_assert_str_eq(last_error, "me.yaml:1:13: keys: next_token and"
	    " tokens_next would both take key \"w\" (by default); give one"
	    " another key");
	/* a label's key that a request now takes */
	ck_assert_int_eq(configure("skip: z\n", "controls:\n  - {name: e, kind:"
	    " spans, labels: [{name: A, key: z}]}\n"), -1);
	ck_assert_str_eq(last_error, "p.yaml:2:52: label \"A\" takes key \"z\","
	    " which the screens reserve for \"skip this task\" (keys: at"
	    " me.yaml:1:7)");
	/* and one a request gave up is free for a label */
	ck_assert_int_eq(configure("skip: z\n", "controls:\n  - {name: e, kind:"
	    " spans, labels: [{name: A, key: s}]}\n"), 0);
	keymap_reset();
	buf_release(&b);
	errors_drop();
}
END_TEST

/* A multichoice that allows none submits an empty list: "none of these
 * apply" is an answer; one that does not says how to choose. */
START_TEST(test_allow_empty)
{
	struct config	*cfg = parse("controls:\n"
	    "  - {name: tags, kind: multichoice, allow_empty: true,"
	    " labels: [a, b]}\n");
	struct labeler	*lb = open_text(cfg, "x", NULL, 0);

	ck_assert_ptr_null(labeler_missing(lb));
	/* the screen and a toggle back to none say what Enter does */
	check_screen_has(lb, "None chosen: Enter records that none apply");
	keys(lb, "1");
	check_status(lb, "a chosen");
	keys(lb, "1");
	check_status(lb, "a taken off: none chosen, Enter records that none"
	    " apply");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	check_result(lb, "{\"tags\": []}");
	lbt_close_lb(lb);
	config_free(cfg);
	cfg = parse("controls:\n  - {name: tags, kind: multichoice, labels:"
	    " [a, b]}\n");
	lb = open_text(cfg, "x", NULL, 0);
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "Nothing chosen for tags");
	check_result(lb, "{}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Read only, a change is refused where it would be made, with the
 * reason; moving and Enter still work. */
START_TEST(test_readonly)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct labeler	*lb = open_text(cfg, barack, "{\"entities\":"
	    " [{\"start\": 0, \"end\": 6, \"label\": \"PER\"}]}", 0);

	labeler_set_readonly(lb, "reviewed: it cannot change");
	ck_assert_int_eq(press(lb, '2'), LB_REDRAW);
	check_status(lb, "reviewed: it cannot change");
	ck_assert_int_eq(press(lb, 'x'), LB_REDRAW);
	ck_assert_int_eq(press(lb, 'u'), LB_REDRAW);
	keys(lb, "lv2");
	ck_assert_uint_eq(lb->cursor, 1);
	check_result(lb, "{\"entities\": [{\"start\": 0, \"end\": 6,"
	    " \"label\": \"PER\"}]}");
	ck_assert_uint_eq(lb->nundo, 0);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Every request is in the one table with a key that leads back to it,
 * and the help of a screen lists it with its help where it applies. */
START_TEST(test_help_table)
{
	const struct keymap_entry	*t;
	struct buf			 b = BUF_INIT;
	int				 n, i, seen[REQ__COUNT] = { 0 };
	enum request			 r;

	t = keymap_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].req == REQ_NONE)
			continue;
		ck_assert_msg(t[i].key != K_NONE, "%s has no key", t[i].help);
		ck_assert_int_eq(keymap_request(t[i].scope, t[i].groups,
		    t[i].key), t[i].req);
		if (t[i].alt != K_NONE)
			ck_assert_int_eq(keymap_request(t[i].scope,
			    t[i].groups, t[i].alt), t[i].req);
		buf_reset(&b);
		keymap_help(&b, t[i].scope, t[i].groups);
		ck_assert_msg(strstr(buf_str(&b), t[i].help) != NULL,
		    "the help lacks \"%s\"", t[i].help);
		seen[t[i].req] = 1;
	}
	for (r = REQ_NONE + 1; r < REQ__COUNT; r++)
		ck_assert_msg(seen[r], "request %d is not in the table", r);
	/* No two defaults share a key where both hold (the check a keys:
	 * map gets, keymap_configure, passes over the defaults). */
	for (i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			ck_assert_msg(t[i].req == REQ_NONE ||
			    t[j].req == REQ_NONE ||
			    !KS_MEET(t[i].scope, t[j].scope) ||
			    !(t[i].groups & t[j].groups) ||
			    (t[i].key != t[j].key && t[i].key != t[j].alt &&
			    (t[i].alt == K_NONE || (t[i].alt != t[j].key &&
			    t[i].alt != t[j].alt))),
			    "\"%s\" and \"%s\" share a key", t[i].help,
			    t[j].help);
	ck_assert_str_eq(keymap_key_name(keymap_key_of(REQ_PREV_SPAN)),
	    "S-Tab");
	/* A choice screen's help has no span movement; a spans one has. */
	buf_reset(&b);
	keymap_help(&b, KS_LABELLING, KEYS_CHOOSE);
	ck_assert_ptr_null(strstr(buf_str(&b), "next token"));
	ck_assert_ptr_null(strstr(buf_str(&b), "Moving (spans)"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "scroll the text down"));
	buf_reset(&b);
	keymap_help(&b, KS_LABELLING, KEYS_MARK);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "l, Right"));
	ck_assert_ptr_null(strstr(buf_str(&b), "scroll the text down"));
	buf_release(&b);
}
END_TEST

START_TEST(test_large_text)
{
	struct config	*cfg = preset("ner", "PER,LOC", 0);
	struct buf	 b = BUF_INIT;
	struct labeler	*lb;
	int		 i;

	while (b.len < 10 * 1024 * 1024)
		buf_addstr(&b, "Angela Merkel met Emmanuel Macron in "
		    "Br\xc3\xbcssel. ");
	buf_addstr(&b, "Zanzibar");
	lb = open_text(cfg, b.data, NULL, 0);
	labeler_set_view(lb, 80, 20);
	labeler_set_view(lb, 120, 30);
	for (i = 0; i < 100; i++)
		press(lb, K_DOWN);
	ck_assert_uint_eq(lb->top, 100 - 29);
	keys(lb, "/Zanzibar\n1");
	ck_assert_uint_eq(lb->cursor, lb->text->ntokens - 1);
	ck_assert_uint_eq(lb->top, lb->layout->nlines - 30);
	ck_assert_uint_eq(lb->controls[0].v->nspans, 1);
	ck_assert_uint_eq(lb->controls[0].v->spans[0].end, lb->text->ncp);
	lbt_close_lb(lb);
	buf_release(&b);
	config_free(cfg);
}
END_TEST

/* Boxes: a labeler on a 160 x 120 picture (a PPM of ours, so that the
 * image display has one to show), its boxes control current. */
static const char boxes_yaml[] = "controls:\n"
    "  - {name: boxes, kind: boxes, labels: [circle, square]}\n";

static struct labeler *
open_boxes(const struct config *cfg, const char *initial, int pred)
{
	static char	 path[] = "/tmp/check_labeler_XXXXXX";
	static int	 made;
	struct lb_task	 task = { .image = path, .width = 160, .height = 120 };
	json_error_t	 err;
	json_t		*j = NULL;
	struct labeler	*lb;
	FILE		*f;
	int		 fd, i;

	if (!made) {
		ck_assert_int_ne(fd = mkstemp(path), -1);
		ck_assert_ptr_nonnull(f = fdopen(fd, "w"));
		fprintf(f, "P6\n160 120\n255\n");
		for (i = 0; i < 160 * 120; i++)
			fputs("\x80\x40\x20", f);
		fclose(f);
		made = 1;
	}
	if (initial != NULL)
		ck_assert_ptr_nonnull(j = json_loads(initial, 0, &err));
	lb = lbt_open_task(cfg, &task, j, pred);
	json_decref(j);
	return lb;
}

static void
keyseq(struct labeler *lb, const int *k)
{
	for (; *k != 0; k++)
		press(lb, *k);
}

/* Steps are a 64th of what is in sight: 2.5 pixels at zoom 1, 0.625 at
 * zoom 4; a corner is where the crosshair was, whatever the zoom. */
START_TEST(test_boxes_draw)
{
	struct config	*cfg = parse(boxes_yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);

	ck_assert(lb->draw != NULL);
	ck_assert_int_eq(labeler_groups(lb), KEYS_DRAW | KEYS_BOXES | KEYS_IMAGE);
	ck_assert(lb->draw->cx == 80 && lb->draw->cy == 60);
	ck_assert_int_eq(keys(lb, "llll"), LB_REDRAW);
	ck_assert(lb->draw->cx == 90);
	ck_assert_int_eq(press(lb, 'v'), LB_REDRAW);
	ck_assert_int_eq(keys(lb, "LJ"), LB_REDRAW);
	ck_assert(lb->draw->cx == 110 && lb->draw->cy == 80);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [{\"x\": 90, \"y\": 60, \"width\": 20,"
	    " \"height\": 20, \"label\": \"circle\"}]}");
	/* zoom 4 around the crosshair (z twice): the same box, finer
	 * steps */
	ck_assert_int_eq(keys(lb, "zz"), LB_REDRAW);
	ck_assert_int_eq(lb->draw->zoom, 4);
	check_status(lb, "a step is 0.625 pixels");
	ck_assert(lb->draw->vx == 90 && lb->draw->vy == 65);
	ck_assert_int_eq(keys(lb, "hhhhv"), LB_REDRAW);
	ck_assert(lb->draw->ax == 107.5 && lb->draw->ay == 80);
	ck_assert_int_eq(keys(lb, "Lj"), LB_REDRAW);
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [{\"x\": 90, \"y\": 60, \"width\": 20,"
	    " \"height\": 20, \"label\": \"circle\"}, {\"x\": 107.5, \"y\": 80,"
	    " \"width\": 5, \"height\": 0.625, \"label\": \"square\"}]}");
	ck_assert_int_eq(keys(lb, "++"), LB_REDRAW);
	check_status(lb, "Zoomed in as far as it goes (8x)");
	ck_assert_int_eq(keys(lb, "ZZ--"), LB_REDRAW);
	check_status(lb, "Not zoomed in");
	/* the crosshair stops at the image's edges */
	ck_assert_int_eq(keys(lb, "LLLLLLLLKKKKKKKK"), LB_REDRAW);
	ck_assert(lb->draw->cx == 160 && lb->draw->cy == 0);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* z and Z zoom over any image, a classification's too, around the
 * crosshair, and store nothing; a label's key or a keys: on z or Z takes
 * it (the help says whose it is), + and - still zoom; a keys: that gives
 * the zoom a drawing key is refused as any two requests on one key. */
/* Zoomed in on a classification's image (no crosshair): the arrows and
 * hjkl move the view a quarter of itself, inside the image; not zoomed,
 * they are not the view's; digits stay labels; a label on l takes l
 * (Right still pans). */
START_TEST(test_pan_keys)
{
	static const char choice[] = "controls:\n"
	    "  - {name: kind, kind: choice, labels: [cat, dog]}\n";
	static const char lion[] = "controls:\n"
	    "  - {name: kind, kind: choice, labels: [{name: lion, key: l},"
	    " dog]}\n";
	struct config	*cfg = parse(choice);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);
	struct buf	 b = BUF_INIT;

	ck_assert_int_eq(labeler_groups(lb), KEYS_CHOOSE | KEYS_IMAGE);
	press(lb, 'l');
	ck_assert(lb->draw->cx == 80 && lb->draw->vx == 0);
	ck_assert_int_eq(press(lb, 'z'), LB_REDRAW);
	check_status(lb, "Zoom 2x around 80, 60: h j k l pan");
	ck_assert_int_eq(labeler_groups(lb), KEYS_CHOOSE | KEYS_IMAGE |
	    KEYS_PAN);
	ck_assert(lb->draw->vx == 40 && lb->draw->vy == 30);
	ck_assert_int_eq(press(lb, 'l'), LB_REDRAW);
	ck_assert(lb->draw->vx == 60 && lb->draw->vy == 30);
	check_status(lb, "Zoom 2x around 100, 60");
	ck_assert_int_eq(keys(lb, "ll"), LB_REDRAW);
	ck_assert(lb->draw->vx == 80);
	ck_assert_int_eq(press(lb, K_DOWN), LB_REDRAW);
	ck_assert(lb->draw->vy == 45);
	ck_assert_int_eq(keys(lb, "kkk"), LB_REDRAW);
	ck_assert(lb->draw->vy == 0);
	ck_assert_int_eq(press(lb, K_LEFT), LB_REDRAW);
	ck_assert(lb->draw->vx == 60);
	ck_assert_int_eq(press(lb, 'h'), LB_REDRAW);
	ck_assert(lb->draw->vx == 40);
	/* zoomed in again, around where the view is */
	ck_assert_int_eq(press(lb, 'z'), LB_REDRAW);
	ck_assert(lb->draw->vx == 60 && lb->draw->vy == 15);
	keymap_help(&b, KS_LABELLING, labeler_groups(lb));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "pan left"));
	ck_assert_int_eq(press(lb, '2'), LB_SUBMIT);
	check_result(lb, "{\"kind\": [\"dog\"]}");
	lbt_close_lb(lb);
	config_free(cfg);

	errors_keep();
	ck_assert_int_eq(configure(NULL, lion), 0);
	cfg = parse(lion);
	lb = open_boxes(cfg, NULL, 0);
	ck_assert_int_eq(press(lb, 'z'), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_RIGHT), LB_REDRAW);
	ck_assert(lb->draw->vx == 60);
	ck_assert_int_eq(press(lb, 'l'), LB_SUBMIT);
	check_result(lb, "{\"kind\": [\"lion\"]}");
	lbt_close_lb(lb);
	config_free(cfg);
	keymap_reset();
	buf_release(&b);
	errors_drop();
}
END_TEST

START_TEST(test_zoom_keys)
{
	static const char choice[] = "controls:\n"
	    "  - {name: kind, kind: choice, labels: [cat, dog]}\n";
	static const char zebra[] = "controls:\n"
	    "  - {name: kind, kind: choice, labels: [{name: zebra, key: z},"
	    " dog]}\n";
	struct config	*cfg = parse(choice);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);
	struct buf	 b = BUF_INIT;

	ck_assert_int_eq(labeler_groups(lb), KEYS_CHOOSE | KEYS_IMAGE);
	ck_assert_ptr_nonnull(lb->draw);
	ck_assert_int_eq(press(lb, 'z'), LB_REDRAW);
	ck_assert_int_eq(lb->draw->zoom, 2);
	check_status(lb, "Zoom 2x around 80, 60");
	ck_assert(lb->draw->vx == 40 && lb->draw->vy == 30);
	ck_assert_int_eq(keys(lb, "zzz"), LB_REDRAW);
	check_status(lb, "Zoomed in as far as it goes (8x)");
	ck_assert(lb->draw->vx == 70 && lb->draw->vy == 52.5);
	ck_assert_int_eq(keys(lb, "Z-"), LB_REDRAW);
	ck_assert_int_eq(lb->draw->zoom, 2);
	ck_assert_int_eq(keys(lb, "ZZ"), LB_REDRAW);
	check_status(lb, "Not zoomed in");
	ck_assert(lb->draw->vx == 0 && lb->draw->vy == 0);
	ck_assert_int_eq(keys(lb, "z+"), LB_REDRAW);
	ck_assert_int_eq(press(lb, '1'), LB_SUBMIT);
	check_result(lb, "{\"kind\": [\"cat\"]}");
	lbt_close_lb(lb);
	config_free(cfg);
	/* a text has no zoom: z is free */
	cfg = parse(choice);
	lb = open_text(cfg, "a text", NULL, 0);
	ck_assert_int_eq(press(lb, 'z'), LB_PASS);
	lbt_close_lb(lb);
	config_free(cfg);

	/* a label on z: z labels, + zooms, and the help says so */
	errors_keep();
	ck_assert_int_eq(configure(NULL, zebra), 0);
	ck_assert_int_eq(keymap_key_of(REQ_ZOOM_IN), '+');
	ck_assert_int_eq(keymap_key_of(REQ_ZOOM_OUT), 'Z');
	keymap_help(&b, KS_LABELLING, KEYS_CHOOSE | KEYS_IMAGE);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "  +                zoom in"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "; z is label zebra's here"));
	cfg = parse(zebra);
	lb = open_boxes(cfg, NULL, 0);
	ck_assert_int_eq(press(lb, '+'), LB_REDRAW);
	ck_assert_int_eq(lb->draw->zoom, 2);
	ck_assert_int_eq(press(lb, 'z'), LB_SUBMIT);
	check_result(lb, "{\"kind\": [\"zebra\"]}");
	lbt_close_lb(lb);
	config_free(cfg);
	/* a keys: on Z: undo's, - zooms out */
	ck_assert_int_eq(configure("undo: Z\n", choice), 0);
	ck_assert_int_eq(keymap_key_of(REQ_ZOOM_OUT), '-');
	ck_assert_int_eq(keymap_request(KS_LABELER, KEYS_CHOOSE | KEYS_IMAGE,
	    'Z'), REQ_UNDO);
	buf_reset(&b);
	keymap_help(&b, KS_LABELLING, KEYS_CHOOSE | KEYS_IMAGE);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "; Z is undo's here"));
	/* the zoom moved onto a drawing key */
	ck_assert_int_eq(configure("zoom_in: x\n", boxes_yaml), -1);
	ck_assert_str_eq(last_error, "me.yaml:1:10: keys: zoom_in and"
	    " delete_polygon would both take key \"x\" (by default); give one"
	    " another key");
	keymap_reset();
	ck_assert_int_eq(keymap_key_of(REQ_ZOOM_IN), 'z');
	buf_release(&b);
	errors_drop();
}
END_TEST

/* Boxes and polygons on one image: one selection over both, Tab and
 * S-Tab walking every shape in the config's order; x, a label's key and
 * u act on the selected one, whatever its kind; both are drawn. */
START_TEST(test_shared_selection)
{
	static const char yaml[] = "controls:\n"
	    "  - {name: boxes, kind: boxes, labels: [circle, square]}\n"
	    "  - {name: regions, kind: polygons, labels: [car, road]}\n";
	struct config	*cfg = parse(yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);

	ck_assert_uint_eq(lb->current, 0);
	ck_assert_int_eq(keys(lb, "vLJ"), LB_REDRAW);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, 'c'), LB_REDRAW);
	ck_assert_uint_eq(lb->current, 1);
	ck_assert_int_eq(keys(lb, "HH.L.J."), LB_REDRAW);
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [{\"x\": 80, \"y\": 60, \"width\": 20,"
	    " \"height\": 20, \"label\": \"circle\"}], \"regions\":"
	    " [{\"points\": [[60, 80], [80, 80], [80, 100]], \"label\":"
	    " \"car\"}]}");
	/* Tab: the box first (the boxes control's), then the polygon */
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->current, 0);
	ck_assert_int_eq(lb->draw->selected, 0);
	check_status(lb, "Box 1 of 1, circle");
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->current, 1);
	ck_assert_int_eq(lb->draw->selected, 0);
	check_status(lb, "Polygon 1 of 1, car");
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_uint_eq(lb->current, 0);
	check_status(lb, "Box 1 of 1, circle");
	ck_assert_int_eq(press(lb, K_BTAB), LB_REDRAW);
	check_status(lb, "Polygon 1 of 1, car");
	ck_assert_int_eq(press(lb, K_BTAB), LB_REDRAW);
	check_status(lb, "Box 1 of 1, circle");
	/* a label's key relabels the box with the boxes' labels */
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	check_status(lb, "Box 1 relabelled square");
	/* x on the polygon deletes the polygon, u brings it back */
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "Polygon 1 of 1, car");
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [{\"x\": 80, \"y\": 60, \"width\": 20,"
	    " \"height\": 20, \"label\": \"square\"}], \"regions\": []}");
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [{\"x\": 80, \"y\": 60, \"width\": 20,"
	    " \"height\": 20, \"label\": \"square\"}], \"regions\":"
	    " [{\"points\": [[60, 80], [80, 80], [80, 100]], \"label\":"
	    " \"car\"}]}");
	/* the box selected, x deletes the box */
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "Box 1 of 1, square");
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	check_result(lb, "{\"boxes\": [], \"regions\": [{\"points\":"
	    " [[60, 80], [80, 80], [80, 100]], \"label\": \"car\"}]}");
	/* one shape left: Tab stays on it */
	ck_assert_int_eq(keys(lb, "\t\t"), LB_REDRAW);
	check_status(lb, "Polygon 1 of 1, car");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* test_boxes_edit's boxes, as they are and with the first resized. */
static const char two_boxes[] = "{\"boxes\": [{\"x\": 10, \"y\": 10,"
    " \"width\": 20, \"height\": 20, \"label\": \"circle\"}, {\"x\": 50,"
    " \"y\": 50, \"width\": 10, \"height\": 10, \"label\": \"square\"}]}";
static const char resized[] = "{\"boxes\": [{\"x\": 10, \"y\": 5,"
    " \"width\": 25, \"height\": 25, \"label\": \"circle\"}, {\"x\": 50,"
    " \"y\": 50, \"width\": 10, \"height\": 10, \"label\": \"square\"}]}";

START_TEST(test_boxes_edit)
{
	struct config	*cfg = parse(boxes_yaml);
	struct labeler	*lb = open_boxes(cfg, two_boxes, 0);
	static const int resize[] = { 'r', 'l', 'l', 'r', 'k', 'k', K_ENTER, 0 };
	unsigned	 gen;

	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	ck_assert_int_eq(lb->draw->selected, 0);
	check_status(lb, "Box 1 of 2, circle");
	ck_assert_int_eq(press(lb, K_BTAB), LB_REDRAW);
	ck_assert_int_eq(lb->draw->selected, 1);
	/* relabel, delete, undo both */
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	check_status(lb, "Box 2 relabelled circle");
	gen = lb->draw->gen;
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	ck_assert_uint_gt(lb->draw->gen, gen);
	check_result(lb, "{\"boxes\": [{\"x\": 10, \"y\": 10, \"width\": 20,"
	    " \"height\": 20, \"label\": \"circle\"}]}");
	ck_assert_int_eq(press(lb, 'x'), LB_REDRAW);
	check_status(lb, "No box selected");
	ck_assert_int_eq(keys(lb, "uu"), LB_SAVE_DRAFT);
	check_result(lb, two_boxes);
	/* resize: the far corner right 2 steps, the near one up 2 */
	press(lb, K_TAB);
	keyseq(lb, resize);
	check_result(lb, resized);
	/* a resize cancelled changes nothing */
	press(lb, K_TAB);
	ck_assert_int_eq(keys(lb, "rLL"), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	check_status(lb, "Resize cancelled");
	check_result(lb, resized);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* t lays a grid of 8 rows and 16 columns over the view: a row's letter
 * and a column's put the crosshair in that cell's middle. */
START_TEST(test_boxes_jump)
{
	struct config	*cfg = parse(boxes_yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);
	char		*frame;

	ck_assert_int_eq(press(lb, 't'), LB_REDRAW);
	frame = lbt_dump(lb);
	ck_assert_msg(strstr(frame, "aa") != NULL, "no grid:\n%s", frame);
	free(frame);
	ck_assert_int_eq(keys(lb, "df"), LB_REDRAW);
	ck_assert(lb->draw->cx == 35 && lb->draw->cy == 37.5);
	/* zoomed, the grid is over what is in sight */
	ck_assert_int_eq(keys(lb, "++ta"), LB_REDRAW);
	ck_assert_int_eq(press(lb, 'a'), LB_REDRAW);
	ck_assert(lb->draw->cx == 16.25 && lb->draw->cy == 24.375);
	/* a key that is no letter of the grid closes it and means itself */
	ck_assert_int_eq(keys(lb, "t1"), LB_REDRAW);
	ck_assert_int_eq(lb->draw->hinting, 0);
	check_status(lb, "v sets a box's first corner");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_boxes_refusals)
{
	struct config	*cfg = parse(boxes_yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);
	struct lb_task	 unsized = { .image = "/img/x.png" };

	/* no width: nothing stored */
	ck_assert_int_eq(keys(lb, "vl1"), LB_REDRAW);
	check_status(lb, "A box needs a width and a height");
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "A box is half drawn");
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	check_status(lb, "Corner dropped");
	check_result(lb, "{\"boxes\": []}");
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "No boxes yet");
	lbt_close_lb(lb);
	/* a text, and an image of no known size: nothing to draw on */
	lb = open_text(cfg, "a text", NULL, 0);
	ck_assert_ptr_null(lb->draw);
	ck_assert_int_eq(press(lb, 'v'), LB_REDRAW);
	check_status(lb, "That key draws on an image, and this task is a text");
	lbt_close_lb(lb);
	lb = lbt_open_task(cfg, &unsized, NULL, 0);
	ck_assert_int_eq(press(lb, 'J'), LB_REDRAW);
	check_status(lb, "this image's size is not known");
	lbt_close_lb(lb);
	/* a label may not take a drawing key; on a choice it may */
	config_free(cfg);
	cfg = parse("controls:\n  - {name: b, kind: boxes, labels: [{name: car,"
	    " key: h}]}\n");
	ck_assert_int_eq(keymap_check_config(cfg, "test.yaml"), -1);
	config_free(cfg);
	cfg = parse("controls:\n  - {name: b, kind: choice, labels: [{name: car,"
	    " key: h}]}\n");
	ck_assert_int_eq(keymap_check_config(cfg, "test.yaml"), 0);
	config_free(cfg);
}
END_TEST

/* A model's boxes open as the suggestion; Enter accepts them as they are. */
START_TEST(test_boxes_prediction)
{
	struct config	*cfg = parse(boxes_yaml);
	struct labeler	*lb = open_boxes(cfg, "{\"boxes\": [{\"x\": 1.5, \"y\": 2,"
	    " \"width\": 30, \"height\": 40, \"label\": \"square\","
	    " \"score\": 0.9}]}", 1);

	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	ck_assert_int_eq(keys(lb, "hjkl"), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	check_result(lb, "{\"boxes\": [{\"x\": 1.5, \"y\": 2, \"width\": 30,"
	    " \"height\": 40, \"label\": \"square\", \"score\": 0.9}]}");
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* Polygons: the boxes' picture and crosshair, a polygons control. */
static const char polygons_yaml[] = "controls:\n"
    "  - {name: regions, kind: polygons, labels: [circle, square]}\n";

/* Vertices where the crosshair is, whatever the zoom; Enter closes, a
 * label's key keeps; u takes vertices back before, undo proper after. */
START_TEST(test_polygons_draw)
{
	struct config	*cfg = parse(polygons_yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);

	ck_assert(lb->draw != NULL);
	ck_assert_int_eq(labeler_groups(lb), KEYS_DRAW | KEYS_POLYGONS | KEYS_IMAGE);
	ck_assert_int_eq(keys(lb, "llll."), LB_REDRAW);
	check_status(lb, "Vertex 1 at 90, 60: 2 more make a polygon");
	ck_assert_int_eq(keys(lb, "L.J."), LB_REDRAW);
	check_status(lb, "Vertex 3 at 110, 80: Enter closes the polygon");
	/* the same place twice is one vertex */
	ck_assert_int_eq(press(lb, '.'), LB_REDRAW);
	check_status(lb, "A vertex is there already");
	ck_assert_uint_eq(lb->draw->nopen, 3);
	/* Enter closes it, a vertex is refused, u opens it again */
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	ck_assert_int_eq(lb->draw->closed, 1);
	ck_assert_int_eq(keys(lb, "h."), LB_REDRAW);
	check_status(lb, "The polygon is closed");
	ck_assert_int_eq(press(lb, 'u'), LB_REDRAW);
	ck_assert_int_eq(lb->draw->closed, 0);
	ck_assert_int_eq(press(lb, 'u'), LB_REDRAW);
	check_status(lb, "Vertex taken back: 2 left");
	check_result(lb, "{\"regions\": []}");
	/* zoom 4 around 107.5, 80: steps of 0.625 */
	ck_assert_int_eq(keys(lb, "++hhhh."), LB_REDRAW);
	ck_assert_int_eq(press(lb, '2'), LB_SAVE_DRAFT);
	check_result(lb, "{\"regions\": [{\"points\": [[90, 60], [110, 60],"
	    " [105, 80]], \"label\": \"square\"}]}");
	ck_assert_uint_eq(lb->draw->nopen, 0);
	/* undo proper now: the polygon goes */
	ck_assert_int_eq(press(lb, 'u'), LB_SAVE_DRAFT);
	check_result(lb, "{\"regions\": []}");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

static const char triangle[] = "{\"regions\": [{\"points\": [[10, 10],"
    " [50, 10], [30, 40], [10, 40]], \"label\": \"circle\"}, {\"rle\":"
    " [100, 50, 19050], \"label\": \"square\"}]}";

/* m moves the vertex nearest the crosshair, d deletes it, Tab selects a
 * polygon or a mask to relabel or delete; Esc puts a moved vertex back. */
START_TEST(test_polygons_edit)
{
	struct config	*cfg = parse(polygons_yaml);
	struct labeler	*lb = open_boxes(cfg, triangle, 0);
	unsigned	 gen;

	/* the crosshair from 80, 60 to 32.5, 40: nearest is 30, 40 */
	ck_assert_int_eq(keys(lb, "HHhhhkkkkkkkk"), LB_REDRAW);
	ck_assert(lb->draw->cx == 32.5 && lb->draw->cy == 40);
	ck_assert_int_eq(press(lb, 'm'), LB_REDRAW);
	check_status(lb, "Moving vertex 3 (30, 40)");
	ck_assert(lb->draw->cx == 30 && lb->draw->cy == 40);
	ck_assert_int_eq(keys(lb, "jj"), LB_REDRAW);
	check_result(lb, triangle);
	ck_assert_int_eq(press(lb, '.'), LB_SAVE_DRAFT);
	check_result(lb, "{\"regions\": [{\"points\": [[10, 10], [50, 10],"
	    " [30, 45], [10, 40]], \"label\": \"circle\"}, {\"rle\": [100, 50,"
	    " 19050], \"label\": \"square\"}]}");
	/* Esc puts it back; nothing changed */
	ck_assert_int_eq(keys(lb, "mll"), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	check_status(lb, "back where it was");
	ck_assert(lb->draw->cx == 30 && lb->draw->cy == 45);
	/* d: the nearest vertex goes; three are kept */
	gen = lb->draw->gen;
	ck_assert_int_eq(press(lb, 'd'), LB_SAVE_DRAFT);
	ck_assert_uint_gt(lb->draw->gen, gen);
	check_result(lb, "{\"regions\": [{\"points\": [[10, 10], [50, 10],"
	    " [10, 40]], \"label\": \"circle\"}, {\"rle\": [100, 50, 19050],"
	    " \"label\": \"square\"}]}");
	ck_assert_int_eq(press(lb, 'd'), LB_REDRAW);
	check_status(lb, "A polygon keeps three vertices");
	/* Tab, Tab: the mask; relabel it, delete it, undo */
	ck_assert_int_eq(keys(lb, "\t\t"), LB_REDRAW);
	check_status(lb, "Mask 2 of 2, square");
	ck_assert_int_eq(press(lb, 'm'), LB_REDRAW);
	check_status(lb, "A mask has no vertices");
	ck_assert_int_eq(press(lb, '1'), LB_SAVE_DRAFT);
	ck_assert_int_eq(press(lb, 'x'), LB_SAVE_DRAFT);
	check_result(lb, "{\"regions\": [{\"points\": [[10, 10], [50, 10],"
	    " [10, 40]], \"label\": \"circle\"}]}");
	ck_assert_int_eq(keys(lb, "uu"), LB_SAVE_DRAFT);
	ck_assert_int_eq(keys(lb, "uu"), LB_SAVE_DRAFT);
	check_result(lb, triangle);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

START_TEST(test_polygons_refusals)
{
	struct config	*cfg = parse(polygons_yaml);
	struct labeler	*lb = open_boxes(cfg, NULL, 0);

	/* two vertices are no polygon: Enter and a label say so */
	ck_assert_int_eq(keys(lb, ".l."), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_REDRAW);
	check_status(lb, "A polygon needs three vertices, it has 2");
	ck_assert_int_eq(press(lb, '1'), LB_REDRAW);
	check_status(lb, "A polygon needs three vertices");
	ck_assert_int_eq(press(lb, K_TAB), LB_REDRAW);
	check_status(lb, "A polygon is being drawn");
	ck_assert_int_eq(press(lb, K_ESC), LB_REDRAW);
	check_status(lb, "Polygon dropped");
	ck_assert_int_eq(press(lb, 'm'), LB_REDRAW);
	check_status(lb, "No vertex to move");
	ck_assert_int_eq(press(lb, 'x'), LB_REDRAW);
	check_status(lb, "No polygon selected");
	ck_assert_int_eq(press(lb, '1'), LB_REDRAW);
	check_status(lb, ". adds a polygon's vertex");
	/* the box keys are not the polygons' */
	ck_assert_int_eq(press(lb, 'v'), LB_REDRAW);
	check_status(lb, "That key draws boxes; on polygons . adds a vertex");
	/* read only: no vertex */
	labeler_set_readonly(lb, "Reviewing: e fixes the result");
	ck_assert_int_eq(press(lb, '.'), LB_REDRAW);
	check_status(lb, "Reviewing");
	ck_assert_uint_eq(lb->draw->nopen, 0);
	check_result(lb, "{\"regions\": []}");
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	lbt_close_lb(lb);
	/* a label may not take a polygon key */
	config_free(cfg);
	cfg = parse("controls:\n  - {name: r, kind: polygons, labels: [{name:"
	    " car, key: m}]}\n");
	ck_assert_int_eq(keymap_check_config(cfg, "test.yaml"), -1);
	config_free(cfg);
}
END_TEST

/* A model's polygons open as the suggestion: Enter accepts them, a
 * change makes them the person's. */
START_TEST(test_polygons_prediction)
{
	struct config	*cfg = parse(polygons_yaml);
	const char	*pred = "{\"regions\": [{\"points\": [[1, 2], [30, 2],"
	    " [15, 20]], \"label\": \"square\", \"score\": 0.8}]}";
	struct labeler	*lb = open_boxes(cfg, pred, 1);

	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	ck_assert_int_eq(keys(lb, "hjkl"), LB_REDRAW);
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	ck_assert_int_eq(labeler_from_prediction(lb), 1);
	check_result(lb, pred);
	lbt_close_lb(lb);
	lb = open_boxes(cfg, pred, 1);
	ck_assert_int_eq(keys(lb, "\t1"), LB_SAVE_DRAFT);
	ck_assert_int_eq(labeler_from_prediction(lb), 0);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

static Suite *
labeler_suite(void)
{
	Suite	*s = suite_create("labeler");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_issue_example);
	tcase_add_test(tc, test_choice_one_key);
	tcase_add_test(tc, test_require_enter);
	tcase_add_test(tc, test_enter_with_nothing);
	tcase_add_test(tc, test_enter_with_nothing_many);
	tcase_add_test(tc, test_multichoice);
	tcase_add_test(tc, test_rating);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_relabel_delete);
	tcase_add_test(tc, test_overlap_replaces);
	tcase_add_test(tc, test_next_span);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_search_repeat);
	tcase_add_test(tc, test_search_extends_selection);
	tcase_add_test(tc, test_line_movement);
	tcase_add_test(tc, test_scrolling);
	tcase_add_test(tc, test_home_end);
	tcase_add_test(tc, test_picker);
	tcase_add_test(tc, test_retired_control);
	tcase_add_test(tc, test_suggestion_accept);
	tcase_add_test(tc, test_suggestion_modify);
	tcase_add_test(tc, test_initial_checked);
	tcase_add_test(tc, test_several_controls);
	tcase_add_test(tc, test_other_keys);
	tcase_add_test(tc, test_line_cells);
	tcase_add_test(tc, test_injection_cells);
	tcase_add_test(tc, test_results_valid);
	tcase_add_test(tc, test_help_table);
	tcase_add_test(tc, test_keys_per_kind);
	tcase_add_test(tc, test_zoom_keys);
	tcase_add_test(tc, test_pan_keys);
	tcase_add_test(tc, test_shared_selection);
	tcase_add_test(tc, test_text_control);
	tcase_add_test(tc, test_allow_empty);
	tcase_add_test(tc, test_hint_names);
	tcase_add_test(tc, test_hint_jumps);
	tcase_add_test(tc, test_hint_two_letters);
	tcase_add_test(tc, test_remap);
	tcase_add_test(tc, test_readonly);
	tcase_add_test(tc, test_large_text);
	tcase_add_test(tc, test_boxes_draw);
	tcase_add_test(tc, test_boxes_edit);
	tcase_add_test(tc, test_boxes_jump);
	tcase_add_test(tc, test_boxes_refusals);
	tcase_add_test(tc, test_boxes_prediction);
	tcase_add_test(tc, test_polygons_draw);
	tcase_add_test(tc, test_polygons_edit);
	tcase_add_test(tc, test_polygons_refusals);
	tcase_add_test(tc, test_polygons_prediction);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(labeler_suite());
}
