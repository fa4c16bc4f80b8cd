//! Quote attribution and claim JSONL: one JSON object a line, for pandas or any JSON reader.
//!
//! Quotes: `{"doc", "id", "text", "spans": [[s, e], …], "kind", "cue": {"text", "spans"} | null,
//! "speaker": {"id", "text", "label", "spans"} | null, "note": … | null}`.
//!
//! Claims: `{"doc", "id", "text", "spans", "checkworthy": true | false | null,
//! "claimant": {"id", "text", "label", "spans"} | null, "quote": "<quote id>" | null,
//! "note"}`.
//!
//! Texts are read from the article under the spans (fragments joined by ` … `, as in the
//! annotation file); offsets are chars. A link to a missing annotation is written as `null`
//! and reported.

use std::io::Write;

use serde::Serialize;

use crate::model::{AnnotationSet, Checkworthy, Claim, Document, Quote, Span};

use super::spans::checked_fragments;
use super::{ExportError, Warning, kind_name};

#[derive(Serialize)]
struct Cue {
    text: String,
    spans: Vec<Span>,
}

#[derive(Serialize)]
struct EntityRef<'a> {
    id: &'a str,
    text: String,
    label: &'a str,
    spans: Vec<Span>,
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    doc: &'a str,
    id: &'a str,
    text: String,
    spans: Vec<Span>,
    kind: &'static str,
    cue: Option<Cue>,
    speaker: Option<EntityRef<'a>>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimLine<'a> {
    doc: &'a str,
    id: &'a str,
    text: String,
    spans: Vec<Span>,
    checkworthy: Option<bool>,
    claimant: Option<EntityRef<'a>>,
    quote: Option<&'a str>,
    note: Option<&'a str>,
}

/// What writing the lines of one document needs, and the warnings gathered on the way.
struct Lines<'a> {
    doc: &'a Document,
    set: &'a AnnotationSet,
    doc_id: &'a str,
    warnings: Vec<Warning>,
}

impl<'a> Lines<'a> {
    fn new(doc: &'a Document, set: &'a AnnotationSet, doc_id: &'a str) -> Self {
        Lines {
            doc,
            set,
            doc_id,
            warnings: Vec::new(),
        }
    }

    /// The fragments of annotation `id` that can be written (the others reported).
    fn fragments(&mut self, id: &str, spans: &[Span], text: &str) -> Vec<Span> {
        checked_fragments(self.doc, self.doc_id, id, spans, text, &mut self.warnings)
    }

    /// Reports that `from` links to the `kind` `id`, which does not exist.
    fn missing(&mut self, from: &str, kind: &str, id: &str) {
        self.warnings.push(Warning {
            doc_id: self.doc_id.to_owned(),
            span: Span::default(),
            text: String::new(),
            reason: format!("{from}: links to {kind} {id}, which does not exist; written as null"),
        });
    }

    /// The entity `id` as written in a line, or `None` (reported) when it does not exist.
    fn entity(&mut self, from: &str, id: &str) -> Option<EntityRef<'a>> {
        let Some(e) = self.set.entity(id) else {
            self.missing(from, "entity", id);
            return None;
        };
        let spans = self.fragments(&e.id, &e.spans, &e.text);
        Some(EntityRef {
            id: &e.id,
            text: self.doc.slice_fragments(&spans),
            label: &e.label,
            spans,
        })
    }

    /// The quote id `id` as written in a line, or `None` (reported) when it does not exist.
    fn quote(&mut self, from: &str, id: &'a str) -> Option<&'a str> {
        let found = self.set.quote(id).is_some();
        if !found {
            self.missing(from, "quote", id);
        }
        found.then_some(id)
    }

    /// Writes one JSON line per item of `items` whose fragments can be written, as `line`
    /// makes it from the item and those fragments; returns the warnings.
    fn write<T: Written, L: Serialize, W: Write + ?Sized>(
        mut self,
        items: &'a [T],
        line: fn(&mut Self, &'a T, Vec<Span>) -> L,
        out: &mut W,
    ) -> Result<Vec<Warning>, ExportError> {
        for item in items {
            let (id, spans, text) = item.written();
            let spans = self.fragments(id, spans, text);
            if spans.is_empty() {
                continue;
            }
            serde_json::to_writer(&mut *out, &line(&mut self, item, spans))?;
            writeln!(out)?;
        }
        Ok(self.warnings)
    }
}

/// What a quote-like or claim-like line starts from: the id, fragments and stored text.
trait Written {
    fn written(&self) -> (&str, &[Span], &str);
}

impl Written for Quote {
    fn written(&self) -> (&str, &[Span], &str) {
        (&self.id, &self.spans, &self.text)
    }
}

impl Written for Claim {
    fn written(&self) -> (&str, &[Span], &str) {
        (&self.id, &self.spans, &self.text)
    }
}

fn quote_line<'a>(lines: &mut Lines<'a>, q: &'a Quote, spans: Vec<Span>) -> QuoteLine<'a> {
    let cue = q.cue.as_ref().map(|cue| {
        let spans = lines.fragments(&format!("{} cue", q.id), &cue.spans, &cue.text);
        Cue {
            text: lines.doc.slice_fragments(&spans),
            spans,
        }
    });
    let speaker = q.speaker.as_deref().and_then(|id| lines.entity(&q.id, id));
    QuoteLine {
        doc: lines.doc_id,
        id: &q.id,
        text: lines.doc.slice_fragments(&spans),
        spans,
        kind: kind_name(q.kind),
        cue,
        speaker,
        note: q.note.as_deref(),
    }
}

fn claim_line<'a>(lines: &mut Lines<'a>, c: &'a Claim, spans: Vec<Span>) -> ClaimLine<'a> {
    let claimant = c.claimant.as_deref().and_then(|id| lines.entity(&c.id, id));
    let quote = c.quote.as_deref().and_then(|id| lines.quote(&c.id, id));
    ClaimLine {
        doc: lines.doc_id,
        id: &c.id,
        text: lines.doc.slice_fragments(&spans),
        spans,
        checkworthy: c.checkworthy.map(|v| v == Checkworthy::Yes),
        claimant,
        quote,
        note: c.note.as_deref(),
    }
}

/// Writes one JSON line per quote of the document.
pub fn write_quotes<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    Lines::new(doc, set, doc_id).write(&set.quotes, quote_line, out)
}

/// Writes one JSON line per claim of the document.
pub fn write_claims<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    Lines::new(doc, set, doc_id).write(&set.claims, claim_line, out)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::export::fixture::{chars, find_in, sample};

    fn lines(out: Vec<u8>) -> Vec<Value> {
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn slices(doc: &Document, spans: &Value) -> String {
        spans
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                chars(
                    doc,
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                )
            })
            .collect::<Vec<_>>()
            .join(" … ")
    }

    #[test]
    fn one_line_per_quote_with_cue_and_speaker() {
        let (doc, set) = sample();
        let mut out = Vec::new();
        let warnings = write_quotes(&doc, &set, "korut", &mut out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let lines = lines(out);
        assert_eq!(lines.len(), set.quotes.len());
        for (line, q) in lines.iter().zip(&set.quotes) {
            assert_eq!(line["doc"], "korut");
            assert_eq!(line["id"], q.id.as_str());
            assert_eq!(line["text"], q.text.as_str());
            assert_eq!(slices(&doc, &line["spans"]), q.text);
            assert_eq!(slices(&doc, &line["cue"]["spans"]), line["cue"]["text"]);
            let speaker = &line["speaker"];
            assert_eq!(slices(&doc, &speaker["spans"]), speaker["text"]);
            assert_eq!(speaker["label"], "PER");
        }
        let q2 = lines.iter().find(|l| l["id"] == "q2").unwrap();
        let ujar = find_in(&doc, "ujar", "ujarnya", 0);
        assert_eq!(
            q2["cue"],
            json!({"text": "ujar", "spans": [[ujar.start, ujar.end]]})
        );
        assert_eq!(q2["speaker"]["id"], "e9");
        assert_eq!(q2["speaker"]["text"], "Putin");
        assert_eq!(q2["kind"], "Direct");
        assert_eq!(q2["note"], Value::Null);
        let q3 = lines.iter().find(|l| l["id"] == "q3").unwrap();
        assert_eq!(q3["spans"].as_array().unwrap().len(), 2);
        assert_eq!(q3["kind"], "Mixed");
        assert_eq!(q3["note"], "dua bagian");
    }

    #[test]
    fn one_line_per_claim_with_claimant_and_quote() {
        let (doc, set) = sample();
        let mut out = Vec::new();
        let warnings = write_claims(&doc, &set, "korut", &mut out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let lines = lines(out);
        assert_eq!(lines.len(), 3);
        for (line, c) in lines.iter().zip(&set.claims) {
            assert_eq!(slices(&doc, &line["spans"]), c.text);
        }
        assert_eq!(lines[0]["checkworthy"], true);
        assert_eq!(lines[0]["claimant"]["text"], "AS");
        assert_eq!(lines[0]["claimant"]["label"], "GPE");
        assert_eq!(lines[0]["note"], "cek \"angka\"\tdari AS – Pentagon");
        assert_eq!(lines[1]["checkworthy"], false);
        assert_eq!(lines[1]["claimant"], Value::Null);
        assert!(
            lines[1]["text"]
                .as_str()
                .unwrap()
                .contains("Ukraina.\nDilansir")
        );
        assert_eq!(lines[2]["checkworthy"], Value::Null);
        assert_eq!(lines[2]["quote"], "q2");
        assert_eq!(lines[2]["claimant"]["id"], "e9");
    }

    #[test]
    fn dangling_links_are_null_and_reported() {
        let (doc, mut set) = sample();
        set.quotes[0].speaker = Some("e99".into());
        set.claims[2].quote = Some("q99".into());
        let mut out = Vec::new();
        let mut warnings = write_quotes(&doc, &set, "korut", &mut out).unwrap();
        warnings.extend(write_claims(&doc, &set, "korut", &mut out).unwrap());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let lines = lines(out);
        assert_eq!(lines[0]["speaker"], Value::Null);
        assert_eq!(lines[set.quotes.len() + 2]["quote"], Value::Null);
    }
}
