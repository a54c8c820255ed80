/* The list of forward migrations (see schema.c for how they are numbered). */
#ifndef SCALEC_SCHEMA_H
#define SCALEC_SCHEMA_H

#include <stddef.h>

/*
 * scalec's PRAGMA application_id, "SCAL" (0x5343414c): what tells a scalec
 * database from another program's, whose user_version may be anything.
 * The migration numbered SCHEMA_APPID_VERSION sets it; a database at an
 * earlier version has application_id 0 and is known as scalec's by its
 * tables (store/identify.c).
 */
#define SCALEC_APPLICATION_ID	0x5343414cUL
#define SCHEMA_APPID_VERSION	4

size_t		 schema_migration_count(void);
/* The SQL of the i-th migration, which takes user_version from i to i + 1;
 * NULL past the end. */
const char	*schema_migration(size_t i);
/* The number written beside the i-th migration (the user_version it
 * leaves: i + 1 when the list is right); -1 past the end. */
int		 schema_migration_version(size_t i);

#endif
