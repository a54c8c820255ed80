/* Shared by the files in src/store/ only: the connection, cached statements
 * and error reporting. Nothing outside src/store/ includes this. */
#ifndef SCALEC_STORE_INTERNAL_H
#define SCALEC_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_STMT_CACHE	256	/* more than src/store/ has statements */

struct store {
	sqlite3		*db;
	char		*path;
	int		 in_tx;		/* inside store_begin .. commit */
	struct {
		const char	*sql;	/* a string literal: compared by address */
		sqlite3_stmt	*stmt;
	} cache[STORE_STMT_CACHE];
	int		 ncache;
};

/*
 * Returns a prepared, reset statement for sql, which must be a string literal
 * (the cache compares addresses). NULL after reporting an error. The
 * statement belongs to the store; do not finalize it.
 */
sqlite3_stmt	*stmt_get(struct store *, const char *sql);
/* Reports the connection's last error with what was being done; returns -1. */
int		 store_error(struct store *, const char *what);
/*
 * Steps a statement for one row: 1 with the statement on that row (read it,
 * then sqlite3_reset), 0 for none and -1 after reporting what failed; both
 * leave it reset.
 */
int		 stmt_row(struct store *, sqlite3_stmt *, const char *what);
/* Steps a statement that returns no rows; 0 or -1. */
int		 stmt_exec(struct store *, sqlite3_stmt *, const char *what);
/* A column as a freshly allocated string (NULL for SQL NULL). */
char		*column_dup(sqlite3_stmt *, int);
/* A column as a freshly allocated string, "" for SQL NULL. */
char		*column_dup0(sqlite3_stmt *, int);
/* Binds a C string, or NULL, as text. */
int		 bind_text(sqlite3_stmt *, int, const char *);
/* Steps a bound statement whose rows are (state, count) into *n; 0 or -1
 * after reporting what. */
struct state_counts;
int		 stmt_state_counts(struct store *, sqlite3_stmt *,
		    struct state_counts *n, const char *what);

#define NOW_SQL	"strftime('%Y-%m-%dT%H:%M:%SZ','now')"

#endif
