/* For the format fuzz targets: a record that a format reads must come back
 * the same (its text or image, and its tokens where the format holds
 * them: JSONL, CSV, TSV) when that format writes it, through the writer
 * and a stream sink, and reads it again. crlf compares "\r\n" in
 * a text as "\n", for a reader that drops one '\r' before each line end
 * (the CSV reader keeps a CRLF inside quotes, so its target passes 0). */
#ifndef SCALEC_FUZZ_ROUNDTRIP_H
#define SCALEC_FUZZ_ROUNDTRIP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "util/sink.h"

/* s without the '\r' of each "\r\n" when crlf; a string to free. */
static char *
roundtrip_norm(const char *s, int crlf)
{
	char	*out = strdup(s), *q = out;

	if (out == NULL)
		abort();
	for (; *s != '\0'; s++)
		if (!crlf || s[0] != '\r' || s[1] != '\n')
			*q++ = *s;
	*q = '\0';
	return out;
}

static void
roundtrip_same(const char *a, const char *b, int crlf)
{
	char	*na, *nb;

	if ((a == NULL) != (b == NULL))
		abort();
	if (a == NULL)
		return;
	na = roundtrip_norm(a, crlf);
	nb = roundtrip_norm(b, crlf);
	if (strcmp(na, nb) != 0)
		abort();
	free(na);
	free(nb);
}

static void
roundtrip(const struct format *fmt, const struct record *rec, int crlf)
{
	struct out_task	 t;
	struct writer	 w;
	struct reader	 r;
	struct record	 back;
	struct sink	*sink;
	char		*s = NULL;
	size_t		 len = 0;
	FILE		*f;

	memset(&t, 0, sizeof t);
	t.id = 1;
	t.ext_id = rec->ext_id;
	t.kind = rec->image != NULL ? "image" : "text";
	t.text = rec->text;
	t.image = rec->image;
	t.tokens = rec->tokens;
	if ((f = open_memstream(&s, &len)) == NULL)
		abort();
	sink = sink_open_stream(f, "mem");
	if (writer_begin(&w, fmt, NULL, sink) == -1 ||
	    writer_write(&w, &t) == -1 || writer_end(&w, 1) == -1 ||
	    sink_commit(sink) == -1)
		abort();
	fclose(f);
	if ((f = fmemopen(s, len, "r")) == NULL)
		abort();
	if (reader_open(&r, fmt, f, "back") == -1 ||
	    reader_next(&r, &back) != 1)
		abort();
	roundtrip_same(rec->text, back.text, crlf);
	roundtrip_same(rec->image, back.image, crlf);
	if (fmt == &format_jsonl || fmt == &format_csv || fmt == &format_tsv)
		roundtrip_same(rec->tokens, back.tokens, 0);
	reader_close(&r);
	fclose(f);
	free(s);
}

#endif
