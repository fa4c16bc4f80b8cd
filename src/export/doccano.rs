//! doccano relation-extraction JSONL: one line per document,
//! `{"text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
//! [{"id", "from_id", "to_id", "type"}]}`.
//!
//! Entities keep their label; quotes are labelled `QUOTE-Direct`, `QUOTE-Indirect`,
//! `QUOTE-Mixed`, their cues `CUE`, claims `CLAIM`. doccano spans are contiguous, so each
//! fragment is its own entity; the first fragment stands for the annotation in relations and
//! every further fragment is tied to it by a `Fragment` relation (later → first). Relations:
//! `Speaker` (quote → entity), `Cue` (quote → cue), `Claimant` (claim → entity), `Source`
//! (claim → quote), then tandai's relations of any other type (from the first fragment of one
//! annotation to the first of the other), written only when both ends are exported. Ids are
//! integers from 1, unique within the line. Offsets are chars.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::model::{AnnotationSet, Document, Kept, Span};

use super::spans::checked_fragments;
use super::{CLAIM_TAG, ExportError, Layer, Options, Warning, kind_name};

/// The label of cues.
pub const CUE_LABEL: &str = "CUE";
/// The format name of what a doccano import keeps ([`crate::model::Kept::format`]).
pub const KEPT_FORMAT: &str = "doccano";
/// The keys of a line tandai reads; a doccano import keeps the others.
pub const KNOWN_KEYS: [&str; 3] = ["text", "entities", "relations"];

#[derive(Serialize)]
struct Entity {
    id: usize,
    start_offset: usize,
    end_offset: usize,
    label: String,
}

#[derive(Serialize)]
struct Relation {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    entities: Vec<Entity>,
    relations: Vec<Relation>,
}

impl Line<'_> {
    /// Adds the fragments as entities; returns the id of the first.
    fn add(&mut self, spans: &[Span], label: &str) -> Option<usize> {
        let mut first = None;
        for span in spans {
            let id = self.entities.len() + 1;
            self.entities.push(Entity {
                id,
                start_offset: span.start,
                end_offset: span.end,
                label: label.to_owned(),
            });
            match first {
                None => first = Some(id),
                Some(to) => self.relate("Fragment", Some(id), Some(to)),
            }
        }
        first
    }

    fn relate(&mut self, kind: &str, from: Option<usize>, to: Option<usize>) {
        if let (Some(from_id), Some(to_id)) = (from, to) {
            let id = self.relations.len() + 1;
            self.relations.push(Relation {
                id,
                from_id,
                to_id,
                kind: kind.to_owned(),
            });
        }
    }
}

/// Writes one document as one JSON line (the layers listed in `options`).
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
        relations: Vec::new(),
    };
    let mut id_of: HashMap<&str, usize> = HashMap::new();
    let mut cue_ids: HashMap<String, usize> = HashMap::new();
    if options.has(Layer::Entities) {
        for e in &set.entities {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, &mut warnings);
            if let Some(id) = line.add(&spans, &e.label) {
                id_of.insert(&e.id, id);
            }
        }
    }
    if options.has(Layer::Quotes) {
        for q in &set.quotes {
            let spans = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings);
            let label = format!("QUOTE-{}", kind_name(q.kind));
            let Some(id) = line.add(&spans, &label) else {
                continue;
            };
            id_of.insert(&q.id, id);
            if let Some(cue) = &q.cue {
                let cue_id = format!("{} cue", q.id);
                let spans =
                    checked_fragments(doc, doc_id, &cue_id, &cue.spans, &cue.text, &mut warnings);
                let cue = line.add(&spans, CUE_LABEL);
                line.relate("Cue", Some(id), cue);
                if let Some(cue) = cue {
                    cue_ids.insert(cue_id, cue);
                }
            }
            if let Some(speaker) = &q.speaker {
                line.relate("Speaker", Some(id), id_of.get(speaker.as_str()).copied());
            }
        }
    }
    if options.has(Layer::Claims) {
        for c in &set.claims {
            let spans = checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, &mut warnings);
            let Some(id) = line.add(&spans, CLAIM_TAG) else {
                continue;
            };
            if let Some(claimant) = &c.claimant {
                line.relate("Claimant", Some(id), id_of.get(claimant.as_str()).copied());
            }
            if let Some(quote) = &c.quote {
                line.relate("Source", Some(id), id_of.get(quote.as_str()).copied());
            }
            id_of.insert(&c.id, id);
        }
    }
    for r in &set.relations {
        let (from, to) = (id_of.get(r.from.as_str()), id_of.get(r.to.as_str()));
        line.relate(&r.kind, from.copied(), to.copied());
    }
    match Kept::of(&set.kept, KEPT_FORMAT) {
        None => serde_json::to_writer(&mut *out, &line)?,
        Some(kept) => {
            let now = |what: &str| {
                id_of
                    .get(what)
                    .copied()
                    .or_else(|| cue_ids.get(what).copied())
            };
            let ends: HashMap<&str, Option<usize>> = kept
                .ids
                .iter()
                .map(|o| (o.id.as_str(), now(&o.what)))
                .collect();
            let mut keys = Vec::new();
            for kept_line in &kept.lines {
                if kept_line.starts_with('"') {
                    keys.push(kept_line.as_str());
                    continue;
                }
                let relation: Value = serde_json::from_str(kept_line)?;
                let end = |k: &str| {
                    let id = relation.get(k).map(Value::to_string).unwrap_or_default();
                    ends.get(id.as_str()).copied().flatten()
                };
                match (end("from_id"), end("to_id"), relation["type"].as_str()) {
                    (Some(from), Some(to), Some(kind)) => line.relate(kind, Some(from), Some(to)),
                    _ => warnings.push(Warning {
                        doc_id: doc_id.to_owned(),
                        span: Span::default(),
                        text: String::new(),
                        reason: format!(
                            "a relation kept from the doccano import names an annotation \
                             deleted in tandai (or not exported): left out ({kept_line})"
                        ),
                    }),
                }
            }
            let mut text = serde_json::to_string(&line)?;
            text.pop();
            for key in keys {
                text.push(',');
                text.push_str(key);
            }
            text.push('}');
            out.write_all(text.as_bytes())?;
        }
    }
    writeln!(out)?;
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde_json::Value;

    use super::*;
    use crate::export::fixture::{chars, sample};

    #[test]
    fn offsets_slice_the_text_and_relations_link_the_right_labels() {
        let (doc, set) = sample();
        let mut out = Vec::new();
        let warnings = write(&doc, &set, "korut", &Options::default(), &mut out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let line: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(line["text"], doc.text());
        let mut label_of: HashMap<u64, String> = HashMap::new();
        let mut stored: Vec<String> = set.entities.iter().map(|e| e.text.to_string()).collect();
        stored.extend(set.claims.iter().map(|c| c.text.to_string()));
        for q in &set.quotes {
            stored.extend(q.text.split(" … ").map(String::from));
            stored.extend(q.cue.iter().map(|c| c.text.to_string()));
        }
        for e in line["entities"].as_array().unwrap() {
            let (s, end) = (
                e["start_offset"].as_u64().unwrap(),
                e["end_offset"].as_u64().unwrap(),
            );
            let slice = chars(&doc, s as usize, end as usize);
            assert!(stored.contains(&slice), "{slice:?} is no stored text");
            let id = e["id"].as_u64().unwrap();
            assert!(
                label_of
                    .insert(id, e["label"].as_str().unwrap().into())
                    .is_none()
            );
        }
        // 11 entities, 5 quote fragments, 4 cues, 3 claims.
        assert_eq!(label_of.len(), 23);
        let mut relations: Vec<(String, String, String)> = line["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let end = |k: &str| label_of[&r[k].as_u64().unwrap()].clone();
                (
                    r["type"].as_str().unwrap().into(),
                    end("from_id"),
                    end("to_id"),
                )
            })
            .collect();
        relations.sort();
        let r = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
        assert_eq!(
            relations,
            [
                r("Claimant", "CLAIM", "GPE"),
                r("Claimant", "CLAIM", "PER"),
                r("Cue", "QUOTE-Direct", "CUE"),
                r("Cue", "QUOTE-Direct", "CUE"),
                r("Cue", "QUOTE-Indirect", "CUE"),
                r("Cue", "QUOTE-Mixed", "CUE"),
                r("Fragment", "QUOTE-Mixed", "QUOTE-Mixed"),
                r("Source", "CLAIM", "QUOTE-Direct"),
                r("Speaker", "QUOTE-Direct", "PER"),
                r("Speaker", "QUOTE-Direct", "PER"),
                r("Speaker", "QUOTE-Indirect", "PER"),
                r("Speaker", "QUOTE-Mixed", "PER"),
            ]
        );
    }
}
