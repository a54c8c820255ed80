#!/bin/bash
# The unread count on the labeler's status line (tmux): shown from the
# first screen, asked again when the task changes (a notification written
# meanwhile by another command appears with the next task, not before),
# and gone once the person has read them all.
. "$SRCDIR/tests/tui/lib.sh"

run init
run user add ann --role annotator
run project create news --type text-classification --labels yes,no
printf 'first text\nsecond text\nthird text\n' > "$T/t.txt"
run import news "$T/t.txt" --format txt
run member add news ann
last_row() { row $((PANE_H - 1)); }

start --as ann annotate news
tcheck "the first screen" wait_for "first text"
tcheck "the status line counts ann's unread one, at the right" \
    test "$(last_row | sed 's/ *$//')" = "$(printf '%*s' 71 '')1 unread"
run member add news ann --role reviewer
check "meanwhile a second one" \
    test "$(sql "select count(*) from notification where read_at is null")" = 2
tcheck "not asked for while the task stays" row_has $((PANE_H - 1)) "1 unread"
keys 1
tcheck "the next task" wait_for "second text"
tcheck "the next task: the count asked again" wait_for "2 unread"
run --as ann inbox read --all
keys 1
tcheck "read them all: the next task" wait_for "third text"
tcheck "...and no count" wait_gone "unread"
keys q
tcheck "q: the terminal restored" wait_for "[exit 0]"
tui_done
