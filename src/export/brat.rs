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

use std::collections::HashMap;
use std::io::Write;

use crate::model::{AnnotationSet, Checkworthy, Document, Span};

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

/// Collects the `.ann` lines, numbering each kind of annotation.
struct Ann<'a> {
    doc: &'a Document,
    lines: Vec<String>,
    t: usize,
    r: usize,
    a: usize,
    notes: usize,
}

impl<'a> Ann<'a> {
    /// Adds a text-bound annotation; `None` when no fragment is left to write.
    fn textbound(&mut self, kind: &str, spans: &[Span]) -> Option<String> {
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
        let kind = kind.replace(char::is_whitespace, "_");
        let offsets: Vec<String> = fragments
            .iter()
            .map(|s| format!("{} {}", s.start, s.end))
            .collect();
        let texts: Vec<&str> = fragments.iter().map(|s| self.doc.slice(*s)).collect();
        self.lines.push(format!(
            "{id}\t{kind} {}\t{}",
            offsets.join(";"),
            texts.join(" ")
        ));
        Some(id)
    }

    fn relation(&mut self, kind: &str, from: Option<&String>, to: Option<&String>) {
        if let (Some(from), Some(to)) = (from, to) {
            self.r += 1;
            self.lines
                .push(format!("R{}\t{kind} Arg1:{from} Arg2:{to}", self.r));
        }
    }

    fn attribute(&mut self, name: &str, target: &str, value: &str) {
        self.a += 1;
        self.lines
            .push(format!("A{}\t{name} {target} {value}", self.a));
    }

    fn note(&mut self, target: &str, note: Option<&str>) {
        if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
            self.notes += 1;
            let flat: String = note
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.lines.push(format!(
                "#{}\tAnnotatorNotes {target}\t{}",
                self.notes,
                flat.trim()
            ));
        }
    }
}

/// Writes the `.ann` text of one document (the layers listed in `options`).
pub fn write<W: Write + ?Sized>(
    doc: &Document,
    set: &AnnotationSet,
    doc_id: &str,
    options: &Options,
    out: &mut W,
) -> Result<Vec<Warning>, ExportError> {
    let mut warnings = Vec::new();
    let mut ann = Ann {
        doc,
        lines: Vec::new(),
        t: 0,
        r: 0,
        a: 0,
        notes: 0,
    };
    // Annotation id → T id, for relations.
    let mut t_of: HashMap<&str, String> = HashMap::new();
    if options.has(Layer::Entities) {
        for e in &set.entities {
            let spans = checked_fragments(doc, doc_id, &e.id, &e.spans, &e.text, &mut warnings);
            if let Some(t) = ann.textbound(&e.label, &spans) {
                ann.note(&t, e.note.as_deref());
                t_of.insert(&e.id, t);
            }
        }
    }
    if options.has(Layer::Quotes) {
        for q in &set.quotes {
            let spans = checked_fragments(doc, doc_id, &q.id, &q.spans, &q.text, &mut warnings);
            let Some(t) = ann.textbound("Quote", &spans) else {
                continue;
            };
            ann.attribute("Kind", &t, kind_name(q.kind));
            ann.note(&t, q.note.as_deref());
            if let Some(cue) = &q.cue {
                let cue_id = format!("{} cue", q.id);
                let spans =
                    checked_fragments(doc, doc_id, &cue_id, &cue.spans, &cue.text, &mut warnings);
                let cue_t = ann.textbound("Cue", &spans);
                ann.relation("Cue", Some(&t), cue_t.as_ref());
            }
            if let Some(speaker) = &q.speaker {
                link(doc, doc_id, &q.id, &q.spans, speaker, set, &mut warnings);
                ann.relation("Speaker", Some(&t), t_of.get(speaker.as_str()));
            }
            t_of.insert(&q.id, t);
        }
    }
    if options.has(Layer::Claims) {
        for c in &set.claims {
            let spans = checked_fragments(doc, doc_id, &c.id, &c.spans, &c.text, &mut warnings);
            let Some(t) = ann.textbound("Claim", &spans) else {
                continue;
            };
            if let Some(value) = c.checkworthy {
                let value = match value {
                    Checkworthy::Yes => "Yes",
                    Checkworthy::No => "No",
                };
                ann.attribute("Checkworthy", &t, value);
            }
            ann.note(&t, c.note.as_deref());
            if let Some(claimant) = &c.claimant {
                link(doc, doc_id, &c.id, &c.spans, claimant, set, &mut warnings);
                ann.relation("Claimant", Some(&t), t_of.get(claimant.as_str()));
            }
            if let Some(quote) = &c.quote {
                link(doc, doc_id, &c.id, &c.spans, quote, set, &mut warnings);
                ann.relation("Source", Some(&t), t_of.get(quote.as_str()));
            }
        }
    }
    for line in &ann.lines {
        writeln!(out, "{line}")?;
    }
    Ok(warnings)
}

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
