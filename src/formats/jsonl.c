/* JSON Lines, the native format: one task object per line, in the shape
 * of model/record.h's record ({"text"|"image", "id", "meta", "predictions",
 * "annotations"}). Blank lines are skipped; a byte-order mark on the first
 * line is ignored. Parsing is jansson's; duplicate keys are refused. */
#include <string.h>

#include "formats/format.h"
#include "util/error.h"
#include "util/jsonout.h"

/* A line's object (format.c's reader_json_line, which the JSON line
 * formats share), refused when it is another tool's shape. */
static int
jsonl_read(struct reader *r, struct record *rec)
{
	int	rc;

	if ((rc = reader_json_line(r, rec)) != 1)
		return rc;
	if (record_foreign_shape(r, r->obj, rec->line) == -1 ||
	    record_from_object(r, r->obj, rec) == -1)
		return -1;
	return 1;
}

static int
jsonl_write(struct writer *w, const struct out_task *t)
{
	json_t	*j = out_task_json(t);
	int	 rc;

	rc = jsonout_dumpf(j, w->f, JSON_REAL_PRECISION(15));
	json_decref(j);
	if (rc == -1 || putc('\n', w->f) == EOF)
		return -1;
	return 0;
}

const struct format format_jsonl = {
	.name = "jsonl",
	.extensions = ".jsonl .ndjson",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_PREDICTIONS | FORMAT_ANNOTATIONS,
	.read = jsonl_read,
	.write = jsonl_write,
};
