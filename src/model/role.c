/* Roles and the one table of what each may do. */
#include <stddef.h>
#include <string.h>

#include "model/role.h"

static const char *const names[] = {
#define ROLE_ROW_(id, name, rank) [ROLE_##id] = name,
	ROLES(ROLE_ROW_, )
#undef ROLE_ROW_
};

static const struct {
	enum role	 least;
	const char	*what;
} acts[] = {
#define ACT(name, least, what) { least, what },
	ACT_LIST
#undef ACT
};

const char *
role_name(enum role r)
{
	if (r < ROLE_ANNOTATOR || r > ROLE_ADMIN)
		return NULL;
	return names[r];
}

enum role
role_from_name(const char *s)
{
	int	i;

	for (i = ROLE_ANNOTATOR; i <= ROLE_ADMIN; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

const char *
role_names(void)
{
	return ROLE_NAMES;
}

int
role_allows(enum role r, enum act a)
{
	if (r == ROLE_NONE || a < 0 || a >= ACT__COUNT)
		return 0;
	return r >= acts[a].least;
}

const char *
act_what(enum act a)
{
	return acts[a].what;
}

enum role
act_least(enum act a)
{
	return acts[a].least;
}

int
user_name_valid(const char *s)
{
	size_t	i, n = strlen(s), digits = 0;

	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || s[i] == '_')
			continue;
		if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			continue;
		}
		if (i > 0 && (s[i] == '.' || s[i] == '-' || s[i] == '@'))
			continue;
		break;
	}
	return n > 0 && n <= USER_NAME_MAX && i == n && digits < n;
}
