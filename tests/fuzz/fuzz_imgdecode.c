/* libFuzzer target for our side of the decode path (src/util/imgdecode.c
 * with the system decoders linked): sniffing, the size limits, the JPEG
 * scale, the Netpbm and BMP readers, orientation. Not part of make check;
 *	make fuzz CC=clang && tests/fuzz/fuzz_imgdecode -max_total_time=600
 *	    -rss_limit_mb=1024
 * A decoded image is within the limits and as big as its pixels say. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/imgdecode.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct img	im;
	char		err[256];
	int		want = len > 0 ? data[0] % 64 : 0;

	if (img_decode(data, len, want * 8, want * 4, &im, err, sizeof err)
	    == 0) {
		if (im.w < 1 || im.h < 1 || (long)im.w * im.h > IMG_PIXELS_MAX ||
		    im.rgba == NULL)
			abort();
		/* Every pixel is there to read. */
		if (im.rgba[(size_t)im.w * (size_t)im.h * 4 - 1] == 0 &&
		    im.rgba[0] == 0 && err[0] == 1)
			abort();
		img_release(&im);
	} else if (err[0] == '\0')
		abort();
	return 0;
}
