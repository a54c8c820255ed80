/* libFuzzer target for the reader of Label Studio's label config
 * (src/formats/lsconfig.c, through libexpat): any bytes as the XML. Not
 * part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_lsconfig -max_total_time=60 tests/fuzz/corpus/lsconfig
 * A config it takes has a control, every control a name and a toName that
 * names one of its objects, no name twice, every label a value; a refusal
 * always says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/lsconfig.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ls_config	*cfg;
	size_t			 i, j;

	error_set_handler(keep);
	reported = 0;
	cfg = ls_config_parse((const char *)data, len, "fuzz.xml");
	if (cfg == NULL) {
		if (!reported)
			abort();
		return 0;
	}
	if (cfg->ncontrols == 0)
		abort();
	for (i = 0; i < cfg->ncontrols; i++) {
		const struct ls_tag *t = &cfg->controls[i];

		if (t->name == NULL || t->to_name == NULL || t->tag == NULL ||
		    ls_config_object(cfg, t->to_name) == NULL ||
		    ls_config_control(cfg, t->name) != t)
			abort();
		for (j = 0; j < t->nlabels; j++)
			if (t->labels[j] == NULL || t->labels[j][0] == '\0')
				abort();
	}
	for (i = 0; i < cfg->nobjects; i++)
		if (cfg->objects[i].field == NULL)
			abort();
	ls_config_free(cfg);
	return 0;
}
