//! What the background scan of a corpus reports to the list.

use std::path::PathBuf;

use super::annotators::AnnotatorFile;
use crate::state::summary::{Summary, Trouble};

/// What the scanning thread reports, in this order: `Listed` (or `Failed`), one `Summary` per
/// article, `Done`.
// One event per article, moved once through the channel: boxing the large one would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ScanEvent {
    /// The files found, each list sorted by path.
    Listed {
        /// The articles; `Summary::index` refers to this list.
        articles: Vec<PathBuf>,
        /// Problems found while walking: annotation files without an article, folders that
        /// could not be listed.
        troubles: Vec<Trouble>,
    },
    /// The summary of `articles[index]`, or why it cannot be read.
    Summary {
        /// Index in the `Listed` articles.
        index: usize,
        /// The counts of the file the list opens (the gold file, or the annotator's), or the
        /// first problem met.
        result: Result<Summary, Trouble>,
        /// The annotators' files beside it, sorted by name.
        annotators: Vec<AnnotatorFile>,
        /// The differences between its annotators the gold has not settled, plus the
        /// conflicts the gold records; `None` when there is nothing to settle there.
        unsettled: Option<usize>,
    },
    /// Every article has been read.
    Done,
    /// The folder itself cannot be read.
    Failed(String),
}
