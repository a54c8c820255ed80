/* Readable, escaped, aligned tables, written as they come once the
 * first TABLE_SAMPLE rows have set the widths. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

struct table {
	FILE	 *f;
	int	  ncols;
	char	**headers;
	int	 *max;		/* per column, 0 for none */
	size_t	 *width;	/* per column: the least, then the sample's */
	char	**cells;	/* the sample, escaped, row-major */
	char	**row;		/* a streamed row's cells */
	size_t	  nrows;	/* rows held (the sample) */
	size_t	  alloc;	/* cells allocated */
	int	  streaming;	/* the header is out; rows go as they come */
	int	  failed;	/* writing failed; nothing more is written */
};

struct table *
table_new(const char *const *headers, FILE *f)
{
	struct table	*t = xcalloc(1, sizeof *t);
	int		 i;

	t->f = f;
	while (headers[t->ncols] != NULL)
		t->ncols++;
	t->headers = xcalloc((size_t)t->ncols, sizeof *t->headers);
	t->max = xcalloc((size_t)t->ncols, sizeof *t->max);
	t->width = xcalloc((size_t)t->ncols, sizeof *t->width);
	t->row = xcalloc((size_t)t->ncols, sizeof *t->row);
	for (i = 0; i < t->ncols; i++) {
		t->headers[i] = xstrdup(headers[i]);
		t->width[i] = utf8_width(headers[i], strlen(headers[i]));
	}
	return t;
}

int
table_columns(const struct table *t)
{
	return t->ncols;
}

void
table_set_max(struct table *t, int col, int width)
{
	if (col >= 0 && col < t->ncols)
		t->max[col] = width;
}

void
table_set_min(struct table *t, int col, int width)
{
	if (col >= 0 && col < t->ncols && width > 0 &&
	    (size_t)width > t->width[col])
		t->width[col] = (size_t)width;
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

static void
print_cell(FILE *f, const char *s, size_t width, int last)
{
	size_t	w = utf8_width(s, strlen(s));

	fputs(s, f);
	if (last)
		return;
	/* Two spaces after a cell wider than its column too. */
	if (w > width)
		width = w;
	for (; w < width + 2; w++)
		fputc(' ', f);
}

static void
print_row(struct table *t, char *const *cells)
{
	int	c;

	for (c = 0; c < t->ncols; c++)
		print_cell(t->f, cells[c], t->width[c], c == t->ncols - 1);
	fputc('\n', t->f);
}

/* The header and the sample, with the widths they give; from then on the
 * table streams. */
static int
start(struct table *t)
{
	size_t	r;

	print_row(t, t->headers);
	for (r = 0; r < t->nrows; r++)
		print_row(t, t->cells + r * (size_t)t->ncols);
	t->streaming = 1;
	if (output_failed(t->f))
		t->failed = 1;
	return t->failed ? -1 : 0;
}

int
table_add(struct table *t, const char *const *cells)
{
	size_t	 base = t->nrows * (size_t)t->ncols, w;
	int	 i;

	if (t->failed)
		return -1;
	if (t->streaming) {
		for (i = 0; i < t->ncols; i++)
			t->row[i] = cell_text(cells[i], t->max[i]);
		print_row(t, t->row);
		for (i = 0; i < t->ncols; i++)
			free(t->row[i]);
		if (output_failed(t->f))
			t->failed = 1;
		return t->failed ? -1 : 0;
	}
	ARRAY_GROW(t->cells, base + (size_t)t->ncols, t->alloc);
	for (i = 0; i < t->ncols; i++) {
		t->cells[base + (size_t)i] = cell_text(cells[i], t->max[i]);
		w = utf8_width(t->cells[base + (size_t)i],
		    strlen(t->cells[base + (size_t)i]));
		if (w > t->width[i])
			t->width[i] = w;
	}
	if (++t->nrows == TABLE_SAMPLE)
		return start(t);
	return 0;
}

int
table_addv(struct table *t, ...)
{
	const char	**cells = xcalloc((size_t)t->ncols, sizeof *cells);
	va_list		  ap;
	int		  i, rc;

	va_start(ap, t);
	for (i = 0; i < t->ncols; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	rc = table_add(t, cells);
	free(cells);
	return rc;
}

int
table_end(struct table *t)
{
	if (t->failed)
		return -1;
	if (!t->streaming)
		return start(t);
	return 0;
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
	free(t->width);
	free(t->row);
	free(t);
}

void
print_field(FILE *f, const char *key, const char *value)
{
	char	*v = escape_dup(value != NULL ? value : "", 0);

	fprintf(f, "%-14s %s\n", key, v);
	free(v);
}
