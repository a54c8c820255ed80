/* libFuzzer target for the COCO reader (imagefuzz.h): any bytes as a COCO
 * file, its images missing but allowed (the file gives their sizes), its
 * pieces kept in a scratch table of the harness's own (memstage.h). The
 * file is read twice, its plain boxes' results as text and (with
 * coco_tree_only) every result as a tree, into a transcript of each:
 * every record's image, size, id, meta and result (as the store would
 * keep it: the text, or the tree's JSON_COMPACT dump), every message.
 * The two must be the same bytes. Not part of make check; build and run
 * with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_coco -max_total_time=60 tests/fuzz/corpus/coco */
#include "imagefuzz.h"
#include "memstage.h"

#include "formats/imagefmt.h"
#include "util/buf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct buf	*coco_log;

static void
coco_error(int is_warning, const char *msg)
{
	if (coco_log != NULL)
		buf_printf(coco_log, "%s: %s\n", is_warning ? "warning" :
		    "error", msg);
}

static void
coco_json(struct buf *b, const char *what, json_t *j)
{
	char	*s = j != NULL ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) :
		    NULL;

	buf_printf(b, " %s=%s", what, s != NULL ? s : "none");
	free(s);
}

/* The harness's reader options: missing images allowed, the pieces in
 * ms (memstage.h) through hooks. */
static void
coco_opts(struct reader_opts *ro, struct reader_stage *hooks,
    struct mem_stage *ms)
{
	*hooks = (struct reader_stage){ ms, mem_put, mem_filled, mem_next,
	    mem_each };
	memset(ro, 0, sizeof *ro);
	ro->cfg = imagefuzz_config();
	ro->user = "fuzz";
	ro->base = "/nonexistent";
	ro->allow_missing = 1;
	ro->stage = hooks;
}

/* One reading of the file, tree or not, into b. */
static void
coco_read_all(const uint8_t *data, size_t len, int tree, struct buf *b)
{
	struct mem_stage	 ms = { NULL, 0, 0, -1 };
	struct reader_stage	 hooks;
	struct reader_opts	 ro;
	struct reader		 r;
	struct record		 rec;
	size_t			 i;
	json_t			*e;
	FILE			*f;
	int			 rc;

	coco_opts(&ro, &hooks, &ms);
	error_set_handler(coco_error);
	coco_log = b;
	coco_tree_only = tree;
	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		abort();
	if ((rc = reader_open_opts(&r, &format_coco, f, "fuzz", &ro)) == 0) {
		while ((rc = reader_next(&r, &rec)) == 1) {
			buf_printf(b, "rec %lu image=%s %dx%d id=%s meta=%s",
			    rec.line, rec.image != NULL ? rec.image : "-",
			    rec.width, rec.height, rec.ext_id != NULL ?
			    rec.ext_id : "-", rec.meta_json != NULL ?
			    rec.meta_json : "-");
			coco_json(b, "meta", rec.meta);
			json_array_foreach(rec.annotations, i, e)
				coco_json(b, "result", json_object_get(e,
				    "result"));
			for (i = 0; i < rec.nanns; i++)
				buf_printf(b, " result=%s", rec.anns[i].result);
			buf_addch(b, '\n');
		}
		buf_printf(b, "end %d\n", rc);
	}
	reader_close(&r);
	fclose(f);
	mem_release(&ms);
	coco_log = NULL;
	coco_tree_only = 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mem_stage	 ms = { NULL, 0, 0, -1 };
	struct reader_stage	 hooks;
	struct reader_opts	 ro;
	struct reader		 r;
	struct buf		 text = BUF_INIT, tree = BUF_INIT;
	FILE			*f;

	if (len == 0)
		return 0;
	/* Every annotation the model takes (imagefuzz.h)... */
	coco_opts(&ro, &hooks, &ms);
	if ((f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open_opts(&r, &format_coco, f, "fuzz", &ro) == 0)
		imagefuzz_read(&r);
	reader_close(&r);
	fclose(f);
	mem_release(&ms);
	/* ...and the text the same as the tree. */
	coco_read_all(data, len, 0, &text);
	coco_read_all(data, len, 1, &tree);
	if (text.len != tree.len || memcmp(text.data, tree.data, text.len)
	    != 0) {
		fprintf(stderr, "text:\n%s\ntree:\n%s\n", buf_str(&text),
		    buf_str(&tree));
		abort();
	}
	buf_release(&text);
	buf_release(&tree);
	return 0;
}
