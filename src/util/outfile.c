/* Where scalec may write (outfile.h). Every check is on the path itself
 * (lstat, O_NOFOLLOW): a symbolic link is a file of its own, refused unless
 * the person asked to follow it. A rename never follows the link it
 * replaces, so a link swapped in after the check is replaced, never
 * written through; a direct write opens with O_NOFOLLOW and checks again
 * what it opened. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/outfile.h"
#include "util/xmalloc.h"

mode_t
outfile_mode(void)
{
	mode_t	mask = umask(0);

	umask(mask);
	return 0600 & ~mask;
}

mode_t
outfile_dir_mode(void)
{
	mode_t	m = outfile_mode();

	return m | ((m & 0444) >> 2);
}

/* The folder that holds path, for the caller to free. */
static char *
parent_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* "alice", or "uid 1001" for an owner with no login. */
static char *
owner_name(uid_t uid)
{
	struct passwd	*pw = getpwuid(uid);

	if (pw != NULL)
		return xstrdup(pw->pw_name);
	return xasprintf("uid %lu", (unsigned long)uid);
}

/* What sb says is at path, against the rules; out->path is set. */
static int
judge(const char *given, const struct stat *sb, int flags,
    struct outfile *out)
{
	char	*who;
	int	 rc;

	if (flags & OUTFILE_NEW_ONLY)
		return error("%s: already exists; choose a new file", given);
	if (flags & OUTFILE_FOLDER) {
		if (!S_ISDIR(sb->st_mode))
			return error("%s: is there and is not a folder", given);
		out->kind = OUTFILE_REPLACE;
		return 0;
	}
	if (S_ISREG(sb->st_mode)) {
		if (sb->st_uid != geteuid()) {
			who = owner_name(sb->st_uid);
			rc = error("%s: belongs to %s, not to you: replacing it"
			    " would make it yours; its owner may remove it, or"
			    " write elsewhere", given, who);
			free(who);
			return rc;
		}
		out->kind = OUTFILE_REPLACE;
		out->mode = sb->st_mode & 0777;
		out->gid = sb->st_gid;
		return 0;
	}
	if (S_ISDIR(sb->st_mode))
		return error("%s: is a folder", given);
	if (S_ISCHR(sb->st_mode) || S_ISFIFO(sb->st_mode)) {
		if (flags & OUTFILE_REGULAR_ONLY)
			return error("%s: is a %s, not a file", given,
			    S_ISFIFO(sb->st_mode) ? "FIFO" : "device");
		out->kind = OUTFILE_DIRECT;
		return 0;
	}
	if (S_ISBLK(sb->st_mode))
		return error("%s: is a block device: scalec does not write"
		    " over a disk", given);
	return error("%s: is a socket or something else that is not a file",
	    given);
}

int
outfile_check(const char *path, int flags, struct outfile *out)
{
	struct stat	 sb;
	char		*real;

	outfile_release(out);
	out->kind = OUTFILE_CREATE;
	out->mode = outfile_mode();
	if (lstat(path, &sb) == -1) {
		if (errno != ENOENT)
			return error("%s: cannot write there: %s", path,
			    strerror(errno));
		out->path = xstrdup(path);
		return 0;
	}
	if (!S_ISLNK(sb.st_mode)) {
		out->path = xstrdup(path);
		return judge(path, &sb, flags, out);
	}
	if (flags & OUTFILE_NEW_ONLY)
		return error("%s: already exists (a symbolic link); choose a"
		    " new file", path);
	if (!(flags & OUTFILE_FOLLOW))
		return error("%s: is a symbolic link: scalec does not write"
		    " through one unless told to (--follow-symlinks)", path);
	if ((real = realpath(path, NULL)) == NULL)
		return error("%s: a symbolic link to %s", path, errno ==
		    ENOENT ? "nothing: scalec creates no file a link names" :
		    strerror(errno));
	out->path = real;
	if (lstat(real, &sb) == -1)
		return error("%s: %s", real, strerror(errno));
	return judge(path, &sb, flags, out);
}

void
outfile_release(struct outfile *o)
{
	free(o->path);
	o->path = NULL;
}

int
outfile_open_direct(const struct outfile *o)
{
	struct stat	sb;
	int		fd;

	fd = open(o->path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return error("%s: %s", o->path, strerror(errno));
	if (fstat(fd, &sb) == -1 || !(S_ISCHR(sb.st_mode) ||
	    S_ISFIFO(sb.st_mode))) {
		close(fd);
		return error("%s: changed while scalec opened it", o->path);
	}
	return fd;
}

int
outfile_prepare(const struct outfile *o, int fd, const char *tmp)
{
	struct stat	sb;

	if (o->kind == OUTFILE_REPLACE) {
		if (fstat(fd, &sb) == -1)
			return error("%s: %s", tmp, strerror(errno));
		if (sb.st_gid != o->gid && fchown(fd, (uid_t)-1, o->gid) == -1)
			return error("%s: cannot keep its group (%lu) on the"
			    " new copy: %s", o->path, (unsigned long)o->gid,
			    strerror(errno));
	}
	if (fchmod(fd, o->mode) == -1)
		return error("%s: %s", tmp, strerror(errno));
	return 0;
}

/* The private folder: its files' paths, then its own, NULL-ended; live
 * while it may exist, for a signal handler. */
static char *volatile			 private_paths[9];
static volatile sig_atomic_t		 private_live;

char *
outfile_private_dir(const char *path, const char *const *names)
{
	char		*parent = parent_of(path), *dir;
	sigset_t	 ending, was;
	size_t		 i;

	dir = xasprintf("%s/.scalec-XXXXXX", parent);
	free(parent);
	/* The signals that end a backup wait until the folder is made and
	 * its paths are recorded for the handler: one that came between
	 * the two would leave the folder behind. */
	sigemptyset(&ending);
	sigaddset(&ending, SIGINT);
	sigaddset(&ending, SIGTERM);
	sigaddset(&ending, SIGHUP);
	sigprocmask(SIG_BLOCK, &ending, &was);
	/* mkdtemp makes it 0700: nobody else sees what goes in. */
	if (mkdtemp(dir) == NULL) {
		sigprocmask(SIG_SETMASK, &was, NULL);
		error("%s: cannot write there: %s", path, strerror(errno));
		free(dir);
		return NULL;
	}
	for (i = 0; names[i] != NULL && i + 2 < ARRAY_SIZE(private_paths);
	    i++)
		private_paths[i] = xasprintf("%s/%s", dir, names[i]);
	private_paths[i] = xstrdup(dir);
	private_live = 1;
	sigprocmask(SIG_SETMASK, &was, NULL);
	return dir;
}

void
outfile_private_remove_signal(void)
{
	size_t	i;

	if (!private_live)
		return;
	for (i = 0; private_paths[i] != NULL; i++)
		if (private_paths[i + 1] != NULL)
			unlink(private_paths[i]);
		else
			rmdir(private_paths[i]);
	private_live = 0;
}

void
outfile_private_remove(void)
{
	size_t	i;

	outfile_private_remove_signal();
	for (i = 0; private_paths[i] != NULL; i++) {
		free(private_paths[i]);
		private_paths[i] = NULL;
	}
}

int
outfile_sync_dir(const char *path, int is_dir)
{
	char	*dir = is_dir ? xstrdup(path) : parent_of(path);
	int	 fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fsync(fd) == -1)
		rc = error("%s: cannot sync the folder: %s", dir,
		    strerror(errno));
	if (fd != -1)
		close(fd);
	free(dir);
	return rc;
}

int
outfile_place_new(const char *tmp, const char *path)
{
	int	rc;

	/* Never over anything: a rename that refuses an existing name;
	 * where the file system cannot (EINVAL), a hard link, which
	 * refuses one too. */
	rc = renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE);
	if (rc == -1 && (errno == EINVAL || errno == ENOSYS)) {
		if ((rc = link(tmp, path)) == 0)
			unlink(tmp);
	}
	if (rc == -1)
		return error("%s: %s", path, errno == EEXIST ? "already exists;"
		    " choose a new file" : strerror(errno));
	return outfile_sync_dir(path, 0);
}
