#!/bin/sh
# Object detection by keys: the crosshair moved a known number of steps on
# a known image (the demo's 160 x 120 shapes) at zoom 1 and at zoom 4, the
# stored box exactly where the crosshair was at each corner, the headless
# display's record of the drawing (image, zoom, view, picture cells,
# crosshair, boxes), selecting, relabelling, deleting, resizing and undo,
# predictions opened as the suggestion, the keys' help, and the inputs
# with nothing to draw on.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }

# boxes TASK: the stored boxes of a task, "x y w h label" each.
boxes() {
	sql "select result from annotation where task_id = $1" | python3 -c '
import json, sys
for l in sys.stdin:
	for b in json.loads(l)["boxes"]:
		print(b["x"], b["y"], b["width"], b["height"], b["label"])'
}

for i in 1 2 3 4 5; do
	cp "$SRCDIR/share/demo/shapes/shape-0$i.png" "$T/s$i.png"
done
run init
run project create od --type object-detection --labels circle,square,triangle
for i in 1 2 3 4 5; do
	run file add od "$T/s$i.png"
done

# Zoom 1: a step is 160 / 64 = 2.5 pixels, a large one 20. The crosshair
# starts in the middle (80, 60): four steps right is 90; the corner; a
# large step right and down: 110, 80.
keys od 'l l l l v L J' --task 1 --json
check "zoom 1: the drawing is recorded" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['step'], d['image']['draw']['anchor'], d['image']['draw']['crosshair']['x'], d['image']['draw']['crosshair']['y']")" = "1 2.5 {'x': 90.0, 'y': 60.0} 110.0 80.0"
check "zoom 1: the view is the whole image" test "$(json "d['image']['draw']['view']")" = "{'x': 0.0, 'y': 0.0, 'w': 160.0, 'h': 120.0}"
check "zoom 1: the picture's cells" test "$(json "d['image']['path'] == '$T/s1.png', d['image']['draw']['picture'], d['image']['cols'], d['image']['rows']")" = "True {'x': 1, 'y': 4, 'cols': 40, 'rows': 15} 40 15"
check "zoom 1: the crosshair's cell (110 / 4, 80 / 8)" test "$(json "d['image']['draw']['crosshair']['col'], d['image']['draw']['crosshair']['row'], d['image']['draw']['pixels_per_col'], d['image']['draw']['pixels_per_row']")" = "27 10 4.0 8.0"
keys od 'l l l l v L J' --task 1
check "zoom 1: the box being drawn below the picture" out_has "Drawing from 90, 60: 20 x 20; a label's key finishes it, Esc drops it"
keys od 'l l l l v L J 1 Enter' --task 1 --json
check "zoom 1: submitted" out_has '"submitted": 1'
check "zoom 1: the box is where the corners were set" test "$(boxes 1)" = "90 60 20 20 circle"

# Zoom 4 (+ twice): the view is 40 x 30 around the crosshair, a step 0.625.
keys od '+ + h h h h v L j' --task 2 --json
check "zoom 4: the view around the crosshair" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['step'], d['image']['draw']['view']")" = "4 0.625 {'x': 60.0, 'y': 45.0, 'w': 40.0, 'h': 30.0}"
check "zoom 4: a cell is a quarter of the pixels" test "$(json "d['image']['draw']['pixels_per_col'], d['image']['draw']['pixels_per_row'], d['image']['draw']['crosshair']")" = "1.0 2.0 {'x': 82.5, 'y': 60.625, 'col': 22, 'row': 7}"
keys od '+ + h h h h v L j 2 Enter' --task 2
check "zoom 4: the box is where the corners were set" test "$(boxes 2)" = "77.5 60 5 0.625 square"

# The zoom changes nothing stored: the same corners, zoomed in and out
# between them, give the same box as at zoom 1.
keys od 'l l l l v + + - - L J 1 Enter' --task 3
check "zoomed between the corners: the same box" test "$(boxes 3)" = "90 60 20 20 circle"
keys od 'l l l l + + v - L L J J 1 Enter' --task 4
check "a corner set at zoom 4, the other at 2: where the crosshair was" test "$(boxes 4)" = "90 60 20 20 circle"

# z and Z are the zoom's keys as + and - are: the same box at zoom 4 by
# z z as by + +, and Z Z back to the whole image.
run project create odz --type object-detection --labels circle,square,triangle
run file add odz "$T/s2.png"
odz=$(sql "select t.id from task t join project p on p.id = t.project_id where p.name = 'odz'")
keys odz 'z z h h h h v L j' --json
check "z z: zoom 4, the view around the crosshair" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['view'], d['image']['draw']['anchor']")" = "4 {'x': 60.0, 'y': 45.0, 'w': 40.0, 'h': 30.0} {'x': 77.5, 'y': 60.0}"
keys odz 'z z h h h h v L j Z Z' --json
check "Z Z: back to the whole image, the corner kept" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['view'], d['image']['draw']['anchor'], d['image']['draw']['picture']")" = "1 {'x': 0.0, 'y': 0.0, 'w': 160.0, 'h': 120.0} {'x': 77.5, 'y': 60.0} {'x': 1, 'y': 4, 'cols': 40, 'rows': 15}"
keys odz 'z z h h h h v Z L j 3 Enter'
check "a corner at zoom 4, the other at 2 (steps of 1.25): where the crosshair was" test "$(boxes "$odz")" = "77.5 60 10 1.25 triangle"

# Two boxes; Tab selects, a label's key relabels, x deletes, u undoes, r
# resizes (the far corner right two steps; r again, the near one up two).
keys od 'v L J 1 H h h h h K k k k k v L j j j j 3 Tab 2 Tab x u Tab r l l r k k Enter' --task 5 --json
check "edit: the drawing has both boxes" test "$(json "len(d['image']['draw']['boxes']), d['image']['draw']['selected'], d['image']['draw']['resizing']")" = "2 None False"
check "edit: each box's cells recorded" test "$(json "d['image']['draw']['boxes'][0]['cells']")" = "{'col': 20, 'row': 6, 'col_end': 26, 'row_end': 10}"
check "edit: the status says what the key did" out_has '"status": "Box resized: square"'
keys od 'Tab' --task 5
check "edit: the selected box below the picture" out_has "Box 1 of 2: square 80, 55, 25 x 25"
keys od 'Enter' --task 5
check "edit: the draft kept, Enter submits it: relabelled, deleted and undone, resized" test "$(boxes 5)" = "80 55 25 25 square
70 50 20 10 triangle"

# A half-drawn box is not submitted: Enter says so; Esc drops the corner.
run project create od2 --type object-detection --labels car
run file add od2 "$T/s1.png"
keys od2 'v L Enter' --json
check "half drawn: Enter says so" out_has '"status": "A box is half drawn: a label'"'"'s key finishes it, Esc drops it"'
check "half drawn: nothing submitted" out_has '"submitted": 0'
keys od2 'v 1' --json
check "no width: says so" out_has '"status": "A box needs a width and a height: move the crosshair away from the corner"'
check "no width: nothing stored" test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'od2'")" = 0

# The jump: t, a row's letter, a column's: the middle of that cell of the
# 8 x 16 grid over the view (d, f: row 2, column 3: 35, 37.5).
keys od2 't d f' --json
check "jump: two letters put the crosshair there" test "$(json "d['image']['draw']['crosshair']['x'], d['image']['draw']['crosshair']['y']")" = "35.0 37.5"
keys od2 't'
check "jump: the grid is over the picture" out_has "aa"

# Sixel: the picture is sent once; moving the crosshair and adding a box
# send no picture again (the box is cells over it, the crosshair on the
# rulers); deleting a box sends the part of it the box was over.
run project create six --type object-detection --labels car
run file add six "$T/s3.png"
keys six '' --graphics sixel --graphics-out "$T/o1" --json
check "sixel: the picture sent" test "$(json "d['image']['mode'], d['image']['bytes'] > 1000")" = "sixel True"
keys six 'l l l l h h J K' --graphics sixel --graphics-out "$T/o2"
check "sixel: crosshair keys send no picture" test "$(wc -c < "$T/o2")" = "$(wc -c < "$T/o1")"
keys six 'v L J 1' --graphics sixel --graphics-out "$T/o3"
check "sixel: a box added sends no picture" test "$(wc -c < "$T/o3")" = "$(wc -c < "$T/o1")"
# A box deleted sends the picture of the cells it lost alone, put at its
# cell: the draft's box (80, 60, 20 x 20) deleted beside a new one (80, 60,
# 40 x 20) that shares its top, bottom and left edges, so its right edge's
# two cells (column 25, rows 8 and 9) and nothing else.
keys six 'v L L J 1 Tab x' --graphics sixel --graphics-out "$T/o4" --json
check "sixel: a box deleted sends the cells it lost" test "$(json "d['image']['patches'], d['image']['patch']")" = "1 {'col': 25, 'row': 8, 'cols': 1, 'rows': 2}"
check "sixel: ... put at their cell" test "$(grep -c "$(printf '\0337\033\[13;27H\033P')" "$T/o4")" = 1
check "sixel: ... fewer bytes than the picture" test $(($(wc -c < "$T/o4") - $(wc -c < "$T/o1"))) -lt $(($(wc -c < "$T/o1") / 4))
# The other box deleted: its cells, the edges of 80, 60 to 120, 80.
keys six 'Tab x' --graphics sixel --graphics-out "$T/o5" --json
check "sixel: the other box deleted, its rectangle" test "$(json "d['image']['patches'], d['image']['patch']")" = "1 {'col': 20, 'row': 7, 'cols': 11, 'rows': 4}"

# Kitty: the picture is an image the terminal keeps by id, under the text
# (a negative z-index) and with no answer asked for (q=2); the crosshair,
# a box added and a box deleted are cells over it: nothing more is sent.
run project create kit --type object-detection --labels car
run file add kit "$T/s3.png"
kitty_open=$(printf '\033_Ga=T,i=21315,z=-1000000,q=2,C=1,')
keys kit '' --graphics kitty --graphics-out "$T/k1" --json
check "kitty: the picture sent once, by id, under the text" test "$(grep -c "$kitty_open" "$T/k1") $(json "d['image']['mode'], d['image']['bytes'] > 1000")" = "1 kitty True"
keys kit 'l l l l h h J K' --graphics kitty --graphics-out "$T/k2"
check "kitty: crosshair keys send nothing" test "$(wc -c < "$T/k2")" = "$(wc -c < "$T/k1")"
keys kit 'v L J 1' --graphics kitty --graphics-out "$T/k3"
check "kitty: a box added sends nothing" test "$(wc -c < "$T/k3")" = "$(wc -c < "$T/k1")"
keys kit 'v L L J 1 Tab x Tab x' --graphics kitty --graphics-out "$T/k4" --json
check "kitty: boxes deleted send nothing" test "$(wc -c < "$T/k4") $(json "d['image']['patches']")" = "$(wc -c < "$T/k1") 0"

# A model's boxes open as the suggestion; Enter accepts them unchanged.
printf '{"image": "%s", "predictions": [{"result": {"boxes": [{"x": 12.5, "y": 10, "width": 50, "height": 40, "label": "triangle", "score": 0.5}]}, "model": "m1"}]}\n' "$T/s1.png" > "$T/pred.jsonl"
run project create pred --type object-detection --labels circle,square,triangle
run import pred "$T/pred.jsonl"
keys pred '' --json
check "prediction: drawn" test "$(json "d['image']['draw']['boxes'][0]['x'], d['image']['draw']['boxes'][0]['label']")" = "12.5 triangle"
keys pred 'Enter' --json
check "prediction: Enter accepts it" out_has '"submitted": 1'
check "prediction: stored as suggested" test "$(sql "select result, from_prediction from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'pred'")" = '{"boxes":[{"x":12.5,"y":10,"width":50,"height":40,"label":"triangle","score":0.5}]}|1'

# A model's boxes changed (relabelled) are the person's own.
run project create pred2 --type object-detection --labels circle,square,triangle
run import pred2 "$T/pred.jsonl"
keys pred2 ''
check "prediction: the title says it is a suggestion" test -n "$(head -1 "$T/out" | grep -F "(suggestion)")"
keys pred2 'Tab 1 Enter' --json
check "prediction changed: submitted" out_has '"submitted": 1'
check "prediction changed: the person's own" test "$(sql "select result, from_prediction from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'pred2'")" = '{"boxes":[{"x":12.5,"y":10,"width":50,"height":40,"label":"circle","score":0.5}]}|0'

# Boxes and polygons on one image: one selection. Tab walks the box, then
# the polygon (the config's order), whichever control is current; x
# deletes the selected shape whatever its kind; both are drawn.
printf 'controls:\n  - {name: boxes, kind: boxes, labels: [circle, square]}\n  - {name: regions, kind: polygons, labels: [car, road]}\n' > "$T/both.yaml"
run project create both --type custom --config "$T/both.yaml"
run file add both "$T/s1.png"
keys both 'v L J 1 c H H . L . J . 1 Tab' --json
check "both: Tab from the polygons selects the box" test "$(json "d['image']['draw']['control'], d['image']['draw']['selected'], d['status']")" = "boxes 0 Box 1 of 1, circle: a label's key relabels it, x deletes it, r resizes it"
keys both 'Tab Tab' --json
check "both: Tab again, the polygon" test "$(json "d['image']['draw']['control'], d['image']['draw']['selected'], len(d['image']['draw']['polygons'])")" = "regions 0 1"
keys both 'Tab Tab'
check "both: the box drawn while the polygons are current" out_has "circ"
keys both 'Tab 2 Tab x Enter' --json
check "both: relabelled the box, deleted the polygon, submitted" test "$(sql "select result from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'both'")" = '{"boxes":[{"x":80,"y":60,"width":20,"height":20,"label":"square"}],"regions":[]}'

# The help lists the drawing keys on a boxes project, not on a text one.
keys od2 '?'
check "help: the drawing keys" out_has "crosshair left a step"
run project create words --type text-classification --labels yes,no
printf '{"text": "a text"}\n' > "$T/words.jsonl"
run import words "$T/words.jsonl"
keys words '?'
check "help: none on a text project" test -z "$(grep -F "crosshair" "$T/out")"

# A label may not take a drawing key on a boxes project; on a text one it may.
printf 'controls:\n  - {name: b, kind: boxes, labels: [{name: car, key: h}]}\n' > "$T/bad.yaml"
expect_unchanged "a boxes label on h" project create badkeys --type custom --config "$T/bad.yaml"
check "a boxes label on h: named" err_has 'label "car" takes key "h", which the screens reserve for "crosshair left a step"'
printf 'controls:\n  - {name: c, kind: choice, labels: [{name: car, key: h}]}\n' > "$T/good.yaml"
run project create goodkeys --type custom --config "$T/good.yaml"
check "a choice label on h: taken" rc_is 0

# Nothing to draw on. A box script on a text project: no drawing, nothing
# stored. An image that went away: the corner is refused, saying why.
before=$(db_dump | grep annotation)
keys words 'v L J + t' --json
check "text project: no image, no drawing" test "$(json "d['image'], d['submitted']")" = "None 0"
check "text project: nothing stored" test "$(db_dump | grep annotation)" = "$before"
cp "$T/s2.png" "$T/gone.png"
run file add od2 "$T/gone.png"
rm "$T/gone.png"
gone=$(sql "select id from task where image = '$T/gone.png'")
before=$(db_dump | grep -v lease)
keys od2 'v' --task "$gone" --json
check "missing image: the corner refused" out_has '"status": "Nothing to draw on: cannot open the image: No such file or directory; s skips the task"'
keys od2 'v L J 1' --task "$gone" --json
check "missing image: nothing drawn" test "$(json "d['image']['draw']['boxes'], d['image']['draw']['anchor']")" = "[] None"
check "missing image: nothing stored" test "$(db_dump | grep -v lease)" = "$before"

done_testing
