/* A reader's scratch table: the pieces of a file that is not in task
 * order (COCO, whose annotations come apart from their images, any order)
 * kept in a TEMP table of the importing connection while the file is read,
 * so that memory holds one piece at a time and the reader can yield one
 * task at a time with its pieces. TEMP: written without the database's
 * write lock, seen by no other connection, gone with the process; dropped
 * by store_stage_close. */
#ifndef SCALEC_STORE_STAGE_H
#define SCALEC_STORE_STAGE_H

#include <stddef.h>
#include <stdint.h>

#include "model/record.h"

struct store;
struct store_stage;

/* Makes the table (empty) and begins filling it. NULL after reporting. */
struct store_stage	*store_stage_open(struct store *);
/* Adds a piece. With unique, a second piece of the kind and key is
 * refused: 0, 1 when it is there already (nothing added), or -1 after
 * reporting. */
int	 store_stage_put(struct store_stage *, int kind, int unique,
	    const struct stage_piece *);
/* Ends the filling (the rows are committed to the TEMP table). 0 or -1. */
int	 store_stage_filled(struct store_stage *);
/* The kind's pieces one by one in the order they were put: 1 with *p, 0
 * at the end, -1 after reporting. */
int	 store_stage_next(struct store_stage *, int kind,
	    struct stage_piece *);
/* Calls fn with each piece of kind and key, in the order they were put;
 * stops at fn's -1 and returns it; else 0 (or -1 after reporting). */
int	 store_stage_each(struct store_stage *, int kind, int64_t key,
	    int (*fn)(const struct stage_piece *, void *), void *arg);
/* The hooks a reader calls (model/record.h), for s. */
void	 store_stage_hooks(struct store_stage *s, struct reader_stage *);
/* Drops the table; NULL is allowed. */
void	 store_stage_close(struct store_stage *);

#endif
