//! spaCy character-offset JSONL in: one document per line, `<file stem>-<n>` in line order.
//!
//! Each line is `{"text", "entities": [[start, end, "LABEL"], …], "spans": {"quote": [[start,
//! end, "Direct"], …], "claim": [[start, end, "CLAIM"], …]}}`, as
//! [`crate::export::spacy`] writes it (`words`, `spaces` and other keys are ignored). Every
//! entry becomes its own annotation (spaCy has no fragments nor links): an entity with its
//! label, a quote of the kind given by its label, a claim. Every entry of another span group
//! (any name) is kept as it was (a kept line `["GROUP",start,end,"LABEL"]` of format `spacy`)
//! and written back by the export. A quote label other than a kind is an error naming the
//! line.

use std::path::Path;

use serde_json::Value;

use crate::model::{AnnotationSet, Document, Kept, Span};

use super::{Builder, ImportError, Imported, numbered_names, quote_kind, read_text};

/// Reads every line of a spaCy JSONL file.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    parse(path, &read_text(path)?)
}

/// Reads every line of `source`, the text of the spaCy JSONL file `path` (which names the
/// documents and the errors).
pub fn parse(path: &Path, source: &str) -> Result<Vec<Imported>, ImportError> {
    let docs = super::lines::parse_lines(path, source, parse_line)?;
    let names = numbered_names(path, docs.len());
    Ok(docs
        .into_iter()
        .zip(names)
        .map(|((doc, set), name)| Imported { name, doc, set })
        .collect())
}

/// The `[start, end, label]` entries of `value` (absent: none).
fn entries(value: Option<&Value>, what: &str) -> Result<Vec<(Span, String)>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let list = value
        .as_array()
        .ok_or_else(|| format!("{what} is not a list"))?;
    list.iter()
        .map(|entry| {
            let bad = || format!("{what}: {entry} is not [start, end, \"LABEL\"]");
            let a = entry.as_array().filter(|a| a.len() == 3).ok_or_else(bad)?;
            let start = a[0].as_u64().ok_or_else(bad)? as usize;
            let end = a[1].as_u64().ok_or_else(bad)? as usize;
            let label = a[2].as_str().ok_or_else(bad)?.to_owned();
            Ok((Span::new(start, end), label))
        })
        .collect()
}

fn parse_line(line: &str) -> Result<(Document, AnnotationSet), String> {
    let value: Value =
        serde_json::from_str(line).map_err(|e| super::lines::invalid_json(line, &e))?;
    let text = value["text"].as_str().ok_or("no \"text\" string")?;
    let doc = Document::new(text);
    let mut b = Builder::new(&doc);
    for (span, label) in entries(value.get("entities"), "entities")? {
        let spans = b.spans(vec![span])?;
        b.entity(&label, spans);
    }
    if let Some(groups) = value.get("spans") {
        let groups = groups.as_object().ok_or("\"spans\" is not an object")?;
        let mut kept = Kept {
            format: crate::export::spacy::FORMAT.into(),
            ..Kept::default()
        };
        for (name, list) in groups
            .iter()
            .filter(|(k, _)| *k != "quote" && *k != "claim")
        {
            for (span, label) in entries(Some(list), &format!("spans.{name}"))? {
                b.spans(vec![span])?;
                let line = serde_json::json!([name, span.start, span.end, label]).to_string();
                kept.lines.push(line.into());
            }
        }
        if !kept.is_empty() {
            b.set.kept.push(kept);
        }
        for (span, label) in entries(groups.get("quote"), "spans.quote")? {
            let kind = quote_kind(&label)
                .ok_or_else(|| format!("quote label {label:?} is not Direct, Indirect or Mixed"))?;
            let spans = b.spans(vec![span])?;
            b.quote(kind, spans);
        }
        for (span, _) in entries(groups.get("claim"), "spans.claim")? {
            let spans = b.spans(vec![span])?;
            b.claim(spans);
        }
    }
    let set = b.finish();
    Ok((doc, set))
}
