/* A project's review policy (store/review.h's struct review_policy): its
 * text and which annotations it samples. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/answer.h"
#include "model/review.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/xmalloc.h"

int
review_policy_read(const char *text, struct review_policy *p)
{
	char	*end;
	long	 n;

	if (strcmp(text, "none") == 0) {
		p->sample = -1;
		return 0;
	}
	if (strcmp(text, "all") == 0) {
		p->sample = 100;
		return 0;
	}
	if (strncmp(text, "sample:", 7) == 0 && text[7] >= '0' &&
	    text[7] <= '9') {
		n = strtol(text + 7, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 100) {
			p->sample = (int)n;
			return 0;
		}
	}
	return -1;
}

int
review_policy_parse(const char *text, struct review_policy *p)
{
	if (review_policy_read(text, p) == 0)
		return 0;
	return error("'%s' is no review policy: none, all or sample:N"
	    " (N from 1 to 100, a percentage)", text);
}

/* One of two words into *v (0 for the first, 1 for the second). */
static int
read_pair(const char *text, const char *no, const char *yes, int *v)
{
	if (strcmp(text, no) == 0)
		*v = 0;
	else if (strcmp(text, yes) == 0)
		*v = 1;
	else
		return -1;
	return 0;
}

int
review_on_reject_read(const char *text, struct review_policy *p)
{
	return read_pair(text, ON_REJECT_REQUEUE, ON_REJECT_REMOVE,
	    &p->on_reject_remove);
}

int
review_final_read(const char *text, struct review_policy *p)
{
	return read_pair(text, FINAL_OPTIONAL, FINAL_REQUIRED,
	    &p->final_required);
}

const char *
review_on_reject_text(const struct review_policy *p)
{
	return p->on_reject_remove ? ON_REJECT_REMOVE : ON_REJECT_REQUEUE;
}

const char *
review_final_text(const struct review_policy *p)
{
	return p->final_required ? FINAL_REQUIRED : FINAL_OPTIONAL;
}

int
review_task_done(const struct review_policy *p, int overlap, int wanted,
    int64_t submitted, int64_t pending, int has_final)
{
	if (submitted < overlap || submitted < wanted)
		return 0;
	if (p->sample >= 0 && pending > 0)
		return 0;
	if (p->final_required && overlap > 1 && !has_final)
		return 0;
	return 1;
}

const char *
review_policy_text(const struct review_policy *p, char *buf, size_t len)
{
	if (p->sample < 0)
		snprintf(buf, len, "none");
	else if (p->sample >= 100)
		snprintf(buf, len, "all");
	else
		snprintf(buf, len, "sample:%d", p->sample);
	return buf;
}

const char *
review_policy_describe(const struct review_policy *p, char *buf, size_t len)
{
	char	text[32];

	snprintf(buf, len, "%s, on_reject %s, final %s, comment %s",
	    review_policy_text(p, text, sizeof text), review_on_reject_text(p),
	    review_final_text(p), p->comment_required ? "required" :
	    "optional");
	return buf;
}

int
review_sampled(const struct review_policy *p, int64_t annotation_id)
{
	char	id[32];
	int	n;

	if (p->sample < 0 || p->sample >= 100)
		return 1;
	/* The decimal id's hash: the same as scalec_hash(CAST(id AS TEXT))
	 * in SQL, which bench/review.sh's set-up uses. */
	n = snprintf(id, sizeof id, "%" PRId64, annotation_id);
	return (content_hash(id, (size_t)n) % 100 + 100) % 100 < p->sample;
}

void
review_rank_versions(struct answer *const *ans, size_t n, int *version,
    int *same)
{
	size_t	*first = xcalloc(n + 1, sizeof *first);
	size_t	*count = xcalloc(n + 1, sizeof *count);
	size_t	*group = xcalloc(n + 1, sizeof *group);
	size_t	 i, j, nv = 0, rank;

	for (i = 0; i < n; i++) {
		for (j = 0; j < nv; j++)
			if (answer_equal(ans[first[j]], ans[i]))
				break;
		if (j == nv)
			first[nv++] = i;
		group[i] = j;
		count[j]++;
	}
	/* A version's rank: the versions bigger than it, or as big with an
	 * earlier first member. */
	for (i = 0; i < n; i++) {
		rank = 0;
		for (j = 0; j < nv; j++)
			if (count[j] > count[group[i]] || (count[j] ==
			    count[group[i]] && first[j] < first[group[i]]))
				rank++;
		version[i] = (int)rank;
		same[i] = (int)count[group[i]];
	}
	free(first);
	free(count);
	free(group);
}
