/* Content hashes: what file add and import compare to find a task that is
 * already in a project. XXH3 (64 bits, seed 0) from libxxhash, stored as
 * a signed 64-bit integer in task.content_hash for the tasks without an
 * imported id (those are the ones compared). A text task's hash is of
 * its text's bytes; an image task's is of the image file's bytes. Never
 * change the function or its seed: the stored hashes would stop matching
 * (a schema migration filled them with this one). */
#ifndef SCALEC_HASH_H
#define SCALEC_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of len bytes at p. */
int64_t	content_hash(const void *p, size_t len);
/*
 * The hash of the whole of the open file fd, read from offset 0 with pread
 * (the file offset is not moved). 0 with *out, or -1 with errno set.
 */
int	content_hash_fd(int fd, int64_t *out);

#endif
