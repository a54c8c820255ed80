#!/bin/sh
# The translucent overlay of a pixel mode: a closed polygon is blended into
# the sixel picture's pixels (half its label's colour), decoded back with
# libsixel-bin's sixel2png: inside it the grey picture turns reddish,
# outside it stays grey; the open polygon is not blended, and the
# headless record says how many regions the picture has in it. A change
# sends only the cells it touches (a partial update, put at its cell):
# the stream decoded as a terminal shows it (every picture put at its
# cell, in order) is the picture a fresh screen sends, cell by cell.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need pnmtopng netpbm
need sixel2png libsixel-bin

ppmmake rgb:80/80/80 160 120 | pnmtopng > "$T/grey.png" 2>/dev/null
run init
printf 'controls:\n  - {name: regions, kind: polygons, labels: [{name: car, colour: "#ff0000"}]}\n' > "$T/c.yaml"
run project create seg --type custom --config "$T/c.yaml"
run file add seg "$T/grey.png"

# pixel X% Y%: the decoded picture's pixel there, "r g b".
pixel() {
	sixel2png < "$T/o.six" > "$T/o.png" 2>/dev/null
	pngtopnm "$T/o.png" > "$T/o.pnm"
	set -- "$1" "$2" $(pnmfile "$T/o.pnm" | sed 's/.*, \([0-9]*\) by \([0-9]*\).*/\1 \2/')
	pamcut -left $(($3 * $1 / 100)) -top $(($4 * $2 / 100)) -width 1 -height 1 "$T/o.pnm" | pnmnoraw | tail -n +4 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}
# near "R G B" R G B: each channel within 24 (chafa dithers).
near() {
	python3 -c "import sys; g=list(map(int,sys.argv[1].split())); e=list(map(int,sys.argv[2:])); sys.exit(0 if all(abs(a-b)<=24 for a,b in zip(g,e)) else 1)" "$@"
}

# An open polygon: nothing blended.
keys seg 'H H K . L L L L . J J .' --graphics sixel --graphics-out "$T/o.six" --json
check "open: nothing blended" test "$(json "d['image']['tinted']")" = 0
check "open: the middle grey" near "$(pixel 50 50)" 128 128 128

# The rectangle 40, 40 to 120, 80 kept: only the cells it touches are sent
# again (40 x 15 cells of 4 x 8 pixels: columns 10 to 30 and rows 5 to 10
# and a cell round them), not the picture.
keys seg 'H H K . L L L L . J J . H H H H . Enter 1' --graphics sixel --graphics-out "$T/o2.six" --json
check "kept: one region blended" test "$(json "d['image']['tinted']")" = 1
check "kept: a partial update, the region's cells" test "$(json "d['image']['patches'], d['image']['patch']")" = "1 {'col': 9, 'row': 4, 'cols': 23, 'rows': 8}"
full=$(python3 -c "import re,sys; print(len(re.findall(rb'\x1b7\x1b\[\d+;\d+H\x1bP', open(sys.argv[1],'rb').read())))" "$T/o2.six")
check "kept: two pictures in the stream, the whole and the part" test "$full" = 2
python3 "$SRCDIR/tests/cli/sixel-compose.py" "$T/o2.six" "$T/shown.ppm" 10 20 2>/dev/null
# at X% Y% of the picture as the terminal shows it
shown() {
	set -- "$1" "$2" $(pnmfile "$T/shown.ppm" | sed 's/.*, \([0-9]*\) by \([0-9]*\).*/\1 \2/')
	pamcut -left $(($3 * $1 / 100)) -top $(($4 * $2 / 100)) -width 1 -height 1 "$T/shown.ppm" | pnmnoraw | tail -n +4 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}
check "after the partial update: inside, half red ($(shown 50 50))" near "$(shown 50 50)" 192 64 64
check "after the partial update: outside, grey ($(shown 10 10))" near "$(shown 10 10)" 128 128 128
check "after the partial update: below it, grey ($(shown 50 85))" near "$(shown 50 85)" 128 128 128
keys seg '' --graphics sixel --graphics-out "$T/o.six" --json
check "draft: drawn with it" test "$(json "d['image']['tinted']")" = 1
check "inside: half red, half grey ($(pixel 50 50))" near "$(pixel 50 50)" 192 64 64
check "outside: grey ($(pixel 10 10))" near "$(pixel 10 10)" 128 128 128
check "below it: grey ($(pixel 50 85))" near "$(pixel 50 85)" 128 128 128
# The partial update against the whole picture sent fresh: each cell's
# mean colour within 16 (chafa dithers each rendering its own way).
python3 "$SRCDIR/tests/cli/sixel-compose.py" "$T/o.six" "$T/fresh.ppm" 10 20 2>/dev/null
check "the partial update shows what a fresh screen does, cell by cell" python3 -c '
import re, sys
def rd(f):
	p = open(f, "rb").read(); m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", p)
	return int(m.group(1)), int(m.group(2)), p[m.end():]
w, h, a = rd(sys.argv[1]); w2, h2, b = rd(sys.argv[2])
assert (w, h) == (w2, h2), (w, h, w2, h2)
worst = 0
for cy in range(h // 20):
	for cx in range(w // 10):
		for c in range(3):
			d = sum(a[((y * w) + x) * 3 + c] - b[((y * w) + x) * 3 + c] for y in range(cy * 20, cy * 20 + 20) for x in range(cx * 10, cx * 10 + 10))
			worst = max(worst, abs(d) / 200)
sys.exit(0 if worst <= 16 else 1)' "$T/shown.ppm" "$T/fresh.ppm"

# Symbols mode colours cells instead: nothing blended.
keys seg '' --graphics symbols --json
check "symbols: cells, not pixels" test "$(json "d['image']['tinted'], d['image']['draw']['polygons'][0]['filled'] > 0")" = "0 True"

# Deleted: the region's cells again, plain grey.
keys seg 'Tab x' --graphics sixel --graphics-out "$T/o3.six" --json
check "deleted: a partial update" test "$(json "d['image']['tinted'], d['image']['patches']")" = "0 1"
python3 "$SRCDIR/tests/cli/sixel-compose.py" "$T/o3.six" "$T/shown.ppm" 10 20 2>/dev/null
check "deleted: inside, grey again ($(shown 50 50))" near "$(shown 50 50)" 128 128 128

done_testing
