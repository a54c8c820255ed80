#!/bin/bash
# bench/ner_keys.sh: how many keys an NER entity costs on the labeler,
# from the task's opening up to and including the label's key (Enter not
# counted), for every entity of the first ten news-ner sentences of the
# demo (share/demo/ner.jsonl; the entities are in bench/ner_keys.gold).
#
# bench/ner_keys finds the cheapest key sequence for each entity by a
# breadth-first search over the library's own labeler (see its comment).
# This script then replays each sequence as a person would type it: a
# fresh project with that one sentence and no suggestion, 'scalec annotate
# P --keys FILE' with the sequence, Enter and q, and 'scalec export', which
# must hold exactly that entity. It prints each entity's keys, and the
# maximum and the mean, and for comparison the same search without the
# keys the hint jumps brought (t, w, b, L, H). Targets: at most 4 keys,
# 3 on average.
# Run from a build directory, or set SCALEC to the binary.
set -eu

SRC=$(cd "$(dirname "$0")/.." && pwd)
. "$SRC/bench/lib.sh"
export SCALEC_DB="$W/keys.db"
BUILD=$(dirname "$SCALEC")
make -s -C "$BUILD" bench/ner_keys >/dev/null

"$BUILD/bench/ner_keys" "$SRC/share/demo/ner.jsonl" \
    "$SRC/bench/ner_keys.gold" > "$W/plan.tsv"
"$SCALEC" init >/dev/null

n=0 bad=0
printf '%-26s %-4s %4s  %s\n' ENTITY TYPE KEYS SEQUENCE
while IFS=$'\t' read -r id label start end cost seq ent; do
	n=$((n + 1))
	# The sentence alone, without the demo's suggestion.
	grep -F "\"id\": \"$id\"" "$SRC/share/demo/ner.jsonl" |
	    sed 's/, "meta":.*$/}/' > "$W/task.jsonl"
	"$SCALEC" project create "e$n" --type ner --labels PER,ORG,LOC \
	    >/dev/null
	"$SCALEC" import "e$n" "$W/task.jsonl" >/dev/null
	printf '%s Enter q\n' "$seq" > "$W/keys"
	"$SCALEC" annotate "e$n" --keys "$W/keys" >/dev/null
	want="\"entities\": [{\"start\": $start, \"end\": $end, \"label\": \"$label\"}]"
	if "$SCALEC" export "e$n" | grep -qF -- "$want"; then
		printf '%-26s %-4s %4s %s\n' "$ent" "$label" "$cost" "$seq"
	else
		printf '%-26s %-4s %4s %s  REPLAY FAILED: export lacks %s\n' \
		    "$ent" "$label" "$cost" "$seq" "$want"
		bad=$((bad + 1))
	fi
done < "$W/plan.tsv"
awk -F'\t' '{ s += $5; if ($5 > m) m = $5 }
    END { printf "%d entities: max %d keys, mean %.2f (targets: 4, 3)\n",
    NR, m, s / NR }' "$W/plan.tsv"
# The same search without t, w, b, L and H (and never /): the keys as
# they were before the hint jumps, for comparison.
"$BUILD/bench/ner_keys" "$SRC/share/demo/ner.jsonl" \
    "$SRC/bench/ner_keys.gold" twbLH | awk -F'\t' '{ s += $5
    if ($5 > m) m = $5 }
    END { printf "without t, w, b, L, H: max %d keys, mean %.2f\n", m,
    s / NR }'
if [ "$bad" -gt 0 ]; then
	echo "$bad of $n replays did not give their entity" >&2
	exit 1
fi
echo "every sequence replayed through 'scalec annotate --keys' gave its entity"
