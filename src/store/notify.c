/* Notifications in the store (store/notify.h has the contract): the
 * writes the units of work make inside their own transactions, and the
 * inbox's reads and its one unit of work, marking read. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "store/notify.h"
#include "util/error.h"
#include "util/xmalloc.h"

static const struct {
	const char	*name;
	int		 batched;
} kinds[] = {
#define NOTIFY_ROW_(id, name, batched) { name, batched },
	NOTIFY_KINDS(NOTIFY_ROW_)
#undef NOTIFY_ROW_
};

const char *
notify_kind_name(enum notify_kind k)
{
	if ((int)k < 0 || k >= NOTIFY__COUNT)
		return NULL;
	return kinds[k].name;
}

int
notify_kind_from_name(const char *name)
{
	int	i;

	for (i = 0; name != NULL && i < NOTIFY__COUNT; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return i;
	return -1;
}

int
notify_kind_batched(enum notify_kind k)
{
	return notify_kind_name(k) != NULL && kinds[k].batched;
}

/* The recipient's next seq: one seek down notification_user. */
#define NEXT_SEQ_SQL	"(SELECT coalesce(max(seq), 0) + 1 FROM notification" \
	" WHERE user_id = ?1)"

int
notify_add(struct store *st, const struct notify_new *n)
{
	sqlite3_stmt	*stmt;

	if (notify_kind_name(n->kind) == NULL || notify_kind_batched(n->kind))
		return error("notify_add: kind %d is not a one-event kind",
		    (int)n->kind);
	if (n->user_id <= 0 || n->user_id == n->actor_id)
		return 0;
	stmt = stmt_get(st, "INSERT INTO notification (user_id, seq,"
	    " project_id, kind, actor_id, task_id, annotation_id, body,"
	    " created_at, updated_at) VALUES (?1, " NEXT_SEQ_SQL ", ?2, ?3,"
	    " ?4, ?5, ?6, ?7, " NOW_SQL ", " NOW_SQL ")");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, n->user_id);
	bind_positive(stmt, 2, n->project_id);
	bind_text(stmt, 3, notify_kind_name(n->kind));
	bind_positive(stmt, 4, n->actor_id);
	bind_positive(stmt, 5, n->task_id);
	bind_positive(stmt, 6, n->annotation_id);
	bind_text(stmt, 7, n->body != NULL ? n->body : "");
	return stmt_exec(st, stmt, "writing a notification");
}

/* Binds notify_batch's four parameters; -1 when stmt is NULL. */
static int
batch_bind(sqlite3_stmt *stmt, int64_t user_id, int64_t project_id,
    enum notify_kind kind, int64_t delta)
{
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, user_id);
	bind_positive(stmt, 2, project_id);
	bind_text(stmt, 3, notify_kind_name(kind));
	sqlite3_bind_int64(stmt, 4, delta);
	return 0;
}

int
notify_batch(struct store *st, int64_t user_id, int64_t project_id,
    enum notify_kind kind, int64_t delta)
{
	sqlite3_stmt	*stmt;

	if (!notify_kind_batched(kind) || delta < 1)
		return error("notify_batch: kind %d by %" PRId64 " is not a"
		    " batch", (int)kind, delta);
	if (user_id <= 0)
		return 0;
	/* The one unread row: notification_batch finds it. */
	stmt = stmt_get(st, "UPDATE notification SET count = count + ?4,"
	    " seq = " NEXT_SEQ_SQL ", updated_at = " NOW_SQL
	    " WHERE user_id = ?1 AND project_id IS ?2 AND kind = ?3"
	    " AND read_at IS NULL");
	if (batch_bind(stmt, user_id, project_id, kind, delta) == -1)
		return -1;
	if (stmt_exec(st, stmt, "counting a notification") == -1)
		return -1;
	if (stmt_changes(st) > 0)
		return 0;
	stmt = stmt_get(st, "INSERT INTO notification (user_id, seq,"
	    " project_id, kind, count, created_at, updated_at)"
	    " VALUES (?1, " NEXT_SEQ_SQL ", ?2, ?3, ?4, " NOW_SQL ", "
	    NOW_SQL ")");
	if (batch_bind(stmt, user_id, project_id, kind, delta) == -1)
		return -1;
	return stmt_exec(st, stmt, "writing a notification");
}

/*
 * The members of project ?1 whose role there is one of ROLES; where there
 * are none, the active users whose global role is GLOBAL and who are not
 * members there (a membership overrides the global role).
 */
#define HOLDERS_SQL(ROLES, GLOBAL)					\
	"SELECT m.user_id FROM member m JOIN user u ON u.id = m.user_id"	\
	" WHERE m.project_id = ?1 AND u.removed_at IS NULL"		\
	" AND m.role IN (" ROLES ")"					\
	" UNION ALL SELECT u.id FROM user u WHERE u.removed_at IS NULL"	\
	" AND u.role = '" GLOBAL "' AND NOT EXISTS (SELECT 1 FROM member m" \
	"  WHERE m.project_id = ?1 AND m.user_id = u.id)"		\
	" AND NOT EXISTS (SELECT 1 FROM member m JOIN user v"		\
	"  ON v.id = m.user_id WHERE m.project_id = ?1"			\
	"  AND v.removed_at IS NULL AND m.role IN (" ROLES "))"		\
	" ORDER BY 1"

static int
holders_walk(struct store *st, sqlite3_stmt *stmt, int64_t project_id,
    int (*fn)(int64_t, void *), void *arg)
{
	int	rc = SQLITE_DONE, stop = 0;

	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(stmt, 0), arg);
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "finding whom to notify");
	return stop;
}

int
notify_each_reviewer(struct store *st, int64_t project_id,
    int (*fn)(int64_t, void *), void *arg)
{
	return holders_walk(st, stmt_get(st, HOLDERS_SQL(
	    "'reviewer', 'manager', 'admin'", "reviewer")), project_id, fn,
	    arg);
}

int
notify_each_manager(struct store *st, int64_t project_id,
    int (*fn)(int64_t, void *), void *arg)
{
	return holders_walk(st, stmt_get(st, HOLDERS_SQL(
	    "'manager', 'admin'", "manager")), project_id, fn, arg);
}

struct batch_arg {
	struct store		*st;
	int64_t			 project_id;
	enum notify_kind	 kind;
	int64_t			 delta;
	int64_t			 except;
};

static int
batch_one(int64_t user_id, void *arg)
{
	struct batch_arg	*b = arg;

	if (user_id == b->except)
		return 0;
	return notify_batch(b->st, user_id, b->project_id, b->kind,
	    b->delta) == -1 ? -1 : 0;
}

int
notify_reviewers(struct store *st, int64_t project_id,
    enum notify_kind kind, int64_t delta, int64_t except_user)
{
	struct batch_arg	b = { st, project_id, kind, delta, except_user };

	return notify_each_reviewer(st, project_id, batch_one, &b) == -1 ?
	    -1 : 0;
}

struct add_arg {
	struct store		*st;
	const struct notify_new	*n;
};

static int
add_one(int64_t user_id, void *arg)
{
	struct add_arg		*a = arg;
	struct notify_new	 n = *a->n;

	n.user_id = user_id;
	return notify_add(a->st, &n) == -1 ? -1 : 0;
}

int
notify_managers(struct store *st, const struct notify_new *n)
{
	struct add_arg	a = { st, n };

	return notify_each_manager(st, n->project_id, add_one, &a) == -1 ?
	    -1 : 0;
}

int
notify_project_done(struct store *st, int64_t project_id, int64_t actor_id)
{
	sqlite3_stmt		*stmt;
	struct notify_new	 n = { .project_id = project_id,
	    .kind = NOTIFY_PROJECT_DONE, .actor_id = actor_id };
	char			*body;
	int64_t			 total;
	int			 rc;

	stmt = stmt_get(st, "SELECT task_count FROM project WHERE id = ?"
	    " AND task_count > 0 AND done_count >= task_count");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading a project's progress")) != 1)
		return rc;
	total = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	body = xasprintf("%" PRId64 " task%s", total, total == 1 ? "" : "s");
	n.body = body;
	rc = notify_managers(st, &n);
	free(body);
	return rc;
}

/* A person's notifications (?1), and the window: older than the one of
 * id ?2 (none: from the newest), ?3 of them from ?4 on. */
#define INBOX_SELECT "SELECT n.id, n.seq, n.kind, p.id,"		\
	" coalesce(p.name, ''), a.name, n.task_id, n.annotation_id, n.body," \
	" n.count, n.created_at, n.updated_at, n.read_at"		\
	" FROM notification n LEFT JOIN project p ON p.id = n.project_id" \
	" LEFT JOIN user a ON a.id = n.actor_id WHERE n.user_id = ?1"
#define INBOX_WINDOW " AND n.seq < coalesce((SELECT seq FROM notification" \
	" WHERE id = ?2 AND user_id = ?1), 9223372036854775807)"	\
	" ORDER BY n.seq DESC LIMIT ?3 OFFSET ?4"

int
store_inbox_each(struct store *st, int64_t user_id, int all,
    const struct page *page, int (*fn)(const struct notification *, void *),
    void *arg)
{
	static const struct page	 whole = PAGE_ALL;
	struct notification		 n;
	sqlite3_stmt			*stmt;
	int				 rc = SQLITE_DONE, stop = 0;

	if (page == NULL)
		page = &whole;
	/* Down notification_unread or notification_user from the newest:
	 * a cursor and a limit cost nothing per row left out. */
	if (all)
		stmt = stmt_get(st, INBOX_SELECT INBOX_WINDOW);
	else
		stmt = stmt_get(st, INBOX_SELECT " AND n.read_at IS NULL"
		    INBOX_WINDOW);
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, page->after);
	sqlite3_bind_int64(stmt, 3, page->limit > 0 ? page->limit : -1);
	sqlite3_bind_int64(stmt, 4, page->offset);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		n.id = sqlite3_column_int64(stmt, 0);
		n.seq = sqlite3_column_int64(stmt, 1);
		n.kind = (const char *)sqlite3_column_text(stmt, 2);
		n.project_id = sqlite3_column_int64(stmt, 3);
		n.project = (const char *)sqlite3_column_text(stmt, 4);
		n.actor = (const char *)sqlite3_column_text(stmt, 5);
		n.task_id = sqlite3_column_int64(stmt, 6);
		n.annotation_id = sqlite3_column_int64(stmt, 7);
		n.body = (const char *)sqlite3_column_text(stmt, 8);
		n.count = sqlite3_column_int64(stmt, 9);
		n.created_at = (const char *)sqlite3_column_text(stmt, 10);
		n.updated_at = (const char *)sqlite3_column_text(stmt, 11);
		n.read_at = (const char *)sqlite3_column_text(stmt, 12);
		stop = fn(&n, arg);
	}
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "reading the inbox");
	return stop;
}

int
store_inbox_unread(struct store *st, int64_t user_id, int64_t *count,
    int64_t *max_seq)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*), coalesce(max(seq), 0)"
	    " FROM notification INDEXED BY notification_unread"
	    " WHERE user_id = ? AND read_at IS NULL");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, user_id);
	if (stmt_row(st, stmt, "counting unread notifications") != 1)
		return -1;
	*count = sqlite3_column_int64(stmt, 0);
	*max_seq = sqlite3_column_int64(stmt, 1);
	sqlite3_reset(stmt);
	return 0;
}

/* Marks id read when it is user_id's: 1 marked, 0 read already, -1 after
 * reporting (not theirs, or an error). */
static int
inbox_mark_one(struct store *st, int64_t user_id, int64_t id)
{
	sqlite3_stmt	*stmt;
	int		 r;

	stmt = stmt_get(st, "SELECT read_at IS NULL FROM notification"
	    " WHERE id = ? AND user_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if ((r = stmt_row(st, stmt, "reading a notification")) != 1)
		return r == 0 ? error("no notification %" PRId64 " of yours",
		    id) : -1;
	r = sqlite3_column_int(stmt, 0);
	sqlite3_reset(stmt);
	if (!r)
		return 0;
	stmt = stmt_get(st, "UPDATE notification SET read_at = " NOW_SQL
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_exec(st, stmt, "marking a notification read") == -1 ?
	    -1 : 1;
}

int
store_inbox_mark(struct store *st, const struct actor *a,
    const int64_t *ids, int n)
{
	sqlite3_stmt	*stmt;
	char		*detail;
	int		 i, own, r, rc = 0;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (ids == NULL) {
		stmt = stmt_get(st, "UPDATE notification SET read_at = "
		    NOW_SQL " WHERE user_id = ? AND read_at IS NULL");
		if (stmt == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(stmt, 1, a->user_id);
			if (stmt_exec(st, stmt, "marking notifications read")
			    == -1)
				rc = -1;
			else
				rc = stmt_changes(st);
		}
	}
	for (i = 0; ids != NULL && i < n && rc != -1; i++) {
		if ((r = inbox_mark_one(st, a->user_id, ids[i])) == -1)
			rc = -1;
		else
			rc += r;
	}
	if (rc > 0) {
		detail = xasprintf("%d", rc);
		if (audit_write(st, a, "inbox read", "", detail) == -1)
			rc = -1;
		free(detail);
	}
	return tx_leave(st, own, rc);
}
