/* Choice and multichoice values: labels chosen for the whole task (see
 * answer.h for their JSON). A choice holds at most one. */
#include <stdio.h>
#include <string.h>

#include "model/config.h"
#include "model/kind_ops.h"

static void
choice_clear(struct ans_value *v)
{
	memset(v->chosen, 0, v->control->nlabels);
}

static int
choice_empty(const struct ans_value *v)
{
	size_t	i;

	for (i = 0; i < v->control->nlabels; i++)
		if (v->chosen[i])
			return 0;
	return 1;
}

/* Loads a list of labels (or, for a choice, a bare label). */
static int
load_labels(struct ans_load *ld, struct ans_value *v, json_t *j, int multi)
{
	json_t	*e;
	size_t	 i, n = 0;
	int	 l;

	if (json_is_string(j) && (!multi || ld->lenient)) {
		if ((l = ans_label(ld, j, "")) < 0)
			return ld->lenient ? 0 : -1;
		v->chosen[l] = 1;
		return 0;
	}
	if (!json_is_array(j))
		return BAD(ld, "must be a list of labels") ? -1 : 0;
	if (!multi && json_array_size(j) > 1 && !ld->lenient)
		return ans_fail(ld, "takes one label, not %zu",
		    json_array_size(j));
	json_array_foreach(j, i, e) {
		if ((l = ans_label(ld, e, "")) < 0) {
			if (!ld->lenient)
				return -1;
			continue;
		}
		if (!multi && n > 0) {
			ld->dropped++;	/* lenient: the first one stays */
			continue;
		}
		if (v->chosen[l] && !ld->lenient)
			return ans_fail(ld, "label '%s' is given twice",
			    json_string_value(e));
		v->chosen[l] = 1;
		n++;
	}
	return 0;
}

static int
choice_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	return load_labels(ld, v, j, 0);
}

static int
multichoice_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	return load_labels(ld, v, j, 1);
}

static json_t *
choice_emit(const struct ans_value *v)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < v->control->nlabels; i++)
		if (v->chosen[i])
			json_array_append_new(a, ans_label_json(v, (int)i));
	return a;
}

static int
choice_equal(const struct ans_value *a, const struct ans_value *b)
{
	return memcmp(a->chosen, b->chosen, a->control->nlabels) == 0;
}

static void
choice_labels(const struct ans_value *v, void (*fn)(int, void *), void *arg)
{
	size_t	i;

	for (i = 0; i < v->control->nlabels; i++)
		if (v->chosen[i])
			fn((int)i, arg);
}

double
ans_jaccard(const struct ans_value *a, const struct ans_value *b)
{
	size_t	i, both = 0, either = 0;

	for (i = 0; i < a->control->nlabels; i++) {
		both += a->chosen[i] && b->chosen[i];
		either += a->chosen[i] || b->chosen[i];
	}
	return either == 0 ? 1.0 : (double)both / (double)either;
}

const struct kind_ops kind_choice_ops = {
	.load = choice_load,
	.emit = choice_emit,
	.equal = choice_equal,
	.empty = choice_empty,
	.clear = choice_clear,
	.labels = choice_labels,
};

const struct kind_ops kind_multichoice_ops = {
	.load = multichoice_load,
	.emit = choice_emit,
	.equal = choice_equal,
	.empty = choice_empty,
	.clear = choice_clear,
	.labels = choice_labels,
};
