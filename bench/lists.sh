#!/bin/bash
# bench/lists.sh [N]: how fast the lists answer, at N tasks (default
# 1000000) next to 1000, measured as a person or a script meets them.
#
# For each size it generates N text tasks (JSONL, with ids), imports them
# into a fresh database ('scalec import': the fastest honest way, one
# transaction, what a user would run) and then times, as medians of 7 runs
# each measured by a reader process (python3) from the spawn of scalec:
#   - the first row of 'file list P' (the header and one row read), the
#     reader then closing the pipe as 'head' does, and the CPU time scalec
#     spent (user + system) before it ended;
#   - the same for 'file list P --json' (the first element read);
#   - 'file list P | head -5' as a whole pipeline (the issue's measurement),
#     wall time until both ended;
#   - a page deep in the list: '--after ID --limit 100' near the end, and
#     '--offset N-100 --limit 100' (an offset steps over what it leaves
#     out: it is there for small lists, the cursor is for scripts);
#   - 'log --limit 20' and the whole 'file list' to /dev/null (CPU time
#     and peak memory: a list streams, so its memory does not grow with N).
# With BEFORE=/path/to/an/older/scalec, its first row and pipeline are
# timed on the same databases too (the figures the issue started from).
# Targets: the first row of file list <= 50 ms at N, the same as at 1,000.
# The machine is shared: read the CPU times and the ratios (N / 1000) as
# well as the wall times. Run from a build directory, or set SCALEC.
set -eu

. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }

# first LINES ARGS...: the reader on 'scalec --db ... ARGS'.
first() {
	_l=$1; shift
	python3 "$W/reader.py" "$_l" "$SCALEC" --db "$W/b.db" "$@"
}

# pipeline [BINARY]: 'file list bench | head -5', the median wall ms of 7.
pipeline() {
	for _i in 1 2 3 4 5 6 7; do
		_s=$(date +%s%N)
		"${1:-$SCALEC}" --db "$W/b.db" file list bench | head -5 >/dev/null
		_e=$(date +%s%N)
		echo $(((_e - _s) / 1000))
	done | sort -n | awk 'NR == 4 { printf "%.1f\n", $1 / 1000 }'
}

bench_one() {
	n=$1
	gen "$n"
	rm -f "$W"/b.db*
	sc init >/dev/null
	sc project create bench --type text-classification --labels a,b \
	    >/dev/null
	_s=$(date +%s%N)
	sc import bench "$W/data.jsonl" >/dev/null
	_e=$(date +%s%N)
	deep=$((n - 100))

	read -r fw fc fm <<<"$(first 2 file list bench)"
	read -r jw jc jm <<<"$(first 9 file list bench --json)"
	hw=$(pipeline)
	read -r aw ac am <<<"$(first 0 file list bench --after "$deep" --limit 100)"
	read -r ow oc om <<<"$(first 0 file list bench --offset "$deep" --limit 100)"
	read -r lw lc lm <<<"$(first 0 log --limit 20)"
	read -r ww wc wm <<<"$(first 0 file list bench)"

	printf 'N=%d tasks (import %.1f s)\n' "$n" \
	    "$(awk -v a="$_s" -v b="$_e" 'BEGIN { print (b - a) / 1e9 }')"
	printf '  %-36s %8s %8s %9s\n' "" "wall ms" "cpu ms" "max KiB"
	printf '  %-36s %8.1f %8.1f %9d\n' "file list: first row" "$fw" "$fc" "$fm"
	printf '  %-36s %8.1f %8.1f %9d\n' "file list --json: first element" "$jw" "$jc" "$jm"
	printf '  %-36s %8.1f\n' "file list | head -5 (pipeline)" "$hw"
	printf '  %-36s %8.1f %8.1f %9d\n' "--after N-100 --limit 100" "$aw" "$ac" "$am"
	printf '  %-36s %8.1f %8.1f %9d\n' "--offset N-100 --limit 100" "$ow" "$oc" "$om"
	printf '  %-36s %8.1f %8.1f %9d\n' "log --limit 20" "$lw" "$lc" "$lm"
	printf '  %-36s %8.1f %8.1f %9d\n' "file list, whole, to the end" "$ww" "$wc" "$wm"
	if [ -n "${BEFORE:-}" ]; then
		read -r bw bc bm <<<"$(python3 "$W/reader.py" 2 "$BEFORE" \
		    --db "$W/b.db" file list bench)"
		printf '  %-36s %8.1f %8.1f %9d\n' "before: file list: first row" \
		    "$bw" "$bc" "$bm"
		printf '  %-36s %8.1f\n' "before: file list | head -5" \
		    "$(pipeline "$BEFORE")"
	fi
	echo "$fw $fc $jw $hw $aw $ac $ww $wm" >"$W/res.$n"
}

bench_one 1000
[ "$N" -ne 1000 ] && bench_one "$N"
read -r f1 c1 j1 h1 a1 ac1 w1 m1 <"$W/res.1000"
read -r fn cn jn hn an acn wn mn <"$W/res.$N"
awk -v n="$N" -v f1="$f1" -v fn="$fn" -v c1="$c1" -v cn="$cn" \
    -v j1="$j1" -v jn="$jn" -v h1="$h1" -v hn="$hn" -v a1="$a1" -v an="$an" \
    -v ac1="$ac1" -v acn="$acn" -v w1="$w1" -v wn="$wn" -v m1="$m1" \
    -v mn="$mn" 'BEGIN {
	printf "ratios at %d tasks / 1000:\n", n
	printf "  first row           wall %.1f / %.1f ms = %.2f   cpu %.1f / %.1f ms = %.2f\n", fn, f1, fn / f1, cn, c1, (c1 > 0 ? cn / c1 : 0)
	printf "  first JSON element  wall %.1f / %.1f ms = %.2f\n", jn, j1, jn / j1
	printf "  | head -5           wall %.1f / %.1f ms = %.2f\n", hn, h1, hn / h1
	printf "  --after deep page   wall %.1f / %.1f ms = %.2f   cpu %.1f / %.1f ms\n", an, a1, an / a1, acn, ac1
	printf "  whole list          wall %.1f / %.1f ms = %.0f   peak memory %d / %d KiB\n", wn, w1, wn / w1, mn, m1
	printf "target: first row of file list <= 50 ms at %d, as at 1000: %s\n", n,
	    fn <= 50 && fn <= 2 * f1 + 5 ? "met" : "MISSED"
}'
