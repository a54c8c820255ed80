/* Unit tests for src/tui/screen: cells are always safe (escaped, wide
 * characters take two columns), the too-small screen, the text dump, and
 * key scripts (names, escapes, comments, resizes, errors with the line). */
#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/screen.h"
#include "util/buf.h"
#include "util/error.h"

#include "lbtest.h"
#include "runner.h"
#include "tui/script.h"

/* The grid dumped to a string; caller frees. */
static char *
dump(const struct screen *scr)
{
	char	*s = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&s, &n);

	screen_dump(scr, f);
	fclose(f);
	return s;
}

START_TEST(test_put_escapes)
{
	struct screen	 scr = { 0 };
	char		*d;
	int		 col;

	screen_resize(&scr, 20, 2);
	screen_clear(&scr);
	col = screen_put(&scr, 0, 0, 20, "a\033[2Jb", 0, 0);
	ck_assert_int_eq(col, 7);	/* a ^ [ [ 2 J b */
	ck_assert_str_eq(scr.c[1].str, "^");
	ck_assert_int_eq(scr.c[1].attr & SA_REVERSE, SA_REVERSE);
	ck_assert_int_eq(scr.c[3].attr & SA_REVERSE, 0);
	d = dump(&scr);
	ck_assert_ptr_null(strchr(d, '\033'));
	ck_assert_ptr_nonnull(strstr(d, "a^[[2Jb"));
	free(d);
	screen_release(&scr);
}
END_TEST

START_TEST(test_put_wide_and_clip)
{
	struct screen	 scr = { 0 };
	int		 col;

	screen_resize(&scr, 10, 1);
	screen_clear(&scr);
	col = screen_put(&scr, 0, 0, 10, "東京x", 0, 0);
	ck_assert_int_eq(col, 5);
	ck_assert_str_eq(scr.c[0].str, "東");
	ck_assert_str_eq(scr.c[1].str, "");	/* its right half */
	ck_assert_str_eq(scr.c[4].str, "x");
	/* A wide character that does not fit leaves a blank. */
	col = screen_put(&scr, 0, 8, 9, "京", 0, 0);
	ck_assert_int_eq(col, 9);
	ck_assert_str_eq(scr.c[8].str, " ");
	/* Combining marks join the character before. */
	col = screen_put(&scr, 0, 0, 10, "e\xcc\x81!", 0, 0);
	ck_assert_int_eq(col, 2);
	ck_assert_str_eq(scr.c[0].str, "e\xcc\x81");
	/* ... also when the character fills what it was given (a text
	 * cell one column wide), but nothing else goes past the end. */
	col = screen_put(&scr, 0, 3, 4, "o\xcc\x88x", 0, 0);
	ck_assert_int_eq(col, 4);
	ck_assert_str_eq(scr.c[3].str, "o\xcc\x88");
	ck_assert_str_eq(scr.c[4].str, "x");	/* from before, untouched */
	screen_release(&scr);
}
END_TEST

START_TEST(test_too_small)
{
	struct screen	 scr = { 0 };
	char		*d;

	screen_resize(&scr, 79, 24);
	ck_assert_int_eq(screen_big_enough(&scr), 0);
	screen_too_small(&scr);
	d = dump(&scr);
	ck_assert_ptr_nonnull(strstr(d, "terminal too small (need 80x24)"));
	free(d);
	screen_resize(&scr, 80, 24);
	ck_assert_int_eq(screen_big_enough(&scr), 1);
	screen_release(&scr);
}
END_TEST

/* The driver's frame for lb (its text laid out for 80x24), copied into
 * scr; returns the dump. */
static char *
compose_one(struct screen *scr, struct labeler *lb)
{
	const struct screen	*ds;
	int			 tw, th;

	labeler_area(lb, 80, 24 - 3, &tw, &th);
	labeler_set_view(lb, tw, th);
	ds = driver_compose(lbt_of(lb)->drv);
	screen_resize(scr, ds->w, ds->h);
	memcpy(scr->c, ds->c, (size_t)ds->w * (size_t)ds->h * sizeof *scr->c);
	scr->colours = ds->colours;
	scr->image = ds->image;
	return dump(scr);
}

START_TEST(test_compose_labeler)
{
	struct config	*cfg = config_preset("ner", "PER,LOC", 0);
	struct labeler	*lb;
	struct screen	 scr = { 0 };
	const char	*text = "Barack Obama visited Paris .";
	char		*d;
	int		 tw, th;

	ck_assert_ptr_nonnull(cfg);
	lb = lbt_open(cfg, text, NULL, 0);
	labeler_area(lb, 80, 24 - 3, &tw, &th);
	ck_assert_int_eq(tw, 78);
	ck_assert_int_eq(th, 19);
	press(lb, 'v');
	press(lb, 'l');
	press(lb, '1');
	d = compose_one(&scr, lb);
	ck_assert_ptr_nonnull(strstr(d, "\n Barack Obama visited Paris .\n"));
	ck_assert_ptr_nonnull(strstr(d, "\"Barack Obama\" is PER"));
	ck_assert_ptr_nonnull(strstr(d, "> entities:  1  PER   2  LOC"));
	/* Without colours a span is underlined; with them, coloured. */
	ck_assert_int_eq(scr.c[80 + 8].attr & SA_UNDERLINE, SA_UNDERLINE);
	free(d);
	lbt_of(lb)->d.colours = 1;
	d = compose_one(&scr, lb);
	ck_assert_int_ne(scr.c[80 + 8].colour, 0);
	free(d);
	screen_release(&scr);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* An image task says what it is, and leaves a rectangle for the picture;
 * with boxes to draw and no size known, that they cannot be drawn. */
START_TEST(test_image_task)
{
	struct config	*cfg = config_preset("object-detection", "car", 0);
	struct labeler	*lb;
	struct screen	 scr = { 0 };
	json_t		*r;
	char		*d, *t;

	ck_assert_ptr_nonnull(cfg);
	lb = lbt_open(cfg, NULL, NULL, 0);
	d = compose_one(&scr, lb);
	ck_assert_ptr_nonnull(strstr(d, "Image: /img/x.png (size unknown)"));
	ck_assert_ptr_nonnull(strstr(d, "Boxes are drawn in the image's pixels,"
	    " and its size is not known"));
	ck_assert_int_gt(scr.image.w, 0);
	ck_assert_int_gt(scr.image.h, 0);
	/* Enter stores the boxes as none: [], never {} */
	ck_assert_int_eq(press(lb, K_ENTER), LB_SUBMIT);
	r = labeler_result(lb);
	t = json_dumps(r, JSON_COMPACT);
	ck_assert_str_eq(t, "{\"boxes\":[]}");
	free(t);
	json_decref(r);
	free(d);
	screen_release(&scr);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* The dump's row r (0-based), copied; caller frees. */
static char *
dump_row(const char *d, int r)
{
	const char	*nl;

	while (r-- > 0)
		d = strchr(d, '\n') + 1;
	nl = strchr(d, '\n');
	return strndup(d, (size_t)(nl - d));
}

/* A text longer than the screen says where it is on the line below it,
 * not over its last row: the text and the cursor there stay in sight. */
START_TEST(test_scroll_position)
{
	struct config	*cfg = config_preset("ner", "PER,LOC", 0);
	struct labeler	*lb;
	struct screen	 scr = { 0 };
	struct buf	 text = BUF_INIT;
	char		*d, *r;
	int		 i;

	ck_assert_ptr_nonnull(cfg);
	for (i = 0; i < 40; i++)
		buf_printf(&text, "Line %02d of a long text that ends in a name"
		    " far to the right: Berlin\n", i);
	lb = lbt_open(cfg, buf_str(&text), NULL, 0);
	d = compose_one(&scr, lb);
	r = dump_row(d, 19);
	ck_assert_str_eq(r, " Line 18 of a long text that ends in a name far to"
	    " the right: Berlin");
	free(r);
	r = dump_row(d, 20);
	ck_assert_ptr_nonnull(strstr(r, "lines 1-19 of 40"));
	free(r);
	free(d);
	/* The cursor on the last row's last token: drawn, not covered. */
	for (i = 0; i < 18; i++)
		press(lb, 'j');
	for (i = 0; i < 16; i++)
		press(lb, 'l');
	ck_assert_uint_eq(lb->top, 0);
	d = compose_one(&scr, lb);
	r = dump_row(d, 19);
	ck_assert_str_eq(r, " Line 18 of a long text that ends in a name far to"
	    " the right: Berlin");
	free(r);
	ck_assert_str_eq(scr.c[19 * 80 + 62].str, "B");
	ck_assert_int_eq(scr.c[19 * 80 + 62].attr & SA_UNDERLINE,
	    SA_UNDERLINE);
	free(d);
	/* The search prompt shows where typing goes, and its hint. */
	press(lb, '/');
	press(lb, 'x');
	d = compose_one(&scr, lb);
	ck_assert_int_eq(scr.c[20 * 80 + 3].attr & SA_REVERSE, SA_REVERSE);
	r = dump_row(d, 20);
	ck_assert_ptr_nonnull(strstr(r, " /x "));
	ck_assert_ptr_nonnull(strstr(r, "Enter finds, Esc cancels  lines"));
	free(r);
	free(d);
	screen_release(&scr);
	buf_release(&text);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* A chosen label the palette has no room for is named all the same, and
 * the picker marks what is chosen. */
START_TEST(test_chosen_never_hidden)
{
	struct config	*cfg = config_preset("text-classification",
	    "cat,dog,cow,pig,hen,fox,owl,bat,ant,bee,eel,elk,emu,gnu,yak", 0);
	struct labeler	*lb;
	struct screen	 scr = { 0 };
	json_t		*yak = json_loads("{\"label\": [\"yak\"]}", 0, NULL);
	char		*d, *r;

	ck_assert_ptr_nonnull(cfg);
	lb = lbt_open(cfg, "Moo", yak, 0);
	d = compose_one(&scr, lb);
	/* the palette wraps: keys 1-9 over two rows, then yak and p */
	r = dump_row(d, 19);
	ck_assert_msg(strstr(r, "1  [ ] cat") != NULL, "palette: %s", r);
	free(r);
	r = dump_row(d, 20);
	ck_assert_msg(strstr(r, "[x] yak") != NULL, "palette: %s\n%s", r, d);
	free(r);
	r = dump_row(d, 21);
	ck_assert_ptr_nonnull(strstr(r, "p: all labels"));
	free(r);
	ck_assert_msg(strstr(d, "9  [ ] ant") != NULL, "%s", d);
	free(d);
	press(lb, 'p');
	d = compose_one(&scr, lb);
	ck_assert_ptr_nonnull(strstr(d, "[x] yak"));
	ck_assert_ptr_nonnull(strstr(d, "[ ] cat"));
	free(d);
	screen_release(&scr);
	json_decref(yak);
	lbt_close_lb(lb);
	config_free(cfg);
}
END_TEST

/* With several controls the info line says how to reach the others: a
 * choice key moves on to the next empty one only, past a text's spans. */
START_TEST(test_next_control_hint)
{
	static const char yaml[] = "controls:\n"
	    "  - {name: topic, kind: choice, labels: [food, tech]}\n"
	    "  - {name: products, kind: spans, labels: [BRAND]}\n";
	struct config	*cfg = config_parse(yaml, strlen(yaml), "t.yaml");
	struct config	*one = config_preset("sentiment", NULL, 0);
	struct labeler	*lb;
	struct screen	 scr = { 0 };
	char		*d, *r;

	ck_assert_ptr_nonnull(cfg);
	ck_assert_ptr_nonnull(one);
	lb = lbt_open(cfg, "Acme toasters", NULL, 0);
	d = compose_one(&scr, lb);
	r = dump_row(d, 19);
	ck_assert_str_eq(r, " c: the next control");
	free(r);
	free(d);
	/* on the spans, its own hint */
	press(lb, 'c');
	d = compose_one(&scr, lb);
	r = dump_row(d, 19);
	ck_assert_ptr_nonnull(strstr(r, "v marks a selection"));
	free(r);
	free(d);
	lbt_close_lb(lb);
	/* one control: nothing to switch to */
	lb = lbt_open(one, "Nice", NULL, 0);
	d = compose_one(&scr, lb);
	ck_assert_ptr_null(strstr(d, "next control"));
	free(d);
	lbt_close_lb(lb);
	screen_release(&scr);
	config_free(cfg);
	config_free(one);
}
END_TEST

/* Keys the script gives, through the text display. */
static int
script_keys(const char *s, int *out, int max, int *w, int *h)
{
	struct key_script	*ks = key_script_parse(s, strlen(s), "t");
	struct display		 d;
	int			 n = 0, k;

	ck_assert_ptr_nonnull(ks);
	display_text_init(&d, ks, 80, 24, GRAPHICS_NONE, NULL);
	while (n < max && (k = d.getkey(&d)) != -1)
		out[n++] = k;
	d.size(&d, w, h);
	d.close(&d);
	key_script_free(ks);
	return n;
}

START_TEST(test_script)
{
	int	k[32], n, w, h;

	n = script_keys("v l 1 / P a r i s Enter 2 Enter", k, 32, &w, &h);
	ck_assert_int_eq(n, 12);
	ck_assert_int_eq(k[0], 'v');
	ck_assert_int_eq(k[9], K_ENTER);
	ck_assert_int_eq(w, 80);
	n = script_keys("# a comment q\n\\# \\\\ Space U+00E9 é S-Tab\tbackspace"
	    " ^L ^A PgDn Resize=100x30", k, 32, &w, &h);
	ck_assert_int_eq(n, 11);
	ck_assert_int_eq(k[0], '#');
	ck_assert_int_eq(k[1], '\\');
	ck_assert_int_eq(k[2], ' ');
	ck_assert_int_eq(k[3], 0xe9);
	ck_assert_int_eq(k[4], 0xe9);
	ck_assert_int_eq(k[5], K_BTAB);
	ck_assert_int_eq(k[6], K_BACKSPACE);
	ck_assert_int_eq(k[7], K_CTRL_L);
	ck_assert_int_eq(k[8], 1);
	ck_assert_int_eq(k[9], K_PGDN);
	ck_assert_int_eq(k[10], K_RESIZE);
	ck_assert_int_eq(w, 100);
	ck_assert_int_eq(h, 30);
	n = script_keys("U+10FFFF u+1f600 U+000041 Resize=1000x1", k, 32, &w,
	    &h);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(k[0], 0x10ffff);
	ck_assert_int_eq(k[1], 0x1f600);
	ck_assert_int_eq(k[2], 'A');
	ck_assert_int_eq(w, 1000);
	ck_assert_int_eq(h, 1);
}
END_TEST

static char	last_error[512];

static void
keep_error(int is_warning, const char *msg)
{
	(void)is_warning;
	snprintf(last_error, sizeof last_error, "%s", msg);
}

START_TEST(test_script_errors)
{
	/* Numbers are digits: no sign, no 0x, no overflow. */
	static const char *const bad[] = { "a\nb Paris", "a\n\nResize=0x3",
	    "U+D800", "Resize=80x24x", "\\ab", "U+0x41", "U++41", "U+-41",
	    "U+110000", "Resize=+80x24", "Resize=80x 24", "Resize=1001x24",
	    "Resize=99999999999999999999x24", "Resize=80X24", "Resize=x24" };
	static const char *const where[] = { "t:2:", "t:3:", "t:1:", "t:1:",
	    "t:1:", "t:1:", "t:1:", "t:1:", "t:1:", "t:1:", "t:1:", "t:1:",
	    "t:1:", "t:1:", "t:1:" };
	size_t	i;

	error_set_handler(keep_error);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		last_error[0] = '\0';
		ck_assert_ptr_null(key_script_parse(bad[i], strlen(bad[i]),
		    "t"));
		ck_assert_msg(strncmp(last_error, where[i], strlen(where[i]))
		    == 0, "%s: %s", bad[i], last_error);
	}
	error_set_handler(NULL);
}
END_TEST

/* The help: the control's part in words a person would use, then the keys
 * that apply to it. */
START_TEST(test_help)
{
	struct config	*cfg = config_preset("sentiment", NULL, 0);
	struct labeler	*lb;
	struct buf	 b = BUF_INIT;

	ck_assert_ptr_nonnull(cfg);
	lb = lbt_open(cfg, "Nice", NULL, 0);
	press(lb, '?');
	ck_assert_int_eq(drv_overlay(lbt_of(lb)->drv), OV_HELP);
	labeler_help(lb, &b);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "sentiment: choose one"
	    " label\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "  1                positive"));
	lbt_close_lb(lb);
	config_free(cfg);
	buf_reset(&b);
	keymap_help(&b, KS_LABELLING, KEYS_MARK);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "S-Tab"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "previous span"));
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "l, Right"));
	buf_release(&b);
}
END_TEST

/* The terminal's answers to the graphics queries, as terminals send them. */
START_TEST(test_graphics_answer)
{
	/* xterm -ti vt340: sixel (4) among the attributes. */
	ck_assert_int_eq(graphics_answer("\033[?63;1;2;4;6;9;15;22c"
	    "\033[24;1R"), GRAPHICS_SIXEL);
	/* WezTerm: kitty's answer first, then sixel too: kitty wins. */
	ck_assert_int_eq(graphics_answer("\033_Gi=31;OK\033\\"
	    "\033[?65;4;6;18;22c\033[1;1R"), GRAPHICS_KITTY);
	/* A terminal with neither (VTE): symbols. */
	ck_assert_int_eq(graphics_answer("\033[?65;1;9c\033[3;1R"),
	    GRAPHICS_SYMBOLS);
	/* Kitty's query refused is no kitty. */
	ck_assert_int_eq(graphics_answer("\033_Gi=31;ENOTSUPPORTED:x\033\\"
	    "\033[?62;22c\033[1;1R"), GRAPHICS_SYMBOLS);
	/* 4 as a part of another number is no sixel; nothing at all. */
	ck_assert_int_eq(graphics_answer("\033[?64;14;42c\033[1;1R"),
	    GRAPHICS_SYMBOLS);
	ck_assert_int_eq(graphics_answer(""), GRAPHICS_SYMBOLS);
	/* Only a cursor position, no attributes. */
	ck_assert_int_eq(graphics_answer("\033[4;1R"), GRAPHICS_SYMBOLS);
}
END_TEST

static Suite *
screen_suite(void)
{
	Suite	*s = suite_create("screen");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_put_escapes);
	tcase_add_test(tc, test_put_wide_and_clip);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_compose_labeler);
	tcase_add_test(tc, test_image_task);
	tcase_add_test(tc, test_scroll_position);
	tcase_add_test(tc, test_chosen_never_hidden);
	tcase_add_test(tc, test_next_control_hint);
	tcase_add_test(tc, test_script);
	tcase_add_test(tc, test_script_errors);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_graphics_answer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(screen_suite());
}
