/* Unit tests for util/fmode: the mode and group every file scalec creates
 * gets, from the database it comes from. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fmode.h"
#include "util/xmalloc.h"

#include "runner.h"

static char	dir[64];

static char *
made(const char *name, mode_t mode)
{
	char	*p = xasprintf("%s/%s", dir, name);
	int	 fd;

	ck_assert_int_ne(fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600), -1);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
	return p;
}

/* The mode of a file made with file_create_fix under umask 0. */
static mode_t
fixed_mode(const char *name)
{
	char		*p = xasprintf("%s/%s", dir, name);
	struct stat	 sb;
	mode_t		 mask = umask(0);
	int		 fd;

	ck_assert_int_ne(fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0666), -1);
	ck_assert_int_eq(file_create_fix(fd, p), 0);
	close(fd);
	umask(mask);
	ck_assert_int_eq(stat(p, &sb), 0);
	free(p);
	return sb.st_mode & 07777;
}

START_TEST(test_modes)
{
	char	*own, *grp, *world, *gworld;

	snprintf(dir, sizeof dir, "/tmp/scalec-fmode.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	own = made("own.db", 0600);
	grp = made("grp.db", 0660);
	world = made("world.db", 0644);
	gworld = made("gworld.db", 0664);

	/* Nobody's database: 0600, whatever the umask. */
	ck_assert_uint_eq(file_create_mode(), 0600);
	ck_assert_uint_eq(fixed_mode("a"), 0600);
	file_create_like(own);
	ck_assert_uint_eq(file_create_mode(), 0600);
	/* A group's database (0660): its files are the group's. */
	file_create_like(grp);
	ck_assert_uint_eq(file_create_mode(), 0660);
	ck_assert_uint_eq(fixed_mode("b"), 0660);
	/* Readable by others, or no such file: not a group's. */
	file_create_like(world);
	ck_assert_uint_eq(file_create_mode(), 0600);
	file_create_like(grp);
	file_create_like(gworld);
	ck_assert_uint_eq(file_create_mode(), 0600);
	file_create_like(grp);
	file_create_like("/nonexistent/x.db");
	ck_assert_uint_eq(file_create_mode(), 0600);
	/* A group the process cannot give a file to: the file stays 0600. */
	if (getuid() != 0) {
		file_create_share(0);
		ck_assert_uint_eq(fixed_mode("c"), 0600);
	}
	file_create_share((gid_t)-1);
	free(own);
	free(grp);
	free(world);
	free(gworld);
	own = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(own), 0);
	free(own);
}
END_TEST

static Suite *
fmode_suite(void)
{
	Suite	*s = suite_create("fmode");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_modes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(fmode_suite());
}
