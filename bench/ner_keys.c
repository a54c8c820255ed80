/* bench/ner_keys DEMO GOLD [WITHOUT]: the fewest keys that mark each entity of GOLD
 * on the labeler, counted from the task's opening up to and including the
 * label's key (Enter not counted), found by a breadth-first search over
 * the real labeler (the library's labeler_key, not a model of it).
 *
 * DEMO is a JSONL file of tasks ({"id", "text"}); GOLD has one entity a
 * line, "ID<TAB>TEXT<TAB>LABEL" (the entity's first occurrence in the
 * task's text). The project is the ner preset with PER, ORG and LOC (keys
 * 1, 2 and 3) and no suggestion, as a person meets a sentence with nothing
 * marked yet; the text area is 78 x 18, as at 80 x 24.
 *
 * From the opening, every sequence of keys is tried in order of length
 * (the keys: every letter in either case, which t's hints use, and l, h,
 * w, b, L, H, v, Home, End, t among them; the label's key ends a
 * sequence); sequences that leave the labeler in a state seen before
 * (cursor, selection, hints) are not grown further. The first that leaves
 * exactly the entity as the one span is the cheapest. For each entity it
 * prints "ID<TAB>LABEL<TAB>START<TAB>END<TAB>COST<TAB>KEYS" (offsets in
 * code points; KEYS as a key script), which bench/ner_keys.sh replays
 * through 'scalec annotate --keys' and checks in the export.
 *
 * WITHOUT lists letters the search may not type (tbwLH: the keys before
 * the hint jumps, for the figure to compare with; the search key /, which
 * a person could also use then, is never typed, so that figure is an
 * upper bound).
 *
 * Built by 'make bench/ner_keys' (bench/ner_keys.sh does it). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/config.h"
#include "tui/keymap.h"
#include "tui/labeler.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define DEPTH_MAX	8	/* keys a sequence may take */
#define SEQS_MAX	200000	/* sequences kept per depth */

struct seq {
	int	keys[DEPTH_MAX];
	int	n;
};

/* The keys tried: the letters (hints and movement), and the rest. */
static int	alphabet[80];
static int	nalphabet;

static void
alphabet_init(const char *without)
{
	int	c;

	for (c = 'a'; c <= 'z'; c++)
		if (strchr(without, c) == NULL)
			alphabet[nalphabet++] = c;
	for (c = 'A'; c <= 'Z'; c++)
		if (strchr(without, c) == NULL)
			alphabet[nalphabet++] = c;
	alphabet[nalphabet++] = K_SPACE;
	alphabet[nalphabet++] = K_HOME;
	alphabet[nalphabet++] = K_END;
	alphabet[nalphabet++] = K_ESC;
}

/* A labeler on text after the keys of s. */
static struct labeler *
replay(const struct config *cfg, const char *text, const struct seq *s)
{
	struct lb_task	 task = { text, strlen(text), NULL, 0, 0 };
	struct labeler	*lb = labeler_new(cfg, &task, NULL, 0);
	int		 i;

	labeler_set_view(lb, 78, 18);
	for (i = 0; i < s->n; i++)
		labeler_key(lb, s->keys[i]);
	return lb;
}

/* A labeler's state as far as the next keys care. */
static unsigned long
state_of(const struct labeler *lb)
{
	return ((unsigned long)lb->cursor * 1024 + (lb->anchored ?
	    lb->anchor + 1 : 0)) * 64 + (unsigned long)(lb->hinting ?
	    1 + (lb->hint_prefix != '\0' ? lb->hint_prefix - 'a' + 1 : 0) :
	    0);
}

/* 1 when the result is the one span start..end with label. */
static int
is_goal(const struct labeler *lb, size_t start, size_t end,
    const char *label)
{
	json_t	*r = labeler_result(lb), *sp;
	int	 ok;

	sp = json_array_get(json_object_get(r, "entities"), 0);
	ok = json_array_size(json_object_get(r, "entities")) == 1 &&
	    json_integer_value(json_object_get(sp, "start")) ==
	    (json_int_t)start &&
	    json_integer_value(json_object_get(sp, "end")) ==
	    (json_int_t)end &&
	    strcmp(json_string_value(json_object_get(sp, "label")), label) ==
	    0;
	json_decref(r);
	return ok;
}

static int
seen_add(unsigned long **seen, size_t *n, size_t *alloc, unsigned long st)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if ((*seen)[i] == st)
			return 0;
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 256;
		*seen = xreallocarray(*seen, *alloc, sizeof **seen);
	}
	(*seen)[(*n)++] = st;
	return 1;
}

/* The cheapest sequence for the entity, in *best; its length, or -1. */
static int
cheapest(const struct config *cfg, const char *text, size_t start,
    size_t end, const char *label, int label_key, struct seq *best)
{
	struct seq	*cur = xcalloc(SEQS_MAX, sizeof *cur);
	struct seq	*next = xcalloc(SEQS_MAX, sizeof *next);
	struct seq	*tmp, s;
	struct labeler	*lb;
	unsigned long	*seen = NULL;
	size_t		 ncur = 1, nnext, nseen = 0, aseen = 0, i;
	int		 depth, k, found = -1;

	cur[0].n = 0;
	lb = replay(cfg, text, &cur[0]);
	seen_add(&seen, &nseen, &aseen, state_of(lb));
	labeler_free(lb);
	for (depth = 0; depth < DEPTH_MAX && found < 0; depth++) {
		/* Does the label's key end one of these? */
		for (i = 0; i < ncur && found < 0; i++) {
			s = cur[i];
			s.keys[s.n++] = label_key;
			lb = replay(cfg, text, &s);
			if (is_goal(lb, start, end, label)) {
				*best = s;
				found = s.n;
			}
			labeler_free(lb);
		}
		if (found >= 0 || depth + 2 > DEPTH_MAX)
			break;
		/* Grow the others by one key, new states only. */
		nnext = 0;
		for (i = 0; i < ncur; i++)
			for (k = 0; k < nalphabet && nnext < SEQS_MAX; k++) {
				s = cur[i];
				s.keys[s.n++] = alphabet[k];
				lb = replay(cfg, text, &s);
				if (seen_add(&seen, &nseen, &aseen,
				    state_of(lb)))
					next[nnext++] = s;
				labeler_free(lb);
			}
		tmp = cur;
		cur = next;
		next = tmp;
		ncur = nnext;
	}
	free(cur);
	free(next);
	free(seen);
	return found;
}

/* The key script's name of a key. */
static void
print_key(int key)
{
	const char	*name = keymap_key_name(key);

	printf(" %s", name);
}

int
main(int argc, char **argv)
{
	FILE		*f, *g;
	json_error_t	 err;
	json_t		*tasks, *t;
	struct config	*cfg;
	struct seq	 best;
	char		 line[1024], *id, *ent, *label, *nl;
	const char	*text, *at;
	size_t		 i, start, end;
	int		 cost, key;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: ner_keys DEMO.jsonl GOLD.tsv"
		    " [WITHOUT]\n");
		return 2;
	}
	/* Letters are iswalnum's: a UTF-8 locale, as scalec's main sets. */
	if (setlocale(LC_ALL, "") == NULL || setlocale(LC_CTYPE,
	    "C.UTF-8") == NULL) {
		fprintf(stderr, "ner_keys: no C.UTF-8 locale\n");
		return 1;
	}
	alphabet_init(argc == 4 ? argv[3] : "");
	/* JSONL: one task a line. */
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	tasks = json_array();
	while (fgets(line, sizeof line, f) != NULL)
		if ((t = json_loads(line, 0, &err)) != NULL)
			json_array_append_new(tasks, t);
	fclose(f);
	if ((g = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	cfg = config_preset("ner", "PER,ORG,LOC", 0);
	while (fgets(line, sizeof line, g) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		id = strtok(line, "\t");
		ent = strtok(NULL, "\t");
		label = strtok(NULL, "\t");
		if (id == NULL || ent == NULL || label == NULL) {
			fprintf(stderr, "%s: a line is ID, TEXT and LABEL"
			    " apart by tabs\n", argv[2]);
			return 1;
		}
		text = NULL;
		for (i = 0; i < json_array_size(tasks); i++) {
			t = json_array_get(tasks, i);
			if (strcmp(json_string_value(json_object_get(t, "id")),
			    id) == 0)
				text = json_string_value(json_object_get(t,
				    "text"));
		}
		if (text == NULL || (at = strstr(text, ent)) == NULL) {
			fprintf(stderr, "%s: no \"%s\" in task %s\n", argv[2],
			    ent, id);
			return 1;
		}
		start = utf8_count(text, (size_t)(at - text));
		end = start + utf8_count(ent, strlen(ent));
		key = strcmp(label, "PER") == 0 ? '1' :
		    strcmp(label, "ORG") == 0 ? '2' : '3';
		if ((cost = cheapest(cfg, text, start, end, label, key,
		    &best)) < 0) {
			fprintf(stderr, "no sequence of %d keys or fewer marks"
			    " \"%s\" in %s\n", DEPTH_MAX, ent, id);
			return 1;
		}
		printf("%s\t%s\t%zu\t%zu\t%d\t", id, label, start, end, cost);
		for (i = 0; i < (size_t)best.n; i++)
			print_key(best.keys[i]);
		printf("\t%s\n", ent);
	}
	fclose(g);
	config_free(cfg);
	json_decref(tasks);
	return 0;
}
