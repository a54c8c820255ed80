/* Gold tasks: their answers, the scores of each submission against them,
 * and the pause a low score brings (store/gold.h). The config is parsed
 * here only for a gold task's own acts (setting its answer, scoring a
 * submission): a normal submission never pays for it. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "model/gold.h"
#include "store/annotation.h"
#include "store/gold.h"
#include "store/internal.h"
#include "store/notify.h"
#include "store/project.h"
#include "store/task.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/xmalloc.h"

/* What a gold act needs of its task: the task, its project's config. */
struct gold_ctx {
	struct task		 t;
	struct project		 p;
	struct config		*cfg;
	struct answer_task	 at;
};

static void
gold_ctx_release(struct gold_ctx *g)
{
	task_release(&g->t);
	project_release(&g->p);
	config_free(g->cfg);
}

/* Reads the task (a visible one) and its project's config: 0, -1. */
static int
gold_ctx_load(struct store *st, int64_t task_id, struct gold_ctx *g)
{
	int	rc;

	memset(&g->at, 0, sizeof g->at);
	g->cfg = NULL;
	if ((rc = store_task_get(st, task_id, &g->t)) != 1)
		return rc == 0 ? error("there is no task %lld",
		    (long long)task_id) : -1;
	if (store_project_get_id(st, g->t.project_id, &g->p) != 1)
		return error("task %lld has no project", (long long)task_id);
	g->cfg = config_parse(g->p.config, strlen(g->p.config), g->p.name);
	if (g->cfg == NULL)
		return -1;
	task_answer_task(&g->t, &g->at);
	return 0;
}

/* An annotation's reviewed answer for the task: accepted, its result;
 * fixed, the fix in force. A new string, or NULL after reporting. */
static char *
reviewed_result(struct store *st, int64_t task_id, int64_t annotation_id)
{
	sqlite3_stmt	*stmt;
	char		*result = NULL, *state = NULL;
	int64_t		 task = 0;
	int		 rc;

	stmt = stmt_get(st, "SELECT a.task_id, a.state, CASE a.state"
	    " WHEN 'fixed' THEN (SELECT r.result FROM review r"
	    "   WHERE r.annotation_id = a.id AND r.verdict = 'fix'"
	    "   AND NOT EXISTS (SELECT 1 FROM review w"
	    "   WHERE w.annotation_id = a.id AND w.withdraws = r.id)"
	    "   ORDER BY r.id DESC LIMIT 1) ELSE a.result END"
	    " FROM annotation a WHERE a.id = ?");
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_int64(stmt, 1, annotation_id);
	if ((rc = stmt_row(st, stmt, "reading an annotation")) == 1) {
		task = sqlite3_column_int64(stmt, 0);
		state = column_dup0(stmt, 1);
		result = column_dup(stmt, 2);
		sqlite3_reset(stmt);
	}
	if (rc == 0)
		error("there is no annotation %lld", (long long)annotation_id);
	else if (rc == 1 && task != task_id)
		error("annotation %lld is of task %lld, not of task %lld",
		    (long long)annotation_id, (long long)task,
		    (long long)task_id);
	else if (rc == 1 && strcmp(state, "accepted") != 0 &&
	    strcmp(state, "fixed") != 0)
		error("annotation %lld is %s: a gold answer is taken from a"
		    " reviewed one (accepted or fixed)",
		    (long long)annotation_id, state);
	else if (rc == 1 && result == NULL)
		error("annotation %lld has no fix in force",
		    (long long)annotation_id);
	else if (rc == 1) {
		free(state);
		return result;
	}
	free(state);
	free(result);
	return NULL;
}

/* Checks result against the config (normalised), and that it has a
 * value; the stored text, a new string, or NULL after reporting. */
static char *
gold_checked(struct gold_ctx *g, const char *result)
{
	json_error_t	 jerr;
	json_t		*j;
	struct answer	*ans;
	char		 err[256], *out = NULL;
	double		 s, l;

	if ((j = json_loads(result, 0, &jerr)) == NULL) {
		error("the gold answer is not JSON: %s (line %d, column %d)",
		    jerr.text, jerr.line, jerr.column);
		return NULL;
	}
	if (!json_is_object(j)) {
		error("the gold answer must be an object keyed by control"
		    " name, like an annotation's result");
		goto out;
	}
	if (answer_check(g->cfg, j, &g->at, 0, err, sizeof err) == -1) {
		error("the gold answer: %s", err);
		goto out;
	}
	ans = answer_new(g->cfg, &g->at);
	if (answer_load(ans, j, 0, err, sizeof err) == 0 &&
	    answer_score(ans, ans, &s, &l, NULL) == 0)
		error("the gold answer has no value for any control: there"
		    " would be nothing to score");
	else
		out = jsonout_dumps(j, JSON_COMPACT);
	answer_free(ans);
out:
	json_decref(j);
	return out;
}

/* Moves the project's counters by what the task's gold change did: a
 * gold task is in neither. */
static int
counters_move(struct store *st, int64_t project_id, int64_t tasks,
    int64_t done)
{
	sqlite3_stmt	*stmt;

	if (tasks == 0 && done == 0)
		return 0;
	stmt = stmt_get(st, "UPDATE project SET task_count = task_count + ?,"
	    " done_count = done_count + ? WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, tasks);
	sqlite3_bind_int64(stmt, 2, done);
	sqlite3_bind_int64(stmt, 3, project_id);
	return stmt_exec(st, stmt, "counting a project's tasks");
}

/* Writes the task's gold column and flag (gold NULL: none). */
static int
gold_write(struct store *st, int64_t task_id, const char *gold)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "UPDATE task SET gold = ?1,"
	    " is_gold = ?1 IS NOT NULL WHERE id = ?2");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, gold);
	sqlite3_bind_int64(stmt, 2, task_id);
	return stmt_exec(st, stmt, "writing a gold answer");
}

int
store_gold_set(struct store *st, const struct actor *a, int64_t task_id,
    const char *result, int64_t from_annotation)
{
	struct gold_ctx	 g = { TASK_INIT, PROJECT_INIT, NULL, { 0 } };
	char		*own_result = NULL, *gold = NULL, *detail = NULL;
	int		 own, rc = -1, done;

	if (tx_enter(st, &own) == -1)
		return -1;
	if (gold_ctx_load(st, task_id, &g) == -1)
		goto out;
	if (result == NULL && (result = own_result = reviewed_result(st,
	    task_id, from_annotation)) == NULL)
		goto out;
	if ((gold = gold_checked(&g, result)) == NULL)
		goto out;
	if ((done = task_done_get(st, task_id)) == -1 ||
	    gold_write(st, task_id, gold) == -1 ||
	    counters_move(st, g.t.project_id, g.t.gold == NULL ? -1 : 0,
	    -done) == -1)
		goto out;
	if (from_annotation > 0)
		detail = xasprintf("task %lld: gold from annotation %lld",
		    (long long)task_id, (long long)from_annotation);
	else
		detail = xasprintf("task %lld: gold %s", (long long)task_id,
		    g.t.gold == NULL ? "set" : "replaced");
	rc = audit_write(st, a, "file.gold", g.p.name, detail);
out:
	free(detail);
	free(gold);
	free(own_result);
	gold_ctx_release(&g);
	return tx_leave(st, own, rc);
}

int
store_gold_clear(struct store *st, const struct actor *a, int64_t task_id)
{
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	char		*detail = NULL;
	int		 own, rc, done;

	if (tx_enter(st, &own) == -1)
		return -1;
	if ((rc = store_task_get(st, task_id, &t)) != 1) {
		if (rc == 0)
			rc = error("there is no task %lld", (long long)task_id);
		goto out;
	}
	rc = 0;
	if (t.gold == NULL)
		goto out;
	rc = -1;
	if (store_project_get_id(st, t.project_id, &p) != 1 ||
	    gold_write(st, task_id, NULL) == -1 ||
	    (done = task_done_get(st, task_id)) == -1 ||
	    counters_move(st, t.project_id, 1, done) == -1)
		goto out;
	detail = xasprintf("task %lld: gold cleared", (long long)task_id);
	if (audit_write(st, a, "file.gold", p.name, detail) == -1)
		goto out;
	rc = 1;
out:
	free(detail);
	task_release(&t);
	project_release(&p);
	return tx_leave(st, own, rc);
}

/* The person's scores since their last resume: *n and the mean, strict
 * or lenient. 0 or -1. */
static int
person_mean(struct store *st, int64_t project_id, int64_t user_id,
    int lenient, int64_t *n, double *mean)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT count(*), coalesce(avg(CASE WHEN ?3"
	    " THEN lenient ELSE strict END), 0) FROM gold_score"
	    " WHERE project_id = ?1 AND user_id = ?2 AND id > coalesce("
	    " (SELECT gold_from FROM annotator WHERE project_id = ?1"
	    " AND user_id = ?2), 0)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	sqlite3_bind_int(stmt, 3, lenient);
	if ((rc = stmt_row(st, stmt, "reading gold scores")) == 1) {
		*n = sqlite3_column_int64(stmt, 0);
		*mean = sqlite3_column_double(stmt, 1);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : 0;
}

static int
score_write(struct store *st, const struct gold_ctx *g, int64_t user_id,
    int64_t annotation_id, double strict, double lenient, const char *detail)
{
	sqlite3_stmt	*stmt;

	/* A submission again (an edit) scores again, keeping the row's id:
	 * a resume's line (gold_from) stays where it was. */
	stmt = stmt_get(st, "INSERT INTO gold_score (project_id, task_id,"
	    " user_id, annotation_id, strict, lenient, detail, scored_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, " NOW_SQL ")"
	    " ON CONFLICT (task_id, user_id) DO UPDATE SET"
	    " annotation_id = excluded.annotation_id,"
	    " strict = excluded.strict, lenient = excluded.lenient,"
	    " detail = excluded.detail, scored_at = excluded.scored_at");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, g->t.project_id);
	sqlite3_bind_int64(stmt, 2, g->t.id);
	sqlite3_bind_int64(stmt, 3, user_id);
	sqlite3_bind_int64(stmt, 4, annotation_id);
	sqlite3_bind_double(stmt, 5, strict);
	sqlite3_bind_double(stmt, 6, lenient);
	bind_text(stmt, 7, detail);
	return stmt_exec(st, stmt, "writing a gold score");
}

static int
pause_write(struct store *st, int64_t project_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "INSERT INTO annotator (project_id, user_id,"
	    " gold_paused) VALUES (?, ?, 1) ON CONFLICT (project_id, user_id)"
	    " DO UPDATE SET gold_paused = 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	return stmt_exec(st, stmt, "pausing a person's work");
}

/* Tells the person and the project's managers that the person's score
 * fell below the policy's minimum (and that their work is paused). */
static int
tell_low(struct store *st, const struct gold_ctx *g, int64_t user_id,
    int64_t n, double mean)
{
	const struct gold_policy *pol = &g->cfg->gold;
	struct notify_new	 to_them = { .user_id = user_id,
				    .project_id = g->t.project_id,
				    .kind = NOTIFY_GOLD_LOW,
				    .task_id = g->t.id };
	struct notify_new	 to_managers = to_them;
	char			*body;
	int			 rc;

	body = xasprintf("%.2f over %" PRId64 " gold task%s, below %.2f%s",
	    mean, n, n == 1 ? "" : "s", pol->min_score, pol->pause ?
	    "; new work is paused until a manager resumes it" : "");
	to_them.body = to_managers.body = body;
	to_managers.actor_id = user_id;
	rc = notify_add(st, &to_them);
	if (rc == 0)
		rc = notify_managers(st, &to_managers);
	free(body);
	return rc;
}

int
gold_score_submission(struct store *st, int64_t task_id, int64_t user_id)
{
	struct gold_ctx	 g = { TASK_INIT, PROJECT_INIT, NULL, { 0 } };
	struct annotation an = ANNOTATION_INIT;
	struct answer	*gold = NULL, *got = NULL;
	json_t		*gj = NULL, *aj = NULL, *detail = NULL;
	char		 err[256], *dtext = NULL;
	double		 strict, lenient, mean_b = 0, mean_a = 0;
	int64_t		 n_b = 0, n_a = 0;
	int		 rc = -1, lenient_match;

	if (gold_ctx_load(st, task_id, &g) == -1 ||
	    store_annotation_get(st, task_id, user_id, &an) != 1)
		goto out;
	rc = 0;
	if (g.t.gold == NULL)
		goto out;
	rc = -1;
	/* The gold answer as the config reads it now (lenient: a label
	 * retired since is left out), the submission strictly (it passed
	 * the same checks a moment ago). */
	gold = answer_new(g.cfg, &g.at);
	got = answer_new(g.cfg, &g.at);
	if ((gj = json_loads(g.t.gold, 0, NULL)) == NULL ||
	    (aj = json_loads(an.result, 0, NULL)) == NULL) {
		error("task %lld: a gold answer or a result is not JSON",
		    (long long)task_id);
		goto out;
	}
	(void)answer_load_lenient(gold, gj);
	if (answer_load(got, aj, ANSWER_ALLOW_RETIRED, err, sizeof err) ==
	    -1) {
		error("task %lld: %s", (long long)task_id, err);
		goto out;
	}
	detail = json_object();
	rc = 0;
	if (answer_score(gold, got, &strict, &lenient, detail) == 0)
		goto out;	/* nothing of it left to score */
	rc = -1;
	lenient_match = g.cfg->gold.lenient;
	dtext = jsonout_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	if (person_mean(st, g.t.project_id, user_id, lenient_match, &n_b,
	    &mean_b) == -1 ||
	    score_write(st, &g, user_id, an.id, strict, lenient, dtext) ==
	    -1 ||
	    person_mean(st, g.t.project_id, user_id, lenient_match, &n_a,
	    &mean_a) == -1)
		goto out;
	rc = 0;
	if (!gold_below(&g.cfg->gold, n_a, mean_a) ||
	    gold_below(&g.cfg->gold, n_b, mean_b))
		goto out;
	rc = -1;
	if ((g.cfg->gold.pause && pause_write(st, g.t.project_id, user_id) ==
	    -1) || tell_low(st, &g, user_id, n_a, mean_a) == -1)
		goto out;
	rc = 0;
out:
	free(dtext);
	json_decref(detail);
	json_decref(gj);
	json_decref(aj);
	answer_free(gold);
	answer_free(got);
	annotation_release(&an);
	gold_ctx_release(&g);
	return rc;
}

int
store_gold_paused(struct store *st, int64_t project_id, int64_t user_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT coalesce((SELECT gold_paused FROM"
	    " annotator WHERE project_id = ? AND user_id = ?), 0)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	return (int)stmt_int64(st, stmt, "reading a pause");
}

int
store_gold_resume(struct store *st, const struct actor *a,
    int64_t project_id, const char *project, int64_t user_id,
    const char *user)
{
	sqlite3_stmt	*stmt;
	char		*detail;
	int		 own, rc;

	if (tx_enter(st, &own) == -1)
		return -1;
	stmt = stmt_get(st, "UPDATE annotator SET gold_paused = 0,"
	    " gold_from = (SELECT coalesce(max(id), 0) FROM gold_score)"
	    " WHERE project_id = ? AND user_id = ? AND gold_paused = 1");
	if (stmt == NULL)
		return tx_leave(st, own, -1);
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	if ((rc = stmt_exec(st, stmt, "resuming a person's work")) == -1 ||
	    stmt_changes(st) == 0)
		return tx_leave(st, own, rc);
	detail = xasprintf("%s", user);
	rc = audit_write(st, a, "member.resume", project, detail);
	free(detail);
	return tx_leave(st, own, rc == -1 ? -1 : 1);
}

int
store_gold_each(struct store *st, int64_t project_id, int lenient,
    int (*fn)(const struct gold_person *, void *), void *arg)
{
	sqlite3_stmt		*stmt;
	struct gold_person	 gp;
	int			 rc = SQLITE_DONE, stop = 0;

	stmt = stmt_get(st, "SELECT u.id, u.name, count(g.id),"
	    " coalesce(avg(g.strict), 0), coalesce(avg(g.lenient), 0),"
	    " count(CASE WHEN g.id > coalesce(an.gold_from, 0) THEN 1 END),"
	    " coalesce(avg(CASE WHEN g.id > coalesce(an.gold_from, 0) THEN"
	    "   (CASE WHEN ?2 THEN g.lenient ELSE g.strict END) END), 0),"
	    " coalesce(an.gold_paused, 0), max(g.scored_at)"
	    " FROM gold_score g JOIN user u ON u.id = g.user_id"
	    " LEFT JOIN annotator an ON an.project_id = g.project_id"
	    "   AND an.user_id = g.user_id"
	    " WHERE g.project_id = ?1 GROUP BY u.id ORDER BY u.name");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	sqlite3_bind_int(stmt, 2, lenient);
	while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		gp.user_id = sqlite3_column_int64(stmt, 0);
		gp.user = (const char *)sqlite3_column_text(stmt, 1);
		gp.tasks = sqlite3_column_int64(stmt, 2);
		gp.strict = sqlite3_column_double(stmt, 3);
		gp.lenient = sqlite3_column_double(stmt, 4);
		gp.counted = sqlite3_column_int64(stmt, 5);
		gp.mean = sqlite3_column_double(stmt, 6);
		gp.paused = sqlite3_column_int(stmt, 7);
		gp.last = (const char *)sqlite3_column_text(stmt, 8);
		stop = fn(&gp, arg);
	}
	sqlite3_reset(stmt);
	if (!stop && rc != SQLITE_DONE)
		return store_error(st, "reading gold scores");
	return stop;
}

int64_t
store_gold_count(struct store *st, int64_t project_id)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*) FROM task t"
	    " WHERE t.project_id = ?1" GOLD_SQL("t") VISIBLE_SQL("t", "?1"));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, project_id);
	return stmt_int64(st, stmt, "counting gold tasks");
}
