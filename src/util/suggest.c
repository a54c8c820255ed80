/* The nearest names to a mistyped one, by edit distance. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/suggest.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Decodes s (len bytes) into cps, which has room for len code points
 * (an invalid byte is one); returns the count. */
static size_t
code_points(const char *s, size_t len, uint32_t *cps)
{
	size_t	i = 0, n = 0;
	int	k;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cps[n])) == -1) {
			cps[n] = (unsigned char)s[i];
			k = 1;
		}
		i += (size_t)k;
		n++;
	}
	return n;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t	m = a < b ? a : b;

	return m < c ? m : c;
}

/* Names up to this many bytes are compared without allocating. */
#define SMALL	64

/*
 * Optimal string alignment over three rows of the table; a row whose
 * smallest cell is above max ends the walk, since no later row can be
 * smaller. Everything lives in one block: on the stack for names up to
 * SMALL bytes (every name a store holds), else allocated.
 */
size_t
edit_distance(const char *a, const char *b, size_t max)
{
	uint32_t	 small[2 * SMALL], *x, *y;
	size_t		 rows_small[3 * (SMALL + 1)], *prev2, *prev, *row, *t;
	size_t		 la = strlen(a), lb = strlen(b), nx, ny, i, j, best;
	size_t		 d;
	void		*heap = NULL, *heap_rows = NULL;

	if (la <= SMALL && lb <= SMALL) {
		x = small;
		y = small + SMALL;
		prev2 = rows_small;
	} else {
		x = heap = xcalloc(la + lb + 1, sizeof *x);
		y = x + la;
		prev2 = heap_rows = xcalloc(3 * (lb + 1), sizeof *prev2);
	}
	nx = code_points(a, la, x);
	ny = code_points(b, lb, y);
	prev = prev2 + ny + 1;
	row = prev + ny + 1;
	d = max + 1;
	if ((nx > ny ? nx - ny : ny - nx) > max)
		goto out;
	for (j = 0; j <= ny; j++)
		prev[j] = j;
	for (i = 1; i <= nx; i++) {
		row[0] = best = i;
		for (j = 1; j <= ny; j++) {
			row[j] = min3(prev[j] + 1, row[j - 1] + 1,
			    prev[j - 1] + (x[i - 1] != y[j - 1]));
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && prev2[j - 2] + 1 < row[j])
				row[j] = prev2[j - 2] + 1;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max)
			goto out;
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	d = prev[ny] > max ? max + 1 : prev[ny];
out:
	free(heap);
	free(heap_rows);
	return d;
}

size_t
suggest_limit(const char *word)
{
	size_t	n = utf8_count(word, strlen(word));

	return n < 4 ? 1 : n < 7 ? 2 : 3;
}

void
suggest_init(struct suggest *s, const char *word)
{
	memset(s, 0, sizeof *s);
	s->word = word;
	s->limit = suggest_limit(word);
}

void
suggest_add(struct suggest *s, const char *name)
{
	size_t	d, i, k;

	if (strcmp(name, s->word) == 0)
		return;
	if ((d = edit_distance(s->word, name, s->limit)) > s->limit)
		return;
	for (i = 0; i < s->n && s->dist[i] <= d; i++)
		if (strcmp(s->names[i], name) == 0)
			return;
	if (i == SUGGEST_MAX)
		return;
	if (s->n == SUGGEST_MAX)
		free(s->names[--s->n]);
	for (k = s->n; k > i; k--) {
		s->names[k] = s->names[k - 1];
		s->dist[k] = s->dist[k - 1];
	}
	s->names[i] = xstrdup(name);
	s->dist[i] = d;
	s->n++;
}

int
suggest_text(const struct suggest *s, struct buf *b)
{
	size_t	i;

	if (s->n == 0)
		return 0;
	buf_addstr(b, "did you mean ");
	for (i = 0; i < s->n; i++)
		buf_printf(b, "%s'%s'", i == 0 ? "" : i + 1 == s->n ?
		    " or " : ", ", s->names[i]);
	buf_addch(b, '?');
	return 1;
}

void
suggest_release(struct suggest *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	s->n = 0;
}
