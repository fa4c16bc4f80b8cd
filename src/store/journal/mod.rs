//! The journal beside the annotation file: one fsync'd line per save, so that saving a change
//! costs the change, not a rewrite of every annotation.
//!
//! `article.ann.journal` starts with a header naming the annotation file it continues,
//! `tandai-journal 1 <length> <16 hex digits>` (its length in bytes and a 64-bit hash of its
//! bytes), then holds one line per save:
//! `<16 hex digits: hash of the JSON> <JSON list of operations>\n`. Operations are
//! assignments (put this annotation, delete this id, set this paragraph's status, set the id
//! counters), so replaying a line twice gives the same set.
//!
//! Durability: a line is written with one `write` and synced (`fdatasync`) before the save
//! returns, so every change is on disk before the next key is read. A crash can only leave a
//! torn last line (no line end, or a hash that does not match): it is ignored, and the next
//! save cuts it off before appending. The annotation file itself is only ever replaced
//! atomically (a fold: full checked rewrite, then the journal is removed); a crash between the
//! two leaves a journal whose header names the previous file and whose changes are all in the
//! new one: it is ignored, and the next fold or fresh journal replaces it.
//!
//! No silent loss: a journal whose header cannot be read (damaged, another version of the
//! format) is an error at its line 1 and the column where the header goes wrong; one that
//! names another version of the file and would change it is an error too
//! ([`Problem::StaleJournal`](super::Problem::StaleJournal)), until the session sets it aside
//! ([`set_journal_aside`](super::set_journal_aside)). Neither is ever removed nor written over.

mod check;
mod format;
mod ops;
mod replay;
mod saver;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use super::AnnotationFile;

pub(super) use replay::{aside_problem, check_without_file, replay, replay_into};
pub use saver::Saver;

/// The journal of `article`: `dir/stem.ann.journal` (an annotator's:
/// `dir/stem.ann.NAME.journal`, see [`AnnotationFile`]).
pub fn journal_path<'a>(file: impl Into<AnnotationFile<'a>>) -> PathBuf {
    file.into().journal()
}
