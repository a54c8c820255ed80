#!/bin/bash
# Gold tasks stay out of the project's work everywhere a person or a
# reviewer sees it: their answers never enter the review queue (nor its
# count or its notification), file list shows them as gold (not new) and
# --status gold lists them alone, and the labeler's count of skips leaves
# skipped gold out.
. "$SRCDIR/tests/cli/lib.sh"

export SCALEC_NOW=2026-06-01T09:00:00Z
sql() { sqlite3 "$SCALEC_DB" "$1"; }

run init
run user add ann --role annotator
run user add rev --role reviewer
cat > "$T/g.yaml" <<'YAML'
type: text-classification
overlap: 1
settings: {review: all, gold_onboarding: 1}
controls:
  - {name: label, kind: choice, labels: [a, b]}
YAML
run project create g --type text-classification --config "$T/g.yaml"
{
	echo '{"id": "t1", "text": "one"}'
	echo '{"id": "t2", "text": "two"}'
	echo '{"id": "g1", "text": "gold", "gold": {"label": "a"}}'
} > "$T/g.jsonl"
run import g "$T/g.jsonl"
check "import" rc_is 0

run file list g --json
check "file list: the gold task is gold, not new" test "$(json "[t['status'] for t in d if t['ext_id'] == 'g1'][0]")" = gold
check "file list: the others are new" test "$(json "','.join(t['status'] for t in d if t['ext_id'] != 'g1')")" = "new,new"
run file list g --status gold --json
check "--status gold: the gold task alone" test "$(json "','.join(t['ext_id'] for t in d)")" = g1
run file list g --status new --json
check "--status new: no gold task" test "$(json "','.join(t['ext_id'] for t in d)")" = "t1,t2"

# ann's first task is the gold one (onboarding): answered, then t1.
keys_as ann g '1 1 q'
check "ann answered g1 and t1" test "$(sql "select count(*) from annotation where state = 'submitted'")" = 2
run --as rev review list g --json
check "review list: t1's answer alone, not the gold one" test "$(json "','.join(str(r['task']) for r in d)")" = "$(sql "select id from task where ext_id = 't1'")"
check "the review count leaves the gold answer out" test "$(sql "select to_review from project where name = 'g'")" = 1
check "the gold answer is not sampled" test "$(sql "select a.sampled from annotation a join task t on t.id = a.task_id where t.ext_id = 'g1'")" = 0
run --as rev inbox --json
check "the reviewer was told of one waiting" test "$(json "[n['count'] for n in d if n['kind'] == 'review_waiting'][0]")" = 1

# A newcomer skips the gold task: their title counts no skip.
run user add bob --role annotator
keys_as bob g 's q'
check "bob skipped the gold task" test "$(sql "select t.ext_id from annotation a join task t on t.id = a.task_id join user u on u.id = a.user_id where u.name = 'bob' and a.state = 'skipped'")" = g1
check "bob's title counts no skip" test "$(grep -c "skipped" "$T/out")" = 0
done_testing
