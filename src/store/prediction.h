/* Predictions in the store: a model's suggested results for a task. */
#ifndef SCALEC_STORE_PREDICTION_H
#define SCALEC_STORE_PREDICTION_H

#include <stdint.h>

struct store;

/* A model's suggestion for a task (the first prediction imported). */
struct suggestion {
	char	*result;	/* JSON object as text */
	char	*model;		/* "" when none was given */
	double	 score;
	int	 has_score;	/* 0 when the prediction had no score */
};

#define SUGGESTION_INIT { NULL, NULL, 0, 0 }

void	suggestion_release(struct suggestion *);

/* The task's first prediction: 1 and *s filled (suggestion_release), 0
 * when it has none, -1 on error. */
int	store_suggestion_get(struct store *, int64_t task_id,
	    struct suggestion *s);

/* The task of the project whose imported id is ext_id (a visible one):
 * 1 with its number and image size (0 x 0 for a text or an image of
 * unknown size), 0 when there is none, -1 on error. */
int	store_prediction_task(struct store *, int64_t project_id,
	    const char *ext_id, int64_t *id, int *width, int *height);

struct actor;
struct import_opts;
struct import_stats;
/*
 * Adds the predictions of every record opts->next gives (a results file:
 * records with an ext_id and predictions, no text or image of their own)
 * to the project's task of that imported id, as one audited unit of work
 * (opts->action): each record checked first (the task there, each result
 * against opts->cfg and the task's image) and staged on the connection,
 * without the write lock; then one transaction writes them, a
 * prediction of a model the task has already replacing that model's.
 * All or nothing; dry_run writes nothing. stats: updated (tasks),
 * predictions; *replaced, the predictions they replace. 0, or -1 after
 * reporting.
 */
int	store_predictions_attach(struct store *, const struct actor *,
	    const struct import_opts *, struct import_stats *stats,
	    int64_t *replaced);

#endif
