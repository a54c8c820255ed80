#!/bin/bash
# scalec doctor (what is wrong with an installation, changing nothing),
# scalec migrate [--dry-run], and the modes of what scalec creates: the
# database and its backups 0600 whatever the umask.
. "$SRCDIR/tests/cli/lib.sh"
need python3 python3

# files: the database's directory, names and modes, for before/after.
files() { (cd "$T" && stat -c '%n %a' test.db* | sort); }

umask 022
run init
check "init: done" rc_is 0
# This scalec's schema, and the one before the application id (lib.sh's
# before_id makes a database of it).
latest=$(sqlite3 "$SCALEC_DB" 'PRAGMA user_version')
prev=$before_id_schema
check "a new database is 0600 whatever the umask" \
    test "$(stat -c %a "$SCALEC_DB")" = 600
run backup "$T/copy.db"
check "a backup is 0600" test "$(stat -c %a "$T/copy.db")" = 600

run doctor
check "doctor: a fresh database is fine" rc_is 0
check "doctor: says so" out_has "No problems found."
check "doctor: names the database" out_has "database $SCALEC_DB"
check "doctor: the mode is fine" \
    out_has "ok       the database is not readable by every local user (mode 0600)"
check "doctor: WAL" out_has "ok       in WAL mode"
check "doctor: integrity" \
    out_has "ok       the integrity check finds nothing wrong"
check "doctor: the schema" out_has "ok       schema $latest, this scalec's"
run doctor --help
check "doctor --help" out_has "usage: scalec [--db FILE] doctor"

# Each problem is found and nothing is changed.
chmod 644 "$SCALEC_DB"
sqlite3 "$SCALEC_DB" "PRAGMA journal_mode = DELETE" >/dev/null
before=$(db_dump); fs=$(files)
run doctor
check "doctor: problems exit 1" rc_is 1
check "doctor: a world-readable database" out_has \
    "problem  the database is readable by every local user (mode 0644): chmod 600 $SCALEC_DB"
check "doctor: not in WAL mode" \
    out_has "problem  not in WAL mode (journal_mode delete)"
check "doctor: counts them" out_has "2 problems found."
check "doctor: the database unchanged" test "$(db_dump)" = "$before"
check "doctor: the files unchanged, still not WAL" test "$(files)" = "$fs" -a \
    "$(sqlite3 "$SCALEC_DB" 'PRAGMA journal_mode')" = delete
chmod 600 "$SCALEC_DB"

# A failed integrity check (an index that does not match its table).
cp "$SCALEC_DB" "$T/bad.db"
sqlite3 "$T/bad.db" "CREATE INDEX odd ON user(name); PRAGMA writable_schema = ON;
    UPDATE sqlite_schema SET sql = 'CREATE INDEX odd ON user(email)'
    WHERE name = 'odd';"
run --db "$T/bad.db" doctor
check "doctor: an integrity failure" rc_is 1
check "doctor: says what SQLite found" \
    out_has "problem  the integrity check fails"
check "doctor: SQLite's finding, indented" \
    out_has "         row 1 missing from index odd"

# An older schema: doctor and migrate --dry-run say what migrating does.
before_id "$SCALEC_DB"
before=$(db_dump); fs=$(files)
run doctor
check "doctor: an older schema" out_has \
    "problem  schema $prev, older than this scalec's ($latest): 'scalec migrate' migrates it"
check "doctor: with what the migration does" \
    out_has "PRAGMA application_id = 1396916556;"
run migrate --dry-run
check "migrate --dry-run: done" rc_is 0
check "migrate --dry-run: the backup" \
    out_has "back the database up to $SCALEC_DB.v$prev.bak"
check "migrate --dry-run: each migration" out_has \
    "migration $((prev + 1)) (schema $prev to $((prev + 1))):" && \
    out_has "migration $latest (schema $((latest - 1)) to $latest):"
check "migrate --dry-run: its statements" \
    out_has "        PRAGMA application_id = 1396916556;"
check "migrate --dry-run: says nothing changed" \
    out_has "Nothing was changed (--dry-run)."
check "migrate --dry-run: the database unchanged" test "$(db_dump)" = "$before"
check "migrate --dry-run: no backup made, the files unchanged" \
    test "$(files)" = "$fs"
check "migrate --dry-run: still schema $prev" \
    test "$(sqlite3 "$SCALEC_DB" 'PRAGMA user_version')" = $prev
run migrate
check "migrate: done" rc_is 0
check "migrate: says what it did" out_has \
    "Migrated $SCALEC_DB from schema $prev to $latest; the database as it was is in $SCALEC_DB.v$prev.bak."
check "migrate: schema $latest, with the id" \
    test "$(sqlite3 "$SCALEC_DB" 'PRAGMA user_version')" = $latest -a \
    "$(sqlite3 "$SCALEC_DB" 'PRAGMA application_id')" = 1396916556
check "migrate: the backup is at schema $prev, 0600" test "$(sqlite3 \
    "$SCALEC_DB.v$prev.bak" 'PRAGMA user_version')" = $prev -a \
    "$(stat -c %a "$SCALEC_DB.v$prev.bak")" = 600
run migrate
check "migrate again: nothing to do" \
    out_has "is at schema $latest, this scalec's: nothing to migrate."
run migrate --dry
check "migrate: no prefixes of options" rc_is 2

# Neither touches a file that is not scalec's.
printf 'not a database\n' >"$T/notes.txt"
run --db "$T/notes.txt" doctor
check "doctor: another file refused" rc_is 1
check "doctor: says what it is" err_has "not a scalec database"
run --db "$T/notes.txt" migrate
check "migrate: another file refused" rc_is 1
check "the other file unchanged" test "$(cat "$T/notes.txt")" = "not a database"

# doctor --json: the same findings, one object, for scripts. js EXPR
# prints a Python expression over the output's object d.
js() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <"$T/out"; }
run doctor --json
check "doctor --json: a fine database exits 0" rc_is 0
check "doctor --json: no problems, every check ok, nothing to migrate" \
    test "$(js '[d["problems"], sum(not f["ok"] for f in d["findings"]),
    d["schema"] == d["latest"], d["migration_plan"]]')" = "[0, 0, True, []]"
check "doctor --json: names the checks" test "$(js \
    '",".join(f["check"] for f in d["findings"])')" = "mode,journal,integrity,schema"
chmod 644 "$SCALEC_DB"
sqlite3 "$SCALEC_DB" "PRAGMA journal_mode = DELETE" >/dev/null
before=$(db_dump)
run doctor --json
check "doctor --json: problems exit 1" rc_is 1
check "doctor --json: the failed checks and their count" test "$(js \
    '[d["problems"], [f["check"] for f in d["findings"] if not f["ok"]]]')" = \
    "[2, ['mode', 'journal']]"
check "doctor --json: says what to do" test "$(js 'd["findings"][0]["message"]')" = \
    "the database is readable by every local user (mode 0644): chmod 600 $SCALEC_DB (660 for a group's database)"
check "doctor --json: nothing changed" test "$(db_dump)" = "$before"
chmod 600 "$SCALEC_DB"
sqlite3 "$SCALEC_DB" "PRAGMA user_version = $prev" >/dev/null
run doctor --json
check "doctor --json: an older schema, with the plan" test "$(js \
    '[d["schema"], d["latest"], d["migration_plan"][1]]')" = \
    "[$prev, $latest, 'migration $((prev + 1)) (schema $prev to $((prev + 1))):']"
sqlite3 "$SCALEC_DB" "PRAGMA user_version = $latest" >/dev/null

done_testing
