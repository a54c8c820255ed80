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

#endif
