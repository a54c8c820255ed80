/* The colours a label may name: the one list, in the terminals' order
 * (ANSI and curses colour numbers are the index). */
#ifndef SCALEC_COLOUR_H
#define SCALEC_COLOUR_H

#define COLOURS(C, SEP)							\
	C(BLACK, "black") SEP C(RED, "red") SEP C(GREEN, "green") SEP	\
	C(YELLOW, "yellow") SEP C(BLUE, "blue") SEP C(MAGENTA, "magenta") \
	SEP C(CYAN, "cyan") SEP C(WHITE, "white")

enum colour {
#define COLOUR_ENUM_(id, name) COLOUR_##id,
	COLOURS(COLOUR_ENUM_, )
#undef COLOUR_ENUM_
	COLOUR__COUNT
};

#define COLOUR_NAME_(id, name) name
#define COLOUR_NAMES COLOURS(COLOUR_NAME_, ", ")

/* The colour called name (any case), or -1. */
int		 colour_from_name(const char *name);
/* "red", ...; NULL for none. */
const char	*colour_name(int colour);

#endif
