#!/bin/bash
# CoNLL as a user moves data in and out: a CoNLL-2003 file (IOB1, four
# columns, -DOCSTART-) and two-column TOKEN<TAB>TAG files in IOB2, BIOES
# and BILUO import and export back byte for byte (--scheme), their entities
# the ones nltk's CoNLL reader finds; scalec -> conll -> scalec gives the
# same tasks; tokens kept with a task are the labeler's; a span on part of
# a token fails the export before anything is written (or
# --skip-misaligned); every bad input is FILE:LINE, exit 1, the database
# unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
"$SCALEC" project create ner --type ner --labels PER,ORG,LOC,MISC >/dev/null
for p in two bioes biluo sniff back bad; do
	"$SCALEC" project create $p --type ner --labels PER,ORG,LOC >/dev/null
done
"$SCALEC" project create cls --type text-classification --labels a,b \
    >/dev/null

# A CoNLL-2003 excerpt in the shared task's shape (written for this test):
# IOB1, so B- only where two entities of one type touch (Rosenborg Molde).
cat >"$D/eng.conll" <<'EOF'
-DOCSTART- -X- -X- O

Norway NNP I-NP I-LOC
beat VBD I-VP O
Sweden NNP I-NP I-LOC
3-1 CD I-NP O
in IN I-PP O
Oslo NNP I-NP I-LOC
. . O O

Ingrid NNP I-NP I-PER
Kjos NNP I-NP I-PER
scored VBD I-VP O
for IN I-PP O
Rosenborg NNP I-NP I-ORG
Molde NNP I-NP B-ORG
fans NNS I-NP O
. . O O

-DOCSTART- -X- -X- O

BERLIN NNP I-NP I-LOC
1996-08-22 CD I-NP O

Müller NNP I-NP I-PER
joins VBZ I-VP O
the DT I-NP O
U.N. NNP I-NP I-ORG
mission NN I-NP O
in IN I-PP O
New NNP I-NP I-LOC
York NNP I-NP I-LOC
. . O O

EOF

run import ner "$D/eng.conll" --format conll
check "CoNLL-2003: imports" rc_is 0
check "...a task per sentence" out_has "Added 4 tasks to ner"
run export ner --format conll --scheme iob1 -o "$D/eng.out.conll"
check "CoNLL-2003 -> scalec -> CoNLL-2003 (--scheme iob1): exports" rc_is 0
check "...the same file" cmp -s "$D/eng.conll" "$D/eng.out.conll"
run export ner -o "$D/eng.iob2.conll"
check "-o NAME.conll is CoNLL" rc_is 0
check "...IOB2 by default: B- on every first token" \
    grep -qxF 'Norway NNP I-NP B-LOC' "$D/eng.iob2.conll"
check "...I- after it" grep -qxF 'York NNP I-NP I-LOC' "$D/eng.iob2.conll"
check "...-DOCSTART- kept" test "$(grep -c -- -DOCSTART- \
    "$D/eng.iob2.conll")" = 2
run export ner --format jsonl
check "a sentence's text is its tokens joined by spaces" \
    out_has '"text": "Ingrid Kjos scored for Rosenborg Molde fans ."'

# spans FILE: a native export's texts and spans, one task a line.
spans() {
	python3 - "$1" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    r = t["annotations"][0]["result"] if t["annotations"] else {}
    print(json.dumps([t["text"], [[s["start"], s["end"], s["label"]]
        for s in r.get("entities", [])]], ensure_ascii=False))
EOF
}
# nltk_spans FILE COLUMNS: the same read by nltk's CoNLL reader (entities
# from conlltags2tree, which reads IOB1 and IOB2), for reference.
NLTK=
for py in python3 /usr/bin/python3; do
	"$py" -c 'import nltk' 2>/dev/null && { NLTK=$py; break; }
done
nltk_spans() {
	"$NLTK" - "$1" "$2" <<'EOF'
import json, os, sys
from nltk.corpus.reader import ConllCorpusReader
from nltk.chunk import conlltags2tree
cols = ("words", "pos", "ignore", "chunk") if sys.argv[2] == "4" else \
    ("words", "chunk")
rd = ConllCorpusReader(os.path.dirname(sys.argv[1]),
    [os.path.basename(sys.argv[1])], cols, separator=None)
for grid in rd._grids():
    words = [row[0] for row in grid]
    if not words or words == ["-DOCSTART-"]:
        continue
    tags = [row[-1] for row in grid]
    tree = conlltags2tree([(w, "X", t) for w, t in zip(words, tags)],
        strict=False)
    out, cp = [], 0
    for node in tree:
        if isinstance(node, tuple):
            cp += len(node[0]) + 1
            continue
        ws = [w for w, _ in node.leaves()]
        n = len(" ".join(ws))
        out.append([cp, cp + n, node.label()])
        cp += n + 1
    print(json.dumps([" ".join(words), out], ensure_ascii=False))
EOF
}
"$SCALEC" export ner --format jsonl >"$D/eng.jsonl"
if [ -n "$NLTK" ]; then
	spans "$D/eng.jsonl" >"$D/eng.spans"
	nltk_spans "$D/eng.conll" 4 >"$D/eng.nltk"
	check "CoNLL-2003: the entities nltk's reader finds" \
	    cmp -s "$D/eng.spans" "$D/eng.nltk"
	check "...Rosenborg and Molde are two entities" \
	    grep -qF '[23, 32, "ORG"], [33, 38, "ORG"]' "$D/eng.spans"
else
	ok "# SKIP nltk is not installed"
fi

# Two columns, TOKEN<TAB>TAG, IOB2; tokens with an emoji, a ZWJ family,
# CJK, combining marks (e + U+0301) and Hebrew, and one with a space in it.
printf '%b' '😀\tO\nAnna\tB-PER\nmet\tO\n👩‍👩‍👧\tB-PER\nin\tO\n東京\tB-LOC\n\n' \
    'Cafe\xcc\x81\tB-ORG\nZoë\tI-ORG\nby\tO\nשלום\tB-PER\nNew York\tB-LOC\n' \
    'ok\tO\n\n' >"$D/two.iob2"
run import two "$D/two.iob2" --format conll
check "two columns: imports" rc_is 0
run export two --format conll -o "$D/two.out"
check "two columns -> scalec -> two columns: the same file" \
    cmp -s "$D/two.iob2" "$D/two.out"
"$SCALEC" export two --format jsonl >"$D/two.jsonl"
spans "$D/two.jsonl" >"$D/two.spans"
check "code point offsets past an emoji, a ZWJ sequence and CJK" \
    grep -qF '"😀 Anna met 👩‍👩‍👧 in 東京", [[2, 6, "PER"], [11, 16, "PER"], [20, 22, "LOC"]]' \
    "$D/two.spans"
check "...past combining marks and RTL; a token with a space is one" \
    grep -qF '[[0, 9, "ORG"], [13, 17, "PER"], [18, 26, "LOC"]]' \
    "$D/two.spans"
if [ -n "$NLTK" ]; then
	# nltk splits at white space: compare the tasks without the space.
	grep -v 'New York' "$D/two.iob2" >"$D/two-nospace.iob2"
	"$SCALEC" project create two2 --type ner --labels PER,ORG,LOC >/dev/null
	"$SCALEC" import two2 "$D/two-nospace.iob2" --format conll >/dev/null
	"$SCALEC" export two2 --format jsonl >"$D/two2.jsonl"
	spans "$D/two2.jsonl" >"$D/two2.spans"
	nltk_spans "$D/two-nospace.iob2" 2 >"$D/two2.nltk"
	check "two columns: the entities nltk's reader finds" \
	    cmp -s "$D/two2.spans" "$D/two2.nltk"
fi
printf 'a\tB-PER\r\nb\tI-PER\r\n\r\n' >"$D/crlf.iob2"
run import sniff "$D/crlf.iob2" --format conll
check "CRLF lines: imports" rc_is 0
run export sniff --format conll
check "...the tokens without the CR" out_is "$(printf 'a\tB-PER\nb\tI-PER')"

# BIOES and BILUO: the same entities, back in their own scheme.
printf '%b' 'The\tO\nUnited\tB-ORG\nNations\tI-ORG\nfund\tE-ORG\npaid\tO\n' \
    'Kim\tS-PER\n.\tO\n\nParis\tS-LOC\n\n' >"$D/x.bioes"
sed -e 's/\tE-/\tL-/; s/\tS-/\tU-/g' "$D/x.bioes" >"$D/x.biluo"
sed -e 's/\tE-/\tI-/; s/\tS-/\tB-/g' "$D/x.bioes" >"$D/x.iob2"
run import bioes "$D/x.bioes" --format conll --scheme bioes
check "BIOES (--scheme bioes): imports" rc_is 0
run export bioes --format conll --scheme bioes -o "$D/x.out.bioes"
check "...and back: the same file" cmp -s "$D/x.bioes" "$D/x.out.bioes"
run export bioes --format conll -o "$D/x.out.iob2"
check "...IOB2 by default" cmp -s "$D/x.iob2" "$D/x.out.iob2"
run import biluo "$D/x.biluo" --format conll
check "BILUO, sniffed: imports" rc_is 0
run export biluo --format conll --scheme biluo -o "$D/x.out.biluo"
check "...and back (--scheme biluo): the same file" \
    cmp -s "$D/x.biluo" "$D/x.out.biluo"
"$SCALEC" export bioes --format jsonl >"$D/bioes.jsonl"
"$SCALEC" export biluo --format jsonl >"$D/biluo.jsonl"
spans "$D/bioes.jsonl" >"$D/bioes.spans"
spans "$D/biluo.jsonl" >"$D/biluo.spans"
check "BIOES and BILUO: the same entities" cmp -s "$D/bioes.spans" \
    "$D/biluo.spans"
check "...United Nations fund is one" \
    grep -qF '[[4, 23, "ORG"], [29, 32, "PER"]]' "$D/bioes.spans"

# scalec -> conll -> scalec: the same tasks and results (for texts whose
# tokens are apart by one space: CoNLL keeps no other white space, and CJK
# characters are a token each).
cat >"$D/native.jsonl" <<'EOF'
{"text": "Barack Obama visited Paris .", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 12, "label": "PER"}, {"start": 21, "end": 26, "label": "LOC"}]}}]}
{"text": "東 京 and 😀 Zoë", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 3, "label": "LOC"}, {"start": 10, "end": 13, "label": "PER"}]}}]}
{"text": "nothing here", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": []}}]}
EOF
"$SCALEC" project create nat --type ner --labels PER,ORG,LOC >/dev/null
"$SCALEC" import nat "$D/native.jsonl" >/dev/null
run export nat --format conll -o "$D/nat.conll"
check "scalec -> conll: exports (the project's tokenizer)" rc_is 0
run import back "$D/nat.conll" --format conll
check "...-> scalec: imports" rc_is 0
"$SCALEC" export nat --format jsonl >"$D/nat.jsonl"
"$SCALEC" export back --format jsonl >"$D/back.jsonl"
spans "$D/nat.jsonl" >"$D/nat.spans"
spans "$D/back.jsonl" >"$D/back.spans"
check "...the same texts and spans" cmp -s "$D/nat.spans" "$D/back.spans"
"$SCALEC" import nat - <<'EOF' >/dev/null
{"text": "not labelled yet"}
EOF
run export nat --format conll
check "a task with no annotation is left out" out_has "Barack"
check "...and the export says so" \
    err_has "left out 1 task with no annotation"

# A span on part of a token: the whole export fails, nothing written.
"$SCALEC" project create mis --type ner --labels PER >/dev/null
"$SCALEC" import mis - <<'EOF' >/dev/null
{"text": "Jane Doe", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 4, "label": "PER"}]}}]}
{"text": "Janet", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 1, "end": 4, "label": "PER"}]}}]}
{"text": "Ann Lee", "annotations": [{"user": "root", "state": "submitted", "result": {"entities": [{"start": 0, "end": 5, "label": "PER"}]}}]}
EOF
m=$("$SCALEC" export mis --format jsonl | python3 -c \
    'import json, sys; print(json.loads(sys.stdin.readline())["task"])')
run export mis --format conll -o "$D/mis.conll"
check "misaligned spans: the export fails" rc_is 1
check "...naming the tasks" err_has "2 tasks have a span that does not start and end on its tokens (tasks $((m + 1)), $((m + 2))), which CoNLL cannot tag: nothing was written"
check "...no file" test ! -e "$D/mis.conll"
run export mis --format conll
check "...to stdout too: nothing written" test ! -s "$T/out"
check "...and it fails" rc_is 1
run export mis --format conll --skip-misaligned
check "--skip-misaligned: exports" rc_is 0
check "...the aligned task" out_is "$(printf 'Jane\tB-PER\nDoe\tO')"
check "...saying which it left out" err_has "left out 2 tasks with a span that does not start and end on its tokens (tasks $((m + 1)), $((m + 2)))"

# The labeler moves over the stored tokens: "U.S." and "St." are one
# token each (the tokenizer makes U . S . and St .), so two moves right
# reach St., and the span St. Louis is LOC.
printf 'U.S.\tO\nvisited\tO\nSt.\tO\nLouis\tO\n\n' >"$D/us.iob2"
"$SCALEC" project create tok --type ner --labels LOC --overlap 2 >/dev/null
"$SCALEC" user add alice --role annotator >/dev/null
"$SCALEC" import tok "$D/us.iob2" --format conll --annotator alice >/dev/null
keys tok 'l l v l 1 Enter'
check "labeler on stored tokens: runs" rc_is 0
run export tok --format conll --user root
check "...the span is the stored tokens St. Louis" \
    out_is "$(printf 'U.S.\tO\nvisited\tO\nSt.\tB-LOC\nLouis\tI-LOC')"
"$SCALEC" project create tok2 --type ner --labels LOC >/dev/null
"$SCALEC" import tok2 - >/dev/null <<'EOF'
{"text": "U.S. visited St. Louis"}
EOF
keys tok2 'l l v l 1 Enter'
run export tok2 --format jsonl
check "...where the tokenizer's tokens give another span (S .)" \
    out_has '"entities": [{"start": 2, "end": 4, "label": "LOC"}]'

# Bad input: FILE:LINE, exit 1, nothing changed.
bad() {	# NAME CONTENT EXPECTED [OPTION...]
	_n1=$1 _e=$3
	printf '%b' "$2" >"$D/bad.conll"
	shift 3
	expect_unchanged "$_n1" import bad "$D/bad.conll" --format conll "$@"
	check "$_n1: says where and what" err_is "scalec: $D/bad.conll:$_e"
}
bad "one column" 'a\tO\nb\n' "2: a token line is TOKEN and TAG (two columns, or four as CoNLL-2003's), and this one has one"
bad "columns change" 'a\tO\n\nb X O\n' "3: 3 columns, where line 1 has 2 (every token line has the same)"
bad "an empty column" 'a\t\n' "1: column 2 is empty"
bad "a tag without a label" 'a\tB-\n' "1: tag 'B-': a tag is O or a letter, '-' and a label (B-PER)"
bad "a tag with no prefix" 'a\tPER\n' "1: tag 'PER': a tag is O or a letter, '-' and a label (B-PER)"
bad "an unknown letter" 'a\tX-PER\n' "1: tag 'X-PER': a tag is O or a letter of B, I, E, S, L, U, then '-' and a label"
bad "BIOES and BILUO mixed" 'a\tS-PER\nb\tU-PER\n' "2: tag 'U-PER': the file mixes bioes's E-/S- with biluo's L-/U- (--scheme says which it is)"
bad "--scheme iob2: I- after O" 'a\tO\nb\tI-PER\n' "2: tag 'I-PER': an I- tag that follows no B- or I- of its label" --scheme iob2
bad "--scheme iob2: an S-" 'a\tS-PER\n' "1: tag 'S-PER': iob tags are O, B- or I- and a label" --scheme iob2
bad "--scheme bioes: B- not ended" 'a\tB-PER\nb\tI-PER\nc\tO\n' "3: tag 'O': the entity before it has no E- (bioes ends every entity of more than one token with E-)" --scheme bioes
bad "--scheme bioes: not ended at the sentence's end" 'a\tB-PER\n\n' "1: the entity before it has no E- (bioes ends every entity of more than one token with E-)" --scheme bioes
bad "--scheme biluo: L- after O" 'a\tO\nb\tL-PER\n' "2: tag 'L-PER': an L- tag that follows no B- or I- of its label" --scheme biluo
bad "-DOCSTART- inside a sentence" 'a\tO\n-DOCSTART- -X- O\n' "2: -DOCSTART- inside a sentence (a blank line ends one)"
bad "invalid UTF-8" 'a\tO\n\xff\tO\n' "2: invalid UTF-8 at byte 1 (0xff)"
bad "a NUL byte" 'a\tO\nb\x00\tO\n' "2: a NUL byte at byte 2 (is this a binary file?)"
bad "too many columns" 'a b c d e f g h i j k l m n o p q\n' "1: more than 16 columns"
printf '' >"$D/empty.conll"
expect_unchanged "an empty file" import bad "$D/empty.conll" --format conll
check "an empty file: says so" err_is "scalec: $D/empty.conll: empty: there are no tasks in it"
printf 'a\tB-PER\n' >"$D/nospans.conll"
expect_unchanged "a project with no spans control" import cls \
    "$D/nospans.conll" --format conll
check "...says so" err_is "scalec: $D/nospans.conll:1: the sentence's tags are entities, and the project has no spans control for them"
printf 'fine\tO\n\nb\tB-WHO\n' >"$D/label.conll"
expect_unchanged "a label the project does not have" import bad \
    "$D/label.conll" --format conll
check "...names its line" err_has "scalec: $D/label.conll:3:"
expect_usage "--scheme of no scheme" import bad "$D/label.conll" \
    --format conll --scheme iob3
check "...says which there are" err_has "'iob3' is none of iob1, iob2, bioes and biluo"

# A -DOCSTART- line with empty fields and stray blanks is kept as its
# words, one space apart: export writes that, and it reads back the same.
"$SCALEC" project create docs --type ner --labels PER >/dev/null
"$SCALEC" project create docs2 --type ner --labels PER >/dev/null
printf -- '-DOCSTART-\t\t-X-\t O\n\nAda\tB-PER\n' >"$D/tabdoc.conll"
run import docs "$D/tabdoc.conll" --format conll
check "a -DOCSTART- of tabs and empty fields: imports" rc_is 0
run export docs --format conll -o "$D/tabdoc.1.conll"
check "...written as its words" grep -qxF -- '-DOCSTART- -X- O' "$D/tabdoc.1.conll"
run import docs2 "$D/tabdoc.1.conll" --format conll
run export docs2 --format conll -o "$D/tabdoc.2.conll"
check "...and that reads back the same" cmp -s "$D/tabdoc.1.conll" "$D/tabdoc.2.conll"

done_testing
