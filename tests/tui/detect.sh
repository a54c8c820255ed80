#!/bin/bash
# The graphics mode scalec asks the terminal for, end to end: scalec runs
# on a pseudo-terminal (python3's pty) whose other end plays a terminal.
# It must send kitty's graphics query, the device-attributes query and the
# cursor-position query at once, before the screen starts; the answer
# decides the mode shown in the status line and the picture's encoding:
# kitty's OK (as WezTerm, Konsole or Ghostty answer) gives kitty graphics,
# attribute 4 (xterm -ti vt340) sixel, a terminal that answers only the
# position (and ignores the rest) symbols, without waiting for a timeout.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is missing"
printf 'P6\n2 2\n255\n\377\0\0\0\377\0\0\0\377\377\377\0' > "$T/q.ppm"
run init
run project create pics --type image-classification --labels round,square
run file add pics "$T/q.ppm"
check "(set up)" rc_is 0

cat > "$T/term.py" <<'EOF'
# term.py ANSWER: scalec annotate pics on a pty answering ANSWER to its
# queries; prints what it sent first (the queries), the seconds until it
# drew its screen after the answer, and the whole output, as JSON.
import fcntl, json, os, pty, select, struct, sys, termios, time
answer = sys.argv[1].encode().decode("unicode_escape").encode("latin-1")
env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "KITTY_WINDOW_ID", "TERM_PROGRAM")}
env["TERM"] = "xterm-256color"
pid, fd = pty.fork()
if pid == 0:
    os.execve(os.environ["SCALEC"], [os.environ["SCALEC"], "annotate", "pics"], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
def read_until(pred, secs):
    out = b""
    end = time.time() + secs
    while time.time() < end and not pred(out):
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out
queries = read_until(lambda b: b"\x1b[6n" in b, 5)
t0 = time.time()
if answer:
    os.write(fd, answer)
screen = read_until(lambda b: b"round" in b and (b"symbols" in b or b"sixel" in b or b"kitty" in b), 5)
took = time.time() - t0
os.write(fd, b"q")
rest = read_until(lambda b: False, 0.5)
os.waitpid(pid, 0)
print(json.dumps({"queries": queries.decode("latin-1"), "took": took,
    "screen": (screen + rest).decode("latin-1")}))
EOF
# term ANSWER: runs it; field EXPR reads its JSON.
term() { python3 "$T/term.py" "$1" > "$T/out"; }
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/out"; }
export SCALEC

term '\x1b_Gi=31;OK\x1b\\\x1b[?65;4;6;18;22c\x1b[1;1R'
check "the queries: kitty's, then attributes, then position, at once" test "$(field "d['queries'] == '\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\\\x1b[c\x1b[6n'")" = True
check "kitty's OK: kitty in the status line" test "$(field "'kitty' in d['screen']")" = True
check "kitty's OK: the picture sent as kitty graphics" test "$(field "'\x1b_Ga=T,' in d['screen']")" = True

term '\x1b[?63;1;2;4;6;9;15;22c\x1b[24;1R'
check "attribute 4: sixel in the status line" test "$(field "'sixel' in d['screen']")" = True
check "attribute 4: the picture sent as sixel" test "$(field "'\x1bP' in d['screen']")" = True

term '\x1b[3;1R'
check "only the position answered: symbols" test "$(field "'symbols' in d['screen']")" = True
check "only the position answered: no wait for a timeout" test "$(field "d['took'] < 0.9")" = True
check "only the position answered: no graphics sent" test "$(field "'\x1bP' not in d['screen'] and '\x1b_Ga=T,' not in d['screen']")" = True
done_testing
