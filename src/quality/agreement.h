/* Agreement between annotators: the figures of 'scalec agreement', over
 * plain arrays (the command builds them from the typed answers), with no
 * SQL and no drawing here. Each figure says how many units and pairs it
 * rests on, and a figure that is undefined (one annotator, one category
 * only) says why instead of being NaN. */
#ifndef SCALEC_AGREEMENT_H
#define SCALEC_AGREEMENT_H

#include <stddef.h>

/* A missing value in a reliability matrix: that coder did not label
 * that unit. */
#define AGR_MISSING	(-1)

struct agr_result {
	double		 value;		/* when defined */
	int		 defined;	/* 0: why says why */
	const char	*why;
	size_t		 units;		/* units (tasks) it rests on */
	size_t		 pairs;		/* pairs of values compared */
};

/*
 * A reliability matrix: units rows of coders values each (row-major),
 * AGR_MISSING where a coder gave none. For nominal data the values are
 * category numbers (any non-negative int); for interval data, the
 * numbers themselves.
 */
struct agr_matrix {
	const int	*v;
	size_t		 units, coders;
};

enum agr_level {
	AGR_NOMINAL,	/* equal or not */
	AGR_INTERVAL	/* the squared difference */
};

/* Percent agreement: over the units with two values or more, the mean
 * share of pairs of values (of different coders) that are equal. */
void	agr_percent(const struct agr_matrix *, struct agr_result *);
/* Cohen's kappa between coders a and b of the matrix, over the units
 * both labelled (as sklearn's cohen_kappa_score, unweighted). */
void	agr_cohen(const struct agr_matrix *, size_t a, size_t b,
	    struct agr_result *);
/* Fleiss' kappa (Fleiss 1971) over the units labelled by the most common
 * number of coders (two or more); the others are left out, and units
 * says how many remained. Equals statsmodels' fleiss_kappa on them. */
void	agr_fleiss(const struct agr_matrix *, struct agr_result *);
/* Krippendorff's alpha (Krippendorff 2011), missing values allowed: a
 * unit with fewer than two values is not pairable and counts nowhere. */
void	agr_alpha(const struct agr_matrix *, enum agr_level,
	    struct agr_result *);

/* A span: characters [start, end) with a label number. */
struct agr_span {
	int	start, end;
	int	label;
};

/* Span matches between a reference and another annotator's spans,
 * summed over tasks: precision tp / (tp + fp), recall tp / (tp + fn). */
struct agr_counts {
	size_t	tp, fp, fn;
};

/*
 * Adds the matches of b against a (one task's spans of two annotators)
 * to c. Strict (iou_min <= 0): the same start, end and label. Lenient:
 * the same label and overlapping with an intersection over union of the
 * two character ranges at least iou_min; each span matches one span at
 * most, the best overlaps first. label >= 0 counts only that label's
 * spans; -1 all of them.
 */
void	agr_spans(const struct agr_span *a, size_t na,
	    const struct agr_span *b, size_t nb, double iou_min, int label,
	    struct agr_counts *c);
/* Precision, recall and F1 of c; each undefined (0, why set) where its
 * denominator is 0. */
void	agr_prf(const struct agr_counts *c, struct agr_result *p,
	    struct agr_result *r, struct agr_result *f1);

/*
 * The same figures from one pass over the units, without the matrix: a
 * project's tasks are streamed from the store one at a time, and a
 * matrix of a million tasks by every person who ever labelled would not
 * fit. agr_acc_unit takes one unit's values: k coders (numbers from 0,
 * each once) and their values (categories 0 .. ncat - 1 for nominal
 * data, the numbers themselves for interval). Each figure equals the
 * matrix function's over the same units (check_agreement compares
 * them). Cohen's kappa and the pairs' tables are kept for nominal data
 * only.
 */
struct agr_fk;
struct agr_coder {
	size_t	units;		/* units shared with another coder */
	size_t	pairs;		/* pairs with the others' values */
	size_t	agree;		/* of which equal */
};

struct agr_acc {
	enum agr_level	 level;
	int		 ncat;
	size_t		 coders;	/* the highest coder seen, plus 1 */
	double		 pct;		/* percent: the sum of unit shares */
	size_t		 pct_units, pct_pairs;
	double		 d_o, s1, s2;	/* alpha's sums */
	size_t		*cat;		/* nominal: values per category */
	size_t		 nall, a_units, a_pairs;
	struct agr_fk	*fk;		/* Fleiss: per number of raters */
	size_t		 nfk;
	size_t		**pair;		/* Cohen: ncat x ncat per pair */
	size_t		 npair;
	struct agr_coder *per;		/* per coder */
	size_t		 nper;
	int		*tmp;		/* a unit's values, sorted */
	size_t		 ntmp;
	int		 alpha_only;	/* agr_acc_alpha_only */
};

void	agr_acc_init(struct agr_acc *, enum agr_level, int ncat);
void	agr_acc_release(struct agr_acc *);
/* One unit: coder[i] gave value[i], i < k. A unit with fewer than two
 * values counts nowhere. */
void	agr_acc_unit(struct agr_acc *, const int *coder, const int *value,
	    size_t k);
/* Keeps alpha's and percent's sums only (no pairs, no coders, no
 * Fleiss): for units counted by the million (tokens). */
void	agr_acc_alpha_only(struct agr_acc *);
/* n units in each of which k coders gave one and the same value (which
 * coders does not matter to alpha and percent): as n agr_acc_unit
 * calls, for an accumulator that keeps alpha and percent only. */
void	agr_acc_same(struct agr_acc *, int value, size_t k, size_t n);
void	agr_acc_percent(const struct agr_acc *, struct agr_result *);
/* Cohen's kappa of coders a and b (nominal only). */
void	agr_acc_cohen(const struct agr_acc *, size_t a, size_t b,
	    struct agr_result *);
/* Fleiss' kappa over the units with the most common number of raters,
 * that number in *raters (0 when there is none). Nominal only. */
void	agr_acc_fleiss(const struct agr_acc *, struct agr_result *,
	    size_t *raters);
void	agr_acc_alpha(const struct agr_acc *, struct agr_result *);
/* Coder c against the others: the share of the pairs of their value with
 * another coder's in the same unit that are equal. */
void	agr_acc_coder(const struct agr_acc *, size_t c, struct agr_result *);

#endif
