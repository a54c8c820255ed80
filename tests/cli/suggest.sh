#!/bin/bash
# "Did you mean": a mistyped command, subcommand, option, project or user
# is refused with the nearest names (and nothing changes); a global option
# after the command says where it goes.
. "$SRCDIR/tests/cli/lib.sh"

# refused RC NAME MESSAGE ARGS...: scalec ARGS exits RC, its first line
# of stderr is MESSAGE, and the database is as it was.
refused() {
	_want=$1; _what=$2; _msg=$3; shift 3
	_before=$(db_dump)
	run "$@"
	check "$_what: exits $_want" rc_is "$_want"
	check "$_what: says '$_msg'" test "$(head -1 "$T/err")" = "$_msg"
	check "$_what: database unchanged" test "$_before" = "$(db_dump)"
}

run init
run user add alice
run user add alina
run user add zed
run user add robert
run user remove robert
run project create news --type ner --labels PER
run project create reviews --type sentiment
check "set up" rc_is 0

# Commands and subcommands.
refused 2 "a mistyped command" \
    "scalec: 'projct' is not a scalec command; did you mean 'project'?" \
    projct list
refused 2 "a word near nothing" \
    "scalec: 'frobnicate' is not a scalec command; see 'scalec help'" \
    frobnicate
refused 2 "help of a mistyped command" \
    "scalec: 'imprt' is not a scalec command; did you mean 'import'?" \
    help imprt
refused 2 "a mistyped subcommand" \
    "scalec: 'lst' is not a project subcommand; did you mean 'list'?" \
    project lst
check "the usage follows" err_has "usage: scalec project create"
refused 2 "a subcommand near several" \
    "scalec: 'shw' is not a file subcommand; did you mean 'show'?" \
    file shw 1
refused 2 "a subcommand near none" \
    "scalec: 'qqqqqq' is not a user subcommand" \
    user qqqqqq

# Options.
refused 2 "--stat" \
    "scalec: unknown option '--stat'; did you mean '--status'?" \
    file list news --stat new
refused 2 "--jsn" \
    "scalec: unknown option '--jsn'; did you mean '--json'?" \
    project list --jsn
refused 2 "an option near none" \
    "scalec: unknown option '--zzzzzzzz'" \
    project list --zzzzzzzz
refused 2 "a mistyped global option" \
    "scalec: unknown option '--verison'; did you mean '--version'?" \
    --verison
refused 2 "a global option near none" \
    "scalec: unknown option '--frobnicate'; global options go before the command" \
    --frobnicate=1 project list
refused 2 "--db after the command" \
    "scalec: '--db' is a global option: it goes before the command (scalec --db FILE COMMAND ...)" \
    project list --db "$T/t.db"
check "--db after the command: no database made" test ! -e "$T/t.db"
refused 2 "--db between the command and its subcommand" \
    "scalec: '--db' is a global option: it goes before the command (scalec --db FILE COMMAND ...)" \
    project --db "$T/t.db" list
refused 2 "--as= after the command" \
    "scalec: '--as' is a global option: it goes before the command (scalec --as USER COMMAND ...)" \
    user list --as=alice
refused 2 "--version after the command" \
    "scalec: '--version' is a global option: it goes before the command (scalec --version COMMAND ...)" \
    whoami --version

# Projects.
refused 1 "a mistyped project" \
    "scalec: no project 'nwes'; did you mean 'news'?" \
    project show nwes
refused 1 "a mistyped project for export" \
    "scalec: no project 'reveiws'; did you mean 'reviews'?" \
    export reveiws
refused 1 "a project near none" \
    "scalec: no project 'zzzzzzzz'; 'scalec project list' shows them" \
    file list zzzzzzzz

# Users: a typo of a user is not a user to add.
refused 1 "member add P alcie" \
    "scalec: no user 'alcie'; did you mean 'alice'?" \
    member add news alcie
check "member add P alcie: no 'user add alcie'" test "$(grep -c 'user add' "$T/err")" = 0
refused 1 "member add P of a new name" \
    "scalec: no user 'bob'; an admin adds one with 'scalec user add bob'" \
    member add news bob
refused 1 "user role of a typo" \
    "scalec: no user 'alica'; did you mean 'alice' or 'alina'?" \
    user role alica manager
refused 1 "user show of a typo" \
    "scalec: no user 'zedd'; did you mean 'zed'?" \
    user show zedd
refused 1 "--as a typo" \
    "scalec: --as: no user 'alcie'; did you mean 'alice'?" \
    --as alcie whoami
refused 1 "export --user a typo" \
    "scalec: --user: no user 'alcie'; did you mean 'alice'?" \
    export news --user alcie
refused 1 "log --user a typo" \
    "scalec: log --user: no user 'alcie'; did you mean 'alice'?" \
    log --user alcie
refused 1 "a removed user is not suggested" \
    "scalec: no user 'robbert'; 'scalec user list' shows them" \
    user role robbert manager
refused 1 "names are data: escaped in the message" \
    "scalec: no user 'al^[ce'; did you mean 'alice'?" \
    user show "$(printf 'al\033ce')"

done_testing
