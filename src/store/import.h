/* Bulk import of task records (model/record.h) into a project, as one
 * unit of work: the hot path of scalec import and file add. A file lands
 * whole or not at all; the importer reuses its prepared statements and
 * allocates nothing per row that it can avoid. */
#ifndef SCALEC_STORE_IMPORT_H
#define SCALEC_STORE_IMPORT_H

#include <signal.h>
#include <stdint.h>

struct buf;
struct config;
struct import_stats;
struct record;
struct store;

/* What to do with a record whose id the project already has. An id that
 * two lines of one file share is always an error. */
enum import_existing {
	IMPORT_FAIL,		/* an error naming the line (the default) */
	IMPORT_SKIP,		/* leave the task as it is */
	IMPORT_UPDATE,		/* replace its text/image and meta, its
				 * priority and predictions when the line
				 * has some, and the annotations of the
				 * users it names; a new text under other
				 * annotations only with force */
};

struct import_opts {
	int64_t			 project_id;
	const char		*project;	/* its name, for messages */
	const struct config	*cfg;		/* checks results */
	enum import_existing	 existing;	/* matched by imported id
						 * only */
	int			 force;		/* IMPORT_UPDATE may change
						 * annotated text */
	const char		*name;		/* the file, for messages */
	const char		*source;	/* stored as task.source; NULL */
	int			 takes;		/* config_takes(): text and/or
						 * images; 0 takes either */
	const char		*type;		/* the project's, for messages */

	/* A record already in the project is skipped, unless
	 * allow_duplicates: one without an id and with nothing but its text
	 * and meta (import), or, with by_source, a text or an image from the
	 * same file (file add). Same is by content (task.content_hash, then
	 * the text itself). duplicate, when set, hears of each (task: the
	 * one it repeats); the stats count them. */
	int			 allow_duplicates;
	/* A user a line names (annotator, reviewer, settled_by) that the
	 * database lacks is added as an annotator, not an error; a failed
	 * import removes them again. */
	int			 create_users;
	int			 by_source;
	void			(*duplicate)(void *arg, const struct record *,
				    int64_t task);

	/* For store_import: where the records come from (next: 1 with
	 * *rec, 0 at the end, -1 after reporting), and the audit record
	 * (action, and what describe writes from the counts). */
	int			(*next)(void *arg, struct record *rec);
	void			*arg;
	int			 dry_run;	/* check all, write nothing */
	/* When set, a non-zero *stop (a signal's handler sets it) ends the
	 * import between records as a failure: what it loaded is removed
	 * and it says so; next may then return -1 without reporting. */
	volatile sig_atomic_t	*stop;
	/* 1 when the next record can be read without waiting (a pipe with
	 * nothing in it: 0, so the chunk commits first); NULL: always. */
	int			(*ready)(void *arg);
	const char		*action;	/* "import", "file.add" */
	/* The project's label config as the file leaves it (YAML: the
	 * category ids a COCO file gives kept as its labels' ids), written
	 * with the tasks; NULL: unchanged. */
	const char		*config;
	void			(*describe)(struct buf *,
				    const struct import_stats *, void *arg);
};

#define IMPORT_DUP_LINES	5
/* The longest a chunk holds the lock; a build for callgrind, which runs
 * the code some 50 times slower, may give it as -DIMPORT_CHUNK_MS=2500. */
#ifndef IMPORT_CHUNK_MS
#define IMPORT_CHUNK_MS		50
#endif
/* Between two chunks the import leaves the lock free this long: a writer
 * waiting for it polls every 2 ms (store/batch.c), and an import that
 * began its next chunk at once would win the lock again nearly every
 * time (measured: 100-200 ms per submission beside a 1,000,000-task
 * import without it, 1-2 ms with it). */
#define IMPORT_YIELD_MS		5

struct import_stats {
	int64_t	added;
	int64_t	updated;
	int64_t	skipped;
	int64_t	duplicates;	/* skipped as already in the project */
	unsigned long dup_lines[IMPORT_DUP_LINES];	/* the first ones' */
	int64_t	predictions;
	int64_t	annotations;
	int64_t	for_others;	/* annotations in another person's name:
				 * acted_by the importer */
	int64_t	reviews;	/* rows of annotations' review histories */
	int64_t	finals;		/* final answers */
	int64_t	gold;		/* tasks added with a gold answer (out of
				 * the project's task_count) */
	int64_t	users_created;	/* by create_users */
	int64_t	first_id;	/* the tasks added, from .. to */
	int64_t	last_id;
	int64_t	top_priority;	/* the first added in next-task order */
	int64_t	top_id;
};

struct actor;
/*
 * Imports every record opts->next gives into the project, as one unit of
 * work audited as opts->action: all of them, or (on a bad record, a
 * failed read, *stop, or dry_run) nothing. Outside a caller's
 * transaction it writes in chunks of at most IMPORT_CHUNK_MS into a
 * batch (store/batch.h) that readers see only once it is all there; the
 * changes IMPORT_UPDATE makes to tasks already there are staged on the
 * connection (TEMP tables) and applied when the batch is published. A
 * dry_run takes no write lock: it reads the project and stages
 * everything. *stats: what it did (or would do). 0, or -1 after
 * reporting.
 */
int	store_import(struct store *, const struct actor *,
	    const struct import_opts *, struct import_stats *stats);

#endif
