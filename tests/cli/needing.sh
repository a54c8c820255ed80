#!/bin/bash
# stats' "needing labels" and a rejected annotation (issue 9's rules of
# the loop, HACKING): under on_reject: requeue the rejected annotation is
# its person's to fix and still counts toward the overlap, so its task
# needs no one else's labels (it is counted as rejected); under remove it
# counts toward no overlap, so its task needs labels again and is served
# to someone else.
. "$SRCDIR/tests/cli/lib.sh"

export SCALEC_NOW=2026-06-01T09:00:00Z
sql() { sqlite3 "$SCALEC_DB" "$1"; }
need() {
	run stats "$1" --json
	json "d['progress']['needing_labels'], d['progress']['rejected']"
}

run init
for u in ann bob; do run user add $u --role annotator; done
run user add rev --role reviewer
for mode in requeue remove; do
	cat > "$T/$mode.yaml" <<YAML
type: text-classification
overlap: 1
settings: {review: all, on_reject: $mode}
controls:
  - {name: label, kind: choice, labels: [a, b]}
YAML
	run project create $mode --type text-classification --config "$T/$mode.yaml"
	echo '{"id": "t1", "text": "one"}' > "$T/$mode.jsonl"
	run import $mode "$T/$mode.jsonl"
	keys_as ann $mode '1'
	check "$mode: labelled, nothing needs labels" test "$(need $mode)" = "0 0"
	aid=$(sql "select a.id from annotation a join task t on t.id = a.task_id
	    join project p on p.id = t.project_id where p.name = '$mode'")
	run --as rev review reject "$aid" --comment no
	check "$mode: rejected" rc_is 0
done
check "requeue: the rejected one still counts: no labels needed from others" test "$(need requeue)" = "0 1"
keys_as bob requeue '1'
check "requeue: bob is not served it" test "$(sql "select count(*) from annotation a join user u on u.id = a.user_id where u.name = 'bob'")" = 0
check "remove: it counts toward no overlap: the task needs labels" test "$(need remove)" = "1 1"
keys_as bob remove '1'
check "remove: bob is served it" test "$(sql "select count(*) from annotation a join user u on u.id = a.user_id where u.name = 'bob' and a.state = 'submitted'")" = 1
check "remove: labelled again, nothing needs labels" test "$(need remove)" = "0 1"
done_testing
