/* The driver's overlays (see overlay.h): their state, their keys and how
 * they are drawn. Keys are read through the key table, as a list's or a
 * text's would be (j/k, PgUp/PgDn, Home/End, Enter, Esc), so the help
 * stays true for them too. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/keymap.h"
#include "tui/overlay.h"
#include "tui/screen.h"
#include "tui/text.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define PICK_WIDTH	50	/* the picker box's inside */
#define PICK_HINT	"type to filter, Up/Down move, Enter picks, Esc closes"
#define PICK_BOX_HINT	"type to filter; Enter picks, Esc closes"

void
overlay_close(struct overlay *ov)
{
	size_t	i;

	text_layout_free(ov->layout);
	text_free(ov->text);
	ov->layout = NULL;
	ov->text = NULL;
	for (i = 0; ov->items != NULL && i < ov->pick.n; i++) {
		free((char *)ov->items[i].text);
		free((char *)ov->items[i].note);
	}
	free(ov->items);
	ov->items = NULL;
	free(ov->shown);
	ov->shown = NULL;
	ov->nshown = 0;
	buf_release(&ov->filter);
	free(ov->label);
	free(ov->hint);
	ov->label = ov->hint = NULL;
	buf_release(&ov->line);
	free(ov->question);
	ov->question = NULL;
	ov->kind = OV_NONE;
}

void
overlay_text(struct overlay *ov, enum overlay_kind kind, const char *text)
{
	overlay_close(ov);
	ov->text = text_new(text, strlen(text));
	ov->top = 0;
	ov->kind = kind;
}

void
overlay_pick(struct overlay *ov, const struct pick *p)
{
	size_t	i;

	overlay_close(ov);
	if (p->n == 0)
		return;
	ov->pick = *p;
	ov->items = xcalloc(p->n, sizeof *ov->items);
	for (i = 0; i < p->n; i++) {
		ov->items[i] = p->items[i];
		ov->items[i].text = xstrdup(p->items[i].text);
		ov->items[i].note = p->items[i].note != NULL &&
		    p->items[i].note[0] != '\0' ? xstrdup(p->items[i].note) :
		    NULL;
	}
	ov->pick.items = ov->items;
	ov->shown = xcalloc(p->n, sizeof *ov->shown);
	for (i = 0; i < p->n; i++)
		ov->shown[i] = i;
	ov->nshown = p->n;
	ov->cursor = 0;
	ov->kind = OV_PICK;
}

size_t
overlay_pick_item(const struct overlay *ov)
{
	return ov->cursor < ov->nshown ? ov->shown[ov->cursor] : ov->pick.n;
}

/* 1 when s holds part, ASCII letters in any case. */
static int
holds(const char *s, const char *part, size_t len)
{
	size_t	i, j;

	for (i = 0; s[i] != '\0'; i++) {
		for (j = 0; j < len && s[i + j] != '\0'; j++)
			if (tolower((unsigned char)s[i + j]) !=
			    tolower((unsigned char)part[j]))
				break;
		if (j == len)
			return 1;
	}
	return len == 0;
}

/* The items whose text holds the filter, the cursor on the first. */
static void
pick_filter(struct overlay *ov)
{
	size_t	i;

	ov->nshown = 0;
	for (i = 0; i < ov->pick.n; i++)
		if (holds(ov->items[i].text, buf_str(&ov->filter),
		    ov->filter.len))
			ov->shown[ov->nshown++] = i;
	ov->cursor = 0;
}

void
overlay_prompt(struct overlay *ov, const struct prompt *p)
{
	overlay_close(ov);
	ov->prompt = *p;
	ov->label = xstrdup(p->label != NULL ? p->label : "");
	ov->hint = p->hint != NULL ? xstrdup(p->hint) : NULL;
	ov->prompt.label = ov->label;
	ov->prompt.hint = ov->hint;
	ov->prompt.initial = NULL;
	buf_reset(&ov->line);
	buf_addstr(&ov->line, p->initial != NULL ? p->initial : "");
	ov->at = ov->line.len;
	ov->kind = OV_PROMPT;
}

void
overlay_confirm(struct overlay *ov, const char *question,
    enum view_rc (*answer)(void *, int), void *arg)
{
	overlay_close(ov);
	ov->question = xstrdup(question);
	ov->answer = answer;
	ov->arg = arg;
	ov->kind = OV_CONFIRM;
}

/* What a key means in an overlay: the table's scrolling and list keys. */
static enum request
list_request(int key)
{
	enum request	req = keymap_request(KS_LABELER, KEYS_SCROLL, key);

	if (req == REQ_NONE)
		req = keymap_request(KS_LABELER | KS_DRIVER, KEYS_ANY, key);
	return req;
}

static enum view_rc
text_key(struct overlay *ov, int key)
{
	int	ow, oh;
	size_t	last = 0, step;

	screen_overlay_area(ov->w, ov->h, &ow, &oh);
	if (ov->layout != NULL && ov->layout->nlines > (size_t)oh)
		last = ov->layout->nlines - (size_t)oh;
	step = oh > 1 ? (size_t)oh - 1 : 1;
	switch (list_request(key)) {
	case REQ_TOP:
		ov->top = 0;
		break;
	case REQ_BOTTOM:
		ov->top = last;
		break;
	case REQ_SCROLL_DOWN:
		if (ov->top < last)
			ov->top++;
		break;
	case REQ_SCROLL_UP:
		if (ov->top > 0)
			ov->top--;
		break;
	case REQ_PAGE_DOWN:
		ov->top = ov->top + step > last ? last : ov->top + step;
		break;
	case REQ_PAGE_UP:
		ov->top = ov->top > step ? ov->top - step : 0;
		break;
	default:
		/* Any other key closes it, and only that. */
		overlay_close(ov);
	}
	return VIEW_DONE;
}

static enum view_rc
pick_key(struct overlay *ov, int key, char *status, size_t statuslen)
{
	enum view_rc	(*picked)(void *, size_t) = ov->pick.picked;
	void		*arg = ov->pick.arg;
	size_t		 i, n = ov->nshown;
	char		 ch[8];

	/* An item's own key picks it, whatever else the key means. */
	for (i = 0; key > 0 && key < K_BASE && i < ov->pick.n; i++)
		if (ov->items[i].key == (uint32_t)key) {
			overlay_close(ov);
			return picked(arg, i);
		}
	if (key == ov->pick.close_key && key != K_NONE &&
	    ov->filter.len == 0) {
		overlay_close(ov);
		return VIEW_DONE;
	}
	/* Any other character filters; Backspace takes one back. */
	if (key >= ' ' && key < K_BASE) {
		ch[utf8_encode((uint32_t)key, ch)] = '\0';
		buf_addstr(&ov->filter, ch);
		pick_filter(ov);
		if (ov->nshown == 0)
			snprintf(status, statuslen, "No label holds \"%s\": %s"
			    " takes a character back", buf_str(&ov->filter),
			    keymap_key_name(K_BACKSPACE));
		return VIEW_DONE;
	}
	if (key == K_BACKSPACE && ov->filter.len > 0) {
		while (ov->filter.len > 0 && ((unsigned char)
		    ov->filter.data[--ov->filter.len] & 0xc0) == 0x80)
			;
		ov->filter.data[ov->filter.len] = '\0';
		pick_filter(ov);
		return VIEW_DONE;
	}
	switch (list_request(key)) {
	case REQ_CANCEL:
	case REQ_QUIT:
		overlay_close(ov);
		return VIEW_DONE;
	case REQ_SCROLL_DOWN:
		if (ov->cursor + 1 < n)
			ov->cursor++;
		return VIEW_DONE;
	case REQ_SCROLL_UP:
		if (ov->cursor > 0)
			ov->cursor--;
		return VIEW_DONE;
	case REQ_PAGE_DOWN:
	case REQ_BOTTOM:
		ov->cursor = n > 0 ? n - 1 : 0;
		return VIEW_DONE;
	case REQ_PAGE_UP:
	case REQ_TOP:
		ov->cursor = 0;
		return VIEW_DONE;
	case REQ_SUBMIT:
		if (n == 0) {
			snprintf(status, statuslen, "No label to pick: %s takes"
			    " a character back", keymap_key_name(K_BACKSPACE));
			return VIEW_DONE;
		}
		i = ov->shown[ov->cursor];
		overlay_close(ov);
		return picked(arg, i);
	default:
		break;
	}
	snprintf(status, statuslen, "%s", PICK_HINT);
	return VIEW_DONE;
}

/* The byte offset of the character before (or after) at. */
static size_t
char_before(const struct buf *b, size_t at)
{
	while (at > 0 && ((unsigned char)b->data[--at] & 0xc0) == 0x80)
		;
	return at;
}

static size_t
char_after(const struct buf *b, size_t at)
{
	if (at >= b->len)
		return b->len;
	at++;
	while (at < b->len && ((unsigned char)b->data[at] & 0xc0) == 0x80)
		at++;
	return at;
}

/* Removes bytes [from, to) of the line. */
static void
line_cut(struct overlay *ov, size_t from, size_t to)
{
	memmove(ov->line.data + from, ov->line.data + to,
	    ov->line.len - to + 1);
	ov->line.len -= to - from;
	ov->at = from;
}

static void
line_insert(struct overlay *ov, const char *s, size_t n)
{
	size_t	tail = ov->line.len - ov->at;

	buf_grow(&ov->line, n);
	memmove(ov->line.data + ov->at + n, ov->line.data + ov->at, tail + 1);
	memcpy(ov->line.data + ov->at, s, n);
	ov->line.len += n;
	ov->at += n;
}

/* The prompt's answer: the callback runs after the prompt is closed, with
 * the text kept until it returns. */
static enum view_rc
prompt_finish(struct overlay *ov, int done)
{
	struct prompt	 p = ov->prompt;
	char		*text = xstrdup(buf_str(&ov->line));
	enum view_rc	 rc = VIEW_DONE;

	overlay_close(ov);
	if (done)
		rc = p.done(p.arg, text);
	else if (p.cancel != NULL)
		rc = p.cancel(p.arg);
	free(text);
	return rc;
}

static enum view_rc
prompt_key(struct overlay *ov, int key)
{
	char	enc[16];
	int	multi = ov->prompt.flags & PROMPT_MULTILINE;

	switch (key) {
	case K_ESC:
		return prompt_finish(ov, 0);
	case K_ENTER:
		if (!multi)
			return prompt_finish(ov, 1);
		line_insert(ov, "\n", 1);
		return VIEW_DONE;
	case 0x04:	/* ^D: end of the text */
		return prompt_finish(ov, 1);
	case K_BACKSPACE:
		if (ov->line.len == 0 && (ov->prompt.flags & PROMPT_BS_CLOSES)) {
			overlay_close(ov);
			return VIEW_DONE;
		}
		if (ov->at > 0)
			line_cut(ov, char_before(&ov->line, ov->at), ov->at);
		return VIEW_DONE;
	case K_DELETE:
		if (ov->at < ov->line.len)
			line_cut(ov, ov->at, char_after(&ov->line, ov->at));
		return VIEW_DONE;
	case K_LEFT:
		ov->at = char_before(&ov->line, ov->at);
		return VIEW_DONE;
	case K_RIGHT:
		ov->at = char_after(&ov->line, ov->at);
		return VIEW_DONE;
	case K_HOME:
	case 0x01:	/* ^A */
		ov->at = 0;
		return VIEW_DONE;
	case K_END:
	case 0x05:	/* ^E */
		ov->at = ov->line.len;
		return VIEW_DONE;
	case 0x15:	/* ^U: all of it goes */
		line_cut(ov, 0, ov->line.len);
		return VIEW_DONE;
	}
	/* Printable text only: nothing typed can reach a terminal raw. */
	if (key < 0x20 || key >= K_BASE || (key >= 0xd800 && key <= 0xdfff) ||
	    escape_cp((uint32_t)key, enc))
		return VIEW_DONE;
	line_insert(ov, enc, (size_t)utf8_encode((uint32_t)key, enc));
	return VIEW_DONE;
}

enum view_rc
overlay_key(struct overlay *ov, int key, char *status, size_t statuslen)
{
	enum view_rc	(*answer)(void *, int) = ov->answer;
	void		*arg = ov->arg;

	status[0] = '\0';
	switch (ov->kind) {
	case OV_HELP:
	case OV_INSTRUCTIONS:
		return text_key(ov, key);
	case OV_PICK:
		return pick_key(ov, key, status, statuslen);
	case OV_PROMPT:
		return prompt_key(ov, key);
	case OV_CONFIRM:
		overlay_close(ov);
		return answer(arg, key == 'y' || key == 'Y');
	case OV_NONE:
		break;
	}
	return VIEW_PASS;
}

/* A text laid out into a box, lines first .. first + rows - 1. */
static void
put_lines(struct screen *scr, const struct text_layout *tl, size_t first,
    int rows, int top, int left, int width)
{
	struct text_cells	 cells = TEXT_CELLS_INIT;
	size_t			 i, line;
	int			 row, attr;

	for (row = 0; tl != NULL && row < rows; row++) {
		line = first + (size_t)row;
		if (line >= tl->nlines)
			break;
		text_layout_cells(tl, line, &cells);
		for (i = 0; i < cells.n; i++) {
			attr = cells.v[i].attr & TEXT_ESCAPED ? SA_REVERSE : 0;
			if (cells.v[i].str[0] == ' ' && cells.v[i].width > 1)
				continue;
			screen_put(scr, top + row, left + cells.v[i].col,
			    left + width, cells.v[i].str, attr, 0);
			if (attr)
				screen_paint(scr, top + row, left +
				    cells.v[i].col, left + cells.v[i].col +
				    cells.v[i].width, attr, 0);
		}
	}
	text_cells_release(&cells);
}

static void
compose_text(struct overlay *ov, struct screen *scr)
{
	int	 ow, oh, top, left, shown;
	char	 pos[128];

	screen_overlay_area(scr->w, scr->h, &ow, &oh);
	if (ov->layout == NULL || ov->layout->width != ow) {
		text_layout_free(ov->layout);
		ov->layout = text_layout_new(ov->text, ow);
	}
	if (ov->layout->nlines <= (size_t)oh)
		ov->top = 0;
	else if (ov->top > ov->layout->nlines - (size_t)oh)
		ov->top = ov->layout->nlines - (size_t)oh;
	screen_box(scr, ow, oh + 1, ov->kind == OV_HELP ? " Keys " :
	    " Instructions ", &top, &left);
	put_lines(scr, ov->layout, ov->top, oh, top, left, ow);
	shown = ov->layout->nlines - ov->top < (size_t)oh ?
	    (int)(ov->layout->nlines - ov->top) : oh;
	if (ov->layout->nlines > (size_t)oh)
		snprintf(pos, sizeof pos, "j/k/PgUp/PgDn scroll (%zu-%zu of "
		    "%zu), any other key closes", ov->top + 1,
		    ov->top + (size_t)shown, ov->layout->nlines);
	else
		snprintf(pos, sizeof pos, "Any key closes");
	screen_put(scr, top + oh, left, left + ow, pos, SA_DIM, 0);
}

static void
compose_pick(struct overlay *ov, struct screen *scr)
{
	const struct pick_item	*it;
	struct buf		 b = BUF_INIT;
	int			 ow = PICK_WIDTH, oh, top, left, row, col, attr;
	size_t			 first = 0, i, n = ov->pick.n;

	/* As tall as every item (the filter keeps the box's size). */
	oh = scr->h - 8;
	if ((size_t)oh > n + 1)
		oh = (int)n + 1;
	if (ov->cursor >= (size_t)oh - 1)
		first = ov->cursor - (size_t)oh + 2;
	screen_box(scr, ow, oh, ov->pick.title, &top, &left);
	for (row = 0; row < oh - 1 && first + (size_t)row < ov->nshown;
	    row++) {
		i = ov->shown[first + (size_t)row];
		it = &ov->items[i];
		attr = first + (size_t)row == ov->cursor ? SA_REVERSE : 0;
		col = screen_put(scr, top + row, left, left + ow,
		    attr ? "> " : "  ", attr, 0);
		if (it->key != 0) {
			col = screen_put(scr, top + row, col, left + ow,
			    keymap_key_name((int)it->key), attr | SA_BOLD, 0);
			col = screen_put(scr, top + row, col, left + ow, " ",
			    attr, 0);
		} else
			col = screen_put(scr, top + row, col, left + ow, "  ",
			    attr, 0);
		if (it->mark >= 0)
			col = screen_put(scr, top + row, col, left + ow,
			    it->mark ? "[x] " : "[ ] ", attr, 0);
		col = screen_put(scr, top + row, col, left + ow, it->text, attr,
		    0);
		if (it->note != NULL) {
			col = screen_put(scr, top + row, col, left + ow, "  ",
			    attr, 0);
			screen_put(scr, top + row, col, left + ow, it->note,
			    attr | SA_DIM, 0);
		}
		screen_paint(scr, top + row, left, left + ow, attr, 0);
	}
	/* What is typed, and how many it keeps; else how to use it. */
	if (ov->filter.len > 0) {
		buf_addstr(&b, "filter: ");
		escape_add(&b, ov->filter.data, ov->filter.len, 0);
		buf_printf(&b, "  (%zu of %zu)", ov->nshown, n);
		screen_put(scr, top + oh - 1, left, left + ow, buf_str(&b),
		    SA_BOLD, 0);
	} else
		screen_put(scr, top + oh - 1, left, left + ow, PICK_BOX_HINT,
		    SA_DIM, 0);
	buf_release(&b);
}

/* One line: the label and the text in bold, the cursor's cell reversed
 * (the terminal's cursor is hidden), the hint at the right. */
static void
compose_line(struct overlay *ov, struct screen *scr, const struct view_frame *f)
{
	const char	*s = buf_str(&ov->line);
	struct buf	 b = BUF_INIT;
	int		 row = f->prompt_row > 0 ? f->prompt_row : scr->h - 2;
	int		 end = f->prompt_end > 0 ? f->prompt_end : scr->w - 1;
	int		 col;
	size_t		 next;

	screen_paint(scr, row, 1, end, 0, 0);
	for (col = 1; col < end; col++) {
		strcpy(screen_at(scr, row, col)->str, " ");
		screen_at(scr, row, col)->attr = 0;
	}
	buf_addstr(&b, ov->label);
	buf_add(&b, s, ov->at);
	col = screen_put(scr, row, 1, end, buf_str(&b), SA_BOLD, 0);
	next = char_after(&ov->line, ov->at);
	buf_reset(&b);
	buf_add(&b, s + ov->at, next - ov->at);
	col = screen_put(scr, row, col, end, b.len > 0 ? buf_str(&b) : " ",
	    SA_REVERSE | SA_BOLD, 0);
	col = screen_put(scr, row, col, end, s + next, SA_BOLD, 0);
	if (ov->hint != NULL && col + 2 + (int)strlen(ov->hint) <= end)
		screen_put(scr, row, end - (int)strlen(ov->hint), end,
		    ov->hint, SA_DIM, 0);
	buf_release(&b);
}

/* Several lines: a box with the text wrapped, and the cursor's cell
 * reversed. */
static void
compose_lines(struct overlay *ov, struct screen *scr)
{
	struct text		*t;
	struct text_layout	*tl;
	size_t			 cp, line, first = 0;
	int			 ow, oh, top, left, col;

	screen_overlay_area(scr->w, scr->h, &ow, &oh);
	t = text_new(buf_str(&ov->line), ov->line.len);
	tl = text_layout_new(t, ow - 1);
	cp = utf8_count(ov->line.data != NULL ? ov->line.data : "", ov->at);
	line = text_layout_line_of(tl, cp);
	if (line >= (size_t)oh)
		first = line - (size_t)oh + 1;
	screen_box(scr, ow, oh + 1, ov->label, &top, &left);
	put_lines(scr, tl, first, oh, top, left, ow);
	col = left + text_layout_col_of(tl, cp);
	if (ov->at > 0 && ov->line.data[ov->at - 1] == '\n' &&
	    line + 1 < tl->nlines) {
		line++;
		col = left;
	}
	if (line >= first && line < first + (size_t)oh)
		screen_paint(scr, top + (int)(line - first), col, col + 1,
		    SA_REVERSE, 0);
	screen_put(scr, top + oh, left, left + ow, ov->hint != NULL ?
	    ov->hint : "^D keeps it, Esc cancels", SA_DIM, 0);
	text_layout_free(tl);
	text_free(t);
}

static void
compose_confirm(struct overlay *ov, struct screen *scr)
{
	int	top, left, ow = 60;

	screen_box(scr, ow, 3, " Sure? ", &top, &left);
	screen_text_block(scr, top, left, left + ow, top + 1, ov->question);
	screen_put(scr, top + 2, left, left + ow, "y: yes; any other key: no",
	    SA_DIM, 0);
}

void
overlay_compose(struct overlay *ov, struct screen *scr,
    const struct view_frame *f)
{
	ov->w = scr->w;
	ov->h = scr->h;
	switch (ov->kind) {
	case OV_HELP:
	case OV_INSTRUCTIONS:
		compose_text(ov, scr);
		break;
	case OV_PICK:
		compose_pick(ov, scr);
		break;
	case OV_PROMPT:
		if (ov->prompt.flags & PROMPT_MULTILINE)
			compose_lines(ov, scr);
		else
			compose_line(ov, scr, f);
		break;
	case OV_CONFIRM:
		compose_confirm(ov, scr);
		break;
	case OV_NONE:
		break;
	}
}
