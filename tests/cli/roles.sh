#!/bin/bash
# Roles, run as a second OS user: scalec knows who acts from getuid(), so
# the only honest test of a refusal is another login. As root (CI) this
# makes the OS user scalec-ann when it is missing and runs the binary as it
# with setpriv (or runuser); otherwise it needs passwordless sudo to that
# user, or it is skipped.
#
# Shown: a login that is not a user is refused with how to get added; an
# annotator is refused every managing act with "permission denied", exit 1
# and the database unchanged; a manager membership allows import and edit
# in that project only; --as is refused to a non-admin, and an admin's --as
# is recorded with the real login beside it.
. "$SRCDIR/tests/cli/lib.sh"

other_user || skip_all "$OTHER_WHY"
ANN=$OTHER

# refused NAME ARGS...: as the other user, exit 1, "permission denied" and
# the database exactly as before.
refused() {
	_what=$1; shift
	_before=$(db_dump)
	run_other "$@"
	_after=$(db_dump)
	check "$_what: exit 1" rc_is 1
	check "$_what: permission denied" err_has "permission denied"
	if [ "$_before" = "$_after" ]; then
		ok "$_what: database unchanged"
	else
		not_ok "$_what: database unchanged"
		diff <(echo "$_before") <(echo "$_after") | head -20 | \
		    sed 's/^/# /'
	fi
}

sql() { sqlite3 "$SCALEC_DB" "$1"; }
me=$(id -un)

run init
check "init (the admin is $me)" rc_is 0
chmod 666 "$SCALEC_DB"

run_other whoami
check "the other OS user is a different login" \
    bash -c "! grep -q '\"name\": \"$me\"' '$T/out'"

# --- a login that is not a user ------------------------------------------
_before=$(db_dump)
run_other whoami
check "not a user: refused" rc_is 1
check "not a user: says how to get added" err_has "ask an admin to run 'scalec user add $ANN'"
run_other user list
check "not a user: every command is refused" rc_is 1
check "not a user: database unchanged" test "$_before" = "$(db_dump)"

# --- set-up by the admin ----------------------------------------------------
run user add "$ANN"
check "user add $ANN (annotator by default)" rc_is 0
run user add bob --role reviewer
check "user add bob" rc_is 0
run user add carol
check "user add carol" rc_is 0

run project create news --type text-classification --labels pos,neg
check "project create news" rc_is 0
run project create other --type text-classification --labels pos,neg
check "project create other" rc_is 0
if [ "$(sql "SELECT count(*) FROM project")" != 2 ]; then
	# Without project create the membership checks below still run.
	diag "project create failed; inserting the projects with sqlite3"
	for p in news other; do
		sql "INSERT OR IGNORE INTO project (name, type, config,
		    created_at, updated_at) VALUES ('$p',
		    'text-classification', 'controls: []',
		    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
	done
fi
printf '{"text": "first"}\n{"text": "second"}\n' > "$T/data.jsonl"
printf 'a document\n' > "$T/doc.txt"
chmod 644 "$T/data.jsonl" "$T/doc.txt"
run import news "$T/data.jsonl"
check "the admin imports" rc_is 0

# --- an annotator may look, not manage --------------------------------------
run_other whoami --json
check "whoami as the annotator" rc_is 0
check "whoami: the login" out_has "\"name\": \"$ANN\""
check "whoami: annotator" out_has '"role": "annotator"'
run_other user list
check "an annotator may list users" rc_is 0
run_other member list news
check "an annotator may list members" rc_is 0

refused "annotator: project create" project create p2 --type text-classification --labels a,b
refused "annotator: project edit" project edit news --description changed
refused "annotator: project delete" project delete news --yes
refused "annotator: import" import news "$T/data.jsonl"
refused "annotator: export" export news -o "$T/export.jsonl"
check "annotator: export wrote no file" test ! -e "$T/export.jsonl"
refused "annotator: export to stdout" export news
check "annotator: export printed nothing" test ! -s "$T/out"
refused "annotator: file add" file add news "$T/doc.txt"
refused "annotator: user add" user add eve
refused "annotator: user remove" user remove bob
refused "annotator: user role" user role bob admin
refused "annotator: user role of themselves" user role "$ANN" admin
refused "annotator: user edit" user edit bob --email b@example.org
refused "annotator: member add" member add news bob
refused "annotator: member add of themselves" member add news "$ANN" --role manager
refused "annotator: member remove" member remove news bob
refused "annotator: file remove" file remove "$(sql "SELECT min(id) FROM task")"
refused "annotator: file remove by imported id" file remove id:x --project news
refused "annotator: backup" backup "$T/copy.db"
check "annotator: backup wrote no file" test ! -e "$T/copy.db"

# --- a manager membership holds in that project only --------------------------
run member add news "$ANN" --role manager
check "the admin makes $ANN manager of news" rc_is 0
tasks_before=$(sql "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'news'")
run_other import news "$T/data.jsonl" --skip-existing --allow-duplicates
check "manager of news: import news" rc_is 0
check "manager of news: the tasks are there" \
    test "$(sql "SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'news'")" -gt "$tasks_before"
run_other project edit news --description "edited by the project's manager"
check "manager of news: project edit news" rc_is 0
check "manager of news: the edit is there" \
    test "$(sql "SELECT description FROM project WHERE name = 'news'")" = "edited by the project's manager"
run_other export news
check "manager of news: export news" rc_is 0
run_other member add news carol --role reviewer
check "manager of news: member add in news" rc_is 0
refused "manager of news: may not give a role above their own" member add news carol --role admin
refused "manager of news: import other" import other "$T/data.jsonl"
refused "manager of news: project edit other" project edit other --description no
refused "manager of news: member add in other" member add other carol
refused "manager of news: still no project create" project create p3 --type text-classification --labels a,b
refused "manager of news: still no user add" user add eve
run import other "$T/data.jsonl"
check "the admin imports into other" rc_is 0
news_task=$(sql "SELECT max(t.id) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'news'")
other_task=$(sql "SELECT max(t.id) FROM task t JOIN project p ON p.id = t.project_id WHERE p.name = 'other'")
refused "manager of news: file remove of a task in other, with one in news" \
    file remove "$news_task" "$other_task"
run_other file remove "$news_task" --yes
check "manager of news: file remove of a task in news" rc_is 0
check "the project manager's acts are theirs" \
    test "$(sql "SELECT count(*) FROM audit a JOIN user u ON u.id = a.user_id JOIN user r ON r.id = a.real_user_id WHERE a.action = 'member add' AND u.name = '$ANN' AND r.name = '$ANN'")" = 1

# A membership also lowers: a manager who is an annotator in one project.
run user role bob manager
run member add other bob --role annotator
run --as bob project edit other --description lowered
check "a lower membership holds over a higher global role" rc_is 1
check "a lower membership: permission denied" err_has "permission denied"
run --as bob member add other carol
check "a lower membership: no member add there either" rc_is 1
check "a lower membership: member add says permission denied" err_has "permission denied"
run --as bob member add news carol --role annotator
check "a lower membership is for that project only" rc_is 0

# --- --as ----------------------------------------------------------------------
_before=$(db_dump)
run_other --as "$me" user add eve
check "--as by a non-admin: refused" rc_is 1
check "--as by a non-admin: says only admins" err_has "only an admin may act as another user"
check "--as by a non-admin: database unchanged" test "$_before" = "$(db_dump)"
run_other --as bob whoami
check "--as by a non-admin, even to look: refused" rc_is 1

run --as "$ANN" member add news bob --role annotator
check "--as by an admin works" rc_is 0
check "--as: the audit records the user and the real login" \
    test "$(sql "SELECT u.name || ' ' || r.name FROM audit a JOIN user u ON u.id = a.user_id JOIN user r ON r.id = a.real_user_id WHERE a.action = 'member add' AND a.detail LIKE 'bob %' AND a.object = 'news'")" = "$ANN $me"
run --as "$ANN" user add eve
check "--as takes the other user's role too" rc_is 1
check "--as takes the other user's role: permission denied" err_has "permission denied"
check "an admin-only act needs admin, with nothing above it" \
    err_has "may not manage users (needs admin)"
run --as "$ANN" whoami
check "--as: whoami shows who acts for whom" out_has "acting for"

# A database the other user may read but not write, in a folder they may
# not write: the message says so, not SQLite's "attempt to write a
# readonly database".
mkdir "$T/ro"
run backup "$T/ro/copy.db"
chmod 755 "$T/ro"
chmod 644 "$T/ro/copy.db"
run_other --db "$T/ro/copy.db" project list
check "a read-only database: exit 1" rc_is 1
check "a read-only database says it is read-only for you" \
    err_has "the database is read-only for you"

done_testing
