/* A JPEG's EXIF Orientation (see exif.h). The walk: SOI, then markers
 * with a length each, until APP1 with "Exif\0\0"; inside it a TIFF header
 * (II or MM, 42, the first IFD's offset) and the IFD's 12-byte entries.
 * Every offset is checked against the segment's end before it is read. */
#include <stdint.h>
#include <string.h>

#include "util/exif.h"

#define ORIENTATION_TAG	0x0112
#define IFD_ENTRIES_MAX	512	/* more than any camera writes */

static unsigned
get16(const uint8_t *p, int be)
{
	return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static uint32_t
get32(const uint8_t *p, int be)
{
	return be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3] : (uint32_t)p[3] << 24 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The orientation in a TIFF block t of n bytes, or 1. */
static int
tiff_orientation(const uint8_t *t, size_t n)
{
	uint32_t	 ifd;
	unsigned	 count, i, v;
	const uint8_t	*e;
	int		 be;

	if (n < 8)
		return 1;
	if (memcmp(t, "II", 2) == 0)
		be = 0;
	else if (memcmp(t, "MM", 2) == 0)
		be = 1;
	else
		return 1;
	if (get16(t + 2, be) != 42)
		return 1;
	ifd = get32(t + 4, be);
	if (ifd < 8 || ifd > n - 2)
		return 1;
	count = get16(t + ifd, be);
	if (count > IFD_ENTRIES_MAX)
		return 1;
	for (i = 0; i < count; i++) {
		if ((size_t)ifd + 2 + ((size_t)i + 1) * 12 > n)
			return 1;
		e = t + ifd + 2 + (size_t)i * 12;
		if (get16(e, be) != ORIENTATION_TAG)
			continue;
		/* Type SHORT (3), count 1: the value is in the entry. */
		if (get16(e + 2, be) != 3 || get32(e + 4, be) != 1)
			return 1;
		v = get16(e + 8, be);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

int
exif_orientation(const void *buf, size_t len)
{
	const uint8_t	*p = buf;
	size_t		 at = 2, seglen;
	unsigned	 marker;

	if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
		return 1;
	while (at + 4 <= len) {
		if (p[at] != 0xff)
			return 1;
		marker = p[at + 1];
		if (marker == 0xff) {		/* fill byte */
			at++;
			continue;
		}
		/* Start of scan or end of image: no EXIF before them. */
		if (marker == 0xda || marker == 0xd9)
			return 1;
		seglen = (size_t)p[at + 2] << 8 | p[at + 3];
		if (seglen < 2 || seglen > len - at - 2)
			return 1;
		if (marker == 0xe1 && seglen >= 8 &&
		    memcmp(p + at + 4, "Exif\0\0", 6) == 0)
			return tiff_orientation(p + at + 10, seglen - 8);
		at += 2 + seglen;
	}
	return 1;
}

int
exif_swaps(int o)
{
	return o >= 5 && o <= 8;
}
