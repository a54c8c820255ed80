#!/bin/bash
# Writing where a person names a file: export -o and backup never damage
# what is not theirs. A new file is 0600; an existing file of ours is
# replaced whole with its mode and group kept; a device or a FIFO is
# written, never replaced; a symbolic link is refused (export follows one
# with --follow-symlinks), someone else's file, a folder and a block device
# are refused. backup writes into a private folder and puts only a whole,
# synced copy in place: a full disk leaves nothing behind. Every case
# compares the files (type, mode, owner, links, contents) and the database
# before and after.
. "$SRCDIR/tests/cli/lib.sh"

W=$T/w
mkdir -p "$W"
root=0
[ "$(id -u)" -eq 0 ] && root=1

run init
"$SCALEC" project create p --type ner --labels PER >/dev/null
printf '{"text": "Ada Lovelace"}\n{"text": "Grace Hopper"}\n' >"$T/in.jsonl"
"$SCALEC" import p "$T/in.jsonl" >/dev/null
"$SCALEC" export p >"$T/want.jsonl"

# fs_state: every entry of $W with its type, mode, owner, link count, link
# target and a hash of its contents (regular files), sorted.
fs_state() {
	(cd "$W" && for _f in $(ls -A); do
		stat -c '%n %F %a %u:%g %h' -- "$_f"
		[ -L "$_f" ] && printf '  -> %s\n' "$(readlink -- "$_f")"
		[ -f "$_f" ] && [ ! -L "$_f" ] && sha1sum <"$_f"
	done)
}

# refused NAME ARGS...: scalec ARGS fails (exit 1) and changes neither the
# database nor any file in $W.
refused() {
	_rname=$1; shift
	_fs=$(fs_state)
	expect_unchanged "$_rname" "$@"
	if [ "$_fs" = "$(fs_state)" ]; then
		ok "$_rname: files unchanged"
	else
		not_ok "$_rname: files unchanged"
		diff <(echo "$_fs") <(fs_state) | sed 's/^/# /'
	fi
}

skip() { ok "$1 # SKIP $2"; }
mode_of() { stat -c '%a' -- "$1"; }
type_of() { stat -c '%F' -- "$1"; }
no_temporaries() { ! ls -A "$W" | grep -q -e '\.tmp-' -e '^\.scalec-'; }

# --- export -o --------------------------------------------------------------
run export p -o "$W/new.jsonl"
check "a new file" rc_is 0
check "a new file is 0600" test "$(mode_of "$W/new.jsonl")" = 600
check "a new file holds the export" cmp -s "$W/new.jsonl" "$T/want.jsonl"
check "no temporary left" no_temporaries

for m in 644 640 604 600; do
	echo old >"$W/kept.jsonl"
	chmod "$m" "$W/kept.jsonl"
	run export p -o "$W/kept.jsonl"
	check "an existing $m file: replaced" cmp -s "$W/kept.jsonl" "$T/want.jsonl"
	check "an existing $m file: still $m" test "$(mode_of "$W/kept.jsonl")" = "$m"
done
rm -f "$W/kept.jsonl"

echo target >"$W/target.txt"
chmod 640 "$W/target.txt"
ln -s target.txt "$W/link.jsonl"
refused "a symbolic link" export p -o "$W/link.jsonl"
check "a symbolic link: says why" err_has "link.jsonl: is a symbolic link: scalec does not write through one unless told to (--follow-symlinks)"
run export p -o "$W/link.jsonl" --follow-symlinks
check "--follow-symlinks writes the file it names" rc_is 0
check "--follow-symlinks: the target holds the export" cmp -s "$W/target.txt" "$T/want.jsonl"
check "--follow-symlinks: the link is still a link" test -L "$W/link.jsonl"
check "--follow-symlinks: to the same file" test "$(readlink "$W/link.jsonl")" = target.txt
check "--follow-symlinks: the target keeps its mode" test "$(mode_of "$W/target.txt")" = 640
check "--follow-symlinks: no temporary left" no_temporaries
ln -s nowhere.jsonl "$W/dangling.jsonl"
refused "a dangling link" export p -o "$W/dangling.jsonl"
refused "a dangling link, followed" export p -o "$W/dangling.jsonl" --follow-symlinks
check "a dangling link: no file made where it points" test ! -e "$W/nowhere.jsonl"
check "a dangling link, followed: says why" err_has "a symbolic link to nothing"
run export p -o /dev/stdout
check "-o /dev/stdout is standard output" cmp -s "$T/out" "$T/want.jsonl"
run export p --follow-symlinks
check "--follow-symlinks without -o is a usage error" rc_is 2

mkdir "$W/folder"
refused "a folder" export p -o "$W/folder"
check "a folder: says so" err_has "folder: is a folder"

mkfifo "$W/fifo"
chmod 620 "$W/fifo"
# A reader that gives up, should the FIFO be replaced under it.
timeout 10 cat "$W/fifo" >"$T/from-fifo" &
reader=$!
run export p -o "$W/fifo"
wait "$reader"
check "a FIFO: written" rc_is 0
check "a FIFO: the reader got the export" cmp -s "$T/from-fifo" "$T/want.jsonl"
check "a FIFO: still a FIFO" test "$(type_of "$W/fifo")" = fifo
check "a FIFO: its mode unchanged" test "$(mode_of "$W/fifo")" = 620
check "a FIFO: no temporary beside it" no_temporaries

# The null and full devices: as root nodes of our own (so that a
# regression cannot replace the machine's), otherwise /dev's, which only
# root could replace.
if [ $root -eq 1 ] && mknod "$W/null" c 1 3 2>/dev/null &&
    mknod "$W/full" c 1 7 2>/dev/null; then
	null=$W/null full=$W/full
else
	rm -f "$W/null"
	null=/dev/null full=/dev/full
fi
run export p -o "$null"
check "a null device: written" rc_is 0
check "a null device: still a device" test "$(type_of "$null")" = "character special file"
check "a null device: no temporary beside it" no_temporaries
refused "a full device" export p -o "$full"
check "a full device: a write error" err_has "$full: writing failed: No space left on device"
check "a full device: still a device" test "$(type_of "$full")" = "character special file"
refused "a full device, csv" export p --format csv -o "$full"

if [ $root -eq 1 ]; then
	echo theirs >"$W/theirs.jsonl"
	chown 4242:4242 "$W/theirs.jsonl"
	refused "someone else's file" export p -o "$W/theirs.jsonl"
	check "someone else's file: says why" err_has "theirs.jsonl: belongs to uid 4242, not to you: replacing it would make it yours"
	check "someone else's file: still theirs" test "$(stat -c %u "$W/theirs.jsonl")" = 4242

	echo grouped >"$W/grouped.jsonl"
	chgrp 4243 "$W/grouped.jsonl"
	chmod 660 "$W/grouped.jsonl"
	run export p -o "$W/grouped.jsonl"
	check "a file's group: replaced" cmp -s "$W/grouped.jsonl" "$T/want.jsonl"
	check "a file's group: kept" test "$(stat -c %g "$W/grouped.jsonl")" = 4243
	check "a file's group: and its mode" test "$(mode_of "$W/grouped.jsonl")" = 660

	if mknod "$W/disk" b 7 250 2>/dev/null; then
		refused "a block device" export p -o "$W/disk"
		check "a block device: says why" err_has "disk: is a block device"
	else
		skip "a block device" "mknod is not permitted here"
	fi
else
	skip "someone else's file" "needs root to make one"
fi

# --- backup -----------------------------------------------------------------
run backup "$W/copy.db"
check "backup" rc_is 0
check "backup: a database" test "$(sqlite3 -readonly "$W/copy.db" 'select count(*) from task')" = 2
check "backup: 0600" test "$(mode_of "$W/copy.db")" = 600
check "backup: nothing else left" no_temporaries
refused "backup over a file" backup "$W/copy.db"
check "backup over a file: says so" err_has "copy.db: already exists; choose a new file"
ln -s nothing.db "$W/dangling.db"
refused "backup to a dangling link" backup "$W/dangling.db"
check "backup to a dangling link: its target not made" test ! -e "$W/nothing.db"
check "backup to a dangling link: says so" err_has "dangling.db: already exists (a symbolic link)"
ln -s target.txt "$W/link.db"
refused "backup to a link to a file" backup "$W/link.db"
refused "backup to a full device" backup "$full"
refused "backup to a FIFO" backup "$W/fifo"
refused "backup into a folder" backup "$W/folder"

# A full disk: a small file system of our own, when this may mount one.
M=$T/small
mkdir "$M"
if [ $root -eq 1 ] && mount -t tmpfs -o size=32k,mode=755 tmpfs "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$T"' EXIT
	before=$(db_dump)
	run backup "$M/full.db"
	check "backup on a full disk: fails" rc_is 1
	check "backup on a full disk: says so" err_has "full.db: backup failed: database or disk is full"
	check "backup on a full disk: nothing left behind" test -z "$(ls -A "$M")"
	check "backup on a full disk: database unchanged" test "$before" = "$(db_dump)"
	mount -o remount,size=4m "$M"
	run backup "$M/full.db"
	check "backup after room is made: works" rc_is 0
	check "backup after room is made: the copy only" test "$(ls -A "$M")" = full.db
	check "backup after room is made: a database" test "$(sqlite3 -readonly "$M/full.db" 'select count(*) from task')" = 2
	umount "$M"
else
	skip "backup on a full disk" "cannot mount a tmpfs here (needs root and mount permission)"
fi

# A backup ended by a signal removes its private folder. The database is
# made big enough that the copy takes a while; the backup is stopped
# while its folder is there, then signalled and let go.
sqlite3 "$SCALEC_DB" "CREATE TABLE filler(x); WITH RECURSIVE c(i) AS
    (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30000)
    INSERT INTO filler SELECT randomblob(1000) FROM c"
for sig in TERM INT HUP; do
	caught=0
	for try in 1 2 3 4 5; do
		"$SCALEC" backup "$W/sig.db" >/dev/null 2>&1 &
		pid=$!
		while kill -0 "$pid" 2>/dev/null &&
		    ! compgen -G "$W/.scalec-*" >/dev/null; do
			:
		done
		if kill -STOP "$pid" 2>/dev/null &&
		    compgen -G "$W/.scalec-*" >/dev/null; then
			kill "-$sig" "$pid"
			kill -CONT "$pid"
			wait "$pid"
			rc=$?
			caught=1
			break
		fi
		wait "$pid"
		rm -f "$W/sig.db"
	done
	if [ $caught -eq 0 ]; then
		not_ok "backup ended by SIG$sig: caught while copying"
		continue
	fi
	check "backup ended by SIG$sig: ended by it" test "$rc" -eq $((128 + $(kill -l "$sig")))
	check "backup ended by SIG$sig: its folder removed" no_temporaries
	check "backup ended by SIG$sig: no copy" test ! -e "$W/sig.db"
done
sqlite3 "$SCALEC_DB" "DROP TABLE filler"
check "at the end, no temporaries anywhere" no_temporaries

done_testing
