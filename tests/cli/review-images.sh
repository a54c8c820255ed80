#!/bin/sh
# The review screen on image annotations: the picture with the
# annotation's boxes or polygons drawn by the labeler's own drawing (the
# headless record says which), and with overlap above 1 every person's
# regions at once, each in their own colour, the highlighted person's on
# top; a fix shows the result being fixed alone, in its labels' colours.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
rkeys() {
	_u=$1 _p=$2; printf '%s\n' "$3" > "$T/keys"; shift 3
	run --as "$_u" review "$_p" --keys "$T/keys" "$@"
}

cp "$SRCDIR/share/demo/shapes/shape-01.png" "$T/s1.png"
run init
for u in ann ben; do run user add $u --role annotator; done
run user add rev --role reviewer

# Overlap 1: one person's polygon over the picture.
run project create seg --type semantic-segmentation --labels circle,square
printf '{"image": "%s", "annotations": [{"user": "ann", "state": "submitted", "result": {"regions": [{"points": [[10, 10], [50, 10], [30, 40]], "label": "square"}]}}]}\n' "$T/s1.png" > "$T/seg.jsonl"
run import seg "$T/seg.jsonl"
rkeys rev seg '' --json
check "polygon: the picture shown" test "$(json "d['image']['path'] == '$T/s1.png', d['image']['error'], d['image']['rows'] > 0")" = "True None True"
check "polygon: drawn from the annotation" test "$(json "d['image']['draw']['polygons'][0]['points'], d['image']['draw']['polygons'][0]['label'], d['image']['draw']['polygons'][0]['filled'] > 0")" = "[[10.0, 10.0], [50.0, 10.0], [30.0, 40.0]] square True"
check "polygon: no one else's, in its labels' colours" test "$(json "d['image']['draw']['others'], d['image']['draw']['colour']")" = "[] 0"
rkeys rev seg ''
check "polygon: the frame has its label by the top vertex" out_has "•square"
check "polygon: who made it" out_has "by ann"
rkeys rev seg '.' --json
check "polygon: read only, the vertex refused" out_has '"status": "Reviewing: e fixes the result"'
rkeys rev seg 'a' --json
check "polygon: accepted" test "$(sql "select state from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'seg'")" = accepted

# Overlap 2: both people's boxes, each in their colour; j highlights the
# other, whose boxes come on top in their colour.
run project create od --type object-detection --labels circle,square --overlap 2
printf '{"image": "%s", "annotations": [{"user": "ann", "state": "submitted", "result": {"boxes": [{"x": 10, "y": 10, "width": 40, "height": 30, "label": "circle"}]}}, {"user": "ben", "state": "submitted", "result": {"boxes": [{"x": 80, "y": 50, "width": 40, "height": 40, "label": "square"}]}}]}\n' "$T/s1.png" > "$T/od.jsonl"
run import od "$T/od.jsonl"
rkeys rev od '' --json
first=$(json "d['image']['draw']['colour']")
other=$(json "d['image']['draw']['others'][0]['colour']")
check "overlap: the other person's boxes drawn too" test "$(json "d['image']['draw']['others'][0]['regions'], len(d['image']['draw']['boxes'])")" = "1 1"
check "overlap: each in a colour of their own" test "$first" -ne "$other" -a "$first" -ne 0
rkeys rev od ''
check "overlap: both boxes in the frame" test -n "$(grep -F "┌circle" "$T/out")" -a -n "$(grep -F "┌square" "$T/out")"
rkeys rev od 'j' --json
check "overlap: j: the other's on top, the colours kept" test "$(json "d['image']['draw']['colour'], d['image']['draw']['others'][0]['colour']")" = "$other $first"
rkeys rev od 'e' --json
check "overlap: a fix shows the result being fixed alone" test "$(json "d['image']['draw']['others'], d['image']['draw']['colour']")" = "[] 0"

# Overlap 2 with polygons: the same.
run project create seg2 --type semantic-segmentation --labels circle,square --overlap 2
printf '{"image": "%s", "annotations": [{"user": "ann", "state": "submitted", "result": {"regions": [{"points": [[10, 10], [50, 10], [30, 40]], "label": "square"}]}}, {"user": "ben", "state": "submitted", "result": {"regions": [{"points": [[90, 60], [150, 60], [120, 110]], "label": "circle"}, {"points": [[5, 80], [40, 80], [20, 110]], "label": "circle"}]}}]}\n' "$T/s1.png" > "$T/seg2.jsonl"
run import seg2 "$T/seg2.jsonl"
rkeys rev seg2 '' --json
check "overlap polygons: the other person's drawn too" test "$(json "[o['regions'] for o in d['image']['draw']['others']], len(d['image']['draw']['polygons'])")" = "[2] 1"

# A text project's review has no image.
run project create words --type text-classification --labels yes,no
printf '{"text": "a text", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["yes"]}}]}\n' > "$T/w.jsonl"
run import words "$T/w.jsonl"
rkeys rev words '' --json
check "text: no image" test "$(json "d['image']")" = None

done_testing
