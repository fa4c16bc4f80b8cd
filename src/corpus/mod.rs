//! A corpus: a folder of articles, walked recursively, with a summary per document.
//!
//! [`walk()`] lists the articles (`*.txt`) and the annotation files without an article;
//! [`summarize`] reads one document's progress and counts, [`inspect`] every problem of it;
//! [`spawn_scan`] does the walk and the summaries in a background thread, so a list of
//! thousands of documents draws at once and fills in as summaries arrive; [`CorpusList`] is
//! the document list's state and update (no terminal here); [`generate`] writes test corpora.

pub mod generate;
pub mod list;
pub mod scan;
pub mod summary;
pub mod walk;

pub use generate::generate;
pub use list::{CorpusList, ListAction, ListEffect, Row, RowState, SortKey};
pub use scan::{ScanEvent, scan_all, spawn_scan};
pub use summary::{Review, Summary, Trouble, inspect, summarize};
pub use walk::{Walk, walk};
