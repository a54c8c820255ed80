#!/bin/bash
# The bash completion in share/completion: commands, subcommands, options
# from --help, project and user names read from the database, and the
# fixed lists from the binary (help --list).
. "$SRCDIR/tests/cli/lib.sh"

PATH="$(dirname "$SCALEC"):$PATH"
. "$SRCDIR/share/completion/scalec"
"$SCALEC" init >/dev/null
"$SCALEC" project create alpha --type ner --labels PER >/dev/null
"$SCALEC" project create beta --type sentiment >/dev/null
"$SCALEC" user add carol >/dev/null

complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_scalec
	echo "${COMPREPLY[*]}"
}

check "commands" test "$(complete_words scalec pro)" = "project"
check "subcommands" test "$(complete_words scalec project sh)" = "show"
check "every subcommand, from the entries" test "$(complete_words scalec member "")" = "add list remove"
check "file's subcommands" test "$(complete_words scalec file "")" = "add list priority release remove show"
check "file show --project: project names" test "$(complete_words scalec file show --project "")" = "alpha beta"
check "project names" test "$(complete_words scalec project show "")" = "alpha beta"
check "project names for import" test "$(complete_words scalec import a)" = "alpha"
check "user names" test "$(complete_words scalec user show c)" = "carol"
check "options from --help" test "$(complete_words scalec import alpha --dry)" = "--dry-run"
check "types" test "$(complete_words scalec project create x --type se)" = "semantic-segmentation sentiment"
check "roles" test "$(complete_words scalec user add d --role man)" = "manager"
check "states" test "$(complete_words scalec export alpha --state s)" = "submitted skipped"
check "statuses" test "$(complete_words scalec file list alpha --status "")" = "new in-progress done"
check "import --format: the formats import reads" test "$(complete_words scalec import alpha x.csv --format "")" = "jsonl csv tsv txt"
check "import --format: txt" test "$(complete_words scalec import alpha x --format t)" = "tsv txt"
check "import -f" test "$(complete_words scalec import alpha x -f j)" = "jsonl"
check "export --format: the formats export writes" test "$(complete_words scalec export alpha --format "")" = "jsonl csv tsv"
check "export --format: no txt" test "$(complete_words scalec export alpha --format t)" = "tsv"
check "export -f" test "$(complete_words scalec export alpha -f c)" = "csv"
check "project edit -f is --force: no formats" test "$(complete_words scalec project edit -f "")" = "alpha beta"
check "help COMMAND" test "$(complete_words scalec help im)" = "import"
check "--db is followed" test "$(complete_words scalec --db "$T/none.db" project show "")" = ""

done_testing
