#!/bin/bash
# Extra annotators (issue 12 section 2): extra_annotators_below and
# extra_annotators_max and their refusals; a task whose agreement at its
# overlap is below the threshold is served to one more person at a time,
# up to the maximum; agreement reached stops it; gold tasks are exempt;
# the task is done, counted and listed by the same rule.
. "$SRCDIR/tests/cli/lib.sh"

export SCALEC_NOW=2026-06-01T09:00:00Z
sql() { sqlite3 "$SCALEC_DB" "$1"; }
config() {
	_f=$1; shift
	{
		echo "type: text-classification"
		echo "overlap: 3"
		[ $# -gt 0 ] && echo "settings:"
		for _s in "$@"; do echo "  $_s"; done
		echo "controls:"
		echo "  - name: label"
		echo "    kind: choice"
		echo "    labels: [a, b, c]"
	} > "$_f"
}
# who TASK_EXT: the people who submitted the task, in order.
who() {
	sql "select group_concat(u.name, ',') from (select u.name from
	    annotation a join task t on t.id = a.task_id join user u on
	    u.id = a.user_id where t.ext_id = '$1' and a.state = 'submitted'
	    order by a.id) u"
}
wanted() { sql "select wanted from task where ext_id = '$1'"; }

run init
for u in ann bob cat dan eve fay; do run user add $u --role annotator; done

# --- the settings -------------------------------------------------------------
config "$T/bad.yaml" "extra_annotators_below: 1.5"
expect_unchanged "extra_annotators_below above 1" project create bad --type text-classification --config "$T/bad.yaml"
check "extra_annotators_below: FILE:LINE:COLUMN and its range" err_has "bad.yaml:4:27: extra_annotators_below must be an agreement score from 0 to 1, not \"1.5\""
config "$T/bad.yaml" "extra_annotators_below: many"
expect_unchanged "extra_annotators_below that is no number" project create bad --type text-classification --config "$T/bad.yaml"
config "$T/bad.yaml" "extra_annotators_below: 0.6" "extra_annotators_max: 0"
expect_unchanged "extra_annotators_max of 0" project create bad --type text-classification --config "$T/bad.yaml"
check "extra_annotators_max: FILE:LINE:COLUMN and its range" err_has "bad.yaml:5:25: extra_annotators_max must be a whole number from 1 to 1000"
config "$T/bad.yaml" "extra_annotators_max: two"
expect_unchanged "extra_annotators_max that is no number" project create bad --type text-classification --config "$T/bad.yaml"

config "$T/x.yaml" "extra_annotators_below: 0.6" "extra_annotators_max: 2" \
    "gold_onboarding: 1"
run project create x --type text-classification --config "$T/x.yaml"
check "a config with extra annotators: created" rc_is 0
check "the settings kept for the submission" test "$(sql "select extra_below, extra_max from project where name = 'x'")" = "0.6|2"
{
	echo '{"id": "t1", "text": "one"}'
	echo '{"id": "t2", "text": "two"}'
	echo '{"id": "g1", "text": "gold", "gold": {"label": "a"}}'
} > "$T/x.jsonl"
run import x "$T/x.jsonl"
check "import" rc_is 0

# --- three disagree, a fourth is served -------------------------------------
# Each person's first task is the gold one (gold_onboarding), which they
# answer a, b, c: no overlap, no agreement. Then t1 a, b, c (agreement
# 1/3); t2 a, a, b (2/3, at the threshold or above: done).
keys_as ann x '1 1 1'
keys_as bob x '2 2 1'
keys_as cat x '3 3 2'
check "three submitted t1" test "$(who t1)" = "ann,bob,cat"
check "t1 below the threshold asks for one more" test "$(wanted t1)" = 4
check "t2 at 2/3 asks for none" test "$(wanted t2)" = 0
run file list x --json
check "t1 waits for its extra annotator: in progress, not done" test "$(json "[t['status'] for t in d if t['ext_id'] == 't1'][0]")" = "in-progress"
check "done counts t2 alone" test "$(sql "select done_count from project where name = 'x'")" = 1
run stats x --json
check "stats: t1 needs labels" test "$(json "d['progress']['needing_labels']")" = 1
keys_as ann x 'q'
check "one who labelled it is not served it again" test "$(who t1)" = "ann,bob,cat"
keys_as dan x '1 1'
check "a fourth person is served t1" test "$(who t1)" = "ann,bob,cat,dan"
check "still below (2/4 agree): one more, the last of the two" test "$(wanted t1)" = 5
keys_as eve x '2 2'
check "a fifth person is served t1" test "$(who t1)" = "ann,bob,cat,dan,eve"
check "the maximum respected: no sixth asked" test "$(wanted t1)" = 5
keys_as fay x '1 1'
check "nobody is served t1 beyond the maximum" test "$(who t1)" = "ann,bob,cat,dan,eve"
check "t1 done at its maximum" test "$(sql "select done_count from project where name = 'x'")" = 2
run file list x --json
check "file list: t1 done" test "$(json "[t['status'] for t in d if t['ext_id'] == 't1'][0]")" = "done"
check "the gold task was answered a, b, c by six" test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id where t.ext_id = 'g1' and a.state = 'submitted'")" = 6
check "gold tasks are exempt: nothing wanted" test "$(wanted g1)" = 0

# --- agreement reached stops it ----------------------------------------------
config "$T/y.yaml" "extra_annotators_below: 0.6" "extra_annotators_max: 3"
run project create y --type text-classification --config "$T/y.yaml"
echo '{"id": "u1", "text": "u"}' > "$T/y.jsonl"
run import y "$T/y.jsonl"
keys_as ann y '1'
keys_as bob y '1'
keys_as cat y '2'
check "2/3 agree at 0.6: no extra" test "$(wanted u1)" = 0
config "$T/z.yaml" "extra_annotators_below: 0.7" "extra_annotators_max: 3"
run project create z --type text-classification --config "$T/z.yaml"
sed 's/u1/v1/' "$T/y.jsonl" > "$T/z.jsonl"
run import z "$T/z.jsonl"
keys_as ann z '1'
keys_as bob z '1'
keys_as cat z '2'
check "2/3 below 0.7: one more" test "$(wanted v1)" = 4
keys_as dan z '1'
check "3/4 reaches 0.7: no more asked" test "$(wanted v1)" = 4
keys_as eve z '1'
check "agreement reached: nobody else is served it" test "$(who v1)" = "ann,bob,cat,dan"
check "v1 done" test "$(sql "select done_count from project where name = 'z'")" = 1

# --- without the settings nothing changes ----------------------------------
config "$T/n.yaml"
run project create n --type text-classification --config "$T/n.yaml"
sed 's/u1/w1/' "$T/y.jsonl" > "$T/n.jsonl"
run import n "$T/n.jsonl"
keys_as ann n '1'
keys_as bob n '2'
keys_as cat n '3'
check "no settings: a split task asks for nobody" test "$(wanted w1)" = 0
keys_as dan n '1'
check "no settings: no fourth" test "$(who w1)" = "ann,bob,cat"

# --- a project edit that removes the settings --------------------------------
run project edit x --config "$T/n.yaml"
check "project edit without the settings: 0 kept" test "$(sql "select extra_below, extra_max from project where name = 'x'")" = "0.0|0"
done_testing
