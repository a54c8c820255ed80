/* libFuzzer target for formats/spacyscan.c, the scanner of spaCy's v2
 * documents that the reader tries before jansson: any bytes as a v2 JSON
 * file, read twice, once with the scanner and once with jansson alone
 * (v2scan_off). Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_spacyscan -max_total_time=600 tests/fuzz/corpus/spacyscan
 * Both reads must yield the same records (line, text, tokens, meta and
 * annotations as json_dumps writes them) and end alike: the same return
 * and the same message. Any difference aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/format.h"
#include "formats/spacyscan.h"
#include "model/config.h"
#include "util/buf.h"
#include "util/error.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char yaml[] =
	"type: custom\n"
	"controls:\n"
	"  - {name: ents, kind: spans, labels: [PER, LOC]}\n";

static struct buf	said;

static void
keep(int is_warning, const char *msg)
{
	buf_printf(&said, "%d %s\n", is_warning, msg);
}

static void
dump(struct buf *b, const json_t *j)
{
	char	*s;

	if (j == NULL) {
		buf_addstr(b, "-\n");
		return;
	}
	s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	buf_addstr(b, s != NULL ? s : "?");
	buf_addch(b, '\n');
	free(s);
}

/* Everything one read gives, as text. */
static void
read_all(const struct config *cfg, const uint8_t *data, size_t len, int off,
    struct buf *out)
{
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	FILE			*f;
	int			 rc;

	v2scan_off = off;
	buf_reset(&said);
	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		abort();
	memset(&ro, 0, sizeof ro);
	ro.cfg = cfg;
	ro.user = "fuzz";
	ro.scheme = data[0] >= 1 && data[0] <= 4 ? data[0] : 0;
	rc = reader_open_opts(&r, &format_spacy_v2, f, "fuzz", &ro);
	while (rc == 0 && (rc = reader_next(&r, &rec)) == 1) {
		rc = 0;
		buf_printf(out, "%lu\n", rec.line);
		buf_add(out, rec.text, rec.text_len);
		buf_printf(out, "\n%zu %s\n", rec.text_len, rec.tokens != NULL ?
		    rec.tokens : "-");
		dump(out, rec.meta);
		buf_addstr(out, rec.meta_json != NULL ? rec.meta_json : "-");
		dump(out, rec.annotations);
		dump(out, rec.predictions);
	}
	buf_printf(out, "rc %d\n%s", rc, buf_str(&said));
	reader_close(&r);
	fclose(f);
	v2scan_off = 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct config	*cfg;
	struct buf		 fast = BUF_INIT, slow = BUF_INIT;

	error_set_handler(keep);
	if (cfg == NULL && (cfg = config_parse(yaml, strlen(yaml),
	    "fuzz")) == NULL)
		abort();
	if (len == 0)
		return 0;
	read_all(cfg, data, len, 0, &fast);
	read_all(cfg, data, len, 1, &slow);
	if (fast.len != slow.len || memcmp(fast.data, slow.data,
	    fast.len) != 0) {
		fprintf(stderr, "scanned:\n%s\njansson:\n%s\n", buf_str(&fast),
		    buf_str(&slow));
		abort();
	}
	buf_release(&fast);
	buf_release(&slow);
	return 0;
}
