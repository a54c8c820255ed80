/* libFuzzer target for positioned YAML (model/yaml.c), the reader of the
 * label config and of config.yaml, with deep nesting in mind: any bytes,
 * as a document. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_yaml -max_total_time=60 -timeout=2 corpus
 * (seeds: the .yaml files of tests/fuzz/seeds, nested to the limit and
 * past it).
 * Whatever loads is at most YDOC_MAX_DEPTH deep, holds no alias, anchor
 * or tag, and every node is reached once by walking it; a refusal always
 * says why, and comes before libyaml's loader has to build a deep tree
 * (-timeout catches one that does not). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/yaml.h"
#include "util/error.h"

#include "refusal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Walks the tree under n at depth (n itself at depth + 1), marking each
 * node in seen; aborts on a node reached twice or too deep. */
static void
walk(struct ydoc *y, const yaml_node_t *n, int depth, unsigned char *seen)
{
	const yaml_node_pair_t	*p;
	const yaml_node_item_t	*it;
	size_t			 i = (size_t)(n - y->doc.nodes.start);

	if (seen[i]++)
		abort();	/* an alias got through */
	if (n->tag == NULL || strcmp((const char *)n->tag,
	    n->type == YAML_SCALAR_NODE ? YAML_DEFAULT_SCALAR_TAG :
	    n->type == YAML_SEQUENCE_NODE ? YAML_DEFAULT_SEQUENCE_TAG :
	    YAML_DEFAULT_MAPPING_TAG) != 0)
		abort();	/* a tag got through: only the defaults */
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return;
	case YAML_SEQUENCE_NODE:
		if (depth + 1 > YDOC_MAX_DEPTH)
			abort();
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++)
			walk(y, yaml_document_get_node(&y->doc, *it),
			    depth + 1, seen);
		return;
	case YAML_MAPPING_NODE:
		if (depth + 1 > YDOC_MAX_DEPTH)
			abort();
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			walk(y, yaml_document_get_node(&y->doc, p->key),
			    depth + 1, seen);
			walk(y, yaml_document_get_node(&y->doc, p->value),
			    depth + 1, seen);
		}
		return;
	default:
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ydoc		 y = YDOC_INIT;
	const yaml_node_t	*root;
	unsigned char		*seen;
	size_t			 nnodes;

	refusal_start();
	if (ydoc_load(&y, (const char *)data, len, "fuzz", &root) == -1) {
		if (!refusal_said)
			abort();	/* a refusal says why */
		ydoc_release(&y);
		return 0;
	}
	if (root != NULL) {
		nnodes = (size_t)(y.doc.nodes.top - y.doc.nodes.start);
		if ((seen = calloc(nnodes, 1)) == NULL)
			abort();
		walk(&y, root, 0, seen);
		free(seen);
	}
	ydoc_release(&y);
	return 0;
}
