#!/usr/bin/env python3
"""Draw tandai's import graph between top-level modules, and check it against the layers.

    python3 scripts/import_graph.py            # per top-level module, the modules it imports
    python3 scripts/import_graph.py --check    # exit 1 if a module imports one on its layer or above,
                                               # or breaks a rule of IMPORT_RULES or CRATE_RULES
    python3 scripts/import_graph.py --where    # also print the file and line of every import

It reads every `.rs` file under `src/` (no file list: new files and folders are picked up),
strips comments and string literals, and resolves every path that starts with `crate::`,
`super::` or `self::` (in `use` trees and in code alike) to the top-level module it reaches:
`src/store/journal/replay.rs` is in `store`, and its `super::super::model` is `model`. A name
re-exported at the crate root (`pub use run::Failure` in `lib.rs`) counts as its module.
`src/main.rs` is the binary; its `tandai::` paths count as imports of `main`.

Imports made only by test code (a `#[cfg(test)] mod`, inline or in its own file) are shown
apart, marked `(tests)`, and the check holds them to the same layers.

The check also applies IMPORT_RULES (the views import nothing that reads files) and
CRATE_RULES (no ratatui or crossterm below the views; clap only in the command line).

Python 3.8 or later, standard library only.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

# The layers, lowest first (ARCHITECTURE.md, "Layers"). A module may import only modules on a
# lower layer: never one on its own layer or above, so there can be no import circle.
# A new top-level module must be added here; the check refuses one it does not know.
LAYERS = [
    # `durable` (files written whole and durable) imports nothing of the crate: every module
    # that writes many files may use it.
    ("core", ["model", "ron_locate", "durable"]),
    ("suggestions", ["suggest"]),
    ("vocabulary", ["action"]),
    ("keys", ["keymap"]),
    ("state and files", ["state", "store"]),
    ("formats, corpus and views", ["export", "corpus", "ui", "bench_support"]),
    ("format front ends and reports", ["import", "commands", "agree"]),
    # The HTML report sits beside the terminal: it reads the corpus and the agreement figures,
    # and neither imports the other.
    ("the terminal and the HTML report", ["app", "report"]),
    # The command line: one wing (`src/cli/`: clap, dispatch, the exit codes, printing).
    ("the command line", ["cli"]),
    ("crate root and binary", ["lib", "main"]),
]

# Crates a module must not name, beyond the layers: (crates, the modules refused them, why).
# Below the views nothing draws on a terminal; only the command line parses arguments.
COMMAND_LINE = ["cli", "main"]
CRATE_RULES = [
    (
        ("ratatui", "crossterm"),
        ["model", "durable", "suggest", "action", "keymap", "state", "store", "corpus", "commands", "export", "import"],
        "draws nothing on a terminal",
    ),
    (("clap",), [m for _, mods in LAYERS for m in mods if m not in COMMAND_LINE], "parses no arguments"),
]

# Imports refused beyond the layers: (module, modules it must not import, why).
IMPORT_RULES = [("ui", ["store", "corpus"], "the views import nothing that touches files")]

TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*)
  | (?P<raw_string>b?r(?P<hashes>\#*)")
  | (?P<string>b?"(?:\\.|[^"\\])*")
  | (?P<char>b?'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])')
  | (?P<lifetime>'[A-Za-z_][A-Za-z0-9_]*)
  | (?P<ident>r\#[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)
  | (?P<path_sep>::)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokens(text):
    """The tokens of Rust source as (kind, value, line), without comments or literals' contents."""
    out = []
    pos, line = 0, 1
    while pos < len(text):
        m = TOKEN.match(text, pos)
        kind = m.lastgroup if m.lastgroup != "hashes" else "raw_string"
        for name in ("block_comment", "raw_string"):
            if m.group(name) is not None:
                kind = name
        end = m.end()
        if kind == "block_comment":
            depth, end = 1, m.end()
            while depth and end < len(text):
                if text.startswith("/*", end):
                    depth, end = depth + 1, end + 2
                elif text.startswith("*/", end):
                    depth, end = depth - 1, end + 2
                else:
                    end += 1
        elif kind == "raw_string":
            close = '"' + m.group("hashes")
            found = text.find(close, m.end())
            end = len(text) if found < 0 else found + len(close)
        if kind in ("ident", "path_sep", "punct"):
            value = m.group(0)
            if value.startswith("r#"):
                value = value[2:]
            out.append((kind, value, line))
        elif kind in ("string", "char", "raw_string"):
            out.append(("literal", "", line))
        line += text.count("\n", pos, end)
        pos = end
    return out


def module_path(src, file):
    """The module path of a file from its place under src/ (`store/journal/mod.rs` -> store::journal)."""
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] == "mod":
        parts.pop()
    if parts in (["lib"],):
        return []
    return parts


def attributes_before(toks, i):
    """The attributes (as token value lists) and the index just before them, walking back from toks[i]."""
    attrs = []
    j = i - 1
    # Visibility: `pub`, `pub(crate)`, `pub(super)`, `pub(in path)`.
    if j >= 0 and toks[j][1] == ")":
        k = j
        while k >= 0 and toks[k][1] != "(":
            k -= 1
        if k >= 1 and toks[k - 1][1] == "pub":
            j = k - 2
    elif j >= 0 and toks[j][1] == "pub":
        j -= 1
    while j >= 0 and toks[j][1] == "]":
        depth, k = 0, j
        while k >= 0:
            if toks[k][1] == "]":
                depth += 1
            elif toks[k][1] == "[":
                depth -= 1
                if depth == 0:
                    break
            k -= 1
        if k >= 1 and toks[k - 1][1] == "#":
            attrs.append([t[1] for t in toks[k + 1 : j]])
            j = k - 2
        else:
            break
    return attrs


def is_test_cfg(attr):
    return len(attr) > 1 and attr[0] == "cfg" and "test" in attr and "not" not in attr


def path_attr(attr):
    if attr and attr[0] == "path":
        return True
    return False


class Source:
    """One file: its module path, whether only tests compile it, and its tokens."""

    def __init__(self, src, file):
        self.file = file
        self.module = module_path(src, file)
        self.binary = file == src / "main.rs"
        self.test_only = False
        self.toks = tokens(file.read_text(encoding="utf-8"))

    def child_dir(self):
        if self.file.name in ("mod.rs", "lib.rs", "main.rs"):
            return self.file.parent
        return self.file.parent / self.file.stem

    def declared_test_modules(self):
        """Files of the `mod name;` declarations under `#[cfg(test)]`."""
        found = []
        t = self.toks
        for i in range(len(t) - 2):
            if t[i][1] == "mod" and t[i + 1][0] == "ident" and t[i + 2][1] == ";":
                attrs = attributes_before(t, i)
                if any(is_test_cfg(a) for a in attrs):
                    name = t[i + 1][1]
                    found += [self.child_dir() / (name + ".rs"), self.child_dir() / name / "mod.rs"]
        return found

    def has_path_attributes(self):
        t = self.toks
        return any(
            t[i][1] == "mod" and any(path_attr(a) for a in attributes_before(t, i))
            for i in range(len(t))
        )


def parse_use_tree(toks, i, prefix, out, line):
    """Parse a path or use tree at toks[i]; append (segments, line) to out. Returns the index after it."""
    segs = list(prefix)
    while i < len(toks):
        kind, value, ln = toks[i]
        if value == "{":
            i += 1
            while i < len(toks) and toks[i][1] != "}":
                if toks[i][1] == ",":
                    i += 1
                    continue
                i = parse_use_tree(toks, i, segs, out, toks[i][2])
            return i + 1
        if value == "*":
            out.append((segs, line))
            return i + 1
        if kind != "ident":
            out.append((segs, line))
            return i
        segs = segs + [value]
        if i + 1 < len(toks) and toks[i + 1][0] == "path_sep":
            i += 2
            continue
        out.append((segs, line))
        i += 1
        if i + 1 < len(toks) and toks[i][1] == "as":
            i += 2
        return i
    out.append((segs, line))
    return i


def references(source):
    """Every crate-relative path in a file, as (absolute segments, line, in test code)."""
    toks = source.toks
    refs = []
    inline = []  # (name, brace depth at its `{`, test)
    depth = 0
    i = 0
    while i < len(toks):
        kind, value, line = toks[i]
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1
            while inline and inline[-1][1] == depth:
                inline.pop()
        elif value == "mod" and i + 2 < len(toks) and toks[i + 1][0] == "ident" and toks[i + 2][1] == "{":
            test = any(is_test_cfg(a) for a in attributes_before(toks, i))
            inline.append((toks[i + 1][1], depth, test))
            i += 1
            continue
        starts = (
            kind == "ident"
            and value in ("crate", "super", "self", "tandai")
            and i + 1 < len(toks)
            and toks[i + 1][0] == "path_sep"
            and not (i > 0 and toks[i - 1][1] == "$")
            and not (i > 0 and toks[i - 1][0] == "path_sep")
        )
        if value == "tandai" and not source.binary:
            starts = False
        if starts:
            here = source.module + [m[0] for m in inline]
            in_test = source.test_only or any(m[2] for m in inline)
            found = []
            end = parse_use_tree(toks, i, [], found, line)
            for segs, ln in found:
                absolute = resolve(segs, here)
                if absolute:
                    refs.append((absolute, ln, in_test))
            i = end
            continue
        i += 1
    return refs


def resolve(segs, here):
    """Absolute segments of a path written at module `here`, or None if it leaves the crate."""
    if not segs:
        return None
    head, rest = segs[0], segs[1:]
    if head in ("crate", "tandai"):
        base = []
    elif head == "self":
        base = list(here)
    elif head == "super":
        base = list(here)
        rest = segs
        while rest and rest[0] == "super":
            if not base:
                return None
            base.pop()
            rest = rest[1:]
    else:
        return None
    return base + [s for s in rest if s != "self"]


def root_reexports(src):
    """Names re-exported by `lib.rs` (`pub use run::{Failure, run_cli}`) -> the module they come from."""
    lib = src / "lib.rs"
    names = {}
    if not lib.exists():
        return names
    toks = tokens(lib.read_text(encoding="utf-8"))
    for i in range(len(toks) - 1):
        if toks[i][1] == "pub" and toks[i + 1][1] == "use":
            found = []
            parse_use_tree(toks, i + 2, [], found, toks[i][2])
            for segs, _ in found:
                if len(segs) >= 2:
                    names[segs[-1]] = segs[0]
    return names


def layer_of():
    return {m: n for n, (_, mods) in enumerate(LAYERS) for m in mods}


def graph(src):
    files = sorted(src.rglob("*.rs"))
    sources = {f: Source(src, f) for f in files}
    # Test-only files: declared under #[cfg(test)], or inside a folder of one.
    test_files = set()
    for s in sources.values():
        test_files.update(s.declared_test_modules())
    test_dirs = {t.parent if t.name == "mod.rs" else t.with_suffix("") for t in test_files}
    for f, s in sources.items():
        s.test_only = f in test_files or any(d in f.parents for d in test_dirs)
    reexports = root_reexports(src)
    tops = {s.module[0] for s in sources.values() if s.module} | {"lib"}
    edges = defaultdict(lambda: defaultdict(list))  # from -> to -> [(file, line, test)]
    modules = set()
    warnings = []
    for f, s in sources.items():
        if s.has_path_attributes():
            warnings.append(f"{f}: #[path] attribute: its module is taken from the file's place")
        me = "main" if s.binary else (s.module[0] if s.module else "lib")
        modules.add(me)
        for segs, line, test in references(s):
            target = segs[0] if segs else "lib"
            if target not in tops:
                target = reexports.get(target, "lib")
            if target != me and (f, line, test) not in edges[me][target]:
                edges[me][target].append((f, line, test))
    return modules, edges, warnings


def order_key(module):
    layer = layer_of().get(module, len(LAYERS))
    return (layer, module)


def describe(module, targets, where):
    parts = []
    for t in sorted(targets, key=order_key):
        uses = targets[t]
        mark = "" if any(not u[2] for u in uses) else " (tests)"
        parts.append(t + mark)
    lines = [f"{module:<14} -> " + (", ".join(parts) if parts else "(nothing)")]
    if where:
        for t in sorted(targets, key=order_key):
            for f, line, test in targets[t]:
                lines.append(f"    {t:<12} {f}:{line}" + ("  (tests)" if test else ""))
    return lines


def cycles(modules, edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp, key=order_key))

    for v in sorted(modules | set(edges), key=order_key):
        if v not in index:
            visit(v)
    return out


def crate_uses(src, module, crates):
    """Where the files of a top-level module name one of `crates` (`ratatui::…`, `use clap::…`)."""
    found = []
    files = sorted((src / module).rglob("*.rs")) + [p for p in [src / (module + ".rs")] if p.exists()]
    for f in files:
        toks = tokens(f.read_text(encoding="utf-8"))
        for i, (kind, value, line) in enumerate(toks):
            if kind == "ident" and value in crates and i + 1 < len(toks) and toks[i + 1][0] == "path_sep":
                if i == 0 or toks[i - 1][0] != "path_sep":
                    found.append((f, line, value))
    return found


def check(src, modules, edges):
    layers = layer_of()
    problems = []
    for m in sorted(modules | set(edges), key=order_key):
        if m not in layers:
            problems.append(f"{m}: a top-level module the layer table does not know: add it to LAYERS")
    for m in sorted(edges, key=order_key):
        for t in sorted(edges[m], key=order_key):
            if m in layers and t in layers and layers[t] >= layers[m]:
                how = "its own layer" if layers[t] == layers[m] else "a layer above"
                for f, line, test in edges[m][t]:
                    note = " (test code)" if test else ""
                    problems.append(
                        f"{f}:{line}: {m} ({LAYERS[layers[m]][0]}) imports {t}, on {how} ({LAYERS[layers[t]][0]}){note}"
                    )
    for m, refused, why in IMPORT_RULES:
        for t in refused:
            for f, line, test in edges.get(m, {}).get(t, []):
                note = " (test code)" if test else ""
                problems.append(f"{f}:{line}: {m} imports {t}: {why}{note}")
    for crates, refused, why in CRATE_RULES:
        for m in refused:
            for f, line, crate in crate_uses(src, m, crates):
                problems.append(f"{f}:{line}: {m} names {crate}, but {m} {why}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a module imports one on its layer or above")
    parser.add_argument("--where", action="store_true", help="print the file and line of every import")
    parser.add_argument("--src", default=str(Path(__file__).resolve().parent.parent / "src"), help="the crate's src/ folder")
    args = parser.parse_args()
    src = Path(args.src)
    if not (src / "lib.rs").exists() and not (src / "main.rs").exists():
        print(f"import_graph: {src} holds neither lib.rs nor main.rs", file=sys.stderr)
        return 2
    modules, edges, warnings = graph(src)
    shown = Path(src.name)
    rel = lambda f: shown / f.relative_to(src)  # noqa: E731
    edges = {m: {t: [(rel(f), l, x) for f, l, x in us] for t, us in ts.items()} for m, ts in edges.items()}
    for w in warnings:
        print("import_graph: warning: " + w, file=sys.stderr)
    if args.check:
        problems = [p.replace(str(src) + "/", str(shown) + "/") for p in check(src, modules, edges)]
        for p in problems:
            print(p)
        found = cycles(modules, edges)
        for c in found:
            print("import circle among: " + ", ".join(c))
        if problems or found:
            print(f"import_graph: {len(problems)} problem(s), {len(found)} import circle(s)", file=sys.stderr)
            return 1
        print("import_graph: every module imports only modules on a lower layer; no import circle")
        return 0
    for layer, (name, mods) in enumerate(LAYERS):
        present = [m for m in mods if m in modules]
        if present:
            print(f"# layer {layer}: {name}")
            for m in present:
                print("\n".join(describe(m, edges.get(m, {}), args.where)))
    unknown = sorted(modules - set(layer_of()))
    if unknown:
        print("# not in the layer table")
        for m in unknown:
            print("\n".join(describe(m, edges.get(m, {}), args.where)))
    found = cycles(modules, edges)
    print("# import circles: " + ("; ".join("among " + ", ".join(c) for c in found) if found else "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
