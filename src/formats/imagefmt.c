/* The image formats' shared parts (imagefmt.h): a sorted walk that holds
 * one directory's names per level, exact pixel coordinates, labels by
 * name. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/format.h"
#include "formats/imagefmt.h"
#include "model/config.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/imagesize.h"
#include "util/input.h"
#include "util/jsonw.h"
#include "util/xmalloc.h"

const char *const image_exts[] = { ".jpg", ".jpeg", ".png", ".bmp", ".gif",
	".webp", ".tif", ".tiff", ".pgm", ".ppm", NULL };

int
walk_ext(const char *name, const char *const *exts)
{
	size_t	n = strlen(name), e;

	for (; *exts != NULL; exts++) {
		e = strlen(*exts);
		if (n > e && strcasecmp(name + n - e, *exts) == 0)
			return 1;
	}
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct walk_entry *)a)->name,
	    ((const struct walk_entry *)b)->name);
}

/* Reads the directory at w->path into a new level. 0 or -1. */
static int
walk_push(struct walk *w)
{
	struct walk_level	*l;
	struct dirent		*de;
	size_t			 alloc = 0;
	DIR			*d;

	if ((d = opendir(buf_str(&w->path))) == NULL)
		return error("%s: %s", buf_str(&w->path), strerror(errno));
	ARRAY_GROW(w->levels, w->nlevels + 1, w->alevels);
	l = &w->levels[w->nlevels++];
	memset(l, 0, sizeof *l);
	l->pathlen = w->path.len;
	l->dir = d;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		ARRAY_GROW(l->e, l->n + 1, alloc);
		l->e[l->n].name = xstrdup(de->d_name);
		l->e[l->n++].type = de->d_type;
	}
	if (l->n > 0)
		qsort(l->e, l->n, sizeof *l->e, by_name);
	return 0;
}

static void
walk_pop(struct walk *w)
{
	struct walk_level	*l = &w->levels[--w->nlevels];

	while (l->n > 0)
		free(l->e[--l->n].name);
	free(l->e);
	closedir(l->dir);
}

int
walk_open(struct walk *w, const char *root, const char *const *exts,
    const char *skip)
{
	memset(w, 0, sizeof *w);
	w->exts = exts;
	w->skip = skip;
	w->dfd = w->fd = -1;
	buf_addstr(&w->path, root);
	while (w->path.len > 1 && w->path.data[w->path.len - 1] == '/')
		w->path.data[--w->path.len] = '\0';
	return walk_push(w);
}

/* Enters the folder at w->path (name in it): 0, or -1 after reporting. */
static int
walk_enter(struct walk *w, const char *name)
{
	if (w->skip != NULL && strcmp(name, w->skip) == 0)
		return 0;
	if (w->nlevels >= 64)
		return error("%s: folders nested deeper than 64",
		    buf_str(&w->path));
	return walk_push(w);
}

int
walk_next(struct walk *w, const char **path)
{
	struct walk_level	*l;
	struct stat		 sb;
	const char		*name;
	unsigned char		 type;
	int			 dfd, fd;

	while (w->nlevels > 0) {
		l = &w->levels[w->nlevels - 1];
		if (l->next == l->n) {
			walk_pop(w);
			continue;
		}
		name = l->e[l->next].name;
		type = l->e[l->next++].type;
		dfd = dirfd(l->dir);
		w->path.len = l->pathlen;
		w->path.data[w->path.len] = '\0';
		buf_printf(&w->path, "/%s", name);
		if (type == DT_DIR) {
			if (walk_enter(w, name) == -1)
				return -1;
			continue;
		}
		if (type != DT_REG && type != DT_LNK && type != DT_UNKNOWN)
			continue;	/* a device, a pipe, a socket */
		if (type == DT_REG && !walk_ext(name, w->exts))
			continue;
		fd = -1;
		if (w->opens && walk_ext(name, w->exts) && (fd = openat(dfd,
		    name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) != -1 &&
		    (type == DT_REG || fstat(fd, &sb) == 0)) {
			/* A link opened: its descriptor says what it is. */
			if (type == DT_REG || S_ISREG(sb.st_mode))
				goto found;
			close(fd);
			if (!S_ISDIR(sb.st_mode))
				continue;
			if (walk_enter(w, name) == -1)
				return -1;
			continue;
		}
		if (fd != -1)
			close(fd);
		fd = -1;
		if (type != DT_REG) {
			if (fstatat(dfd, name, &sb, 0) == -1)
				return error("%s: %s", buf_str(&w->path),
				    strerror(errno));
			if (S_ISDIR(sb.st_mode)) {
				if (walk_enter(w, name) == -1)
					return -1;
				continue;
			}
			if (!S_ISREG(sb.st_mode) || !walk_ext(name, w->exts))
				continue;
		}
found:
		w->dfd = dfd;
		w->name = name;
		w->fd = fd;
		*path = buf_str(&w->path);
		return 1;
	}
	return 0;
}

void
walk_close(struct walk *w)
{
	while (w->nlevels > 0)
		walk_pop(w);
	free(w->levels);
	buf_release(&w->path);
	memset(w, 0, sizeof *w);
	w->dfd = w->fd = -1;
}

int
image_probe(struct reader *r, struct record *rec, int fd)
{
	struct imagesize	 is;
	unsigned char		 head[512];
	ssize_t			 n;
	int			 rc;

	/* PNG, GIF, BMP and WebP give their size in their first 30 bytes:
	 * 512 of them give what 64 KiB would. A file shorter than that is
	 * all there. */
	n = pread(fd, head, sizeof head, 0);
	rc = IMAGESIZE_MORE;
	if (n >= 0 && ((size_t)n < sizeof head || (n >= 8 &&
	    memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0) || (n >= 6 &&
	    memcmp(head, "GIF8", 4) == 0) || (n >= 12 &&
	    memcmp(head, "RIFF", 4) == 0) || memcmp(head, "BM", 2) == 0))
		rc = imagesize_buf(head, (size_t)n, &is);
	if (rc == IMAGESIZE_MORE)
		rc = imagesize_fd(fd, &is);
	close(fd);
	if (rc == IMAGESIZE_BAD)
		return error("%s:%lu: %s: a broken image (%s)", r->name,
		    rec->line, rec->image, is.why);
	if (rc == IMAGESIZE_OK && is.width <= 1000000 &&
	    is.height <= 1000000) {
		rec->width = (int)is.width;
		rec->height = (int)is.height;
	}
	return 0;
}

int
image_read_fd(int fd, const struct stat *known, const char *path,
    size_t max, int flags, struct buf *out)
{
	struct stat	 sb;
	size_t		 want;
	ssize_t		 n;

	buf_reset(out);
	buf_grow(out, 0);
	if (known != NULL)
		sb = *known;
	else if (fstat(fd, &sb) == -1) {
		error("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(sb.st_mode)) {
		error("%s: is a directory", path);
		goto fail;
	}
	if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > max) {
		error("%s: larger than %zu MiB", path, max >> 20);
		goto fail;
	}
	/* A regular file's size and one byte more: a read that gives less
	 * than it asked for is at the end. */
	want = S_ISREG(sb.st_mode) ? (size_t)sb.st_size + 1 : 65536;
	for (;;) {
		buf_grow(out, want);
		n = read(fd, out->data + out->len, want);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			error("%s: %s", path, strerror(errno));
			goto fail;
		}
		if ((size_t)n > max - out->len) {
			error("%s: larger than %zu MiB", path, max >> 20);
			goto fail;
		}
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (n == 0 || (S_ISREG(sb.st_mode) && (size_t)n < want))
			break;
		want = 65536;
	}
	close(fd);
	if (input_text(out, path, flags) == -1) {
		buf_reset(out);
		return -1;
	}
	return 0;
fail:
	close(fd);
	buf_reset(out);
	return -1;
}

double
image_strtod(const char *s, char **end)
{
	static const double	 p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	    1e18, 1e19 };
	const char		*p = s, *dp;
	uint64_t		 m = 0;
	int			 digits = 0, frac = 0, neg = 0;
	double			 v;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, frac++)
			m = m * 10 + (uint64_t)(*p - '0');
	/* What the fast way does not take goes to strtod: no digits, an
	 * exponent, too many digits for m, a mantissa past 2^53 (not
	 * exact as a double), another decimal point. */
	if (digits == 0 || digits > 19 || *p == 'e' || *p == 'E' ||
	    *p == 'x' || *p == 'X' ||
	    m > (UINT64_C(1) << 53) || (dp = nl_langinfo(RADIXCHAR)) ==
	    NULL || strcmp(dp, ".") != 0)
		return strtod(s, end);
	v = (double)m / p10[frac];
	if (end != NULL)
		*end = (char *)p;
	return neg ? -v : v;
}

json_t *
image_box_json(double x, double y, double w, double h, const char *label)
{
	json_t	*box = json_object();

	json_object_set_new_nocheck(box, "x", pixel_json(x));
	json_object_set_new_nocheck(box, "y", pixel_json(y));
	json_object_set_new_nocheck(box, "width", pixel_json(w));
	json_object_set_new_nocheck(box, "height", pixel_json(h));
	json_object_set_new_nocheck(box, "label", json_string(label));
	return box;
}

void
image_box_put(struct buf *b, double x, double y, double w, double h,
    const char *label)
{
	buf_addstr(b, "{\"x\":");
	pixel_put(b, x);
	buf_addstr(b, ",\"y\":");
	pixel_put(b, y);
	buf_addstr(b, ",\"width\":");
	pixel_put(b, w);
	buf_addstr(b, ",\"height\":");
	pixel_put(b, h);
	buf_addstr(b, ",\"label\":");
	jw_string(b, label);
	buf_addch(b, '}');
}

void
pixel_put(struct buf *b, double v)
{
	if (v == nearbyint(v) && fabs(v) < 1e15)
		jw_int(b, (int64_t)v);
	else
		jw_real_compact(b, v);
}

double
pixel_snap(double v)
{
	if (fabs(v) >= 1e9)
		return v;
	return nearbyint(v * 1e6) / 1e6;
}

void
fraction_put(struct buf *b, double v, double size)
{
	char	s[40];
	int	p;

	for (p = 6; p < 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, v);
		if (fabs(strtod(s, NULL) - v) * size < 1e-8)
			break;
	}
	buf_addstr(b, s);
}

json_t *
pixel_json(double v)
{
	if (v == nearbyint(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

void
number_put(struct buf *b, double v)
{
	char	s[40];
	int	p;

	if (v == nearbyint(v) && fabs(v) < 1e15) {
		buf_printf(b, "%.0f", v == 0 ? 0.0 : v);
		return;
	}
	for (p = 1; p < 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, v);
		if (strtod(s, NULL) == v)
			break;
	}
	buf_addstr(b, s);
}

int
control_label_index(const struct control *c, const char *name)
{
	size_t	i;

	for (i = 0; c != NULL && i < c->nlabels; i++)
		if (strcmp(c->labels[i].name, name) == 0)
			return (int)i;
	return -1;
}

json_t *
image_annotation(struct reader *r)
{
	json_t	*result = json_object(), *a = json_object();

	/* json_pack's keys and order, without its format string's cost. */
	json_object_set_new_nocheck(a, "user", json_string(r->opts.user !=
	    NULL ? r->opts.user : ""));
	json_object_set_new_nocheck(a, "state", json_string("submitted"));
	json_object_set_new_nocheck(a, "result", result);
	r->built = json_array();
	json_array_append_new(r->built, a);
	return result;
}

static int
set_put(struct name_set *s, uint64_t h)
{
	size_t	i, mask = s->alloc - 1;

	for (i = h & mask; s->h[i] != 0; i = (i + 1) & mask)
		if (s->h[i] == h)
			return 0;
	s->h[i] = h;
	s->n++;
	return 1;
}

int
name_set_add(struct name_set *s, const char *name, size_t len)
{
	uint64_t	 h = (uint64_t)content_hash(name, len) | 1, *old;
	size_t		 i, n;

	/* Open addressing, at most half full; 0 is an empty slot. */
	if (2 * (s->n + 1) > s->alloc) {
		old = s->h;
		n = s->alloc;
		s->alloc = n > 0 ? 2 * n : 1024;
		s->h = xcalloc(s->alloc, sizeof *s->h);
		s->n = 0;
		for (i = 0; i < n; i++)
			if (old[i] != 0)
				set_put(s, old[i]);
		free(old);
	}
	return set_put(s, h);
}

void
name_set_release(struct name_set *s)
{
	free(s->h);
	memset(s, 0, sizeof *s);
}

void
image_classes(const struct control *boxes, const struct control *polys,
    const char ***names, size_t *n, int **poly_class)
{
	size_t	i;
	int	k;

	*n = 0;
	*names = xcalloc((boxes ? boxes->nlabels : 0) + (polys ?
	    polys->nlabels : 0) + 1, sizeof **names);
	for (i = 0; boxes != NULL && i < boxes->nlabels; i++)
		(*names)[(*n)++] = boxes->labels[i].name;
	*poly_class = polys != NULL ? xcalloc(polys->nlabels,
	    sizeof **poly_class) : NULL;
	for (i = 0; polys != NULL && i < polys->nlabels; i++) {
		k = control_label_index(boxes, polys->labels[i].name);
		if (k == -1) {
			k = (int)*n;
			(*names)[(*n)++] = polys->labels[i].name;
		}
		(*poly_class)[i] = k;
	}
}
