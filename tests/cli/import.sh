#!/bin/bash
# scalec import and export: every kind of bad input is refused with
# FILE:LINE, exit 1 (2 for usage) and the database exactly as before; the
# formats (JSONL, CSV with quotes and line breaks, TSV, txt, stdin); ids
# (--skip-existing, --update, --dry-run); a text again without an id
# (skipped with a warning, --allow-duplicates); and the round trip import ->
# export -> import -> export.
. "$SRCDIR/tests/cli/lib.sh"

D=$T/data
mkdir -p "$D/img"

run init
"$SCALEC" project create news --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" user add alice --role annotator >/dev/null
"$SCALEC" user add bob --role annotator >/dev/null
cat >"$D/mix.yaml" <<'EOF'
type: custom
controls:
  - name: label
    kind: choice
    labels: [pos, neg]
  - name: entities
    kind: spans
    labels: [PER, LOC]
  - name: tags
    kind: multichoice
    labels: [a, b, c]
  - name: note
    kind: text
  - name: stars
    kind: rating
    max: 4
  - name: boxes
    kind: boxes
    labels: [car]
  - name: regions
    kind: polygons
    labels: [sky]
EOF
"$SCALEC" project create mix --type custom --config "$D/mix.yaml" >/dev/null
"$SCALEC" project create mix2 --type custom --config "$D/mix.yaml" >/dev/null
q() { sqlite3 "$SCALEC_DB" "$1"; }

# --- JSONL, the good path ------------------------------------------------
cat >"$D/ok.jsonl" <<'EOF'
{"id": "n1", "text": "Angela Merkel visited Zürich.", "source": "wire", "predictions": [{"result": {"entities": [{"start": 0, "end": 13, "label": "PER"}]}, "score": 0.75, "model": "m1"}], "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 0, "end": 13, "label": "PER"}, {"start": 22, "end": 28, "label": "LOC"}]}}]}

{"id": 2, "text": "東京 is big ☃", "meta": {"lang": "mixed"}, "annotations": [{"user": "alice", "state": "draft", "result": {"entities": [{"start": 0, "end": 2, "label": "LOC"}]}}, {"user": "bob", "state": "accepted", "result": {}}]}
{"text": "No id here."}
EOF
run import news "$D/ok.jsonl"
check "import jsonl" rc_is 0
check "import summary" out_has "Added 3 tasks to news: 0 updated, 0 skipped; 1 prediction, 3 annotations."
check "three tasks stored" test "$(q 'SELECT count(*) FROM task')" = 3
check "an integer id is kept as text" test "$(q "SELECT count(*) FROM task WHERE ext_id = '2'")" = 1
check "other keys go into meta" test "$(q "SELECT meta FROM task WHERE ext_id = 'n1'")" = '{"source":"wire"}'
check "submitted counts submitted and accepted, not drafts" \
    test "$(q "SELECT group_concat(submitted) FROM (SELECT submitted FROM task ORDER BY id)")" = "1,1,0"
check "the project's counters are updated" \
    test "$(q "SELECT task_count || '/' || done_count FROM project WHERE name = 'news'")" = "3/2"
check "the source file is recorded" test "$(q "SELECT source FROM task WHERE ext_id = 'n1'")" = "$D/ok.jsonl"
check "the import is audited" test "$(q "SELECT count(*) FROM audit WHERE action = 'import'")" = 1

# --- bad input: FILE:LINE, exit 1, nothing written -----------------------
for i in $(seq 1 20); do
	if [ "$i" -eq 17 ]; then
		echo '{"id": "m17", "text": "broken", }'
	else
		printf '{"id": "m%d", "text": "line %d"}\n' "$i" "$i"
	fi
done >"$D/malformed.jsonl"
expect_unchanged "malformed JSON on line 17 of 20" import news "$D/malformed.jsonl"
check "malformed JSON names line 17" err_has "scalec: $D/malformed.jsonl:17: malformed JSON at column"

printf '{"id": "w1", "text": "fine"}\n{"id": "w2", "text": 42}\n' >"$D/type.jsonl"
expect_unchanged "a field of the wrong type" import news "$D/type.jsonl"
check "wrong type is named" err_has "type.jsonl:2: \"text\" must be a string, not a number"

printf '{"id": "x1", "text": "fine"}\n{"id": ["x"], "text": "t"}\n' >"$D/idtype.jsonl"
expect_unchanged "an id of the wrong type" import news "$D/idtype.jsonl"
check "id type named" err_has "idtype.jsonl:2: \"id\" must be a string or a whole number"

printf '{"text": "ok"}\n{"text": "caf\xe9"}\n' >"$D/latin1.jsonl"
expect_unchanged "invalid UTF-8" import news "$D/latin1.jsonl"
check "invalid UTF-8 named with its byte" err_has "latin1.jsonl:2: invalid UTF-8 at byte 14 (0xe9)"

printf '{"text": "ok"}\n{"text": "a\0b"}\n' >"$D/nul.jsonl"
expect_unchanged "a NUL byte" import news "$D/nul.jsonl"
check "NUL byte named" err_has "nul.jsonl:2: a NUL byte at byte 12"

# jansson takes a NUL right after a number ("[1\0]"); the readers do not.
printf '{"text": "ok"}\n{"text": "a b", "n": 1\0}\n' >"$D/nulnum.jsonl"
expect_unchanged "a NUL byte after a number" import news "$D/nulnum.jsonl"
check "NUL byte after a number named" err_has "nulnum.jsonl:2: a NUL byte at byte 23"
printf '{"text": "ok", "label": []}\n{"text": "a b", "label": [], "n": 1\0}\n' >"$D/nulnum.doccano"
expect_unchanged "doccano: a NUL byte after a number" import news "$D/nulnum.doccano" --format doccano
check "doccano: NUL byte named" err_has "nulnum.doccano:2: a NUL byte at byte 36"
printf '["ok", {"entities": []}]\n["a b", {"entities": [], "n": 1\0}]\n' >"$D/nulnum.spacy"
expect_unchanged "spaCy pairs: a NUL byte after a number" import news "$D/nulnum.spacy" --format spacy
check "spaCy pairs: NUL byte named" err_has "nulnum.spacy:2: a NUL byte at byte 32"
printf '{"text": "ok", "answer": "accept"}\n{"text": "a b", "answer": "accept", "n": 1\0}\n' >"$D/nulnum.prodigy"
expect_unchanged "Prodigy: a NUL byte after a number" import news "$D/nulnum.prodigy" --format prodigy
check "Prodigy: NUL byte named" err_has "nulnum.prodigy:2: a NUL byte at byte 43"
printf '[{"data": {"text": "ok"}}, {"data": {"text": "a b", "n": 1\0}}]\n' >"$D/nulnum.json"
expect_unchanged "Label Studio: a NUL byte after a number" import news "$D/nulnum.json" --format labelstudio
check "Label Studio: NUL byte named" err_has "nulnum.json:1: a NUL byte at byte"

printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x08\x08\x02\0\0\0\0\0\0\0' >"$D/img/car.png"
cp "$D/img/car.png" "$D/binary.txt"
expect_unchanged "a binary file given as text" import news "$D/binary.txt"
check "binary file: a clear message" err_has "binary.txt:1: invalid UTF-8 at byte 1 (0x89)"
expect_unchanged "a binary file given as jsonl" import news "$D/binary.txt" --format jsonl
check "binary jsonl: a clear message" err_has "binary.txt:1: invalid UTF-8 at byte 1"

printf '{"id": "s1", "text": "short", "annotations": [{"user": "alice", "result": {"entities": [{"start": 2, "end": 9, "label": "PER"}]}}]}\n' >"$D/span.jsonl"
expect_unchanged "a span outside its text" import news "$D/span.jsonl"
check "span outside named" err_has "span.jsonl:1: annotation 1: \"entities\": span 1: 2..9 is outside the text (5 code points)"

printf '{"text": "a b", "annotations": [{"user": "alice", "result": {"entities": [{"start": 0, "end": 1, "label": "PER"}, {"start": 0, "end": 3, "label": "LOC"}]}}]}\n' >"$D/overlap.jsonl"
expect_unchanged "overlapping spans" import news "$D/overlap.jsonl"
check "overlap named" err_has "overlap.jsonl:1: annotation 1: \"entities\": spans 1 (0..1) and 2 (0..3) overlap"

printf '{"text": "x"}\n{"text": "Bob", "annotations": [{"user": "alice", "result": {"entities": [{"start": 0, "end": 3, "label": "PERSON"}]}}]}\n' >"$D/label.jsonl"
expect_unchanged "an unknown label in an annotation" import news "$D/label.jsonl"
check "unknown label named" err_has "label.jsonl:2: annotation 1: \"entities\": span 1: unknown label 'PERSON'"

printf '{"text": "Bob", "predictions": [{"result": {"topic": ["x"]}}]}\n' >"$D/control.jsonl"
expect_unchanged "an unknown control in a prediction" import news "$D/control.jsonl"
check "unknown control named" err_has "control.jsonl:1: prediction 1: unknown control 'topic' (the project has: entities)"

# The task kinds a project takes, as file add: an image in a text project,
# text in an image project, and an empty text anywhere are refused.
printf 'P5\n2 1\n255\n\0\377' >"$D/img/a.pgm"
printf '{"text": "Bob"}\n{"image": "img/a.pgm"}\n' >"$D/kind.jsonl"
expect_unchanged "an image task in a ner project" import news "$D/kind.jsonl"
check "image in a text project named" err_has "kind.jsonl:2: an image task, but project 'news' (ner) takes text"
"$SCALEC" project create pets --type object-detection --labels cat >/dev/null
printf 'text\nBob\n' >"$D/kind.csv"
expect_unchanged "a text task in an object-detection project" import pets "$D/kind.csv"
check "text in an image project named" err_has "kind.csv:2: a text task, but project 'pets' (object-detection) takes images"
printf 'text,id\nBob,1\n,2\n' >"$D/empty-text.csv"
expect_unchanged "an empty text" import news "$D/empty-text.csv"
check "empty text named" err_has "empty-text.csv:3: the text is empty"

printf '{"text": "Bob", "annotations": [{"user": "mallory", "result": {}}]}\n' >"$D/user.jsonl"
expect_unchanged "an annotation by an unknown user" import news "$D/user.jsonl"
check "unknown user named" err_has "user.jsonl:1: annotation 1: no user 'mallory'"

printf '{"text": "Bob", "annotations": [{"user": "bob", "state": "done"}]}\n' >"$D/state.jsonl"
expect_unchanged "an unknown annotation state" import news "$D/state.jsonl"
check "state named" err_has "state.jsonl:1: annotation 1: \"state\" must be one of draft"

printf '{"text": "Bob", "annotations": [{"user": "bob"}, {"user": "bob"}]}\n' >"$D/twice.jsonl"
expect_unchanged "two annotations by one user" import news "$D/twice.jsonl"
check "two annotations by one user named" err_has "twice.jsonl:1: annotations 1 and 2 are both by 'bob'"

printf '[1, 2]\n' >"$D/list.jsonl"
expect_unchanged "a line that is not an object" import news "$D/list.jsonl"
check "not an object named" err_has "list.jsonl:1: each line must be a JSON object"

printf '{"id": "z"}\n' >"$D/notext.jsonl"
expect_unchanged "a task without text or image" import news "$D/notext.jsonl"
check "missing text named" err_has "notext.jsonl:1: a task needs \"text\""

expect_unchanged "an unknown project" import nosuch "$D/ok.jsonl"
check "unknown project named" err_has "no project 'nosuch'"

printf '{"id": "new1", "text": "a"}\n{"id": "n1", "text": "b"}\n' >"$D/dup.jsonl"
expect_unchanged "an id already in the project" import news "$D/dup.jsonl"
check "duplicate id names line and id" err_has "dup.jsonl:2: id 'n1' is already in project 'news'"

printf '{"id": "f1", "text": "a"}\n{"id": "f2", "text": "b"}\n{"id": "f1", "text": "c"}\n' >"$D/dupfile.jsonl"
expect_unchanged "an id repeated within the file" import news "$D/dupfile.jsonl"
check "repeated id names the line" err_has "dupfile.jsonl:3: id 'f1' is repeated: an earlier line of this file has it"

expect_unchanged "a missing file" import news "$D/nosuch.jsonl"
check "missing file named" err_has "nosuch.jsonl: No such file or directory"

printf '{"text": "secret"}\n' >"$D/unreadable.jsonl"
chmod 000 "$D/unreadable.jsonl"
if [ "$(id -u)" -ne 0 ]; then
	expect_unchanged "an unreadable file" import news "$D/unreadable.jsonl"
	check "unreadable file named" err_has "unreadable.jsonl: Permission denied"
elif other_user; then
	# root reads every file: try it as another login, a manager here.
	run user add "$OTHER" --role manager
	chmod 777 "$D"
	RUN=run_other expect_unchanged "an unreadable file" import news "$D/unreadable.jsonl"
	check "unreadable file named" err_has "unreadable.jsonl: Permission denied"
else
	ok "an unreadable file # SKIP $OTHER_WHY"
	ok "an unreadable file: database unchanged # SKIP $OTHER_WHY"
	ok "unreadable file named # SKIP $OTHER_WHY"
fi

: >"$D/empty.jsonl"
expect_unchanged "an empty file" import news "$D/empty.jsonl"
check "empty file: a clear message" err_has "empty.jsonl: empty: there are no tasks in it"
printf '\n\n  \n' >"$D/blank.jsonl"
expect_unchanged "a file of blank lines" import news "$D/blank.jsonl"
check "blank lines: the same message" err_has "blank.jsonl: empty"

expect_unchanged "a directory" import news "$D"
check "a directory is named" err_has "is a directory"

before=$(db_dump)
run import news "$D/ok.jsonl" --format xml
check "unknown --format is a usage error" rc_is 2
check "unknown format named" err_has "unknown format 'xml' (jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results, labelstudio, labelstudio-min, conll, spacy, spacy-v2)"
run import news --help
check "import --help: the formats it reads" \
    out_has "--format FORMAT        jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results, labelstudio, labelstudio-min, conll, spacy or spacy-v2 (default: guessed from the name and the first record; refused when unsure)"
run import news "$D/ok.jsonl" --frob
check "unknown option is a usage error" rc_is 2
check "unknown option named" err_has "unknown option '--frob'"
run import news
check "missing FILE is a usage error" rc_is 2
run import news "$D/ok.jsonl" --skip-existing --update
check "--skip-existing with --update is a usage error" rc_is 2
check "usage errors change nothing" test "$before" = "$(db_dump)"

# Permission: an annotator may not import or export.
run --as alice import news "$D/ok.jsonl"
check "an annotator may not import" rc_is 1
check "refusal says why" err_has "permission denied"
run --as alice export news
check "an annotator may not export" rc_is 1

# --- --dry-run, --skip-existing, --update, stdin ------------------------
printf '{"id": "d1", "text": "dry"}\n' >"$D/dry.jsonl"
before=$(db_dump)
run import news "$D/dry.jsonl" --dry-run
check "--dry-run succeeds" rc_is 0
check "--dry-run says nothing was written" out_has "Dry run: would add 1 task to news"
check "--dry-run writes nothing" test "$before" = "$(db_dump)"
expect_unchanged "--dry-run still checks" import news "$D/dup.jsonl" --dry-run

run import news "$D/dup.jsonl" --skip-existing --json
check "--skip-existing" rc_is 0
check "--skip-existing counts" out_has '"skipped": 1'
check "--skip-existing adds the new one" out_has '"added": 1'
check "--skip-existing leaves the old text" test "$(q "SELECT text FROM task WHERE ext_id = 'n1'")" = "Angela Merkel visited Zürich."

printf '{"id": "n1", "text": "Angela Merkel, again.", "annotations": [{"user": "bob", "state": "rejected", "result": {}}]}\n' >"$D/upd.jsonl"
# alice labelled n1's text: a new text under her annotation needs --force.
expect_unchanged "--update of annotated text" import news "$D/upd.jsonl" --update
check "--update of annotated text names whose annotations" \
    err_is "scalec: $D/upd.jsonl:1: id 'n1': task $(q "SELECT id FROM task WHERE ext_id = 'n1'") has an annotation by alice, made on its text: --update would change the text under it (--force does)"
run import news "$D/upd.jsonl" --force
check "--force without --update is a usage error" rc_is 2
run import news "$D/upd.jsonl" --update --force
check "--update" rc_is 0
check "--update summary" out_has "Added 0 tasks to news: 1 updated"
check "--update replaces the text" test "$(q "SELECT text FROM task WHERE ext_id = 'n1'")" = "Angela Merkel, again."
check "--update keeps other users' annotations and adds bob's" \
    test "$(q "SELECT count(*) || ',' || max(submitted) FROM annotation JOIN task ON task.id = task_id WHERE ext_id = 'n1'")" = "2,2"

printf '{"id": "in1", "text": "from stdin"}\n' | "$SCALEC" import news - >"$T/out" 2>"$T/err"; rc=$?
check "stdin -" rc_is 0
check "stdin stored" test "$(q "SELECT text FROM task WHERE ext_id = 'in1'")" = "from stdin"
printf '{"text": 1}\n' | "$SCALEC" import news - >"$T/out" 2>"$T/err"; rc=$?
check "stdin errors are named stdin:LINE" err_has "stdin:1: \"text\" must be a string"

# --- the same text again, without an id: skipped with a warning ----------
"$SCALEC" project create dups --type text-classification --labels a,b >/dev/null
printf '{"text": "The same sentence."}\n{"text": "Another one."}\n{"text": "The same sentence.", "meta": {"n": 3}}\n' >"$D/same.jsonl"
run import dups "$D/same.jsonl"
check "a file with a repeated text imports" rc_is 0
check "the repeat in the file is counted" \
    err_is "scalec: warning: $D/same.jsonl: skipped 1 line without an id whose text is already in dups (line 3); --allow-duplicates imports them"
check "the summary says how many were there already" out_has "Added 2 tasks to dups: 0 updated, 0 skipped, 1 already there;"
tasks_of() { q "SELECT id, ext_id, text, meta, content_hash FROM task WHERE project_id = (SELECT id FROM project WHERE name = 'dups') ORDER BY id"; }
before=$(tasks_of)
run import dups "$D/same.jsonl" --json
check "the same file again imports" rc_is 0
check "the same file again: a warning with the count and the lines" \
    err_has "skipped 3 lines without an id whose texts are already in dups (lines 1, 2, 3)"
check "the same file again: --json counts them" test "$(printf '%s' "$(out)" | grep -c '"duplicates": 3')" = 1
check "the same file again adds no task" test "$before" = "$(tasks_of)"
printf '{"text": "Another one."}\n{"id": "s1", "text": "Another one."}\n{"text": "Another one.", "annotations": [{"user": "alice", "result": {"label": ["a"]}}]}\n' >"$D/kept.jsonl"
run import dups "$D/kept.jsonl"
check "an id, or annotations, make a line its own task" out_has "Added 2 tasks to dups: 0 updated, 0 skipped, 1 already there;"
check "the annotated repeat keeps its annotation" test "$(q "SELECT count(*) FROM annotation JOIN task ON task.id = task_id WHERE text = 'Another one.'")" = 1
run import dups "$D/same.jsonl" --allow-duplicates
check "--allow-duplicates imports them" out_is "Added 3 tasks to dups: 0 updated, 0 skipped; 0 predictions, 0 annotations."
check "--allow-duplicates: no warning" test ! -s "$T/err"
check "every task without an id has its content hash" test "$(q "SELECT count(*) FROM task WHERE content_hash IS NULL AND text IS NOT NULL AND ext_id IS NULL")" = 0
check "a task with an id has none" test "$(q "SELECT count(*) FROM task WHERE content_hash IS NOT NULL AND ext_id IS NOT NULL")" = 0
# The partial index serves the lookup as store/import.c writes it (INDEXED
# BY fails to prepare when it cannot).
check "the hash is looked up by its index" \
    sh -c "sqlite3 '$SCALEC_DB' \"EXPLAIN QUERY PLAN SELECT id FROM task INDEXED BY task_hash WHERE project_id = 1 AND content_hash = 5 AND ext_id IS NULL AND text = 'x'\" | grep -q 'USING INDEX task_hash (project_id=? AND content_hash=?)'"
before=$(db_dump)
run import dups "$D/same.jsonl" --dry-run
check "--dry-run counts repeats too" out_has "Dry run: would add 0 tasks to dups: 0 updated, 0 skipped, 3 already there;"
check "--dry-run with repeats writes nothing" test "$before" = "$(db_dump)"

# --- CSV, TSV, txt -------------------------------------------------------
printf 'id,text,lang\r\nc1,"Hello, ""world""",en\r\nc2,"two\r\nlines",en\r\nc3,plain,\r\n' >"$D/q.csv"
run import news "$D/q.csv"
check "CSV with quotes and line breaks" rc_is 0
check "CSV: three tasks" out_has "Added 3 tasks"
check "CSV: a quoted comma and quotes" test "$(q "SELECT text FROM task WHERE ext_id = 'c1'")" = 'Hello, "world"'
# Inside quotes a CRLF is the field's own (RFC 4180), so export | import
# gives back a text's CRLF; the record's own line end is not.
check "CSV: a line break in a field, its CR kept" test "$(q "SELECT hex(text) FROM task WHERE ext_id = 'c2'")" = "$(printf 'two\r\nlines' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
check "CSV: other columns into meta" test "$(q "SELECT meta FROM task WHERE ext_id = 'c1'")" = '{"lang":"en"}'
printf 'id,text\nk1,"never closed\nk2,x\n' >"$D/open.csv"
expect_unchanged "CSV: an unclosed quote" import news "$D/open.csv"
check "unclosed quote names its line" err_has "open.csv:2: a quoted field is never closed"
printf 'id,text\nk1,a,b\n' >"$D/fields.csv"
expect_unchanged "CSV: too many fields" import news "$D/fields.csv"
check "field count named" err_has "fields.csv:2: 3 fields, but the header has 2 columns"
printf 'id,body\nk1,a\n' >"$D/nohead.csv"
expect_unchanged "CSV: no text column" import news "$D/nohead.csv"
check "missing text column named" err_has "nohead.csv:1: the header row needs a \"text\" or an \"image\" column"
printf 'id,text\n' >"$D/header.csv"
expect_unchanged "CSV: only a header" import news "$D/header.csv"
check "only a header: a clear message" err_has "header.csv: empty"

printf 'text\tid\tsrc\nTab one\tt1\tx\n"quoted\ttab"\tt2\ty\n' >"$D/t.tsv"
run import news "$D/t.tsv"
check "TSV" rc_is 0
check "TSV: a quoted tab" test "$(q "SELECT text FROM task WHERE ext_id = 't2'")" = "quoted	tab"

printf 'first line\r\n\nsecond line ☃\n' >"$D/lines.txt"
run import news "$D/lines.txt"
check "txt: one task per line" rc_is 0
check "txt: blank lines skipped" out_has "Added 2 tasks"
check "txt: line endings stripped" test "$(q "SELECT count(*) FROM task WHERE text IN ('first line', 'second line ☃')")" = 2
run import news "$D/lines.txt" --format jsonl
check "--format wins over the extension" rc_is 1

# --- images and results of every kind ------------------------------------
cat >"$D/mix.jsonl" <<'EOF'
{"id": "i1", "image": "img/car.png", "annotations": [{"user": "alice", "state": "submitted", "result": {"boxes": [{"x": 1, "y": 1, "width": 4, "height": 4, "label": "car"}], "regions": [{"points": [[0, 0], [16, 0], [8, 8]], "label": "sky"}]}}]}
{"id": "i2", "image": "https://example.com/x.jpg", "width": 640, "height": 480}
{"text": "Good film, Ann said.", "meta": {"k": [1, 2]}, "predictions": [{"result": {"label": "pos"}, "score": 0.5, "model": "m"}, {"result": {"tags": ["a", "c"]}}], "annotations": [{"user": "alice", "state": "submitted", "result": {"label": ["pos"], "entities": [{"start": 11, "end": 14, "label": "PER"}], "tags": ["b"], "note": "fine ✓", "stars": 4}, "lead_time": 12.5, "late": true, "from_prediction": true, "created_at": "2025-01-02T03:04:05Z", "updated_at": "2025-01-02T03:05:00Z"}, {"user": "bob", "state": "draft", "result": {"label": []}}]}
{"text": "Skipped one.", "annotations": [{"user": "bob", "state": "skipped"}]}
EOF
run import mix "$D/mix.jsonl"
check "import of every control kind" rc_is 0
check "a relative image path is resolved against the file's folder" \
    test "$(q "SELECT image FROM task WHERE ext_id = 'i1'")" = "$D/img/car.png"
check "the image size is read from the file" \
    test "$(q "SELECT width || 'x' || height FROM task WHERE ext_id = 'i1'")" = "16x8"
check "a URL is kept, with the given size" \
    test "$(q "SELECT image || ' ' || width FROM task WHERE ext_id = 'i2'")" = "https://example.com/x.jpg 640"
check "a bare choice is normalised to a list" \
    test "$(q "SELECT result FROM prediction WHERE model = 'm'")" = '{"label":["pos"]}'
printf '{"image": "img/car.png", "annotations": [{"user": "alice", "result": {"boxes": [{"x": 10, "y": 1, "width": 8, "height": 4, "label": "car"}]}}]}\n' >"$D/box.jsonl"
expect_unchanged "a box outside its image" import mix "$D/box.jsonl"
check "box outside named" err_has "box.jsonl:1: annotation 1: \"boxes\": box 1: reaches outside the image (16x8)"
printf '{"text": "x", "annotations": [{"user": "alice", "result": {"stars": 5}}]}\n' >"$D/stars.jsonl"
expect_unchanged "a rating above max" import mix "$D/stars.jsonl"
check "rating named" err_has "\"stars\": 5 is not from 1 to 4"
printf '{"text": "x", "annotations": [{"user": "alice", "result": {"label": ["pos", "neg"]}}]}\n' >"$D/choice.jsonl"
expect_unchanged "two labels for a choice" import mix "$D/choice.jsonl"
check "choice named" err_has "\"label\": takes one label, not 2"
printf '{"text": "x", "annotations": [{"user": "alice", "late": "yes", "result": {}}]}\n' >"$D/late.jsonl"
expect_unchanged "a late flag that is not true or false" import mix "$D/late.jsonl"
check "late flag named" err_has "late.jsonl:1: annotation 1: \"late\" must be true or false"

# --- export ----------------------------------------------------------------
run export mix
check "export" rc_is 0
check "export: one line per task" test "$(wc -l <"$T/out")" = 4
check "export: width and height for images" out_has '"image": "'"$D"'/img/car.png", "width": 16, "height": 8'
check "export: the late and suggestion flags" out_has '"lead_time": 12.5, "late": true, "from_prediction": true'
check "export: flags are false by default" out_has '"state": "draft", "result": {"label": []}, "lead_time": 0.0, "late": false, "from_prediction": false'
check "export: drafts too, with timestamps" out_has '{"user": "bob", "state": "draft", "result": {"label": []}'
check "export: the task number, and no id where none was given" grep -qE '^\{"task": [0-9]+, "text": "Good film, Ann said."' "$T/out"
check "export: the task number beside the imported id" grep -qE '^\{"task": [0-9]+, "id": "' "$T/out"
run export mix --state draft
check "export --state" test "$(wc -l <"$T/out")" = 1
check "export --state filters annotations" test "$(grep -c '"user": "alice"' "$T/out")" = 0
run export mix --user alice
check "export --user" test "$(wc -l <"$T/out")" = 2
run export mix --state done
check "export: an unknown state is a usage error" rc_is 2
run export mix --user mallory
check "export: an unknown user" rc_is 1
# --since: annotations changed at or after a time, through the one time
# parser (a date, a date-time with an offset, or a span back from the clock).
run project create since --type text-classification --labels pos,neg
printf '%s\n' \
    '{"text": "old", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]}' \
    '{"text": "new", "annotations": [{"user": "alice", "result": {"label": ["neg"]}, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-03-01T12:00:00Z"}]}' \
    '{"text": "none"}' >"$D/since.jsonl"
run import since "$D/since.jsonl"
check "annotations at known times" rc_is 0
run export since --since 2026-02-01
check "export --since DATE: the task changed since" \
    test "$(wc -l <"$T/out")/$(grep -c '"text": "new"' "$T/out")" = 1/1
run export since --since 2026-03-01T12:00:00Z
check "export --since: the moment itself counts" test "$(wc -l <"$T/out")" = 1
run export since --since "2026-03-01T13:00+02:00"
check "export --since with an offset (11:00 UTC)" test "$(wc -l <"$T/out")" = 1
run export since --since "2026-03-01 12:00:01"
check "export --since a second after: nothing" test "$(wc -l <"$T/out")" = 0
SCALEC_NOW=2026-03-05T00:00:00Z run export since --since 7d
check "export --since 7d: a span back from the clock" test "$(wc -l <"$T/out")" = 1
SCALEC_NOW=2026-03-05T00:00:00Z run export since --since 1d
check "export --since 1d: nothing that new" test "$(wc -l <"$T/out")/$(wc -c <"$T/out")" = 0/0
run export since --since yesterday
check "export --since: not a time is a usage error" rc_is 2
check "export --since: says which option and what it takes" err_has "--since: "
# An annotation's times as stored: one already in the stored form kept
# as it is, every other form the parser takes written in it (UTC, whole
# seconds), an impossible one refused with nothing written.
run project create times --type text-classification --labels pos,neg
printf '%s\n' \
    '{"text": "t1", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "2026-01-31T12:00:00Z", "updated_at": "2026-01-31T14:00:00+02:00"}]}' \
    '{"text": "t2", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "2026-01-31T12:00:07.9Z", "updated_at": "2026-01-31"}]}' \
    '{"text": "t3", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "0000-01-01T00:00:00Z", "updated_at": "9999-12-31T23:59:59Z"}]}' \
    >"$D/times.jsonl"
run import times "$D/times.jsonl"
check "annotation times: imported" rc_is 0
check "annotation times: stored as UTC seconds" test "$(q "SELECT group_concat(a.created_at || '/' || a.updated_at, ' ') FROM annotation a JOIN task t ON t.id = a.task_id JOIN project p ON p.id = t.project_id WHERE p.name = 'times' ORDER BY a.id")" = \
    "2026-01-31T12:00:00Z/2026-01-31T12:00:00Z 2026-01-31T12:00:07Z/2026-01-31T00:00:00Z 0000-01-01T00:00:00Z/9999-12-31T23:59:59Z"
printf '%s\n' \
    '{"text": "t4", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "2026-02-30T00:00:00Z"}]}' \
    >"$D/times-bad.jsonl"
expect_unchanged "annotation times: 2026-02-30 refused" import times "$D/times-bad.jsonl"
check "annotation times: the refusal names the day" err_has "February 2026 has 28 days"
run export since --since 2026-02-30
check "export --since: a day that is not is a usage error" rc_is 2
run export mix --format txt
check "export: txt cannot be written" rc_is 2
check "export: the formats it writes, from the table" \
    err_has "export writes jsonl, csv, tsv, doccano, prodigy, yolo, voc, coco, labelstudio, labelstudio-min, conll, spacy or spacy-v2, not 'txt'"
run export mix --help
check "export --help: the formats it writes" \
    out_has "--format FORMAT        jsonl, csv, tsv, doccano, prodigy, yolo, voc, coco, labelstudio, labelstudio-min, conll, spacy or spacy-v2 (default: -o's extension, refused when no format has it; none or -: jsonl)"
esc=$(printf '\033')
run export mix -o "$D/out${esc}[2J.jsonl"
check "export -o: an odd file name is shown escaped" out_has "out^[[2J.jsonl"
check "export -o: no raw escape" test "$(grep -c "$esc" "$T/out")" = 0
run export mix news
check "export: a second operand is a usage error" rc_is 2
check "export: a second operand says one PROJECT" err_has "export takes PROJECT only: 'news' is one too many"
run export mix --format csv --csv-layout annotation
check "export csv" rc_is 0
check "export csv: a header with the controls" out_has "id,text,image,width,height,meta,user,state,label,entities,tags,note,stars,boxes,regions,created_at,updated_at"
check "export csv: one row per annotation" test "$(wc -l <"$T/out")" = 6

# -o is atomic: written whole, renamed; a failure leaves no file.
run export mix -o "$D/out.jsonl"
check "export -o" rc_is 0
check "export -o says what it wrote" out_has "Exported 4 tasks (4 annotations) of mix to $D/out.jsonl."
check "export -o writes the file" test "$(wc -l <"$D/out.jsonl")" = 4
check "export -o leaves no temporary file" test -z "$(ls "$D" | grep 'tmp-')"
run export mix -o "$D/ok.jsonl/x.jsonl"
check "export -o to an unwritable place fails" rc_is 1
check "unwritable place is named" err_has "ok.jsonl/x.jsonl: cannot write there"
check "and leaves no file" test ! -e "$D/ok.jsonl/x.jsonl"

# --- round trip -------------------------------------------------------------
# (annotation ids are the new database's own too)
strip_ids() { sed -E 's/^\{"task": [0-9]+, /{/; s/, "annotation_id": [0-9]+//g' "$1"; }
"$SCALEC" export mix >"$D/e1.jsonl"
run import mix2 "$D/e1.jsonl"
check "round trip: the export imports" rc_is 0
"$SCALEC" export mix2 >"$D/e2.jsonl"
check "round trip: export -> import -> export is the same (modulo task numbers)" \
    test "$(strip_ids "$D/e1.jsonl")" = "$(strip_ids "$D/e2.jsonl")"
check "round trip: a task's number does not become an id" grep -qE '^\{"task": [0-9]+, "text": "Good film' "$D/e2.jsonl"
check "round trip: the number an export wrote is not kept" \
    test "$(q "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'mix2' AND (t.meta LIKE '%\"task\"%' OR t.ext_id GLOB '[0-9]*')")" = 0

# A re-import of that export into the same project finds the tasks by
# the ids they were imported with; one imported without an id has none to
# be found by, and its number is no id.
n_ids=$(grep -c '"id": ' "$D/e1.jsonl")
n_none=$(( $(wc -l <"$D/e1.jsonl") - n_ids ))
run import mix "$D/e1.jsonl" --skip-existing
check "re-import of an export: the tasks with ids skipped" out_has "Added $n_none tasks to mix: 0 updated, $n_ids skipped"
check "re-import of an export: the tasks without come again" test "$(q "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'mix'")" = $((4 + n_none))
expect_unchanged "re-import of an export without --skip-existing" import mix "$D/e1.jsonl"
check "the imported id is named" err_has "is already in project 'mix'"

# --- local images: there, found beside the file or in --image-root -------
# A path that is not there is refused at import (FILE:LINE, exit 1, nothing
# written, no file made); --allow-missing-images takes it where the line
# gives the image's width and height.
"$SCALEC" project create pics --type image-classification --labels cat,dog >/dev/null
mkdir -p "$D/pics" "$D/lists" "$D/elsewhere"
printf 'P5\n3 2\n255\n\0\0\0\0\0\0' >"$D/pics/a.pgm"
printf '{"image": "a.pgm"}\n{"image": "gone.png"}\n' >"$D/pics/missing.jsonl"
fs_tree() { find "$D" -printf '%p %s %T@\n' | sort; }
fs_before=$(fs_tree)
expect_unchanged "a local image that does not exist" import pics "$D/pics/missing.jsonl"
check "the missing image is named at its line" err_has "missing.jsonl:2: image 'gone.png' does not exist (looked for $D/pics/gone.png)"
check "a missing image: no file made or changed" test "$fs_before" = "$(fs_tree)"
printf '{"image": "%s/pics/none.png", "width": 5}\n' "$D" >"$D/pics/abs.jsonl"
expect_unchanged "an absolute image path that does not exist" import pics "$D/pics/abs.jsonl"
check "the absolute path is named" err_has "abs.jsonl:1: image '$D/pics/none.png' does not exist"
expect_unchanged "--allow-missing-images without a size" import pics "$D/pics/abs.jsonl" --allow-missing-images
check "the size it needs is named" err_has "abs.jsonl:1: image '$D/pics/none.png' does not exist, and the line gives no width and height for --allow-missing-images"
printf '{"image": "a.pgm"}\n' >"$D/pics/here.jsonl"
(cd "$D/elsewhere" && "$SCALEC" import pics ../pics/here.jsonl >"$T/out" 2>"$T/err"); rc=$?
check "a relative image path: imported" rc_is 0
check "a relative image path is found in the file's folder, not the current one" test "$(q "SELECT image || ' ' || width || 'x' || height FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'pics'")" = "$D/pics/a.pgm 3x2"
printf '{"image": "a.pgm", "id": "r"}\n' >"$D/lists/root.jsonl"
expect_unchanged "without --image-root, the image is looked for beside the file" import pics "$D/lists/root.jsonl"
check "the folder it looked in is named" err_has "root.jsonl:1: image 'a.pgm' does not exist (looked for $D/lists/a.pgm)"
run import pics "$D/lists/root.jsonl" --image-root "$D/pics"
check "--image-root: imported" rc_is 0
check "--image-root: the path is made in it" test "$(q "SELECT image FROM task WHERE ext_id = 'r'")" = "$D/pics/a.pgm"
expect_unchanged "--image-root that is not there" import pics "$D/lists/root.jsonl" --image-root "$D/nowhere"
check "the missing root is named" err_has "--image-root $D/nowhere: No such file or directory"
expect_unchanged "--image-root that is a file" import pics "$D/lists/root.jsonl" --image-root "$D/pics/a.pgm"
check "the root that is no folder is named" err_has "not a directory"
printf '{"image": "far/b.png", "id": "m", "width": 640, "height": 480}\n' >"$D/lists/sized.jsonl"
expect_unchanged "a missing image with its size, without --allow-missing-images" import pics "$D/lists/sized.jsonl"
run import pics "$D/lists/sized.jsonl" --allow-missing-images
check "--allow-missing-images: imported" rc_is 0
check "--allow-missing-images: path and size as the line gives them" test "$(q "SELECT image || ' ' || width || 'x' || height FROM task WHERE ext_id = 'm'")" = "$D/lists/far/b.png 640x480"

# --- a 10 MB line imports intact ----------------------------------------
{ printf '{"id": "big", "text": "'; head -c 10485760 /dev/zero | tr '\0' 'a'; printf '"}\n'; } >"$D/big.jsonl"
run import news "$D/big.jsonl"
check "a 10 MB line imports" rc_is 0
check "the 10 MB text is stored whole" test "$(q "SELECT length(text) FROM task WHERE ext_id = 'big'")" = 10485760
"$SCALEC" export news >"$D/big-out.jsonl"
check "and exports whole" test "$(grep '"id": "big"' "$D/big-out.jsonl" | sed -E 's/.*"text": "(a*)".*/\1/' | tr -d '\n' | wc -c)" = 10485760

# An export that fails half-way (the file size limit) leaves the old file.
echo old >"$D/keep.jsonl"
( ulimit -f 64; "$SCALEC" export news -o "$D/keep.jsonl" >"$T/out" 2>"$T/err" ); rc=$?
check "an export that fails half-way exits 1" rc_is 1
check "half-way failure is reported" err_has "writing failed"
check "half-way failure leaves the old file as it was" test "$(cat "$D/keep.jsonl")" = old
check "half-way failure leaves no temporary file" test -z "$(ls "$D" | grep 'tmp-')"

# A regular file is parsed ahead, in a thread of its own (formats/ahead.c):
# what is wrong far into a large file, or at its very start while the
# thread fills its ring, is told once, at its line, in order, and nothing
# is imported; a file that is all right imports every line, in order.
awk 'BEGIN { for (i = 1; i <= 5000; i++) {
	if (i % 7 == 0) print ""
	printf "{\"id\": \"a%d\", \"text\": \"line %d\"}\n", i, i } }' \
    > "$D/ahead.jsonl"
cp "$D/ahead.jsonl" "$D/ahead-bad.jsonl"
printf '{"id": "bad", "text": \n' >> "$D/ahead-bad.jsonl"
cat "$D/ahead.jsonl" >> "$D/ahead-bad.jsonl"
bad_line=$(grep -n '"bad"' "$D/ahead-bad.jsonl" | cut -d: -f1)
expect_unchanged "ahead: malformed JSON far into a file" import news "$D/ahead-bad.jsonl"
check "ahead: its line, once" test "$(grep -c 'malformed JSON' "$T/err")" = 1
check "ahead: at line $bad_line" err_has "ahead-bad.jsonl:$bad_line: malformed JSON at column"
{ printf '{"text": 5}\n'; cat "$D/ahead.jsonl"; } > "$D/ahead-first.jsonl"
expect_unchanged "ahead: a bad first line while the thread reads on" import news "$D/ahead-first.jsonl"
check "ahead: the first line's error alone" test "$(wc -l < "$T/err")" = 1
check "ahead: at line 1" err_has "ahead-first.jsonl:1:"
"$SCALEC" project create ahead --type text-classification --labels y,n >/dev/null
run import ahead "$D/ahead.jsonl"
check "ahead: a large file imports" rc_is 0
check "ahead: every line, in order" test \
    "$(sqlite3 "$SCALEC_DB" "select group_concat(ext_id) from (select ext_id from task t join project p on p.id = t.project_id where p.name = 'ahead' order by t.id)")" = \
    "$(awk 'NF { sub(/^.*"id": "/, ""); sub(/".*/, ""); printf "%s%s", s, $0; s = "," }' "$D/ahead.jsonl")"

# Plain lines (an id, a text, meta) go in 64 by one INSERT (store
# import.c's write_rows): an id the project has, or an earlier line's, in
# the middle of such a group is still told at its own line, nothing
# imported; lines of other kinds between them keep the order of the lines.
awk 'BEGIN { for (i = 1; i <= 200; i++) printf "{\"id\": \"g%d\", \"text\": \"g %d\", \"meta\": {\"n\": %d}}\n", i, i, i
	print "{\"id\": \"g37\", \"text\": \"again\"}"
	for (i = 201; i <= 300; i++) printf "{\"id\": \"g%d\", \"text\": \"g %d\"}\n", i, i }' >"$D/rows-rep.jsonl"
expect_unchanged "rows: an id repeated in a group of 64" import ahead "$D/rows-rep.jsonl"
check "rows: the repeat named at its line" err_has "rows-rep.jsonl:201: id 'g37' is repeated: an earlier line of this file has it"
awk 'BEGIN { for (i = 1; i <= 200; i++) printf "{\"id\": \"%s%d\", \"text\": \"k %d\"}\n", i == 150 ? "a" : "k", i, i }' >"$D/rows-known.jsonl"
expect_unchanged "rows: an id the project has in a group of 64" import ahead "$D/rows-known.jsonl"
check "rows: the known id named at its line" err_has "rows-known.jsonl:150: id 'a150' is already in project 'ahead'"
"$SCALEC" project create rows --type ner --labels PER,ORG >/dev/null
awk 'BEGIN { for (i = 1; i <= 300; i++) {
	if (i % 97 == 0) printf "{\"text\": \"no id %d\"}\n", i
	else if (i % 89 == 0) printf "{\"id\": \"r%d\", \"text\": \"Ann %d\", \"annotations\": [{\"user\": \"alice\", \"state\": \"submitted\", \"result\": {\"entities\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}]}}]}\n", i, i
	else if (i % 83 == 0) printf "{\"id\": \"r%d\", \"text\": \"top %d\", \"priority\": 5}\n", i, i
	else printf "{\"id\": \"r%d\", \"text\": \"r %d\", \"meta\": {\"i\": %d}, \"x\": 1}\n", i, i, i } }' >"$D/rows-mixed.jsonl"
run import rows "$D/rows-mixed.jsonl"
check "rows: plain lines among others import" rc_is 0
check "rows: every task in the order of its line" test \
    "$(q "SELECT group_concat(coalesce(ext_id, text), ',') FROM (SELECT ext_id, text FROM task WHERE project_id = (SELECT id FROM project WHERE name = 'rows') ORDER BY id)")" = \
    "$(awk '{ if (match($0, /"id": "[^"]*"/)) printf "%s%s", s, substr($0, RSTART + 7, RLENGTH - 8); else { match($0, /"text": "[^"]*"/); printf "%s%s", s, substr($0, RSTART + 9, RLENGTH - 10) } s = "," }' "$D/rows-mixed.jsonl")"
check "rows: meta and other keys kept" test "$(q "SELECT meta FROM task WHERE ext_id = 'r5'")" = '{"i":5,"x":1}'
check "rows: the priority kept" test "$(q "SELECT priority FROM task WHERE ext_id = 'r83'")" = 5
check "rows: the counters" test "$(q "SELECT task_count FROM project WHERE name = 'rows'")" = 300
check "rows: the batch's range" test "$(q "SELECT (last_task - first_task + 1) || '/' || tasks FROM import_batch WHERE project_id = (SELECT id FROM project WHERE name = 'rows')")" = 300/300

done_testing
