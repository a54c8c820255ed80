#!/bin/bash
# scalec review's script commands: the queue (review list: order, filters,
# one's own left out), show with the history, accept, reject, comment,
# fix, final, reopen, and bulk accept --user; every refusal (own work, a
# draft, an unknown id, a reject without a comment, a bad fix, an
# annotator, run as a second OS user) exits 1 with the database exactly
# as it was. The counts project show prints follow each verdict.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
me=$(id -un)

run init
check "init" rc_is 0
run user add ann
run user add ann2
run user add rev --role reviewer
run project create p --type text-classification --labels pos,neg
check "project create" rc_is 0
cat >"$T/d.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}, "created_at": "2026-06-01T09:00:00Z", "updated_at": "2026-06-01T09:00:00Z"}]}
{"text": "two", "annotations": [{"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-01T08:00:00Z", "updated_at": "2026-06-01T08:00:00Z"}]}
{"text": "three", "annotations": [{"user": "ann", "state": "draft", "result": {"label": ["neg"]}, "created_at": "2026-06-01T07:00:00Z", "updated_at": "2026-06-01T07:00:00Z"}]}
{"text": "four", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-02T07:00:00Z", "updated_at": "2026-06-02T07:00:00Z"}]}
{"text": "five", "annotations": [{"user": "rev", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-01T06:00:00Z", "updated_at": "2026-06-01T06:00:00Z"}]}
JSON
run import p "$T/d.jsonl"
check "import" rc_is 0
id_of() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id WHERE t.text = '$1'"; }
one=$(id_of one); two=$(id_of two); three=$(id_of three)
four=$(id_of four); five=$(id_of five)

# --- the queue ----------------------------------------------------------
run review list p
check "list" rc_is 0
check "list: oldest submission first, drafts left out" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$five $two $one $four "
run --as rev review list p
check "list as rev: their own left out" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$two $one $four "
run review list p --user ann
check "list --user" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$one $four "
run review list p --since 2026-06-02
check "list --since" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$four "
run review list p --label pos
check "list --label" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$one "
run review list p --order by-user --json
check "list --order by-user --json" out_has '"user": "ann"'
run review list p --order random --seed 7
a=$(awk 'NR > 1 { print $1 }' "$T/out" | sort -n | tr '\n' ' ')
r1=$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')
check "list --order random: every item once" test "$a" = "$two $one $four $five " -o \
    "$a" = "$(printf '%s\n' $five $two $one $four | sort -n | tr '\n' ' ')"
run review list p --order random --seed 7
check "list --order random: the same seed, the same order" \
    test "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$r1"
run review list p --limit 1 --json
check "list --limit 1" test "$(grep -c '"id"' "$T/out")" = 1
expect_usage "list --order nope" review list p --order nope

# --- verdicts -------------------------------------------------------------
run review accept "$one" --comment "good work"
check "accept" rc_is 0
check "accept: the state" test "$(sql "SELECT state FROM annotation WHERE id = $one")" = accepted
run review show "$one"
check "show: the state" out_has "state      accepted"
check "show: the history with the comment" out_has "$me  accept: good work"
run project show p
check "project show: the review counts" \
    out_has "review         3 to review, 1 accepted, 0 rejected, 0 fixed, 0 final"

expect_unchanged "reject without a comment" review reject "$two"
check "reject without a comment: says so" err_has "needs a comment for its annotator"
expect_unchanged "a draft" review accept "$three"
check "a draft: says so" err_has "annotation $three is a draft: only submitted work is reviewed"
expect_unchanged "an unknown id" review accept 999
check "an unknown id: says so" err_has "there is no annotation 999"
expect_unchanged "one's own" --as rev review accept "$five"
check "one's own: says so" err_has "annotation $five is your own"
expect_unchanged "accepted already" review accept "$one"
check "accepted already: says to reopen" err_has "reopen it first"
expect_unchanged "several with one bad: none" review accept "$two" "$three"
check "several with one bad: $two still submitted" \
    test "$(sql "SELECT state FROM annotation WHERE id = $two")" = submitted
expect_usage "not an id" review accept x1

run review reject "$two" --comment "it is positive"
check "reject" rc_is 0
check "reject: the state" test "$(sql "SELECT state FROM annotation WHERE id = $two")" = rejected
run review show "$two" --json
check "show --json: the comment" out_has '"comment": "it is positive"'
check "show --json: the verdict" out_has '"verdict": "reject"'
# The rejected one comes first in its annotator's next session, with the
# reviewer's comment on the status line.
printf '' | "$SCALEC" --as ann2 annotate p --keys - >"$T/out" 2>"$T/err"
check "the labeler opens the rejected one first" \
    test "$(sed -n 2p "$T/out" | tr -d ' ')" = two
check "the labeler says it is rejected" out_has "[rejected: change, resubmit]"
check "the labeler shows the reviewer's comment" \
    out_has "$me rejected: it is positive"
run review list p --state rejected
check "list --state rejected" test \
    "$(awk 'NR > 1 { print $1 }' "$T/out" | tr '\n' ' ')" = "$two "

run review comment "$four" --comment "check the negation"
check "comment" rc_is 0
check "comment: no state change" \
    test "$(sql "SELECT state FROM annotation WHERE id = $four")" = submitted
expect_unchanged "comment without text" review comment "$four"

expect_unchanged "fix: a label not in the config" review fix "$four" --result '{"label": ["zzz"]}'
check "fix: a bad label says which" err_has "unknown label 'zzz'"
expect_unchanged "fix: not JSON" review fix "$four" --result '{"label"'
"$SCALEC" review fix "$four" --result - --comment positive \
    <<<'{"label": ["pos"]}' >"$T/out" 2>"$T/err"
check "fix from stdin" test $? -eq 0
check "fix: the state" test "$(sql "SELECT state FROM annotation WHERE id = $four")" = fixed
check "fix: the original kept" \
    test "$(sql "SELECT result FROM annotation WHERE id = $four")" = '{"label":["neg"]}'
run review show "$four" --json
check "fix: show has the fix" out_has '"fixed": {'

run review reopen "$one"
check "reopen" rc_is 0
check "reopen: submitted again" test "$(sql "SELECT state FROM annotation WHERE id = $one")" = submitted
expect_unchanged "reopen one not reviewed" review reopen "$one"

# --- final answers ---------------------------------------------------------
t4=$(sql "SELECT task_id FROM annotation WHERE id = $four")
run review final "$t4" --from "$four"
check "final --from a fixed one" rc_is 0
check "final: the fix is the answer" test \
    "$(sql "SELECT result FROM final_answer WHERE task_id = $t4")" = '{"label":["pos"]}'
t1=$(sql "SELECT task_id FROM annotation WHERE id = $one")
run review final "$t1" --result '{"label": ["neg"]}'
check "final --result" rc_is 0
expect_unchanged "final from another task's annotation" review final "$t1" --from "$four"
expect_unchanged "final of no task" review final 999 --result '{"label": ["neg"]}'
expect_usage "final with both" review final "$t1" --from "$one" --result '{}'

# --- bulk -------------------------------------------------------------------
expect_usage "bulk without --yes" review accept --project p --user ann
run review accept --project p --user ann --yes
check "bulk accept --user" rc_is 0
check "bulk: says how many" out_has "Accepted 1 annotation of ann in p."
check "bulk: ann's submitted ones accepted" test \
    "$(sql "SELECT state FROM annotation WHERE id = $one")" = accepted

# --- notifications (store/notify.h), in the verdict's transaction ------------
check "the rejected annotator is told, with the comment" test "$(sql "SELECT
    count(*) FROM notification n JOIN user u ON u.id = n.user_id WHERE
    u.name = 'ann2' AND n.kind = 'rejected' AND n.body = 'it is positive'
    AND n.annotation_id = $two")" = 1
check "the fixed one's annotator is told" test "$(sql "SELECT count(*) FROM
    notification WHERE kind = 'fixed' AND annotation_id = $four")" = 1
check "a comment is told" test "$(sql "SELECT count(*) FROM notification
    WHERE kind = 'comment' AND body = 'check the negation'")" = 1
check "an accept tells nobody" test "$(sql "SELECT count(*) FROM
    notification WHERE kind NOT IN ('rejected', 'fixed', 'comment')")" = 0

# --- project list: the review counts, as the annotations' states say --------
count_in() { sql "SELECT count(*) FROM annotation a JOIN task t ON t.id = a.task_id
    JOIN project p ON p.id = t.project_id WHERE p.name = 'p' AND a.state = '$1'"; }
acc=$(count_in accepted) rej=$(count_in rejected) fix=$(count_in fixed)
tor=$(sql "SELECT to_review FROM project WHERE name = 'p'")
run project list
check "project list: the review headers" grep -q \
    "TO REVIEW *ACCEPTED *REJECTED *FIXED" "$T/out"
check "project list: p's to-review, accepted, rejected and fixed" grep -q \
    "^p .*% *$tor *$acc *$rej *$fix " "$T/out"
run project list --json
check "project list --json: the counts by name" test "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]["review"]
print(r["to_review"], r["accepted"], r["rejected"], r["fixed"])' "$T/out")" \
    = "$tor $acc $rej $fix"

# --- export: ids, the fix beside the original, the history ------------------
run export p
check "export: every annotation has its id" test "$(grep -o '"annotation_id": [0-9]*' \
    "$T/out" | wc -l)" = "$(sql "SELECT count(*) FROM annotation")"
check "export: the fix beside the original" out_has \
    '"state": "fixed", "result": {"label": ["neg"]}'
check "export: the fixed result" out_has '"fixed": {"label": ["pos"]}'
check "export: the verdicts with reviewer, time and comment" out_has \
    "\"reviewer\": \"$me\", \"verdict\": \"reject\", \"comment\": \"it is positive\""
run project create p2 --type text-classification --labels pos,neg
"$SCALEC" export p | "$SCALEC" import p2 - >"$T/out" 2>"$T/err"
check "export | import: what export writes imports" test $? -eq 0

# --- the policy ---------------------------------------------------------------
expect_usage "project edit --review: a bad policy" project edit p --review sample:0
run project edit p --review sample:50
check "project edit --review" rc_is 0
run project show p
check "project show: the policy" out_has "review policy  sample:50, on_reject requeue, final optional, comment required"
run project create q --type text-classification --labels a,b --review all
check "project create --review" rc_is 0
run project show q --json
check "project show --json: the policy" out_has '"policy": "all"'
check "the policy is audited" test "$(sql "SELECT count(*) FROM audit
    WHERE action = 'project.edit' AND detail = 'review'")" = 1

# --- the screen's call site (the screen itself: tests/tui/review.sh) -------
expect_unchanged "review PROJECT without a terminal: refused" review p </dev/null

# --- an annotator, as a second OS user ---------------------------------------
if other_user; then
	run user add "$OTHER"
	RUN=run_other expect_unchanged "an annotator: accept" review accept "$two"
	check "an annotator: permission denied" err_has "permission denied"
	RUN=run_other expect_unchanged "an annotator: list" review list p
	RUN=run_other expect_unchanged "an annotator: final" review final "$t1" \
	    --result '{"label": ["pos"]}'
	run member add p "$OTHER" --role reviewer
	RUN=run_other expect_unchanged "a member reviewer: still not their own" \
	    review accept 999
	run_other review reject "$five" --comment "as a reviewer of p"
	check "a member reviewer reviews in p" rc_is 0
else
	diag "skipped, an annotator as a second OS user: $OTHER_WHY"
fi
done_testing
