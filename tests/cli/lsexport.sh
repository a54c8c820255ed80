#!/bin/bash
# export --ls-config FILE (Label Studio JSON and JSON-MIN): the results'
# from_name, to_name and type, and the data's field, follow the XML's
# controls and objects, so that Label Studio -> scalec -> Label Studio
# with the same config gives the same names; a project control with no
# control in the XML to pair with is refused, naming both, with exit 1,
# nothing written and the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
cat >"$D/review.yaml" <<'EOF2'
type: custom
controls:
  - {name: label, kind: spans, labels: [PER, LOC]}
  - {name: sentiment, kind: choice, labels: [Positive, Negative]}
  - {name: note, kind: text}
  - {name: stars, kind: rating, max: 5}
EOF2
for p in rev rev2; do
	"$SCALEC" project create $p --type custom --config "$D/review.yaml" \
	    >/dev/null
done
cat >"$D/config.xml" <<'EOF2'
<View>
  <Text name="review_text" value="$review"/>
  <Labels name="ner" toName="review_text">
    <Label value="PER"/><Label value="LOC"/>
  </Labels>
  <Choices name="mood" toName="review_text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <TextArea name="comment" toName="review_text"/>
  <Rating name="score" toName="review_text" maxRating="5"/>
</View>
EOF2
# Label Studio's names, none of them the project's: emoji, ZWJ, CJK,
# combining marks and CRLF in the texts.
cat >"$D/named.json" <<'EOF2'
[{"id": 1, "data": {"review": "Anna in 東京", "lang": "en"},
  "annotations": [{"completed_by": {"email": "root"}, "result": [
    {"id": "a", "from_name": "ner", "to_name": "review_text", "type": "labels", "value": {"start": 0, "end": 4, "text": "Anna", "labels": ["PER"]}},
    {"id": "b", "from_name": "ner", "to_name": "review_text", "type": "labels", "value": {"start": 8, "end": 10, "text": "東京", "labels": ["LOC"]}},
    {"id": "c", "from_name": "mood", "to_name": "review_text", "type": "choices", "value": {"choices": ["Negative"]}},
    {"id": "d", "from_name": "comment", "to_name": "review_text", "type": "textarea", "value": {"text": ["fine"]}},
    {"id": "e", "from_name": "score", "to_name": "review_text", "type": "rating", "value": {"rating": 4}}]}]},
 {"id": 2, "data": {"review": "😀 👩‍👩‍👧 Zoe\u0301\r\nok"},
  "annotations": [{"completed_by": {"email": "root"}, "result": [
    {"id": "f", "from_name": "ner", "to_name": "review_text", "type": "labels", "value": {"start": 8, "end": 12, "text": "Zoe\u0301", "labels": ["PER"]}}]}]}]
EOF2
run import rev "$D/named.json" --format labelstudio --ls-config "$D/config.xml"
check "Label Studio's names import through --ls-config" rc_is 0

# names FILE: each task's data keys and its results' (from, to, type,
# value), the ids left out (Label Studio's database's, not kept).
names() {
	python3 - "$1" <<'EOF2'
import json, sys
for t in json.load(open(sys.argv[1], encoding="utf-8")):
    items = sorted(json.dumps([i["from_name"], i["to_name"], i["type"],
        i["value"]], sort_keys=True, ensure_ascii=False)
        for a in t.get("annotations", []) for i in a["result"])
    print(json.dumps([t.get("id"), t["data"], items], sort_keys=True,
        ensure_ascii=False))
EOF2
}
run export rev --format labelstudio --ls-config "$D/config.xml" \
    -o "$D/back.json"
check "export --ls-config" rc_is 0
names "$D/named.json" >"$D/named.names"
names "$D/back.json" >"$D/back.names"
check "Label Studio -> scalec -> Label Studio: the same names, data and values" \
    cmp -s "$D/named.names" "$D/back.names"
check "the data's field is the XML's \$review" grep -qF '"review": "Anna in' "$D/back.json"
run export rev --format labelstudio -o "$D/plain.json"
check "without --ls-config: the project's names" \
    grep -qF '"from_name": "label", "to_name": "text", "type": "labels"' "$D/plain.json"
check "without --ls-config: the data's field is text" \
    grep -qF '"text": "Anna in' "$D/plain.json"
# And back into another project through the same config: the same tasks.
run import rev2 "$D/back.json" --format labelstudio --ls-config "$D/config.xml"
check "its export imports again through the config" rc_is 0
"$SCALEC" export rev | python3 -c '
import json, sys
for l in sys.stdin:
    t = json.loads(l); print(json.dumps([t["text"], t["meta"], [a["result"] for a in t["annotations"]]], sort_keys=True))' >"$D/rev.tasks"
"$SCALEC" export rev2 | python3 -c '
import json, sys
for l in sys.stdin:
    t = json.loads(l); print(json.dumps([t["text"], t["meta"], [a["result"] for a in t["annotations"]]], sort_keys=True))' >"$D/rev2.tasks"
check "scalec -> Label Studio (--ls-config) -> scalec: the same tasks" \
    cmp -s "$D/rev.tasks" "$D/rev2.tasks"

# JSON-MIN: each control's values under the XML's name.
run export rev --format labelstudio-min --ls-config "$D/config.xml"
check "JSON-MIN --ls-config" rc_is 0
check "JSON-MIN: the spans under the XML's name" out_has '"ner": [{"start": 0, "end": 4'
check "JSON-MIN: a single choice under its name" out_has '"mood": "Negative"'
check "JSON-MIN: the rating under its name" out_has '"score": 4'
check "JSON-MIN: the text under the XML's field" out_has '"review": "Anna in'

# Two controls of a kind: the one of the project's name, else the n-th of
# the kind with the n-th, as import pairs them.
cat >"$D/two.yaml" <<'EOF2'
type: custom
controls:
  - {name: first, kind: choice, labels: [a, b]}
  - {name: topic, kind: choice, labels: [a, b]}
EOF2
"$SCALEC" project create two --type custom --config "$D/two.yaml" >/dev/null
printf '%s\n' '{"text": "x", "annotations": [{"user": "root", "state": "submitted", "result": {"first": ["a"], "topic": ["b"]}}]}' >"$D/two.jsonl"
"$SCALEC" import two "$D/two.jsonl" >/dev/null
cat >"$D/two.xml" <<'EOF2'
<View>
  <Text name="t" value="$text"/>
  <Choices name="c1" toName="t"><Choice value="a"/><Choice value="b"/></Choices>
  <Choices name="topic" toName="t"><Choice value="a"/><Choice value="b"/></Choices>
</View>
EOF2
run export two --format labelstudio --ls-config "$D/two.xml"
check "two of a kind: exports" rc_is 0
check "two of a kind: topic by its name" \
    out_has '"from_name": "topic", "to_name": "t", "type": "choices", "value": {"choices": ["b"]}'
check "two of a kind: first as the XML's first" \
    out_has '"from_name": "c1", "to_name": "t", "type": "choices", "value": {"choices": ["a"]}'
"$SCALEC" export two --format labelstudio --ls-config "$D/two.xml" \
    -o "$D/two.json" >/dev/null
"$SCALEC" project create two2 --type custom --config "$D/two.yaml" >/dev/null
run import two2 "$D/two.json" --format labelstudio --ls-config "$D/two.xml"
check "two of a kind: its export imports back" rc_is 0
"$SCALEC" export two2 >"$T/two2.jsonl"
check "two of a kind: each result in its own control again" \
    grep -qF '"result": {"first": ["a"], "topic": ["b"]}' "$T/two2.jsonl"
# The other order: import would read c1 as topic too, and first as
# nothing, so export refuses rather than write what comes back otherwise.
cat >"$D/swap.xml" <<'EOF2'
<View>
  <Text name="t" value="$text"/>
  <Choices name="topic" toName="t"><Choice value="a"/><Choice value="b"/></Choices>
  <Choices name="c1" toName="t"><Choice value="a"/><Choice value="b"/></Choices>
</View>
EOF2
expect_unchanged "two of a kind, none that import would pair with first" \
    export two --format labelstudio --ls-config "$D/swap.xml"
check "it names both" \
    err_has "swap.xml: the project's choice control 'first' has no <Choices> in it to go out as (2 <Choices> tags there, none pairing with 'first')"

# Bad input: exit 1, nothing written, the database unchanged.
cat >"$D/norating.xml" <<'EOF2'
<View>
  <Text name="review_text" value="$review"/>
  <Labels name="ner" toName="review_text"><Label value="PER"/><Label value="LOC"/></Labels>
  <Choices name="mood" toName="review_text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
  <TextArea name="comment" toName="review_text"/>
</View>
EOF2
expect_unchanged "a control the XML has no match for" export rev \
    --format labelstudio --ls-config "$D/norating.xml" -o "$D/no.json"
check "it names the control and the XML" \
    err_has "norating.xml: the project's rating control 'stars' has no <Rating> in it to go out as"
check "and writes nothing" test ! -e "$D/no.json"
expect_unchanged "JSON-MIN: a control the XML has no match for" export rev \
    --format labelstudio-min --ls-config "$D/norating.xml"
check "JSON-MIN: it names both" err_has "the project's rating control 'stars'"
check "JSON-MIN: and prints nothing" test ! -s "$T/out"
printf '<View>\n  <Text name="t" value="$text"/>\n  <Labels name="x" toName="nowhere"/>\n</View>\n' >"$D/bad.xml"
expect_unchanged "an XML whose toName names no object" export rev \
    --format labelstudio --ls-config "$D/bad.xml" -o "$D/no.json"
check "it says where" err_has "bad.xml:3:"
check "and writes nothing" test ! -e "$D/no.json"
printf '<View><Text name="t" value="$text">\n' >"$D/broken.xml"
expect_unchanged "an XML that is not XML" export rev --format labelstudio \
    --ls-config "$D/broken.xml"
check "it says where" err_has "broken.xml:"
expect_unchanged "an --ls-config that is not there" export rev \
    --format labelstudio --ls-config "$D/missing.xml"
check "it names the file" err_has "missing.xml"
expect_usage "--ls-config with another format" export rev --format jsonl \
    --ls-config "$D/config.xml"
check "it says which formats it is for" \
    err_has "--ls-config is for labelstudio and labelstudio-min, not jsonl"
run export --help
check "export --help names --ls-config" out_has "--ls-config FILE"

done_testing
