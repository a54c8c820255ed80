#!/bin/bash
# export --annotations all|accepted|final over a project with overlap 2,
# where two accepted annotations differ (the task left out of final, and
# said on stderr); every annotation's id, verdicts (withdrawals too) and
# fixed result, every task's final answer; 'export | import' bringing all
# of it over so that a second export is the first (ids aside); import
# --update adding to a history, never rewriting one; and every bad shape
# of a review or final answer refused at its FILE:LINE, nothing changed.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }

run init
check "init" rc_is 0
run user add ann
run user add bob
run user add rev --role reviewer
run project create p --type text-classification --labels pos,neg --overlap 2
check "project create" rc_is 0
# e: bob's annotation accepted by rev, and the accept withdrawn.
cat >"$T/d.jsonl" <<'JSON'
{"id": "a", "text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
{"id": "b", "text": "two", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
{"id": "c", "text": "three", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
{"id": "d", "text": "four", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
{"id": "e", "text": "five", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}, "reviews": [{"reviewer": "rev", "verdict": "accept", "at": "2026-06-01T10:00:00Z"}, {"reviewer": "rev", "verdict": "withdraw", "withdraws": 1, "from_state": "accepted", "at": "2026-06-01T10:01:00Z"}]}]}
JSON
run import p "$T/d.jsonl"
check "import with a review history" rc_is 0
check "import: says how many reviews" out_has "10 annotations, 2 reviews, 0 final answers."
# Project p's annotation of task id $1 by $2, and its task $1.
aid() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id
    JOIN user u ON u.id = a.user_id WHERE t.ext_id = '$1' AND u.name = '$2'
    AND t.project_id = (SELECT id FROM project WHERE name = 'p')"; }
tid() { sql "SELECT id FROM task WHERE ext_id = '$1'
    AND project_id = (SELECT id FROM project WHERE name = 'p')"; }
check "import: a withdrawn accept leaves it submitted" \
    test "$(sql "SELECT state FROM annotation WHERE id = $(aid e bob)")" = submitted
check "import: the withdrawal names the row it undoes" test "$(sql "SELECT
    count(*) FROM review w JOIN review r ON r.id = w.withdraws
    WHERE w.verdict = 'withdraw' AND r.verdict = 'accept'
    AND r.annotation_id = w.annotation_id")" = 1
R() { run --as rev review "$@"; }
R accept "$(aid a ann)" "$(aid a bob)" "$(aid b ann)" "$(aid b bob)" \
    "$(aid c ann)" "$(aid c bob)"
check "accept six" rc_is 0
R final "$(tid c)" --result '{"label": ["neg"]}'
check "a final answer by hand" rc_is 0
R final "$(tid b)" --from "$(aid b bob)"
check "a final answer from an annotation" rc_is 0
R reject "$(aid d ann)" --comment "not this"
R fix "$(aid d bob)" --result '{"label": ["pos"]}'
check "fix" rc_is 0

# --- all (the default) ----------------------------------------------------
run export p
check "export" rc_is 0
cp "$T/out" "$T/all.jsonl"
run export p --annotations all
check "--annotations all is the default" test "$(cat "$T/out")" = "$(cat "$T/all.jsonl")"
check "all: every annotation with its id" test "$(grep -o '"annotation_id": [0-9]*' \
    "$T/out" | wc -l)" = "$(sql "SELECT count(*) FROM annotation")"
check "all: a verdict with reviewer, comment, time and the state it found" \
    out_has '"reviewer": "rev", "verdict": "reject", "comment": "not this", "at": "'
check "all: the fix's result on its verdict" \
    out_has '"verdict": "fix", "comment": "", "at": "'
check "all: the fix beside the original" \
    out_has '"state": "fixed", "result": {"label": ["neg"]}'
check "all: the fixed result" out_has '"fixed": {"label": ["pos"]}'
check "all: the withdrawal, with the place of the one it undoes" \
    out_has '"verdict": "withdraw", "comment": "", "at": "2026-06-01T10:01:00Z", "from_state": "accepted", "withdraws": 1}'
check "all: a final answer from an annotation" out_has \
    "\"final_answer\": {\"result\": {\"label\": [\"pos\"]}, \"settled_by\": \"rev\", \"from_annotation\": $(aid b bob), \"at\": \""
check "all: a final answer by hand" out_has \
    '"final_answer": {"result": {"label": ["neg"]}, "settled_by": "rev", "at": "'
check "all: every task" test "$(wc -l <"$T/out")" = 5

# --- accepted -------------------------------------------------------------
run export p --annotations accepted
check "accepted" rc_is 0
check "accepted: nothing on stderr" err_is ""
check "accepted: the tasks with an accepted or fixed annotation" \
    test "$(grep -o '"id": "[a-e]"' "$T/out" | tr '\n' ' ')" = '"id": "a" "id": "b" "id": "c" "id": "d" '
check "accepted: only accepted and fixed annotations" test \
    "$(grep -o '"state": "[a-z]*"' "$T/out" | sort | uniq -c | awk '{ print $1, $3 }' |
    tr '\n' ' ')" = '6 "accepted" 1 "fixed" '
check "accepted: a fix exports the fixed result" \
    out_has '"state": "fixed", "result": {"label": ["pos"]}'
check "accepted: no rejected annotation" test "$(grep -c '"user": "ann", "state": "rejected"' "$T/out")" = 0

# --- final ----------------------------------------------------------------
run export p --annotations final
check "final" rc_is 0
check "final: says what it left out, which and why" err_is \
    "scalec: warning: left out 1 task whose accepted annotations differ and that has no final answer (task $(tid a)): 'scalec review final TASK --from ANNOTATION' settles one"
check "final: the tasks with one result" \
    test "$(grep -o '"id": "[a-e]"' "$T/out" | tr '\n' ' ')" = '"id": "b" "id": "c" "id": "d" '
check "final: one annotation a task" test "$(grep -o '"user": ' "$T/out" | wc -l)" = 3
check "final: the settled final answer, from its annotation" \
    test "$(grep '"id": "b"' "$T/out" | grep -o '"annotation_id": [0-9]*')" = "\"annotation_id\": $(aid b bob)"
check "final: one settled by hand, in the settler's name" \
    test "$(grep '"id": "c"' "$T/out" | grep -o '"annotations": \[{"user": "rev", "state": "accepted", "result": {"label": \["neg"\]}')" != ""
check "final: else the one accepted annotation, its fix" \
    test "$(grep '"id": "d"' "$T/out" | grep -o '"annotations": \[{"user": "bob", "state": "fixed", "result": {"label": \["pos"\]}')" != ""
run export p --annotations final -o "$T/final.jsonl"
check "final -o: the message too" err_has "left out 1 task"
check "final -o: the file" test "$(wc -l <"$T/final.jsonl")" = 3
R final "$(tid a)" --from "$(aid a ann)"
run export p --annotations final
check "final: nothing left out once settled" err_is ""
check "final: every accepted task" test "$(wc -l <"$T/out")" = 4
run export p --annotations final --format csv --csv-layout annotation
check "final as CSV: a row a task, as every format" test "$(wc -l <"$T/out")" = 5
check "final as CSV: the hand-settled one" out_has ',rev,accepted,neg,'
run project create dup --type text-classification --labels pos,neg
printf '%s\n' '{"text": "two"}' >"$T/f0.jsonl"
printf '%s\n' '{"text": "two", "final_answer": {"result": {"label": ["pos"]}, "settled_by": "rev"}}' >"$T/f.jsonl"
run import dup "$T/f0.jsonl"
run import dup "$T/f.jsonl"
check "a line with a final answer is no duplicate" out_has "Added 1 task to dup"
check "and its final answer is there" test "$(sql "SELECT count(*) FROM final_answer f JOIN task t
    ON t.id = f.task_id JOIN project p ON p.id = t.project_id WHERE p.name = 'dup'")" = 1

expect_usage "--annotations: not a mode" export p --annotations some
check "--annotations: says which there are" err_has "'some' is none of all, accepted, final and consensus"
expect_usage "--state with --annotations accepted" export p --annotations accepted --state submitted
check "--state with accepted: says so" err_has "--state and --annotations accepted exclude each other"
expect_usage "--user with --annotations final" export p --annotations final --user ann
check "--user with final: says so" err_has "--annotations final is one result per task: it takes no --user"
run export p --annotations accepted --user bob
check "accepted --user: bob's only" test "$(grep -o '"user": "[a-z]*"' "$T/out" | sort -u)" = '"user": "bob"'

# --- the round trip -------------------------------------------------------
# What legitimately differs: the task numbers, annotation ids and the
# final answers' from_annotation (the new database's own ids).
norm() { sed -E 's/^\{"task": [0-9]+, /{/; s/"(annotation_id|from_annotation)": [0-9]+/"ID": 0/g' "$1"; }
"$SCALEC" export p >"$T/e1.jsonl"
run project create q --type text-classification --labels pos,neg --overlap 2
"$SCALEC" export p | "$SCALEC" import q - >"$T/out" 2>"$T/err"
check "export | import" test $? -eq 0
check "export | import: the reviews and final answers" out_has "10 annotations, 10 reviews, 3 final answers."
"$SCALEC" export q >"$T/e2.jsonl"
check "export | import | export: the same, ids aside" test "$(norm "$T/e1.jsonl")" = "$(norm "$T/e2.jsonl")"
diff <(norm "$T/e1.jsonl") <(norm "$T/e2.jsonl") | head -5 | sed 's/^/# /'
check "round trip: each final answer from an annotation of its own task" test "$(sql "SELECT
    count(*) FROM final_answer f JOIN task t ON t.id = f.task_id
    JOIN project p ON p.id = t.project_id AND p.name = 'q'
    JOIN annotation a ON a.id = f.from_annotation AND a.task_id = f.task_id")" = 2
check "round trip: the states" test "$(sql "SELECT group_concat(a.state, ' ') FROM (SELECT
    a.state FROM annotation a JOIN task t ON t.id = a.task_id JOIN project p
    ON p.id = t.project_id WHERE p.name = 'q' ORDER BY a.id) a")" = \
    "accepted accepted accepted accepted accepted accepted rejected fixed submitted submitted"
run project show q
check "round trip: project show's review counts" out_has "6 accepted, 1 rejected, 1 fixed, 3 final"
run export q --annotations final
check "round trip: the final export" test "$(norm "$T/out")" = "$("$SCALEC" export p --annotations final | norm /dev/stdin)"

# --- --update adds to a history ---------------------------------------------
before=$(sql "SELECT count(*) FROM review; SELECT count(*) FROM final_answer")
run import p "$T/e1.jsonl" --update
check "--update with the same histories" rc_is 0
check "--update: nothing added twice" test "$(sql "SELECT count(*) FROM review;
    SELECT count(*) FROM final_answer")" = "$before"
R comment "$(aid e ann)" --comment "look again"
"$SCALEC" export p >"$T/e3.jsonl"
run import q "$T/e3.jsonl" --update
check "--update with a longer history" rc_is 0
check "--update: says it added one review" out_has "10 annotations, 1 review, 0 final answers."
check "--update: adds the new row" test "$(sql "SELECT count(*) FROM review r JOIN
    annotation a ON a.id = r.annotation_id JOIN task t ON t.id = a.task_id
    JOIN project p ON p.id = t.project_id WHERE p.name = 'q' AND r.verdict = 'comment'")" = 1
sed -e 's/"comment": "not this"/"comment": "changed"/' -e 's/"verdict": "reject"/"verdict": "accept"/' \
    "$T/e1.jsonl" >"$T/e4.jsonl"
expect_unchanged "--update rewriting a history" import q "$T/e4.jsonl" --update
check "--update rewriting a history: says so" err_has \
    "e4.jsonl:4: annotation 1: its review history in the project is not where this line's begins"

# --- bad shapes -------------------------------------------------------------
run project create z --type text-classification --labels pos,neg
bad() {	# NAME LINE-JSON MESSAGE
	printf '%s\n' '{"text": "fine"}' "$2" >"$T/bad.jsonl"
	expect_unchanged "$1" import z "$T/bad.jsonl"
	check "$1: says so" err_has "bad.jsonl:2: $3"
}
A='{"text": "t", "annotations": [{"user": "ann", "result": {"label": ["pos"]}, "annotation_id": 7'
bad "reviews not a list" "$A, \"reviews\": {}}]}" 'annotation 1: "reviews" must be a list'
bad "a review not an object" "$A, \"reviews\": [1]}]}" "annotation 1: review 1: must be an object"
bad "no reviewer" "$A, \"reviews\": [{\"verdict\": \"accept\"}]}]}" \
    'annotation 1: review 1: needs "reviewer", a user name'
bad "an unknown reviewer" "$A, \"reviews\": [{\"reviewer\": \"nobody\", \"verdict\": \"accept\"}]}]}" \
    "annotation 1: review 1: no user 'nobody' (add them with 'scalec user add', or import with --create-users)"
bad "one's own annotation" "$A, \"reviews\": [{\"reviewer\": \"ann\", \"verdict\": \"accept\"}]}]}" \
    "annotation 1: review 1: 'ann' reviews their own annotation"
bad "a bad verdict" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"fine\"}]}]}" \
    'annotation 1: review 1: "verdict" must be one of accept, reject, fix, comment, reopen and withdraw'
bad "a bad time" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\", \"at\": \"soon\"}]}]}" \
    'annotation 1: review 1: "at": '
bad "a bad from_state" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\", \"from_state\": \"odd\"}]}]}" \
    'annotation 1: review 1: "from_state" must be one of'
bad "a comment not a string" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"reject\", \"comment\": 5}]}]}" \
    'annotation 1: review 1: "comment" must be a string'
bad "a withdrawal of nothing" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"withdraw\", \"withdraws\": 1}]}]}" \
    'annotation 1: review 1: a withdrawal needs "withdraws", the place (from 1) of an earlier review in this list'
bad "a withdrawal withdrawn twice" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\"}, {\"reviewer\": \"rev\", \"verdict\": \"withdraw\", \"withdraws\": 1}, {\"reviewer\": \"rev\", \"verdict\": \"withdraw\", \"withdraws\": 1}]}]}" \
    "annotation 1: review 3: review 1 is a withdrawal or withdrawn already"
bad "another reviewer's withdrawn" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\"}, {\"reviewer\": \"bob\", \"verdict\": \"withdraw\", \"withdraws\": 1}]}]}" \
    "annotation 1: review 2: review 1 is another reviewer's: only its reviewer withdraws it"
bad "withdraws on an accept" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\", \"withdraws\": 1}]}]}" \
    'annotation 1: review 1: "withdraws" is for a withdrawal'
bad "a fix without a result" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"fix\"}]}]}" \
    'annotation 1: review 1: a fix needs its "result"'
bad "a fix with a bad result" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"fix\", \"result\": {\"label\": [\"meh\"]}}]}]}" \
    "annotation 1: review 1: "
bad "a result on an accept" "$A, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"accept\", \"result\": {}}]}]}" \
    'annotation 1: review 1: "result" is for a fix'
bad "fixed with no fix" "$A, \"fixed\": {\"label\": [\"neg\"]}}]}" \
    'annotation 1: "fixed" is not the fix in force in its "reviews" (there is none)'
bad "fixed not the fix in force" "$A, \"fixed\": {\"label\": [\"neg\"]}, \"reviews\": [{\"reviewer\": \"rev\", \"verdict\": \"fix\", \"result\": {\"label\": [\"pos\"]}}]}]}" \
    'annotation 1: "fixed" is not the fix in force in its "reviews"'
bad "a bad annotation_id" '{"text": "t", "annotations": [{"user": "ann", "annotation_id": "x"}]}' \
    'annotation 1: "annotation_id" is the id an export writes, a whole number'
bad "a repeated annotation_id" '{"text": "t", "annotations": [{"user": "ann", "annotation_id": 3}, {"user": "bob", "annotation_id": 3}]}' \
    'annotations 1 and 2 have the same "annotation_id" 3'
bad "final_answer not an object" '{"text": "t", "final_answer": []}' \
    '"final_answer" must be an object, not a list'
bad "final_answer without a result" '{"text": "t", "final_answer": {"settled_by": "rev"}}' \
    '"final_answer" needs a "result"'
bad "final_answer with a bad result" '{"text": "t", "final_answer": {"result": {"label": ["meh"]}, "settled_by": "rev"}}' \
    '"final_answer": '
bad "final_answer without settled_by" '{"text": "t", "final_answer": {"result": {}}}' \
    '"final_answer" needs "settled_by", a user name'
bad "final_answer by an unknown user" '{"text": "t", "final_answer": {"result": {}, "settled_by": "nobody"}}' \
    "\"final_answer\": no user 'nobody' (add them with 'scalec user add', or import with --create-users)"
bad "final_answer from no annotation of the line" "$A}], \"final_answer\": {\"result\": {}, \"settled_by\": \"rev\", \"from_annotation\": 8}}" \
    '"final_answer": "from_annotation" must be the "annotation_id" of one of this line'"'"'s annotations'
bad "final_answer from a draft" '{"text": "t", "annotations": [{"user": "ann", "state": "draft", "annotation_id": 4}], "final_answer": {"result": {}, "settled_by": "rev", "from_annotation": 4}}' \
    '"final_answer": annotation 1 is draft: a final answer is taken from submitted work'
done_testing
