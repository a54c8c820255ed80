/* Unit tests for src/util/sink.c: a stream the caller has, a file replaced
 * whole at commit (and left as it was by an abort, a failure or a signal's
 * cleanup, with no temporary left), and a folder of files. Each test works
 * in a fresh temporary folder. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fmode.h"
#include "util/sink.h"
#include "util/xmalloc.h"

#include "errors.h"
#include "runner.h"

static char	dir[64];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/scalec-sink.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	errors_keep();
}

/* Removes dir and what a test left in it. */
static void
teardown(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	errors_drop();
}

/* dir/name, in a static buffer. */
static const char *
at(const char *name)
{
	static char	path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* The names in folder path, sorted, joined by spaces, with '*' in place
 * of a temporary's random part; in a static buffer. */
static const char *
listing(const char *path)
{
	static char	 out[4096];
	struct dirent	**names;
	char		*tmp;
	int		 n, i;

	out[0] = '\0';
	n = scandir(path, &names, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	for (i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if ((tmp = strstr(names[i]->d_name, ".tmp-")) != NULL)
				strcpy(tmp + 5, "*");
			if (out[0] != '\0')
				strcat(out, " ");
			strcat(out, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	return out;
}

/* The contents of a file, in a static buffer; "(none)" when absent. */
static const char *
contents(const char *path)
{
	static char	 out[4096];
	FILE		*f = fopen(path, "r");
	size_t		 n;

	if (f == NULL)
		return "(none)";
	n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static void
put(const char *path, const char *s)
{
	FILE	*f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(s, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(test_stream)
{
	struct sink	*s;
	char		*mem = NULL;
	size_t		 len = 0;
	FILE		*f = open_memstream(&mem, &len);

	s = sink_open_stream(f, "mem");
	ck_assert_ptr_eq(sink_stream(s), f);
	ck_assert_str_eq(sink_name(s), "mem");
	ck_assert(!sink_is_dir(s));
	fputs("hello\n", sink_stream(s));
	ck_assert(!sink_error(s));
	/* A stream is not a folder. */
	ck_assert_ptr_null(sink_file(s, "x"));
	ck_assert_str_eq(last_error, "mem: one stream, not a folder of files");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(mem, "hello\n");	/* flushed, still open */
	fclose(f);
	free(mem);

	s = sink_open_stdout();
	ck_assert_ptr_eq(sink_stream(s), stdout);
	ck_assert_str_eq(sink_name(s), "stdout");
	sink_abort(s);
}
END_TEST

START_TEST(test_stream_fails)
{
	struct sink	*s;
	FILE		*f = fopen("/dev/full", "w");

	if (f == NULL)
		return;
	s = sink_open_stream(f, "full");
	fputs("more than nothing\n", sink_stream(s));
	ck_assert_int_eq(sink_commit(s), -1);
	ck_assert_str_eq(last_error, "full: writing failed: No space left on"
	    " device");
	fclose(f);
}
END_TEST

START_TEST(test_path_commit)
{
	struct sink	*s;

	put(at("out.txt"), "old\n");
	s = sink_open_path(at("out.txt"));
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(sink_name(s), at("out.txt"));
	fputs("new\n", sink_stream(s));
	/* Until the commit, the old file stands beside a temporary. */
	ck_assert_str_eq(listing(dir), "out.txt out.txt.tmp-*");
	ck_assert_str_eq(contents(at("out.txt")), "old\n");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(listing(dir), "out.txt");
	ck_assert_str_eq(contents(at("out.txt")), "new\n");
}
END_TEST

START_TEST(test_path_mode)
{
	struct sink	*s;
	struct stat	 sb;
	mode_t		 mask = umask(0);

	/* A new file is the person's alone, whatever the umask. */
	s = sink_open_path(at("m.txt"));
	ck_assert_int_eq(sink_commit(s), 0);
	umask(mask);
	ck_assert_int_eq(stat(at("m.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	/* The group's, for a group's database (util/fmode.h). */
	file_create_share(getgid());
	s = sink_open_path(at("g.txt"));
	ck_assert_int_eq(sink_commit(s), 0);
	file_create_share((gid_t)-1);
	ck_assert_int_eq(stat(at("g.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0660);
	ck_assert_uint_eq(sb.st_gid, getgid());
}
END_TEST

START_TEST(test_path_abort)
{
	struct sink	*s;

	put(at("keep.txt"), "old\n");
	s = sink_open_path(at("keep.txt"));
	fputs("half of it", sink_stream(s));
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "keep.txt");
	ck_assert_str_eq(contents(at("keep.txt")), "old\n");

	/* A new file that is aborted is never there. */
	s = sink_open_path(at("new.txt"));
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "keep.txt");
	sink_abort(NULL);
}
END_TEST

START_TEST(test_path_unwritable)
{
	char	*want;

	ck_assert_ptr_null(sink_open_path(at("no/such/x.txt")));
	want = xasprintf("%s: cannot write there: No such file or directory",
	    at("no/such/x.txt"));
	ck_assert_str_eq(last_error, want);
	free(want);
	ck_assert_str_eq(listing(dir), "");
}
END_TEST

START_TEST(test_signal_cleanup)
{
	struct sink	*a, *b;

	a = sink_open_path(at("a.txt"));
	b = sink_open_dir(at("folder"));
	fputs("x", sink_stream(a));
	fputs("y", sink_file(b, "one/y.txt"));
	ck_assert_str_eq(listing(dir), "a.txt.tmp-* folder");
	/* What a signal handler calls: every temporary and made folder goes. */
	sink_remove_temporaries();
	ck_assert_str_eq(listing(dir), "");
	sink_abort(a);
	sink_abort(b);
	ck_assert_str_eq(listing(dir), "");
}
END_TEST

START_TEST(test_dir)
{
	struct sink	*s;
	FILE		*f;

	s = sink_open_dir(at("out"));
	ck_assert_ptr_nonnull(s);
	ck_assert(sink_is_dir(s));
	ck_assert_ptr_null(sink_stream(s));
	f = sink_file(s, "a.txt");
	ck_assert_ptr_nonnull(f);
	fputs("A\n", f);
	f = sink_file(s, "labels/deep/b.txt");
	ck_assert_ptr_nonnull(f);
	fputs("B\n", f);
	ck_assert(!sink_error(s));
	ck_assert_str_eq(listing(at("out")), "a.txt.tmp-* labels");
	ck_assert_str_eq(listing(at("out/labels/deep")), "b.txt.tmp-*");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(listing(at("out")), "a.txt labels");
	ck_assert_str_eq(contents(at("out/a.txt")), "A\n");
	ck_assert_str_eq(contents(at("out/labels/deep/b.txt")), "B\n");

	/* Into the folder that is there now: a file replaced at commit. */
	s = sink_open_dir(at("out"));
	fputs("A2\n", sink_file(s, "a.txt"));
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(contents(at("out/a.txt")), "A2\n");
	ck_assert_str_eq(listing(at("out")), "a.txt labels");
}
END_TEST

START_TEST(test_dir_abort)
{
	struct sink	*s;

	/* The folders the sink made go; one that was there stays. */
	s = sink_open_dir(at("made"));
	fputs("x", sink_file(s, "a/b/c.txt"));
	fputs("y", sink_file(s, "d.txt"));
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "");

	ck_assert_int_eq(mkdir(at("there"), 0777), 0);
	put(at("there/old.txt"), "old");
	s = sink_open_dir(at("there"));
	fputs("x", sink_file(s, "old.txt"));
	fputs("y", sink_file(s, "sub/new.txt"));
	sink_abort(s);
	ck_assert_str_eq(listing(at("there")), "old.txt");
	ck_assert_str_eq(contents(at("there/old.txt")), "old");
}
END_TEST

START_TEST(test_dir_names)
{
	static const char *const bad[] = { "", "/etc/passwd", "../x", "a/../b",
	    "a//b", "a/./b", "a/", ".", ".." };
	struct sink	*s;
	char		*want;
	size_t		 i;

	put(at("file"), "");
	ck_assert_ptr_null(sink_open_dir(at("file")));
	want = xasprintf("%s: is there and is not a folder", at("file"));
	ck_assert_str_eq(last_error, want);
	free(want);
	s = sink_open_dir(at("d"));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		last_error[0] = '\0';
		ck_assert_ptr_null(sink_file(s, bad[i]));
		ck_assert_ptr_nonnull(strstr(last_error, "is not a file name"
		    " inside the folder"));
	}
	ck_assert_ptr_nonnull(sink_file(s, "..ok/.hidden"));
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(listing(at("d")), "..ok");
}
END_TEST

static Suite *
sink_suite(void)
{
	Suite	*s = suite_create("sink");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_stream);
	tcase_add_test(tc, test_stream_fails);
	tcase_add_test(tc, test_path_commit);
	tcase_add_test(tc, test_path_mode);
	tcase_add_test(tc, test_path_abort);
	tcase_add_test(tc, test_path_unwritable);
	tcase_add_test(tc, test_signal_cleanup);
	tcase_add_test(tc, test_dir);
	tcase_add_test(tc, test_dir_abort);
	tcase_add_test(tc, test_dir_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(sink_suite());
}
