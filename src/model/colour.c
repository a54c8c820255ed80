/* The colours' table (see colour.h). */
#include <stddef.h>
#include <strings.h>

#include "model/colour.h"
#include "util/xmalloc.h"

static const char *const names[] = {
#define COLOUR_ROW_(id, name) [COLOUR_##id] = name,
	COLOURS(COLOUR_ROW_, )
#undef COLOUR_ROW_
};

int
colour_from_name(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcasecmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
colour_name(int colour)
{
	if (colour < 0 || (size_t)colour >= ARRAY_SIZE(names))
		return NULL;
	return names[colour];
}
