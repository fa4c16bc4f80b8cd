//! Reading an annotation file: the fast streaming reader for a clean file in tandai's own
//! text, else version probe and strict parse by ron; then the checks against the article.

use std::fs::{self, File};
use std::io;
use std::path::Path;

use crate::model::{Document, Item};

use super::convert::{self, Parsed};
use super::error::{Place, Problem, StoreError};
use super::hash::Base;
use super::validate::{self, Header, Source};
use super::version::{self, Probe};
use super::{AnnotationFile, Loaded, locate, v1};

/// Reads the annotations of `article` (whose text is `doc`) from its `.ann.ron` file (or, for
/// an [`AnnotationFile`] of an annotator, from theirs).
///
/// Returns `Ok(None)` when there is no annotation file. Anything else short of a file that
/// matches the article exactly is an error naming the file and, when known, the line and column.
pub fn load<'a>(
    file: impl Into<AnnotationFile<'a>>,
    doc: &Document,
) -> Result<Option<Loaded>, StoreError> {
    let file = file.into();
    if let Some(quick) = load_quick(file, doc) {
        return quick;
    }
    let path = file.path();
    match read_text(&path)? {
        Some(text) => parse(&path, &text, doc)
            .and_then(|loaded| with_journal(file, &text, loaded, doc))
            .map(Some),
        None => absent(file),
    }
}

/// What loading `file` gives when it does not exist: nothing, unless a journal holding
/// changes is left beside it, which is an error (never ignored).
fn absent<T>(file: AnnotationFile<'_>) -> Result<Option<T>, StoreError> {
    super::journal::check_without_file(file).map(|()| None)
}

/// What the annotation file `file` holds, parsed but not checked against the article,
/// without its journal.
pub(super) fn file_set(
    file: AnnotationFile<'_>,
) -> Result<crate::model::AnnotationSet, StoreError> {
    let path = file.path();
    let text = read_text(&path)?.ok_or_else(|| {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        StoreError::new(&path, None, Problem::Read(missing))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(parse_unchecked(&path, text)?.set)
}

/// The quick way to load a clean file: read in pieces by the fast reader, checked, its journal
/// replayed. `None` when the file cannot be opened, is outside the fast reader's subset, does
/// not describe `doc` or fails a check: the full path reads it again and names the problem
/// with its place.
fn load_quick(
    file: AnnotationFile<'_>,
    doc: &Document,
) -> Option<Result<Option<Loaded>, StoreError>> {
    let path = file.path();
    let opened = match File::open(&path) {
        Ok(opened) => opened,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Some(absent(file)),
        Err(_) => return None,
    };
    let len = opened.metadata().ok()?.len();
    let (parsed, base) = super::fast_v1::read_from(opened, len)?;
    let header = Header {
        sha256: &parsed.text.sha256,
        chars: parsed.text.chars,
    };
    let mut set = parsed.set;
    let placeless = Source {
        path: &path,
        text: "",
    };
    validate::check(&placeless, &header, &set, doc).ok()?;
    set.sort();
    let loaded = Loaded {
        set,
        annotator: parsed.annotator,
    };
    Some(super::journal::replay(file, &base, loaded, doc).map(Some))
}

/// `loaded` (read from the file whose text is `raw`) with the changes saved since the file was
/// last written, which are in its journal.
fn with_journal(
    file: AnnotationFile<'_>,
    raw: &str,
    loaded: Loaded,
    doc: &Document,
) -> Result<Loaded, StoreError> {
    super::journal::replay(file, &Base::of(raw.as_bytes()), loaded, doc)
}

/// What opening a changed article did to its annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reanchoring {
    /// Annotations placed at new offsets.
    pub moved: usize,
    /// Annotations that became orphans now.
    pub orphaned: usize,
    /// Whether the status (other than Todo) of some old paragraph could not be matched to a
    /// new paragraph ([`crate::model::reanchor::statuses`]) and was dropped.
    pub statuses_reset: bool,
}

/// Like [`load`], but an article that changed since the file was saved is not an error: its
/// annotations are placed on the new text ([`crate::model::reanchor`]); those that cannot be
/// placed become orphans, never dropped. Everything else is checked as strictly as by `load`.
/// Nothing is written: the caller saves when the editor makes a change.
pub fn load_reanchored<'a>(
    file: impl Into<AnnotationFile<'a>>,
    doc: &Document,
) -> Result<Option<(Loaded, Option<Reanchoring>)>, StoreError> {
    let which = file.into();
    if let Some(quick) = load_quick(which, doc) {
        return quick.map(|loaded| loaded.map(|loaded| (loaded, None)));
    }
    let path = which.path();
    let Some(raw) = read_text(&path)? else {
        return absent(which);
    };
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let file = parse_unchecked(&path, text)?;
    if file.text.sha256 == doc.sha256() && file.text.chars == doc.len_chars() {
        let loaded = checked(&path, text, file, doc)?;
        return Ok(Some((with_journal(which, &raw, loaded, doc)?, None)));
    }
    let old_chars = file.text.chars;
    let annotator = file.annotator;
    let old_prints = file.fingerprints;
    let mut old = file.set;
    super::journal::replay_into(which, &Base::of(raw.as_bytes()), &mut old)?;
    let placed = crate::model::reanchor::reanchor(doc, old.items().collect(), old_chars);
    let old_paragraphs: Vec<_> = old
        .paragraphs
        .iter()
        .copied()
        .zip(old_prints.into_iter().chain(std::iter::repeat(None)))
        .collect();
    let (paragraphs, statuses_reset) =
        crate::model::reanchor::statuses(&old_paragraphs, doc.paragraph_fingerprints());
    let mut set = crate::model::AnnotationSet {
        paragraphs,
        orphans: old
            .orphans
            .iter()
            .cloned()
            .chain(placed.orphans.iter().cloned())
            .collect(),
        // A rejection is a memory, not an annotation: kept where its text is still in place,
        // forgotten elsewhere (the suggestion may then be proposed again).
        rejected: std::mem::take(&mut old.rejected)
            .into_iter()
            .filter(|r| r.span.end <= doc.len_chars() && doc.slice(r.span) == r.text)
            .collect(),
        conflicts: crate::model::conflict::reanchored(doc, &old.conflicts, old_chars).0,
        next_ids: old.next_ids,
        ..Default::default()
    };
    for item in placed.placed {
        match item {
            Item::Entity(e) => set.entities.push(e),
            Item::Quote(q) => set.quotes.push(q),
            Item::Claim(c) => set.claims.push(c),
        }
    }
    let header = Header {
        sha256: &doc.sha256(),
        chars: doc.len_chars(),
    };
    validate::check(&Source { path: &path, text }, &header, &set, doc)?;
    set.sort();
    let report = Reanchoring {
        moved: placed.moved,
        orphaned: placed.orphans.len(),
        statuses_reset,
    };
    Ok(Some((Loaded { set, annotator }, Some(report))))
}

/// Every problem of the annotation file of `article` (whose text is `doc`), for reports such
/// as `tandai check`; empty when the file is absent or clean. A file that cannot be read or
/// parsed has that one problem; a parsed file has each failed check, in the order [`load`]
/// meets them, so the first is the error `load` returns. A clean file's journal is checked
/// as `load` replays it; a journal that cannot be read is reported whatever the file holds.
/// Every journal set aside comes last ([`aside_problems`]).
pub fn problems<'a>(file: impl Into<AnnotationFile<'a>>, doc: &Document) -> Vec<StoreError> {
    let file = file.into();
    let mut found = file_problems(file, doc);
    found.extend(aside_problems(file));
    found
}

/// [`problems`] of the annotation file and its journal.
fn file_problems(which: AnnotationFile<'_>, doc: &Document) -> Vec<StoreError> {
    let path = which.path();
    let text = match read_text(&path) {
        Ok(Some(text)) => text,
        Ok(None) => return absent::<()>(which).err().into_iter().collect(),
        Err(err) => return vec![err],
    };
    let raw = text.as_str();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match parse_unchecked(&path, text) {
        Ok(file) => {
            let header = Header {
                sha256: &file.text.sha256,
                chars: file.text.chars,
            };
            let set = &file.set;
            let source = Source { path: &path, text };
            let mut found = validate::problems(&source, &header, set, doc);
            // A clean file with a journal: the journal's problem, if any, as `load` meets it.
            if found.is_empty() && which.journal().exists() {
                found.extend(load(which, doc).err());
            } else if !found.is_empty() {
                let base = Base::of(raw.as_bytes());
                let mut set = set.clone();
                found.extend(super::journal::replay_into(which, &base, &mut set).err());
            }
            found.extend(set.orphans.iter().map(|o| {
                let problem = Problem::Orphan {
                    id: o.id().to_owned(),
                    text: o.text().to_owned(),
                };
                StoreError::new(&path, locate::id(text, o.id(), 0), problem)
            }));
            found
        }
        Err(err) => vec![err],
    }
}

/// A problem for each journal of `article` set aside
/// ([`set_journal_aside`](super::set_journal_aside)), saying how many changes it holds that
/// the annotation file (with its own journal) lacks and how to apply or drop them. The
/// article's text is not needed, so this works for an article that cannot be read too.
pub fn aside_problems<'a>(file: impl Into<AnnotationFile<'a>>) -> Vec<StoreError> {
    let file = file.into();
    let asides = super::side_files::aside_journals(file);
    if asides.is_empty() {
        return Vec::new();
    }
    let current = read_text(&file.path()).ok().flatten().and_then(|raw| {
        let base = Base::of(raw.as_bytes());
        let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
        let mut set = parse_unchecked(&file.path(), text).ok()?.set;
        super::journal::replay_into(file, &base, &mut set).ok()?;
        Some((base, set))
    });
    asides
        .iter()
        .map(|aside| super::journal::aside_problem(aside, current.as_ref().map(|(b, s)| (b, s))))
        .collect()
}

/// The text of the annotation file at `path`; `None` when it does not exist.
fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(StoreError::new(path, None, Problem::Read(err))),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let before = String::from_utf8_lossy(&err.as_bytes()[..valid]);
            let place = locate::place_of_byte(&before, before.len());
            Err(StoreError::new(path, Some(place), Problem::NotUtf8))
        }
    }
}

/// Parses the text (BOM already removed) of the annotation file at `path`, version first,
/// without checking it against the article.
fn parse_unchecked(path: &Path, text: &str) -> Result<Parsed, StoreError> {
    let options = v1::ron_options();
    let syntax = |err: ron::error::SpannedError| {
        let start = Place {
            line: err.span.start.line,
            column: err.span.start.col,
        };
        let place = locate::skip_blank(text, start);
        StoreError::new(path, Some(place), Problem::Syntax(err.code.to_string()))
    };
    let unknown = |found| {
        let problem = Problem::UnknownVersion {
            found,
            supported: version::supported_list(),
        };
        StoreError::new(path, locate::field(text, "version"), problem)
    };
    if let Some(file) = super::fast_v1::read(text) {
        return Ok(file);
    }
    // One parse on the happy path; the version probe (a second full parse) runs only when the
    // file does not read as version 1, to report an unknown version before its syntax.
    let file: v1::Annotations = match options.from_str(text) {
        Ok(file) => file,
        Err(err) => {
            let probe: Probe = options.from_str(text).map_err(syntax)?;
            if !version::SUPPORTED.contains(&probe.version) {
                return Err(unknown(probe.version));
            }
            return Err(syntax(err));
        }
    };
    if !version::SUPPORTED.contains(&file.version) {
        return Err(unknown(file.version));
    }
    Ok(convert::parsed_from_v1(file))
}

/// Parses and checks the text of the annotation file at `path` against `doc`.
pub fn parse(path: &Path, text: &str, doc: &Document) -> Result<Loaded, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    checked(path, text, parse_unchecked(path, text)?, doc)
}

/// The parsed `file` (whose text, BOM removed, is `text`) as a set, once it passed the checks
/// against `doc`.
fn checked(path: &Path, text: &str, file: Parsed, doc: &Document) -> Result<Loaded, StoreError> {
    let header = Header {
        sha256: &file.text.sha256,
        chars: file.text.chars,
    };
    let mut set = file.set;
    validate::check(&Source { path, text }, &header, &set, doc)?;
    set.sort();
    Ok(Loaded {
        set,
        annotator: file.annotator,
    })
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;
    use crate::model::{ReviewStatus, Span};
    use crate::store::annotation_path;
    use crate::store::fixtures::{SAMPLE, full_set, sample_doc};
    use crate::store::to_ron;

    /// A folder holding the sample article's annotation file with `text` as content.
    struct Case {
        _dir: tempfile::TempDir,
        article: PathBuf,
    }

    impl Case {
        fn new(text: &str) -> Self {
            let dir = tempfile::tempdir().unwrap();
            let article = dir.path().join("korut-dukung-rusia.txt");
            fs::write(annotation_path(&article), text).unwrap();
            Self { _dir: dir, article }
        }

        fn error(&self) -> StoreError {
            load(&self.article, &sample_doc()).expect_err("the file should be refused")
        }
    }

    fn saved() -> String {
        let doc = sample_doc();
        to_ron(
            Path::new("korut-dukung-rusia.txt"),
            &doc,
            &full_set(&doc),
            "editor",
        )
    }

    /// The saved text of the full set, with `from` replaced by `to` (which must occur once).
    fn edited(from: &str, to: &str) -> String {
        let text = saved();
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
        text.replacen(from, to, 1)
    }

    /// 1-based line and column of the `nth` occurrence of `needle` in `text`.
    fn place(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (byte, _) = text.match_indices(needle).nth(nth).expect(needle);
        let before = &text[..byte];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    fn assert_error(case: &Case, at: (usize, usize), needle: &str) {
        let err = case.error();
        let message = err.to_string();
        let path = annotation_path(&case.article);
        assert_eq!(err.path(), path);
        assert_eq!(
            (err.line(), err.column()),
            (Some(at.0), Some(at.1)),
            "{message}"
        );
        let prefix = format!("{}:{}:{}: ", path.display(), at.0, at.1);
        assert!(message.starts_with(&prefix), "{message}");
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }

    #[test]
    fn missing_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        assert_eq!(load(&article, &sample_doc()).unwrap(), None);
    }

    #[test]
    fn a_hand_written_file_reads_char_offsets() {
        let doc = sample_doc();
        let text = format!(
            "Annotations(version: 1, text: (file: \"korut-dukung-rusia.txt\", sha256: \"{}\", \
             chars: 3726), annotator: \"a\", paragraphs: [{}], \
             entities: [(id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\")], \
             quotes: [], claims: [], next_ids: (entity: 2, quote: 1, claim: 1))",
            doc.sha256(),
            "(status: Todo),".repeat(24),
        );
        let case = Case::new(&text);
        let loaded = load(&case.article, &doc).unwrap().unwrap();
        assert_eq!(loaded.set.entities[0].spans[..], [Span::new(41, 53)]);
        assert_eq!(doc.slice(Span::new(41, 53)), "Choe Son Hui");
        assert_eq!(loaded.annotator, "a");
    }

    #[test]
    fn review_status_is_optional_and_read_when_given() {
        let doc = sample_doc();
        let file = |entity_tail: &str| {
            format!(
                "Annotations(version: 1, text: (file: \"korut-dukung-rusia.txt\", sha256: \"{}\", \
                 chars: 3726), annotator: \"a\", paragraphs: [{}], \
                 entities: [(id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\"{entity_tail})], \
                 quotes: [], claims: [], next_ids: (entity: 2, quote: 1, claim: 1))",
                doc.sha256(),
                "(status: Todo),".repeat(24),
            )
        };
        let review_of = |text: &str| {
            let case = Case::new(text);
            load(&case.article, &doc).unwrap().unwrap().set.entities[0].review
        };
        assert_eq!(review_of(&file("")), ReviewStatus::Unreviewed);
        assert_eq!(
            review_of(&file(", review: Rejected")),
            ReviewStatus::Rejected
        );
        assert_eq!(
            review_of(&file(", review: Unreviewed")),
            ReviewStatus::Unreviewed
        );
        let case = Case::new(&file(", review: Maybe"));
        assert!(
            case.error().to_string().contains("Maybe"),
            "{}",
            case.error()
        );
    }

    #[test]
    fn unreadable_file_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        fs::create_dir(annotation_path(&article)).unwrap();
        let err = load(&article, &sample_doc()).unwrap_err();
        assert_eq!(err.line(), None);
        let expected = format!("{}: cannot read", annotation_path(&article).display());
        assert!(err.to_string().starts_with(&expected), "{err}");
    }

    #[test]
    fn not_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("korut-dukung-rusia.txt");
        fs::write(annotation_path(&article), b"Annotations(\n  x: \"\xff\"").unwrap();
        let err = load(&article, &sample_doc()).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(2), Some(7)));
        assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    }

    #[test]
    fn truncated_file() {
        let full = saved();
        let text = &full[..full.find("quotes:").unwrap()];
        let last_line = text.matches('\n').count() + 1;
        assert_error(&Case::new(text), (last_line, 5), "Unexpected end of RON");
    }

    #[test]
    fn wrong_type() {
        let text = edited("chars: 3726", "chars: \"3726\"");
        assert_error(
            &Case::new(&text),
            place(&text, "\"3726\"", 0),
            "Expected integer",
        );
    }

    #[test]
    fn unknown_field() {
        let text = edited(
            "annotator: \"editor\",",
            "annotator: \"editor\",\n    colour: 3,",
        );
        assert_error(&Case::new(&text), place(&text, "colour", 0), "colour");
    }

    #[test]
    fn unknown_version() {
        let text = edited("version: 1,", "version: 7,");
        let at = place(&text, "version", 0);
        assert_error(&Case::new(&text), at, "unknown annotation file version 7");
        assert!(
            Case::new(&text)
                .error()
                .to_string()
                .ends_with("reads version 1")
        );
    }

    #[test]
    fn huge_number() {
        let text = edited("(41, 53)", "(41, 99999999999999999999999)");
        let at = place(&text, "99999", 0);
        assert_error(&Case::new(&text), at, "Integer is out of bounds");
    }

    #[test]
    fn article_changed() {
        let doc = sample_doc();
        let stale = Document::new(format!("{SAMPLE}Tambahan."));
        let text = to_ron(
            Path::new("korut-dukung-rusia.txt"),
            &stale,
            &full_set(&doc),
            "e",
        );
        let case = Case::new(&text);
        assert_error(&case, place(&text, "sha256", 0), "the article changed");
        let message = case.error().to_string();
        assert!(message.contains(&doc.sha256()) && message.contains(&stale.sha256()));
    }

    #[test]
    fn paragraph_count_differs() {
        let saved = saved();
        let flagged = saved
            .lines()
            .find(|l| l.contains("(status: Flagged"))
            .unwrap();
        let text = edited(&format!("{flagged}\n"), "");
        assert_error(
            &Case::new(&text),
            place(&text, "paragraphs", 0),
            "23 paragraph statuses",
        );
    }

    #[test]
    fn span_out_of_range() {
        let text = edited("(244, 257)", "(244, 3800)");
        let at = place(&text, "id: \"e2\"", 0);
        assert_error(
            &Case::new(&text),
            at,
            "e2: span (244, 3800) goes past the end",
        );
    }

    #[test]
    fn empty_and_reversed_spans() {
        let text = edited("(41, 53)", "(41, 41)");
        assert_error(
            &Case::new(&text),
            place(&text, "id: \"e1\"", 0),
            "(41, 41) is empty",
        );
        let text = edited("(41, 53)", "(53, 41)");
        let at = place(&text, "id: \"e1\"", 0);
        assert_error(&Case::new(&text), at, "(53, 41) ends before it starts");
    }

    #[test]
    fn text_mismatch() {
        let text = edited("text: \"Choe Son Hui\"", "text: \"Choe Son\"");
        let at = place(&text, "id: \"e1\"", 0);
        assert_error(
            &Case::new(&text),
            at,
            "e1: the stored text \"Choe Son\" is not",
        );
    }

    #[test]
    fn cue_mismatch() {
        let text = edited("text: \"menyatakan\"", "text: \"kata\"");
        let at = place(&text, "id: \"q1\"", 0);
        assert_error(&Case::new(&text), at, "q1: the stored cue text \"kata\"");
    }

    #[test]
    fn duplicate_id() {
        let text = edited("id: \"e2\"", "id: \"e1\"");
        assert_error(
            &Case::new(&text),
            place(&text, "id: \"e1\"", 1),
            "duplicate id \"e1\"",
        );
    }

    #[test]
    fn dangling_speaker() {
        let text = edited("speaker: \"e1\"", "speaker: \"e9\"");
        let at = place(&text, "id: \"q1\"", 0);
        assert_error(
            &Case::new(&text),
            at,
            "q1: speaker \"e9\" is not the id of any entity",
        );
    }

    #[test]
    fn dangling_claim_quote() {
        let text = edited("quote: \"q1\"", "quote: \"q2\"");
        let at = place(&text, "id: \"c1\"", 0);
        assert_error(
            &Case::new(&text),
            at,
            "c1: quote \"q2\" is not the id of any quote",
        );
    }

    #[test]
    fn next_ids_must_be_above_existing_ids() {
        let text = edited("entity: 3,", "entity: 2,");
        let at = place(&text, "next_ids", 0);
        assert_error(&Case::new(&text), at, "next_ids.entity is 2, but e2 exists");
    }

    #[test]
    fn malformed_id() {
        let text = edited("id: \"c1\"", "id: \"claim1\"");
        let at = place(&text, "id: \"claim1\"", 0);
        assert_error(
            &Case::new(&text),
            at,
            "id \"claim1\" is not of the form c<number>",
        );
    }

    #[test]
    fn a_bom_is_accepted_and_entities_come_back_sorted() {
        let text = edited(
            "        (id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\"),\n",
            "",
        );
        let e1 =
            "\n        (id: \"e1\", label: \"PER\", spans: [(41, 53)], text: \"Choe Son Hui\"),";
        let at = text.find("    ],\n    quotes").unwrap() - 1;
        let text = format!("\u{feff}{}{e1}{}", &text[..at], &text[at..]);
        let case = Case::new(&text);
        let loaded = load(&case.article, &sample_doc()).unwrap().unwrap();
        let ids: Vec<&str> = loaded.set.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["e1", "e2"]);
    }

    #[test]
    fn problems_gathers_every_check_and_starts_with_the_load_error() {
        let text = edited("speaker: \"e1\"", "speaker: \"e9\"")
            .replacen("text: \"Choe Son Hui\"", "text: \"Choe\"", 1)
            .replacen("id: \"e2\"", "id: \"e1\"", 1);
        let case = Case::new(&text);
        let all = problems(&case.article, &sample_doc());
        let messages: Vec<String> = all.iter().map(|e| e.problem().to_string()).collect();
        assert_eq!(all.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("duplicate id"));
        assert!(messages[1].contains("stored text \"Choe\""));
        assert!(messages[2].contains("speaker \"e9\""));
        assert!(messages[3].contains("claimant \"e2\"")); // e2 was renamed
        assert_eq!(all[0].to_string(), case.error().to_string());
        assert!(problems(&Case::new(&saved()).article, &sample_doc()).is_empty());
    }
}
