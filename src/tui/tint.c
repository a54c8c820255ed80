/* Blending regions into a picture's pixels (see tint.h): half the
 * label's colour, half the picture's, so the picture shows through. A
 * polygon is tested pixel by pixel inside its bounding box (even-odd); a
 * mask by its runs' starts, searched. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tint.h"
#include "util/xmalloc.h"

/* The eight colours as xterm shows them, by curses number. */
static const uint32_t basic_rgb[8] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
	0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
};

uint32_t
tint_rgb(const char *colour, int scell_colour)
{
	unsigned	r, g, b;

	if (colour != NULL && colour[0] == '#' &&
	    sscanf(colour + 1, "%2x%2x%2x", &r, &g, &b) == 3)
		return (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b;
	if (scell_colour >= 1 && scell_colour <= 8)
		return basic_rgb[scell_colour - 1];
	return 0xe5e5e5;
}

static void
blend(uint8_t *p, uint32_t rgb)
{
	p[0] = (uint8_t)((p[0] + ((rgb >> 16) & 0xff) + 1) / 2);
	p[1] = (uint8_t)((p[1] + ((rgb >> 8) & 0xff) + 1) / 2);
	p[2] = (uint8_t)((p[2] + (rgb & 0xff) + 1) / 2);
}

int
tint_inside(const struct ans_point *p, size_t n, double x, double y)
{
	size_t	i, j;
	int	in = 0;

	for (i = 0, j = n - 1; i < n; j = i++)
		if ((p[i].y > y) != (p[j].y > y) && x < (p[j].x - p[i].x) *
		    (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
			in = !in;
	return in;
}

uint64_t *
tint_run_starts(const uint32_t *rle, size_t n)
{
	uint64_t	*start = xreallocarray(NULL, n + 1, sizeof *start);
	size_t		 k;

	start[0] = 0;
	for (k = 0; k < n; k++)
		start[k + 1] = start[k] + rle[k];
	return start;
}

int
tint_in_mask(const uint64_t *start, size_t n, uint64_t at)
{
	size_t	lo = 0, hi = n, mid;

	if (n == 0 || at >= start[n])
		return 0;
	/* The last run whose start is at or before at. */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (start[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo % 2 == 1;
}

/* The buffer's columns (or rows) from lo to hi in image pixels. */
static void
span(double lo, double hi, double o, double scale, int n, int *a, int *b)
{
	double	fa = floor((lo - o) * scale), fb = ceil((hi - o) * scale);

	*a = fa < 0 ? 0 : fa > n ? n : (int)fa;
	*b = fb < 0 ? 0 : fb > n ? n : (int)fb;
}

static size_t
tint_polygon(uint8_t *rgba, int w, int h, size_t stride,
    const struct tint_map *m, const struct image_region *r)
{
	double	minx, maxx, miny, maxy, x, y;
	size_t	k, changed = 0;
	int	i, j, i0, i1, j0, j1;

	if (r->npoints < 3)
		return 0;
	minx = maxx = r->points[0].x;
	miny = maxy = r->points[0].y;
	for (k = 1; k < r->npoints; k++) {
		minx = fmin(minx, r->points[k].x);
		maxx = fmax(maxx, r->points[k].x);
		miny = fmin(miny, r->points[k].y);
		maxy = fmax(maxy, r->points[k].y);
	}
	span(minx, maxx, m->x0, m->scale_x, w, &i0, &i1);
	span(miny, maxy, m->y0, m->scale_y, h, &j0, &j1);
	for (j = j0; j < j1; j++) {
		y = m->y0 + (j + 0.5) / m->scale_y;
		for (i = i0; i < i1; i++) {
			x = m->x0 + (i + 0.5) / m->scale_x;
			if (!tint_inside(r->points, r->npoints, x, y))
				continue;
			blend(rgba + (size_t)j * stride + (size_t)i * 4, r->rgb);
			changed++;
		}
	}
	return changed;
}

static size_t
tint_mask(uint8_t *rgba, int w, int h, size_t stride,
    const struct tint_map *m, const struct image_region *r)
{
	uint64_t	*start, at;
	size_t		 changed = 0;
	double		 x, y;
	int		 i, j;

	if (m->src_h <= 0 || r->nrle == 0)
		return 0;
	start = tint_run_starts(r->rle, r->nrle);
	for (j = 0; j < h; j++) {
		y = m->y0 + (j + 0.5) / m->scale_y;
		for (i = 0; i < w; i++) {
			x = m->x0 + (i + 0.5) / m->scale_x;
			if (x < 0 || y < 0 || x >= m->src_w || y >= m->src_h)
				continue;
			at = (uint64_t)x * (uint64_t)m->src_h + (uint64_t)y;
			if (!tint_in_mask(start, r->nrle, at))
				continue;
			blend(rgba + (size_t)j * stride + (size_t)i * 4, r->rgb);
			changed++;
		}
	}
	free(start);
	return changed;
}

size_t
tint_apply(uint8_t *rgba, int w, int h, size_t stride,
    const struct tint_map *m, const struct image_region *r, size_t n)
{
	size_t	i, changed = 0;

	for (i = 0; i < n; i++)
		changed += r[i].rle != NULL ?
		    tint_mask(rgba, w, h, stride, m, &r[i]) :
		    tint_polygon(rgba, w, h, stride, m, &r[i]);
	return changed;
}

/* FNV-1a over bytes. */
static uint64_t
fnv(uint64_t h, const void *p, size_t len)
{
	const unsigned char	*s = p;

	while (len-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return h;
}

uint64_t
tint_hash(const struct image_region *r, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = fnv(h, &n, sizeof n);
	for (i = 0; i < n; i++) {
		h = fnv(h, &r[i].rgb, sizeof r[i].rgb);
		h = fnv(h, &r[i].npoints, sizeof r[i].npoints);
		if (r[i].points != NULL)
			h = fnv(h, r[i].points, r[i].npoints *
			    sizeof *r[i].points);
		h = fnv(h, &r[i].nrle, sizeof r[i].nrle);
		if (r[i].rle != NULL)
			h = fnv(h, r[i].rle, r[i].nrle * sizeof *r[i].rle);
	}
	return h;
}
