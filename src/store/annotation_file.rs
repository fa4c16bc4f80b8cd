//! Which annotation file of an article a session reads and writes: the settled (gold) file, or
//! an annotator's. Every file kept beside it follows from that choice:
//!
//! | file | gold | annotator `alice` |
//! | --- | --- | --- |
//! | annotations | `stem.ann.ron` | `stem.ann.alice.ron` |
//! | journal | `stem.ann.journal` | `stem.ann.alice.journal` |
//! | lock | `stem.ann.lock` | `stem.ann.alice.lock` |
//! | recovery copy | `stem.ann.recovery.ron` | `stem.ann.alice.recovery.ron` |
//! | conflict copies | `stem.ann.conflict.ron`, `stem.ann.conflict-2.ron`, … | `stem.ann.alice.conflict.ron`, `stem.ann.alice.conflict-2.ron`, … |
//! | copy before re-anchoring | `stem.ann.before-reanchor.ron` | `stem.ann.alice.before-reanchor.ron` |
//!
//! An annotator's name holds no `.` ([`Annotator`]), so no file of one annotator is ever a file
//! of another, nor of the gold.

use std::path::{Path, PathBuf};

use super::annotators::Annotator;

/// One annotation file of an article, and the files beside it that belong to it. A plain
/// `&Path` (the article) converts into the gold file, so code that knows only the gold file
/// keeps passing the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AnnotationFile<'a> {
    article: &'a Path,
    annotator: Option<&'a Annotator>,
}

impl<'a> AnnotationFile<'a> {
    /// The settled (gold) file of `article`.
    pub fn gold(article: &'a Path) -> Self {
        Self {
            article,
            annotator: None,
        }
    }

    /// The file of `annotator` for `article`, or the gold file when `None`.
    pub fn of(article: &'a Path, annotator: Option<&'a Annotator>) -> Self {
        Self { article, annotator }
    }

    /// The article.
    pub fn article(self) -> &'a Path {
        self.article
    }

    /// Whose file it is; `None` for the gold file.
    pub fn annotator(self) -> Option<&'a Annotator> {
        self.annotator
    }

    /// The annotations: `stem.ann.ron`, or `stem.ann.NAME.ron`.
    pub fn path(self) -> PathBuf {
        self.beside("ron")
    }

    /// The journal of saved changes: `stem.ann.journal`, or `stem.ann.NAME.journal`.
    pub fn journal(self) -> PathBuf {
        self.beside("journal")
    }

    /// The lock of the sessions writing it: `stem.ann.lock`, or `stem.ann.NAME.lock`.
    pub fn lock(self) -> PathBuf {
        self.beside("lock")
    }

    /// Where a crash writes what was in memory: `stem.ann.recovery.ron`, or
    /// `stem.ann.NAME.recovery.ron`.
    pub fn recovery(self) -> PathBuf {
        self.beside("recovery.ron")
    }

    /// The `n`th conflict copy (`n` of 0 or 1 is the first): `stem.ann.conflict.ron`, then
    /// `stem.ann.conflict-2.ron`, … (`stem.ann.NAME.conflict.ron`, … for an annotator).
    pub fn conflict(self, n: usize) -> PathBuf {
        match n {
            0 | 1 => self.beside("conflict.ron"),
            n => self.beside(&format!("conflict-{n}.ron")),
        }
    }

    /// The copy made before re-anchoring rewrites the file: `stem.ann.before-reanchor.ron`,
    /// or `stem.ann.NAME.before-reanchor.ron`.
    pub fn before_reanchor(self) -> PathBuf {
        self.beside("before-reanchor.ron")
    }

    /// A word for messages: `the gold file` or `alice's file`.
    pub fn whose(self) -> String {
        match self.annotator {
            None => "the gold file".into(),
            Some(name) => format!("{name}'s file"),
        }
    }

    /// `stem.ann.REST`, or `stem.ann.NAME.REST`.
    fn beside(self, rest: &str) -> PathBuf {
        match self.annotator {
            None => self.article.with_extension(format!("ann.{rest}")),
            Some(name) => self.article.with_extension(format!("ann.{name}.{rest}")),
        }
    }
}

impl<'a> From<&'a Path> for AnnotationFile<'a> {
    fn from(article: &'a Path) -> Self {
        Self::gold(article)
    }
}

impl<'a> From<&'a PathBuf> for AnnotationFile<'a> {
    fn from(article: &'a PathBuf) -> Self {
        Self::gold(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(file: AnnotationFile<'_>) -> Vec<String> {
        [
            file.path(),
            file.journal(),
            file.lock(),
            file.recovery(),
            file.conflict(1),
            file.conflict(2),
            file.before_reanchor(),
        ]
        .iter()
        .map(|p| p.to_str().unwrap().to_owned())
        .collect()
    }

    #[test]
    fn gold_names_are_those_tandai_always_used() {
        let article = Path::new("news/a.b.txt");
        assert_eq!(
            names(article.into()),
            [
                "news/a.b.ann.ron",
                "news/a.b.ann.journal",
                "news/a.b.ann.lock",
                "news/a.b.ann.recovery.ron",
                "news/a.b.ann.conflict.ron",
                "news/a.b.ann.conflict-2.ron",
                "news/a.b.ann.before-reanchor.ron",
            ]
        );
        assert_eq!(AnnotationFile::gold(article).whose(), "the gold file");
    }

    #[test]
    fn an_annotator_has_every_file_of_their_own() {
        let article = Path::new("news/a.b.txt");
        let alice = Annotator::new("alice").unwrap();
        let file = AnnotationFile::of(article, Some(&alice));
        assert_eq!(
            names(file),
            [
                "news/a.b.ann.alice.ron",
                "news/a.b.ann.alice.journal",
                "news/a.b.ann.alice.lock",
                "news/a.b.ann.alice.recovery.ron",
                "news/a.b.ann.alice.conflict.ron",
                "news/a.b.ann.alice.conflict-2.ron",
                "news/a.b.ann.alice.before-reanchor.ron",
            ]
        );
        assert_eq!(file.path(), super::super::annotator_path(article, &alice));
        assert_eq!(file.whose(), "alice's file");
        // None of alice's side files is taken for an annotator's file.
        for side in names(file).iter().skip(1) {
            assert_eq!(
                super::super::annotator_of(article, Path::new(side)),
                None,
                "{side}"
            );
        }
    }
}
