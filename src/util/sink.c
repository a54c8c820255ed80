/* Export sinks (sink.h): the caller's stream, a file, or a folder. Every
 * file is written to a temporary beside it (tmp_create) and renamed over it
 * at commit (tmp_rename); these two, with tmp_finish, are the only places
 * that decide how a file is written, so that hardening (the existing file's
 * mode, refusing to replace a device, a FIFO or a symbolic link) goes there.
 *
 * The temporaries and the folders a sink made are nodes of one list, newest
 * first, that a signal handler walks (sink_remove_temporaries). A node is
 * on the list before its file exists and says so with live, a
 * sig_atomic_t, once it does; a node leaves the list with one pointer
 * store before it is freed. Newest first also means that an abort removes
 * a folder's files before the folder. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fmode.h"
#include "util/sink.h"
#include "util/xmalloc.h"

struct tmpfile {
	char			*tmp;	/* the temporary, or a folder made */
	char			*path;	/* where it goes; NULL for a folder */
	const struct sink	*owner;
	volatile sig_atomic_t	 live;	/* it exists: a signal removes it */
	struct tmpfile *volatile next;
};

struct sink {
	char		*name;		/* for messages; a folder's path */
	FILE		*f;		/* the stream being written, or NULL */
	struct tmpfile	*cur;		/* f's temporary; NULL: the caller's */
	int		 dir;		/* a folder: files by sink_file */
};

static struct tmpfile *volatile	temporaries;

static struct sink *
sink_new(const char *name, int dir)
{
	struct sink	*s = xcalloc(1, sizeof *s);

	s->name = xstrdup(name);
	s->dir = dir;
	return s;
}

/* A node on the list, not yet live. */
static struct tmpfile *
tmp_node(const struct sink *s, char *tmp, const char *path)
{
	struct tmpfile	*n = xcalloc(1, sizeof *n);

	n->tmp = tmp;
	n->path = path != NULL ? xstrdup(path) : NULL;
	n->owner = s;
	n->next = temporaries;
	temporaries = n;
	return n;
}

/* Takes s's nodes off the list; with remove, what is live goes too. */
static void
tmp_drop(const struct sink *s, int remove)
{
	struct tmpfile *volatile	*pp = &temporaries;
	struct tmpfile			*n;

	while ((n = *pp) != NULL) {
		if (n->owner != s) {
			pp = &n->next;
			continue;
		}
		if (remove && n->live) {
			if (n->path != NULL)
				unlink(n->tmp);
			else
				rmdir(n->tmp);
		}
		n->live = 0;
		*pp = n->next;
		free(n->tmp);
		free(n->path);
		free(n);
	}
}

void
sink_remove_temporaries(void)
{
	struct tmpfile	*n;

	for (n = temporaries; n != NULL; n = n->next) {
		if (!n->live)
			continue;
		if (n->path != NULL)
			unlink(n->tmp);
		else
			rmdir(n->tmp);
		n->live = 0;
	}
}

/*
 * Creates path.tmp-XXXXXX beside path, with the mode a new file gets
 * (util/fmode.h), and opens it. NULL after reporting.
 */
static FILE *
tmp_create(struct sink *s, const char *path, struct tmpfile **out)
{
	struct tmpfile	*n;
	FILE		*f;
	int		 fd;

	n = tmp_node(s, xasprintf("%s.tmp-XXXXXX", path), path);
	if ((fd = mkstemp(n->tmp)) == -1) {
		error("%s: cannot write there: %s", path, strerror(errno));
		return NULL;
	}
	n->live = 1;
	if (file_create_fix(fd, n->tmp) == -1) {
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		error("%s: %s", n->tmp, strerror(errno));
		close(fd);
		return NULL;
	}
	*out = n;
	return f;
}

/* Flushes, syncs and closes a temporary's stream. 0 or -1 after
 * reporting. */
static int
tmp_finish(const struct tmpfile *n, FILE *f)
{
	if (fflush(f) == EOF || ferror(f) || fsync(fileno(f)) == -1) {
		error("%s: writing failed: %s", n->path, strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) == EOF)
		return error("%s: writing failed: %s", n->path,
		    strerror(errno));
	return 0;
}

/* Renames a finished temporary over its file. */
static int
tmp_rename(struct tmpfile *n)
{
	if (rename(n->tmp, n->path) == -1)
		return error("%s: %s", n->path, strerror(errno));
	n->live = 0;
	return 0;
}

/* Makes the folder path unless it is there: 0, or -1 after reporting. */
static int
make_dir(struct sink *s, const char *path)
{
	struct tmpfile	*n;
	struct stat	 sb;

	n = tmp_node(s, xstrdup(path), NULL);
	if (mkdir(path, 0777) == 0) {
		n->live = 1;
		return 0;
	}
	if (errno != EEXIST)
		return error("%s: %s", path, strerror(errno));
	if (stat(path, &sb) == -1)
		return error("%s: %s", path, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return error("%s: is there and is not a folder", path);
	return 0;
}

/* Closes the folder's current file. */
static int
close_current(struct sink *s)
{
	FILE	*f = s->f;

	if (s->cur == NULL || f == NULL)
		return 0;
	s->f = NULL;
	return tmp_finish(s->cur, f);
}

struct sink *
sink_open_stream(FILE *f, const char *name)
{
	struct sink	*s = sink_new(name, 0);

	s->f = f;
	return s;
}

struct sink *
sink_open_stdout(void)
{
	return sink_open_stream(stdout, "stdout");
}

struct sink *
sink_open_path(const char *path)
{
	struct sink	*s = sink_new(path, 0);

	if ((s->f = tmp_create(s, path, &s->cur)) == NULL) {
		sink_abort(s);
		return NULL;
	}
	return s;
}

struct sink *
sink_open_dir(const char *path)
{
	struct sink	*s = sink_new(path, 1);

	if (make_dir(s, path) == -1) {
		sink_abort(s);
		return NULL;
	}
	return s;
}

FILE *
sink_stream(struct sink *s)
{
	return s->dir ? NULL : s->f;
}

const char *
sink_name(const struct sink *s)
{
	return s->name;
}

int
sink_is_dir(const struct sink *s)
{
	return s->dir;
}

int
sink_error(struct sink *s)
{
	return s->f != NULL && ferror(s->f);
}

/* 1 when name is a relative path that stays inside its folder. */
static int
name_inside(const char *name)
{
	const char	*p = name, *slash;
	size_t		 n;

	if (*name == '\0' || *name == '/')
		return 0;
	for (;;) {
		slash = strchr(p, '/');
		n = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (slash == NULL)
			return 1;
		p = slash + 1;
	}
}

FILE *
sink_file(struct sink *s, const char *name)
{
	char	*path, *p;
	size_t	 len = strlen(s->name);

	if (!s->dir) {
		error("%s: one stream, not a folder of files", s->name);
		return NULL;
	}
	if (!name_inside(name)) {
		error("%s: '%s' is not a file name inside the folder", s->name,
		    name);
		return NULL;
	}
	if (close_current(s) == -1)
		return NULL;
	path = xasprintf("%s%s%s", s->name, len > 0 && s->name[len - 1] ==
	    '/' ? "" : "/", name);
	for (p = strchr(path + strlen(path) - strlen(name), '/'); p != NULL;
	    p = strchr(p + 1, '/')) {
		*p = '\0';
		if (make_dir(s, path) == -1) {
			free(path);
			return NULL;
		}
		*p = '/';
	}
	s->f = tmp_create(s, path, &s->cur);
	free(path);
	return s->f;
}

int
sink_commit(struct sink *s)
{
	struct tmpfile	*n;
	int		 rc = 0;

	if (s->cur == NULL) {
		/* The caller's stream, not closed: flushed and checked. */
		if (s->f != NULL && (fflush(s->f) == EOF || ferror(s->f)))
			rc = error("%s: writing failed: %s", s->name,
			    strerror(errno));
	} else
		rc = close_current(s);
	for (n = temporaries; rc == 0 && n != NULL; n = n->next)
		if (n->owner == s && n->live && n->path != NULL)
			rc = tmp_rename(n);
	tmp_drop(s, rc == -1);
	free(s->name);
	free(s);
	return rc;
}

void
sink_abort(struct sink *s)
{
	if (s == NULL)
		return;
	if (s->cur != NULL && s->f != NULL)
		fclose(s->f);
	tmp_drop(s, 1);
	free(s->name);
	free(s);
}
