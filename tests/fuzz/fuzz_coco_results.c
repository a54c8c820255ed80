/* libFuzzer target for the COCO results reader (--format coco-results):
 * any bytes as a results file against a project whose tasks are images
 * 1 to 4 (160x120) and a text (5), with a boxes control whose labels
 * have ids of their own and a polygons control; its pieces in the
 * harness's scratch table (memstage.h). Every prediction it yields must
 * be for a task there and pass the answer model against that task's
 * image, since the reader checks everything at its JSON path first.
 * Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_coco_results -max_total_time=60 \
 *	    tests/fuzz/corpus/coco_results */
#include "imagefuzz.h"
#include "memstage.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char results_yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: boxes, kind: boxes, labels: [{name: circle, id: 3},"
	" square, {name: tri, id: 0}]}\n"
	"  - {name: regions, kind: polygons, labels: [circle, blob]}\n";

static int
find(void *arg, const char *ext_id, int *w, int *h)
{
	(void)arg;
	if (strlen(ext_id) != 1 || ext_id[0] < '1' || ext_id[0] > '5')
		return 0;
	*w = ext_id[0] == '5' ? 0 : 160;
	*h = ext_id[0] == '5' ? 0 : 120;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct mem_stage	 ms = { NULL, 0, 0, -1 };
	struct reader_stage	 hooks = { &ms, mem_put, mem_filled, mem_next,
				    mem_each };
	struct reader_tasks	 tasks = { NULL, find };
	struct answer_task	 t;
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	char			 err[256];
	json_t			*e, *res;
	size_t			 i;
	FILE			*f;

	imagefuzz_config();	/* quiet errors */
	if (cfg == NULL && (cfg = config_parse(results_yaml,
	    strlen(results_yaml), "fuzz")) == NULL)
		abort();
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	ro.stage = &hooks;
	ro.tasks = &tasks;
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open_opts(&r, &format_coco_results, f, "fuzz", &ro) == 0)
		while (reader_next(&r, &rec) == 1) {
			memset(&t, 0, sizeof t);
			if (rec.ext_id == NULL || rec.image != NULL ||
			    rec.text != NULL || json_array_size(
			    rec.predictions) != 1 || find(NULL, rec.ext_id,
			    &t.width, &t.height) != 1 || t.width == 0)
				abort();
			json_array_foreach(rec.predictions, i, e) {
				res = json_deep_copy(json_object_get(e,
				    "result"));
				if (res == NULL || answer_check(cfg, res, &t,
				    ANSWER_ALLOW_RETIRED, err, sizeof err) ==
				    -1) {
					fprintf(stderr, "refused: %s\n", err);
					abort();
				}
				json_decref(res);
			}
		}
	reader_close(&r);
	fclose(f);
	mem_release(&ms);
	return 0;
}
