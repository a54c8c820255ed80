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
#include "model/answer.h"
#include "formats/tags.h"
#include "model/config.h"
#include "model/state.h"
#include "quality/consensus.h"
#include "store/export.h"
#include "store/near.h"
#include "store/project.h"
#include "store/store.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
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
	int			 voc_one_based;
	int			 empty_files;
	int			 scheme;	/* enum tag_scheme */
	int			 skip_misaligned;
	int			 csv_layout;	/* enum csv_layout */
	int			 csv_raw;
	const char		*ls_config;
	enum offset_unit	 offsets;
};

/* --offsets UNIT (formats/offsets.h). */
static int
parse_offsets(const char *arg, void *dst, char *err, size_t errlen)
{
	return offset_unit_parse(arg, dst, err, errlen);
}

/* --scheme NAME (formats/tags.h). */
static int
parse_scheme(const char *arg, void *dst, char *err, size_t errlen)
{
	enum tag_scheme	s;

	if (tag_scheme_parse(arg, &s, err, errlen) == -1)
		return -1;
	*(int *)dst = (int)s;
	return 0;
}

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
	[EXPORT_CONSENSUS] = "consensus",
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
	snprintf(err, errlen, "'%s' is none of all, accepted, final and"
	    " consensus", arg);
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
	    " result), final (one result per task) or consensus (one result"
	    " per task made of its annotations, with its agreement)",
	    parse_which),
	OPT_FLAG(0, "voc-one-based", T, voc_one_based,
	    "voc: write the devkit's 1-based indices"),
	OPT_FLAG(0, "empty-files", T, empty_files,
	    "yolo: an empty label file for an image with no boxes"),
	OPT_PARSE(0, "scheme", T, scheme, int, "SCHEME",
	    "CoNLL tags: iob2 (the default), iob1, bioes or biluo",
	    parse_scheme),
	OPT_FLAG(0, "skip-misaligned", T, skip_misaligned,
	    "leave out tasks whose spans are not on token boundaries (CoNLL)"),
	OPT_PARSE(0, "csv-layout", T, csv_layout, int, "LAYOUT",
	    "csv, tsv: a row per task (task, the default: import reads it"
	    " back) or per annotation (annotation)", parse_layout),
	OPT_FLAG(0, "csv-raw", T, csv_raw,
	    "csv, tsv: no \"'\" before a cell that starts with = + - @"
	    " (a spreadsheet would run it)"),
	OPT_STRING(0, "ls-config", T, ls_config, "FILE",
	    "labelstudio: the controls' names of this Label Studio XML"
	    " label config"),
	OPT_PARSE(0, "offsets", T, offsets, enum offset_unit, "UNIT",
	    "doccano: the span offsets written: codepoint, utf16 (the"
	    " default) or grapheme", parse_offsets),
	OPT_END
};
#undef T

static const char *const export_usage[] = {
	"scalec export PROJECT [--format FORMAT] [-o FILE [--follow-symlinks]]",
	"           [--state STATE] [--user USER] [--since TIME]",
	"           [--annotations all|accepted|final|consensus]",
	"           [--voc-one-based] [--empty-files] [--scheme SCHEME]",
	"           [--skip-misaligned] [--csv-layout task|annotation]",
	"           [--csv-raw] [--ls-config FILE] [--offsets UNIT]",
	"",
	"Writes PROJECT's tasks, predictions and annotations in a FORMAT of"
	" --format.",
	"By default a line is a task in the shape 'scalec import' reads. See",
	"scalec-export(1).",
	NULL
};

struct export_run {
	struct writer		 w;
	const struct config	*cfg;
	int64_t			 split;		/* consensus: tasks without */
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

/*
 * --annotations consensus: the task with one annotation, its consensus
 * (quality/consensus.h) over the answers in force, or its final answer
 * where it has one, with the agreement and the number of annotators.
 */
static int
write_consensus(struct export_run *run, const struct out_task *t)
{
	struct answer_task	 at;
	struct answer		**ans;
	struct consensus	 cons = CONSENSUS_INIT;
	struct out_annotation	 one;
	struct out_task		 ct = *t;
	json_t			*j, *split;
	char			*result, *splits = NULL;
	size_t			 i, n = 0;
	int			 rc;

	/* A gold task has its known answer, written as "gold"; its
	 * answers are scored against it, not combined. */
	if (t->gold != NULL) {
		ct.annotations = NULL;
		ct.nannotations = 0;
		return writer_write(&run->w, &ct);
	}
	memset(&at, 0, sizeof at);
	if (strcmp(t->kind, "image") == 0) {
		at.width = t->width;
		at.height = t->height;
	} else {
		at.text = t->text != NULL ? t->text : "";
		at.text_len = strlen(at.text);
	}
	ans = xcalloc(t->nannotations + 1, sizeof *ans);
	for (i = 0; i < t->nannotations; i++) {
		ans[n] = answer_new(run->cfg, &at);
		j = json_loads(t->annotations[i].result, 0, NULL);
		answer_load_lenient(ans[n++], j);
		json_decref(j);
	}
	consensus_compute(run->cfg, ans, n, run->cfg->consensus_min, &cons);
	memset(&one, 0, sizeof one);
	one.consensus = 1;
	one.annotators = (int)n;
	one.has_agreement = cons.has_agreement;
	one.agreement = cons.agreement;
	if (t->final != NULL) {
		/* Settled: the final answer wins, as --annotations final. */
		one.user = t->final->settled_by;
		one.state = "final";
		one.result = t->final->result;
		one.created_at = one.updated_at = t->final->created_at;
		result = NULL;
	} else {
		j = consensus_emit(&cons);
		result = jsonout_dumps(j, JSON_COMPACT);
		json_decref(j);
		one.user = "consensus";
		one.state = "consensus";
		one.result = result;
		split = json_array();
		for (i = 0; i < cons.n; i++)
			if (cons.c[i].outcome == CONS_SPLIT ||
			    cons.c[i].outcome == CONS_NO_RULE)
				json_array_append_new(split, json_string(
				    run->cfg->controls[i].name));
		if (json_array_size(split) > 0) {
			splits = jsonout_dumps(split, JSON_COMPACT);
			run->split++;
		}
		json_decref(split);
		one.no_consensus = splits;
		one.created_at = one.updated_at = "";
		for (i = 0; i < t->nannotations; i++)
			if (strcmp(t->annotations[i].updated_at,
			    one.updated_at) > 0)
				one.updated_at = t->annotations[i].updated_at;
		one.created_at = one.updated_at;
	}
	ct.annotations = &one;
	ct.nannotations = 1;
	rc = writer_write(&run->w, &ct);
	free(result);
	free(splits);
	consensus_release(&cons);
	for (i = 0; i < n; i++)
		answer_free(ans[i]);
	free(ans);
	return rc;
}

static int
write_task(const struct out_task *t, void *arg)
{
	struct export_run	*run = arg;

	if (run->cfg != NULL) {
		if (write_consensus(run, t) == -1)
			return -1;
		run->tasks++;
		run->annotations++;
		progress_step(1);
		return 0;
	}
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

/* Whether the last part of path has an extension (a dot, not its first
 * byte, with something after it). */
static int
has_extension(const char *path)
{
	const char	*base = strrchr(path, '/'), *dot;

	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	return dot != NULL && dot > base && dot[1] != '\0';
}

/* -o FILE whose extension no format writes: refused with the ones that
 * say a format (a name without one is JSONL, the default). */
static void
unknown_extension(const char *out)
{
	struct buf		 b = BUF_INIT;
	const struct format	*f;
	size_t			 i;

	for (i = 0; (f = format_at(i)) != NULL; i++) {
		if (!(f->flags & FORMAT_WRITES) || f->extensions[0] == '\0')
			continue;
		buf_printf(&b, "%s%s (%s)", b.len > 0 ? ", " : "",
		    f->extensions, f->name);
	}
	error("%s: cannot tell the format from the name; give --format, or"
	    " end the name in one of: %s", out, buf_str(&b));
	buf_release(&b);
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
	if ((flt.annotations == EXPORT_FINAL ||
	    flt.annotations == EXPORT_CONSENSUS) && (flt.user != NULL ||
	    flt.has_since))
		cmd_usage_die(c, "--annotations %s is one result per task:"
		    " it takes no --%s", which_names[flt.annotations],
		    flt.user != NULL ? "user" : "since");
	/* Standard output, by either name (/dev/stdout is a link to a
	 * descriptor, which -o would refuse as a link). */
	if (out != NULL && (strcmp(out, "-") == 0 || strcmp(out,
	    "/dev/stdout") == 0))
		out = NULL;
	if (fmt == NULL && out != NULL &&
	    (fmt = format_guess(out, FORMAT_WRITES)) == NULL &&
	    has_extension(out)) {
		unknown_extension(out);
		return EXIT_FAILURE_DATA;
	}
	if (fmt == NULL)
		fmt = &format_jsonl;
	if ((o->csv_layout != CSV_LAYOUT_TASK || o->csv_raw) &&
	    fmt != &format_csv && fmt != &format_tsv)
		cmd_usage_die(c, "--%s is for csv and tsv, not %s",
		    o->csv_raw ? "csv-raw" : "csv-layout", fmt->name);
	if (o->ls_config != NULL && fmt != &format_labelstudio &&
	    fmt != &format_labelstudio_min)
		cmd_usage_die(c, "--ls-config is for labelstudio and"
		    " labelstudio-min, not %s", fmt->name);
	if (o->offsets != OFFSETS_DEFAULT && fmt != &format_doccano)
		cmd_usage_die(c, "--offsets is for doccano, not %s",
		    fmt->name);
	wo.ls_config = o->ls_config;
	wo.offsets = o->offsets;
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
	if (flt.annotations == EXPORT_CONSENSUS)
		run.cfg = cfg;
	if (out != NULL) {
		signal(SIGINT, remove_tmp);
		signal(SIGTERM, remove_tmp);
		signal(SIGHUP, remove_tmp);
		signal(SIGPIPE, remove_tmp);
		/* An abort (a failed assertion, a heap check) too. */
		signal(SIGABRT, remove_tmp);
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
	wo.one_based = o->voc_one_based;
	wo.empty_files = o->empty_files;
	wo.scheme = o->scheme;
	wo.skip_misaligned = o->skip_misaligned;
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
	if (run.cfg != NULL && run.split > 0)
		warning("%lld of %lld task%s had no consensus (their"
		    " annotations' no_consensus names the controls): 'scalec"
		    " file list %s --disagreement' lists them", (long long)
		    run.split, (long long)run.tasks, run.tasks == 1 ? "" : "s",
		    p->name);
	if (out != NULL) {
		vis = escape_dup(out, 0);	/* a file name is any bytes */
		printf("Exported %lld task%s (%lld annotation%s) of %s to"
		    " %s.\n", (long long)run.tasks, run.tasks == 1 ? "" : "s",
		    (long long)run.annotations, run.annotations == 1 ? "" :
		    "s", p->name, vis);
		free(vis);
	}
	if (run.w.note[0] != '\0')
		printf("%s.\n", run.w.note);
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
