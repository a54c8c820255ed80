#!/bin/bash
# Label Studio's JSON and JSON-MIN, as a user moves data in and out:
# scalec -> Label Studio -> scalec gives the same tasks and results (text
# with emoji, ZWJ sequences, CJK, combining marks, RTL and CRLF; images'
# boxes and polygons through percentages); files in Label Studio's
# documented shape import and export back the same up to key order, white
# space and what scalec does not keep (its database ids); --ls-config maps
# other control names and data fields; every bad input is refused at
# FILE:LINE and its JSON path, with exit 1 and the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
"$SCALEC" project create ner --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" project create ner2 --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" user add alice --role annotator >/dev/null
"$SCALEC" user add bob@example.org --role annotator >/dev/null
"$SCALEC" user add rev@example.org --role reviewer >/dev/null

cat >"$D/review.yaml" <<'EOF'
type: custom
controls:
  - {name: label, kind: spans, labels: [PER, LOC]}
  - {name: sentiment, kind: choice, labels: [Positive, Negative]}
  - {name: note, kind: text}
  - {name: stars, kind: rating, max: 5}
EOF
cat >"$D/img.yaml" <<'EOF'
type: custom
controls:
  - {name: box, kind: boxes, labels: [car, cat]}
  - {name: poly, kind: polygons, labels: [road]}
EOF
for p in rev rev2 rev3; do
	"$SCALEC" project create $p --type custom --config "$D/review.yaml" \
	    >/dev/null
done
for p in img img2 img3; do
	"$SCALEC" project create $p --type custom --config "$D/img.yaml" \
	    >/dev/null
done

# tasks_of FILE: a native export's tasks as what a round trip keeps (id,
# text or image and size, meta, each annotation's user, state and result,
# each prediction's model, score and result), one a line.
tasks_of() {
	python3 - "$1" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    print(json.dumps([t.get("id"), t.get("text"), t.get("image"),
        t.get("width"), t["meta"],
        [[a["user"], a["state"], a["result"]] for a in t["annotations"]],
        [[p["model"], p.get("score"), p["result"]]
         for p in t["predictions"]]], sort_keys=True))
EOF
}

# ls_same A B: two Label Studio files (JSON or JSON-MIN) hold the same,
# up to key order, white space, the order of the tasks, numbers to 9
# digits, times to the second, and what scalec does not keep: annotation
# and prediction ids, the ids of choices, textarea and rating results, a person's other fields than the email, the
# annotation's task and project, a closed polygon's "closed".
ls_same() {
	python3 - "$1" "$2" <<'EOF'
import json, re, sys
DROP = {"annotation_id", "task", "project", "result_count", "prediction",
        "parent_prediction", "parent_annotation", "draft_created_at",
        "image_rotation", "closed", "origin"}
def norm(v, key=None):
    if isinstance(v, dict) and v.get("type") in ("choices", "textarea", "rating"):
        v = {k: x for k, x in v.items() if k != "id"}
    if isinstance(v, dict):
        if key in ("completed_by", "created_by") and "email" in v:
            return v["email"]
        return {k: norm(x, k) for k, x in v.items()
                if k not in DROP and not (k == "id" and key in
                ("annotations", "predictions", "reviews"))}
    if isinstance(v, list):
        return [norm(x, key) for x in v]
    if isinstance(v, float):
        v = round(v, 9)
        return int(v) if v == int(v) else v
    if isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\dT[\d:]+(\.\d+)?Z$", v):
        return v[:19] + "Z"
    return v
def load(p):
    return sorted(json.dumps(norm(t), sort_keys=True)
                  for t in json.load(open(p, encoding="utf-8")))
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("# " + x + "\n# " + y)
    sys.exit(1)
EOF
}

# Texts whose UTF-16 offsets are not their code points: an emoji, a ZWJ
# family, CJK, a combining acute, Hebrew with a right-to-left mark, CRLF.
cat >"$D/native.jsonl" <<'EOF'
{"id": "1", "text": "😀 Anna met 👩‍👩‍👧 in 東京", "meta": {"source": "web"}, "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 2, "end": 6, "label": "PER"}, {"start": 20, "end": 22, "label": "LOC"}]}}], "predictions": [{"model": "m1", "score": 0.75, "result": {"entities": [{"start": 2, "end": 6, "label": "PER", "score": 0.5}]}}]}
{"id": "2", "text": "Cafe\u0301 Zoë by שלום\u200f ok", "annotations": [{"user": "alice", "state": "skipped", "result": {"entities": [{"start": 0, "end": 5, "label": "ORG"}, {"start": 13, "end": 17, "label": "PER"}]}}, {"user": "bob@example.org", "state": "draft", "result": {"entities": []}}]}
{"id": "3", "text": "line one\r\nBob 🏳️‍🌈 Köln\r\n", "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 10, "end": 13, "label": "PER"}, {"start": 19, "end": 23, "label": "LOC"}]}}]}
{"id": "x-4", "text": "nothing here", "meta": {"Comments": ["check"]}}
{"text": "no id"}
EOF
run import ner "$D/native.jsonl"
check "the native file imports" rc_is 0

# scalec -> Label Studio -> scalec
run export ner --format labelstudio -o "$D/ner.json"
check "Label Studio export" rc_is 0
check "offsets are code points (the emoji counts one), with the span's text" \
    grep -qF '"value": {"start": 20, "end": 22, "text": "東京", "labels": ["LOC"]}' "$D/ner.json"
check "an id that was a string stays one" grep -qF '{"id": "1", "data"' "$D/ner.json"
check "a string id stays a string" grep -qF '{"id": "x-4", "data"' "$D/ner.json"
check "meta goes into data" \
    grep -qF '"data": {"text": "nothing here", "Comments": ["check"]}' "$D/ner.json"
check "a skip is was_cancelled" grep -qF '"was_cancelled": true' "$D/ner.json"
check "a draft is the task's draft" grep -qE '"drafts": \[\{"result": \[\], "id": [0-9]+, "user": \{"email": "bob@example.org"\}' "$D/ner.json"
check "the file is one JSON array" python3 -c "import json,sys; assert len(json.load(open(sys.argv[1]))) == 5" "$D/ner.json"
run import ner2 "$D/ner.json" --format labelstudio
check "Label Studio import" rc_is 0
"$SCALEC" export ner >"$D/a.jsonl"
"$SCALEC" export ner2 >"$D/b.jsonl"
tasks_of "$D/a.jsonl" >"$D/a.tasks"
tasks_of "$D/b.jsonl" >"$D/b.tasks"
check "scalec -> Label Studio -> scalec: the same tasks and results" \
    cmp -s "$D/a.tasks" "$D/b.tasks"
check "the results compared are there" grep -qF '"start": 20' "$D/b.tasks"
diff "$D/a.tasks" "$D/b.tasks" | head -6 | sed 's/^/# /'

# The same through JSON-MIN (one record per annotation; no drafts).
"$SCALEC" project create ner3 --type ner --labels PER,ORG,LOC >/dev/null
run export ner --format labelstudio-min -o "$D/ner.min.json"
check "JSON-MIN export" rc_is 0
check "JSON-MIN: the data at the top, the control's values by its name" \
    grep -qF '{"text": "😀 Anna met 👩‍👩‍👧 in 東京", "source": "web", "id": "1", "entities": [{"start": 2, "end": 6, "text": "Anna", "labels": ["PER"]}' "$D/ner.min.json"
run import ner3 "$D/ner.min.json" --format labelstudio-min
check "JSON-MIN import" rc_is 0
"$SCALEC" export ner3 >"$D/c.jsonl"
python3 - "$D/a.jsonl" >"$D/a.min" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    anns = [[a["user"], "submitted", a["result"]] for a in t["annotations"]
            if a["state"] not in ("draft", "skipped")]
    print(json.dumps([t.get("id"), t["text"], t["meta"], anns], sort_keys=True))
EOF
python3 - "$D/c.jsonl" >"$D/c.min" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    print(json.dumps([t.get("id"), t["text"], t["meta"], [[a["user"],
        a["state"], a["result"]] for a in t["annotations"]]], sort_keys=True))
EOF
check "scalec -> JSON-MIN -> scalec: the same tasks and results (a skip and a draft are not JSON-MIN's)" \
    cmp -s "$D/a.min" "$D/c.min"
diff "$D/a.min" "$D/c.min" | head -6 | sed 's/^/# /'

# Label Studio's own shape -> scalec -> Label Studio: every result type,
# Label Studio's task keys, predictions, an Enterprise review.
cat >"$D/ls.json" <<'EOF'
[
  {
    "id": 101,
    "data": {"text": "😀 Anna flew to 東京 on Cafe\u0301 day", "source": "crawl"},
    "meta": {}, "project": 3, "inner_id": 1, "created_at": "2024-05-01T10:00:00.123456Z",
    "updated_at": "2024-05-01T10:05:00Z", "total_annotations": 1,
    "cancelled_annotations": 0, "total_predictions": 1, "file_upload": "a.json",
    "annotations": [
      {
        "id": 9, "completed_by": {"id": 2, "email": "bob@example.org", "first_name": "", "last_name": ""},
        "result": [
          {"id": "Xy1aB2cD3e", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
           "value": {"start": 2, "end": 6, "text": "Anna", "labels": ["PER"]}},
          {"id": "Qw3eR4tY5u", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
           "value": {"start": 15, "end": 17, "text": "東京", "labels": ["LOC"]}},
          {"id": "Ch01ce0001", "from_name": "sentiment", "to_name": "text", "type": "choices",
           "value": {"choices": ["Positive"]}},
          {"id": "Te0xt00001", "from_name": "note", "to_name": "text", "type": "textarea",
           "value": {"text": ["a fine day 🌞"]}},
          {"id": "Ra7ing0001", "from_name": "stars", "to_name": "text", "type": "rating",
           "value": {"rating": 4}}
        ],
        "was_cancelled": false, "ground_truth": false, "created_at": "2024-05-01T10:01:00.5Z",
        "updated_at": "2024-05-01T10:02:00Z", "lead_time": 12.5, "task": 101, "project": 3,
        "last_action": "accepted",
        "reviews": [{"id": 1, "created_by": {"id": 3, "email": "rev@example.org"}, "created_at": "2024-05-01T11:00:00Z", "accepted": true}]
      }
    ],
    "predictions": [
      {"id": 4, "model_version": "ner-v1", "score": 0.8, "created_at": "2024-04-30T09:00:00Z",
       "result": [{"id": "Pr3d000001", "from_name": "label", "to_name": "text", "type": "labels", "score": 0.9,
                   "value": {"start": 2, "end": 6, "text": "Anna", "labels": ["PER"]}}]}
    ]
  },
  {"id": 102, "data": {"text": "שלום\u200f and line\r\nbreak"}, "annotations": [], "predictions": []}
]
EOF
run import rev "$D/ls.json" --format labelstudio
check "a file in Label Studio's shape imports" rc_is 0
err | head -3 | sed 's/^/# /'
run export rev --format labelstudio -o "$D/ls.back.json"
check "and exports" rc_is 0
check "Label Studio -> scalec -> Label Studio: the same file" \
    ls_same "$D/ls.json" "$D/ls.back.json"
check "the review comes back" grep -qF '"reviews": [{"created_by": {"email": "rev@example.org"}, "accepted": true' "$D/ls.back.json"
"$SCALEC" export rev >"$D/rev.jsonl"
check "the annotation is accepted, reviewed by its reviewer" \
    grep -qF '"state": "accepted"' "$D/rev.jsonl"
check "the task's own keys are kept in meta" \
    grep -qF '"_labelstudio": {"meta": {}, "project": 3' "$D/rev.jsonl"
check "a prediction's region keeps its score" \
    grep -qF '"label": "PER", "id": "Pr3d000001", "score": 0.9' "$D/rev.jsonl"

# Images: boxes (rotation kept) and polygons, percentages of the original
# size both ways.
cat >"$D/img.json" <<'EOF'
[{"id": 7, "data": {"image": "/data/upload/1/a.png"},
  "annotations": [{"completed_by": {"email": "alice"}, "lead_time": 3,
    "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-01T10:00:00Z",
    "was_cancelled": false, "ground_truth": false,
    "result": [
    {"id": "Ab12", "from_name": "box", "to_name": "image", "type": "rectanglelabels", "original_width": 640, "original_height": 480,
     "value": {"x": 10, "y": 12.5, "width": 25, "height": 50, "rotation": 10, "rectanglelabels": ["car"]}},
    {"id": "Cd34", "from_name": "poly", "to_name": "image", "type": "polygonlabels", "original_width": 640, "original_height": 480,
     "value": {"points": [[10, 10], [50, 10], [33.3333, 66.6667]], "closed": true, "polygonlabels": ["road"]}}]}],
  "predictions": []}]
EOF
run import img "$D/img.json" --format labelstudio --allow-missing-images
check "an image file in Label Studio's shape imports" rc_is 0
"$SCALEC" export img >"$D/img.jsonl"
check "percentages became pixels of the original size, rotation kept" \
    grep -qF '"box": [{"x": 64, "y": 60, "width": 160, "height": 240, "rotation": 10, "label": "car", "id": "Ab12"}]' "$D/img.jsonl"
check "polygon points in pixels" \
    grep -qF '"points": [[64, 48], [320, 48], [213.33312, 320.00016]]' "$D/img.jsonl"
check "the image's size comes from the results" \
    grep -qF '"width": 640, "height": 480' "$D/img.jsonl"
run export img --format labelstudio -o "$D/img.back.json"
check "Label Studio -> scalec -> Label Studio (images): the same file" \
    ls_same "$D/img.json" "$D/img.back.json"
run import img2 "$D/img.back.json" --format labelstudio --allow-missing-images
"$SCALEC" export img2 >"$D/img2.jsonl"
tasks_of "$D/img.jsonl" >"$D/img.tasks"
tasks_of "$D/img2.jsonl" >"$D/img2.tasks"
check "scalec -> Label Studio -> scalec (images): the same tasks and results" \
    cmp -s "$D/img.tasks" "$D/img2.tasks"

# --ls-config: Label Studio's names for the controls and the data field.
cat >"$D/config.xml" <<'EOF'
<View>
  <Header value="Review"/>
  <Text name="review_text" value="$review"/>
  <Labels name="ner" toName="review_text">
    <Label value="PER"/><Label value="LOC"/>
  </Labels>
  <Choices name="mood" toName="review_text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Relations><Relation value="knows"/></Relations>
</View>
EOF
cat >"$D/named.json" <<'EOF'
[{"id": 1, "data": {"review": "Anna in 東京", "stars": 5},
  "annotations": [{"completed_by": 1, "result": [
    {"id": "a", "from_name": "ner", "to_name": "review_text", "type": "labels", "value": {"start": 0, "end": 4, "text": "Anna", "labels": ["PER"]}},
    {"id": "b", "from_name": "ner", "to_name": "review_text", "type": "labels", "value": {"start": 8, "end": 10, "text": "東京", "labels": ["LOC"]}},
    {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right", "labels": ["knows"]},
    {"id": "c", "from_name": "mood", "to_name": "review_text", "type": "choices", "value": {"choices": ["Negative"]}}]}]}]
EOF
expect_unchanged "other names without --ls-config" \
    import rev2 "$D/named.json" --format labelstudio
check "other names without --ls-config: says what to do" \
    err_has "named.json:1: [0].data: has neither \"text\" nor \"image\" (--ls-config FILE names another field)"
expect_unchanged "a relation" import rev2 "$D/named.json" \
    --format labelstudio --ls-config "$D/config.xml"
check "a relation: refused at its path, naming --drop-relations" \
    err_has "named.json:1: [0].annotations[0].result[2].type: a relation, which scalec has no control for: --drop-relations imports the file without them"
run import rev2 "$D/named.json" --format labelstudio --ls-config "$D/config.xml" \
    --drop-relations
check "--ls-config and --drop-relations: imports" rc_is 0
"$SCALEC" export rev2 >"$D/rev2.jsonl"
check "--ls-config: its data field is the text, its controls the project's" \
    grep -qF '"text": "Anna in 東京", "meta": {"stars": 5}, "predictions": [], "annotations": [{"user": "root", "state": "submitted", "result": {"label": [{"start": 0, "end": 4, "label": "PER", "id": "a"}, {"start": 8, "end": 10, "label": "LOC", "id": "b"}], "sentiment": ["Negative"]}' "$D/rev2.jsonl"

expect_usage "--ls-config with another format" import rev2 "$D/native.jsonl" \
    --ls-config "$D/config.xml"
check "--ls-config with another format: says which it is for" \
    err_has "--ls-config is for --format labelstudio or labelstudio-min"

# Bad input: FILE:LINE, the JSON path and what is wrong; nothing imported.
bad() {
	_what=$1 _file=$2 _msg=$3; shift 3
	expect_unchanged "$_what" import rev3 "$_file" --format labelstudio "$@"
	check "$_what: says where and what" err_has "$_msg"
	check "$_what: nothing imported" test "$("$SCALEC" export rev3 | wc -l)" = 0
}
mk() { printf '%s\n' "$2" >"$D/$1"; }
ann() {	# ann NAME RESULT-ITEMS: a two-task file whose second task has them
	mk "$1" '[{"id": 1, "data": {"text": "ok"}},
{"id": 2, "data": {"text": "😀 Anna met 東京"},
 "annotations": [{"completed_by": {"email": "alice"}, "result": ['"$2"']}]}]'
}
ann shift.json '{"id": "s", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 1, "end": 5, "text": "Anna", "labels": ["PER"]}}'
bad "a span whose text is not at its offsets" "$D/shift.json" \
    "shift.json:2: [1].annotations[0].result[0].value.start: the span 1..5 is \" Ann\", not its \"text\" \"Anna\" (offsets are code points)"
ann past.json '{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 2, "end": 99, "labels": ["PER"]}}'
bad "an offset past the end" "$D/past.json" \
    "past.json:2: [1].annotations[0].result[0].value.end: 99 is past the end of the text (the text is 13 codepoint units long)"
ann neg.json '{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": -1, "end": 2, "labels": ["PER"]}}'
bad "a negative offset" "$D/neg.json" \
    "neg.json:2: [1].annotations[0].result[0].value.start: must be a whole number from 0"
ann lab.json '{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 2, "end": 6, "labels": ["ORG"]}}'
bad "a label the control does not have" "$D/lab.json" \
    "lab.json:2: [1].annotations[0].result[0].value.labels[0]: control 'label' has no label 'ORG'"
ann two.json '{"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 2, "end": 6, "labels": ["PER", "LOC"]}}'
bad "a span with two labels" "$D/two.json" \
    "two.json:2: [1].annotations[0].result[0].value.labels: must be a list of one label (a region has one label in scalec)"
ann kp.json '{"from_name": "kp", "to_name": "image", "type": "keypointlabels", "value": {"x": 1, "y": 2, "keypointlabels": ["eye"]}}'
bad "a result type scalec has no control for" "$D/kp.json" \
    "kp.json:2: [1].annotations[0].result[0].type: 'keypointlabels' results have no control kind in scalec"
ann rel.json '{"from_id": "a", "to_id": "b", "type": "relation", "direction": "right"}'
bad "a relation" "$D/rel.json" \
    "rel.json:2: [1].annotations[0].result[0].type: a relation, which scalec has no control for: --drop-relations"
ann choice2.json '{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive", "Negative"]}}'
bad "two choices for a choice control" "$D/choice2.json" \
    "choice2.json:2: [1].annotations[0].result[0].value.choices: 2 choices, and control 'sentiment' is a choice, not a multichoice"
ann noctl.json '{"from_name": "topic", "to_name": "text", "type": "textarea", "value": {"text": ["x"]}}'
run import rev3 "$D/noctl.json" --format labelstudio
check "a text result for the project's one text control, by another name: taken" rc_is 0
"$SCALEC" project create rev4 --type ner --labels PER >/dev/null
expect_unchanged "a control the project has no kind of" \
    import rev4 "$D/noctl.json" --format labelstudio
check "a control the project has no kind of: says so" \
    err_has "noctl.json:2: [1].annotations[0].result[0]: the project has no text control named 'topic': --ls-config FILE maps"
"$SCALEC" task remove rev3 --all --yes >/dev/null 2>&1 ||
    "$SCALEC" project delete rev3 --yes >/dev/null 2>&1
"$SCALEC" project create rev3 --type custom --config "$D/review.yaml" \
    >/dev/null 2>&1
mk gt.json '[{"data": {"text": "a"}, "annotations": [{"ground_truth": true, "result": []}]}]'
bad "ground truth" "$D/gt.json" \
    "gt.json:1: [0].annotations[0].ground_truth: ground truth is not imported yet: scalec has no gold tasks to hold it"
mk box.json '[{"data": {"image": "/x.png"}, "annotations": [{"result": [{"from_name": "box", "to_name": "image", "type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 2, "height": 2, "rectanglelabels": ["car"]}}]}]}]'
expect_unchanged "a box without the image's size" import img3 "$D/box.json" \
    --format labelstudio --allow-missing-images
check "a box without the image's size: says so" err_has \
    "box.json:1: [0].annotations[0].result[0].original_width: an image result needs original_width and original_height"
mk obj.json '{"images": [], "annotations": []}'
bad "an object, not a list of tasks" "$D/obj.json" \
    "obj.json: a Label Studio export is a list of tasks, not an object"
mk comma.json '[{"data": {"text": "a"}},
]'
bad "a trailing comma" "$D/comma.json" "comma.json:2: ']' where a value should come at column 1"
mk broken.json '[{"data": {"text": "a"}},
 {"data": {"text": "b",}}]'
bad "malformed JSON in a task" "$D/broken.json" "broken.json:2: [1]: malformed JSON at column"
mk nodata.json '[{"id": 1, "data": {"text": "a"}}, {"id": 2}]'
bad "a task without data" "$D/nodata.json" \
    "nodata.json:1: [1].data: a task needs \"data\", an object"
mk str.json '[{"data": {"text": 5}}]'
bad "a text that is not a string" "$D/str.json" \
    "str.json:1: [0].data.text: must be a string"
mk cut.json '[{"data": {"text": "a"}}, {"data": {"text": "b'
bad "a file cut short" "$D/cut.json" \
    "cut.json:1: the file ends inside the value that begins here at column 27"
: >"$D/empty.json"
bad "an empty file" "$D/empty.json" "empty.json: the file is empty"
mk min.json '[{"id": 1, "text": "ok"},
{"id": 2, "text": "Anna", "label": [{"start": 0, "end": 9, "labels": ["PER"]}], "annotator": "alice"}]'
expect_unchanged "JSON-MIN: a span past the end" import rev3 "$D/min.json" \
    --format labelstudio-min
check "JSON-MIN: at the record's line and place, in the full export's terms" \
    err_has "min.json:2: [1].annotations[0].result[0].value.end: 9 is past the end of the text"
printf '<View><Labels name="x" toName="nothing"><Label value="A"/></Labels></View>\n' >"$D/bad.xml"
bad "an --ls-config whose toName names no object" "$D/ls.json" \
    "bad.xml:1: <Labels name=\"x\">: its toName 'nothing' names no object tag" \
    --ls-config "$D/bad.xml"
printf '<View><Text name="t" value="$text"/>\n<Labels name="x" toName="t"></View>\n' >"$D/broken.xml"
bad "an --ls-config that is not XML" "$D/ls.json" \
    "broken.xml:2: not a label config's XML at column" --ls-config "$D/broken.xml"

done_testing
