#!/bin/bash
# Going anywhere on a terminal (tmux): the title (the task's number and
# imported id, done/total, skips), g and a task's number or id:VALUE (the
# 102nd task in three keys, not 100 skips), a refusal on the status line,
# f finding tasks across the project by text and by meta.KEY=VALUE, and
# Enter on an empty find showing every task again.
. "$SRCDIR/tests/tui/lib.sh"

run init
run project create big --type text-classification --labels yes,no
for i in $(seq 1 150); do
	lang=en; [ "$i" -eq 120 ] && lang=fr
	echo "{\"id\": \"doc-$i\", \"text\": \"document number $i\", \"meta\": {\"lang\": \"$lang\"}}"
done > "$T/big.jsonl"
run import big "$T/big.jsonl"

start annotate big
tcheck "title: the first screen" wait_for "document number 1"
tcheck "title: task number, imported id, done/total" \
    row_has 0 " big — task 1 (doc-1) — done 0/150 — "
keys s
tcheck "s: the next task" wait_for "document number 2"
tcheck "title: a skip counts there, the task number follows" \
    row_has 0 " big — task 2 (doc-2) — done 0/150 — 1 skipped — "

# A live session's lease shows in file list as a hold.
run file list big --json
tcheck "file list: the open session holds task 2" \
    test "$(sqlite3 :memory: "SELECT j->1->'held_by'->>0 FROM (SELECT readfile('$T/out') AS j)")" = "$(id -un)"

# g: the 102nd task without 100 skips.
keys g
tcheck "g: the prompt" wait_for "task: "
keys 1 0 2
tcheck "g: typed" wait_for "task: 102"
keys Enter
tcheck "g: the 102nd task" wait_for "document number 102"
tcheck "g: its title" row_has 0 " big — task 102 (doc-102) — done 0/150 — "
tcheck "g: nothing was stored as a skip on the way" \
    test "$(sql "select count(*) from annotation where state = 'skipped'")" = 1
keys 1
tcheck "g: a label submits it" wait_for "done 1/150"
tcheck "g: the submission is of task 102" \
    test "$(sql "select task_id from annotation where state = 'submitted'")" = 102
keys g; keys -l id:doc-7; keys Enter
tcheck "g id:VALUE" wait_for "document number 7"
tcheck "g id:VALUE: its title" row_has 0 " big — task 7 (doc-7) — "
keys g; keys -l 999; keys Enter
tcheck "g to no task: said on the status line" wait_for "No task 999 in big"
tcheck "g to no task: the task stays" row_has 0 " big — task 7 (doc-7) — "

# f: a find that means nothing is refused on the status line.
keys f; keys -l meta.lang; keys Enter
tcheck "f refused: says how" wait_for "is not a meta test: write meta.KEY=VALUE"
tcheck "f refused: the task stays" row_has 0 " big — task 7 (doc-7) — "
tcheck "f refused: no find in the title" row_hasnt 0 "find:"

# f: find across tasks; the queue keeps to the matches.
keys f
tcheck "f: the prompt" wait_for "find tasks: "
keys -l "number 14"; keys Enter
tcheck "f text: the first match" wait_for "document number 14"
tcheck "f text: the title shows the find" row_has 0 "find: number 14"
keys s
tcheck "f text: the next match, in queue order" wait_for "document number 140"
keys f; for _ in $(seq 1 9); do keys BSpace; done
keys -l meta.lang=fr; keys Enter
tcheck "f meta: the task with that value" wait_for "document number 120"
tcheck "f meta: the title" row_has 0 "find: meta.lang"
keys 1
tcheck "f meta: none left after it" wait_for "No task is left for you in big that matches meta.lang=fr"
keys f
tcheck "f again: the prompt holds the find" wait_for "find tasks: meta.lang=fr"
for _ in $(seq 1 12); do keys BSpace; done
keys Enter
tcheck "f empty: every task again" wait_for "Every task again"
tcheck "f empty: the first open task not skipped" row_has 0 " big — task 2 (doc-2) — done 2/150 — 2 skipped — "
tcheck "f empty: the find is gone from the title" row_hasnt 0 "find:"
keys q
tcheck "q: exit 0" wait_for "[exit 0]"
tcheck "q: the terminal restored" restored 0

tui_done
