/* Readable tables for command output: columns aligned by display width,
 * every cell escaped (newlines show as ^J), long cells trimmed with '~'. */
#ifndef SCALEC_TABLE_H
#define SCALEC_TABLE_H

#include <stdio.h>

struct table;

/* Headers is a NULL-terminated list; the column count follows from it. */
struct table	*table_new(const char *const *headers);
/* Trims a column's cells to at most width columns (0: no limit). */
void		 table_set_max(struct table *, int col, int width);
/* Adds a row of exactly as many cells as headers; NULL prints as "". */
void		 table_add(struct table *, const char *const *cells);
/* Adds a row from printf-less varargs: table_addv(t, a, b, c) with as many
 * cells as headers. */
void		 table_addv(struct table *, ...);
void		 table_print(struct table *, FILE *);
void		 table_free(struct table *);

/* Prints "key: value" lines for a show command, values escaped. */
void		 print_field(FILE *, const char *key, const char *value);

#endif
