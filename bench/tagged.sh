#!/bin/bash
# bench/tagged.sh [N]: import and export of the token-tagging formats
# (conll, spacy, spacy-v2, prodigy, doccano) next to the sqlite3 shell's
# floors.
#
# Makes N short tagged sentences (default 1000000: 6 to 14 tokens, one in
# six words an entity, some non-ASCII), writes them as a CoNLL file, as
# spaCy's pairs, as spaCy's v2 JSON, as Prodigy's ner_manual db-out
# (tokens, spans, an accept by user ann) and as doccano's JSONL (id, text,
# label), and for each format prints the
# seconds, CPU seconds and peak RSS of 'scalec import' into a fresh
# project and of 'scalec export' back to a file, each next to its floor on
# the same rows: the sqlite3 shell's '.import' of the same rows as CSV
# (text, tokens, result) into a table with a unique key (import), and the
# sqlite3 shell writing the same rows as JSON with json_object() (export).
# Prodigy's export has a second floor row as well, its own line's shape:
# the first floor writes {"text", "tokens", "entities"} with the tokens
# as a list of offsets, where a Prodigy line has a token object per
# token ({"text", "start", "end", "id", "ws"}), spans with token_start
# and token_end, the hashes, the answer, the annotator, the session and
# the time: about five times the bytes. Its floor is the sqlite3 shell
# writing that line with json_object() from a table holding the same
# rows as Prodigy has them (text, hashes, tokens and spans as stored
# JSON in Prodigy's shape, as scalec stores them, the time), the tokens
# and spans relayed through json() as scalec relays them, and the
# answer, view, annotator and session as literals (less work than
# scalec, which reads them stored: the floor is not weakened). Both
# ratios are printed; the first floor is kept as it was.
# It does N=10000 first, so the two peak RSS figures show whether memory
# grows with N (spaCy's v2 JSON, read whole, at V2N=100000 only). Targets (issue 10 section 3): at most 3x each floor, peak
# RSS the same at both sizes.
# Run from a build directory, or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"
need_floor

# gen N: $W/data.conll, data.spacy (pairs), data.v2.json, data.prodigy,
# data.doccano and data.csv, the same N sentences; each has its number as
# a token, so none repeats.
gen() {
	LC_ALL=C awk -v n="$1" -v W="$W" '
	BEGIN {
		srand(42)
		nw = split("the a of to and in that was for on with as by at " \
		    "from market council report said would people after year " \
		    "city new first government team police minister company " \
		    "prices week water school players river museum festival " \
		    "scientists study announced expected", w, " ")
		ne = split("Anna:PER Oslo:LOC Zürich:LOC Kraków:LOC Müller:PER " \
		    "Reuters:ORG UNESCO:ORG Dvořák:PER 東京:LOC Ørsted:ORG", e, " ")
		conll = W "/data.conll"; sp = W "/data.spacy"
		v2 = W "/data.v2.json"; csv = W "/data.csv"
		pd = W "/data.prodigy"; dc = W "/data.doccano"
		pc = W "/data.pcsv"
		printf "[" > v2
		print "text,tokens,result" > csv
		print "text,input_hash,task_hash,tokens,spans,ts" > pc
		for (i = 1; i <= n; i++) {
			len = 6 + int(rand() * 9)
			text = ""; toks = ""; ents = ""; v2t = ""; cp = 0
			pt = ""; ps = ""
			for (j = 0; j < len; j++) {
				if (j == 1) { t = "no" i; tag = "O" }
				else if (rand() < 1 / 6) {
					split(e[1 + int(rand() * ne)], p, ":")
					t = p[1]; tag = "B-" p[2]
				} else { t = w[1 + int(rand() * nw)]; tag = "O" }
				l = length(t)	# bytes; code points below
				m = t; gsub(/[\200-\277]/, "", m); l = length(m)
				printf "%s\t%s\n", t, tag > conll
				if (j) { text = text " "; toks = toks ","; cp++ }
				text = text t
				toks = toks cp "," (cp + l)
				pt = pt (j ? ", " : "") "{\"text\": \"" t \
				    "\", \"start\": " cp ", \"end\": " (cp + l) \
				    ", \"id\": " j ", \"ws\": " \
				    (j < len - 1 ? "true" : "false") "}"
				if (tag != "O") {
					ents = ents (ents == "" ? "" : ", ") "[" cp \
					    ", " (cp + l) ", \"" substr(tag, 3) "\"]"
					ps = ps (ps == "" ? "" : ", ") \
					    "{\"start\": " cp ", \"end\": " \
					    (cp + l) ", \"token_start\": " j \
					    ", \"token_end\": " j ", \"label\": \"" \
					    substr(tag, 3) "\"}"
					u = "U-" substr(tag, 3)
				} else
					u = "O"
				v2t = v2t (j ? ", " : "") "{\"orth\": \"" t \
				    "\", \"ner\": \"" u "\"}"
				cp += l
			}
			printf "\n" > conll
			printf "[\"%s\", {\"entities\": [%s]}]\n", text, ents > sp
			printf "{\"text\": \"%s\", \"_input_hash\": %d," \
			    " \"_task_hash\": %d, \"tokens\": [%s], \"spans\":" \
			    " [%s], \"_view_id\": \"ner_manual\", \"answer\":" \
			    " \"accept\", \"_timestamp\": %d, \"_annotator_id\":" \
			    " \"ann\", \"_session_id\": \"bench-ann\"}\n", text, \
			    i, -i, pt, ps, 1700000000 + i > pd
			printf "{\"id\": %d, \"text\": \"%s\", \"label\": [%s]}\n", \
			    i, text, ents > dc
			printf "%s{\"id\": %d, \"paragraphs\": [{\"raw\": \"%s\"," \
			    " \"sentences\": [{\"tokens\": [%s]}]}]}", \
			    (i > 1 ? ",\n" : ""), i, text, v2t > v2
			q = ents; gsub(/"/, "\"\"", q)	# CSV doubles them
			printf "\"%s\",\"[%s]\",\"[%s]\"\n", text, toks, \
			    q > csv
			qt = pt; gsub(/"/, "\"\"", qt)
			qs = ps; gsub(/"/, "\"\"", qs)
			printf "\"%s\",%d,%d,\"[%s]\",\"[%s]\",%d\n", text, \
			    i, -i, qt, qs, 1700000000 + i > pc
		}
		print "]" > v2
	}'
}

# row NAME TIMEFILE FLOORFILE: one line with the ratio to the floor.
row() {
	read -r t m c <"$2"
	read -r tf mf cf <"$3"
	awk -v name="$1" -v t="$t" -v m="$m" -v c="$c" -v tf="$tf" \
	    -v cf="$cf" 'BEGIN {
		if (tf <= 0) tf = 0.01; if (cf <= 0) cf = 0.01
		printf "  %-22s %7.2f s %7.2f s CPU %7.1f MB  %5.2fx floor," \
		    " %5.2fx its CPU\n", name, t, c, m / 1024, t / tf, c / cf
	}'
}

# bench_one N FORMAT...
bench_one() {
	n=$1; shift
	gen "$n"
	rm -f "$W/f.db"
	measure "$W/t.fi" sqlite3 "$W/f.db" \
	    "CREATE TABLE t (text TEXT NOT NULL UNIQUE, tokens TEXT, result TEXT)" \
	    ".import --csv --skip 1 $W/data.csv t"
	measure "$W/t.fe" sqlite3 "$W/f.db" ".output $W/floor.jsonl" \
	    "SELECT json_object('text', text, 'tokens', json(tokens), 'entities', json(result)) FROM t"
	# Prodigy's own line (see the header), its rows imported unmeasured.
	pl=
	case " $* " in
	*" prodigy "*)
		sqlite3 "$W/f.db" \
		    "CREATE TABLE p (text TEXT NOT NULL UNIQUE, input_hash INTEGER, task_hash INTEGER, tokens TEXT, spans TEXT, ts INTEGER)" \
		    ".import --csv --skip 1 $W/data.pcsv p"
		measure "$W/t.fp" sqlite3 "$W/f.db" ".output $W/floor.prodigy" \
		    "SELECT json_object('text', text, '_input_hash', input_hash, '_task_hash', task_hash, 'tokens', json(tokens), '_view_id', 'ner_manual', 'spans', json(spans), 'answer', 'accept', '_annotator_id', 'ann', '_session_id', 'bench-ann', '_timestamp', ts) FROM p"
		pl=", Prodigy's line $(cut -d' ' -f1 "$W/t.fp") s"
		;;
	esac
	printf 'N=%d sentences (%d MB of CoNLL); floors: import %s s, export %s s%s\n' \
	    "$n" "$(du -m "$W/data.conll" | cut -f1)" \
	    "$(cut -d' ' -f1 "$W/t.fi")" "$(cut -d' ' -f1 "$W/t.fe")" "$pl"
	for f in "$@"; do
		case $f in
		conll) in=$W/data.conll ;;
		spacy) in=$W/data.spacy ;;
		spacy-v2) in=$W/data.v2.json ;;
		prodigy) in=$W/data.prodigy ;;
		doccano) in=$W/data.doccano ;;
		esac
		fresh "$W/s.db" ner PER,ORG,LOC
		[ "$f" = prodigy ] && "$SCALEC" --db "$W/s.db" user add ann \
		    >/dev/null
		measure "$W/t.i" "$SCALEC" --db "$W/s.db" import bench "$in" \
		    --format "$f"
		got=$(sqlite3 "$W/s.db" 'SELECT count(*) FROM task')
		[ "$got" = "$n" ] || { echo "bench: $f stored $got of $n" >&2; exit 1; }
		measure "$W/t.e" "$SCALEC" --db "$W/s.db" export bench \
		    --format "$f" -o "$W/out.$f"
		row "$f import" "$W/t.i" "$W/t.fi"
		row "$f export" "$W/t.e" "$W/t.fe"
		[ "$f" = prodigy ] &&
		    row "$f export (line)" "$W/t.e" "$W/t.fp"
		echo "$(cut -d' ' -f2 "$W/t.i") $(cut -d' ' -f2 "$W/t.e")" \
		    >"$W/rss.$f.$n"
	done
}

# spaCy's v2 JSON is one document, read whole: its large run is
# V2N sentences (default 100000), since its memory grows with the file.
V2N=${V2N:-100000}
FORMATS=${FORMATS:-conll spacy prodigy doccano}
bench_one 10000 $FORMATS spacy-v2
[ "$N" -ne 10000 ] && bench_one "$N" $FORMATS
[ "$V2N" -ne 10000 ] && bench_one "$V2N" spacy-v2
for f in $FORMATS spacy-v2; do
	n=$N; [ $f = spacy-v2 ] && n=$V2N
	read -r a b <"$W/rss.$f.10000"
	read -r c d <"$W/rss.$f.$n"
	awk -v f="$f" -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v n="$n" 'BEGIN {
		printf "%s peak RSS: import %.1f MB at N=10000, %.1f MB at" \
		    " N=%d (%.2fx); export %.1f MB, %.1f MB (%.2fx)\n", f,
		    a / 1024, c / 1024, n, c / a, b / 1024, d / 1024, d / b
	}'
done
