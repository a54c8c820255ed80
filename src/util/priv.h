/* The shared-host mode: scalec installed setgid to a group (scalec)
 * that owns the shared database, which people reach only through scalec.
 * The group is held only while the shared database is opened. */
#ifndef SCALEC_PRIV_H
#define SCALEC_PRIV_H

/*
 * Called first in main. Run setgid (the effective group is not the real
 * one), it remembers that group, drops it (the effective group becomes
 * the real one, so every file scalec reads or writes from here on is
 * opened with the person's own rights) and cleans the environment (CERT
 * ENV03-C): a fixed PATH, HOME from the password file, and only the
 * terminal and locale variables that name no file. 0, or -1 after
 * reporting (the group could not be dropped).
 */
int		 priv_init(void);
/* 1 in the shared-host mode (run setgid). */
int		 priv_shared(void);
/* 1 while the group is held. */
int		 priv_held(void);
/*
 * Whether path is a shared database, one scalec may open with the group:
 * a regular file (not a symbolic link) of the group, 0660 or less, in a
 * directory root owns, of the group, mode 2770 (what 'scalec init
 * --shared' makes), or missing from such a directory. Fills *canon (the
 * caller frees) with the path resolved, which is what is then opened.
 * 0 when it is not (a database the person names is then opened with
 * their own rights).
 */
int		 priv_trusted(const char *path, char **canon);
/* Takes the group back, to open the shared database; -1 after
 * reporting. */
int		 priv_raise(void);
/* Drops it again (exits if that fails: nothing may run with it). */
void		 priv_lower(void);
/*
 * Opens path read-only with the group held for the open only, where path
 * names a file directly in dir (the folder beside the shared database
 * that holds the pictures piped into it, which only scalec writes): not
 * in a folder below it, not "." or "..", not a symbolic link. Outside the
 * mode, or for any other path, it is opened with the person's rights. The
 * descriptor, or -1 with errno set.
 */
int		 priv_open_in(const char *dir, const char *path, int flags);
/* In a child about to exec another program: drops the group for good
 * (real, effective and saved), so the program never has it; exits the
 * child if it cannot. */
void		 priv_child(void);

#endif
