/* The image region's picture (see image.h). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_CHAFA
#include <chafa.h>
#endif

#include <jansson.h>

#include "tui/image.h"
#include "tui/screen.h"
#include "tui/tint.h"
#include "tui/viewer.h"
#include "util/buf.h"
#include "util/fetch.h"
#include "util/imgdecode.h"
#include "util/priv.h"
#include "util/utf8.h"
#include "util/xmalloc.h"

#define DETECT_WAIT_MS	1000	/* at most, for a terminal's answers */

static const char *const names[] = {
	"auto", "none", "symbols", "sixel", "kitty", "iterm"
};

/* A rendered picture: cells (symbols) or a terminal's bytes. */
struct icell {
	char	str[8];
	int	fg, bg;		/* as struct scell's fg and colour */
};

static struct {
	/* What the held picture was made for. */
	char		*path;
	int		 mode, w, h, palette;
	double		 vx, vy, vw, vh;	/* the view, source pixels */
	int		 want_w, want_h;	/* pixels it was decoded for */
	int		 loaded;	/* decoded (or failed) for path */
	int		 fetching;	/* its URL under way: loaded again */
	struct img	 im;
	char		 err[256];
	/* The rendering for mode, w, h. */
	int		 rendered;
	struct icell	*cells;		/* cols * rows */
	struct buf	 bytes;
	unsigned	 serial;	/* one more at each rendering */
	/* What a display shows now (the pixel modes). */
	char		*shown;		/* path, or NULL */
	int		 shown_x, shown_y, shown_w, shown_h, shown_mode;
	unsigned	 shown_serial, shown_gen;
	json_t		*draw;		/* the drawing's record, or NULL */
	/* For a sixel picture's partial updates: what the shown one was
	 * rendered for apart from its regions (base), the cells drawn over
	 * it (1 a cell of the region), and its regions' hashes and cells. */
	unsigned	 base, shown_base;
	unsigned char	*shown_over;
	size_t		 nshown_over;
	struct shown_region *shown_tint;
	size_t		 nshown_tint;
	int		 patch;		/* image_write sends patch_rect */
	int		 stale;		/* bytes are of other regions: render
					   them again before sending them */
	int		 patch_c0, patch_r0, patch_c1, patch_r1;
	struct image_region *tint;	/* to blend in, copied */
	size_t		 ntint;
	uint64_t	 tint_hash;	/* of tint */
	uint64_t	 rendered_hash;	/* of the tint the rendering has */
	struct image_record rec;
} I = { .bytes = BUF_INIT };

static int	cell_w = 10, cell_h = 20;
/* Fetching in the background (a terminal), not while the screen waits. */
static int	fetch_async;
static char	*next_url;	/* prefetched while the current is shown */

/* A region as a shown picture had it blended in: its hash (tint_hash of
 * it alone) and the picture's cells it touches, c0..c1, r0..r1
 * exclusive. */
struct shown_region {
	uint64_t	hash;
	int		c0, r0, c1, r1;
};

/* A partial update is sent when it is at most this share of the
 * picture's cells (per cent); a bigger one sends the whole picture. */
#define PATCH_MAX_PCT	60

/*
 * Kitty's pictures are images the terminal keeps, by id, placed below the
 * text (a negative z-index above the cells' background: what is drawn
 * over the picture shows, and no text wipes it, as it does a sixel). The
 * whole picture is image KITTY_ID; a partial update is one more image,
 * KITTY_ID + n, placed at its cell one z-index above the one before it,
 * so the last is on top. The terminal's images are deleted by id before
 * the whole picture goes again and when the region is cleared; after
 * KITTY_PATCHES patches the whole picture is sent again, so that a
 * terminal never holds more of them.
 */
#define KITTY_ID	0x5343u
#define KITTY_Z		(-1000000)
#define KITTY_PATCHES	32

/* The kitty images a display holds: the whole picture (base) and the
 * patches over it. Outlives the held image: a new task's picture deletes
 * the old one's. */
static struct {
	int	base;
	int	npatch;
} K;

const char *
graphics_name(int m)
{
	return m >= 0 && m < (int)(sizeof names / sizeof names[0]) ?
	    names[m] : "?";
}

int
graphics_parse(const char *s)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

int
graphics_available(void)
{
#ifdef HAVE_CHAFA
	return 1;
#else
	return 0;
#endif
}

void
image_cell_size(int w, int h)
{
	if (w > 0 && h > 0 && w < 200 && h < 400) {
		cell_w = w;
		cell_h = h;
	}
}

/* 1 when the device attributes in s (ESC [ ? n ; n ... c) hold 4. */
static int
da_has_sixel(const char *s)
{
	const char	*p = strstr(s, "\033[?");
	long		 v;
	char		*end;

	if (p == NULL)
		return 0;
	for (p += 3; *p != '\0' && *p != 'c';) {
		v = strtol(p, &end, 10);
		if (end == p)
			return 0;
		if (v == 4)
			return 1;
		p = *end == ';' ? end + 1 : end;
	}
	return 0;
}

int
graphics_answer(const char *ans)
{
	/* Kitty's answer to its query comes before the attributes. */
	if (strstr(ans, "\033_Gi=31;OK") != NULL)
		return GRAPHICS_KITTY;
	return da_has_sixel(ans) ? GRAPHICS_SIXEL : GRAPHICS_SYMBOLS;
}

/* Kitty's graphics query: a 1 x 1 picture that is only asked about (a=q),
 * which a terminal with the protocol answers (OK or an error) and every
 * other ignores, as it does any APC string. */
#define KITTY_QUERY	"\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\"
#define DETECT_QUERY	KITTY_QUERY "\033[c\033[6n"

int
graphics_detect(int fd)
{
	const char	*term = getenv("TERM"), *prog = getenv("TERM_PROGRAM");
	struct termios	 old, raw;
	struct pollfd	 pfd;
	struct timespec	 t0, t1;
	char		 ans[256];
	size_t		 n = 0;
	ssize_t		 k;
	long		 left;

	if (term == NULL)
		term = "";
	if (getenv("TMUX") != NULL || strncmp(term, "screen", 6) == 0 ||
	    strncmp(term, "tmux", 4) == 0)
		return GRAPHICS_SYMBOLS;
	if (getenv("KITTY_WINDOW_ID") != NULL ||
	    strcmp(term, "xterm-kitty") == 0)
		return GRAPHICS_KITTY;
	if (prog != NULL && strcmp(prog, "iTerm.app") == 0)
		return GRAPHICS_ITERM;
	if (strcmp(term, "dumb") == 0 || term[0] == '\0' ||
	    tcgetattr(fd, &old) == -1)
		return GRAPHICS_SYMBOLS;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) == -1)
		return GRAPHICS_SYMBOLS;
	if (write(fd, DETECT_QUERY, sizeof DETECT_QUERY - 1) ==
	    (ssize_t)(sizeof DETECT_QUERY - 1)) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pfd.fd = fd;
		pfd.events = POLLIN;
		/* Until the position's answer (ESC [ row ; col R) comes. */
		while (n < sizeof ans - 1) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			left = DETECT_WAIT_MS - ((t1.tv_sec - t0.tv_sec) *
			    1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
			if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
				break;
			if ((k = read(fd, ans + n, sizeof ans - 1 - n)) <= 0)
				break;
			n += (size_t)k;
			ans[n] = '\0';
			if (strchr(ans, 'R') != NULL)
				break;
		}
	}
	ans[n] = '\0';
	tcsetattr(fd, TCSANOW, &old);
	return graphics_answer(ans);
}

static void
drop_rendering(void)
{
	free(I.cells);
	I.cells = NULL;
	buf_release(&I.bytes);
	I.rendered = 0;
	I.stale = 0;
}

/* What a shown picture was, for partial updates: forgotten. */
static void
drop_shown_cells(void)
{
	free(I.shown_over);
	free(I.shown_tint);
	I.shown_over = NULL;
	I.shown_tint = NULL;
	I.nshown_over = I.nshown_tint = 0;
	I.patch = 0;
}

/* Drops the held image (not the viewer). */
static void
drop_image(void)
{
	drop_rendering();
	img_release(&I.im);
	free(I.path);
	free(I.shown);
	I.path = I.shown = NULL;
	drop_shown_cells();
	I.loaded = 0;
	memset(&I.rec, 0, sizeof I.rec);
	json_decref(I.draw);
	I.draw = NULL;
}

static void
drop_tint(void)
{
	size_t	i;

	for (i = 0; i < I.ntint; i++) {
		free((void *)I.tint[i].points);
		free((void *)I.tint[i].rle);
	}
	free(I.tint);
	I.tint = NULL;
	I.ntint = 0;
	I.tint_hash = tint_hash(NULL, 0);
}

void
image_tint(const struct image_region *r, size_t n)
{
	struct ans_point	*p;
	uint32_t		*rle;
	size_t			 i;

	if (I.tint != NULL && tint_hash(r, n) == I.tint_hash)
		return;
	drop_tint();
	if (n == 0)
		return;
	I.tint = xcalloc(n, sizeof *I.tint);
	for (i = 0; i < n; i++) {
		I.tint[i] = r[i];
		if (r[i].points != NULL) {
			p = xreallocarray(NULL, r[i].npoints, sizeof *p);
			memcpy(p, r[i].points, r[i].npoints * sizeof *p);
			I.tint[i].points = p;
		}
		if (r[i].rle != NULL) {
			rle = xreallocarray(NULL, r[i].nrle, sizeof *rle);
			memcpy(rle, r[i].rle, r[i].nrle * sizeof *rle);
			I.tint[i].rle = rle;
		}
	}
	I.ntint = n;
	I.tint_hash = tint_hash(I.tint, n);
}

void
image_reset(void)
{
	viewer_close();
	drop_image();
	drop_tint();
	free(next_url);
	next_url = NULL;
	fetch_cancel_except(NULL, NULL);
}

const struct image_record *
image_last(void)
{
	return &I.rec;
}

void
image_note_draw(json_t *draw)
{
	json_decref(I.draw);
	I.draw = draw;
}

json_t *
image_last_draw(void)
{
	return I.draw;
}

#define IMG_URL_MAX	(64UL * 1024 * 1024)	/* bytes of an image by URL */

/* The shared database's folder of piped pictures (shared-host mode). */
static char	shared_dir[4096];

void
image_shared_dir(const char *dir)
{
	snprintf(shared_dir, sizeof shared_dir, "%s", dir != NULL ? dir : "");
}

void
image_prefetch_next(const char *current, int (*next)(void *, char **),
    void *arg)
{
	char	*url = NULL;

	if (current != NULL && fetch_is_url(current) && next(arg, &url) == 1)
		image_prefetch(url);
	else
		image_prefetch(NULL);
	free(url);
}

void
image_fetch_async(int on)
{
	fetch_async = on;
}

void
image_prefetch(const char *path)
{
	struct buf	b = BUF_INIT;
	size_t		got, total;
	char		err[256];

	free(next_url);
	next_url = NULL;
	if (!fetch_async || path == NULL || !fetch_is_url(path))
		return;
	next_url = xstrdup(path);
	/* Already here, or under way: nothing to start. */
	if (fetch_cached(path, IMG_URL_MAX, &b) == 0 || fetch_state(path,
	    &got, &total, err, sizeof err) != FETCH_NONE) {
		buf_release(&b);
		return;
	}
	buf_release(&b);
	(void)fetch_start(path, IMG_URL_MAX, err, sizeof err);
}

int
image_fetch_moved(void)
{
	static unsigned	seen;
	static struct timespec	last;
	struct timespec		t;
	unsigned		now = fetch_moved();

	if (now == seen)
		return 0;
	/* The progress at most ten times a second; an end at once. */
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (fetch_busy() && (t.tv_sec - last.tv_sec) * 1000 +
	    (t.tv_nsec - last.tv_nsec) / 1000000 < 100)
		return 0;
	seen = now;
	last = t;
	return 1;
}

/* The URL's bytes: from the cache, else fetched while the screen waits
 * (a key script), else (a terminal) a transfer started or under way:
 * -1 with I.fetching set and the progress in I.err. */
static int
read_url(const char *url, struct buf *b)
{
	size_t	got, total;
	int	st;

	if (!fetch_async)
		return fetch_image(url, IMG_URL_MAX, b, I.err, sizeof I.err);
	st = fetch_state(url, &got, &total, I.err, sizeof I.err);
	if (st == FETCH_FAILED)
		return -1;
	if (st == FETCH_NONE) {
		if (fetch_cached(url, IMG_URL_MAX, b) == 0)
			return 0;
		if (fetch_start(url, IMG_URL_MAX, I.err, sizeof I.err) == -1)
			return -1;
	}
	I.fetching = 1;
	if (total > 0)
		snprintf(I.err, sizeof I.err, "fetching %s\u2026 %zu KB of %zu"
		    " KB", url, got / 1024, total / 1024);
	else
		snprintf(I.err, sizeof I.err, "fetching %s\u2026 %zu KB", url,
		    got / 1024);
	return -1;
}

/* The file's bytes (or the URL's, fetched), at most IMG_FILE_MAX
 * (IMG_URL_MAX), or -1 with I.err set. */
static int
read_file(const char *path, struct buf *b)
{
	struct stat	 sb;
	char		 chunk[65536];
	ssize_t		 k;
	int		 fd;

	if (fetch_is_url(path))
		return read_url(path, b);
	if ((fd = priv_open_in(shared_dir, path, O_RDONLY | O_CLOEXEC |
	    O_NONBLOCK)) == -1) {
		snprintf(I.err, sizeof I.err, "cannot open the image: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(I.err, sizeof I.err, "the image is not a file");
		close(fd);
		return -1;
	}
	if (sb.st_size > IMG_FILE_MAX) {
		snprintf(I.err, sizeof I.err, "the image file is too big to"
		    " show (%lld bytes, at most %ld)", (long long)sb.st_size,
		    IMG_FILE_MAX);
		close(fd);
		return -1;
	}
	while ((k = read(fd, chunk, sizeof chunk)) > 0 &&
	    b->len + (size_t)k <= IMG_FILE_MAX)
		buf_add(b, chunk, (size_t)k);
	close(fd);
	if (k < 0) {
		snprintf(I.err, sizeof I.err, "cannot read the image: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Pixels wanted for a region of w x h cells in mode. */
static void
want_pixels(int mode, int w, int h, int *pw, int *ph)
{
	if (mode == GRAPHICS_SYMBOLS) {
		*pw = w * 8;
		*ph = h * 8;
	} else {
		*pw = w * cell_w;
		*ph = h * cell_h;
	}
}

static void
load(const char *path, int pw, int ph)
{
	struct buf	b = BUF_INIT;
	char		err[200];

	I.loaded = 1;
	I.fetching = 0;
	I.err[0] = '\0';
	I.want_w = pw;
	I.want_h = ph;
	I.rec.format[0] = '\0';
	I.rec.file_bytes = 0;
	if (read_file(path, &b) == -1) {
		buf_release(&b);
		if (I.fetching)
			I.loaded = 0;	/* again at the next frame */
		return;
	}
	I.rec.file_bytes = b.len;
	if (img_decode(b.data, b.len, pw, ph, &I.im, err, sizeof err) == -1)
		snprintf(I.err, sizeof I.err, "%s", err);
	else
		snprintf(I.rec.format, sizeof I.rec.format, "%s",
		    I.im.format);
	buf_release(&b);
}

void
image_describe(const char *path, struct buf *b)
{
	const struct image_record	*r = &I.rec;

	buf_printf(b, "Image: %s\n", path);
	if (I.path == NULL || strcmp(I.path, path) != 0 || !I.loaded)
		return;
	if (r->error[0] != '\0') {
		buf_printf(b, "  %s\n", r->error);
		return;
	}
	buf_printf(b, "  %d x %d pixels, %s, %zu bytes\n", r->src_w,
	    r->src_h, r->format, r->file_bytes);
	if (r->orientation != 1)
		buf_printf(b, "  EXIF orientation %d: shown turned as a"
		    " browser shows it; coordinates are in the turned image\n",
		    r->orientation);
	buf_printf(b, "  shown as %s", graphics_name(r->mode));
	if (r->cols > 0)
		buf_printf(b, " in %d x %d cells", r->cols, r->rows);
	if (r->denom > 1)
		buf_printf(b, ", decoded at 1/%d (%d x %d)", r->denom,
		    r->dec_w, r->dec_h);
	buf_addstr(b, "\n");
}

#ifdef HAVE_CHAFA
/* The view in decoded pixels: the whole image, or the part zoomed on. */
static void
crop(int *x0, int *y0, int *cw, int *ch)
{
	double	fx, fy;

	*x0 = *y0 = 0;
	*cw = I.im.w;
	*ch = I.im.h;
	if (I.vw <= 0 || I.vh <= 0 || I.im.src_w <= 0 || I.im.src_h <= 0)
		return;
	fx = (double)I.im.w / I.im.src_w;
	fy = (double)I.im.h / I.im.src_h;
	*x0 = (int)(I.vx * fx);
	*y0 = (int)(I.vy * fy);
	*cw = (int)(I.vw * fx + 0.5);
	*ch = (int)(I.vh * fy + 0.5);
	if (*x0 < 0)
		*x0 = 0;
	if (*y0 < 0)
		*y0 = 0;
	if (*x0 > I.im.w - 1)
		*x0 = I.im.w - 1;
	if (*y0 > I.im.h - 1)
		*y0 = I.im.h - 1;
	if (*cw < 1)
		*cw = 1;
	if (*ch < 1)
		*ch = 1;
	if (*x0 + *cw > I.im.w)
		*cw = I.im.w - *x0;
	if (*y0 + *ch > I.im.h)
		*ch = I.im.h - *y0;
}

static ChafaPixelMode
pixel_mode(int mode)
{
	switch (mode) {
	case GRAPHICS_SIXEL:	return CHAFA_PIXEL_MODE_SIXELS;
	case GRAPHICS_KITTY:	return CHAFA_PIXEL_MODE_KITTY;
	case GRAPHICS_ITERM:	return CHAFA_PIXEL_MODE_ITERM2;
	default:		return CHAFA_PIXEL_MODE_SYMBOLS;
	}
}

static ChafaCanvasMode
canvas_mode(int mode, int palette)
{
	if (mode != GRAPHICS_SYMBOLS)
		return CHAFA_CANVAS_MODE_TRUECOLOR;
	if (palette >= 256)
		return CHAFA_CANVAS_MODE_INDEXED_240;
	if (palette >= 8)
		return CHAFA_CANVAS_MODE_INDEXED_8;
	return CHAFA_CANVAS_MODE_FGBG;
}

/* The symbols canvas's cells into I.cells. */
static void
take_cells(ChafaCanvas *cv, int cols, int rows, int palette)
{
	gunichar	ch;
	gint		fg, bg;
	int		x, y, n;
	struct icell	*c;

	I.cells = xcalloc((size_t)cols * (size_t)rows, sizeof *I.cells);
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++) {
			c = &I.cells[(size_t)y * (size_t)cols + (size_t)x];
			ch = chafa_canvas_get_char_at(cv, x, y);
			n = utf8_encode((uint32_t)ch, c->str);
			c->str[n > 0 ? n : 0] = '\0';
			if (n <= 0)
				strcpy(c->str, " ");
			if (palette == 0)
				continue;
			chafa_canvas_get_raw_colors_at(cv, x, y, &fg, &bg);
			c->fg = fg >= 0 && fg < 256 ? fg + 1 : 0;
			c->bg = bg >= 0 && bg < 256 ? bg + 1 : 0;
		}
}

/* The decoded pixels x0, y0, cw x ch with the regions blended in: a copy
 * (the decoded image stays as it is), cw * 4 bytes a row; caller frees. */
static uint8_t *
tinted_pixels(int x0, int y0, int cw, int ch)
{
	struct tint_map	 m;
	uint8_t		*px;
	size_t		 row = (size_t)cw * 4;
	int		 j;

	px = xreallocarray(NULL, (size_t)ch, row);
	for (j = 0; j < ch; j++)
		memcpy(px + (size_t)j * row, I.im.rgba + ((size_t)(y0 + j) *
		    (size_t)I.im.w + (size_t)x0) * 4, row);
	m.scale_x = (double)I.im.w / I.im.src_w;
	m.scale_y = (double)I.im.h / I.im.src_h;
	m.x0 = x0 / m.scale_x;
	m.y0 = y0 / m.scale_y;
	m.src_w = I.im.src_w;
	m.src_h = I.im.src_h;
	tint_apply(px, cw, ch, row, &m, I.tint, I.ntint);
	return px;
}

/* The view's pixels with the regions blended in, onto the canvas. */
static void
draw_tinted(ChafaCanvas *cv, int x0, int y0, int cw, int ch)
{
	uint8_t	*px = tinted_pixels(x0, y0, cw, ch);

	chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, px,
	    cw, ch, (gint)cw * 4);
	free(px);
}

/*
 * libchafa's picture s (len bytes) for mode, into b; a kitty one (it
 * opens with "ESC _Ga=T,": transmit and show) gets an id, a z-index,
 * no answer from the terminal (q=2: it would come in as keys) and a
 * cursor that stays where it is (C=1).
 */
static void
kitty_tag(struct buf *b, const char *s, size_t len, int mode, unsigned id,
    int z)
{
	static const char	open[] = "\033_Ga=T,";
	size_t			n = sizeof open - 1;

	if (mode != GRAPHICS_KITTY || len < n || memcmp(s, open, n) != 0) {
		buf_add(b, s, len);
		return;
	}
	buf_add(b, s, n);
	buf_printf(b, "i=%u,z=%d,q=2,C=1,", id, z);
	buf_add(b, s + n, len - n);
}

static void
render(int mode, int w, int h, int palette)
{
	ChafaSymbolMap		*sm;
	ChafaCanvasConfig	*cfg;
	ChafaCanvas		*cv;
	ChafaTermInfo		*ti;
	GString			*gs;
	gint			 cols = w, rows = h;
	gfloat			 ratio;
	int			 x0, y0, cw, ch;

	crop(&x0, &y0, &cw, &ch);
	ratio = mode == GRAPHICS_SYMBOLS ? 0.5f :
	    (gfloat)cell_w / (gfloat)cell_h;
	chafa_calc_canvas_geometry(cw, ch, &cols, &rows, ratio, TRUE,
	    FALSE);
	if (cols < 1 || rows < 1)
		return;
	sm = chafa_symbol_map_new();
	chafa_symbol_map_add_by_tags(sm, CHAFA_SYMBOL_TAG_BLOCK |
	    CHAFA_SYMBOL_TAG_SPACE);
	chafa_symbol_map_remove_by_tags(sm, CHAFA_SYMBOL_TAG_WIDE);
	cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, cols, rows);
	chafa_canvas_config_set_cell_geometry(cfg, cell_w, cell_h);
	chafa_canvas_config_set_pixel_mode(cfg, pixel_mode(mode));
	chafa_canvas_config_set_canvas_mode(cfg, canvas_mode(mode, palette));
	chafa_canvas_config_set_symbol_map(cfg, sm);
	cv = chafa_canvas_new(cfg);
	if (mode != GRAPHICS_SYMBOLS && I.ntint > 0)
		draw_tinted(cv, x0, y0, cw, ch);
	else
		chafa_canvas_draw_all_pixels(cv,
		    CHAFA_PIXEL_RGBA8_UNASSOCIATED, I.im.rgba + ((size_t)y0 *
		    (size_t)I.im.w + (size_t)x0) * 4, cw, ch, I.im.w * 4);
	I.rendered_hash = mode != GRAPHICS_SYMBOLS ? I.tint_hash : 0;
	I.rec.tinted = mode != GRAPHICS_SYMBOLS ? (int)I.ntint : 0;
	if (mode == GRAPHICS_SYMBOLS)
		take_cells(cv, cols, rows, palette);
	else {
		ti = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
		gs = chafa_canvas_print(cv, ti);
		kitty_tag(&I.bytes, gs->str, gs->len, mode, KITTY_ID, KITTY_Z);
		g_string_free(gs, TRUE);
		chafa_term_info_unref(ti);
	}
	chafa_canvas_unref(cv);
	chafa_canvas_config_unref(cfg);
	chafa_symbol_map_unref(sm);
	I.serial++;
	I.rec.cols = cols;
	I.rec.rows = rows;
}

/*
 * The picture's cells c0..c1, r0..r1 (exclusive) alone, in mode (sixel,
 * kitty or iTerm2; kitty's as image id at z-index z), into b: the
 * decoded pixels those cells show (the view's share of them, its
 * edges rounded out to whole pixels), the regions blended in, rendered
 * as the whole picture is at the same cell size, for a partial update.
 */
static void
render_patch(int mode, int c0, int r0, int c1, int r1, unsigned id, int z,
    struct buf *b)
{
	ChafaCanvasConfig	*cfg;
	ChafaCanvas		*cv;
	ChafaTermInfo		*ti;
	GString			*gs;
	uint8_t			*px;
	double			 fx, fy;
	int			 x0, y0, cw, ch, px0, py0, px1, py1;

	crop(&x0, &y0, &cw, &ch);
	fx = (double)cw / I.rec.cols;
	fy = (double)ch / I.rec.rows;
	px0 = x0 + (int)floor(c0 * fx);
	py0 = y0 + (int)floor(r0 * fy);
	px1 = x0 + (int)ceil(c1 * fx);
	py1 = y0 + (int)ceil(r1 * fy);
	if (px1 > x0 + cw)
		px1 = x0 + cw;
	if (py1 > y0 + ch)
		py1 = y0 + ch;
	if (px1 <= px0 || py1 <= py0)
		return;
	px = tinted_pixels(px0, py0, px1 - px0, py1 - py0);
	cfg = chafa_canvas_config_new();
	chafa_canvas_config_set_geometry(cfg, c1 - c0, r1 - r0);
	chafa_canvas_config_set_cell_geometry(cfg, cell_w, cell_h);
	chafa_canvas_config_set_pixel_mode(cfg, pixel_mode(mode));
	chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
	cv = chafa_canvas_new(cfg);
	chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, px,
	    px1 - px0, py1 - py0, (gint)(px1 - px0) * 4);
	ti = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
	gs = chafa_canvas_print(cv, ti);
	kitty_tag(b, gs->str, gs->len, mode, id, z);
	g_string_free(gs, TRUE);
	chafa_term_info_unref(ti);
	chafa_canvas_unref(cv);
	chafa_canvas_config_unref(cfg);
	free(px);
}
#else
static void
render(int mode, int w, int h, int palette)
{
	(void)mode;
	(void)w;
	(void)h;
	(void)palette;
}

static void
render_patch(int mode, int c0, int r0, int c1, int r1, unsigned id, int z,
    struct buf *b)
{
	(void)mode;
	(void)id;
	(void)z;
	(void)c0;
	(void)r0;
	(void)c1;
	(void)r1;
	(void)b;
}
#endif

/* Makes the held picture the one scr's region wants. */
static void
prepare(const struct screen *scr)
{
	const struct rect	*r = &scr->image;
	int			 mode = scr->graphics, pw, ph;
	double			 zoom = 1;

	if (I.path == NULL || strcmp(I.path, scr->image_path) != 0) {
		json_t	*draw = I.draw;

		I.draw = NULL;
		drop_image();
		I.draw = draw;
		I.path = xstrdup(scr->image_path);
		/* The task changed: what it does not need is not fetched. */
		fetch_cancel_except(I.path, next_url);
	}
	if (I.rendered && (I.mode != mode || I.w != r->w || I.h != r->h ||
	    I.palette != scr->palette || I.vx != scr->image_view.x ||
	    I.vy != scr->image_view.y || I.vw != scr->image_view.w ||
	    I.vh != scr->image_view.h)) {
		drop_rendering();
	} else if (I.rendered && mode >= GRAPHICS_SIXEL &&
	    I.rendered_hash != I.tint_hash) {
		/* Only the regions changed: a partial update may do, so the
		 * whole picture is rendered when it is sent (stale). */
		I.stale = 1;
		I.serial++;
		I.rendered_hash = I.tint_hash;
		I.rec.tinted = (int)I.ntint;
	}
	/* Zoomed in, a JPEG is decoded the bigger for it. */
	if (scr->image_view.w > 0 && I.im.src_w > 0)
		zoom = I.im.src_w / scr->image_view.w;
	want_pixels(mode, r->w, r->h, &pw, &ph);
	pw = (int)(pw * zoom);
	ph = (int)(ph * zoom);
	/* A JPEG decoded for a smaller picture is decoded again. */
	if (I.loaded && I.im.denom > 1 && (pw > I.want_w || ph > I.want_h)) {
		img_release(&I.im);
		I.loaded = 0;
	}
	I.mode = mode;
	I.w = r->w;
	I.h = r->h;
	I.vx = scr->image_view.x;
	I.vy = scr->image_view.y;
	I.vw = scr->image_view.w;
	I.vh = scr->image_view.h;
	I.palette = scr->palette;
	if (!I.loaded)
		load(I.path, pw, ph);
	if (!I.rendered && I.im.rgba != NULL && graphics_available() &&
	    mode != GRAPHICS_NONE) {
		/* A rendering anew (another image, view, size or mode): no
		 * partial update goes over the one shown before. */
		I.base++;
		render(mode, r->w, r->h, scr->palette);
		I.rendered = 1;
	}
	snprintf(I.rec.path, sizeof I.rec.path, "%s", I.path);
	I.rec.mode = mode;
	I.rec.x = r->x;
	I.rec.y = r->y;
	I.rec.w = r->w;
	I.rec.h = r->h;
	I.rec.src_w = I.im.src_w;
	I.rec.src_h = I.im.src_h;
	I.rec.dec_w = I.im.w;
	I.rec.dec_h = I.im.h;
	I.rec.denom = I.im.denom;
	I.rec.orientation = I.im.orientation;
	snprintf(I.rec.error, sizeof I.rec.error, "%s", I.err);
	if (!I.rendered)
		I.rec.cols = I.rec.rows = 0;
}

void
image_compose(struct screen *scr)
{
	const struct rect	*r = &scr->image;
	const struct icell	*ic;
	struct scell		*c;
	int			 x, y;

	viewer_show(scr->image_path);
	if (r->w < 1 || r->h < 1 || scr->image_path == NULL ||
	    scr->graphics == GRAPHICS_NONE)
		return;
	prepare(scr);
	if (I.err[0] != '\0') {
		screen_put(scr, r->y, r->x, r->x + r->w, I.err, SA_BOLD, 0);
		return;
	}
	if (scr->graphics != GRAPHICS_SYMBOLS || I.cells == NULL)
		return;
	for (y = 0; y < I.rec.rows && y < r->h; y++)
		for (x = 0; x < I.rec.cols && x < r->w; x++) {
			ic = &I.cells[(size_t)y * (size_t)I.rec.cols +
			    (size_t)x];
			c = screen_at(scr, r->y + y, r->x + x);
			memcpy(c->str, ic->str, sizeof ic->str);
			c->fg = ic->fg;
			c->colour = ic->bg;
			c->attr = 0;
		}
}

/* 1 when every cell the picture takes in scr's region is blank, or
 * drawn over it (SA_OVER): no overlay covers it. */
static int
region_clear(const struct screen *scr)
{
	const struct rect	*r = &scr->image;
	const struct scell	*c;
	int			 x, y, w = r->w, h = r->h;

	if (I.rec.cols > 0 && I.rec.cols < w)
		w = I.rec.cols;
	if (I.rec.rows > 0 && I.rec.rows < h)
		h = I.rec.rows;
	for (y = r->y; y < r->y + h && y < scr->h; y++)
		for (x = r->x; x < r->x + w && x < scr->w; x++) {
			c = &scr->c[(size_t)y * (size_t)scr->w + (size_t)x];
			if (c->attr & SA_OVER)
				continue;
			if (strcmp(c->str, " ") != 0 || c->attr != 0 ||
			    c->colour != 0)
				return 0;
		}
	return 1;
}

/* 1 when scr's region wants a picture in a pixel mode. */
static int
wanted(const struct screen *scr)
{
	const struct rect	*r = &scr->image;

	return r->w > 0 && r->h > 0 && scr->image_path != NULL &&
	    scr->graphics >= GRAPHICS_SIXEL && I.rendered &&
	    I.bytes.len > 0 && I.path != NULL &&
	    strcmp(I.path, scr->image_path) == 0 && region_clear(scr);
}

/* The picture's cells region r touches (in I.rec's cells, exclusive
 * ends, a cell of margin round it for the rounding of the cells drawn
 * over it), into o; o->c1 0 when it is out of sight. */
static void
region_cells(const struct image_region *r, struct shown_region *o)
{
	double		 vx = I.vx, vy = I.vy, vw = I.vw, vh = I.vh;
	double		 x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
	uint64_t	 at, end, h = (uint64_t)(I.im.src_h > 0 ? I.im.src_h : 1);
	size_t		 i;

	o->hash = tint_hash(r, 1);
	o->c0 = o->r0 = o->c1 = o->r1 = 0;
	if (vw <= 0 || vh <= 0) {
		vx = vy = 0;
		vw = I.im.src_w;
		vh = I.im.src_h;
	}
	if (vw <= 0 || vh <= 0 || I.rec.cols <= 0 || I.rec.rows <= 0)
		return;
	for (i = 0; r->points != NULL && i < r->npoints; i++) {
		x0 = fmin(x0, r->points[i].x);
		x1 = fmax(x1, r->points[i].x);
		y0 = fmin(y0, r->points[i].y);
		y1 = fmax(y1, r->points[i].y);
	}
	/* A mask's odd runs, column-major: a run within one column spans
	 * its rows, one over columns every row. */
	for (i = 0, at = 0; r->rle != NULL && i < r->nrle; at += r->rle[i++]) {
		if (i % 2 == 0 || r->rle[i] == 0)
			continue;
		end = at + r->rle[i] - 1;
		x0 = fmin(x0, (double)(at / h));
		x1 = fmax(x1, (double)(end / h) + 1);
		if (at / h == end / h) {
			y0 = fmin(y0, (double)(at % h));
			y1 = fmax(y1, (double)(end % h) + 1);
		} else {
			y0 = 0;
			y1 = (double)h;
		}
	}
	if (x1 < x0 || y1 < y0)
		return;
	o->c0 = (int)floor((x0 - vx) / vw * I.rec.cols) - 1;
	o->c1 = (int)floor((x1 - vx) / vw * I.rec.cols) + 2;
	o->r0 = (int)floor((y0 - vy) / vh * I.rec.rows) - 1;
	o->r1 = (int)floor((y1 - vy) / vh * I.rec.rows) + 2;
	o->c0 = o->c0 < 0 ? 0 : o->c0;
	o->r0 = o->r0 < 0 ? 0 : o->r0;
	o->c1 = o->c1 > I.rec.cols ? I.rec.cols : o->c1;
	o->r1 = o->r1 > I.rec.rows ? I.rec.rows : o->r1;
	if (o->c1 <= o->c0 || o->r1 <= o->r0)
		o->c0 = o->r0 = o->c1 = o->r1 = 0;
}

/* The patch's rectangle grown by cells c0..c1, r0..r1. */
static void
patch_grow(int c0, int r0, int c1, int r1)
{
	if (c1 <= c0 || r1 <= r0)
		return;
	if (I.patch_c1 <= I.patch_c0) {
		I.patch_c0 = c0;
		I.patch_r0 = r0;
		I.patch_c1 = c1;
		I.patch_r1 = r1;
		return;
	}
	I.patch_c0 = c0 < I.patch_c0 ? c0 : I.patch_c0;
	I.patch_r0 = r0 < I.patch_r0 ? r0 : I.patch_r0;
	I.patch_c1 = c1 > I.patch_c1 ? c1 : I.patch_c1;
	I.patch_r1 = r1 > I.patch_r1 ? r1 : I.patch_r1;
}

/* How many of the n regions have hash h. */
static size_t
region_count(uint64_t h, const struct shown_region *v, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i].hash == h;
	return k;
}

/* 1 when region h is not as often among a (na) as among b (nb): one
 * came or went (a region under another is blended twice). */
static int
region_changed(uint64_t h, const struct shown_region *a, size_t na,
    const struct shown_region *b, size_t nb)
{
	return region_count(h, a, na) != region_count(h, b, nb);
}

/* The regions of the picture as rendered now, with their cells; n of them
 * (caller frees). */
static struct shown_region *
regions_now(size_t *n)
{
	struct shown_region	*v;
	size_t			 i;

	v = xreallocarray(NULL, I.ntint > 0 ? I.ntint : 1, sizeof *v);
	for (i = 0; i < I.ntint; i++)
		region_cells(&I.tint[i], &v[i]);
	*n = I.ntint;
	return v;
}

/* Notes the cells drawn over the picture that a display shows now (each
 * frame: the terminal has them as text over it). */
static void
note_over(const struct screen *scr)
{
	const struct rect	*r = &scr->image;
	size_t			 n = (size_t)r->w * (size_t)r->h;
	int			 x, y;

	if (I.shown_over == NULL || I.nshown_over != n) {
		free(I.shown_over);
		I.shown_over = xcalloc(n > 0 ? n : 1, 1);
		I.nshown_over = n;
	}
	for (y = 0; y < r->h && r->y + y < scr->h; y++)
		for (x = 0; x < r->w && r->x + x < scr->w; x++)
			I.shown_over[(size_t)y * (size_t)r->w + (size_t)x] =
			    (screen_at((struct screen *)scr, r->y + y,
			    r->x + x)->attr & SA_OVER) != 0;
}

/* Notes what a display shows now: the cells drawn over the picture, and
 * the regions blended in. */
static void
note_shown(const struct screen *scr)
{
	size_t	n;

	drop_shown_cells();
	note_over(scr);
	I.shown_tint = regions_now(&n);
	I.nshown_tint = n;
	I.shown_base = I.base;
}

/*
 * What a picture shown as scr's is now wants sent: the cells that were
 * drawn over it and are no longer (their picture goes back; not kitty's,
 * under the text), and those of the regions blended in that came or
 * went. 1 with I.patch_*
 * set; 0 when the whole picture is the cheaper; -1 for nothing.
 */
static int
patch_rect(const struct screen *scr)
{
	const struct rect	*r = &scr->image;
	struct shown_region	*now;
	size_t			 n, i;
	int			 x, y, cols = I.rec.cols, rows = I.rec.rows;

	I.patch_c0 = I.patch_r0 = I.patch_c1 = I.patch_r1 = 0;
	if (I.nshown_over != (size_t)r->w * (size_t)r->h || cols <= 0 ||
	    rows <= 0)
		return 0;
	for (y = 0; scr->graphics != GRAPHICS_KITTY && y < rows && y < r->h &&
	    r->y + y < scr->h; y++)
		for (x = 0; x < cols && x < r->w && r->x + x < scr->w; x++)
			if (I.shown_over[(size_t)y * (size_t)r->w +
			    (size_t)x] && !(screen_at((struct screen *)scr,
			    r->y + y, r->x + x)->attr & SA_OVER))
				patch_grow(x, y, x + 1, y + 1);
	now = regions_now(&n);
	for (i = 0; i < n; i++)
		if (region_changed(now[i].hash, now, n, I.shown_tint,
		    I.nshown_tint))
			patch_grow(now[i].c0, now[i].r0, now[i].c1, now[i].r1);
	for (i = 0; i < I.nshown_tint; i++)
		if (region_changed(I.shown_tint[i].hash, now, n, I.shown_tint,
		    I.nshown_tint))
			patch_grow(I.shown_tint[i].c0, I.shown_tint[i].r0,
			    I.shown_tint[i].c1, I.shown_tint[i].r1);
	free(now);
	if (I.patch_c1 <= I.patch_c0)
		return -1;
	if ((long)(I.patch_c1 - I.patch_c0) * (I.patch_r1 - I.patch_r0) *
	    100 > (long)cols * rows * PATCH_MAX_PCT)
		return 0;
	return 1;
}

/* 1 when the display shows scr's picture as it was rendered for the same
 * place, mode and view (its regions and what is over it aside). */
static int
shown_base(const struct screen *scr)
{
	const struct rect	*r = &scr->image;

	return I.shown != NULL && strcmp(I.shown, I.path) == 0 &&
	    I.shown_x == r->x && I.shown_y == r->y && I.shown_w == r->w &&
	    I.shown_h == r->h && I.shown_mode == scr->graphics &&
	    I.shown_base == I.base && I.shown_over != NULL;
}

int
image_pending(const struct screen *scr, int force, int *clear)
{
	int	want = wanted(scr), same;

	same = want && shown_base(scr) && I.shown_serial == I.serial &&
	    I.shown_gen == scr->image_gen;
	*clear = 0;
	I.patch = 0;
	if (same && !force) {
		note_over(scr);
		return 0;
	}
	/* A picture changed under some of its cells: those alone (kitty's
	 * while the terminal holds few patches). */
	if (want && !force && shown_base(scr) &&
	    (scr->graphics != GRAPHICS_KITTY || K.npatch < KITTY_PATCHES))
		switch (patch_rect(scr)) {
		case -1:
			note_shown(scr);
			I.shown_serial = I.serial;
			I.shown_gen = scr->image_gen;
			return 0;
		case 1:
			I.patch = 1;
			return 1;
		default:
			break;
		}
	if (I.shown != NULL) {
		*clear = 1;
		free(I.shown);
		I.shown = NULL;
	}
	return want;
}

/* The cells drawn over the picture (SA_OVER), written after it; the
 * terminal's attributes are normal before and after. Returns the bytes. */
static size_t
write_over(const struct screen *scr, FILE *out, int x0, int y0, int x1,
    int y1)
{
	const struct scell	*c;
	size_t			 bytes = 0;
	int			 x, y, n;

	for (y = y0; y < y1 && y < scr->h; y++)
		for (x = x0; x < x1 && x < scr->w; x++) {
			c = &scr->c[(size_t)y * (size_t)scr->w + (size_t)x];
			if (!(c->attr & SA_OVER) || c->str[0] == '\0')
				continue;
			n = fprintf(out, "\033[%d;%dH\033[0%s%s", y + 1,
			    x + 1, c->attr & SA_BOLD ? ";1" : "",
			    c->attr & SA_REVERSE ? ";7" : "");
			bytes += n > 0 ? (size_t)n : 0;
			if (c->fg > 0)
				bytes += (size_t)fprintf(out, ";38;5;%d",
				    c->fg - 1);
			if (c->colour > 0)
				bytes += (size_t)fprintf(out, ";48;5;%d",
				    c->colour - 1);
			bytes += (size_t)fprintf(out, "m%s\033[0m", c->str);
		}
	return bytes;
}

/* Deletes the kitty images the display holds (by id, their data freed);
 * returns the bytes. */
static size_t
kitty_delete(FILE *out)
{
	size_t	bytes = 0;
	int	i, n;

	for (i = K.base ? 0 : 1; i <= K.npatch; i++) {
		n = fprintf(out, "\033_Ga=d,d=I,i=%u,q=2\033\\",
		    KITTY_ID + (unsigned)i);
		bytes += n > 0 ? (size_t)n : 0;
	}
	K.base = K.npatch = 0;
	return bytes;
}

size_t
image_clear(FILE *out)
{
	size_t	n;

	if (!K.base && K.npatch == 0)
		return 0;
	n = kitty_delete(out);
	fflush(out);
	I.rec.bytes += n;
	return n;
}

/* The patch I.patch_* of a picture, at its cells, and what is drawn over
 * it there (a kitty one goes under it); the display's record of it
 * noted. */
static size_t
write_patch(const struct screen *scr, FILE *out)
{
	const struct rect	*r = &scr->image;
	struct buf		 b = BUF_INIT;
	size_t			 over = 0, len;
	int			 n, kitty = scr->graphics == GRAPHICS_KITTY;

	render_patch(scr->graphics, I.patch_c0, I.patch_r0, I.patch_c1,
	    I.patch_r1, KITTY_ID + (unsigned)K.npatch + 1,
	    KITTY_Z + K.npatch + 1, &b);
	if (kitty)
		K.npatch++;
	n = fprintf(out, "\0337\033[%d;%dH", r->y + I.patch_r0 + 1,
	    r->x + I.patch_c0 + 1);
	fwrite(b.data, 1, b.len, out);
	if (!kitty)
		over = write_over(scr, out, r->x + I.patch_c0,
		    r->y + I.patch_r0, r->x + I.patch_c1, r->y + I.patch_r1);
	fputs("\0338", out);
	fflush(out);
	len = b.len;
	I.rec.bytes += len + (size_t)(n > 0 ? n : 0) + 2 + over;
	I.rec.patches++;
	I.rec.patch_x = I.patch_c0;
	I.rec.patch_y = I.patch_r0;
	I.rec.patch_w = I.patch_c1 - I.patch_c0;
	I.rec.patch_h = I.patch_r1 - I.patch_r0;
	buf_release(&b);
	I.patch = 0;
	I.shown_serial = I.serial;
	I.shown_gen = scr->image_gen;
	note_shown(scr);
	return len;
}

size_t
image_write(const struct screen *scr, FILE *out)
{
	const struct rect	*r = &scr->image;
	size_t			 over = 0;
	int			 n;

	if (!wanted(scr))
		return 0;
	if (I.patch)
		return write_patch(scr, out);
	if (I.stale) {
		buf_reset(&I.bytes);
		render(I.mode, I.w, I.h, I.palette);
		I.stale = 0;
	}
	/* Kitty's images of before go (the patches over them too). */
	over += kitty_delete(out);
	/* Saved cursor, the region's corner, the picture, back. */
	n = fprintf(out, "\0337\033[%d;%dH", r->y + 1, r->x + 1);
	fwrite(I.bytes.data, 1, I.bytes.len, out);
	/* What is drawn over it goes on top again (kitty's is under it). */
	if (scr->graphics == GRAPHICS_KITTY)
		K.base = 1;
	else
		over += write_over(scr, out, r->x, r->y, r->x + r->w,
		    r->y + r->h);
	fputs("\0338", out);
	fflush(out);
	I.rec.bytes += I.bytes.len + (size_t)(n > 0 ? n : 0) + 2 + over;
	I.shown_serial = I.serial;
	I.shown_gen = scr->image_gen;
	free(I.shown);
	I.shown = xstrdup(I.path);
	I.shown_x = r->x;
	I.shown_y = r->y;
	I.shown_w = r->w;
	I.shown_h = r->h;
	I.shown_mode = scr->graphics;
	note_shown(scr);
	return I.bytes.len;
}
