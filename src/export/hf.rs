//! Hugging Face token classification JSONL: `{"id", "tokens", "ner_tags"}` per block.
//!
//! `ner_tags` are indices into [`label_names`], which the caller writes once as
//! `label_names.json` (a JSON list) for `datasets.ClassLabel(names=…)`. The names depend only
//! on the label list given (the label set's order) and the scheme, never on the data, so ids
//! are the same across runs and corpora.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::model::{AnnotationSet, Document};

use super::bio::{OUTSIDE, tag_document_each};
use super::{ExportError, Layer, Options, Scheme, Warning};

/// The tag names, index = tag id: `O`, then for each label in order `B-`, `I-` (and `E-`,
/// `S-` for BIOES). A label listed twice counts once, at its first place.
pub fn label_names(labels: &[String], scheme: Scheme) -> Vec<String> {
    let mut unique: Vec<&String> = Vec::with_capacity(labels.len());
    for label in labels {
        if !unique.contains(&label) {
            unique.push(label);
        }
    }
    let prefixes: &[&str] = match scheme {
        Scheme::Iob2 | Scheme::Iob1 => &["B", "I"],
        Scheme::Bioes => &["B", "I", "E", "S"],
        Scheme::Bilou => &["B", "I", "L", "U"],
    };
    std::iter::once(OUTSIDE.to_owned())
        .chain(
            unique
                .into_iter()
                .flat_map(|l| prefixes.iter().map(move |p| format!("{p}-{l}"))),
        )
        .collect()
}

#[derive(Serialize)]
struct Row<'a> {
    id: String,
    tokens: Vec<&'a str>,
    ner_tags: Vec<usize>,
}

/// Writes `layer` of one document, one JSON line per block, ids `<doc_id>-<n>` with `n` the
/// block number (see [`super::bio::TaggedUnit::number`]).
///
/// Tag ids come from [`label_names`] of `layer.tag_labels(&options.labels)`; a span whose
/// label is not in that list is dropped (its tokens become `O`) and reported.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    layer: Layer,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let labels = layer.tag_labels(&options.labels);
    // A tag's id by its prefix and label, looked up without building the tag's name.
    let mut ids: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, name) in label_names(&labels, options.scheme)
        .iter()
        .enumerate()
        .skip(1)
    {
        let (prefix, label) = name.split_once('-').expect("a tag name is PREFIX-LABEL");
        let label = labels
            .iter()
            .find(|l| *l == label)
            .expect("named from the labels");
        let prefix = ["B", "I", "E", "S", "L", "U"]
            .into_iter()
            .find(|p| *p == prefix)
            .expect("a known prefix");
        ids.entry((prefix, label.as_str())).or_insert(i);
    }
    let mut warnings = Vec::new();
    let unknown = |label: &str| !labels.iter().any(|l| l == label);
    let known: Cow<AnnotationSet> =
        if layer == Layer::Entities && set.entities.iter().any(|e| unknown(&e.label)) {
            let mut known = set.clone();
            known.entities.retain(|e| {
                if unknown(&e.label) {
                    let span = crate::model::span::hull(&e.spans).unwrap_or_default();
                    warnings.push(Warning::new(
                        doc,
                        doc_id,
                        span,
                        format!(
                            "{}: dropped, label {} is not in the label names",
                            e.id, e.label
                        ),
                    ));
                    return false;
                }
                true
            });
            Cow::Owned(known)
        } else {
            Cow::Borrowed(set)
        };
    let tag_warnings = tag_document_each(doc, &known, doc_id, layer, options, |unit| {
        let row = Row {
            id: format!("{doc_id}-{}", unit.number),
            tokens: unit.tokens.iter().map(|t| t.text).collect(),
            ner_tags: unit
                .tags
                .iter()
                .map(|t| match t.prefix {
                    None => 0,
                    Some(prefix) => ids[&(prefix, t.label)],
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
        Ok::<(), ExportError>(())
    })?;
    warnings.extend(tag_warnings);
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_given_order() {
        let labels = vec!["PER".to_owned(), "ORG".to_owned()];
        assert_eq!(
            label_names(&labels, Scheme::Iob2),
            ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
        );
        assert_eq!(
            label_names(&labels, Scheme::Bioes),
            [
                "O", "B-PER", "I-PER", "E-PER", "S-PER", "B-ORG", "I-ORG", "E-ORG", "S-ORG"
            ]
        );
    }
}

#[cfg(test)]
mod sample_tests {
    use serde_json::Value;

    use super::*;
    use crate::export::conll;
    use crate::export::fixture::{labels, sample};

    fn rows(out: &[u8]) -> Vec<Value> {
        String::from_utf8(out.to_vec())
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn ids_map_through_label_names_to_the_conll_tags() {
        let (doc, set) = sample();
        for scheme in [Scheme::Iob2, Scheme::Bioes] {
            let options = Options {
                scheme,
                labels: labels(),
                ..Options::layer(Layer::Entities)
            };
            let names = label_names(&labels(), scheme);
            let mut out = Vec::new();
            write(&doc, &set, "korut", Layer::Entities, &options, &mut out).unwrap();
            let mut from_hf = Vec::new();
            let mut ids = Vec::new();
            for row in rows(&out) {
                ids.push(row["id"].as_str().unwrap().to_owned());
                let tokens = row["tokens"].as_array().unwrap();
                let tags = row["ner_tags"].as_array().unwrap();
                assert_eq!(tokens.len(), tags.len());
                for (token, tag) in tokens.iter().zip(tags) {
                    let name = &names[tag.as_u64().unwrap() as usize];
                    from_hf.push(format!("{} -X- _ {name}", token.as_str().unwrap()));
                }
            }
            let mut conll_out = Vec::new();
            conll::write(
                &doc,
                &set,
                "korut",
                Layer::Entities,
                &options,
                &mut conll_out,
            )
            .unwrap();
            let conll_text = String::from_utf8(conll_out).unwrap();
            let from_conll: Vec<&str> = conll_text
                .lines()
                .skip(1)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(from_hf, from_conll);
            assert!(from_hf.iter().any(|l| l.ends_with("B-ORG")));
            // Ids are unique and stable: block numbers count the paragraphs left out.
            assert!(ids.iter().all(|id| id.starts_with("korut-")));
            let mut unique = ids.clone();
            unique.dedup();
            assert_eq!(unique, ids);
            assert_eq!(ids[0], "korut-0");
            assert_ne!(ids[ids.len() - 1], format!("korut-{}", ids.len() - 1));
        }
    }

    #[test]
    fn labels_missing_from_the_names_are_dropped_and_reported() {
        let (doc, set) = sample();
        let options = Options {
            labels: vec!["PER".into(), "GPE".into()],
            ..Options::layer(Layer::Entities)
        };
        let mut out = Vec::new();
        let warnings = write(&doc, &set, "korut", Layer::Entities, &options, &mut out).unwrap();
        let orgs = set.entities.iter().filter(|e| e.label == "ORG").count();
        let dropped = warnings
            .iter()
            .filter(|w| w.reason.contains("label ORG"))
            .count();
        assert_eq!(dropped, orgs);
        let max = rows(&out)
            .iter()
            .flat_map(|r| r["ner_tags"].as_array().unwrap().clone())
            .map(|t| t.as_u64().unwrap())
            .max();
        assert_eq!(max, Some(4));
    }

    #[test]
    fn quote_layer_uses_the_quote_tag() {
        let (doc, set) = sample();
        let names = label_names(&Layer::Quotes.tag_labels(&labels()), Scheme::Iob2);
        assert_eq!(names, ["O", "B-QUOTE", "I-QUOTE"]);
        let mut out = Vec::new();
        let options = Options::layer(Layer::Quotes);
        write(&doc, &set, "korut", Layer::Quotes, &options, &mut out).unwrap();
        let begins = rows(&out)
            .iter()
            .flat_map(|r| r["ner_tags"].as_array().unwrap().clone())
            .filter(|t| t == 1)
            .count();
        assert_eq!(begins, 5);
    }
}
