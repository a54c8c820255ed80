#!/bin/bash
# scalec stats: progress, people (submitted, skipped, median and p90
# seconds, verdicts, agreement, last active), labels (--by-label, and per
# person with --by-user, an unusual distribution marked), throughput per
# day; plain when piped and under NO_COLOR, Unicode and colour on a
# terminal (script(1)), CJK labels aligned by their width; --json with
# every figure; --since; --watch headless; refusals, nothing changed.
. "$SRCDIR/tests/cli/lib.sh"

need script bsdutils
run init
run user add ann
run user add bob
run user add cat --display-name 山田
run user add rev --role reviewer
run user add lead --role manager
cat >"$T/cfg.yaml" <<'YAML'
type: custom
overlap: 2
settings: {review: all}
controls:
  - {name: animal, kind: choice, labels: [猫, dog]}
YAML
run project create p --type custom --config "$T/cfg.yaml"
check "project create" rc_is 0
a() { printf '{"user": "%s", "result": {"animal": ["%s"]}, "lead_time": %s}' "$1" "$2" "$3"; }
# Day one: ten tasks ann and bob agree on (猫), ann 1..10 s, bob 10 s.
for i in $(seq 1 10); do
	printf '{"id": "d%s", "text": "t%s", "annotations": [%s, %s]}\n' \
	    "$i" "$i" "$(a ann 猫 "$i")" "$(a bob 猫 10)"
done >"$T/one.jsonl"
# Day three: ten more where cat says dog every time and ann 猫; one task
# with nobody, one skipped by bob.
for i in $(seq 1 10); do
	printf '{"id": "e%s", "text": "u%s", "annotations": [%s, %s]}\n' \
	    "$i" "$i" "$(a ann 猫 20)" "$(a cat dog 30)"
done >"$T/three.jsonl"
printf '{"id": "n1", "text": "nobody"}\n' >>"$T/three.jsonl"
printf '{"id": "s1", "text": "skipped", "annotations": [{"user": "bob", "state": "skipped", "result": {}}]}\n' >>"$T/three.jsonl"
SCALEC_NOW=2026-06-01T10:00:00Z run import p "$T/one.jsonl"
check "import day one" rc_is 0
SCALEC_NOW=2026-06-03T09:00:00Z run import p "$T/three.jsonl"
check "import day three" rc_is 0
sql() { sqlite3 "$SCALEC_DB" "$1"; }
aid() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id
    JOIN user u ON u.id = a.user_id WHERE t.ext_id = '$1' AND u.name = '$2'"; }
run --as rev review accept "$(aid d1 ann)" "$(aid d2 ann)" "$(aid d3 ann)"
run --as rev review reject "$(aid d4 ann)" --comment no
check "verdicts" rc_is 0
export SCALEC_NOW=2026-06-03T12:00:00Z

run --as lead stats p
check "stats, piped" rc_is 0
cp "$T/out" "$T/plain"
check "the title" test "$(head -1 "$T/plain")" = "p: 22 tasks, overlap 2"
check "progress, plain" out_has "Progress [........................................] 0% done"
check "progress counts" out_has "  total 22  done 0  needing labels 2  in review 36"
check "progress counts, the verdicts" out_has "  accepted 3  rejected 1  fixed 0  skipped 1"
check "agreement" out_has "Agreement 0.75 over 20 tasks; 10 without consensus"
check "people: a row each, in the order first seen; a CJK display name two columns a character" test "$(sed -n '/^People/,/^$/p' "$T/plain")" = \
"People
USER        SUBMITTED  SKIPPED  MEDIAN S  P90 S  ACCEPT  REJECT  GOLD  AGREE  LAST ACTIVE
ann         20         0        10.0      20.0   75%     25%     -     47%    2026-06-03T09:00:00Z
bob         10         1        10.0      10.0   -       -       -     100%   2026-06-03T09:00:00Z
cat (山田)  10         0        30.0      30.0   -       -       -     0%     2026-06-03T09:00:00Z"
check "throughput, plain: one digit per day" \
    out_has "Submitted per day, last 30 days ...........................9.9 40, today 20"
check "no labels without --by-label" test "$(grep -c Labels "$T/plain")" = 0
check "no escape sequence when piped" test "$(grep -c $'\033' "$T/plain")" = 0

run --as lead stats p --by-label
check "--by-label: CJK labels padded to their width" test "$(sed -n '/^Labels of animal/,$p' "$T/out")" = \
"Labels of animal
  猫  [###############.....]     29  74%
  dog [#####...............]     10  26%"
run --as lead stats p --by-user
# Against everyone else's labels (the rejected one left out): ann 19 猫
# to 10 and 10, bob 10 猫 to 19 and 10, cat 10 dog to 29 猫.
check "--by-user: each distribution's distance from the others'" \
    test "$(grep '^  [a-z].* !' "$T/out")" = "  ann ! unlike the others (0.50)
  bob ! unlike the others (0.34)
  cat (山田) ! unlike the others (1.00)"
check "--by-user: a person's labels under them" test "$(sed -n '/^  cat (山田) !/,$p' "$T/out")" = \
"  cat (山田) ! unlike the others (1.00)
    猫  [....................]      0   0%
    dog [####################]     10 100%"

# A terminal: script(1) gives the command one.
term() {
	script -qec "$1" /dev/null >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
term "env SCALEC_NOW=$SCALEC_NOW $SCALEC --as lead stats p --by-label"
check "on a terminal" rc_is 0
check "a terminal: Unicode blocks" out_has "█"
check "a terminal: eighths of a block" grep -q "██████████████▉" "$T/out"
check "a terminal: colour" grep -q $'\033\\[38;2;' "$T/out"
check "a terminal: a sparkline, block heights" grep -q "last 30 days .* *█ █.* 40, today 20" "$T/out"
check "a terminal: CJK still aligned" grep -q "^  猫  .*74%" "$T/out"
term "env NO_COLOR=1 SCALEC_NOW=$SCALEC_NOW $SCALEC --as lead stats p"
check "NO_COLOR on a terminal: plain" test "$(tr -d '\r' <"$T/out")" = "$(cat "$T/plain")"

run --as lead stats p --json --by-user
check "--json" rc_is 0
check "--json: the keys" test "$(json "sorted(d)")" = \
    "['agreement', 'labels', 'overlap', 'progress', 'project', 'throughput', 'users']"
check "--json: progress" test "$(json "d['progress']")" = \
    "{'total': 22, 'done': 0, 'needing_labels': 2, 'in_review': 36, 'accepted': 3, 'rejected': 1, 'fixed': 0, 'skipped': 1, 'done_share': 0.0}"
check "--json: agreement" test "$(json "d['agreement']")" = \
    "{'tasks': 20, 'scored': 20, 'mean': 0.75, 'with_consensus': 10, 'without_consensus': 10}"
check "--json: a person" test "$(json "d['users'][0]")" = \
    "{'user': 'ann', 'display_name': '', 'submitted': 20, 'skipped': 0, 'median_seconds': 10.0, 'p90_seconds': 20.0, 'reviewed': 4, 'accept_rate': 0.75, 'reject_rate': 0.25, 'gold_score': None, 'agreement': 0.47368421052631576, 'agreement_pairs': 19, 'last_active': '2026-06-03T09:00:00Z', 'labels': {'animal': {'猫': 19, 'dog': 0}}, 'label_distance': {'animal': 0.5}, 'unusual_labels': ['animal']}"
check "--json: undefined figures are null" test "$(json "d['users'][1]['accept_rate'], d['users'][1]['median_seconds']")" = \
    "None 10.0"
check "--json: labels" test "$(json "d['labels']")" = "{'animal': {'猫': 29, 'dog': 10}}"
check "--json: 30 days, oldest first" test "$(json "len(d['throughput']), d['throughput'][0]['day'], d['throughput'][-1], d['throughput'][-3]")" = \
    "30 2026-05-05 {'day': '2026-06-03', 'submitted': 20} {'day': '2026-06-01', 'submitted': 20}"

run --as lead stats p --json --since 2026-06-02
check "--since: only day three per person" test "$(json "[(u['user'], u['submitted']) for u in d['users']], d['labels']")" = \
    "[('ann', 10), ('bob', 0), ('cat', 10)] {'animal': {'猫': 10, 'dog': 10}}"
check "--since: progress stays the project's" test "$(json "d['progress']['total'], d['agreement']['tasks']")" = "22 20"

# --watch, headless: the same lines in the driver's screen.
printf 'q\n' >"$T/keys"
run --as lead stats p --watch --keys "$T/keys" --size 100x30
check "--watch --keys" rc_is 0
check "--watch: the title, the time of the load" grep -q "^ p — stats, refreshed 12:00:00 " "$T/out"
check "--watch: Unicode bars in the screen" out_has "Progress ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 0% done"
check "--watch: the people, CJK aligned" out_has "cat (山田)  10         0        30.0"
check "--watch: the status line" out_has " refreshes every few seconds; q quits"

# --- refusals ----------------------------------------------------------------
expect_unchanged "an annotator may not see the stats" --as ann stats p
check "... says why" err_has "stats"
expect_unchanged "a project not there" --as lead stats nope
expect_usage "--watch --json" --as lead stats p --watch --json
expect_usage "--keys without --watch" --as lead stats p --keys "$T/keys"
expect_usage "a bad --since" --as lead stats p --since yesterday
# A gold task is out of the figures and its score is each person's gold
# column: ann answers the gold task right (onboarding serves it first)
# and one normal task; bob answers the gold task wrong.
cat >"$T/gold.yaml" <<'EOF'
type: text-classification
overlap: 2
settings: {gold_onboarding: 1}
controls:
  - name: label
    kind: choice
    labels: [pos, neg]
EOF
run project create gs --type text-classification --config "$T/gold.yaml"
check "gold: the project" rc_is 0
cat >"$T/gold.jsonl" <<'EOF'
{"text": "the gold one", "gold": {"label": ["pos"]}}
{"text": "a normal one"}
EOF
run import gs "$T/gold.jsonl"
check "gold: imported" rc_is 0
printf '1\n1\n' > "$T/gk"
run --as ann annotate gs --keys "$T/gk"
printf '2\n1\n' > "$T/gk"
run --as bob annotate gs --keys "$T/gk"
run --as lead stats gs --json
check "gold: the scores in --json" sh -c "python3 - '$T/out' <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
u = {p['user']: p for p in d['users']}
assert u['ann']['gold_score'] == 1.0, u['ann']
assert u['bob']['gold_score'] == 0.0, u['bob']
assert u['ann']['submitted'] == 1 and u['bob']['submitted'] == 1, u
EOF"

done_testing
