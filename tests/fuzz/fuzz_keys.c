/* libFuzzer target for the key-script parser (annotate --keys): any
 * bytes, as a script. Not part of make check; build and run with
 *	make fuzz CC=clang
 *	tests/fuzz/fuzz_keys -max_total_time=60 corpus
 * A script it takes holds only keys (a code point that is not a
 * surrogate, or one of the special keys) and screen sizes from 1 to 1000,
 * and written back one token per key (U+XXXX, the key's name, ^L,
 * Resize=WxH) it reads back as the same keys; a refusal always says
 * why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/image.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/script.h"
#include "util/buf.h"
#include "util/error.h"

#include "refusal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Every key of ks, in order, into keys (n at most); their sizes too. */
static size_t
keys_of(struct key_script *ks, int *keys, int *ws, int *hs, size_t n)
{
	struct display	d;
	size_t		i;
	int		k;

	display_text_init(&d, ks, 80, 24, GRAPHICS_NONE, NULL);
	for (i = 0; i < n && (k = d.getkey(&d)) != -1; i++) {
		keys[i] = k;
		d.size(&d, &ws[i], &hs[i]);
	}
	if (d.getkey(&d) != -1)
		abort();	/* more keys than tokens */
	d.close(&d);
	return i;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct key_script	*ks, *back;
	struct buf		 out = BUF_INIT;
	char			*s;
	int			*k1, *k2, *w1, *w2, *h1, *h2;
	size_t			 n1, n2, i;

	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';	/* as input_read leaves it */
	refusal_start();
	if ((ks = key_script_parse(s, len, "fuzz")) == NULL) {
		if (!refusal_said)
			abort();	/* a refusal says why */
		free(s);
		return 0;
	}
	k1 = calloc(len + 1, sizeof *k1);
	k2 = calloc(len + 1, sizeof *k2);
	w1 = calloc(len + 1, sizeof *w1);
	w2 = calloc(len + 1, sizeof *w2);
	h1 = calloc(len + 1, sizeof *h1);
	h2 = calloc(len + 1, sizeof *h2);
	n1 = keys_of(ks, k1, w1, h1, len + 1);
	for (i = 0; i < n1; i++) {
		if (k1[i] < 0 || (k1[i] >= 0xd800 && k1[i] <= 0xdfff) ||
		    (k1[i] >= K_BASE && k1[i] > K_DELETE))
			abort();
		if (w1[i] < 1 || w1[i] > 1000 || h1[i] < 1 || h1[i] > 1000)
			abort();
		if (k1[i] == K_RESIZE)
			buf_printf(&out, "Resize=%dx%d\n", w1[i], h1[i]);
		else if (k1[i] == K_CTRL_L)
			buf_addstr(&out, "^L\n");
		else if (k1[i] == 0)
			buf_addstr(&out, "^@\n");
		else if (k1[i] < K_BASE)
			buf_printf(&out, "U+%04X\n", (unsigned)k1[i]);
		else
			buf_printf(&out, "%s\n", keymap_key_name(k1[i]));
	}
	if ((back = key_script_parse(out.data != NULL ? out.data : "",
	    out.len, "back")) == NULL)
		abort();	/* what it wrote reads back */
	n2 = keys_of(back, k2, w2, h2, len + 1);
	if (n1 != n2)
		abort();
	for (i = 0; i < n1; i++)
		if (k1[i] != k2[i] || w1[i] != w2[i] || h1[i] != h2[i])
			abort();	/* the same keys */
	key_script_free(back);
	key_script_free(ks);
	buf_release(&out);
	free(k1);
	free(k2);
	free(w1);
	free(w2);
	free(h1);
	free(h2);
	free(s);
	return 0;
}
