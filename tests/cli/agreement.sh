#!/bin/bash
# scalec agreement over projects built by import: a choice, a
# multichoice, a rating and a spans project from tests/cli/agreement-data.py
# (four people, not all on every task, with drafts, skips, rejected and
# removed annotations that must not count), every figure compared with
# what sklearn, statsmodels and nltk compute for the same answers; the
# --json shapes; undefined figures said in words; and every refusal
# (an unknown control, one with no figure, no annotations in force, an
# annotator, bad option values) failing with the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"

PY=/usr/bin/python3
run init
check "init" rc_is 0
for u in ann bob cat dan; do run user add $u; done
run user add rev --role reviewer
check "a reviewer" rc_is 0

cat >"$T/multi.yaml" <<'EOF'
controls:
  - name: colours
    kind: multichoice
    labels: [{name: red}, {name: green}, {name: blue}]
EOF
cat >"$T/rating.yaml" <<'EOF'
controls:
  - name: stars
    kind: rating
    max: 5
  - name: notes
    kind: text
EOF
run project create c --type text-classification --labels pos,neg,neu --overlap 4
run project create m --type custom --config "$T/multi.yaml" --overlap 4
run project create r --type custom --config "$T/rating.yaml" --overlap 4
run project create s --type ner --labels PER,ORG --overlap 4
check "projects" rc_is 0

have_refs=0
if $PY -c 'import sklearn, statsmodels, nltk' 2>/dev/null; then
	have_refs=1
	mkdir "$T/data"
	$PY "$SRCDIR/tests/cli/agreement-data.py" "$T/data"
	check "the data and their reference figures" test -s "$T/data/ref.json"
	for p in c:choice m:multi r:rating s:spans; do
		run import "${p%%:*}" "$T/data/${p#*:}.jsonl"
		check "import ${p#*:}" rc_is 0
	done
else
	ok "# SKIP python3-sklearn, python3-statsmodels and python3-nltk are needed for the reference figures"
fi

# cmp_ref NAME PYTHON: compares with the reference, PYTHON an expression
# list of (what, got, want) over d (our JSON) and ref (the reference's).
cmp_ref() {
	$PY - "$T/out" "$T/data/ref.json" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))["controls"][0]
ref = json.load(open(sys.argv[2]))
bad = 0
for what, got, want in eval("(" + sys.argv[3] + ")"):
    if want is None or got is None:
        ok = got is None and want is None
    elif isinstance(want, float):
        ok = abs(got - want) < 1e-9
    else:
        ok = got == want
    if not ok:
        print("%s: %r, not %r" % (what, got, want))
        bad = 1
sys.exit(bad)
EOF
}

if [ $have_refs = 1 ]; then
	run agreement c --json --by-user
	check "choice: runs" rc_is 0
	check "choice: percent, Fleiss, alpha as the references" cmp_ref c '[
	    ("percent", d["percent"]["value"], ref["choice"]["percent"]["value"]),
	    ("percent tasks", d["percent"]["tasks"], ref["choice"]["percent"]["tasks"]),
	    ("percent pairs", d["percent"]["pairs"], ref["choice"]["percent"]["pairs"]),
	    ("fleiss", d["fleiss"]["value"], ref["choice"]["fleiss"]["value"]),
	    ("fleiss tasks", d["fleiss"]["tasks"], ref["choice"]["fleiss"]["tasks"]),
	    ("fleiss raters", d["fleiss"]["raters"], ref["choice"]["fleiss"]["raters"]),
	    ("alpha", d["alpha"]["value"], ref["choice"]["alpha"]["value"]),
	    ("alpha pairs", d["alpha"]["pairs"], ref["choice"]["alpha"]["pairs"])]'
	check "choice: Cohen of every pair as sklearn" cmp_ref c '
	    [("cohen " + k["a"] + "/" + k["b"], k["value"],
	      ref["choice"]["cohen"][k["a"] + "/" + k["b"]]["value"])
	     for k in d["cohen"]] +
	    [("cohen tasks", k["tasks"], ref["choice"]["cohen"][k["a"] + "/" + k["b"]]["tasks"])
	     for k in d["cohen"]] + [("pairs", len(d["cohen"]), 6)]'
	check "choice: each person against the others" cmp_ref c '
	    [(u["user"], u["agreement"]["value"], ref["choice"]["users"][u["user"]]["value"])
	     for u in d["users"]] +
	    [(u["user"] + " pairs", u["agreement"]["pairs"], ref["choice"]["users"][u["user"]]["pairs"])
	     for u in d["users"]] + [("people", len(d["users"]), 4)]'

	run agreement m --json
	check "multichoice: runs" rc_is 0
	check "multichoice: each label as binary, as the references" cmp_ref m '
	    [(l["label"] + " " + f, l[f]["value"], ref["multi"][l["label"]][f]["value"])
	     for l in d["labels"] for f in ("percent", "fleiss", "alpha")] +
	    [(l["label"] + " cohen " + k["a"] + "/" + k["b"], k["value"],
	      ref["multi"][l["label"]]["cohen"][k["a"] + "/" + k["b"]]["value"])
	     for l in d["labels"] for k in l["cohen"]] + [("labels", len(d["labels"]), 3)]'

	run agreement r --json
	check "rating: runs" rc_is 0
	check "rating: interval alpha as nltk" cmp_ref r '[
	    ("alpha", d["alpha"]["value"], ref["rating"]["alpha"]),
	    ("level", d["alpha"]["level"], "interval"),
	    ("tasks", d["alpha"]["tasks"], ref["rating"]["tasks"]),
	    ("the text control has no figure", len(json.load(open(sys.argv[1]))["controls"]), 1)]'

	run agreement s --json --by-label
	check "spans: runs" rc_is 0
	check "spans: P, R, F1 strict and lenient, micro and per label; alpha over tokens" cmp_ref s '
	    [(m + " " + f, d["spans"][m][f]["value"], ref["spans"][m][f])
	     for m in ("strict", "lenient") for f in ("precision", "recall", "f1")] +
	    [(l["label"] + " " + m + " " + f, l[m][f]["value"], ref["spans"][m + "_labels"][l["label"]][f])
	     for l in d["labels"] for m in ("strict", "lenient") for f in ("precision", "recall", "f1")] +
	    [("alpha", d["alpha"]["value"], ref["spans"]["alpha"]["value"]),
	     ("tokens", d["alpha"]["tokens"], ref["spans"]["alpha"]["tokens"]),
	     ("iou", d["spans"]["iou"], 0.5)]'
	run agreement s --json --iou 0.3
	check "spans: --iou moves the lenient figures only" cmp_ref s '[
	    ("strict f1", d["spans"]["strict"]["f1"]["value"], ref["spans"]["strict"]["f1"]),
	    ("iou", d["spans"]["iou"], 0.3),
	    ("lenient f1 at 0.3 >= at 0.5", d["spans"]["lenient"]["f1"]["value"] >= ref["spans"]["lenient"]["f1"], True)]'

	# The shapes: every figure an object with its value, tasks, pairs.
	run agreement c --json --metric cohen
	check "--metric cohen: only Cohen's kappa" cmp_ref c '[
	    ("keys", sorted(k for k in d if k not in ("control", "kind", "tasks", "shared_tasks", "annotators")), ["cohen"])]'
	run agreement s --json --by-user
	check "spans --json shape" cmp_ref s '[
	    ("top", sorted(d), sorted(["control", "kind", "tasks", "shared_tasks", "annotators", "spans", "alpha", "pairs", "users"])),
	    ("figure", sorted(d["spans"]["strict"]["f1"]), ["pairs", "tasks", "value"]),
	    ("pair", sorted(d["pairs"][0]), ["lenient", "other", "reference", "strict"]),
	    ("reference is the earlier user", d["pairs"][0]["reference"], "ann"),
	    ("user", sorted(d["users"][0]), ["lenient", "pairs", "strict", "user"])]'
	run agreement s
	check "spans as text: the figures and every pair" sh -c "grep -q '^F1 ' '$T/out' && grep -q '^ann  *bob ' '$T/out' && grep -q 'over 262 tokens' '$T/out'"
	run agreement c --by-user
	check "choice as text: the matrix and each person" sh -c "grep -q '^Cohen.s kappa\$' '$T/out' && grep -q '^dan ' '$T/out' && grep -q '^Each annotator' '$T/out'"
fi

# Undefined figures are said in words, never NaN: one annotator per
# task, and everyone giving the same label.
run project create u --type text-classification --labels pos,neg
cat >"$T/u.jsonl" <<'EOF'
{"text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}]}
{"text": "two", "annotations": [{"user": "bob", "result": {"label": ["neg"]}}]}
{"text": "three", "annotations": [{"user": "ann", "result": {"label": ["pos"]}, "state": "draft"}, {"user": "cat", "result": {"label": ["pos"]}}]}
EOF
run import u "$T/u.jsonl"
run agreement u
check "one annotator per task: runs" rc_is 0
check "one annotator per task: said in words" out_has "undefined: no task has two annotators"
check "no NaN" sh -c "! grep -qi nan '$T/out'"
check "no task has two (the draft does not count)" out_has "3 tasks with answers, 0 with two or more; 3 annotators"
run agreement u --json
check "undefined in JSON: null and why" sh -c "$PY -c 'import json,sys; d=json.load(open(sys.argv[1]))[\"controls\"][0]; assert d[\"alpha\"][\"value\"] is None and d[\"alpha\"][\"undefined\"] == \"no task has two annotators\"' '$T/out'"
run project create o --type text-classification --labels pos,neg
cat >"$T/o.jsonl" <<'EOF'
{"text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
{"text": "two", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
EOF
run import o "$T/o.jsonl"
run agreement o
check "one category: percent 1" sh -c "grep -q '^percent agreement  *1.000 ' '$T/out'"
check "one category: kappa undefined in words" out_has "ann and bob: undefined: both gave one and the same label to every task"
check "one category: alpha undefined in words" out_has "undefined: every value is the same"

# A gold task is out of the figures: its answers are scored against the
# known one, not compared (store/quality.c's NOT_GOLD_SQL). The same two
# people disagreeing on a gold task leave percent agreement at 1.
run project create g --type text-classification --labels pos,neg
cat >"$T/g.jsonl" <<'EOF'
{"text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["pos"]}}]}
{"text": "two", "annotations": [{"user": "ann", "result": {"label": ["neg"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
{"text": "gold", "gold": {"label": ["pos"]}, "annotations": [{"user": "ann", "result": {"label": ["pos"]}}, {"user": "bob", "result": {"label": ["neg"]}}]}
EOF
run import g "$T/g.jsonl"
check "gold: imported" rc_is 0
run agreement g
check "gold: left out, percent 1" sh -c "grep -q '^percent agreement  *1.000 ' '$T/out'"
check "gold: two tasks counted" out_has "2 tasks with answers"

# A reviewer may; an annotator may not.
run --as rev agreement o
check "a reviewer reads it" rc_is 0

# Refusals: each fails, says what is wrong, changes nothing.
expect_unchanged "an unknown control" agreement o --control lable
check "an unknown control: the nearest name" err_has "project o has no control 'lable' (did you mean 'label'?)"
expect_unchanged "a control far from any" agreement o --control zzzzzz
check "a control far from any: the controls there" err_has "(it has label)"
run project create t --type custom --config "$T/rating.yaml"
expect_unchanged "a control with no figure" agreement t --control notes
check "a control with no figure: says why" err_has "control 'notes' is text: no agreement figure is defined for it"
expect_unchanged "no annotations" agreement t
check "no annotations: says so" err_has "project t has no annotations in force: nothing to compare"
cat >"$T/d.jsonl" <<'EOF'
{"text": "one", "annotations": [{"user": "ann", "result": {"label": ["pos"]}, "state": "draft"}, {"user": "bob", "result": {"label": ["neg"]}, "state": "skipped"}, {"user": "cat", "result": {"label": ["neg"]}, "state": "rejected", "removed": true}]}
EOF
run project create d --type text-classification --labels pos,neg
run import d "$T/d.jsonl"
check "drafts, a skip and a removed rejection" rc_is 0
expect_unchanged "only answers not in force" agreement d --control label
check "only answers not in force: none" err_has "project d has no annotations in force for control label"
expect_unchanged "an annotator" --as ann agreement o
check "an annotator: permission denied" err_has "permission denied: ann may not review"
expect_unchanged "no such project" agreement nope
expect_usage "an unknown metric" agreement o --metric kappa
check "an unknown metric: the metrics" err_has "percent, cohen, fleiss, alpha or f1"
expect_usage "a metric of another kind" agreement o --control label --metric f1
check "a metric of another kind: which it has" err_has "choice controls have no such figure (percent, cohen, fleiss, alpha)"
expect_usage "an IoU out of range" agreement o --iou 0
expect_usage "an IoU that is no number" agreement o --iou half
done_testing
