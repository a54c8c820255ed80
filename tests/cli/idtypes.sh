#!/bin/bash
# Imported ids keep their JSON type through the store: 5 comes back as 5
# and "5" as "5", in every format that has ids (JSONL, doccano, Prodigy,
# Label Studio and JSON-MIN; COCO's image ids are numbers), and from one
# format into another. CSV's cells have no type: a whole number comes
# back as a number.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need python3 python3

# ids FORMAT PROJECT: the ids of an export, as JSON, in task order.
ids() {
	"$SCALEC" export "$2" --format "$1" -o "$T/x.out" >/dev/null 2>&1 || return 1
	python3 - "$1" "$T/x.out" <<'PY'
import json, sys
fmt, path = sys.argv[1], sys.argv[2]
if fmt in ("labelstudio", "labelstudio-min"):
    rows = json.load(open(path))
elif fmt == "coco":
    rows = json.load(open(path))["images"]
else:
    rows = [json.loads(l) for l in open(path) if l.strip()]
print(" ".join(json.dumps(r.get("id")) for r in rows))
PY
}

run init
run project create n --type ner --labels PER
printf '{"id": 5, "text": "five"}\n{"id": "5", "text": "five as text"}\n{"id": "x7", "text": "a name"}\n{"id": "\\"q", "text": "a quote first"}\n{"id": -12, "text": "negative"}\n{"id": "05", "text": "leading zero"}\n' > "$T/ids.jsonl"
run import n "$T/ids.jsonl"
check "idtypes: jsonl imports" rc_is 0
check "idtypes: jsonl: 5 as 5, \"5\" as \"5\"" test "$(ids jsonl n)" = '5 "5" "x7" "\"q" -12 "05"'
check "idtypes: into doccano" test "$(ids doccano n)" = '5 "5" "x7" "\"q" -12 "05"'
check "idtypes: into prodigy" test "$(ids prodigy n)" = '5 "5" "x7" "\"q" -12 "05"'
check "idtypes: into labelstudio" test "$(ids labelstudio n)" = '5 "5" "x7" "\"q" -12 "05"'
run import n "$T/ids.jsonl" --skip-existing
check "idtypes: each id found again (nothing added)" out_has "Added 0 tasks to n: 0 updated, 6 skipped"
run file show 'id:5' --project n
check "idtypes: file show id:5 is the number's task" out_has "five"
check "idtypes: file show id:5 is not the text's" test "$(grep -c 'five as text' "$T/out")" = 0
run file show 'id:5' --project n --json
check "idtypes: file show --json: the id 5 is the number 5" test "$(python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["ext_id"]))' < "$T/out")" = 5
run file list n --json
check "idtypes: file list --json: each id in its JSON type" test "$(python3 -c 'import json,sys; print(" ".join(json.dumps(t["ext_id"]) for t in json.load(sys.stdin)))' < "$T/out")" = '5 "5" "x7" "\"q" -12 "05"'

# Each format's own file: in and out the same.
run project create d --type ner --labels PER
printf '{"id": 5, "text": "a", "label": []}\n{"id": "5", "text": "b", "label": []}\n' > "$T/d.jsonl"
run import d "$T/d.jsonl" --format doccano
check "idtypes: doccano imports" rc_is 0
check "idtypes: doccano: 5 and \"5\" come back" test "$(ids doccano d)" = '5 "5"'
check "idtypes: doccano -> jsonl" test "$(ids jsonl d)" = '5 "5"'
run project create p --type ner --labels PER
printf '{"id": 5, "text": "a", "spans": [], "answer": "accept"}\n{"id": "5", "text": "b", "spans": [], "answer": "accept"}\n' > "$T/p.jsonl"
run import p "$T/p.jsonl" --format prodigy
check "idtypes: prodigy imports" rc_is 0
check "idtypes: prodigy: 5 and \"5\" come back" test "$(ids prodigy p)" = '5 "5"'
run project create l --type ner --labels PER
printf '[{"id": 5, "data": {"text": "a"}}, {"id": "5", "data": {"text": "b"}}]\n' > "$T/l.json"
run import l "$T/l.json" --format labelstudio
check "idtypes: labelstudio imports" rc_is 0
check "idtypes: labelstudio: 5 and \"5\" come back" test "$(ids labelstudio l)" = '5 "5"'
check "idtypes: labelstudio -> jsonl" test "$(ids jsonl l)" = '5 "5"'

# COCO's image ids are numbers: JSONL writes them as numbers.
mkdir -p "$T/ds"
cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/ds/a.png"
printf '{"images": [{"id": 42, "file_name": "a.png", "width": 160, "height": 120}], "annotations": [], "categories": []}\n' > "$T/ds/c.json"
run project create c --type object-detection --labels circle
run import c "$T/ds/c.json" --format coco
check "idtypes: coco imports" rc_is 0
check "idtypes: coco's 42 is 42 in jsonl" test "$(ids jsonl c)" = '42'
check "idtypes: and in coco again" test "$(ids coco c)" = '42'

# CSV: no types; a whole number is a number in JSON.
run project create v --type ner --labels PER
printf 'id,text\n5,a\nx,b\n' > "$T/v.csv"
run import v "$T/v.csv"
check "idtypes: csv imports" rc_is 0
check "idtypes: csv's 5 is 5 in jsonl, x is \"x\"" test "$(ids jsonl v)" = '5 "x"'
done_testing
