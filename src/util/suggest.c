/* The nearest names to a mistyped one, by edit distance. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/suggest.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* Decodes s into code points (an invalid byte is one); *n is the count.
 * The caller frees. */
static uint32_t *
code_points(const char *s, size_t *n)
{
	size_t		 len = strlen(s), i = 0;
	uint32_t	*cps = xcalloc(len + 1, sizeof *cps);
	int		 k;

	*n = 0;
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cps[*n])) == -1) {
			cps[*n] = (unsigned char)s[i];
			k = 1;
		}
		i += (size_t)k;
		(*n)++;
	}
	return cps;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t	m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Optimal string alignment over three rows of the table; a row whose
 * smallest cell is above max ends the walk, since no later row can be
 * smaller.
 */
size_t
edit_distance(const char *a, const char *b, size_t max)
{
	uint32_t	*x, *y;
	size_t		*prev2, *prev, *row, *t, nx, ny, i, j, best, d;

	x = code_points(a, &nx);
	y = code_points(b, &ny);
	if ((nx > ny ? nx - ny : ny - nx) > max) {
		d = max + 1;
		goto out_cps;
	}
	prev2 = xcalloc(ny + 1, sizeof *prev2);
	prev = xcalloc(ny + 1, sizeof *prev);
	row = xcalloc(ny + 1, sizeof *row);
	for (j = 0; j <= ny; j++)
		prev[j] = j;
	d = ny;
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
		if (best > max) {
			d = max + 1;
			goto out;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	d = prev[ny];
out:
	free(prev2);
	free(prev);
	free(row);
out_cps:
	free(x);
	free(y);
	return d > max ? max + 1 : d;
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
