/* The group of the shared-host mode, held only to open the shared
 * database. setegid, not setgid, drops it, so that it can be taken back
 * to close that database (the last connection removes the -wal and -shm
 * files in the group's directory); a program scalec runs drops it for
 * good in the child (priv_child), and is refused while it is held.
 * (setresgid and clearenv are glibc's, with the _GNU_SOURCE the build
 * defines.) */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/priv.h"
#include "util/xmalloc.h"

#define PRIV_PATH	"/usr/local/bin:/usr/bin:/bin"

static int	shared;
static gid_t	shared_gid;

/* The variables kept: the terminal's and the locale's, when they name no
 * file (a locale or a zone given by path is a file read with the
 * group). */
static const char *const keep_env[] = {
	"TERM", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_COLLATE",
	"LC_NUMERIC", "LC_TIME", "TZ", "COLUMNS", "LINES", "NO_COLOR",
};

static int
clean_env(void)
{
	const char	*vals[sizeof keep_env / sizeof keep_env[0]];
	struct passwd	*pw;
	size_t		 i;
	char		*home;

	for (i = 0; i < ARRAY_SIZE(keep_env); i++) {
		vals[i] = getenv(keep_env[i]);
		if (vals[i] != NULL)
			vals[i] = xstrdup(vals[i]);
	}
	pw = getpwuid(getuid());
	home = xstrdup(pw != NULL && pw->pw_dir != NULL ? pw->pw_dir : "/");
	if (clearenv() != 0)
		return error("cannot clean the environment");
	for (i = 0; i < ARRAY_SIZE(keep_env); i++) {
		if (vals[i] != NULL && strchr(vals[i], '/') == NULL &&
		    strlen(vals[i]) < 256)
			setenv(keep_env[i], vals[i], 1);
		free((char *)vals[i]);
	}
	setenv("PATH", PRIV_PATH, 1);
	setenv("HOME", home, 1);
	free(home);
	return 0;
}

int
priv_init(void)
{
	if (getegid() == getgid())
		return 0;
	shared = 1;
	shared_gid = getegid();
	if (setegid(getgid()) == -1 || getegid() != getgid())
		return error("cannot drop the group scalec runs with: %s",
		    strerror(errno));
	return clean_env();
}

int
priv_shared(void)
{
	return shared;
}

int
priv_held(void)
{
	return shared && getegid() == shared_gid;
}

int
priv_trusted(const char *path, char **canon)
{
	struct stat	 sb;
	char		*dir, *slash, real[PATH_MAX];
	const char	*base;

	*canon = NULL;
	if (!shared)
		return 0;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
		base = path;
	} else {
		*slash = '\0';
		base = path + (slash - dir) + 1;
		if (slash == dir) {
			free(dir);
			dir = xstrdup("/");
		}
	}
	/* The directory is looked at with the person's rights: a shared one
	 * (2770) they cannot search still resolves, its own entry is in
	 * its parent. */
	if (*base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0 || realpath(dir, real) == NULL ||
	    stat(real, &sb) == -1 || !S_ISDIR(sb.st_mode) || sb.st_uid != 0 ||
	    sb.st_gid != shared_gid || (sb.st_mode & 07777) != 02770) {
		free(dir);
		return 0;
	}
	free(dir);
	*canon = xasprintf("%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/",
	    base);
	/* The file itself, with the group (the directory is the group's). */
	if (priv_raise() == -1) {
		free(*canon);
		*canon = NULL;
		return 0;
	}
	if (lstat(*canon, &sb) == 0 && (!S_ISREG(sb.st_mode) ||
	    sb.st_gid != shared_gid || (sb.st_mode & 07117) != 0)) {
		priv_lower();
		free(*canon);
		*canon = NULL;
		return 0;
	}
	priv_lower();
	return 1;
}

int
priv_raise(void)
{
	if (!shared)
		return 0;
	if (setegid(shared_gid) == -1)
		return error("cannot take the shared database's group: %s",
		    strerror(errno));
	return 0;
}

void
priv_lower(void)
{
	if (!shared)
		return;
	if (setegid(getgid()) == -1 || getegid() != getgid()) {
		fprintf(stderr, "scalec: cannot drop the group: %s\n",
		    strerror(errno));
		_exit(1);
	}
}

int
priv_open_in(const char *dir, const char *path, int flags)
{
	const char	*name;
	size_t		 n = dir != NULL ? strlen(dir) : 0;
	int		 fd, e;

	if (!shared || n == 0 || strncmp(path, dir, n) != 0 || path[n] != '/')
		return open(path, flags);
	name = path + n + 1;
	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return open(path, flags);
	if (priv_raise() == -1) {
		errno = EACCES;
		return -1;
	}
	fd = open(path, flags | O_NOFOLLOW);
	e = errno;
	priv_lower();
	errno = e;
	return fd;
}

void
priv_child(void)
{
	gid_t	g = getgid();

	if (!shared)
		return;
	if (setresgid(g, g, g) == -1 || getegid() != g) {
		fprintf(stderr, "scalec: cannot drop the group: %s\n",
		    strerror(errno));
		_exit(127);
	}
}

#if defined(__SANITIZE_ADDRESS__)
/*
 * A sanitized build only: LeakSanitizer looks for leaks at exit by
 * ptracing the process, which the kernel forbids for a setgid one (it is
 * not dumpable), and then fails the run. In the shared-host mode it is
 * turned off; leaks are looked for in the same code run without setgid.
 */
int	__lsan_is_turned_off(void);

int
__lsan_is_turned_off(void)
{
	return shared;
}
#endif
