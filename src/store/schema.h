/* The list of forward migrations (see schema.c). */
#ifndef SCALEC_SCHEMA_H
#define SCALEC_SCHEMA_H

#include <stddef.h>

size_t		 schema_migration_count(void);
/* The SQL that takes user_version from to from + 1; NULL past the end. */
const char	*schema_migration(size_t from);

#endif
