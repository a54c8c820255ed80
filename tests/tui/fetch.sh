#!/bin/bash
# Images by URL on a terminal: fetched in the background (libcurl's multi
# interface, waited on with the terminal), so the screen stays live while
# a server is still sending; the region says "fetching URL... N KB of M
# KB"; a transfer the task no longer needs is ended (the server sees the
# connection closed), and so is one under way at q; the next task's image
# is fetched while the current one is shown, so it comes from the cache;
# an answer over the limit and one that does not come in time are
# messages on the screen, and so is a URL with escape sequences in it
# (shown visibly). The server is tests/tui/httpd.py.
. "$SRCDIR/tests/tui/lib.sh"
need pnmtopng netpbm
need python3 python3

awk 'BEGIN { print "P3 64 48 255"
	for (y = 0; y < 48; y++) for (x = 0; x < 64; x++)
		print (x < 32 ? "255 0 0" : "0 0 255") }' > "$T/q.ppm"
mkdir -p "$T/www"
pnmtopng "$T/q.ppm" > "$T/www/q.png" 2>/dev/null
cp "$T/www/q.png" "$T/www/next.png"

python3 -u "$SRCDIR/tests/tui/httpd.py" "$T/www" "$T/http.log" \
    > "$T/http.out" 2>&1 &
http=$!
trap 'kill $http 2>/dev/null; tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
for _ in $(seq 100); do grep -q '^port' "$T/http.out" && break; sleep 0.05; done
port=$(sed -n 's/^port //p' "$T/http.out")
url=http://127.0.0.1:$port
touch "$T/http.log"
export XDG_CACHE_HOME=$T/cache

run init
run project create web --type image-classification --labels round,square
printf '{"image": "%s", "id": "%s", "width": 64, "height": 48}\n' \
    "$url/slow/q.png" slow "$url/next.png" next "$url/big/q.png" big \
    "$url/hang/q.png" hang "$url/slow/e\\u001b]0;PWNED\\u0007.png" evil \
    "$url/slow/q.png?2" slow2 > "$T/web.jsonl"
run import web "$T/web.jsonl"
check "imported" rc_is 0

# served PATH / closed PATH / get PATH in the server's log.
logged() { grep -qxF -- "$1" "$T/http.log"; }
wait_log() {
	for _ in $(seq 100); do logged "$1" && return 0; sleep 0.05; done
	diag "the server's log:" "$(cat "$T/http.log")"
	return 1
}

start -e "XDG_CACHE_HOME=$T/cache" -e SCALEC_FETCH_TIMEOUT=3 -- annotate web
tcheck "slow: the region says it is fetching" wait_for "fetching $url/slow/q.png"
tcheck "slow: with the bytes so far of the whole" wait_for " KB of 9765 KB"
tcheck "slow: the server is still sending" eval 'logged "get /slow/q.png" \
    && ! logged "closed /slow/q.png" && ! logged "served /slow/q.png"'
# The count goes up while nothing is typed: the screen is drawn again.
kb1=$(screen | sed -n 's/.*… \([0-9]*\) KB of.*/\1/p' | head -1)
sleep 1
kb2=$(screen | sed -n 's/.*… \([0-9]*\) KB of.*/\1/p' | head -1)
tcheck "slow: the figure moves by itself ($kb1, then $kb2 KB)" test "${kb2:-0}" -gt "${kb1:-0}"
tcheck "prefetch: the next task's image fetched while this one is shown" \
    wait_log "served /next.png"
keys '?'
tcheck "live: ? opens the help while the server is sending" wait_for "Keys"
tcheck "live: ... and the transfer is still under way" eval '! logged "closed /slow/q.png"'
keys Escape
keys 1
tcheck "live: 1 labels it and the next task comes" wait_for "Image: $url/next.png"
tcheck "cancel: the server sees the connection closed" wait_log "closed /slow/q.png"
tcheck "prefetch: the next image is drawn from the cache at once" \
    row_e_matches 6 $'\033\\[[0-9;]*(48|38);5;196'
tcheck "prefetch: it was asked for once" test "$(grep -cx 'get /next.png' "$T/http.log")" = 1
keys 2
tcheck "limit: over 64 MiB, refused on the screen" \
    wait_for "it is bigger than 67108864 bytes" 20
keys s
tcheck "timeout: says so on the screen" \
    wait_for "the image cannot be fetched: it did not come within 3 seconds" 10
keys s
tcheck "injection: a URL with escapes is refused on the screen" \
    wait_for "the image cannot be fetched: URL"
tcheck "injection: its name shown visibly" wait_for 'e^[]0;PWNED^G.png'
title=$(pane '#{pane_title}')
tcheck "injection: the pane title is not PWNED" test "${title#*PWNED}" = "$title"
keys s
tcheck "quit: the last task fetching" wait_for "fetching $url/slow/q.png?2"
keys q
tcheck "quit: leaves at once" wait_for "[exit 0]"
tcheck "quit: the transfer under way is ended" wait_log "closed /slow/q.png?2"
check "the labels: 1 round, 2 square" test "$(sql "SELECT group_concat(t.ext_id || '=' || a.result, ' ') FROM annotation a JOIN task t ON t.id = a.task_id WHERE a.state = 'submitted' ORDER BY t.id")" = 'slow={"label":["round"]} next={"label":["square"]}'
check "the cache holds the next image alone" test "$(ls "$T/cache/scalec/images" | wc -l)" = 1

# The review screen fetches the next item's image ahead the same way:
# while the first item's is shown, the second's is fetched; accepted, the
# second comes from the cache, asked for once.
cp "$T/www/q.png" "$T/www/r1.png"
cp "$T/www/q.png" "$T/www/r2.png"
run project create rv --type image-classification --labels round,square
printf '{"image": "%s", "id": "%s", "width": 64, "height": 48}\n' \
    "$url/r1.png" r1 "$url/r2.png" r2 > "$T/rv.jsonl"
run import rv "$T/rv.jsonl"
run user add ann --role annotator
run user add rita --role reviewer
echo '1 2' | XDG_CACHE_HOME=$T/cache-ann "$SCALEC" --as ann annotate rv \
    --keys - >/dev/null
got_r2() { grep -cx 'get /r2.png' "$T/http.log"; }
before=$(got_r2)
start -e "XDG_CACHE_HOME=$T/cache-rv" --as rita review rv
tcheck "review: the first item's image" wait_for "Image: $url/r1.png"
tcheck "review prefetch: the next item's image fetched while this one is shown" \
    eval 'for _ in $(seq 100); do test "$(got_r2)" -gt "$before" && break; sleep 0.05; done; test "$(got_r2)" -gt "$before"'
keys a
tcheck "review: accepted, the next item" wait_for "Image: $url/r2.png"
tcheck "review prefetch: the next image is drawn from the cache at once" \
    row_e_matches 6 $'\033\\[[0-9;]*(48|38);5;196'
tcheck "review prefetch: it was asked for once" test "$(got_r2)" = $((before + 1))
keys q
tui_done
