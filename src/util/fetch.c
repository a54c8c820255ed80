/* Images by URL (see fetch.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

/* The number in the variable name, when it is one from lo to hi; else
 * dflt. */
static long
env_number(const char *name, long lo, long hi, long dflt)
{
	const char	*s = getenv(name);
	char		*end;
	long		 v;

	if (s == NULL || *s < '0' || *s > '9')
		return dflt;
	errno = 0;
	v = strtol(s, &end, 10);
	return *end == '\0' && errno == 0 && v >= lo && v <= hi ? v : dflt;
}

/* The cache's bound in bytes: SCALEC_IMAGE_CACHE_MB, else
 * FETCH_CACHE_MAX MiB. */
static off_t
cache_max(void)
{
	return (off_t)env_number("SCALEC_IMAGE_CACHE_MB", 0, 1L << 20,
	    FETCH_CACHE_MAX) << 20;
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

/* The path of url's copy in the cache (the caller frees), or NULL when
 * there is no cache. */
static char *
cache_path(const char *url)
{
	char	*dir, *path;

	if ((dir = cache_dir()) == NULL)
		return NULL;
	path = xasprintf("%s/%016llx", dir, (unsigned long long)url_hash(url));
	free(dir);
	return path;
}

/* FETCH_TIMEOUT, or SCALEC_FETCH_TIMEOUT's seconds (1 to 3600). */
static long
fetch_timeout(void)
{
	return env_number("SCALEC_FETCH_TIMEOUT", 1, 3600, FETCH_TIMEOUT);
}

/* A handle for url that writes into s. */
static CURL *
handle_new(const char *url, struct sink_state *s, char *cerr)
{
	CURL	*h;

	if ((h = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, fetch_timeout());
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "scalec");
	return h;
}

/* How a finished transfer went: 0 (b kept at path, when there is one),
 * or -1 with the message in err. */
static int
finish(CURL *h, CURLcode rc, const struct sink_state *s, const char *cerr,
    const char *path, char *err, size_t errlen)
{
	long	 status = 0;
	char	*dir;

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	if (s->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(err, errlen, "the image cannot be fetched: it is"
		    " bigger than %zu bytes", s->max);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(err, errlen, "the image cannot be fetched: it did"
		    " not come within %ld seconds", fetch_timeout());
	else if (rc != CURLE_OK)
		snprintf(err, errlen, "the image cannot be fetched: %s",
		    cerr[0] != '\0' ? cerr : curl_easy_strerror(rc));
	else if (status != 200)
		snprintf(err, errlen, "the image cannot be fetched: HTTP %ld",
		    status);
	else {
		if (path != NULL) {
			cache_write(path, s->b);
			dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
			cache_trim(dir, path);
			free(dir);
		}
		return 0;
	}
	return -1;
}

int
fetch_cached(const char *url, size_t max, struct buf *b)
{
	char	*path = cache_path(url);
	int	 rc = -1;

	buf_reset(b);
	if (path != NULL)
		rc = cache_read(path, max, b);
	free(path);
	return rc;
}

int
fetch_image(const char *url, size_t max, struct buf *b, char *err,
    size_t errlen)
{
	struct sink_state	 s = { b, max, 0 };
	char			 cerr[CURL_ERROR_SIZE] = "";
	char			*path;
	CURL			*h;
	int			 rc;

	if (fetch_cached(url, max, b) == 0)
		return 0;
	if ((h = handle_new(url, &s, cerr)) == NULL) {
		snprintf(err, errlen, "the image cannot be fetched: libcurl"
		    " did not start");
		return -1;
	}
	path = cache_path(url);
	rc = finish(h, curl_easy_perform(h), &s, cerr, path, err, errlen);
	curl_easy_cleanup(h);
	free(path);
	if (rc == -1)
		buf_reset(b);
	return rc;
}

/* The transfers under way, in one multi handle driven by fetch_poll. */
struct job {
	char			*url;
	CURL			*h;
	struct buf		 b;
	struct sink_state	 s;
	char			 cerr[CURL_ERROR_SIZE];
	int			 state;		/* FETCH_ */
	char			 err[256];
};

static CURLM		*multi;
static struct job	 jobs[FETCH_JOBS];
static unsigned		 moved;		/* one more at each change */

static struct job *
job_of(const char *url)
{
	size_t	i;

	for (i = 0; i < FETCH_JOBS; i++)
		if (jobs[i].url != NULL && strcmp(jobs[i].url, url) == 0)
			return &jobs[i];
	return NULL;
}

/* Ends j's transfer (the connection is closed) and forgets it. */
static void
job_end(struct job *j)
{
	if (j->h != NULL) {
		curl_multi_remove_handle(multi, j->h);
		curl_easy_cleanup(j->h);
	}
	buf_release(&j->b);
	free(j->url);
	memset(j, 0, sizeof *j);
	moved++;
}

int
fetch_start(const char *url, size_t max, char *err, size_t errlen)
{
	struct job	*j = NULL;
	size_t		 i;

	if (job_of(url) != NULL)
		return 0;
	for (i = 0; i < FETCH_JOBS && j == NULL; i++)
		if (jobs[i].url == NULL)
			j = &jobs[i];
	if (j == NULL) {
		snprintf(err, errlen, "the image cannot be fetched: %d"
		    " transfers are under way", FETCH_JOBS);
		return -1;
	}
	if (multi == NULL && (multi = curl_multi_init()) == NULL) {
		snprintf(err, errlen, "the image cannot be fetched: libcurl"
		    " did not start");
		return -1;
	}
	j->b = (struct buf)BUF_INIT;
	j->s.b = &j->b;
	j->s.max = max;
	j->cerr[0] = '\0';
	if ((j->h = handle_new(url, &j->s, j->cerr)) == NULL ||
	    curl_multi_add_handle(multi, j->h) != CURLM_OK) {
		if (j->h != NULL)
			curl_easy_cleanup(j->h);
		memset(j, 0, sizeof *j);
		snprintf(err, errlen, "the image cannot be fetched: libcurl"
		    " did not start");
		return -1;
	}
	j->url = xstrdup(url);
	j->state = FETCH_RUNNING;
	moved++;
	return 0;
}

int
fetch_state(const char *url, size_t *bytes, size_t *total, char *err,
    size_t errlen)
{
	struct job	*j = job_of(url);
	curl_off_t	 cl = -1;

	*bytes = *total = 0;
	if (j == NULL)
		return FETCH_NONE;
	*bytes = j->b.len;
	if (j->state == FETCH_FAILED)
		snprintf(err, errlen, "%s", j->err);
	else if (j->h != NULL && curl_easy_getinfo(j->h,
	    CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK && cl > 0)
		*total = (size_t)cl;
	return j->state;
}

void
fetch_cancel_except(const char *keep1, const char *keep2)
{
	size_t	i;

	for (i = 0; i < FETCH_JOBS; i++)
		if (jobs[i].url != NULL &&
		    (keep1 == NULL || strcmp(jobs[i].url, keep1) != 0) &&
		    (keep2 == NULL || strcmp(jobs[i].url, keep2) != 0))
			job_end(&jobs[i]);
	if (multi != NULL && !fetch_busy()) {
		for (i = 0; i < FETCH_JOBS; i++)
			if (jobs[i].url != NULL)
				return;
		curl_multi_cleanup(multi);
		multi = NULL;
	}
}

int
fetch_busy(void)
{
	size_t	i;

	for (i = 0; i < FETCH_JOBS; i++)
		if (jobs[i].url != NULL && jobs[i].state == FETCH_RUNNING)
			return 1;
	return 0;
}

unsigned
fetch_moved(void)
{
	return moved;
}

/* The transfers that ended: a copy kept in the cache is forgotten (the
 * cache serves it), a failure kept with its message. */
static void
reap(void)
{
	struct job	*j;
	CURLMsg		*m;
	char		*path;
	size_t		 i;
	int		 left;

	while ((m = curl_multi_info_read(multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		for (j = NULL, i = 0; i < FETCH_JOBS && j == NULL; i++)
			if (jobs[i].h == m->easy_handle)
				j = &jobs[i];
		if (j == NULL)
			continue;
		path = cache_path(j->url);
		if (finish(j->h, m->data.result, &j->s, j->cerr, path,
		    j->err, sizeof j->err) == 0 && path != NULL) {
			free(path);
			job_end(j);
			continue;
		}
		free(path);
		/* Failed (or no cache to keep it in): kept until cancelled. */
		curl_multi_remove_handle(multi, j->h);
		curl_easy_cleanup(j->h);
		j->h = NULL;
		buf_release(&j->b);
		if (j->err[0] == '\0')
			snprintf(j->err, sizeof j->err, "the image cannot be"
			    " fetched: there is no cache to keep it in");
		j->state = FETCH_FAILED;
		moved++;
	}
}

int
fetch_poll(int fd, int ms)
{
	struct curl_waitfd	 w = { fd, CURL_WAIT_POLLIN, 0 };
	size_t			 before = 0, after = 0, i;
	int			 running, n = 0;

	if (multi == NULL || !fetch_busy()) {
		struct pollfd	pfd = { fd, POLLIN, 0 };

		return fd >= 0 && poll(&pfd, 1, ms) > 0;
	}
	for (i = 0; i < FETCH_JOBS; i++)
		before += jobs[i].b.len;
	if (curl_multi_poll(multi, fd >= 0 ? &w : NULL, fd >= 0 ? 1 : 0, ms,
	    &n) != CURLM_OK)
		w.revents = 0;
	curl_multi_perform(multi, &running);
	reap();
	for (i = 0; i < FETCH_JOBS; i++)
		after += jobs[i].b.len;
	if (after != before)
		moved++;
	return fd >= 0 && (w.revents & CURL_WAIT_POLLIN) != 0;
}
