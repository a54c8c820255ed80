/* The annotation states' and task statuses' tables (see state.h). */
#include <stdint.h>
#include <string.h>

#include "model/state.h"
#include "util/xmalloc.h"

static const struct {
	const char	*name;
	int		 counts;
	int		 reviewed;
} states[] = {
	[ANN_NONE] = { "none", 0, 0 },
#define STATE_ROW_(id, name, counts, reviewed) \
	[ANN_##id] = { name, counts, reviewed },
	ANNOTATION_STATES(STATE_ROW_, )
#undef STATE_ROW_
};

static const char *const statuses[] = {
#define TSTATUS_ROW_(id, name) [TASK_##id] = name,
	TASK_STATUSES(TSTATUS_ROW_, )
#undef TSTATUS_ROW_
};

const char *
annotation_state_name(enum annotation_state s)
{
	if ((size_t)s >= ARRAY_SIZE(states))
		return "none";
	return states[s].name;
}

enum annotation_state
annotation_state_from_name(const char *name)
{
	size_t	i;

	if (name == NULL)
		return ANN_NONE;
	for (i = ANN_NONE + 1; i < ARRAY_SIZE(states); i++)
		if (strcmp(states[i].name, name) == 0)
			return (enum annotation_state)i;
	return ANN_NONE;
}

int
annotation_state_counts(enum annotation_state s)
{
	return (size_t)s < ARRAY_SIZE(states) && states[s].counts;
}

int
annotation_state_reviewed(enum annotation_state s)
{
	return (size_t)s < ARRAY_SIZE(states) && states[s].reviewed;
}

int
annotation_act_is_review(enum annotation_act act)
{
	return act == ANN_ACCEPT || act == ANN_REJECT || act == ANN_FIX ||
	    act == ANN_REOPEN;
}

enum annotation_state
annotation_next(enum annotation_state s, enum annotation_act act)
{
	switch (act) {
	case ANN_ACCEPT:
		return s == ANN_SUBMITTED ? ANN_ACCEPTED : ANN_NONE;
	case ANN_REJECT:
		return s == ANN_SUBMITTED ? ANN_REJECTED : ANN_NONE;
	case ANN_FIX:
		return s == ANN_SUBMITTED ? ANN_FIXED : ANN_NONE;
	case ANN_REOPEN:
		return s == ANN_ACCEPTED || s == ANN_REJECTED ||
		    s == ANN_FIXED ? ANN_SUBMITTED : ANN_NONE;
	default:
		break;
	}
	if (annotation_state_reviewed(s))
		return ANN_NONE;
	switch (act) {
	case ANN_SAVE:
		if (s == ANN_SUBMITTED || s == ANN_REJECTED)
			return s;
		return ANN_DRAFT;
	case ANN_SUBMIT:
		return ANN_SUBMITTED;
	case ANN_SKIP:
		return ANN_SKIPPED;
	default:
		break;
	}
	return ANN_NONE;
}

int
annotation_count_delta(enum annotation_state from, enum annotation_state to)
{
	return annotation_state_counts(to) - annotation_state_counts(from);
}

enum task_status
task_status_of(int submitted, int overlap, int done, int gold)
{
	if (gold)
		return TASK_GOLD;
	if (done)
		return TASK_DONE;
	if (submitted <= 0)
		return TASK_NEW;
	if (submitted < overlap)
		return TASK_IN_PROGRESS;
	return TASK_IN_REVIEW;
}

const char *
task_status_name(enum task_status s)
{
	if ((size_t)s >= ARRAY_SIZE(statuses))
		return "?";
	return statuses[s];
}

int
task_status_from_name(const char *name)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(statuses); i++)
		if (strcmp(statuses[i], name) == 0)
			return (int)i;
	return -1;
}

void
task_status_range(enum task_status s, int overlap, int64_t *lo, int64_t *hi)
{
	*lo = INT64_MIN;
	*hi = INT64_MAX;
	switch (s) {
	case TASK_NEW:
		*hi = 1;
		break;
	case TASK_IN_PROGRESS:
		*lo = 1;
		*hi = overlap;
		break;
	case TASK_GOLD:
		break;
	case TASK_IN_REVIEW:
	case TASK_DONE:
	case TASK__COUNT:
		*lo = overlap;
		break;
	}
}
