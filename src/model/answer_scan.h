/* One control's value read straight from its JSON text, without a
 * jansson tree: the quality figures read millions of stored values (one
 * per annotation), and a tree each was most of their time. These read
 * the shapes answer_emit writes (model/answer.h) and nothing more: a
 * value of any other shape, or a label the control does not have, is
 * -1, and the caller loads it the slow way (answer_load_lenient), so
 * they can only be faster, never differently right. Retired labels are
 * the control's labels too. */
#ifndef SCALEC_ANSWER_SCAN_H
#define SCALEC_ANSWER_SCAN_H

#include <stddef.h>

struct control;
struct ans_span;

/* The value of the result's (an object's) member key: 1 with *v at
 * its first byte and *vlen the bytes from there to the result's end
 * (the readers below stop at the value's end), 0 when the result has
 * no such member, -1 when the text is no object this reads. The
 * readers take a value alone too. */
int	ans_scan_member(const char *s, size_t len, const char *key,
	    const char **v, size_t *vlen);
/* A choice or multichoice value, a list of label names (or one bare
 * name): chosen[i] (the control's nlabels) set to 1 for each label
 * named, the others 0. The number named, or -1. */
int	ans_scan_labels(const struct control *, const char *s, size_t len,
	    unsigned char *chosen);
/* A rating, a whole number: *v. 0 or -1. */
int	ans_scan_rating(const char *s, size_t len, int *v);
/* A list of spans [{"start", "end", "label", ...}]: into (*v)[0..*n),
 * grown as ARRAY_GROW does, more NULL, in the order written. 0 or -1. */
int	ans_scan_spans(const struct control *, const char *s, size_t len,
	    struct ans_span **v, size_t *n, size_t *alloc);

#endif
