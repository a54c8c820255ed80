/* The picture in the frame's image region (struct rect in screen.h,
 * filled by labeler_area): decoded by util/imgdecode.c, drawn by libchafa
 * in one of the graphics modes. Symbols go into the grid as cells with
 * colours, composed like any text; sixel, kitty and iTerm2 pictures are
 * bytes a display writes after its cells, at the region's corner, and
 * again only when the image, the region or the mode changes. One image is
 * held at a time (the one the frame shows), decoded once. Built without
 * libchafa (--without-chafa), no mode draws: the region shows the path
 * and size, as GRAPHICS_NONE does. */
#ifndef SCALEC_IMAGE_H
#define SCALEC_IMAGE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

struct screen;

enum graphics {
	GRAPHICS_AUTO = 0,	/* from the terminal (graphics_detect) */
	GRAPHICS_NONE,		/* named, not drawn */
	GRAPHICS_SYMBOLS,	/* Unicode blocks in colour: any terminal */
	GRAPHICS_SIXEL,
	GRAPHICS_KITTY,
	GRAPHICS_ITERM,
};

/* What the frame's image region shows, for the headless display's
 * summary and the tests. */
struct image_record {
	char	 path[1024];	/* "" when no image was shown */
	int	 mode;		/* GRAPHICS_ */
	int	 x, y, w, h;	/* the region, cells */
	int	 cols, rows;	/* the picture within it, cells */
	int	 src_w, src_h;	/* the oriented image, pixels */
	int	 dec_w, dec_h;	/* as decoded, pixels */
	int	 denom;		/* JPEG DCT scale 1/denom */
	int	 orientation;	/* EXIF */
	size_t	 bytes;		/* graphics bytes written, in all */
	int	 patches;	/* partial updates (sixel) among them */
	int	 patch_x, patch_y, patch_w, patch_h;	/* the last one's
					   cells, within the picture */
	char	 format[8];	/* png, jpeg, ... ("" until decoded) */
	size_t	 file_bytes;	/* the file's (or the URL's) */
	int	 tinted;	/* regions blended into the picture */
	char	 error[256];	/* why it is not shown, or "" */
};

/* "none", "symbols", "sixel", "kitty", "iterm" (AUTO: "auto"). */
const char *graphics_name(int);
/* The mode named s, or -1. */
int	graphics_parse(const char *s);
/* 1 when scalec was built with libchafa. */
int	graphics_available(void);
/*
 * The mode the terminal on fd can show, asked before the screen starts:
 * TERM and known variables first (tmux and screen: symbols; kitty), then
 * kitty's graphics query and a device-attributes query (sixel: attribute
 * 4) followed by a cursor-position query that every terminal answers, so
 * a terminal that ignores the first two costs no wait. The answer is read
 * with a bounded wait.
 */
int	graphics_detect(int fd);
/* The mode the terminal's answers to graphics_detect's queries show:
 * kitty's graphics answer, else sixel among the device attributes, else
 * symbols. */
int	graphics_answer(const char *ans);
/* The terminal's cell in pixels (for sixel and kitty pictures). */
void	image_cell_size(int w, int h);
/*
 * Composes scr's image region (scr->image, scr->image_path): in symbols
 * mode the picture's cells; in the others, nothing but a message when the
 * image cannot be shown. Decodes and renders only what changed.
 */
void	image_compose(struct screen *scr);
/*
 * For the pixel modes: 1 when the picture must be written (it is not what
 * the display shows, or force), and no overlay covers the region. *clear
 * is set when the region must first be painted blank (a picture was
 * there: it went, moved or changed).
 */
int	image_pending(const struct screen *scr, int force, int *clear);
/* Writes the picture to out at the region's corner (the cursor saved and
 * restored around it) and notes it shown. Returns its bytes. A sixel
 * picture shown already whose regions changed, or that lost cells drawn
 * over it, is sent in part: the rectangle of cells that changed under,
 * rendered alone and put at its cell (image_pending says which); so is
 * a kitty or iTerm2 one's (a kitty patch is one more image, over the
 * picture; a kitty picture is below the text, so cells drawn over it and
 * gone need nothing sent). */
size_t	image_write(const struct screen *scr, FILE *out);
/* After image_pending said clear: deletes from the terminal the kitty
 * images it holds (text does not wipe them, as it does a sixel or an
 * iTerm2 picture); nothing in the other modes. Returns its bytes. */
size_t	image_clear(FILE *out);
/* The folder beside the shared database that holds the pictures piped
 * into it (shared-host mode), or NULL: an image there is opened with the
 * database's group, which the person does not have. */
void	image_shared_dir(const char *dir);
/* What the image at path is, for the i key: its path, size, format,
 * EXIF orientation and how it is shown (its path alone when it was not
 * read), appended to b. */
struct buf;
void	image_describe(const char *path, struct buf *b);
/* The regions (tui/tint.h) a pixel mode's picture is tinted with from
 * the next image_compose on (copied; n 0: none): a change renders the
 * picture again, so it is sent again. Symbols mode ignores them. */
struct image_region;
void	image_tint(const struct image_region *, size_t n);
/* What was shown last. */
const struct image_record *image_last(void);
/* The drawing over the picture (the labeler's boxes), for the headless
 * display's record: taken (NULL: none); borrowed back by the second. */
void	image_note_draw(json_t *);
json_t	*image_last_draw(void);
/*
 * Images by URL on a terminal (on, draw.c): fetched in the background
 * (util/fetch.h's transfers, moved on while the display waits for a key),
 * the region saying "fetching URL... N KB" meanwhile; a key script (off)
 * fetches while the screen waits, so that its frames are the same each
 * run. The task's change ends a transfer it no longer needs.
 */
void	image_fetch_async(int on);
/* The image the next task is likely to show (NULL: none): fetched while
 * the current one is shown, so that it is in the cache when it comes. */
void	image_prefetch(const char *path);
/* What the labeler and the review screen call when an item opens: with
 * current (its image) by URL, the next item's (next_url(arg, &url): 1
 * and url, the caller's to free; 0 for none; -1) is prefetched; else,
 * or with none, nothing is (a project of files asks nothing). */
void	image_prefetch_next(const char *current,
	    int (*next_url)(void *arg, char **url), void *arg);
/* 1 when a transfer moved since the last call: the frame is drawn again
 * (its progress). */
int	image_fetch_moved(void);
/* Drops the held image (at the end of the screen). */
void	image_reset(void);

#endif
