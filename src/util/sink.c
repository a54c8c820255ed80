/* Export sinks (sink.h): the caller's stream, a file, or a folder. What a
 * path may be and how it is written is util/outfile.c's: a missing file
 * or one of ours is written to a temporary beside it (tmp_create) and
 * renamed over it at commit (tmp_rename), keeping its mode and group; a
 * device or a FIFO is written directly (open_direct); the rest is refused.
 * A folder the sink made has nothing in it to keep whole: its files are
 * created where they go (direct_create), with no temporary and no rename,
 * and an abort removes them and the folder as it removes temporaries.
 * A stream that is a terminal is written through escape_stream, so that
 * no format writes task text raw to a terminal; to a file or a pipe the
 * bytes are exact.
 *
 * The temporaries and the folders a sink made are nodes of one list, newest
 * first, that a signal handler walks (sink_remove_temporaries). A file
 * created directly in a folder the sink made has no node: the folder's
 * node stands for everything in it, and removing that folder removes its
 * contents first (rm_tree, with async-signal-safe calls only), so that the
 * list, and memory, stay the same size for 100,000 files. A node is
 * on the list before its file exists and says so with live, a
 * sig_atomic_t, once it does; a node leaves the list with one pointer
 * store before it is freed. Newest first also means that an abort removes
 * a folder's files before the folder. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/error.h"
#include "util/escape.h"
#include "util/outfile.h"
#include "util/sink.h"
#include "util/xmalloc.h"

struct tmpfile {
	char			*tmp;	/* the temporary, or a folder made */
	char			*path;	/* where it goes; NULL for a folder */
	int			 direct;	/* tmp is path: a new file in a
						 * folder the sink made */
	const struct sink	*owner;
	volatile sig_atomic_t	 live;	/* it exists: a signal removes it */
	struct tmpfile *volatile next;
};

struct sink {
	char		*name;		/* for messages; a folder's path */
	char		*root;		/* a folder: where its files go (the
					 * folder a followed link names) */
	FILE		*f;		/* the stream being written, or NULL */
	struct tmpfile	*cur;		/* f's temporary; NULL: no temporary */
	FILE		*under;		/* what f writes to when f escapes for
					 * a terminal or is ours to close;
					 * NULL: f is the caller's */
	int		 own;		/* under (or f) is ours to close */
	int		 dir;		/* a folder: files by sink_file */
	int		 made;		/* a folder this sink made: its files
					 * are new, written where they go */
	char		*checked;	/* the folder of the last file, made
					 * or checked; NULL: none yet */
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

/* A node not on the list: a file written directly in a folder the sink
 * made, which the folder's node covers. */
static struct tmpfile *
direct_node(const char *path)
{
	struct tmpfile	*n = xcalloc(1, sizeof *n);

	n->tmp = xstrdup(path);
	n->path = xstrdup(path);
	n->direct = 1;
	return n;
}

static void
direct_free(struct sink *s)
{
	if (s->cur == NULL || !s->cur->direct)
		return;
	free(s->cur->tmp);
	free(s->cur->path);
	free(s->cur);
	s->cur = NULL;
}

/* The deepest folder rm_tree goes into: the formats write a folder or two
 * deep. */
#define RM_TREE_DEPTH	8

/*
 * Removes what is in the folder dfd is open on, folders in it to depth
 * levels, with async-signal-safe calls only (a signal handler calls it).
 * Entries removed while the folder is read may make getdents64 skip
 * others, so it reads again from the start until a pass finds nothing.
 */
static void
rm_tree(int dfd, int depth)
{
	char	 buf[2048];
	long	 len, off;
	int	 fd, found;
	unsigned short	 reclen;
	unsigned char	 type;
	const char	*name;

	do {
		found = 0;
		if (lseek(dfd, 0, SEEK_SET) == -1)
			return;
		while ((len = syscall(SYS_getdents64, dfd, buf,
		    sizeof buf)) > 0)
			for (off = 0; off < len; off += reclen) {
				/* struct linux_dirent64: d_ino 8, d_off 8,
				 * d_reclen 2, d_type 1, d_name. */
				memcpy(&reclen, buf + off + 16, sizeof reclen);
				type = (unsigned char)buf[off + 18];
				name = buf + off + 19;
				if (name[0] == '.' && (name[1] == '\0' ||
				    (name[1] == '.' && name[2] == '\0')))
					continue;
				if (type != DT_DIR &&
				    unlinkat(dfd, name, 0) == 0) {
					found = 1;
					continue;
				}
				if (depth == 0 || (fd = openat(dfd, name,
				    O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				    O_CLOEXEC)) == -1)
					continue;
				rm_tree(fd, depth - 1);
				close(fd);
				if (unlinkat(dfd, name, AT_REMOVEDIR) == 0)
					found = 1;
			}
	} while (found);
}

/* Removes a live node's file, or its folder with what is in it. */
static void
tmp_remove(const struct tmpfile *n)
{
	int	fd;

	if (n->path != NULL) {
		unlink(n->tmp);
		return;
	}
	if ((fd = open(n->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) != -1) {
		rm_tree(fd, RM_TREE_DEPTH);
		close(fd);
	}
	rmdir(n->tmp);
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
		if (remove && n->live)
			tmp_remove(n);
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
		tmp_remove(n);
		n->live = 0;
	}
}

/*
 * Creates o->path.tmp-XXXXXX beside the file o says to write, with the
 * mode (and group) o says it gets, and opens it. NULL after reporting.
 */
static FILE *
tmp_create(struct sink *s, const struct outfile *o, struct tmpfile **out)
{
	struct tmpfile	*n;
	FILE		*f;
	int		 fd;

	n = tmp_node(s, xasprintf("%s.tmp-XXXXXX", o->path), o->path);
	if ((fd = mkostemp(n->tmp, O_CLOEXEC)) == -1) {
		error("%s: cannot write there: %s", o->path, strerror(errno));
		return NULL;
	}
	n->live = 1;
	if (outfile_prepare(o, fd, n->tmp) == -1) {
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

/*
 * Creates o->path itself, a new file in a folder the sink made (nothing
 * there to keep whole: an abort or a signal removes the folder and what
 * is in it), with a node off the list. NULL after reporting.
 */
static FILE *
direct_create(struct sink *s, const struct outfile *o, struct tmpfile **out)
{
	struct tmpfile	*n;
	FILE		*f;
	int		 fd;

	direct_free(s);
	n = *out = direct_node(o->path);
	if ((fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		error("%s: cannot write there: %s", o->path, strerror(errno));
		return NULL;
	}
	n->live = 1;
	if (outfile_prepare(o, fd, n->tmp) == -1) {
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

/* Flushes, syncs (with sync) and closes a temporary's stream. 0 or -1
 * after reporting. */
static int
tmp_finish(const struct tmpfile *n, FILE *f, int sync)
{
	if (fflush(f) == EOF || ferror(f) || (sync &&
	    fsync(fileno(f)) == -1)) {
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
	if (!n->direct && rename(n->tmp, n->path) == -1)
		return error("%s: %s", n->path, strerror(errno));
	n->live = 0;
	return 0;
}

/*
 * Makes the folder path unless it is there (a folder; a link to one with
 * OUTFILE_FOLLOW in flags), on the list so that an abort removes it. With
 * where, *where is the folder's path to write in, for the caller to free.
 * 0, or -1 after reporting.
 */
static int
make_dir(struct sink *s, const char *path, int flags, char **where,
    int *made)
{
	struct outfile	 o = OUTFILE_INIT;
	struct tmpfile	*n;

	if (outfile_check(path, flags | OUTFILE_FOLDER, &o) == -1) {
		outfile_release(&o);
		return -1;
	}
	if (o.kind == OUTFILE_CREATE) {
		n = tmp_node(s, xstrdup(o.path), NULL);
		if (mkdir(o.path, outfile_dir_mode()) == -1) {
			error("%s: %s", path, strerror(errno));
			outfile_release(&o);
			return -1;
		}
		n->live = 1;
		if (made != NULL)
			*made = 1;
	}
	if (where != NULL)
		*where = o.path;
	else
		outfile_release(&o);
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
	/* A folder's files are synced all at once at commit. */
	return tmp_finish(s->cur, f, !s->dir);
}

/* s writes to f, through escape_stream when f is a terminal. */
static void
attach(struct sink *s, FILE *f, int own)
{
	int	fd = fileno(f);

	s->own = own;
	if (fd != -1 && isatty(fd)) {
		s->under = f;
		s->f = escape_stream(f);
	} else
		s->f = f;
}

/*
 * Finishes a sink without a temporary: closes the escaping stream, then
 * flushes (and when it is ours closes) what it wrote to. With report, a
 * failure is reported. 0 or -1.
 */
static int
finish_stream(struct sink *s, int report)
{
	FILE	*bottom = s->f;
	int	 rc = 0;

	if (s->under != NULL) {
		if (s->f != NULL && fclose(s->f) == EOF)
			rc = -1;
		bottom = s->under;
	}
	s->f = s->under = NULL;
	if (bottom != NULL) {
		if (fflush(bottom) == EOF || ferror(bottom))
			rc = -1;
		if (s->own && fclose(bottom) == EOF)
			rc = -1;
	}
	if (rc == -1 && report)
		error("%s: writing failed: %s", s->name, strerror(errno));
	return rc;
}

struct sink *
sink_open_stream(FILE *f, const char *name)
{
	struct sink	*s = sink_new(name, 0);

	attach(s, f, 0);
	return s;
}

struct sink *
sink_open_stdout(void)
{
	return sink_open_stream(stdout, "stdout");
}

struct sink *
sink_open_path(const char *path, int flags)
{
	struct sink	*s = sink_new(path, 0);
	struct outfile	 o = OUTFILE_INIT;
	FILE		*f;
	int		 fd;

	if (outfile_check(path, (flags & SINK_FOLLOW_SYMLINKS) ?
	    OUTFILE_FOLLOW : 0, &o) == -1)
		goto fail;
	if (o.kind == OUTFILE_DIRECT) {
		if ((fd = outfile_open_direct(&o)) == -1)
			goto fail;
		if ((f = fdopen(fd, "w")) == NULL) {
			error("%s: %s", path, strerror(errno));
			close(fd);
			goto fail;
		}
		attach(s, f, 1);
	} else if ((s->f = tmp_create(s, &o, &s->cur)) == NULL)
		goto fail;
	outfile_release(&o);
	return s;
fail:
	outfile_release(&o);
	sink_abort(s);
	return NULL;
}

struct sink *
sink_open_dir(const char *path, int flags)
{
	struct sink	*s = sink_new(path, 1);

	if (make_dir(s, path, (flags & SINK_FOLLOW_SYMLINKS) ?
	    OUTFILE_FOLLOW : 0, &s->root, &s->made) == -1) {
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
	struct outfile	 o = OUTFILE_INIT;
	char		*path, *p, *dir;
	size_t		 len;

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
	len = strlen(s->root);
	path = xasprintf("%s%s%s", s->root, len > 0 && s->root[len - 1] ==
	    '/' ? "" : "/", name);
	/* Inside the folder nothing is followed: a link there is refused.
	 * The folder of the file before was checked (or made) already. */
	dir = strrchr(path, '/');
	if (s->checked == NULL || strlen(s->checked) != (size_t)(dir - path) ||
	    strncmp(s->checked, path, (size_t)(dir - path)) != 0) {
		for (p = strchr(path + strlen(path) - strlen(name), '/');
		    p != NULL; p = strchr(p + 1, '/')) {
			*p = '\0';
			if (make_dir(s, path, 0, NULL, NULL) == -1) {
				free(path);
				return NULL;
			}
			*p = '/';
		}
		free(s->checked);
		s->checked = xstrndup(path, (size_t)(dir - path));
	}
	if (s->made) {
		/* Nothing there but what this export wrote, and open's
		 * O_EXCL refuses that: no lstat. */
		o.path = xstrdup(path);
		o.mode = outfile_mode();
		s->f = direct_create(s, &o, &s->cur);
	} else if (outfile_check(path, OUTFILE_REGULAR_ONLY, &o) == 0)
		s->f = tmp_create(s, &o, &s->cur);
	outfile_release(&o);
	free(path);
	return s->f;
}

/* Everything written in the folder's file system on disk. 0 or -1. */
static int
sync_folder(struct sink *s)
{
	int	fd, rc = 0;

	if ((fd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    syncfs(fd) == -1)
		rc = error("%s: cannot sync the folder: %s", s->name,
		    strerror(errno));
	if (fd != -1)
		close(fd);
	return rc;
}

int
sink_commit(struct sink *s)
{
	struct tmpfile	*n;
	int		 rc = 0;

	if (s->cur == NULL)
		rc = finish_stream(s, 1);
	else
		rc = close_current(s);
	/* A folder's files (100,000 of them for a YOLO export) are synced
	 * by one syncfs before their renames and one after, not an fsync
	 * each: seconds, not minutes. */
	if (rc == 0 && s->dir)
		rc = sync_folder(s);
	for (n = temporaries; rc == 0 && n != NULL; n = n->next)
		if (n->owner == s && n->live && n->path != NULL) {
			/* A file's rename is on disk before "Exported" is
			 * said. */
			if ((rc = tmp_rename(n)) == 0 && !s->dir)
				rc = outfile_sync_dir(n->path, 0);
		}
	if (rc == 0 && s->dir)
		rc = sync_folder(s);
	direct_free(s);
	tmp_drop(s, rc == -1);
	free(s->checked);
	free(s->root);
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
	else if (s->cur == NULL)
		finish_stream(s, 0);
	direct_free(s);
	tmp_drop(s, 1);
	free(s->checked);
	free(s->root);
	free(s->name);
	free(s);
}
