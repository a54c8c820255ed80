/* Content hashes (hash.h) through libxxhash's XXH3: the one-shot form for
 * a text in memory, the streaming state for a file read in chunks, which
 * give the same value for the same bytes. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <xxhash.h>

#include "util/hash.h"

#define HASH_CHUNK	65536

int64_t
content_hash(const void *p, size_t len)
{
	return (int64_t)XXH3_64bits(p, len);
}

int
content_hash_fd(int fd, int64_t *out)
{
	XXH3_state_t	*s;
	char		*buf;
	off_t		 off = 0;
	ssize_t		 n;
	int		 saved;

	if ((s = XXH3_createState()) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	if ((buf = malloc(HASH_CHUNK)) == NULL) {
		XXH3_freeState(s);
		errno = ENOMEM;
		return -1;
	}
	XXH3_64bits_reset(s);
	for (;;) {
		n = pread(fd, buf, HASH_CHUNK, off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		XXH3_64bits_update(s, buf, (size_t)n);
		off += n;
	}
	saved = errno;
	if (n == 0)
		*out = (int64_t)XXH3_64bits_digest(s);
	free(buf);
	XXH3_freeState(s);
	errno = saved;
	return n == 0 ? 0 : -1;
}
