#!/bin/bash
# scalec review on a terminal (tmux): accept; reject with a comment that
# the annotator then sees in their labeler; fix a span, the original kept
# beside the fix; overlap 3 with a disagreement settled into a final
# answer; two reviewers at once never on the same item; an annotator
# refused with nothing changed; escape sequences in a comment never reach
# the terminal; scalec demo --review opens on the demo people's work.
. "$SRCDIR/tests/tui/lib.sh"

state_of() { sql "select a.state from annotation a join task t on t.id = a.task_id where t.text = '$1'"; }
id_of() { sql "select a.id from annotation a join task t on t.id = a.task_id where t.text = '$1' and a.user_id = (select id from user where name = '${2:-ann}')"; }

run init
run project create news --type ner --labels PER,LOC
printf 'Grace Hopper sailed .\nAda wrote notes .\nAlan met Turing .\n' > "$T/d.txt"
run import news "$T/d.txt" --format txt
for u in ann bob cid; do run user add $u --role annotator; done
run user add rita --role reviewer
run user add rob --role reviewer
echo 'v l 1 Enter 1 Enter 1 Enter' | "$SCALEC" --as ann annotate news --keys - >/dev/null

# Accept: the layout first (the task, who made it, the history), then a.
start --as rita review news
tcheck "accept: the task as the labeler draws it" wait_for "Grace Hopper sailed ."
tcheck "accept: the title" row_has 0 "news — review — task 1 — annotation 1 — 3 to review — rita"
tcheck "accept: the annotation's span" has '"Grace Hopper" is PER'
tcheck "accept: who made it" has "by ann, "
tcheck "accept: no history yet" has "No verdict or comment yet"
tcheck "accept: the keys" has "a accept  r reject  e fix  m comment  n next  u undo"
keys a
tcheck "accept: said" wait_for "Accepted ann's annotation"
tcheck "accept: on to the next" has "Ada wrote notes ."
check "accept: stored" test "$(state_of 'Grace Hopper sailed .')" = accepted

# Reject: a comment is asked for, required; Esc cancels.
keys r
tcheck "reject: the prompt" wait_for "reject:"
keys Escape
tcheck "reject: Esc cancels" wait_for "Not rejected"
check "reject: Esc stored nothing" test "$(state_of 'Ada wrote notes .')" = submitted
keys r Enter
tcheck "reject: a comment is required" wait_for "A rejection needs a comment"
keys -l 'Ada is a place here'
keys Enter
tcheck "reject: said" wait_for "Rejected ann's annotation"
check "reject: stored with its comment" test "$(sql "select verdict || ':' || comment from review where annotation_id = $(id_of 'Ada wrote notes .')")" = "reject:Ada is a place here"
check "reject: the state" test "$(state_of 'Ada wrote notes .')" = rejected

# u withdraws the last verdict: a row appended, the item open again.
keys u
tcheck "undo: said" wait_for "Verdict withdrawn"
tcheck "undo: the item again" has "Ada wrote notes ."
tcheck "undo: the history shows both" has "rita withdrew a verdict"
check "undo: submitted again" test "$(state_of 'Ada wrote notes .')" = submitted
check "undo: nothing overwritten" test "$(sql "select group_concat(verdict) from review where annotation_id = $(id_of 'Ada wrote notes .')")" = "reject,withdraw"
keys r
keys -l 'Ada is a place here'
keys Enter
tcheck "reject again" wait_for "Alan met Turing ."
keys q
tcheck "reviewer quits" wait_for "[exit 0]"
tcheck "the terminal restored" restored 0
check "the lease given up" test "$(sql "select count(*) from review_lease")" -eq 0

# The annotator sees the comment when their annotation opens.
start --as ann annotate news --task 2
tcheck "annotator: the task" wait_for "Ada wrote notes ."
tcheck "annotator: the reviewer's comment" has "rita rejected: Ada is a place here"
tcheck "annotator: marked rejected, theirs again" row_has 0 "[rejected: change, resubmit]"
keys q
wait_for "[exit 0]" >/dev/null

# Fix: e opens the labeler's editing; Enter stores the fix, the original
# stays as it was.
start --as rita review news
tcheck "fix: the item" wait_for "Alan met Turing ."
keys e
tcheck "fix: the labeler edits" wait_for "[fixing]"
tcheck "fix: the help is the labeler's" has "Enter stores the fix, Esc leaves it unchanged"
keys 2
tcheck "fix: relabelled" wait_for '"Alan" is LOC'
keys Escape
tcheck "fix: Esc leaves it" wait_for "Fix left: nothing stored"
tcheck "fix: Esc, the original shown" has '"Alan" is PER'
keys e l l 1
tcheck "fix: a new span" wait_for '"Turing" is PER'
keys Enter
tcheck "fix: said" wait_for "Fixed ann's annotation: theirs is kept beside the fix"
check "fix: the original as it was" test "$(sql "select result from annotation where id = $(id_of 'Alan met Turing .')")" = '{"entities":[{"start":0,"end":4,"label":"PER"}]}'
check "fix: the fix beside it" test "$(sql "select result from review where verdict = 'fix' and annotation_id = $(id_of 'Alan met Turing .')")" = '{"entities":[{"start":0,"end":4,"label":"PER"},{"start":9,"end":15,"label":"PER"}]}'
check "fix: its state" test "$(state_of 'Alan met Turing .')" = fixed
tcheck "fix: nothing left" wait_for "Nothing is waiting for review in news."
keys BSpace
tcheck "Backspace: the one judged last" wait_for "Alan met Turing ."
tcheck "Backspace: shown as fixed" has "[fixed]"
keys q
tcheck "fix: quits" wait_for "[exit 0]"

# Overlap 3, two agree and one differs: the most common version first,
# the difference marked, settled into a final answer.
run project create tri --type ner --labels PER,LOC --overlap 3
echo 'Grace Hopper met Ada .' > "$T/t.txt"
run import tri "$T/t.txt" --format txt
echo '1 Enter' | "$SCALEC" --as cid annotate tri --keys - >/dev/null
echo 'v l 1 Enter' | "$SCALEC" --as ann annotate tri --keys - >/dev/null
echo 'v l 1 Enter' | "$SCALEC" --as bob annotate tri --keys - >/dev/null
start --as rita review tri
tcheck "overlap: the task" wait_for "Grace Hopper met Ada ."
tcheck "overlap: the majority first, highlighted" row_has 17 '>ann [submitted] *"Grace Hopper"=PER  (2 of 3)'
tcheck "overlap: one line per person" row_has 18 ' bob [submitted] *"Grace Hopper"=PER  (2 of 3)'
tcheck "overlap: the odd one last" row_has 19 ' cid [submitted] *"Grace"=PER  (1 of 3)'
keys j j
tcheck "overlap: j highlights cid, whose version the text shows" wait_for '"Grace" is PER'
keys r
keys -l 'one word short'
keys Enter
tcheck "overlap: cid rejected" wait_for "Rejected cid's annotation"
tcheck "overlap: on to ann" row_has 17 '>ann [submitted]'
keys a a
tcheck "overlap: all judged" wait_for "All judged: Enter settles"
tcheck "overlap: the states shown" has " cid [rejected]"
keys Enter
tcheck "overlap: settled" wait_for "settled: ann's version is its final answer"
check "overlap: the final answer stored once, from ann's" test "$(sql "select f.result || ' ' || u.name || ' ' || (select name from user where id = (select user_id from annotation where id = f.from_annotation)) from final_answer f join user u on u.id = f.settled_by")" = '{"entities":[{"start":0,"end":12,"label":"PER"}]} rita ann'
check "overlap: each verdict a row" test "$(sql "select count(*) from review r join annotation a on a.id = r.annotation_id join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'tri'")" -eq 3
keys q
wait_for "[exit 0]" >/dev/null

# Two reviewers at once: each gets an item of their own.
run project create duo --type sentiment
printf 'First one\nSecond one\n' > "$T/duo.txt"
run import duo "$T/duo.txt" --format txt
echo '1' | "$SCALEC" --as ann annotate duo --keys - >/dev/null
echo '2' | "$SCALEC" --as bob annotate duo --keys - >/dev/null
start --as rita review duo
tcheck "two reviewers: rita's first" wait_for "to review — rita"
rita_item=$(row 0 | sed -n 's/.*annotation \([0-9]*\).*/\1/p')
start_window --as rob review duo
tcheck "two reviewers: rob's first" wait_for "to review — rob"
rob_item=$(row 0 | sed -n 's/.*annotation \([0-9]*\).*/\1/p')
check "two reviewers: both have one" test -n "$rita_item" -a -n "$rob_item"
check "two reviewers: not the same" test "$rita_item" != "$rob_item"
check "two reviewers: two leases" test "$(sql "select count(distinct user_id) from review_lease")" -eq 2
keys a
tcheck "two reviewers: rob accepts his" wait_for "Accepted "
tcheck "two reviewers: rita's is not offered to rob" wait_for "Nothing is left for you to review in duo"
WIN=0
keys a
tcheck "two reviewers: rita accepts hers" wait_for "Accepted "
check "two reviewers: both accepted, once each" test "$(sql "select count(*) from review r join annotation a on a.id = r.annotation_id join task t on t.id = a.task_id join project p on p.id = t.project_id where p.name = 'duo' and r.verdict = 'accept'")" = 2
keys q
wait_for "[exit 0]" >/dev/null

# An annotator cannot open the screen: refused, nothing changed.
before=$(db_dump "$SCALEC_DB")
start --as ann review news
tcheck "annotator: refused" wait_for "[exit 1]"
tcheck "annotator: the reason" has "scalec: "
check "annotator: the database as it was" test "$before" = "$(db_dump "$SCALEC_DB")"
# Nobody reviews their own: rita's annotation is not in her queue.
run project create own --type sentiment
echo "Mine alone" > "$T/own.txt"
run import own "$T/own.txt" --format txt
echo '1' | "$SCALEC" --as rita annotate own --keys - >/dev/null
start --as rita review own
tcheck "own work: not offered" wait_for "Nothing is left for you to review in own"

# Escape sequences in a comment are drawn visibly; the terminal never
# gets them (the pane's title and colours stay as they were).
esc=$(printf '\033')
echo 'Fine text' > "$T/inj.txt"
run project create inj --type sentiment
run import inj "$T/inj.txt" --format txt
echo '1' | "$SCALEC" --as ann annotate inj --keys - >/dev/null
# A comment as another program could have written it.
inj_task=$(sql "select max(task_id) from annotation")
sql "insert into review (annotation_id, reviewer_id, verdict, comment, from_state, created_at) values ((select max(id) from annotation), (select id from user where name = 'rob'), 'reject', char(27) || ']2;pwned' || char(7) || char(27) || '[31mred', 'submitted', '2026-12-01T10:00:00Z')"
sql "update annotation set state = 'rejected' where id = (select max(id) from annotation)"
start --as rita review inj --state rejected
tcheck "injection: the item" wait_for "Fine text"
tcheck "injection: the comment drawn visibly" has "rob rejected: ^[]2;pwned^G^[[31mred"
check "injection: the pane's title untouched" test "$(pane '#{pane_title}')" != pwned
check "injection: no red on the screen" test -z "$(screen -e | grep -F "${esc}[31m")"
keys q
wait_for "[exit 0]" >/dev/null
start --as ann annotate inj --task "$inj_task"
tcheck "injection: the annotator's labeler" wait_for "Fine text"
tcheck "injection: the comment drawn visibly there too" has "rob rejected: ^[]2;pwned^G^[[31mred"
check "injection: the annotator's title untouched" test "$(pane '#{pane_title}')" != pwned
keys q
wait_for "[exit 0]" >/dev/null

# scalec demo --review: the review screen at once, on the demo people's
# annotations.
start -e XDG_DATA_HOME="$T/demo" -e SCALEC_DB= demo --review
tcheck "demo --review: the review screen" wait_for "news-ner — review — task 14" 15
tcheck "demo --review: ana's annotation" has "by ana, 2026-11-30 09:12, 41 s [submitted]"
keys q
tcheck "demo --review: quits" wait_for "[exit 0]"

tui_done
