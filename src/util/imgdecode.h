/* An image file's bytes to RGBA pixels, by the system's decoders
 * (libjpeg-turbo, libpng, giflib, libwebp: packaged by Debian, fuzzed
 * upstream); only the Netpbm and BMP readers are small ones of our own.
 * The bytes are untrusted: sizes are checked before anything is
 * allocated, a decoder's error is a message, never an exit or a crash.
 * JPEGs decode through the DCT's scaling at the smallest size at least as
 * big as the one asked for, so a photograph costs what it shows. EXIF
 * orientation is applied, as browsers do: the pixels are the oriented
 * image. Fuzzed by tests/fuzz/fuzz_imgdecode.c. */
#ifndef SCALEC_IMGDECODE_H
#define SCALEC_IMGDECODE_H

#include <stddef.h>
#include <stdint.h>

#define IMG_SIDE_MAX	32768			/* pixels, either side */
#define IMG_PIXELS_MAX	(32L * 1024 * 1024)	/* decoded, 128 MiB RGBA */
#define IMG_FILE_MAX	(256L * 1024 * 1024)	/* bytes of a file */

struct img {
	uint8_t		*rgba;		/* w * h * 4, by rows */
	int		 w, h;		/* as decoded (and oriented) */
	int		 src_w, src_h;	/* the oriented image's full size */
	int		 denom;		/* JPEG: the DCT scale 1/denom; else 1 */
	int		 orientation;	/* EXIF 1 to 8 (1 when none) */
	const char	*format;	/* png, jpeg, gif, bmp, webp, pgm, ppm */
};

/*
 * Decodes len bytes of buf. want_w x want_h is the size it will be shown
 * at (0 x 0: the full size); only a JPEG uses it. 0 with *out filled, or
 * -1 with a message in err (a decoder's own, or what is wrong).
 */
int	img_decode(const void *buf, size_t len, int want_w, int want_h,
	    struct img *out, char *err, size_t errlen);
void	img_release(struct img *);

#endif
