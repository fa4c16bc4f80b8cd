//! The reports of the commands without a terminal user interface, for scripts and CI: `check`,
//! `stats` and `show`. Each builds a report and prints nothing (the command line's front ends
//! in `cli/` print them), so tests and later features can use a report directly.

pub mod check;
pub mod show;
pub mod stats;
mod table;

pub use check::{CheckReport, check, check_shard};
pub use show::{ShowReport, show};
pub use stats::{StatsReport, stats, stats_shard};

use std::io;
use std::path::{Path, PathBuf};

use crate::corpus::Trouble;
use crate::store::StoreError;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The path cannot be read at all.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The path holds no article, no annotation file and no folder that could not be listed.
    #[error("no articles in {}", path.display())]
    NothingToDo {
        /// The path given.
        path: PathBuf,
    },
    /// The article cannot be read (`show`).
    #[error("{0}")]
    Article(Trouble),
    /// The annotation file cannot be read (`show`).
    #[error("{0}")]
    Annotations(#[from] StoreError),
}

/// The articles and annotation files under `path`, or why there is nothing to work on.
fn walk(path: &Path) -> Result<crate::corpus::Walk, ReportError> {
    let found = crate::corpus::walk(path).map_err(|source| ReportError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    if found.articles.is_empty() && found.orphans.is_empty() && found.unreadable.is_empty() {
        return Err(ReportError::NothingToDo {
            path: path.to_owned(),
        });
    }
    Ok(found)
}

/// [`walk`], keeping only what belongs to `shard` (everything without one): an article by its
/// path below `path`, an annotation file without its article by its article's, a folder that
/// cannot be listed by its own.
fn walk_shard(
    path: &Path,
    shard: Option<crate::corpus::shard::Shard>,
) -> Result<crate::corpus::Walk, ReportError> {
    let mut found = walk(path)?;
    if let Some(shard) = shard {
        let holds = |p: &Path| shard.holds(path, p);
        found.articles.retain(|a| holds(a));
        found
            .orphans
            .retain(|o| holds(&crate::corpus::walk::article_of(o)));
        found.unreadable.retain(|(folder, _)| holds(folder));
    }
    Ok(found)
}
