#!/bin/bash
# scalec annotate on a terminal (tmux), one control kind at a time: the
# NER example ("Barack Obama visited Paris .") key by key, a one-key
# choice, multichoice,
# sentiment, a suggestion accepted and one changed, and the help and
# instructions overlays. Each is checked on the screen and then in the
# database or in 'scalec export'.
. "$SRCDIR/tests/tui/lib.sh"

ann_of() { sql "select a.state || ' ' || a.result from annotation a join task t on t.id = a.task_id where t.text = '$1'"; }

run init

# NER: the issue's example, v l 1 /Paris Enter 2 Enter.
run project create news --type ner --labels PER,LOC
echo "Barack Obama visited Paris ." > "$T/news.txt"
run import news "$T/news.txt" --format txt
start annotate news
tcheck "ner: the first screen" wait_for "Barack Obama visited Paris ."
tcheck "ner: the title" row_has 0 "news — task 1 — done 0/1 — "
tcheck "ner: the palette" has "> entities:  1  PER   2  LOC"
tcheck "ner: the progress line" has "You: 0 submitted   Project: [..............................] 0/1 done (0%)"
keys v l
tcheck "ner: v l selects two tokens" wait_for 'Selecting "Barack Obama"'
keys 1
tcheck "ner: 1 labels them PER" wait_for '"Barack Obama" is PER'
tcheck "ner: the span is a draft at once" \
    test "$(ann_of 'Barack Obama visited Paris .')" = \
    'draft {"entities":[{"start":0,"end":12,"label":"PER"}]}'
keys / ; keys -l Paris
tcheck "ner: the search prompt" wait_for "/Paris"
keys Enter
tcheck "ner: Enter closes the search" wait_gone "/Paris"
keys 2
tcheck "ner: 2 labels Paris LOC" wait_for '"Paris" is LOC'
# The spans are coloured (a background colour on their cells).
tcheck "ner: spans are coloured" row_e_matches 1 '4[0-7]m[^ ]*Paris'
keys Enter
tcheck "ner: Enter submits; no task is left" wait_for "All tasks in news are labelled."
tcheck "ner: progress" has "You: 1 submitted"
run export news
check "ner: export has PER 0-12 and LOC 21-26" out_has \
    '"entities": [{"start": 0, "end": 12, "label": "PER"}, {"start": 21, "end": 26, "label": "LOC"}]'
check "ner: export says submitted" out_has '"state": "submitted"'
keys q
tcheck "ner: q leaves" wait_for "[exit 0]"

# Choice: one key labels, submits and shows the next task.
run project create topics --type text-classification --labels World,Sports
printf 'Storm hits the coast\nLocal team wins the cup\n' > "$T/topics.txt"
run import topics "$T/topics.txt" --format txt
start annotate topics
tcheck "choice: first task" wait_for "Storm hits the coast"
tcheck "choice: labels marked with keys" has "1  [ ] World"
keys 2
tcheck "choice: one key goes to the next task" wait_for "Local team wins the cup"
tcheck "choice: counted" has "You: 1 submitted"
tcheck "choice: stored" test "$(ann_of 'Storm hits the coast')" = \
    'submitted {"label":["Sports"]}'
keys Enter
tcheck "choice: Enter with nothing chosen says how" wait_for "Nothing chosen for label"
tcheck "choice: and stores nothing" test -z "$(ann_of 'Local team wins the cup')"
keys 1
tcheck "choice: the last task" wait_for "All tasks in topics are labelled."
run export topics
check "choice: export" out_has '"label": ["World"]'

# Multichoice: keys toggle, Enter submits.
run project create tags --type text-classification --multi --labels a,b,c
echo "one text" > "$T/tags.txt"
run import tags "$T/tags.txt" --format txt
start annotate tags
tcheck "multichoice: first screen" wait_for "one text"
keys 1 3 2
tcheck "multichoice: chosen ones marked [x]" wait_for "[x] b"
all_three() { screen | grep -F '[x] a' | grep -F '[x] b' | grep -qF '[x] c'; }
tcheck "multichoice: all three" all_three
keys 2
tcheck "multichoice: a key toggles back" wait_for "[ ] b"
keys Enter
tcheck "multichoice: Enter submits" wait_for "All tasks in tags are labelled."
run export tags
check "multichoice: export" out_has '"labels": ["a", "c"]'

# Sentiment: its preset labels.
run project create feel --type sentiment
echo "I love it" > "$T/feel.txt"
run import feel "$T/feel.txt" --format txt
start annotate feel
tcheck "sentiment: first screen" wait_for "I love it"
tcheck "sentiment: its labels" has "1  [ ] positive"
keys 1
tcheck "sentiment: one key" wait_for "All tasks in feel are labelled."
run export feel
check "sentiment: export" out_has '"sentiment": ["positive"]'

# Suggestions: marked; Enter accepts one as is, a change makes it yours.
run project create sug --type ner --labels PER,LOC
{
	printf '%s\n' '{"text": "Ada Lovelace wrote notes .", "predictions": [{"result": {"entities": [{"start": 0, "end": 12, "label": "PER"}]}}]}'
	printf '%s\n' '{"text": "Alan Turing met Grace .", "predictions": [{"result": {"entities": [{"start": 0, "end": 11, "label": "LOC"}]}}]}'
} > "$T/sug.jsonl"
run import sug "$T/sug.jsonl"
start annotate sug
tcheck "suggestion: pre-filled" wait_for '"Ada Lovelace" is PER'
tcheck "suggestion: marked in the title" row_has 0 "(suggestion)"
keys Enter
tcheck "suggestion: Enter accepts it" wait_for "Alan Turing met Grace ."
tcheck "suggestion: the next one is marked too" row_has 0 "(suggestion)"
keys 1
tcheck "suggestion: a change makes it yours" wait_for '"Alan Turing" is PER'
tcheck "suggestion: the mark goes" row_hasnt 0 "(suggestion)"
keys Enter
tcheck "suggestion: done" wait_for "All tasks in sug are labelled."
check "suggestion: accepted as is" test "$(sql "select from_prediction from annotation a join task t on t.id = a.task_id where t.text like 'Ada%'")" = 1
check "suggestion: changed is the person's" test "$(sql "select from_prediction || ' ' || result from annotation a join task t on t.id = a.task_id where t.text like 'Alan%'")" = \
    '0 {"entities":[{"start":0,"end":11,"label":"PER"}]}'

# Help (?) and the instructions (i): overlays, closed by a key.
printf 'Mark every person.\nPlaces are LOC.\n' > "$T/instr.md"
run project create help --type ner --labels PER,LOC --instructions "$T/instr.md"
echo "Some text here ." > "$T/help.txt"
run import help "$T/help.txt" --format txt
start annotate help
tcheck "help: first screen" wait_for "Some text here ."
keys '?'
tcheck "help: the keys box" wait_for "┌─ Keys"
tcheck "help: the project's labels" has "1                PER"
tcheck "help: the key table" has "skip this task"
keys PageDown
tcheck "help: PgDn scrolls" wait_for "delete the span"
keys End
tcheck "help: End goes to the last line" wait_for "quit; the draft is saved"
keys x
tcheck "help: another key closes it" wait_gone "┌─ Keys"
tcheck "help: the key did nothing else" test -z "$(ann_of 'Some text here .')"
keys i
tcheck "instructions: the box" wait_for "┌─ Instructions"
tcheck "instructions: the text" has "Mark every person. Places are LOC."
keys q
tcheck "instructions: a key closes it" wait_gone "┌─ Instructions"
keys '?'
tcheck "instructions: q only closed it" wait_for "┌─ Keys"
tcheck "instructions: scalec still runs" hasnt "[exit"

tui_done
