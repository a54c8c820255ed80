/* Entity tags per token (see tags.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "formats/format.h"
#include "formats/tags.h"
#include "model/answer.h"
#include "model/config.h"
#include "model/tokens.h"
#include "util/error.h"
#include "util/xmalloc.h"

static const char *const scheme_names[] = {
	[SCHEME_DEFAULT] = "default",
	[SCHEME_IOB1] = "iob1",
	[SCHEME_IOB2] = "iob2",
	[SCHEME_BIOES] = "bioes",
	[SCHEME_BILUO] = "biluo",
};

const char *
tag_scheme_name(enum tag_scheme s)
{
	return scheme_names[s];
}

int
tag_scheme_parse(const char *name, enum tag_scheme *s, char *err,
    size_t errlen)
{
	size_t	i;

	for (i = SCHEME_IOB1; i <= SCHEME_BILUO; i++)
		if (strcmp(name, scheme_names[i]) == 0) {
			*s = (enum tag_scheme)i;
			return 0;
		}
	snprintf(err, errlen, "'%s' is none of iob1, iob2, bioes and biluo",
	    name);
	return -1;
}

void
tags_init(struct tag_reader *tr, enum tag_scheme s, tag_emit_fn emit,
    void *arg)
{
	memset(tr, 0, sizeof *tr);
	tr->scheme = s;
	tr->emit = emit;
	tr->arg = arg;
}

void
tags_release(struct tag_reader *tr)
{
	buf_release(&tr->label);
}

/* Ends the open entity at token last. */
static void
close_open(struct tag_reader *tr, size_t last)
{
	if (!tr->open)
		return;
	tr->emit(tr->arg, tr->first, last, buf_str(&tr->label),
	    tr->label.len);
	tr->open = tr->closing = 0;
}

static void
open_new(struct tag_reader *tr, size_t i, const char *label, size_t len,
    int closing)
{
	tr->open = 1;
	tr->closing = closing;
	tr->first = i;
	buf_reset(&tr->label);
	buf_add(&tr->label, label, len);
}

/* An open entity that had to end with E-/L- and did not. */
static int
unclosed(const struct tag_reader *tr, const char **why)
{
	if (!tr->open || !tr->closing)
		return 0;
	*why = tr->scheme == SCHEME_BIOES ? "the entity before it has no"
	    " E- (bioes ends every entity of more than one token with E-)" :
	    "the entity before it has no L- (biluo ends every entity of"
	    " more than one token with L-)";
	return -1;
}

/* Whether letter c belongs to the scheme (or, sniffing, fits what the
 * file used so far). */
static int
letter_ok(struct tag_reader *tr, char c, const char **why)
{
	const char	*own;
	int		 family;

	switch (tr->scheme) {
	case SCHEME_IOB1:
	case SCHEME_IOB2:
		own = "BI";
		break;
	case SCHEME_BIOES:
		own = "BIES";
		break;
	case SCHEME_BILUO:
		own = "BILU";
		break;
	default:
		if (strchr("BIELSU", c) == NULL)
			goto bad;
		family = c == 'E' || c == 'S' ? 'E' : c == 'L' || c == 'U' ?
		    'L' : 0;
		if (family != 0 && tr->seen != 0 && family != tr->seen) {
			*why = "the file mixes bioes's E-/S- with biluo's"
			    " L-/U- (--scheme says which it is)";
			return -1;
		}
		if (family != 0)
			tr->seen = family;
		return 0;
	}
	if (strchr(own, c) != NULL)
		return 0;
bad:
	*why = tr->scheme == SCHEME_DEFAULT ? "a tag is O or a letter of"
	    " B, I, E, S, L, U, then '-' and a label" :
	    tr->scheme == SCHEME_BIOES ? "bioes tags are O, B-, I-, E- or"
	    " S- and a label" : tr->scheme == SCHEME_BILUO ? "biluo tags"
	    " are O, B-, I-, L- or U- and a label" : "iob tags are O, B- or"
	    " I- and a label";
	return -1;
}

int
tags_next(struct tag_reader *tr, size_t i, const char *tag, size_t len,
    const char **why)
{
	int		 strict = tr->scheme != SCHEME_DEFAULT &&
			    tr->scheme != SCHEME_IOB1;
	int		 closing = tr->scheme == SCHEME_BIOES ||
			    tr->scheme == SCHEME_BILUO;
	const char	*label = tag + 2;
	size_t		 llen = len - 2;
	int		 same;
	char		 c;

	if (len == 1 && tag[0] == 'O') {
		if (unclosed(tr, why) == -1)
			return -1;
		close_open(tr, i - 1);
		return 0;
	}
	if (len < 3 || tag[1] != '-') {
		*why = "a tag is O or a letter, '-' and a label (B-PER)";
		return -1;
	}
	c = tag[0];
	if (letter_ok(tr, c, why) == -1)
		return -1;
	same = tr->open && tr->label.len == llen && memcmp(buf_str(&tr->label),
	    label, llen) == 0;
	switch (c) {
	case 'B':
		if (unclosed(tr, why) == -1)
			return -1;
		close_open(tr, i - 1);
		open_new(tr, i, label, llen, closing);
		return 0;
	case 'I':
		if (same)
			return 0;
		if (strict) {
			*why = "an I- tag that follows no B- or I- of its label";
			return -1;
		}
		close_open(tr, i - 1);
		open_new(tr, i, label, llen, 0);
		return 0;
	case 'E':
	case 'L':
		if (same) {
			close_open(tr, i);
			return 0;
		}
		if (strict) {
			*why = c == 'E' ? "an E- tag that follows no B- or I- of"
			    " its label" : "an L- tag that follows no B- or I-"
			    " of its label";
			return -1;
		}
		close_open(tr, i - 1);
		tr->emit(tr->arg, i, i, label, llen);
		return 0;
	default:	/* S, U */
		if (unclosed(tr, why) == -1)
			return -1;
		close_open(tr, i - 1);
		tr->emit(tr->arg, i, i, label, llen);
		return 0;
	}
}

int
tags_end(struct tag_reader *tr, size_t n, const char **why)
{
	if (unclosed(tr, why) == -1)
		return -1;
	close_open(tr, n - 1);
	return 0;
}

char
tags_letter(enum tag_scheme s, size_t i, size_t first, size_t last,
    int adjacent)
{
	switch (s) {
	case SCHEME_IOB1:
		return i == first && adjacent ? 'B' : 'I';
	case SCHEME_BIOES:
		return first == last ? 'S' : i == first ? 'B' : i == last ?
		    'E' : 'I';
	case SCHEME_BILUO:
		return first == last ? 'U' : i == first ? 'B' : i == last ?
		    'L' : 'I';
	default:
		return i == first ? 'B' : 'I';
	}
}

int
tags_of_spans(const struct tokens *tok, const struct ans_value *v, size_t *ent)
{
	size_t	i, k, first, last, after = 0;

	for (i = 0; i < tok->n; i++)
		ent[i] = TAGS_NONE;
	for (i = 0; v != NULL && i < v->nspans; i++) {
		first = tokens_starting(tok, v->spans[i].start);
		last = tokens_ending(tok, v->spans[i].end);
		if (first == tok->n || last == tok->n || last < first ||
		    first < after)
			return -1;
		for (k = first; k <= last; k++)
			ent[k] = i;
		after = last + 1;
	}
	return 0;
}

static const char *
span_label(const struct ans_value *v, size_t k)
{
	return v->control->labels[v->spans[k].label].name;
}

void
tags_put(struct buf *b, enum tag_scheme s, const struct ans_value *v,
    const size_t *ent, size_t n, size_t i)
{
	size_t	first, last;
	int	adjacent;

	if (ent[i] == TAGS_NONE) {
		buf_addch(b, 'O');
		return;
	}
	for (first = i; first > 0 && ent[first - 1] == ent[i]; first--)
		;
	for (last = i; last + 1 < n && ent[last + 1] == ent[i]; last++)
		;
	adjacent = first > 0 && ent[first - 1] != TAGS_NONE &&
	    strcmp(span_label(v, ent[first - 1]), span_label(v, ent[i])) == 0;
	/* "%c-%s", without printf: a tag per token. */
	buf_addch(b, tags_letter(s, i, first, last, adjacent));
	buf_addch(b, '-');
	buf_addstr(b, span_label(v, ent[i]));
}

int
tagged_begin(struct tagged_out *o)
{
	memset(o, 0, sizeof *o);
	if ((o->tmp = tmpfile()) == NULL)
		return error("a temporary file for the export: %s",
		    strerror(errno));
	return 0;
}

void
tagged_misaligned(struct tagged_out *o, int64_t task)
{
	if (o->nbad < (int64_t)ARRAY_SIZE(o->bad))
		o->bad[o->nbad] = task;
	o->nbad++;
}

int
tagged_end(struct tagged_out *o, struct writer *w, const char *what)
{
	char	 tasks[128], buf[65536];
	size_t	 i, n, len = 0;
	int	 rc = 0;

	if (!w->failed && o->nbad > 0) {
		n = o->nbad < (int64_t)ARRAY_SIZE(o->bad) ? (size_t)o->nbad :
		    ARRAY_SIZE(o->bad);
		tasks[0] = '\0';
		for (i = 0; i < n; i++)
			len += (size_t)snprintf(tasks + len, sizeof tasks - len,
			    "%s%lld", i > 0 ? ", " : "", (long long)o->bad[i]);
		if (!w->opts.skip_misaligned)
			rc = error("%lld task%s ha%s a span that does not start"
			    " and end on its tokens (task%s %s%s), which %s"
			    " cannot tag: nothing was written; fix the spans,"
			    " or --skip-misaligned leaves such tasks out",
			    (long long)o->nbad, o->nbad == 1 ? "" : "s",
			    o->nbad == 1 ? "s" : "ve", o->nbad == 1 ? "" : "s",
			    tasks, o->nbad > (int64_t)n ? ", ..." : "", what);
		else
			warning("left out %lld task%s with a span that does not"
			    " start and end on its tokens (task%s %s%s)",
			    (long long)o->nbad, o->nbad == 1 ? "" : "s",
			    o->nbad == 1 ? "" : "s", tasks,
			    o->nbad > (int64_t)n ? ", ..." : "");
	}
	if (!w->failed && rc == 0 && o->unlabelled > 0)
		warning("left out %lld task%s with no annotation: %s holds"
		    " tagged text", (long long)o->unlabelled,
		    o->unlabelled == 1 ? "" : "s", what);
	if (!w->failed && rc == 0 && o->tmp != NULL) {
		rewind(o->tmp);
		while ((n = fread(buf, 1, sizeof buf, o->tmp)) > 0)
			if (fwrite(buf, 1, n, w->f) != n)
				break;
		if (ferror(o->tmp))
			rc = error("reading a temporary file: %s",
			    strerror(errno));
	}
	if (o->tmp != NULL)
		fclose(o->tmp);
	o->tmp = NULL;
	return rc;
}
