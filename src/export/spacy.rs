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

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::export::fixture::{chars, find, find_in, sample};

    fn run(doc: &Document, set: &AnnotationSet, options: &Options) -> (Value, Vec<Warning>) {
        let mut out = Vec::new();
        let warnings = write(doc, set, "korut", options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches('\n').count(), 1, "one line per document");
        assert!(text.contains("“Kami"), "non-ASCII kept as is");
        (serde_json::from_str(&text).unwrap(), warnings)
    }

    fn entries(value: &Value) -> Vec<(usize, usize, String)> {
        serde_json::from_value(value.clone()).unwrap()
    }

    #[test]
    fn every_offset_slices_the_text_to_the_stored_text() {
        let (doc, set) = sample();
        let (line, warnings) = run(&doc, &set, &Options::default());
        assert_eq!(line["text"], doc.text());
        let ents = entries(&line["entities"]);
        assert_eq!(ents.len(), set.entities.len() - 1, "e2 dropped");
        for (s, e, label) in &ents {
            let entity = set
                .entities
                .iter()
                .find(|x| x.spans == [Span::new(*s, *e)])
                .unwrap();
            assert_eq!(&entity.label, label);
            assert_eq!(chars(&doc, *s, *e), entity.text);
        }
        let quotes = entries(&line["spans"]["quote"]);
        assert_eq!(quotes.len(), 5, "q3's two fragments are two entries");
        for (s, e, kind) in &quotes {
            let q = set
                .quotes
                .iter()
                .find(|q| q.spans.contains(&Span::new(*s, *e)))
                .unwrap();
            assert_eq!(kind, kind_name(q.kind));
            assert!(q.text.contains(&chars(&doc, *s, *e)));
        }
        let claims = entries(&line["spans"]["claim"]);
        assert_eq!(claims.len(), 3);
        for ((s, e, label), c) in claims.iter().zip(&set.claims) {
            assert_eq!(label, "CLAIM");
            assert_eq!(chars(&doc, *s, *e), c.text);
        }
        let reported: Vec<Span> = warnings.iter().map(|w| w.span).collect();
        assert_eq!(
            reported,
            [
                find(&doc, "Korea Utara", 0),
                find_in(&doc, "Barat", "Baratlah", 0)
            ],
            "{warnings:?}"
        );
        assert!(warnings[1].reason.contains("ends inside a word"));
    }

    #[test]
    fn only_chosen_layers_are_written() {
        let (doc, set) = sample();
        let (line, _) = run(&doc, &set, &Options::layer(Layer::Quotes));
        assert_eq!(line["entities"], Value::Array(Vec::new()));
        assert!(line["spans"]["quote"].is_array());
        assert!(line["spans"].get("claim").is_none());
    }

    #[test]
    fn spans_on_white_space_are_reported() {
        let doc = Document::new("Kata Putin hari ini.");
        let mut set = AnnotationSet::new(1);
        set.entities.push(crate::model::Entity {
            id: "e1".into(),
            label: "PER".into(),
            spans: vec![Span::new(4, 10)],
            text: " Putin".into(),
            note: None,
            review: Default::default(),
        });
        let (_, warnings) = run_plain(&doc, &set);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].reason.contains("white space"));
    }

    fn run_plain(doc: &Document, set: &AnnotationSet) -> (String, Vec<Warning>) {
        let mut out = Vec::new();
        let warnings = write(doc, set, "d", &Options::default(), &mut out).unwrap();
        (String::from_utf8(out).unwrap(), warnings)
    }
}
