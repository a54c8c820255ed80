/* scalec export: a project's tasks with their predictions and every
 * annotation (drafts too), written by a format of the table
 * (formats/format.h): JSONL unless --format or -o's extension says (the
 * shape import reads, so export | import round-trips). The output goes to
 * a sink (util/sink.h): stdout, or with -o a temporary file in the same
 * folder, renamed over FILE only when all of it is written, so that a
 * failed or interrupted export never leaves half a file. A format that
 * writes a folder needs -o FOLDER; each of its files is written so. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "formats/format.h"
#include "model/config.h"
#include "model/state.h"
#include "store/export.h"
#include "store/near.h"
#include "store/project.h"
#include "store/store.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/opt.h"
#include "util/progress.h"
#include "util/sink.h"
#include "util/xmalloc.h"

struct export_opts {
	const struct format	*format;
	const char		*output;
	const char		*state;
	const char		*user;
	struct opt_time		 since;
	int			 follow;
	int			 annotations;	/* enum export_annotations */
	int			 csv_layout;	/* enum csv_layout */
	int			 csv_raw;
};

static const char *const layout_names[] = {
	[CSV_LAYOUT_TASK] = "task",
	[CSV_LAYOUT_ANNOTATION] = "annotation",
};

/* --csv-layout task|annotation. */
static int
parse_layout(const char *arg, void *dst, char *err, size_t errlen)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(layout_names); i++)
		if (strcmp(arg, layout_names[i]) == 0) {
			*(int *)dst = (int)i;
			return 0;
		}
	snprintf(err, errlen, "'%s' is neither task nor annotation", arg);
	return -1;
}

static const char *const which_names[] = {
	[EXPORT_ALL] = "all",
	[EXPORT_ACCEPTED] = "accepted",
	[EXPORT_FINAL] = "final",
};

static int
parse_which(const char *arg, void *dst, char *err, size_t errlen)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(which_names); i++)
		if (strcmp(arg, which_names[i]) == 0) {
			*(int *)dst = (int)i;
			return 0;
		}
	snprintf(err, errlen, "'%s' is none of all, accepted and final", arg);
	return -1;
}

#define T	struct export_opts
static const struct opt export_opts[] = {
	OPT_PARSE_FN('f', "format", T, format, const struct format *,
	    "FORMAT", cmd_format_write_help, cmd_parse_format_write),
	OPT_STRING('o', "output", T, output, "FILE",
	    "write FILE (atomically) instead of stdout"),
	OPT_FLAG(0, "follow-symlinks", T, follow,
	    "write the file a symbolic link FILE names"),
	OPT_PARSE(0, "state", T, state, const char *, "STATE",
	    "only annotations in STATE (" ANNOTATION_STATE_NAMES ")",
	    cmd_parse_state),
	OPT_STRING(0, "user", T, user, "USER", "only annotations by USER"),
	OPT_TIME(0, "since", T, since, "TIME",
	    "only annotations changed since TIME (2026-01-31, 7d, ...)"),
	OPT_PARSE(0, "annotations", T, annotations, int, "WHICH",
	    "all (the default), accepted (accepted or fixed, the fix as the"
	    " result) or final (one result per task)", parse_which),
	OPT_PARSE(0, "csv-layout", T, csv_layout, int, "LAYOUT",
	    "csv, tsv: a row per task (task, the default: import reads it"
	    " back) or per annotation (annotation)", parse_layout),
	OPT_FLAG(0, "csv-raw", T, csv_raw,
	    "csv, tsv: no \"'\" before a cell that starts with = + - @"
	    " (a spreadsheet would run it)"),
	OPT_END
};
#undef T

static const char *const export_usage[] = {
	"scalec export PROJECT [--format FORMAT] [-o FILE [--follow-symlinks]]",
	"           [--state STATE] [--user USER] [--since TIME]",
	"           [--annotations all|accepted|final]",
	"           [--csv-layout task|annotation] [--csv-raw]",
	"",
	"Writes PROJECT's tasks, predictions and annotations in a FORMAT of"
	" --format.",
	"By default a line is a task in the shape 'scalec import' reads. See",
	"scalec-export(1).",
	NULL
};

struct export_run {
	struct writer		 w;
	int64_t			 tasks;
	int64_t			 annotations;
	int64_t			 left_out;	/* --annotations final */
	int64_t			 left[5];	/* the first of them */
};

/* A signal that ends the export removes its temporary files first. */
static void
remove_tmp(int sig)
{
	sink_remove_temporaries();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
export_error_handler(int is_warning, const char *msg)
{
	progress_clear();
	fflush(stdout);
	fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "", msg);
}

static int
write_task(const struct out_task *t, void *arg)
{
	struct export_run	*run = arg;

	if (writer_write(&run->w, t) == -1)
		return -1;
	run->tasks++;
	run->annotations += (int64_t)t->nannotations;
	progress_step(1);
	return 0;
}

/* A task whose accepted annotations differ, with no final answer. */
static void
left_out(int64_t task, void *arg)
{
	struct export_run	*run = arg;

	if (run->left_out < (int64_t)ARRAY_SIZE(run->left))
		run->left[run->left_out] = task;
	run->left_out++;
	progress_step(1);
}

static void
say_left_out(const struct export_run *run)
{
	char	tasks[128];
	size_t	i, n, len = 0;

	if (run->left_out == 0)
		return;
	n = run->left_out < (int64_t)ARRAY_SIZE(run->left) ?
	    (size_t)run->left_out : ARRAY_SIZE(run->left);
	tasks[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(tasks + len, sizeof tasks - len,
		    "%s%lld", i > 0 ? ", " : "", (long long)run->left[i]);
	warning("left out %lld task%s whose accepted annotations differ and"
	    " that %s no final answer (task%s %s%s): 'scalec review final"
	    " TASK --from ANNOTATION' settles one", (long long)run->left_out,
	    run->left_out == 1 ? "" : "s", run->left_out == 1 ? "has" :
	    "have", run->left_out == 1 ? "" : "s", tasks,
	    run->left_out > (int64_t)n ? ", ..." : "");
}

static int
export_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct export_opts	*o = opts;
	const struct project	*p = c->project;
	struct user		 u = USER_INIT;
	struct export_filter	 flt = EXPORT_FILTER_INIT;
	struct export_run	 run = { 0 };
	struct writer_opts	 wo = { 0 };
	struct config		*cfg = NULL;
	struct sink		*sink = NULL;
	const struct format	*fmt = o->format;
	const char		*out = o->output;
	char			*vis;
	int			 rc, ret = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	flt.state = o->state;
	flt.user = o->user;
	flt.has_since = o->since.given;
	flt.since = o->since.t;
	flt.annotations = (enum export_annotations)o->annotations;
	flt.left_out = left_out;
	if (flt.annotations != EXPORT_ALL && flt.state != NULL)
		cmd_usage_die(c, "--state and --annotations %s exclude each"
		    " other", which_names[flt.annotations]);
	if (flt.annotations == EXPORT_FINAL && (flt.user != NULL ||
	    flt.has_since))
		cmd_usage_die(c, "--annotations final is one result per task:"
		    " it takes no --%s", flt.user != NULL ? "user" : "since");
	/* Standard output, by either name (/dev/stdout is a link to a
	 * descriptor, which -o would refuse as a link). */
	if (out != NULL && (strcmp(out, "-") == 0 || strcmp(out,
	    "/dev/stdout") == 0))
		out = NULL;
	if (fmt == NULL && (out == NULL ||
	    (fmt = format_guess(out, FORMAT_WRITES)) == NULL))
		fmt = &format_jsonl;
	if ((o->csv_layout != CSV_LAYOUT_TASK || o->csv_raw) &&
	    fmt != &format_csv && fmt != &format_tsv)
		cmd_usage_die(c, "--%s is for csv and tsv, not %s",
		    o->csv_raw ? "csv-raw" : "csv-layout", fmt->name);
	wo.csv_layout = (enum csv_layout)o->csv_layout;
	wo.csv_raw = o->csv_raw;
	if (o->follow && out == NULL)
		cmd_usage_die(c, "--follow-symlinks is for -o FILE");
	if ((fmt->flags & FORMAT_FOLDER) && out == NULL)
		cmd_usage_die(c, "%s writes a folder: name it with -o FOLDER",
		    fmt->name);
	if (flt.user != NULL && (rc = store_user_get(c->st, flt.user, &u))
	    != 1) {
		if (rc == 0)
			store_no_user(c->st, "--user: ", flt.user,
			    "'scalec user list' shows them");
		goto out;
	}
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) == NULL)
		goto out;
	if (out != NULL) {
		signal(SIGINT, remove_tmp);
		signal(SIGTERM, remove_tmp);
		signal(SIGHUP, remove_tmp);
		signal(SIGPIPE, remove_tmp);
		/* Past a size limit, write fails (EFBIG), reported. */
		signal(SIGXFSZ, SIG_IGN);
	}
	if (out == NULL)
		sink = sink_open_stdout();
	else if ((fmt->flags & FORMAT_FOLDER))
		sink = sink_open_dir(out, o->follow ? SINK_FOLLOW_SYMLINKS : 0);
	else
		sink = sink_open_path(out, o->follow ? SINK_FOLLOW_SYMLINKS :
		    0);
	if (sink == NULL)
		goto out;
	error_set_handler(export_error_handler);
	progress_start(out != NULL ? out : "export", (uint64_t)p->task_count);
	if ((rc = writer_begin_opts(&run.w, fmt, cfg, sink, &wo)) == 0) {
		rc = store_export(c->st, p->id, &flt, write_task, &run);
		if (writer_end(&run.w, rc == 0) == -1)
			rc = -1;
	}
	progress_done();
	if (rc != 0 || sink_error(sink)) {
		if (rc != -1 || sink_error(sink))
			error("%s: writing failed: %s", sink_name(sink),
			    strerror(errno));
		goto out;
	}
	rc = sink_commit(sink);
	sink = NULL;
	if (rc == -1)
		goto out;
	say_left_out(&run);
	if (out != NULL) {
		vis = escape_dup(out, 0);	/* a file name is any bytes */
		printf("Exported %lld task%s (%lld annotation%s) of %s to"
		    " %s.\n", (long long)run.tasks, run.tasks == 1 ? "" : "s",
		    (long long)run.annotations, run.annotations == 1 ? "" :
		    "s", p->name, vis);
		free(vis);
	}
	ret = 0;
out:
	error_set_handler(NULL);
	sink_abort(sink);
	config_free(cfg);
	user_release(&u);
	return ret;
}

static const struct cmd_sub export_sub = {
	NULL, "PROJECT", CMD_PROJECT, ACT_EXPORT, export_opts,
	sizeof(struct export_opts), NULL, export_run
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.summary = "export tasks, predictions and annotations as",
	.usage = export_usage,
	.formats = FORMAT_WRITES,
	.subs = &export_sub,
	.nsubs = 1,
};
