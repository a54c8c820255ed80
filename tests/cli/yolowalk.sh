#!/bin/bash
# YOLO's walk as it opens files by name in their folder (formats/
# imagefmt.c): images behind links, a folder whose name looks like an
# image (walked into), a pipe of such a name (passed over, not waited
# on), a label path that is a folder (Darknet's label beside the image
# then), an extension in capitals, and a broken link (refused, naming it,
# the database unchanged).
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

P=$SRCDIR/share/demo/shapes/shape-01.png
Y=$T/yw
mkdir -p "$Y/images/sub.png" "$Y/labels/sub.png/b.txt"
ln -s "$P" "$Y/images/a.png"
ln -s "$P" "$Y/images/c.PNG"
cp "$P" "$Y/images/sub.png/b.png"
mkfifo "$Y/images/p.png"
printf 'names: [circle, square]\n' > "$Y/data.yaml"
printf '0 0.5 0.5 0.25 0.5\n' > "$Y/labels/a.txt"
printf '1 0.5 0.5 0.5 0.5\n' > "$Y/images/sub.png/b.txt"

run init
run project create p --type object-detection --labels circle,square
run import p "$Y" --format yolo
check "yolowalk: imports" rc_is 0
check "yolowalk: three images, two with labels" out_has "Added 3 tasks to p: 0 updated, 0 skipped; 0 predictions, 2 annotations."
sqlite3 "$SCALEC_DB" "SELECT substr(t.image, length('$Y') + 2), t.width, t.height, coalesce(a.result, '-') FROM task t LEFT JOIN annotation a ON a.task_id = t.id ORDER BY t.id" > "$T/got"
cat > "$T/want" <<'W'
images/a.png|160|120|{"boxes":[{"x":60,"y":30,"width":40,"height":60,"label":"circle"}]}
images/c.PNG|160|120|-
images/sub.png/b.png|160|120|{"boxes":[{"x":40,"y":30,"width":80,"height":60,"label":"square"}]}
W
check "yolowalk: links followed, the folder entered, the pipe passed over, Darknet's label where labels/ has a folder" cmp -s "$T/got" "$T/want"

ln -s /nonexistent/x.png "$Y/images/z.png"
expect_unchanged "yolowalk: a broken link" import p "$Y" --format yolo --skip-existing
check "yolowalk: a broken link: named" err_has "yw/images/z.png: No such file or directory"

done_testing
