# Shared by the screen tests: `scalec annotate` on a real terminal, a
# private tmux server (tmux's own regress tests are the model), on top of
# tests/cli/lib.sh (TAP, a private home and database, run/check).
#
# Each start gets a server of its own (-S $T/tmux-N -f /dev/null: a socket
# in the test's own folder, removed with it), killed by the next start and
# on exit. start runs scalec in a window of a
# fixed size under a small wrapper that prints "[exit N]" when scalec ends
# and then keeps the pane open, so that the screen after the exit (the
# terminal restored) can be read too. LANG, TZ, TERM and HOME are pinned.
# Sanitizer reports of anything run in the panes go to $T/san
# (ASAN_OPTIONS/UBSAN_OPTIONS log_path); tui_done fails the file when one
# is there.
#
# Screens are read with capture-pane, after waiting for an expected string
# (wait_for polls, with a timeout; nothing here sleeps blindly).
. "$SRCDIR/tests/cli/lib.sh"

need tmux tmux

unset TMUX TMUX_PANE
export SHELL=/bin/sh
# One server per start (a socket of its own: a server being killed may
# still hold the last one's).
_srv=0
WIN=0
SOCK=$T/tmux-$_srv
mkdir -p "$T/san"
SAN_LOG="$T/san"
# The terminal type inside tmux: its own entry when installed.
if infocmp tmux-256color >/dev/null 2>&1; then
	TUI_TERM=tmux-256color
else
	TUI_TERM=screen-256color
fi

tm() {
	tmux -u -S "$SOCK" -f /dev/null "$@"
}

trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# The pane's program: scalec ARGS..., then "[exit N]" and a pause (the
# pane stays until the server is killed). Its own environment is pinned.
cat >"$T/wrap.sh" <<'EOF'
#!/bin/sh
"$@"
echo "[exit $?]"
exec sleep 600
EOF
chmod +x "$T/wrap.sh"

# pane_command [-e VAR=VALUE]... [--] SCALEC-ARGS...: sets PANE_CMD to
# what a pane runs: scalec ARGS under the wrapper, with a pinned
# environment (TERM=$TUI_TERM unless -e TERM=... says otherwise) and the
# sanitizers' logs in $SAN_LOG. Sets PANE_W and PANE_H from -x, -y.
pane_command() {
	_env=()
	PANE_W=80 PANE_H=24
	while [ $# -gt 0 ]; do
		case $1 in
		-x) PANE_W=$2; shift 2 ;;
		-y) PANE_H=$2; shift 2 ;;
		-e) _env+=("$2"); shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	PANE_CMD=(env -u NO_COLOR LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
	    HOME="$HOME" SCALEC_DB="$SCALEC_DB" TERM="$TUI_TERM"
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SAN_LOG/asan"
	    UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$SAN_LOG/ubsan"
	    "${_env[@]}" "$T/wrap.sh" "$SCALEC" "$@")
}

# start [-x W] [-y H] [-e VAR=VALUE]... [--] SCALEC-ARGS...: a new server
# and session "t" (default 80x24) running scalec; waits for nothing.
start() {
	pane_command "$@"
	stop
	_srv=$((_srv + 1))
	SOCK=$T/tmux-$_srv
	tm new-session -d -s t -x "$PANE_W" -y "$PANE_H" "${PANE_CMD[@]}"
	WIN=0
}

# start_window [-e VAR=VALUE]... [--] SCALEC-ARGS...: the same in a new
# window of the session, which becomes the one keys, screen and the rest
# use ($WIN; "WIN=0" goes back to the first).
start_window() {
	pane_command "$@"
	WIN=$(tm new-window -d -P -F '#{window_index}' -t t: "${PANE_CMD[@]}")
}

# keys KEY...: tmux send-keys (key names as tmux has them: Enter, Escape,
# BSpace, Home, End, Space, PageDown...).
keys() {
	tm send-keys -t "t:$WIN" "$@"
}

# screen [-e]: the pane as text (with -e, its attributes as escapes).
screen() {
	tm capture-pane -p -t "t:$WIN" "$@"
}

# wait_for STRING [SECONDS]: polls the screen until it holds STRING
# (fixed, not a pattern); 1 after SECONDS (default 5), with the screen
# shown as diagnostics.
wait_for() {
	_want=$1 _limit=$(( ${2:-5} * 20 ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if screen 2>/dev/null | grep -qF -- "$_want"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "timed out waiting for: $_want" "screen:" "$(screen)"
	return 1
}

# wait_gone STRING [SECONDS]: polls until the screen no longer has STRING.
wait_gone() {
	_want=$1 _limit=$(( ${2:-5} * 20 ))
	_i=0
	while [ $_i -lt $_limit ]; do
		if ! screen 2>/dev/null | grep -qF -- "$_want"; then
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "timed out waiting for this to go: $_want" "screen:" "$(screen)"
	return 1
}

# tcheck NAME COMMAND...: one TAP line; on failure shows the screen.
tcheck() {
	_name=$1; shift
	if "$@"; then
		ok "$_name"
	else
		not_ok "$_name"
		diag "screen:" "$(screen 2>&1)"
	fi
}

# Screen predicates.
has() { screen | grep -qF -- "$1"; }
hasnt() { ! screen | grep -qF -- "$1"; }
# row N: the screen's row N (from 0).
row() { screen | sed -n "$(($1 + 1))p"; }
row_is() { [ "$(row "$1")" = "$2" ]; }
row_has() { row "$1" | grep -qF -- "$2"; }
row_hasnt() { ! row_has "$@"; }
# row_e_matches N REGEX: row N with its attributes as escapes (capture-pane
# -e) matches the extended REGEX.
row_e_matches() { screen -e | sed -n "$(($1 + 1))p" | grep -Eq -- "$2"; }

# The pane's program (the wrapper) and scalec, its child.
pane_pid() { tm display -p -t "t:$WIN" '#{pane_pid}'; }
scalec_pid() { pgrep -P "$(pane_pid)" -x scalec; }
# pane FORMAT: a tmux format of the pane, e.g. '#{alternate_on}'.
pane() { tm display -p -t "t:$WIN" "$1"; }

# alive PID: the process runs (a zombie waiting for its reaper has ended).
alive() {
	case $(ps -o stat= -p "$1" 2>/dev/null) in
	''|Z*) return 1 ;;
	esac
	return 0
}

# wait_exit PID [SECONDS]: polls until the process has ended.
wait_exit() {
	_i=0
	while alive "$1"; do
		[ $_i -ge $(( ${2:-5} * 20 )) ] && return 1
		sleep 0.05
		_i=$((_i + 1))
	done
	return 0
}

sql() { sqlite3 "$SCALEC_DB" "$1"; }

# The terminal is back as it was: scalec ended (the wrapper said so), the
# normal screen shown, the cursor visible, keypad mode off.
restored() {
	has "[exit $1]" && [ "$(pane '#{alternate_on}')" = 0 ] &&
	    [ "$(pane '#{cursor_flag}')" = 1 ] &&
	    [ "$(pane '#{keypad_cursor_flag}')" = 0 ]
}

# No sanitizer report from anything run in the panes.
no_sanitizer_reports() {
	if [ -n "$(ls -A "$SAN_LOG")" ]; then
		not_ok "no sanitizer reports from the panes"
		for _f in "$SAN_LOG"/*; do
			diag "$_f:" "$(head -40 "$_f")"
		done
	else
		ok "no sanitizer reports from the panes"
	fi
}

# stop: ends the server, and waits for the scalec it ran to exit (its
# sanitizer reports are written by then).
stop() {
	_pid=$(scalec_pid 2>/dev/null)
	tm kill-server >/dev/null 2>&1
	[ -z "$_pid" ] || wait_exit "$_pid" 10
}

# done_testing, with the sanitizer check first.
tui_done() {
	stop
	no_sanitizer_reports
	done_testing
}
