/* Users in the store. A removed user keeps their row, so that their
 * annotations stay theirs; adding the name again restores it. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/near.h"
#include "store/rows.h"
#include "store/user.h"
#include "util/buf.h"
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

/* The one user sql (a literal, for the statement cache) finds by name. */
static int
user_by_name(struct store *st, const char *sql, const char *name,
    struct user *u)
{
	sqlite3_stmt	*stmt;

	if ((stmt = stmt_get(st, sql)) == NULL)
		return -1;
	bind_text(stmt, 1, name);
	return user_get_one(st, stmt, u);
}

int
store_user_get(struct store *st, const char *name, struct user *u)
{
	return user_by_name(st, "SELECT " USER_COLUMNS " FROM user WHERE"
	    " name = ?", name, u);
}

int
store_user_case_twin(struct store *st, const char *name, struct user *u)
{
	/* NOCASE folds ASCII only, which is all a user name may hold. */
	return user_by_name(st, "SELECT " USER_COLUMNS " FROM user WHERE"
	    " name = ?1 COLLATE NOCASE AND name <> ?1 ORDER BY id LIMIT 1",
	    name, u);
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

	stmt = stmt_get(st, "SELECT count(*) FROM user WHERE removed_at IS NULL");
	if (stmt == NULL)
		return -1;
	return stmt_int64(st, stmt, "counting users");
}

int64_t
store_user_admin_count(struct store *st)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*) FROM user WHERE removed_at IS NULL"
	    " AND role = 'admin'");
	if (stmt == NULL)
		return -1;
	return stmt_int64(st, stmt, "counting admins");
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

/* The active user called name into *u; "no user" for none or removed. */
static int
active_user(struct store *st, const char *name, struct user *u)
{
	int	rc;

	if ((rc = store_user_get(st, name, u)) == -1)
		return -1;
	if (rc == 0 || u->removed)
		return store_no_user(st, "", name, "'scalec user list' shows"
		    " them");
	return 0;
}

/* Refuses to take away the last admin's role (or the admin). */
static int
not_last_admin(struct store *st, const struct user *u, const char *doing)
{
	int64_t	n;

	if (u->role != ROLE_ADMIN)
		return 0;
	if ((n = store_user_admin_count(st)) == -1)
		return -1;
	if (n <= 1)
		return error("cannot %s %s: they are the last admin; make"
		    " another user admin first", doing, u->name);
	return 0;
}

/* The given string, else the known one, else "". */
static char *
given_or(const char *given, const char *known)
{
	return xstrdup(given != NULL ? given : known != NULL ? known : "");
}

int
store_user_create(struct store *st, const struct actor *a, const char *name,
    const struct user_change *ch, struct user *u, int *restored)
{
	struct user	 old = USER_INIT, nu = USER_INIT;
	int		 own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (store_user_get(st, name, &old) == -1)
		goto out;
	/* Restoring keeps what was known, unless told otherwise. */
	*restored = old.removed;
	nu.name = xstrdup(name);
	nu.role = ch->role != ROLE_NONE ? ch->role : *restored ? old.role :
	    ROLE_ANNOTATOR;
	nu.email = given_or(ch->email, *restored ? old.email : NULL);
	nu.display_name = given_or(ch->display_name, *restored ?
	    old.display_name : NULL);
	if (store_user_add(st, &nu) == -1 || audit_write(st, a, *restored ?
	    "user restore" : "user add", name, role_name(nu.role)) == -1 ||
	    store_user_get_id(st, nu.id, u) != 1)
		goto out;
	rc = 0;
out:
	user_release(&old);
	user_release(&nu);
	return tx_leave(st, own, rc);
}

int
store_user_change(struct store *st, const struct actor *a, const char *name,
    const struct user_change *ch, const char *action, struct user *before,
    struct user *after)
{
	struct user	 u = USER_INIT, was = USER_INIT;
	struct buf	 detail = BUF_INIT;
	int		 own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (active_user(st, name, &u) == -1 ||
	    store_user_get_id(st, u.id, &was) != 1)
		goto out;
	if (ch->role != ROLE_NONE && ch->role != u.role) {
		if (ch->role != ROLE_ADMIN &&
		    not_last_admin(st, &u, "demote") == -1)
			goto out;
		buf_printf(&detail, "role %s -> %s", role_name(u.role),
		    role_name(ch->role));
		u.role = ch->role;
	}
	if (ch->email != NULL && strcmp(ch->email, u.email) != 0) {
		buf_printf(&detail, "%semail", detail.len ? "; " : "");
		free(u.email);
		u.email = xstrdup(ch->email);
	}
	if (ch->display_name != NULL &&
	    strcmp(ch->display_name, u.display_name) != 0) {
		buf_printf(&detail, "%sdisplay name", detail.len ? "; " : "");
		free(u.display_name);
		u.display_name = xstrdup(ch->display_name);
	}
	if (detail.len > 0 && (store_user_update(st, &u) == -1 ||
	    audit_write(st, a, action, u.name, buf_str(&detail)) == -1))
		goto out;
	if (after != NULL && store_user_get_id(st, u.id, after) != 1)
		goto out;
	if (before != NULL) {
		user_release(before);
		*before = was;
		was = (struct user)USER_INIT;
	}
	rc = 0;
out:
	buf_release(&detail);
	user_release(&u);
	user_release(&was);
	return tx_leave(st, own, rc);
}

int
store_user_retire(struct store *st, const struct actor *a, const char *name,
    struct user *u, struct state_counts *n)
{
	int	own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (active_user(st, name, u) == -1 ||
	    not_last_admin(st, u, "remove") == -1)
		goto out;
	if (u->id == a->user_id || u->id == a->real_id) {
		error("cannot remove %s: that is you; another admin can",
		    u->name);
		goto out;
	}
	if (store_user_counts(st, u->id, n) == -1 ||
	    store_user_remove(st, u->id) == -1 ||
	    audit_write(st, a, "user remove", u->name, role_name(u->role)) ==
	    -1 || store_user_get_id(st, u->id, u) != 1)
		goto out;
	rc = 0;
out:
	return tx_leave(st, own, rc);
}
