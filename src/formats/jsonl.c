/* JSON Lines, the native format: one task object per line, in the shape
 * of model/record.h's record ({"text"|"image", "id", "meta", "predictions",
 * "annotations"}). Blank lines are skipped; a byte-order mark on the first
 * line is ignored. Parsing is jansson's; duplicate keys are refused. On
 * import a line of the plain keys alone is scanned without a tree
 * (plainscan.h), to the same record. */
#include <string.h>

#include "formats/format.h"
#include "util/buf.h"
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
	if (r->plainb != NULL) {	/* scanned: a plain line */
		reader_plain_record(r, rec);
		return 1;
	}
	if (record_foreign_shape(r, r->obj, rec->line) == -1 ||
	    record_from_object(r, r->obj, rec) == -1)
		return -1;
	return 1;
}

static int
jsonl_write(struct writer *w, const struct out_task *t)
{
	static struct buf	raw;

	/* Written straight, not built as a jansson tree and dumped: that
	 * was most of an export's time. The buffers are one record's size
	 * and kept from one record to the next. */
	buf_reset(&raw);
	out_task_write(&raw, t);
	return writer_jsonw_line(w, &raw);
}

const struct format format_jsonl = {
	.name = "jsonl",
	.extensions = ".jsonl .ndjson",
	.flags = FORMAT_READS | FORMAT_WRITES | FORMAT_TEXT | FORMAT_IMAGE |
	    FORMAT_META | FORMAT_PREDICTIONS | FORMAT_ANNOTATIONS,
	.read = jsonl_read,
	.write = jsonl_write,
};
