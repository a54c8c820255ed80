/* scalec demo: a demo database with six sample projects from share/demo
 * (topic classification, sentiment, named entities, shapes in
 * pictures to classify, to box and to outline), made by running the
 * same commands a user would run, then the labeler on one of them (or,
 * with --review, the review screen: two demo annotators, ana and ben,
 * have submitted a few annotations, some of them wrong). It uses
 * a database of its own (demo.db beside the default database) unless --db
 * or SCALEC_DB names one, so it never touches real work. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "store/project.h"
#include "store/store.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/opt.h"
#include "util/xmalloc.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/scalec"
#endif
#ifndef SRCSHAREDIR
#define SRCSHAREDIR PKGDATADIR
#endif

/* The demo's projects: what `scalec project create` is given, and data. */
static const struct demo_project {
	const char	*name;
	const char	*type;
	const char	*labels;	/* NULL: the type's default */
	const char	*description;
	const char	*stem;		/* share/demo/STEM.jsonl and STEM.md */
} demo_projects[] = {
	{ "news-ner", "ner", "PER,ORG,LOC",
	    "people, organisations and places in news sentences", "ner" },
	{ "news-topics", "text-classification", "World,Business,Sports,SciTech",
	    "the topic of news headlines", "news" },
	{ "reviews-sentiment", "sentiment", NULL,
	    "the feeling of product reviews", "reviews" },
	{ "shapes", "image-classification", "circle,square,triangle",
	    "the shape in each picture", "shapes" },
	{ "shapes-boxes", "object-detection", "circle,square,triangle",
	    "a box around each shape in the pictures", "shapes-boxes" },
	{ "shapes-polygons", "semantic-segmentation", "circle,square,triangle",
	    "the outline of each shape in the pictures", "shapes-polygons" },
};

/* The demo's annotators, whose submitted annotations share/demo holds. */
static const char *const demo_people[] = { "ana", "ben" };

struct demo_opts {
	int	 reset;
	int	 no_annotate;
	int	 review;
};

static const struct opt demo_opts[] = {
	OPT_FLAG(0, "reset", struct demo_opts, reset,
	    "start again from a fresh demo database"),
	OPT_FLAG(0, "no-annotate", struct demo_opts, no_annotate,
	    "set up, but do not open the labeler"),
	OPT_FLAG(0, "review", struct demo_opts, review,
	    "open the review screen on the demo people's annotations"),
	OPT_END
};

static const char *const demo_usage[] = {
	"scalec demo [--reset] [--no-annotate] [--review] [PROJECT]",
	"",
	"Makes a demo database (demo.db beside the default database, unless",
	"--db or SCALEC_DB say otherwise) with sample projects, then opens the",
	"labeler on PROJECT (default news-ner), or with --review the review",
	"screen on the annotations two demo people submitted there.",
	NULL
};

const char *
cmd_demo_project(size_t i)
{
	return i < sizeof demo_projects / sizeof demo_projects[0] ?
	    demo_projects[i].name : NULL;
}

/* "news-ner, news-topics, ...": the demo's projects, from the table. */
static const char *
demo_names(void)
{
	static char	names[256];
	size_t		i;

	if (names[0] == '\0')
		for (i = 0; i < sizeof demo_projects /
		    sizeof demo_projects[0]; i++)
			snprintf(names + strlen(names), sizeof names -
			    strlen(names), "%s%s", i > 0 ? ", " : "",
			    demo_projects[i].name);
	return names;
}

/* The folder with the demo data: installed, or in the source tree when
 * scalec runs from its build directory. */
static const char *
demo_dir(void)
{
	static const char *const dirs[] = { PKGDATADIR "/demo",
	    SRCSHAREDIR "/demo" };
	const char	*env = getenv("SCALEC_SHARE");
	static char	 buf[4096];
	size_t		 i;

	if (env != NULL && *env != '\0') {
		snprintf(buf, sizeof buf, "%s/demo/ner.jsonl", env);
		if (access(buf, R_OK) == -1)
			return NULL;
		snprintf(buf, sizeof buf, "%s/demo", env);
		return buf;
	}
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		snprintf(buf, sizeof buf, "%s/ner.jsonl", dirs[i]);
		if (access(buf, R_OK) == 0)
			return dirs[i];
	}
	return NULL;
}

/* Runs one scalec command in this process, as the user would type it. */
static int
run(struct ctx *c, const struct cmd_entry *cmd, char **argv)
{
	int	argc = 0, rc;

	while (argv[argc] != NULL)
		argc++;
	rc = cmd_run(c, cmd, argc, argv);
	ctx_release(c);
	return rc;
}

static int
populate(struct ctx *c, const char *dir)
{
	const struct demo_project	*p;
	char				*data, *instr;
	size_t				 i;
	int				 rc = 0;

	if (run(c, &cmd_init_entry, (char *[]){ "init", NULL }) != 0)
		return -1;
	for (i = 0; rc == 0 && i < sizeof demo_people / sizeof demo_people[0];
	    i++)
		rc = run(c, &cmd_user_entry, (char *[]){ "user", "add",
		    (char *)demo_people[i], "--role", "annotator", NULL });
	for (i = 0; rc == 0 && i < sizeof demo_projects /
	    sizeof demo_projects[0]; i++) {
		p = &demo_projects[i];
		instr = xasprintf("%s/%s.md", dir, p->stem);
		data = xasprintf("%s/%s.jsonl", dir, p->stem);
		if (p->labels != NULL)
			rc = run(c, &cmd_project_entry, (char *[]){ "project",
			    "create", (char *)p->name, "--type", (char *)p->type,
			    "--labels", (char *)p->labels, "--description",
			    (char *)p->description, "--instructions", instr,
			    NULL });
		else
			rc = run(c, &cmd_project_entry, (char *[]){ "project",
			    "create", (char *)p->name, "--type", (char *)p->type,
			    "--description", (char *)p->description,
			    "--instructions", instr, NULL });
		if (rc == 0)
			rc = run(c, &cmd_import_entry, (char *[]){ "import",
			    (char *)p->name, data, NULL });
		free(instr);
		free(data);
	}
	return rc == 0 ? 0 : -1;
}

static void
remove_db(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	size_t	i;
	char	*f;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		f = xasprintf("%s%s", path, suffixes[i]);
		if (unlink(f) == -1 && errno != ENOENT)
			warning("%s: %s", f, strerror(errno));
		free(f);
	}
}

/* Stops at the first project that is not one of the demo's, keeping its
 * name in arg (a char ** for the caller to free). */
static int
not_demo_project(const struct project *p, void *arg)
{
	size_t	i;

	for (i = 0; i < sizeof demo_projects / sizeof demo_projects[0]; i++)
		if (strcmp(p->name, demo_projects[i].name) == 0)
			return 0;
	*(char **)arg = xstrdup(p->name);
	return 1;
}

/* 1 when the database at path holds only demo projects, so that --reset
 * may delete it; else 0, after saying why. */
static int
is_demo_db(const char *path)
{
	struct store	*st;
	char		*other = NULL;
	int		 rc;

	if ((st = store_open(path, STORE_READONLY)) == NULL) {
		error("%s: not resetting it: --reset deletes only a demo"
		    " database", path);
		return 0;
	}
	rc = store_project_each(st, not_demo_project, &other);
	store_close(st);
	if (rc == 0)
		return 1;
	if (other != NULL)
		error("%s: not resetting it: it holds project '%s', which is"
		    " not a demo project (--db and SCALEC_DB name the database"
		    " the demo uses, and --reset deletes it)", path, other);
	free(other);
	return 0;
}

/* demo.db beside the default database, when nothing names a database. */
static char *
demo_db_path(struct ctx *c)
{
	const char	*env = getenv("SCALEC_DB"), *data;
	const char	*home = getenv("HOME");

	if (c->db_opt != NULL)
		return xstrdup(c->db_opt);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if ((data = getenv("XDG_DATA_HOME")) != NULL && *data != '\0')
		return xasprintf("%s/scalec/demo.db", data);
	return xasprintf("%s/.local/share/scalec/demo.db", home ? home : "");
}

/* The store is the demo's own, made here: nothing is opened for it. */
static int
demo_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct demo_opts	*o = opts;
	const char		*dir, *project = demo_projects[0].name, *env;
	const char		*screen;
	char			*path, *vis;
	int			 reset = o->reset, rc = 0, named;
	size_t			 i;

	if (argc == 1) {
		project = argv[0];
		for (i = 0; i < sizeof demo_projects /
		    sizeof demo_projects[0]; i++)
			if (strcmp(project, demo_projects[i].name) == 0)
				break;
		if (i == sizeof demo_projects / sizeof demo_projects[0])
			cmd_usage_die(c, "no demo project '%s' (%s)", project,
			    demo_names());
	}
	if ((dir = demo_dir()) == NULL) {
		error("the demo data (share/demo) is not installed: reinstall"
		    " scalec, or point SCALEC_SHARE at its share folder");
		return EXIT_FAILURE_DATA;
	}
	named = c->db_opt != NULL || ((env = getenv("SCALEC_DB")) != NULL &&
	    *env != '\0');
	path = demo_db_path(c);
	/* A database someone named may be real work: reset only a demo. */
	if (reset && named && access(path, F_OK) == 0 && !is_demo_db(path)) {
		free(path);
		return EXIT_FAILURE_DATA;
	}
	c->db_opt = path;
	if (reset)
		remove_db(path);
	if (access(path, F_OK) == -1) {
		if (populate(c, dir) == -1) {
			remove_db(path);
			error("the demo could not be set up");
			rc = EXIT_FAILURE_DATA;
			goto out;
		}
		vis = escape_dup(path, 0);
		printf("\nThe demo database is %s.\n", vis);
		free(vis);
	}
	screen = o->review ? "review" : "annotate";
	if (!o->no_annotate && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    cmd_find(screen) != NULL) {
		rc = run(c, cmd_find(screen), (char *[]){ (char *)screen,
		    (char *)project, NULL });
		goto out;
	}
	vis = escape_dup(path, 0);
	printf("Try:\n"
	    "  scalec --db %s project list\n"
	    "  scalec --db %s project show %s\n"
	    "  scalec --db %s annotate %s\n"
	    "  scalec --db %s review %s\n"
	    "  scalec --db %s export %s\n", vis, vis, project, vis,
	    project, vis, project, vis, project);
	free(vis);
out:
	c->db_opt = NULL;
	free(path);
	return rc;
}

static const struct cmd_sub demo_sub = {
	NULL, "[PROJECT]", CMD_NO_STORE, 0, demo_opts,
	sizeof(struct demo_opts), NULL, demo_run
};

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.summary = "set up a demo database and open the labeler on it",
	.usage = demo_usage,
	.subs = &demo_sub,
	.nsubs = 1,
};
