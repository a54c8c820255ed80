#!/bin/bash
# Data that says what it is (issue 8, section 3): every input scalec cannot
# take as what it claims to be is refused with its position, exit 1 (2 for
# a usage error), and the database exactly as it was: impossible times,
# white space as a task's text, config.yaml that is not one plain path (an
# alias, an anchor, a tag, a list, nesting without end), a key script
# without end, numbers that are not digits, output that could not be
# written. And what an import records: who imported an annotation in
# another person's name.
. "$SRCDIR/tests/cli/lib.sh"

D=$T/data
mkdir -p "$D"
q() { sqlite3 "$SCALEC_DB" "$1"; }

run init
"$SCALEC" project create p --type text-classification --labels pos,neg \
    >/dev/null
"$SCALEC" user add alice --role annotator >/dev/null
me=$(id -un)

# --- times: one rule, util/when.c's --------------------------------------
ann() { printf '{"text": "t", "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "%s"}]}\n' "$1" >"$D/t.jsonl"; }
pred() { printf '{"text": "t", "predictions": [{"result": {"label": ["pos"]}, "created_at": "%s"}]}\n' "$1" >"$D/t.jsonl"; }
ann 2026-13-45T99:00:00Z
expect_unchanged "annotation: month 13" import p "$D/t.jsonl"
check "annotation: month 13 named with FILE:LINE" \
    err_is "scalec: $D/t.jsonl:1: annotation 1: \"created_at\": '2026-13-45T99:00:00Z': there is no month 13"
ann 2026-02-30
expect_unchanged "annotation: February 30" import p "$D/t.jsonl"
check "annotation: February 30 says why" \
    err_has "t.jsonl:1: annotation 1: \"created_at\": '2026-02-30': February 2026 has 28 days"
pred 2026-02-30T00:00:00Z
expect_unchanged "prediction: February 30" import p "$D/t.jsonl"
check "prediction: February 30 named" \
    err_has "t.jsonl:1: prediction 1: \"created_at\": '2026-02-30T00:00:00Z': February 2026 has 28 days"
pred "yesterday"
expect_unchanged "prediction: a malformed time is an error, not now" \
    import p "$D/t.jsonl"
check "prediction: the malformed time named" \
    err_has "t.jsonl:1: prediction 1: \"created_at\": 'yesterday': not a date"
pred 7d
expect_unchanged "prediction: a span is no time in a file" import p "$D/t.jsonl"
printf '{"text": "t", "predictions": [{"result": {}, "created_at": 5}]}\n' >"$D/t.jsonl"
expect_unchanged "prediction: a number is no time" import p "$D/t.jsonl"
check "prediction: a number named" \
    err_has "t.jsonl:1: prediction 1: \"created_at\" must be a time like 2026-01-31T12:00:00Z"
# What when.c takes is stored in the one stored form.
printf '{"id": "tz", "text": "t", "predictions": [{"result": {"label": ["neg"]}, "created_at": "2024-02-29T23:30:00.75-01:00"}], "annotations": [{"user": "alice", "result": {"label": ["pos"]}, "created_at": "2026-01-31", "updated_at": "2026-01-31T12:00:00+02:00"}]}\n' >"$D/tz.jsonl"
run import p "$D/tz.jsonl"
check "times with offsets import" rc_is 0
check "a prediction's time is stored in UTC" \
    test "$(q "SELECT created_at FROM prediction")" = "2024-03-01T00:30:00Z"
check "an annotation's times are stored in UTC" \
    test "$(q "SELECT created_at || ' ' || updated_at FROM annotation")" = "2026-01-31T00:00:00Z 2026-01-31T10:00:00Z"

# --- who imported an annotation in another's name ----------------------------
check "an annotation imported in alice's name records the importer" \
    test "$(q "SELECT u.name FROM annotation a JOIN user u ON u.id = a.acted_by")" = "$me"
run log p --limit 1
check "scalec log: the import says it put annotations in others' names" \
    out_has "; 1 annotation in other people's names"
printf '{"id": "own", "text": "mine", "annotations": [{"user": "%s", "result": {"label": ["neg"]}}]}\n' "$me" >"$D/own.jsonl"
run import p "$D/own.jsonl"
check "one's own annotation imports" rc_is 0
check "one's own annotation records no one beside" \
    test "$(q "SELECT count(*) FROM annotation a JOIN task t ON t.id = a.task_id WHERE t.ext_id = 'own' AND a.acted_by IS NULL")" = 1
"$SCALEC" user add carol --role admin >/dev/null
printf '{"id": "as", "text": "as carol", "annotations": [{"user": "alice", "result": {"label": ["neg"]}}]}\n' >"$D/as.jsonl"
run --as carol import p "$D/as.jsonl"
check "import --as carol" rc_is 0
run log p --limit 1 --json
check "scalec log: the import --as carol, by the real login" \
    out_has "\"real_user\": \"$me\""
check "--as: the real login is recorded, as --as does" \
    test "$(q "SELECT u.name FROM annotation a JOIN task t ON t.id = a.task_id JOIN user u ON u.id = a.acted_by WHERE t.ext_id = 'as'")" = "$me"

# --- white space is no text ------------------------------------------------
printf '{"text": "fine"}\n{"text": " \\t\\u3000\\n "}\n' >"$D/ws.jsonl"
expect_unchanged "jsonl: a text of white space" import p "$D/ws.jsonl"
check "jsonl: white space is an empty text at its line" \
    err_is "scalec: $D/ws.jsonl:2: the text is empty (only white space): a task needs something to label"
printf 'id,text\nw1,ok\nw2,"  "\n' >"$D/ws.csv"
expect_unchanged "csv: a text of white space" import p "$D/ws.csv"
check "csv: named at its line" err_has "ws.csv:3: the text is empty (only white space)"
printf 'one\n \t \n' >"$D/ws.txt"
expect_unchanged "txt: a line of white space" import p "$D/ws.txt" --format txt
check "txt: named at its line" err_has "ws.txt:2: the text is empty (only white space)"
mkdir "$D/wsdir" && printf '  \n\n' >"$D/wsdir/blank.txt"
expect_unchanged "file add: a file of white space" file add p "$D/wsdir/blank.txt"

# --- numbers are digits -------------------------------------------------------
echo q >"$D/q1.keys"
for n in ' 5' '+5' '5 ' '0x5' '-1' '5.0'; do
	before=$(db_dump)
	run project create n --type text-classification --labels a,b --overlap "$n"
	check "--overlap '$n' is a usage error" rc_is 2
	check "--overlap '$n' says what a number is" \
	    err_has "--overlap: '$n' is not a number from 1 to"
	check "--overlap '$n' changes nothing" test "$before" = "$(db_dump)"
done
for sz in ' 80x24' '+80x24' '80x+24' '80x 24' '0x24' '1001x24' '80x24x'; do
	before=$(db_dump)
	run annotate p --keys "$D/q1.keys" --size "$sz"
	check "--size '$sz' is a usage error" rc_is 2
	check "--size '$sz' says what it takes" \
	    err_has "--size: takes WIDTHxHEIGHT, e.g. 80x24, not '$sz'"
	check "--size '$sz' changes nothing" test "$before" = "$(db_dump)"
done
run annotate p --keys "$D/q1.keys" --size 100x030 --json
check "--size 100x030 is 100 by 30" rc_is 0
run project create n --type text-classification --labels a,b --overlap 05
check "--overlap 05 is the number 5" test "$(q "SELECT overlap FROM project WHERE name = 'n'")" = 5

# --- output that could not be written --------------------------------------
if [ -w /dev/full ]; then
	for args in "--help" "--version" "help" "help import" "import --help" \
	    "project list" "export p"; do
		# shellcheck disable=SC2086
		"$SCALEC" $args >/dev/full 2>"$T/err"; rc=$?
		check "'scalec $args > /dev/full' exits 1" rc_is 1
		check "'scalec $args > /dev/full' says so" \
		    err_has "writing the output failed"
	done
	before=$(db_dump)
	printf '{"text": "to full"}\n' >"$D/full.jsonl"
	"$SCALEC" import p "$D/full.jsonl" >/dev/full 2>"$T/err"; rc=$?
	check "import > /dev/full exits 1" rc_is 1
else
	ok "# SKIP /dev/full is not writable here"
fi
"$SCALEC" --help >&- 2>"$T/err"; rc=$?
check "a closed stdout is a failure too" rc_is 1
"$SCALEC" --help | head -1 >/dev/null; rc=${PIPESTATUS[0]}
check "a reader that stops early is no failure of ours (SIGPIPE)" test "$rc" -eq 0 -o "$rc" -eq 141

# --- a key script has an end -----------------------------------------------
"$SCALEC" import p - <<<'{"text": "to label"}' >/dev/null
head -c 1048577 /dev/zero | tr '\0' ' ' >"$D/big.keys"
expect_unchanged "a key script over 1 MiB" annotate p --keys "$D/big.keys"
check "a key script over 1 MiB says so" err_has "big.keys: larger than 1 MiB"
before=$(db_dump)
"$SCALEC" annotate p --keys /dev/zero >"$T/out" 2>"$T/err"; rc=$?
check "--keys /dev/zero is refused" rc_is 1
check "--keys /dev/zero: at the limit, not out of memory" err_has "/dev/zero: larger than 1 MiB"
check "--keys /dev/zero changes nothing" test "$before" = "$(db_dump)"
head -c 1048000 /dev/zero | tr '\0' ' ' >"$D/edge.keys"; echo q >>"$D/edge.keys"
run annotate p --keys "$D/edge.keys"
check "a key script just under 1 MiB runs" rc_is 0

# --- config.yaml: database: is one plain path ------------------------------
mkdir -p "$HOME/.config/scalec"
CY=$HOME/.config/scalec/config.yaml
cy() {	# cy NAME TEXT: config.yaml holds TEXT; scalec is refused, and
	# neither the database it would name nor the test's changes
	_name=$1
	printf '%s\n' "$2" >"$CY"
	_before=$(db_dump)
	( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
	check "config.yaml: $_name is refused" rc_is 1
	check "config.yaml: $_name: nothing made" test ! -e "$D/cy.db"
	check "config.yaml: $_name: the database as it was" \
	    test "$_before" = "$(db_dump)"
}
cy "an alias" "$(printf 'x: &d %s/cy.db\ndatabase: *d' "$D")"
check "config.yaml: the alias at its position" \
    err_has "scalec: $CY:1:4: an anchor (&d): anchors and aliases are not supported, write the value out"
cy "an anchor alone" "database: &a $D/cy.db"
check "config.yaml: the anchor at its position" err_has "$CY:1:11: an anchor (&a)"
cy "a tag" "database: !!python/object:os.system $D/cy.db"
check "config.yaml: the tag at its position" \
    err_has "$CY:1:11: a tag (tag:yaml.org,2002:python/object:os.system): every value is read as text"
cy "a list" "$(printf 'database:\n  - %s/cy.db' "$D")"
check "config.yaml: a list at its position" err_has "$CY:2:3: database must be text, not a list"
cy "a mapping" "database: {path: $D/cy.db}"
check "config.yaml: a mapping at its position" err_has "$CY:1:11: database must be text, not a mapping"
python3 -c 'print("database: " + "[" * 100000 + "]" * 100000)' >"$CY" 2>/dev/null ||
    { printf 'database: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; echo; } >"$CY"
_before=$(db_dump)
start=$(date +%s)
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
took=$(( $(date +%s) - start ))
check "config.yaml: 100,000 nested brackets are refused" rc_is 1
check "config.yaml: at once (${took}s), not after half a minute" test "$took" -le 2
check "config.yaml: at the bracket too deep" err_has "$CY:1:74: nested more than 64 deep"
check "config.yaml: deep nesting: the database as it was" test "$_before" = "$(db_dump)"
rm -f "$CY"

# --- imported ids and task numbers are two namespaces ---------------------
"$SCALEC" project create ns --type text-classification --labels pos,neg \
    >/dev/null
printf 'first, no id\nsecond, no id\n' >"$D/noid.txt"
run import ns "$D/noid.txt"
n1=$(q "SELECT min(id) FROM task t WHERE t.project_id = (SELECT id FROM project WHERE name = 'ns')")
printf '{"text": "%s", "annotations": [{"user": "alice", "result": {"label": ["pos"]}}]}\n' "labelled" >"$D/lab.jsonl"
run import ns "$D/lab.jsonl"
nl=$(q "SELECT max(id) FROM task")
# A user's own ids that happen to be those numbers.
printf 'id,text\n%s,"their one"\n%s,"their labelled"\n' "$n1" "$nl" >"$D/theirs.csv"
before=$(q "SELECT id || ':' || text FROM task ORDER BY id")
run import ns "$D/theirs.csv"
check "an id that reads as a task number is no task number" rc_is 0
check "both are new tasks with those ids" out_has "Added 2 tasks to ns: 0 updated, 0 skipped"
check "the numbered tasks are as they were" test "$before" = "$(q "SELECT id || ':' || text FROM task WHERE id <= $nl ORDER BY id")"
check "the ids are the new tasks'" test "$(q "SELECT count(*) FROM task WHERE ext_id IN ('$n1', '$nl') AND id > $nl")" = 2
printf 'id,text\n%s,"theirs, again"\nz9,"another"\n' "$nl" >"$D/again.csv"
for opt in --skip-existing --update; do
	before=$(q "SELECT id || ':' || text FROM task ORDER BY id")
	run import ns "$D/again.csv" $opt --dry-run
	check "$opt: a number is matched only as an imported id" out_has "would add 1 task to ns: $([ $opt = --update ] && echo 1 || echo 0) updated, $([ $opt = --skip-existing ] && echo 1 || echo 0) skipped"
	check "$opt --dry-run changes nothing" test "$before" = "$(q "SELECT id || ':' || text FROM task ORDER BY id")"
done
run import ns "$D/again.csv" --update
check "--update changes the task with that imported id" \
    test "$(q "SELECT text FROM task WHERE ext_id = '$nl'")" = "theirs, again"
check "--update leaves the task numbered so" \
    test "$(q "SELECT text FROM task WHERE id = $nl")" = "labelled"
# On the command line: 42 is a task number, id:42 an imported id.
run file show "$nl"
check "file show N is task N" out_has "labelled"
run file show "id:$nl" --project ns
check "file show id:N is the task imported with id N" out_has "theirs, again"

# --update under annotations: refused unless --force, naming them.
"$SCALEC" user add bob --role annotator >/dev/null
printf '{"id": "a1", "text": "old text", "annotations": [{"user": "alice", "result": {"label": ["pos"]}}, {"user": "bob", "state": "draft", "result": {}}]}\n' >"$D/a1.jsonl"
run import ns "$D/a1.jsonl"
a1=$(q "SELECT id FROM task WHERE ext_id = 'a1'")
printf '{"id": "a1", "text": "new text"}\n' >"$D/a1new.jsonl"
expect_unchanged "--update of a labelled text" import ns "$D/a1new.jsonl" --update
check "--update of a labelled text names whose annotations" \
    err_is "scalec: $D/a1new.jsonl:1: id 'a1': task $a1 has annotations by alice, bob, made on its text: --update would change the text under them (--force does)"
printf '{"id": "a1", "text": "new text", "annotations": [{"user": "alice", "result": {"label": ["neg"]}}]}\n' >"$D/a1some.jsonl"
expect_unchanged "--update that replaces alice's but not bob's" import ns "$D/a1some.jsonl" --update
check "only bob's is named" err_has "has an annotation by bob, made on its text"
printf '{"id": "a1", "text": "old text", "meta": {"m": 1}}\n' >"$D/a1same.jsonl"
run import ns "$D/a1same.jsonl" --update
check "--update that keeps the text needs no --force" rc_is 0
check "and changes the rest" test "$(q "SELECT meta FROM task WHERE id = $a1")" = '{"m":1}'
run import ns "$D/a1new.jsonl" --update --force
check "--update --force changes it" rc_is 0
check "--force: the new text" test "$(q "SELECT text FROM task WHERE id = $a1")" = "new text"
check "--force: the annotations kept" test "$(q "SELECT count(*) FROM annotation WHERE task_id = $a1")" = 2

# ... and an image under annotations likewise.
"$SCALEC" project create pics --type image-classification --labels cat,dog >/dev/null
printf '{"id": "im", "image": "https://example.com/a.jpg", "width": 4, "height": 4, "annotations": [{"user": "alice", "result": {"label": ["cat"]}}]}\n' >"$D/im.jsonl"
run import pics "$D/im.jsonl"
printf '{"id": "im", "image": "https://example.com/b.jpg", "width": 4, "height": 4}\n' >"$D/im2.jsonl"
expect_unchanged "--update of a labelled image" import pics "$D/im2.jsonl" --update
check "--update of a labelled image says so" \
    err_has "has an annotation by alice, made on its image: --update would change the image under it (--force does)"

# An export: "task" is the number, "id" only ever the imported id.
run export ns
check "export: an imported id beside its number" out_has "{\"task\": $a1, \"id\": \"a1\", \"text\": \"new text\""
check "export: no id where none was imported" out_has "{\"task\": $n1, \"text\": \"first, no id\""
check "export: a number is never written as an id" test "$(grep -c "\"id\": $n1, \"text\": \"first\|\"id\": \"$n1\", \"text\": \"first" "$T/out")" = 0
run export ns --format csv
check "csv export: task and id columns" out_has "task,id,text,"
check "csv export: an empty id where none was imported" out_has "$n1,,\"first, no id\""
# Re-importing that export elsewhere: "task" names nothing there.
"$SCALEC" export ns >"$D/ns.jsonl"
"$SCALEC" project create ns2 --type text-classification --labels pos,neg >/dev/null
run import ns2 "$D/ns.jsonl"
check "an export imports into another project" rc_is 0
ids_of() { q "SELECT group_concat(coalesce(ext_id, '-')) FROM (SELECT ext_id FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = '$1' ORDER BY t.id)"; }
check "the same imported ids there, and no numbers made ids" \
    test "$(ids_of ns2)" = "$(ids_of ns)"
check "the exported numbers are not kept in meta" \
    test "$(q "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'ns2' AND meta LIKE '%task%'")" = 0
printf '{"text": "x", "task": "mine"}\n' >"$D/task.jsonl"
expect_unchanged "a \"task\" that is no task number" import ns "$D/task.jsonl"
check "a \"task\" that is no number says where" err_has "task.jsonl:1: \"task\" is the task number an export writes"

# --- priority on an import line ------------------------------------------
printf '{"id": "p1", "text": "urgent", "priority": 10}\n{"id": "p2", "text": "later", "priority": -2}\n{"id": "p3", "text": "plain"}\n' >"$D/prio.jsonl"
run import ns "$D/prio.jsonl"
check "priority imports" rc_is 0
check "a top-level priority sets the task's" \
    test "$(q "SELECT group_concat(priority) FROM (SELECT priority FROM task WHERE ext_id IN ('p1','p2','p3') ORDER BY ext_id)")" = "10,-2,0"
check "and does not land in meta" test "$(q "SELECT count(*) FROM task WHERE ext_id IN ('p1','p2') AND meta LIKE '%priority%'")" = 0
check "meta's own priority is meta's" test "$(printf '{"id": "p4", "text": "m", "meta": {"priority": "high"}}\n' | "$SCALEC" import ns - >/dev/null && q "SELECT priority || meta FROM task WHERE ext_id = 'p4'")" = '0{"priority":"high"}'
run export ns
check "export writes a priority that is set" out_has '"id": "p1", "text": "urgent", "priority": 10, "meta"'
check "and none that is 0" out_has '"id": "p3", "text": "plain", "meta"'
printf '{"id": "p1", "text": "urgent"}\n{"id": "p2", "text": "later", "priority": 3}\n' >"$D/prio2.jsonl"
run import ns "$D/prio2.jsonl" --update
check "--update: a priority not given stays, one given changes" \
    test "$(q "SELECT group_concat(priority) FROM (SELECT priority FROM task WHERE ext_id IN ('p1','p2') ORDER BY ext_id)")" = "10,3"
for bad in '1.5' '"high"' '1e3' '2000000000'; do
	printf '{"text": "x", "priority": %s}\n' "$bad" >"$D/bad.jsonl"
	expect_unchanged "priority $bad" import ns "$D/bad.jsonl"
	check "priority $bad says what it must be" \
	    err_has "bad.jsonl:1: \"priority\" must be a whole number from -1000000000 to 1000000000"
done
printf 'id,text,priority\nc1,one,7\nc2,two,\n' >"$D/prio.csv"
run import ns "$D/prio.csv"
check "csv: a priority column" test "$(q "SELECT group_concat(priority) FROM (SELECT priority FROM task WHERE ext_id IN ('c1','c2') ORDER BY ext_id)")" = "7,0"
check "csv: priority is no meta" test "$(q "SELECT meta FROM task WHERE ext_id = 'c1'")" = '{}'
printf 'id,text,priority\nc3,one,+7\n' >"$D/prio.csv"
expect_unchanged "csv: priority +7" import ns "$D/prio.csv"
check "csv: priority +7 named" err_has "prio.csv:2: \"priority\" must be a whole number"

"$SCALEC" project create order --type text-classification --labels a,b >/dev/null
printf '{"id": "low", "text": "low one"}\n{"id": "high", "text": "high one", "priority": 5}\n' >"$D/order.jsonl"
"$SCALEC" import order "$D/order.jsonl" >/dev/null
echo q >"$D/q.keys"
run annotate order --keys "$D/q.keys" --json
check "the labeler opens the task of the higher imported priority first" \
    out_has "\"task\": $(q "SELECT id FROM task WHERE ext_id = 'high'"),"

done_testing
