#!/bin/bash
# Lists that stream: file list's table past its sample of widths, --limit,
# --offset and --after, --json as one array written element by element
# (parsed by python3), a reader that stops early (head) with SIGPIPE as it
# comes and ignored, the same window on project, user and member list, and
# every bad window refused with the database unchanged.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

# jcount: the number of elements of the JSON array in $T/out, or "bad".
jcount() {
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' \
	    <"$T/out" 2>/dev/null || echo bad
}
# jids: the ids of the array's elements, one line.
jids() {
	python3 -c 'import json,sys; print(" ".join(str(e["id"]) for e in json.load(sys.stdin)))' \
	    <"$T/out" 2>/dev/null || echo bad
}
rows() { tail -n +2 "$T/out" | wc -l; }
ids() { tail -n +2 "$T/out" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//'; }

run init
run project create p --type text-classification --labels a,b
run project create empty --type text-classification --labels a,b
check "set up" rc_is 0
# 150 tasks: more than the 64 rows that set a table's widths. Task 100 has
# an id from the import and a long one, past the sample.
for i in $(seq 1 150); do
	if [ "$i" -eq 100 ]; then
		printf '{"id": "a-very-long-external-id", "text": "row %d"}\n' "$i"
	else
		printf '{"text": "row %d"}\n' "$i"
	fi
done >"$T/p.jsonl"
run import p "$T/p.jsonl"
check "import 150 tasks" rc_is 0

# --- the table streams ---------------------------------------------------
run file list p
check "file list: every task" test "$(rows)" = 150
check "file list: in id order" test "$(ids | cut -d' ' -f1-3)" = "1 2 3"
# The id column is as wide as the highest id (3 digits) from the first row.
check "file list: the first row is as wide as the last" \
    test "$(sed -n 2p "$T/out" | cut -c1-5)" = "1    "
check "file list: a row past the sample keeps the columns" \
    test "$(sed -n 151p "$T/out" | cut -c1-5)" = "150  "
check "file list: a wider cell past the sample is whole (to its trim)" \
    out_has "100  a-very-long-externa~  text"
check "file list: and only its row shifts" \
    test "$(grep -c '^[0-9]* *text  new' "$T/out")" = 149

# --- the window ----------------------------------------------------------
run file list p --limit 5
check "--limit 5: five rows" test "$(rows)" = 5
check "--limit 5: the first five" test "$(ids)" = "1 2 3 4 5"
run file list p --offset 10 --limit 2
check "--offset 10 --limit 2" test "$(ids)" = "11 12"
run file list p --after 140 --limit 3
check "--after 140 --limit 3" test "$(ids)" = "141 142 143"
run file list p --after 148
check "--after 148: the rest" test "$(ids)" = "149 150"
run file list p --after 150
check "--after the last: only the header" test "$(rows)" = 0
check "--after the last: exit 0" rc_is 0
run file list p --offset 1000
check "--offset past the end: only the header" test "$(rows)" = 0
run file list p --status new --after 10 --offset 1 --limit 1
check "--status with the window" test "$(ids)" = 12

# --- JSON, element by element -------------------------------------------
run file list p --json
check "--json: one array of every task" test "$(jcount)" = 150
run file list p --json --limit 3 --after 99
check "--json --limit --after: those" test "$(jids)" = "100 101 102"
check "--json: the keys" out_has '"ext_id": "a-very-long-external-id"'
run file list empty --json
check "--json: an empty list is []" out_is "[]"
check "--json: an empty list parses" test "$(jcount)" = 0
run file list p --json --after 150
check "--json: nothing after the last is []" out_is "[]"

# --- a reader that stops early ------------------------------------------
# Enough output (5,000 tasks) that the writer outlives the pipe's buffer.
for i in $(seq 1 5000); do printf '{"text": "big %d"}\n' "$i"; done \
    >"$T/big.jsonl"
run project create big --type text-classification --labels a,b
run import big "$T/big.jsonl"
check "import 5,000 tasks" rc_is 0
"$SCALEC" file list big 2>"$T/err" | head -2 >"$T/out"
st=${PIPESTATUS[0]}
check "head: the first row" test "$(sed -n 2p "$T/out" | awk '{print $1}')" = 151
check "head: no message" err_is ""
check "head: SIGPIPE or success" test "$st" -eq 141 -o "$st" -eq 0
(
	trap '' PIPE
	"$SCALEC" file list big --json 2>"$T/err" | head -c 100 >/dev/null
	echo "${PIPESTATUS[0]}" >"$T/st"
)
check "SIGPIPE ignored: --json to head says nothing" err_is ""
check "SIGPIPE ignored: exits 1" test "$(cat "$T/st")" = 1
(
	trap '' PIPE
	"$SCALEC" file list big 2>"$T/err" | head -1 >/dev/null
	echo "${PIPESTATUS[0]}" >"$T/st"
)
check "SIGPIPE ignored: the table to head says nothing" err_is ""
check "SIGPIPE ignored: the table exits 1" test "$(cat "$T/st")" = 1
# A write that fails for another reason is still reported.
if [ -w /dev/full ]; then
	"$SCALEC" file list big >/dev/full 2>"$T/err"
	rc=$?
	check "a full disk is reported" err_has "writing the output failed"
	check "a full disk exits 1" rc_is 1
fi

# --- the small lists take the same window ---------------------------------
run project list --limit 2
check "project list --limit 2" test "$(ids)" = "big empty"
run project list --offset 2
check "project list --offset 2" test "$(ids)" = "p"
run project list --json --offset 1 --limit 1
check "project list --json: a page" test "$(jcount)" = 1
for u in ann bob cid; do run user add "$u"; done
run user list --offset 1 --limit 2
check "user list: a page" test "$(ids)" = "bob cid"
run user list --json --limit 2
check "user list --json --limit 2" test "$(jcount)" = 2
for u in ann bob cid; do run member add p "$u"; done
run member list p --limit 1 --offset 2
check "member list: a page" test "$(ids)" = "cid"
run member list p --json
check "member list --json" test "$(jcount)" = 3

# --- bad windows: usage errors that change nothing -----------------------
expect_usage "--limit 0" file list p --limit 0
check "--limit 0: says the range" err_has "--limit: '0' is not a number from 1"
expect_usage "--limit -1" file list p --limit -1
expect_usage "--limit x" file list p --limit x
expect_usage "--limit with no value" file list p --limit
expect_usage "--offset -1" file list p --offset -1
expect_usage "--after x" file list p --after x
expect_usage "--after 1e3" file list p --after 1e3
expect_usage "project list --limit 0" project list --limit 0
expect_usage "user list --offset x" user list --offset x
expect_usage "member list --limit x" member list p --limit x
expect_usage "project list takes no --after" project list --after 3
expect_unchanged "file list of an unknown project" file list nope --limit 3

done_testing
