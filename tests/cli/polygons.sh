#!/bin/sh
# Semantic segmentation by keys: vertices added where the crosshair is on
# a known image (the demo's 160 x 120 shapes) at zoom 1 and at zoom 4, the
# stored polygon exactly those points, the headless display's record of
# the drawing (polygons, the open one, the vertex being moved), moving and
# deleting vertices, relabelling, an imported mask drawn, predictions
# opened as the suggestion, the sixel picture not sent again for a vertex
# or a polygon, the keys' help, and the inputs with nothing to draw on.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }

# regions TASK: the stored polygons of a task, "x,y x,y ... label" each.
regions() {
	sql "select result from annotation where task_id = $1" | python3 -c '
import json, sys
for l in sys.stdin:
	for r in json.loads(l)["regions"]:
		print(" ".join("%g,%g" % tuple(p) for p in r["points"]), r["label"])'
}

for i in 1 2 3 4 5 6; do
	cp "$SRCDIR/share/demo/shapes/shape-0$i.png" "$T/s$i.png"
done
run init
run project create seg --type semantic-segmentation --labels circle,square,triangle
for i in 1 2 3 4 5 6; do
	run file add seg "$T/s$i.png"
done

# Zoom 1: a step is 2.5 pixels, a large one 20, from the middle (80, 60).
keys seg 'l l l l . L . J .' --task 1 --json
check "zoom 1: the open polygon is recorded" test "$(json "d['image']['draw']['open'], d['image']['draw']['closed'], d['image']['draw']['polygons']")" = "[[90.0, 60.0], [110.0, 60.0], [110.0, 80.0]] False []"
check "zoom 1: the status says Enter closes it" out_has '"status": "Vertex 3 at 110, 80: Enter closes the polygon"'
keys seg 'l l l l . L . J . Enter' --task 1 --json
check "zoom 1: Enter closes it, nothing submitted" test "$(json "d['image']['draw']['closed'], d['submitted']")" = "True 0"
keys seg 'l l l l . L . J . Enter 1 Enter' --task 1 --json
check "zoom 1: labelled and submitted" out_has '"submitted": 1'
check "zoom 1: the polygon is where the vertices were set" test "$(regions 1)" = "90,60 110,60 110,80 circle"

# Zoom 4 (+ twice): the view is 40 x 30 around the crosshair, a step 0.625.
keys seg '+ + h h h h . L . j .' --task 2 --json
check "zoom 4: the view and the step" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['step'], d['image']['draw']['view']")" = "4 0.625 {'x': 60.0, 'y': 45.0, 'w': 40.0, 'h': 30.0}"
check "zoom 4: the crosshair's cell" test "$(json "d['image']['draw']['crosshair']")" = "{'x': 82.5, 'y': 60.625, 'col': 22, 'row': 7}"
keys seg '+ + h h h h . L . j . Enter 2 Enter' --task 2
check "zoom 4: the polygon is where the vertices were set" test "$(regions 2)" = "77.5,60 82.5,60 82.5,60.625 square"

# The zoom changes nothing stored: zoomed in and out between vertices,
# set at zoom 4, 2 and 1, the same polygon as at zoom 1.
keys seg 'l l l l + + . - L L . - J . Enter 1 Enter' --task 3
check "vertices set at zoom 4, 2 and 1: the same polygon" test "$(regions 3)" = "90,60 110,60 110,80 circle"

# Editing: four vertices, the last moved down two steps (m, jj, .), then
# deleted (d: the nearest the crosshair), the polygon relabelled. Each
# run starts with the crosshair in the middle again.
keys seg '. L . J . H . Enter 1 m j j' --task 4 --json
check "edit: the vertex being moved is recorded" test "$(json "d['image']['draw']['moving'], d['image']['draw']['crosshair']['y']")" = "{'polygon': 0, 'vertex': 3} 85.0"
check "edit: the stored vertex stays until it is put" test "$(json "d['image']['draw']['polygons'][0]['points'][3]")" = "[80.0, 80.0]"
keys seg 'J m j j .' --task 4 --json
check "edit: put, the draft has it" test "$(json "d['image']['draw']['polygons'][0]['points'][3], d['image']['draw']['polygons'][0]['label']")" = "[80.0, 85.0] circle"
keys seg 'J d Tab 2' --task 4 --json
check "edit: the status says what the key did" out_has '"status": "1 relabelled square"'
keys seg 'Tab' --task 4
check "edit: the selected polygon below the picture" out_has "Polygon 1 of 1: square, 3 vertices"
keys seg 'Enter' --task 4
check "edit: moved, deleted, relabelled" test "$(regions 4)" = "80,60 100,60 100,80 square"
keys seg '. L . J . H . Enter 1 m j j . k k d Tab 2 Enter' --task 6
check "edit in one run: the same" test "$(regions 6)" = "80,60 100,60 100,80 square"

# A mask imported (COCO's uncompressed RLE, column-major): x 40-79, y
# 30-89 is 10 x 7 of the 4 x 8-pixel cells; drawn, Tab selects it.
python3 -c '
runs = [40 * 120 + 30]
for x in range(40):
	runs += [60, 60]
runs[-1] = 19200 - sum(runs[:-1])
import json
print(json.dumps({"image": "'"$T"'/s5.png", "predictions": [{"model": "m1", "result": {"regions": [{"rle": runs, "label": "triangle"}, {"points": [[10, 10], [50, 10], [30, 40]], "label": "square", "score": 0.7}]}}]}))' > "$T/masks.jsonl"
run project create masks --type semantic-segmentation --labels circle,square,triangle
run import masks "$T/masks.jsonl"
keys masks '' --json
check "mask: drawn over its cells" test "$(json "d['image']['draw']['polygons'][0]['filled'], d['image']['draw']['polygons'][0]['runs'], d['image']['draw']['polygons'][0]['label']")" = "70 81 triangle"
check "prediction: the polygon drawn" test "$(json "d['image']['draw']['polygons'][1]['points'], d['image']['draw']['polygons'][1]['cells']")" = "[[10.0, 10.0], [50.0, 10.0], [30.0, 40.0]] [[2, 1], [12, 1], [7, 5]]"
keys masks 'Tab'
check "mask: Tab selects it" out_has "Mask 1 of 2: triangle"
keys masks 'Enter' --json
check "prediction: Enter accepts it" out_has '"submitted": 1'
check "prediction: stored as suggested" test "$(sql "select from_prediction from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'masks'")" = 1

# A prediction changed is the person's own.
run project create pred2 --type semantic-segmentation --labels circle,square,triangle
sed "s/masks/pred2/" "$T/masks.jsonl" > "$T/pred2.jsonl"
run import pred2 "$T/pred2.jsonl"
keys pred2 ''
check "prediction: the title says it is a suggestion" test -n "$(head -1 "$T/out" | grep -F "(suggestion)")"
keys pred2 'Tab Tab 1'
check "prediction changed: no longer the suggestion" test -z "$(head -1 "$T/out" | grep -F "(suggestion)")"
keys pred2 'Enter' --json
check "prediction changed: submitted" out_has '"submitted": 1'
check "prediction changed: the person's own" test "$(sql "select from_prediction from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'pred2'")" = 0

# Sixel: the picture is sent once; vertices added send no picture again;
# a polygon kept is blended into it (the translucent overlay), so the
# cells it touches are sent again with it (a partial update), and again
# when it is deleted.
run project create six --type semantic-segmentation --labels car
run file add six "$T/s3.png"
keys six '' --graphics sixel --graphics-out "$T/o1" --json
check "sixel: the picture sent" test "$(json "d['image']['mode'], d['image']['bytes'] > 1000")" = "sixel True"
keys six 'l l . L . J . h h' --graphics sixel --graphics-out "$T/o2"
check "sixel: vertices send no picture" test "$(wc -c < "$T/o2")" = "$(wc -c < "$T/o1")"
keys six '. L . J . Enter' --graphics sixel --graphics-out "$T/o3"
check "sixel: a polygon closed sends no picture" test "$(wc -c < "$T/o3")" = "$(wc -c < "$T/o1")"
keys six '. L . J . Enter 1' --graphics sixel --graphics-out "$T/o3" --json
check "sixel: a polygon kept sends its cells again, blended in" test "$(json "d['image']['tinted'], d['image']['patches']")" = "1 1"
keys six 'Tab x Tab x' --graphics sixel --graphics-out "$T/o4" --json
check "sixel: the polygon deleted sends its cells again, plain" test "$(json "d['image']['tinted'], d['image']['patches']")" = "0 1"

# Kitty: a polygon kept is one more image over the picture (the next id,
# one z-index above it, still under the text), of its cells alone, at
# their cell; deleted, one more again. Another task's picture deletes the
# images of the one before by id first.
run project create kit --type semantic-segmentation --labels car
run file add kit "$T/s3.png"
run file add kit "$T/s1.png"
keys kit '' --graphics kitty --graphics-out "$T/k1"
keys kit '. L . J . Enter 1' --graphics kitty --graphics-out "$T/k2" --json
check "kitty: a polygon kept sends its cells again, blended in" test "$(json "d['image']['tinted'], d['image']['patches']")" = "1 1"
check "kitty: ... as image 21316 one z-index above the picture" test "$(grep -c "$(printf '\033_Ga=T,i=21316,z=-999999,q=2,C=1,')" "$T/k2")" = 1
at=$(json "'%d;%d' % (d['image']['region']['y'] + d['image']['patch']['row'] + 1, d['image']['region']['x'] + d['image']['patch']['col'] + 1)")
check "kitty: ... put at its cell ($at)" test "$(grep -Fc "$(printf '\0337\033[%sH\033_Ga=T,i=21316' "$at")" "$T/k2")" = 1
check "kitty: ... fewer bytes than the picture" test $(($(wc -c < "$T/k2") - $(wc -c < "$T/k1"))) -lt $(wc -c < "$T/k1")
keys kit 'Tab x' --graphics kitty --graphics-out "$T/k3" --json
check "kitty: the polygon deleted, a patch, plain" test "$(json "d['image']['tinted'], d['image']['patches']")" = "0 1"
check "kitty: ... image 21316 over the picture" test "$(grep -c "$(printf '\033_Ga=T,i=21316,z=-999999,')" "$T/k3")" = 1
# kitty_seq FILE: the file's kitty commands, "a=T i=21315 ..." in order.
kitty_seq() {
	python3 -c 'import re, sys
print(" ".join(m.group(1).decode() + m.group(2).decode() for m in re.finditer(rb"\x1b_Ga=([Td]),(?:d=I,)?i=(\d+)", open(sys.argv[1], "rb").read())))' "$1"
}
keys kit '. L . J . Enter 1 Enter' --graphics kitty --graphics-out "$T/k4"
check "kitty: the next task deletes the picture and its patch, then sends its own" test "$(kitty_seq "$T/k4")" = "T21315 T21316 d21315 d21316 T21315"

# The help lists the polygon keys on a polygons project, not the box ones.
keys seg '?' --task 5 --size 100x70
check "help: the polygon keys" out_has "delete the vertex nearest the crosshair"
check "help: the crosshair keys" out_has "crosshair left a step"
check "help: no box keys" test -z "$(grep -F "anchor a box" "$T/out")"

# A label may not take a polygon key.
printf 'controls:\n  - {name: r, kind: polygons, labels: [{name: car, key: d}]}\n' > "$T/bad.yaml"
expect_unchanged "a polygons label on d" project create badkeys --type custom --config "$T/bad.yaml"
check "a polygons label on d: named" err_has 'label "car" takes key "d", which the screens reserve for "delete the vertex nearest the crosshair"'

# Nothing to draw on: an image that went away refuses the vertex, and
# nothing is stored; two vertices are no polygon.
cp "$T/s2.png" "$T/gone.png"
run file add seg "$T/gone.png"
rm "$T/gone.png"
gone=$(sql "select id from task where image = '$T/gone.png'")
before=$(db_dump | grep -v lease)
keys seg '.' --task "$gone" --json
check "missing image: the vertex refused" out_has '"status": "Nothing to draw on: cannot open the image: No such file or directory; s skips the task"'
keys seg '. L . J . 1' --task "$gone" --json
check "missing image: nothing drawn" test "$(json "d['image']['draw']['polygons'], d['image']['draw']['open']")" = "[] []"
check "missing image: nothing stored" test "$(db_dump | grep -v lease)" = "$before"
keys seg '. L . Enter' --task 5 --json
check "two vertices: Enter says so" out_has '"status": "A polygon needs three vertices, it has 2: . adds one, Esc drops it"'
check "two vertices: nothing submitted" out_has '"submitted": 0'

done_testing
