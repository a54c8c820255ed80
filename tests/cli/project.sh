#!/bin/bash
# scalec project: create (every preset, a custom config, stdin), list, show,
# edit (retiring used labels and controls), delete; --json; and every bad
# input with its message, its exit code and the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"

# expect_unchanged_rc RC NAME ARGS...: like expect_unchanged, for exit RC.
expect_unchanged_rc() {
	_want=$1; shift
	_name=$1; shift
	_before=$(db_dump)
	run "$@"
	_after=$(db_dump)
	check "$_name: exit $_want" rc_is "$_want"
	if [ "$_before" = "$_after" ]; then
		ok "$_name: database unchanged"
	else
		not_ok "$_name: database unchanged"
	fi
}

# Adds a task with one annotation by the first user, straight into the
# database (import is another command's business).
annotate() {
	sqlite3 "$SCALEC_DB" "INSERT INTO task (project_id, kind, text,
	    created_at) VALUES ((SELECT id FROM project WHERE name = '$1'),
	    'text', 'some text', '2026-01-01T00:00:00Z');
	    INSERT INTO annotation (task_id, user_id, state, result, created_at,
	    updated_at) VALUES (last_insert_rowid(), 1, '$2', '$3',
	    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
}

config_of() {
	sqlite3 "$SCALEC_DB" "SELECT config FROM project WHERE name = '$1'"
}

# config_after PROJECT LINE N TEXT: TEXT is within N lines after LINE in
# the project's stored config.
config_after() {
	config_of "$1" | grep -A"$3" -x -F -- "$2" | grep -q -F -- "$4"
}

run init
check "init" rc_is 0

run help project
check "help project" rc_is 0
check "help project shows the usage" out_has "usage: scalec project create"
run project create --help
check "project create --help" rc_is 0
check "create --help lists --labels" out_has "--labels A,B,C"
run project
check "project without a subcommand" rc_is 2
run project frob
check "unknown subcommand" rc_is 2
check "unknown subcommand named" err_has "'frob' is not a project subcommand"

# --- create: every preset ---
run project create news --type ner --labels PER,ORG,LOC \
    --description "News NER"
check "create ner" rc_is 0
check "create says so" out_has "Created project news (ner)"
check "ner preset: a spans control named entities" \
    grep -q "name: entities" <(config_of news)
check "ner preset: PER takes 1" grep -q "{name: PER, key: 1}" \
    <(config_of news)

run project create reviews --type sentiment
check "create sentiment without labels" rc_is 0
check "sentiment's own labels" \
    grep -q "{name: negative, key: 3}" <(config_of reviews)

run project create moods --type sentiment --labels happy,sad --json
check "sentiment with --labels" rc_is 0
check "--labels replace sentiment's" out_has '"name": "happy"'
check "create --json is an object" out_has '"name": "moods"'
check "create --json snake_case" out_has '"progress_percent": 0'

run project create topics --type text-classification --labels a,b --multi
check "create --multi" rc_is 0
check "--multi: multichoice labels" \
    grep -q "kind: multichoice" <(config_of topics)
check "--multi: control named labels" \
    grep -q "name: labels" <(config_of topics)

run project create pets --type image-classification --labels cat,dog
check "image-classification" rc_is 0
check "classification: choice control named label" \
    grep -q "name: label$" <(config_of pets)
run project create cars --type object-detection --labels car,person
check "object-detection" rc_is 0
check "object-detection: boxes" grep -q "kind: boxes" <(config_of cars)
run project create roads --type semantic-segmentation --labels road,sky
check "semantic-segmentation" rc_is 0
check "segmentation: polygons named regions" \
    grep -q "name: regions" <(config_of roads)

cat >"$T/custom.yaml" <<'EOF'
type: custom
instructions: |
  Rate it, then comment.
overlap: 2
controls:
  - name: quality
    kind: rating
  - name: comment
    kind: text
  - name: flags
    kind: multichoice
    labels: [spam, {name: rude, key: r, colour: red}]
EOF
run project create qa --type custom --config "$T/custom.yaml"
check "create custom from a config" rc_is 0
run project show qa --json
check "config's instructions are the project's" \
    out_has '"instructions": "Rate it, then comment.\n"'
check "config's overlap is the project's" out_has '"overlap": 2'
check "show lists the rating control" out_has '"kind": "rating"'

printf 'Be careful.\n' >"$T/ins.txt"
run_in "$T/custom.yaml" project create qa2 --config - --overlap 3 \
    --instructions "$T/ins.txt"
check "config from stdin, type from the config" rc_is 0
run project show qa2 --json
check "--instructions FILE wins" out_has '"instructions": "Be careful.\n"'
check "--overlap wins" out_has '"overlap": 3'
check "custom type taken from the config" out_has '"type": "custom"'

# Instructions and a config saved by a Windows editor: a byte-order mark
# and CRLF line ends.
printf '\357\273\277Be careful.\r\nRead twice.\r\n' >"$T/ins-win.txt"
printf '\357\273\277controls:\r\n- name: c\r\n  kind: choice\r\n  labels: [a, b]\r\n' \
    >"$T/win.yaml"
run project create win --type custom --config "$T/win.yaml" \
    --instructions "$T/ins-win.txt"
check "a config with a BOM and CRLF reads" rc_is 0
run project show win --json
check "instructions lose the BOM and the CRs" \
    out_has '"instructions": "Be careful.\nRead twice.\n"'

# Every example in scalec-config(5) is a config that reads.
awk '/^\.nf/ { f = 1; n++; next } /^\.fi/ { f = 0; next }
    f { print > (dir "/ex" n ".yaml") }' dir="$T" \
    "$SRCDIR/man/scalec-config.5"
nex=0
for f in "$T"/ex*.yaml; do
	grep -q '^controls:' "$f" || continue
	sed -i 's/\\-/-/g' "$f"
	nex=$((nex + 1))
	run project create "example$nex" --config "$f"
	check "scalec-config(5) example $nex reads" rc_is 0
done
check "the man page has six examples" test "$nex" -eq 6

# --- list and show ---
annotate news submitted '{"entities": [{"start": 0, "end": 4, "label": "PER"}]}'
annotate news draft '{"entities": [{"start": 0, "end": 4, "label": "LOC"}]}'
annotate news skipped '{}'
sqlite3 "$SCALEC_DB" "UPDATE task SET submitted = 1 WHERE id = 1;
    UPDATE project SET task_count = 3, done_count = 1 WHERE name = 'news'"

run project list
check "list" rc_is 0
check "list has a header" out_has "NAME"
check "list shows progress" grep -q "^news *ner *3 *1 *33%" "$T/out"
run project list --json
check "list --json" rc_is 0
check "list --json is an array" test "$(head -c1 "$T/out")" = "["
check "list --json has progress" out_has '"progress_percent": 33,'

run project show news
check "show" rc_is 0
check "show counts annotations by state" \
    out_has "3 (1 draft, 1 submitted, 1 skipped, 0 accepted, 0 rejected, 0 fixed)"
check "show lists the labels" grep -q "^entities *spans *LOC *3" "$T/out"
check "show has the description" out_has "News NER"
run project show news --json
check "show --json" rc_is 0
check "show --json annotations" out_has '"draft": 1'
check "show --json tasks" out_has '"tasks": 3'
check "show --json created_by" out_has "\"created_by\": \"$(id -un)\""

# --- bad input to create: a message, an exit code, nothing changed ---
expect_unchanged_rc 2 "unknown type" project create x --type speech \
    --labels a
check "unknown type named with the types" \
    err_has "unknown project type 'speech' (one of image-classification"
expect_unchanged "duplicate name" project create news --type ner --labels A
check "duplicate name says so" err_has "a project named 'news' already exists"
for bad in News -x "a b" "x/y" "" \
    "$(printf 'a%.0s' $(seq 65))"; do
	expect_unchanged "bad slug '$bad'" project create --type ner \
	    --labels A -- "$bad"
	check "bad slug '$bad' explained" err_has "is not a project name"
done
printf 'controls:\n  - name: x\n    kind: span\n    labels: [A]\n' \
    >"$T/bad.yaml"
expect_unchanged "bad config" project create c --type custom \
    --config "$T/bad.yaml"
check "bad config has FILE:LINE:COLUMN" \
    err_has "bad.yaml:3:11: unknown kind \"span\""
printf 'controls: [\n' >"$T/broken.yaml"
expect_unchanged "broken YAML" project create c --type custom \
    --config "$T/broken.yaml"
check "broken YAML has its position" err_has "broken.yaml:2:1: "
expect_unchanged "missing config file" project create c --type custom \
    --config "$T/nope.yaml"
check "missing config named" err_has "nope.yaml: No such file or directory"
cat >"$T/reserved.yaml" <<'EOF'
type: ner
controls:
  - name: entities
    kind: spans
    labels:
      - PER
      - {name: LOC, key: q}
EOF
expect_unchanged "reserved key" project create c --config "$T/reserved.yaml"
check "reserved key names the label and the use" err_has \
    'reserved.yaml:7:26: label "LOC" takes key "q", which the screens reserve for "quit; the draft is saved"'
expect_unchanged_rc 2 "--labels with custom" project create c --type custom \
    --labels A,B
check "--labels with custom explained" err_has "takes its controls from --config FILE, not --labels"
expect_unchanged_rc 2 "custom without a config" project create c \
    --type custom
expect_unchanged_rc 2 "ner without labels" project create c --type ner
check "ner without labels explained" err_has "needs --labels A,B,C or --config FILE"
expect_unchanged_rc 2 "--labels and --config" project create c --type ner \
    --labels A --config "$T/custom.yaml"
expect_unchanged_rc 2 "--multi on ner" project create c --type ner \
    --labels A --multi
expect_unchanged_rc 2 "unknown option" project create c --type ner \
    --labels A --colour red
check "unknown option named" err_has "unknown option '--colour'"
expect_unchanged_rc 2 "overlap 0" project create c --type ner --labels A \
    --overlap 0
check "overlap 0 explained" err_has "--overlap: '0' is not a number from 1"
expect_unchanged_rc 2 "no type" project create c --labels A
expect_unchanged "config for another type" project create c --type ner \
    --config "$T/custom.yaml"
check "type mismatch explained" err_has "the config is for a custom project, not ner"
expect_unchanged "duplicate --labels" project create c --type ner \
    --labels A,B,A
check "duplicate label named" err_has '"A" is given twice'
expect_unchanged "missing instructions file" project create c --type ner \
    --labels A --instructions "$T/nope.txt"
printf 'a\0b' >"$T/nul.txt"
expect_unchanged "instructions with a NUL" project create c --type ner \
    --labels A --instructions "$T/nul.txt"
check "NUL in instructions explained, where it is" err_has "nul.txt:1:2: a NUL byte"
expect_unchanged "show unknown project" project show nothing
check "unknown project named" err_has "no project 'nothing'"

# --- edit ---
run project edit news --description "Entities in news" --overlap 2
check "edit description and overlap" rc_is 0
run project show news --json
check "edit changed the description" out_has '"description": "Entities in news"'
check "edit changed the overlap column" out_has '"overlap": 2'
check "edit keeps the config's overlap in step" \
    grep -q "^overlap: 2" <(config_of news)

run project edit news --instructions "$T/ins.txt"
check "edit instructions" rc_is 0
check "instructions in the config too" \
    config_after news "instructions: |" 1 "  Be careful."

expect_unchanged_rc 2 "edit with nothing to change" project edit news
expect_unchanged "edit unknown project" project edit nothing --overlap 2

# PER is used by a submitted annotation, LOC by a draft; ORG by none.
expect_unchanged "edit dropping used labels without --force" \
    project edit news --labels ORG,MISC
check "refusal names PER and its count" err_has \
    'label "PER" of control "entities" is used by 1 annotation: it would be retired'
check "refusal names LOC too (drafts count)" err_has 'label "LOC"'
check "refusal says --force" err_has "give --force"

run project edit news --labels ORG,MISC --force
check "edit with --force" rc_is 0
check "--force says what it retired" out_has "Retired label PER of control entities: 1 annotation keeps it."
check "PER retired, kept" grep -q "{name: PER, retired: true}" \
    <(config_of news)
check "ORG keeps its key 2 (stable keys)" grep -q "{name: ORG, key: 2}" \
    <(config_of news)
check "the new MISC takes the free 1" grep -q "{name: MISC, key: 1}" \
    <(config_of news)
check "an unused label is deleted" test "$(config_of news | grep -c GPE)" = 0
check "the annotation is untouched" test "$(sqlite3 "$SCALEC_DB" \
    "SELECT count(*) FROM annotation WHERE result LIKE '%PER%'")" = 1
run project show news
check "show marks PER retired" grep -q "^entities *spans *PER .*retired" \
    "$T/out"

# A retired label that is still used stays retired without --force.
run project edit news --labels ORG,MISC,GPE
check "edit again keeps retired labels without --force" rc_is 0
check "PER still retired" grep -q "{name: PER, retired: true}" \
    <(config_of news)

# Bringing a retired label back.
run project edit news --labels ORG,PER --force
check "a retired label can come back" rc_is 0
check "PER back in the palette, on the free 1" grep -q \
    "{name: PER, key: 1}" <(config_of news)
check "ORG still on 2" grep -q "{name: ORG, key: 2}" <(config_of news)

# Stable keys: retiring a label moves no other label's key; a key the
# edit writes moves it.
run project create tox --type text-classification \
    --labels clean,rude,offensive,other
annotate tox submitted '{"label": ["offensive"]}'
run project edit tox --labels clean,rude,other --force
check "retiring offensive" rc_is 0
check "other keeps key 4" grep -q "{name: other, key: 4}" <(config_of tox)
check "clean and rude keep 1 and 2" grep -q "{name: rude, key: 2}" \
    <(config_of tox)
run project show tox
check "show lists other on 4" grep -q "^label *choice *other *4 " "$T/out"
run project edit tox --labels clean,rude,other,spam
check "a new label takes the freed 3" grep -q "{name: spam, key: 3}" \
    <(config_of tox)
check "other still on 4" grep -q "{name: other, key: 4}" <(config_of tox)
cat >"$T/tox.yaml" <<'EOF'
controls:
  - name: label
    kind: choice
    labels:
      - clean
      - rude
      - {name: other, key: 3}
      - spam
      - {name: offensive, retired: true}
EOF
run project edit tox --config "$T/tox.yaml"
check "an edit that writes a key" rc_is 0
check "other moves to the key written" grep -q "{name: other, key: 3}" \
    <(config_of tox)
check "spam, whose 3 it took, takes the first free digit" grep -q \
    "{name: spam, key: 4}" <(config_of tox)

# Controls: removing a used one, changing a used one's kind.
annotate qa submitted '{"quality": 4, "flags": ["rude"]}'
cat >"$T/qa2.yaml" <<'EOF'
controls:
  - name: comment
    kind: text
  - name: flags
    kind: choice
    labels: [spam, rude]
EOF
expect_unchanged "edit changing a used control's kind" \
    project edit qa --config "$T/qa2.yaml" --force
check "kind change refused naming the control" err_has \
    'control "flags" would change kind from multichoice to choice, but 1 annotation use it'
cat >"$T/qa3.yaml" <<'EOF'
controls:
  - name: flags
    kind: multichoice
    labels: [spam, rude]
EOF
expect_unchanged "edit removing a used control without --force" \
    project edit qa --config "$T/qa3.yaml"
check "removed control named" err_has 'control "quality" is used by 1 annotation'
run project edit qa --config "$T/qa3.yaml" --force --json
check "edit removing a used control with --force" rc_is 0
check "--json lists what was retired" out_has '"control": "quality"'
check "quality kept, retired" \
    config_after qa "- name: quality" 3 "retired: true"
check "unused comment control deleted" \
    test "$(config_of qa | grep -c "name: comment")" = 0
check "config's instructions kept" grep -q "Rate it" <(config_of qa)

expect_unchanged_rc 2 "edit --labels on custom" project edit qa --labels a,b
expect_unchanged "edit with a bad config" project edit qa \
    --config "$T/bad.yaml"
check "edit bad config has its position" err_has "bad.yaml:3:11:"
expect_unchanged "edit with a reserved key" project edit news \
    --config "$T/reserved.yaml"
expect_unchanged "rename onto another" project edit news --name reviews
check "rename clash explained" err_has "a project named 'reviews' already exists"
expect_unchanged "rename to a bad slug" project edit news --name "Bad Name"
expect_unchanged_rc 2 "edit overlap 0" project edit news --overlap 0

run project edit news --name world-news
check "rename" rc_is 0
run project show news
check "old name gone" rc_is 1
run project show world-news
check "new name there" rc_is 0

# --- permissions: an annotator may look, not change ---
run user add bob --role annotator
check "add an annotator" rc_is 0
run --as bob project list
check "an annotator may list" rc_is 0
run --as bob project show world-news
check "an annotator may show" rc_is 0
expect_unchanged "annotator create" --as bob project create c --type ner \
    --labels A
check "annotator create refused" err_has "permission denied"
expect_unchanged "annotator edit" --as bob project edit world-news \
    --overlap 3
expect_unchanged "annotator delete" --as bob project delete world-news --yes

# --- delete ---
expect_unchanged "delete without --yes off a terminal" \
    project delete world-news
check "delete says what would be lost" \
    err_has "deleting project world-news loses 3 tasks, 3 annotations"
check "delete says --yes" err_has "give --yes"
expect_unchanged "delete unknown project" project delete nothing --yes

run project delete world-news --yes --json
check "delete --yes" rc_is 0
check "delete --json" out_has '"annotations": 3'
check "tasks went with it" test "$(sqlite3 "$SCALEC_DB" \
    "SELECT count(*) FROM task WHERE project_id NOT IN
    (SELECT id FROM project)")" = 0
run project delete reviews --yes
check "delete plain" rc_is 0
check "delete says what went" out_has "Deleted project reviews (0 tasks, 0 annotations)."
check "audit records the delete" test "$(sqlite3 "$SCALEC_DB" \
    "SELECT count(*) FROM audit WHERE action = 'project.delete'")" = 2

done_testing
