//! An open article: reading it and its annotations, and running the effects of updates.

use std::path::{Path, PathBuf};

use crate::keymap::Keymap;
use crate::model::{AnnotationSet, Document};
use crate::state::{AppState, Effect};
use crate::store;

/// Why an article could not be opened. Each message names the file (and place, when known).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The article could not be read.
    #[error("{path}: cannot read the article: {source}")]
    Read {
        /// The article.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The article is not UTF-8.
    #[error("{path}:{}:{}: the article is {err}; tandai reads UTF-8 text only", err.line, err.column)]
    NotUtf8 {
        /// The article.
        path: PathBuf,
        /// Where.
        err: crate::model::document::NotUtf8,
    },
    /// The annotation file exists but could not be read; it is left untouched.
    #[error(
        "{0}\nThe annotation file was not changed. Fix it (or move it away) and open the article again."
    )]
    Annotations(store::StoreError),
}

/// The article being annotated, its state and where it is saved.
#[derive(Debug)]
pub struct Session {
    /// The article's path.
    pub article: PathBuf,
    /// The state shown and updated.
    pub state: AppState,
    annotator: String,
}

impl Session {
    /// Reads the article and its annotation file (if any). Never creates or changes a file.
    pub fn open(article: &Path, keymap: Keymap) -> Result<Self, OpenError> {
        let bytes = std::fs::read(article).map_err(|source| OpenError::Read {
            path: article.to_owned(),
            source,
        })?;
        let doc = Document::from_bytes(bytes).map_err(|err| OpenError::NotUtf8 {
            path: article.to_owned(),
            err,
        })?;
        let loaded = store::load(article, &doc).map_err(OpenError::Annotations)?;
        let (set, annotator) = match loaded {
            Some(loaded) => (loaded.set, loaded.annotator),
            None => (
                AnnotationSet::new(doc.paragraphs().len()),
                default_annotator(),
            ),
        };
        let file_name = article.file_name().map_or_else(
            || article.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Self {
            article: article.to_owned(),
            state: AppState::new(doc, set, keymap, file_name),
            annotator,
        })
    }

    /// Runs an effect; returns `true` when the program should quit.
    pub fn run(&mut self, effect: Effect) -> bool {
        match effect {
            Effect::Save => {
                let result = self.save().map_err(|e| e.to_string());
                self.state
                    .update(crate::action::Action::SaveFinished(result));
                false
            }
            Effect::Quit => true,
        }
    }

    /// Writes the annotations atomically beside the article.
    pub fn save(&self) -> Result<(), store::StoreError> {
        store::save(
            &self.article,
            &self.state.doc,
            &self.state.annotations,
            &self.annotator,
        )
    }
}

fn default_annotator() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "editor".into())
}
