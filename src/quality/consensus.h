/* Consensus: what the annotations in force of one task say together, per
 * control, with the task's agreement score, over the typed answer model
 * and with no SQL and no drawing here (export --annotations consensus,
 * the --disagreement lists and scalec stats compute it from the stored
 * annotations every time: nothing keeps it).
 *
 *   choice       the label most annotators chose; a tie for the most is
 *                a disagreement. Agreement: the share that chose it.
 *   multichoice  per label, chosen when more than half chose it, not
 *                when fewer did; exactly half is a disagreement.
 *                Agreement: the mean over the labels someone chose of
 *                the share on the majority's side (1 when nobody chose
 *                any).
 *   spans        the spans that at least k of the n annotators marked
 *                exactly (start, end and label); k is consensus_min,
 *                by default a strict majority (n / 2 + 1). A span marked
 *                by some but fewer than k is a disagreement. Agreement:
 *                the mean strict F1 over the pairs of annotators.
 *   rating       the lower median. Agreement: 1 - the mean absolute
 *                deviation from the mean / (max - 1).
 *   text, boxes, polygons  no consensus (a task with one is listed for
 *                review) and no share in the agreement score.
 *
 * Only the annotators who gave a control a value vote on it. The task's
 * agreement is the mean over its controls that have one. */
#ifndef SCALEC_CONSENSUS_H
#define SCALEC_CONSENSUS_H

#include <stddef.h>

#include <jansson.h>

struct answer;
struct config;

enum cons_outcome {
	CONS_EMPTY,	/* nobody gave it a value */
	CONS_AGREED,	/* the result holds the consensus */
	CONS_SPLIT,	/* a tie, or spans below k: no consensus */
	CONS_NO_RULE	/* text, boxes, polygons: never one */
};

struct cons_control {
	enum cons_outcome	 outcome;
	size_t			 voters;	/* annotators with a value */
	int			 has_agreement;
	double			 agreement;	/* 0..1 when has_agreement */
};

struct consensus {
	struct answer		*result;	/* the agreed controls' values
						   (the others empty); the
						   caller's to answer_free */
	struct cons_control	*c;		/* one per control */
	size_t			 n;
	size_t			 annotators;
	int			 agreed;	/* no control is CONS_SPLIT or
						   CONS_NO_RULE */
	int			 has_agreement;
	double			 agreement;	/* the task's score */
};

#define CONSENSUS_INIT	{ NULL, NULL, 0, 0, 0, 0, 0 }

/* k for n annotators: consensus_min when set (above 0), else a strict
 * majority. */
size_t	consensus_k(int consensus_min, size_t n);

/*
 * The consensus of n answers of one task (all of cfg, the same task;
 * borrowed), spans needing at least consensus_k(consensus_min, voters)
 * votes. Fills out (CONSENSUS_INIT, or a consensus computed before,
 * whose buffers it reuses); n may be 0.
 */
void	consensus_compute(const struct config *, struct answer *const *,
	    size_t n, int consensus_min, struct consensus *);
void	consensus_release(struct consensus *);
/* The result as stored and exported, a new reference: the agreed
 * controls only (a control without consensus is left out, not written
 * as "none"). */
json_t	*consensus_emit(const struct consensus *);

/*
 * How far two answers of one task agree, 0..1: per control that both
 * gave a value and that has a rule above, choice 1 or 0, multichoice the
 * Jaccard index, spans strict F1, rating 1 - |a - b| / (max - 1); the
 * mean over those controls. -1 when no control counts.
 */
double	consensus_pair(const struct answer *, const struct answer *);

#endif
