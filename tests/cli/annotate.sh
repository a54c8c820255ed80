#!/bin/bash
# scalec annotate in its headless mode: key scripts run through the same
# loop as the screen, and the final screen (or a JSON summary) printed.
# Shown: the issue's NER example end to end; one-key choice; multichoice;
# sentiment; a suggestion accepted with Enter; skip; Backspace to an
# earlier answer and editing it; q keeps the draft for the next session;
# the screen when no task is left; who may annotate; untrusted text shown
# escaped; bad scripts and options refused with nothing changed.
. "$SRCDIR/tests/cli/lib.sh"

no_raw_esc() { ! grep -q "$(printf '\033')" "$T/out"; }
out_hasnt() { ! out_has "$1"; }
sql() { sqlite3 "$SCALEC_DB" "$1"; }

run init

# The issue's NER example.
run project create news --type ner --labels PER,LOC
echo "Barack Obama visited Paris ." > "$T/one.txt"
run import news "$T/one.txt" --format txt
keys news 'v l 1 / P a r i s Enter 2'
check "ner: script runs" rc_is 0
check "ner: the screen shows the text" out_has "Barack Obama visited Paris ."
check "ner: the span under the cursor is named" out_has '"Paris" is LOC'
check "ner: the title names the project and task" out_has "news — task 1 — done 0/1 — "
check "ner: a change is a draft at once" \
    test "$(sql "select state from annotation")" = draft
keys news 'Enter'
check "ner: Enter submits" rc_is 0
check "ner: then no task is left" out_has "All tasks in news are labelled."
check "ner: and what to do next" out_has "'scalec export news' writes the results"
run export news
check "ner: export has PER 0-12" out_has '{"start": 0, "end": 12, "label": "PER"}'
check "ner: export has LOC 21-26" out_has '{"start": 21, "end": 26, "label": "LOC"}'
check "ner: submitted" out_has '"state": "submitted"'

# The whole example in one script, on a second task.
echo "Barack Obama visited Paris ." > "$T/two.txt"
run project create news2 --type ner --labels PER,LOC
run import news2 "$T/two.txt" --format txt
keys news2 'v l 1 / P a r i s Enter 2 Enter' --json
check "ner in one go: json summary" out_has '"submitted": 1'
check "ner in one go: no task left" out_has '"no_task_left": true'
run export news2
check "ner in one go: both spans" out_has '[{"start": 0, "end": 12, "label": "PER"}, {"start": 21, "end": 26, "label": "LOC"}]'

# Choice: one key labels and submits; the next task shows.
run project create topics --type text-classification --labels World,Sports
printf 'Storm hits the coast\nLocal team wins the cup\nMarkets calm\n' > "$T/topics.txt"
run import topics "$T/topics.txt" --format txt
keys topics '2'
check "choice: one key" rc_is 0
check "choice: the next task is on screen" out_has "Local team wins the cup"
check "choice: progress counts it" out_has "You: 1 submitted"
check "choice: stored" test "$(sql "select result from annotation a join task t on t.id = a.task_id where t.text = 'Storm hits the coast'")" = '{"label":["Sports"]}'

# Enter with nothing chosen does not submit, and says how to choose.
keys topics 'Enter'
check "choice: Enter alone says how" out_has "Nothing chosen for label"
check "choice: Enter alone submits nothing" \
    test "$(sql "select count(*) from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'topics' and a.state = 'submitted'")" -eq 1

# Backspace: back to the earlier answer, which stays editable.
keys topics 'Backspace'
check "backspace: the earlier task" out_has "Storm hits the coast"
check "backspace: marked as submitted" out_has "[submitted]"
keys topics 'Backspace 1'
check "backspace: relabelled" test "$(sql "select result from annotation a join task t on t.id = a.task_id where t.text = 'Storm hits the coast'")" = '{"label":["World"]}'
check "backspace: still counted once" \
    test "$(sql "select submitted from task where text = 'Storm hits the coast'")" -eq 1

# Skip: the task is marked and the next one comes.
keys topics 's'
check "skip" rc_is 0
check "skip: stored" test "$(sql "select state from annotation a join task t on t.id = a.task_id where t.text = 'Local team wins the cup'")" = skipped
check "skip: next task shown" out_has "Markets calm"

# Multichoice: keys toggle, Enter submits.
run project create tags --type text-classification --multi --labels a,b,c
echo "one text" > "$T/tags.txt"
run import tags "$T/tags.txt" --format txt
keys tags '1 3 2 2'
check "multichoice: marks chosen labels" out_has "[x] a"
check "multichoice: and the others" out_has "[ ] b"
keys tags 'Enter'
run export tags
check "multichoice: two labels" out_has '"labels": ["a", "c"]'

# A submitted answer is edited in place, so it is written only while it is
# whole: emptied half-way through an edit, the stored one stands.
keys tags 'Backspace 1 3'
check "edit submitted: emptied, not saved" out_has "Not saved until labels has a value"
check "edit submitted: the last whole answer stands" \
    test "$(sql "select state || ' ' || result from annotation a join task t on t.id = a.task_id where t.text = 'one text'")" = 'submitted {"labels":["c"]}'
keys tags 'Backspace 2'
check "edit submitted: whole, saved" \
    test "$(sql "select state || ' ' || result from annotation a join task t on t.id = a.task_id where t.text = 'one text'")" = 'submitted {"labels":["b","c"]}'

# A skipped task that is changed is a draft, and its title says so.
run project create tags2 --type text-classification --multi --labels a,b
echo "two text" > "$T/tags2.txt"
run import tags2 "$T/tags2.txt" --format txt
keys tags2 's Backspace'
check "skipped: marked so" out_has "[skipped earlier]"
keys tags2 'Backspace 1'
check "skipped then changed: a draft" out_has "[your draft]"
check "skipped then changed: no longer marked skipped" \
    out_hasnt "[skipped earlier]"
check "skipped then changed: stored as a draft" \
    test "$(sql "select state from annotation a join task t on t.id = a.task_id where t.text = 'two text'")" = draft

# Sentiment: its default labels, by key.
run project create feel --type sentiment
echo "I love it" > "$T/feel.txt"
run import feel "$T/feel.txt" --format txt
keys feel '3'
run export feel
check "sentiment: negative is 3" out_has '"sentiment": ["negative"]'

# A suggestion: pre-filled, marked, accepted as is with Enter.
run project create sug --type ner --labels PER,LOC
printf '%s\n' '{"text": "Ada Lovelace wrote notes .", "predictions": [{"result": {"entities": [{"start": 0, "end": 12, "label": "PER"}]}, "model": "m1"}]}' > "$T/sug.jsonl"
run import sug "$T/sug.jsonl"
keys sug 'l'
check "suggestion: marked in the title" out_has "(suggestion)"
keys sug 'Enter'
check "suggestion: accepted" test "$(sql "select from_prediction || ' ' || result from annotation a join task t on t.id = a.task_id where t.text like 'Ada%'")" = '1 {"entities":[{"start":0,"end":12,"label":"PER"}]}'

# q keeps the draft; the next session resumes it.
run project create drafts --type ner --labels PER,LOC
echo "Grace Hopper sailed ." > "$T/d.txt"
run import drafts "$T/d.txt" --format txt
keys drafts 'v l 1 q l l'
check "quit: exit 0" rc_is 0
check "quit: the draft is saved" \
    test "$(sql "select state || ' ' || result from annotation a join task t on t.id = a.task_id where t.text like 'Grace%'")" = 'draft {"entities":[{"start":0,"end":12,"label":"PER"}]}'
check "quit: the lease is given up" test "$(sql "select count(*) from lease")" -eq 0
keys drafts ''
check "resume: the draft is back" out_has '"Grace Hopper" is PER'
check "resume: marked as a draft" out_has "your draft"
keys drafts 'Enter'
run export drafts
check "resume: submitted as drafted" out_has '"entities": [{"start": 0, "end": 12, "label": "PER"}]'

# No task at all.
run project create empty --type sentiment
keys empty 'x'
check "empty project: says so" out_has "empty has no tasks yet"
check "empty project: unknown keys say q quits" out_has "q quits"

# Who may annotate (the role table: annotator and above, a membership
# overriding the global role in its project).
run user add ann --role annotator
run user add rev --role annotator
run user add mgr --role manager
run member add topics rev --role reviewer
keys_as ann topics '1' --json
check "annotator (not a member) may annotate" rc_is 0
check "annotator submitted" out_has '"submitted": 1'
keys_as rev topics '1' --json
check "reviewer member may annotate" rc_is 0
keys_as mgr topics 's' --json
check "manager may annotate" rc_is 0
check "--as records the real login" \
    test "$(sql "select count(*) from annotation a join user u on u.id = a.user_id where u.name = 'ann' and a.acted_by is not null")" -eq 1
keys_as nobody topics '1'
check "not a user: refused" rc_is 1
check "not a user: says so" err_has "no user 'nobody'"

# Overlap: ann's second task is not the one ann labelled.
check "ann labelled one task once" \
    test "$(sql "select count(*) from annotation a join user u on u.id = a.user_id where u.name = 'ann'")" -eq 1

# Several controls: one at a time, the current one marked, c switches.
cat > "$T/multi.yaml" <<'YAML'
type: custom
controls:
- name: topic
  kind: choice
  labels: [world, sports]
- name: quality
  kind: rating
  max: 5
- name: entities
  kind: spans
  labels: [PER, LOC]
YAML
run project create multi --type custom --config "$T/multi.yaml"
echo "Alice runs in Rome" > "$T/multi.txt"
run import multi "$T/multi.txt" --format txt
keys multi '2'
check "controls: a choice key moves on to the next control" out_has "> quality: 1-5: [ ]"
check "controls: the choice is marked" out_has "[x] sports"
keys multi 'Enter'
check "controls: Enter with a control empty says how" out_has "Nothing chosen for quality"
keys multi 'c 4 c 2 Enter'
run export multi
check "controls: all three in the result" out_has '"topic": ["sports"], "quality": 4, "entities": [{"start": 0, "end": 5, "label": "LOC"}]'

# A reviewed answer is shown read only.
sql "update annotation set state = 'accepted' where task_id = (select id from task where text = 'Alice runs in Rome')"
keys multi 'Backspace 1'
check "reviewed: marked read only" out_has "reviewed (accepted): read only"
check "reviewed: a change is refused" out_has "it cannot change"
run export multi
check "reviewed: the result is unchanged" out_has '"topic": ["sports"]'
keys multi 'Backspace 2 Enter' --json
check "reviewed: Enter goes on" out_has '"no_task_left": true'
check "reviewed: nothing submitted" out_has '"submitted": 0'

# Untrusted text: control characters and escapes never reach the output.
run project create inj --type sentiment
printf '%s\n' '{"text": "a\u001b]0;PWNED\u0007b \u001b[2Jc\rd \u202eevil"}' > "$T/inj.jsonl"
run import inj "$T/inj.jsonl"
keys inj ''
check "injection: shows ^[" out_has 'a^[]0;PWNED^Gb ^[[2Jc^Md'
check "injection: bidi override visible" out_has '<U+202E>evil'
check "injection: no raw ESC" no_raw_esc

# CRLF line ends (texts from Windows) are line breaks, not ^M; a span
# after one counts the CR in its offsets.
run project create crlf --type ner --labels PER,LOC
printf '%s\n' '{"text": "Hello there\r\nParis is far\r\n"}' > "$T/crlf.jsonl"
run import crlf "$T/crlf.jsonl"
keys crlf 'j 2'
check "crlf: the second line" out_has ' Paris is far'
check "crlf: no ^M shown" out_hasnt '^M'
keys crlf 'Enter'
run export crlf
check "crlf: the span after the CRLF" \
    out_has '"entities": [{"start": 13, "end": 18, "label": "LOC"}]'

# Help and instructions overlays.
printf 'Label \033[2Jpeople.\n' > "$T/instr.md"
run project create help --type ner --labels PER,LOC --instructions "$T/instr.md"
echo "Some text ." > "$T/help.txt"
run import help "$T/help.txt" --format txt
keys help '?'
check "help overlay: keys from the table" out_has "skip this task"
check "help overlay: the project's label keys" out_has "1                PER"
keys help '? PgDn'
check "help overlay: scrolls to the span keys" out_has "delete the span"
keys help '? x'
check "help overlay: another key closes it" test "$rc" -eq 0 -a \
    "$(grep -c "Keys" "$T/out")" -eq 0
keys help 'i'
check "instructions overlay" out_has "Label ^[[2Jpeople."
check "instructions: no raw ESC" no_raw_esc
keys empty 'i'
check "no task: i is not the instructions" out_has "q quits"

# Screen size: too small, and a resize in the script.
keys topics '' --size 60x20
check "too small: says so" out_has "terminal too small (need 80x24)"
keys topics 'Resize=100x30'
check "resize: wider" test "$(awk 'length > m { m = length } END { print m }' "$T/out")" -gt 80
check "resize: taller" test "$(wc -l < "$T/out")" -eq 30

# Script syntax: comments, escapes, code points.
keys tags '# a comment
\# U+0071'
check "script: comment, \\# and U+ parse" rc_is 0

# Bad input changes nothing.
printf 'v Paris\n' > "$T/bad.keys"
expect_unchanged "bad key script" annotate news --keys "$T/bad.keys"
check "bad key script: FILE:LINE" err_has "$T/bad.keys:1: unknown key 'Paris'"
expect_unchanged "unknown project" annotate nosuch --keys "$T/keys"
check "unknown project named" err_has "no project 'nosuch'"
expect_unchanged "missing key script" annotate news --keys "$T/nosuch.keys"
run annotate news --json
check "--json without --keys is a usage error" rc_is 2
run annotate news --keys "$T/keys" --size 80
check "bad --size is a usage error" rc_is 2
run annotate
check "no project is a usage error" rc_is 2

# --timings: the first frame, then one line per key read, in microseconds.
run project create timed --type ner --labels PER,LOC
printf 'One two .\nThree four .\n' > "$T/timed.txt"
run import timed "$T/timed.txt" --format txt
keys timed 'l 1 Enter Home q' --timings "$T/timings"
check "timings: runs" rc_is 0
check "timings: the first frame first" \
    grep -qE '^first-frame	[0-9]+	[0-9]+	[0-9]+	[0-9]+$' "$T/timings"
check "timings: a line per key, named" test "$(cut -f1 "$T/timings" |
    tr '\n' ' ')" = "first-frame l 1 Enter Home q "
check "timings: microseconds" test "$(grep -cE '	[0-9]+$' "$T/timings")" -eq 6
# The status line's queries: asked when a task opens (the first frame,
# Enter's next task), within the key's time; never for a move.
check "timings: the status line's part, within the key's" test "$(awk -F '\t' \
    '$4 > $2 + 1 || $5 > $3 + 1 { bad = 1 } END { print bad + 0 }' "$T/timings")" = 0
check "timings: no status queries for a move" test "$(awk -F '\t' \
    '$1 == "l" { print $4 + $5 }' "$T/timings")" = 0
check "timings: the next task's status queries timed" test "$(awk -F '\t' \
    '$1 == "Enter" { print ($4 > 0) }' "$T/timings")" = 1
run annotate timed --timings "$T/timings"
check "--timings without --keys is a usage error" rc_is 2
keys timed 'q' --timings "$T/nosuch/timings"
check "--timings: an unwritable file" rc_is 1
check "--timings: says which" err_has "$T/nosuch/timings"

# --pace MS: the script waits MS before each key, outside the key's time.
t0=$(date +%s%N)
keys timed 'l l l q' --pace 150 --timings "$T/paced"
t1=$(date +%s%N)
check "--pace: runs" rc_is 0
check "--pace: four keys take four waits (600 ms) at least" \
    test $(( (t1 - t0) / 1000000 )) -ge 600
check "--pace: the waits are not in the keys' times" test "$(awk -F '\t' \
    '$1 != "first-frame" { n += $2 } END { print (n < 600000) }' "$T/paced")" = 1
run annotate timed --pace 10
check "--pace without --keys is a usage error" rc_is 2
check "--pace without --keys: says so" \
    err_has "scalec: --pace is for a key script: add --keys FILE, or leave --pace out"
_before=$(db_dump)
run annotate timed --keys "$T/keys" --pace 60001
check "--pace above 60000 is a usage error" rc_is 2
check "--pace above 60000: says the range" err_has "pace"
check "--pace above 60000: database unchanged" test "$(db_dump)" = "$_before"

# Every control kind the config takes can be answered on the screen: a
# text control in its editor, a multichoice that allows none with Enter,
# and an image task with boxes says what it is and stores none as [].
cat > "$T/notes.yaml" <<'YAML'
type: custom
controls:
  - {name: ok, kind: choice, labels: [yes, no]}
  - {name: tags, kind: multichoice, allow_empty: true, labels: [x, y]}
  - {name: note, kind: text}
YAML
run project create notes --config "$T/notes.yaml"
echo "Some text to comment on" > "$T/notes.txt"
run import notes "$T/notes.txt" --format txt
keys notes 'Enter'
check "text control: Enter first asks for the choice" out_has "Nothing chosen for ok"
keys notes '1 Enter'
check "text control: then for the text" out_has "Nothing written for note: press e to write it"
keys notes '1 e l o o k s Space f i n e Enter Enter' --json
check "text control: written and submitted" out_has '"submitted": 1'
run export notes
check "text control: the text is stored" out_has '"note": "looks fine"'
check "allow_empty: none is stored as []" out_has '"tags": []'
run project create boxes --type object-detection --labels car,person
printf '{"image": "%s/pic.png", "width": 64, "height": 48}\n' "$T" > "$T/pics.jsonl"
run import boxes "$T/pics.jsonl"
check "an image that is not there: refused at import" err_has "pics.jsonl:1: image '$T/pic.png' does not exist"
run import boxes "$T/pics.jsonl" --allow-missing-images
keys boxes ''
check "image task: says what it is" out_has "Image: $T/pic.png (64 x 48)"
check "image task: the crosshair in the middle" out_has "Crosshair 32, 24"
keys boxes '1 Enter' --json
check "image task: Enter submits" out_has '"submitted": 1'
check "image task: 1 with no corner set draws no box" test "$(sql "select result from annotation a join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'boxes'")" = '{"boxes":[]}'

# scalec-annotate(1) lists every key: the same list as scalec-config(5),
# which check_config holds to the key table ('make man-keys' writes both).
# The review screen's own keys (its section) are scalec-review(1)'s.
keylist() { awk "/BEGIN $2/{f=1;next} /END $2/{f=0} f" "$SRCDIR/man/$1"; }
noreview() { awk '/^\.SS /{r = $0 == ".SS Reviewing"} !r'; }
if [ -n "$(keylist scalec-annotate.1 KEYS)" ] &&
    [ "$(keylist scalec-annotate.1 KEYS)" = \
    "$(keylist scalec-config.5 'RESERVED KEYS' | noreview)" ]; then
	ok "the man page lists every key"
else
	not_ok "the man page lists every key ('make man-keys' rewrites it)"
fi
check "the man page has PREV_SPAN" grep -q "previous span" \
    "$SRCDIR/man/scalec-annotate.1"

done_testing
