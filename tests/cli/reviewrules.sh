#!/bin/bash
# The rules of the review loop (issue 9 section 3): on_reject: requeue or
# remove (a removed rejection leaves its task's overlap, so the task goes
# to one more annotator, and is still exported as rejected), final:
# required, comment_required, and when a task is done under the policy:
# project show, project list and the labeler's title count it so. The
# options (--on-reject, --final, --comment-required) and the config's
# settings (review:, on_reject:, final:, comment_required:), written back
# into the stored config; each bad value refused with the database as it
# was.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
done_of() { sql "SELECT done_count || '/' || task_count FROM project WHERE name = '$1'"; }

run init
for u in ann ann2 ann3; do run user add $u; done
run user add rev --role reviewer
run user add boss --role manager

# --- the options and their refusals -------------------------------------------
run project create r --type text-classification --labels pos,neg --overlap 2 \
    --review all --on-reject remove --final required --comment-required no
check "create with the rules" rc_is 0
run project show r
check "show: the rules" out_has "review policy  all, on_reject remove, final required, comment optional"
check "show: the stored config says them" test "$(sql "SELECT config FROM project WHERE name = 'r'" | grep -c '^  review: all$\|^  on_reject: remove$\|^  final: required$\|^  comment_required: false$')" = 4
run project show r --json
check "show --json: on_reject" out_has '"on_reject": "remove"'
check "show --json: final_required" out_has '"final_required": true'
check "show --json: comment_required" out_has '"comment_required": false'
check "the columns follow" test "$(sql "SELECT review || on_reject || final_required || comment_required FROM project WHERE name = 'r'")" = allremove10
expect_usage "--on-reject: a bad value" project edit r --on-reject return
check "--on-reject: says so" err_has "--on-reject: takes requeue or remove, not 'return'"
expect_usage "--final: a bad value" project edit r --final always
check "--final: says so" err_has "--final: takes optional or required, not 'always'"
expect_usage "--comment-required: a bad value" project edit r --comment-required maybe
check "--comment-required: says so" err_has "--comment-required: takes yes or no, not 'maybe'"
expect_usage "create --on-reject: a bad value" project create r2 --type text-classification --labels a,b --on-reject drop
check "create --on-reject: says so" err_has "--on-reject: takes requeue or remove, not 'drop'"
check "create refused: no project r2" test "$(sql "SELECT count(*) FROM project WHERE name = 'r2'")" = 0

# --- the config's settings ------------------------------------------------------
cat >"$T/c.yaml" <<'YAML'
type: text-classification
overlap: 2
settings:
  review: sample:40
  on_reject: remove
  final: required
  comment_required: false
controls:
  - {name: label, kind: choice, labels: [pos, neg]}
YAML
run project create y --config "$T/c.yaml"
check "create from a config with the settings" rc_is 0
run project show y
check "the config's settings are the project's" out_has "review policy  sample:40, on_reject remove, final required, comment optional"
run project create y2 --config "$T/c.yaml" --review none --on-reject requeue
check "options over the config's settings" rc_is 0
run project show y2
check "the options win" out_has "review policy  none, on_reject requeue, final required, comment optional"
check "the stored config follows the options" test "$(sql "SELECT config FROM project WHERE name = 'y2'" | grep -c 'review:\|on_reject:')" = 0
# A config without settings keeps the project's.
cat >"$T/plain.yaml" <<'YAML'
controls:
  - {name: label, kind: choice, labels: [pos, neg]}
YAML
run project edit y --config "$T/plain.yaml"
check "edit with a config that says nothing of them" rc_is 0
run project show y
check "the policy stays" out_has "review policy  sample:40, on_reject remove, final required, comment optional"
check "and stays in the stored config" test "$(sql "SELECT config FROM project WHERE name = 'y'" | grep -c 'review: sample:40')" = 1
# Each bad value refused at its place.
bad_setting() {
	printf 'controls:\n  - {name: label, kind: choice, labels: [pos, neg]}\nsettings:\n  %s\n' "$1" >"$T/bad.yaml"
	expect_unchanged "config $1: refused" project edit y --config "$T/bad.yaml"
	check "config $1: at its place" err_has "$T/bad.yaml:4:$2: $3"
}
bad_setting "review: most" 11 'review must be none, all or sample:N (N from 1 to 100), not "most"'
bad_setting "on_reject: return" 14 'on_reject must be requeue or remove, not "return"'
bad_setting "final: always" 10 'final must be optional or required, not "always"'
bad_setting "comment_required: often" 21 'comment_required must be true or false, not "often"'
printf 'settings: {on_reject: maybe}\ncontrols:\n  - {name: l, kind: choice, labels: [a]}\n' >"$T/bad2.yaml"
expect_unchanged "create --config with a bad on_reject" project create z --config "$T/bad2.yaml" --type text-classification
check "create: at its place" err_has "$T/bad2.yaml:1:23: on_reject must be requeue or remove"

# --- on_reject: remove: the task goes to a third annotator ----------------------
run project create rm --type text-classification --labels pos,neg --overlap 2 --review all --on-reject remove
cat >"$T/in1.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}}, {"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}}]}
JSON
run import rm "$T/in1.jsonl"
check "import two submissions" rc_is 0
a1=$(sql "SELECT a.id FROM annotation a JOIN user u ON u.id = a.user_id WHERE u.name = 'ann'")
a2=$(sql "SELECT a.id FROM annotation a JOIN user u ON u.id = a.user_id WHERE u.name = 'ann2'")
keys_as ann3 rm 'q'
check "before: no task for a third person" out_has "No task is left for you in rm"
check "before: the task is full" test "$(sql "SELECT submitted FROM task")" = 2
run --as rev review reject "$a1" --comment "not positive"
check "reject under remove" rc_is 0
check "the rejection stays rejected" test "$(sql "SELECT state || removed FROM annotation WHERE id = $a1")" = rejected1
check "it counts toward the overlap no more" test "$(sql "SELECT submitted FROM task")" = 1
check "nor toward its person's count" test "$(sql "SELECT submitted FROM annotator a JOIN user u ON u.id = a.user_id WHERE u.name = 'ann'")" = 0
run project show rm
check "the rejected count has it" out_has "1 to review, 0 accepted, 1 rejected"
keys_as ann rm 'q'
check "its person: not back in their queue" out_has "No task"
printf '2 q\n' >"$T/k1"
row="SELECT state, removed, result, seq FROM annotation WHERE id = $a1"
before=$(sql "$row")
run --as ann annotate rm --keys "$T/k1" --task 1 --size 120x24
check "its person opens it read only" out_has "reviewed (rejected, removed from the task): read only"
check "and cannot change or resubmit it" test "$(sql "$row")" = "$before"
keys_as ann3 rm '1'
check "a third person gets the task" rc_is 0
check "the third person's annotation counts" test "$(sql "SELECT submitted FROM task")" = 2
check "the task has three annotations" test "$(sql "SELECT count(*) FROM annotation")" = 3
run export rm
check "export: the removed one is still rejected" out_has '"state": "rejected"'
check "export: every annotation" test "$(grep -o '"annotation_id"' "$T/out" | wc -l)" = 3
check "export: the removed one says so" test "$(grep -o '"removed": true' "$T/out" | wc -l)" = 1
# export | import keeps it out of the overlap: the copy's task is full.
cp "$T/out" "$T/rm.jsonl"
run project create rm2 --type text-classification --labels pos,neg --overlap 2 --review all --on-reject remove
run import rm2 "$T/rm.jsonl"
check "export | import: imported" rc_is 0
check "export | import: the removed one is removed there too" test "$(sql "SELECT a.state || a.removed FROM annotation a JOIN task t ON t.id = a.task_id JOIN project p ON p.id = t.project_id JOIN user u ON u.id = a.user_id WHERE p.name = 'rm2' AND u.name = 'ann'")" = rejected1
check "export | import: the task counts two, as the original" test "$(sql "SELECT t.submitted FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'rm2'")" = 2
run export rm2
check "export | import | export: the same removed" test "$(grep -o '"removed": true' "$T/out" | wc -l)" = 1
sed 's/"state": "rejected", /"state": "submitted", /' "$T/rm.jsonl" > "$T/rm-bad.jsonl"
expect_unchanged "removed on an annotation that is not rejected" import rm2 "$T/rm-bad.jsonl"
check "removed on one not rejected: says so" err_has '"removed" is for a rejected annotation, not a submitted one'

# --- done under the policy ------------------------------------------------------
run project create d --type text-classification --labels pos,neg --review all
cat >"$T/in2.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}}]}
{"text": "two", "annotations": [{"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}}]}
JSON
run import d "$T/in2.jsonl"
check "under review: submitted is not done" test "$(done_of d)" = 0/2
in_d() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id JOIN project p ON p.id = t.project_id WHERE p.name = 'd' AND t.text = '$1'"; }
d1=$(in_d one); d2=$(in_d two)
run file list d --status done
check "file list --status done: none yet" test "$(grep -c 'one\|two' "$T/out")" = 0
run file list d --status in-review --json
check "file list --status in-review: both, waiting for review" test "$(grep -c '"status": "in-review"' "$T/out")" = 2
run --as rev review accept "$d1"
check "accepted: done" test "$(done_of d)" = 1/2
run file list d --json
check "file list: the accepted one done, the other in review" test "$(grep -o '"status": "[a-z-]*"' "$T/out" | tr '\n' ' ')" = '"status": "done" "status": "in-review" '
run file list d --status done
check "file list --status done: the one project show counts" test "$(grep -c 'one' "$T/out")/$(grep -c 'two' "$T/out")" = 1/0
run file show "$(sql "SELECT task_id FROM annotation WHERE id = $d2")"
check "file show: in review" out_has "in-review"
run project list
check "project list counts it" test "$(awk '$1 == "d" { print $4 }' "$T/out")" = 1
run --as rev review fix "$d2" --result '{"label": ["pos"]}'
check "fixed: done" test "$(done_of d)" = 2/2
check "the managers hear of 100% when the last verdict makes it" test "$(sql "SELECT count(*) FROM notification n JOIN user u ON u.id = n.user_id WHERE u.name = 'boss' AND kind = 'project_done' AND project_id = (SELECT id FROM project WHERE name = 'd')")" = 1
run --as rev review reopen "$d2"
check "reopened: not done" test "$(done_of d)" = 1/2
run project edit d --review none
check "no policy: done by the overlap" test "$(done_of d)" = 2/2
run project edit d --review all
check "the policy again" test "$(done_of d)" = 1/2
run project create f --type text-classification --labels pos,neg --overlap 2 --final required
cat >"$T/in3.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}}, {"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}}]}
JSON
run import f "$T/in3.jsonl"
check "final required: at overlap, not done" test "$(done_of f)" = 0/1
keys_as ann3 f 'q'
check "the labeler's title counts it so" out_has "done 0/1"
ftask=$(sql "SELECT t.id FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'f'")
expect_unchanged "a final answer from another task's annotation" --as rev review final "$ftask" --from "$d1"
run --as rev review final "$ftask" --result '{"label": ["pos"]}'
check "final settled" rc_is 0
check "final settled: done" test "$(done_of f)" = 1/1

# --- comment_required ---------------------------------------------------------------
run project create c --type text-classification --labels pos,neg
cat >"$T/in4.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}}]}
JSON
run import c "$T/in4.jsonl"
c1=$(sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id JOIN project p ON p.id = t.project_id WHERE p.name = 'c'")
expect_unchanged "reject without a comment" --as rev review reject "$c1"
check "says the project requires one" err_has "project c has comment_required"
run project edit c --comment-required no
run --as rev review reject "$c1"
check "comment_required off: a reject without a comment" rc_is 0
check "the verdict is a row" test "$(sql "SELECT verdict || '[' || comment || ']' FROM review WHERE annotation_id = $c1")" = "reject[]"
done_testing
