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
//! # Tokens: `words` and `spaces`
//!
//! spaCy's own tokenizer does not cut words where tandai's spans may end (the entity `Barat`
//! in `Baratlah`, the cue `ujar` in `ujarnya`), and `Doc.char_span(…,
//! alignment_mode="strict")` returns `None` for such a span. So every line also carries
//! `"words"` and `"spaces"`, spaCy's own way of giving a tokenisation: the tokens of
//! [`super::tokenize`] cut at every edge of every span written (entities, quotes and claims),
//! each followed by one space (`true`) or none; any other white space between tokens (line
//! breaks, runs of spaces) is a word of its own. `Doc(nlp.vocab, words=words, spaces=spaces)`
//! has exactly the line's `text`, and every span written is a run of its tokens, except a span
//! that starts or ends in white space, which is reported (and still written).

use std::collections::BTreeMap;
use std::io::Write;

use crate::model::{AnnotationSet, Document, Span};

use super::spans::{checked_fragments, layer_pieces, resolve_overlaps};
use super::tokenize;
use super::{CLAIM_TAG, ExportError, Layer, Options, Warning, kind_name};

/// One `[start, end, label]` entry.
type Entry = (usize, usize, String);

/// The fields of the line, in the order they are written.
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
    let written: Vec<Span> = line
        .entities
        .iter()
        .chain(line.spans.values().flatten())
        .map(|(start, end, _)| Span::new(*start, *end))
        .collect();
    line.write_head(out)?;
    // The words are written as they are cut; their spaces and the warnings follow.
    out.write_all(b",\"words\":[")?;
    let mut first = true;
    let layout = cut_words(doc, &written, &mut |word| {
        if !std::mem::take(&mut first) {
            out.write_all(b",")?;
        }
        json_str(out, word)
    })?;
    out.write_all(b"],\"spaces\":[")?;
    for (i, space) in layout.spaces.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(if *space { b"true" } else { b"false" })?;
    }
    out.write_all(b"]}\n")?;
    let labels = line.entities.iter().chain(line.spans.values().flatten());
    for (span, (_, _, label)) in written.iter().zip(labels) {
        if !layout.is_run(*span) {
            let reason = format!(
                "{label}: starts or ends in white space, so it is no run of tokens; spaCy's strict char_span gives None"
            );
            warnings.push(Warning::new(doc, doc_id, *span, reason));
        }
    }
    Ok(warnings)
}

impl Line<'_> {
    /// Writes the start of the line as compact JSON, up to the words (what
    /// `serde_json::to_writer` writes for these fields, without its per-string escaping where
    /// a string needs none).
    fn write_head<W: Write + ?Sized>(&self, out: &mut W) -> Result<(), ExportError> {
        out.write_all(b"{\"text\":")?;
        json_str(out, self.text)?;
        out.write_all(b",\"entities\":")?;
        entries(out, &self.entities)?;
        out.write_all(b",\"spans\":{")?;
        for (i, (group, list)) in self.spans.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            json_str(out, group)?;
            out.write_all(b":")?;
            entries(out, list)?;
        }
        out.write_all(b"}")?;
        Ok(())
    }
}

/// `[[start,end,"label"],…]`.
fn entries<W: Write + ?Sized>(out: &mut W, list: &[Entry]) -> Result<(), ExportError> {
    out.write_all(b"[")?;
    for (i, (start, end, label)) in list.iter().enumerate() {
        let comma = if i > 0 { "," } else { "" };
        write!(out, "{comma}[{start},{end},")?;
        json_str(out, label)?;
        out.write_all(b"]")?;
    }
    out.write_all(b"]")?;
    Ok(())
}

/// A JSON string: as it is between quotes when nothing in it needs escaping (no `"`, `\\` or
/// control character), else escaped by serde_json.
fn json_str<W: Write + ?Sized>(out: &mut W, value: &str) -> Result<(), ExportError> {
    if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.write_all(b"\"")?;
        out.write_all(value.as_bytes())?;
        out.write_all(b"\"")?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    Ok(())
}

/// How the tokens of a document lie: the space after each, and which of the offsets they were
/// cut at start or end a token.
#[derive(Debug, Default, PartialEq, Eq)]
struct Layout {
    spaces: Vec<bool>,
    /// The offsets the tokens were cut at (every edge of every span), in increasing order.
    cuts: Vec<usize>,
    /// For each of `cuts`, whether a token starts there.
    starts_at_cut: Vec<bool>,
    /// For each of `cuts`, whether a token ends there.
    ends_at_cut: Vec<bool>,
    /// The first of `cuts` not before the last token's start, and its end.
    next_start: usize,
    next_end: usize,
}

impl Layout {
    fn new(cuts: Vec<usize>) -> Self {
        Layout {
            starts_at_cut: vec![false; cuts.len()],
            ends_at_cut: vec![false; cuts.len()],
            cuts,
            ..Layout::default()
        }
    }

    fn is_run(&self, span: Span) -> bool {
        let edge = |at: usize, flags: &[bool]| self.cuts.binary_search(&at).is_ok_and(|i| flags[i]);
        edge(span.start, &self.starts_at_cut) && edge(span.end, &self.ends_at_cut)
    }

    /// Notes a token covering the characters `start..end`; tokens come in document order.
    fn push(&mut self, start: usize, end: usize) {
        self.spaces.push(false);
        let mark = |next: &mut usize, flags: &mut [bool], at: usize| {
            while self.cuts.get(*next).is_some_and(|&c| c < at) {
                *next += 1;
            }
            if self.cuts.get(*next) == Some(&at) {
                flags[*next] = true;
            }
        };
        mark(&mut self.next_start, &mut self.starts_at_cut, start);
        mark(&mut self.next_end, &mut self.ends_at_cut, end);
    }
}

/// Adds the white space `gap` starting at `start`: one space after a token is that token's
/// `space`, the rest a word of its own.
fn gap<'a>(
    layout: &mut Layout,
    word: &mut dyn FnMut(&'a str) -> Result<(), ExportError>,
    gap: &'a str,
    mut start: usize,
) -> Result<(), ExportError> {
    let mut rest = gap;
    if let (Some(after), Some(last)) = (gap.strip_prefix(' '), layout.spaces.last_mut()) {
        *last = true;
        rest = after;
        start += 1;
    }
    if rest.is_empty() {
        return Ok(());
    }
    layout.push(start, start + rest.chars().count());
    word(rest)
}

/// The spaCy tokenisation of `doc` with every edge of `spans` cut (see the module docs): each
/// word is handed to `word` as it is cut; their spaces and edges are returned.
fn cut_words<'a>(
    doc: &'a Document,
    spans: &[Span],
    word: &mut dyn FnMut(&'a str) -> Result<(), ExportError>,
) -> Result<Layout, ExportError> {
    let mut cuts: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut layout = Layout::new(cuts);
    // `at` is a character offset and `at_byte` its byte: the gaps between tokens are cut from
    // the text by bytes (a token's byte is where its text lies in the document's text), not
    // looked up by character offset, which walks the paragraph or more.
    let text = doc.text();
    let (mut at, mut at_byte) = (0, 0);
    for index in 0..doc.paragraphs().len() {
        for token in tokenize::tokens(doc, index, &layout.cuts) {
            let byte = token.text.as_ptr() as usize - text.as_ptr() as usize;
            if token.span.start > at {
                gap(&mut layout, word, &text[at_byte..byte], at)?;
            }
            layout.push(token.span.start, token.span.end);
            word(token.text)?;
            at = token.span.end;
            at_byte = byte + token.text.len();
        }
    }
    if doc.len_chars() > at {
        gap(&mut layout, word, &text[at_byte..], at)?;
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use crate::model::smallvec;
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
                .find(|x| x.spans[..] == [Span::new(*s, *e)])
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
        // Only the overlap: `Barat` of `Baratlah` is a token of its own in `words`.
        assert_eq!(reported, [find(&doc, "Korea Utara", 0)], "{warnings:?}");
        let words: Vec<String> = serde_json::from_value(line["words"].clone()).unwrap();
        let spaces: Vec<bool> = serde_json::from_value(line["spaces"].clone()).unwrap();
        assert_eq!(words.len(), spaces.len());
        let rebuilt: String = words
            .iter()
            .zip(&spaces)
            .map(|(w, s)| if *s { format!("{w} ") } else { w.clone() })
            .collect();
        assert_eq!(rebuilt, doc.text(), "words + spaces rebuild the text");
        let barat = find_in(&doc, "Barat", "Baratlah", 0);
        let mut at = 0;
        let mut edges = Vec::new();
        for (w, s) in words.iter().zip(&spaces) {
            edges.push(at);
            at += w.chars().count();
            edges.push(at);
            at += usize::from(*s);
        }
        assert!(edges.contains(&barat.start) && edges.contains(&barat.end));
    }

    /// The words of `doc` cut at the edges of `spans`, and the space after each.
    fn words_and_spaces<'a>(doc: &'a Document, spans: &[Span]) -> (Vec<&'a str>, Vec<bool>) {
        let mut words = Vec::new();
        let layout = cut_words(doc, spans, &mut |word| {
            words.push(word);
            Ok(())
        })
        .unwrap();
        (words, layout.spaces)
    }

    #[test]
    fn words_keep_line_breaks_and_space_runs() {
        let doc = Document::new("A  b.\nBaratlah\n");
        let (words, spaces) = words_and_spaces(&doc, &[Span::new(6, 11)]);
        assert_eq!(words, ["A", " ", "b", ".", "\n", "Barat", "lah", "\n"]);
        assert_eq!(
            spaces,
            [true, false, false, false, false, false, false, false]
        );
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
            spans: smallvec![Span::new(4, 10)],
            text: " Putin".into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
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
