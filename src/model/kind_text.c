/* Text and rating values: one free text, one number from 1 to the
 * control's max (see answer.h). */
#include <stdlib.h>
#include <string.h>

#include "model/config.h"
#include "model/kind_ops.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

static void
text_clear(struct ans_value *v)
{
	free(v->text);
	v->text = NULL;
}

static int
text_empty(const struct ans_value *v)
{
	return v->text == NULL || v->text[0] == '\0';
}

static int
text_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	if (!json_is_string(j))
		return BAD(ld, "must be a string") ? -1 : 0;
	v->text = xstrndup(json_string_value(j), json_string_length(j));
	return 0;
}

static json_t *
text_emit(const struct ans_value *v)
{
	return json_string(v->text);
}

static int
text_equal(const struct ans_value *a, const struct ans_value *b)
{
	return strcmp(a->text, b->text) == 0;
}

static void
no_labels(const struct ans_value *v, void (*fn)(int, void *), void *arg)
{
	(void)v;
	(void)fn;
	(void)arg;
}

static void
rating_clear(struct ans_value *v)
{
	v->rating = 0;
}

static int
rating_empty(const struct ans_value *v)
{
	return v->rating == 0;
}

static int
rating_load(struct ans_load *ld, struct ans_value *v, json_t *j)
{
	long long	n;
	int		max = ld->control->max > 0 ? ld->control->max : 5;

	if (ans_whole(j, &n) == -1)
		return BAD(ld, "must be a whole number") ? -1 : 0;
	if (n < 1 || n > max)
		return BAD(ld, "%lld is not from 1 to %d", n, max) ? -1 : 0;
	v->rating = (int)n;
	return 0;
}

static json_t *
rating_emit(const struct ans_value *v)
{
	return json_integer(v->rating);
}

static int
rating_equal(const struct ans_value *a, const struct ans_value *b)
{
	return a->rating == b->rating;
}

/*
 * Levenshtein's distance over code points with one row of costs, divided
 * by the longer length. Texts are UTF-8 (checked on the way in); an
 * invalid byte counts as one.
 */
static size_t
code_points(const char *s, uint32_t **out)
{
	size_t		 len = strlen(s), i = 0, n = 0;
	uint32_t	*cp = xcalloc(len + 1, sizeof *cp);
	int		 k;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp[n])) < 0) {
			cp[n] = (unsigned char)s[i];
			k = 1;
		}
		i += (size_t)k;
		n++;
	}
	*out = cp;
	return n;
}

double
ans_text_distance(const char *a, const char *b)
{
	uint32_t	*x, *y;
	size_t		 nx = code_points(a, &x), ny = code_points(b, &y), i, j;
	size_t		*row, diag, up, d;
	double		 r;

	if (nx == 0 && ny == 0) {
		free(x);
		free(y);
		return 0;
	}
	row = xcalloc(ny + 1, sizeof *row);
	for (j = 0; j <= ny; j++)
		row[j] = j;
	for (i = 1; i <= nx; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= ny; j++) {
			up = row[j];
			d = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
		}
	}
	r = (double)row[ny] / (double)(nx > ny ? nx : ny);
	free(row);
	free(x);
	free(y);
	return r;
}

const struct kind_ops kind_text_ops = {
	.load = text_load,
	.emit = text_emit,
	.equal = text_equal,
	.empty = text_empty,
	.clear = text_clear,
	.labels = no_labels,
};

const struct kind_ops kind_rating_ops = {
	.load = rating_load,
	.emit = rating_emit,
	.equal = rating_equal,
	.empty = rating_empty,
	.clear = rating_clear,
	.labels = no_labels,
};
