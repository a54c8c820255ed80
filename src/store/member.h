/* Project membership: a role inside one project that overrides the global
 * role there. A removed user's memberships are deleted with them. */
#ifndef SCALEC_STORE_MEMBER_H
#define SCALEC_STORE_MEMBER_H

#include <stdint.h>

#include "model/role.h"

struct store;

/* One membership, with the names of both sides for printing. */
struct member {
	int64_t		 project_id;
	char		*project;	/* the project's name */
	int64_t		 user_id;
	char		*user;		/* the user's name */
	char		*display_name;	/* the user's */
	enum role	 role;		/* the role in this project */
	enum role	 global_role;	/* the user's global role */
	char		*created_at;
};

#define MEMBER_INIT { 0, NULL, 0, NULL, NULL, ROLE_NONE, ROLE_NONE, NULL }

void		member_release(struct member *);

/* The member's role in the project, or ROLE_NONE when not a member. */
enum role	store_member_role(struct store *, int64_t project_id,
		    int64_t user_id);
struct actor;
/* Gives the user role in the project, audited with the role before (was,
 * ROLE_NONE for a new member), and tells them (member_added or
 * member_role, store/notify.h) unless they gave it themselves or the role
 * is the same: one unit of work. 0 or -1. */
int		store_member_grant(struct store *, const struct actor *,
		    int64_t project_id, const char *project, int64_t user_id,
		    const char *user, enum role role, enum role was);
/* Ends the membership, audited: 1, 0 when there was none, -1. */
int		store_member_revoke(struct store *, const struct actor *,
		    int64_t project_id, const char *project, int64_t user_id,
		    const char *user);
/* Calls fn for each member of a project, by user name; stops on non-zero,
 * returning it. The member is borrowed for the call. */
int		store_member_each(struct store *, int64_t project_id,
		    int (*fn)(const struct member *, void *), void *arg);
/* The same for each project a user is a member of, by project name. */
int		store_member_each_of_user(struct store *, int64_t user_id,
		    int (*fn)(const struct member *, void *), void *arg);

#endif
