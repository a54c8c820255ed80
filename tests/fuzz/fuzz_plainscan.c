/* libFuzzer target for formats/plainscan.c, the plain lines' scanner
 * that import's parse-ahead thread runs before jansson: any bytes as one
 * JSONL line, read both ways. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_plainscan -max_total_time=600 tests/fuzz/corpus/plainscan
 * Where the scanner takes the line, jansson must take it too
 * (JSON_REJECT_DUPLICATES, an object, record_foreign_shape and
 * record_from_object with no error), and the record must be the same:
 * the text's bytes, the id as text (its JSON type kept), meta as
 * json_dumps(JSON_COMPACT) writes it, the priority, nothing else. A
 * difference aborts; a line the scanner leaves is jansson's alone. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/format.h"
#include "formats/plainscan.h"
#include "util/error.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct reader	fast, slow;	/* static: idtext kept */
	struct record		 rf, rs;
	struct plain		 p;
	json_error_t		 err;
	json_t			*obj;
	char			*line, *dumped;
	const char		*mf;
	int			 ok;

	error_set_handler(quiet);
	/* Exactly the bytes: a read past them is ASan's to see. */
	line = malloc(len > 0 ? len : 1);
	memcpy(line, data, len);
	ok = plain_scan(line, len, &p, &fast.plainown);
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	free(line);
	if (!ok) {
		json_decref(obj);
		return 0;
	}
	if (!json_is_object(obj))
		abort();
	fast.name = slow.name = "fuzz";
	fast.plainb = &fast.plainown;
	fast.plain = p;
	memset(&rf, 0, sizeof rf);
	memset(&rs, 0, sizeof rs);
	reader_plain_record(&fast, &rf);
	if (record_foreign_shape(&slow, obj, 1) != 0 ||
	    record_from_object(&slow, obj, &rs) != 0)
		abort();
	if (rs.text == NULL || rs.text_len != rf.text_len ||
	    memcmp(rs.text, rf.text, rf.text_len) != 0 ||
	    rf.text[rf.text_len] != '\0')
		abort();
	if (!same(rs.ext_id, rf.ext_id))
		abort();
	if (rs.has_priority != rf.has_priority ||
	    (rs.has_priority && rs.priority != rf.priority))
		abort();
	if (rs.image != NULL || rs.predictions != NULL ||
	    rs.annotations != NULL || rs.final_answer != NULL ||
	    rs.gold != NULL || rs.tokens != NULL || rs.width != 0 ||
	    rs.height != 0 || rf.meta != NULL)
		abort();
	/* meta: the store's text of each (store/import.c's dump). */
	dumped = rs.meta != NULL ? json_dumps(rs.meta, JSON_COMPACT) : NULL;
	mf = rf.meta_json != NULL ? rf.meta_json : "{}";
	if (!same(dumped != NULL ? dumped : "{}", mf))
		abort();
	free(dumped);
	json_decref(slow.meta);
	slow.meta = NULL;
	json_decref(obj);
	return 0;
}
