//! citron's quote JSON in: a folder of `.json` files (searched recursively, in path order) or
//! one file, each one document named after its path without `.json`.
//!
//! Each file is `{"text", "quotes": [{"cue", "sources", "contents", "coreferences"?,
//! "confidence"?, "id"?}], "coreference_groups"?}`, every span `{"start", "end", "text"}` in
//! characters, as [`crate::export::citron`] writes it; its added fields are read back too:
//!
//! - a quote's `contents` are its fragments; its `cue` (or `cue_spans`, every fragment) its
//!   cue (a `null` or missing cue: none); its `sources` the fragments of its speaker, an
//!   entity with `speaker`'s id and label, else labelled `PER`; quotes whose sources are the
//!   same spans share one speaker entity;
//! - `kind` gives the quote's kind; without it, contents that all open and close with a
//!   quotation mark are `Direct`, contents without any quotation mark `Indirect`, the others
//!   `Mixed`;
//! - `id` is kept when it is a quote id (`q<n>`) not already taken, as `speaker`'s id is for
//!   entities; the others get the next free numbers;
//! - `note` is the quote's note; citron's `confidence` is added to it (`citron confidence
//!   0.9`), so that nothing read is dropped;
//! - each span of `coreferences` (another mention of the quote's source) and of
//!   `coreference_groups` becomes an entity (labelled like the source, else `PER`), noted
//!   `citron coreference of q<n>` or `citron coreference group <n>`; a mention that already is
//!   an entity gets the note only.
//!
//! A span whose `text` is not the article's text there, an empty one or one past the end, is
//! an error naming the file, the line of the quote and the quote's number.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::id::{IdKind, number_of};
use crate::model::{
    AnnotationSet, Cue, Document, Entity, ParagraphStatus, Quote, QuoteKind, Span, Text,
    format_compact,
};

use super::{ImportError, Imported, quote_kind, read_text};

#[derive(Deserialize)]
struct File {
    text: String,
    #[serde(default)]
    quotes: Vec<CitronQuote>,
    #[serde(default)]
    coreference_groups: Vec<Vec<CitronSpan>>,
}

#[derive(Deserialize)]
struct CitronSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct Speaker {
    id: Option<String>,
    label: Option<String>,
}

#[derive(Deserialize)]
struct CitronQuote {
    #[serde(default)]
    cue: Option<CitronSpan>,
    #[serde(default)]
    sources: Vec<CitronSpan>,
    #[serde(default)]
    contents: Vec<CitronSpan>,
    #[serde(default)]
    coreferences: Vec<CitronSpan>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    speaker: Option<Speaker>,
    #[serde(default)]
    cue_spans: Option<Vec<CitronSpan>>,
    #[serde(default)]
    note: Option<String>,
}

/// Reads a citron file, or every `.json` file under a folder.
pub fn read(path: &Path) -> Result<Vec<Imported>, ImportError> {
    let files: Vec<(PathBuf, String)> = if path.is_dir() {
        let mut files = Vec::new();
        collect(path, path, &mut files)?;
        files.sort();
        files
    } else {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "doc".into());
        vec![(path.to_owned(), stem)]
    };
    files
        .into_iter()
        .map(|(file, name)| parse(&file, name, &read_text(&file)?))
        .collect()
}

/// Reads `source`, the text of the citron file `file` (which names the errors), as the
/// document `name`.
pub fn parse(file: &Path, name: String, source: &str) -> Result<Imported, ImportError> {
    let (doc, set) = document(source).map_err(|(line, m)| match line {
        Some(line) => ImportError::at(file, line, m),
        None => ImportError::file(file, m),
    })?;
    Ok(Imported { name, doc, set })
}

/// Every `.json` file below `dir`, with its name relative to `root` without `.json`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, String)>) -> Result<(), ImportError> {
    let entries = fs::read_dir(dir).map_err(|e| ImportError::file(dir, e.to_string()))?;
    for entry in entries {
        let entry = entry.map_err(|e| ImportError::file(dir, e.to_string()))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((path, name));
        }
    }
    Ok(())
}

/// The line (1-based) where each element of the top-level `"quotes"` array starts.
fn quote_lines(source: &str) -> Vec<usize> {
    let (mut depth, mut in_string, mut escape, mut line) = (0usize, false, false, 1);
    let mut key_start = None;
    let mut last_key = String::new();
    let mut in_quotes = false;
    let mut lines = Vec::new();
    for (i, c) in source.char_indices() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            if escape {
                escape = false;
            } else if c == '\\' {
                escape = true;
            } else if c == '"' {
                in_string = false;
                if depth == 1 {
                    last_key = source[key_start.unwrap_or(i)..i].to_owned();
                }
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                key_start = Some(i + 1);
            }
            '[' | '{' => {
                if depth == 1 && c == '[' && last_key == "quotes" {
                    in_quotes = true;
                }
                if in_quotes && depth == 2 && c == '{' {
                    lines.push(line);
                }
                depth += 1;
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    in_quotes = false;
                }
            }
            _ => {}
        }
    }
    lines
}

/// What reading one file needs: the article, the set being built, the entities by spans.
struct Reader<'a> {
    doc: &'a Document,
    set: AnnotationSet,
    by_spans: HashMap<Vec<Span>, usize>,
}

impl Reader<'_> {
    /// The spans checked against the article, sorted, a span given twice taken once; spans
    /// that overlap are refused.
    fn spans(&self, spans: &[CitronSpan], what: &str) -> Result<Vec<Span>, String> {
        let len = self.doc.len_chars();
        let mut out = Vec::with_capacity(spans.len());
        for s in spans {
            if s.start >= s.end || s.end > len {
                return Err(format!(
                    "{what} {}..{} is empty or past the end of the text ({len} characters)",
                    s.start, s.end
                ));
            }
            let span = Span::new(s.start, s.end);
            let actual = self.doc.slice(span);
            if let Some(text) = &s.text
                && text != actual
            {
                return Err(format!(
                    "{what} {}..{}: its text differs from the article's {actual:?}",
                    s.start, s.end
                ));
            }
            out.push(span);
        }
        out.sort();
        out.dedup();
        if let Some(pair) = out.windows(2).find(|pair| pair[1].start < pair[0].end) {
            return Err(format!(
                "{what} {}..{} overlaps {}..{}",
                pair[1].start, pair[1].end, pair[0].start, pair[0].end
            ));
        }
        Ok(out)
    }

    /// The entity with exactly `spans`, made (with `id` if free, `label`) when there is none.
    fn entity(&mut self, spans: Vec<Span>, id: Option<&str>, label: &str) -> usize {
        if let Some(&i) = self.by_spans.get(&spans) {
            return i;
        }
        let taken = |id: &str| self.set.entities.iter().any(|e| e.id == id);
        let id: Text = match id.filter(|id| number_of(id, IdKind::Entity).is_some() && !taken(id)) {
            Some(id) => id.into(),
            None => {
                let mut n = self.set.next_ids.entity;
                while taken(&format!("e{n}")) {
                    n += 1;
                }
                format_compact!("e{n}")
            }
        };
        if let Some(n) = number_of(&id, IdKind::Entity) {
            self.set.next_ids.entity = self.set.next_ids.entity.max(n + 1);
        }
        self.set.entities.push(Entity {
            id,
            label: label.into(),
            text: self.doc.slice_fragments(&spans).into(),
            spans: spans.clone().into(),
            note: None,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
        let i = self.set.entities.len() - 1;
        self.by_spans.insert(spans, i);
        i
    }

    /// Adds `note` to the entity `i`'s note.
    fn note_entity(&mut self, i: usize, note: &str) {
        let e = &mut self.set.entities[i];
        e.note = Some(match &e.note {
            Some(old) if old.split("; ").any(|n| n == note) => old.clone(),
            Some(old) => format_compact!("{old}; {note}"),
            None => note.into(),
        });
    }
}

/// The kind of a quote without tandai's `kind`, from the quotation marks of its contents.
fn guess_kind(doc: &Document, contents: &[Span]) -> QuoteKind {
    let marks = |c: char| matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'');
    let texts: Vec<&str> = contents.iter().map(|s| doc.slice(*s)).collect();
    let quoted =
        |t: &&str| t.chars().next().is_some_and(marks) && t.chars().next_back().is_some_and(marks);
    if texts.iter().all(quoted) {
        QuoteKind::Direct
    } else if texts.iter().all(|t| !t.chars().any(marks)) {
        QuoteKind::Indirect
    } else {
        QuoteKind::Mixed
    }
}

/// Parses one file: the document and its annotations, or the line (when known) and message.
fn document(source: &str) -> Result<(Document, AnnotationSet), (Option<usize>, String)> {
    let file: File = serde_json::from_str(source)
        .map_err(|e| (Some(e.line()), super::lines::invalid_json(source, &e)))?;
    let lines = quote_lines(source);
    let doc = Document::new(file.text);
    let mut set = AnnotationSet::new(doc.paragraphs().len());
    set.paragraphs.fill(ParagraphStatus::Done);
    let mut reader = Reader {
        doc: &doc,
        set,
        by_spans: HashMap::new(),
    };
    // Ids given in the file are kept: fresh numbers start after the largest.
    for q in &file.quotes {
        if let Some(n) = q.id.as_deref().and_then(|id| number_of(id, IdKind::Quote)) {
            reader.set.next_ids.quote = reader.set.next_ids.quote.max(n + 1);
        }
        let given = q.speaker.as_ref().and_then(|s| s.id.as_deref());
        if let Some(n) = given.and_then(|id| number_of(id, IdKind::Entity)) {
            reader.set.next_ids.entity = reader.set.next_ids.entity.max(n + 1);
        }
    }
    for (i, q) in file.quotes.iter().enumerate() {
        let at = |m: String| (lines.get(i).copied(), format!("quote {}: {m}", i + 1));
        let contents = reader.spans(&q.contents, "content").map_err(at)?;
        if contents.is_empty() {
            return Err(at("no contents".into()));
        }
        let cue = match (&q.cue_spans, &q.cue) {
            (Some(spans), _) => Some(reader.spans(spans, "cue").map_err(at)?),
            (None, Some(cue)) => Some(reader.spans(std::slice::from_ref(cue), "cue").map_err(at)?),
            (None, None) => None,
        };
        let kind = match q.kind.as_deref() {
            Some(name) => quote_kind(name).ok_or_else(|| at(format!("unknown kind {name:?}")))?,
            None => guess_kind(&doc, &contents),
        };
        let label = q
            .speaker
            .as_ref()
            .and_then(|s| s.label.as_deref())
            .unwrap_or("PER")
            .to_owned();
        let sources = reader.spans(&q.sources, "source").map_err(at)?;
        let speaker = (!sources.is_empty()).then(|| {
            let id = q.speaker.as_ref().and_then(|s| s.id.as_deref());
            reader.entity(sources, id, &label)
        });
        let taken = |id: &str| reader.set.quotes.iter().any(|q| q.id == id);
        let id: Text = match q.id.as_deref() {
            Some(id) if number_of(id, IdKind::Quote).is_some() && !taken(id) => id.into(),
            _ => {
                let mut n = reader.set.next_ids.quote;
                while taken(&format!("q{n}")) {
                    n += 1;
                }
                reader.set.next_ids.quote = n + 1;
                format_compact!("q{n}")
            }
        };
        let mut note: Option<Text> = q.note.as_deref().map(Text::from);
        if let Some(confidence) = q.confidence {
            let added = format_compact!("citron confidence {confidence}");
            note = Some(match note {
                Some(old) => format_compact!("{old}; {added}"),
                None => added,
            });
        }
        for coref in &q.coreferences {
            let spans = reader
                .spans(std::slice::from_ref(coref), "coreference")
                .map_err(at)?;
            let e = reader.entity(spans, None, &label);
            reader.note_entity(e, &format!("citron coreference of {id}"));
        }
        reader.set.quotes.push(Quote {
            id,
            kind,
            text: doc.slice_fragments(&contents).into(),
            spans: contents.into(),
            cue: cue.map(|spans| Cue {
                text: doc.slice_fragments(&spans).into(),
                spans: spans.into(),
            }),
            speaker: speaker.map(|e| reader.set.entities[e].id.clone()),
            note,
            review: Default::default(),
            source: Default::default(),
            by: Default::default(),
            attributes: Vec::new(),
        });
    }
    for (g, group) in file.coreference_groups.iter().enumerate() {
        for span in group {
            let what = format!("coreference group {}", g + 1);
            let spans = reader
                .spans(std::slice::from_ref(span), &what)
                .map_err(|m| (None, m))?;
            let e = reader.entity(spans, None, "PER");
            reader.note_entity(e, &format!("citron {what}"));
        }
    }
    let mut set = reader.set;
    set.sort();
    Ok((doc, set))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Result<Imported, ImportError> {
        parse(Path::new("c.json"), "c".into(), source)
    }

    #[test]
    fn overlapping_fragments_are_refused_at_their_quote() {
        let quote = |contents: &str| {
            format!(
                "{{\"text\": \"Kami siap membantu.\",\n\"quotes\": [\n{{\"contents\": [{contents}]}}\n]}}"
            )
        };
        let e = read(&quote(r#"{"start": 0, "end": 9}, {"start": 5, "end": 18}"#)).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(
            e.message.contains("quote 1: content 5..18 overlaps 0..9"),
            "{e}"
        );
        // The same fragment twice is one fragment; fragments that touch do not overlap.
        let ok = read(&quote(
            r#"{"start": 0, "end": 4}, {"start": 5, "end": 9}, {"start": 0, "end": 4}"#,
        ))
        .unwrap();
        assert_eq!(ok.set.quotes[0].spans.len(), 2);
    }
}
