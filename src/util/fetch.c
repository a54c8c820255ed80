/* Images by URL (see fetch.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "util/fetch.h"
#include "util/xmalloc.h"

int
fetch_is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* The cache's folder, made (0700) with its parent when missing; NULL
 * when there is no home to put it in. The caller's to free. */
static char *
cache_dir(void)
{
	const char	*env = getenv("XDG_CACHE_HOME"), *home;
	char		*top, *dir;

	if (env != NULL && env[0] == '/')
		top = xstrdup(env);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		top = xasprintf("%s/.cache", home);
	else
		return NULL;
	(void)mkdir(top, 0700);
	dir = xasprintf("%s/scalec", top);
	free(top);
	(void)mkdir(dir, 0700);
	top = dir;
	dir = xasprintf("%s/images", top);
	free(top);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	return dir;
}

/* The URL's 64-bit FNV-1a hash: its file's name in the cache. */
static uint64_t
url_hash(const char *url)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *url != '\0'; url++)
		h = (h ^ (unsigned char)*url) * 0x100000001b3ULL;
	return h;
}

/* The cached copy into b: 0, or -1 when there is none. */
static int
cache_read(const char *path, size_t max, struct buf *b)
{
	char	chunk[65536];
	ssize_t	k;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	(void)futimens(fd, NULL);	/* used now: kept longest */
	while ((k = read(fd, chunk, sizeof chunk)) > 0 &&
	    b->len + (size_t)k <= max)
		buf_add(b, chunk, (size_t)k);
	close(fd);
	if (k != 0) {
		buf_reset(b);
		return -1;
	}
	return 0;
}

/* b kept at path: written beside it and renamed, so a half-written copy
 * is never read. */
static void
cache_write(const char *path, const struct buf *b)
{
	char	*tmp = xasprintf("%s.XXXXXX", path);
	int	 fd;

	if ((fd = mkstemp(tmp)) != -1) {
		if (write(fd, b->data, b->len) == (ssize_t)b->len &&
		    close(fd) == 0)
			(void)rename(tmp, path);
		else
			close(fd);
		(void)unlink(tmp);
	}
	free(tmp);
}

/* The cache's bound in bytes: SCALEC_IMAGE_CACHE_MB, else
 * FETCH_CACHE_MAX MiB. */
static off_t
cache_max(void)
{
	const char	*s = getenv("SCALEC_IMAGE_CACHE_MB");
	char		*end;
	long		 mb;

	if (s != NULL && *s >= '0' && *s <= '9') {
		errno = 0;
		mb = strtol(s, &end, 10);
		if (*end == '\0' && errno == 0 && mb <= 1L << 20)
			return (off_t)mb << 20;
	}
	return (off_t)FETCH_CACHE_MAX << 20;
}

struct cached {
	char		*name;
	off_t		 size;
	struct timespec	 used;
};

static int
older_first(const void *a, const void *b)
{
	const struct cached	*x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	if (x->used.tv_nsec != y->used.tv_nsec)
		return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Past the bound, the copies used longest ago go (a copy's time is that
 * of its last use, cache_read), down to nine tenths of it; keep (just
 * written) stays. Only the cache's own names (16 hex digits) count. */
static void
cache_trim(const char *dir, const char *keep)
{
	struct cached	*c = NULL;
	struct dirent	*de;
	struct stat	 sb;
	off_t		 total = 0, max = cache_max();
	size_t		 n = 0, a = 0, i;
	char		*p;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 16 ||
		    strspn(de->d_name, "0123456789abcdef") != 16)
			continue;
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISREG(sb.st_mode))
			continue;
		ARRAY_GROW(c, n + 1, a);
		c[n].name = xstrdup(de->d_name);
		c[n].size = sb.st_size;
		c[n].used = sb.st_mtim;
		total += sb.st_size;
		n++;
	}
	if (total > max) {
		qsort(c, n, sizeof *c, older_first);
		for (i = 0; i < n && total > max / 10 * 9; i++) {
			p = xasprintf("%s/%s", dir, c[i].name);
			if (strcmp(p, keep) != 0 && unlink(p) == 0)
				total -= c[i].size;
			free(p);
		}
	}
	for (i = 0; i < n; i++)
		free(c[i].name);
	free(c);
	closedir(d);
}

struct sink_state {
	struct buf	*b;
	size_t		 max;
	int		 too_big;
};

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sink_state	*s = arg;

	if (s->b->len + n > s->max) {
		s->too_big = 1;
		return 0;	/* curl stops the transfer */
	}
	buf_add(s->b, p, n * size);
	return n * size;
}

int
fetch_image(const char *url, size_t max, struct buf *b, char *err,
    size_t errlen)
{
	struct sink_state	 s = { b, max, 0 };
	char			 cerr[CURL_ERROR_SIZE] = "";
	char			*dir, *path = NULL;
	CURL			*h;
	CURLcode		 rc;
	long			 status = 0;

	buf_reset(b);
	if ((dir = cache_dir()) != NULL) {
		path = xasprintf("%s/%016llx", dir,
		    (unsigned long long)url_hash(url));
		free(dir);
		if (cache_read(path, max, b) == 0) {
			free(path);
			return 0;
		}
	}
	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "the image cannot be fetched: libcurl"
		    " did not start");
		free(path);
		return -1;
	}
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)FETCH_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "scalec");
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	if (s.too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(err, errlen, "the image cannot be fetched: it is"
		    " bigger than %zu bytes", max);
	else if (rc != CURLE_OK)
		snprintf(err, errlen, "the image cannot be fetched: %s",
		    cerr[0] != '\0' ? cerr : curl_easy_strerror(rc));
	else if (status != 200)
		snprintf(err, errlen, "the image cannot be fetched: HTTP %ld",
		    status);
	else {
		if (path != NULL) {
			cache_write(path, b);
			dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
			cache_trim(dir, path);
			free(dir);
		}
		free(path);
		return 0;
	}
	buf_reset(b);
	free(path);
	return -1;
}
