#!/bin/bash
# YOLO and Pascal VOC: real-shaped folders (Ultralytics' and Darknet's
# layouts, the VOC devkit's, Label Studio's VOC export) imported to exact
# pixel boxes, exported back to the same files, scalec -> format -> scalec
# the same boxes, empty YOLO files, 0- and 1-based VOC, and every refusal
# with its FILE:LINE, the database unchanged.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need python3 python3

sql() { sqlite3 "$SCALEC_DB" "$1"; }
# boxes PROJECT: every task's image name and its boxes, "x y w h label".
boxes() {
	"$SCALEC" export "$1" | python3 -c '
import json, os, sys
for l in sys.stdin:
	t = json.loads(l)
	for a in t["annotations"]:
		r = a["result"]
		for k in sorted(r):
			for b in r[k]:
				if "points" in b:
					print(os.path.basename(t["image"]), k, b["label"], *b["points"])
				else:
					print(os.path.basename(t["image"]), k, b["x"], b["y"], b["width"], b["height"], b["label"])
		if not any(r.values()):
			print(os.path.basename(t["image"]), "none")'
}

run init
run project create od --type object-detection --labels circle,square,triangle

# Ultralytics: data.yaml with a names map, images/train and labels/train.
D=$T/ds
mkdir -p "$D/images/train" "$D/labels/train"
for i in 1 2 3; do
	cp "$SRCDIR/share/demo/shapes/shape-0$i.png" "$D/images/train/s$i.png"
done
cat > "$D/data.yaml" <<'Y'
path: ../datasets/shapes
train: images/train
val: images/train
names:
  0: circle
  1: square
Y
printf '0 0.5 0.5 0.25 0.5\n1 0.123457 0.2 0.1 0.1\n' > "$D/labels/train/s1.txt"
: > "$D/labels/train/s2.txt"

run import od "$D" --format yolo
check "yolo: a folder imports" rc_is 0
check "yolo: 3 images, 2 label files" out_has "Added 3 tasks to od: 0 updated, 0 skipped; 0 predictions, 2 annotations."
check "yolo: fractions are pixels of the 160x120 image, exactly" test "$(boxes od)" = "s1.png boxes 60 30 40 60 circle
s1.png boxes 11.75312 18 16 12 square
s2.png none"
check "yolo: the image's size is recorded" test "$(sql 'select width, height from task where id = 1')" = "160|120"
check "yolo: an image without a label file has no annotation" test "$(sql 'select count(*) from annotation where task_id = 3')" = 0

run export od --format yolo -o "$T/yout"
check "yolo: export says how many images had no boxes" out_has "2 images had no boxes: no label file for them (--empty-files writes empty ones)."
check "yolo: format -> scalec -> format gives the same label file" cmp "$D/labels/train/s1.txt" "$T/yout/labels/train/s1.txt"
check "yolo: no file for an image with no boxes unless asked" test ! -e "$T/yout/labels/train/s2.txt"
check "yolo: classes.txt in the project's label order" test "$(cat "$T/yout/classes.txt")" = "circle
square
triangle"
check "yolo: data.yaml names them from 0" test "$(grep '^  [0-9]' "$T/yout/data.yaml")" = '  0: "circle"
  1: "square"
  2: "triangle"'
run export od --format yolo -o "$T/yout2" --empty-files
check "yolo: --empty-files says so" out_has "2 images had no boxes: each has an empty label file."
check "yolo: --empty-files writes an empty file per image with nothing" test -f "$T/yout2/labels/train/s2.txt" -a ! -s "$T/yout2/labels/train/s2.txt" -a -f "$T/yout2/labels/train/s3.txt"

# scalec -> yolo -> scalec: whole pixels and fractions come back the same.
run project create od2 --type object-detection --labels circle,square,triangle
cat > "$T/native.jsonl" <<J
{"image": "$D/images/train/s1.png", "annotations": [{"user": "$(id -un)", "state": "submitted", "result": {"boxes": [{"x": 7, "y": 11, "width": 13, "height": 17, "label": "triangle"}, {"x": 0, "y": 0, "width": 160, "height": 120, "label": "circle"}, {"x": 33.3, "y": 1.25, "width": 0.5, "height": 99.7, "label": "square"}]}}]}
{"image": "$D/images/train/s2.png", "annotations": [{"user": "$(id -un)", "state": "submitted", "result": {"boxes": []}}]}
J
run import od2 "$T/native.jsonl"
check "native boxes import" rc_is 0
mkdir -p "$T/rt/images/train"
cp "$D/images/train/s1.png" "$D/images/train/s2.png" "$T/rt/images/train/"
run export od2 --format yolo -o "$T/rt" --empty-files
check "yolo: export into the images' folder" rc_is 0
run project create od3 --type object-detection --labels circle,square,triangle
run import od3 "$T/rt" --format yolo
check "yolo: its own export imports" rc_is 0
check "yolo: scalec -> yolo -> scalec gives the same boxes" test "$(boxes od3)" = "$(boxes od2)"

# Darknet: obj.names, the label file beside its image.
K=$T/darknet
mkdir -p "$K/obj"
printf 'square\ncircle\n' > "$K/obj.names"
cp "$D/images/train/s1.png" "$K/obj/a.png"
printf '1 0.5 0.5 1 1\n' > "$K/obj/a.txt"
run project create dk --type object-detection --labels circle,square
run import dk "$K" --format yolo
check "darknet: obj.names and a label beside its image" test "$(boxes dk)" = "a.png boxes 0 0 160 120 circle"

# Segmentation rows into a polygons control (boxes beside them).
cat > "$T/seg.yaml" <<'Y'
type: custom
controls:
  - name: boxes
    kind: boxes
    labels: [circle, square]
  - name: regions
    kind: polygons
    labels: [circle, square]
Y
run project create seg --type custom --config "$T/seg.yaml"
S=$T/seg
mkdir -p "$S/images" "$S/labels"
cp "$D/images/train/s1.png" "$S/images/p.png"
printf 'circle\nsquare\n' > "$S/classes.txt"
printf '1 0.25 0.5 0.5 0.5 0.5 0.75\n0 0.5 0.5 0.5 0.5\n' > "$S/labels/p.txt"
run import seg "$S" --format yolo
check "yolo: a segmentation row is a polygon in pixels" test "$(boxes seg)" = "p.png boxes 40 30 80 60 circle
p.png regions square [40, 60] [80, 60] [80, 90]"
run export seg --format yolo -o "$T/segout"
check "yolo: polygons and boxes come back as their rows" test "$(sort "$T/segout/labels/p.txt")" = "$(sort "$S/labels/p.txt")"

# Bad YOLO input: FILE:LINE, nothing imported.
bad() {
	_bn=$1 _bt=$2 _bm=$3
	printf '%b' "$_bt" > "$D/labels/train/s3.txt"
	expect_unchanged "yolo: $_bn" import od "$D" --format yolo
	check "yolo: $_bn: says where and what" err_has "$_bm"
}
bad "a class past the names" '0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n' "ds/labels/train/s3.txt:2: class 2, and data.yaml names 2 (0 to 1)"
bad "not a number" '0 0.5 x 0.1 0.1\n' "s3.txt:1: 'x' is not a number"
bad "a fraction above 1" '0 1.5 0.5 0.1 0.1\n' "s3.txt:1: 1.5 is outside the image"
bad "a box reaching outside" '0 0.95 0.5 0.2 0.1\n' "s3.txt:1: the box reaches outside the image"
bad "five numbers" '0 0.5 0.5 0.1 0.1 0.9\n' "s3.txt:1: 5 numbers after the class"
bad "a polygon with no polygons control" '0 0.1 0.1 0.2 0.2 0.3 0.1\n' "s3.txt:1: a polygon of class 'circle', which the project has no polygons control with"
bad "a negative class" '-1 0.5 0.5 0.1 0.1\n' "s3.txt:1: '-1' is not a class number"
bad "a zero width" '0 0.5 0.5 0 0.1\n' "s3.txt:1: a box must have a width and a height above 0"
bad "invalid UTF-8" '0 0.5 0.5 0.1 0.1\n\xff\n' "s3.txt:2"
rm "$D/labels/train/s3.txt"
mv "$D/data.yaml" "$T/data.yaml"
expect_unchanged "yolo: no class names" import od "$D" --format yolo
check "yolo: no class names: says what is needed" err_has "no class names: YOLO's folder needs a data.yaml with names, a classes.txt or an obj.names"
printf 'names: [circle, hexagon]\n' > "$D/data.yaml"
expect_unchanged "yolo: a class the project lacks" import od "$D" --format yolo
check "yolo: a class the project lacks: named" err_has "data.yaml: class 1 'hexagon' is no label of the project's boxes control"
printf 'names:\n  0: circle\n  2: square\n' > "$D/data.yaml"
expect_unchanged "yolo: names with a gap" import od "$D" --format yolo
check "yolo: names with a gap: FILE:LINE:COLUMN" err_has "data.yaml:3:3: class 2 where class 1 comes next"
mv "$T/data.yaml" "$D/data.yaml"
expect_unchanged "a folder without --format" import od "$D"
check "a folder without --format: names the folder formats" err_has "is a directory: --format yolo or voc reads a folder"
expect_unchanged "yolo: a file, not a folder" import od "$D/data.yaml" --format yolo
check "yolo: a file, not a folder: says so" err_has "YOLO is a folder"
run project create txt --type ner --labels PER
expect_unchanged "yolo: a project without boxes" import txt "$D" --format yolo
check "yolo: a project without boxes: says so" err_has "the project has no boxes or polygons control"
run export od --format yolo
check "yolo: export needs -o FOLDER" rc_is 2


# Pascal VOC: the devkit's layout, Annotations/ beside JPEGImages/.
V=$T/VOC2012
mkdir -p "$V/Annotations" "$V/JPEGImages"
cp "$D/images/train/s1.png" "$V/JPEGImages/s1.png"
cp "$D/images/train/s2.png" "$V/JPEGImages/s2.png"
cat > "$V/Annotations/s1.xml" <<'X'
<annotation>
	<folder>VOC2012</folder>
	<filename>s1.png</filename>
	<source>
		<database>The VOC2007 Database</database>
	</source>
	<size>
		<width>160</width>
		<height>120</height>
		<depth>3</depth>
	</size>
	<segmented>0</segmented>
	<object>
		<name>circle</name>
		<pose>Left</pose>
		<truncated>1</truncated>
		<difficult>0</difficult>
		<bndbox>
			<xmin>10</xmin>
			<ymin>20</ymin>
			<xmax>50</xmax>
			<ymax>120</ymax>
		</bndbox>
	</object>
	<object>
		<name>square</name>
		<pose>Unspecified</pose>
		<truncated>0</truncated>
		<difficult>1</difficult>
		<bndbox>
			<xmin>0</xmin>
			<ymin>0</ymin>
			<xmax>160</xmax>
			<ymax>1</ymax>
		</bndbox>
	</object>
</annotation>
X
cat > "$V/Annotations/s2.xml" <<'X'
<?xml version="1.0" encoding="utf-8"?>
<annotation><folder>VOC2012</folder><filename>s2.png</filename><size><width>160</width><height>120</height><depth>3</depth></size><segmented>0</segmented></annotation>
X
run project create voc --type object-detection --labels circle,square
run import voc "$V/Annotations" --format voc
check "voc: a folder of files imports" rc_is 0
check "voc: 0-based boxes are the pixels, xmax - xmin wide" test "$(boxes voc)" = "s1.png boxes 10 20 40 100 circle
s1.png boxes 0 0 160 1 square
s2.png none"
check "voc: the image is found in JPEGImages" test "$(sql "select image from task where project_id = (select id from project where name = 'voc') order by id limit 1")" = "$V/JPEGImages/s1.png"
run export voc --format voc -o "$T/vout"
check "voc: format -> scalec -> format gives the same file, <source> aside" test "$(grep -v -e source -e database "$V/Annotations/s1.xml")" = "$(cat "$T/vout/Annotations/s1.xml")"
check "voc: a file with no objects comes back with none" test "$(grep -c object "$T/vout/Annotations/s2.xml")" = 0

# The devkit's own: 1-based, inclusive (a box over the whole image is 1
# to 160).
mkdir -p "$T/dev/Annotations" "$T/dev/JPEGImages"
cp "$V/JPEGImages/s1.png" "$T/dev/JPEGImages/"
sed -e 's|<xmin>0</xmin>|<xmin>1</xmin>|; s|<ymin>0</ymin>|<ymin>1</ymin>|' -e 's|<ymax>1</ymax>|<ymax>2</ymax>|' "$V/Annotations/s1.xml" > "$T/dev/Annotations/s1.xml"
run project create voc1 --type object-detection --labels circle,square
run import voc1 "$T/dev/Annotations/s1.xml" --format voc --voc-one-based
check "voc: one file, --voc-one-based: the devkit's indices" test "$(boxes voc1)" = "s1.png boxes 9 19 41 101 circle
s1.png boxes 0 0 160 2 square"
run export voc1 --format voc --voc-one-based -o "$T/vout1"
check "voc: --voc-one-based writes them back" test "$(grep -v -e source -e database "$T/dev/Annotations/s1.xml")" = "$(cat "$T/vout1/Annotations/s1.xml")"

# scalec -> voc -> scalec.
run project create voc2 --type object-detection --labels circle,square,triangle
sed "s|$D/images/train|$V/JPEGImages|" "$T/native.jsonl" | grep -v 33.3 > "$T/native2.jsonl"
printf '{"image": "%s/JPEGImages/s2.png", "annotations": [{"user": "%s", "state": "submitted", "result": {"boxes": [{"x": 7, "y": 11, "width": 13, "height": 17, "label": "triangle"}, {"x": 0, "y": 0, "width": 160, "height": 120, "label": "circle"}]}}]}\n' "$V" "$(id -un)" > "$T/native2.jsonl"
run import voc2 "$T/native2.jsonl"
run export voc2 --format voc -o "$T/vrt"
run project create voc3 --type object-detection --labels circle,square,triangle
run import voc3 "$T/vrt/Annotations" --format voc --image-root "$V/JPEGImages"
check "voc: scalec -> voc -> scalec gives the same boxes" test "$(boxes voc3)" = "$(boxes voc2)"

# Label Studio's VOC export: a file name without its extension, its
# <source> and <owner>: with --allow-missing-images the size is the file's.
L=$T/ls
mkdir -p "$L/Annotations"
cat > "$L/Annotations/abc.xml" <<'X'
<?xml version="1.0" encoding="utf-8"?>
<annotation>
<folder>images</folder>
<filename>abc</filename>
<source>
<database>MyDatabase</database>
<annotation>COCO2017</annotation>
<image>flickr</image>
<flickrid>NULL</flickrid>
<annotator>1</annotator>
</source>
<owner>
<flickrid>NULL</flickrid>
<name>Label Studio</name>
</owner>
<size>
<width>640</width>
<height>480</height>
<depth>3</depth>
</size>
<segmented>0</segmented>
<object>
<name>square</name>
<pose>Unspecified</pose>
<truncated>0</truncated>
<difficult>0</difficult>
<bndbox>
<xmin>64</xmin>
<ymin>48</ymin>
<xmax>640</xmax>
<ymax>96</ymax>
</bndbox>
</object>
</annotation>
X
run project create lsv --type object-detection --labels circle,square
expect_unchanged "voc: an image that is not there" import lsv "$L/Annotations" --format voc
check "voc: an image that is not there: says how to take it" err_has "image 'abc' does not exist"
run import lsv "$L/Annotations" --format voc --allow-missing-images
check "voc: Label Studio's export with --allow-missing-images" test "$(boxes lsv)" = "abc boxes 64 48 576 48 square"
check "voc: its size is the file's" test "$(sql "select width, height from task where image like '%/abc'")" = "640|480"

# Bad VOC input: FILE:LINE, nothing imported.
vbad() {
	_vn=$1 _vm=$2
	expect_unchanged "voc: $_vn" import voc "$T/bad.xml" --format voc
	check "voc: $_vn: says where and what" err_has "$_vm"
}
cp "$V/JPEGImages/s1.png" "$T/s1.png"
xml() {
	printf '<annotation>\n<filename>s1.png</filename>\n<size><width>160</width><height>120</height></size>\n%s\n</annotation>\n' "$1" > "$T/bad.xml"
}
xml '<object><name>circle</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax></bndbox></object>'
vbad "no ymax" "bad.xml:4: an <object> without <bndbox><ymax>"
xml '<object><name>hexagon</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>'
vbad "an unknown label" "bad.xml:4: <name>hexagon</name> is no label of the project's boxes control"
xml '<object><name>circle</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>'
vbad "xmax at xmin" "bad.xml:4: the box's xmax and ymax must be past its xmin and ymin"
xml '<object><name>circle</name><bndbox><xmin>5</xmin><ymin>1</ymin><xmax>161</xmax><ymax>5</ymax></bndbox></object>'
vbad "a box outside the image" "bad.xml:4: the box (5, 1)-(161, 5) reaches outside the 160x120 image (1-based? --voc-one-based reads the devkit's indices)"
xml '<object><name>circle</name><bndbox><xmin>five</xmin></bndbox></object>'
vbad "a coordinate that is no number" "bad.xml:4: <xmin> 'five' is not a number"
xml '<object><name>circle</name>'
vbad "malformed XML" "bad.xml:5: malformed XML at column 3: mismatched tag"
printf '<annotation><size><width>160</width><height>120</height></size></annotation>\n' > "$T/bad.xml"
vbad "no filename" "bad.xml: no <filename>: which image is it?"
printf '<html/>\n' > "$T/bad.xml"
vbad "not an annotation" "bad.xml:1: <html>: a Pascal VOC file's root is <annotation>"
printf '<annotation><filename>s1.png</filename><size><width>1.5</width><height>120</height></size></annotation>\n' > "$T/bad.xml"
vbad "a fractional width" "bad.xml:1: <width> must be a whole number of pixels up to 1000000"
printf '<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\n<annotation><filename>&h;</filename></annotation>\n' > "$T/bad.xml"
vbad "an entity expanding without end" "bad.xml:"

# Export refusals: two annotations of one image; a rotated box.
run project create two --type object-detection --labels circle
run user add bob --role annotator
printf '{"image": "%s", "annotations": [{"user": "%s", "state": "submitted", "result": {"boxes": []}}, {"user": "bob", "state": "draft", "result": {"boxes": [{"x": 1, "y": 1, "width": 2, "height": 2, "rotation": 30, "label": "circle"}]}}]}\n' "$T/s1.png" "$(id -un)" > "$T/two.jsonl"
run import two "$T/two.jsonl"
for f in yolo voc; do
	run export two --format $f -o "$T/two-$f"
	check "$f: two annotations of one image: refused" rc_is 1
	check "$f: two annotations: says what to do" err_has "export one person's with --user USER, or --annotations final"
	check "$f: a refused export leaves no folder" test ! -e "$T/two-$f"
	run export two --format $f -o "$T/two-$f" --state draft
	check "$f: a rotated box: refused" err_has ": box 1 is rotated (30 degrees), which"
done

# An export into a folder it makes, ended by a signal
# partway, leaves no folder and no file behind: the sink keeps one node
# for the folder, not one per file, and removes what is in it. 3000
# images; the export is stopped once files are there, then signalled.
G=$T/many
mkdir -p "$G/images" "$G/labels"
printf 'names:\n  0: circle\n' >"$G/data.yaml"
for i in $(seq 1 3000); do
	ln -s "$D/images/train/s1.png" "$G/images/m$i.png"
	echo "0 0.5 0.5 0.25 0.25" >"$G/labels/m$i.txt"
done
run project create many --type object-detection --labels circle
run import many "$G" --format yolo
check "many: 3000 images import" rc_is 0
for f in yolo voc; do
	for sig in INT TERM HUP ABRT; do
		O=$T/sig-$f-$sig
		caught=0
		for try in 1 2 3 4 5; do
			"$SCALEC" export many --format $f -o "$O" >/dev/null 2>&1 &
			pid=$!
			while kill -0 "$pid" 2>/dev/null &&
			    [ "$(find "$O" -type f 2>/dev/null | head -20 | wc -l)" -lt 20 ]; do
				:
			done
			if kill -STOP "$pid" 2>/dev/null &&
			    [ -d "$O" ]; then
				kill "-$sig" "$pid"
				kill -CONT "$pid"
				wait "$pid"
				rc=$?
				caught=1
				break
			fi
			wait "$pid"
			rm -rf "$O"
		done
		if [ $caught -eq 0 ]; then
			not_ok "$f export ended by SIG$sig: caught while writing"
			continue
		fi
		check "$f export ended by SIG$sig: ended by it" test "$rc" -eq $((128 + $(kill -l "$sig")))
		check "$f export ended by SIG$sig: the folder and its files removed" test ! -e "$O"
	done
done

done_testing
