/* A scratch table of a fuzz harness's own for a FORMAT_STAGES reader
 * (COCO's): an array (the store's is a TEMP table, which the harnesses do
 * not link), with the hooks of struct reader_stage. */
#ifndef SCALEC_FUZZ_MEMSTAGE_H
#define SCALEC_FUZZ_MEMSTAGE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"

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

static void
mem_release(struct mem_stage *ms)
{
	while (ms->n > 0)
		free(ms->v[--ms->n].bytes);
	free(ms->v);
}

#endif
