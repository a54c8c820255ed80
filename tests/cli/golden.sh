#!/bin/bash
# The demo under a fixed clock (SCALEC_NOW), labelled by the same key
# scripts, exports byte for byte what tests/cli/golden/ holds: every
# project in JSONL and TSV, and the drafts alone. The files were written
# by this test and checked, once, against the binary from before the
# frame's restructuring (same exports, same database, same audit, with
# only the times and lead times that binary could not fix told apart), so
# a change in what labelling stores or export writes shows here as a diff.
# To take a deliberate change: GOLDEN_WRITE=1 make check TESTS=tests/cli/golden.sh
# and review the diff of tests/cli/golden/ before committing it.
. "$SRCDIR/tests/cli/lib.sh"

G=$SRCDIR/tests/cli/golden
export SCALEC_NOW=2026-06-01T09:00:00Z
export SCALEC_SHARE=$SRCDIR/share
export SCALEC_DB="$T/demo.db"

run demo --no-annotate
check "the demo sets up" rc_is 0
# Annotations by a user of the test's own, whoever runs it.
run user add ann --role annotator
check "an annotator" rc_is 0

# keys PROJECT SCRIPT: the script, as ann, on a screen of a fixed size.
keys() {
	printf '%s\n' "$2" >"$T/keys"
	run --as ann annotate "$1" --keys "$T/keys" --size 100x30
	check "keys on $1: $2" rc_is 0
}

# Spans (a suggestion taken, marked, deleted, undone, a search, a skip,
# the previous task), a draft left by q, choices, a skip and an undo.
keys news-ner 'Enter v l 1 Enter l l 2 x Enter u 3 Enter s Tab 1 Backspace Enter l v l l 2 Enter / B e r l i n Enter 3 q'
keys news-ner 'l 1 q'
keys news-topics '1 2 3 s 4 Backspace 2 u 1 q'
keys reviews-sentiment '1 2 3 Backspace s Enter 2 q'

mkdir -p "$T/got"
for p in news-ner news-topics reviews-sentiment; do
	"$SCALEC" export "$p" >"$T/got/$p.jsonl" &&
	"$SCALEC" export "$p" --format tsv >"$T/got/$p.tsv" &&
	"$SCALEC" export "$p" --state draft >"$T/got/$p-draft.jsonl" ||
	    not_ok "export $p"
done

if [ "${GOLDEN_WRITE:-}" = 1 ]; then
	cp "$T"/got/* "$G"/
	diag "wrote $G"
fi
for f in "$T"/got/*; do
	name=${f##*/}
	if cmp -s "$f" "$G/$name"; then
		ok "$name: byte for byte as before"
	else
		not_ok "$name: byte for byte as before"
		diff "$G/$name" "$f" | head -20 | sed 's/^/# /'
	fi
done
check "the golden files are all written" \
    test "$(ls "$G" | wc -l)" = "$(ls "$T/got" | wc -l)"
# The keys did label something: not a comparison of empty files.
check "spans were stored" grep -q '"label": "LOC"' "$G/news-ner.jsonl"
check "a draft was left" grep -q '"state": "draft"' "$G/news-ner-draft.jsonl"
check "a skip was stored" grep -q '"state": "skipped"' "$G/reviews-sentiment.jsonl"

done_testing
