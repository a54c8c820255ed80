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

/* b's n more bytes: buf_add, inline (a scanned line's many small
 * pieces). */
static inline void
put(struct buf *b, const void *p, size_t n)
{
	const char	*q = p;
	char		*d;

	if (b->alloc - b->len <= n)
		buf_grow(b, n);
	d = b->data + b->len;
	/* Most pieces are short: copied in two overlapping words, not by
	 * a call to memcpy. */
	if (n >= 8 && n <= 16) {
		memcpy(d, q, 8);
		memcpy(d + n - 8, q + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, q, 4);
		memcpy(d + n - 4, q + n - 4, 4);
	} else if (n > 0 && n < 4) {
		d[0] = q[0];
		d[n / 2] = q[n / 2];
		d[n - 1] = q[n - 1];
	} else if (n > 16)
		memcpy(d, q, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
put1(struct buf *b, int ch)
{
	if (b->alloc - b->len <= 1)
		buf_grow(b, 1);
	b->data[b->len++] = (char)ch;
	b->data[b->len] = '\0';
}

int
jcur_take(struct jcur *c, int ch)
{
	jcur_ws(c);
	if (c->s == c->end || *c->s != ch)
		return -1;
	c->s++;
	return 0;
}

int
jcur_next(struct jcur *c, int close)
{
	jcur_ws(c);
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

int
jcur_key(struct jcur *c, const char *const *names, int n)
{
	const unsigned char	*k, *q;
	size_t			 len;
	int			 i;

	jcur_ws(c);
	if (c->s == c->end || *c->s != '"')
		return -1;
	k = c->s + 1;
	for (q = k; q < c->end && *q != '"' && *q != '\\'; q++)
		;
	if (q == c->end || *q != '"')
		return -1;
	len = (size_t)(q - k);
	c->s = q + 1;
	if (jcur_take(c, ':') == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], k, len) == 0)
			return i;
	return -1;
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

int
jcur_string(struct jcur *c, int dumped)
{
	struct buf		*b = c->b;
	const unsigned char	*q = c->s + 1, *s = q, *end = c->end, *run = q;
	uint32_t		 cp, lo;
	int			 n;

	/* The bytes as they are, up to an escape: put when one comes (the
	 * quote first), and at the end. */
	for (;;) {
		while (s < end && plain_byte[*s])
			s++;
		if (s == end || *s < 0x20)
			return -1;
		if (*s == '"')
			break;
		if (*s >= 0x80) {
			if ((n = utf8_decode((const char *)s, (size_t)(end - s),
			    &cp)) < 0)
				return -1;
			s += n;
			continue;
		}
		if (dumped && run == q)
			put1(b, '"');
		if (s > run)
			put(b, run, (size_t)(s - run));
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
		put_cp(b, cp, dumped);
		run = s;
	}
	if (run == q)		/* nothing unescaped: quotes and all */
		put(b, dumped ? q - 1 : q, (size_t)(s - q) + (dumped ? 2 : 0));
	else {
		if (s > run)
			put(b, run, (size_t)(s - run));
		if (dumped)
			put1(b, '"');
	}
	c->s = s + 1;
	return 0;
}

int
jcur_number(struct jcur *c, int *whole, int64_t *v)
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
		put(c->b, s, (size_t)(p - s));
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
	put(c->b, tmp, (size_t)len);
	*whole = 0;
	c->s = p;
	return 0;
}

static int
literal(struct jcur *c, const char *word, size_t n)
{
	if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n) != 0)
		return -1;
	put(c->b, word, n);
	c->s += n;
	return 0;
}

/* The object at c->s, as jansson dumps it; a key twice is jansson's.
 * Where want's keys' values are, when want is not NULL. */
static int
object(struct jcur *c, int depth, struct jwant *want)
{
	struct buf	*b = c->b;
	size_t		 at[PLAIN_KEYS], len[PLAIN_KEYS], nkeys = 0, k0, kn, v0,
			 i;

	if (want != NULL)
		for (i = 0; i < want->n; i++)
			want->len[i] = 0;
	c->s++;
	put1(b, '{');
	jcur_ws(c);
	if (c->s < c->end && *c->s == '}') {
		c->s++;
		put1(b, '}');
		return 0;
	}
	for (;;) {
		jcur_ws(c);
		if (c->s == c->end || *c->s != '"' || nkeys == PLAIN_KEYS)
			return -1;
		k0 = b->len;
		if (jcur_string(c, 1) == -1)
			return -1;
		kn = b->len - k0;
		for (i = 0; i < nkeys; i++)
			if (len[i] == kn && memcmp(b->data + at[i],
			    b->data + k0, kn) == 0)
				return -1;
		at[nkeys] = k0;
		len[nkeys++] = kn;
		if (jcur_take(c, ':') == -1)
			return -1;
		put1(b, ':');
		jcur_ws(c);
		v0 = b->len;
		if (jcur_value(c, depth) == -1)
			return -1;
		if (want != NULL)
			for (i = 0; i < want->n; i++)
				if (want->nlen[i] == kn && memcmp(want->names[i],
				    b->data + k0, kn) == 0) {
					want->at[i] = v0;
					want->len[i] = b->len - v0;
				}
		jcur_ws(c);
		if (c->s == c->end)
			return -1;
		if (*c->s == '}')
			break;
		if (*c->s++ != ',')
			return -1;
		put1(b, ',');
	}
	c->s++;
	put1(b, '}');
	return 0;
}

static int
array(struct jcur *c, int depth, int (*elem)(struct jcur *, int, void *),
    void *arg)
{
	c->s++;
	put1(c->b, '[');
	jcur_ws(c);
	if (c->s < c->end && *c->s == ']') {
		c->s++;
		put1(c->b, ']');
		return 0;
	}
	for (;;) {
		jcur_ws(c);
		if ((elem != NULL ? elem(c, depth, arg) : jcur_value(c,
		    depth)) == -1)
			return -1;
		jcur_ws(c);
		if (c->s == c->end)
			return -1;
		if (*c->s == ']')
			break;
		if (*c->s++ != ',')
			return -1;
		put1(c->b, ',');
	}
	c->s++;
	put1(c->b, ']');
	return 0;
}

int
jcur_value(struct jcur *c, int depth)
{
	int64_t	v;
	int	whole;

	if (c->s == c->end)
		return -1;
	switch (*c->s) {
	case '"':
		return jcur_string(c, 1);
	case '{':
		return depth >= PLAIN_DEPTH ? -1 : object(c, depth + 1, NULL);
	case '[':
		return depth >= PLAIN_DEPTH ? -1 : array(c, depth + 1, NULL,
		    NULL);
	case 't':
		return literal(c, "true", 4);
	case 'f':
		return literal(c, "false", 5);
	case 'n':
		return literal(c, "null", 4);
	default:
		return jcur_number(c, &whole, &v);
	}
}

int
jcur_object(struct jcur *c, int depth, struct jwant *want)
{
	return depth >= PLAIN_DEPTH ? -1 : object(c, depth + 1, want);
}

int
jcur_array(struct jcur *c, int depth, int (*elem)(struct jcur *, int,
    void *), void *arg)
{
	return depth >= PLAIN_DEPTH ? -1 : array(c, depth + 1, elem, arg);
}

/* null at c->s: taken. */
static int
null(struct jcur *c)
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
	static const char *const keys[] = { "text", "id", "meta",
	    "priority" };
	struct jcur	c;
	unsigned	seen = 0;
	int64_t		v;
	int		k, whole, rc;
	size_t		at;

	memset(p, 0, sizeof *p);
	buf_reset(b);
	c.s = (const unsigned char *)line;
	c.end = c.s + len;
	c.b = b;
	if (jcur_take(&c, '{') == -1)
		return 0;
	do {
		if ((k = jcur_key(&c, keys, 4)) == -1 || (seen & 1u << k))
			return 0;
		seen |= 1u << k;
		jcur_ws(&c);
		if (c.s == c.end)
			return 0;
		at = b->len;
		switch (k) {
		case 0:		/* text */
			if (*c.s != '"' || jcur_string(&c, 0) == -1)
				return 0;
			p->text = at;
			p->text_len = b->len - at;
			break;
		case 1:		/* id */
			if (null(&c))
				break;
			if (*c.s == '"') {
				if (jcur_string(&c, 0) == -1 || b->len == at)
					return 0;
				p->id_kind = PLAIN_ID_STRING;
			} else if (jcur_number(&c, &whole, &v) == -1 || !whole)
				return 0;
			else
				p->id_kind = PLAIN_ID_INT;
			p->id = at;
			break;
		case 2:		/* meta */
			if (null(&c))
				break;
			if (*c.s != '{' || object(&c, 1, NULL) == -1)
				return 0;
			p->has_meta = 1;
			p->meta = at;
			break;
		default:	/* priority */
			if (null(&c))
				break;
			if (jcur_number(&c, &whole, &v) == -1 || !whole ||
			    v < -RECORD_PRIORITY_MAX || v > RECORD_PRIORITY_MAX)
				return 0;
			p->has_priority = 1;
			p->priority = v;
			break;
		}
		if (b->len > at || k == 0)
			put1(b, '\0');
	} while ((rc = jcur_next(&c, '}')) == 1);
	if (rc == -1)
		return 0;
	jcur_ws(&c);
	return c.s == c.end && (seen & 1u) ? 1 : 0;
}
