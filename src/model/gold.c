/* Gold tasks: which of a person's tasks is gold, and when their score is
 * too low (model/gold.h). The serving rule counts positions, not time or
 * chance, so that the same history always serves the same tasks: tests
 * count them, and two runs of a day agree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/gold.h"

int
gold_policy_default(const struct gold_policy *p)
{
	return p->rate == 0 && p->onboarding == 0 && p->min_score < 0 &&
	    !p->lenient && p->min_tasks == GOLD_MIN_TASKS_DEFAULT &&
	    !p->pause;
}

int
gold_every(double rate)
{
	double	n;

	if (!(rate > 0))
		return 0;
	/* 1/0.1 is 10.000000000000002 in binary: take off what rounding
	 * adds before the ceiling, so that 0.1 is every 10th. */
	n = ceil(1 / rate - 1e-9);
	return n < 1 ? 1 : n > 1e9 ? 1000000000 : (int)n;
}

int
gold_slot(int every, int onboarding, int64_t served)
{
	if (served < 0)
		return 0;
	if (served < onboarding)
		return 1;
	return every > 0 && (served + 1) % every == 0;
}

int
gold_below(const struct gold_policy *p, int64_t n, double mean)
{
	if (p->min_score < 0 || n <= 0 || n < p->min_tasks)
		return 0;
	return mean < p->min_score;
}

int
gold_match_read(const char *text, struct gold_policy *p)
{
	if (strcmp(text, GOLD_MATCH_STRICT) == 0)
		p->lenient = 0;
	else if (strcmp(text, GOLD_MATCH_LENIENT) == 0)
		p->lenient = 1;
	else
		return -1;
	return 0;
}

int
gold_fraction_read(const char *text, double *v)
{
	const char	*q;
	char		*end;
	double		 x;
	int		 dot = 0, digits = 0;

	/* Digits with at most one point: no sign, exponent, hex or inf,
	 * which strtod would take. */
	for (q = text; *q != '\0'; q++) {
		if (*q == '.' && !dot)
			dot = 1;
		else if (*q >= '0' && *q <= '9')
			digits++;
		else
			return -1;
	}
	if (digits == 0 || digits > 12)
		return -1;
	x = strtod(text, &end);
	if (*end != '\0' || !(x >= 0) || x > 1)
		return -1;
	*v = x;
	return 0;
}
