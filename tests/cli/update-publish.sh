#!/bin/bash
# The publish of a large --update (HACKING "Imports that never block",
# task_update): the new content is written with the chunks, readers see
# it from the one-row publish on, and the fold into task afterwards
# changes nothing they see. Readers during the import see all of it or
# none; a session stopped mid-fold shows readers the new content; kill -9
# at random points leaves the old state or the new one, never half, with
# integrity ok; a second import waits for the fold; a dry run writes
# nothing; a submission made during the import is kept.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
need sqlite3 sqlite3

N=100000
run init
run user add ann
run project create p --type text-classification --labels a,b
check "project create" rc_is 0
# version FILE TAG: the N tasks with TAG in their texts (TAG "" the first).
version() {
	awk -v n="$N" -v tag="$2" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "{\"id\": \"t%d\", \"text\": \"text %d%s .\"}\n", i, i, tag }' > "$1"
}
version "$T/v0.jsonl" ""
run import p "$T/v0.jsonl"
check "base import" rc_is 0
# seen TAG: how many tasks an export shows with TAG.
seen() { "$SCALEC" export p | grep -c -- "$1" || true; }

# --- readers during the import: all of it or none ------------------------
version "$T/v1.jsonl" " (v1)"
"$SCALEC" import p "$T/v1.jsonl" --update > /dev/null 2> "$T/imp.err" &
imp=$!
: > "$T/seen"
while kill -0 "$imp" 2> /dev/null; do
	seen "(v1)" >> "$T/seen"
done
wait "$imp"
check "readers: the import succeeded" test $? = 0
seen "(v1)" >> "$T/seen"
check "readers: every export showed all of it or none" \
    test "$(grep -cv -e "^0$" -e "^$N$" "$T/seen")" = 0
check "readers: the last shows all" test "$(tail -n 1 "$T/seen")" = "$N"
check "readers: folded, nothing left in task_update" \
    test "$(sql "select count(*) from task_update")" = 0
check "readers: the task rows have it" \
    test "$(sql "select count(*) from task where text like '%(v1)%'")" = "$N"
check "readers: the batch says nothing more" \
    test "$(sql "select doing from import_batch order by id desc limit 1")" = ""

# --- stopped mid-fold: readers see the new content -----------------------
version "$T/v2.jsonl" " (v2)"
"$SCALEC" import p "$T/v2.jsonl" --update > /dev/null 2>&1 &
imp=$!
wait_sql "select state = 'published' and doing like 'applying%' and (select count(*) from task_update) > 0 from import_batch order by id desc limit 1" 1
kill -STOP "$imp"
left=$(sql "select count(*) from task_update")
check "mid-fold: caught before the last chunk" test "$left" -gt 0
check "mid-fold: some task rows still old" \
    test "$(sql "select count(*) from task where text like '%(v2)%'")" -lt "$N"
check "mid-fold: an export shows all of the new texts" test "$(seen "(v2)")" = "$N"
# A task the fold has not reached, by its id: file show reads through.
last=$(sql "select max(task_id) from task_update")
run file show "$last"
check "mid-fold: file show has the new text" out_has "(v2)"
run import p "$T/v2.jsonl" --update --dry-run
check "mid-fold: a dry run compares with the new texts" rc_is 0
before=$(db_dump)
version "$T/v3.jsonl" " (v3)"
SCALEC_BUSY_TIMEOUT=1 run import p "$T/v3.jsonl" --update
check "mid-fold: a second import into the project waits, then gives up" rc_is 1
check "mid-fold: and says the update is being applied" err_has "applying the update"
check "mid-fold: the second changed nothing" test "$(db_dump)" = "$before"
# Killed mid-fold: the next scalec finishes the fold.
kill -9 "$imp"
kill -CONT "$imp" 2> /dev/null
wait "$imp" 2> /dev/null
check "killed mid-fold: readers still see all of it" test "$(seen "(v2)")" = "$N"
check "killed mid-fold: the next scalec folded the rest" \
    test "$(sql "select count(*) from task_update")" = 0
check "killed mid-fold: every task row has it" \
    test "$(sql "select count(*) from task where text like '%(v2)%'")" = "$N"
check "killed mid-fold: the batch is done" \
    test "$(sql "select doing from import_batch order by id desc limit 1")" = ""
check "killed mid-fold: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok

# --- kill -9 at random points: the old state or the new, never half -----
cur="(v2)" bad=0
for k in 1 2 3 4 5 6 7 8; do
	tag=" (k$k)"
	version "$T/k.jsonl" "$tag"
	"$SCALEC" import p "$T/k.jsonl" --update > /dev/null 2>&1 &
	imp=$!
	sleep "$(( RANDOM % 2 )).$(( RANDOM % 10 ))$(( RANDOM % 10 ))"
	kill -9 "$imp" 2> /dev/null
	wait "$imp" 2> /dev/null
	new=$(seen "(k$k)") old=$(seen "$cur")
	echo "# kill $k: new $new, old $old" >&2
	if [ "$new" = "$N" ] && [ "$old" = 0 ]; then
		cur="(k$k)"
	elif [ "$new" != 0 ] || [ "$old" != "$N" ]; then
		bad=$((bad + 1))
	fi
	[ "$(sql "PRAGMA integrity_check")" = ok ] || bad=$((bad + 1))
	[ "$(sql "select count(*) from task_update")" = 0 ] || bad=$((bad + 1))
	[ "$(sql "select count(*) from task where text like '%$cur%'")" = "$N" ] ||
	    bad=$((bad + 1))
done
check "kill -9 at 8 random points: each all or nothing, integrity ok" \
    test "$bad" = 0

# --- a dry run writes nothing --------------------------------------------
before=$(db_dump)
run import p "$T/v1.jsonl" --update --dry-run
check "dry run: done" rc_is 0
check "dry run: it would update them all" out_has "$N updated"
check "dry run: the database unchanged" test "$(db_dump)" = "$before"

# --- a submission during the import is kept (--force: its text changes) --
version "$T/v4.jsonl" " (v4)"
"$SCALEC" import p "$T/v4.jsonl" --update --force > /dev/null 2> "$T/imp.err" &
imp=$!
wait_sql "select count(*) from import_batch where state = 'loading'" 1
printf '1\n' > "$T/keys"
SCALEC_BUSY_TIMEOUT=30 run --as ann annotate p --keys "$T/keys"
check "during the import: ann's submission went through" rc_is 0
wait "$imp"
check "during the import: the import succeeded" test $? = 0
check "during the import: ann's annotation is there" \
    test "$(sql "select count(*) from annotation where state = 'submitted'")" = 1
check "during the import: and the new texts" test "$(seen "(v4)")" = "$N"
check "integrity ok" test "$(sql "PRAGMA integrity_check")" = ok
done_testing
