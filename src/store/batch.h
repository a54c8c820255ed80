/* Import batches (HACKING "Imports that never block"): each import or
 * file add loads its tasks in short transactions into a batch that no
 * reader sees until it is published; the batches a project has had, and
 * undoing one. Waiting for a busy database, and saying who holds it. */
#ifndef SCALEC_STORE_BATCH_H
#define SCALEC_STORE_BATCH_H

#include <stdint.h>

struct actor;
struct buf;
struct store;

struct batch {
	int64_t		 id;
	int64_t		 project_id;
	const char	*user;		/* who imported; NULL when unknown */
	const char	*action;	/* "import", "file.add" */
	const char	*file;
	const char	*state;		/* "loading" or "published" */
	int64_t		 tasks;		/* added */
	int64_t		 updated;	/* existing tasks changed */
	int64_t		 first_task;	/* 0 when it added none */
	int64_t		 last_task;
	const char	*started_at;	/* ISO-8601 UTC */
	const char	*published_at;	/* NULL while loading */
	const char	*doing;
};

/* Calls fn for each batch of the project, oldest first; the batch is
 * borrowed for the call. fn's non-zero stops the walk and is returned; 0
 * when all were seen, -1 after reporting. */
int	store_batch_each(struct store *, int64_t project_id,
	    int (*fn)(const struct batch *, void *), void *arg);

/*
 * Removes a published batch's tasks, as one unit of work audited as
 * import.undo on the project: refused (nothing changed, -1 after
 * reporting) when the batch is not there, is loading, changed tasks that
 * were there before (--update), or any of its tasks has an annotation.
 * *removed: how many tasks went. *project_id: its project, for the
 * caller's role check, by store_batch_project first.
 */
int	store_batch_undo(struct store *, const struct actor *, int64_t batch,
	    int64_t *removed);
/* The project of a batch: 1 and *project_id, 0 when there is no such
 * batch, -1. */
int	store_batch_project(struct store *, int64_t batch,
	    int64_t *project_id);

/* Removes what imports whose process died left loading (their tasks in
 * short transactions, then the batch). 0 or -1 after reporting. Run by
 * store_open on a writing open and before each import. */
int	store_batch_reap(struct store *);

/*
 * How long a write waits for the lock: timeout_ms (STORE_WAIT_FOREVER:
 * never gives up, as an interactive session), polling every 2 ms. hook,
 * when set, hears waiting = 1 once a wait has lasted 100 ms, with what
 * holds the database (store_busy_holder's text), and waiting = 0 when
 * the write went through. The default is SCALEC_BUSY_TIMEOUT seconds, or
 * 10.
 */
#define STORE_WAIT_FOREVER	(-1)
void	store_set_wait(struct store *, int timeout_ms,
	    void (*hook)(void *arg, int waiting, const char *why), void *arg);
/* What holds the database, as a phrase: "alice is importing big.jsonl
 * (batch 7, 412,000 tasks so far, since 03:40)", or that no scalec
 * writer says. Appended to out. */
void	store_busy_holder(struct store *, struct buf *out);

#endif
