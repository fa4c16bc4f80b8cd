#!/usr/bin/env bash
# Writes every export format and variant of ARTICLE (with its .ann.ron) with the tandai binary
# BIN into OUT, one file (or brat folder) per variant, so that two builds can be compared with
# `diff -r` / `cmp`: a restructuring must leave every byte as it was.
#
#   scripts/export_matrix.sh BIN ARTICLE OUT
set -euo pipefail
bin=$1 article=$2 out=$3
mkdir -p "$out"
run() {
    local name=$1
    shift
    if ! "$bin" export "$article" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"; then
        echo "exit $?" >>"$out/$name.stderr"
    fi
}
for layer in entities quotes claims; do
    for scheme in iob2 bioes; do
        for block in sentences paragraphs; do
            for which in only-done all-paragraphs; do
                run "conll-$layer-$scheme-$block-$which" --format conll --layers "$layer" \
                    --scheme "$scheme" "--$block" "--$which"
            done
        done
        run "hf-$layer-$scheme" --format hf --layers "$layer" --scheme "$scheme" \
            --out "$out/hf-$layer-$scheme.jsonl"
    done
done
for format in spacy doccano quotes claims; do
    run "$format" --format "$format"
    run "$format-entities" --format "$format" --layers entities
done
run brat --format brat --out "$out/brat"
