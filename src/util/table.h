/* Readable tables for command output: columns aligned by display width,
 * every cell escaped (newlines show as ^J), long cells trimmed with '~'.
 * A table streams: its widths come from the header, each column's least
 * width and the first TABLE_SAMPLE rows, and every row after those is
 * written as it comes, so the first row of a list of a million is out as
 * soon as that of a list of ten. A later cell wider than its column is
 * written whole, and only its own row shifts: nothing is cut that the
 * column's max would not cut. */
#ifndef SCALEC_TABLE_H
#define SCALEC_TABLE_H

#include <stdio.h>

#define TABLE_SAMPLE	64	/* rows that set the widths */

struct table;

/* Headers is a NULL-terminated list; the column count follows from it.
 * The rows go to f (stdout for a command). */
struct table	*table_new(const char *const *headers, FILE *f);
/* The number of columns (of headers). */
int		 table_columns(const struct table *);
/* Trims a column's cells to at most width columns (0: no limit). */
void		 table_set_max(struct table *, int col, int width);
/* A column at least width wide, whatever the sample holds: for a value
 * known to grow down the list (ids). */
void		 table_set_min(struct table *, int col, int width);
/* Adds a row of exactly as many cells as headers; NULL prints as "".
 * 0, or -1 when writing failed (a reader that went away: output_failed). */
int		 table_add(struct table *, const char *const *cells);
/* Adds a row from printf-less varargs: table_addv(t, a, b, c) with as many
 * cells as headers. */
int		 table_addv(struct table *, ...);
/* Writes what is still held (the header and the sample of a short table).
 * 0 or -1 as table_add. */
int		 table_end(struct table *);
void		 table_free(struct table *);

/* Prints "key: value" lines for a show command, values escaped. */
void		 print_field(FILE *, const char *key, const char *value);

#endif
