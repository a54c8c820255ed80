#!/bin/bash
# The rules of the review loop on a terminal (tmux): with on_reject:
# remove, a rejection on the review screen takes the annotation out of
# its task's overlap, so the task that was full opens for a third
# annotator, while the rejected annotator does not get it back; the
# title's done count waits for the policy's verdicts.
. "$SRCDIR/tests/tui/lib.sh"

ann_of() { sql "select a.state || ' ' || a.removed from annotation a join user u on u.id = a.user_id where u.name = '$1'"; }

run init
cat >"$T/pair.yaml" <<'YAML'
type: sentiment
overlap: 2
settings:
  review: all
  on_reject: remove
controls:
  - name: sentiment
    kind: choice
    labels: [positive, neutral, negative]
YAML
run project create pair --config "$T/pair.yaml"
echo 'Rain all day .' > "$T/p.txt"
run import pair "$T/p.txt" --format txt
for u in ann bob cid; do run user add $u --role annotator; done
run user add rita --role reviewer
echo '1' | "$SCALEC" --as ann annotate pair --keys - >/dev/null
echo '3' | "$SCALEC" --as bob annotate pair --keys - >/dev/null

# Full: nothing for a third person yet, and not done under review.
start --as cid annotate pair
tcheck "before: nothing for cid" wait_for "No task is left for you in pair"
tcheck "before: not done while it waits for review" row_has 0 "pair — done 0/1 — cid"
keys q
wait_for "[exit 0]" >/dev/null

# rita rejects bob's on the review screen.
start --as rita review pair
tcheck "review: the task" wait_for "Rain all day ."
tcheck "review: bob's version listed" has "bob [submitted]"
keys j
keys r
tcheck "review: the prompt" wait_for "reject:"
keys -l 'it is not negative'
keys Enter
tcheck "review: rejected" wait_for "Rejected bob's annotation"
keys q
tcheck "review: quits" wait_for "[exit 0]"
check "bob's: rejected and removed" test "$(ann_of bob)" = "rejected 1"
check "the task counts one" test "$(sql "select submitted from task")" = 1

# The task goes to cid, a third person.
start --as cid annotate pair
tcheck "cid: the task is cid's now" wait_for "Rain all day ."
keys 1
tcheck "cid: submitted, nothing more" wait_for "No task is left for you in pair"
keys q
wait_for "[exit 0]" >/dev/null
check "cid's counts" test "$(ann_of cid)" = "submitted 0"
check "the task is full again" test "$(sql "select submitted from task")" = 2

# bob does not get it back.
start --as bob annotate pair
tcheck "bob: not back in his queue" wait_for "No task is left for you in pair"
keys q
wait_for "[exit 0]" >/dev/null
check "bob's still rejected" test "$(ann_of bob)" = "rejected 1"
tui_done
