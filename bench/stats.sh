#!/bin/bash
# bench/stats.sh [N]: scalec agreement (and scalec stats, where the binary
# has it) over a project of N tasks (default 1000000) with overlap 2, next
# to 10,000: 2N annotations, each with a choice control (sentiment, three
# labels) and a spans control (entities, three labels, 0 to 3 spans over a
# text of 8 to 25 words), by four annotators in turn (each pair of them
# shares tasks), three in four of them agreeing.
#
# The project is built as a user would: a JSONL file with the
# annotations (awk, a few seconds per million), imported. The database is
# kept under $SCALEC_BENCH_CACHE (default /tmp/scalec-bench-stats), by N,
# this generator's version and the schema's version, so a second run
# starts at once; delete the folder to build again.
#
# Timed, each the median of 7 runs by wall time (bench/lib.sh's reader,
# which reads the whole output): 'scalec agreement P --control C' for
# each control, real and CPU time in ms and peak RSS in MiB, and the
# ratio N / 10,000 of the CPU time (linear is N / 10,000 = 100 at a
# million). Target (issue 12): each at most 2 s at 1,000,000 tasks. The
# machine is shared: read the CPU times. Run from a build directory, or
# set SCALEC.
set -eu
shopt -s inherit_errexit

. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 1; }
GEN_VERSION=1
CACHE=${SCALEC_BENCH_CACHE:-/tmp/scalec-bench-stats}
mkdir -p "$CACHE"

# The schema this binary writes, for the cache's name.
"$SCALEC" --db "$W/v.db" init >/dev/null
SCHEMA=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$W/v.db")

# gen_annotated SIZE FILE: SIZE tasks as JSONL, two annotations each.
gen_annotated() {
	awk -v n="$1" -v out="$2" '
	BEGIN {
		srand(12)
		nw = split("the a of to and in that was for on with as by at " \
		    "from market council report said would people after year " \
		    "city new first government team police minister company " \
		    "Paris Berlin Obama Merkel Lagos Lima Osaka Ada Grace Alan " \
		    "café Zürich München 東京", w, " ")
		split("pos neg neu", lab, " ")
		split("PER ORG LOC", ent, " ")
		for (i = 1; i <= n; i++) {
			len = 8 + int(rand() * 18)
			s = ""
			# Word starts in code points (the text is what the
			# spans point into; the CJK word is one code point
			# per character, awk counts bytes: keep to ASCII
			# offsets by placing spans before any such word).
			pos = 0
			for (j = 0; j < len; j++) {
				word[j] = w[1 + int(rand() * nw)]
				if (j < 4)
					word[j] = "Word" j
				st[j] = pos
				pos += length(word[j]) + 1
				s = s (j ? " " : "") word[j]
			}
			# The truth: a sentiment and up to three one-word
			# spans among the first four (ASCII) words.
			sent = lab[1 + int(rand() * 3)]
			ns = int(rand() * 4)
			# Two of four annotators, every pair in turn.
			p = i % 6
			u1 = p < 3 ? 1 : (p < 5 ? 2 : 3)
			u2 = p < 3 ? 2 + p : (p < 5 ? p : 4)
			line = sprintf("{\"id\": \"t%d\", \"text\": \"%s .\", " \
			    "\"annotations\": [", i, s)
			for (a = 0; a < 2; a++) {
				who = a == 0 ? u1 : u2
				mine = rand() < 0.75 ? sent : lab[1 + int(rand() * 3)]
				sp = ""
				for (k = 0; k < ns; k++) {
					if (rand() < 0.1)
						continue
					e = ent[1 + (i + k) % 3]
					sp = sp (sp == "" ? "" : ", ") \
					    sprintf("{\"start\": %d, \"end\": %d," \
					    " \"label\": \"%s\"}", st[k],
					    st[k] + length(word[k]), e)
				}
				line = line (a ? ", " : "") sprintf("{\"user\":" \
				    " \"a%d\", \"result\": {\"sentiment\":" \
				    " [\"%s\"], \"entities\": [%s]}}", who, mine,
				    sp)
			}
			print line "]}" > out
		}
	}'
}

# build SIZE: the cached database of SIZE tasks (its path on stdout).
build() {
	db=$CACHE/stats-$1-g$GEN_VERSION-s$SCHEMA.db
	if [ ! -f "$db" ]; then
		rm -f "$db.new"
		"$SCALEC" --db "$db.new" init >/dev/null
		for u in a1 a2 a3 a4; do
			"$SCALEC" --db "$db.new" user add $u >/dev/null
		done
		cat >"$W/config.yaml" <<'EOF'
overlap: 2
controls:
  - name: sentiment
    kind: choice
    labels: [{name: pos}, {name: neg}, {name: neu}]
  - name: entities
    kind: spans
    labels: [{name: PER}, {name: ORG}, {name: LOC}]
EOF
		"$SCALEC" --db "$db.new" project create p --type custom \
		    --config "$W/config.yaml" >/dev/null
		t0=$(date +%s.%N)
		gen_annotated "$1" "$W/p.jsonl"
		t1=$(date +%s.%N)
		"$SCALEC" --db "$db.new" import p "$W/p.jsonl" >/dev/null ||
		    exit 1
		t2=$(date +%s.%N)
		rm -f "$W/p.jsonl"
		mv "$db.new" "$db"
		awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$1" 'BEGIN {
		    printf "built %d tasks: generated in %.1f s, imported in" \
		    " %.1f s\n", n, b - a, c - b }' >&2
	fi
	echo "$db"
}

# measure SIZE LABEL CMD...: "WALL CPU RSS" of CMD at SIZE.
measure() {
	python3 "$W/reader.py" 0 "$@"
}

has_stats=0
"$SCALEC" help --list commands | grep -qx stats && has_stats=1

SMALL=10000
printf '%-34s %10s %10s %10s %8s\n' "command" "tasks" "real ms" "cpu ms" "RSS MiB"
for size in $SMALL $N; do
	db=$(build "$size")
	for ctl in sentiment entities; do
		set -- $(measure "$SCALEC" --db "$db" agreement p --control $ctl)
		printf '%-34s %10d %10.0f %10.0f %8.1f\n' \
		    "agreement --control $ctl" "$size" "$1" "$2" \
		    "$(echo "$3" | awk '{ print $1 / 1024 }')"
		eval "cpu_${ctl}_$size=$2"
	done
	if [ $has_stats = 1 ]; then
		set -- $(measure "$SCALEC" --db "$db" stats p)
		printf '%-34s %10d %10.0f %10.0f %8.1f\n' "stats" "$size" \
		    "$1" "$2" "$(echo "$3" | awk '{ print $1 / 1024 }')"
		eval "cpu_stats_$size=$2"
	fi
	[ "$N" = "$SMALL" ] && break
done
if [ "$N" != "$SMALL" ]; then
	for k in sentiment entities $([ $has_stats = 1 ] && echo stats); do
		eval "a=\$cpu_${k}_$SMALL b=\$cpu_${k}_$N"
		awk -v k="$k" -v a="$a" -v b="$b" -v r="$((N / SMALL))" 'BEGIN {
		    printf "ratio %-28s cpu %dx for %dx the tasks\n", k,
		    (a > 0 ? b / a : 0), r }'
	done
fi
[ $has_stats = 1 ] || echo "(scalec stats: not in this binary)"
