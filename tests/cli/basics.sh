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
check "--help: import's formats, from the table" \
    out_has "import     import tasks from jsonl, csv, tsv, txt, doccano, prodigy, yolo, voc, coco, coco-results, labelstudio, labelstudio-min, conll, spacy or spacy-v2"
check "--help: export's formats, from the table" \
    out_has "export     export tasks, predictions and annotations as jsonl, csv, tsv, doccano, prodigy, yolo, voc, coco, labelstudio, labelstudio-min, conll, spacy or spacy-v2"

run help init
check "help init shows its usage" out_has "usage: scalec"
run help help
check "help help" rc_is 0
check "help help shows the commands" out_has "commands:"
run help --help
check "help --help" rc_is 0

run help --list types
check "help --list types: the project types, one a line" \
    test "$(out | tr '\n' ' ')" = "image-classification object-detection semantic-segmentation text-classification ner sentiment custom "
run help --list states
check "help --list states" test "$(out | tr '\n' ' ')" = "draft submitted skipped accepted rejected fixed "
run help --list formats
check "help --list formats: the format table, one a line" \
    test "$(out | tr '\n' ' ')" = "jsonl csv tsv txt doccano prodigy yolo voc coco coco-results labelstudio labelstudio-min conll spacy spacy-v2 "
run help --list formats-read
check "help --list formats-read: what import reads" \
    test "$(out | tr '\n' ' ')" = "jsonl csv tsv txt doccano prodigy yolo voc coco coco-results labelstudio labelstudio-min conll spacy spacy-v2 "
run help --list formats-write
check "help --list formats-write: what export writes (no txt)" \
    test "$(out | tr '\n' ' ')" = "jsonl csv tsv doccano prodigy yolo voc coco labelstudio labelstudio-min conll spacy spacy-v2 "
run help --list nope
check "help --list of no list is a usage error" rc_is 2
check "help --list of no list names the lists" \
    err_has "help --list: no list 'nope' (colours, commands, demos, formats, formats-read, formats-write, kinds, lists, operands, options, roles, states, statuses, subcommands, types)"

run frobnicate
check "unknown command is a usage error" rc_is 2
check "unknown command is named" err_has "'frobnicate' is not a scalec command"

run ini
check "no prefix guessing" rc_is 2

run --bogus whoami
check "unknown global option" rc_is 2

run --db= whoami
check "an empty --db is a usage error" rc_is 2
check "an empty --db says so" err_has "option '--db' needs a value, not an empty one"
run --as "" whoami
check "an empty --as is a usage error" rc_is 2

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
run whoami --json=yes
check "a value for an option that takes none: usage error" rc_is 2
check "a value for an option that takes none: says so" \
    err_has "option '--json' takes no value"
run whoami --help=yes
check "--help=yes: usage error" rc_is 2
check "--help=yes: says so" err_has "option '--help' takes no value"
run whoami -x
check "an unknown short option is named" err_has "unknown option '-x'"
run whoami --js
check "no prefix guessing for options either" rc_is 2
check "a prefix of an option is unknown" err_has "unknown option '--js'"
_before=$(db_dump)
run user add zed --rol manager
check "user add --rol: usage error" rc_is 2
check "user add --rol: nothing added" test "$_before" = "$(db_dump)"

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
printf 'database: ~/home.db\n' > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" init >/dev/null 2>&1 )
check "config.yaml: database: ~/ is the home folder" test -f "$HOME/home.db"
check "config.yaml: no folder named ~" test ! -e "$(pwd)/~"
printf 'database: rel.db\n' > "$HOME/.config/scalec/config.yaml"
( cd "$T" && unset SCALEC_DB && "$SCALEC" init >"$T/out" 2>"$T/err" ); rc=$?
check "config.yaml: a relative database is refused" rc_is 1
check "config.yaml: a relative database says why" \
    err_has "config.yaml:1:11: database: 'rel.db' is not an absolute path"
check "config.yaml: a relative database makes nothing" test ! -e "$T/rel.db"
printf 'databse: %s/typo.db\n' "$T" > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
check "config.yaml: a misspelt key is warned about" \
    err_has "warning: $HOME/.config/scalec/config.yaml:1:1: unknown key 'databse'"
printf 'database: [unclosed\n' > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
check "a broken config.yaml is reported with its position" \
    err_is "scalec: $HOME/.config/scalec/config.yaml:2:1: did not find expected ',' or ']' while parsing a flow sequence (at 1:11)"
printf 'database: [%s/list.db]\n' "$T" > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
check "config.yaml: a database that is not text is refused" rc_is 1
check "config.yaml: a database that is not text says where" \
    err_is "scalec: $HOME/.config/scalec/config.yaml:1:11: database must be text, not a list"
printf 'database: %s/a.db\ndatabase: %s/b.db\n' "$T" "$T" > "$HOME/.config/scalec/config.yaml"
( unset SCALEC_DB; "$SCALEC" whoami >"$T/out" 2>"$T/err" ); rc=$?
check "config.yaml: database: given twice is refused" \
    err_is "scalec: $HOME/.config/scalec/config.yaml:2:1: \"database\" is given twice in config.yaml"
rm -f "$HOME/.config/scalec/config.yaml"

run backup "$T/copy.db"
check "backup" rc_is 0
check "backup copy is a database" test "$(sqlite3 "$T/copy.db" 'select count(*) from user')" = 1
run backup "$T/copy.db"
check "backup never overwrites" rc_is 1
# A file name is any bytes: it is shown escaped, never raw.
esc=$(printf '\033')
run backup "$T/copy${esc}[31m.db"
check "backup to an odd name" rc_is 0
check "backup shows the name escaped" out_has "copy^[[31m.db"
check "backup writes no raw escape" test "$(grep -c "$esc" "$T/out")" = 0
run --db "$T/new${esc}[31m.db" init
check "init shows the path escaped" out_has "new^[[31m.db"
check "init writes no raw escape" test "$(grep -c "$esc" "$T/out")" = 0
( cd "$T" && "$SCALEC" backup - >"$T/out" 2>"$T/err" ); rc=$?
check "backup - is a usage error" rc_is 2
check "backup - says it needs a file name" err_has "not standard output"
check "backup - leaves no file named -" test ! -e "$T/-"

# A newer schema is refused and left alone.
cp "$SCALEC_DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
run --db "$T/newer.db" whoami
check "newer schema refused" rc_is 1
check "newer schema says upgrade" err_has "newer than this scalec knows"

# A file that is not a database is named as such, and left alone.
printf 'hello\n' >"$T/notdb.txt"
run --db "$T/notdb.txt" whoami
check "a file that is not a database: exit 1" rc_is 1
check "a file that is not a database says so" \
    err_has "notdb.txt: not a scalec database (the file is not an SQLite database)"
run --db "$T/notdb.txt" init
check "init over a file that is not a database: exit 1" rc_is 1
check "init leaves such a file alone" test "$(cat "$T/notdb.txt")" = hello

# --as: only an admin; an unknown user is refused.
run --as nobody whoami
check "--as unknown user" rc_is 1
check "--as unknown user named" err_has "no user 'nobody'"


# Whole option names: an option's value may look like an option, and short
# options and --name=value work as before.
run user add zed --display-name --role
check "an option's value may look like an option" rc_is 0
run user show zed --json
check "the value was taken as the display name" out_has '"display_name": "--role"'
run user add zoe -r manager --email=zoe@example.org --json
check "short options and --name=value still work" out_has '"role": "manager"'

# Every option a command's --help lists (long and short) is in its man
# page, read from the roff source (\- is a minus there).
help_in_man() {
	_page=$SRCDIR/man/$1; shift
	_missing=
	"$SCALEC" "$@" --help >"$T/out" 2>&1
	for _o in $(grep -oE '(^|[][ ,|])--?[a-z][a-z-]*' "$T/out" | \
	    sed 's/^[][ ,|]//' | sort -u); do
		[ "$_o" = --help ] && continue
		sed 's/\\-/-/g' "$_page" | grep -qE -- "(^|[^a-z-])$_o([^a-z-]|\$)" ||
		    _missing="$_missing $_o"
	done
	if [ -z "$_missing" ]; then
		ok "man/${_page##*/} has every option of '$*'"
	else
		not_ok "man/${_page##*/} has every option of '$*': missing$_missing"
	fi
}
for _c in init whoami backup demo; do
	help_in_man scalec.1 "$_c"
	help_in_man "scalec-$_c.1" "$_c"
done
help_in_man scalec-help.1 help
help_in_man scalec-doctor.1 doctor
help_in_man scalec-migrate.1 migrate
help_in_man scalec-import.1 import
help_in_man scalec-export.1 export
help_in_man scalec-annotate.1 annotate
help_in_man scalec-log.1 log
for _s in create list show edit delete; do help_in_man scalec-project.1 project "$_s"; done
for _s in add list show edit remove role; do help_in_man scalec-user.1 user "$_s"; done
for _s in add remove list; do help_in_man scalec-member.1 member "$_s"; done
for _s in add list show remove; do help_in_man scalec-file.1 file "$_s"; done
check "scalec(1) says every command takes --help" \
    grep -q 'Every command takes' "$SRCDIR/man/scalec.1"
check "scalec(1) points to scalec-file(1)" \
    grep -q '^\.BR scalec-file (1)' "$SRCDIR/man/scalec.1"

done_testing
