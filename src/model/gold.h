/* Gold tasks (issue 12 section 1): a project's gold settings, the rule
 * that says which of a person's tasks is gold, and when a person's gold
 * score is too low. Scoring one answer against a gold answer is the answer
 * model's (answer_score in model/answer.h). No I/O. */
#ifndef SCALEC_MODEL_GOLD_H
#define SCALEC_MODEL_GOLD_H

#include <stddef.h>
#include <stdint.h>

#define GOLD_ONBOARDING_MAX	10000
#define GOLD_MIN_TASKS_MAX	10000
#define GOLD_MIN_TASKS_DEFAULT	5
#define GOLD_MATCH_STRICT	"strict"
#define GOLD_MATCH_LENIENT	"lenient"

/* The config's settings: gold_rate:, gold_onboarding:, gold_min_score:,
 * gold_match:, gold_min_tasks:, gold_pause:. */
struct gold_policy {
	double	 rate;		/* share of a queue that is gold; 0 none */
	int	 onboarding;	/* a newcomer's first N tasks are gold */
	double	 min_score;	/* below it a person is told; -1 none */
	int	 lenient;	/* gold_match: lenient (spans) */
	int	 min_tasks;	/* gold tasks scored before min_score holds */
	int	 pause;		/* below min_score stops their new work */
};

#define GOLD_POLICY_INIT { 0, 0, -1, 0, GOLD_MIN_TASKS_DEFAULT, 0 }

/* 1 when p is every default (a config that says none of it). */
int	gold_policy_default(const struct gold_policy *p);

/* The rate as "every Nth task": ceil(1 / rate), 0 for none. */
int	gold_every(double rate);

/*
 * Whether a person's task at position served (0-based: how many of the
 * project's tasks they have answered or skipped so far) is a gold one:
 * the first onboarding positions are, and then every every-th (the
 * every-th, 2*every-th, ... task served, counting from 1). Deterministic:
 * the same history gives the same answer. The caller serves gold only
 * while the person has gold left.
 */
int	gold_slot(int every, int onboarding, int64_t served);

/* 1 when a person with n scores of mean mean is below the policy's
 * gold_min_score, counting only once they have gold_min_tasks. */
int	gold_below(const struct gold_policy *p, int64_t n, double mean);

/* Parses "strict" or "lenient" into p->lenient: 0, or -1. */
int	gold_match_read(const char *text, struct gold_policy *p);
/* A rate or score as written: "0.1", from 0 to 1. 0, or -1. */
int	gold_fraction_read(const char *text, double *v);

#endif
