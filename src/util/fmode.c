/* Which mode and group a file scalec creates gets. One rule, here, so
 * that the database, its backups and exports agree (util/outfile.c asks
 * it for every file written where a person names it): the person's alone
 * (0600, less what a stricter umask takes away), or the group's that a
 * database was made for (0660). The umask never adds: the usual 022 would
 * otherwise make every export of the data readable by every local user. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fmode.h"

static gid_t	share_gid = (gid_t)-1;

static mode_t
less_umask(mode_t m)
{
	mode_t	mask = umask(0);

	umask(mask);
	return m & ~mask;
}

/* A group's file is 0660 whatever the umask: the usual 022 would take
 * away the group's write, and the group's database needs it. */
mode_t
file_create_mode(void)
{
	return share_gid != (gid_t)-1 ? 0660 : less_umask(0600);
}

void
file_create_share(gid_t gid)
{
	share_gid = gid;
}

void
file_create_like(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & 0060) == 0060 && (sb.st_mode & 0007) == 0)
		file_create_share(sb.st_gid);
	else
		file_create_share((gid_t)-1);
}

/* Someone outside the group (who may still read the database, through
 * the shared-host mode) cannot give a file to it: the file stays theirs
 * alone, the safe side. */
int
file_create_fix(int fd, const char *path)
{
	mode_t	mode = file_create_mode();

	if (share_gid != (gid_t)-1 && fchown(fd, (uid_t)-1, share_gid) == -1)
		mode = less_umask(0600);
	if (fchmod(fd, mode) == -1)
		return error("%s: %s", path, strerror(errno));
	return 0;
}

/* A folder's mode is its files' with x where they have r; made 0700
 * first, so nobody else can look in before its group and mode are set. */
int
file_create_dir(const char *path)
{
	mode_t	mode = file_create_mode();
	int	fd;

	mode |= (mode & 0444) >> 2;
	if (mkdir(path, 0700) == -1) {
		if (errno == EEXIST)
			return 0;
		return error("%s: %s", path, strerror(errno));
	}
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return error("%s: %s", path, strerror(errno));
	if (share_gid != (gid_t)-1 && fchown(fd, (uid_t)-1, share_gid) == -1)
		mode = less_umask(0700);
	if (fchmod(fd, mode) == -1) {
		error("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
