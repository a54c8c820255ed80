/* Which mode and group a file scalec creates gets. One rule, here, so
 * that the database, its backups and exports agree: the person's alone
 * (0600), or the group's that a database was made for (0660). A mode
 * from umask is not used: a umask of 022 would make every export of the
 * data readable by every local user. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/error.h"
#include "util/fmode.h"

static gid_t	share_gid = (gid_t)-1;

mode_t
file_create_mode(void)
{
	return share_gid != (gid_t)-1 ? 0660 : 0600;
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
		mode = 0600;
	if (fchmod(fd, mode) == -1)
		return error("%s: %s", path, strerror(errno));
	return 0;
}
