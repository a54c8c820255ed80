#!/bin/bash
# COCO: a real-shaped instances file (annotations apart from their images,
# categories last, polygons, uncompressed RLE with iscrowd 1 as CVAT
# writes it, a compressed RLE as pycocotools writes it) imported to exact
# pixels and exported back the same, scalec -> COCO -> scalec the same
# results, categories from 1, and every refusal at its JSON path with the
# database unchanged.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need python3 python3

sql() { sqlite3 "$SCALEC_DB" "$1"; }
# results PROJECT: each task's id and its result, keys sorted.
results() {
	"$SCALEC" export "$1" | python3 -c '
import json, sys
for l in sys.stdin:
	t = json.loads(l)
	for a in t["annotations"]:
		print(t.get("id"), json.dumps(a["result"], sort_keys=True))'
}
# norm FILE: a COCO file's images, annotations (compressed RLE decoded)
# and categories, sorted, one a line.
cat > "$T/norm.py" <<'PY'
import json, sys
def decode(s):
    cnts, p, m = [], 0, 0
    while p < len(s):
        x, k, more = 0, 0, 1
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1f) << 5 * k
            more = c & 0x20
            p += 1; k += 1
            if not more and c & 0x10:
                x |= -1 << 5 * k
        if m > 2:
            x += cnts[m - 2]
        cnts.append(x); m += 1
    return cnts
d = json.load(open(sys.argv[1]))
for i in sorted(d["images"], key=lambda i: i["id"]):
    print("image", json.dumps(i, sort_keys=True))
for a in sorted(d["annotations"], key=lambda a: a["id"]):
    s = a.get("segmentation")
    if isinstance(s, dict) and isinstance(s["counts"], str):
        s["counts"] = decode(s["counts"])
    print("annotation", json.dumps(a, sort_keys=True))
for c in sorted(d["categories"], key=lambda c: c["id"]):
    print("category", c["id"], c["name"])
PY
cat > "$T/rle.py" <<'PY'
import sys
def encode(cnts):
    s = ""
    for i, x in enumerate(cnts):
        if i > 2:
            x -= cnts[i - 2]
        more = True
        while more:
            c = x & 0x1f
            x >>= 5
            more = x != -1 if c & 0x10 else x != 0
            if more:
                c |= 0x20
            s += chr(c + 48)
    return s
print(encode([int(a) for a in sys.argv[1:]]))
PY

mkdir -p "$T/ds/images"
cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/ds/images/a.png"
cp "$SRCDIR/share/demo/shapes/shape-02.png" "$T/ds/images/b.png"
cp "$SRCDIR/share/demo/shapes/shape-03.png" "$T/ds/images/c.png"
# A mask of 160x120 (19200 pixels): 3 rows in column 2, then 30 in
# column 10.
RLE=$(python3 "$T/rle.py" 242 3 957 30 17968)
cat > "$T/ds/instances.json" <<J
{"info": {"description": "shapes", "year": 2026},
 "licenses": [{"id": 1, "name": "MIT", "url": ""}],
 "images": [
  {"id": 3, "file_name": "images/a.png", "width": 160, "height": 120, "license": 1, "date_captured": "2026-01-01"},
  {"id": 9, "file_name": "images/b.png", "width": 160, "height": 120},
  {"id": 12, "file_name": "images/c.png", "width": 160, "height": 120}
 ],
 "annotations": [
  {"id": 1, "image_id": 9, "category_id": 2, "bbox": [10, 20, 30, 40], "area": 1200, "segmentation": [], "iscrowd": 0},
  {"id": 2, "image_id": 3, "category_id": 1, "bbox": [40, 30, 80, 60], "area": 2400, "segmentation": [[40, 30, 120, 60, 40, 90]], "iscrowd": 0},
  {"id": 3, "image_id": 9, "category_id": 2, "bbox": [2, 2, 1, 3], "area": 3, "segmentation": {"counts": [242, 3, 18955], "size": [120, 160]}, "iscrowd": 1},
  {"id": 4, "image_id": 3, "category_id": 2, "bbox": [0.5, 1.25, 159.5, 118.75], "area": 18940.625, "segmentation": [], "iscrowd": 0},
  {"id": 5, "image_id": 9, "category_id": 1, "bbox": [10, 0, 2, 120], "area": 33, "segmentation": {"counts": "$RLE", "size": [120, 160]}, "iscrowd": 1}
 ],
 "categories": [{"id": 1, "name": "circle", "supercategory": ""}, {"id": 2, "name": "square", "supercategory": ""}, {"id": 3, "name": "triangle", "supercategory": ""}]}
J
cat > "$T/seg.yaml" <<'Y'
type: custom
controls:
  - name: boxes
    kind: boxes
    labels: [circle, square, triangle]
  - name: regions
    kind: polygons
    labels: [circle, square, triangle]
Y
run init
run project create seg --type custom --config "$T/seg.yaml"
run import seg "$T/ds/instances.json" --format coco
check "coco: an instances file imports" rc_is 0
check "coco: one task per image, an annotation per image with any" out_has "Added 3 tasks to seg: 0 updated, 0 skipped; 0 predictions, 2 annotations."
check "coco: exact pixels; polygons and masks to the polygons control; ids kept" test "$(results seg)" = '3 {"boxes": [{"height": 118.75, "id": 4, "label": "square", "width": 159.5, "x": 0.5, "y": 1.25}], "regions": [{"id": 2, "label": "circle", "points": [[40, 30], [120, 60], [40, 90]]}]}
9 {"boxes": [{"height": 40, "id": 1, "label": "square", "width": 30, "x": 10, "y": 20}], "regions": [{"id": 3, "label": "square", "rle": [242, 3, 18955]}, {"id": 5, "label": "circle", "rle": [242, 3, 957, 30, 17968]}]}'
check "coco: the image's size and place" test "$(sql "select image, width, height from task where ext_id = '9'")" = "$T/ds/images/b.png|160|120"
check "coco: an image with no annotations is a task without one" test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id where t.ext_id = '12'")" = 0

run export seg --format coco -o "$T/out.json"
check "coco: export" rc_is 0
python3 "$T/norm.py" "$T/ds/instances.json" | grep -v '"id": 5,' > "$T/want"
python3 "$T/norm.py" "$T/out.json" | grep -v '"id": 5,' | sed 's/, "date_captured": "2026-01-01"//; s/"date_captured": "2026-01-01", //' > "$T/got"
sed -i 's/, "date_captured": "2026-01-01"//; s/"date_captured": "2026-01-01", //' "$T/want"
check "coco: format -> scalec -> format gives the same images, annotations and categories" diff "$T/want" "$T/got"
check "coco: the compressed mask comes back as its runs (uncompressed)" test "$(python3 "$T/norm.py" "$T/out.json" | grep '"id": 5,' | python3 -c 'import json,sys; a=json.loads(sys.stdin.read().split(" ",1)[1]); print(a["segmentation"]["counts"], a["bbox"], a["area"], a["iscrowd"])')" = "[242, 3, 957, 30, 17968] [2, 2, 9, 30] 33 1"
check "coco: categories from 1 in the project's order" test "$(python3 -c 'import json,sys; print([(c["id"], c["name"]) for c in json.load(open(sys.argv[1]))["categories"]])' "$T/out.json")" = "[(1, 'circle'), (2, 'square'), (3, 'triangle')]"
check "coco: one image entry per image" test "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["images"]))' "$T/out.json")" = 3

# A detection project (boxes alone): a segmentation comes as its bbox.
run project create det --type object-detection --labels circle,square,triangle
run import det "$T/ds/instances.json" --format coco
check "coco: boxes alone: each annotation's bbox" test "$(results det | python3 -c '
import json, sys
for l in sys.stdin:
	i, r = l.split(" ", 1)
	print(i, *[(b["x"], b["y"], b["width"], b["height"], b["label"]) for b in json.loads(r)["boxes"]])')" = "3 (40, 30, 80, 60, 'circle') (0.5, 1.25, 159.5, 118.75, 'square')
9 (10, 20, 30, 40, 'square') (2, 2, 1, 3, 'square') (10, 0, 2, 120, 'circle')"

# scalec -> COCO -> scalec: boxes, polygons and a mask, no ids.
run project create a --type custom --config "$T/seg.yaml"
printf '{"id": 7, "image": "%s", "annotations": [{"user": "%s", "state": "submitted", "result": {"boxes": [{"x": 1, "y": 2, "width": 3.5, "height": 4, "label": "triangle"}], "regions": [{"points": [[0, 0], [10, 0], [10, 10], [0, 10]], "label": "square"}, {"rle": [100, 50, 19050], "label": "circle"}]}}]}\n{"id": 8, "image": "%s"}\n' "$T/ds/images/a.png" "$(id -un)" "$T/ds/images/b.png" > "$T/native.jsonl"
run import a "$T/native.jsonl"
run export a --format coco -o "$T/a.json"
run project create b --type custom --config "$T/seg.yaml"
run import b "$T/a.json" --format coco --image-root /
check "coco: its own export imports" rc_is 0
check "coco: scalec -> coco -> scalec gives the same results (ids aside)" test "$(results b | sed 's/"id": [0-9]*, //g')" = "$(results a)"

# Bad input: the JSON path, nothing imported.
cbad() {
	_cn=$1 _cm=$2
	expect_unchanged "coco: $_cn" import seg "$T/bad.json" --format coco --allow-missing-images
	check "coco: $_cn: says where and what" err_has "$_cm"
}
doc() {
	printf '{"images": [{"id": 1, "file_name": "x.png", "width": 160, "height": 120}],\n "annotations": [\n  %s\n ],\n "categories": [{"id": 1, "name": "circle"}]}\n' "$1" > "$T/bad.json"
}
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]}'
cbad "a bbox of three" "bad.json:3: annotations[0].bbox must be [x, y, width, height]"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}, {"id": 2, "image_id": 1, "category_id": 7, "bbox": [1, 2, 3, 4]}'
cbad "an unknown category" "bad.json:3: annotations[1].category_id must be the id of one of \"categories\""
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [150, 2, 30, 4]}'
cbad "a bbox outside the image" "annotations[0].bbox reaches outside the 160x120 image"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": {"counts": [1, 2], "size": [120, 160]}}'
cbad "a mask that does not cover the image" "annotations[0].segmentation.counts must be run lengths from 0 that sum to height x width (19200)"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": {"counts": "\\u007f", "size": [120, 160]}}'
cbad "a broken compressed RLE" "annotations[0].segmentation.counts is no compressed RLE"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": {"counts": "oooooooooooo0", "size": [120, 160]}}'
cbad "a compressed count longer than 32 bits" "annotations[0].segmentation.counts is no compressed RLE"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "segmentation": [[1, 2, 3, 4]]}'
cbad "a polygon of two points" "annotations[0].segmentation[0] must be x, y of three points or more"
doc '{"id": 1, "image_id": "1", "category_id": 1, "bbox": [1, 2, 3, 4]}'
cbad "an image id that is text" "annotations[0].image_id must be a whole number"
doc '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4] '
cbad "malformed JSON" "bad.json:3: annotations[0]: malformed JSON"
printf '{"images": [{"id": 1, "file_name": "x.png", "width": 160, "height": 120}, {"id": 1, "file_name": "y.png", "width": 160, "height": 120}], "annotations": [], "categories": []}\n' > "$T/bad.json"
cbad "an image id twice" "bad.json:1: images[1].id: 1 is another image's too"
printf '{"images": [{"id": 1, "file_name": "x.png", "height": 120}], "annotations": [], "categories": []}\n' > "$T/bad.json"
cbad "an image without a width" "bad.json:1: images[0]: \"width\" and \"height\" must be whole numbers"
printf '{"images": [], "annotations": [], "categories": [{"id": 1, "name": "hexagon"}]}\n' > "$T/bad.json"
cbad "a category the project lacks" "bad.json:1: categories[0].name: 'hexagon' is no label of the project's boxes control"
printf '[{"image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.9}]\n' > "$T/bad.json"
cbad "a results file" "bad.json:1: a bare list is COCO's results file"
printf '{"annotations": []}\n' > "$T/bad.json"
cbad "no images" "bad.json: no \"images\": a COCO file lists its images"
printf '{"images": [{"id": 1, "file_name": "x.png", "width": 160, "height": 120}], "annotations": [], "categories": []}\n' > "$T/bad.json"
expect_unchanged "coco: an image that is not there" import seg "$T/bad.json" --format coco
check "coco: an image that is not there: says so" err_has "image 'x.png' does not exist"
run import seg "$T/bad.json" --format coco --allow-missing-images
check "coco: --allow-missing-images takes it: the file gives its size" rc_is 0

# The same boxes, written plainly (read by coco.c's scan) and in ways the
# scan leaves to jansson (an escaped key, exponents, a non-ASCII string,
# a real score, an id that is a real): the same results.
printf '{"images": [{"id": 1, "file_name": "images/a.png", "width": 160, "height": 120}, {"id": 2, "file_name": "images/b.png", "width": 160, "height": 120}],\n "annotations": [\n  %s\n ],\n "categories": [{"id": 1, "name": "circle"}, {"id": 2, "name": "square"}]}\n' \
    '{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20.5, 30, 40], "segmentation": [], "score": 1}, {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0, 0, 160, 120], "score": 0.25}, {"id": 3.0, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4], "area": 12}' > "$T/ds/plain.json"
printf '{"images": [{"id": 1, "file_name": "images/a.png", "width": 160, "height": 120}, {"id": 2, "file_name": "images/b.png", "width": 160, "height": 120}],\n "annotations": [\n  %s\n ],\n "categories": [{"id": 1, "name": "circle"}, {"id": 2, "name": "square"}]}\n' \
    '{"\u0069d": 1, "image_id": 1, "category_id": 1, "bbox": [1e1, 20.5, 3E1, 40], "segmentation": [], "score": 1}, {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0, 0, 1.6e2, 120], "score": 25e-2, "note": "café"}, {"id": 3.0, "image_id": 2, "category_id": 1, "bbox": [1, 2, 3, 4], "area": 1.2e1}' > "$T/ds/other.json"
run project create plain --type object-detection --labels circle,square
run import plain "$T/ds/plain.json" --format coco
check "coco: plain boxes import" rc_is 0
run project create other --type object-detection --labels circle,square
run import other "$T/ds/other.json" --format coco
check "coco: boxes the scan leaves to jansson import" rc_is 0
check "coco: the scan's boxes and jansson's are the same" test "$(results plain)" = "$(results other)"
check "coco: a plain box keeps its id and score as they were" test "$(results plain | head -1)" = '1 {"boxes": [{"height": 40, "id": 1, "label": "circle", "score": 1, "width": 30, "x": 10, "y": 20.5}]}'
doc '{"id": 1, "image_id": 99, "category_id": 1, "bbox": [1, 2, 3, 4], "bbox": [1, 2, 3, 4]}'
cbad "a key twice in an annotation of no image" "bad.json:3: annotations[0]: malformed JSON: duplicate object key"

# An image's other keys in meta "coco": read from the scan when each is
# one jansson's compact text writes as the file has it (strings without
# escapes, whole numbers, true, false, null), else from jansson's tree;
# both are the text json.dumps gives, in the file's order.
printf '{"images": [%s, %s],\n "annotations": [], "categories": [{"id": 1, "name": "circle"}]}\n' \
    '{"id": 1, "license": 3, "file_name": "images/a.png", "height": 120, "width": 160, "url": "http://x/a.png?b=1&c=2", "neg": -7, "ok": true, "no": false, "none": null}' \
    '{"id": 2, "file_name": "images/b.png", "width": 160, "height": 120, "r": 1.50, "z": -0, "esc": "a\/b", "nested": {"k": [1, 2]}}' > "$T/ds/meta.json"
run project create meta --type object-detection --labels circle
run import meta "$T/ds/meta.json" --format coco
check "coco: images with other keys import" rc_is 0
check "coco: their meta is the text jansson writes, scanned or not" test "$(sqlite3 "$SCALEC_DB" "SELECT t.meta FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'meta' ORDER BY t.id")" = "$(python3 -c '
import json, sys
for i in json.load(open(sys.argv[1]))["images"]:
	m = {k: v for k, v in i.items() if k not in ("id", "width", "height")}
	print(json.dumps({"coco": m}, separators=(",", ":")))' "$T/ds/meta.json")"

# Export refusals.
run project create t --type ner --labels PER
expect_unchanged "coco: a project without boxes" export t --format coco -o "$T/t.json"
check "coco: a project without boxes: says so" err_has "the project has no boxes or polygons control"
done_testing
