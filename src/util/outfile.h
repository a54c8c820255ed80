/* The rules for a file scalec writes where a person names it (export -o,
 * backup, the backup before a migration), so that writing never damages
 * what is not scalec's: what may be replaced and how, what is written
 * directly, what is refused, the mode a new file gets, a private folder
 * beside a target, and putting a finished file in place. sink.c and the
 * store's backup are the callers; nothing else decides these. */
#ifndef SCALEC_OUTFILE_H
#define SCALEC_OUTFILE_H

#include <sys/types.h>

#define OUTFILE_FOLLOW		0x1	/* follow a symbolic link at path to
					 * the file it names (export
					 * --follow-symlinks) */
#define OUTFILE_NEW_ONLY	0x2	/* anything at path is refused, a
					 * dangling symbolic link too (backup) */
#define OUTFILE_REGULAR_ONLY	0x4	/* a device or FIFO is refused (a file
					 * inside an export folder) */
#define OUTFILE_FOLDER		0x8	/* a folder is wanted: one there is
					 * REPLACE (written into), anything
					 * else there is refused */

enum outfile_kind {
	OUTFILE_CREATE,		/* nothing there: a temporary, renamed */
	OUTFILE_REPLACE,	/* a regular file of ours: a temporary with
				 * its mode and group, renamed over it */
	OUTFILE_DIRECT		/* a character device, a FIFO, a terminal:
				 * written directly, never replaced */
};

/* What outfile_check found; outfile_release frees it. */
struct outfile {
	enum outfile_kind	 kind;
	char			*path;	/* where to write: the path given,
					 * or the file a followed link names */
	mode_t			 mode;	/* the permission bits to give it */
	gid_t			 gid;	/* REPLACE: the group to keep */
};
#define OUTFILE_INIT	{ OUTFILE_CREATE, NULL, 0, 0 }

/*
 * Looks at path (never following a symbolic link unless OUTFILE_FOLLOW)
 * and says how to write it. Refused, after reporting "PATH: ...": a
 * symbolic link (without OUTFILE_FOLLOW; one to nothing always), a folder,
 * a block device, a socket, a regular file that belongs to someone else
 * (replacing it would hand it to whoever runs scalec: it is for its owner
 * to remove), and anything there with OUTFILE_NEW_ONLY. 0 or -1.
 */
int	 outfile_check(const char *path, int flags, struct outfile *);
void	 outfile_release(struct outfile *);

/* The permission bits of every file scalec creates (exports, backups):
 * 0600, less the umask. The one place that says so. */
mode_t	 outfile_mode(void);
/* The same for a folder it creates: outfile_mode with x beside each r. */
mode_t	 outfile_dir_mode(void);

/*
 * Opens path (a DIRECT kind) for writing without creating, truncating or
 * following a link, and checks it is still a character device or a FIFO.
 * A descriptor, or -1 after reporting.
 */
int	 outfile_open_direct(const struct outfile *);
/*
 * Gives the temporary open on fd what the target's check says it must
 * have: its mode, and for REPLACE the old file's group. 0 or -1 after
 * reporting (a group scalec cannot give is refused, not changed).
 */
int	 outfile_prepare(const struct outfile *, int fd, const char *tmp);

/*
 * Makes a private folder (mode 0700) beside path, for files that some
 * other code creates by their own names (SQLite's VACUUM INTO and its
 * journal): names is the NULL-ended list of them (at most 7). One such
 * folder at a time. A path to free, or NULL after reporting.
 */
char	*outfile_private_dir(const char *path, const char *const *names);
/* Removes the private folder and the files named in it (absent ones
 * ignored). */
void	 outfile_private_remove(void);
/* The same from a signal handler: async-signal-safe (unlink and rmdir
 * only), nothing freed. */
void	 outfile_private_remove_signal(void);
/*
 * Puts the finished file tmp at path, which must not exist (never
 * replacing anything, a link included), then syncs path's folder. 0 or -1
 * after reporting ("PATH: already exists").
 */
int	 outfile_place_new(const char *tmp, const char *path);
/* fsync(2)s the folder that holds path (or the folder path itself with
 * is_dir). 0 or -1 after reporting. */
int	 outfile_sync_dir(const char *path, int is_dir);

#endif
