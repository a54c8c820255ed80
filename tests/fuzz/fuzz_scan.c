/* libFuzzer target for model/answer_scan.c, which reads stored results
 * for the quality figures without a JSON tree: any bytes, as a result of
 * a config with a multichoice, a spans and a rating control. Not part of
 * make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_scan -max_total_time=60
 * The scan never reads out of its bytes, and where the bytes are a
 * result the answer model takes (strictly, as every stored one was) and
 * the scan reads a value, it reads what the model does. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char config_text[] =
    "controls:\n"
    "  - name: c\n"
    "    kind: multichoice\n"
    "    labels: [{name: a}, {name: \"b \\\"q\\\"\"}, {name: é}]\n"
    "  - name: s\n"
    "    kind: spans\n"
    "    labels: [{name: PER}, {name: ORG}]\n"
    "  - name: r\n"
    "    kind: rating\n";

static struct config	*cfg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char		*text = (const char *)data, *v;
	const struct control	*c, *s;
	struct answer		*a;
	struct ans_value	*av;
	struct ans_span		*sp = NULL;
	unsigned char		 chosen[3];
	size_t			 vlen, nsp = 0, asp = 0, i;
	int			 found[3], ok[3], r = 0;
	json_t			*j;
	char			 err[256];

	if (cfg == NULL)
		cfg = config_parse(config_text, strlen(config_text), "fuzz");
	c = config_control(cfg, "c");
	s = config_control(cfg, "s");
	/* The scan alone, on anything (the sanitizers watch it). */
	found[0] = ans_scan_member(text, len, "c", &v, &vlen);
	ok[0] = found[0] == 1 && ans_scan_labels(c, v, vlen, chosen) >= 0;
	found[1] = ans_scan_member(text, len, "s", &v, &vlen);
	ok[1] = found[1] == 1 && ans_scan_spans(s, v, vlen, &sp, &nsp,
	    &asp) == 0;
	found[2] = ans_scan_member(text, len, "r", &v, &vlen);
	ok[2] = found[2] == 1 && ans_scan_rating(v, vlen, &r) == 0;
	ans_scan_labels(c, text, len, chosen);
	ans_scan_rating(text, len, &r);
	if ((j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL)) ==
	    NULL)
		goto out;
	a = answer_new(cfg, NULL);
	if (json_is_object(j) && answer_load(a, j, ANSWER_ALLOW_RETIRED, err,
	    sizeof err) == 0) {
		/* Found exactly where the model has the control. */
		for (i = 0; i < 3; i++)
			if (found[i] != (json_object_get(j, i == 0 ? "c" :
			    i == 1 ? "s" : "r") != NULL))
				abort();
		if (ok[0]) {
			found[0] = ans_scan_member(text, len, "c", &v, &vlen);
			ans_scan_labels(c, v, vlen, chosen);
			av = answer_value(a, "c");
			for (i = 0; i < 3; i++)
				if (chosen[i] != (av->chosen[i] != 0))
					abort();
		}
		if (ok[1]) {
			av = answer_value(a, "s");
			if (av->nspans != nsp)
				abort();
			/* The model sorts by start; stored spans are. */
			for (i = 0; i < nsp; i++) {
				size_t	k;

				for (k = 0; k < nsp; k++)
					if (av->spans[k].start == sp[i].start)
						break;
				if (k == nsp || av->spans[k].end != sp[i].end ||
				    av->spans[k].label != sp[i].label)
					abort();
			}
		}
		if (ok[2] && answer_value(a, "r")->rating != r)
			abort();
	}
	answer_free(a);
	json_decref(j);
out:
	free(sp);
	return 0;
}
