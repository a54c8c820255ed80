/* Key scripts and the headless display (see script.h): keys from a parsed
 * script, frames kept, not shown, so that `annotate --keys` runs the very
 * loop a terminal does. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/utf8.h"
#include "util/xmalloc.h"


struct key_script {
	int	*keys;		/* K_RESIZE entries take their size from */
	int	*ws;		/* ws/hs at the same index */
	int	*hs;
	size_t	 n;
	size_t	 alloc;
	size_t	 next;
};

static void
script_add(struct key_script *ks, int key, int w, int h)
{
	ARRAY_GROW(ks->keys, ks->n + 1, ks->alloc);
	/* The three arrays grow together: alloc moved for keys. */
	ks->ws = xreallocarray(ks->ws, ks->alloc, sizeof *ks->ws);
	ks->hs = xreallocarray(ks->hs, ks->alloc, sizeof *ks->hs);
	ks->keys[ks->n] = key;
	ks->ws[ks->n] = w;
	ks->hs[ks->n] = h;
	ks->n++;
}

/* The value of the digits (base 10 or 16) at *p, up to end, moving *p
 * past them; -1 when there are none or the value passes max. No sign,
 * space or 0x: a key script's numbers are digits. */
static long
digits(const char **p, const char *end, int base, long max)
{
	const char	*q = *p;
	long		 v = 0;
	int		 d;

	for (; q < end; q++) {
		if (*q >= '0' && *q <= '9')
			d = *q - '0';
		else if (base == 16 && *q >= 'a' && *q <= 'f')
			d = *q - 'a' + 10;
		else if (base == 16 && *q >= 'A' && *q <= 'F')
			d = *q - 'A' + 10;
		else
			break;
		if ((v = v * base + d) > max)
			return -1;
	}
	if (q == *p)
		return -1;
	*p = q;
	return v;
}

/* One token's key, or -1 (then *w, *h set for Resize=WxH: K_RESIZE). */
static int
script_token(const char *tok, size_t len, int *w, int *h)
{
	const char	*p, *end = tok + len;
	uint32_t	 cp;
	long		 v, vh;
	int		 n;

	if (len > 0 && (n = utf8_decode(tok, len, &cp)) == (int)len)
		return (int)cp;
	if (len >= 2 && tok[0] == '\\' &&
	    (n = utf8_decode(tok + 1, len - 1, &cp)) == (int)len - 1)
		return (int)cp;
	if (len == 2 && tok[0] == '^' && tok[1] >= '@' && tok[1] <= '_')
		return tok[1] == 'L' ? K_CTRL_L : tok[1] - '@';
	if (len > 2 && (tok[0] == 'U' || tok[0] == 'u') && tok[1] == '+') {
		p = tok + 2;
		v = digits(&p, end, 16, 0x10ffff);
		if (p == end && v > 0 && !(v >= 0xd800 && v <= 0xdfff))
			return (int)v;
		return -1;
	}
	if (len > 7 && strncmp(tok, "Resize=", 7) == 0) {
		p = tok + 7;
		if ((v = digits(&p, end, 10, 1000)) < 1 || p == end ||
		    *p++ != 'x' || (vh = digits(&p, end, 10, 1000)) < 1 ||
		    p != end)
			return -1;
		*w = (int)v;
		*h = (int)vh;
		return K_RESIZE;
	}
	return keymap_key_from_name(tok, len);
}

struct key_script *
key_script_parse(const char *s, size_t len, const char *filename)
{
	struct key_script	*ks = xcalloc(1, sizeof *ks);
	size_t			 i = 0, start;
	unsigned long		 line = 1;
	int			 key, w = 0, h = 0;
	char			*raw, *tok;

	while (i < len) {
		if (s[i] == '\n') {
			line++;
			i++;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '#') {
			while (i < len && s[i] != '\n')
				i++;
			continue;
		}
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			i++;
		if ((key = script_token(s + start, i - start, &w, &h)) < 0) {
			raw = xstrndup(s + start, i - start);
			tok = escape_dup(raw, 0);
			free(raw);
			error("%s:%lu: unknown key '%s' (one key per token,"
			    " e.g. P a r i s; names: %s, ^X, U+XXXX, \\#,"
			    " Resize=WxH)", filename, line, tok,
			    keymap_key_names());
			free(tok);
			key_script_free(ks);
			return NULL;
		}
		script_add(ks, key, w, h);
	}
	return ks;
}

void
key_script_free(struct key_script *ks)
{
	if (ks == NULL)
		return;
	free(ks->keys);
	free(ks->ws);
	free(ks->hs);
	free(ks);
}

size_t
key_script_done(const struct key_script *ks)
{
	return ks->next;
}

struct text_display {
	struct key_script	*ks;
	int			 w;
	int			 h;
	FILE			*out;	/* a pixel mode's bytes, or NULL */
	int			 pace;	/* ms before each key */
};

static int
text_size(struct display *d, int *w, int *h)
{
	struct text_display	*td = d->data;

	*w = td->w;
	*h = td->h;
	return 0;
}

static int
text_getkey(struct display *d)
{
	struct text_display	*td = d->data;
	struct key_script	*ks = td->ks;
	struct timespec		 ts;
	size_t			 i;

	if (ks->next >= ks->n)
		return -1;
	if (td->pace > 0) {
		ts.tv_sec = td->pace / 1000;
		ts.tv_nsec = (long)(td->pace % 1000) * 1000000;
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	i = ks->next++;
	if (ks->keys[i] == K_RESIZE) {
		td->w = ks->ws[i];
		td->h = ks->hs[i];
	}
	return ks->keys[i];
}

/* Kept, not shown; a pixel mode's picture goes where the terminal's would,
 * to --graphics-out's file, as often as a terminal would get it. */
static void
text_show(struct display *d, const struct screen *scr)
{
	struct text_display	*td = d->data;
	int			 clear, want;

	want = image_pending(scr, 0, &clear);
	if (clear && td->out != NULL)
		image_clear(td->out);
	if (want && td->out != NULL)
		image_write(scr, td->out);
}

static void
text_close(struct display *d)
{
	image_reset();
	free(d->data);
	d->data = NULL;
}

void
display_text_init(struct display *d, struct key_script *ks, int w, int h,
    int graphics, FILE *out)
{
	struct text_display	*td = xcalloc(1, sizeof *td);

	td->out = out;
	td->ks = ks;
	td->w = w;
	td->h = h;
	d->size = text_size;
	d->getkey = text_getkey;
	d->show = text_show;
	d->close = text_close;
	d->colours = 0;
	/* As a tmux pane would: symbols in 256 colours; a fixed cell of
	 * 10 x 20 pixels for the others. */
	d->graphics = graphics != GRAPHICS_AUTO ? graphics :
	    graphics_available() ? GRAPHICS_SYMBOLS : GRAPHICS_NONE;
	d->palette = 256;
	d->data = td;
}

void
display_text_pace(struct display *d, int ms)
{
	struct text_display	*td = d->data;

	td->pace = ms;
}
