/* A fresh temporary database file per test (not an in-memory one: WAL and
 * locking need a file). Include once per test program. */
#ifndef SCALEC_TEST_FIXTURE_H
#define SCALEC_TEST_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
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

/* Runs a suite and returns the exit status for main. */
static int
fx_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}

#endif
