/* The labelling screen's state and keys (see labeler.h for how it is used
 * and the decisions it makes): the controls, their labels, undo, the
 * picker, the editor and submitting; the text itself (the cursor, spans,
 * search, scrolling) is labeler_text.c's. Every change goes through
 * lb_change_begin(), which keeps the result before it for undo and ends
 * the suggestion; a key that would change nothing changes nothing, so
 * choosing the label a suggestion already has still accepts it as is.
 * What is left here (some 760 lines) is that one discipline over every
 * control kind the screen edits; boxes are labeler_boxes.c's, polygons
 * labeler_polygons.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/labeler.h"
#include "tui/labeler_int.h"
#include "tui/view.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define STATUS_FITS	78	/* columns of the status line at 80 */

void
lb_say(struct labeler *lb, const char *fmt, ...)
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
char *
lb_esc(const char *s)
{
	return escape_dup(s, 0);
}

const char *
lb_req_key(enum request req)
{
	return keymap_req_key(req);
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

struct lb_control *
lb_current(const struct labeler *lb)
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

/* Read only: every change is refused with the reason, where it would be
 * made (never undone after the fact). */
int
lb_changeable(struct labeler *lb)
{
	if (lb->readonly == NULL)
		return 1;
	lb_say(lb, "%s", lb->readonly);
	return 0;
}

/* An overlay's answer: the action goes to whoever holds the labeler. */
enum view_rc
lb_notify(struct labeler *lb, enum lb_action a)
{
	lb->last = a;
	if (lb->notify == NULL)
		return VIEW_DONE;
	return lb->notify(lb->notify_arg, a);
}

/* Undo. */

void
lb_change_begin(struct labeler *lb)
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

	if (!lb_changeable(lb))
		return LB_REDRAW;
	if (lb->nundo == 0) {
		/* One key submits a choice: the way back is the task
		 * before (Prodigy's undo). */
		lb_say(lb, "Nothing to undo on this task: %s goes back to the "
		    "previous one", lb_req_key(REQ_PREV_TASK));
		return LB_REDRAW;
	}
	snap = &lb->undo[--lb->nundo];
	load_result(lb, snap->result);
	lb->suggestion = snap->suggestion;
	json_decref(snap->result);
	lb->anchored = 0;
	lb_draw_after_undo(lb);
	lb_say(lb, "Undone");
	return LB_SAVE_DRAFT;
}

/* Messages. */

static void
say_how_to_choose(struct labeler *lb, const struct lb_control *ctl)
{
	struct buf	 keys = BUF_INIT;
	char		*name = lb_esc(ctl->control->name);
	const char	*key;
	size_t		 i, n = 0;

	if (ctl->control->kind == CONTROL_TEXT) {
		lb_say(lb, "Nothing written for %s: press %s to write it, or %s to"
		    " skip", name, lb_req_key(REQ_EDIT), lb_req_key(REQ_SKIP));
		goto out;
	}
	if (ctl->control->kind == CONTROL_RATING) {
		lb_say(lb, "Nothing chosen for %s: press 1-%s to rate, or %s to "
		    "skip", name, ctl->control->max >= 10 ? "9 or 0 (10)" :
		    (char[2]){ (char)('0' + ctl->control->max), '\0' },
		    lb_req_key(REQ_SKIP));
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
		lb_say(lb, "Nothing chosen for %s: press %s to pick a label, or "
		    "%s to skip", name, lb_req_key(REQ_PICKER),
		    lb_req_key(REQ_SKIP));
		goto out;
	}
	lb_say(lb, "Nothing chosen for %s: press %s (%s: all labels) or %s to "
	    "skip", name, buf_str(&keys), lb_req_key(REQ_PICKER),
	    lb_req_key(REQ_SKIP));
	/* The status line has 78 columns: the keys are on the palette. */
	if (utf8_width(lb->status, strlen(lb->status)) > STATUS_FITS)
		lb_say(lb, "Nothing chosen for %s: press a label's key (%s: all "
		    "labels) or %s to skip", name, lb_req_key(REQ_PICKER),
		    lb_req_key(REQ_SKIP));
out:
	free(name);
	buf_release(&keys);
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
	char			*name;
	size_t			 i, n;
	enum lb_action		 action = LB_REDRAW;

	if (!lb_changeable(lb))
		return LB_REDRAW;
	name = lb_esc(c->labels[label].name);
	if (c->kind == CONTROL_MULTICHOICE) {
		lb_change_begin(lb);
		ctl->v->chosen[label] = !ctl->v->chosen[label];
		if (c->allow_empty && ans_value_empty(ctl->v))
			lb_say(lb, "%s taken off: none chosen, %s records that"
			    " none apply", name, lb_req_key(REQ_SUBMIT));
		else
			lb_say(lb, "%s %s", name, ctl->v->chosen[label] ?
			    "chosen" : "taken off");
		free(name);
		return LB_SAVE_DRAFT;
	}
	/* Choice: the same label again changes nothing. */
	for (i = n = 0; i < c->nlabels; i++)
		n += ctl->v->chosen[i] && (int)i != label;
	if (!ctl->v->chosen[label] || n > 0) {
		lb_change_begin(lb);
		memset(ctl->v->chosen, 0, c->nlabels);
		ctl->v->chosen[label] = 1;
		action = LB_SAVE_DRAFT;
	}
	/* Move on to a control still to be done; alone, submit. */
	if ((next = move_to_empty(lb)) != NULL) {
		free(name);
		name = lb_esc(next);
		lb_say(lb, "Now %s", name);
		free(name);
		return action;
	}
	if (lb->config->require_enter || count_editable(lb) > 1) {
		lb_say(lb, "%s chosen: %s submits", name, lb_req_key(REQ_SUBMIT));
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
		return lb_label_span(lb, ctl, label);
	if (ctl->control->kind == CONTROL_BOXES)
		return lb_label_box(lb, ctl, label);
	if (ctl->control->kind == CONTROL_POLYGONS)
		return lb_label_polygon(lb, ctl, label);
	return choose(lb, ctl, label);
}

static enum lb_action
rate(struct labeler *lb, struct lb_control *ctl, int value)
{
	enum lb_action	 action = LB_REDRAW;
	const char	*next;
	char		*name;

	if (value < 1 || value > ctl->control->max) {
		lb_say(lb, "Ratings go from 1 to %d", ctl->control->max);
		return LB_REDRAW;
	}
	if (!lb_changeable(lb))
		return LB_REDRAW;
	if (ctl->v->rating != value) {
		lb_change_begin(lb);
		ctl->v->rating = value;
		action = LB_SAVE_DRAFT;
	}
	/* As a choice does: on to a control still to be done. */
	if ((next = move_to_empty(lb)) != NULL) {
		name = lb_esc(next);
		lb_say(lb, "Rated %d; now %s", value, name);
		free(name);
	} else
		lb_say(lb, "Rated %d: %s submits", value, lb_req_key(REQ_SUBMIT));
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

/* The picker: every label of the palette, for more labels than keys, in
 * the driver's picker. */

static enum view_rc
picked(void *arg, size_t i)
{
	struct labeler		*lb = arg;
	struct lb_control	*ctl = lb_current(lb);

	lb->status[0] = '\0';
	if (ctl == NULL || i >= lb->npicks)
		return lb_notify(lb, LB_REDRAW);
	return lb_notify(lb, apply_label(lb, ctl, lb->picks[i]));
}

static enum lb_action
picker_open(struct labeler *lb, struct lb_control *ctl)
{
	struct pick_item	*items;
	const struct label	*l;
	struct pick		 p;
	size_t			 i;

	lb->npicks = 0;
	for (i = 0; ctl != NULL && ctl->control->kind != CONTROL_RATING &&
	    i < ctl->control->nlabels; i++)
		if (!ctl->control->labels[i].retired)
			lb->picks[lb->npicks++] = (int)i;
	if (lb->npicks == 0 || lb->drv == NULL) {
		lb_say(lb, "No labels to pick from here");
		return LB_REDRAW;
	}
	items = xcalloc(lb->npicks, sizeof *items);
	for (i = 0; i < lb->npicks; i++) {
		l = &ctl->control->labels[lb->picks[i]];
		items[i].key = ctl->keys[lb->picks[i]];
		items[i].text = l->name;
		items[i].note = l->description;
		items[i].mark = ctl->control->kind == CONTROL_SPANS ||
		    ctl->control->kind == CONTROL_BOXES ||
		    ctl->control->kind == CONTROL_POLYGONS ? -1 :
		    ctl->v->chosen[lb->picks[i]];
	}
	p.title = " Labels ";
	p.items = items;
	p.n = lb->npicks;
	p.close_key = keymap_key_of(REQ_PICKER);
	p.picked = picked;
	p.arg = lb;
	drv_pick(lb->drv, &p);
	free(items);
	return LB_REDRAW;
}

/* A text control's editor: the driver's prompt, a line or a box. */

static enum view_rc
edit_done(void *arg, const char *text)
{
	struct labeler		*lb = arg;
	struct lb_control	*ctl = lb_current(lb);
	const char		*next;
	char			*name;

	lb->status[0] = '\0';
	if (ctl == NULL || ctl->control->kind != CONTROL_TEXT)
		return lb_notify(lb, LB_REDRAW);
	if (strcmp(text, ctl->v->text != NULL ? ctl->v->text : "") == 0)
		return lb_notify(lb, LB_REDRAW);
	lb_change_begin(lb);
	free(ctl->v->text);
	ctl->v->text = *text != '\0' ? xstrdup(text) : NULL;
	if ((next = move_to_empty(lb)) != NULL) {
		name = lb_esc(next);
		lb_say(lb, "Written; now %s", name);
		free(name);
	} else
		lb_say(lb, "Written: %s submits", lb_req_key(REQ_SUBMIT));
	return lb_notify(lb, LB_SAVE_DRAFT);
}

static enum lb_action
edit_open(struct labeler *lb, struct lb_control *ctl)
{
	struct prompt	 p;
	char		*label;

	if (!lb_changeable(lb))
		return LB_REDRAW;
	if (lb->drv == NULL) {
		lb_say(lb, "No editor here");
		return LB_REDRAW;
	}
	label = ctl->control->multiline ? xasprintf(" %s ",
	    ctl->control->name) : xasprintf("%s: ", ctl->control->name);
	p.label = label;
	p.initial = ctl->v->text;
	p.hint = ctl->control->multiline ? "^D keeps it, Esc cancels" :
	    "Enter keeps it, Esc cancels";
	p.flags = ctl->control->multiline ? PROMPT_MULTILINE : 0;
	p.done = edit_done;
	p.cancel = NULL;
	p.arg = lb;
	drv_prompt(lb->drv, &p);
	free(label);
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
		lb_say(lb, "There is one control to label here");
		return LB_REDRAW;
	}
	for (i = 1; i < lb->ncontrols; i++) {
		k = (lb->current + i) % lb->ncontrols;
		if (lb->controls[k].editable)
			break;
	}
	lb->current = k;
	lb->anchored = 0;
	name = lb_esc(lb->controls[k].control->name);
	lb_say(lb, "Now %s", name);
	free(name);
	return LB_REDRAW;
}

/* The KEYS_ groups of the control keys go to. */
int
labeler_groups(const struct labeler *lb)
{
	const struct lb_control	*ctl = lb_current(lb);

	if (ctl == NULL)
		return KEYS_NOTHING;
	/* Over an image, whatever the kind: its zoom; zoomed in with no
	 * crosshair, the view's pan. */
	return control_kind_keys(ctl->control->kind) |
	    (lb->image != NULL ? KEYS_IMAGE : 0) | (lb->image != NULL &&
	    lb->draw != NULL && lb->draw->zoom > 1 && !lb_draw_mode(lb) ?
	    KEYS_PAN : 0);
}

/* 1 when the config has a boxes or polygons control: its keys are known
 * here. */
static int
draws(const struct labeler *lb)
{
	size_t	i;

	for (i = 0; i < lb->ncontrols; i++)
		if ((control_kind_keys(lb->controls[i].control->kind) &
		    KEYS_DRAW) && !lb->controls[i].control->retired)
			return 1;
	return 0;
}

static enum lb_action
request(struct labeler *lb, int key)
{
	enum request	 req;
	enum lb_action	 a;
	int		 groups = labeler_groups(lb);

	req = keymap_request(KS_LABELER | KS_DRIVER, groups, key);
	if (lb_draw_mode(lb) && (a = lb_draw_request(lb, req)) != LB_PASS)
		return a;
	switch (req) {
	case REQ_SUBMIT:
		return submit(lb);
	case REQ_UNDO:
		return undo(lb);
	case REQ_NEXT_CONTROL:
		return next_control(lb);
	case REQ_PICKER:
		return picker_open(lb, lb_current(lb));
	case REQ_EDIT:
		return edit_open(lb, lb_current(lb));
	case REQ_NEXT_TOKEN:
	case REQ_PREV_TOKEN:
	case REQ_SELECT_NEXT:
	case REQ_SELECT_PREV:
	case REQ_TOKENS_NEXT:
	case REQ_TOKENS_PREV:
	case REQ_HINTS:
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
	case REQ_SCROLL_DOWN:
	case REQ_SCROLL_UP:
	case REQ_TOP:
	case REQ_BOTTOM:
	case REQ_PAGE_DOWN:
	case REQ_PAGE_UP:
		return lb_text_request(lb, req);
	case REQ_ZOOM_IN:
	case REQ_ZOOM_OUT:
		return lb_zoom(lb, req == REQ_ZOOM_IN);
	case REQ_PAN_LEFT:
	case REQ_PAN_RIGHT:
		return lb_pan(lb, req == REQ_PAN_LEFT ? -1 : 1, 0);
	case REQ_PAN_UP:
	case REQ_PAN_DOWN:
		return lb_pan(lb, 0, req == REQ_PAN_UP ? -1 : 1);
	case REQ_CANCEL:
		if (lb_draw_mode(lb) && lb_draw_cancel(lb))
			return LB_REDRAW;
		if (lb->anchored) {
			lb->anchored = 0;
			lb_say(lb, "Selection cancelled");
			return LB_REDRAW;
		}
		return LB_PASS;
	default:
		break;
	}
	/* A key for another kind of control: say which. */
	if (req == REQ_NONE && draws(lb) && !lb_draw_mode(lb) &&
	    keymap_request(KS_LABELER,
	    KEYS_DRAW | KEYS_BOXES | KEYS_POLYGONS, key) != REQ_NONE) {
		lb_say(lb, "That key draws on an image, and %s",
		    lb->image == NULL ? "this task is a text" :
		    "this image's size is not known");
		return LB_REDRAW;
	}
	if (req == REQ_NONE && lb_poly_mode(lb) && keymap_request(KS_LABELER,
	    KEYS_BOXES, key) != REQ_NONE) {
		lb_say(lb, "That key draws boxes; on polygons %s adds a vertex",
		    lb_req_key(REQ_VERTEX));
		return LB_REDRAW;
	}
	if (req == REQ_NONE && keymap_request(KS_LABELER, KEYS_MARK, key) !=
	    REQ_NONE) {
		lb_say(lb, "That key is for marking spans in a text");
		return LB_REDRAW;
	}
	return LB_PASS;
}

enum lb_action
labeler_key(struct labeler *lb, int key)
{
	struct lb_control	*ctl = lb_current(lb);
	enum lb_action		 action;
	int			 label;

	lb->status[0] = '\0';
	key = keymap_normal(key);
	if (key == K_RESIZE)
		return LB_REDRAW;
	/* While t's hints are shown a letter is a hint; another key ends
	 * them and means what it does. */
	if (lb->hinting && lb_spans_mode(lb) &&
	    (action = lb_hint_key(lb, key)) != LB_PASS)
		goto out;
	if (lb_draw_mode(lb) && lb->draw->hinting &&
	    (action = lb_draw_hint_key(lb, key)) != LB_PASS)
		goto out;
	if (ctl != NULL && ctl->editable &&
	    (label = label_for_key(ctl, key)) >= 0)
		action = apply_label(lb, ctl, label);
	else if (ctl != NULL && ctl->editable &&
	    ctl->control->kind == CONTROL_RATING && key >= '0' && key <= '9')
		action = rate(lb, ctl, key == '0' ? 10 : key - '0');
	else
		action = request(lb, key);
out:
	if (action == LB_NONE && lb->status[0] != '\0')
		action = LB_REDRAW;
	lb->last = action;
	return action;
}

void
labeler_attach(struct labeler *lb, struct driver *drv,
    enum view_rc (*fn)(void *, enum lb_action), void *arg)
{
	lb->drv = drv;
	lb->notify = fn;
	lb->notify_arg = arg;
}

void
labeler_set_others(struct labeler *lb, const struct lb_other *others,
    size_t n, int own_colour)
{
	lb->others = others;
	lb->nothers = n;
	lb->own_colour = own_colour;
	if (lb->draw != NULL)
		lb->draw->gen++;
}

void
labeler_set_readonly(struct labeler *lb, const char *why)
{
	free(lb->readonly);
	lb->readonly = why != NULL ? xstrdup(why) : NULL;
}

/* Life cycle and the rest of the API. */

struct labeler *
labeler_new(const struct config *config, const struct lb_task *task,
    const json_t *initial, int from_prediction)
{
	const char		*text = task != NULL ? task->text : NULL;
	size_t			 len = task != NULL ? task->len : 0;
	struct labeler		*lb = xcalloc(1, sizeof *lb);
	struct lb_control	*ctl;
	const struct control	*c;
	size_t			 i, j, most = 0, dropped;

	lb->config = config;
	lb->width = 80;
	lb->height = 20;
	if (text != NULL) {
		lb->text = text_new_tokens(text, len, task->tokens);
		lb->layout = text_layout_new(lb->text, lb->width);
	}
	lb->task.text = lb->text != NULL ? lb->text->s : NULL;
	lb->task.text_len = len;
	if (task != NULL && task->image != NULL) {
		lb->image = xstrdup(task->image);
		lb->task.width = task->width;
		lb->task.height = task->height;
	}
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
		case CONTROL_TEXT:
			ctl->editable = 1;
			break;
		case CONTROL_SPANS:
			ctl->editable = lb->text != NULL && c->nlabels > 0;
			break;
		case CONTROL_BOXES:
		case CONTROL_POLYGONS:
			/* Drawn in pixels of the image: its size is known. */
			ctl->editable = lb->image != NULL && c->nlabels > 0 &&
			    lb->task.width > 0 && lb->task.height > 0;
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
	lb->picks = xcalloc(most + 1, sizeof *lb->picks);
	lb_draw_open(lb);
	dropped = load_result(lb, initial);
	lb->suggestion = from_prediction && json_is_object(initial);
	if (dropped > 0)
		lb_say(lb, "%zu value%s of the %s did not fit the project's "
		    "labels or the text and %s left out", dropped,
		    dropped == 1 ? "" : "s",
		    from_prediction ? "suggestion" : "saved annotation",
		    dropped == 1 ? "was" : "were");
	else if (lb->current == lb->ncontrols)
		lb_say(lb, "Nothing on this task can be labelled here: press %s "
		    "to skip", lb_req_key(REQ_SKIP));
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
	free(lb->picks);
	free(lb->image);
	if (lb->draw != NULL)
		free(lb->draw->open);
	free(lb->draw);
	free(lb->readonly);
	free(lb->last_search);
	text_layout_free(lb->layout);
	text_free(lb->text);
	free(lb);
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


const struct lb_control *
labeler_control(const struct labeler *lb)
{
	return lb_current(lb);
}
