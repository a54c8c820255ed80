/* The headless display of the full-screen mode: keys from a key script
 * (see scalec-annotate(1), KEY SCRIPTS), frames composed into the grid and
 * kept, so the tests and the benchmark see the cells a person would. */
#ifndef SCALEC_SCRIPT_H
#define SCALEC_SCRIPT_H

#include <stddef.h>
#include <stdio.h>

struct display;
struct key_script;

/*
 * Parses a key script: keys separated by white space, names for special
 * keys, `#` to the end of the line a comment, `\` before one character
 * takes it literally, U+XXXX any code point, Resize=WxH a new screen
 * size. NULL after reporting FILE:LINE: what is wrong.
 */
struct key_script	*key_script_parse(const char *s, size_t len,
			    const char *filename);
void			 key_script_free(struct key_script *);
/* The number of keys read so far. */
size_t			 key_script_done(const struct key_script *);
/* A display for the script at w x h, in graphics mode graphics (AUTO:
 * symbols where libchafa is built in); a pixel mode's bytes go to
 * graphics_out (may be NULL). close frees nothing of the script. */
void			 display_text_init(struct display *,
			    struct key_script *, int w, int h, int graphics,
			    FILE *graphics_out);
/* The script's display waits ms milliseconds before it gives each key,
 * as a person does between keys (annotate --pace, for benchmarks: a wait
 * is outside a key's --timings time). */
void			 display_text_pace(struct display *, int ms);

#endif
