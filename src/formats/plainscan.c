/* A plain JSONL line read without a jansson tree (plainscan.h). Its rule:
 * when in doubt, return 0, and the line goes to jansson as before. What
 * it copies from jansson, so that meta is the bytes json_dumps writes
 * (JSON_COMPACT): strings are written raw but for '"', '\\' and the
 * control characters (\b \f \n \r \t short, the others \u%04X); a "\/"
 * is '/'; a whole number as "%lld"; a real as jansson's dtostr does it
 * ("%.17g", ".0" added when there is neither '.' nor 'e', the exponent's
 * '+' and leading zeros dropped); keys in the order written. A half of
 * an escaped surrogate pair, \u0000, a number too big for a long long
 * (jansson's error) or a real's overflow are left to jansson. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/plainscan.h"
#include "model/record.h"
#include "util/buf.h"
#include "util/utf8.h"

#define PLAIN_DEPTH	16	/* meta nested deeper: jansson's */
#define PLAIN_KEYS	64	/* keys of one object checked for twins */
#define PLAIN_DIGITS	18	/* a whole number never overflows */

struct scan {
	const unsigned char	*s, *end;
	struct buf		*b;
};

/* 1 for a byte a string holds as it is: printable ASCII but '"', '\\'. */
static const unsigned char plain_byte[256] = {
#define R8(x)	x, x, x, x, x, x, x, x
	R8(0), R8(0), R8(0), R8(0),
	1, 1, 0, 1, 1, 1, 1, 1, R8(1), R8(1), R8(1),
	R8(1), R8(1), R8(1), 1, 1, 1, 1, 0, 1, 1, 1,
	R8(1), R8(1), R8(1), R8(1),
	R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0),
	R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0), R8(0)
#undef R8
};

static void
ws(struct scan *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
	    *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

/* The next byte after white space is ch: taken. */
static int
expect(struct scan *c, int ch)
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

/* Code point cp (from an escape) into b: raw, or as jansson dumps it. */
static void
put_cp(struct buf *b, uint32_t cp, int dumped)
{
	char	u[8];
	int	n;

	if (dumped) {
		switch (cp) {
		case '"':	buf_add(b, "\\\"", 2); return;
		case '\\':	buf_add(b, "\\\\", 2); return;
		case '\b':	buf_add(b, "\\b", 2); return;
		case '\f':	buf_add(b, "\\f", 2); return;
		case '\n':	buf_add(b, "\\n", 2); return;
		case '\r':	buf_add(b, "\\r", 2); return;
		case '\t':	buf_add(b, "\\t", 2); return;
		default:
			if (cp < 0x20) {
				snprintf(u, sizeof u, "\\u%04X", (unsigned)cp);
				buf_add(b, u, 6);
				return;
			}
		}
	}
	n = utf8_encode(cp, u);
	buf_add(b, u, (size_t)n);
}

/* The string at c->s (its quote) into c->b: unescaped, or (dumped) as
 * jansson writes it, quotes and all. */
static int
string(struct scan *c, int dumped)
{
	const unsigned char	*s = c->s + 1, *end = c->end, *run;
	uint32_t		 cp, lo;
	int			 n;

	if (dumped)
		buf_addch(c->b, '"');
	for (;;) {
		run = s;
		while (s < end && plain_byte[*s])
			s++;
		if (s > run)
			buf_add(c->b, run, (size_t)(s - run));
		if (s == end || *s < 0x20)
			return -1;
		if (*s == '"')
			break;
		if (*s >= 0x80) {
			if ((n = utf8_decode((const char *)s, (size_t)(end - s),
			    &cp)) < 0)
				return -1;
			buf_add(c->b, s, (size_t)n);
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
		put_cp(c->b, cp, dumped);
	}
	if (dumped)
		buf_addch(c->b, '"');
	c->s = s + 1;
	return 0;
}

/* A number at c->s into c->b as jansson writes it; *whole says whether
 * it is a whole number, *v its value then. */
static int
number(struct scan *c, int *whole, int64_t *v)
{
	const unsigned char	*s = c->s, *p = c->s;
	char			 tmp[64], *e, *x, *y;
	double			 d;
	int64_t			 n = 0;
	int			 digits = 0, len;

	if (p < c->end && *p == '-')
		p++;
	if (p == c->end || *p < '0' || *p > '9')
		return -1;
	if (*p == '0') {
		p++;
		if (p < c->end && *p >= '0' && *p <= '9')
			return -1;
		digits = 1;
	} else
		while (p < c->end && *p >= '0' && *p <= '9') {
			/* Counted first: a 19th digit would overflow n. */
			if (++digits > PLAIN_DIGITS)
				return -1;
			n = n * 10 + (*p++ - '0');
		}
	if (p == c->end || (*p != '.' && *p != 'e' && *p != 'E')) {
		if (s[0] == '-' && n == 0)
			return -1;	/* -0: jansson writes 0 */
		buf_add(c->b, s, (size_t)(p - s));
		*whole = 1;
		*v = s[0] == '-' ? -n : n;
		c->s = p;
		return 0;
	}
	if (*p == '.') {
		p++;
		if (p == c->end || *p < '0' || *p > '9')
			return -1;
		while (p < c->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < c->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < c->end && (*p == '+' || *p == '-'))
			p++;
		if (p == c->end || *p < '0' || *p > '9')
			return -1;
		while (p < c->end && *p >= '0' && *p <= '9')
			p++;
	}
	if ((size_t)(p - s) >= sizeof tmp ||
	    strcmp(localeconv()->decimal_point, ".") != 0)
		return -1;
	memcpy(tmp, s, (size_t)(p - s));
	tmp[p - s] = '\0';
	d = strtod(tmp, &e);
	if (*e != '\0' || isinf(d))
		return -1;
	len = snprintf(tmp, sizeof tmp - 3, "%.17g", d);
	if (len < 0 || (size_t)len >= sizeof tmp - 3)
		return -1;
	if (strchr(tmp, '.') == NULL && strchr(tmp, 'e') == NULL) {
		memcpy(tmp + len, ".0", 3);
		len += 2;
	}
	if ((x = strchr(tmp, 'e')) != NULL) {
		x++;
		if (*x == '-')
			x++;
		for (y = x; *y == '+' || *y == '0'; y++)
			;
		if (*y == '\0')
			y--;	/* e0: keep the 0 (jansson's loop does) */
		memmove(x, y, strlen(y) + 1);
		len = (int)strlen(tmp);
	}
	buf_add(c->b, tmp, (size_t)len);
	*whole = 0;
	c->s = p;
	return 0;
}

static int	value(struct scan *, int);

static int
literal(struct scan *c, const char *word)
{
	size_t	n = strlen(word);

	if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n) != 0)
		return -1;
	buf_add(c->b, word, n);
	c->s += n;
	return 0;
}

/* The object at c->s, as jansson dumps it; a key twice is jansson's. */
static int
object(struct scan *c, int depth)
{
	size_t	at[PLAIN_KEYS], len[PLAIN_KEYS], nkeys = 0, k0, i;

	c->s++;
	buf_addch(c->b, '{');
	ws(c);
	if (c->s < c->end && *c->s == '}') {
		c->s++;
		buf_addch(c->b, '}');
		return 0;
	}
	for (;;) {
		ws(c);
		if (c->s == c->end || *c->s != '"' || nkeys == PLAIN_KEYS)
			return -1;
		k0 = c->b->len;
		if (string(c, 1) == -1)
			return -1;
		for (i = 0; i < nkeys; i++)
			if (len[i] == c->b->len - k0 &&
			    memcmp(c->b->data + at[i], c->b->data + k0,
			    len[i]) == 0)
				return -1;
		at[nkeys] = k0;
		len[nkeys++] = c->b->len - k0;
		if (expect(c, ':') == -1)
			return -1;
		buf_addch(c->b, ':');
		ws(c);
		if (value(c, depth) == -1)
			return -1;
		ws(c);
		if (c->s == c->end)
			return -1;
		if (*c->s == '}')
			break;
		if (*c->s++ != ',')
			return -1;
		buf_addch(c->b, ',');
	}
	c->s++;
	buf_addch(c->b, '}');
	return 0;
}

static int
array(struct scan *c, int depth)
{
	c->s++;
	buf_addch(c->b, '[');
	ws(c);
	if (c->s < c->end && *c->s == ']') {
		c->s++;
		buf_addch(c->b, ']');
		return 0;
	}
	for (;;) {
		ws(c);
		if (value(c, depth) == -1)
			return -1;
		ws(c);
		if (c->s == c->end)
			return -1;
		if (*c->s == ']')
			break;
		if (*c->s++ != ',')
			return -1;
		buf_addch(c->b, ',');
	}
	c->s++;
	buf_addch(c->b, ']');
	return 0;
}

/* A value inside meta, written as jansson dumps it. */
static int
value(struct scan *c, int depth)
{
	int64_t	v;
	int	whole;

	if (c->s == c->end)
		return -1;
	switch (*c->s) {
	case '"':
		return string(c, 1);
	case '{':
		return depth >= PLAIN_DEPTH ? -1 : object(c, depth + 1);
	case '[':
		return depth >= PLAIN_DEPTH ? -1 : array(c, depth + 1);
	case 't':
		return literal(c, "true");
	case 'f':
		return literal(c, "false");
	case 'n':
		return literal(c, "null");
	default:
		return number(c, &whole, &v);
	}
}

/* A top-level key with nothing to unescape: its bit, or -1. */
static int
top_key(struct scan *c)
{
	static const char	*const keys[] = { "text", "id", "meta",
				    "priority" };
	const unsigned char	*k = c->s + 1, *q;
	size_t			 i, n;

	for (q = k; q < c->end && *q != '"'; q++)
		if (*q == '\\')
			return -1;
	if (q == c->end)
		return -1;
	n = (size_t)(q - k);
	c->s = q + 1;
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0)
			return (int)i;
	return -1;
}

/* null at c->s: taken. */
static int
null(struct scan *c)
{
	if (c->end - c->s >= 4 && memcmp(c->s, "null", 4) == 0) {
		c->s += 4;
		return 1;
	}
	return 0;
}

int
plain_scan(const char *line, size_t len, struct plain *p, struct buf *b)
{
	struct scan	c;
	unsigned	seen = 0;
	int64_t		v;
	int		k, whole;
	size_t		at;

	memset(p, 0, sizeof *p);
	buf_reset(b);
	c.s = (const unsigned char *)line;
	c.end = c.s + len;
	c.b = b;
	if (expect(&c, '{') == -1)
		return 0;
	for (;;) {
		ws(&c);
		if (c.s == c.end || *c.s != '"' || (k = top_key(&c)) == -1 ||
		    (seen & 1u << k) || expect(&c, ':') == -1)
			return 0;
		seen |= 1u << k;
		ws(&c);
		if (c.s == c.end)
			return 0;
		at = b->len;
		switch (k) {
		case 0:		/* text */
			if (*c.s != '"' || string(&c, 0) == -1)
				return 0;
			p->text = at;
			p->text_len = b->len - at;
			break;
		case 1:		/* id */
			if (null(&c))
				break;
			if (*c.s == '"') {
				if (string(&c, 0) == -1 || b->len == at)
					return 0;
				p->id_kind = PLAIN_ID_STRING;
			} else if (number(&c, &whole, &v) == -1 || !whole)
				return 0;
			else
				p->id_kind = PLAIN_ID_INT;
			p->id = at;
			break;
		case 2:		/* meta */
			if (null(&c))
				break;
			if (*c.s != '{' || object(&c, 1) == -1)
				return 0;
			p->has_meta = 1;
			p->meta = at;
			break;
		default:	/* priority */
			if (null(&c))
				break;
			if (number(&c, &whole, &v) == -1 || !whole ||
			    v < -RECORD_PRIORITY_MAX || v > RECORD_PRIORITY_MAX)
				return 0;
			p->has_priority = 1;
			p->priority = v;
			break;
		}
		if (b->len > at || k == 0)
			buf_addch(b, '\0');
		ws(&c);
		if (c.s == c.end)
			return 0;
		if (*c.s == '}')
			break;
		if (*c.s++ != ',')
			return 0;
	}
	c.s++;
	ws(&c);
	return c.s == c.end && (seen & 1u) ? 1 : 0;
}

int
plain_value(const char **s, const char *end, struct buf *b, int raw)
{
	struct scan	c;
	int		rc;

	c.s = (const unsigned char *)*s;
	c.end = (const unsigned char *)end;
	c.b = b;
	if (c.s == c.end)
		return -1;
	rc = raw && *c.s == '"' ? string(&c, 0) : value(&c, 1);
	*s = (const char *)c.s;
	return rc;
}
