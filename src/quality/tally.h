/* The figures of scalec stats and of the --disagreement lists, summed
 * over one walk of a project's annotations (fed a task's rows one after
 * another), with no SQL and no drawing: per person (submissions, skips,
 * seconds per task, verdicts, agreement with the others, last active),
 * the labels each control got, submissions per day, and each task's
 * consensus (quality/consensus.h) with the tasks that have none. */
#ifndef SCALEC_TALLY_H
#define SCALEC_TALLY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model/state.h"

struct config;

#define TALLY_DAYS	30	/* throughput: the last 30 days */

struct tally_user {
	int64_t		 id;
	int64_t		 submitted;	/* counted states: submitted,
					   accepted, rejected, fixed */
	int64_t		 skipped;
	int64_t		 accepted, rejected, fixed;
	double		*secs;		/* lead time of each submission */
	size_t		 nsecs, asecs;
	double		 agree_sum;	/* consensus_pair with each other */
	int64_t		 agree_n;	/* annotator of a shared task */
	char		 last[32];	/* latest change, ISO-8601 */
	int64_t		*labels;	/* per label slot (tally.slot) */
	int64_t		 day[TALLY_DAYS]; /* [0] today, [1] yesterday */
};

/* A task without consensus. */
struct tally_split {
	int64_t		 task;
	size_t		 annotators;
	int		 has_agreement;
	double		 agreement;
	uint64_t	 controls;	/* bit i: control i split or has
					   no rule (the first 64) */
};

struct tally {
	const struct config	*cfg;
	int			 consensus_min;
	const char		*since;		/* ISO-8601: only rows at or
						   after count per person; NULL */
	int64_t			 today;		/* days since 1970 */
	/* Label slots: control i's are slot[i] .. slot[i + 1] - 1 (its
	 * labels; a rating's values 1 .. max). */
	size_t			*slot;
	size_t			 nslots;
	int64_t			*labels;	/* everyone's, per slot */
	int64_t			 day[TALLY_DAYS];
	struct tally_user	*users;		/* in the order first seen */
	size_t			 nusers, ausers;
	size_t			*user_at;	/* by user id: index + 1 */
	size_t			 auser_at;
	/* Tasks with an answer in force. */
	int64_t			 tasks;
	int64_t			 tasks_agreed;	/* a consensus, or settled */
	int64_t			 tasks_scored;
	double			 agreement_sum;
	struct tally_split	*splits;
	size_t			 nsplits, asplits;
	void			*priv;		/* the current task, parsed
						   results */
};

/* cfg is borrowed; now gives "today" for the days. */
void	tally_init(struct tally *, const struct config *, int consensus_min,
	    const char *since, time_t now);
/* One annotation (not a draft); a task's rows come together. */
void	tally_add(struct tally *, int64_t task, int64_t user,
	    enum annotation_state, const char *result, double lead_time,
	    const char *at, int removed, int has_final);
/*
 * The same with the result as tally_enc wrote it: the parsing done in
 * the walk's reading threads (store/stats.h's store_stats_encoded, a
 * struct quality_encoder of these three), beside SQLite, instead of
 * here. tally_enc_open makes one state per reading thread (cfg
 * borrowed), tally_enc appends one result's bytes to out, and neither
 * touches a tally: the figures are the same to the bit.
 */
struct buf;
void	*tally_enc_open(const struct config *);
void	 tally_enc(void *, const char *text, size_t len, struct buf *out);
void	 tally_enc_close(void *);
void	tally_add_enc(struct tally *, int64_t task, int64_t user,
	    enum annotation_state, const char *enc, double lead_time,
	    const char *at, int removed, int has_final);
/* After the last row: the last task. */
void	tally_end(struct tally *);
/* Sorts the splits worst first (the lowest agreement; a task with no
 * score before all), for the lists. */
void	tally_sort_splits(struct tally *);
void	tally_release(struct tally *);

/* The user with id, or NULL when they have no row. */
const struct tally_user *tally_user(const struct tally *, int64_t id);
/* The p-th quantile (0..1, nearest rank) of u's seconds; -1 for none.
 * Reorders u's seconds. */
double	tally_seconds(struct tally_user *, double p);
/*
 * How far u's labels of control i are from everyone else's: the total
 * variation distance of the two distributions, 0..1; -1 when either has
 * fewer than TALLY_MIN_LABELS labels.
 */
#define TALLY_MIN_LABELS	10
double	tally_distance(const struct tally *, const struct tally_user *,
	    size_t control);

#endif
