/* Positioned YAML: one document read with libyaml's document API, so that
 * every node keeps where it was written, and typed readers of its nodes
 * that report each refusal as FILE:LINE:COLUMN. The label config
 * (model/config.c) and config.yaml (cmd/ctx.c) both read through it. Every
 * scalar is text: tags are refused; so are anchors and aliases, so that a
 * small file cannot expand into a huge one; and so is nesting deeper than
 * YDOC_MAX_DEPTH, before libyaml's loader (slow on deep nesting) runs. */
#ifndef SCALEC_YAML_H
#define SCALEC_YAML_H

#include <stddef.h>

#include <yaml.h>

struct ydoc {
	yaml_document_t	 doc;
	const char	*file;		/* names it in messages; borrowed */
	int		 loaded;	/* doc holds a document to delete */
};

/* Mappings and lists inside each other: a label config needs five. */
#define YDOC_MAX_DEPTH	64

#define YDOC_INIT	{ .loaded = 0 }

/*
 * Loads the document in text (len bytes) into y (YDOC_INIT), dropping a
 * byte-order mark at the start, and sets *root to its root node: NULL
 * when the text holds no document (nothing but comments and blanks),
 * which is no fault of the YAML: the caller says what it means. A second
 * document is refused, and so are a tag, an anchor, an alias and nesting
 * deeper than YDOC_MAX_DEPTH, each at its position. 0, or -1 after reporting the parser's problem as
 * FILE:LINE:COLUMN. ydoc_release(y) either way.
 */
int	 ydoc_load(struct ydoc *y, const char *text, size_t len,
	    const char *file, const yaml_node_t **root);
void	 ydoc_release(struct ydoc *);

/* Report at the node's position, FILE:LINE:COLUMN: MESSAGE; -1. */
int	 ydoc_bad(const struct ydoc *, const yaml_node_t *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 ydoc_warn(const struct ydoc *, const yaml_node_t *, const char *,
	    ...) __attribute__((format(printf, 3, 4)));

/*
 * The typed readers: 0, or -1 after reporting at the node; what names the
 * value in messages ("a label's name"). A scalar's text is borrowed from
 * the document (a NUL in it is refused); ydoc_scalar_dup frees *out and
 * sets it to a copy. A boolean is true, yes or on, or false, no or off, in
 * any case. A number is a whole number from min to max, digits only.
 */
int	 ydoc_scalar(const struct ydoc *, const yaml_node_t *,
	    const char *what, const char **s);
int	 ydoc_scalar_dup(const struct ydoc *, const yaml_node_t *,
	    const char *what, char **out);
int	 ydoc_boolean(const struct ydoc *, const yaml_node_t *,
	    const char *what, int *v);
int	 ydoc_number(const struct ydoc *, const yaml_node_t *,
	    const char *what, int min, int max, int *v);

/*
 * Walks a mapping: for each pair, finds its key among keys[] and hands the
 * key's index and the value to fn. A key given twice is refused, and so is
 * one not among keys[], naming them, unless unknown is given: it is then
 * told of the key (its node and its text, the value left unread) and
 * returns 0 to go on or -1. The walk stops at the first -1.
 */
typedef int (*ydoc_field_fn)(struct ydoc *, int idx,
    const yaml_node_t *value, void *arg);
typedef int (*ydoc_unknown_fn)(struct ydoc *, const yaml_node_t *key,
    const char *name, void *arg);
int	 ydoc_mapping(struct ydoc *, const yaml_node_t *, const char *what,
	    const char *const *keys, size_t nkeys, ydoc_field_fn,
	    ydoc_unknown_fn unknown, void *arg);
/* Walks a mapping whose keys are the caller's to know (any text, each
 * once), handing fn each key's node and text and the value; stops at the
 * first -1. */
typedef int (*ydoc_pair_fn)(struct ydoc *, const yaml_node_t *key,
    const char *name, const yaml_node_t *value, void *arg);
int	 ydoc_pairs(struct ydoc *, const yaml_node_t *, const char *what,
	    ydoc_pair_fn, void *arg);
/* Walks a list, handing each item to fn; stops at the first -1. */
typedef int (*ydoc_item_fn)(struct ydoc *, const yaml_node_t *item,
    void *arg);
int	 ydoc_sequence(struct ydoc *, const yaml_node_t *, const char *what,
	    ydoc_item_fn, void *arg);

#endif
