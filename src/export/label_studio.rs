//! Label Studio JSON: one task per document, the tasks of a corpus in one JSON array.
//!
//! ```text
//! {"data": {"text": "…", "tandai_id": "sub/a"},
//!  "annotations": [{"result": [
//!    {"id": "e1", "from_name": "entity", "to_name": "text", "type": "labels",
//!     "value": {"start": 0, "end": 6, "text": "Moskwa", "labels": ["LOC"]}},
//!    {"id": "q1", "from_name": "quote", …, "value": {…, "labels": ["Direct"]}},
//!    {"id": "q1-cue", "from_name": "cue", …, "value": {…, "labels": ["Cue"]}},
//!    {"id": "c1", "from_name": "claim", …, "value": {…, "labels": ["Claim"]}},
//!    {"id": "c1", "from_name": "checkworthy", "to_name": "text", "type": "choices",
//!     "value": {"start": …, "end": …, "choices": ["Yes"]}},
//!    {"id": "e1", "from_name": "note", "to_name": "text", "type": "textarea",
//!     "value": {"start": …, "end": …, "text": ["the note"]}},
//!    {"from_id": "q1", "to_id": "e1", "type": "relation", "direction": "right",
//!     "labels": ["Speaker"]}]}]}
//! ```
//!
//! A region's id is the annotation's id; a quote's cue is the region `<quote id>-cue`. Label
//! Studio regions are contiguous, so a further fragment of an annotation is its own region
//! `<id>-2`, `<id>-3`, … with the same labels, tied to the first by a `Fragment` relation.
//! Links are relations: `Speaker` (quote → entity), `Cue` (quote → cue), `Claimant` (claim →
//! entity), `Source` (claim → quote); any other relation between two exported annotations
//! ([`crate::model::Relation`]) is a relation labelled with its kind (its note, if any, is left
//! out with a warning). A claim's check-worthiness and any annotation's note are
//! per-region results (`choices` and `textarea`) with the region's id, as Label Studio writes
//! them for `perRegion` tags. The labeling config these names fit is [`label_config`].
//!
//! Offsets are Unicode code points (what Label Studio's current versions store and what Python
//! indexes by); `value.text` is the text under the region, so a reader can check them.
//!
//! [`write`] writes one task on one line; the format's [`Framing`](super::Framing) (the one
//! spaCy's v2 JSON has) puts the lines of a corpus between `[` and `]`, separated by commas, so
//! task N is on line N + 1 of the file.

use std::collections::HashSet;
use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use super::spans::checked_fragments;
use super::{ExportError, Layer, Options, Warning, kind_name};
use crate::model::{AnnotationSet, Checkworthy, Document, Span};

/// The name of the text object results point at (`to_name`).
pub const TEXT_NAME: &str = "text";
/// `from_name` of entity regions.
pub const ENTITY_FROM: &str = "entity";
/// `from_name` of quote regions (labels: the kind).
pub const QUOTE_FROM: &str = "quote";
/// `from_name` of cue regions.
pub const CUE_FROM: &str = "cue";
/// `from_name` of claim regions.
pub const CLAIM_FROM: &str = "claim";
/// `from_name` of a claim's check-worthiness (`Yes` / `No`).
pub const CHECKWORTHY_FROM: &str = "checkworthy";
/// `from_name` of an annotation's note.
pub const NOTE_FROM: &str = "note";
/// The label of cue regions.
pub const CUE_LABEL: &str = "Cue";
/// The label of claim regions.
pub const CLAIM_LABEL: &str = "Claim";
/// The key of `data` holding the document's id.
pub const ID_KEY: &str = "tandai_id";

#[derive(Serialize)]
struct Task<'a> {
    data: Data<'a>,
    annotations: [Annotation; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    tandai_id: &'a str,
}

#[derive(Serialize)]
struct Annotation {
    result: Vec<Value>,
}

struct Results {
    regions: Vec<Value>,
    extras: Vec<Value>,
    relations: Vec<Value>,
}

impl Results {
    /// Adds the regions of an annotation; returns whether any was written.
    fn regions(
        &mut self,
        id: &str,
        from: &str,
        label: &str,
        spans: &[Span],
        doc: &Document,
    ) -> bool {
        for (i, span) in spans.iter().enumerate() {
            let region = if i == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", i + 1)
            };
            self.regions.push(json!({
                "id": region,
                "from_name": from,
                "to_name": TEXT_NAME,
                "type": "labels",
                "value": {
                    "start": span.start,
                    "end": span.end,
                    "text": doc.slice(*span),
                    "labels": [label],
                },
            }));
            if i > 0 {
                self.relate(&region, id, "Fragment");
            }
        }
        !spans.is_empty()
    }

    fn relate(&mut self, from: &str, to: &str, label: &str) {
        self.relations.push(json!({
            "from_id": from,
            "to_id": to,
            "type": "relation",
            "direction": "right",
            "labels": [label],
        }));
    }

    fn note(&mut self, id: &str, span: Span, note: Option<&str>) {
        if let Some(note) = note {
            self.extras.push(json!({
                "id": id,
                "from_name": NOTE_FROM,
                "to_name": TEXT_NAME,
                "type": "textarea",
                "value": {"start": span.start, "end": span.end, "text": [note]},
            }));
        }
    }
}

/// Writes one document as one task on one line.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let mut r = Results {
        regions: Vec::new(),
        extras: Vec::new(),
        relations: Vec::new(),
    };
    let mut written: HashSet<&str> = HashSet::new();
    if options.has(Layer::Entities) {
        for e in &set.entities {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, &mut warnings);
            if r.regions(&e.id, ENTITY_FROM, &e.label, &spans, doc) {
                written.insert(&e.id);
                r.note(&e.id, spans[0], e.note.as_deref());
            }
        }
    }
    let exported = |written: &HashSet<&str>, id: &str| written.contains(id);
    if options.has(Layer::Quotes) {
        for q in &set.quotes {
            let spans = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings);
            if !r.regions(&q.id, QUOTE_FROM, kind_name(q.kind), &spans, doc) {
                continue;
            }
            written.insert(&q.id);
            r.note(&q.id, spans[0], q.note.as_deref());
            if let Some(cue) = &q.cue {
                let cue_id = format!("{}-cue", q.id);
                let spans =
                    checked_fragments(doc, doc_id, &cue_id, &cue.spans, &cue.text, &mut warnings);
                if r.regions(&cue_id, CUE_FROM, CUE_LABEL, &spans, doc) {
                    r.relate(&q.id, &cue_id, "Cue");
                }
            }
            if let Some(speaker) = q.speaker.as_deref().filter(|s| exported(&written, s)) {
                r.relate(&q.id, speaker, "Speaker");
            }
        }
    }
    if options.has(Layer::Claims) {
        for c in &set.claims {
            let spans = checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, &mut warnings);
            if !r.regions(&c.id, CLAIM_FROM, CLAIM_LABEL, &spans, doc) {
                continue;
            }
            written.insert(&c.id);
            if let Some(value) = c.checkworthy {
                let choice = match value {
                    Checkworthy::Yes => "Yes",
                    Checkworthy::No => "No",
                };
                r.extras.push(json!({
                    "id": c.id.as_str(),
                    "from_name": CHECKWORTHY_FROM,
                    "to_name": TEXT_NAME,
                    "type": "choices",
                    "value": {"start": spans[0].start, "end": spans[0].end, "choices": [choice]},
                }));
            }
            r.note(&c.id, spans[0], c.note.as_deref());
            if let Some(claimant) = c.claimant.as_deref().filter(|s| exported(&written, s)) {
                r.relate(&c.id, claimant, "Claimant");
            }
            if let Some(quote) = c.quote.as_deref().filter(|s| exported(&written, s)) {
                r.relate(&c.id, quote, "Source");
            }
        }
    }
    for rel in &set.relations {
        if exported(&written, &rel.from) && exported(&written, &rel.to) {
            r.relate(&rel.from, &rel.to, &rel.kind);
            if rel.note.is_some() {
                let span = Span::default();
                warnings.push(Warning {
                    doc_id: doc_id.to_owned(),
                    span,
                    text: String::new(),
                    reason: format!(
                        "{}: its note is left out (Label Studio relations hold none)",
                        rel.id
                    ),
                });
            }
        }
    }
    let mut result = r.regions;
    result.extend(r.extras);
    result.extend(r.relations);
    let task = Task {
        data: Data {
            text: doc.text(),
            tandai_id: doc_id,
        },
        annotations: [Annotation { result }],
    };
    serde_json::to_writer(&mut *out, &task)?;
    out.write_all(b"\n")?;
    Ok(warnings)
}

/// A Label Studio labeling config (XML) under which the exported tasks load: the text, the
/// entity labels `entity_labels`, the quote kinds, cues, claims, tandai's links and the
/// relation kinds `relation_kinds` as relations, and the per-region check-worthiness and note.
pub fn label_config(entity_labels: &[String], relation_kinds: &[String]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let labels = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("    <Label value=\"{}\"/>\n", escape(n)))
            .collect::<String>()
    };
    let entities: Vec<&str> = entity_labels.iter().map(String::as_str).collect();
    format!(
        "<View>\n\
         \x20 <Relations>\n{relations}  </Relations>\n\
         \x20 <Labels name=\"{ENTITY_FROM}\" toName=\"{TEXT_NAME}\">\n{entities}  </Labels>\n\
         \x20 <Labels name=\"{QUOTE_FROM}\" toName=\"{TEXT_NAME}\">\n{quotes}  </Labels>\n\
         \x20 <Labels name=\"{CUE_FROM}\" toName=\"{TEXT_NAME}\">\n{cue}  </Labels>\n\
         \x20 <Labels name=\"{CLAIM_FROM}\" toName=\"{TEXT_NAME}\">\n{claim}  </Labels>\n\
         \x20 <Text name=\"{TEXT_NAME}\" value=\"$text\"/>\n\
         \x20 <Choices name=\"{CHECKWORTHY_FROM}\" toName=\"{TEXT_NAME}\" perRegion=\"true\">\n\
         \x20   <Choice value=\"Yes\"/>\n    <Choice value=\"No\"/>\n  </Choices>\n\
         \x20 <TextArea name=\"{NOTE_FROM}\" toName=\"{TEXT_NAME}\" perRegion=\"true\"/>\n\
         </View>\n",
        relations = ["Speaker", "Cue", "Claimant", "Source", "Fragment"]
            .into_iter()
            .chain(
                relation_kinds
                    .iter()
                    .map(String::as_str)
                    .filter(|k| !["Speaker", "Cue", "Claimant", "Source", "Fragment"].contains(k)),
            )
            .map(|n| format!("    <Relation value=\"{}\"/>\n", escape(n)))
            .collect::<String>(),
        entities = labels(&entities),
        quotes = labels(&["Direct", "Indirect", "Mixed"]),
        cue = labels(&[CUE_LABEL]),
        claim = labels(&[CLAIM_LABEL]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn one_task_per_line_with_regions_links_and_code_point_offsets() {
        let (doc, set) = fixture::sample();
        let mut out = Vec::new();
        let warnings = write(&doc, &set, "korut", &Options::default(), &mut out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let task: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(task["data"]["tandai_id"], "korut");
        let result = task["annotations"][0]["result"].as_array().unwrap();
        let chars: Vec<char> = doc.text().chars().collect();
        for r in result.iter().filter(|r| r["type"] == "labels") {
            let (start, end) = (
                r["value"]["start"].as_u64().unwrap() as usize,
                r["value"]["end"].as_u64().unwrap() as usize,
            );
            let under: String = chars[start..end].iter().collect();
            assert_eq!(r["value"]["text"], under.as_str());
        }
        for r in result.iter().filter(|r| r["type"] == "relation") {
            for end in ["from_id", "to_id"] {
                assert!(
                    result
                        .iter()
                        .any(|x| x["type"] == "labels" && x["id"] == r[end]),
                    "{r}"
                );
            }
        }
        assert!(result.iter().any(|r| r["labels"][0] == "Speaker"));
    }

    #[test]
    fn the_config_names_every_label() {
        let config = label_config(&["PER".into(), "A&B".into()], &["Cause".into()]);
        assert!(config.contains("<Relation value=\"Cause\"/>"));
        assert!(config.contains("<Label value=\"PER\"/>"));
        assert!(config.contains("<Label value=\"A&amp;B\"/>"));
        assert!(config.contains("perRegion=\"true\""));
    }
}
