/* The labelling screen's state and keys (see labeler.h for how it is used
 * and the decisions it makes). Every change goes through change_begin(),
 * which keeps the result before it for undo and ends the suggestion; a key
 * that would change nothing changes nothing, so choosing the label a
 * suggestion already has still accepts it as is. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/labeler.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define STATUS_FITS	78	/* columns of the status line at 80 */

static void
say(struct labeler *lb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct labeler *lb, const char *fmt, ...)
{
	va_list	ap;
	long	bad;

	va_start(ap, fmt);
	vsnprintf(lb->status, sizeof lb->status, fmt, ap);
	va_end(ap);
	/* A cut may have split a character: drop its first bytes. */
	if ((bad = utf8_invalid_at(lb->status, strlen(lb->status))) >= 0)
		lb->status[bad] = '\0';
}

/* Data (a label's or a control's name) for a message; caller frees. */
static char *
esc(const char *s)
{
	return escape_dup(s, 0);
}

/*
 * The name of the first key bound to req, for messages. keymap_key_name's
 * buffer is shared, so the name is copied into one of a few of our own:
 * a message may hold four.
 */
static const char *
req_key(enum request req)
{
	static char			 names[4][16];
	static int			 next;
	const struct keymap_entry	*t;
	char				*out = names[next++ % 4];
	int				 n, i;

	t = keymap_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].req == req) {
			snprintf(out, sizeof names[0], "%s",
			    keymap_key_name(t[i].key));
			return out;
		}
	return "?";
}

static uint32_t
decode_key(const char *key)
{
	uint32_t	cp;
	size_t		len = strlen(key);

	if (len == 0 || utf8_decode(key, len, &cp) != (int)len)
		return 0;
	return cp;
}

static struct lb_control *
current(const struct labeler *lb)
{
	if (lb->current >= lb->ncontrols)
		return NULL;
	return &lb->controls[lb->current];
}

/* 1 when submitting needs the control to have a value. */
static int
is_required(const struct lb_control *ctl)
{
	const struct control	*c = ctl->control;

	return ctl->editable && (control_kind_flags(c->kind) & KIND_VALUE) &&
	    !(c->kind == CONTROL_MULTICHOICE && c->allow_empty);
}

static int
is_empty(const struct lb_control *ctl)
{
	return ans_value_empty(ctl->v);
}

static size_t
count_editable(const struct labeler *lb)
{
	size_t	i, n = 0;

	for (i = 0; i < lb->ncontrols; i++)
		n += lb->controls[i].editable != 0;
	return n;
}

/* Result loading and building: the answer model's (model/answer.h). */

/* Replaces the values with result's; returns how many parts were dropped. */
static size_t
load_result(struct labeler *lb, const json_t *result)
{
	return answer_load_lenient(lb->answer, result);
}

json_t *
labeler_result(const struct labeler *lb)
{
	return answer_emit(lb->answer);
}

/* Undo. */

static void
change_begin(struct labeler *lb)
{
	if (lb->nundo == LABELER_UNDO_MAX) {
		/* The oldest goes: memory stays bounded on a long text. */
		json_decref(lb->undo[0].result);
		memmove(lb->undo, lb->undo + 1,
		    (lb->nundo - 1) * sizeof *lb->undo);
		lb->nundo--;
	}
	ARRAY_GROW(lb->undo, lb->nundo + 1, lb->aundo);
	lb->undo[lb->nundo].result = labeler_result(lb);
	lb->undo[lb->nundo].suggestion = lb->suggestion;
	lb->nundo++;
	lb->suggestion = 0;
}

static enum lb_action
undo(struct labeler *lb)
{
	struct lb_snapshot	*snap;

	if (lb->nundo == 0) {
		/* One key submits a choice: the way back is the task
		 * before (Prodigy's undo). */
		say(lb, "Nothing to undo on this task: %s goes back to the "
		    "previous one", req_key(REQ_PREV_TASK));
		return LB_REDRAW;
	}
	snap = &lb->undo[--lb->nundo];
	load_result(lb, snap->result);
	lb->suggestion = snap->suggestion;
	json_decref(snap->result);
	lb->anchored = 0;
	say(lb, "Undone");
	return LB_SAVE_DRAFT;
}

/* Messages. */

static void
say_how_to_choose(struct labeler *lb, const struct lb_control *ctl)
{
	struct buf	 keys = BUF_INIT;
	char		*name = esc(ctl->control->name);
	const char	*key;
	size_t		 i, n = 0;

	if (ctl->control->kind == CONTROL_RATING) {
		say(lb, "Nothing chosen for %s: press 1-%s to rate, or %s to "
		    "skip", name, ctl->control->max >= 10 ? "9 or 0 (10)" :
		    (char[2]){ (char)('0' + ctl->control->max), '\0' },
		    req_key(REQ_SKIP));
		goto out;
	}
	for (i = 0; i < ctl->control->nlabels; i++) {
		if (ctl->keys[i] == 0)
			continue;
		if (n++ > 0)
			buf_addch(&keys, '/');
		key = keymap_key_name((int)ctl->keys[i]);
		escape_add(&keys, key, strlen(key), 0);
	}
	if (n == 0) {
		say(lb, "Nothing chosen for %s: press %s to pick a label, or "
		    "%s to skip", name, req_key(REQ_PICKER),
		    req_key(REQ_SKIP));
		goto out;
	}
	say(lb, "Nothing chosen for %s: press %s (%s: all labels) or %s to "
	    "skip", name, buf_str(&keys), req_key(REQ_PICKER),
	    req_key(REQ_SKIP));
	/* The status line has 78 columns: the keys are on the palette. */
	if (utf8_width(lb->status, strlen(lb->status)) > STATUS_FITS)
		say(lb, "Nothing chosen for %s: press a label's key (%s: all "
		    "labels) or %s to skip", name, req_key(REQ_PICKER),
		    req_key(REQ_SKIP));
out:
	free(name);
	buf_release(&keys);
}

/* Spans: the cursor, the selection and the spans themselves. */

static int
spans_mode(const struct labeler *lb)
{
	const struct lb_control	*ctl = current(lb);

	return ctl != NULL && ctl->editable &&
	    ctl->control->kind == CONTROL_SPANS;
}

static const struct token *
cursor_token(const struct labeler *lb)
{
	if (lb->text == NULL || lb->text->ntokens == 0)
		return NULL;
	return &lb->text->tokens[lb->cursor];
}

const struct ans_span *
labeler_span_here(const struct labeler *lb)
{
	const struct lb_control	*ctl = current(lb);
	const struct token	*t = cursor_token(lb);
	size_t			 i;

	if (!spans_mode(lb) || t == NULL)
		return NULL;
	i = ans_span_overlapping(ctl->v, t->start, t->end);
	return i < ctl->v->nspans ? &ctl->v->spans[i] : NULL;
}

static void
keep_visible(struct labeler *lb)
{
	const struct token	*t = cursor_token(lb);
	size_t			 line;

	if (t == NULL || lb->layout == NULL)
		return;
	line = text_layout_line_of(lb->layout, t->start);
	if (line < lb->top)
		lb->top = line;
	else if (line >= lb->top + (size_t)lb->height)
		lb->top = line - (size_t)lb->height + 1;
}

static void
move_to(struct labeler *lb, size_t token)
{
	if (token >= lb->text->ntokens)
		token = lb->text->ntokens - 1;
	lb->cursor = token;
	lb->want_col = text_layout_col_of(lb->layout,
	    lb->text->tokens[token].start);
	keep_visible(lb);
}

/*
 * The token on line that is nearest to column want: one that covers it,
 * else the closest; -1 when no token is on the line.
 */
static long
nearest_on_line(const struct labeler *lb, size_t line, int want)
{
	const struct text_line	*ln = &lb->layout->lines[line];
	const struct text	*t = lb->text;
	size_t			 k;
	long			 best = -1;
	int			 c0, c1, d, bestd = 0;

	for (k = text_token_at(t, ln->cp);
	    k < t->ntokens && t->tokens[k].start < ln->cpend; k++) {
		c0 = t->tokens[k].start >= ln->cp ?
		    text_layout_col_of(lb->layout, t->tokens[k].start) : 0;
		c1 = t->tokens[k].end < ln->cpend ?
		    text_layout_col_of(lb->layout, t->tokens[k].end) :
		    lb->layout->width;
		if (c1 <= c0)
			c1 = c0 + 1;
		d = want < c0 ? c0 - want : want >= c1 ? want - c1 + 1 : 0;
		if (best < 0 || d < bestd) {
			best = (long)k;
			bestd = d;
		}
		if (d == 0 || c0 > want)
			break;
	}
	return best;
}

static enum lb_action
move_line(struct labeler *lb, int down)
{
	const struct token	*t = cursor_token(lb);
	size_t			 line;
	long			 k;
	int			 want = lb->want_col;

	line = text_layout_line_of(lb->layout, down ? t->end - 1 : t->start);
	for (;;) {
		if (down ? line + 1 >= lb->layout->nlines : line == 0)
			return LB_NONE;
		line = down ? line + 1 : line - 1;
		if ((k = nearest_on_line(lb, line, want)) >= 0)
			break;
	}
	lb->cursor = (size_t)k;
	keep_visible(lb);
	lb->want_col = want;	/* kept across short lines, as in vi */
	return LB_REDRAW;
}

static enum lb_action
label_span(struct labeler *lb, struct lb_control *ctl, int label)
{
	const struct token	*t = cursor_token(lb), *a;
	const char		*lname = ctl->control->labels[label].name;
	char			*name = esc(lname);
	size_t			 s, e, i, gone;

	if (t == NULL) {
		say(lb, "This text has nothing to label");
		free(name);
		return LB_REDRAW;
	}
	if (!lb->anchored) {
		i = ans_span_overlapping(ctl->v, t->start, t->end);
		if (i < ctl->v->nspans) {
			if (ctl->v->spans[i].label == label) {
				say(lb, "Already %s", name);
				free(name);
				return LB_REDRAW;
			}
			change_begin(lb);
			ctl->v->spans[i].label = label;
			json_decref(ctl->v->spans[i].more);
			ctl->v->spans[i].more = NULL;
			say(lb, "Now %s", name);
			free(name);
			return LB_SAVE_DRAFT;
		}
		s = t->start;
		e = t->end;
	} else {
		a = &lb->text->tokens[lb->anchor];
		s = a->start < t->start ? a->start : t->start;
		e = a->end > t->end ? a->end : t->end;
		lb->anchored = 0;
	}
	change_begin(lb);
	gone = ans_span_put(ctl->v, s, e, label);
	if (gone == 1)
		say(lb, "%s (it replaces the span that was there)", name);
	else if (gone > 1)
		say(lb, "%s (it replaces the %zu spans that were there)", name,
		    gone);
	else
		say(lb, "%s", name);
	free(name);
	return LB_SAVE_DRAFT;
}

static enum lb_action
delete_span(struct labeler *lb)
{
	struct lb_control	*ctl = current(lb);
	const struct ans_span	*sp = labeler_span_here(lb);
	size_t			 i;

	if (sp == NULL) {
		say(lb, "No span under the cursor");
		return LB_REDRAW;
	}
	i = (size_t)(sp - ctl->v->spans);
	change_begin(lb);
	ans_span_delete(ctl->v, i);
	say(lb, "Span deleted");
	return LB_SAVE_DRAFT;
}

static enum lb_action
next_span(struct labeler *lb, int forward)
{
	const struct lb_control	*ctl = current(lb);
	size_t			 at = cursor_token(lb)->start, i;

	if (ctl->v->nspans == 0) {
		say(lb, "No spans yet");
		return LB_REDRAW;
	}
	if (forward) {
		for (i = 0; i < ctl->v->nspans && ctl->v->spans[i].start <= at; i++)
			;
		if (i == ctl->v->nspans) {
			i = 0;
			say(lb, "Back to the first span");
		}
	} else {
		for (i = ctl->v->nspans; i > 0 && ctl->v->spans[i - 1].start >= at;
		    i--)
			;
		if (i == 0) {
			i = ctl->v->nspans;
			say(lb, "On to the last span");
		}
		i--;
	}
	move_to(lb, text_token_at(lb->text, ctl->v->spans[i].start));
	return LB_REDRAW;
}

/* Search. */

/* The byte offset of q in s at or after from, or -1. Lower-case queries
 * match either case (ASCII), as vi's smartcase does. */
static long
find(const char *s, size_t len, const char *q, size_t from)
{
	size_t		 qlen = strlen(q), i, j;
	const char	*p;
	int		 icase = 1;

	if (qlen == 0 || from > len || qlen > len - from)
		return -1;
	for (i = 0; i < qlen; i++)
		if (q[i] >= 'A' && q[i] <= 'Z')
			icase = 0;
	if (!icase) {
		p = memmem(s + from, len - from, q, qlen);
		return p == NULL ? -1 : (long)(p - s);
	}
	for (i = from; i + qlen <= len; i++) {
		for (j = 0; j < qlen; j++) {
			char	a = s[i + j], b = q[j];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		if (j == qlen)
			return (long)i;
	}
	return -1;
}

static enum lb_action
search_from(struct labeler *lb, size_t from)
{
	const struct text	*t = lb->text;
	long			 pos;
	int			 wrapped = 0;
	char			*q;

	if ((pos = find(t->s, t->len, lb->last_search, from)) < 0) {
		pos = find(t->s, t->len, lb->last_search, 0);
		wrapped = 1;
	}
	if (pos < 0) {
		q = esc(lb->last_search);
		say(lb, "Not found: %s", q);
		free(q);
		return LB_REDRAW;
	}
	lb->match = (size_t)pos;
	move_to(lb, text_token_at_byte(t, (size_t)pos));
	if (wrapped)
		say(lb, "Search wrapped to the top");
	return LB_REDRAW;
}

static enum lb_action	search_next(struct labeler *);

static enum lb_action
search_key(struct labeler *lb, int key)
{
	char	 enc[16];
	size_t	 n;

	switch (key) {
	case K_ESC:
		lb->searching = 0;
		say(lb, "Search cancelled");
		return LB_REDRAW;
	case K_BACKSPACE:
	case 0x7f:
	case 0x08:
		/* On an empty prompt it closes it, as in vi and less. */
		if (lb->query.len == 0) {
			lb->searching = 0;
			return LB_REDRAW;
		}
		n = lb->query.len;
		while (n > 0 && ((unsigned char)lb->query.data[n - 1] &
		    0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		lb->query.len = n;
		if (lb->query.data != NULL)
			lb->query.data[n] = '\0';
		return LB_REDRAW;
	case K_ENTER:
	case '\r':
		lb->searching = 0;
		if (lb->query.len > 0) {
			free(lb->last_search);
			lb->last_search = xstrdup(buf_str(&lb->query));
		}
		if (lb->last_search == NULL)
			return LB_REDRAW;
		/* An empty search repeats the last one, as n does. */
		if (lb->query.len == 0)
			return search_next(lb);
		return search_from(lb, cursor_token(lb)->bstart);
	}
	if (key < 0x20 || key >= K_BASE || escape_cp((uint32_t)key, enc) ||
	    (key >= 0xd800 && key <= 0xdfff))
		return LB_NONE;
	buf_add(&lb->query, enc, (size_t)utf8_encode((uint32_t)key, enc));
	return LB_REDRAW;
}

static enum lb_action
search_next(struct labeler *lb)
{
	const struct token	*t = cursor_token(lb);

	if (lb->last_search == NULL) {
		say(lb, "No search yet: press %s to search",
		    req_key(REQ_SEARCH));
		return LB_REDRAW;
	}
	if (lb->match >= t->bstart && lb->match < t->bend)
		return search_from(lb, lb->match + 1);
	return search_from(lb, t->bstart + 1);
}

/* Labels. */

/* Makes the first control still to be done current: its name, or NULL
 * when every control that needs a value has one. */
static const char *
move_to_empty(struct labeler *lb)
{
	size_t	i;

	for (i = 0; i < lb->ncontrols; i++)
		if (is_required(&lb->controls[i]) &&
		    is_empty(&lb->controls[i])) {
			lb->current = i;
			return lb->controls[i].control->name;
		}
	return NULL;
}

static enum lb_action
choose(struct labeler *lb, struct lb_control *ctl, int label)
{
	const struct control	*c = ctl->control;
	const char		*next;
	char			*name = esc(c->labels[label].name);
	size_t			 i, n;
	enum lb_action		 action = LB_REDRAW;

	if (c->kind == CONTROL_MULTICHOICE) {
		change_begin(lb);
		ctl->v->chosen[label] = !ctl->v->chosen[label];
		say(lb, "%s %s", name, ctl->v->chosen[label] ? "chosen" :
		    "taken off");
		free(name);
		return LB_SAVE_DRAFT;
	}
	/* Choice: the same label again changes nothing. */
	for (i = n = 0; i < c->nlabels; i++)
		n += ctl->v->chosen[i] && (int)i != label;
	if (!ctl->v->chosen[label] || n > 0) {
		change_begin(lb);
		memset(ctl->v->chosen, 0, c->nlabels);
		ctl->v->chosen[label] = 1;
		action = LB_SAVE_DRAFT;
	}
	/* Move on to a control still to be done; alone, submit. */
	if ((next = move_to_empty(lb)) != NULL) {
		free(name);
		name = esc(next);
		say(lb, "Now %s", name);
		free(name);
		return action;
	}
	if (lb->config->require_enter || count_editable(lb) > 1) {
		say(lb, "%s chosen: %s submits", name, req_key(REQ_SUBMIT));
		free(name);
		return action;
	}
	free(name);
	return LB_SUBMIT;
}

static enum lb_action
apply_label(struct labeler *lb, struct lb_control *ctl, int label)
{
	if (ctl->control->kind == CONTROL_SPANS)
		return label_span(lb, ctl, label);
	return choose(lb, ctl, label);
}

static enum lb_action
rate(struct labeler *lb, struct lb_control *ctl, int value)
{
	enum lb_action	 action = LB_REDRAW;
	const char	*next;
	char		*name;

	if (value < 1 || value > ctl->control->max) {
		say(lb, "Ratings go from 1 to %d", ctl->control->max);
		return LB_REDRAW;
	}
	if (ctl->v->rating != value) {
		change_begin(lb);
		ctl->v->rating = value;
		action = LB_SAVE_DRAFT;
	}
	/* As a choice does: on to a control still to be done. */
	if ((next = move_to_empty(lb)) != NULL) {
		name = esc(next);
		say(lb, "Rated %d; now %s", value, name);
		free(name);
	} else
		say(lb, "Rated %d: %s submits", value, req_key(REQ_SUBMIT));
	return action;
}

static int
label_for_key(const struct lb_control *ctl, int key)
{
	size_t	i;

	if (key <= 0 || key >= K_BASE)
		return -1;
	for (i = 0; i < ctl->control->nlabels; i++)
		if (ctl->keys[i] == (uint32_t)key)
			return (int)i;
	return -1;
}

/* The picker: every label of the palette, for more labels than keys. */

static enum lb_action
picker_open(struct labeler *lb, struct lb_control *ctl)
{
	size_t	i;

	if (ctl == NULL || ctl->control->kind == CONTROL_RATING) {
		say(lb, "No labels to pick from here");
		return LB_REDRAW;
	}
	lb->picker.n = 0;
	for (i = 0; i < ctl->control->nlabels; i++)
		if (!ctl->control->labels[i].retired)
			lb->picker.labels[lb->picker.n++] = (int)i;
	if (lb->picker.n == 0) {
		say(lb, "No labels to pick from here");
		return LB_REDRAW;
	}
	lb->picker.open = 1;
	lb->picker.cursor = 0;
	return LB_REDRAW;
}

static enum lb_action
picker_key(struct labeler *lb, int key)
{
	struct lb_picker	*p = &lb->picker;
	struct lb_control	*ctl = current(lb);
	int			 label;

	/* The table's keys, read as a list's: the help stays true. */
	if ((label = label_for_key(ctl, key)) >= 0) {
		p->open = 0;
		return apply_label(lb, ctl, label);
	}
	switch (keymap_request(key)) {
	case REQ_CANCEL:
	case REQ_QUIT:
	case REQ_PICKER:
		p->open = 0;
		return LB_REDRAW;
	case REQ_LINE_DOWN:
		if (p->cursor + 1 < p->n)
			p->cursor++;
		return LB_REDRAW;
	case REQ_LINE_UP:
		if (p->cursor > 0)
			p->cursor--;
		return LB_REDRAW;
	case REQ_PAGE_DOWN:
	case REQ_LAST:
		p->cursor = p->n - 1;
		return LB_REDRAW;
	case REQ_PAGE_UP:
	case REQ_FIRST:
		p->cursor = 0;
		return LB_REDRAW;
	case REQ_SUBMIT:
		p->open = 0;
		return apply_label(lb, ctl, p->labels[p->cursor]);
	default:
		break;
	}
	say(lb, "%s/%s move, %s picks, %s closes", req_key(REQ_LINE_DOWN),
	    req_key(REQ_LINE_UP), req_key(REQ_SUBMIT), req_key(REQ_CANCEL));
	return LB_REDRAW;
}

/* Everything else. */

static enum lb_action
submit(struct labeler *lb)
{
	size_t	i;
	size_t	cur = lb->current;

	for (i = 0; i < lb->ncontrols; i++) {
		/* The current control first, then the others in order. */
		size_t	k = (cur + i) % lb->ncontrols;

		if (is_required(&lb->controls[k]) &&
		    is_empty(&lb->controls[k])) {
			lb->current = k;
			lb->anchored = 0;
			say_how_to_choose(lb, &lb->controls[k]);
			return LB_REDRAW;
		}
	}
	lb->anchored = 0;
	return LB_SUBMIT;
}

static enum lb_action
next_control(struct labeler *lb)
{
	size_t	i, k = lb->current;
	char	*name;

	if (count_editable(lb) < 2) {
		say(lb, "There is one control to label here");
		return LB_REDRAW;
	}
	for (i = 1; i < lb->ncontrols; i++) {
		k = (lb->current + i) % lb->ncontrols;
		if (lb->controls[k].editable)
			break;
	}
	lb->current = k;
	lb->anchored = 0;
	name = esc(lb->controls[k].control->name);
	say(lb, "Now %s", name);
	free(name);
	return LB_REDRAW;
}

static enum lb_action
page(struct labeler *lb, int down)
{
	size_t	step, last, line;

	if (lb->layout == NULL)
		return LB_NONE;
	step = lb->height > 1 ? (size_t)lb->height - 1 : 1;
	last = lb->layout->nlines > (size_t)lb->height ?
	    lb->layout->nlines - (size_t)lb->height : 0;
	if (down)
		lb->top = lb->top + step > last ? last : lb->top + step;
	else
		lb->top = lb->top > step ? lb->top - step : 0;
	if (spans_mode(lb) && cursor_token(lb) != NULL) {
		line = text_layout_line_of(lb->layout,
		    cursor_token(lb)->start);
		if (line < lb->top || line >= lb->top + (size_t)lb->height)
			move_to(lb, text_token_at(lb->text,
			    lb->layout->lines[lb->top].cp));
	}
	return LB_REDRAW;
}

/* Keys that only mean something on a text's spans. */
static enum lb_action
spans_request(struct labeler *lb, enum request req)
{
	const struct token	*t = cursor_token(lb);

	if (!spans_mode(lb)) {
		if (lb->layout != NULL && (req == REQ_LINE_DOWN ||
		    req == REQ_LINE_UP)) {
			if (req == REQ_LINE_UP && lb->top > 0)
				lb->top--;
			else if (req == REQ_LINE_DOWN &&
			    lb->top + 1 < lb->layout->nlines)
				lb->top++;
			return LB_REDRAW;
		}
		if (lb->layout != NULL && (req == REQ_FIRST ||
		    req == REQ_LAST)) {
			/* The top, or the last page of the text. */
			lb->top = 0;
			if (req == REQ_LAST &&
			    lb->layout->nlines > (size_t)lb->height)
				lb->top = lb->layout->nlines -
				    (size_t)lb->height;
			return LB_REDRAW;
		}
		say(lb, "That key is for marking spans in a text");
		return LB_REDRAW;
	}
	if (t == NULL) {
		say(lb, "This text has nothing to label");
		return LB_REDRAW;
	}
	switch (req) {
	case REQ_NEXT_TOKEN:
		if (lb->cursor + 1 >= lb->text->ntokens)
			return LB_NONE;
		move_to(lb, lb->cursor + 1);
		return LB_REDRAW;
	case REQ_PREV_TOKEN:
		if (lb->cursor == 0)
			return LB_NONE;
		move_to(lb, lb->cursor - 1);
		return LB_REDRAW;
	case REQ_LINE_DOWN:
		return move_line(lb, 1);
	case REQ_LINE_UP:
		return move_line(lb, 0);
	case REQ_FIRST:
		move_to(lb, 0);
		return LB_REDRAW;
	case REQ_LAST:
		move_to(lb, lb->text->ntokens - 1);
		return LB_REDRAW;
	case REQ_SEARCH:
		lb->searching = 1;
		buf_reset(&lb->query);
		return LB_REDRAW;
	case REQ_SEARCH_NEXT:
		return search_next(lb);
	case REQ_ANCHOR:
		lb->anchored = !lb->anchored;
		lb->anchor = lb->cursor;
		return LB_REDRAW;
	case REQ_DELETE_SPAN:
		return delete_span(lb);
	case REQ_NEXT_SPAN:
		return next_span(lb, 1);
	case REQ_PREV_SPAN:
		return next_span(lb, 0);
	default:
		return LB_NONE;
	}
}

static enum lb_action
request(struct labeler *lb, int key)
{
	enum request	 req = keymap_request(key);
	char		*name;

	switch (req) {
	case REQ_SUBMIT:
		return submit(lb);
	case REQ_SKIP:
		return LB_SKIP;
	case REQ_UNDO:
		return undo(lb);
	case REQ_PREV_TASK:
		return LB_PREV_TASK;
	case REQ_NEXT_CONTROL:
		return next_control(lb);
	case REQ_PICKER:
		return picker_open(lb, current(lb));
	case REQ_NEXT_TOKEN:
	case REQ_PREV_TOKEN:
	case REQ_LINE_DOWN:
	case REQ_LINE_UP:
	case REQ_FIRST:
	case REQ_LAST:
	case REQ_SEARCH:
	case REQ_SEARCH_NEXT:
	case REQ_ANCHOR:
	case REQ_DELETE_SPAN:
	case REQ_NEXT_SPAN:
	case REQ_PREV_SPAN:
		return spans_request(lb, req);
	case REQ_PAGE_DOWN:
		return page(lb, 1);
	case REQ_PAGE_UP:
		return page(lb, 0);
	case REQ_INSTRUCTIONS:
		if (lb->config->instructions == NULL ||
		    *lb->config->instructions == '\0') {
			say(lb, "This project has no instructions");
			return LB_REDRAW;
		}
		return LB_INSTRUCTIONS;
	case REQ_HELP:
		return LB_HELP;
	case REQ_REDRAW:
		return LB_REDRAW;
	case REQ_CANCEL:
		if (lb->anchored) {
			lb->anchored = 0;
			say(lb, "Selection cancelled");
			return LB_REDRAW;
		}
		return LB_NONE;
	case REQ_QUIT:
		return LB_QUIT;
	case REQ_NONE:
	case REQ__COUNT:
		break;
	}
	name = esc(keymap_key_name(key));
	say(lb, "Unknown key %s, press %s for help", name, req_key(REQ_HELP));
	free(name);
	return LB_REDRAW;
}

enum lb_action
labeler_key(struct labeler *lb, int key)
{
	struct lb_control	*ctl = current(lb);
	enum lb_action		 action;
	int			 label;

	lb->status[0] = '\0';
	/* The other spellings of Enter and Backspace a terminal sends. */
	if (key == '\r')
		key = K_ENTER;
	else if (key == 0x7f || key == 0x08)
		key = K_BACKSPACE;
	if (key == K_RESIZE)
		return LB_REDRAW;
	if (lb->searching)
		action = search_key(lb, key);
	else if (lb->picker.open)
		action = picker_key(lb, key);
	else if (ctl != NULL && ctl->editable &&
	    (label = label_for_key(ctl, key)) >= 0)
		action = apply_label(lb, ctl, label);
	else if (ctl != NULL && ctl->editable &&
	    ctl->control->kind == CONTROL_RATING && key >= '0' && key <= '9')
		action = rate(lb, ctl, key == '0' ? 10 : key - '0');
	else
		action = request(lb, key);
	if (action == LB_NONE && lb->status[0] != '\0')
		action = LB_REDRAW;
	return action;
}

/* Life cycle and the rest of the API. */

struct labeler *
labeler_new(const struct config *config, const char *text, size_t len,
    const json_t *initial, int from_prediction)
{
	struct labeler		*lb = xcalloc(1, sizeof *lb);
	struct lb_control	*ctl;
	const struct control	*c;
	size_t			 i, j, most = 0, dropped;

	lb->config = config;
	lb->width = 80;
	lb->height = 20;
	if (text != NULL) {
		lb->text = text_new(text, len);
		lb->layout = text_layout_new(lb->text, lb->width);
	}
	lb->task.text = lb->text != NULL ? lb->text->s : NULL;
	lb->task.text_len = len;
	lb->answer = answer_new(config, &lb->task);
	lb->ncontrols = config->ncontrols;
	lb->controls = xcalloc(lb->ncontrols ? lb->ncontrols : 1,
	    sizeof *lb->controls);
	lb->current = lb->ncontrols;
	for (i = 0; i < lb->ncontrols; i++) {
		c = &config->controls[i];
		ctl = &lb->controls[i];
		ctl->control = c;
		ctl->v = &lb->answer->v[i];
		switch (c->kind) {
		case CONTROL_CHOICE:
		case CONTROL_MULTICHOICE:
		case CONTROL_RATING:
			ctl->editable = 1;
			break;
		case CONTROL_SPANS:
			ctl->editable = lb->text != NULL && c->nlabels > 0;
			break;
		default:
			break;
		}
		/* A retired control is not offered: its values pass
		 * through unchanged, as those of a kind not edited here. */
		if (c->retired)
			ctl->editable = 0;
		ctl->keys = xcalloc(c->nlabels + 1, sizeof *ctl->keys);
		for (j = 0; j < c->nlabels; j++)
			if (!c->labels[j].retired)
				ctl->keys[j] = decode_key(c->labels[j].key);
		if (c->nlabels > most)
			most = c->nlabels;
		if (ctl->editable && lb->current == lb->ncontrols)
			lb->current = i;
	}
	lb->picker.labels = xcalloc(most + 1, sizeof *lb->picker.labels);
	dropped = load_result(lb, initial);
	lb->suggestion = from_prediction && json_is_object(initial);
	if (dropped > 0)
		say(lb, "%zu value%s of the %s did not fit the project's "
		    "labels or the text and %s left out", dropped,
		    dropped == 1 ? "" : "s",
		    from_prediction ? "suggestion" : "saved annotation",
		    dropped == 1 ? "was" : "were");
	else if (lb->current == lb->ncontrols)
		say(lb, "Nothing on this task can be labelled here: press %s "
		    "to skip", req_key(REQ_SKIP));
	return lb;
}

void
labeler_free(struct labeler *lb)
{
	size_t	i;

	if (lb == NULL)
		return;
	for (i = 0; i < lb->ncontrols; i++)
		free(lb->controls[i].keys);
	free(lb->controls);
	answer_free(lb->answer);
	for (i = 0; i < lb->nundo; i++)
		json_decref(lb->undo[i].result);
	free(lb->undo);
	free(lb->picker.labels);
	free(lb->last_search);
	buf_release(&lb->query);
	text_layout_free(lb->layout);
	text_free(lb->text);
	free(lb);
}

void
labeler_set_view(struct labeler *lb, int width, int height)
{
	size_t	last;

	if (width < 1)
		width = 1;
	if (height < 1)
		height = 1;
	lb->height = height;
	if (lb->text == NULL) {
		lb->width = width;
		return;
	}
	if (width != lb->width) {
		lb->width = width;
		text_layout_free(lb->layout);
		lb->layout = text_layout_new(lb->text, width);
		if (cursor_token(lb) != NULL)
			lb->want_col = text_layout_col_of(lb->layout,
			    cursor_token(lb)->start);
	}
	last = lb->layout->nlines > (size_t)height ?
	    lb->layout->nlines - (size_t)height : 0;
	if (lb->top > last)
		lb->top = last;
	if (spans_mode(lb))
		keep_visible(lb);
}

const struct lb_control *
labeler_missing(const struct labeler *lb)
{
	size_t	i;

	for (i = 0; i < lb->ncontrols; i++)
		if (is_required(&lb->controls[i]) &&
		    is_empty(&lb->controls[i]))
			return &lb->controls[i];
	return NULL;
}

int
labeler_from_prediction(const struct labeler *lb)
{
	return lb->suggestion;
}

const char *
labeler_status(const struct labeler *lb)
{
	return lb->status;
}

const char *
labeler_prompt(const struct labeler *lb)
{
	return lb->searching ? buf_str(&lb->query) : NULL;
}

const struct lb_control *
labeler_control(const struct labeler *lb)
{
	return current(lb);
}

void
labeler_line_cells(const struct labeler *lb, size_t line,
    struct text_cells *out)
{
	const struct lb_control	*ctl = NULL;
	const struct token	*t = NULL, *a;
	struct text_cell	*c;
	size_t			 i, k = 0, ss = 0, se = 0, ce;

	out->n = 0;
	if (lb->layout == NULL)
		return;
	text_layout_cells(lb->layout, line, out);
	if (out->n == 0)
		return;
	/* The spans shown: the current control's, else the first's. */
	if (spans_mode(lb)) {
		ctl = current(lb);
		t = cursor_token(lb);
	} else
		for (i = 0; i < lb->ncontrols && ctl == NULL; i++)
			if (lb->controls[i].editable &&
			    lb->controls[i].control->kind == CONTROL_SPANS)
				ctl = &lb->controls[i];
	if (t != NULL && lb->anchored) {
		a = &lb->text->tokens[lb->anchor];
		ss = a->start < t->start ? a->start : t->start;
		se = a->end > t->end ? a->end : t->end;
	}
	if (ctl != NULL)
		k = ans_span_overlapping(ctl->v, out->v[0].cp, (size_t)-1);
	for (i = 0; i < out->n; i++) {
		c = &out->v[i];
		ce = c->cp + c->ncp;
		if (t != NULL && c->cp < t->end && ce > t->start)
			c->attr |= TEXT_CURSOR;
		if (se > ss && c->cp < se && ce > ss)
			c->attr |= TEXT_SELECTED;
		if (ctl == NULL)
			continue;
		while (k < ctl->v->nspans && ctl->v->spans[k].end <= c->cp)
			k++;
		if (k < ctl->v->nspans && ctl->v->spans[k].start < ce) {
			c->attr |= TEXT_SPAN;
			c->label = ctl->v->spans[k].label;
			if (ctl->v->spans[k].start >= c->cp)
				c->attr |= TEXT_SPAN_START;
		}
	}
}
