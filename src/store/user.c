/* Users in the store. A removed user keeps their row, so that their
 * annotations stay theirs; adding the name again restores it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/user.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define USER_COLUMNS "id, name, display_name, email, role, removed_at, " \
	"created_at, updated_at"

void
user_release(struct user *u)
{
	free(u->name);
	free(u->display_name);
	free(u->email);
	free(u->created_at);
	free(u->updated_at);
	free(u->removed_at);
	*u = (struct user)USER_INIT;
}

static void
user_from_row(sqlite3_stmt *stmt, struct user *u)
{
	char	*role;

	user_release(u);
	u->id = sqlite3_column_int64(stmt, 0);
	u->name = column_dup0(stmt, 1);
	u->display_name = column_dup0(stmt, 2);
	u->email = column_dup0(stmt, 3);
	role = column_dup0(stmt, 4);
	u->role = role_from_name(role);
	free(role);
	u->removed_at = column_dup(stmt, 5);
	u->removed = u->removed_at != NULL;
	u->created_at = column_dup0(stmt, 6);
	u->updated_at = column_dup0(stmt, 7);
}

static int
user_get_one(struct store *st, sqlite3_stmt *stmt, struct user *u)
{
	int	rc;

	if ((rc = stmt_row(st, stmt, "reading a user")) == 1) {
		user_from_row(stmt, u);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_user_get(struct store *st, const char *name, struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT " USER_COLUMNS " FROM user WHERE name = ?");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, name);
	return user_get_one(st, stmt, u);
}

int
store_user_get_id(struct store *st, int64_t id, struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT " USER_COLUMNS " FROM user WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return user_get_one(st, stmt, u);
}

int
store_user_add(struct store *st, struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO user (name, display_name, email, role,"
	    " created_at, updated_at) VALUES (?, ?, ?, ?, " NOW_SQL ", "
	    NOW_SQL ") ON CONFLICT (name) DO UPDATE SET removed_at = NULL,"
	    " display_name = excluded.display_name, email = excluded.email,"
	    " role = excluded.role, updated_at = excluded.updated_at"
	    " WHERE removed_at IS NOT NULL RETURNING id");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, u->name);
	bind_text(stmt, 2, u->display_name != NULL ? u->display_name : "");
	bind_text(stmt, 3, u->email != NULL ? u->email : "");
	bind_text(stmt, 4, role_name(u->role));
	switch (sqlite3_step(stmt)) {
	case SQLITE_ROW:
		break;
	case SQLITE_DONE:
		/* The upsert's WHERE left an active user alone. */
		sqlite3_reset(stmt);
		return error("user '%s' already exists", u->name);
	default:
		sqlite3_reset(stmt);
		return store_error(st, "adding a user");
	}
	u->id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return 0;
}

int
store_user_update(struct store *st, const struct user *u)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE user SET display_name = ?, email = ?,"
	    " role = ?, updated_at = " NOW_SQL " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, u->display_name != NULL ? u->display_name : "");
	bind_text(stmt, 2, u->email != NULL ? u->email : "");
	bind_text(stmt, 3, role_name(u->role));
	sqlite3_bind_int64(stmt, 4, u->id);
	return stmt_exec(st, stmt, "updating a user");
}

int
store_user_remove(struct store *st, int64_t id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE user SET removed_at = " NOW_SQL ","
	    " updated_at = " NOW_SQL " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (stmt_exec(st, stmt, "removing a user") == -1)
		return -1;
	stmt = stmt_get(st, "DELETE FROM member WHERE user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_exec(st, stmt, "removing a user's memberships");
}

int64_t
store_user_count(struct store *st)
{
	sqlite3_stmt	*stmt;
	int64_t		 n = -1;

	stmt = stmt_get(st, "SELECT count(*) FROM user WHERE removed_at IS NULL");
	if (stmt == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return n;
}

int64_t
store_user_admin_count(struct store *st)
{
	sqlite3_stmt	*stmt;
	int64_t		 n = -1;

	stmt = stmt_get(st, "SELECT count(*) FROM user WHERE removed_at IS NULL"
	    " AND role = 'admin'");
	if (stmt == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (n == -1)
		return store_error(st, "counting admins");
	return n;
}

int
store_user_counts(struct store *st, int64_t id, struct state_counts *n)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT state, count(*) FROM annotation"
	    " WHERE user_id = ? GROUP BY state");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_state_counts(st, stmt, n, "counting a user's annotations");
}

int
store_user_each(struct store *st, int (*fn)(const struct user *, void *),
    void *arg)
{
	return store_user_list(st, 0, fn, arg);
}

int
store_user_list(struct store *st, int all,
    int (*fn)(const struct user *, void *), void *arg)
{
	sqlite3_stmt	*stmt;
	struct user	 u = USER_INIT;
	int		 rc = SQLITE_DONE, stop = 0;

	stmt = stmt_get(st, "SELECT " USER_COLUMNS " FROM user"
	    " WHERE removed_at IS NULL OR ? ORDER BY name");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, all != 0);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		user_from_row(stmt, &u);
		stop = fn(&u, arg);
	}
	user_release(&u);
	if (!stop && rc != SQLITE_DONE) {
		sqlite3_reset(stmt);
		return store_error(st, "listing users");
	}
	sqlite3_reset(stmt);
	return stop;
}
