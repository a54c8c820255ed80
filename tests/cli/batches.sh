#!/bin/bash
# Imports in batches (HACKING "Imports that never block"): an import in
# progress is seen by nobody (file list, export, annotate) until it is
# all there; one killed is removed by the next scalec; two at once; a
# command that waits for the lock says who holds it; import --list and
# --undo, and every refusal of --undo leaves the database as it was.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
out_lacks() { ! out_has "$1"; }
need sqlite3 sqlite3

run init
run project create p --type text-classification --labels a,b
run project create q --type text-classification --labels a,b

# lines N M: JSONL tasks N..M.
lines() {
	for i in $(seq "$1" "$2"); do
		printf '{"text": "task %d"}\n' "$i"
	done
}

# An import read from a FIFO that the test feeds: half, then the rest.
mkfifo "$T/fifo"
"$SCALEC" import p "$T/fifo" > "$T/imp.out" 2> "$T/imp.err" &
imp=$!
exec 3> "$T/fifo"
lines 1 50 >&3
check "a loading import: its batch is there, loading" \
    wait_sql "select count(*) from task" 50
run file list p --json
check "a loading import: file list sees none of it" out_is "[]"
run export p
check "a loading import: export has none of it" out_is ""
run project list
check "a loading import: the counters say 0 tasks" \
    out_has "p     text-classification  0      0"
printf '1\n' > "$T/keys"
run annotate p --keys "$T/keys" --json
check "a loading import: annotate has no task to give" \
    out_has '"no_task_left": true'
check "a loading import: annotate submitted nothing" \
    test "$(sql "select count(*) from annotation")" = 0
run file show 1
check "a loading import: a hidden task is no task" rc_is 1
run import --list p
check "import --list: the loading batch" out_has "loading"
lines 51 100 >&3
exec 3>&-
wait "$imp"
check "the import: done" test $? -eq 0
check "the import: says so" grep -qF "Added 100 tasks to p" "$T/imp.out"
run file list p --json
check "published: file list has all 100" \
    test "$(grep -c '"id":' "$T/out")" = 100
run project list
check "published: the counters say 100" \
    out_has "p     text-classification  100    0"
run import --list p --json
check "import --list --json: published, 100 tasks, 1..100" \
    out_has '"state": "published"'
check "import --list --json: the tasks" out_has '"tasks": 100'
check "import --list --json: the range" out_has '"last_task": 100'

# kill -9 while the import reads from the FIFO: the next scalec removes
# what it left, and nothing of it was ever seen.
"$SCALEC" import p "$T/fifo" > /dev/null 2>&1 &
imp=$!
exec 3> "$T/fifo"
lines 101 130 >&3
wait_sql "select count(*) from task" 130
kill -9 "$imp"
wait "$imp" 2>/dev/null
exec 3>&-
check "killed: its tasks are in the file, hidden" \
    test "$(sql "select count(*) from import_batch where state = 'loading'")" = 1
run file list p --json
check "killed: the next scalec shows none of them" \
    test "$(grep -c '"id":' "$T/out")" = 100
check "killed: and removed them" \
    test "$(sql "select count(*) from task")" = 100
check "killed: and the batch" \
    test "$(sql "select count(*) from import_batch where state = 'loading'")" = 0
check "killed: the project shows no loading batch" \
    test "$(sql "select loading_from is null from project where name = 'p'")" = 1
check "killed: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok

# Two imports at once into one project: the second waits for the first.
mkfifo "$T/fifo2"
"$SCALEC" import p "$T/fifo" > "$T/a.out" 2> "$T/a.err" &
ia=$!
exec 3> "$T/fifo"
lines 201 210 >&3
wait_sql "select count(*) from import_batch where state = 'loading'" 1
lines 301 310 > "$T/b.jsonl"
"$SCALEC" import p "$T/b.jsonl" > "$T/b.out" 2> "$T/b.err" 3>&- &
ib=$!
sleep 0.3
check "two imports into one project: the second waits" kill -0 "$ib"
# ... while one into another project runs beside them.
lines 401 405 > "$T/c.jsonl"
run import q "$T/c.jsonl"
check "an import into another project meanwhile: done" rc_is 0
lines 211 220 >&3
exec 3>&-
wait "$ia"; ra=$?
wait "$ib"; rb=$?
check "two imports into one project: both done" test "$ra$rb" = 00
check "two imports into one project: all their tasks" \
    test "$(sql "select count(*) from task t join project p on p.id = t.project_id where p.name = 'p'")" = 130
check "two imports into one project: two batches, in order" \
    test "$(sql "select group_concat(tasks) from (select tasks from import_batch b join project p on p.id = b.project_id where p.name = 'p' order by b.id)")" = "100,20,10"
run project list
check "two imports: the counters" out_has "p     text-classification  130"

# --update stages its changes and applies them at publish: while it
# runs, the lock is free (a writer gets it within a 1 s busy timeout),
# readers see the old text, and a dry run needs no lock at all.
printf '{"id": "u1", "text": "one"}\n' > "$T/u.jsonl"
run import p "$T/u.jsonl"
"$SCALEC" import p "$T/fifo" --update > "$T/u.out" 2> "$T/u.err" &
iu=$!
exec 3> "$T/fifo"
printf '{"id": "u1", "text": "one again"}\n{"id": "u2", "text": "two"}\n' >&3
wait_sql "select tasks || '/' || updated from import_batch where state = 'loading'" "1/1"
SCALEC_BUSY_TIMEOUT=1 run project create s --type text-classification \
    --labels a
check "--update running: another writer's command goes through" rc_is 0
check "--update running: project s made" \
    test "$(sql "select count(*) from project where name = 's'")" = 1
run export p
check "--update running: readers see the old text" out_has '"text": "one",'
check "--update running: and not the new task" out_lacks '"two"'
check "--update running: the task's text unchanged in the file" \
    test "$(sql "select text from task where ext_id = 'u1'")" = one
printf '{"id": "u1", "text": "one"}\n' > "$T/dry.jsonl"
before=$(db_dump)
SCALEC_BUSY_TIMEOUT=0 run import p "$T/dry.jsonl" --update --dry-run
check "--update running: a dry run beside it" rc_is 0
check "--update running: the dry run says what it would do" \
    out_has "Dry run: would add 0 tasks to p: 1 updated"
check "--update running: the dry run changed nothing" \
    test "$(db_dump)" = "$before"
# A command waits, then says who holds the lock (here another program
# holds it while the --update's batch loads).
{ echo "BEGIN IMMEDIATE;"; echo "DELETE FROM audit WHERE 0;"; sleep 2
    echo "COMMIT;"; } | sqlite3 "$SCALEC_DB" &
holder=$!
sleep 0.3
before=$(db_dump)
SCALEC_BUSY_TIMEOUT=1 run project create r --type text-classification \
    --labels a
check "busy: the command gives up" rc_is 1
check "busy: says which import is loading, and what it does" err_has \
    "the database is busy: root is importing $T/fifo (batch 6, 1 task so far, at line 2, since"
check "busy: how long it waited" err_has "waited 1 s (SCALEC_BUSY_TIMEOUT)"
check "busy: the command changed nothing" test "$(db_dump)" = "$before"
# A dry run reads: it needs no lock, even when another program holds it.
SCALEC_BUSY_TIMEOUT=0 run import p "$T/dry.jsonl" --update --dry-run
check "busy: a dry run still runs" rc_is 0
check "busy: the dry run changed nothing" test "$(db_dump)" = "$before"
wait "$holder"
exec 3>&-
wait "$iu"
check "--update: then done" test $? -eq 0
check "--update: says so" grep -qF "Added 1 task to p: 1 updated" "$T/u.out"
check "--update: published, the new text" \
    test "$(sql "select text from task where ext_id = 'u1'")" = "one again"
check "--update: the new task" \
    test "$(sql "select count(*) from task where ext_id = 'u2'")" = 1
check "--update: no project r" test "$(sql "select count(*) from project where name = 'r'")" = 0
# Another program holding the lock: said so.
{ echo "BEGIN IMMEDIATE;"; echo "DELETE FROM audit WHERE 0;"; sleep 2
    echo "COMMIT;"; } | sqlite3 "$SCALEC_DB" &
holder=$!
sleep 0.3
SCALEC_BUSY_TIMEOUT=0 run project create r --type text-classification \
    --labels a
check "busy (sqlite3): refused" rc_is 1
check "busy (sqlite3): says no scalec import holds it" err_has \
    "another program holds the write lock (no scalec import says it is running)"
wait "$holder"

# kill -9 during an --update (its changes staged, its new tasks loading):
# all or nothing as before, nothing of it after the next open.
before=$(db_dump)
"$SCALEC" import p "$T/fifo" --update > /dev/null 2>&1 &
imp=$!
exec 3> "$T/fifo"
printf '{"id": "u1", "text": "killed"}\n{"id": "u9", "text": "nine"}\n' >&3
wait_sql "select tasks || '/' || updated from import_batch where state = 'loading'" "1/1"
kill -9 "$imp"
wait "$imp" 2>/dev/null
exec 3>&-
run export p
check "killed --update: the old text" out_has '"text": "one again",'
check "killed --update: none of its new tasks" out_lacks '"nine"'
check "killed --update: the database as before" test "$(db_dump)" = "$before"
check "killed --update: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok

# SIGINT and SIGTERM: the import removes its own batch at once and
# exits 128 + the signal, saying so; a plain import and an --update.
# signalled SIG WANT [OPTIONS]: an import from the FIFO, then SIG.
signalled() {
	_sig=$1 _want=$2; shift 2
	_before=$(db_dump)
	"$SCALEC" import p "$T/fifo" "$@" > "$T/s.out" 2> "$T/s.err" &
	_imp=$!
	exec 3> "$T/fifo"
	printf '{"id": "u1", "text": "signalled"}\n{"id": "s1", "text": "s1"}\n' >&3
	wait_sql "select count(*) from import_batch where state = 'loading' and doing = 'at line 2'" 1
	kill "-$_sig" "$_imp"
	wait "$_imp"
	_rc=$?
	exec 3>&-
	check "$_sig $*: exit $_want" test "$_rc" = "$_want"
	check "$_sig $*: says so" grep -qF \
	    "scalec: $T/fifo: interrupted at line 2; what it had loaded is removed: nothing was imported" \
	    "$T/s.err"
	check "$_sig $*: its batch is gone, without another scalec" \
	    test "$(sql "select count(*) from import_batch where state = 'loading'")" = 0
	check "$_sig $*: the database as before" test "$(db_dump)" = "$_before"
}
signalled INT 130 --update
signalled TERM 143 --update
signalled INT 130 --skip-existing
signalled TERM 143 --skip-existing
# A dry run stopped: nothing written either.
_before=$(db_dump)
"$SCALEC" import p "$T/fifo" --dry-run > "$T/s.out" 2> "$T/s.err" &
imp=$!
exec 3> "$T/fifo"
printf '{"text": "dry"}\n' >&3
sleep 0.3
kill -INT "$imp"
wait "$imp"
rc=$?
exec 3>&-
check "INT --dry-run: exit 130" test "$rc" = 130
check "INT --dry-run: says so" grep -qF \
    "interrupted at line 1; a dry run writes nothing" "$T/s.err"
check "INT --dry-run: the database as before" test "$(db_dump)" = "$_before"

# file add stopped by SIGTERM (here while it reads its standard input,
# before the store has a task): nothing added, exit 143, said.
_before=$(db_dump)
mkfifo "$T/ff"
"$SCALEC" file add p - < "$T/ff" > "$T/s.out" 2> "$T/s.err" &
imp=$!
exec 4> "$T/ff"
printf 'a text to add\n' >&4
sleep 0.3
kill -TERM "$imp"
exec 4>&-
wait "$imp"
check "TERM file add: exit 143" test $? = 143
check "TERM file add: says so" grep -qF \
    "scalec: file add: interrupted before its first task: nothing was imported" "$T/s.err"
check "TERM file add: the database as before" test "$(db_dump)" = "$_before"

# An --update that would change a text someone annotated while it ran:
# refused at publish (nothing of it lands; the annotation stays).
run project create w --type text-classification --labels a,b
printf '{"id": "w1", "text": "old"}\n' > "$T/w.jsonl"
run import w "$T/w.jsonl"
"$SCALEC" import w "$T/fifo" --update > "$T/w.out" 2> "$T/w.err" &
imp=$!
exec 3> "$T/fifo"
printf '{"id": "w1", "text": "new"}\n{"id": "w2", "text": "more"}\n' >&3
wait_sql "select count(*) from import_batch where state = 'loading'" 1
printf '1\n' > "$T/keys1"
run annotate w --keys "$T/keys1" --json
check "annotated meanwhile: the annotation went in" \
    test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id where t.ext_id = 'w1'")" = 1
exec 3>&-
wait "$imp"
check "annotated meanwhile: the --update fails" test $? = 1
check "annotated meanwhile: says whose and why" grep -qF \
    "id 'w1': root annotated the task while the import ran: --update would change its text under that annotation (--force does); nothing was imported" \
    "$T/w.err"
check "annotated meanwhile: the old text" \
    test "$(sql "select text from task where ext_id = 'w1'")" = old
check "annotated meanwhile: no new task" \
    test "$(sql "select count(*) from task where ext_id = 'w2'")" = 0
check "annotated meanwhile: the annotation stays" \
    test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id where t.ext_id = 'w1'")" = 1
check "annotated meanwhile: no batch left loading" \
    test "$(sql "select count(*) from import_batch where state = 'loading'")" = 0

# An --update of a task removed while it ran: refused at publish too.
printf '{"id": "w3", "text": "three"}\n' > "$T/w3.jsonl"
run import w "$T/w3.jsonl"
w3=$(sql "select id from task where ext_id = 'w3'")
"$SCALEC" import w "$T/fifo" --update > "$T/w.out" 2> "$T/w.err" &
imp=$!
exec 3> "$T/fifo"
printf '{"id": "w3", "text": "three again"}\n{"id": "w4", "text": "four"}\n' >&3
wait_sql "select count(*) from import_batch where state = 'loading'" 1
run file remove "$w3" --yes
check "removed meanwhile: the task went" \
    test "$(sql "select count(*) from task where ext_id = 'w3'")" = 0
exec 3>&-
wait "$imp"
check "removed meanwhile: the --update fails" test $? = 1
check "removed meanwhile: says so" grep -qF \
    "1 of the tasks it updates were removed while the import ran; nothing was imported" \
    "$T/w.err"
check "removed meanwhile: no new task" \
    test "$(sql "select count(*) from task where ext_id = 'w4'")" = 0
check "removed meanwhile: no batch left loading" \
    test "$(sql "select count(*) from import_batch where state = 'loading'")" = 0

# An id two lines share is an error, also when the project has it.
printf '{"id": "w1", "text": "a"}\n{"id": "w1", "text": "b"}\n' > "$T/rep.jsonl"
for opt in --update "--update --dry-run"; do
	_before=$(db_dump)
	# shellcheck disable=SC2086
	run import w "$T/rep.jsonl" $opt --force
	check "repeated known id ($opt): fails" rc_is 1
	check "repeated known id ($opt): names the line" \
	    err_has "rep.jsonl:2: id 'w1' is repeated: an earlier line of this file has it"
	check "repeated known id ($opt): the database unchanged" \
	    test "$(db_dump)" = "$_before"
done
printf '{"id": "n1", "text": "a"}\n{"id": "n1", "text": "b"}\n' > "$T/rep2.jsonl"
run import w "$T/rep2.jsonl" --dry-run
check "repeated new id (--dry-run): fails" rc_is 1
check "repeated new id (--dry-run): names the line" \
    err_has "rep2.jsonl:2: id 'n1' is repeated: an earlier line of this file has it"

# --undo: every refusal leaves the database as it was.
undo_refused() {
	_name=$1 _want=$2; shift 2
	_before=$(db_dump)
	run "$@"
	check "undo refused, $_name: exit 1" rc_is 1
	check "undo refused, $_name: says why" err_has "$_want"
	check "undo refused, $_name: the database unchanged" \
	    test "$(db_dump)" = "$_before"
}
undo_refused "no such batch" "there is no import batch 99 in project 'p'" \
    import --undo 99 p
undo_refused "another project's" "there is no import batch 3 in project 'p'" \
    import --undo 3 p
undo_refused "it updated tasks" \
    "import batch 6 changed 1 task that were there before (--update)" \
    import --undo 6 p
"$SCALEC" annotate p --keys "$T/keys" > /dev/null 2>&1
undo_refused "annotated" \
    "import batch 1: its tasks have 1 annotation; undo removes only a batch nobody has worked on" \
    import --undo 1 p
run user add ann --role annotator
run member add p ann --role annotator
undo_refused "an annotator" "permission denied" --as ann import --undo 2 p
_before=$(db_dump)
run import --undo 2 p x.jsonl
check "undo with a file: usage" rc_is 2
run import --list --undo 2 p
check "--list and --undo: usage" rc_is 2
check "usage: the database unchanged" test "$(db_dump)" = "$_before"

# --undo: the batch's tasks go, the counters follow, the log says so.
run import --undo 2 p
check "undo: done" rc_is 0
check "undo: says what it removed" out_is "Undid import batch 2 of p: 20 tasks removed."
check "undo: the tasks are gone" test "$(sql "select count(*) from task t
    join project p on p.id = t.project_id where p.name = 'p'")" = 112
run project list
check "undo: the counters" out_has "p     text-classification  112"
run log p
check "undo: audited" out_has "import.undo"
run import --list p
check "undo: the batch is not listed" test "$(grep -c "^2 " "$T/out")" = 0
check "undo: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok

# Annotations of new tasks are written at their chunk's end, all at once
# (store/import.c importer_flush): in the file once the chunk commits,
# hidden with their tasks, in the order of the lines (a line whose
# reviews read its annotations back flushes what waits first), the
# counters kept by the triggers as before; kill -9 after a chunk: the
# next scalec removes them and counts them out again.
run user add alice
run user add rev --role reviewer
run project create ann --type text-classification --labels a,b
# alines N M: tasks N..M, each with alice's answer (every third a draft),
# task 25's accepted by rev.
alines() {
	for i in $(seq "$1" "$2"); do
		st=submitted rv=
		[ $((i % 3)) = 0 ] && st=draft
		[ "$i" = 25 ] && st=accepted rv=', "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-01T10:00:00Z"}]'
		printf '{"id": "a%d", "text": "answer %d", "annotations": [{"user": "alice", "state": "%s", "result": {"label": ["a"]}%s}]}\n' \
		    "$i" "$i" "$st" "$rv"
	done
}
aq() { sql "select $1 from annotation a join task t on t.id = a.task_id
    where t.project_id = (select id from project where name = 'ann')"; }
# alice's count in project ann.
asub() { sql "select submitted from annotator where project_id = (select
    id from project where name = 'ann') and user_id = (select id from user
    where name = 'alice')"; }
mkfifo "$T/afifo"
"$SCALEC" import ann "$T/afifo" > "$T/imp.out" 2> "$T/imp.err" &
imp=$!
exec 3> "$T/afifo"
alines 1 20 >&3
check "annotations: a chunk's are in the file when it commits" \
    wait_sql "select count(*) from annotation a join task t on t.id = a.task_id
    where t.project_id = (select id from project where name = 'ann')" 20
check "annotations: counted for their person as they load" \
    test "$(asub)" = 14
alines 21 40 >&3
exec 3>&-
wait "$imp"
check "annotations: the import is done" test $? -eq 0
check "annotations: every one" test "$(aq "count(*)")" = 40
check "annotations: in the order of the lines" \
    test "$(aq "count(*)" | tr -d '\n'; sql "select count(*) from annotation a
    join annotation b on a.task_id < b.task_id and a.id > b.id
    join task t on t.id = a.task_id join task u on u.id = b.task_id
    where t.project_id = u.project_id")" = 400
check "annotations: the reviewed one" \
    test "$(sql "select a.state || count(r.id) from review r join annotation a on a.id = r.annotation_id")" = accepted1
check "annotations: submitted counts, drafts not" test "$(asub)" = 27
check "annotations: each task's count" \
    test "$(sql "select sum(submitted) from task where project_id = (select id from project where name = 'ann')")" = 27
run project list
check "annotations: the project's counters" \
    out_has "ann   text-classification  40     27"
"$SCALEC" import ann "$T/afifo" > /dev/null 2>&1 &
imp=$!
exec 3> "$T/afifo"
alines 41 60 >&3
wait_sql "select count(*) from annotation a join task t on t.id = a.task_id
    where t.project_id = (select id from project where name = 'ann')" 60
kill -9 "$imp"
wait "$imp" 2>/dev/null
exec 3>&-
run project list
check "annotations, killed: the next scalec removes them" \
    test "$(aq "count(*)")" = 40
check "annotations, killed: and counts them out" test "$(asub)" = 27
check "annotations, killed: integrity ok" \
    test "$(sql "PRAGMA integrity_check")" = ok

done_testing
