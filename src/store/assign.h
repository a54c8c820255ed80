/* Who labels which task next, in the store: the next task for a person,
 * with the lease that keeps other sessions off it beyond the project's
 * overlap, and renewing and giving up that lease. Each is one unit of work
 * of its own. The walk's design, and why it stays cheap however long a
 * person's history, is at the top of assign.c. */
#ifndef SCALEC_STORE_ASSIGN_H
#define SCALEC_STORE_ASSIGN_H

#include <stdint.h>

struct store;
struct task;

/* A lease lasts this long unless the caller says otherwise (0 or less). */
#define LEASE_SECONDS_DEFAULT	(15 * 60)

/*
 * The next task for user_id in the project, leased to them for
 * lease_seconds. Their own live lease or draft there comes first (where
 * the task still has room for them); else the highest-priority task
 * (priority DESC, then id) they have not annotated (submitted, skipped or
 * reviewed) whose submissions plus the other people holding it (a live
 * lease or a draft) are below the project's overlap; else the task they
 * skipped longest ago that has room (see store_next_task_where). Returns 1 with *t filled (release it with
 * task_release), 0 when no task is left for them, -1 on error. Its cost
 * does not grow with the person's history (see assign.c).
 */
int	store_next_task(struct store *, int64_t project_id, int64_t user_id,
	    int lease_seconds, struct task *t);

struct task_filter;
/* What a session's walk is limited to. */
struct next_where {
	int			 skipped_only;	/* only tasks they skipped */
	const struct task_filter *filter;	/* model/filter.h; NULL: all */
};

/*
 * store_next_task within where (NULL: none). The queue is: their live
 * lease or draft, the open tasks they have not annotated in order, then
 * the tasks they skipped, the one skipped longest ago first (a skip again
 * sends a task to the back), each where it still has room. skipped_only
 * walks that last part alone; a filter limits every part to the tasks it
 * matches (a filtered walk steps over the rows that do not match, so its
 * cost grows with how far the first match is).
 */
int	store_next_task_where(struct store *, int64_t project_id,
	    int64_t user_id, int lease_seconds, const struct next_where *where,
	    struct task *t);

/*
 * Renews user_id's lease on a task, or takes it again when it expired or
 * was never taken (a task Backspace reached) while the task has room.
 * Returns 1 when the lease is held, 0 when it is not (the task is full
 * with other people's sessions, or the person's annotation already counts:
 * no lease is needed then), -1 on error.
 */
int	store_lease_renew(struct store *, int64_t task_id, int64_t user_id,
	    int lease_seconds);
/* Gives the lease up (quit, skip, submit); 0 (also when there was none)
 * or -1. */
int	store_lease_release(struct store *, int64_t task_id, int64_t user_id);

struct actor;
/*
 * A manager's release of a task: the drafts on it (user_id's alone unless
 * 0) become skips, their results kept, so that the task goes to others;
 * their people find it at the end of their queues. Live leases on it go
 * too. One audited unit of work. *who: the names released, "alice, bob"
 * (the caller frees), NULL when nobody (or not user_id) holds it: then
 * nothing changed. 0 or -1.
 */
int	store_task_release(struct store *, const struct actor *,
	    int64_t task_id, int64_t user_id, char **who);

#endif
