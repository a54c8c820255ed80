#!/bin/bash
# scalec annotate on a terminal (tmux): what the screen shows whatever the
# terminal or the text. Resize (too small, then larger: laid out again),
# no colours (TERM=vt100, NO_COLOR: labels marked with text), wide text
# (CJK, emoji, combining marks in their true columns, with code point
# offsets in the export), and untrusted text (escape sequences and a bare
# CR shown visibly: the pane title and the screen unharmed).
. "$SRCDIR/tests/tui/lib.sh"

# colour_cells: 0 when the screen's cells use a colour (an SGR 30-47 or
# 38/48 seen by tmux).
colour_cells() {
	screen -e | grep -Eq $'\033\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)(;[0-9;]*)?m'
}
no_colour_cells() { ! colour_cells; }

# col_of ROW: the display column of the first "|" on screen row ROW (as
# tmux laid the cells out: one character per cell, two for wide ones).
col_of() {
	row "$1" | sed 's/|.*//' | wc -L
}

run init

# A text long enough to wrap differently at 80 and at 100 columns.
run project create wrap --type ner --labels PER,LOC
long="Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega end ."
echo "$long" > "$T/wrap.txt"
run import wrap "$T/wrap.txt" --format txt

start annotate wrap
tcheck "80x24: first screen" wait_for "Alpha beta gamma"
tcheck "80x24: wrapped at 78 columns" row_is 2 " omicron pi rho sigma tau upsilon phi chi psi omega end ."
keys l v l 1
tcheck "80x24: a span" wait_for '"beta gamma" is PER'
tm resize-window -t "t:$WIN" -x 60 -y 20
tcheck "60x20: terminal too small" wait_for "terminal too small (need 80x24)"
tcheck "60x20: nothing else drawn" hasnt "Alpha"
keys 2
tm resize-window -t "t:$WIN" -x 100 -y 30
tcheck "100x30: drawn again" wait_for "Alpha beta gamma"
tcheck "60x20: keys did nothing while too small" \
    test "$(sql "select result from annotation")" = \
    '{"entities":[{"start":6,"end":16,"label":"PER"}]}'
tcheck "100x30: laid out for 98 columns" row_is 2 " upsilon phi chi psi omega end ."
tcheck "100x30: the title spans the width" test "$(row 0 | wc -L)" -eq 99
tcheck "100x30: the status at the bottom" row_has 28 "You: 0 submitted"
tcheck "100x30: the span kept" has '"beta gamma" is PER'
tm resize-window -t "t:$WIN" -x 80 -y 24
tcheck "80x24 again" wait_for "omega end ."
tcheck "80x24 again: wrapped as before" row_is 2 " omicron pi rho sigma tau upsilon phi chi psi omega end ."

# Colours: on by default in a 256-colour terminal ...
run project create topics --type text-classification --labels World,Sports
echo "Storm hits the coast" > "$T/topics.txt"
run import topics "$T/topics.txt" --format txt
start annotate topics
tcheck "colour: first screen" wait_for "Storm hits the coast"
tcheck "colour: the labels have colours" colour_cells

# ... and none with TERM=vt100 or NO_COLOR: labels marked with text.
for how in TERM=vt100 NO_COLOR=1; do
	start -e "$how" annotate wrap
	tcheck "$how: first screen" wait_for "Alpha beta gamma"
	tcheck "$how: no colour anywhere" no_colour_cells
	tcheck "$how: the span named in text" has '1 span: beta gamma=PER'
	tcheck "$how: the label keys in reverse video" \
	    row_e_matches 21 $'\033\\[7m 1 \033\\[0m'
	tcheck "$how: spans underlined" \
	    row_e_matches 1 $'\033\\[([0-9;]*;)?4(;[0-9;]*)?m(\033\\[[0-9;]*m)*b(\033\\[[0-9;]*m)*eta gamma'
	keys l
	tcheck "$how: the span under the cursor named" wait_for '"beta gamma" is PER'
	keys q
	tcheck "$how: q" wait_for "[exit 0]"
done
start -e TERM=vt100 annotate topics
tcheck "vt100: choice labels marked [ ]" wait_for "[ ] World"
keys 1
tcheck "vt100: one key submits" wait_for "All tasks in topics are labelled."

# Wide text: CJK, an emoji and a combining mark keep their columns; the
# second line is ASCII of the same width, so both "|" line up.
run project create wide --type ner --labels PER,LOC
printf '%s\n' '{"text": "東京👍 e\u0301 Paris |\nabcdef g Paris |"}' > "$T/wide.jsonl"
run import wide "$T/wide.jsonl"
start annotate wide
tcheck "wide: first screen" wait_for "Paris |"
tcheck "wide: the text as written, the mark kept" \
    row_is 1 $' 東京👍 e\xcc\x81 Paris |'
tcheck "wide: columns (the CJK line)" test "$(col_of 1)" -eq 16
tcheck "wide: columns (the ASCII line)" test "$(col_of 2)" -eq 16
tcheck "wide: the right edge intact" row_has 0 "? for help"
keys / ; keys -l Paris ; keys Enter 2
tcheck "wide: Paris labelled" wait_for '"Paris" is LOC'
keys l
tcheck "wide: the cursor moves by token" wait_for '1 span: Paris=LOC'
keys Home 1
tcheck "wide: Home goes to the first token" wait_for '"東" is PER'
keys End
tcheck "wide: End goes to the last token" wait_for '2 spans:'
keys Enter
tcheck "wide: submitted" wait_for "All tasks in wide are labelled."
run export wide
check "wide: code point offsets" out_has \
    '"entities": [{"start": 0, "end": 1, "label": "PER"}, {"start": 7, "end": 12, "label": "LOC"}]'

# A ZWJ emoji sequence: tmux draws it in 2 columns, ncurses counts 4, so
# the joiner is not drawn and the parts stand side by side; the rest of
# the line stays in place, also when the cursor redraws part of it.
run project create zwj --type ner --labels PER,LOC
printf '%s\n' '{"text": "\ud83d\udc69\u200d\ud83d\udcbb y z |"}' > "$T/zwj.jsonl"
run import zwj "$T/zwj.jsonl"
start annotate zwj
tcheck "zwj: first screen" wait_for "z |"
keys l l 1
tcheck "zwj: z labelled" wait_for '"z" is PER'
tcheck "zwj: the line in place after redraws" row_is 1 $' \xf0\x9f\x91\xa9\xf0\x9f\x92\xbb y z |'
keys Enter
tcheck "zwj: submitted" wait_for "All tasks in zwj are labelled."
run export zwj
check "zwj: offsets count the joiner" out_has '{"start": 6, "end": 7, "label": "PER"}'

# Untrusted text: OSC 0 (set the title), ED (clear the screen) and a bare
# CR must reach the terminal only as visible text.
run project create inj --type sentiment
printf '%s\n' '{"text": "a\u001b]0;PWNED\u0007b \u001b[2Jc\rd end"}' > "$T/inj.jsonl"
run import inj "$T/inj.jsonl"
start annotate inj
tcheck "injection: first screen" wait_for "d end"
title=$(pane '#{pane_title}')
tcheck "injection: the pane title unchanged" test "$title" = "$(pane '#{host}')"
tcheck "injection: the title is not PWNED" test "${title#*PWNED}" = "$title"
tcheck "injection: shown visibly, on one line" row_is 1 ' a^[]0;PWNED^Gb ^[[2Jc^Md end'
tcheck "injection: the title bar intact" row_has 0 " inj — task 5 — done 0/1 — "
tcheck "injection: the palette intact" has "1  [ ] positive"
tcheck "injection: the progress line intact" row_has 22 "You: 0 submitted"
tcheck "injection: ^[ in reverse video" \
    row_e_matches 1 $'a\033\\[7m\\^\\[\033\\[0m[^ ]*\\]0;PWNED'
tcheck "injection: ^G and ^M in reverse video" \
    row_e_matches 1 $'PWNED\033\\[7m\\^G.*c\033\\[7m\\^M\033\\[0m'
# ^L paints the whole screen again, over whatever else wrote to the
# terminal (a wall(1) message, a background job).
printf '\033[5;5HSTRAY OUTPUT' > "$(pane '#{pane_tty}')"
tcheck "^L: something else wrote to the terminal" wait_for "STRAY OUTPUT"
keys C-l
tcheck "^L: painted over" wait_gone "STRAY OUTPUT"
tcheck "^L: the text still there" row_is 1 ' a^[]0;PWNED^Gb ^[[2Jc^Md end'
keys 1
tcheck "injection: labelled" wait_for "All tasks in inj are labelled."
tcheck "injection: the title still unchanged" test "$(pane '#{pane_title}')" = "$title"
run export inj
check "injection: the text exported as it came" \
    out_has '"text": "a\u001B]0;PWNED\u0007b \u001B[2Jc\rd end"'

tui_done
