#!/usr/bin/env python3
"""Recompute every figure of `tandai agree --json` with independent implementations.

Run by .ci/run inside a virtual environment with scikit-learn, krippendorff, seqeval and numpy:

    python scripts/check_agreement.py --tandai target/debug/tandai

For each case (by default the fixtures of tests/fixtures/agree/corpus and of
tests/fixtures/agree/links, each without and with --gold, and the sample article with --gold)
it runs `tandai agree --json --units`, reads the articles and the annotation files itself (one
annotation or relation per line, as tandai writes them), builds the whole report it expects
from the definitions of docs/agreement.md, and compares the two key by key: the same keys,
the same lists, integers equal, figures within 1e-9, null where a figure is undefined. Any
difference fails.

- Cohen's κ: sklearn.metrics.cohen_kappa_score on the labels of tandai's tokens (the token
  spans are taken from --units, after checking that they lie on every party's span edges);
  per label, the label against every other value; on the kinds and the check-worthiness of
  matched quotes and claims.
- Krippendorff's α: krippendorff.alpha(level_of_measurement="nominal") on the label of every
  character (parties as coders, characters as units; a party absent from a document has
  missing values there in the corpus-wide α).
- Exact span P/R/F1: seqeval's precision_score, recall_score and f1_score on IOB2 tags, one
  tag per character, wherever both parties' spans can be written as IOB2 (one fragment each,
  no overlap within a party); elsewhere (and for the counts) the entities seqeval's
  get_entities reads from those tags, or the spans themselves, matched as sets.
- Overlap matching, quote and claim attributes, means and the order of documents: this
  script's own code, written from the definitions.
- Relations: matched through the annotations matched by overlap (this script's matching),
  counted per kind with this script's own code; P/R/F1 and their means as above.
- Attributes of annotations matched by overlap: per name, the values of both sides
  ("(absent)", "(flag)" or the value) counted by this script; κ with
  sklearn.metrics.cohen_kappa_score on those values.
- `differing` counts the annotations, the relations and the attribute values, as
  docs/agreement.md defines it.

Python 3.9 or later.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.metrics.sequence_labeling import get_entities
from sklearn.metrics import cohen_kappa_score

TOLERANCE = 1e-9
GOLD = "gold"
LAYERS = ("entities", "quotes", "claims")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
RESERVED = {"recovery", "conflict", "before-reanchor", "journal", "lock", "sug", "ann", "ron",
            "gold", "aside"}
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}

ABSENT = "(absent)"
FLAG = "(flag)"

STATS = Counter()


# ---------------------------------------------------------------- reading the files


def unescape(text):
    return re.sub(
        r"\\(u\{([0-9a-fA-F]+)\}|.)",
        lambda m: chr(int(m.group(2), 16)) if m.group(2) else ESCAPES[m.group(1)],
        text,
    )


def read_article(path):
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def parse_spans(listing):
    return [(int(s), int(e)) for s, e in re.findall(r"\((\d+),\s*(\d+)\)", listing)]


def parse_attributes(masked, strings):
    """The attributes of an annotation's line: {name: value, or None for a flag}."""
    m = re.search(r"\battributes: \[([^\]]*)\]", masked)
    if not m:
        return {}
    found = {}
    for name, value in re.findall(r'\(name: "#(\d+)"(?:, value: "#(\d+)")?\)', m.group(1)):
        found[strings[int(name)]] = strings[int(value)] if value else None
    return found


def parse_annotations(path):
    """Entities, quotes, claims and relations of an annotation file, as dicts, in file
    order."""
    found = {"entities": [], "quotes": [], "claims": [], "relations": []}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^    (entities|quotes|claims|relations): \[", line)
        if m:
            section = m.group(1)
            if line.rstrip().endswith("[],"):
                section = None
            continue
        if re.match(r"^    \S", line):
            section = None
            continue
        if section is None or not line.startswith("        (id: "):
            continue
        strings = []

        def keep(m):
            strings.append(unescape(m.group(1)))
            return f'"#{len(strings) - 1}"'

        masked = STRING.sub(keep, line)

        def string(field):
            m = re.search(rf'\b{field}: "#(\d+)"', masked)
            return strings[int(m.group(1))] if m else None

        if section == "relations":
            found[section].append({"id": string("id"), "kind": string("kind"),
                                   "from": string("from"), "to": string("to")})
            continue
        spans = parse_spans(re.search(r"\bspans: \[([^\]]*)\]", masked).group(1))
        item = {"id": string("id"), "spans": spans,
                "attributes": parse_attributes(masked, strings)}
        if section == "entities":
            item["label"] = string("label")
        elif section == "quotes":
            item["kind"] = re.search(r"\bkind: (\w+)", masked).group(1).lower()
            cue = re.search(r"\bcue: \(spans: \[([^\]]*)\]", masked)
            item["cue"] = parse_spans(cue.group(1)) if cue else None
            item["speaker"] = string("speaker")
        else:
            worthy = re.search(r"\bcheckworthy: (Yes|No)", masked)
            item["checkworthy"] = worthy.group(1).lower() if worthy else "unset"
        found[section].append(item)
    return found


def normalise(spans):
    merged = []
    for s, e in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def units(annotations, layer):
    """The units of one layer: id, label, normalised spans, attributes (the properties of
    quotes and claims compared); sorted by (spans, label), ties in file order."""
    entities = {e["id"]: e for e in annotations["entities"]}
    out = []
    for a in annotations[layer]:
        spans = normalise(a["spans"])
        if not spans:
            continue
        if layer == "entities":
            out.append({"id": a["id"], "label": a["label"], "spans": spans, "attrs": ()})
        elif layer == "quotes":
            speaker = entities[a["speaker"]]["spans"] if a["speaker"] else None
            out.append({
                "id": a["id"],
                "label": "QUOTE",
                "spans": spans,
                "attrs": (a["kind"],
                          normalise(a["cue"]) if a["cue"] is not None else None,
                          normalise(speaker) if speaker is not None else None),
            })
        else:
            out.append({"id": a["id"], "label": "CLAIM", "spans": spans,
                        "attrs": (a["checkworthy"],)})
    out.sort(key=lambda u: (u["spans"], u["label"]))
    return out


def char_labels(layer_units, chars):
    """The label of every character: the longest covering fragment, then the earliest, then
    the first label in code point order; "O" outside every fragment."""
    best = [None] * chars
    for u in layer_units:
        for s, e in u["spans"]:
            key = (-(e - s), s, u["label"])
            for c in range(s, e):
                if best[c] is None or key < best[c]:
                    best[c] = key
    return ["O" if b is None else b[2] for b in best]


# ---------------------------------------------------------------- the corpus


def walk(root):
    if root.is_file():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not os.path.islink(os.path.join(folder, d))]
        found += [Path(folder) / f for f in files if f.endswith(".txt") and not f.startswith(".")]
    return sorted(found, key=lambda p: p.parts)


def parties_of(article, gold):
    """Gold first (with --gold, when its file exists), then annotators by name."""
    stem = article.name[: -len(".txt")]
    names = []
    for f in article.parent.iterdir():
        n = f.name
        if n.startswith(stem + ".ann.") and n.endswith(".ron"):
            name = n[len(stem) + len(".ann."): -len(".ron")]
            if NAME.match(name) and name.lower() not in RESERVED:
                names.append(name)
    names.sort(key=lambda s: s.encode())
    files = {name: article.parent / f"{stem}.ann.{name}.ron" for name in names}
    gold_file = article.parent / f"{stem}.ann.ron"
    if gold and gold_file.exists():
        return [GOLD] + names, {GOLD: gold_file, **files}
    return names, files


def pairs(n):
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


# ---------------------------------------------------------------- figures


def ratio(num, den):
    return None if den == 0 else num / den


def prf(matched, a, b):
    return {"matched": matched, "a": a, "b": b, "precision": ratio(matched, b),
            "recall": ratio(matched, a), "f1": ratio(2 * matched, a + b)}


def mean(values):
    defined = [v for v in values if v is not None]
    return None if not defined else sum(defined) / len(defined)


def mean_prf(each):
    return {k: mean([p[k] for p in each]) for k in ("precision", "recall", "f1")}


def kappa(xs, ys):
    if not xs:
        return None
    STATS["cohen_kappa_score"] += 1
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            k = cohen_kappa_score(xs, ys)
    return None if math.isnan(k) else float(k)


def alpha(rows):
    """Nominal α of `rows` (one per coder, None for a missing value)."""
    values = sorted({v for r in rows for v in r if v is not None})
    index = {v: i for i, v in enumerate(values)}
    data = np.array([[np.nan if v is None else index[v] for v in r] for r in rows], dtype=float)
    STATS["krippendorff.alpha"] += 1
    try:
        with np.errstate(all="ignore"):
            a = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:
        return None
    return None if math.isnan(a) else float(a)


def iob2(layer_units, chars, only=None):
    tags = ["O"] * chars
    for u in layer_units:
        if only is not None and u["label"] != only:
            continue
        (s, e), = u["spans"]
        tags[s] = "B-" + u["label"]
        for c in range(s + 1, e):
            tags[c] = "I-" + u["label"]
    return tags


def representable(layer_units):
    if any(len(u["spans"]) != 1 for u in layer_units):
        return False
    spans = sorted(u["spans"][0] for u in layer_units)
    return all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def entity_set(layer_units, chars, only=None):
    """(spans, label) of every unit: read back by seqeval from IOB2 tags where the units can be
    written so, else the units themselves (with their fragments)."""
    chosen = [u for u in layer_units if only is None or u["label"] == only]
    if representable(chosen):
        STATS["seqeval get_entities"] += 1
        return Counter((((s, e + 1),), label) for label, s, e in get_entities(iob2(chosen, chars)))
    STATS["span sets (not IOB2)"] += 1
    return Counter((u["spans"], u["label"]) for u in chosen)


def exact_prf(docs, only=None):
    """P/R/F1 of exact matches of one pair over `docs` [(units a, units b, chars)]."""
    matched = a = b = 0
    for ua, ub, chars in docs:
        ea, eb = entity_set(ua, chars, only), entity_set(ub, chars, only)
        matched += sum((ea & eb).values())
        a += sum(ea.values())
        b += sum(eb.values())
    figures = prf(matched, a, b)
    chosen = [[u for u in side if only is None or u["label"] == only]
              for ua, ub, _ in docs for side in (ua, ub)]
    if a and b and all(representable(c) for c in chosen):
        true = [iob2(ua, chars, only) for ua, _, chars in docs]
        pred = [iob2(ub, chars, only) for _, ub, chars in docs]
        STATS["seqeval precision/recall/f1"] += 1
        for name, f in (("precision", precision_score), ("recall", recall_score),
                        ("f1", f1_score)):
            value = float(f(true, pred))
            assert abs(value - figures[name]) < 1e-12, (name, value, figures)
            figures[name] = value
    return figures


def shared(x, y):
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in x for s2, e2 in y)


def overlap_pairs(ua, ub):
    """Greedy one-to-one matching: same label, most shared characters first, then by index in
    a, then in b."""
    cands = []
    for i, x in enumerate(ua):
        for j, y in enumerate(ub):
            if x["label"] == y["label"]:
                n = shared(x["spans"], y["spans"])
                if n:
                    cands.append((-n, i, j))
    cands.sort()
    used_a, used_b, out = set(), set(), []
    for _, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out)


def labelled_counts(units_, label):
    return sum(1 for u in units_ if label is None or u["label"] == label)


def overlap_prf(docs, label=None):
    matched = a = b = 0
    for ua, ub, _ in docs:
        for i, _j in overlap_pairs(ua, ub):
            if label is None or ua[i]["label"] == label:
                matched += 1
        a += labelled_counts(ua, label)
        b += labelled_counts(ub, label)
    return prf(matched, a, b)


def share(agree, matched):
    return {"agree": agree, "share": ratio(agree, matched)}


def pair_figures(name_a, name_b, layer, docs, labels):
    """docs: [(units a, units b, chars, token labels a, token labels b, char labels a, b)]."""
    plain = [(d[0], d[1], d[2]) for d in docs]
    ta = [t for d in docs for t in d[3]]
    tb = [t for d in docs for t in d[4]]
    ca = [c for d in docs for c in d[5]]
    cb = [c for d in docs for c in d[6]]
    out = {
        "a": name_a, "b": name_b,
        "exact": exact_prf(plain),
        "overlap": overlap_prf(plain),
        "tokens": len(ta), "kappa": kappa(ta, tb),
        "chars": len(ca), "alpha": alpha([ca, cb]),
    }
    if layer == "entities":
        out["labels"] = {}
        for label in labels:
            bin_ = lambda xs: [1 if x == label else 0 for x in xs]  # noqa: E731
            out["labels"][label] = {
                "exact": exact_prf(plain, label),
                "overlap": overlap_prf(plain, label),
                "kappa": kappa(bin_(ta), bin_(tb)),
                "alpha": alpha([bin_(ca), bin_(cb)]),
            }
    if layer in ("quotes", "claims"):
        matched = [(ua[i]["attrs"], ub[j]["attrs"]) for ua, ub, _ in plain
                   for i, j in overlap_pairs(ua, ub)]
        if layer == "quotes":
            out["quotes"] = {
                "matched": len(matched),
                "speaker": share(sum(x[2] == y[2] for x, y in matched), len(matched)),
                "cue": share(sum(x[1] == y[1] for x, y in matched), len(matched)),
                "kind": share(sum(x[0] == y[0] for x, y in matched), len(matched)),
                "kind_kappa": kappa([x[0] for x, _ in matched], [y[0] for _, y in matched]),
            }
        else:
            out["checkworthy"] = {
                "matched": len(matched),
                "checkworthy": share(sum(x == y for x, y in matched), len(matched)),
                "kappa": kappa([x[0] for x, _ in matched], [y[0] for _, y in matched]),
            }
    return out


def overall(layer, pair_list, rows_all, labels):
    """rows_all: per party, its character labels over every unit (None where missing)."""
    out = {
        "pairs": len(pair_list),
        "exact": mean_prf([p["exact"] for p in pair_list]),
        "overlap": mean_prf([p["overlap"] for p in pair_list]),
        "kappa": mean([p["kappa"] for p in pair_list]),
        "alpha": alpha(rows_all),
    }
    if layer == "entities":
        out["labels"] = {}
        for label in labels:
            each = [p["labels"][label] for p in pair_list]
            out["labels"][label] = {
                "exact": mean_prf([e["exact"] for e in each]),
                "overlap": mean_prf([e["overlap"] for e in each]),
                "kappa": mean([e["kappa"] for e in each]),
                "alpha": alpha([[None if v is None else int(v == label) for v in r]
                                for r in rows_all]),
            }
    if layer == "quotes":
        q = [p["quotes"] for p in pair_list]
        out["quotes"] = {
            "speaker": mean([x["speaker"]["share"] for x in q]),
            "cue": mean([x["cue"]["share"] for x in q]),
            "kind": mean([x["kind"]["share"] for x in q]),
            "kind_kappa": mean([x["kind_kappa"] for x in q]),
        }
    if layer == "claims":
        c = [p["checkworthy"] for p in pair_list]
        out["checkworthy"] = {
            "checkworthy": mean([x["checkworthy"]["share"] for x in c]),
            "kappa": mean([x["kappa"] for x in c]),
        }
    return out


# ---------------------------------------------------------------- one document


def check_tokens(tokens, text, edges):
    """tandai's tokens: sorted, inside the text, not blank, no span edge strictly inside."""
    last = 0
    for s, e in tokens:
        assert last <= s < e <= len(text), ("token out of order or range", s, e)
        assert text[s:e].strip(), ("blank token", s, e)
        assert not any(s < x < e for x in edges), ("a span edge inside a token", s, e)
        last = e


def document(article, names, files, units_json):
    text = read_article(article)
    chars = len(text)
    sets = {n: parse_annotations(files[n]) for n in names}
    doc = {"chars": chars, "layers": {}}
    for layer in LAYERS:
        us = {n: units(sets[n], layer) for n in names}
        tokens = [tuple(t) for t in units_json[layer]]
        edges = {x for u in us.values() for unit in u for sp in unit["spans"] for x in sp}
        check_tokens(tokens, text, edges)
        clabels = {n: char_labels(us[n], chars) for n in names}
        tlabels = {n: [clabels[n][s] for s, _ in tokens] for n in names}
        labels = sorted({u["label"] for u in us.values() for u in u})
        doc["layers"][layer] = {"units": us, "chars": clabels, "tokens": tlabels,
                                "labels": labels}
    same, total = [], []
    doc["links"] = {}
    for i, j in pairs(len(names)):
        a, b = names[i], names[j]
        twins = 0
        count = 0
        for layer in LAYERS:
            key = lambda u: (u["spans"], u["label"], u["attrs"])  # noqa: E731
            ka = Counter(key(u) for u in doc["layers"][layer]["units"][a])
            kb = Counter(key(u) for u in doc["layers"][layer]["units"][b])
            twins += 2 * sum((ka & kb).values())
            count += sum(ka.values()) + sum(kb.values())
        links = pair_links(sets[a], sets[b], [doc["layers"][layer]["units"] for layer in LAYERS],
                           a, b)
        doc["links"][(a, b)] = links
        for matched, na, nb in links["relations"].values():
            twins += 2 * matched
            count += na + nb
        for values in links["attributes"].values():
            twins += 2 * sum(x == y for x, y in values)
            count += 2 * len(values)
        same.append(twins)
        total.append(count)
    shares = [1.0 if t == 0 else s / t for s, t in zip(same, total)]
    doc["differing"] = 1.0 - sum(shares) / len(shares)
    return doc


def pair_links(set_a, set_b, layer_units, a, b):
    """The relations and attributes of parties `a` and `b` in one document: per relation kind
    [matched, relations of a, relations of b]; per attribute name, the (a, b) values of every
    pair of annotations matched by overlap (any layer) where at least one side has it."""
    twin = {}
    matched_ids = []
    for by_party in layer_units:
        ua, ub = by_party[a], by_party[b]
        for i, j in overlap_pairs(ua, ub):
            twin[ua[i]["id"]] = ub[j]["id"]
            matched_ids.append((ua[i]["id"], ub[j]["id"]))
    relations = {}
    for r in set_a["relations"]:
        relations.setdefault(r["kind"], [0, 0, 0])[1] += 1
    for r in set_b["relations"]:
        relations.setdefault(r["kind"], [0, 0, 0])[2] += 1
    through = Counter((r["kind"], twin[r["from"]], twin[r["to"]]) for r in set_a["relations"]
                      if r["from"] in twin and r["to"] in twin)
    theirs = Counter((r["kind"], r["from"], r["to"]) for r in set_b["relations"])
    for (kind, _, _), n in (through & theirs).items():
        relations[kind][0] += n
    attributes_of = {}
    for side, annotations in (("a", set_a), ("b", set_b)):
        for layer in LAYERS:
            for item in annotations[layer]:
                attributes_of[(side, item["id"])] = item["attributes"]
    attributes = {}
    for x, y in matched_ids:
        left, right = attributes_of[("a", x)], attributes_of[("b", y)]
        for name in set(left) | set(right):
            value = lambda found: (ABSENT if name not in found  # noqa: E731
                                   else FLAG if found[name] is None else found[name])
            attributes.setdefault(name, []).append((value(left), value(right)))
    return {"relations": relations, "attributes": attributes}


def layer_report(layer, names, docs, labels, all_parties):
    """The figures of `layer` over `docs` [(party names, document)], pairs of `names`."""
    pair_list = []
    for i, j in pairs(len(names)):
        a, b = names[i], names[j]
        per_doc = []
        for doc_names, d in docs:
            if a not in doc_names or b not in doc_names:
                continue
            L = d["layers"][layer]
            per_doc.append((L["units"][a], L["units"][b], d["chars"], L["tokens"][a],
                            L["tokens"][b], L["chars"][a], L["chars"][b]))
        if per_doc:
            pair_list.append(pair_figures(a, b, layer, per_doc, labels))
    rows = []
    for p in all_parties:
        row = []
        for doc_names, d in docs:
            L = d["layers"][layer]
            row += L["chars"][p] if p in doc_names else [None] * d["chars"]
        rows.append(row)
    return {"pairs": pair_list, "overall": overall(layer, pair_list, rows, labels)}


def links_report(pair_list, docs):
    """The relation and attribute figures over `docs` [(party names, document)], for the pairs
    `pair_list` [(a, b)] (the layers' pairs): counts and values pooled over the documents both
    parties are in."""
    rel_pairs, attr_pairs = [], []
    for a, b in pair_list:
        kinds, values = {}, {}
        for _, d in docs:
            links = d["links"].get((a, b))
            if links is None:
                continue
            for kind, counts in links["relations"].items():
                pooled = kinds.setdefault(kind, [0, 0, 0])
                for k in range(3):
                    pooled[k] += counts[k]
            for name, found in links["attributes"].items():
                values.setdefault(name, []).extend(found)
        total = [sum(c[k] for c in kinds.values()) for k in range(3)]
        rel_pairs.append({"a": a, "b": b, "all": prf(*total),
                          "kinds": {kind: prf(*c) for kind, c in kinds.items()}})
        names = {}
        for name, found in values.items():
            agree = sum(x == y for x, y in found)
            names[name] = {"compared": len(found), "same": share(agree, len(found)),
                           "kappa": kappa([x for x, _ in found], [y for _, y in found])}
        attr_pairs.append({"a": a, "b": b, "names": names})
    every_kind = sorted({k for p in rel_pairs for k in p["kinds"]})
    relations = {
        "pairs": rel_pairs,
        "overall": {
            "pairs": len(rel_pairs),
            "all": mean_prf([p["all"] for p in rel_pairs]),
            "kinds": {kind: mean_prf([p["kinds"][kind] for p in rel_pairs if kind in p["kinds"]])
                      for kind in every_kind},
        },
    }
    every_name = sorted({n for p in attr_pairs for n in p["names"]})
    overall = {}
    for name in every_name:
        each = [p["names"][name] for p in attr_pairs if name in p["names"]]
        overall[name] = {"same": mean([f["same"]["share"] for f in each]),
                         "kappa": mean([f["kappa"] for f in each])}
    attributes = {"pairs": attr_pairs, "overall": overall}
    return relations, attributes


def party_key(name):
    return (name != GOLD, name.encode())


def expected_report(root, gold, actual):
    by_path = {os.path.normpath(d["path"]): d for d in actual["documents"]}
    documents, skipped, compared = [], [], []
    for article in walk(root):
        names, files = parties_of(article, gold)
        if len(names) < 2:
            skipped.append({"path": str(article), "parties": names})
            continue
        mine = by_path.get(os.path.normpath(str(article)))
        assert mine is not None, f"{article} not compared by tandai"
        d = document(article, names, files, mine["units"])
        compared.append((names, d))
        report = {"path": mine["path"], "parties": names, "differing": d["differing"]}
        for layer in LAYERS:
            report[layer] = layer_report(layer, names, [(names, d)],
                                         d["layers"][layer]["labels"], names)
        report["relations"], report["attributes"] = links_report(
            [(p["a"], p["b"]) for p in report["entities"]["pairs"]], [(names, d)])
        report["units"] = mine["units"]
        documents.append(report)
    documents.sort(key=lambda r: r["path"])
    documents.sort(key=lambda r: -round(r["differing"], 9))
    everyone = sorted({n for names, _ in compared for n in names}, key=party_key)
    corpus = {"documents": len(compared)}
    for layer in LAYERS:
        labels = sorted({lab for _, d in compared for lab in d["layers"][layer]["labels"]})
        corpus[layer] = layer_report(layer, everyone, compared, labels, everyone)
    corpus["relations"], corpus["attributes"] = links_report(
        [(p["a"], p["b"]) for p in corpus["entities"]["pairs"]], compared)
    return {"parties": everyone, "documents": documents, "corpus": corpus,
            "skipped": skipped, "problems": []}


# ---------------------------------------------------------------- comparing


def compare(expected, actual, where, problems):
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            got = sorted(actual) if isinstance(actual, dict) else type(actual).__name__
            problems.append(f"{where}: keys {sorted(expected)} expected, got {got}")
            return
        for k in expected:
            compare(expected[k], actual[k], f"{where}.{k}", problems)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            problems.append(f"{where}: a list of {len(expected)} expected, got {actual!r:.200}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            compare(e, a, f"{where}[{i}]", problems)
    elif isinstance(expected, float) and not isinstance(expected, bool):
        STATS["figures compared"] += 1
        if not isinstance(actual, (int, float)) or abs(expected - actual) > TOLERANCE:
            problems.append(f"{where}: {expected!r} expected, tandai says {actual!r}")
    elif isinstance(expected, str) and where.endswith(".path"):
        if os.path.normpath(expected) != os.path.normpath(actual):
            problems.append(f"{where}: {expected!r} expected, got {actual!r}")
    else:
        if expected is None or isinstance(expected, int):
            STATS["counts and nulls compared"] += 1
        if expected != actual:
            problems.append(f"{where}: {expected!r} expected, tandai says {actual!r}")


def run_case(tandai, root, gold):
    cmd = [tandai, "agree", "--json", "--units"] + (["--gold"] if gold else []) + [str(root)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr}")
    actual = json.loads(out.stdout)
    expected = expected_report(Path(root), gold, actual)
    problems = []
    compare(expected, actual, "report", problems)
    if not expected["documents"]:
        problems.append("no document compared: the case checks nothing")
    label = f"{root}{' --gold' if gold else ''}"
    for p in problems:
        print(f"check_agreement: {label}: {p}", file=sys.stderr)
    print(f"check_agreement: {label}: {len(expected['documents'])} document(s), "
          f"{len(problems)} difference(s)")
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tandai", required=True)
    parser.add_argument("--case", action="append", metavar="PATH[:gold]",
                        help="a path to compare (`:gold` adds --gold); default: the fixtures "
                             "and the sample")
    args = parser.parse_args()
    cases = args.case or [
        "tests/fixtures/agree/corpus",
        "tests/fixtures/agree/corpus:gold",
        "tests/fixtures/agree/links",
        "tests/fixtures/agree/links:gold",
        "sample-data/korut-dukung-rusia.txt:gold",
    ]
    ok = True
    for case in cases:
        path, _, flag = case.partition(":")
        ok &= run_case(args.tandai, path, flag == "gold")
    print("check_agreement: " + ", ".join(f"{n} {k}" for k, n in sorted(STATS.items())))
    if not ok:
        sys.exit("check_agreement: tandai agree differs from the references")


if __name__ == "__main__":
    main()
