//! Reading one document as the list and the commands see it: its summary, or every problem
//! of it. The counting itself is pure (`state::summary`); this module does the reading.

use std::path::Path;

use super::walk::article_of;
use crate::model::{AnnotationSet, Document};
use crate::state::list::{AnnotatorFile, Progress};
pub use crate::state::summary::{Claims, Paragraphs, Quotes, Review, Summary, Trouble};
use crate::store::{self, AnnotationFile, Annotator, StoreError, annotation_path};

impl From<StoreError> for Trouble {
    fn from(err: StoreError) -> Self {
        Self {
            file: err.path().to_owned(),
            place: err.place().map(|p| (p.line, p.column)),
            message: err.problem().to_string(),
        }
    }
}

/// Built here rather than beside the type: naming the article of an annotation file is the
/// folder walk's rule.
impl Trouble {
    /// The trouble of an annotation file whose article is missing.
    pub fn orphan(annotation: &Path) -> Self {
        let article = article_of(annotation);
        let name = article.file_name().unwrap_or_default().to_string_lossy();
        Self {
            file: annotation.to_owned(),
            place: None,
            message: format!("annotation file without its article: there is no {name} beside it"),
        }
    }
}

/// Reads an article: its text as a document, or the trouble with it.
pub fn read_article(article: &Path) -> Result<Document, Trouble> {
    let bytes = std::fs::read(article).map_err(|err| Trouble {
        file: article.to_owned(),
        place: None,
        message: format!("cannot read the article: {err}"),
    })?;
    Document::from_bytes(bytes).map_err(|err| Trouble {
        file: article.to_owned(),
        place: Some((err.line, err.column)),
        message: format!(
            "the article is not valid UTF-8 (byte {}); tandai reads UTF-8 text only",
            err.byte
        ),
    })
}

/// Reads an article and its annotations (as opening it would) and counts them: those of its
/// gold file (given the article's path), or of an annotator's [`AnnotationFile`]. The error is
/// the first problem met, as opening the article would report it.
pub fn summarize<'a>(file: impl Into<AnnotationFile<'a>>) -> Result<Summary, Trouble> {
    let file = file.into();
    let doc = read_article(file.article())?;
    summary_of(file, &doc)
}

/// The counts of `file`, whose article's text is `doc`.
fn summary_of(file: AnnotationFile<'_>, doc: &Document) -> Result<Summary, Trouble> {
    match store::load(file, doc)? {
        Some(loaded) => Ok(Summary::of(&loaded.set, true)),
        None => Ok(Summary::of(
            &AnnotationSet::new(doc.paragraphs().len()),
            false,
        )),
    }
}

/// Reads `article` once for the document list: the counts of the file it opens (the gold file,
/// or `whose` annotator's), as [`summarize`] gives them, and how far each of `annotators`' own
/// files is (an annotator whose file is broken has the first problem met).
pub fn summarize_team(
    article: &Path,
    whose: Option<&Annotator>,
    annotators: &[Annotator],
) -> (Result<Summary, Trouble>, Vec<AnnotatorFile>) {
    let doc = match read_article(article) {
        Ok(doc) => doc,
        Err(trouble) => return (Err(trouble), Vec::new()),
    };
    let opened = summary_of(AnnotationFile::of(article, whose), &doc);
    let files = annotators
        .iter()
        .map(|annotator| {
            let counted = match &opened {
                Ok(summary) if whose == Some(annotator) => Ok(summary.clone()),
                _ => summary_of(AnnotationFile::of(article, Some(annotator)), &doc),
            };
            let progress = match counted {
                Ok(summary) if summary.annotated == 0 => Progress::NoFile,
                Ok(summary) => Progress::Counted(summary.paragraphs),
                Err(trouble) => Progress::Broken(trouble.short()),
            };
            AnnotatorFile {
                annotator: annotator.to_string(),
                progress,
            }
        })
        .collect();
    (opened, files)
}

/// Every problem of an article, its annotation file and journal, and the journals set aside
/// beside it, for `tandai check`; empty when the article reads, its annotation file is absent
/// or clean and no journal is kept aside.
pub fn inspect(article: &Path) -> Vec<Trouble> {
    match read_article(article) {
        Ok(doc) => store::problems(article, &doc)
            .into_iter()
            .map(Trouble::from)
            .collect(),
        Err(trouble) => {
            let mut all = vec![trouble];
            if annotation_path(article).exists() {
                all.push(Trouble {
                    file: annotation_path(article),
                    place: None,
                    message: "not checked: its article cannot be read".into(),
                });
            }
            all.extend(
                store::aside_problems(article)
                    .into_iter()
                    .map(Trouble::from),
            );
            all
        }
    }
}
