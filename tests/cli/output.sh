#!/bin/bash
# Output that cannot take over a terminal, and is exact where it is not
# one: to a file or a pipe every export format writes the task's bytes as
# they are (tests/tui/export.sh shows the terminal side); JSON (--json and
# JSONL export) writes DEL, C1 controls and bidi controls as \uXXXX and
# any other character as it is; a newline that data brings into an error
# message is shown as ^J, so it cannot fake a line of scalec's output.
. "$SRCDIR/tests/cli/lib.sh"

jsonq() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$2') AS j)"; }

run init
"$SCALEC" project create inj --type sentiment >/dev/null
# ESC ] 0 ; PWNED BEL, OSC 52, ED, DEL, CSI (C1), NEL (C1), RLO, LRI, CJK.
printf '%s\n' '{"text": "x\u001b]0;PWNED\u0007 \u001b]52;c;UFdORUQ=\u0007 \u001b[2J\u007f\u009b\u0085\u202e\u2066 漢字"}' >"$T/inj.jsonl"
run import inj "$T/inj.jsonl"
check "a task holding escapes imports" rc_is 0
raw=$(printf 'x\033]0;PWNED\007 \033]52;c;UFdORUQ=\007 \033[2J\177\302\233\302\205\342\200\256\342\201\246 \346\274\242\345\255\227')

# --- to a pipe: the exact bytes ---------------------------------------------
"$SCALEC" export inj --format csv | cat >"$T/pipe.csv"
printf '%s\r\n' 'task,id,text,image,width,height,priority,meta,tokens,predictions,annotations,final_answer' >"$T/want.csv"
printf '1,,%s,,,,,{},,,,\r\n' "$raw" >>"$T/want.csv"
check "csv to a pipe: the exact bytes" cmp "$T/pipe.csv" "$T/want.csv"
"$SCALEC" export inj --format tsv | cat >"$T/pipe.tsv"
tr ',' '\t' <<<'task,id,text,image,width,height,priority,meta,tokens,predictions,annotations,final_answer' >"$T/want.tsv"
printf '1\t\t%s\t\t\t\t\t{}\t\t\t\t\n' "$raw" >>"$T/want.tsv"
check "tsv to a pipe: the exact bytes" cmp "$T/pipe.tsv" "$T/want.tsv"
"$SCALEC" export inj -o "$T/file.csv" --format csv >/dev/null
check "csv to a file: the exact bytes" cmp "$T/file.csv" "$T/want.csv"

# --- JSON: the listed characters as \uXXXX, the rest as it is ---------------
"$SCALEC" export inj | cat >"$T/pipe.jsonl"
printf '%s\n' '{"task": 1, "text": "x\u001B]0;PWNED\u0007 \u001B]52;c;UFdORUQ=\u0007 \u001B[2J\u007F\u009B\u0085\u202E\u2066 漢字", "meta": {}, "predictions": [], "annotations": []}' >"$T/want.jsonl"
check "jsonl: DEL, C1 and bidi controls as \\uXXXX, the exact bytes" \
    cmp "$T/pipe.jsonl" "$T/want.jsonl"
check "jsonl: no raw C1 or bidi control" \
    bash -c "! grep -qaP '\\x7f|\\xc2[\\x80-\\x9f]|\\xe2\\x80[\\xaa-\\xae]|\\xe2\\x81[\\xa6-\\xa9]' '$T/pipe.jsonl'"
check "jsonl: any JSON reader reads the same text back" \
    test "$(jsonq "j->>'text'" "$T/pipe.jsonl")" = "$raw"
check "jsonl: CJK stays readable" grep -qF '漢字' "$T/pipe.jsonl"
"$SCALEC" export inj -o "$T/file.jsonl" >/dev/null
check "jsonl to a file: the same bytes as to a pipe" cmp "$T/file.jsonl" "$T/pipe.jsonl"
# Re-import reads the same text: the escapes are JSON's own.
"$SCALEC" project create again --type sentiment >/dev/null
run import again "$T/pipe.jsonl"
check "jsonl: imports again" rc_is 0
check "jsonl: the same text stored" test "$(sqlite3 "$SCALEC_DB" "select count(distinct text) from task")" = 1

run file list inj --json
check "--json list: escaped" out_has 'x\u001B]0;PWNED\u0007 \u001B]52;c;UFdORUQ=\u0007 \u001B[2J\u007F\u009B\u0085\u202E\u2066 漢字'
check "--json list: no raw C1 or bidi control" \
    bash -c "! grep -qaP '\\x7f|\\xc2[\\x80-\\x9f]|\\xe2\\x80[\\xaa-\\xae]|\\xe2\\x81[\\xa6-\\xa9]' '$T/out'"
run file show 1 --json
check "--json show: escaped" out_has '\u009B\u0085\u202E\u2066 漢字'
check "--json show: no raw C1 or bidi control" \
    bash -c "! grep -qaP '\\x7f|\\xc2[\\x80-\\x9f]|\\xe2\\x80[\\xaa-\\xae]|\\xe2\\x81[\\xa6-\\xa9]' '$T/out'"
check "--json show: reads back the same" test "$(jsonq "j->>'text'" "$T/out")" = "$raw"

# --- error messages: one line, whatever the data holds -----------------------
expect_unchanged "a name with a newline" project show "$(printf 'a\nscalec: all is well')"
check "the newline shown as ^J" err_is "scalec: no project 'a^Jscalec: all is well'; 'scalec project list' shows them"
check "the message is one line" test "$(wc -l <"$T/err")" = 1
printf '{"text": "ok"}\n{"text": "b", "id": "x\\ny\\u001b[2J"}\n{"text": "c", "id": "x\\ny\\u001b[2J"}\n' >"$T/dup.jsonl"
expect_unchanged "an id with a newline, repeated" import inj "$T/dup.jsonl"
check "the id's newline shown as ^J" err_has "x^Jy^[[2J"
check "that message is one line too" test "$(wc -l <"$T/err")" = 1

done_testing
