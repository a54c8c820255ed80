/* Unit tests for src/tui/driver.c and overlay.c: keys go to an open
 * overlay first, then the view, then the driver's own; the prompt's line
 * editing, the picker, the confirmation and the text boxes; the status
 * line; and that a terminal too small takes only q. A view of the test's
 * own stands in for a real one. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/view.h"
#include "util/buf.h"

#include "runner.h"

/* The test view: it takes 'x', passes the rest, and records answers. */
struct tview {
	struct view	 view;
	struct display	 d;
	struct driver	*drv;
	int		 w, h;
	int		 took;		/* x pressed */
	char		 answer[256];	/* the last overlay answer */
	int		 answers;
};

static int
t_size(struct display *d, int *w, int *h)
{
	struct tview	*t = d->data;

	*w = t->w;
	*h = t->h;
	return 0;
}

static int	t_getkey(struct display *d) { (void)d; return -1; }
static void	t_show(struct display *d, const struct screen *s) { (void)d; (void)s; }
static void	t_close(struct display *d) { (void)d; }

static enum view_rc
t_key(struct view *v, int key)
{
	struct tview	*t = v->data;

	if (key != 'x')
		return VIEW_PASS;
	t->took++;
	return VIEW_DONE;
}

static void
t_compose(struct view *v, struct screen *scr, struct view_frame *f)
{
	(void)v;
	screen_put(scr, 0, 0, scr->w, "the view", 0, 0);
	f->prompt_row = 5;
	f->prompt_end = 60;
}

static void
t_help(struct view *v, struct buf *b)
{
	(void)v;
	buf_addstr(b, "the view's own part\n");
}

static const char *
t_instructions(struct view *v)
{
	(void)v;
	return "Read this first.";
}

static const struct view_ops t_ops = {
	.name = "test",
	.scopes = KS_DRIVER,
	.key = t_key,
	.compose = t_compose,
	.help = t_help,
	.instructions = t_instructions,
};

static struct tview	T;

static void
setup(void)
{
	memset(&T, 0, sizeof T);
	T.w = 80;
	T.h = 24;
	T.d.size = t_size;
	T.d.getkey = t_getkey;
	T.d.show = t_show;
	T.d.close = t_close;
	T.d.data = &T;
	T.view.ops = &t_ops;
	T.view.data = &T;
	T.drv = driver_new(&T.view, &T.d, NULL);
	driver_compose(T.drv);
}

static void
teardown(void)
{
	driver_free(T.drv);
}

/* Keys of a string, one each. */
static void
type(const char *s)
{
	for (; *s != '\0'; s++)
		driver_key(T.drv, (unsigned char)*s);
}

/* The composed frame's row r, trailing blanks dropped; static. */
static const char *
row(int r)
{
	static char		 out[512];
	const struct screen	*scr = driver_compose(T.drv);
	size_t			 n = 0, keep = 0;
	int			 c;

	for (c = 0; c < scr->w && n + 32 < sizeof out; c++) {
		const char	*s = scr->c[(size_t)r * (size_t)scr->w +
				    (size_t)c].str;

		memcpy(out + n, s, strlen(s));
		n += strlen(s);
		if (*s != '\0' && strcmp(s, " ") != 0)
			keep = n;
	}
	out[keep] = '\0';
	return out;
}

static void __attribute__((unused))
show(void)
{
	int	r;

	for (r = 0; r < 24; r++)
		fprintf(stderr, "%2d|%s\n", r, row(r));
}

static enum view_rc
got_text(void *arg, const char *text)
{
	(void)arg;
	snprintf(T.answer, sizeof T.answer, "%s", text);
	T.answers++;
	return VIEW_DONE;
}

static enum view_rc
got_cancel(void *arg)
{
	(void)arg;
	snprintf(T.answer, sizeof T.answer, "(cancelled)");
	T.answers++;
	return VIEW_DONE;
}

START_TEST(test_routing)
{
	/* The view takes its key; the driver's own come after it. */
	ck_assert_int_eq(driver_key(T.drv, 'x'), VIEW_DONE);
	ck_assert_int_eq(T.took, 1);
	ck_assert_int_eq(driver_key(T.drv, 'Z'), VIEW_DONE);
	ck_assert_str_eq(drv_status(T.drv), "Unknown key Z, press ? for help");
	ck_assert_str_eq(row(23), " Unknown key Z, press ? for help");
	/* The next key clears the message. */
	driver_key(T.drv, 'x');
	ck_assert_str_eq(drv_status(T.drv), "");
	ck_assert_int_eq(driver_key(T.drv, 'q'), VIEW_QUIT);
	/* Help: the view's part, then the keys of its scopes only. */
	driver_key(T.drv, '?');
	ck_assert_int_eq(drv_overlay(T.drv), OV_HELP);
	ck_assert_ptr_nonnull(strstr(row(3), "the view's own part"));
	/* Any other key closes it, and does nothing else. */
	ck_assert_int_eq(driver_key(T.drv, 'x'), VIEW_DONE);
	ck_assert_int_eq(drv_overlay(T.drv), OV_NONE);
	ck_assert_int_eq(T.took, 2);
	driver_key(T.drv, 'i');
	ck_assert_int_eq(drv_overlay(T.drv), OV_INSTRUCTIONS);
	ck_assert_ptr_nonnull(strstr(row(3), "Read this first."));
	driver_key(T.drv, 'q');		/* closes, does not quit */
	ck_assert_int_eq(drv_overlay(T.drv), OV_NONE);
}
END_TEST

START_TEST(test_too_small)
{
	T.w = 70;
	driver_key(T.drv, K_RESIZE);
	ck_assert_ptr_nonnull(strstr(row(12), "terminal too small"));
	ck_assert_int_eq(driver_key(T.drv, 'x'), VIEW_DONE);
	ck_assert_int_eq(T.took, 0);
	ck_assert_int_eq(driver_key(T.drv, 'q'), VIEW_QUIT);
}
END_TEST

START_TEST(test_prompt)
{
	struct prompt	p = { "note: ", "ab", "Enter keeps it", 0, got_text,
			    got_cancel, NULL };

	drv_prompt(T.drv, &p);
	ck_assert_str_eq(drv_prompt_text(T.drv), "ab");
	/* Where the view said, with the cursor after the text. */
	ck_assert_ptr_nonnull(strstr(row(5), " note: ab"));
	ck_assert_ptr_nonnull(strstr(row(5), "Enter keeps it"));
	/* Editing: left, insert, delete, home, end, ^U. */
	driver_key(T.drv, K_LEFT);
	driver_key(T.drv, 0xe9);		/* é */
	ck_assert_str_eq(drv_prompt_text(T.drv), "a\xc3\xa9" "b");
	driver_key(T.drv, K_BACKSPACE);
	ck_assert_str_eq(drv_prompt_text(T.drv), "ab");
	driver_key(T.drv, K_HOME);
	driver_key(T.drv, K_DELETE);
	ck_assert_str_eq(drv_prompt_text(T.drv), "b");
	driver_key(T.drv, K_END);
	type("qx?");			/* keys are text here */
	ck_assert_str_eq(drv_prompt_text(T.drv), "bqx?");
	ck_assert_int_eq(T.took, 0);
	/* Nothing unsafe is typed in. */
	driver_key(T.drv, 0x1b5b);	/* not a control, but ... */
	driver_key(T.drv, 0x202e);
	driver_key(T.drv, 0x07);
	ck_assert_str_eq(drv_prompt_text(T.drv), "bqx?\xe1\xad\x9b");
	driver_key(T.drv, 0x15);
	ck_assert_str_eq(drv_prompt_text(T.drv), "");
	type("ok");
	driver_key(T.drv, K_ENTER);
	ck_assert_ptr_null(drv_prompt_text(T.drv));
	ck_assert_str_eq(T.answer, "ok");
	/* Esc cancels; Backspace on an empty one closes it when asked. */
	drv_prompt(T.drv, &p);
	driver_key(T.drv, K_ESC);
	ck_assert_str_eq(T.answer, "(cancelled)");
	p.flags = PROMPT_BS_CLOSES;
	p.initial = NULL;
	drv_prompt(T.drv, &p);
	driver_key(T.drv, K_BACKSPACE);
	ck_assert_ptr_null(drv_prompt_text(T.drv));
	ck_assert_int_eq(T.answers, 2);
}
END_TEST

START_TEST(test_prompt_multiline)
{
	struct prompt	p = { " note ", NULL, NULL, PROMPT_MULTILINE,
			    got_text, NULL, NULL };

	drv_prompt(T.drv, &p);
	type("one");
	driver_key(T.drv, K_ENTER);
	type("two");
	ck_assert_str_eq(drv_prompt_text(T.drv), "one\ntwo");
	/* A box with both lines, and how to keep it. */
	ck_assert_ptr_nonnull(strstr(row(3), "one"));
	ck_assert_ptr_nonnull(strstr(row(4), "two"));
	driver_key(T.drv, 0x04);	/* ^D keeps it */
	ck_assert_str_eq(T.answer, "one\ntwo");
	/* Esc with no cancel callback just closes it. */
	drv_prompt(T.drv, &p);
	driver_key(T.drv, K_ESC);
	ck_assert_int_eq(drv_overlay(T.drv), OV_NONE);
	ck_assert_int_eq(T.answers, 1);
}
END_TEST

static enum view_rc
picked(void *arg, size_t i)
{
	(void)arg;
	snprintf(T.answer, sizeof T.answer, "%zu", i);
	T.answers++;
	return VIEW_DONE;
}

START_TEST(test_pick)
{
	struct pick_item	items[3] = {
		{ 'a', "apple", "a fruit", 0 },
		{ 0, "beet", NULL, 1 },
		{ 'c', "carrot", NULL, -1 },
	};
	struct pick		p = { " Things ", items, 3, 'p', picked, NULL };

	drv_pick(T.drv, &p);
	ck_assert_int_eq(drv_overlay(T.drv), OV_PICK);
	ck_assert_ptr_nonnull(strstr(row(10), "> a [ ] apple  a fruit"));
	ck_assert_ptr_nonnull(strstr(row(11), "    [x] beet"));
	driver_key(T.drv, K_DOWN);
	driver_key(T.drv, K_DOWN);
	driver_key(T.drv, K_DOWN);
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 2);
	driver_key(T.drv, K_HOME);
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 0);
	driver_key(T.drv, K_TAB);
	ck_assert_str_eq(drv_status(T.drv),
	    "type to filter, Up/Down move, Enter picks, Esc closes");
	driver_key(T.drv, K_DOWN);
	driver_key(T.drv, K_ENTER);
	ck_assert_str_eq(T.answer, "1");
	/* Typing filters (case-blind, j and k too), Backspace takes back. */
	drv_pick(T.drv, &p);
	driver_key(T.drv, 'R');
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 2);
	ck_assert_ptr_nonnull(strstr(row(10), "> c carrot"));
	ck_assert_ptr_nonnull(strstr(row(13), "filter: R  (1 of 3)"));
	driver_key(T.drv, 'z');
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 3);
	ck_assert_str_eq(drv_status(T.drv),
	    "No label holds \"Rz\": Backspace takes a character back");
	driver_key(T.drv, K_ENTER);
	ck_assert_int_eq(drv_overlay(T.drv), OV_PICK);
	driver_key(T.drv, K_BACKSPACE);
	driver_key(T.drv, K_BACKSPACE);
	driver_key(T.drv, 'e');
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 0);
	driver_key(T.drv, 'e');
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 1);
	/* p is typed now, not the closing key */
	driver_key(T.drv, 'p');
	ck_assert_int_eq(drv_overlay(T.drv), OV_PICK);
	ck_assert_uint_eq(drv_pick_cursor(T.drv), 3);
	driver_key(T.drv, K_BACKSPACE);
	driver_key(T.drv, K_ENTER);
	ck_assert_str_eq(T.answer, "1");
	ck_assert_int_eq(T.answers, 2);
	/* An item's key picks it; the opening key closes. */
	drv_pick(T.drv, &p);
	driver_key(T.drv, 'c');
	ck_assert_str_eq(T.answer, "2");
	drv_pick(T.drv, &p);
	driver_key(T.drv, 'p');
	ck_assert_int_eq(drv_overlay(T.drv), OV_NONE);
	ck_assert_int_eq(T.answers, 3);
}
END_TEST

static enum view_rc
answered(void *arg, int yes)
{
	(void)arg;
	snprintf(T.answer, sizeof T.answer, "%s", yes ? "yes" : "no");
	T.answers++;
	return yes ? VIEW_QUIT : VIEW_DONE;
}

START_TEST(test_confirm)
{
	drv_confirm(T.drv, "Drop the draft?", answered, NULL);
	ck_assert_int_eq(drv_overlay(T.drv), OV_CONFIRM);
	ck_assert_ptr_nonnull(strstr(row(10), "Drop the draft?"));
	/* Any key but y is no; the answer's result is the key's. */
	ck_assert_int_eq(driver_key(T.drv, 'q'), VIEW_DONE);
	ck_assert_str_eq(T.answer, "no");
	drv_confirm(T.drv, "Drop the draft?", answered, NULL);
	ck_assert_int_eq(driver_key(T.drv, 'y'), VIEW_QUIT);
	ck_assert_str_eq(T.answer, "yes");
}
END_TEST

/* The unread count the test's store would give, and how often asked. */
static int64_t	unread_n;
static int	unread_asked, unread_fails;

static int
t_unread(void *arg, int64_t *n)
{
	(void)arg;
	unread_asked++;
	if (unread_fails)
		return -1;
	*n = unread_n;
	return 0;
}

/* The count is the driver's: asked when the view says its item changed,
 * not on every key; drawn at the right of the status line, a message
 * stopping before it; nothing at 0; a failed ask keeps the last count. */
START_TEST(test_unread_count)
{
	struct driver_opts	o = { 0 };

	driver_free(T.drv);
	o.unread = t_unread;
	unread_n = 3;
	unread_asked = unread_fails = 0;
	T.drv = driver_new(&T.view, &T.d, &o);
	ck_assert_int_eq(drv_unread(T.drv), 0);
	drv_item_changed(T.drv);
	ck_assert_int_eq(unread_asked, 1);
	ck_assert_str_eq(row(23), "                                       "
	    "                                3 unread");
	unread_n = 12;
	driver_key(T.drv, 'x');
	ck_assert_int_eq(unread_asked, 1);
	ck_assert_int_eq(drv_unread(T.drv), 3);
	drv_item_changed(T.drv);
	ck_assert_int_eq(drv_unread(T.drv), 12);
	drv_say(T.drv, "%s", "a message long enough to run into the count at"
	    " the right of the status line, and past it");
	ck_assert_str_eq(row(23), " a message long enough to run into the"
	    " count at the right of the stat 12 unread");
	unread_fails = 1;
	drv_item_changed(T.drv);
	ck_assert_int_eq(drv_unread(T.drv), 12);
	unread_fails = 0;
	unread_n = 0;
	drv_item_changed(T.drv);
	ck_assert_ptr_null(strstr(row(23), "unread"));
}
END_TEST

static Suite *
driver_suite(void)
{
	Suite	*s = suite_create("driver");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_routing);
	tcase_add_test(tc, test_too_small);
	tcase_add_test(tc, test_prompt);
	tcase_add_test(tc, test_prompt_multiline);
	tcase_add_test(tc, test_pick);
	tcase_add_test(tc, test_confirm);
	tcase_add_test(tc, test_unread_count);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(driver_suite());
}
