#!/bin/bash
# CSV and TSV (formats/csv.c): the task layout (the default export) reads
# back exactly, cells that a spreadsheet would run included (the formula
# guard's "'" on the way out, taken off on the way in; --csv-raw neither),
# quotes, line breaks and CRLF inside cells; the annotation layout stays on
# --csv-layout annotation. Import matches header names without regard to
# case, takes --text-column and --id-column, sniffs the separator or takes
# --delimiter, and every bad input leaves the database as it was, naming
# the header it saw.
. "$SRCDIR/tests/cli/lib.sh"

D=$T/data
mkdir -p "$D"
run init
run user add ann
run user add rev --role reviewer
for p in p q r; do
	run project create "$p" --type text-classification --labels pos,neg
done
check "projects" rc_is 0

# Texts and meta that start with each character the guard is about, a
# "'" before one already, quotes, separators, line breaks, CRLF, emoji; a
# negative priority; predictions, annotations with a review, a final.
cat >"$D/in.jsonl" <<'JSON'
{"id": "eq", "text": "=HYPERLINK(\"http://x\",\"y\")", "meta": {"note": "-1", "at": "@home"}, "priority": -3}
{"id": "plus", "text": "+1+2", "predictions": [{"model": "m", "score": 0.5, "result": {"label": ["pos"]}}]}
{"id": "minus", "text": "-dash, with a comma; and a semicolon"}
{"id": "at", "text": "@SUM(A1)\ttab inside"}
{"id": "tab", "text": "\tleading tab"}
{"id": "cr", "text": "\rleading CR"}
{"id": "q1", "text": "'=already quoted"}
{"id": "q2", "text": "''+two quotes"}
{"id": "q3", "text": "'plain quote"}
{"id": "nl", "text": "two\nlines and \"quotes\""}
{"id": "crlf", "text": "windows\r\nline\r\n", "meta": {"k": "=v"}}
{"id": "emoji", "text": "👩‍💻 café 東京", "annotations": [{"user": "ann", "state": "accepted", "result": {"label": ["neg"]}, "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-01T10:00:00Z"}]}]}
{"id": "fin", "text": "settled", "annotations": [{"user": "ann", "annotation_id": 9, "result": {"label": ["pos"]}}], "final_answer": {"result": {"label": ["pos"]}, "settled_by": "rev", "from_annotation": 9, "at": "2026-06-01T10:00:00Z"}}
JSON
run import p "$D/in.jsonl"
check "the source tasks" rc_is 0

# same A B: two JSONL exports alike but for the database's own numbers.
norm() { sed -e 's/"task": [0-9]*, //' -e 's/"annotation_id": [0-9]*/"annotation_id": N/g' \
    -e 's/"from_annotation": [0-9]*/"from_annotation": N/g' -e 's/"withdraws": [0-9]*/"withdraws": N/g' "$1"; }
"$SCALEC" export p > "$T/p.jsonl"

# --- the task layout: export | import exact -------------------------------
run export p --format csv -o "$T/p.csv"
check "export csv" rc_is 0
check "csv: the task layout's header" \
    test "$(head -n 1 "$T/p.csv")" = "$(printf 'task,id,text,image,width,height,priority,meta,tokens,predictions,annotations,final_answer\r')"
check "csv: = written after a '" grep -qF ",eq,\"'=HYPERLINK(" "$T/p.csv"
check "csv: + written after a '" grep -qF ",plus,'+1+2," "$T/p.csv"
check "csv: - written after a '" grep -qF ",minus,\"'-dash" "$T/p.csv"
check "csv: @ written after a '" grep -qF ",at,'@SUM" "$T/p.csv"
check "csv: a leading tab after a '" grep -qF ",tab,'	leading" "$T/p.csv"
check "csv: a leading CR after a '" grep -qF ",cr,\"'$(printf '\r')leading" "$T/p.csv"
check "csv: a ' before one gets one more" grep -qF ",q1,''=already" "$T/p.csv"
check "csv: and before two" grep -qF ",q2,'''+two" "$T/p.csv"
check "csv: a ' before a letter stays as it is" grep -qF ",q3,'plain quote," "$T/p.csv"
check "csv: a negative priority guarded too" grep -qF ",'-3," "$T/p.csv"
check "csv: no cell starts with = + - @" \
    test "$(grep -c -E '(^|,)[=+@-]' "$T/p.csv")" = 0
run import q "$T/p.csv"
check "csv: import reads the task layout" rc_is 0
check "csv: the same counts" out_has "Added 13 tasks to q: 0 updated, 0 skipped; 1 prediction, 2 annotations"
"$SCALEC" export q > "$T/q.jsonl"
check "csv: export | import gives the same tasks, byte for byte" \
    cmp <(norm "$T/p.jsonl") <(norm "$T/q.jsonl")
"$SCALEC" export q --format csv -o "$T/q.csv" > /dev/null
check "csv: and writes the same file again but for the numbers" \
    cmp <(cut -d, -f2- "$T/p.csv" | sed 's/""annotation_id"":[0-9]*/N/g; s/""from_annotation"":[0-9]*/N/g') \
    <(cut -d, -f2- "$T/q.csv" | sed 's/""annotation_id"":[0-9]*/N/g; s/""from_annotation"":[0-9]*/N/g')

run export p --format tsv -o "$T/p.tsv"
run import r "$T/p.tsv"
check "tsv: import reads the task layout" rc_is 0
"$SCALEC" export r > "$T/r.jsonl"
check "tsv: export | import gives the same tasks" \
    cmp <(norm "$T/p.jsonl") <(norm "$T/r.jsonl")

# --- --csv-raw: no guard either way ---------------------------------------
run export p --format csv --csv-raw
check "--csv-raw: the cell as it is" out_has ",plus,+1+2,"
check "--csv-raw: a ' stays one" out_has ",q1,'=already"
run project create raw --type text-classification --labels pos,neg
printf "id,text\nplus,'+1+2\n" >"$D/guarded.csv"
run import raw "$D/guarded.csv" --csv-raw
check "--csv-raw import: done" rc_is 0
check "--csv-raw import: the ' is data" \
    test "$(sqlite3 "$SCALEC_DB" "select text from task t join project p on p.id = t.project_id where p.name = 'raw' and ext_id = 'plus'")" = "'+1+2"
run export p --format csv --csv-raw -o "$T/raw.csv"
run project create raw2 --type text-classification --labels pos,neg
run import raw2 "$T/raw.csv" --csv-raw
check "--csv-raw both ways: done" rc_is 0
"$SCALEC" export raw2 > "$T/raw2.jsonl"
check "--csv-raw both ways: the same tasks" \
    cmp <(norm "$T/p.jsonl") <(norm "$T/raw2.jsonl")
expect_usage "--csv-raw with jsonl" export p --csv-raw
check "--csv-raw with jsonl: named" err_has "--csv-raw is for csv and tsv, not jsonl"

# --- the annotation layout stays -------------------------------------------
run export p --format csv --csv-layout annotation
check "--csv-layout annotation: its header" out_has "task,id,text,image,width,height,meta,user,state,label,created_at,updated_at"
check "--csv-layout annotation: guarded too" out_has ",plus,'+1+2,"
expect_usage "--csv-layout with jsonl" export p --csv-layout annotation
check "--csv-layout with jsonl: named" err_has "--csv-layout is for csv and tsv, not jsonl"
expect_usage "--csv-layout nonsense" export p --format csv --csv-layout rows
check "--csv-layout nonsense: named" err_has "'rows' is neither task nor annotation"

# --- headers: case, --text-column, --id-column -----------------------------
run project create h --type text-classification --labels pos,neg
printf 'ID,Text,Lang\nh1,Hello,en\n' >"$D/case.csv"
run import h "$D/case.csv"
check "header case: done" rc_is 0
check "header case: Text and ID" \
    test "$(sqlite3 "$SCALEC_DB" "select ext_id || '|' || text || '|' || meta from task where ext_id = 'h1'")" = 'h1|Hello|{"Lang":"en"}'
printf 'key,body,text\nh2,the body,a column of meta\n' >"$D/cols.csv"
run import h "$D/cols.csv" --text-column BODY --id-column key
check "--text-column, --id-column: done" rc_is 0
check "--text-column, --id-column: taken" \
    test "$(sqlite3 "$SCALEC_DB" "select text || '|' || meta from task where ext_id = 'h2'")" = 'the body|{"text":"a column of meta"}'

# --- the separator: sniffed or given ---------------------------------------
printf 'id;text\ns1;hello, world\n' >"$D/semi.csv"
run import h "$D/semi.csv"
check "sniffed ;: done" rc_is 0
check "sniffed ;: the comma is the text's" \
    test "$(sqlite3 "$SCALEC_DB" "select text from task where ext_id = 's1'")" = "hello, world"
printf 'id\ttext\ns2\tone, two; three\n' >"$D/tab.csv"
run import h "$D/tab.csv"
check "sniffed tab in a .csv" \
    test "$(sqlite3 "$SCALEC_DB" "select text from task where ext_id = 's2'")" = "one, two; three"
printf 'id|text\ns3|piped\n' >"$D/pipe.csv"
run import h "$D/pipe.csv" --delimiter '|'
check "--delimiter |" \
    test "$(sqlite3 "$SCALEC_DB" "select text from task where ext_id = 's3'")" = "piped"
printf 'id,text\ns4,"a;b"\n' >"$D/given.csv"
run import h "$D/given.csv" --delimiter ,
check "--delimiter , over a ; in quotes" \
    test "$(sqlite3 "$SCALEC_DB" "select text from task where ext_id = 's4'")" = "a;b"
expect_usage "--delimiter of two characters" import h "$D/given.csv" --delimiter ';;'
check "--delimiter of two: named" err_has "';;' is not one character"
expect_usage "--delimiter with jsonl" import h "$D/in.jsonl" --delimiter ';'
check "--delimiter with jsonl: named" err_has "--delimiter is for csv and tsv, not jsonl"

# --- CRLF files --------------------------------------------------------------
printf 'id,text\r\nw1,"a\r\nb"\r\nw2,plain\r\n' >"$D/crlf.csv"
run import h "$D/crlf.csv"
check "CRLF: done" rc_is 0
check "CRLF: the row's line end is not the text's" \
    test "$(sqlite3 "$SCALEC_DB" "select hex(text) from task where ext_id = 'w2'")" = 706C61696E
check "CRLF: inside quotes it is" \
    test "$(sqlite3 "$SCALEC_DB" "select hex(text) from task where ext_id = 'w1'")" = 610D0A62

# --- bad input: nothing imported, the header shown -------------------------
printf 'id,body\nk1,a\n' >"$D/nohead.csv"
expect_unchanged "no text column" import h "$D/nohead.csv"
check "no text column: the header it saw" err_has "nohead.csv:1: the header row needs a \"text\" or an \"image\" column (or --text-column NAME); the header has \"id\", \"body\""
expect_unchanged "--text-column not there" import h "$D/nohead.csv" --text-column words
check "--text-column not there: named" err_has "nohead.csv:1: --text-column names no column of it; the header has \"id\", \"body\""
expect_unchanged "--id-column not there" import h "$D/nohead.csv" --text-column body --id-column key
check "--id-column not there: named" err_has "--id-column names no column of it"
printf 'text,Text\na,b\n' >"$D/twice.csv"
expect_unchanged "text twice" import h "$D/twice.csv"
check "text twice: named" err_has "the header names column \"Text\" twice (as \"text\" too"
printf 'text,annotations\nx,"[{""user"": ""ann"","\n' >"$D/badjson.csv"
expect_unchanged "annotations not JSON" import h "$D/badjson.csv"
check "annotations not JSON: named" err_has "badjson.csv:2: the \"annotations\" cell is not JSON"
printf 'text,annotations\nx,"{""user"": ""ann""}"\n' >"$D/notlist.csv"
expect_unchanged "annotations not a list" import h "$D/notlist.csv"
check "annotations not a list: named" err_has "notlist.csv:2: \"annotations\""
printf 'text,meta,annotations\nx,"[1]",\n' >"$D/meta.csv"
expect_unchanged "meta not an object" import h "$D/meta.csv"
check "meta not an object: named" err_has "meta.csv:2: \"meta\""
printf 'text,width,annotations\nx,wide,\n' >"$D/width.csv"
expect_unchanged "width not a number" import h "$D/width.csv"
check "width not a number: named" err_has "width.csv:2: the \"width\" cell is not JSON"
printf 'text,annotations\nx,"[{""user"": ""nobody"", ""result"": {}}]"\n' >"$D/nobody.csv"
expect_unchanged "an annotation by nobody known" import h "$D/nobody.csv"
check "an annotation by nobody known: named" err_has "nobody.csv:2:"
printf 'id,text\nk1,"never closed\n' >"$D/open.csv"
expect_unchanged "an unclosed quote" import h "$D/open.csv"
check "an unclosed quote: named" err_has "open.csv:2: a quoted field is never closed"

# The task layout of tasks with no lists is written cell by cell from the
# task (write_task_row_direct), not cut from its JSONL record: byte for
# byte what that wrote (these digests are of the record way's files): the
# guard, quotes, separators, line breaks, a quoted id, priorities, meta
# with reals, -0.0, a tab, bidi and C1 controls, non-ASCII, in a
# database of its own (the task numbers are in the files).
cat >"$D/direct.jsonl" <<'JSON'
{"id": 5, "text": "=SUM(A1) formula", "meta": {"a": "x,y", "b": [1, 2.5, -0.0, 1e300], "c": "tab\there"}}
{"id": "5", "text": "quoted \"id\" and, comma"}
{"id": "-7x", "text": "line\nbreak\r\nand cr", "priority": -3}
{"id": "'+1", "text": "+plus", "priority": 12, "meta": {"bidi": "\u202e rtl \u0085 c1 \u007f del"}}
{"text": "-minus\tTAB @at", "meta": {}}
{"id": 12345678901234, "text": "'=already guarded", "meta": {"nested": {"deep": {"x": null, "t": true}}}}
{"id": "東京", "text": "東京 Zürich 😀 e\u0301"}
{"text": "\u0001 ctrl \u001f", "meta": {"k\"ey": "v\\al"}}
JSON
DB=(--db "$T/direct.db")
run "${DB[@]}" init
run "${DB[@]}" project create direct --type text-classification \
    --labels pos,neg
run "${DB[@]}" import direct "$D/direct.jsonl"
check "direct: import" rc_is 0
digest() { sha256sum "$1" | cut -d' ' -f1; }
for f in csv tsv; do
	run "${DB[@]}" export direct --format $f -o "$T/direct.$f"
	run "${DB[@]}" export direct --format $f --csv-raw \
	    -o "$T/direct.raw.$f"
done
check "direct: csv, the record way's bytes" [ "$(digest "$T/direct.csv")" = \
    45fab8d453b3d998795269291c80dc00cac9dac67ba724a7bc1d1e83add4386d ]
check "direct: tsv, the record way's bytes" [ "$(digest "$T/direct.tsv")" = \
    13bb5beaf46c49f4c6b3c40d3777a28e307591d7906a74ddfbfdc4c5835424e7 ]
check "direct: csv --csv-raw, the record way's bytes" \
    [ "$(digest "$T/direct.raw.csv")" = \
    b66c4c58eb87baff8dbb96f6214bacc83aaf0a3de8ce4f05ecbe2b0d4232cd32 ]
check "direct: tsv --csv-raw, the record way's bytes" \
    [ "$(digest "$T/direct.raw.tsv")" = \
    2fa4e4088ee90a290c3c300871841fd97d14f58de4f766c11298f3e4d992944e ]
check "direct: the guard" grep -qF "1,5,'=SUM(A1) formula" "$T/direct.csv"
done_testing
