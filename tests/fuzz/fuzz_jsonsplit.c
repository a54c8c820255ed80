/* libFuzzer target for the JSON splitter (src/formats/jsonsplit.c), the
 * frame reader of the whole-document formats (Label Studio, COCO): any
 * bytes, as a document. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_jsonsplit -max_total_time=60
 * Every piece lies inside the input, after the one before it, at the
 * offset, line and column it says; a refusal always says why; and when
 * jansson takes the whole input as an array or an object (no member named
 * twice), the splitter takes it too, and its pieces, loaded and put
 * together again, are that same document. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/jsonsplit.h"
#include "util/error.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	reported;

static void
keep(int is_warning, const char *msg)
{
	(void)is_warning;
	if (msg[0] == '\0')
		abort();
	reported = 1;
}

/* The line and column of byte off of data, from 1 (a byte order mark
 * takes no column). */
static void
place(const uint8_t *data, size_t len, size_t off, unsigned long *line,
    unsigned long *col)
{
	size_t	i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	*line = *col = 1;
	for (; i < off; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

/* Puts a piece back where it came from in the document being rebuilt:
 * 0, or -1 for a member named twice (which jansson refuses too). */
static int
rebuild(json_t **doc, int top, const struct jsonsplit_item *it, json_t *v)
{
	json_t	*a;

	if (*doc == NULL)
		*doc = top == '[' ? json_array() : json_object();
	if (top == '[') {
		json_array_append_new(*doc, v);
		return 0;
	}
	a = json_object_get(*doc, it->member);
	if (it->whole || a == NULL) {
		if (a != NULL || (!it->whole && it->index != 0)) {
			json_decref(v);
			return -1;
		}
		if (it->whole) {
			json_object_set_new(*doc, it->member, v);
			return 0;
		}
		a = json_array();
		json_object_set_new(*doc, it->member, a);
	}
	if (!json_is_array(a) || json_array_size(a) != it->index) {
		json_decref(v);
		return -1;
	}
	json_array_append_new(a, v);
	return 0;
}

/* What the document's empty arrays and objects were, which give no piece:
 * added to the rebuilt one so that the two compare. */
static void
add_empty(json_t **doc, json_t *whole)
{
	const char	*k;
	json_t		*v;

	if (*doc == NULL)
		*doc = json_is_array(whole) ? json_array() : json_object();
	if (!json_is_object(whole))
		return;
	json_object_foreach(whole, k, v) {
		if (json_is_array(v) && json_array_size(v) == 0 &&
		    json_object_get(*doc, k) == NULL)
			json_object_set_new(*doc, k, json_array());
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct jsonsplit	 js;
	struct jsonsplit_item	 it;
	json_error_t		 err;
	json_t			*whole, *doc = NULL, *v;
	FILE			*f;
	uint64_t		 next = 0;
	unsigned long		 line, col;
	int			 rc, bad = 0;

	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	error_set_handler(keep);
	reported = 0;
	jsonsplit_init(&js, f, "fuzz.json");
	while ((rc = jsonsplit_next(&js, &it)) == 1) {
		if (it.offset < next || it.offset + it.len > len ||
		    it.len == 0 || it.bytes == NULL ||
		    memcmp(it.bytes, data + it.offset, it.len) != 0)
			abort();
		place(data, len, (size_t)it.offset, &line, &col);
		if (line != it.line || col != it.col)
			abort();
		next = it.offset + it.len;
		if ((it.member != NULL) != (js.top == '{'))
			abort();
		v = json_loadb(it.bytes, it.len, JSON_DECODE_ANY, &err);
		if (v == NULL)
			bad = 1;
		else if (bad)
			json_decref(v);
		else if (rebuild(&doc, js.top, &it, v) == -1)
			bad = 1;
	}
	if (rc == -1 && !reported)
		abort();
	if (rc == 0 && jsonsplit_pos(&js) > len)
		abort();
	whole = json_loadb((const char *)data, len, JSON_REJECT_DUPLICATES,
	    &err);
	if (whole != NULL) {
		/* jansson took it: so must the splitter, piece for piece. */
		if (rc != 0 || bad)
			abort();
		add_empty(&doc, whole);
		if (!json_equal(doc, whole))
			abort();
	}
	json_decref(whole);
	json_decref(doc);
	jsonsplit_release(&js);
	fclose(f);
	error_set_handler(NULL);
	return 0;
}
