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
review_policy_parse(const char *text, struct review_policy *p)
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
	if (strncmp(text, "sample:", 7) == 0) {
		n = strtol(text + 7, &end, 10);
		if (end != text + 7 && *end == '\0' && n >= 1 && n <= 100) {
			p->sample = (int)n;
			return 0;
		}
	}
	return error("'%s' is no review policy: none, all or sample:N"
	    " (N from 1 to 100, a percentage)", text);
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
