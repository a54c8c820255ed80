/* Reading keys: mappings (see keybind.h): the text of each request and
 * key and where each was written; what they mean is the screens'. */
#include <stdlib.h>
#include <string.h>

#include "model/keybind.h"
#include "util/xmalloc.h"

void
keybinds_add(struct keybinds *b, const struct keybind *from)
{
	struct keybind	*k;

	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	k = &b->v[b->n++];
	*k = *from;
	k->request = xstrdup(from->request);
	k->key = xstrdup(from->key);
}

static int
pair(struct ydoc *y, const yaml_node_t *k, const char *name,
    const yaml_node_t *v, void *arg)
{
	struct keybinds	*out = arg;
	struct keybind	 b;
	const char	*key;

	if (ydoc_scalar(y, v, "a key", &key) == -1)
		return -1;
	b.request = (char *)name;
	b.key = (char *)key;
	b.line = (unsigned)v->start_mark.line + 1;
	b.col = (unsigned)v->start_mark.column + 1;
	b.name_line = (unsigned)k->start_mark.line + 1;
	b.name_col = (unsigned)k->start_mark.column + 1;
	keybinds_add(out, &b);
	return 0;
}

int
keybinds_parse(struct ydoc *y, const yaml_node_t *n, struct keybinds *out)
{
	return ydoc_pairs(y, n, "keys", pair, out);
}

void
keybinds_release(struct keybinds *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].request);
		free(b->v[i].key);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}
