#!/bin/bash
# scalec stats --watch on a real terminal (tmux): the dashboard full
# screen in the driver, loaded again by itself every few seconds (an
# import meanwhile shows without a key), ? opens the help, q quits and
# the terminal is restored.
. "$SRCDIR/tests/tui/lib.sh"

run init
run user add ann
run user add bob
run project create p --type text-classification --labels pos,neg --overlap 2
check "project create" rc_is 0
printf '{"text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}\n' >"$T/one.jsonl"
printf '{"text": "two", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}\n' >"$T/two.jsonl"
run import p "$T/one.jsonl"
check "import" rc_is 0

start -x 100 -y 30 stats p --watch
tcheck "the first screen" wait_for "Progress"
tcheck "the title" row_has 0 " p — stats, refreshed"
tcheck "the bar in blocks" row_has 3 "Progress ████████████████████████████████████████ 100% done"
tcheck "one task, no consensus" wait_for "Agreement 0.50 over 1 tasks; 1 without consensus"
tcheck "the status line" row_has 29 "refreshes every few seconds; q quits"
run import p "$T/two.jsonl"
check "an import meanwhile" rc_is 0
tcheck "shown without a key" wait_for "Agreement 0.75 over 2 tasks; 1 without consensus" 10
tcheck "the people's counts too" wait_for "ann   2 "
keys '?'
tcheck "? opens the help" wait_for "quit"
keys Escape
keys q
tcheck "q quits, the terminal restored" wait_for "[exit 0]"
tcheck "restored" restored 0
tui_done
