/* scalec file: tasks from files. add hands the files it is given to
 * ingest (formats/ingest.h), which walks directories and decides what each
 * file is by its bytes, and adds the records it yields as tasks in one
 * transaction, so a bad file adds nothing; list, show and remove work on
 * the tasks. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "formats/format.h"
#include "formats/ingest.h"
#include "model/config.h"
#include "model/record.h"
#include "store/import.h"
#include "store/project.h"
#include "store/store.h"
#include "store/assign.h"
#include "store/gold.h"
#include "store/task.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/input.h"
#include "util/jsonout.h"
#include "util/opt.h"
#include "util/progress.h"
#include "util/table.h"
#include "util/xmalloc.h"

/* Bytes of text kept for a list preview, before the table trims it. */
#define PREVIEW_BYTES	240

static const char *const file_usage[] = {
	"scalec file add PROJECT PATH... [--lines] [--allow-duplicates] [--json]",
	"scalec file list PROJECT [--status STATUS] [--limit N] [--offset N]",
	"    [--after ID] [--json]",
	"scalec file show TASK [--project PROJECT] [--json]",
	"scalec file remove TASK... [--project PROJECT] [--yes] [--json]",
	"scalec file priority TASK... N [--project PROJECT] [--json]",
	"scalec file release TASK [--user USER] [--project PROJECT] [--json]",
	"scalec file gold TASK (--result JSON|- | --from-annotation ID | --clear)",
	"    [--project PROJECT] [--json]",
	"",
	"add: what a file is comes from its bytes, not its name. A text (UTF-8)",
	"is one task, or one per non-empty line with --lines; an image (PNG,",
	"JPEG, GIF, BMP, WebP, PGM, PPM) is a task by its path; a PDF's text",
	"comes from pdftotext; directories are walked in sorted order; - reads",
	"a text or an image from standard input. Other files are listed and",
	"skipped, and so is a file the project has from the same path with the",
	"same content, unless --allow-duplicates. remove says what would be",
	"lost and asks, or needs --yes off a terminal.",
	"Statuses: " TASK_STATUS_NAMES ".",
	"A TASK is its number (42), or its imported id (id:VALUE) with",
	"--project. priority sets the tasks' priority (higher first in the",
	"labeler; -- before a negative N). release frees a task that a",
	"person's draft holds: the draft becomes a skip, kept. gold gives a",
	"task its known answer (a result, checked as any), from a reviewed",
	"annotation, or takes it away: gold tasks are served unannounced by",
	"the project's gold_rate and scored on submit (scalec member scores).",
	"See scalec-file(1).",
	NULL
};

struct file_opts {
	int		 lines;
	int		 status;	/* -1: any */
	int		 json;
	struct page	 page;		/* list's --limit, --offset, --after */
	int		 allow_duplicates;
	int		 yes;
	const char	*user;		/* release --user */
	const char	*result;	/* gold --result */
	long		 from_annotation;	/* gold --from-annotation */
	int		 clear;		/* gold --clear */
	int		 disagreement;	/* list the tasks without consensus */
};

static const struct file_opts file_defaults = { 0, -1, 0, PAGE_ALL, 0, 0,
    NULL, NULL, 0, 0, 0 };

static int
parse_status(const char *arg, void *dst, char *err, size_t errlen)
{
	if ((*(int *)dst = task_status_from_name(arg)) < 0) {
		snprintf(err, errlen, "'%s' is not a status (%s)", arg,
		    TASK_STATUS_NAMES);
		return -1;
	}
	return 0;
}

#define JSON_OPT	OPT_FLAG(0, "json", struct file_opts, json, "print JSON")

static const struct opt add_opts[] = {
	OPT_FLAG('l', "lines", struct file_opts, lines,
	    "one task per non-empty line of text"),
	OPT_FLAG(0, "allow-duplicates", struct file_opts, allow_duplicates,
	    "add a file the project has from the same path with the same"
	    " content"),
	JSON_OPT,
	OPT_END
};

static const struct opt list_opts[] = {
	OPT_PARSE('s', "status", struct file_opts, status, int, "STATUS",
	    "only tasks in STATUS (" TASK_STATUS_NAMES ")", parse_status),
	OPT_FLAG(0, "disagreement", struct file_opts, disagreement,
	    "the tasks without consensus, worst first"),
	OPT_PAGE_AFTER(struct file_opts, page),
	JSON_OPT,
	OPT_END
};

static const struct opt json_opts[] = {
	JSON_OPT,
	OPT_END
};

static const struct opt release_opts[] = {
	OPT_STRING('u', "user", struct file_opts, user, "USER",
	    "release only USER's hold (default: everyone's)"),
	JSON_OPT,
	OPT_END
};

static const struct opt gold_opts[] = {
	OPT_STRING(0, "result", struct file_opts, result, "JSON",
	    "the task's known answer, a result as JSON (- reads stdin)"),
	OPT_NUMBER(0, "from-annotation", struct file_opts, from_annotation,
	    "ID", "take the answer of a reviewed (accepted or fixed)"
	    " annotation of the task", 1, LONG_MAX),
	OPT_FLAG(0, "clear", struct file_opts, clear,
	    "take the gold answer away: a normal task again"),
	JSON_OPT,
	OPT_END
};

static const struct opt remove_opts[] = {
	OPT_FLAG('y', "yes", struct file_opts, yes, "do not ask"),
	JSON_OPT,
	OPT_END
};

/* The records of file add, for the store's import: from ingest, with the
 * progress bar moved; nothing at all added is an error. */
struct add {
	struct ingest	*in;
	const char	*project;
	size_t		 stepped;
	int64_t		 given;
	json_t		*duplicates;	/* [{path, line, task}] */
	size_t		 dup_files;	/* of them, whole files */
};

/* Warnings about duplicates beyond this many are only counted. */
#define DUP_WARNINGS	10

/* A record the project has already: said, listed, not added. */
static void
duplicate(void *arg, const struct record *rec, int64_t task)
{
	struct add	*a = arg;
	const char	*path = ingest_path(a->in);
	size_t		 n = json_array_size(a->duplicates);

	if (rec->line == 0)
		a->dup_files++;		/* not a line of --lines */
	if (n < DUP_WARNINGS) {
		if (rec->line != 0)
			warning("%s:%lu: skipped: the same line is task %lld"
			    " of %s", path, rec->line, (long long)task,
			    a->project);
		else
			warning("%s: skipped: already in %s as task %lld",
			    path, a->project, (long long)task);
	} else if (n == DUP_WARNINGS)
		warning("more already in %s: the count follows", a->project);
	json_array_append_new(a->duplicates, json_pack("{s:s, s:I, s:I}",
	    "path", path, "line", (json_int_t)rec->line, "task",
	    (json_int_t)task));
}

static int
next_record(void *arg, struct record *rec)
{
	struct add			*a = arg;
	const struct ingest_stats	*st = ingest_stats(a->in);
	int				 rc;

	if ((rc = ingest_next(a->in, rec)) == 1) {
		a->given++;
		progress_step(st->done - a->stepped);
		a->stepped = st->done;
		return 1;
	}
	if (rc == 0 && a->given == 0)
		return error("nothing added to '%s': no file gave a task (%zu"
		    " skipped)", a->project,
		    json_array_size(ingest_skipped(a->in)));
	return rc;
}

static void
describe(struct buf *b, const struct import_stats *s, void *arg)
{
	struct add	*a = arg;

	buf_printf(b, "%" PRId64 " tasks from %zu files", s->added,
	    ingest_stats(a->in)->gave);
}

static int
file_add(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts		*o = opts;
	const struct project		*p = c->project;
	struct add			 a;
	struct ingest_opts		 io = { 0 };
	struct import_opts		 im;
	struct import_stats		 stats;
	struct actor			 actor;
	const struct ingest_stats	*st;
	struct config			*cfg = NULL;
	char				*images = NULL;
	size_t				 nskipped, ndup, nfiles;
	int				 i, nstdin = 0;
	int				 rc = EXIT_FAILURE_DATA;

	memset(&a, 0, sizeof a);
	a.duplicates = json_array();
	for (i = 1; i < argc; i++)
		nstdin += strcmp(argv[i], "-") == 0;
	if (nstdin > 1)
		cmd_usage_die(c, "- (standard input) may be given once");
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) == NULL)
		goto out;
	io.takes = config_takes(cfg, p->type);
	io.lines = o->lines;
	io.project = p->name;
	io.type = p->type;
	/* A piped image is kept beside the database, which outlives a
	 * pipe: DB.images/HASH.FORMAT (the group's beside the shared
	 * database, written with the group). */
	images = ctx_images_dir(c);
	io.images = images;
	io.images_shared = c->st_shared;
	if ((a.in = ingest_open(argv + 1, (size_t)argc - 1, &io)) == NULL)
		goto out;
	a.project = p->name;
	st = ingest_stats(a.in);
	memset(&im, 0, sizeof im);
	im.project_id = p->id;
	im.project = p->name;
	im.cfg = cfg;
	im.existing = IMPORT_FAIL;
	im.name = "file add";
	im.takes = io.takes;
	im.type = p->type;
	im.next = next_record;
	im.arg = &a;
	im.action = "file.add";
	im.describe = describe;
	im.allow_duplicates = o->allow_duplicates;
	im.by_source = 1;
	im.duplicate = duplicate;
	if (st->files > 1) {
		error_set_handler(progress_error_handler);
		progress_start("adding files", st->files);
	}
	actor = ctx_actor(c);
	im.stop = &cmd_import_signal;
	cmd_import_signals(1);
	i = store_import(c->st, &actor, &im, &stats);
	cmd_import_signals(0);
	if (i == -1 && cmd_import_signal)
		rc = 128 + cmd_import_signal;
	if (i == -1)
		goto out;
	ingest_keep(a.in);
	progress_done();
	/* A whole file already there is skipped; lines are counted. */
	nskipped = json_array_size(ingest_skipped(a.in)) + a.dup_files;
	nfiles = st->gave - a.dup_files;
	ndup = json_array_size(a.duplicates) - a.dup_files;
	if (o->json)
		json_print(json_pack("{s:s, s:I, s:I, s:I, s:I, s:O, s:O}",
		    "project", p->name, "added", (json_int_t)stats.added,
		    "files", (json_int_t)nfiles, "first_id",
		    (json_int_t)stats.first_id, "last_id",
		    (json_int_t)stats.last_id, "skipped", ingest_skipped(a.in),
		    "duplicates", a.duplicates));
	else {
		printf("Added %" PRId64 " task%s to %s from %zu file%s;"
		    " skipped %zu file%s", stats.added, stats.added == 1 ?
		    "" : "s", p->name, nfiles, nfiles == 1 ? "" : "s",
		    nskipped, nskipped == 1 ? "" : "s");
		if (a.dup_files > 0)
			printf(" (%zu already in %s)", a.dup_files, p->name);
		if (ndup > 0)
			printf("; %zu line%s already in %s", ndup, ndup == 1 ?
			    "" : "s", p->name);
		if (ndup + a.dup_files > 0)
			printf("; --allow-duplicates adds them");
		printf(".\n");
	}
	rc = 0;
out:
	progress_done();
	error_set_handler(NULL);
	ingest_close(a.in);
	config_free(cfg);
	json_decref(a.duplicates);
	free(images);
	return rc;
}

/* A preview of a task for a list: the start of its text, or its path. */
static char *
preview(const struct task *t)
{
	const char	*s = t->text != NULL ? t->text : t->image;
	size_t		 len, cut;

	if (s == NULL)
		return xstrdup("");
	len = strlen(s);
	if (t->text == NULL || len <= PREVIEW_BYTES)
		return xstrdup(s);
	/* Cut at a character boundary; the table trims to its width. */
	cut = PREVIEW_BYTES;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return xasprintf("%.*s~", (int)cut, s);
}

/* An image path trimmed from the left, where the file name is. */
static char *
path_tail(const char *path, size_t max)
{
	size_t	len = strlen(path), from;

	if (len <= max)
		return xstrdup(path);
	from = len - (max - 1);
	while (from < len && ((unsigned char)path[from] & 0xc0) == 0x80)
		from++;
	return xasprintf("~%s", path + from);
}

/* file list's columns, one line each: the table's header, the JSON key,
 * the table's trim and the value. */
struct list_arg {
	int	 overlap;
};

/* "alice,bob" (names hold no sep) as a JSON array; NULL is []. */
static json_t *
names_json(const char *names, const char *sep)
{
	json_t		*a = json_array();
	const char	*p = names, *e;

	while (p != NULL && *p != '\0') {
		if ((e = strstr(p, sep)) == NULL)
			e = p + strlen(p);
		json_array_append_new(a, json_stringn(p, (size_t)(e - p)));
		p = *e != '\0' ? e + strlen(sep) : e;
	}
	return a;
}

#define TASK_FIELD(name, make, field)					\
	COLUMN_FIELD(name, struct task, make, field)

TASK_FIELD(col_id, json_integer, id)
/* A task's imported id in its JSON type, as export writes it: 5 and "5"
 * are two ids (formats/format.c's writer_id), or null. */
static json_t *
ext_id_json(const char *ext_id)
{
	return ext_id != NULL ? writer_id(ext_id) : json_null();
}

TASK_FIELD(col_ext_id, ext_id_json, ext_id)
TASK_FIELD(col_kind, json_string, kind)
TASK_FIELD(col_submitted, json_integer, submitted)

static json_t *
col_status(const void *row, const void *arg)
{
	const struct task	*t = row;
	const struct list_arg	*la = arg;

	return json_string(task_status_name(task_status_of(t->submitted,
	    TASK_OVERLAP(t, la->overlap), t->done, t->is_gold)));
}

static json_t *
col_preview(const void *row, const void *arg)
{
	char	*pv = preview(row);
	json_t	*j = json_string(pv);

	(void)arg;
	free(pv);
	return j;
}

/* The table's last column: the start of a text, or an image's path with
 * its file name kept. */
static json_t *
col_text_or_image(const void *row, const void *arg)
{
	const struct task	*t = row;
	char			*s;
	json_t			*j;

	if (t->text != NULL)
		return col_preview(row, arg);
	s = path_tail(t->image != NULL ? t->image : "", 60);
	j = json_string(s);
	free(s);
	return j;
}

static json_t *
col_width(const void *row, const void *arg)
{
	const struct task	*t = row;

	(void)arg;
	return t->image != NULL ? json_integer(t->width) : NULL;
}

static json_t *
col_height(const void *row, const void *arg)
{
	const struct task	*t = row;

	(void)arg;
	return t->image != NULL ? json_integer(t->height) : NULL;
}

/* Who holds the task (a draft or a live lease): the names in the table,
 * an array in JSON. */
static json_t *
col_held_by(const void *row, const void *arg)
{
	const struct task	*t = row;

	(void)arg;
	return json_string(t->holders != NULL ? t->holders : "");
}

static json_t *
col_held_by_json(const void *row, const void *arg)
{
	(void)arg;
	return names_json(((const struct task *)row)->holders, ",");
}

static const struct column list_columns[] = {
	{ "ID",			"id",		0,	col_id },
	{ "EXT ID",		"ext_id",	20,	col_ext_id },
	{ "KIND",		"kind",		0,	col_kind },
	{ "STATUS",		"status",	0,	col_status },
	{ "HELD BY",		NULL,		20,	col_held_by },
	{ NULL,			"held_by",	0,	col_held_by_json },
	{ NULL,			"submitted",	0,	col_submitted },
	{ NULL,			"preview",	0,	col_preview },
	{ "TEXT OR IMAGE",	NULL,		60,	col_text_or_image },
	{ NULL,			"width",	0,	col_width },
	{ NULL,			"height",	0,	col_height },
};

static int
list_row(const struct task *t, void *arg)
{
	return listing_row(arg, t);
}

static int
file_list(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct list_arg		 la = { c->project->overlap };
	struct listing		 l;
	char			 widest[24];
	int64_t			 max;

	(void)argc;
	(void)argv;
	if (o->disagreement) {
		if (o->status >= 0 || o->page.after > 0)
			cmd_usage_die(c, "--disagreement lists by agreement:"
			    " it takes no --%s", o->status >= 0 ? "status" :
			    "after");
		return cmd_disagreement_list(c, o->json, &o->page);
	}
	if ((max = store_task_max_id(c->st)) == -1)
		return EXIT_FAILURE_DATA;
	/* The store applies the window: no page here. */
	listing_start_columns(&l, o->json, list_columns,
	    ARRAY_SIZE(list_columns), &la, NULL);
	/* Ids grow down the list: the column is as wide as the widest. */
	listing_set_min(&l, 0, snprintf(widest, sizeof widest, "%lld",
	    (long long)max));
	return listing_finish(&l, store_task_each(c->st, c->project->id,
	    o->status, &o->page, list_row, &l));
}

static json_t *
json_or_raw(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	if ((j = json_loads(s, JSON_DECODE_ANY, NULL)) == NULL)
		j = json_string(s);
	return j;
}

static int
file_show(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct task		 t = TASK_INIT;
	struct project		 p = PROJECT_INIT;
	struct buf		 b = BUF_INIT;
	int64_t			 nann;
	char			 num[64];
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	if (store_task_get(c->st, c->tasks[0], &t) != 1 ||
	    store_project_get_id(c->st, t.project_id, &p) != 1 ||
	    (nann = store_task_annotations(c->st, t.id)) == -1)
		goto out;
	/* A gold answer is for those who may set one: an annotator who
	 * could read it would answer the gold tasks from it. */
	if (t.gold != NULL && !role_allows(ctx_role(c, t.project_id),
	    ACT_TASK_EDIT)) {
		free(t.gold);
		t.gold = NULL;
	}
	rc = 0;
	if (o->json) {
		json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:i, s:i,"
		    " s:I, s:i, s:o, s:o}", "id", (json_int_t)t.id, "project",
		    p.name, "ext_id", ext_id_json(t.ext_id), "kind",
		    t.kind, "status", task_status_name(task_status_of(
		    t.submitted, TASK_OVERLAP(&t, p.overlap), t.done,
		    t.gold != NULL)),
		    "submitted", t.submitted, "overlap", p.overlap,
		    "annotations", (json_int_t)nann, "priority", t.priority,
		    "text", json_str_or_null(t.text), "image",
		    json_str_or_null(t.image));

		json_object_set_new(j, "width", t.image != NULL ?
		    json_integer(t.width) : json_null());
		json_object_set_new(j, "height", t.image != NULL ?
		    json_integer(t.height) : json_null());
		json_object_set_new(j, "source", json_str_or_null(t.source));
		json_object_set_new(j, "meta", json_or_raw(t.meta));
		json_object_set_new(j, "gold", json_or_raw(t.gold));
		json_object_set_new(j, "created_at", json_string(t.created_at));
		json_print(j);
		goto out;
	}
	snprintf(num, sizeof num, "%" PRId64, t.id);
	print_field(stdout, "id", num);
	print_field(stdout, "project", p.name);
	print_field(stdout, "ext id", t.ext_id);
	print_field(stdout, "kind", t.kind);
	snprintf(num, sizeof num, "%s (%d of %d submitted)",
	    task_status_name(task_status_of(t.submitted,
	    TASK_OVERLAP(&t, p.overlap), t.done, t.gold != NULL)),
	    t.submitted, TASK_OVERLAP(&t, p.overlap));
	print_field(stdout, "status", num);
	snprintf(num, sizeof num, "%" PRId64 " (drafts too)", nann);
	print_field(stdout, "annotations", num);
	snprintf(num, sizeof num, "%d", t.priority);
	print_field(stdout, "priority", num);
	if (t.image != NULL) {
		print_field(stdout, "image", t.image);
		snprintf(num, sizeof num, "%d x %d", t.width, t.height);
		print_field(stdout, "size", num);
	}
	print_field(stdout, "source", t.source);
	print_field(stdout, "meta", t.meta);
	if (t.gold != NULL)
		print_field(stdout, "gold", t.gold);
	print_field(stdout, "created", t.created_at);
	if (t.text != NULL) {
		/* The whole text, escaped, with its own line breaks. */
		escape_add(&b, t.text, strlen(t.text), ESCAPE_KEEP_NEWLINE |
		    ESCAPE_KEEP_TAB);
		printf("text:\n%s%s", buf_str(&b),
		    b.len > 0 && b.data[b.len - 1] == '\n' ? "" : "\n");
	}
out:
	buf_release(&b);
	task_release(&t);
	project_release(&p);
	return rc;
}

/* What removing the tasks loses, as "2 tasks (12, 13) and their 3
 * annotations"; NULL after reporting. */
static char *
remove_loss(struct ctx *c)
{
	struct buf	 b = BUF_INIT;
	int64_t		 n, total = 0;
	size_t		 i;

	for (i = 0; i < c->ntasks; i++) {
		if ((n = store_task_annotations(c->st, c->tasks[i])) == -1) {
			buf_release(&b);
			return NULL;
		}
		total += n;
	}
	buf_printf(&b, "%zu task%s (", c->ntasks, c->ntasks == 1 ? "" : "s");
	for (i = 0; i < c->ntasks && i < 10; i++)
		buf_printf(&b, "%s%" PRId64, i > 0 ? ", " : "", c->tasks[i]);
	buf_printf(&b, "%s) and %s %" PRId64 " annotation%s (drafts too)",
	    c->ntasks > 10 ? ", ..." : "", c->ntasks == 1 ? "its" : "their",
	    total, total == 1 ? "" : "s");
	return buf_detach(&b);
}

static int
file_remove(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct actor		 actor = ctx_actor(c);
	int64_t			 total = 0;
	json_t			*removed;
	char			*loss, *q;
	size_t			 i;
	int			 yes;

	(void)argc;
	(void)argv;
	if (!o->yes) {
		if ((loss = remove_loss(c)) == NULL)
			return EXIT_FAILURE_DATA;
		q = xasprintf("Remove %s? [y/N] ", loss);
		yes = cmd_confirm(q);
		if (yes == -1)
			error("removing loses %s: give --yes to remove (there"
			    " is no terminal to ask on)", loss);
		else if (yes == 0)
			error("nothing was removed");
		free(q);
		free(loss);
		if (yes != 1)
			return EXIT_FAILURE_DATA;
	}
	if (store_tasks_remove(c->st, &actor, c->tasks, c->ntasks, &total) ==
	    -1)
		return EXIT_FAILURE_DATA;
	if (o->json) {
		removed = json_array();
		for (i = 0; i < c->ntasks; i++)
			json_array_append_new(removed,
			    json_integer(c->tasks[i]));
		json_print(json_pack("{s:o, s:I}", "removed", removed,
		    "annotations", (json_int_t)total));
	} else
		printf("Removed %zu task%s and %" PRId64 " annotation%s.\n",
		    c->ntasks, c->ntasks == 1 ? "" : "s", total, total == 1 ?
		    "" : "s");
	return 0;
}

/* file priority TASK... N: N is the last operand. */
static int
file_priority(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct actor		 actor = ctx_actor(c);
	json_t			*tasks;
	const char		*n = argv[argc - 1];
	char			*end;
	long			 v;
	size_t			 i;

	errno = 0;
	v = strtol(n, &end, 10);
	if (*n == '\0' || *end != '\0' || errno != 0 || v < INT_MIN ||
	    v > INT_MAX)
		cmd_usage_die(c, "file priority: '%s' is not a priority (a"
		    " whole number, higher first; -- before a negative one)",
		    n);
	if (store_tasks_priority(c->st, &actor, c->tasks, c->ntasks, (int)v)
	    == -1)
		return EXIT_FAILURE_DATA;
	if (o->json) {
		tasks = json_array();
		for (i = 0; i < c->ntasks; i++)
			json_array_append_new(tasks,
			    json_integer(c->tasks[i]));
		json_print(json_pack("{s:o, s:i}", "tasks", tasks, "priority",
		    (int)v));
	} else
		printf("Set the priority of %zu task%s to %ld.\n", c->ntasks,
		    c->ntasks == 1 ? "" : "s", v);
	return 0;
}

static int
file_release(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct actor		 actor = ctx_actor(c);
	struct user		 u = USER_INIT;
	char			*who = NULL;
	int			 rc = EXIT_FAILURE_DATA;

	(void)argc;
	(void)argv;
	if (o->user != NULL) {
		if ((rc = store_user_get(c->st, o->user, &u)) != 1) {
			if (rc == 0)
				error("no user '%s'", o->user);
			rc = EXIT_FAILURE_DATA;
			goto out;
		}
		rc = EXIT_FAILURE_DATA;
	}
	if (store_task_release(c->st, &actor, c->tasks[0], u.id, &who) == -1)
		goto out;
	if (who == NULL) {
		error("task %" PRId64 " is not held by %s (no draft, no live"
		    " lease); nothing was released", c->tasks[0], o->user !=
		    NULL ? o->user : "anyone");
		goto out;
	}
	if (o->json)
		json_print(json_pack("{s:I, s:o}", "task",
		    (json_int_t)c->tasks[0], "released", names_json(who,
		    ", ")));
	else
		printf("Released task %" PRId64 " from %s: a draft is kept as a"
		    " skip, at the end of its person's queue.\n", c->tasks[0],
		    who);
	rc = 0;
out:
	free(who);
	user_release(&u);
	return rc;
}

/* --result's JSON, from the option or stdin, checked for syntax with its
 * position (what it means is the store's to check): compact text, or
 * NULL after reporting. */
static char *
gold_text(const char *arg)
{
	struct buf	 b = BUF_INIT;
	json_error_t	 je;
	json_t		*j;
	const char	*name = "--result", *text = arg;
	char		*out = NULL;

	if (strcmp(arg, "-") == 0) {
		if (input_read("-", 16u << 20, INPUT_STRIP_BOM, &b, &name) ==
		    -1)
			return NULL;
		text = buf_str(&b);
	}
	if ((j = json_loads(text, JSON_REJECT_DUPLICATES, &je)) == NULL)
		error("%s:%d:%d: %s", name, je.line, je.column, je.text);
	else if (!json_is_object(j))
		error("%s: a gold answer is a result: a JSON object keyed by"
		    " control name", name);
	else
		out = jsonout_dumps(j, JSON_COMPACT);
	json_decref(j);
	buf_release(&b);
	return out;
}

static int
file_gold(struct ctx *c, void *opts, int argc, char **argv)
{
	struct file_opts	*o = opts;
	struct actor		 actor = ctx_actor(c);
	struct task		 t = TASK_INIT;
	char			*text = NULL;
	int			 rc = EXIT_FAILURE_DATA, n;

	(void)argc;
	(void)argv;
	n = (o->result != NULL) + (o->from_annotation > 0) + o->clear;
	if (n != 1)
		cmd_usage_die(c, "file gold needs one of --result,"
		    " --from-annotation and --clear");
	if (o->clear) {
		if ((n = store_gold_clear(c->st, &actor, c->tasks[0])) == -1)
			goto out;
		if (n == 0) {
			error("task %" PRId64 " has no gold answer; nothing was"
			    " changed", c->tasks[0]);
			goto out;
		}
	} else {
		if (o->result != NULL && (text = gold_text(o->result)) ==
		    NULL)
			goto out;
		if (store_gold_set(c->st, &actor, c->tasks[0], text,
		    o->from_annotation) == -1)
			goto out;
	}
	if (store_task_get(c->st, c->tasks[0], &t) != 1)
		goto out;
	rc = 0;
	if (o->json)
		json_print(json_pack("{s:I, s:o}", "task",
		    (json_int_t)c->tasks[0], "gold", t.gold != NULL ?
		    json_loads(t.gold, 0, NULL) : json_null()));
	else if (t.gold == NULL)
		printf("Task %" PRId64 " is a normal task again.\n",
		    c->tasks[0]);
	else
		printf("Task %" PRId64 " is a gold task: served unannounced,"
		    " scored on submit.\n", c->tasks[0]);
out:
	free(text);
	task_release(&t);
	return rc;
}

#define FILE_SUB(name, operands, scope, act, opts, fn)			\
	{ name, operands, scope, act, opts, sizeof(struct file_opts),	\
	    &file_defaults, fn }

static const struct cmd_sub file_cmds[] = {
	FILE_SUB("add", "PROJECT PATH...", CMD_PROJECT, ACT_TASK_ADD,
	    add_opts, file_add),
	FILE_SUB("gold", "TASK", CMD_TASKS, ACT_TASK_EDIT, gold_opts,
	    file_gold),
	FILE_SUB("list", "PROJECT", CMD_PROJECT, ACT_PROJECT_READ, list_opts,
	    file_list),
	FILE_SUB("priority", "TASK... N", CMD_TASKS, ACT_TASK_EDIT, json_opts,
	    file_priority),
	FILE_SUB("release", "TASK", CMD_TASKS, ACT_TASK_EDIT, release_opts,
	    file_release),
	FILE_SUB("remove", "TASK...", CMD_TASKS, ACT_TASK_REMOVE, remove_opts,
	    file_remove),
	FILE_SUB("show", "TASK", CMD_TASKS, ACT_PROJECT_READ, json_opts,
	    file_show),
};

const struct cmd_entry cmd_file_entry = {
	.name = "file",
	.summary = "add files as tasks; list, show, prioritise, release,"
	    " remove tasks and give them gold answers",
	.usage = file_usage,
	.subs = file_cmds,
	.nsubs = ARRAY_SIZE(file_cmds),
};
