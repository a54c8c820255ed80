#!/bin/bash
# bench/images.sh [RUNS]: the first screen of an image task with a
# 4000 x 3000 JPEG, in symbols and in sixel mode (headless, --keys with an
# empty script, an 80x24 screen), RUNS times each (default 20), next to
# --graphics none (the same screen with no picture) as the baseline.
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
for mode in none symbols sixel; do
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
