/* The tokenizer (see tokens.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "model/tokens.h"
#include "util/buf.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define ZWJ		0x200d	/* zero-width joiner */

int
tokens_is_space(uint32_t cp)
{
	char	vis[16];

	if (cp == ' ' || cp == '\t' || cp == '\n')
		return 1;
	if (cp < 0x80)
		return 0;
	if (cp == 0xa0 || cp == 0x2007 || cp == 0x202f)	/* no-break */
		return 1;
	return iswspace((wint_t)cp) && !escape_cp(cp, vis);
}

static int
is_cjk(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) ||	/* kana */
	    (cp >= 0x31f0 && cp <= 0x31ff) ||
	    (cp >= 0x3005 && cp <= 0x3007) ||		/* 々 〆 〇 */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* ideographs */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x20000 && cp <= 0x3ffff) ||
	    (cp >= 0xac00 && cp <= 0xd7af) ||		/* hangul */
	    (cp >= 0xff66 && cp <= 0xff9f);		/* half-width kana */
}

enum cp_class
tokens_class(uint32_t cp)
{
	char	vis[16];

	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return CL_WORD;
		return tokens_is_space(cp) ? CL_SPACE : CL_SINGLE;
	}
	if (escape_cp(cp, vis))
		return CL_SINGLE;
	if (tokens_is_space(cp))
		return CL_SPACE;
	if (cp == ZWJ)
		return CL_JOINER;
	if (cp >= 0x1f3fb && cp <= 0x1f3ff)
		return CL_MODIFIER;
	if (is_cjk(cp))
		return CL_SINGLE;
	if (utf8_cp_width(cp) == 0)
		return CL_MARK;
	if (iswalnum((wint_t)cp))
		return CL_WORD;
	return CL_SINGLE;
}

/* ASCII's classes, looked up (most texts are mostly ASCII, and a
 * million of them are split for the agreement over tokens). */
static unsigned char	ascii[128];
static int		ascii_made;

size_t
tokens_split_kept(struct tokens *t, size_t *alloc, const char *s, size_t len,
    size_t keep)
{
	struct token	*tok = t->v;
	size_t		 i = 0, cp = 0, n = 0, all = 0;
	uint32_t	 c;
	enum cp_class	 cl;
	int		 k, open = 0, word = 0, join = 0, kept = 0;

	if (!ascii_made) {
		for (c = 0; c < 128; c++)
			ascii[c] = (unsigned char)tokens_class(c);
		ascii_made = 1;
	}
	while (i < len) {
		/* Past what is kept, a run of ASCII is only counted, without
		 * a branch a byte: a token starts at each character that is
		 * not a space, unless a word's letter or digit follows one
		 * (join is 0: no joiner is ASCII, nor a mark or modifier). */
		if (!kept && cp >= keep && !join) {
			size_t	j = i;
			int	pw = open && word, last = -1;

			while (j < len && (unsigned char)s[j] < 0x80 &&
			    s[j] != '\r') {
				last = ascii[(unsigned char)s[j]];
				all += (last != CL_SPACE) & !(last == CL_WORD &&
				    pw);
				pw = last == CL_WORD;
				j++;
			}
			if (last != -1) {
				open = last != CL_SPACE;
				word = last == CL_WORD;
				cp += j - i;
				i = j;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80 && s[i] != '\r') {
			k = 1;
			cl = (enum cp_class)ascii[(unsigned char)s[i]];
		} else if ((k = utf8_decode(s + i, len - i, &c)) < 0) {
			k = 1;
			cl = CL_SINGLE;
		} else if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			cl = CL_SPACE;	/* CRLF: a line break, not a CR */
		else
			cl = tokens_class(c);
		if (cl == CL_SPACE)
			open = 0;
		else if (open && (join || cl == CL_MARK || cl == CL_JOINER ||
		    cl == CL_MODIFIER || (cl == CL_WORD && word))) {
			if (kept) {
				tok[n - 1].end = cp + 1;
				tok[n - 1].bend = i + (size_t)k;
			}
		} else {
			all++;
			if ((kept = cp < keep)) {
				ARRAY_GROW(tok, n + 1, *alloc);
				tok[n].start = cp;
				tok[n].end = cp + 1;
				tok[n].bstart = i;
				tok[n].bend = i + (size_t)k;
				n++;
			}
			open = 1;
			word = cl == CL_WORD;
		}
		join = cl == CL_JOINER;
		i += (size_t)k;
		cp++;
		/* The rest of a word's ASCII letters and digits at once. */
		if (cl == CL_WORD && word) {
			size_t	j = i;

			while (j < len && (unsigned char)s[j] < 0x80 &&
			    ascii[(unsigned char)s[j]] == CL_WORD)
				j++;
			if (j > i) {
				cp += j - i;
				i = j;
				if (kept) {
					tok[n - 1].end = cp;
					tok[n - 1].bend = i;
				}
			}
		}
	}
	t->v = tok;
	t->n = n;
	t->ncp = cp;
	return all;
}

void
tokens_split(struct tokens *t, const char *s, size_t len)
{
	size_t	alloc = 0;

	/* A fresh split gets a fresh array: what t held is given up. A
	 * short text's tokens (a byte at least each) fit one allocation. */
	free(t->v);
	t->v = NULL;
	if (len > 0)
		ARRAY_GROW(t->v, len < 256 ? len : 256, alloc);
	tokens_split_kept(t, &alloc, s, len, SIZE_MAX);
}

void
tokens_release(struct tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->ncp = 0;
}

/* The first token whose end (the size_t at offset end_at in struct
 * token: end or bend) is past pos, by bisection. */
static size_t
first_ending_after(const struct tokens *t, size_t end_at, size_t pos)
{
	size_t	lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (*(const size_t *)((const char *)&t->v[mid] + end_at) > pos)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

size_t
tokens_at(const struct tokens *t, size_t cp)
{
	return first_ending_after(t, offsetof(struct token, end), cp);
}

size_t
tokens_at_byte(const struct tokens *t, size_t byte)
{
	return first_ending_after(t, offsetof(struct token, bend), byte);
}

/* v in decimal: a task's tokens are written at import, two numbers a
 * token, and buf_printf there was nearly half of what a CoNLL import's
 * reader spent (perf). */
static void
add_number(struct buf *b, size_t v)
{
	char	d[24], *p = d + sizeof d;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

void
tokens_encode(const struct tokens *t, struct buf *b)
{
	size_t	i;

	buf_addch(b, '[');
	for (i = 0; i < t->n; i++) {
		if (i > 0)
			buf_addch(b, ',');
		add_number(b, t->v[i].start);
		buf_addch(b, ',');
		add_number(b, t->v[i].end);
	}
	buf_addch(b, ']');
}

/* A whole number at *p, then one of the characters in follow. */
static int
number(const char **p, size_t *out, const char *follow)
{
	const char	*s = *p;
	size_t		 v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > SIZE_MAX / 10 - 1)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (*s == '\0' || strchr(follow, *s) == NULL)
		return -1;
	*out = v;
	*p = s + 1;
	return 0;
}

int
tokens_decode(struct tokens *t, const char *enc, const char *s, size_t len)
{
	struct token	*tok = NULL;
	const char	*p = enc;
	size_t		 alloc = 0, n = 0, start, end, cp = 0, i = 0, prev = 0;
	uint32_t	 c;
	int		 k;

	free(t->v);
	t->v = NULL;
	t->n = t->ncp = 0;
	if (*p++ != '[')
		return -1;
	if (*p == ']' && p[1] == '\0')
		goto done;
	/* One allocation: a token takes 4 bytes of enc at least ("0,1,"). */
	ARRAY_GROW(tok, strlen(p) / 4 + 1, alloc);
	for (;;) {
		if (number(&p, &start, ",") == -1 || number(&p, &end, ",]") ==
		    -1 || end <= start || start < prev)
			goto bad;
		ARRAY_GROW(tok, n + 1, alloc);
		tok[n].start = start;
		tok[n].end = end;
		n++;
		prev = end;
		if (p[-1] == ']')
			break;
	}
	if (*p != '\0')
		goto bad;
done:
	/* Byte offsets, in one walk of the text: a token may start where
	 * the one before it ends. */
	t->v = tok;
	t->n = n;
	for (n = 0; ; ) {
		if (n < t->n && t->v[n].end == cp)
			t->v[n++].bend = i;
		if (n < t->n && t->v[n].start == cp)
			t->v[n].bstart = i;
		if (i >= len)
			break;
		if ((unsigned char)s[i] < 0x80)
			k = 1;
		else if ((k = utf8_decode(s + i, len - i, &c)) < 0)
			k = 1;
		i += (size_t)k;
		cp++;
	}
	t->ncp = cp;
	if (n < t->n) {
		tokens_release(t);
		return -1;
	}
	return 0;
bad:
	free(tok);
	return -1;
}

void
tokens_of(struct tokens *t, const char *enc, const char *s, size_t len)
{
	if (enc == NULL || tokens_decode(t, enc, s, len) == -1)
		tokens_split(t, s, len);
}

size_t
tokens_starting(const struct tokens *t, size_t cp)
{
	size_t	i = tokens_at(t, cp);

	return i < t->n && t->v[i].start == cp ? i : t->n;
}

size_t
tokens_ending(const struct tokens *t, size_t cp)
{
	size_t	i;

	if (cp == 0)
		return t->n;
	i = tokens_at(t, cp - 1);
	return i < t->n && t->v[i].end == cp ? i : t->n;
}
