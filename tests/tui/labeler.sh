#!/bin/bash
# The labeler's screen for many labels and few keys: a 12-label palette
# wrapped at 80 columns with every keyed label in sight, the picker's
# filter, the hint jumps over a text's tokens, and keys a person and a
# project remap, in the help and on the screen. Each is checked on the
# screen and then in the database or the export.
. "$SRCDIR/tests/tui/lib.sh"

ann_of() { sql "select a.state || ' ' || a.result from annotation a join task t on t.id = a.task_id where t.text = '$1'"; }

run init

# Twelve labels at 80 columns: keys 1-9 all shown, over more rows.
run project create many --type text-classification \
    --labels alpha,bravo,charlie,delta,echo,foxtrot,golf,hotel,india,juliet,kilo,lima
printf 'First of many\nSecond of many\n' > "$T/many.txt"
run import many "$T/many.txt" --format txt
start annotate many
tcheck "palette: the first screen" wait_for "First of many"
for l in 1:alpha 2:bravo 3:charlie 4:delta 5:echo 6:foxtrot 7:golf 8:hotel \
    9:india; do
	tcheck "palette: key ${l%%:*} and ${l#*:} in sight" \
	    has "${l%%:*}  [ ] ${l#*:}"
done
tcheck "palette: the picker for the keyless three" has "p: all labels"
tcheck "palette: the labels wrap under the first" \
    row_has 20 "           5  [ ] echo   6  [ ] foxtrot"
keys 9
tcheck "palette: key 9 labels india and submits" wait_for "Second of many"
tcheck "palette: india stored" test "$(ann_of 'First of many')" = \
    'submitted {"label":["india"]}'

# The picker filters as the person types.
keys p
tcheck "picker: opens" wait_for "┌─ Labels"
tcheck "picker: says typing filters" has "type to filter"
keys -l lim
tcheck "picker: typing filters" wait_for "filter: lim  (1 of 12)"
tcheck "picker: lima is left" row_has 5 ">   [ ] lima"
tcheck "picker: only lima" row_has 6 "│                                                    │"
keys BSpace
tcheck "picker: Backspace takes one back" wait_for "filter: li  (3 of 12)"
tcheck "picker: charlie, juliet and lima hold li" row_has 5 "> 3 [ ] charlie"
keys Down Enter
tcheck "picker: Enter picks the one under the cursor (juliet)" \
    wait_for "All tasks in many are labelled."
tcheck "picker: juliet stored" test "$(ann_of 'Second of many')" = \
    'submitted {"label":["juliet"]}'
keys q
tcheck "picker: q leaves" wait_for "[exit 0]"

# Hint jumps: t lays a hint over every token in sight; a hint goes
# there, in capitals it selects that token and the next.
run project create news --type ner --labels PER,ORG,LOC
echo "Angela Merkel met Emmanuel Macron in Paris on Tuesday ." > "$T/news.txt"
run import news "$T/news.txt" --format txt
start annotate news
tcheck "hints: the first screen" wait_for "Angela Merkel met Emmanuel Macron"
keys t
tcheck "hints: a letter over each token" \
    wait_for " angela serkel det fmmanuel gacron hn jaris kn luesday q"
tcheck "hints: the status says how" has "Jump: type a token's hint"
keys F
tcheck "hints: a capital selects two tokens" \
    wait_for 'Selecting "Emmanuel Macron"'
tcheck "hints: the hints are gone" has " Angela Merkel met Emmanuel Macron in Paris"
keys 1
tcheck "hints: t F 1 labels Emmanuel Macron" \
    wait_for '"Emmanuel Macron" is PER'
keys t j 3
tcheck "hints: t j 3 labels Paris" wait_for '"Paris" is LOC'
keys Home L 1
tcheck "hints: L 1 labels Angela Merkel" wait_for '"Angela Merkel" is PER'
keys Enter
tcheck "hints: submitted" wait_for "All tasks in news are labelled."
run export news
check "hints: the export holds the three" out_has \
    '"entities": [{"start": 0, "end": 13, "label": "PER"}, {"start": 18, "end": 33, "label": "PER"}, {"start": 37, "end": 42, "label": "LOC"}]'
keys q
tcheck "hints: q leaves" wait_for "[exit 0]"

# Keys a person chose: the help and the screen's hints follow them.
mkdir -p "$HOME/.config/scalec"
cat > "$HOME/.config/scalec/config.yaml" <<'EOF'
keys:
  skip: S
  delete_span: X
  hints: J
EOF
run project create remap --type ner --labels PER,LOC
printf 'Barack Obama visited Paris .\nAda Lovelace wrote notes .\n' > "$T/remap.txt"
run import remap "$T/remap.txt" --format txt
start annotate remap
tcheck "remap: the first screen" wait_for "Barack Obama visited Paris ."
tcheck "remap: the line below says J jumps" has "J jumps, v marks a selection"
keys '?'
tcheck "remap: the help" wait_for "┌─ Keys"
tcheck "remap: S skips in the help" has "S                skip this task"
keys PageDown
tcheck "remap: J jumps in the help" wait_for "J                jump: a hint"
keys Escape
tcheck "remap: the help closes" wait_gone "┌─ Keys"
keys J
tcheck "remap: J shows the hints" wait_for " aarack sbama disited faris g"
keys f 1
tcheck "remap: the hint f labels Paris; X deletes it, says the screen" \
    wait_for '"Paris" is PER: X deletes it'
keys S
tcheck "remap: S skips to the next task" wait_for "Ada Lovelace wrote notes ."
keys s
tcheck "remap: s is not bound now" wait_for "Unknown key"
keys q
tcheck "remap: q leaves" wait_for "[exit 0]"
tcheck "remap: the skipped task keeps its draft with Paris" \
    test "$(ann_of 'Barack Obama visited Paris .')" = \
    'skipped {"entities":[{"start":21,"end":26,"label":"PER"}]}'

tui_done
