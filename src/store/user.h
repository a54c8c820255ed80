/* Users in the store. A removed user keeps their row (removed_at set) so
 * their annotations stay attributed. */
#ifndef SCALEC_STORE_USER_H
#define SCALEC_STORE_USER_H

#include <stdint.h>

#include "model/role.h"
#include "model/state.h"

struct store;

struct user {
	int64_t		 id;
	char		*name;		/* the login name */
	char		*display_name;
	char		*email;
	enum role	 role;		/* global role */
	int		 removed;
	char		*created_at;	/* ISO-8601 UTC */
	char		*updated_at;
	char		*removed_at;	/* NULL unless removed */
};

#define USER_INIT { 0, NULL, NULL, NULL, ROLE_NONE, 0, NULL, NULL, NULL }

void	user_release(struct user *);

/* 1 and *u filled when found (removed users too), 0 when not, -1 on error. */
int	store_user_get(struct store *, const char *name, struct user *u);
int	store_user_get_id(struct store *, int64_t id, struct user *u);
/* 1 and *u filled when a user (removed users too) has a name that differs
 * from name only in case ("Bob" beside "bob"), 0 when none, -1 on error. */
int	store_user_case_twin(struct store *, const char *name, struct user *u);
/* What adding or changing a user sets: NULL and ROLE_NONE for "not
 * given". */
struct user_change {
	enum role	 role;
	const char	*email;
	const char	*display_name;
};

#define USER_CHANGE_INIT { ROLE_NONE, NULL, NULL }

struct actor;
/*
 * Adds the user called name, or restores a removed one, keeping what was
 * known of them where ch does not say (a new user is an annotator), as
 * one audited unit of work. *u is the user as written; *restored says
 * which. An active user of that name is refused ("already exists").
 */
int	store_user_create(struct store *, const struct actor *,
	    const char *name, const struct user_change *ch, struct user *u,
	    int *restored);
/*
 * Changes the active user called name as ch says (audited as action, with
 * what changed), refusing to demote the last admin. *before and *after
 * are the user before and after (either may be NULL). 0 or -1.
 */
int	store_user_change(struct store *, const struct actor *,
	    const char *name, const struct user_change *ch, const char *action,
	    struct user *before, struct user *after);
/*
 * Removes the active user called name (the row and their annotations
 * stay, their memberships go), refusing the last admin and the actor
 * themselves. *u is the user, *n their annotations by state. 0 or -1.
 */
int	store_user_retire(struct store *, const struct actor *,
	    const char *name, struct user *u, struct state_counts *n);
/* Number of users that are not removed; -1 on error. */
int64_t	store_user_count(struct store *);
/* Number of admins that are not removed; -1 on error. */
int64_t	store_user_admin_count(struct store *);
/* Fills *n with the user's annotations by state; 0 or -1. */
int	store_user_counts(struct store *, int64_t id, struct state_counts *n);

/* Calls fn for each user that is not removed, by name; stops on non-zero,
 * returning it. */
int	store_user_each(struct store *, int (*fn)(const struct user *, void *),
	    void *arg);
/* The same, removed users too when all is non-zero. */
int	store_user_list(struct store *, int all,
	    int (*fn)(const struct user *, void *), void *arg);

#endif
