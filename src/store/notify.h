/* Notifications: what a person hears of the acts of others (scalec
 * inbox, the screens' unread count, the one-line notice on stderr).
 *
 * Two halves. The writes (notify_add, notify_batch, notify_reviewers,
 * notify_managers) are row-level: each runs INSIDE the unit of work whose
 * event causes it, in that unit's open transaction (after tx_enter), so a
 * notification exists exactly when its event committed, and a failure
 * rolls both back. They write no audit record (the event's unit does) and
 * are called from src/store/ only; cmd/ never calls them. The reads and
 * store_inbox_mark are units of work of their own, for the commands and
 * the screens.
 *
 * Every write gives the row the person's next sequence number (seq): the
 * inbox lists newest first by it, and the stderr notice remembers the
 * highest one it announced, so an unread notification whose count grew
 * is new again. */
#ifndef SCALEC_STORE_NOTIFY_H
#define SCALEC_STORE_NOTIFY_H

#include <stdint.h>

struct store;
struct page;

/*
 * NOTIFY_KINDS(K): K(ID, name, batched). The name is what the table
 * holds and --json says; a new kind is a row here (the column has no CHECK
 * list, so a kind costs no migration). A batched kind keeps one unread
 * notification per (recipient, project, kind) whose count grows
 * (notify_batch); the others are one row per event (notify_add).
 *
 *   rejected        your annotation (annotation_id, of task_id) was
 *                   rejected by actor_id; body: the reviewer's comment.
 *   fixed           your annotation was fixed by actor_id; body: the
 *                   comment ("" when none).
 *   comment         actor_id commented on your annotation (no verdict);
 *                   body: the comment.
 *   review_waiting  batched: count annotations of the project are waiting
 *                   for review (sent to the project's reviewers).
 *   project_done    the project reached 100%: every task done (sent to
 *                   its managers); task_id 0.
 *   member_added    actor_id added you to the project; body: the role.
 *   member_role     actor_id changed your role in the project; body:
 *                   "OLD -> NEW".
 *   gold_low        a gold score fell below the project's gold_min_score:
 *                   yours (actor_id 0), or actor_id's (sent to the
 *                   managers); body: "0.40 over 5 gold tasks, below
 *                   0.60" and whether new work is paused.
 */
#define NOTIFY_KINDS(K)							\
	K(REJECTED,		"rejected",		0)		\
	K(FIXED,		"fixed",		0)		\
	K(COMMENT,		"comment",		0)		\
	K(REVIEW_WAITING,	"review_waiting",	1)		\
	K(PROJECT_DONE,		"project_done",		0)		\
	K(MEMBER_ADDED,		"member_added",		0)		\
	K(MEMBER_ROLE,		"member_role",		0)		\
	K(GOLD_LOW,		"gold_low",		0)

enum notify_kind {
#define NOTIFY_ENUM_(id, name, batched) NOTIFY_##id,
	NOTIFY_KINDS(NOTIFY_ENUM_)
#undef NOTIFY_ENUM_
	NOTIFY__COUNT
};

/* "rejected", ...; NULL out of range. */
const char	*notify_kind_name(enum notify_kind);
/* -1 when name is no kind (a newer binary's row reads as unknown). */
int		 notify_kind_from_name(const char *name);
int		 notify_kind_batched(enum notify_kind);

/* One notification to write. Fill it with designated initialisers: fields
 * may be added; zero (NULL) is "none" for each. */
struct notify_new {
	int64_t			 user_id;	/* the recipient */
	int64_t			 project_id;
	enum notify_kind	 kind;
	int64_t			 actor_id;	/* who caused it; 0: nobody */
	int64_t			 task_id;
	int64_t			 annotation_id;
	const char		*body;		/* a comment, a role; untrusted */
};

/*
 * Inside the caller's transaction: writes n for its one recipient. A
 * batched kind is refused here (use notify_batch). Nobody is told of
 * their own act: when n->user_id is n->actor_id nothing is written.
 * 0 or -1 after reporting.
 */
int	notify_add(struct store *, const struct notify_new *n);

/*
 * Inside the caller's transaction, for a batched kind: adds delta (>= 1)
 * to the count of user_id's one unread notification of that kind in the
 * project, creating it with count delta when there is none (a read one
 * stays as it was: the next event starts a new one). Its updated_at and
 * seq move, so it is new again and comes first. 0 or -1.
 */
int	notify_batch(struct store *, int64_t user_id, int64_t project_id,
	    enum notify_kind kind, int64_t delta);

/*
 * The project's reviewers: the active members whose role there is
 * reviewer or above; where the project has none, the active users whose
 * global role is reviewer and who are not members with a lower role
 * there. The project's managers: the same with manager (members manager
 * or admin; else the global managers). Calls fn with each user id, in id
 * order; fn returning non-zero stops the walk and that value is returned.
 * 0 when all were seen, -1 after reporting. Reads only: callable inside a
 * transaction or outside one.
 */
int	notify_each_reviewer(struct store *, int64_t project_id,
	    int (*fn)(int64_t user_id, void *), void *arg);
int	notify_each_manager(struct store *, int64_t project_id,
	    int (*fn)(int64_t user_id, void *), void *arg);

/*
 * Inside the caller's transaction: notify_batch(kind, delta) for each of
 * the project's reviewers but except_user (the annotator: nobody reviews
 * their own work; 0 for none). 0 or -1.
 */
int	notify_reviewers(struct store *, int64_t project_id,
	    enum notify_kind kind, int64_t delta, int64_t except_user);
/* Inside the caller's transaction: notify_add of n (its user_id ignored)
 * to each of n->project_id's managers. 0 or -1. */
int	notify_managers(struct store *, const struct notify_new *n);

/*
 * Inside the caller's transaction, after a write that raised the
 * project's done count (a submission that brought a task to its
 * overlap): when every task of the project is done, tells its managers
 * (project_done, body "N tasks"; not actor_id, who caused it). 0 or -1.
 */
int	notify_project_done(struct store *, int64_t project_id,
	    int64_t actor_id);

/* ---- Reading, for scalec inbox and the screens ---- */

/* One notification as read back; the strings are borrowed for the call. */
struct notification {
	int64_t		 id;
	int64_t		 seq;		/* the recipient's order of writes */
	const char	*kind;		/* a name of NOTIFY_KINDS, or newer */
	int64_t		 project_id;	/* 0: none (the project is gone) */
	const char	*project;	/* its name, "" when none */
	const char	*actor;		/* who caused it, NULL when nobody */
	int64_t		 task_id;
	int64_t		 annotation_id;
	const char	*body;		/* untrusted: escape it to print */
	int64_t		 count;		/* 1 unless batched */
	const char	*created_at;	/* ISO-8601 UTC */
	const char	*updated_at;
	const char	*read_at;	/* NULL while unread */
};

/*
 * Calls fn for each of user_id's notifications, newest first (highest
 * seq), only the unread ones unless all, in the window page (NULL: all;
 * its after is a cursor in that order: those older than the one of that
 * id). fn returning non-zero stops the walk and that value is returned;
 * 0 when all were seen, -1 after reporting.
 */
int	store_inbox_each(struct store *, int64_t user_id, int all,
	    const struct page *page,
	    int (*fn)(const struct notification *, void *), void *arg);

/* user_id's unread notifications: *count of them and *max_seq the highest
 * seq among them (0 when none). One index range. 0 or -1. */
int	store_inbox_unread(struct store *, int64_t user_id, int64_t *count,
	    int64_t *max_seq);

/*
 * A unit of work, audited ("inbox read"): marks ids (n of them; all of
 * the acting user's unread ones when ids is NULL) read at now. An id that
 * is not one of theirs is refused, naming it ("no notification N of
 * yours"), and nothing is marked. One already read stays as it was.
 * Returns the number marked, or -1 after reporting.
 */
struct actor;
int	store_inbox_mark(struct store *, const struct actor *,
	    const int64_t *ids, int n);

#endif
