/* libFuzzer target for the label config parser: any input is either
 * refused (with a message, no leak) or read into a config that writes
 * back as YAML which reads back the same. Built by 'make fuzz' with clang
 * (see HACKING), never by 'make check'. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "util/error.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
quiet(int is_warning, const char *msg)
{
	(void)is_warning;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*cfg, *back;
	char		*y1, *y2;

	error_set_handler(quiet);
	if ((cfg = config_parse((const char *)data, size, "fuzz")) == NULL)
		return 0;
	if ((y1 = config_to_yaml(cfg)) == NULL)
		abort();	/* a parsed config always writes */
	if ((back = config_parse(y1, strlen(y1), "round-trip")) == NULL)
		abort();	/* and what it writes reads back */
	if ((y2 = config_to_yaml(back)) == NULL || strcmp(y1, y2) != 0)
		abort();	/* the same */
	free(y1);
	free(y2);
	config_free(back);
	config_free(cfg);
	return 0;
}
