/* Keys a person or a project chooses: "keys:" in config.yaml and in a
 * label config, a mapping from the screens' requests (named as in the
 * key table, tui/keymap.h's REQ_LIST: skip, next_token, ...) to keys ("S",
 * "Enter"). The model keeps them as written with where they were written;
 * the screens know the requests, so they refuse an unknown name, a key
 * that is not one, or two requests on one key, at FILE:LINE:COLUMN
 * (keymap_configure). */
#ifndef SCALEC_KEYBIND_H
#define SCALEC_KEYBIND_H

#include <stddef.h>

#include "model/yaml.h"

struct keybind {
	char		*request;	/* as written: "skip" */
	char		*key;		/* as written: "S", "Enter" */
	unsigned	 line, col;	/* where the key was written */
	unsigned	 name_line;	/* and the request's name */
	unsigned	 name_col;
};

struct keybinds {
	struct keybind	*v;
	size_t		 n;
};
#define KEYBINDS_INIT	{ NULL, 0 }

/* Reads a keys: mapping (every name and key text, each name once) into
 * out, appending. 0, or -1 after reporting at the node. */
int	 keybinds_parse(struct ydoc *, const yaml_node_t *,
	    struct keybinds *out);
/* Appends a copy of one binding (positions too). */
void	 keybinds_add(struct keybinds *, const struct keybind *);
void	 keybinds_release(struct keybinds *);

#endif
