/* Unit tests for src/util/imagesize: a tiny header of each format, made
 * here as bytes; every truncation and some broken fields refused; text and
 * garbage not taken for images; a JPEG whose frame header lies past the
 * first 64 KiB read through the file wrapper; Netpbm headers, binary and
 * ASCII, and texts that begin like them. */
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/imagesize.h"

#include "runner.h"

/* 3 x 2, with the rest of IHDR and its CRC. */
static const uint8_t png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
	0, 0, 0, 13, 'I', 'H', 'D', 'R',
	0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0,
	0x12, 0x16, 0xf1, 0x4d,
};

/* 5 x 7, with the rest of the logical screen descriptor. */
static const uint8_t gif[] = {
	'G', 'I', 'F', '8', '9', 'a', 5, 0, 7, 0, 0x80, 0, 0,
};

/* BITMAPINFOHEADER, 4 x -3 (top-down rows). */
static const uint8_t bmp[] = {
	'B', 'M', 0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0,
	40, 0, 0, 0,
	4, 0, 0, 0,
	0xfd, 0xff, 0xff, 0xff,
	1, 0, 24, 0, 0, 0, 0, 0,
};

/* BITMAPCOREHEADER (OS/2), 9 x 11. */
static const uint8_t bmp_core[] = {
	'B', 'M', 0x40, 0, 0, 0, 0, 0, 0, 0, 0x1a, 0, 0, 0,
	12, 0, 0, 0,
	9, 0, 11, 0, 1, 0, 24, 0,
};

/* JFIF APP0, a DHT and a DAC before the frame (neither is a SOF), fill
 * bytes, then SOF2 (progressive): 64 x 32. */
static const uint8_t jpeg[] = {
	0xff, 0xd8,
	0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	0xff, 0xc4, 0, 5, 0x00, 0x01, 0x02,
	0xff, 0xcc, 0, 6, 0x10, 0x20, 0x30, 0x40,
	0xff, 0xff, 0xc2, 0, 17, 8, 0, 32, 0, 64, 3,
	1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
	0xff, 0xda, 0, 12,
};

static const uint8_t webp_lossy[] = {
	'R', 'I', 'F', 'F', 38, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', ' ', 24, 0, 0, 0,
	0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x10, 0x00, 0x0c, 0x00,
};

/* 100 x 50: the fields hold width - 1 and height - 1 in 14 bits each. */
static const uint8_t webp_lossless[] = {
	'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'L', 10, 0, 0, 0,
	0x2f, 99, 0x40, 0x0c, 0x00,
};

/* 640 x 480 canvas. */
static const uint8_t webp_extended[] = {
	'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P',
	'V', 'P', '8', 'X', 10, 0, 0, 0,
	0x10, 0, 0, 0, 0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00,
};

/* Netpbm: binary PGM 3 x 2; binary PPM 1 x 4 with a comment in its
 * header; ASCII PGM 4 x 1; ASCII PPM 2 x 1 with comments among the
 * samples. The header ends at the one white space after maxval. */
static const uint8_t pgm_raw[] = "P5\n3 2\n255\n\0\1\2\3\4\5";
static const uint8_t ppm_raw[] = "P6 # made by hand\n1\n4\n65535\rAAAAAA";
static const uint8_t pgm_ascii[] = "P2\n4 1\n15\n0 5 10 15\n";
static const uint8_t ppm_ascii[] = "P3\n# two pixels\n2 1\n255\n"
    "255 0 0 # red\n0 0 255\n";

static const struct sample {
	const char	*name;
	const uint8_t	*bytes;
	size_t		 len;
	size_t		 need;		/* the bytes a size needs */
	const char	*format;
	uint32_t	 width, height;
} samples[] = {
	{ "png", png, sizeof png, 24, "png", 3, 2 },
	{ "gif", gif, sizeof gif, 10, "gif", 5, 7 },
	{ "bmp", bmp, sizeof bmp, 26, "bmp", 4, 3 },
	{ "bmp core", bmp_core, sizeof bmp_core, 22, "bmp", 9, 11 },
	{ "jpeg", jpeg, sizeof jpeg, 45, "jpeg", 64, 32 },
	{ "webp lossy", webp_lossy, sizeof webp_lossy, 30, "webp", 16, 12 },
	{ "webp lossless", webp_lossless, sizeof webp_lossless, 25, "webp",
	    100, 50 },
	{ "webp extended", webp_extended, sizeof webp_extended, 30, "webp",
	    640, 480 },
	{ "pgm raw", pgm_raw, sizeof pgm_raw - 1, 11, "pgm", 3, 2 },
	{ "ppm raw", ppm_raw, sizeof ppm_raw - 1, 28, "ppm", 1, 4 },
	{ "pgm ascii", pgm_ascii, sizeof pgm_ascii - 1, 10, "pgm", 4, 1 },
	{ "ppm ascii", ppm_ascii, sizeof ppm_ascii - 1, 24, "ppm", 2, 1 },
};

START_TEST(test_sizes)
{
	const struct sample	*s = &samples[_i];
	struct imagesize	 info;

	ck_assert_msg(imagesize_buf(s->bytes, s->len, &info) == IMAGESIZE_OK,
	    "%s: %s", s->name, info.why ? info.why : "");
	ck_assert_str_eq(info.format, s->format);
	ck_assert_uint_eq(info.width, s->width);
	ck_assert_uint_eq(info.height, s->height);
}
END_TEST

/* Every prefix shorter than the header is refused (never a size from half
 * a header), and every longer one is read. */
START_TEST(test_truncated)
{
	const struct sample	*s = &samples[_i];
	struct imagesize	 info;
	uint8_t			*copy;
	size_t			 n;

	for (n = 0; n <= s->len; n++) {
		/* A copy of exactly n bytes, so ASan sees any overread. */
		copy = malloc(n > 0 ? n : 1);
		memcpy(copy, s->bytes, n);
		if (n < s->need)
			ck_assert_msg(imagesize_buf(copy, n, &info) !=
			    IMAGESIZE_OK, "%s: a size from %zu bytes",
			    s->name, n);
		else
			ck_assert_msg(imagesize_buf(copy, n, &info) ==
			    IMAGESIZE_OK, "%s: no size from %zu bytes",
			    s->name, n);
		free(copy);
	}
}
END_TEST

static int
patched(const uint8_t *bytes, size_t len, size_t at, uint8_t v,
    struct imagesize *info)
{
	uint8_t	buf[256];

	ck_assert_uint_le(len, sizeof buf);
	memcpy(buf, bytes, len);
	buf[at] = v;
	return imagesize_buf(buf, len, info);
}

START_TEST(test_broken_headers)
{
	struct imagesize	info;
	uint8_t			buf[64];

	/* PNG whose first chunk is not IHDR */
	ck_assert_int_eq(patched(png, sizeof png, 12, 'X', &info),
	    IMAGESIZE_BAD);
	ck_assert_ptr_nonnull(info.why);
	/* zero width */
	memcpy(buf, png, sizeof png);
	memset(buf + 16, 0, 4);
	ck_assert_int_eq(imagesize_buf(buf, sizeof png, &info), IMAGESIZE_BAD);
	/* width above INT32_MAX */
	buf[16] = 0x80;
	ck_assert_int_eq(imagesize_buf(buf, sizeof png, &info), IMAGESIZE_BAD);
	/* GIF of height 0 */
	memcpy(buf, gif, sizeof gif);
	buf[8] = 0;
	ck_assert_int_eq(imagesize_buf(buf, sizeof gif, &info), IMAGESIZE_BAD);
	/* BMP of width 0, and of height INT32_MIN */
	ck_assert_int_eq(patched(bmp, sizeof bmp, 18, 0, &info),
	    IMAGESIZE_BAD);
	memcpy(buf, bmp, sizeof bmp);
	memcpy(buf + 22, "\x00\x00\x00\x80", 4);
	ck_assert_int_eq(imagesize_buf(buf, sizeof bmp, &info), IMAGESIZE_BAD);
	/* JPEG: EOI, or a scan, before any frame header */
	ck_assert_int_eq(patched(jpeg, sizeof jpeg, 3, 0xd9, &info),
	    IMAGESIZE_BAD);
	ck_assert_int_eq(patched(jpeg, sizeof jpeg, 3, 0xda, &info),
	    IMAGESIZE_BAD);
	/* JPEG segment length below 2 */
	ck_assert_int_eq(patched(jpeg, sizeof jpeg, 5, 1, &info),
	    IMAGESIZE_BAD);
	/* JPEG of height 0 (DNL) */
	ck_assert_int_eq(patched(jpeg, sizeof jpeg, 42, 0, &info),
	    IMAGESIZE_BAD);
	/* WebP: a bad VP8 start code, an inter frame, a bad VP8L signature,
	 * an unknown chunk */
	ck_assert_int_eq(patched(webp_lossy, sizeof webp_lossy, 24, 0, &info),
	    IMAGESIZE_BAD);
	ck_assert_int_eq(patched(webp_lossy, sizeof webp_lossy, 20, 0x31,
	    &info), IMAGESIZE_BAD);
	ck_assert_int_eq(patched(webp_lossless, sizeof webp_lossless, 20, 0,
	    &info), IMAGESIZE_BAD);
	ck_assert_int_eq(patched(webp_extended, sizeof webp_extended, 15, 'Y',
	    &info), IMAGESIZE_BAD);
	/* PNM: maxval 0 and above 65535, width 0, a width past INT32_MAX */
	ck_assert_int_eq(imagesize_buf("P5 3 2 0\n", 9, &info),
	    IMAGESIZE_BAD);
	ck_assert_str_eq(info.format, "pgm");
	ck_assert_int_eq(imagesize_buf("P6 3 2 65536\n", 13, &info),
	    IMAGESIZE_BAD);
	ck_assert_int_eq(imagesize_buf("P6 0 2 255\n", 11, &info),
	    IMAGESIZE_BAD);
	ck_assert_int_eq(imagesize_buf("P5 99999999999999999999 2 255\n", 30,
	    &info), IMAGESIZE_BAD);
}
END_TEST

/* The DHT in the sample would give a height of 258 if it were read as a
 * frame header. */
START_TEST(test_jpeg_skips_dht_and_dac)
{
	struct imagesize	info;
	uint8_t			buf[sizeof jpeg];

	ck_assert_int_eq(imagesize_buf(jpeg, sizeof jpeg, &info),
	    IMAGESIZE_OK);
	ck_assert_uint_eq(info.width, 64);
	/* the same bytes with SOF0 are read the same */
	memcpy(buf, jpeg, sizeof jpeg);
	buf[37] = 0xc0;
	ck_assert_int_eq(imagesize_buf(buf, sizeof buf, &info), IMAGESIZE_OK);
	ck_assert_uint_eq(info.height, 32);
	/* garbage before a marker is skipped, as libjpeg does */
	ck_assert_int_eq(patched(jpeg, sizeof jpeg, 35, 0x55, &info),
	    IMAGESIZE_OK);
}
END_TEST

START_TEST(test_not_images)
{
	static const char *const texts[] = {
		"", "hello, world\n", "BM is a text that starts like a BMP",
		"GIF8", "RIFF\x10\0\0\0WAVEfmt ", "\x89PN", "\xff\xd8",
		"%PDF-1.4\n",
		/* texts that begin like Netpbm */
		"P2 is where the road bends\n", "P3\nhello", "P6 1 2",
		"P5\n3 2\n255", "P2 3 2 255\n1 2 3 and then some words\n",
		"P3 2 1 255 # colours\n255 0 0 0 0 x\n", "P7 1 1 255\n",
		"P5x3 2 255\n",
	};
	struct imagesize	info;
	size_t			i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		ck_assert_msg(imagesize_buf(texts[i], strlen(texts[i]), &info)
		    == IMAGESIZE_NONE, "text %zu taken for an image", i);
}
END_TEST

/* APP1 and APP2 segments of 60000 bytes each, then SOF0: 123 x 45. */
static uint8_t *
big_jpeg(size_t *len)
{
	size_t	 n = 2 + 2 * (4 + 59998) + 19 + 2, at = 0;
	uint8_t	*p = calloc(1, n);
	int	 i;

	p[at++] = 0xff;
	p[at++] = 0xd8;
	for (i = 0; i < 2; i++) {
		p[at++] = 0xff;
		p[at++] = (uint8_t)(0xe1 + i);
		p[at++] = 60000 >> 8;
		p[at++] = 60000 & 0xff;
		memset(p + at, 0xff, 59998);	/* fill-like bytes inside */
		at += 59998;
	}
	memcpy(p + at, "\xff\xc0\x00\x11\x08\x00\x2d\x00\x7b\x03\x01\x22"
	    "\x00\x02\x11\x01\x03\x11\x01", 19);
	at += 19;
	p[at++] = 0xff;
	p[at++] = 0xd9;
	*len = at;
	return p;
}

START_TEST(test_jpeg_beyond_64k)
{
	struct imagesize	 info;
	size_t			 len;
	uint8_t			*p = big_jpeg(&len);

	ck_assert_int_eq(imagesize_buf(p, IMAGESIZE_HEAD, &info),
	    IMAGESIZE_MORE);
	/* past both APP segments: where SOF0 begins */
	ck_assert_uint_eq(info.next, 2 + 60002 + 60002);
	ck_assert_int_eq(imagesize_jpeg_more(p + info.next, len - info.next,
	    &info), IMAGESIZE_OK);
	ck_assert_uint_eq(info.width, 123);
	ck_assert_uint_eq(info.height, 45);
	free(p);
}
END_TEST

static int
temp_file(const uint8_t *p, size_t len, char *path)
{
	int	fd;

	strcpy(path, "/tmp/scalec-imagesize.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, p, len), (ssize_t)len);
	return fd;
}

START_TEST(test_fd)
{
	struct imagesize	 info;
	char			 path[64];
	size_t			 len;
	uint8_t			*p = big_jpeg(&len);
	int			 fd;

	fd = temp_file(p, len, path);
	ck_assert_int_eq(imagesize_fd(fd, &info), IMAGESIZE_OK);
	ck_assert_uint_eq(info.width, 123);
	ck_assert_int_eq(lseek(fd, 0, SEEK_CUR), (off_t)len);
	close(fd);
	unlink(path);
	/* cut inside the second APP segment: refused, not a loop */
	fd = temp_file(p, 100000, path);
	ck_assert_int_eq(imagesize_fd(fd, &info), IMAGESIZE_BAD);
	ck_assert_ptr_nonnull(info.why);
	close(fd);
	unlink(path);
	/* a small PNG file */
	fd = temp_file(png, sizeof png, path);
	ck_assert_int_eq(imagesize_fd(fd, &info), IMAGESIZE_OK);
	ck_assert_str_eq(info.format, "png");
	close(fd);
	unlink(path);
	/* a read error is reported, not taken for "not an image" */
	ck_assert_int_eq(imagesize_fd(-1, &info), IMAGESIZE_BAD);
	free(p);
}
END_TEST

static Suite *
imagesize_suite(void)
{
	Suite	*s = suite_create("imagesize");
	TCase	*tc = tcase_create("core");
	int	 n = (int)(sizeof samples / sizeof samples[0]);

	tcase_add_loop_test(tc, test_sizes, 0, n);
	tcase_add_loop_test(tc, test_truncated, 0, n);
	tcase_add_test(tc, test_broken_headers);
	tcase_add_test(tc, test_jpeg_skips_dht_and_dac);
	tcase_add_test(tc, test_not_images);
	tcase_add_test(tc, test_jpeg_beyond_64k);
	tcase_add_test(tc, test_fd);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return run_suite(imagesize_suite());
}
