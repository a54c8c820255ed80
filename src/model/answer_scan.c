/* The stored results' fast reader (model/answer_scan.h). A small
 * recursive reader over the bytes: strings are decoded only where a key
 * or a label's name is compared or a text kept, numbers read only where
 * they are whole, and the members of other controls stepped over when
 * one control is asked for. Anything it is not sure of declines: the
 * general way decides. */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define SCAN_DEPTH	64		/* nesting stepped over, at most */
#define SCAN_NAME	256		/* a key's or label's bytes (200 at
					 * most) */

struct scan {
	const char	*p, *end;
	int		 keep;		/* the export's reading
					 * (answer_scan_boxes): boxes, and
					 * the other keys of a span or box
					 * kept */
	int		 check;		/* answer_scan_check's reading:
					 * what the strict load refuses or
					 * rewrites (a bare label, a label
					 * twice) declines too */
};

/* 1 for a byte that stands for itself in a string: ASCII, no control,
 * no quote or backslash. */
static const unsigned char	plain[256] = {
	[' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1,
	['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1,
	['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
	['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1,
	['?'] = 1, ['@'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
	['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
	['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1,
	['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1,
	['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
	['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1,
	['|'] = 1, ['}'] = 1, ['~'] = 1, [0x7f] = 1,
};

/* The bytes JSON takes between tokens. */
#define IS_WS(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')

static inline void
ws(struct scan *s)
{
	const char	*p = s->p;

	/* Stored results have no space: seldom a step. */
	if (p < s->end && IS_WS(*p)) {
		while (p < s->end && IS_WS(*p))
			p++;
		s->p = p;
	}
}

static inline int
eat(struct scan *s, char c)
{
	/* Stored results have no space: the byte is seldom after some. */
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return 1;
	}
	ws(s);
	if (s->p < s->end && *s->p == c) {
		s->p++;
		return 1;
	}
	return 0;
}

static int
hex4(const char *p, uint32_t *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		*v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			*v |= (uint32_t)(p[i] - '0');
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
			*v |= (uint32_t)((p[i] | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

/* An escape at s->p (the backslash): its bytes into u, how many, or
 * -1 (a bad one, a lone surrogate, \u0000, which jansson refuses). */
static int
escape(struct scan *s, char *u)
{
	uint32_t	cp, lo;

	if (s->end - s->p < 2)
		return -1;
	switch (s->p[1]) {
	case '"': case '\\': case '/':
		u[0] = s->p[1];
		break;
	case 'b': u[0] = '\b'; break;
	case 'f': u[0] = '\f'; break;
	case 'n': u[0] = '\n'; break;
	case 'r': u[0] = '\r'; break;
	case 't': u[0] = '\t'; break;
	case 'u':
		if (s->end - s->p < 6 || hex4(s->p + 2, &cp) == -1 || cp == 0)
			return -1;
		s->p += 6;
		if (cp >= 0xd800 && cp < 0xdc00) {
			if (s->end - s->p < 6 || s->p[0] != '\\' ||
			    s->p[1] != 'u' || hex4(s->p + 2, &lo) == -1 ||
			    lo < 0xdc00 || lo >= 0xe000)
				return -1;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			s->p += 6;
		} else if (cp >= 0xdc00 && cp < 0xe000)
			return -1;
		return utf8_encode(cp, u);
	default:
		return -1;
	}
	s->p += 2;
	return 1;
}

/*
 * A string at s->p, decoded into out (cap bytes at most, *len set) or,
 * with out NULL, stepped over (*len still the decoded bytes). 0 or -1:
 * not a string, a control byte, a bad escape or UTF-8 sequence, longer
 * than cap.
 */
static int
string(struct scan *s, char *out, size_t cap, size_t *len)
{
	uint32_t	cp;
	size_t		n = 0, run;
	char		u[4];
	int		k;

	ws(s);
	if (s->p >= s->end || *s->p != '"')
		return -1;
	for (s->p++; s->p < s->end && *s->p != '"'; ) {
		const char	*q = s->p;

		/* A run of plain ASCII at once. */
		while (q < s->end && plain[(unsigned char)*q])
			q++;
		if (q == s->p && (unsigned char)*q >= 0x80) {
			/* One UTF-8 sequence, checked. */
			if ((k = utf8_decode(q, (size_t)(s->end - q), &cp)) < 0)
				return -1;
			q += k;
		}
		if (q > s->p) {
			run = (size_t)(q - s->p);
			if (out != NULL) {
				if (n + run > cap)
					return -1;
				memcpy(out + n, s->p, run);
			}
			n += run;
			s->p = q;
			continue;
		}
		if (*s->p != '\\' || (k = escape(s, u)) < 0)
			return -1;
		if (out != NULL) {
			if (n + (size_t)k > cap)
				return -1;
			memcpy(out + n, u, (size_t)k);
		}
		n += (size_t)k;
	}
	if (s->p >= s->end)
		return -1;
	s->p++;
	*len = n;
	return 0;
}

/*
 * A string that is a name (a key, a label): *p at its bytes in the text
 * where it has only plain ones (no copy), else decoded into buf (cap
 * bytes) as string() does. 0 or -1.
 */
static int
name_at(struct scan *s, char *buf, size_t cap, const char **p, size_t *len)
{
	const char	*q;

	ws(s);
	if (s->p < s->end && *s->p == '"') {
		for (q = s->p + 1; q < s->end && plain[(unsigned char)*q]; q++)
			;
		if (q < s->end && *q == '"') {
			*p = s->p + 1;
			*len = (size_t)(q - *p);
			s->p = q + 1;
			return 0;
		}
	}
	*p = buf;
	return string(s, buf, cap, len);
}

/* A whole number as JSON writes one, without sign, fraction or
 * exponent, and short enough not to overflow: 0 or -1. */
#define IS_DIGIT(c)	((unsigned char)((c) - '0') < 10)

static int
whole(struct scan *s, long long *v)
{
	const char	*p, *end = s->end, *last;
	long long	 n = 0;

	ws(s);
	p = s->p;
	if (end - p >= 2 && p[0] == '0' && IS_DIGIT(p[1]))
		return -1;
	/* 15 digits at most (in locals: the loop stores nothing). */
	last = end - p > 15 ? p + 15 : end;
	for (; p < last && IS_DIGIT(*p); p++)
		n = n * 10 + (*p - '0');
	if (p == s->p || (p < end && (IS_DIGIT(*p) || *p == '.' ||
	    *p == 'e' || *p == 'E'))) {
		s->p = p;
		return -1;
	}
	s->p = p;
	*v = n;
	return 0;
}

/*
 * With s->check (answer_scan_check, whose verdicts, fits_task, allow for
 * the error): the JSON number at s->p, a plain decimal (no exponent, 19
 * digits at most, 22 after the point at most), near its value: its
 * digits as a whole number divided by the power of ten of its fraction's
 * digits (exact as a double), two roundings (an integer: 18 digits at
 * most, exact up to 2^53), within 3e-16 of the value
 * relative to it, where strtod's correctly rounded one (what jansson
 * reads) is within 1.2e-16. 1 when read (s->p past it), 0 for another
 * number, left to number()'s general way. strtod was two thirds of the
 * check of a box's result.
 */
static int
near_decimal(struct scan *s, double *v)
{
	static const double	p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	    1e18, 1e19, 1e20, 1e21, 1e22 };
	const char		*p = s->p, *end = s->end, *d0;
	uint64_t		 m = 0;
	int			 frac = 0, neg = 0;
	double			 d;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	d0 = p;
	/* No leading zero but a lone one, as JSON writes. */
	if (p < end && *p == '0')
		p++;
	else
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			m = m * 10 + (uint64_t)(*p - '0');
	if (p == d0 || p - d0 > 19)
		return 0;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++, frac++)
			m = m * 10 + (uint64_t)(*p - '0');
		if (frac == 0 || frac > 22 || p - d0 - 1 > 19)
			return 0;
	} else if (p - d0 > 18)
		return 0;	/* an integer int64 may not hold: jansson's */
	if (p < end && ((*p >= '0' && *p <= '9') || *p == 'e' || *p == 'E' ||
	    *p == '.'))
		return 0;
	d = (double)m;
	if (frac > 0)
		d /= p10[frac];
	*v = neg ? -d : d;
	s->p = p;
	return 1;
}

/* A number as jansson reads one (an integer as strtoll, a fraction or
 * exponent as strtod in the locale's decimal point), into *v: 0 or -1
 * (not a number, one jansson would refuse, or not finite). With
 * s->check, a plain decimal near its value (near_decimal). */
static int
number(struct scan *s, double *v)
{
	const char	*p, *q;
	const char	*dp;
	char		 tok[64], *end;
	size_t		 len, digits;
	int		 real = 0;

	ws(s);
	if (s->check && near_decimal(s, v))
		return 0;
	p = q = s->p;
	if (q < s->end && *q == '-')
		q++;
	digits = (size_t)(q - p);
	if (q < s->end && *q == '0')
		q++;
	else
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
	if ((size_t)(q - p) == digits)
		return -1;
	digits = (size_t)(q - p) - digits;
	if (q < s->end && *q == '.') {
		real = 1;
		if (++q >= s->end || *q < '0' || *q > '9')
			return -1;
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < s->end && (*q == 'e' || *q == 'E')) {
		real = 1;
		if (++q < s->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= s->end || *q < '0' || *q > '9')
			return -1;
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
	}
	len = (size_t)(q - p);
	/* What int64 cannot hold jansson refuses: left to it. */
	if (len >= sizeof tok || (!real && digits > 18))
		return -1;
	memcpy(tok, p, len);
	tok[len] = '\0';
	if (!real) {
		*v = (double)strtoll(tok, &end, 10);
	} else {
		/* The locale's point, asked for only here: most numbers
		 * are whole. */
		dp = localeconv()->decimal_point;
		if (dp != NULL && dp[0] != '\0' && dp[0] != '.' &&
		    dp[1] == '\0' && (end = strchr(tok, '.')) != NULL)
			*end = dp[0];
		*v = strtod(tok, &end);
		if (!isfinite(*v))
			return -1;
	}
	if (*end != '\0')
		return -1;
	s->p = q;
	return 0;
}

/* Steps over any value. */
static int
skip(struct scan *s, int depth)
{
	size_t	n;
	char	close;

	ws(s);
	if (s->p >= s->end || depth > SCAN_DEPTH)
		return -1;
	switch (*s->p) {
	case '"':
		return string(s, NULL, 0, &n);
	case '[':
	case '{':
		close = *s->p == '[' ? ']' : '}';
		s->p++;
		if (eat(s, close))
			return 0;
		do {
			if (close == '}' && (string(s, NULL, 0, &n) == -1 ||
			    !eat(s, ':')))
				return -1;
			if (skip(s, depth + 1) == -1)
				return -1;
		} while (eat(s, ','));
		return eat(s, close) ? 0 : -1;
	default:
		/* A number, true, false or null: its characters. */
		if (!((*s->p >= '0' && *s->p <= '9') || *s->p == '-' ||
		    *s->p == 't' || *s->p == 'f' || *s->p == 'n'))
			return -1;
		while (s->p < s->end && ((*s->p >= '0' && *s->p <= '9') ||
		    strchr("+-.eEtruefalsn", *s->p) != NULL))
			s->p++;
		return 0;
	}
}

/* 1 when name (NUL-terminated) is the len bytes at p, which hold no
 * NUL (a string read holds none: \u0000 is refused). */
static int
same_name(const char *name, const char *p, size_t len)
{
	size_t	k;

	for (k = 0; k < len && name[k] == p[k]; k++)
		;
	return k == len && name[len] == '\0';
}

/*
 * Whether the string quoted at s->p (its '"' checked) is name in plain
 * bytes, closed right after it: name's length, or 0. Plain bytes decode
 * to themselves, so what matches here is what the decoded string
 * matches, without its copy.
 */
static size_t
plain_quoted(const struct scan *s, const char *n)
{
	const char	*q = s->p + 1;
	size_t		 k, room = (size_t)(s->end - q);

	/* The first byte first: most names differ there. */
	if (room == 0 || n[0] != q[0])
		return 0;
	for (k = 0; k < room && n[k] != '\0' && n[k] == q[k] &&
	    plain[(unsigned char)q[k]]; k++)
		;
	return k > 0 && n[k] == '\0' && k < room && q[k] == '"' ? k : 0;
}

/*
 * The label whose name is the plain bytes quoted right at s->p: its
 * index, the string stepped over; -1, s->p unmoved, where none is (a
 * name with other bytes, an escape: label() then decodes the string).
 */
static int
label_plain(struct scan *s, const struct control *c)
{
	size_t	i, k;

	if (s->p >= s->end || *s->p != '"')
		return -1;
	for (i = 0; i < c->nlabels; i++)
		if ((k = plain_quoted(s, c->labels[i].name)) > 0) {
			s->p += k + 2;
			return (int)i;
		}
	return -1;
}

/* The control's label called by the string at s->p: its index, or -1.
 * Retired labels are the control's labels too. */
static int
label(struct scan *s, const struct control *c)
{
	char		 buf[SCAN_NAME];
	const char	*name;
	size_t		 len, i;
	int		 l;

	ws(s);
	if ((l = label_plain(s, c)) >= 0)
		return l;
	if (name_at(s, buf, sizeof buf, &name, &len) == -1 || len == 0)
		return -1;
	/* The first byte first: most names differ there. */
	for (i = 0; i < c->nlabels; i++)
		if (c->labels[i].name[0] == name[0] &&
		    same_name(c->labels[i].name, name, len))
			return (int)i;
	return -1;
}

/* One name or a list of names; a choice's list holds one at most. */
static int
labels(struct scan *s, struct ans_value *v)
{
	size_t	n = 0;
	int	l;

	ws(s);
	if (s->p < s->end && *s->p == '"') {
		if (s->check || (l = label(s, v->control)) < 0)
			return -1;
		v->chosen[l] = 1;
		return 0;
	}
	if (!eat(s, '['))
		return -1;
	if (eat(s, ']'))
		return 0;
	do {
		if ((l = label(s, v->control)) < 0 || (n > 0 &&
		    v->control->kind == CONTROL_CHOICE) ||
		    (s->check && v->chosen[l]))
			return -1;
		v->chosen[l] = 1;
		n++;
	} while (eat(s, ','));
	return eat(s, ']') ? 0 : -1;
}

/* A whole number that fits an int or a string of plain bytes (VOC's
 * pose, truncated, difficult; COCO's id) as jansson reads it, without
 * its parser; NULL for anything else (s->p then anywhere). */
static json_t *
scalar(struct scan *s)
{
	const char	*q;
	long long	 n;

	if (s->p < s->end && *s->p == '"') {
		for (q = s->p + 1; q < s->end && plain[(unsigned char)*q]; q++)
			;
		if (q >= s->end || *q != '"')
			return NULL;
		n = (long long)(q - s->p - 1);
		q = s->p + 1;
		s->p += n + 2;
		return json_stringn_nocheck(q, (size_t)n);
	}
	if (whole(s, &n) == 0)
		return json_integer((json_int_t)n);
	return NULL;
}

/*
 * The value at s->p of another key of an item (key, len bytes,
 * decoded), kept as the general way's ans_more keeps it: jansson's value
 * of its bytes under the key, in *more (made when first needed) after
 * those before it. 0, or -1 for a key twice or a value jansson would
 * not take.
 */
static int
keep_more(struct scan *s, json_t **more, const char *key, size_t len)
{
	const char	*start;
	json_t		*v;

	if (memchr(key, '\0', len) != NULL)
		return -1;
	ws(s);
	start = s->p;
	if ((v = scalar(s)) == NULL && (s->p = start, skip(s, 1) == -1 ||
	    (v = json_loadb(start, (size_t)(s->p - start), JSON_DECODE_ANY,
	    NULL)) == NULL))
		return -1;
	if (*more == NULL)
		*more = json_object();
	if (json_object_getn(*more, key, len) != NULL ||
	    json_object_setn_new(*more, key, len, v) == -1) {
		json_decref(v);
		return -1;
	}
	return 0;
}

/* A span's own key written as answer_emit writes it, "start" "end" or
 * "label" right at s->p: stepped over, 0 with *key and *len as name_at
 * gives them; else -1, s->p unmoved (name_at reads it). */
static int
span_key(struct scan *s, const char **key, size_t *len)
{
	static const char *const keys[] = { "start", "end", "label" };
	size_t	i, n;

	if (s->p >= s->end || *s->p != '"')
		return -1;
	for (i = 0; i < 3; i++) {
		n = strlen(keys[i]);
		if ((size_t)(s->end - s->p) > n + 1 &&
		    memcmp(s->p + 1, keys[i], n) == 0 && s->p[n + 1] == '"') {
			*key = s->p + 1;
			*len = n;
			s->p += n + 2;
			return 0;
		}
	}
	return -1;
}

/*
 * A span as answer_emit writes it, {"start":N,"end":N,"label":"L"} with
 * no space but where whole() takes it and a plain label: 0, stepped
 * over, with what span() reads of it; else -1, s->p unmoved, for span()
 * to read (the general way's verdict is its).
 */
static int
span_emitted(struct scan *s, const struct control *c, struct ans_span *sp)
{
	const char	*from = s->p;
	long long	 start, end;
	int		 lab;

	if (s->end - s->p < 9 || memcmp(s->p, "{\"start\":", 9) != 0)
		return -1;
	s->p += 9;
	if (whole(s, &start) == -1 || s->end - s->p < 7 ||
	    memcmp(s->p, ",\"end\":", 7) != 0)
		goto no;
	s->p += 7;
	if (whole(s, &end) == -1 || s->end - s->p < 9 ||
	    memcmp(s->p, ",\"label\":", 9) != 0)
		goto no;
	s->p += 9;
	if ((lab = label_plain(s, c)) < 0 || s->p >= s->end ||
	    *s->p != '}' || end <= start)
		goto no;
	s->p++;
	sp->start = (size_t)start;
	sp->end = (size_t)end;
	sp->label = lab;
	sp->more = NULL;
	return 0;
no:
	s->p = from;
	return -1;
}

/* One span object, its three keys each once; other keys decline, or
 * with s->keep are kept in more as the general way keeps them. 0 or
 * -1. */
static int
span(struct scan *s, const struct control *c, struct ans_span *sp)
{
	char		 buf[SCAN_NAME];
	const char	*key;
	size_t		 len;
	long long	 start = -1, end = -1, n;
	int		 lab = -1;

	sp->more = NULL;
	if (!eat(s, '{'))
		return -1;
	do {
		if (span_key(s, &key, &len) == -1 && name_at(s, buf,
		    sizeof buf, &key, &len) == -1)
			goto fail;
		if (!eat(s, ':'))
			goto fail;
		if (len == 5 && memcmp(key, "start", 5) == 0) {
			if (start >= 0 || whole(s, &n) == -1)
				goto fail;
			start = n;
		} else if (len == 3 && memcmp(key, "end", 3) == 0) {
			if (end >= 0 || whole(s, &n) == -1)
				goto fail;
			end = n;
		} else if (len == 5 && memcmp(key, "label", 5) == 0) {
			if (lab >= 0 || (lab = label(s, c)) < 0)
				goto fail;
		} else if (!s->keep || keep_more(s, &sp->more, key, len) == -1)
			goto fail;
	} while (eat(s, ','));
	if (!eat(s, '}') || start < 0 || end <= start || lab < 0)
		goto fail;
	sp->start = (size_t)start;
	sp->end = (size_t)end;
	sp->label = lab;
	return 0;
fail:
	json_decref(sp->more);
	sp->more = NULL;
	return -1;
}

static int
spans(struct scan *s, struct ans_value *v)
{
	struct ans_span	sp;

	if (!eat(s, '['))
		return -1;
	if (eat(s, ']'))
		return 0;
	do {
		/* Sorted and disjoint as stored; the general way sorts and
		 * drops overlaps. */
		if (span_emitted(s, v->control, &sp) == -1 &&
		    span(s, v->control, &sp) == -1)
			return -1;
		if (v->nspans > 0 && sp.start < v->spans[v->nspans - 1].end) {
			json_decref(sp.more);
			return -1;
		}
		ARRAY_GROW(v->spans, v->nspans + 1, v->aspans);
		v->spans[v->nspans++] = sp;
	} while (eat(s, ','));
	return eat(s, ']') ? 0 : -1;
}

/* One box object: x, y, width and height numbers, a label, rotation a
 * number or null, each once, and other keys kept in more (as the
 * general way's ans_more: in their order, none twice); 0 or -1. The
 * image's size is the caller's to check. */
static int
box(struct scan *s, const struct control *c, struct ans_box *b)
{
	static const char *const own[] = { "x", "y", "width", "height",
		"rotation", "label" };
	char		 buf[SCAN_NAME];
	const char	*key;
	double		*at[4] = { &b->x, &b->y, &b->width, &b->height };
	size_t		 len, i;
	unsigned	 seen = 0;

	b->more = NULL;
	b->rotation = 0;
	b->label = -1;
	if (!eat(s, '{'))
		return -1;
	if (eat(s, '}'))
		return -1;
	do {
		if (name_at(s, buf, sizeof buf, &key, &len) == -1 ||
		    !eat(s, ':'))
			goto fail;
		for (i = 0; i < 6; i++)
			if (strlen(own[i]) == len &&
			    memcmp(own[i], key, len) == 0)
				break;
		if (i < 6) {
			if (seen & (1u << i))
				goto fail;
			seen |= 1u << i;
		}
		if (i < 4) {
			if (number(s, at[i]) == -1 || *at[i] < 0)
				goto fail;
		} else if (i == 4) {
			ws(s);
			if (s->end - s->p >= 4 && memcmp(s->p, "null", 4) == 0)
				s->p += 4;
			else if (number(s, &b->rotation) == -1 ||
			    fabs(b->rotation) > 360)
				goto fail;
		} else if (i == 5) {
			if ((b->label = label(s, c)) < 0)
				goto fail;
		} else if (keep_more(s, &b->more, key, len) == -1)
			goto fail;
	} while (eat(s, ','));
	if (!eat(s, '}') || (seen & 0x2f) != 0x2f || b->width <= 0 ||
	    b->height <= 0)
		goto fail;
	return 0;
fail:
	json_decref(b->more);
	b->more = NULL;
	return -1;
}

static int
boxes(struct scan *s, struct ans_value *v)
{
	struct ans_box	b;

	if (!eat(s, '['))
		return -1;
	if (eat(s, ']'))
		return 0;
	do {
		if (box(s, v->control, &b) == -1)
			return -1;
		ARRAY_GROW(v->boxes, v->nboxes + 1, v->aboxes);
		v->boxes[v->nboxes++] = b;
	} while (eat(s, ','));
	return eat(s, ']') ? 0 : -1;
}

static int
text(struct scan *s, struct ans_value *v)
{
	struct scan	measure = *s;
	size_t		len;

	if (string(&measure, NULL, 0, &len) == -1)
		return -1;
	v->text = xmalloc(len + 1);
	if (string(s, v->text, len, &len) == -1)
		return -1;
	v->text[len] = '\0';
	return 0;
}

static int
value(struct scan *s, struct ans_value *v)
{
	long long	n;
	int		max;

	switch (v->control->kind) {
	case CONTROL_CHOICE:
	case CONTROL_MULTICHOICE:
		return labels(s, v);
	case CONTROL_SPANS:
		return spans(s, v);
	case CONTROL_RATING:
		max = v->control->max > 0 ? v->control->max : 5;
		if (whole(s, &n) == -1 || n < 1 || n > max)
			return -1;
		v->rating = (int)n;
		return 0;
	case CONTROL_TEXT:
		return text(s, v);
	case CONTROL_BOXES:
		return s->keep ? boxes(s, v) : -1;
	default:
		return -1;
	}
}

/* The value of the control called key (len bytes), or NULL. */
static struct ans_value *
value_of(struct answer *a, const char *key, size_t len)
{
	size_t	i;

	if (len == 0)
		return NULL;
	/* The first byte first: most names differ there. */
	for (i = 0; i < a->n; i++)
		if (a->v[i].control->name[0] == key[0] &&
		    same_name(a->v[i].control->name, key, len))
			return &a->v[i];
	return NULL;
}

/*
 * The value of the control whose name is the plain bytes quoted right
 * at s->p, as label_plain finds a label: the string stepped over; NULL,
 * s->p unmoved, where none is (name_at and value_of then read the key:
 * what matches here is what they match, without the name's scan and its
 * comparison apart).
 */
static struct ans_value *
key_plain(struct scan *s, struct answer *a)
{
	size_t	i, k;

	if (s->p >= s->end || *s->p != '"')
		return NULL;
	for (i = 0; i < a->n; i++)
		if ((k = plain_quoted(s, a->v[i].control->name)) > 0) {
			s->p += k + 2;
			return &a->v[i];
		}
	return NULL;
}

/* answer_clear, but an extra object that holds nothing is not cleared
 * (the scan puts nothing there): jansson's clearing of an empty one was
 * a tenth of the scan of a short result. */
static void
clear(struct answer *a)
{
	json_t	*extra = a->extra;

	if (json_object_size(extra) == 0)
		a->extra = NULL;
	answer_clear(a);
	a->extra = extra;
}

static int
scan(struct answer *a, const char *text, size_t len,
    const struct control *only, int keep, int check)
{
	struct scan		 s = { text, text + len, keep, check };
	struct ans_value	*v;
	char			 buf[SCAN_NAME];
	const char		*key;
	size_t			 n;

	/* Spans against a text would need its length: the general way. */
	if (a->task != NULL)
		return 0;
	clear(a);
	if (!eat(&s, '{'))
		return 0;
	if (!eat(&s, '}')) {
		do {
			if ((v = key_plain(&s, a)) == NULL) {
				if (name_at(&s, buf, sizeof buf, &key,
				    &n) == -1)
					goto no;
				v = value_of(a, key, n);
			}
			if (!eat(&s, ':'))
				goto no;
			if (only != NULL && (v == NULL || v->control != only)) {
				/* Another member: stepped over. */
				if (skip(&s, 1) == -1)
					goto no;
				continue;
			}
			if (v == NULL || v->present || value(&s, v) == -1)
				goto no;
			v->present = 1;
			/* The one asked for: what follows is not read (a
			 * stored result has no key twice). */
			if (only != NULL)
				return 1;
		} while (eat(&s, ','));
		if (!eat(&s, '}'))
			goto no;
	}
	ws(&s);
	if (s.p != s.end)
		goto no;
	return 1;
no:
	clear(a);
	return 0;
}

int
answer_scan(struct answer *a, const char *text, size_t len,
    const struct control *only)
{
	return scan(a, text, len, only, 0, 0);
}

int
answer_scan_boxes(struct answer *a, const char *text, size_t len)
{
	return scan(a, text, len, NULL, 1, 0);
}

/* Held against the task as the strict load holds them: spans on a text
 * and inside it, boxes on an image (unrotated: a rotated one's corners
 * are the general way's) and inside it, by ans_coord's and inside()'s
 * edges, with room for near_decimal's error (a box within it of an edge
 * declines: the general way decides). */
static int
fits_task(const struct answer *a, struct answer_task *t)
{
	const struct ans_value	*v;
	const struct ans_box	*b;
	const double		 edge = 1e-6;
	double			 room;
	size_t			 i, k;

	for (i = 0; i < a->n; i++) {
		v = &a->v[i];
		if (!v->present)
			continue;
		if ((v->control->kind == CONTROL_SPANS && t->text == NULL) ||
		    (v->control->kind == CONTROL_BOXES && t->text != NULL))
			return 0;
		for (k = 0; k < v->nboxes; k++) {
			b = &v->boxes[k];
			room = 1e-12 * (1 + t->width + t->height + b->x +
			    b->y + b->width + b->height);
			if (b->rotation != 0 || (t->width > 0 &&
			    (b->x + room > t->width || b->x + b->width + room >
			    t->width + edge)) || (t->height > 0 && (b->y +
			    room > t->height || b->y + b->height + room >
			    t->height + edge)))
				return 0;
		}
		if (v->nspans == 0)
			continue;
		if (!t->have_ncp) {
			t->ncp = utf8_count(t->text, t->text_len);
			t->have_ncp = 1;
		}
		if (v->spans[v->nspans - 1].end > t->ncp)
			return 0;
	}
	return 1;
}

int
answer_scan_check(struct answer *a, const char *text, size_t len,
    struct answer_task *t)
{
	struct answer_task	*at = a->task;
	int			 ok;

	a->task = NULL;
	ok = scan(a, text, len, NULL, 1, 1) && fits_task(a, t);
	answer_clear(a);
	a->task = at;
	return ok;
}
