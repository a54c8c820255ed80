/* The JSON splitter (jsonsplit.h): the document is read in 64 KiB chunks
 * into a buffer that grows only when one piece does not fit; the frame
 * around the pieces is walked as a small state machine, and a piece is
 * scanned for its end by counting brackets outside strings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/jsonsplit.h"
#include "formats/linereader.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define SPLIT_CHUNK	((size_t)64 << 10)
#define SPLIT_EOF	(-2)

/* Where the frame is: what may come next. */
enum {
	S_BEGIN,	/* before the document */
	S_ARRAY_FIRST,	/* after '[': a value or ']' */
	S_ARRAY_NEXT,	/* after a value: ',' or ']' */
	S_OBJECT_FIRST,	/* after '{': a name or '}' */
	S_OBJECT_NEXT,	/* after a member: ',' or '}' */
	S_TAIL,		/* after the document: nothing */
	S_DONE
};

void
jsonsplit_init(struct jsonsplit *js, FILE *f, const char *name)
{
	memset(js, 0, sizeof *js);
	js->f = f;
	js->name = name;
	js->max = FORMAT_LINE_MAX;
	js->line = js->col = 1;
	js->state = S_BEGIN;
}

void
jsonsplit_release(struct jsonsplit *js)
{
	free(js->buf);
	js->buf = NULL;
	js->alloc = js->start = js->end = 0;
	buf_release(&js->member);
}

uint64_t
jsonsplit_pos(const struct jsonsplit *js)
{
	return js->offset;
}

void
jsonsplit_place(const struct jsonsplit_item *it, int eline, int ecol,
    unsigned long *line, unsigned long *col)
{
	if (eline <= 1) {
		*line = it->line;
		*col = it->col + (ecol > 1 ? (unsigned long)ecol - 1 : 0);
	} else {
		*line = it->line + (unsigned long)eline - 1;
		*col = ecol > 0 ? (unsigned long)ecol : 1;
	}
}

/* Reads more, after moving what is unread to the buffer's start and
 * growing it when a piece fills it. 0, or -1 after reporting. */
static int
split_fill(struct jsonsplit *js)
{
	size_t	n, have = js->end - js->start;

	if (js->start > 0) {
		memmove(js->buf, js->buf + js->start, have);
		js->end = have;
		js->start = 0;
	}
	if (js->alloc - js->end < SPLIT_CHUNK) {
		n = js->alloc ? js->alloc * 2 : 2 * SPLIT_CHUNK;
		while (n - js->end < SPLIT_CHUNK)
			n *= 2;
		js->buf = xrealloc(js->buf, n);
		js->alloc = n;
	}
	n = fread(js->buf + js->end, 1, js->alloc - js->end, js->f);
	js->end += n;
	if (n == 0) {
		if (ferror(js->f))
			return error("%s: %s", js->name, strerror(errno));
		js->eof = 1;
	}
	return 0;
}

/* Moves past n bytes, counting lines. */
static void
split_advance(struct jsonsplit *js, size_t n)
{
	const char	*p = js->buf + js->start, *e = p + n, *nl;

	while ((nl = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		js->line++;
		js->col = 1;
		p = nl + 1;
	}
	js->col += (unsigned long)(e - p);
	js->start += n;
	js->offset += n;
}

/* The next byte that is not white space, not consumed: a byte,
 * SPLIT_EOF, or -1 after reporting. */
static int
split_peek(struct jsonsplit *js)
{
	for (;;) {
		while (js->start < js->end) {
			unsigned char c = (unsigned char)js->buf[js->start];

			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				return c;
			split_advance(js, 1);
		}
		if (js->eof)
			return SPLIT_EOF;
		if (split_fill(js) == -1)
			return -1;
	}
}

static int
split_error(struct jsonsplit *js, const char *what)
{
	return error("%s:%lu: %s at column %lu", js->name, js->line, what,
	    js->col);
}

/* What was found where the frame wants something else. */
static int
split_unexpected(struct jsonsplit *js, int c, const char *want)
{
	char	what[96];

	if (c == SPLIT_EOF)
		snprintf(what, sizeof what, "the file ends where %s should"
		    " come", want);
	else if (c >= 0x20 && c < 0x7f)
		snprintf(what, sizeof what, "'%c' where %s should come", c,
		    want);
	else
		snprintf(what, sizeof what, "byte 0x%02x where %s should"
		    " come", (unsigned)c, want);
	return split_error(js, what);
}

/* A piece over the limit: refused before the rest of it is read. */
static int
split_too_long(struct jsonsplit *js)
{
	if (js->max == FORMAT_LINE_MAX)
		return error("%s:%lu: the value that begins at column %lu is"
		    " longer than the limit of %zu MiB", js->name, js->line,
		    js->col, js->max >> 20);
	return error("%s:%lu: the value that begins at column %lu is longer"
	    " than the limit of %zu bytes", js->name, js->line, js->col,
	    js->max);
}

/* The bytes split_scan stops at inside a string, and outside one: the
 * rest it passes over a run at a time. */
static const unsigned char in_string_stop[256] = { ['"'] = 1, ['\\'] = 1 };
static const unsigned char outside_stop[256] = { ['"'] = 1, ['{'] = 1,
	['}'] = 1, ['['] = 1, [']'] = 1 };

/* The length of the value that begins at buf[start], which is not white
 * space, found without consuming it: a string, an object or array to its
 * closing bracket, a scalar to the next separator. 0, or -1 after
 * reporting. */
static int
split_scan(struct jsonsplit *js, size_t *lenp)
{
	size_t	i = 0, depth = 0;
	int	instr = 0, esc = 0, first = (unsigned char)js->buf[js->start];
	int	scalar = first != '{' && first != '[' && first != '"';

	for (;;) {
		const unsigned char	*p;
		size_t			 n;

		if (js->start + i >= js->end) {
			if (i > js->max)
				break;
			if (js->eof) {
				if (scalar)
					goto done;
				return split_error(js, "the file ends inside"
				    " the value that begins here");
			}
			if (split_fill(js) == -1)
				return -1;
			continue;
		}
		p = (const unsigned char *)js->buf + js->start;
		n = js->end - js->start;
		while (i < n) {
			int	c = p[i];

			if (instr) {
				if (esc) {
					esc = 0;
					i++;
					continue;
				}
				/* To the string's next quote or backslash. */
				while (i < n && !in_string_stop[p[i]])
					i++;
				if (i == n)
					break;
				if (p[i++] == '\\')
					esc = 1;
				else {
					instr = 0;
					if (depth == 0)
						goto done;
				}
				continue;
			}
			if (scalar) {
				if (c == ',' || c == ']' || c == '}' ||
				    c == ' ' || c == '\t' || c == '\n' ||
				    c == '\r')
					goto done;
				i++;
				continue;
			}
			/* To the next quote or bracket. */
			while (i < n && !outside_stop[p[i]])
				i++;
			if (i == n)
				break;
			c = p[i++];
			if (c == '"')
				instr = 1;
			else if (c == '{' || c == '[')
				depth++;
			else if (--depth == 0)
				goto done;
		}
	}
	return split_too_long(js);
done:
	if (i > js->max)
		return split_too_long(js);
	if (i == 0)
		return split_unexpected(js, first, "a value");
	*lenp = i;
	return 0;
}

/* Hands out the value at buf[start] as the next piece, consuming it. */
static int
split_value(struct jsonsplit *js, struct jsonsplit_item *it, int whole)
{
	size_t	len;

	if (split_scan(js, &len) == -1)
		return -1;
	it->member = js->top == '{' ? buf_str(&js->member) : NULL;
	it->whole = whole;
	it->index = whole ? 0 : js->index++;
	it->bytes = js->buf + js->start;
	it->len = len;
	it->line = js->line;
	it->col = js->col;
	it->offset = js->offset;
	split_advance(js, len);
	return 1;
}

/* A member's name (a JSON string) into js->member, and its ':'. */
static int
split_name(struct jsonsplit *js)
{
	json_error_t	 err;
	json_t		*s;
	size_t		 len;
	int		 c;

	if (split_scan(js, &len) == -1)
		return -1;
	s = json_loadb(js->buf + js->start, len, JSON_DECODE_ANY, &err);
	if (s == NULL || !json_is_string(s)) {
		json_decref(s);
		return split_error(js, "a member name that is not a valid"
		    " JSON string");
	}
	buf_reset(&js->member);
	buf_add(&js->member, json_string_value(s), json_string_length(s));
	json_decref(s);
	split_advance(js, len);
	if ((c = split_peek(js)) == -1)
		return -1;
	if (c != ':')
		return split_unexpected(js, c, "':'");
	split_advance(js, 1);
	return 0;
}

/* After an array's ']': the object's next member, or the end. */
static void
split_array_end(struct jsonsplit *js)
{
	js->state = js->top == '{' ? S_OBJECT_NEXT : S_TAIL;
}

/* A member's value: an array is entered (0), anything else given whole
 * (1); -1 after reporting. */
static int
split_member(struct jsonsplit *js, struct jsonsplit_item *it)
{
	int	c;

	if (split_name(js) == -1 || (c = split_peek(js)) == -1)
		return -1;
	if (c == '[') {
		split_advance(js, 1);
		js->index = 0;
		js->state = S_ARRAY_FIRST;
		return 0;
	}
	if (c == SPLIT_EOF)
		return split_unexpected(js, c, "a value");
	js->state = S_OBJECT_NEXT;
	return split_value(js, it, 1);
}

/* The ',' between two values, c its byte, and the byte after it into c.
 * 0, or -1 after reporting. */
static int
split_comma(struct jsonsplit *js, int *c, const char *want)
{
	if (*c != ',')
		return split_unexpected(js, *c, want);
	split_advance(js, 1);
	return (*c = split_peek(js)) == -1 ? -1 : 0;
}

int
jsonsplit_next(struct jsonsplit *js, struct jsonsplit_item *it)
{
	int	c, rc;

	for (;;) {
		if (js->state == S_DONE)
			return 0;
		if ((c = split_peek(js)) == -1)
			return -1;
		switch (js->state) {
		case S_BEGIN:
			if (js->offset == 0 && js->end - js->start >= 3 &&
			    memcmp(js->buf + js->start, "\xef\xbb\xbf", 3)
			    == 0) {
				/* A byte order mark is not data. */
				js->start += 3;
				js->offset += 3;
				continue;
			}
			if (c != '[' && c != '{') {
				if (c == SPLIT_EOF)
					return error("%s: the file is empty,"
					    " not a JSON array or object",
					    js->name);
				return split_error(js, "the file is not a JSON"
				    " array or object: it begins");
			}
			js->top = c;
			split_advance(js, 1);
			js->state = c == '[' ? S_ARRAY_FIRST : S_OBJECT_FIRST;
			continue;
		case S_ARRAY_FIRST:
		case S_ARRAY_NEXT:
			if (c == ']') {
				split_advance(js, 1);
				split_array_end(js);
				continue;
			}
			if (js->state == S_ARRAY_FIRST) {
				if (c == SPLIT_EOF)
					return split_unexpected(js, c, "a value"
					    " or ']'");
			} else if (split_comma(js, &c, "',' or ']'") == -1)
				return -1;
			if (c == SPLIT_EOF || c == ']' || c == ',')
				return split_unexpected(js, c, "a value");
			js->state = S_ARRAY_NEXT;
			return split_value(js, it, 0);
		case S_OBJECT_FIRST:
		case S_OBJECT_NEXT:
			if (c == '}') {
				split_advance(js, 1);
				js->state = S_TAIL;
				continue;
			}
			if (js->state == S_OBJECT_FIRST) {
				if (c != '"')
					return split_unexpected(js, c, "a"
					    " member name or '}'");
			} else if (split_comma(js, &c, "',' or '}'") == -1)
				return -1;
			else if (c != '"')
				return split_unexpected(js, c, "a member"
				    " name");
			if ((rc = split_member(js, it)) != 0)
				return rc;
			continue;
		case S_TAIL:
			if (c != SPLIT_EOF)
				return split_error(js, "text after the end of"
				    " the document");
			js->state = S_DONE;
			return 0;
		}
	}
}
