#!/bin/bash
# scalec user and scalec member, run by the admin who ran init: every
# subcommand, --json, and every bad input (the message, the exit code, and
# the database unchanged). Refusals by other roles, run as a second OS
# user, are in roles.sh.
. "$SRCDIR/tests/cli/lib.sh"

# expect_rc_unchanged RC NAME ARGS...: like expect_unchanged, for exit RC
# (2 for usage errors).
expect_rc_unchanged() {
	_want=$1; _what=$2; shift 2
	_before=$(db_dump)
	run "$@"
	_after=$(db_dump)
	check "$_what: exits $_want" rc_is "$_want"
	if [ "$_before" = "$_after" ]; then
		ok "$_what: database unchanged"
	else
		not_ok "$_what: database unchanged"
		diff <(echo "$_before") <(echo "$_after") | head -20 | \
		    sed 's/^/# /'
	fi
}

sql() { sqlite3 "$SCALEC_DB" "$1"; }
# jsonq EXPR: EXPR over the JSON output as j, e.g. "json_array_length(j)".
jsonq() { sqlite3 :memory: "SELECT $1 FROM (SELECT readfile('$T/out') AS j)"; }

me=$(id -un)
run init
check "init" rc_is 0

# --- user add ---------------------------------------------------------------
run user add alice
check "add with the default role" rc_is 0
check "add says so" out_is "Added user alice (annotator)."
check "alice is an annotator" test "$(sql "select role from user where name='alice'")" = annotator

run user add bob --role manager --email bob@example.org \
    --display-name "Bob B." --json
check "add --json" rc_is 0
check "add --json: name" out_has '"name": "bob"'
check "add --json: role" out_has '"role": "manager"'
check "add --json: email" out_has '"email": "bob@example.org"'
check "add --json: display_name" out_has '"display_name": "Bob B."'
check "add --json: removed_at null" out_has '"removed_at": null'
check "add --json is one object" test "$(jsonq "json_type(j)")" = object

run user add carol -r reviewer
check "add -r" rc_is 0
name32=abcdefghijklmnopqrstuvwxyz_01234
run user add "$name32"
check "a 32-character name is fine" rc_is 0
run user add _svc.bot-1
check "underscore, dot, dash and digits" rc_is 0

# Logins from a directory service have capitals, digits first, and '@'.
for good in Alice.Smith 2fa-bot "jdoe@corp.example.com"; do
	run user add "$good"
	check "login-style name '$good'" rc_is 0
done

# A name that differs from a user's only in case is a slip, refused unless
# it is a login on this host (getpwnam), and then added with a warning. In
# a database of its own, so that the users here stay as they are.
main_db=$SCALEC_DB
export SCALEC_DB=$T/case.db
run init
run user add alice
run user add Alice.Smith
run user remove Alice.Smith
expect_unchanged "a name like alice but for case" user add Alice
check "the case twin: says which user it is like" \
    err_is "scalec: 'Alice' differs from user 'alice' only in case and is not a login on this host: not added (did you mean 'alice'?)"
expect_unchanged "a removed user's case twin too" user add ALICE.SMITH
check "a case twin of a login-style name named" err_has "user 'Alice.Smith' only in case"
run user add alice
check "re-adding the very name is not a case twin" err_has "already"
run user add Alice.Smith
check "restoring a removed user by the very name is not a case twin" out_has "Restored user Alice.Smith"
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null 2>&1; then
	# Two logins that differ only in case, made for this test (useradd
	# takes capitals with --badname), kept for the next run.
	for login in scalec-case Scalec-case; do
		id -u "$login" >/dev/null 2>&1 ||
		    useradd -M -d /nonexistent -s /usr/sbin/nologin --badname \
		    "$login" 2>/dev/null || id -u "$login" >/dev/null 2>&1
	done
fi
if id -u scalec-case >/dev/null 2>&1 && id -u Scalec-case >/dev/null 2>&1; then
	run user add scalec-case
	check "a login" rc_is 0
	run user add Scalec-case
	check "its case twin, a login too, is added" rc_is 0
	check "with a warning that both are logins" \
	    err_is "scalec: warning: 'Scalec-case' differs from user 'scalec-case' only in case; added, as both are logins on this host"
	check "both are users" test "$(sqlite3 "$SCALEC_DB" "SELECT count(*) FROM user WHERE name IN ('scalec-case', 'Scalec-case')")" = 2
	# A login beside a user that is none: added, and the warning says so.
	sqlite3 "$SCALEC_DB" "UPDATE user SET name = 'SCALEC-case' WHERE name = 'Scalec-case'"
	sqlite3 "$SCALEC_DB" "DELETE FROM user WHERE name = 'scalec-case'"
	run user add scalec-case
	check "a login beside a user that is no login is added" rc_is 0
	check "and the warning says which is none" \
	    err_has "added, as it is a login on this host ('SCALEC-case' is not)"
else
	ok "# SKIP two logins that differ only in case: not root, and no such logins"
fi
export SCALEC_DB=$main_db

expect_unchanged "duplicate user" user add alice
check "duplicate user: says so" err_has "user 'alice' already exists"
expect_unchanged "duplicate of the admin" user add "$me"

for bad in 1234 "al ice" "al/ice" "${name32}${name32}x" "-alice" ".alice" \
    "@alice" "al;ice" "élise"; do
	expect_unchanged "bad name '$bad'" user add -- "$bad"
	check "bad name '$bad': explained" err_has "is not a user name"
done
expect_unchanged "empty name" user add ""
check "empty name: explained" err_has "is not a user name"

expect_rc_unchanged 2 "unknown role" user add dave --role boss
check "unknown role: named with the roles" \
    err_has "--role: 'boss' is not a role (admin, manager, reviewer, annotator)"
expect_rc_unchanged 2 "role names are exact" user add dave --role Admin
expect_rc_unchanged 2 "--role needs a value" user add dave --role
check "--role needs a value: says so" err_has "needs a value"
expect_unchanged "bad email" user add dave --email not-an-address
check "bad email: says so" err_has "'not-an-address' is not an email address"
expect_unchanged "email with a space" user add dave --email "a b@c.d"
expect_unchanged "control characters in a display name" \
    user add dave --display-name "$(printf 'a\033[31mb')"
check "control characters: says so" err_has "control characters"
expect_unchanged "invalid UTF-8 in a display name" \
    user add dave --display-name "$(printf 'caf\xe9')"
check "invalid UTF-8: says so" err_has "must be UTF-8 text"
expect_rc_unchanged 2 "unknown option" user add dave --frob
check "unknown option: named" err_has "unknown option '--frob'"
expect_rc_unchanged 2 "add without a name" user add
expect_rc_unchanged 2 "add with two names" user add dave erin
expect_rc_unchanged 2 "unknown subcommand" user frob
check "unknown subcommand: named" err_has "'frob' is not a user subcommand"
expect_rc_unchanged 2 "no subcommand" user
expect_rc_unchanged 2 "no prefix guessing" user ad dave

# A display name holds nothing a terminal would act on: C0 and C1
# controls and bidi controls are refused, naming what was found.
for _c in '\x1b' '\xc2\x9b' '\xe2\x80\xae' '\xe2\x81\xa6' '\x7f'; do
	expect_unchanged "display name with $_c refused" \
	    user add mallory --display-name "$(printf "evil${_c}admin")"
	check "display name with $_c: says why" \
	    err_has "a display name may not hold control characters"
done
run user add mallory --display-name "$(printf 'evil\xe2\x80\xaeadmin')"
check "the bidi override: named" err_has "control characters (<U+202E>)"
expect_unchanged "edit refuses a C1 control too" \
    user edit bob --display-name "$(printf 'B\xc2\x85ob')"
check "edit: named" err_has "control characters (<U+0085>)"
run user add mallory --display-name "Mallory 马"
check "a display name in any script is taken" rc_is 0
# One stored before names were checked is shown escaped.
sqlite3 "$SCALEC_DB" "UPDATE user SET display_name = 'evil' || char(8238) ||
    'admin' WHERE name = 'mallory'"

# --- user list --------------------------------------------------------------
run user list
check "list" rc_is 0
check "list has a header" out_has "NAME"
check "list shows alice" out_has "alice"
check "list shows bob's email" out_has "bob@example.org"
check "list shows the admin" out_has "$me"
check "list escapes a bidi override" out_has "evil<U+202E>admin"
check "list writes no raw bidi override" \
    bash -c "! grep -q $'\xe2\x80\xae' '$T/out'"
run user list --json
check "list --json" rc_is 0
check "list --json is an array of every user" \
    test "$(jsonq "json_type(j) || json_array_length(j)")" = array10
expect_rc_unchanged 2 "list takes no arguments" user list alice

# --- user show --------------------------------------------------------------
run user show bob
check "show" rc_is 0
check "show: display name" out_has "Bob B."
check "show: role" out_has "manager"
check "show: no projects yet" out_has "none"
check "show: annotation counts" out_has "0 submitted"
expect_unchanged "show an unknown user" user show nobody
check "show an unknown user: says so" err_has "no user 'nobody'"
expect_rc_unchanged 2 "show without a name" user show

# --- user edit and user role -------------------------------------------------
run user edit alice --email alice@example.org --display-name "Alice A."
check "edit" rc_is 0
check "edit says so" out_is "Updated user alice."
check "edit wrote the email" test "$(sql "select email from user where name='alice'")" = alice@example.org
run user edit alice --role reviewer --json
check "edit --role --json" rc_is 0
check "edit --json shows the new role" out_has '"role": "reviewer"'
expect_rc_unchanged 2 "edit with nothing to change" user edit alice
check "edit with nothing to change: says so" err_has "nothing to change"
expect_unchanged "edit an unknown user" user edit nobody --email a@b.c
check "edit an unknown user: says so" err_has "no user 'nobody'"
expect_unchanged "edit with a bad email" user edit alice --email nope
expect_rc_unchanged 2 "edit with an unknown role" user edit alice --role god

run user role alice annotator
check "role" rc_is 0
check "role says what it was" out_is "alice is now annotator (was reviewer)."
run user role alice annotator
check "role unchanged" out_is "alice: nothing changed."
run user role carol manager --json
check "role --json" out_has '"role": "manager"'
expect_rc_unchanged 2 "role: unknown role" user role alice boss
check "role: unknown role named" err_has "'boss' is not a role"
expect_unchanged "role: unknown user" user role nobody manager
expect_rc_unchanged 2 "role without ROLE" user role alice
expect_unchanged "demoting the last admin" user role "$me" manager
check "demoting the last admin: says so" err_has "they are the last admin"
expect_unchanged "demoting the last admin with edit" user edit "$me" --role annotator

# --- member -----------------------------------------------------------------
# A project to work in: through 'project create' where it exists.
make_project() {
	if ! "$SCALEC" project create "$1" --type text-classification \
	    --labels yes,no >/dev/null 2>&1; then
		diag "project create failed; inserting $1 with sqlite3"
		sql "INSERT INTO project (name, type, config, created_at,
		    updated_at) VALUES ('$1', 'text-classification',
		    'controls: []', '2026-01-01T00:00:00Z',
		    '2026-01-01T00:00:00Z')"
	fi
}
make_project news
make_project other

run member add news alice
check "member add" rc_is 0
check "member add says so" out_is "Added alice to news as annotator."
run member add news bob --role reviewer --json
check "member add --json" rc_is 0
check "member add --json: role" out_has '"role": "reviewer"'
check "member add --json: project" out_has '"project": "news"'
run member add news alice
check "member add again keeps the role" out_is "alice already has the role annotator in news."
run member add news alice --role manager
check "member add changes a role" out_is "alice is now manager in news (was annotator)."
run member add other alice --role reviewer
check "member of a second project" rc_is 0

run member list news
check "member list" rc_is 0
check "member list header" out_has "GLOBAL ROLE"
check "member list: alice as manager" grep -qE '^alice +manager +annotator' "$T/out"
check "member list: bob" out_has "bob"
run member list news --json
check "member list --json is an array of 2" \
    test "$(jsonq "json_type(j) || json_array_length(j)")" = array2
check "member list --json: global_role" out_has '"global_role": "annotator"'

run user show alice
check "show lists memberships" out_has "news (manager), other (reviewer)"
run user show alice --json
check "show --json lists memberships" out_has '"project": "news"'
check "show --json has annotations by state" out_has '"submitted": 0'

expect_unchanged "member add: unknown project" member add nope alice
check "member add: unknown project named" err_has "no project 'nope'"
expect_unchanged "member add: unknown user" member add news nobody
check "member add: unknown user says how to add" err_has "'scalec user add nobody'"
expect_rc_unchanged 2 "member add: unknown role" member add news alice --role chief
expect_rc_unchanged 2 "member add: missing user" member add news
expect_rc_unchanged 2 "member: unknown option" member list news --frob
expect_rc_unchanged 2 "member: unknown subcommand" member frob
expect_unchanged "member list: unknown project" member list nope

run member remove news bob
check "member remove" rc_is 0
check "member remove says the global role holds" out_has "global role (manager)"
expect_unchanged "member remove: not a member" member remove news bob
check "member remove: not a member says so" err_has "bob is not a member of news"
expect_unchanged "member remove: unknown user" member remove news nobody
expect_unchanged "member remove: unknown project" member remove nope bob
run member remove other alice --json
check "member remove --json" out_has '"role": null'

# --- user remove: annotations are kept ---------------------------------------
# Annotations of carol's, written directly (no annotate command here).
sql "INSERT INTO task (project_id, kind, text, created_at)
    SELECT id, 'text', 'a text', '2026-01-01T00:00:00Z' FROM project
    WHERE name = 'news';
    INSERT INTO task (project_id, kind, text, created_at)
    SELECT id, 'text', 'another', '2026-01-01T00:00:00Z' FROM project
    WHERE name = 'news';
    INSERT INTO annotation (task_id, user_id, state, created_at, updated_at)
    SELECT t.id, u.id, CASE t.text WHEN 'a text' THEN 'submitted'
    ELSE 'draft' END, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
    FROM task t, user u WHERE u.name = 'carol';"
run user show carol
check "show counts annotations by state" out_has "1 draft, 1 submitted, 0 skipped"
run member add news carol
run user remove carol
check "remove" rc_is 0
check "remove says the annotations are kept" out_is "Removed user carol; their 2 annotations are kept."
check "the row stays, with removed_at" test "$(sql "select removed_at is not null from user where name='carol'")" = 1
check "the annotations stay" test "$(sql "select count(*) from annotation a join user u on u.id=a.user_id where u.name='carol'")" = 2
check "the memberships go" test "$(sql "select count(*) from member m join user u on u.id=m.user_id where u.name='carol'")" = 0
run user list
check "list leaves out removed users" bash -c "! grep -q carol '$T/out'"
run user list --all
check "list --all shows removed users" out_has "carol"
check "list --all has a REMOVED column" out_has "REMOVED"
run user list --all --json
check "list --all --json: removed_at set" \
    test "$(jsonq "(SELECT json_type(value, '\$.removed_at') FROM json_each(j) WHERE json_extract(value, '\$.name') = 'carol')")" = text
run user show carol
check "a removed user can be shown" out_has "removed"
expect_unchanged "remove a removed user" user remove carol
check "remove a removed user: no such user" err_has "no user 'carol'"
expect_unchanged "edit a removed user" user edit carol --email c@d.e
expect_unchanged "member add a removed user" member add news carol

run user add carol
check "re-adding restores" rc_is 0
check "re-adding says restored" out_is "Restored user carol (manager)."
check "restored: one row, not two" test "$(sql "select count(*) from user where name='carol'")" = 1
check "restored: removed_at cleared" test "$(sql "select removed_at is null from user where name='carol'")" = 1
run user show carol --json
check "restored: the annotations are theirs" out_has '"submitted": 1'

expect_unchanged "remove an unknown user" user remove nobody
expect_unchanged "remove the last admin" user remove "$me"
check "remove the last admin: says so" err_has "they are the last admin"
run user role bob admin
check "a second admin" rc_is 0
expect_unchanged "remove yourself" user remove "$me"
check "remove yourself: says so" err_has "that is you"
run user remove bob --json
check "remove --json" rc_is 0
check "remove --json: removed_at set" bash -c "! grep -q '\"removed_at\": null' '$T/out'"
check "remove --json: the user" out_has '"name": "bob"'
expect_rc_unchanged 2 "remove: unknown option" user remove alice --force

# --- the audit log ----------------------------------------------------------
check "every write is audited" test "$(sql "select group_concat(action, ',') from (select distinct action from audit where action like 'user %' or action like 'member %' order by action)")" = "member add,member remove,user add,user edit,user remove,user restore,user role"
check "audit names the real login" test "$(sql "select count(*) from audit a join user u on u.id = a.real_user_id where u.name = '$me' and a.action = 'user add'")" -ge 5

# --- help -------------------------------------------------------------------
run user --help
check "user --help" rc_is 0
check "user --help lists the subcommands" out_has "scalec user remove USER"
run help user
check "help user" rc_is 0
run user add --help
check "user add --help shows the options" out_has "--display-name"
run member --help
check "member --help" out_has "scalec member add PROJECT USER"
run --help
check "scalec --help lists user and member" bash -c "grep -q '^ *user ' '$T/out' && grep -q '^ *member ' '$T/out'"

done_testing
