//! What can go wrong reading or writing an annotation file, and where.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::Span;

pub use crate::ron_locate::Place;

/// The problem itself, without the file it was found in.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The file exists but could not be read.
    #[error("cannot read the annotation file: {0}")]
    Read(#[source] io::Error),
    /// A step of saving failed; the previous file, if any, is unchanged.
    #[error("cannot save the annotations ({step}): {source}")]
    Write {
        /// What was being done.
        step: &'static str,
        /// The system's error.
        source: io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("the annotation file is not valid UTF-8")]
    NotUtf8,
    /// RON syntax or a value of the wrong type, a missing or unknown field.
    #[error("{0}")]
    Syntax(String),
    /// A `version` this build does not read.
    #[error(
        "unknown annotation file version {found}; this build of tandai reads version {supported}"
    )]
    UnknownVersion {
        /// The version in the file.
        found: u64,
        /// The versions this build reads, e.g. `1`.
        supported: String,
    },
    /// The article's text is not the one annotated.
    #[error(
        "the article changed since it was annotated: it now has SHA-256 {actual}, \
         the annotations were made on SHA-256 {stored} (opening it re-anchors them; \
         `tandai reanchor ARTICLE` does so without the terminal)"
    )]
    ArticleChanged {
        /// Hash recorded in the annotation file.
        stored: String,
        /// Hash of the article as read now.
        actual: String,
    },
    /// The recorded character count is not the article's.
    #[error("the file says the article has {stored} characters, but it has {actual}")]
    CharCount {
        /// Count recorded in the annotation file.
        stored: usize,
        /// Count of the article as read now.
        actual: usize,
    },
    /// One status per paragraph is expected.
    #[error("{stored} paragraph statuses for an article of {actual} paragraphs")]
    ParagraphCount {
        /// Statuses in the file.
        stored: usize,
        /// Paragraphs in the article.
        actual: usize,
    },
    /// An annotation (or its cue) covers nothing.
    #[error("{id}: {what} has no span")]
    NoSpan {
        /// Id of the annotation.
        id: String,
        /// `the annotation` or `its cue`.
        what: &'static str,
    },
    /// A fragment that cannot be right.
    #[error("{id}: span ({}, {}) {reason}", span.start, span.end)]
    BadSpan {
        /// Id of the annotation.
        id: String,
        /// The fragment.
        span: Span,
        /// Why it is wrong.
        reason: String,
    },
    /// The stored text is not what the spans cover.
    #[error("{id}: the stored {what} {stored:?} is not the article's text there, {actual:?}")]
    TextMismatch {
        /// Id of the annotation.
        id: String,
        /// `text` or `cue text`.
        what: &'static str,
        /// Text in the file.
        stored: String,
        /// Text the spans cover in the article.
        actual: String,
    },
    /// Two annotations share an id.
    #[error("duplicate id {0:?}")]
    DuplicateId(String),
    /// An id not of the form `<prefix><number>`.
    #[error("id {id:?} is not of the form {prefix}<number>")]
    BadId {
        /// The id.
        id: String,
        /// `e`, `q` or `c`.
        prefix: char,
    },
    /// A link to an annotation that does not exist.
    #[error("{id}: {field} {target:?} is not the id of any {kind}")]
    DanglingLink {
        /// Id of the annotation holding the link.
        id: String,
        /// `speaker`, `claimant` or `quote`.
        field: &'static str,
        /// The missing id.
        target: String,
        /// `entity` or `quote`.
        kind: &'static str,
    },
    /// A name in an annotation's `by` list that is not an annotator's name, or is there twice.
    #[error("{id}: by: {reason}")]
    BadBy {
        /// Id of the annotation.
        id: String,
        /// The name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A relation that does not fit the file: a malformed or repeated id, an id at or above
    /// `next_ids.relation`, an empty kind, or an end that is no annotation of the file.
    #[error("relation {id}: {what}")]
    BadRelation {
        /// The relation's id.
        id: String,
        /// What is wrong.
        what: String,
    },
    /// An annotation's attributes out of order, named twice, or with an empty name.
    #[error("{id}: attributes: {what}")]
    BadAttribute {
        /// Id of the annotation.
        id: String,
        /// What is wrong.
        what: String,
    },
    /// A counter that would hand out an id already in use.
    #[error(
        "next_ids.{kind} is {next}, but {prefix}{highest} exists: it must be above every existing {kind} id"
    )]
    NextIds {
        /// `entity`, `quote` or `claim`.
        kind: &'static str,
        /// `e`, `q` or `c`.
        prefix: char,
        /// The counter in the file.
        next: u64,
        /// The highest id number in use.
        highest: u64,
    },
    /// An annotation kept aside because its text is no longer in the article.
    #[error(
        "{id} is an orphan: {text:?} is no longer in the article; re-attach or delete it in the review panel (Tab)"
    )]
    Orphan {
        /// The orphan's id.
        id: String,
        /// The text it covered.
        text: String,
    },
    /// The first line of a journal is not a header this build reads. The journal is never
    /// removed nor written over.
    #[error("damaged journal header: expected {what}; {}", kept(expected_header.as_deref()))]
    JournalHeader {
        /// What should be where the header goes wrong.
        what: &'static str,
        /// The header the annotation file as it is now would have; `None` without one.
        expected_header: Option<String>,
    },
    /// A journal in a format this build does not read. It is never removed nor written over.
    #[error(
        "unknown journal version {found}; this build of tandai reads journal version 1: the \
         journal may hold saved changes and is left as it is; open the article with the tandai \
         that wrote it, or move the journal away once checked"
    )]
    UnknownJournalVersion {
        /// The version in the header.
        found: String,
    },
    /// A journal continuing another version of the annotation file (or one that is no longer
    /// there), holding changes the file lacks. It is never removed; the session sets it aside
    /// ([`set_journal_aside`](super::set_journal_aside)) and `tandai check` lists it there.
    #[error("{}", stale(*changes, expected_header.as_deref()))]
    StaleJournal {
        /// Lines of the journal that change the annotation file.
        changes: usize,
        /// The header the annotation file as it is now would have (to restore a damaged one by
        /// hand); `None` when there is no annotation file.
        expected_header: Option<String>,
    },
    /// A journal set aside ([`set_journal_aside`](super::set_journal_aside)), until someone
    /// applies or deletes it.
    #[error("{}", aside(*changes, expected_header.as_deref()))]
    JournalAside {
        /// Lines that change the annotation file; `None` when the journal cannot be read.
        changes: Option<usize>,
        /// The header that would apply it to the annotation file as it is now; `None` when
        /// there is no annotation file.
        expected_header: Option<String>,
    },
    /// A recorded conflict that does not fit the file: an id or paragraph that cannot be, or a
    /// version that does not match what it is about or the article.
    #[error("conflict {number} ({about}): {what}")]
    BadConflict {
        /// Its place in the list, from 1.
        number: usize,
        /// What it is about, e.g. `e3` or `paragraph 2`.
        about: String,
        /// What is wrong.
        what: String,
    },
    /// Saving was refused because the file written would not load again.
    #[error("not saved, the annotations are inconsistent: {0}")]
    Inconsistent(Box<Problem>),
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What is done with a journal that cannot be read, and how to repair it.
fn kept(expected_header: Option<&str>) -> String {
    let repair = match expected_header {
        Some(h) => format!(
            "repair this line (for the annotation file as it is now it is `{h}`) or move the journal away"
        ),
        None => "move the journal away".to_owned(),
    };
    format!("the journal may hold saved changes and is left as it is: {repair} once checked")
}

fn stale(changes: usize, expected_header: Option<&str>) -> String {
    let kept = "it is kept: opening the article in tandai sets it aside (its name ending in \
                `.aside`), and `tandai check` lists it there until it is deleted";
    let s = plural(changes);
    match expected_header {
        Some(h) => format!(
            "this journal continues another version of the annotation file and holds {changes} \
             change{s} the file lacks; {kept}; if only this header was damaged, the header of \
             the file as it is now is `{h}`"
        ),
        None => format!(
            "this journal continues an annotation file that is no longer there and holds \
             {changes} change{s}; {kept}"
        ),
    }
}

fn aside(changes: Option<usize>, expected_header: Option<&str>) -> String {
    match (changes, expected_header) {
        (None, _) => "a journal kept aside that cannot be read (its header or a line is damaged); \
                      it may hold changes the annotation file lacks: check it by hand, then delete it"
            .to_owned(),
        (Some(0), _) => "a journal kept aside whose changes are all in the annotation file: \
                         delete it once checked"
            .to_owned(),
        (Some(n), None) => format!(
            "a journal kept aside holding {n} change{} for an annotation file that is no longer \
             there: delete it once checked",
            plural(n)
        ),
        (Some(n), Some(h)) => format!(
            "a journal kept aside holding {n} change{} the annotation file lacks: to apply them, \
             make its first line `{h}`, rename it to the article's `.ann.journal` (when there \
             is none) and open the article; or delete it once checked",
            plural(n)
        ),
    }
}

/// An error about one annotation file: its path, the place when known, and the problem.
///
/// Displayed as `PATH:LINE:COL: message`, or `PATH: message` when no place is known.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {problem}", path.display(), PlaceSuffix(*place))]
pub struct StoreError {
    path: PathBuf,
    place: Option<Place>,
    problem: Box<Problem>,
}

struct PlaceSuffix(Option<Place>);

impl fmt::Display for PlaceSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, ":{}:{}", p.line, p.column),
            None => Ok(()),
        }
    }
}

impl StoreError {
    /// An error about `path`, at `place` when known.
    pub fn new(path: impl Into<PathBuf>, place: Option<Place>, problem: Problem) -> Self {
        Self {
            path: path.into(),
            place,
            problem: Box::new(problem),
        }
    }

    /// The annotation file concerned.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where in the file, when known.
    pub fn place(&self) -> Option<Place> {
        self.place
    }

    /// 1-based line, when known.
    pub fn line(&self) -> Option<usize> {
        self.place.map(|p| p.line)
    }

    /// 1-based column in characters, when known.
    pub fn column(&self) -> Option<usize> {
        self.place.map(|p| p.column)
    }

    /// The problem, for callers that react to its kind.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    pub(crate) fn into_problem(self) -> Problem {
        *self.problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_place_only_when_known() {
        let at = StoreError::new(
            "a/b.ann.ron",
            Some(Place { line: 3, column: 7 }),
            Problem::DuplicateId("e1".into()),
        );
        assert_eq!(at.to_string(), "a/b.ann.ron:3:7: duplicate id \"e1\"");
        assert_eq!((at.line(), at.column()), (Some(3), Some(7)));
        let nowhere = StoreError::new("a/b.ann.ron", None, Problem::NotUtf8);
        assert_eq!(
            nowhere.to_string(),
            "a/b.ann.ron: the annotation file is not valid UTF-8"
        );
        assert_eq!(nowhere.line(), None);
    }
}
