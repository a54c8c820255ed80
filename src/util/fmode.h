/* The one rule for the mode of a file scalec creates: a database, a
 * backup, an export. */
#ifndef SCALEC_FMODE_H
#define SCALEC_FMODE_H

#include <sys/types.h>

/*
 * The mode a new file gets: 0600, readable and writable by whoever runs
 * scalec alone; 0660 when its files are shared with a group
 * (file_create_share: a database that 'scalec init --group G' made).
 * A umask may take bits away from 0600, never add them; 0660 is exact
 * (file_create_fix sets it, whatever mode the file was opened with).
 */
mode_t		 file_create_mode(void);
/* Shares the files scalec creates from now on with group gid ((gid_t)-1:
 * with nobody). */
void		 file_create_share(gid_t gid);
/* Shares them with the database's group when the database at path is
 * the group's to read and write (mode 0660 or 0770 in its group bits) and
 * shared with nobody else; else with nobody. */
void		 file_create_like(const char *path);
/* Gives fd, a file just created at path, that mode and group. 0, or -1
 * after reporting. */
int		 file_create_fix(int fd, const char *path);
/* Makes the folder path (0700, or 0770 in the group's) unless it is there
 * already, which is left as it is. 0, or -1 after reporting. */
int		 file_create_dir(const char *path);

#endif
