#!/bin/bash
# The doccano and Prodigy formats, as a user moves data in and out:
# scalec -> doccano -> scalec and scalec -> prodigy -> scalec give the same
# tasks and results; files in each tool's documented shape import and
# export back equal up to key order and white space; doccano's UTF-16
# offsets converted (emoji, ZWJ sequences, CJK, combining marks, RTL,
# CRLF) and --offsets; every bad input refused at FILE:LINE with exit 1
# and the database unchanged; a native import refuses a doccano or Prodigy
# line, naming the format.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
"$SCALEC" project create ner --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" project create ner2 --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" project create cls --type text-classification \
    --labels pos,neg >/dev/null
"$SCALEC" project create cls2 --type text-classification \
    --labels pos,neg >/dev/null
"$SCALEC" user add alice --role annotator >/dev/null
"$SCALEC" user add bob --role annotator >/dev/null

# same_lines A B: the same JSON lines, up to key order, white space and
# the order of the lines.
same_lines() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
def load(p):
    return sorted(json.dumps(json.loads(l), sort_keys=True)
                  for l in open(p, encoding="utf-8") if l.strip())
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("# " + x + "\n# " + y)
    sys.exit(1)
EOF
}

# tasks_of FILE: a native export's tasks as what a round trip keeps (id,
# text, meta, each annotation's user, state and result), one a line.
tasks_of() {
	python3 - "$1" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    print(json.dumps([t.get("id"), t["text"], t["meta"],
        [[a["user"], a["state"], a["result"]] for a in t["annotations"]],
        [p["result"] for p in t["predictions"]]], sort_keys=True))
EOF
}

# Texts whose UTF-16 offsets are not their code points: an emoji, a ZWJ
# family, CJK, a combining acute, Hebrew with a right-to-left mark, CRLF.
cat >"$D/native.jsonl" <<'EOF'
{"id": "1", "text": "😀 Anna met 👩‍👩‍👧 in 東京", "meta": {"source": "web"}, "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 2, "end": 6, "label": "PER"}, {"start": 20, "end": 22, "label": "LOC"}]}}]}
{"id": "2", "text": "Cafe\u0301 Zoë by שלום\u200f ok", "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 0, "end": 5, "label": "ORG"}, {"start": 13, "end": 17, "label": "PER"}]}}]}
{"id": "3", "text": "line one\r\nBob 🏳️‍🌈 Köln\r\n", "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 10, "end": 13, "label": "PER"}, {"start": 19, "end": 23, "label": "LOC"}]}}]}
{"id": "4", "text": "nothing here", "meta": {"Comments": ["check"]}}
EOF
run import ner "$D/native.jsonl"
check "the native file imports" rc_is 0

# scalec -> doccano -> scalec
run export ner --format doccano -o "$D/ner.doccano.jsonl"
check "doccano export" rc_is 0
check "doccano offsets are UTF-16 units (the emoji counts two)" \
    grep -qF '"label": [[3, 7, "PER"], [24, 26, "LOC"]]' "$D/ner.doccano.jsonl"
check "a doccano id that was a string stays one" \
    grep -qF '{"id": "1", "text"' "$D/ner.doccano.jsonl"
check "meta is at the top level, as doccano writes it" \
    grep -qF '"label": [], "Comments": ["check"]' "$D/ner.doccano.jsonl"
run import ner2 "$D/ner.doccano.jsonl" --format doccano --annotator alice
check "doccano import (--annotator alice, whose labels they are)" rc_is 0
"$SCALEC" export ner >"$D/a.jsonl"
"$SCALEC" export ner2 >"$D/b.jsonl"
tasks_of "$D/a.jsonl" >"$D/a.tasks"
tasks_of "$D/b.jsonl" >"$D/b.tasks"
check "scalec -> doccano -> scalec: the same tasks and results" \
    cmp -s "$D/a.tasks" "$D/b.tasks"
check "the results compared are there" grep -qF '"start": 20' "$D/b.tasks"

# doccano's own shapes -> scalec -> doccano
cat >"$D/seq.jsonl" <<'EOF'
{"id": 10, "text": "😀 Anna in 東京", "label": [[3, 7, "PER"], [11, 13, "LOC"]], "Comments": [], "split": "train"}
{"id": 11, "text": "Bob 👩‍👩‍👧", "label": [[0, 3, "PER"]], "Comments": ["a note"]}
{"id": 12, "text": "empty", "label": []}
EOF
"$SCALEC" project create seq --type ner --labels PER,ORG,LOC >/dev/null
run import seq "$D/seq.jsonl" --format doccano
check "doccano sequence labelling imports" rc_is 0
run export seq --format doccano -o "$D/seq.back.jsonl"
check "doccano sequence labelling -> scalec -> doccano: equal" \
    same_lines "$D/seq.jsonl" "$D/seq.back.jsonl"
cat >"$D/rel.jsonl" <<'EOF'
{"id": 20, "text": "Anna 😀 lives in Köln", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 4}, {"id": 2, "label": "LOC", "start_offset": 17, "end_offset": 21}], "relations": [], "Comments": []}
EOF
"$SCALEC" project create rel --type ner --labels PER,ORG,LOC >/dev/null
run import rel "$D/rel.jsonl" --format doccano
check "doccano's relation variant (no relations) imports" rc_is 0
run export rel --format doccano -o "$D/rel.back.jsonl"
check "doccano entities -> scalec -> doccano: equal" \
    same_lines "$D/rel.jsonl" "$D/rel.back.jsonl"
cat >"$D/classes.jsonl" <<'EOF'
{"id": 30, "text": "Great movie 🎬", "label": ["pos"], "Comments": []}
{"id": 31, "text": "Dull", "label": ["neg"], "Comments": []}
EOF
run import cls "$D/classes.jsonl" --format doccano
check "doccano classification imports" rc_is 0
run export cls --format doccano -o "$D/classes.back.jsonl"
check "doccano classification -> scalec -> doccano: equal" \
    same_lines "$D/classes.jsonl" "$D/classes.back.jsonl"

# --offsets: a file whose offsets are code points
"$SCALEC" project create cp --type ner --labels PER >/dev/null
printf '%s\n' '{"text": "😀 Anna", "label": [[2, 6, "PER"]]}' >"$D/cp.jsonl"
run import cp "$D/cp.jsonl" --format doccano --offsets codepoint
check "--offsets codepoint" rc_is 0
run export cp
check "code points kept as they are" out_has '"start": 2, "end": 6'
# (--offsets grapheme: tests/cli/grapheme.sh)

# A doccano export holds one person's labels a line.
"$SCALEC" project create two --type ner --labels PER >/dev/null
cat >"$D/two.jsonl" <<'EOF'
{"text": "Anna", "annotations": [{"user": "alice", "result": {"entities": [{"start": 0, "end": 4, "label": "PER"}]}}, {"user": "bob", "result": {"entities": []}}]}
EOF
"$SCALEC" import two "$D/two.jsonl" >/dev/null
run export two --format doccano -o "$D/two.doccano"
check "two people's labels on a task: refused" rc_is 1
check "it says to export each with --user" err_has "export each with --user USER"
check "and writes nothing" test ! -e "$D/two.doccano"
run export two --format doccano --user alice
check "--user alice gives her labels" out_is '{"text": "Anna", "label": [[0, 4, "PER"]]}'

# scalec -> prodigy -> scalec (spans, a skipped task, a choice)
cat >"$D/pnative.jsonl" <<'EOF'
{"text": "😀 Anna met 👩‍👩‍👧 in 東京", "meta": {"source": "web"}, "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": [{"start": 2, "end": 6, "label": "PER"}, {"start": 20, "end": 22, "label": "LOC"}]}, "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z"}]}
{"text": "Cafe\u0301 by שלום\u200f\r\nok", "annotations": [{"user": "bob", "state": "skipped", "result": {"entities": []}, "updated_at": "2026-01-02T03:04:06Z"}]}
{"text": "Bob", "predictions": [{"model": "prodigy", "result": {"entities": [{"start": 0, "end": 3, "label": "PER"}]}}]}
EOF
"$SCALEC" project create pn --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" project create pn2 --type ner --labels PER,ORG,LOC >/dev/null
run import pn "$D/pnative.jsonl"
check "the native file for Prodigy imports" rc_is 0
run export pn --format prodigy -o "$D/pn.prodigy.jsonl"
check "prodigy export" rc_is 0
check "Prodigy offsets are code points" \
    grep -qF '"spans": [{"start": 2, "end": 6, "label": "PER"}' "$D/pn.prodigy.jsonl"
check "a skipped annotation is an ignore" \
    grep -qF '"answer": "ignore", "_annotator_id": "bob"' "$D/pn.prodigy.jsonl"
run import pn2 "$D/pn.prodigy.jsonl" --format prodigy
check "prodigy import" rc_is 0
"$SCALEC" export pn >"$D/a.jsonl"
"$SCALEC" export pn2 >"$D/b.jsonl"
tasks_of "$D/a.jsonl" >"$D/a.tasks"
tasks_of "$D/b.jsonl" >"$D/b.tasks"
diff "$D/a.tasks" "$D/b.tasks" | sed "s/^/# /"
check "scalec -> prodigy -> scalec: the same tasks and results" \
    cmp -s "$D/a.tasks" "$D/b.tasks"
check "the annotations' times come back" \
    grep -qF '"updated_at": "2026-01-02T03:04:05Z"' "$D/b.jsonl"

# Prodigy's own shapes -> scalec -> prodigy: ner_manual with tokens (one
# rejected), a binary textcat question, a choice interface.
cat >"$D/ner_manual.jsonl" <<'EOF'
{"text": "Anna 😀 lives in Köln", "meta": {"source": "news"}, "_input_hash": 1486521342, "_task_hash": -1392751832, "tokens": [{"text": "Anna", "start": 0, "end": 4, "id": 0, "ws": true}, {"text": "😀", "start": 5, "end": 6, "id": 1, "ws": true}, {"text": "lives", "start": 7, "end": 12, "id": 2, "ws": true}, {"text": "in", "start": 13, "end": 15, "id": 3, "ws": true}, {"text": "Köln", "start": 16, "end": 20, "id": 4, "ws": false}], "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "PER"}, {"start": 16, "end": 20, "token_start": 4, "token_end": 4, "label": "LOC"}], "_view_id": "ner_manual", "answer": "accept", "_timestamp": 1700000000, "_annotator_id": "alice", "_session_id": "news-alice"}
{"text": "Bob and Acme Corp", "_input_hash": 22, "_task_hash": 33, "tokens": [{"text": "Bob", "start": 0, "end": 3, "id": 0}, {"text": "and", "start": 4, "end": 7, "id": 1}, {"text": "Acme", "start": 8, "end": 12, "id": 2}, {"text": "Corp", "start": 13, "end": 17, "id": 3}], "spans": [{"start": 8, "end": 17, "token_start": 2, "token_end": 3, "label": "ORG"}], "_view_id": "ner_manual", "answer": "reject", "_timestamp": 1700000100, "_annotator_id": "bob", "_session_id": "news-bob"}
EOF
"$SCALEC" project create pm --type ner --labels PER,ORG,LOC >/dev/null
run import pm "$D/ner_manual.jsonl" --format prodigy
check "Prodigy ner_manual imports" rc_is 0
run export pm
check "a reject is the annotator's answer, submitted, kept beside it" \
    out_has '"answer": "reject"'
check "not a reviewer's verdict" out_has '"user": "bob", "state": "submitted"'
run export pm --format prodigy -o "$D/ner_manual.back.jsonl"
check "Prodigy ner_manual -> scalec -> prodigy: equal" \
    same_lines "$D/ner_manual.jsonl" "$D/ner_manual.back.jsonl"
cat >"$D/textcat.jsonl" <<'EOF'
{"text": "Loved it", "label": "pos", "meta": {"score": 0.61}, "_input_hash": 5, "_task_hash": 6, "_view_id": "classification", "answer": "accept", "_timestamp": 1700000200, "_annotator_id": "alice", "_session_id": "cls-alice"}
{"text": "Not bad", "label": "neg", "_input_hash": 7, "_task_hash": 8, "_view_id": "classification", "answer": "reject", "_timestamp": 1700000300, "_annotator_id": "alice", "_session_id": "cls-alice"}
{"text": "Which?", "options": [{"id": "pos", "text": "Positive"}, {"id": "neg", "text": "Negative"}], "_view_id": "choice", "accept": ["neg"], "answer": "accept", "_timestamp": 1700000400, "_annotator_id": "bob", "_session_id": "cls-bob"}
{"text": "Skipped one", "label": "pos", "_view_id": "classification", "answer": "ignore", "_timestamp": 1700000500, "_annotator_id": "bob", "_session_id": "cls-bob"}
EOF
run import cls2 "$D/textcat.jsonl" --format prodigy
check "Prodigy classification and choice import" rc_is 0
run export cls2
check "ignore is skipped" out_has '"user": "bob", "state": "skipped"'
run export cls2 --format prodigy -o "$D/textcat.back.jsonl"
check "Prodigy classification -> scalec -> prodigy: equal" \
    same_lines "$D/textcat.jsonl" "$D/textcat.back.jsonl"

# A question two people answered is two lines of db-out, one task here.
cat >"$D/two.prodigy.jsonl" <<'EOF'
{"text": "Anna 😀 Bob", "_input_hash": 9, "_task_hash": 10, "_view_id": "ner_manual", "spans": [{"start": 0, "end": 4, "label": "PER"}], "answer": "accept", "_timestamp": 1700000600, "_annotator_id": "alice", "_session_id": "news-alice"}
{"text": "Anna 😀 Bob", "_input_hash": 9, "_task_hash": 10, "_view_id": "ner_manual", "spans": [{"start": 0, "end": 4, "label": "PER"}, {"start": 7, "end": 10, "label": "PER"}], "answer": "reject", "_timestamp": 1700000700, "_annotator_id": "bob", "_session_id": "news-bob"}
{"text": "Anna 😀 Bob", "_input_hash": 9, "_task_hash": 10, "_view_id": "ner_manual", "spans": [], "answer": "accept", "_timestamp": 1700000800, "_annotator_id": "alice", "_session_id": "news-alice"}
{"text": "Other", "_input_hash": 11, "_task_hash": 12, "_view_id": "ner_manual", "spans": [], "answer": "ignore", "_timestamp": 1700000900, "_annotator_id": "bob", "_session_id": "news-bob"}
EOF
"$SCALEC" project create two2 --type ner --labels PER,ORG,LOC >/dev/null
run import two2 "$D/two.prodigy.jsonl" --format prodigy
check "two people's answers to one question: one task, two annotations" \
    out_is "Added 3 tasks to two2: 0 updated, 0 skipped; 0 predictions, 4 annotations."
run export two2
check "alice and bob on the first task" \
    out_has '"user": "bob", "state": "submitted", "result": {"entities": [{"start": 0, "end": 4, "label": "PER"}, {"start": 7, "end": 10, "label": "PER"}]}'
run export two2 --format prodigy -o "$D/two.prodigy.back.jsonl"
check "Prodigy db-out with two annotators -> scalec -> prodigy: equal" \
    same_lines "$D/two.prodigy.jsonl" "$D/two.prodigy.back.jsonl"
"$SCALEC" project create two3 --type ner --labels PER,ORG,LOC >/dev/null
run import two3 "$D/two.jsonl"
run export two3 --format prodigy -o "$D/two3.prodigy.jsonl"
"$SCALEC" project create two4 --type ner --labels PER,ORG,LOC >/dev/null
run import two4 "$D/two3.prodigy.jsonl" --format prodigy
"$SCALEC" export two3 >"$D/a.jsonl"
"$SCALEC" export two4 >"$D/b.jsonl"
tasks_of "$D/a.jsonl" >"$D/a.tasks"
tasks_of "$D/b.jsonl" >"$D/b.tasks"
check "scalec -> prodigy -> scalec with two annotators: the same task" \
    cmp -s "$D/a.tasks" "$D/b.tasks"
check "...with both annotations" grep -qF '"bob", "submitted"' "$D/b.tasks"

# Bad input: FILE:LINE, exit 1, nothing changed.
bad() {	# NAME FORMAT PROJECT LINE EXPECTED [OPTION...]
	_n1=$1 _f=$2 _p=$3 _l=$4 _e=$5
	shift 5
	printf '%s\n' '{"text": "fine", "label": []}' "$_l" >"$D/bad.jsonl"
	[ "$_f" = prodigy ] && printf '%s\n' '{"text": "fine"}' "$_l" >"$D/bad.jsonl"
	expect_unchanged "$_n1" import "$_p" "$D/bad.jsonl" --format "$_f" "$@"
	check "$_n1: says where and what" err_is "scalec: $D/bad.jsonl:2: $_e"
}
bad "a span inside a surrogate pair" doccano ner \
    '{"text": "a😀", "label": [[0, 2, "PER"]]}' \
    "label 1: end offset 2 is inside a character written as a UTF-16 surrogate pair (an emoji or another character above U+FFFF) (the text is 3 utf16 units long; doccano counts UTF-16 units, --offsets codepoint reads code points)"
bad "a span past the end" doccano ner \
    '{"text": "ab", "label": [[0, 3, "PER"]]}' \
    "label 1: end offset 3 is past the end of the text (the text is 2 utf16 units long; doccano counts UTF-16 units, --offsets codepoint reads code points)"
bad "relations" doccano ner \
    '{"text": "ab", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": "x"}]}' \
    "1 relation, which scalec has no control for: --drop-relations imports the line without them"
bad "a label the project has not" doccano ner \
    '{"text": "ab", "label": [[0, 1, "XYZ"]]}' \
    "annotation 1: \"entities\": span 1: unknown label 'XYZ'"
bad "spans into a project without a spans control" doccano cls \
    '{"text": "ab", "label": [[0, 1, "PER"]]}' \
    "\"label\" holds spans, and the project has no spans control for them"
bad "a span and a class in one label" doccano ner \
    '{"text": "ab", "label": [[0, 1, "PER"], "pos"]}' \
    "label 2 must be [start, end, \"TAG\"]"
bad "a span's text that is not the text's" prodigy ner \
    '{"text": "Anna", "spans": [{"start": 1, "end": 4, "label": "PER", "text": "Anna"}], "answer": "accept"}' \
    "spans 1: its \"text\" is 'Anna', but the text from 1 to 4 is 'nna'"
bad "a span that is not its tokens" prodigy ner \
    '{"text": "a b", "tokens": [{"start": 0, "end": 1}, {"start": 2, "end": 3}], "spans": [{"start": 0, "end": 1, "token_start": 0, "token_end": 1, "label": "PER"}], "answer": "accept"}' \
    "spans 1: ends at 1, but its token_end 1 (inclusive) ends at 3"
bad "an unknown annotator" prodigy ner \
    '{"text": "ab", "spans": [], "answer": "accept", "_annotator_id": "carol"}' \
    "annotation 1: no user 'carol' (add them with 'scalec user add', or import with --create-users)"
bad "an annotator that is not a name" prodigy ner \
    '{"text": "ab", "spans": [], "answer": "accept", "_annotator_id": 7}' \
    "\"_annotator_id\" must be a string (a user's name)"
bad "an answer that is none of Prodigy's" prodigy ner \
    '{"text": "ab", "answer": "yes"}' \
    "\"answer\" must be accept, reject or ignore"

# --drop-relations takes the line without them.
printf '%s\n' '{"text": "ab", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": "x"}]}' >"$D/rels.jsonl"
run import ner "$D/rels.jsonl" --format doccano --drop-relations
check "--drop-relations imports the entities" rc_is 0

# --create-users: the users a file names that scalec lacks are added as
# annotators (an admin's act), counted and audited; a dry run adds none;
# a failed import removes them again; a name no user may have is refused.
printf '%s\n' '{"text": "Carol was here", "spans": [{"start": 0, "end": 5, "label": "PER"}], "answer": "accept", "_annotator_id": "carol"}' \
    '{"text": "Dave too", "spans": [], "answer": "accept", "_annotator_id": "dave"}' >"$D/newusers.jsonl"
_before=$(db_dump)
run import ner2 "$D/newusers.jsonl" --format prodigy --create-users --dry-run
check "--create-users, dry run: says who it would add" out_has "Would add 2 users the file names, as annotators (--create-users)."
check "--create-users, dry run: database unchanged" test "$_before" = "$(db_dump)"
"$SCALEC" user add mgr --role manager >/dev/null
expect_unchanged "--create-users by a manager" --as mgr import ner2 "$D/newusers.jsonl" --format prodigy --create-users
check "--create-users by a manager: needs admin" err_has "permission denied: mgr may not"
printf '%s\n' '{"text": "Eve", "spans": [], "answer": "accept", "_annotator_id": "eve"}' \
    '{"text": "Bad", "spans": [], "answer": "accept", "_annotator_id": "-x"}' >"$D/badname.jsonl"
expect_unchanged "--create-users, a name no user may have" import ner2 "$D/badname.jsonl" --format prodigy --create-users
check "--create-users, a name no user may have: says where and why" err_has "badname.jsonl:2: '-x' is not a user name, so it cannot be added"
printf '%s\n' '{"text": "Eve", "spans": [], "answer": "accept", "_annotator_id": "eve"}' \
    '{"text": "Bad", "spans": [{"start": 0, "end": 9, "label": "PER"}], "answer": "accept", "_annotator_id": "frank"}' >"$D/badspan.jsonl"
expect_unchanged "--create-users, a bad line after a new user" import ner2 "$D/badspan.jsonl" --format prodigy --create-users
# The same through a pipe that waits between the lines, so that the first
# chunk (eve, her task) is committed before the second line fails.
_before=$(db_dump)
{ sed -n 1p "$D/badspan.jsonl"; sleep 1; sed -n 2p "$D/badspan.jsonl"; } |
    "$SCALEC" import ner2 - --format prodigy --create-users >"$T/out" 2>"$T/err"
check "--create-users, a bad line in a later chunk: fails" test $? = 1
check "--create-users, a bad line in a later chunk: the user it added is gone too" test "$_before" = "$(db_dump)"
run import ner2 "$D/newusers.jsonl" --format prodigy --create-users --json
check "--create-users imports" rc_is 0
check "--create-users: counted in --json" test "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["users_created"])' <"$T/out")" = 2
check "--create-users: annotators" test "$(sqlite3 "$SCALEC_DB" "select group_concat(name || ':' || role, ' ') from (select name, role from user where name in ('carol', 'dave') order by name)")" = "carol:annotator dave:annotator"
check "--create-users: their annotations" test "$(sqlite3 "$SCALEC_DB" "select count(*) from annotation a join user u on u.id = a.user_id where u.name in ('carol', 'dave')")" = 2
check "--create-users: audited" test "$(sqlite3 "$SCALEC_DB" "select detail like '%; 2 users added (--create-users)' from audit where action = 'import' order by id desc limit 1")" = 1
run import ner2 "$D/newusers.jsonl" --format prodigy --create-users --allow-duplicates
check "--create-users: users there already are not added again" sh -c "! grep -q \"users the file names\" \"\$1\"" - "$T/out"

# Tokens a task keeps (from CoNLL) go out as Prodigy's tokens, and the
# spans say which tokens they start and end on; the file imports back.
"$SCALEC" project create ner3 --type ner --labels PER,ORG,LOC >/dev/null
printf 'Anna\tB-PER\n😀\tO\nvon\tB-LOC\nKöln\tI-LOC\n.\tO\n\n' >"$D/tok.conll"
run import ner3 "$D/tok.conll" --format conll
run export ner3 --format prodigy -o "$D/tok.prodigy.jsonl"
check "prodigy export of CoNLL tokens" rc_is 0
check "prodigy export: the kept tokens, with ws" test "$(python3 -c 'import json,sys; t=json.loads(open(sys.argv[1]).readline()); print([(k["text"], k["start"], k["end"], k["id"], k["ws"]) for k in t["tokens"]])' "$D/tok.prodigy.jsonl")" = "[('Anna', 0, 4, 0, True), ('😀', 5, 6, 1, True), ('von', 7, 10, 2, True), ('Köln', 11, 15, 3, True), ('.', 16, 17, 4, False)]"
check "prodigy export: spans on their tokens, token_end inclusive" test "$(python3 -c 'import json,sys; t=json.loads(open(sys.argv[1]).readline()); print([(s["start"], s["end"], s["token_start"], s["token_end"], s["label"]) for s in t["spans"]])' "$D/tok.prodigy.jsonl")" = "[(0, 4, 0, 0, 'PER'), (7, 15, 2, 3, 'LOC')]"
"$SCALEC" project create ner4 --type ner --labels PER,ORG,LOC >/dev/null
run import ner4 "$D/tok.prodigy.jsonl" --format prodigy
check "prodigy export of CoNLL tokens imports back" rc_is 0
run export ner4 --format conll -o "$D/tok2.conll"
check "... and goes out as the CoNLL file it came from" cmp -s "$D/tok.conll" "$D/tok2.conll"

# A native import never takes another format's annotations as meta (a
# Prodigy first line is guessed as Prodigy's: --format jsonl says native).
printf '%s\n' '{"text": "fine"}' '{"text": "Anna", "label": [[0, 4, "PER"]]}' >"$D/doc.jsonl"
expect_unchanged "a doccano line in a native import" import ner "$D/doc.jsonl"
check "names --format doccano" err_is "scalec: $D/doc.jsonl:2: \"label\" is doccano's spans ([start, end, \"TAG\"]), which a native line would keep as meta: import it with --format doccano"
cp "$D/ner_manual.jsonl" "$D/pr.jsonl"
expect_unchanged "a Prodigy line in a native import" import ner "$D/pr.jsonl" --format jsonl
check "names --format prodigy" err_is "scalec: $D/pr.jsonl:1: \"spans\" is Prodigy's annotation, which a native line would keep as meta: import it with --format prodigy"
printf '%s\n' '{"text": "x", "label": "pos", "answer": "accept"}' >"$D/pr2.jsonl"
expect_unchanged "a Prodigy question in a native import" import cls "$D/pr2.jsonl" --format jsonl
check "names --format prodigy too" err_has "import it with --format prodigy"
printf '%s\n' '{"text": "x", "label": "pos", "spans": "mine"}' >"$D/own.jsonl"
run import cls "$D/own.jsonl"
check "keys of another shape stay meta" rc_is 0

done_testing
