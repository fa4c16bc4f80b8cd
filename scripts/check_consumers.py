#!/usr/bin/env python3
"""Check that real consumers read tandai's exports of the gold sample unchanged.

Run by .ci/run inside a virtual environment with spaCy and seqeval:

    python scripts/check_consumers.py --tandai target/debug/tandai \
        --article sample-data/korut-dukung-rusia.txt --work target/consumers

1. CoNLL: `python -m spacy convert FILE.conll OUT --converter ner` succeeds, and the DocBin it
   writes holds as many entities as the gold annotation.
2. spaCy JSONL: `Doc(nlp.vocab, words=…, spaces=…)` (spacy.blank("id")) has the line's text,
   and `doc.char_span(s, e, label, alignment_mode="strict")` is not None for every entity,
   quote and claim span, except exactly the spans tandai reported on stderr; the Docs go into
   a DocBin. For information, it also counts the spans spaCy's own tokenizer could not align.
3. seqeval: `get_entities` on the CoNLL tags (IOB2 and BIOES), mapped back to character
   offsets, equals the gold entity spans; the Hugging Face JSONL decoded through
   label_names.json gives the same.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy
from seqeval.metrics.sequence_labeling import get_entities
from spacy.tokens import Doc, DocBin


def gold_entities(ann_ron: Path):
    """(label, start, end) of every entity fragment in the annotation file."""
    found = set()
    for m in re.finditer(r'\(id: "e\d+", label: "([^"]+)", spans: \[([^\]]*)\]', ann_ron.read_text()):
        for s, e in re.findall(r"\((\d+), (\d+)\)", m.group(2)):
            found.add((m.group(1), int(s), int(e)))
    return found


def export(tandai, article, fmt, out, *extra):
    run = subprocess.run(
        [tandai, "export", str(article), "--format", fmt, "--out", str(out), *extra],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"FAIL: tandai export --format {fmt}: {run.stderr}")
    warnings = [l for l in run.stderr.splitlines() if l.startswith("tandai: warning: ")]
    return warnings


def conll_sentences(path: Path):
    """Sentences of (token, tag), -DOCSTART- lines left out."""
    sentences, current = [], []
    for line in path.read_text().splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split()
        current.append((cols[0], cols[-1]))
    if current:
        sentences.append(current)
    return sentences


def token_offsets(text, tokens):
    """Char offsets of tokens found in order in text, only white space skipped between them."""
    offsets, pos = [], 0
    for tok in tokens:
        at = text.find(tok, pos)
        if at < 0 or text[pos:at].strip():
            sys.exit(f"FAIL: token {tok!r} not found in the text after char {pos}")
        offsets.append((at, at + len(tok)))
        pos = at + len(tok)
    return offsets


def decoded(text, sentences):
    """Entity (label, start, end) char spans from seqeval's get_entities on each sentence."""
    flat = [tok for sent in sentences for tok, _ in sent]
    offsets = token_offsets(text, flat)
    spans, base = set(), 0
    for sent in sentences:
        for label, first, last in get_entities([tag for _, tag in sent]):
            spans.add((label, offsets[base + first][0], offsets[base + last][1]))
        base += len(sent)
    return spans


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tandai", required=True)
    ap.add_argument("--article", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path)
    args = ap.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    text = args.article.read_text(encoding="utf-8-sig")
    gold = gold_entities(args.article.with_suffix(".ann.ron"))
    print(f"gold: {len(gold)} entity spans")

    # 1. spacy convert on the CoNLL file.
    conll = work / "gold.conll"
    export(args.tandai, args.article, "conll", conll)
    converted = work / "converted"
    converted.mkdir(exist_ok=True)
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(conll), str(converted), "--converter", "ner"],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"FAIL: spacy convert: {run.stdout}{run.stderr}")
    nlp = spacy.blank("id")
    docs = list(DocBin().from_disk(converted / "gold.spacy").get_docs(nlp.vocab))
    n_ents = sum(len(d.ents) for d in docs)
    if n_ents != len(gold):
        sys.exit(f"FAIL: spacy convert read {n_ents} entities, gold has {len(gold)}")
    print(f"spacy convert --converter ner: ok, {len(docs)} docs, {n_ents} entities")

    # 2. spaCy JSONL: strict char_span on Doc(words, spaces).
    jsonl = work / "gold.spacy.jsonl"
    warnings = export(args.tandai, args.article, "spacy", jsonl)
    reported = set()
    for w in warnings:
        m = re.search(r": (\d+)\.\.(\d+) ", w)
        if m:
            reported.add((int(m.group(1)), int(m.group(2))))
    checked, misaligned, own_tokenizer_misses = 0, set(), 0
    bin_ = DocBin(store_user_data=False)
    for line in jsonl.read_text().splitlines():
        row = json.loads(line)
        doc = Doc(nlp.vocab, words=row["words"], spaces=row["spaces"])
        if doc.text != row["text"]:
            sys.exit("FAIL: Doc(words, spaces) does not give back the text")
        raw = nlp(row["text"])
        entries = [("entities", e) for e in row["entities"]]
        entries += [(g, e) for g, es in row["spans"].items() for e in es]
        ents, groups = [], {}
        for group, (s, e, label) in entries:
            checked += 1
            span = doc.char_span(s, e, label=label, alignment_mode="strict")
            if raw.char_span(s, e, label=label, alignment_mode="strict") is None:
                own_tokenizer_misses += 1
            if span is None:
                misaligned.add((s, e))
            elif group == "entities":
                ents.append(span)
            else:
                groups.setdefault(group, []).append(span)
        doc.ents = ents
        for g, spans in groups.items():
            doc.spans[g] = spans
        bin_.add(doc)
    bin_.to_disk(work / "gold.jsonl.spacy")
    if misaligned != reported:
        sys.exit(f"FAIL: misaligned spans {sorted(misaligned)} != reported {sorted(reported)}")
    print(
        f"spaCy JSONL: {checked} spans, char_span(strict) on Doc(words, spaces) None for "
        f"{len(misaligned)} (reported by tandai: {len(reported)}); spaCy's own 'id' tokenizer "
        f"on the raw text would miss {own_tokenizer_misses}"
    )

    # 3. seqeval on IOB2 and BIOES, and the HF JSONL.
    for scheme in ["iob2", "bioes"]:
        path = work / f"gold.{scheme}.conll"
        export(args.tandai, args.article, "conll", path, "--scheme", scheme)
        spans = decoded(text, conll_sentences(path))
        if spans != gold:
            sys.exit(f"FAIL: seqeval {scheme}: missing {sorted(gold - spans)}, extra {sorted(spans - gold)}")
        print(f"seqeval get_entities ({scheme}): {len(spans)} spans == gold")
    hf_dir = Path(tempfile.mkdtemp(dir=work))
    export(args.tandai, args.article, "hf", hf_dir / "train.jsonl")
    names = json.loads((hf_dir / "label_names.json").read_text())
    rows = [json.loads(l) for l in (hf_dir / "train.jsonl").read_text().splitlines()]
    sentences = [[(t, names[i]) for t, i in zip(r["tokens"], r["ner_tags"])] for r in rows]
    spans = decoded(text, sentences)
    if spans != gold:
        sys.exit(f"FAIL: hf: missing {sorted(gold - spans)}, extra {sorted(spans - gold)}")
    print(f"hf JSONL + label_names.json ({len(names)} names): {len(rows)} rows, {len(spans)} spans == gold")
    print("consumer check: ok")


if __name__ == "__main__":
    main()
