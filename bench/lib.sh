# Shared by the benchmarks (bench/*.sh): the binary (./scalec, or
# SCALEC), N from the first argument (default 1000000), a private work
# directory $W with its home, gen N, which writes N texts as JSONL, the
# reader ($W/reader.py) that times a command as a person or a pipe meets
# it, stats / first_frame over a --timings file, and for the benchmarks
# against a floor (formats, import, imageformats, tagged, labelstudio):
# need_floor, fresh, measure, row and rss_line. Sourced after 'set -eu';
# a script with another default N sets it after.

N=${1:-1000000}
SCALEC=${SCALEC:-./scalec}
[ -x "$SCALEC" ] || { echo "bench: no scalec at $SCALEC (set SCALEC)" >&2; exit 1; }
SCALEC=$(cd "$(dirname "$SCALEC")" && pwd)/$(basename "$SCALEC")

W=$(mktemp -d "${TMPDIR:-/tmp}/scalec-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export LC_ALL=C.UTF-8 HOME="$W"
unset SCALEC_DB XDG_CONFIG_HOME XDG_DATA_HOME

# gen N: writes $W/data.jsonl, N sentences of 8 to 25 words.
gen() {
	awk -v n="$1" -v out="$W/data.jsonl" '
	BEGIN {
		srand(7)
		nw = split("the a of to and in that was for on with as by at " \
		    "from market council report said would people after year " \
		    "city new first government team police minister company " \
		    "prices week water school players river museum festival " \
		    "Paris Berlin Obama Merkel Lagos Lima Osaka Ada Grace Alan " \
		    "café Zürich München Ελλάδα Москва 東京 서울", w, " ")
		for (i = 1; i <= n; i++) {
			len = 8 + int(rand() * 18)
			s = ""
			for (j = 0; j < len; j++)
				s = s (j ? " " : "") w[1 + int(rand() * nw)]
			printf "{\"id\": \"t%d\", \"text\": \"%s .\"}\n", i, s > out
		}
	}'
}

sc() { "$SCALEC" --db "$W/b.db" "$@"; }

# python3 "$W/reader.py" LINES CMD...: runs CMD 7 times, each measured by a
# reader process from its spawn: it reads LINES lines (0: to the end),
# closes the pipe as head does, and waits for CMD. Prints "WALL_MS CPU_MS
# MAXRSS_KB" of the median run by wall time, CPU being what CMD spent
# (user + system). A run that writes to stderr, or with LINES 0 exits
# non-zero, ends the bench (a reader that closed the pipe early ends
# scalec with 1 and no message: no failure).
cat >"$W/reader.py" <<'PY'
import os, subprocess, sys, time
lines = int(sys.argv[1])
cmd = sys.argv[2:]
runs = []
for _ in range(7):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if lines > 0:
        for _ in range(lines):
            p.stdout.readline()
    else:
        while p.stdout.read(1 << 16):
            pass
    t1 = time.perf_counter()
    p.stdout.close()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    if err or (lines == 0 and status != 0):
        sys.exit("bench: %s said: %s" % (" ".join(cmd), err.decode()))
    runs.append(((t1 - t0) * 1000, (ru.ru_utime + ru.ru_stime) * 1000,
        ru.ru_maxrss))
runs.sort()
print("%.1f %.1f %d" % runs[len(runs) // 2])
PY

# stats FILE [KEYS-REGEX] [FIELD]: "median p99 count" in ms of a --timings
# file's key lines (KEYS-REGEX: their names; FIELD 2 the real time, the
# default, 3 the CPU time).
stats() {
	awk -F '\t' -v re="${2:-.}" -v f="${3:-2}" \
	    '$1 != "first-frame" && $1 ~ re { print $f }' "$1" |
	    sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "0 0 0"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		p = v[int(NR * 0.99 + 0.999999)]
		printf "%.3f %.3f %d\n", m / 1000, p / 1000, NR }'
}

# first_frame FILE [FIELD]: a --timings file's first frame in ms (FIELD 2
# real, 3 CPU).
first_frame() {
	awk -F '\t' -v f="${2:-2}" \
	    '$1 == "first-frame" { printf "%.1f\n", $f / 1000 }' "$1"
}

# The floors' tools: the sqlite3 shell and GNU time (measure's $TIME).
# need_floor exits when either is missing.
TIME=/usr/bin/time
need_floor() {
	command -v sqlite3 >/dev/null ||
	    { echo "bench: needs the sqlite3 shell" >&2; exit 1; }
	[ -x "$TIME" ] ||
	    { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
}

# fresh DB [TYPE LABELS]: a database with one project, bench, of TYPE
# (default text-classification) with LABELS (default yes,no), no tasks.
fresh() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$SCALEC" --db "$1" init >/dev/null
	"$SCALEC" --db "$1" project create bench \
	    --type "${2:-text-classification}" --labels "${3:-yes,no}" \
	    >/dev/null
}

# measure OUT CMD...: CMD under GNU time, stdout to $W/out; OUT gets
# "seconds kbytes cpu-seconds" (CPU: user + system). A failure shows
# CMD's stderr and ends the bench.
measure() {
	_o=$1; shift
	"$TIME" -f '%e %M %U %S' -o "$W/time" "$@" >"$W/out" 2>"$W/stderr" || {
		cat "$W/stderr" >&2; exit 1; }
	awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$W/time" >"$_o"
}

# row WHAT SCALEC-FILE FLOOR-FILE TARGET: one line of measure's figures
# next to the floor's, with the ratios of time and CPU; scalec's peak RSS
# is added to $W/rss.$n (n: the size being run), for rss_line.
row() {
	read -r ts ms cs <"$2"
	read -r tq mq cq <"$3"
	awk -v what="$1" -v ts="$ts" -v ms="$ms" -v cs="$cs" -v tq="$tq" \
	    -v cq="$cq" -v target="$4" 'BEGIN {
		if (ts <= 0) ts = 0.01; if (tq <= 0) tq = 0.01
		if (cs <= 0) cs = 0.01; if (cq <= 0) cq = 0.01
		printf "  %-14s %7.2f s %7.2f s CPU %7.1f MB | floor %6.2f s" \
		    " %6.2f s CPU | %5.2fx, CPU %5.2fx (target <= %sx)\n",
		    what, ts, cs, ms / 1024, tq, cq, ts / tq, cs / cq, target
	}'
	echo "$ms" >>"$W/rss.${n:-$N}"
}

# rss_line: the largest peak RSS row saw at N=10000 and at N, and their
# ratio (flat memory: about 1).
rss_line() {
	[ -s "$W/rss.10000" ] && [ -s "$W/rss.$N" ] || return 0
	awk -v n="$N" -v a="$(sort -n "$W/rss.10000" | tail -1)" \
	    -v b="$(sort -n "$W/rss.$N" | tail -1)" 'BEGIN {
		printf "largest peak RSS: %.1f MB at N=10000, %.1f MB at" \
		    " N=%d (%.2fx)\n", a / 1024, b / 1024, n, b / a
	}'
}
