//! A corpus: a folder of articles, walked recursively, with a summary per document.
//!
//! [`walk()`] lists the articles (`*.txt`) and the annotation files without an article;
//! [`summarize`] reads one document's progress and counts, [`inspect`] every problem of it.

pub mod summary;
pub mod walk;

pub use summary::{Summary, Trouble, inspect, summarize};
pub use walk::{Walk, walk};
