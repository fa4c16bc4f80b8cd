#!/usr/bin/env python3
"""The obvious Python route to CoNLL, as a baseline for `tandai export --format conll`.

For every `X.txt` with an `X.ann.ron` beside it under CORPUS (in path order): the entities are
read from the annotation file (one annotation per line, as tandai writes it), each paragraph
(non-blank line) is tokenised by spaCy's tokenizer (`spacy.blank(LANG)`, no pipeline), and
`spacy.training.offsets_to_biluo_tags` tags its tokens with the entities inside it (offsets in
Unicode scalar values, as Python `str` indices and tandai count them). Tokens and tags are
written as `token<TAB>tag` lines, a blank line after each paragraph.

    python_export_baseline.py CORPUS --out OUT.conll [--lang id]

Prints, on stderr, the article bytes read and the seconds spent (whole run, and the part in
spaCy: tokenizer plus offsets_to_biluo_tags).
"""

import argparse
import re
import sys
import time
import warnings
from pathlib import Path

ENTITY = re.compile(r'^\s*\(id: "e\d+", label: "([^"]+)", spans: \[([^\]]*)\]')
PAIR = re.compile(r"\((\d+), (\d+)\)")


def entities(ann_text):
    """(start, end, label) of every entity fragment, from tandai's one-per-line layout."""
    found = []
    in_entities = False
    for line in ann_text.splitlines():
        if line.startswith("    entities: ["):
            in_entities = True
            continue
        if in_entities and line.startswith("    ]"):
            break
        if in_entities:
            m = ENTITY.match(line)
            if m:
                for a, b in PAIR.findall(m.group(2)):
                    found.append((int(a), int(b), m.group(1)))
    found.sort()
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", default="id")
    args = parser.parse_args()

    import spacy
    from spacy.training import offsets_to_biluo_tags

    warnings.filterwarnings("ignore")  # W030: misaligned entities become "-" tags
    nlp = spacy.blank(args.lang)
    tokenizer = nlp.tokenizer
    start = time.perf_counter()
    in_spacy = 0.0
    total_bytes = 0
    articles = sorted(
        p for p in args.corpus.rglob("*.txt") if p.with_suffix(".ann.ron").exists()
    )
    with open(args.out, "w", encoding="utf-8") as out:
        for article in articles:
            raw = article.read_bytes()
            total_bytes += len(raw)
            text = raw.decode("utf-8").removeprefix("\ufeff")
            ents = entities(article.with_suffix(".ann.ron").read_text(encoding="utf-8"))
            out.write(f"-DOCSTART- -X- -X- O\n\n")
            e = 0
            offset = 0
            for line in text.split("\n"):
                para = line.rstrip("\r")
                begin, end = offset, offset + len(para)
                offset += len(line) + 1
                if not para.strip():
                    continue
                while e < len(ents) and ents[e][0] < begin:
                    e += 1
                inside = []
                j = e
                while j < len(ents) and ents[j][1] <= end:
                    s, t, label = ents[j]
                    inside.append((s - begin, t - begin, label))
                    j += 1
                t0 = time.perf_counter()
                doc = tokenizer(para)
                tags = offsets_to_biluo_tags(doc, inside)
                in_spacy += time.perf_counter() - t0
                out.write("".join(f"{tok.text}\t{tag}\n" for tok, tag in zip(doc, tags) if not tok.is_space))
                out.write("\n")
    elapsed = time.perf_counter() - start
    print(
        f"python: {len(articles)} articles, {total_bytes} bytes in {elapsed:.2f} s "
        f"({total_bytes / elapsed / 1e6:.2f} MB/s); spaCy tokenizer + offsets_to_biluo_tags "
        f"{in_spacy:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
