/* Names near a word: one query per kind, bounded by length in SQL, the
 * distance computed on the borrowed text of each row. */
#include <string.h>

#include "store/internal.h"
#include "store/near.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/suggest.h"
#include "util/utf8.h"

static int
near(struct store *st, sqlite3_stmt *stmt, struct suggest *s,
    const char *what)
{
	const unsigned char	*name;
	size_t			 len = utf8_count(s->word, strlen(s->word));
	int			 rc;

	if (stmt == NULL)
		return -1;
	/* SQLite's length() counts characters, as the distance does. */
	sqlite3_bind_int64(stmt, 1, len > s->limit ?
	    (sqlite3_int64)(len - s->limit) : 0);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)(len + s->limit));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if ((name = sqlite3_column_text(stmt, 0)) != NULL)
			suggest_add(s, (const char *)name);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, what);
	return 0;
}

int
store_user_near(struct store *st, struct suggest *s)
{
	return near(st, stmt_get(st, "SELECT name FROM user"
	    " WHERE removed_at IS NULL AND length(name) BETWEEN ? AND ?"
	    " ORDER BY name"), s, "looking for users by name");
}

int
store_project_near(struct store *st, struct suggest *s)
{
	return near(st, stmt_get(st, "SELECT name FROM project"
	    " WHERE length(name) BETWEEN ? AND ? ORDER BY name"), s,
	    "looking for projects by name");
}

static int
no_such(struct store *st, int (*find)(struct store *, struct suggest *),
    const char *kind, const char *what, const char *name,
    const char *otherwise)
{
	struct suggest	s;
	struct buf	b = BUF_INIT;

	suggest_init(&s, name);
	buf_printf(&b, "%sno %s '%s'; ", what, kind, name);
	if (find(st, &s) == -1 || !suggest_text(&s, &b))
		buf_addstr(&b, otherwise);
	error("%s", buf_str(&b));
	suggest_release(&s);
	buf_release(&b);
	return -1;
}

int
store_no_user(struct store *st, const char *what, const char *name,
    const char *otherwise)
{
	return no_such(st, store_user_near, "user", what, name, otherwise);
}

int
store_no_project(struct store *st, const char *what, const char *name,
    const char *otherwise)
{
	return no_such(st, store_project_near, "project", what, name,
	    otherwise);
}
