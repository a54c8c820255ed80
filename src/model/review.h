/* A project's review policy: none, all or sample:N, and which
 * annotations it samples for review (deterministic: a hash of the id). */
#ifndef SCALEC_MODEL_REVIEW_H
#define SCALEC_MODEL_REVIEW_H

#include <stddef.h>
#include <stdint.h>

/* A project's review policy (project create/edit --review, and the
 * config's review:, on_reject:, final:). */
struct review_policy {
	int	 sample;	/* -1 none, 100 all, else N% (sample:N) */
	int	 on_reject_remove; /* 1: a rejection leaves the overlap */
	int	 final_required; /* tasks with overlap > 1 need a final */
};

#define REVIEW_POLICY_INIT { -1, 0, 0 }

/* Parses "none", "all" or "sample:N" (N 1..100) into p->sample: 0, or
 * -1 after reporting what is wrong. The caller's text is named in the
 * message. */
int		 review_policy_parse(const char *text, struct review_policy *p);
/* "none", "all" or "sample:N" into buf (at least 16 bytes). */
const char	*review_policy_text(const struct review_policy *p, char *buf,
		    size_t len);
/* 1 when the policy samples the annotation: the same answer for the same
 * id on every run (a hash of the id, not a random draw). "none" samples
 * every one into the queue (review there is optional: no task waits on
 * it), "all" every one. */
int		 review_sampled(const struct review_policy *p,
		    int64_t annotation_id);

/*
 * The versions of one task's results with overlap above 1 (the review
 * screen's order): results that are answer_equal are one version; the
 * most common version is ranked 0, then by size, a tie going to the
 * version whose first result comes first in ans. Fills version[i] (the
 * rank of ans[i]'s version) and same[i] (how many results share it).
 */
struct answer;
void		 review_rank_versions(struct answer *const *ans, size_t n,
		    int *version, int *same);

#endif
