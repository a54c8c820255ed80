/* The one EXIF field scalec reads: a JPEG's Orientation (tag 0x0112 in
 * the APP1 "Exif" segment's first IFD), by a small bounded reader of its
 * own (there is no EXIF library among the dependencies; libexif would be
 * the one to take if more fields were ever needed). Pure functions on a
 * buffer, fuzzed by tests/fuzz/fuzz_exif.c. */
#ifndef SCALEC_EXIF_H
#define SCALEC_EXIF_H

#include <stddef.h>

/*
 * The Orientation of the JPEG in buf (its first len bytes): 1 to 8 as
 * EXIF numbers them (1: as stored; 6: turn 90 degrees clockwise to show;
 * ...), and 1 when buf is no JPEG, has no EXIF, or its value is out of
 * range or cannot be read within len. Never reads outside buf.
 */
int	exif_orientation(const void *buf, size_t len);
/* 1 when orientation o swaps width and height (5 to 8). */
int	exif_swaps(int o);

#endif
