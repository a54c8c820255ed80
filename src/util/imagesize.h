/* Image width and height from the header bytes of PNG, JPEG, GIF, BMP,
 * WebP and PGM/PPM (P2, P3, P5, P6) files, recognised by their content. imagesize_buf is a pure function
 * on a buffer (unit-tested and fuzzed); imagesize_fd reads what it needs
 * from a file: the first 64 KiB, and for a JPEG whose frame header lies
 * further on, the following markers in 64 KiB chunks. */
#ifndef SCALEC_IMAGESIZE_H
#define SCALEC_IMAGESIZE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGESIZE_HEAD	65536	/* bytes the first look needs at most */

enum imagesize_rc {
	IMAGESIZE_BAD = -1,	/* a known signature, but a broken header */
	IMAGESIZE_NONE = 0,	/* not an image format known here */
	IMAGESIZE_OK = 1,	/* format, width and height are set */
	IMAGESIZE_MORE = 2,	/* JPEG: go on at file offset next */
};

struct imagesize {
	const char	*format;	/* png, jpeg, gif, bmp, webp, pgm or
					 * ppm */
	uint32_t	 width;		/* pixels, 1 to INT32_MAX */
	uint32_t	 height;
	uint64_t	 next;		/* MORE: the file offset to read from */
	const char	*why;		/* BAD: what is wrong; static */
	int		 orientation;	/* JPEG: EXIF's (exif.h), from the
					 * first look's bytes; width and
					 * height are the oriented image's */
};

/*
 * Looks at the first len bytes of a file. Returns IMAGESIZE_OK with the
 * size, IMAGESIZE_NONE when no known signature matches, IMAGESIZE_BAD with
 * why when one does but the header is truncated or impossible, or, for a
 * JPEG whose frame header is not within len bytes, IMAGESIZE_MORE with next
 * set: pass the bytes from that offset to imagesize_jpeg_more.
 */
int	imagesize_buf(const void *buf, size_t len, struct imagesize *);
/*
 * Continues a JPEG's marker walk: buf holds len bytes of the file starting
 * at offset info->next (a marker boundary). Returns as imagesize_buf, with
 * next advanced on IMAGESIZE_MORE. A chunk that makes no progress (fewer
 * bytes than a marker needs) is IMAGESIZE_BAD.
 */
int	imagesize_jpeg_more(const void *buf, size_t len, struct imagesize *);
/*
 * Reads the header of the open file fd with pread (the file offset is not
 * moved). Returns as imagesize_buf, never IMAGESIZE_MORE; a read error is
 * IMAGESIZE_BAD with why from strerror, and errno set.
 */
int	imagesize_fd(int fd, struct imagesize *);

#endif
