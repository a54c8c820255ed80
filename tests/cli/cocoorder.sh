#!/bin/bash
# COCO files in every order: the import's scratch table reads a key's
# pieces on from the last key's while the images come by id and their
# annotations by image id, and through an index once a key comes out of
# order (store/stage.c). Each image gets its own boxes either way, an
# annotation of no image is passed over, and an image id twice is refused
# at its place, in order or not, the database unchanged.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need python3 python3

mkdir -p "$T/ds"
for i in 1 2 3 4; do
	cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/ds/i$i.png"
done
# mk NAME IMAGE-IDS ANNOTATION-IMAGE-IDS [annotations-first]: a file with
# those images and, for each annotation, a box whose x is its image's id
# times 10 plus its place among that image's annotations.
mk() {
	python3 - "$T/ds/$1.json" "$2" "$3" "${4:-}" <<'PY'
import json, sys
out, imgs, anns, first = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), sys.argv[4]
seen = {}
a = []
for n, k in enumerate(anns):
    k = int(k)
    seen[k] = seen.get(k, 0) + 1
    a.append({"id": n + 1, "image_id": k, "category_id": 1,
              "bbox": [k * 10 + seen[k], 1, 2, 2]})
i = [{"id": int(k), "file_name": "i%s.png" % ((int(k) - 1) % 4 + 1),
      "width": 160, "height": 120} for k in imgs]
d = {"annotations": a, "images": i} if first else {"images": i, "annotations": a}
d["categories"] = [{"id": 1, "name": "circle"}]
json.dump(d, open(out, "w"))
PY
}
# boxes: each task's imported id and its boxes' x, in task order.
boxes() {
	sqlite3 "$SCALEC_DB" "SELECT t.ext_id || ':' || coalesce((SELECT group_concat(json_extract(b.value, '\$.x'), ',') FROM annotation a, json_each(a.result, '\$.boxes') b WHERE a.task_id = t.id), '') FROM task t ORDER BY t.id" | tr '\n' ' '
}
fresh() {
	rm -f "$SCALEC_DB"*
	run init
	run project create det --type object-detection --labels circle,square
}

fresh
mk sorted 1,2,3 1,1,2,3,3,3
run import det "$T/ds/sorted.json" --format coco
check "cocoorder: in order: imports" rc_is 0
check "cocoorder: in order: each image its boxes" test "$(boxes)" = "1:11,12 2:21 3:31,32,33 "

fresh
mk images 3,1,2 1,1,2,3,3,3
run import det "$T/ds/images.json" --format coco
check "cocoorder: images out of order: imports" rc_is 0
check "cocoorder: images out of order: each image its boxes" test "$(boxes)" = "3:31,32,33 1:11,12 2:21 "

fresh
mk anns 1,2,3 3,1,2,1,3,3
run import det "$T/ds/anns.json" --format coco
check "cocoorder: annotations out of order: imports" rc_is 0
check "cocoorder: annotations out of order: each image its boxes, in the file's order" test "$(boxes)" = "1:11,12 2:21 3:31,32,33 "

fresh
mk first 1,2,4 1,2,3,4,4,9 first
run import det "$T/ds/first.json" --format coco
check "cocoorder: annotations first, some of no image: imports" rc_is 0
check "cocoorder: annotations first: each image its boxes, the others passed over" test "$(boxes)" = "1:11 2:21 4:41,42 "

fresh
mk dupnext 1,2,2,3 1,2,3
expect_unchanged "cocoorder: an image id twice, in order" import det "$T/ds/dupnext.json" --format coco
check "cocoorder: an image id twice, in order: says where" err_has "images[2].id: 2 is another image's too"

mk dupback 2,3,1,2 1,2,3
expect_unchanged "cocoorder: an image id twice, out of order" import det "$T/ds/dupback.json" --format coco
check "cocoorder: an image id twice, out of order: says where" err_has "images[3].id: 2 is another image's too"

# An image's annotations past a row of the scratch table (64 KiB): its
# key's pieces in several rows, read in order, in order or not.
many() {
	python3 - "$T/ds/$1.json" "$2" <<'PY'
import json, sys
out, back = sys.argv[1], sys.argv[2] == "back"
a = []
for n in range(1500):
    a.append({"id": n + 1, "image_id": 2 if n % 500 == 7 else 1,
              "category_id": 1, "bbox": [1, 2, 3, 4], "area": 12,
              "segmentation": [], "iscrowd": 0, "pad": "x" * 40})
if back:
    a.reverse()
else:
    a.sort(key=lambda x: x["image_id"])
i = [{"id": k, "file_name": "i%d.png" % k, "width": 160, "height": 120}
     for k in (1, 2)]
json.dump({"images": i, "annotations": a,
           "categories": [{"id": 1, "name": "circle"}]}, open(out, "w"))
PY
}
# ids: each task's boxes' ids, in order.
ids() {
	sqlite3 "$SCALEC_DB" "SELECT t.ext_id || ':' || (SELECT group_concat(json_extract(b.value, '\$.id'), ',') FROM annotation a, json_each(a.result, '\$.boxes') b WHERE a.task_id = t.id) FROM task t ORDER BY t.id" | md5sum
}
want_ids() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for i in d["images"]:
	print("%d:%s" % (i["id"], ",".join(str(a["id"]) for a in d["annotations"] if a["image_id"] == i["id"])))' "$T/ds/$1.json" | md5sum
}
fresh
many many on
run import det "$T/ds/many.json" --format coco
check "cocoorder: 1,500 annotations of an image: imports" rc_is 0
check "cocoorder: 1,500 annotations of an image: all, in the file's order" test "$(ids)" = "$(want_ids many)"
fresh
many manyback back
run import det "$T/ds/manyback.json" --format coco
check "cocoorder: 1,500 annotations out of order: imports" rc_is 0
check "cocoorder: 1,500 annotations out of order: all, in the file's order" test "$(ids)" = "$(want_ids manyback)"

done_testing
