/* scalec import: tasks (with predictions and annotations) from a file of
 * a format that reads (formats/format.h), or stdin, into a project, all or
 * nothing: a bad line anywhere leaves the database as it was (the store
 * writes it in chunks of a batch nobody sees until it is whole); and the
 * batches a project has had (--list), one of them undone (--undo).
 * The format comes from --format, else from the file's name and first
 * record (formats/sniff.h), or the import is refused naming the formats
 * it could be: never a silent JSONL.
 * Every list of formats it shows comes from the format table. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "formats/format.h"
#include "formats/sniff.h"
#include "formats/tags.h"
#include "model/config.h"
#include "store/import.h"
#include "store/prediction.h"
#include "store/project.h"
#include "store/stage.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/progress.h"
#include "util/xmalloc.h"

struct import_cmd_opts {
	const struct format	*format;
	int			 skip_existing;
	int			 update;
	int			 force;
	int			 allow_duplicates;
	int			 create_users;
	int			 dry_run;
	int			 json;
	int			 list;
	long			 undo;
	const char		*image_root;
	int			 allow_missing_images;
	enum offset_unit	 offsets;
	int			 drop_relations;
	const char		*annotator;
	int			 voc_one_based;
	const char		*ls_config;
	int			 scheme;	/* enum tag_scheme */
	const char		*text_column;
	const char		*id_column;
	char			 delimiter;
	int			 csv_raw;
};

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

/* --delimiter C: one byte that can separate CSV fields, or "tab". */
static int
parse_delimiter(const char *arg, void *dst, char *err, size_t errlen)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		arg = "\t";
	if (arg[0] == '\0' || arg[1] != '\0' || strchr("\"\r\n", arg[0])
	    != NULL || (unsigned char)arg[0] >= 0x80) {
		snprintf(err, errlen, "'%s' is not one character that can"
		    " separate fields (',', ';', tab, ...)", arg);
		return -1;
	}
	*(char *)dst = arg[0];
	return 0;
}

/* --offsets UNIT (formats/offsets.h). */
static int
parse_offsets(const char *arg, void *dst, char *err, size_t errlen)
{
	return offset_unit_parse(arg, dst, err, errlen);
}

#define T	struct import_cmd_opts
static const struct opt import_opts[] = {
	OPT_PARSE_FN('f', "format", T, format, const struct format *,
	    "FORMAT", cmd_format_read_help, cmd_parse_format_read),
	OPT_FLAG(0, "skip-existing", T, skip_existing,
	    "leave tasks whose id the project has"),
	OPT_FLAG(0, "update", T, update,
	    "replace tasks whose id the project has"),
	OPT_FLAG(0, "force", T, force, "with --update, change annotated text"),
	OPT_FLAG(0, "allow-duplicates", T, allow_duplicates,
	    "import a task without an id whose text the project has"),
	OPT_FLAG(0, "create-users", T, create_users,
	    "add the users the file names that scalec lacks, as annotators"
	    " (admins)"),
	OPT_FLAG('n', "dry-run", T, dry_run, "check everything, write nothing"),
	OPT_FLAG(0, "json", T, json, "print the summary or list as JSON"),
	OPT_FLAG(0, "list", T, list, "list the project's import batches"),
	OPT_NUMBER(0, "undo", T, undo, "BATCH",
	    "remove a batch nobody has annotated", 1, LONG_MAX),
	OPT_STRING(0, "image-root", T, image_root, "DIR",
	    "resolve relative image paths in DIR, not the file's folder"),
	OPT_FLAG(0, "allow-missing-images", T, allow_missing_images,
	    "accept an image that is not there where the line gives its size"),
	OPT_PARSE(0, "offsets", T, offsets, enum offset_unit, "UNIT",
	    "the file's span offsets: codepoint, utf16 or grapheme"
	    " (doccano: utf16)",
	    parse_offsets),
	OPT_STRING(0, "annotator", T, annotator, "USER",
	    "whose labels a doccano file brings (default: yours)"),
	OPT_FLAG(0, "drop-relations", T, drop_relations,
	    "import doccano lines and Label Studio tasks with relations,"
	    " leaving the relations out"),
	OPT_STRING(0, "ls-config", T, ls_config, "FILE",
	    "Label Studio's label config (XML): its control names and data"
	    " field"),
	OPT_FLAG(0, "voc-one-based", T, voc_one_based,
	    "Pascal VOC boxes are the devkit's 1-based indices"),
	OPT_PARSE(0, "scheme", T, scheme, int, "SCHEME",
	    "a CoNLL file's tags, read strictly: iob1, iob2, bioes or biluo"
	    " (default: any, sniffed)", parse_scheme),
	OPT_STRING(0, "text-column", T, text_column, "NAME",
	    "csv, tsv: the column that holds the text (default: text)"),
	OPT_STRING(0, "id-column", T, id_column, "NAME",
	    "csv, tsv: the column that holds the id (default: id)"),
	OPT_PARSE(0, "delimiter", T, delimiter, char, "C",
	    "csv, tsv: the separator (default: sniffed: , ; or tab)",
	    parse_delimiter),
	OPT_FLAG(0, "csv-raw", T, csv_raw,
	    "csv, tsv: keep a \"'\" before = + - @ as data"),
	OPT_END
};
#undef T

static const char *const import_usage[] = {
	"scalec import PROJECT FILE|- [--format FORMAT]",
	"           [--skip-existing | --update [--force]] [--allow-duplicates]",
	"           [--image-root DIR] [--allow-missing-images] [--dry-run] [--json]",
	"           [--offsets UNIT] [--annotator USER] [--drop-relations]",
	"           [--ls-config FILE] [--voc-one-based] [--scheme SCHEME]",
	"           [--text-column NAME] [--id-column NAME] [--delimiter C]",
	"           [--csv-raw]",
	"scalec import --list PROJECT [--json]",
	"scalec import --undo BATCH PROJECT [--json]",
	"",
	"Imports tasks into PROJECT from FILE (- is stdin), all or nothing, in a",
	"FORMAT of --format. By default a line is a task in the shape export",
	"writes: {\"text\": ..., \"id\": ..., \"priority\": N, \"meta\": {...},",
	"\"predictions\": [...], \"annotations\": [...]} or {\"image\": PATH,"
	" ...}.",
	"An id is the task's own, matched only with the ids tasks were imported",
	"with, never with task numbers. See scalec-import(1) for the others.",
	"Without --format, the format is guessed from FILE's name and its first",
	"record (stdin's by its first record): one it cannot tell is refused.",
	"A line without an id whose text a task without one has already (and",
	"that brings no predictions, annotations or final answer) is skipped,",
	"with a warning that counts them, unless --allow-duplicates.",
	"Each import is a batch, seen by nobody until all of it is there:",
	"--list shows them, --undo removes one whose tasks have no annotations.",
	"A local image must exist: a relative path is found in the file's folder",
	"(the current one for stdin) or in --image-root DIR; --allow-missing-images",
	"accepts one that is not there where the line gives its width and height.",
	"A folder is read by a format that reads one (yolo, voc): FOLDER for FILE.",
	NULL
};

/* Error messages clear the progress bar first. */
static void
import_error_handler(int is_warning, const char *msg)
{
	progress_clear();
	fflush(stdout);
	fprintf(stderr, "scalec: %s%s\n", is_warning ? "warning: " : "", msg);
}

/* The absolute directory of path ("." for stdin), for image paths; and
 * the absolute path of the file itself for task.source. */
static void
file_places(const char *path, char **base, char **source)
{
	char	*dir, *slash, *abs;

	*base = NULL;
	*source = NULL;
	if (strcmp(path, "-") == 0) {
		*base = getcwd(NULL, 0);
		return;
	}
	if ((abs = realpath(path, NULL)) != NULL) {
		*source = abs;
		dir = xstrdup(abs);
	} else
		dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		*base = getcwd(NULL, 0);
		return;
	}
	*slash = '\0';
	*base = xstrdup(*dir != '\0' ? dir : "/");
	free(dir);
}

/* One warning for the lines skipped as already in the project: their
 * count and the first lines. */
static void
warn_duplicates(const char *project, const char *file,
    const struct import_stats *s)
{
	struct buf	b = BUF_INIT;
	int64_t		i;

	if (s->duplicates == 0)
		return;
	for (i = 0; i < s->duplicates && i < IMPORT_DUP_LINES; i++)
		buf_printf(&b, "%s%lu", i > 0 ? ", " : "", s->dup_lines[i]);
	warning("%s: skipped %lld line%s without an id whose %s already"
	    " in %s (line%s %s%s); --allow-duplicates imports them", file,
	    (long long)s->duplicates, s->duplicates == 1 ? "" : "s",
	    s->duplicates == 1 ? "text is" : "texts are", project,
	    s->duplicates == 1 ? "" : "s", buf_str(&b),
	    s->duplicates > IMPORT_DUP_LINES ? ", ..." : "");
	buf_release(&b);
}

static void
print_summary(const char *project, const char *file,
    const struct import_stats *s, int dry_run, int json)
{
	char	dup[64] = "", rev[96] = "";

	if (json) {
		json_print(json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I,"
		    " s:I, s:I, s:I, s:b}", "project", project, "file", file,
		    "added", (json_int_t)s->added,
		    "updated", (json_int_t)s->updated,
		    "skipped", (json_int_t)s->skipped,
		    "duplicates", (json_int_t)s->duplicates,
		    "predictions", (json_int_t)s->predictions,
		    "annotations", (json_int_t)s->annotations,
		    "reviews", (json_int_t)s->reviews,
		    "final_answers", (json_int_t)s->finals,
		    "users_created", (json_int_t)s->users_created,
		    "dry_run", dry_run));
		return;
	}
	if (s->duplicates > 0)
		snprintf(dup, sizeof dup, ", %lld already there",
		    (long long)s->duplicates);
	/* Reviews and final answers, where the file brings some. */
	if (s->reviews > 0 || s->finals > 0)
		snprintf(rev, sizeof rev, ", %lld review%s, %lld final"
		    " answer%s", (long long)s->reviews, s->reviews == 1 ? "" :
		    "s", (long long)s->finals, s->finals == 1 ? "" : "s");
	printf("%s %lld task%s to %s: %lld updated, %lld skipped%s;"
	    " %lld prediction%s, %lld annotation%s%s.%s\n",
	    dry_run ? "Dry run: would add" : "Added", (long long)s->added,
	    s->added == 1 ? "" : "s", project, (long long)s->updated,
	    (long long)s->skipped, dup, (long long)s->predictions,
	    s->predictions == 1 ? "" : "s", (long long)s->annotations,
	    s->annotations == 1 ? "" : "s", rev,
	    dry_run ? " Nothing was written." : "");
	if (s->users_created > 0)
		printf("%s %lld user%s the file names, as annotator%s"
		    " (--create-users).\n", dry_run ? "Would add" : "Added",
		    (long long)s->users_created, s->users_created == 1 ? "" :
		    "s", s->users_created == 1 ? "" : "s");
}

/* A results file's records name tasks by their imported ids: the
 * reader's hook (struct reader_tasks). */
struct tasks_arg {
	struct store	*st;
	int64_t		 project_id;
};

static int
find_task(void *arg, const char *ext_id, int *width, int *height)
{
	struct tasks_arg	*t = arg;
	int64_t			 id;

	return store_prediction_task(t->st, t->project_id, ext_id, &id, width,
	    height);
}

/* What a results file did (or would do). */
static void
print_attached(const char *project, const char *file,
    const struct import_stats *s, int64_t replaced, int dry_run, int json)
{
	if (json) {
		json_print(json_pack("{s:s, s:s, s:I, s:I, s:I, s:b}",
		    "project", project, "file", file, "tasks",
		    (json_int_t)s->updated, "predictions",
		    (json_int_t)s->predictions, "replaced",
		    (json_int_t)replaced, "dry_run", dry_run));
		return;
	}
	printf("%s %lld prediction%s to %lld task%s of %s (%lld replaced).%s\n",
	    dry_run ? "Dry run: would add" : "Added",
	    (long long)s->predictions, s->predictions == 1 ? "" : "s",
	    (long long)s->updated, s->updated == 1 ? "" : "s", project,
	    (long long)replaced, dry_run ? " Nothing was written." : "");
}

/* The records of one file, for the store's import: from the reader, with
 * their images placed, and the progress bar moved. */
struct source {
	struct reader	 r;
	const char	*base;
	int		 allow_missing;
	uint64_t	 total;		/* the file's bytes; 0: unknown */
	uint64_t	 seen;
	unsigned long	 n;
	const char	*format;	/* for the audit record */
	const char	*file;
	int		 fd;		/* a pipe or FIFO polled; -1: a file */
};

/* The signal that is to end the import (cmd.h), set by its handler and
 * nothing else. */
volatile sig_atomic_t	 cmd_import_signal;

static void
on_signal(int sig)
{
	cmd_import_signal = sig;
}

static const int	 import_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS	 (sizeof import_signals / sizeof import_signals[0])
static struct sigaction	 old_actions[NSIGNALS];

/* Without SA_RESTART, so that a wait for a pipe's next line ends. */
void
cmd_import_signals(int on)
{
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaction(import_signals[i], on ? &sa : &old_actions[i],
		    on ? &old_actions[i] : NULL);
}

/* 1 when the reader has what it reads next, or does not stream a pipe
 * line by line (linereader_stream): no wait for the pipe before it. */
static int
buffered(const struct source *src)
{
	const struct linereader	*lr = &src->r.lr;

	return lr->fd < 0 || lr->eof || lr->end > lr->start;
}

static int
next_record(void *arg, struct record *rec)
{
	struct source	*src = arg;
	struct pollfd	 p = { src->fd, POLLIN, 0 };
	int		 rc;

	/* A pipe: its next line is waited for here, where a signal ends
	 * the wait (the reader's own read goes on after one). */
	while (src->fd >= 0 && !cmd_import_signal && !buffered(src) &&
	    poll(&p, 1, -1) == -1 && errno == EINTR)
		;
	if (cmd_import_signal)
		return -1;
	if ((rc = reader_next(&src->r, rec)) != 1)
		return rc;
	if (!src->r.placed && reader_place_image(&src->r, rec, src->base,
	    src->allow_missing) == -1)
		return -1;
	if ((++src->n & 1023) == 0) {
		progress_step(src->total > 0 ? reader_pos(&src->r) - src->seen :
		    1024);
		src->seen = reader_pos(&src->r);
	}
	return 1;
}

/* The input has a line ready, or is a file (always ready): else the
 * store commits its chunk before the read waits (store/import.h). */
static int
input_ready(void *arg)
{
	struct source	*src = arg;
	struct pollfd	 p = { src->fd, POLLIN, 0 };

	if (src->fd < 0)
		return 1;
	return poll(&p, 1, 0) == 1;
}

static void
describe(struct buf *b, const struct import_stats *s, void *arg)
{
	struct source	*src = arg;

	buf_printf(b, "%lld added, %lld updated, %lld skipped",
	    (long long)s->added, (long long)s->updated, (long long)s->skipped);
	if (s->duplicates > 0)
		buf_printf(b, ", %lld already there", (long long)s->duplicates);
	buf_printf(b, " from %s (%s)", src->file, src->format);
	/* Whose name they carry is each annotation's; who put them there,
	 * this record's user (acted_by on each). */
	if (s->for_others > 0)
		buf_printf(b, "; %lld annotation%s in other people's names",
		    (long long)s->for_others, s->for_others == 1 ? "" : "s");
	if (s->users_created > 0)
		buf_printf(b, "; %lld user%s added (--create-users)",
		    (long long)s->users_created, s->users_created == 1 ? "" :
		    "s");
}

#include "store/batch.h"

COLUMN_FIELD(col_batch_id, struct batch, json_integer, id)
COLUMN_FIELD(col_batch_started, struct batch, json_string, started_at)
COLUMN_FIELD(col_batch_user, struct batch, json_str_or_null, user)
COLUMN_FIELD(col_batch_action, struct batch, json_string, action)
COLUMN_FIELD(col_batch_file, struct batch, json_string, file)
COLUMN_FIELD(col_batch_tasks, struct batch, json_integer, tasks)
COLUMN_FIELD(col_batch_updated, struct batch, json_integer, updated)
COLUMN_FIELD(col_batch_state, struct batch, json_string, state)
COLUMN_FIELD(col_batch_doing, struct batch, json_string, doing)

static json_t *
col_batch_first(const void *row, const void *arg)
{
	const struct batch	*b = row;

	(void)arg;
	return b->first_task > 0 ? json_integer(b->first_task) : json_null();
}

static json_t *
col_batch_last(const void *row, const void *arg)
{
	const struct batch	*b = row;

	(void)arg;
	return b->last_task > 0 ? json_integer(b->last_task) : json_null();
}

static const struct column batch_columns[] = {
	{ "BATCH",	"batch",	0,	col_batch_id },
	{ "STARTED",	"started_at",	0,	col_batch_started },
	{ "BY",		"user",		16,	col_batch_user },
	{ "ACTION",	"action",	0,	col_batch_action },
	{ "TASKS",	"tasks",	0,	col_batch_tasks },
	{ "UPDATED",	"updated",	0,	col_batch_updated },
	{ "STATE",	"state",	0,	col_batch_state },
	{ NULL,		"first_task",	0,	col_batch_first },
	{ NULL,		"last_task",	0,	col_batch_last },
	{ NULL,		"doing",	0,	col_batch_doing },
	{ "FILE",	"file",		60,	col_batch_file },
};

static int
batch_row(const struct batch *b, void *arg)
{
	return listing_row(arg, b);
}

static int
import_list(struct ctx *c, const struct import_cmd_opts *o)
{
	struct listing	l;

	listing_start_columns(&l, o->json, batch_columns,
	    ARRAY_SIZE(batch_columns), NULL, NULL);
	return listing_finish(&l, store_batch_each(c->st, c->project->id,
	    batch_row, &l));
}

static int
import_undo(struct ctx *c, const struct import_cmd_opts *o)
{
	struct actor	actor;
	int64_t		pid = 0, removed;
	int		rc;

	if ((rc = store_batch_project(c->st, o->undo, &pid)) == -1)
		return EXIT_FAILURE_DATA;
	if (rc == 0 || pid != c->project->id) {
		error("there is no import batch %ld in project '%s' ('scalec"
		    " import --list %s' lists them)", o->undo,
		    c->project->name, c->project->name);
		return EXIT_FAILURE_DATA;
	}
	if (ctx_require(c, ACT_TASK_REMOVE, c->project->id) == -1)
		return EXIT_FAILURE_DATA;
	actor = ctx_actor(c);
	if (store_batch_undo(c->st, &actor, o->undo, &removed) == -1)
		return EXIT_FAILURE_DATA;
	if (o->json)
		json_print(json_pack("{s:s, s:I, s:I}", "project",
		    c->project->name, "batch", (json_int_t)o->undo, "removed",
		    (json_int_t)removed));
	else
		printf("Undid import batch %ld of %s: %lld task%s removed.\n",
		    o->undo, c->project->name, (long long)removed,
		    removed == 1 ? "" : "s");
	return 0;
}

/*
 * The format of f (path, "-": stdin) from its name and first record, or
 * NULL after saying which formats it could be. The bytes read to tell
 * are given back: a file that seeks is put back where it was, and what
 * was read from a pipe is left in head for the reader.
 */
static const struct format *
guess_format(FILE *f, const char *path, struct buf *head)
{
	const char	*name = strcmp(path, "-") == 0 ? "stdin" : path;
	struct sniff	 s;
	struct buf	 names = BUF_INIT;
	enum sniff_rc	 rc;
	off_t		 at = lseek(fileno(f), 0, SEEK_CUR);

	if (sniff_head(fileno(f), path, head, &s, &rc) == -1) {
		error("%s: %s", name, strerror(errno));
		return NULL;
	}
	if (head->len > 0 && at != -1 &&
	    lseek(fileno(f), at, SEEK_SET) == at)
		buf_reset(head);
	if (rc == SNIFF_SURE)
		return s.fmt;
	sniff_names(&s, &names);
	if (rc == SNIFF_UNSURE)
		error("%s: could be %s; give --format", name, buf_str(&names));
	else if (s.ncand > 0)
		error("%s: cannot tell which of %s it is from its first"
		    " record; give --format", name, buf_str(&names));
	else
		error("%s: cannot tell the format from the %s; give --format"
		    " (one of: %s)", name, strcmp(path, "-") == 0 ? "first"
		    " bytes" : "name", format_names(FORMAT_READS, ", "));
	buf_release(&names);
	return NULL;
}

static int
import_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct import_cmd_opts	*o = opts;
	const struct project	*p = c->project;
	struct import_opts	 io = { 0 };
	struct reader_opts	 ro = { 0 };
	struct reader_stage	 hooks;
	struct store_stage	*stage = NULL;
	struct source		 src;
	struct import_stats	 stats;
	struct actor		 actor;
	struct config		*cfg = NULL;
	struct tasks_arg	 targ = { c->st, c->project->id };
	struct reader_tasks	 tasks = { &targ, find_task };
	int64_t			 replaced = 0;
	const struct format	*fmt = o->format;
	const char		*path = argv[1];
	char			*base = NULL, *source = NULL, *kept = NULL;
	struct stat		 sb;
	struct buf		 head = BUF_INIT;
	FILE			*f = NULL;
	int			 rc, reading = 0;
	int			 ret = EXIT_FAILURE_DATA;

	if (o->list && o->undo > 0)
		cmd_usage_die(c, "choose one of --list and --undo");
	if ((o->list || o->undo > 0) && argc > 1)
		cmd_usage_die(c, "import %s takes PROJECT only: '%s' is one"
		    " too many", o->list ? "--list" : "--undo", argv[1]);
	if (o->list)
		return import_list(c, o);
	if (o->undo > 0)
		return import_undo(c, o);
	if (argc < 2)
		cmd_usage_die(c, "import needs PROJECT and FILE");
	if (o->skip_existing && o->update)
		cmd_usage_die(c, "choose one of --skip-existing and --update");
	if (o->force && !o->update)
		cmd_usage_die(c, "--force goes with --update");
	io.force = o->force;
	io.existing = o->skip_existing ? IMPORT_SKIP : o->update ?
	    IMPORT_UPDATE : IMPORT_FAIL;
	io.allow_duplicates = o->allow_duplicates;
	/* Adding users is an admin's act, whoever may import. */
	if (o->create_users && ctx_require(c, ACT_USER_MANAGE, 0) == -1)
		return EXIT_FAILURE_DATA;
	io.create_users = o->create_users;
	if (fmt == NULL) {
		if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
		    S_ISDIR(sb.st_mode))
			fmt = &format_jsonl;	/* refused below */
		else if (strcmp(path, "-") == 0)
			f = stdin;
		else if ((f = fopen(path, "r")) == NULL) {
			error("%s: %s", path, strerror(errno));
			goto out;
		}
		if (f != NULL && (fmt = guess_format(f, path, &head)) == NULL)
			goto out;
	}
	if (o->ls_config != NULL && fmt != &format_labelstudio &&
	    fmt != &format_labelstudio_min)
		cmd_usage_die(c, "--ls-config is for --format labelstudio or"
		    " labelstudio-min");
	if ((o->text_column != NULL || o->id_column != NULL ||
	    o->delimiter != '\0' || o->csv_raw) && fmt != &format_csv &&
	    fmt != &format_tsv)
		cmd_usage_die(c, "--%s is for csv and tsv, not %s",
		    o->text_column != NULL ? "text-column" : o->id_column !=
		    NULL ? "id-column" : o->delimiter != '\0' ? "delimiter" :
		    "csv-raw", fmt->name);
	if ((fmt->flags & FORMAT_ATTACHES) && (o->skip_existing || o->update ||
	    o->allow_duplicates))
		cmd_usage_die(c, "--%s is for files of tasks: %s adds predictions"
		    " to the tasks the project has", o->skip_existing ?
		    "skip-existing" : o->update ? "update" : "allow-duplicates",
		    fmt->name);
	if ((cfg = config_parse(p->config, strlen(p->config), p->name)) == NULL)
		goto out;

	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode)) {
		/* A folder format walks the folder itself: no stream. */
		if (o->format == NULL || !(fmt->flags & FORMAT_FOLDER)) {
			error("%s: is a directory: --format %s reads a folder"
			    " ('scalec file add' takes folders of files)", path,
			    format_names(FORMAT_READS | FORMAT_FOLDER, " or "));
			goto out;
		}
		base = realpath(path, NULL);
		source = realpath(path, NULL);
	} else if (f != NULL)
		;	/* opened to guess its format */
	else if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		error("%s: %s", path, strerror(errno));
		goto out;
	}
	if (f != NULL && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		error("%s: is a directory (import takes one file; 'scalec file"
		    " add' takes folders)", path);
		goto out;
	}
	if (f != NULL)
		file_places(path, &base, &source);
	if (o->image_root != NULL) {
		free(base);
		if ((base = realpath(o->image_root, NULL)) == NULL) {
			error("--image-root %s: %s", o->image_root,
			    strerror(errno));
			goto out;
		}
		if (stat(base, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
			error("--image-root %s: not a directory",
			    o->image_root);
			goto out;
		}
	}
	if (f == NULL || fstat(fileno(f), &sb) == -1)
		memset(&sb, 0, sizeof sb);
	io.project_id = p->id;
	io.project = p->name;
	io.type = p->type;
	io.takes = config_takes(cfg, p->type);
	io.cfg = cfg;
	io.name = strcmp(path, "-") == 0 ? "stdin" : path;
	io.source = source;

	memset(&src, 0, sizeof src);
	src.base = base;
	src.allow_missing = o->allow_missing_images;
	src.total = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
	src.format = fmt->name;
	src.file = source != NULL ? source : io.name;
	src.fd = f == NULL || S_ISREG(sb.st_mode) ? -1 : fileno(f);
	io.next = next_record;
	io.ready = input_ready;
	io.arg = &src;
	io.dry_run = o->dry_run;
	io.action = "import";
	io.describe = describe;
	error_set_handler(import_error_handler);
	reading = 1;	/* closed after a failed open too */
	ro.cfg = cfg;
	ro.user = o->annotator != NULL ? o->annotator : c->me.name;
	ro.offsets = o->offsets;
	ro.drop_relations = o->drop_relations;
	ro.parse_ahead = 1;
	ro.base = base;
	ro.image_root = o->image_root != NULL ? base : NULL;
	ro.allow_missing = o->allow_missing_images;
	ro.one_based = o->voc_one_based;
	ro.ls_config = o->ls_config;
	/* A file not in task order is kept aside as it is read. */
	if ((fmt->flags & FORMAT_STAGES) &&
	    (stage = store_stage_open(c->st)) == NULL)
		goto out;
	if (stage != NULL) {
		store_stage_hooks(stage, &hooks);
		ro.stage = &hooks;
	}
	ro.scheme = o->scheme;
	ro.text_column = o->text_column;
	ro.id_column = o->id_column;
	ro.delimiter = o->delimiter;
	ro.csv_raw = o->csv_raw;
	ro.keep_ids = cfg;
	ro.tasks = &tasks;
	ro.head = head.data;
	ro.head_len = head.len;
	if (reader_open_opts(&src.r, fmt, f, io.name, &ro) == -1)
		goto out;
	/* The file numbered the labels (COCO's category ids): kept. */
	if (src.r.ids_kept > 0)
		io.config = kept = config_to_yaml(cfg);
	actor = ctx_actor(c);
	io.stop = &cmd_import_signal;
	cmd_import_signals(1);
	progress_start(io.name, src.total);
	if (fmt->flags & FORMAT_ATTACHES)
		rc = store_predictions_attach(c->st, &actor, &io, &stats,
		    &replaced);
	else
		rc = store_import(c->st, &actor, &io, &stats);
	progress_done();
	cmd_import_signals(0);
	if (rc == -1 && cmd_import_signal) {
		/* The store has removed what it loaded and said so. */
		ret = 128 + cmd_import_signal;
		goto out;
	}
	if (rc == -1)
		goto out;
	if (fmt->flags & FORMAT_ATTACHES)
		print_attached(p->name, io.name, &stats, replaced, o->dry_run,
		    o->json);
	else {
		warn_duplicates(p->name, io.name, &stats);
		print_summary(p->name, io.name, &stats, o->dry_run, o->json);
	}
	ret = 0;
out:
	error_set_handler(NULL);
	if (reading)
		reader_close(&src.r);
	store_stage_close(stage);
	if (f != NULL && f != stdin)
		fclose(f);
	config_free(cfg);
	free(kept);
	free(base);
	free(source);
	buf_release(&head);
	return ret;
}

static const struct cmd_sub import_sub = {
	NULL, "PROJECT [FILE]", CMD_PROJECT, ACT_TASK_ADD, import_opts,
	sizeof(struct import_cmd_opts), NULL, import_run
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.summary = "import tasks from",
	.usage = import_usage,
	.formats = FORMAT_READS,
	.subs = &import_sub,
	.nsubs = 1,
};
