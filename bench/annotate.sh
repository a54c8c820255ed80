#!/bin/bash
# bench/annotate.sh [N]: how fast 'scalec annotate' answers, at N tasks
# (default 1000000) next to 1000.
#
# For each size it generates N text tasks (JSONL), imports them into a
# fresh database as an NER project (labels PER, LOC) with overlap 2, and
# replays 10,000 actions headless (--keys, the same loop as the screen):
# two people taking turns, four sessions of 2,500 keys, each task labelled
# as "l v l 1 Enter" (move, anchor, extend, label: a draft saved and the
# lease renewed, then submit: the submission stored, the next task chosen
# and opened). The second person labels behind the first, so both of the
# overlap's streams are walked, and each person's own labelled tasks stay
# open (the history the next-task choice must not step over again).
#
# Figures come from --timings (scalec-annotate(1)): each key's time from
# reading it to the next frame composed, and the first frame's time from
# the command's start. It prints the time to the first screen (for a new
# person, and for one coming back after 2,500 actions: medians of 5
# sessions that quit at once), each also as the whole process's wall time
# (exec to exit, an upper bound), and the median and p99 time per action,
# for all keys and by kind.
#
# Targets: <= 100 ms to the first screen and <= 1 ms median per action at
# 1,000,000 tasks, no worse than at 1,000.
# Run from a build directory, or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"

# first USER: "FIRST WALL", the medians (ms) over 5 sessions of USER that
# quit at once: the first frame (--timings), and the process's wall time.
first() {
	for _i in 1 2 3 4 5; do
		_s=$(date +%s%N)
		sc --as "$1" annotate bench --keys "$W/quit.keys" \
		    --timings "$W/q.$_i" >/dev/null
		_e=$(date +%s%N)
		echo $(((_e - _s) / 1000)) >>"$W/walls"
		first_frame "$W/q.$_i" >>"$W/firsts"
	done
	echo "$(sort -n "$W/firsts" | sed -n 3p) $(sort -n "$W/walls" |
	    awk 'NR == 3 { printf "%.1f\n", $1 / 1000 }')"
	rm -f "$W/firsts" "$W/walls"
}

bench_one() {
	n=$1
	gen "$n"
	rm -f "$W"/b.db*
	sc init >/dev/null
	sc project create bench --type ner --labels PER,LOC --overlap 2 >/dev/null
	_s=$(date +%s%N)
	sc import bench "$W/data.jsonl" >/dev/null
	_e=$(date +%s%N)
	for u in ann1 ann2 ann3; do
		sc user add "$u" --role annotator >/dev/null
	done
	for _i in $(seq 500); do echo 'l v l 1 Enter'; done >"$W/keys"
	echo q >"$W/quit.keys"

	read -r f_new w_new <<<"$(first ann3)"
	: >"$W/all"
	for _r in 1 2 3 4; do
		_u=ann$(( (_r + 1) % 2 + 1 ))
		sc --as "$_u" annotate bench --keys "$W/keys" --timings "$W/t" \
		    --json >"$W/s"
		grep -q '"submitted": 500' "$W/s" || {
			echo "bench: a session did not submit 500" >&2
			cat "$W/s" >&2; exit 1; }
		cat "$W/t" >>"$W/all"
		# ann1 with 500 tasks behind them and (also at 1,000) a task
		# to open.
		[ "$_r" -eq 1 ] && read -r f_back w_back <<<"$(first ann1)"
	done

	printf 'N=%d tasks (import %.1f s), overlap 2, 2 people x 2 x 2500 keys\n' \
	    "$n" "$(awk -v a="$_s" -v b="$_e" 'BEGIN { print (b - a) / 1e9 }')"
	printf '  first screen, new person:     %6.1f ms (--timings)  %6.1f ms process wall\n' \
	    "$f_new" "$w_new"
	printf '  first screen, coming back:    %6.1f ms (--timings)  %6.1f ms process wall\n' \
	    "$f_back" "$w_back"
	for kind in 'all keys:.' 'move (l, v):^[lv]$' \
	    'label (1, draft saved):^1$' 'submit + next (Enter):^Enter$'; do
		read -r med p99 cnt <<<"$(stats "$W/all" "${kind#*:}")"
		printf '  %-28s median %7.3f ms   p99 %7.3f ms   (%d)\n' \
		    "${kind%%:*}" "$med" "$p99" "$cnt"
	done
	read -r med p99 cnt <<<"$(stats "$W/all")"
	echo "$f_new $f_back $med $p99" >"$W/res.$n"
}

bench_one 1000
[ "$N" -ne 1000 ] && bench_one "$N"
read -r f1 b1 m1 q1 <"$W/res.1000"
read -r fn bn mn qn <"$W/res.$N"
awk -v n="$N" -v f1="$f1" -v fn="$fn" -v b1="$b1" -v bn="$bn" \
    -v m1="$m1" -v mn="$mn" -v q1="$q1" -v qn="$qn" 'BEGIN {
	printf "at %d tasks next to 1000: first screen %.1f / %.1f ms, back %.1f / %.1f ms, median %.3f / %.3f ms, p99 %.3f / %.3f ms\n",
	    n, fn, f1, bn, b1, mn, m1, qn, q1
	printf "targets: first screen <= 100 ms: %s; median <= 1 ms: %s\n",
	    fn <= 100 && bn <= 100 ? "met" : "MISSED", mn <= 1 ? "met" : "MISSED"
}'
