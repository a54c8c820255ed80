/* Bulk import: each record is checked (ids, users, states, results
 * against the label config) and written with cached prepared statements,
 * in chunks of a batch (HACKING "Imports that never block") or inside a
 * caller's one transaction. What --update changes in a task already there
 * and everything a dry run would write are staged in TEMP tables of the
 * importing connection (no write lock, gone with the process) and, for
 * --update, applied by the batch's publish. A task's id is checked by the
 * unique index itself: the insert fails on a clash, and only then does the
 * importer look at which task holds it (one written by this import has a
 * rowid above the highest before it). An id is only ever compared with
 * the ids tasks were imported with, never with task numbers: a file's id
 * 2 is not task 2. Per row there is no allocation
 * beyond jansson's own; buffers and the user cache are reused. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/config.h"
#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/record.h"
#include "model/state.h"
#include "store/batch.h"
#include "store/import.h"
#include "store/internal.h"
#include "store/rows.h"
#include "store/project.h"
#include "store/review.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/utf8.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/jsonout.h"
#include "util/jsonw.h"
#include "util/when.h"
#include "util/xmalloc.h"

struct cached_user {
	char	*name;
	int64_t	 id;
	int	 created;	/* added by this import (--create-users) */
};

/* What an unknown user's error says to do about it. */
#define NO_USER_HINT	"(add them with 'scalec user add', or import with" \
	" --create-users)"

/* One annotation of the current record, checked before anything is
 * written; the strings are borrowed from the record. */
struct prep {
	int64_t		 user_id;
	const char	*user;
	enum annotation_state state;
	json_t		*result;	/* NULL: {} */
	const char	*result_text;	/* or the result as stored (a
					 * record_ann's, checked): result is
					 * NULL */
	double		 lead_time;
	int		 late;
	int		 from_prediction;
	int		 removed;	/* rejected under on_reject: remove */
	char		 created_at[CLOCK_ISO_LEN];
	char		 updated_at[CLOCK_ISO_LEN];
	int64_t		 ext_id;	/* "annotation_id" as exported, or 0 */
	size_t		 rev0, nrev;	/* its rows of importer.revs */
	int64_t		 id;		/* its id here once written (staged:
					 * as stored), or 0 */
};

/* One row of an annotation's review history ("reviews"), checked. */
struct prep_review {
	int64_t		 reviewer_id;
	int		 verdict;	/* enum review_verdict */
	const char	*comment;
	enum annotation_state from_state;
	size_t		 withdraws;	/* 1-based place of the row it undoes
					 * in its list, or 0 */
	json_t		*result;	/* a fix's, or NULL */
	char		 at[CLOCK_ISO_LEN];
	int64_t		 id;		/* its id here once written */
};

/* The line's "final_answer", checked. */
struct prep_final {
	int		 given;
	json_t		*result;
	int64_t		 settled_by;
	size_t		 from;		/* 1-based: which annotation, or 0 */
	char		 at[CLOCK_ISO_LEN];
};

/*
 * A new task waiting for its INSERT (row_keep): a plain line (a text
 * with an id and nothing but meta and a priority besides) or a tagged
 * one (its tokens, its annotations without reviews: CoNLL, spaCy,
 * doccano, the image formats' boxes). IMPORT_ROWS of them go in by one
 * statement, which keeps the table's and the indexes' cursors where the
 * last row left them, where a statement per row opened and sought each
 * from the root and ran a VM of its own for it (bench formats.sh,
 * 200,000 rows: SQLite's CPU 1.35 s a row at a time, 0.71 s 64 at a
 * time); their annotations then go into import_new_annotation the same
 * way. Offsets into importer.rowbytes (ROW_NONE: NULL).
 */
#define IMPORT_ROWS	64
#define ROW_NONE	((size_t)-1)
struct pending_row {
	unsigned long	line;
	size_t		text, text_len, image, ext_id, meta, tokens, source;
	int		width, height, has_priority, has_hash, submitted;
	int		tagged;		/* it had "annotations" */
	int64_t		priority, hash;
	size_t		ann0, nann;	/* its rows of importer.panns */
};

/* One annotation of a waiting row, checked (struct prep's columns). */
struct pending_ann {
	int64_t			 user_id;
	enum annotation_state	 state;
	size_t			 result;	/* in rowbytes */
	double			 lead_time;
	int			 late, from_prediction, removed;
	char			 created_at[CLOCK_ISO_LEN];
	char			 updated_at[CLOCK_ISO_LEN];
};

/*
 * What the two insert triggers (review_count_insert,
 * annotator_count_insert: store/schema.c 13) would add for annotations
 * written without them (bulk_mode), summed as they are written: the
 * project's review counts (a new row is sampled, the column's default)
 * and each person's submitted count (not a removed row's), people in
 * the order of their ids.
 */
struct ann_counts {
	int64_t		 counted;	/* rows of a counted state */
	int64_t		 to_review, accepted, rejected, fixed;
	struct {
		int64_t	 user_id, n;
	}		*users;
	size_t		 nusers, ausers;
};

struct importer {
	json_t			**owned;	/* trees of record_ann results
						 * parsed for their check
						 * (check_result_text), until
						 * the next line */
	size_t			 nowned, aowned;
	struct store		*st;
	struct import_opts	 o;
	struct import_stats	 stats;
	int64_t			 premax;	/* top task id before */
	int64_t			 importer;	/* the real login, recorded
						 * as acted_by on annotations
						 * in another's name */
	char			 now[CLOCK_ISO_LEN];
	char			(*ptimes)[CLOCK_ISO_LEN];	/* predictions' */
	size_t			 aptimes;
	struct buf		 jbuf;		/* JSON dumps */
	struct cached_user	*users;
	size_t			 nusers, ausers;
	struct prep		*preps;
	size_t			 aprep;
	struct prep_review	*revs;		/* the line's review rows */
	size_t			 nrevs, arevs;
	struct prep_final	 final;
	char			*gold;		/* the line's "gold", checked
						 * and dumped, or NULL */
	int64_t			 batch;		/* its batch (chunked), or 0 */
	int			 stage;		/* a known id's changes staged */
	int			 dry;		/* new tasks staged too */
	int			 defer;		/* new tasks' annotations wait
						 * for the chunk's end */
	int64_t			 pending;	/* annotations waiting */
	int			 bulk;		/* they go in without the insert
						 * triggers (flush_counts) */
	int			 bulk_on;	/* the connection is so now
						 * (bulk_mode) */
	struct ann_counts	 counts;	/* written without the
						 * triggers, for flush_counts */
	struct ann_counts	 wcounts;	/* of those waiting in
						 * import_new_annotation */
	int64_t			 ann_max;	/* top annotation id before */
	int64_t			 rev_max;	/* top review id before */
	int64_t			 staged;	/* tasks staged to change */
	int64_t			 staged_prio;	/* of them with a priority */
	int64_t			 staged_preds;	/* predictions replaced */
	int64_t			 staged_ann;	/* annotations staged */
	int64_t			 staged_rev;	/* review rows staged */
	int64_t			 staged_final;	/* final answers staged */
	/* New plain tasks waiting for one INSERT of IMPORT_ROWS rows
	 * (write_rows): their bytes in rowbytes, kept past the read. */
	int			 rows_ok;	/* a chunked import that fails
						 * on a known id */
	int			 no_dup;	/* write_task: no duplicate
						 * looked for (rows_one_by_one) */
	struct pending_row	 rows[IMPORT_ROWS];
	size_t			 nrows;
	struct pending_ann	*panns;
	size_t			 npanns, apanns;
	struct buf		 rowbytes;
	struct answer		*checker;	/* checks results (checked) */
	char			 err[512];
};

static void	bulk_mode(struct importer *, int);
static int	bulk_begin(struct importer *);
static int	bulk_end(struct importer *);
static int	flush_waiting(struct importer *);

/* The staging tables, TEMP: on the importing connection only, written
 * without the database's write lock, removed with the connection (a
 * killed import leaves nothing of them). An annotation's staged review
 * rows and a task's final answer name the annotation by task and user
 * (it may have no id before the publish), a row by its place in the
 * line's list. import_stage_new holds a dry run's new tasks, so that
 * its later lines meet its earlier ones. */
static const char stage_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_task ("
	"  task_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, text TEXT,"
	"  image TEXT, width INTEGER, height INTEGER, meta TEXT NOT NULL,"
	"  content_hash INTEGER, priority INTEGER, preds INTEGER NOT NULL,"
	"  tokens TEXT);"
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_prediction ("
	"  task_id INTEGER NOT NULL, model TEXT NOT NULL, score REAL,"
	"  result TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_annotation ("
	"  task_id INTEGER NOT NULL, user_id INTEGER NOT NULL,"
	"  state TEXT NOT NULL, result TEXT NOT NULL, lead_time REAL,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, late INTEGER,"
	"  from_prediction INTEGER, acted_by INTEGER,"
	"  removed INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (task_id, user_id));"
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_review ("
	"  seq INTEGER PRIMARY KEY, task_id INTEGER NOT NULL,"
	"  user_id INTEGER NOT NULL, place INTEGER NOT NULL,"
	"  reviewer_id INTEGER NOT NULL, acted_by INTEGER,"
	"  verdict TEXT NOT NULL, comment TEXT NOT NULL, result TEXT,"
	"  from_state TEXT NOT NULL, withdraws INTEGER, withdraws_id INTEGER,"
	"  created_at TEXT NOT NULL, UNIQUE (task_id, user_id, place));"
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_final ("
	"  task_id INTEGER PRIMARY KEY, result TEXT NOT NULL,"
	"  from_user INTEGER, settled_by INTEGER NOT NULL, acted_by INTEGER,"
	"  created_at TEXT NOT NULL);"
	"CREATE TEMP TABLE IF NOT EXISTS import_stage_new ("
	"  id INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, kind TEXT NOT NULL,"
	"  text TEXT, content_hash INTEGER, source TEXT);"
	"CREATE INDEX IF NOT EXISTS temp.import_stage_new_hash"
	"  ON import_stage_new(content_hash);"
	"DELETE FROM temp.import_stage_task;"
	"DELETE FROM temp.import_stage_prediction;"
	"DELETE FROM temp.import_stage_annotation;"
	"DELETE FROM temp.import_stage_review;"
	"DELETE FROM temp.import_stage_final;"
	"DELETE FROM temp.import_stage_new;";

/* A chunk's annotations of new tasks, written at its end by one INSERT
 * ... SELECT (flush_annotations): row by row, each INSERT into annotation
 * ran its two counting triggers as a statement of its own, whose
 * statement journal copied every page it touched (the table, 8 indexes,
 * annotator, project) again for each row; the one statement journals a
 * page once. */
static const char defer_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS import_new_annotation ("
	"  task_id INTEGER NOT NULL, user_id INTEGER NOT NULL,"
	"  state TEXT NOT NULL, result TEXT NOT NULL, lead_time REAL,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, late INTEGER,"
	"  from_prediction INTEGER, acted_by INTEGER, submitted_at TEXT,"
	"  removed INTEGER NOT NULL);"
	"DELETE FROM temp.import_new_annotation;";

static const char unstage_sql[] =
	"DROP TABLE IF EXISTS temp.import_stage_task;"
	"DROP TABLE IF EXISTS temp.import_stage_prediction;"
	"DROP TABLE IF EXISTS temp.import_stage_annotation;"
	"DROP TABLE IF EXISTS temp.import_stage_review;"
	"DROP TABLE IF EXISTS temp.import_stage_final;"
	"DROP TABLE IF EXISTS temp.import_stage_new;";

/*
 * The triggers on annotation as this file knows them: the two that fire
 * on an insert (flush_counts does their work for a chunk at once) and
 * those that fire on an update or a delete (which the chunk's INSERT
 * never makes). 1 when the database has exactly these, 0 when it has any
 * other (its annotations go in with their triggers), -1 on error.
 */
static int
bulk_triggers(struct store *st)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(st, "SELECT count(*) = 10 AND sum(name IN"
	    " ('annotator_count_insert', 'review_count_insert',"
	    " 'annotator_count_update', 'review_count_update',"
	    " 'annotator_count_delete', 'review_count_delete',"
	    " 'annotator_cursor_draft', 'annotator_cursor_delete',"
	    " 'annotator_want_draft', 'annotator_want_delete')) = 10"
	    " FROM sqlite_schema WHERE type = 'trigger'"
	    " AND tbl_name = 'annotation'");
	if (stmt == NULL)
		return -1;
	return (int)stmt_int64(st, stmt, "starting an import");
}

struct importer *
importer_new(struct store *st, const struct actor *a,
    const struct import_opts *o)
{
	struct importer	*im;
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(st, "SELECT coalesce(max(id), 0) FROM task");
	if (stmt == NULL)
		return NULL;
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(stmt);
		store_error(st, "importing");
		return NULL;
	}
	im = xcalloc(1, sizeof *im);
	im->premax = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	im->st = st;
	im->importer = a != NULL ? a->real_id : 0;
	im->o = *o;
	clock_iso(clock_now(), im->now);
	/* Inside a caller's transaction everything is written where it
	 * goes: that transaction is the unit. */
	if (!st->in_tx && (o->dry_run || o->existing == IMPORT_UPDATE)) {
		stmt = stmt_get(st, "SELECT coalesce(max(id), 0) FROM"
		    " annotation");
		if (stmt == NULL || (im->ann_max = stmt_int64(st, stmt,
		    "importing")) == -1) {
			importer_free(im);
			return NULL;
		}
		stmt = stmt_get(st, "SELECT coalesce(max(id), 0) FROM review");
		if (stmt == NULL || (im->rev_max = stmt_int64(st, stmt,
		    "importing")) == -1) {
			importer_free(im);
			return NULL;
		}
		im->stage = 1;
		im->dry = o->dry_run;
		if (sqlite3_exec(st->db, stage_sql, NULL, NULL, NULL) !=
		    SQLITE_OK) {
			store_error(st, "staging an import");
			importer_free(im);
			return NULL;
		}
	}
	if (!st->in_tx && !o->dry_run) {
		if (sqlite3_exec(st->db, defer_sql, NULL, NULL, NULL) !=
		    SQLITE_OK) {
			store_error(st, "starting an import");
			importer_free(im);
			return NULL;
		}
		im->defer = 1;
		im->rows_ok = o->existing == IMPORT_FAIL;
		if ((im->bulk = bulk_triggers(st)) == -1) {
			importer_free(im);
			return NULL;
		}
	}
	return im;
}

/* The trees check_result_text parsed, freed. */
static void
owned_free(struct importer *im)
{
	while (im->nowned > 0)
		json_decref(im->owned[--im->nowned]);
}

void
importer_free(struct importer *im)
{
	size_t	i;

	if (im == NULL)
		return;
	bulk_mode(im, 0);
	if (im->stage)
		sqlite3_exec(im->st->db, unstage_sql, NULL, NULL, NULL);
	if (im->defer)
		sqlite3_exec(im->st->db, "DROP TABLE IF EXISTS"
		    " temp.import_new_annotation", NULL, NULL, NULL);
	for (i = 0; i < im->nusers; i++)
		free(im->users[i].name);
	free(im->users);
	free(im->preps);
	owned_free(im);
	free(im->owned);
	free(im->revs);
	free(im->ptimes);
	buf_release(&im->jbuf);
	free(im->gold);
	buf_release(&im->rowbytes);
	answer_free(im->checker);
	free(im->panns);
	free(im->counts.users);
	free(im->wcounts.users);
	free(im);
}

void
importer_set_first(struct importer *im, int64_t first)
{
	if (first > 0)
		im->premax = first - 1;
}

const struct import_stats *
importer_stats(const struct importer *im)
{
	return &im->stats;
}

int
importer_finish(struct importer *im)
{
	return store_project_recount(im->st, im->o.project_id);
}

/* j as compact JSON in the reused buffer; borrowed until the next dump.
 * jsonw's, byte for byte jansson's (tests/unit/check_jsonw.c): jansson
 * keeps a table of the containers on the way to find a loop, a printf
 * and a hash insert for each, which cost more than the rest of a box
 * list's dump (bench/imageformats.sh, YOLO: the dump 25% of the
 * import's instructions before). */
static const char *
dump(struct importer *im, json_t *j)
{
	if (j == NULL)
		return "{}";
	buf_reset(&im->jbuf);
	jw_tree_compact(&im->jbuf, j);
	return buf_str(&im->jbuf);
}

/* 1 when rec brings annotations (as a tree or as record_anns); how
 * many. */
static int
rec_annotated(const struct record *rec)
{
	return rec->annotations != NULL || rec->anns != NULL;
}

static size_t
rec_nann(const struct record *rec)
{
	return rec->anns != NULL ? rec->nanns :
	    json_array_size(rec->annotations);
}

/* An annotation's result as stored. */
static const char *
prep_result(struct importer *im, const struct prep *p)
{
	return p->result_text != NULL ? p->result_text : dump(im, p->result);
}

/* rec's meta as the task keeps it. */
static const char *
rec_meta(struct importer *im, const struct record *rec)
{
	return rec->meta_json != NULL ? rec->meta_json : dump(im, rec->meta);
}

/*
 * A user's id by name, cached; 0 when there is no such user, -1 on error.
 * With create_users an unknown name is added as an annotator, in the
 * transaction that writes the line (a dry run counts it and takes an id
 * no user has, for its staged rows only), and removed again if the import
 * fails (importer_drop_users).
 */
static int64_t
user_id(struct importer *im, unsigned long line, const char *name)
{
	struct user	u = USER_INIT;
	size_t		i;
	int		rc;

	for (i = 0; i < im->nusers; i++)
		if (strcmp(im->users[i].name, name) == 0)
			return im->users[i].id;
	if ((rc = store_user_get(im->st, name, &u)) == -1)
		return -1;
	ARRAY_GROW(im->users, im->nusers + 1, im->ausers);
	im->users[im->nusers].name = xstrdup(name);
	im->users[im->nusers].id = rc == 1 ? u.id : 0;
	im->users[im->nusers].created = 0;
	user_release(&u);
	if (rc == 0 && im->o.create_users) {
		if (!user_name_valid(name)) {
			error("%s:%lu: '%s' is not a user name, so it cannot be"
			    " added: " USER_NAME_RULE, im->o.name, line, name);
			free(im->users[im->nusers].name);
			return -1;
		}
		u = (struct user)USER_INIT;
		u.name = (char *)name;
		u.role = ROLE_ANNOTATOR;
		if (im->dry)
			u.id = INT64_MAX - (int64_t)im->nusers;
		else if (bulk_end(im) == -1 ||
		    store_user_add(im->st, &u) == -1) {
			free(im->users[im->nusers].name);
			return -1;
		}
		im->users[im->nusers].id = u.id;
		im->users[im->nusers].created = 1;
		im->stats.users_created++;
	}
	return im->users[im->nusers++].id;
}

/* After a failed import: the users it added, which nothing names now. */
static void
importer_drop_users(struct importer *im)
{
	sqlite3_stmt	*stmt;
	size_t		 i;
	int		 rc;

	for (i = 0; i < im->nusers; i++) {
		if (!im->users[i].created || im->dry)
			continue;
		/* Their annotator rows (counts the triggers made, now 0)
		 * go with them. */
		stmt = stmt_get(im->st, "DELETE FROM annotator WHERE user_id"
		    " = ? AND submitted = 0");
		if (stmt == NULL)
			return;
		sqlite3_bind_int64(stmt, 1, im->users[i].id);
		rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc == SQLITE_DONE && (stmt = stmt_get(im->st, "DELETE FROM"
		    " user WHERE id = ?")) == NULL)
			return;
		sqlite3_bind_int64(stmt, 1, im->users[i].id);
		if (rc != SQLITE_DONE || sqlite3_step(stmt) != SQLITE_DONE)
			warning("%s: user '%s', which the import added, is"
			    " still there (%s): remove them with 'scalec user"
			    " remove'", im->o.name, im->users[i].name,
			    sqlite3_errmsg(im->st->db));
		sqlite3_reset(stmt);
	}
}

/* 1 when s, a time when_parse_time took, is written as clock_iso
 * writes it ("2026-01-31T12:00:00Z"): then it is its own stored form,
 * as the parse refused any field out of its range and any instant
 * outside the years 0000 to 9999 (clock_iso's gmtime_r and snprintf
 * were 4% of a Prodigy import's instructions, every line's two times
 * in this form). */
static int
stored_form(const char *s)
{
	static const char	pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t			i;

	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			return 0;
	return s[i] == '\0';
}

/*
 * An optional time field of an annotation or prediction, read by the one
 * parser of times (util/when.c: a date, or a time with an optional
 * fraction and offset; an impossible one such as 2026-02-30 is refused)
 * and kept in the stored form in out; now when the field is absent.
 */
static int	time_text(struct importer *, unsigned long, const char *,
		    size_t, const char *, const char *, char[CLOCK_ISO_LEN]);

static int
time_field(struct importer *im, unsigned long line, const char *what,
    size_t n, json_t *e, const char *key, char out[CLOCK_ISO_LEN])
{
	json_t		*v = json_object_get(e, key);

	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		return error("%s:%lu: %s %zu: \"%s\" must be a time like"
		    " 2026-01-31T12:00:00Z", im->o.name, line, what, n, key);
	return time_text(im, line, what, n, key, json_string_value(v), out);
}

/* time_field of the field's text s (NULL: absent). */
static int
time_text(struct importer *im, unsigned long line, const char *what,
    size_t n, const char *key, const char *s, char out[CLOCK_ISO_LEN])
{
	time_t		 t;
	char		 why[256];

	memcpy(out, im->now, CLOCK_ISO_LEN);
	if (s == NULL)
		return 0;
	if (when_parse_time(s, &t, why, sizeof why) == -1)
		return error("%s:%lu: %s %zu: \"%s\": %s", im->o.name, line,
		    what, n, key, why);
	if (stored_form(s))
		memcpy(out, s, CLOCK_ISO_LEN);
	else
		clock_iso(t, out);
	return 0;
}

/* answer_check of result for task rt, by one answer kept for the
 * import (its making and freeing were a third of the check's cost per
 * annotation). */
static int
checked(struct importer *im, json_t *result, struct answer_task *rt)
{
	if (im->checker == NULL)
		im->checker = answer_new(im->o.cfg, rt);
	return answer_check_in(im->checker, result, rt, ANSWER_ALLOW_RETIRED,
	    im->err, sizeof im->err);
}

/* Checks one result against the config; reports with where. */
static int
check_result(struct importer *im, const struct record *rec,
    struct answer_task *rt, json_t *result, const char *what, size_t n)
{
	if (checked(im, result, rt) == -1)
		return error("%s:%lu: %s %zu: %s", im->o.name, rec->line, what,
		    n, im->err);
	return 0;
}

/* An optional true/false field of annotation n; 0 or -1 after reporting. */
static int
flag_field(struct importer *im, unsigned long line, size_t n, json_t *e,
    const char *key, int *out)
{
	json_t	*v = json_object_get(e, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return error("%s:%lu: annotation %zu: \"%s\" must be true or"
		    " false", im->o.name, line, n, key);
	*out = json_is_true(v);
	return 0;
}

/* ---- reviews and final answers ----
 *
 * An annotation's "annotation_id" (the exporting database's id, which
 * its line's "final_answer" names as "from_annotation"), "reviews" (its
 * history, each row a verdict by a reviewer, in order, a withdrawal
 * naming the row it undoes by its place in the list) and "fixed" (the
 * fix in force, which the rows must agree with). Reviewers are users
 * by login, as annotators are; nobody reviews their own annotation. */

/* "annotation N: review M" for messages. */
#define REVIEW_AT	"%s:%lu: annotation %zu: review %zu: "

/* The row of a verdict's place that is in force at the end: not
 * withdrawn by a later one. */
static int
review_withdrawn(const struct prep_review *rows, size_t n, size_t k)
{
	size_t	i;

	for (i = k + 1; i < n; i++)
		if (rows[i].withdraws == k + 1)
			return 1;
	return 0;
}

static int
check_review(struct importer *im, const struct record *rec,
    struct answer_task *rt, size_t n, size_t m, json_t *e,
    const struct prep *p, struct prep_review *row)
{
	const struct prep_review *rows = im->revs + p->rev0;
	const char	*name;
	json_t		*v;
	char		 what[64];
	size_t		 k;

	memset(row, 0, sizeof *row);
	if (!json_is_object(e))
		return error(REVIEW_AT "must be an object", im->o.name,
		    rec->line, n, m);
	v = json_object_get(e, "reviewer");
	if (!json_is_string(v))
		return error(REVIEW_AT "needs \"reviewer\", a user name",
		    im->o.name, rec->line, n, m);
	name = json_string_value(v);
	if ((row->reviewer_id = user_id(im, rec->line, name)) == -1)
		return -1;
	if (row->reviewer_id == 0)
		return error(REVIEW_AT "no user '%s' " NO_USER_HINT,
		    im->o.name, rec->line, n, m, name);
	if (row->reviewer_id == p->user_id)
		return error(REVIEW_AT "'%s' reviews their own annotation:"
		    " nobody reviews their own work", im->o.name, rec->line,
		    n, m, name);
	v = json_object_get(e, "verdict");
	if ((row->verdict = review_verdict_from_name(json_string_value(v)))
	    == -1)
		return error(REVIEW_AT "\"verdict\" must be one of accept,"
		    " reject, fix, comment, reopen and withdraw", im->o.name,
		    rec->line, n, m);
	row->comment = "";
	if ((v = json_object_get(e, "comment")) != NULL && !json_is_null(v)) {
		if (!json_is_string(v))
			return error(REVIEW_AT "\"comment\" must be a string",
			    im->o.name, rec->line, n, m);
		row->comment = json_string_value(v);
	}
	snprintf(what, sizeof what, "annotation %zu: review", n);
	if (time_field(im, rec->line, what, m, e, "at", row->at) == -1)
		return -1;
	row->from_state = ANN_SUBMITTED;
	if ((v = json_object_get(e, "from_state")) != NULL &&
	    !json_is_null(v) && (row->from_state =
	    annotation_state_from_name(json_string_value(v))) == ANN_NONE)
		return error(REVIEW_AT "\"from_state\" must be one of "
		    ANNOTATION_STATE_NAMES, im->o.name, rec->line, n, m);
	v = json_object_get(e, "withdraws");
	if (row->verdict == VERDICT_WITHDRAW) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    (size_t)json_integer_value(v) >= m)
			return error(REVIEW_AT "a withdrawal needs"
			    " \"withdraws\", the place (from 1) of an earlier"
			    " review in this list", im->o.name, rec->line, n, m);
		k = (size_t)json_integer_value(v) - 1;
		if (rows[k].verdict == VERDICT_WITHDRAW ||
		    review_withdrawn(rows, m - 1, k))
			return error(REVIEW_AT "review %zu is a withdrawal or"
			    " withdrawn already", im->o.name, rec->line, n, m,
			    k + 1);
		if (rows[k].reviewer_id != row->reviewer_id)
			return error(REVIEW_AT "review %zu is another"
			    " reviewer's: only its reviewer withdraws it",
			    im->o.name, rec->line, n, m, k + 1);
		row->withdraws = k + 1;
	} else if (v != NULL && !json_is_null(v))
		return error(REVIEW_AT "\"withdraws\" is for a withdrawal",
		    im->o.name, rec->line, n, m);
	v = json_object_get(e, "result");
	if (row->verdict == VERDICT_FIX) {
		if (v == NULL || json_is_null(v))
			return error(REVIEW_AT "a fix needs its \"result\"",
			    im->o.name, rec->line, n, m);
		snprintf(what, sizeof what, "annotation %zu: review", n);
		if (check_result(im, rec, rt, v, what, m) == -1)
			return -1;
		row->result = v;
	} else if (v != NULL && !json_is_null(v))
		return error(REVIEW_AT "\"result\" is for a fix", im->o.name,
		    rec->line, n, m);
	return 0;
}

/* Annotation i's "annotation_id", "reviews" and "fixed" into im->preps[i]
 * and im->revs. */
static int
check_reviews(struct importer *im, const struct record *rec,
    struct answer_task *rt, size_t i, json_t *e)
{
	struct prep	*p = &im->preps[i];
	json_t		*v, *row, *fixed, *in_force = NULL;
	size_t		 m, j;

	if (i == 0)
		im->nrevs = 0;
	p->rev0 = im->nrevs;
	if ((v = json_object_get(e, "annotation_id")) != NULL &&
	    !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return error("%s:%lu: annotation %zu: \"annotation_id\""
			    " is the id an export writes, a whole number",
			    im->o.name, rec->line, i + 1);
		p->ext_id = json_integer_value(v);
		for (j = 0; j < i; j++)
			if (im->preps[j].ext_id == p->ext_id)
				return error("%s:%lu: annotations %zu and %zu"
				    " have the same \"annotation_id\" %lld",
				    im->o.name, rec->line, j + 1, i + 1,
				    (long long)p->ext_id);
	}
	if ((v = json_object_get(e, "reviews")) != NULL && !json_is_null(v)) {
		if (!json_is_array(v))
			return error("%s:%lu: annotation %zu: \"reviews\" must"
			    " be a list", im->o.name, rec->line, i + 1);
		ARRAY_GROW(im->revs, im->nrevs + json_array_size(v),
		    im->arevs);
		json_array_foreach(v, m, row) {
			if (check_review(im, rec, rt, i + 1, m + 1, row, p,
			    &im->revs[im->nrevs]) == -1)
				return -1;
			im->nrevs++;
			p->nrev++;
		}
	}
	for (m = p->nrev; m-- > 0; )
		if (im->revs[p->rev0 + m].verdict == VERDICT_FIX &&
		    !review_withdrawn(im->revs + p->rev0, p->nrev, m)) {
			in_force = im->revs[p->rev0 + m].result;
			break;
		}
	fixed = json_object_get(e, "fixed");
	if (fixed != NULL && !json_is_null(fixed) && (in_force == NULL ||
	    !json_equal(fixed, in_force)))
		return error("%s:%lu: annotation %zu: \"fixed\" is not the"
		    " fix in force in its \"reviews\"%s", im->o.name,
		    rec->line, i + 1, in_force == NULL ? " (there is none)" :
		    "");
	return 0;
}

/* The line's "final_answer" into im->final. */
static int
check_final(struct importer *im, const struct record *rec,
    struct answer_task *rt)
{
	struct prep_final	*f = &im->final;
	json_t			*e = rec->final_answer, *v;
	size_t			 i, nann = rec_nann(rec);

	memset(f, 0, sizeof *f);
	if (e == NULL)
		return 0;
	f->given = 1;
	if ((v = json_object_get(e, "result")) == NULL || json_is_null(v))
		return error("%s:%lu: \"final_answer\" needs a \"result\"",
		    im->o.name, rec->line);
	if (checked(im, v, rt) == -1)
		return error("%s:%lu: \"final_answer\": %s", im->o.name,
		    rec->line, im->err);
	f->result = v;
	v = json_object_get(e, "settled_by");
	if (!json_is_string(v))
		return error("%s:%lu: \"final_answer\" needs \"settled_by\","
		    " a user name", im->o.name, rec->line);
	if ((f->settled_by = user_id(im, rec->line, json_string_value(v))) ==
	    -1)
		return -1;
	if (f->settled_by == 0)
		return error("%s:%lu: \"final_answer\": no user '%s' "
		    NO_USER_HINT, im->o.name, rec->line,
		    json_string_value(v));
	if ((v = json_object_get(e, "from_annotation")) != NULL &&
	    !json_is_null(v)) {
		for (i = 0; json_is_integer(v) && i < nann; i++)
			if (im->preps[i].ext_id == json_integer_value(v))
				break;
		if (!json_is_integer(v) || i >= nann)
			return error("%s:%lu: \"final_answer\":"
			    " \"from_annotation\" must be the"
			    " \"annotation_id\" of one of this line's"
			    " annotations", im->o.name, rec->line);
		if (!annotation_state_counts(im->preps[i].state))
			return error("%s:%lu: \"final_answer\": annotation"
			    " %zu is %s: a final answer is taken from"
			    " submitted work", im->o.name, rec->line, i + 1,
			    annotation_state_name(im->preps[i].state));
		f->from = i + 1;
	}
	return time_field(im, rec->line, "final_answer", 1, e, "at", f->at);
}

/* The line's "gold" (a task's known answer, issue 12 section 1),
 * checked as any result and needing a value, into im->gold. */
static int
check_gold(struct importer *im, const struct record *rec,
    struct answer_task *rt)
{
	struct answer	*ans;
	double		 s, l;
	size_t		 n;

	free(im->gold);
	im->gold = NULL;
	if (rec->gold == NULL)
		return 0;
	if (checked(im, rec->gold, rt) == -1)
		return error("%s:%lu: \"gold\": %s", im->o.name, rec->line,
		    im->err);
	ans = answer_new(im->o.cfg, rt);
	n = answer_load(ans, rec->gold, ANSWER_ALLOW_RETIRED, im->err,
	    sizeof im->err) == 0 ? answer_score(ans, ans, &s, &l, NULL) : 0;
	answer_free(ans);
	if (n == 0)
		return error("%s:%lu: \"gold\" has no value for any control:"
		    " there would be nothing to score", im->o.name, rec->line);
	im->gold = jsonout_dumps(rec->gold, JSON_COMPACT);
	return 0;
}

/* 1 when a and b are both strings, the same. */
static int
same_string(const json_t *a, const json_t *b)
{
	return json_is_string(a) && json_is_string(b) &&
	    strcmp(json_string_value(a), json_string_value(b)) == 0;
}

/*
 * Annotation n (from 1) of rec into p: its user (NULL: none given) known
 * and not one an earlier annotation of rec is by, its state (has_state:
 * given, state then its name, NULL when that is no string; else
 * submitted). check_annotations' and check_anns' one check of these, for
 * the same messages. 0 or -1.
 */
static int
check_who(struct importer *im, const struct record *rec, size_t n,
    const char *user, int has_state, const char *state, struct prep *p)
{
	size_t	j;

	if (user == NULL)
		return error("%s:%lu: annotation %zu needs \"user\", a user"
		    " name", im->o.name, rec->line, n);
	p->user = user;
	if ((p->user_id = user_id(im, rec->line, p->user)) == -1)
		return -1;
	if (p->user_id == 0)
		return error("%s:%lu: annotation %zu: no user '%s' "
		    NO_USER_HINT, im->o.name, rec->line, n, p->user);
	for (j = 0; j + 1 < n; j++)
		if (im->preps[j].user_id == p->user_id)
			return error("%s:%lu: annotations %zu and %zu are both"
			    " by '%s' (one per user and task)", im->o.name,
			    rec->line, j + 1, n, p->user);
	p->state = ANN_SUBMITTED;
	if (has_state && (p->state = annotation_state_from_name(state)) ==
	    ANN_NONE)
		return error("%s:%lu: annotation %zu: \"state\" must be one of "
		    ANNOTATION_STATE_NAMES, im->o.name, rec->line, n);
	return 0;
}

/* p's "removed" (already read) checked against its state: 1 when it
 * counts as submitted (submitted, accepted, rejected, not removed), 0
 * when not, -1 after reporting. */
static int
check_removed(struct importer *im, const struct record *rec, size_t n,
    const struct prep *p)
{
	/* Taken out of the task's overlap by a rejection under on_reject:
	 * remove (still exported as rejected). */
	if (p->removed && p->state != ANN_REJECTED)
		return error("%s:%lu: annotation %zu: \"removed\" is for a"
		    " rejected annotation, not a%s %s one", im->o.name,
		    rec->line, n, p->state == ANN_ACCEPTED ? "n" : "",
		    annotation_state_name(p->state));
	return annotation_state_counts(p->state) && !p->removed;
}

/* Checks every annotation of rec into im->preps; returns how many
 * count as submitted (submitted, accepted, rejected) or -1. */
static int
check_annotations(struct importer *im, const struct record *rec,
    struct answer_task *rt)
{
	struct prep	*p;
	json_t		*e, *v;
	size_t		 i, n;
	int		 submitted = 0, rc;

	n = json_array_size(rec->annotations);
	ARRAY_GROW(im->preps, n, im->aprep);
	json_array_foreach(rec->annotations, i, e) {
		p = &im->preps[i];
		memset(p, 0, sizeof *p);
		v = json_object_get(e, "state");
		if (check_who(im, rec, i + 1, json_string_value(
		    json_object_get(e, "user")), v != NULL,
		    json_string_value(v), p) == -1)
			return -1;
		if ((v = json_object_get(e, "lead_time")) != NULL &&
		    !json_is_null(v)) {
			if (!json_is_number(v) || json_number_value(v) < 0)
				return error("%s:%lu: annotation %zu:"
				    " \"lead_time\" must be a number of"
				    " seconds",
				    im->o.name, rec->line, i + 1);
			p->lead_time = json_number_value(v);
		}
		if (flag_field(im, rec->line, i + 1, e, "late",
		    &p->late) == -1 ||
		    flag_field(im, rec->line, i + 1, e, "from_prediction",
		    &p->from_prediction) == -1 ||
		    flag_field(im, rec->line, i + 1, e, "removed",
		    &p->removed) == -1)
			return -1;
		if ((rc = check_removed(im, rec, i + 1, p)) == -1)
			return -1;
		submitted += rc;
		if (time_field(im, rec->line, "annotation", i + 1, e,
		    "created_at", p->created_at) == -1)
			return -1;
		/* Often the same text (Prodigy's one _timestamp): read once. */
		if (same_string(json_object_get(e, "created_at"),
		    json_object_get(e, "updated_at")))
			memcpy(p->updated_at, p->created_at, CLOCK_ISO_LEN);
		else if (time_field(im, rec->line, "annotation", i + 1, e,
		    "updated_at", p->updated_at) == -1)
			return -1;
		if ((v = json_object_get(e, "result")) != NULL &&
		    !json_is_null(v)) {
			if (check_result(im, rec, rt, v, "annotation", i + 1)
			    == -1)
				return -1;
			p->result = v;
		}
		if (check_reviews(im, rec, rt, i, e) == -1)
			return -1;
	}
	return submitted;
}

/*
 * A record_ann's result text checked for task rt into p: by the fast
 * reader (model/answer_scan.h), the text then stored as it is; where that
 * declines, parsed and checked as a tree's result is, for the same
 * message and the same stored text (the tree kept in im->owned until the
 * next line).
 */
static int
check_result_text(struct importer *im, const struct record *rec,
    struct answer_task *rt, const struct record_ann *a, size_t n,
    struct prep *p)
{
	json_error_t	 jerr;
	json_t		*j;

	if (im->checker == NULL)
		im->checker = answer_new(im->o.cfg, rt);
	if (answer_scan_check(im->checker, a->result, a->result_len, rt)) {
		p->result_text = a->result;
		return 0;
	}
	if ((j = json_loadb(a->result, a->result_len, JSON_DECODE_ANY,
	    &jerr)) == NULL)
		return error("%s:%lu: annotation %zu: its result is not JSON:"
		    " %s", im->o.name, rec->line, n, jerr.text);
	ARRAY_GROW(im->owned, im->nowned + 1, im->aowned);
	im->owned[im->nowned++] = j;
	if (json_is_null(j))
		return 0;
	if (check_result(im, rec, rt, j, "annotation", n) == -1)
		return -1;
	p->result = j;
	return 0;
}

/* check_annotations of a reader's record_anns (model/record.h): the same
 * checks and messages, of plain fields. */
static int
check_anns(struct importer *im, const struct record *rec,
    struct answer_task *rt)
{
	const struct record_ann	*a;
	struct prep		*p;
	size_t			 i, n = rec->nanns;
	int			 submitted = 0, rc;

	ARRAY_GROW(im->preps, n, im->aprep);
	for (i = 0; i < n; i++) {
		a = &rec->anns[i];
		p = &im->preps[i];
		memset(p, 0, sizeof *p);
		if (check_who(im, rec, i + 1, a->user, a->state != NULL,
		    a->state, p) == -1)
			return -1;
		if (a->has_lead_time) {
			if (!(a->lead_time >= 0))
				return error("%s:%lu: annotation %zu:"
				    " \"lead_time\" must be a number of"
				    " seconds",
				    im->o.name, rec->line, i + 1);
			p->lead_time = a->lead_time;
		}
		p->late = a->late != 0;
		p->from_prediction = a->from_prediction != 0;
		p->removed = a->removed != 0;
		if ((rc = check_removed(im, rec, i + 1, p)) == -1)
			return -1;
		submitted += rc;
		if (time_text(im, rec->line, "annotation", i + 1,
		    "created_at", a->created_at, p->created_at) == -1)
			return -1;
		if (a->created_at != NULL && a->updated_at != NULL &&
		    strcmp(a->created_at, a->updated_at) == 0)
			memcpy(p->updated_at, p->created_at, CLOCK_ISO_LEN);
		else if (time_text(im, rec->line, "annotation", i + 1,
		    "updated_at", a->updated_at, p->updated_at) == -1)
			return -1;
		if (a->result != NULL &&
		    check_result_text(im, rec, rt, a, i + 1, p) == -1)
			return -1;
		if (i == 0)
			im->nrevs = 0;
		p->rev0 = im->nrevs;
	}
	return submitted;
}

static int
check_predictions(struct importer *im, const struct record *rec,
    struct answer_task *rt)
{
	json_t	*e, *v;
	size_t	 i;

	ARRAY_GROW(im->ptimes, json_array_size(rec->predictions), im->aptimes);
	json_array_foreach(rec->predictions, i, e) {
		if (time_field(im, rec->line, "prediction", i + 1, e,
		    "created_at", im->ptimes[i]) == -1)
			return -1;
		v = json_object_get(e, "result");
		if (v == NULL)
			return error("%s:%lu: prediction %zu needs a"
			    " \"result\"", im->o.name, rec->line, i + 1);
		if (check_result(im, rec, rt, v, "prediction", i + 1) == -1)
			return -1;
		v = json_object_get(e, "score");
		if (v != NULL && !json_is_null(v) && !json_is_number(v))
			return error("%s:%lu: prediction %zu: \"score\" must be"
			    " a number", im->o.name, rec->line, i + 1);
		v = json_object_get(e, "model");
		if (v != NULL && !json_is_null(v) && !json_is_string(v))
			return error("%s:%lu: prediction %zu: \"model\" must be"
			    " a string", im->o.name, rec->line, i + 1);
	}
	return 0;
}

/* The task that holds ext_id in the project, for a clash. */
static int64_t
find_ext(struct importer *im, const char *ext_id)
{
	sqlite3_stmt	*stmt;
	int64_t		 id = 0;
	int		 rc;

	stmt = stmt_get(im->st, "SELECT id FROM task WHERE project_id = ?"
	    " AND ext_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->o.project_id);
	sqlite3_bind_text(stmt, 2, ext_id, -1, SQLITE_STATIC);
	if ((rc = stmt_row(im->st, stmt, "importing")) == 1) {
		id = sqlite3_column_int64(stmt, 0);
		sqlite3_reset(stmt);
	}
	return rc == -1 ? -1 : id;
}

/* Binds the task's own columns from 1: kind, text, image, width, height,
 * meta, content_hash. */
static void
bind_task(struct importer *im, sqlite3_stmt *stmt, const struct record *rec,
    const int64_t *hash)
{
	if (rec->image != NULL) {
		sqlite3_bind_text(stmt, 1, "image", 5, SQLITE_STATIC);
		sqlite3_bind_null(stmt, 2);
		sqlite3_bind_text(stmt, 3, rec->image, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(stmt, 1, "text", 4, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, rec->text, (int)rec->text_len,
		    SQLITE_STATIC);
		sqlite3_bind_null(stmt, 3);
	}
	bind_positive(stmt, 4, rec->width);
	bind_positive(stmt, 5, rec->height);
	sqlite3_bind_text(stmt, 6, rec_meta(im, rec), -1, SQLITE_STATIC);
	if (hash != NULL)
		sqlite3_bind_int64(stmt, 7, *hash);
	else
		sqlite3_bind_null(stmt, 7);
}

/* What --update changes in task id, from 1: bind_task's, the priority
 * (NULL when the line has none: it stays) and the id. */
static void
bind_change(struct importer *im, sqlite3_stmt *stmt, const struct record *rec,
    const int64_t *hash, int64_t id)
{
	bind_task(im, stmt, rec, hash);
	if (rec->has_priority)
		sqlite3_bind_int64(stmt, 8, rec->priority);
	else
		sqlite3_bind_null(stmt, 8);
	sqlite3_bind_int64(stmt, 9, id);
}

/* The record's content hash: of its text, or an image's as ingest read
 * it; NULL when there is none (an image named by a path or URL) or when
 * the record has an id, which is what knows such a task (task_hash holds
 * only tasks without one, and a hash nobody compares is not worth a
 * column's bytes in every row of an import with ids). */
static const int64_t *
record_hash(const struct record *rec, int64_t *h)
{
	if (rec->ext_id != NULL)
		return NULL;
	if (rec->image != NULL) {
		*h = rec->hash;
		return rec->has_hash ? h : NULL;
	}
	*h = content_hash(rec->text, rec->text_len);
	return h;
}

/*
 * The task of the project that rec repeats (import_opts: duplicates), 0
 * when none or when rec is not one to compare, -1 on error. Before the
 * insert, so tasks earlier in this import count too. Only tasks without
 * an imported id are compared (what the index task_hash holds): a task
 * with one is known by it. INDEXED BY, since the planner would otherwise
 * take task_ext for "ext_id IS NULL" and walk every such task.
 */
static int64_t
find_duplicate(struct importer *im, const struct record *rec,
    const int64_t *hash)
{
	sqlite3_stmt	*stmt;
	int64_t		 id = 0;
	int		 rc = 0, pass;

	if (im->o.allow_duplicates || im->no_dup || hash == NULL ||
	    rec->ext_id != NULL ||
	    rec->predictions != NULL || rec_annotated(rec) ||
	    rec->final_answer != NULL)
		return 0;
	/* The project's tasks; then a dry run's earlier lines, in its
	 * stage (?1 is not used there, ?5 says whether ?4 is). */
	for (pass = 0; rc == 0 && pass <= im->dry; pass++) {
		if (pass == 1)
			stmt = stmt_get(im->st, "SELECT id FROM"
			    " temp.import_stage_new WHERE content_hash = ?2"
			    " AND ext_id IS NULL AND CASE WHEN ?3 IS NULL"
			    " THEN kind = 'image' ELSE text = ?3 END"
			    " AND (NOT ?5 OR source IS ?4) LIMIT 1");
		else if (!im->o.by_source)
			stmt = stmt_get(im->st, "SELECT id FROM task INDEXED BY"
			    " task_hash WHERE project_id = ?1 AND"
			    " content_hash = ?2 AND ext_id IS NULL"
			    " AND text = ?3 LIMIT 1");
		else if (rec->image == NULL)
			stmt = stmt_get(im->st, "SELECT id FROM task INDEXED BY"
			    " task_hash WHERE project_id = ?1 AND"
			    " content_hash = ?2 AND ext_id IS NULL"
			    " AND text = ?3 AND source IS ?4 LIMIT 1");
		else
			stmt = stmt_get(im->st, "SELECT id FROM task INDEXED BY"
			    " task_hash WHERE project_id = ?1 AND"
			    " content_hash = ?2 AND ext_id IS NULL"
			    " AND kind = 'image' AND source IS ?4 LIMIT 1");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, im->o.project_id);
		sqlite3_bind_int64(stmt, 2, *hash);
		if (rec->image == NULL)
			sqlite3_bind_text(stmt, 3, rec->text,
			    (int)rec->text_len, SQLITE_STATIC);
		if (im->o.by_source)
			bind_text(stmt, 4, rec->source != NULL ? rec->source :
			    im->o.source);
		if (pass == 1)
			sqlite3_bind_int(stmt, 5, im->o.by_source);
		if ((rc = stmt_row(im->st, stmt, "looking for a duplicate"))
		    == 1) {
			id = sqlite3_column_int64(stmt, 0);
			sqlite3_reset(stmt);
		}
	}
	return rc == -1 ? -1 : id;
}

/*
 * When --update would change the text (or image) of task id, which has
 * annotations other than those the record brings for their users: refused
 * unless --force, naming whose they are (their results were made on the
 * old text). 0 to go on, -1 after reporting.
 */
static int
check_rewrite(struct importer *im, const struct record *rec, int64_t id,
    size_t nann)
{
	sqlite3_stmt	*stmt;
	struct buf	 names = BUF_INIT;
	const char	*old;
	const char	*what = rec->image != NULL ? "image" : "text";
	size_t		 i, n = 0, oldlen;
	int64_t		 uid;
	int		 rc, same;

	if (im->o.force)
		return 0;
	/* As readers see it: a dry run may run beside another's fold. */
	stmt = stmt_get(im->st, "SELECT " TASK_LIVE("t", "kind") ", coalesce("
	    TASK_LIVE("t", "text") ", " TASK_LIVE("t", "image") ") FROM task t"
	    TASK_LIVE_JOIN("t") " WHERE t.id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if ((rc = stmt_row(im->st, stmt, "importing")) != 1)
		return rc == 0 ? store_error(im->st, "importing") : -1;
	old = (const char *)sqlite3_column_text(stmt, 1);
	oldlen = (size_t)sqlite3_column_bytes(stmt, 1);
	if (rec->image != NULL)
		same = strcmp((const char *)sqlite3_column_text(stmt, 0),
		    "image") == 0 && old != NULL &&
		    strcmp(old, rec->image) == 0;
	else
		same = strcmp((const char *)sqlite3_column_text(stmt, 0),
		    "text") == 0 && old != NULL && oldlen == rec->text_len &&
		    memcmp(old, rec->text, oldlen) == 0;
	sqlite3_reset(stmt);
	if (same)
		return 0;
	stmt = stmt_get(im->st, "SELECT a.user_id, u.name FROM annotation a"
	    " JOIN user u ON u.id = a.user_id WHERE a.task_id = ?"
	    " ORDER BY u.name");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		uid = sqlite3_column_int64(stmt, 0);
		for (i = 0; i < nann && im->preps[i].user_id != uid; i++)
			;
		if (i < nann)
			continue;
		if (n++ < 5)
			buf_printf(&names, "%s%s", n > 1 ? ", " : "",
			    (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		buf_release(&names);
		return store_error(im->st, "importing");
	}
	if (n > 5)
		buf_printf(&names, " and %zu more", n - 5);
	if (n > 0)
		error("%s:%lu: id '%s': task %lld has %s by %s, made on its"
		    " %s: --update would change the %s under %s (--force"
		    " does)", im->o.name, rec->line, rec->ext_id,
		    (long long)id, n == 1 ? "an annotation" : "annotations",
		    buf_str(&names), what, what, n == 1 ? "it" : "them");
	buf_release(&names);
	return n > 0 ? -1 : 0;
}

static int
repeated(struct importer *im, const struct record *rec)
{
	return error("%s:%lu: id '%s' is repeated: an earlier line of this"
	    " file has it", im->o.name, rec->line, rec->ext_id);
}

/* A dry run's new task, in its stage: its id there, -1 after reporting
 * (an id an earlier line has). */
static int64_t
stage_new(struct importer *im, const struct record *rec, const int64_t *hash)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(im->st, "INSERT INTO temp.import_stage_new (ext_id,"
	    " kind, text, content_hash, source) VALUES (?, ?, ?, ?, ?)");
	if (stmt == NULL)
		return -1;
	bind_text(stmt, 1, rec->ext_id);
	bind_text(stmt, 2, rec->image != NULL ? "image" : "text");
	if (rec->image == NULL)
		sqlite3_bind_text(stmt, 3, rec->text, (int)rec->text_len,
		    SQLITE_STATIC);
	if (hash != NULL)
		sqlite3_bind_int64(stmt, 4, *hash);
	bind_text(stmt, 5, rec->source != NULL ? rec->source : im->o.source);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return sqlite3_last_insert_rowid(im->st->db);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return repeated(im, rec);
	return store_error(im->st, "checking a task");
}

/* The record's stored tokens (model/tokens.h), or NULL. */
static void
bind_tokens(sqlite3_stmt *stmt, int i, const struct record *rec)
{
	if (rec->tokens != NULL)
		sqlite3_bind_text(stmt, i, rec->tokens, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(stmt, i);
}

/* What --update will change in task id, staged for the publish
 * (bind_change's), its tokens, and whether its predictions are
 * replaced. */
static int
stage_task(struct importer *im, const struct record *rec, int64_t id,
    const int64_t *hash)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	stmt = stmt_get(im->st, "INSERT INTO temp.import_stage_task (kind,"
	    " text, image, width, height, meta, content_hash, priority,"
	    " task_id, preds, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?)");
	if (stmt == NULL)
		return -1;
	bind_change(im, stmt, rec, hash, id);
	sqlite3_bind_int(stmt, 10, rec->predictions != NULL);
	bind_tokens(stmt, 11, rec);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return repeated(im, rec);
	if (rc != SQLITE_DONE)
		return store_error(im->st, "staging an update");
	im->staged++;
	im->staged_prio += rec->has_priority;
	im->staged_preds += rec->predictions != NULL;
	if (im->batch == 0)
		return 0;
	/* The new content, in the chunk: hidden while the batch loads,
	 * what readers see once it is published (TASK_LIVE). */
	stmt = stmt_get(im->st, "INSERT INTO task_update (task_id, batch_id,"
	    " kind, text, image, width, height, meta, tokens) SELECT task_id,"
	    " ?2, kind, text, image, width, height, meta, tokens"
	    " FROM temp.import_stage_task WHERE task_id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, im->batch);
	return stmt_exec(im->st, stmt, "staging an update");
}

/*
 * Inserts the task (a dry run: into its stage); on an id clash decides by
 * opts.existing. Returns the task id, 0 when the record is skipped, -1
 * after reporting. *updated says the task was there before (its changes
 * staged, when im->stage).
 */
static int64_t
write_task(struct importer *im, const struct record *rec, int submitted,
    size_t nann, int *updated)
{
	sqlite3_stmt	*stmt;
	const int64_t	*hash;
	int64_t		 id, h;
	int		 rc;

	*updated = 0;
	hash = record_hash(rec, &h);
	if ((id = find_duplicate(im, rec, hash)) != 0) {
		if (id == -1)
			return -1;
		if (im->stats.duplicates < IMPORT_DUP_LINES)
			im->stats.dup_lines[im->stats.duplicates] = rec->line;
		im->stats.duplicates++;
		if (im->o.duplicate != NULL)
			im->o.duplicate(im->o.arg, rec, id);
		return 0;
	}
	if (im->dry) {
		/* The project's own first, then this file's earlier lines. */
		if (rec->ext_id == NULL || (id = find_ext(im, rec->ext_id))
		    == 0)
			return stage_new(im, rec, hash);
		if (id == -1)
			return -1;
		goto existing;
	}
	stmt = stmt_get(im->st, "INSERT INTO task (kind, text, image, width,"
	    " height, meta, content_hash, project_id, ext_id, source,"
	    " submitted, created_at, priority, gold, is_gold, tokens)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?14,"
	    " ?14 IS NOT NULL, ?15)");
	if (stmt == NULL)
		return -1;
	bind_task(im, stmt, rec, hash);
	sqlite3_bind_int64(stmt, 8, im->o.project_id);
	if (rec->ext_id != NULL)
		sqlite3_bind_text(stmt, 9, rec->ext_id, -1, SQLITE_STATIC);
	/* A record's own source (a file of file add) before the file's. */
	if (rec->source != NULL)
		sqlite3_bind_text(stmt, 10, rec->source, -1, SQLITE_STATIC);
	else if (im->o.source != NULL)
		sqlite3_bind_text(stmt, 10, im->o.source, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 11, submitted);
	sqlite3_bind_text(stmt, 12, im->now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 13, rec->has_priority ? rec->priority : 0);
	bind_text(stmt, 14, im->gold);
	bind_tokens(stmt, 15, rec);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return sqlite3_last_insert_rowid(im->st->db);
	if (rc != SQLITE_CONSTRAINT_UNIQUE || rec->ext_id == NULL)
		return store_error(im->st, "importing a task");

	/* The id is taken: by this file, or by the project before. */
	if ((id = find_ext(im, rec->ext_id)) <= 0)
		return id == 0 ? store_error(im->st, "importing a task") : -1;
	if (id > im->premax)
		return repeated(im, rec);
existing:
	switch (im->o.existing) {
	case IMPORT_FAIL:
		return error("%s:%lu: id '%s' is already in project '%s'"
		    " (--skip-existing leaves such tasks, --update replaces"
		    " them)", im->o.name, rec->line, rec->ext_id,
		    im->o.project);
	case IMPORT_SKIP:
		return 0;
	case IMPORT_UPDATE:
		break;
	}
	/* Its changes (task_update, an UPDATE of task) with the triggers
	 * and CHECKs. */
	if (bulk_end(im) == -1)
		return -1;
	if (rec->gold != NULL)
		return error("%s:%lu: \"gold\" on a line that updates task"
		    " id '%s': --update does not change a gold answer; set"
		    " it with 'scalec file gold'", im->o.name, rec->line,
		    rec->ext_id);
	if (check_rewrite(im, rec, id, nann) == -1)
		return -1;
	*updated = 1;
	if (im->stage)
		return stage_task(im, rec, id, hash) == -1 ? -1 : id;
	/* A priority the line does not give stays as it was; the tokens
	 * are the line's (none: the tokenizer's), as they go with its text. */
	stmt = stmt_get(im->st, "UPDATE task SET kind = ?, text = ?,"
	    " image = ?, width = ?, height = ?, meta = ?, content_hash = ?,"
	    " priority = coalesce(?, priority), tokens = ?10 WHERE id = ?9");
	if (stmt == NULL)
		return -1;
	bind_change(im, stmt, rec, hash, id);
	bind_tokens(stmt, 10, rec);
	if (stmt_exec(im->st, stmt, "updating a task") == -1)
		return -1;
	return id;
}

/* The counts of a task added (task), the first and last, and the first
 * in next-task order (priority DESC, id). */
static void
count_added(struct importer *im, int64_t task, int gold, int has_priority,
    int64_t priority)
{
	int64_t	p = has_priority ? priority : 0;

	im->stats.added++;
	im->stats.gold += gold;
	if (im->stats.first_id == 0)
		im->stats.first_id = task;
	im->stats.last_id = task;
	if (im->stats.added == 1 || p > im->stats.top_priority) {
		im->stats.top_priority = p;
		im->stats.top_id = task;
	}
}

/* 1 when rec is a plain line that can wait for write_rows: a text with an
 * id (which hashes nothing and looks nothing up before its insert), no
 * source of its own, and nothing written after its task. */
static int
row_plain(const struct importer *im, const struct record *rec)
{
	return im->rows_ok && rec->ext_id != NULL && rec->image == NULL &&
	    rec->text != NULL && rec->source == NULL &&
	    rec->predictions == NULL && !rec_annotated(rec) &&
	    rec->final_answer == NULL && rec->gold == NULL &&
	    rec->tokens == NULL;
}

/* 1 when rec, once checked, may wait for write_rows with its tokens and
 * annotations: nothing but them written after its task (no predictions,
 * final answer or gold; reviews are looked at after the checks), and an
 * id or annotations, so that no duplicate is looked for before its
 * insert (find_duplicate). */
static int
row_tagged(const struct importer *im, const struct record *rec)
{
	return im->rows_ok && (rec->image != NULL || rec->text != NULL) &&
	    (rec->ext_id != NULL || rec_annotated(rec)) &&
	    rec->predictions == NULL && rec->final_answer == NULL &&
	    rec->gold == NULL;
}

static size_t
row_add(struct buf *b, const char *s, size_t n)
{
	size_t	at = b->len;

	buf_add(b, s, n);
	buf_addch(b, '\0');
	return at;
}

static size_t
row_addstr(struct buf *b, const char *s)
{
	return s != NULL ? row_add(b, s, strlen(s)) : ROW_NONE;
}

/* rec's task waits for write_rows, its bytes copied, with the nann
 * annotations checked into im->preps (none has reviews) and submitted,
 * how many count. */
static void
row_keep(struct importer *im, const struct record *rec, int submitted,
    size_t nann)
{
	struct pending_row	*r = &im->rows[im->nrows++];
	struct pending_ann	*pa;
	const struct prep	*p;
	const int64_t		*hash;
	size_t			 i;

	r->line = rec->line;
	r->meta = row_addstr(&im->rowbytes, rec_meta(im, rec));
	if (rec->image != NULL) {
		r->image = row_addstr(&im->rowbytes, rec->image);
		r->text = ROW_NONE;
		r->text_len = 0;
	} else {
		r->image = ROW_NONE;
		r->text_len = rec->text_len;
		r->text = row_add(&im->rowbytes, rec->text, rec->text_len);
	}
	r->ext_id = row_addstr(&im->rowbytes, rec->ext_id);
	r->tokens = row_addstr(&im->rowbytes, rec->tokens);
	r->source = row_addstr(&im->rowbytes, rec->source != NULL ?
	    rec->source : im->o.source);
	hash = record_hash(rec, &r->hash);
	r->has_hash = hash != NULL;
	r->width = rec->width;
	r->height = rec->height;
	r->has_priority = rec->has_priority;
	r->priority = rec->priority;
	r->submitted = submitted;
	r->tagged = rec_annotated(rec);
	r->ann0 = im->npanns;
	r->nann = nann;
	ARRAY_GROW(im->panns, im->npanns + nann, im->apanns);
	for (i = 0; i < nann; i++) {
		p = &im->preps[i];
		pa = &im->panns[im->npanns++];
		pa->user_id = p->user_id;
		pa->state = p->state;
		pa->result = row_addstr(&im->rowbytes, prep_result(im, p));
		pa->lead_time = p->lead_time;
		pa->late = p->late;
		pa->from_prediction = p->from_prediction;
		pa->removed = p->removed;
		memcpy(pa->created_at, p->created_at, CLOCK_ISO_LEN);
		memcpy(pa->updated_at, p->updated_at, CLOCK_ISO_LEN);
	}
}

/* The parameters of a task row, as write_task's INSERT: kind, text,
 * image, width, height, meta, content_hash, project_id, ext_id, source,
 * submitted, created_at, priority, tokens. */
#define ROW_PARAMS	14

/*
 * The INSERTs of k rows (1 to IMPORT_ROWS) by one statement: of new tasks
 * (ROWS_TASK, ROW_PARAMS a row: the columns write_task's INSERT gives a
 * line with no gold), of waiting annotations into import_new_annotation
 * (ROWS_WAITING) or into annotation itself (ROWS_DIRECT, in bulk_mode:
 * new tasks' rows, each user once a task, so no upsert), ANN_PARAMS a
 * row. Made once each, kept for the process (stmt_get knows a statement
 * by its text's address). Anonymous parameters only: SQLite looks each
 * ?NNN up in a list as it codes the statement, which was a twentieth of a
 * CoNLL import's CPU, at every prepare.
 */
enum { ROWS_TASK, ROWS_WAITING, ROWS_DIRECT };

static const char *
rows_sql(int which, size_t k)
{
	static char	*sql[3][IMPORT_ROWS + 1];
	static const char *const head[3] = {
		"INSERT INTO task (kind, text, image, width, height, meta,"
		" content_hash, project_id, ext_id, source, submitted,"
		" created_at, priority, gold, is_gold, tokens) VALUES",
		"INSERT INTO temp.import_new_annotation (task_id, user_id,"
		" state, result, lead_time, created_at, updated_at, late,"
		" from_prediction, acted_by, removed, submitted_at) VALUES",
		"INSERT INTO annotation (task_id, user_id, state, result,"
		" lead_time, created_at, updated_at, late, from_prediction,"
		" acted_by, removed, submitted_at) VALUES"
	};
	static const char *const row[3] = {
		"(?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,0,?)",
		"(?,?,?,?,?,?,?,?,?,?,?,?)",
		"(?,?,?,?,?,?,?,?,?,?,?,?)"
	};
	struct buf	b = BUF_INIT;
	size_t		i;

	if (sql[which][k] != NULL)
		return sql[which][k];
	buf_addstr(&b, head[which]);
	for (i = 0; i < k; i++) {
		if (i > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, row[which]);
	}
	return sql[which][k] = buf_detach(&b);
}

/* Binds row r's parameters from p on. */
static void
bind_row(struct importer *im, sqlite3_stmt *stmt, int p,
    const struct pending_row *r)
{
	const char	*b = im->rowbytes.data;

	if (r->image != ROW_NONE) {
		sqlite3_bind_text(stmt, p, "image", 5, SQLITE_STATIC);
		sqlite3_bind_text(stmt, p + 2, b + r->image, -1,
		    SQLITE_STATIC);
	} else {
		sqlite3_bind_text(stmt, p, "text", 4, SQLITE_STATIC);
		sqlite3_bind_text(stmt, p + 1, b + r->text, (int)r->text_len,
		    SQLITE_STATIC);
	}
	bind_positive(stmt, p + 3, r->width);
	bind_positive(stmt, p + 4, r->height);
	sqlite3_bind_text(stmt, p + 5, b + r->meta, -1, SQLITE_STATIC);
	if (r->has_hash)
		sqlite3_bind_int64(stmt, p + 6, r->hash);
	sqlite3_bind_int64(stmt, p + 7, im->o.project_id);
	if (r->ext_id != ROW_NONE)
		sqlite3_bind_text(stmt, p + 8, b + r->ext_id, -1,
		    SQLITE_STATIC);
	if (r->source != ROW_NONE)
		sqlite3_bind_text(stmt, p + 9, b + r->source, -1,
		    SQLITE_STATIC);
	sqlite3_bind_int(stmt, p + 10, r->submitted);
	sqlite3_bind_text(stmt, p + 11, im->now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, p + 12, r->has_priority ? r->priority : 0);
	if (r->tokens != ROW_NONE)
		sqlite3_bind_text(stmt, p + 13, b + r->tokens, -1,
		    SQLITE_STATIC);
}

/* The parameters of a waiting annotation, as write_annotations' deferred
 * INSERT: task_id, user_id, state, result, lead_time, created_at,
 * updated_at, late, from_prediction, acted_by, removed, submitted_at. */
#define ANN_PARAMS	12

/* n submitted rows more of user in c. */
static void
count_user(struct ann_counts *c, int64_t user, int64_t n)
{
	size_t	i;

	for (i = 0; i < c->nusers && c->users[i].user_id < user; i++)
		;
	if (i < c->nusers && c->users[i].user_id == user) {
		c->users[i].n += n;
		return;
	}
	ARRAY_GROW(c->users, c->nusers + 1, c->ausers);
	memmove(c->users + i + 1, c->users + i, (c->nusers - i) *
	    sizeof c->users[0]);
	c->users[i].user_id = user;
	c->users[i].n = n;
	c->nusers++;
}

/* An annotation of user in state into c, as the triggers count it. */
static void
count_ann(struct ann_counts *c, int64_t user, enum annotation_state state,
    int removed)
{
	if (!annotation_state_counts(state))
		return;
	c->counted++;
	c->to_review += state == ANN_SUBMITTED;
	c->accepted += state == ANN_ACCEPTED;
	c->rejected += state == ANN_REJECTED;
	c->fixed += state == ANN_FIXED;
	if (!removed)
		count_user(c, user, 1);
}

static void
count_clear(struct ann_counts *c)
{
	c->counted = c->to_review = c->accepted = c->rejected = c->fixed = 0;
	c->nusers = 0;
}

/* c's counts added to into's (move: c emptied). */
static void
count_move(struct ann_counts *into, struct ann_counts *c)
{
	size_t	i;

	into->counted += c->counted;
	into->to_review += c->to_review;
	into->accepted += c->accepted;
	into->rejected += c->rejected;
	into->fixed += c->fixed;
	for (i = 0; i < c->nusers; i++)
		count_user(into, c->users[i].user_id, c->users[i].n);
	count_clear(c);
}

/* Binds annotation a of task from p on, counting it. */
static void
bind_ann(struct importer *im, sqlite3_stmt *stmt, int p, int64_t task,
    const struct pending_ann *a)
{
	sqlite3_bind_int64(stmt, p, task);
	sqlite3_bind_int64(stmt, p + 1, a->user_id);
	sqlite3_bind_text(stmt, p + 2, annotation_state_name(a->state), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(stmt, p + 3, im->rowbytes.data + a->result, -1,
	    SQLITE_STATIC);
	sqlite3_bind_double(stmt, p + 4, a->lead_time);
	sqlite3_bind_text(stmt, p + 5, a->created_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, p + 6, a->updated_at, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, p + 7, a->late);
	sqlite3_bind_int(stmt, p + 8, a->from_prediction);
	if (im->importer > 0 && im->importer != a->user_id) {
		sqlite3_bind_int64(stmt, p + 9, im->importer);
		im->stats.for_others++;
	}
	sqlite3_bind_int(stmt, p + 10, a->removed);
	if (annotation_state_counts(a->state))
		sqlite3_bind_text(stmt, p + 11, a->updated_at, -1,
		    SQLITE_STATIC);
	im->stats.annotations++;
}

/* The annotations of waiting rows [from, to), their tasks first on,
 * into import_new_annotation for the chunk's end, or (direct, in
 * bulk_mode) into annotation: up to IMPORT_ROWS by one statement. */
static int
rows_annotations(struct importer *im, size_t from, size_t to,
    int64_t first, int direct)
{
	sqlite3_stmt			*stmt = NULL;
	const struct pending_ann	*a;
	size_t				 i, j, k = 0, na = 0, m;
	int64_t				 task;

	for (i = from; i < to; i++)
		na += im->rows[i].nann;
	for (i = from; i < to; i++) {
		task = first + (int64_t)(i - from);
		for (j = 0; j < im->rows[i].nann; j++, k++) {
			a = &im->panns[im->rows[i].ann0 + j];
			count_ann(direct ? &im->counts : &im->wcounts,
			    a->user_id, a->state, a->removed);
			m = k % IMPORT_ROWS;
			if (m == 0 && (stmt = stmt_get(im->st, rows_sql(direct ?
			    ROWS_DIRECT : ROWS_WAITING, na - k < IMPORT_ROWS ?
			    na - k : IMPORT_ROWS))) == NULL)
				return -1;
			bind_ann(im, stmt, 1 + (int)m * ANN_PARAMS, task, a);
			im->pending += !direct;
			if ((m == IMPORT_ROWS - 1 || k == na - 1) &&
			    stmt_exec(im->st, stmt, "importing annotations") ==
			    -1)
				return -1;
		}
	}
	return 0;
}

/* The waiting rows as write_task writes a line, one at a time: for a
 * part of IMPORT_ROWS, and after the one statement met a known id, to
 * say which line has it. */
static int
rows_one_by_one(struct importer *im)
{
	const struct pending_row	*r;
	struct record			 rec;
	const char			*b = im->rowbytes.data;
	int64_t				 task;
	size_t				 i;
	int				 updated;

	free(im->gold);		/* an earlier line's, not these */
	im->gold = NULL;
	for (i = 0; i < im->nrows; i++) {
		r = &im->rows[i];
		memset(&rec, 0, sizeof rec);
		rec.line = r->line;
		if (r->image != ROW_NONE)
			rec.image = b + r->image;
		else {
			rec.text = b + r->text;
			rec.text_len = r->text_len;
		}
		if (r->ext_id != ROW_NONE)
			rec.ext_id = b + r->ext_id;
		if (r->tokens != ROW_NONE)
			rec.tokens = b + r->tokens;
		if (r->source != ROW_NONE)
			rec.source = b + r->source;
		rec.hash = r->hash;
		rec.has_hash = r->has_hash;
		rec.width = r->width;
		rec.height = r->height;
		rec.has_priority = r->has_priority;
		rec.priority = r->priority;
		rec.meta_json = b + r->meta;
		/* A line with annotations was not compared (find_duplicate). */
		im->no_dup = r->tagged;
		task = write_task(im, &rec, r->submitted, 0, &updated);
		im->no_dup = 0;
		if (task == -1)
			return -1;
		if (task == 0 || updated)	/* not with IMPORT_FAIL */
			return error("%s:%lu: id '%s' is already in project"
			    " '%s'", im->o.name, r->line, rec.ext_id,
			    im->o.project);
		count_added(im, task, 0, r->has_priority, r->priority);
		if (rows_annotations(im, i, i + 1, task, 0) == -1)
			return -1;
	}
	return 0;
}

/* The waiting tasks into task (row_keep), in the order of their lines,
 * and their annotations after them: up to IMPORT_ROWS by one statement;
 * one at a time (write_task) when a group meets an id already there, to
 * say which line has it. */
static int
write_rows(struct importer *im)
{
	sqlite3_stmt			*stmt;
	int64_t				 top;
	size_t				 i;
	int				 rc, direct;

	if (im->nrows == 0)
		return 0;
	/* SQLite gives the rows max(rowid) + 1 on, one after the other,
	 * while no row has the largest rowid there is. */
	stmt = stmt_get(im->st, "SELECT coalesce(max(id), 0) FROM task");
	if (stmt == NULL || (top = stmt_int64(im->st, stmt, "importing")) ==
	    -1) {
		rc = -1;
		goto done;
	}
	if (top > INT64_MAX - 2 * IMPORT_ROWS)
		goto one_by_one;
	if ((stmt = stmt_get(im->st, rows_sql(ROWS_TASK, im->nrows))) ==
	    NULL) {
		rc = -1;
		goto done;
	}
	for (i = 0; i < im->nrows; i++)
		bind_row(im, stmt, 1 + (int)i * ROW_PARAMS, &im->rows[i]);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		goto one_by_one;	/* the statement left nothing */
	if (rc != SQLITE_DONE) {
		rc = store_error(im->st, "importing tasks");
		goto done;
	}
	if (sqlite3_last_insert_rowid(im->st->db) != top +
	    (int64_t)im->nrows) {
		rc = error("%s: importing tasks: their ids are not in a row",
		    im->o.name);
		goto done;
	}
	for (i = 0; i < im->nrows; i++)
		count_added(im, top + 1 + (int64_t)i, 0,
		    im->rows[i].has_priority, im->rows[i].priority);
	/* Their annotations straight into annotation, after those that
	 * wait from earlier lines. */
	if ((direct = bulk_begin(im)) == -1 ||
	    (direct && flush_waiting(im) == -1)) {
		rc = -1;
		goto done;
	}
	rc = rows_annotations(im, 0, im->nrows, top + 1, direct);
	goto done;

one_by_one:
	rc = rows_one_by_one(im);
done:
	im->nrows = 0;
	im->npanns = 0;
	buf_reset(&im->rowbytes);
	return rc;
}

static int
write_predictions(struct importer *im, const struct record *rec,
    int64_t task, int updated)
{
	sqlite3_stmt	*stmt;
	json_t		*e, *v;
	size_t		 i;
	int		 staged = updated && im->stage;

	/* A dry run's new task: counted, as they would be written. */
	if (im->dry && !updated) {
		im->stats.predictions += (int64_t)json_array_size(
		    rec->predictions);
		return 0;
	}
	/* Staged: the publish replaces them (import_stage_task.preds). */
	if (updated && !staged) {
		stmt = stmt_get(im->st, "DELETE FROM prediction WHERE"
		    " task_id = ?");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, task);
		if (stmt_exec(im->st, stmt, "replacing predictions") == -1)
			return -1;
	}
	json_array_foreach(rec->predictions, i, e) {
		stmt = stmt_get(im->st, staged ? "INSERT INTO"
		    " temp.import_stage_prediction (task_id, model, score,"
		    " result, created_at) VALUES (?, ?, ?, ?, ?)" :
		    "INSERT INTO prediction (task_id,"
		    " model, score, result, created_at) VALUES (?, ?, ?, ?,"
		    " ?)");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, task);
		v = json_object_get(e, "model");
		sqlite3_bind_text(stmt, 2, json_is_string(v) ?
		    json_string_value(v) : "", -1, SQLITE_STATIC);
		v = json_object_get(e, "score");
		if (json_is_number(v))
			sqlite3_bind_double(stmt, 3, json_number_value(v));
		sqlite3_bind_text(stmt, 4, dump(im, json_object_get(e,
		    "result")), -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, im->ptimes[i], -1, SQLITE_STATIC);
		if (stmt_exec(im->st, stmt, "importing a prediction") == -1)
			return -1;
		im->stats.predictions++;
	}
	return 0;
}

/* An imported annotation replaces the one its user has on the task. */
#define ANNOTATION_UPSERT_SQL						\
	" ON CONFLICT (task_id, user_id) DO UPDATE SET"			\
	" state = excluded.state, result = excluded.result,"		\
	" submitted_at = excluded.submitted_at,"			\
	" lead_time = excluded.lead_time, late = excluded.late,"	\
	" from_prediction = excluded.from_prediction,"			\
	" removed = excluded.removed,"					\
	" updated_at = excluded.updated_at,"				\
	" acted_by = excluded.acted_by"

/* The id of the annotation of user on task, 0 when there is none; -1 on
 * error. */
static int64_t
annotation_id_of(struct importer *im, int64_t task, int64_t user)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(im->st, "SELECT coalesce((SELECT id FROM annotation"
	    " WHERE task_id = ? AND user_id = ?), 0)");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task);
	sqlite3_bind_int64(stmt, 2, user);
	return stmt_int64(im->st, stmt, "importing an annotation");
}

/*
 * How many of annotation p's rows are there already (--update): a stored
 * history must be where the line's begins (the same verdicts by the same
 * reviewers at the same times), which goes on from it; their ids are
 * taken; a line's that is the start of the stored one adds nothing.
 * Staged, p->id is the annotation as stored (0: none, so no history):
 * a staged update changes no history before its publish, which refuses
 * one that grew meanwhile. Returns how many of the line's are there, or
 * -1 after reporting.
 */
static long
reviews_there(struct importer *im, const struct record *rec, size_t n,
    struct prep *p)
{
	struct prep_review	*row;
	sqlite3_stmt		*stmt;
	size_t			 k = 0;
	int			 rc, same = 1;

	if (p->id == 0)
		return 0;
	stmt = stmt_get(im->st, "SELECT id, reviewer_id, verdict, created_at"
	    " FROM review WHERE annotation_id = ? ORDER BY id");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, p->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (k >= p->nrev)
			break;		/* the line's is the start of it */
		row = &im->revs[p->rev0 + k];
		if (row->reviewer_id !=
		    sqlite3_column_int64(stmt, 1) || row->verdict !=
		    review_verdict_from_name((const char *)
		    sqlite3_column_text(stmt, 2)) || strcmp(row->at,
		    (const char *)sqlite3_column_text(stmt, 3)) != 0) {
			same = 0;
			break;
		}
		row->id = sqlite3_column_int64(stmt, 0);
		k++;
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(im->st, "importing reviews");
	if (!same)
		return error("%s:%lu: annotation %zu: its review history in"
		    " the project is not where this line's begins: --update"
		    " adds to a history, it never rewrites one", im->o.name,
		    rec->line, n);
	return (long)k;
}

/*
 * Annotation p's review rows of task, after those already there; staged
 * (--update of a known task) by the task, the annotation's user and the
 * row's place in the line's list, a withdrawal naming the place it
 * undoes (and the id, when that row is one already there), for the
 * publish to write once the staged annotations are (stage_apply). The
 * parameters are the stage's; the review table takes some of them.
 */
static int
write_reviews(struct importer *im, const struct record *rec, size_t n,
    struct prep *p, int64_t task, int updated)
{
	struct prep_review	*row;
	sqlite3_stmt		*stmt;
	int64_t			 wid;
	long			 k = 0;
	int			 staged = updated && im->stage;

	if (updated && (k = reviews_there(im, rec, n, p)) == -1)
		return -1;
	for (; (size_t)k < p->nrev; k++) {
		row = &im->revs[p->rev0 + k];
		stmt = stmt_get(im->st, staged ? "INSERT INTO"
		    " temp.import_stage_review (seq, task_id, user_id, place,"
		    " reviewer_id, acted_by, verdict, comment, result,"
		    " from_state, withdraws, withdraws_id, created_at)"
		    " VALUES (?1, ?2, ?3, ?4, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		    " ?13, ?14)" :
		    "INSERT INTO review (annotation_id,"
		    " reviewer_id, acted_by, verdict, comment, result,"
		    " from_state, withdraws, created_at)"
		    " VALUES (?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13, ?14)");
		if (stmt == NULL)
			return -1;
		if (staged) {
			sqlite3_bind_int64(stmt, 1, ++im->staged_rev);
			sqlite3_bind_int64(stmt, 2, task);
			sqlite3_bind_int64(stmt, 3, p->user_id);
			sqlite3_bind_int64(stmt, 4, k + 1);
		} else
			sqlite3_bind_int64(stmt, 5, p->id);
		sqlite3_bind_int64(stmt, 6, row->reviewer_id);
		/* In another person's name: who put it there, as --as. */
		if (im->importer > 0 && im->importer != row->reviewer_id)
			sqlite3_bind_int64(stmt, 7, im->importer);
		bind_text(stmt, 8, review_verdict_name(row->verdict));
		bind_text(stmt, 9, row->comment);
		if (row->result != NULL)
			bind_text(stmt, 10, dump(im, row->result));
		bind_text(stmt, 11, annotation_state_name(row->from_state));
		if (row->withdraws > 0) {
			sqlite3_bind_int64(stmt, 12, (sqlite3_int64)
			    row->withdraws);
			/* 0: a staged row's, which the publish resolves. */
			wid = im->revs[p->rev0 + row->withdraws - 1].id;
			if (wid > 0)
				sqlite3_bind_int64(stmt, 13, wid);
		}
		bind_text(stmt, 14, row->at);
		if (stmt_exec(im->st, stmt, "importing a review") == -1)
			return -1;
		if (!staged)
			row->id = sqlite3_last_insert_rowid(im->st->db);
		im->stats.reviews++;
	}
	return 0;
}

/* The line's final answer's parameters: ?1 task, ?2 result, ?3 settled
 * by, ?4 the user of its annotation, ?5 when. */
static void
bind_final(struct importer *im, sqlite3_stmt *stmt, int64_t task)
{
	const struct prep_final	*f = &im->final;

	sqlite3_bind_int64(stmt, 1, task);
	bind_text(stmt, 2, dump(im, f->result));
	sqlite3_bind_int64(stmt, 3, f->settled_by);
	if (f->from > 0)
		sqlite3_bind_int64(stmt, 4, im->preps[f->from - 1].user_id);
	bind_text(stmt, 5, f->at);
}

/*
 * The line's final answer; an update adds one only when it differs from
 * the one in force (the newest holds, earlier ones stay as history).
 * Its annotation is named by its user, so that a staged one (--update of
 * a known task: put in the stage for the publish) is compared with the
 * task as stored, which a staged update has not changed, and is given
 * its annotation's id at the publish.
 */
static int
write_final(struct importer *im, int64_t task, int updated)
{
	sqlite3_stmt	*stmt;
	int		 rc, staged = updated && im->stage;

	if (!im->final.given)
		return 0;
	/* A dry run's new task: counted only. */
	if (im->dry && !updated) {
		im->stats.finals++;
		return 0;
	}
	if (updated) {
		stmt = stmt_get(im->st, "SELECT result IS ?2 AND"
		    " settled_by = ?3 AND from_annotation IS (SELECT id FROM"
		    " annotation WHERE task_id = ?1 AND user_id = ?4)"
		    " AND created_at = ?5"
		    " FROM final_answer WHERE task_id = ?1"
		    " ORDER BY id DESC LIMIT 1");
		if (stmt == NULL)
			return -1;
		bind_final(im, stmt, task);
		if ((rc = stmt_row(im->st, stmt, "importing a final answer"))
		    == -1)
			return -1;
		if (rc == 1) {
			rc = sqlite3_column_int(stmt, 0);
			sqlite3_reset(stmt);
			if (rc)
				return 0;
		}
	}
	stmt = stmt_get(im->st, staged ? "INSERT INTO temp.import_stage_final"
	    " (task_id, result, from_user, settled_by, acted_by, created_at)"
	    " VALUES (?1, ?2, ?4, ?3, ?6, ?5)" :
	    "INSERT INTO final_answer (task_id, result, from_annotation,"
	    " settled_by, acted_by, created_at) VALUES (?1, ?2, (SELECT id"
	    " FROM annotation WHERE task_id = ?1 AND user_id = ?4), ?3, ?6,"
	    " ?5)");
	if (stmt == NULL)
		return -1;
	bind_final(im, stmt, task);
	/* In another person's name: who put it there, as --as. */
	if (im->importer > 0 && im->importer != im->final.settled_by)
		sqlite3_bind_int64(stmt, 6, im->importer);
	if (stmt_exec(im->st, stmt, "importing a final answer") == -1)
		return -1;
	im->staged_final += staged;
	im->stats.finals++;
	return 0;
}

/* The counted states (STATES_COUNTED_SQL) as the insert triggers test
 * them, for a column of annotation a. */
#define COUNTED_SQL(a)	"(" a ".state = 'submitted' OR " a ".state ="	\
	" 'accepted' OR " a ".state = 'rejected' OR " a ".state = 'fixed')"

/*
 * What the two insert triggers would have done for the annotations
 * written without them (im->counts, summed as they were written): one
 * UPDATE of the project's review counts and an upsert of each person's
 * submitted count, in the order of their ids, where a statement per row
 * ran (for 100,000 annotations: 0.6 s of SQLite's CPU), and where two
 * sums over the chunk's rows joined with their tasks ran before (8% of a
 * CoNLL import's instructions). Nothing when no row counts, as the sums'
 * GROUP BY gave no row then; tests/unit/check_import.c compares the two
 * ways.
 */
static int
flush_counts(struct importer *im)
{
	struct ann_counts	*c = &im->counts;
	sqlite3_stmt		*stmt;
	size_t			 i;

	if (c->counted == 0)
		return 0;
	stmt = stmt_get(im->st, "UPDATE project SET"
	    " to_review = to_review + ?2, accepted = accepted + ?3,"
	    " rejected = rejected + ?4, fixed = fixed + ?5 WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->o.project_id);
	sqlite3_bind_int64(stmt, 2, c->to_review);
	sqlite3_bind_int64(stmt, 3, c->accepted);
	sqlite3_bind_int64(stmt, 4, c->rejected);
	sqlite3_bind_int64(stmt, 5, c->fixed);
	if (stmt_exec(im->st, stmt, "counting annotations") == -1)
		return -1;
	for (i = 0; i < c->nusers; i++) {
		stmt = stmt_get(im->st, "INSERT INTO annotator (project_id,"
		    " user_id, submitted) VALUES (?, ?, ?)"
		    " ON CONFLICT (project_id, user_id) DO UPDATE"
		    " SET submitted = submitted + excluded.submitted");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, im->o.project_id);
		sqlite3_bind_int64(stmt, 2, c->users[i].user_id);
		sqlite3_bind_int64(stmt, 3, c->users[i].n);
		if (stmt_exec(im->st, stmt, "counting annotations") == -1)
			return -1;
	}
	count_clear(c);
	return 0;
}

/*
 * The connection as the chunk's one INSERT of annotations wants it (on)
 * and as it was (off): without triggers (flush_counts does what the
 * insert triggers would) and without the CHECK constraints, whose
 * "state IN (...)" SQLite builds a table for at each row (a fifth of
 * the INSERT's CPU); the rows' states are annotation_state_name()'s.
 * Either switch expires the connection's statements, which SQLite
 * prepares again as each is next stepped (a tenth of a CoNLL import's
 * CPU when it was twice a chunk), so it stays on after a chunk's flush
 * while the lines write nothing but tasks and waiting annotations
 * (write_rows and the TEMP table: no trigger fires on an insert into
 * task, and every value those rows bind is one their CHECKs allow; the
 * counts' UPDATE of project fires nothing either, as it changes no
 * overlap), and goes off before anything else is written: a line's own
 * writes (importer_add), a user added, the publish and a failure's
 * removal (import_chunked), importer_free.
 */
static void
bulk_mode(struct importer *im, int on)
{
	if (im->bulk_on == on)
		return;
	im->bulk_on = on;
	sqlite3_db_config(im->st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, !on,
	    (int *)NULL);
	sqlite3_exec(im->st->db, on ? "PRAGMA ignore_check_constraints = 1" :
	    "PRAGMA ignore_check_constraints = 0", NULL, NULL, NULL);
}

/* bulk_mode on for annotations written without their insert triggers
 * (flush_counts does what those would): 1, or 0 when the database has
 * other triggers. */
static int
bulk_begin(struct importer *im)
{
	if (!im->bulk)
		return 0;
	bulk_mode(im, 1);
	return 1;
}

/* The counts of what went in without the triggers (bulk_begin). */
static int
counts_end(struct importer *im)
{
	return flush_counts(im);
}

/* Counted, and the triggers on again, before a write that needs them. */
static int
bulk_end(struct importer *im)
{
	if (counts_end(im) == -1)
		return -1;
	bulk_mode(im, 0);
	return 0;
}

/* The annotations waiting in import_new_annotation (defer_sql) into
 * annotation, in the order of the lines. */
static int
flush_waiting(struct importer *im)
{
	sqlite3_stmt	*stmt;
	int		 bulk;

	if (im->pending == 0)
		return 0;
	/* The rows are new tasks' (each user once a task), so no row meets
	 * one there: no upsert. */
	if ((bulk = bulk_begin(im)) == -1 || (!bulk && bulk_end(im) == -1))
		return -1;
	/* WHERE true: an upsert's SELECT needs a WHERE to parse. */
	stmt = stmt_get(im->st, bulk ? "INSERT INTO annotation (task_id,"
	    " user_id, state, result, lead_time, created_at, updated_at, late,"
	    " from_prediction, acted_by, submitted_at, removed)"
	    " SELECT task_id, user_id, state, result, lead_time, created_at,"
	    " updated_at, late, from_prediction, acted_by, submitted_at,"
	    " removed FROM temp.import_new_annotation ORDER BY rowid" :
	    "INSERT INTO annotation (task_id, user_id,"
	    " state, result, lead_time, created_at, updated_at, late,"
	    " from_prediction, acted_by, submitted_at, removed)"
	    " SELECT task_id, user_id, state, result, lead_time, created_at,"
	    " updated_at, late, from_prediction, acted_by, submitted_at,"
	    " removed FROM temp.import_new_annotation WHERE true"
	    " ORDER BY rowid" ANNOTATION_UPSERT_SQL);
	if (stmt == NULL || stmt_exec(im->st, stmt, "importing annotations")
	    == -1)
		return -1;
	/* Their counts: to write, or (with the triggers) done. */
	if (bulk)
		count_move(&im->counts, &im->wcounts);
	else
		count_clear(&im->wcounts);
	stmt = stmt_get(im->st, "DELETE FROM temp.import_new_annotation");
	if (stmt == NULL ||
	    stmt_exec(im->st, stmt, "importing annotations") == -1)
		return -1;
	im->pending = 0;
	return 0;
}

/* The waiting rows and annotations written, and counted: all the
 * chunk's, at its end. */
static int
importer_flush(struct importer *im)
{
	if (write_rows(im) == -1 || flush_waiting(im) == -1)
		return -1;
	return counts_end(im);
}

static int
write_annotations(struct importer *im, const struct record *rec, size_t n,
    int64_t task, int updated)
{
	sqlite3_stmt	*stmt;
	struct prep	*p;
	size_t		 i;
	int		 staged = updated && im->stage;
	int		 defer;

	/* A new task's annotations wait for the chunk's end unless the
	 * line reads them back (its reviews and final answer name them);
	 * then what waits goes first, in the order of the lines. */
	defer = im->defer && !updated && !im->final.given;
	for (i = 0; defer && i < n; i++)
		defer = im->preps[i].nrev == 0;
	/* An INSERT into annotation of its own, with the triggers. */
	if (!defer && n > 0 && (importer_flush(im) == -1 ||
	    bulk_end(im) == -1))
		return -1;
	for (i = 0; i < n; i++) {
		p = &im->preps[i];
		/* In another person's name: who put it there, as --as. */
		if (im->importer > 0 && im->importer != p->user_id)
			im->stats.for_others++;
		im->stats.annotations++;
		/* A dry run's new task: counted only. */
		if (im->dry && !updated) {
			im->stats.reviews += (int64_t)p->nrev;
			continue;
		}
		if (staged)
			im->staged_ann++;
		/* A new task has none; an updated one keeps other users'. */
		if (staged)
			stmt = stmt_get(im->st, "INSERT INTO"
			    " temp.import_stage_annotation (task_id, user_id,"
			    " state, result, lead_time, created_at, updated_at,"
			    " late, from_prediction, acted_by, removed)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?11)");
		else if (defer)
			stmt = stmt_get(im->st, "INSERT INTO"
			    " temp.import_new_annotation (task_id, user_id,"
			    " state, result, lead_time, created_at, updated_at,"
			    " late, from_prediction, acted_by, removed,"
			    " submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
			    " ?, ?, ?)");
		else
			stmt = stmt_get(im->st, "INSERT INTO annotation"
			    " (task_id, user_id, state, result, lead_time,"
			    " created_at, updated_at, late, from_prediction,"
			    " acted_by, removed, submitted_at) VALUES (?, ?, ?,"
			    " ?, ?, ?, ?, ?, ?, ?, ?, ?)" ANNOTATION_UPSERT_SQL);
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, task);
		sqlite3_bind_int64(stmt, 2, p->user_id);
		sqlite3_bind_text(stmt, 3, annotation_state_name(p->state), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, prep_result(im, p), -1,
		    SQLITE_STATIC);
		sqlite3_bind_double(stmt, 5, p->lead_time);
		sqlite3_bind_text(stmt, 6, p->created_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, p->updated_at, -1, SQLITE_STATIC);
		sqlite3_bind_int(stmt, 8, p->late);
		sqlite3_bind_int(stmt, 9, p->from_prediction);
		if (im->importer > 0 && im->importer != p->user_id)
			sqlite3_bind_int64(stmt, 10, im->importer);
		else
			sqlite3_bind_null(stmt, 10);
		sqlite3_bind_int(stmt, 11, p->removed);
		/* Submitted when it counts (STATES_COUNTED_SQL): bound, not
		 * an IN list, which SQLite builds a table for at every
		 * step. */
		if (!staged && annotation_state_counts(p->state))
			sqlite3_bind_text(stmt, 12, p->updated_at, -1,
			    SQLITE_STATIC);
		if (stmt_exec(im->st, stmt, "importing an annotation") == -1)
			return -1;
		im->pending += defer;
		if (defer)
			count_ann(&im->wcounts, p->user_id, p->state,
			    p->removed);
		/* Its id: written, or (staged) as stored, whose history
		 * the line's goes on from. */
		if (p->nrev == 0)
			continue;
		if ((p->id = annotation_id_of(im, task, p->user_id)) == -1 ||
		    write_reviews(im, rec, i + 1, p, task, updated) == -1)
			return -1;
	}
	if (!updated || staged || n == 0)
		return 0;
	stmt = stmt_get(im->st, "UPDATE task SET submitted = (SELECT count(*)"
	    " FROM annotation WHERE task_id = ?1 AND removed = 0 AND state IN "
	    STATES_COUNTED_SQL ") WHERE id = ?1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, task);
	return stmt_exec(im->st, stmt, "counting submissions");
}

int
importer_add(struct importer *im, struct record *rec)
{
	struct answer_task	 rt = { 0 };
	int64_t			 task, dups;
	int			 submitted = 0, updated;
	size_t			 i, nann = 0;
	int			 bad, tagged;

	owned_free(im);

	/* As file add: a task the project's screens cannot label, or an
	 * empty text, is a wrong file, not a task. */
	bad = (im->o.takes != 0 && !(im->o.takes & (rec->image != NULL ?
	    CONFIG_TAKES_IMAGE : CONFIG_TAKES_TEXT))) ||
	    (rec->image == NULL && utf8_blank(rec->text, rec->text_len));
	if (!bad && row_plain(im, rec)) {
		row_keep(im, rec, 0, 0);
		return im->nrows == IMPORT_ROWS ? write_rows(im) : 0;
	}
	/* The lines before first, in order (their ids, an error of theirs
	 * before this line's); a tagged line's checks come before them
	 * (HACKING: known limit). */
	tagged = !bad && row_tagged(im, rec);
	if (!tagged && write_rows(im) == -1)
		return -1;
	if (im->o.takes != 0 && !(im->o.takes & (rec->image != NULL ?
	    CONFIG_TAKES_IMAGE : CONFIG_TAKES_TEXT)))
		return error("%s:%lu: %s task, but project '%s' (%s) takes %s",
		    im->o.name, rec->line, rec->image != NULL ? "an image" :
		    "a text", im->o.project, im->o.type, rec->image != NULL ?
		    "text" : "images");
	if (rec->image == NULL && utf8_blank(rec->text, rec->text_len))
		return error("%s:%lu: the text is empty%s: a task needs"
		    " something to label", im->o.name, rec->line,
		    rec->text_len > 0 ? " (only white space)" : "");
	rt.text = rec->text;
	rt.text_len = rec->text_len;
	rt.width = rec->width;
	rt.height = rec->height;
	if (rec->predictions != NULL &&
	    check_predictions(im, rec, &rt) == -1)
		return -1;
	if (rec->anns != NULL) {
		if ((submitted = check_anns(im, rec, &rt)) == -1)
			return -1;
		nann = rec->nanns;
	} else if (rec->annotations != NULL) {
		if ((submitted = check_annotations(im, rec, &rt)) == -1)
			return -1;
		nann = json_array_size(rec->annotations);
	}
	if (check_final(im, rec, &rt) == -1 || check_gold(im, rec, &rt) == -1)
		return -1;
	/* Checked: it waits with its annotations unless one has reviews,
	 * which read their annotation back. */
	for (i = 0; tagged && i < nann; i++)
		tagged = im->preps[i].nrev == 0;
	if (tagged) {
		row_keep(im, rec, submitted, nann);
		return im->nrows == IMPORT_ROWS ? write_rows(im) : 0;
	}
	if (write_rows(im) == -1)
		return -1;
	dups = im->stats.duplicates;
	if ((task = write_task(im, rec, submitted, nann, &updated)) <= 0) {
		if (task == 0 && im->stats.duplicates == dups)
			im->stats.skipped++;	/* --skip-existing */
		return task == 0 ? 0 : -1;
	}
	if (updated)
		im->stats.updated++;
	else
		count_added(im, task, im->gold != NULL, rec->has_priority,
		    rec->priority);
	if (rec->predictions != NULL &&
	    write_predictions(im, rec, task, updated) == -1)
		return -1;
	if (write_annotations(im, rec, nann, task, updated) == -1)
		return -1;
	return write_final(im, task, updated);
}

/* The config the file leaves (import_opts.config), in the unit's last
 * transaction. */
static int
write_config(struct store *st, const struct import_opts *o)
{
	sqlite3_stmt	*stmt;
	char		 now[CLOCK_ISO_LEN];

	if (o->config == NULL || o->dry_run)
		return 0;
	stmt = stmt_get(st, "UPDATE project SET config = ?, updated_at = ?"
	    " WHERE id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, o->config, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, clock_iso(clock_now(), now), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, o->project_id);
	return stmt_exec(st, stmt, "keeping the file's label ids");
}

/* Inside a caller's transaction, the unit of work: every record written
 * where it goes, the counters recounted, audited (a dry run's caller
 * rolls back). */
static int
import_whole(struct store *st, const struct actor *a,
    const struct import_opts *o, struct import_stats *stats)
{
	struct importer	*im;
	struct record	 rec;
	struct buf	 detail = BUF_INIT;
	int		 rc;

	if ((im = importer_new(st, a, o)) == NULL)
		return -1;
	while ((rc = o->next(o->arg, &rec)) == 1)
		if (importer_add(im, &rec) == -1) {
			rc = -1;
			break;
		}
	if (rc == 0)
		rc = importer_finish(im);
	*stats = *importer_stats(im);
	if (rc == 0 && o->describe != NULL)
		o->describe(&detail, stats, o->arg);
	if (rc == 0)
		rc = write_config(st, o);
	if (rc == 0 && !o->dry_run)
		rc = audit_write(st, a, o->action, o->project, buf_str(&detail));
	importer_free(im);
	buf_release(&detail);
	return rc;
}

/* How many of the tasks with staged annotations or final answers are
 * finished. */
static int64_t
staged_done(struct importer *im)
{
	sqlite3_stmt	*stmt;

	stmt = stmt_get(im->st, "SELECT count(*) FROM task t JOIN project p"
	    " ON p.id = t.project_id WHERE p.id = ?1 AND t.id IN"
	    " (SELECT task_id FROM temp.import_stage_annotation UNION"
	    " SELECT task_id FROM temp.import_stage_final)"
	    " AND " TASK_DONE_SQL("t", "p"));
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->o.project_id);
	return stmt_int64(im->st, stmt, "counting tasks");
}

/*
 * Refuses the publish when a staged review history is no longer what
 * its line went on from: a review of one of its annotations was made
 * since the import began (review.id above the highest at its start: one
 * range). 0, or -1 after reporting.
 */
static int
stage_reviewed(struct importer *im)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (im->staged_rev == 0)
		return 0;
	/* CROSS JOIN: the new reviews (a rowid range) outside. */
	stmt = stmt_get(im->st, "SELECT t.ext_id, u.name, w.name"
	    " FROM review r CROSS JOIN annotation a ON a.id = r.annotation_id"
	    " JOIN task t ON t.id = a.task_id JOIN user u ON u.id = a.user_id"
	    " JOIN user w ON w.id = r.reviewer_id"
	    " WHERE r.id > ?1 AND EXISTS (SELECT 1"
	    " FROM temp.import_stage_review s WHERE s.task_id = a.task_id"
	    " AND s.user_id = a.user_id) ORDER BY r.id LIMIT 1");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->rev_max);
	if ((rc = stmt_row(im->st, stmt, "publishing an import")) == 1) {
		error("%s: id '%s': %s reviewed %s's annotation while the"
		    " import ran: its history is no longer where the line's"
		    " goes on from (--update adds to a history, it never"
		    " rewrites one); nothing was imported", im->o.name,
		    (const char *)sqlite3_column_text(stmt, 0),
		    (const char *)sqlite3_column_text(stmt, 2),
		    (const char *)sqlite3_column_text(stmt, 1));
		sqlite3_reset(stmt);
		return -1;
	}
	return rc;
}

/*
 * The staged review rows, after the staged annotations: each row's
 * annotation by its task and user, its id the highest before it and its
 * place in the stage (seq), so that a withdrawal of a staged row names
 * that row's id by its place, without reading back what the statement
 * writes. 0, or -1 after reporting.
 */
static int
stage_apply_reviews(struct importer *im)
{
	sqlite3_stmt	*stmt;
	int64_t		 top;

	if (im->staged_rev == 0)
		return 0;
	stmt = stmt_get(im->st, "SELECT coalesce(max(id), 0) FROM review");
	if (stmt == NULL || (top = stmt_int64(im->st, stmt,
	    "publishing reviews")) == -1)
		return -1;
	stmt = stmt_get(im->st, "INSERT INTO review (id, annotation_id,"
	    " reviewer_id, acted_by, verdict, comment, result, from_state,"
	    " withdraws, created_at)"
	    " SELECT ?1 + s.seq, a.id, s.reviewer_id, s.acted_by, s.verdict,"
	    " s.comment, s.result, s.from_state, coalesce(s.withdraws_id,"
	    " ?1 + (SELECT w.seq FROM temp.import_stage_review w"
	    " WHERE w.task_id = s.task_id AND w.user_id = s.user_id"
	    " AND w.place = s.withdraws)), s.created_at"
	    " FROM temp.import_stage_review s CROSS JOIN annotation a"
	    " ON a.task_id = s.task_id AND a.user_id = s.user_id"
	    " ORDER BY s.seq");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, top);
	if (stmt_exec(im->st, stmt, "importing reviews") == -1)
		return -1;
	if (stmt_changes(im->st) != im->staged_rev)
		return error("%s: %lld of the annotations its reviews are of"
		    " went away while the import ran; nothing was imported",
		    im->o.name, (long long)(im->staged_rev -
		    stmt_changes(im->st)));
	return 0;
}

/*
 * The staged changes of tasks that were there (--update), applied in the
 * publish's transaction: refused when a task they rewrite got an
 * annotation meanwhile (unless --force), a history they add to got a
 * review, or a task went away. The tasks, their predictions, the
 * annotations, then the review rows and final answers that name them.
 * *done: how many of the project's finished tasks this adds (imported
 * annotations and final answers finish some). 0, or -1 after reporting.
 */
static int
stage_apply(struct importer *im, int64_t *done)
{
	struct store	*st = im->st;
	sqlite3_stmt	*stmt;
	int64_t		 before = 0, after, n;
	int		 rc;

	*done = 0;
	if (im->staged == 0)
		return 0;
	/* Annotations are made on a text; the check at the line saw those
	 * before it, this one those made since the import began. */
	if (!im->o.force) {
		/* CROSS JOIN: the new annotations (a rowid range) outside,
		 * never a walk of the whole stage. */
		stmt = stmt_get(st, "SELECT t.ext_id, u.name FROM annotation a"
		    " CROSS JOIN temp.import_stage_task s"
		    " ON s.task_id = a.task_id"
		    " JOIN task t ON t.id = a.task_id"
		    " JOIN user u ON u.id = a.user_id"
		    " WHERE a.id > ?1 AND (s.kind <> t.kind"
		    " OR coalesce(s.text, s.image) IS NOT"
		    " coalesce(t.text, t.image)) AND NOT EXISTS (SELECT 1"
		    " FROM temp.import_stage_annotation n"
		    " WHERE n.task_id = a.task_id AND n.user_id = a.user_id)"
		    " ORDER BY a.id LIMIT 1");
		if (stmt == NULL)
			return -1;
		sqlite3_bind_int64(stmt, 1, im->ann_max);
		if ((rc = stmt_row(st, stmt, "publishing an import")) == 1) {
			error("%s: id '%s': %s annotated the task while the"
			    " import ran: --update would change its text under"
			    " that annotation (--force does); nothing was"
			    " imported", im->o.name,
			    (const char *)sqlite3_column_text(stmt, 0),
			    (const char *)sqlite3_column_text(stmt, 1));
			sqlite3_reset(stmt);
			return -1;
		}
		if (rc == -1)
			return -1;
	}
	if (stage_reviewed(im) == -1)
		return -1;
	if ((im->staged_ann > 0 || im->staged_final > 0) &&
	    (before = staged_done(im)) == -1)
		return -1;
	/* The new content is in task_update already, written with the
	 * chunks; publishing the batch makes it what readers see, and
	 * batch_fold moves it into task after. A task removed meanwhile
	 * took its row along (ON DELETE CASCADE). */
	stmt = stmt_get(st, "SELECT count(*) FROM task_update"
	    " WHERE batch_id = ?");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_int64(stmt, 1, im->batch);
	if ((n = stmt_int64(st, stmt, "publishing an update")) == -1)
		return -1;
	if (n != im->staged)
		return error("%s: %lld of the tasks it updates were removed"
		    " while the import ran; nothing was imported", im->o.name,
		    (long long)(im->staged - n));
	/* priority only where a line gives one, as its index and trigger
	 * cost; it orders the next-task walk, so it changes here, with
	 * the publish, not through task_update. */
	stmt = stmt_get(st, "UPDATE task SET priority = (SELECT priority FROM"
	    " temp.import_stage_task s WHERE s.task_id = task.id) WHERE id IN"
	    " (SELECT task_id FROM temp.import_stage_task"
	    " WHERE priority IS NOT NULL)");
	if (im->staged_prio > 0 && (stmt == NULL ||
	    stmt_exec(st, stmt, "publishing an update") == -1))
		return -1;
	if (im->staged_preds == 0)
		goto annotations;
	stmt = stmt_get(st, "DELETE FROM prediction WHERE task_id IN"
	    " (SELECT task_id FROM temp.import_stage_task WHERE preds)");
	if (stmt == NULL ||
	    stmt_exec(st, stmt, "replacing predictions") == -1)
		return -1;
	stmt = stmt_get(st, "INSERT INTO prediction (task_id, model, score,"
	    " result, created_at) SELECT task_id, model, score, result,"
	    " created_at FROM temp.import_stage_prediction ORDER BY rowid");
	if (stmt == NULL ||
	    stmt_exec(st, stmt, "importing predictions") == -1)
		return -1;
annotations:
	if (im->staged_ann == 0 && im->staged_final == 0)
		return 0;
	if (im->staged_ann == 0)
		goto finals;
	/* WHERE true: an upsert's SELECT needs a WHERE to parse. */
	stmt = stmt_get(st, "INSERT INTO annotation (task_id, user_id, state,"
	    " result, lead_time, created_at, updated_at, late,"
	    " from_prediction, acted_by, submitted_at, removed)"
	    " SELECT task_id, user_id, state, result, lead_time, created_at,"
	    " updated_at, late, from_prediction, acted_by,"
	    " CASE WHEN state IN " STATES_COUNTED_SQL " THEN updated_at END,"
	    " removed"
	    " FROM temp.import_stage_annotation WHERE true ORDER BY rowid"
	    ANNOTATION_UPSERT_SQL);
	if (stmt == NULL ||
	    stmt_exec(st, stmt, "importing annotations") == -1)
		return -1;
	stmt = stmt_get(st, "UPDATE task SET submitted = (SELECT count(*)"
	    " FROM annotation a WHERE a.task_id = task.id AND a.removed = 0"
	    " AND a.state IN "
	    STATES_COUNTED_SQL ") WHERE id IN (SELECT task_id FROM"
	    " temp.import_stage_annotation)");
	if (stmt == NULL ||
	    stmt_exec(st, stmt, "counting submissions") == -1)
		return -1;
	if (stage_apply_reviews(im) == -1)
		return -1;
finals:
	/* A final answer's annotation by its user, now that the staged
	 * ones are written. */
	stmt = stmt_get(st, "INSERT INTO final_answer (task_id, result,"
	    " from_annotation, settled_by, acted_by, created_at)"
	    " SELECT f.task_id, f.result, (SELECT a.id FROM annotation a"
	    " WHERE a.task_id = f.task_id AND a.user_id = f.from_user),"
	    " f.settled_by, f.acted_by, f.created_at"
	    " FROM temp.import_stage_final f ORDER BY f.rowid");
	if (im->staged_final > 0 && (stmt == NULL ||
	    stmt_exec(st, stmt, "importing final answers") == -1))
		return -1;
	if ((after = staged_done(im)) == -1)
		return -1;
	*done = after - before;
	return 0;
}

/* 1 when the next record can be read without waiting for the input. */
static int
input_ready(const struct import_opts *o)
{
	return o->ready == NULL || o->ready(o->arg);
}

/* After a chunk, the lock is left free for those waiting for it. */
static void
chunk_yield(void)
{
	struct timespec	ts = { 0, IMPORT_YIELD_MS * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* How the chunks commit: synchronous NORMAL while the batch loads (no
 * fsync per chunk: a kill -9 loses nothing a chunk committed, and a
 * power cut can lose only the latest chunks of a batch nobody sees,
 * which the next scalec removes with the rest of it), FULL for the
 * publish, whose commit syncs the WAL and so every chunk before it, and
 * after. Outside a transaction (SQLite refuses it inside one). */
static void
chunk_sync(struct store *st, int full)
{
	sqlite3_exec(st->db, full ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
}

/* The chunk in progress ends: its counts in the batch row, and commit. */
static int
chunk_end(struct store *st, struct importer *im, int64_t batch,
    unsigned long line)
{
	const struct import_stats	*s = importer_stats(im);
	char				 doing[64];

	snprintf(doing, sizeof doing, "at line %lu", line);
	if (importer_flush(im) == -1 || batch_progress(st, batch, s->added, s->updated, s->first_id,
	    s->last_id, doing) == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

/* 1 when opts' stop says the import is to end (a signal). */
static int
stopped(const struct import_opts *o)
{
	return o->stop != NULL && *o->stop != 0;
}

/*
 * A dry run: one read transaction (BEGIN, not IMMEDIATE: the write lock
 * is never taken), what would be written staged in TEMP tables, all of
 * it rolled back.
 */
static int
import_dry(struct store *st, const struct actor *a,
    const struct import_opts *o, struct import_stats *stats)
{
	struct importer	*im;
	struct record	 rec;
	unsigned long	 line = 0;
	int		 rc;

	if ((im = importer_new(st, a, o)) == NULL)
		return -1;
	if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		importer_free(im);
		return store_error(st, "starting a dry run");
	}
	st->in_tx = 1;
	while (!stopped(o) && (rc = o->next(o->arg, &rec)) == 1) {
		line = rec.line;
		if (importer_add(im, &rec) == -1) {
			rc = -1;
			break;
		}
	}
	if (stopped(o))
		rc = error("%s: interrupted at line %lu; a dry run writes"
		    " nothing", o->name, line);
	store_rollback(st);
	*stats = *importer_stats(im);
	importer_free(im);
	return rc;
}

/*
 * In chunks of at most IMPORT_CHUNK_MS (HACKING "Imports that never
 * block"): each its own transaction, the tasks hidden behind the
 * project's loading_from until the last, which publishes them and
 * applies what --update staged. A failure (or *stop) removes what the
 * earlier chunks wrote.
 */
static int
import_chunked(struct store *st, const struct actor *a,
    const struct import_opts *o, struct import_stats *stats)
{
	struct importer	*im;
	struct record	 rec;
	struct buf	 detail = BUF_INIT;
	struct timespec	 t0, t1;
	int64_t		 batch = 0, lf = 0, done = 0, redone;
	unsigned long	 n = 0, line = 0;
	int		 rc;

	if (store_batch_reap(st) == -1)
		return -1;
	if ((im = importer_new(st, a, o)) == NULL)
		return -1;
	chunk_sync(st, 0);
	while (!stopped(o) && (rc = o->next(o->arg, &rec)) == 1) {
		line = rec.line;
		if (!st->in_tx) {
			for (;;) {
				if (batch == 0 && batch_wait_project(st,
				    o->project_id) == -1)
					goto fail;
				if (store_begin(st) == -1)
					goto fail;
				if (batch != 0)
					break;
				if ((rc = batch_begin(st, a, o->project_id,
				    o->action, o->name, 1, &batch, &lf)) == 1)
					break;
				store_rollback(st);
				if (rc == -1)
					goto fail;
			}
			importer_set_first(im, lf);
			im->batch = batch;
			clock_gettime(CLOCK_MONOTONIC, &t0);
		}
		if (importer_add(im, &rec) == -1)
			goto fail;
		if ((++n & 63) == 0 || !input_ready(o)) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if (!input_ready(o) || (t1.tv_sec - t0.tv_sec) * 1000 +
			    (t1.tv_nsec - t0.tv_nsec) / 1000000 >=
			    IMPORT_CHUNK_MS) {
				if (chunk_end(st, im, batch, line) == -1)
					goto fail;
				chunk_yield();
			}
		}
	}
	if (rc == -1 || stopped(o))
		goto fail;
	if (st->in_tx && importer_flush(im) == -1)
		goto fail;
	/* The publish is a transaction of its own (what --update staged
	 * is applied in it, so that the lock it holds is the publish's
	 * alone), committed with synchronous FULL. */
	if (st->in_tx && chunk_end(st, im, batch, line) == -1)
		goto fail;
	bulk_mode(im, 0);	/* counted by chunk_end */
	chunk_sync(st, 1);
	/* The last transaction: the rest, the counters and publish. */
	if (!st->in_tx) {
		if (batch == 0) {
			/* Nothing read: nothing to hide; audited as before. */
			if (batch_wait_project(st, o->project_id) == -1 ||
			    store_begin(st) == -1)
				goto fail;
			if ((rc = batch_begin(st, a, o->project_id, o->action,
			    o->name, 1, &batch, &lf)) != 1) {
				store_rollback(st);
				if (rc == 0)
					rc = error("%s: another import into"
					    " project '%s' began meanwhile",
					    st->path, o->project);
				goto fail;
			}
		} else if (store_begin(st) == -1)
			goto fail;
	}
	*stats = *importer_stats(im);
	if (stats->annotations > 0) {
		sqlite3_stmt	*stmt;

		stmt = stmt_get(st, "SELECT count(*) FROM task t JOIN project p"
		    " ON p.id = t.project_id WHERE t.project_id = ?1"
		    " AND t.id >= ?2 AND " TASK_DONE_SQL("t", "p"));
		if (stmt == NULL)
			goto fail_tx;
		sqlite3_bind_int64(stmt, 1, o->project_id);
		sqlite3_bind_int64(stmt, 2, lf);
		if ((done = stmt_int64(st, stmt, "counting tasks")) == -1)
			goto fail_tx;
	}
	if (stage_apply(im, &redone) == -1 || write_config(st, o) == -1)
		goto fail_tx;
	if (o->describe != NULL)
		o->describe(&detail, stats, o->arg);
	if (audit_write(st, a, o->action, o->project, buf_str(&detail)) == -1 ||
	    batch_progress(st, batch, stats->added, stats->updated,
	    stats->first_id, stats->last_id, "publishing") == -1 ||
	    batch_publish(st, batch, o->project_id, stats, done + redone) == -1)
		goto fail_tx;
	buf_release(&detail);
	if (store_commit(st) == -1)
		goto fail;
	/* Published: what is left changes nothing readers see. A failure
	 * here leaves the rest to the next writer (store_batch_reap). */
	if (im->staged > 0 && batch_fold(st, batch) == -1)
		warning("%s: the update is in; applying it to the tasks stopped"
		    " and the next scalec to open the database finishes it",
		    o->name);
	importer_free(im);
	return 0;

fail_tx:
	store_rollback(st);
fail:
	if (st->in_tx)
		store_rollback(st);
	bulk_mode(im, 0);
	chunk_sync(st, 1);
	*stats = *importer_stats(im);
	buf_release(&detail);
	if (batch != 0)
		batch_remove(st, batch);
	importer_drop_users(im);
	importer_free(im);
	if (stopped(o) && line > 0)
		error("%s: interrupted at line %lu; what it had loaded is"
		    " removed: nothing was imported", o->name, line);
	else if (stopped(o))
		error("%s: interrupted before its first task: nothing was"
		    " imported", o->name);
	return -1;
}

int
store_import(struct store *st, const struct actor *a,
    const struct import_opts *o, struct import_stats *stats)
{
	memset(stats, 0, sizeof *stats);
	if (st->in_tx)
		return import_whole(st, a, o, stats);
	if (o->dry_run)
		return import_dry(st, a, o, stats);
	return import_chunked(st, a, o, stats);
}
