#!/usr/bin/env bash
# Export throughput and memory, tandai against the obvious Python route, side by side.
#
#   scripts/bench_export.sh [ARTICLES]      # default 10 articles of 10 MB: a 100 MB corpus
#
# Generates the corpus (examples/gen_large.rs) under target/export-bench/, then runs, each
# under /usr/bin/time -v:
#   - tandai export CORPUS --format conll --all-paragraphs   (every paragraph: all the text)
#   - tandai export CORPUS --format spacy
#   - tandai export ONE-ARTICLE --format conll --all-paragraphs (memory for 1 article vs all)
#   - scripts/python_export_baseline.py CORPUS (spaCy tokenizer + offsets_to_biluo_tags)
# and prints seconds, MB/s of article text, peak RSS, and tandai's speed over Python's.
# spaCy comes from target/consumers-venv (the recipe of .ci/run; created when missing).
# A measurement, not a test: .ci/run does not call it.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${1:-10}
WORK=target/export-bench
CORPUS=$WORK/corpus-$ARTICLES
ONE=$WORK/one
VENV=target/consumers-venv

cargo build --release -q --bin tandai --example gen_large
if [ ! -f "$CORPUS/.complete" ]; then
    rm -rf "$CORPUS"
    target/release/examples/gen_large "$CORPUS" --articles "$ARTICLES" >/dev/null
    touch "$CORPUS/.complete"
fi
rm -rf "$ONE" && mkdir -p "$ONE" && cp "$CORPUS"/large-001.txt "$CORPUS"/large-001.ann.ron "$ONE"/
if ! "$VENV/bin/python" -c "import spacy" >/dev/null 2>&1; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "spacy==3.8.7" "seqeval==1.2.2" "click==8.1.8"
fi

bytes=$(cat "$CORPUS"/*.txt | wc -c)
one_bytes=$(wc -c <"$ONE/large-001.txt")
echo "corpus: $ARTICLES articles, $bytes bytes of article text; machine: nproc $(nproc)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME BYTES COMMAND...: prints NAME, seconds, MB/s, peak RSS; leaves the seconds in $secs.
run() {
    local name=$1 n=$2
    shift 2
    /usr/bin/time -v -o "$WORK/time.txt" "$@" 2>"$WORK/$name.stderr" >/dev/null || {
        echo "$name failed:" >&2
        tail -5 "$WORK/$name.stderr" >&2
        exit 1
    }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/time.txt")
    secs=$wall
    printf '%-28s %8.2f s %8.1f MB/s %8.0f MB peak RSS\n' "$name" "$wall" \
        "$(echo "$n / $wall / 1000000" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

run "tandai conll" "$bytes" target/release/tandai export "$CORPUS" --format conll --all-paragraphs --out "$WORK/out.conll"
conll=$secs
run "tandai spacy" "$bytes" target/release/tandai export "$CORPUS" --format spacy --out "$WORK/out.jsonl"
spacy=$secs
run "tandai conll, 1 article" "$one_bytes" target/release/tandai export "$ONE" --format conll --all-paragraphs --out "$WORK/one.conll"
run "python spaCy conll" "$bytes" "$VENV/bin/python" scripts/python_export_baseline.py "$CORPUS" --out "$WORK/out.py.conll"
python=$secs
grep '^python:' "$WORK/python spaCy conll.stderr" || true
printf 'tandai over python (wall clock): conll %.1fx, spacy %.1fx\n' \
    "$(echo "$python / $conll" | bc -l)" "$(echo "$python / $spacy" | bc -l)"
