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
//! [`write()`] writes one task on one line; the format's [`Framing`](super::Framing) (the one
//! spaCy's v2 JSON has) puts the lines of a corpus between `[` and `]`, separated by commas, so
//! task N is on line N + 1 of the file.

mod controls;
mod kept;
mod plain;

pub use controls::AttributeControls;

use std::collections::HashSet;
use std::io::Write;

use serde_json::{Value, json};

use super::spans::checked_fragments;
use super::{ExportError, Layer, Options, Warning, kind_name};
use crate::model::{AnnotationSet, Attribute, Checkworthy, Document, Kept, Span};

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

/// The separator of several choices in one attribute value (`choices: ["a", "b"]` ↔ `a|b`).
pub const CHOICE_SEPARATOR: &str = "|";
/// The format name of what a Label Studio import keeps ([`crate::model::Kept::format`]).
pub const KEPT_FORMAT: &str = "label-studio";

/// The value an attribute takes from a per-region result of type `kind` (`Some(None)`: a
/// flag), or `None` when tandai keeps the result as it is: `choices` joined with `|` (a flag
/// when the one choice is the result's `from_name`), `textarea` lines joined with a line end,
/// `rating` and `number` as their number.
pub fn attribute_value(kind: &str, from: &str, value: &Value) -> Option<Option<String>> {
    let strings = |key: &str| -> Option<Vec<&str>> {
        value
            .get(key)?
            .as_array()?
            .iter()
            .map(Value::as_str)
            .collect()
    };
    match kind {
        "choices" => {
            let choices = strings("choices").filter(|c| !c.is_empty())?;
            if choices == [from] {
                Some(None)
            } else {
                Some(Some(choices.join(CHOICE_SEPARATOR)))
            }
        }
        "textarea" => Some(Some(strings("text")?.join("\n"))),
        "rating" | "number" => match value.get(kind)? {
            n @ Value::Number(_) => Some(Some(n.to_string())),
            _ => None,
        },
        _ => None,
    }
}

/// What the first region of an annotation is linked by (its key's second word).
#[derive(Clone, Copy)]
enum Per<'a> {
    /// A claim's check-worthiness.
    Checkworthy(Checkworthy),
    /// An annotation's note.
    Note(&'a str),
    /// One of its attributes.
    Attribute(&'a Attribute),
}

/// Why a relation is written.
#[derive(Clone, Copy)]
enum Why<'a> {
    /// A further fragment to the first.
    Fragment,
    /// One of tandai's links, of the annotation with this id.
    Link(&'a str),
    /// A relation, with this id.
    Relation(&'a str),
}

/// One result tandai writes, before it is serialised. Its key (see [`Item::key`]) is what a
/// Label Studio import records for the result it came from, so that a re-export finds it.
enum Item<'a> {
    Region {
        id: String,
        from: &'a str,
        label: &'a str,
        span: Span,
    },
    PerRegion {
        id: &'a str,
        span: Span,
        per: Per<'a>,
    },
    Relation {
        from: String,
        to: String,
        label: &'a str,
        why: Why<'a>,
    },
}

impl Item<'_> {
    /// The key of the result: a region's id as tandai writes it (`e1`, `e1-2`, `q1-cue`); `ID
    /// note`, `ID checkworthy`, `ID A NAME` for per-region results; `REGION Fragment`, `ID
    /// Speaker` (`Cue`, `Claimant`, `Source`) and the relation's id for relations.
    fn key(&self) -> String {
        match self {
            Item::Region { id, .. } => id.clone(),
            Item::PerRegion { id, per, .. } => match per {
                Per::Checkworthy(_) => format!("{id} checkworthy"),
                Per::Note(_) => format!("{id} note"),
                Per::Attribute(a) => format!("{id} A {}", a.name),
            },
            Item::Relation {
                from, label, why, ..
            } => match why {
                Why::Fragment => format!("{from} Fragment"),
                Why::Link(id) => format!("{id} {label}"),
                Why::Relation(id) => (*id).to_owned(),
            },
        }
    }
}

/// The results of one document, in tandai's order: regions, per-region results, relations.
#[derive(Default)]
struct Results<'a> {
    regions: Vec<Item<'a>>,
    extras: Vec<Item<'a>>,
    relations: Vec<Item<'a>>,
}

impl<'a> Results<'a> {
    /// Adds the regions of an annotation; returns whether any was written.
    fn regions(&mut self, id: &str, from: &'a str, label: &'a str, spans: &[Span]) -> bool {
        for (i, span) in spans.iter().enumerate() {
            let region = if i == 0 {
                id.to_owned()
            } else {
                format!("{id}-{}", i + 1)
            };
            if i > 0 {
                self.relations.push(Item::Relation {
                    from: region.clone(),
                    to: id.to_owned(),
                    label: "Fragment",
                    why: Why::Fragment,
                });
            }
            self.regions.push(Item::Region {
                id: region,
                from,
                label,
                span: *span,
            });
        }
        !spans.is_empty()
    }

    fn link(&mut self, from: &'a str, to: String, label: &'a str) {
        self.relations.push(Item::Relation {
            from: from.to_owned(),
            to,
            label,
            why: Why::Link(from),
        });
    }

    /// The note and the attributes of the annotation `id` over `span`.
    fn per_region(
        &mut self,
        id: &'a str,
        span: Span,
        note: Option<&'a str>,
        attrs: &'a [Attribute],
    ) {
        if let Some(note) = note {
            self.extras.push(Item::PerRegion {
                id,
                span,
                per: Per::Note(note),
            });
        }
        for a in attrs {
            self.extras.push(Item::PerRegion {
                id,
                span,
                per: Per::Attribute(a),
            });
        }
    }

    fn into_items(self) -> impl Iterator<Item = Item<'a>> {
        self.regions
            .into_iter()
            .chain(self.extras)
            .chain(self.relations)
    }
}

/// Writes one document as one task on one line: the task a Label Studio import kept, with
/// tandai's annotations in it, when it has one (see `export::label_studio::kept`); else tandai's own.
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let results = results(doc, set, doc_id, options, &mut warnings);
    match Kept::of(&set.kept, KEPT_FORMAT) {
        Some(k) => {
            let task = kept::task(k, doc, doc_id, results.into_items(), &mut warnings)?;
            out.write_all(task.as_bytes())?;
        }
        None => {
            let mut buf = Vec::with_capacity(doc.text().len() * 2 + 256);
            plain::task(&mut buf, doc, doc_id, results.into_items())?;
            out.write_all(&buf)?;
        }
    }
    out.write_all(b"\n")?;
    Ok(warnings)
}

/// Everything tandai writes of `set`, in its order.
fn results<'a>(
    doc: &Document,
    set: &'a AnnotationSet,
    doc_id: &str,
    options: &Options,
    warnings: &mut Vec<Warning>,
) -> Results<'a> {
    let mut r = Results::default();
    let mut written: HashSet<&str> = HashSet::new();
    if options.has(Layer::Entities) {
        for e in &set.entities {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, warnings);
            if r.regions(&e.id, ENTITY_FROM, &e.label, &spans) {
                written.insert(&e.id);
                r.per_region(&e.id, spans[0], e.note.as_deref(), &e.attributes);
            }
        }
    }
    let exported = |written: &HashSet<&str>, id: &str| written.contains(id);
    if options.has(Layer::Quotes) {
        for q in &set.quotes {
            let spans = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, warnings);
            if !r.regions(&q.id, QUOTE_FROM, kind_name(q.kind), &spans) {
                continue;
            }
            written.insert(&q.id);
            r.per_region(&q.id, spans[0], q.note.as_deref(), &q.attributes);
            if let Some(cue) = &q.cue {
                let cue_id = format!("{}-cue", q.id);
                let spans =
                    checked_fragments(doc, doc_id, &cue_id, &cue.spans, &cue.text, warnings);
                if r.regions(&cue_id, CUE_FROM, CUE_LABEL, &spans) {
                    r.link(&q.id, cue_id, "Cue");
                }
            }
            if let Some(speaker) = q.speaker.as_deref().filter(|s| exported(&written, s)) {
                r.link(&q.id, speaker.to_owned(), "Speaker");
            }
        }
    }
    if options.has(Layer::Claims) {
        for c in &set.claims {
            let spans = checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, warnings);
            if !r.regions(&c.id, CLAIM_FROM, CLAIM_LABEL, &spans) {
                continue;
            }
            written.insert(&c.id);
            if let Some(value) = c.checkworthy {
                r.extras.push(Item::PerRegion {
                    id: &c.id,
                    span: spans[0],
                    per: Per::Checkworthy(value),
                });
            }
            r.per_region(&c.id, spans[0], c.note.as_deref(), &c.attributes);
            if let Some(claimant) = c.claimant.as_deref().filter(|s| exported(&written, s)) {
                r.link(&c.id, claimant.to_owned(), "Claimant");
            }
            if let Some(quote) = c.quote.as_deref().filter(|s| exported(&written, s)) {
                r.link(&c.id, quote.to_owned(), "Source");
            }
        }
    }
    for rel in &set.relations {
        if exported(&written, &rel.from) && exported(&written, &rel.to) {
            r.relations.push(Item::Relation {
                from: rel.from.to_string(),
                to: rel.to.to_string(),
                label: &rel.kind,
                why: Why::Relation(&rel.id),
            });
            if rel.note.is_some() {
                warnings.push(Warning {
                    doc_id: doc_id.to_owned(),
                    span: Span::default(),
                    text: String::new(),
                    reason: format!(
                        "{}: its note is left out (Label Studio relations hold none)",
                        rel.id
                    ),
                });
            }
        }
    }
    r
}

/// The choice of a check-worthiness.
fn yes_no(value: Checkworthy) -> &'static str {
    match value {
        Checkworthy::Yes => "Yes",
        Checkworthy::No => "No",
    }
}

/// An item as the JSON value tandai writes for it, `id`s as given.
fn item_value(item: &Item, doc: &Document) -> Value {
    match item {
        Item::Region {
            id,
            from,
            label,
            span,
        } => json!({
            "id": id,
            "from_name": from,
            "to_name": TEXT_NAME,
            "type": "labels",
            "value": {
                "start": span.start,
                "end": span.end,
                "text": doc.slice(*span),
                "labels": [label],
            },
        }),
        Item::PerRegion { id, span, per } => {
            let (from, kind, key, values): (&str, &str, &str, Vec<&str>) = match per {
                Per::Checkworthy(v) => (CHECKWORTHY_FROM, "choices", "choices", vec![yes_no(*v)]),
                Per::Note(note) => (NOTE_FROM, "textarea", "text", vec![note]),
                Per::Attribute(a) => (
                    &a.name,
                    "choices",
                    "choices",
                    match &a.value {
                        Some(v) => v.split(CHOICE_SEPARATOR).collect(),
                        None => vec![a.name.as_str()],
                    },
                ),
            };
            json!({
                "id": id,
                "from_name": from,
                "to_name": TEXT_NAME,
                "type": kind,
                "value": {"start": span.start, "end": span.end, key: values},
            })
        }
        Item::Relation {
            from, to, label, ..
        } => json!({
            "from_id": from,
            "to_id": to,
            "type": "relation",
            "direction": "right",
            "labels": [label],
        }),
    }
}

/// The attribute controls the tasks in the file `tasks` (an export's output) need.
pub fn controls_in(tasks: &std::path::Path) -> std::io::Result<AttributeControls> {
    let file = std::fs::File::open(tasks)?;
    AttributeControls::of_tasks(std::io::BufReader::new(file))
}

/// A Label Studio labeling config (XML) under which the exported tasks load: the text, the
/// entity labels `entity_labels`, the quote kinds, cues, claims, tandai's links and the
/// relation kinds `relation_kinds` as relations, the per-region check-worthiness and note, and
/// a per-region control per attribute name (`attributes`).
pub fn label_config(
    entity_labels: &[String],
    relation_kinds: &[String],
    attributes: &AttributeControls,
) -> String {
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
         {attributes}</View>\n",
        attributes = attributes.xml(escape),
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
        let none = AttributeControls::default();
        let config = label_config(&["PER".into(), "A&B".into()], &["Cause".into()], &none);
        assert!(config.contains("<Relation value=\"Cause\"/>"));
        assert!(config.contains("<Label value=\"PER\"/>"));
        assert!(config.contains("<Label value=\"A&amp;B\"/>"));
        assert!(config.contains("perRegion=\"true\""));
    }
}
