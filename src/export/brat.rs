//! brat standoff: the `.ann` text of one document (its `.txt` is the document text unchanged).
//!
//! - Text-bound annotations, offsets in chars: `T1\tPER 41 53\tChoe Son Hui`; entities with
//!   their label as type (white space in it turned into `_`), quotes as `Quote`, their cues as `Cue`, claims as `Claim`.
//!   Fragments: `T2\tQuote 10 20;25 40\t<fragment texts joined by a space>`. A fragment crossing
//!   a line break is cut into fragments at the break (the line break characters, `\n` and `\r`,
//!   belong to none), since brat's text field is one line.
//! - Relations: `Speaker` (quote → entity), `Cue` (quote → cue), `Claimant` (claim → entity),
//!   `Source` (claim → quote), as `R1\tSpeaker Arg1:T2 Arg2:T1`, written only when both ends
//!   are exported.
//! - Attributes: `A1\tKind T2 Direct`, `A2\tCheckworthy T5 Yes` (unset check-worthiness is not
//!   written).
//! - Notes: `#1\tAnnotatorNotes T2\t<note>`, with line breaks and tabs turned into spaces.
//!
//! [`annotation_conf`] gives a matching `annotation.conf` for a brat project.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write;

use crate::model::{AnnotationSet, Attribute, Checkworthy, Document, Kept, QuoteKind, Span};

use super::spans::checked_fragments;
use super::{ExportError, Layer, Options, Warning, kind_name};

/// Cuts `span` at line breaks: the pieces of it between `\n` / `\r` characters, empty pieces
/// dropped.
pub fn split_at_line_breaks(doc: &Document, span: Span) -> Vec<Span> {
    let mut pieces = Vec::new();
    let mut start = span.start;
    for (i, c) in doc.slice(span).chars().enumerate() {
        let at = span.start + i;
        if c == '\n' || c == '\r' {
            if start < at {
                pieces.push(Span::new(start, at));
            }
            start = at + 1;
        }
    }
    if start < span.end {
        pieces.push(Span::new(start, span.end));
    }
    pieces
}

/// `word` with white space turned into `_`: brat's types, roles and values are single words.
fn single_word(word: &str) -> String {
    if word.contains(char::is_whitespace) {
        word.replace(char::is_whitespace, "_")
    } else {
        word.to_owned()
    }
}

/// One `.ann` line before its ids are final: its own id and the ids it names are those
/// [`Ann`] numbered, renamed at the end (see [`Ann::render`]).
enum Line {
    /// `T1\tTYPE 0 5;7 9\ttext`: the id, then what follows it.
    TextBound { id: String, rest: String },
    /// `R1\tTYPE Arg1:T1 Arg2:T2`.
    Relation {
        id: String,
        kind: String,
        from: String,
        to: String,
    },
    /// `A1\tNAME T1[ VALUE]`.
    Attribute {
        id: String,
        name: String,
        target: String,
        value: Option<String>,
    },
    /// `#1\tAnnotatorNotes T1\tnote`.
    Note {
        id: String,
        target: String,
        text: String,
    },
}

impl Line {
    fn id(&self) -> &str {
        match self {
            Line::TextBound { id, .. }
            | Line::Relation { id, .. }
            | Line::Attribute { id, .. }
            | Line::Note { id, .. } => id,
        }
    }
}

/// Collects the `.ann` lines, numbering each kind of annotation; each line made from the
/// model also says what it was made from (an annotation id, `q1 Speaker`, `e1 A Negated`,
/// `e1 #`, …: the keys of [`crate::model::Kept`]'s original ids).
struct Ann<'a> {
    doc: &'a Document,
    lines: Vec<(Line, String)>,
    t: usize,
    r: usize,
    a: usize,
    notes: usize,
    /// The document has an import's layout: each line says what it was made from.
    keyed: bool,
}

impl<'a> Ann<'a> {
    /// What a line was made from, when the lines go back to an import's layout (else empty:
    /// nothing looks it up).
    fn key(&self, what: impl FnOnce() -> String) -> String {
        if self.keyed { what() } else { String::new() }
    }

    /// Adds a text-bound annotation made from `what`; `None` when no fragment is left to
    /// write.
    fn textbound(
        &mut self,
        kind: &str,
        spans: &[Span],
        what: impl FnOnce() -> String,
    ) -> Option<String> {
        let mut fragments: Vec<Span> = spans
            .iter()
            .flat_map(|s| split_at_line_breaks(self.doc, *s))
            .collect();
        fragments.sort();
        if fragments.is_empty() {
            return None;
        }
        self.t += 1;
        let id = format!("T{}", self.t);
        // brat types are single words.
        let mut rest = single_word(kind);
        for (i, s) in fragments.iter().enumerate() {
            let sep = if i == 0 { " " } else { ";" };
            let _ = write!(rest, "{sep}{} {}", s.start, s.end);
        }
        for (i, s) in fragments.iter().enumerate() {
            rest.push(if i == 0 { '\t' } else { ' ' });
            rest.push_str(self.doc.slice(*s));
        }
        self.lines.push((
            Line::TextBound {
                id: id.clone(),
                rest,
            },
            self.key(what),
        ));
        Some(id)
    }

    /// Adds a relation made from `what`; returns its id (none unless both ends are written).
    fn relation(
        &mut self,
        kind: &str,
        from: Option<&String>,
        to: Option<&String>,
        what: impl FnOnce() -> String,
    ) -> Option<String> {
        let (from, to) = (from?, to?);
        self.r += 1;
        let id = format!("R{}", self.r);
        let line = Line::Relation {
            id: id.clone(),
            kind: single_word(kind),
            from: from.clone(),
            to: to.clone(),
        };
        self.lines.push((line, self.key(what)));
        Some(id)
    }

    fn attribute(
        &mut self,
        name: &str,
        target: &str,
        value: Option<&str>,
        what: impl FnOnce() -> String,
    ) {
        self.a += 1;
        let line = Line::Attribute {
            id: format!("A{}", self.a),
            name: single_word(name),
            target: target.to_owned(),
            value: value.map(single_word),
        };
        self.lines.push((line, self.key(what)));
    }

    fn note(&mut self, target: &str, note: Option<&str>, what: impl FnOnce() -> String) {
        if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
            self.notes += 1;
            let flat: String = note
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let line = Line::Note {
                id: format!("#{}", self.notes),
                target: target.to_owned(),
                text: flat.trim().to_owned(),
            };
            self.lines.push((line, self.key(what)));
        }
    }

    /// The lines as text. With the layout of an import (`kept`), each line made from what
    /// the import made takes its original id, new lines take ids the import did not use, the
    /// kept lines come back, and every line goes to its original place (new ones last).
    fn render(self, kept: Option<&Kept>, doc_id: &str, warnings: &mut Vec<Warning>) -> Vec<String> {
        let Some(kept) = kept else {
            return self
                .lines
                .into_iter()
                .map(|(l, _)| render_line(&l, &|id| id.to_owned()))
                .collect();
        };
        let mut lines = self.lines;
        let mut kept_lines = kept.lines.iter();
        let mut position: HashMap<&str, usize> = HashMap::new();
        let mut kept_at: Vec<usize> = Vec::new();
        let mut used: HashSet<&str> = HashSet::new();
        for (at, origin) in kept.ids.iter().enumerate() {
            used.insert(&origin.id);
            if origin.what.is_empty() {
                kept_at.push(at);
            } else {
                position.entry(&origin.what).or_insert(at);
            }
        }
        let original: HashMap<&str, &str> = (kept.ids.iter())
            .filter(|o| !o.what.is_empty())
            .map(|o| (o.what.as_str(), o.id.as_str()))
            .collect();
        // Numbered id → final id.
        let mut rename: HashMap<String, String> = HashMap::new();
        let mut fresh: HashMap<char, usize> = HashMap::new();
        for (line, what) in &lines {
            let id = line.id().to_owned();
            let prefix = id.chars().next().unwrap_or('T');
            let new = match original.get(what.as_str()) {
                Some(&old) if same_kind(old, prefix) => old.to_owned(),
                _ => loop {
                    let n = fresh.entry(prefix).or_default();
                    *n += 1;
                    let candidate = format!("{prefix}{n}");
                    if !used.contains(candidate.as_str()) {
                        break candidate;
                    }
                },
            };
            rename.insert(id, new);
        }
        let mut placed: Vec<(usize, usize, String)> = Vec::with_capacity(lines.len());
        let rename_map = &rename;
        let rename = |id: &str| rename.get(id).cloned().unwrap_or_else(|| id.to_owned());
        for (i, (line, what)) in lines.drain(..).enumerate() {
            let at = position.get(what.as_str()).copied().unwrap_or(usize::MAX);
            placed.push((at, i, render_line(&line, &rename)));
        }
        let after = placed.len();
        let written: HashSet<&str> = rename_map.values().map(String::as_str).collect();
        let mut gone: HashSet<&str> = (kept.ids.iter())
            .map(|o| o.id.as_str())
            .filter(|id| id.starts_with('T') && !written.contains(id))
            .collect();
        let kept_all: Vec<&str> = kept_lines.by_ref().map(|l| l.as_str()).collect();
        let mut dropped = vec![None; kept_all.len()];
        // Twice, so that a line naming a dropped line that comes after it goes too.
        for _ in 0..2 {
            for (k, line) in kept_all.iter().enumerate() {
                if dropped[k].is_none()
                    && let Some(name) = names(line).find(|id| gone.contains(id))
                {
                    dropped[k] = Some(name.to_owned());
                    let own = line.split('\t').next().unwrap_or_default();
                    if own != "*" {
                        gone.insert(own);
                    }
                }
            }
        }
        for (k, line) in kept_all.iter().enumerate() {
            if let Some(name) = &dropped[k] {
                warnings.push(Warning {
                    doc_id: doc_id.to_owned(),
                    span: Span::default(),
                    text: String::new(),
                    reason: format!(
                        "a line kept from the brat import names {name}, deleted in tandai (or not exported): left out ({})",
                        line.replace('\t', " ")
                    ),
                });
                continue;
            }
            let at = kept_at.get(k).copied().unwrap_or(usize::MAX);
            placed.push((at, after + k, (*line).to_owned()));
        }
        placed.sort_by_key(|(at, i, _)| (*at, *i));
        placed.into_iter().map(|(_, _, line)| line).collect()
    }
}

/// The ids a kept line names: the words of its second field, each after its last `:`
/// (`Attack:T3` → `T3`, `Arg1:E1` → `E1`).
fn names(line: &str) -> impl Iterator<Item = &str> {
    let args = line.split('\t').nth(1).unwrap_or_default();
    args.split_whitespace()
        .map(|w| w.rsplit(':').next().unwrap_or(w))
}

/// Whether the original id `old` names a line of the kind whose ids start with `prefix` (an
/// attribute may be an `A` or an `M` line).
fn same_kind(old: &str, prefix: char) -> bool {
    match prefix {
        'A' => old.starts_with(['A', 'M']),
        _ => old.starts_with(prefix),
    }
}

/// Writes `line` with its ids as numbered, and a line end: [`render_line`] without renaming.
fn write_line<W: Write + ?Sized>(line: &Line, out: &mut W) -> std::io::Result<()> {
    let parts: [&str; 7] = match line {
        Line::TextBound { id, rest } => [id, "\t", rest, "", "", "", ""],
        Line::Relation { id, kind, from, to } => [id, "\t", kind, " Arg1:", from, " Arg2:", to],
        Line::Attribute {
            id,
            name,
            target,
            value,
        } => match value {
            Some(v) => [id, "\t", name, " ", target, " ", v],
            None => [id, "\t", name, " ", target, "", ""],
        },
        Line::Note { id, target, text } => [id, "\tAnnotatorNotes ", target, "\t", text, "", ""],
    };
    for part in parts {
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\n")
}

fn render_line(line: &Line, rename: &dyn Fn(&str) -> String) -> String {
    match line {
        Line::TextBound { id, rest } => format!("{}\t{rest}", rename(id)),
        Line::Relation { id, kind, from, to } => format!(
            "{}\t{kind} Arg1:{} Arg2:{}",
            rename(id),
            rename(from),
            rename(to)
        ),
        Line::Attribute {
            id,
            name,
            target,
            value,
        } => match value {
            Some(v) => format!("{}\t{name} {} {v}", rename(id), rename(target)),
            None => format!("{}\t{name} {}", rename(id), rename(target)),
        },
        Line::Note { id, target, text } => {
            format!("{}\tAnnotatorNotes {}\t{text}", rename(id), rename(target))
        }
    }
}

/// Writes an annotation's own attributes on its T line `t`.
fn attributes(ann: &mut Ann, t: &str, id: &str, list: &[Attribute]) {
    for a in list {
        let what = || format!("{id} A {}", a.name);
        ann.attribute(&a.name, t, a.value.as_deref(), what);
    }
}

/// Writes the `.ann` text of one document (the layers listed in `options`): tandai's own
/// lines, its relations and attributes, and the lines a brat import kept.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let kept = Kept::of(&set.kept, FORMAT);
    let mut ann = Ann {
        doc,
        lines: Vec::new(),
        t: 0,
        r: 0,
        a: 0,
        notes: 0,
        keyed: kept.is_some(),
    };
    let whats: HashSet<&str> = Kept::of(&set.kept, FORMAT)
        .map(|k| k.ids.iter().map(|o| o.what.as_str()).collect())
        .unwrap_or_default();
    // Annotation id → T id, for relations.
    let mut t_of: HashMap<&str, String> = HashMap::new();
    if options.has(Layer::Entities) {
        for e in &set.entities {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, &mut warnings);
            if let Some(t) = ann.textbound(&e.label, &spans, || e.id.to_string()) {
                attributes(&mut ann, &t, &e.id, &e.attributes);
                ann.note(&t, e.note.as_deref(), || format!("{} #", e.id));
                t_of.insert(&e.id, t);
            }
        }
    }
    if options.has(Layer::Quotes) {
        for q in &set.quotes {
            let spans = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings);
            let Some(t) = ann.textbound("Quote", &spans, || q.id.to_string()) else {
                continue;
            };
            // A quote imported without a Kind line gets none while its kind is the Direct
            // it was given.
            let came_without = !whats.is_empty()
                && q.kind == QuoteKind::Direct
                && whats.contains(q.id.as_str())
                && !whats.contains(format!("{} A Kind", q.id).as_str());
            if !came_without {
                let kind = Some(kind_name(q.kind));
                ann.attribute("Kind", &t, kind, || format!("{} A Kind", q.id));
            }
            attributes(&mut ann, &t, &q.id, &q.attributes);
            ann.note(&t, q.note.as_deref(), || format!("{} #", q.id));
            if let Some(cue) = &q.cue {
                let cue_id = format!("{} cue", q.id);
                let spans =
                    checked_fragments(doc, doc_id, &cue_id, &cue.spans, &cue.text, &mut warnings);
                let cue_t = ann.textbound("Cue", &spans, move || cue_id);
                ann.relation("Cue", Some(&t), cue_t.as_ref(), || format!("{} Cue", q.id));
            }
            if let Some(speaker) = &q.speaker {
                link(doc, doc_id, &q.id, &q.spans, speaker, set, &mut warnings);
                let what = || format!("{} Speaker", q.id);
                ann.relation("Speaker", Some(&t), t_of.get(speaker.as_str()), what);
            }
            t_of.insert(&q.id, t);
        }
    }
    if options.has(Layer::Claims) {
        for c in &set.claims {
            let spans = checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, &mut warnings);
            let Some(t) = ann.textbound("Claim", &spans, || c.id.to_string()) else {
                continue;
            };
            if let Some(value) = c.checkworthy {
                let value = match value {
                    Checkworthy::Yes => "Yes",
                    Checkworthy::No => "No",
                };
                let what = || format!("{} A Checkworthy", c.id);
                ann.attribute("Checkworthy", &t, Some(value), what);
            }
            attributes(&mut ann, &t, &c.id, &c.attributes);
            ann.note(&t, c.note.as_deref(), || format!("{} #", c.id));
            if let Some(claimant) = &c.claimant {
                link(doc, doc_id, &c.id, &c.spans, claimant, set, &mut warnings);
                let what = || format!("{} Claimant", c.id);
                ann.relation("Claimant", Some(&t), t_of.get(claimant.as_str()), what);
            }
            if let Some(quote) = &c.quote {
                link(doc, doc_id, &c.id, &c.spans, quote, set, &mut warnings);
                let what = || format!("{} Source", c.id);
                ann.relation("Source", Some(&t), t_of.get(quote.as_str()), what);
            }
            t_of.insert(&c.id, t);
        }
    }
    for r in &set.relations {
        let (from, to) = (t_of.get(r.from.as_str()), t_of.get(r.to.as_str()));
        if let Some(id) = ann.relation(&r.kind, from, to, || r.id.to_string()) {
            ann.note(&id, r.note.as_deref(), || format!("{} #", r.id));
        }
    }
    if kept.is_none() {
        // No layout to restore: every line as numbered, in order, straight to `out`.
        for (line, _) in &ann.lines {
            write_line(line, out)?;
        }
        return Ok(warnings);
    }
    for line in ann.render(kept, doc_id, &mut warnings) {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(warnings)
}

/// The name of brat's [`Kept`] lines.
pub const FORMAT: &str = "brat";

/// Reports a link to an annotation that does not exist.
fn link(
    doc: &Document,
    doc_id: &str,
    from: &str,
    spans: &[Span],
    to: &str,
    set: &AnnotationSet,
    warnings: &mut Vec<Warning>,
) {
    if set.get(to).is_none() {
        let span = crate::model::span::hull(spans).unwrap_or_default();
        let reason = format!("{from}: links to {to}, which does not exist; link left out");
        warnings.push(Warning::new(doc, doc_id, span, reason));
    }
}

/// An `annotation.conf` declaring the entity `labels`, `Quote`, `Cue`, `Claim`, the relations
/// and attributes written by [`write()`], and allowing any overlap between text-bound
/// annotations.
pub fn annotation_conf(labels: &[String]) -> String {
    let entities = if labels.is_empty() {
        "<ENTITY>".to_owned()
    } else {
        labels.join("|")
    };
    let mut conf = String::from("[entities]\n");
    for label in labels {
        conf.push_str(label);
        conf.push('\n');
    }
    conf.push_str("Quote\nCue\nClaim\n\n[relations]\n");
    conf.push_str(&format!("Speaker Arg1:Quote, Arg2:{entities}\n"));
    conf.push_str("Cue Arg1:Quote, Arg2:Cue\n");
    conf.push_str(&format!("Claimant Arg1:Claim, Arg2:{entities}\n"));
    conf.push_str("Source Arg1:Claim, Arg2:Quote\n");
    conf.push_str("<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n");
    conf.push_str("[events]\n\n[attributes]\n");
    conf.push_str("Kind Arg:Quote, Value:Direct|Indirect|Mixed\n");
    conf.push_str("Checkworthy Arg:Claim, Value:Yes|No\n");
    conf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_cut_spans() {
        let doc = Document::new("ab\r\ncd\n\nef");
        let pieces = split_at_line_breaks(&doc, Span::new(1, 10));
        let texts: Vec<&str> = pieces.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(texts, ["b", "cd", "ef"]);
        assert_eq!(
            split_at_line_breaks(&doc, Span::new(0, 2)),
            [Span::new(0, 2)]
        );
        assert!(split_at_line_breaks(&doc, Span::new(2, 4)).is_empty());
    }

    #[test]
    fn conf_lists_labels_and_relations() {
        let conf = annotation_conf(&["PER".into(), "ORG".into()]);
        assert!(conf.starts_with("[entities]\nPER\nORG\nQuote\nCue\nClaim\n"));
        assert!(conf.contains("Speaker Arg1:Quote, Arg2:PER|ORG\n"));
        assert!(conf.contains("Kind Arg:Quote, Value:Direct|Indirect|Mixed\n"));
    }
}

#[cfg(test)]
mod sample_tests {
    use crate::model::smallvec;
    use std::collections::HashMap;

    use super::*;
    use crate::export::fixture::{chars, find, sample};
    use crate::model::{Cue, Entity, Quote, QuoteKind};

    fn ann(doc: &Document, set: &AnnotationSet) -> (String, Vec<Warning>) {
        let mut out = Vec::new();
        let warnings = write(doc, set, "korut", &Options::default(), &mut out).unwrap();
        (String::from_utf8(out).unwrap(), warnings)
    }

    /// T id → (type, fragments), checking that every fragment slices to the text field.
    fn textbounds(doc: &Document, ann: &str) -> HashMap<String, (String, Vec<Span>)> {
        let mut found = HashMap::new();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line:?}");
            let (kind, offsets) = fields[1].split_once(' ').unwrap();
            let spans: Vec<Span> = offsets
                .split(';')
                .map(|pair| {
                    let (s, e) = pair.split_once(' ').unwrap();
                    Span::new(s.parse().unwrap(), e.parse().unwrap())
                })
                .collect();
            let texts: Vec<String> = spans.iter().map(|s| chars(doc, s.start, s.end)).collect();
            assert_eq!(texts.join(" "), fields[2], "{line:?}");
            assert!(texts.iter().all(|t| !t.contains('\n')));
            found.insert(fields[0].to_owned(), (kind.to_owned(), spans));
        }
        found
    }

    #[test]
    fn offsets_slice_the_text_and_links_point_to_the_right_types() {
        let (doc, set) = sample();
        let (ann, warnings) = ann(&doc, &set);
        assert!(warnings.is_empty(), "{warnings:?}");
        let ts = textbounds(&doc, &ann);
        let count = |kind: &str| ts.values().filter(|(k, _)| k == kind).count();
        assert_eq!(count("Quote"), 4);
        assert_eq!(count("Cue"), 4);
        assert_eq!(count("Claim"), 3);
        assert_eq!(ts.len(), set.entities.len() + 11, "overlaps kept in brat");
        assert!(ann.contains("\tPER 41 53\tChoe Son Hui\n"));
        let mut relations: Vec<(String, String, String)> = Vec::new();
        for line in ann.lines().filter(|l| l.starts_with('R')) {
            let (_, body) = line.split_once('\t').unwrap();
            let parts: Vec<&str> = body.split(' ').collect();
            let arg = |p: &str, name: &str| {
                let id = p.strip_prefix(name).unwrap();
                ts[id].0.clone()
            };
            relations.push((
                parts[0].to_owned(),
                arg(parts[1], "Arg1:"),
                arg(parts[2], "Arg2:"),
            ));
        }
        relations.sort();
        let r = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
        let mut expected = vec![
            r("Claimant", "Claim", "GPE"),
            r("Claimant", "Claim", "PER"),
            r("Source", "Claim", "Quote"),
        ];
        expected.extend(std::iter::repeat_n(r("Cue", "Quote", "Cue"), 4));
        expected.extend(std::iter::repeat_n(r("Speaker", "Quote", "PER"), 4));
        expected.sort();
        assert_eq!(relations, expected);
        let attributes: Vec<&str> = ann.lines().filter(|l| l.starts_with('A')).collect();
        assert_eq!(attributes.len(), 6);
        assert!(
            attributes
                .iter()
                .any(|a| a.contains("\tKind T") && a.ends_with(" Mixed"))
        );
        assert!(attributes.iter().any(|a| a.ends_with(" Yes")));
        let notes: Vec<&str> = ann.lines().filter(|l| l.starts_with('#')).collect();
        assert_eq!(notes.len(), 2);
        assert!(
            notes
                .iter()
                .any(|n| n.ends_with("\tcek \"angka\" dari AS – Pentagon"))
        );
    }

    #[test]
    fn a_span_crossing_a_line_break_becomes_two_fragments() {
        let (doc, set) = sample();
        let (ann, _) = ann(&doc, &set);
        let ts = textbounds(&doc, &ann);
        let c2 = set.claims.iter().find(|c| c.id == "c2").unwrap().spans[0];
        let (_, spans) = ts.values().find(|(_, s)| s[0].start == c2.start).unwrap();
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[1], find(&doc, "Dilansir Reuters", 0));
        assert_eq!(
            spans[0].end + 1,
            spans[1].start,
            "only the line break left out"
        );
    }

    #[test]
    fn small_document_snapshot() {
        let doc = Document::new("Menlu Choe Son Hui tiba.\n“Kami mendukung\nRusia,” ujarnya.\n");
        let mut set = AnnotationSet::new(doc.paragraphs().len());
        let e1 = find(&doc, "Choe Son Hui", 0);
        set.entities.push(Entity {
            id: "e1".into(),
            label: "PER".into(),
            spans: smallvec![e1],
            text: "Choe Son Hui".into(),
            note: Some("Menteri\nLuar Negeri".into()),
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        let content = Span::new(find(&doc, "Kami", 0).start, find(&doc, "Rusia,", 0).end);
        set.quotes.push(Quote {
            id: "q1".into(),
            kind: QuoteKind::Direct,
            spans: smallvec![content],
            text: doc.slice(content).into(),
            cue: Some(Cue {
                spans: smallvec![find(&doc, "ujar", 0)],
                text: "ujar".into(),
            }),
            speaker: Some("e1".into()),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        let (ann, warnings) = ann(&doc, &set);
        assert!(warnings.is_empty(), "{warnings:?}");
        textbounds(&doc, &ann);
        insta::assert_snapshot!("brat_small", ann);
    }
}
