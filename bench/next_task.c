/* bench/next_task [N ...]: how long choosing the next task and submitting
 * it takes, at each project size N (default 1000 and 1000000).
 *
 * For each N: a fresh database in $TMPDIR, one project at overlap 2 with N
 * tasks (one transaction), and a person with a long history: the first
 * half of the tasks submitted by them (written directly, in one
 * transaction, so they have no cursor yet), which others have not caught
 * up with. Then it times their first store_next_task (the one walk over
 * their history that builds the cursor), and ACTIONS actions of
 * store_next_task + store_annotation_submit, each its own transaction as
 * in the labeler (so each includes the fsync of synchronous=FULL), and
 * prints the median and p99; also the next task alone, one draft save
 * (timed apart, between the two) and the CPU time without disk waits.
 * Target: <= 1 ms median per action at 1,000,000 tasks, no
 * worse than at 1,000.
 *
 * NEXT_TASK_WANTING=K (default 0) makes K tasks of the person's history
 * ask for extra annotators (task.wanted 3: issue 12 section 2) before
 * the timing, the walk's extra part's worst case: it steps over every
 * one of them, all annotated by this person, at each choice.
 *
 * Built by 'make bench' (which runs it), never by 'make' or 'make check'. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/annotation.h"
#include "store/assign.h"
#include "store/internal.h"
#include "store/prediction.h"
#include "store/project.h"
#include "store/rows.h"
#include "store/store.h"
#include "store/task.h"
#include "store/user.h"
#include "util/xmalloc.h"

#define ACTIONS		2000
#define RESULT		"{\"label\": [\"positive\"]}"

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: what the work costs without the disk. */
static double
cpu_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
die(const char *what)
{
	fprintf(stderr, "next_task: %s failed\n", what);
	exit(1);
}

static int64_t
add_user(struct store *st, const char *name, enum role role)
{
	struct user	u = USER_INIT;
	int64_t		id;

	u.name = xstrdup(name);
	u.role = role;
	if (store_begin(st) == -1 || store_user_add(st, &u) == -1 ||
	    store_commit(st) == -1)
		die("adding a user");
	id = u.id;
	user_release(&u);
	return id;
}

/* Fills the project with n tasks; returns the first task's id (the ids
 * follow on from it). */
static int64_t
fill(struct store *st, int64_t project, long n)
{
	struct task	 t = TASK_INIT;
	char		 text[96];
	int64_t		 first = 0;
	long		 i;

	if (store_begin(st) == -1)
		die("begin");
	for (i = 0; i < n; i++) {
		snprintf(text, sizeof text, "Task %ld: the council said on"
		    " Tuesday that the river museum would open in May.", i);
		t.project_id = project;
		t.kind = (char *)"text";
		t.text = text;
		if (store_task_add(st, &t) == -1)
			die("adding a task");
		if (i == 0)
			first = t.id;
	}
	if (store_project_recount(st, project) == -1 || store_commit(st) == -1)
		die("commit");
	return first;
}

static void
run(long n)
{
	struct project	 p = PROJECT_INIT;
	struct task	 t = TASK_INIT;
	struct store	*st;
	char		*dir, *path, *cmd;
	const char	*tmp;
	double		 t0, c0, d0, dc, fill_ms, hist_ms, first_ms;
	double		 times[ACTIONS], cpu[ACTIONS], nexts[ACTIONS];
	double		 drafts[ACTIONS];
	int64_t		 user, first;
	long		 i, half = n / 2, wanting = 0;
	int		 rc;
	const char	*env;
	char		*sql;

	tmp = getenv("TMPDIR");
	dir = xasprintf("%s/scalec-bench.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		die("mkdtemp");
	path = xasprintf("%s/bench.db", dir);
	cmd = xasprintf("rm -rf '%s'", dir);
	free(dir);

	if ((st = store_open(path, STORE_CREATE)) == NULL)
		die("store_open");
	add_user(st, "admin", ROLE_ADMIN);
	user = add_user(st, "annotator", ROLE_ANNOTATOR);
	p.name = xstrdup("bench");
	p.type = xstrdup("text-classification");
	p.config = xstrdup("controls: []\n");
	p.overlap = 2;
	if (store_begin(st) == -1 || store_project_add(st, &p) == -1 ||
	    store_commit(st) == -1)
		die("adding the project");

	t0 = now_ms();
	first = fill(st, p.id, n);
	fill_ms = now_ms() - t0;

	/* The history: the first half, submitted (without leases: late). */
	t0 = now_ms();
	if (store_begin(st) == -1)
		die("begin");
	for (i = 0; i < half; i++)
		if (store_annotation_submit(st, first + i, user, 0, RESULT, 0,
		    0) == -1)
			die("writing the history");
	if (store_commit(st) == -1)
		die("commit");
	hist_ms = now_ms() - t0;
	if ((env = getenv("NEXT_TASK_WANTING")) != NULL &&
	    (wanting = strtol(env, NULL, 10)) > 0) {
		sql = xasprintf("UPDATE task SET wanted = 3 WHERE id >= %lld"
		    " AND id < %lld", (long long)first,
		    (long long)(first + (wanting < half ? wanting : half)));
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			die("asking for extra annotators");
		free(sql);
		printf("%8s %ld tasks of the history want extra annotators\n",
		    "", wanting);
	}

	t0 = now_ms();
	if ((rc = store_next_task(st, p.id, user, 0, &t)) != 1)
		die("the first next task");
	first_ms = now_ms() - t0;
	if (t.id != first + half)
		die("the order (first next task)");
	if (store_annotation_submit(st, t.id, user, 0, RESULT, 0, 0) != 0)
		die("submitting");

	for (i = 0; i < ACTIONS && i < n - half - 1; i++) {
		t0 = now_ms();
		c0 = cpu_ms();
		if (store_next_task(st, p.id, user, 0, &t) != 1)
			die("next task");
		nexts[i] = now_ms() - t0;
		/* One draft save (a keystroke of a multichoice task), timed
		 * on its own. */
		d0 = now_ms();
		dc = cpu_ms();
		if (store_annotation_save_draft(st, t.id, user, 0, RESULT, 0,
		    0) != 0)
			die("saving a draft");
		drafts[i] = now_ms() - d0;
		t0 += drafts[i];
		c0 += cpu_ms() - dc;
		if (store_annotation_submit(st, t.id, user, 0, RESULT, 0, 0)
		    != 0)
			die("submitting");
		times[i] = now_ms() - t0;
		cpu[i] = cpu_ms() - c0;
		if (t.id != first + half + 1 + i)
			die("the order");
	}
	qsort(times, (size_t)i, sizeof times[0], cmp_double);
	qsort(cpu, (size_t)i, sizeof cpu[0], cmp_double);
	qsort(nexts, (size_t)i, sizeof nexts[0], cmp_double);
	qsort(drafts, (size_t)i, sizeof drafts[0], cmp_double);
	printf("%8ld tasks: fill %.0f ms, history of %ld %.0f ms;"
	    " first next task %.2f ms;\n", n, fill_ms, half, hist_ms,
	    first_ms);
	printf("%8s next task + submit over %ld actions: median %.3f ms,"
	    " p99 %.3f ms, max %.3f ms\n", "", i, times[i / 2],
	    times[(i * 99) / 100], times[i - 1]);
	printf("%8s of which next task alone: median %.3f ms, p99 %.3f ms\n",
	    "", nexts[i / 2], nexts[(i * 99) / 100]);
	printf("%8s a draft save (keystroke): median %.3f ms, p99 %.3f ms\n",
	    "", drafts[i / 2], drafts[(i * 99) / 100]);
	printf("%8s CPU time of next task + submit: median %.3f ms,"
	    " p99 %.3f ms\n", "", cpu[i / 2], cpu[(i * 99) / 100]);
	fflush(stdout);

	task_release(&t);
	project_release(&p);
	store_close(st);
	if (system(cmd) != 0)
		fprintf(stderr, "next_task: could not remove the database\n");
	free(cmd);
	free(path);
}

int
main(int argc, char **argv)
{
	int	i;

	if (argc < 2) {
		run(1000);
		run(1000000);
		return 0;
	}
	for (i = 1; i < argc; i++)
		run(strtol(argv[i], NULL, 10));
	return 0;
}
