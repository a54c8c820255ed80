#!/bin/bash
# The binary's basics: version, help, unknown commands and options, init,
# whoami, the database search order, backup.
. "$SRCDIR/tests/cli/lib.sh"

run --version
check "--version" rc_is 0
check "--version prints the version" out_has "scalec "

run --help
check "--help" rc_is 0
check "--help lists init" out_has "init"

run help init
check "help init shows its usage" out_has "usage: scalec"

run frobnicate
check "unknown command is a usage error" rc_is 2
check "unknown command is named" err_has "'frobnicate' is not a scalec command"

run ini
check "no prefix guessing" rc_is 2

run --bogus whoami
check "unknown global option" rc_is 2

run whoami
check "no database yet" rc_is 1
check "no database says how to create one" err_has "run 'scalec init'"

run init
check "init" rc_is 0
check "init names the admin" out_has "are its admin"
me=$(id -un)

run init
check "second init refused" rc_is 1
check "second init says why" err_has "already initialised"

run whoami --json
check "whoami --json" rc_is 0
check "whoami is the login" out_has "\"name\": \"$me\""
check "whoami is admin" out_has '"role": "admin"'

run whoami --frob
check "unknown command option" rc_is 2
check "unknown option named" err_has "unknown option '--frob'"

# The search order: --db, then SCALEC_DB, then the user's config.
run --db "$T/other.db" whoami
check "--db wins over SCALEC_DB" rc_is 1
check "--db path is used" err_has "$T/other.db"

mkdir -p "$HOME/.config/scalec"
printf 'database: %s/cfg.db\n' "$T" > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" init >/dev/null 2>&1 )
if [ -f "$T/cfg.db" ]; then ok "config.yaml database: is used"; else not_ok "config.yaml database: is used"; fi
mkdir -p "$T/xdg"
( unset SCALEC_DB; XDG_CONFIG_HOME="$T/xdg" XDG_DATA_HOME="$T/data" "$SCALEC" init >/dev/null 2>&1 )
if [ -f "$T/data/scalec/scalec.db" ]; then ok "XDG_DATA_HOME default"; else not_ok "XDG_DATA_HOME default"; fi
printf 'database: [unclosed\n' > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
check "a broken config.yaml is reported with its position" err_has "config.yaml:"
rm -f "$HOME/.config/scalec/config.yaml"

run backup "$T/copy.db"
check "backup" rc_is 0
check "backup copy is a database" test "$(sqlite3 "$T/copy.db" 'select count(*) from user')" = 1
run backup "$T/copy.db"
check "backup never overwrites" rc_is 1

# A newer schema is refused and left alone.
cp "$SCALEC_DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
run --db "$T/newer.db" whoami
check "newer schema refused" rc_is 1
check "newer schema says upgrade" err_has "newer than this scalec knows"

# --as: only an admin; an unknown user is refused.
run --as nobody whoami
check "--as unknown user" rc_is 1
check "--as unknown user named" err_has "no user 'nobody'"

done_testing
