/* Jumping over a text's tokens with hints (easymotion's idea): t lays a
 * hint of one letter over every token on screen (two letters when more
 * tokens are in sight than there are letters), and typing a hint goes
 * there, in two keys wherever the token is. A hint typed in capitals
 * selects that token and the next one, so a two-token name is three keys
 * and its label; with a selection anchored, a jump extends it. The hints
 * are the letters, home row first, given in reading order from the first
 * token on screen: the same text shows the same hints. */
#include <ctype.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"

static const char	hint_chars[] = "asdfghjklqwertyuiopzxcvbnm";
#define HINT_CHARS	(sizeof hint_chars - 1)

/*
 * How many of n hints are one letter: all when n fits the letters; else
 * the first k, and the letters after them start hints of two, each
 * prefix holding HINT_CHARS, so that k + (HINT_CHARS - k) * HINT_CHARS
 * covers n (at most HINT_CHARS squared).
 */
static size_t
hint_singles(size_t n)
{
	size_t	all = HINT_CHARS * HINT_CHARS;

	if (n <= HINT_CHARS)
		return n;
	if (n >= all)
		return 0;
	return (all - n) / (HINT_CHARS - 1);
}

size_t
labeler_hint_name(size_t i, size_t n, char out[3])
{
	size_t	k = hint_singles(n), d;

	out[0] = out[1] = out[2] = '\0';
	if (i >= n || i >= HINT_CHARS * HINT_CHARS)
		return 0;
	if (i < k) {
		out[0] = hint_chars[i];
		return 1;
	}
	d = i - k;
	out[0] = hint_chars[k + d / HINT_CHARS];
	out[1] = hint_chars[d % HINT_CHARS];
	return 2;
}

/* The tokens on screen, first .. first + *n - 1. */
static size_t
on_screen(const struct labeler *lb, size_t *n)
{
	const struct text_layout	*ly = lb->layout;
	size_t				 first, last, end;

	*n = 0;
	if (ly == NULL || lb->text->ntokens == 0 || lb->top >= ly->nlines)
		return 0;
	first = text_token_at(lb->text, ly->lines[lb->top].cp);
	end = lb->top + (size_t)lb->height;
	last = end < ly->nlines ? text_token_at(lb->text, ly->lines[end].cp) :
	    lb->text->ntokens;
	/* A token that starts above the screen is not jumped to. */
	if (first < last && lb->text->tokens[first].start <
	    ly->lines[lb->top].cp)
		first++;
	*n = last > first ? last - first : 0;
	if (*n > HINT_CHARS * HINT_CHARS)
		*n = HINT_CHARS * HINT_CHARS;
	return first;
}

int
labeler_hint(const struct labeler *lb, size_t token, char out[3])
{
	size_t	first, n;

	out[0] = '\0';
	if (!lb->hinting || !lb_spans_mode(lb))
		return 0;
	first = on_screen(lb, &n);
	if (token < first || token >= first + n)
		return 0;
	labeler_hint_name(token - first, n, out);
	if (lb->hint_prefix != '\0') {
		/* Only the hints the typed letter starts, their rest. */
		if (out[0] != lb->hint_prefix || out[1] == '\0') {
			out[0] = '\0';
			return 0;
		}
		out[0] = out[1];
		out[1] = '\0';
	}
	return 1;
}

enum lb_action
lb_hints_open(struct labeler *lb)
{
	size_t	n;

	on_screen(lb, &n);
	if (n == 0) {
		lb_say(lb, "No token on screen to jump to");
		return LB_REDRAW;
	}
	lb->hinting = 1;
	lb->hint_prefix = '\0';
	lb_say(lb, "Jump: type a token's hint (in capitals: it and the next"
	    " one), Esc cancels");
	return LB_REDRAW;
}

/* Goes to token k; two selects it and the next. */
static void
jump(struct labeler *lb, size_t k, int two)
{
	if (two && !lb->anchored) {
		lb->anchored = 1;
		lb->anchor = k;
	}
	if (two && k + 1 < lb->text->ntokens)
		k++;
	lb_move_to(lb, k);
}

enum lb_action
lb_hint_key(struct labeler *lb, int key)
{
	size_t	first, n, i;
	char	name[3];
	int	c, two;

	if (keymap_request(KS_DRIVER, KEYS_MARK, key) == REQ_CANCEL) {
		lb->hinting = 0;
		lb_say(lb, "Jump cancelled");
		return LB_REDRAW;
	}
	if (key <= 0 || key >= 0x80 || !isalpha(key)) {
		/* Not a hint: the key means what it means elsewhere. */
		lb->hinting = 0;
		return LB_PASS;
	}
	c = tolower(key);
	two = c != key;
	first = on_screen(lb, &n);
	for (i = 0; i < n; i++) {
		labeler_hint_name(i, n, name);
		if (lb->hint_prefix == '\0' && name[0] == c && name[1] != '\0') {
			/* The first letter of hints of two. */
			lb->hint_prefix = (char)c;
			return LB_REDRAW;
		}
		if (lb->hint_prefix == '\0' ? name[0] == c && name[1] == '\0' :
		    name[0] == lb->hint_prefix && name[1] == c) {
			lb->hinting = 0;
			lb->hint_prefix = '\0';
			jump(lb, first + i, two);
			return LB_REDRAW;
		}
	}
	lb_say(lb, "No token has the hint %s%c: Esc cancels the jump",
	    lb->hint_prefix != '\0' ? (char[2]){ lb->hint_prefix, '\0' } : "",
	    c);
	return LB_REDRAW;
}
