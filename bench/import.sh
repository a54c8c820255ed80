#!/bin/bash
# bench/import.sh [N]: how fast 'scalec import' is next to the sqlite3 shell.
#
# Makes N synthetic text tasks (default 1000000: real-looking sentences,
# some of them with non-ASCII words), imports them into a fresh database,
# and prints seconds, rows/s and peak RSS next to the sqlite3 shell
# inserting the same rows (one INSERT per row, one transaction) into the
# same task table (same columns and indexes, foreign keys on, WAL,
# synchronous=FULL), with the ratio. It does the same for N=10000 first,
# so that the two peak RSS figures show whether memory grows with N.
#
# Target: scalec <= 1.5x the sqlite3 time; peak RSS independent of N.
# CPU seconds (user + system) are printed beside the wall time: on a busy
# machine they are the figure to compare.
# Run from a build directory, or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"
need_floor

# gen N: writes $W/data.jsonl and $W/data.sql with the same N rows.
gen() {
	awk -v n="$1" -v jsonl="$W/data.jsonl" -v sql="$W/data.sql" '
	BEGIN {
		srand(42)
		nw = split("the a of to and in that was for on with as by at from " \
		    "market council report said would people after year city new " \
		    "first government team police minister company prices week " \
		    "water school players river museum festival scientists study " \
		    "announced expected reported morning evening northern local " \
		    "small quickly despite however between against during three " \
		    "hundred thousand million percent election season results", w, " ")
		nx = split("café naïve Zürich München São_Paulo Kraków Ærø façade " \
		    "coöperate déjà_vu Ελλάδα Москва 東京 서울 İstanbul Ørsted " \
		    "Łódź Señora Dvořák résumé", x, " ")
		print "BEGIN IMMEDIATE;" > sql
		for (i = 1; i <= n; i++) {
			len = 8 + int(rand() * 18)
			s = ""
			for (j = 0; j < len; j++) {
				t = rand() < 0.06 ? x[1 + int(rand() * nx)] : \
				    w[1 + int(rand() * nw)]
				gsub("_", " ", t)
				s = s (j ? " " : "") t
			}
			s = toupper(substr(s, 1, 1)) substr(s, 2) "."
			printf "{\"id\": \"t%d\", \"text\": \"%s\"}\n", i, s > jsonl
			printf "INSERT INTO task (project_id, ext_id, kind, text," \
			    " meta, submitted, created_at) VALUES (1, '\''t%d'\''," \
			    " '\''text'\'', '\''%s'\'', '\''{}'\'', 0," \
			    " '\''2026-01-01T00:00:00Z'\'');\n", i, s > sql
		}
		print "COMMIT;" > sql
	}'
}

bench_one() {
	n=$1
	gen "$n"
	fresh "$W/s.db"
	fresh "$W/q.db"
	measure "$W/t.scalec" "$SCALEC" --db "$W/s.db" import bench "$W/data.jsonl"
	measure "$W/t.sqlite" sqlite3 -cmd 'PRAGMA foreign_keys = ON' \
	    -cmd 'PRAGMA synchronous = FULL' -cmd 'PRAGMA journal_mode = WAL' \
	    "$W/q.db" ".read $W/data.sql"
	got=$(sqlite3 "$W/s.db" 'SELECT count(*) FROM task')
	[ "$got" = "$n" ] || { echo "bench: scalec stored $got of $n" >&2; exit 1; }
	read -r ts ms cs <"$W/t.scalec"
	read -r tq mq cq <"$W/t.sqlite"
	awk -v n="$n" -v ts="$ts" -v ms="$ms" -v tq="$tq" -v mq="$mq" \
	    -v cs="$cs" -v cq="$cq" \
	    -v mb="$(du -m "$W/data.jsonl" | cut -f1)" 'BEGIN {
		if (ts <= 0) ts = 0.01; if (tq <= 0) tq = 0.01
		if (cs <= 0) cs = 0.01; if (cq <= 0) cq = 0.01
		printf "N=%d (%d MB of JSONL)\n", n, mb
		printf "  %-14s %8.2f s %10.0f rows/s %8.2f s CPU %8.1f MB peak RSS\n",
		    "scalec import", ts, n / ts, cs, ms / 1024
		printf "  %-14s %8.2f s %10.0f rows/s %8.2f s CPU %8.1f MB peak RSS\n",
		    "sqlite3 shell", tq, n / tq, cq, mq / 1024
		printf "  ratio %.2fx the sqlite3 time, %.2fx its CPU time" \
		    " (target <= 1.5x)\n", ts / tq, cs / cq
	}'
	echo "$ms" >"$W/rss.$n"
}

bench_one 10000
[ "$N" -ne 10000 ] && bench_one "$N"
r1=$(cat "$W/rss.10000"); r2=$(cat "$W/rss.$N")
awk -v a="$r1" -v b="$r2" -v n="$N" 'BEGIN {
	printf "peak RSS: %.1f MB at N=10000, %.1f MB at N=%d (%.2fx)\n",
	    a / 1024, b / 1024, n, b / a
}'
