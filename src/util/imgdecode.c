/* Image bytes to pixels (see imgdecode.h). One function per format, each
 * checking the header's size against the limits before it allocates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>

#include "util/exif.h"
#include "util/imagesize.h"
#include "util/imgdecode.h"

struct dec {
	const uint8_t	*p;
	size_t		 len;
	char		*err;
	size_t		 errlen;
};

static int
fail(struct dec *d, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(d->err, d->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Checks a size and allocates its pixels. */
static int
alloc_pixels(struct dec *d, struct img *out, long w, long h)
{
	if (w < 1 || h < 1)
		return fail(d, "the image has no pixels (%ld x %ld)", w, h);
	if (w > IMG_SIDE_MAX || h > IMG_SIDE_MAX || w * h > IMG_PIXELS_MAX)
		return fail(d, "the image is too big to show: %ld x %ld pixels"
		    " (at most %d a side and %ld million in all)", w, h,
		    IMG_SIDE_MAX, IMG_PIXELS_MAX / (1024 * 1024));
	if ((out->rgba = calloc((size_t)w * (size_t)h, 4)) == NULL)
		return fail(d, "out of memory for %ld x %ld pixels", w, h);
	out->w = (int)w;
	out->h = (int)h;
	return 0;
}

/* JPEG --------------------------------------------------------------- */

struct jerr {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 jb;
	char			 msg[JMSG_LENGTH_MAX];
};

static void
jpeg_fail(j_common_ptr ci)
{
	struct jerr	*je = (struct jerr *)ci->err;

	ci->err->format_message(ci, je->msg);
	longjmp(je->jb, 1);
}

static void
jpeg_quiet(j_common_ptr ci)
{
	(void)ci;	/* warnings are not printed over the screen */
}

/* The largest DCT denominator (8, 4, 2, 1) that keeps w x h at least as
 * big as its fit into want_w x want_h (aspect kept): one side reaching
 * its bound is enough. */
static int
jpeg_denom(long w, long h, int want_w, int want_h)
{
	int	d;

	if (want_w <= 0 || want_h <= 0)
		return 1;
	for (d = 8; d > 1; d /= 2)
		if ((w + d - 1) / d >= want_w || (h + d - 1) / d >= want_h)
			break;
	return d;
}

static int
decode_jpeg(struct dec *d, struct img *out, int want_w, int want_h,
    int swaps)
{
	struct jpeg_decompress_struct	 ci;
	struct jerr			 je;
	JSAMPROW			 row;
	uint8_t				*volatile px = NULL;
	volatile int			 rc = -1;

	memset(&ci, 0, sizeof ci);
	ci.err = jpeg_std_error(&je.pub);
	je.pub.error_exit = jpeg_fail;
	je.pub.output_message = jpeg_quiet;
	if (setjmp(je.jb)) {
		fail(d, "the JPEG cannot be read: %s", je.msg);
		free(px);
		out->rgba = NULL;
		jpeg_destroy_decompress(&ci);
		return -1;
	}
	jpeg_create_decompress(&ci);
	ci.mem->max_memory_to_use = 256L * 1024 * 1024;
	jpeg_mem_src(&ci, d->p, (unsigned long)d->len);
	jpeg_read_header(&ci, TRUE);
	if (ci.image_width > IMG_SIDE_MAX || ci.image_height > IMG_SIDE_MAX) {
		fail(d, "the image is too big to show: %u x %u pixels (at most"
		    " %d a side)", ci.image_width, ci.image_height,
		    IMG_SIDE_MAX);
		goto out;
	}
	if (ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK) {
		fail(d, "a CMYK JPEG is not shown (RGB and grey ones are)");
		goto out;
	}
	ci.scale_num = 1;
	ci.scale_denom = (unsigned)(swaps ?
	    jpeg_denom(ci.image_width, ci.image_height, want_h, want_w) :
	    jpeg_denom(ci.image_width, ci.image_height, want_w, want_h));
	ci.out_color_space = JCS_EXT_RGBA;
	jpeg_calc_output_dimensions(&ci);
	if (alloc_pixels(d, out, ci.output_width, ci.output_height) == -1)
		goto out;
	px = out->rgba;
	out->denom = (int)ci.scale_denom;
	out->src_w = (int)ci.image_width;
	out->src_h = (int)ci.image_height;
	jpeg_start_decompress(&ci);
	while (ci.output_scanline < ci.output_height) {
		row = px + (size_t)ci.output_scanline * (size_t)out->w * 4;
		jpeg_read_scanlines(&ci, &row, 1);
	}
	jpeg_finish_decompress(&ci);
	rc = 0;
out:
	jpeg_destroy_decompress(&ci);
	return rc;
}

/* PNG ---------------------------------------------------------------- */

static int
decode_png(struct dec *d, struct img *out)
{
	png_image	im;

	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, d->p, d->len))
		return fail(d, "the PNG cannot be read: %s", im.message);
	im.format = PNG_FORMAT_RGBA;
	if (alloc_pixels(d, out, im.width, im.height) == -1) {
		png_image_free(&im);
		return -1;
	}
	if (!png_image_finish_read(&im, NULL, out->rgba, 0, NULL)) {
		fail(d, "the PNG cannot be read: %s", im.message);
		png_image_free(&im);
		return -1;
	}
	return 0;
}

/* GIF: the first frame, over the logical screen. --------------------- */

static int
gif_read(GifFileType *g, GifByteType *to, int n)
{
	struct dec	*d = g->UserData;

	if (n < 0)
		return 0;
	if ((size_t)n > d->len)
		n = (int)d->len;
	memcpy(to, d->p, (size_t)n);
	d->p += n;
	d->len -= (size_t)n;
	return n;
}

static int
gif_frame(struct dec *d, GifFileType *g, struct img *out, int transparent)
{
	static const int	 start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
	const GifImageDesc	*id = &g->Image;
	ColorMapObject		*cm = id->ColorMap != NULL ? id->ColorMap :
				    g->SColorMap;
	GifPixelType		*line;
	uint8_t			*px;
	int			 pass, y, x, i, rows;

	if (cm == NULL)
		return fail(d, "the GIF has no colour table");
	if (id->Left < 0 || id->Top < 0 || id->Width < 1 || id->Height < 1 ||
	    id->Left + id->Width > out->w || id->Top + id->Height > out->h)
		return fail(d, "the GIF's first frame lies outside its screen");
	if ((line = malloc((size_t)id->Width)) == NULL)
		return fail(d, "out of memory");
	for (pass = 0; pass < (id->Interlace ? 4 : 1); pass++) {
		y = id->Interlace ? start[pass] : 0;
		rows = id->Interlace ? step[pass] : 1;
		for (; y < id->Height; y += rows) {
			if (DGifGetLine(g, line, id->Width) == GIF_ERROR) {
				free(line);
				return fail(d, "the GIF cannot be read: %s",
				    GifErrorString(g->Error));
			}
			px = out->rgba + ((size_t)(id->Top + y) *
			    (size_t)out->w + (size_t)id->Left) * 4;
			for (x = 0; x < id->Width; x++, px += 4) {
				i = line[x];
				if (i == transparent || i >= cm->ColorCount)
					continue;
				px[0] = cm->Colors[i].Red;
				px[1] = cm->Colors[i].Green;
				px[2] = cm->Colors[i].Blue;
				px[3] = 255;
			}
		}
	}
	free(line);
	return 0;
}

static int
decode_gif(struct dec *d, struct img *out)
{
	GifFileType	*g;
	GifRecordType	 rt;
	GifByteType	*ext;
	int		 code, e, transparent = -1, rc = -1;

	if ((g = DGifOpen(d, gif_read, &e)) == NULL)
		return fail(d, "the GIF cannot be read: %s", GifErrorString(e));
	if (alloc_pixels(d, out, g->SWidth, g->SHeight) == -1)
		goto out;
	for (;;) {
		if (DGifGetRecordType(g, &rt) == GIF_ERROR)
			goto gif_error;
		if (rt == TERMINATE_RECORD_TYPE) {
			fail(d, "the GIF has no frame");
			goto out;
		}
		if (rt == EXTENSION_RECORD_TYPE) {
			if (DGifGetExtension(g, &code, &ext) == GIF_ERROR)
				goto gif_error;
			/* A graphic control block: the transparent index. */
			if (code == GRAPHICS_EXT_FUNC_CODE && ext != NULL &&
			    ext[0] >= 4 && (ext[1] & 1))
				transparent = ext[4];
			while (ext != NULL)
				if (DGifGetExtensionNext(g, &ext) == GIF_ERROR)
					goto gif_error;
			continue;
		}
		if (rt == IMAGE_DESC_RECORD_TYPE) {
			if (DGifGetImageDesc(g) == GIF_ERROR)
				goto gif_error;
			rc = gif_frame(d, g, out, transparent);
			goto out;
		}
	}
gif_error:
	fail(d, "the GIF cannot be read: %s", GifErrorString(g->Error));
out:
	DGifCloseFile(g, &e);
	return rc;
}

/* WebP --------------------------------------------------------------- */

static int
decode_webp(struct dec *d, struct img *out)
{
	int	w, h;

	if (!WebPGetInfo(d->p, d->len, &w, &h))
		return fail(d, "the WebP cannot be read");
	if (alloc_pixels(d, out, w, h) == -1)
		return -1;
	if (WebPDecodeRGBAInto(d->p, d->len, out->rgba,
	    (size_t)w * (size_t)h * 4, w * 4) == NULL)
		return fail(d, "the WebP cannot be read: its data is broken");
	return 0;
}

/* Netpbm (P2, P3, P5, P6) -------------------------------------------- */

/* The next decimal field at *at (after blanks and comments), or -1. */
static long
pnm_field(const struct dec *d, size_t *at)
{
	long	v = 0;
	int	n = 0;

	for (;;) {
		while (*at < d->len && strchr(" \t\r\n\v\f", d->p[*at]) != NULL)
			(*at)++;
		if (*at < d->len && d->p[*at] == '#') {
			while (*at < d->len && d->p[*at] != '\n')
				(*at)++;
			continue;
		}
		break;
	}
	for (; *at < d->len && d->p[*at] >= '0' && d->p[*at] <= '9'; (*at)++)
		if ((v = v * 10 + (d->p[*at] - '0')) > 1000000 || ++n > 8)
			return -1;
	return n > 0 ? v : -1;
}

static int
decode_pnm(struct dec *d, struct img *out)
{
	size_t	 at = 2, need, i, k;
	long	 w, h, maxv, s;
	int	 kind = d->p[1] - '0', ch = kind == 3 || kind == 6 ? 3 : 1;
	int	 wide;
	uint8_t	*px;

	w = pnm_field(d, &at);
	h = pnm_field(d, &at);
	maxv = pnm_field(d, &at);
	if (w < 1 || h < 1 || maxv < 1 || maxv > 65535)
		return fail(d, "the Netpbm header is broken");
	if (alloc_pixels(d, out, w, h) == -1)
		return -1;
	wide = maxv > 255;
	need = (size_t)w * (size_t)h * (size_t)ch;
	if (kind >= 5) {
		at++;			/* the one blank after maxval */
		if (at > d->len || (d->len - at) / (wide ? 2 : 1) < need)
			return fail(d, "the Netpbm file is truncated");
	}
	for (i = 0; i < (size_t)w * (size_t)h; i++) {
		px = out->rgba + i * 4;
		for (k = 0; k < (size_t)ch; k++) {
			if (kind >= 5 && wide) {
				s = d->p[at] << 8 | d->p[at + 1];
				at += 2;
			} else if (kind >= 5)
				s = d->p[at++];
			else if ((s = pnm_field(d, &at)) < 0 || s > maxv)
				return fail(d, "the Netpbm file is truncated"
				    " or holds a sample over its maximum");
			px[k] = (uint8_t)(s * 255 / maxv);
		}
		if (ch == 1)
			px[1] = px[2] = px[0];
		px[3] = 255;
	}
	return 0;
}

/* BMP: uncompressed, 1, 4, 8 (a palette), 24 and 32 bits ---------------- */

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
decode_bmp(struct dec *d, struct img *out)
{
	const uint8_t	*p = d->p, *src, *pal, *c;
	uint32_t	 off, comp, hsize, ncol;
	long		 w, h;
	size_t		 stride, y, x, sy, idx;
	int		 bpp, topdown;
	uint8_t		*px;

	if (d->len < 54 || (hsize = le32(p + 14)) < 40 || hsize > d->len - 14)
		return fail(d, "the BMP header is broken or of an old kind");
	off = le32(p + 10);
	w = (int32_t)le32(p + 18);
	h = (int32_t)le32(p + 22);
	bpp = p[28] | p[29] << 8;
	comp = le32(p + 30);
	ncol = le32(p + 46);
	topdown = h < 0;
	if (topdown)
		h = -h;
	if ((bpp != 1 && bpp != 4 && bpp != 8 && bpp != 24 && bpp != 32) ||
	    (comp != 0 && !(comp == 3 && bpp == 32)))
		return fail(d, "a BMP of %d bits per pixel (compression %u) is"
		    " not shown: uncompressed ones are", bpp, (unsigned)comp);
	pal = p + 14 + hsize;
	if (bpp <= 8) {
		if (ncol == 0 || ncol > (1u << bpp))
			ncol = 1u << bpp;
		if ((size_t)(pal - p) + (size_t)ncol * 4 > d->len)
			return fail(d, "the BMP file is truncated");
	}
	if (alloc_pixels(d, out, w, h) == -1)
		return -1;
	stride = (((size_t)w * (size_t)bpp + 31) / 32) * 4;
	if (off > d->len || (d->len - off) / stride < (size_t)h)
		return fail(d, "the BMP file is truncated");
	for (y = 0; y < (size_t)h; y++) {
		sy = topdown ? y : (size_t)h - 1 - y;
		src = p + off + sy * stride;
		px = out->rgba + y * (size_t)w * 4;
		for (x = 0; x < (size_t)w; x++, px += 4) {
			if (bpp > 8)
				c = src + x * (size_t)bpp / 8;
			else {
				idx = src[x * (size_t)bpp / 8] >> (8 - bpp -
				    (int)(x * (size_t)bpp % 8)) &
				    ((1u << bpp) - 1);
				if (idx >= ncol)
					idx = 0;
				c = pal + idx * 4;
			}
			px[0] = c[2];
			px[1] = c[1];
			px[2] = c[0];
			px[3] = 255;
		}
	}
	return 0;
}

/* Orientation -------------------------------------------------------- */

/* Turns and flips the pixels as EXIF orientation o says to show them. */
static int
orient(struct dec *d, struct img *im, int o)
{
	int		 w = im->w, h = im->h, nw, nh, x, y, sx, sy;
	uint8_t		*to;

	if (o <= 1)
		return 0;
	nw = exif_swaps(o) ? h : w;
	nh = exif_swaps(o) ? w : h;
	if ((to = malloc((size_t)w * (size_t)h * 4)) == NULL)
		return fail(d, "out of memory");
	for (y = 0; y < nh; y++)
		for (x = 0; x < nw; x++) {
			switch (o) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			default: sx = w - 1 - y; sy = x; break;	/* 8 */
			}
			memcpy(to + ((size_t)y * (size_t)nw + (size_t)x) * 4,
			    im->rgba + ((size_t)sy * (size_t)w + (size_t)sx) * 4,
			    4);
		}
	free(im->rgba);
	im->rgba = to;
	im->w = nw;
	im->h = nh;
	if (exif_swaps(o)) {
		x = im->src_w;
		im->src_w = im->src_h;
		im->src_h = x;
	}
	return 0;
}

int
img_decode(const void *buf, size_t len, int want_w, int want_h,
    struct img *out, char *err, size_t errlen)
{
	struct dec		 d = { buf, len, err, errlen };
	struct imagesize	 is;
	int			 rc, o = 1;

	memset(out, 0, sizeof *out);
	out->denom = 1;
	rc = imagesize_buf(buf, len, &is);
	if (rc == IMAGESIZE_NONE)
		return fail(&d, "not an image of a known kind (PNG, JPEG, GIF,"
		    " BMP, WebP, PGM or PPM)");
	if (rc == IMAGESIZE_BAD)
		return fail(&d, "the %s header is broken: %s", is.format,
		    is.why);
	out->format = is.format;
	if (strcmp(is.format, "jpeg") == 0) {
		o = exif_orientation(buf, len);
		rc = decode_jpeg(&d, out, want_w, want_h, exif_swaps(o));
	} else if (strcmp(is.format, "png") == 0)
		rc = decode_png(&d, out);
	else if (strcmp(is.format, "gif") == 0)
		rc = decode_gif(&d, out);
	else if (strcmp(is.format, "webp") == 0)
		rc = decode_webp(&d, out);
	else if (strcmp(is.format, "bmp") == 0)
		rc = decode_bmp(&d, out);
	else
		rc = decode_pnm(&d, out);
	if (rc == 0 && out->src_w == 0) {
		out->src_w = out->w;
		out->src_h = out->h;
	}
	out->orientation = o;
	if (rc == 0)
		rc = orient(&d, out, o);
	if (rc == -1)
		img_release(out);
	return rc;
}

void
img_release(struct img *im)
{
	free(im->rgba);
	im->rgba = NULL;
	im->w = im->h = 0;
}
