/* The terminal display of `scalec annotate`: the only ncurses code. It
 * paints the cells screen.c composes and reads keys as K_ values, on
 * /dev/tty, so that standard input and output may stay pipes. */
#ifndef SCALEC_DRAW_H
#define SCALEC_DRAW_H

struct display;

/*
 * Opens the screen on /dev/tty and fills d, showing images in graphics
 * mode graphics (GRAPHICS_ of image.h; AUTO: asks the terminal first) (colours unless NO_COLOR is set
 * or the terminal has none). The terminal is restored by d->close, at exit
 * (atexit) and by die() (its hook), whichever comes first. Install signal
 * handlers before: ncurses keeps those it finds. 0, or -1 after
 * reporting.
 */
int	draw_open(struct display *d, int graphics);
/* Restores the terminal if the screen is open; safe to call at any time
 * and more than once. */
void	draw_end(void);

#endif
