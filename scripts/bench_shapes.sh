#!/usr/bin/env bash
# Export throughput of the new shapes (spacy-json, quote-roles, checkthat, claimbuster, citron)
# beside conll, on 10,000 news-sized articles: copies of the gold sample
# (sample-data/korut-dukung-rusia.*, 3.7 KB of text, every paragraph annotated) in 100
# folders of 100, under target/shapes-bench/.
#
#   scripts/bench_shapes.sh [ARTICLES]      # default 10000
#
# Each export runs under /usr/bin/time -v with the release binary and two workers (the
# default); prints seconds, MB/s of article text and peak RSS, with the machine's load, since
# figures taken while others build are low. A measurement, not a test: .ci/run does not call it.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-10000}
WORK=target/shapes-bench
CORPUS=$WORK/corpus-$ARTICLES

cargo build --release -q --bin tandai
if [ ! -f "$CORPUS/.complete" ]; then
    rm -rf "$CORPUS"
    for ((i = 0; i < ARTICLES; i++)); do
        dir=$CORPUS/$(printf '%03d' $((i / 100)))
        mkdir -p "$dir"
        name=$(printf 'article-%05d' "$i")
        cp sample-data/korut-dukung-rusia.txt "$dir/$name.txt"
        cp sample-data/korut-dukung-rusia.ann.ron "$dir/$name.ann.ron"
    done
    touch "$CORPUS/.complete"
fi
bytes=$(find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "corpus: $ARTICLES articles, $bytes bytes of article text; nproc $(nproc); uptime:$(uptime)"

run() {
    local name=$1
    shift
    /usr/bin/time -v -o "$WORK/time.txt" "$@" 2>"$WORK/$name.stderr" >/dev/null || {
        echo "$name failed:" >&2
        tail -5 "$WORK/$name.stderr" >&2
        exit 1
    }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
    printf '%-14s %8.2f s %8.1f MB/s %8.0f MB peak RSS\n' "$name" "$wall" \
        "$(echo "$bytes / $wall / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

TANDAI=target/release/tandai
run conll "$TANDAI" export "$CORPUS" --format conll --out "$WORK/out.conll"
run spacy-json "$TANDAI" export "$CORPUS" --format spacy-json --out "$WORK/out.json"
run quote-roles "$TANDAI" export "$CORPUS" --format quote-roles --out "$WORK/out.roles.conll"
run checkthat "$TANDAI" export "$CORPUS" --format checkthat --out "$WORK/out.tsv"
run claimbuster "$TANDAI" export "$CORPUS" --format claimbuster --out "$WORK/out.csv"
rm -rf "$WORK/citron"
run citron "$TANDAI" export "$CORPUS" --format citron --out "$WORK/citron"
run citron-import "$TANDAI" import "$WORK/citron" --from citron --out "$WORK/imported"
rm -rf "$WORK/imported"
echo "uptime after:$(uptime)"
