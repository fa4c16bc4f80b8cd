//! The compiled matcher of the editor's gazetteers ([`super::gazetteer`]) and patterns
//! ([`super::patterns`]): one Aho-Corasick automaton over every entry, run on a paragraph in
//! lower case, each hit then checked against the entry's case rule and the word edges.
//!
//! Case rules:
//! - a gazetteer text, a phrase pattern and an `ORTH`/`TEXT` token match the text as written,
//!   and also written all in capitals (`MOSKWA` matches `Moskwa`, for datelines); a mixed
//!   `mOSKWA` does not;
//! - a `LOWER` token matches its word in any case;
//! - lower case is taken character by character, a character whose lower case takes another
//!   number of bytes (`İ`, `ẞ`) being kept as it is.
//!
//! A match starts where a word starts and ends where a word ends, or where only an Indonesian
//! clitic follows ([`super::edges::at_word_edges`]: `Baratlah` holds `Barat`). Where matches
//! overlap, the longest wins, then the one starting earlier, then the entry read first (files
//! in the order given, lines in file order). One suggestion per place: the same text with two
//! labels proposes the first one read.

use std::fs;
use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::edges::{CharCounter, at_word_edges};
use super::gazetteer::{self, GazetteerError};
use super::patterns::{self, PatternError, PatternKind, TokenRule};
use super::{Proposal, Suggestion};
use crate::model::{Document, Source, Span};

/// File name endings of the lexicon files a folder offers by itself ([`lexicon_files_in`]).
pub const AUTOMATIC_ENDINGS: [&str; 2] = [".gazetteer.tsv", ".patterns.jsonl"];

/// Why the lexicon files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("{}: {source}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A file is neither `.tsv` nor `.jsonl`.
    #[error("{}: not a lexicon file (a gazetteer ends in .tsv, a pattern file in .jsonl)", file.display())]
    UnknownKind {
        /// The file.
        file: PathBuf,
    },
    /// A gazetteer line is wrong.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// A pattern line is wrong.
    #[error(transparent)]
    Pattern(#[from] PatternError),
}

/// How one entry matches a stretch of text.
#[derive(Clone, Debug)]
enum Rule {
    /// As written, or all in capitals (`upper`, when it differs).
    Exact { text: String, upper: Option<String> },
    /// Words one space apart.
    Tokens(Vec<Token>),
}

#[derive(Clone, Debug)]
struct Token {
    /// ORTH: the word as written; LOWER: in lower case.
    text: String,
    /// ORTH: the word in capitals.
    upper: String,
    any_case: bool,
}

/// One gazetteer line or pattern.
#[derive(Clone, Debug)]
struct Entry {
    label: String,
    rule: Rule,
    source: Source,
    score: Option<f32>,
    /// Why it is proposed: `gazetteer places.gazetteer.tsv:12: Moskwa → LOC`.
    reason: std::sync::Arc<str>,
}

/// The editor's gazetteers and patterns, ready to find their texts in paragraphs.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Pattern `i` of the automaton is the lower-case key of `keys[i]`'s entries.
    keys: Vec<Vec<usize>>,
    automaton: Option<AhoCorasick>,
    files: Vec<PathBuf>,
}

/// The lower case of `text` with the same byte length at every character.
fn fold(text: &str) -> String {
    String::from_utf8(fold_bytes(text))
        .expect("characters were replaced by characters of their length")
}

/// The bytes of [`fold`]`(text)`, not checked again as UTF-8.
fn fold_bytes(text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_ascii_lowercase();
    if text.is_ascii() {
        return bytes;
    }
    // Only the characters beyond ASCII are decoded: each starts with a byte of 0xC0 or above.
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b >= 0xC0) {
        let start = at + offset;
        let c = text[start..]
            .chars()
            .next()
            .expect("a character starts here");
        let lower = fold_char(c);
        if lower != c {
            lower.encode_utf8(&mut bytes[start..start + c.len_utf8()]);
        }
        at = start + c.len_utf8();
    }
    bytes
}

fn fold_char(c: char) -> char {
    if !c.is_uppercase() {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

impl Rule {
    fn key(&self) -> String {
        match self {
            Rule::Exact { text, .. } => fold(text),
            Rule::Tokens(tokens) => tokens
                .iter()
                .map(|t| fold(&t.text))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    fn accepts(&self, found: &str) -> bool {
        match self {
            Rule::Exact { text, upper } => found == text || upper.as_deref() == Some(found),
            Rule::Tokens(tokens) => {
                let words = || found.split(' ').zip(tokens);
                let as_written = words().all(|(w, t)| {
                    if t.any_case {
                        fold(w) == t.text
                    } else {
                        w == t.text
                    }
                });
                as_written
                    || words().all(|(w, t)| {
                        if t.any_case {
                            fold(w) == t.text
                        } else {
                            w == t.upper
                        }
                    })
            }
        }
    }
}

fn exact(text: &str) -> Rule {
    let upper = text.to_uppercase();
    Rule::Exact {
        upper: (upper != text).then_some(upper),
        text: text.into(),
    }
}

/// Whether `path` is a gazetteer (`.tsv`) rather than a pattern file (`.jsonl`).
fn is_gazetteer(path: &Path) -> Result<bool, LexiconError> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("tsv") => Ok(true),
        Some("jsonl") => Ok(false),
        _ => Err(LexiconError::UnknownKind {
            file: path.to_owned(),
        }),
    }
}

/// Adds the entries of `bytes`, the content of the gazetteer or pattern file `path`.
fn read_file(
    path: &Path,
    gazetteer: bool,
    bytes: &[u8],
    entries: &mut Vec<Entry>,
) -> Result<(), LexiconError> {
    let name = file_label(path);
    if gazetteer {
        for e in gazetteer::parse(path, bytes)? {
            entries.push(Entry {
                rule: exact(&e.text),
                reason: format!("gazetteer {name}:{}: {} → {}", e.line, e.text, e.label).into(),
                label: e.label,
                source: Source::Gazetteer,
                score: e.score,
            });
        }
        return Ok(());
    }
    for p in patterns::parse(path, bytes)? {
        let rule = match &p.kind {
            PatternKind::Phrase(text) => exact(text),
            PatternKind::Tokens(tokens) => Rule::Tokens(
                tokens
                    .iter()
                    .map(|t| match t {
                        TokenRule::Orth(w) => Token {
                            upper: w.to_uppercase(),
                            text: w.clone(),
                            any_case: false,
                        },
                        TokenRule::Lower(w) => Token {
                            upper: String::new(),
                            text: fold(w),
                            any_case: true,
                        },
                    })
                    .collect(),
            ),
        };
        let id =
            p.id.as_deref()
                .map(|id| format!(" ({id})"))
                .unwrap_or_default();
        entries.push(Entry {
            rule,
            reason: format!("pattern {name}:{}{id} → {}", p.line, p.label).into(),
            label: p.label,
            source: Source::Pattern,
            score: None,
        });
    }
    Ok(())
}

fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

impl Lexicon {
    /// Reads every file, choosing the reader by its extension (`.tsv`: a gazetteer, `.jsonl`:
    /// patterns), and compiles them into one matcher. The first bad line of any file fails
    /// the whole load.
    pub fn load(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        for path in paths {
            let gazetteer = is_gazetteer(path)?;
            let bytes = fs::read(path).map_err(|source| LexiconError::Read {
                file: path.clone(),
                source,
            })?;
            read_file(path, gazetteer, &bytes, &mut entries)?;
        }
        Ok(Self::compile(entries, paths.to_vec()))
    }

    /// [`load`](Self::load) of files already read: each file's path (which chooses its
    /// reader and names it in errors and reasons) and content.
    pub fn parse(files: &[(&Path, &[u8])]) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        for &(path, bytes) in files {
            read_file(path, is_gazetteer(path)?, bytes, &mut entries)?;
        }
        let paths = files.iter().map(|(path, _)| path.to_path_buf()).collect();
        Ok(Self::compile(entries, paths))
    }

    fn compile(entries: Vec<Entry>, files: Vec<PathBuf>) -> Lexicon {
        let mut by_key: std::collections::HashMap<String, usize> = Default::default();
        let mut texts = Vec::new();
        let mut keys: Vec<Vec<usize>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let key = entry.rule.key();
            let slot = *by_key.entry(key.clone()).or_insert_with(|| {
                texts.push(key);
                keys.push(Vec::new());
                keys.len() - 1
            });
            keys[slot].push(i);
        }
        let automaton = (!texts.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&texts)
                .or_else(|_| AhoCorasick::new(&texts))
                .expect("an automaton of the lexicon's entries builds")
        });
        Lexicon {
            entries,
            keys,
            automaton,
            files,
        }
    }

    /// The files the lexicon was read from, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Number of entries (gazetteer lines and patterns).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is nothing to find.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entity suggestions of paragraph `paragraph` of `doc`, in text order, none
    /// overlapping another.
    pub fn find(&self, doc: &Document, paragraph: usize) -> Vec<Suggestion> {
        let (Some(automaton), Some(p)) = (&self.automaton, doc.paragraph(paragraph)) else {
            return Vec::new();
        };
        let text = doc.paragraph_text(paragraph);
        let folded = fold_bytes(text);
        // (byte start, byte end, entry), every accepted hit.
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for m in automaton.find_overlapping_iter(&folded) {
            let (start, end) = (m.start(), m.end());
            if !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
                || !at_word_edges(text, start, end)
            {
                continue;
            }
            let found = &text[start..end];
            if let Some(&entry) = self.keys[m.pattern().as_usize()]
                .iter()
                .find(|&&e| self.entries[e].rule.accepts(found))
            {
                hits.push((start, end, entry));
            }
        }
        let chosen = choose(hits);
        let mut counter = CharCounter::new(text, p.chars.start);
        chosen
            .into_iter()
            .map(|(start, end, e)| {
                let span = Span::new(counter.at(start), counter.at(end));
                let entry = &self.entries[e];
                Suggestion {
                    span,
                    what: Proposal::Entity {
                        label: entry.label.as_str().into(),
                    },
                    source: entry.source.clone(),
                    score: entry.score,
                    reason: entry.reason.clone(),
                }
            })
            .collect()
    }
}

/// The hits kept: longest first, then earlier start, then earlier entry, none overlapping a
/// kept one; returned in text order.
fn choose(mut hits: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    hits.sort_by_key(|&(s, e, entry)| (std::cmp::Reverse(e - s), s, entry));
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len());
    // The kept places, (start, end) sorted by start: they do not overlap.
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(hits.len());
    for (s, e, entry) in hits {
        let at = taken.partition_point(|&(start, _)| start < e);
        if at > 0 && taken[at - 1].1 > s {
            continue;
        }
        let place = taken.partition_point(|&(start, _)| start < s);
        taken.insert(place, (s, e));
        kept.push((s, e, entry));
    }
    kept.sort_unstable();
    kept
}

/// The lexicon files `dir` offers by itself: the files directly in it (not in sub-folders)
/// whose names end in `.gazetteer.tsv` or `.patterns.jsonl`, sorted by name. An unreadable
/// folder offers none.
pub fn lexicon_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| AUTOMATIC_ENDINGS.iter().any(|end| n.ends_with(end)))
        })
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests;
