#!/bin/bash
# COCO's category ids: a file's ids kept as its labels' id: in the
# project's config and written again on export (3, 7, 12 come back as
# 3, 7, 12; labels without an id numbered after the highest); and a
# results file (a bare list of detections with scores) imported as
# predictions onto the tasks of the images it names, by the ids the
# tasks were imported with. Every refusal at its JSON path, the database
# unchanged.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need python3 python3

sql() { sqlite3 "$SCALEC_DB" "$1"; }
cats() {
	python3 -c 'import json,sys; print(sorted((c["id"], c["name"]) for c in json.load(open(sys.argv[1]))["categories"]))' "$1"
}

mkdir -p "$T/ds"
cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/ds/a.png"
cp "$SRCDIR/share/demo/shapes/shape-02.png" "$T/ds/b.png"
cat > "$T/ds/instances.json" <<'J'
{"images": [
  {"id": 42, "file_name": "a.png", "width": 160, "height": 120},
  {"id": 43, "file_name": "b.png", "width": 160, "height": 120}],
 "annotations": [
  {"id": 1, "image_id": 42, "category_id": 7, "bbox": [10, 20, 30, 40], "area": 1200, "iscrowd": 0},
  {"id": 2, "image_id": 43, "category_id": 12, "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0}],
 "categories": [{"id": 3, "name": "circle"}, {"id": 7, "name": "square"}, {"id": 12, "name": "triangle"}]}
J
run init
run project create det --type object-detection --labels circle,square,triangle,hexagon
run import det "$T/ds/instances.json" --format coco
check "cocoids: the file imports" rc_is 0
sql "select config from project where name = 'det'" > "$T/cfg"
check "cocoids: the file's ids are the labels' id: in the config" test "$(grep -o 'name: [a-z]*, id: [0-9]*' "$T/cfg" | tr '\n' ' ')" = "name: circle, id: 3 name: square, id: 7 name: triangle, id: 12 "
check "cocoids: a label the file does not number has no id" grep -q "{name: hexagon, key: 4}" "$T/cfg"
run export det --format coco -o "$T/out.json"
check "cocoids: export" rc_is 0
check "cocoids: 3, 7, 12 come back; the label without one after the highest" test "$(cats "$T/out.json")" = "[(3, 'circle'), (7, 'square'), (12, 'triangle'), (13, 'hexagon')]"
check "cocoids: annotations carry the kept ids" test "$(python3 -c 'import json,sys; print(sorted((a["image_id"], a["category_id"]) for a in json.load(open(sys.argv[1]))["annotations"]))' "$T/out.json")" = "[(42, 7), (43, 12)]"

# The same file again: the ids agree, nothing more to keep.
run import det "$T/ds/instances.json" --format coco --skip-existing
check "cocoids: the same ids again import" rc_is 0

# An edit that names the labels again keeps their ids: --labels, which
# cannot write one, and a config without them; a label that takes an id
# another had leaves that one without.
run project edit det --labels circle,square,triangle,hexagon,star
check "cocoids: --labels keeps the ids" test "$(sql "select config from project where name = 'det'" | grep -o 'name: [a-z]*, id: [0-9]*' | tr '\n' ' ')" = "name: circle, id: 3 name: square, id: 7 name: triangle, id: 12 "
run export det --format coco -o "$T/out.json"
check "cocoids: after --labels, the same categories and the new label after the highest" test "$(cats "$T/out.json")" = "[(3, 'circle'), (7, 'square'), (12, 'triangle'), (13, 'hexagon'), (14, 'star')]"
printf 'type: object-detection\ncontrols:\n  - name: boxes\n    kind: boxes\n    labels: [{name: star, id: 7}, circle, square, triangle, hexagon]\n' > "$T/edit.yaml"
run project edit det --config "$T/edit.yaml"
check "cocoids: a config edit" rc_is 0
run export det --format coco -o "$T/out.json"
check "cocoids: an id the edit gives wins; the label that had it is numbered after the highest" test "$(cats "$T/out.json")" = "[(3, 'circle'), (7, 'star'), (12, 'triangle'), (13, 'square'), (14, 'hexagon')]"
run project edit det --labels circle,square,triangle,hexagon
check "cocoids: the edit back" rc_is 0
printf 'type: object-detection\ncontrols:\n  - name: boxes\n    kind: boxes\n    labels: [{name: circle, id: 3}, {name: square, id: 7}, {name: triangle, id: 12}, hexagon]\n' > "$T/edit.yaml"
run project edit det --config "$T/edit.yaml" --force
check "cocoids: the ids as the file had them again" rc_is 0

# A project of its own ids: a file that disagrees is refused.
cat > "$T/ids.yaml" <<'Y'
type: custom
controls:
  - name: boxes
    kind: boxes
    labels: [{name: circle, id: 5}, {name: square}, triangle]
Y
run project create own --type custom --config "$T/ids.yaml"
run export own --format coco -o "$T/own.json"
check "cocoids: a config's ids, the others after the highest" test "$(cats "$T/own.json")" = "[(5, 'circle'), (6, 'square'), (7, 'triangle')]"
printf 'type: custom\ncontrols:\n  - name: boxes\n    kind: boxes\n    labels: [square, {name: circle, id: 2147483647}, triangle, {name: star, id: 2}]\n' > "$T/top.yaml"
run project create top --type custom --config "$T/top.yaml"
run export top --format coco -o "$T/top.json"
check "cocoids: with INT_MAX held, the others take the lowest free ids" test "$(cats "$T/top.json")" = "[(1, 'square'), (2, 'star'), (3, 'triangle'), (2147483647, 'circle')]"
expect_unchanged "cocoids: a file's id against the config's" import own "$T/ds/instances.json" --format coco
check "cocoids: says which" err_has "instances.json:7: categories[0].id: 3, and label 'circle' has id 5 in the project's config"
printf '{"images": [], "annotations": [], "categories": [{"id": 5, "name": "square"}]}\n' > "$T/bad.json"
expect_unchanged "cocoids: a file's id that another label has" import own "$T/bad.json" --format coco
check "cocoids: says whose" err_has "bad.json:1: categories[0].id: 5 is label 'circle''s id in the project's config"
printf '{"images": [], "annotations": [], "categories": [{"id": 1, "name": "square"}, {"id": 2, "name": "square"}]}\n' > "$T/bad.json"
expect_unchanged "cocoids: one name twice" import own "$T/bad.json" --format coco
check "cocoids: one name twice: says so" err_has "bad.json:1: categories[1].name: 'square' is category 1's name too"
printf '{"images": [], "annotations": [], "categories": [{"id": -1, "name": "square"}]}\n' > "$T/bad.json"
expect_unchanged "cocoids: a negative id" import own "$T/bad.json" --format coco
check "cocoids: a negative id: says so" err_has "categories[0].id: -1 is no id a label can keep"
printf 'type: custom\ncontrols:\n  - name: boxes\n    kind: boxes\n    labels: [{name: a, id: 2}, {name: b, id: 2}]\n' > "$T/dup.yaml"
run project create dup --type custom --config "$T/dup.yaml"
check "cocoids: two labels of one id are refused" err_has "label \"b\" takes id 2, which label \"a\" already has"
printf 'type: custom\ncontrols:\n  - name: boxes\n    kind: boxes\n    labels: [{name: a, id: x}]\n' > "$T/dup.yaml"
run project create dup --type custom --config "$T/dup.yaml"
check "cocoids: an id that is no number is refused" rc_is 1

# A results file (pycocotools' loadRes shape): detections with scores
# onto the tasks of det (images 42 and 43), categories by the ids kept.
preds() {
	"$SCALEC" export "$1" | python3 -c '
import json, sys
for l in sys.stdin:
	t = json.loads(l)
	for p in t["predictions"]:
		print(t.get("id"), p["model"], json.dumps(p["result"], sort_keys=True))'
}
cat > "$T/dets_results.json" <<'J'
[{"image_id": 42, "category_id": 7, "bbox": [10.5, 20, 30, 40.25], "score": 0.91},
 {"image_id": 43, "category_id": 3, "bbox": [1, 2, 3, 4], "score": 0.5},
 {"image_id": 42, "category_id": 12, "bbox": [0, 0, 160, 120], "score": 0.125}]
J
run import det "$T/dets_results.json" --format coco-results --dry-run
check "cocoids: a results file, dry run" out_has "Dry run: would add 2 predictions to 2 tasks of det (0 replaced). Nothing was written."
check "cocoids: the dry run wrote nothing" test "$(sql "select count(*) from prediction")" = 0
run import det "$T/dets_results.json" --format coco-results
check "cocoids: a results file imports" rc_is 0
check "cocoids: one prediction per image" out_has "Added 2 predictions to 2 tasks of det (0 replaced)."
check "cocoids: boxes in pixels with their scores, by the kept category ids" test "$(preds det)" = '42 dets_results {"boxes": [{"height": 40.25, "label": "square", "score": 0.91, "width": 30, "x": 10.5, "y": 20}, {"height": 120, "label": "triangle", "score": 0.125, "width": 160, "x": 0, "y": 0}]}
43 dets_results {"boxes": [{"height": 4, "label": "circle", "score": 0.5, "width": 3, "x": 1, "y": 2}]}'
check "cocoids: no task added" test "$(sql "select count(*) from task")" = 2
run import det "$T/dets_results.json" --format coco-results --json
check "cocoids: the same file again replaces its model's predictions" test "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["tasks"], d["predictions"], d["replaced"], d["dry_run"])' < "$T/out")" = "2 2 2 False"
check "cocoids: still one prediction per image" test "$(sql "select count(*) from prediction")" = 2
check "cocoids: audited" test "$(sql "select detail from audit where action = 'import' order by id desc limit 1")" = "2 predictions for 2 tasks (2 replaced) from $T/dets_results.json"
printf '[{"image_id": 42, "category_id": 3, "bbox": [1, 1, 2, 2], "score": 0.75}]\n' | "$SCALEC" import det - --format coco-results >/dev/null
check "cocoids: a results file on stdin is model stdin" test "$(sql "select count(*) from prediction where model = 'stdin'")" = 1

# Bad results: the JSON path, nothing imported.
rbad() {
	_rn=$1 _rm=$2
	expect_unchanged "cocoids: results: $_rn" import det "$T/bad.json" --format coco-results
	check "cocoids: results: $_rn: says where and what" err_has "$_rm"
}
printf '[{"image_id": 42, "category_id": 7, "bbox": [1, 2, 3, 4], "score": 0.9},\n {"image_id": 99, "category_id": 7, "bbox": [1, 2, 3, 4], "score": 0.9}]\n' > "$T/bad.json"
rbad "an unknown image id" "bad.json:2: [1].image_id: 99 is the id of no task of the project's"
printf '[{"image_id": 42, "category_id": 7, "bbox": [1, 2, 3, 4], "score": 0.9},\n {"image_id": 43, "category_id": 8, "bbox": [1, 2, 3, 4], "score": 0.9}]\n' > "$T/bad.json"
rbad "an unknown category id" "bad.json:2: [1].category_id must be the id of one of the project's categories (3 circle, 7 square, 12 triangle, 13 hexagon)"
printf '[{"image_id": 42, "category_id": 7, "bbox": [1, 2, 3, 4]}]\n' > "$T/bad.json"
rbad "no score" "bad.json:1: [0].score must be a number"
printf '[{"image_id": 42, "category_id": 7, "bbox": [150, 2, 30, 4], "score": 1}]\n' > "$T/bad.json"
rbad "a box outside the image" "bad.json:1: [0].bbox reaches outside the 160x120 image"
printf '[{"image_id": "42", "category_id": 7, "bbox": [1, 2, 3, 4], "score": 1}]\n' > "$T/bad.json"
rbad "an image id that is text" "bad.json:1: [0].image_id must be a whole number"
printf '{"images": [], "annotations": []}\n' > "$T/bad.json"
rbad "a dataset's file" "a COCO results file is a bare list of detections"
printf '[{"image_id": 42, "category_id": 7, "bbox": [1, 2, 3, 4], "score": 1}\n' > "$T/bad.json"
rbad "malformed JSON" "bad.json"
run import det "$T/dets_results.json" --format coco-results --update
check "cocoids: results with --update: a usage error" rc_is 2
check "cocoids: results with --update: says why" err_has "--update is for files of tasks"
run project create txt --type ner --labels PER
expect_unchanged "cocoids: results into a project without boxes" import txt "$T/dets_results.json" --format coco-results
check "cocoids: results into a project without boxes: says so" err_has "the project has no boxes or polygons control"
# A task imported with a string of digits as its id takes its image's.
printf '{"id": "44", "image": "%s"}\n' "$T/ds/a.png" > "$T/s.jsonl"
run import det "$T/s.jsonl"
printf '[{"image_id": 44, "category_id": 3, "bbox": [1, 1, 2, 2], "score": 0.5}]\n' > "$T/s_results.json"
run import det "$T/s_results.json" --format coco-results
check "cocoids: image 44 finds the task of id \"44\"" out_has "Added 1 prediction to 1 task of det"
done_testing
