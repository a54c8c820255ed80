/* A list's output, the one way every list command prints: a streamed
 * table, or a JSON array written one element at a time, so that the first
 * row of a million is out as soon as that of ten and a reader that stops
 * early (head) stops the walk. The window (--limit, --offset) is counted
 * here for the lists the store gives whole. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/store.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/table.h"
#include "util/xmalloc.h"

void
listing_start(struct listing *l, int json, const char *const *headers,
    const struct page *page)
{
	memset(l, 0, sizeof *l);
	l->t = json ? NULL : table_new(headers, stdout);
	l->left = page != NULL && page->limit > 0 ? page->limit : -1;
	l->skip = page != NULL ? page->offset : 0;
}

void
listing_start_columns(struct listing *l, int json, const struct column *cols,
    size_t ncols, const void *arg, const struct page *page)
{
	const char	**headers = xcalloc(ncols + 1, sizeof *headers);
	size_t		  i, n = 0;

	for (i = 0; i < ncols; i++)
		if (cols[i].header != NULL)
			headers[n++] = cols[i].header;
	listing_start(l, json, headers, page);
	free(headers);
	l->cols = cols;
	l->ncols = ncols;
	l->arg = arg;
	for (i = 0, n = 0; l->t != NULL && i < ncols; i++)
		if (cols[i].header != NULL)
			table_set_max(l->t, (int)n++, cols[i].max);
}

void
listing_set_min(struct listing *l, int col, int width)
{
	if (l->t != NULL)
		table_set_min(l->t, col, width);
}

/* Whether this row is in the window: 1 write it, 0 skip it, -1 the
 * window is full (stop). */
static int
in_window(struct listing *l)
{
	if (l->failed)
		return -1;
	if (l->skip > 0) {
		l->skip--;
		return 0;
	}
	if (l->left == 0)
		return -1;
	return 1;
}

/* After a row is written: 1 when the window is full now, -1 when the
 * output failed, else 0. */
static int
written(struct listing *l, int rc)
{
	l->n++;
	if (rc == -1 || output_failed(stdout)) {
		l->failed = 1;
		return -1;
	}
	if (l->left > 0 && --l->left == 0)
		return 1;
	return 0;
}

/* What a row outside the window returns to the walk. */
static int
outside(const struct listing *l, int w)
{
	return w == 0 ? 0 : l->failed ? -1 : 1;
}

int
listing_cells(struct listing *l, const char *const *cells)
{
	int	w;

	if ((w = in_window(l)) != 1)
		return outside(l, w);
	return written(l, table_add(l->t, cells));
}

int
listing_addv(struct listing *l, ...)
{
	const char	**cells;
	va_list		  ap;
	int		  i, n = table_columns(l->t), rc;

	cells = xcalloc((size_t)n, sizeof *cells);
	va_start(ap, l);
	for (i = 0; i < n; i++)
		cells[i] = va_arg(ap, const char *);
	va_end(ap);
	rc = listing_cells(l, cells);
	free(cells);
	return rc;
}

/* One element of the array, indented as json_print indents a whole one:
 * "[" before the first, "," between. */
static int
put_object(struct listing *l, json_t *obj)
{
	char	*s, *p;

	s = jsonout_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(obj);
	fputs(l->n == 0 ? "[\n  " : ",\n  ", stdout);
	for (p = s; *p != '\0'; p++) {
		putchar(*p);
		if (*p == '\n')
			fputs("  ", stdout);
	}
	free(s);
	return written(l, 0);
}

int
listing_object(struct listing *l, json_t *obj)
{
	int	w;

	if ((w = in_window(l)) != 1) {
		json_decref(obj);
		return outside(l, w);
	}
	return put_object(l, obj);
}

/* A column's value as a table cell: a string as it is, a number in
 * digits, null as nothing. */
static char *
cell_of(json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%g", json_real_value(v));
	if (json_is_true(v))
		return xstrdup("yes");
	if (json_is_false(v))
		return xstrdup("no");
	return xstrdup("");
}

int
listing_row(struct listing *l, const void *row)
{
	const struct column	*c;
	char			**cells;
	json_t			*obj, *v;
	size_t			 i, n = 0;
	int			 rc;

	if ((rc = in_window(l)) != 1)
		return outside(l, rc);
	if (l->t == NULL) {
		obj = json_object();
		for (i = 0; i < l->ncols; i++) {
			c = &l->cols[i];
			if (c->key != NULL && (v = c->value(row, l->arg)) !=
			    NULL)
				json_object_set_new(obj, c->key, v);
		}
		return put_object(l, obj);
	}
	cells = xcalloc(l->ncols, sizeof *cells);
	for (i = 0; i < l->ncols; i++) {
		c = &l->cols[i];
		if (c->header == NULL)
			continue;
		v = c->value(row, l->arg);
		cells[n++] = cell_of(v);
		json_decref(v);
	}
	rc = written(l, table_add(l->t, (const char *const *)cells));
	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	return rc;
}

int
listing_end(struct listing *l)
{
	if (l->failed)
		return -1;
	if (l->t != NULL) {
		if (table_end(l->t) == -1)
			l->failed = 1;
	} else {
		fputs(l->n == 0 ? "[]\n" : "\n]\n", stdout);
		if (output_failed(stdout))
			l->failed = 1;
	}
	return l->failed ? -1 : 0;
}

void
listing_release(struct listing *l)
{
	if (l->t != NULL)
		table_free(l->t);
	l->t = NULL;
}

int
listing_finish(struct listing *l, int walk)
{
	/* After a store error the array is still closed: what was
	 * printed stays JSON, and the error is on stderr. */
	int	rc = listing_end(l);

	listing_release(l);
	return rc == -1 || walk == -1 ? EXIT_FAILURE_DATA : 0;
}
