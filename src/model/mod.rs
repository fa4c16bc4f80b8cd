//! The heart of tandai: the article, its offsets and its annotations. Pure Rust: no terminal,
//! no files.

pub mod annotation;
pub mod attributes;
pub mod by;
pub mod conflict;
pub mod disagreements;
pub mod document;
pub mod edit;
pub mod fingerprint;
pub mod id;
pub mod kept;
pub mod labels;
pub mod merge3;
pub mod problems;
pub mod provenance;
pub mod reanchor;
pub mod rebase;
pub mod rejection;
pub mod relation;
pub mod set;
pub mod span;
pub mod text_find;

pub use annotation::{
    Checkworthy, Claim, Cue, Entity, Item, ParagraphStatus, Quote, QuoteKind, ReviewStatus, Spans,
    Text,
};
pub use attributes::Attribute;
pub use by::By;
pub use conflict::{About, Conflict, SettleError, Side, Version};
pub use document::{Document, Paragraph};
pub use edit::{Edit, NextIds};
pub use fingerprint::Fingerprint;
pub use id::IdKind;
pub use kept::{Kept, Origin};
pub use labels::{Label, LabelSet};
pub use merge3::{Merged, merge3};
pub use problems::{Problem, problems};
pub use provenance::Source;
pub use rebase::{Rebased, rebase};
pub use rejection::Rejection;
pub use relation::Relation;
pub use set::{AnnotationSet, Near, NearCursor};
pub use span::Span;

/// `format!` for a [`Text`]: formats into inline storage when the result fits in 24 bytes.
pub use compact_str::format_compact;
/// `vec!` for [`Spans`].
pub use smallvec::smallvec;
