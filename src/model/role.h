/* Roles and what each may do, checked in one place. A project membership
 * role overrides the global role inside that project. Until a setgid install
 * mode exists these checks guide honest users; the database file's
 * permissions are the security boundary (see scalec(1), SECURITY). */
#ifndef SCALEC_ROLE_H
#define SCALEC_ROLE_H

/*
 * ROLES(R, SEP): R(ID, name, rank), from most to least; a higher rank may
 * do all that a lower one may.
 */
#define ROLES(R, SEP)						R(ADMIN,	"admin",	3) SEP			R(MANAGER,	"manager",	2) SEP			R(REVIEWER,	"reviewer",	1) SEP			R(ANNOTATOR,	"annotator",	0)

enum role {
	ROLE_NONE = -1,
#define ROLE_ENUM_(id, name, rank) ROLE_##id = rank,
	ROLES(ROLE_ENUM_, )
#undef ROLE_ENUM_
};

/* "admin, manager, reviewer, annotator": a string literal. */
#define ROLE_NAME_(id, name, rank) name
#define ROLE_NAMES ROLES(ROLE_NAME_, ", ")

/*
 * Every act that needs a permission, with the least role that may do it.
 * X-macro: ACT(enum name, least role, what it is, for messages).
 */
#define ACT_LIST							\
	ACT(PROJECT_READ,	ROLE_ANNOTATOR,	"see projects")		\
	ACT(PROJECT_CREATE,	ROLE_MANAGER,	"create projects")	\
	ACT(PROJECT_EDIT,	ROLE_MANAGER,	"edit projects")	\
	ACT(PROJECT_DELETE,	ROLE_MANAGER,	"delete projects")	\
	ACT(TASK_ADD,		ROLE_MANAGER,	"add files or import")	\
	ACT(TASK_REMOVE,	ROLE_MANAGER,	"remove files")		\
	ACT(TASK_EDIT,		ROLE_MANAGER,				\
	    "set task priorities, release tasks or give them gold answers") \
	ACT(EXPORT,		ROLE_MANAGER,	"export")		\
	ACT(STATS,		ROLE_MANAGER,	"see a project's stats") \
	ACT(ANNOTATE,		ROLE_ANNOTATOR,	"annotate")		\
	ACT(REVIEW,		ROLE_REVIEWER,	"review")		\
	ACT(MEMBER_MANAGE,	ROLE_MANAGER,	"manage project members") \
	ACT(USER_READ,		ROLE_ANNOTATOR,	"list users")		\
	ACT(USER_MANAGE,	ROLE_ADMIN,	"manage users")		\
	ACT(BACKUP,		ROLE_MANAGER,	"back up the database")	\
	ACT(LOG_READ,		ROLE_MANAGER,	"read a project's log")	\
	ACT(LOG_ALL,		ROLE_ADMIN,	"read the whole log")	\
	ACT(ACT_AS,		ROLE_ADMIN,	"act as another user")

enum act {
#define ACT(name, least, what) ACT_##name,
	ACT_LIST
#undef ACT
	ACT__COUNT
};

/* "admin" etc.; NULL for ROLE_NONE. */
const char	*role_name(enum role);
/* ROLE_NONE when name is not a role. */
enum role	 role_from_name(const char *);
/* ROLE_NAMES: for usage messages. */
const char	*role_names(void);
int		 role_allows(enum role, enum act);
/* "create projects": what an act is, for refusals. */
const char	*act_what(enum act);
enum role	 act_least(enum act);

/*
 * A login name as hosts have them, local or from a directory service:
 * letters, digits, '.', '_', '-' and '@' ("jdoe@corp.example.com"), not
 * starting with '.', '-' or '@', not all digits (that reads as a uid), at
 * most USER_NAME_MAX bytes. 1 when s is one.
 */
#define USER_NAME_MAX	64
#define USER_NAME_RULE	"use letters, digits, '.', '_', '-' and '@', not" \
	" only digits, start with a letter, digit or '_', at most 64" \
	" characters"
int	user_name_valid(const char *s);

#endif
