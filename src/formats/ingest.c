/* Ingest (ingest.h): file add's files as task records. The command line
 * is expanded first (a missing path is an error before any work, and the
 * progress bar gets its total); then each file is opened in turn, its kind
 * decided by its bytes, and read whole: its text (a PDF's through
 * pdftotext) gives one record, or one per non-empty line. It is one walk
 * (expanding, sniffing, reading, the PDF child) over one state, which is
 * why it stays one file of some 700 lines. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "formats/ingest.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/fmode.h"
#include "util/imagesize.h"
#include "util/imgdecode.h"
#include "util/priv.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The largest text one file (or one PDF's text) may give. */
#define FILE_TEXT_MAX	(256UL * 1024 * 1024)
/* Directories deeper than this are refused (a guard, not a real limit). */
#define FILE_DEPTH_MAX	64

#define TAKES_TEXT	CONFIG_TAKES_TEXT
#define TAKES_IMAGE	CONFIG_TAKES_IMAGE

/* The names that claim a kind: such a file must be of it. */
static const char *const text_exts[] = { "txt", "text", "md", "markdown" };
static const char *const image_exts[] = { "png", "jpg", "jpeg", "jpe",
	"gif", "bmp", "webp", "pgm", "ppm", "pnm" };
#define IMAGE_FORMAT_NAMES	"PNG, JPEG, GIF, BMP, WebP, PGM or PPM"

/* The lower-case extension of path's last component, "" when none. */
static void
extension(const char *path, char out[16])
{
	const char	*slash = strrchr(path, '/'), *dot;
	size_t		 i;

	out[0] = '\0';
	dot = strrchr(slash != NULL ? slash + 1 : path, '.');
	if (dot == NULL || dot[1] == '\0' || strlen(dot + 1) >= 16)
		return;
	for (i = 0; dot[1 + i] != '\0'; i++)
		out[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ?
		    dot[1 + i] - 'A' + 'a' : dot[1 + i]);
	out[i] = '\0';
}

static int
ext_in(const char *ext, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(ext, list[i]) == 0)
			return 1;
	return 0;
}

/*
 * The files to look at, in order: expanding the command line first gives
 * the progress bar its total and finds a missing path before any work.
 */
struct entry {
	char		*path;
	int		 named;	/* on the command line, not found in a dir */
	const char	*skip;	/* listed and skipped for this reason */
};

struct entries {
	struct entry	*v;
	size_t		 n;
	size_t		 alloc;
	size_t		 files;	/* entries that are files to read */
};

static void
entries_add(struct entries *l, char *path, int named, const char *skip)
{
	ARRAY_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n].path = path;
	l->v[l->n].named = named;
	l->v[l->n].skip = skip;
	l->n++;
	if (skip == NULL)
		l->files++;
}

static void
entries_release(struct entries *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
}

/* Directories on the way down, to notice a symbolic link loop. */
struct dir_chain {
	dev_t			 dev;
	ino_t			 ino;
	const struct dir_chain	*up;
	int			 depth;
};

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
walk_dir(struct entries *l, const char *dir, const struct stat *dsb,
    const struct dir_chain *up)
{
	struct dirent		**names = NULL;
	struct dir_chain	 here = { dsb->st_dev, dsb->st_ino, up,
				    up != NULL ? up->depth + 1 : 0 };
	const struct dir_chain	*d;
	struct stat		 sb;
	char			*path;
	int			 n, i, rc = 0;

	for (d = up; d != NULL; d = d->up)
		if (d->dev == dsb->st_dev && d->ino == dsb->st_ino) {
			entries_add(l, xstrdup(dir), 0, "a directory loop"
			    " (through a symbolic link)");
			return 0;
		}
	if (here.depth >= FILE_DEPTH_MAX)
		return error("%s: more than %d directories deep", dir,
		    FILE_DEPTH_MAX);
	if ((n = scandir(dir, &names, NULL, by_name)) == -1)
		return error("%s: %s", dir, strerror(errno));
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		path = xasprintf("%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
		if (rc == -1)
			free(path);
		else if (name[0] == '.')
			entries_add(l, path, 0, "hidden");
		else if (stat(path, &sb) == -1)
			entries_add(l, path, 0, errno == ENOENT ?
			    "a broken symbolic link" : "cannot be examined");
		else if (S_ISDIR(sb.st_mode)) {
			rc = walk_dir(l, path, &sb, &here);
			free(path);
		} else if (S_ISREG(sb.st_mode))
			entries_add(l, path, 0, NULL);
		else
			entries_add(l, path, 0, "not a regular file");
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Expands the command line; a path that cannot be found is an error. */
static int
expand(struct entries *l, char *const *paths, size_t n)
{
	struct stat	sb;
	size_t		i;

	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0)
			entries_add(l, xstrdup("-"), 1, NULL);
		else if (stat(paths[i], &sb) == -1)
			return error("%s: %s", paths[i], strerror(errno));
		else if (S_ISDIR(sb.st_mode)) {
			if (walk_dir(l, paths[i], &sb, NULL) == -1)
				return -1;
		} else if (S_ISREG(sb.st_mode))
			entries_add(l, xstrdup(paths[i]), 1, NULL);
		else
			entries_add(l, xstrdup(paths[i]), 1,
			    "not a regular file");
	}
	return 0;
}

struct ingest {
	struct ingest_opts	 o;
	struct entries		 l;
	size_t			 next;		/* the entry to read next */
	struct ingest_stats	 stats;
	json_t			*skipped;	/* [{path, reason}] */

	/* The file being read. */
	int			 reading;	/* counted in stats.done after */
	int			 gave;		/* it gave a record */
	char			*abs;		/* its absolute path; NULL for
						 * standard input */
	struct buf		 data;		/* its text */
	char			*p, *end;	/* --lines: the text still to
						 * give, or NULL */
	unsigned long		 line;		/* --lines: of the last record */
	json_t			*meta;		/* the last record's, owned */
	const char		*path;		/* the entry being read, as
						 * given */

	/* Piped images kept in o.images by this add, removed at close
	 * unless kept (ingest_keep). */
	char			**made;
	size_t			 nmade, amade;
	int			 keep;
};

static int
skip(struct ingest *in, const char *path, const char *why)
{
	warning("%s: skipped: %s", path, why);
	json_array_append_new(in->skipped, json_pack("{s:s, s:s}", "path",
	    path, "reason", why));
	return 0;
}

/* A file that gives no task: refused when named, skipped in a directory;
 * why is freed. */
static int
unfit(struct ingest *in, const struct entry *e, char *why)
{
	int	rc;

	if (e->named)
		rc = error("%s: %s", e->path, why);
	else
		rc = skip(in, e->path, why);
	free(why);
	return rc;
}

/* A file of the wrong kind. */
static int
wrong_kind(struct ingest *in, const struct entry *e, const char *what)
{
	return unfit(in, e, xasprintf("%s, but project '%s' (%s) takes %s",
	    what, in->o.project, in->o.type, (in->o.takes & TAKES_TEXT) ?
	    "text" : "images"));
}

/* Reads all of fd into b; more than FILE_TEXT_MAX is refused. */
static int
read_all(int fd, const char *path, struct buf *b)
{
	ssize_t	n;

	for (;;) {
		buf_grow(b, 65536);
		n = read(fd, b->data + b->len, 65536);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return error("%s: %s", path, strerror(errno));
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len > FILE_TEXT_MAX)
			return error("%s: larger than %lu MiB, the most one"
			    " file may give as text", path,
			    FILE_TEXT_MAX >> 20);
	}
	return 0;
}

static unsigned long
line_of(const char *s, size_t off)
{
	unsigned long	line = 1;
	size_t		i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Where off is in its line, counting from 1, as import's messages count. */
static size_t
byte_in_line(const char *s, size_t off)
{
	size_t	start = off;

	while (start > 0 && s[start - 1] != '\n')
		start--;
	return off - start + 1;
}

static int
is_blank(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/*
 * Checks that s is text: no NUL, valid UTF-8. Strict (the file said it is
 * text) makes a failure an error; otherwise the file is listed and
 * skipped. Returns 1 for text, 0 skipped, -1 refused.
 */
static int
check_text(struct ingest *in, const char *path, const char *s, size_t len,
    int strict)
{
	const char	*nul;
	long		 bad;

	if ((nul = memchr(s, '\0', len)) != NULL) {
		if (!strict)
			return skip(in, path, "not a supported type (binary"
			    " data)");
		return error("%s:%lu: a NUL byte at byte %zu: not a text"
		    " file", path, line_of(s, (size_t)(nul - s)),
		    byte_in_line(s, (size_t)(nul - s)));
	}
	if ((bad = utf8_invalid_at(s, len)) >= 0) {
		if (!strict)
			return skip(in, path, "not a supported type (not"
			    " UTF-8 text)");
		return error("%s:%lu: invalid UTF-8 at byte %zu (0x%02x)",
		    path, line_of(s, (size_t)bad),
		    byte_in_line(s, (size_t)bad),
		    (unsigned)(unsigned char)s[bad]);
	}
	return 1;
}

/* The next non-blank line of the text still to give, as a record with
 * meta {"line": N}: 1, or 0 when there is none. */
static int
next_line(struct ingest *in, struct record *rec)
{
	char	*s, *nl;
	size_t	 n;

	while (in->p < in->end) {
		in->line++;
		s = in->p;
		if ((nl = memchr(s, '\n', (size_t)(in->end - s))) == NULL)
			nl = in->end;
		in->p = nl < in->end ? nl + 1 : in->end;
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (is_blank(s, n))
			continue;
		s[n] = '\0';	/* over its '\r' or '\n': it is passed */
		in->meta = json_pack("{s:I}", "line", (json_int_t)in->line);
		rec->line = in->line;
		rec->text = s;
		rec->text_len = n;
		rec->source = in->abs;
		rec->meta = in->meta;
		return 1;
	}
	in->p = NULL;
	return 0;
}

/* The file's text (valid, NUL-free, in in->data) as one record, or with
 * --lines the first of one per non-blank line. 1, or 0 when skipped. */
static int
text_record(struct ingest *in, const struct entry *e, struct record *rec)
{
	char	*p = in->data.data, *end = p + in->data.len;

	if (in->data.len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;		/* a byte order mark is not text */
	if (p == end)
		return skip(in, e->path, "an empty file");
	if (is_blank(p, (size_t)(end - p)))
		return skip(in, e->path, "only white space");
	if (in->o.lines) {
		in->p = p;
		in->end = end;
		in->line = 0;
		return next_line(in, rec);
	}
	rec->text = p;
	rec->text_len = (size_t)(end - p);
	rec->source = in->abs;
	return 1;
}

/*
 * Runs pdftotext on path (fork and exec, no shell) and appends its UTF-8
 * output to out. A missing pdftotext is reported with the package to
 * install.
 */
static int
pdf_text(const char *path, const char *shown, struct buf *out)
{
	char	*argv[] = { (char *)"pdftotext", (char *)"-q", (char *)"-enc",
		    (char *)"UTF-8", (char *)path, (char *)"-", NULL };
	int	 outp[2], errp[2], status, child_errno = 0, devnull, rc = 0;
	ssize_t	 n;
	pid_t	 pid;

	/* Never an outside program with the shared-host mode's group. */
	if (priv_held())
		return error("%s: refusing to run pdftotext while holding the"
		    " shared database's group", shown);
	if (pipe2(outp, O_CLOEXEC) == -1)
		return error("pipe: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) == -1) {
		close(outp[0]);
		close(outp[1]);
		return error("pipe: %s", strerror(errno));
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		close(outp[0]);
		close(outp[1]);
		close(errp[0]);
		close(errp[1]);
		return error("fork: %s", strerror(errno));
	}
	if (pid == 0) {
		priv_child();
		if ((devnull = open("/dev/null", O_RDWR)) != -1) {
			dup2(devnull, STDIN_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		dup2(outp[1], STDOUT_FILENO);
		execvp(argv[0], argv);
		child_errno = errno;
		n = write(errp[1], &child_errno, sizeof child_errno);
		_exit(127 + (n < 0));
	}
	close(outp[1]);
	close(errp[1]);
	for (;;) {
		buf_grow(out, 65536);
		n = read(outp[0], out->data + out->len, 65536);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len > FILE_TEXT_MAX) {
			rc = error("%s: its text is larger than %lu MiB, the"
			    " most one file may give", shown,
			    FILE_TEXT_MAX >> 20);
			kill(pid, SIGTERM);
			break;
		}
	}
	close(outp[0]);
	if (read(errp[0], &child_errno, sizeof child_errno) !=
	    (ssize_t)sizeof child_errno)
		child_errno = 0;
	close(errp[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (rc == -1)
		return -1;
	if (child_errno == ENOENT)
		return error("%s: reading a PDF needs pdftotext, which is not"
		    " installed: install the Debian package poppler-utils",
		    shown);
	if (child_errno != 0)
		return error("%s: cannot run pdftotext: %s", shown,
		    strerror(child_errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return error("%s: pdftotext could not read it (exit status"
		    " %d): a damaged or encrypted PDF?", shown,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

static int
read_pdf(struct ingest *in, const struct entry *e, struct record *rec)
{
	size_t	i;
	int	rc;

	if (!(in->o.takes & TAKES_TEXT))
		return wrong_kind(in, e, "a PDF");
	if (pdf_text(in->abs, e->path, &in->data) == -1)
		return -1;
	/* Pages end with a form feed: a line break reads better. */
	for (i = 0; i < in->data.len; i++)
		if (in->data.data[i] == '\f')
			in->data.data[i] = '\n';
	if (is_blank(buf_str(&in->data), in->data.len))
		return skip(in, e->path, "a PDF without text (scanned pages"
		    " need OCR first)");
	if ((rc = check_text(in, e->path, in->data.data, in->data.len, 1))
	    != 1)
		return rc;
	return text_record(in, e, rec);
}

/* An image task: its path (image and source), size and content hash;
 * path is the file as it is kept (a piped image's copy). */
static int
image_task(struct ingest *in, const char *path, int64_t hash,
    const struct imagesize *info, struct record *rec)
{
	in->meta = json_pack("{s:s}", "format", info->format);
	rec->image = path;
	rec->source = path;
	rec->meta = in->meta;
	rec->width = (int)info->width;
	rec->height = (int)info->height;
	rec->has_hash = 1;
	rec->hash = hash;
	return 1;
}

/*
 * Whether len bytes at data decode as the image their header says (the
 * system decoders, within util/imgdecode.h's limits; a JPEG at its
 * smallest DCT scale), so a truncated file, a broken one or a
 * decompression bomb is met when it is added, not when it is labelled.
 * 1, or 0 after reporting (an error where the file was named, a skip in
 * a folder).
 */
static int
decodes(struct ingest *in, const struct entry *e, const void *data,
    size_t len)
{
	struct img	im;
	char		err[200];

	if (img_decode(data, len, 1, 1, &im, err, sizeof err) == 0) {
		img_release(&im);
		return 1;
	}
	return unfit(in, e, xasprintf("not a valid image: %s", err));
}

static int
image_record(struct ingest *in, const struct entry *e, int fd,
    const struct imagesize *info, struct record *rec)
{
	struct stat	sb;
	int64_t		hash;
	int		rc;

	if (!(in->o.takes & TAKES_IMAGE))
		return wrong_kind(in, e, "an image");
	if (content_hash_fd(fd, &hash) == -1)
		return error("%s: %s", e->path, strerror(errno));
	if (fstat(fd, &sb) == -1)
		return error("%s: %s", e->path, strerror(errno));
	if (sb.st_size > IMG_FILE_MAX)
		return error("%s: an image of %lld bytes, more than the %ld MiB"
		    " scalec shows", e->path, (long long)sb.st_size,
		    IMG_FILE_MAX >> 20);
	buf_reset(&in->data);
	if (lseek(fd, 0, SEEK_SET) == -1 ||
	    read_all(fd, e->path, &in->data) == -1)
		return -1;
	rc = decodes(in, e, in->data.data, in->data.len);
	buf_reset(&in->data);
	if (rc != 1)
		return rc;
	return image_task(in, in->abs, hash, info, rec);
}

/*
 * Keeps a piped image's bytes in o.images (made when missing) as
 * HASH.FORMAT, written to a temporary and renamed, so that its task has a
 * file to point at; a file of that name is that content already. A file
 * made here is removed again by ingest_close unless ingest_keep was
 * called: a failed add leaves no file behind. The path in *out is owned
 * by in.
 */
static int
write_piped_image(struct ingest *in, int64_t hash, const char *format,
    char **out)
{
	struct stat	 sb;
	char		*tmp = NULL;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd = -1;

	if (in->o.images == NULL)
		return error("-: an image from standard input needs a place to"
		    " keep it");
	if (file_create_dir(in->o.images) == -1)
		return -1;
	*out = xasprintf("%s/%016llx.%s", in->o.images,
	    (unsigned long long)(uint64_t)hash, format);
	if (stat(*out, &sb) == 0)
		return 0;
	tmp = xasprintf("%s/.piped.XXXXXX", in->o.images);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		error("%s: %s", in->o.images, strerror(errno));
		goto fail;
	}
	while (off < in->data.len) {
		n = write(fd, in->data.data + off, in->data.len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			error("%s: %s", tmp, strerror(errno));
			goto fail;
		}
		off += (size_t)n;
	}
	if (file_create_fix(fd, tmp) == -1) {
		close(fd);
		fd = -1;
		goto fail;
	}
	if (fsync(fd) == -1 || close(fd) == -1) {
		fd = -1;
		error("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, *out) == -1) {
		error("%s: %s", *out, strerror(errno));
		goto fail;
	}
	free(tmp);
	ARRAY_GROW(in->made, in->nmade + 1, in->amade);
	in->made[in->nmade++] = xstrdup(*out);
	return 0;
fail:
	if (fd != -1)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(*out);
	*out = NULL;
	return -1;
}

/* Beside the shared database (shared-host mode) the folder and the file
 * are the database's group's, written with the group held for this alone
 * (the person cannot write there with their own rights, nor can anyone
 * put a file or a link there but scalec). */
static int
keep_piped_image(struct ingest *in, int64_t hash, const char *format,
    char **out)
{
	char	*db;
	int	 rc;

	if (!in->o.images_shared || in->o.images == NULL)
		return write_piped_image(in, hash, format, out);
	if (priv_raise() == -1)
		return -1;
	db = xstrndup(in->o.images, strlen(in->o.images) -
	    strlen(".images"));
	file_create_like(db);
	rc = write_piped_image(in, hash, format, out);
	file_create_share((gid_t)-1);
	priv_lower();
	free(db);
	return rc;
}

/* Standard input: text, or an image by its bytes (kept in o.images, since
 * an image task is a path); a PDF needs its path. */
static int
read_stdin(struct ingest *in, const struct entry *e, struct record *rec)
{
	struct imagesize	info;
	int64_t			hash;
	int			rc;

	if (read_all(STDIN_FILENO, "-", &in->data) == -1)
		return -1;
	rc = imagesize_buf(in->data.data, in->data.len, &info);
	/* A JPEG's walk goes on in the bytes already read. */
	while (rc == IMAGESIZE_MORE)
		rc = imagesize_jpeg_more(in->data.data + (info.next <
		    in->data.len ? info.next : in->data.len), info.next <
		    in->data.len ? in->data.len - info.next : 0, &info);
	if (rc == IMAGESIZE_BAD)
		return error("-: not a valid image: %s", info.why);
	if (rc == IMAGESIZE_OK) {
		if (!(in->o.takes & TAKES_IMAGE))
			return wrong_kind(in, e, "an image");
		if (decodes(in, e, in->data.data, in->data.len) != 1)
			return -1;
		hash = content_hash(in->data.data, in->data.len);
		free(in->abs);
		in->abs = NULL;
		if (keep_piped_image(in, hash, info.format, &in->abs) == -1)
			return -1;
		return image_task(in, in->abs, hash, &info, rec);
	}
	if (in->data.len >= 5 && memcmp(in->data.data, "%PDF-", 5) == 0)
		return error("-: a PDF from standard input: name it by its path,"
		    " for pdftotext");
	if (!(in->o.takes & TAKES_TEXT))
		return wrong_kind(in, e, "text");
	if ((rc = check_text(in, "-", in->data.data, in->data.len, 1)) != 1)
		return rc;
	return text_record(in, e, rec);
}

/* 1 when the first bytes (len of a longer file when more) look binary. */
static int
looks_binary(const char *s, size_t len, int more)
{
	long	bad;

	if (memchr(s, '\0', len) != NULL)
		return 1;
	bad = utf8_invalid_at(s, len);
	/* A character cut at the end of the look is not a fault. */
	return bad >= 0 && !(more && (size_t)bad + 4 > len);
}

/*
 * Reads a file: 1 with a record, 0 when it is skipped, -1 refused. The
 * bytes decide: an image by its signature, whatever its name (a PNG named
 * .txt is an image); a PDF by its signature; then text. A name still
 * claims: a .txt must be text when it is no image, a .png must not be
 * binary data of no kind known here, a .pdf must be a PDF.
 */
static int
read_file(struct ingest *in, const struct entry *e, struct record *rec)
{
	struct imagesize	 info;
	char			 ext[16], head[1024];
	ssize_t			 n;
	int			 fd, rc = -1, strict, r;

	if ((fd = open(e->path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1)
		return error("%s: %s", e->path, strerror(errno));
	if ((in->abs = realpath(e->path, NULL)) == NULL) {
		error("%s: %s", e->path, strerror(errno));
		goto out;
	}
	extension(e->path, ext);
	strict = ext_in(ext, text_exts, ARRAY_SIZE(text_exts));
	r = imagesize_fd(fd, &info);
	if (r == IMAGESIZE_OK) {
		rc = image_record(in, e, fd, &info, rec);
		goto out;
	}
	/* A broken header of a weak signature in a file named as text is
	 * text that happens to begin like an image ("P5 is..."). */
	if (r == IMAGESIZE_BAD && !strict) {
		if (info.format == NULL)
			error("%s: %s", e->path, info.why);
		else
			error("%s: not a valid image: %s", e->path, info.why);
		goto out;
	}
	if ((n = pread(fd, head, sizeof head, 0)) == -1) {
		error("%s: %s", e->path, strerror(errno));
		goto out;
	}
	/* A PDF may have bytes before its signature; a text named so only
	 * counts as one when it starts with it. */
	if (strict ? n >= 5 && memcmp(head, "%PDF-", 5) == 0 :
	    memmem(head, (size_t)n, "%PDF-", 5) != NULL) {
		rc = read_pdf(in, e, rec);
		goto out;
	}
	if (strcmp(ext, "pdf") == 0) {
		error("%s: named like a PDF, but it is not one", e->path);
		goto out;
	}
	if (!strict && looks_binary(head, (size_t)n, n == (ssize_t)sizeof head)) {
		if (ext_in(ext, image_exts, ARRAY_SIZE(image_exts)))
			error("%s: named like an image, but its content is"
			    " not " IMAGE_FORMAT_NAMES, e->path);
		else
			rc = skip(in, e->path, "not a supported type (binary"
			    " data)");
		goto out;
	}
	if (!(in->o.takes & TAKES_TEXT)) {
		rc = wrong_kind(in, e, "text");
		goto out;
	}
	if (read_all(fd, e->path, &in->data) == -1)
		goto out;
	if ((rc = check_text(in, e->path, buf_str(&in->data), in->data.len,
	    strict)) == 1)
		rc = text_record(in, e, rec);
out:
	close(fd);
	return rc;
}

/* Done with the current file: it counts as read. */
static void
file_done(struct ingest *in)
{
	if (!in->reading)
		return;
	in->reading = 0;
	in->stats.done++;
	in->gave = 0;
	in->p = NULL;
	buf_reset(&in->data);
	free(in->abs);
	in->abs = NULL;
}

struct ingest *
ingest_open(char *const *paths, size_t n, const struct ingest_opts *o)
{
	struct ingest	*in = xcalloc(1, sizeof *in);

	in->o = *o;
	in->skipped = json_array();
	if (expand(&in->l, paths, n) == -1) {
		ingest_close(in);
		return NULL;
	}
	in->stats.files = in->l.files;
	return in;
}

int
ingest_next(struct ingest *in, struct record *rec)
{
	const struct entry	*e;
	int			 rc;

	memset(rec, 0, sizeof *rec);
	json_decref(in->meta);
	in->meta = NULL;
	for (;;) {
		if (in->p != NULL)
			rc = next_line(in, rec);
		else {
			file_done(in);
			if (in->next == in->l.n)
				return 0;
			e = &in->l.v[in->next++];
			if (e->skip != NULL) {
				skip(in, e->path, e->skip);
				continue;
			}
			in->reading = 1;
			in->path = e->path;
			if (e->named && strcmp(e->path, "-") == 0)
				rc = read_stdin(in, e, rec);
			else
				rc = read_file(in, e, rec);
		}
		if (rc == -1)
			return -1;
		if (rc == 1) {
			if (!in->gave)
				in->stats.gave++;
			in->gave = 1;
			return 1;
		}
	}
}

const struct ingest_stats *
ingest_stats(const struct ingest *in)
{
	return &in->stats;
}

json_t *
ingest_skipped(const struct ingest *in)
{
	return in->skipped;
}

const char *
ingest_path(const struct ingest *in)
{
	return in->path;
}

void
ingest_keep(struct ingest *in)
{
	in->keep = 1;
}

void
ingest_close(struct ingest *in)
{
	size_t	i;

	if (in == NULL)
		return;
	if (!in->keep && in->nmade > 0 && in->o.images_shared &&
	    priv_raise() == -1)
		in->keep = 1;	/* cannot: an unused file stays */
	for (i = 0; i < in->nmade; i++) {
		if (!in->keep)
			unlink(in->made[i]);
		free(in->made[i]);
	}
	if (!in->keep && in->nmade > 0 && in->o.images_shared)
		priv_lower();
	free(in->made);
	entries_release(&in->l);
	json_decref(in->skipped);
	json_decref(in->meta);
	buf_release(&in->data);
	free(in->abs);
	free(in);
}
