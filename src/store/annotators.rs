//! Files of several annotators beside one article.
//!
//! The settled (gold) annotations of `dir/stem.txt` stay in `dir/stem.ann.ron`; each annotator
//! works in a file of their own, `dir/stem.ann.NAME.ron`. A name is 1 to 40 ASCII letters,
//! digits, `-` and `_`, starting with a letter or digit, and none of the words tandai already
//! uses there (`recovery`, `conflict`, `before-reanchor`, …), so an annotator's file is never
//! taken for another side file.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Names tandai gives its own files beside an article (`stem.ann.WORD.ron` and the like).
const RESERVED: &[&str] = &[
    "recovery",
    "conflict",
    "before-reanchor",
    "journal",
    "lock",
    "sug",
    "ann",
    "ron",
    "gold",
    "aside",
];

/// The longest name accepted.
pub const MAX_LEN: usize = 40;

/// An annotator's name, checked to be usable in a file name beside the article.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Annotator(String);

/// Why a name cannot be an annotator's.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BadName {
    /// The name is empty.
    #[error("an annotator's name cannot be empty")]
    Empty,
    /// The name is longer than `MAX_LEN`.
    #[error("the annotator's name {0:?} is longer than {MAX_LEN} characters")]
    TooLong(String),
    /// The name holds a character other than ASCII letters, digits, `-` and `_`, or starts
    /// with `-` or `_`.
    #[error(
        "the annotator's name {0:?} may hold only ASCII letters, digits, '-' and '_', and must start with a letter or digit"
    )]
    Character(String),
    /// The name is one tandai uses for its own files.
    #[error("the annotator's name {0:?} is a word tandai uses for its own files; choose another")]
    Reserved(String),
}

impl Annotator {
    /// Checks `name`.
    pub fn new(name: &str) -> Result<Self, BadName> {
        let first_ok = name
            .chars()
            .next()
            .ok_or(BadName::Empty)?
            .is_ascii_alphanumeric();
        if name.len() > MAX_LEN {
            return Err(BadName::TooLong(name.to_owned()));
        }
        let chars_ok = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !first_ok || !chars_ok {
            return Err(BadName::Character(name.to_owned()));
        }
        if RESERVED.iter().any(|r| is_reserved(r, name)) {
            return Err(BadName::Reserved(name.to_owned()));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Annotator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Annotator {
    type Err = BadName;

    fn from_str(name: &str) -> Result<Self, BadName> {
        Self::new(name)
    }
}

/// Whether `name` is the reserved `word`, or `word-N` (the second conflict copy is
/// `stem.ann.conflict-2.ron`).
fn is_reserved(word: &str, name: &str) -> bool {
    let numbered = name.get(..word.len()).is_some_and(|head| {
        let tail = &name[word.len()..];
        head.eq_ignore_ascii_case(word)
            && tail.len() > 1
            && tail.starts_with('-')
            && tail[1..].bytes().all(|b| b.is_ascii_digit())
    });
    numbered || word.eq_ignore_ascii_case(name)
}

/// The file of `annotator` for `article`: `dir/stem.ann.NAME.ron` beside `dir/stem.txt`.
pub fn annotator_path(article: &Path, annotator: &Annotator) -> PathBuf {
    article.with_extension(format!("ann.{annotator}.ron"))
}

/// The annotator whose file `path` is, if it is one for `article`.
pub fn annotator_of(article: &Path, path: &Path) -> Option<Annotator> {
    if path.parent() != article.parent() {
        return None;
    }
    let prefix = article.with_extension("ann.");
    let prefix = prefix.file_name()?.to_str()?;
    let name = path.file_name()?.to_str()?;
    Annotator::new(name.strip_prefix(prefix)?.strip_suffix(".ron")?).ok()
}

/// Every annotator's file beside `article`, sorted by name; the gold file is not among them.
/// A folder that does not exist holds none.
pub fn annotator_files(article: &Path) -> io::Result<Vec<(Annotator, PathBuf)>> {
    let dir = match article.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = article.with_file_name(entry?.file_name());
        if let Some(annotator) = annotator_of(article, &path) {
            found.push((annotator, path));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(Annotator::new("alice").unwrap().as_str(), "alice");
        assert!(Annotator::new("Budi_2-x").is_ok());
        assert_eq!(Annotator::new(""), Err(BadName::Empty));
        assert!(matches!(Annotator::new("-a"), Err(BadName::Character(_))));
        assert!(matches!(Annotator::new("a.b"), Err(BadName::Character(_))));
        assert!(matches!(Annotator::new("adé"), Err(BadName::Character(_))));
        assert!(matches!(
            Annotator::new("Recovery"),
            Err(BadName::Reserved(_))
        ));
        assert!(matches!(
            Annotator::new("conflict-2"),
            Err(BadName::Reserved(_))
        ));
        assert!(Annotator::new("conflicts-2").is_ok());
        assert!(matches!(
            Annotator::new(&"a".repeat(41)),
            Err(BadName::TooLong(_))
        ));
    }

    #[test]
    fn paths_round_trip() {
        let article = Path::new("news/a.b.txt");
        let alice = Annotator::new("alice").unwrap();
        let path = annotator_path(article, &alice);
        assert_eq!(path, Path::new("news/a.b.ann.alice.ron"));
        assert_eq!(annotator_of(article, &path), Some(alice));
        for other in [
            "news/a.b.ann.ron",
            "news/a.b.ann.recovery.ron",
            "news/a.b.ann.alice.recovery.ron",
            "news/a.b.ann.conflict-2.ron",
            "news/a.ann.alice.ron",
            "elsewhere/a.b.ann.alice.ron",
        ] {
            assert_eq!(annotator_of(article, Path::new(other)), None, "{other}");
        }
    }

    #[test]
    fn lists_only_annotator_files() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        for name in [
            "a.txt",
            "a.ann.ron",
            "a.ann.budi.ron",
            "a.ann.alice.ron",
            "a.ann.conflict.ron",
            "a.ann.alice.journal",
            "b.ann.carol.ron",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        let names: Vec<String> = annotator_files(&article)
            .unwrap()
            .into_iter()
            .map(|(a, _)| a.to_string())
            .collect();
        assert_eq!(names, ["alice", "budi"]);
        assert!(
            annotator_files(&dir.path().join("none/x.txt"))
                .unwrap()
                .is_empty()
        );
    }
}
