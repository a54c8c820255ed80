/* The names near a mistyped one, for "did you mean": the active users or
 * the projects whose names are within the suggestion's distance. */
#ifndef SCALEC_STORE_NEAR_H
#define SCALEC_STORE_NEAR_H

struct store;
struct suggest;

/*
 * Offers to s (util/suggest.h) the names within s->limit of s->word: only
 * names whose length could be that near are read, each is compared
 * without a copy, and only the nearest few are kept. 0, or -1 after
 * reporting.
 */
int	store_user_near(struct store *, struct suggest *s);
int	store_project_near(struct store *, struct suggest *s);

/*
 * Report "WHATno user 'NAME'; did you mean 'alice'?" (WHAT is "" or
 * "--as: "), or without a near name "...; OTHERWISE"; each returns -1.
 * An error in looking leaves the suggestion out.
 */
int	store_no_user(struct store *, const char *what, const char *name,
	    const char *otherwise);
int	store_no_project(struct store *, const char *what, const char *name,
	    const char *otherwise);

#endif
