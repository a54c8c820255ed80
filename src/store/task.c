/* Tasks in the store. Listing walks one row at a time, so a project of a
 * million tasks costs the same memory as one of ten. Counters on the
 * project are the caller's to keep (store_project_recount). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "store/internal.h"
#include "store/project.h"
#include "store/rows.h"
#include "store/task.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Of task t joined to its project p: the task's columns (its content as
 * readers see it: TASK_LIVE), then whether it is done (TASK_DONE_SQL: the overlap met, and what a review policy
 * holds back). */
#define TASK_COLUMNS "t.id, t.project_id, t.ext_id, " TASK_LIVE("t", "kind") \
	", " TASK_LIVE("t", "text") ", " TASK_LIVE("t", "image") ", "	\
	TASK_LIVE("t", "width") ", " TASK_LIVE("t", "height") ", t.source, " \
	TASK_LIVE("t", "meta") ", t.gold, t.priority,"			\
	" t.submitted, t.created_at, " TASK_DONE_SQL("t", "p") ", "	\
	TASK_LIVE("t", "tokens") ", t.wanted, t.is_gold"
#define TASK_FROM " FROM task t JOIN project p ON p.id = t.project_id"	\
	TASK_LIVE_JOIN("t")

void
task_answer_task(const struct task *t, struct answer_task *at)
{
	memset(at, 0, sizeof *at);
	at->text = t->text;
	at->text_len = t->text != NULL ? strlen(t->text) : 0;
	at->width = t->width;
	at->height = t->height;
}

void
task_release(struct task *t)
{
	free(t->ext_id);
	free(t->kind);
	free(t->text);
	free(t->image);
	free(t->source);
	free(t->meta);
	free(t->gold);
	free(t->created_at);
	free(t->holders);
	free(t->tokens);
	*t = (struct task)TASK_INIT;
}

static void
task_from_row(sqlite3_stmt *stmt, struct task *t)
{
	task_release(t);
	t->id = sqlite3_column_int64(stmt, 0);
	t->project_id = sqlite3_column_int64(stmt, 1);
	t->ext_id = column_dup(stmt, 2);
	t->kind = column_dup0(stmt, 3);
	t->text = column_dup(stmt, 4);
	t->image = column_dup(stmt, 5);
	t->width = sqlite3_column_int(stmt, 6);
	t->height = sqlite3_column_int(stmt, 7);
	t->source = column_dup(stmt, 8);
	t->meta = column_dup(stmt, 9);
	t->gold = column_dup(stmt, 10);
	t->priority = sqlite3_column_int(stmt, 11);
	t->submitted = sqlite3_column_int(stmt, 12);
	t->created_at = column_dup0(stmt, 13);
	t->done = sqlite3_column_int(stmt, 14);
	t->tokens = column_dup(stmt, 15);
	t->wanted = sqlite3_column_int(stmt, 16);
	t->is_gold = sqlite3_column_int(stmt, 17);
}

int
store_task_add(struct store *st, struct task *t)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	/* The text's content hash as import writes it (util/hash.h): for a
	 * task without an id. */
	stmt = stmt_get(st, "INSERT INTO task (project_id, ext_id, kind, text,"
	    " image, width, height, source, meta, gold, priority, created_at,"
	    " content_hash, is_gold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    NOW_SQL ", CASE WHEN ?2 IS NULL THEN scalec_hash(?4) END,"
	    " ?10 IS NOT NULL) RETURNING id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, t->project_id);
	bind_text(stmt, 2, t->ext_id);
	bind_text(stmt, 3, t->kind);
	bind_text(stmt, 4, t->text);
	bind_text(stmt, 5, t->image);
	if (t->width > 0 && t->height > 0) {
		sqlite3_bind_int(stmt, 6, t->width);
		sqlite3_bind_int(stmt, 7, t->height);
	}
	bind_text(stmt, 8, t->source);
	bind_text(stmt, 9, t->meta != NULL ? t->meta : "{}");
	bind_text(stmt, 10, t->gold);
	sqlite3_bind_int(stmt, 11, t->priority);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		t->id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return error("the project already has a task with id '%s'",
		    t->ext_id != NULL ? t->ext_id : "");
	if (rc != SQLITE_ROW)
		return store_error(st, "adding a task");
	return 0;
}

int
store_task_get(struct store *st, int64_t id, struct task *t)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = ?"
	    VISIBLE_SQL("t", "t.project_id"));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = stmt_row(st, stmt, "reading a task")) == 1) {
		task_from_row(stmt, t);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_task_remove(struct store *st, int64_t id)
{
	sqlite3_stmt	*stmt;

	/* Annotations, predictions and leases go by ON DELETE CASCADE. */
	stmt = stmt_get(st, "DELETE FROM task WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (stmt_exec(st, stmt, "removing a task") == -1)
		return -1;
	return stmt_changes(st) > 0 ? 1 : 0;
}

int
store_task_find_ext(struct store *st, int64_t project_id, const char *ext_id,
    int64_t *id)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT id FROM task t WHERE project_id = ?1"
	    " AND ext_id = ?2" VISIBLE_SQL("t", "?1"));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	bind_text(stmt, 2, ext_id);
	if ((rc = stmt_row(st, stmt, "looking up a task id")) == 1) {
		if (id != NULL)
			*id = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	/* Digits no task has as a number: a string of them, which ext_id
	 * keeps as JSON ("\"42\"": formats/format.h reader_id). */
	if (rc == 0 && ext_id[0] != '\0' && ext_id[0] != '"' &&
	    strspn(ext_id + (ext_id[0] == '-'), "0123456789") ==
	    strlen(ext_id + (ext_id[0] == '-')) && strlen(ext_id) < 64) {
		char	quoted[68];

		snprintf(quoted, sizeof quoted, "\"%s\"", ext_id);
		return store_task_find_ext(st, project_id, quoted, id);
	}
	return rc;
}

int64_t
store_task_annotations(struct store *st, int64_t id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*) FROM annotation"
	    " WHERE task_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_int64(st, stmt, "counting a task's annotations");
}

/* The project's overlap, 0 when there is no such project, -1 on error. */
static int
project_overlap(struct store *st, int64_t project_id)
{
	sqlite3_stmt	*stmt;
	int		 rc, overlap = 0;

	stmt = stmt_get(st, "SELECT overlap FROM project WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	if ((rc = stmt_row(st, stmt, "reading a project's overlap")) == 1) {
		overlap = sqlite3_column_int(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : overlap;
}

/* A bound of a status's range of submitted counts (task_status_range):
 * one that is the project's overlap (?10) stands for the task's own
 * (TASK_OVERLAP: its wanted where its agreement asked for more). */
#define STATUS_BOUND_SQL(b)						\
	"(CASE WHEN " b " = ?10 THEN max(?10, t.wanted) ELSE " b " END)"

int
store_task_each(struct store *st, int64_t project_id, int status,
    const struct page *page, int (*fn)(const struct task *, void *),
    void *arg)
{
	static const struct page all = PAGE_ALL;
	sqlite3_stmt	*stmt;
	struct task	 t = TASK_INIT;
	int64_t		 lo = INT64_MIN, hi = INT64_MAX;
	int		 overlap, rc = SQLITE_DONE, stop = 0, done = -1;
	int		 gold = -1;

	if ((overlap = project_overlap(st, project_id)) <= 0)
		return overlap;
	/* The status is a range of submitted counts: [lo, hi). */
	if (status >= 0)
		task_status_range((enum task_status)status, overlap, &lo, &hi);
	/* At the overlap, done or held back by the review policy. */
	if (status == TASK_DONE || status == TASK_IN_REVIEW)
		done = status == TASK_DONE;
	/* Gold tasks are a status of their own, in no other. */
	if (status >= 0)
		gold = status == TASK_GOLD;
	/* "+submitted" keeps the planner on task_project, which gives id
	 * order without a sort of the whole project. Who holds a task is
	 * two seeks (lease's key, annotation's UNIQUE (task_id, user_id)). */
	stmt = stmt_get(st, "SELECT " TASK_COLUMNS ", (SELECT group_concat("
	    "name, ',') FROM (SELECT u.name FROM lease l JOIN user u"
	    "   ON u.id = l.user_id WHERE l.task_id = t.id"
	    "   AND l.expires_at > ?7 UNION SELECT u.name FROM annotation d"
	    "   JOIN user u ON u.id = d.user_id WHERE d.task_id = t.id"
	    "   AND d.state = 'draft' ORDER BY 1))"
	    TASK_FROM
	    " WHERE t.project_id = ?1 AND t.id > ?2"
	    " AND +t.submitted >= " STATUS_BOUND_SQL("?3")
	    " AND +t.submitted < " STATUS_BOUND_SQL("?4") " AND (?8 < 0 OR "
	    TASK_DONE_SQL("t", "p") " = ?8) AND (?9 < 0 OR t.is_gold = ?9)"
	    VISIBLE_SQL("t", "?1")
	    " ORDER BY t.id LIMIT ?5 OFFSET ?6");
	if (stmt == NULL)
		return -1;
	if (page == NULL)
		page = &all;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, page->after);
	sqlite3_bind_int64(stmt, 3, lo);
	sqlite3_bind_int64(stmt, 4, hi);
	sqlite3_bind_int64(stmt, 5, page->limit > 0 ? page->limit : -1);
	sqlite3_bind_int64(stmt, 6, page->offset);
	sqlite3_bind_int64(stmt, 7, store_now());
	sqlite3_bind_int(stmt, 8, done);
	sqlite3_bind_int(stmt, 9, gold);
	sqlite3_bind_int(stmt, 10, overlap);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		task_from_row(stmt, &t);
		t.holders = column_dup(stmt, 18);
		stop = fn(&t, arg);
	}
	task_release(&t);
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "listing tasks");
	return stop;
}

int
store_task_next_url(struct store *st, const struct task *t, int64_t user_id,
    char **url)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	*url = NULL;
	/* A bounded look (task_project's 64 rows), whatever the project. */
	stmt = stmt_get(st, "SELECT image FROM (SELECT id, priority, image"
	    " FROM task WHERE project_id = ?1 AND id > ?2 ORDER BY id"
	    " LIMIT 64) n WHERE priority = ?3 AND (image LIKE 'http://%'"
	    " OR image LIKE 'https://%') AND NOT EXISTS (SELECT 1 FROM"
	    " annotation a WHERE a.user_id = ?4 AND a.task_id = n.id)"
	    " ORDER BY id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, t->project_id);
	sqlite3_bind_int64(stmt, 2, t->id);
	sqlite3_bind_int64(stmt, 3, t->priority);
	sqlite3_bind_int64(stmt, 4, user_id);
	if ((rc = stmt_row(st, stmt, "looking at the next task")) == 1) {
		*url = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
	}
	return rc;
}

int64_t
store_task_max_id(struct store *st)
{
	sqlite3_stmt	*stmt;

	/* The rowid's largest: the last leaf of the table's tree. */
	if ((stmt = stmt_get(st, "SELECT coalesce(max(id), 0) FROM task")) ==
	    NULL)
		return -1;
	return stmt_int64(st, stmt, "reading the highest task id");
}

/* One removal of store_tasks_remove; its project recounted at the end. */
static int
remove_one(struct store *st, const struct actor *a, int64_t id,
    int64_t *annotations, int64_t **projects, size_t *np, size_t *ap)
{
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	int64_t		 n;
	char		*detail = NULL;
	size_t		 j;
	int		 rc = -1;

	if ((rc = store_task_get(st, id, &t)) != 1) {
		if (rc == 0)
			error("no task %lld; nothing was removed",
			    (long long)id);
		return -1;
	}
	rc = -1;
	if (store_project_get_id(st, t.project_id, &p) != 1 ||
	    (n = store_task_annotations(st, id)) == -1 ||
	    store_task_remove(st, id) != 1)
		goto out;
	detail = xasprintf("task %lld (%lld annotations)", (long long)id,
	    (long long)n);
	if (audit_write(st, a, "file.remove", p.name, detail) == -1)
		goto out;
	*annotations += n;
	for (j = 0; j < *np && (*projects)[j] != t.project_id; j++)
		;
	if (j == *np) {
		ARRAY_GROW(*projects, *np + 1, *ap);
		(*projects)[(*np)++] = t.project_id;
	}
	rc = 0;
out:
	free(detail);
	task_release(&t);
	project_release(&p);
	return rc;
}

int
store_tasks_remove(struct store *st, const struct actor *a,
    const int64_t *ids, size_t n, int64_t *annotations)
{
	int64_t	*projects = NULL;
	size_t	 np = 0, ap = 0, i;
	int	 own, rc = 0;

	*annotations = 0;
	if (tx_enter(st, &own) == -1)
		return -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = remove_one(st, a, ids[i], annotations, &projects, &np,
		    &ap);
	for (i = 0; rc == 0 && i < np; i++)
		rc = store_project_recount(st, projects[i]);
	free(projects);
	return tx_leave(st, own, rc);
}

/* One task's priority, audited; its project's name for the record. */
static int
priority_one(struct store *st, const struct actor *a, int64_t id,
    int priority)
{
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	sqlite3_stmt	*stmt;
	char		*detail = NULL;
	int		 rc;

	if ((rc = store_task_get(st, id, &t)) != 1) {
		if (rc == 0)
			error("no task %lld; no priority was changed",
			    (long long)id);
		return -1;
	}
	rc = -1;
	if (store_project_get_id(st, t.project_id, &p) != 1)
		goto out;
	/* The cursor trigger (annotator_cursor_task) moves back every
	 * cursor that the task now comes before. */
	stmt = stmt_get(st, "UPDATE task SET priority = ? WHERE id = ?");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int(stmt, 1, priority);
	sqlite3_bind_int64(stmt, 2, id);
	if (stmt_exec(st, stmt, "setting a priority") == -1)
		goto out;
	detail = xasprintf("task %lld: priority %d -> %d", (long long)id,
	    t.priority, priority);
	rc = audit_write(st, a, "file.priority", p.name, detail);
out:
	free(detail);
	task_release(&t);
	project_release(&p);
	return rc;
}

int
store_tasks_priority(struct store *st, const struct actor *a,
    const int64_t *ids, size_t n, int priority)
{
	size_t	i;
	int	own, rc = 0;

	if (tx_enter(st, &own) == -1)
		return -1;
	for (i = 0; rc == 0 && i < n; i++)
		rc = priority_one(st, a, ids[i], priority);
	return tx_leave(st, own, rc);
}
