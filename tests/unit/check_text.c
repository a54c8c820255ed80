/* Unit tests for src/tui/text: tokens, offsets, widths, wrapping, and that
 * no unsafe character ever reaches a cell raw. */
#include <check.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/tokens.h"
#include "tui/text.h"
#include "util/buf.h"
#include "util/utf8.h"

#include "runner.h"

static struct text *
mk(const char *s)
{
	return text_new(s, strlen(s));
}

/* The token's text, for messages and comparisons; static. */
static const char *
tok_str(const struct text *t, size_t i)
{
	static char	buf[256];
	size_t		n = t->tokens[i].bend - t->tokens[i].bstart;

	ck_assert_uint_lt(n, sizeof buf);
	memcpy(buf, t->s + t->tokens[i].bstart, n);
	buf[n] = '\0';
	return buf;
}

static void
check_token(const struct text *t, size_t i, const char *str, size_t start,
    size_t end)
{
	ck_assert_uint_lt(i, t->ntokens);
	ck_assert_str_eq(tok_str(t, i), str);
	ck_assert_uint_eq(t->tokens[i].start, start);
	ck_assert_uint_eq(t->tokens[i].end, end);
	/* byte and code point offsets agree */
	ck_assert_uint_eq(utf8_offset(t->s, t->len, start),
	    t->tokens[i].bstart);
	ck_assert_uint_eq(utf8_offset(t->s, t->len, end), t->tokens[i].bend);
}

/* A line's text as drawn, cells joined (tabs as their blanks). */
static char *
line_str(const struct text_layout *l, size_t line)
{
	struct text_cells	cells = TEXT_CELLS_INIT;
	struct buf		out = BUF_INIT;
	size_t			i;

	text_layout_cells(l, line, &cells);
	for (i = 0; i < cells.n; i++)
		buf_addstr(&out, cells.v[i].str);
	text_cells_release(&cells);
	return buf_detach(&out);
}

static void
check_line(const struct text_layout *l, size_t line, const char *want)
{
	char	*got = line_str(l, line);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_tokens_ascii)
{
	struct text	*t = mk("Barack Obama visited Paris .");

	ck_assert_uint_eq(t->ntokens, 5);
	ck_assert_uint_eq(t->ncp, 28);
	check_token(t, 0, "Barack", 0, 6);
	check_token(t, 1, "Obama", 7, 12);
	check_token(t, 2, "visited", 13, 20);
	check_token(t, 3, "Paris", 21, 26);
	check_token(t, 4, ".", 27, 28);
	text_free(t);

	/* punctuation is one mark per token, digits join letters */
	t = mk("don't, U.S. 3rd...");
	ck_assert_uint_eq(t->ntokens, 12);
	check_token(t, 0, "don", 0, 3);
	check_token(t, 1, "'", 3, 4);
	check_token(t, 2, "t", 4, 5);
	check_token(t, 3, ",", 5, 6);
	check_token(t, 4, "U", 7, 8);
	check_token(t, 7, ".", 10, 11);
	check_token(t, 8, "3rd", 12, 15);
	check_token(t, 10, ".", 16, 17);
	text_free(t);

	/* no tokens at all */
	t = mk(" \t\n ");
	ck_assert_uint_eq(t->ntokens, 0);
	ck_assert_uint_eq(text_token_at(t, 0), 0);
	text_free(t);
}
END_TEST

START_TEST(test_tokens_unicode)
{
	struct text	*t;

	/* CJK: one character per token; Latin runs around it */
	t = mk("\xe6\x88\x91\xe7\x88\xb1\xe5\x8c\x97\xe4\xba\xac"
	    " ok\xe5\xa5\xbd");
	/* 我爱北京 ok好 */
	ck_assert_uint_eq(t->ntokens, 6);
	check_token(t, 0, "\xe6\x88\x91", 0, 1);
	check_token(t, 3, "\xe4\xba\xac", 3, 4);
	check_token(t, 4, "ok", 5, 7);
	check_token(t, 5, "\xe5\xa5\xbd", 7, 8);
	text_free(t);

	/* a combining mark stays in its word: Cafe + U+0301, then noir */
	t = mk("Cafe\xcc\x81 noir \xc3\xa9t\xc3\xa9");
	ck_assert_uint_eq(t->ntokens, 3);
	check_token(t, 0, "Cafe\xcc\x81", 0, 5);
	check_token(t, 1, "noir", 6, 10);
	check_token(t, 2, "\xc3\xa9t\xc3\xa9", 11, 14);
	text_free(t);

	/* emoji: one each; a skin tone and a ZWJ sequence stay together */
	t = mk("hi \xf0\x9f\x98\x80! \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd "
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 x");
	ck_assert_uint_eq(t->ntokens, 6);
	check_token(t, 0, "hi", 0, 2);
	check_token(t, 1, "\xf0\x9f\x98\x80", 3, 4);
	check_token(t, 2, "!", 4, 5);
	check_token(t, 3, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 6, 8);
	check_token(t, 4, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
	    9, 12);
	check_token(t, 5, "x", 13, 14);
	ck_assert_uint_eq(t->ncp, 14);
	text_free(t);

	/* ideographic and no-break spaces separate; CR is a token */
	t = mk("a\xe3\x80\x80" "b\xc2\xa0" "c\rd");
	ck_assert_uint_eq(t->ntokens, 5);
	check_token(t, 1, "b", 2, 3);
	check_token(t, 2, "c", 4, 5);
	check_token(t, 3, "\r", 5, 6);
	text_free(t);

	/* an invalid byte counts as one code point and one token */
	t = mk("ab\xff" "cd");
	ck_assert_uint_eq(t->ntokens, 3);
	ck_assert_uint_eq(t->ncp, 5);
	ck_assert_uint_eq(t->tokens[1].start, 2);
	ck_assert_uint_eq(t->tokens[2].start, 3);
	ck_assert_uint_eq(t->tokens[2].bstart, 3);
	text_free(t);
}
END_TEST

/* The split that keeps only the tokens starting before a code point:
 * the same tokens as the whole split, up to there, and the whole count,
 * for every such point (the counted rest reads ASCII in a run of its
 * own: after a joiner, a mark, CR, an invalid byte). */
START_TEST(test_tokens_kept)
{
	static const char	*texts[] = {
		"Barack Obama visited Paris . ok",
		"Cafe\xcc\x81 noir \xc3\xa9t\xc3\xa9 x.y",
		"hi \xf0\x9f\x98\x80! a\xe2\x80\x8d" "b c\xe2\x80\x8d" ".d e",
		".\xe2\x80\x8d" "ab cd",
		"a\xe3\x80\x80" "b\xc2\xa0" "c\rd\r\ne",
		"ab\xff" "cd \xe6\x88\x91x9 ",
		"",
		"   ",
	};
	struct tokens	 all = TOKENS_INIT, some = TOKENS_INIT;
	size_t		 i, keep, n, want, alloc = 0;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		tokens_split(&all, texts[i], strlen(texts[i]));
		for (keep = 0; keep <= all.ncp + 1; keep++) {
			n = tokens_split_kept(&some, &alloc, texts[i],
			    strlen(texts[i]), keep);
			ck_assert_uint_eq(n, all.n);
			ck_assert_uint_eq(some.ncp, all.ncp);
			for (want = 0; want < all.n &&
			    all.v[want].start < keep; want++)
				;
			ck_assert_uint_eq(some.n, want);
			ck_assert(want == 0 || memcmp(some.v, all.v, want *
			    sizeof *all.v) == 0);
		}
	}
	/* A joiner joins the letter after it to the "." before; the next
	 * letter starts a token, the "." not being a word: ".\u200da" "b"
	 * "cd". */
	n = tokens_split_kept(&some, &alloc, texts[3], strlen(texts[3]), 0);
	ck_assert_uint_eq(n, 3);
	tokens_release(&all);
	tokens_release(&some);
}
END_TEST

START_TEST(test_token_at)
{
	struct text	*t = mk("Barack Obama visited Paris .");

	ck_assert_uint_eq(text_token_at(t, 0), 0);
	ck_assert_uint_eq(text_token_at(t, 5), 0);
	ck_assert_uint_eq(text_token_at(t, 6), 1);	/* the space: next */
	ck_assert_uint_eq(text_token_at(t, 27), 4);
	ck_assert_uint_eq(text_token_at(t, 28), 5);	/* past the end */
	ck_assert_uint_eq(text_token_at_byte(t, 22), 3);
	ck_assert_uint_eq(text_token_at_byte(t, 26), 4);
	text_free(t);
}
END_TEST

START_TEST(test_widths)
{
	struct text		*t;
	struct text_layout	*l;
	struct text_cells	 cells = TEXT_CELLS_INIT;

	/* 中文 are two columns each; e + U+0301 is one cell of one column */
	t = mk("\xe4\xb8\xad\xe6\x96\x87 e\xcc\x81" "f \xf0\x9f\x98\x80" "z");
	l = text_layout_new(t, 80);
	ck_assert_uint_eq(l->nlines, 1);
	text_layout_cells(l, 0, &cells);
	ck_assert_uint_eq(cells.n, 8);
	ck_assert_int_eq(cells.v[0].width, 2);
	ck_assert_int_eq(cells.v[1].col, 2);
	ck_assert_int_eq(cells.v[2].col, 4);	/* the space */
	ck_assert_str_eq(cells.v[3].str, "e\xcc\x81");
	ck_assert_int_eq(cells.v[3].col, 5);
	ck_assert_int_eq(cells.v[3].width, 1);
	ck_assert_uint_eq(cells.v[3].cp, 3);
	ck_assert_uint_eq(cells.v[3].ncp, 2);
	ck_assert_uint_eq(cells.v[4].cp, 5);	/* f */
	ck_assert_int_eq(cells.v[4].col, 6);
	ck_assert_int_eq(cells.v[5].col, 7);	/* the space */
	ck_assert_str_eq(cells.v[6].str, "\xf0\x9f\x98\x80");
	ck_assert_int_eq(cells.v[6].col, 8);
	ck_assert_int_eq(cells.v[6].width, 2);
	ck_assert_uint_eq(cells.v[6].cp, 7);
	ck_assert_int_eq(text_layout_col_of(l, 8), 10);	/* z */
	ck_assert_int_eq(text_layout_col_of(l, 4), 5);	/* the mark */
	text_cells_release(&cells);
	text_layout_free(l);
	text_free(t);

	/* a ZWJ sequence: its parts side by side, the joiner counted in
	 * the offsets but never drawn (terminals disagree on the width of
	 * the joined glyph: tmux gives 2 columns, wcwidth 4) */
	t = mk("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb y");
	l = text_layout_new(t, 80);
	text_layout_cells(l, 0, &cells);
	ck_assert_uint_eq(cells.n, 4);
	ck_assert_str_eq(cells.v[0].str, "\xf0\x9f\x91\xa9");
	ck_assert_uint_eq(cells.v[0].ncp, 2);
	ck_assert_str_eq(cells.v[1].str, "\xf0\x9f\x92\xbb");
	ck_assert_int_eq(cells.v[1].col, 2);
	ck_assert_uint_eq(cells.v[1].cp, 2);
	ck_assert_int_eq(cells.v[3].col, 5);	/* y */
	ck_assert_uint_eq(cells.v[3].cp, 4);
	text_cells_release(&cells);
	text_layout_free(l);
	text_free(t);

	/* a mark with nothing before it sits on a dotted circle */
	t = mk("\xcc\x81x");
	l = text_layout_new(t, 80);
	text_layout_cells(l, 0, &cells);
	ck_assert_uint_eq(cells.n, 2);
	ck_assert_str_eq(cells.v[0].str, "\xe2\x97\x8c\xcc\x81");
	ck_assert_int_eq(cells.v[0].width, 1);
	ck_assert_uint_eq(cells.v[0].ncp, 1);
	ck_assert_int_eq(cells.v[1].col, 1);
	text_cells_release(&cells);
	text_layout_free(l);
	text_free(t);
}
END_TEST

START_TEST(test_tabs_newlines)
{
	struct text		*t;
	struct text_layout	*l;

	t = mk("a\tb\nabcdefgh\tx\n\nlast");
	l = text_layout_new(t, 80);
	ck_assert_uint_eq(l->nlines, 4);
	ck_assert_int_eq(text_layout_col_of(l, 2), 8);	/* b */
	ck_assert_uint_eq(text_layout_line_of(l, 2), 0);
	ck_assert_uint_eq(text_layout_line_of(l, 3), 0);	/* the \n */
	ck_assert_uint_eq(text_layout_line_of(l, 4), 1);
	ck_assert_int_eq(text_layout_col_of(l, 13), 16);	/* x */
	check_line(l, 0, "a       b");
	check_line(l, 1, "abcdefgh        x");
	check_line(l, 2, "");
	check_line(l, 3, "last");
	ck_assert_uint_eq(l->lines[2].cp, 15);
	ck_assert_uint_eq(l->lines[2].cpend, 16);
	ck_assert_uint_eq(text_layout_line_of(l, 18), 3);
	text_layout_free(l);
	text_free(t);

	/* CRLF is one line break, not shown and not a token; a bare CR
	 * is still a visible token */
	t = mk("one\r\ntwo\r\n\r\nx\ry");
	ck_assert_uint_eq(t->ntokens, 5);
	check_token(t, 1, "two", 5, 8);
	check_token(t, 3, "\r", 13, 14);
	l = text_layout_new(t, 80);
	ck_assert_uint_eq(l->nlines, 4);
	check_line(l, 0, "one");
	check_line(l, 1, "two");
	check_line(l, 2, "");
	check_line(l, 3, "x^My");
	ck_assert_uint_eq(l->lines[0].cpend, 5);
	ck_assert_uint_eq(l->lines[1].cp, 5);
	ck_assert_uint_eq(l->lines[3].cp, 12);
	ck_assert_uint_eq(text_layout_line_of(l, 3), 0);	/* the CR */
	ck_assert_int_eq(text_layout_col_of(l, 14), 3);	/* y */
	text_layout_free(l);
	text_free(t);

	/* the empty text still has a line */
	t = mk("");
	l = text_layout_new(t, 80);
	ck_assert_uint_eq(l->nlines, 1);
	check_line(l, 0, "");
	text_layout_free(l);
	text_free(t);
}
END_TEST

START_TEST(test_wrap)
{
	struct text		*t;
	struct text_layout	*l;

	/* at spaces; the space that does not fit stays, clipped */
	t = mk("aaa bbb ccc dd");
	l = text_layout_new(t, 7);
	ck_assert_uint_eq(l->nlines, 2);
	check_line(l, 0, "aaa bbb");
	check_line(l, 1, "ccc dd");
	ck_assert_uint_eq(l->lines[1].cp, 8);
	text_layout_free(l);
	/* a word too long for a line is cut */
	l = text_layout_new(t, 2);
	check_line(l, 0, "aa");
	check_line(l, 1, "a ");
	text_layout_free(l);
	text_free(t);

	t = mk("abcdefghij");
	l = text_layout_new(t, 4);
	ck_assert_uint_eq(l->nlines, 3);
	check_line(l, 0, "abcd");
	check_line(l, 1, "efgh");
	check_line(l, 2, "ij");
	text_layout_free(l);
	text_free(t);

	/* a wide character never straddles the edge */
	t = mk("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87");
	l = text_layout_new(t, 5);
	ck_assert_uint_eq(l->nlines, 2);
	check_line(l, 0, "\xe4\xb8\xad\xe6\x96\x87");
	ck_assert_uint_eq(l->lines[1].cp, 2);
	ck_assert_int_eq(text_layout_col_of(l, 3), 2);
	text_layout_free(l);
	text_free(t);
}
END_TEST

/* No cell may hold a C0 or C1 control, DEL or a bidi override raw. */
static void
check_cells_safe(const struct text_layout *l, int *escaped)
{
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 line, i, j, len;
	uint32_t		 cp;
	int			 n;

	*escaped = 0;
	for (line = 0; line < l->nlines; line++) {
		text_layout_cells(l, line, &cells);
		for (i = 0; i < cells.n; i++) {
			const char	*s = cells.v[i].str;

			*escaped += (cells.v[i].attr & TEXT_ESCAPED) != 0;
			len = strlen(s);
			ck_assert_int_eq(utf8_invalid_at(s, len), -1);
			for (j = 0; j < len; j += (size_t)n) {
				n = utf8_decode(s + j, len - j, &cp);
				ck_assert_int_gt(n, 0);
				ck_assert_msg(cp >= 0x20 && cp != 0x7f &&
				    !(cp >= 0x80 && cp <= 0x9f) &&
				    !(cp >= 0x202a && cp <= 0x202e) &&
				    !(cp >= 0x2066 && cp <= 0x2069),
				    "raw U+%04X in a cell", (unsigned)cp);
			}
		}
	}
	text_cells_release(&cells);
}

START_TEST(test_injection)
{
	const char		*s = "a\x1b]0;PWNED\x07" "b\x1b[2Jc\rd";
	struct text		*t = mk(s);
	struct text_layout	*l = text_layout_new(t, 80);
	struct text_cells	 cells = TEXT_CELLS_INIT;
	int			 escaped;
	size_t			 i;

	ck_assert_uint_eq(l->nlines, 1);
	check_line(l, 0, "a^[]0;PWNED^Gb^[[2Jc^Md");
	check_cells_safe(l, &escaped);
	ck_assert_int_eq(escaped, 4);
	/* offsets still count the raw characters */
	text_layout_cells(l, 0, &cells);
	ck_assert_str_eq(cells.v[1].str, "^[");
	ck_assert_int_eq(cells.v[1].attr, TEXT_ESCAPED);
	ck_assert_uint_eq(cells.v[1].cp, 1);
	ck_assert_int_eq(cells.v[1].width, 2);
	for (i = 0; i < cells.n; i++)
		if (strcmp(cells.v[i].str, "d") == 0)
			break;
	ck_assert_uint_eq(cells.v[i].cp, 18);
	ck_assert_uint_eq(t->ncp, 19);
	text_cells_release(&cells);
	text_layout_free(l);
	text_free(t);

	/* C1 CSI, a bidi override, DEL and an invalid byte */
	t = mk("x\xc2\x9b" "2J\xe2\x80\xae" "evil\x7f\xff");
	l = text_layout_new(t, 80);
	check_line(l, 0, "x<U+009B>2J<U+202E>evil^?\\xFF");
	check_cells_safe(l, &escaped);
	ck_assert_int_eq(escaped, 4);
	text_layout_free(l);
	/* and at a narrow width the visible forms are cut, never raw */
	l = text_layout_new(t, 5);
	check_cells_safe(l, &escaped);
	text_layout_free(l);
	text_free(t);
}
END_TEST

START_TEST(test_large)
{
	static const char	*words[] = { "Der", "Zug", "nach",
		"M\xc3\xbcnchen",
		"f\xc3\xa4hrt", "um", "acht", "Uhr", "\xe6\x9d\xb1\xe4\xba\xac",
		"caf\xc3\xa9", "\xf0\x9f\x98\x80", "ab.", "x\ty", "fin.\n" };
	struct buf		 b = BUF_INIT;
	struct text		*t;
	struct text_layout	*l;
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 i, cps = 0, line, tok;

	for (i = 0; b.len < 10 * 1024 * 1024; i++) {
		buf_addstr(&b, words[(i * 5) % 14]);
		buf_addch(&b, ' ');
	}
	cps = utf8_count(b.data, b.len);
	t = text_new(b.data, b.len);
	ck_assert_uint_eq(t->ncp, cps);
	ck_assert_uint_gt(t->ntokens, 1000000);
	ck_assert_uint_eq(t->tokens[t->ntokens - 1].bend, b.len - 1);
	l = text_layout_new(t, 80);
	ck_assert_uint_gt(l->nlines, 100000);
	ck_assert_uint_eq(l->lines[l->nlines - 1].byteend, b.len);
	/* lines tile the text */
	for (line = 1; line < l->nlines; line++)
		ck_assert_uint_eq(l->lines[line].cp, l->lines[line - 1].cpend);
	/* and a token near the end is found on a line near the end */
	tok = t->ntokens - 2;
	line = text_layout_line_of(l, t->tokens[tok].start);
	ck_assert_uint_ge(line, l->nlines - 2);
	text_layout_cells(l, line, &cells);
	ck_assert_uint_gt(cells.n, 0);
	ck_assert_int_le(cells.v[cells.n - 1].col + cells.v[cells.n - 1].width,
	    80);
	text_cells_release(&cells);
	text_layout_free(l);
	text_free(t);
	buf_release(&b);
}
END_TEST

/* Stored tokens replace the tokenizer's; ones that do not fit the text
 * (out of order, overlapping, empty, past its end, not an array) give way
 * to it. */
START_TEST(test_stored_tokens)
{
	static const char *const bad[] = { "", "[", "[0]", "[0,0]", "[1,0]",
	    "[0,5,4,6]", "[0,99]", "[0,4,]", "[0,4]x", "[-1,2]", "[a,b]",
	    "[0,4 ,5,6]", "[99999999999999999999999,1]" };
	const char	*s = "U.S. 😀 Zoë";
	struct tokens	 tok = TOKENS_INIT;
	struct buf	 b = BUF_INIT;
	struct text	*t;
	size_t		 i;

	t = text_new_tokens(s, strlen(s), "[0,4,5,6,7,10]");
	ck_assert_uint_eq(t->ntokens, 3);
	check_token(t, 0, "U.S.", 0, 4);
	check_token(t, 1, "😀", 5, 6);
	check_token(t, 2, "Zoë", 7, 10);
	text_free(t);
	t = text_new_tokens(s, strlen(s), NULL);
	ck_assert_uint_eq(t->ntokens, 6);	/* U . S . 😀 Zoë */
	text_free(t);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(tokens_decode(&tok, bad[i], s, strlen(s)) == -1,
		    "'%s' was taken", bad[i]);
		ck_assert_uint_eq(tok.n, 0);
		t = text_new_tokens(s, strlen(s), bad[i]);
		ck_assert_uint_eq(t->ntokens, 6);
		text_free(t);
	}
	ck_assert_int_eq(tokens_decode(&tok, "[]", s, strlen(s)), 0);
	ck_assert_uint_eq(tok.n, 0);
	/* Adjacent tokens, and back to the stored form. */
	ck_assert_int_eq(tokens_decode(&tok, "[0,1,1,4,5,6]", s, strlen(s)),
	    0);
	ck_assert_uint_eq(tok.v[1].bstart, 1);
	ck_assert_uint_eq(tok.v[2].bend, 9);
	ck_assert_uint_eq(tokens_starting(&tok, 1), 1);
	ck_assert_uint_eq(tokens_starting(&tok, 2), 3);
	ck_assert_uint_eq(tokens_ending(&tok, 4), 1);
	ck_assert_uint_eq(tokens_ending(&tok, 3), 3);
	tokens_encode(&tok, &b);
	ck_assert_str_eq(buf_str(&b), "[0,1,1,4,5,6]");
	tokens_release(&tok);
	buf_release(&b);
}
END_TEST

static Suite *
text_suite(void)
{
	Suite	*s = suite_create("text");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_tokens_ascii);
	tcase_add_test(tc, test_tokens_unicode);
	tcase_add_test(tc, test_tokens_kept);
	tcase_add_test(tc, test_token_at);
	tcase_add_test(tc, test_widths);
	tcase_add_test(tc, test_tabs_newlines);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_injection);
	tcase_add_test(tc, test_large);
	tcase_add_test(tc, test_stored_tokens);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(text_suite());
}
