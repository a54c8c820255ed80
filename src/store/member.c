/* Project membership in the store. */
#include <stdlib.h>

#include "store/internal.h"
#include "store/member.h"
#include "store/notify.h"
#include "store/rows.h"
#include "util/xmalloc.h"

#define MEMBER_SELECT "SELECT m.project_id, p.name, m.user_id, u.name," \
	" u.display_name, m.role, u.role, m.created_at FROM member m" \
	" JOIN project p ON p.id = m.project_id" \
	" JOIN user u ON u.id = m.user_id"

void
member_release(struct member *m)
{
	free(m->project);
	free(m->user);
	free(m->display_name);
	free(m->created_at);
	*m = (struct member)MEMBER_INIT;
}

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

int
store_member_set(struct store *st, int64_t project_id, int64_t user_id,
    enum role role)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO member (project_id, user_id, role,"
	    " created_at) VALUES (?, ?, ?, " NOW_SQL ")"
	    " ON CONFLICT (project_id, user_id)"
	    " DO UPDATE SET role = excluded.role");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	bind_text(stmt, 3, role_name(role));
	return stmt_exec(st, stmt, "adding a member");
}

int
store_member_remove(struct store *st, int64_t project_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM member WHERE project_id = ?"
	    " AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if (stmt_exec(st, stmt, "removing a member") == -1)
		return -1;
	return stmt_changes(st) > 0;
}

static void
member_from_row(sqlite3_stmt *stmt, struct member *m)
{
	member_release(m);
	m->project_id = sqlite3_column_int64(stmt, 0);
	m->project = column_dup0(stmt, 1);
	m->user_id = sqlite3_column_int64(stmt, 2);
	m->user = column_dup0(stmt, 3);
	m->display_name = column_dup0(stmt, 4);
	m->role = role_from_name((const char *)sqlite3_column_text(stmt, 5));
	m->global_role = role_from_name((const char *)
	    sqlite3_column_text(stmt, 6));
	m->created_at = column_dup0(stmt, 7);
}

/* Steps stmt (its one parameter bound) through fn. */
static int
member_walk(struct store *st, sqlite3_stmt *stmt,
    int (*fn)(const struct member *, void *), void *arg)
{
	struct member	 m = MEMBER_INIT;
	int		 rc = SQLITE_DONE, stop = 0;

	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		member_from_row(stmt, &m);
		stop = fn(&m, arg);
	}
	member_release(&m);
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "listing members");
	return stop;
}

int
store_member_each(struct store *st, int64_t project_id,
    int (*fn)(const struct member *, void *), void *arg)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, MEMBER_SELECT " WHERE m.project_id = ?"
	    " ORDER BY u.name");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	return member_walk(st, stmt, fn, arg);
}

int
store_member_each_of_user(struct store *st, int64_t user_id,
    int (*fn)(const struct member *, void *), void *arg)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, MEMBER_SELECT " WHERE m.user_id = ?"
	    " ORDER BY p.name");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, user_id);
	return member_walk(st, stmt, fn, arg);
}

int
store_member_grant(struct store *st, const struct actor *a,
    int64_t project_id, const char *project, int64_t user_id,
    const char *user, enum role role, enum role was)
{
	struct notify_new	 n = { .user_id = user_id,
	    .project_id = project_id, .kind = was == ROLE_NONE ?
	    NOTIFY_MEMBER_ADDED : NOTIFY_MEMBER_ROLE, .actor_id = a->user_id };
	char			*body, *detail;
	int			 own, rc;

	/* The audit's detail is "USER ROLE" or "USER OLD -> NEW"; what
	 * they are told is the part after their name. */
	if (was == ROLE_NONE)
		body = xstrdup(role_name(role));
	else
		body = xasprintf("%s -> %s", role_name(was), role_name(role));
	detail = xasprintf("%s %s", user, body);
	n.body = body;
	if (tx_enter(st, &own) == -1) {
		free(body);
		free(detail);
		return -1;
	}
	rc = store_member_set(st, project_id, user_id, role) == -1 ||
	    audit_write(st, a, "member add", project, detail) == -1 ||
	    (role != was && notify_add(st, &n) == -1) ? -1 : 0;
	free(body);
	free(detail);
	return tx_leave(st, own, rc);
}

int
store_member_revoke(struct store *st, const struct actor *a,
    int64_t project_id, const char *project, int64_t user_id,
    const char *user)
{
	int	own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	rc = store_member_remove(st, project_id, user_id);
	if (rc == 1 && audit_write(st, a, "member remove", project, user) ==
	    -1)
		rc = -1;
	return tx_leave(st, own, rc);
}
