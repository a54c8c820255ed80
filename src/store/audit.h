/* The audit log as callers read it: one record for every write a command
 * made (written in the same transaction as the write, by the store), who
 * acted, the real login behind --as, what and on which object. */
#ifndef SCALEC_STORE_AUDIT_H
#define SCALEC_STORE_AUDIT_H

#include <stdint.h>

struct store;
struct page;

struct audit_record {
	int64_t		 id;
	const char	*at;		/* ISO-8601 UTC */
	const char	*user;		/* the acting user; NULL when none */
	const char	*real_user;	/* the real login behind it; NULL */
	const char	*action;	/* "project.create", "member add", ... */
	const char	*object;	/* a project's name, a user's, a path */
	const char	*detail;
};

/* Which records: all fields zero (NULL) is every one. */
struct audit_filter {
	/* The records about the project of this name: every act but the
	 * user acts and init names its project as its object. A project
	 * renamed keeps its older records under the old name. */
	const char	*project;
	int64_t		 user_id;	/* acted, or was the real login */
	const char	*since;		/* at or after this stored time */
};

/*
 * Calls fn for each record that passes f, newest first, in the window
 * page (NULL: all; its after is a cursor in that order: the records older
 * than the one of that id). The record is borrowed for the call; fn
 * returning non-zero stops the walk and that value is returned. 0 when
 * all were seen, -1 after reporting an error.
 */
int	store_audit_each(struct store *, const struct audit_filter *f,
	    const struct page *page,
	    int (*fn)(const struct audit_record *, void *), void *arg);

#endif
