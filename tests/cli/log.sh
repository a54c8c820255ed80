#!/bin/bash
# scalec log: the audit log newest first, a project's records only, --user
# (acted, or was the real login behind --as), --since, the window and
# --json, escaping, and the roles: a project's managers see its log, admins
# all of it, annotators and reviewers none. Every refusal leaves the
# database as it was.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

me=$(id -un)
# jfield KEY: that key of every element, one line.
jfield() {
	python3 -c 'import json,sys; print(" ".join(str(e[sys.argv[1]]) for e in json.load(sys.stdin)))' \
	    "$1" <"$T/out" 2>/dev/null || echo bad
}
# actions ARGS...: the actions 'scalec ARGS --json' lists, in its order.
actions() { run "$@" --json; jfield action; }

export SCALEC_NOW=2026-01-10T09:00:00Z
run init
run project create news --type text-classification --labels a,b
run project create pets --type text-classification --labels cat,dog
run user add mgr
run user add ann
run user add rev --role reviewer
run member add news mgr --role manager
run member add news ann
export SCALEC_NOW=2026-03-01T12:00:00Z
printf '{"text": "one"}\n{"text": "two"}\n' >"$T/t.jsonl"
run import news "$T/t.jsonl"
# An admin acting as mgr: the record names both.
run --as mgr project edit news --description "the news"
run import pets "$T/t.jsonl"
# A file name with an escape sequence reaches the import's detail.
cp "$T/t.jsonl" "$T/$(printf 'evil\033[2J.jsonl')"
run import pets "$T/$(printf 'evil\033[2J.jsonl')"
check "set up" rc_is 0
unset SCALEC_NOW

# --- the whole log, newest first ----------------------------------------
run log
check "log: exit 0" rc_is 0
check "log: a table" out_has "ID  AT"
check "log: newest first" test "$(tail -n +2 "$T/out" | awk '{print $1}' | head -3 | tr '\n' ' ')" = "12 11 10 "
check "log: the oldest last" test "$(tail -1 "$T/out" | awk '{print $1, $4}')" = "1 init"
check "log: an escape sequence is shown, not sent" out_has 'evil^[[2J.jsonl'
check "log: no raw escape" test "$(grep -c $'\033' "$T/out")" = 0
check "log: the real login beside --as" \
    test "$(grep project.edit "$T/out" | awk '{print $3, $4}')" = "mgr $me"
run log --json
check "log --json: every record" test "$(jfield id)" = "12 11 10 9 8 7 6 5 4 3 2 1"
check "log --json: the acting user" test "$(python3 -c 'import json,sys; r=[e for e in json.load(sys.stdin) if e["action"]=="project.edit"][0]; print(r["user"], r["real_user"])' <"$T/out")" = "mgr $me"
check "log --json: the escape is JSON's" out_has 'evil\u001B[2J.jsonl'

# --- a project's records -------------------------------------------------
check "log news: only news's, no user acts" \
    test "$(actions log news)" = "project.edit import member add member add project.create"
check "log news: no record of pets" test "$(jfield object)" = "news news news news news"
check "log pets" test "$(actions log pets)" = "import import project.create"

# --- filters ---------------------------------------------------------------
run log --user mgr --json
check "--user mgr: what mgr did (as --as)" test "$(jfield action)" = "project.edit"
run log --user "$me" --json
check "--user: the real login's acts, --as too" test "$(jfield id | wc -w)" = 12
run log news --user ann --json
check "--user ann: nothing ann did" out_is "[]"
run log --since 2026-02-01 --json
check "--since: the records since" test "$(jfield at | tr ' ' '\n' | sort -u | tr '\n' ' ')" = "2026-03-01T12:00:00Z "
check "--since: four of them" test "$(jfield id)" = "12 11 10 9"
run log --since 2026-03-01T12:00:00Z --json
check "--since: at TIME counts" test "$(jfield id)" = "12 11 10 9"
run log --since 2026-04-01 --json
check "--since: none later" out_is "[]"
run log news --since 2026-02-01 --user mgr --json
check "filters together" test "$(jfield id)" = "10"

# --- the window ------------------------------------------------------------
run log --limit 2 --json
check "--limit 2: the newest two" test "$(jfield id)" = "12 11"
run log --limit 2 --after 10 --json
check "--after: the older ones" test "$(jfield id)" = "9 8"
run log --offset 10 --json
check "--offset: the oldest" test "$(jfield id)" = "2 1"
run log news --limit 1 --offset 1 --json
check "a project's page" test "$(jfield id)" = "9"

# --- roles -----------------------------------------------------------------
run --as mgr log news
check "a manager of news reads its log" rc_is 0
check "a manager reads its records" out_has "member add"
expect_unchanged "a manager of news reads no other project's" --as mgr log pets
check "the refusal names the act" err_has "read a project's log"
expect_unchanged "a manager reads no whole log" --as mgr log
check "the whole log needs an admin" err_has "(needs admin)"
expect_unchanged "an annotator reads no project's log" --as ann log news
expect_unchanged "a reviewer reads no log" --as rev log news
run --as mgr log news --user ann
check "a manager may filter by user" rc_is 0

# --- refusals that change nothing ----------------------------------------
expect_unchanged "--user that is no user" log --user nobody
check "--user: says so" err_has "log --user: no user 'nobody'"
expect_unchanged "an unknown project" log nope
check "an unknown project: says so" err_has "nope"
expect_usage "--limit 0" log --limit 0
expect_usage "--limit x" log --limit x
expect_usage "--offset -2" log --offset -2
expect_usage "--after y" log --after y
expect_usage "--since nonsense" log --since nonsense
expect_usage "two projects" log news pets
check "two projects: says so" err_has "one too many"
expect_usage "an unknown option" log --users mgr

# A removed user's records stay found; --user is who acted, not on whom.
run user remove mgr
run log --user mgr --json
check "--user: a removed user's records" test "$(jfield action)" = "project.edit"

done_testing
