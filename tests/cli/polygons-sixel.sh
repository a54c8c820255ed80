#!/bin/sh
# The translucent overlay of a pixel mode: a closed polygon is blended into
# the sixel picture's pixels (half its label's colour), decoded back with
# libsixel-bin's sixel2png: inside it the grey picture turns reddish,
# outside it stays grey; the open polygon is not blended, and the
# headless record says how many regions the picture has in it.
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

# The rectangle 40, 40 to 120, 80 kept: the picture is sent again with it.
keys seg 'H H K . L L L L . J J . H H H H . Enter 1' --graphics sixel --graphics-out "$T/o2.six" --json
check "kept: one region blended" test "$(json "d['image']['tinted']")" = 1
keys seg '' --graphics sixel --graphics-out "$T/o.six" --json
check "draft: drawn with it" test "$(json "d['image']['tinted']")" = 1
check "inside: half red, half grey ($(pixel 50 50))" near "$(pixel 50 50)" 192 64 64
check "outside: grey ($(pixel 10 10))" near "$(pixel 10 10)" 128 128 128
check "below it: grey ($(pixel 50 85))" near "$(pixel 50 85)" 128 128 128

# Symbols mode colours cells instead: nothing blended.
keys seg '' --graphics symbols --json
check "symbols: cells, not pixels" test "$(json "d['image']['tinted'], d['image']['draw']['polygons'][0]['filled'] > 0")" = "0 True"

done_testing
