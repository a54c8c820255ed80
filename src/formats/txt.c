/* Plain text: one task per line, the line (without its line ending) is the
 * text. Blank lines are skipped. Import only: export writes jsonl or csv. */
#include <string.h>

#include "formats/format.h"

static int
txt_read(struct reader *r, struct record *rec)
{
	char	*line;
	size_t	 len;
	int	 rc;

	for (;;) {
		if ((rc = linereader_next(&r->lr, &line, &len)) != 1)
			return rc;
		rec->line = r->lr.lineno;
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (format_check_text(r->name, rec->line, line, len) == -1)
			return -1;
		if (len > 0)
			break;
	}
	rec->text = line;
	rec->text_len = len;
	return 1;
}

const struct format format_txt = {
	.name = "txt",
	.extensions = ".txt .text",
	.flags = FORMAT_READS | FORMAT_TEXT,
	.read = txt_read,
};
