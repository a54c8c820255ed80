/* A project's review policy: none, all or sample:N, and which
 * annotations it samples for review (deterministic: a hash of the id). */
#ifndef SCALEC_MODEL_REVIEW_H
#define SCALEC_MODEL_REVIEW_H

#include <stddef.h>
#include <stdint.h>

/* A project's review policy (project create/edit --review, --on-reject,
 * --final, --comment-required, and the config's settings: review:,
 * on_reject:, final:, comment_required:), kept in the project's columns
 * and in its stored config alike. */
struct review_policy {
	int	 sample;	/* -1 none, 100 all, else N% (sample:N) */
	int	 on_reject_remove; /* 1: a rejection leaves the overlap */
	int	 final_required; /* tasks with overlap > 1 need a final */
	int	 comment_required; /* a reject needs a comment */
};

#define REVIEW_POLICY_INIT { -1, 0, 0, 1 }

/* The words of on_reject: and final: (and of --on-reject, --final). */
#define ON_REJECT_REQUEUE	"requeue"
#define ON_REJECT_REMOVE	"remove"
#define FINAL_OPTIONAL		"optional"
#define FINAL_REQUIRED		"required"

/* Parses "none", "all" or "sample:N" (N 1..100) into p->sample: 0, or
 * -1 after reporting what is wrong. The caller's text is named in the
 * message. */
int		 review_policy_parse(const char *text, struct review_policy *p);
/* review_policy_parse without a message: 0, or -1. */
int		 review_policy_read(const char *text, struct review_policy *p);
/* "requeue" or "remove" into p->on_reject_remove, "optional" or
 * "required" into p->final_required: 0, or -1 (nothing said). */
int		 review_on_reject_read(const char *text,
		    struct review_policy *p);
int		 review_final_read(const char *text, struct review_policy *p);
const char	*review_on_reject_text(const struct review_policy *p);
const char	*review_final_text(const struct review_policy *p);

/*
 * Whether a task is done (issue 9 §3): its overlap is met (submitted, the
 * annotations that count toward it: a rejection under on_reject: remove
 * no longer does) and, under a policy (all or sample:N), none of its
 * sampled counted annotations waits for a verdict or a resubmission
 * (pending: those submitted or rejected; accepted and fixed ones are
 * settled), and, where the project requires a final answer and the
 * overlap is above 1, the task has one. wanted is the task's own
 * overlap where its agreement asked for more annotators (task.wanted: 0
 * when it did not), which must be met too. The store's TASK_DONE_SQL is
 * the same rule in SQL (check_review compares them). 1 or 0.
 */
int		 review_task_done(const struct review_policy *p, int overlap,
		    int wanted, int64_t submitted, int64_t pending,
		    int has_final);

/* "none", "all" or "sample:N" into buf (at least 16 bytes). */
const char	*review_policy_text(const struct review_policy *p, char *buf,
		    size_t len);
/* "sample:50, on_reject requeue, final optional, comment required" into
 * buf (at least 96 bytes): project show's and the audit record's words. */
const char	*review_policy_describe(const struct review_policy *p,
		    char *buf, size_t len);
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
