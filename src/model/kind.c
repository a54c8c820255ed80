/* The control kinds' table (see kind.h). */
#include <stddef.h>
#include <string.h>

#include "model/kind.h"
#include "util/xmalloc.h"

static const struct {
	const char	*name;
	int		 flags;
} kinds[] = {
#define KIND_ROW_(id, name, flags) [CONTROL_##id] = { name, flags },
	CONTROL_KINDS(KIND_ROW_, )
#undef KIND_ROW_
};

const char *
control_kind_name(enum control_kind k)
{
	if ((size_t)k >= ARRAY_SIZE(kinds))
		return "?";
	return kinds[k].name;
}

int
control_kind_from_name(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
control_kind_flags(enum control_kind k)
{
	if ((size_t)k >= ARRAY_SIZE(kinds))
		return 0;
	return kinds[k].flags;
}

int
control_has_labels(enum control_kind k)
{
	return (control_kind_flags(k) & KIND_LABELS) != 0;
}
