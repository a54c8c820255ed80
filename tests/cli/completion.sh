#!/bin/bash
# The bash and zsh completions in share/completion, at every position: the
# command, each command's subcommand, each operand of each subcommand and
# the value of each option that takes one, as 'scalec help --list
# operands' and 'options' list them. What each position must offer is
# written here (the KINDS tables), independently of the binary, so that a
# table of the binary's that says the wrong thing fails; a position the
# binary lists and the tables here do not is still checked against what
# the binary says it is. Project and user names come from the database.
. "$SRCDIR/tests/cli/lib.sh"
need zsh zsh
need tmux tmux

PATH="$(dirname "$SCALEC"):$PATH"
. "$SRCDIR/share/completion/scalec"
"$SCALEC" init >/dev/null
"$SCALEC" project create alpha --type ner --labels PER >/dev/null
"$SCALEC" project create beta --type sentiment >/dev/null
"$SCALEC" user add carol >/dev/null
"$SCALEC" user add dave >/dev/null
"$SCALEC" user remove dave >/dev/null
mkdir "$T/files"
: >"$T/files/one.jsonl"
: >"$T/files/two.csv"
me=$(id -un)
rc=0

# What each option's value is: every option of every subcommand that takes
# a value ("COMMAND SUBCOMMAND OPTION KIND", "-" for none).
cat >"$T/option-kinds" <<'EOF'
- - --db files
- - --as users
annotate - --lease value
annotate - --keys files
annotate - --size value
annotate - --timings files
export - --format formats-write
export - -f formats-write
export - --output files
export - -o files
export - --state states
export - --user users
export - --since value
export - --annotations value
file gold --project projects
file gold --result value
file gold --from-annotation value
file list --status statuses
file list -s statuses
file list --limit value
file list --offset value
file list --after value
file remove --project projects
file remove -p projects
file show --project projects
file show -p projects
help - --list lists
import - --format formats-read
import - -f formats-read
import - --undo value
inbox list --limit value
inbox list --offset value
inbox list --after value
log - --user users
log - -u users
log - --since value
log - --limit value
log - --offset value
log - --after value
member add --role roles
member add -r roles
member list --limit value
member list --offset value
member scores --limit value
member scores --offset value
project create --type types
project create -t types
project create --labels value
project create -l value
project create --config files
project create -c files
project create --description value
project create -d value
project create --instructions files
project create -i files
project create --overlap value
project edit --name value
project edit --description value
project edit -d value
project edit --instructions files
project edit -i files
project edit --labels value
project edit -l value
project edit --config files
project edit -c files
project edit --overlap value
project list --limit value
project list --offset value
user add --role roles
user add -r roles
user add --email value
user add --display-name value
user edit --role roles
user edit -r roles
user edit --email value
user edit --display-name value
user list --limit value
user list --offset value
EOF
# What each operand is, in order ("..." repeats).
cat >"$T/operand-kinds" <<'EOF'
annotate - projects
backup - files
demo - demos
export - projects
file add projects files...
file list projects
file remove value...
file show value
help - commands
import - projects files
inbox list
inbox read value...
init -
log - projects
member add projects users
member list projects
member remove projects users
member resume projects users
member scores projects
project create value
project delete projects
project edit projects
project list
project show projects
user add value
user edit users
user list
user remove users
user role users roles
user show users
whoami -
EOF

# The candidates of a kind, as this test knows them (the database read
# with sqlite3; the fixed lists written out), for the word CUR_OF gives.
cands() {
	case $1 in
	projects) echo "alpha beta" ;;
	users) sqlite3 "$SCALEC_DB" "select name from user where removed_at
	    is null order by name" | tr '\n' ' ' | sed 's/ $//' ;;
	files) echo "$T/files/one.jsonl $T/files/two.csv" ;;
	roles) echo "admin manager reviewer annotator" ;;
	states) echo "draft submitted skipped accepted rejected fixed" ;;
	statuses) echo "new in-progress in-review done gold" ;;
	formats-read) echo "jsonl csv tsv txt doccano prodigy yolo voc coco coco-results labelstudio labelstudio-min conll spacy spacy-v2" ;;
	formats-write) echo "jsonl csv tsv doccano prodigy yolo voc coco labelstudio labelstudio-min conll spacy spacy-v2" ;;
	demos) echo "news-ner news-topics reviews-sentiment shapes shapes-boxes shapes-polygons" ;;
	types) echo "image-classification object-detection semantic-segmentation text-classification ner sentiment custom" ;;
	commands|lists) "$SCALEC" help --list "$1" | tr '\n' ' ' | sed 's/ $//' ;;
	value|-|'') echo "" ;;
	*) echo "cands: no kind '$1'" >&2; return 1 ;;
	esac
}
cur_of() { [ "$1" = files ] && echo "$T/files/" || echo ""; }
# A word that stands for an operand of a kind when it is not the one
# being completed.
sample() {
	case ${1%...} in
	projects) echo alpha ;; users) echo carol ;; roles) echo manager ;;
	files) echo "$T/files/one.jsonl" ;; demos) echo news-ner ;;
	commands) echo import ;; *) echo 1 ;;
	esac
}
kind_of() {	# TABLE "KEY": the kind the table gives, or nothing
	awk -v k="$2" '$1 " " $2 " " $3 == k { print $4 }' "$1"
}

# The cases: "EXPECTED US WORD US WORD ... US ;" (US is the unit
# separator, ; ends the line), the last word the one completed; both
# shells run every one.
US=$'\x1f'
: >"$T/cases"
case_add() {	# EXPECTED WORDS...
	_line=$1; shift
	for _w in "$@"; do _line="$_line$US$_w"; done
	printf '%s\n' "$_line$US;" >>"$T/cases"
}

# The table of the binary's must agree with the ones here.
"$SCALEC" help --list options >"$T/options"
"$SCALEC" help --list operands >"$T/operands"
_bad=
while read -r _c _s _o _k; do
	_want=$(kind_of "$T/option-kinds" "$_c $_s $_o")
	[ "$_k" = - ] && [ -z "$_want" ] && continue
	[ -z "$_want" ] && { diag "not in option-kinds here: $_c $_s $_o $_k"; continue; }
	[ "$_want" = "$_k" ] || _bad="$_bad; $_c $_s $_o is $_k, not $_want"
done <"$T/options"
while read -r _c _s _o _k; do
	grep -q "^$_c $_s $_o " "$T/options" || _bad="$_bad; no option $_c $_s $_o"
done <"$T/option-kinds"
check "help --list options says what each option's value is${_bad}" test -z "$_bad"
_bad=
while read -r _line; do
	_key=$(echo "$_line" | cut -d' ' -f1-2)
	_want=$(grep "^$_key\( \|\$\)" "$T/operand-kinds")
	if [ -z "$_want" ]; then
		diag "not in operand-kinds here: $_line"
	elif [ "$_want" != "$_line" ]; then
		_bad="$_bad; '$_line', not '$_want'"
	fi
done <"$T/operands"
check "help --list operands says what each operand is${_bad}" test -z "$_bad"

# Commands and subcommands.
case_add "$(cands commands)" scalec ""
case_add "project" scalec pro
case_add "project" scalec --db "$SCALEC_DB" pro
while read -r _c; do
	_subs=$("$SCALEC" help --list subcommands | sed -n "s/^$_c //p" |
	    tr '\n' ' ' | sed 's/ $//')
	[ -n "$_subs" ] && case_add "$_subs" scalec "$_c" ""
done < <("$SCALEC" help --list commands)
case_add "add list remove resume scores" scalec member ""
case_add "add gold list priority release remove show" scalec file ""
case_add "show" scalec project sh

# Every operand of every subcommand, and one past a repeating last one;
# after the last of the others, nothing.
while read -r _c _s _kinds; do
	_words=(scalec "$_c")
	[ "$_s" = - ] || _words+=("$_s")
	for _k in $_kinds; do
		case_add "$(cands "${_k%...}")" "${_words[@]}" "$(cur_of "${_k%...}")"
		_words+=("$(sample "$_k")")
	done
	case $_kinds in
	*...) case_add "$(cands "${_k%...}")" "${_words[@]}" "$(cur_of "${_k%...}")" ;;
	*) case_add "" "${_words[@]}" "" ;;
	esac
done <"$T/operands"

# The value of every option that takes one, right after the subcommand
# and after the subcommand's operands (export P --state).
while read -r _c _s _o _k; do
	[ "$_k" = - ] && continue
	_words=(scalec)
	[ "$_c" = - ] || _words+=("$_c")
	[ "$_s" = - ] || _words+=("$_s")
	case_add "$(cands "$_k")" "${_words[@]}" "$_o" "$(cur_of "$_k")"
	[ "$_c" = - ] && continue
	for _ok in $(grep "^$_c $_s\( \|\$\)" "$T/operands" | cut -d' ' -f3-); do
		_words+=("$(sample "$_ok")")
	done
	case_add "$(cands "$_k")" "${_words[@]}" "$_o" "$(cur_of "$_k")"
done <"$T/options"

# Option names: every option of the subcommand, as its --help lists them
# (the lines "    -x, --name ..." after the usage), and --help.
while read -r _c _s; do
	_words=(scalec "$_c")
	[ "$_s" = - ] || _words+=("$_s")
	_want=$({ echo --help; "$SCALEC" "${_words[@]:1}" --help |
	    grep -E '^    (-[a-zA-Z], |    )--[a-z]' | sed 's/,//' |
	    awk '{ print $1; if ($2 ~ /^--/) print $2 }'; } |
	    LC_ALL=C sort -u | tr '\n' ' ' | sed 's/ $//')
	case_add "$_want" "${_words[@]}" "-"
done < <(cut -d' ' -f1-2 "$T/operands")

# The five places the bash completion once got wrong, and a few more.
case_add "carol $me" scalec --as ""
case_add "alpha beta" scalec --as carol project show ""
case_add "draft submitted skipped accepted rejected fixed" scalec export alpha --state ""
case_add "carol $me" scalec member add alpha ""
case_add "admin manager reviewer annotator" scalec user role carol ""
case_add "jsonl csv tsv doccano prodigy yolo voc coco labelstudio labelstudio-min conll spacy spacy-v2" scalec export --format ""
case_add "jsonl csv tsv doccano prodigy yolo voc coco labelstudio labelstudio-min conll spacy spacy-v2" scalec export alpha -f ""
case_add "tsv txt" scalec import alpha x --format t
case_add "--format=jsonl --format=csv --format=tsv --format=doccano --format=prodigy --format=yolo --format=voc --format=coco --format=labelstudio --format=labelstudio-min --format=conll --format=spacy --format=spacy-v2" scalec export alpha --format=
case_add "--dry-run" scalec import alpha --dry
case_add "carol" scalec user show c
case_add "" scalec user show dave
case_add "manager" scalec user add d --role man
case_add "alpha beta" scalec project edit -f ""
case_add "" scalec --db "$T/none.db" project show ""
case_add "$T/files/one.jsonl" scalec import alpha "$T/files/o"

# bash: each case through _scalec, as bash's completion calls it.
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_scalec
	echo "${COMPREPLY[*]}"
}
_bad=0
_count=0
while IFS=$US read -r -a _f; do
	_want=${_f[0]}
	_words=("${_f[@]:1:${#_f[@]}-2}")
	_count=$((_count + 1))
	_got=$(complete_words "${_words[@]}")
	if [ "$_got" != "$_want" ]; then
		_bad=$((_bad + 1))
		diag "bash: '${_words[*]}': '$_got', not '$_want'"
	fi
done <"$T/cases"
check "bash: all $_count positions offer what they should" test "$_bad" -eq 0

# zsh: each case through _scalec, autoloaded from share/completion, with
# compadd and _files standing in for zsh's own (they print what they are
# given, filtered by PREFIX as compadd filters, after IPREFIX as it
# would be inserted).
cat >"$T/run.zsh" <<'EOF'
compadd() {
	local prefix= arr= w
	local -a out
	while (( $# )); do
		case $1 in
		-P) prefix=$2; shift 2 ;;
		-a) arr=1; shift ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	if [[ -n $arr ]]; then out=(${(P)1}); else out=("$@"); fi
	for w in $out; do
		[[ $w == ${PREFIX}* ]] && reply+=("$IPREFIX$prefix$w")
	done
}
_files() {
	local w
	for w in ${PREFIX}*(N); do reply+=("$w"); done
}
compset() {
	[[ $1 == -P && $PREFIX == *=* ]] || return 1
	IPREFIX=${PREFIX%%=*}= PREFIX=${PREFIX#*=}
}
fpath=("$SRCDIR/share/completion" $fpath)
autoload -Uz _scalec
integer bad=0 n=0
local want
local -a f reply
while IFS= read -r line; do
	f=("${(@ps:\x1f:)line}")
	want=$f[1]
	words=("${(@)f[2,-2]}")
	CURRENT=$#words
	PREFIX=$words[-1] IPREFIX=
	reply=()
	_scalec
	(( n++ ))
	if [[ "${(j: :)reply}" != "$want" ]]; then
		(( bad++ ))
		print -r -- "# zsh: '${words[*]}': '${(j: :)reply}', not '$want'"
	fi
done <"$1"
print -r -- "$n $bad"
EOF
SRCDIR=$SRCDIR zsh -f "$T/run.zsh" "$T/cases" >"$T/zsh.out" 2>"$T/zsh.err"
grep '^#' "$T/zsh.out"
read -r _zn _zbad < <(grep -v '^#' "$T/zsh.out")
check "zsh: ran every case ($_zn of $_count)" test "${_zn:-0}" -eq "$_count"
check "zsh: all positions offer what they should" test "${_zbad:-1}" -eq 0
check "zsh: no errors" test ! -s "$T/zsh.err"
[ -s "$T/zsh.err" ] && diag "$(head -20 "$T/zsh.err")"

# zsh itself: compinit finds _scalec on the fpath by its #compdef line, and
# a Tab in an interactive zsh (in a private tmux server) lists what the
# function offers.
mkdir "$T/zdot"
cat >"$T/zdot/.zshrc" <<EOF
fpath=("$SRCDIR/share/completion" \$fpath)
autoload -Uz compinit && compinit -u -d "$T/zdot/compdump"
PS1='%% '
EOF
unset TMUX TMUX_PANE
ztm() { tmux -S "$T/tmux" -f /dev/null "$@"; }
trap 'ztm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
ztm new-session -d -x 100 -y 20 env -i PATH="$PATH" HOME="$HOME" TERM=screen \
    LANG=C.UTF-8 SCALEC_DB="$SCALEC_DB" ZDOTDIR="$T/zdot" zsh -i
# zsh_tab LINE WANT...: types LINE and Tab; every WANT shows within 5 s.
zsh_tab() {
	_line=$1; shift
	ztm send-keys C-u "$_line" Tab
	for _i in $(seq 50); do
		ztm capture-pane -p >"$T/pane"
		_all=1
		for _w in "$@"; do grep -qF -- "$_w" "$T/pane" || _all=; done
		[ -n "$_all" ] && break
		sleep 0.1
	done
	if [ -n "$_all" ]; then
		ok "zsh, Tab after '$_line'"
	else
		not_ok "zsh, Tab after '$_line': wanted $*"
		diag "$(cat "$T/pane")"
	fi
	ztm send-keys C-c
	ztm send-keys C-l
}
for _i in $(seq 50); do
	ztm capture-pane -p | grep -q '^%' && break
	sleep 0.1
done
zsh_tab "scalec projec" "% scalec project"
zsh_tab "scalec member add alpha " carol "$me"
zsh_tab "scalec user role carol " admin manager reviewer annotator
zsh_tab "scalec --as " carol "$me"
zsh_tab "scalec export alpha --state " draft submitted skipped accepted
ztm send-keys C-u "scalec export alpha --format " Tab
sleep 0.5
ztm capture-pane -p >"$T/pane"
check "zsh, Tab after export --format: jsonl csv tsv, no txt" \
    eval 'grep -q jsonl "$T/pane" && grep -q tsv "$T/pane" && ! grep -q txt "$T/pane"'

done_testing
