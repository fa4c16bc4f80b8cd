//! Loading and saving the `.ann.ron` annotation file beside an article.
//!
//! Version 1 of the file, as [`save`] writes it (one annotation per line, options bare):
//!
//! ```text
//! #![enable(implicit_some)]
//! Annotations(
//!     version: 1,
//!     text: (
//!         file: "korut-dukung-rusia.txt",
//!         sha256: "8441e0ba…",
//!         chars: 3726,
//!     ),
//!     annotator: "editor",
//!     paragraphs: [
//!         (status: Done, hash: "c1660fcb"),
//!     ],
//!     entities: [
//!         (id: "e1", label: "PER", spans: [(41, 53)], text: "Choe Son Hui"),
//!     ],
//!     quotes: [
//!         (id: "q1", kind: Mixed, spans: [(71, 87), (88, 103)], text: "Korea Utara akan … mendukung Rusia", cue: (spans: [(54, 64)], text: "menyatakan"), speaker: "e1"),
//!     ],
//!     claims: [
//!         (id: "c1", spans: [(364, 390)], text: "ribuan pasukan Korea Utara", claimant: "e2", quote: "q1", checkworthy: Yes),
//!     ],
//!     next_ids: (
//!         entity: 3,
//!         quote: 2,
//!         claim: 2,
//!     ),
//! )
//! ```
//!
//! Spans are half-open character offsets; `text` is what they cover, fragments joined by
//! [`FRAGMENT_JOIN`](crate::model::document::FRAGMENT_JOIN). `note` may follow on any
//! annotation. Reading is strict: anything that does not match the article exactly (hash,
//! paragraph count, spans, texts, ids, links, id counters) is an error with the file's path
//! and, when known, the line and column, so the app never opens annotations it misread and
//! never overwrites a file it could not read.

mod annotation_file;
mod annotators;
#[cfg(test)]
mod arbitrary;
pub(crate) mod atomic;
mod convert;
mod error;
mod fast_v1;
mod hash;
mod journal;
mod load;
mod locate;
mod parties;
mod save;
mod side_files;
mod v1;
mod validate;
mod version;
mod write_v1;

use std::path::PathBuf;

use crate::model::AnnotationSet;

pub use annotation_file::AnnotationFile;
pub use annotators::{Annotator, BadName, annotator_files, annotator_of, annotator_path};
pub use atomic::remove_stale_temps;
pub use error::{Place, Problem, StoreError};
pub use journal::{Saver, journal_path};
pub use load::{Reanchoring, aside_problems, load, load_reanchored, parse, problems};
pub use locate::conflict as conflict_place;
pub use parties::{Party, count_unsettled, load_parties, unsettled};
pub use save::{save, to_checked_ron, to_ron};
pub use side_files::{
    aside_journals, before_reanchor_path, conflict_path, load_from, recovery_path, save_to,
    set_journal_aside,
};

/// What an annotation file holds besides the article reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The annotations, in the set's stable order.
    pub set: AnnotationSet,
    /// Who annotated.
    pub annotator: String,
}

/// Whether the fast reader of version-1 files, whenever it reads `text`, reads what ron reads
/// (for the fuzz target).
#[doc(hidden)]
pub fn fast_reader_agrees(text: &str) -> bool {
    fast_v1::agrees_with_ron(text)
}

/// The annotation file of `article`: `dir/stem.ann.ron` beside `dir/stem.txt` (an
/// annotator's: `dir/stem.ann.NAME.ron`, see [`AnnotationFile`]).
pub fn annotation_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().path()
}

#[cfg(test)]
mod fixtures;
