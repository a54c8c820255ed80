#!/usr/bin/env python3
import re, subprocess, sys
# sixel-compose.py STREAM OUT.ppm CELL_W CELL_H: every sixel picture of a
# --graphics-out stream decoded (sixel2png) and put at its cell, in order,
# onto one canvas the first picture's size: what a terminal shows.
data = open(sys.argv[1], "rb").read()
cw, ch = int(sys.argv[3]), int(sys.argv[4])
def ppm(png):
	p = subprocess.run(["pngtopnm"], input=png, capture_output=True, check=True).stdout
	m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", p)
	return int(m.group(1)), int(m.group(2)), bytearray(p[m.end():])
canvas = None
for m in re.finditer(rb"\x1b7\x1b\[(\d+);(\d+)H(\x1bP.*?\x1b\\)", data, re.S):
	row, col = int(m.group(1)), int(m.group(2))
	png = subprocess.run(["sixel2png"], input=m.group(3), capture_output=True, check=True).stdout
	w, h, px = ppm(png)
	if canvas is None:
		r0, c0, W, H, canvas = row, col, w, h, px
		continue
	ox, oy = (col - c0) * cw, (row - r0) * ch
	for y in range(h):
		if oy + y >= H:
			break
		n = min(w, W - ox)
		canvas[((oy + y) * W + ox) * 3:((oy + y) * W + ox + n) * 3] = px[y * w * 3:(y * w + n) * 3]
	print("patch %dx%d at %d,%d" % (w, h, ox, oy), file=sys.stderr)
open(sys.argv[2], "wb").write(b"P6\n%d %d\n255\n" % (W, H) + bytes(canvas))
