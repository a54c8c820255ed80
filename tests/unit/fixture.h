/* A fresh temporary database file per test (not an in-memory one: WAL and
 * locking need a file). Include once per test program. */
#ifndef SCALEC_TEST_FIXTURE_H
#define SCALEC_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "runner.h"
#include "store/assign.h"
#include "store/internal.h"
#include "store/project.h"
#include "store/rows.h"
#include "store/store.h"
#include "store/task.h"
#include "store/user.h"
#include "util/xmalloc.h"

static char		 fx_dir[64];
static char		*fx_path;
static struct store	*fx_st;
static struct user	 fx_admin = USER_INIT;

static void
fx_remove_files(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", fx_dir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fx_dir);
	free(cmd);
}

/* Creates the directory and the database with one admin, "admin". */
static void
fx_setup(void)
{
	snprintf(fx_dir, sizeof fx_dir, "/tmp/scalec-test.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(fx_dir));
	fx_path = xasprintf("%s/test.db", fx_dir);
	fx_st = store_open(fx_path, STORE_CREATE);
	ck_assert_ptr_nonnull(fx_st);
	fx_admin.name = xstrdup("admin");
	fx_admin.role = ROLE_ADMIN;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_user_add(fx_st, &fx_admin), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
}

static void
fx_teardown(void)
{
	store_close(fx_st);
	fx_st = NULL;
	user_release(&fx_admin);
	fx_remove_files();
	free(fx_path);
	fx_path = NULL;
}

/* Writes with a second connection, as another process would (foreign keys
 * on, a busy timeout); the test fails when sql fails. */
static void __attribute__((unused))
fx_exec_at(const char *path, const char *sql)
{
	sqlite3	*db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_int_eq(sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

static void __attribute__((unused))
fx_exec(const char *sql)
{
	fx_exec_at(fx_path, sql);
}

/* One integer read with a second connection; -1 when there is no row. */
static int64_t __attribute__((unused))
fx_int_at(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*stmt;
	int64_t		 v = -1;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) ==
	    SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

static int64_t __attribute__((unused))
fx_int(const char *sql)
{
	return fx_int_at(fx_path, sql);
}

/* The id of user's next task in the project, 0 when none is left. */
static int64_t __attribute__((unused))
fx_next(int64_t project, int64_t user)
{
	struct task	t = TASK_INIT;
	int		rc;
	int64_t		id;

	rc = store_next_task(fx_st, project, user, 0, &t);
	ck_assert_int_ge(rc, 0);
	id = rc == 1 ? t.id : 0;
	if (rc == 1)
		ck_assert_int_eq(t.project_id, project);
	task_release(&t);
	return id;
}

/* A text-classification project with no controls; its id. */
static int64_t __attribute__((unused))
fx_add_project(const char *name, int overlap)
{
	struct project	p = PROJECT_INIT;
	int64_t		id;

	p.name = xstrdup(name);
	p.type = xstrdup("text-classification");
	p.config = xstrdup("controls: []\n");
	p.overlap = overlap;
	ck_assert_int_eq(store_begin(fx_st), 0);
	ck_assert_int_eq(store_project_add(fx_st, &p), 0);
	ck_assert_int_eq(store_commit(fx_st), 0);
	id = p.id;
	project_release(&p);
	return id;
}

#endif
