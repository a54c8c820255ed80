#!/bin/bash
# export --annotations consensus over choice, multichoice, spans, rating
# and text controls with overlap 3: one result per task, its agreement and
# annotators, the final answer winning, rejected and skipped annotations
# left out, consensus_min; stderr counting the tasks without consensus;
# file list and review list --disagreement worst first (table and
# --json, --limit), and every refusal with the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"

sql() { sqlite3 "$SCALEC_DB" "$1"; }

run init
for u in ann bob cat; do run user add $u; done
run user add rev --role reviewer
cat >"$T/cfg.yaml" <<'YAML'
type: custom
overlap: 3
settings: {review: all}
controls:
  - {name: c, kind: choice, labels: [a, b, x]}
  - {name: m, kind: multichoice, labels: [p, q], allow_empty: true}
  - {name: s, kind: spans, labels: [PER, ORG]}
  - {name: r, kind: rating, max: 5}
YAML
run project create p --type custom --config "$T/cfg.yaml"
check "project create" rc_is 0
PER='{"start": 0, "end": 5, "label": "PER"}'
ORG='{"start": 10, "end": 13, "label": "ORG"}'
# 1: a majority everywhere (c a 2:1, m p 3:0 q 1:2, s PER 3 ORG 2, r 2 4 5);
# 2: a tie on c (a, b, x); 3: ORG by one only; 4: settled by hand;
# 5: cat's annotation rejected, so two agree.
ann() { printf '{"user": "%s", "result": %s%s}' "$1" "$2" "${3:+, $3}"; }
{
printf '{"id": "t1", "text": "Alice met Bob today.", "annotations": [%s, %s, %s]}\n' \
    "$(ann ann "{\"c\": [\"a\"], \"m\": [\"p\", \"q\"], \"s\": [$PER, $ORG], \"r\": 2}")" \
    "$(ann bob "{\"c\": [\"a\"], \"m\": [\"p\"], \"s\": [$PER, $ORG], \"r\": 4}")" \
    "$(ann cat "{\"c\": [\"b\"], \"m\": [\"p\"], \"s\": [$PER], \"r\": 5}")"
printf '{"id": "t2", "text": "Alice met Bob today.", "annotations": [%s, %s, %s]}\n' \
    "$(ann ann '{"c": ["a"], "m": [], "s": [], "r": 3}')" \
    "$(ann bob '{"c": ["b"], "m": [], "s": [], "r": 3}')" \
    "$(ann cat '{"c": ["x"], "m": [], "s": [], "r": 3}')"
printf '{"id": "t3", "text": "Alice met Bob today.", "annotations": [%s, %s, %s]}\n' \
    "$(ann ann "{\"c\": [\"a\"], \"m\": [], \"s\": [$PER, $ORG], \"r\": 1}")" \
    "$(ann bob "{\"c\": [\"a\"], \"m\": [], \"s\": [$PER], \"r\": 1}")" \
    "$(ann cat "{\"c\": [\"a\"], \"m\": [], \"s\": [$PER], \"r\": 1}")"
printf '{"id": "t4", "text": "Alice met Bob today.", "annotations": [%s, %s, %s], "final_answer": {"result": {"c": ["x"]}, "settled_by": "rev"}}\n' \
    "$(ann ann '{"c": ["a"]}')" "$(ann bob '{"c": ["b"]}')" \
    "$(ann cat '{"c": ["x"]}')"
printf '{"id": "t5", "text": "Alice met Bob today.", "annotations": [%s, %s, %s]}\n' \
    "$(ann ann '{"c": ["a"]}')" "$(ann bob '{"c": ["b"]}')" \
    "$(ann cat '{"c": ["b"]}')"
printf '{"id": "t6", "text": "nobody yet"}\n'
} >"$T/d.jsonl"
run import p "$T/d.jsonl"
check "import" rc_is 0
aid() { sql "SELECT a.id FROM annotation a JOIN task t ON t.id = a.task_id
    JOIN user u ON u.id = a.user_id WHERE t.ext_id = '$1' AND u.name = '$2'"; }
run --as rev review reject "$(aid t5 cat)" --comment no
check "reject cat's t5" rc_is 0

run export p --annotations consensus
check "export consensus" rc_is 0
cp "$T/out" "$T/cons.jsonl"
line() { python3 -c "import json,sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if d['id'] == sys.argv[2]:
        a = d['annotations']
        assert len(a) == 1, a
        print($2)" "$T/cons.jsonl" "$1"; }
check "one line per task with an answer in force (t6 left out)" \
    test "$(wc -l < "$T/cons.jsonl")" = 5
check "t1: the majority per control, spans by 2 of 3, the lower median" \
    test "$(line t1 "json.dumps(a[0]['result'], sort_keys=True)")" = \
    '{"c": ["a"], "m": ["p"], "r": 4, "s": [{"end": 5, "label": "PER", "start": 0}, {"end": 13, "label": "ORG", "start": 10}]}'
# c 2/3; m (p 1, q 2/3)/2; s pairs F1 1, 2/3, 2/3; r 1 - (11/9)/4.
check "t1: the agreement score" test "$(line t1 "'%.6f' % a[0]['agreement']")" = \
    "$(python3 -c "print('%.6f' % ((2/3 + (1 + 2/3)/2 + (1 + 2/3 + 2/3)/3 + 1 - (10/9)/4)/4))")"
check "t1: three annotators, in the name consensus" \
    test "$(line t1 "a[0]['annotators'], a[0]['user'], a[0]['state'], a[0]['no_consensus']")" = \
    "3 consensus consensus []"
check "t2: a tie on c has no consensus; the rest agree" \
    test "$(line t2 "json.dumps(a[0]['result'], sort_keys=True), a[0]['no_consensus']")" = \
    "{\"m\": [], \"r\": 3, \"s\": []} ['c']"
check "t3: ORG by one of three is no consensus" \
    test "$(line t3 "'s' in a[0]['result'], a[0]['no_consensus']")" = "False ['s']"
check "t4: the final answer wins, in the settler's name" \
    test "$(line t4 "a[0]['result'], a[0]['user'], a[0]['state'], '%.4f' % a[0]['agreement']")" = \
    "{'c': ['x']} rev final 0.3333"
check "t5: the rejected annotation is not in force" \
    test "$(line t5 "a[0]['annotators'], a[0]['result'], a[0]['no_consensus']")" = \
    "2 {} ['c']"
check "stderr counts the tasks without consensus" \
    err_is "scalec: warning: 3 of 5 tasks had no consensus (their annotations' no_consensus names the controls): 'scalec file list p --disagreement' lists them"

# consensus_min: 1 of 3 is enough for t3's ORG.
sed 's/settings: {review: all}/settings: {review: all, consensus_min: 1}/' \
    "$T/cfg.yaml" >"$T/cfg1.yaml"
run project edit p --config "$T/cfg1.yaml"
check "consensus_min: 1" rc_is 0
run export p --annotations consensus
cp "$T/out" "$T/cons.jsonl"
check "consensus_min 1: t3 has ORG" \
    test "$(line t3 "len(a[0]['result']['s']), a[0]['no_consensus']")" = "2 []"
run project edit p --config "$T/cfg.yaml"

# --- the lists -------------------------------------------------------------
tid() { sql "SELECT id FROM task WHERE ext_id = '$1'"; }
run file list p --disagreement
check "file list --disagreement" rc_is 0
check "worst first: t5 (0.5), t2 (0.83), t3 (0.94)" test "$(awk 'NR > 1 {print $1}' "$T/out" | tr '\n' ' ')" = \
    "$(tid t5) $(tid t2) $(tid t3) "
check "the table's header and a row" test "$(sed -n 1,2p "$T/out" | tr -s ' ')" = \
    "TASK AGREEMENT ANNOTATORS NO CONSENSUS
$(tid t5) 0.50 2 c"
run file list p --disagreement --json --limit 2 --offset 1
check "--json --limit --offset" \
    test "$(json "[(e['task'], round(e['agreement'], 4), e['annotators'], e['no_consensus']) for e in d]")" = \
    "[($(tid t2), 0.8333, 3, ['c']), ($(tid t3), 0.9444, 3, ['s'])]"
run --as rev review list p --disagreement --json
check "review list --disagreement: the same tasks" \
    test "$(json "[e['task'] for e in d]")" = "[$(tid t5), $(tid t2), $(tid t3)]"
run --as rev review p --disagreement --json
check "review PROJECT --disagreement: the list, not the screen" \
    test "$(json "[e['task'] for e in d]")" = "[$(tid t5), $(tid t2), $(tid t3)]"
run --as rev review p --disagreement
check "review PROJECT --disagreement: a table" test "$(awk 'NR > 1 {print $1}' "$T/out" | tr '\n' ' ')" = \
    "$(tid t5) $(tid t2) $(tid t3) "
run --as ann file list p --disagreement
check "an annotator may list tasks" rc_is 0

# --- refusals --------------------------------------------------------------
expect_usage "--annotations consensus --user" export p --annotations consensus --user ann
check "... says why" err_has "--annotations consensus is one result per task: it takes no --user"
expect_usage "--annotations consensus --state" export p --annotations consensus --state submitted
expect_usage "--annotations bogus" export p --annotations bogus
check "... names consensus" err_has "none of all, accepted, final and consensus"
expect_usage "file list --disagreement --status" file list p --disagreement --status new
expect_usage "file list --disagreement --after" file list p --disagreement --after 2
expect_usage "review list --disagreement --user" review list p --disagreement --user ann
expect_usage "review --disagreement --keys" review p --disagreement --keys /dev/null
expect_unchanged "--disagreement of a project not there" file list nope --disagreement
expect_unchanged "consensus export of a project not there" export nope --annotations consensus
sed 's/settings: {review: all}/settings: {review: all, consensus_min: 0}/' \
    "$T/cfg.yaml" >"$T/cfg0.yaml"
expect_unchanged "consensus_min 0 is refused" project edit p --config "$T/cfg0.yaml"
check "... at its place" err_has "cfg0.yaml:3:40: consensus_min must be a whole number from 1 to 1000, not \"0\""
# A gold task keeps its known answer: no consensus annotation is made of
# the answers scored against it, and it is not listed as a disagreement.
run project create gc --type text-classification --labels pos,neg
cat >"$T/gc.jsonl" <<'EOF'
{"id": "g1", "text": "gold", "gold": {"label": ["pos"]}, "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
{"id": "n1", "text": "normal", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
EOF
run import gc "$T/gc.jsonl"
check "gold: imported" rc_is 0
run export gc --annotations consensus
check "gold: exported with its gold, no consensus of its answers" sh -c "python3 - '$T/out' <<'EOF'
import json, sys
rows = {r['id']: r for r in map(json.loads, open(sys.argv[1]))}
assert rows['g1']['gold'] == {'label': ['pos']}, rows['g1']
assert rows['g1']['annotations'] == [], rows['g1']
assert rows['n1']['annotations'][0]['result'] == {'label': ['pos']}, rows['n1']
EOF"
run file list gc --disagreement
check "gold: not a disagreement" sh -c "! grep -q gold '$T/out'"

done_testing
