/* A fast path of answer_load_lenient for results as scalec stores them,
 * for the walks that read every annotation of a project (scalec stats:
 * a million spans results went through jansson's parser, its hash
 * tables and allocations in 40% of the command's time). It reads the
 * text directly into the typed values, for the plain shapes only: an
 * object of known controls, each once; choices as lists of known labels
 * (one at most for a choice); spans as {start, end, label} objects with
 * whole numbers, in order and disjoint; a rating from 1 to max; a text.
 * Anything else (an escape, a byte above ASCII, a number that is not a
 * plain whole one, another key, an order to sort, boxes) it declines,
 * and the caller loads the result the general way: the answer is the
 * same either way (tests/fuzz/fuzz_answer_fast.c compares them). */
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/kind_ops.h"
#include "util/xmalloc.h"

struct rd {
	const char	*p;
};

static void
ws(struct rd *r)
{
	while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' ||
	    *r->p == '\r')
		r->p++;
}

static int
eat(struct rd *r, char c)
{
	ws(r);
	if (*r->p != c)
		return 0;
	r->p++;
	return 1;
}

/* A string of printable ASCII without escapes: its bytes in *s, *len. */
static int
string(struct rd *r, const char **s, size_t *len)
{
	const char	*q;

	ws(r);
	if (*r->p != '"')
		return 0;
	for (q = r->p + 1; *q != '"'; q++)
		if (*q == '\\' || (unsigned char)*q < 0x20 ||
		    (unsigned char)*q >= 0x7f)
			return 0;
	*s = r->p + 1;
	*len = (size_t)(q - (r->p + 1));
	r->p = q + 1;
	return 1;
}

/* A whole number as JSON writes one, without sign, fraction or
 * exponent, and short enough not to overflow. */
static int
whole(struct rd *r, long long *out)
{
	long long	n = 0;
	int		digits = 0;

	ws(r);
	if (*r->p == '0' && r->p[1] >= '0' && r->p[1] <= '9')
		return 0;
	while (*r->p >= '0' && *r->p <= '9' && digits < 15) {
		n = n * 10 + (*r->p++ - '0');
		digits++;
	}
	if (digits == 0 || (*r->p >= '0' && *r->p <= '9') || *r->p == '.' ||
	    *r->p == 'e' || *r->p == 'E')
		return 0;
	*out = n;
	return 1;
}

/* The index of the label called s (len bytes), or -1. */
static int
label(const struct control *c, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < c->nlabels; i++)
		if (strncmp(c->labels[i].name, s, len) == 0 &&
		    c->labels[i].name[len] == '\0')
			return (int)i;
	return -1;
}

static int
labels(struct rd *r, struct ans_value *v, int multi)
{
	const char	*s;
	size_t		 len, n = 0;
	int		 l;

	if (!eat(r, '['))
		return 0;
	if (eat(r, ']'))
		return 1;
	do {
		if (!string(r, &s, &len) ||
		    (l = label(v->control, s, len)) < 0 || v->chosen[l] ||
		    (!multi && n > 0))
			return 0;
		v->chosen[l] = 1;
		n++;
	} while (eat(r, ','));
	return eat(r, ']');
}

static int
span(struct rd *r, const struct control *c, struct ans_span *sp)
{
	const char	*s;
	size_t		 len;
	long long	 start = -1, end = -1, n;
	int		 l = -1;

	if (!eat(r, '{'))
		return 0;
	do {
		if (!string(r, &s, &len) || !eat(r, ':'))
			return 0;
		if (len == 5 && memcmp(s, "start", 5) == 0 && start < 0 &&
		    whole(r, &n))
			start = n;
		else if (len == 3 && memcmp(s, "end", 3) == 0 && end < 0 &&
		    whole(r, &n))
			end = n;
		else if (len == 5 && memcmp(s, "label", 5) == 0 && l < 0 &&
		    string(r, &s, &len) && (l = label(c, s, len)) >= 0)
			;
		else
			return 0;
	} while (eat(r, ','));
	if (!eat(r, '}') || start < 0 || end <= start || l < 0)
		return 0;
	sp->start = (size_t)start;
	sp->end = (size_t)end;
	sp->label = l;
	sp->more = NULL;
	return 1;
}

static int
spans(struct rd *r, struct ans_value *v)
{
	struct ans_span	sp;

	if (!eat(r, '['))
		return 0;
	if (eat(r, ']'))
		return 1;
	do {
		if (!span(r, v->control, &sp) || (v->nspans > 0 &&
		    sp.start < v->spans[v->nspans - 1].end))
			return 0;
		ARRAY_GROW(v->spans, v->nspans + 1, v->aspans);
		v->spans[v->nspans++] = sp;
	} while (eat(r, ','));
	return eat(r, ']');
}

static int
value(struct rd *r, struct ans_value *v)
{
	const char	*s;
	size_t		 len;
	long long	 n;
	int		 max, l;

	switch (v->control->kind) {
	case CONTROL_CHOICE:
		ws(r);
		if (*r->p == '"') {
			if (!string(r, &s, &len) ||
			    (l = label(v->control, s, len)) < 0)
				return 0;
			v->chosen[l] = 1;
			return 1;
		}
		return labels(r, v, 0);
	case CONTROL_MULTICHOICE:
		return labels(r, v, 1);
	case CONTROL_SPANS:
		return spans(r, v);
	case CONTROL_RATING:
		max = v->control->max > 0 ? v->control->max : 5;
		if (!whole(r, &n) || n < 1 || n > max)
			return 0;
		v->rating = (int)n;
		return 1;
	case CONTROL_TEXT:
		if (!string(r, &s, &len))
			return 0;
		v->text = xstrndup(s, len);
		return 1;
	default:
		return 0;
	}
}

int
answer_load_fast(struct answer *a, const char *text)
{
	struct rd		 r = { text };
	struct ans_value	*v;
	const char		*key;
	size_t			 len, i;

	/* Spans against a text would need its length: the general way. */
	if (a->task != NULL)
		return 0;
	answer_clear(a);
	if (!eat(&r, '{'))
		return 0;
	if (!eat(&r, '}')) {
		do {
			if (!string(&r, &key, &len) || !eat(&r, ':'))
				goto no;
			for (i = 0; i < a->n; i++)
				if (strncmp(a->v[i].control->name, key,
				    len) == 0 &&
				    a->v[i].control->name[len] == '\0')
					break;
			if (i == a->n || a->v[i].present)
				goto no;
			v = &a->v[i];
			if (!value(&r, v))
				goto no;
			v->present = 1;
		} while (eat(&r, ','));
		if (!eat(&r, '}'))
			goto no;
	}
	ws(&r);
	if (*r.p != '\0')
		goto no;
	return 1;
no:
	answer_clear(a);
	return 0;
}
