/* An image by URL (http or https only), fetched with libcurl, never by a
 * shell, into a cache of the person's own: $XDG_CACHE_HOME/scalec/images
 * (else ~/.cache/scalec/images, made 0700), one file (0600) per URL,
 * named by its hash, so a task's image is fetched once. At most max bytes
 * (a bigger answer is cut off and refused) and FETCH_TIMEOUT seconds; a
 * redirect is followed to http or https only, five times at most. The
 * cache holds at most FETCH_CACHE_MAX MiB (SCALEC_IMAGE_CACHE_MB says
 * otherwise): past that, the copies used longest ago are removed. */
#ifndef SCALEC_FETCH_H
#define SCALEC_FETCH_H

#include <stddef.h>

#include "util/buf.h"

#define FETCH_TIMEOUT	20	/* seconds for the whole transfer */
#define FETCH_CACHE_MAX	1024	/* MiB of cached images */

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

#endif
