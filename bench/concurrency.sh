#!/bin/bash
# bench/concurrency.sh [N]: eight people labelling while an N-task
# import (default 1000000) runs into the same project, next to the same
# eight without it; then the import killed (kill -9) at 20 random points.
#
# Eight headless sessions (scalec --as uI annotate --keys, the screen's
# own loop) label a project of 20,000 tasks with one key per task ("1":
# the submission stored, the next task chosen and opened) and report each
# key's time and the first frame's (--timings: from reading the key to
# the next frame, so a wait for the lock is in it). First without an import (each session
# runs KEYS keys once), then while 'scalec import' adds N tasks (the
# sessions run again and again until the import has ended). It prints
# p50 and p99 of those times, how many sessions exited with an error,
# and whether every submission a session reported (its --json summary)
# is in the database.
#
# Then 20 imports of N / 10 tasks, each killed with SIGKILL at a random
# moment while a session labels beside it; after each: the project's
# visible tasks are all of the import or none of it, integrity_check is
# ok, and the session's submissions are all there.
#
# Then beside an 'import --update' of those N tasks, each text changed
# (staged, applied at publish: HACKING "Imports that never block"), and,
# with BEFORE=/path/to/an/older/scalec, the same --update by that binary
# (before staging, one transaction over the whole file) for a baseline
# in the same run; 20 more kills of an --update of N / 10 tasks (all of
# its new texts or none).
#
# Each session waits PACE ms (default 100) before each key (annotate
# --pace, outside the key's time): ten tasks a second per person is
# faster than anyone labels, and eight processes that never pause on a
# 2-core machine measure the scheduler (a session holding the lock is
# preempted) more than the store. PACE=0 runs them flat out, as a stress
# figure.
#
# Targets: p99 <= 250 ms during the import, <= 50 ms without; 0 sessions
# exited, 0 submissions lost, 20 of 20 kills all or nothing.
# Run from a build directory, or set SCALEC to the binary. KEYS (200),
# KILLS (20), PACE (100) and BKEYS (40, the keys of a round beside an
# import) may be set.
set -eu

. "$(dirname "$0")/lib.sh"

KEYS=${KEYS:-200}
KILLS=${KILLS:-20}
PACE=${PACE:-100}
# Beside an import, rounds are short (4 s at the default pace), so that
# the rounds that count end while it runs.
BKEYS=${BKEYS:-40}
SESSIONS=8
BASE=20000
export SCALEC_DB="$W/b.db"

# pct FILES...: "p50 p99 max count" in ms of the submissions' times (the
# "1" keys: from reading the key to the next task's frame, so a wait for
# the lock is in it); ffp FILES...: the same of the first frames (a
# session's start writes too: the first task's lease).
pct_of() {
	_k=$1
	shift
	cat "$@" | awk -F '\t' -v k="$_k" '$1 == k { print $2 }' |
	    sort -n |
	    awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "0 0 0 0"; exit }
		printf "%.1f %.1f %.1f %d\n", v[int(NR * 0.5 + 0.999999)] / 1000,
		    v[int(NR * 0.99 + 0.999999)] / 1000, v[NR] / 1000, NR }'
}
pct() { pct_of 1 "$@"; }
ffp() { pct_of first-frame "$@"; }

sql() { sqlite3 "$SCALEC_DB" "$1"; }

# session I TAG [KEYFILE]: one headless session of user uI; its timings, summary
# and errors under $W/TAG.I.*; fails when the session did.
session() {
	"$SCALEC" --as "u$1" annotate bench --keys "${3:-$W/keys}" --json \
	    --pace "$PACE" --timings "$W/$2.$1.t" > "$W/$2.$1.json" \
	    2> "$W/$2.$1.err"
}

# reported TAG: the submissions the sessions' summaries report.
reported() {
	cat "$W/$1".*.sum 2>/dev/null | awk '{ n += $1 } END { print n + 0 }'
}

# keep SUMMARY TAG I: adds a finished session's count to TAG.I.sum.
keep() {
	sed -n 's/.*"submitted": \([0-9]*\).*/\1/p' "$W/$2.$3.json" \
	    >> "$W/$2.$3.sum"
	cat "$W/$2.$3.t" >> "$W/$2.$3.all"
}

sc init > /dev/null
for i in $(seq $SESSIONS); do
	sc user add "u$i" --role annotator > /dev/null
done
sc project create bench --type text-classification --labels a,b \
    --overlap 2 > /dev/null
for i in $(seq $SESSIONS); do
	sc member add bench "u$i" --role annotator > /dev/null
done
awk -v n=$BASE 'BEGIN { for (i = 1; i <= n; i++) print "base task " i }' \
    > "$W/base.txt"
sc import bench "$W/base.txt" --format txt > /dev/null
for i in $(seq "$KEYS"); do echo 1; done > "$W/keys"
for i in $(seq "$BKEYS"); do echo 1; done > "$W/bkeys"
gen "$N"

# Without an import.
# round TAG [KEYFILE]: the eight sessions at once; counts those that
# failed.
exited=0
round() {
	_pids=
	for i in $(seq $SESSIONS); do
		session "$i" "$1" "${2:-$W/keys}" &
		_pids="$_pids $!"
	done
	for p in $_pids; do
		wait "$p" || exited=$((exited + 1))
	done
	for i in $(seq $SESSIONS); do keep x "$1" "$i"; done
}

round quiet
read -r q50 q99 qmax qn <<< "$(pct "$W"/quiet.*.all)"

# beside TAG FILE [OPTIONS]: rounds of the eight sessions of BKEYS keys
# as long as an import of FILE runs. Only a round that ended while the
# import still ran counts toward TAG's times (its submissions all count
# toward the lost ones); sets rounds (those), secs (the import's wall
# time).
beside() {
	_tag=$1 _file=$2
	shift 2
	rm -f "$W/imp.end"
	_t0=$(date +%s.%N)
	( "${IMPORTER:-$SCALEC}" import bench "$_file" "$@" > "$W/imp.out" 2> "$W/imp.err"
	  _rc=$?; date +%s.%N > "$W/imp.end"; exit $_rc ) &
	_imp=$!
	rounds=0
	while kill -0 "$_imp" 2>/dev/null; do
		round "r$_tag" "$W/bkeys"
		_during=${OVERLAP:-0}
		kill -0 "$_imp" 2>/dev/null && _during=1
		for i in $(seq $SESSIONS); do
			cat "$W/r$_tag.$i.sum" >> "$W/$_tag.$i.sum"
			[ "$_during" = 0 ] ||
			    cat "$W/r$_tag.$i.all" >> "$W/$_tag.$i.all"
			rm -f "$W/r$_tag.$i".*
		done
		rounds=$((rounds + _during))
	done
	wait "$_imp" || { echo "bench: the import failed: $(cat "$W/imp.err")" >&2; exit 1; }
	secs=$(echo "$(cat "$W/imp.end") - $_t0" | bc)
	[ "$rounds" -gt 0 ] || echo "bench: the import ($secs s) ended before a round of $BKEYS keys did: its figures are empty" >&2
}

# During an import of N tasks.
beside busy "$W/data.jsonl"
brounds=$rounds bsecs=$secs
read -r b50 b99 bmax bn <<< "$(pct "$W"/busy.*.all)"

# Beside an --update of the N tasks just imported (every text changed;
# --force: a session may have labelled one), and the same by BEFORE.
sed 's/ \."}$/ (again) ."}/' "$W/data.jsonl" > "$W/update.jsonl"
# Every round that began during it counts (OVERLAP): a one-transaction
# import blocks the sessions until it ends, so no round would end during
# it, and its wait would not be counted at all.
OVERLAP=1 beside update "$W/update.jsonl" --update --force
urounds=$rounds usecs=$secs
read -r u50 u99 umax un <<< "$(pct "$W"/update.*.all)"
[ "$(sql "select count(*) from task where text like '% (again) .'")" = "$N" ] ||
    { echo "bench: the --update did not change every task" >&2; exit 1; }
if [ -n "${BEFORE:-}" ]; then
	sed 's/ \."}$/ (before) ."}/' "$W/data.jsonl" > "$W/whole.jsonl"
	OVERLAP=1 IMPORTER=$BEFORE beside whole "$W/whole.jsonl" --update \
	    --force
	wrounds=$rounds wsecs=$secs
	read -r w50 w99 wmax wn <<< "$(pct "$W"/whole.*.all)"
fi
stored=$(sql "select count(*) from annotation where state = 'submitted'")
want=$(( $(reported quiet) + $(reported busy) + $(reported update) + $(reported whole) ))

echo "concurrency: $SESSIONS sessions, $KEYS keys each per round, $PACE ms before each key"
printf '  without an import:  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d actions)\n' \
    "$q50" "$q99" "$qmax" "$qn"
printf '  during the import:  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d actions in %d rounds that ended during it; import of %d tasks %.1f s wall)\n' \
    "$b50" "$b99" "$bmax" "$bn" "$brounds" "$N" "$bsecs"
printf '  rounds that began during --update of %d tasks (staged):  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d actions in %d rounds; %.1f s wall)\n' \
    "$N" "$u50" "$u99" "$umax" "$un" "$urounds" "$usecs"
[ -z "${BEFORE:-}" ] ||
printf '  rounds that began during --update of %d tasks by BEFORE (one transaction):  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d actions in %d rounds; %.1f s wall)\n' \
    "$N" "$w50" "$w99" "$wmax" "$wn" "$wrounds" "$wsecs"
read -r f50 f99 fmax fn <<< "$(ffp "$W"/quiet.*.all "$W"/busy.*.all)"
printf '  first frames (quiet and during the import): p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  (%d)\n' \
    "$f50" "$f99" "$fmax" "$fn"
echo "  sessions exited with an error: $exited"
echo "  submissions reported $want, stored $stored, lost $((want - stored))"
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"

# killed SEED TAG FILE [OPTIONS]: FILE imported with OPTIONS beside a
# session of u1 (TAG), killed with SIGKILL at a moment SEED picks.
killed() {
	_seed=$1 _tag=$2 _file=$3
	shift 3
	"$SCALEC" import bench "$_file" "$@" > /dev/null 2>&1 &
	_imp=$!
	session 1 "$_tag" &
	_ses=$!
	sleep "$(awk -v s="$_seed" 'BEGIN { srand(s); printf "%.2f", rand() * 3 }')"
	kill -9 "$_imp" 2>/dev/null || true
	wait "$_imp" 2>/dev/null || true
	wait "$_ses" || exited=$((exited + 1))
	keep x "$_tag" 1
	rm -f "$W/$_tag.1.t"
}

# Killed imports: all or nothing, integrity, no submission lost.
M=$((N / 10))
head -n "$M" "$W/data.jsonl" | sed 's/"id": "t/"id": "k/' > "$W/kill.jsonl"
good=0
for k in $(seq "$KILLS"); do
	before=$(sql "select count(*) from task")
	vis_before=$(sc project list --json | sed -n 's/.*"tasks": \([0-9]*\).*/\1/p')
	sed "s/\"id\": \"k/\"id\": \"k$k-/" "$W/kill.jsonl" > "$W/kill.$k.jsonl"
	killed "$k" kill "$W/kill.$k.jsonl"
	vis=$(sc project list --json | sed -n 's/.*"tasks": \([0-9]*\).*/\1/p')
	rows=$(sql "select count(*) from task")
	ok=$(sql "PRAGMA integrity_check")
	if { [ "$vis" -eq "$vis_before" ] || [ "$vis" -eq $((vis_before + M)) ]; } &&
	    [ "$rows" -eq "$vis" ] && [ "$ok" = ok ]; then
		good=$((good + 1))
	else
		echo "  kill $k: visible $vis_before -> $vis, rows $before -> $rows, integrity $ok" >&2
	fi
done
echo "kill -9 during an import of $M tasks: $good of $KILLS all or nothing" \
    "(visible tasks none or all of it, no leftover after the next open," \
    "integrity ok)"
# Killed --update imports of M of the tasks there: every new text or none.
head -n "$M" "$W/data.jsonl" > "$W/ukill.jsonl"
ugood=0
for k in $(seq "$KILLS"); do
	rows_before=$(sql "select count(*) from task")
	sed "s/ \.\"}\$/ (k$k) .\"}/" "$W/ukill.jsonl" > "$W/ukill.$k.jsonl"
	killed "$((k + 100))" ukill "$W/ukill.$k.jsonl" --update --force
	sc project list > /dev/null
	changed=$(sql "select count(*) from task where text like '% (k$k) .'")
	rows=$(sql "select count(*) from task")
	ok=$(sql "PRAGMA integrity_check")
	if { [ "$changed" -eq 0 ] || [ "$changed" -eq "$M" ]; } &&
	    [ "$rows" -eq "$rows_before" ] && [ "$ok" = ok ] &&
	    [ "$(sql "select count(*) from import_batch where state = 'loading'")" = 0 ]; then
		ugood=$((ugood + 1))
	else
		echo "  --update kill $k: $changed of $M changed, rows $rows_before -> $rows, integrity $ok" >&2
	fi
done
stored=$(sql "select count(*) from annotation where state = 'submitted'")
want=$(( $(reported quiet) + $(reported busy) + $(reported update) + $(reported whole) + $(reported kill) + $(reported ukill) ))
echo "kill -9 during an --update of $M tasks: $ugood of $KILLS all or nothing" \
    "(every new text or none, no leftover after the next open, integrity ok)"
echo "  sessions exited with an error: $exited"
echo "  submissions reported $want, stored $stored, lost $((want - stored))"
