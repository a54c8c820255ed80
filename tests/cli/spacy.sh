#!/bin/bash
# spaCy's text forms as a user moves data in and out: the (text,
# annotations) pairs and the v2 JSON (BILUO) import and export back equal
# (up to key order and white space); scalec -> spacy -> scalec gives the
# same tasks; code point offsets past emoji, CJK, combining marks and RTL;
# the v2 JSON's tokens (and Prodigy's) are kept with the task and used on
# export; a misaligned span fails the v2 export; every bad input is
# FILE:LINE (or a JSON path), exit 1, the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
for p in pairs pairs2 v2 v2b nat bad pr; do
	"$SCALEC" project create $p --type ner --labels PER,ORG,LOC >/dev/null
done

# same_json A B: the same JSON documents (or lines), up to key order and
# white space.
same_json() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
def load(p):
    s = open(p, encoding="utf-8").read()
    try:
        return json.loads(s)
    except ValueError:
        return [json.loads(l) for l in s.splitlines() if l.strip()]
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    print("# " + json.dumps(a, ensure_ascii=False)[:1500])
    print("# " + json.dumps(b, ensure_ascii=False)[:1500])
    sys.exit(1)
EOF
}

# spaCy's pairs, as spaCy's docs write TRAIN_DATA, one a line.
cat >"$D/pairs.jsonl" <<'EOF'
["Uber blew through $1 million a week", {"entities": [[0, 4, "ORG"]]}]
["😀 Anna met 👩‍👩‍👧 in 東京", {"entities": [[2, 6, "PER"], [20, 22, "LOC"]], "cats": {"travel": 1.0}}]
["Cafe\u0301 Zoë by שלום\u200f ok", {"entities": [[0, 5, "ORG"], [13, 17, "PER"]]}]
["Nothing to see", {"entities": []}]
EOF
run import pairs "$D/pairs.jsonl" --format spacy
check "spaCy pairs: import" rc_is 0
check "...a task each" out_has "Added 4 tasks to pairs"
run export pairs --format spacy -o "$D/pairs.out"
check "...export" rc_is 0
check "...the same pairs, cats kept" same_json "$D/pairs.jsonl" "$D/pairs.out"
run export pairs --format jsonl
check "code points past an emoji, a ZWJ sequence and CJK" \
    out_has '"entities": [{"start": 2, "end": 6, "label": "PER"}, {"start": 20, "end": 22, "label": "LOC"}]'
"$SCALEC" export pairs --format jsonl >"$D/pairs.native"
run import pairs2 "$D/pairs.out" --format spacy
"$SCALEC" export pairs2 --format jsonl >"$D/pairs2.native"
check "scalec -> spacy -> scalec: the same texts, meta and results" \
    python3 - "$D/pairs.native" "$D/pairs2.native" <<'EOF'
import json, sys
def tasks(p):
    return [[t["text"], t["meta"], [a["result"] for a in t["annotations"]]]
            for t in map(json.loads, open(p, encoding="utf-8"))]
sys.exit(tasks(sys.argv[1]) != tasks(sys.argv[2]))
EOF

# spaCy's v2 JSON, in the shape of its docs' example: raw text, tokens
# with tag, head and dep, BILUO tags; a paragraph of two sentences whose
# raw text has two spaces; a document without "ner" (no annotation).
cat >"$D/v2.json" <<'EOF'
[{"id": 0, "paragraphs": [
  {"raw": "Apple is buying U.K. startup.", "sentences": [{"tokens": [
    {"id": 0, "orth": "Apple", "tag": "NNP", "head": 2, "dep": "nsubj", "ner": "U-ORG"},
    {"id": 1, "orth": "is", "tag": "VBZ", "head": 1, "dep": "aux", "ner": "O"},
    {"id": 2, "orth": "buying", "tag": "VBG", "head": 0, "dep": "ROOT", "ner": "O"},
    {"id": 3, "orth": "U.K.", "tag": "NNP", "head": 1, "dep": "compound", "ner": "U-LOC"},
    {"id": 4, "orth": "startup", "tag": "NN", "head": -2, "dep": "dobj", "ner": "O"},
    {"id": 5, "orth": ".", "tag": ".", "head": -3, "dep": "punct", "ner": "O"}]}]},
  {"raw": "Ann  Lee left 東京.", "sentences": [
    {"tokens": [{"orth": "Ann", "ner": "B-PER"}, {"orth": "Lee", "ner": "L-PER"}]},
    {"tokens": [{"orth": "left", "ner": "O"}, {"orth": "東京", "ner": "U-LOC"}, {"orth": ".", "ner": "O"}]}]}]},
 {"id": 1, "paragraphs": [{"sentences": [{"tokens": [{"orth": "no", "tag": "DT"}, {"orth": "entities", "tag": "NNS"}]}]}]}]
EOF
run import v2 "$D/v2.json" --format spacy-v2
check "spaCy v2 JSON: import" rc_is 0
check "...a task per paragraph, no annotation without ner" \
    out_has "Added 3 tasks to v2: 0 updated, 0 skipped; 0 predictions, 2 annotations."
run export v2 --format spacy-v2 -o "$D/v2.out"
check "...export" rc_is 0
check "...the same document" same_json "$D/v2.json" "$D/v2.out"
run export v2 --format jsonl
check "...the raw text with its two spaces" out_has '"text": "Ann  Lee left 東京."'
check "...Ann Lee one entity across the two spaces" \
    out_has '{"start": 0, "end": 8, "label": "PER"}'
check "...no raw: the tokens joined by spaces" out_has '"text": "no entities"'
run export v2 --format conll
check "the v2 tokens go on to CoNLL: U.K. is one token" \
    out_has "$(printf 'U.K.\tB-LOC')"

# scalec -> spacy-v2 -> scalec, with the project's tokenizer.
"$SCALEC" import nat - >/dev/null <<'EOF'
{"text": "Barack Obama visited Paris .", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 12, "label": "PER"}, {"start": 21, "end": 26, "label": "LOC"}]}}]}
{"text": "😀 Zoë  in 東京", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 2, "end": 5, "label": "PER"}, {"start": 10, "end": 12, "label": "LOC"}]}}]}
EOF
run export nat --format spacy-v2 -o "$D/nat.json"
check "scalec -> spacy-v2: exports" rc_is 0
run import v2b "$D/nat.json" --format spacy-v2
check "...-> scalec: imports" rc_is 0
"$SCALEC" export nat --format jsonl >"$D/nat.native"
"$SCALEC" export v2b --format jsonl >"$D/v2b.native"
check "...the same texts and results (raw keeps the white space)" \
    python3 - "$D/nat.native" "$D/v2b.native" <<'EOF'
import json, sys
def tasks(p):
    return [[t["text"], [a["result"] for a in t["annotations"]]]
            for t in map(json.loads, open(p, encoding="utf-8"))]
sys.exit(tasks(sys.argv[1]) != tasks(sys.argv[2]))
EOF
"$SCALEC" import nat - >/dev/null <<'EOF'
{"text": "Janet", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 1, "end": 4, "label": "PER"}]}}]}
EOF
run export nat --format spacy-v2 -o "$D/mis.json"
check "a span on part of a token: the v2 export fails" rc_is 1
check "...saying so" err_has "1 task has a span that does not start and end on its tokens"
check "...nothing written" test ! -e "$D/mis.json"

# Prodigy's tokens are the task's too.
cat >"$D/pr.jsonl" <<'EOF'
{"text": "U.S. troops", "tokens": [{"text": "U.S.", "start": 0, "end": 4, "id": 0}, {"text": "troops", "start": 5, "end": 11, "id": 1}], "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "LOC"}], "answer": "accept"}
EOF
run import pr "$D/pr.jsonl" --format prodigy
check "Prodigy with tokens: import" rc_is 0
run export pr --format conll
check "...its tokens used on export" out_is "$(printf 'U.S.\tB-LOC\ntroops\tO')"
bad_pr() {	# NAME LINE EXPECTED
	printf '%s\n' "$2" >"$D/badpr.jsonl"
	expect_unchanged "$1" import bad "$D/badpr.jsonl" --format prodigy
	check "$1: says where and what" err_is "scalec: $D/badpr.jsonl:1: $3"
}
bad_pr "Prodigy tokens out of order" '{"text": "a b", "tokens": [{"start": 2, "end": 3}, {"start": 0, "end": 1}]}' \
    "tokens 2: from 0 to 1 is not a token after the one before it"
bad_pr "a Prodigy token's text that is not the text's" '{"text": "a b", "tokens": [{"text": "x", "start": 0, "end": 1}]}' \
    "tokens 1: its \"text\" is 'x', but the text from 0 to 1 is 'a'"
bad_pr "a Prodigy token past the end" '{"text": "a", "tokens": [{"start": 0, "end": 5}]}' \
    "tokens 1: an offset is past the end of the text"

# Bad input.
bad() {	# NAME FORMAT CONTENT EXPECTED
	printf '%s' "$3" >"$D/bad.in"
	expect_unchanged "$1" import bad "$D/bad.in" --format "$2"
	check "$1: says where and what" err_is "scalec: $D/bad.in$4"
}
bad "a pair that is an object" spacy '{"text": "a"}
' ":1: a spaCy line is [text, {\"entities\": [[start, end, \"LABEL\"], ...]}]"
bad "a pair of three" spacy '["a", {}, 1]
' ":1: a spaCy line is [text, {\"entities\": [[start, end, \"LABEL\"], ...]}]"
bad "entities not a list" spacy '["a", {"entities": 1}]
' ":1: \"entities\" must be a list of [start, end, \"LABEL\"]"
bad "an entity of two" spacy '["ab", {"entities": []}]
["ab", {"entities": [[0, 1]]}]
' ":2: entities 1 must be [start, end, \"LABEL\"]"
bad "an entity past the end" spacy '["a😀", {"entities": [[0, 3, "PER"]]}]
' ":1: entities 1: [0, 3] is not a span of the text (2 code points)"
bad "an unknown label" spacy '["ab", {"entities": [[0, 1, "WHO"]]}]
' ":1: annotation 1: \"entities\": span 1: unknown label 'WHO'"
bad "malformed JSON" spacy '["ab", {"entities": [}]
' ":1: malformed JSON at column 22: unexpected token near '}'"
bad "v2: not a list" spacy-v2 '{}' ":1: spaCy's v2 JSON is a list of documents [{\"id\", \"paragraphs\": [...]}]"
bad "v2: malformed" spacy-v2 '[{"id": 0,
 "paragraphs": [}]' ":2: malformed JSON at column 17: unexpected token near '}'"
bad "v2: no paragraphs" spacy-v2 '[{"id": 0}]' ":1: [0] must be a document {\"id\", \"paragraphs\": [...]}"
bad "v2: a token without orth" spacy-v2 '[{"paragraphs": [{"sentences": [{"tokens": [{"ner": "O"}]}]}]}]' \
    ": [0].paragraphs[0].sentences[0].tokens[0] needs \"orth\", a string"
bad "v2: orth not in raw" spacy-v2 '[{"paragraphs": [{"raw": "ab c", "sentences": [{"tokens": [{"orth": "ab"}, {"orth": "d"}]}]}]}]' \
    ": [0].paragraphs[0].sentences[0].tokens[1].orth is not the raw text at code point 3"
bad "v2: a missing tag" spacy-v2 '[{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a", "ner": "-"}]}]}]}]' \
    ": [0].paragraphs[0].sentences[0].tokens[0].ner is '-' (missing), which scalec does not hold: a paragraph's entities are all there or none"
bad "v2: a token without ner beside one with" spacy-v2 '[{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a", "ner": "O"}, {"orth": "b"}]}]}]}]' \
    ": [0].paragraphs[0].sentences[0].tokens[1].ner must be a tag (every token has one when any has)"
bad "v2: a document cut short" spacy-v2 '[{"paragraphs": [
 {"raw": "a"}' ":2: the file ends inside document [0]"
bad "v2: after the list" spacy-v2 '[{"paragraphs": []}] x' ":1: something after the list's ']'"
bad "v2: a bad tag" spacy-v2 '[{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a", "ner": "Q-PER"}]}]}]}]' \
    ": [0].paragraphs[0].sentences[0].tokens[0].ner 'Q-PER': a tag is O or a letter of B, I, E, S, L, U, then '-' and a label"
bad "v2: an unknown label" spacy-v2 '[{"paragraphs": [{"sentences": [{"tokens": [{"orth": "a", "ner": "U-WHO"}]}]}]}]' \
    ": [0].paragraphs[0]: \"entities\": span 1: unknown label 'WHO'"

done_testing
