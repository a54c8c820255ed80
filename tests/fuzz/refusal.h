/* For the fuzz targets of parsers that report their refusals: messages
 * are kept off stderr, and refusal_said tells whether an error was
 * reported since refusal_start, so a target can check that every refusal
 * says why. */
#ifndef SCALEC_FUZZ_REFUSAL_H
#define SCALEC_FUZZ_REFUSAL_H

#include "util/error.h"

static int	refusal_said;

static void
refusal_handler(int is_warning, const char *msg)
{
	if (!is_warning && msg[0] != '\0')
		refusal_said = 1;
}

static void
refusal_start(void)
{
	error_set_handler(refusal_handler);
	refusal_said = 0;
}

#endif
