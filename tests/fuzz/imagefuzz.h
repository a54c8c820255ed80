/* For the fuzz targets of the image formats (YOLO, Pascal VOC): a
 * project with a boxes and a polygons control; every annotation a reader
 * yields must pass the answer model's checks against the image's size,
 * since the store would refuse it at a place the reader did not name (the
 * reader checks everything at its FILE:LINE first). Errors are expected;
 * a crash, a leak, a sanitizer report or a result the model refuses is
 * the bug. */
#ifndef SCALEC_FUZZ_IMAGEFUZZ_H
#define SCALEC_FUZZ_IMAGEFUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/format.h"
#include "model/answer.h"
#include "model/config.h"
#include "util/error.h"

static const char imagefuzz_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: boxes, kind: boxes, labels: [circle, square]}\n"
	"  - {name: regions, kind: polygons, labels: [circle, blob]}\n";

static void
imagefuzz_quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

static const struct config *
imagefuzz_config(void)
{
	static struct config	*cfg;

	error_set_handler(imagefuzz_quiet);
	if (cfg == NULL && (cfg = config_parse(imagefuzz_yaml,
	    strlen(imagefuzz_yaml), "fuzz")) == NULL)
		abort();
	return cfg;
}

/* Reads everything the reader yields, checking each annotation. */
static void
imagefuzz_read(struct reader *r)
{
	const struct config	*cfg = r->opts.cfg;
	struct answer_task	 t;
	struct record		 rec;
	char			 err[256];
	json_t			*e, *res;
	size_t			 i;

	while (reader_next(r, &rec) == 1) {
		if (rec.image == NULL)
			abort();
		memset(&t, 0, sizeof t);
		t.width = rec.width;
		t.height = rec.height;
		json_array_foreach(rec.annotations, i, e) {
			res = json_deep_copy(json_object_get(e, "result"));
			if (res == NULL || answer_check(cfg, res, &t,
			    ANSWER_ALLOW_RETIRED, err, sizeof err) == -1) {
				fprintf(stderr, "refused: %s\n", err);
				abort();
			}
			json_decref(res);
		}
		/* Results as text (YOLO's): JSON whose JSON_COMPACT dump is
		 * the same bytes (the store keeps them as given), and that
		 * the check takes. */
		for (i = 0; i < rec.nanns; i++) {
			char	*back;

			if (rec.anns[i].result == NULL)
				continue;
			res = json_loadb(rec.anns[i].result,
			    rec.anns[i].result_len, 0, NULL);
			back = res != NULL ? json_dumps(res, JSON_COMPACT) :
			    NULL;
			if (back == NULL || strlen(back) !=
			    rec.anns[i].result_len || memcmp(back,
			    rec.anns[i].result, rec.anns[i].result_len) != 0) {
				fprintf(stderr, "not as dumped: %s\n",
				    rec.anns[i].result);
				abort();
			}
			free(back);
			if (answer_check(cfg, res, &t, ANSWER_ALLOW_RETIRED,
			    err, sizeof err) == -1) {
				fprintf(stderr, "refused: %s\n", err);
				abort();
			}
			json_decref(res);
		}
	}
}

#endif
