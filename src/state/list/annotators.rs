//! Who annotates each document of the list, and how far: the annotators an assignment plan
//! gives it and those with a file of their own beside it, and which documents the list shows
//! when it follows the plan for one annotator.

use std::collections::HashMap;
use std::path::PathBuf;

use super::Row;
use crate::state::summary::Paragraphs;

/// How far one annotator's file of a document is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// There is no file of theirs (yet).
    NoFile,
    /// Their file's paragraph statuses.
    Counted(Paragraphs),
    /// Their file cannot be read, and why.
    Broken(String),
}

/// One annotator's file of a document, as the scan read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotatorFile {
    /// The annotator.
    pub annotator: String,
    /// How far the file is.
    pub progress: Progress,
}

/// One annotator of a document: given it by the plan, with a file of their own, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Work {
    /// The annotator.
    pub annotator: String,
    /// Whether the plan gives them the document.
    pub planned: bool,
    /// How far their file is.
    pub progress: Progress,
}

impl Work {
    /// The planned annotators of a document before its files are read, sorted by name.
    pub fn planned(names: &[String]) -> Vec<Work> {
        let mut works: Vec<Work> = names
            .iter()
            .map(|name| Work {
                annotator: name.clone(),
                planned: true,
                progress: Progress::NoFile,
            })
            .collect();
        works.sort_by(|a, b| a.annotator.cmp(&b.annotator));
        works
    }

    /// `works` with the files `found` put in: a planned annotator takes their file's
    /// progress, an annotator with a file the plan does not name is added; sorted by name.
    pub fn merge(works: &[Work], found: Vec<AnnotatorFile>) -> Vec<Work> {
        let mut merged: Vec<Work> = works
            .iter()
            .filter(|w| w.planned)
            .map(|w| Work {
                progress: Progress::NoFile,
                ..w.clone()
            })
            .collect();
        for file in found {
            match merged.iter_mut().find(|w| w.annotator == file.annotator) {
                Some(work) => work.progress = file.progress,
                None => merged.push(Work {
                    annotator: file.annotator,
                    planned: false,
                    progress: file.progress,
                }),
            }
        }
        merged.sort_by(|a, b| a.annotator.cmp(&b.annotator));
        merged
    }
}

/// Whose files the list opens, and the assignment plan it follows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Team {
    /// The annotator whose files open (`--annotator`); `None`: the gold files.
    pub annotator: Option<String>,
    /// The plan's annotators per article (by its path); `None` without a plan.
    pub plan: Option<HashMap<PathBuf, Vec<String>>>,
    /// Whether to list every article even when the plan gives the annotator only some.
    pub all_articles: bool,
}

impl Team {
    /// Whether the list shows only the articles the plan gives the annotator.
    pub fn only_assigned(&self) -> bool {
        self.annotator.is_some() && self.plan.is_some() && !self.all_articles
    }

    /// The plan's annotators of `path`, before its files are read.
    pub(super) fn works_of(&self, path: &std::path::Path) -> Vec<Work> {
        self.plan
            .as_ref()
            .and_then(|plan| plan.get(path))
            .map_or_else(Vec::new, |names| Work::planned(names))
    }

    /// Whether the list shows `row`: every row, unless it follows the plan for one
    /// annotator; then the articles given them (and the files found broken while walking).
    pub(super) fn shows(&self, row: &Row, article: bool) -> bool {
        if !article || !self.only_assigned() {
            return true;
        }
        let me = self.annotator.as_deref();
        row.annotators
            .iter()
            .any(|w| w.planned && Some(w.annotator.as_str()) == me)
    }
}
