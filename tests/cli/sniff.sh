#!/bin/bash
# scalec import without --format: the format guessed from the file's name
# and its first record (formats/sniff.c), for each format with its usual
# extension, with none and from stdin; every guess it cannot make refused
# naming the file and the formats it could be, exit 1, the database
# unchanged; export -o with an extension no format writes refused.
. "$SRCDIR/tests/cli/lib.sh"

D=$T/data
mkdir -p "$D"
run init
"$SCALEC" project create t --type ner --labels ORG,PER,LOC >/dev/null
"$SCALEC" project create det --type object-detection --labels circle,square \
    >/dev/null

# Each format in the shape its tool writes (../shared/FORMATS.md).
printf '{"id": "n1", "text": "EU rejects", "meta": {"src": "x"}}\n' \
    >"$D/native.jsonl"
printf '{"id": 1, "text": "EU rejects", "label": [[0, 2, "ORG"]], "Comments": []}\n' \
    >"$D/doccano.jsonl"
printf '{"text": "Ann left", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 3}], "relations": []}\n' \
    >"$D/doccano-rel.jsonl"
printf '{"text": "Ann left", "tokens": [{"text": "Ann", "start": 0, "end": 3, "id": 0}, {"text": "left", "start": 4, "end": 8, "id": 1}], "spans": [{"start": 0, "end": 3, "token_start": 0, "token_end": 0, "label": "PER"}], "_input_hash": 1, "_task_hash": 2, "answer": "accept"}\n' \
    >"$D/prodigy.jsonl"
printf '["Apple buys", {"entities": [[0, 5, "ORG"]]}]\n' >"$D/spacy.jsonl"
cat >"$D/labelstudio.json" <<'J'
[
  {
    "id": 1,
    "data": {"text": "EU rejects"},
    "annotations": [{"id": 3, "completed_by": 1, "result": [{"id": "a",
      "from_name": "entities", "to_name": "text", "type": "labels",
      "value": {"start": 0, "end": 2, "text": "EU", "labels": ["ORG"]}}]}],
    "predictions": []
  }
]
J
cat >"$D/labelstudio-min.json" <<'J'
[{"id": 1, "text": "EU rejects", "annotator": 1, "annotation_id": 3, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z", "lead_time": 2.5, "entities": [{"start": 0, "end": 2, "text": "EU", "labels": ["ORG"]}]}]
J
cat >"$D/spacy-v2.json" <<'J'
[{"id": 0, "paragraphs": [{"raw": "Apple buys", "sentences": [{"tokens": [
  {"id": 0, "orth": "Apple", "ner": "U-ORG"},
  {"id": 1, "orth": "buys", "ner": "O"}]}]}]}]
J
cat >"$D/coco.json" <<'J'
{"info": {"description": "x"}, "licenses": [],
 "images": [{"id": 42, "file_name": "a.png", "width": 160, "height": 120},
  {"id": 43, "file_name": "b.png", "width": 160, "height": 120}],
 "annotations": [{"id": 1, "image_id": 42, "category_id": 1,
  "bbox": [1, 2, 3, 4], "area": 12, "iscrowd": 0}],
 "categories": [{"id": 1, "name": "circle"}, {"id": 2, "name": "square"}]}
J
printf '[{"image_id": 42, "category_id": 2, "bbox": [10, 20, 30, 40], "score": 0.9}]\n' \
    >"$D/coco-results.json"

# guessed NAME FILE PROJECT SUMMARY [OPTIONS]: a dry run of FILE as it is,
# as a file without an extension, and from stdin, each guessed (the
# summary shows what the format brought: a native reader would refuse a
# doccano line, or keep no annotation).
guessed() {
	_g=$1 _f=$2 _p=$3 _want=$4; shift 4
	run import "$_p" "$_f" --dry-run "$@"
	check "$_g: guessed from its extension and first record" out_has "$_want"
	cp "$_f" "$D/noext"
	run import "$_p" "$D/noext" --dry-run "$@"
	check "$_g: guessed with no extension" out_has "$_want"
	cp "$_f" "$D/data.txt2"
	run import "$_p" "$D/data.txt2" --dry-run "$@"
	check "$_g: guessed with an extension no format has" out_has "$_want"
	run_in "$_f" import "$_p" - --dry-run "$@"
	check "$_g: guessed from stdin (a file)" out_has "$_want"
	cat "$_f" | "$SCALEC" import "$_p" - --dry-run "$@" >"$T/out" 2>"$T/err"
	rc=$?
	check "$_g: guessed from stdin (a pipe)" out_has "$_want"
}
one="would add 1 task to t: 0 updated, 0 skipped; 0 predictions"
guessed jsonl "$D/native.jsonl" t "$one, 0 annotations."
guessed doccano "$D/doccano.jsonl" t "$one, 1 annotation."
guessed "doccano relations" "$D/doccano-rel.jsonl" t "$one, 1 annotation."
guessed prodigy "$D/prodigy.jsonl" t "$one, 1 annotation."
guessed spacy "$D/spacy.jsonl" t "$one, 1 annotation."
guessed labelstudio "$D/labelstudio.json" t "$one, 1 annotation."
guessed labelstudio-min "$D/labelstudio-min.json" t "$one, 1 annotation."
guessed spacy-v2 "$D/spacy-v2.json" t "$one, 1 annotation."
guessed coco "$D/coco.json" det \
    "would add 2 tasks to det: 0 updated, 0 skipped; 0 predictions, 1 annotation." \
    --allow-missing-images
run import det "$D/coco.json" --allow-missing-images
check "coco: imported for real" rc_is 0
guessed coco-results "$D/coco-results.json" det \
    "would add 1 prediction to 1 task of det (0 replaced)"

# The native import that follows the guess keeps what it read to guess:
# the first line is not lost from a pipe, nor a line of 3 MB.
printf '{"text": "one"}\n{"text": "two"}\n' | "$SCALEC" import t - \
    >"$T/out" 2>"$T/err"
rc=$?
check "stdin: the line read to guess is imported" out_has "Added 2 tasks to t"
python3 -c 'print("{\"text\": \"" + "a" * 3000000 + "\", \"id\": \"long\"}")' |
    "$SCALEC" import t - >"$T/out" 2>"$T/err"
rc=$?
check "stdin: a first line longer than the guess reads" out_has "Added 1 task to t"
check "...whole" test "$(sqlite3 "$SCALEC_DB" "select length(text) from task where ext_id = 'long'")" = 3000000
python3 -c 'print("\ufeff{\"text\": \"bom\", \"id\": \"bom\"}\r")' >"$D/bom"
run import t "$D/bom"
check "a byte order mark and CRLF: native" rc_is 0
# A doccano line whose label comes after a text longer than the guess
# reads is judged by its .jsonl name and the keys seen: native, whose
# reader then refuses doccano's label, naming --format.
python3 -c 'print("{\"text\": \"" + "a" * 1100000 + "\", \"label\": [[0, 1, \"ORG\"]]}")' \
    >"$D/longdoccano.jsonl"
expect_unchanged "a long doccano line" import t "$D/longdoccano.jsonl"
check "...names --format doccano" err_has "import it with --format doccano"

# What cannot be told: the file, the candidates, exit 1, nothing written.
printf 'hello world\n' >"$D/data.txt2"
expect_unchanged "no format by name or bytes" import t "$D/data.txt2"
check "...names the file and every format" err_is "scalec: $D/data.txt2: cannot tell the format from the name; give --format (one of: jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results, labelstudio, labelstudio-min, conll, spacy, spacy-v2)"
cp "$D/data.txt2" "$D/noext"
expect_unchanged "no extension, no JSON" import t "$D/noext"
check "...says so" err_has "$D/noext: cannot tell the format from the name; give --format (one of: jsonl,"
printf 'a,b\n1,2\n' >"$D/in.csv-ish"
RUN="run_in $D/in.csv-ish" expect_unchanged "stdin: CSV without --format" import t -
check "...stdin and its first bytes" err_is "scalec: stdin: cannot tell the format from the first bytes; give --format (one of: jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results, labelstudio, labelstudio-min, conll, spacy, spacy-v2)"
printf '{"text": "a", "label": ["ORG"], "answer": "accept"}\n' >"$D/both.jsonl"
expect_unchanged "doccano's label beside Prodigy's answer" import t "$D/both.jsonl"
check "...both named" err_is "scalec: $D/both.jsonl: could be prodigy or doccano; give --format"
printf '[{"data": {"text": "a"}, "image_id": 1, "bbox": [1, 2, 3, 4]}]\n' \
    >"$D/both.json"
expect_unchanged "Label Studio's data beside a result's box" import t "$D/both.json"
check "...both named" err_is "scalec: $D/both.json: could be coco-results or labelstudio; give --format"
printf '{"name": "x"}\n' >"$D/other.json"
expect_unchanged "a .json of no format" import t "$D/other.json"
check "...the .json formats named" err_is "scalec: $D/other.json: cannot tell which of labelstudio, labelstudio-min, coco, coco-results or spacy-v2 it is from its first record; give --format"
printf '[{"id": 1, "dat' >"$D/cut.json"
expect_unchanged "a .json cut off in its first record" import t "$D/cut.json"
check "...could be any of its family" err_is "scalec: $D/cut.json: could be labelstudio, labelstudio-min, coco-results or spacy-v2; give --format"
printf '{"foo": 1}\n' | { _before=$(db_dump); "$SCALEC" import t - \
    >"$T/out" 2>"$T/err"; rc=$?; [ "$_before" = "$(db_dump)" ]; }
check "stdin: a JSON line of no format: database unchanged" test $? -eq 0
check "...exit 1" rc_is 1
check "...says stdin" err_has "scalec: stdin: cannot tell the format from the first bytes"
# --format still reads what the guess would refuse.
run import t "$D/data.txt2" --format txt --dry-run
check "--format txt reads a .txt2 file" out_has "would add 1 task to t"

# export -o: an extension no format writes is refused; a name without one
# is JSONL as before, and so is stdout.
run export t -o "$D/out.foo"
check "export -o FILE.foo: exit 1" rc_is 1
check "...lists the extensions" err_is "scalec: $D/out.foo: cannot tell the format from the name; give --format, or end the name in one of: .jsonl .ndjson (jsonl), .csv (csv), .tsv .tab (tsv), .xml (voc), .json (labelstudio), .conll .iob .bio (conll)"
check "...writes nothing" test ! -e "$D/out.foo"
run export t -o "$D/out.foo" --format jsonl
check "export -o FILE.foo --format jsonl" test -s "$D/out.foo"
run export t -o "$D/noext-out"
check "export -o FILE without an extension: JSONL" \
    python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$D/noext-out"
run export t -o -
check "export -o -: JSONL" out_has '"text": "one"'
run export t -o "$D/out.json"
check "export -o FILE.json: Label Studio" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "data" in d[0]' "$D/out.json"

done_testing
