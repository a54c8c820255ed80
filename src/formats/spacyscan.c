/* spaCy's v2 JSON documents read without a tree (spacyscan.h). What it
 * takes from jansson: a string holds no byte below 0x20 and only valid
 * UTF-8 (no surrogate, nothing past U+10FFFF, nothing overlong), its
 * escapes are the eight short ones and \uXXXX with surrogates in pairs;
 * a whole number has no leading zero. Anything it does not take whole
 * (including \u0000, "-0", a number of 19 digits or a real as the id)
 * is jansson's, who reads it or says what is wrong. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/spacyscan.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define SCAN_DIGITS	18	/* a whole number never overflows */

int	v2scan_off;

struct sc {
	const unsigned char	*s, *end;
	struct v2scan		*v;
};

static void
ws(struct sc *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
	    *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

/* After white space, the byte ch: taken. */
static int
take(struct sc *c, int ch)
{
	ws(c);
	if (c->s == c->end || *c->s != ch)
		return -1;
	c->s++;
	return 0;
}

static int
hex4(const unsigned char *s, const unsigned char *end, uint32_t *cp)
{
	int	i, d;

	if (end - s < 4)
		return -1;
	*cp = 0;
	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return -1;
		*cp = *cp << 4 | (uint32_t)d;
	}
	return 0;
}

/* The string at c->s (after white space) unescaped into v->b, then a
 * NUL: its offset and length. */
static int
string(struct sc *c, size_t *at, size_t *lenp)
{
	struct buf		*b = &c->v->b;
	const unsigned char	*s, *end = c->end, *run;
	uint32_t		 cp, lo;
	char			 u[8];
	int			 n;

	ws(c);
	if (c->s == end || *c->s != '"')
		return -1;
	s = c->s + 1;
	*at = b->len;
	for (;;) {
		run = s;
		while (s < end && *s >= 0x20 && *s < 0x80 && *s != '"' &&
		    *s != '\\')
			s++;
		if (s > run)
			buf_add(b, run, (size_t)(s - run));
		if (s == end || *s < 0x20)
			return -1;
		if (*s == '"')
			break;
		if (*s >= 0x80) {
			if ((n = utf8_decode((const char *)s, (size_t)(end - s),
			    &cp)) < 0)
				return -1;
			buf_add(b, s, (size_t)n);
			s += n;
			continue;
		}
		if (++s == end)		/* past the backslash */
			return -1;
		switch (*s++) {
		case '"':	cp = '"'; break;
		case '\\':	cp = '\\'; break;
		case '/':	cp = '/'; break;
		case 'b':	cp = '\b'; break;
		case 'f':	cp = '\f'; break;
		case 'n':	cp = '\n'; break;
		case 'r':	cp = '\r'; break;
		case 't':	cp = '\t'; break;
		case 'u':
			if (hex4(s, end, &cp) == -1)
				return -1;
			s += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return -1;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - s < 6 || s[0] != '\\' || s[1] != 'u' ||
				    hex4(s + 2, end, &lo) == -1 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return -1;
				s += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (cp == 0)
				return -1;
			break;
		default:
			return -1;
		}
		n = utf8_encode(cp, u);
		buf_add(b, u, (size_t)n);
	}
	*lenp = b->len - *at;
	buf_addch(b, '\0');
	c->s = s + 1;
	return 0;
}

/* A key with nothing to unescape, then its ':': the index of its name
 * in names (n of them), or -1. */
static int
key(struct sc *c, const char *const *names, int n)
{
	const unsigned char	*k, *q;
	size_t			 len;
	int			 i;

	ws(c);
	if (c->s == c->end || *c->s != '"')
		return -1;
	k = c->s + 1;
	for (q = k; q < c->end && *q != '"' && *q != '\\'; q++)
		;
	if (q == c->end || *q != '"')
		return -1;
	len = (size_t)(q - k);
	c->s = q + 1;
	if (take(c, ':') == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], k, len) == 0)
			return i;
	return -1;
}

/* After a member: 1 for ',' (another), 0 for the object's '}'. */
static int
next(struct sc *c, int close)
{
	ws(c);
	if (c->s == c->end)
		return -1;
	if (*c->s == ',') {
		c->s++;
		return 1;
	}
	if (*c->s == close) {
		c->s++;
		return 0;
	}
	return -1;
}

/* A '[' and whether the list is empty (its ']' taken): 1 empty, 0 not. */
static int
open_list(struct sc *c)
{
	if (take(c, '[') == -1)
		return -1;
	ws(c);
	if (c->s < c->end && *c->s == ']') {
		c->s++;
		return 1;
	}
	return 0;
}

/* A '{' and whether it is empty: 1 empty, 0 not. */
static int
open_object(struct sc *c)
{
	if (take(c, '{') == -1)
		return -1;
	ws(c);
	if (c->s < c->end && *c->s == '}') {
		c->s++;
		return 1;
	}
	return 0;
}

static int
token(struct sc *c)
{
	static const char *const names[] = { "orth", "ner" };
	struct v2scan		*v = c->v;
	struct v2scan_tok	*t;
	unsigned		 seen = 0;
	int			 k, rc;

	ARRAY_GROW(v->tok, v->ntok + 1, v->atok);
	t = &v->tok[v->ntok];
	memset(t, 0, sizeof *t);
	if ((rc = open_object(c)) != 0)
		return -1;
	do {
		if ((k = key(c, names, 2)) == -1 || (seen & 1u << k))
			return -1;
		seen |= 1u << k;
		if (k == 0 ? string(c, &t->orth, &t->orth_len) :
		    string(c, &t->ner, &t->ner_len))
			return -1;
	} while ((rc = next(c, '}')) == 1);
	if (rc == -1 || !(seen & 1u) || t->orth_len == 0)
		return -1;
	t->has_ner = (seen & 2u) != 0;
	v->ntok++;
	return 0;
}

static int
sentence(struct sc *c)
{
	static const char *const names[] = { "tokens" };
	struct v2scan	*v = c->v;
	int		 rc;

	ARRAY_GROW(v->sent, v->nsent + 1, v->asent);
	v->sent[v->nsent++] = v->ntok;
	if (open_object(c) != 0 || key(c, names, 1) != 0)
		return -1;
	if ((rc = open_list(c)) == -1)
		return -1;
	if (rc == 0)
		do
			if (token(c) == -1)
				return -1;
		while ((rc = next(c, ']')) == 1);
	return rc == -1 || next(c, '}') != 0 ? -1 : 0;
}

static int
paragraph(struct sc *c)
{
	static const char *const names[] = { "raw", "sentences" };
	struct v2scan		*v = c->v;
	struct v2scan_para	*pa;
	size_t			 at, len, first;
	unsigned		 seen = 0;
	int			 k, rc;

	ARRAY_GROW(v->para, v->npara + 1, v->apara);
	pa = &v->para[v->npara];
	memset(pa, 0, sizeof *pa);
	if (open_object(c) != 0)
		return -1;
	do {
		if ((k = key(c, names, 2)) == -1 || (seen & 1u << k))
			return -1;
		seen |= 1u << k;
		if (k == 0) {
			if (string(c, &at, &len) == -1)
				return -1;
			pa = &v->para[v->npara];
			pa->has_raw = 1;
			pa->raw = at;
			pa->raw_len = len;
			continue;
		}
		first = v->nsent;
		if ((rc = open_list(c)) == -1)
			return -1;
		if (rc == 0)
			do
				if (sentence(c) == -1)
					return -1;
			while ((rc = next(c, ']')) == 1);
		if (rc == -1)
			return -1;
		ARRAY_GROW(v->sent, v->nsent + 1, v->asent);
		v->sent[v->nsent++] = v->ntok;	/* the last one's end */
		pa = &v->para[v->npara];
		pa->sent = first;
		pa->nsent = v->nsent - first - 1;
	} while ((rc = next(c, '}')) == 1);
	if (rc == -1 || !(seen & 2u))
		return -1;
	v->npara++;
	return 0;
}

/* The id: a string, or a whole number as jansson reads one. */
static int
id(struct sc *c)
{
	struct v2scan		*v = c->v;
	const unsigned char	*s, *p;
	int			 digits = 0;

	ws(c);
	if (c->s < c->end && *c->s == '"') {
		v->id_kind = V2SCAN_ID_STRING;
		return string(c, &v->id, &v->id_len);
	}
	s = p = c->s;
	if (p < c->end && *p == '-')
		p++;
	if (p == c->end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0') {
		if (s != p)
			return -1;	/* -0, -01: jansson's */
		p++;
		digits = 1;
	} else
		while (p < c->end && *p >= '0' && *p <= '9') {
			if (++digits > SCAN_DIGITS)
				return -1;
			p++;
		}
	if (p < c->end && ((*p >= '0' && *p <= '9') || *p == '.' ||
	    *p == 'e' || *p == 'E'))
		return -1;
	v->id_kind = V2SCAN_ID_INT;
	v->id = v->b.len;
	v->id_len = (size_t)(p - s);
	buf_add(&v->b, s, v->id_len);
	buf_addch(&v->b, '\0');
	c->s = p;
	return 0;
}

int
v2scan_doc(struct v2scan *v, const char *s, size_t len)
{
	static const char *const names[] = { "id", "paragraphs" };
	struct sc	c;
	unsigned	seen = 0;
	int		k, rc;

	v->id_kind = V2SCAN_ID_NONE;
	v->npara = v->nsent = v->ntok = 0;
	buf_reset(&v->b);
	if (v2scan_off)
		return 0;
	c.s = (const unsigned char *)s;
	c.end = c.s + len;
	c.v = v;
	if (open_object(&c) != 0)
		return 0;
	do {
		if ((k = key(&c, names, 2)) == -1 || (seen & 1u << k))
			return 0;
		seen |= 1u << k;
		if (k == 0) {
			if (id(&c) == -1)
				return 0;
			continue;
		}
		if ((rc = open_list(&c)) == -1)
			return 0;
		if (rc == 0)
			do
				if (paragraph(&c) == -1)
					return 0;
			while ((rc = next(&c, ']')) == 1);
		if (rc == -1)
			return 0;
	} while ((rc = next(&c, '}')) == 1);
	if (rc == -1 || !(seen & 2u))
		return 0;
	ws(&c);
	return c.s == c.end;
}

void
v2scan_release(struct v2scan *v)
{
	free(v->para);
	free(v->sent);
	free(v->tok);
	buf_release(&v->b);
	memset(v, 0, sizeof *v);
}
