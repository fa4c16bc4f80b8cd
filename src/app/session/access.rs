//! Whether a session may write its article's files, and how it says so when it may not.

use std::path::Path;

use super::super::lock::{Lock, Owner};

/// What a session may do with the article's annotation file and journal.
#[derive(Debug)]
pub(super) enum Access {
    /// It holds the lock: it writes the annotation file and the journal.
    Writer(Lock),
    /// It may not write them: its changes stay in memory and go to its conflict copy.
    Reader(Why),
}

/// Why a session may not write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Why {
    /// Another live session held the lock when this one opened.
    HeldBy(Owner),
    /// Another session took the lock (`--force`) while this one held it.
    TakenBy(Owner),
    /// The lock file could not be made (a read-only folder, …): tried again with each save.
    CannotLock(String),
    /// The article changed and the annotation file could not be copied aside before
    /// re-anchoring rewrote it.
    NoBackup(String),
}

impl Why {
    /// Whether the session may take the article when its lock is free.
    pub(super) fn can_take_over(&self) -> bool {
        !matches!(self, Why::NoBackup(_))
    }

    /// Whether it takes it as soon as it can, without asking: nobody else had it.
    pub(super) fn takes_over_unasked(&self) -> bool {
        matches!(self, Why::CannotLock(_))
    }

    /// One short line for the status bar; `kept` is where the changes go, if anywhere yet.
    pub(super) fn describe(&self, kept: Option<&Path>) -> String {
        let name = |p: &Path| {
            p.file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
        };
        let changes = match kept {
            Some(path) => format!("changes kept in {}", name(path)),
            None => "changes kept in memory".into(),
        };
        match self {
            Why::HeldBy(owner) => format!("read-only ({} has it): {changes}", owner.describe()),
            Why::TakenBy(owner) => {
                format!("{} took this article over: {changes}", owner.describe())
            }
            Why::CannotLock(err) => format!("read-only, cannot lock ({err}): {changes}"),
            Why::NoBackup(err) => {
                format!("read-only, no backup before re-anchoring ({err}): {changes}")
            }
        }
    }
}
