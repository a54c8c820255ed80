/* libFuzzer target for src/util/imagesize: any bytes, as a file's head and
 * as a JPEG continuation chunk. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	mkdir corpus && cp tests/fuzz/seeds/raw.p?m tests/fuzz/seeds/ascii.p?m \
 *	    corpus
 *	tests/fuzz/fuzz_imagesize -max_total_time=60 corpus
 * A size it returns must be one a task can hold. The Netpbm reader
 * (weak "P2" to "P6" signatures, decimal fields, comments) is held to more:
 * only input that starts with such a signature gives a PGM or PPM; a size
 * from a binary one is found again with a byte appended (its samples are
 * not read); three bytes never give one. The seeds start it from each
 * kind. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/imagesize.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A PGM or PPM that gave a size: it starts with a Netpbm signature; a
 * binary one (P5, P6) gives the same size with a NUL appended; its first
 * three bytes alone give none. */
static void
pnm_check(const uint8_t *data, size_t len, const struct imagesize *got)
{
	struct imagesize	 info;
	uint8_t			*copy;

	if (data[0] != 'P' || (data[1] != '2' && data[1] != '3' &&
	    data[1] != '5' && data[1] != '6'))
		abort();
	if (data[1] == '5' || data[1] == '6') {
		if ((copy = malloc(len + 1)) == NULL)
			return;
		memcpy(copy, data, len);
		copy[len] = '\0';
		if (imagesize_buf(copy, len + 1, &info) != IMAGESIZE_OK ||
		    info.width != got->width || info.height != got->height)
			abort();
		free(copy);
	}
	if (imagesize_buf(data, 3, &info) == IMAGESIZE_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct imagesize	info;
	int			rc, rounds = 0;
	size_t			off;

	rc = imagesize_buf(data, len, &info);
	if (rc == IMAGESIZE_OK &&
	    (info.width == 0 || info.height == 0 ||
	    info.width > INT32_MAX || info.height > INT32_MAX))
		abort();
	if (rc == IMAGESIZE_BAD && info.why == NULL)
		abort();
	if (rc == IMAGESIZE_OK && info.format[0] == 'p' &&
	    info.format[1] != 'n')
		pnm_check(data, len, &info);
	/* Walk on as the file wrapper does, the input being the whole file. */
	while (rc == IMAGESIZE_MORE && rounds++ < 1000) {
		if (info.next > len)
			off = len;
		else
			off = (size_t)info.next;
		rc = imagesize_jpeg_more(data + off, len - off, &info);
		if (rc == IMAGESIZE_OK && (info.width == 0 || info.height == 0))
			abort();
	}
	if (rc == IMAGESIZE_MORE)
		abort();	/* the walk must make progress or stop */
	return 0;
}
