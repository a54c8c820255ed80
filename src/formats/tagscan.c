/* JSON pieces of doccano's and spaCy's line scanners (tagscan.h). */
#include <string.h>

#include "formats/plainscan.h"
#include "formats/tagscan.h"
#include "util/buf.h"
#include "util/jsonw.h"

#define TAG_DIGITS	18	/* a whole number never overflows */

int	doccano_tree_only, spacy_tree_only;
int	doccano_write_tree_only, labelstudio_write_tree_only;
unsigned long doccano_fast_reads, spacy_fast_reads;

static void
ws(struct tagcur *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' ||
	    *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

int
tag_peek(struct tagcur *c)
{
	ws(c);
	return c->s < c->end ? (unsigned char)*c->s : -1;
}

int
tag_take(struct tagcur *c, int ch)
{
	if (tag_peek(c) != ch)
		return -1;
	c->s++;
	return 0;
}

int
tag_whole(struct tagcur *c, int64_t *v)
{
	const char	*p;
	int64_t		 n = 0;

	ws(c);
	p = c->s;
	while (p < c->end && *p >= '0' && *p <= '9') {
		if (p - c->s == TAG_DIGITS)
			return -1;
		n = n * 10 + (*p++ - '0');
	}
	if (p == c->s || (*c->s == '0' && p - c->s > 1))
		return -1;
	if (p < c->end && (*p == '.' || *p == 'e' || *p == 'E'))
		return -1;
	c->s = p;
	*v = n;
	return 0;
}

int
tag_key(struct tagcur *c, const char **k, size_t *n)
{
	const char	*p;

	if (tag_take(c, '"') == -1)
		return -1;
	for (p = c->s; p < c->end && *p != '"'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e ||
		    *p == '\\')
			return -1;
	if (p == c->end)
		return -1;
	*k = c->s;
	*n = (size_t)(p - c->s);
	c->s = p + 1;
	return tag_take(c, ':');
}

/* The string (dumped 0: unescaped) or value at c->s into b by plainscan.h's
 * cursor, and c->s past it. */
static int
tag_jcur(struct tagcur *c, struct buf *b, int dumped)
{
	struct jcur	j;
	int		rc;

	j.s = (const unsigned char *)c->s;
	j.end = (const unsigned char *)c->end;
	j.b = b;
	rc = dumped ? jcur_value(&j, 1) : jcur_string(&j, 0);
	c->s = (const char *)j.s;
	return rc;
}

int
tag_string(struct tagcur *c, struct buf *b, size_t *at, size_t *len)
{
	if (tag_peek(c) != '"')
		return -1;
	*at = b->len;
	if (tag_jcur(c, b, 0) == -1)
		return -1;
	*len = b->len - *at;
	buf_addch(b, '\0');
	return 0;
}

int
tag_value(struct tagcur *c, struct buf *b)
{
	if (tag_peek(c) == -1)
		return -1;
	return tag_jcur(c, b, 1);
}

int
tag_done(struct tagcur *c)
{
	return tag_peek(c) == -1;
}

int
tag_members(const char *s, struct tag_member *m)
{
	size_t	len = strlen(s), i = 1, j, n = 0, x;

	if (len < 2 || s[0] != '{' || strstr(s, "\\u0000") != NULL)
		return -1;
	if (len == 2 && s[1] == '}')
		return 0;
	for (;;) {
		if (n == TAG_MEMBERS || i >= len || s[i] != '"')
			return -1;
		for (j = i + 1; j < len && s[j] != '"' && s[j] != '\\'; j++)
			;
		if (j + 1 >= len || s[j] != '"' || s[j + 1] != ':')
			return -1;
		m[n].k = s + i + 1;
		m[n].kn = j - i - 1;
		for (x = 0; x < n; x++)
			if (m[x].kn == m[n].kn && memcmp(m[x].k, m[n].k,
			    m[n].kn) == 0)
				return -1;
		i = j + 2;
		m[n].v = s + i;
		if ((m[n].vn = jw_value_len(s + i, len - i)) == 0)
			return -1;
		i += m[n].vn;
		n++;
		if (i + 1 == len && s[i] == '}')
			return (int)n;
		if (i >= len || s[i] != ',')
			return -1;
		i++;
	}
}
