/* What a file is, found without changing it: store_open asks before it
 * sets a pragma, so that another program's database, an empty file, a
 * device or a newer scalec's database is left exactly as it was (a
 * writing pragma would switch it to WAL, write a header into it, or leave
 * a -journal beside it). The file's own 100-byte header answers most of
 * it; the rest comes from a read-only connection that creates nothing
 * (see read_header_fields). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define HEADER_LEN	100
#define IDENTIFY_WAIT_MS	10000	/* a busy file: as long as a command waits */

/* The tables migration 1 made: a database at a version from before the
 * application id (migration SCHEMA_APPID_VERSION), whose application_id
 * is still 0, is scalec's when it has every one of them. */
static const char *const scalec_tables[] = {
	"annotation", "annotator", "audit", "lease", "member", "prediction",
	"project", "task", "user",
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static const char *
file_type_name(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* "file:" and path with the characters a URI gives meaning to escaped,
 * then the query. */
static char *
file_uri(const char *path, const char *query)
{
	struct buf	 b = BUF_INIT;
	const char	*p;

	buf_addstr(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' ||
		    (unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addch(&b, *p);
	}
	buf_printf(&b, "?%s", query);
	return buf_detach(&b);
}

/* With the effective ids (access(2) would ask with the real ones, which
 * the shared-host mode's directory does not let in). */
static int
exists(const char *path, const char *suffix)
{
	char	*p = xasprintf("%s%s", path, suffix);
	int	 rc = faccessat(AT_FDCWD, p, F_OK, AT_EACCESS) == 0;

	free(p);
	return rc;
}

/*
 * The application id, user_version and whether scalec's tables are all
 * there, through a read-only connection that leaves nothing behind. A
 * read-only connection to a WAL database creates the -wal and -shm files
 * when they are missing, and cannot remove them (it may not checkpoint):
 * so when there is no -wal (everything is in the file) or no -shm (the WAL
 * cannot be read without making one), the file is opened immutable, which
 * reads it alone and takes no lock. A database in rollback mode, or a WAL
 * database in use (both files there), is read the ordinary read-only way.
 */
static int
read_fields(const char *path, int wal, uint32_t *appid, int *version,
    int *tables)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*stmt = NULL;
	struct buf	 sql = BUF_INIT;
	char		*uri;
	size_t		 i;
	int		 rc = -1, immutable;

	immutable = wal && (!exists(path, "-wal") || !exists(path, "-shm"));
	uri = file_uri(path, immutable ? "immutable=1" : "mode=ro");
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		goto out;
	/* Another scalec may be writing (export | import: the import opens
	 * while the export reads); a reader waits for it as any command
	 * does, rather than take "locked" for "not ours". */
	sqlite3_busy_timeout(db, IDENTIFY_WAIT_MS);
	buf_addstr(&sql, "SELECT (SELECT application_id FROM"
	    " pragma_application_id), (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_schema"
	    " WHERE type = 'table' AND name IN (");
	for (i = 0; i < ARRAY_SIZE(scalec_tables); i++)
		buf_printf(&sql, "%s'%s'", i > 0 ? ", " : "", scalec_tables[i]);
	buf_addstr(&sql, "))");
	if (sqlite3_prepare_v2(db, buf_str(&sql), -1, &stmt, NULL) !=
	    SQLITE_OK || sqlite3_step(stmt) != SQLITE_ROW)
		goto out;
	*appid = (uint32_t)sqlite3_column_int64(stmt, 0);
	*version = sqlite3_column_int(stmt, 1);
	*tables = sqlite3_column_int(stmt, 2) == (int)ARRAY_SIZE(scalec_tables);
	rc = 0;
out:
	if (rc == -1)
		error("%s: not a scalec database (SQLite cannot read it: %s)",
		    path, db != NULL ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	buf_release(&sql);
	free(uri);
	return rc;
}

int
store_identify(const char *path, int flags, int *version)
{
	unsigned char	 h[HEADER_LEN];
	struct stat	 sb;
	uint32_t	 appid;
	ssize_t		 n;
	int		 fd, tables, latest = store_schema_latest();

	*version = 0;
	if (stat(path, &sb) == -1) {
		if (errno == ENOENT && (flags & STORE_CREATE))
			return STORE_ID_NEW;
		if (errno == ENOENT)
			return error("no database at %s: run 'scalec init' to"
			    " create one, or point --db or SCALEC_DB at one",
			    path);
		return error("%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return error("%s: not a scalec database (%s); nothing was"
		    " changed", path, file_type_name(sb.st_mode));
	if (sb.st_size == 0) {
		if (flags & STORE_CREATE)
			return STORE_ID_NEW;
		return error("%s: not a scalec database (an empty file; 'scalec"
		    " init' creates one); nothing was changed", path);
	}
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1)
		return error("%s: %s", path, strerror(errno));
	n = read(fd, h, sizeof h);
	close(fd);
	if (n == -1)
		return error("%s: %s", path, strerror(errno));
	if (n < HEADER_LEN || memcmp(h, "SQLite format 3", 16) != 0)
		return error("%s: not a scalec database (the file is not an"
		    " SQLite database); nothing was changed", path);
	appid = be32(h + 68);
	if (appid != 0 && appid != SCALEC_APPLICATION_ID)
		return error("%s: not a scalec database (another program's"
		    " SQLite database: application_id 0x%08lx); nothing was"
		    " changed", path, (unsigned long)appid);
	/* The header may be older than a WAL beside it: ask SQLite. */
	if (read_fields(path, h[18] == 2, &appid, version, &tables) == -1)
		return -1;
	if (appid != SCALEC_APPLICATION_ID && (appid != 0 || *version < 1 ||
	    *version >= SCHEMA_APPID_VERSION || !tables)) {
		return error("%s: not a scalec database (an SQLite database"
		    " without scalec's application_id or tables); nothing"
		    " was changed", path);
	}
	if (*version > latest)
		return error("%s: the database has schema version %d, newer"
		    " than this scalec knows (%d): upgrade scalec; nothing was"
		    " changed", path, *version, latest);
	return STORE_ID_OURS;
}
