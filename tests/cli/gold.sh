#!/bin/bash
# Gold tasks (issue 12 section 1): the config's gold settings and their
# refusals, "gold" on import and export, file gold (--result, stdin,
# --from-annotation, --clear), serving (the configured share of a queue,
# counted; onboarding; never twice; exempt from the overlap; out of
# progress), scores stored, the low-score notification and pause, member
# resume and member scores; every refusal with the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"

export SCALEC_NOW=2026-06-01T09:00:00Z
sql() { sqlite3 "$SCALEC_DB" "$1"; }

# served USER PROJECT: the tasks USER answered or skipped there, in order.
served() {
	sql "select group_concat(task_id, ',') from (select a.task_id from
	    annotation a join task t on t.id = a.task_id join project p on
	    p.id = t.project_id join user u on u.id = a.user_id where
	    u.name = '$1' and p.name = '$2' and a.state <> 'draft'
	    order by a.created_at, a.id)"
}
# served_rel USER PROJECT: the same as numbers within the project (its
# first task is 1).
served_rel() {
	sql "select group_concat(a.task_id - (select min(id) - 1 from task
	    where project_id = p.id), ',') from annotation a join task t on
	    t.id = a.task_id join project p on p.id = t.project_id join user
	    u on u.id = a.user_id where u.name = '$1' and p.name = '$2' and
	    a.state <> 'draft' order by a.id"
}
# gold_in LIST PROJECT: how many of the tasks in LIST are gold.
gold_in() {
	sql "select count(*) from task where id in ($1) and is_gold = 1"
}
config() {
	# config FILE SETTINGS...: a choice config with the settings given.
	_f=$1; shift
	{
		echo "type: text-classification"
		echo "overlap: ${OVERLAP:-1}"
		[ $# -gt 0 ] && echo "settings:"
		for _s in "$@"; do echo "  $_s"; done
		echo "controls:"
		echo "  - name: label"
		echo "    kind: choice"
		echo "    labels: [a, b]"
	} > "$_f"
}
# tasks N GOLD: N normal tasks then GOLD tasks whose answer is "a".
tasks() {
	for _i in $(seq 1 "$1"); do echo "{\"text\": \"task $_i\"}"; done
	for _i in $(seq 1 "$2"); do
		echo "{\"text\": \"gold $_i\", \"gold\": {\"label\": \"a\"}}"
	done
}

run init
for u in alice bob carol dave; do run user add $u --role annotator; done
run user add mgr --role manager

# --- the config's settings ---------------------------------------------------
config "$T/bad.yaml" "gold_rate: 0.1x"
expect_unchanged "gold_rate that is no number" project create bad --type text-classification --config "$T/bad.yaml"
check "gold_rate: FILE:LINE:COLUMN and what it takes" err_has "bad.yaml:4:14: gold_rate must be a share from 0 to 1"
config "$T/bad.yaml" "gold_rate: 2"
expect_unchanged "gold_rate above 1" project create bad --type text-classification --config "$T/bad.yaml"
config "$T/bad.yaml" "gold_rate: -0.1"
expect_unchanged "a negative gold_rate" project create bad --type text-classification --config "$T/bad.yaml"
config "$T/bad.yaml" "gold_min_score: 1.5"
expect_unchanged "gold_min_score above 1" project create bad --type text-classification --config "$T/bad.yaml"
check "gold_min_score: says so" err_has "bad.yaml:4:19: gold_min_score must be a score from 0 to 1"
config "$T/bad.yaml" "gold_match: loose"
expect_unchanged "gold_match that is neither" project create bad --type text-classification --config "$T/bad.yaml"
check "gold_match: names both" err_has "gold_match must be strict or lenient, not \"loose\""
config "$T/bad.yaml" "gold_onboarding: many"
expect_unchanged "gold_onboarding that is no number" project create bad --type text-classification --config "$T/bad.yaml"
check "gold_onboarding: its range" err_has "bad.yaml:4:20: gold_onboarding must be a whole number from 0 to 10000"
config "$T/bad.yaml" "gold_min_tasks: 0"
expect_unchanged "gold_min_tasks of 0" project create bad --type text-classification --config "$T/bad.yaml"
config "$T/bad.yaml" "gold_pause: perhaps"
expect_unchanged "gold_pause that is no boolean" project create bad --type text-classification --config "$T/bad.yaml"

# --- import, export -------------------------------------------------------------
config "$T/g.yaml" "gold_rate: 0.25"
run project create g --type text-classification --config "$T/g.yaml"
check "a config with gold settings: created" rc_is 0
check "gold_rate kept as every 4th" test "$(sql "select gold_every from project where name = 'g'")" = 4
tasks 12 3 > "$T/g.jsonl"
run import g "$T/g.jsonl"
check "import with gold: exit 0" rc_is 0
check "gold answers stored, normalised" test "$(sql "select group_concat(gold, ' ') from task where is_gold = 1")" = '{"label":["a"]} {"label":["a"]} {"label":["a"]}'
check "gold tasks are out of the task count" test "$(sql "select task_count from project where name = 'g'")" = 12
run project show g
check "project show counts the work only" out_has "tasks          12"
check "project show: the gold tasks and the rate" out_has "gold           3 tasks, 1 in 4 served"
run project show g --json
check "project show --json: gold" test "$(json "d['gold']['tasks'], d['gold']['rate'], d['gold']['match'], d['gold']['min_score']")" = "3 0.25 strict None"

printf '%s\n' '{"text": "x", "gold": "a"}' > "$T/bad.jsonl"
expect_unchanged "import: gold that is no object" import g "$T/bad.jsonl"
check "import: says what gold is" err_has 'bad.jsonl:1: "gold" must be an object'
printf '%s\n' '{"text": "x", "gold": {"label": "c"}}' > "$T/bad.jsonl"
expect_unchanged "import: gold with a label the config lacks" import g "$T/bad.jsonl"
check "import: names the line and the label" err_has 'bad.jsonl:1: "gold":'
printf '%s\n' '{"text": "x", "gold": {}}' > "$T/bad.jsonl"
expect_unchanged "import: an empty gold" import g "$T/bad.jsonl"
check "import: an empty gold says why" err_has "has no value for any control"
printf '%s\n' '{"id": "k1", "text": "x"}' > "$T/k.jsonl"
run import g "$T/k.jsonl"
printf '%s\n' '{"id": "k1", "text": "x", "gold": {"label": "a"}}' > "$T/bad.jsonl"
expect_unchanged "import --update: gold on a task there is refused" import g "$T/bad.jsonl" --update
check "import --update: says where to set it" err_has "set it with 'scalec file gold'"
run file remove id:k1 --project g --yes

run export g
check "export: exit 0" rc_is 0
cp "$T/out" "$T/g-out.jsonl"
check "export writes each gold answer" test "$(grep -c '"gold": {"label": \["a"\]}' "$T/g-out.jsonl")" = 3
check "export writes no gold on a normal task" test "$(grep -c '"gold"' "$T/g-out.jsonl")" = 3
config "$T/g2.yaml"
run project create g2 --type text-classification --config "$T/g2.yaml"
run import g2 "$T/g-out.jsonl"
check "export | import: exit 0" rc_is 0
run export g2
check "export | import keeps the gold answers" test "$(grep -o '"gold": {[^}]*}' "$T/out")" = "$(grep -o '"gold": {[^}]*}' "$T/g-out.jsonl")"
check "the copy counts its work the same" test "$(sql "select task_count from project where name = 'g2'")" = 12

# --- serving: the share of a queue --------------------------------------------
keys_as alice g "$(printf '1 %.0s' $(seq 1 15))"
check "serving: alice answered every task" test "$(sql "select count(*) from annotation a join user u on u.id = a.user_id where u.name = 'alice'")" = 15
s=$(served alice g)
check "every 4th task served is gold (rate 0.25), then normal ones" test "$s" = "1,2,3,13,4,5,6,14,7,8,9,15,10,11,12"
first8=$(echo "$s" | cut -d, -f1-8)
check "the first 8 hold 2 gold tasks (counted)" test "$(gold_in "$first8" g)" = 2
check "no gold task twice" test "$(echo "$s" | tr , '\n' | sort | uniq -d)" = ""
keys_as alice g 'q'
check "with every task answered, nothing more to serve" out_has "All tasks in g are labelled"

check "every gold answer scored" test "$(sql "select count(*) from gold_score")" = 3
check "a right answer scores 1" test "$(sql "select group_concat(strict) from gold_score g join user u on u.id = g.user_id where u.name = 'alice'")" = "1.0,1.0,1.0"
check "the score's detail names the control" test "$(sql "select detail from gold_score limit 1")" = '{"label":{"lenient":1.0,"strict":1.0}}'
check "gold keeps out of done" test "$(sql "select done_count from project where name = 'g'")" = 12
keys_as bob g '1'
check "no normal task left: no gold out of its turn" test "$(served bob g)" = ""

# --- onboarding; progress ---------------------------------------------------------
config "$T/o.yaml" "gold_onboarding: 2"
run project create o --type text-classification --config "$T/o.yaml"
tasks 5 3 > "$T/o.jsonl"
run import o "$T/o.jsonl"
keys_as carol o '1 1 1 1' --size 80x24
check "onboarding: a newcomer's first 2 tasks are gold" test "$(served_rel carol o)" = "6,7,1,2"
check "the labeler's progress leaves gold out" out_has "You: 2 submitted"
check "the project's progress leaves gold out" out_has "2/5 done"
keys_as dave o '1 1 1'
check "overlap 1, but gold for everyone: dave's first 2 too" test "$(served_rel dave o)" = "6,7,3"
check "the gold tasks took both (exempt from the overlap)" test "$(sql "select group_concat(submitted) from (select submitted from task t join project p on p.id = t.project_id where p.name = 'o' and t.is_gold = 1 order by t.id)")" = "2,2,0"
check "scores for both" test "$(sql "select count(*) from gold_score g join project p on p.id = g.project_id where p.name = 'o'")" = 4

# --- file gold ------------------------------------------------------------------
config "$T/f.yaml"
run project create f --type text-classification --config "$T/f.yaml"
tasks 3 0 > "$T/f.jsonl"
run import f "$T/f.jsonl"
f1=$(sql "select min(id) from task where project_id = (select id from project where name = 'f')")
f2=$((f1 + 1))
f3=$((f1 + 2))
run file gold $f1 --result '{"label": "b"}'
check "file gold --result: exit 0" rc_is 0
check "file gold --result: says so" out_is "Task $f1 is a gold task: served unannounced, scored on submit."
check "file gold --result: stored normalised" test "$(sql "select gold || is_gold from task where id = $f1")" = '{"label":["b"]}1'
check "file gold: out of the task count" test "$(sql "select task_count from project where name = 'f'")" = 2
run file show $f1 --json
check "file show: a manager sees the gold answer" test "$(json "d['gold']")" = "{'label': ['b']}"
run --as alice file show $f1 --json
check "file show: an annotator does not (unannounced)" test "$(json "d['gold']")" = "None"
run --as alice file show $f1
check "file show: nor in the text" test "$(grep -c '^gold' "$T/out")" = 0
check "file gold: audited" test "$(sql "select detail from audit where action = 'file.gold'")" = "task $f1: gold set"
echo '{"label": ["a"]}' > "$T/gold.json"
run_in "$T/gold.json" file gold $f2 --result - --json
check "file gold --result -: reads stdin" test "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["task"], d["gold"])' "$T/out")" = "$f2 {'label': ['a']}"
run file gold $f2 --clear
check "file gold --clear: exit 0" rc_is 0
check "file gold --clear: a normal task again" test "$(sql "select coalesce(gold, 'none') || is_gold from task where id = $f2")" = none0
check "file gold --clear: back in the task count" test "$(sql "select task_count from project where name = 'f'")" = 2

expect_usage "file gold with none of its options" file gold $f3
check "file gold: says which it needs" err_has "file gold needs one of --result, --from-annotation and --clear"
expect_usage "file gold with two of them" file gold $f3 --result '{"label": "a"}' --clear
expect_unchanged "file gold: JSON that does not parse" file gold $f3 --result '{"label": '
check "file gold: the JSON's position" err_has "scalec: --result:1:"
expect_unchanged "file gold: JSON that is no object" file gold $f3 --result '["a"]'
expect_unchanged "file gold: a label the config lacks" file gold $f3 --result '{"label": "c"}'
check "file gold: names the label" err_has "the gold answer:"
expect_unchanged "file gold: a control the config lacks" file gold $f3 --result '{"colour": "a"}'
expect_unchanged "file gold: an empty answer" file gold $f3 --result '{}'
check "file gold: an empty answer says why" err_has "has no value for any control"
expect_unchanged "file gold --clear of a normal task" file gold $f3 --clear
check "file gold --clear: says it has none" err_has "task $f3 has no gold answer"
expect_unchanged "file gold by an annotator" --as alice file gold $f3 --result '{"label": "a"}'
check "file gold by an annotator: names the act" err_has "give them gold answers"
expect_unchanged "file gold of no task" file gold 9999 --result '{"label": "a"}'
run member add f dave
keys_as dave f '2'
ann=$(sql "select id from annotation where task_id = $f2")
expect_unchanged "file gold --from-annotation: not reviewed" file gold $f2 --from-annotation "$ann"
check "file gold --from-annotation: says it must be reviewed" err_has "a gold answer is taken from a reviewed one"
run review accept "$ann"
check "the annotation accepted" rc_is 0
expect_unchanged "file gold --from-annotation of another task" file gold $f3 --from-annotation "$ann"
check "file gold --from-annotation: names both tasks" err_has "annotation $ann is of task $f2, not of task $f3"
expect_unchanged "file gold --from-annotation that is not there" file gold $f3 --from-annotation 99999
run file gold $f2 --from-annotation "$ann"
check "file gold --from-annotation: exit 0" rc_is 0
check "file gold --from-annotation: its answer" test "$(sql "select gold from task where id = $f2")" = '{"label":["b"]}'
check "file gold --from-annotation: done no longer counts it" test "$(sql "select done_count || '/' || task_count from project where name = 'f'")" = "0/1"

# --- a low score: told, paused, resumed --------------------------------------------
config "$T/q.yaml" "gold_rate: 0.5" "gold_min_score: 0.9" "gold_min_tasks: 2" "gold_pause: true"
run project create q --type text-classification --config "$T/q.yaml"
tasks 6 4 > "$T/q.jsonl"
run import q "$T/q.jsonl"
run member add q mgr --role manager
# alice answers b everywhere: every gold answer is wrong.
keys_as alice q '2 2 2'
check "one gold answer: below gold_min_tasks, nobody told" test "$(sql "select count(*) from notification where kind = 'gold_low'")" = 0
keys_as alice q '2'
check "scores stored: two wrong answers" test "$(sql "select group_concat(strict) from gold_score g join task t on t.id = g.task_id join project p on p.id = t.project_id where p.name = 'q'")" = "0.0,0.0"
check "below the minimum after gold_min_tasks: the person told" test "$(sql "select count(*) from notification n join user u on u.id = n.user_id where kind = 'gold_low' and u.name = 'alice' and n.actor_id is null")" = 1
check "and the project's managers, naming the person" test "$(sql "select count(*) from notification n join user u on u.id = n.user_id join user a on a.id = n.actor_id where kind = 'gold_low' and u.name = 'mgr' and a.name = 'alice'")" = 1
run --as mgr inbox
check "the manager's inbox says whose score" out_has "alice's gold score is low: 0.00 over 2 gold tasks, below 0.90; new work is paused"
run --as alice inbox
check "alice's inbox says hers" out_has "your gold score is low"
check "gold_pause: paused" test "$(sql "select gold_paused from annotator an join user u on u.id = an.user_id where u.name = 'alice' and an.project_id = (select id from project where name = 'q')")" = 1
n_before=$(sql "select count(*) from annotation")
keys_as alice q '1' --size 80x24
check "paused: no new task" test "$(sql "select count(*) from annotation")" = "$n_before"
check "paused: the screen says why" out_has "Your work in q is paused"
run member scores q --json
check "member scores: the paused person, with their figures" test "$(json "[(x['user'], x['gold_tasks'], x['score'], x['paused']) for x in d]")" = "[('alice', 2, 0.0, True)]"
run member scores q
check "member scores: a table" out_has "alice  2"
expect_unchanged "member scores by an annotator" --as bob member scores q
expect_unchanged "member resume by an annotator" --as bob member resume q alice
expect_unchanged "member resume of someone not paused" member resume q bob
check "member resume: says they are not paused" err_has "bob's work in q is not paused"
expect_unchanged "member resume of no user" member resume q nobody
expect_unchanged "member resume in no project" member resume nowhere alice
run --as mgr member resume q alice
check "member resume: exit 0" rc_is 0
check "member resume: says so" out_is "alice may work in q again; their gold score counts from now."
check "member resume: audited" test "$(sql "select count(*) from audit where action = 'member.resume'")" = 1
keys_as alice q '1'
check "resumed: new work again" test "$(sql "select count(*) from annotation")" = $((n_before + 1))
check "resumed: no longer paused" test "$(sql "select gold_paused from annotator an join user u on u.id = an.user_id where u.name = 'alice' and an.project_id = (select id from project where name = 'q')")" = 0

done_testing
