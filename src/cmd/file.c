/* scalec file: tasks from files. add turns text files, images and PDFs
 * (directories walked in sorted order) into tasks in one transaction, so a
 * bad file adds nothing; list, show and remove work on the tasks.
 *
 * What a file is comes from its content, with its name as a claim: a .txt
 * or .md file must be UTF-8 text, a .png must be an image, a .pdf a PDF, or
 * the command fails. A file of no known name is an image or a PDF by its
 * signature, text when it is valid UTF-8 without NUL, and otherwise listed
 * and skipped. An image in a text project (or text in an image project) is
 * refused when named on the command line, and listed and skipped when found
 * in a directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "model/config.h"
#include "store/project.h"
#include "store/store.h"
#include "store/task.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/imagesize.h"
#include "util/opt.h"
#include "util/progress.h"
#include "util/table.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

/* The largest text one file (or one PDF's text) may give. */
#define FILE_TEXT_MAX	(256UL * 1024 * 1024)
/* Directories deeper than this are refused (a guard, not a real limit). */
#define FILE_DEPTH_MAX	64
/* Bytes of text kept for a list preview, before the table trims it. */
#define PREVIEW_BYTES	240

#define TAKES_TEXT	CONFIG_TAKES_TEXT
#define TAKES_IMAGE	CONFIG_TAKES_IMAGE

enum {
	OPT_JSON = 1000,
	OPT_LINES,
	OPT_STATUS,
};

static const char *const file_usage[] = {
	"scalec file add PROJECT PATH... [--lines] [--json]",
	"scalec file list PROJECT [--status STATUS] [--json]",
	"scalec file show ID [--json]",
	"scalec file remove ID... [--json]",
	"",
	"add: a text file (.txt, .md, or any UTF-8 text) is one task, or one",
	"per non-empty line with --lines; an image (PNG, JPEG, GIF, BMP, WebP)",
	"is a task by its path; a PDF's text comes from pdftotext; directories",
	"are walked in sorted order; - reads text from standard input. Other",
	"files are listed and skipped. Statuses: " TASK_STATUS_NAMES ".",
	"See scalec-file(1).",
	NULL
};

static const struct opt add_opts[] = {
	{ "lines", 'l', OPT_NOARG, OPT_LINES, NULL,
	    "one task per non-empty line of text" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const struct opt list_opts[] = {
	{ "status", 's', OPT_ARG, OPT_STATUS, "STATUS",
	    "only tasks that are new, in-progress or done" },
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const struct opt json_opts[] = {
	{ "json", 0, OPT_NOARG, OPT_JSON, NULL, "print JSON" },
	{ NULL, 0, 0, 0, NULL, NULL }
};

static const char *const text_exts[] = { "txt", "text", "md", "markdown" };
static const char *const image_exts[] = { "png", "jpg", "jpeg", "jpe",
	"gif", "bmp", "webp" };

/* Parses options into *json and, for add and list, *lines and *status. */
static void
parse(struct optparse *op, int argc, char **argv, const struct opt *opts,
    int *json, int *lines, int *status)
{
	int	o;

	optparse_init(op, argc, argv, opts, file_usage);
	while ((o = optparse_next(op)) != -1) {
		if (o == OPT_JSON)
			*json = 1;
		else if (o == OPT_LINES)
			*lines = 1;
		else if (o == OPT_STATUS) {
			if ((*status = task_status_from_name(op->arg)) < 0)
				usage_die(file_usage, opts, "--status: '%s'"
				    " is not a status (%s)", op->arg,
				    TASK_STATUS_NAMES);
		}
	}
}

/* What kinds of task a project takes (config_takes). */
static int
project_takes(const struct project *p)
{
	struct config	*cfg;
	int		 takes;

	cfg = config_parse(p->config, strlen(p->config), p->name);
	takes = config_takes(cfg, p->type);
	config_free(cfg);
	return takes;
}

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
expand(struct entries *l, char **paths, int n)
{
	struct stat	sb;
	int		i;

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

/* One file add, all in one transaction. */
struct add {
	struct ctx	*c;
	struct project	 p;
	int		 takes;		/* TAKES_TEXT | TAKES_IMAGE */
	int		 lines;		/* --lines */
	int64_t		 added;
	int64_t		 first_id, last_id;
	size_t		 files;		/* files that gave tasks */
	json_t		*skipped;	/* [{path, reason}] */
};

static int
skip(struct add *a, const char *path, const char *why)
{
	warning("%s: skipped: %s", path, why);
	json_array_append_new(a->skipped, json_pack("{s:s, s:s}", "path",
	    path, "reason", why));
	return 0;
}

/* A file of the wrong kind: refused when named, skipped in a directory. */
static int
wrong_kind(struct add *a, const struct entry *e, const char *what)
{
	char	*why;
	int	 rc;

	why = xasprintf("%s, but project '%s' (%s) takes %s", what, a->p.name,
	    a->p.type, (a->takes & TAKES_TEXT) ? "text" : "images");
	if (e->named)
		rc = error("%s: %s", e->path, why);
	else
		rc = skip(a, e->path, why);
	free(why);
	return rc;
}

static int
add_task(struct add *a, struct task *t)
{
	t->project_id = a->p.id;
	if (store_task_add(a->c->st, t) == -1)
		return -1;
	if (a->first_id == 0)
		a->first_id = t->id;
	a->last_id = t->id;
	a->added++;
	return 0;
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
check_text(struct add *a, const char *path, const char *s, size_t len,
    int strict)
{
	const char	*nul;
	long		 bad;

	if ((nul = memchr(s, '\0', len)) != NULL) {
		if (!strict)
			return skip(a, path, "not a supported type (binary"
			    " data)");
		return error("%s:%lu: a NUL byte at byte %zu: not a text"
		    " file", path, line_of(s, (size_t)(nul - s)),
		    byte_in_line(s, (size_t)(nul - s)));
	}
	if ((bad = utf8_invalid_at(s, len)) >= 0) {
		if (!strict)
			return skip(a, path, "not a supported type (not"
			    " UTF-8 text)");
		return error("%s:%lu: invalid UTF-8 at byte %zu (0x%02x)",
		    path, line_of(s, (size_t)bad),
		    byte_in_line(s, (size_t)bad),
		    (unsigned)(unsigned char)s[bad]);
	}
	return 1;
}

/* Adds text (valid, NUL-free) as one task or one per non-blank line. */
static int
add_text(struct add *a, const struct entry *e, const char *s, size_t len,
    const char *source)
{
	struct task	 t = TASK_INIT;
	const char	*p = s, *end = s + len, *nl;
	char		 meta[48];
	unsigned long	 line = 0;
	size_t		 n;
	int		 rc = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		p += 3;		/* a byte order mark is not text */
	if (p == end)
		return skip(a, e->path, "an empty file");
	if (is_blank(p, (size_t)(end - p)))
		return skip(a, e->path, "only white space");
	t.kind = (char *)"text";
	t.source = (char *)source;
	if (!a->lines) {
		t.text = xstrndup(p, (size_t)(end - p));
		rc = add_task(a, &t);
		free(t.text);
		return rc;
	}
	while (rc == 0 && p < end) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (!is_blank(p, n)) {
			snprintf(meta, sizeof meta, "{\"line\": %lu}", line);
			t.text = xstrndup(p, n);
			t.meta = meta;
			rc = add_task(a, &t);
			free(t.text);
		}
		p = nl + 1;
	}
	return rc;
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
add_pdf(struct add *a, const struct entry *e, const char *abs)
{
	struct buf	text = BUF_INIT;
	size_t		i;
	int		rc;

	if (!(a->takes & TAKES_TEXT))
		return wrong_kind(a, e, "a PDF");
	if ((rc = pdf_text(abs, e->path, &text)) == 0) {
		/* Pages end with a form feed: a line break reads better. */
		for (i = 0; i < text.len; i++)
			if (text.data[i] == '\f')
				text.data[i] = '\n';
		if (is_blank(buf_str(&text), text.len))
			rc = skip(a, e->path, "a PDF without text (scanned"
			    " pages need OCR first)");
		else if ((rc = check_text(a, e->path, text.data, text.len,
		    1)) == 1)
			rc = add_text(a, e, text.data, text.len, abs);
	}
	buf_release(&text);
	return rc;
}

static int
add_image(struct add *a, const struct entry *e, const char *abs,
    const struct imagesize *info)
{
	struct task	t = TASK_INIT;
	char		meta[48];

	if (!(a->takes & TAKES_IMAGE))
		return wrong_kind(a, e, "an image");
	snprintf(meta, sizeof meta, "{\"format\": \"%s\"}", info->format);
	t.kind = (char *)"image";
	t.image = (char *)abs;
	t.source = (char *)abs;
	t.meta = meta;
	t.width = (int)info->width;
	t.height = (int)info->height;
	return add_task(a, &t);
}

/* Standard input: text only, since an image task needs a path. */
static int
add_stdin(struct add *a, const struct entry *e)
{
	struct buf		in = BUF_INIT;
	struct imagesize	info;
	int			rc;

	if (!(a->takes & TAKES_TEXT))
		return wrong_kind(a, e, "text");
	if ((rc = read_all(STDIN_FILENO, "-", &in)) == 0) {
		if (imagesize_buf(in.data, in.len, &info) != IMAGESIZE_NONE ||
		    (in.len >= 5 && memcmp(in.data, "%PDF-", 5) == 0))
			rc = error("-: standard input gives text only; name"
			    " an image or a PDF by its path");
		else if ((rc = check_text(a, "-", in.data, in.len, 1)) == 1)
			rc = add_text(a, e, in.data, in.len, NULL);
	}
	buf_release(&in);
	return rc;
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

static int
add_file(struct add *a, const struct entry *e)
{
	struct imagesize	 info;
	struct buf		 data = BUF_INIT;
	char			 ext[16], head[1024], *abs = NULL;
	ssize_t			 n;
	int			 fd, rc = -1, strict, r;

	if ((fd = open(e->path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1)
		return error("%s: %s", e->path, strerror(errno));
	if ((abs = realpath(e->path, NULL)) == NULL) {
		error("%s: %s", e->path, strerror(errno));
		goto out;
	}
	extension(e->path, ext);
	strict = ext_in(ext, text_exts, ARRAY_SIZE(text_exts));
	if (strict && !(a->takes & TAKES_TEXT)) {
		rc = wrong_kind(a, e, "text");
		goto out;
	}
	if (!strict) {
		r = imagesize_fd(fd, &info);
		if (r == IMAGESIZE_OK) {
			rc = add_image(a, e, abs, &info);
			goto out;
		}
		if (r == IMAGESIZE_BAD) {
			if (info.format == NULL)
				error("%s: %s", e->path, info.why);
			else
				error("%s: not a valid image: %s", e->path,
				    info.why);
			goto out;
		}
		if (ext_in(ext, image_exts, ARRAY_SIZE(image_exts))) {
			error("%s: named like an image, but its content is"
			    " not PNG, JPEG, GIF, BMP or WebP", e->path);
			goto out;
		}
		if ((n = pread(fd, head, sizeof head, 0)) == -1) {
			error("%s: %s", e->path, strerror(errno));
			goto out;
		}
		if (memmem(head, (size_t)n, "%PDF-", 5) != NULL) {
			rc = add_pdf(a, e, abs);
			goto out;
		}
		if (strcmp(ext, "pdf") == 0) {
			error("%s: named like a PDF, but it is not one",
			    e->path);
			goto out;
		}
		if (looks_binary(head, (size_t)n, n == (ssize_t)sizeof head)) {
			rc = skip(a, e->path, "not a supported type (binary"
			    " data)");
			goto out;
		}
	}
	if (read_all(fd, e->path, &data) == -1)
		goto out;
	if ((rc = check_text(a, e->path, buf_str(&data), data.len,
	    strict)) == 1) {
		if (!(a->takes & TAKES_TEXT))
			rc = wrong_kind(a, e, "text");
		else
			rc = add_text(a, e, data.data, data.len, abs);
	}
out:
	buf_release(&data);
	free(abs);
	close(fd);
	return rc;
}

static int
add_entry(struct add *a, const struct entry *e)
{
	int64_t	before = a->added;
	int	rc;

	if (e->skip != NULL)
		return skip(a, e->path, e->skip);
	if (e->named && strcmp(e->path, "-") == 0)
		rc = add_stdin(a, e);
	else
		rc = add_file(a, e);
	progress_step(1);
	if (rc == 0 && a->added > before)
		a->files++;
	return rc;
}

static int
file_add(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct add	 a;
	struct entries	 l = { NULL, 0, 0, 0 };
	const char	*pname;
	char		*detail;
	size_t		 i, nskipped;
	int		 json = 0, rc = EXIT_FAILURE_DATA, tx = 0, nstdin = 0;

	memset(&a, 0, sizeof a);
	a.p = (struct project)PROJECT_INIT;
	parse(&op, argc, argv, add_opts, &json, &a.lines, NULL);
	if (optparse_nargs(&op) < 2)
		usage_die(file_usage, add_opts, "file add needs a PROJECT and"
		    " at least one PATH");
	pname = optparse_arg(&op, 0);
	for (i = 1; i < (size_t)optparse_nargs(&op); i++)
		nstdin += strcmp(optparse_arg(&op, (int)i), "-") == 0;
	if (nstdin > 1)
		usage_die(file_usage, add_opts, "- (standard input) may be"
		    " given once");
	a.c = c;
	a.skipped = json_array();
	if (ctx_open(c) == -1 || ctx_project(c, pname, ACT_TASK_ADD, &a.p) == -1)
		goto out;
	a.takes = project_takes(&a.p);
	if (expand(&l, op.argv + op.ind + 1, optparse_nargs(&op) - 1) == -1)
		goto out;
	if (store_begin(c->st) == -1)
		goto out;
	tx = 1;
	if (l.files > 1) {
		error_set_handler(progress_error_handler);
		progress_start("adding files", l.files);
	}
	for (i = 0; i < l.n; i++)
		if (add_entry(&a, &l.v[i]) == -1)
			goto out;
	progress_done();
	nskipped = json_array_size(a.skipped);
	if (a.added == 0) {
		error("nothing added to '%s': no file gave a task (%zu"
		    " skipped)", a.p.name, nskipped);
		goto out;
	}
	detail = xasprintf("%" PRId64 " tasks from %zu files", a.added,
	    a.files);
	rc = store_project_recount(c->st, a.p.id) == -1 ||
	    ctx_audit(c, "file.add", a.p.name, detail) == -1 ||
	    store_commit(c->st) == -1 ? EXIT_FAILURE_DATA : 0;
	free(detail);
	if (rc != 0)
		goto out;
	tx = 0;
	if (json)
		json_print(json_pack("{s:s, s:I, s:I, s:I, s:I, s:O}",
		    "project", a.p.name, "added", (json_int_t)a.added,
		    "files", (json_int_t)a.files, "first_id",
		    (json_int_t)a.first_id, "last_id", (json_int_t)a.last_id,
		    "skipped", a.skipped));
	else
		printf("Added %" PRId64 " task%s to %s from %zu file%s;"
		    " skipped %zu file%s.\n", a.added, a.added == 1 ? "" : "s",
		    a.p.name, a.files, a.files == 1 ? "" : "s", nskipped,
		    nskipped == 1 ? "" : "s");
out:
	progress_done();
	error_set_handler(NULL);
	if (tx && rc != 0)
		store_rollback(c->st);
	optparse_release(&op);
	entries_release(&l);
	json_decref(a.skipped);
	project_release(&a.p);
	return rc;
}

/* A preview of a task for a list: the start of its text, or its path. */
static char *
preview(const struct task *t)
{
	const char	*s = t->text != NULL ? t->text : t->image;
	size_t		 len, cut;

	if (s == NULL)
		return xstrdup("");
	len = strlen(s);
	if (t->text == NULL || len <= PREVIEW_BYTES)
		return xstrdup(s);
	/* Cut at a character boundary; the table trims to its width. */
	cut = PREVIEW_BYTES;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return xasprintf("%.*s~", (int)cut, s);
}

/* An image path trimmed from the left, where the file name is. */
static char *
path_tail(const char *path, size_t max)
{
	size_t	len = strlen(path), from;

	if (len <= max)
		return xstrdup(path);
	from = len - (max - 1);
	while (from < len && ((unsigned char)path[from] & 0xc0) == 0x80)
		from++;
	return xasprintf("~%s", path + from);
}

struct list_state {
	struct table	*t;
	int		 overlap;
	int		 json;
	int		 first;
};

static json_t *
task_json_brief(const struct task *t, int overlap)
{
	json_t	*j;
	char	*pv = preview(t);

	j = json_pack("{s:I, s:o, s:s, s:s, s:i, s:s}", "id",
	    (json_int_t)t->id, "ext_id", json_str_or_null(t->ext_id), "kind",
	    t->kind, "status", task_status_name(task_status_of(t->submitted, overlap)),
	    "submitted", t->submitted, "preview", pv);
	if (t->image != NULL) {
		json_object_set_new(j, "width", json_integer(t->width));
		json_object_set_new(j, "height", json_integer(t->height));
	}
	free(pv);
	return j;
}

/* Prints one array element, indented as json_print would. */
static void
print_json_element(json_t *j, int first)
{
	char	*s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER), *p;

	fputs(first ? "[\n  " : ",\n  ", stdout);
	for (p = s; *p != '\0'; p++) {
		fputc(*p, stdout);
		if (*p == '\n')
			fputs("  ", stdout);
	}
	free(s);
	json_decref(j);
}

static int
list_row(const struct task *t, void *arg)
{
	struct list_state	*ls = arg;
	char			 id[24], *pv;

	if (ls->json) {
		print_json_element(task_json_brief(t, ls->overlap), ls->first);
		ls->first = 0;
		return 0;
	}
	snprintf(id, sizeof id, "%" PRId64, t->id);
	pv = t->text != NULL ? preview(t) : path_tail(t->image != NULL ?
	    t->image : "", 60);
	table_addv(ls->t, id, t->ext_id != NULL ? t->ext_id : "", t->kind,
	    task_status_name(task_status_of(t->submitted, ls->overlap)), pv);
	free(pv);
	return 0;
}

static int
file_list(struct ctx *c, int argc, char **argv)
{
	static const char *const headers[] = { "ID", "EXT ID", "KIND",
	    "STATUS", "TEXT OR IMAGE", NULL };
	struct optparse		 op;
	struct project		 p = PROJECT_INIT;
	struct list_state	 ls = { NULL, 0, 0, 1 };
	const char		*pname;
	int			 status = -1;
	int			 rc = EXIT_FAILURE_DATA;

	parse(&op, argc, argv, list_opts, &ls.json, NULL, &status);
	if (optparse_nargs(&op) != 1)
		usage_die(file_usage, list_opts, "file list needs one"
		    " PROJECT");
	pname = optparse_arg(&op, 0);
	optparse_release(&op);
	if (ctx_open(c) == -1 || ctx_project(c, pname, ACT_PROJECT_READ, &p) == -1)
		goto out;
	ls.overlap = p.overlap;
	if (!ls.json) {
		ls.t = table_new(headers);
		table_set_max(ls.t, 1, 20);
		table_set_max(ls.t, 4, 60);
	}
	if (store_task_each(c->st, p.id, status, list_row, &ls) != 0) {
		if (ls.json && !ls.first)
			fputs("\n]\n", stdout);	/* keep what was printed JSON */
		goto out;
	}
	rc = 0;
	if (ls.json)
		fputs(ls.first ? "[]\n" : "\n]\n", stdout);
	else
		table_print(ls.t, stdout);
out:
	if (ls.t != NULL)
		table_free(ls.t);
	project_release(&p);
	return rc;
}

/* A task id from the command line; a usage error when it is not one. */
static int64_t
parse_id(const struct opt *opts, const char *s)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v <= 0)
		usage_die(file_usage, opts, "'%s' is not a task id (a"
		    " positive number, as 'file list' shows)", s);
	return (int64_t)v;
}

static json_t *
json_or_raw(const char *s)
{
	json_t	*j;

	if (s == NULL)
		return json_null();
	if ((j = json_loads(s, JSON_DECODE_ANY, NULL)) == NULL)
		j = json_string(s);
	return j;
}

static int
file_show(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	struct buf	 b = BUF_INIT;
	int64_t		 id, nann;
	char		 num[64];
	int		 json = 0, rc = EXIT_FAILURE_DATA, r;

	parse(&op, argc, argv, json_opts, &json, NULL, NULL);
	if (optparse_nargs(&op) != 1)
		usage_die(file_usage, json_opts, "file show needs one ID");
	id = parse_id(json_opts, optparse_arg(&op, 0));
	optparse_release(&op);
	if (ctx_open(c) == -1 || (r = store_task_get(c->st, id, &t)) == -1)
		goto out;
	if (r == 0) {
		error("no task %" PRId64, id);
		goto out;
	}
	if (ctx_require(c, ACT_PROJECT_READ, t.project_id) == -1 ||
	    store_project_get_id(c->st, t.project_id, &p) != 1 ||
	    (nann = store_task_annotations(c->st, t.id)) == -1)
		goto out;
	rc = 0;
	if (json) {
		json_t *j = json_pack("{s:I, s:s, s:o, s:s, s:s, s:i, s:i,"
		    " s:I, s:i, s:o, s:o}", "id", (json_int_t)t.id, "project",
		    p.name, "ext_id", json_str_or_null(t.ext_id), "kind",
		    t.kind, "status", task_status_name(task_status_of(t.submitted, p.overlap)),
		    "submitted", t.submitted, "overlap", p.overlap,
		    "annotations", (json_int_t)nann, "priority", t.priority,
		    "text", json_str_or_null(t.text), "image",
		    json_str_or_null(t.image));

		json_object_set_new(j, "width", t.image != NULL ?
		    json_integer(t.width) : json_null());
		json_object_set_new(j, "height", t.image != NULL ?
		    json_integer(t.height) : json_null());
		json_object_set_new(j, "source", json_str_or_null(t.source));
		json_object_set_new(j, "meta", json_or_raw(t.meta));
		json_object_set_new(j, "gold", json_or_raw(t.gold));
		json_object_set_new(j, "created_at", json_string(t.created_at));
		json_print(j);
		goto out;
	}
	snprintf(num, sizeof num, "%" PRId64, t.id);
	print_field(stdout, "id", num);
	print_field(stdout, "project", p.name);
	print_field(stdout, "ext id", t.ext_id);
	print_field(stdout, "kind", t.kind);
	snprintf(num, sizeof num, "%s (%d of %d submitted)",
	    task_status_name(task_status_of(t.submitted, p.overlap)),
	    t.submitted, p.overlap);
	print_field(stdout, "status", num);
	snprintf(num, sizeof num, "%" PRId64 " (drafts too)", nann);
	print_field(stdout, "annotations", num);
	snprintf(num, sizeof num, "%d", t.priority);
	print_field(stdout, "priority", num);
	if (t.image != NULL) {
		print_field(stdout, "image", t.image);
		snprintf(num, sizeof num, "%d x %d", t.width, t.height);
		print_field(stdout, "size", num);
	}
	print_field(stdout, "source", t.source);
	print_field(stdout, "meta", t.meta);
	if (t.gold != NULL)
		print_field(stdout, "gold", t.gold);
	print_field(stdout, "created", t.created_at);
	if (t.text != NULL) {
		/* The whole text, escaped, with its own line breaks. */
		escape_add(&b, t.text, strlen(t.text), ESCAPE_KEEP_NEWLINE |
		    ESCAPE_KEEP_TAB);
		printf("text:\n%s%s", buf_str(&b),
		    b.len > 0 && b.data[b.len - 1] == '\n' ? "" : "\n");
	}
out:
	buf_release(&b);
	task_release(&t);
	project_release(&p);
	return rc;
}

static int
file_remove(struct ctx *c, int argc, char **argv)
{
	struct optparse	 op;
	struct task	 t = TASK_INIT;
	struct project	 p = PROJECT_INIT;
	int64_t		*ids = NULL, *projects = NULL, nann, total = 0;
	size_t		 nids = 0, nprojects = 0, aprojects = 0, i, j;
	json_t		*removed = NULL;
	char		*detail;
	int		 json = 0, rc = EXIT_FAILURE_DATA, tx = 0, r;

	parse(&op, argc, argv, json_opts, &json, NULL, NULL);
	if (optparse_nargs(&op) < 1)
		usage_die(file_usage, json_opts, "file remove needs at least"
		    " one ID");
	ids = xcalloc((size_t)optparse_nargs(&op), sizeof *ids);
	for (i = 0; i < (size_t)optparse_nargs(&op); i++) {
		int64_t id = parse_id(json_opts, optparse_arg(&op, (int)i));

		for (j = 0; j < nids && ids[j] != id; j++)
			;
		if (j == nids)
			ids[nids++] = id;	/* once each */
	}
	optparse_release(&op);
	if (ctx_open(c) == -1 || store_begin(c->st) == -1)
		goto out;
	tx = 1;
	removed = json_array();
	for (i = 0; i < nids; i++) {
		if ((r = store_task_get(c->st, ids[i], &t)) == -1)
			goto out;
		if (r == 0) {
			error("no task %" PRId64 "; nothing was removed",
			    ids[i]);
			goto out;
		}
		if (ctx_require(c, ACT_TASK_REMOVE, t.project_id) == -1 ||
		    store_project_get_id(c->st, t.project_id, &p) != 1 ||
		    (nann = store_task_annotations(c->st, t.id)) == -1 ||
		    store_task_remove(c->st, t.id) != 1)
			goto out;
		detail = xasprintf("task %" PRId64 " (%" PRId64
		    " annotations)", t.id, nann);
		r = ctx_audit(c, "file.remove", p.name, detail);
		free(detail);
		if (r == -1)
			goto out;
		total += nann;
		json_array_append_new(removed, json_integer(t.id));
		for (j = 0; j < nprojects && projects[j] != t.project_id; j++)
			;
		if (j == nprojects) {
			ARRAY_GROW(projects, nprojects + 1, aprojects);
			projects[nprojects++] = t.project_id;
		}
	}
	for (j = 0; j < nprojects; j++)
		if (store_project_recount(c->st, projects[j]) == -1)
			goto out;
	if (store_commit(c->st) == -1)
		goto out;
	tx = 0;
	rc = 0;
	if (json)
		json_print(json_pack("{s:O, s:I}", "removed", removed,
		    "annotations", (json_int_t)total));
	else
		printf("Removed %zu task%s and %" PRId64 " annotation%s.\n",
		    nids, nids == 1 ? "" : "s", total, total == 1 ? "" : "s");
out:
	if (tx)
		store_rollback(c->st);
	json_decref(removed);
	free(ids);
	free(projects);
	task_release(&t);
	project_release(&p);
	return rc;
}

static const struct subcmd file_cmds[] = {
	{ "add", file_add },
	{ "list", file_list },
	{ "remove", file_remove },
	{ "show", file_show },
};

static int
cmd_file_exec(struct ctx *c, int argc, char **argv)
{
	return cmd_dispatch(c, argc, argv, file_cmds, ARRAY_SIZE(file_cmds),
	    file_usage);
}

const struct cmd_entry cmd_file_entry = {
	.name = "file",
	.summary = "add files as tasks; list, show and remove tasks",
	.exec = cmd_file_exec,
};
