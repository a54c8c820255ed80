#!/bin/bash
# The labeler on a busy database: while another process holds the write
# lock (a sqlite3 shell in BEGIN IMMEDIATE, as an import's chunk would),
# a submission waits: the status line says "waiting for the database",
# the session does not exit and the answer stays in memory; once the
# lock is released it is saved and the next task comes.
. "$SRCDIR/tests/tui/lib.sh"
need sqlite3 sqlite3

ann_of() { sql "select a.state || ' ' || a.result from annotation a join task t on t.id = a.task_id where t.text = '$1'"; }

run init
run project create topics --type text-classification --labels World,Sports
printf 'Storm hits the coast\nLocal team wins the cup\n' > "$T/topics.txt"
run import topics "$T/topics.txt" --format txt
start annotate topics
tcheck "busy: first task" wait_for "Storm hits the coast"

# The holder: a sqlite3 shell fed through a FIFO, so that the test says
# when it commits.
mkfifo "$T/hold"
sqlite3 "$SCALEC_DB" < "$T/hold" > "$T/hold.out" 2>&1 &
holder=$!
exec 4> "$T/hold"
echo "BEGIN IMMEDIATE;" >&4
echo "INSERT INTO audit (at, action) VALUES ('x', 'hold');" >&4
echo "SELECT 'holding';" >&4
for _i in $(seq 250); do
	grep -q holding "$T/hold.out" && break
	sleep 0.02
done
tcheck "busy: the shell holds the lock" grep -q holding "$T/hold.out"

keys 2
tcheck "busy: the status line says it waits" \
    wait_for "waiting for the database"
tcheck "busy: the task is still on the screen" has "Storm hits the coast"
tcheck "busy: the session is alive" alive "$(scalec_pid)"
tcheck "busy: nothing stored yet" test "$(ann_of 'Storm hits the coast')" = ""

echo "COMMIT;" >&4
exec 4>&-
wait "$holder"
tcheck "released: the next task" wait_for "Local team wins the cup"
tcheck "released: the waiting message is gone" \
    hasnt "waiting for the database"
tcheck "released: the answer kept through the wait is stored" \
    test "$(ann_of 'Storm hits the coast')" = 'submitted {"label":["Sports"]}'
tcheck "released: counted" has "You: 1 submitted"
keys q
tcheck "released: q exits 0" wait_for "[exit 0]"
tui_done
