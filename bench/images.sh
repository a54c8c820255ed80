#!/bin/bash
# bench/images.sh [RUNS]: the first screen of an image task with a
# 4000 x 3000 JPEG, in symbols, sixel and kitty mode (headless, --keys
# with an empty script, an 80x24 screen), RUNS times each (default 20), next to
# --graphics none (the same screen with no picture) as the baseline; then
# drawing boxes and polygons on it (below: a crosshair keystroke, a box,
# a vertex and a polygon added).
#
# Figures: the first frame's time from the command's start (--timings,
# scalec-annotate(1): the decode through libjpeg-turbo's DCT scaling and
# libchafa's rendering are in it), median and p99, the process's CPU time
# (user + system, median), and the bytes of the picture a terminal is sent
# (--graphics-out). Target: the first image in at most 150 ms.
# Run from a build directory, or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"
RUNS=${1:-20}

command -v ppmpat >/dev/null || { echo "bench: ppmpat is needed (apt-get install netpbm)" >&2; exit 1; }
ppmpat -camo 4000 3000 | pnmtojpeg --quality 90 > "$W/photo.jpg" 2>/dev/null
export SCALEC_DB="$W/bench.db"
"$SCALEC" init >/dev/null
"$SCALEC" project create photos --type image-classification \
    --labels a,b >/dev/null
"$SCALEC" file add photos "$W/photo.jpg" >/dev/null
: > "$W/empty.keys"

# med_p99: "median p99" of the numbers on stdin.
med_p99() {
	sort -n | awk '{ v[NR] = $1 } END {
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f\n", m, v[int(NR * 0.99 + 0.999999)] }'
}

printf 'photo.jpg: %s bytes, 4000 x 3000\n' "$(wc -c < "$W/photo.jpg")"
printf '%-8s %12s %12s %14s %10s\n' mode "median ms" "p99 ms" "CPU ms (med)" bytes
for mode in none symbols sixel kitty; do
	: > "$W/first"; : > "$W/cpu"
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -f '%U %S' -o "$W/time" "$SCALEC" annotate photos \
		    --keys "$W/empty.keys" --graphics $mode \
		    --timings "$W/t" --graphics-out "$W/out" >/dev/null
		awk -F '\t' '$1 == "first-frame" { print $2 / 1000 }' "$W/t" >> "$W/first"
		awk '{ print ($1 + $2) * 1000 }' "$W/time" >> "$W/cpu"
	done
	read -r med p99 < <(med_p99 < "$W/first")
	read -r cpu _ < <(med_p99 < "$W/cpu")
	printf '%-8s %12s %12s %14s %10s\n' $mode "$med" "$p99" "$cpu" \
	    "$(wc -c < "$W/out")"
done

# The pseudo-terminal's measure: ptybytes.py SCALEC PROJECT MODE N REPS
# RECIPE runs annotate PROJECT on a pseudo-terminal, writes N crosshair
# keys (l and h in turn), then REPS times the recipe's keys (each word one
# write: "Enter" is a return, "BTab" Shift-Tab; KEY=TAG measures it under
# TAG), reading until the output is quiet for 150 ms after each (a
# recipe's key: $QUIET seconds, 0.6 by default, as a picture re-rendered
# on a loaded machine may take longer than 150 ms to come); prints the
# crosshair's median bytes, then each tag's, in order.
cat > "$W/ptybytes.py" <<'PTY'
import os, pty, select, struct, sys, fcntl, termios
scalec, project, mode = sys.argv[1:4]
quiet = float(os.environ.get("QUIET", "0.6"))
special = {"Enter": b"\r", "BTab": b"\x1b[Z", "Tab": b"\t"}
n, reps, recipe = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6].split()
pid, fd = pty.fork()
if pid == 0:
	os.environ["TERM"] = "xterm-256color"
	os.execv(scalec, [scalec, "annotate", project, "--graphics", mode])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 480, 800))
def drain(quiet):
	got = 0
	while True:
		r, _, _ = select.select([fd], [], [], quiet)
		if not r:
			return got
		try:
			got += len(os.read(fd, 65536))
		except OSError:
			return got
drain(1.0)
got = {"crosshair": []}
for i in range(n):
	os.write(fd, b"h" if i % 2 else b"l")
	got["crosshair"].append(drain(0.15))
for _ in range(reps):
	for word in recipe:
		key, _, tag = word.partition("=")
		os.write(fd, special.get(key, key.encode()))
		bytes_ = drain(quiet)
		if tag:
			got.setdefault(tag, []).append(bytes_)
os.write(fd, b"q")
drain(0.5)
os.waitpid(pid, 0)
print(" ".join(str(sorted(v)[len(v) // 2]) for v in got.values()))
PTY

# Drawing boxes on the same photo (an object-detection project): a
# crosshair keystroke (l and h in turn, KEYS of them) and a box added (v,
# a large step right and down, a label's key) and deleted (Tab, x: the
# picture of the cells it was over is sent again), headless with --timings
# (the key handled and the next frame composed), median and p99; and the
# bytes a terminal is sent for each, measured on a real terminal: scalec
# on a pseudo-terminal (TERM=xterm-256color, 80x24 cells of 10 x 20
# pixels), each key written and the output read until it has been quiet
# for 150 ms (times in microseconds). Targets: a crosshair keystroke at
# most 16 ms and under 8 KB. KEYS crosshair keys (200) and REPS times
# each recipe (10) on the pseudo-terminal. Kitty's picture is an image by
# id under the text: a box is cells over it, a polygon one more image of
# its cells over the picture (scalec-annotate(1), GRAPHICS).
KEYS=${KEYS:-200}
REPS=${REPS:-10}
"$SCALEC" project create boxes --type object-detection --labels a,b >/dev/null
"$SCALEC" file add boxes "$W/photo.jpg" >/dev/null
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) print (i % 2 ? "h" : "l")
	for (i = 0; i < 20; i++) print "v L J 1 Tab x H K" }' > "$W/draw.keys"
printf '\n%-8s %-10s %12s %12s %14s\n' mode key "median us" "p99 us" "bytes (med)"
for mode in symbols sixel kitty; do
	"$SCALEC" annotate boxes --keys "$W/draw.keys" --graphics $mode \
	    --timings "$W/t" >/dev/null
	python3 "$W/ptybytes.py" "$SCALEC" boxes "$mode" "$KEYS" "$REPS" \
	    'v L J 1=box Tab x=deleted HK' > "$W/bytes"
	read -r cross_b box_b del_b < "$W/bytes"
	read -r med p99 < <(awk -F '\t' '$1 == "l" || $1 == "h" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-10s %12s %12s %14s\n' $mode crosshair "$med" "$p99" "$cross_b"
	read -r med p99 < <(awk -F '\t' '$1 == "1" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-10s %12s %12s %14s\n' $mode "box added" "$med" "$p99" "$box_b"
	read -r med p99 < <(awk -F '\t' '$1 == "x" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-10s %12s %12s %14s\n' $mode "box deleted" "$med" "$p99" "$del_b"
done

# Drawing polygons on the same photo (a semantic-segmentation project with
# three polygons on it already, so that the crosshair moves over drawn
# regions): a crosshair keystroke, a vertex added (.), and a polygon kept
# (three vertices, Enter, a label's key: the label's key measured), then
# relabelled (S-Tab selects it, 2) and deleted (x), timed and measured as
# the boxes are. In sixel mode a polygon kept, relabelled or deleted sends
# the cells its region touches again (a partial update: the region's
# colour blended in or out, the translucent overlay), not the picture.
"$SCALEC" project create seg --type semantic-segmentation --labels a,b >/dev/null
printf '{"image": "%s", "predictions": [{"model": "m", "result": {"regions": [%s]}}]}\n' \
    "$W/photo.jpg" '{"points": [[100, 100], [1500, 200], [900, 1400]], "label": "a"}, {"points": [[2000, 1000], [3800, 1200], [3600, 2900], [2100, 2500]], "label": "b"}, {"points": [[300, 1800], [1200, 1700], [1500, 2800], [400, 2900]], "label": "a"}' \
    > "$W/seg.jsonl"
"$SCALEC" import seg "$W/seg.jsonl" >/dev/null
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) print (i % 2 ? "h" : "l")
	for (i = 0; i < 20; i++) print ". L . J . Enter 1 BTab 2 x H K" }' > "$W/seg.keys"
printf '\n%-8s %-14s %12s %12s %14s\n' mode key "median us" "p99 us" "bytes (med)"
for mode in symbols sixel kitty; do
	"$SCALEC" annotate seg --keys "$W/seg.keys" --graphics $mode \
	    --timings "$W/t" >/dev/null
	python3 "$W/ptybytes.py" "$SCALEC" seg "$mode" "$KEYS" "$REPS" \
	    '.=vertex L .=vertex J .=vertex Enter 1=polygon BTab 2=relabelled x=deleted HK' > "$W/bytes"
	read -r cross_b vertex_b poly_b relabel_b del_b < "$W/bytes"
	read -r med p99 < <(awk -F '\t' '$1 == "l" || $1 == "h" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-14s %12s %12s %14s\n' $mode crosshair "$med" "$p99" "$cross_b"
	read -r med p99 < <(awk -F '\t' '$1 == "." { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-14s %12s %12s %14s\n' $mode "vertex added" "$med" "$p99" "$vertex_b"
	read -r med p99 < <(awk -F '\t' '$1 == "1" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-14s %12s %12s %14s\n' $mode "polygon added" "$med" "$p99" "$poly_b"
	read -r med p99 < <(awk -F '\t' '$1 == "2" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-14s %12s %12s %14s\n' $mode "relabelled" "$med" "$p99" "$relabel_b"
	read -r med p99 < <(awk -F '\t' '$1 == "x" { print $2 }' "$W/t" | med_p99)
	printf '%-8s %-14s %12s %12s %14s\n' $mode "deleted" "$med" "$p99" "$del_b"
done
