#!/bin/bash
# Notifications as people meet them: being added to a project or given
# another role tells you, a project reaching 100% tells its managers (and
# only them), each in the transaction of its event; scalec inbox lists
# them newest first with the unread ones marked (--all, --json, a window),
# inbox read marks them, and every refusal (another's id, an unknown one)
# is exit 1 with the database unchanged. Then the one-line notice on a
# terminal (script(1) gives one): said once for the same ones, again for
# new ones, never on a pipe, never under --as, and a read-only command
# stays read-only: the database dumped before and after, what was said
# kept under $XDG_STATE_HOME/scalec, 0600.
. "$SRCDIR/tests/cli/lib.sh"

need script bsdutils

sql() { sqlite3 "$SCALEC_DB" "$1"; }
jsonq() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$T/out') AS j)"; }
me=$(id -un)
uid() { sql "select id from user where name = '$1'"; }
# ids: the rows after the header, each id with a * when unread.
ids() { sed 1d "$T/out" | awk '{ printf "%s%s ", $1, ($2 == "*" ? "*" : "") }'; }
export XDG_STATE_HOME="$T/state"

run init
run user add bob --role annotator
run user add ann --role annotator
run user add rita --role reviewer
run project create news --type text-classification --labels a,b
printf 'one\ntwo\n' > "$T/t.txt"
run import news "$T/t.txt" --format txt

# --- membership tells the member -----------------------------------------
run member add news bob --role manager
check "member add: done" rc_is 0
check "member add: bob is told, in the same transaction as the audit" \
    test "$(sql "select kind || ':' || body || ':' || (select name from user where id = actor_id) from notification where user_id = $(uid bob)")" = "member_added:manager:$me"
run member add news ann
run member add news ann
check "the same role again tells nothing new" \
    test "$(sql "select count(*) from notification where user_id = $(uid ann)")" = 1
run member add news ann --role reviewer
check "a role changed: ann is told, old -> new" \
    test "$(sql "select body from notification where user_id = $(uid ann) and kind = 'member_role'")" = "annotator -> reviewer"
run member add news ann --role annotator
run --as bob member add news bob --role manager
check "nobody is told of their own act" \
    test "$(sql "select count(*) from notification where user_id = $(uid bob)")" = 1

# --- 100% tells the managers ---------------------------------------------
printf '1 1\n' > "$T/keys"
run --as ann annotate news --keys "$T/keys"
check "annotate: the last task submitted" \
    test "$(sql "select done_count || '/' || task_count from project")" = 2/2
check "100%: the project's manager is told once" \
    test "$(sql "select count(*) || ':' || body || ':' || (select name from user where id = actor_id) from notification where kind = 'project_done'")" = "1:2 tasks:ann"
check "100%: to bob, the manager member; not the admin, nor ann who did it" \
    test "$(sql "select user_id from notification where kind = 'project_done'")" = "$(uid bob)"

# --- scalec inbox ---------------------------------------------------------
run --as bob inbox
check "inbox: exit 0" rc_is 0
check "inbox: the header" out_has "ID"
check "inbox: newest first, unread marked" test "$(ids)" = "5* 1* "
check "inbox: 100% in words" out_has "the project reached 100% (2 tasks)"
check "inbox: the membership in words" out_has "$me added you as manager"
run --as bob inbox list --json
check "inbox list --json: an array, newest first" \
    test "$(jsonq "j->0->>'kind'"),$(jsonq "j->0->>'unread'"),$(jsonq "j->0->>'actor'"),$(jsonq "j->>'\$[#]'")" = "project_done,1,ann,"
check "inbox --json: every field" test "$(jsonq "json_array_length(j)"):$(jsonq "j->1->>'body'"):$(jsonq "j->1->>'project'"):$(jsonq "j->1->>'count'")" = "2:manager:news:1"
run --as bob inbox --limit 1
check "inbox --limit 1: the newest" test "$(sed 1d "$T/out" | wc -l)" = 1
run --as bob inbox --after 5
check "inbox --after 5: the older ones" test "$(sed 1d "$T/out" | awk '{print $1}')" = 1

# Refusals: nothing marked, exit 1.
expect_unchanged "inbox read: another's notification" --as bob inbox read 2
check "...says whose" err_is "scalec: no notification 2 of yours"
expect_unchanged "inbox read: one of them another's" --as bob inbox read 1 2
expect_unchanged "inbox read: an unknown id" --as bob inbox read 999
check "...names it" err_has "no notification 999 of yours"
expect_usage "inbox read: neither IDs nor --all" --as bob inbox read
check "...says what it needs" err_has "inbox read needs ID... or --all"
expect_usage "inbox read: IDs and --all" --as bob inbox read 1 --all
expect_usage "inbox read: not a number" --as bob inbox read x1
check "...says what an id is" err_has "'x1' is not a notification id"

run --as bob inbox read 1
check "inbox read 1: done" out_is "Marked 1 notification read."
check "inbox read 1: stored" test -n "$(sql "select read_at from notification where id = 1")"
check "inbox read: audited" test "$(sql "select count(*) from audit where action = 'inbox read'")" = 1
run --as bob inbox
check "inbox: the read one is gone" test "$(sed 1d "$T/out" | awk '{print $1}')" = 5
run --as bob inbox --all
check "inbox --all: both, the read one unmarked" test "$(ids)" = "5* 1 "
run --as bob inbox read 1
check "inbox read of one read already: nothing marked" out_is "Marked 0 notifications read."
run --as bob inbox read --all
check "inbox read --all" out_is "Marked 1 notification read."
check "inbox read --all: bob has none unread, ann hers" \
    test "$(sql "select user_id, count(*) from notification where read_at is null group by user_id")" = "$(uid ann)|3"

# A review's words, and its comment escaped: what a reviewer typed never
# reaches the terminal raw. (The review commands write these; here the
# rows are made directly, as the store's notify_add would.)
sql "insert into notification (user_id, seq, project_id, kind, actor_id,
    task_id, annotation_id, body, created_at, updated_at) values
    ($(uid ann), 100, 1, 'rejected', $(uid bob), 2, 7,
    'wrong' || char(27) || '[2J label', '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00Z'),
    ($(uid ann), 101, 1, 'fixed', $(uid bob), 1, 6, '',
    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ($(uid ann), 102, 1, 'from_a_newer_scalec', NULL, NULL, NULL, 'hi',
    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
run --as ann inbox
check "rejected: in words, with the comment escaped" \
    out_has "bob rejected your annotation 7 (task 2): wrong^[[2J label"
check "...no escape byte out" test "$(tr -dc '\033' <"$T/out" | wc -c)" = 0
check "fixed without a comment" out_has "bob fixed your annotation 6 (task 1)"
check "a kind this scalec does not know: its name and body" \
    out_has "from_a_newer_scalec: hi"
run --as ann inbox --json
check "--json: the comment exact, JSON-escaped" \
    out_has '"body": "wrong\u001B[2J label"'
run --as ann inbox read --all

# --- the notice on a terminal ---------------------------------------------
# tty ARGS...: scalec on a terminal (script), its output (stdout and
# stderr both: the pty is both) in $T/tty.
tty() {
	script -qec "$SCALEC $*" /dev/null </dev/null >"$T/tty" 2>&1
	trc=$?
	tr -d '\r' <"$T/tty" >"$T/tty.txt"
}
said() { grep -c "you have new notifications" "$T/tty.txt"; }
notice="scalec: you have new notifications (1 unread): 'scalec inbox' lists them"

run --as bob member add news "$me" --role reviewer
before=$(db_dump)
tty project list
check "on a terminal: said, one line" test "$trc" = 0 -a "$(said)" = 1
check "...after the command's output, as it reads" \
    test "$(tail -1 "$T/tty.txt")" = "$notice"
check "a read-only command stays read-only: the database unchanged" \
    test "$(db_dump)" = "$before"
state=$(ls "$T/state/scalec/")
check "what was said is kept under XDG_STATE_HOME/scalec, 0600" \
    test "$(stat -c %a "$T/state/scalec/$state")" = 600 -a \
    "$(stat -c %a "$T/state/scalec")" = 700
check "...no temporary left" test "$(ls -A "$T/state/scalec" | wc -l)" = 1
tty project list
check "twice: not said again" test "$(said)" = 0
run project list
check "on a pipe: never" test ! -s "$T/err"
tty --as bob project list
check "under --as: not told of another's inbox" test "$(said)" = 0
run --as bob member add news "$me" --role manager
run project list
check "new ones on a pipe: nothing" test ! -s "$T/err"
tty project list
check "new ones on a terminal: said" test "$(said)" = 1
check "...with the count" grep -qF "(2 unread)" "$T/tty.txt"

# scalec inbox on a terminal shows them: no notice after it.
run --as bob member add news "$me" --role reviewer
tty inbox
check "inbox on a terminal: lists them" grep -qF "changed your role: manager -> reviewer" "$T/tty.txt"
check "...and no notice" test "$(said)" = 0
tty project list
check "...nor after it, for the ones it showed" test "$(said)" = 0

# A database the person may only read (another OS user's): still said,
# still read-only.
if other_user; then
	run user add "$OTHER" --role annotator
	run member add news "$OTHER"
	chmod 644 "$SCALEC_DB"
	chmod 755 "$T"
	before=$(db_dump); files_before=$(ls -l "$T" | grep test.db)
	as_other env HOME="$T/home-other" SCALEC_DB="$SCALEC_DB" \
	    XDG_STATE_HOME="$T/home-other/state" script -qec \
	    "$T/scalec-other project list" /dev/null </dev/null >"$T/tty" 2>&1
	tr -d '\r' <"$T/tty" >"$T/tty.txt"
	check "a read-only database: said" test "$(said)" = 1
	check "a read-only database: unchanged" test "$(db_dump)" = "$before"
	check "a read-only database: no file beside it changed" \
	    test "$(ls -l "$T" | grep test.db)" = "$files_before"
else
	ok "# SKIP read-only database: $OTHER_WHY"
fi

done_testing
