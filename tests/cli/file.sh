#!/bin/bash
# scalec file add, list, show and remove: text (whole and --lines), images
# made here with printf (PNG, JPEG, GIF, BMP, WebP), PDF through pdftotext,
# directories, standard input, and every bad input (the message, the exit
# code, and the database unchanged).
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
# jsonq EXPR: EXPR over the JSON output as j, e.g. "j->>'added'".
jsonq() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$T/out') AS j)"; }
count() { sql "select count(*) from task where project_id = (select id from project where name = '$1')"; }

D=$T/data
mkdir -p "$D"
cd "$D" || exit 1

run init
check "init" rc_is 0
run project create t --type text-classification --labels a,b
check "a text project" rc_is 0
run project create i --type image-classification --labels cat,dog
check "an image project" rc_is 0

# --- text ---------------------------------------------------------------
printf 'The first document.\nIt has two lines.\n' > one.txt
run file add t one.txt
check "add a text file" rc_is 0
check "add says how many" out_is "Added 1 task to t from 1 file; skipped 0 files."
check "one task" test "$(count t)" = 1
check "the whole text is the task" test "$(sql "select text from task")" = "$(cat one.txt)"
check "kind text" test "$(sql "select kind from task")" = text
check "source is the absolute path" test "$(sql "select source from task")" = "$D/one.txt"
check "the project counter follows" test "$(sql "select task_count from project where name='t'")" = 1

printf 'alpha\n\n   \nbeta\r\ngamma' > lines.md
run file add t lines.md --lines --json
check "--lines" rc_is 0
check "--lines --json: added" test "$(jsonq "j->>'added'")" = 3
check "--lines --json: files" test "$(jsonq "j->>'files'")" = 1
check "--lines --json: ids" test "$(jsonq "j->>'last_id' - (j->>'first_id')")" = 2
check "--lines --json: nothing skipped" test "$(jsonq "json_array_length(j->'skipped')")" = 0
check "one task per non-empty line, CR dropped" test "$(sql "select group_concat(text, '|') from (select text from task where id > 1 order by id)")" = "alpha|beta|gamma"
check "--lines records the line" test "$(sql "select meta->>'line' from task where text = 'beta'")" = 4
check "counter after --lines" test "$(sql "select task_count from project where name='t'")" = 4

# Any UTF-8 text is text, whatever its name; a BOM is dropped.
printf '\xef\xbb\xbfcaf\xc3\xa9 notes\n' > notes.log
run file add t notes.log
check "UTF-8 text of no known name" rc_is 0
check "the BOM is not kept" test "$(sql "select text from task order by id desc limit 1")" = "café notes"

# Standard input.
printf 'from stdin 1\nfrom stdin 2\n' > in.txt
run_in in.txt file add t - --lines
check "- reads standard input" rc_is 0
check "- gives two tasks" out_has "Added 2 tasks"
check "stdin tasks have no source" test "$(sql "select count(*) from task where text like 'from stdin%' and source is null")" = 2

# --- images -------------------------------------------------------------
# PNG 3x2, GIF 5x7, BMP 4x3 (top-down: negative height), BMP OS/2 9x11,
# JPEG 64x32 with a DHT and a DAC before its frame header, WebP 640x480
# (VP8X).
# Whole images (file add decodes each one), made as tests/cli/images/README
# says.
for f in a.png b.gif c.bmp os2.bmp d.jpg e.webp; do
	cp "$SRCDIR/tests/cli/images/$f" .
done
# an image by content, whatever its name
cp a.png picture.dat

# An OS/2 bitmap's size is known from its header, but scalec's BMP
# decoder reads Windows bitmaps only: refused when added, not met when
# labelled; the database as it was.
expect_unchanged "an OS/2 BMP" file add i a.png os2.bmp
check "an OS/2 BMP: says why" err_has "os2.bmp: not a valid image: the BMP header is broken or of an old kind"
run file add i a.png b.gif c.bmp d.jpg e.webp picture.dat
check "add images" rc_is 0
check "six images" out_has "Added 6 tasks to i from 6 files"
size() { sql "select width || 'x' || height from task where image = '$D/$1'"; }
check "PNG size" test "$(size a.png)" = 3x2
check "GIF size" test "$(size b.gif)" = 5x7
check "BMP size (negative height)" test "$(size c.bmp)" = 4x3
check "JPEG size (DHT and DAC are not frames)" test "$(size d.jpg)" = 64x32
check "WebP size" test "$(size e.webp)" = 640x480
check "image by content" test "$(size picture.dat)" = 3x2
check "images are kind image with no text" test "$(sql "select count(*) from task where kind = 'image' and text is null")" = 6
check "the format is in meta" test "$(sql "select meta->>'format' from task where image = '$D/d.jpg'")" = jpeg

# A JPEG whose frame header lies past the first 64 KiB (two full APP
# segments of metadata first).
{
	printf '\xff\xd8'
	for _ in 1 2; do printf '\xff\xe1\xff\xff'; head -c 65533 /dev/zero; done
	tail -c +3 d.jpg
} > big.jpeg
run file add i big.jpeg
check "a JPEG with its frame header past 64 KiB" test "$(size big.jpeg)" = 64x32

# --- by content, not by name ----------------------------------------------
# A PNG named .txt is an image; Netpbm's binary PGM (P5) and PPM (P6) and
# ASCII PGM (P2) and PPM (P3), with comments, are images by their header.
cp a.png png.txt
printf 'P5\n3 2\n255\n\0\1\2\3\4\5' > grey.pgm
printf 'P6 # hand-made\n1 4\n65535\rAAAAAAAAAAAAAAAAAAAAAAAA' > colour.data
printf 'P2\n4 1\n15\n0 5 10 15\n' > ascii.pgm
printf 'P3\n# two pixels\n2 1\n255\n255 0 0 # red\n0 0 255\n' > ascii-ppm.txt
run file add i png.txt grey.pgm colour.data ascii.pgm ascii-ppm.txt
check "images by content whatever the name" rc_is 0
check "PNG named .txt" test "$(size png.txt)" = 3x2
check "binary PGM" test "$(size grey.pgm)/$(sql "select meta->>'format' from task where image = '$D/grey.pgm'")" = 3x2/pgm
check "binary PPM with a comment, named .data" test "$(size colour.data)/$(sql "select meta->>'format' from task where image = '$D/colour.data'")" = 1x4/ppm
check "ASCII PGM" test "$(size ascii.pgm)" = 4x1
check "ASCII PPM named .txt" test "$(size ascii-ppm.txt)/$(sql "select meta->>'format' from task where image = '$D/ascii-ppm.txt'")" = 2x1/ppm
expect_unchanged "a PNG named .txt into a text project" file add t png.txt
check "a PNG named .txt is an image there too" err_has "png.txt: an image, but project 't' (text-classification) takes text"
# A text that begins like a Netpbm header stays a text.
printf 'P2 3 2 255 are the parts we ordered.\n' > parts.txt
run file add t parts.txt
check "a text that begins like P2" out_has "Added 1 task to t"
check "it is a text task" test "$(sql "select kind from task where source = '$D/parts.txt'")" = text
printf 'P5 1 1 0\n' > badmax.pgm
expect_unchanged "a PGM with maxval 0" file add i badmax.pgm
check "a broken PGM header is named" err_has "badmax.pgm: not a valid image: PNM maximum sample value not within 1 to 65535"

# A PNG piped in is an image, kept beside the database by its hash.
run_in a.png file add i -
check "a PNG on standard input" rc_is 0
check "a PNG on standard input gives a task" out_has "Added 1 task to i"
piped=$(sql "select image from task where project_id = (select id from project where name = 'i') order by id desc limit 1")
check "the piped PNG is kept beside the database" \
    test "$(dirname "$piped")" = "$(realpath "$SCALEC_DB").images"
check "the kept file holds the bytes piped in" cmp -s "$piped" a.png
# Task data is the database's people's alone, as the database is: not
# readable by every local user whatever the umask (the suite runs
# under 022 or stricter).
check "the kept image is 0600 like the database" \
    test "$(stat -c %a "$piped")" = 600
check "the folder of kept images is 0700" \
    test "$(stat -c %a "$(dirname "$piped")")" = 700
check "the piped PNG's size" test "$(sql "select width || 'x' || height from task where image = '$piped'")" = 3x2
run_in a.png file add i -
check "the same PNG piped again is already there" err_has "-: skipped: already in i as task"
check "the same PNG piped again: one task" test "$(sql "select count(*) from task where image = '$piped'")" = 1
printf 'P6\n1 1\n255\nabc' > one.ppm
run_in one.ppm file add t -
check "a PPM piped into a text project is refused" err_has "-: an image, but project 't' (text-classification) takes text"
check "nothing kept for a refused piped image" test "$(ls "$(realpath "$SCALEC_DB").images" | wc -l)" = 1
# A failed add removes the file it kept for a piped image.
printf 'P6\n2 1\n255\nabcdef' > two.ppm
_before=$(db_dump)
"$SCALEC" file add i - missing.png < two.ppm >"$T/out" 2>"$T/err"; rc=$?
check "a piped image with a missing file fails" rc_is 1
check "a failed add keeps no piped image" test "$(ls "$(realpath "$SCALEC_DB").images" | wc -l)" = 1
check "a failed add with a piped image: database unchanged" test "$_before" = "$(db_dump)"

# --- a file the project has is skipped -----------------------------------
tasks_only() { sql "select * from task order by id"; }
_before=$(tasks_only)
run file add t one.txt
check "the same file again" rc_is 0
check "the same file again is said" err_has "one.txt: skipped: already in t as task 1"
check "the same file again: the summary" out_is "Added 0 tasks to t from 0 files; skipped 1 file (1 already in t); --allow-duplicates adds them."
check "the same file again: no task added" test "$_before" = "$(tasks_only)"
run file add t lines.md --lines --json
check "the same lines again" rc_is 0
check "the same lines again: none added" test "$(jsonq "j->>'added'")" = 0
check "the same lines again: listed with their line" test "$(jsonq "json_array_length(j->'duplicates')")/$(jsonq "j->'duplicates'->1->>'line'")" = 3/4
check "the same lines again: a warning per line" err_has "lines.md:4: skipped: the same line is task"
check "the same lines again: nothing added" test "$_before" = "$(tasks_only)"
run file add i a.png picture.dat
check "the same images again" out_is "Added 0 tasks to i from 0 files; skipped 2 files (2 already in i); --allow-duplicates adds them."
# The same content at another path is not a duplicate; nor is new content
# at the same path.
cp one.txt copy-of-one.txt
run file add t copy-of-one.txt
check "the same text from another file is added" out_has "Added 1 task to t from 1 file"
printf 'The first document, edited.\n' > one.txt
run file add t one.txt
check "new content at the same path is added" out_has "Added 1 task to t from 1 file"
cp b.gif a.png
run file add i a.png
check "a new image at the same path is added" out_has "Added 1 task to i from 1 file"
cp picture.dat a.png
run file add i a.png --allow-duplicates
check "--allow-duplicates adds it anyway" out_is "Added 1 task to i from 1 file; skipped 0 files."
check "--allow-duplicates: two tasks of a.png's first bytes" test "$(sql "select count(*) from task where image = '$D/a.png' and width = 3")" = 2

# --- directories ----------------------------------------------------------
mkdir -p tree/b tree/a .hidden
printf 'zeta\n' > tree/z.txt
printf 'in a\n' > tree/a/1.txt
printf 'in b\n' > tree/b/2.txt
printf 'top\n' > tree/m.txt
head -c 64 /dev/zero > tree/blob.bin
printf 'x' > tree/.dotfile
cp a.png tree/a/pic.png
run file add t tree
check "a directory" rc_is 0
check "directory summary" out_is "Added 4 tasks to t from 4 files; skipped 3 files."
check "recursively, in sorted order" test "$(sql "select group_concat(text, '|') from (select trim(text, char(10)) as text from task where source like '$D/tree/%' order by id)")" = "in a|in b|top|zeta"
check "binary file listed" err_has "tree/blob.bin: skipped: not a supported type"
check "hidden file listed" err_has "tree/.dotfile: skipped: hidden"
check "an image in a text project is listed" err_has "tree/a/pic.png: skipped: an image, but project 't'"
check "no progress bar when stderr is not a terminal" test "$(tr -cd '\r' < "$T/err" | wc -c)" = 0

run file add i tree --json
check "only the image of a directory in an image project" rc_is 0
check "json skipped lists the rest" test "$(jsonq "json_array_length(j->'skipped')")" = 6
check "json skipped has reasons" test "$(jsonq "j->'skipped'->1->>'reason'")" = "text, but project 'i' (image-classification) takes images"

# --- list -----------------------------------------------------------------
run file list t
check "list" rc_is 0
check "list has a header" out_has "ID"
check "list shows status" out_has "new"
check "list escapes the line break" out_has "The first document.^JIt has two lines."
run file list t --json
check "list --json" rc_is 0
check "list --json is an array of every task" test "$(jsonq "json_array_length(j)")" = "$(count t)"
check "list --json fields" test "$(jsonq "j->0->>'kind'")/$(jsonq "j->0->>'status'")" = "text/new"
run file list i --json
check "image list --json has sizes" test "$(jsonq "j->0->>'width'")" = 3
check "image list previews the path" test "$(jsonq "j->0->>'preview'")" = "$D/a.png"

# Status: overlap 2, one task with one submission, one with two.
sql "update project set overlap = 2 where name = 't'; update task set submitted = 1 where id = 2; update task set submitted = 2 where id = 3"
run file list t --status in-progress --json
check "--status in-progress" test "$(jsonq "json_array_length(j)")/$(jsonq "j->0->>'id'")" = "1/2"
run file list t --status done
check "--status done" test "$(grep -c '^3 ' "$T/out")" = 1
check "--status done has only done" test "$(grep -c 'new' "$T/out")" = 0
run file list t --status new --json
check "--status new" test "$(jsonq "json_array_length(j)")" = "$(($(count t) - 2))"
expect_usage "--status bogus" file list t --status bogus
check "--status bogus says the statuses" err_has "new, in-progress, done"
run project create empty --type ner --labels PER
run file list empty --json
check "an empty list is []" out_is "[]"
expect_unchanged "list an unknown project" file list nope
check "unknown project named" err_has "no project 'nope'"

# --- show -----------------------------------------------------------------
printf 'evil \033[31mred\033[0m\ttab\nline two\n' > evil.txt
run file add t evil.txt
evil=$(sql "select max(id) from task")
run file show "$evil"
check "show" rc_is 0
check "show escapes control characters" out_has 'evil ^[[31mred^[[0m'
check "show keeps the text's line breaks" out_has "line two"
check "show never writes ESC raw" test "$(tr -cd '\033' < "$T/out" | wc -c)" = 0
check "show names the project" out_has "project        t"
run file show 2 --json
check "show --json" rc_is 0
check "show --json status" test "$(jsonq "j->>'status'")/$(jsonq "j->>'submitted'")/$(jsonq "j->>'overlap'")" = "in-progress/1/2"
check "show --json full text" test "$(jsonq "j->>'text'")" = alpha
check "show --json meta is an object" test "$(jsonq "j->'meta'->>'line'")" = 1
run file show "$(sql "select id from task where image = '$D/d.jpg'")" --json
check "show an image" test "$(jsonq "j->>'image'")/$(jsonq "j->>'width'")x$(jsonq "j->>'height'")" = "$D/d.jpg/64x32"
expect_unchanged "show an unknown id" file show 9999
check "unknown id named" err_has "no task 9999"
expect_usage "show a non-number" file show abc

# --- remove ---------------------------------------------------------------
admin=$(sql "select id from user limit 1")
sql "insert into annotation (task_id, user_id, state, created_at, updated_at) values (3, $admin, 'submitted', 'x', 'x'), (2, $admin, 'draft', 'x', 'x')"
run file show 3 --json
check "show counts annotations" test "$(jsonq "j->>'annotations'")" = 1
expect_unchanged "remove with an unknown id removes nothing" file remove 2 9999
check "remove names the unknown id" err_has "no task 9999"
# Without --yes: off a terminal it removes nothing and says what would
# be lost; on one it asks, and only y removes.
expect_unchanged "remove without --yes off a terminal" file remove 2 3
check "remove without --yes says what would be lost" \
    err_has "removing loses 2 tasks (2, 3) and their 2 annotations (drafts too): give --yes to remove (there is no terminal to ask on)"
if command -v script >/dev/null 2>&1; then
	# on_tty ANSWER ARGS...: scalec ARGS on a pseudo-terminal (script(1)),
	# ANSWER typed at it.
	on_tty() {
		_answer=$1; shift
		printf '%s\n' "$_answer" | script -qec "$(printf '%q ' "$SCALEC" "$@")" /dev/null >"$T/out" 2>"$T/err"
		rc=$?
	}
	_before=$(db_dump)
	on_tty n file remove 2 3
	check "remove on a terminal asks" out_has "Remove 2 tasks (2, 3) and their 2 annotations (drafts too)? [y/N]"
	check "remove answered n fails" rc_is 1
	check "remove answered n says so" out_has "nothing was removed"
	check "remove answered n: database unchanged" test "$_before" = "$(db_dump)"
	on_tty "" file remove 3
	check "remove answered with Enter removes nothing" test "$_before/$rc" = "$(db_dump)/1"
	parts=$(sql "select id from task where source = '$D/parts.txt'")
	on_tty y file remove "$parts"
	check "remove answered y" rc_is 0
	check "remove answered y removes" test "$(sql "select count(*) from task where id = $parts")" = 0
else
	ok "# SKIP script(1) (util-linux) is not installed: no terminal to ask on"
fi
n=$(count t)
run file remove 2 3 3 --yes --json
check "remove" rc_is 0
check "remove --json ids" test "$(jsonq "json_array_length(j->'removed')")/$(jsonq "j->>'annotations'")" = "2/2"
check "tasks gone" test "$(count t)" = $((n - 2))
check "their annotations gone" test "$(sql "select count(*) from annotation")" = 0
check "counters after remove" test "$(sql "select task_count || '/' || done_count from project where name='t'")" = "$((n - 2))/0"
run file remove "$evil" -y
check "remove says what" out_is "Removed 1 task and 0 annotations."
expect_usage "remove a non-number" file remove 1x

# --- a task by its imported id: id:VALUE, in the project --project names ---
printf '{"id": "doc-17", "text": "by its id"}\n{"id": "42", "text": "an id like a number"}\n' >ids.jsonl
run import t ids.jsonl
check "tasks with imported ids" rc_is 0
doc=$(sql "select id from task where ext_id = 'doc-17'")
run file show id:doc-17 --project t --json
check "show id:VALUE --project" rc_is 0
check "show id:VALUE is that task" test "$(jsonq "j->>'id'")/$(jsonq "j->>'ext_id'")" = "$doc/doc-17"
run file show -p t id:42 --json
check "id:42 is the imported id, not the number" test "$(jsonq "j->>'text'")" = "an id like a number"
expect_unchanged "id:VALUE without --project" file show id:doc-17
check "id:VALUE without --project: says to give it" err_has "say which with --project PROJECT"
expect_unchanged "an imported id the project does not have" file show id:nope --project t
check "the missing imported id named" err_has "no task with the imported id 'nope' in t"
expect_unchanged "a numbered task outside --project" file show "$doc" --project i
check "outside --project: says so" err_has "task $doc is not in i"
expect_unchanged "--project of no project" file show "$doc" --project nope
check "--project of no project named" err_has "no project 'nope'"
expect_usage "id: with no value" file show id:
check "id: with no value: says what a task is" err_has "'id:' is not a task"
expect_unchanged "remove: one missing imported id removes nothing" \
    file remove id:doc-17 id:nope -p t
run file remove id:doc-17 "$doc" -p t --yes --json
check "remove by imported id (and the same task by number once)" \
    test "$(jsonq "json_array_length(j->'removed')")/$(jsonq "j->'removed'->>0")" = "1/$doc"
check "the task is gone" test "$(sql "select count(*) from task where ext_id = 'doc-17'")" = 0

# --- bad input: each fails, says why, and changes nothing ------------------
expect_unchanged "a missing file" file add t one.txt missing.txt
check "missing file named" err_has "missing.txt: No such file or directory"

: > empty.txt
expect_unchanged "an empty file" file add t empty.txt
check "empty file: a clear message" err_has "empty.txt: skipped: an empty file"
check "empty file: nothing added" err_has "nothing added to 't'"

printf 'ok line\nbad \xff\xfe byte\n' > bad.txt
expect_unchanged "invalid UTF-8" file add t one.txt bad.txt
check "invalid UTF-8 at its byte in its line, as import counts" \
    err_has "bad.txt:2: invalid UTF-8 at byte 5 (0xff)"

printf 'text\0with a NUL\n' > nul.txt
expect_unchanged "a NUL byte" file add t nul.txt
check "NUL byte named" err_has "nul.txt:1: a NUL byte at byte 5"

printf '\001\002\000\377 binary\n' > fake.png
expect_unchanged "binary data named .png" file add i fake.png
check "fake image named" err_has "fake.png: named like an image, but its content is not PNG, JPEG, GIF, BMP, WebP, PGM or PPM"

head -c 20 a.png > short.png
expect_unchanged "a truncated PNG" file add i a.png short.png
check "truncated PNG named" err_has "short.png: not a valid image: truncated PNG header"
# Whole headers but not whole images: each decoded when added, so the
# fault is met now, not when the task is labelled.
head -c 60 a.png > cut.png
expect_unchanged "a PNG cut after its header" file add i cut.png
check "a PNG cut after its header: says why" err_has "cut.png: not a valid image: the PNG cannot be read"
head -c 400 d.jpg > cut.jpg
expect_unchanged "a JPEG cut short" file add i cut.jpg
check "a JPEG cut short: says why" err_has "cut.jpg: not a valid image: "
printf 'P6\n50000 50000\n255\n\000\000\000' > bomb.ppm
expect_unchanged "an image of 50000 x 50000 pixels" file add i bomb.ppm
check "an image of 50000 x 50000 pixels: the limit named" err_has "bomb.ppm: not a valid image: the image is too big to show: 50000 x 50000 pixels (at most 32768 a side"
run_in cut.png file add i -
check "a cut PNG piped in: refused" rc_is 1
check "a cut PNG piped in: says why" err_has "-: not a valid image: the PNG cannot be read"
check "a cut PNG piped in: nothing kept" test "$(ls "$(realpath "$SCALEC_DB").images" | grep -c .)" = 1
# In a folder, a broken image is skipped with its reason; the rest added.
mkdir brokendir
cp cut.png brokendir/
printf 'P6\n1 1\n255\nxyz' > brokendir/fresh.ppm
run file add i brokendir --json
check "a folder with a broken image: the rest added" test "$rc/$(sql "select count(*) from task where image = '$D/brokendir/fresh.ppm'")" = 0/1
check "a folder with a broken image: it is skipped, with why" out_has "not a valid image: the PNG cannot be read"

head -c 100 /dev/urandom > noise.bin
printf '\x00\x01\x02' >> noise.bin
expect_unchanged "only an unsupported file" file add t noise.bin
check "unsupported listed" err_has "noise.bin: skipped: not a supported type"

expect_unchanged "an image named into a text project" file add t a.png
check "image into text project says why" err_has "a.png: an image, but project 't' (text-classification) takes text"
expect_unchanged "text named into an image project" file add i one.txt
check "text into image project says why" err_has "one.txt: text, but project 'i' (image-classification) takes images"

expect_unchanged "an unknown project" file add nope one.txt
check "unknown project named" err_has "no project 'nope'"

expect_unchanged "empty standard input" file add i -
_before=$(db_dump)
run_in a.png file add t -
check "an image on stdin into a text project is refused" \
    err_has "-: an image, but project 't' (text-classification) takes text"
check "an image on stdin into a text project: database unchanged" \
    test "$_before" = "$(db_dump)"
check "an image on stdin into a text project: no file kept" \
    test "$(ls "$(realpath "$SCALEC_DB").images" | wc -l)" = 1

# A file that cannot be read: root reads everything, so by permissions
# only when not root; /proc/self/mem fails to read for anyone.
printf 'secret\n' > locked.txt
chmod 000 locked.txt
if [ "$(id -u)" != 0 ]; then
	expect_unchanged "an unreadable file" file add t one.txt locked.txt
	check "unreadable file named" err_has "locked.txt: Permission denied"
elif other_user; then
	# root reads every file: try it as another login, a manager here.
	run user add "$OTHER" --role manager
	chmod 644 one.txt
	RUN=run_other expect_unchanged "an unreadable file" file add t one.txt locked.txt
	check "unreadable file named" err_has "locked.txt: Permission denied"
else
	ok "# SKIP unreadable by permissions: $OTHER_WHY"
fi
if [ -r /proc/self/mem ]; then
	expect_unchanged "a file whose read fails" file add t one.txt /proc/self/mem
	check "read error named" err_has "Input/output error"
fi

expect_usage "add without a path" file add t
expect_usage "unknown option" file add t one.txt --frob
expect_usage "unknown subcommand" file frob

# Permissions: an annotator may list but not add or remove.
run user add ann --role annotator
expect_unchanged "an annotator cannot add" --as ann file add t one.txt
check "add refusal says why" err_has "may not add files"
expect_unchanged "an annotator cannot remove" --as ann file remove 1
check "remove refusal says why" err_has "may not remove files"
run --as ann file list t
check "an annotator can list" rc_is 0

# --- PDF ------------------------------------------------------------------
# A one-page PDF written by hand, with a correct xref table.
make_pdf() {
	_f=$1; _o=()
	printf '%%PDF-1.4\n' > "$_f"
	_obj() { _o+=("$(stat -c %s "$_f")"); printf '%s\n' "$1" >> "$_f"; }
	_obj '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj'
	_obj '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj'
	_obj '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj'
	_obj "$(printf '4 0 obj << /Length 41 >>\nstream\nBT /F1 18 Tf 20 100 Td (Hello PDF) Tj ET\nendstream\nendobj')"
	_obj '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj'
	_x=$(stat -c %s "$_f")
	{
		printf 'xref\n0 6\n0000000000 65535 f \n'
		for _off in "${_o[@]}"; do printf '%010d 00000 n \n' "$_off"; done
		printf 'trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%s\n%%%%EOF\n' "$_x"
	} >> "$_f"
}
make_pdf doc.pdf
if command -v pdftotext >/dev/null 2>&1; then
	run file add t doc.pdf
	check "a PDF" rc_is 0
	check "the PDF's text is the task" test "$(sql "select trim(text, char(10)) from task where source = '$D/doc.pdf'")" = "Hello PDF"
else
	ok "# SKIP pdftotext is not installed"
fi
# Without pdftotext: a clear error naming the package.
mkdir -p "$T/nobin"
_before=$(db_dump)
PATH="$T/nobin" "$SCALEC" file add t one.txt doc.pdf >"$T/out" 2>"$T/err"; rc=$?
check "PDF without pdftotext fails" rc_is 1
check "PDF without pdftotext names the package" err_has "install the Debian package poppler-utils"
check "PDF without pdftotext: database unchanged" test "$_before" = "$(db_dump)"
printf 'not a pdf\n' > fake.pdf
expect_unchanged "text named .pdf" file add t fake.pdf
check "fake PDF named" err_has "fake.pdf: named like a PDF"
expect_unchanged "a PDF in an image project" file add i doc.pdf
check "PDF into an image project says why" err_has "a PDF, but project 'i'"

# The counters always match the tasks.
check "counters match" test "$(sql "select count(*) from project where task_count != (select count(*) from task where project_id = project.id)")" = 0

done_testing
