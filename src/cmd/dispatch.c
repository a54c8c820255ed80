/* The dispatcher: from a command's entry (its usage, its subcommands,
 * what each one's operands are and what act it is) to a run with its
 * options parsed, its operands counted, the store open and the acting
 * user's role checked. A command's run function only does its work. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/project.h"
#include "store/task.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/suggest.h"
#include "util/xmalloc.h"

/* The options every CMD_TASKS subcommand takes, into struct ctx. */
const struct opt cmd_task_opts[] = {
	OPT_STRING('p', "project", struct ctx, project_opt, "PROJECT",
	    "the project of tasks named id:VALUE"),
	OPT_END
};

static const struct cmd_sub *
find_sub(const struct cmd_entry *e, const char *name)
{
	size_t	i;

	for (i = 0; i < e->nsubs; i++)
		if (e->subs[i].name != NULL && strcmp(e->subs[i].name, name) == 0)
			return &e->subs[i];
	return NULL;
}

/* Refuses a word that is no subcommand of e, with the nearest ones. */
static void __attribute__((noreturn))
no_sub(const struct cmd_entry *e, const char *word)
{
	struct suggest	 s;
	struct buf	 b = BUF_INIT;
	char		 msg[512];
	size_t		 i;

	if (opt_global_misplaced(word, msg, sizeof msg))
		usage_die(e->usage, NULL, 0, "%s", msg);
	suggest_init(&s, word);
	for (i = 0; i < e->nsubs; i++)
		if (e->subs[i].name != NULL)
			suggest_add(&s, e->subs[i].name);
	i = (size_t)suggest_text(&s, &b);
	snprintf(msg, sizeof msg, "'%s' is not a %s subcommand%s%s", word,
	    e->name, i ? "; " : "", buf_str(&b));
	suggest_release(&s);
	buf_release(&b);
	usage_die(e->usage, NULL, 0, "%s", msg);
}

/* "file add" or "export": the words a message names the command by. */
static void
full_name(struct buf *b, const struct cmd_entry *e, const struct cmd_sub *s)
{
	buf_addstr(b, e->name);
	if (s->name != NULL)
		buf_printf(b, " %s", s->name);
}

/*
 * Counts the operands as s->operands says, or exits 2 naming them:
 * "member add needs PROJECT and USER", "... takes no operands", "...
 * takes only PROJECT: 'x' is one too many".
 */
static void
check_operands(const struct ctx *c, const struct cmd_entry *e,
    const struct cmd_sub *s, int argc, char **argv)
{
	struct buf	 name = BUF_INIT, want = BUF_INIT;
	const char	*p = s->operands != NULL ? s->operands : "", *w;
	int		 min = 0, max = 0, many = 0, words = 0;
	size_t		 len;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		len = (size_t)(p - w);
		if (memmem(w, len, "...", 3) != NULL)
			many = 1;
		if (*w != '[')
			min++;
		max++;
		buf_printf(&want, "%s%.*s", words++ > 0 ? " and " : "",
		    (int)len, w);
	}
	full_name(&name, e, s);
	if (argc < min)
		cmd_usage_die(c, "%s needs %s", buf_str(&name), buf_str(&want));
	if (!many && argc > max) {
		if (max == 0)
			cmd_usage_die(c, "%s takes no operands: '%s' is one too"
			    " many", buf_str(&name), argv[0]);
		cmd_usage_die(c, "%s takes %s only: '%s' is one too many",
		    buf_str(&name), buf_str(&want), argv[max]);
	}
	buf_release(&name);
	buf_release(&want);
}

/* CMD_TASKS: the operands after "TASK..." are values, not tasks ("TASK...
 * N": file priority); how many. */
static int
trailing_values(const struct cmd_sub *s)
{
	const char	*p = s->operands != NULL ? s->operands : "";
	const char	*many = strstr(p, "...");
	int		 n = 0;

	if (many == NULL)
		return 0;
	for (p = many; *p != '\0'; p++)
		if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
			n++;
	return n;
}

/* The number of a task named by its number, 0 for id:VALUE, -1 for what
 * names no task. */
static long long
task_number(const char *ref)
{
	char		*end;
	long long	 v;

	if (strncmp(ref, "id:", 3) == 0 && ref[3] != '\0')
		return 0;
	errno = 0;
	v = strtoll(ref, &end, 10);
	if (*ref < '0' || *ref > '9' || *end != '\0' || errno != 0 || v <= 0)
		return -1;
	return v;
}

int
ctx_task_ref(struct ctx *c, const char *ref, int64_t *id, int64_t *project_id)
{
	struct task	 t = TASK_INIT;
	long long	 v;
	int		 rc;

	if ((v = task_number(ref)) == -1)
		return error("'%s' is not a task: name one by its number (as"
		    " 'file list' shows) or by its imported id, id:VALUE",
		    ref);
	if (v == 0) {
		if (c->project == NULL)
			return error("task '%s': an imported id names a task"
			    " in one project; say which with --project"
			    " PROJECT", ref);
		if ((rc = store_task_find_ext(c->st, c->project->id, ref + 3,
		    id)) == -1)
			return -1;
		if (rc == 0)
			return error("no task with the imported id '%s' in %s",
			    ref + 3, c->project->name);
		*project_id = c->project->id;
		return 0;
	}
	if ((rc = store_task_get(c->st, (int64_t)v, &t)) == -1)
		return -1;
	if (rc == 0)
		return error("no task %lld", v);
	*project_id = t.project_id;
	task_release(&t);
	if (c->project != NULL && *project_id != c->project->id)
		return error("task %lld is not in %s", v, c->project->name);
	*id = (int64_t)v;
	return 0;
}

static int
load_project(struct ctx *c, const char *name, enum act act)
{
	c->project = xcalloc(1, sizeof *c->project);
	*c->project = (struct project)PROJECT_INIT;
	return ctx_project(c, name, act, c->project);
}

/* CMD_TASKS: each operand a task, each once, the act allowed in each
 * task's project (checked once per project). */
static int
load_tasks(struct ctx *c, enum act act, int argc, char **argv)
{
	int64_t	*projects, id, pid;
	size_t	 nprojects = 0, i;
	int	 k, rc = -1;

	if (c->project_opt != NULL &&
	    load_project(c, c->project_opt, act) == -1)
		return -1;
	c->tasks = xcalloc((size_t)argc, sizeof *c->tasks);
	projects = xcalloc((size_t)argc, sizeof *projects);
	for (k = 0; k < argc; k++) {
		if (ctx_task_ref(c, argv[k], &id, &pid) == -1)
			goto out;
		for (i = 0; i < c->ntasks && c->tasks[i] != id; i++)
			;
		if (i == c->ntasks)
			c->tasks[c->ntasks++] = id;
		for (i = 0; i < nprojects && projects[i] != pid; i++)
			;
		if (i < nprojects)
			continue;
		projects[nprojects++] = pid;
		if (ctx_require(c, act, pid) == -1)
			goto out;
	}
	rc = 0;
out:
	free(projects);
	return rc;
}

static void
unload(struct ctx *c)
{
	if (c->project != NULL) {
		project_release(c->project);
		free(c->project);
	}
	free(c->tasks);
	c->project = NULL;
	c->tasks = NULL;
	c->ntasks = 0;
	c->project_opt = NULL;
}

int
cmd_run(struct ctx *c, const struct cmd_entry *e, int argc, char **argv)
{
	const struct cmd_sub	*s;
	void			*opts;
	int			 n, k, rc, values;

	if (e->nsubs == 1 && e->subs[0].name == NULL)
		s = &e->subs[0];
	else if (e->plain != NULL && (argc < 2 || (argv[1][0] == '-' &&
	    strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0))) {
		/* "scalec inbox --all": the plain subcommand, as if named. */
		s = find_sub(e, e->plain);
	} else {
		if (argc < 2)
			usage_die(e->usage, NULL, 0, "%s needs a subcommand",
			    e->name);
		if (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) {
			usage_print(stdout, e->usage, NULL, 0);
			return 0;
		}
		if ((s = find_sub(e, argv[1])) == NULL)
			no_sub(e, argv[1]);
		argc--;
		argv++;
	}
	opts = xcalloc(1, s->size > 0 ? s->size : 1);
	if (s->defaults != NULL)
		memcpy(opts, s->defaults, s->size);
	c->usage = e->usage;
	c->sets[0].opts = s->opts;
	c->sets[0].base = opts;
	c->nsets = 1;
	if (s->scope == CMD_TASKS) {
		c->sets[1].opts = cmd_task_opts;
		c->sets[1].base = c;
		c->nsets = 2;
	}
	n = opt_parse(argc, argv, c->sets, c->nsets, e->usage);
	check_operands(c, e, s, n, argv);
	/* What cannot name a task is a usage error, before anything opens. */
	values = s->scope == CMD_TASKS ? trailing_values(s) : 0;
	for (k = 0; s->scope == CMD_TASKS && k < n - values; k++)
		if (task_number(argv[k]) == -1)
			cmd_usage_die(c, "'%s' is not a task: name one by its"
			    " number (as 'file list' shows) or by its imported"
			    " id, id:VALUE", argv[k]);
	rc = EXIT_FAILURE_DATA;
	switch (s->scope) {
	case CMD_NO_STORE:
		break;
	case CMD_ANYONE:
		if (ctx_open(c) == -1)
			goto out;
		break;
	case CMD_GLOBAL:
		if (ctx_open(c) == -1 || ctx_require(c, s->act, 0) == -1)
			goto out;
		break;
	case CMD_PROJECT:
		if (ctx_open(c) == -1 || load_project(c, argv[0], s->act) == -1)
			goto out;
		break;
	case CMD_TASKS:
		if (ctx_open(c) == -1 ||
		    load_tasks(c, s->act, n - values, argv) == -1)
			goto out;
		break;
	}
	rc = s->run(c, opts, n, argv);
	if (!c->noticed)
		ctx_notice(c, 1);
out:
	unload(c);
	free(opts);
	return rc;
}

void
cmd_help(const struct cmd_entry *e, FILE *f)
{
	struct opt_set	set = { NULL, NULL };

	if (e->nsubs == 1 && e->subs[0].name == NULL)
		set.opts = e->subs[0].opts;
	usage_print(f, e->usage, &set, 1);
}

void
cmd_usage_die(const struct ctx *c, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	usage_vdie(c->usage, c->sets, c->nsets, fmt, ap);
}
