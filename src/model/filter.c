/* What a task filter expression means (see filter.h). A meta test's KEY
 * becomes a JSON path in the store, $."KEY", which cannot hold a '"':
 * such a key is refused here rather than quoted there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/filter.h"
#include "util/xmalloc.h"

#define META_PREFIX	"meta."

void
task_filter_release(struct task_filter *f)
{
	free(f->text);
	free(f->meta_key);
	free(f->meta_value);
	free(f->expr);
	*f = (struct task_filter)TASK_FILTER_INIT;
}

int
task_filter_parse(const char *expr, struct task_filter *f, char *err,
    size_t errlen)
{
	const char	*key, *eq;

	task_filter_release(f);
	if (expr[0] == '\0') {
		snprintf(err, errlen, "an empty filter matches every task:"
		    " give a text to find, or meta.KEY=VALUE");
		return -1;
	}
	if (strncmp(expr, META_PREFIX, strlen(META_PREFIX)) != 0) {
		f->text = xstrdup(expr);
		f->expr = xstrdup(expr);
		return 0;
	}
	key = expr + strlen(META_PREFIX);
	if ((eq = strchr(key, '=')) == NULL || eq == key) {
		snprintf(err, errlen, "'%s' is not a meta test: write"
		    " meta.KEY=VALUE", expr);
		return -1;
	}
	if (memchr(key, '"', (size_t)(eq - key)) != NULL) {
		snprintf(err, errlen, "meta key '%.*s' holds a '\"', which a"
		    " filter cannot name", (int)(eq - key), key);
		return -1;
	}
	f->meta_key = xstrndup(key, (size_t)(eq - key));
	f->meta_value = xstrdup(eq + 1);
	f->expr = xstrdup(expr);
	return 0;
}
