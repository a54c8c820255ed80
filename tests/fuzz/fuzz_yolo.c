/* libFuzzer target for the YOLO reader (imagefuzz.h): a folder made once
 * with a 160x120 image in images/ and a 3x2 one beside it (Darknet's
 * layout), and for each input its label files and class names: the bytes
 * up to a line "---" are the names (data.yaml when they start with
 * "names", else classes.txt), the rest is labels/a.txt and b.txt.
 * Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_yolo -max_total_time=60 tests/fuzz/corpus/yolo */
#include <sys/stat.h>

#include "imagefuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The two PNGs: 160 x 120 and 3 x 2, headers only (their size is all the
 * reader asks of them). */
static const unsigned char png_big[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 0, 160, 0, 0, 0, 120, 8, 2, 0, 0, 0, 0, 0, 0, 0
};
static const unsigned char png_small[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 0, 0, 0, 0
};

static char	dir[64];

static void
put(const char *name, const void *p, size_t len)
{
	char	path[128];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (p == NULL) {
		unlink(path);
		return;
	}
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fwrite(p, 1, len, f);
	fclose(f);
}

static void
setup(void)
{
	char	path[128];

	strcpy(dir, "/tmp/fuzz_yolo.XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/images", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/labels", dir);
	mkdir(path, 0700);
	put("images/a.png", png_big, sizeof png_big);
	put("b.png", png_small, sizeof png_small);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char		*sep, *labels;
	struct reader_opts	 ro;
	struct reader		 r;
	size_t			 nlen, llen;

	if (dir[0] == '\0')
		setup();
	sep = memmem(data, len, "\n---\n", 5);
	nlen = sep != NULL ? (size_t)(sep - (const char *)data) : 0;
	labels = sep != NULL ? sep + 5 : (const char *)data;
	llen = len - (size_t)(labels - (const char *)data);
	put("data.yaml", NULL, 0);
	put("classes.txt", NULL, 0);
	if (sep == NULL)
		put("classes.txt", "circle\nsquare\nblob\n", 19);
	else
		put(nlen >= 5 && memcmp(data, "names", 5) == 0 ? "data.yaml" :
		    "classes.txt", data, nlen);
	put("labels/a.txt", labels, llen);
	put("b.txt", labels, llen / 2);
	memset(&ro, 0, sizeof ro);
	ro.cfg = imagefuzz_config();
	ro.user = "fuzz";
	if (reader_open_opts(&r, &format_yolo, NULL, dir, &ro) == 0)
		imagefuzz_read(&r);
	reader_close(&r);
	return 0;
}
