//! spaCy character-offset JSONL: one line per document,
//! `{"text", "entities": [[start, end, label], …], "spans": {"quote": […], "claim": […]}}`.
//!
//! Offsets are Python `str` indices, as `Doc.char_span` takes them. `entities` become
//! `doc.ents`, which cannot overlap: the overlap rule of [`super::spans::resolve_overlaps`]
//! applies to them and every dropped entity is reported. `spans` groups may overlap. A quote's
//! label is its kind (`Direct`, `Indirect`, `Mixed`), a claim's is `CLAIM`; fragments are
//! separate entries. The `entities` key is always written; a `spans` key only for the quote
//! and claim layers exported.
//!
//! A span edge that falls inside a word (as [`super::tokenize::words`] segments it, close to
//! spaCy's tokenizer) or on white space is reported, since `char_span(…,
//! alignment_mode="strict")` returns `None` for it; the span is still written.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::model::{AnnotationSet, Document, Span};

use super::spans::{checked_fragments, layer_pieces, resolve_overlaps};
use super::tokenize::at_word_edge;
use super::{CLAIM_TAG, ExportError, Layer, Options, Warning, kind_name};

/// One `[start, end, label]` entry.
type Entry = (usize, usize, String);

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    entities: Vec<Entry>,
    spans: BTreeMap<&'static str, Vec<Entry>>,
}

/// Writes one document as one JSON line.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let mut line = Line {
        text: doc.text(),
        entities: Vec::new(),
        spans: BTreeMap::new(),
    };
    if options.has(Layer::Entities) {
        let pieces = layer_pieces(doc, set, doc_id, Layer::Entities, &mut warnings);
        for p in resolve_overlaps(doc, doc_id, pieces, &mut warnings) {
            line.entities.push((p.span.start, p.span.end, p.label));
        }
    }
    if options.has(Layer::Quotes) {
        let group = line.spans.entry("quote").or_default();
        for q in &set.quotes {
            for s in checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings) {
                group.push((s.start, s.end, kind_name(q.kind).to_owned()));
            }
        }
    }
    if options.has(Layer::Claims) {
        let group = line.spans.entry("claim").or_default();
        for c in &set.claims {
            for s in checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, &mut warnings) {
                group.push((s.start, s.end, CLAIM_TAG.to_owned()));
            }
        }
    }
    let written = line.entities.iter().chain(line.spans.values().flatten());
    for (start, end, label) in written {
        let span = Span::new(*start, *end);
        if let Some(problem) = misalignment(doc, span) {
            let reason = format!("{label}: {problem}; spaCy's strict char_span gives None");
            warnings.push(Warning::new(doc, doc_id, span, reason));
        }
    }
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    Ok(warnings)
}

/// Why `span` would not align with spaCy tokens, if it would not.
fn misalignment(doc: &Document, span: Span) -> Option<&'static str> {
    let text = doc.slice(span);
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        Some("starts or ends with white space")
    } else if !at_word_edge(doc, span.start) {
        Some("starts inside a word")
    } else if !at_word_edge(doc, span.end) {
        Some("ends inside a word")
    } else {
        None
    }
}
