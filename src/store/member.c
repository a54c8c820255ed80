/* Project membership in the store. */
#include <stdlib.h>

#include "store/internal.h"
#include "store/member.h"

enum role
store_member_role(struct store *st, int64_t project_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;
	enum role	 r = ROLE_NONE;

	stmt = stmt_get(st, "SELECT role FROM member WHERE project_id = ?"
	    " AND user_id = ?");
	if (stmt == NULL)
		return ROLE_NONE;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		r = role_from_name((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_reset(stmt);
	return r;
}
