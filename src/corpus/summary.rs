//! Reading one document as the list and the commands see it: its summary, or every problem
//! of it. The counting itself is pure (`state::summary`); this module does the reading.

use std::path::Path;

use super::walk::article_of;
use crate::model::{AnnotationSet, Document};
pub use crate::state::summary::{Claims, Paragraphs, Quotes, Review, Summary, Trouble};
use crate::store::{self, StoreError, annotation_path};

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

/// Reads an article and its annotations (as opening it would) and counts them. The error is
/// the first problem met, as opening the article would report it.
pub fn summarize(article: &Path) -> Result<Summary, Trouble> {
    let doc = read_article(article)?;
    match store::load(article, &doc)? {
        Some(loaded) => Ok(Summary::of(&loaded.set, true)),
        None => Ok(Summary::of(
            &AnnotationSet::new(doc.paragraphs().len()),
            false,
        )),
    }
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
