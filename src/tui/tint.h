/* The translucent overlay of a pixel mode's picture: closed polygons and
 * masks blended into its pixels before libchafa renders them (symbols
 * mode colours cells instead: labeler_polygons.c). Plain C over an RGBA
 * buffer, so Check tests it. */
#ifndef SCALEC_TINT_H
#define SCALEC_TINT_H

#include <stddef.h>
#include <stdint.h>

#include "model/answer.h"

/* A region over the picture, in pixels of the oriented image. */
struct image_region {
	const struct ans_point	*points;	/* a polygon's, or NULL */
	size_t			 npoints;
	const uint32_t		*rle;		/* a mask's runs, column-major
						   (COCO's), or NULL */
	size_t			 nrle;
	uint32_t		 rgb;		/* 0xrrggbb */
};

/* How the picture's pixels map to the image's: buffer pixel i, j is
 * image pixel x0 + (i + 0.5) / scale_x, y0 + (j + 0.5) / scale_y. */
struct tint_map {
	double	x0, y0;
	double	scale_x, scale_y;
	int	src_w, src_h;		/* the oriented image (masks) */
};

/*
 * Blends each region's colour half into the w x h RGBA pixels (stride
 * bytes a row) that are inside it: a pixel under two regions is blended
 * twice. Returns how many pixels changed.
 */
size_t		 tint_apply(uint8_t *rgba, int w, int h, size_t stride,
		    const struct tint_map *, const struct image_region *,
		    size_t n);
/* 1 when x, y is inside the polygon of n points (even-odd). */
int		 tint_inside(const struct ans_point *, size_t n, double x,
		    double y);
/* A mask's runs summed: start[k] is where run k starts, start[n] the end;
 * the caller frees it. */
uint64_t	*tint_run_starts(const uint32_t *rle, size_t n);
/* 1 when pixel index at (x * height + y) is in the mask: an odd run. */
int		 tint_in_mask(const uint64_t *start, size_t n, uint64_t at);
/* A hash of the regions' contents, to tell when they changed. */
uint64_t	 tint_hash(const struct image_region *, size_t n);
/* The 0xrrggbb of a struct scell colour (1 + one of the eight), or of
 * a label's "#rrggbb" when it has one. */
uint32_t	 tint_rgb(const char *colour, int scell_colour);

#endif
