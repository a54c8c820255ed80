/* libFuzzer target for the COCO reader (imagefuzz.h): any bytes as a COCO
 * file, its images missing but allowed (the file gives their sizes), its
 * pieces kept in a scratch table of the harness's own (an array: the
 * store's is a TEMP table, which the harness does not link). Not part of
 * make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_coco -max_total_time=60 tests/fuzz/corpus/coco */
#include "imagefuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct piece {
	int			 kind;
	struct stage_piece	 p;
	char			*bytes;
};

struct mem_stage {
	struct piece	*v;
	size_t		 n, next;
	int		 next_kind;
};

static int
mem_put(void *arg, int kind, int unique, const struct stage_piece *p)
{
	struct mem_stage	*s = arg;
	size_t			 i;

	for (i = 0; unique && i < s->n; i++)
		if (s->v[i].kind == kind && s->v[i].p.key == p->key)
			return 1;
	s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n].kind = kind;
	s->v[s->n].p = *p;
	s->v[s->n].bytes = malloc(p->len + 1);
	memcpy(s->v[s->n].bytes, p->bytes, p->len);
	s->v[s->n].p.bytes = s->v[s->n].bytes;
	s->n++;
	return 0;
}

static int
mem_filled(void *arg)
{
	(void)arg;
	return 0;
}

static int
mem_next(void *arg, int kind, struct stage_piece *p)
{
	struct mem_stage	*s = arg;

	if (s->next_kind != kind) {
		s->next_kind = kind;
		s->next = 0;
	}
	for (; s->next < s->n; s->next++)
		if (s->v[s->next].kind == kind) {
			*p = s->v[s->next++].p;
			return 1;
		}
	return 0;
}

static int
mem_each(void *arg, int kind, int64_t key,
    int (*fn)(const struct stage_piece *, void *), void *fnarg)
{
	struct mem_stage	*s = arg;
	size_t			 i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].kind == kind && s->v[i].p.key == key &&
		    fn(&s->v[i].p, fnarg) == -1)
			return -1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct mem_stage	 ms = { NULL, 0, 0, -1 };
	struct reader_stage	 hooks = { &ms, mem_put, mem_filled, mem_next,
				    mem_each };
	struct reader_opts	 ro;
	struct reader		 r;
	FILE			*f;

	memset(&ro, 0, sizeof ro);
	ro.cfg = imagefuzz_config();
	ro.user = "fuzz";
	ro.base = "/nonexistent";
	ro.allow_missing = 1;
	ro.stage = &hooks;
	if (len == 0 || (f = fmemopen((void *)data, len, "r")) == NULL)
		return 0;
	if (reader_open_opts(&r, &format_coco, f, "fuzz", &ro) == 0)
		imagefuzz_read(&r);
	reader_close(&r);
	fclose(f);
	while (ms.n > 0)
		free(ms.v[--ms.n].bytes);
	free(ms.v);
	return 0;
}
