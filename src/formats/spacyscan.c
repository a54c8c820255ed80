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

#include "formats/plainscan.h"
#include "formats/spacyscan.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

int	v2scan_off;

struct sc {
	struct jcur	 c;
	struct v2scan	*v;
};

/* After white space, the string there unescaped into v->b, then a NUL:
 * its offset and length. */
static int
string(struct sc *c, size_t *at, size_t *lenp)
{
	struct buf	*b = &c->v->b;

	jcur_ws(&c->c);
	if (c->c.s == c->c.end || *c->c.s != '"')
		return -1;
	*at = b->len;
	if (jcur_string(&c->c, 0) == -1)
		return -1;
	*lenp = b->len - *at;
	buf_addch(b, '\0');
	return 0;
}

/* A '[' and whether the list is empty (its ']' taken): 1 empty, 0 not. */
static int
open_list(struct sc *c)
{
	if (jcur_take(&c->c, '[') == -1)
		return -1;
	jcur_ws(&c->c);
	if (c->c.s < c->c.end && *c->c.s == ']') {
		c->c.s++;
		return 1;
	}
	return 0;
}

/* A '{' and whether it is empty: 1 empty, 0 not. */
static int
open_object(struct sc *c)
{
	if (jcur_take(&c->c, '{') == -1)
		return -1;
	jcur_ws(&c->c);
	if (c->c.s < c->c.end && *c->c.s == '}') {
		c->c.s++;
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
		if ((k = jcur_key(&c->c, names, 2)) == -1 || (seen & 1u << k))
			return -1;
		seen |= 1u << k;
		if (k == 0 ? string(c, &t->orth, &t->orth_len) :
		    string(c, &t->ner, &t->ner_len))
			return -1;
	} while ((rc = jcur_next(&c->c, '}')) == 1);
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
	if (open_object(c) != 0 || jcur_key(&c->c, names, 1) != 0)
		return -1;
	if ((rc = open_list(c)) == -1)
		return -1;
	if (rc == 0)
		do
			if (token(c) == -1)
				return -1;
		while ((rc = jcur_next(&c->c, ']')) == 1);
	return rc == -1 || jcur_next(&c->c, '}') != 0 ? -1 : 0;
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
		if ((k = jcur_key(&c->c, names, 2)) == -1 || (seen & 1u << k))
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
			while ((rc = jcur_next(&c->c, ']')) == 1);
		if (rc == -1)
			return -1;
		ARRAY_GROW(v->sent, v->nsent + 1, v->asent);
		v->sent[v->nsent++] = v->ntok;	/* the last one's end */
		pa = &v->para[v->npara];
		pa->sent = first;
		pa->nsent = v->nsent - first - 1;
	} while ((rc = jcur_next(&c->c, '}')) == 1);
	if (rc == -1 || !(seen & 2u))
		return -1;
	v->npara++;
	return 0;
}

/* The id: a string, or a whole number as jansson reads one. */
static int
id(struct sc *c)
{
	struct v2scan	*v = c->v;
	int64_t		 n;
	int		 whole;

	jcur_ws(&c->c);
	if (c->c.s < c->c.end && *c->c.s == '"') {
		v->id_kind = V2SCAN_ID_STRING;
		return string(c, &v->id, &v->id_len);
	}
	v->id = v->b.len;
	if (jcur_number(&c->c, &whole, &n) == -1 || !whole)
		return -1;
	v->id_kind = V2SCAN_ID_INT;
	v->id_len = v->b.len - v->id;
	buf_addch(&v->b, '\0');
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
	c.c.s = (const unsigned char *)s;
	c.c.end = c.c.s + len;
	c.c.b = &v->b;
	c.v = v;
	if (open_object(&c) != 0)
		return 0;
	do {
		if ((k = jcur_key(&c.c, names, 2)) == -1 || (seen & 1u << k))
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
			while ((rc = jcur_next(&c.c, ']')) == 1);
		if (rc == -1)
			return 0;
	} while ((rc = jcur_next(&c.c, '}')) == 1);
	if (rc == -1 || !(seen & 2u))
		return 0;
	jcur_ws(&c.c);
	return c.c.s == c.c.end;
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
