#!/bin/bash
# bench/update.sh [N]: how long an 'import --update' of N tasks already
# there (default 100000) holds the write lock, measured from outside: a
# probe (python3's sqlite3) takes the lock again and again (BEGIN
# IMMEDIATE; ROLLBACK, retrying every 1 ms as scalec's busy handler
# polls every 2) while the import runs, and prints the longest it waited
# and how many waits were over 50 and 200 ms. The longest wait is the
# longest the import held the lock at a time: with staged updates, the
# publish that applies them. The import's CPU time and wall time too.
#
# With strace there, the same update once more (each text changed
# again), under strace: the import's own holds of the write lock
# (SQLite's WAL write lock is an fcntl lock on byte 120 of the -shm
# file), the longest and how many over 200 ms, exact where the probe's
# figure is a wait (a probe that comes between two chunks may wait out
# both). strace slows the import a little.
#
# With BEFORE=/path/to/an/older/scalec, the same on a second database
# with it (before staging, an --update was one transaction over the
# whole file). Run from a build directory, or set SCALEC.
set -eu

. "$(dirname "$0")/lib.sh"
N=${1:-100000}
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }

cat >"$W/probe.py" <<'PY'
import sqlite3, sys, time
db, stop = sys.argv[1], sys.argv[2]
import os
waits = []
while not os.path.exists(stop):
    # No busy handler of SQLite's (python's timeout backs off to 100 ms
    # sleeps, and one that sleeps through the gap between two chunks
    # waits out both): a retry every 1 ms, as scalec's handler polls.
    c = sqlite3.connect(db, timeout=0, isolation_level=None)
    t0 = time.perf_counter()
    while True:
        try:
            c.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError:
            time.sleep(0.001)
    waits.append((time.perf_counter() - t0) * 1000)
    c.execute("ROLLBACK")
    c.close()
    time.sleep(0.001)
waits.sort()
print("%.1f %d %d %d" % (waits[-1] if waits else 0,
    sum(w > 50 for w in waits), sum(w > 200 for w in waits), len(waits)))
PY

gen "$N"
# The same ids, each text changed: every line updates a task.
sed 's/ \."}$/ (again) ."}/' "$W/data.jsonl" > "$W/update.jsonl"

# one BINARY DB: imports N tasks, then times the --update beside the
# probe; prints "MAX_MS OVER50 OVER200 PROBES CPU_S WALL_S".
one() {
	_bin=$1 _db=$2
	"$_bin" --db "$_db" init > /dev/null
	"$_bin" --db "$_db" project create bench --type text-classification \
	    --labels a,b > /dev/null
	"$_bin" --db "$_db" import bench "$W/data.jsonl" > /dev/null
	rm -f "$W/stop"
	python3 "$W/probe.py" "$_db" "$W/stop" > "$W/probe.out" &
	_probe=$!
	sleep 0.5
	_t0=$(date +%s%N)
	/usr/bin/time -f '%U %S' -o "$W/time" "$_bin" --db "$_db" import bench \
	    "$W/update.jsonl" --update > /dev/null
	_t1=$(date +%s%N)
	touch "$W/stop"
	wait "$_probe"
	read -r _u _s < "$W/time"
	[ "$("$_bin" --db "$_db" export bench | grep -c '(again)')" = "$N" ] ||
	    { echo "bench: the update did not change every task" >&2; exit 1; }
	_held="- -"
	if command -v strace > /dev/null; then
		# The same update once more (each text changed again).
		sed 's/ (again) \."}$/ (twice) ."}/' "$W/update.jsonl" > "$W/twice.jsonl"
		strace -f -tt -e trace=fcntl -o "$W/strace" "$_bin" --db "$_db" \
		    import bench "$W/twice.jsonl" --update > /dev/null
		_held=$(holds "$W/strace")
	fi
	echo "$(cat "$W/probe.out") $(echo "$_u + $_s" | bc)" \
	    "$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')" \
	    "$_held"
}

# holds STRACE: "LONGEST_MS OVER200" of the write lock's holds in it.
holds() {
	python3 - "$1" <<'PY'
import re, sys
held, at = [], {}
pat = re.compile(r'^(\d+) +(\d+):(\d+):(\d+\.\d+) fcntl\(\d+, F_SETLK,'
    r' \{l_type=(F_WRLCK|F_UNLCK), l_whence=SEEK_SET, l_start=120,'
    r' l_len=1\}\) = (-?\d+)')
for line in open(sys.argv[1]):
    m = pat.match(line)
    if not m:
        continue
    pid, h, mi, s, typ, rc = m.groups()
    t = int(h) * 3600 + int(mi) * 60 + float(s)
    if typ == 'F_WRLCK' and rc == '0':
        at[pid] = t
    elif typ == 'F_UNLCK' and pid in at:
        held.append((t - at.pop(pid)) * 1000)
print("%.1f %d" % (max(held) if held else 0, sum(h > 200 for h in held)))
PY
}

report() {
	read -r m o50 o200 np cpu wall hmax h200 <<< "$2"
	printf '  %-8s longest wait for the lock %8.1f ms; waits > 50 ms: %d, > 200 ms: %d (of %d); import cpu %.1f s, wall %.1f s\n' \
	    "$1" "$m" "$o50" "$o200" "$np" "$cpu" "$wall"
	[ "$hmax" = - ] ||
	    printf '  %-8s longest hold of the lock (strace) %8.1f ms; holds > 200 ms: %d\n' \
	    "$1" "$hmax" "$h200"
}

echo "import --update of $N tasks already there, a probe taking the lock beside it"
report now "$(one "$SCALEC" "$W/now.db")"
if [ -n "${BEFORE:-}" ]; then
	report before "$(one "$BEFORE" "$W/before.db")"
fi
echo "  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
