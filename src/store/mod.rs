//! Loading and saving the `.ann.ron` annotation file beside an article.
//!
//! The file is versioned RON (see [`to_ron`] for its shape); reading is strict: any mismatch
//! with the article is an error, so annotations are never silently dropped or misplaced.

mod atomic;
mod convert;
mod error;
mod load;
mod locate;
mod save;
mod v1;
mod validate;
mod version;

use std::path::{Path, PathBuf};

use crate::model::AnnotationSet;

pub use error::{Place, Problem, StoreError};
pub use load::load;
pub use save::{save, to_ron};

/// What an annotation file holds besides the article reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The annotations, in the set's stable order.
    pub set: AnnotationSet,
    /// Who annotated.
    pub annotator: String,
}

/// The annotation file of `article`: `dir/stem.ann.ron` beside `dir/stem.txt`.
pub fn annotation_path(article: &Path) -> PathBuf {
    article.with_extension("ann.ron")
}

#[cfg(test)]
mod fixtures;
