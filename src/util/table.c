/* Readable, escaped, aligned tables. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/escape.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

struct table {
	int	  ncols;
	char	**headers;
	int	 *max;		/* per column, 0 for none */
	char	**cells;	/* escaped, row-major */
	size_t	  nrows;
	size_t	  alloc;	/* cells allocated */
};

struct table *
table_new(const char *const *headers)
{
	struct table	*t = xcalloc(1, sizeof *t);
	int		 i;

	while (headers[t->ncols] != NULL)
		t->ncols++;
	t->headers = xcalloc((size_t)t->ncols, sizeof *t->headers);
	t->max = xcalloc((size_t)t->ncols, sizeof *t->max);
	for (i = 0; i < t->ncols; i++)
		t->headers[i] = xstrdup(headers[i]);
	return t;
}

void
table_set_max(struct table *t, int col, int width)
{
	if (col >= 0 && col < t->ncols)
		t->max[col] = width;
}

/* Escapes s and trims it to at most max columns, '~' marking the cut. */
static char *
cell_text(const char *s, int max)
{
	struct buf	 b = BUF_INIT;
	size_t		 i = 0, w = 0;
	uint32_t	 cp;
	int		 n, cw;

	escape_add(&b, s != NULL ? s : "", s != NULL ? strlen(s) : 0, 0);
	if (max <= 0 || utf8_width(buf_str(&b), b.len) <= (size_t)max)
		return buf_detach(&b);
	while (i < b.len) {
		if ((n = utf8_decode(b.data + i, b.len - i, &cp)) < 0)
			n = 1, cw = 1;
		else
			cw = utf8_cp_width(cp);
		if (w + (size_t)cw > (size_t)max - 1)
			break;
		w += (size_t)cw;
		i += (size_t)n;
	}
	b.len = i;
	b.data[i] = '\0';
	buf_addch(&b, '~');
	return buf_detach(&b);
}

void
table_add(struct table *t, const char *const *cells)
{
	size_t	base = t->nrows * (size_t)t->ncols;
	int	i;

	ARRAY_GROW(t->cells, base + (size_t)t->ncols, t->alloc);
	for (i = 0; i < t->ncols; i++)
		t->cells[base + (size_t)i] = cell_text(cells[i], t->max[i]);
	t->nrows++;
}

void
table_addv(struct table *t, ...)
{
	const char	**cells = xcalloc((size_t)t->ncols, sizeof *cells);
	va_list		  ap;
	int		  i;

	va_start(ap, t);
	for (i = 0; i < t->ncols; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	table_add(t, cells);
	free(cells);
}

static void
print_cell(FILE *f, const char *s, size_t width, int last)
{
	size_t	w = utf8_width(s, strlen(s));

	fputs(s, f);
	if (last)
		return;
	for (; w < width + 2; w++)
		fputc(' ', f);
}

void
table_print(struct table *t, FILE *f)
{
	size_t	*width = xcalloc((size_t)t->ncols, sizeof *width);
	size_t	 r, w;
	int	 c;

	for (c = 0; c < t->ncols; c++)
		width[c] = utf8_width(t->headers[c], strlen(t->headers[c]));
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * (size_t)t->ncols +
			    (size_t)c];
			if ((w = utf8_width(s, strlen(s))) > width[c])
				width[c] = w;
		}
	}
	for (c = 0; c < t->ncols; c++)
		print_cell(f, t->headers[c], width[c], c == t->ncols - 1);
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			print_cell(f, t->cells[r * (size_t)t->ncols +
			    (size_t)c], width[c], c == t->ncols - 1);
		fputc('\n', f);
	}
	free(width);
}

void
table_free(struct table *t)
{
	size_t	i;
	int	c;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	for (c = 0; c < t->ncols; c++)
		free(t->headers[c]);
	free(t->cells);
	free(t->headers);
	free(t->max);
	free(t);
}

void
print_field(FILE *f, const char *key, const char *value)
{
	char	*v = escape_dup(value != NULL ? value : "", 0);

	fprintf(f, "%-14s %s\n", key, v);
	free(v);
}
