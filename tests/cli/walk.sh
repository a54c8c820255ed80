#!/bin/bash
# Where a person is and where they can go: file priority (the labeler's
# order follows it), a draft holding its task and file release, annotate
# --task, --filter and --skipped, skipped tasks at the end of the queue,
# file list's holder column; every refusal with the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
jsonq() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$T/out') AS j)"; }

# task_of USER PROJECT [OPTIONS...]: the task a new session opens.
task_of() {
	keys_as "$@" --json < /dev/null
}
opened() { jsonq "j->>'task'"; }


run init
for u in alice bob carol; do run user add $u --role annotator; done
run project create p --type text-classification --labels a,b
for i in $(seq 1 6); do
	lang=en; [ $((i % 2)) -eq 0 ] && lang=fr
	echo "{\"id\": \"e$i\", \"text\": \"text number $i\", \"meta\": {\"lang\": \"$lang\"}}"
done > "$T/p.jsonl"
run import p "$T/p.jsonl"
check "six tasks" test "$(sql "select count(*) from task")" = 6
for u in alice bob carol; do run member add p $u; done

# --- file priority --------------------------------------------------------
task_of alice p 'q'
check "before: the first task first" test "$(opened)" = 1
run file priority 5 4 3
check "priority: exit 0" rc_is 0
check "priority: says so" out_is "Set the priority of 2 tasks to 3."
check "priority: stored" test "$(sql "select group_concat(priority) from (select priority from task order by id)")" = "0,0,0,3,3,0"
check "priority: audited per task" test "$(sql "select count(*) from audit where action = 'file.priority'")" = 2
task_of alice p 'q'
check "priority: the labeler's order follows at once" test "$(opened)" = 4
run file priority id:e6 -p p 9 --json
check "priority by imported id, --json" test "$(jsonq "j->>'priority'")/$(jsonq "j->'tasks'->>0")" = "9/6"
run file priority 4 -- -2
check "a negative priority after --" test "$(sql "select priority from task where id = 4")" = -2
task_of alice p 'q'
check "the highest first" test "$(opened)" = 6
expect_unchanged "priority of a missing task changes none" file priority 5 999 1
check "priority names the missing task" err_has "no task 999"
expect_usage "priority that is not a number" file priority 5 high
check "priority says what a priority is" err_has "'high' is not a priority"
expect_usage "priority with no N" file priority 5
check "priority says what it needs" err_has "file priority needs TASK... and N"
expect_usage "priority of a non-task" file priority x1 5
expect_unchanged "an annotator cannot set priorities" --as alice file priority 5 1
check "the refusal names the act" err_has "set task priorities"
run file priority 4 5 6 0
check "back to 0" test "$(sql "select group_concat(priority) from (select priority from task order by id)")" = "0,0,0,0,0,0"

# --- annotate --task ------------------------------------------------------
task_of alice p 'q' --task 5
check "--task opens that task" test "$(opened)" = 5
keys_as alice p 'q' --task id:e3
check "--task id:VALUE" out_has "p — task 3 (e3) — done 0/6 — "
expect_unchanged "--task that is not there" --as alice annotate p --task 999 --keys "$T/keys"
check "--task names it" err_has "no task 999"
run project create other --type text-classification --labels a,b
echo '{"text": "elsewhere"}' > "$T/o.jsonl"
run import other "$T/o.jsonl"
expect_unchanged "--task of another project" annotate p --task 7 --keys "$T/keys"
check "--task says whose it is" err_has "task 7 is not in p"
expect_unchanged "--task that names no task" annotate p --task seven --keys "$T/keys"

# --- annotate --filter ----------------------------------------------------
task_of bob p 'q' --filter 'number 4'
check "--filter by text" test "$(opened)" = 4
task_of bob p 'q' --filter meta.lang=fr
check "--filter by meta" test "$(opened)" = 2
keys_as bob p '1' --filter meta.lang=fr --json
check "--filter: the next one matches too" test "$(opened)" = 4
task_of bob p 'q'
check "without the filter the order is whole again" test "$(opened)" = 1
expect_usage "--filter that is empty" annotate p --filter '' --keys "$T/keys"
check "--filter empty says why" err_has "an empty filter"
expect_usage "--filter meta without =" annotate p --filter meta.lang --keys "$T/keys"
check "--filter meta says how" err_has "write meta.KEY=VALUE"
expect_usage "--filter meta key with a quote" annotate p --filter 'meta.a"b=1' --keys "$T/keys"
check "--filter quote says why" err_has "which a filter cannot name"
expect_unchanged "--task id:VALUE not in the project" annotate p --task id:nope --keys "$T/keys"
check "--task id:VALUE names it" err_has "no task with the imported id 'nope' in p"
task_of bob p 'q' --filter 'no such text'
check "--filter with no match: no task" test "$(jsonq "j->>'no_task_left'")" = 1

# --- skipped at the end, --skipped ---------------------------------------
# bob's submission filled task 2 (overlap 1): carol's queue is 1 3 4 5 6.
keys_as carol p 's s' --json
check "two skips" test "$(jsonq "j->>'skipped'")/$(opened)" = "2/4"
task_of carol p 'q' --skipped
check "--skipped opens the one skipped first" test "$(opened)" = 1
keys_as carol p 's' --skipped --json
check "a skip again sends it to the back" test "$(opened)" = 3
keys_as carol p 'q' --skipped
check "--skipped says so in the title" out_has "skipped only (2)"
keys_as carol p '1 1 1 1' --json
check "the open tasks first, then the skips" test "$(jsonq "j->>'submitted'")/$(opened)" = "4/1"
keys_as carol p 'q'
check "the title: her done/total and her skips" out_has "p — task 1 (e1) — done 4/6 — 1 skipped — carol"

# --- a draft holds its task; file release ---------------------------------
run project create n --type ner --labels PER,LOC
printf 'Ada met Bob .\nCy saw Di .\nEd ran .\n' > "$T/n.txt"
run import n "$T/n.txt" --format txt
for u in alice bob carol; do run member add n $u; done
keys_as alice n 'v 1 q'
check "alice leaves a draft" test "$(sql "select state from annotation a join task t on t.id = a.task_id where t.project_id = (select id from project where name = 'n')")" = draft
held=$(sql "select task_id from annotation where state = 'draft'")
run file list n
check "file list: who holds what" out_has "alice"
check "file list: a holder column" out_has "HELD BY"
run file list n --json
check "file list --json: held_by" test "$(jsonq "j->0->'held_by'->>0")" = alice
task_of bob n 'q'
check "her draft keeps the task from bob" test "$(opened)" != "$held"
task_of alice n 'q'
check "and gives it back to her" test "$(opened)" = "$held"
keys_as bob n "g $(echo "$held" | sed 's/./& /g') Enter"
check "g to a task her draft holds: bob is told" out_has "Other people hold this task"
expect_unchanged "release by an annotator" --as bob file release "$held"
check "release: the act" err_has "release tasks"
expect_unchanged "release of a task nobody holds" file release $((held + 2))
check "release: says nothing was released" err_has "nothing was released"
expect_unchanged "release of another's hold" file release "$held" --user bob
check "release: names who does not hold it" err_has "not held by bob"
expect_unchanged "release for no such user" file release "$held" --user zed
check "release: no such user" err_has "no user 'zed'"
expect_unchanged "release of a missing task" file release 999
run file release "$held" --user alice
check "release: exit 0" rc_is 0
check "release: says whose" out_has "Released task $held from alice"
check "release: the draft kept as a skip" test "$(sql "select state || ' ' || result from annotation where task_id = $held")" = 'skipped {"entities":[{"start":0,"end":3,"label":"PER"}]}'
check "release: audited" test "$(sql "select detail from audit where action = 'file.release'")" = "task $held: alice"
task_of bob n 'q'
check "released: bob gets it now" test "$(opened)" = "$held"
done_testing
