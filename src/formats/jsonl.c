/* JSON Lines, the native format: one task object per line, in the shape
 * of model/record.h's record ({"text"|"image", "id", "meta", "predictions",
 * "annotations"}). Blank lines are skipped; a byte-order mark on the first
 * line is ignored. Parsing is jansson's; duplicate keys are refused. */
#include <string.h>

#include "formats/format.h"
#include "util/error.h"
#include "util/jsonout.h"

/* 1 when the line is only white space. */
static int
blank(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static int
jsonl_read(struct reader *r, struct record *rec)
{
	json_error_t	 err;
	char		*line;
	size_t		 len;
	int		 rc;

	for (;;) {
		if ((rc = linereader_next(&r->lr, &line, &len)) != 1)
			return rc;
		rec->line = r->lr.lineno;
		if (!blank(line, len))
			break;
	}
	r->obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (r->obj == NULL) {
		/* Say what is wrong with the bytes before blaming JSON. */
		if (format_check_text(r->name, rec->line, line, len) == -1)
			return -1;
		if (strstr(err.text, "JSON_ALLOW_NUL") != NULL)
			return error("%s:%lu: a \\u0000 (NUL) in a string at"
			    " column %d: text may not hold NUL", r->name,
			    rec->line, err.column);
		return error("%s:%lu: malformed JSON at column %d: %s",
		    r->name, rec->line, err.column, err.text);
	}
	if (!json_is_object(r->obj))
		return error("%s:%lu: each line must be a JSON object (one"
		    " task)", r->name, rec->line);
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
