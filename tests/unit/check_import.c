/* Unit tests for src/store/import.c and export.c: records into a project
 * inside one transaction, ids (clash with the project, repeat in the file,
 * skip, update), submitted counts, users, and a rollback that leaves
 * nothing; duplicates by content (import's and file add's); then the
 * export walk with its filters. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "formats/format.h"
#include "model/config.h"
#include <sys/wait.h>
#include <unistd.h>

#include "store/batch.h"
#include "store/export.h"
#include "store/import.h"
#include "store/project.h"
#include "util/error.h"
#include "util/hash.h"

static const char yaml[] =
	"type: ner\n"
	"controls:\n"
	"  - name: entities\n"
	"    kind: spans\n"
	"    labels: [PER, LOC]\n";

static struct config	*cfg;
static int64_t		 project_id;
static int		 allow_duplicates;	/* opts_init gives it */
static int		 chunk_each;	/* opts_init: a chunk per record */
static int		 dry_run;	/* opts_init gives it */
static char		 last_error[1024];

static void
keep_error(int is_warning, const char *msg)
{
	(void)is_warning;
	snprintf(last_error, sizeof last_error, "%s", msg);
}

static void
setup(void)
{
	struct project	p = PROJECT_INIT;
	struct user	u = USER_INIT;

	fx_setup();
	error_set_handler(keep_error);
	last_error[0] = '\0';
	cfg = config_parse(yaml, strlen(yaml), "t.yaml");
	ck_assert_ptr_nonnull(cfg);
	p.name = xstrdup("news");
	p.type = xstrdup("ner");
	p.config = xstrdup(yaml);
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	project_id = p.id;
	u.name = xstrdup("alice");
	u.role = ROLE_ANNOTATOR;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	user_release(&u);
	project_release(&p);
}

static void
teardown(void)
{
	error_set_handler(NULL);
	config_free(cfg);
	fx_teardown();
}

/* The records of a reader, placed as scalec import places them with
 * --allow-missing-images: /data is not there, and the lines give sizes. */
static int
next_record(void *arg, struct record *rec)
{
	struct reader	*r = arg;
	int		 rc;

	if ((rc = reader_next(r, rec)) == 1 &&
	    reader_place_image(r, rec, "/data", 1) == -1)
		return -1;
	return rc;
}

/* An input that never has the next record ready: the importer commits
 * its chunk after each record. */
static int
never_ready(void *arg)
{
	(void)arg;
	return 0;
}

/* Options for the test project: records from next(arg). */
static void
opts_init(struct import_opts *o, const char *name,
    int (*next)(void *, struct record *), void *arg)
{
	memset(o, 0, sizeof *o);
	o->project_id = project_id;
	o->project = "news";
	o->cfg = cfg;
	o->name = name;
	o->type = "ner";
	o->next = next;
	o->arg = arg;
	o->allow_duplicates = allow_duplicates;
	o->dry_run = dry_run;
	if (chunk_each)
		o->ready = never_ready;
}

/*
 * Imports the JSONL text s as the store's one unit of work with existing:
 * all of it or none. Returns 0 or -1; *stats filled.
 */
static int
import_takes(const char *s, enum import_existing existing, int takes,
    struct import_stats *stats)
{
	struct import_opts	 o;
	struct import_stats	 got;
	struct actor		 a = { fx_admin.id, fx_admin.id };
	struct reader		 r;
	FILE			*f = fmemopen((void *)s, strlen(s), "r");
	int			 rc;

	ck_assert_ptr_nonnull(f);
	opts_init(&o, "t.jsonl", next_record, &r);
	o.existing = existing;
	o.takes = takes;
	o.action = "import";
	memset(&got, 0, sizeof got);
	rc = reader_open(&r, &format_jsonl, f, "t.jsonl");
	if (rc == 0)
		rc = store_import(fx_st, &a, &o, &got);
	if (stats != NULL)
		*stats = got;
	reader_close(&r);
	fclose(f);
	return rc;
}

static int
import_text(const char *s, enum import_existing existing,
    struct import_stats *stats)
{
	return import_takes(s, existing, 0, stats);
}

/* import_text as a dry run of --update. */
static int
import_dry_text(const char *s, struct import_stats *stats)
{
	int	rc;

	dry_run = 1;
	rc = import_takes(s, IMPORT_UPDATE, 0, stats);
	dry_run = 0;
	return rc;
}

START_TEST(test_import_counts)
{
	struct import_stats	s;

	ck_assert_int_eq(import_text(
	    "{\"id\": \"a\", \"text\": \"Ann\", \"annotations\": [{\"user\":"
	    " \"alice\", \"result\": {\"entities\": [{\"start\": 0, \"end\": 3,"
	    " \"label\": \"PER\"}]}}, {\"user\": \"admin\", \"state\":"
	    " \"draft\"}], \"predictions\": [{\"result\": {}, \"score\": 1}]}\n"
	    "{\"id\": \"b\", \"image\": \"img/x.png\", \"width\": 4,"
	    " \"height\": 3}\n"
	    "{\"text\": \"no id\"}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(s.added, 3);
	ck_assert_int_eq(s.annotations, 2);
	ck_assert_int_eq(s.predictions, 1);
	ck_assert_int_eq(fx_int("SELECT submitted FROM task WHERE ext_id ="
	    " 'a'"), 1);	/* the draft does not count */
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 3);
	ck_assert_int_eq(fx_int("SELECT done_count FROM project"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE image ="
	    " '/data/img/x.png' AND kind = 'image'"), 1);
}
END_TEST

/* The counters the insert triggers keep (the project's review counts,
 * each person's submitted count) come out the same when a chunk's
 * annotations go in by one INSERT without them (flush_counts): the same
 * lines, imported inside a transaction (a statement a row, the triggers
 * firing) and then in chunks, double each. */
static const char every_state[] =
	"{\"text\": \"t1\", \"annotations\": [{\"user\": \"alice\"},"
	" {\"user\": \"admin\", \"state\": \"draft\"}]}\n"
	"{\"text\": \"t2\", \"annotations\": [{\"user\": \"alice\","
	" \"state\": \"accepted\"}, {\"user\": \"admin\", \"state\":"
	" \"skipped\"}]}\n"
	"{\"text\": \"t3\", \"annotations\": [{\"user\": \"alice\","
	" \"state\": \"rejected\", \"removed\": true}, {\"user\":"
	" \"admin\", \"state\": \"rejected\"}]}\n"
	"{\"text\": \"t4\", \"annotations\": [{\"user\": \"alice\","
	" \"state\": \"fixed\"}, {\"user\": \"admin\"}]}\n"
	"{\"text\": \"t5\", \"annotations\": [{\"user\": \"admin\","
	" \"state\": \"submitted\"}]}\n";

START_TEST(test_import_counters)
{
	static const char *const q[] = {
		"SELECT to_review FROM project",
		"SELECT accepted FROM project",
		"SELECT rejected FROM project",
		"SELECT fixed FROM project",
		"SELECT submitted FROM annotator WHERE user_id = (SELECT id"
		" FROM user WHERE name = 'alice')",
		"SELECT submitted FROM annotator WHERE user_id = (SELECT id"
		" FROM user WHERE name = 'admin')",
	};
	int64_t	once[6];
	size_t	i;

	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(import_text(every_state, IMPORT_FAIL, NULL), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	for (i = 0; i < 6; i++)
		once[i] = fx_int(q[i]);
	ck_assert_int_eq(once[0], 3);	/* t1, t4, t5 */
	ck_assert_int_eq(once[2], 2);
	ck_assert_int_eq(once[4], 3);	/* not the removed one */
	ck_assert_int_eq(import_text(every_state, IMPORT_FAIL, NULL), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation"), 18);
	for (i = 0; i < 6; i++)
		ck_assert_msg(fx_int(q[i]) == 2 * once[i], "%s: %lld, then"
		    " %lld", q[i], (long long)once[i], (long long)fx_int(q[i]));
	/* A failed import takes its counts away with its tasks (its first
	 * line in a chunk of its own, committed before the second fails). */
	chunk_each = 1;
	ck_assert_int_eq(import_text("{\"text\": \"t6\", \"annotations\":"
	    " [{\"user\": \"alice\"}]}\n{\"text\": \"\"}\n", IMPORT_FAIL,
	    NULL), -1);
	chunk_each = 0;
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(fx_int(q[i]), 2 * once[i]);
}
END_TEST

/* A task's meta and an annotation's result are stored as jansson's
 * compact dump writes them (import.c writes the common ones itself):
 * escapes, code points above U+FFFF, the ends of the integers, nesting,
 * and a real (left to jansson). */
START_TEST(test_import_dumps)
{
	static const char *const meta[] = {
		"{\"q\": \"\\\" \\\\ / \\b\\f\\n\\r\\t \\u0001\\u001f\\u007f"
		" é 東京 😀\", \"k\\n\\\"\": 1, \"n\": -9223372036854775808,"
		" \"m\": 9223372036854775807, \"z\": [0, -1, true, false, null,"
		" [], {}, [[{\"a\": {}}]]]}",
		"{\"r\": 1.5, \"e\": 1e300, \"s\": \"x\"}",
	};
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	json_t		*j;
	char		*want, line[512];
	size_t		 i;

	for (i = 0; i < 2; i++) {
		snprintf(line, sizeof line, "{\"id\": \"d%zu\", \"text\": \"x\","
		    " \"meta\": %s, \"annotations\": [{\"user\": \"alice\","
		    " \"result\": {\"entities\": [{\"start\": 0, \"end\": 1,"
		    " \"label\": \"PER\"}]}}]}\n", i, meta[i]);
		ck_assert_msg(import_text(line, IMPORT_FAIL, NULL) == 0, "%s",
		    last_error);
		j = json_loads(meta[i], 0, NULL);
		ck_assert_ptr_nonnull(j);
		want = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		ck_assert_int_eq(sqlite3_open(fx_path, &db), SQLITE_OK);
		ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT t.meta, a.result"
		    " FROM task t JOIN annotation a ON a.task_id = t.id"
		    " WHERE t.ext_id = ?", -1, &stmt, NULL), SQLITE_OK);
		snprintf(line, sizeof line, "d%zu", i);
		sqlite3_bind_text(stmt, 1, line, -1, SQLITE_TRANSIENT);
		ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_bytes(stmt, 0), strlen(want));
		ck_assert_mem_eq(sqlite3_column_blob(stmt, 0), want,
		    strlen(want));
		ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 1),
		    "{\"entities\":[{\"start\":0,\"end\":1,\"label\":\"PER\"}]}");
		sqlite3_finalize(stmt);
		sqlite3_close(db);
		free(want);
	}
}
END_TEST

/* As file add: a text project refuses an image task, an image project a
 * text task, and nobody an empty text; each leaves nothing. */
START_TEST(test_import_kinds)
{
	int	text = config_takes(cfg, "ner");

	ck_assert_int_eq(text, CONFIG_TAKES_TEXT);
	ck_assert_int_eq(config_takes(NULL, "object-detection"),
	    CONFIG_TAKES_IMAGE);
	ck_assert_int_eq(config_takes(cfg, "custom"), CONFIG_TAKES_TEXT);
	ck_assert_int_eq(import_takes("{\"text\": \"Ann\"}\n"
	    "{\"image\": \"x.png\", \"width\": 4, \"height\": 3}\n", IMPORT_FAIL,
	    text, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:2: an image task, but project"
	    " 'news' (ner) takes text");
	ck_assert_int_eq(import_takes("{\"text\": \"Ann\"}\n",
	    IMPORT_FAIL, CONFIG_TAKES_IMAGE, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:1: a text task, but project"
	    " 'news' (ner) takes images");
	ck_assert_int_eq(import_takes("{\"text\": \"Ann\"}\n"
	    "{\"text\": \"\"}\n", IMPORT_FAIL, text, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:2: the text is empty: a task"
	    " needs something to label");
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 0);
	ck_assert_int_eq(import_takes("{\"text\": \"Ann\"}\n",
	    IMPORT_FAIL, text, NULL), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 1);
}
END_TEST

START_TEST(test_import_rollback)
{
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"x\"}\n",
	    IMPORT_FAIL, NULL), 0);
	/* A bad third line: the first two are not kept either. */
	ck_assert_int_eq(import_text("{\"id\": \"b\", \"text\": \"x\"}\n"
	    "{\"id\": \"c\", \"text\": \"x\"}\n"
	    "{\"id\": \"d\", \"text\": \"x\", \"annotations\": [{\"user\":"
	    " \"zed\"}]}\n", IMPORT_FAIL, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:3: annotation 1: no user 'zed'"
	    " (add them with 'scalec user add', or import with --create-users)");
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 1);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 1);
}
END_TEST

START_TEST(test_import_ids)
{
	struct import_stats	s;

	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"old\"}\n",
	    IMPORT_FAIL, NULL), 0);
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"new\"}\n",
	    IMPORT_FAIL, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:1: id 'a' is already in project"
	    " 'news' (--skip-existing leaves such tasks, --update replaces"
	    " them)");
	ck_assert_int_eq(import_text("{\"id\": \"b\", \"text\": \"1\"}\n"
	    "{\"id\": \"b\", \"text\": \"2\"}\n", IMPORT_SKIP, NULL), -1);
	ck_assert_str_eq(last_error, "t.jsonl:2: id 'b' is repeated: an earlier"
	    " line of this file has it");
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"new\"}\n"
	    "{\"id\": \"c\", \"text\": \"c\"}\n", IMPORT_SKIP, &s), 0);
	ck_assert_int_eq(s.skipped, 1);
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE text ="
	    " 'old'"), 1);
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"new\","
	    " \"annotations\": [{\"user\": \"alice\", \"state\": \"accepted\"}]}"
	    "\n", IMPORT_UPDATE, &s), 0);
	ck_assert_int_eq(s.updated, 1);
	ck_assert_int_eq(fx_int("SELECT submitted FROM task WHERE text ="
	    " 'new'"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 2);
}
END_TEST

struct seen {
	int	tasks;
	int	annotations;
	int	predictions;
	char	first_user[32];
};

static int
count_task(const struct out_task *t, void *arg)
{
	struct seen	*s = arg;

	s->tasks++;
	s->annotations += (int)t->nannotations;
	s->predictions += (int)t->npredictions;
	if (t->nannotations > 0 && s->first_user[0] == '\0')
		snprintf(s->first_user, sizeof s->first_user, "%s",
		    t->annotations[0].user);
	return 0;
}

START_TEST(test_export_filters)
{
	struct export_filter	f = EXPORT_FILTER_INIT;
	struct seen		s;

	ck_assert_int_eq(import_text(
	    "{\"text\": \"a\", \"annotations\": [{\"user\": \"alice\"},"
	    " {\"user\": \"admin\", \"state\": \"draft\"}],"
	    " \"predictions\": [{\"result\": {}}]}\n"
	    "{\"text\": \"b\", \"annotations\": [{\"user\": \"admin\"}]}\n"
	    "{\"text\": \"c\"}\n", IMPORT_FAIL, NULL), 0);
	memset(&s, 0, sizeof s);
	ck_assert_int_eq(store_export(fx_st, project_id, &f, count_task, &s),
	    0);
	ck_assert_int_eq(s.tasks, 3);
	ck_assert_int_eq(s.annotations, 3);
	ck_assert_int_eq(s.predictions, 1);
	ck_assert_str_eq(s.first_user, "alice");
	memset(&s, 0, sizeof s);
	f.user = "admin";
	ck_assert_int_eq(store_export(fx_st, project_id, &f, count_task, &s),
	    0);
	ck_assert_int_eq(s.tasks, 2);
	ck_assert_int_eq(s.annotations, 2);
	ck_assert_str_eq(s.first_user, "admin");
	memset(&s, 0, sizeof s);
	f.state = "submitted";
	ck_assert_int_eq(store_export(fx_st, project_id, &f, count_task, &s),
	    0);
	ck_assert_int_eq(s.tasks, 1);
	ck_assert_int_eq(s.annotations, 1);
	ck_assert_int_eq(annotation_state_from_name("skipped"), ANN_SKIPPED);
	ck_assert_int_eq(annotation_state_from_name("done"), ANN_NONE);
}
END_TEST

/* "user state end;" of each task's first annotation, for the final one. */
static int
list_first(const struct out_task *t, void *arg)
{
	char		*b = arg;
	const char	*end;

	ck_assert_uint_eq(t->nannotations, 1);
	end = strstr(t->annotations[0].result, "\"end\":");
	ck_assert_ptr_nonnull(end);
	snprintf(b + strlen(b), 256 - strlen(b), "%s %s %c;",
	    t->annotations[0].user, t->annotations[0].state, end[6]);
	return 0;
}

static void
count_left(int64_t task, void *arg)
{
	struct seen	*s = arg;

	(void)task;
	s->predictions += 100;	/* left out: counted apart */
}

/* A result of one PER span over [0, end). */
#define PER(end) "{\"entities\": [{\"start\": 0, \"end\": " #end \
	", \"label\": \"PER\"}]}"

START_TEST(test_export_final)
{
	struct export_filter	f = EXPORT_FILTER_INIT;
	struct seen		s;
	char			list[256];

	f.left_out = count_left;
	/* 1: accepted, differing; 2: accepted, the same; 3: one accepted,
	 * one fixed into agreement; 4: settled by hand; 5: submitted. */
	ck_assert_int_eq(import_text(
	    "{\"text\": \"ab\", \"annotations\": [{\"user\": \"alice\","
	    " \"state\": \"accepted\", \"result\": " PER(1) "}, {\"user\":"
	    " \"admin\", \"state\": \"accepted\", \"result\": " PER(2) "}]}\n"
	    "{\"text\": \"ab\", \"annotations\": [{\"user\": \"alice\","
	    " \"state\": \"accepted\", \"result\": " PER(1) "}, {\"user\":"
	    " \"admin\", \"state\": \"accepted\", \"result\": " PER(1) "}]}\n"
	    "{\"text\": \"ab\", \"annotations\": [{\"user\": \"alice\","
	    " \"state\": \"accepted\", \"result\": " PER(1) "}, {\"user\":"
	    " \"admin\", \"state\": \"fixed\", \"result\": " PER(2) ","
	    " \"reviews\": [{\"reviewer\": \"alice\", \"verdict\": \"fix\","
	    " \"result\": " PER(1) "}]}]}\n"
	    "{\"text\": \"ab\", \"annotations\": [{\"user\": \"alice\","
	    " \"state\": \"accepted\", \"result\": " PER(1) "}, {\"user\":"
	    " \"admin\", \"state\": \"accepted\", \"result\": " PER(2) "}],"
	    " \"final_answer\": {\"result\": " PER(2) ", \"settled_by\":"
	    " \"admin\"}}\n"
	    "{\"text\": \"ab\", \"annotations\": [{\"user\": \"alice\"}]}\n",
	    IMPORT_FAIL, NULL), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM final_answer"), 1);
	memset(&s, 0, sizeof s);
	f.annotations = EXPORT_ACCEPTED;
	ck_assert_int_eq(store_export(fx_st, project_id, &f, count_task, &s),
	    0);
	ck_assert_int_eq(s.tasks, 4);
	ck_assert_int_eq(s.annotations, 8);
	memset(&s, 0, sizeof s);
	f.annotations = EXPORT_FINAL;
	ck_assert_int_eq(store_export(fx_st, project_id, &f, count_task, &s),
	    0);
	ck_assert_int_eq(s.tasks, 3);		/* 2, 3 and 4 */
	ck_assert_int_eq(s.annotations, 3);	/* one each */
	ck_assert_int_eq(s.predictions, 100);	/* 1 left out */
	ck_assert_str_eq(s.first_user, "alice");
	/* The agreeing first, the fix as the result, the hand-settled one in
	 * its settler's name. */
	memset(list, 0, sizeof list);
	f.left_out = NULL;
	ck_assert_int_eq(store_export(fx_st, project_id, &f, list_first,
	    list), 0);
	ck_assert_str_eq(list, "alice accepted 1;alice accepted 1;"
	    "admin accepted 2;");
}
END_TEST

/* Records given by hand, as file add's ingest gives them. */
struct given {
	const struct record	*v;
	size_t			 n, next;
	int64_t			 dup_task;	/* what duplicate heard last */
	size_t			 dups;
};

static int
next_given(void *arg, struct record *rec)
{
	struct given	*g = arg;

	if (g->next == g->n)
		return 0;
	*rec = g->v[g->next++];
	return 1;
}

static void
heard_duplicate(void *arg, const struct record *rec, int64_t task)
{
	struct given	*g = arg;

	(void)rec;
	g->dup_task = task;
	g->dups++;
}

static int
add_given(const struct record *v, size_t n, struct given *g,
    struct import_stats *stats)
{
	struct import_opts	o;
	struct actor		a = { fx_admin.id, fx_admin.id };

	memset(g, 0, sizeof *g);
	g->v = v;
	g->n = n;
	opts_init(&o, "file add", next_given, g);
	o.action = "file.add";
	o.by_source = 1;
	o.duplicate = heard_duplicate;
	return store_import(fx_st, &a, &o, stats);
}

/* import: a line without an id whose text the project has (from before,
 * or earlier in the file) is skipped and counted with its line; one with
 * an id, predictions or annotations is not compared, nor is a task with an
 * id; a task without an
 * id stores its text's hash; --allow-duplicates adds them all. */
START_TEST(test_import_duplicates)
{
	struct import_stats	s;
	char			sql[128];

	ck_assert_int_eq(import_text(
	    "{\"text\": \"same\"}\n"
	    "{\"text\": \"same\", \"meta\": {\"k\": 1}}\n"
	    "{\"id\": \"x\", \"text\": \"same\"}\n"
	    "{\"text\": \"same\", \"predictions\": [{\"result\": {}}]}\n"
	    "{\"text\": \"Same\"}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(s.added, 4);
	ck_assert_int_eq(s.duplicates, 1);
	ck_assert_int_eq(s.skipped, 0);
	ck_assert_uint_eq(s.dup_lines[0], 2);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM task WHERE"
	    " content_hash = %lld", (long long)content_hash("same", 4));
	ck_assert_int_eq(fx_int(sql), 2);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE content_hash"
	    " IS NULL"), 1);	/* the one with an id */

	/* Again: against the project's tasks; the first lines counted */
	ck_assert_int_eq(import_text("{\"text\": \"new\"}\n"
	    "{\"text\": \"same\"}\n{\"text\": \"Same\"}\n"
	    "{\"text\": \"new\"}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(s.duplicates, 3);
	ck_assert_uint_eq(s.dup_lines[0], 2);
	ck_assert_uint_eq(s.dup_lines[2], 4);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 5);

	/* A task with an id is known by it, not compared by its text */
	ck_assert_int_eq(import_text("{\"id\": \"y\", \"text\": \"by id\"}\n"
	    "{\"text\": \"by id\"}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(s.added, 2);
	ck_assert_int_eq(s.duplicates, 0);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 7);

	/* --allow-duplicates adds them */
	allow_duplicates = 1;
	ck_assert_int_eq(import_text("{\"text\": \"same\"}\n", IMPORT_FAIL,
	    &s), 0);
	allow_duplicates = 0;
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(s.duplicates, 0);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 8);
}
END_TEST

/*
 * --update outside a transaction stages what it changes in the tasks
 * there (TEMP tables, gone after it) and applies it at publish: text,
 * priority, predictions replaced, an annotation that finishes a task
 * moves done_count as a recount would; a dry run changes nothing and
 * counts the same; a repeated known id is an error.
 */
START_TEST(test_import_staged)
{
	struct import_stats	s;
	int64_t			done;

	chunk_each = 1;
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"Ann\","
	    " \"predictions\": [{\"result\": {}}, {\"result\": {}}]}\n"
	    "{\"id\": \"b\", \"text\": \"Bo\"}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(fx_int("SELECT done_count FROM project"), 0);

	/* The dry run first: the counts, nothing written. */
	ck_assert_int_eq(fx_int("SELECT count(*) FROM prediction"), 2);
	done = fx_int("SELECT count(*) FROM audit");
	ck_assert_int_eq(import_dry_text("{\"id\": \"a\", \"text\": \"Anna\","
	    " \"priority\": 5, \"predictions\": [{\"result\": {}}],"
	    " \"annotations\": [{\"user\": \"alice\"}]}\n"
	    "{\"id\": \"c\", \"text\": \"Cy\"}\n", &s), 0);
	ck_assert_int_eq(s.updated, 1);
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(s.predictions, 1);
	ck_assert_int_eq(s.annotations, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE text ="
	    " 'Ann' AND priority = 0"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 2);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit"), done);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM sqlite_temp_master"), 0);

	/* The same for real: applied at publish. */
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"Anna\","
	    " \"priority\": 5, \"predictions\": [{\"result\": {}}],"
	    " \"annotations\": [{\"user\": \"alice\"}]}\n"
	    "{\"id\": \"c\", \"text\": \"Cy\"}\n", IMPORT_UPDATE, &s), 0);
	ck_assert_int_eq(s.updated, 1);
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE text ="
	    " 'Anna' AND priority = 5 AND submitted = 1"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM prediction p JOIN task t"
	    " ON t.id = p.task_id WHERE t.ext_id = 'a'"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation"), 1);
	ck_assert_int_eq(fx_int("SELECT done_count FROM project"), 1);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 3);
	ck_assert_int_eq(store_project_recount(fx_st, project_id), 0);
	ck_assert_int_eq(fx_int("SELECT done_count FROM project"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM import_batch WHERE"
	    " state = 'published' AND tasks = 1 AND updated = 1"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM sqlite_temp_master"), 0);

	/* A text someone labelled: refused at the line without --force. */
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"A.\"}\n",
	    IMPORT_UPDATE, &s), -1);
	ck_assert_ptr_nonnull(strstr(last_error, "by alice, made on its"));
	/* An id two lines share, also one the project has. */
	ck_assert_int_eq(import_text("{\"id\": \"b\", \"text\": \"1\"}\n"
	    "{\"id\": \"b\", \"text\": \"2\"}\n", IMPORT_UPDATE, &s), -1);
	ck_assert_str_eq(last_error, "t.jsonl:2: id 'b' is repeated: an earlier"
	    " line of this file has it");
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE text = 'Bo'"),
	    1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM import_batch WHERE"
	    " state = 'loading'"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM sqlite_temp_master"), 0);
	chunk_each = 0;
}
END_TEST

/*
 * --update staged with review histories and final answers: a dry run
 * counts the rows it would add and writes none; the publish writes them
 * after the staged annotations, a withdrawal naming the stored row it
 * undoes by its place and the final answer its annotation by its user;
 * the same file again adds nothing.
 */
START_TEST(test_import_staged_reviews)
{
	static const char	 line[] = "{\"id\": \"a\", \"text\": \"Ann\","
	    " \"annotations\": [{\"user\": \"alice\", \"annotation_id\": 9,"
	    " \"reviews\": [{\"reviewer\": \"admin\", \"verdict\": \"accept\","
	    " \"at\": \"2026-06-01\"}, {\"reviewer\": \"admin\","
	    " \"verdict\": \"comment\", \"at\": \"2026-06-02\"},"
	    " {\"reviewer\": \"admin\", \"verdict\": \"withdraw\","
	    " \"withdraws\": 1, \"from_state\": \"accepted\","
	    " \"at\": \"2026-06-03\"}]}], \"final_answer\": {\"result\": {},"
	    " \"settled_by\": \"admin\", \"from_annotation\": 9,"
	    " \"at\": \"2026-06-04\"}}\n";
	struct import_stats	 s;

	/* The final answer has its time: without one it is stamped now,
	 * and the third import, a second later, would be another. */
	chunk_each = 1;
	ck_assert_int_eq(import_text("{\"id\": \"a\", \"text\": \"Ann\","
	    " \"annotations\": [{\"user\": \"alice\", \"reviews\":"
	    " [{\"reviewer\": \"admin\", \"verdict\": \"accept\","
	    " \"at\": \"2026-06-01\"}]}]}\n", IMPORT_FAIL, &s), 0);
	ck_assert_int_eq(s.reviews, 1);

	ck_assert_int_eq(import_dry_text(line, &s), 0);
	ck_assert_int_eq(s.updated, 1);
	ck_assert_int_eq(s.reviews, 2);
	ck_assert_int_eq(s.finals, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM final_answer"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM sqlite_temp_master"), 0);

	ck_assert_int_eq(import_text(line, IMPORT_UPDATE, &s), 0);
	ck_assert_int_eq(s.reviews, 2);
	ck_assert_int_eq(s.finals, 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review WHERE id ="
	    " (SELECT max(id) - 1 FROM review) AND verdict = 'comment'"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review w JOIN review r"
	    " ON r.id = w.withdraws WHERE w.verdict = 'withdraw' AND"
	    " r.verdict = 'accept' AND r.id = (SELECT min(id) FROM review)"),
	    1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review"), 3);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM final_answer f JOIN"
	    " annotation a ON a.id = f.from_annotation JOIN user u"
	    " ON u.id = a.user_id WHERE u.name = 'alice'"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM sqlite_temp_master"), 0);

	ck_assert_int_eq(import_text(line, IMPORT_UPDATE, &s), 0);
	ck_assert_int_eq(s.reviews, 0);
	ck_assert_int_eq(s.finals, 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM review"), 3);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM final_answer"), 1);
	chunk_each = 0;
}
END_TEST

/* file add: the same content from the same file is a duplicate (text by
 * hash and text, an image by the hash of its bytes); the same text from
 * another file, or other bytes at the same path, is not. */
START_TEST(test_file_duplicates)
{
	struct import_stats	s;
	struct given		g;
	struct record		r[6];
	int64_t			first;

	memset(r, 0, sizeof r);
	r[0].text = "hello";
	r[0].text_len = 5;
	r[0].source = "/d/a.txt";
	r[1] = r[0];
	r[1].source = "/d/b.txt";	/* the same text elsewhere */
	r[2].image = r[2].source = "/d/p.png";
	r[2].has_hash = 1;
	r[2].hash = 42;
	ck_assert_int_eq(add_given(r, 3, &g, &s), 0);
	ck_assert_int_eq(s.added, 3);
	ck_assert_uint_eq(g.dups, 0);
	first = s.first_id;

	r[3] = r[0];			/* a.txt again */
	r[4] = r[2];			/* p.png again */
	r[5] = r[2];
	r[5].hash = 43;			/* p.png, other bytes */
	ck_assert_int_eq(add_given(r + 3, 3, &g, &s), 0);
	ck_assert_int_eq(s.added, 1);
	ck_assert_int_eq(s.duplicates, 2);
	ck_assert_uint_eq(g.dups, 2);
	ck_assert_int_eq(g.dup_task, first + 2);	/* p.png's task */
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task WHERE"
	    " content_hash = 43 AND kind = 'image'"), 1);

	allow_duplicates = 1;
	ck_assert_int_eq(add_given(r + 3, 1, &g, &s), 0);
	allow_duplicates = 0;
	ck_assert_int_eq(s.added, 1);
	ck_assert_uint_eq(g.dups, 0);
}
END_TEST

/* This host's name, as a batch records it. */
static const char *
this_host(void)
{
	static char	host[256];

	if (gethostname(host, sizeof host) == -1)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	return host;
}

static int
count_batch(const struct batch *b, void *arg)
{
	int	*n = arg;

	ck_assert_str_eq(b->state, "published");
	(*n)++;
	return 0;
}

/* Imports in batches (HACKING "Imports that never block"): committed a
 * chunk per record, published whole; a failure after some chunks leaves
 * nothing; undo refuses an annotated batch and removes one that is not;
 * a loading batch whose process is gone is hidden, then reaped. */
START_TEST(test_import_batches)
{
	struct import_stats	 st;
	struct actor		 a = { fx_admin.id, fx_admin.id };
	char			*sql;
	int64_t			 removed, pid;
	pid_t			 child;
	int			 n = 0, status;

	chunk_each = 1;
	ck_assert_int_eq(import_takes("{\"text\": \"one\"}\n{\"text\":"
	    " \"two\"}\n{\"text\": \"three\"}\n", IMPORT_FAIL, 0, &st), 0);
	ck_assert_int_eq(st.added, 3);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM import_batch WHERE"
	    " state = 'published' AND tasks = 3 AND first_task = 1"
	    " AND last_task = 3"), 1);
	ck_assert_int_eq(fx_int("SELECT loading_from IS NULL FROM project"), 1);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 3);
	ck_assert_int_eq(store_batch_each(fx_st, project_id, count_batch, &n),
	    0);
	ck_assert_int_eq(n, 1);

	/* A bad line after three chunks: nothing of it stays. */
	ck_assert_int_eq(import_takes("{\"text\": \"four\"}\n{\"text\":"
	    " \"five\"}\n{\"text\": \"six\"}\n{\"text\": \"  \"}\n",
	    IMPORT_FAIL, 0, &st), -1);
	ck_assert_str_eq(last_error, "t.jsonl:4: the text is empty (only"
	    " white space): a task needs something to label");
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 3);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM import_batch"), 1);
	ck_assert_int_eq(fx_int("SELECT loading_from IS NULL FROM project"), 1);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 3);
	chunk_each = 0;

	/* Undo: refused while a task has an annotation, then done. */
	sql = xasprintf("INSERT INTO annotation (task_id, user_id, state,"
	    " created_at, updated_at) VALUES (2, %lld, 'draft', 'x', 'x')",
	    (long long)fx_admin.id);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(store_batch_undo(fx_st, &a, 1, &removed), -1);
	ck_assert_str_eq(last_error, "import batch 1: its tasks have 1"
	    " annotation; undo removes only a batch nobody has worked on;"
	    " nothing was changed");
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 3);
	fx_exec("DELETE FROM annotation");
	ck_assert_int_eq(store_batch_undo(fx_st, &a, 7, &removed), -1);
	ck_assert_int_eq(store_batch_undo(fx_st, &a, 1, &removed), 0);
	ck_assert_int_eq(removed, 3);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 0);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM audit WHERE action ="
	    " 'import.undo'"), 1);

	/* A batch left loading by a process that is gone (a child that
	 * exited): its tasks are hidden, and the next reap removes them. */
	if ((child = fork()) == 0)
		_exit(0);
	ck_assert_int_ne(child, -1);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	pid = (int64_t)child;
	ck_assert_int_eq(import_takes("{\"text\": \"seen\"}\n",
	    IMPORT_FAIL, 0, &st), 0);
	sql = xasprintf("INSERT INTO import_batch (project_id, action, state,"
	    " pid, host, started_at) VALUES (%lld, 'import', 'loading', %lld,"
	    " '%s', 'x'); UPDATE project SET loading_from = 100;"
	    " INSERT INTO task (id, project_id, kind, text, created_at)"
	    " VALUES (100, %lld, 'text', 'hidden', 'x'), (101, %lld, 'text',"
	    " 'hidden too', 'x')", (long long)project_id, (long long)pid,
	    this_host(), (long long)project_id, (long long)project_id);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(store_project_recount(fx_st, project_id), 0);
	ck_assert_int_eq(fx_int("SELECT task_count FROM project"), 1);
	ck_assert_int_eq(store_batch_reap(fx_st), 0);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 1);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM import_batch WHERE"
	    " state = 'loading'"), 0);
	ck_assert_int_eq(fx_int("SELECT loading_from IS NULL FROM project"), 1);

	/* Publishing moves a cursor that is past the batch's first task back
	 * to it, and marks the batch seen by whoever had seen everything. */
	sql = xasprintf("INSERT INTO annotator (project_id, user_id,"
	    " cur_priority, cur_task, seen_task) SELECT %lld, %lld,"
	    " -9223372036854775808, 9223372036854775807, max(id) FROM task",
	    (long long)project_id, (long long)fx_admin.id);
	fx_exec(sql);
	free(sql);
	ck_assert_int_eq(import_takes("{\"text\": \"new\"}\n{\"text\":"
	    " \"newer\", \"priority\": 3}\n", IMPORT_FAIL, 0, &st), 0);
	ck_assert_int_eq(fx_int("SELECT cur_priority = 3 AND cur_task ="
	    " (SELECT id FROM task WHERE text = 'newer') AND seen_task ="
	    " (SELECT max(id) FROM task) FROM annotator"), 1);
}
END_TEST

/* Records given with their annotations as text (record_ann), each
 * imported as one unit like a file: 0 or -1. */
static int
import_anns(const struct record *v, size_t n)
{
	struct import_opts	o;
	struct import_stats	st;
	struct actor		a = { fx_admin.id, fx_admin.id };
	struct given		g;

	memset(&g, 0, sizeof g);
	g.v = v;
	g.n = n;
	opts_init(&o, "t.jsonl", next_given, &g);
	o.action = "import";
	o.existing = IMPORT_FAIL;
	memset(&st, 0, sizeof st);
	return store_import(fx_st, &a, &o, &st);
}

/* Annotations as text (record_ann) are stored as the same annotations
 * given as a tree (JSONL) are: several annotators, states, skipped, a
 * removed rejection, times, lead time, flags, a result the fast check
 * declines (spans out of order: parsed and checked the general way); and
 * each bad one is refused with the tree's message, nothing written. */
START_TEST(test_import_anns)
{
	static const char	 res1[] = "{\"entities\":[{\"start\":0,\"end\":3,"
				    "\"label\":\"PER\"}]}";
	static const char	 res2[] = "{\"entities\":[{\"start\":4,\"end\":8,"
				    "\"label\":\"LOC\"},{\"start\":0,\"end\":3,"
				    "\"label\":\"PER\"}]}";
	struct record_ann	 a1[2], a2[2];
	struct record		 r[2];
	static const struct {
		const char	*tree;		/* the annotation in JSONL */
		struct record_ann ann;		/* the same as text */
	} bad[] = {
		{ "{\"user\": \"bob\"}", { .user = "bob" } },
		{ "{\"state\": \"draft\"}", { .user = NULL } },
		{ "{\"user\": \"alice\", \"state\": \"nope\"}",
		    { .user = "alice", .state = "nope" } },
		{ "{\"user\": \"alice\", \"removed\": true}",
		    { .user = "alice", .removed = 1 } },
		{ "{\"user\": \"alice\", \"lead_time\": -1}",
		    { .user = "alice", .has_lead_time = 1, .lead_time = -1 } },
		{ "{\"user\": \"alice\", \"created_at\": \"yesterday\"}",
		    { .user = "alice", .created_at = "yesterday" } },
		{ "{\"user\": \"alice\", \"updated_at\": \"2026-02-30\"}",
		    { .user = "alice", .updated_at = "2026-02-30" } },
		{ "{\"user\": \"alice\", \"result\": {\"entities\": [{\"start\":"
		    " 0, \"end\": 3, \"label\": \"ORG\"}]}}", { .user = "alice",
		    .result = "{\"entities\":[{\"start\":0,\"end\":3,"
		    "\"label\":\"ORG\"}]}" } },
		{ "{\"user\": \"alice\", \"result\": {\"entities\": [{\"start\":"
		    " 0, \"end\": 30, \"label\": \"PER\"}]}}", { .user = "alice",
		    .result = "{\"entities\":[{\"start\":0,\"end\":30,"
		    "\"label\":\"PER\"}]}" } },
		{ "{\"user\": \"alice\", \"result\": {\"x\": 1}}",
		    { .user = "alice", .result = "{\"x\":1}" } },
	};
	char			 line[512], want[1024];
	size_t			 i;

	ck_assert_int_eq(import_text(
	    "{\"id\": \"t1\", \"text\": \"Ann Oslo\", \"annotations\": [{\"user\":"
	    " \"alice\", \"result\": {\"entities\": [{\"start\": 0, \"end\": 3,"
	    " \"label\": \"PER\"}]}, \"lead_time\": 2.5, \"created_at\":"
	    " \"2026-01-02T03:04:05Z\", \"updated_at\":"
	    " \"2026-01-02T03:04:05Z\"}, {\"user\": \"admin\", \"state\":"
	    " \"skipped\"}]}\n"
	    "{\"id\": \"t2\", \"text\": \"Ann Oslo\", \"annotations\": [{\"user\":"
	    " \"alice\", \"state\": \"accepted\", \"late\": true,"
	    " \"from_prediction\": true, \"result\": {\"entities\": [{\"start\":"
	    " 4, \"end\": 8, \"label\": \"LOC\"}, {\"start\": 0, \"end\": 3,"
	    " \"label\": \"PER\"}]}, \"created_at\": \"2026-01-02\","
	    " \"updated_at\": \"2026-01-02T04:04:05+01:00\"}, {\"user\":"
	    " \"admin\", \"state\": \"rejected\", \"removed\": true}]}\n",
	    IMPORT_FAIL, NULL), 0);
	memset(a1, 0, sizeof a1);
	memset(a2, 0, sizeof a2);
	memset(r, 0, sizeof r);
	a1[0].user = "alice";
	a1[0].result = res1;
	a1[0].result_len = strlen(res1);
	a1[0].has_lead_time = 1;
	a1[0].lead_time = 2.5;
	a1[0].created_at = a1[0].updated_at = "2026-01-02T03:04:05Z";
	a1[1].user = "admin";
	a1[1].state = "skipped";
	a2[0].user = "alice";
	a2[0].state = "accepted";
	a2[0].late = a2[0].from_prediction = 1;
	a2[0].result = res2;
	a2[0].result_len = strlen(res2);
	a2[0].created_at = "2026-01-02";
	a2[0].updated_at = "2026-01-02T04:04:05+01:00";
	a2[1].user = "admin";
	a2[1].state = "rejected";
	a2[1].removed = 1;
	for (i = 0; i < 2; i++) {
		r[i].line = i + 1;
		r[i].text = "Ann Oslo";
		r[i].text_len = 8;
		r[i].ext_id = i == 0 ? "x1" : "x2";
		r[i].anns = i == 0 ? a1 : a2;
		r[i].nanns = 2;
	}
	ck_assert_int_eq(import_anns(r, 2), 0);
	/* Each of t1's and t2's annotations has its twin in x1 and x2 (the
	 * times that were "now" aside). */
	ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation"), 8);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation a JOIN task"
	    " ta ON ta.id = a.task_id JOIN task tb ON tb.ext_id = 'x' ||"
	    " substr(ta.ext_id, 2) JOIN annotation b ON b.task_id = tb.id AND"
	    " b.user_id = a.user_id WHERE ta.ext_id LIKE 't%' AND a.state ="
	    " b.state AND a.result = b.result AND a.lead_time = b.lead_time"
	    " AND a.late = b.late AND a.from_prediction = b.from_prediction"
	    " AND a.removed = b.removed AND (a.created_at = b.created_at OR"
	    " a.created_at > '2026-06') AND (a.updated_at = b.updated_at OR"
	    " a.updated_at > '2026-06') AND (a.submitted_at IS b.submitted_at"
	    " OR a.submitted_at > '2026-06')"), 4);
	ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation WHERE"
	    " updated_at = '2026-01-02T03:04:05Z' AND state = 'accepted'"), 2);
	ck_assert_int_eq(fx_int("SELECT sum(submitted) FROM task"), 4);
	/* The bad ones: the tree's message, nothing written. */
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct record_ann	ann = bad[i].ann;

		snprintf(line, sizeof line, "{\"id\": \"b%zu\", \"text\":"
		    " \"Ann Oslo\", \"annotations\": [%s]}\n", i, bad[i].tree);
		last_error[0] = '\0';
		ck_assert_int_eq(import_text(line, IMPORT_FAIL, NULL), -1);
		snprintf(want, sizeof want, "%s", last_error);
		ck_assert_msg(want[0] != '\0', "%s", bad[i].tree);
		if (ann.result != NULL)
			ann.result_len = strlen(ann.result);
		memset(r, 0, sizeof r);
		r[0].line = 1;
		r[0].text = "Ann Oslo";
		r[0].text_len = 8;
		snprintf(line, sizeof line, "b%zu", i);
		r[0].ext_id = line;
		r[0].anns = &ann;
		r[0].nanns = 1;
		last_error[0] = '\0';
		ck_assert_int_eq(import_anns(r, 1), -1);
		ck_assert_str_eq(last_error, want);
		ck_assert_int_eq(fx_int("SELECT count(*) FROM annotation"), 8);
		ck_assert_int_eq(fx_int("SELECT count(*) FROM task"), 4);
	}
}
END_TEST

static Suite *
import_suite(void)
{
	Suite	*s = suite_create("import");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_import_counts);
	tcase_add_test(tc, test_import_counters);
	tcase_add_test(tc, test_import_dumps);
	tcase_add_test(tc, test_import_kinds);
	tcase_add_test(tc, test_import_rollback);
	tcase_add_test(tc, test_import_ids);
	tcase_add_test(tc, test_import_duplicates);
	tcase_add_test(tc, test_import_staged);
	tcase_add_test(tc, test_import_staged_reviews);
	tcase_add_test(tc, test_file_duplicates);
	tcase_add_test(tc, test_export_filters);
	tcase_add_test(tc, test_export_final);
	tcase_add_test(tc, test_import_batches);
	tcase_add_test(tc, test_import_anns);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(import_suite());
}
