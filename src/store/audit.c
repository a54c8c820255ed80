/* The audit log: one record for every write a command makes, in the same
 * transaction as the write, naming who did it and the real login behind
 * --as; read newest first (scalec log). And the database's first unit of
 * work, which makes its admin. */
#include <stdint.h>

#include "store/audit.h"
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

/* The acts whose object is not a project: the rest name theirs. */
#define NOT_PROJECT_ACTS \
	"'init', 'user add', 'user restore', 'user edit', 'user role'," \
	" 'user remove', 'inbox read'"

int
store_audit_each(struct store *st, const struct audit_filter *f,
    const struct page *page, int (*fn)(const struct audit_record *, void *),
    void *arg)
{
	static const struct page	 all = PAGE_ALL;
	static const struct audit_filter any;
	struct audit_record		 r;
	sqlite3_stmt			*stmt;
	int				 rc = SQLITE_DONE, stop = 0;

	if (f == NULL)
		f = &any;
	if (page == NULL)
		page = &all;
	/* Newest first down the rowid: a cursor and a limit cost nothing
	 * per record left out. */
	stmt = stmt_get(st, "SELECT a.id, a.at, u.name, r.name, a.action,"
	    " a.object, a.detail FROM audit AS a"
	    " LEFT JOIN user AS u ON u.id = a.user_id"
	    " LEFT JOIN user AS r ON r.id = a.real_user_id"
	    " WHERE a.id < ?1"
	    " AND (?2 IS NULL OR (a.object = ?2"
	    "  AND a.action NOT IN (" NOT_PROJECT_ACTS ")))"
	    " AND (?3 = 0 OR a.user_id = ?3 OR a.real_user_id = ?3)"
	    " AND (?4 IS NULL OR a.at >= ?4)"
	    " ORDER BY a.id DESC LIMIT ?5 OFFSET ?6");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, page->after > 0 ? page->after :
	    INT64_MAX);
	bind_text(stmt, 2, f->project);
	sqlite3_bind_int64(stmt, 3, f->user_id);
	bind_text(stmt, 4, f->since);
	sqlite3_bind_int64(stmt, 5, page->limit > 0 ? page->limit : -1);
	sqlite3_bind_int64(stmt, 6, page->offset);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(stmt, 0);
		r.at = (const char *)sqlite3_column_text(stmt, 1);
		r.user = (const char *)sqlite3_column_text(stmt, 2);
		r.real_user = (const char *)sqlite3_column_text(stmt, 3);
		r.action = (const char *)sqlite3_column_text(stmt, 4);
		r.object = (const char *)sqlite3_column_text(stmt, 5);
		r.detail = (const char *)sqlite3_column_text(stmt, 6);
		stop = fn(&r, arg);
	}
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "reading the audit log");
	return stop;
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
