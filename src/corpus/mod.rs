//! A corpus: a folder of articles, walked recursively, with a summary per document.
//!
//! [`walk()`] lists the articles (`*.txt`) and the annotation files without an article;
//! [`summarize`] reads one document's progress and counts (counted by the pure
//! [`Summary::of`]), [`inspect`] every problem of it; [`spawn_scan`] does the walk and the
//! summaries in a background thread, so a list of thousands of documents draws at once and
//! fills in as summaries arrive (the list's state is `state::CorpusList`); [`generate()`]
//! writes test corpora.

pub mod generate;
pub mod lexicon;
pub mod plan;
pub mod scan;
pub mod shard;
pub mod split;
pub mod summary;
pub mod walk;

pub use generate::generate;
pub use plan::{Plan, PlanError};
pub use scan::{ScanEvent, scan_all, spawn_scan, spawn_scan_for};
pub use summary::{Review, Summary, TeamSummary, Trouble, inspect, summarize, summarize_team};
pub use walk::{Walk, walk};
