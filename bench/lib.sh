# Shared by the benchmarks (bench/*.sh): the binary (./scalec, or
# SCALEC), N from the first argument (default 1000000), a private work
# directory $W with its home, and gen N, which writes N texts as JSONL.
# Sourced after 'set -eu'.

N=${1:-1000000}
SCALEC=${SCALEC:-./scalec}
[ -x "$SCALEC" ] || { echo "bench: no scalec at $SCALEC (set SCALEC)" >&2; exit 1; }
SCALEC=$(cd "$(dirname "$SCALEC")" && pwd)/$(basename "$SCALEC")

W=$(mktemp -d "${TMPDIR:-/tmp}/scalec-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export LC_ALL=C.UTF-8 HOME="$W"
unset SCALEC_DB XDG_CONFIG_HOME XDG_DATA_HOME

# gen N: writes $W/data.jsonl, N sentences of 8 to 25 words.
gen() {
	awk -v n="$1" -v out="$W/data.jsonl" '
	BEGIN {
		srand(7)
		nw = split("the a of to and in that was for on with as by at " \
		    "from market council report said would people after year " \
		    "city new first government team police minister company " \
		    "prices week water school players river museum festival " \
		    "Paris Berlin Obama Merkel Lagos Lima Osaka Ada Grace Alan " \
		    "café Zürich München Ελλάδα Москва 東京 서울", w, " ")
		for (i = 1; i <= n; i++) {
			len = 8 + int(rand() * 18)
			s = ""
			for (j = 0; j < len; j++)
				s = s (j ? " " : "") w[1 + int(rand() * nw)]
			printf "{\"id\": \"t%d\", \"text\": \"%s .\"}\n", i, s > out
		}
	}'
}

sc() { "$SCALEC" --db "$W/b.db" "$@"; }
