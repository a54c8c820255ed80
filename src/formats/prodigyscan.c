/* A Prodigy line scanned, not parsed (prodigyscan.h). The values are
 * written by plainscan's JSON cursor (jcur), the one writer of jansson's
 * bytes without a tree; this file only walks the top level and sorts the
 * keys. */
#include <stdlib.h>
#include <string.h>

#include "formats/plainscan.h"
#include "formats/prodigyscan.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define PSCAN_KEPT	64	/* kept keys checked for twins */

enum pkey {
	PK_TEXT, PK_META, PK_ID, PK_SPANS, PK_ANSWER, PK_ANNOTATOR,
	PK_SESSION, PK_TIMESTAMP, PK_TOKENS, PK_REFUSED, PK_KEPT
};

/* The top-level keys by their written form; the refused ones are read
 * by the tree: "label" and "accept" (a choice's answer) and "annotators"
 * (prodigy.c's own key under "_prodigy"). */
#define PKEY(s, k)	{ "\"" s "\"", sizeof s + 1, k }
static const struct {
	const char	*key;
	size_t		 len;
	enum pkey	 k;
} pkeys[] = {
	PKEY("text", PK_TEXT), PKEY("meta", PK_META), PKEY("id", PK_ID),
	PKEY("spans", PK_SPANS), PKEY("answer", PK_ANSWER),
	PKEY("_annotator_id", PK_ANNOTATOR),
	PKEY("_session_id", PK_SESSION), PKEY("_timestamp", PK_TIMESTAMP),
	PKEY("tokens", PK_TOKENS), PKEY("label", PK_REFUSED),
	PKEY("accept", PK_REFUSED), PKEY("annotators", PK_REFUSED),
};
#undef PKEY

int		prodigy_tree_only;
unsigned long	prodigy_fast_reads, prodigy_fast_writes;

static enum pkey
key_of(const char *k, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof pkeys / sizeof pkeys[0]; i++)
		if (pkeys[i].len == n && memcmp(pkeys[i].key, k, n) == 0)
			return pkeys[i].k;
	return PK_KEPT;
}

/* The keys fast_token takes, each once: a bit each. */
enum { TK_TEXT = 1, TK_START = 2, TK_END = 4, TK_ID = 8, TK_WS = 16 };

/* n bytes at p into b, whose room fast_token has made. */
static inline void
room_put(struct buf *b, const void *p, size_t n)
{
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/*
 * A token object of Prodigy's own shape at c->s, {"text": "...",
 * "start": N, "end": N, "id": N, "ws": true}: written into c->b as
 * jcur_object writes it, and noted in t; 0. -1, with c and c->b as they
 * were, for anything else (another key, a key twice or escaped, a value
 * that is not a string, a plain whole number or a literal), which
 * jcur_object then reads. Most of a db-out line is these, and
 * jcur_object's general way (each key written, compared with the others
 * and with the wanted ones) was half of its scan.
 */
static int
fast_token(struct jcur *c, struct ptok *t)
{
	const unsigned char	*s0 = c->s, *k, *q;
	struct buf		*b = c->b;
	struct pslice		*sl;
	size_t			 len0 = b->len, kn, v0;
	unsigned		 seen = 0, bit;
	int			 digits;

	/* What is written is never longer than what it is read from (white
	 * space dropped, a string's escapes as short or shorter): room for
	 * the rest of the line is room enough. */
	if (b->alloc - b->len <= (size_t)(c->end - c->s) + 1)
		buf_grow(b, (size_t)(c->end - c->s) + 1);
	memset(t, 0, sizeof *t);
	c->s++;
	room_put(b, "{", 1);
	for (;;) {
		jcur_ws(c);
		if (c->s == c->end || *c->s != '"')
			goto no;
		k = c->s + 1;
		for (q = k; q < c->end && ((*q >= 'a' && *q <= 'z') ||
		    *q == '_'); q++)
			;
		if (q == c->end || *q != '"')
			goto no;
		kn = (size_t)(q - k);
		sl = NULL;
		if (kn == 4 && memcmp(k, "text", 4) == 0)
			bit = TK_TEXT, sl = &t->text;
		else if (kn == 5 && memcmp(k, "start", 5) == 0)
			bit = TK_START, sl = &t->start;
		else if (kn == 3 && memcmp(k, "end", 3) == 0)
			bit = TK_END, sl = &t->end;
		else if (kn == 2 && memcmp(k, "id", 2) == 0)
			bit = TK_ID;
		else if (kn == 2 && memcmp(k, "ws", 2) == 0)
			bit = TK_WS;
		else
			goto no;
		if (seen & bit)
			goto no;
		seen |= bit;
		room_put(b, k - 1, kn + 2);
		c->s = q + 1;
		jcur_ws(c);
		if (c->s == c->end || *c->s != ':')
			goto no;
		c->s++;
		room_put(b, ":", 1);
		jcur_ws(c);
		if (c->s == c->end)
			goto no;
		v0 = b->len;
		if (*c->s == '"') {
			if (jcur_string(c, 1) == -1)
				goto no;
		} else if (*c->s >= '0' && *c->s <= '9') {
			/* A plain whole number, as jansson writes it. */
			for (q = c->s, digits = 0; q < c->end && *q >= '0' &&
			    *q <= '9'; q++)
				digits++;
			if ((*c->s == '0' && digits > 1) || digits > 18 ||
			    (q < c->end && (*q == '.' || *q == 'e' ||
			    *q == 'E')))
				goto no;
			room_put(b, c->s, (size_t)(q - c->s));
			c->s = q;
		} else if ((size_t)(c->end - c->s) >= 4 &&
		    memcmp(c->s, "true", 4) == 0) {
			room_put(b, "true", 4);
			c->s += 4;
		} else if ((size_t)(c->end - c->s) >= 5 &&
		    memcmp(c->s, "false", 5) == 0) {
			room_put(b, "false", 5);
			c->s += 5;
		} else
			goto no;
		if (sl != NULL) {
			sl->at = v0;
			sl->len = b->len - v0;
		}
		jcur_ws(c);
		if (c->s == c->end)
			goto no;
		if (*c->s == '}')
			break;
		if (*c->s++ != ',')
			goto no;
		room_put(b, ",", 1);
	}
	c->s++;
	room_put(b, "}", 1);
	b->data[b->len] = '\0';
	return 0;
no:
	c->s = s0;
	b->len = len0;
	b->data[len0] = '\0';
	return -1;
}

/* "tokens"' element at c->s (the list's, at depth): an object noted in
 * ps->tok, anything else written as it is, and ps->toks_ok 0. */
static int
token(struct jcur *c, int depth, void *arg)
{
	static const char *const names[] = { "\"start\"", "\"end\"",
	    "\"text\"" };
	static const size_t	nlen[] = { 7, 5, 6 };
	struct pscan		*ps = arg;
	struct jwant		 w = { names, nlen, 3, { 0 }, { 0 } };
	struct ptok		*t;

	if (c->s == c->end || *c->s != '{') {
		ps->toks_ok = 0;
		return jcur_value(c, depth);
	}
	ARRAY_GROW(ps->tok, ps->ntok + 1, ps->atok);
	if (fast_token(c, &ps->tok[ps->ntok]) == 0) {
		ps->ntok++;
		return 0;
	}
	if (jcur_object(c, depth, &w) == -1)
		return -1;
	t = &ps->tok[ps->ntok++];
	t->start.at = w.at[0];
	t->start.len = w.len[0];
	t->end.at = w.at[1];
	t->end.len = w.len[1];
	t->text.at = w.at[2];
	t->text.len = w.len[2];
	return 0;
}

/* The value at c->s into b: as json_dumps writes it, or a string
 * unescaped when raw. */
static int
value(struct jcur *c, struct buf *b, int raw)
{
	c->b = b;
	if (c->s == c->end)
		return -1;
	return raw && *c->s == '"' ? jcur_string(c, 0) : jcur_value(c, 1);
}

int
prodigy_scan(const char *line, size_t len, struct pscan *ps, struct buf *b,
    struct buf *kb)
{
	struct jcur	 c;
	struct pslice	*sl;
	struct ptok	*t;
	size_t		 at[PSCAN_KEPT], n[PSCAN_KEPT], nkept = 0, k0, i;
	unsigned	 seen = 0;
	enum pkey	 k;
	int		 rc;

	t = ps->tok;
	at[0] = ps->atok;
	memset(ps, 0, sizeof *ps);
	ps->tok = t;
	ps->atok = at[0];
	buf_reset(b);
	buf_reset(kb);
	c.s = (const unsigned char *)line;
	c.end = c.s + len;
	if (jcur_take(&c, '{') == -1)
		return 0;
	do {
		jcur_ws(&c);
		if (c.s == c.end || *c.s != '"')
			return 0;
		/* The key as written, after kb's pairs: kept there or
		 * dropped again. */
		if (nkept > 0)
			buf_addch(kb, ',');
		k0 = kb->len;
		if (value(&c, kb, 0) == -1)
			return 0;
		k = key_of(kb->data + k0, kb->len - k0);
		if (k == PK_REFUSED || (k < PK_KEPT && (seen & 1u << k)))
			return 0;
		if (k == PK_KEPT || k == PK_TOKENS) {
			for (i = 0; i < nkept; i++)
				if (n[i] == kb->len - k0 &&
				    memcmp(kb->data + at[i], kb->data + k0,
				    n[i]) == 0)
					return 0;
			if (nkept == PSCAN_KEPT)
				return 0;
			at[nkept] = k0;
			n[nkept++] = kb->len - k0;
		} else {
			kb->len = k0 - (nkept > 0);
			kb->data[kb->len] = '\0';
		}
		if (k < PK_KEPT)
			seen |= 1u << k;
		if (jcur_take(&c, ':') == -1)
			return 0;
		jcur_ws(&c);
		if (c.s == c.end)
			return 0;
		if (k == PK_KEPT || k == PK_TOKENS) {
			buf_addch(kb, ':');
			k0 = kb->len;
			c.b = kb;
			if (k == PK_TOKENS && *c.s == '[') {
				ps->toks_ok = 1;
				if (jcur_array(&c, 1, token, ps) == -1)
					return 0;
			} else if (value(&c, kb, 0) == -1)
				return 0;
			if (k == PK_TOKENS) {
				ps->tokens.at = k0;
				ps->tokens.len = kb->len - k0;
				ps->tokens.has = 1;
			}
		} else {
			switch (k) {
			case PK_TEXT:		sl = &ps->text; break;
			case PK_META:		sl = &ps->meta; break;
			case PK_ID:		sl = &ps->id; break;
			case PK_SPANS:		sl = &ps->spans; break;
			case PK_ANSWER:		sl = &ps->answer; break;
			case PK_ANNOTATOR:	sl = &ps->annotator; break;
			case PK_SESSION:	sl = &ps->session; break;
			default:		sl = &ps->timestamp; break;
			}
			if (k == PK_TEXT && *c.s != '"')
				return 0;
			sl->at = b->len;
			if (value(&c, b, k == PK_TEXT) == -1)
				return 0;
			sl->len = b->len - sl->at;
			buf_addch(b, '\0');
			/* A null meta or id is none; an answer's null
			 * is kept (the tree sees the key). */
			sl->has = !((k == PK_META || k == PK_ID) &&
			    sl->len == 4 && memcmp(b->data + sl->at, "null",
			    4) == 0);
			if (k == PK_META && sl->has && b->data[sl->at] != '{')
				return 0;
		}
	} while ((rc = jcur_next(&c, '}')) == 1);
	if (rc == -1)
		return 0;
	jcur_ws(&c);
	return c.s == c.end && ps->text.has;
}

void
prodigy_scan_release(struct pscan *ps)
{
	free(ps->tok);
	memset(ps, 0, sizeof *ps);
}
