#!/bin/bash
# Object detection on a terminal (tmux, so symbols mode): a box drawn end
# to end by keys over the picture (the crosshair, a corner, the box being
# stretched, a label's key), selected and relabelled, a second one at zoom
# 4 (z z; Z and - back out), submitted, and the exported coordinates exactly where the crosshair
# was at each corner.
. "$SRCDIR/tests/tui/lib.sh"

cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/s1.png"
cp "$SRCDIR/share/demo/shapes/shape-02.png" "$T/s2.png"
run init
run project create od --type object-detection --labels circle,square,triangle
run file add od "$T/s1.png" "$T/s2.png"

start annotate od
tcheck "boxes: first screen" wait_for "Image: $T/s1.png (160 x 120)"
tcheck "boxes: the crosshair in the middle" wait_for "Crosshair 80, 60  zoom 1x"
tcheck "boxes: the mode in the status line" row_has 23 "symbols"
tcheck "boxes: the crosshair over the picture" has "┼"
keys l l l l
tcheck "boxes: four steps right" wait_for "Crosshair 90, 60"
keys v
tcheck "boxes: the corner" wait_for "Corner at 90, 60"
keys L J
tcheck "boxes: a large step right and down" wait_for "Crosshair 110, 80"
tcheck "boxes: the box being drawn over the picture" has "┌────┐"
keys 1
tcheck "boxes: finished with the label" wait_for "circle box 90, 60, 20 x 20"
tcheck "boxes: drawn with its tag" has "┌circ┐"
tcheck "boxes: in the label's colour" row_e_matches 11 $'\033\\[([0-9;]*;)?(3[1-7]|38;5;[0-9]+)m┌'
keys Tab
tcheck "boxes: Tab selects it" wait_for "Box 1 of 1, circle"
keys 2
tcheck "boxes: a label's key relabels it" wait_for "Box 1 relabelled square"
tcheck "boxes: the new tag" has "┌squa┐"
keys Enter
tcheck "boxes: submitted, the next image" wait_for "Image: $T/s2.png (160 x 120)"
picture=$(screen -e | sed -n 5,19p)
keys z z
tcheck "boxes: z z, zoom 4" wait_for "a step is 0.625 pixels"
tcheck "boxes: the crosshair line says 4x" has "Crosshair 80, 60  zoom 4x"
tcheck "boxes: the picture is the zoomed one" \
    test "$(screen -e | sed -n 5,19p)" != "$picture"
keys h h h h v L j 3
tcheck "boxes: a box at zoom 4" wait_for "triangle box 77.5, 60, 5 x 0.625"
keys Z
tcheck "boxes: Z, zoom 2" wait_for "Zoom 2x: a step is 1.25 pixels"
keys -
tcheck "boxes: -, zoom 1" wait_for "Zoom 1x: a step is 2.5 pixels"
tcheck "boxes: the box kept through the zoom" has "1 box: triangle"
keys Enter
tcheck "boxes: all done" wait_for "All tasks in od are labelled"
keys q
tcheck "quit" wait_for "[exit 0]"
run export od
got=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
	t = json.loads(l)
	for a in t["annotations"]:
		for b in a["result"]["boxes"]:
			print(t["task"], b["x"], b["y"], b["width"], b["height"], b["label"])' "$T/out")
check "export: the boxes where the crosshair was" test "$got" = "1 90 60 20 20 square
2 77.5 60 5 0.625 triangle"
tui_done
