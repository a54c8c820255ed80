#!/bin/bash
# The shared-host mode as root sets it up: scalec setgid to a group, the
# shared database in a root:GROUP 2770 directory, 0660. A person outside
# the group cannot read the database with sqlite3 but works in it through
# scalec with their role; scalec reads and writes their files with their
# own rights only (an import of a file only the group may read, an export
# into a folder only the group may write: refused); --db naming another of
# the group's files does not open it with the group; the environment is
# cleaned (SCALEC_NOW, which fixes the clock, is not honoured). Needs root
# (CI runs as root) and a file system that honours setgid.
. "$SRCDIR/tests/cli/lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root to make a group, users and a setgid binary"
for t in groupadd useradd userdel groupdel setpriv findmnt; do
	command -v $t >/dev/null 2>&1 || skip_all "needs $t"
done
# A directory where setgid works: $T, else one in the build directory.
if findmnt -no OPTIONS -T "$T" | grep -qw nosuid; then
	rm -rf "$T"
	T=$(mktemp -d "$(pwd)/sharedhost.XXXXXX")
	chmod 755 "$T"
	findmnt -no OPTIONS -T "$T" | grep -qw nosuid &&
	    skip_all "/tmp and the build directory are mounted nosuid"
fi
unset SCALEC_DB

G=scalec-t$$
ADM=scalec-ta$$
MGR=scalec-tm$$
cleanup() {
	userdel "$ADM" 2>/dev/null
	userdel "$MGR" 2>/dev/null
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "$G" || skip_all "cannot create the group $G"
useradd -M -d /nonexistent -s /bin/sh "$ADM" &&
    useradd -M -d /nonexistent -s /bin/sh "$MGR" ||
    skip_all "cannot create the users $ADM and $MGR"

# The install step: the binary setgid to the group.
mkdir -p "$T/bin"
cp "$SCALEC" "$T/bin/scalec"
chgrp "$G" "$T/bin/scalec"
chmod 2755 "$T/bin/scalec"
DB=$T/shared/scalec.db

# as LOGIN ARGS...: runs ARGS as LOGIN (their own groups).
as() {
	_who=$1; shift
	setpriv --reuid="$(id -u "$_who")" --regid="$(id -g "$_who")" \
	    --init-groups env HOME=/nonexistent "$@" >"$T/out" 2>"$T/err" \
	    </dev/null
	rc=$?
}
scalec_as() { _w=$1; shift; as "$_w" "$T/bin/scalec" --db "$DB" "$@"; }
dump() { sqlite3 -readonly "$DB" .dump; }
err_lacks() { ! grep -qF -- "$1" "$T/err"; }

"$T/bin/scalec" --db "$DB" init --shared --admin "$ADM" --group "$G" \
    >"$T/out" 2>"$T/err"
rc=$?
check "init --shared: done" rc_is 0
check "init --shared: says what it made" \
    out_has "Made $T/shared: owner root, group $G, mode 2770"
check "init --shared: says who is admin" out_has "$ADM is its admin"
check "init --shared: sees the setgid binary" \
    out_has "$T/bin/scalec is setgid to $G"
check "the directory is root:$G 2770" \
    test "$(stat -c '%U:%G %a' "$T/shared")" = "root:$G 2770"
check "the database is root:$G 0660" \
    test "$(stat -c '%U:%G %a' "$DB")" = "root:$G 660"
check "nothing else beside it" test "$(ls "$T/shared")" = scalec.db

run --db "$T/x.db" init --shared --admin "$ADM" --group no-such-group$$
check "init --shared: a missing group is refused" rc_is 1
check "init --shared: says how to make it" \
    err_has "no group 'no-such-group$$' (create it with 'groupadd"
check "init --shared: nothing made" test ! -e "$T/x.db"
run --db "$T/x.db" init --shared --group "$G"
check "init --shared needs --admin" rc_is 2

mkdir "$T/adm" "$T/mgr"
before=$(dump)
scalec_as "$ADM" init
check "init of the shared database by someone else: refused" rc_is 1
check "init of the shared database by someone else: says who does it" \
    err_has "is the shared database, which root sets up"
check "init of the shared database by someone else: unchanged" \
    test "$(dump)" = "$before"
as "$ADM" "$T/bin/scalec" --db "$T/x.db" init --shared --admin "$ADM" \
    --group "$G"
check "init --shared by someone else: refused" rc_is 1
check "init --shared by someone else: says root does it" \
    err_has "init --shared: run by root"
check "init --shared by someone else: nothing made" test ! -e "$T/x.db"
chown "$ADM" "$T/adm"
chown "$MGR" "$T/mgr"
printf '{"text": "one"}\n{"text": "two"}\n' >"$T/adm/tasks.jsonl"
chown "$ADM" "$T/adm/tasks.jsonl"
chmod 600 "$T/adm/tasks.jsonl"

scalec_as "$ADM" user add "$MGR" --role manager
check "the admin (outside the group) adds a user" rc_is 0
scalec_as "$ADM" project create news --type text-classification --labels a,b
check "the admin creates a project" rc_is 0
scalec_as "$ADM" import news "$T/adm/tasks.jsonl"
check "the admin imports a file of theirs" rc_is 0
check "the tasks are in" test "$(sqlite3 -readonly "$DB" \
    'SELECT count(*) FROM task')" = 2

as "$MGR" sqlite3 -readonly "$DB" .tables
check "sqlite3 as $MGR cannot read the database" test "$rc" -ne 0
check "sqlite3 as $MGR: it cannot even open it" \
    err_has "unable to open database"
scalec_as "$MGR" whoami
check "scalec works for $MGR" rc_is 0
check "scalec: $MGR with their role" out_has "manager"
scalec_as "$MGR" project list
check "$MGR lists the projects" out_has "news"
scalec_as "$MGR" user add someone --role admin
check "$MGR's role still holds (no admin grants)" rc_is 1
scalec_as "$MGR" doctor
check "doctor works for $MGR" rc_is 0
check "doctor: the shared database's 0660 is fine" \
    out_has "not readable by every local user (mode 0660)"
check "nothing is left beside the database" \
    test "$(ls "$T/shared")" = scalec.db

# A file only the group may read: refused, the database unchanged.
printf '{"text": "secret"}\n' >"$T/secret.jsonl"
chgrp "$G" "$T/secret.jsonl"
chmod 640 "$T/secret.jsonl"
before=$(dump)
scalec_as "$MGR" import news "$T/secret.jsonl"
check "an import of a file only the group reads: refused" rc_is 1
check "an import of a file only the group reads: says why" \
    err_has "Permission denied"
check "an import of a file only the group reads: database unchanged" \
    test "$(dump)" = "$before"

printf 'secret\n' >"$T/secret.txt"
chgrp "$G" "$T/secret.txt"
chmod 640 "$T/secret.txt"
scalec_as "$MGR" file add news "$T/secret.txt"
check "file add of a file only the group reads: refused" rc_is 1
check "file add of a file only the group reads: says why" \
    err_has "Permission denied"
check "file add of a file only the group reads: database unchanged" \
    test "$(dump)" = "$before"

# A folder only the group may write: the export is refused, nothing made.
mkdir "$T/gdir"
chgrp "$G" "$T/gdir"
chmod 2770 "$T/gdir"
chmod 755 "$T"
scalec_as "$MGR" export news --format jsonl -o "$T/gdir/out.jsonl"
check "an export into a folder only the group writes: refused" rc_is 1
check "an export into a folder only the group writes: nothing made" \
    test -z "$(ls -A "$T/gdir")"
check "the database unchanged" test "$(dump)" = "$before"
# Into their own folder: theirs, 0600.
scalec_as "$MGR" export news --format jsonl -o "$T/mgr/out.jsonl"
check "an export into their folder works" rc_is 0
check "an export is theirs alone (0600)" \
    test "$(stat -c '%U %a' "$T/mgr/out.jsonl")" = "$MGR 600"

# A backup likewise: not into the group's folder; into theirs, theirs.
scalec_as "$ADM" backup "$T/gdir/copy.db"
check "a backup into a folder only the group writes: refused" rc_is 1
check "a backup into a folder only the group writes: nothing made" \
    test -z "$(ls -A "$T/gdir")"
scalec_as "$ADM" backup "$T/adm/copy.db"
check "a backup into their folder works" rc_is 0
check "a backup is theirs alone (0600)" \
    test "$(stat -c '%U %a' "$T/adm/copy.db")" = "$ADM 600"
check "the backup holds the tasks" test "$(sqlite3 -readonly \
    "$T/adm/copy.db" 'SELECT count(*) FROM task')" = 2

# --db naming another of the group's files: opened with their rights,
# so refused, and the file as it was.
mkdir "$T/other"
cp "$DB" "$T/other/other.db"
chgrp "$G" "$T/other/other.db"
chmod 660 "$T/other/other.db"
sum=$(sha256sum <"$T/other/other.db")
as "$MGR" "$T/bin/scalec" --db "$T/other/other.db" project list
check "--db another group file: refused" rc_is 1
check "--db another group file: not opened with the group" \
    err_has "Permission denied"
check "--db another group file: unchanged" \
    test "$(sha256sum <"$T/other/other.db")" = "$sum"
check "--db another group file: nothing beside it" \
    test "$(ls "$T/other")" = other.db
# Even through a symbolic link into the shared directory's place.
ln -s "$T/other" "$T/link"
as "$MGR" "$T/bin/scalec" --db "$T/link/other.db" project list
check "--db through a link: refused" rc_is 1

# The environment is cleaned: SCALEC_NOW (a fixed clock) is not honoured.
as "$ADM" env SCALEC_NOW=2001-01-01T00:00:00Z "$T/bin/scalec" --db "$DB" \
    project create old --type text-classification --labels a
check "a command with SCALEC_NOW set works" rc_is 0
check "SCALEC_NOW does not reach the audit" test "$(sqlite3 -readonly "$DB" \
    "SELECT count(*) FROM audit WHERE at LIKE '2001%'")" = 0

# The database is the shared one whatever SCALEC_DB and the config say:
# without --db it is the installed one (missing here), not theirs.
mkdir -p "$T/mgr/cfg/scalec"
echo "database: $DB" >"$T/mgr/cfg/scalec/config.yaml"
chown -R "$MGR" "$T/mgr/cfg"
as "$MGR" env SCALEC_DB="$DB" XDG_CONFIG_HOME="$T/mgr/cfg" "$T/bin/scalec" \
    project list
check "SCALEC_DB and config.yaml are not read setgid" rc_is 1
check "setgid, the database is the installed shared one" \
    err_has "no database at "
check "setgid, not the one SCALEC_DB names" err_lacks "$DB"

# PATH is cleaned: a pdftotext of the person's is never run (the
# unprivileged binary finds it, so the test can tell).
mkdir "$T/fakebin"
printf '#!/bin/sh\ntouch "%s/fake-ran"\n' "$T" >"$T/fakebin/pdftotext"
chmod 755 "$T/fakebin/pdftotext"
chmod 777 "$T"
printf '%%PDF-1.4\n%%%%EOF\n' >"$T/doc.pdf"
chmod 644 "$T/doc.pdf"
as "$MGR" env PATH="$T/fakebin:$PATH" "$T/bin/scalec" --db "$DB" \
    file add news "$T/doc.pdf"
check "setgid, a pdftotext in the person's PATH is not run" \
    test ! -e "$T/fake-ran"
run --db "$T/plain.db" init
PATH="$T/fakebin:$PATH" run --db "$T/plain.db" project create p \
    --type text-classification --labels a
PATH="$T/fakebin:$PATH" "$SCALEC" --db "$T/plain.db" file add p \
    "$T/doc.pdf" >/dev/null 2>&1
check "(without setgid it is: the check above can fail)" \
    test -e "$T/fake-ran"
chmod 755 "$T"

# A picture piped into 'file add P -' is kept beside the shared database
# (DB.images, the group's, 0770), readable by the next person's scalec.
scalec_as "$ADM" project create pics --type image-classification \
    --labels round,square
printf 'P6\n2 1\n255\n\377\0\0\0\377\0' >"$T/adm/dot.ppm"
chmod 644 "$T/adm/dot.ppm"
setpriv --reuid="$(id -u "$MGR")" --regid="$(id -g "$MGR")" --init-groups \
    env HOME=/nonexistent "$T/bin/scalec" --db "$DB" file add pics - \
    <"$T/adm/dot.ppm" >"$T/out" 2>"$T/err"
rc=$?
check "a picture piped in by $MGR: added" rc_is 0
check "the pictures' folder is the group's, 0770" \
    test "$(stat -c '%G %a' "$DB.images")" = "$G 770"
img=$(sqlite3 -readonly "$DB" "SELECT image FROM task WHERE project_id = (SELECT id FROM project WHERE name = 'pics')")
check "the picture is the group's, 0660" \
    test "$(stat -c '%G %a' "$img")" = "$G 660"
check "it is the bytes piped in" cmp -s "$img" "$T/adm/dot.ppm"
printf 'q\n' >"$T/adm/keys"
chmod 644 "$T/adm/keys"
scalec_as "$ADM" annotate pics --keys "$T/adm/keys" --json
check "$ADM's labeler reads the picture $MGR piped in" \
    test "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['image']['error'], d['image']['width'])" "$T/out")" = "None 2"
# Only for the shared database: a task of another database naming that
# picture is opened with the person's rights, so it is not shown.
printf '{"image": "%s", "width": 2, "height": 1}\n' "$img" >"$T/mgr/pic.jsonl"
chown "$MGR" "$T/mgr/pic.jsonl"
as "$MGR" "$T/bin/scalec" --db "$T/mgr/own.db" init
as "$MGR" "$T/bin/scalec" --db "$T/mgr/own.db" project create p \
    --type image-classification --labels a,b
as "$MGR" "$T/bin/scalec" --db "$T/mgr/own.db" import p "$T/mgr/pic.jsonl" \
    --allow-missing-images
check "another database cannot import the group's picture" rc_is 1
check "another database: says why" err_has "Permission denied"
# Nor show it when a task names it anyway (written in by hand).
cp "$T/adm/dot.ppm" "$T/mgr/dot.ppm"
chmod 644 "$T/mgr/dot.ppm"
as "$MGR" "$T/bin/scalec" --db "$T/mgr/own.db" file add p "$T/mgr/dot.ppm"
sqlite3 "$T/mgr/own.db" "UPDATE task SET image = '$img'"
as "$MGR" "$T/bin/scalec" --db "$T/mgr/own.db" annotate p --keys \
    "$T/adm/keys" --json
check "their own database's labeler cannot read the group's picture" \
    test "$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['image']['error'])" "$T/out")" = "cannot open the image: Permission denied"

# Outside the mode (not setgid), --group makes a database the group's.
run --db "$T/g.db" init --group "$G"
check "init --group: done" rc_is 0
check "init --group: the database is 0660 in the group" \
    test "$(stat -c '%G %a' "$T/g.db")" = "$G 660"
run --db "$T/g.db" backup "$T/g-backup.db"
check "a backup of it is the group's too" \
    test "$(stat -c '%G %a' "$T/g-backup.db")" = "$G 660"

done_testing
