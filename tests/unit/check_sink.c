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
#include <sys/wait.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fmode.h"
#include "util/outfile.h"
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
	s = sink_open_path(at("out.txt"), 0);
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
	mode_t		 mask = umask(022);

	/* A new file is 0600 whatever the umask lets through. */
	s = sink_open_path(at("m.txt"), 0);
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_int_eq(stat(at("m.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	/* The umask can take more away. */
	umask(0277);
	s = sink_open_path(at("r.txt"), 0);
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_int_eq(stat(at("r.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0400);
	umask(mask);
	ck_assert_uint_eq(outfile_mode(), 0600 & ~mask);
	/* The group's, for a group's database (util/fmode.h). */
	umask(0);
	file_create_share(getgid());
	s = sink_open_path(at("g.txt"), 0);
	ck_assert_int_eq(sink_commit(s), 0);
	file_create_share((gid_t)-1);
	umask(mask);
	ck_assert_int_eq(stat(at("g.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0660);
	ck_assert_uint_eq(sb.st_gid, getgid());
}
END_TEST

/* An existing file keeps its permission bits, whatever they are. */
START_TEST(test_path_keeps_mode)
{
	static const mode_t	 modes[] = { 0600, 0644, 0640, 0604, 0400 };
	struct sink		*s;
	struct stat		 sb;
	size_t			 i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		put(at("k.txt"), "old\n");
		ck_assert_int_eq(chmod(at("k.txt"), modes[i]), 0);
		s = sink_open_path(at("k.txt"), 0);
		ck_assert_ptr_nonnull(s);
		fputs("new\n", sink_stream(s));
		ck_assert_int_eq(sink_commit(s), 0);
		ck_assert_int_eq(lstat(at("k.txt"), &sb), 0);
		ck_assert(S_ISREG(sb.st_mode));
		ck_assert_uint_eq(sb.st_mode & 0777, modes[i]);
		ck_assert_str_eq(contents(at("k.txt")), "new\n");
		unlink(at("k.txt"));
	}
}
END_TEST

/* A symbolic link is refused and stays as it was, its target too; with
 * SINK_FOLLOW_SYMLINKS the file it names is replaced and the link
 * stays a link. A dangling link is refused either way. */
START_TEST(test_path_symlink)
{
	struct sink	*s;
	struct stat	 sb;
	char		 target[4096], *want;
	ssize_t		 n;

	put(at("real.txt"), "real\n");
	ck_assert_int_eq(chmod(at("real.txt"), 0640), 0);
	ck_assert_int_eq(symlink("real.txt", at("link.txt")), 0);
	ck_assert_ptr_null(sink_open_path(at("link.txt"), 0));
	want = xasprintf("%s: is a symbolic link: scalec does not write"
	    " through one unless told to (--follow-symlinks)", at("link.txt"));
	ck_assert_str_eq(last_error, want);
	free(want);
	ck_assert_str_eq(listing(dir), "link.txt real.txt");
	ck_assert_str_eq(contents(at("real.txt")), "real\n");

	s = sink_open_path(at("link.txt"), SINK_FOLLOW_SYMLINKS);
	ck_assert_ptr_nonnull(s);
	fputs("through\n", sink_stream(s));
	ck_assert_str_eq(listing(dir), "link.txt real.txt real.txt.tmp-*");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_int_eq(lstat(at("link.txt"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	n = readlink(at("link.txt"), target, sizeof target - 1);
	ck_assert_int_eq(n, 8);
	target[n] = '\0';
	ck_assert_str_eq(target, "real.txt");
	ck_assert_str_eq(contents(at("real.txt")), "through\n");
	ck_assert_int_eq(stat(at("real.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0640);

	ck_assert_int_eq(symlink("nowhere", at("dangling")), 0);
	ck_assert_ptr_null(sink_open_path(at("dangling"), 0));
	ck_assert_ptr_null(sink_open_path(at("dangling"),
	    SINK_FOLLOW_SYMLINKS));
	ck_assert_ptr_nonnull(strstr(last_error, "a symbolic link to nothing"));
	ck_assert_str_eq(listing(dir), "dangling link.txt real.txt");
}
END_TEST

/* A FIFO is written, not replaced; so is a character device. */
START_TEST(test_path_fifo_device)
{
	struct sink	*s;
	struct stat	 sb;
	char		 got[64];
	FILE		*r;
	pid_t		 pid;
	int		 status;

	ck_assert_int_eq(mkfifo(at("fifo"), 0600), 0);
	ck_assert_int_eq(chmod(at("fifo"), 0620), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		s = sink_open_path(at("fifo"), 0);
		if (s == NULL)
			_exit(2);
		fputs("through the fifo\n", sink_stream(s));
		_exit(sink_commit(s) == 0 ? 0 : 3);
	}
	r = fopen(at("fifo"), "r");
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(fgets(got, sizeof got, r));
	fclose(r);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_str_eq(got, "through the fifo\n");
	ck_assert_int_eq(lstat(at("fifo"), &sb), 0);
	ck_assert(S_ISFIFO(sb.st_mode));
	ck_assert_uint_eq(sb.st_mode & 0777, 0620);
	ck_assert_str_eq(listing(dir), "fifo");

	s = sink_open_path("/dev/null", 0);
	ck_assert_ptr_nonnull(s);
	fputs("gone\n", sink_stream(s));
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_int_eq(lstat("/dev/null", &sb), 0);
	ck_assert(S_ISCHR(sb.st_mode));

	/* /dev/full: the write fails, reported; the device stays. */
	s = sink_open_path("/dev/full", 0);
	ck_assert_ptr_nonnull(s);
	fputs("no room\n", sink_stream(s));
	ck_assert_int_eq(sink_commit(s), -1);
	ck_assert_str_eq(last_error, "/dev/full: writing failed: No space"
	    " left on device");
	ck_assert_int_eq(lstat("/dev/full", &sb), 0);
	ck_assert(S_ISCHR(sb.st_mode));
}
END_TEST

/* What is not a file to write is refused and left as it was. */
START_TEST(test_path_refused)
{
	struct stat	 sb;
	char		*want;
	uid_t		 other = 4242;

	ck_assert_int_eq(mkdir(at("folder"), 0700), 0);
	ck_assert_ptr_null(sink_open_path(at("folder"), 0));
	want = xasprintf("%s: is a folder", at("folder"));
	ck_assert_str_eq(last_error, want);
	free(want);
	ck_assert_int_eq(lstat(at("folder"), &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));

	/* Someone else's file: a rename would hand it to us. */
	if (geteuid() != 0)
		return;		/* only root can make one here */
	put(at("theirs.txt"), "theirs\n");
	ck_assert_int_eq(chown(at("theirs.txt"), other, other), 0);
	ck_assert_ptr_null(sink_open_path(at("theirs.txt"), 0));
	want = xasprintf("%s: belongs to uid 4242, not to you: replacing it"
	    " would make it yours; its owner may remove it, or write"
	    " elsewhere", at("theirs.txt"));
	ck_assert_str_eq(last_error, want);
	free(want);
	ck_assert_int_eq(lstat(at("theirs.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_uid, other);
	ck_assert_str_eq(contents(at("theirs.txt")), "theirs\n");
	ck_assert_str_eq(listing(dir), "folder theirs.txt");
}
END_TEST

/* A file's group is kept on its new copy. */
START_TEST(test_path_keeps_group)
{
	struct sink	*s;
	struct stat	 sb;
	gid_t		 g = 4243;

	if (geteuid() != 0)
		return;		/* only root can give any group */
	put(at("g.txt"), "old\n");
	ck_assert_int_eq(chown(at("g.txt"), (uid_t)-1, g), 0);
	ck_assert_int_eq(chmod(at("g.txt"), 0640), 0);
	s = sink_open_path(at("g.txt"), 0);
	ck_assert_ptr_nonnull(s);
	fputs("new\n", sink_stream(s));
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_int_eq(stat(at("g.txt"), &sb), 0);
	ck_assert_uint_eq(sb.st_gid, g);
	ck_assert_uint_eq(sb.st_mode & 0777, 0640);
}
END_TEST

/* Inside a folder, no link is followed and only files are replaced. */
START_TEST(test_dir_links)
{
	struct sink	*s;
	struct stat	 sb;

	ck_assert_int_eq(mkdir(at("elsewhere"), 0700), 0);
	ck_assert_int_eq(mkdir(at("out"), 0700), 0);
	ck_assert_int_eq(symlink("../elsewhere", at("out/labels")), 0);
	put(at("secret"), "secret\n");
	ck_assert_int_eq(symlink("../secret", at("out/a.txt")), 0);
	s = sink_open_dir(at("out"), 0);
	ck_assert_ptr_null(sink_file(s, "labels/x.txt"));
	ck_assert_ptr_nonnull(strstr(last_error, "is a symbolic link"));
	ck_assert_ptr_null(sink_file(s, "a.txt"));
	ck_assert_ptr_nonnull(strstr(last_error, "is a symbolic link"));
	sink_abort(s);
	ck_assert_str_eq(listing(at("elsewhere")), "");
	ck_assert_str_eq(contents(at("secret")), "secret\n");
	ck_assert_int_eq(lstat(at("out/a.txt"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));

	/* The folder itself a link: refused, or followed when asked. */
	ck_assert_int_eq(symlink("elsewhere", at("via")), 0);
	ck_assert_ptr_null(sink_open_dir(at("via"), 0));
	s = sink_open_dir(at("via"), SINK_FOLLOW_SYMLINKS);
	ck_assert_ptr_nonnull(s);
	fputs("x\n", sink_file(s, "x.txt"));
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(contents(at("elsewhere/x.txt")), "x\n");
	ck_assert_int_eq(lstat(at("via"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));

	/* A FIFO inside the folder is not replaced. */
	ck_assert_int_eq(mkfifo(at("out/f.txt"), 0600), 0);
	s = sink_open_dir(at("out"), 0);
	ck_assert_ptr_null(sink_file(s, "f.txt"));
	ck_assert_ptr_nonnull(strstr(last_error, "is a FIFO, not a file"));
	sink_abort(s);
	ck_assert_int_eq(lstat(at("out/f.txt"), &sb), 0);
	ck_assert(S_ISFIFO(sb.st_mode));
}
END_TEST

START_TEST(test_path_abort)
{
	struct sink	*s;

	put(at("keep.txt"), "old\n");
	s = sink_open_path(at("keep.txt"), 0);
	fputs("half of it", sink_stream(s));
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "keep.txt");
	ck_assert_str_eq(contents(at("keep.txt")), "old\n");

	/* A new file that is aborted is never there. */
	s = sink_open_path(at("new.txt"), 0);
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "keep.txt");
	sink_abort(NULL);
}
END_TEST

START_TEST(test_path_unwritable)
{
	char	*want;

	ck_assert_ptr_null(sink_open_path(at("no/such/x.txt"), 0));
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

	a = sink_open_path(at("a.txt"), 0);
	b = sink_open_dir(at("folder"), 0);
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

	s = sink_open_dir(at("out"), 0);
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
	/* A folder the sink made: its files where they go, no temporary. */
	ck_assert_str_eq(listing(at("out")), "a.txt labels");
	ck_assert_str_eq(listing(at("out/labels/deep")), "b.txt");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(listing(at("out")), "a.txt labels");
	ck_assert_str_eq(contents(at("out/a.txt")), "A\n");
	ck_assert_str_eq(contents(at("out/labels/deep/b.txt")), "B\n");

	/* Into the folder that is there now: a file replaced at commit. */
	s = sink_open_dir(at("out"), 0);
	fputs("A2\n", sink_file(s, "a.txt"));
	fputs("C\n", sink_file(s, "labels/c.txt"));
	ck_assert_str_eq(listing(at("out")), "a.txt a.txt.tmp-* labels");
	ck_assert_str_eq(listing(at("out/labels")), "c.txt.tmp-* deep");
	ck_assert_int_eq(sink_commit(s), 0);
	ck_assert_str_eq(contents(at("out/a.txt")), "A2\n");
	ck_assert_str_eq(contents(at("out/labels/c.txt")), "C\n");
	ck_assert_str_eq(listing(at("out")), "a.txt labels");
}
END_TEST

START_TEST(test_dir_abort)
{
	struct sink	*s;

	/* The folders the sink made go; one that was there stays. */
	s = sink_open_dir(at("made"), 0);
	fputs("x", sink_file(s, "a/b/c.txt"));
	fputs("y", sink_file(s, "d.txt"));
	sink_abort(s);
	ck_assert_str_eq(listing(dir), "");

	ck_assert_int_eq(mkdir(at("there"), 0777), 0);
	put(at("there/old.txt"), "old");
	s = sink_open_dir(at("there"), 0);
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
	ck_assert_ptr_null(sink_open_dir(at("file"), 0));
	want = xasprintf("%s: is there and is not a folder", at("file"));
	ck_assert_str_eq(last_error, want);
	free(want);
	s = sink_open_dir(at("d"), 0);
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


/* backup's pieces: a private folder beside the target, and a place that
 * replaces nothing, not even a name that appeared since the check. */
START_TEST(test_outfile_private_place)
{
	static const char *const names[] = { "copy.db", "copy.db-journal",
	    NULL };
	struct stat	 sb;
	char		*pd, *tmp, *want;

	pd = outfile_private_dir(at("b.db"), names);
	ck_assert_ptr_nonnull(pd);
	ck_assert_int_eq(lstat(pd, &sb), 0);
	ck_assert(S_ISDIR(sb.st_mode));
	ck_assert_uint_eq(sb.st_mode & 0777, 0700);
	ck_assert_ptr_nonnull(strstr(pd, "/.scalec-"));
	tmp = xasprintf("%s/copy.db", pd);
	put(tmp, "copy\n");
	put(at("b.db"), "someone was first\n");
	ck_assert_int_eq(outfile_place_new(tmp, at("b.db")), -1);
	want = xasprintf("%s: already exists; choose a new file", at("b.db"));
	ck_assert_str_eq(last_error, want);
	free(want);
	ck_assert_str_eq(contents(at("b.db")), "someone was first\n");
	ck_assert_int_eq(symlink("nowhere", at("l.db")), 0);
	ck_assert_int_eq(outfile_place_new(tmp, at("l.db")), -1);
	ck_assert_int_eq(lstat(at("l.db"), &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert_int_eq(lstat(at("nowhere"), &sb), -1);
	ck_assert_int_eq(outfile_place_new(tmp, at("c.db")), 0);
	ck_assert_str_eq(contents(at("c.db")), "copy\n");
	put(at("x"), "");
	outfile_private_remove();
	ck_assert_int_eq(lstat(pd, &sb), -1);
	ck_assert_str_eq(listing(dir), "b.db c.db l.db x");
	free(tmp);
	free(pd);
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
	tcase_add_test(tc, test_path_keeps_mode);
	tcase_add_test(tc, test_path_symlink);
	tcase_add_test(tc, test_path_fifo_device);
	tcase_add_test(tc, test_path_refused);
	tcase_add_test(tc, test_path_keeps_group);
	tcase_add_test(tc, test_dir_links);
	tcase_add_test(tc, test_outfile_private_place);
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
