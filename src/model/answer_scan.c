/* Values read from their JSON text (model/answer_scan.h). A small
 * recursive reader over the bytes: strings are decoded only where a
 * label's name is compared, numbers only where they are whole, and
 * everything else an item holds (a model's "score", a nested object) is
 * stepped over. Anything it is not sure of is -1: the slow path decides. */
#include <stdint.h>
#include <string.h>

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define SCAN_DEPTH	64		/* nesting stepped over, at most */
#define SCAN_NAME	256		/* a label name's bytes (200 at most) */

struct scan {
	const char	*p, *end;
};

static void
ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static int
eat(struct scan *s, char c)
{
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

/*
 * A string at s->p, decoded into out (up to SCAN_NAME bytes, *len set)
 * or, with out NULL, stepped over. 0 or -1 (not a string, a bad escape,
 * too long to be a name).
 */
static int
string(struct scan *s, char *out, size_t *len)
{
	uint32_t	cp, lo;
	size_t		n = 0;
	char		u[4];
	int		k;

	ws(s);
	if (s->p >= s->end || *s->p != '"')
		return -1;
	for (s->p++; s->p < s->end && *s->p != '"'; ) {
		const char	*q = s->p;

		/* A run of plain bytes at once. */
		while (q < s->end && *q != '"' && *q != '\\' &&
		    (unsigned char)*q >= 0x20)
			q++;
		if (q > s->p) {
			if (out != NULL) {
				if (n + (size_t)(q - s->p) > SCAN_NAME)
					return -1;
				memcpy(out + n, s->p, (size_t)(q - s->p));
			}
			n += (size_t)(q - s->p);
			s->p = q;
			continue;
		}
		if ((unsigned char)*s->p < 0x20)
			return -1;
		if (s->end - s->p < 2)
			return -1;
		switch (s->p[1]) {
		case '"': case '\\': case '/':
			u[0] = s->p[1];
			k = 1;
			break;
		case 'b': u[0] = '\b'; k = 1; break;
		case 'f': u[0] = '\f'; k = 1; break;
		case 'n': u[0] = '\n'; k = 1; break;
		case 'r': u[0] = '\r'; k = 1; break;
		case 't': u[0] = '\t'; k = 1; break;
		case 'u':
			if (s->end - s->p < 6 || hex4(s->p + 2, &cp) == -1)
				return -1;
			s->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (s->end - s->p < 8 || s->p[2] != '\\' ||
				    s->p[3] != 'u' || hex4(s->p + 4, &lo) == -1 ||
				    lo < 0xdc00 || lo >= 0xe000)
					return -1;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				s->p += 6;
			} else if (cp >= 0xdc00 && cp < 0xe000)
				return -1;
			k = utf8_encode(cp, u);
			break;
		default:
			return -1;
		}
		s->p += 2;
		if (out != NULL) {
			if (n + (size_t)k > SCAN_NAME)
				return -1;
			memcpy(out + n, u, (size_t)k);
		}
		n += (size_t)k;
	}
	if (s->p >= s->end)
		return -1;
	s->p++;
	if (len != NULL)
		*len = n;
	return 0;
}

/* A whole number that fits an int, 0 or more; -1 for anything else (a
 * fraction or an exponent goes the slow way). */
static int
whole(struct scan *s, long *v)
{
	long	n = 0;
	int	digits = 0;

	ws(s);
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9') {
		if (n > (INT32_MAX - 9) / 10)
			return -1;
		n = n * 10 + (*s->p++ - '0');
		digits++;
	}
	if (digits == 0 || (s->p < s->end && (*s->p == '.' || *s->p == 'e' ||
	    *s->p == 'E')))
		return -1;
	*v = n;
	return 0;
}

/* Steps over any value. */
static int
skip(struct scan *s, int depth)
{
	char	close;

	ws(s);
	if (s->p >= s->end || depth > SCAN_DEPTH)
		return -1;
	switch (*s->p) {
	case '"':
		return string(s, NULL, NULL);
	case '[':
	case '{':
		close = *s->p == '[' ? ']' : '}';
		s->p++;
		if (eat(s, close))
			return 0;
		do {
			if (close == '}' && (string(s, NULL, NULL) == -1 ||
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

/* The control's label called by the string at s->p: its index, or -1. */
static int
label(struct scan *s, const struct control *c)
{
	char	name[SCAN_NAME];
	size_t	len, i;

	if (string(s, name, &len) == -1)
		return -1;
	for (i = 0; i < c->nlabels; i++)
		if (strlen(c->labels[i].name) == len &&
		    memcmp(c->labels[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* The end: nothing but white space after the value. */
static int
at_end(struct scan *s)
{
	ws(s);
	return s->p == s->end ? 0 : -1;
}

/* The end of a value, alone or a member's (ans_scan_member's: the
 * object's next member or its end follows). */
static int
value_end(struct scan *s)
{
	ws(s);
	return s->p == s->end || *s->p == ',' || *s->p == '}' ? 0 : -1;
}

int
ans_scan_member(const char *text, size_t len, const char *key,
    const char **v, size_t *vlen)
{
	struct scan	s = { text, text + len };
	char		name[SCAN_NAME];
	size_t		n, klen = strlen(key);

	if (!eat(&s, '{'))
		return -1;
	if (eat(&s, '}'))
		return at_end(&s) == 0 ? 0 : -1;
	do {
		if (string(&s, name, &n) == -1 || !eat(&s, ':'))
			return -1;
		ws(&s);
		/* Found: the value and what follows it, which the value's
		 * reader ends at (value_end), so that it is read once, not
		 * stepped over first. A stored result is an object jansson
		 * wrote: no key twice. */
		if (n == klen && memcmp(name, key, n) == 0) {
			*v = s.p;
			*vlen = (size_t)(s.end - s.p);
			return 1;
		}
		if (skip(&s, 1) == -1)
			return -1;
	} while (eat(&s, ','));
	if (!eat(&s, '}') || at_end(&s) == -1)
		return -1;
	return 0;
}

int
ans_scan_labels(const struct control *c, const char *text, size_t len,
    unsigned char *chosen)
{
	struct scan	s = { text, text + len };
	int		i, n = 0;

	memset(chosen, 0, c->nlabels);
	ws(&s);
	if (s.p < s.end && *s.p == '"') {
		if ((i = label(&s, c)) < 0)
			return -1;
		chosen[i] = 1;
		return value_end(&s) == 0 ? 1 : -1;
	}
	if (!eat(&s, '['))
		return -1;
	if (!eat(&s, ']')) {
		do {
			if ((i = label(&s, c)) < 0)
				return -1;
			n += !chosen[i];
			chosen[i] = 1;
		} while (eat(&s, ','));
		if (!eat(&s, ']'))
			return -1;
	}
	return value_end(&s) == 0 ? n : -1;
}

int
ans_scan_rating(const char *text, size_t len, int *v)
{
	struct scan	s = { text, text + len };
	long		n;

	if (whole(&s, &n) == -1 || n < 1 || value_end(&s) == -1)
		return -1;
	*v = (int)n;
	return 0;
}

/* One span object into *sp; 0 or -1. */
static int
span(struct scan *s, const struct control *c, struct ans_span *sp)
{
	char	key[SCAN_NAME];
	size_t	len;
	long	start = -1, end = -1, n;
	int	lab = -1, i;

	if (!eat(s, '{'))
		return -1;
	if (eat(s, '}'))
		return -1;
	do {
		/* A key is decoded once; one too long for a name is none of
		 * ours, and the slow path decides. */
		if (string(s, key, &len) == -1 || !eat(s, ':'))
			return -1;
		if ((len == 5 && memcmp(key, "start", 5) == 0) ||
		    (len == 3 && memcmp(key, "end", 3) == 0)) {
			if (whole(s, &n) == -1)
				return -1;
			*(key[0] == 's' ? &start : &end) = n;
		} else if (len == 5 && memcmp(key, "label", 5) == 0) {
			if ((i = label(s, c)) < 0)
				return -1;
			lab = i;
		} else if (skip(s, 1) == -1)
			return -1;
	} while (eat(s, ','));
	if (!eat(s, '}') || start < 0 || end <= start || lab < 0)
		return -1;
	sp->start = (size_t)start;
	sp->end = (size_t)end;
	sp->label = lab;
	sp->more = NULL;
	return 0;
}

int
ans_scan_spans(const struct control *c, const char *text, size_t len,
    struct ans_span **v, size_t *n, size_t *alloc)
{
	struct scan	s = { text, text + len };

	*n = 0;
	if (!eat(&s, '['))
		return -1;
	if (eat(&s, ']'))
		return value_end(&s);
	do {
		ARRAY_GROW(*v, *n + 1, *alloc);
		if (span(&s, c, &(*v)[*n]) == -1)
			return -1;
		(*n)++;
	} while (eat(&s, ','));
	if (!eat(&s, ']'))
		return -1;
	return value_end(&s);
}
