//! What the background scan of a corpus reports to the list.

use std::path::PathBuf;

use crate::state::summary::{Summary, Trouble};

/// What the scanning thread reports, in this order: `Listed` (or `Failed`), one `Summary` per
/// article, `Done`.
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
        /// The counts, or the first problem met.
        result: Result<Summary, Trouble>,
    },
    /// Every article has been read.
    Done,
    /// The folder itself cannot be read.
    Failed(String),
}
