/* Extra annotators (issue 12 section 2): a task whose agreement at its
 * overlap is below the project's extra_annotators_below asks for one more
 * annotator, up to extra_annotators_max more (HACKING "Extra
 * annotators"). The agreement is quality/consensus.c's, from the stored
 * answers in force, computed inside the submission's unit of work. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/config.h"
#include "quality/consensus.h"
#include "store/internal.h"
#include "store/project.h"
#include "store/task.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* The facts of the rule, read in one statement. */
struct extra_facts {
	double	below;
	int	max;
	int	overlap;
	int	submitted;
	int	wanted;
	int	gold;
};

static int
facts_get(struct store *st, int64_t task_id, struct extra_facts *f)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT p.extra_below, p.extra_max, p.overlap,"
	    " t.submitted, t.wanted, t.is_gold FROM task t JOIN project p"
	    " ON p.id = t.project_id WHERE t.id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task_id);
	if ((rc = stmt_row(st, stmt, "reading a task's overlap")) == 1) {
		f->below = sqlite3_column_double(stmt, 0);
		f->max = sqlite3_column_int(stmt, 1);
		f->overlap = sqlite3_column_int(stmt, 2);
		f->submitted = sqlite3_column_int(stmt, 3);
		f->wanted = sqlite3_column_int(stmt, 4);
		f->gold = sqlite3_column_int(stmt, 5);
		sqlite3_reset(stmt);
	}
	return rc;
}

/* The task's agreement score from its answers in force (submitted,
 * accepted, fixed; not removed) into *score; 1, 0 when it has none (no
 * control with a rule), -1. */
static int
task_agreement(struct store *st, int64_t task_id, double *score)
{
	struct task		 t = TASK_INIT;
	struct project		 p = PROJECT_INIT;
	struct config		*cfg = NULL;
	struct consensus	 cons = CONSENSUS_INIT;
	struct answer_task	 at;
	struct answer		**ans = NULL;
	sqlite3_stmt		*stmt;
	json_t			*j;
	size_t			 n = 0, i, cap = 0;
	int			 rc = -1, src;

	if (store_task_get(st, task_id, &t) != 1 ||
	    store_project_get_id(st, t.project_id, &p) != 1 ||
	    (cfg = config_parse(p.config, strlen(p.config), p.name)) == NULL)
		goto out;
	task_answer_task(&t, &at);
	stmt = stmt_get(st, "SELECT " ANSWER_IN_FORCE_SQL("a")
	    " FROM annotation a WHERE a.task_id = ? AND a.removed = 0"
	    " AND a.state IN ('submitted','accepted','fixed')");
	if (stmt == NULL)
		goto out;
	sqlite3_bind_int64(stmt, 1, task_id);
	while ((src = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			ans = xreallocarray(ans, cap, sizeof *ans);
		}
		ans[n] = answer_new(cfg, &at);
		j = json_loads((const char *)sqlite3_column_text(stmt, 0), 0,
		    NULL);
		if (j != NULL)
			answer_load_lenient(ans[n], j);
		json_decref(j);
		n++;
	}
	sqlite3_reset(stmt);
	if (src != SQLITE_DONE) {
		store_error(st, "reading a task's answers");
		goto out;
	}
	consensus_compute(cfg, ans, n, cfg->consensus_min, &cons);
	rc = cons.has_agreement;
	*score = cons.agreement;
out:
	consensus_release(&cons);
	for (i = 0; i < n; i++)
		answer_free(ans[i]);
	free(ans);
	config_free(cfg);
	task_release(&t);
	project_release(&p);
	return rc;
}

int
extra_after_submission(struct store *st, int64_t task_id)
{
	struct extra_facts	 f;
	sqlite3_stmt		*stmt;
	double			 score;
	int			 target, rc;

	if ((rc = facts_get(st, task_id, &f)) != 1)
		return rc;
	/* Not asked, a gold task (no overlap), short of its overlap, or
	 * every extra annotator asked for already. */
	target = f.wanted > f.overlap ? f.wanted : f.overlap;
	if (f.max <= 0 || f.below <= 0 || f.gold || f.submitted < target ||
	    f.submitted >= f.overlap + f.max)
		return 0;
	if ((rc = task_agreement(st, task_id, &score)) != 1)
		return rc;
	if (score >= f.below)
		return 0;
	stmt = stmt_get(st, "UPDATE task SET wanted = ? WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int(stmt, 1, f.submitted + 1);
	sqlite3_bind_int64(stmt, 2, task_id);
	return stmt_exec(st, stmt, "asking for one more annotator");
}
