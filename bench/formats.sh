#!/bin/bash
# bench/formats.sh [N]: import and export of each text format next to its
# floor, the sqlite3 shell doing the same work its fastest way.
#
# Makes N text tasks (default 1000000), each with an imported id and a
# meta object, as JSONL and as CSV with the same rows. For each format:
#   import: 'scalec import' into a fresh project, next to the sqlite3
#     shell's '.import --csv' of the same rows into a table with the same
#     unique key (WAL, synchronous=FULL);
#   export: 'scalec export' of those tasks, next to the sqlite3 shell
#     writing the same records itself (json_object() for JSON formats,
#     -csv for CSV).
# Seconds (wall and CPU) and peak RSS, and the ratio of each to its floor;
# N=10000 first, so that the peak RSS figures show whether memory grows
# with the data. Targets (issue 10): JSONL import and export at most 1.5x
# the floor, every other format at most 3x; peak RSS flat.
# On a busy machine compare the CPU ratios. Run from a build directory,
# or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"
need_floor

# gen N: $W/data.jsonl and $W/data.csv, the same N rows.
gen() {
	awk -v n="$1" -v jsonl="$W/data.jsonl" -v csv="$W/data.csv" '
	BEGIN {
		srand(42)
		nw = split("the a of to and in that was for on with as by at " \
		    "from market council report said would people after year " \
		    "city new first government team police minister company " \
		    "café Zürich 東京 Москва résumé", w, " ")
		ns = split("news forum review wiki", src, " ")
		print "id,text,source,n" > csv
		for (i = 1; i <= n; i++) {
			len = 8 + int(rand() * 18)
			s = ""
			for (j = 0; j < len; j++)
				s = s (j ? " " : "") w[1 + int(rand() * nw)]
			m = src[1 + i % ns]
			printf "{\"id\": \"t%d\", \"text\": \"%s\", \"meta\": " \
			    "{\"source\": \"%s\", \"n\": %d}}\n", i, s, m, i > jsonl
			printf "t%d,%s,%s,%d\n", i, s, m, i > csv
		}
	}'
}

bench_n() {
	n=$1
	gen "$n"
	echo "N=$n"
	# The floors, once per N.
	rm -f "$W/q.db"*
	measure "$W/f.import" sqlite3 -cmd 'PRAGMA synchronous = FULL' \
	    -cmd 'PRAGMA journal_mode = WAL' -cmd \
	    'CREATE TABLE t (ext_id TEXT UNIQUE, text TEXT, source TEXT, n INTEGER)' \
	    "$W/q.db" ".import --csv --skip 1 $W/data.csv t"
	measure "$W/f.json" sqlite3 "$W/q.db" "SELECT json_object('task', rowid,
	    'id', ext_id, 'text', text, 'meta', json_object('source', source,
	    'n', n), 'predictions', json('[]'), 'annotations', json('[]'))
	    FROM t ORDER BY rowid"
	measure "$W/f.csv" sqlite3 -csv -header "$W/q.db" \
	    "SELECT rowid AS task, ext_id AS id, text FROM t ORDER BY rowid"
	for fmt in jsonl csv; do
		fresh "$W/s.db"
		measure "$W/s.import" "$SCALEC" --db "$W/s.db" import bench \
		    "$W/data.$fmt"
		got=$(sqlite3 "$W/s.db" 'SELECT count(*) FROM task')
		[ "$got" = "$n" ] || { echo "bench: $fmt stored $got of $n" >&2; exit 1; }
		measure "$W/s.export" "$SCALEC" --db "$W/s.db" export bench \
		    --format "$fmt"
		floor=$W/f.json
		target=1.5
		[ "$fmt" = csv ] && floor=$W/f.csv target=3
		row "$fmt import" "$W/s.import" "$W/f.import" "$target"
		row "$fmt export" "$W/s.export" "$floor" "$target"
	done
}

bench_n 10000
[ "$N" -ne 10000 ] && bench_n "$N"
rss_line
