#!/bin/bash
# Image classification on a terminal (tmux, so symbols mode: Debian's tmux
# 3.3a passes no sixel): the picture drawn in colour cells, labelled with
# the label keys, exported; a file name with escape sequences; a missing
# and a corrupt image, each a message on the screen.
. "$SRCDIR/tests/tui/lib.sh"
need pnmtopng netpbm

awk 'BEGIN { print "P3 64 48 255"
	for (y = 0; y < 48; y++) for (x = 0; x < 64; x++)
		if (y < 24) print (x < 32 ? "255 0 0" : "0 255 0")
		else print (x < 32 ? "0 0 255" : "255 255 0") }' > "$T/q.ppm"
pnmtopng "$T/q.ppm" > "$T/q.png" 2>/dev/null
evil=$'evil\033]0;PWNED\007.png'
pnmtopng -compression 1 "$T/q.ppm" > "$T/$evil" 2>/dev/null
pnmtopng -compression 2 "$T/q.ppm" > "$T/cut.png" 2>/dev/null
pnmtopng -compression 3 "$T/q.ppm" > "$T/gone.png" 2>/dev/null

run init
run project create pics --type image-classification --labels round,square
for f in q.png "$evil" cut.png gone.png; do
	run file add pics "$T/$f"
done
# Damaged and removed after they were added (file add decodes each).
head -c 60 "$T/q.png" > "$T/cut.png"
rm "$T/gone.png"

start annotate pics
tcheck "symbols: first screen" wait_for "Image: $T/q.png (64 x 48)"
tcheck "symbols: the mode in the status line" row_has 23 "symbols"
# Red in the top left quadrant, blue in the bottom left: 256-colour cells.
tcheck "symbols: red cells at the top left" \
    row_e_matches 6 $'\033\\[[0-9;]*(48|38);5;196'
tcheck "symbols: blue cells at the bottom left" \
    row_e_matches 17 $'\033\\[[0-9;]*(48|38);5;21'
tcheck "symbols: no red at the bottom left" \
    bash -c "! screen -e | sed -n 18p | grep -q '5;196m'" 2>/dev/null
# z zooms around the middle: the picture's cells change, Z goes back.
picture=$(screen -e | sed -n 5,20p)
keys z z
tcheck "zoom: z z" wait_for "Zoom 4x around 32, 24"
tcheck "zoom: the picture is the zoomed one" \
    test "$(screen -e | sed -n 5,20p)" != "$picture"
keys Z Z
tcheck "zoom: Z Z" wait_for "Zoom 1x around 32, 24"
tcheck "zoom: the whole picture again" \
    test "$(screen -e | sed -n 5,20p)" = "$picture"
keys 1
tcheck "injection: the next image's name shown visibly" wait_for 'evil^[]0;PWNED^G.png'
title=$(pane '#{pane_title}')
tcheck "injection: the pane title is not PWNED" test "${title#*PWNED}" = "$title"
tcheck "injection: the picture is still drawn" \
    row_e_matches 6 $'\033\\[[0-9;]*(48|38);5;196'
keys 2
tcheck "corrupt: says so" wait_for "the PNG cannot be read"
keys s
tcheck "missing: says so" wait_for "cannot open the image: No such file or directory"
keys q
tcheck "quit" wait_for "[exit 0]"
run export pics
labels=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
	t = json.loads(l)
	print(t["task"], [(a["state"], a["result"].get("label")) for a in t["annotations"]])' "$T/out")
check "export: 1 round, 2 square, 3 skipped, 4 open" test "$labels" = "1 [('submitted', ['round'])]
2 [('submitted', ['square'])]
3 [('skipped', None)]
4 []"

# The outside viewer: $SCALEC_VIEWER's words, the path last, no shell, a
# cleaned environment, ended when the task changes and at the end.
cat > "$T/viewer" <<VIEWER
#!/bin/sh
d=$T/seen; mkdir -p "\$d"; n=\$(ls "\$d" | wc -l)
{ echo "\$\$"; printf '%s|' "\$@"; echo; env | sort; } > "\$d/\$n.tmp"
mv "\$d/\$n.tmp" "\$d/\$n"
exec sleep 60
VIEWER
chmod +x "$T/viewer"
run project create view --type image-classification --labels round,square
run file add view "$T/q.png"
run file add view "$T/q.ppm"
start -e "SCALEC_VIEWER=$T/viewer   --one  'two'" -e SECRET_TOKEN=x -- annotate view
tcheck "viewer: the screen" wait_for "Image: $T/q.png"
for _ in $(seq 100); do [ -f "$T/seen/0" ] && break; sleep 0.05; done
tcheck "viewer: started with the words and the path last" \
    test "$(sed -n 2p "$T/seen/0")" = "--one|'two'|$T/q.png|"
tcheck "viewer: a cleaned environment" sh -c "! grep -q SECRET_TOKEN '$T/seen/0'"
pid0=$(sed -n 1p "$T/seen/0")
tcheck "viewer: runs" alive "$pid0"
keys 1
tcheck "viewer: the next task" wait_for "Image: $T/q.ppm"
for _ in $(seq 100); do [ -f "$T/seen/1" ] && break; sleep 0.05; done
tcheck "viewer: the next image shown" test "$(sed -n 2p "$T/seen/1")" = "--one|'two'|$T/q.ppm|"
tcheck "viewer: the first one ended with its task" wait_exit "$pid0"
pid1=$(sed -n 1p "$T/seen/1")
keys q
tcheck "viewer: scalec quits" wait_for "[exit 0]"
tcheck "viewer: the last one ended with the screen" wait_exit "$pid1"

# viewer: in config.yaml, a YAML list: the exact words (one with a space
# in it stays one); $SCALEC_VIEWER wins over it.
rm -rf "$T/seen"
mkdir -p "$HOME/.config/scalec"
printf 'viewer: ["%s", "--a b", "c"]\n' "$T/viewer" > "$HOME/.config/scalec/config.yaml"
start annotate view
tcheck "viewer: from config.yaml" wait_for "Image: $T/q"
for _ in $(seq 100); do [ -f "$T/seen/0" ] && break; sleep 0.05; done
tcheck "viewer: config.yaml's list is the exact words" \
    sh -c "sed -n 2p '$T/seen/0' | grep -qx -- '--a b|c|$T/q.p[np]m|'"
keys q
tcheck "viewer: config.yaml's, scalec quits" wait_for "[exit 0]"
rm -rf "$T/seen"
start -e "SCALEC_VIEWER=$T/viewer --env" -- annotate view
tcheck "viewer: \$SCALEC_VIEWER beside config.yaml" wait_for "Image: $T/q"
for _ in $(seq 100); do [ -f "$T/seen/0" ] && break; sleep 0.05; done
tcheck "viewer: \$SCALEC_VIEWER wins over viewer:" \
    sh -c "sed -n 2p '$T/seen/0' | grep -qx -- '--env|$T/q.p[np]m|'"
keys q
tcheck "viewer: \$SCALEC_VIEWER's, scalec quits" wait_for "[exit 0]"
rm "$HOME/.config/scalec/config.yaml"
tui_done
