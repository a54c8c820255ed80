#!/bin/bash
# Opening a file that is not a scalec database this binary may open
# changes nothing: another program's database (rollback or WAL), an empty
# file, /dev/null, a newer schema and a file that is not a database are
# each refused, byte for byte as they were, with nothing left beside them
# (-wal, -shm, -journal). A database from before the application id is
# recognised by its tables and migrated.
. "$SRCDIR/tests/cli/lib.sh"

# state FILE: its checksum and the files beside it.
state() {
	sha256sum <"$1"
	ls -a "$(dirname "$1")" | grep -F -- "$(basename "$1")" || true
}

# refused NAME FILE TEXT: 'scalec --db FILE project list' fails with TEXT
# and FILE is as it was.
refused() {
	_before=$(state "$2")
	run --db "$2" project list
	check "$1: refused" rc_is 1
	check "$1: says why" err_has "scalec: $2: $3"
	if [ "$(state "$2")" = "$_before" ]; then
		ok "$1: unchanged, nothing beside it"
	else
		not_ok "$1: unchanged, nothing beside it"
		diag "before: $_before" "after: $(state "$2")"
	fi
}

mkdir "$T/f"
sqlite3 "$T/f/app.db" "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);
    PRAGMA user_version = 1;"
refused "another program's database" "$T/f/app.db" "not a scalec database"
run --db "$T/f/app.db" init
check "init on it: refused" rc_is 1
check "init on it: unchanged" test "$(sqlite3 "$T/f/app.db" \
    'PRAGMA journal_mode')" = delete

sqlite3 "$T/f/walapp.db" "PRAGMA journal_mode = WAL; CREATE TABLE n (x);" \
    >/dev/null
refused "another program's WAL database" "$T/f/walapp.db" \
    "not a scalec database"

sqlite3 "$T/f/tagged.db" "PRAGMA application_id = 1234; CREATE TABLE n (x);"
refused "a database with another application id" "$T/f/tagged.db" \
    "not a scalec database (another program's SQLite database:"\
" application_id 0x000004d2)"

: >"$T/f/empty"
refused "an empty file" "$T/f/empty" "not a scalec database (an empty file"
check "an empty file stays empty" test ! -s "$T/f/empty"

printf 'name,age\nann,3\n' >"$T/f/people.csv"
refused "a file that is not a database" "$T/f/people.csv" \
    "not a scalec database (the file is not an SQLite database)"

run --db /dev/null project list
check "/dev/null: refused" rc_is 1
check "/dev/null: says it is a device" \
    err_has "scalec: /dev/null: not a scalec database (a character device)"
check "/dev/null: still a device, nothing beside it" \
    test -c /dev/null -a ! -e /dev/null-journal -a ! -e /dev/null-wal

# A newer scalec's database: refused before WAL is switched on.
run --db "$T/f/new.db" init
check "init makes a database" rc_is 0
sqlite3 "$T/f/new.db" "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999" \
    >/dev/null
refused "a newer schema" "$T/f/new.db" \
    "the database has schema version 999, newer than this scalec knows"
check "a newer schema: not switched to WAL" \
    test "$(sqlite3 "$T/f/new.db" 'PRAGMA journal_mode')" = delete

# A database from before the application id (application_id 0, scalec's
# tables, the schema before the id's migration: lib.sh's before_id) is
# scalec's: it is migrated and gets the id.
run --db "$T/f/old.db" init
before_id "$T/f/old.db"
run --db "$T/f/old.db" project list
check "a database from before the id: opened" rc_is 0
check "a database from before the id: gets it" \
    test "$(sqlite3 "$T/f/old.db" 'PRAGMA application_id')" = 1396916556
# The same without scalec's tables is not scalec's.
sqlite3 "$T/f/v1.db" "CREATE TABLE user (x); PRAGMA user_version = 1;"
refused "schema 1 without scalec's tables" "$T/f/v1.db" \
    "not a scalec database"

done_testing
