#!/usr/bin/env python3
"""Label Studio reads tandai's export: the tasks checked against Label Studio's task format and
against the labeling config tandai writes beside them.

Exports the fixture corpus (imported from tests/fixtures/label_studio/project.json) and the gold
sample with `tandai export --format label-studio`, then checks:

- every task against a JSON schema of Label Studio's task import format (written from Label
  Studio's documentation on importing tasks with annotations and predictions: `data`,
  `annotations[].result[]`, region results with `id`, `from_name`, `to_name`, `type`, `value`,
  relation results with `from_id`, `to_id`, `type: relation`, `direction`, `labels`), with
  the `jsonschema` package (Draft 2020-12);
- every result against label_config.xml as Label Studio matches them: `from_name` names a
  control tag of the right kind (`Labels` for `labels`, `Choices` for `choices`, `TextArea` for
  `textarea`) whose `toName` is `to_name`, which names the `Text` object reading `$text`;
  each label is a `Label` value of that control, each choice a `Choice` value, each relation
  label a `Relation` value; per-region results carry the id of a region;
- offsets: `data.text[start:end] == value.text` in Python's code points, and nothing empty.

Exits 1 on the first problem, naming the task and result. Standard library plus jsonschema.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

REGION = {
    "type": "object",
    "required": ["id", "from_name", "to_name", "type", "value"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "from_name": {"type": "string", "minLength": 1},
        "to_name": {"type": "string", "minLength": 1},
        "type": {"enum": ["labels", "choices", "textarea"]},
        "value": {
            "type": "object",
            "required": ["start", "end"],
            "properties": {
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
                "text": {},
                "labels": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "choices": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            },
        },
        "score": {"type": "number"},
    },
}

RELATION = {
    "type": "object",
    "required": ["from_id", "to_id", "type"],
    "properties": {
        "from_id": {"type": "string", "minLength": 1},
        "to_id": {"type": "string", "minLength": 1},
        "type": {"const": "relation"},
        "direction": {"enum": ["right", "left", "bi"]},
        "labels": {"type": "array", "items": {"type": "string"}},
    },
}

RESULTS = {
    "type": "array",
    "items": {
        "if": {"properties": {"type": {"const": "relation"}}, "required": ["type"]},
        "then": RELATION,
        "else": REGION,
    },
}

TASK = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["data"],
    "properties": {
        "id": {"type": "integer"},
        "data": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string"}},
        },
        "annotations": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["result"],
                "properties": {"result": RESULTS},
            },
        },
        "predictions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["result"],
                "properties": {"result": RESULTS, "score": {"type": "number"}},
            },
        },
    },
}

KIND_OF_TYPE = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}


class Problem(Exception):
    pass


def read_config(path):
    """Controls by name: (tag, toName, allowed values); the text objects; relation labels."""
    root = ET.parse(path).getroot()
    controls, texts, relations = {}, {}, set()
    for el in root.iter():
        if el.tag == "Text":
            texts[el.get("name")] = el.get("value")
        elif el.tag in ("Labels", "Choices", "TextArea"):
            child = {"Labels": "Label", "Choices": "Choice", "TextArea": None}[el.tag]
            values = {c.get("value") for c in el if child and c.tag == child}
            controls[el.get("name")] = (el.tag, el.get("toName"), values, el.get("perRegion"))
        elif el.tag == "Relation":
            relations.add(el.get("value"))
    if not texts or not controls:
        raise Problem(f"{path}: no Text object or no control tag")
    return controls, texts, relations


def check_task(n, task, config):
    controls, texts, relation_labels = config
    jsonschema.validate(task, TASK)
    text = task["data"]["text"]
    results = [r for a in task.get("annotations", []) for r in a["result"]]
    regions = {r["id"]: r for r in results if r["type"] == "labels"}
    if not regions:
        raise Problem(f"task {n}: no region")
    for r in results:
        where = f"task {n}, result {r.get('id') or (r['from_id'] + '->' + r['to_id'])}"
        if r["type"] == "relation":
            for end in ("from_id", "to_id"):
                if r[end] not in regions:
                    raise Problem(f"{where}: {end} names no region")
            for label in r.get("labels", []):
                if label not in relation_labels:
                    raise Problem(f"{where}: relation label {label!r} is not in the config")
            continue
        tag, to_name, values, per_region = controls.get(r["from_name"], (None,) * 4)
        if tag != KIND_OF_TYPE[r["type"]]:
            raise Problem(f"{where}: from_name {r['from_name']!r} is not a {KIND_OF_TYPE[r['type']]} tag")
        if to_name != r["to_name"] or texts.get(to_name) != "$text":
            raise Problem(f"{where}: to_name {r['to_name']!r} is not the Text object of $text")
        v = r["value"]
        if not 0 <= v["start"] < v["end"] <= len(text):
            raise Problem(f"{where}: offsets {v['start']}..{v['end']} outside the text")
        if r["type"] == "labels":
            if v.get("text") != text[v["start"]:v["end"]]:
                raise Problem(f"{where}: value.text {v.get('text')!r} is not text[{v['start']}:{v['end']}]")
            for label in v["labels"]:
                if label not in values:
                    raise Problem(f"{where}: label {label!r} is not a Label of {r['from_name']}")
        else:
            if per_region != "true":
                raise Problem(f"{where}: {r['from_name']} is not perRegion")
            if r["id"] not in regions:
                raise Problem(f"{where}: a per-region result without its region")
            for choice in v.get("choices", []):
                if choice not in values:
                    raise Problem(f"{where}: choice {choice!r} is not a Choice of {r['from_name']}")
    return len(results)


def export(tandai, corpus, out):
    subprocess.run(
        [tandai, "export", str(corpus), "--format", "label-studio", "--out", str(out)],
        check=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tandai", required=True)
    ap.add_argument("--fixture", default="tests/fixtures/label_studio/project.json")
    ap.add_argument("--sample", default="sample-data")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="check-ls-"))
    if work.exists():
        subprocess.run(["rm", "-rf", str(work)], check=True)
    corpus = work / "fixture-corpus"
    subprocess.run(
        [args.tandai, "import", args.fixture, "--from", "label-studio", "--out", str(corpus)],
        check=True,
    )
    checked = 0
    for name, source in (("fixture", corpus), ("sample", Path(args.sample))):
        out = work / name / "tasks.json"
        tasks = export(args.tandai, source, out)
        if not tasks:
            raise Problem(f"{name}: no task exported")
        config = read_config(out.with_name("label_config.xml"))
        for n, task in enumerate(tasks, 1):
            checked += check_task(n, task, config)
        print(f"label studio: {name}: {len(tasks)} tasks valid against the task schema and label_config.xml")
    if checked == 0:
        raise Problem("no result checked")
    print(f"label studio: {checked} results checked")


if __name__ == "__main__":
    try:
        main()
    except (Problem, jsonschema.ValidationError, subprocess.CalledProcessError) as e:
        print(f"check_label_studio: {e}", file=sys.stderr)
        sys.exit(1)
