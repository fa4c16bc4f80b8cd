#!/usr/bin/env bash
# Import and export throughput over a corpus of news-sized articles (issue 14's budget:
# 20 MB/s of article text or more), one /usr/bin/time run per format.
#
#   scripts/bench_interchange.sh CORPUS WORK [TANDAI] [FORMATS...]
#
# CORPUS: a folder of X.txt + X.ann.ron (docs/interchange.md#speed-over-10000-news-sized-articles
# says how the 10,000-article one is made); it is only read. WORK: a scratch folder (emptied
# for each format). TANDAI: the binary (default target/release/tandai). FORMATS: default
# every one below. For each format: `tandai export CORPUS --format F --out WORK/F.out`, then,
# for the formats tandai imports, `tandai import WORK/F.out --from F --out WORK/F.in` (the
# corpus the export made, imported back). Prints wall seconds, MB/s of article text, user and
# system CPU seconds, and the load average before each run.
# A measurement, not a test: .ci/run does not call it.
# On ext4 without a journal (`ls /proc/fs/jbd2` empty) creating a file skips, one by one, the
# inodes deleted in the last minute (six while their inode table is unwritten): right after a
# folder of 20,000 files was deleted, a run spends seconds of system time there whatever the
# binary. Give each run a fresh WORK, or wait that long after deleting one.
# On a loop device, set it to direct I/O (`losetup --direct-io=on /dev/loopN`): otherwise every
# page written is cached twice, the page cache fills, and later runs pay for reclaiming it.
set -euo pipefail

CORPUS=${1:?CORPUS}
WORK=${2:?WORK}
TANDAI=${3:-target/release/tandai}
shift $(($# < 3 ? $# : 3))
FORMATS=("$@")
if [ ${#FORMATS[@]} -eq 0 ]; then
    FORMATS=(conll spacy quote-roles doccano checkthat claimbuster quotes label-studio hf spacy-json citron brat)
fi
mkdir -p "$WORK"
bytes=$(find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "corpus: $CORPUS, $bytes bytes of article text; $TANDAI; nproc $(nproc)"

# run NAME COMMAND...: one line of figures.
run() {
    local name=$1
    shift
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$@" 2>"$WORK/stderr.txt" >/dev/null || {
        echo "$name failed:" >&2
        tail -5 "$WORK/stderr.txt" >&2
        return 1
    }
    read -r wall user sys <"$WORK/time.txt"
    printf '%-26s %7.2f s %7.1f MB/s  user %6.2f  sys %6.2f  load %s\n' "$name" "$wall" \
        "$(echo "$bytes / $wall / 1000000" | bc -l)" "$user" "$sys" "$load"
}

for f in "${FORMATS[@]}"; do
    out=$WORK/$f.out
    back=$WORK/$f.in
    rm -rf "$out" "$back"
    case $f in
    conll | hf | spacy-json | quote-roles) extra=(--all-paragraphs) ;;
    *) extra=() ;;
    esac
    run "export $f" "$TANDAI" export "$CORPUS" --format "$f" "${extra[@]}" --out "$out"
    case $f in
    brat | doccano | spacy | conll | label-studio | citron)
        run "import $f" "$TANDAI" import "$out" --from "$f" --out "$back"
        ;;
    esac
    # Both kept (for comparisons, and because deleting 20,000 files here would slow the next
    # format's import, as said above): delete WORK when done.
done
