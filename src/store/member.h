/* Project membership: a role inside one project that overrides the global
 * role there. */
#ifndef SCALEC_STORE_MEMBER_H
#define SCALEC_STORE_MEMBER_H

#include <stdint.h>

#include "model/role.h"

struct store;

/* The member's role in the project, or ROLE_NONE when not a member. */
enum role	store_member_role(struct store *, int64_t project_id,
		    int64_t user_id);

#endif
