/* The stats' sums (see tally.h). A task's answers in force are parsed as
 * its rows come and kept until the next task's first row, when the
 * task's consensus and its pairs are counted. Most projects repeat a
 * handful of results (a choice has as many as its labels), so results
 * are kept by their text in a small table and parsed once; a result
 * that misses it (spans are all different) is parsed into one of the
 * task's own scratch answers, reused from task to task. scalec stats
 * parses in the walk's reading threads instead (tally_enc: the same
 * table there, of the parsed bytes), and here only copies each value
 * into a scratch answer (decode): at a million tasks whose results all
 * differ the parsing was half of this thread's work, and this thread
 * was the walk's slowest. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "quality/consensus.h"
#include "quality/tally.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/xmalloc.h"

#define CACHE_SIZE	1024	/* a power of two */
#define CACHE_FILL	768	/* entries at most */
#define NOT_COUNTED	SIZE_MAX	/* a row before --since */

struct cached {
	char		*text;		/* NULL: empty */
	uint64_t	 hash;
	struct answer	*a;
};

struct current {
	int64_t			 task;		/* 0: none yet */
	int			 has_final;
	struct answer		**scratch;	/* owned, reused */
	size_t			 nscratch, ascratch;
	struct answer		**dec;		/* the encoded ones' (owned,
						   reused; only decode
						   fills them) */
	size_t			 ndec, adec;
	struct answer		**ans;		/* borrowed: cache or scratch */
	size_t			*who;		/* user index of each */
	size_t			 n, aans, awho;
	struct cached		 cache[CACHE_SIZE];
	size_t			 ncache;
	struct consensus	 cons;
	char			 day_text[11];	/* the last row's date */
	int64_t			 day;		/* and its day */
};

/* Days since 1970-01-01 of a civil date (the proleptic Gregorian
 * calendar). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The day of an ISO-8601 time, or -1. */
static int64_t
day_of(const char *at)
{
	int	y, m, d;

	if (strlen(at) < 10 || at[4] != '-' || at[7] != '-')
		return -1;
	y = atoi(at);
	m = atoi(at + 5);
	d = atoi(at + 8);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return days_from_civil(y, m, d);
}

void
tally_init(struct tally *t, const struct config *cfg, int consensus_min,
    const char *since, time_t now)
{
	const struct control	*c;
	size_t			 i;

	memset(t, 0, sizeof *t);
	t->cfg = cfg;
	t->consensus_min = consensus_min;
	t->since = since;
	t->today = (int64_t)(now / 86400);
	t->slot = xcalloc(cfg->ncontrols + 1, sizeof *t->slot);
	for (i = 0; i < cfg->ncontrols; i++) {
		c = &cfg->controls[i];
		t->slot[i] = t->nslots;
		if (control_has_labels(c->kind))
			t->nslots += c->nlabels;
		else if (c->kind == CONTROL_RATING)
			t->nslots += (size_t)c->max;
	}
	t->slot[cfg->ncontrols] = t->nslots;
	t->labels = xcalloc(t->nslots + 1, sizeof *t->labels);
	t->priv = xcalloc(1, sizeof(struct current));
}

static size_t
user_index(struct tally *t, int64_t id)
{
	struct tally_user	*u;
	size_t			 old;

	if (id < 0)
		id = 0;
	if ((size_t)id >= t->auser_at) {
		old = t->auser_at;
		ARRAY_GROW(t->user_at, (size_t)id + 1, t->auser_at);
		memset(t->user_at + old, 0, (t->auser_at - old) *
		    sizeof *t->user_at);
	}
	if (t->user_at[id] == 0) {
		ARRAY_GROW(t->users, t->nusers + 1, t->ausers);
		u = &t->users[t->nusers];
		memset(u, 0, sizeof *u);
		u->id = id;
		u->labels = xcalloc(t->nslots + 1, sizeof *u->labels);
		t->user_at[id] = ++t->nusers;
	}
	return t->user_at[id] - 1;
}

const struct tally_user *
tally_user(const struct tally *t, int64_t id)
{
	if (id < 0 || (size_t)id >= t->auser_at || t->user_at[id] == 0)
		return NULL;
	return &t->users[t->user_at[id] - 1];
}

/* The parsed result, from the table or into a scratch answer. */
static struct answer *
parse(struct tally *t, struct current *cur, const char *text)
{
	struct cached	*e;
	struct answer	*a;
	json_t		*j;
	size_t		 len = strlen(text), i;
	uint64_t	 h = (uint64_t)content_hash(text, len);

	for (i = h & (CACHE_SIZE - 1); cur->cache[i].text != NULL;
	    i = (i + 1) & (CACHE_SIZE - 1))
		if (cur->cache[i].hash == h &&
		    strcmp(cur->cache[i].text, text) == 0)
			return cur->cache[i].a;
	if (cur->ncache < CACHE_FILL) {
		e = &cur->cache[i];
		e->text = xstrdup(text);
		e->hash = h;
		e->a = a = answer_new(t->cfg, NULL);
		cur->ncache++;
	} else {
		while (cur->nscratch <= cur->n) {
			ARRAY_GROW(cur->scratch, cur->nscratch + 1,
			    cur->ascratch);
			cur->scratch[cur->nscratch++] = answer_new(t->cfg,
			    NULL);
		}
		a = cur->scratch[cur->n];
	}
	if (!answer_scan(a, text, len, NULL)) {
		j = json_loads(text, 0, NULL);
		answer_load_lenient(a, j);
		json_decref(j);
	}
	return a;
}

static void
count_labels(const struct tally *t, const struct answer *a, int64_t *out)
{
	const struct ans_value	*v;
	size_t			 i, l, s;

	for (i = 0; i < a->n; i++) {
		v = &a->v[i];
		s = t->slot[i];
		switch (v->control->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
			for (l = 0; l < v->control->nlabels; l++)
				out[s + l] += v->chosen[l] != 0;
			break;
		case CONTROL_SPANS:
			for (l = 0; l < v->nspans; l++)
				out[s + (size_t)v->spans[l].label]++;
			break;
		case CONTROL_BOXES:
			for (l = 0; l < v->nboxes; l++)
				out[s + (size_t)v->boxes[l].label]++;
			break;
		case CONTROL_POLYGONS:
			for (l = 0; l < v->nshapes; l++)
				out[s + (size_t)v->shapes[l].label]++;
			break;
		case CONTROL_RATING:
			if (v->rating >= 1 && v->rating <= v->control->max)
				out[s + (size_t)v->rating - 1]++;
			break;
		default:
			break;
		}
	}
}

/* The task's consensus and its pairs, then ready for the next one. */
static void
flush(struct tally *t, struct current *cur)
{
	struct tally_split	*sp;
	struct tally_user	*u, *w;
	size_t			 i, j;
	double			 pair;

	if (cur->task == 0 || cur->n == 0)
		goto out;
	t->tasks++;
	consensus_compute(t->cfg, cur->ans, cur->n, t->consensus_min,
	    &cur->cons);
	if (cur->cons.has_agreement) {
		t->tasks_scored++;
		t->agreement_sum += cur->cons.agreement;
	}
	if (cur->cons.agreed || cur->has_final)
		t->tasks_agreed++;
	else {
		ARRAY_GROW(t->splits, t->nsplits + 1, t->asplits);
		sp = &t->splits[t->nsplits++];
		sp->task = cur->task;
		sp->annotators = cur->n;
		sp->has_agreement = cur->cons.has_agreement;
		sp->agreement = cur->cons.agreement;
		sp->controls = 0;
		for (i = 0; i < cur->cons.n && i < 64; i++)
			if (cur->cons.c[i].outcome == CONS_SPLIT ||
			    cur->cons.c[i].outcome == CONS_NO_RULE)
				sp->controls |= (uint64_t)1 << i;
	}
	for (i = 0; i < cur->n; i++)
		for (j = i + 1; j < cur->n; j++) {
			if ((pair = consensus_pair(cur->ans[i],
			    cur->ans[j])) < 0)
				continue;
			if (cur->who[i] != NOT_COUNTED) {
				u = &t->users[cur->who[i]];
				u->agree_sum += pair;
				u->agree_n++;
			}
			if (cur->who[j] != NOT_COUNTED) {
				w = &t->users[cur->who[j]];
				w->agree_sum += pair;
				w->agree_n++;
			}
		}
out:
	cur->n = 0;
	cur->has_final = 0;
}

/*
 * The reading threads' part (tally.h): each result read by
 * model/answer_scan.h there and written as a byte 1, then per control
 * its present byte and its value (a choice's chosen bytes, a rating, a
 * count and the spans, a text's length with its NUL, 0 for none, and its
 * bytes); where the scan declines, a byte 0 and the text and a NUL for
 * the way here (parse). Results seen before are written again from a
 * small table of their bytes, while it finds one in four; then not
 * looked up again (spans are all different).
 */
struct enc_cached {
	char		*text;		/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
	size_t		 at, n;		/* their bytes in the state's out */
};

struct tally_enc {
	const struct config	*cfg;
	struct answer		*a;
	struct enc_cached	 cache[CACHE_SIZE];
	size_t			 ncache;
	struct buf		 bytes;		/* the table's */
	int64_t			 lookups, hits;
	int			 off;		/* no more looking up */
};

#define ENC_TRIAL	4096	/* lookups before deciding */

void *
tally_enc_open(const struct config *cfg)
{
	struct tally_enc	*e = xcalloc(1, sizeof *e);

	e->cfg = cfg;
	e->a = answer_new(cfg, NULL);
	return e;
}

void
tally_enc_close(void *state)
{
	struct tally_enc	*e = state;
	size_t			 i;

	if (e == NULL)
		return;
	for (i = 0; i < CACHE_SIZE; i++)
		free(e->cache[i].text);
	buf_release(&e->bytes);
	answer_free(e->a);
	free(e);
}

#define SPAN_BYTES	(2 * sizeof(size_t) + sizeof(int))

/* Puts n bytes at *p and steps past them. */
static void
put(char **p, const void *v, size_t n)
{
	memcpy(*p, v, n);
	*p += n;
}

static void
encode_answer(const struct answer *a, struct buf *out)
{
	const struct ans_value	*v;
	const struct ans_span	*sp;
	size_t			 i, j, n, size = 1;
	char			*p;

	/* The size first: one growth, then the bytes in place. */
	for (i = 0; i < a->n; i++) {
		v = &a->v[i];
		size += 1;
		switch (v->control->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
			size += v->control->nlabels;
			break;
		case CONTROL_RATING:
			size += sizeof v->rating;
			break;
		case CONTROL_SPANS:
			size += sizeof v->nspans + v->nspans * SPAN_BYTES;
			break;
		case CONTROL_TEXT:
			size += sizeof n + (v->text != NULL ?
			    strlen(v->text) + 1 : 0);
			break;
		default:	/* the scan declines the others */
			break;
		}
	}
	buf_grow(out, size);
	p = out->data + out->len;
	*p++ = 1;
	for (i = 0; i < a->n; i++) {
		v = &a->v[i];
		*p++ = (char)v->present;
		switch (v->control->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
			put(&p, v->chosen, v->control->nlabels);
			break;
		case CONTROL_RATING:
			put(&p, &v->rating, sizeof v->rating);
			break;
		case CONTROL_SPANS:
			put(&p, &v->nspans, sizeof v->nspans);
			for (j = 0; j < v->nspans; j++) {
				sp = &v->spans[j];
				put(&p, &sp->start, sizeof sp->start);
				put(&p, &sp->end, sizeof sp->end);
				put(&p, &sp->label, sizeof sp->label);
			}
			break;
		case CONTROL_TEXT:
			n = v->text != NULL ? strlen(v->text) + 1 : 0;
			put(&p, &n, sizeof n);
			if (n > 0)
				put(&p, v->text, n);
			break;
		default:
			break;
		}
	}
	out->len += size;
	out->data[out->len] = '\0';
}

/* The result's bytes (len: to its first NUL, as parse() reads it). */
static void
encode_text(struct tally_enc *e, const char *text, size_t len,
    struct buf *out)
{
	if (answer_scan(e->a, text, len, NULL))
		encode_answer(e->a, out);
	else {
		buf_addch(out, 0);
		buf_add(out, text, len);
		buf_addch(out, '\0');
	}
}

void
tally_enc(void *state, const char *text, size_t len, struct buf *out)
{
	struct tally_enc	*e = state;
	struct enc_cached	*c;
	uint64_t		 h;
	size_t			 i, head;

	len = strnlen(text, len);
	if (e->off) {
		encode_text(e, text, len, out);
		return;
	}
	h = (uint64_t)content_hash(text, len);
	e->lookups++;
	for (i = h & (CACHE_SIZE - 1); e->cache[i].text != NULL;
	    i = (i + 1) & (CACHE_SIZE - 1)) {
		c = &e->cache[i];
		if (c->hash == h && c->len == len &&
		    memcmp(c->text, text, len) == 0) {
			e->hits++;
			buf_add(out, e->bytes.data + c->at, c->n);
			return;
		}
	}
	head = out->len;
	encode_text(e, text, len, out);
	if (e->ncache < CACHE_FILL) {
		c = &e->cache[i];
		c->text = xstrndup(text, len);
		c->len = len;
		c->hash = h;
		c->at = e->bytes.len;
		c->n = out->len - head;
		buf_add(&e->bytes, out->data + head, c->n);
		e->ncache++;
	}
	if (e->lookups == ENC_TRIAL && e->hits * 4 < e->lookups)
		e->off = 1;
}

/* What tally_enc wrote, as an answer: the decoded values in the task's
 * own answer, or the text the way parse() reads it. */
static struct answer *
decode(struct tally *t, struct current *cur, const char *p)
{
	struct answer		*a;
	struct ans_value	*v;
	struct ans_span		*sp;
	size_t			 i, j, n;

	if (*p++ == 0)
		return parse(t, cur, p);
	while (cur->ndec <= cur->n) {
		ARRAY_GROW(cur->dec, cur->ndec + 1, cur->adec);
		cur->dec[cur->ndec++] = answer_new(t->cfg, NULL);
	}
	a = cur->dec[cur->n];
	for (i = 0; i < a->n; i++) {
		v = &a->v[i];
		v->present = (unsigned char)*p++;
		switch (v->control->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
			memcpy(v->chosen, p, v->control->nlabels);
			p += v->control->nlabels;
			break;
		case CONTROL_RATING:
			memcpy(&v->rating, p, sizeof v->rating);
			p += sizeof v->rating;
			break;
		case CONTROL_SPANS:
			memcpy(&n, p, sizeof n);
			p += sizeof n;
			ARRAY_GROW(v->spans, n, v->aspans);
			for (j = 0; j < n; j++) {
				sp = &v->spans[j];
				memcpy(&sp->start, p, sizeof sp->start);
				p += sizeof sp->start;
				memcpy(&sp->end, p, sizeof sp->end);
				p += sizeof sp->end;
				memcpy(&sp->label, p, sizeof sp->label);
				p += sizeof sp->label;
				sp->more = NULL;
			}
			v->nspans = n;
			break;
		case CONTROL_TEXT:
			memcpy(&n, p, sizeof n);
			p += sizeof n;
			free(v->text);
			v->text = NULL;
			if (n > 0) {
				v->text = xmalloc(n);
				memcpy(v->text, p, n);
				p += n;
			}
			break;
		default:
			break;
		}
	}
	return a;
}

static void
add(struct tally *t, int64_t task, int64_t user,
    enum annotation_state state, const char *result, int encoded,
    double lead_time, const char *at, int removed, int has_final)
{
	struct current		*cur = t->priv;
	struct tally_user	*u;
	struct answer		*a = NULL;
	size_t			 ui;
	int64_t			 d = -1;
	int			 counted = !t->since || strcmp(at, t->since) >= 0;
	int			 in_force = !removed && (state == ANN_SUBMITTED ||
				    state == ANN_ACCEPTED || state == ANN_FIXED);

	if (task != cur->task) {
		flush(t, cur);
		cur->task = task;
	}
	cur->has_final |= has_final;
	ui = user_index(t, user);
	if (in_force) {
		a = encoded ? decode(t, cur, result) : parse(t, cur, result);
		ARRAY_GROW(cur->ans, cur->n + 1, cur->aans);
		ARRAY_GROW(cur->who, cur->n + 1, cur->awho);
		cur->ans[cur->n] = a;
		/* Someone outside --since is compared but not counted. */
		cur->who[cur->n++] = counted ? ui : NOT_COUNTED;
	}
	if (!counted)
		return;
	u = &t->users[ui];
	if (strcmp(at, u->last) > 0)
		snprintf(u->last, sizeof u->last, "%s", at);
	if (state == ANN_SKIPPED) {
		u->skipped++;
		return;
	}
	if (!annotation_state_counts(state))
		return;
	u->submitted++;
	u->accepted += state == ANN_ACCEPTED;
	u->rejected += state == ANN_REJECTED;
	u->fixed += state == ANN_FIXED;
	ARRAY_GROW(u->secs, u->nsecs + 1, u->asecs);
	u->secs[u->nsecs++] = lead_time;
	/* Most rows share their day with the row before. */
	if (strncmp(at, cur->day_text, 10) == 0)
		d = cur->day;
	else if (strlen(at) >= 10) {
		d = cur->day = day_of(at);
		memcpy(cur->day_text, at, 10);
	}
	if (d >= 0 && t->today - d >= 0 &&
	    t->today - d < TALLY_DAYS) {
		u->day[t->today - d]++;
		t->day[t->today - d]++;
	}
	/* Everyone's are the people's summed, at the end. */
	if (a != NULL)
		count_labels(t, a, u->labels);
}

void
tally_add(struct tally *t, int64_t task, int64_t user,
    enum annotation_state state, const char *result, double lead_time,
    const char *at, int removed, int has_final)
{
	add(t, task, user, state, result, 0, lead_time, at, removed,
	    has_final);
}

void
tally_add_enc(struct tally *t, int64_t task, int64_t user,
    enum annotation_state state, const char *enc, double lead_time,
    const char *at, int removed, int has_final)
{
	add(t, task, user, state, enc, 1, lead_time, at, removed, has_final);
}

/* Worst first: the lowest agreement, a task with none before all; then
 * by task. */
static int
by_agreement(const void *x, const void *y)
{
	const struct tally_split *a = x, *b = y;

	if (a->has_agreement != b->has_agreement)
		return a->has_agreement ? 1 : -1;
	if (a->has_agreement && a->agreement != b->agreement)
		return a->agreement < b->agreement ? -1 : 1;
	return (a->task > b->task) - (a->task < b->task);
}

void
tally_end(struct tally *t)
{
	size_t	i, s;

	flush(t, t->priv);
	for (i = 0; i < t->nusers; i++)
		for (s = 0; s < t->nslots; s++)
			t->labels[s] += t->users[i].labels[s];
}

void
tally_sort_splits(struct tally *t)
{
	if (t->nsplits > 0)
		qsort(t->splits, t->nsplits, sizeof *t->splits, by_agreement);
}

void
tally_release(struct tally *t)
{
	struct current	*cur = t->priv;
	size_t		 i;

	if (cur != NULL) {
		for (i = 0; i < CACHE_SIZE; i++) {
			free(cur->cache[i].text);
			answer_free(cur->cache[i].a);
		}
		for (i = 0; i < cur->nscratch; i++)
			answer_free(cur->scratch[i]);
		free(cur->scratch);
		for (i = 0; i < cur->ndec; i++)
			answer_free(cur->dec[i]);
		free(cur->dec);
		free(cur->ans);
		free(cur->who);
		consensus_release(&cur->cons);
		free(cur);
	}
	for (i = 0; i < t->nusers; i++) {
		free(t->users[i].secs);
		free(t->users[i].labels);
	}
	free(t->users);
	free(t->user_at);
	free(t->slot);
	free(t->labels);
	free(t->splits);
	memset(t, 0, sizeof *t);
}

/* Puts the k-th smallest of v[0..n) at v[k] (Hoare's selection): one
 * pass on average, where a sort of a million seconds was a tenth of the
 * whole command. */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t	lo = 0, hi = n - 1, i, j;
	double	pivot, tmp;

	while (lo < hi) {
		pivot = v[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				tmp = v[i];
				v[i] = v[j];
				v[j] = tmp;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return v[k];
}

double
tally_seconds(struct tally_user *u, double p)
{
	size_t	i;

	if (u->nsecs == 0)
		return -1;
	i = (size_t)ceil(p * (double)u->nsecs);
	if (i > 0)
		i--;
	if (i >= u->nsecs)
		i = u->nsecs - 1;
	return select_kth(u->secs, u->nsecs, i);
}

double
tally_distance(const struct tally *t, const struct tally_user *u,
    size_t control)
{
	size_t	s0 = t->slot[control], s1 = t->slot[control + 1], s;
	int64_t	mine = 0, rest = 0;
	double	d = 0;

	for (s = s0; s < s1; s++) {
		mine += u->labels[s];
		rest += t->labels[s] - u->labels[s];
	}
	if (mine < TALLY_MIN_LABELS || rest < TALLY_MIN_LABELS)
		return -1;
	for (s = s0; s < s1; s++)
		d += fabs((double)u->labels[s] / (double)mine -
		    (double)(t->labels[s] - u->labels[s]) / (double)rest);
	return d / 2;
}
