/* The image formats' shared parts (imagefmt.h): a sorted walk that holds
 * one directory's names per level, exact pixel coordinates, labels by
 * name. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "formats/format.h"
#include "formats/imagefmt.h"
#include "model/config.h"
#include "util/error.h"
#include "util/hash.h"
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
	return strcmp(*(char *const *)a, *(char *const *)b);
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
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		ARRAY_GROW(l->names, l->n + 1, alloc);
		l->names[l->n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (l->n > 0)
		qsort(l->names, l->n, sizeof *l->names, by_name);
	return 0;
}

static void
walk_pop(struct walk *w)
{
	struct walk_level	*l = &w->levels[--w->nlevels];

	while (l->n > 0)
		free(l->names[--l->n]);
	free(l->names);
}

int
walk_open(struct walk *w, const char *root, const char *const *exts,
    const char *skip)
{
	memset(w, 0, sizeof *w);
	w->exts = exts;
	w->skip = skip;
	buf_addstr(&w->path, root);
	while (w->path.len > 1 && w->path.data[w->path.len - 1] == '/')
		w->path.data[--w->path.len] = '\0';
	return walk_push(w);
}

int
walk_next(struct walk *w, const char **path)
{
	struct walk_level	*l;
	struct stat		 sb;
	const char		*name;

	while (w->nlevels > 0) {
		l = &w->levels[w->nlevels - 1];
		if (l->next == l->n) {
			walk_pop(w);
			continue;
		}
		name = l->names[l->next++];
		w->path.len = l->pathlen;
		w->path.data[w->path.len] = '\0';
		buf_printf(&w->path, "/%s", name);
		if (stat(buf_str(&w->path), &sb) == -1)
			return error("%s: %s", buf_str(&w->path),
			    strerror(errno));
		if (S_ISDIR(sb.st_mode)) {
			if (w->skip != NULL && strcmp(name, w->skip) == 0)
				continue;
			if (w->nlevels >= 64)
				return error("%s: folders nested deeper than"
				    " 64", buf_str(&w->path));
			if (walk_push(w) == -1)
				return -1;
			continue;
		}
		if (S_ISREG(sb.st_mode) && walk_ext(name, w->exts)) {
			*path = buf_str(&w->path);
			return 1;
		}
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
	json_t	*result = json_object();

	r->built = json_array();
	json_array_append_new(r->built, json_pack("{s:s, s:s, s:o}", "user",
	    r->opts.user != NULL ? r->opts.user : "", "state", "submitted",
	    "result", result));
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
