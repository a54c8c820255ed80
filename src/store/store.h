/* The store: where everything scalec knows is kept. Today one SQLite
 * database in WAL mode; every statement is prepared in src/store/, with
 * bound parameters.
 *
 * The store's public headers (this one and store/{project,task,user,
 * member,annotation,assign,prediction,import,export,audit}.h) are the whole
 * contract a second database engine implements: no caller sees SQLite's
 * types or semantics (no statements, no rowids, no change counts), and
 * every write a command makes is one function here that opens and commits
 * its own transaction, or leaves nothing behind. Who acts is given to
 * each of those functions (struct actor), so that the audit record is
 * written in the same transaction as the change. Rules about the data
 * themselves (what a result may hold, how an annotation's state may
 * change) are the model's (src/model/); the store keeps them. */
#ifndef SCALEC_STORE_H
#define SCALEC_STORE_H

#include <stdint.h>

struct store;

#define STORE_CREATE	0x1	/* create the file and the schema (init) */
#define STORE_READONLY	0x2	/* never write; refuse to migrate */

/* Who does a write: the user acting, and the real login behind --as (the
 * same id without it). Both are in the audit record. */
struct actor {
	int64_t	 user_id;
	int64_t	 real_id;
};

/* A window onto a list that grows with the data (tasks, the audit log):
 * the rows after the one whose id is after (0: from the first), less the
 * first offset of those, at most limit (0: all). Long, as the options
 * that fill it (--after, --offset, --limit); all zero is the whole list. */
struct page {
	long	 after;
	long	 offset;
	long	 limit;
};

#define PAGE_ALL	{ 0, 0, 0 }

/*
 * Opens the database at path, sets the pragmas (WAL, foreign keys,
 * synchronous=FULL, busy timeout) and migrates an older schema forward after
 * backing the file up. A newer schema than this binary knows is refused.
 * Returns NULL after reporting the error.
 */
struct store	*store_open(const char *path, int flags);
void		 store_close(struct store *);
const char	*store_path(const struct store *);

/* Writes a consistent copy of the database to path. */
int		 store_backup(struct store *, const char *path);
/* The database's schema version, and the one this binary writes. */
int		 store_schema_version(struct store *);
int		 store_schema_latest(void);

/*
 * A new database's first unit of work: the login becomes its admin (an
 * audit record says so). Refused when the database has users already. 0,
 * or -1 after reporting.
 */
int		 store_init(struct store *, const char *login);

#endif
