#!/bin/bash
# --offsets grapheme: span offsets counted in extended grapheme clusters
# (what a person sees as one character), as a tool that counts so writes
# them, converted at the edge by libutf8proc: a ZWJ family, flags, a skin
# tone, combining marks, CJK and CRLF (one cluster) import to the right
# code points and export back the same; an offset past the text, or a
# span whose edge is inside a cluster on export, is refused with exit 1,
# the database unchanged. A scalec built without libutf8proc refuses the
# unit, saying so.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
"$SCALEC" project create ner --type ner --labels PER,LOC >/dev/null
"$SCALEC" project create back --type ner --labels PER,LOC >/dev/null
printf '%s\n' '{"text": "x"}' >"$D/x.doccano"

if ! grep -q '^#define HAVE_UTF8PROC 1' "$BUILDDIR/config.h"; then
	expect_usage "--offsets grapheme without libutf8proc" import ner \
	    "$D/x.doccano" --format doccano --offsets grapheme
	check "it says scalec was built without it" \
	    err_has "this scalec was built without it"
	expect_usage "export --offsets grapheme without libutf8proc" \
	    export ner --format doccano --offsets grapheme
	check "export says so too" err_has "this scalec was built without it"
	done_testing
	exit
fi

# Clusters: 👩‍👩‍👧 (5 code points) is 1, 🇩🇪🇫🇷 (4) is 2, 👍🏽 (2) is 1,
# "é" as e + U+0301 (2) is 1, 東京 is 2, CRLF is 1.
{
	printf '%s\n' '{"id": 1, "text": "👩‍👩‍👧 Anna in 🇩🇪🇫🇷 Köln", "label": [[2, 6, "PER"], [13, 17, "LOC"]]}'
	printf '%s\n' '{"id": 2, "text": "👍🏽 Zoe'$'\xcc\x81'' met 東京\r\nBob", "label": [[2, 5, "PER"], [10, 12, "LOC"], [13, 16, "PER"]]}'
} >"$D/g.doccano"
run import ner "$D/g.doccano" --format doccano --offsets grapheme
check "doccano in grapheme clusters imports" rc_is 0
run export ner
check "a ZWJ family is five code points" \
    out_has '"entities": [{"start": 6, "end": 10, "label": "PER"}, {"start": 19, "end": 23, "label": "LOC"}]'
check "a skin tone, a combining mark, CJK and CRLF" \
    out_has '"entities": [{"start": 3, "end": 7, "label": "PER"}, {"start": 12, "end": 14, "label": "LOC"}, {"start": 16, "end": 19, "label": "PER"}]'
run export ner --format doccano --offsets grapheme -o "$D/g.back"
check "export --offsets grapheme" rc_is 0
check "doccano (graphemes) -> scalec -> doccano (graphemes): the same file" \
    cmp "$D/g.doccano" "$D/g.back"
run export ner --format doccano
check "export without --offsets: UTF-16 units" \
    out_has '"label": [[9, 13, "PER"], [26, 30, "LOC"]]'
run export ner --format doccano --offsets codepoint
check "export --offsets codepoint" out_has '"label": [[6, 10, "PER"], [19, 23, "LOC"]]'
run import back "$D/g.back" --format doccano --offsets grapheme
"$SCALEC" export ner | python3 -c '
import json, sys
for l in sys.stdin: t = json.loads(l); print(json.dumps([t["text"], t["annotations"][0]["result"]]))' >"$D/a"
"$SCALEC" export back | python3 -c '
import json, sys
for l in sys.stdin: t = json.loads(l); print(json.dumps([t["text"], t["annotations"][0]["result"]]))' >"$D/b"
check "scalec -> doccano (graphemes) -> scalec: the same tasks" cmp -s "$D/a" "$D/b"

# Label Studio and Prodigy take the unit too.
"$SCALEC" project create ls --type ner --labels PER,LOC >/dev/null
printf '%s\n' '[{"data": {"text": "🇩🇪 Anna"}, "annotations": [{"result": [{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 2, "end": 6, "text": "Anna", "labels": ["PER"]}}]}]}]' >"$D/ls.json"
run import ls "$D/ls.json" --format labelstudio --offsets grapheme
check "Label Studio with --offsets grapheme" rc_is 0
run export ls
check "...to code points" out_has '{"start": 3, "end": 7, "label": "PER"'

# Bad input: exit 1, the database unchanged.
printf '%s\n' '{"text": "ok"}' '{"text": "👩‍👩‍👧 Anna", "label": [[2, 7, "PER"]]}' >"$D/past.doccano"
expect_unchanged "a grapheme offset past the text" import ner "$D/past.doccano" \
    --format doccano --offsets grapheme
check "it says where, and the text's length in clusters" \
    err_has "past.doccano:2: label 1: end offset 7 is past the end of the text (the text is 6 grapheme units long"
# A span on the "e" of e + U+0301 has no grapheme offset: refused on
# export, naming the task, nothing written.
"$SCALEC" project create split --type ner --labels PER >/dev/null
printf '%s\n' '{"text": "Zoe\u0301 ok", "annotations": [{"user": "'"$(id -un)"'", "state": "submitted", "result": {"entities": [{"start": 0, "end": 3, "label": "PER"}]}}]}' >"$D/split.jsonl"
"$SCALEC" import split "$D/split.jsonl" >/dev/null
expect_unchanged "a span ending inside a cluster" export split \
    --format doccano --offsets grapheme -o "$D/split.out"
check "it names the task and the span" \
    err_has "span 1 (code points 0 to 3) ends inside a grapheme cluster, which --offsets grapheme cannot say"
check "and writes nothing" test ! -e "$D/split.out"
run export split --format doccano
check "the same span in UTF-16 units exports" out_has '"label": [[0, 3, "PER"]]'
expect_usage "export --offsets for another format" export ner --format jsonl \
    --offsets grapheme
check "it says which format it is for" err_has "--offsets is for doccano, not jsonl"
expect_usage "an unknown unit" export ner --format doccano --offsets bytes
check "it lists the units" err_has "unknown offset unit 'bytes' (codepoint, utf16 or grapheme)"

done_testing
