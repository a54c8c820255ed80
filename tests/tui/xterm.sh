#!/bin/bash
# scalec annotate in a real sixel terminal: xterm under Xvfb, as a VT340
# with 256 colour registers. The graphics mode is left to scalec (the
# device-attributes query: xterm answers attribute 4), the screen is
# taken with xwd and read with netpbm, and the picture's four quadrants
# must show their colours where the frame puts the image region (rows 4
# on, column 1 on, 16 rows high, in xterm's 6 x 13 cells), within 48 per
# channel. Skipped, saying so, where xterm, Xvfb or xwd are missing (the
# README's test command installs them: xterm xvfb x11-apps netpbm).
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
for tool in xterm:xterm Xvfb:xvfb xwd:x11-apps xwdtopnm:netpbm; do
	command -v "${tool%%:*}" >/dev/null 2>&1 ||
	    skip_all "${tool%%:*} is missing (apt-get install ${tool#*:})"
done
pnmtopng --version >/dev/null 2>&1 || skip_all "netpbm is missing"

awk 'BEGIN { print "P3 64 48 255"
	for (y = 0; y < 48; y++) for (x = 0; x < 64; x++)
		if (y < 24) print (x < 32 ? "255 0 0" : "0 255 0")
		else print (x < 32 ? "0 0 255" : "255 255 0") }' > "$T/q.ppm"
pnmtopng "$T/q.ppm" > "$T/q.png" 2>/dev/null
run init
run project create pics --type image-classification --labels round,square
run file add pics "$T/q.png"

Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp 3>"$T/display" \
    >"$T/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$T/display" ] && break; sleep 0.1; done
[ -s "$T/display" ] || { kill $xvfb; skip_all "Xvfb did not start: $(cat "$T/xvfb.log")"; }
export DISPLAY=:$(cat "$T/display")
xterm -ti vt340 -xrm 'XTerm*decTerminalID: vt340' \
    -xrm 'XTerm*numColorRegisters: 256' -fn 6x13 -geometry 80x24+0+0 \
    -e sh -c "'$SCALEC' annotate pics; echo \$? > '$T/rc'; sleep 60" &
xt=$!
trap 'kill $xt $xvfb 2>/dev/null; rm -rf "$T"' EXIT

# shot: the screen as a PPM in $T/shot.ppm.
shot() { xwd -root -silent | xwdtopnm > "$T/shot.ppm" 2>/dev/null; }
# pixel X Y: "R G B" at X, Y of the shot.
pixel() {
	pamcut -left "$1" -top "$2" -width 1 -height 1 "$T/shot.ppm" |
	    pnmnoraw | tail -n +4 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}
near() {
	python3 -c "import sys; g=list(map(int,sys.argv[1].split())); e=list(map(int,sys.argv[2].split())); sys.exit(0 if len(g)==3 and all(abs(a-b)<=48 for a,b in zip(g,e)) else 1)" "$1" "$2"
}
# Cells of 6 x 13 pixels inside xterm's border of 2; the region's corner
# is cell (1, 4); the picture 16 rows high, 4:3.
cw=6 ch=13 b=2
x0=$((b + 1 * cw)) y0=$((b + 4 * ch))
ph=$((16 * ch)) pw=$((16 * ch * 4 / 3))
for _ in $(seq 100); do
	shot
	near "$(pixel $((x0 + pw / 4)) $((y0 + ph / 4)))" "255 0 0" && break
	sleep 0.1
done

for q in "1 1 255 0 0 red" "3 1 0 255 0 green" "1 3 0 0 255 blue" "3 3 255 255 0 yellow"; do
	set -- $q
	px=$(pixel $((x0 + pw * $1 / 4)) $((y0 + ph * $2 / 4)))
	check "xterm: the $6 quadrant is $6 at its place ($px)" near "$px" "$3 $4 $5"
done
px=$(pixel $((x0 + pw + 60)) $((y0 + ph / 2)))
check "xterm: right of the picture is no picture ($px)" sh -c "! python3 -c 'import sys; g=list(map(int,sys.argv[1].split())); sys.exit(0 if g in ([255,0,0],[0,255,0],[0,0,255],[255,255,0]) else 1)' '$px'"
done_testing
