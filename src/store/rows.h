/* The row-level writes the store's units of work are made of. Each runs
 * inside its caller's transaction and writes no audit record. Only
 * src/store/ and its unit tests (to set data up) include this: commands
 * write through the units of work in the public headers. */
#ifndef SCALEC_STORE_ROWS_H
#define SCALEC_STORE_ROWS_H

#include <stdint.h>

#include "model/role.h"

struct member;
struct project;
struct store;
struct task;
struct user;

/* Adds u (or restores a removed user of that name); sets u->id. An active
 * user of that name is reported ("already exists") and -1 returned. */
int	store_user_add(struct store *, struct user *u);
/* Writes display_name, email and role of u->id. */
int	store_user_update(struct store *, const struct user *u);
/* Marks the user removed and ends their memberships. */
int	store_user_remove(struct store *, int64_t id);

/* Adds p; sets p->id. A duplicate name is reported and -1 returned. */
int	store_project_add(struct store *, struct project *p);
/* Writes name, description, instructions, config and overlap of p->id. */
int	store_project_update(struct store *, const struct project *p);
/* Deletes the project and, by cascade, its tasks and annotations: 1, 0
 * when there was none. */
int	store_project_delete(struct store *, int64_t id);

/* Adds t to its project; sets t->id. A duplicate ext_id is reported. */
int	store_task_add(struct store *, struct task *t);
/* Removes a task with its annotations, predictions and leases. 1 when
 * removed, 0 when there was no such task, -1 on error. */
int	store_task_remove(struct store *, int64_t id);

/* Makes the user a member with role, or changes the role of a member. */
int	store_member_set(struct store *, int64_t project_id, int64_t user_id,
	    enum role role);
/* 1 when the membership was removed, 0 when there was none, -1. */
int	store_member_remove(struct store *, int64_t project_id,
	    int64_t user_id);

/* The importer store_import is made of, inside its caller's transaction
 * (opts' strings are borrowed until importer_free; next and the audit
 * fields are not used). The actor's real login is recorded as acted_by on
 * an annotation it imports in another person's name; NULL records none. */
struct actor;
struct import_opts;
struct import_stats;
struct importer;
struct record;
struct importer	*importer_new(struct store *, const struct actor *,
		    const struct import_opts *);
/* Checks and stores one record; -1 after reporting FILE:LINE. */
int		 importer_add(struct importer *, struct record *);
/* A chunked import's first task id (its batch's loading_from): an id
 * held by a task from there on is "repeated in this file". */
void		 importer_set_first(struct importer *, int64_t first);
/* Brings the project's counters up to date, once at the end. */
int		 importer_finish(struct importer *);
const struct import_stats *importer_stats(const struct importer *);
void		 importer_free(struct importer *);

#endif
