#!/bin/bash
# Export to a terminal: a task holding OSC 0 (set the title), OSC 52 (write
# the clipboard) and ED (clear the screen) must reach a real terminal (a
# tmux pane, which acts on all three) only as visible text, in every
# format, to standard output and with -o naming the terminal. First a control: the
# same bytes written raw to a pane do take it over, so the checks below
# can fail. tests/cli/output.sh checks that a pipe gets the exact bytes.
. "$SRCDIR/tests/tui/lib.sh"

run init
run project create inj --type sentiment
printf '%s\n' '{"text": "x\u001b]0;PWNED\u0007 \u001b]52;c;UFdORUQ=\u0007 \u001b[2J\u009b2J\u202e end"}' >"$T/inj.jsonl"
run import inj "$T/inj.jsonl"
"$SCALEC" export inj --format csv >"$T/raw.csv"

# scalec with -o naming the terminal it runs on.
cat >"$T/scalec-to-tty" <<EOF
#!/bin/sh
exec "$SCALEC" "\$@" -o "\$(tty)"
EOF
chmod +x "$T/scalec-to-tty"

# A server whose panes may set tmux's clipboard (OSC 52 makes a buffer)
# and title; the first window runs something harmless.
fresh_server() {
	start -- whoami
	tm set -g set-clipboard on
	tm set -g allow-rename on
}

# took_over: the pane's title was set, or a buffer was made.
retitled() { pane '#{pane_title}' | grep -q PWNED; }
clipboard_written() { [ -n "$(tm list-buffers 2>/dev/null)" ]; }
# The screen with wrapped lines joined has STRING.
joined_has() { screen -J | grep -qF -- "$1"; }

fresh_server
WIN=$(tm new-window -d -P -F '#{window_index}' -t t: \
    sh -c "printf 'BEFORE\n'; cat '$T/raw.csv'; echo '[raw done]'; exec sleep 600")
tcheck "control: the raw bytes written" wait_for "[raw done]"
tcheck "control: raw bytes set the title" retitled
tcheck "control: raw bytes write the clipboard" clipboard_written
tcheck "control: raw bytes clear the screen" hasnt "BEFORE"

for fmt in csv tsv jsonl; do
	for out in stdout tty; do
		fresh_server
		if [ $out = tty ]; then
			# -o the pane's own terminal, /dev/pts/N: a device
			# only root could replace, and never the machine's
			# /dev/tty even if a regression tried.
			SCALEC=$T/scalec-to-tty start_window -- export inj \
			    --format $fmt
		else
			start_window -- export inj --format $fmt
		fi
		tcheck "$fmt to $out: done" wait_for "[exit 0]"
		tcheck "$fmt to $out: the title unchanged" eval '! retitled'
		tcheck "$fmt to $out: no clipboard written" eval '! clipboard_written'
		case $fmt in
		csv) head='task,id,text,image,' ;;
		tsv) head='task' ;;	# the pane shows tabs as spaces
		jsonl) head='{"task": 1, "text"' ;;
		esac
		tcheck "$fmt to $out: the screen not cleared" row_has 0 "$head"
		if [ $fmt = jsonl ]; then
			tcheck "$fmt to $out: JSON escapes, visible" \
			    joined_has 'x\u001B]0;PWNED\u0007 \u001B]52;c;UFdORUQ=\u0007 \u001B[2J\u009B2J\u202E end'
		else
			tcheck "$fmt to $out: shown escaped" \
			    joined_has 'x^[]0;PWNED^G ^[]52;c;UFdORUQ=^G ^[[2J<U+009B>2J<U+202E> end'
		fi
	done
done

tui_done
