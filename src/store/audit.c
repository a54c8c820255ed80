/* The audit log: one record for every write a command makes, in the same
 * transaction as the write, naming who did it and the real login behind
 * --as. And the database's first unit of work, which makes its admin. */
#include "store/internal.h"
#include "store/user.h"
#include "store/rows.h"
#include "util/error.h"
#include "util/xmalloc.h"

int
audit_write(struct store *st, const struct actor *a, const char *action,
    const char *object, const char *detail)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO audit (at, user_id, real_user_id,"
	    " action, object, detail) VALUES (" NOW_SQL ", ?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return -1;
	if (a != NULL && a->user_id > 0)
		sqlite3_bind_int64(stmt, 1, a->user_id);
	if (a != NULL && a->real_id > 0)
		sqlite3_bind_int64(stmt, 2, a->real_id);
	bind_text(stmt, 3, action);
	bind_text(stmt, 4, object != NULL ? object : "");
	bind_text(stmt, 5, detail != NULL ? detail : "");
	return stmt_exec(st, stmt, "writing the audit log");
}

int
store_init(struct store *st, const char *login)
{
	struct user	 admin = USER_INIT;
	struct actor	 a;
	int64_t		 n;
	int		 own, rc = -1;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((n = store_user_count(st)) != 0) {
		if (n > 0)
			error("%s: already initialised; 'scalec whoami' says"
			    " who you are in it", store_path(st));
		goto out;
	}
	admin.name = xstrdup(login);
	admin.role = ROLE_ADMIN;
	if (store_user_add(st, &admin) == -1)
		goto out;
	a.user_id = a.real_id = admin.id;
	rc = audit_write(st, &a, "init", store_path(st), "");
out:
	user_release(&admin);
	return tx_leave(st, own, rc);
}
