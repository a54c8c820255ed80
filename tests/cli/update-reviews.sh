#!/bin/bash
# An --update import whose lines add to review histories and change final
# answers (HACKING "Imports that never block", --update staged): the new
# review rows and final answers are staged with the annotations, so a
# dry run counts them and writes nothing, a kill -9 mid-import leaves
# nothing, readers see the old histories until the publish and all of
# the new ones after it (a withdrawal of a row there before and of a row
# the same line adds, a final answer from an annotation the line makes);
# a history reviewed while the import ran is refused at the publish.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
out_lacks() { ! out_has "$1"; }
need sqlite3 sqlite3

run init
run user add ann
run user add bob
run user add rev --role reviewer
run project create p --type text-classification --labels pos,neg \
    --overlap 2 --final required
check "project create" rc_is 0
# a: ann's accepted by rev; b: settled pos from ann's; d: not settled.
cat >"$T/base.jsonl" <<'JSON'
{"id": "a", "text": "one", "annotations": [{"user": "ann", "state": "accepted", "result": {"label": ["pos"]}, "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-01T10:00:00Z"}]}]}
{"id": "b", "text": "two", "annotations": [{"user": "ann", "annotation_id": 1, "result": {"label": ["pos"]}}, {"user": "bob", "annotation_id": 2, "result": {"label": ["neg"]}}], "final_answer": {"result": {"label": ["pos"]}, "settled_by": "rev", "from_annotation": 1, "at": "2026-06-01T10:00:00Z"}}
{"id": "d", "text": "four", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
JSON
run import p "$T/base.jsonl"
check "base import" rc_is 0
check "base import: its reviews and final answer" \
    out_has "5 annotations, 1 review, 1 final answer."
check "base import: b done, d not (no final answer)" \
    test "$(sql "SELECT done_count FROM project WHERE name = 'p'")" = 1

# The update: a's history of ann goes on (a comment, then the accept
# there before withdrawn); bob's new annotation of a comes with an accept
# and its withdrawal; b is settled again, neg from bob's; d gets its
# final answer alone; c is a new task with a review.
cat >"$T/u.jsonl" <<'JSON'
{"id": "a", "text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}, "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-01T10:00:00Z"}, {"reviewer": "rev", "verdict": "comment", "comment": "again", "at": "2026-06-02T10:00:00Z"}, {"reviewer": "rev", "verdict": "withdraw", "withdraws": 1, "from_state": "accepted", "at": "2026-06-02T10:01:00Z"}]}, {"user": "bob", "result": {"label": ["neg"]}, "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-02T11:00:00Z"}, {"reviewer": "rev", "verdict": "withdraw", "withdraws": 1, "from_state": "accepted", "at": "2026-06-02T11:01:00Z"}]}]}
{"id": "b", "text": "two", "annotations": [{"user": "ann", "annotation_id": 1, "result": {"label": ["pos"]}}, {"user": "bob", "annotation_id": 2, "result": {"label": ["neg"]}}], "final_answer": {"result": {"label": ["neg"]}, "settled_by": "rev", "from_annotation": 2, "at": "2026-06-02T12:00:00Z"}}
{"id": "d", "text": "four", "final_answer": {"result": {"label": ["pos"]}, "settled_by": "rev", "at": "2026-06-02T12:00:00Z"}}
{"id": "c", "text": "three", "annotations": [{"user": "ann", "result": {"label": ["neg"]}, "reviews": [{"reviewer": "rev", "verdict": "reject", "comment": "no", "at": "2026-06-02T13:00:00Z"}]}]}
JSON
SUMMARY="1 task to p: 3 updated, 0 skipped; 0 predictions, 5 annotations, 5 reviews, 2 final answers."

# --- (c) a dry run counts them and writes nothing ---------------------------
before=$(db_dump)
run import p "$T/u.jsonl" --update --dry-run
check "dry run: done" rc_is 0
check "dry run: counts the reviews and final answers it would add" \
    out_has "Dry run: would add $SUMMARY Nothing was written."
check "dry run: the database unchanged" test "$(db_dump)" = "$before"
# A dry run beside another program's write lock: it takes none.
{ echo "BEGIN IMMEDIATE;"; echo "DELETE FROM audit WHERE 0;"; sleep 2
    echo "COMMIT;"; } | sqlite3 "$SCALEC_DB" &
holder=$!
sleep 0.3
SCALEC_BUSY_TIMEOUT=0 run import p "$T/u.jsonl" --update --dry-run
check "dry run beside a write lock: done" rc_is 0
check "dry run beside a write lock: the same counts" \
    out_has "Dry run: would add $SUMMARY"
wait "$holder"
check "dry run beside a write lock: the database unchanged" \
    test "$(db_dump)" = "$before"
run import p "$T/u.jsonl" --update --dry-run --json
check "dry run --json: the reviews" out_has '"reviews": 5,'
check "dry run --json: the final answers" out_has '"final_answers": 2,'

# feed FILE N: an --update import from the FIFO, given FILE's N lines
# and left waiting for more (its staged lines loaded, the batch not
# published). The import's pid is in $imp.
mkfifo "$T/fifo"
feed() {
	"$SCALEC" import p "$T/fifo" --update > "$T/imp.out" 2> "$T/imp.err" &
	imp=$!
	exec 3> "$T/fifo"
	cat "$1" >&3
	wait_sql "SELECT doing FROM import_batch WHERE state = 'loading'" \
	    "at line $2"
}
aid() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id
    JOIN user u ON u.id = a.user_id WHERE t.ext_id = '$1' AND u.name = '$2'"; }
tid() { sql "SELECT id FROM task WHERE ext_id = '$1'"; }

# --- (b) kill -9 mid-import leaves nothing ----------------------------------
before=$(db_dump)
feed "$T/u.jsonl" 4
check "killed: it had loaded every line" \
    test "$(sql "SELECT tasks || '/' || updated FROM import_batch WHERE state = 'loading'")" = 1/3
kill -9 "$imp"
wait "$imp" 2>/dev/null
exec 3>&-
run export p
check "killed: the next scalec runs" rc_is 0
check "killed: none of its reviews" out_lacks '"again"'
check "killed: nor its final answers" out_lacks '"final_answer": {"result": {"label": ["neg"]}'
check "killed: the database as before" test "$(db_dump)" = "$before"
check "killed: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok

# --- (a) seen only after the publish ----------------------------------------
feed "$T/u.jsonl" 4
run export p
check "loading: readers see the old history" \
    out_has '"reviews": [{"reviewer": "rev", "verdict": "accept", "comment": "", "at": "2026-06-01T10:00:00Z", "from_state": "submitted"}]}]'
check "loading: and not the new rows" out_lacks '"again"'
check "loading: the old final answer" \
    out_has '"final_answer": {"result": {"label": ["pos"]}, "settled_by": "rev", "from_annotation": '
check "loading: no review row of a task there before written" \
    test "$(sql "SELECT count(*) FROM review r JOIN annotation a
    ON a.id = r.annotation_id JOIN task t ON t.id = a.task_id
    WHERE t.ext_id IN ('a', 'b', 'd')")" = 1
check "loading: no final answer written" \
    test "$(sql "SELECT count(*) FROM final_answer")" = 1
check "loading: bob has no annotation of a yet" test -z "$(aid a bob)"
check "loading: the done count as before" \
    test "$(sql "SELECT done_count FROM project WHERE name = 'p'")" = 1
# The lock is free while it loads: a reviewer's verdict elsewhere goes in.
SCALEC_BUSY_TIMEOUT=1 run --as rev review accept "$(aid d ann)"
check "loading: another writer goes through" rc_is 0
exec 3>&-
wait "$imp"
check "published: done" test $? = 0
check "published: says what it added" grep -qF "Added $SUMMARY" "$T/imp.out"
# history TASK USER: the verdicts of USER's annotation of TASK, in order;
# withdrawn TASK USER: the time of the row its withdrawal undoes, if that
# row is of the same annotation.
history() { sql "SELECT group_concat(verdict, ' ') FROM (SELECT verdict
    FROM review WHERE annotation_id = $(aid "$1" "$2") ORDER BY id)"; }
withdrawn() { sql "SELECT r.created_at FROM review w JOIN review r
    ON r.id = w.withdraws WHERE w.annotation_id = $(aid "$1" "$2")
    AND w.verdict = 'withdraw' AND r.annotation_id = w.annotation_id"; }
check "published: ann's history of a goes on from the stored row" \
    test "$(history a ann)" = "accept comment withdraw"
check "published: the withdrawal names the row there before" \
    test "$(withdrawn a ann)" = 2026-06-01T10:00:00Z
check "published: bob's new annotation of a, with its history" \
    test "$(history a bob)" = "accept withdraw"
check "published: its withdrawal names the row the same line added" \
    test "$(withdrawn a bob)" = 2026-06-02T11:00:00Z
check "published: the new task's review" \
    test "$(sql "SELECT verdict || ':' || comment FROM review WHERE annotation_id = $(aid c ann)")" = reject:no
check "published: b's new final answer, from bob's annotation" \
    test "$(sql "SELECT result || ' ' || from_annotation FROM final_answer
    WHERE task_id = $(tid b) ORDER BY id DESC LIMIT 1")" = "{\"label\":[\"neg\"]} $(aid b bob)"
check "published: b's earlier one stays as history" \
    test "$(sql "SELECT count(*) FROM final_answer WHERE task_id = $(tid b)")" = 2
check "published: d settled" \
    test "$(sql "SELECT count(*) FROM final_answer WHERE task_id = $(tid d) AND from_annotation IS NULL")" = 1
check "published: d's final answer makes it done" \
    test "$(sql "SELECT done_count FROM project WHERE name = 'p'")" = 2
check "published: the verdict made meanwhile stays" \
    test "$(sql "SELECT state FROM annotation WHERE id = $(aid d ann)")" = accepted
check "published: acted_by is the importer's, as --as" \
    test "$(sql "SELECT count(*) FROM review WHERE acted_by = (SELECT id
    FROM user WHERE name = 'root') AND created_at < '2026-07'")" = 6
run export p
check "published: the export has the line's history" \
    out_has '{"reviewer": "rev", "verdict": "comment", "comment": "again", "at": "2026-06-02T10:00:00Z", "from_state": "submitted"}, {"reviewer": "rev", "verdict": "withdraw", "comment": "", "at": "2026-06-02T10:01:00Z", "from_state": "accepted", "withdraws": 1}'
check "published: integrity ok" test "$(sql "PRAGMA integrity_check")" = ok
check "published: foreign keys ok" test -z "$(sql "PRAGMA foreign_key_check")"

# The same file again: every history and final answer is there already.
before=$(sql "SELECT count(*) FROM review; SELECT count(*) FROM final_answer")
run import p "$T/u.jsonl" --update
check "again: done" rc_is 0
check "again: nothing added twice" test "$(sql "SELECT count(*) FROM review;
    SELECT count(*) FROM final_answer")" = "$before"
check "again: says so" out_has "4 updated, 0 skipped; 0 predictions, 5 annotations."

# --- a history reviewed while the import ran: refused at the publish --------
rows() { sql "SELECT * FROM task ORDER BY id; SELECT * FROM annotation
    ORDER BY id; SELECT * FROM final_answer ORDER BY id; SELECT * FROM
    project; SELECT * FROM review WHERE id <= $1 ORDER BY id"; }
# u2: ann's history of a, one row longer.
grep '"id": "a"' "$T/u.jsonl" | sed 's/"from_state": "accepted", "at": "2026-06-02T10:01:00Z"}/&, {"reviewer": "rev", "verdict": "comment", "comment": "later", "at": "2026-06-03T10:00:00Z"}/' >"$T/u2.jsonl"
check "u2: one row longer" grep -qF '"later"' "$T/u2.jsonl"
top=$(sql "SELECT max(id) FROM review")
before=$(rows "$top")
feed "$T/u2.jsonl" 1
run --as rev review comment "$(aid a ann)" --comment "meanwhile"
check "reviewed meanwhile: the comment went in" rc_is 0
exec 3>&-
wait "$imp"
check "reviewed meanwhile: the --update fails" test $? = 1
check "reviewed meanwhile: says whose and why" grep -qF \
    "id 'a': rev reviewed ann's annotation while the import ran: its history is no longer where the line's goes on from (--update adds to a history, it never rewrites one); nothing was imported" \
    "$T/imp.err"
check "reviewed meanwhile: tasks, annotations, final answers and reviews as before" \
    test "$(rows "$top")" = "$before"
check "reviewed meanwhile: the comment is the one new review" \
    test "$(sql "SELECT group_concat(comment) FROM review WHERE id > $top")" = meanwhile
check "reviewed meanwhile: no batch left loading" \
    test "$(sql "SELECT count(*) FROM import_batch WHERE state = 'loading'")" = 0

done_testing
