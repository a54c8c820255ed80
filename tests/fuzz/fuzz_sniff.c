/* libFuzzer target for the format guess (src/formats/sniff.c): any bytes
 * as the head of a file named with each family's extension, with none and
 * as stdin. Every answer is whole (a sure guess names a format that reads,
 * an unsure one two candidates or more, each once); and a head that was
 * enough before the end (no SNIFF_MORE) gets the same answer as the whole
 * input, so that reading further never changes a guess.
 * Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_sniff -max_total_time=60 tests/fuzz/corpus/sniff */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "formats/sniff.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
whole(enum sniff_rc rc, const struct sniff *s)
{
	size_t	i, j;

	switch (rc) {
	case SNIFF_SURE:
		if (s->fmt == NULL || !(s->fmt->flags & FORMAT_READS))
			abort();
		break;
	case SNIFF_UNSURE:
		if (s->ncand < 2)
			abort();
		/* FALLTHROUGH */
	case SNIFF_UNKNOWN:
		for (i = 0; i < s->ncand; i++)
			for (j = 0; j < i; j++)
				if (s->cand[i] == s->cand[j] ||
				    s->cand[i] == NULL)
					abort();
		break;
	default:
		abort();	/* MORE at the end */
	}
}

static int
same(enum sniff_rc a, const struct sniff *x, enum sniff_rc b,
    const struct sniff *y)
{
	return a == b && x->fmt == y->fmt && x->ncand == y->ncand &&
	    memcmp(x->cand, y->cand, x->ncand * sizeof x->cand[0]) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const names[] = { "-", "a.json", "a.jsonl",
	    "data", "a.csv" };
	const char	*p = (const char *)data;
	struct sniff	 all, part;
	enum sniff_rc	 rc, prc;
	size_t		 i, k, step;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		rc = sniff_guess(names[i], p, len, 1, &all);
		whole(rc, &all);
		step = len / 64 + 1;
		for (k = 0; k < len; k += step) {
			prc = sniff_guess(names[i], p, k, 0, &part);
			if (prc == SNIFF_MORE)
				continue;
			whole(prc, &part);
			if (!same(rc, &all, prc, &part))
				abort();
		}
	}
	return 0;
}
