//! citron's quote JSON (BBC R&D's quote extraction and attribution system): one file per
//! document, `OUT/<id>.json`.
//!
//! ```json
//! {"text": "<the article>",
//! "quotes": [
//! {"id": "q1", "cue": {"start": 64, "end": 74, "text": "menyatakan"},
//!  "sources": [{"start": 41, "end": 53, "text": "Choe Son Hui"}],
//!  "contents": [{"start": 81, "end": 140, "text": "…"}], "coreferences": [],
//!  "kind": "Indirect", "speaker": {"id": "e4", "label": "PER"}}
//! ]}
//! ```
//!
//! citron's fields: `text`; per quote `cue` (one span), `sources` (the speaker's spans: the
//! fragments of the quote's speaker entity), `contents` (the quote's fragments),
//! `coreferences` (always empty: tandai has no coreference), and its optional `id`. A span is
//! `{"start", "end", "text"}` in characters (Python `str` indices), the text read from the
//! article. tandai's own fields, which citron ignores: `kind` (`Direct`, `Indirect`, `Mixed`),
//! `speaker` (`{"id", "label"}` of the speaker entity), `cue_spans` (every fragment of a cue
//! of several; `cue` is then their hull) and `note`. A quote without a cue writes `"cue":
//! null`. One quote a line, in the set's order, so the files diff well.
//!
//! Entities that speak no quote, claims and paragraph statuses are not citron's and are not
//! written; [`crate::import`]'s citron reader reads everything written here back.

use std::io::Write;

use serde::Serialize;

use crate::model::{AnnotationSet, Document, Span};

use super::spans::checked_fragments;
use super::{ExportError, Warning, kind_name};

/// A span as citron writes it.
#[derive(Serialize)]
struct CitronSpan<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Speaker<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct CitronQuote<'a> {
    id: &'a str,
    cue: Option<CitronSpan<'a>>,
    sources: Vec<CitronSpan<'a>>,
    contents: Vec<CitronSpan<'a>>,
    coreferences: [(); 0],
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<Speaker<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue_spans: Option<Vec<CitronSpan<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn citron_spans<'a>(doc: &'a Document, spans: &[Span]) -> Vec<CitronSpan<'a>> {
    spans
        .iter()
        .map(|&s| CitronSpan {
            start: s.start,
            end: s.end,
            text: doc.slice(s),
        })
        .collect()
}

/// Writes one document as a citron object; returns what was dropped (fragments that do not fit
/// the article, a speaker that does not exist).
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    out.write_all(b"{\"text\": ")?;
    serde_json::to_writer(&mut *out, doc.text())?;
    out.write_all(b",\n\"quotes\": [")?;
    let mut first = true;
    for q in &set.quotes {
        let contents = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings);
        if contents.is_empty() {
            continue;
        }
        let cue_fragments = q.cue.as_ref().map(|cue| {
            let id = format!("{} cue", q.id);
            checked_fragments(doc, doc_id, &id, &cue.spans, &cue.text, &mut warnings)
        });
        let cue_fragments = cue_fragments.filter(|f| !f.is_empty());
        let cue_hull = cue_fragments
            .as_deref()
            .and_then(crate::model::span::hull)
            .map(|h| citron_spans(doc, &[h]).remove(0));
        let entity = q.speaker.as_deref().and_then(|id| {
            let found = set.entity(id);
            if found.is_none() {
                warnings.push(Warning {
                    doc_id: doc_id.to_owned(),
                    span: Span::default(),
                    text: String::new(),
                    reason: format!("{}: speaker {id} does not exist; no sources", q.id),
                });
            }
            found
        });
        let sources = entity.map_or_else(Vec::new, |e| {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, &mut warnings);
            citron_spans(doc, &spans)
        });
        let line = CitronQuote {
            id: &q.id,
            cue: cue_hull,
            sources,
            contents: citron_spans(doc, &contents),
            coreferences: [],
            kind: kind_name(q.kind),
            speaker: entity.map(|e| Speaker {
                id: &e.id,
                label: &e.label,
            }),
            cue_spans: cue_fragments
                .filter(|f| f.len() > 1)
                .map(|f| citron_spans(doc, &f)),
            note: q.note.as_deref(),
        };
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut *out, &line)?;
    }
    out.write_all(if first { b"]}\n" } else { b"\n]}\n" })?;
    Ok(warnings)
}
