/* JSON written straight into a buffer (jsonw.h). jw_stored reads the
 * compact text scalec stores and relays it with jansson's spacing; what
 * it does not recognise as jansson's own output (other spacing, escapes
 * jansson would not write, numbers it would rewrite, anything not JSON)
 * goes through jansson instead, so the bytes are always the ones
 * json_dumps would give. tests/unit/check_jsonw.c compares the two. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/jsonw.h"

#define JW_PRECISION	15
#define JW_DEPTH	64

/* 1 for a byte that stands for itself inside a string jansson wrote:
 * ASCII from U+0020, no quote or backslash. */
static const unsigned char	str_plain[256] = {
#define SP(c)	[c] = ((c) >= 0x20 && (c) < 0x80 && (c) != '"' && (c) != '\\')
#define SP4(c)	SP(c), SP(c + 1), SP(c + 2), SP(c + 3)
#define SP16(c)	SP4(c), SP4(c + 4), SP4(c + 8), SP4(c + 12)
#define SP64(c)	SP16(c), SP16(c + 16), SP16(c + 32), SP16(c + 48)
	SP64(0), SP64(64), SP64(128), SP64(192)
#undef SP64
#undef SP16
#undef SP4
#undef SP
};

/* 1 for the bytes jw_value_len stops at outside a string. */
static const unsigned char	value_mark[256] = {
	['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1,
};

/* The length of the UTF-8 sequence at s (at most len bytes), or 0 when
 * it is not one jansson accepts (overlong, a surrogate, beyond U+10FFFF). */
static size_t
utf8_len(const unsigned char *s, size_t len)
{
	size_t		n, i;
	unsigned	cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

int
jw_utf8(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;

	while (i < len) {
		if (u[i] < 0x80)
			i++;
		else if ((n = utf8_len(u + i, len - i)) > 0)
			i += n;
		else
			return 0;
	}
	return 1;
}

void
jw_string(struct buf *b, const char *s)
{
	jw_stringn(b, s, strlen(s));
}

void
jw_stringn(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;
	char			*o;

	/* Written straight into b: six bytes out at most for one in
	 * (\u001F), and the quotes. */
	buf_grow(b, 6 * len + 2);
	o = b->data + b->len;
	*o++ = '"';
	while (i < len) {
		if (str_plain[u[i]]) {
			*o++ = s[i++];
			continue;
		}
		if (u[i] >= 0x80 && (n = utf8_len(u + i, len - i)) > 0) {
			memcpy(o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		*o++ = '\\';
		switch (u[i]) {
		case '"':	*o++ = '"'; break;
		case '\\':	*o++ = '\\'; break;
		case '\b':	*o++ = 'b'; break;
		case '\f':	*o++ = 'f'; break;
		case '\n':	*o++ = 'n'; break;
		case '\r':	*o++ = 'r'; break;
		case '\t':	*o++ = 't'; break;
		default:
			if (u[i] < 0x20) {
				*o++ = 'u';
				*o++ = '0';
				*o++ = '0';
				*o++ = "0123456789ABCDEF"[u[i] >> 4];
				*o++ = "0123456789ABCDEF"[u[i] & 0xf];
			} else {
				o[-1] = '\xef';	/* U+FFFD */
				*o++ = '\xbf';
				*o++ = '\xbd';
			}
		}
		i++;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
}

void
jw_key(struct buf *b, const char *key)
{
	buf_addch(b, '"');
	buf_addstr(b, key);
	buf_addstr(b, "\": ");
}

void
jw_int(struct buf *b, int64_t v)
{
	char		 d[24], *p = d + sizeof d;
	uint64_t	 u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	/* printf's digits, without printf: a record has several. */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

/* The locale's decimal point, which printf and strtod use: jansson
 * swaps it for '.', and so do these. */
static char
decimal_point(void)
{
	const char	*p = localeconv()->decimal_point;

	return p != NULL && p[0] != '\0' && p[1] == '\0' ? p[0] : '.';
}

/*
 * printf's "%.17g" of v into s, for v from 1e-4 to 1e15 (written without
 * an exponent), without printf: the 17 digits are v's exact binary value
 * times a power of ten, rounded half to even as printf rounds, in 128-bit
 * integers (v's 53-bit significand times at most 10^20). 1 when it wrote
 * s, 0 for another v (printf's). A box's reals in pixels, several a
 * record, cost a stored result's dump most of its time through printf.
 */
static int
g17(char *s, double v)
{
	static const uint64_t	 p10[] = { 1ULL, 10ULL, 100ULL, 1000ULL,
	    10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
	    1000000000ULL, 10000000000ULL, 100000000000ULL,
	    1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	    1000000000000000ULL, 10000000000000000ULL,
	    100000000000000000ULL, 1000000000000000000ULL,
	    10000000000000000000ULL };
	unsigned __int128	 num, q, rem, half;
	double			 a = fabs(v), f;
	uint64_t		 m, digits;
	char			 d[17], *p = s;
	int			 ex, sh, x, k, tries, i, last;

	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	f = frexp(a, &ex);
	m = (uint64_t)ldexp(f, 53);
	sh = 53 - ex;			/* a = m / 2^sh, sh from 3 to 67 */
	x = (int)floor(log10(a));
	for (tries = 0; ; tries++) {
		if (tries == 3 || x < -4 || x > 15)
			return 0;
		k = 16 - x;		/* digits after the point */
		num = (unsigned __int128)m * p10[k / 2] * p10[k - k / 2];
		q = num >> sh;
		rem = num & ((((unsigned __int128)1) << sh) - 1);
		half = ((unsigned __int128)1) << (sh - 1);
		if (rem > half || (rem == half && (q & 1)))
			q++;
		if (q < p10[16])
			x--;
		else if (q >= p10[17])
			x++;
		else
			break;
	}
	digits = (uint64_t)q;
	for (i = 16; i >= 0; i--, digits /= 10)
		d[i] = (char)('0' + digits % 10);
	/* The fraction's digits without printf's trailing zeros. */
	for (last = 16; last > x && d[last] == '0'; last--)
		;
	if (v < 0)
		*p++ = '-';
	if (x >= 0) {
		for (i = 0; i <= x; i++)
			*p++ = d[i];
		if (last > x) {
			*p++ = '.';
			for (i = x + 1; i <= last; i++)
				*p++ = d[i];
		}
	} else {
		*p++ = '0';
		*p++ = '.';
		for (i = -1; i > x; i--)
			*p++ = '0';
		for (i = 0; i <= last; i++)
			*p++ = d[i];
	}
	*p = '\0';
	return 1;
}

/* v as jansson writes a real of precision digits, dp the locale's
 * decimal point. */
static void
real_put(struct buf *b, double v, int precision, char dp)
{
	char	 s[64], *e, *end, *p;

	if (precision != 17 || !g17(s, v))
		snprintf(s, sizeof s, "%.*g", precision, v);
	if (dp != '.' && (p = strchr(s, dp)) != NULL)
		*p = '.';
	/* As jansson: a real keeps a '.' or an 'e' (or it would read back
	 * as an integer), and its exponent has no '+' or leading zeros. */
	if (strchr(s, '.') == NULL && strchr(s, 'e') == NULL)
		strcat(s, ".0");
	if ((e = strchr(s, 'e')) != NULL) {
		e++;
		end = e;
		if (*end == '-')
			e++, end++;
		else if (*end == '+')
			end++;
		while (*end == '0' && end[1] != '\0')
			end++;
		memmove(e, end, strlen(end) + 1);
	}
	buf_addstr(b, s);
}

void
jw_real(struct buf *b, double v)
{
	real_put(b, v, JW_PRECISION, decimal_point());
}

void
jw_real_compact(struct buf *b, double v)
{
	real_put(b, v, 17, decimal_point());
}

/* A number token at s (len bytes left): its length in *n; 1 when
 * written, 0 when jansson would not write it back the same way. *dp is
 * the locale's decimal point, asked for at the first real (0 until
 * then): once a relay, and never for whole numbers, most of them. */
static int
relay_number(struct buf *b, const char *s, size_t len, size_t *n, char *dp)
{
	size_t	i = 0, digits;
	int	real = 0;
	char	tok[64], *p, *end;
	double	v;

	if (i < len && s[i] == '-')
		i++;
	digits = i;
	if (i < len && s[i] == '0')
		i++;
	else
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i == digits)
		return 0;
	digits = i - digits;
	if (i < len && s[i] == '.') {
		real = 1;
		if (++i >= len || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		real = 1;
		if (++i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	*n = i;
	if (!real) {
		/* jansson writes -0 as 0 and refuses what int64 cannot
		 * hold: both are left to it. */
		if (digits > 18 || (s[0] == '-' && s[1] == '0'))
			return 0;
		buf_add(b, s, i);
		return 1;
	}
	if (i >= sizeof tok)
		return 0;
	memcpy(tok, s, i);
	tok[i] = '\0';
	if (*dp == '\0')
		*dp = decimal_point();
	if (*dp != '.' && (p = strchr(tok, '.')) != NULL)
		*p = *dp;
	v = strtod(tok, &end);
	if (*end != '\0' || !isfinite(v))
		return 0;
	real_put(b, v, JW_PRECISION, *dp);
	return 1;
}

/* The length of the string token at s (len bytes left, s[0] the quote),
 * or 0 when jansson would write it otherwise. */
static size_t
string_len(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 1, k;
	unsigned		 cp;
	char			 want[8];

	for (;;) {
		while (i < len && str_plain[u[i]])
			i++;
		if (i >= len)
			return 0;
		if (u[i] == '"')
			return i + 1;
		if (u[i] < 0x20)
			return 0;
		if (u[i] >= 0x80) {
			if ((k = utf8_len(u + i, len - i)) == 0)
				return 0;
			i += k;
			continue;
		}
		/* A backslash. */
		if (i + 1 >= len)
			return 0;
		if (strchr("\"\\bfnrt", s[i + 1]) != NULL && s[i + 1] != '\0') {
			i += 2;
			continue;
		}
		if (s[i + 1] != 'u' || i + 6 > len)
			return 0;
		memcpy(want, s + i + 2, 4);
		want[4] = '\0';
		cp = (unsigned)strtoul(want, NULL, 16);
		snprintf(want, sizeof want, "%04X", cp);
		/* Only the escapes jansson writes: a control other than
		 * \b \f \n \r \t, never NUL, in its own spelling. */
		if (cp == 0 || cp >= 0x20 || strchr("\b\f\n\r\t", (int)cp) ||
		    memcmp(want, s + i + 2, 4) != 0)
			return 0;
		i += 6;
	}
}

/* The length of a whole number at s (len bytes left) that jansson
 * writes back as it is, without a sign: 1 to 18 digits, no leading
 * zero, nothing of a fraction after; 0 for any other (relay_number's). */
static size_t
plain_int_len(const char *s, size_t len)
{
	size_t	i = 0;

	if (s[0] == '0')
		i = 1;
	else
		while (i < len && i < 19 && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i == 0 || i > 18 || (i < len && ((s[i] >= '0' && s[i] <= '9') ||
	    s[i] == '.' || s[i] == 'e' || s[i] == 'E')))
		return 0;
	return i;
}

/*
 * The fast path: 1 when s (len bytes) was relayed whole, else 0 (b may
 * hold part). Written straight into b's bytes, reserved once: at most
 * two out for each in (", " for ","), but for a real, which jw_real
 * writes (and b is reserved again after it).
 */
static int
relay(struct buf *b, const char *s, size_t len)
{
	enum { VALUE, KEY, COLON, NEXT }	 want = VALUE;
	char					 stack[JW_DEPTH];
	size_t					 depth = 0, i = 0, n;
	char					 dp = '\0', *o;
	int					 ok;

	buf_grow(b, 2 * len);
	o = b->data + b->len;
	while (i < len) {
		char c = s[i];

		if (want == COLON) {
			if (c != ':')
				goto no;
			*o++ = ':';
			*o++ = ' ';
			want = VALUE;
			i++;
			continue;
		}
		if (want == NEXT) {
			if (depth == 0)
				goto no;
			if (c == ',') {
				*o++ = ',';
				*o++ = ' ';
				want = stack[depth - 1] == '{' ? KEY : VALUE;
				i++;
				continue;
			}
			if (c != (stack[depth - 1] == '{' ? '}' : ']'))
				goto no;
			*o++ = c;
			depth--;
			i++;
			continue;
		}
		if (want == KEY) {
			if (c != '"' || (n = string_len(s + i, len - i)) == 0)
				goto no;
			memcpy(o, s + i, n);
			o += n;
			i += n;
			want = COLON;
			continue;
		}
		/* A value. */
		if (c == '{' || c == '[') {
			if (depth == JW_DEPTH)
				goto no;
			stack[depth++] = c;
			*o++ = c;
			i++;
			if (i < len && s[i] == (c == '{' ? '}' : ']')) {
				*o++ = s[i];
				depth--;
				i++;
				want = NEXT;
			} else
				want = c == '{' ? KEY : VALUE;
			continue;
		}
		if (c == '"') {
			if ((n = string_len(s + i, len - i)) == 0)
				goto no;
			memcpy(o, s + i, n);
			o += n;
		} else if (c >= '0' && c <= '9' &&
		    (n = plain_int_len(s + i, len - i)) > 0) {
			memcpy(o, s + i, n);
			o += n;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			/* A real or a sign: written by jw_real. */
			b->len = (size_t)(o - b->data);
			ok = relay_number(b, s + i, len - i, &n, &dp);
			buf_grow(b, 2 * (len - i));
			o = b->data + b->len;
			if (!ok)
				goto no;
		} else if (len - i >= 4 && (memcmp(s + i, "true", 4) == 0 ||
		    memcmp(s + i, "null", 4) == 0)) {
			n = 4;
			memcpy(o, s + i, n);
			o += n;
		} else if (len - i >= 5 && memcmp(s + i, "false", 5) == 0) {
			n = 5;
			memcpy(o, s + i, n);
			o += n;
		} else
			goto no;
		i += n;
		want = NEXT;
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
	return depth == 0 && want == NEXT;
no:
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
	return 0;
}

static int
dump_to(const char *chunk, size_t size, void *data)
{
	buf_add(data, chunk, size);
	return 0;
}

void
jw_stored(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_addstr(b, "{}");
	else
		jw_storedn(b, s, strlen(s));
}

void
jw_storedn(struct buf *b, const char *s, size_t len)
{
	size_t	 mark = b->len;
	json_t	*j;

	if (relay(b, s, len))
		return;
	b->len = mark;
	if (b->data != NULL)
		b->data[mark] = '\0';
	if ((j = json_loadb(s, len, JSON_DECODE_ANY, NULL)) == NULL) {
		jw_stringn(b, s, len);
		return;
	}
	json_dump_callback(j, dump_to, b, JSON_ENCODE_ANY |
	    JSON_REAL_PRECISION(JW_PRECISION));
	json_decref(j);
}

void
jw_compact(struct buf *b, const char *s, size_t len)
{
	size_t	i = 0, run = 0;
	int	in_string = 0;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = 0;
			continue;
		}
		if (s[i] == '"')
			in_string = 1;
		else if ((s[i] == ',' || s[i] == ':') && i + 1 < len &&
		    s[i + 1] == ' ') {
			buf_add(b, s + run, i + 1 - run);
			run = ++i + 1;
		}
	}
	buf_add(b, s + run, len - run);
}

static int
hex4(const char *s, unsigned *cp)
{
	unsigned	v = 0;
	int		i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= (unsigned)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= (unsigned)(s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= (unsigned)(s[i] - 'A' + 10);
		else
			return -1;
	}
	*cp = v;
	return 0;
}

static void
add_utf8(struct buf *b, unsigned cp)
{
	char	u[4];
	size_t	n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, u, n);
}

int
jw_unstring(struct buf *b, const char *s, size_t len)
{
	size_t		i, run;
	unsigned	cp, lo;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		return -1;
	len--;
	for (i = run = 1; i < len; i++) {
		if (s[i] != '\\')
			continue;
		buf_add(b, s + run, i - run);
		if (++i >= len)
			return -1;
		switch (s[i]) {
		case '"':	buf_addch(b, '"'); break;
		case '\\':	buf_addch(b, '\\'); break;
		case '/':	buf_addch(b, '/'); break;
		case 'b':	buf_addch(b, '\b'); break;
		case 'f':	buf_addch(b, '\f'); break;
		case 'n':	buf_addch(b, '\n'); break;
		case 'r':	buf_addch(b, '\r'); break;
		case 't':	buf_addch(b, '\t'); break;
		case 'u':
			if (i + 4 >= len || hex4(s + i + 1, &cp) == -1)
				return -1;
			i += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (i + 6 >= len || s[i + 1] != '\\' ||
				    s[i + 2] != 'u' ||
				    hex4(s + i + 3, &lo) == -1 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return -1;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 6;
			} else if ((cp >= 0xdc00 && cp <= 0xdfff) || cp == 0)
				return -1;
			add_utf8(b, cp);
			break;
		default:
			return -1;
		}
		run = i + 1;
	}
	buf_add(b, s + run, len - run);
	return 0;
}

size_t
jw_value_len(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	int			 depth = 0;

	if (len == 0)
		return 0;
	if (s[0] != '{' && s[0] != '[' && s[0] != '"') {
		while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']')
			i++;
		return i;
	}
	for (;;) {
		/* What is not a bracket or a quote, at once. */
		while (i < len && !value_mark[u[i]])
			i++;
		if (i >= len)
			return len;
		switch (s[i]) {
		case '"':
			/* To the closing quote, what is escaped stepped
			 * over. */
			for (i++; i < len && s[i] != '"'; i++) {
				while (i < len && str_plain[u[i]])
					i++;
				if (i < len && s[i] == '\\')
					i++;
				else if (i < len && s[i] == '"')
					break;
			}
			if (i >= len)
				return len;
			if (depth == 0)
				return i + 1;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return i + 1;
			break;
		default:
			depth++;
			break;
		}
		i++;
	}
}

/* jw_tree_compact's walk: 0, or -1 where jansson must write it. */
static int
tree_put(struct buf *b, const json_t *j, int depth)
{
	const char	*k;
	json_t		*v;
	size_t		 i, n;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if (depth == JW_DEPTH)
			return -1;
		buf_addch(b, '{');
		n = 0;
		json_object_foreach((json_t *)j, k, v) {
			if (n++ > 0)
				buf_addch(b, ',');
			if (!jw_utf8(k))
				return -1;
			jw_string(b, k);
			buf_addch(b, ':');
			if (tree_put(b, v, depth + 1) == -1)
				return -1;
		}
		buf_addch(b, '}');
		return 0;
	case JSON_ARRAY:
		if (depth == JW_DEPTH)
			return -1;
		buf_addch(b, '[');
		n = json_array_size(j);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addch(b, ',');
			if (tree_put(b, json_array_get(j, i), depth + 1) == -1)
				return -1;
		}
		buf_addch(b, ']');
		return 0;
	case JSON_STRING:
		/* A NUL inside, or bytes jansson would refuse: its own. */
		if (json_string_length(j) != strlen(json_string_value(j)) ||
		    !jw_utf8(json_string_value(j)))
			return -1;
		jw_string(b, json_string_value(j));
		return 0;
	case JSON_INTEGER:
		jw_int(b, json_integer_value(j));
		return 0;
	case JSON_REAL:
		if (!isfinite(json_real_value(j)))
			return -1;
		real_put(b, json_real_value(j), 17, decimal_point());
		return 0;
	case JSON_TRUE:
		buf_addstr(b, "true");
		return 0;
	case JSON_FALSE:
		buf_addstr(b, "false");
		return 0;
	case JSON_NULL:
		buf_addstr(b, "null");
		return 0;
	}
	return -1;
}

void
jw_tree_compact(struct buf *b, const struct json_t *j)
{
	size_t	at = b->len;
	char	*s;

	if (json_is_object(j) || json_is_array(j)) {
		if (tree_put(b, j, 0) == 0)
			return;
		b->len = at;
		b->data[at] = '\0';
	}
	if ((s = json_dumps(j, JSON_COMPACT)) != NULL) {
		buf_addstr(b, s);
		free(s);
	}
}
