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
/* Adds u (or restores a removed user of that name); sets u->id. An active
 * user of that name is reported ("already exists") and -1 returned. */
int	store_user_add(struct store *, struct user *u);
/* Writes display_name, email and role of u->id. */
int	store_user_update(struct store *, const struct user *u);
int	store_user_remove(struct store *, int64_t id);
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
