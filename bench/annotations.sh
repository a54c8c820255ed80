#!/bin/bash
# bench/annotations.sh [N]: the import of tasks that bring annotations
# (the annotation insert path: the counting triggers, 8 indexes), next to
# its floor, the sqlite3 shell's '.import --csv' of the same annotation
# rows (task id, user, state, result) into a table with the same unique
# key (task, user), WAL, synchronous=FULL.
#
# Makes N text tasks (default 1000000), each with two people's submitted
# answers, as JSONL and the 2N answers as CSV; prints seconds, CPU
# seconds and peak RSS of 'scalec import' into a fresh project and of the
# floor, with the ratios, for N=10000 first (peak RSS flat). On a busy
# machine compare the CPU ratios. Run from a build directory, or set
# SCALEC to the binary.
set -eu
. "$(dirname "$0")/lib.sh"
need_floor

# agen N: $W/ann.jsonl and $W/ann.csv, the same answers.
agen() {
	gen "$1"
	awk -v csv="$W/ann.csv" '{
		id = $0; sub(/^\{"id": "/, "", id); sub(/".*/, "", id)
		sub(/\}$/, "")
		a = (NR % 2) ? "yes" : "no"
		printf "%s, \"annotations\": [{\"user\": \"ann\", \"state\": \"submitted\", \"result\": {\"label\": [\"%s\"]}}, {\"user\": \"bob\", \"state\": \"submitted\", \"result\": {\"label\": [\"yes\"]}}]}\n", $0, a
		printf "%s,ann,submitted,\"{\"\"label\"\":[\"\"%s\"\"]}\"\n", id, a > csv
		printf "%s,bob,submitted,\"{\"\"label\"\":[\"\"yes\"\"]}\"\n", id > csv
	}' "$W/data.jsonl" >"$W/ann.jsonl"
}

bench_n() {
	n=$1
	agen "$n"
	echo "N=$n tasks, $((2 * n)) annotations"
	rm -f "$W/q.db"*
	measure "$W/f.import" sqlite3 -cmd 'PRAGMA synchronous = FULL' \
	    -cmd 'PRAGMA journal_mode = WAL' -cmd 'CREATE TABLE a (task TEXT,
	    user TEXT, state TEXT, result TEXT, UNIQUE (task, user))' \
	    "$W/q.db" ".import --csv $W/ann.csv a"
	fresh "$W/s.db"
	"$SCALEC" --db "$W/s.db" user add ann >/dev/null
	"$SCALEC" --db "$W/s.db" user add bob >/dev/null
	measure "$W/s.import" "$SCALEC" --db "$W/s.db" import bench \
	    "$W/ann.jsonl"
	got=$(sqlite3 "$W/s.db" 'SELECT count(*) FROM annotation')
	[ "$got" = $((2 * n)) ] ||
	    { echo "bench: stored $got of $((2 * n)) annotations" >&2; exit 1; }
	row "import" "$W/s.import" "$W/f.import" 3
}

bench_n 10000
[ "$N" -ne 10000 ] && bench_n "$N"
rss_line
