/* An image by URL (http or https only), fetched with libcurl, never by a
 * shell, into a cache of the person's own: $XDG_CACHE_HOME/scalec/images
 * (else ~/.cache/scalec/images, made 0700), one file (0600) per URL,
 * named by its hash, so a task's image is fetched once. At most max bytes
 * (a bigger answer is cut off and refused) and FETCH_TIMEOUT seconds; a
 * redirect is followed to http or https only, five times at most. The
 * cache holds at most FETCH_CACHE_MAX MiB (SCALEC_IMAGE_CACHE_MB says
 * otherwise): past that, the copies used longest ago are removed.
 * SCALEC_FETCH_TIMEOUT (seconds) replaces FETCH_TIMEOUT. */
#ifndef SCALEC_FETCH_H
#define SCALEC_FETCH_H

#include <stddef.h>

#include "util/buf.h"

#define FETCH_TIMEOUT	20	/* seconds for the whole transfer */
#define FETCH_CACHE_MAX	1024	/* MiB of cached images */
#define FETCH_JOBS	4	/* transfers under way at once, at most */

/* 1 when s is an http:// or https:// URL. */
int	fetch_is_url(const char *s);
/*
 * The bytes of url into b, from the cache or the network (then kept in
 * the cache: a cache that cannot be written is no failure). 0, or -1
 * with a message for the screen in err ("the image cannot be fetched:
 * HTTP 404").
 */
int	fetch_image(const char *url, size_t max, struct buf *b, char *err,
	    size_t errlen);

/* The cached copy of url into b: 0, or -1 when there is none. */
int	fetch_cached(const char *url, size_t max, struct buf *b);

/*
 * Transfers that do not block: started by fetch_start, moved on by
 * fetch_poll (which waits for the terminal's fd and the transfers
 * together: libcurl's multi interface, one thread), ended at once by
 * fetch_cancel_except (the connection closed). A transfer that went
 * through is kept in the cache and forgotten (fetch_cached serves it); one
 * that failed is kept with its message until it is cancelled.
 */
enum { FETCH_NONE, FETCH_RUNNING, FETCH_FAILED };

/* Starts fetching url (nothing when it is under way): 0, or -1 with a
 * message in err. */
int	fetch_start(const char *url, size_t max, char *err, size_t errlen);
/* FETCH_NONE (not under way: done, cancelled or never started),
 * FETCH_RUNNING with the bytes so far and the total (0: not known yet),
 * or FETCH_FAILED with the message in err. */
int	fetch_state(const char *url, size_t *bytes, size_t *total, char *err,
	    size_t errlen);
/* Ends every transfer but those for keep1 and keep2 (NULL: none). */
void	fetch_cancel_except(const char *keep1, const char *keep2);
/* 1 while a transfer is under way. */
int	fetch_busy(void);
/* Waits at most ms for fd (-1: none) to be readable or a transfer to move,
 * and moves them; 1 when fd is readable. */
int	fetch_poll(int fd, int ms);
/* A number that changes each time a transfer moves, ends or starts. */
unsigned fetch_moved(void);

#endif
