/* Allocation that never returns NULL: on exhaustion the process reports and
 * exits, so callers never check (tmux's xmalloc.c is the model). */
#ifndef SCALEC_XMALLOC_H
#define SCALEC_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/*
 * Grow an array *pp of *alloc elements so that it holds at least n: the one
 * growable-array helper (tig's DEFINE_ALLOCATOR idea) instead of a realloc loop
 * in every file.
 */
#define ARRAY_GROW(pp, n, alloc) do {					\
	if ((size_t)(n) > (alloc)) {					\
		size_t new_alloc_ = (alloc) ? (alloc) * 2 : 8;		\
		while (new_alloc_ < (size_t)(n))			\
			new_alloc_ *= 2;				\
		(pp) = xreallocarray((pp), new_alloc_, sizeof *(pp));	\
		(alloc) = new_alloc_;					\
	}								\
} while (0)

#define ARRAY_SIZE(a) (sizeof (a) / sizeof (a)[0])

#endif
