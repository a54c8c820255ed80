#!/bin/bash
# scalec annotate on a terminal (tmux): nothing lost, whatever way a
# session ends. q, then the same person coming back to the draft; SIGTERM
# and SIGHUP (kill -HUP, and a dropped link: the pane killed) keep the
# draft, give up the lease and restore the terminal; a submission after
# its lease expired is stored and flagged late; two live sessions do not
# get the same task; the screens when no task is left.
. "$SRCDIR/tests/tui/lib.sh"

ann_of() { sql "select a.state || ' ' || a.result from annotation a join task t on t.id = a.task_id where t.text = '$1'"; }
leases() { sql "select count(*) from lease"; }

run init
run project create drafts --type ner --labels PER,LOC
printf 'Grace Hopper sailed .\nAda wrote notes .\n' > "$T/d.txt"
run import drafts "$T/d.txt" --format txt

# q keeps the draft and restores the terminal; the next session resumes.
start annotate drafts
tcheck "q: first screen" wait_for "Grace Hopper sailed ."
tcheck "q: the screen is the alternate one" test "$(pane '#{alternate_on}')" = 1
keys v l 1
tcheck "q: a span" wait_for '"Grace Hopper" is PER'
keys q
tcheck "q: exit 0" wait_for "[exit 0]"
tcheck "q: the terminal restored" restored 0
tcheck "q: the draft saved" test "$(ann_of 'Grace Hopper sailed .')" = \
    'draft {"entities":[{"start":0,"end":12,"label":"PER"}]}'
tcheck "q: the lease given up" test "$(leases)" -eq 0

start annotate drafts
tcheck "resume: the same task" wait_for "Grace Hopper sailed ."
tcheck "resume: marked as a draft" row_has 0 "[your draft]"
tcheck "resume: the span is back" has '"Grace Hopper" is PER'
tcheck "resume: the task is leased again" test "$(leases)" -eq 1

# SIGTERM: a change, then the signal; the draft has the change.
keys l 2
tcheck "sigterm: relabelled" wait_for '"Grace Hopper" is LOC'
kill -TERM "$(scalec_pid)"
tcheck "sigterm: exit 143" wait_for "[exit 143]"
tcheck "sigterm: the terminal restored" restored 143
tcheck "sigterm: the draft kept" test "$(ann_of 'Grace Hopper sailed .')" = \
    'draft {"entities":[{"start":0,"end":12,"label":"LOC"}]}'
tcheck "sigterm: the lease given up" test "$(leases)" -eq 0

# SIGHUP (a dropped SSH link): the same.
start annotate drafts
tcheck "sighup: first screen" wait_for '"Grace Hopper" is LOC'
keys x
tcheck "sighup: the span deleted" wait_for "v marks a selection"
kill -HUP "$(scalec_pid)"
tcheck "sighup: exit 129" wait_for "[exit 129]"
tcheck "sighup: the terminal restored" restored 129
tcheck "sighup: the draft kept" test "$(ann_of 'Grace Hopper sailed .')" = \
    'draft {"entities":[]}'
tcheck "sighup: the lease given up" test "$(leases)" -eq 0

# The pane killed: the terminal is gone, the draft is not.
start annotate drafts
tcheck "pane killed: first screen" wait_for "Grace Hopper sailed ."
keys 1
tcheck "pane killed: a token labelled" wait_for '"Grace" is PER'
pid=$(scalec_pid)
tm kill-pane -t "t:$WIN"
tcheck "pane killed: scalec ends" wait_exit "$pid"
check "pane killed: the draft kept" test "$(ann_of 'Grace Hopper sailed .')" = \
    'draft {"entities":[{"start":0,"end":5,"label":"PER"}]}'
check "pane killed: the lease given up" test "$(leases)" -eq 0

# A lease that expires before the submission: stored all the same, late.
start annotate drafts
tcheck "late: first screen" wait_for '"Grace" is PER'
sql "update lease set expires_at = 0"
keys Enter
tcheck "late: said on the status line" wait_for "flagged late"
tcheck "late: the next task" has "Ada wrote notes ."
check "late: stored, flagged" test "$(sql "select a.state || ' ' || a.late from annotation a join task t on t.id = a.task_id where t.text like 'Grace%'")" = "submitted 1"
check "late: counted" test "$(sql "select submitted from task where text like 'Grace%'")" -eq 1
run export drafts
check "late: in the export" out_has '"text": "Grace Hopper sailed .", "meta": {}, "predictions": [], "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 5, "label": "PER"}]}'

# The last task: then the screen says no task is left, and what next.
keys 1 Enter
tcheck "all done: says so" wait_for "All tasks in drafts are labelled."
tcheck "all done: what to do next" has "'scalec export drafts' writes the results"
tcheck "all done: progress" has "2/2 done (100%)"
keys s
tcheck "all done: other keys say what works" wait_for "No task is left here: q quits"
keys BSpace
tcheck "all done: Backspace goes back" wait_for "Ada wrote notes ."
tcheck "all done: to the submitted answer" row_has 0 "[submitted]"
keys q
tcheck "all done: q" wait_for "[exit 0]"

# Two live sessions, overlap 1, one task: the second person is told it is
# held, and gets it once the first gives it up.
run project create solo --type sentiment
echo "Only one task" > "$T/solo.txt"
run import solo "$T/solo.txt" --format txt
run user add ann --role annotator
run user add bob --role annotator
start --as ann annotate solo
tcheck "held: ann has the task" wait_for "Only one task"
start_window --as bob annotate solo
tcheck "held: bob is told it is held" wait_for "No task is left for you in solo"
tcheck "held: and what to do next" has "come back later"
tcheck "held: bob's title" row_has 0 "solo — done 0/1 — bob"
bobwin=$WIN
keys C-l
tcheck "held: ^L looks again" wait_for "Looked again: still no task for you"
WIN=0
keys q
tcheck "held: ann quits" wait_for "[exit 0]"
WIN=$bobwin
keys C-l
tcheck "held: bob gets it with ^L" wait_for "Only one task"
keys q
tcheck "held: bob quits" wait_for "[exit 0]"
start_window --as bob annotate solo
tcheck "held: bob gets it when he comes back" wait_for "Only one task"
keys 2
tcheck "held: bob labels it" wait_for "All tasks in solo are labelled."
held=$(sql "select u.name || ' ' || a.state from annotation a join user u on u.id = a.user_id join task t on t.id = a.task_id where t.text = 'Only one task'")
tcheck "held: one annotation, bob's" test "$held" = "bob submitted"
[ "$held" = "bob submitted" ] || diag "annotations: $held"

# A project with no tasks.
run project create empty --type sentiment
start annotate empty
tcheck "empty: says so" wait_for "empty has no tasks yet"
tcheck "empty: how to add some" has "'scalec import empty FILE'"
keys q
tcheck "empty: q" wait_for "[exit 0]"
tcheck "empty: the terminal restored" restored 0

tui_done
