/* scalec agreement: how far a project's annotators agree, per control,
 * over the answers in force (store/quality.h streams them task by task;
 * model/answer_scan.h reads each value without a JSON tree; the figures
 * are src/quality/agreement.c's, gathered as the tasks pass, so nothing
 * grows with the project but the per-person tables). Reviewers and
 * managers read it (ACT_REVIEW, as review): it names people's work.
 *
 * choice: percent agreement, Cohen's kappa of every pair, Fleiss' kappa,
 * Krippendorff's alpha (nominal); multichoice the same per label, each
 * label chosen or not; rating: percent (the same number) and alpha
 * (interval); spans: precision, recall and F1 of every pair, strict and
 * lenient, micro-averaged and per label, and alpha (nominal) over the
 * labeler's tokens, a token's value being the label of the span over it
 * or none. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "model/answer.h"
#include "model/answer_scan.h"
#include "model/config.h"
#include "model/tokens.h"
#include "quality/agreement.h"
#include "store/project.h"
#include "store/quality.h"
#include "store/user.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/opt.h"
#include "util/suggest.h"
#include "util/table.h"
#include "util/xmalloc.h"

static const char *const agreement_usage[] = {
	"scalec agreement PROJECT [--control C] [--metric M] [--iou X]"
	" [--by-label]",
	"    [--by-user] [--json]",
	"",
	"How far the annotators agree, over the answers in force (submitted,",
	"accepted, fixed): per control, each figure with the tasks and the",
	"pairs of answers it rests on; a figure that is undefined says why.",
	"Metrics: percent, cohen, fleiss, alpha (choice, multichoice,",
	"rating: percent and alpha), f1 (spans, with alpha over tokens).",
	"See scalec-agreement(1).",
	NULL
};

/* The figures, as --metric names them. */
#define M_PERCENT	0x01
#define M_COHEN		0x02
#define M_FLEISS	0x04
#define M_ALPHA		0x08
#define M_F1		0x10
#define M_ALL		0x1f

static const struct {
	const char	*name;
	int		 bit;
} metrics[] = {
	{ "percent", M_PERCENT },
	{ "cohen", M_COHEN },
	{ "fleiss", M_FLEISS },
	{ "alpha", M_ALPHA },
	{ "f1", M_F1 },
};

struct agreement_opts {
	const char	*control;
	int		 metric;	/* M_ bits; 0: all */
	double		 iou;		/* lenient spans; 0: the default */
	int		 by_label;
	int		 by_user;
	int		 json;
};

static int
parse_metric(const char *arg, void *dst, char *err, size_t errlen)
{
	size_t	i;

	for (i = 0; i < ARRAY_SIZE(metrics); i++)
		if (strcmp(arg, metrics[i].name) == 0) {
			*(int *)dst = metrics[i].bit;
			return 0;
		}
	snprintf(err, errlen, "takes percent, cohen, fleiss, alpha or f1, not"
	    " '%s'", arg);
	return -1;
}

static int
parse_iou(const char *arg, void *dst, char *err, size_t errlen)
{
	char	*end;
	double	 v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v > 0 && v <= 1)) {
		snprintf(err, errlen, "takes a number above 0 and at most 1"
		    " (0.5), not '%s'", arg);
		return -1;
	}
	*(double *)dst = v;
	return 0;
}

#define T struct agreement_opts
static const struct opt agreement_opts[] = {
	OPT_STRING('c', "control", T, control, "C",
	    "only this control (default: every control with a figure)"),
	OPT_PARSE('m', "metric", T, metric, int, "M",
	    "only this figure: percent, cohen, fleiss, alpha or f1",
	    parse_metric),
	OPT_PARSE(0, "iou", T, iou, double, "X",
	    "spans: the least overlap (intersection over union) of a"
	    " lenient match (default 0.5)", parse_iou),
	OPT_FLAG(0, "by-label", T, by_label,
	    "the figures of each label too (choice: that label or another)"),
	OPT_FLAG(0, "by-user", T, by_user,
	    "each person against the others"),
	OPT_FLAG(0, "json", T, json, "print JSON: every figure"),
	OPT_END
};
#undef T

#define IOU_DEFAULT	0.5

/* The spans' match counts of one pair of annotators, or of one person
 * against the others. */
struct span_counts {
	struct agr_counts	 strict, lenient;
	size_t			 tasks;
	size_t			 pairs;		/* a person's: comparisons */
	size_t			 ref;		/* a pair's: its reference's
						 * coder number */
};

/* What one control's pass gathers. */
struct pass {
	const struct control	*c;
	const struct agreement_opts *o;
	struct config		*cfg;
	int			 want;		/* M_ bits */
	/* The people, numbered as they come (coder numbers), and a map
	 * from user id to number + 1. */
	int64_t			*ids;
	size_t			 ncoders, aids;
	int			*slot;
	size_t			 nslot;
	size_t			 tasks;		/* with an answer */
	size_t			 shared;	/* with two or more */
	struct agr_acc		 whole;		/* choice, rating */
	struct agr_acc		 sets;		/* multichoice: equal sets,
						 * for --by-user */
	struct agr_acc		*label;		/* per label, binary */
	/* spans */
	struct span_counts	 all;		/* micro: every pair */
	struct span_counts	*per_label;
	struct span_counts	*pair;		/* (i < j): pair_at */
	size_t			 npair;
	struct span_counts	*per_coder;	/* as the other */
	size_t			 nper;
	struct agr_acc		 tokens;
	size_t			 token_tasks;
	/* Scratch, per task. */
	int			*coder, *value;
	size_t			 acoder, avalue;
	unsigned char		*chosen;	/* k x nlabels */
	size_t			 achosen;
	struct ans_span		**spans;	/* per answer */
	size_t			*nspans, *aspans;
	size_t			 aspan_sets;
	struct agr_span		*sa, *sb;
	size_t			 asa, asb;
	struct tokens		 tok;
	size_t			 atok;		/* tok.v's */
	size_t			*at, aat;	/* spans_tokens' */
	size_t			*ans, aans;	/* spans_task's */
	struct answer		*fast;		/* answer_scan's */
	struct answer		*slow;		/* the slow path's */
	size_t			 vi;		/* the control's value's index */
	size_t			 slow_count;
};

static size_t
pair_at(size_t i, size_t j)
{
	return j * (j - 1) / 2 + i;
}

/* The coder number of user id, numbering a new one. */
static int
coder_of(struct pass *p, int64_t id)
{
	size_t	n = p->nslot;

	if (id < 0)
		id = 0;
	if ((size_t)id >= p->nslot) {
		ARRAY_GROW(p->slot, (size_t)id + 1, p->nslot);
		memset(p->slot + n, 0, (p->nslot - n) * sizeof *p->slot);
	}
	if (p->slot[id] == 0) {
		ARRAY_GROW(p->ids, p->ncoders + 1, p->aids);
		p->ids[p->ncoders++] = id;
		p->slot[id] = (int)p->ncoders;
	}
	return p->slot[id] - 1;
}

/*
 * The reading threads' part (store/quality.h's struct quality_encoder):
 * each result read by model/answer_scan.h there, beside SQLite, and
 * handed over as the control's value, struct enc_head then the chosen
 * labels (nlabels bytes) and the spans (struct enc_span each); where the
 * scan declines, the head says so and the text follows, for the slow
 * path here.
 */
struct enc_head {
	int	scanned;
	int	present;
	int	rating;
	size_t	nspans;
};

struct enc_span {
	size_t	start, end;
	int	label;
};

struct enc_state {
	const struct control	*c;
	struct answer		*fast;
	size_t			 vi;
};

static void *
enc_open(void *arg)
{
	struct pass		*p = arg;
	struct enc_state	*e = xcalloc(1, sizeof *e);

	e->c = p->c;
	e->fast = answer_new(p->cfg, NULL);
	e->vi = p->vi;
	return e;
}

static void
enc_close(void *state)
{
	struct enc_state	*e = state;

	answer_free(e->fast);
	free(e);
}

static void
enc_answer(void *state, const char *text, size_t len, struct buf *out)
{
	struct enc_state	*e = state;
	const struct ans_value	*v = &e->fast->v[e->vi];
	struct enc_head		 h;
	struct enc_span		 sp;
	size_t			 i;

	memset(&h, 0, sizeof h);
	if (!answer_scan(e->fast, text, len, e->c)) {
		buf_add(out, &h, sizeof h);
		buf_add(out, text, len);
		return;
	}
	h.scanned = 1;
	h.present = v->present;
	h.rating = v->rating;
	h.nspans = v->nspans;
	buf_add(out, &h, sizeof h);
	if (v->chosen != NULL && e->c->nlabels > 0)
		buf_add(out, v->chosen, e->c->nlabels);
	for (i = 0; i < v->nspans; i++) {
		memset(&sp, 0, sizeof sp);
		sp.start = v->spans[i].start;
		sp.end = v->spans[i].end;
		sp.label = v->spans[i].label;
		buf_add(out, &sp, sizeof sp);
	}
}

/*
 * The control's value in a result, or NULL when it has none: as the
 * reading thread's model/answer_scan.h read it (enc_answer), or where
 * that declined, by the answer model from a JSON tree (p->slow),
 * leniently.
 */
static const struct ans_value *
value_of(struct pass *p, const struct quality_answer *a)
{
	struct ans_value	*av = &p->fast->v[p->vi];
	struct enc_head		 h;
	struct enc_span		 sp;
	const char		*at = a->value + sizeof h;
	json_t			*r;
	size_t			 i;

	memcpy(&h, a->value, sizeof h);
	if (h.scanned) {
		if (!h.present)
			return NULL;
		av->present = 1;
		av->rating = h.rating;
		if (av->chosen != NULL && p->c->nlabels > 0) {
			memcpy(av->chosen, at, p->c->nlabels);
			at += p->c->nlabels;
		}
		ARRAY_GROW(av->spans, h.nspans + 1, av->aspans);
		for (i = 0; i < h.nspans; i++) {
			memcpy(&sp, at, sizeof sp);
			at += sizeof sp;
			av->spans[i].start = sp.start;
			av->spans[i].end = sp.end;
			av->spans[i].label = sp.label;
			av->spans[i].more = NULL;
		}
		av->nspans = h.nspans;
		return av;
	}
	p->slow_count++;
	if ((r = json_loadb(at, a->len - sizeof h, 0, NULL)) == NULL)
		return NULL;
	answer_load_lenient(p->slow, r);
	json_decref(r);
	av = &p->slow->v[p->vi];
	return av->present ? av : NULL;
}

/* The labels chosen in an answer into p->chosen's row i; how many, or
 * -1 when the value is none. */
static int
read_labels(struct pass *p, const struct quality_answer *a, size_t i)
{
	unsigned char		*row = p->chosen + i * p->c->nlabels;
	const struct ans_value	*v;
	int			 n;

	if ((v = value_of(p, a)) == NULL)
		return -1;
	memcpy(row, v->chosen, p->c->nlabels);
	for (i = n = 0; i < p->c->nlabels; i++)
		n += row[i] != 0;
	return n;
}

static int
read_rating(struct pass *p, const struct quality_answer *a, int *r)
{
	const struct ans_value	*v;

	if ((v = value_of(p, a)) == NULL || v->rating <= 0)
		return -1;
	*r = v->rating;
	return 0;
}

/* Answer i's spans into p->spans[i]; 0 or -1 for none. */
static int
read_spans(struct pass *p, const struct quality_answer *a, size_t i)
{
	const struct ans_value	*v;
	size_t			 j;

	if ((v = value_of(p, a)) == NULL)
		return -1;
	ARRAY_GROW(p->spans[i], v->nspans, p->aspans[i]);
	for (j = 0; j < v->nspans; j++) {
		p->spans[i][j] = v->spans[j];
		p->spans[i][j].more = NULL;
	}
	p->nspans[i] = v->nspans;
	return 0;
}

static void
grow_scratch(struct pass *p, size_t n)
{
	size_t	old = p->aspan_sets;

	ARRAY_GROW(p->coder, n, p->acoder);
	ARRAY_GROW(p->value, n, p->avalue);
	ARRAY_GROW(p->chosen, n * (p->c->nlabels + 1), p->achosen);
	if (n > p->aspan_sets) {
		p->aspan_sets = n;
		p->spans = xreallocarray(p->spans, n, sizeof *p->spans);
		p->nspans = xreallocarray(p->nspans, n, sizeof *p->nspans);
		p->aspans = xreallocarray(p->aspans, n, sizeof *p->aspans);
		memset(p->spans + old, 0, (n - old) * sizeof *p->spans);
		memset(p->aspans + old, 0, (n - old) * sizeof *p->aspans);
	}
}

static void
choices_task(struct pass *p, const struct quality_task *t)
{
	size_t	i, k = 0, l, nl = p->c->nlabels;
	int	n, *bin = p->value + t->n;

	for (i = 0; i < t->n; i++) {
		if ((n = read_labels(p, &t->v[i], k)) < 0 ||
		    (n == 0 && p->c->kind == CONTROL_CHOICE))
			continue;
		p->coder[k++] = coder_of(p, t->v[i].user_id);
	}
	p->tasks += k >= 1;
	p->shared += k >= 2;
	if (k < 2)
		return;
	/* The whole value: a choice's label; a multichoice's set of labels
	 * as one number (its first 30 labels' bits and the rest's count,
	 * for --by-user's equal sets). */
	for (i = 0; i < k; i++) {
		unsigned char	*row = p->chosen + i * nl;

		p->value[i] = 0;
		if (p->c->kind == CONTROL_CHOICE) {
			p->value[i] = (int)((unsigned char *)memchr(row, 1, nl) -
			    row);
			continue;
		}
		for (l = 0; l < nl; l++)
			if (row[l])
				p->value[i] = l < 30 ? p->value[i] | 1 << l :
				    p->value[i] + (1 << 30);
	}
	if (p->c->kind == CONTROL_CHOICE)
		agr_acc_unit(&p->whole, p->coder, p->value, k);
	else
		agr_acc_unit(&p->sets, p->coder, p->value, k);
	if (p->label == NULL)
		return;
	for (l = 0; l < nl; l++) {
		for (i = 0; i < k; i++)
			bin[i] = p->chosen[i * nl + l];
		agr_acc_unit(&p->label[l], p->coder, bin, k);
	}
}

static void
rating_task(struct pass *p, const struct quality_task *t)
{
	size_t	i, k = 0;
	int	r;

	for (i = 0; i < t->n; i++) {
		if (read_rating(p, &t->v[i], &r) == -1)
			continue;
		p->value[k] = r;
		p->coder[k++] = coder_of(p, t->v[i].user_id);
	}
	p->tasks += k >= 1;
	p->shared += k >= 2;
	agr_acc_unit(&p->whole, p->coder, p->value, k);
}

/* Answer i's spans as the agreement module has them. */
static struct agr_span *
agr_spans_of(struct pass *p, size_t i, struct agr_span **dst, size_t *alloc)
{
	size_t	j;

	ARRAY_GROW(*dst, p->nspans[i] + 1, *alloc);
	for (j = 0; j < p->nspans[i]; j++) {
		(*dst)[j].start = (int)p->spans[i][j].start;
		(*dst)[j].end = (int)p->spans[i][j].end;
		(*dst)[j].label = p->spans[i][j].label;
	}
	return *dst;
}

static void
counts_add(struct agr_counts *to, const struct agr_counts *c, int swap)
{
	to->tp += c->tp;
	to->fp += swap ? c->fn : c->fp;
	to->fn += swap ? c->fp : c->fn;
}

/* Answers i (the reference) and j of one task against each other. */
static void
spans_pair(struct pass *p, size_t i, size_t j, size_t ci, size_t cj)
{
	struct agr_counts	 s = { 0, 0, 0 }, l = { 0, 0, 0 };
	struct agr_span		*a = agr_spans_of(p, i, &p->sa, &p->asa);
	struct agr_span		*b = agr_spans_of(p, j, &p->sb, &p->asb);
	struct span_counts	*pc;
	size_t			 lab, n = p->npair, lo = ci < cj ? ci : cj;
	size_t			 hi = ci < cj ? cj : ci;
	double			 iou = p->o->iou > 0 ? p->o->iou : IOU_DEFAULT;

	agr_spans(a, p->nspans[i], b, p->nspans[j], 0, -1, &s);
	agr_spans(a, p->nspans[i], b, p->nspans[j], iou, -1, &l);
	counts_add(&p->all.strict, &s, 0);
	counts_add(&p->all.lenient, &l, 0);
	p->all.tasks++;
	if (pair_at(lo, hi) >= p->npair) {
		ARRAY_GROW(p->pair, pair_at(lo, hi) + 1, p->npair);
		memset(p->pair + n, 0, (p->npair - n) * sizeof *p->pair);
	}
	/* A task's answers come by user id, so the pair's reference is
	 * always the one who became a user first. */
	pc = &p->pair[pair_at(lo, hi)];
	counts_add(&pc->strict, &s, 0);
	counts_add(&pc->lenient, &l, 0);
	pc->ref = ci;
	pc->tasks++;
	n = p->nper;
	if (hi >= p->nper) {
		ARRAY_GROW(p->per_coder, hi + 1, p->nper);
		memset(p->per_coder + n, 0, (p->nper - n) *
		    sizeof *p->per_coder);
	}
	/* Each of the two as the other against the reference. */
	counts_add(&p->per_coder[cj].strict, &s, 0);
	counts_add(&p->per_coder[cj].lenient, &l, 0);
	counts_add(&p->per_coder[ci].strict, &s, 1);
	counts_add(&p->per_coder[ci].lenient, &l, 1);
	p->per_coder[ci].pairs++;
	p->per_coder[cj].pairs++;
	if (p->per_label == NULL)
		return;
	for (lab = 0; lab < p->c->nlabels; lab++) {
		struct agr_counts	ls = { 0, 0, 0 }, ll = { 0, 0, 0 };

		agr_spans(a, p->nspans[i], b, p->nspans[j], 0, (int)lab, &ls);
		agr_spans(a, p->nspans[i], b, p->nspans[j], iou, (int)lab,
		    &ll);
		counts_add(&p->per_label[lab].strict, &ls, 0);
		counts_add(&p->per_label[lab].lenient, &ll, 0);
	}
}

/* Alpha over the task's tokens: each token a unit, its value per person
 * the label of the span over it plus 1, or 0 outside every span. */
static void
spans_tokens(struct pass *p, const struct quality_task *t, const size_t *ans,
    size_t k)
{
	size_t	 i, j, x, *at, *same, nl = p->c->nlabels + 1, last = 0, ntok;
	int	 all;

	ARRAY_GROW(p->at, k + nl, p->aat);
	at = p->at;
	same = p->at + k;
	memset(p->at, 0, (k + nl) * sizeof *p->at);
	/* A token starting at or past every span's end is outside all of
	 * them for everyone: only counted, not kept (most of a text is). */
	for (i = 0; i < k; i++)
		for (j = 0; j < p->nspans[ans[i]]; j++)
			if (p->spans[ans[i]][j].end > last)
				last = p->spans[ans[i]][j].end;
	ntok = tokens_split_kept(&p->tok, &p->atok, t->text, t->text_len,
	    last);
	same[0] += ntok - p->tok.n;
	p->token_tasks++;
	for (x = 0; x < p->tok.n; x++) {
		const struct token	*tk = &p->tok.v[x];

		for (i = 0, all = 1; i < k; i++) {
			const struct ans_span	*s = p->spans[ans[i]];
			size_t			 n = p->nspans[ans[i]];

			/* Spans are disjoint and sorted by start. */
			while (at[i] < n && s[at[i]].end <= tk->start)
				at[i]++;
			j = at[i];
			p->value[i] = j < n && s[j].start <= tk->start ?
			    s[j].label + 1 : 0;
			all &= p->value[i] == p->value[0];
		}
		/* Most tokens are outside every span for everyone: counted
		 * per value, added at once. */
		if (all)
			same[p->value[0]]++;
		else
			agr_acc_unit(&p->tokens, p->coder, p->value, k);
	}
	for (i = 0; i < nl; i++)
		agr_acc_same(&p->tokens, (int)i, k, same[i]);
}

static void
spans_task(struct pass *p, const struct quality_task *t)
{
	size_t	i, j, k = 0, *ans;

	ARRAY_GROW(p->ans, t->n + 1, p->aans);
	ans = p->ans;
	for (i = 0; i < t->n; i++) {
		/* Sorted by start and disjoint, either way read. */
		if (read_spans(p, &t->v[i], i) == -1)
			continue;
		ans[k] = i;
		p->coder[k++] = coder_of(p, t->v[i].user_id);
	}
	p->tasks += k >= 1;
	p->shared += k >= 2;
	if (k >= 2 && (p->want & M_F1))
		for (i = 0; i < k; i++) {
			if ((size_t)p->coder[i] >= p->nper) {
				size_t	n = p->nper;

				ARRAY_GROW(p->per_coder, (size_t)p->coder[i] +
				    1, p->nper);
				memset(p->per_coder + n, 0, (p->nper - n) *
				    sizeof *p->per_coder);
			}
			p->per_coder[p->coder[i]].tasks++;
		}
	if (k >= 2 && (p->want & M_F1))
		for (i = 0; i < k; i++)
			for (j = i + 1; j < k; j++)
				spans_pair(p, ans[i], ans[j],
				    (size_t)p->coder[i], (size_t)p->coder[j]);
	if (k >= 2 && (p->want & M_ALPHA) && t->text != NULL)
		spans_tokens(p, t, ans, k);
}

static int
pass_task(const struct quality_task *t, void *arg)
{
	struct pass	*p = arg;

	grow_scratch(p, 2 * t->n + 1);
	switch (p->c->kind) {
	case CONTROL_CHOICE:
	case CONTROL_MULTICHOICE:
		choices_task(p, t);
		break;
	case CONTROL_RATING:
		rating_task(p, t);
		break;
	case CONTROL_SPANS:
		spans_task(p, t);
		break;
	default:
		break;
	}
	return 0;
}

/* The figures a kind has, as M_ bits; 0: none. */
static int
kind_metrics(enum control_kind k)
{
	switch (k) {
	case CONTROL_CHOICE:
	case CONTROL_MULTICHOICE:
		return M_PERCENT | M_COHEN | M_FLEISS | M_ALPHA;
	case CONTROL_RATING:
		return M_PERCENT | M_ALPHA;
	case CONTROL_SPANS:
		return M_F1 | M_ALPHA;
	default:
		return 0;
	}
}

static void
pass_init(struct pass *p, const struct control *c,
    const struct agreement_opts *o, struct config *cfg)
{
	size_t	l, nl = c->nlabels;

	memset(p, 0, sizeof *p);
	p->c = c;
	p->o = o;
	p->cfg = cfg;
	p->want = kind_metrics(c->kind) & (o->metric != 0 ? o->metric : M_ALL);
	p->fast = answer_new(cfg, NULL);
	p->slow = answer_new(cfg, NULL);
	while (p->fast->v[p->vi].control != c)
		p->vi++;
	agr_acc_init(&p->whole, c->kind == CONTROL_RATING ? AGR_INTERVAL :
	    AGR_NOMINAL, (int)nl);
	/* Sets compared for equality only: no categories to count. */
	agr_acc_init(&p->sets, AGR_INTERVAL, 0);
	agr_acc_init(&p->tokens, AGR_NOMINAL, (int)nl + 1);
	agr_acc_alpha_only(&p->tokens);
	if (c->kind == CONTROL_MULTICHOICE || (c->kind == CONTROL_CHOICE &&
	    o->by_label)) {
		p->label = xcalloc(nl + 1, sizeof *p->label);
		for (l = 0; l < nl; l++)
			agr_acc_init(&p->label[l], AGR_NOMINAL, 2);
	}
	if (c->kind == CONTROL_SPANS && o->by_label)
		p->per_label = xcalloc(nl + 1, sizeof *p->per_label);
}

static void
pass_release(struct pass *p)
{
	size_t	i;

	agr_acc_release(&p->whole);
	agr_acc_release(&p->sets);
	agr_acc_release(&p->tokens);
	for (i = 0; p->label != NULL && i < p->c->nlabels; i++)
		agr_acc_release(&p->label[i]);
	for (i = 0; i < p->aspan_sets; i++)
		free(p->spans[i]);
	free(p->label);
	free(p->per_label);
	free(p->pair);
	free(p->per_coder);
	free(p->ids);
	free(p->slot);
	free(p->coder);
	free(p->value);
	free(p->chosen);
	free(p->spans);
	free(p->nspans);
	free(p->aspans);
	free(p->sa);
	free(p->sb);
	tokens_release(&p->tok);
	free(p->at);
	free(p->ans);
	answer_free(p->fast);
	answer_free(p->slow);
}

/* Output: JSON objects, or lines of text. */

/* A figure: {"value", "tasks", "pairs"} or {"value": null, "undefined":
 * why, ...}; units, where it is not tasks (tokens, spans), under their
 * name. */
static json_t *
fig_json(const struct agr_result *r, size_t tasks, const char *units)
{
	json_t	*j = json_object();

	json_object_set_new(j, "value", r->defined ? json_real(r->value) :
	    json_null());
	if (!r->defined)
		json_object_set_new(j, "undefined", json_string(r->why));
	json_object_set_new(j, "tasks", json_integer((json_int_t)tasks));
	json_object_set_new(j, "pairs", json_integer((json_int_t)r->pairs));
	if (units != NULL)
		json_object_set_new(j, units, json_integer((json_int_t)
		    r->units));
	return j;
}

/* A figure in words: "0.812" or "undefined: why". */
static const char *
fig_text(const struct agr_result *r, char *buf, size_t len)
{
	if (r->defined)
		snprintf(buf, len, "%.3f", r->value);
	else
		snprintf(buf, len, "undefined: %s", r->why);
	return buf;
}

/* A value in a matrix's cell: "0.812" or "undefined". */
static const char *
fig_short(const struct agr_result *r, char *buf)
{
	if (r->defined)
		snprintf(buf, 32, "%.3f", r->value);
	else
		snprintf(buf, 32, "undefined");
	return buf;
}

static char *
count_text(size_t n)
{
	return xasprintf("%zu", n);
}

/* One row of the figures' table. */
static int
fig_row(struct table *t, const char *name, const struct agr_result *r,
    size_t tasks, const char *note)
{
	char	v[160], *nt = count_text(tasks), *np = count_text(r->pairs);
	int	rc;

	rc = table_addv(t, name, fig_text(r, v, sizeof v), nt, np, note);
	free(nt);
	free(np);
	return rc;
}

/* The user names of the coders, in coder order (the caller frees). */
static char **
coder_names(struct ctx *c, const struct pass *p)
{
	char		**names = xcalloc(p->ncoders + 1, sizeof *names);
	struct user	  u = USER_INIT;
	size_t		  i;

	for (i = 0; i < p->ncoders; i++) {
		if (store_user_get_id(c->st, p->ids[i], &u) == 1)
			names[i] = xstrdup(u.name);
		else
			names[i] = xasprintf("user %lld", (long long)p->ids[i]);
		user_release(&u);
	}
	return names;
}

static void
names_free(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Coders in name order, for the matrix and --by-user. */
static char	**sort_names;

static int
by_name(const void *a, const void *b)
{
	return strcmp(sort_names[*(const size_t *)a],
	    sort_names[*(const size_t *)b]);
}

static size_t *
name_order(char **names, size_t n)
{
	size_t	*ord = xcalloc(n + 1, sizeof *ord), i;

	for (i = 0; i < n; i++)
		ord[i] = i;
	sort_names = names;
	qsort(ord, n, sizeof *ord, by_name);
	sort_names = NULL;
	return ord;
}

/* The nominal figures of one accumulator (a choice, or one label). */
static void
nominal_json(json_t *j, const struct pass *p, const struct agr_acc *a,
    char **names, const size_t *ord)
{
	struct agr_result	r;
	size_t			raters, x, y;
	json_t			*pairs, *f;

	if (p->want & M_PERCENT) {
		agr_acc_percent(a, &r);
		json_object_set_new(j, "percent", fig_json(&r, r.units, NULL));
	}
	if (p->want & M_COHEN) {
		pairs = json_array();
		for (x = 0; x < p->ncoders; x++)
			for (y = x + 1; y < p->ncoders; y++) {
				agr_acc_cohen(a, ord[x], ord[y], &r);
				f = fig_json(&r, r.units, NULL);
				json_object_set_new(f, "a",
				    json_string(names[ord[x]]));
				json_object_set_new(f, "b",
				    json_string(names[ord[y]]));
				json_array_append_new(pairs, f);
			}
		json_object_set_new(j, "cohen", pairs);
	}
	if (p->want & M_FLEISS) {
		agr_acc_fleiss(a, &r, &raters);
		f = fig_json(&r, r.units, NULL);
		json_object_set_new(f, "raters", json_integer((json_int_t)
		    raters));
		json_object_set_new(j, "fleiss", f);
	}
	if (p->want & M_ALPHA) {
		agr_acc_alpha(a, &r);
		f = fig_json(&r, r.units, NULL);
		json_object_set_new(f, "level", json_string(a->level ==
		    AGR_NOMINAL ? "nominal" : "interval"));
		json_object_set_new(j, "alpha", f);
	}
}

static int
nominal_text(struct table *t, const struct pass *p, const struct agr_acc *a,
    const char *prefix)
{
	struct agr_result	r;
	size_t			raters;
	char			name[96], note[64];
	int			rc = 0;

	if (p->want & M_PERCENT) {
		agr_acc_percent(a, &r);
		snprintf(name, sizeof name, "%spercent agreement", prefix);
		rc |= fig_row(t, name, &r, r.units, "");
	}
	if (p->want & M_FLEISS) {
		agr_acc_fleiss(a, &r, &raters);
		snprintf(name, sizeof name, "%sFleiss' kappa", prefix);
		snprintf(note, sizeof note, raters > 0 ? "tasks with %zu"
		    " annotators" : "", raters);
		rc |= fig_row(t, name, &r, r.units, note);
	}
	if (p->want & M_ALPHA) {
		agr_acc_alpha(a, &r);
		snprintf(name, sizeof name, "%sKrippendorff's alpha", prefix);
		rc |= fig_row(t, name, &r, r.units, a->level == AGR_NOMINAL ?
		    "nominal" : "interval");
	}
	return rc;
}

/* Cohen's kappa of every pair, as a matrix of names (and the tasks each
 * value rests on, a second matrix), then the words of the undefined. */
static int
cohen_text(const struct pass *p, const struct agr_acc *a, char **names,
    const size_t *ord, const char *title)
{
	const char		**head = xcalloc(p->ncoders + 2, sizeof *head);
	const char		**cells = xcalloc(p->ncoders + 2,
				    sizeof *cells);
	char			**own = xcalloc(p->ncoders + 1, sizeof *own);
	struct agr_result	 r;
	struct table		*t;
	size_t			 x, y, m;
	int			 rc = 0;

	for (m = 0; m < 2; m++) {
		printf("\n%s%s\n", title, m == 0 ? "" : ": the tasks each"
		    " rests on");
		head[0] = "";
		for (x = 0; x < p->ncoders; x++)
			head[x + 1] = names[ord[x]];
		head[p->ncoders + 1] = NULL;
		t = table_new(head, stdout);
		for (x = 0; x < p->ncoders; x++) {
			cells[0] = names[ord[x]];
			for (y = 0; y < p->ncoders; y++) {
				agr_acc_cohen(a, ord[x], ord[y], &r);
				if (x == y)
					own[y] = xstrdup("-");
				else if (m == 1)
					own[y] = count_text(r.units);
				else
					own[y] = r.defined ? xasprintf("%.3f",
					    r.value) : xstrdup("undefined");
				cells[y + 1] = own[y];
			}
			rc |= table_add(t, cells);
			for (y = 0; y < p->ncoders; y++)
				free(own[y]);
		}
		rc |= table_end(t);
		table_free(t);
	}
	for (x = 0; x < p->ncoders; x++)
		for (y = x + 1; y < p->ncoders; y++) {
			agr_acc_cohen(a, ord[x], ord[y], &r);
			if (!r.defined) {
				struct buf	b = BUF_INIT;

				buf_printf(&b, "%s and %s: undefined: %s",
				    names[ord[x]], names[ord[y]], r.why);
				print_field(stdout, "  cohen", buf_str(&b));
				buf_release(&b);
			}
		}
	free(head);
	free(cells);
	free(own);
	return rc;
}

/* Spans: P, R and F1 of counts, strict and lenient. */
static json_t *
prf_json(const struct span_counts *sc, size_t tasks, size_t pairs)
{
	json_t			*j = json_object(), *m;
	struct agr_result	 pr, rc, f1;
	int			 i;

	for (i = 0; i < 2; i++) {
		agr_prf(i == 0 ? &sc->strict : &sc->lenient, &pr, &rc, &f1);
		pr.pairs = rc.pairs = f1.pairs = pairs;
		m = json_object();
		json_object_set_new(m, "precision", fig_json(&pr, tasks, NULL));
		json_object_set_new(m, "recall", fig_json(&rc, tasks, NULL));
		json_object_set_new(m, "f1", fig_json(&f1, tasks, NULL));
		json_object_set_new(m, "spans", json_integer((json_int_t)
		    (i == 0 ? sc->strict.tp + sc->strict.fp + sc->strict.fn :
		    sc->lenient.tp + sc->lenient.fp + sc->lenient.fn)));
		json_object_set_new(j, i == 0 ? "strict" : "lenient", m);
	}
	return j;
}

static int
prf_text(struct table *t, const char *who, const struct span_counts *sc,
    size_t tasks, size_t pairs, double iou)
{
	struct agr_result	pr, rc, f1;
	char			name[160], note[48];
	const char		*what[] = { "precision", "recall", "F1" };
	struct agr_result	*fig[] = { &pr, &rc, &f1 };
	int			 i, j, ret = 0;

	for (i = 0; i < 2; i++) {
		agr_prf(i == 0 ? &sc->strict : &sc->lenient, &pr, &rc, &f1);
		for (j = 0; j < 3; j++) {
			fig[j]->pairs = pairs;
			snprintf(name, sizeof name, "%s%s", who, what[j]);
			if (i == 0)
				snprintf(note, sizeof note, "strict");
			else
				snprintf(note, sizeof note, "lenient, IoU >="
				    " %g", iou);
			ret |= fig_row(t, name, fig[j], tasks, note);
		}
	}
	return ret;
}

/* The mean of coder x's defined Cohen's kappas with the others, with the
 * tasks and pairs it rests on. */
static void
cohen_mean(const struct pass *p, size_t x, struct agr_result *m)
{
	struct agr_result	r;
	double			sum = 0;
	size_t			y, n = 0;

	memset(m, 0, sizeof *m);
	for (y = 0; y < p->ncoders; y++) {
		if (y == x)
			continue;
		agr_acc_cohen(&p->whole, x, y, &r);
		if (!r.defined)
			continue;
		sum += r.value;
		m->units += r.units;
		n++;
	}
	m->pairs = n;
	if (n == 0) {
		m->defined = 0;
		m->why = "no pair with a defined kappa";
	} else {
		m->defined = 1;
		m->value = sum / (double)n;
	}
}

/* --by-user: each person against the others. */
static int
users_print(const struct pass *p, char **names, const size_t *ord, json_t *j)
{
	static const char *const head[] = { "ANNOTATOR", "TASKS", "PAIRS",
	    "AGREEMENT", "MEAN KAPPA", "KAPPA PAIRS", NULL };
	static const char *const span_head[] = { "ANNOTATOR", "TASKS",
	    "PAIRS", "P", "R", "F1", "LENIENT F1", NULL };
	const struct agr_acc	*a = p->c->kind == CONTROL_MULTICHOICE ?
				    &p->sets : &p->whole;
	struct agr_result	 r, m, pr, re, f1, lf;
	struct span_counts	 none, *sc;
	struct table		*t = NULL;
	json_t			*arr = json_array(), *o, *f;
	size_t			 i, x;
	char			 v[4][32], *nt, *np, *nk;
	int			 rc = 0, spans = p->c->kind == CONTROL_SPANS;

	memset(&none, 0, sizeof none);
	if (j == NULL) {
		printf("\nEach annotator against the others%s\n", spans ?
		    " (the others' spans the reference)" : "");
		t = table_new(spans ? span_head : head, stdout);
	}
	for (i = 0; i < p->ncoders; i++) {
		x = ord[i];
		if (spans) {
			sc = x < p->nper ? &p->per_coder[x] : &none;
			if (j != NULL) {
				o = prf_json(sc, sc->tasks, sc->pairs);
				json_object_set_new(o, "user",
				    json_string(names[x]));
				json_object_set_new(o, "pairs",
				    json_integer((json_int_t)sc->pairs));
				json_array_append_new(arr, o);
				continue;
			}
			agr_prf(&sc->lenient, &pr, &re, &lf);
			agr_prf(&sc->strict, &pr, &re, &f1);
			nt = count_text(sc->tasks);
			np = count_text(sc->pairs);
			rc |= table_addv(t, names[x], nt, np,
			    fig_short(&pr, v[0]), fig_short(&re, v[1]),
			    fig_short(&f1, v[2]), fig_short(&lf, v[3]));
			free(nt);
			free(np);
			continue;
		}
		agr_acc_coder(a, x, &r);
		cohen_mean(p, x, &m);
		if (j != NULL) {
			o = json_object();
			json_object_set_new(o, "user", json_string(names[x]));
			json_object_set_new(o, "agreement", fig_json(&r,
			    r.units, NULL));
			if (p->c->kind == CONTROL_CHOICE) {
				f = fig_json(&m, m.units, NULL);
				json_object_set_new(o, "cohen_mean", f);
			}
			json_array_append_new(arr, o);
			continue;
		}
		nt = count_text(r.units);
		np = count_text(r.pairs);
		nk = count_text(m.pairs);
		rc |= table_addv(t, names[x], nt, np, fig_short(&r, v[0]),
		    p->c->kind == CONTROL_CHOICE ? fig_short(&m, v[1]) : "",
		    p->c->kind == CONTROL_CHOICE ? nk : "");
		free(nt);
		free(np);
		free(nk);
	}
	if (j != NULL)
		json_object_set_new(j, "users", arr);
	else {
		json_decref(arr);
		rc |= table_end(t);
		table_free(t);
	}
	return rc;
}

/* The spans' counts of coders a and b, with *ref the pair's reference
 * and *other the other; NULL when they share no task. */
static const struct span_counts *
pair_of(const struct pass *p, size_t a, size_t b, size_t *ref,
    size_t *other)
{
	size_t	lo = a < b ? a : b, hi = a < b ? b : a;

	if (pair_at(lo, hi) >= p->npair || p->pair[pair_at(lo, hi)].tasks ==
	    0)
		return NULL;
	*ref = p->pair[pair_at(lo, hi)].ref;
	*other = *ref == lo ? hi : lo;
	return &p->pair[pair_at(lo, hi)];
}

static const char *const fig_head[] = {
	"FIGURE", "VALUE", "TASKS", "PAIRS", "NOTE", NULL
};

/* The pass's figures: into j (JSON) or printed. 0 or -1. */
static int
pass_print(struct ctx *c, struct pass *p, json_t *out)
{
	char			**names = coder_names(c, p);
	size_t			 *ord = name_order(names, p->ncoders);
	size_t			  i, l, nl = p->c->nlabels, pairs;
	struct agr_result	  r;
	struct table		 *t = NULL;
	double			  iou = p->o->iou > 0 ? p->o->iou : IOU_DEFAULT;
	json_t			 *j = out != NULL ? json_object() : NULL;
	json_t			 *arr, *o;
	char			  prefix[256];
	int			  rc = 0;

	if (j != NULL) {
		json_object_set_new(j, "control", json_string(p->c->name));
		json_object_set_new(j, "kind", json_string(control_kind_name(
		    p->c->kind)));
		json_object_set_new(j, "tasks", json_integer((json_int_t)
		    p->tasks));
		json_object_set_new(j, "shared_tasks", json_integer(
		    (json_int_t)p->shared));
		arr = json_array();
		for (i = 0; i < p->ncoders; i++)
			json_array_append_new(arr, json_string(names[ord[i]]));
		json_object_set_new(j, "annotators", arr);
	} else {
		printf("%s (%s): %zu tasks with answers, %zu with two or"
		    " more; %zu annotators\n", p->c->name,
		    control_kind_name(p->c->kind), p->tasks, p->shared,
		    p->ncoders);
		t = table_new(fig_head, stdout);
	}
	switch (p->c->kind) {
	case CONTROL_CHOICE:
	case CONTROL_RATING:
		if (j != NULL)
			nominal_json(j, p, &p->whole, names, ord);
		else
			rc |= nominal_text(t, p, &p->whole, "");
		break;
	case CONTROL_SPANS:
		pairs = p->all.tasks;
		if (p->want & M_F1) {
			if (j != NULL) {
				o = prf_json(&p->all, p->shared, pairs);
				json_object_set_new(o, "iou", json_real(iou));
				json_object_set_new(j, "spans", o);
			} else
				rc |= prf_text(t, "", &p->all, p->shared, pairs,
				    iou);
		}
		if (p->want & M_ALPHA) {
			agr_acc_alpha(&p->tokens, &r);
			if (j != NULL)
				json_object_set_new(j, "alpha", fig_json(&r,
				    p->token_tasks, "tokens"));
			else {
				char	note[64];

				snprintf(note, sizeof note, "nominal, over"
				    " %zu tokens", r.units);
				rc |= fig_row(t, "Krippendorff's alpha", &r,
				    p->token_tasks, note);
			}
		}
		break;
	default:
		break;
	}
	/* Per label: multichoice always, choice and spans with --by-label. */
	if (p->label != NULL && (p->c->kind == CONTROL_MULTICHOICE ||
	    p->o->by_label)) {
		arr = json_array();
		for (l = 0; l < nl; l++) {
			if (j != NULL) {
				o = json_object();
				json_object_set_new(o, "label", json_string(
				    p->c->labels[l].name));
				nominal_json(o, p, &p->label[l], names, ord);
				json_array_append_new(arr, o);
			} else {
				snprintf(prefix, sizeof prefix, "%s: ",
				    p->c->labels[l].name);
				rc |= nominal_text(t, p, &p->label[l], prefix);
			}
		}
		if (j != NULL)
			json_object_set_new(j, "labels", arr);
		else
			json_decref(arr);
	}
	if (p->per_label != NULL && (p->want & M_F1)) {
		arr = json_array();
		for (l = 0; l < nl; l++) {
			if (j != NULL) {
				o = prf_json(&p->per_label[l], p->shared,
				    p->all.tasks);
				json_object_set_new(o, "label", json_string(
				    p->c->labels[l].name));
				json_array_append_new(arr, o);
			} else {
				snprintf(prefix, sizeof prefix, "%s: ",
				    p->c->labels[l].name);
				rc |= prf_text(t, prefix, &p->per_label[l],
				    p->shared, p->all.tasks, iou);
			}
		}
		if (j != NULL)
			json_object_set_new(j, "labels", arr);
		else
			json_decref(arr);
	}
	/* Every pair of people. */
	if (p->c->kind == CONTROL_SPANS && (p->want & M_F1) && j != NULL) {
		size_t	x, y, lo, hi;

		arr = json_array();
		for (x = 0; x < p->ncoders; x++)
			for (y = x + 1; y < p->ncoders; y++) {
				const struct span_counts *sc;

				if ((sc = pair_of(p, ord[x], ord[y], &lo,
				    &hi)) == NULL)
					continue;
				o = prf_json(sc, sc->tasks, sc->tasks);
				json_object_set_new(o, "reference",
				    json_string(names[lo]));
				json_object_set_new(o, "other",
				    json_string(names[hi]));
				json_array_append_new(arr, o);
			}
		json_object_set_new(j, "pairs", arr);
	}
	if (t != NULL) {
		rc |= table_end(t);
		table_free(t);
		t = NULL;
	}
	if (j == NULL && (p->want & M_COHEN) && p->c->kind == CONTROL_CHOICE)
		rc |= cohen_text(p, &p->whole, names, ord, "Cohen's kappa");
	if (j == NULL && (p->want & M_COHEN) && p->label != NULL &&
	    p->o->metric == M_COHEN)
		for (l = 0; l < nl; l++) {
			snprintf(prefix, sizeof prefix, "%s: Cohen's kappa",
			    p->c->labels[l].name);
			rc |= cohen_text(p, &p->label[l], names, ord, prefix);
		}
	if (j == NULL && p->c->kind == CONTROL_SPANS && (p->want & M_F1) &&
	    p->ncoders > 1) {
		static const char *const head[] = { "REFERENCE", "OTHER",
		    "TASKS", "P", "R", "F1", "LENIENT F1", NULL };
		size_t	x, y, lo, hi;

		printf("\nEvery pair (the reference, the earlier user, against"
		    " the other)\n");
		t = table_new(head, stdout);
		for (x = 0; x < p->ncoders; x++)
			for (y = x + 1; y < p->ncoders; y++) {
				const struct span_counts *sc;
				struct agr_result	pr, re, f1, lf;
				char			v[4][32], *n;

				if ((sc = pair_of(p, ord[x], ord[y], &lo,
				    &hi)) == NULL)
					continue;
				agr_prf(&sc->lenient, &pr, &re, &lf);
				agr_prf(&sc->strict, &pr, &re, &f1);
				n = count_text(sc->tasks);
				rc |= table_addv(t, names[lo], names[hi], n,
				    fig_short(&pr, v[0]), fig_short(&re, v[1]),
				    fig_short(&f1, v[2]), fig_short(&lf, v[3]));
				free(n);
			}
		rc |= table_end(t);
		table_free(t);
		t = NULL;
	}
	if (p->o->by_user)
		rc |= users_print(p, names, ord, j);
	if (j != NULL)
		json_array_append_new(out, j);
	else
		printf("\n");
	free(ord);
	names_free(names, p->ncoders);
	return rc != 0 ? -1 : 0;
}

/* Why a control has no figure, for --control naming one. */
static int
no_figure(const struct control *ctl)
{
	return error("agreement: control '%s' is %s: no agreement figure is"
	    " defined for it (choice, multichoice, spans and rating have"
	    " them)", ctl->name, control_kind_name(ctl->kind));
}

/* The control --control names, or -1 after reporting (with the nearest
 * names). */
static int
find_control(const struct config *cfg, const char *name, const char *project)
{
	struct suggest	s;
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < cfg->ncontrols; i++)
		if (strcmp(cfg->controls[i].name, name) == 0)
			return (int)i;
	suggest_init(&s, name);
	for (i = 0; i < cfg->ncontrols; i++)
		suggest_add(&s, cfg->controls[i].name);
	buf_printf(&b, "agreement: project %s has no control '%s'", project,
	    name);
	buf_addstr(&b, " (");
	if (suggest_text(&s, &b))
		buf_addstr(&b, ")");
	else {
		buf_addstr(&b, "it has ");
		for (i = 0; i < cfg->ncontrols; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    cfg->controls[i].name);
		buf_addstr(&b, ")");
	}
	error("%s", buf_str(&b));
	suggest_release(&s);
	buf_release(&b);
	return -1;
}

static int
agreement_run(struct ctx *c, void *opts, int argc, char **argv)
{
	struct agreement_opts	*o = opts;
	const struct project	*pr = c->project;
	struct config		*cfg;
	struct pass		 p;
	struct quality_encoder	 enc = { enc_open, enc_answer, enc_close, NULL };
	json_t			*out = NULL, *top;
	size_t			 i, from = 0, to, passes = 0, answered = 0;
	int			 n, rc = EXIT_FAILURE_DATA, ret;

	(void)argc;
	(void)argv;
	if ((cfg = config_parse(pr->config, strlen(pr->config), pr->name)) ==
	    NULL)
		return EXIT_FAILURE_DATA;
	to = cfg->ncontrols;
	if (o->control != NULL) {
		if ((n = find_control(cfg, o->control, pr->name)) < 0)
			goto out;
		from = (size_t)n;
		to = from + 1;
		if (kind_metrics(cfg->controls[from].kind) == 0) {
			no_figure(&cfg->controls[from]);
			goto out;
		}
		if (o->metric != 0 &&
		    !(kind_metrics(cfg->controls[from].kind) & o->metric))
			cmd_usage_die(c, "--metric: %s controls have no such"
			    " figure (%s)", control_kind_name(
			    cfg->controls[from].kind),
			    cfg->controls[from].kind == CONTROL_SPANS ?
			    "f1, alpha" : cfg->controls[from].kind ==
			    CONTROL_RATING ? "percent, alpha" :
			    "percent, cohen, fleiss, alpha");
	}
	if (o->json)
		out = json_array();
	for (i = from; i < to; i++) {
		const struct control	*ctl = &cfg->controls[i];

		if (kind_metrics(ctl->kind) == 0 || (o->metric != 0 &&
		    !(kind_metrics(ctl->kind) & o->metric)))
			continue;
		pass_init(&p, ctl, o, cfg);
		enc.arg = &p;
		ret = store_quality_encoded(c->st, pr->id,
		    ctl->kind == CONTROL_SPANS && (p.want & M_ALPHA) ?
		    QUALITY_TEXT : 0, &enc, pass_task, &p);
		if (ret == 0 && p.tasks > 0 && pass_print(c, &p, out) == -1)
			ret = -1;
		answered += p.tasks;
		passes++;
		pass_release(&p);
		if (ret != 0)
			goto out;
	}
	if (passes == 0) {
		error("agreement: project %s has no control with an agreement"
		    " figure%s", pr->name, o->metric != 0 ? " of that --metric" :
		    "");
		goto out;
	}
	if (answered == 0) {
		error("agreement: project %s has no annotations in force%s%s:"
		    " nothing to compare", pr->name, o->control != NULL ?
		    " for control " : "", o->control != NULL ? o->control : "");
		goto out;
	}
	if (out != NULL) {
		top = json_object();
		json_object_set_new(top, "project", json_string(pr->name));
		json_object_set_new(top, "controls", out);
		out = NULL;
		json_print(top);
	}
	rc = fflush(stdout) == 0 ? 0 : EXIT_FAILURE_DATA;
out:
	json_decref(out);
	config_free(cfg);
	return rc;
}

static const struct cmd_sub agreement_sub = {
	NULL, "PROJECT", CMD_PROJECT, ACT_REVIEW, agreement_opts,
	sizeof(struct agreement_opts), NULL, agreement_run
};

const struct cmd_entry cmd_agreement_entry = {
	.name = "agreement",
	.summary = "measure how far the annotators agree (kappas, alpha,"
	    " span F1)",
	.usage = agreement_usage,
	.subs = &agreement_sub,
	.nsubs = 1,
};
