/* Projects in the store. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/gold.h"
#include "store/internal.h"
#include "store/rows.h"
#include "store/project.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define PROJECT_COLUMNS "id, name, type, description, instructions, config," \
	" overlap, task_count, done_count, created_by, created_at, updated_at," \
	" review, on_reject, final_required, comment_required"

void
project_release(struct project *p)
{
	free(p->name);
	free(p->type);
	free(p->description);
	free(p->instructions);
	free(p->config);
	free(p->created_at);
	free(p->updated_at);
	*p = (struct project)PROJECT_INIT;
}

void
policy_from_row(sqlite3_stmt *stmt, int col, struct review_policy *r)
{
	const char	*on_reject;

	*r = (struct review_policy)REVIEW_POLICY_INIT;
	(void)review_policy_read((const char *)sqlite3_column_text(stmt, col),
	    r);
	on_reject = (const char *)sqlite3_column_text(stmt, col + 1);
	(void)review_on_reject_read(on_reject != NULL ? on_reject : "", r);
	r->final_required = sqlite3_column_int(stmt, col + 2) != 0;
	r->comment_required = sqlite3_column_int(stmt, col + 3) != 0;
}

/* The policy's four columns from ?first on. */
void
policy_bind(sqlite3_stmt *stmt, int first, const struct review_policy *r)
{
	char	text[32];

	sqlite3_bind_text(stmt, first, review_policy_text(r, text,
	    sizeof text), -1, SQLITE_TRANSIENT);
	bind_text(stmt, first + 1, review_on_reject_text(r));
	sqlite3_bind_int(stmt, first + 2, r->final_required != 0);
	sqlite3_bind_int(stmt, first + 3, r->comment_required != 0);
}

static void
project_from_row(sqlite3_stmt *stmt, struct project *p)
{
	project_release(p);
	p->id = sqlite3_column_int64(stmt, 0);
	p->name = column_dup0(stmt, 1);
	p->type = column_dup0(stmt, 2);
	p->description = column_dup0(stmt, 3);
	p->instructions = column_dup0(stmt, 4);
	p->config = column_dup0(stmt, 5);
	p->overlap = sqlite3_column_int(stmt, 6);
	p->task_count = sqlite3_column_int64(stmt, 7);
	p->done_count = sqlite3_column_int64(stmt, 8);
	p->created_by = sqlite3_column_int64(stmt, 9);
	p->created_at = column_dup0(stmt, 10);
	p->updated_at = column_dup0(stmt, 11);
	policy_from_row(stmt, 12, &p->review);
}

static int
project_get_one(struct store *st, sqlite3_stmt *stmt, struct project *p)
{
	int	rc;

	if ((rc = stmt_row(st, stmt, "reading a project")) == 1) {
		project_from_row(stmt, p);
		sqlite3_reset(stmt);
	}
	return rc;
}

int
store_project_get(struct store *st, const char *name, struct project *p)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT " PROJECT_COLUMNS " FROM project"
	    " WHERE name = ?");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, name);
	return project_get_one(st, stmt, p);
}

int
store_project_get_id(struct store *st, int64_t id, struct project *p)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT " PROJECT_COLUMNS " FROM project"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return project_get_one(st, stmt, p);
}

/* The config's gold_rate and gold_onboarding, kept in the project's
 * columns for the next-task walk, which reads no config, and its
 * extra_annotators_below and _max for the submission (store/extra.c). */
static int
walk_columns(struct store *st, int64_t id, const char *config)
{
	struct config	*cfg;
	sqlite3_stmt	*stmt;
	int		 every = 0, onboarding = 0, extra_max = 0;
	double		 extra_below = 0;

	/* A config that names none of these settings has none: not parsed
	 * again (the command parsed it; some callers store a bare one). */
	if (config != NULL && (strstr(config, "gold_") != NULL ||
	    strstr(config, "extra_annotators_") != NULL)) {
		if ((cfg = config_parse(config, strlen(config), "the config"))
		    == NULL)
			return -1;
		every = gold_every(cfg->gold.rate);
		onboarding = cfg->gold.onboarding;
		if ((extra_below = cfg->extra_below) > 0)
			extra_max = cfg->extra_max > 0 ? cfg->extra_max : 1;
		config_free(cfg);
	}
	stmt = stmt_get(st, "UPDATE project SET gold_every = ?,"
	    " gold_onboarding = ?, extra_below = ?, extra_max = ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, every);
	sqlite3_bind_int(stmt, 2, onboarding);
	sqlite3_bind_double(stmt, 3, extra_below);
	sqlite3_bind_int(stmt, 4, extra_max);
	sqlite3_bind_int64(stmt, 5, id);
	return stmt_exec(st, stmt, "writing a project's walk settings");
}

int
store_project_add(struct store *st, struct project *p)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "INSERT INTO project (name, type, description,"
	    " instructions, config, overlap, created_by, created_at,"
	    " updated_at, review, on_reject, final_required, comment_required)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, " NOW_SQL ", " NOW_SQL
	    ", ?8, ?9, ?10, ?11) RETURNING id");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, p->name);
	bind_text(stmt, 2, p->type);
	bind_text(stmt, 3, p->description != NULL ? p->description : "");
	bind_text(stmt, 4, p->instructions != NULL ? p->instructions : "");
	bind_text(stmt, 5, p->config);
	sqlite3_bind_int(stmt, 6, p->overlap > 0 ? p->overlap : 1);
	if (p->created_by > 0)
		sqlite3_bind_int64(stmt, 7, p->created_by);
	policy_bind(stmt, 8, &p->review);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		p->id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return error("a project named '%s' already exists", p->name);
	if (rc != SQLITE_ROW)
		return store_error(st, "adding a project");
	return walk_columns(st, p->id, p->config);
}

int
store_project_update(struct store *st, const struct project *p)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "UPDATE project SET name = ?, description = ?,"
	    " instructions = ?, config = ?, overlap = ?, updated_at = "
	    NOW_SQL ", review = ?7, on_reject = ?8, final_required = ?9,"
	    " comment_required = ?10 WHERE id = ?6");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, p->name);
	bind_text(stmt, 2, p->description != NULL ? p->description : "");
	bind_text(stmt, 3, p->instructions != NULL ? p->instructions : "");
	bind_text(stmt, 4, p->config);
	sqlite3_bind_int(stmt, 5, p->overlap > 0 ? p->overlap : 1);
	sqlite3_bind_int64(stmt, 6, p->id);
	policy_bind(stmt, 7, &p->review);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return error("a project named '%s' already exists", p->name);
	if (rc != SQLITE_DONE)
		return store_error(st, "updating a project");
	if (walk_columns(st, p->id, p->config) == -1)
		return -1;
	return store_project_recount(st, p->id);
}

int
store_project_delete(struct store *st, int64_t id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "DELETE FROM project WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (stmt_exec(st, stmt, "deleting a project") == -1)
		return -1;
	return stmt_changes(st) > 0;
}

int
store_project_each(struct store *st,
    int (*fn)(const struct project *, void *), void *arg)
{
	sqlite3_stmt	*stmt;
	struct project	 p = PROJECT_INIT;
	int		 rc = SQLITE_DONE, stop = 0;

	stmt = stmt_get(st, "SELECT " PROJECT_COLUMNS " FROM project"
	    " ORDER BY name");
	if (stmt == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		project_from_row(stmt, &p);
		stop = fn(&p, arg);
	}
	project_release(&p);
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "listing projects");
	return stop;
}

int
store_project_recount(struct store *st, int64_t id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE project SET"
	    " task_count = (SELECT count(*) FROM task t WHERE project_id = ?1"
	    NOT_GOLD_SQL("t") "   AND t.id < coalesce(project.loading_from, 9223372036854775807)),"
	    " done_count = (SELECT count(*) FROM task t WHERE project_id = ?1"
	    "   AND " TASK_DONE_SQL("t", "project")
	    "   AND t.id < coalesce(project.loading_from, 9223372036854775807))"
	    " WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_exec(st, stmt, "counting a project's tasks");
}

int
store_project_counts(struct store *st, int64_t id, struct state_counts *n)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT a.state, count(*) FROM task t"
	    " JOIN annotation a ON a.task_id = t.id WHERE t.project_id = ?1"
	    VISIBLE_SQL("t", "?1") " GROUP BY a.state");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	return stmt_state_counts(st, stmt, n, "counting a project's"
	    " annotations");
}

int
store_project_uses(struct store *st, int64_t id, struct answer_uses *u)
{
	sqlite3_stmt	*stmt;
	json_t		*r;
	int		 rc;

	stmt = stmt_get(st, "SELECT a.result FROM task t"
	    " JOIN annotation a ON a.task_id = t.id WHERE t.project_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		r = json_loadb((const char *)sqlite3_column_text(stmt, 0),
		    (size_t)sqlite3_column_bytes(stmt, 0), 0, NULL);
		if (r != NULL)
			answer_uses_add(u, r);
		json_decref(r);
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "finding what annotations use");
	return 0;
}

int
store_project_create(struct store *st, const struct actor *a,
    struct project *p)
{
	int	own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	rc = store_project_add(st, p) == -1 ||
	    audit_write(st, a, "project.create", p->name, p->type) == -1 ?
	    -1 : 0;
	return tx_leave(st, own, rc);
}

int
store_project_edit(struct store *st, const struct actor *a, int64_t id,
    int (*fn)(struct store *, struct project *, struct buf *, void *),
    void *arg)
{
	struct project	 p = PROJECT_INIT;
	struct buf	 detail = BUF_INIT;
	char		*name = NULL;
	int		 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = store_project_get_id(st, id, &p)) == 1) {
		name = xstrdup(p.name);
		if (fn(st, &p, &detail, arg) == -1 ||
		    store_project_update(st, &p) == -1 ||
		    audit_write(st, a, "project.edit", name,
		    buf_str(&detail)) == -1)
			rc = -1;
	}
	free(name);
	buf_release(&detail);
	project_release(&p);
	return tx_leave(st, own, rc);
}

int
store_project_remove(struct store *st, const struct actor *a, int64_t id,
    const char *name, const char *detail)
{
	int	own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	rc = store_project_delete(st, id);
	if (rc == 1 && audit_write(st, a, "project.delete", name, detail) ==
	    -1)
		rc = -1;
	return tx_leave(st, own, rc);
}
