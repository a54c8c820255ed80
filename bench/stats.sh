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
# million). 'scalec stats P' is timed too, on the project and on a copy
# in which every result differs (see distinct). Target (issue 12): each
# at most 2 s at 1,000,000 tasks.
#
# Then the labeler's keystroke at N tasks (see the end): each key's CPU
# time with the status line's queries and without them, and the
# difference (issue 12: nothing measurable).
#
# The machine is shared: read the CPU times. Run from a build directory,
# or set SCALEC.
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

# distinct DB: a copy of DB (cached beside it) in which every result
# differs (a span of its own after the others, at the task's id: stats
# parses each distinct result text once, and a project's spans seldom
# repeat); its path on stdout. The texts are not changed: scalec stats
# does not read them.
distinct() {
	d=${1%.db}-distinct.db
	if [ ! -f "$d" ]; then
		cp "$1" "$d.new"
		python3 - "$d.new" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("""UPDATE annotation SET result = substr(result, 1,
    length(result) - 2) || CASE WHEN result LIKE '%"entities":[]}'
    THEN '' ELSE ',' END || '{"start":' || (100 + task_id) || ',"end":' ||
    (101 + task_id) || ',"label":"PER"}]}'""")
db.commit()
PY
		mv "$d.new" "$d"
	fi
	echo "$d"
}

# open DB: a copy of DB (cached beside it) with 10,000 tasks nobody has
# labelled after the annotated ones, and k1, a new person; its path on
# stdout.
open_tasks() {
	o=${1%.db}-open.db
	if [ ! -f "$o" ]; then
		cp "$1" "$o.new"
		awk 'BEGIN { for (i = 1; i <= 10000; i++)
		    printf "{\"id\": \"open%d\", \"text\": \"Word0 Word1" \
		    " Word2 Word3 of the open task %d .\"}\n", i, i }' \
		    >"$W/open.jsonl"
		"$SCALEC" --db "$o.new" import p "$W/open.jsonl" >/dev/null
		"$SCALEC" --db "$o.new" user add k1 >/dev/null
		mv "$o.new" "$o"
	fi
	echo "$o"
}

# keys DB WHO: 3 sessions of WHO labelling 100 tasks each in a copy of
# DB ('1 c l v l 1 c Enter': the sentiment, a span, submit + next), the
# --timings of all into $W/keys.WHO.
keys() {
	cp "$1" "$W/keys.db"
	for _i in $(seq 100); do echo '1 c l v l 1 c Enter'; done >"$W/k.keys"
	: >"$W/keys.$2"
	for _r in 1 2 3; do
		"$SCALEC" --db "$W/keys.db" --as "$2" annotate p \
		    --keys "$W/k.keys" --timings "$W/k.t" --json >"$W/k.json"
		grep -q '"submitted": 100' "$W/k.json" || {
			echo "bench: a session did not submit 100" >&2
			cat "$W/k.json" >&2; exit 1; }
		grep -v '^first-frame' "$W/k.t" >>"$W/keys.$2"
	done
	rm -f "$W"/keys.db*
}

# keys_line FILE LABEL KEYS-REGEX: the median and mean CPU per key (ms)
# with the status line's queries and without them (--timings' third
# field, and the third less the fifth), and their difference.
keys_line() {
	awk -F '\t' -v re="$3" -v label="$2" '
	function med(a, k,    i, j, t) {
		for (i = 2; i <= k; i++) {
			t = a[i]
			for (j = i - 1; j > 0 && a[j] > t; j--)
				a[j + 1] = a[j]
			a[j + 1] = t
		}
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	$1 ~ re { n++; w[n] = $3; wo[n] = $3 - $5; st += $5; all += $3 }
	END {
		if (n == 0) { print label ": no keys"; exit }
		mw = med(w, n) / 1000
		mo = med(wo, n) / 1000
		f = "  %-26s %4d keys: CPU median %.3f ms with, %.3f without"
		f = f " (%+.3f); mean %.3f / %.3f (%+.3f ms, %.1f%%)\n"
		printf f, label, n, mw, mo, mw - mo, all / n / 1000,
		    (all - st) / n / 1000, st / n / 1000,
		    (all > 0 ? 100 * st / all : 0)
	}' "$1"
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
		set -- $(measure "$SCALEC" --db "$(distinct "$db")" stats p)
		printf '%-34s %10d %10.0f %10.0f %8.1f\n' \
		    "stats, every result different" "$size" "$1" "$2" \
		    "$(echo "$3" | awk '{ print $1 / 1024 }')"
		eval "cpu_distinct_$size=$2"
	fi
	[ "$N" = "$SMALL" ] && break
done
if [ "$N" != "$SMALL" ]; then
	for k in sentiment entities $([ $has_stats = 1 ] && echo stats distinct); do
		eval "a=\$cpu_${k}_$SMALL b=\$cpu_${k}_$N"
		awk -v k="$k" -v a="$a" -v b="$b" -v r="$((N / SMALL))" 'BEGIN {
		    printf "ratio %-28s cpu %dx for %dx the tasks\n", k,
		    (a > 0 ? b / a : 0), r }'
	done
fi
[ $has_stats = 1 ] || echo "(scalec stats: not in this binary)"

# The labeler's keystroke on the same project (issue 12: the status
# line, its progress and unread count, adds nothing measurable to a
# keystroke): --timings' fourth and fifth fields are the part of each
# key the status line's queries took, so one run gives each key with
# them and without them. As a1 (half a million annotations in the
# project) and as k1 (new), 300 tasks each, 2,400 keys.
db=$(open_tasks "$db")
echo "the labeler at $(($N + 10000)) tasks, 10,000 of them open (CPU per key):"
for who in a1 k1; do
	keys "$db" $who
	keys_line "$W/keys.$who" "$who: every key" .
	keys_line "$W/keys.$who" "$who: Enter (submit, next)" '^Enter$'
done
