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
   The spans the Docs hold (entities, the "quote" group labelled by kind, the "claim" group)
   equal the gold's fragments.
3. seqeval: `get_entities` on the CoNLL tags (IOB2 and BIOES), mapped back to character
   offsets, equals the gold entity spans; the Hugging Face JSONL decoded through
   label_names.json gives the same.
4. The quotes and claims JSONL read back with `json` equal the gold's quotes and claims field
   by field (text, spans, kind, cue, speaker, claimant, quote, checkworthy, note).
5. spaCy v2 JSON (`--format spacy-json`): `python -m spacy convert FILE.json OUT/` succeeds,
   its Docs give back each paragraph's text and hold exactly the gold entities; then a blank
   `id` pipeline with `ner` (`spacy init config`) trains on them for a few steps on the CPU
   (`spacy train --training.max_steps`), and the trained pipeline loads and knows every label.
6. pandas reads the CheckThat! TSV (`sep="\t"`, as the lab's files are read) and the
   ClaimBuster CSV with exactly the expected columns; each has one row per sentence (their
   texts, in order, give back every non-space character of the article), and each row's label
   is what the gold claims say of its sentence (Yes/1 for a claim check-worthy or unmarked,
   No/0 for only claims marked not worth checking, No/-1 for none; Speaker the claimant).

The gold is read from the annotation file itself (one annotation per line), not through
tandai. Every result must be non-empty: an export that lost everything fails.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import spacy
from seqeval.metrics.sequence_labeling import get_entities
from spacy.tokens import Doc, DocBin


STRING = r'"((?:[^"\\]|\\.)*)"'
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}


def unescape(text):
    """A RON string's content without its escapes."""
    return re.sub(
        r"\\(u\{([0-9a-fA-F]+)\}|.)",
        lambda m: chr(int(m.group(2), 16)) if m.group(2) else ESCAPES[m.group(1)],
        text,
    )


def spans_of(listing):
    return [[int(s), int(e)] for s, e in re.findall(r"\((\d+), (\d+)\)", listing)]


def field(line, name, pattern):
    """The first value of `name: <pattern>` on the line (the line's own fields come before the
    cue's), or None."""
    m = re.search(rf"\b{name}: {pattern}", line)
    return m.group(1) if m else None


def gold_annotations(ann_ron: Path):
    """The annotation file's entities, quotes and claims, by id, as the exports write them."""
    entities, quotes, claims = {}, {}, {}
    for line in ann_ron.read_text(encoding="utf-8").splitlines():
        m = re.match(r'\s*\(id: "([eqc])(\d+)", ', line)
        if not m:
            continue
        ident = m.group(1) + m.group(2)
        note = field(line, "note", STRING)
        common = {
            "spans": spans_of(field(line, "spans", r"\[([^\]]*)\]")),
            "text": unescape(field(line, "text", STRING)),
            "note": None if note is None else unescape(note),
        }
        if m.group(1) == "e":
            entities[ident] = {"label": field(line, "label", STRING), **common}
        elif m.group(1) == "q":
            cue = re.search(r"cue: \(spans: \[([^\]]*)\], text: " + STRING + r"\)", line)
            quotes[ident] = {
                "kind": field(line, "kind", r"(\w+)"),
                "cue": cue and {"text": unescape(cue.group(2)), "spans": spans_of(cue.group(1))},
                "speaker": field(line, "speaker", STRING),
                **common,
            }
        else:
            worthy = field(line, "checkworthy", r"(\w+)")
            claims[ident] = {
                "checkworthy": {"Yes": True, "No": False, None: None}[worthy],
                "claimant": field(line, "claimant", STRING),
                "quote": field(line, "quote", STRING),
                **common,
            }
    return entities, quotes, claims


def fragments(annotations, label):
    """(label, start, end) of every fragment of the annotations, labelled by `label(a)`."""
    return {(label(a), s, e) for a in annotations.values() for s, e in a["spans"]}


def linked(entities, ident):
    """An entity as the quotes and claims exports write a speaker or claimant."""
    if ident is None:
        return None
    e = entities[ident]
    return {"id": ident, "text": e["text"], "label": e["label"], "spans": e["spans"]}


def check_lines(tandai, article, fmt, gold, work):
    """The `fmt` export (quotes or claims) read with json equals `gold`, an entry per id."""
    path = work / f"gold.{fmt}.jsonl"
    export(tandai, article, fmt, path)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    got = {r.pop("id"): r for r in rows}
    for r in rows:
        if r.pop("doc") != article.stem:
            sys.exit(f"FAIL: {fmt}: a line names another document")
    if not got or got != gold:
        diff = sorted(k for k in gold.keys() | got.keys() if gold.get(k) != got.get(k))
        first = diff[0] if diff else None
        sys.exit(f"FAIL: {fmt}: {len(got)} lines, gold {len(gold)}; differ at {diff}: "
                 f"{got.get(first)} != {gold.get(first)}")
    print(f"{fmt} JSONL: {len(got)} lines == gold")


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
    entities, quotes, claims = gold_annotations(args.article.with_suffix(".ann.ron"))
    gold = fragments(entities, lambda e: e["label"])
    gold_quotes = fragments(quotes, lambda q: q["kind"])
    gold_claims = fragments(claims, lambda c: "CLAIM")
    if not (gold and gold_quotes and gold_claims):
        sys.exit(f"FAIL: the gold has {len(gold)} entity, {len(gold_quotes)} quote and "
                 f"{len(gold_claims)} claim spans: nothing to compare")
    print(f"gold: {len(gold)} entity, {len(gold_quotes)} quote, {len(gold_claims)} claim spans")

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
    if not docs or n_ents != len(gold):
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
    held = {"entities": set(), "quote": set(), "claim": set()}
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
        for group, spans in [("entities", doc.ents), *doc.spans.items()]:
            held.setdefault(group, set()).update((s.label_, s.start_char, s.end_char) for s in spans)
        bin_.add(doc)
    bin_.to_disk(work / "gold.jsonl.spacy")
    if checked == 0:
        sys.exit("FAIL: spaCy JSONL holds no span")
    if misaligned != reported:
        sys.exit(f"FAIL: misaligned spans {sorted(misaligned)} != reported {sorted(reported)}")
    for group, want in [("entities", gold), ("quote", gold_quotes), ("claim", gold_claims)]:
        want = {(l, s, e) for l, s, e in want if (s, e) not in reported}
        if held[group] != want:
            sys.exit(f"FAIL: spaCy Docs' {group}: missing {sorted(want - held[group])}, "
                     f"extra {sorted(held[group] - want)}")
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
        if not spans or spans != gold:
            sys.exit(f"FAIL: seqeval {scheme}: missing {sorted(gold - spans)}, extra {sorted(spans - gold)}")
        print(f"seqeval get_entities ({scheme}): {len(spans)} spans == gold")
    hf_dir = Path(tempfile.mkdtemp(dir=work))
    export(args.tandai, args.article, "hf", hf_dir / "train.jsonl")
    names = json.loads((hf_dir / "label_names.json").read_text())
    rows = [json.loads(l) for l in (hf_dir / "train.jsonl").read_text().splitlines()]
    sentences = [[(t, names[i]) for t, i in zip(r["tokens"], r["ner_tags"])] for r in rows]
    spans = decoded(text, sentences)
    if not rows or not spans or spans != gold:
        sys.exit(f"FAIL: hf: missing {sorted(gold - spans)}, extra {sorted(spans - gold)}")
    print(f"hf JSONL + label_names.json ({len(names)} names): {len(rows)} rows, {len(spans)} spans == gold")

    # 4. The quotes and claims JSONL, field by field.
    speakers = {i: {**q, "speaker": linked(entities, q["speaker"])} for i, q in quotes.items()}
    claimants = {i: {**c, "claimant": linked(entities, c["claimant"])} for i, c in claims.items()}
    check_lines(args.tandai, args.article, "quotes", speakers, work)
    check_lines(args.tandai, args.article, "claims", claimants, work)

    # 5. spaCy v2 JSON: spacy convert, then spacy train for a few steps.
    check_spacy_json(args.tandai, args.article, text, gold, nlp, work)

    # 6. pandas reads the check-worthiness tables.
    check_checkworthy(args.tandai, args.article, text, entities, claims, work)
    print("consumer check: ok")


def spacy_cli(*args):
    run = subprocess.run([sys.executable, "-m", "spacy", *args], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: spacy {args[0]}: {run.stdout[-3000:]}{run.stderr[-3000:]}")
    return run.stdout


def check_spacy_json(tandai, article, text, gold, nlp, work):
    path = work / "gold.v2.json"
    export(tandai, article, "spacy-json", path)
    out = work / "converted-v2"
    out.mkdir(exist_ok=True)
    spacy_cli("convert", str(path), str(out))
    docs = list(DocBin().from_disk(out / "gold.v2.spacy").get_docs(nlp.vocab))
    held, pos = set(), 0
    for doc in docs:
        at = text.find(doc.text, pos)
        if not doc.text or at < 0 or text[pos:at].strip():
            sys.exit(f"FAIL: spacy-json: a Doc's text is not the next paragraph: {doc.text[:60]!r}")
        held.update((e.label_, at + e.start_char, at + e.end_char) for e in doc.ents)
        pos = at + len(doc.text)
    if held != gold:
        sys.exit(f"FAIL: spacy-json: missing {sorted(gold - held)}, extra {sorted(held - gold)}")
    print(f"spacy convert (v2 JSON): {len(docs)} docs, {len(held)} entities == gold")
    config = work / "ner.cfg"
    spacy_cli("init", "config", str(config), "--lang", "id", "--pipeline", "ner",
              "--optimize", "efficiency", "--force")
    model = work / "ner-model"
    train = out / "gold.v2.spacy"
    spacy_cli("train", str(config), "--output", str(model), "--paths.train", str(train),
              "--paths.dev", str(train), "--training.max_steps", "8",
              "--training.eval_frequency", "4", "--system.seed", "0")
    trained = spacy.load(model / "model-last")
    labels = set(trained.get_pipe("ner").labels)
    want = {label for label, _, _ in gold}
    if labels != want:
        sys.exit(f"FAIL: spacy train: the pipeline's labels {sorted(labels)} != gold {sorted(want)}")
    trained(text[:200])
    print(f"spacy train: 8 steps on CPU, pipeline loads, labels {sorted(labels)}")


def check_checkworthy(tandai, article, text, entities, claims, work):
    tsv, csv_ = work / "gold.checkthat.tsv", work / "gold.claimbuster.csv"
    export(tandai, article, "checkthat", tsv)
    export(tandai, article, "claimbuster", csv_)
    checkthat = pd.read_csv(tsv, sep="\t", dtype=str, keep_default_na=False)
    claimbuster = pd.read_csv(csv_, dtype=str, keep_default_na=False)
    for name, frame, columns in [
        ("CheckThat!", checkthat, ["Sentence_id", "Text", "class_label"]),
        ("ClaimBuster", claimbuster, ["Sentence_id", "Text", "Speaker", "Verdict"]),
    ]:
        if list(frame.columns) != columns:
            sys.exit(f"FAIL: {name}: columns {list(frame.columns)} != {columns}")
        if frame.empty or frame["Sentence_id"].duplicated().any():
            sys.exit(f"FAIL: {name}: no rows, or a Sentence_id twice")
        squeezed = re.sub(r"\s", "", "".join(frame["Text"]))
        if squeezed != re.sub(r"\s", "", text):
            sys.exit(f"FAIL: {name}: the rows' texts do not give back the article")
    if len(checkthat) != len(claimbuster) or list(checkthat["Text"]) != list(claimbuster["Text"]):
        sys.exit("FAIL: CheckThat! and ClaimBuster rows differ")
    pos, verdicts = 0, []
    for sentence in checkthat["Text"]:
        at = text.find(sentence, pos)
        start, end = at, at + len(sentence)
        pos = end
        held = [c for c in claims.values() if any(s < end and start < e for s, e in c["spans"])]
        if not held:
            verdicts.append(("No", "-1", ""))
            continue
        worthy = [c for c in held if c["checkworthy"] is not False]
        deciding = worthy or held
        speaker = next((entities[c["claimant"]]["text"] for c in deciding if c["claimant"]), "")
        verdicts.append(("Yes", "1", speaker) if worthy else ("No", "0", speaker))
    got = list(zip(checkthat["class_label"], claimbuster["Verdict"], claimbuster["Speaker"]))
    if got != verdicts:
        diff = next(i for i, (g, v) in enumerate(zip(got, verdicts)) if g != v)
        sys.exit(f"FAIL: check-worthiness row {diff}: {got[diff]} != expected {verdicts[diff]}")
    positive = sum(1 for v in verdicts if v[0] == "Yes")
    print(f"pandas: CheckThat! TSV and ClaimBuster CSV, {len(checkthat)} rows each, "
          f"{positive} check-worthy, labels == gold claims")


if __name__ == "__main__":
    main()
