/* The terminal display (see draw.h): newterm on /dev/tty (tig's init_tty),
 * cells painted as wide characters, ncurses' KEY_ codes mapped to the K_
 * values of keymap.h. Keys are read with a short timeout so that the loop
 * sees a signal's flag even when no key comes. */
#include <errno.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "tui/draw.h"
#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "util/error.h"
#include "util/fetch.h"

#define KEY_WAIT_MS	250	/* get_wch's timeout: how soon a signal's
				   flag is seen */

static SCREEN	*term;
static FILE	*tty;
static int	 registered;
static int	 redraw;		/* ^L: the picture is written again */

void
draw_end(void)
{
	if (term == NULL)
		return;
	/* kitty keeps an image past the alternate screen: delete ours. */
	if (tty != NULL)
		image_clear(tty);
	endwin();
	delscreen(term);
	image_reset();
	term = NULL;
	if (tty != NULL)
		fclose(tty);
	tty = NULL;
}

static int
draw_size(struct display *d, int *w, int *h)
{
	(void)d;
	getmaxyx(stdscr, *h, *w);
	return 0;
}

static int
map_key(int code)
{
	switch (code) {
	case KEY_UP:		return K_UP;
	case KEY_DOWN:		return K_DOWN;
	case KEY_LEFT:		return K_LEFT;
	case KEY_RIGHT:		return K_RIGHT;
	case KEY_PPAGE:		return K_PGUP;
	case KEY_NPAGE:		return K_PGDN;
	case KEY_HOME:		return K_HOME;
	case KEY_END:		return K_END;
	case KEY_BACKSPACE:	return K_BACKSPACE;
	case KEY_BTAB:		return K_BTAB;
	case KEY_RESIZE:	redraw = 1;
				return K_RESIZE;
	case KEY_ENTER:		return K_ENTER;
	case KEY_DC:		return K_DELETE;
	default:		return K_NONE;
	}
}

static int
draw_getkey(struct display *d)
{
	wint_t	ch;
	int	rc;

	(void)d;
	if (fetch_busy()) {
		/* An image is being fetched: the wait is the terminal's and
		 * the transfers' together (fetch_poll), so both move. A key
		 * ncurses has read already comes first. */
		timeout(0);
		if ((rc = get_wch(&ch)) == ERR && fetch_poll(fileno(tty),
		    KEY_WAIT_MS))
			rc = get_wch(&ch);
		timeout(KEY_WAIT_MS);
	} else
		rc = get_wch(&ch);
	if (rc == ERR)
		return K_NONE;
	if (rc == KEY_CODE_YES)
		return map_key((int)ch);
	if (ch == 0x0c) {
		/* Redraw: paint every cell again on the next update, over
		 * whatever else wrote to the terminal. */
		clearok(curscr, TRUE);
		redraw = 1;
		return K_CTRL_L;
	}
	return (int)ch;
}

static attr_t
attrs_of(int a)
{
	attr_t	r = A_NORMAL;

	if (a & SA_REVERSE)
		r |= A_REVERSE;
	if (a & SA_BOLD)
		r |= A_BOLD;
	if (a & SA_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & SA_DIM)
		r |= A_DIM;
	return r;
}

/* A cell's colour pair: the labels' eight (pairs 1 to 8), or one of an
 * image's cells, foreground and background, allocated as they come. */
static int
pair_of(const struct display *d, const struct scell *c)
{
	if (!d->colours)
		return 0;
	if (c->fg == 0 && c->colour <= 8)
		return c->colour;
	if (d->palette < 256)
		return 0;
	return alloc_pair(c->fg - 1, c->colour - 1);
}

/* The picture of a pixel mode, after the cells: written at the region's
 * corner when it changed, the region painted blank first when an old
 * picture was there. */
static void
show_picture(const struct screen *scr)
{
	int	clear, want;

	want = image_pending(scr, redraw, &clear);
	redraw = 0;
	if (clear) {
		image_clear(tty);
		wredrawln(stdscr, scr->image.y, scr->image.h);
		wnoutrefresh(stdscr);
		doupdate();
	}
	if (want)
		image_write(scr, tty);
}

static void
draw_show(struct display *d, const struct screen *scr)
{
	const struct scell	*c;
	wchar_t			 wc[CCHARW_MAX + 1];
	cchar_t			 cc;
	mbstate_t		 mbs;
	const char		*p;
	size_t			 n, k;
	int			 r, col, h, w;

	getmaxyx(stdscr, h, w);
	for (r = 0; r < scr->h && r < h; r++)
		for (col = 0; col < scr->w && col < w; col++) {
			c = &scr->c[(size_t)r * (size_t)scr->w + (size_t)col];
			if (c->str[0] == '\0')
				continue;	/* the right half of a wide one */
			memset(&mbs, 0, sizeof mbs);
			p = c->str;
			n = 0;
			while (*p != '\0' && n < CCHARW_MAX) {
				k = mbrtowc(&wc[n], p, strlen(p), &mbs);
				if (k == (size_t)-1 || k == (size_t)-2 ||
				    k == 0)
					break;
				p += k;
				n++;
			}
			if (n == 0)
				wc[n++] = L'?';
			wc[n] = L'\0';
			setcchar(&cc, wc, attrs_of(c->attr),
			    (short)pair_of(d, c), NULL);
			/* The last cell would scroll: insert it instead. */
			if (r == h - 1 && col == w - 1)
				mvins_wch(r, col, &cc);
			else
				mvadd_wch(r, col, &cc);
		}
	wnoutrefresh(stdscr);
	doupdate();
	show_picture(scr);
}

static void
draw_close(struct display *d)
{
	(void)d;
	draw_end();
}

static void
init_colours(struct display *d)
{
	const char	*no = getenv("NO_COLOR");
	short		 i;

	d->colours = 0;
	if ((no != NULL && *no != '\0') || !has_colors() ||
	    start_color() == ERR || COLORS < 8 || COLOR_PAIRS < 9)
		return;
	use_default_colors();
	/* Pair 1 + n: a label of colour n, as a background. */
	for (i = 0; i < 8; i++)
		init_pair((short)(i + 1), i == COLOR_BLACK || i == COLOR_BLUE ||
		    i == COLOR_RED || i == COLOR_MAGENTA ? COLOR_WHITE :
		    COLOR_BLACK, i);
	d->colours = 1;
	d->palette = COLORS >= 256 ? 256 : 8;
}

/* The terminal's cell in pixels, for the pixel modes, where it says. */
static void
cell_pixels(int fd)
{
	struct winsize	ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0 &&
	    ws.ws_xpixel > 0 && ws.ws_ypixel > 0)
		image_cell_size(ws.ws_xpixel / ws.ws_col,
		    ws.ws_ypixel / ws.ws_row);
}

int
draw_open(struct display *d, int graphics)
{
	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return error("cannot open the terminal (/dev/tty): %s; without"
		    " one, --keys FILE runs a key script", strerror(errno));
	/* Asked before ncurses takes the terminal. */
	if (graphics == GRAPHICS_AUTO)
		graphics = graphics_available() ?
		    graphics_detect(fileno(tty)) : GRAPHICS_NONE;
	cell_pixels(fileno(tty));
	if ((term = newterm(NULL, tty, tty)) == NULL) {
		fclose(tty);
		tty = NULL;
		return error("cannot start the screen on this terminal (TERM=%s)",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
	}
	set_term(term);
	if (!registered) {
		atexit(draw_end);
		registered = 1;
	}
	error_set_die_hook(draw_end);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(KEY_WAIT_MS);
	curs_set(0);
	image_fetch_async(1);
	d->palette = 0;
	init_colours(d);
	d->graphics = graphics;
	d->size = draw_size;
	d->getkey = draw_getkey;
	d->show = draw_show;
	d->close = draw_close;
	d->data = NULL;
	return 0;
}
