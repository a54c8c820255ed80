/* Gold tasks in the store (issue 12 section 1): a task's known answer
 * (task.gold, with task.is_gold for the walk's index), each person's
 * score on each gold task (gold_score, written by the submission in its
 * transaction: store/gold.c's gold_score_submission), and the pause a
 * low score brings under gold_pause (annotator.gold_paused). Serving is
 * the next-task walk's (store/assign.c). Readers that count the
 * project's work leave gold tasks out with store/internal.h's
 * NOT_GOLD_SQL. */
#ifndef SCALEC_STORE_GOLD_H
#define SCALEC_STORE_GOLD_H

#include <stdint.h>

struct actor;
struct store;

/*
 * Gives task_id the gold answer result (JSON text) or, when result is
 * NULL, the answer of annotation from_annotation, which must be the
 * task's and reviewed (accepted: its result; fixed: the fix in force).
 * The result is checked against the project's config through the answer
 * model, normalised, and must have a value. A task that becomes gold
 * leaves the project's task_count and done_count. One audited unit of
 * work (file.gold); 0, or -1 after reporting (nothing changed).
 */
int	store_gold_set(struct store *, const struct actor *, int64_t task_id,
	    const char *result, int64_t from_annotation);
/* Takes the task's gold answer away (its scores stay): 1, 0 when it had
 * none (nothing written), -1. Audited as file.gold. */
int	store_gold_clear(struct store *, const struct actor *,
	    int64_t task_id);

/* 1 when the person's new work in the project is paused (gold_pause), 0,
 * -1. */
int	store_gold_paused(struct store *, int64_t project_id,
	    int64_t user_id);
/* Lets a paused person work again, audited (member.resume); their mean
 * counts the gold scores after this moment. 1, 0 when they were not
 * paused (nothing written), -1. */
int	store_gold_resume(struct store *, const struct actor *,
	    int64_t project_id, const char *project, int64_t user_id,
	    const char *user);

/* One person's gold figures in a project; strings borrowed for the
 * call. */
struct gold_person {
	int64_t		 user_id;
	const char	*user;
	int64_t		 tasks;		/* gold tasks scored (all) */
	double		 strict;	/* mean score, strict matching */
	double		 lenient;	/* mean score, lenient matching */
	int64_t		 counted;	/* scores since a resume */
	double		 mean;		/* their mean, by gold_match */
	int		 paused;
	const char	*last;		/* last scored, ISO-8601 */
};

/* Calls fn for each person with a gold score in the project, by name
 * (paused ones with none too); fn's non-zero stops the walk and is
 * returned. lenient says which mean counts (gold_match). 0 or -1. */
int	store_gold_each(struct store *, int64_t project_id, int lenient,
	    int (*fn)(const struct gold_person *, void *), void *arg);

/* How many gold tasks the project has (visible ones). -1 on error. */
int64_t	store_gold_count(struct store *, int64_t project_id);

#endif
