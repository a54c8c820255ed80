#!/bin/bash
# Semantic segmentation on a terminal (tmux, so symbols mode): a polygon
# drawn end to end by keys over the picture (vertices where the crosshair
# is, the line on to the crosshair, Enter closing it, a label's key),
# filled in its label's colour as coloured cells, a vertex moved, a second
# polygon at zoom 4, submitted, and the exported coordinates exactly where
# the crosshair was.
. "$SRCDIR/tests/tui/lib.sh"

# filled: how many cells of the picture's rows have one of the eight
# basic background colours (the picture's own are of the 256), read from
# capture-pane -e's escapes.
filled() {
	screen -e | sed -n 5,19p | python3 -c '
import re, sys
n = 0
for line in sys.stdin:
	bg = None
	for part in re.split(r"(\x1b\[[0-9;]*m)", line.rstrip("\n")):
		if part.startswith("\x1b["):
			p = [int(x) if x else 0 for x in part[2:-1].split(";")]
			i = 0
			while i < len(p):
				if p[i] in (38, 48) and i + 1 < len(p) and p[i + 1] == 5:
					if p[i] == 48:
						bg = p[i + 2]
					i += 3
					continue
				if p[i] == 0 or p[i] == 49:
					bg = None
				elif 40 <= p[i] <= 47:
					bg = p[i] - 40
				i += 1
		elif bg is not None and bg < 8:
			n += len(part)
print(n)'
}

cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/s1.png"
cp "$SRCDIR/share/demo/shapes/shape-02.png" "$T/s2.png"
run init
run project create seg --type semantic-segmentation --labels circle,square,triangle
run file add seg "$T/s1.png" "$T/s2.png"

start annotate seg
tcheck "polygons: first screen" wait_for "Image: $T/s1.png (160 x 120)"
tcheck "polygons: the keys below the picture" wait_for ". a vertex, Enter closes"
tcheck "polygons: the mode in the status line" row_has 23 "symbols"
tcheck "polygons: nothing filled yet" test "$(filled)" -eq 0
keys H H .
tcheck "polygons: the first vertex" wait_for "Vertex 1 at 40, 60: 2 more make a polygon"
keys L L .
tcheck "polygons: the second" wait_for "Vertex 2 at 80, 60"
tcheck "polygons: the first drawn over the picture" row_has 11 "•"
keys J J .
tcheck "polygons: the third" wait_for "Vertex 3 at 80, 100: Enter closes the polygon"
keys Enter
tcheck "polygons: Enter closes it" wait_for "Closed, 3 vertices: a label's key labels it"
keys 2
tcheck "polygons: kept with the label" wait_for "square polygon, 3 vertices: Enter submits"
tcheck "polygons: its name by the top vertex" has "•square"
tcheck "polygons: filled in its colour" test "$(filled)" -gt 5
keys m
tcheck "polygons: m takes the nearest vertex" wait_for "Moving vertex 3 (80, 100)"
keys k .
tcheck "polygons: moved" wait_for "Vertex 3 moved to 80, 97.5"
keys Enter
tcheck "polygons: submitted, the next image" wait_for "Image: $T/s2.png (160 x 120)"
keys + +
tcheck "polygons: zoom 4" wait_for "a step is 0.625 pixels"
keys h h h h . L . j . 3
tcheck "polygons: a polygon at zoom 4" wait_for "triangle polygon, 3 vertices"
keys Enter
tcheck "polygons: all done" wait_for "All tasks in seg are labelled"
keys q
tcheck "quit" wait_for "[exit 0]"
run export seg
got=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
	t = json.loads(l)
	for a in t["annotations"]:
		for r in a["result"]["regions"]:
			print(t["task"], " ".join("%g,%g" % tuple(p) for p in r["points"]), r["label"])' "$T/out")
check "export: the polygons where the crosshair was" test "$got" = "1 40,60 80,60 80,97.5 square
2 77.5,60 82.5,60 82.5,60.625 triangle"
tui_done
