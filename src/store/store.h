/* The store: one SQLite database in WAL mode. Every statement in scalec is
 * prepared here, in src/store/, with bound parameters; no other module sees
 * SQL. */
#ifndef SCALEC_STORE_H
#define SCALEC_STORE_H

#include <stdint.h>

struct store;

#define STORE_CREATE	0x1	/* create the file and the schema (init) */
#define STORE_READONLY	0x2	/* never write; refuse to migrate */


/*
 * Opens the database at path, sets the pragmas (WAL, foreign keys,
 * synchronous=FULL, busy timeout) and migrates an older schema forward after
 * backing the file up. A newer schema than this binary knows is refused.
 * Returns NULL after reporting the error.
 */
struct store	*store_open(const char *path, int flags);
void		 store_close(struct store *);
const char	*store_path(const struct store *);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; begin and commit return 0 or -1. */
int		 store_begin(struct store *);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);

/* Writes a consistent copy of the database to path (VACUUM INTO). */
int		 store_backup(struct store *, const char *path);
/* The database's schema version, and the one this binary writes. */
int		 store_schema_version(struct store *);
int		 store_schema_latest(void);
/* Rows changed by the last statement. */
int		 store_changes(struct store *);

/* Records an act in the audit log: who did it (and the real login behind
 * --as), what, on which object. */
int		 store_audit(struct store *, int64_t user_id, int64_t real_id,
		    const char *action, const char *object, const char *detail);

#endif
