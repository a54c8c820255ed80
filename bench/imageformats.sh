#!/bin/bash
# bench/imageformats.sh [N]: import and export of the image formats (YOLO,
# Pascal VOC, COCO) next to their floors, the sqlite3 shell doing the same work
# its fastest way, as bench/formats.sh does for the text formats.
#
# Makes N images (default 100000, each a link to one 160x120 PNG) with 5
# boxes each, as a YOLO folder (data.yaml, images/, labels/), a VOC
# one (Annotations/, JPEGImages/) and a COCO file. For each format:
#   import: 'scalec import' of the folder (the file) into a fresh project, next to
#     the sqlite3 shell's '.import --csv' of the same rows (an image path
#     and its boxes as JSON) into a table with a unique key (WAL,
#     synchronous=FULL);
#   and for YOLO and VOC, a second floor ("files"): the same shell reading
#     the files the import reads, into the same table (WAL, synchronous=
#     FULL): each label file (fsdir(), its bytes as the result) and its
#     image (readfile()). The CSV floor is one file already made into rows;
#     a folder format's real work includes opening and reading a file per
#     image and its image (for its size, or that it is there), which no
#     CSV floor pays. Both floors are printed, the CSV one first; the
#     files floor does no parsing (no XML, no fractions), so it is still
#     the least the work can cost.
#   export: 'scalec export' into a new folder (file), next to the sqlite3 shell
#     writing the same boxes: for COCO (one file) with json_object(), for
#     YOLO and VOC (a file per image) with writefile(), a file per image.
# Seconds (wall and CPU) and peak RSS, and the ratio of each to its floor;
# N=10000 first, so that the peak RSS figures show whether memory grows
# with the data. Target (issue 10): at most 3x the floor; peak RSS flat.
# On a busy machine compare the CPU ratios. Run from a build directory,
# or set SCALEC to the binary.
set -eu

. "$(dirname "$0")/lib.sh"
N=${1:-100000}
SRC=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
need_floor

# gen N: the YOLO and VOC folders and $W/data.csv, the same N images.
gen() {
	# The last size's folders moved aside, not removed (see bench_n).
	for d in yolo voc; do
		[ -d "$W/$d" ] && mv "$W/$d" "$W/old.$d.$1"
	done
	rm -f "$W/data.csv"
	python3 - "$1" "$W" "$SRC/share/demo/shapes/shape-01.png" <<'PY'
import os, random, sys
n, w, png = int(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(42)
labels = ["circle", "square", "triangle"]
y, v = w + "/yolo", w + "/voc"
for d in (y + "/images", y + "/labels", v + "/Annotations", v + "/JPEGImages"):
    os.makedirs(d)
with open(y + "/data.yaml", "w") as f:
    f.write("path: .\ntrain: images\nval: images\nnames:\n")
    for i, l in enumerate(labels):
        f.write("  %d: %s\n" % (i, l))
csv = open(w + "/data.csv", "w")
coco = open(y + "/coco.json", "w")
coco.write('{"info": {}, "licenses": [], "images": [')
anns = open(w + "/anns.part", "w")
aid = 0
for i in range(n):
    name = "img%07d" % i
    os.symlink(png, "%s/images/%s.png" % (y, name))
    os.symlink(png, "%s/JPEGImages/%s.png" % (v, name))
    rows, objs, js = [], [], []
    for k in range(5):
        bw, bh = random.randint(4, 60), random.randint(4, 60)
        x, yy = random.randint(0, 160 - bw), random.randint(0, 120 - bh)
        c = random.randrange(3)
        rows.append("%d %.6g %.6g %.6g %.6g" % (c, (x + bw / 2) / 160,
            (yy + bh / 2) / 120, bw / 160, bh / 120))
        objs.append("\t<object>\n\t\t<name>%s</name>\n\t\t<pose>Unspecified"
            "</pose>\n\t\t<truncated>0</truncated>\n\t\t<difficult>0"
            "</difficult>\n\t\t<bndbox>\n\t\t\t<xmin>%d</xmin>\n\t\t\t<ymin>"
            "%d</ymin>\n\t\t\t<xmax>%d</xmax>\n\t\t\t<ymax>%d</ymax>\n\t\t"
            "</bndbox>\n\t</object>\n" % (labels[c], x, yy, x + bw, yy + bh))
        js.append('{""x"": %d, ""y"": %d, ""width"": %d, ""height"": %d, '
            '""label"": ""%s""}' % (x, yy, bw, bh, labels[c]))
        aid += 1
        anns.write('%s{"id": %d, "image_id": %d, "category_id": %d, "bbox": '
            '[%d, %d, %d, %d], "area": %d, "segmentation": [], "iscrowd": 0}'
            % ("," if aid > 1 else "", aid, i + 1, c + 1, x, yy, bw, bh,
            bw * bh))
    with open("%s/labels/%s.txt" % (y, name), "w") as f:
        f.write("\n".join(rows) + "\n")
    with open("%s/Annotations/%s.xml" % (v, name), "w") as f:
        f.write("<annotation>\n\t<folder>JPEGImages</folder>\n\t<filename>"
            "%s.png</filename>\n\t<size>\n\t\t<width>160</width>\n\t\t"
            "<height>120</height>\n\t\t<depth>3</depth>\n\t</size>\n\t"
            "<segmented>0</segmented>\n%s</annotation>\n" % (name,
            "".join(objs)))
    csv.write('%s/images/%s.png,160,120,"{""boxes"": [%s]}"\n' % (y, name,
        ", ".join(js)))
    coco.write('%s{"id": %d, "file_name": "images/%s.png", "width": 160, '
        '"height": 120}' % ("," if i else "", i + 1, name))
anns.close()
coco.write('], "annotations": [')
coco.write(open(w + "/anns.part").read())
coco.write('], "categories": [%s]}' % ", ".join('{"id": %d, "name": "%s"}'
    % (k + 1, l) for k, l in enumerate(labels)))
PY
}

bench_n() {
	n=$1
	gen "$n"
	echo "N=$n images, 5 boxes each"
	rm -f "$W/q.db"*
	measure "$W/f.import" sqlite3 -cmd 'PRAGMA synchronous = FULL' \
	    -cmd 'PRAGMA journal_mode = WAL' -cmd \
	    'CREATE TABLE t (image TEXT UNIQUE, width INTEGER, height INTEGER, result TEXT)' \
	    "$W/q.db" ".import --csv $W/data.csv t"
	# The files floors: the label files (fsdir) and their images
	# (readfile), as the YOLO and VOC imports read them.
	for fmt in yolo voc; do
		rm -f "$W/q.$fmt.db"*
		lab=$W/yolo/labels from=/labels/ to=/images/ ext=.txt
		[ "$fmt" = voc ] && lab=$W/voc/Annotations from=/Annotations/ \
		    to=/JPEGImages/ ext=.xml
		measure "$W/f.files.$fmt" sqlite3 -cmd 'PRAGMA synchronous = FULL' \
		    -cmd 'PRAGMA journal_mode = WAL' -cmd \
		    'CREATE TABLE t (image TEXT UNIQUE, width INTEGER, height INTEGER, result TEXT)' \
		    "$W/q.$fmt.db" "INSERT INTO t SELECT replace(replace(name,
		    '$from', '$to'), '$ext', '.png'), 160, 120, data FROM
		    fsdir('$lab') WHERE name LIKE '%$ext' AND
		    length(readfile(replace(replace(name, '$from', '$to'),
		    '$ext', '.png'))) > 0"
		got=$(sqlite3 "$W/q.$fmt.db" 'SELECT count(*) FROM t')
		[ "$got" = "$n" ] || { echo "bench: the $fmt files floor stored $got of $n" >&2; exit 1; }
	done
	measure "$W/f.export" sqlite3 "$W/q.db" "SELECT json_object('task',
	    rowid, 'image', image, 'width', width, 'height', height,
	    'annotations', json_array(json_object('user', 'u', 'result',
	    json(result)))) FROM t ORDER BY rowid"
	# YOLO and VOC write a file per image: their floor is the shell
	# writing one file per image too (writefile(), the boxes of each),
	# into a new folder, as the exports below.
	mkdir "$W/f.files.$n"
	measure "$W/f.files" sqlite3 "$W/q.db" "SELECT sum(writefile(
	    '$W/f.files.$n/' || rowid || '.txt', result)) FROM t"
	for fmt in yolo voc coco; do
		fresh "$W/s.db" object-detection circle,square,triangle
		# Each export to a new place, nothing removed before it: on
		# an ext4 without a journal a file created within 30 s of many
		# removals pays for them (the inode allocator passes over
		# every recently deleted inode), which made an export after
		# the one before it was removed look 5 times slower.
		dir=$W/yolo out=$W/x.$fmt.$n
		[ "$fmt" = voc ] && dir=$W/voc/Annotations
		[ "$fmt" = coco ] && dir=$W/yolo/coco.json out=$W/x.$n.json
		measure "$W/s.import" "$SCALEC" --db "$W/s.db" import bench \
		    "$dir" --format "$fmt"
		got=$(sqlite3 "$W/s.db" 'SELECT count(*) FROM task')
		[ "$got" = "$n" ] || { echo "bench: $fmt stored $got of $n" >&2; exit 1; }
		measure "$W/s.export" "$SCALEC" --db "$W/s.db" export bench \
		    --format "$fmt" -o "$out"
		row "$fmt import" "$W/s.import" "$W/f.import" 3
		[ "$fmt" = coco ] ||
		    row "$fmt imp/files" "$W/s.import" "$W/f.files.$fmt" 3
		floor=$W/f.files
		[ "$fmt" = coco ] && floor=$W/f.export
		row "$fmt export" "$W/s.export" "$floor" 3
	done
}

bench_n 10000
[ "$N" -gt 10000 ] && bench_n "$N"
rss_line
