#!/bin/bash
# A working installation: every command has its man page (and every page
# is installed), 'make install' puts the binary, the pages, the demo data
# and both completions where man, bash-completion and zsh find them, and
# the README's commands say what this needs.
. "$SRCDIR/tests/cli/lib.sh"
need man man-db
need zsh zsh
[ -r /usr/share/bash-completion/bash_completion ] || {
	echo "Bail out! bash-completion is needed: apt-get install bash-completion (the README's test command installs it)"
	exit 1
}
rc=0

# Every command in the binary's table has man/scalec-COMMAND.1, whose
# NAME is that command, and Makefile.am installs and distributes it.
# pages_missing COMMAND...: sets _missing and _uninstalled to the
# commands without a page, and without one in dist_man_MANS.
pages_missing() {
	_missing=
	_uninstalled=
	for _c in "$@"; do
		_page=$SRCDIR/man/scalec-$_c.1
		if [ ! -f "$_page" ] ||
		    ! grep -q "^\.TH SCALEC-$(echo "$_c" | tr a-z A-Z) 1 " "$_page" ||
		    ! grep -q "^scalec-$_c \\\\- " "$_page"; then
			_missing="$_missing $_c"
		fi
		sed -n '/^dist_man_MANS/,/^$/p' "$SRCDIR/Makefile.am" |
		    grep -q "man/scalec-$_c\.1" || _uninstalled="$_uninstalled $_c"
	done
}
# The check itself finds a command without a page.
pages_missing init nosuchcommand
check "a command without a page is found" test "$_missing" = " nosuchcommand"
check "a command whose page is not installed is found" test "$_uninstalled" = " nosuchcommand"
pages_missing $("$SCALEC" help --list commands)
check "every command has a man page${_missing:+ (missing:$_missing)}" test -z "$_missing"
check "every command's page is in dist_man_MANS${_uninstalled:+ (not:$_uninstalled)}" test -z "$_uninstalled"
check "scalec --help points to the pages" eval '"$SCALEC" --help | grep -q "man scalec-COMMAND"'

# make install, into a staging folder under the configured prefix.
prefix=$(sed -n 's/^prefix = //p' "$BUILDDIR/Makefile")
datarootdir=$prefix/share
D=$T/dest
(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C "$BUILDDIR" install DESTDIR="$D") \
    >"$T/out" 2>"$T/err"
rc=$?
check "make install" rc_is 0
check "the binary" test -x "$D$prefix/bin/scalec"
check "the installed binary runs" eval '"$D$prefix/bin/scalec" --version | grep -q "^scalec "'
_notinst=
for _c in "" $("$SCALEC" help --list commands); do
	_f=$D$datarootdir/man/man1/scalec${_c:+-$_c}.1
	[ -f "$_f" ] || _notinst="$_notinst ${_c:-scalec}"
done
check "every command's page installed${_notinst:+ (not:$_notinst)}" test -z "$_notinst"
check "scalec-config(5) installed" test -f "$D$datarootdir/man/man5/scalec-config.5"
run_man() { MANPATH="$D$datarootdir/man" man -w "$@" >"$T/out" 2>"$T/err"; rc=$?; }
run_man scalec-annotate
check "man finds scalec-annotate" out_is "$D$datarootdir/man/man1/scalec-annotate.1"
run_man scalec
check "man finds scalec" out_is "$D$datarootdir/man/man1/scalec.1"
run_man 5 scalec-config
check "man finds scalec-config(5)" out_is "$D$datarootdir/man/man5/scalec-config.5"
MANPATH="$D$datarootdir/man" MANWIDTH=80 man scalec-init 2>"$T/err" | col -b >"$T/out"
check "man shows scalec-init" out_has "create a scalec database"
check "the demo data" test -f "$D$datarootdir/scalec/demo/ner.jsonl"
SCALEC_SHARE=$D$datarootdir/scalec run --db "$T/demo.db" demo --no-annotate
check "the demo runs from the installed data" rc_is 0

# bash-completion finds the completion by the command's name in
# $XDG_DATA_DIRS (its default has $prefix/share), on the first Tab.
env XDG_DATA_DIRS="$D$datarootdir:/usr/share" bash --norc -c '
	. /usr/share/bash-completion/bash_completion
	_completion_loader scalec
	complete -p scalec' >"$T/out" 2>"$T/err"
check "bash-completion loads the installed completion" out_is "complete -F _scalec scalec"
# zsh's compinit finds _scalec in site-functions by its #compdef line.
zsh -f -c "fpath=(\"$D$datarootdir/zsh/site-functions\" \$fpath)
	autoload -Uz compinit && compinit -u -d \"$T/zcompdump\"
	print -r -- \$_comps[scalec]" >"$T/out" 2>"$T/err"
check "zsh's compinit finds the installed _scalec" out_is "_scalec"
check "zsh's site-functions is one zsh reads" \
    eval 'zsh -f -c "print -l \$fpath" | grep -qx "$datarootdir/zsh/site-functions" ||
    [ "$prefix" != /usr/local ]'

# The README: the first command installs (with man-db and
# bash-completion) and runs the installed scalec; the test command's
# packages are .ci/run's.
first=$(grep -m1 '^    apt-get update' "$SRCDIR/README")
second=$(grep '^    apt-get update' "$SRCDIR/README" | sed -n 2p)
pkgs() { echo "$1" | sed 's/.*apt-get install -y \([^&]*\)&&.*/\1/' | tr ' ' '\n' | grep . | sort; }
check "README: the first command installs" eval 'echo "$first" | grep -q "make install && scalec demo$"'
check "README: man-db and bash-completion in the first command" \
    eval 'pkgs "$first" | grep -qx man-db && pkgs "$first" | grep -qx bash-completion'
check "README: zsh, man-db and bash-completion in the test command" \
    eval 'pkgs "$second" | grep -qx zsh && pkgs "$second" | grep -qx man-db && pkgs "$second" | grep -qx bash-completion'
# (A tarball has no .ci: make distcheck runs this without it.)
if [ -f "$SRCDIR/.ci/run" ]; then
	ci=$(sed -n '/^apt-get install -y -qq build-essential/,/>\/dev\/null$/p' "$SRCDIR/.ci/run" |
	    sed 's/apt-get install -y -qq//; s/>\/dev\/null//; s/\\$//' | tr ' \t' '\n\n' | grep . | sort)
	check "README's test command and .ci/run install the same packages" \
	    test "$(pkgs "$second")" = "$ci"
else
	ok "README's test command and .ci/run install the same packages # SKIP no .ci in a tarball"
fi
check "README: says how the completion is turned on" \
    grep -q 'bash_completion' "$SRCDIR/README"

done_testing
