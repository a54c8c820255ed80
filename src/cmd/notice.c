/* The one-line notice a command run on a terminal ends with when the
 * person has unread notifications newer than the last ones it told them
 * of: "scalec: you have new notifications (3 unread): 'scalec inbox'
 * lists them". Never on a pipe, never twice for the same ones.
 *
 * What was said is remembered outside the database, so that a command
 * that only reads (or a database the person may only read) stays as it
 * was: $XDG_STATE_HOME/scalec (else ~/.local/state/scalec) holds one small
 * file per database and user, notice-HASH, whose first line is the
 * highest notification seq announced (store/notify.h: a batched one whose
 * count grows takes a new seq, so it is new again). The file is written
 * to a temporary beside it (0600, mkstemp) and renamed over it: a reader
 * never sees half of one, and two commands at once at worst both say it.
 * When it cannot be written nothing is said, rather than the same notice
 * on every command. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "store/notify.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/xmalloc.h"

/* The folder the notice files are in (the caller frees), or NULL when
 * there is no home to put it in. A relative XDG_STATE_HOME is ignored,
 * as the XDG base directory rules say. */
static char *
notice_dir(void)
{
	const char	*env = getenv("XDG_STATE_HOME"), *home;

	if (env != NULL && *env == '/')
		return xasprintf("%s/scalec", env);
	if ((home = getenv("HOME")) == NULL || *home != '/')
		return NULL;
	return xasprintf("%s/.local/state/scalec", home);
}

/* mkdir -p of dir, each new folder 0700. 0 or -1. */
static int
make_dirs(char *dir)
{
	char	*p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(dir, 0700) == -1 && errno != EEXIST ? -1 : 0;
}

/* The file for this database and user (the caller frees): a hash of the
 * database's real path and the user's name, so that two databases, or two
 * people behind one login's --db, keep theirs apart. */
static char *
notice_file(const char *dir, const char *db, const char *user)
{
	char	*real = realpath(db, NULL), *key, *path;

	key = xasprintf("%s%c%s", real != NULL ? real : db, '\0', user);
	path = xasprintf("%s/notice-%016" PRIx64, dir, (uint64_t)
	    content_hash(key, strlen(key) + 1 + strlen(user)));
	free(key);
	free(real);
	return path;
}

/* The seq last announced, 0 when none (no file, or not ours). */
static int64_t
notice_said(const char *path)
{
	FILE		*f = fopen(path, "r");
	long long	 v = 0;

	if (f == NULL)
		return 0;
	if (fscanf(f, "seq %lld", &v) != 1 || v < 0)
		v = 0;
	fclose(f);
	return v;
}

/* Records seq as said for db and user: a temporary, then a rename. 0 or
 * -1 (nothing left behind). */
static int
notice_write(const char *path, const char *db, const char *user,
    int64_t seq)
{
	char	*tmp = xasprintf("%s.XXXXXX", path);
	FILE	*f;
	int	 fd, rc = -1;

	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	fprintf(f, "seq %" PRId64 "\ndatabase %s\nuser %s\n", seq, db, user);
	if (fflush(f) != 0 || fsync(fd) != 0) {
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

void
ctx_notice(struct ctx *c, int say)
{
	char	*dir = NULL, *path = NULL;
	int64_t	 n, seq;

	/* The person at the terminal is the real login: an admin acting
	 * --as another is not told of that one's inbox. */
	if (c->st == NULL || c->me.id <= 0 || c->me.id != c->real.id ||
	    !isatty(say ? STDERR_FILENO : STDOUT_FILENO) ||
	    store_schema_version(c->st) != store_schema_latest())
		return;
	if (store_inbox_unread(c->st, c->me.id, &n, &seq) == -1 || n == 0)
		return;
	if ((dir = notice_dir()) == NULL || make_dirs(dir) == -1)
		goto out;
	path = notice_file(dir, ctx_db_path(c), c->me.name);
	if (seq <= notice_said(path) || notice_write(path, ctx_db_path(c),
	    c->me.name, seq) == -1)
		goto out;
	if (say)
		fprintf(stderr, "scalec: you have new notifications (%" PRId64
		    " unread): 'scalec inbox' lists them\n", n);
out:
	free(path);
	free(dir);
}
