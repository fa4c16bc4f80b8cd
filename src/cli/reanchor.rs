//! `tandai reanchor FILE`: the annotations of a changed article placed on its new text, saved.

use std::path::PathBuf;

use clap::Args;

use super::failure::Failure;
use super::session::{self, Global};
use crate::app;
use crate::keymap::Keymap;

/// `tandai reanchor --help`, after the options.
pub const AFTER_HELP: &str = "Annotations whose text is no longer in the article become orphans: kept in the file, listed by `tandai check` and in the review panel until re-attached or deleted.\n\nExample:\n  tandai reanchor corpus/article.txt";

/// The arguments of `tandai reanchor`.
#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// The article.
    pub file: PathBuf,
}

/// Runs `tandai reanchor`.
pub fn run(args: &ReanchorArgs, global: &Global) -> Result<(), Failure> {
    let file = &args.file;
    let mut session = session::open(file, Keymap::embedded_default(), global, false, false)?;
    let Some(report) = session.reanchored() else {
        println!(
            "{}: the article has not changed; nothing to do",
            file.display()
        );
        return Ok(());
    };
    session.save().map_err(Failure::failed)?;
    let backup = crate::store::before_reanchor_path(file);
    println!(
        "{}: {}",
        file.display(),
        app::reanchor_notice(&report, &backup)
    );
    Ok(())
}
