//! `tandai report`: a static HTML report of an article or a corpus, read offline from disk.
//!
//! [`report()`] writes into a folder: `index.html` (what the report covers, a link to every
//! page), `corpus.html` (every document with its progress, counts, review, problems and
//! annotators, sortable; charts of labels, quote kinds, quotes per speaker, annotations per
//! day, agreement), one page per article under `articles/` ([`article`]), `report.css` and
//! `report.js`. No page loads anything from the network. Everything taken from the files
//! (article text, notes, labels, names) is escaped by [`escape`].
//!
//! Nothing here prints; the command line (`cli::html_report`) does.

pub mod article;
pub mod charts;
pub mod corpus_page;
pub mod escape;
pub mod index;
pub mod out;
pub mod page;
pub mod palette;
pub mod rows;
pub mod run;
pub mod segments;

use std::io;
use std::path::PathBuf;

pub use run::{Written, report};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The path given cannot be read.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The path holds no article.
    #[error("no articles in {}", path.display())]
    NothingToDo {
        /// The path given.
        path: PathBuf,
    },
    /// The output folder is the input, or holds it.
    #[error(
        "--out {} is {} or a folder holding it: the report is written into a folder of its own, never over its input",
        out.display(),
        input.display()
    )]
    OutHoldsInput {
        /// The output folder.
        out: PathBuf,
        /// The input.
        input: PathBuf,
    },
    /// The output path is a file.
    #[error("--out {} is a file, not a folder: nothing was written", out.display())]
    OutNotFolder {
        /// The output path.
        out: PathBuf,
    },
    /// The output folder holds files a report did not write.
    #[error(
        "--out {} holds files tandai report did not write (no {} in it): choose a new or empty folder; nothing was written",
        out.display(),
        out::MARKER
    )]
    OutNotReport {
        /// The output folder.
        out: PathBuf,
    },
    /// A file of the report could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}
