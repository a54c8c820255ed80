/* What a control kind does with its values: the functions behind each row
 * of model/kind.c, one file per kind (model/kind_<name>.c), and the
 * helpers they share (model/answer.c). Only src/model/ includes this. */
#ifndef SCALEC_KIND_OPS_H
#define SCALEC_KIND_OPS_H

#include <stddef.h>

#include <jansson.h>

#include "model/answer.h"
#include "model/kind.h"

/* One value being loaded. */
struct ans_load {
	const struct control	*control;
	struct answer_task	*task;		/* NULL: nothing to bound by */
	int			 flags;		/* ANSWER_ALLOW_RETIRED */
	int			 lenient;	/* leave out what does not fit */
	size_t			 dropped;	/* lenient: parts left out */
	char			*err;		/* strict: what is wrong */
	size_t			 errlen;
};

/* ld->flags beside answer.h's ANSWER_*: a check (answer_check_in), which
 * keeps no item's other keys (ans_more): nothing reads them after it. */
#define ANS_CHECK_ONLY	0x100

struct kind_ops {
	/* Loads v into val (empty before): 0, or -1 after ans_fail when
	 * strict. Lenient, a bad part is left out (ans_fail counts it). */
	int	 (*load)(struct ans_load *, struct ans_value *, json_t *v);
	/* The value as JSON, a new reference; it has something in it. */
	json_t	*(*emit)(const struct ans_value *);
	/* 1 when the two say the same. */
	int	 (*equal)(const struct ans_value *, const struct ans_value *);
	/* 1 when there is nothing in it. */
	int	 (*empty)(const struct ans_value *);
	/* Empties it, keeping its buffers. */
	void	 (*clear)(struct ans_value *);
	/* Calls fn for each label the value uses (a label may come twice). */
	void	 (*labels)(const struct ans_value *,
		    void (*fn)(int label, void *), void *arg);
};

#define KIND_EXTERN_(id, name, flags, ops, keys, hint) \
	extern const struct kind_ops kind_##ops##_ops;
CONTROL_KINDS(KIND_EXTERN_, )
#undef KIND_EXTERN_

/* The functions of kind k. */
const struct kind_ops	*control_kind_ops(enum control_kind);

/*
 * A problem with the value being loaded, printf-style; returns -1. Strict:
 * writes "\"CONTROL\": WHAT" into the error. Lenient: counts a part left
 * out. So a kind's load says `if (bad) { ans_fail(...); if (!lenient)
 * return -1; skip the part }`, which BAD() spells shorter.
 */
int	 ans_fail(struct ans_load *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
#define BAD(ld, ...)	(ans_fail((ld), __VA_ARGS__), !(ld)->lenient)
/* The index of label v (a string) in the control; -1 after ans_fail when
 * it is not one (or retired, unless allowed). item is "" or "span 3: ". */
int	 ans_label(struct ans_load *, const json_t *v, const char *item);
/* ans_label with item "what n: " (as "span 3: "), written only for a
 * message: a load reads many items, nearly all of them good. */
int	 ans_label_at(struct ans_load *, const json_t *v, const char *what,
	    size_t n);
/* A whole number from a JSON integer (or a real like 3.0): 0, or -1. */
int	 ans_whole(const json_t *v, long long *out);
/* The keys of item other than own (NULL-terminated), as a new object, or
 * NULL when there are none. */
json_t	*ans_more(json_t *item, const char *const *own);
/* A number for JSON: an integer when it is whole. */
json_t	*ans_number(double);
/* Appends more's keys to o that o does not have. */
void	 ans_add_more(json_t *o, const json_t *more);
/* 1 when two items' other keys are the same (NULL is none). */
int	 ans_more_equal(const json_t *, const json_t *);
/* A coordinate: a finite number, not below 0, and inside [0, limit] when
 * limit is known (above 0). 0, or -1 after ans_fail naming item and
 * what. */
int	 ans_coord(struct ans_load *, const json_t *v, const char *item,
	    const char *what, int limit, double *out);
/* The label of the item, for emitting. */
json_t	*ans_label_json(const struct ans_value *, int label);

#endif
