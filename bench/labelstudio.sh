#!/bin/bash
# bench/labelstudio.sh [N]: how fast Label Studio's JSON is read and
# written, next to the floors of issue 10 section 3 on the same rows
# (bench/formats.sh's Label Studio rows).
#
# Makes N text tasks as one Label Studio JSON array (default 1000000, the
# texts of bench/lib.sh's gen, numeric ids) and the same rows as CSV, then
# prints seconds, CPU seconds and peak RSS of
#   import: scalec import --format labelstudio, next to the sqlite3 shell's
#           .import of the CSV into a table with the same unique key;
#   export: scalec export --format labelstudio, next to the sqlite3 shell
#           writing the same JSON with json_object();
# with the ratios (target <= 3x), for N=10000 first, so that the peak RSS
# figures show whether memory grows with N.
# Run from a build directory, or set SCALEC to the binary.
set -eu
. "$(dirname "$0")/lib.sh"
need_floor

# lsgen N: $W/data.json (Label Studio's shape) and $W/data.csv, the same
# rows, from gen's JSONL.
lsgen() {
	gen "$1"
	awk 'BEGIN { print "[" }
	{
		sub(/^\{"id": "t/, ""); id = $0; sub(/".*/, "", id)
		t = $0; sub(/^[0-9]+", "text": /, "", t); sub(/\}$/, "", t)
		printf "%s{\"id\": %s, \"data\": {\"text\": %s}, \"annotations\": [], \"predictions\": []}", (NR > 1 ? ",\n" : ""), id, t
		c = t; gsub(/^"|"$/, "", c)
		printf "%s,\"%s\"\n", id, c > csv
	}
	END { print "\n]" }' csv="$W/data.csv" "$W/data.jsonl" >"$W/data.json"
}

row() {	# row NAME FILE
	read -r t m c <"$2"
	printf "  %-28s %8.2f s %8.2f s CPU %8.1f MB peak RSS\n" "$1" "$t" "$c" \
	    "$(echo "$m / 1024" | bc -l)"
}

ratio() {	# ratio WHAT A B
	read -r ta _ ca <"$2"
	read -r tb _ cb <"$3"
	awk -v w="$1" -v ta="$ta" -v tb="$tb" -v ca="$ca" -v cb="$cb" 'BEGIN {
		if (tb <= 0) tb = 0.01; if (cb <= 0) cb = 0.01
		printf "  %s: %.2fx the floor'\''s time, %.2fx its CPU (target <= 3x)\n",
		    w, ta / tb, ca / cb }'
}

bench_one() {
	n=$1
	lsgen "$n"
	rm -f "$W/b.db"* "$W/q.db"*
	sc init >/dev/null
	sc project create bench --type text-classification --labels yes,no \
	    >/dev/null
	measure "$W/i.scalec" "$SCALEC" --db "$W/b.db" import bench \
	    "$W/data.json" --format labelstudio
	measure "$W/i.floor" sqlite3 -cmd 'PRAGMA journal_mode = WAL' \
	    -cmd 'PRAGMA synchronous = FULL' -cmd 'CREATE TABLE t (ext_id TEXT
	    UNIQUE, text TEXT NOT NULL)' -cmd '.mode csv' "$W/q.db" \
	    ".import $W/data.csv t"
	got=$(sqlite3 "$W/b.db" 'SELECT count(*) FROM task')
	[ "$got" = "$n" ] || { echo "bench: scalec stored $got of $n" >&2; exit 1; }
	measure "$W/e.scalec" "$SCALEC" --db "$W/b.db" export bench \
	    --format labelstudio -o "$W/out.json"
	measure "$W/e.floor" sh -c "sqlite3 '$W/b.db' \"SELECT json_object('id',
	    CAST(ext_id AS INTEGER), 'data', json_object('text', text),
	    'annotations', json_array(), 'predictions', json_array()) || ','
	    FROM task ORDER BY id\" >'$W/floor.json'"
	printf "N=%d (%d MB of Label Studio JSON)\n" "$n" \
	    "$(du -m "$W/data.json" | cut -f1)"
	row "scalec import labelstudio" "$W/i.scalec"
	row "sqlite3 .import (CSV)" "$W/i.floor"
	ratio import "$W/i.scalec" "$W/i.floor"
	row "scalec export labelstudio" "$W/e.scalec"
	row "sqlite3 json_object()" "$W/e.floor"
	ratio export "$W/e.scalec" "$W/e.floor"
	read -r _ mi _ <"$W/i.scalec"; read -r _ me _ <"$W/e.scalec"
	echo "$mi $me" >"$W/rss.$n"
}

bench_one 10000
[ "$N" -ne 10000 ] && bench_one "$N"
read -r a1 b1 <"$W/rss.10000"; read -r a2 b2 <"$W/rss.$N"
awk -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" -v n="$N" 'BEGIN {
	printf "peak RSS, import: %.1f MB at N=10000, %.1f MB at N=%d (%.2fx)\n",
	    a1 / 1024, a2 / 1024, n, a2 / a1
	printf "peak RSS, export: %.1f MB at N=10000, %.1f MB at N=%d (%.2fx)\n",
	    b1 / 1024, b2 / 1024, n, b2 / b1
}'
