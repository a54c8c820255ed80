/* libFuzzer target for src/util/imagesize: any bytes, as a file's head and
 * as a JPEG continuation chunk. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_imagesize -max_total_time=60
 * A size it returns must be one a task can hold. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/imagesize.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

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
