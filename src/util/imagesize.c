/* Reading image sizes from header bytes (PNG, JPEG, GIF, BMP, WebP, and
 * Netpbm's PGM and PPM). Everything but imagesize_fd is a
 * pure function on a buffer, with every read bounds-checked against len:
 * tests/fuzz/fuzz_imagesize.c feeds it arbitrary bytes. Weak signatures
 * (BMP's "BM") also need a plausible header, so that a text that happens
 * to begin with "BM" is not taken for a broken image. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/exif.h"
#include "util/imagesize.h"

/* A JPEG whose frame header is not within this many bytes is refused. */
#define JPEG_WALK_MAX	(16ULL * 1024 * 1024)

static uint32_t
be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
le16(const uint8_t *p)
{
	return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
le24(const uint8_t *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

static int
bad(struct imagesize *info, const char *why)
{
	info->why = why;
	return IMAGESIZE_BAD;
}

/* Sets the size after checking it is one a task can hold. */
static int
found(struct imagesize *info, uint32_t w, uint32_t h)
{
	if (w == 0 || h == 0)
		return bad(info, "zero width or height");
	if (w > INT32_MAX || h > INT32_MAX)
		return bad(info, "impossible width or height");
	info->width = w;
	info->height = h;
	return IMAGESIZE_OK;
}

static int
png_size(const uint8_t *p, size_t len, struct imagesize *info)
{
	info->format = "png";
	if (len < 24)
		return bad(info, "truncated PNG header");
	if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return bad(info, "PNG without an IHDR chunk first");
	return found(info, be32(p + 16), be32(p + 20));
}

static int
gif_size(const uint8_t *p, size_t len, struct imagesize *info)
{
	info->format = "gif";
	if (len < 10)
		return bad(info, "truncated GIF header");
	return found(info, le16(p + 6), le16(p + 8));
}

/* BMP: the file header (14 bytes), then a DIB header whose size says which
 * of the known versions it is; a negative height means top-down rows. */
static int
bmp_size(const uint8_t *p, size_t len, struct imagesize *info)
{
	uint32_t	dib;
	int32_t		w, h;

	if (len < 18)
		return IMAGESIZE_NONE;
	dib = le32(p + 14);
	if (dib != 12 && dib != 40 && dib != 52 && dib != 56 && dib != 64 &&
	    dib != 108 && dib != 124)
		return IMAGESIZE_NONE;
	info->format = "bmp";
	if (dib == 12) {	/* BITMAPCOREHEADER: 16-bit sizes */
		if (len < 22)
			return bad(info, "truncated BMP header");
		return found(info, le16(p + 18), le16(p + 20));
	}
	if (len < 26)
		return bad(info, "truncated BMP header");
	w = (int32_t)le32(p + 18);
	h = (int32_t)le32(p + 22);
	if (w <= 0 || h == INT32_MIN)
		return bad(info, "impossible BMP width or height");
	return found(info, (uint32_t)w, (uint32_t)(h < 0 ? -h : h));
}

static int
webp_size(const uint8_t *p, size_t len, struct imagesize *info)
{
	uint32_t	bits;

	info->format = "webp";
	if (len < 20)
		return bad(info, "truncated WebP header");
	if (memcmp(p + 12, "VP8 ", 4) == 0) {		/* lossy */
		if (len < 30)
			return bad(info, "truncated WebP header");
		if ((p[20] & 1) != 0)
			return bad(info, "WebP that does not start with a key"
			    " frame");
		if (p[23] != 0x9d || p[24] != 0x01 || p[25] != 0x2a)
			return bad(info, "WebP without the VP8 start code");
		return found(info, le16(p + 26) & 0x3fff,
		    le16(p + 28) & 0x3fff);
	}
	if (memcmp(p + 12, "VP8L", 4) == 0) {		/* lossless */
		if (len < 25)
			return bad(info, "truncated WebP header");
		if (p[20] != 0x2f)
			return bad(info, "WebP without the VP8L signature");
		bits = le32(p + 21);
		if (bits >> 29 != 0)
			return bad(info, "WebP of an unknown VP8L version");
		return found(info, (bits & 0x3fff) + 1,
		    ((bits >> 14) & 0x3fff) + 1);
	}
	if (memcmp(p + 12, "VP8X", 4) == 0) {		/* extended */
		if (len < 30)
			return bad(info, "truncated WebP header");
		return found(info, le24(p + 24) + 1, le24(p + 27) + 1);
	}
	return bad(info, "WebP with an unknown first chunk");
}

static int
pnm_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

/*
 * One decimal field of a PNM header from p[*i]: white space and comments
 * (# to the end of the line) before it are skipped. 1 with *v (at most
 * PNM_FIELD_MAX, beyond that *v is PNM_FIELD_MAX + 1), 0 when what is
 * there is not a number or the bytes end first.
 */
#define PNM_FIELD_MAX	0x7fffffffUL

static int
pnm_field(const uint8_t *p, size_t len, size_t *i, uint32_t *v)
{
	uint64_t	n = 0;
	size_t		j = *i;

	for (;;) {
		while (j < len && pnm_space(p[j]))
			j++;
		if (j < len && p[j] == '#') {
			while (j < len && p[j] != '\n' && p[j] != '\r')
				j++;
			continue;
		}
		break;
	}
	if (j >= len || p[j] < '0' || p[j] > '9')
		return 0;
	while (j < len && p[j] >= '0' && p[j] <= '9') {
		if (n <= PNM_FIELD_MAX)
			n = n * 10 + (uint64_t)(p[j] - '0');
		j++;
	}
	if (j >= len)
		return 0;	/* the number may go on past what we have */
	*v = (uint32_t)(n > PNM_FIELD_MAX ? PNM_FIELD_MAX + 1 : n);
	*i = j;
	return 1;
}

/*
 * Netpbm greymaps and pixmaps: P2 and P3 (ASCII samples), P5 and P6
 * (binary). "P2" is a weak signature that a text may begin with, so the
 * header must be whole (width, height, maxval, one white space) and an
 * ASCII file's samples, as far as len goes, only digits, white space and
 * comments; anything less is not taken for an image.
 */
static int
pnm_size(const uint8_t *p, size_t len, struct imagesize *info)
{
	uint32_t	w, h, maxval;
	size_t		i = 2, j;
	int		ascii = p[1] == '2' || p[1] == '3';

	if (len < 3 || !pnm_space(p[2]))
		return IMAGESIZE_NONE;
	if (!pnm_field(p, len, &i, &w) || !pnm_field(p, len, &i, &h) ||
	    !pnm_field(p, len, &i, &maxval) || !pnm_space(p[i]))
		return IMAGESIZE_NONE;
	if (ascii)
		for (j = i; j < len; j++) {
			if (p[j] == '#') {
				while (j < len && p[j] != '\n' && p[j] != '\r')
					j++;
				continue;
			}
			if (!pnm_space(p[j]) && (p[j] < '0' || p[j] > '9'))
				return IMAGESIZE_NONE;
		}
	info->format = p[1] == '2' || p[1] == '5' ? "pgm" : "ppm";
	if (maxval == 0 || maxval > 65535)
		return bad(info, "PNM maximum sample value not within 1 to"
		    " 65535");
	return found(info, w, h);
}

/* Frame headers: SOF0 to SOF15, which share 0xC0-0xCF with DHT (C4), JPG
 * (C8, reserved) and DAC (CC). */
static int
jpeg_is_sof(int m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/*
 * Walks JPEG markers in p (len bytes, which start at file offset base) from
 * index i, until a frame header gives the size. Bytes before a marker that
 * are not 0xFF are skipped, as libjpeg does. Running out of bytes is
 * IMAGESIZE_MORE with info->next at the first byte still needed.
 */
static int
jpeg_walk(const uint8_t *p, size_t len, size_t i, uint64_t base,
    struct imagesize *info)
{
	size_t		mark;
	uint32_t	seglen;
	int		m;

	info->format = "jpeg";
	for (;;) {
		if (base + i > JPEG_WALK_MAX)
			return bad(info, "JPEG without a frame header in its"
			    " first 16 MiB");
		while (i < len && p[i] != 0xff)
			i++;
		mark = i;
		while (i < len && p[i] == 0xff)
			i++;
		if (i >= len) {
			info->next = base + mark;
			return IMAGESIZE_MORE;
		}
		m = p[i++];
		if (m == 0xd8)
			return bad(info, "JPEG with a second start marker");
		if (m == 0xd9)
			return bad(info, "JPEG that ends before its frame"
			    " header");
		if (m == 0xda)
			return bad(info, "JPEG scan before the frame header");
		if (m == 0x00 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;	/* stuffing, TEM, RSTn: no length */
		if (i + 2 > len) {
			info->next = base + mark;
			return IMAGESIZE_MORE;
		}
		seglen = be16(p + i);
		if (seglen < 2)
			return bad(info, "JPEG segment with a bad length");
		if (jpeg_is_sof(m)) {
			if (seglen < 8)
				return bad(info, "JPEG frame header too short");
			if (i + 7 > len) {
				info->next = base + mark;
				return IMAGESIZE_MORE;
			}
			/* length, precision, height, width */
			if (be16(p + i + 3) == 0)
				return bad(info, "JPEG whose height is given"
				    " later (DNL), not supported");
			/* The oriented image's size (EXIF 5 to 8 turn
			 * it a quarter). */
			if (exif_swaps(info->orientation))
				return found(info, be16(p + i + 3),
				    be16(p + i + 5));
			return found(info, be16(p + i + 5), be16(p + i + 3));
		}
		i += seglen;
		if (i >= len) {
			info->next = base + i;
			return IMAGESIZE_MORE;
		}
	}
}

int
imagesize_buf(const void *buf, size_t len, struct imagesize *info)
{
	const uint8_t	*p = buf;

	memset(info, 0, sizeof *info);
	if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return png_size(p, len, info);
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		info->orientation = exif_orientation(p, len);
		return jpeg_walk(p, len, 2, 0, info);
	}
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		return gif_size(p, len, info);
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return webp_size(p, len, info);
	if (len >= 2 && p[0] == 'B' && p[1] == 'M')
		return bmp_size(p, len, info);
	if (len >= 2 && p[0] == 'P' && (p[1] == '2' || p[1] == '3' ||
	    p[1] == '5' || p[1] == '6'))
		return pnm_size(p, len, info);
	return IMAGESIZE_NONE;
}

int
imagesize_jpeg_more(const void *buf, size_t len, struct imagesize *info)
{
	uint64_t	base = info->next;
	int		rc;

	info->format = "jpeg";
	if (len == 0)
		return bad(info, "truncated JPEG");
	rc = jpeg_walk(buf, len, 0, base, info);
	if (rc == IMAGESIZE_MORE && info->next == base)
		return bad(info, "truncated JPEG");
	return rc;
}

/* Reads up to len bytes at off, through short reads; -1 on error. */
static ssize_t
read_at(int fd, uint8_t *buf, size_t len, uint64_t off)
{
	size_t	got = 0;
	ssize_t	n;

	while (got < len) {
		n = pread(fd, buf + got, len - got, (off_t)(off + got));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int
imagesize_fd(int fd, struct imagesize *info)
{
	uint8_t	*buf;
	ssize_t	 n;
	int	 rc, saved;

	memset(info, 0, sizeof *info);
	if ((buf = malloc(IMAGESIZE_HEAD)) == NULL)
		return bad(info, strerror(ENOMEM));
	if ((n = read_at(fd, buf, IMAGESIZE_HEAD, 0)) == -1)
		goto fail;
	rc = imagesize_buf(buf, (size_t)n, info);
	while (rc == IMAGESIZE_MORE) {
		if ((n = read_at(fd, buf, IMAGESIZE_HEAD, info->next)) == -1)
			goto fail;
		rc = imagesize_jpeg_more(buf, (size_t)n, info);
	}
	free(buf);
	return rc;

fail:
	saved = errno;
	free(buf);
	errno = saved;
	return bad(info, strerror(saved));
}
