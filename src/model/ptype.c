/* The project types' table (see ptype.h). */
#include <stdio.h>
#include <string.h>

#include "model/ptype.h"
#include "util/xmalloc.h"

static const struct project_type types[] = {
#define PTYPE_ROW_(id, name, kind, control, multi, takes, labels) \
	{ name, kind, control, multi, takes, labels },
	PROJECT_TYPES(PTYPE_ROW_, )
#undef PTYPE_ROW_
};

const struct project_type *
project_type_find(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (strcmp(types[i].name, name) == 0)
			return &types[i];
	return NULL;
}

const struct project_type *
project_types(size_t *n)
{
	*n = ARRAY_SIZE(types);
	return types;
}

int
project_type_valid(const char *type)
{
	return project_type_find(type) != NULL;
}

int
project_type_custom(const struct project_type *t)
{
	return t->kind == NO_KIND;
}

const char *
project_types_multi(void)
{
	static char	list[256];
	size_t		i, n = 0;

	if (list[0] != '\0')
		return list;
	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (types[i].multi_control != NULL && n < sizeof list)
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
			    n > 0 ? ", " : "", types[i].name);
	return list;
}
