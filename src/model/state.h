/* The states of an annotation and of a task: the one list of each, and the
 * rules that follow from them. A state's flags say whether it counts
 * toward its task's overlap (task.submitted) and whether it is reviewed
 * (its person may no longer change it). The store's SQL lists, the export
 * filter, import's check and every message are made from these lists;
 * check_state compares the schema's CHECK constraint with them, since a
 * shipped migration is never edited. */
#ifndef SCALEC_STATE_H
#define SCALEC_STATE_H

#include <stdint.h>

/*
 * ANNOTATION_STATES(S, SEP): S(ID, name, counts, reviewed), counts and
 * reviewed 0 or 1 (the SQL lists below paste them).
 */
#define ANNOTATION_STATES(S, SEP)				\
	S(DRAFT,	"draft",	0, 0) SEP		\
	S(SUBMITTED,	"submitted",	1, 0) SEP		\
	S(SKIPPED,	"skipped",	0, 0) SEP		\
	S(ACCEPTED,	"accepted",	1, 1) SEP		\
	S(REJECTED,	"rejected",	1, 0) SEP		\
	S(FIXED,	"fixed",	1, 1)

enum annotation_state {
	ANN_NONE,		/* no annotation */
#define STATE_ENUM_(id, name, counts, reviewed) ANN_##id,
	ANNOTATION_STATES(STATE_ENUM_, )
#undef STATE_ENUM_
	ANN__COUNT
};

/* "draft, submitted, ...": for messages, a string literal. */
#define STATE_NAME_(id, name, counts, reviewed) name
#define ANNOTATION_STATE_NAMES ANNOTATION_STATES(STATE_NAME_, ", ")

/* The states that count toward the overlap, as an SQL list: "('submitted',
 * 'accepted','rejected','fixed','')" (the '' ends the list and is no
 * state). */
#define STATE_SQL_1_(name) "'" name "',"
#define STATE_SQL_0_(name)
#define STATE_COUNTED_(id, name, counts, reviewed) STATE_SQL_##counts##_(name)
#define STATES_COUNTED_SQL "(" ANNOTATION_STATES(STATE_COUNTED_, ) "'')"

/* "draft", ...; "none" for ANN_NONE. */
const char		*annotation_state_name(enum annotation_state);
/* The state called name; ANN_NONE when name is none (or NULL). */
enum annotation_state	 annotation_state_from_name(const char *name);
/* 1 when annotations in s count toward their task's overlap. */
int			 annotation_state_counts(enum annotation_state);
/* 1 when s is a reviewer's verdict that closes it: the annotation is no
 * longer its person's to change (accepted, fixed). A rejected one is
 * theirs again until they submit it anew. */
int			 annotation_state_reviewed(enum annotation_state);

/*
 * How an annotation's state changes: the one rule, which the store keeps.
 * Its person may save a draft (an edit of a submitted answer stays
 * submitted: it counts already; an edit of a rejected one stays rejected
 * until they submit it again, which sends it back to review), submit
 * (again: once), or skip (a submitted or rejected one is withdrawn); an
 * accepted or fixed one is no longer theirs.
 *
 * A reviewer's acts (never on their own annotation: the store checks who)
 * take a submitted annotation to accepted, rejected or fixed; reopen takes
 * a reviewed one (accepted, rejected, fixed) back to submitted. A verdict
 * on one already reviewed is refused: reopen it first, or withdraw the
 * verdict (the store puts back the state the verdict found, which is no
 * act of this machine's: it is the verdict's own record).
 */
enum annotation_act {
	ANN_SAVE,		/* a change: saved at once */
	ANN_SUBMIT,
	ANN_SKIP,
	ANN_ACCEPT,		/* a reviewer's */
	ANN_REJECT,
	ANN_FIX,
	ANN_REOPEN,
};

/* 1 for the acts a reviewer makes (accept, reject, fix, reopen). */
int			 annotation_act_is_review(enum annotation_act);

/* The state act leads to from s (ANN_NONE for no annotation yet), or
 * ANN_NONE when it is refused. */
enum annotation_state	 annotation_next(enum annotation_state s,
			    enum annotation_act act);
/* How a task's count of submissions changes when an annotation goes from
 * one state to another: -1, 0 or 1. */
int			 annotation_count_delta(enum annotation_state from,
			    enum annotation_state to);

/* Counts of annotations by state. */
struct state_counts {
	int64_t	 n[ANN__COUNT];		/* by state; n[ANN_NONE] is 0 */
	int64_t	 total;
};

/*
 * A task's status, from its submitted annotations and the project's
 * overlap. TASK_STATUSES(S, SEP): S(ID, name).
 */
#define TASK_STATUSES(S, SEP)				\
	S(NEW,		"new") SEP			\
	S(IN_PROGRESS,	"in-progress") SEP		\
	S(IN_REVIEW,	"in-review") SEP		\
	S(DONE,		"done") SEP			\
	S(GOLD,		"gold")

enum task_status {
#define TSTATUS_ENUM_(id, name) TASK_##id,
	TASK_STATUSES(TSTATUS_ENUM_, )
#undef TSTATUS_ENUM_
	TASK__COUNT
};

#define TSTATUS_NAME_(id, name) name
#define TASK_STATUS_NAMES TASK_STATUSES(TSTATUS_NAME_, ", ")

/* "new" (none submitted), "in-progress" (some, fewer than overlap),
 * "in-review" (at the overlap, held back by the review policy: an
 * annotation to review, a final answer to settle) or "done" (done: the
 * store's TASK_DONE_SQL, model/review.h's review_task_done); a gold task
 * is "gold" (it has no overlap and is never done). overlap is the
 * task's (store/task.h's TASK_OVERLAP). */
enum task_status	 task_status_of(int submitted, int overlap, int done,
			    int gold);
const char		*task_status_name(enum task_status);
/* The status called name, or -1. */
int			 task_status_from_name(const char *name);
/* The range of submitted counts [*lo, *hi) a status stands for. */
void			 task_status_range(enum task_status, int overlap,
			    int64_t *lo, int64_t *hi);

#endif
