/* "Did you mean ...?": the edit distance between two names, and the few
 * nearest of the names a caller offers (commands, subcommands, options,
 * projects, users), for the message that refuses a mistyped one. */
#ifndef SCALEC_SUGGEST_H
#define SCALEC_SUGGEST_H

#include <stddef.h>

struct buf;

/*
 * The edit distance between a and b in code points (insert, delete,
 * substitute, and swap two neighbours: "alcie" is 1 from "alice"), or
 * max + 1 as soon as it is known to be above max, so that a far name
 * costs little. Invalid UTF-8 counts byte by byte.
 */
size_t	edit_distance(const char *a, const char *b, size_t max);

/* The distance a name may be from the word typed to be suggested: 1 for
 * short words, up to 3 for long ones. */
size_t	suggest_limit(const char *word);

#define SUGGEST_MAX	3

/* The nearest names seen so far (at most SUGGEST_MAX, nearest first, ties
 * in the order they came). */
struct suggest {
	const char	*word;
	size_t		 limit;
	size_t		 n;
	char		*names[SUGGEST_MAX];
	size_t		 dist[SUGGEST_MAX];
};

void	suggest_init(struct suggest *, const char *word);
/* Offers a name (copied); the word itself is never suggested. */
void	suggest_add(struct suggest *, const char *name);
/* Appends "did you mean 'a'?" or "did you mean 'a', 'b' or 'c'?" to b and
 * returns 1, or appends nothing and returns 0. */
int	suggest_text(const struct suggest *, struct buf *b);
void	suggest_release(struct suggest *);

#endif
