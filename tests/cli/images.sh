#!/bin/sh
# Seeing the image: the decoders (PNG, JPEG with its DCT scaling, GIF, BMP,
# WebP, PPM), EXIF orientation, the graphics modes as the headless display
# records them, the symbols frame against a stored one, the sixel output
# decoded back (libsixel-bin's sixel2png) and compared with the source,
# and the bytes that are no image: broken, truncated, too big.
. "${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"
need pnmtopng netpbm
need sixel2png libsixel-bin
need cwebp webp

# A 64 x 48 picture in four quadrants: red, green / blue, yellow.
awk 'BEGIN { print "P3 64 48 255"
	for (y = 0; y < 48; y++) for (x = 0; x < 64; x++)
		if (y < 24) print (x < 32 ? "255 0 0" : "0 255 0")
		else print (x < 32 ? "0 0 255" : "255 255 0") }' > "$T/q.ppm"
pnmtopng "$T/q.ppm" > "$T/q.png" 2>/dev/null
pnmtojpeg --quality 95 "$T/q.ppm" > "$T/q.jpg" 2>/dev/null
ppmtogif "$T/q.ppm" > "$T/q.gif" 2>/dev/null
ppmtobmp "$T/q.ppm" > "$T/q4.bmp" 2>/dev/null
ppmtobmp -bpp 24 "$T/q.ppm" > "$T/q24.bmp" 2>/dev/null
cwebp -quiet -lossless "$T/q.png" -o "$T/q.webp"

run init
run project create pics --type image-classification --labels round,square
for f in q.png q.jpg q.gif q4.bmp q24.bmp q.webp q.ppm; do
	run file add pics "$T/$f"
done
n=0
for f in q.png q.jpg q.gif q4.bmp q24.bmp q.webp q.ppm; do
	n=$((n + 1))
	keys pics '' --task $n --json
	check "$f: decoded and drawn" test "$(json "d['image']['error'], d['image']['mode'], d['image']['decoded_width'], d['image']['decoded_height'], d['image']['rows'] > 0")" = "None symbols 64 48 True"
done

# The symbols frame of the PNG, against the stored one.
run project create one --type image-classification --labels round,square
run file add one "$T/q.png"
keys one ''
if out | sed "s|$T|T|; s|task [0-9]* —|task N —|" | diff -u "$SRCDIR/tests/cli/frames/images-symbols.txt" - > "$T/diff"; then
	ok "symbols: the frame is the stored one"
else
	not_ok "symbols: the frame is the stored one"
	sed 's/^/# /' "$T/diff" | head -40
fi
check "symbols: the mode is in the status line" out_has "symbols"
keys pics '' --task 1 --graphics none
check "--graphics none: the picture is not drawn" out_has "Graphics are off (--graphics none)"
check "--graphics none: the path and size are" out_has "Image: $T/q.png (64 x 48)"

# graphics: in config.yaml: the mode when --graphics is not given; a bad
# one refused at its FILE:LINE:COLUMN with nothing changed; --graphics wins.
mkdir -p "$HOME/.config/scalec"
printf '# mine\ngraphics: none\n' > "$HOME/.config/scalec/config.yaml"
keys pics '' --task 1
check "graphics: none: the picture is not drawn" out_has "Graphics are off"
check "graphics: none: the path and size are" out_has "Image: $T/q.png (64 x 48)"
keys pics '' --task 1 --graphics symbols
check "--graphics wins over graphics:" out_has "symbols"
check "--graphics wins over graphics: (drawn)" test -z "$(grep -F "Graphics are off" "$T/out")"
printf 'graphics: blink\n' > "$HOME/.config/scalec/config.yaml"
expect_unchanged "graphics: blink" annotate pics --keys "$T/keys" --task 1
check "graphics: blink: named at its place" err_has "config.yaml:1:11: graphics: takes sixel, kitty, iterm, symbols or none, not 'blink'"
printf 'viewer: [feh, [x]]\n' > "$HOME/.config/scalec/config.yaml"
expect_unchanged "viewer: a list in the list" annotate pics --keys "$T/keys" --task 1
check "viewer: the bad word named at its place" err_has "config.yaml:1:15:"
printf 'viewer: "  "\n' > "$HOME/.config/scalec/config.yaml"
expect_unchanged "viewer: no program" annotate pics --keys "$T/keys" --task 1
check "viewer: no program: named" err_has "config.yaml:1:9: viewer: names no program"
rm "$HOME/.config/scalec/config.yaml"

# Sixel: decoded back, each quadrant's middle within 48 of its colour
# per channel (chafa dithers to at most 256 colours).
keys pics '' --task 1 --json --graphics sixel --graphics-out "$T/o.six"
check "sixel: recorded" test "$(json "d['image']['mode'], d['image']['bytes'] > 1000")" = "sixel True"
check "sixel: the bytes start at the region's corner" test "$(head -c 16 "$T/o.six" | od -An -c | tr -d ' \n')" = "0337033[5;2H033P0;1;0q"
sixel2png < "$T/o.six" > "$T/o.png" 2>"$T/err"
check "sixel: sixel2png reads it" test -s "$T/o.png"
size=$(pngtopnm "$T/o.png" | pnmfile | sed 's/.*, \([0-9]*\) by \([0-9]*\).*/\1 \2/')
w=${size% *}; h=${size#* }
check "sixel: the picture keeps the aspect (4:3 within 2%)" test $((w * 300 / h)) -ge 392 -a $((w * 300 / h)) -le 408
pixel() {
	pngtopnm "$T/o.png" | pamcut -left "$1" -top "$2" -width 1 -height 1 | pnmnoraw | tail -n +4 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}
near() {
	set -- $1 $2
	_got="$1 $2 $3"; shift 3
	python3 -c "import sys; g=list(map(int,sys.argv[1].split())); e=list(map(int,sys.argv[2].split())); sys.exit(0 if all(abs(a-b)<=48 for a,b in zip(g,e)) else 1)" "$_got" "$*"
}
for q in "1 1 255 0 0 red" "3 1 0 255 0 green" "1 3 0 0 255 blue" "3 3 255 255 0 yellow"; do
	set -- $q
	px=$(pixel $((w * $1 / 4)) $((h * $2 / 4)))
	check "sixel: the $6 quadrant is $6 ($px)" near "$px" "$3 $4 $5"
done
keys pics 'l h' --task 1 --json --graphics sixel --graphics-out "$T/o2.six"
check "sixel: keys that change nothing send the picture once" test "$(wc -c < "$T/o2.six")" = "$(wc -c < "$T/o.six")"

# A 4000 x 3000 JPEG decodes through the DCT at the smallest scale not
# smaller than the picture: 1/8 for 16 rows of symbols (171 x 128 pixels
# fit), 1/2 for a sixel region of 1980 x 1040 pixels (1387 x 1040).
ppmmake rgb:80/40/20 4000 3000 | pnmtojpeg > "$T/big.jpg" 2>/dev/null
run file add pics "$T/big.jpg"
big=$(sqlite3 "$SCALEC_DB" "select id from task where image = '$T/big.jpg'")
keys pics '' --task "$big" --json
check "big JPEG: DCT-scaled to 1/8 for symbols" test "$(json "d['image']['width'], d['image']['height'], d['image']['scale_denom'], d['image']['decoded_width'], d['image']['decoded_height']")" = "4000 3000 8 500 375"
keys pics '' --task "$big" --json --size 200x60 --graphics sixel
check "big JPEG: DCT-scaled to 1/2 for a big sixel region" test "$(json "d['image']['region']['w'], d['image']['region']['h'], d['image']['scale_denom'], d['image']['decoded_width']")" = "198 52 2 2000"

# z zooms a classification's image too, around the middle (there is no
# crosshair to move), Z goes back; a zoomed JPEG is decoded finer.
keys pics 'z z' --task 1 --json
check "zoom: z z, a quarter of the image in sight" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['view'], d['image']['draw']['crosshair']")" = "4 {'x': 24.0, 'y': 18.0, 'w': 16.0, 'h': 12.0} {'x': 32.0, 'y': 24.0}"
check "zoom: the status says so, and that the arrows pan" out_has '"status": "Zoom 4x around 32, 24: h j k l pan"'
# Zoomed in, the arrows and hjkl pan the view a quarter of itself, inside
# the image; a digit still labels.
keys pics 'z z l l Down Down Down Down Down Down Down Down Down' --task 1 --json
check "pan: l l Down..., the view moved right and to the bottom" test "$(json "d['image']['draw']['view']")" = "{'x': 32.0, 'y': 36.0, 'w': 16.0, 'h': 12.0}"
keys pics 'z z l h h h h h h h h k' --task 1 --json
check "pan: to the left edge, then up" test "$(json "d['image']['draw']['view']")" = "{'x': 0.0, 'y': 15.0, 'w': 16.0, 'h': 12.0}"
keys pics 'z z l 1' --task 1 --json
check "pan: a digit still labels" test "$(json "d['submitted']")" = 1
keys pics 'z z Z Z' --task 1 --json
check "zoom: Z Z back to the whole image" test "$(json "d['image']['draw']['zoom'], d['image']['draw']['view']")" = "1 {'x': 0.0, 'y': 0.0, 'w': 64.0, 'h': 48.0}"
keys pics 'z z z' --task "$big" --json
check "zoom: a zoomed big JPEG is decoded at a finer scale" test "$(json "d['image']['draw']['zoom'], d['image']['scale_denom'] < 8")" = "8 True"

# EXIF orientation 6 (turn 90 degrees clockwise): 48 x 64 when shown.
{ printf '\377\330\377\341\000\042Exif\000\000MM\000\052\000\000\000\010'
  printf '\000\001\001\022\000\003\000\000\000\001\000\006\000\000'
  printf '\000\000\000\000'
  tail -c +3 "$T/q.jpg"; } > "$T/turned.jpg"
run file add pics "$T/turned.jpg"
t6=$(sqlite3 "$SCALEC_DB" "select id from task where image = '$T/turned.jpg'")
check "EXIF orientation 6: the task records the turned size" test "$(sqlite3 "$SCALEC_DB" "select width || 'x' || height from task where id = $t6")" = 48x64
keys pics '' --task "$t6" --json
check "EXIF orientation 6: the picture is turned" test "$(json "d['image']['orientation'], d['image']['width'], d['image']['height'], d['image']['decoded_width']")" = "6 48 64 48"

# i: the instructions, then what the image is and how it is shown.
keys pics 'i' --task 1
check "i on an image: its path" out_has "Image: $T/q.png"
check "i on an image: its size, format and bytes" out_has "64 x 48 pixels, png, $(wc -c < "$T/q.png") bytes"
check "i on an image: how it is shown" out_has "shown as symbols in "
keys pics 'i' --task "$big"
check "i on a big JPEG: decoded at a DCT scale" out_has "decoded at 1/8 (500 x 375)"
keys pics 'i' --task "$t6"
check "i on a turned JPEG: says so" out_has "EXIF orientation 6: shown turned"
keys pics 'i' --task 1 --graphics none
check "i without graphics: the path alone" test "$(grep -c 'pixels,' "$T/out")" = 0
check "i without graphics: the path" out_has "Image: $T/q.png"

# Bytes that are no image, and one too big: file add refuses them (see
# file.sh); a file that went bad after it was added: a message, no crash.
cp "$T/q.png" "$T/cut.png"
cp "$T/q.ppm" "$T/huge.ppm"
cp "$T/q24.bmp" "$T/cut.bmp"
for f in cut.png huge.ppm cut.bmp; do
	run file add pics "$T/$f" --allow-duplicates
done
head -c 60 "$T/q.png" > "$T/cut.png"
printf 'P6\n50000 50000\n255\n\000\000\000' > "$T/huge.ppm"
head -c 300 "$T/q24.bmp" > "$T/cut.bmp"
for c in "cut.png:the PNG cannot be read" "huge.ppm:too big to show: 50000 x 50000 pixels" "cut.bmp:the BMP file is truncated"; do
	f=${c%%:*}; msg=${c#*:}
	id=$(sqlite3 "$SCALEC_DB" "select id from task where image = '$T/$f'")
	keys pics '' --task "$id"
	check "$f: exits 0" test "$rc" = 0
	check "$f: says why on the screen" out_has "$msg"
done
check "a vanished image says so" sh -c "rm '$T/q.gif' && '$SCALEC' annotate pics --task 3 --keys '$T/keys' | grep -qF 'cannot open the image: No such file or directory'"

# Images by URL: fetched (libcurl) from python3's http.server on a free
# port into $XDG_CACHE_HOME/scalec/images (0700), once; a 404, a server
# that is gone and an answer over 64 MiB each a message on the screen.
mkdir -p "$T/www"
cp "$T/q.png" "$T/www/q.png"
truncate -s 67108865 "$T/www/huge.png"
export XDG_CACHE_HOME=$T/cache
(cd "$T/www" && exec python3 -u -m http.server 0 --bind 127.0.0.1) > "$T/http.log" 2>&1 &
http=$!
for _ in $(seq 100); do grep -q 'port [0-9]' "$T/http.log" && break; sleep 0.05; done
port=$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$T/http.log" | head -1)
run project create web --type image-classification --labels round,square
printf '{"image": "http://127.0.0.1:%s/q.png", "id": "ok", "width": 64, "height": 48}\n{"image": "http://127.0.0.1:%s/nothere.png", "id": "404"}\n{"image": "http://127.0.0.1:%s/huge.png", "id": "big"}\n' "$port" "$port" "$port" > "$T/web.jsonl"
run import web "$T/web.jsonl"
check "URLs: imported" rc_is 0
webid() { sqlite3 "$SCALEC_DB" "select id from task where ext_id in ('$1', '\"$1\"')"; }  # a string of digits is kept as JSON (idtypes.sh)
keys web '' --task "$(webid ok)" --json
check "URL: fetched and decoded" test "$(json "d['image']['error'], d['image']['decoded_width'], d['image']['decoded_height']")" = "None 64 48"
check "URL: the cache folder is 0700" test "$(stat -c %a "$T/cache/scalec/images")" = 700
check "URL: the cached copy is the image" cmp -s "$T/q.png" "$(ls -d "$T"/cache/scalec/images/* | head -1)"
keys web '' --task "$(webid 404)"
check "URL: a 404 says so on the screen" out_has "the image cannot be fetched: HTTP 404"
keys web '' --task "$(webid big)"
check "URL: over 64 MiB, refused on the screen" out_has "the image cannot be fetched: it is bigger than 67108864 bytes"
check "URL: nothing over the limit is cached" test "$(ls "$T/cache/scalec/images" | wc -l)" = 1
# The cache is bounded (SCALEC_IMAGE_CACHE_MB): past it the copies used
# longest ago go. a, b, then a again, then c: b is the one used longest
# ago (q.png before it goes too), a and c stay.
for f in a b c; do head -c 400000 /dev/urandom > "$T/www/$f.png"; done
printf '{"image": "http://127.0.0.1:%s/%s.png", "id": "%s", "width": 1, "height": 1}\n' "$port" a a "$port" b b "$port" c c > "$T/lru.jsonl"
run import web "$T/lru.jsonl"
cached() {
	for _c in "$T"/cache/scalec/images/*; do
		cmp -s "$_c" "$T/www/$1" && return 0
	done
	return 1
}
export SCALEC_IMAGE_CACHE_MB=1
for f in a b a; do keys web '' --task "$(webid $f)"; sleep 0.01; done
check "cache: a and b fit in 1 MiB" sh -c "test \$(ls '$T/cache/scalec/images' | wc -l) = 3"
keys web '' --task "$(webid c)"
check "cache: past 1 MiB, the copy used longest ago goes" eval '! cached b.png'
check "cache: ... and the one before it" eval '! cached q.png'
check "cache: the one used again stays" cached a.png
check "cache: the one just fetched stays" cached c.png
unset SCALEC_IMAGE_CACHE_MB
keys web '' --task "$(webid ok)"
kill "$http"; wait "$http" 2>/dev/null
keys web '' --task "$(webid ok)" --json
check "URL: the cached copy serves once the server is gone" test "$(json "d['image']['error'], d['image']['decoded_width']")" = "None 64"
keys web '' --task "$(webid 404)"
check "URL: a server that is gone says so on the screen" out_has "the image cannot be fetched: "
check "URL: ... naming the failure" sh -c "grep -qiE 'connect|refused' '$T/out'"

# Bad options change nothing.
expect_usage "--graphics bad" annotate pics --graphics tiles --keys "$T/keys"
check "--graphics bad: names the modes" err_has "takes sixel, kitty, iterm, symbols or none, not 'tiles'"
expect_usage "--graphics-out without --keys" annotate pics --graphics-out "$T/x"
done_testing
