/* Bulk import of task records (model/record.h) into a project: the hot
 * path of scalec import. The caller opens one transaction (store_begin)
 * around the whole file and rolls it back on any error, so a file lands
 * whole or not at all; the importer reuses its prepared statements and
 * allocates nothing per row that it can avoid. */
#ifndef SCALEC_STORE_IMPORT_H
#define SCALEC_STORE_IMPORT_H

#include <stdint.h>

struct store;
struct config;
struct record;

/* What to do with a record whose id the project already has. An id that
 * two lines of one file share is always an error. */
enum import_existing {
	IMPORT_FAIL,		/* an error naming the line (the default) */
	IMPORT_SKIP,		/* leave the task as it is */
	IMPORT_UPDATE,		/* replace its text/image and meta, its
				 * predictions when the line has some, and
				 * the annotations of the users it names */
};

struct import_opts {
	int64_t			 project_id;
	const char		*project;	/* its name, for messages */
	const struct config	*cfg;		/* checks results */
	enum import_existing	 existing;
	const char		*name;		/* the file, for messages */
	const char		*source;	/* stored as task.source; NULL */
	const char		*base;		/* absolute directory relative
						 * image paths are in */
	int			 takes;		/* config_takes(): text and/or
						 * images; 0 takes either */
	const char		*type;		/* the project's, for messages */
};

struct import_stats {
	int64_t	added;
	int64_t	updated;
	int64_t	skipped;
	int64_t	predictions;
	int64_t	annotations;
};

struct importer;

/* Prepares an import inside the caller's transaction; NULL after
 * reporting. opts' strings are borrowed until importer_free. */
struct importer	*importer_new(struct store *, const struct import_opts *);
/* Checks and stores one record; -1 after reporting FILE:LINE. */
int		 importer_add(struct importer *, struct record *);
/* Brings the project's counters up to date, once at the end. */
int		 importer_finish(struct importer *);
const struct import_stats *importer_stats(const struct importer *);
void		 importer_free(struct importer *);

#endif
