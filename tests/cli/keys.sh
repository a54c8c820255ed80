#!/bin/bash
# Keys a person and a project choose (keys: in config.yaml and in a label
# config): the labeler and its help follow them, the project's map wins
# for a request both name, and a map that cannot be used is refused at
# FILE:LINE:COLUMN before anything changes.
. "$SRCDIR/tests/cli/lib.sh"

keys() {
	_p=$1; _k=$2; shift 2
	printf '%s\n' "$_k" > "$T/keys"
	run annotate "$_p" --keys "$T/keys" "$@"
}

run init
run project create news --type ner --labels PER,LOC
printf 'Barack Obama visited Paris .\nAda Lovelace wrote notes .\n' > "$T/news.txt"
run import news "$T/news.txt" --format txt
CY=$HOME/.config/scalec/config.yaml
mkdir -p "$(dirname "$CY")"

# A person's keys.
cat > "$CY" <<'EOF'
keys:
  skip: S
  next_token: Delete
EOF
keys news '?'
check "person: the help shows S for skip" out_has "  S                skip this task"
check "person: and Delete for the next token" out_has "  Delete, Right    next token"
keys news 's q' --json
check "person: s no longer skips" out_has '"skipped": 0'
keys news 'S q' --json
check "person: S skips" out_has '"skipped": 1'
keys news 'Delete 1 q'
check "person: Delete moves to the second token, 1 labels it" out_has \
    '" is PER: x deletes it'
check "person: the second token" grep -qE '"(Obama|Lovelace)" is PER' "$T/out"

# A project's keys win over the person's for the same request.
cat > "$T/proj.yaml" <<'EOF'
type: ner
keys:
  skip: Z
controls:
  - {name: entities, kind: spans, labels: [PER, LOC]}
EOF
run project create own --config "$T/proj.yaml"
check "project: created with its keys" rc_is 0
check "project: the keys are kept in its config" grep -q "skip: Z" \
    <(sqlite3 "$SCALEC_DB" "SELECT config FROM project WHERE name = 'own'")
run import own "$T/news.txt" --format txt
keys own 'S q' --json
check "project: the person's S is not skip here" out_has '"skipped": 0'
keys own 'Z q' --json
check "project: its Z skips" out_has '"skipped": 1'
run project edit own --labels PER,LOC,ORG
check "project: an edit of the labels keeps the keys" grep -q "skip: Z" \
    <(sqlite3 "$SCALEC_DB" "SELECT config FROM project WHERE name = 'own'")

# Refusals: nothing changes, and the place is named.
cat > "$CY" <<'EOF'
keys:
  skip: u
EOF
printf 'Enter\n' > "$T/enter"
expect_unchanged "collision in config.yaml" annotate news --keys "$T/enter"
check "collision: at config.yaml's line and column" err_has \
    "$CY:2:9: keys: skip and undo would both take key \"u\" (by default); give one another key"
check "collision: says what to change" err_has "change keys: in $CY"
cat > "$CY" <<'EOF'
keys:
  skipp: S
EOF
expect_unchanged "unknown request in config.yaml" annotate news --keys "$T/enter"
check "unknown request: named at its place" err_has \
    "$CY:2:3: keys: no request is named \"skipp\""
# The review screen's keys clash among themselves and with every view's,
# not with the labeller's: a is a label elsewhere, q is quit everywhere.
cat > "$CY" <<'EOF'
keys:
  accept: q
EOF
expect_unchanged "a review key on quit" annotate news --keys "$T/enter"
check "a review key on quit: refused at its place" err_has \
    "$CY:2:11: keys: accept and quit would both take key \"q\" (by default)"
cat > "$CY" <<'EOF'
keys:
  reject: s
EOF
run annotate news --keys "$T/enter" --json
check "a review key on the labeller's skip: taken" rc_is 0
cat > "$CY" <<'EOF'
keys:
  undo: Z
EOF
expect_unchanged "the person's key on the project's" annotate own --keys "$T/enter"
check "person and project: at the person's, naming the project's" err_has \
    "$CY:2:9: keys: undo and skip would both take key \"Z\" (keys: at own:4:9)"
rm -f "$CY"
cat > "$T/bad.yaml" <<'EOF'
type: ner
keys:
  undo: s
controls:
  - {name: entities, kind: spans, labels: [PER]}
EOF
expect_unchanged "project create with clashing keys" project create bad \
    --config "$T/bad.yaml"
check "project create: the clash at its place" err_has \
    "$T/bad.yaml:3:9: keys: undo and skip would both take key \"s\" (by default)"
cat > "$T/bad2.yaml" <<'EOF'
type: ner
keys:
  skip: q
controls:
  - {name: entities, kind: spans, labels: [PER]}
EOF
expect_unchanged "project edit with clashing keys" project edit own \
    --config "$T/bad2.yaml"
check "project edit: the clash at its place" err_has \
    "$T/bad2.yaml:3:9: keys: skip and quit would both take key \"q\""
check "nothing was left behind" test ! -e "$CY"

done_testing
