#!/bin/bash
# A task's stored tokens (from CoNLL, spaCy v2 or Prodigy) in native JSONL
# and CSV's task layout: export writes "tokens" (Prodigy's shape, code
# points) only for a task that has them; import takes them back, checked
# against the text, so CoNLL -> scalec -> JSONL (or CSV) -> scalec -> CoNLL
# gives the same file even where the tokenizer would cut otherwise
# ("U.S."); a token that does not fit its text is FILE:LINE, exit 1, the
# database unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

D=$T/data
mkdir -p "$D"

run init
"$SCALEC" user add alice --role annotator >/dev/null
for p in ner viajsonl viacsv viatsv prod plain bad; do
	"$SCALEC" project create $p --type ner --labels PER,ORG,LOC >/dev/null
done

# Tokens the tokenizer would not make: "U.S." and "St." are one token
# each, "e-mail" one, and an emoji with a ZWJ family, CJK and a combining
# accent count in code points.
printf '%s\n' 'U.S.	B-LOC' 'officials	O' 'met	O' 'in	O' 'St.	B-LOC' \
    'Louis	I-LOC' 'by	O' 'e-mail	O' '' '😀	O' '👩‍👩‍👧	O' 'Zoé	B-PER' \
    '東京	B-LOC' '' >"$D/in.conll"
run import ner "$D/in.conll" --format conll
check "CoNLL imports" rc_is 0
run export ner -o "$D/ner.jsonl"
check "JSONL export" rc_is 0
check "JSONL carries the stored tokens" grep -qF '"tokens": [{"text": "U.S.", "start": 0, "end": 4, "id": 0}, {"text": "officials", "start": 5, "end": 14, "id": 1}' "$D/ner.jsonl"
check "...in code points past an emoji and a ZWJ family" \
    grep -qF '{"text": "Zoé", "start": 8, "end": 11, "id": 2}, {"text": "東京", "start": 12, "end": 14, "id": 3}' "$D/ner.jsonl"
run import viajsonl "$D/ner.jsonl"
check "JSONL with tokens imports" rc_is 0
run export viajsonl --format conll -o "$D/viajsonl.conll"
check "CoNLL -> scalec -> JSONL -> scalec -> CoNLL: the same file" \
    cmp "$D/in.conll" "$D/viajsonl.conll"
"$SCALEC" export viajsonl | python3 -c '
import json, sys
for l in sys.stdin: print(json.dumps(json.loads(l).get("tokens")))' >"$D/a.tok"
python3 -c '
import json, sys
for l in open(sys.argv[1]): print(json.dumps(json.loads(l).get("tokens")))' "$D/ner.jsonl" >"$D/b.tok"
check "JSONL -> scalec -> JSONL: the same tokens" cmp -s "$D/a.tok" "$D/b.tok"

# CSV's task layout: a tokens cell of the same JSON.
run export ner --format csv -o "$D/ner.csv"
check "CSV export" rc_is 0
check "CSV's header has a tokens column" \
    test "$(head -n 1 "$D/ner.csv")" = "$(printf 'task,id,text,image,width,height,priority,meta,tokens,predictions,annotations,final_answer\r')"
check "CSV's tokens cell" grep -qF '"[{""text"":""U.S."",""start"":0,""end"":4,""id"":0},' "$D/ner.csv"
run import viacsv "$D/ner.csv"
check "CSV with tokens imports" rc_is 0
run export viacsv --format conll -o "$D/viacsv.conll"
check "CoNLL -> scalec -> CSV -> scalec -> CoNLL: the same file" \
    cmp "$D/in.conll" "$D/viacsv.conll"
run export ner --format tsv -o "$D/ner.tsv"
run import viatsv "$D/ner.tsv"
run export viatsv --format conll -o "$D/viatsv.conll"
check "...and through TSV" cmp "$D/in.conll" "$D/viatsv.conll"

# Without stored tokens, the tokenizer's are the task's: no "tokens" key,
# and an empty CSV cell.
printf '%s\n' '{"text": "U.S. officials", "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": []}}]}' >"$D/plain.jsonl"
"$SCALEC" import plain "$D/plain.jsonl" >/dev/null
run export plain
check "a task without stored tokens: no tokens key" bash -c \
    "! grep -q tokens '$T/out'"
run export plain --format csv
check "...and an empty tokens cell" out_has ',{},,,"[{'
run export plain --format conll
check "...whose CoNLL export is the tokenizer's" \
    out_is "$(printf 'U\tO\n.\tO\nS\tO\n.\tO\nofficials\tO')"

# Prodigy's tokens go out in native JSONL the same.
printf '%s\n' '{"text": "Anna in NYC.", "tokens": [{"text": "Anna", "start": 0, "end": 4, "id": 0}, {"text": "in", "start": 5, "end": 7, "id": 1}, {"text": "NYC.", "start": 8, "end": 12, "id": 2}], "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "PER"}], "answer": "accept"}' >"$D/prod.jsonl"
run import prod "$D/prod.jsonl" --format prodigy
check "Prodigy with tokens imports" rc_is 0
run export prod
check "Prodigy's tokens in JSONL" out_has '"tokens": [{"text": "Anna", "start": 0, "end": 4, "id": 0}, {"text": "in", "start": 5, "end": 7, "id": 1}, {"text": "NYC.", "start": 8, "end": 12, "id": 2}]'
# "text" may be left out: start and end say the token.
printf '%s\n' '{"text": "a.b c.d", "tokens": [{"start": 0, "end": 3}, {"start": 4, "end": 7}], "annotations": [{"user": "alice", "state": "submitted", "result": {"entities": []}}]}' >"$D/notext.jsonl"
run import plain "$D/notext.jsonl"
check "tokens without their text import" rc_is 0
run export plain --format conll
check "...and are the task's" out_has "$(printf 'a.b\tO\nc.d\tO')"

# Bad input: FILE:LINE, exit 1, the database unchanged.
bad() {
	_what=$1 _line=$2 _msg=$3
	printf '%s\n' '{"text": "fine"}' "$_line" >"$D/bad.jsonl"
	expect_unchanged "$_what" import bad "$D/bad.jsonl"
	check "$_what: says where and what" err_has "bad.jsonl:2: $_msg"
}
bad "a token's text that is not the text's" \
    '{"text": "Anna met Bob", "tokens": [{"text": "Anna", "start": 0, "end": 4}, {"text": "mat", "start": 5, "end": 8}]}' \
    "tokens 2: its \"text\" is 'mat', but the text from 5 to 8 is 'met'"
bad "a token's offsets in UTF-16, not code points" \
    '{"text": "😀 Anna", "tokens": [{"text": "Anna", "start": 3, "end": 7}]}' \
    "tokens 1: an offset is past the end of the text"
bad "a token past the end" \
    '{"text": "ab", "tokens": [{"start": 0, "end": 3}]}' \
    "tokens 1: an offset is past the end of the text"
bad "tokens that overlap" \
    '{"text": "abcd", "tokens": [{"start": 0, "end": 3}, {"start": 2, "end": 4}]}' \
    "tokens 2: from 2 to 4 is not a token after the one before it"
bad "an empty token" \
    '{"text": "abcd", "tokens": [{"start": 1, "end": 1}]}' \
    "tokens 1: from 1 to 1 is not a token after the one before it"
bad "a token without start" \
    '{"text": "abcd", "tokens": [{"text": "ab", "end": 2}]}' \
    "tokens 1: \"start\" and \"end\" must be whole numbers from 0"
bad "a negative offset" \
    '{"text": "abcd", "tokens": [{"start": -1, "end": 2}]}' \
    "tokens 1: \"start\" and \"end\" must be whole numbers from 0"
bad "a token's text that is no string" \
    '{"text": "abcd", "tokens": [{"text": 5, "start": 0, "end": 2}]}' \
    "tokens 1: \"text\" must be a string"
bad "tokens that are no list" \
    '{"text": "abcd", "tokens": "ab cd"}' \
    "\"tokens\" must be a list of {\"text\", \"start\", \"end\"}"
bad "tokens on an image" \
    '{"image": "/x.png", "width": 2, "height": 2, "tokens": [{"start": 0, "end": 1}]}' \
    "\"tokens\" are a text's, and this task is an image"
check "nothing imported" test "$("$SCALEC" export bad | wc -l)" = 0

# CSV: the same checks on the tokens cell, at the row's line.
printf 'text,tokens,annotations\r\nfine,,\r\n"Anna met",%s,\r\n' \
    '"[{""text"":""Anna"",""start"":0,""end"":4},{""text"":""mat"",""start"":5,""end"":8}]"' \
    >"$D/bad.csv"
expect_unchanged "CSV: a token's text that is not the text's" import bad "$D/bad.csv"
check "CSV: says where and what" \
    err_has "bad.csv:3: tokens 2: its \"text\" is 'mat', but the text from 5 to 8 is 'met'"
printf 'text,tokens,annotations\r\nfine,,\r\nab,[{,\r\n' >"$D/bad2.csv"
expect_unchanged "CSV: a tokens cell that is not JSON" import bad "$D/bad2.csv"
check "CSV: says which cell" err_has "bad2.csv:3: the \"tokens\" cell is not JSON"
check "nothing imported" test "$("$SCALEC" export bad | wc -l)" = 0

done_testing
