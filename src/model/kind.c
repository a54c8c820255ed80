/* The control kinds' table (see kind.h); each row's functions are in
 * model/kind_*.c. */
#include <stddef.h>
#include <string.h>

#include "model/kind.h"
#include "model/kind_ops.h"
#include "util/xmalloc.h"

static const struct {
	const char		*name;
	int			 flags;
	const struct kind_ops	*ops;
	int			 keys;
	const char		*hint;
} kinds[] = {
#define KIND_ROW_(id, name, flags, ops, keys, hint) \
	[CONTROL_##id] = { name, flags, &kind_##ops##_ops, keys, hint },
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

const char *
control_kind_hint(enum control_kind k)
{
	if ((size_t)k >= ARRAY_SIZE(kinds))
		return "";
	return kinds[k].hint;
}

const struct kind_ops *
control_kind_ops(enum control_kind k)
{
	if ((size_t)k >= ARRAY_SIZE(kinds))
		return NULL;
	return kinds[k].ops;
}

int
control_kind_keys(enum control_kind k)
{
	if ((size_t)k >= ARRAY_SIZE(kinds))
		return KEYS_NOTHING;
	return kinds[k].keys;
}
