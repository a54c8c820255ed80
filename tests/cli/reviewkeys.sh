#!/bin/bash
# The review screen headless, as the labeler is: scalec review PROJECT
# --keys FILE|- runs a key script through the same driver and prints the
# last frame (--size WxH) or a JSON summary (--json); --timings writes the
# first frame's and each key's time, --pace waits between keys, --lease
# holds each item so long. The script's options without --keys, a bad
# --size or --lease, a key script that does not read, a file that is not
# there and an annotator are refused with the database as it was. Two
# sessions at once never hold one item: not after a comment, not after a
# verdict with overlap (the lease is kept in the verdict's unit), not
# after u opens the undone one again.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }
# rkeys USER PROJECT SCRIPT [OPTIONS...]: the review screen on SCRIPT.
rkeys() {
	_u=$1 _p=$2; printf '%s\n' "$3" > "$T/keys"; shift 3
	run --as "$_u" review "$_p" --keys "$T/keys" "$@"
}
# lease_of USER: USER's review lease: its task and the seconds left.
lease_of() {
	sql "SELECT l.task_id, l.expires_at - strftime('%s', 'now') FROM
	    review_lease l JOIN user u ON u.id = l.user_id WHERE u.name = '$1'"
}
# wait_lease USER: until USER holds a review lease (at most 10 s).
wait_lease() {
	for _i in $(seq 100); do
		[ -n "$(lease_of "$1")" ] && return 0
		sleep 0.1
	done
	return 1
}

run init
for u in ann ann2; do run user add $u --role annotator; done
for u in rev rev2; do run user add $u --role reviewer; done
run project create p --type text-classification --labels pos,neg
cat >"$T/d.jsonl" <<'JSON'
{"text": "one", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}, "created_at": "2026-06-01T09:00:00Z", "updated_at": "2026-06-01T09:00:00Z"}]}
{"text": "two", "annotations": [{"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-01T08:00:00Z", "updated_at": "2026-06-01T08:00:00Z"}]}
{"text": "three", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-01T10:00:00Z", "updated_at": "2026-06-01T10:00:00Z"}]}
JSON
run import p "$T/d.jsonl"
check "import" rc_is 0
id_of() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id WHERE t.text = '$1'"; }
state_of() { sql "SELECT state FROM annotation WHERE id = $(id_of "$1")"; }
one=$(id_of one) two=$(id_of two) three=$(id_of three)

# --- the screen, headless ----------------------------------------------------
rkeys rev p ''
check "--keys: runs" rc_is 0
check "--keys: the title names the project, the task, the annotation" \
    out_has "p — review — task 2 — annotation $two — 3 to review — rev"
check "--keys: the oldest submission first, its text" \
    test "$(sed -n 2p "$T/out" | tr -d ' ')" = two
check "--keys: who made it" out_has "by ann2, 2026-06-01 08:00"
check "--keys: the review keys" out_has "a accept  r reject  e fix"
check "--keys: 80x24 by default" test "$(wc -l < "$T/out")" -eq 24
w80=$(head -1 "$T/out" | wc -L)
check "--keys: the session's lease given up at the end" test -z "$(lease_of rev)"
printf '' | "$SCALEC" --as rev review p --keys - --size 100x30 >"$T/out" 2>"$T/err"
check "--keys -: the script from stdin" test $? -eq 0
check "--size 100x30: 30 rows" test "$(wc -l < "$T/out")" -eq 30
check "--size 100x30: the title 20 columns wider than at 80" \
    test "$(head -1 "$T/out" | wc -L)" -eq $((w80 + 20))

rkeys rev p 'a' --json
check "--json: runs" rc_is 0
check "--json: one accepted" out_has '"accepted": 1,'
check "--json: on to the next annotation" out_has "\"annotation\": $one,"
check "--json: something is left" out_has '"nothing_left": false'
check "--json: who" out_has '"user": "rev"'
check "--json: the keys run" out_has '"keys": 1,'
check "--json: the accept is stored" test "$(state_of two)" = accepted

# u: the session's last verdict withdrawn (a row appended), the item back.
rkeys rev p 'a u' --json
check "u: runs" rc_is 0
check "u: one withdrawn" out_has '"withdrawn": 1,'
check "u: the undone one open again" out_has "\"annotation\": $one,"
check "u: back to submitted" test "$(state_of one)" = submitted
check "u: both rows kept (accept, withdraw)" test "$(sql "SELECT group_concat(verdict, ' ')
    FROM (SELECT verdict FROM review WHERE annotation_id = $one ORDER BY id)")" = "accept withdraw"

# A comment (m) and a rejection (r, a comment required) from the script.
rkeys rev p 'r Enter n o t Space p o s Enter' --json
check "reject: the empty comment asked again, then stored" out_has '"rejected": 1,'
check "reject: the comment" test "$(sql "SELECT comment FROM review WHERE
    annotation_id = $one AND verdict = 'reject'")" = "not pos"
rkeys rev p 'Esc' --json
check "nothing left but one: the last item" out_has "\"annotation\": $three,"
rkeys rev p 'a' --json
check "the queue empty: says so" out_has '"nothing_left": true'
check "the queue empty: no annotation" out_has '"annotation": null'

# --timings: the first frame, then a line per key: name, wall, CPU, and
# the status line's part of both.
run review reopen "$two"
rkeys rev p 'n p q' --timings "$T/t"
check "--timings: runs" rc_is 0
check "--timings: the first frame, wall and CPU microseconds" \
    grep -qE '^first-frame	[0-9]+	[0-9]+	[0-9]+	[0-9]+$' "$T/t"
check "--timings: a line per key, named" \
    test "$(cut -f1 "$T/t" | tr '\n' ' ')" = "first-frame n p q "
check "--timings: five fields on every line" \
    test "$(awk -F '\t' 'NF != 5' "$T/t" | wc -l)" -eq 0

t0=$(date +%s%N)
rkeys rev p 'n p q' --pace 150
t1=$(date +%s%N)
check "--pace: runs" rc_is 0
check "--pace: three keys take three waits (450 ms) at least" \
    test $(( (t1 - t0) / 1000000 )) -ge 450

# --- refusals ------------------------------------------------------------------
for o in "--json" "--size 100x30" "--pace 10"; do
	# shellcheck disable=SC2086
	expect_usage "$o without --keys" review p $o
	check "$o without --keys: says so" \
	    err_has "scalec: ${o%% *} is for a key script: add --keys FILE, or leave ${o%% *} out"
done
expect_usage "--timings without --keys" review p --timings "$T/nt"
check "--timings without --keys: no file made" test ! -e "$T/nt"
expect_usage "--size 3" review p --keys "$T/keys" --size 3
check "--size 3: says what it takes" err_has "--size: takes WIDTHxHEIGHT, e.g. 80x24, not '3'"
expect_usage "--size 0x24" review p --keys "$T/keys" --size 0x24
expect_usage "--size 80x24x2" review p --keys "$T/keys" --size 80x24x2
expect_usage "--lease 0" review p --keys "$T/keys" --lease 0
expect_usage "--pace 60001" review p --keys "$T/keys" --pace 60001
printf 'a zzz\n' > "$T/bad.keys"
expect_unchanged "a key script that does not read" --as rev review p --keys "$T/bad.keys"
check "a bad key script: its line and the key" err_has "bad.keys:1: unknown key 'zzz'"
expect_unchanged "a key script that is not there" --as rev review p --keys "$T/none.keys"
check "no key script: says which" err_has "none.keys"
expect_unchanged "an annotator" --as ann review p --keys "$T/keys"
check "an annotator: says so" err_has "ann may not review"
expect_unchanged "no such project" --as rev review nope --keys "$T/keys"

# --- --lease, and two sessions at once ---------------------------------------------
run review reopen "$one"
# A session holds its item for --lease minutes; a second one gets another.
printf '^L ^L ^L ^L ^L ^L ^L ^L ^L ^L q\n' > "$T/hold"
"$SCALEC" --as rev review p --keys "$T/hold" --pace 300 --lease 2 --json \
    >"$T/a.out" 2>"$T/a.err" &
held=$!
check "--lease 2: the session holds a lease" wait_lease rev
read -r ltask lleft <<<"$(lease_of rev | tr '|' ' ')"
check "--lease 2: about 120 seconds" test "$lleft" -gt 100 -a "$lleft" -le 120
rkeys rev2 p '' --json
got=$(sed -n 's/.*"annotation": \([0-9]*\),.*/\1/p' "$T/out")
check "a second session: another item" \
    test -n "$got" -a "$(sql "SELECT task_id FROM annotation WHERE id = ${got:-0}")" != "$ltask"
wait $held
check "the first session: ran" test -s "$T/a.out" -a ! -s "$T/a.err"

# A comment leaves the item open: its lease is kept, so a second session
# started after it never gets that item.
printf 'm o k Enter ^L ^L ^L ^L ^L ^L ^L ^L q\n' > "$T/c.keys"
"$SCALEC" --as rev review p --keys "$T/c.keys" --pace 200 --json \
    >"$T/a.out" 2>"$T/a.err" &
held=$!
sleep 1
read -r ltask lleft <<<"$(lease_of rev | tr '|' ' ')"
check "a comment: the commenting session still holds its item" test -n "$ltask"
rkeys rev2 p '' --json
got=$(sed -n 's/.*"annotation": \([0-9]*\),.*/\1/p' "$T/out")
check "a comment: the second session gets another item" \
    test -n "$got" -a "$(sql "SELECT task_id FROM annotation WHERE id = ${got:-0}")" != "$ltask"
wait $held
check "a comment: the first session commented" grep -q '"comments": 1,' "$T/a.out"

# Overlap 2: verdicts and withdrawals, one after another, while a second
# reviewer asks for the item again and again: the lease is kept in each
# verdict's unit, so the second never gets the task while the first is on
# it (before, a verdict gave the lease up and took it in a second unit).
run project create o --type text-classification --labels pos,neg --overlap 2
cat >"$T/o.jsonl" <<'JSON'
{"text": "both", "annotations": [{"user": "ann", "state": "submitted", "result": {"label": ["pos"]}, "created_at": "2026-06-01T09:00:00Z", "updated_at": "2026-06-01T09:00:00Z"}, {"user": "ann2", "state": "submitted", "result": {"label": ["neg"]}, "created_at": "2026-06-01T09:00:00Z", "updated_at": "2026-06-01T09:00:00Z"}]}
JSON
run import o "$T/o.jsonl"
{ for i in $(seq 150); do echo 'a u'; done; for i in $(seq 300); do echo '^L'; done; echo q; } > "$T/au.keys"
for i in $(seq 400); do echo '^L'; done > "$T/poll.keys"
"$SCALEC" --as rev review o --keys "$T/au.keys" --pace 3 --json >"$T/a.out" 2>"$T/a.err" &
held=$!
check "overlap: the first session is on the task" wait_lease rev
"$SCALEC" --as rev2 review o --keys "$T/poll.keys" --pace 1 --json >"$T/b.out" 2>"$T/b.err"
check "overlap: the second session asked all along" grep -q '"keys": 400,' "$T/b.out"
check "overlap: the second never got the task" grep -q '"task": null,' "$T/b.out"
check "overlap: the first was still on it" kill -0 $held
wait $held
check "overlap: the first gave and withdrew 150 verdicts" grep -q '"withdrawn": 150,' "$T/a.out"
check "overlap: no session said a thing on stderr" test ! -s "$T/a.err" -a ! -s "$T/b.err"
rkeys rev o 'a a Enter' --json
check "overlap: Enter settles the final answer" out_has '"finals": 1,'
check "overlap: the item is a task" out_has '"task": null,'
check "overlap: the final stored" test "$(sql "SELECT count(*) FROM final_answer")" = 1

done_testing
