/* Unit tests for src/store core: pragmas, schema versions, transactions,
 * users, backup. */
#include <check.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"

START_TEST(test_created_schema)
{
	ck_assert_int_eq(store_schema_version(fx_st), store_schema_latest());
	ck_assert_int_eq(fx_int_at(fx_path, "PRAGMA user_version"),
	    store_schema_latest());
	ck_assert_int_eq(fx_int_at(fx_path, "SELECT count(*) FROM user"), 1);
}
END_TEST

START_TEST(test_wal_mode)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;

	ck_assert_int_eq(sqlite3_open(fx_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1,
	    &stmt, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	struct store	*st;

	store_close(fx_st);
	fx_st = NULL;
	fx_exec_at(fx_path, "PRAGMA user_version = 999");
	st = store_open(fx_path, 0);
	ck_assert_ptr_null(st);
	/* and nothing was changed */
	ck_assert_int_eq(fx_int_at(fx_path, "PRAGMA user_version"), 999);
}
END_TEST

/* The migrations are numbered 1, 2, ... N in their order, each one whole
 * SQL; a duplicated or skipped number (two branches that each added one)
 * fails here. */
START_TEST(test_migrations_numbered)
{
	size_t	i, n = schema_migration_count();

	ck_assert_uint_ge(n, 1);
	ck_assert_int_eq(store_schema_latest(), (int)n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(schema_migration_version(i) == (int)i + 1,
		    "migration %zu in the list is numbered %d", i + 1,
		    schema_migration_version(i));
		ck_assert_ptr_nonnull(schema_migration(i));
		ck_assert(sqlite3_complete(schema_migration(i)));
	}
	ck_assert_ptr_null(schema_migration(n));
	ck_assert_int_eq(schema_migration_version(n), -1);
}
END_TEST

/* 32-bit FNV-1a: enough to notice an edit, not a security measure. */
static unsigned long
text_hash(const char *s)
{
	unsigned long	h = 2166136261UL;

	for (; *s != '\0'; s++)
		h = ((h ^ (unsigned char)*s) * 16777619UL) & 0xffffffffUL;
	return h;
}

/* A migration that has shipped is never edited (databases at its version
 * already ran it). Each one's hash is pinned here in the commit that adds
 * it; a new migration fails this test until its line is added, which
 * prints the hash to add. */
START_TEST(test_shipped_migrations_unchanged)
{
	static const unsigned long	pinned[] = {
		0xfdeaa167UL,	/* 1 */
		0x651b0c2bUL,	/* 2: task.content_hash */
		0x98dd91c7UL,	/* 3: annotation_skipped */
		0xa511893aUL,	/* 4: the application id */
		0x34781205UL,	/* 5: notification (issue 9 says 7) */
		0x6afe5de7UL,	/* 6: review, final answers, fixed */
		0xd9f15f64UL,	/* 7: import batches */
		0x9428afd5UL,	/* 8: on_reject remove, done-ness */
		0x1c0d8b84UL,	/* 9: gold tasks, scores, the pause */
		0x2bbebfdfUL,	/* 10: task.tokens */
		0x741037afUL,	/* 11: task_update, with the tokens an update brings */
		0x06cc23a6UL,	/* 12: task.wanted, task_wanting, the extra cursor */
		0x1d42e428UL,	/* 13: the count triggers' states as OR terms */
		0x101a540dUL,	/* 14: annotation_force, the answers in force */
		0xf2f8d146UL,	/* 15: annotation_force's states as OR terms */
		0xeaa42404UL,	/* 16: annotator_count_update's states as OR terms */
	};
	size_t				i, n = schema_migration_count();

	for (i = 0; i < n; i++) {
		ck_assert_msg(i < sizeof pinned / sizeof pinned[0],
		    "migration %zu is not pinned: add 0x%08lxUL to pinned[]",
		    i + 1, text_hash(schema_migration(i)));
		ck_assert_msg(text_hash(schema_migration(i)) == pinned[i],
		    "migration %zu was edited (hash 0x%08lx, pinned 0x%08lx):"
		    " shipped migrations never change; add migration %zu",
		    i + 1, text_hash(schema_migration(i)), pinned[i], n + 1);
	}
}
END_TEST

/* The last message error() reported, for tests that tell refusals apart. */
static char	last_error[512];

static void
keep_error(int is_warning, const char *msg)
{
	(void)is_warning;
	snprintf(last_error, sizeof last_error, "%s", msg);
}

/* Opening path must fail with a message that holds want. */
static void
refused_with(const char *path, const char *want)
{
	last_error[0] = '\0';
	error_set_handler(keep_error);
	ck_assert_ptr_null(store_open(path, 0));
	error_set_handler(NULL);
	ck_assert_msg(strstr(last_error, want) != NULL,
	    "opening %s: \"%s\" does not say \"%s\"", path, last_error, want);
}

START_TEST(test_not_a_database)
{
	char	*other = xasprintf("%s/other.db", fx_dir);
	char	*junk = xasprintf("%s/junk.db", fx_dir);
	FILE	*f;

	/* An SQLite database that is not scalec's. */
	fx_exec_at(other, "CREATE TABLE other (x)");
	refused_with(other, "not a scalec database (an SQLite database"
	    " without scalec's application_id or tables)");
	/* A file that is not a database at all. */
	ck_assert_ptr_nonnull(f = fopen(junk, "w"));
	fputs("this is not SQLite\n", f);
	fclose(f);
	refused_with(junk, "not a scalec database (the file is not an SQLite"
	    " database)");
	/* No file: told how to make one, and nothing is made. */
	refused_with("/nonexistent/dir/x.db", "no database at"
	    " /nonexistent/dir/x.db: run 'scalec init'");
	free(other);
	free(junk);
}
END_TEST

/* The bytes of path and whether anything lies beside it (-wal, -shm,
 * -journal), as one string to compare before and after. */
static char *
file_state(const char *path)
{
	static const char *const beside[] = { "-wal", "-shm", "-journal" };
	struct buf	 b = BUF_INIT;
	char		 chunk[4096], *p;
	size_t		 i, n;
	FILE		*f;

	if ((f = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
	}
	for (i = 0; i < ARRAY_SIZE(beside); i++) {
		p = xasprintf("%s%s", path, beside[i]);
		buf_printf(&b, "|%s:%d", beside[i], access(p, F_OK) == 0);
		free(p);
	}
	return buf_detach(&b);
}

/* Refused with want, and the file and what is beside it as they were. */
static void
refused_unchanged(const char *path, const char *want)
{
	char	*before = file_state(path), *after;
	size_t	 n = strlen(before);

	refused_with(path, want);
	after = file_state(path);
	ck_assert_msg(strlen(after) == n && memcmp(before, after, n) == 0,
	    "%s changed", path);
	free(before);
	free(after);
}

START_TEST(test_foreign_files_unchanged)
{
	char	*other = xasprintf("%s/other.db", fx_dir);
	char	*walapp = xasprintf("%s/walapp.db", fx_dir);
	char	*tagged = xasprintf("%s/tagged.db", fx_dir);
	char	*empty = xasprintf("%s/empty", fx_dir);
	FILE	*f;

	/* Another program's databases: rollback and WAL mode, and one with
	 * scalec's tables but another application id. */
	fx_exec_at(other, "CREATE TABLE t (x); PRAGMA user_version = 1");
	refused_unchanged(other, "not a scalec database");
	fx_exec_at(walapp, "PRAGMA journal_mode = WAL; CREATE TABLE t (x)");
	refused_unchanged(walapp, "not a scalec database");
	fx_exec_at(tagged, "PRAGMA application_id = 42");
	refused_unchanged(tagged, "another program's SQLite database:"
	    " application_id 0x0000002a");
	ck_assert_ptr_nonnull(f = fopen(empty, "w"));
	fclose(f);
	refused_unchanged(empty, "an empty file");
	refused_unchanged("/dev/null", "a character device");
	refused_unchanged(fx_dir, "a directory");
	free(other);
	free(walapp);
	free(tagged);
	free(empty);
}
END_TEST

/* A database from before the application id: known by its tables, it is
 * migrated and gets the id. One at the id's version without it is not
 * scalec's. */
START_TEST(test_before_application_id)
{
	char	*old = xasprintf("%s/old.db", fx_dir);

	store_close(fx_st);
	fx_st = NULL;
	ck_assert_int_eq(fx_int_at(fx_path, "PRAGMA application_id"),
	    (int64_t)SCALEC_APPLICATION_ID);
	fx_exec_at(old, schema_migration(0));
	fx_exec_at(old, "PRAGMA user_version = 1");
	ck_assert_ptr_nonnull(fx_st = store_open(old, 0));
	ck_assert_int_eq(fx_int_at(old, "PRAGMA application_id"),
	    (int64_t)SCALEC_APPLICATION_ID);
	store_close(fx_st);
	fx_st = NULL;
	fx_exec_at(old, "PRAGMA application_id = 0");
	refused_unchanged(old, "without scalec's application_id");
	/* A newer schema is refused before WAL or anything else. */
	fx_exec_at(old, "PRAGMA application_id = 1396916556;"
	    " PRAGMA user_version = 999");
	refused_unchanged(old, "newer than this scalec knows");
	free(old);
}
END_TEST

START_TEST(test_rollback_leaves_nothing)
{
	struct user	u = USER_INIT;

	ck_assert_int_eq(store_begin(fx_st), 0);
	u.name = xstrdup("bob");
	u.role = ROLE_ANNOTATOR;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	store_rollback(fx_st);
	ck_assert_int_eq(fx_int_at(fx_path,
	    "SELECT count(*) FROM user WHERE name = 'bob'"), 0);
	user_release(&u);
}
END_TEST

START_TEST(test_user_roundtrip)
{
	struct user	u = USER_INIT, got = USER_INIT;

	u.name = xstrdup("alice");
	u.display_name = xstrdup("Alice A.");
	u.email = xstrdup("alice@example.org");
	u.role = ROLE_REVIEWER;
	ck_assert_int_eq(store_user_add(fx_st, &u), 0);
	ck_assert_int_gt(u.id, 0);
	ck_assert_int_eq(store_user_get(fx_st, "alice", &got), 1);
	ck_assert_str_eq(got.display_name, "Alice A.");
	ck_assert_int_eq(got.role, ROLE_REVIEWER);
	ck_assert_int_eq(store_user_count(fx_st), 2);
	ck_assert_int_eq(store_user_remove(fx_st, u.id), 0);
	ck_assert_int_eq(store_user_count(fx_st), 1);
	/* removed, but still there for their annotations */
	ck_assert_int_eq(store_user_get(fx_st, "alice", &got), 1);
	ck_assert(got.removed);
	ck_assert_int_eq(store_user_get(fx_st, "nobody", &got), 0);
	user_release(&u);
	user_release(&got);
}
END_TEST

START_TEST(test_backup_consistent)
{
	char	*dst = xasprintf("%s/copy.db", fx_dir);

	ck_assert_int_eq(store_backup(fx_st, dst), 0);
	ck_assert_int_eq(fx_int_at(dst, "SELECT count(*) FROM user"), 1);
	ck_assert_int_eq(fx_int_at(dst, "PRAGMA user_version"),
	    store_schema_latest());
	/* an existing file is never overwritten */
	ck_assert_int_eq(store_backup(fx_st, dst), -1);
	free(dst);
}
END_TEST

/* The migration that adds task.content_hash fills it for the rows before
 * it without an id, with the same hash import writes (util/hash.h), so
 * that a file or a text added before the upgrade is found again; an
 * image's bytes are not in the database, so its row keeps NULL, as does a
 * task with an id (known by its id). */
START_TEST(test_hash_migration_fills_rows)
{
	char		*old = xasprintf("%s/old.db", fx_dir), *v;
	const char	*text = "Caf\xc3\xa9 au lait.";
	struct store	*st;
	sqlite3		*db;
	size_t		 i, at = 0, n = schema_migration_count();

	for (i = 0; i < n; i++)
		if (strstr(schema_migration(i), "content_hash INTEGER") != NULL)
			at = i;
	ck_assert_uint_gt(at, 0);
	/* A database at the version before it, with a text and an image. */
	ck_assert_int_eq(sqlite3_open(old, &db), SQLITE_OK);
	for (i = 0; i < at; i++)
		ck_assert_int_eq(sqlite3_exec(db, schema_migration(i), NULL,
		    NULL, NULL), SQLITE_OK);
	v = xasprintf("PRAGMA user_version = %zu;"
	    "INSERT INTO project (name, type, config, created_at, updated_at)"
	    " VALUES ('p', 'custom', '', 'x', 'x');"
	    "INSERT INTO task (project_id, kind, text, created_at)"
	    " VALUES (1, 'text', '%s', 'x');"
	    "INSERT INTO task (project_id, kind, image, created_at)"
	    " VALUES (1, 'image', '/a.png', 'x');"
	    "INSERT INTO task (project_id, ext_id, kind, text, created_at)"
	    " VALUES (1, 'e1', 'text', 'with an id', 'x');", at, text);
	ck_assert_int_eq(sqlite3_exec(db, v, NULL, NULL, NULL), SQLITE_OK);
	free(v);
	sqlite3_close(db);

	st = store_open(old, 0);
	ck_assert_ptr_nonnull(st);
	store_close(st);
	ck_assert_int_eq(fx_int_at(old, "SELECT content_hash FROM task WHERE"
	    " kind = 'text'"), content_hash(text, strlen(text)));
	ck_assert_int_eq(fx_int_at(old, "SELECT count(*) FROM task WHERE"
	    " kind = 'image' AND content_hash IS NULL"), 1);
	ck_assert_int_eq(fx_int_at(old, "SELECT count(*) FROM task WHERE"
	    " ext_id = 'e1' AND content_hash IS NULL"), 1);	/* known by it */
	ck_assert_int_eq(fx_int_at(old, "SELECT count(*) FROM"
	    " pragma_index_list('task') WHERE name = 'task_hash'"), 1);
	free(old);
}
END_TEST

static void
null_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

/* Migration 14 (made again by 15) indexes the answers in force of the annotations before
 * it: submitted, accepted and fixed ones not removed, with their results,
 * and nothing else (drafts, skips, rejected and removed ones stay out);
 * the quality reader's statement, its WHERE terms the index's, reads
 * them from it. */
START_TEST(test_force_migration_indexes_rows)
{
	char		*old = xasprintf("%s/old.db", fx_dir), *v;
	sqlite3		*db;
	struct store	*st;
	size_t		 i, at = 0, n = schema_migration_count();
	const char	*force = "SELECT group_concat(user_id || ':' || result,"
			    " ' ') FROM annotation INDEXED BY annotation_force"
			    " WHERE task_id BETWEEN 1 AND 1"
			    " AND (state = 'submitted' OR state = 'accepted'"
			    " OR state = 'fixed')"
			    " AND removed = 0 ORDER BY task_id, user_id";

	/* The first that makes it (14): the rows go in before it, and
	 * every migration from it on (15 makes it again) keeps them. */
	for (i = n; i-- > 0; )
		if (strstr(schema_migration(i), "annotation_force") != NULL)
			at = i;
	ck_assert_uint_gt(at, 0);
	ck_assert_int_eq(sqlite3_open(old, &db), SQLITE_OK);
	/* Migration 2 calls the store's scalec_hash (on no rows here). */
	sqlite3_create_function(db, "scalec_hash", 1, SQLITE_UTF8, NULL,
	    null_hash, NULL, NULL);
	for (i = 0; i < at; i++)
		ck_assert_msg(sqlite3_exec(db, schema_migration(i), NULL,
		    NULL, NULL) == SQLITE_OK, "migration %zu: %s", i + 1,
		    sqlite3_errmsg(db));
	v = xasprintf("PRAGMA user_version = %zu;"
	    "INSERT INTO project (name, type, config, created_at, updated_at)"
	    " VALUES ('p', 'custom', '', 'x', 'x');"
	    "INSERT INTO task (project_id, kind, text, created_at)"
	    " VALUES (1, 'text', 'a', 'x');", at);
	ck_assert_int_eq(sqlite3_exec(db, v, NULL, NULL, NULL), SQLITE_OK);
	free(v);
	for (i = 1; i <= 7; i++) {
		static const char *const state[] = { "submitted", "draft",
		    "skipped", "accepted", "rejected", "fixed", "submitted" };

		v = xasprintf("INSERT INTO user (name, role, created_at,"
		    " updated_at) VALUES ('u%zu', 'annotator', 'x', 'x');"
		    "INSERT INTO annotation (task_id, user_id, state, result,"
		    " created_at, updated_at, removed) VALUES (1, %zu, '%s',"
		    " '{\"n\":%zu}', 'x', 'x', %d);", i, i, state[i - 1], i,
		    i == 7);
		ck_assert_int_eq(sqlite3_exec(db, v, NULL, NULL, NULL),
		    SQLITE_OK);
		free(v);
	}
	sqlite3_close(db);

	st = store_open(old, 0);
	ck_assert_ptr_nonnull(st);
	store_close(st);
	ck_assert_int_eq(fx_int_at(old, "SELECT count(*) FROM"
	    " pragma_index_list('annotation')"
	    " WHERE name = 'annotation_force' AND partial = 1"), 1);
	ck_assert_int_eq(sqlite3_open(old, &db), SQLITE_OK);
	{
		sqlite3_stmt	*stmt;

		ck_assert_int_eq(sqlite3_prepare_v2(db, force, -1, &stmt,
		    NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
		ck_assert_str_eq((const char *)sqlite3_column_text(stmt, 0),
		    "1:{\"n\":1} 4:{\"n\":4} 6:{\"n\":6}");
		sqlite3_finalize(stmt);
	}
	sqlite3_close(db);
	free(old);
}
END_TEST

/* The count of opcode op in the program of sql on path's database, with
 * the CHECK constraints off as an import's bulk_mode has them; the
 * statement's own program, not its triggers' (listed after it, their
 * addresses from 0 again). */
static int
opcodes_in(const char *path, const char *sql, const char *op)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	char		*explain = xasprintf("EXPLAIN %s", sql);
	int		 n = 0, seen = 0;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA ignore_check_constraints"
	    " = 1", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW && (sqlite3_column_int(stmt,
	    0) > 0 || !seen)) {
		seen = 1;
		n += strcmp((const char *)sqlite3_column_text(stmt, 1),
		    op) == 0;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(explain);
	return n;
}

/* Migration 15: writing an annotation builds no transient table for a
 * partial index's WHERE (a list of states in one was built again for
 * every row an INSERT or UPDATE wrote: once an INSERT, twice an UPDATE,
 * the old row's and the new), and the answers in force are
 * still read from annotation_force alone (no column of the table). */
START_TEST(test_annotation_write_builds_no_table)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	int		 table_columns = 0;

	ck_assert_int_eq(opcodes_in(fx_path, "INSERT INTO annotation"
	    " (task_id, user_id, state, result, lead_time, created_at,"
	    " updated_at, late, from_prediction, acted_by, removed,"
	    " submitted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	    "OpenEphemeral"), 0);
	ck_assert_int_eq(opcodes_in(fx_path, "UPDATE annotation"
	    " SET state = ?1, result = ?2 WHERE id = ?3", "OpenEphemeral"), 0);
	/* The quality reader's statement: cursor 0 is the table, which
	 * it opens but never reads a column of. */
	ck_assert_int_eq(sqlite3_open(fx_path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "EXPLAIN SELECT task_id,"
	    " user_id, result FROM annotation INDEXED BY annotation_force"
	    " WHERE task_id BETWEEN ?1 AND ?2"
	    " AND (state = 'submitted' OR state = 'accepted'"
	    " OR state = 'fixed') AND removed = 0"
	    " ORDER BY task_id, user_id", -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		table_columns += strcmp((const char *)sqlite3_column_text(stmt,
		    1), "Column") == 0 && sqlite3_column_int(stmt, 2) == 0;
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	ck_assert_int_eq(table_columns, 0);
}
END_TEST

/* The count of opcode op in the program of trigger (by name) that sql
 * on path's database runs, or -1 when sql runs no such trigger. */
static int
trigger_opcodes_in(const char *path, const char *sql, const char *trigger,
    const char *op)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	char		*explain = xasprintf("EXPLAIN %s", sql);
	char		*head = xasprintf("-- TRIGGER %s", trigger);
	const char	*p4;
	int		 n = -1, in = 0;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, explain, -1, &stmt, NULL),
	    SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_int(stmt, 0) == 0) {
			p4 = (const char *)sqlite3_column_text(stmt, 5);
			in = p4 != NULL && strcmp(p4, head) == 0;
			if (in)
				n = 0;
		}
		if (in)
			n += strcmp((const char *)sqlite3_column_text(stmt, 1),
			    op) == 0;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(head);
	free(explain);
	return n;
}

/* Migration 16: changing an annotation's state builds no transient
 * table in annotator_count_update (its four lists of states were built
 * again at every firing), and the trigger still counts as it did. */
START_TEST(test_count_update_builds_no_table)
{
	static const struct {
		const char	*sql;
		int		 submitted;
	} step[] = {
		{ "UPDATE annotation SET state = 'submitted' WHERE id = 1", 1 },
		{ "UPDATE annotation SET state = 'accepted' WHERE id = 1", 1 },
		{ "UPDATE annotation SET state = 'fixed' WHERE id = 2", 2 },
		{ "UPDATE annotation SET state = 'rejected' WHERE id = 1", 2 },
		{ "UPDATE annotation SET removed = 1 WHERE id = 1", 1 },
		{ "UPDATE annotation SET removed = 0 WHERE id = 1", 2 },
		{ "UPDATE annotation SET state = 'skipped' WHERE id = 2", 1 },
		{ "UPDATE annotation SET state = 'draft' WHERE id = 1", 0 },
	};
	size_t	i;

	ck_assert_int_eq(trigger_opcodes_in(fx_path, "UPDATE annotation"
	    " SET state = ?1, result = ?2 WHERE id = ?3",
	    "annotator_count_update", "OpenEphemeral"), 0);
	ck_assert_int_eq(trigger_opcodes_in(fx_path, "UPDATE annotation"
	    " SET removed = 1 WHERE id = ?1", "annotator_count_update",
	    "OpenEphemeral"), 0);

	/* User 2 (the fixture's admin is 1), two tasks. */
	fx_exec("INSERT INTO user (name, role, created_at, updated_at)"
	    " VALUES ('u', 'annotator', 'x', 'x');"
	    "INSERT INTO project (name, type, config, created_at, updated_at)"
	    " VALUES ('p', 'custom', '', 'x', 'x');"
	    "INSERT INTO task (project_id, kind, text, created_at)"
	    " VALUES (1, 'text', 'a', 'x'), (1, 'text', 'b', 'x');"
	    "INSERT INTO annotation (task_id, user_id, state, created_at,"
	    " updated_at) VALUES (1, 2, 'draft', 'x', 'x'),"
	    " (2, 2, 'draft', 'x', 'x');");
	for (i = 0; i < sizeof step / sizeof step[0]; i++) {
		fx_exec(step[i].sql);
		ck_assert_msg(fx_int("SELECT submitted FROM annotator"
		    " WHERE project_id = 1 AND user_id = 2") ==
		    step[i].submitted, "after %s", step[i].sql);
	}
}
END_TEST

static Suite *
store_suite(void)
{
	Suite	*s = suite_create("store");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_add_test(tc, test_created_schema);
	tcase_add_test(tc, test_wal_mode);
	tcase_add_test(tc, test_newer_schema_refused);
	tcase_add_test(tc, test_migrations_numbered);
	tcase_add_test(tc, test_shipped_migrations_unchanged);
	tcase_add_test(tc, test_not_a_database);
	tcase_add_test(tc, test_foreign_files_unchanged);
	tcase_add_test(tc, test_before_application_id);
	tcase_add_test(tc, test_rollback_leaves_nothing);
	tcase_add_test(tc, test_user_roundtrip);
	tcase_add_test(tc, test_backup_consistent);
	tcase_add_test(tc, test_hash_migration_fills_rows);
	tcase_add_test(tc, test_force_migration_indexes_rows);
	tcase_add_test(tc, test_annotation_write_builds_no_table);
	tcase_add_test(tc, test_count_update_builds_no_table);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(store_suite());
}
